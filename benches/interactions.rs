//! Interaction in → callback out, against the Discord stand-in on loopback: the real
//! `rolecall serve` (release build) answering slash commands and autocomplete at a steady
//! rate. Prints start-to-READY time, resident memory after start, and the latency
//! percentiles, and fails if any interaction goes unanswered.
//!
//! Before the steady rate, a picture phase asks, one at a time, for pay in many states
//! (a chart and a map each, none of them drawn before, more than the cache holds), and
//! prints their latency, the bytes uploaded and the bot's memory after it.
//!
//! `cargo bench --bench interactions` (defaults: 500 interactions/s for 30 s; override with
//! BENCH_RATE and BENCH_SECONDS). With BENCH_PROCESSES=2, two processes (shards 0 and 1 of 2)
//! on one PostgreSQL the bench starts, the load split between a guild on each shard.

#[path = "../tests/botproc/mod.rs"]
mod botproc;
#[path = "../tests/support/postgres.rs"]
mod pg_server;
#[path = "../tests/standin/mod.rs"]
mod standin;

use standin::fixtures::{self, Where};
use standin::{GUILD_ID, Standin};
use std::collections::HashMap;
use std::time::{Duration, Instant};

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A mix of what people do: cards, pay, comparisons, and typing in a role box.
/// A guild whose events go to shard 0 of 2 (GUILD_ID's go to shard 1).
const SHARD0_GUILD: u64 = GUILD_ID + (1 << 22);

fn workload(i: usize, processes: u64) -> serde_json::Value {
    const ROLES: [&str; 8] = [
        "cto",
        "registered nurse",
        "actuary",
        "electrician",
        "data scientist",
        "product-manager",
        "plumber",
        "15-1252.00",
    ];
    let at = Where::Guild {
        guild_id: if processes > 1 && i.is_multiple_of(2) {
            SHARD0_GUILD
        } else {
            GUILD_ID
        },
        user_id: 1_200_000_000_000_000_000 + (i % 50) as u64,
        permissions: "0",
    };
    let role = ROLES[i % ROLES.len()];
    match i % 5 {
        0 => fixtures::slash("career", &[("role", role)], at),
        1 => fixtures::slash("salary", &[("role", role), ("place", "ohio")], at),
        2 => fixtures::slash(
            "compare",
            &[("first", role), ("second", ROLES[(i + 3) % ROLES.len()])],
            at,
        ),
        3 => fixtures::autocomplete(
            "salary",
            &[("role", &role[..role.len().min(5)])],
            "role",
            at,
        ),
        _ => fixtures::slash("responsibilities", &[("role", role)], at),
    }
}

