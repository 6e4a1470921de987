//! Edits reach every process: with PostgreSQL, each process listens for the notices the store
//! sends with every committed change and re-reads the scope it names (if its copy is older:
//! the cache only moves forward). Notices sent while the listener is disconnected are lost,
//! so after every (re)connection every scope is re-read. With SQLite there is one process and
//! nothing to listen to.

use super::state::Edits;
use rolecall::store::postgres::{self, Notice};
use std::time::Duration;

/// How soon a failed re-read is tried again.
const RETRY: Duration = Duration::from_secs(1);

/// Starts listening (PostgreSQL only); returns at once.
pub async fn follow(url: &str, edits: Edits) -> Result<(), rolecall::store::StoreError> {
    let mut notices = postgres::listen(url).await?;
    tokio::spawn(async move {
        // Set when a re-read failed (the store was down): every scope is read again until it
        // works, whether or not another notice comes.
        let mut stale = false;
        loop {
            let notice = if stale {
                tokio::select! {
                    n = notices.recv() => n,
                    _ = tokio::time::sleep(RETRY) => {
                        // A retry, not a notice: not counted as an invalidation.
                        match edits.refresh_all().await {
                            Ok(()) => stale = false,
                            Err(e) => tracing::debug!(error = %e, "re-reading the edits failed again"),
                        }
                        continue;
                    }
                }
            } else {
                notices.recv().await
            };
            let Some(notice) = notice else { break };
            let result = match notice {
                Notice::Changed { scope, version } => {
                    super::metrics::cache_invalidation("changed");
                    edits.refresh_to(scope, version).await
                }
                Notice::Settings { guild } => {
                    super::metrics::cache_invalidation("settings");
                    edits.forget_settings(guild);
                    Ok(())
                }
                Notice::Reconnected => {
                    super::metrics::cache_invalidation("reconnected");
                    tracing::info!("listening for other processes' edits; re-reading every scope");
                    edits.refresh_all().await.map(|()| stale = false)
                }
                Notice::Lost { why } => {
                    tracing::warn!(why = %why, "stopped hearing other processes' edits; reconnecting");
                    Ok(())
                }
            };
            if let Err(e) = result {
                stale = true;
                tracing::error!(error = %e, "could not re-read edits after a notice; retrying");
            }
        }
    });
    Ok(())
}
