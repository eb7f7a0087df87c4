#!/usr/bin/env python3
"""Lists the import edges between the modules of src/ops and fails on any ring.

A module of ops is `ops` itself (src/ops/mod.rs) or `ops::X`: src/ops/X.rs together with
everything under src/ops/X/, so a submodule's imports count as its top-level module's, and its
edges to its own parent are internal. An edge is any path through `super::` or `crate::ops::`
in code (comments are left out), in `use` lines or inline (`super::lifecycle::f(...)`), tests
included. Usage: tools/ops-cycles.py [SRC_OPS_DIR]; exit 1 when some modules form a ring.
"""

import os
import re
import sys


def code_only(text):
    """The text with comments removed and string and char literals blanked to `""`."""
    pattern = re.compile(
        r'//[^\n]*|/\*.*?\*/|r(#*)".*?"\1|b?"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])\'', re.S
    )
    return pattern.sub(lambda m: '""' if m.group(0)[0] in "rb\"'" else "", text)


def inline_mods(code):
    """(start, end) of the body of each `mod name { ... }` in the file, e.g. `mod tests`."""
    spans = []
    for m in re.finditer(r"\bmod\s+[A-Za-z_][A-Za-z0-9_]*\s*\{", code):
        depth = 0
        for i in range(m.end() - 1, len(code)):
            if code[i] == "{":
                depth += 1
            elif code[i] == "}":
                depth -= 1
                if depth == 0:
                    spans.append((m.end(), i))
                    break
    return spans


def module_path(root, file):
    """The file's own module path (ops, ops::issue, ops::issue::pipeline, ...)."""
    rel = os.path.relpath(file, root)[: -len(".rs")].split(os.sep)
    if rel[-1] == "mod":
        rel = rel[:-1]
    return ["ops"] + rel


def heads(tail):
    """The first segment of each path after a prefix: `x::y` gives [x], `{x, y::z}` [x, y]."""
    tail = tail.lstrip()
    if not tail.startswith("{"):
        m = re.match(r"[A-Za-z_][A-Za-z0-9_]*|\*", tail)
        return [m.group(0)] if m else []
    depth, item, out = 0, "", []
    for ch in tail:
        if ch == "{":
            depth += 1
            if depth == 1:
                continue
        elif ch == "}":
            depth -= 1
            if depth == 0:
                out.append(item)
                break
        if depth == 1 and ch == ",":
            out.append(item)
            item = ""
        else:
            item += ch
    names = []
    for it in out:
        m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*|\*)", it)
        if m:
            names.append(m.group(1))
    return names


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "src/ops"
    files = []
    for d, _, names in os.walk(root):
        files += [os.path.join(d, n) for n in names if n.endswith(".rs")]
    tops = {module_path(root, f)[1] for f in files if len(module_path(root, f)) > 1}
    top = lambda path: "ops" if len(path) == 1 else "ops::" + path[1]
    edges = {}
    for f in sorted(files):
        own = module_path(root, f)
        src = top(own)
        code = code_only(open(f, encoding="utf-8").read())
        mods = inline_mods(code)
        # `super::super::x`, `super::x`, `crate::ops::x`: resolve against the file's own path.
        for m in re.finditer(r"\b((?:super::)+|crate::ops::)", code):
            prefix = m.group(1)
            if prefix == "crate::ops::":
                base = ["ops"]
            else:
                # Inside a `mod tests { ... }` of the file, `super::` is the file itself.
                here = own + ["<inline>"] * sum(a <= m.start() < b for a, b in mods)
                base = here[: len(here) - prefix.count("super::")]
            for name in heads(code[m.end():]):
                if name in ("self", "*") or base[-1] == "<inline>":
                    target = base
                elif len(base) == 1 and name in tops:
                    target = base + [name]
                else:
                    target = base
                dst = top(target)
                if dst != src:
                    edges.setdefault(src, set()).add(dst)
    nodes = sorted({"ops"} | {"ops::" + t for t in tops})
    for n in nodes:
        print(f"{n} -> {', '.join(sorted(edges.get(n, ()))) or '(nothing in ops)'}")

    # Tarjan's strongly connected components: any with two or more modules is a ring.
    index, low, stack, on, rings, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                rings.append(sorted(comp))

    for n in nodes:
        if n not in index:
            visit(n)
    if rings:
        for r in rings:
            print("RING: " + " <-> ".join(r))
        return 1
    print(f"no rings among {len(nodes)} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
