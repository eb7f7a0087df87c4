//! Session tokens (issue #6): minting the HS256 JWT that `auth --session` prints, and checking
//! one for `session verify`. The signature and claim checks are `domain::session`'s; this file
//! adds what needs the database: the per-database key (`meta` row `key.session`, 32 random
//! bytes made on first use), the issuer the token's definition names, and whether the token the
//! session is about still exists, is `effective` and is not past its `expires_at`.

use super::rules::policy_for_token;
use super::Env;
use crate::domain::definition::Policy;
use crate::domain::secret::Secret;
use crate::domain::session::{self, Claims, SessionError};
use crate::domain::time::rfc3339;
use crate::domain::token::{State, Token};
use crate::error::{Error, Result};
use crate::store::{Store, Tx};
use zeroize::Zeroizing;

/// The name of the key in the store (`meta` row `key.session`).
const KEY: &str = "session";
/// HS256 keys are the hash's output size (RFC 7518 §3.2); anything else means a damaged row.
const KEY_LEN: usize = 32;

/// A session just granted: its claims, and the key to sign them with. The JWT is signed when
/// asked for ([`Session::jwt`]), after the transaction that granted it has committed, so the
/// signing is never done under the write lock (issue #13).
pub struct Session {
    pub claims: Claims,
    key: Zeroizing<Vec<u8>>,
}

impl Session {
    /// The session token: the claims signed (HS256) with the database's key. A bearer
    /// credential, so a `Secret`.
    pub fn jwt(&self) -> Secret {
        Secret::new(session::sign(&self.claims, &self.key))
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("claims", &self.claims)
            .finish_non_exhaustive()
    }
}

/// What the caller adds to a session it asks for: the Web API's `unit` (the seeds' unit the
/// user logs in under), kept as a claim; `auth --session` adds nothing.
#[derive(Debug, Clone, Default)]
pub struct SessionRequest {
    pub unit: Option<String>,
}

/// Mints a session for `token` under its definition's `[session]` (issuer, ttl). Runs inside
/// the `auth` transaction, which creates the database's key the first time; the signing waits
/// for [`Session::jwt`].
pub fn mint(
    tx: &dyn Tx,
    env: &Env,
    token: &Token,
    policy: &Policy,
    request: &SessionRequest,
) -> Result<Session> {
    let key = Zeroizing::new(tx.key(KEY)?);
    check_len(&key)?;
    let claims = Claims {
        iss: policy.session.issuer.clone(),
        sub: token.number.clone(),
        iat: env.now,
        exp: env.now + policy.session.ttl.as_secs(),
        jti: session::new_jti(),
        classification: token.classification.clone(),
        account: token.account.clone(),
        participant: token.participant.clone(),
        unit: request.unit.clone(),
    };
    Ok(Session { claims, key })
}

/// Checks a session token: signature (HS256 only), `exp` and `iat`, then that its issuer is
/// what the token's definition says and that the token is still effective and unexpired. A
/// read transaction: verifying changes nothing and takes no write lock.
pub fn verify(store: &mut Store, env: &Env, jwt: &Secret) -> Result<Claims> {
    store.read(|tx| {
        // No key yet: this database never signed anything, so no signature can match.
        let Some(key) = tx.meta_get(&format!("key.{KEY}"))?.map(Zeroizing::new) else {
            return Err(SessionError::Signature.into());
        };
        check_len(&key)?;
        let claims = session::verify(jwt.expose(), &key, env.now)?;
        let sub = &claims.sub;
        let token = tx.token_by_number(sub)?.ok_or_else(|| {
            Error::denied(format!(
                "the session token is for token {sub:?}, which no longer exists"
            ))
        })?;
        let policy = policy_for_token(tx, &token)?;
        if claims.iss != policy.session.issuer {
            return Err(Error::denied(format!(
                "the session token's issuer is {:?}, but definition \"{}\" of token {sub} issues sessions as {:?} (session.issuer); authenticate again",
                claims.iss, token.definition, policy.session.issuer
            )));
        }
        if token.state != State::Effective {
            return Err(Error::denied(format!(
                "token {sub} is {}, so its sessions are no longer valid",
                token.state
            )));
        }
        if let Some(exp) = token.expires_at.filter(|e| *e <= env.now) {
            return Err(Error::denied(format!(
                "token {sub} expired at {}, so its sessions are no longer valid",
                rfc3339(exp)
            )));
        }
        Ok(claims)
    })
}

fn check_len(key: &[u8]) -> Result<()> {
    if key.len() != KEY_LEN {
        return Err(Error::internal(format!(
            "the database's session key (meta key.{KEY}) is {} bytes, not {KEY_LEN}; refusing to sign or verify session tokens with it",
            key.len()
        )));
    }
    Ok(())
}
