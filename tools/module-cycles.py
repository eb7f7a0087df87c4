#!/usr/bin/env python3
"""Module-level import cycles in a Rust crate's source tree.

Usage: tools/module-cycles.py [SRC] [--under PREFIX] [--depth N] [--no-tests] [--edges]

SRC defaults to `src` (the library: `lib.rs` is the crate root; `main.rs` and other binary
roots are left out, since nothing can import them). Every file is one module: `a/b.rs` and
`a/b/mod.rs` are both `a::b`, and `a/b/c.rs` is `a::b::c`. Inline modules (`mod tests { … }`)
belong to the file they are written in.

Module M depends on module N when M names an item through N: in a `use` declaration
(`use crate::a::b::Item`, `use super::Item`, `pub use child::Item`) or in a qualified path in
its code (`crate::a::b::f()`, `child::f()`, `super::super::X`, `alias::f()` after
`use crate::a::b as alias`, or `child::f()` in a test module that has `use super::*`). A
path is charged to the longest module prefix it names, so `crate::domain::definition::Media`
is an edge to `domain::definition` even when that module only re-exports `Media` from a
submodule (the re-export is then that module's own edge). A submodule naming its parent's
items (`use super::Thing`) is an edge to the parent; declaring a submodule (`mod child;`) is
not an edge to it. Paths into other crates are ignored.

Edges from test code (`#[cfg(test)]` modules, files and items) are marked and count unless
`--no-tests` is given. `--depth N` merges every module into its first N path segments (so
`--depth 2` shows `domain::definition` for everything under it). `--under PREFIX` keeps only
modules at or under PREFIX (`--under domain`). `--edges` lists every edge.

Prints each group of modules that import one another (a strongly connected component), a
shortest ring through it, and the places that make each edge of the group. Exit status: 0
when there is no cycle, 1 when there is one, 2 on a usage error.
"""

import argparse
import os
import re
import signal
import sys
from collections import defaultdict, deque

ROOT = "crate"


# ---------------------------------------------------------------------------------------------
# Lexing: identifiers, `::` and punctuation, with comments and literals dropped.


def lex(text):
    """Yields (kind, value, line) with kind one of "ident", "::", "punct"."""
    i, n, line = 0, len(text), 1
    ident_start = re.compile(r"[A-Za-z_]")
    ident_re = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    line += text[i] == "\n"
                    i += 1
        elif c in "rb" and re.match(r"(br|r)#*\"", text[i:i + 40]):
            m = re.match(r"(br|r)(#*)\"", text[i:])
            close = '"' + m.group(2)
            j = text.find(close, i + m.end())
            j = n if j < 0 else j + len(close)
            line += text.count("\n", i, j)
            i = j
        elif c == '"' or (c == "b" and text.startswith('b"', i)):
            i += 1 if c == '"' else 2
            while i < n and text[i] != '"':
                if text[i] == "\\":
                    i += 1
                line += i < n and text[i] == "\n"
                i += 1
            i += 1
        elif c == "'" or (c == "b" and text.startswith("b'", i)):
            start = i + (1 if c == "'" else 2)
            m = re.match(r"(\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F_]*\}|.)|[^\\'\n])'", text[start:start + 16])
            if m:  # a character literal
                i = start + m.end()
            elif c == "'":  # a lifetime or label: skip the quote, the name lexes as an ident
                i += 1
            else:
                i += 1
        elif c == "r" and text.startswith("r#", i) and ident_start.match(text, i + 2):
            m = ident_re.match(text, i + 2)
            yield ("ident", m.group(0), line)
            i = m.end()
        elif ident_start.match(c):
            m = ident_re.match(text, i)
            yield ("ident", m.group(0), line)
            i = m.end()
        elif c.isdigit():
            m = re.compile(r"[0-9][0-9A-Za-z_]*(\.[0-9][0-9A-Za-z_]*)?").match(text, i)
            i = m.end()
        elif text.startswith("::", i):
            yield ("::", "::", line)
            i += 2
        else:
            yield ("punct", c, line)
            i += 1


# ---------------------------------------------------------------------------------------------
# Files and modules.


