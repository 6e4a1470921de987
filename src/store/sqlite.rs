//! The SQLite store: one file (`ROLECALL_DB`), created and migrated when opened.
//!
//! WAL journal with `synchronous = FULL`: a change acknowledged to a moderator has been
//! committed to disk, and a crash (even `kill -9`) at any moment leaves a database that opens
//! clean with every acknowledged change in it. Each change is an IMMEDIATE transaction, so
//! its check of the current value and its write cannot interleave with another change.

use super::{
    Change, Entry, Expected, GuildSettings, NewChange, PENDING_PER_SCOPE, PENDING_TTL_SECS,
    Pending, Scope, Snapshot, Store, StoreError,
};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde_json::Value;
use std::path::Path;
use std::sync::Mutex;

/// Two connections: changes are written through one, and reads go through the other, so that
/// reading edits never queues behind a change waiting for the file's write lock (held, say, by
/// an owner's import from the command line). WAL lets the reader see every committed change.
pub struct SqliteStore {
    conn: Mutex<Connection>,
    reader: Mutex<Connection>,
}

/// How long a change waits for another process's write lock before it fails (and nothing is
/// changed).
const BUSY: std::time::Duration = std::time::Duration::from_secs(5);

/// Each entry migrates from the previous version (`PRAGMA user_version`) to the next.
const MIGRATIONS: &[&str] = &[
    // 1: the change log, the current values, guild settings, pending confirmations.
    "CREATE TABLE changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        career TEXT NOT NULL,
        before TEXT,
        after TEXT,
        author_id INTEGER NOT NULL,
        author_name TEXT NOT NULL,
        at TEXT NOT NULL,
        undone_by INTEGER REFERENCES changes(id),
        undo_of INTEGER REFERENCES changes(id)
    );
    CREATE INDEX changes_by_scope ON changes(scope, id);
    CREATE INDEX changes_by_career ON changes(scope, career, id);
    CREATE TABLE current (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        version INTEGER NOT NULL REFERENCES changes(id),
        PRIMARY KEY (scope, key)
    );
    CREATE TABLE guild_settings (
        guild INTEGER PRIMARY KEY,
        moderator_role INTEGER,
        modlog_channel INTEGER
    );
    CREATE TABLE pending (
        id TEXT PRIMARY KEY,
        scope TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL
    );",
    // 2: pending confirmations expire; rows from before have no time and count as expired.
    "ALTER TABLE pending ADD COLUMN created_secs INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX pending_by_scope ON pending(scope, created_secs);",
];

fn backend(e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(e.to_string())
}

/// Seconds since the epoch as an RFC 3339 UTC timestamp, without a date crate.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn career_of(key: &str) -> String {
    crate::overlay::Key::decode(key)
        .map(|k| k.career().to_string())
        .unwrap_or_default()
}

fn json(v: &Option<Value>) -> Option<String> {
    v.as_ref().map(Value::to_string)
}

fn parse(s: Option<String>) -> Option<Value> {
    s.and_then(|s| serde_json::from_str(&s).ok())
}

fn change_from_row(r: &rusqlite::Row) -> rusqlite::Result<Change> {
    Ok(Change {
        id: r.get(0)?,
        scope: r.get(1)?,
        key: r.get(2)?,
        before: parse(r.get(3)?),
        after: parse(r.get(4)?),
        author_id: r.get::<_, i64>(5)? as u64,
        author_name: r.get(6)?,
        at: r.get(7)?,
        undone_by: r.get(8)?,
        undo_of: r.get(9)?,
    })
}

const CHANGE_COLUMNS: &str =
    "id, scope, key, before, after, author_id, author_name, at, undone_by, undo_of";

