//! The routes of the Web API (CONTRACT.md, "Web API"): the seeds' login
//! `POST /authentication/consumer_application_key/token`, `POST /session/introspect`, and the
//! operator's `GET /health`, `/ready`, `/metrics`. Every answer is the seeds' envelope
//! (`data`, `status.code|description|message`); every request leaves one access-log line.
//!
//! A login calls `ops::authenticate::authenticate`, the function `tokenadm auth --session`
//! calls, with the application key's name as the actor: state, expiry, lockout,
//! `last_used_at`, re-hash, audit and the JWT are the CLI's. What a caller learns of a refusal
//! is one message (the audit log has the reason); only a lockout is told apart, as the
//! contract asks (429 with `Retry-After`).

use super::group::Committer;
use super::keyed::KeyCheck;
use super::limits::{HashGate, Limits, Overloaded};
use super::metrics::{Gauges, Metrics};
use super::pool::Pool;
use crate::domain::app_key::{self, AppKey};
use crate::domain::secret::Secret;
use crate::domain::time::rfc3339;
use crate::error::{Error, Kind};
use crate::ops::app_keys;
use crate::ops::authenticate::{self, Authenticated, Credential, Refusal};
use crate::ops::session::{self, SessionRequest};
use crate::ops::Env;
use crate::output::json_line;
use crate::store::{Store, SCHEMA_VERSION};
use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::Engine as _;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The seeds' login route.
pub const LOGIN: &str = "/authentication/consumer_application_key/token";
/// The one message of every failed authentication, whatever the reason.
pub const AUTH_FAILED: &str =
    "authentication failed; check the access token identifier and its secret";
const BAD_KEY: &str = "the application key is missing, unknown or revoked; send it as the HTTP Basic username with an empty password";
/// The longest `unit` a login may name.
const MAX_UNIT_CHARS: usize = 64;

/// The peer of a connection, put on each of its requests by the accept loop.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub SocketAddr);

/// What every handler shares.
pub struct Shared {
    /// Workers for what does not hash.
    pub pool: Pool,
    /// One worker per hashing slot, for pass-code logins.
    pub hashers: Pool,
    /// Commits authentication-code logins in groups.
    pub committer: Committer,
    pub clock: fn() -> i64,
    pub limits: Limits,
    pub hashing: HashGate,
    pub metrics: Arc<Metrics>,
    pub body_limit: usize,
    pub request_timeout: Duration,
    pub forwarded_for: bool,
}

/// What a handler tells the access log beside the status: whose key, and how a login ended.
#[derive(Debug, Clone, Default)]
struct Logged {
    key: Option<String>,
    outcome: Option<&'static str>,
    error: Option<String>,
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(LOGIN, post(login))
        .route("/session/introspect", post(introspect))
        .route("/health", get(health))
        .route("/ready", get(ready))
        .route("/metrics", get(metrics))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&shared),
            access,
        ))
        .with_state(shared)
}

// ---------------------------------------------------------------------------------------------
// The envelope

/// An answer that is not 200: the envelope with `data: null`, its status and code, and the
/// headers some statuses need.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    retry_after: Option<u64>,
    logged: Box<Logged>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            retry_after: None,
            logged: Box::default(),
        }
    }

    fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after = Some(secs.max(1));
        self
    }

    fn logged(mut self, logged: Logged) -> Self {
        self.logged = Box::new(logged);
        self
    }

    fn malformed(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "MALFORMED_REQUEST", message)
    }

    fn bad_key() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "INVALID_APPLICATION_KEY", BAD_KEY)
    }

    fn rate_limited(wait: u64) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "RATE_LIMITED",
            format!("too many requests; try again in {wait} s"),
        )
        .retry_after(wait)
    }

    fn overloaded() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "OVERLOADED",
            "the server is busy with other logins; try again in a moment",
        )
        .retry_after(1)
    }

    /// A failure of the server itself: the caller gets a fixed sentence, the log the cause.
    fn internal(e: &Error) -> Self {
        let mut err = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_ERROR",
            "the server could not complete the request; its log says why",
        );
        err.logged.error = Some(e.report());
        err
    }

    /// The database could not be reached, or stayed locked: the request may well succeed in
    /// a moment, which 503 and `Retry-After` tell a load balancer or a client.
    fn unavailable(e: &Error) -> Self {
        let mut err = Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "DATABASE_UNAVAILABLE",
            "the server cannot reach its database just now; try again in a moment",
        )
        .retry_after(1);
        err.logged.error = Some(e.report());
        err
    }

    /// An error from ops: a server failure, unless its kind says it was the request's fault
    /// or it says the database may be back in a moment.
    fn from_error(e: Error) -> Self {
        match e.kind {
            Kind::Usage | Kind::Invalid => Self::malformed(e.message),
            _ if e.transient => Self::unavailable(&e),
            _ => Self::internal(&e),
        }
    }
}