def file_modules(src):
    """{module path tuple: file path} for every .rs file under src except binary roots."""
    modules = {}
    for dirpath, _, files in os.walk(src):
        for name in files:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, src).replace(os.sep, "/")
            if rel == "main.rs" or rel.startswith("bin/"):
                continue
            parts = rel[:-3].split("/")
            if parts == ["lib"]:
                parts = []
            elif parts[-1] == "mod":
                parts = parts[:-1]
            modules[tuple(parts)] = path
    return modules


def parse_use_tree(tokens, i):
    """Parses a use tree from tokens[i]; returns ([(segments, alias or None, is_glob)], next i)."""
    prefix = []
    results = []
    while i < len(tokens):
        kind, value, _ = tokens[i]
        if kind == "ident" and value != "as":
            prefix.append(value)
            i += 1
        elif kind == "::":
            i += 1
        elif kind == "punct" and value == "*":
            results.append((prefix, None, True))
            return results, i + 1
        elif kind == "punct" and value == "{":
            i += 1
            while i < len(tokens) and tokens[i][1] != "}":
                if tokens[i][1] == ",":
                    i += 1
                    continue
                inner, i = parse_use_tree(tokens, i)
                for segs, alias, glob in inner:
                    if segs and segs[0] == "self" and len(segs) == 1:
                        results.append((prefix, alias or (prefix[-1] if prefix else None), glob))
                    else:
                        results.append((prefix + segs, alias, glob))
            return results, i + 1
        elif kind == "ident" and value == "as":
            alias = tokens[i + 1][1] if i + 1 < len(tokens) else None
            results.append((prefix, alias, False))
            return results, i + 2
        else:
            break
    if prefix:
        results.append((prefix, prefix[-1], False))
    return results, i


class Scope:
    """One module being read: a file's own module or an inline module inside it."""

    def __init__(self, path, depth, test):
        self.path = path  # the module path tuple (inline modules included)
        self.depth = depth  # brace depth inside this module's body
        self.test = test
        self.aliases = {}  # name -> absolute path tuple, from this scope's `use` declarations
        self.globs = []  # modules whose names this scope imports with `use …::*`


