//! The golden question set: questions written the way people ask in career servers, each
//! labelled by hand with what it asks, about which careers and where (tests/golden/
//! questions*.tsv). Every question goes through the same path as the CLI's `ask` and the bot:
//! `parse_question`, then each role and place resolved as the answer would resolve it.
//!
//! The tuned part is `questions.tsv` and the later sets (`-more`, `-third`, `-fourth`,
//! `-fifth`), each written by someone who had not seen the parser's code, measured once as
//! it came (their first-look scores are in the notes of issue 7) and then tuned against.
//! `questions-holdout.tsv` was written by someone else before the parser was written and is
//! never tuned against: its misses are not printed unless `ROLECALL_SHOW_HOLDOUT=1`, so that
//! nobody tunes against them by accident. The test prints a table per file and intent and
//! fails below 95% on the tuned part as a whole and below 92% on the held-out part.

use rolecall::Rolecall;
use rolecall::lookup::UserError;
use rolecall::question::Intent;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
enum Role {
    Found(String),
    Ambiguous(Vec<String>),
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
enum Place {
    None,
    Found(String),
    Ambiguous,
    Unknown,
}

#[derive(Debug)]
struct Got {
    intent: String,
    roles: Vec<Role>,
    place: Place,
}

fn interpret(rc: &Rolecall, question: &str) -> Got {
    let view = rc.view();
    let (intent, roles, place): (&str, Vec<String>, Option<String>) =
        match view.parse_question(question) {
            Err(UserError::NotUnderstood { .. }) => ("off-topic", vec![], None),
            Err(e) => panic!("{question:?}: {e}"),
            Ok(Intent::Help) => ("help", vec![], None),
            Ok(Intent::About) => ("about", vec![], None),
            Ok(Intent::Salary { role, place }) => ("salary", vec![role], place),
            Ok(Intent::Compare { roles, place }) => ("compare", roles, place),
            Ok(Intent::Responsibilities { role }) => ("responsibilities", vec![role], None),
            Ok(Intent::Related { role }) => ("related", vec![role], None),
            Ok(Intent::Education { role, place }) => ("education", vec![role], place),
            Ok(Intent::Career { role }) => ("career", vec![role], None),
            Ok(Intent::Outlook { role, place }) => ("outlook", vec![role], place),
            Ok(Intent::TopPlaces {
                role,
                lowest: false,
            }) => ("top-places", vec![role], None),
            Ok(Intent::TopPlaces { role, lowest: true }) => ("bottom-places", vec![role], None),
        };
    let roles = roles
        .iter()
        .map(|r| match view.lookup_career(r) {
            Ok(idx) => Role::Found(view.career(idx).id.clone()),
            Err(UserError::Ambiguous { options, .. }) => {
                Role::Ambiguous(options.into_iter().map(|c| c.id).collect())
            }
            Err(_) => Role::Unknown,
        })
        .collect();
    let place = match place {
        None => Place::None,
        Some(p) => match rc.lookup_place(&p) {
            Ok(a) => Place::Found(rc.data.areas[a as usize].code.clone()),
            Err(UserError::Ambiguous { .. }) => Place::Ambiguous,
            Err(_) => Place::Unknown,
        },
    };
    Got {
        intent: intent.to_string(),
        roles,
        place,
    }
}

/// Whether what was read is what the label says.
fn matches(rc: &Rolecall, got: &Got, intent: &str, careers: &str, place: &str) -> bool {
    if got.intent != intent {
        return false;
    }
    let known = |id: &str| {
        assert!(
            rc.data.by_id(id).is_some(),
            "the label names unknown `{id}`"
        );
        id.to_string()
    };
    let careers_ok = match careers {
        "-" => got.roles.is_empty(),
        "unknown" => got.roles == [Role::Unknown],
        c if c.starts_with("ambiguous") => match got.roles.as_slice() {
            [Role::Ambiguous(offered)] => c
                .strip_prefix("ambiguous:")
                .is_none_or(|list| list.split('|').all(|id| offered.contains(&known(id)))),
            _ => false,
        },
        c => {
            let slots: Vec<Vec<String>> = c
                .split(',')
                .map(|s| s.split('|').map(known).collect())
                .collect();
            let mut free: Vec<&Role> = got.roles.iter().collect();
            slots.len() == got.roles.len()
                && slots.iter().all(|alts| {
                    // Asking back between readings the label accepts is not a miss.
                    let fits = |r: &Role| match r {
                        Role::Found(id) => alts.contains(id),
                        Role::Ambiguous(offered) => {
                            alts.len() > 1 && offered.iter().all(|id| alts.contains(id))
                        }
                        Role::Unknown => false,
                    };
                    match free.iter().position(|r| fits(r)) {
                        Some(i) => {
                            free.remove(i);
                            true
                        }
                        None => false,
                    }
                })
        }
    };
    let place_ok = match place {
        "-" => got.place == Place::None,
        "ambiguous" => got.place == Place::Ambiguous,
        codes => {
            codes.split('|').for_each(|c| {
                assert!(
                    rc.data.areas.iter().any(|a| a.code == c),
                    "the label names unknown area `{c}`"
                )
            });
            matches!(&got.place, Place::Found(code) if codes.split('|').any(|c| c == code))
        }
    };
    careers_ok && place_ok
}

struct Tally {
    by_intent: BTreeMap<String, (usize, usize)>,
    misses: Vec<String>,
    /// Misses by what was wrong: the intent, the careers, the place (counts only, so the
    /// held-out set can be summarised without showing its lines).
    wrong: [usize; 3],
    /// (expected intent, read intent) → count, for the intent misses.
    confusion: BTreeMap<(String, String), usize>,
}

impl Tally {
    fn total(&self) -> (usize, usize) {
        self.by_intent
            .values()
            .fold((0, 0), |a, v| (a.0 + v.0, a.1 + v.1))
    }
}

fn evaluate(rc: &Rolecall, name: &str) -> Tally {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("intent\tquestion\tcareers\tplace\tnote"),
        "{name}: header"
    );
    let mut t = Tally {
        by_intent: BTreeMap::new(),
        misses: Vec::new(),
        wrong: [0; 3],
        confusion: BTreeMap::new(),
    };
    for (i, line) in lines.enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        assert!(f.len() >= 4, "{name}:{}: needs 4 columns", i + 2);
        let (intent, question, careers, place) = (f[0], f[1], f[2], f[3]);
        let got = interpret(rc, question);
        let ok = matches(rc, &got, intent, careers, place);
        let e = t.by_intent.entry(intent.to_string()).or_default();
        e.0 += 1;
        e.1 += ok as usize;
        if !ok {
            if got.intent != intent {
                t.wrong[0] += 1;
                *t.confusion
                    .entry((intent.to_string(), got.intent.clone()))
                    .or_default() += 1;
            } else if !matches(rc, &got, intent, careers, "-")
                && !matches(rc, &got, intent, careers, place)
            {
                let place_only = Got {
                    intent: got.intent.clone(),
                    roles: got.roles.clone(),
                    place: Place::None,
                };
                if matches(rc, &place_only, intent, careers, "-") {
                    t.wrong[2] += 1;
                } else {
                    t.wrong[1] += 1;
                    let how = match got.roles.first() {
                        Some(Role::Ambiguous(_)) => "asked back",
                        Some(Role::Unknown) => "not found",
                        Some(Role::Found(_)) if careers.starts_with("ambiguous") => {
                            "answered, not asked back"
                        }
                        Some(Role::Found(_)) if careers == "unknown" => "answered an unknown",
                        Some(Role::Found(_)) => "another career",
                        None => "no career",
                    };
                    *t.confusion
                        .entry(("career".to_string(), how.to_string()))
                        .or_default() += 1;
                }
            } else {
                t.wrong[2] += 1;
            }
            t.misses.push(format!(
                "  {name}:{}: {question:?}\n      expected {intent} {careers} {place}\n      got      {} {:?} {:?}",
                i + 2,
                got.intent,
                got.roles,
                got.place
            ));
        }
    }
    t
}

