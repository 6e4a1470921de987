//! The PostgreSQL store (`ROLECALL_DB=postgres://…`), for a bot run as several processes on
//! one database. Same guarantees as [`super::sqlite`]; see ARCHITECTURE.md ("The edits
//! store") for why these crates.
//!
//! - **Serialised per scope.** Every change (and every pending confirmation) first locks its
//!   scope's row in `scopes` (an upsert, so the first change of a scope locks it too), then
//!   reads what it expects to replace and writes, in one READ COMMITTED transaction. Two
//!   processes changing the same scope take turns, so a compare-and-set can never pass twice
//!   on one key, and change ids (the scope's versions) are committed in increasing order
//!   within a scope: a reader that saw version `v` has seen every change of the scope up to
//!   `v`, which is what lets a cache only move forward. Scopes of one batch are locked in
//!   sorted order (no deadlocks); a serialization failure or deadlock reported by the server
//!   all the same is retried a few times, then reported as [`StoreError::Backend`].
//! - **Notifications.** Every apply and undo, in its own transaction, sends
//!   `pg_notify('rolecall_edits', '<scope key> <new version>')`: delivered to listeners only
//!   if it commits. [`listen`] gives another process those notices.
//! - **Synchronous.** The `postgres` client runs each call on a small runtime of its own, so
//!   it must not be called from inside an async task: run store calls on a blocking thread
//!   (`tokio::task::spawn_blocking`). As a safety net, a call made from a worker of a
//!   multi-threaded tokio runtime is moved off it with `block_in_place` rather than
//!   panicking; on a current-thread runtime (`#[tokio::test]`'s default) inside `block_on`
//!   it would still panic.
//! - **No TLS.** Connections are plain (`NoTls`): reach the database over a Unix socket,
//!   loopback or a private network. A URL asking for `sslmode=require` fails to connect.

use super::{
    Change, Entry, Expected, GuildSettings, NewChange, PENDING_PER_SCOPE, PENDING_TTL_SECS,
    Pending, Scope, Snapshot, Store, StoreError, sqlite::now_rfc3339,
};
use ::postgres::error::SqlState;
use ::postgres::{Client, IsolationLevel, NoTls, Row, Transaction};
use r2d2_postgres::PostgresConnectionManager;
use r2d2_postgres::r2d2;
use serde_json::Value;
use std::time::Duration;

/// The LISTEN/NOTIFY channel every change is announced on.
pub const CHANNEL: &str = "rolecall_edits";

/// Each entry migrates from the previous version (`schema_version.version`) to the next.
/// The schema is SQLite's (at its version 2), plus `scopes`: each scope's version, and the
/// row a change locks.
const MIGRATIONS: &[&str] = &[
    // 1: the change log, the current values, scope versions, guild settings, pending
    // confirmations.
    "CREATE TABLE changes (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        career TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT,
        author_id BIGINT NOT NULL,
        author_name TEXT NOT NULL,
        made_at TEXT NOT NULL,
        undone_by BIGINT REFERENCES changes(id),
        undo_of BIGINT REFERENCES changes(id)
    );
    CREATE INDEX changes_by_scope ON changes(scope, id);
    CREATE INDEX changes_by_career ON changes(scope, career, id);
    CREATE INDEX changes_by_key ON changes(scope, key, id);
    CREATE TABLE current_values (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        version BIGINT NOT NULL REFERENCES changes(id),
        PRIMARY KEY (scope, key)
    );
    CREATE INDEX current_by_version ON current_values(scope, version);
    CREATE TABLE scopes (
        scope TEXT PRIMARY KEY,
        version BIGINT NOT NULL DEFAULT 0
    );
    CREATE TABLE guild_settings (
        guild BIGINT PRIMARY KEY,
        moderator_role BIGINT,
        modlog_channel BIGINT
    );
    CREATE TABLE pending (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        scope TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_secs BIGINT NOT NULL
    );
    CREATE INDEX pending_by_scope ON pending(scope, created_secs);",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Held (per transaction) while migrating, so that processes starting together migrate one
/// after the other. "rolecall" in ASCII.
const MIGRATION_LOCK: i64 = 0x726f_6c65_6361_6c6c;

/// Connections kept per process. Store calls are short; a bot's blocking threads rarely need
/// more at once, and PostgreSQL's default limit (100) leaves room for several processes.
const POOL_SIZE: u32 = 8;
/// How long connecting may take, unless the URL says (`connect_timeout`).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a call waits for a free (or new) pooled connection before it fails: while the
/// database is down, a moderator hears so in about this long, not after a minute.
const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(3);
/// How long a change waits for another's lock on its scope before it fails (and nothing is
/// changed): SQLite's busy timeout.
const LOCK_TIMEOUT: &str = "5s";
/// Tries of a transaction the server aborted as a serialization failure or deadlock.
const TRIES: u32 = 5;