def scan_file(path, module, modules, inline, test_files, record):
    """Records (from, to, test, line, path text) for every crate path the file names."""
    with open(path, encoding="utf-8") as f:
        tokens = list(lex(f.read()))
    file_test = module in test_files
    scopes = [Scope(module, 0, file_test)]
    by_path = {module: scopes[0]}  # this file's scopes, for names a glob import brings in
    test_regions = []  # brace depths at which a #[cfg(test)] item's body closes
    depth = 0
    pending_test = False  # a #[cfg(test)] attribute waits for its item
    known = set(modules) | set(inline)

    def children(scope_path):
        return {m[-1] for m in known if len(m) == len(scope_path) + 1 and m[:-1] == scope_path}

    def resolve(segs, scope):
        segs = list(segs)
        if not segs:
            return None
        cur = scope.path
        if segs[0] == "crate":
            base, segs = (), segs[1:]
        elif segs[0] in ("self", "super"):
            base = cur
            while segs and segs[0] in ("self", "super"):
                if segs[0] == "super":
                    if not base:
                        return None
                    base = base[:-1]
                segs = segs[1:]
        elif segs[0] in scope.aliases:
            base, segs = scope.aliases[segs[0]], segs[1:]
        elif segs[0] in children(cur):
            base = cur
        else:
            # `use super::*` (as in test modules) brings in the parent's submodules and imports.
            for glob in scope.globs:
                if segs[0] in children(glob):
                    return tuple(glob) + tuple(segs)
                if glob in by_path and segs[0] in by_path[glob].aliases:
                    return by_path[glob].aliases[segs[0]] + tuple(segs[1:])
            return None  # another crate, a local type, a variant, a generic parameter
        return tuple(base) + tuple(segs)

    def target(full):
        for k in range(len(full), -1, -1):
            prefix = full[:k]
            if prefix in modules:
                return prefix
            if prefix in inline:
                return inline[prefix]
        return None

    def emit(full, line, text, scope):
        to = target(full)
        if to is None:
            return
        src_mod = module
        in_test = scope.test or bool(test_regions) or pending_test
        if to != src_mod:
            record(src_mod, to, in_test, path, line, text)

    i = 0
    while i < len(tokens):
        kind, value, line = tokens[i]
        scope = scopes[-1]
        if kind == "punct" and value == "#":
            # An attribute: #[...] or #![...]. Note cfg(test) for the item after it.
            j = i + 1
            if j < len(tokens) and tokens[j][1] == "!":
                j += 1
            if j < len(tokens) and tokens[j][1] == "[":
                level, k = 0, j
                words = []
                while k < len(tokens):
                    if tokens[k][1] == "[":
                        level += 1
                    elif tokens[k][1] == "]":
                        level -= 1
                        if level == 0:
                            break
                    words.append(tokens[k][1])
                    k += 1
                text = "".join(words)
                if text.startswith("[cfg(") and re.search(r"\btest\b", text) and "not(test" not in text:
                    if tokens[i + 1][1] == "!":
                        scope.test = True  # #![cfg(test)] at the top of a file or module
                    else:
                        pending_test = True
                i = k + 1
                continue
        if kind == "ident" and value == "mod" and i + 2 < len(tokens) and tokens[i + 1][0] == "ident":
            name = tokens[i + 1][1]
            after = tokens[i + 2][1]
            if after == "{":
                depth += 1
                scopes.append(Scope(scope.path + (name,), depth, scope.test or pending_test or bool(test_regions)))
                by_path[scope.path + (name,)] = scopes[-1]
                pending_test = False
                i += 3
                continue
            if after == ";":
                pending_test = False
                i += 3
                continue
        if kind == "ident" and value == "use":
            j = i + 1
            if j < len(tokens) and tokens[j][0] == "::":
                # ::crate_name::… is always another crate.
                while j < len(tokens) and tokens[j][1] != ";":
                    j += 1
                pending_test = False
                i = j + 1
                continue
            trees, j = parse_use_tree(tokens, j)
            for segs, alias, glob in trees:
                full = resolve(segs, scope)
                if full is None:
                    continue
                emit(full, line, "use " + "::".join(segs) + ("::*" if glob else ""), scope)
                if glob:
                    scope.globs.append(full)
                if alias and not glob and alias != "self" and (full in modules or full in inline):
                    # A module brought into scope: `alias::item` later names it again.
                    scope.aliases[alias] = full
            while j < len(tokens) and tokens[j][1] != ";":
                j += 1
            pending_test = False
            i = j + 1
            continue
        if kind == "ident" and i + 1 < len(tokens) and tokens[i + 1][0] == "::" and (
            i == 0 or tokens[i - 1][0] != "::"
        ):
            segs = [value]
            j = i + 1
            while j + 1 < len(tokens) and tokens[j][0] == "::" and tokens[j + 1][0] == "ident":
                segs.append(tokens[j + 1][1])
                j += 2
            full = resolve(segs, scope)
            if full is not None:
                emit(full, line, "::".join(segs), scope)
            i = j
            continue
        if kind == "punct" and value == "{":
            depth += 1
            if pending_test:
                test_regions.append(depth)
                pending_test = False
        elif kind == "punct" and value == "}":
            if test_regions and test_regions[-1] == depth:
                test_regions.pop()
            if len(scopes) > 1 and scopes[-1].depth == depth:
                scopes.pop()
            depth -= 1
        elif kind == "punct" and value == ";" and pending_test and not test_regions:
            pending_test = False
        i += 1


def inline_modules(modules):
    """{inline module path: the file module it is written in}, and the file modules declared
    under #[cfg(test)] (their whole file, submodules included, is test code)."""
    inline, test_files = {}, set()
    for module, path in modules.items():
        with open(path, encoding="utf-8") as f:
            tokens = list(lex(f.read()))
        stack = [(module, 0)]  # (module path, brace depth of its body)
        depth, pending_test = 0, False
        for i, (kind, value, _) in enumerate(tokens):
            if value == "test" and i >= 2 and tokens[i - 2][1] == "cfg" and tokens[i - 1][1] == "(":
                pending_test = True
            elif kind == "ident" and value == "mod" and i + 2 < len(tokens) and tokens[i + 1][0] == "ident":
                name, after = tokens[i + 1][1], tokens[i + 2][1]
                if after == "{":
                    inline[stack[-1][0] + (name,)] = module
                    stack.append((stack[-1][0] + (name,), depth + 1))
                elif after == ";" and pending_test:
                    test_files.add(stack[-1][0] + (name,))
                if after in ("{", ";"):
                    pending_test = False
            elif value == "{":
                depth += 1
            elif value == "}":
                if len(stack) > 1 and stack[-1][1] == depth:
                    stack.pop()
                depth -= 1
            elif value == ";":
                pending_test = False
    for module in list(modules):
        if any(module[:k] in test_files for k in range(1, len(module))):
            test_files.add(module)
    return inline, test_files


