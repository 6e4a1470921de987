//! Several `rolecall serve` processes on one PostgreSQL database, end to end: two processes
//! run shards 0 and 1 of 2 against the stand-in (which routes guild events by
//! `(guild_id >> 22) % 2` and DMs to shard 0) and a real PostgreSQL the tests start.
//!
//! What a user would notice is asserted: every guild answered, once, by the process that
//! holds its shard; DMs answered by shard 0's process; an edit made through one process in
//! the other's answers; no acknowledged edit lost when a process is killed; a clear error
//! while the database is down, and recovery without a restart; one process stopping leaves
//! the other answering.

mod botproc;
mod common;
#[path = "support/postgres.rs"]
mod pg_server;
mod standin;

use botproc::reading::{self, interact};
use botproc::{Bot, TOKEN};
use rolecall::store::postgres::PgStore;
use rolecall::store::{Scope, Store};
use serde_json::Value;
use standin::fixtures::{self, Where, opt, sub};
use standin::{GUILD_ID, OWNER_ID, Recorded, Standin};
use std::collections::HashMap;
use std::time::{Duration, Instant};

const T: Duration = Duration::from_secs(30);
/// A guild whose events go to shard 0 of 2 (the test guilds go to shard 1).
const SHARD0_GUILD: u64 = GUILD_ID + (1 << 22);
const MEMBER: u64 = 1_200_000_000_000_000_051;
const MOD: u64 = 1_200_000_000_000_000_052;

/// The shipped systemd template unit, as far as a test can run it.
struct Unit {
    text: String,
    environment_files: Vec<String>,
}

impl Unit {
    const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/rolecall@.service");

    fn shipped() -> Unit {
        let text = std::fs::read_to_string(Self::PATH).unwrap();
        let environment_files = Self::values(&text, "EnvironmentFile");
        Unit {
            text,
            environment_files,
        }
    }

    fn values(text: &str, key: &str) -> Vec<String> {
        text.lines()
            .filter_map(|l| l.trim().strip_prefix(key)?.strip_prefix('='))
            .map(str::to_string)
            .collect()
    }

    /// `ExecStart` for an instance, split into words, with the state directory root (`%S`)
    /// under `root` and the installed binary replaced by the one under test.
    fn exec_start(&self, instance: &str, root: &std::path::Path) -> Vec<String> {
        let exec = Self::values(&self.text, "ExecStart");
        assert_eq!(exec.len(), 1, "{exec:?}");
        exec[0]
            .replace("%i", instance)
            .replace("%S", root.to_str().unwrap())
            .split_whitespace()
            .map(|w| match w {
                "/usr/local/bin/rolecall" => env!("CARGO_BIN_EXE_rolecall").to_string(),
                w => w.to_string(),
            })
            .collect()
    }
}

/// Runs the synchronous PostgreSQL client (which has a runtime of its own) from a test.
fn sync<T>(f: impl FnOnce() -> T) -> T {
    tokio::task::block_in_place(f)
}

/// One `rolecall serve` process of a two-shard deployment, with its own state directory.
struct Process {
    bot: Bot,
    metrics: String,
    _state: tempfile::TempDir,
}