type Pool = r2d2::Pool<PostgresConnectionManager<NoTls>>;

pub struct PgStore {
    /// Always there but while dropping (see `Drop`).
    pool: Option<Pool>,
    /// The URL without its password, for messages.
    shown: String,
}

/// Closing a `postgres` connection blocks too: a store dropped on a tokio worker thread
/// closes its connections off it.
impl Drop for PgStore {
    fn drop(&mut self) {
        if let Some(pool) = self.pool.take() {
            blocking(move || drop(pool));
        }
    }
}

/// What went wrong inside a transaction: the server, or the store's own refusal.
enum Fail {
    Pg(::postgres::Error),
    Store(StoreError),
}

impl From<::postgres::Error> for Fail {
    fn from(e: ::postgres::Error) -> Fail {
        Fail::Pg(e)
    }
}

impl From<StoreError> for Fail {
    fn from(e: StoreError) -> Fail {
        Fail::Store(e)
    }
}

/// The error's whole story: `postgres` prints only "db error" for a server's error.
fn describe(e: &::postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return format!("{}: {}", db.severity(), db.message());
    }
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}

fn pg(e: ::postgres::Error) -> StoreError {
    StoreError::Backend(describe(&e))
}

fn retryable(e: &::postgres::Error) -> bool {
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED
    )
}

/// A connection URL (or `key=value` string) with any password replaced by `***`, for every
/// message and log line that names the database.
pub fn redact(url: &str) -> String {
    let mut out = url.to_string();
    // postgres://user:password@host/…
    if let Some(start) = out.find("://").map(|i| i + 3) {
        let end = out[start..]
            .find(['/', '?', '#'])
            .map_or(out.len(), |i| start + i);
        if let Some(at) = out[start..end].rfind('@').map(|i| start + i)
            && let Some(colon) = out[start..at].find(':').map(|i| start + i)
        {
            out.replace_range(colon + 1..at, "***");
        }
    }
    // …?password=… and password=… (quoted or not) in a key=value string.
    let mut from = 0;
    while let Some(i) = out[from..]
        .to_ascii_lowercase()
        .find("password")
        .map(|i| from + i)
    {
        let rest = &out[i + "password".len()..];
        let eq = rest.len() - rest.trim_start().len();
        if !rest.trim_start().starts_with('=') {
            from = i + "password".len();
            continue;
        }
        let value_start = i + "password".len() + eq + 1;
        let value_start =
            value_start + (out[value_start..].len() - out[value_start..].trim_start().len());
        let value_end = if out[value_start..].starts_with('\'') {
            // A quoted value ends at the next unescaped quote.
            let bytes = out.as_bytes();
            let mut j = value_start + 1;
            while j < bytes.len() && bytes[j] != b'\'' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1).min(out.len())
        } else {
            out[value_start..]
                .find(['&', ' ', '\t', '\n', '#'])
                .map_or(out.len(), |j| value_start + j)
        };
        out.replace_range(value_start..value_end, "***");
        from = value_start + 3;
    }
    out
}

/// Runs `f`, which makes blocking calls to PostgreSQL, moved off a tokio worker thread if
/// called on one (see the module's documentation).
fn blocking<R>(f: impl FnOnce() -> R) -> R {
    match tokio::runtime::Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(f)
        }
        _ => f(),
    }
}

/// Settings every pooled connection starts with.
#[derive(Debug)]
struct Session;

impl r2d2::CustomizeConnection<Client, ::postgres::Error> for Session {
    fn on_acquire(&self, conn: &mut Client) -> Result<(), ::postgres::Error> {
        conn.batch_execute(&format!("SET lock_timeout = '{LOCK_TIMEOUT}'"))
    }
}

/// The connection settings from a URL, with Rolecall's defaults where it says nothing.
fn config(url: &str) -> Result<tokio_postgres::Config, StoreError> {
    let mut config: tokio_postgres::Config = url.parse().map_err(|e: ::postgres::Error| {
        StoreError::Backend(format!("{}: {}", redact(url), describe(&e)))
    })?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if config.get_application_name().is_none() {
        config.application_name("rolecall");
    }
    Ok(config)
}

