//! How fast a question becomes an answer: `parse_question` and `answer_intent` together, over
//! every question of the golden question sets (tests/golden/questions*.tsv), as a mention or
//! a DM would be answered (card building aside). Per-question percentiles are printed first,
//! because a slow tail is what a person waiting for the bot notices; criterion follows.
//!
//! `cargo bench --bench questions`

use criterion::Criterion;
use rolecall::Rolecall;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn golden_questions() -> Vec<String> {
    let dir = format!("{}/tests/golden", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("questions") && n.ends_with(".tsv"))
        })
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .skip(1)
                .map(|l| l.split('\t').nth(1).unwrap_or_default().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn percentiles(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    println!(
        "{name:<30} n={:<6} p50 {:>7.1} µs   p90 {:>7.1} µs   p99 {:>7.1} µs   max {:>8.1} µs",
        samples.len(),
        at(0.50).as_secs_f64() * 1e6,
        at(0.90).as_secs_f64() * 1e6,
        at(0.99).as_secs_f64() * 1e6,
        samples.last().unwrap().as_secs_f64() * 1e6
    );
}

fn answer(rc: &Rolecall, q: &str) {
    let _ = black_box(rc.answer_question(black_box(q)));
}

fn main() {
    let rc = Rolecall::load(&rolecall::default_data_dir()).expect("data/ loads");
    let questions = golden_questions();
    for q in &questions {
        answer(&rc, q);
    }
    let mut samples = Vec::new();
    for _ in 0..10 {
        for q in &questions {
            let t = Instant::now();
            answer(&rc, q);
            samples.push(t.elapsed());
        }
    }
    percentiles("question → answer", samples);
    // The worst input people can send in one Discord message.
    let long =
        "how much does a registered nurse make in ohio and what does a welder do ".repeat(27);
    let worst: Vec<String> = vec![
        long.chars().take(2000).collect(),
        "nurse ".repeat(333),
        "🙂".repeat(2000),
        "مهندس ".repeat(300),
    ];
    let mut samples = Vec::new();
    for _ in 0..20 {
        for q in &worst {
            let t = Instant::now();
            answer(&rc, q);
            samples.push(t.elapsed());
        }
    }
    percentiles("worst-case messages", samples);

    let mut c = Criterion::default().configure_from_args();
    c.bench_function("question → answer (golden set)", |b| {
        b.iter(|| {
            for q in &questions {
                answer(&rc, q);
            }
        })
    });
    c.final_summary();
}
