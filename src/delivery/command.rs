//! Messages through an external program (`email_command`, `sms_command`): the program is run
//! with its configured arguments plus the recipient as the last argument, gets the RFC 5322
//! message (email) or the SMS text on stdin, and its exit status decides: 0 is sent, anything
//! else failed with the first line of its stderr. It is killed when it outlives the timeout.
//!
//! Like sendmail's callers, we read the sysexits.h codes 65 (EX_DATAERR), 67 (EX_NOUSER)
//! and 68 (EX_NOHOST) as "this message can never be delivered" (permanent); every other
//! failure is transient and retried.
//!
//! The program's stdout is discarded: tokenadm's own stdout is for scripts (`--format json`)
//! and must not be interleaved with a helper's chatter.

use super::config::CommandSpec;
use super::transport::{build_email, media_name, OutgoingMessage, SendError, Transport};
use crate::domain::definition::Media;
use lettre::message::Mailbox;
use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Exit statuses that mean "never deliverable" (sysexits.h).
const PERMANENT_EXIT_CODES: [i32; 3] = [65, 67, 68];
/// How much of stderr to keep; the rest is drained so the program never blocks on it.
const STDERR_KEEP: u64 = 64 * 1024;
const STDERR_LINE_MAX: usize = 200;

pub struct CommandTransport {
    spec: CommandSpec,
    media: Media,
    /// The `From` of emails; None for SMS.
    from: Option<Mailbox>,
    timeout: Duration,
}

impl CommandTransport {
    pub fn email(spec: CommandSpec, from: Mailbox, timeout: Duration) -> Self {
        CommandTransport {
            spec,
            media: Media::Email,
            from: Some(from),
            timeout,
        }
    }

    pub fn sms(spec: CommandSpec, timeout: Duration) -> Self {
        CommandTransport {
            spec,
            media: Media::Sms,
            from: None,
            timeout,
        }
    }

    fn input(&self, msg: &OutgoingMessage) -> Result<Vec<u8>, SendError> {
        match (&self.from, msg.media) {
            (Some(from), Media::Email) => Ok(build_email(from, msg)?.formatted()),
            (None, Media::Sms) => Ok(msg.body.clone().into_bytes()),
            _ => Err(SendError::permanent(format!(
                "the {} command `{}` cannot send {} messages",
                media_name(self.media),
                self.spec.program,
                media_name(msg.media)
            ))),
        }
    }
}

/// Kills the program and every process of its group, then reaps it. Kill errors mean it exited
/// in the meantime; wait reaps it either way.
fn kill_all(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) only sends a signal; -pid names the process group the child leads
        // (process_group(0) at spawn), which holds only what it started.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

impl Transport for CommandTransport {
    fn send(&self, msg: &OutgoingMessage) -> Result<(), SendError> {
        check_recipient(&msg.recipient)?;
        let input = self.input(msg)?;
        let program = &self.spec.program;
        let deadline = Instant::now() + self.timeout;

        let mut command = Command::new(program);
        command
            .args(&self.spec.args)
            .arg(&msg.recipient)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        // Its own process group, so that a timeout kills what it started too (a shell script's
        // `curl`, say), not only the script.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command
            .spawn()
            .map_err(|e| SendError::transient(format!("cannot run `{program}`: {e}")))?;

        // Feed stdin and drain stderr on their own threads: a program that writes a lot of
        // stderr before reading its input would otherwise deadlock against us. Neither thread
        // is joined, because a grandchild that inherited the pipes could keep them open past
        // the program's exit; they end when the pipes close.
        if let Some(mut stdin) = child.stdin.take() {
            std::thread::spawn(move || {
                // A program may exit without reading everything (EPIPE); its exit status,
                // not our write, says whether the message was sent.
                let _ = stdin.write_all(&input);
            });
        }
        let (stderr_tx, stderr_rx) = mpsc::channel();
        if let Some(stderr) = child.stderr.take() {
            std::thread::spawn(move || {
                let mut kept = Vec::new();
                let mut stderr = stderr;
                let _ = (&mut stderr).take(STDERR_KEEP).read_to_end(&mut kept);
                let _ = std::io::copy(&mut stderr, &mut std::io::sink());
                let _ = stderr_tx.send(kept);
            });
        }

        let status = match wait_until(&mut child, deadline) {
            Ok(Some(status)) => status,
            Ok(None) => {
                kill_all(&mut child);
                return Err(SendError::transient(format!(
                    "`{program}` did not finish within the timeout of {}s and was killed",
                    self.timeout.as_secs()
                )));
            }
            Err(e) => {
                kill_all(&mut child);
                return Err(SendError::transient(format!(
                    "cannot wait for `{program}`: {e}"
                )));
            }
        };
        if status.success() {
            return Ok(());
        }

        let stderr = stderr_rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or_default();
        let how = describe_status(status);
        let permanent = status
            .code()
            .is_some_and(|c| PERMANENT_EXIT_CODES.contains(&c));
        let message = match first_line(&stderr, &msg.body) {
            Some(line) => format!("`{program}` {how}: {line}"),
            None => format!("`{program}` {how} without a message on stderr"),
        };
        Err(SendError { permanent, message })
    }
}

