//! What every store backend must do, as one suite of test functions run against each backend
//! (SQLite, and PostgreSQL on a real server the tests start): all-or-nothing changes,
//! compare-and-set per key, undo that never overwrites a later change, versions that only
//! grow, pending confirmations that expire and are capped, history pages, settings, and a
//! reopened store that still has everything. Then what only PostgreSQL has: several processes
//! on one database (concurrent compare-and-set, change notifications, a server restart).

mod common;
#[path = "support/postgres.rs"]
mod pg_server;

use rolecall::store::postgres::{Notice, PgStore};
use rolecall::store::sqlite::SqliteStore;
use rolecall::store::{
    Expected, GuildSettings, NewChange, PENDING_PER_SCOPE, PENDING_TTL_SECS, Pending, Scope, Store,
    StoreError, now_secs,
};
use serde_json::{Value, json};
use std::sync::{Arc, Barrier};
use std::time::Duration;

/// A backend under test: a fresh, empty store, and a way to open it again (to check that
/// nothing is lost).
pub trait Backend {
    fn open(&self) -> Box<dyn Store>;
}

struct Sqlite(tempfile::TempDir);

impl Backend for Sqlite {
    fn open(&self) -> Box<dyn Store> {
        Box::new(SqliteStore::open(&self.0.path().join("db/rolecall.sqlite")).unwrap())
    }
}

fn sqlite() -> Sqlite {
    Sqlite(tempfile::tempdir().unwrap())
}

/// A fresh database on the test binary's PostgreSQL server.
struct Postgres(String);

impl Backend for Postgres {
    fn open(&self) -> Box<dyn Store> {
        Box::new(PgStore::open(&self.0).unwrap())
    }
}

fn postgres() -> Postgres {
    Postgres(pg_server::shared().fresh_database())
}

const KEY: &str = "figure/29-1141.00/3900000/annual_median";

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

pub fn a_change_is_logged_and_current_and_undo_restores(b: &dyn Backend) {
    let s = b.open();
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
    // Undoing the undo is refused as such, not as someone else's change.
    let refused = s.undo(g, Some(u.id), 2, "bob").unwrap_err();
    assert!(
        matches!(refused, StoreError::UndoOfUndo { id, of } if id == u.id && of == c[0].id),
        "{refused:?}"
    );
    assert!(
        refused
            .to_string()
            .contains(&format!("make change #{} again", c[0].id))
    );
    let (h, total) = s.history(g, Some("29-1141.00"), 0, 10).unwrap();
    assert_eq!(total, 2);
    assert_eq!(h[0].id, u.id, "newest first");
}

pub fn a_stale_expectation_is_a_conflict_and_changes_nothing(b: &dyn Backend) {
    let s = b.open();
    let g = Scope::Guild(7);
    s.apply(&[set(g, KEY, json!(1), Expected::Version(None), "ann")])
        .unwrap();
    match s.apply(&[set(g, KEY, json!(2), Expected::Version(None), "bob")]) {
        Err(StoreError::Conflict {
            key, current, by, ..
        }) => {
            assert_eq!(key, KEY);
            assert_eq!(current, Some(json!(1)));
            assert_eq!(by, "ann");
        }
        other => panic!("{other:?}"),
    }
    // A batch with one conflict applies nothing.
    let v = s.entry(g, KEY).unwrap().unwrap().version;
    let batch = [
        set(g, "hidden/15-1252.00", json!(true), Expected::Any, "c"),
        set(g, KEY, json!(3), Expected::Version(Some(v + 100)), "c"),
    ];
    assert!(s.apply(&batch).is_err());
    assert!(s.entry(g, "hidden/15-1252.00").unwrap().is_none());
    assert_eq!(s.entry(g, KEY).unwrap().unwrap().value, json!(1));
}