impl PgStore {
    /// Connects, and creates or migrates the schema. A database written by a newer build is
    /// refused, untouched. The URL's password never appears in an error.
    pub fn open(url: &str) -> Result<PgStore, StoreError> {
        let shown = redact(url);
        let mut config: ::postgres::Config = config(url)?.into();
        // Server notices ("relation already exists, skipping") are not errors, and the core
        // does not log.
        config.notice_callback(|_| {});
        blocking(|| {
            let mut client = config.connect(NoTls).map_err(|e| {
                StoreError::Backend(format!("connecting to {shown}: {}", describe(&e)))
            })?;
            migrate(&mut client)?;
            drop(client);
            let pool = r2d2::Pool::builder()
                .max_size(POOL_SIZE)
                .min_idle(Some(1))
                .connection_timeout(CHECKOUT_TIMEOUT)
                .connection_customizer(Box::new(Session))
                // Not logged (the core does not log): a call that cannot get a connection
                // fails with the last error.
                .error_handler(Box::new(r2d2::NopErrorHandler))
                .build_unchecked(PostgresConnectionManager::new(config, NoTls));
            Ok(PgStore {
                pool: Some(pool),
                shown,
            })
        })
    }

    /// The URL it was opened with, without its password.
    pub fn url(&self) -> &str {
        &self.shown
    }

    fn conn(&self) -> Result<r2d2::PooledConnection<PostgresConnectionManager<NoTls>>, StoreError> {
        self.pool
            .as_ref()
            .expect("the pool, until dropped")
            .get()
            .map_err(|e| StoreError::Backend(format!("{}: {e}", self.shown)))
    }

    /// Runs `f` in one transaction (read-only and repeatable-read for reads, so that what it
    /// reads belongs together), committed if it returns `Ok`. Tried again if the server
    /// aborts it as a serialization failure or deadlock.
    fn transact<T>(
        &self,
        read_only: bool,
        mut f: impl FnMut(&mut Transaction) -> Result<T, Fail>,
    ) -> Result<T, StoreError> {
        blocking(|| {
            let mut conn = self.conn()?;
            let mut tries = 0;
            loop {
                tries += 1;
                let result = (|| -> Result<T, Fail> {
                    let mut tx = if read_only {
                        conn.build_transaction()
                            .isolation_level(IsolationLevel::RepeatableRead)
                            .read_only(true)
                            .start()?
                    } else {
                        conn.transaction()?
                    };
                    let value = f(&mut tx)?;
                    tx.commit()?;
                    Ok(value)
                })();
                match result {
                    Ok(v) => return Ok(v),
                    Err(Fail::Store(e)) => return Err(e),
                    Err(Fail::Pg(e)) if retryable(&e) && tries < TRIES => {
                        std::thread::sleep(Duration::from_millis(10 << tries));
                    }
                    Err(Fail::Pg(e)) if retryable(&e) => {
                        return Err(StoreError::Backend(format!(
                            "gave up after {tries} tries: {}",
                            describe(&e)
                        )));
                    }
                    Err(Fail::Pg(e)) => return Err(pg(e)),
                }
            }
        })
    }
}

fn migrate(client: &mut Client) -> Result<(), StoreError> {
    let known = SCHEMA_VERSION;
    loop {
        let mut tx = client.transaction().map_err(pg)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .map_err(pg)?;
        let exists: bool = tx
            .query_one("SELECT to_regclass('schema_version') IS NOT NULL", &[])
            .map_err(pg)?
            .get(0);
        let version: i64 = if exists {
            tx.query_opt("SELECT version FROM schema_version", &[])
                .map_err(pg)?
                .map_or(0, |r| r.get(0))
        } else {
            tx.batch_execute(
                "CREATE TABLE schema_version (
                    only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
                    version BIGINT NOT NULL
                );
                INSERT INTO schema_version (version) VALUES (0);",
            )
            .map_err(pg)?;
            0
        };
        if version > known {
            // Dropping the transaction rolls it back: nothing was written.
            return Err(StoreError::TooNew {
                found: version,
                known,
            });
        }
        if version == known {
            tx.commit().map_err(pg)?;
            return Ok(());
        }
        tx.batch_execute(MIGRATIONS[version.max(0) as usize])
            .map_err(|e| {
                StoreError::Backend(format!(
                    "migrating to version {}: {}",
                    version + 1,
                    describe(&e)
                ))
            })?;
        tx.execute(
            "INSERT INTO schema_version (only_row, version) VALUES (TRUE, $1)
             ON CONFLICT (only_row) DO UPDATE SET version = excluded.version",
            &[&(version + 1)],
        )
        .map_err(pg)?;
        tx.commit().map_err(pg)?;
    }
}