/// The recipient becomes a program argument, so one that starts with `-` could be read as an
/// option (the classic `sendmail -oQ…` injection); and control characters have no place in
/// an address or phone number.
fn check_recipient(recipient: &str) -> Result<(), SendError> {
    if recipient.trim().is_empty() {
        return Err(SendError::permanent("the message has no recipient"));
    }
    if recipient.starts_with('-') || recipient.chars().any(char::is_control) {
        return Err(SendError::permanent(format!(
            "the recipient {recipient:?} cannot be passed to a command: it starts with `-` or holds control characters"
        )));
    }
    Ok(())
}

/// Polls for the child's exit until the deadline; `Ok(None)` when it is still running.
/// std has no wait-with-timeout, and a short poll costs nothing next to a process start.
fn wait_until(child: &mut Child, deadline: Instant) -> std::io::Result<Option<ExitStatus>> {
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(25));
    }
}

fn describe_status(status: ExitStatus) -> String {
    if let Some(code) = status.code() {
        return format!("exited with status {code}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("was killed by signal {signal}");
        }
    }
    format!("failed ({status})")
}

/// The first non-blank line of stderr, at most 200 characters.
/// The first non-empty line of the program's stderr, without anything of the message body:
/// a gateway script that echoes its input or request URL would otherwise put the code it was
/// sending into `last_error` and the audit log, which cannot be erased. Every word of the body
/// of at least 6 characters (as written, and without trailing punctuation) is masked.
fn first_line(stderr: &[u8], body: &str) -> Option<String> {
    let text = String::from_utf8_lossy(stderr);
    let mut line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())?
        .to_string();
    for word in body.split_whitespace() {
        let bare = word.trim_end_matches(|c: char| ".,;:!?)\"'".contains(c));
        for w in [word, bare] {
            if w.chars().count() >= 6 {
                line = line.replace(w, "[…]");
            }
        }
    }
    let mut out: String = line.chars().take(STDERR_LINE_MAX).collect();
    if line.chars().count() > STDERR_LINE_MAX {
        out.push('…');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_is_trimmed_and_truncated() {
        assert_eq!(first_line(b"", ""), None);
        assert_eq!(first_line(b"\n  \nboom\nmore", ""), Some("boom".into()));
        let long = "é".repeat(300);
        let line = first_line(long.as_bytes(), "").unwrap();
        assert_eq!(line.chars().count(), 201);
        assert!(line.ends_with('…'));
    }

    #[test]
    fn the_message_body_never_reaches_the_error() {
        let body = "Your code: 482913.\nNew pass code: Tr0ub4dor&3-staple\nBye";
        let line = first_line(
            b"curl: (22) GET /send?to=+1555&text=Your%20code 482913 Tr0ub4dor&3-staple failed",
            body,
        )
        .unwrap();
        assert!(
            !line.contains("482913") && !line.contains("Tr0ub4dor"),
            "{line}"
        );
        assert!(line.starts_with("curl: (22)"), "{line}");
    }

    #[test]
    fn option_like_recipients_are_refused() {
        assert!(check_recipient("-oQ/tmp").unwrap_err().permanent);
        assert!(check_recipient("a@b\nc").unwrap_err().permanent);
        assert!(check_recipient(" ").unwrap_err().permanent);
        assert!(check_recipient("+15551234567").is_ok());
    }

    #[test]
    fn a_missing_program_is_transient() {
        let t = CommandTransport::sms(
            CommandSpec::new("/nonexistent/tokenadm-sms".into(), vec![]).unwrap(),
            Duration::from_secs(5),
        );
        let err = t
            .send(&OutgoingMessage {
                media: Media::Sms,
                recipient: "+15551234567".into(),
                subject: String::new(),
                body: "hi".into(),
                message_id: None,
            })
            .unwrap_err();
        assert!(!err.permanent);
        assert!(
            err.message.contains("/nonexistent/tokenadm-sms"),
            "{}",
            err.message
        );
    }
}