impl SqliteStore {
    /// Opens (creating if needed) and migrates the database. A database written by a newer
    /// build is refused, untouched.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        // A PostgreSQL URL taken for a path would keep the edits in a stray local file.
        if let Some(spec) = path.to_str()
            && matches!(super::Location::parse(spec), super::Location::Postgres(_))
        {
            return Err(backend(
                "this is a PostgreSQL URL, not a SQLite file: open it with rolecall::store::open",
            ));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| backend(format!("creating {}: {e}", dir.display())))?;
        }
        let connect = || -> Result<Connection, StoreError> {
            let conn = Connection::open(path)
                .map_err(|e| backend(format!("opening {}: {e}", path.display())))?;
            conn.busy_timeout(BUSY).map_err(backend)?;
            conn.pragma_update(None, "foreign_keys", "ON")
                .map_err(backend)?;
            Ok(conn)
        };
        let conn = connect()?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(backend)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(backend)?;
        let store = SqliteStore {
            conn: Mutex::new(conn),
            reader: Mutex::new(connect()?),
        };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&self) -> Result<(), StoreError> {
        let mut conn = self.conn.lock().expect("store lock");
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(backend)?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew {
                found: version,
                known,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            tx.execute_batch(sql).map_err(backend)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)
                .map_err(backend)?;
            tx.commit().map_err(backend)?;
        }
        Ok(())
    }

    /// Checks the database file's integrity (for tests and `dataset` maintenance).
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let conn = self.conn.lock().expect("store lock");
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(backend)
    }
}

