//! Everything an edit can express exports and imports back unchanged: random sequences of
//! moderators' edits (figures, names added and removed, hiding and unhiding, text, tasks,
//! new roles, and edits taken back) are made through the same path as `/dataset` and
//! `rolecall dataset` (`edits::prepare`, then the store), exported as JSON or CSV, and
//! imported into an empty scope through the import path (`exchange::parse`, `plan`,
//! `preview`). The imported scope must hold the same edits and show the same careers. The
//! owners' global edits lie under both, as in the bot.

use proptest::prelude::*;
use rolecall::data::CareerIdx;
use rolecall::edits::{self, Request};
use rolecall::exchange;
use rolecall::overlay::{Field, Meta, Overlay};
use rolecall::store::sqlite::SqliteStore;
use rolecall::store::{Entry, Expected, NewChange, Scope, Store};
use rolecall::{Rolecall, View};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn rc() -> &'static Rolecall {
    static RC: OnceLock<Rolecall> = OnceLock::new();
    RC.get_or_init(|| Rolecall::load(&rolecall::default_data_dir()).unwrap())
}

/// Careers the edits pick from: occupations, a curated role, and (by index past these) the
/// roles the sequence itself added.
const CAREERS: [&str; 5] = [
    "actuary",
    "registered nurse",
    "electrician",
    "cto",
    "plumber",
];
const GLOBAL: Scope = Scope::Global;
const FROM: Scope = Scope::Guild(1);
const INTO: Scope = Scope::Guild(2);

#[derive(Debug, Clone)]
enum Op {
    Figure {
        career: usize,
        in_ohio: bool,
        field: usize,
        value: u32,
    },
    AddName {
        career: usize,
        name: String,
    },
    /// Removes one of the career's names (shipped or added), by position.
    RemoveName {
        career: usize,
        which: usize,
    },
    Hide {
        career: usize,
    },
    Unhide {
        career: usize,
    },
    Text {
        career: usize,
        title: String,
        description: String,
    },
    Tasks {
        career: usize,
        tasks: Vec<String>,
    },
    AddRole {
        title: String,
        figures_from: Option<usize>,
    },
    /// Takes an edit back: the shipped data shows again.
    Reset {
        which: usize,
    },
}

fn words() -> impl Strategy<Value = String> {
    // Letters, digits, spaces and punctuation people use; validation rejects control
    // characters, which the generator never makes.
    "[a-z][a-z0-9 ,.&'()/-]{0,30}[a-z]"
}

fn op() -> impl Strategy<Value = Op> {
    let career = 0usize..8;
    prop_oneof![
        3 => (career.clone(), any::<bool>(), 0usize..Field::ALL.len(), 1u32..400_000)
            .prop_map(|(career, in_ohio, field, value)| Op::Figure { career, in_ohio, field, value }),
        3 => (career.clone(), words()).prop_map(|(career, name)| Op::AddName { career, name }),
        2 => (career.clone(), 0usize..6).prop_map(|(career, which)| Op::RemoveName { career, which }),
        2 => career.clone().prop_map(|career| Op::Hide { career }),
        2 => career.clone().prop_map(|career| Op::Unhide { career }),
        1 => (career.clone(), words(), words())
            .prop_map(|(career, title, description)| Op::Text { career, title, description }),
        1 => (career.clone(), prop::collection::vec(words(), 1..4))
            .prop_map(|(career, tasks)| Op::Tasks { career, tasks }),
        1 => (words(), prop::option::of(0usize..5))
            .prop_map(|(title, figures_from)| Op::AddRole { title, figures_from }),
        2 => (0usize..20).prop_map(|which| Op::Reset { which }),
    ]
}

fn overlay(entries: &[Entry]) -> Overlay {
    let (o, problems) = Overlay::from_entries(entries.iter().map(|e| {
        (
            e.key.clone(),
            e.value.clone(),
            Meta {
                by: e.by.clone(),
                at: e.at.clone(),
            },
        )
    }));
    assert!(problems.is_empty(), "{problems:?}");
    o
}

/// The careers an op may name: the fixed ones, then the roles added so far.
fn careers(v: &View) -> Vec<CareerIdx> {
    let mut out: Vec<CareerIdx> = CAREERS
        .iter()
        // Looked up in the shipped data: the edits may have hidden them here.
        .map(|c| rc().view().lookup_career(c).expect("a shipped career"))
        .collect();
    out.extend(
        (0..v.len() as CareerIdx)
            .filter(|&i| matches!(v.career(i).kind, rolecall::data::CareerKind::Added { .. })),
    );
    out
}

/// The request an op stands for, given what the scope shows now (`None`: nothing to do).
fn request(v: &View, entries: &[Entry], op: &Op) -> Option<Request> {
    let cs = careers(v);
    let pick = |i: usize| cs[i % cs.len()];
    Some(match op.clone() {
        Op::Figure {
            career,
            in_ohio,
            field,
            value,
        } => {
            let field = Field::ALL[field];
            let value = match field {
                Field::Education => format!("Degree {value}"),
                Field::GrowthPct => format!("{}", (value % 60) as f64 / 4.0 - 5.0),
                Field::HourlyMedian => format!("{}.{:02}", 10 + value % 90, value % 100),
                _ => value.to_string(),
            };
            Request::SetFigure {
                career: pick(career),
                area: in_ohio.then(|| rc().lookup_place("ohio").unwrap()),
                field,
                value,
                source: "state survey, 2026".into(),
            }
        }
        Op::AddName { career, name } => Request::AddAlias {
            career: pick(career),
            text: name,
        },
        Op::RemoveName { career, which } => {
            let c = pick(career);
            let names = &v.career(c).aliases;
            if names.is_empty() {
                return None;
            }
            Request::RemoveAlias {
                career: c,
                text: names[which % names.len()].text.clone(),
            }
        }
        Op::Hide { career } => Request::Hide {
            career: pick(career),
        },
        Op::Unhide { career } => Request::Unhide {
            career: pick(career),
        },
        Op::Text {
            career,
            title,
            description,
        } => Request::SetText {
            career: pick(career),
            title,
            description,
        },
        Op::Tasks { career, tasks } => Request::SetTasks {
            career: pick(career),
            tasks,
        },
        Op::AddRole {
            title,
            figures_from,
        } => Request::AddRole {
            title,
            description: "A role this server added.".into(),
            figures_from: figures_from.map(|i| pick(i % CAREERS.len())),
        },
        Op::Reset { which } => {
            // Not a request: taking an edit back is the store's `None`, as undo and
            // "back to the published figure" do it.
            let _ = entries.get(which % entries.len().max(1))?;
            return None;
        }
    })
}

