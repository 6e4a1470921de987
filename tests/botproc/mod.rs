//! The real `rolecall serve` binary as a child process, pointed at a stand-in, with its log
//! lines (stderr) readable by the test as they come.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::Notify;

pub mod reading;

pub const TOKEN: &str = "test-token.XYZ-never-log-me";
/// The bot's owner in tests (the stand-in's application owner).
pub const OWNER: &str = "1100000000000000300";

pub struct Bot {
    pub child: Child,
    log: Arc<Mutex<Vec<String>>>,
    notify: Arc<Notify>,
    pub state_dir: PathBuf,
    _tmp: Option<tempfile::TempDir>,
}

pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The environment a test bot runs with. Everything is set explicitly (possibly empty), so a
/// developer's `.env` cannot leak into a test: dotenvy never overrides what is set.
pub fn env(base: &str, token: &str, state_dir: &Path) -> Vec<(String, String)> {
    let db = state_dir.join("rolecall.sqlite");
    [
        ("ROLECALL_DB", db.to_str().unwrap()),
        ("OWNER_IDS", OWNER),
        ("DISCORD_TOKEN", token),
        ("DISCORD_API_BASE", base),
        ("DISCORD_GUILD_ID", ""),
        ("ROLECALL_DATA", data_dir().to_str().unwrap()),
        ("ROLECALL_STATE_DIR", state_dir.to_str().unwrap()),
        ("RUST_LOG", "rolecall=debug,serenity=info,poise=info"),
        ("NO_COLOR", "1"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// How long the helpers below wait for the bot.
const CONNECT: Duration = Duration::from_secs(30);

/// A stand-in and `rolecall serve` (fresh state directory) connected to it: READY received.
pub async fn connected() -> (crate::standin::Standin, Bot) {
    let standin = crate::standin::Standin::start(TOKEN).await;
    let bot = Bot::start(&standin.base());
    standin
        .wait_ready(CONNECT)
        .await
        .unwrap_or_else(|e| panic!("{e}\nbot log:\n{}", bot.log()));
    (standin, bot)
}

/// [`connected`] with `state` as the bot's state directory (its SQLite store there), once
/// its commands are registered, or found unchanged since its last run in `state`.
pub async fn connected_in(state: &Path) -> (crate::standin::Standin, Bot) {
    let standin = crate::standin::Standin::start(TOKEN).await;
    let bot = Bot::start_with(&["serve"], env(&standin.base(), TOKEN, state), state.into());
    standin
        .wait_ready(CONNECT)
        .await
        .unwrap_or_else(|e| panic!("{e}\nbot log:\n{}", bot.log()));
    bot.wait_log(&["ready to answer"], CONNECT).await;
    (standin, bot)
}

impl Bot {
    /// Starts `rolecall serve` against `base` with a fresh state directory.
    pub fn start(base: &str) -> Bot {
        let tmp = tempfile::tempdir().unwrap();
        let state = tmp.path().to_path_buf();
        let mut bot = Bot::start_with(&["serve"], env(base, TOKEN, &state), state);
        bot._tmp = Some(tmp);
        bot
    }

    /// Starts the binary with these arguments and exactly this environment on top of ours.
    pub fn start_with(args: &[&str], env: Vec<(String, String)>, state_dir: PathBuf) -> Bot {
        Bot::start_program(env!("CARGO_BIN_EXE_rolecall"), args, env, state_dir)
    }

    /// Starts `program` (the binary, or a command that runs it, such as a unit's `ExecStart`)
    /// with these arguments and exactly this environment on top of ours.
    pub fn start_program(
        program: &str,
        args: &[&str],
        env: Vec<(String, String)>,
        state_dir: PathBuf,
    ) -> Bot {
        let mut cmd = Command::new(program);
        cmd.args(args)
            .envs(env)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = cmd.spawn().expect("spawn rolecall");
        let log = Arc::new(Mutex::new(Vec::new()));
        let notify = Arc::new(Notify::new());
        for stream in [
            Box::new(child.stderr.take().unwrap()) as Box<dyn tokio::io::AsyncRead + Unpin + Send>,
            Box::new(child.stdout.take().unwrap()),
        ] {
            let (log, notify) = (log.clone(), notify.clone());
            tokio::spawn(async move {
                let mut lines = BufReader::new(stream).lines();
                while let Ok(Some(line)) = lines.next_line().await {
                    log.lock().unwrap().push(line);
                    notify.notify_waiters();
                }
            });
        }
        Bot {
            child,
            log,
            notify,
            state_dir,
            _tmp: None,
        }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// Waits for a log line containing every one of `needles`.
    pub async fn wait_log(&self, needles: &[&str], timeout: Duration) -> String {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(line) = self
                .log
                .lock()
                .unwrap()
                .iter()
                .find(|l| needles.iter().all(|n| l.contains(n)))
            {
                return line.clone();
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "no log line with {needles:?} within {timeout:?}; log:\n{}",
                    self.log()
                );
            }
        }
    }

    /// Waits for the process to exit; returns its exit code.
    pub async fn wait_exit(&mut self, timeout: Duration) -> i32 {
        let status = tokio::time::timeout(timeout, self.child.wait())
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "the bot did not exit within {timeout:?}; log:\n{}",
                    self.log()
                )
            })
            .unwrap();
        // Let the readers drain what is left.
        status.code().unwrap_or(-1)
    }

    /// Sends SIGTERM, as a process manager stopping the service would.
    pub fn terminate(&self) {
        let pid = self.child.id().expect("running").to_string();
        let ok = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -TERM {pid}");
    }

    /// CPU time the bot process has used so far, user and system (Linux), in seconds.
    pub fn cpu_seconds(&self) -> Option<f64> {
        let pid = self.child.id()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // Fields after the command name (which may hold spaces) start at ") ".
        let rest = &stat[stat.rfind(')')? + 2..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
        Some(ticks / 100.0)
    }

    /// Resident memory of the bot process (Linux), in MiB.
    pub fn rss_mib(&self) -> Option<f64> {
        let pid = self.child.id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let kib: f64 = status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()?;
        Some(kib / 1024.0)
    }
}
