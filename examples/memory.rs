//! Resident memory after loading the dataset and building the indexes (Linux only): the
//! figure the bot lives with. `cargo run --release --example memory`
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
    let t = std::time::Instant::now();
    let data = rolecall::data::Dataset::load(&rolecall::default_data_dir()).expect("data/ loads");
    let dataset_only = rss_kib("VmRSS:");
    let rc = rolecall::Rolecall::new(data);
    println!("dataset alone: RSS {:.1} MiB", dataset_only as f64 / 1024.0);
    let took = t.elapsed();
    println!(
        "loaded {} careers and {} names in {:.0} ms; RSS {:.1} MiB (before {:.1} MiB, peak {:.1} MiB)",
        rc.data.careers.len(),
        rc.careers.names(),
        took.as_secs_f64() * 1e3,
        rss_kib("VmRSS:") as f64 / 1024.0,
        before as f64 / 1024.0,
        rss_kib("VmHWM:") as f64 / 1024.0
    );
}
