//! The module layout stays one-way: no two modules of `src/` import each other, directly or
//! through a ring (issue #10, "Rooms"). The checker is a heuristic reader of `use` paths
//! (tools/module-cycles.py says what it counts); a ring it finds names the files and lines.

use std::process::Command;

#[test]
fn no_module_imports_another_that_imports_it() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("python3")
        .arg(format!("{root}/tools/module-cycles.py"))
        .arg(format!("{root}/src"))
        .output()
        .expect("python3 runs the checker");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "import rings in src/:\n{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("no cycles"), "{report}");
}