fn pct(a: usize, n: usize) -> f64 {
    100.0 * a as f64 / n.max(1) as f64
}

fn table(name: &str, t: &Tally) {
    println!("{name}");
    for (intent, (n, ok)) in &t.by_intent {
        println!("  {intent:<17} {ok:>4}/{n:<4} {:>5.1}%", pct(*ok, *n));
    }
    let (n, ok) = t.total();
    println!("  {:<17} {ok:>4}/{n:<4} {:>5.1}%", "all", pct(ok, n));
    println!(
        "  misses: {} intent, {} careers, {} place",
        t.wrong[0], t.wrong[1], t.wrong[2]
    );
    let confused: Vec<String> = t
        .confusion
        .iter()
        .map(|((want, got), k)| format!("{want}→{got} {k}"))
        .collect();
    if !confused.is_empty() {
        println!("  intents read as another: {}", confused.join(", "));
    }
}

#[test]
fn golden_questions_are_read_as_people_mean_them() {
    let rc = Rolecall::load(&rolecall::default_data_dir()).expect("data/ loads");
    let tuned = evaluate(&rc, "questions.tsv");
    let more = evaluate(&rc, "questions-more.tsv");
    table("questions-more.tsv", &more);
    let third = evaluate(&rc, "questions-third.tsv");
    table("questions-third.tsv", &third);
    let fourth = evaluate(&rc, "questions-fourth.tsv");
    table("questions-fourth.tsv", &fourth);
    let fifth = evaluate(&rc, "questions-fifth.tsv");
    table("questions-fifth.tsv", &fifth);
    let holdout = evaluate(&rc, "questions-holdout.tsv");
    table("questions.tsv (tuned)", &tuned);
    table("questions-holdout.tsv (held out)", &holdout);
    let tuned_misses: Vec<&String> = [&tuned, &more, &third, &fourth, &fifth]
        .iter()
        .flat_map(|t| &t.misses)
        .collect();
    if !tuned_misses.is_empty() {
        println!(
            "misses (tuned):\n{}",
            tuned_misses
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    if std::env::var_os("ROLECALL_SHOW_HOLDOUT").is_some() && !holdout.misses.is_empty() {
        println!("misses (held out):\n{}", holdout.misses.join("\n"));
    }
    let (n, ok) = [&tuned, &more, &third, &fourth, &fifth]
        .iter()
        .map(|t| t.total())
        .fold((0, 0), |(n, ok), (a, b)| (n + a, ok + b));
    println!("tuned part: {ok}/{n} {:.1}%", pct(ok, n));
    assert!(n >= 250, "the tuned part must hold at least 250 questions");
    assert!(
        pct(ok, n) >= 95.0,
        "tuned: {:.1}% read right, below 95%",
        pct(ok, n)
    );
    let (n, ok) = holdout.total();
    assert!(
        n >= 150,
        "the held-out set must hold at least 150 questions"
    );
    assert!(
        pct(ok, n) >= 92.0,
        "held out: {:.1}% read right, below 92% (ROLECALL_SHOW_HOLDOUT=1 prints the misses)",
        pct(ok, n)
    );
}
