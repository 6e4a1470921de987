//! The golden set: what people type, and the career (or place) they mean, decided by people
//! (tests/golden/*.tsv), not by the resolver. Prints top-1 and top-5 accuracy by kind and
//! fails below 95% top-1.
//!
//! `queries.tsv` is the set the resolver and data/curated.toml were tuned against;
//! `holdout.tsv` was written independently and never tuned against, so its accuracy is the
//! honest estimate of how the resolver does on queries nobody anticipated.

use rolecall::Rolecall;
use rolecall::resolve::{ASK_BACK, Resolution, Verdict};
use std::collections::BTreeMap;

#[test]
fn golden_queries_resolve_to_what_people_mean() {
    let rc = Rolecall::load(&rolecall::default_data_dir()).expect("data/ loads");
    let tuned = evaluate(&rc, "queries.tsv");
    let holdout = evaluate(&rc, "holdout.tsv");
    let all = tuned.0 + holdout.0;
    println!(
        "combined: {all} queries, top-1 {:.1}%",
        pct(tuned.1 + holdout.1, all)
    );
    assert!(
        tuned.0 >= 200,
        "the golden set must hold at least 200 queries"
    );
    assert!(
        pct(tuned.1, tuned.0) >= 95.0,
        "top-1 accuracy {:.1}% is below 95%",
        pct(tuned.1, tuned.0)
    );
    assert!(
        pct(holdout.1, holdout.0) >= 90.0,
        "held-out top-1 accuracy {:.1}% is below 90%",
        pct(holdout.1, holdout.0)
    );
}

/// Runs one golden file; returns (queries, top-1 hits, top-5 hits).
fn evaluate(rc: &Rolecall, name: &str) -> (usize, usize, usize) {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut by_kind: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let id_of = |s: &str| {
        rc.data
            .by_id(s)
            .unwrap_or_else(|| panic!("{name} names unknown career `{s}`"))
    };
    for (i, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        assert!(
            f.len() >= 3,
            "tests/golden/{name}:{}: needs kind, query, expected",
            i + 1
        );
        let (kind, query, expected) = (f[0], f[1], f[2]);
        let (top1, top5, got) = if kind == "location" {
            let want = rc
                .data
                .areas
                .iter()
                .position(|a| a.code == expected)
                .unwrap_or_else(|| panic!("unknown area {expected}")) as u16;
            let r = rc.places.resolve(&rc.data, query);
            let top5 = r.candidates.iter().take(5).any(|c| c.target == want);
            (
                r.verdict() == Verdict::Found(want),
                top5,
                describe_place(rc, &r),
            )
        } else {
            let r = rc.careers.resolve(&rc.data, query);
            let got = describe(rc, &r);
            if expected == "none" {
                (r.best.is_none(), r.best.is_none(), got)
            } else if let Some(list) = expected.strip_prefix("ambiguous:") {
                let offered: Vec<usize> = r
                    .candidates
                    .iter()
                    .take(ASK_BACK)
                    .map(|c| c.target)
                    .collect();
                let all = list.split('|').all(|id| offered.contains(&id_of(id)));
                let any5 = list.split('|').any(|id| offered.contains(&id_of(id)));
                (r.ambiguous && all, any5, got)
            } else {
                let want = id_of(expected);
                let top5 = r.candidates.iter().take(5).any(|c| c.target == want);
                (r.verdict() == Verdict::Found(want), top5, got)
            }
        };
        let e = by_kind.entry(kind.to_string()).or_default();
        e.0 += 1;
        e.1 += top1 as usize;
        e.2 += top5 as usize;
        if !top1 {
            failures.push(format!(
                "  [{kind}] {query:?}: expected {expected}, got {got}"
            ));
        }
    }
    let (n, t1, t5) = by_kind
        .values()
        .fold((0, 0, 0), |a, v| (a.0 + v.0, a.1 + v.1, a.2 + v.2));
    println!("{name}: {n} queries");
    for (kind, (k, a, b)) in &by_kind {
        println!(
            "  {kind:<13} {k:>4}  top-1 {:>5.1}%  top-5 {:>5.1}%",
            pct(*a, *k),
            pct(*b, *k)
        );
    }
    println!(
        "  {:<13} {n:>4}  top-1 {:>5.1}%  top-5 {:>5.1}%",
        "all",
        pct(t1, n),
        pct(t5, n)
    );
    if !failures.is_empty() {
        println!("misses:\n{}", failures.join("\n"));
    }
    (n, t1, t5)
}

fn pct(a: usize, n: usize) -> f64 {
    100.0 * a as f64 / n.max(1) as f64
}

fn verdict_tag<T: Copy>(r: &Resolution<T>) -> &'static str {
    if r.ambiguous {
        "AMBIGUOUS "
    } else if r.best.is_none() {
        "NONE "
    } else {
        ""
    }
}

fn describe(rc: &Rolecall, r: &Resolution<usize>) -> String {
    let list: Vec<String> = r
        .candidates
        .iter()
        .take(4)
        .map(|c| {
            format!(
                "{} {:.3} ({})",
                rc.data.career(c.target).id,
                c.score,
                c.matched
            )
        })
        .collect();
    format!("{}[{}]", verdict_tag(r), list.join(", "))
}

fn describe_place(rc: &Rolecall, r: &Resolution<u16>) -> String {
    let list: Vec<String> = r
        .candidates
        .iter()
        .take(3)
        .map(|c| {
            let a = &rc.data.areas[c.target as usize];
            format!("{} {} {:.3}", a.code, a.name, c.score)
        })
        .collect();
    format!("{}[{}]", verdict_tag(r), list.join(", "))
}
