//! How long a chart takes to draw, from its input to PNG bytes: the pay-range chart of a
//! compare with a place (four rows), the same for a capped salary, and the state map.
//! Per-render p50/p99 are printed first (the budget is 10 ms at p99 in a release build),
//! then criterion measures the mean. Layout alone is timed too, to show where time goes.
//!
//! `cargo bench --bench charts`

use criterion::Criterion;
use rolecall::chart::{self, RangeChart, StateMap};
use rolecall::{Rolecall, answers};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn percentiles(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    println!(
        "{name:<28} n={:<5} p50 {:>6.2} ms   p99 {:>6.2} ms   max {:>6.2} ms",
        samples.len(),
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        samples.last().unwrap().as_secs_f64() * 1e3
    );
}

fn timed(rounds: usize, mut f: impl FnMut()) -> Vec<Duration> {
    for _ in 0..10 {
        f();
    }
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect()
}

fn main() {
    let rc = Rolecall::load(&rolecall::default_data_dir()).expect("data loads");
    let v = rc.view();
    let career = |q: &str| v.lookup_career(q).expect("career");
    let place = |q: &str| rc.lookup_place(q).expect("place");
    let compare = RangeChart::from_compare(
        &answers::compare(
            &v,
            &[career("cto"), career("product-manager")],
            Some(place("texas")),
        )
        .expect("compare"),
    );
    let capped = RangeChart::from_salary(&answers::salary(
        &v,
        career("29-1242.00"),
        Some(place("minnesota")),
    ));
    let map = StateMap::for_career(&v, career("registered nurse"), Some(place("ohio")));
    // The worst case for the map: many capped (striped) and missing squares.
    let capped_map = StateMap::for_career(&v, career("29-1211.00"), None);

    let range_png = || black_box(chart::range_png(black_box(&compare)).expect("renders"));
    let capped_png = || black_box(chart::range_png(black_box(&capped)).expect("renders"));
    let map_png = || black_box(chart::map_png(black_box(&map)).expect("renders"));
    let capped_map_png = || black_box(chart::map_png(black_box(&capped_map)).expect("renders"));
    println!(
        "sizes: range {} B, capped {} B, map {} B, capped map {} B",
        range_png().len(),
        capped_png().len(),
        map_png().len(),
        capped_map_png().len()
    );
    percentiles(
        "range chart (compare, TX)",
        timed(300, || {
            range_png();
        }),
    );
    percentiles(
        "range chart (capped salary)",
        timed(300, || {
            capped_png();
        }),
    );
    percentiles(
        "state map",
        timed(300, || {
            map_png();
        }),
    );
    percentiles(
        "state map (capped, striped)",
        timed(300, || {
            capped_map_png();
        }),
    );
    percentiles(
        "range layout only",
        timed(300, || {
            black_box(chart::range::layout(black_box(&compare)));
        }),
    );
    percentiles(
        "map layout only",
        timed(300, || {
            black_box(chart::map::layout(black_box(&map)));
        }),
    );

    let mut c = Criterion::default()
        .configure_from_args()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    c.bench_function("range_png compare", |b| b.iter(range_png));
    c.bench_function("map_png", |b| b.iter(map_png));
    c.final_summary();
}