fn envelope(data: Value, code: &str, message: &str) -> Value {
    json!({
        "data": data,
        "status": { "code": code, "description": "", "message": message },
    })
}

fn ok(data: Value, logged: Logged) -> Response {
    let mut r = (StatusCode::OK, axum::Json(envelope(data, "OK", ""))).into_response();
    r.extensions_mut().insert(logged);
    r
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = envelope(Value::Null, self.code, &self.message);
        let mut r = (self.status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == StatusCode::UNAUTHORIZED && self.code == "INVALID_APPLICATION_KEY" {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"tokenadm\""),
            );
        }
        let mut logged = *self.logged;
        logged.outcome = logged.outcome.or(Some(self.code));
        r.extensions_mut().insert(logged);
        r
    }
}

// ---------------------------------------------------------------------------------------------
// The access log, the request timeout, the metrics

async fn access(State(s): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_string();
    let method = req.method().to_string();
    let client = client_ip(&req, s.forwarded_for);
    let response = match tokio::time::timeout(s.request_timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "REQUEST_TIMEOUT",
            format!(
                "the request took longer than {} s; send it again",
                s.request_timeout.as_secs()
            ),
        )
        .into_response(),
    };
    let took = started.elapsed();
    let status = response.status().as_u16();
    s.metrics.request(&route, status, took);
    let logged = response
        .extensions()
        .get::<Logged>()
        .cloned()
        .unwrap_or_default();
    // Fields named one by one: no header (Authorization above all) and no body reaches it.
    let mut line = Map::new();
    line.insert("ts".into(), json!(rfc3339((s.clock)())));
    line.insert("client".into(), json!(client.map(|ip| ip.to_string())));
    line.insert("method".into(), json!(method));
    line.insert("route".into(), json!(route));
    line.insert("status".into(), json!(status));
    line.insert("ms".into(), json!((took.as_secs_f64() * 1e6).round() / 1e3));
    if let Some(k) = logged.key {
        line.insert("key".into(), json!(k));
    }
    if let Some(o) = logged.outcome {
        line.insert("outcome".into(), json!(o));
    }
    if let Some(e) = logged.error {
        line.insert("error".into(), json!(e));
    }
    json_line(&Value::Object(line));
    response
}

/// The client's address: the connection's peer, or behind a reverse proxy that says so
/// (`forwarded_for`), the last entry of `X-Forwarded-For`, the one the proxy appended. Only
/// that one: an earlier entry is the client's own word, and a last entry that is not an
/// address (`unknown`, `ip:port`) falls back to the peer rather than to one of those.
fn client_ip(req: &Request, forwarded_for: bool) -> Option<IpAddr> {
    if forwarded_for {
        let last = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .next_back()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|a| a.trim().parse::<IpAddr>().ok());
        if last.is_some() {
            return last;
        }
    }
    req.extensions().get::<Peer>().map(|p| p.0.ip())
}

// ---------------------------------------------------------------------------------------------
// Request pieces

/// The application key: the HTTP Basic username, with an empty password.
fn basic_key(headers: &HeaderMap) -> Result<Secret, ApiError> {
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or_else(ApiError::bad_key)?;
    let text = value.to_str().map_err(|_| ApiError::bad_key())?;
    let (scheme, encoded) = text.trim().split_once(' ').ok_or_else(ApiError::bad_key)?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(ApiError::bad_key());
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| ApiError::bad_key())?;
    let decoded = Secret::new(String::from_utf8(decoded).map_err(|_| ApiError::bad_key())?);
    match decoded.expose().split_once(':') {
        Some((user, "")) => Ok(Secret::new(user.to_string())),
        _ => Err(ApiError::bad_key()),
    }
}

