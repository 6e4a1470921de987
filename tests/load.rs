//! Loading data/: every pay row lands where the answers look for it, and `Rolecall::load`
//! (indexes built while the pay table is read on another thread) gives what building the
//! indexes after a plain `Dataset::load` gives.

mod common;
use common::*;
use rolecall::Rolecall;
use rolecall::data::{AreaIdx, Dataset, PAY_STATS, Pay, PayValue};
use std::collections::HashMap;

/// A pay cell as the TSV writes it, read here without the loader.
fn cell(raw: &str, hourly: bool) -> PayValue {
    if raw.is_empty() {
        return PayValue::NotReleased;
    }
    let (capped, num) = match raw.strip_prefix(">=") {
        Some(n) => (true, n),
        None => (false, raw),
    };
    let v = if hourly {
        (num.parse::<f64>().unwrap() * 100.0).round() as u32
    } else {
        num.parse().unwrap()
    };
    if capped {
        PayValue::AtLeast(v)
    } else {
        PayValue::Amount(v)
    }
}

#[test]
fn every_pay_row_is_found_in_its_area_with_its_figures() {
    let data = Dataset::load(&data_dir()).unwrap();
    let area: HashMap<&str, AreaIdx> = data
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.as_str(), i as AreaIdx))
        .collect();
    // One career per figures code: the occupation whose figures come from it.
    let mut career_of: HashMap<String, usize> = HashMap::new();
    for i in 0..data.careers.len() {
        if let Some(k) = data.figures_key(i) {
            career_of.entry(k.code.clone()).or_insert(i);
        }
    }
    let text = std::fs::read_to_string(data_dir().join("pay.tsv")).unwrap();
    let mut rows = 0;
    let mut per_code: HashMap<&str, usize> = HashMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let Some(&career) = career_of.get(f[0]) else {
            continue;
        };
        let row = data
            .pay_in(career, area[f[1]])
            .unwrap_or_else(|| panic!("no row for {} in {}", f[0], f[1]));
        assert_eq!(
            row.employment,
            (!f[2].is_empty()).then(|| f[2].parse().unwrap())
        );
        for (i, stat) in PAY_STATS.iter().enumerate() {
            let values = |p: &[Pay; 6]| p[i].value();
            assert_eq!(
                values(&row.hourly),
                cell(f[3 + i], true),
                "{line} hourly {stat}"
            );
            assert_eq!(
                values(&row.annual),
                cell(f[9 + i], false),
                "{line} annual {stat}"
            );
        }
        rows += 1;
        *per_code.entry(f[0]).or_default() += 1;
    }
    assert!(rows > 200_000, "{rows}");
    // Nothing more than the file holds, the nation first, then in area order.
    for (code, n) in per_code {
        let got = data.pay_rows(career_of[code]);
        assert_eq!(got.len(), n, "{code}");
        assert_eq!(got[0].area, data.national_area(), "{code}");
        assert!(got.windows(2).all(|w| w[0].area < w[1].area), "{code}");
    }
}

#[test]
fn indexes_built_during_the_load_are_those_built_after_it() {
    let dir = data_dir();
    let during = Rolecall::load(&dir).unwrap();
    let after = Rolecall::new(Dataset::load(&dir).unwrap());
    assert_eq!(during.careers.names(), after.careers.names());

    let golden = std::fs::read_to_string(dir.join("../tests/golden/queries.tsv")).unwrap();
    let mut queries: Vec<String> = golden
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(1).map(str::to_string))
        .collect();
    queries.extend(
        [
            "nurse",
            "pm",
            "cto",
            "softwre dev",
            "prod",
            "ohio",
            "nyc",
            "texs",
        ]
        .map(String::from),
    );
    let careers = |rc: &Rolecall, q: &str| {
        let r = rc.careers.resolve(&rc.data, q);
        let c = rc.careers.complete(&rc.data, q, 25);
        (
            r.best,
            r.ambiguous,
            r.candidates
                .iter()
                .chain(&c.candidates)
                .map(|c| (c.target, c.score.to_bits(), c.matched.clone()))
                .collect::<Vec<_>>(),
        )
    };
    let places = |rc: &Rolecall, q: &str| {
        let r = rc.places.resolve(&rc.data, q);
        (
            r.best,
            r.candidates
                .iter()
                .map(|c| (c.target, c.score.to_bits()))
                .collect::<Vec<_>>(),
        )
    };
    for q in &queries {
        assert_eq!(careers(&during, q), careers(&after, q), "{q}");
        assert_eq!(places(&during, q), places(&after, q), "{q}");
    }
    for a in &during.data.areas {
        assert_eq!(
            places(&during, &a.name),
            places(&after, &a.name),
            "{}",
            a.name
        );
    }
}

#[test]
fn pay_rows_in_another_order_load_the_same() {
    let shipped = Dataset::load(&data_dir()).unwrap();
    let dir = copy_of_data();
    let path = dir.path().join("pay.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    // Codes interleaved and areas backwards: every row out of the order the build writes.
    lines[1..].reverse();
    let n = lines.len();
    lines.swap(2, n / 2);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let shuffled = Dataset::load(dir.path()).unwrap();
    for i in 0..shipped.careers.len() {
        assert_eq!(
            shuffled.pay_rows(i),
            shipped.pay_rows(i),
            "{}",
            shipped.careers[i].id
        );
    }

    // A duplicate is still found out of order.
    lines.push(lines[5]);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let err = Dataset::load(dir.path()).err().unwrap().to_string();
    assert!(err.contains("in the same area"), "{err}");
}
