//! Where edits live: the overlays' current values and the log of every change, behind a small
//! trait with two backends: [`sqlite::SqliteStore`] (one file, the default, for one process)
//! and [`postgres::PgStore`] (for a bot run as several processes on one database). [`open`]
//! picks one from `ROLECALL_DB`.
//!
//! Every change is one transaction that checks what it expects to replace: two moderators
//! changing the same thing never silently overwrite each other.
//!
//! The trait is synchronous on purpose: both backends' clients block, and async callers run
//! store calls on blocking threads (`spawn_blocking`), off the async workers.

pub mod postgres;
pub mod sqlite;

use crate::overlay::{Meta, Overlay};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

/// Where the edits live, as `ROLECALL_DB` says: a `postgres://` or `postgresql://` URL is a
/// PostgreSQL database, anything else the path of a SQLite file. Its `Debug` and `Display`
/// never show a password.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Sqlite(p) => f.debug_tuple("Sqlite").field(p).finish(),
            Location::Postgres(url) => f
                .debug_tuple("Postgres")
                .field(&postgres::redact(url))
                .finish(),
        }
    }
}

impl Location {
    pub fn parse(spec: &str) -> Location {
        let scheme = spec
            .trim()
            .split_once("://")
            .map(|(s, _)| s.to_ascii_lowercase());
        match scheme.as_deref() {
            Some("postgres" | "postgresql") => Location::Postgres(spec.trim().to_string()),
            _ => Location::Sqlite(PathBuf::from(spec)),
        }
    }

    /// Whether there can be edits there already: a SQLite file that exists, or any database
    /// server (reading must not create a SQLite file where there is none).
    pub fn exists(&self) -> bool {
        match self {
            Location::Sqlite(path) => path.is_file(),
            Location::Postgres(_) => true,
        }
    }

    /// Opens (creating or migrating as needed) the store.
    pub fn open(&self) -> Result<Arc<dyn Store>, StoreError> {
        Ok(match self {
            Location::Sqlite(path) => Arc::new(sqlite::SqliteStore::open(path)?),
            Location::Postgres(url) => Arc::new(postgres::PgStore::open(url)?),
        })
    }
}

/// The path, or the URL without its password.
impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(&postgres::redact(url)),
        }
    }
}

/// Opens the store `spec` names ([`Location::parse`]): a PostgreSQL URL or a SQLite path.
pub fn open(spec: &str) -> Result<Arc<dyn Store>, StoreError> {
    Location::parse(spec).open()
}

/// Whose edits: everyone's (owners), or one guild's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    Global,
    Guild(u64),
}

impl Scope {
    pub fn key(self) -> String {
        match self {
            Scope::Global => "global".to_string(),
            Scope::Guild(g) => format!("guild:{g}"),
        }
    }

    /// The scopes whose edits an audience sees, lowest first: everyone's (the owners'), then
    /// a guild's own on top. The one place this order is decided.
    pub fn layers(self) -> Vec<Scope> {
        match self {
            Scope::Global => vec![Scope::Global],
            Scope::Guild(_) => vec![Scope::Global, self],
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        match s {
            "global" => Some(Scope::Global),
            s => s.strip_prefix("guild:")?.parse().ok().map(Scope::Guild),
        }
    }
}

/// One current edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub key: String,
    pub value: Value,
    /// The id of the change that set it.
    pub version: i64,
    pub by: String,
    pub at: String,
}

/// What a change expects to replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// Whatever is there (a command that states the new value outright).
    Any,
    /// Exactly this version, or nothing (`None`): what the editor saw when they started.
    Version(Option<i64>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewChange {
    pub scope: Scope,
    pub key: String,
    /// `None` removes the edit (the shipped data shows again).
    pub after: Option<Value>,
    pub expected: Expected,
    pub author_id: u64,
    pub author_name: String,
}

/// A change as logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub id: i64,
    pub scope: String,
    pub key: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub author_id: u64,
    pub author_name: String,
    pub at: String,
    /// Set on a change that was undone: the change that undid it.
    pub undone_by: Option<i64>,
    /// Set on a change that undoes another.
    pub undo_of: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// What a change expected to replace was changed meanwhile: by whom, when, and to what
    /// (`None`: back to the shipped data).
    #[error("someone else changed this meanwhile")]
    Conflict {
        key: String,
        current: Option<Value>,
        by: String,
        at: String,
    },
    #[error("there is no change #{0} here")]
    NoSuchChange(i64),
    #[error("change #{0} was already undone")]
    AlreadyUndone(i64),
    /// The change asked to be undone is itself an undo: undoing it would quietly redo a
    /// change that may have been undone on purpose, so it is refused, saying which.
    #[error(
        "change #{id} is itself an undo (of #{of}), which cannot be undone; make change #{of} again instead"
    )]
    UndoOfUndo { id: i64, of: i64 },
    #[error("there is nothing to undo")]
    NothingToUndo,
    #[error("storage failed: {0}")]
    Backend(String),
    /// The database was written by a newer version of Rolecall: using it could lose edits.
    #[error(
        "the edits database has schema version {found}, newer than this build knows ({known}); upgrade Rolecall"
    )]
    TooNew { found: i64, known: i64 },
}