pub fn undoing_twice_walks_back_through_the_changes(b: &dyn Backend) {
    let s = b.open();
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

pub fn undo_refuses_to_overwrite_a_later_change(b: &dyn Backend) {
    let s = b.open();
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
    assert_eq!(s.entry(g, KEY).unwrap().unwrap().value, json!(2));
}

pub fn reopening_keeps_everything_and_pending_is_taken_once(b: &dyn Backend) {
    {
        let s = b.open();
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
    let s = b.open();
    assert_eq!(s.entries(Scope::Guild(1)).unwrap().len(), 1);
    assert_eq!(s.settings(1).unwrap().moderator_role, Some(9));
    let now = now_secs();
    let id = s
        .put_pending(Scope::Guild(1), &json!({"a": 1}), now)
        .unwrap();
    assert_eq!(
        s.take_pending(Scope::Guild(2), &id, now).unwrap(),
        Pending::Gone,
        "another scope cannot take it"
    );
    assert_eq!(
        s.take_pending(Scope::Guild(1), &id, now).unwrap(),
        Pending::Ready(json!({"a": 1}))
    );
    assert_eq!(
        s.take_pending(Scope::Guild(1), &id, now).unwrap(),
        Pending::Gone
    );
}

pub fn pending_changes_expire_and_are_capped_per_scope(b: &dyn Backend) {
    let s = b.open();
    let g = Scope::Guild(4);
    let t0 = now_secs();
    let old = s.put_pending(g, &json!(0), t0).unwrap();
    let later = t0 + PENDING_TTL_SECS + 1;
    assert_eq!(s.take_pending(g, &old, later).unwrap(), Pending::Expired);
    let ids: Vec<String> = (0..PENDING_PER_SCOPE + 5)
        .map(|i| s.put_pending(g, &json!(i), later + i as i64).unwrap())
        .collect();
    // Ids carry 128 random bits (they travel in buttons): none repeats, and two made in
    // the same second share no long prefix, as time-plus-counter ids would.
    assert!(
        ids.iter()
            .all(|id| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())),
        "{ids:?}"
    );
    let distinct: std::collections::HashSet<&str> = ids.iter().map(|id| &id[..8]).collect();
    assert_eq!(distinct.len(), ids.len(), "{ids:?}");
    let last = later + PENDING_PER_SCOPE as i64 + 5;
    assert_eq!(
        s.take_pending(g, &ids[0], last).unwrap(),
        Pending::Gone,
        "the oldest went when the scope was full"
    );
    assert_eq!(
        s.take_pending(g, ids.last().unwrap(), last).unwrap(),
        Pending::Ready(json!(PENDING_PER_SCOPE + 4))
    );
    // Another scope's are its own.
    let other = s.put_pending(Scope::Guild(5), &json!("x"), last).unwrap();
    assert_eq!(
        s.take_pending(Scope::Guild(5), &other, last).unwrap(),
        Pending::Ready(json!("x"))
    );
}

pub fn versions_only_grow_and_pages_past_the_end_are_empty(b: &dyn Backend) {
    let s = b.open();
    let g = Scope::Guild(5);
    assert_eq!(s.snapshot(g).unwrap().version, 0);
    s.apply(&[set(g, KEY, json!(1), Expected::Any, "ann")])
        .unwrap();
    let v1 = s.snapshot(g).unwrap().version;
    assert!(v1 > 0);
    s.undo(g, None, 2, "bob").unwrap();
    let after_undo = s.snapshot(g).unwrap();
    assert!(after_undo.entries.is_empty());
    assert!(after_undo.version > v1, "an undo is a change too");
    assert!(s.scopes().unwrap().contains(&(g, after_undo.version)));
    let (page, total) = s.history(g, None, usize::MAX, usize::MAX).unwrap();
    assert!(page.is_empty());
    assert_eq!(total, 2);
}

/// One contract test: its name, and the test run against a backend.
type ContractTest = (&'static str, fn(&dyn Backend));

/// Every test function of the suite, for each backend to run.
pub const SUITE: &[ContractTest] = &[
    (
        "a_change_is_logged_and_current_and_undo_restores",
        a_change_is_logged_and_current_and_undo_restores,
    ),
    (
        "a_stale_expectation_is_a_conflict_and_changes_nothing",
        a_stale_expectation_is_a_conflict_and_changes_nothing,
    ),
    (
        "undoing_twice_walks_back_through_the_changes",
        undoing_twice_walks_back_through_the_changes,
    ),
    (
        "undo_refuses_to_overwrite_a_later_change",
        undo_refuses_to_overwrite_a_later_change,
    ),
    (
        "reopening_keeps_everything_and_pending_is_taken_once",
        reopening_keeps_everything_and_pending_is_taken_once,
    ),
    (
        "pending_changes_expire_and_are_capped_per_scope",
        pending_changes_expire_and_are_capped_per_scope,
    ),
    (
        "versions_only_grow_and_pages_past_the_end_are_empty",
        versions_only_grow_and_pages_past_the_end_are_empty,
    ),
];

/// Runs every test of the suite against fresh stores of one backend.
fn keeps_the_store_contract(backend: &str, fresh: impl Fn() -> Box<dyn Backend>) {
    for (name, test) in SUITE {
        println!("{backend}: {name}");
        test(fresh().as_ref());
    }
}

#[test]
fn sqlite_keeps_the_store_contract() {
    keeps_the_store_contract("sqlite", || Box::new(sqlite()));
}

#[test]
fn postgres_keeps_the_store_contract() {
    keeps_the_store_contract("postgres", || Box::new(postgres()));
}

// What only PostgreSQL has: several processes on one database.

/// Long enough for a loaded CI machine; a test that works waits far less.
const WAIT: Duration = Duration::from_secs(30);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// The listener's next notice, waited for (not slept for).
fn next(rt: &tokio::runtime::Runtime, rx: &mut tokio::sync::mpsc::Receiver<Notice>) -> Notice {
    rt.block_on(async { tokio::time::timeout(WAIT, rx.recv()).await })
        .expect("a notice in time")
        .expect("the listener is running")
}

#[test]
fn postgres_refuses_a_database_from_a_newer_build_untouched() {
    let url = pg_server::shared().fresh_database();
    drop(PgStore::open(&url).unwrap());
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .execute("UPDATE schema_version SET version = 99", &[])
        .unwrap();
    match PgStore::open(&url) {
        Err(StoreError::TooNew { found: 99, known }) => {
            assert_eq!(known, rolecall::store::postgres::SCHEMA_VERSION)
        }
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("a newer schema was opened"),
    }
    let v: i64 = admin
        .query_one("SELECT version FROM schema_version", &[])
        .unwrap()
        .get(0);
    assert_eq!(v, 99, "left as it was");
    // Through the front door too: rolecall::store::open picks PostgreSQL for the URL.
    assert!(matches!(
        rolecall::store::open(&url),
        Err(StoreError::TooNew { found: 99, .. })
    ));
}

#[test]
fn postgres_is_reached_over_a_unix_socket_too() {
    let server = pg_server::shared();
    let url = server.fresh_database();
    let name = url.rsplit('/').next().unwrap();
    let socket = server.socket_url(name);
    assert!(socket.starts_with("postgres://rolecall@%2F"), "{socket}");
    let store = rolecall::store::open(&socket).unwrap();
    store
        .apply(&[set(Scope::Global, KEY, json!(1), Expected::Any, "ann")])
        .unwrap();
    // The same database as over TCP.
    assert_eq!(
        PgStore::open(&url)
            .unwrap()
            .entries(Scope::Global)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn postgres_processes_starting_together_migrate_once() {
    let url = pg_server::shared().fresh_database();
    let barrier = Barrier::new(4);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                barrier.wait();
                PgStore::open(&url).unwrap()
            });
        }
    });
    let store = PgStore::open(&url).unwrap();
    store
        .apply(&[set(Scope::Global, KEY, json!(1), Expected::Any, "ann")])
        .unwrap();
}

