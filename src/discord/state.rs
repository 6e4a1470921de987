//! What every command, event and autocomplete shares: the loaded data, the edits kept in
//! memory, and the poise `Context` type. A leaf module: it knows nothing of commands or cards,
//! so they can all depend on it.
//!
//! Answers never wait on the store. Every scope's edits are read into memory before the bot
//! connects; an edit refreshes its scope on a blocking thread, and a refresh is installed only
//! if it is newer than what is cached, so a slow read can never put an older view back.

use super::errors::Error;
use poise::serenity_prelude as serenity;
use rolecall::overlay::Overlay;
use rolecall::store::{GuildSettings, Scope, Store, StoreError};
use rolecall::{AddedNames, Rolecall};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

pub type Context<'a> = poise::Context<'a, Data, Error>;

/// The data with what is derived from it, replaced together on `/dataset reload`.
struct Loaded {
    rc: Arc<Rolecall>,
    /// Counts reloads: a cached name index belongs to one generation of the data.
    generation: u64,
    /// Careers an empty role box suggests, best first (hidden ones are skipped per guild).
    popular: Arc<Vec<usize>>,
}

pub struct Data {
    loaded: RwLock<Loaded>,
    pub edits: Edits,
    /// Pictures for the cards, drawn off the async workers and cached.
    pub charts: super::charts::Charts,
    pub owners: Vec<u64>,
    /// Where `/dataset reload` re-reads the data from.
    pub data_dir: PathBuf,
    pub registration: super::register::Registration,
}

impl Data {
    pub fn new(
        rc: Arc<Rolecall>,
        edits: Edits,
        owners: Vec<u64>,
        data_dir: PathBuf,
        registration: super::register::Registration,
    ) -> Data {
        Data {
            registration,
            loaded: RwLock::new(Loaded {
                popular: Arc::new(super::autocomplete::popular(&rc)),
                rc,
                generation: 0,
            }),
            edits,
            charts: super::charts::Charts::default(),
            owners,
            data_dir,
        }
    }

    pub fn rc(&self) -> Arc<Rolecall> {
        read(&self.loaded).rc.clone()
    }

    /// The careers an empty role box suggests, before hiding.
    pub fn popular(&self) -> Arc<Vec<usize>> {
        read(&self.loaded).popular.clone()
    }

    pub fn replace_data(&self, rc: Rolecall) {
        let rc = Arc::new(rc);
        let popular = Arc::new(super::autocomplete::popular(&rc));
        let mut loaded = write(&self.loaded);
        loaded.generation += 1;
        loaded.rc = rc;
        loaded.popular = popular;
    }

    /// The data as seen in a guild (global edits, then the guild's) or in DMs (global only),
    /// from memory. Owned, so it can go to a blocking thread with the store work.
    pub fn scoped(&self, guild: Option<serenity::GuildId>) -> Scoped {
        let (rc, generation) = {
            let l = read(&self.loaded);
            (l.rc.clone(), l.generation)
        };
        let scope = guild.map_or(Scope::Global, |g| Scope::Guild(g.get()));
        let layers: Vec<(Scope, i64, Arc<Overlay>)> = scope
            .layers()
            .into_iter()
            .map(|s| {
                let (version, overlay) = self.edits.cached(s);
                (s, version, overlay)
            })
            .collect();
        let key = NamesKey {
            generation,
            versions: layers.iter().map(|(s, v, _)| (*s, *v)).collect(),
        };
        let layers: Vec<Arc<Overlay>> = layers.into_iter().map(|(_, _, o)| o).collect();
        let names = self.edits.names(scope, key, || {
            let refs: Vec<&Overlay> = layers.iter().map(Arc::as_ref).collect();
            rolecall::View::new(&rc, &refs).added_names_index()
        });
        Scoped { rc, layers, names }
    }
}