fn career_of(key: &str) -> String {
    crate::overlay::Key::decode(key)
        .map(|k| k.career().to_string())
        .unwrap_or_default()
}

fn parse(s: Option<String>) -> Option<Value> {
    s.and_then(|s| serde_json::from_str(&s).ok())
}

const CHANGE_COLUMNS: &str =
    "id, scope, key, before_json, after_json, author_id, author_name, made_at, undone_by, undo_of";

fn change_from_row(r: &Row) -> Change {
    Change {
        id: r.get(0),
        scope: r.get(1),
        key: r.get(2),
        before: parse(r.get(3)),
        after: parse(r.get(4)),
        author_id: r.get::<_, i64>(5) as u64,
        author_name: r.get(6),
        at: r.get(7),
        undone_by: r.get(8),
        undo_of: r.get(9),
    }
}

/// Takes the scope's lock until the transaction ends (creating its row the first time).
fn lock_scope(tx: &mut Transaction, scope: &str) -> Result<(), ::postgres::Error> {
    tx.execute(
        "INSERT INTO scopes (scope, version) VALUES ($1, 0)
         ON CONFLICT (scope) DO UPDATE SET version = scopes.version",
        &[&scope],
    )?;
    Ok(())
}

/// Records the scope's new version and announces it to listeners, at commit.
fn bump(tx: &mut Transaction, scope: &str, version: i64) -> Result<(), ::postgres::Error> {
    tx.execute(
        "UPDATE scopes SET version = GREATEST(version, $2) WHERE scope = $1",
        &[&scope, &version],
    )?;
    tx.execute(
        "SELECT pg_notify($1, $2)",
        &[&CHANNEL, &format!("{scope} {version}")],
    )?;
    Ok(())
}

fn current(
    tx: &mut Transaction,
    scope: &str,
    key: &str,
) -> Result<Option<(String, i64)>, ::postgres::Error> {
    Ok(tx
        .query_opt(
            "SELECT value, version FROM current_values WHERE scope = $1 AND key = $2",
            &[&scope, &key],
        )?
        .map(|r| (r.get(0), r.get(1))))
}

/// What stands where a change expected something else: the current edit and who made it, or
/// (no current edit) the last change to the key, which put the shipped data back.
fn conflict(tx: &mut Transaction, scope: &str, key: &str) -> StoreError {
    let found = tx
        .query_opt(
            "SELECT c.value, ch.author_name, ch.made_at FROM current_values c
             JOIN changes ch ON ch.id = c.version WHERE c.scope = $1 AND c.key = $2",
            &[&scope, &key],
        )
        .ok()
        .flatten();
    match found {
        Some(r) => StoreError::Conflict {
            key: key.to_string(),
            current: serde_json::from_str(&r.get::<_, String>(0)).ok(),
            by: r.get(1),
            at: r.get(2),
        },
        None => {
            let (by, at) = tx
                .query_opt(
                    "SELECT author_name, made_at FROM changes WHERE scope = $1 AND key = $2
                     ORDER BY id DESC LIMIT 1",
                    &[&scope, &key],
                )
                .ok()
                .flatten()
                .map(|r| (r.get(0), r.get(1)))
                .unwrap_or_default();
            StoreError::Conflict {
                key: key.to_string(),
                current: None,
                by,
                at,
            }
        }
    }
}

/// Writes one change inside an open transaction.
#[allow(clippy::too_many_arguments)]
fn write(
    tx: &mut Transaction,
    scope: &str,
    key: &str,
    before: Option<&str>,
    after: &Option<Value>,
    author_id: u64,
    author_name: &str,
    at: &str,
    undo_of: Option<i64>,
) -> Result<Change, ::postgres::Error> {
    let after_json = after.as_ref().map(Value::to_string);
    let row = tx.query_one(
        &format!(
            "INSERT INTO changes (scope, key, career, before_json, after_json, author_id, author_name, made_at, undo_of)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {CHANGE_COLUMNS}"
        ),
        &[
            &scope,
            &key,
            &career_of(key),
            &before,
            &after_json,
            &(author_id as i64),
            &author_name,
            &at,
            &undo_of,
        ],
    )?;
    let change = change_from_row(&row);
    match after_json {
        Some(v) => tx.execute(
            "INSERT INTO current_values (scope, key, value, version) VALUES ($1, $2, $3, $4)
             ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, version = excluded.version",
            &[&scope, &key, &v, &change.id],
        )?,
        None => tx.execute(
            "DELETE FROM current_values WHERE scope = $1 AND key = $2",
            &[&scope, &key],
        )?,
    };
    Ok(change)
}

