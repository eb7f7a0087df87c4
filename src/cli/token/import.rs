//! `tokenadm token import FILE|- [--input csv|jsonl]`: one token per row, all or none, the
//! records printed (with the secrets they generated) once the import is committed.

use crate::cli::ctx::Ctx;
use crate::cli::output_file::OutputFile;
use crate::error::{Error, Result};
use crate::ops::import::{self, InputFormat};
use crate::ops::issue::{Issued, Phase, Progress, Sink, Totals};
use crate::output::{Bar, Output, RecordStream, ShownSecrets, TokenView};
use std::io::Read;
use std::path::{Path, PathBuf};

const AFTER_HELP: &str = "\
Columns (a CSV header row, or the keys of each JSON Lines object), any of them in any order:
  identifier, pass_code, authentication_code, name, classification, account, participant,
  expires_at (RFC 3339, e.g. 2030-01-31T00:00:00Z)
An empty CSV field or a JSON null is the same as leaving the column out; blank lines are
skipped. Rows without a pass code get one generated where the definition says so
(automation.generate_pass_code).

Each row is checked exactly as `token new` checks its flags. All rows or none: the first bad row
stops the import, names its line and says what `token new` would say of the same values, and
nothing is written. Exit code 4 for any bad row: one that breaks a rule or cannot be read, a
duplicate within the file (identifiers case-insensitively, or authentication codes; both lines
are named), a classification, account or participant that does not exist, or a conflict with the
database (an identifier or authentication code already held, an account's token cap).

The records are printed once the import is committed, in --format (JSON as one array, CSV rows,
or tables of 1000 rows), each with the secrets generated for it under \"secrets\": they are
shown this once and cannot be retrieved later. Memory stays flat however large the file; the
database is locked only while the rows are inserted, not while pass codes are hashed. Messages
the definition queues for the new tokens are sent right after the commit where delivery is
configured (a failure is a warning; tokenadm outbox deliver retries them).

Examples:
  tokenadm token import staff.csv --output staff-secrets.csv --format csv
  tokenadm token import devices.jsonl --format json --output devices-secrets.json
  crm-export | tokenadm token import - --input jsonl";

const EXAMPLES: &str = "\
Examples:
  tokenadm token import staff.csv --output staff-secrets.csv --format csv
  tokenadm token import devices.jsonl --format json --output devices-secrets.json
  crm-export | tokenadm token import - --input jsonl";

/// Issue one token per row of a CSV or JSON Lines file: all rows or none
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = AFTER_HELP)]
pub struct Args {
    /// The file to import, or - for standard input
    file: PathBuf,
    /// The file's format [default: from its name (.csv, .jsonl, .ndjson); csv for -]
    #[arg(long, value_enum, value_name = "FORMAT")]
    input: Option<Input>,
    #[command(flatten)]
    output: OutputFile,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Input {
    Csv,
    Jsonl,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    args.output.open(ctx)?;
    let stdin = args.file.as_os_str() == "-";
    let format = match (args.input, stdin) {
        (Some(Input::Csv), _) | (None, true) => InputFormat::Csv,
        (Some(Input::Jsonl), _) => InputFormat::Jsonl,
        (None, false) => guess(&args.file)?,
    };
    let (input, source): (Box<dyn Read + Send>, String) = if stdin {
        (Box::new(std::io::stdin()), "standard input".to_string())
    } else {
        (open(&args.file)?, args.file.display().to_string())
    };
    // The delivery settings are read first: a bad --config stops the import before it writes.
    ctx.delivery()?;
    let env = ctx.env.clone();
    let out = ctx.out.clone();
    let bar = out.progress();
    // Counted only when a bar can show: a second pass over the file, fast beside the import.
    let expected = match (&args.file, bar.is_enabled() && !stdin) {
        (path, true) => expected_rows(path, format),
        _ => None,
    };
    let mut printer = Printer::new(&out, env.now);
    let spool_dir = ctx.spool_dir()?;
    let totals = import::import(
        ctx.store()?,
        &env,
        input,
        format,
        &source,
        &crate::ops::issue::Bulk {
            progress: &BarProgress(&bar, "importing", expected),
            spool_dir: &spool_dir,
        },
        &mut printer,
    )?;
    printer.finish()?;
    match (&totals.first, &totals.last) {
        (Some(first), Some(last)) => {
            out.note(format!(
                "imported {} tokens from {source} ({first} to {last})",
                totals.count,
            ));
            if totals.generated_auth_codes || totals.generated_pass_codes {
                out.secrets_shown("the secrets generated for them");
            }
        }
        _ => out.note(format!("{source} has no rows; nothing was imported")),
    }
    // As every command that queues messages: try to send them now that they are committed.
    if let Some(queued) = totals.messages {
        ctx.deliver_queued(queued);
    }
    Ok(())
}

/// About how many rows a file holds: its lines, less a CSV's header (a quoted field spanning
/// lines makes it an overestimate, which only the bar sees).
fn expected_rows(path: &Path, format: InputFormat) -> Option<u64> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut buf = vec![0u8; 256 * 1024];
    let (mut lines, mut last) = (0u64, b'\n');
    loop {
        let n = file.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        lines += buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
        last = buf[n - 1];
    }
    if last != b'\n' {
        lines += 1;
    }
    Some(match format {
        InputFormat::Csv => lines.saturating_sub(1),
        InputFormat::Jsonl => lines,
    })
}

