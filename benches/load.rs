//! Start-up: reading and checking data/ and building the name indexes, what every process
//! (the bot, each CLI command) pays before its first answer. The goal is 100 ms for the whole
//! of `Rolecall::load` in a release build on the 2-core development machine.
//!
//! Prints each phase's wall time (median of a few fresh loads), then runs criterion on:
//! - `Rolecall::load`: what the front ends call (the pay table read on its own thread while
//!   the indexes are built);
//! - `Dataset::load`: reading and checking every file;
//! - `Rolecall::new`: building the indexes over a loaded dataset, one thread.
//!
//! `cargo bench --bench load`

use criterion::Criterion;
use rolecall::Rolecall;
use rolecall::data::Dataset;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1e3
}

fn main() {
    let dir = rolecall::default_data_dir();
    let (mut whole, mut data_only, mut index_only) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..7 {
        let t = Instant::now();
        black_box(Rolecall::load(&dir).expect("data/ loads"));
        whole.push(t.elapsed());
        let t = Instant::now();
        let data = Dataset::load(&dir).expect("data/ loads");
        data_only.push(t.elapsed());
        let t = Instant::now();
        black_box(Rolecall::new(data));
        index_only.push(t.elapsed());
    }
    println!("median of 7 (release, this machine):");
    println!(
        "  Rolecall::load (what the front ends call)  {:6.1} ms",
        median(whole)
    );
    println!(
        "  Dataset::load (read and check data/)        {:6.1} ms",
        median(data_only)
    );
    println!(
        "  Rolecall::new (indexes, one thread)         {:6.1} ms",
        median(index_only)
    );
    println!();

    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("start");
    g.sample_size(20);
    g.bench_function("Rolecall::load", |b| {
        b.iter(|| black_box(Rolecall::load(&dir).unwrap()))
    });
    g.bench_function("Dataset::load", |b| {
        b.iter(|| black_box(Dataset::load(&dir).unwrap()))
    });
    g.bench_function("Rolecall::new over a loaded dataset", |b| {
        b.iter_batched(
            || Dataset::load(&dir).unwrap(),
            |data| black_box(Rolecall::new(data)),
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
    c.final_summary();
}