fn entry_from_row(key: Option<&str>, r: &Row) -> Entry {
    let value: String = r.get("value");
    Entry {
        key: key.map_or_else(|| r.get("key"), str::to_string),
        value: serde_json::from_str(&value).unwrap_or(Value::Null),
        version: r.get("version"),
        by: r.get("author_name"),
        at: r.get("made_at"),
    }
}

impl Store for PgStore {
    fn snapshot(&self, scope: Scope) -> Result<Snapshot, StoreError> {
        let s = scope.key();
        self.transact(true, |tx| {
            let entries = tx
                .query(
                    "SELECT c.key, c.value, c.version, ch.author_name, ch.made_at
                     FROM current_values c JOIN changes ch ON ch.id = c.version
                     WHERE c.scope = $1 ORDER BY c.version",
                    &[&s],
                )?
                .iter()
                .map(|r| entry_from_row(None, r))
                .collect();
            let version = tx
                .query_opt("SELECT version FROM scopes WHERE scope = $1", &[&s])?
                .map_or(0, |r| r.get(0));
            Ok(Snapshot { entries, version })
        })
    }

    fn scopes(&self) -> Result<Vec<(Scope, i64)>, StoreError> {
        self.transact(true, |tx| {
            Ok(tx
                .query(
                    "SELECT scope, version FROM scopes WHERE version > 0 ORDER BY scope",
                    &[],
                )?
                .iter()
                .filter_map(|r| Some((Scope::parse(r.get(0))?, r.get(1))))
                .collect())
        })
    }

    fn entry(&self, scope: Scope, key: &str) -> Result<Option<Entry>, StoreError> {
        let s = scope.key();
        self.transact(true, |tx| {
            Ok(tx
                .query_opt(
                    "SELECT c.value, c.version, ch.author_name, ch.made_at
                     FROM current_values c JOIN changes ch ON ch.id = c.version
                     WHERE c.scope = $1 AND c.key = $2",
                    &[&s, &key],
                )?
                .map(|r| entry_from_row(Some(key), &r)))
        })
    }

    fn apply(&self, changes: &[NewChange]) -> Result<Vec<Change>, StoreError> {
        let mut scopes: Vec<String> = changes.iter().map(|c| c.scope.key()).collect();
        scopes.sort();
        scopes.dedup();
        self.transact(false, |tx| {
            // In sorted order: two batches over the same scopes cannot deadlock.
            for s in &scopes {
                lock_scope(tx, s)?;
            }
            let at = now_rfc3339();
            let mut out = Vec::with_capacity(changes.len());
            for c in changes {
                let scope = c.scope.key();
                let cur = current(tx, &scope, &c.key)?;
                if let Expected::Version(v) = c.expected
                    && cur.as_ref().map(|(_, ver)| *ver) != v
                {
                    // The transaction is rolled back: nothing of the batch is applied.
                    return Err(conflict(tx, &scope, &c.key).into());
                }
                let before = cur.map(|(value, _)| value);
                out.push(write(
                    tx,
                    &scope,
                    &c.key,
                    before.as_deref(),
                    &c.after,
                    c.author_id,
                    &c.author_name,
                    &at,
                    None,
                )?);
            }
            for s in &scopes {
                if let Some(v) = out.iter().filter(|c| &c.scope == s).map(|c| c.id).max() {
                    bump(tx, s, v)?;
                }
            }
            Ok(out)
        })
    }