fn current(
    tx: &rusqlite::Transaction,
    scope: &str,
    key: &str,
) -> rusqlite::Result<Option<(String, i64)>> {
    tx.query_row(
        "SELECT value, version FROM current WHERE scope = ?1 AND key = ?2",
        params![scope, key],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

/// What stands where a change expected something else: the current edit and who made it, or
/// (no current edit) the last change to the key, which put the shipped data back.
fn conflict(tx: &rusqlite::Transaction, scope: &str, key: &str) -> StoreError {
    let found: Option<(String, String, String)> = tx
        .query_row(
            "SELECT c.value, ch.author_name, ch.at FROM current c JOIN changes ch ON ch.id = c.version WHERE c.scope = ?1 AND c.key = ?2",
            params![scope, key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .ok()
        .flatten();
    match found {
        Some((current, by, at)) => StoreError::Conflict {
            key: key.to_string(),
            current: serde_json::from_str(&current).ok(),
            by,
            at,
        },
        None => {
            let last: Option<(String, String)> = tx
                .query_row("SELECT author_name, at FROM changes WHERE scope = ?1 AND key = ?2 ORDER BY id DESC LIMIT 1", params![scope, key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
                .ok()
                .flatten();
            let (by, at) = last.unwrap_or_default();
            StoreError::Conflict {
                key: key.to_string(),
                current: None,
                by,
                at,
            }
        }
    }
}

/// Writes one change inside an open transaction; returns its id.
#[allow(clippy::too_many_arguments)]
fn write(
    tx: &rusqlite::Transaction,
    scope: &str,
    key: &str,
    before: Option<&String>,
    after: &Option<Value>,
    author_id: u64,
    author_name: &str,
    at: &str,
    undo_of: Option<i64>,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO changes (scope, key, career, before, after, author_id, author_name, at, undo_of) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![scope, key, career_of(key), before, json(after), author_id as i64, author_name, at, undo_of],
    )?;
    let id = tx.last_insert_rowid();
    match after {
        Some(v) => tx.execute(
            "INSERT INTO current (scope, key, value, version) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, version = excluded.version",
            params![scope, key, v.to_string(), id],
        )?,
        None => tx.execute("DELETE FROM current WHERE scope = ?1 AND key = ?2", params![scope, key])?,
    };
    Ok(id)
}

impl Store for SqliteStore {
    fn snapshot(&self, scope: Scope) -> Result<Snapshot, StoreError> {
        let mut conn = self.reader.lock().expect("store lock");
        // One read transaction: the entries and the version belong together.
        let tx = conn.transaction().map_err(backend)?;
        let entries = {
            let mut stmt = tx
                .prepare(
                    "SELECT c.key, c.value, c.version, ch.author_name, ch.at FROM current c JOIN changes ch ON ch.id = c.version
                     WHERE c.scope = ?1 ORDER BY c.version",
                )
                .map_err(backend)?;
            let rows = stmt
                .query_map(params![scope.key()], |r| {
                    let value: String = r.get(1)?;
                    Ok(Entry {
                        key: r.get(0)?,
                        value: serde_json::from_str(&value).unwrap_or(Value::Null),
                        version: r.get(2)?,
                        by: r.get(3)?,
                        at: r.get(4)?,
                    })
                })
                .map_err(backend)?;
            rows.collect::<Result<Vec<_>, _>>().map_err(backend)?
        };
        let version: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(id), 0) FROM changes WHERE scope = ?1",
                params![scope.key()],
                |r| r.get(0),
            )
            .map_err(backend)?;
        tx.commit().map_err(backend)?;
        Ok(Snapshot { entries, version })
    }

    fn scopes(&self) -> Result<Vec<(Scope, i64)>, StoreError> {
        let conn = self.reader.lock().expect("store lock");
        let mut stmt = conn
            .prepare("SELECT scope, MAX(id) FROM changes GROUP BY scope")
            .map_err(backend)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .map_err(backend)?;
        let mut out = Vec::new();
        for row in rows {
            let (scope, version) = row.map_err(backend)?;
            if let Some(scope) = Scope::parse(&scope) {
                out.push((scope, version));
            }
        }
        Ok(out)
    }

    fn entry(&self, scope: Scope, key: &str) -> Result<Option<Entry>, StoreError> {
        let conn = self.reader.lock().expect("store lock");
        conn.query_row(
            "SELECT c.value, c.version, ch.author_name, ch.at FROM current c JOIN changes ch ON ch.id = c.version
             WHERE c.scope = ?1 AND c.key = ?2",
            params![scope.key(), key],
            |r| {
                let value: String = r.get(0)?;
                Ok(Entry {
                    key: key.to_string(),
                    value: serde_json::from_str(&value).unwrap_or(Value::Null),
                    version: r.get(1)?,
                    by: r.get(2)?,
                    at: r.get(3)?,
                })
            },
        )
        .optional()
        .map_err(backend)
    }

    fn apply(&self, changes: &[NewChange]) -> Result<Vec<Change>, StoreError> {
        let mut conn = self.conn.lock().expect("store lock");
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(backend)?;
        let at = now_rfc3339();
        let mut ids = Vec::with_capacity(changes.len());
        for c in changes {
            let scope = c.scope.key();
            let cur = current(&tx, &scope, &c.key).map_err(backend)?;
            if let Expected::Version(v) = c.expected
                && cur.as_ref().map(|(_, ver)| *ver) != v
            {
                // Dropping the transaction rolls everything back.
                return Err(conflict(&tx, &scope, &c.key));
            }
            let before = cur.map(|(value, _)| value);
            ids.push(
                write(
                    &tx,
                    &scope,
                    &c.key,
                    before.as_ref(),
                    &c.after,
                    c.author_id,
                    &c.author_name,
                    &at,
                    None,
                )
                .map_err(backend)?,
            );
        }
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(
                tx.query_row(
                    &format!("SELECT {CHANGE_COLUMNS} FROM changes WHERE id = ?1"),
                    params![id],
                    change_from_row,
                )
                .map_err(backend)?,
            );
        }
        tx.commit().map_err(backend)?;
        Ok(out)
    }

    fn undo(
        &self,
        scope: Scope,
        id: Option<i64>,
        author_id: u64,
        author_name: &str,
    ) -> Result<Change, StoreError> {
        let mut conn = self.conn.lock().expect("store lock");
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(backend)?;
        let s = scope.key();
        let target: Option<Change> = match id {
            Some(id) => tx
                .query_row(&format!("SELECT {CHANGE_COLUMNS} FROM changes WHERE id = ?1 AND scope = ?2"), params![id, s], change_from_row)
                .optional()
                .map_err(backend)?,
            None => tx
                .query_row(
                    &format!("SELECT {CHANGE_COLUMNS} FROM changes WHERE scope = ?1 AND undone_by IS NULL AND undo_of IS NULL ORDER BY id DESC LIMIT 1"),
                    params![s],
                    change_from_row,
                )
                .optional()
                .map_err(backend)?,
        };
        let target = match (target, id) {
            (Some(t), _) => t,
            (None, Some(id)) => return Err(StoreError::NoSuchChange(id)),
            (None, None) => return Err(StoreError::NothingToUndo),
        };
        if target.undone_by.is_some() {
            return Err(StoreError::AlreadyUndone(target.id));
        }
        if let Some(of) = target.undo_of {
            return Err(StoreError::UndoOfUndo { id: target.id, of });
        }
        // Only if it is the latest change to its key that still stands (undone changes and
        // their undos cancel out): otherwise undoing would overwrite a later change.
        let latest_standing: Option<i64> = tx
            .query_row(
                "SELECT id FROM changes WHERE scope = ?1 AND key = ?2 AND undone_by IS NULL AND undo_of IS NULL ORDER BY id DESC LIMIT 1",
                params![s, target.key],
                |r| r.get(0),
            )
            .optional()
            .map_err(backend)?;
        if latest_standing != Some(target.id) {
            return Err(conflict(&tx, &s, &target.key));
        }
        let cur = current(&tx, &s, &target.key).map_err(backend)?;
        let before = cur.map(|(v, _)| v);
        let at = now_rfc3339();
        let new_id = write(
            &tx,
            &s,
            &target.key,
            before.as_ref(),
            &target.before,
            author_id,
            author_name,
            &at,
            Some(target.id),
        )
        .map_err(backend)?;
        tx.execute(
            "UPDATE changes SET undone_by = ?1 WHERE id = ?2",
            params![new_id, target.id],
        )
        .map_err(backend)?;
        let change = tx
            .query_row(
                &format!("SELECT {CHANGE_COLUMNS} FROM changes WHERE id = ?1"),
                params![new_id],
                change_from_row,
            )
            .map_err(backend)?;
        tx.commit().map_err(backend)?;
        Ok(change)
    }

    fn history(
        &self,
        scope: Scope,
        career: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<Change>, usize), StoreError> {
        let conn = self.reader.lock().expect("store lock");
        // SQLite counts in i64: a page past the end is empty, not an error.
        let offset = offset.min(i64::MAX as usize / 2);
        let limit = limit.min(1000);
        let s = scope.key();
        let (filter, total): (&str, usize) = match career {
            Some(c) => (
                "AND career = ?2",
                conn.query_row(
                    "SELECT COUNT(*) FROM changes WHERE scope = ?1 AND career = ?2",
                    params![s, c],
                    |r| r.get::<_, i64>(0),
                )
                .map_err(backend)? as usize,
            ),
            None => (
                "",
                conn.query_row(
                    "SELECT COUNT(*) FROM changes WHERE scope = ?1",
                    params![s],
                    |r| r.get::<_, i64>(0),
                )
                .map_err(backend)? as usize,
            ),
        };
        let sql = format!(
            "SELECT {CHANGE_COLUMNS} FROM changes WHERE scope = ?1 {filter} ORDER BY id DESC LIMIT {limit} OFFSET {offset}"
        );
        let mut stmt = conn.prepare(&sql).map_err(backend)?;
        let rows: Vec<Change> = match career {
            Some(c) => stmt
                .query_map(params![s, c], change_from_row)
                .map_err(backend)?
                .collect::<Result<_, _>>(),
            None => stmt
                .query_map(params![s], change_from_row)
                .map_err(backend)?
                .collect::<Result<_, _>>(),
        }
        .map_err(backend)?;
        Ok((rows, total))
    }

    fn settings(&self, guild: u64) -> Result<GuildSettings, StoreError> {
        let conn = self.reader.lock().expect("store lock");
        conn.query_row(
            "SELECT moderator_role, modlog_channel FROM guild_settings WHERE guild = ?1",
            params![guild as i64],
            |r| {
                Ok(GuildSettings {
                    moderator_role: r.get::<_, Option<i64>>(0)?.map(|v| v as u64),
                    modlog_channel: r.get::<_, Option<i64>>(1)?.map(|v| v as u64),
                })
            },
        )
        .optional()
        .map(Option::unwrap_or_default)
        .map_err(backend)
    }

    fn set_settings(&self, guild: u64, settings: &GuildSettings) -> Result<(), StoreError> {
        let conn = self.conn.lock().expect("store lock");
        conn.execute(
            "INSERT INTO guild_settings (guild, moderator_role, modlog_channel) VALUES (?1, ?2, ?3)
             ON CONFLICT (guild) DO UPDATE SET moderator_role = excluded.moderator_role, modlog_channel = excluded.modlog_channel",
            params![guild as i64, settings.moderator_role.map(|v| v as i64), settings.modlog_channel.map(|v| v as i64)],
        )
        .map_err(backend)?;
        Ok(())
    }

    fn put_pending(&self, scope: Scope, payload: &Value, now: i64) -> Result<String, StoreError> {
        let mut conn = self.conn.lock().expect("store lock");
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(backend)?;
        tx.execute(
            "DELETE FROM pending WHERE scope = ?1 AND created_secs < ?2",
            params![scope.key(), now - PENDING_TTL_SECS],
        )
        .map_err(backend)?;
        // Unguessable, like PostgreSQL's: 128 random bits (a button carries it; whoever
        // clicks is still checked, but an id should not be worth guessing).
        let id: String = tx
            .query_row(
                "INSERT INTO pending (id, scope, payload, created_at, created_secs)
                 VALUES (lower(hex(randomblob(16))), ?1, ?2, ?3, ?4) RETURNING id",
                params![scope.key(), payload.to_string(), now_rfc3339(), now],
                |r| r.get(0),
            )
            .map_err(backend)?;
        tx.execute(
            "DELETE FROM pending WHERE scope = ?1 AND rowid NOT IN
             (SELECT rowid FROM pending WHERE scope = ?1 ORDER BY created_secs DESC, rowid DESC LIMIT ?2)",
            params![scope.key(), PENDING_PER_SCOPE as i64],
        )
        .map_err(backend)?;
        tx.commit().map_err(backend)?;
        Ok(id)
    }

    fn take_pending(&self, scope: Scope, id: &str, now: i64) -> Result<Pending, StoreError> {
        let mut conn = self.conn.lock().expect("store lock");
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(backend)?;
        let found: Option<(String, i64)> = tx
            .query_row(
                "SELECT payload, created_secs FROM pending WHERE id = ?1 AND scope = ?2",
                params![id, scope.key()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(backend)?;
        tx.execute(
            "DELETE FROM pending WHERE id = ?1 AND scope = ?2",
            params![id, scope.key()],
        )
        .map_err(backend)?;
        tx.commit().map_err(backend)?;
        Ok(match found {
            None => Pending::Gone,
            Some((_, created)) if now - created > PENDING_TTL_SECS => Pending::Expired,
            Some((payload, _)) => {
                serde_json::from_str(&payload).map_or(Pending::Gone, Pending::Ready)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    //! What only SQLite has; the behaviour every backend shares is in tests/store.rs.
    use super::*;

    #[test]
    fn a_database_from_a_newer_build_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.sqlite");
        drop(SqliteStore::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        match SqliteStore::open(&path) {
            Err(StoreError::TooNew { found: 99, known }) => {
                assert_eq!(known, MIGRATIONS.len() as i64)
            }
            other => panic!("{:?}", other.map(|_| ())),
        }
        let conn = Connection::open(&path).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 99, "left as it was");
    }

    #[test]
    fn a_postgres_url_is_not_taken_for_a_file() {
        let url = "postgres://bot:s3cr3t@127.0.0.1:1/rolecall";
        match SqliteStore::open(Path::new(url)) {
            Err(StoreError::Backend(e)) => assert!(!e.contains("s3cr3t"), "{e}"),
            other => panic!("{:?}", other.map(|_| ())),
        }
        assert!(!Path::new("postgres:").exists(), "no stray file");
    }

    #[test]
    fn timestamps_are_rfc3339() {
        let t = now_rfc3339();
        assert_eq!(t.len(), 20);
        assert!(t.starts_with("20") && t.ends_with('Z'));
    }
}
