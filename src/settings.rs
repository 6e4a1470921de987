//! Settings both front ends read from the environment.

use std::path::PathBuf;

/// `ROLECALL_DB`, default `state/rolecall.sqlite`: the edits database of the bot and of
/// `rolecall dataset`, a SQLite path or a `postgres://` URL ([`rolecall::store::Location`]).
pub fn db() -> String {
    std::env::var("ROLECALL_DB")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| {
            PathBuf::from("state")
                .join("rolecall.sqlite")
                .to_string_lossy()
                .into_owned()
        })
}

/// [`db`] as a SQLite path (the bot's configuration, until it opens the store with
/// `rolecall::store::open(&db())`). A PostgreSQL URL comes back without its password, so
/// that a message showing this path never shows it: it is for display only, and
/// `SqliteStore::open` refuses it.
pub fn db_path() -> PathBuf {
    PathBuf::from(rolecall::store::Location::parse(&db()).to_string())
}
