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
