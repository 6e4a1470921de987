//! Resident memory after loading the dataset and building the indexes (Linux only): the
//! figure the bot lives with; then again after drawing charts, which must not keep memory.
//! `cargo run --release --example memory`
fn rss_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let before = rss_kib("VmRSS:");
    let dir = rolecall::default_data_dir();
    // What the front ends call: the pay table is read on a thread of its own while the
    // indexes are built.
    let t = std::time::Instant::now();
    let rc = rolecall::Rolecall::load(&dir).expect("data/ loads");
    let took = t.elapsed();
    println!(
        "loaded {} careers and {} names in {:.0} ms (Rolecall::load); RSS {:.1} MiB (before {:.1} MiB, peak {:.1} MiB)",
        rc.data.careers.len(),
        rc.careers.names(),
        took.as_secs_f64() * 1e3,
        rss_kib("VmRSS:") as f64 / 1024.0,
        before as f64 / 1024.0,
        rss_kib("VmHWM:") as f64 / 1024.0
    );
    // Charts allocate a pixmap (about 6 MiB for the map) per render and free it: RSS after
    // many renders should stay near the figure above.
    let v = rc.view();
    let nurse = v.lookup_career("registered nurse").expect("career");
    let ohio = rc.lookup_place("ohio").expect("place");
    let salary = rolecall::answers::salary(&v, nurse, Some(ohio));
    let range = rolecall::chart::RangeChart::from_salary(&salary);
    let map = rolecall::chart::StateMap::for_career(&v, nurse, Some(ohio));
    let mut bytes = 0;
    for _ in 0..100 {
        bytes += rolecall::chart::range_png(&range).map_or(0, |p| p.len());
        bytes += rolecall::chart::map_png(&map).map_or(0, |p| p.len());
    }
    println!(
        "after 200 charts ({:.0} MiB of PNG): RSS {:.1} MiB, peak {:.1} MiB",
        bytes as f64 / 1024.0 / 1024.0,
        rss_kib("VmRSS:") as f64 / 1024.0,
        rss_kib("VmHWM:") as f64 / 1024.0
    );
}