#[test]
fn postgres_concurrent_compare_and_set_lets_exactly_one_win() {
    let url = pg_server::shared().fresh_database();
    // Two processes: two stores, each with its own pool of connections.
    let stores = [PgStore::open(&url).unwrap(), PgStore::open(&url).unwrap()];
    let g = Scope::Guild(11);
    let mut winners = Vec::new();
    for round in 0..15 {
        let key = format!("figure/29-1141.00/{round:07}/annual_median");
        // First both create the key, expecting nothing there (so no row to lock yet); then
        // both replace the version that is there.
        for phase in 0..2 {
            let expected = match phase {
                0 => Expected::Version(None),
                _ => Expected::Version(Some(stores[0].entry(g, &key).unwrap().unwrap().version)),
            };
            let barrier = Barrier::new(stores.len());
            let results: Vec<_> = std::thread::scope(|s| {
                let racers: Vec<_> = stores
                    .iter()
                    .enumerate()
                    .map(|(i, store)| {
                        let (barrier, key) = (&barrier, &key);
                        s.spawn(move || {
                            let change = set(
                                g,
                                key,
                                json!(format!("{phase}-{i}")),
                                expected,
                                &format!("p{i}"),
                            );
                            barrier.wait();
                            store.apply(&[change])
                        })
                    })
                    .collect();
                racers.into_iter().map(|r| r.join().unwrap()).collect()
            });
            let won: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
            assert_eq!(won.len(), 1, "round {round}, phase {phase}: {results:?}");
            let winner = won[0][0].clone();
            match results.iter().find_map(|r| r.as_ref().err()) {
                Some(StoreError::Conflict {
                    key: k,
                    current,
                    by,
                    ..
                }) => {
                    assert_eq!(k, &key);
                    assert_eq!(current, &winner.after, "the loser is told what won");
                    assert_eq!(by, &winner.author_name);
                }
                other => panic!("round {round}, phase {phase}: {other:?}"),
            }
            let now = stores[1].entry(g, &key).unwrap().unwrap();
            assert_eq!(
                (Some(now.value), now.version),
                (winner.after.clone(), winner.id)
            );
            winners.push(winner);
        }
    }
    // The history is exactly the winners, newest first, each replacing the one before.
    let (history, total) = stores[0].history(g, None, 0, 1000).unwrap();
    assert_eq!(total, winners.len());
    let mut expected = winners.clone();
    expected.reverse();
    assert_eq!(history, expected);
    for pair in winners.chunks(2) {
        assert_eq!(pair[0].before, None);
        assert_eq!(pair[1].before, pair[0].after);
    }
    assert_eq!(
        stores[1].snapshot(g).unwrap().version,
        winners.last().unwrap().id
    );
}

