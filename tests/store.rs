//! What every store backend must do, as one suite of test functions run against each backend
//! (SQLite here; PostgreSQL where one can be started): all-or-nothing changes, compare-and-set
//! per key, undo that never overwrites a later change, versions that only grow, pending
//! confirmations that expire and are capped, history pages, settings, and a reopened store
//! that still has everything.

use rolecall::store::sqlite::SqliteStore;
use rolecall::store::{
    Expected, GuildSettings, NewChange, PENDING_PER_SCOPE, PENDING_TTL_SECS, Pending, Scope, Store,
    StoreError, now_secs,
};
use serde_json::{Value, json};

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

#[test]
fn sqlite_keeps_the_store_contract() {
    for (name, test) in SUITE {
        println!("sqlite: {name}");
        test(&sqlite());
    }
}