/// The body, refused past `limit` bytes: at once when `Content-Length` says so, else as soon
/// as the stream goes past it.
async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "PAYLOAD_TOO_LARGE",
            format!("the request body is larger than {limit} bytes"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => Err(too_large()),
        Err(_) => Err(ApiError::malformed(
            "the request body could not be read to its end",
        )),
    }
}

/// Parses a JSON body into `T`. Serde's words are kept only where they name a field: a type
/// error quotes the value, which may be a secret.
fn parse_json<T: for<'de> Deserialize<'de>>(body: &[u8], shape: &str) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Syntax | Category::Eof | Category::Io => ApiError::malformed(format!(
                "the request body is not JSON (line {}, column {}); send {shape}",
                e.line(),
                e.column()
            )),
            Category::Data => {
                let text = e.to_string();
                let named = ["unknown field", "missing field", "duplicate field"]
                    .iter()
                    .any(|p| text.starts_with(p));
                let what = if named {
                    text.split(" at line").next().unwrap_or(&text).to_string()
                } else {
                    "a field has the wrong type".to_string()
                };
                ApiError::malformed(format!(
                    "the request body is not valid: {what}; send {shape}"
                ))
            }
        }
    })
}

const LOGIN_SHAPE: &str = "{\"access_token_identifier\": {\"authentication_code\": \"…\"}} or {\"access_token_identifier\": {\"identifier\": \"…\", \"pass_code\": \"…\"}}, with an optional \"unit\"";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoginBody {
    access_token_identifier: TokenIdentifier,
    #[serde(default)]
    unit: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenIdentifier {
    #[serde(default)]
    authentication_code: Option<String>,
    #[serde(default)]
    identifier: Option<String>,
    #[serde(default)]
    pass_code: Option<String>,
}

impl Drop for TokenIdentifier {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.authentication_code.zeroize();
        self.pass_code.zeroize();
    }
}

/// The credential of a login body: an authentication code, or an identifier with its pass
/// code; both kinds or neither is a malformed request.
fn credential(id: &mut TokenIdentifier) -> Result<Credential, ApiError> {
    let both =
        "send either authentication_code, or identifier with pass_code, in access_token_identifier";
    let bad = |what: &str| ApiError::malformed(format!("access_token_identifier {what}; {both}"));
    match (
        id.authentication_code.take(),
        id.identifier.take(),
        id.pass_code.take(),
    ) {
        (Some(code), None, None) if code.is_empty() => Err(bad("has an empty authentication_code")),
        (Some(code), None, None) => Ok(Credential::AuthCode(Secret::new(code))),
        (None, Some(identifier), Some(pass)) if identifier.trim().is_empty() || pass.is_empty() => {
            Err(bad("has an empty identifier or pass_code"))
        }
        (None, Some(identifier), Some(pass)) => Ok(Credential::PassCode {
            identifier,
            pass_code: Secret::new(pass),
        }),
        (None, None, None) => Err(bad("has no credential")),
        (Some(_), _, _) => Err(bad("has both kinds of credential")),
        (None, Some(_), None) => Err(bad("has an identifier without its pass_code")),
        (None, None, Some(_)) => Err(bad("has a pass_code without its identifier")),
    }
}