#[test]
fn postgres_a_snapshot_at_a_version_has_every_change_up_to_it() {
    // Changes committed concurrently by several processes: a reader that sees a scope at
    // version v sees every change of the scope up to v, so a cache keyed by version can
    // only move forward and never skip a change.
    let url = pg_server::shared().fresh_database();
    let writers: Vec<PgStore> = (0..4).map(|_| PgStore::open(&url).unwrap()).collect();
    let reader = PgStore::open(&url).unwrap();
    let g = Scope::Guild(12);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let mut seen: Vec<(i64, Vec<i64>)> = Vec::new();
    std::thread::scope(|s| {
        for (w, store) in writers.iter().enumerate() {
            let done = &done;
            s.spawn(move || {
                for i in 0..25 {
                    let key = format!("hidden/{w}-{i}");
                    store
                        .apply(&[set(g, &key, json!(true), Expected::Any, "w")])
                        .unwrap();
                }
                done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            });
        }
        while done.load(std::sync::atomic::Ordering::SeqCst) < writers.len() {
            let snap = reader.snapshot(g).unwrap();
            let mut ids: Vec<i64> = snap.entries.iter().map(|e| e.version).collect();
            ids.sort();
            seen.push((snap.version, ids));
        }
    });
    let (all, total) = reader.history(g, None, 0, 1000).unwrap();
    assert_eq!(total, 100);
    let mut last = 0;
    for (version, ids) in &seen {
        assert!(*version >= last, "versions only grow");
        last = *version;
        let mut upto: Vec<i64> = all
            .iter()
            .map(|c| c.id)
            .filter(|id| id <= version)
            .collect();
        upto.sort();
        assert_eq!(&upto, ids, "at version {version}");
    }
    assert!(!seen.is_empty());
}

#[test]
fn postgres_another_process_hears_of_every_change() {
    let url = pg_server::shared().fresh_database();
    let writer = PgStore::open(&url).unwrap();
    let rt = runtime();
    let mut notices = rt
        .block_on(rolecall::store::postgres::listen(&url))
        .unwrap();
    assert_eq!(next(&rt, &mut notices), Notice::Reconnected, "listening");
    // Another process (its own store) changes a guild's data.
    let other = PgStore::open(&url).unwrap();
    let g = Scope::Guild(21);
    let c = other
        .apply(&[set(g, KEY, json!(1), Expected::Any, "ann")])
        .unwrap();
    assert_eq!(
        next(&rt, &mut notices),
        Notice::Changed {
            scope: g,
            version: c[0].id
        }
    );
    // A change refused (and so rolled back) announces nothing; an undo does.
    assert!(
        writer
            .apply(&[set(g, KEY, json!(2), Expected::Version(None), "bob")])
            .is_err()
    );
    let u = writer.undo(g, None, 2, "bob").unwrap();
    assert_eq!(
        next(&rt, &mut notices),
        Notice::Changed {
            scope: g,
            version: u.id
        }
    );
    // A batch over two scopes: a notice for each, with its own version.
    let both = other
        .apply(&[
            set(Scope::Global, KEY, json!(3), Expected::Any, "owner"),
            set(g, KEY, json!(4), Expected::Any, "owner"),
        ])
        .unwrap();
    let mut heard = vec![next(&rt, &mut notices), next(&rt, &mut notices)];
    heard.sort_by_key(|n| format!("{n:?}"));
    let mut expected = vec![
        Notice::Changed {
            scope: Scope::Global,
            version: both[0].id,
        },
        Notice::Changed {
            scope: g,
            version: both[1].id,
        },
    ];
    expected.sort_by_key(|n| format!("{n:?}"));
    assert_eq!(heard, expected);
    // What the notice says is what a reader then reads.
    assert_eq!(writer.snapshot(g).unwrap().version, both[1].id);
}

