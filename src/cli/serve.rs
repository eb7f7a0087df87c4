//! `tokenadm serve [--listen ADDR] [--tls-cert FILE --tls-key FILE]` (issue #13): run the Web
//! API. The flags override `[serve]` of the config file; the server is `crate::serve`.

use crate::cli::ctx::Ctx;
use crate::error::Result;
use crate::serve::{self, Options};
use std::path::PathBuf;

/// Serve the Web API: the seeds' login with consumer application keys
///
/// At POST /authentication/consumer_application_key/token, apps log a token in with a consumer application key (tokenadm app-key new) as the HTTP
/// Basic username and the token's authentication code, or its identifier and pass code, and
/// get the session token tokenadm auth --session would print. Also POST /session/introspect,
/// GET /health, /ready and /metrics. Settings come from [serve] in the config file; these flags
/// override them. One JSON line per request goes to stderr. SIGTERM or SIGINT finishes the
/// requests in flight, then exits 0.
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm serve
  tokenadm serve --listen 127.0.0.1:9000
  tokenadm serve --listen [::]:8443 --tls-cert cert.pem --tls-key key.pem"#)]
pub struct Args {
    /// Listen on this address [default: [serve] listen, else 127.0.0.1:8080]; port 0 picks a
    /// free one, named in the first log line
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,
    /// Serve HTTPS with this PEM certificate chain (with --tls-key)
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let mut options = Options::from_config(&ctx.delivery()?.config.serve);
    if let Some(listen) = args.listen {
        options.listen = listen;
    }
    if let (Some(cert), Some(key)) = (args.tls_cert, args.tls_key) {
        options.tls = Some((cert, key));
    }
    // The database is opened (created, migrated) before the first request, so a bad --db
    // fails the command instead of every request.
    ctx.store()?;
    serve::run(&ctx.app, options)
}