    fn undo(
        &self,
        scope: Scope,
        id: Option<i64>,
        author_id: u64,
        author_name: &str,
    ) -> Result<Change, StoreError> {
        let s = scope.key();
        self.transact(false, |tx| {
            lock_scope(tx, &s)?;
            let target = match id {
                Some(id) => tx.query_opt(
                    &format!("SELECT {CHANGE_COLUMNS} FROM changes WHERE id = $1 AND scope = $2"),
                    &[&id, &s],
                )?,
                None => tx.query_opt(
                    &format!(
                        "SELECT {CHANGE_COLUMNS} FROM changes WHERE scope = $1
                         AND undone_by IS NULL AND undo_of IS NULL ORDER BY id DESC LIMIT 1"
                    ),
                    &[&s],
                )?,
            }
            .map(|r| change_from_row(&r));
            let target = match (target, id) {
                (Some(t), _) => t,
                (None, Some(id)) => return Err(StoreError::NoSuchChange(id).into()),
                (None, None) => return Err(StoreError::NothingToUndo.into()),
            };
            if target.undone_by.is_some() {
                return Err(StoreError::AlreadyUndone(target.id).into());
            }
            if let Some(of) = target.undo_of {
                return Err(StoreError::UndoOfUndo { id: target.id, of }.into());
            }
            // Only if it is the latest change to its key that still stands (undone changes
            // and their undos cancel out): otherwise undoing would overwrite a later change.
            let latest_standing: Option<i64> = tx
                .query_opt(
                    "SELECT id FROM changes WHERE scope = $1 AND key = $2
                     AND undone_by IS NULL AND undo_of IS NULL ORDER BY id DESC LIMIT 1",
                    &[&s, &target.key],
                )?
                .map(|r| r.get(0));
            if latest_standing != Some(target.id) {
                return Err(conflict(tx, &s, &target.key).into());
            }
            let before = current(tx, &s, &target.key)?.map(|(v, _)| v);
            let at = now_rfc3339();
            let change = write(
                tx,
                &s,
                &target.key,
                before.as_deref(),
                &target.before,
                author_id,
                author_name,
                &at,
                Some(target.id),
            )?;
            tx.execute(
                "UPDATE changes SET undone_by = $1 WHERE id = $2",
                &[&change.id, &target.id],
            )?;
            bump(tx, &s, change.id)?;
            Ok(change)
        })
    }

    fn history(
        &self,
        scope: Scope,
        career: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<Change>, usize), StoreError> {
        // As SQLite's: a page past the end is empty, not an error.
        let offset = offset.min(i64::MAX as usize / 2) as i64;
        let limit = limit.min(1000) as i64;
        let s = scope.key();
        self.transact(true, |tx| {
            let (total, rows) = match career {
                Some(c) => (
                    tx.query_one(
                        "SELECT COUNT(*) FROM changes WHERE scope = $1 AND career = $2",
                        &[&s, &c],
                    )?
                    .get::<_, i64>(0),
                    tx.query(
                        &format!(
                            "SELECT {CHANGE_COLUMNS} FROM changes WHERE scope = $1 AND career = $2
                             ORDER BY id DESC LIMIT $3 OFFSET $4"
                        ),
                        &[&s, &c, &limit, &offset],
                    )?,
                ),
                None => (
                    tx.query_one("SELECT COUNT(*) FROM changes WHERE scope = $1", &[&s])?
                        .get::<_, i64>(0),
                    tx.query(
                        &format!(
                            "SELECT {CHANGE_COLUMNS} FROM changes WHERE scope = $1
                             ORDER BY id DESC LIMIT $2 OFFSET $3"
                        ),
                        &[&s, &limit, &offset],
                    )?,
                ),
            };
            Ok((rows.iter().map(change_from_row).collect(), total as usize))
        })
    }

    fn settings(&self, guild: u64) -> Result<GuildSettings, StoreError> {
        self.transact(true, |tx| {
            Ok(tx
                .query_opt(
                    "SELECT moderator_role, modlog_channel FROM guild_settings WHERE guild = $1",
                    &[&(guild as i64)],
                )?
                .map(|r| GuildSettings {
                    moderator_role: r.get::<_, Option<i64>>(0).map(|v| v as u64),
                    modlog_channel: r.get::<_, Option<i64>>(1).map(|v| v as u64),
                })
                .unwrap_or_default())
        })
    }

    fn set_settings(&self, guild: u64, settings: &GuildSettings) -> Result<(), StoreError> {
        self.transact(false, |tx| {
            tx.execute(
                "INSERT INTO guild_settings (guild, moderator_role, modlog_channel) VALUES ($1, $2, $3)
                 ON CONFLICT (guild) DO UPDATE SET moderator_role = excluded.moderator_role,
                 modlog_channel = excluded.modlog_channel",
                &[
                    &(guild as i64),
                    &settings.moderator_role.map(|v| v as i64),
                    &settings.modlog_channel.map(|v| v as i64),
                ],
            )?;
            // Other processes keep settings in memory too.
            tx.execute(
                "SELECT pg_notify($1, $2)",
                &[&CHANNEL, &format!("settings {guild}")],
            )?;
            Ok(())
        })
    }

