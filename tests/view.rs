//! Edits as an audience sees them, through the library (no Discord): layers, hiding, names,
//! disclosures and imports. Each test builds its overlays from store entries, as the bot does.

use rolecall::answers;
use rolecall::overlay::{Meta, Overlay};
use rolecall::{Rolecall, View};
use serde_json::{Value, json};
use std::sync::OnceLock;

fn rc() -> &'static Rolecall {
    static RC: OnceLock<Rolecall> = OnceLock::new();
    RC.get_or_init(|| Rolecall::load(&rolecall::default_data_dir()).unwrap())
}

fn overlay(entries: &[(&str, Value)]) -> Overlay {
    let (o, problems) = Overlay::from_entries(entries.iter().map(|(k, v)| {
        (
            k.to_string(),
            v.clone(),
            Meta {
                by: "mod".into(),
                at: "2026-11-29T10:00:00Z".into(),
            },
        )
    }));
    assert!(problems.is_empty(), "{problems:?}");
    o
}

fn id(v: &View, text: &str) -> Option<String> {
    v.lookup_career(text).ok().map(|i| v.career(i).id.clone())
}

#[test]
fn an_added_name_does_not_take_a_careers_own_title_away() {
    let o = overlay(&[(
        "alias/29-1171.00/nurse",
        json!({"text": "nurse", "on": true}),
    )]);
    let v = View::new(rc(), &[&o]);
    assert_eq!(id(&v, "nurse practitioners").as_deref(), Some("29-1171.00"));
    assert_eq!(
        id(&v, "nurse").as_deref(),
        Some("29-1171.00"),
        "the editors' exact name leads"
    );
    assert_eq!(
        id(&rc().view(), "nurse").as_deref(),
        Some("29-1141.00"),
        "shipped data unchanged"
    );
}

#[test]
fn the_last_layer_decides_hiding_and_names() {
    let global = overlay(&[
        ("hidden/15-2011.00", json!(true)),
        (
            "alias/15-2011.00/risk wizard",
            json!({"text": "risk wizard", "on": true}),
        ),
    ]);
    let guild = overlay(&[
        ("hidden/15-2011.00", json!(false)),
        (
            "alias/15-2011.00/risk wizard",
            json!({"text": "risk wizard", "on": false}),
        ),
    ]);
    let everyone = View::new(rc(), &[&global]);
    assert_ne!(
        id(&everyone, "actuary").as_deref(),
        Some("15-2011.00"),
        "hidden for everyone"
    );
    let here = View::new(rc(), &[&global, &guild]);
    assert_eq!(
        id(&here, "actuary").as_deref(),
        Some("15-2011.00"),
        "the guild shows it again"
    );
    assert_ne!(
        id(&here, "risk wizard").as_deref(),
        Some("15-2011.00"),
        "the guild removed the global name"
    );
    // Hidden careers leave search, browse and related lists too.
    let search = answers::search(&everyone, "actuar", 1);
    assert!(search.results.iter().all(|r| r.career.id != "15-2011.00"));
    let browse = answers::search(&everyone, "", 1);
    assert_eq!(browse.total, 1010);
    let related = answers::related(&everyone, everyone.by_id("13-2054.00").unwrap());
    assert!(related.related.iter().all(|r| r.career.id != "15-2011.00"));
}

#[test]
fn edited_growth_and_education_are_disclosed_with_the_published_figure() {
    let o = overlay(&[
        (
            "figure/15-2011.00/0000000/growth_pct",
            json!({"value": 30.0, "source": "our forecast"}),
        ),
        (
            "figure/15-2011.00/0000000/education",
            json!({"value": "Master's degree", "source": "our survey"}),
        ),
    ]);
    let v = View::new(rc(), &[&o]);
    let p = answers::profile(&v, v.by_id("15-2011.00").unwrap());
    assert_eq!(p.outlook.as_ref().unwrap().growth_pct, 30.0);
    assert_eq!(p.entry.as_ref().unwrap().education, "Master's degree");
    let notes: Vec<&str> = p.disclosures.iter().map(|d| d.text.as_str()).collect();
    assert!(
        notes.iter().any(|n| n.contains("projected growth")
            && n.contains("our forecast")
            && n.contains("the published figure is +")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.contains("typical entry education") && n.contains("Bachelor's degree")),
        "{notes:?}"
    );
}

#[test]
fn an_added_role_with_only_its_own_figures_invents_nothing() {
    let o = overlay(&[
        (
            "role/developer-advocate",
            json!({"title": "Developer Advocate", "description": "Helps developers.", "figures_from": null}),
        ),
        (
            "figure/developer-advocate/0000000/growth_pct",
            json!({"value": 12.0, "source": "survey"}),
        ),
    ]);
    let v = View::new(rc(), &[&o]);
    let idx = v.lookup_career("developer advocate").unwrap();
    let p = answers::profile(&v, idx);
    let outlook = p.outlook.unwrap();
    assert_eq!(outlook.growth_pct, 12.0);
    assert_eq!(outlook.employment_2024, None);
    assert!(p.pay.is_none() && p.entry.is_none());
}

#[test]
fn an_import_keeps_percentiles_in_order() {
    let v = rc().view();
    let bad = "key,value\nfigure/29-1141.00/0000000/annual_p10,\"{\"\"value\"\": 400000, \"\"source\"\": \"\"x\"\"}\"\n";
    let err = rolecall::exchange::parse(bad)
        .and_then(|items| rolecall::exchange::plan(&v, items))
        .unwrap_err();
    assert_eq!(err.line, 2);
    assert!(
        err.reason.contains("Percentiles must stay in order"),
        "{}",
        err.reason
    );
    let too_long = format!(
        "key,value\ntext/15-2011.00,\"{{\"\"title\"\": \"\"{}\"\", \"\"description\"\": \"\"d\"\"}}\"\n",
        "t".repeat(150)
    );
    assert!(
        rolecall::exchange::parse(&too_long)
            .and_then(|items| rolecall::exchange::plan(&v, items))
            .is_err()
    );
}