/// Pay in `n` (role, state) pairs one after the other, each a new chart and map: the
/// latency with drawing, what was uploaded, and the bot's memory after it.
async fn pictures(standin: &Standin, bot: &botproc::Bot, n: usize) {
    const ROLES: [&str; 6] = [
        "registered nurse",
        "electrician",
        "actuary",
        "plumber",
        "15-1252.00",
        "cto",
    ];
    const STATES: [&str; 20] = [
        "ohio", "texas", "maine", "iowa", "utah", "idaho", "oregon", "nevada", "kansas", "alabama",
        "georgia", "vermont", "montana", "arizona", "florida", "indiana", "alaska", "hawaii",
        "virginia", "michigan",
    ];
    let at = Where::Guild {
        guild_id: GUILD_ID,
        user_id: 1_200_000_000_000_000_999,
        permissions: "0",
    };
    let mut lat = Vec::new();
    let (mut files, mut bytes) = (0, 0);
    for i in 0..n {
        let d = fixtures::slash(
            "salary",
            &[
                ("role", ROLES[i % ROLES.len()]),
                ("place", STATES[(i / ROLES.len()) % STATES.len()]),
            ],
            at,
        );
        let id = fixtures::interaction_id(&d);
        let t0 = Instant::now();
        standin.dispatch_raw("INTERACTION_CREATE", d).await;
        let cb = standin
            .expect_request(
                |r| r.interaction_id().as_deref() == Some(&id),
                Duration::from_secs(10),
            )
            .await
            .expect("answered");
        lat.push(cb.at.saturating_duration_since(t0));
        files += cb.files.len();
        bytes += cb.files.iter().map(|f| f.size).sum::<usize>();
    }
    lat.sort();
    println!(
        "{n} pay answers with new pictures, one at a time: p50 {:.1} ms  p99 {:.1} ms; \
         {files} pictures, {:.0} KiB each on average",
        pct(&lat, 0.5),
        pct(&lat, 0.99),
        bytes as f64 / files.max(1) as f64 / 1024.0
    );
    println!(
        "bot RSS after them:    {:.1} MiB",
        bot.rss_mib().unwrap_or(f64::NAN)
    );
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)].as_secs_f64() * 1e3
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs this as a quick check.
    let quick = std::env::args().all(|a| a != "--bench");
    let rate = env_or("BENCH_RATE", 500);
    let processes = env_or("BENCH_PROCESSES", 1).clamp(1, 2);
    let seconds = if quick {
        1
    } else {
        env_or("BENCH_SECONDS", 30)
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let standin = Standin::start(botproc::TOKEN).await;
        let spawned = Instant::now();
        let pg = (processes > 1).then(|| {
            standin.add_guild(SHARD0_GUILD);
            tokio::task::block_in_place(|| pg_server::shared().fresh_database())
        });
        let mut bots = Vec::new();
        let mut dirs = Vec::new();
        for shard in 0..processes {
            let dir = tempfile::tempdir().unwrap();
            let mut env = botproc::env(&standin.base(), botproc::TOKEN, dir.path());
            if let Some(db) = &pg {
                env.retain(|(k, _)| k != "ROLECALL_DB");
                env.push(("ROLECALL_DB".into(), db.clone()));
                env.push(("SHARD_COUNT".into(), processes.to_string()));
                env.push(("SHARD_RANGE".into(), shard.to_string()));
            }
            bots.push(botproc::Bot::start_with(
                &["serve"],
                env,
                dir.path().to_path_buf(),
            ));
            dirs.push(dir);
        }
        standin
            .wait_session(processes as usize, Duration::from_secs(60))
            .await
            .expect("READY");
        let to_ready = spawned.elapsed();
        // The first interaction also waits for command registration in setup.
        let mut records = standin.subscribe();
        for w in 0..processes as usize {
            let warm = workload(w, processes);
            let warm_id = fixtures::interaction_id(&warm);
            standin.dispatch("INTERACTION_CREATE", warm).await;
            while records
                .recv()
                .await
                .expect("stand-in running")
                .interaction_id()
                != Some(warm_id.clone())
            {}
        }
        let rss = |bots: &[botproc::Bot]| {
            bots.iter()
                .map(|b| format!("{:.1}", b.rss_mib().unwrap_or(f64::NAN)))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let rss_start = rss(&bots);
        let cpu_seconds = |bots: &[botproc::Bot]| {
            bots.iter()
                .map(|b| b.cpu_seconds().unwrap_or(f64::NAN))
                .sum::<f64>()
        };
        // Thousands of pictures: the log keeps their names and sizes, not their bytes.
        standin.forget_uploads();
        // GUILD_ID's shard: the last process's (shard 1 of 2, or the only one).
        pictures(&standin, bots.last().unwrap(), if quick { 4 } else { 120 }).await;
        // The steady phase counts only its own answers.
        let mut records = standin.subscribe();

        let total = (rate * seconds) as usize;
        let period = Duration::from_secs_f64(1.0 / rate as f64);
        let payloads: Vec<serde_json::Value> =
            (1..=total).map(|i| workload(i, processes)).collect();
        let receiver = tokio::spawn(async move {
            let mut got: HashMap<String, (Instant, usize)> = HashMap::new();
            while got.len() < total {
                match tokio::time::timeout(Duration::from_secs(10), records.recv()).await {
                    Ok(Ok(r)) => {
                        if let Some(id) = r.interaction_id() {
                            got.insert(id, (r.at, r.files.len()));
                        }
                    }
                    Ok(Err(tokio::sync::broadcast::error::RecvError::Lagged(n))) => {
                        panic!("the bench lost {n} records")
                    }
                    _ => break,
                }
            }
            got
        });
        let mut sent: HashMap<String, Instant> = HashMap::with_capacity(total);
        let cpu_before = cpu_seconds(&bots);
        let mut tick = tokio::time::interval(period);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
        let start = Instant::now();
        for d in payloads {
            tick.tick().await;
            let id = fixtures::interaction_id(&d);
            sent.insert(id, Instant::now());
            standin.dispatch_raw("INTERACTION_CREATE", d).await;
        }
        let sending = start.elapsed();
        let got = receiver.await.unwrap();
        let cpu = cpu_seconds(&bots) - cpu_before;
        let mut lat: Vec<Duration> = sent
            .iter()
            .filter_map(|(id, t0)| got.get(id).map(|t1| t1.0.saturating_duration_since(*t0)))
            .collect();
        lat.sort();
        let lost = total - lat.len();
        println!(
            "start to READY:        {:.0} ms",
            to_ready.as_secs_f64() * 1e3
        );
        println!("bot RSS after start:   {rss_start} MiB ({processes} process(es))");
        println!(
            "{total} interactions at {rate}/s over {:.1} s (target {seconds} s): lost {lost}",
            sending.as_secs_f64()
        );
        if !lat.is_empty() {
            println!(
                "interaction → callback: p50 {:.2} ms  p90 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
                pct(&lat, 0.5),
                pct(&lat, 0.9),
                pct(&lat, 0.99),
                lat.last().unwrap().as_secs_f64() * 1e3
            );
        }
        println!(
            "bot CPU while answering: {cpu:.1} s ({:.0}% of one core)",
            100.0 * cpu / sending.as_secs_f64()
        );
        // Salary (in Ohio: a chart and a map) and compare (a chart) answers.
        let pictured = got.values().filter(|(_, files)| *files > 0).count();
        let pictures: usize = got.values().map(|(_, files)| files).sum();
        println!(
            "{pictured} answers carried {pictures} pictures (2 in 5 answers have some; fewer means pictures were left out)"
        );
        println!("bot RSS after load:    {} MiB", rss(&bots));
        assert_eq!(lost, 0, "interactions went unanswered");
    });
}