impl Process {
    /// Starts the process running shard `shard` of 2 on `db` the way the shipped systemd
    /// unit does (deploy/rolecall@.service, instance `shard`): its `ExecStart` with `%i` and
    /// `%S` filled in, and the environment files it names, written here for the test. It
    /// serves metrics on a port of its choosing; waits until it does.
    async fn start(standin: &Standin, db: &str, shard: u32) -> Process {
        let state = tempfile::tempdir().unwrap();
        let instance = shard.to_string();
        // /etc/rolecall/rolecall.env: what every instance shares.
        let mut shared = botproc::env(&standin.base(), TOKEN, state.path());
        shared.retain(|(k, _)| !["ROLECALL_DB", "ROLECALL_STATE_DIR"].contains(&k.as_str()));
        shared.push(("ROLECALL_DB".into(), db.into()));
        shared.push(("SHARD_COUNT".into(), "2".into()));
        // A copied .env.example leaves SHARD_RANGE empty: the unit must still win.
        shared.push(("SHARD_RANGE".into(), String::new()));
        // /etc/rolecall/%i.env: this instance's own.
        let own = vec![("METRICS_ADDR".to_string(), "127.0.0.1:0".to_string())];
        let unit = Unit::shipped();
        assert_eq!(
            unit.environment_files,
            ["/etc/rolecall/rolecall.env", "-/etc/rolecall/%i.env"]
        );
        let mut command = unit.exec_start(&instance, state.path());
        let program = command.remove(0);
        // systemd would create the StateDirectory.
        std::fs::create_dir_all(state.path().join("rolecall").join(&instance)).unwrap();
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        let bot = Bot::start_program(
            &program,
            &args,
            shared.into_iter().chain(own).collect(),
            state.path().to_path_buf(),
        );
        let line = bot.wait_log(&["serving /healthz and /metrics"], T).await;
        let metrics = line
            .split_whitespace()
            .find_map(|w| w.strip_prefix("addr="))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Process {
            bot,
            metrics,
            _state: state,
        }
    }