fn check_unit(unit: &Option<String>) -> Result<(), ApiError> {
    match unit {
        Some(u)
            if u.is_empty()
                || u.chars().count() > MAX_UNIT_CHARS
                || u.chars().any(char::is_control) =>
        {
            Err(ApiError::malformed(format!(
                "unit must be 1 to {MAX_UNIT_CHARS} characters without control characters"
            )))
        }
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------------
// Handlers

/// Runs `job` on a store of `pool` for the live application key `key`, after its per-key
/// limit.
async fn with_key<T, F>(
    s: &Arc<Shared>,
    pool: &Pool,
    key: Secret,
    job: F,
) -> Result<KeyCheck<T>, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Store, &AppKey) -> crate::Result<T> + Send + 'static,
{
    if !app_key::well_formed(key.expose()) {
        return Ok(KeyCheck::Refused);
    }
    let shared = Arc::clone(s);
    pool.run(move |store| {
        let Some(found) = store.read(|tx| app_keys::resolve(tx, key.expose()))? else {
            return Ok(KeyCheck::Refused);
        };
        if let Err(wait) = shared.limits.per_key.check(&found.id) {
            return Ok(KeyCheck::Limited(wait, found.name));
        }
        let out = job(store, &found)?;
        Ok(KeyCheck::Done(found.name, out))
    })
    .await
    .map_err(ApiError::from_error)
}

fn check_ip(s: &Shared, req: &Request) -> Result<(), ApiError> {
    match client_ip(req, s.forwarded_for) {
        Some(ip) => s.limits.per_ip.check(&ip).map_err(ApiError::rate_limited),
        None => Ok(()),
    }
}

async fn login(State(s): State<Arc<Shared>>, req: Request) -> Result<Response, ApiError> {
    check_ip(&s, &req)?;
    let key = basic_key(req.headers())?;
    let (parts, body) = req.into_parts();
    let bytes = read_body(&parts.headers, body, s.body_limit).await?;
    let mut parsed: LoginBody = parse_json(&bytes, LOGIN_SHAPE)?;
    drop(bytes);
    check_unit(&parsed.unit)?;
    let credential = credential(&mut parsed.access_token_identifier)?;
    let request = SessionRequest {
        unit: parsed.unit.take(),
    };
    let (via, checked) = match credential {
        // No argon2: committed in a group with the other logins of the moment.
        Credential::AuthCode(code) => {
            let checked = if app_key::well_formed(key.expose()) {
                s.committer
                    .login(key, code, request)
                    .await
                    .map_err(ApiError::from_error)?
            } else {
                KeyCheck::Refused
            };
            ("authentication_code", checked)
        }
        // argon2: a hashing slot first, or turned away.
        credential @ Credential::PassCode { .. } => {
            let via = "pass_code";
            let permit = s.hashing.enter().await.map_err(|Overloaded| {
                s.metrics.login(via, "overloaded");
                ApiError::overloaded()
            })?;
            let clock = s.clock;
            let checked = with_key(&s, &s.hashers, key, move |store, key| {
                // The hashing slot is given back when the work ends, not when a timed-out
                // request stops waiting for it.
                let _permit = permit;
                let env = Env {
                    now: clock(),
                    actor: key.name.clone(),
                    // A login queues no message.
                    outbox_key: None,
                };
                let outcome = authenticate::authenticate(store, &env, &credential, Some(&request))?;
                Ok((outcome, env.now))
            })
            .await?;
            (via, checked)
        }
    };
    let (name, outcome, now) = match checked {
        KeyCheck::Refused => {
            s.metrics.login(via, "invalid_application_key");
            return Err(ApiError::bad_key());
        }
        KeyCheck::Limited(wait, name) => {
            s.metrics.login(via, "rate_limited");
            return Err(ApiError::rate_limited(wait).logged(Logged {
                key: Some(name),
                ..Logged::default()
            }));
        }
        KeyCheck::Done(name, (outcome, now)) => (name, outcome, now),
    };
    match outcome {
        Authenticated::Granted(g) => {
            s.metrics.login(via, "granted");
            let Some(session) = g.session else {
                return Err(ApiError::internal(&Error::internal(
                    "a granted login came back without its session",
                )));
            };
            Ok(ok(
                json!({ "token": session.jwt().expose() }),
                Logged {
                    key: Some(name),
                    outcome: Some("granted"),
                    error: None,
                },
            ))
        }
        Authenticated::Denied(d) => {
            let reason = d.reason.as_str();
            s.metrics.login(via, reason);
            let logged = Logged {
                key: Some(name),
                outcome: Some(reason),
                error: None,
            };
            match (d.reason, d.until) {
                (Refusal::LockedOut, Some(until)) => {
                    let wait = u64::try_from(until - now).unwrap_or(1);
                    Err(ApiError::new(
                        StatusCode::TOO_MANY_REQUESTS,
                        "LOCKED_OUT",
                        format!("too many failed attempts; try again in {wait} s"),
                    )
                    .retry_after(wait)
                    .logged(logged))
                }
                (Refusal::DailyLimit, Some(until)) => {
                    let wait = u64::try_from(until - now).unwrap_or(1);
                    Err(ApiError::new(
                        StatusCode::TOO_MANY_REQUESTS,
                        "DAILY_LIMIT_REACHED",
                        format!(
                            "the token has had its logins for today (UTC); try again in {wait} s"
                        ),
                    )
                    .retry_after(wait)
                    .logged(logged))
                }
                _ => Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "AUTHENTICATION_FAILED",
                    AUTH_FAILED,
                )
                .logged(logged)),
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IntrospectBody {
    token: String,
}

async fn introspect(State(s): State<Arc<Shared>>, req: Request) -> Result<Response, ApiError> {
    check_ip(&s, &req)?;
    let key = basic_key(req.headers())?;
    let (parts, body) = req.into_parts();
    let bytes = read_body(&parts.headers, body, s.body_limit).await?;
    let parsed: IntrospectBody = parse_json(&bytes, "{\"token\": \"<session JWT>\"}")?;
    let jwt = Secret::new(parsed.token);
    let clock = s.clock;
    let checked = with_key(&s, &s.pool, key, move |store, key| {
        let env = Env {
            now: clock(),
            actor: key.name.clone(),
            outbox_key: None,
        };
        match session::verify(store, &env, &jwt) {
            Ok(c) => Ok(Some(c)),
            // Forged, expired, for a token gone or no longer effective: inactive, not an error.
            Err(e) if e.kind == Kind::Denied => Ok(None),
            Err(e) => Err(e),
        }
    })
    .await?;
    match checked {
        KeyCheck::Refused => Err(ApiError::bad_key()),
        KeyCheck::Limited(wait, name) => Err(ApiError::rate_limited(wait).logged(Logged {
            key: Some(name),
            ..Logged::default()
        })),
        KeyCheck::Done(name, claims) => {
            let (data, outcome) = match claims {
                Some(c) => {
                    let mut data = json!({
                        "active": true,
                        "iss": c.iss,
                        "sub": c.sub,
                        "iat": c.iat,
                        "exp": c.exp,
                        "jti": c.jti,
                    });
                    for (k, v) in [
                        ("classification", c.classification),
                        ("account", c.account),
                        ("participant", c.participant),
                        ("unit", c.unit),
                    ] {
                        if let Some(v) = v {
                            data[k] = json!(v);
                        }
                    }
                    (data, "active")
                }
                None => (json!({ "active": false }), "inactive"),
            };
            Ok(ok(
                data,
                Logged {
                    key: Some(name),
                    outcome: Some(outcome),
                    error: None,
                },
            ))
        }
    }
}

async fn health() -> Response {
    ok(json!({ "status": "ok" }), Logged::default())
}

/// Ready when the store answers and its schema is the one this binary writes.
async fn ready(State(s): State<Arc<Shared>>) -> Result<Response, ApiError> {
    let checked = s
        .pool
        .run(|store| {
            store.read(|tx| {
                tx.active_definition_name()?;
                tx.schema_version()
            })
        })
        .await;
    match checked {
        Ok(v) if v == SCHEMA_VERSION => Ok(ok(
            json!({ "ready": true, "schema_version": v }),
            Logged::default(),
        )),
        Ok(v) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "NOT_READY",
            format!("the database's schema is version {v}, this server writes {SCHEMA_VERSION}"),
        )
        .retry_after(5)),
        Err(e) => {
            let mut err = ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "NOT_READY",
                "the database does not answer",
            )
            .retry_after(5);
            err.logged.error = Some(e.report());
            Err(err)
        }
    }
}

