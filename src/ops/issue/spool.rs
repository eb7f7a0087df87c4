//! The spool: staged tokens (validated, hashed, nothing in the clear) written to an unnamed
//! temporary file next to the database between hashing and the write transaction, then read
//! twice (to insert, and after the commit to print), so memory does not grow with the input.
//!
//! The file is created already unlinked (`O_TMPFILE` or create-and-unlink), so nothing is left
//! behind if the process dies, and it holds what the database itself holds: argon2 PHC strings
//! and code digests, never a pass code or an authentication code. Generated secrets are not
//! spooled at all; the pipeline makes them again from its per-run key. Secrets a row gave are
//! spooled only where a message needs them, and then sealed under a key of that run.
//!
//! The format is private to one process run: a marker byte, then the fields in a fixed order,
//! strings as a 32-bit length and UTF-8 bytes, options as a presence byte.

use super::check::{PassSource, Staged};
use crate::domain::token::State;
use crate::error::{Error, Result};
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

const RECORD: u8 = 0xA5;

pub(super) struct Spool {
    file: File,
    writer: Option<BufWriter<File>>,
}

fn io(e: std::io::Error) -> Error {
    Error::internal(format!(
        "cannot use the temporary file of staged tokens: {e}"
    ))
}

impl Spool {
    /// An unnamed temporary file in `dir` (the database's folder: its file system is sized for
    /// the database, which the spool stays smaller than).
    pub fn create(dir: &Path) -> Result<Spool> {
        let file = tempfile::tempfile_in(dir).map_err(|e| {
            Error::internal(format!(
                "cannot create a temporary file in {} for the staged tokens: {e}",
                dir.display()
            ))
        })?;
        let writer = BufWriter::with_capacity(256 * 1024, file.try_clone().map_err(io)?);
        Ok(Spool {
            file,
            writer: Some(writer),
        })
    }

    pub fn write(&mut self, s: &Staged) -> Result<()> {
        let w = self
            .writer
            .as_mut()
            .ok_or_else(|| Error::internal("the spool is closed for writing"))?;
        encode(w, s).map_err(io)
    }

    /// Flushes what was written; from here on the spool is only read.
    pub fn finish(&mut self) -> Result<()> {
        if let Some(mut w) = self.writer.take() {
            w.flush().map_err(io)?;
        }
        Ok(())
    }

    /// Reads the staged tokens from the start, in the order they were written.
    pub fn reader(&mut self) -> Result<SpoolReader> {
        self.finish()?;
        let mut file = self.file.try_clone().map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        Ok(SpoolReader {
            r: BufReader::with_capacity(256 * 1024, file),
        })
    }
}

pub(super) struct SpoolReader {
    r: BufReader<File>,
}

impl SpoolReader {
    pub fn next(&mut self) -> Result<Option<Staged>> {
        let mut marker = [0u8; 1];
        match self.r.read(&mut marker).map_err(io)? {
            0 => return Ok(None),
            _ if marker[0] != RECORD => {
                return Err(Error::internal(
                    "the temporary file of staged tokens is corrupt",
                ))
            }
            _ => {}
        }
        decode(&mut self.r).map(Some).map_err(io)
    }
}

fn put_u64(w: &mut impl Write, v: u64) -> std::io::Result<()> {
    w.write_all(&v.to_le_bytes())
}

fn put_str(w: &mut impl Write, s: &str) -> std::io::Result<()> {
    let len = u32::try_from(s.len()).map_err(|_| std::io::ErrorKind::InvalidInput)?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(s.as_bytes())
}

fn put_opt_str(w: &mut impl Write, s: Option<&str>) -> std::io::Result<()> {
    match s {
        None => w.write_all(&[0]),
        Some(s) => {
            w.write_all(&[1])?;
            put_str(w, s)
        }
    }
}

fn encode(w: &mut impl Write, s: &Staged) -> std::io::Result<()> {
    let state = match s.state {
        State::Effective => 0u8,
        State::NotEffective => 1,
        State::PendingVerification => 2,
    };
    let pass = match s.pass_source {
        PassSource::None => 0u8,
        PassSource::Given => 1,
        PassSource::Generated => 2,
    };
    let flags = u8::from(s.auth_generated) | (u8::from(s.skip_verification) << 1);
    w.write_all(&[RECORD, state, pass, flags])?;
    put_u64(w, s.line)?;
    put_u64(w, s.class as u64)?;
    put_opt_str(w, s.identifier.as_deref())?;
    put_opt_str(w, s.name.as_deref())?;
    put_opt_str(w, s.account.as_deref())?;
    put_opt_str(w, s.participant.as_deref())?;
    match s.expires_at {
        None => w.write_all(&[0])?,
        Some(at) => {
            w.write_all(&[1])?;
            w.write_all(&at.to_le_bytes())?;
        }
    }
    put_opt_str(w, s.pass_hash.as_deref())?;
    w.write_all(&s.auth_digest)?;
    put_str(w, &s.auth_hint)?;
    match &s.sealed_given {
        None => w.write_all(&[0]),
        Some(sealed) => {
            w.write_all(&[1])?;
            let len = u32::try_from(sealed.len()).map_err(|_| std::io::ErrorKind::InvalidInput)?;
            w.write_all(&len.to_le_bytes())?;
            w.write_all(sealed)
        }
    }
}