# ---------------------------------------------------------------------------------------------
# Graph.


def sccs(nodes, edges):
    """Tarjan's strongly connected components, iterative."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = [0]
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]
                    counter[0] += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(edges.get(nxt, ())))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    group.append(top)
                    if top == node:
                        break
                out.append(sorted(group))
    return out


def shortest_ring(group, edges):
    """A shortest cycle through the group's first member, staying inside the group."""
    members = set(group)
    start = group[0]
    prev = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in sorted(edges.get(node, ())):
            if nxt not in members:
                continue
            if nxt == start:
                ring = [node]
                while prev[ring[-1]] is not None:
                    ring.append(prev[ring[-1]])
                return list(reversed(ring)) + [start]
            if nxt not in prev:
                prev[nxt] = node
                queue.append(nxt)
    return [start]


def name(module):
    return "::".join(module) if module else ROOT


def main():
    parser = argparse.ArgumentParser(
        description="Report module-level import cycles in a Rust source tree.",
        epilog="See the header of this file for what counts as an edge.",
    )
    parser.add_argument("src", nargs="?", default="src", help="source directory (default: src)")
    parser.add_argument("--under", help="only modules at or under this path, e.g. domain")
    parser.add_argument("--depth", type=int, help="merge modules into their first N segments")
    parser.add_argument("--no-tests", action="store_true", help="leave out edges from test code")
    parser.add_argument("--edges", action="store_true", help="list every edge as well")
    args = parser.parse_args()
    if not os.path.isdir(args.src):
        parser.error(f"{args.src} is not a directory")

    modules = file_modules(args.src)
    inline, test_files = inline_modules(modules)
    raw = []  # (from, to, test, file, line, text)
    for module, path in sorted(modules.items()):
        scan_file(path, module, modules, inline, test_files, lambda *e: raw.append(e))

    under = tuple(args.under.split("::")) if args.under else None

    def node(module):
        if args.depth is not None:
            module = module[: args.depth]
        return module

    def kept(module):
        return under is None or module[: len(under)] == under

    nodes = {node(m) for m in modules if kept(m)}
    evidence = defaultdict(list)
    for src, dst, test, path, line, text in raw:
        if args.no_tests and test:
            continue
        a, b = node(src), node(dst)
        if a == b or not (kept(src) and kept(dst)):
            continue
        evidence[(a, b)].append((test, path, line, text))
    edges = defaultdict(set)
    for a, b in evidence:
        edges[a].add(b)

    def describe(a, b):
        places = evidence[(a, b)]
        only_test = all(t for t, *_ in places)
        shown = [f"{p}:{l} ({x})" for _, p, l, x in places[:3]]
        more = f" and {len(places) - 3} more" if len(places) > 3 else ""
        return f"{name(a)} -> {name(b)}{' [test only]' if only_test else ''}: " + ", ".join(shown) + more

    test_edges = sum(1 for places in evidence.values() if all(t for t, *_ in places))
    scope = f" under {name(under)}" if under else ""
    print(
        f"{len(nodes)} modules{scope}, {len(evidence)} edges ({test_edges} only from test code)"
        + (f", merged to depth {args.depth}" if args.depth is not None else "")
        + (", test code left out" if args.no_tests else "")
    )
    if args.edges:
        for a, b in sorted(evidence):
            print("  " + describe(a, b))

    groups = [g for g in sccs(nodes, edges) if len(g) > 1]
    groups.sort()
    if not groups:
        print("no cycles")
        return 0
    print(f"{len(groups)} cycle group(s):")
    for n, group in enumerate(groups, 1):
        print(f"\n[{n}] {len(group)} modules: {', '.join(name(m) for m in group)}")
        print("    ring: " + " -> ".join(name(m) for m in shortest_ring(group, edges)))
        members = set(group)
        for a in group:
            for b in sorted(edges.get(a, ())):
                if b in members:
                    print("    " + describe(a, b))
    return 1


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    sys.exit(main())