/// Makes the ops in `scope` through the moderators' path; returns how many were made.
fn make(store: &SqliteStore, ops: &[Op]) -> usize {
    let global = overlay(&store.entries(GLOBAL).unwrap());
    let mut made = 0;
    for op in ops {
        let entries = store.entries(FROM).unwrap();
        let o = overlay(&entries);
        let v = View::new(rc(), &[&global, &o]);
        let (key, after) = match (op, request(&v, &entries, op)) {
            (Op::Reset { which }, None) if !entries.is_empty() => {
                (entries[which % entries.len()].key.clone(), None)
            }
            (_, Some(req)) => match edits::prepare(&v, &req) {
                Ok(p) => (p.key, p.after),
                // Refused as a moderator would see it (a bad figure order, a duplicate
                // name…): nothing to export.
                Err(_) => continue,
            },
            _ => continue,
        };
        store
            .apply(&[NewChange {
                scope: FROM,
                key,
                after,
                expected: Expected::Any,
                author_id: 7,
                author_name: "mod".into(),
            }])
            .unwrap();
        made += 1;
    }
    made
}

/// What a scope holds, without who and when.
fn held(store: &SqliteStore, scope: Scope) -> BTreeMap<String, Value> {
    store
        .entries(scope)
        .unwrap()
        .into_iter()
        .map(|e| (e.key, e.value))
        .collect()
}

/// What a scope's audience sees of every career the edits may touch.
fn seen(store: &SqliteStore, scope: Scope) -> Vec<String> {
    let global = overlay(&store.entries(GLOBAL).unwrap());
    let o = overlay(&store.entries(scope).unwrap());
    let v = View::new(rc(), &[&global, &o]);
    let ohio = v.area(rc().lookup_place("ohio").unwrap()).code.clone();
    careers(&v)
        .into_iter()
        .map(|i| {
            let c = v.career(i);
            let figures: Vec<String> = Field::ALL
                .iter()
                .map(|&f| {
                    format!(
                        "{:?} {:?}",
                        v.figure(i, "0000000", f).map(|e| &e.0),
                        v.figure(i, &ohio, f).map(|e| &e.0)
                    )
                })
                .collect();
            format!(
                "{} hidden={} {:?} {:?} {:?} {:?} {:?}",
                c.id,
                v.is_hidden(i),
                c.title,
                c.description,
                c.aliases,
                c.tasks,
                figures
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_gives_the_same_edits_and_the_same_view(
        hidden_everywhere in prop::collection::vec(0usize..CAREERS.len(), 0..3),
        ops in prop::collection::vec(op(), 1..14),
        csv in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("edits.sqlite")).unwrap();
        // The owners' edits every server sees, under the server's own: a server may show a
        // career the owners hid (`hidden/… = false`).
        for c in hidden_everywhere {
            let c = rc().view().lookup_career(CAREERS[c]).unwrap();
            let p = edits::prepare(&rc().view(), &Request::Hide { career: c }).unwrap();
            store
                .apply(&[NewChange {
                    scope: GLOBAL,
                    key: p.key,
                    after: p.after,
                    expected: Expected::Any,
                    author_id: 1,
                    author_name: "owner".into(),
                }])
                .unwrap();
        }
        make(&store, &ops);
        let from = overlay(&store.entries(FROM).unwrap());
        let global = overlay(&store.entries(GLOBAL).unwrap());
        let (exported, left_out) =
            exchange::exportable(&View::new(rc(), &[&global, &from]), store.entries(FROM).unwrap());
        let file = if csv { exchange::to_csv(&exported) } else { exchange::to_json(&exported) };

        // Imported into an empty scope, as `/dataset import` and `rolecall dataset import` do.
        let items = exchange::parse(&file)
            .unwrap_or_else(|e| panic!("the export does not parse: {e:?}\n{file}"));
        let empty = Overlay::default();
        let fresh = View::new(rc(), &[&global, &empty]);
        let planned = exchange::plan(&fresh, items)
            .unwrap_or_else(|e| panic!("the export is refused: {e:?}\n{file}"));
        let (changes, _) = exchange::preview(&fresh, INTO, &[], &planned, 7, "importer");
        store.apply(&changes).unwrap();

        // The same edits, but those left behind by a role taken back (which nobody sees).
        let mut expected = held(&store, FROM);
        expected.retain(|k, _| exported.iter().any(|e| &e.key == k));
        prop_assert_eq!(expected.len() + left_out, held(&store, FROM).len());
        prop_assert_eq!(held(&store, INTO), expected, "{}", file);
        prop_assert_eq!(seen(&store, INTO), seen(&store, FROM));
    }
}