/// Everything a view of one audience needs, owned: one interaction's snapshot of the data.
pub struct Scoped {
    rc: Arc<Rolecall>,
    layers: Vec<Arc<Overlay>>,
    names: AddedNames,
}

impl Scoped {
    pub fn view(&self) -> rolecall::View<'_> {
        let layers: Vec<&Overlay> = self.layers.iter().map(Arc::as_ref).collect();
        rolecall::View::with_names(&self.rc, &layers, self.names.clone())
    }

    /// The overlay of the scope being edited (the last layer).
    pub fn own(&self) -> &Overlay {
        self.layers.last().map_or(&EMPTY, Arc::as_ref)
    }
}

static EMPTY: std::sync::LazyLock<Overlay> = std::sync::LazyLock::new(Overlay::default);

/// Which layers a name index was built from.
#[derive(Clone, PartialEq, Eq)]
struct NamesKey {
    generation: u64,
    versions: Vec<(Scope, i64)>,
}

/// How long an answer may wait for a guild's settings the first time they are needed.
const SETTINGS_WAIT: Duration = Duration::from_secs(2);

/// The store and, in memory, each scope's overlay at a version, each guild's settings, and
/// each audience's index of added names. Cheap to clone: a task that outlives an
/// interaction (a modlog post) takes its own handle.
#[derive(Clone)]
pub struct Edits {
    inner: Arc<Inner>,
}

struct Inner {
    store: Arc<dyn Store>,
    overlays: RwLock<HashMap<Scope, (i64, Arc<Overlay>)>>,
    settings: RwLock<HashMap<u64, GuildSettings>>,
    /// One entry per audience: the index for its current layers.
    names: Mutex<HashMap<Scope, (NamesKey, AddedNames)>>,
}

impl Edits {
    /// Reads every scope's edits (blocking; before the bot connects). A scope that cannot
    /// be read stops the start: answering without a guild's hidden careers would be wrong.
    pub fn preload(store: Arc<dyn Store>) -> Result<Edits, StoreError> {
        let edits = Edits {
            inner: Arc::new(Inner {
                store,
                overlays: Default::default(),
                settings: Default::default(),
                names: Default::default(),
            }),
        };
        for (scope, _) in edits.inner.store.scopes()? {
            let read = read_overlay(edits.inner.store.as_ref(), scope)?;
            edits.install(scope, read);
        }
        Ok(edits)
    }

    /// A scope's overlay and version, from memory. A scope never edited has none.
    fn cached(&self, scope: Scope) -> (i64, Arc<Overlay>) {
        read(&self.inner.overlays)
            .get(&scope)
            .cloned()
            .unwrap_or_else(|| (0, Arc::new(Overlay::default())))
    }

    /// Keeps an overlay read at `version` unless a newer one is cached: the cache only moves
    /// forward. Returns whether it was installed.
    fn install(&self, scope: Scope, (version, overlay): (i64, Overlay)) -> bool {
        let mut map = write(&self.inner.overlays);
        match map.get(&scope) {
            Some((v, _)) if *v >= version => false,
            _ => {
                map.insert(scope, (version, Arc::new(overlay)));
                true
            }
        }
    }

    /// Re-reads a scope's edits on a blocking thread and installs them if newer. Called after
    /// every change this process makes (and, with several processes, when told of one).
    pub async fn refresh(&self, scope: Scope) -> Result<(), StoreError> {
        let read = self.run(move |s| read_overlay(s, scope)).await?;
        self.install(scope, read);
        Ok(())
    }

    fn names(
        &self,
        audience: Scope,
        key: NamesKey,
        build: impl FnOnce() -> AddedNames,
    ) -> AddedNames {
        if let Some((k, names)) = lock(&self.inner.names).get(&audience)
            && *k == key
        {
            return names.clone();
        }
        // Built outside the lock: another audience's keystroke need not wait for this one.
        let names = build();
        lock(&self.inner.names).insert(audience, (key, names.clone()));
        names
    }

