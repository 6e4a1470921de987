//! Where edits live: the overlays' current values and the log of every change, behind a small
//! trait so that another backend (PostgreSQL, for a bot run as several processes) can be
//! added without touching its users. [`sqlite::SqliteStore`] is the one backend today.
//!
//! Every change is one transaction that checks what it expects to replace: two moderators
//! changing the same thing never silently overwrite each other.

pub mod sqlite;

use crate::overlay::{Meta, Overlay};
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
    #[error("someone else changed this meanwhile (to {current}, by {by} at {at})")]
    Conflict {
        current: String,
        by: String,
        at: String,
    },
    #[error("there is no change #{0} here")]
    NoSuchChange(i64),
    #[error("change #{0} was already undone")]
    AlreadyUndone(i64),
    #[error("there is nothing to undo")]
    NothingToUndo,
    #[error("storage failed: {0}")]
    Backend(String),
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
    /// The current edits of a scope, oldest first.
    fn entries(&self, scope: Scope) -> Result<Vec<Entry>, StoreError>;
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
    /// Keeps something a confirm button will need (an import's changes), under a fresh id.
    fn put_pending(&self, scope: Scope, payload: &Value) -> Result<String, StoreError>;
    /// Takes it back, once.
    fn take_pending(&self, scope: Scope, id: &str) -> Result<Option<Value>, StoreError>;
}

/// Builds a scope's overlay from the store, with problems (a value that no longer parses)
/// returned for logging.
pub fn overlay(store: &dyn Store, scope: Scope) -> Result<(Overlay, Vec<String>), StoreError> {
    let entries = store.entries(scope)?;
    Ok(Overlay::from_entries(
        entries
            .into_iter()
            .map(|e| (e.key, e.value, Meta { by: e.by, at: e.at })),
    ))
}