#[test]
fn postgres_a_listener_reconnects_after_a_restart_and_says_so() {
    // A server of its own: stopping the shared one would fail other tests.
    let server = pg_server::Server::start();
    let url = server.fresh_database();
    let store = PgStore::open(&url).unwrap();
    let rt = runtime();
    let mut notices = rt
        .block_on(rolecall::store::postgres::listen(&url))
        .unwrap();
    assert_eq!(next(&rt, &mut notices), Notice::Reconnected);
    let g = Scope::Guild(31);

    server.stop();
    // The listener notices, and says why (for the log).
    match next(&rt, &mut notices) {
        Notice::Lost { why } => assert!(
            why.contains(&format!("127.0.0.1:{}", server.port())),
            "{why}"
        ),
        other => panic!("{other:?}"),
    }
    // While it is down: an error that says so (and never the password), not a panic or a
    // hang.
    match store.apply(&[set(g, KEY, json!(1), Expected::Any, "ann")]) {
        Err(StoreError::Backend(e)) => {
            assert!(e.contains(&format!("127.0.0.1:{}", server.port())), "{e}")
        }
        other => panic!("{other:?}"),
    }

    server.restart();
    // Back: notifications sent meanwhile are lost, so the listener says it reconnected (the
    // consumer reloads everything) before anything else, after its failed tries.
    loop {
        match next(&rt, &mut notices) {
            Notice::Lost { .. } => continue,
            Notice::Reconnected => break,
            other => panic!("{other:?} before Reconnected"),
        }
    }
    // The store's pool replaced its dead connections by itself.
    let c = store
        .apply(&[set(g, KEY, json!(2), Expected::Any, "ann")])
        .unwrap();
    assert_eq!(
        next(&rt, &mut notices),
        Notice::Changed {
            scope: g,
            version: c[0].id
        }
    );
}

#[test]
fn postgres_store_calls_from_async_code_do_not_panic() {
    // The trait is synchronous: async callers should use spawn_blocking, but a call made on
    // a worker thread is moved off it rather than panicking.
    let store: Arc<dyn Store> =
        rolecall::store::open(&pg_server::shared().fresh_database()).unwrap();
    let g = Scope::Guild(41);
    let rt = runtime();
    rt.block_on(async {
        let s = store.clone();
        tokio::spawn(async move { s.apply(&[set(g, KEY, json!(1), Expected::Any, "ann")]) })
            .await
            .unwrap()
            .unwrap();
        let s = store.clone();
        let entries = tokio::task::spawn_blocking(move || s.entries(g))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(store.snapshot(g).unwrap().entries, entries);
        // Dropped on a worker thread: its connections close without a panic.
        tokio::spawn(async move { drop(store) }).await.unwrap();
    });
}

#[test]
fn postgres_the_command_line_works_on_a_database_url() {
    let url = pg_server::shared().fresh_database();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("edits.csv");
    std::fs::write(
        &file,
        "key,value\nfigure/29-1141.00/0000000/annual_median,\"{\"\"value\"\": 101000, \"\"source\"\": \"\"2026 survey\"\"}\"\n",
    )
    .unwrap();
    let env = [("ROLECALL_DB", url.as_str()), ("USER", "owner")];
    let run = |args: &[&str]| common::rolecall_env(&common::data_dir(), args, &env);
    let applied = run(&["dataset", "import", file.to_str().unwrap(), "--yes"]);
    assert!(
        applied.stdout.contains("applied 1 change to global"),
        "{}{}",
        applied.stdout,
        applied.stderr
    );
    let history = run(&["dataset", "history"]);
    assert!(
        history.stdout.contains("1 change in global") && history.stdout.contains("cli:owner"),
        "{}{}",
        history.stdout,
        history.stderr
    );
    // The owners' edits show in the terminal's answers.
    let salary = run(&["salary", "nurse", "--json"]).json();
    assert_eq!(salary["national"]["annual"]["median"], 101000);
    let undo = run(&["dataset", "undo"]);
    assert!(
        undo.stdout.contains("undid #"),
        "{}{}",
        undo.stdout,
        undo.stderr
    );
    assert_eq!(
        PgStore::open(&url)
            .unwrap()
            .history(Scope::Global, None, 0, 10)
            .unwrap()
            .1,
        2
    );

    // A database that cannot be reached: an error naming it, without its password.
    let bad = common::rolecall_env(
        &common::data_dir(),
        &["dataset", "history"],
        &[(
            "ROLECALL_DB",
            "postgres://rolecall:hunter2@127.0.0.1:1/nowhere",
        )],
    );
    assert_eq!(bad.code, 1, "{}", bad.stderr);
    assert!(
        bad.stderr
            .contains("postgres://rolecall:***@127.0.0.1:1/nowhere")
            && !bad.stderr.contains("hunter2"),
        "{}",
        bad.stderr
    );
}
