//! The outbox key file (issue #11, item 5): the key that seals the secrets of waiting messages,
//! kept outside the database so that a copy of the database alone reveals no secret. Its path
//! is `[outbox] key_file` in the config file (default: `outbox.key` beside the default config
//! file, `$XDG_CONFIG_HOME/tokenadm/outbox.key`). A command that queues a message with a secret
//! creates it on first use, mode 0600, without ever replacing one that exists (two first
//! commands racing agree on one key); delivery only reads it. A key file that other users can
//! read is refused, as ssh refuses such a private key.
//!
//! The file holds the 32-byte key as 64 hexadecimal digits and a newline.

use crate::domain::seal::{SealKey, KEY_LEN};
use crate::error::{Error, Result};
use crate::ops::OutboxKey;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use zeroize::Zeroizing;

#[derive(Debug)]
pub struct KeyFile {
    /// None when there is nowhere to keep one (no `key_file`, and no home folder).
    path: Option<PathBuf>,
    key: OnceLock<SealKey>,
}

impl KeyFile {
    pub fn new(path: Option<PathBuf>) -> KeyFile {
        KeyFile {
            path,
            key: OnceLock::new(),
        }
    }

    fn path(&self) -> Result<&Path> {
        self.path.as_deref().ok_or_else(|| {
            Error::usage(
                "there is nowhere to keep the outbox key: set [outbox] key_file in the config file, or HOME",
            )
        })
    }

    /// The key in the file, or None when there is no file.
    fn read(&self) -> Result<Option<SealKey>> {
        if let Some(k) = self.key.get() {
            return Ok(Some(k.clone()));
        }
        let path = self.path()?;
        let text = match std::fs::read(path) {
            Ok(t) => Zeroizing::new(t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Error::internal(format!(
                    "cannot read the outbox key file {}: {e}",
                    path.display()
                )))
            }
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path)
                .map_err(|e| {
                    Error::internal(format!(
                        "cannot read the outbox key file {}: {e}",
                        path.display()
                    ))
                })?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                return Err(Error::invalid(format!(
                    "the outbox key file {} can be read by other users (mode {:o}); make it private with chmod 600 {}",
                    path.display(),
                    mode & 0o777,
                    path.display()
                )));
            }
        }
        let key = parse(&text).ok_or_else(|| {
            Error::invalid(format!(
                "the outbox key file {} does not hold a key (64 hexadecimal digits); restore it from a copy",
                path.display()
            ))
        })?;
        let _ = self.key.set(key.clone());
        Ok(Some(key))
    }

    /// A new key written to the file, unless another process wrote one first: then that one.
    fn create(&self) -> Result<SealKey> {
        let path = self.path()?;
        let io = |e: std::io::Error| {
            Error::internal(format!(
                "cannot create the outbox key file {}: {e}",
                path.display()
            ))
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(io)?;
        let key = SealKey::generate();
        // tempfile creates the file 0600.
        let mut file = tempfile::Builder::new()
            .prefix(".outbox.key.")
            .tempfile_in(dir)
            .map_err(io)?;
        let text = Zeroizing::new(format!("{}\n", crate::domain::token::hex(key.bytes())));
        file.write_all(text.as_bytes()).map_err(io)?;
        file.as_file().sync_all().map_err(io)?;
        match file.persist_noclobber(path) {
            Ok(_) => {
                let _ = self.key.set(key.clone());
                Ok(key)
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => self
                .read()?
                .ok_or_else(|| Error::internal("the outbox key file vanished as it was created")),
            Err(e) => Err(io(e.error)),
        }
    }
}

impl OutboxKey for KeyFile {
    fn for_sealing(&self) -> Result<SealKey> {
        match self.read()? {
            Some(k) => Ok(k),
            None => self.create(),
        }
    }

    fn for_opening(&self) -> Result<Option<SealKey>> {
        self.read()
    }

    fn location(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "(no key_file set and no HOME)".into(),
        }
    }
}

fn parse(text: &[u8]) -> Option<SealKey> {
    let text = std::str::from_utf8(text).ok()?.trim();
    if text.len() != KEY_LEN * 2 {
        return None;
    }
    let mut key = [0u8; KEY_LEN];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(SealKey::from_bytes(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_once_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("outbox.key");
        let file = KeyFile::new(Some(path.clone()));
        assert!(file.for_opening().unwrap().is_none());
        let key = file.for_sealing().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Another process reads the same key, and never makes a second one.
        let other = KeyFile::new(Some(path.clone()));
        assert_eq!(other.for_opening().unwrap().unwrap().bytes(), key.bytes());
        assert_eq!(other.create().unwrap().bytes(), key.bytes());
    }

    #[test]
    fn a_key_file_others_can_read_or_that_holds_no_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outbox.key");
        std::fs::write(&path, "not a key\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let err = KeyFile::new(Some(path.clone())).for_opening().unwrap_err();
            assert!(err.message.contains("chmod 600"), "{}", err.message);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let err = KeyFile::new(Some(path)).for_sealing().unwrap_err();
        assert!(
            err.message.contains("does not hold a key"),
            "{}",
            err.message
        );
    }
}