    fn put_pending(&self, scope: Scope, payload: &Value, now: i64) -> Result<String, StoreError> {
        let s = scope.key();
        let payload = payload.to_string();
        self.transact(false, |tx| {
            // Puts in one scope take turns, so the cap holds.
            lock_scope(tx, &s)?;
            tx.execute(
                "DELETE FROM pending WHERE scope = $1 AND created_secs < $2",
                &[&s, &(now - PENDING_TTL_SECS)],
            )?;
            // Unguessable: 122 random bits.
            let id: String = tx
                .query_one(
                    "INSERT INTO pending (id, scope, payload, created_at, created_secs)
                     VALUES (replace(gen_random_uuid()::text, '-', ''), $1, $2, $3, $4) RETURNING id",
                    &[&s, &payload, &now_rfc3339(), &now],
                )?
                .get(0);
            tx.execute(
                "DELETE FROM pending WHERE scope = $1 AND seq NOT IN
                 (SELECT seq FROM pending WHERE scope = $1 ORDER BY created_secs DESC, seq DESC LIMIT $2)",
                &[&s, &(PENDING_PER_SCOPE as i64)],
            )?;
            Ok(id)
        })
    }

    fn take_pending(&self, scope: Scope, id: &str, now: i64) -> Result<Pending, StoreError> {
        let s = scope.key();
        // One statement: of two processes taking it at once, one gets it.
        let found = self.transact(false, |tx| {
            Ok(tx
                .query_opt(
                    "DELETE FROM pending WHERE id = $1 AND scope = $2 RETURNING payload, created_secs",
                    &[&id, &s],
                )?
                .map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1))))
        })?;
        Ok(match found {
            None => Pending::Gone,
            Some((_, created)) if now - created > PENDING_TTL_SECS => Pending::Expired,
            Some((payload, _)) => {
                serde_json::from_str(&payload).map_or(Pending::Gone, Pending::Ready)
            }
        })
    }
}

/// What a [`listen`]er hears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A change to this scope was committed; its version is now at least `version`.
    Changed { scope: Scope, version: i64 },
    /// A guild's settings were changed.
    Settings { guild: u64 },
    /// The listener is connected and listening, after its first connection or a lost one.
    /// Notifications sent while it was disconnected are lost: reload every scope.
    Reconnected,
    /// The connection was lost, or could not be made, and why (for the log: the core does
    /// not log). Nothing is heard until the next [`Notice::Reconnected`].
    Lost { why: String },
}

/// Turns a notification's payload (`<scope key> <version>`, or `settings <guild>`) into a
/// notice.
pub fn parse_notice(payload: &str) -> Option<Notice> {
    let (scope, version) = payload.split_once(' ')?;
    if scope == "settings" {
        return version.parse().ok().map(|guild| Notice::Settings { guild });
    }
    Some(Notice::Changed {
        scope: Scope::parse(scope)?,
        version: version.parse().ok()?,
    })
}

/// How many notices wait for a slow consumer (beyond that the listener waits too, and the
/// server keeps them).
const NOTICE_BUFFER: usize = 1024;
const BACKOFF_MIN: Duration = Duration::from_millis(100);
const BACKOFF_MAX: Duration = Duration::from_secs(5);
/// How often an idle listener checks that its connection still answers (a connection lost
/// without a word, say to a network failure, would otherwise go unnoticed).
const PING_EVERY: Duration = Duration::from_secs(15);
const PING_TIMEOUT: Duration = Duration::from_secs(10);

/// Listens for changes committed by any process on the database at `url`, from a task on the
/// current tokio runtime, until the receiver is dropped. Connects (and reconnects, with
/// backoff, forever) in the background: [`Notice::Reconnected`] comes each time it is
/// listening again, the first time included; then a [`Notice::Changed`] for each committed
/// apply and undo; [`Notice::Lost`] when the connection is lost or a try fails. Fails at once
/// only for a URL that cannot be parsed. Never panics.
pub async fn listen(url: &str) -> Result<tokio::sync::mpsc::Receiver<Notice>, StoreError> {
    let config = config(url)?;
    let shown = redact(url);
    let (tx, rx) = tokio::sync::mpsc::channel(NOTICE_BUFFER);
    tokio::spawn(async move {
        let mut delay = BACKOFF_MIN;
        loop {
            let ended = tokio::select! {
                ended = session(&config, &tx, &mut delay) => ended,
                _ = tx.closed() => return,
            };
            let why = match ended {
                Ok(()) => return,
                Err(why) => format!(
                    "listening on {shown}: {why}; trying again in {} ms",
                    delay.as_millis()
                ),
            };
            if tx.send(Notice::Lost { why }).await.is_err() {
                return;
            }
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = tx.closed() => return,
            }
            delay = (delay * 2).min(BACKOFF_MAX);
        }
    });
    Ok(rx)
}

/// Aborts a task when dropped.
struct Owned(tokio::task::JoinHandle<()>);