/// How long a change waits for its Confirm button: as long as Discord keeps the interaction
/// token that would answer the click.
pub const PENDING_TTL_SECS: i64 = 15 * 60;
/// At most this many changes wait for confirmation in one scope; the oldest go first.
pub const PENDING_PER_SCOPE: usize = 25;

/// A change kept for its Confirm button, when asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    Ready(Value),
    /// Older than [`PENDING_TTL_SECS`]: nothing is changed.
    Expired,
    /// Never kept, already used or cancelled, or for another scope.
    Gone,
}

/// A scope's current edits and its version: the id of its latest change (0 for none), which
/// only grows, so a cache can tell a newer read from an older one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snapshot {
    pub entries: Vec<Entry>,
    pub version: i64,
}

/// Settings a guild's moderators choose.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildSettings {
    /// Members with this role may edit, besides those with Manage Server.
    pub moderator_role: Option<u64>,
    /// Every change is posted here.
    pub modlog_channel: Option<u64>,
}

pub trait Store: Send + Sync {
    /// The current edits of a scope, oldest first, and the scope's version, read together.
    fn snapshot(&self, scope: Scope) -> Result<Snapshot, StoreError>;
    /// The current edits of a scope, oldest first.
    fn entries(&self, scope: Scope) -> Result<Vec<Entry>, StoreError> {
        self.snapshot(scope).map(|s| s.entries)
    }
    /// Every scope that has ever had a change, with its version.
    fn scopes(&self) -> Result<Vec<(Scope, i64)>, StoreError>;
    /// The current edit of one key, if any.
    fn entry(&self, scope: Scope, key: &str) -> Result<Option<Entry>, StoreError>;
    /// Applies changes in one transaction: all or none. A conflict anywhere applies none.
    fn apply(&self, changes: &[NewChange]) -> Result<Vec<Change>, StoreError>;
    /// Undoes a change (the latest one in the scope that is not undone, when `id` is `None`),
    /// unless what it set has been changed since.
    fn undo(
        &self,
        scope: Scope,
        id: Option<i64>,
        author_id: u64,
        author_name: &str,
    ) -> Result<Change, StoreError>;
    /// Changes in a scope, newest first, optionally only those about one career; and how many
    /// there are in all.
    fn history(
        &self,
        scope: Scope,
        career: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<Change>, usize), StoreError>;
    fn settings(&self, guild: u64) -> Result<GuildSettings, StoreError>;
    fn set_settings(&self, guild: u64, settings: &GuildSettings) -> Result<(), StoreError>;
    /// Keeps something a confirm button will need (an import's changes), under a fresh id, as
    /// of `now` (seconds since the epoch, [`now_secs`]). Expired ones are dropped, and the
    /// oldest beyond [`PENDING_PER_SCOPE`] in the scope.
    fn put_pending(&self, scope: Scope, payload: &Value, now: i64) -> Result<String, StoreError>;
    /// Takes it back, once, if it has not expired by `now`.
    fn take_pending(&self, scope: Scope, id: &str, now: i64) -> Result<Pending, StoreError>;
}

/// Builds a scope's overlay from the store, with problems (a value that no longer parses)
/// returned for logging.
pub fn overlay(store: &dyn Store, scope: Scope) -> Result<(Overlay, Vec<String>), StoreError> {
    overlay_at(store, scope).map(|(o, _, problems)| (o, problems))
}

/// [`overlay`] with the version it was read at.
pub fn overlay_at(
    store: &dyn Store,
    scope: Scope,
) -> Result<(Overlay, i64, Vec<String>), StoreError> {
    let snap = store.snapshot(scope)?;
    let versions = snap
        .entries
        .iter()
        .map(|e| (e.key.clone(), e.version))
        .collect();
    let (mut o, problems) = Overlay::from_entries(
        snap.entries
            .into_iter()
            .map(|e| (e.key, e.value, Meta { by: e.by, at: e.at })),
    );
    o.versions = versions;
    Ok((o, snap.version, problems))
}

/// The overlays an audience sees ([`Scope::layers`]), read from the store; a scope that
/// cannot be read is reported and left out.
pub fn layers(store: &dyn Store, scope: Scope) -> (Vec<Overlay>, Vec<String>) {
    let mut problems = Vec::new();
    let overlays = scope
        .layers()
        .into_iter()
        .map(|s| match overlay(store, s) {
            Ok((o, p)) => {
                problems.extend(p);
                o
            }
            Err(e) => {
                problems.push(format!("{}: {e}", s.key()));
                Overlay::default()
            }
        })
        .collect();
    (overlays, problems)
}

/// Seconds since the epoch, for expiry.
pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rolecall_db_picks_the_backend() {
        let url = "postgres://bot:s3cr3t@db:5432/rolecall";
        assert_eq!(Location::parse(url), Location::Postgres(url.into()));
        assert!(matches!(
            Location::parse("PostgreSQL://db/rolecall"),
            Location::Postgres(_)
        ));
        assert_eq!(
            Location::parse("state/rolecall.sqlite"),
            Location::Sqlite(PathBuf::from("state/rolecall.sqlite"))
        );
        assert_eq!(
            Location::parse("/srv/postgres/edits.sqlite"),
            Location::Sqlite(PathBuf::from("/srv/postgres/edits.sqlite"))
        );
        assert_eq!(
            Location::parse(url).to_string(),
            "postgres://bot:***@db:5432/rolecall"
        );
    }
}