fn get_u8(r: &mut impl Read) -> std::io::Result<u8> {
    let mut b = [0u8; 1];
    r.read_exact(&mut b)?;
    Ok(b[0])
}

fn get_u64(r: &mut impl Read) -> std::io::Result<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

fn get_str(r: &mut impl Read) -> std::io::Result<String> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len)?;
    let mut bytes = vec![0u8; u32::from_le_bytes(len) as usize];
    r.read_exact(&mut bytes)?;
    String::from_utf8(bytes).map_err(|_| std::io::ErrorKind::InvalidData.into())
}

fn get_opt_str(r: &mut impl Read) -> std::io::Result<Option<String>> {
    match get_u8(r)? {
        0 => Ok(None),
        _ => get_str(r).map(Some),
    }
}

fn decode(r: &mut impl Read) -> std::io::Result<Staged> {
    let bad = || std::io::Error::from(std::io::ErrorKind::InvalidData);
    let state = match get_u8(r)? {
        0 => State::Effective,
        1 => State::NotEffective,
        2 => State::PendingVerification,
        _ => return Err(bad()),
    };
    let pass_source = match get_u8(r)? {
        0 => PassSource::None,
        1 => PassSource::Given,
        2 => PassSource::Generated,
        _ => return Err(bad()),
    };
    let flags = get_u8(r)?;
    let line = get_u64(r)?;
    let class = usize::try_from(get_u64(r)?).map_err(|_| bad())?;
    let identifier = get_opt_str(r)?;
    let name = get_opt_str(r)?;
    let account = get_opt_str(r)?;
    let participant = get_opt_str(r)?;
    let expires_at = match get_u8(r)? {
        0 => None,
        _ => Some(get_u64(r)? as i64),
    };
    let pass_hash = get_opt_str(r)?;
    let mut auth_digest = [0u8; 32];
    r.read_exact(&mut auth_digest)?;
    let auth_hint = get_str(r)?;
    let sealed_given = match get_u8(r)? {
        0 => None,
        _ => {
            let mut len = [0u8; 4];
            r.read_exact(&mut len)?;
            let mut bytes = vec![0u8; u32::from_le_bytes(len) as usize];
            r.read_exact(&mut bytes)?;
            Some(bytes)
        }
    };
    Ok(Staged {
        line,
        class,
        state,
        identifier,
        name,
        account,
        participant,
        expires_at,
        pass_hash,
        pass_source,
        auth_digest,
        auth_hint,
        auth_generated: flags & 1 != 0,
        skip_verification: flags & 2 != 0,
        sealed_given,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staged(line: u64) -> Staged {
        Staged {
            line,
            class: 2,
            state: State::PendingVerification,
            identifier: Some("ünïcode@example.com".into()),
            name: None,
            account: Some("AR-1".into()),
            participant: None,
            expires_at: Some(-5),
            pass_hash: Some("$argon2id$v=19$m=256,t=1,p=1$c2FsdA$aGFzaA".into()),
            pass_source: PassSource::Generated,
            auth_digest: [7; 32],
            auth_hint: "…abcd".into(),
            auth_generated: false,
            skip_verification: true,
            sealed_given: Some(vec![1, 2, 3]),
        }
    }

    #[test]
    fn round_trips_in_order_and_reads_twice() {
        let mut spool = Spool::create(&std::env::temp_dir()).unwrap();
        let plain = Staged {
            identifier: None,
            pass_hash: None,
            pass_source: PassSource::None,
            expires_at: None,
            state: State::Effective,
            auth_generated: true,
            skip_verification: false,
            sealed_given: None,
            ..staged(1)
        };
        spool.write(&plain).unwrap();
        spool.write(&staged(2)).unwrap();
        for _ in 0..2 {
            let mut r = spool.reader().unwrap();
            assert_eq!(r.next().unwrap(), Some(plain.clone()));
            assert_eq!(r.next().unwrap(), Some(staged(2)));
            assert_eq!(r.next().unwrap(), None);
        }
    }
}
