//! The SQLite store: one file (`ROLECALL_DB`), created and migrated when opened.
//!
//! WAL journal with `synchronous = FULL`: a change acknowledged to a moderator has been
//! committed to disk, and a crash (even `kill -9`) at any moment leaves a database that opens
//! clean with every acknowledged change in it. Each change is an IMMEDIATE transaction, so
//! its check of the current value and its write cannot interleave with another change.

use super::{Change, Entry, Expected, GuildSettings, NewChange, Scope, Store, StoreError};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde_json::Value;
use std::path::Path;
use std::sync::Mutex;

pub struct SqliteStore {
    conn: Mutex<Connection>,
}

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
    /// Opens (creating if needed) and migrates the database.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| backend(format!("creating {}: {e}", dir.display())))?;
        }
        let conn = Connection::open(path)
            .map_err(|e| backend(format!("opening {}: {e}", path.display())))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(backend)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(backend)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(backend)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(backend)?;
        let store = SqliteStore {
            conn: Mutex::new(conn),
        };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&self) -> Result<(), StoreError> {
        let mut conn = self.conn.lock().expect("store lock");
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(backend)?;
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
        Some((current, by, at)) => StoreError::Conflict { current, by, at },
        None => {
            let last: Option<(String, String)> = tx
                .query_row("SELECT author_name, at FROM changes WHERE scope = ?1 AND key = ?2 ORDER BY id DESC LIMIT 1", params![scope, key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
                .ok()
                .flatten();
            let (by, at) = last.unwrap_or_default();
            StoreError::Conflict {
                current: "the published value".into(),
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
    fn entries(&self, scope: Scope) -> Result<Vec<Entry>, StoreError> {
        let conn = self.conn.lock().expect("store lock");
        let mut stmt = conn
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
        rows.collect::<Result<_, _>>().map_err(backend)
    }

    fn entry(&self, scope: Scope, key: &str) -> Result<Option<Entry>, StoreError> {
        let conn = self.conn.lock().expect("store lock");
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
        let conn = self.conn.lock().expect("store lock");
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
        let conn = self.conn.lock().expect("store lock");
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

    fn put_pending(&self, scope: Scope, payload: &Value) -> Result<String, StoreError> {
        let conn = self.conn.lock().expect("store lock");
        // Unguessable enough for a button id, and unique: time plus a counter.
        static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let id = format!(
            "{:x}{:x}",
            nanos,
            N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        conn.execute(
            "INSERT INTO pending (id, scope, payload, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, scope.key(), payload.to_string(), now_rfc3339()],
        )
        .map_err(backend)?;
        Ok(id)
    }

    fn take_pending(&self, scope: Scope, id: &str) -> Result<Option<Value>, StoreError> {
        let mut conn = self.conn.lock().expect("store lock");
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(backend)?;
        let payload: Option<String> = tx
            .query_row(
                "SELECT payload FROM pending WHERE id = ?1 AND scope = ?2",
                params![id, scope.key()],
                |r| r.get(0),
            )
            .optional()
            .map_err(backend)?;
        tx.execute(
            "DELETE FROM pending WHERE id = ?1 AND scope = ?2",
            params![id, scope.key()],
        )
        .map_err(backend)?;
        tx.commit().map_err(backend)?;
        Ok(payload.and_then(|p| serde_json::from_str(&p).ok()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn store() -> (tempfile::TempDir, SqliteStore) {
        let dir = tempfile::tempdir().unwrap();
        let s = SqliteStore::open(&dir.path().join("db/rolecall.sqlite")).unwrap();
        (dir, s)
    }

    fn set(scope: Scope, key: &str, v: Value, expected: Expected, who: &str) -> NewChange {
        NewChange {
            scope,
            key: key.into(),
            after: Some(v),
            expected,
            author_id: 1,
            author_name: who.into(),
        }
    }

    const KEY: &str = "figure/29-1141.00/3900000/annual_median";

    #[test]
    fn a_change_is_logged_and_current_and_undo_restores() {
        let (_d, s) = store();
        let g = Scope::Guild(7);
        let c = s
            .apply(&[set(
                g,
                KEY,
                json!({"value": 90000.0, "source": "survey"}),
                Expected::Version(None),
                "ann",
            )])
            .unwrap();
        assert_eq!(c[0].before, None);
        assert_eq!(s.entries(g).unwrap()[0].value["value"], 90000.0);
        assert!(
            s.entries(Scope::Guild(8)).unwrap().is_empty(),
            "scopes are separate"
        );
        let u = s.undo(g, None, 2, "bob").unwrap();
        assert_eq!(u.undo_of, Some(c[0].id));
        assert!(s.entries(g).unwrap().is_empty());
        assert!(matches!(
            s.undo(g, Some(c[0].id), 2, "bob"),
            Err(StoreError::AlreadyUndone(_))
        ));
        let (h, total) = s.history(g, Some("29-1141.00"), 0, 10).unwrap();
        assert_eq!(total, 2);
        assert_eq!(h[0].id, u.id, "newest first");
    }

    #[test]
    fn a_stale_expectation_is_a_conflict_and_changes_nothing() {
        let (_d, s) = store();
        let g = Scope::Guild(7);
        s.apply(&[set(g, KEY, json!(1), Expected::Version(None), "ann")])
            .unwrap();
        let err = s
            .apply(&[set(g, KEY, json!(2), Expected::Version(None), "bob")])
            .unwrap_err();
        match err {
            StoreError::Conflict { current, by, .. } => {
                assert_eq!(current, "1");
                assert_eq!(by, "ann");
            }
            e => panic!("{e}"),
        }
        // A batch with one conflict applies nothing.
        let v = s.entry(g, KEY).unwrap().unwrap().version;
        let batch = [
            set(g, "hidden/15-1252.00", json!(true), Expected::Any, "c"),
            set(g, KEY, json!(3), Expected::Version(Some(v + 100)), "c"),
        ];
        assert!(s.apply(&batch).is_err());
        assert!(s.entry(g, "hidden/15-1252.00").unwrap().is_none());
    }

    #[test]
    fn undoing_twice_walks_back_through_the_changes() {
        let (_d, s) = store();
        let g = Scope::Guild(3);
        s.apply(&[set(g, KEY, json!(1), Expected::Any, "ann")])
            .unwrap();
        s.apply(&[set(g, KEY, json!(2), Expected::Any, "bob")])
            .unwrap();
        s.undo(g, None, 3, "cy").unwrap();
        assert_eq!(s.entry(g, KEY).unwrap().unwrap().value, json!(1));
        s.undo(g, None, 3, "cy").unwrap();
        assert!(
            s.entry(g, KEY).unwrap().is_none(),
            "back to the published value"
        );
        assert!(matches!(
            s.undo(g, None, 3, "cy"),
            Err(StoreError::NothingToUndo)
        ));
    }

    #[test]
    fn undo_refuses_to_overwrite_a_later_change() {
        let (_d, s) = store();
        let g = Scope::Global;
        let first = s
            .apply(&[set(g, KEY, json!(1), Expected::Any, "ann")])
            .unwrap();
        s.apply(&[set(g, KEY, json!(2), Expected::Any, "bob")])
            .unwrap();
        assert!(matches!(
            s.undo(g, Some(first[0].id), 3, "cy"),
            Err(StoreError::Conflict { .. })
        ));
    }

    #[test]
    fn reopening_keeps_everything_and_pending_is_taken_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.sqlite");
        {
            let s = SqliteStore::open(&path).unwrap();
            s.apply(&[set(Scope::Guild(1), KEY, json!(5), Expected::Any, "ann")])
                .unwrap();
            s.set_settings(
                1,
                &GuildSettings {
                    moderator_role: Some(9),
                    modlog_channel: None,
                },
            )
            .unwrap();
        }
        let s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.entries(Scope::Guild(1)).unwrap().len(), 1);
        assert_eq!(s.settings(1).unwrap().moderator_role, Some(9));
        let id = s.put_pending(Scope::Guild(1), &json!({"a": 1})).unwrap();
        assert_eq!(
            s.take_pending(Scope::Guild(2), &id).unwrap(),
            None,
            "another scope cannot take it"
        );
        assert_eq!(
            s.take_pending(Scope::Guild(1), &id).unwrap(),
            Some(json!({"a": 1}))
        );
        assert_eq!(s.take_pending(Scope::Guild(1), &id).unwrap(), None);
        assert_eq!(s.integrity_check().unwrap(), "ok");
    }

    #[test]
    fn timestamps_are_rfc3339() {
        let t = now_rfc3339();
        assert_eq!(t.len(), 20);
        assert!(t.starts_with("20") && t.ends_with('Z'));
    }
}