    /// Runs store work on a blocking thread, where a slow disk or a held lock cannot stall
    /// the gateway or other guilds' answers.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let store = self.inner.store.clone();
        let started = std::time::Instant::now();
        let result = tokio::task::spawn_blocking(move || work(store.as_ref()))
            .await
            .unwrap_or_else(|e| Err(StoreError::Backend(format!("the store task failed: {e}"))));
        // A refusal (a conflict, nothing to undo) is the store working.
        let failed = matches!(
            result,
            Err(StoreError::Backend(_) | StoreError::TooNew { .. })
        );
        super::metrics::store_call(started, !failed);
        result
    }

    /// Re-reads every scope (after a lost connection to other processes' notices, which may
    /// have missed some) and forgets cached settings.
    pub async fn refresh_all(&self) -> Result<(), StoreError> {
        let scopes = self.run(|s| s.scopes()).await?;
        for (scope, version) in scopes {
            if self.cached(scope).0 < version {
                self.refresh(scope).await?;
            }
        }
        write(&self.inner.settings).clear();
        Ok(())
    }

    /// Re-reads a scope if it is older than `version` (another process's change).
    pub async fn refresh_to(&self, scope: Scope, version: i64) -> Result<(), StoreError> {
        if self.cached(scope).0 < version {
            self.refresh(scope).await?;
        }
        Ok(())
    }

    /// Forgets a guild's cached settings (another process changed them).
    pub fn forget_settings(&self, guild: u64) {
        write(&self.inner.settings).remove(&guild);
    }

    /// A guild's settings: from memory after the first read, which waits at most
    /// [`SETTINGS_WAIT`].
    pub async fn settings(&self, guild: u64) -> Result<GuildSettings, StoreError> {
        if let Some(s) = read(&self.inner.settings).get(&guild) {
            return Ok(s.clone());
        }
        let s = tokio::time::timeout(SETTINGS_WAIT, self.run(move |s| s.settings(guild)))
            .await
            .unwrap_or_else(|_| {
                Err(StoreError::Backend(format!(
                    "reading the settings took longer than {SETTINGS_WAIT:?}"
                )))
            })?;
        write(&self.inner.settings).insert(guild, s.clone());
        Ok(s)
    }

    pub async fn set_settings(
        &self,
        guild: u64,
        settings: GuildSettings,
    ) -> Result<(), StoreError> {
        let saved = settings.clone();
        self.run(move |s| s.set_settings(guild, &saved)).await?;
        write(&self.inner.settings).insert(guild, settings);
        Ok(())
    }
}

fn read_overlay(store: &dyn Store, scope: Scope) -> Result<(i64, Overlay), StoreError> {
    let (overlay, version, problems) = rolecall::store::overlay_at(store, scope)?;
    for p in problems {
        tracing::warn!(scope = %scope.key(), problem = %p, "an edit could not be applied");
    }
    Ok((version, overlay))
}

// A panic while holding one of these locks leaves plain data behind, still usable.
fn read<T>(l: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(|e| e.into_inner())
}

fn write<T>(l: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(|e| e.into_inner())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rolecall::store::sqlite::SqliteStore;

    fn edits() -> (tempfile::TempDir, Edits) {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("e.sqlite")).unwrap();
        (dir, Edits::preload(Arc::new(store)).unwrap())
    }

    #[test]
    fn the_cache_only_moves_forward() {
        let (_dir, edits) = edits();
        let scope = Scope::Guild(7);
        let mut newer = Overlay::default();
        newer.versions.insert("k".into(), 5);
        assert!(edits.install(scope, (5, newer)));
        // A refresh that started earlier and finishes later must not put version 3 back.
        assert!(!edits.install(scope, (3, Overlay::default())));
        assert!(!edits.install(scope, (5, Overlay::default())));
        let (v, o) = edits.cached(scope);
        assert_eq!(v, 5);
        assert_eq!(o.versions.get("k"), Some(&5));
    }
}
