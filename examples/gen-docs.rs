//! Regenerates `completions/` and `man/` from the clap tree: `cargo run --example gen-docs`.

use std::fs;
use std::path::Path;

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["completions", "man"] {
        let d = root.join(dir);
        if d.exists() {
            fs::remove_dir_all(&d)?;
        }
        fs::create_dir_all(&d)?;
    }
    for (path, content) in tokenadm::cli::docs::generated_files() {
        fs::write(root.join(&path), content)?;
        #[allow(clippy::print_stdout)] // a developer's tool, not the product's output
        {
            println!("wrote {}", path.display());
        }
    }
    Ok(())
}