    /// `GET path` on its metrics address: (status, body).
    async fn get(&self, path: &str) -> (u16, String) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut conn = tokio::net::TcpStream::connect(&self.metrics).await.unwrap();
        conn.write_all(
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .await
        .unwrap();
        let mut response = String::new();
        conn.read_to_string(&mut response).await.unwrap();
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("not an HTTP response: {response:?}"));
        let body = response
            .split_once("\r\n\r\n")
            .map_or("", |(_, b)| b)
            .to_string();
        (status, body)
    }

    /// The sum of `rolecall_interactions_total` for one command, any outcome.
    async fn answered(&self, command: &str) -> u64 {
        let (status, body) = self.get("/metrics").await;
        assert_eq!(status, 200, "{body}");
        body.lines()
            .filter(|l| {
                l.starts_with("rolecall_interactions_total{")
                    && l.contains(&format!("command=\"{command}\""))
            })
            .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .sum::<f64>() as u64
    }

    /// Waits until its metrics count `n` interactions of `command` (they are counted just
    /// after the answer is sent); fails if they count more.
    async fn wait_answered(&self, command: &str, n: u64) {
        let deadline = Instant::now() + T;
        loop {
            let got = self.answered(command).await;
            assert!(got <= n, "{got} /{command} answered here, not {n}");
            if got == n {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{got} /{command} answered here, not {n}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits until `/healthz` gives `status`; returns its body.
    async fn wait_health(&self, status: u16) -> String {
        let deadline = Instant::now() + T;
        loop {
            let (got, body) = self.get("/healthz").await;
            if got == status {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "/healthz still {got} ({body:?}), not {status}; log:\n{}",
                self.bot.log()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// Both processes of the deployment, connected (both shards READY), shard 0's commands
/// registered, each listening for the other's edits.
async fn deployment(standin: &Standin, db: &str) -> (Process, Process) {
    standin.add_guild(SHARD0_GUILD);
    let zero = Process::start(standin, db, 0).await;
    let one = Process::start(standin, db, 1).await;
    standin
        .wait_session(2, T)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}\n{}", zero.bot.log(), one.bot.log()));
    for p in [&zero, &one] {
        p.bot
            .wait_log(&["listening for other processes' edits"], T)
            .await;
    }
    zero.bot.wait_log(&["registered", "commands"], T).await;
    one.bot
        .wait_log(
            &["not registering commands: the process that runs shard 0 does"],
            T,
        )
        .await;
    assert_eq!(standin.live_shards(), vec![0, 1]);
    assert_eq!(standin.shard_of_guild(SHARD0_GUILD), 0);
    assert_eq!(standin.shard_of_guild(GUILD_ID), 1);
    (zero, one)
}

fn member_of(guild_id: u64) -> Where {
    Where::Guild {
        guild_id,
        user_id: MEMBER,
        permissions: "0",
    }
}

fn moderator_of(guild_id: u64) -> Where {
    Where::Guild {
        guild_id,
        user_id: MOD,
        permissions: "32",
    }
}

fn career(role: &str, at: Where) -> Value {
    fixtures::slash("career", &[("role", role)], at)
}

fn add_alias(name: &str, at: Where) -> Value {
    let alias = sub("add", vec![opt("role", "actuary"), opt("name", name)]);
    fixtures::slash_with(
        "dataset",
        vec![serde_json::json!({ "name": "alias", "type": 2, "options": [alias] })],
        at,
    )
}

fn title(r: &Recorded) -> String {
    reading::embed(&r.body)["title"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn text(r: &Recorded) -> String {
    reading::all_text(reading::embed(&r.body))
}

/// Asks `/career role` where `at` says until the card is Actuaries; returns how long it took.
async fn until_actuaries(standin: &Standin, role: &str, at: impl Fn() -> Where) -> Duration {
    let start = Instant::now();
    loop {
        let card = interact(standin, career(role, at())).await;
        if title(&card) == "Actuaries" {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{role:?} is still not an actuary: {}",
            text(&card)
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The callbacks Discord received per interaction id.
fn callbacks(standin: &Standin) -> HashMap<String, usize> {
    let mut n = HashMap::new();
    for r in standin.requests() {
        if r.method == "POST"
            && r.path.contains("/interactions/")
            && let Some(id) = r.interaction_id()
        {
            *n.entry(id).or_default() += 1;
        }
    }
    n
}

#[tokio::test(flavor = "multi_thread")]
async fn two_processes_share_the_shards_and_each_others_edits() {
    let db = sync(|| pg_server::shared().fresh_database());
    let standin = Standin::start(TOKEN).await;
    let (zero, one) = deployment(&standin, &db).await;

    // Each guild is answered by the process holding its shard; DMs by shard 0's.
    let in_zero = interact(&standin, career("actuary", member_of(SHARD0_GUILD))).await;
    let in_one = interact(&standin, career("actuary", member_of(GUILD_ID))).await;
    let in_dm = interact(&standin, career("actuary", Where::dm(MEMBER))).await;
    for card in [&in_zero, &in_one, &in_dm] {
        assert_eq!(title(card), "Actuaries", "{}", card.body);
    }
    // The shard-0 guild and the DM here, the shard-1 guild there.
    zero.wait_answered("career", 2).await;
    one.wait_answered("career", 1).await;

    // The owners' edit made in a DM (through shard 0's process) is in the other process's
    // answers, without it being told anything but PostgreSQL's notice.
    let done = interact(&standin, add_alias("risk quant zed", Where::dm(OWNER_ID))).await;
    assert!(text(&done).starts_with("Done"), "{}", text(&done));
    let took = until_actuaries(&standin, "risk quant zed", || member_of(GUILD_ID)).await;
    eprintln!("an edit through shard 0's process reached shard 1's answers in {took:?}");

    // An edit from a third process (the owners' terminal) reaches both.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("edits.json");
    std::fs::write(
        &file,
        r#"[{"key": "alias/15-2011.00/loss modeller yew", "value": {"text": "loss modeller yew", "on": true}}]"#,
    )
    .unwrap();
    let run = common::rolecall_env(
        &botproc::data_dir(),
        &["dataset", "import", file.to_str().unwrap(), "--yes"],
        &[("ROLECALL_DB", db.as_str()), ("USER", "owner")],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    until_actuaries(&standin, "loss modeller yew", || member_of(GUILD_ID)).await;
    until_actuaries(&standin, "loss modeller yew", || Where::dm(MEMBER)).await;

    // A moderator's edit in a guild lands in that guild's process and stays in that guild.
    let guild_edit = interact(
        &standin,
        add_alias("pension whiz", moderator_of(SHARD0_GUILD)),
    )
    .await;
    assert!(
        text(&guild_edit).starts_with("Done"),
        "{}",
        text(&guild_edit)
    );
    until_actuaries(&standin, "pension whiz", || member_of(SHARD0_GUILD)).await;
    let elsewhere = interact(&standin, career("pension whiz", member_of(GUILD_ID))).await;
    assert_ne!(title(&elsewhere), "Actuaries", "{}", text(&elsewhere));

    // Nothing was answered twice.
    let twice: Vec<_> = callbacks(&standin)
        .into_iter()
        .filter(|(_, n)| *n != 1)
        .collect();
    assert!(twice.is_empty(), "callbacks per interaction: {twice:?}");

    // SIGTERM to shard 1's process: it stops cleanly, shard 0's goes on answering.
    one.bot.terminate();
    let mut one = one;
    assert_eq!(one.bot.wait_exit(T).await, 0, "{}", one.bot.log());
    assert_eq!(standin.live_shards(), vec![0]);
    let after = interact(&standin, career("risk quant zed", member_of(SHARD0_GUILD))).await;
    assert_eq!(title(&after), "Actuaries", "{}", text(&after));
    let dm_after = interact(&standin, career("nurse", Where::dm(MEMBER))).await;
    assert_eq!(title(&dm_after), "Registered Nurses", "{}", text(&dm_after));
    assert_eq!(zero.wait_health(200).await, "ok\n");
}

/// A burst of moderators' edits through one process, which is killed (SIGKILL) part way.
#[tokio::test(flavor = "multi_thread")]
async fn a_process_killed_in_a_burst_of_edits_loses_none_it_acknowledged() {
    let db = sync(|| pg_server::shared().fresh_database());
    let standin = Standin::start(TOKEN).await;
    let (zero, one) = deployment(&standin, &db).await;
    let mut feed = standin.subscribe();

    const BURST: usize = 40;
    let names: Vec<String> = (0..BURST).map(|i| format!("burst name {i}")).collect();
    let mut tokens = HashMap::new();
    for name in &names {
        let d = add_alias(name, moderator_of(SHARD0_GUILD));
        tokens.insert(fixtures::interaction_token(&d), name.clone());
        standin.dispatch("INTERACTION_CREATE", d).await;
    }
    // Kill it once a few edits have been acknowledged: the rest are in flight.
    let acknowledged = |r: &Recorded| {
        r.path.contains("/webhooks/")
            && reading::all_text(reading::embed(&r.body)).starts_with("Done")
    };
    let mut seen = 0;
    while seen < 5 {
        let r = tokio::time::timeout(T, feed.recv()).await.unwrap().unwrap();
        if acknowledged(&r) {
            seen += 1;
        }
    }
    let pid = zero.bot.child.id().expect("running");
    // SAFETY: signalling our own child.
    unsafe {
        libc::kill(pid as libc::pid_t, libc::SIGKILL);
    }
    let mut zero = zero;
    zero.bot.wait_exit(T).await;

    // Every name the moderators were told was saved is saved.
    let acked: Vec<String> = standin
        .requests()
        .iter()
        .filter(|r| acknowledged(r))
        .filter_map(|r| tokens.iter().find(|(t, _)| r.path.contains(t.as_str())))
        .map(|(_, name)| name.clone())
        .collect();
    assert!(acked.len() >= 5 && acked.len() <= BURST, "{acked:?}");
    let saved: String = sync(|| PgStore::open(&db)?.entries(Scope::Guild(SHARD0_GUILD)))
        .unwrap()
        .iter()
        .map(|e| e.value.to_string())
        .collect();
    let lost: Vec<_> = acked.iter().filter(|n| !saved.contains(*n)).collect();
    assert!(lost.is_empty(), "acknowledged but not saved: {lost:?}");
    eprintln!(
        "{} of {BURST} edits acknowledged before the kill, all saved",
        acked.len()
    );

    // The other process never noticed; a new shard-0 process answers with every saved edit.
    let other = interact(&standin, career("actuary", member_of(GUILD_ID))).await;
    assert_eq!(title(&other), "Actuaries");
    let again = Process::start(&standin, &db, 0).await;
    let last = acked.last().unwrap().clone();
    until_actuaries(&standin, &last, || member_of(SHARD0_GUILD)).await;
    drop((again, one));
}

#[tokio::test(flavor = "multi_thread")]
async fn while_postgres_is_down_edits_say_so_and_both_processes_recover_by_themselves() {
    // A server of its own: the other tests' database stays up.
    let server = sync(pg_server::Server::start);
    let db = sync(|| server.fresh_database());
    let standin = Standin::start(TOKEN).await;
    let (zero, one) = deployment(&standin, &db).await;
    assert_eq!(one.wait_health(200).await, "ok\n");

    sync(|| server.stop());
    // Answers never wait on the store: cards still come.
    let card = interact(&standin, career("actuary", member_of(GUILD_ID))).await;
    assert_eq!(title(&card), "Actuaries");
    // An edit is refused, privately, saying nothing changed.
    let refused = interact(&standin, add_alias("while down", moderator_of(GUILD_ID))).await;
    assert_eq!(
        reading::embed(&refused.body)["title"],
        "Edits database unavailable"
    );
    assert!(
        text(&refused).contains("nothing was changed"),
        "{}",
        text(&refused)
    );
    assert_eq!(
        refused.body["data"]["flags"], 64,
        "ephemeral: {}",
        refused.body
    );
    let why = one.wait_health(503).await;
    assert!(why.starts_with("store:"), "{why}");

    sync(|| server.restart());
    // Back without a restart: the same moderator's retry goes through.
    let deadline = Instant::now() + T;
    loop {
        let retry = interact(&standin, add_alias("after restart", moderator_of(GUILD_ID))).await;
        if text(&retry).starts_with("Done") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{}\n{}",
            text(&retry),
            one.bot.log()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(one.wait_health(200).await, "ok\n");
    // The listeners reconnected: an owner's edit through shard 0's process reaches shard 1's.
    zero.bot
        .wait_log(&["stopped hearing other processes' edits"], T)
        .await;
    let done = interact(&standin, add_alias("back again", Where::dm(OWNER_ID))).await;
    assert!(text(&done).starts_with("Done"), "{}", text(&done));
    until_actuaries(&standin, "back again", || member_of(GUILD_ID)).await;
    // The edit refused while the database was down was never saved.
    let refused_again = interact(&standin, career("while down", member_of(GUILD_ID))).await;
    assert_ne!(title(&refused_again), "Actuaries");
}

/// The unit is one systemd accepts (checked where systemd's tools are installed, as on the
/// machines this is developed and tested on).
#[test]
fn the_systemd_unit_verifies() {
    let Ok(probe) = std::process::Command::new("systemd-analyze")
        .arg("--version")
        .output()
    else {
        eprintln!("systemd-analyze is not installed: the unit is only run, not verified");
        return;
    };
    assert!(probe.status.success());
    let dir = tempfile::tempdir().unwrap();
    // Verified with the binary under test where the unit expects the installed one.
    let unit = std::fs::read_to_string(Unit::PATH)
        .unwrap()
        .replace("/usr/local/bin/rolecall", env!("CARGO_BIN_EXE_rolecall"));
    std::fs::write(dir.path().join("rolecall@.service"), unit).unwrap();
    let out = std::process::Command::new("systemd-analyze")
        .args(["verify", "./rolecall@0-1.service"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
