//! What an engine is: the transaction every query runs in ([`Tx`], the sum of the per-table
//! query traits) and the object-safe [`Engine`] that a [`crate::store::Store`] holds.

use crate::error::Result;
use crate::store::queries::{
    AccountQueries, AppKeyQueries, AuditQueries, AuthQueries, BulkQueries, DefinitionQueries,
    LifecycleQueries, MetaQueries, OutboxQueries, TokenQueries,
};

/// One open transaction: every query of the application, whatever the engine.
pub trait Tx:
    TokenQueries
    + BulkQueries
    + AuthQueries
    + LifecycleQueries
    + DefinitionQueries
    + AccountQueries
    + AuditQueries
    + OutboxQueries
    + MetaQueries
    + AppKeyQueries
{
}

impl<T> Tx for T where
    T: TokenQueries
        + BulkQueries
        + AuthQueries
        + LifecycleQueries
        + DefinitionQueries
        + AccountQueries
        + AuditQueries
        + OutboxQueries
        + MetaQueries
        + AppKeyQueries
{
}

/// A transaction body as an engine runs it: called exactly once.
pub type Body<'f> = &'f mut dyn FnMut(&dyn Tx) -> Result<()>;

/// What an engine provides. Object-safe, so a [`crate::store::Store`] is one type whichever engine it holds;
/// ops never sees this trait, only the typed wrappers on [`crate::store::Store`].
pub trait Engine: Send {
    /// See [`crate::store::Store::write`] for the guarantee every engine keeps.
    fn write(&mut self, body: Body) -> Result<()>;
    /// See [`crate::store::Store::read`].
    fn read(&mut self, body: Body) -> Result<()>;
    /// True when this invocation created the database.
    fn created(&self) -> bool;
    /// Where the database is, for people (a path, or a URL without its password).
    fn location(&self) -> String;
    /// What opening the database found that people should be told (a migration's report),
    /// once: later calls return nothing.
    fn take_notices(&mut self) -> Vec<String> {
        Vec::new()
    }
    /// Makes erased secrets (a sent message's body) unrecoverable from the engine's own
    /// leftovers, as far as the engine can.
    fn purge_erased(&mut self) -> Result<()>;
    /// Starts a bulk check: fresh scratch keys (see [`BulkQueries::scratch_claim`]).
    fn begin_bulk_check(&mut self) -> Result<()>;
    /// Drops the scratch keys of a bulk check.
    fn end_bulk_check(&mut self) -> Result<()>;
    /// Runs `body` against a consistent snapshot of the database, committing only its scratch
    /// keys; it never waits for, nor holds up, a writer.
    fn bulk_check(&mut self, body: Body) -> Result<()>;
    /// [`Engine::write`] for the one transaction of a bulk issuance: the engine may leave work
    /// that only makes the written data durable in a better shape (a checkpoint) for
    /// [`Engine::settle_bulk`].
    fn write_bulk(&mut self, body: Body) -> Result<()>;
    /// Finishes, at leisure, what [`Engine::write_bulk`] left; the data is committed already.
    fn settle_bulk(&mut self) -> Result<()>;
    /// Runs every body in one write transaction (group commit, issue #13), each as if it were
    /// a transaction of its own: a body's error undoes that body's changes only, and its
    /// outcome is its slot of the answer. The transaction commits once, after the last body;
    /// an error of the commit itself is the `Err`. The guarantee of [`Engine::write`] holds
    /// for the group. This default runs one transaction per body, for an engine that has no
    /// cheaper way.
    fn write_group(&mut self, bodies: &mut [Body]) -> Result<Vec<Result<()>>> {
        Ok(bodies.iter_mut().map(|b| self.write(&mut **b)).collect())
    }
}
