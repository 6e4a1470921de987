//! How long `/dataset import` and `rolecall dataset import` spend on a file before anything
//! is written: parsing and planning (every item checked against the data as its audience
//! sees it). The work is linear in the file; a 1 MiB file must plan in well under 100 ms.
//!
//! Files: the largest a server may import (1 MiB, 5,000 items: new names, figures, texts and
//! responsibilities for 1,000 careers), and 1 MiB of 21,000 small items, which is refused
//! for having too many. Also the cost of a guild's own name index with the most names a
//! guild may add (built once per edit version, then cached by the bot).
//!
//! `cargo bench --bench imports`

use criterion::Criterion;
use rolecall::overlay::{Meta, Overlay};
use rolecall::{Rolecall, View, exchange};
use serde_json::{Value, json};
use std::hint::black_box;
use std::time::Instant;

const MIB: usize = 1 << 20;

/// An import file of `items` items, padded to about 1 MiB with longer texts.
fn full_file(rc: &Rolecall) -> String {
    let careers: Vec<&str> = rc
        .data
        .careers
        .iter()
        .filter(|c| c.figures.is_some())
        .map(|c| c.id.as_str())
        .take(1000)
        .collect();
    let mut items: Vec<Value> = Vec::new();
    for (i, id) in careers.iter().enumerate() {
        items.push(json!({"key": format!("tasks/{id}"), "value": [
            format!("Plan and review the work of team {i}, with attention to safety and quality standards."),
            "Write reports on progress for managers and clients, and keep records of every change.",
            "Train new staff in the methods, tools and procedures the work uses day to day.",
        ]}));
        items.push(json!({"key": format!("text/{id}"), "value": {
            "title": format!("Career number {i}"),
            "description": "A description a moderator wrote for this server, long enough to be like a real one: what the work is, where it happens, who it serves, and what a typical day looks like from start to end.",
        }}));
        items.push(json!({"key": format!("figure/{id}/0000000/growth_pct"),
            "value": {"value": (i % 20) as f64 - 4.5, "source": "Our own survey of members, 2026, with 412 answers"}}));
    }
    for i in 0..1900 {
        let id = careers[i % careers.len()];
        let name = format!("server name number {i}");
        items.push(
            json!({"key": format!("alias/{id}/{name}"), "value": {"text": name, "on": true}}),
        );
    }
    for (i, id) in careers.iter().enumerate().take(5000 - items.len()) {
        items.push(json!({"key": format!("hidden/{id}"), "value": i % 2 == 0}));
    }
    serde_json::to_string_pretty(&items).unwrap()
}

/// 1 MiB of small items: more than a file may hold.
fn too_many_file() -> String {
    let mut s = String::from("[\n");
    let mut i = 0;
    while s.len() < MIB - 64 {
        s += &format!("{{\"key\": \"hidden/15-2011.00-{i}\", \"value\": true}},\n");
        i += 1;
    }
    s += "{\"key\": \"hidden/15-2011.00\", \"value\": true}\n]\n";
    s
}

fn plan(v: &View, text: &str) -> Result<usize, exchange::FileError> {
    let items = exchange::parse(text)?;
    exchange::plan(v, items).map(|p| p.len())
}

fn main() {
    let rc = Rolecall::load(&rolecall::default_data_dir()).expect("data/ loads");
    let v = rc.view();
    let full = full_file(&rc);
    let refused = too_many_file();
    let t = Instant::now();
    let planned = plan(&v, &full).expect("the full file plans");
    println!(
        "a {:.2} MiB file of {planned} items: parsed and planned in {:.1} ms",
        full.len() as f64 / MIB as f64,
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let err = plan(&v, &refused).expect_err("too many items");
    println!(
        "a {:.2} MiB file of 21,000+ items: refused in {:.1} ms ({err})",
        refused.len() as f64 / MIB as f64,
        t.elapsed().as_secs_f64() * 1e3
    );

    // The most names a guild may add, as the bot indexes them for that guild's answers.
    let names: Vec<(String, Value, Meta)> = (0..rolecall::edits::MAX_ADDED_NAMES)
        .map(|i| {
            let name = format!("server name number {i}");
            (
                format!("alias/15-2011.00/{name}"),
                json!({"text": name, "on": true}),
                Meta {
                    by: "mod".into(),
                    at: "2026-12-01T00:00:00Z".into(),
                },
            )
        })
        .collect();
    let (guild, problems) = Overlay::from_entries(names);
    assert!(problems.is_empty(), "{problems:?}");
    let t = Instant::now();
    let view = View::new(&rc, &[&guild]);
    black_box(view.added_names_index());
    println!(
        "a guild's index of {} added names: built in {:.1} ms",
        rolecall::edits::MAX_ADDED_NAMES,
        t.elapsed().as_secs_f64() * 1e3
    );

    let mut c = Criterion::default().configure_from_args();
    c.bench_function("import: parse and plan 1 MiB, 5,000 items", |b| {
        b.iter(|| plan(&v, black_box(&full)).unwrap())
    });
    c.bench_function("import: refuse 1 MiB of 21,000+ items", |b| {
        b.iter(|| plan(&v, black_box(&refused)).unwrap_err())
    });
    c.bench_function("guild name index: 2,000 added names", |b| {
        b.iter(|| View::new(&rc, &[&guild]).added_names_index())
    });
    c.final_summary();
}