impl Drop for Owned {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// One connection's life: `Ok` when the receiver is gone, `Err` (why) when the connection is.
async fn session(
    config: &tokio_postgres::Config,
    tx: &tokio::sync::mpsc::Sender<Notice>,
    delay: &mut Duration,
) -> Result<(), String> {
    use tokio_postgres::AsyncMessage;
    let (client, mut connection) = config
        .connect(NoTls)
        .await
        .map_err(|e| format!("connecting: {}", describe(&e)))?;
    // The connection is driven by its own task, which hands over what the server sends
    // unprompted; the client's requests (LISTEN, pings) need it driven meanwhile.
    let (heard_tx, mut heard) = tokio::sync::mpsc::unbounded_channel();
    let _driver = Owned(tokio::spawn(async move {
        loop {
            let message = std::future::poll_fn(|cx| connection.poll_message(cx)).await;
            let sent = match message {
                Some(Ok(AsyncMessage::Notification(n))) => heard_tx.send(Ok(n)),
                Some(Ok(_)) => continue,
                Some(Err(e)) => {
                    let _ = heard_tx.send(Err(describe(&e)));
                    return;
                }
                None => {
                    let _ = heard_tx.send(Err("the server closed the connection".to_string()));
                    return;
                }
            };
            if sent.is_err() {
                return;
            }
        }
    }));
    client
        .batch_execute(&format!("LISTEN {CHANNEL}"))
        .await
        .map_err(|e| format!("LISTEN: {}", describe(&e)))?;
    *delay = BACKOFF_MIN;
    if tx.send(Notice::Reconnected).await.is_err() {
        return Ok(());
    }
    let mut ping = tokio::time::interval(PING_EVERY);
    ping.tick().await;
    loop {
        tokio::select! {
            heard = heard.recv() => match heard {
                // A payload that does not parse is not Rolecall's (another program on the
                // channel): nothing to reload.
                Some(Ok(n)) => if let Some(notice) = parse_notice(n.payload())
                    && tx.send(notice).await.is_err()
                {
                    return Ok(());
                },
                Some(Err(why)) => return Err(why),
                None => return Err("the connection ended".to_string()),
            },
            _ = ping.tick() => {
                match tokio::time::timeout(PING_TIMEOUT, client.simple_query("")).await {
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => return Err(format!("ping: {}", describe(&e))),
                    Err(_) => return Err("no answer to a ping".to_string()),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! What needs no server; the rest is in tests/store.rs, against a real PostgreSQL.
    use super::*;

    #[test]
    fn passwords_never_show() {
        for (url, shown) in [
            (
                "postgres://bot:s3cr3t@db.example:5432/rolecall",
                "postgres://bot:***@db.example:5432/rolecall",
            ),
            (
                "postgresql://bot:p%40ss@db/rolecall?sslmode=disable",
                "postgresql://bot:***@db/rolecall?sslmode=disable",
            ),
            ("postgres://bot@db/rolecall", "postgres://bot@db/rolecall"),
            (
                "postgres://db/rolecall?user=bot&password=s3cr3t&application_name=x",
                "postgres://db/rolecall?user=bot&password=***&application_name=x",
            ),
            (
                "host=db user=bot password=s3cr3t dbname=rolecall",
                "host=db user=bot password=*** dbname=rolecall",
            ),
            (
                r"host=db password = 'it\'s secret' dbname=rolecall",
                "host=db password = *** dbname=rolecall",
            ),
            ("state/rolecall.sqlite", "state/rolecall.sqlite"),
        ] {
            assert_eq!(redact(url), shown, "{url}");
        }
    }

    #[test]
    fn a_bad_url_is_refused_without_its_password() {
        match PgStore::open("postgres://bot:s3cr3t@db:notaport/x") {
            Err(StoreError::Backend(e)) => {
                assert!(!e.contains("s3cr3t") && e.contains("***"), "{e}")
            }
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("opened"),
        }
    }

    #[test]
    fn notices_parse() {
        assert_eq!(
            parse_notice("guild:42 17"),
            Some(Notice::Changed {
                scope: Scope::Guild(42),
                version: 17
            })
        );
        assert_eq!(
            parse_notice("global 3"),
            Some(Notice::Changed {
                scope: Scope::Global,
                version: 3
            })
        );
        assert_eq!(
            parse_notice("settings 42"),
            Some(Notice::Settings { guild: 42 })
        );
        assert_eq!(parse_notice("guild:x 3"), None);
        assert_eq!(parse_notice("global"), None);
    }
}