fn guess(path: &Path) -> Result<InputFormat> {
    let name = path.display().to_string();
    InputFormat::from_name(&name).ok_or_else(|| {
        Error::usage(format!(
            "cannot tell the format of {name} from its name; pass --input csv or --input jsonl"
        ))
    })
}

fn open(path: &Path) -> Result<Box<dyn Read + Send>> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::not_found(format!("import file {name} does not exist"))
        }
        _ => Error::internal(format!("cannot read {name}: {e}")),
    })?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(Error::usage(format!(
            "{name} is a folder; give the file to import"
        )));
    }
    Ok(Box::new(file))
}

/// The bulk pipeline's stages on a progress bar; the third field is how many rows the first
/// stage can expect, where the CLI knows (a file's lines), so that its bar has a total and an
/// ETA instead of a bare count (issue #12).
pub(super) struct BarProgress<'a>(pub &'a Bar, pub &'static str, pub Option<u64>);

impl Progress for BarProgress<'_> {
    fn phase(&self, phase: Phase, total: Option<u64>) {
        // The records go to stdout; on the same terminal a bar redrawn beside them would be
        // drawn over them, and the records show the progress themselves.
        if phase == Phase::Printing && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            self.0.finish();
            return;
        }
        let (what, total) = match phase {
            Phase::Checking => (self.1, total.or(self.2)),
            Phase::Writing => ("writing", total),
            Phase::Printing => ("printing", total),
        };
        self.0.stage(what, total);
    }

    fn advance(&self, n: u64) {
        self.0.inc(n);
    }

    fn done(&self) {
        self.0.finish();
    }
}

/// Prints committed tokens as they come, with the secrets generated for them.
pub(super) struct Printer<'a> {
    out: &'a Output,
    stream: Option<RecordStream>,
    /// The instant the records are shown at.
    now: i64,
}

impl<'a> Printer<'a> {
    pub fn new(out: &'a Output, now: i64) -> Self {
        Printer {
            out,
            stream: None,
            now,
        }
    }

    pub fn finish(self) -> Result<u64> {
        match self.stream {
            Some(s) => s.finish(),
            None => Ok(0),
        }
    }
}

impl Sink for Printer<'_> {
    fn begin(&mut self, totals: &Totals) -> Result<()> {
        let mut extra = Vec::new();
        if totals.generated_auth_codes {
            extra.push("secrets.authentication_code");
        }
        if totals.generated_pass_codes {
            extra.push("secrets.pass_code");
        }
        self.stream = Some(self.out.stream::<TokenView>(&extra));
        Ok(())
    }

    fn records(&mut self, issued: Vec<Issued>) -> Result<()> {
        let shown: Vec<ShownSecrets> = issued.iter().map(shown).collect();
        let views: Vec<TokenView> = issued
            .iter()
            .zip(&shown)
            .map(|(i, s)| TokenView {
                secrets: Some(s),
                ..TokenView::new(&i.token, self.now)
            })
            .collect();
        match &mut self.stream {
            Some(stream) => stream.push_all(&views),
            None => Err(Error::internal("records arrived before the list began")),
        }
    }
}

/// The secrets generated for a token, as its record shows them this once.
pub(super) fn shown(i: &Issued) -> ShownSecrets {
    ShownSecrets {
        authentication_code: i.auth_code.as_ref().map(|s| s.expose().to_string()),
        pass_code: i.pass_code.as_ref().map(|s| s.expose().to_string()),
    }
}
