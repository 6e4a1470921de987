//! How fast what people type becomes careers, over every name in the dataset (~64,000).
//!
//! Workload: every query of the golden sets (tests/golden/*.tsv) for resolve, and every
//! keystroke prefix of them for autocomplete. Criterion measures the mean and median; the
//! per-query percentiles (p50, p99) are printed first, because a slow tail is what a person
//! typing notices. A naive strsim scan of every name is measured beside it for the ratio, and
//! load + index build for start-up.
//!
//! `cargo bench --bench resolve`

use criterion::Criterion;
use rolecall::Rolecall;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn golden_queries() -> Vec<String> {
    let mut out = Vec::new();
    for file in ["queries.tsv", "holdout.tsv"] {
        let path = format!("{}/tests/golden/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f[0] != "location" {
                out.push(f[1].to_string());
            }
        }
    }
    out
}

fn prefixes(queries: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for q in queries {
        let chars: Vec<char> = q.chars().collect();
        for n in 1..=chars.len() {
            out.push(chars[..n].iter().collect());
        }
    }
    out
}

fn percentiles(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    println!(
        "{name:<28} n={:<6} p50 {:>7.1} µs   p90 {:>7.1} µs   p99 {:>7.1} µs   max {:>8.1} µs",
        samples.len(),
        at(0.50).as_secs_f64() * 1e6,
        at(0.90).as_secs_f64() * 1e6,
        at(0.99).as_secs_f64() * 1e6,
        samples.last().unwrap().as_secs_f64() * 1e6
    );
}

/// Each query timed on its own, several rounds, after a warm-up round.
fn per_query(queries: &[String], rounds: usize, f: impl Fn(&str)) -> Vec<Duration> {
    for q in queries {
        f(q);
    }
    let mut samples = Vec::with_capacity(queries.len() * rounds);
    for _ in 0..rounds {
        for q in queries {
            let t = Instant::now();
            f(q);
            samples.push(t.elapsed());
        }
    }
    samples
}

/// The approach the index replaces: Jaro–Winkler against every normalised name.
struct NaiveScan {
    names: Vec<String>,
}

impl NaiveScan {
    fn new(rc: &Rolecall) -> NaiveScan {
        let mut names = Vec::new();
        for c in &rc.data.careers {
            names.push(rolecall::text::normalize(&c.title));
            names.extend(c.aliases.iter().map(|a| rolecall::text::normalize(&a.text)));
        }
        NaiveScan { names }
    }

    fn best(&self, q: &str) -> usize {
        let q = rolecall::text::normalize(q);
        let mut best = (0.0, 0);
        for (i, n) in self.names.iter().enumerate() {
            let s = strsim::jaro_winkler(&q, n);
            if s > best.0 {
                best = (s, i);
            }
        }
        best.1
    }
}

fn main() {
    let t = Instant::now();
    let rc = Rolecall::load(&rolecall::default_data_dir()).unwrap();
    println!(
        "load + index build: {:.0} ms ({} names)",
        t.elapsed().as_secs_f64() * 1e3,
        rc.careers.names()
    );

    let queries = golden_queries();
    let keystrokes = prefixes(&queries);
    let naive = NaiveScan::new(&rc);
    println!("\nper-query latency (release, this machine):");
    percentiles(
        "resolve",
        per_query(&queries, 20, |q| {
            black_box(rc.careers.resolve(&rc.data, q));
        }),
    );
    percentiles(
        "autocomplete (25 choices)",
        per_query(&keystrokes, 5, |q| {
            black_box(rc.careers.complete(&rc.data, q, 25));
        }),
    );
    percentiles(
        "naive strsim scan",
        per_query(&queries[..40], 3, |q| {
            black_box(naive.best(q));
        }),
    );
    println!();

    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("resolve");
    g.bench_function("golden set, one query", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % queries.len();
            black_box(rc.careers.resolve(&rc.data, &queries[i]))
        })
    });
    g.bench_function("autocomplete keystroke", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % keystrokes.len();
            black_box(rc.careers.complete(&rc.data, &keystrokes[i], 25))
        })
    });
    g.bench_function("naive strsim scan, one query", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % queries.len();
            black_box(naive.best(&queries[i]))
        })
    });
    g.finish();
    let mut g = c.benchmark_group("start");
    g.sample_size(10);
    g.bench_function("load data/ and build indexes", |b| {
        b.iter(|| black_box(Rolecall::load(&rolecall::default_data_dir()).unwrap()))
    });
    g.finish();
    c.final_summary();
}
