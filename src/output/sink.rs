//! Where a command's output goes: standard output, or with `--output FILE` a file created for it
//! (mode 0600, never an existing one), so that generated secrets need not pass through a
//! terminal's scrollback or a shell redirection's 0644 file (issue #12, item 2).

use crate::error::{Error, Result};
use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Standard output, or the `--output` file.
#[derive(Debug, Clone, Default)]
pub(super) enum Sink {
    #[default]
    Stdout,
    File(Arc<OutputFile>),
}

#[derive(Debug)]
pub(super) struct OutputFile {
    pub path: PathBuf,
    file: Mutex<File>,
    written: std::sync::atomic::AtomicU64,
    secrets: std::sync::atomic::AtomicBool,
}

impl OutputFile {
    /// Creates `path` for this command's output: mode 0600, and never over an existing file
    /// (exit 5), so a second run cannot destroy the secrets of the first.
    pub fn create(path: &Path) -> Result<OutputFile> {
        let name = path.display();
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| match e.kind() {
                io::ErrorKind::AlreadyExists => Error::conflict(format!(
                    "--output {name} already exists, and an output file is never overwritten; give a new file name"
                )),
                io::ErrorKind::NotFound => Error::not_found(format!(
                    "--output {name} cannot be created: its folder does not exist"
                )),
                _ => Error::internal(format!("cannot create --output {name}: {e}")),
            })?;
        Ok(OutputFile {
            path: path.to_path_buf(),
            file: Mutex::new(file),
            written: std::sync::atomic::AtomicU64::new(0),
            secrets: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// Records that generated secrets were written to the file.
    pub fn mark_secrets(&self) {
        self.secrets
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn holds_secrets(&self) -> bool {
        self.secrets.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn written(&self) -> u64 {
        self.written.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl Sink {
    /// A writer for the output: standard output (locked), or the file.
    pub fn writer(&self) -> Box<dyn Write + 'static> {
        match self {
            Sink::Stdout => Box::new(io::stdout().lock()),
            Sink::File(f) => Box::new(FileWriter(f.clone())),
        }
    }
}

struct FileWriter(Arc<OutputFile>);

impl Write for FileWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut f = self
            .0
            .file
            .lock()
            .map_err(|_| io::Error::other("the output file's lock is poisoned"))?;
        let n = f.write(buf)?;
        self.0
            .written
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut f = self
            .0
            .file
            .lock()
            .map_err(|_| io::Error::other("the output file's lock is poisoned"))?;
        f.flush()?;
        f.sync_all()
    }
}

/// Standard output when it is a regular file others may read (`> out.csv` under a 022 umask):
/// its name where the system tells it, and its mode.
pub(super) fn stdout_file_readable_by_others() -> Option<(Option<PathBuf>, u32)> {
    use std::os::fd::AsFd;
    let fd = io::stdout().as_fd().try_clone_to_owned().ok()?;
    let meta = File::from(fd).metadata().ok()?;
    let mode = meta.mode() & 0o777;
    if !meta.is_file() || mode & 0o077 == 0 {
        return None;
    }
    Some((std::fs::read_link("/proc/self/fd/1").ok(), mode))
}
