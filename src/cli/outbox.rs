//! `tokenadm outbox list | show | deliver`: the messages commands queued (issue #5), and
//! sending them through the transports of the config file.

use super::ctx::report_notes;
use super::Ctx;
use crate::domain::definition::Media;
use crate::domain::message::MessageStatus;
use crate::error::{Error, Result};
use crate::ops::deliver;
use crate::output::{DeliveryView, MessageView};

/// Messages queued for delivery: list, show, send
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// List the messages in the outbox, oldest first (never their bodies)
    List {
        /// Only messages in this status
        #[arg(long, value_enum, value_name = "STATUS")]
        status: Option<StatusArg>,
        /// Only messages about this token
        #[arg(long, value_name = "NUMBER")]
        token: Option<String>,
    },
    /// Show one message, with its body until it is sent or fails for good
    Show {
        /// The message id, as `outbox list` shows it
        id: i64,
    },
    /// Send the messages that are due through the transports of the config file; failures
    /// are retried on later runs with backoff. Exits 1 when a message could not be sent
    Deliver,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum StatusArg {
    Pending,
    Sending,
    Sent,
    Failed,
    Cancelled,
}

impl From<StatusArg> for MessageStatus {
    fn from(s: StatusArg) -> Self {
        match s {
            StatusArg::Pending => MessageStatus::Pending,
            StatusArg::Sending => MessageStatus::Sending,
            StatusArg::Sent => MessageStatus::Sent,
            StatusArg::Failed => MessageStatus::Failed,
            StatusArg::Cancelled => MessageStatus::Cancelled,
        }
    }
}

impl Command {
    /// Whether the command may create a missing database: none of these does.
    pub fn may_create_database(&self) -> bool {
        false
    }
}

pub fn run(cmd: Command, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        Command::List { status, token } => list(status.map(Into::into), token, ctx),
        Command::Show { id } => {
            let m = ctx.store()?.read(|tx| deliver::message(tx, id))?;
            ctx.out.record(&MessageView {
                message: &m,
                with_body: true,
            })
        }
        Command::Deliver => {
            let report = ctx.deliver(None)?;
            report_notes(&ctx.out, &report);
            for m in &report.attempted {
                let error = m.last_error.as_deref().unwrap_or("unknown error");
                match m.status {
                    MessageStatus::Failed => ctx.out.warn(format!(
                        "message {} to {} failed for good: {error}",
                        m.id, m.recipient
                    )),
                    MessageStatus::Pending => ctx.out.warn(format!(
                        "message {} to {} was not sent: {error}; it will be retried",
                        m.id, m.recipient
                    )),
                    _ => {}
                }
            }
            if report.attempted.is_empty() {
                // Under -q a run with nothing to do prints nothing at all, in every format.
                if ctx.out.quiet() {
                    return Ok(());
                }
                if ctx.out.format() == crate::output::Format::Table {
                    ctx.out.note("no message was attempted");
                    return Ok(());
                }
            }
            let views: Vec<DeliveryView> = report.attempted.iter().map(DeliveryView).collect();
            ctx.out.list(&views)?;
            let (retry, failed) = (
                report.count(MessageStatus::Pending),
                report.count(MessageStatus::Failed),
            );
            if retry + failed == 0 {
                if !report.attempted.is_empty() {
                    ctx.out.note(format!("{} sent", report.sent()));
                }
                return Ok(());
            }
            // A run that could not send is a failure (exit 1), so that cron, a systemd timer
            // or a monitor notices; the records above say what happened to each message.
            Err(Error::internal(format!(
                "{} of {} messages could not be sent ({retry} to retry on a later run, {failed} \
                 failed for good); see tokenadm outbox list --status pending|failed",
                retry + failed,
                report.attempted.len(),
            )))
        }
    }
}

fn list(status: Option<MessageStatus>, token: Option<String>, ctx: &mut Ctx) -> Result<()> {
    // Loaded first, so that a wrong --config is reported whatever the outbox holds.
    ctx.delivery()?;
    let (messages, pending) = ctx.store()?.read(|tx| {
        let messages = tx.list_messages(status, token.as_deref())?;
        let pending = [Media::Email, Media::Sms]
            .into_iter()
            .map(|m| Ok((m, tx.pending_count(m, None)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok((messages, pending))
    })?;
    let views: Vec<MessageView> = messages
        .iter()
        .map(|message| MessageView {
            message,
            with_body: false,
        })
        .collect();
    ctx.out.list(&views)?;
    // Say why pending messages are not going anywhere.
    let transports = &ctx.delivery()?.transports;
    let report = deliver::Report {
        waiting: pending
            .into_iter()
            .filter(|(_, count)| *count > 0)
            .filter_map(|(media, count)| {
                transports
                    .unconfigured_reason(media)
                    .map(|reason| deliver::Waiting {
                        media,
                        count,
                        reason,
                    })
            })
            .collect(),
        ..Default::default()
    };
    report_notes(&ctx.out, &report);
    Ok(())
}
