//! Settings both front ends read from the environment.

use std::path::PathBuf;

/// `ROLECALL_DB`, default `state/rolecall.sqlite`: the edits database of the bot and of
/// `rolecall dataset`.
pub fn db_path() -> PathBuf {
    std::env::var("ROLECALL_DB")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("state").join("rolecall.sqlite"))
}