async fn metrics(State(s): State<Arc<Shared>>) -> Response {
    let text = s.metrics.render(&Gauges {
        hash_queue: s.hashing.queued(),
        hashing: s.hashing.hashing(),
        hash_workers: s.hashing.workers(),
        pool_in_use: s.pool.in_use() + s.hashers.in_use(),
        pool_size: s.pool.size() + s.hashers.size(),
    });
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        text,
    )
        .into_response()
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "NOT_FOUND",
        format!("no such route; the login is POST {LOGIN}"),
    )
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "METHOD_NOT_ALLOWED",
        "this route does not take that method",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Behind a proxy only the entry it appended counts: one the client wrote before it, or a
    /// last entry that is no address, never does.
    #[test]
    fn the_client_address_is_the_proxys_last_entry_or_the_peer() {
        let peer: SocketAddr = "10.0.0.9:4000".parse().unwrap();
        let with = |xff: &str| {
            let mut req = Request::builder()
                .header("x-forwarded-for", xff)
                .body(Body::empty())
                .unwrap();
            req.extensions_mut().insert(Peer(peer));
            client_ip(&req, true)
        };
        assert_eq!(with("1.2.3.4, 5.6.7.8"), "5.6.7.8".parse().ok());
        assert_eq!(with("1.2.3.4, unknown"), Some(peer.ip()));
        assert_eq!(with("1.2.3.4, 5.6.7.8:9"), Some(peer.ip()));
    }

    fn basic(user_pass: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        let v = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(user_pass)
        );
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(&v).unwrap());
        h
    }

    #[test]
    fn the_key_is_the_basic_username_with_an_empty_password() {
        assert_eq!(basic_key(&basic("tak_abc:")).unwrap().expose(), "tak_abc");
        assert!(basic_key(&basic("tak_abc:secret")).is_err());
        assert!(basic_key(&basic("tak_abc")).is_err());
        assert!(basic_key(&HeaderMap::new()).is_err());
        let mut bearer = HeaderMap::new();
        bearer.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer x"));
        assert!(basic_key(&bearer).is_err());
        let mut garbage = HeaderMap::new();
        garbage.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic %%%"));
        let e = basic_key(&garbage).unwrap_err();
        assert_eq!(
            (e.status, e.code),
            (StatusCode::UNAUTHORIZED, "INVALID_APPLICATION_KEY")
        );
    }

    fn login_body(text: &str) -> Result<Credential, ApiError> {
        let mut b: LoginBody = parse_json(text.as_bytes(), LOGIN_SHAPE)?;
        credential(&mut b.access_token_identifier)
    }

    #[test]
    fn a_body_has_exactly_one_kind_of_credential() {
        assert!(matches!(
            login_body(
                r#"{"access_token_identifier": {"authentication_code": "atk_x"}, "unit": "1"}"#
            ),
            Ok(Credential::AuthCode(_))
        ));
        assert!(matches!(
            login_body(
                r#"{"access_token_identifier": {"identifier": "z@example.com", "pass_code": "p"}}"#
            ),
            Ok(Credential::PassCode { .. })
        ));
        for bad in [
            r#"{"access_token_identifier": {}}"#,
            r#"{"access_token_identifier": {"authentication_code": "a", "identifier": "i", "pass_code": "p"}}"#,
            r#"{"access_token_identifier": {"identifier": "i"}}"#,
            r#"{"access_token_identifier": {"pass_code": "p"}}"#,
            r#"{"access_token_identifier": {"authentication_code": ""}}"#,
            r#"{"access_token_identifier": {"authentication_code": "a"}, "extra": 1}"#,
            r#"{"access_token_identifier": {"authentication_code": "a", "pin": "1"}}"#,
            r#"{"unit": "1"}"#,
            r#"not json"#,
            r#"{"access_token_identifier": {"authentication_code": 12345}}"#,
        ] {
            let e = login_body(bad)
                .err()
                .unwrap_or_else(|| panic!("{bad} passed"));
            assert_eq!(e.status, StatusCode::BAD_REQUEST, "{bad}");
            assert_eq!(e.code, "MALFORMED_REQUEST");
            assert!(
                !e.message.contains("12345"),
                "a value is echoed: {}",
                e.message
            );
        }
    }

    #[test]
    fn unknown_fields_are_named() {
        let e = login_body(
            r#"{"access_token_identifier": {"authentication_code": "a"}, "organisation": "x"}"#,
        )
        .err()
        .unwrap();
        assert!(e.message.contains("organisation"), "{}", e.message);
    }

    #[test]
    fn a_unit_is_short_printable_text() {
        assert!(check_unit(&Some("1".into())).is_ok());
        assert!(check_unit(&None).is_ok());
        assert!(check_unit(&Some(String::new())).is_err());
        assert!(check_unit(&Some("\u{1b}[2J".into())).is_err());
        assert!(check_unit(&Some("u".repeat(65))).is_err());
    }
}
