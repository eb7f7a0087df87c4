//! `tokenadm outbox list | show | deliver`: the messages commands queued (issue #5), and
//! sending them through the transports of the config file.

use super::columns::Columns;
use super::ctx::{held_sentence, report_notes, Ctx};
use crate::domain::definition::Media;
use crate::domain::message::MessageStatus;
use crate::error::{Error, Result};
use crate::ops::deliver;
use crate::output::{DeliveryView, MessageView};

/// Messages queued for delivery: list, show, send
#[derive(Debug, clap::Subcommand)]
#[command(after_help = r#"Examples:
  tokenadm outbox list --status pending
  tokenadm outbox deliver -q
  tokenadm outbox show 17"#)]
pub enum Command {
    /// List the messages in the outbox, oldest first (never their bodies)
    #[command(after_help = r#"Examples:
  tokenadm outbox list
  tokenadm outbox list --status failed --token AT0000000042"#)]
    List {
        /// Only messages in this status
        #[arg(long, value_enum, value_name = "STATUS")]
        status: Option<StatusArg>,
        /// Only messages about this token
        #[arg(long, value_name = "NUMBER")]
        token: Option<String>,
        #[command(flatten)]
        columns: Columns,
    },
    /// Show one message, with its body until it is sent or fails for good
    #[command(after_help = r#"Examples:
  tokenadm outbox show 17"#)]
    Show {
        /// The message id, as `outbox list` shows it
        id: i64,
    },
    /// Send the messages that are due through the transports of the config file; failures
    /// are retried on later runs with backoff. Exits 1 when a message could not be sent
    #[command(after_help = r#"Examples:
  tokenadm outbox deliver
  tokenadm outbox deliver -q || echo 'messages are stuck' >&2"#)]
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
        Command::List {
            status,
            token,
            columns,
        } => {
            columns.apply(ctx)?;
            let token = super::pick::number_filter(ctx, token)?;
            list(status.map(Into::into), token, ctx)
        }
        Command::Show { id } => {
            let m = ctx.store()?.read(|tx| deliver::message(tx, id))?;
            ctx.out.record(&MessageView {
                message: &m,
                with_body: true,
            })
        }
        Command::Deliver => deliver(ctx),
    }
}

/// `outbox deliver`: one delivery run. It fails (exit 1, one sentence) whenever a message
/// could not be sent, including messages that wait for a transport the config file does not
/// set up (issue #12: a cron job must not exit 0 while messages are stuck), so that cron, a
/// systemd timer or a monitor notices; the records (not under -q) say what happened to each.
fn deliver(ctx: &mut Ctx) -> Result<()> {
    let report = ctx.deliver(None)?;
    // Messages waiting for a transport, or for the outbox key this host does not have (issue
    // #11, item 5): both are stuck until an admin acts.
    let waiting: i64 =
        report.waiting.iter().map(|w| w.count).sum::<i64>() + report.held.len() as i64;
    // The waiting media are the error's sentence below; the other notes stay.
    report_notes(
        &ctx.out,
        &deliver::Report {
            waiting: Vec::new(),
            attempted: Vec::new(),
            lease_lost: report.lease_lost.clone(),
            held: Vec::new(),
        },
    );
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
    if report.attempted.is_empty() && ctx.out.format() == crate::output::Format::Table {
        if waiting == 0 {
            ctx.out.note("no message was due");
        }
    } else {
        let views: Vec<DeliveryView> = report.attempted.iter().map(DeliveryView).collect();
        ctx.out.report_list(&views)?;
    }
    let (retry, failed) = (
        report.count(MessageStatus::Pending),
        report.count(MessageStatus::Failed),
    );
    let stuck = report
        .waiting
        .iter()
        .map(|w| {
            format!(
                "{} {} message{} stay{} pending because {}",
                w.count,
                match w.media {
                    Media::Email => "email",
                    Media::Sms => "SMS",
                },
                if w.count == 1 { "" } else { "s" },
                if w.count == 1 { "s" } else { "" },
                w.reason
            )
        })
        .chain(held_sentence(&report))
        .collect::<Vec<_>>()
        .join("; ");
    if retry + failed == 0 {
        if waiting > 0 {
            return Err(Error::internal(stuck));
        }
        if !report.attempted.is_empty() {
            ctx.out.note(format!("{} sent", report.sent()));
        }
        return Ok(());
    }
    // A run that could not send is a failure (exit 1); the records above say what happened
    // to each message.
    Err(Error::internal(format!(
        "{} of {} messages could not be sent ({retry} to retry on a later run, {failed} \
         failed for good); see tokenadm outbox list --status pending|failed{}",
        retry + failed,
        report.attempted.len(),
        if waiting > 0 {
            format!("; {stuck}")
        } else {
            String::new()
        }
    )))
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
