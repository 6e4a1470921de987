//! A stand-in for Discord (REST v10 + gateway v10) on 127.0.0.1, for integration tests that run a
//! serenity/poise bot against it (see /work/shared/notes/discord-standin.md).
//!
//! Use it from a test with `mod standin;` (from a bench: `#[path = "../tests/standin/mod.rs"] mod
//! standin;`). It runs inside the test's tokio runtime:
//!
//! ```ignore
//! let discord = standin::Standin::start("test-token").await;
//! // start the bot with DISCORD_API_BASE=discord.base() DISCORD_TOKEN=test-token
//! discord.wait_ready(Duration::from_secs(10)).await?;
//! let slash = fixtures::slash("role", &[("name", "nurse")], Where::guild(42));
//! discord.dispatch("INTERACTION_CREATE", slash.clone()).await;
//! let cb = discord.expect_request(matching("POST", "/callback"), Duration::from_secs(5)).await?;
//! ```
//!
//! What it models beyond "answer something": every dispatch is checked against serenity's own
//! types first (serenity silently drops what it cannot decode), sequence numbers and RESUME replay
//! are real, interaction tokens must have been dispatched and can be acknowledged only once, and
//! message bodies are checked against Discord's documented length limits.
#![allow(dead_code)] // each test binary uses a different part of this module

pub mod fixtures;
mod gateway;
mod rest;

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use anyhow::{Context as _, anyhow, bail};
use serde_json::Value;
use tokio::sync::{Notify, mpsc, oneshot, watch};
use tokio::task::JoinHandle;

/// The bot's application id (READY `application.id`, used by serenity/poise for command routes).
pub const APP_ID: u64 = 1_100_000_000_000_000_001;
/// The bot user's id (equal to the application id, as on Discord).
pub const BOT_ID: u64 = APP_ID;
/// The main test guild.
pub const GUILD_ID: u64 = 1_100_000_000_000_000_100;
/// A second guild the bot is in.
pub const OTHER_GUILD_ID: u64 = 1_100_000_000_000_000_200;
/// The text channel interactions and messages in [`GUILD_ID`] come from.
pub const CHANNEL_ID: u64 = 1_100_000_000_000_000_101;
/// The text channel interactions and messages in [`OTHER_GUILD_ID`] come from.
pub const OTHER_CHANNEL_ID: u64 = 1_100_000_000_000_000_201;
/// The application owner (returned by `GET /oauth2/applications/@me`).
pub const OWNER_ID: u64 = 1_100_000_000_000_000_300;

/// Heartbeat interval sent in HELLO. Long enough that a test never needs a heartbeat, yet the
/// stand-in answers op 1 with op 11 whenever one comes.
pub const HEARTBEAT_INTERVAL_MS: u64 = 41_250;
/// Discord's deadline for an interaction's first response; later ones get 10062 "Unknown
/// interaction" and the user sees "The application did not respond".
pub const RESPONSE_DEADLINE: Duration = Duration::from_secs(3);

/// One REST request as the stand-in saw it, plus what it answered.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// HTTP method, upper case (`"POST"`).
    pub method: String,
    /// Path without the query string (`"/api/v10/channels/1/messages"`).
    pub path: String,
    /// Raw query string without `?` (`""` when none).
    pub query: String,
    /// JSON body; `Null` when empty; for multipart, the parsed `payload_json` part.
    pub body: Value,
    /// The `Authorization` header, if any (serenity sends `"Bot <token>"`).
    pub authorization: Option<String>,
    /// Files of a multipart body (`files[n]` parts).
    pub files: Vec<RecordedFile>,
    /// Status the stand-in answered with.
    pub status: u16,
    /// JSON the stand-in answered with (`Null` for 204).
    pub response: Value,
    /// When the stand-in recorded it (for latency measurements).
    pub at: std::time::Instant,
}

/// A file part of a multipart request.
#[derive(Clone, Debug)]
pub struct RecordedFile {
    /// Form field name, e.g. `files[0]`.
    pub field: String,
    /// The part's filename.
    pub filename: String,
    /// The part's content type, if given.
    pub content_type: Option<String>,
    /// The file contents (empty after [`Standin::forget_uploads`]).
    pub data: Vec<u8>,
    /// Its size in bytes, as uploaded.
    pub size: usize,
}

impl Recorded {
    /// The interaction id of an interaction callback (`/interactions/{id}/{token}/callback`).
    pub fn interaction_id(&self) -> Option<String> {
        let rest = self.path.strip_prefix("/api/v10/interactions/")?;
        rest.ends_with("/callback")
            .then(|| rest.split('/').next().unwrap_or_default().to_owned())
    }

    /// True if the method equals `method` (case-insensitive) and the path contains `path_part`.
    pub fn is(&self, method: &str, path_part: &str) -> bool {
        self.method.eq_ignore_ascii_case(method) && self.path.contains(path_part)
    }
}

impl fmt::Display for Recorded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} -> {}", self.method, self.path, self.status)
    }
}

/// Predicate for [`Standin::expect_request`]: method (case-insensitive) and a path substring.
pub fn matching(method: &str, path_part: &str) -> impl Fn(&Recorded) -> bool + use<> {
    let (method, path_part) = (method.to_owned(), path_part.to_owned());
    move |r| r.is(&method, &path_part)
}

/// The running stand-in. Dropping it stops the server and closes gateway connections.
pub struct Standin {
    shared: Arc<Shared>,
    server: JoinHandle<()>,
}

/// State shared by the server tasks and the test-facing handle.
struct Shared {
    /// The bot token without the `Bot ` prefix.
    token: String,
    base: String,
    ws_url: String,
    reject_token: AtomicBool,
    /// Recorded requests drop their files' bytes (benchmarks: gigabytes otherwise).
    forget_uploads: AtomicBool,
    rest: Mutex<RestState>,
    /// Woken whenever a request is recorded.
    rest_notify: Notify,
    /// Files served under `/attachments/<name>` (what users attach to commands).
    files: Mutex<HashMap<String, Vec<u8>>>,
    /// Every recorded request, as it is recorded, for subscribers (benchmarks).
    feed: tokio::sync::broadcast::Sender<Recorded>,
    gw: Mutex<GwState>,
    /// Number of sessions established so far (READY or RESUMED sent).
    sessions: watch::Sender<usize>,
    /// Flipped to true on drop so that open websocket tasks end.
    shutdown: watch::Sender<bool>,
}

#[derive(Default)]
struct RestState {
    log: Vec<Recorded>,
    /// Parallel to `log`: already returned by `expect_request`.
    taken: Vec<bool>,
    /// `fail_next` rules: (method, path substring, status), consumed in order of matching.
    failures: Vec<(String, String, u16)>,
    /// Channels besides the test guilds' own, by id: their guild.
    channels: HashMap<u64, u64>,
    /// `slow` rules: (method, path substring, delay), applied to every matching request.
    delays: Vec<(String, String, Duration)>,
    /// Registered commands: `None` for global, `Some(guild)` for guild commands.
    commands: HashMap<Option<u64>, Vec<Value>>,
    /// Interactions dispatched to the bot, by token.
    interactions: HashMap<String, InteractionState>,
    /// Messages created over REST (channel messages, follow-ups), by id.
    messages: HashMap<u64, Value>,
}

struct InteractionState {
    id: String,
    kind: u64,
    /// When it was dispatched: Discord refuses a first response after [`RESPONSE_DEADLINE`].
    dispatched: std::time::Instant,
    /// Answered with a deferral (type 5) whose "thinking…" message the first follow-up
    /// replaces, as Discord does.
    deferred: bool,
    channel_id: u64,
    /// The message a component was attached to (component interactions only).
    message: Option<Value>,
    acknowledged: bool,
    /// The interaction's original response (`@original`), once there is one.
    original: Option<Value>,
}

/// The gateway: one session per shard. A bot identifies each shard as `[i, n]`; a guild's
/// events go to shard `(guild_id >> 22) % n` and events without a guild (DMs) to shard 0, as
/// Discord routes them.
struct GwState {
    /// What `GET /gateway/bot` recommends.
    recommended_shards: u32,
    /// The shard count the bot identified with (the first IDENTIFY's `n`).
    shard_count: Option<u32>,
    shards: HashMap<u32, ShardSession>,
    /// Guilds the bot is in: announced to the shard each is on.
    guilds: Vec<u64>,
    session_counter: u64,
    conn_counter: u64,
    identifies: Vec<Value>,
    resumes: usize,
    heartbeats: usize,
}

impl Default for GwState {
    fn default() -> GwState {
        GwState {
            recommended_shards: 1,
            shard_count: None,
            shards: HashMap::new(),
            guilds: vec![GUILD_ID, OTHER_GUILD_ID],
            session_counter: 0,
            conn_counter: 0,
            identifies: Vec::new(),
            resumes: 0,
            heartbeats: 0,
        }
    }
}

/// One shard's session.
#[derive(Default)]
struct ShardSession {
    /// The connection that has an identified or resumed session, if any.
    live: Option<Live>,
    session_id: Option<String>,
    seq: u64,
    /// Dispatch frames sent in the current session, replayed on RESUME after the client's seq.
    sent: Vec<(u64, String)>,
    /// Dispatches waiting for a live session.
    queued: Vec<(String, Value)>,
}

impl GwState {
    /// The shard that receives an event: its guild's, or 0.
    fn shard_of(&self, d: &Value) -> u32 {
        let n = self.shard_count.unwrap_or(1).max(1) as u64;
        let guild = d["guild_id"].as_str().and_then(|g| g.parse::<u64>().ok());
        guild.map_or(0, |g| ((g >> 22) % n) as u32)
    }

    fn shard_of_guild(&self, guild: u64) -> u32 {
        let n = self.shard_count.unwrap_or(1).max(1) as u64;
        ((guild >> 22) % n) as u32
    }
}

struct Live {
    conn: u64,
    tx: mpsc::UnboundedSender<Out>,
}

/// Instructions to a websocket connection task.
enum Out {
    Text(String),
    /// Send a close frame with this code, then end the connection.
    Close(u16, Option<oneshot::Sender<()>>),
    /// End the connection without a close frame (TCP drop).
    Drop(Option<oneshot::Sender<()>>),
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking test thread must not cascade into every other assertion.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    fn token_ok(&self, presented: &str) -> bool {
        if self.reject_token.load(Ordering::SeqCst) {
            return false;
        }
        let presented = presented.strip_prefix("Bot ").unwrap_or(presented);
        presented == self.token
    }

    fn record(&self, mut r: Recorded) {
        if self.forget_uploads.load(Ordering::SeqCst) {
            for f in &mut r.files {
                f.data = Vec::new();
            }
        }
        // No subscriber is fine.
        let _ = self.feed.send(r.clone());
        let mut rest = lock(&self.rest);
        rest.log.push(r);
        rest.taken.push(false);
        drop(rest);
        self.rest_notify.notify_waiters();
    }

    /// Sends a dispatch on the session of the shard it belongs to, or queues it there. Caller
    /// holds the gateway lock.
    fn dispatch_locked(gw: &mut GwState, event: &str, d: Value) {
        let shard = gw.shard_of(&d);
        Self::dispatch_to(gw, shard, event, d);
    }

    /// Sends a dispatch on one shard's live session, or queues it.
    fn dispatch_to(gw: &mut GwState, shard: u32, event: &str, d: Value) {
        let s = gw.shards.entry(shard).or_default();
        let Some(live) = &s.live else {
            s.queued.push((event.to_owned(), d));
            return;
        };
        s.seq += 1;
        let frame = serde_json::json!({ "op": 0, "t": event, "s": s.seq, "d": d }).to_string();
        // If the connection is already gone the frame stays in `sent` and a RESUME replays it.
        let _ = live.tx.send(Out::Text(frame.clone()));
        s.sent.push((s.seq, frame));
    }

    fn flush_queue_locked(gw: &mut GwState, shard: u32) {
        let queued = std::mem::take(&mut gw.shards.entry(shard).or_default().queued);
        for (event, d) in queued {
            Self::dispatch_to(gw, shard, &event, d);
        }
    }

    fn session_established(&self) {
        self.sessions.send_modify(|n| *n += 1);
    }
}

impl Standin {
    /// Binds 127.0.0.1:0 and serves REST under `/api/v10` and the gateway under `/gateway`.
    /// `token` may be given with or without the `Bot ` prefix.
    pub async fn start(token: &str) -> Standin {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("stand-in: bind 127.0.0.1:0");
        let addr: SocketAddr = listener.local_addr().expect("stand-in: local_addr");
        let shared = Arc::new(Shared {
            token: token.strip_prefix("Bot ").unwrap_or(token).to_owned(),
            base: format!("http://{addr}"),
            ws_url: format!("ws://{addr}/gateway"),
            reject_token: AtomicBool::new(false),
            forget_uploads: AtomicBool::new(false),
            rest: Mutex::new(RestState::default()),
            rest_notify: Notify::new(),
            feed: tokio::sync::broadcast::Sender::new(1 << 16),
            files: Mutex::new(HashMap::new()),
            gw: Mutex::new(GwState::default()),
            sessions: watch::Sender::new(0),
            shutdown: watch::Sender::new(false),
        });
        let app = axum::Router::new()
            .route("/gateway", axum::routing::get(gateway::upgrade))
            .fallback(rest::handle)
            // Attachments (CSV exports and the like) can exceed axum's 2 MB default.
            .layer(axum::extract::DefaultBodyLimit::disable())
            .with_state(Arc::clone(&shared));
        // Without TCP_NODELAY, small writes meet delayed ACKs and each REST answer or gateway
        // frame can take ~40 ms on loopback.
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let server = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                eprintln!("stand-in: server ended: {e}");
            }
        });
        Standin { shared, server }
    }

    /// `http://127.0.0.1:PORT`: what to pass to `HttpBuilder::proxy` / `DISCORD_API_BASE`.
    pub fn base(&self) -> String {
        self.shared.base.clone()
    }

    /// `ws://127.0.0.1:PORT/gateway`: what `GET /api/v10/gateway` advertises.
    pub fn gateway_url(&self) -> String {
        self.shared.ws_url.clone()
    }

    /// The token the stand-in accepts, without the `Bot ` prefix.
    pub fn token(&self) -> String {
        self.shared.token.clone()
    }

    /// Waits until the first session is established (READY sent to an identified bot).
    pub async fn wait_ready(&self, timeout: Duration) -> anyhow::Result<()> {
        self.wait_session(1, timeout).await
    }

    /// Waits until `n` sessions have been established in total, counting every READY and every
    /// RESUMED. After a [`drop_gateway`](Self::drop_gateway), wait for `sessions() + 1`.
    pub async fn wait_session(&self, n: usize, timeout: Duration) -> anyhow::Result<()> {
        let mut rx = self.shared.sessions.subscribe();
        match tokio::time::timeout(timeout, rx.wait_for(|c| *c >= n)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(_)) => bail!("stand-in stopped while waiting for session {n}"),
            Err(_) => {
                let gw = lock(&self.shared.gw);
                bail!(
                    "no gateway session #{n} within {timeout:?} (sessions {}, identifies {}, \
                     resumes {}, live connection: {})",
                    *self.shared.sessions.borrow(),
                    gw.identifies.len(),
                    gw.resumes,
                    gw.shards.values().any(|s| s.live.is_some()),
                )
            }
        }
    }

    /// Number of sessions established so far (READY + RESUMED sent).
    pub fn sessions(&self) -> usize {
        *self.shared.sessions.borrow()
    }

    /// Sends a dispatch (op 0, next `s`) on the live session; queues it until READY/RESUMED if
    /// there is none. Panics if serenity 0.12 could not decode it: serenity would silently turn
    /// it into `Event::Unknown` and the test would only time out. `INTERACTION_CREATE`s are
    /// remembered so that their callbacks and webhook calls can be answered.
    pub async fn dispatch(&self, event: &str, d: Value) {
        if let Err(e) = fixtures::check_dispatch(event, &d) {
            panic!("stand-in: refusing to dispatch {event}: {e:#}\npayload: {d:#}");
        }
        self.dispatch_raw(event, d).await;
    }

    /// [`dispatch`](Self::dispatch) without the serenity decoding check.
    pub async fn dispatch_raw(&self, event: &str, d: Value) {
        if event == "INTERACTION_CREATE"
            && let Some(token) = d["token"].as_str()
        {
            lock(&self.shared.rest).interactions.insert(
                token.to_owned(),
                InteractionState {
                    id: fixtures::interaction_id(&d),
                    kind: d["type"].as_u64().unwrap_or(0),
                    dispatched: std::time::Instant::now(),
                    deferred: false,
                    channel_id: fixtures::snowflake(&d["channel_id"]),
                    message: d.get("message").cloned(),
                    acknowledged: false,
                    original: None,
                },
            );
        }
        let mut gw = lock(&self.shared.gw);
        Shared::dispatch_locked(&mut gw, event, d);
    }

    /// Waits for a REST request matching `pred` that no earlier `expect_request` returned
    /// (recorded before this call or arriving later), marks it taken and returns it.
    pub async fn expect_request(
        &self,
        pred: impl Fn(&Recorded) -> bool,
        timeout: Duration,
    ) -> anyhow::Result<Recorded> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            // Register for the wake-up before looking, so a request recorded in between is
            // not missed.
            let notified = self.shared.rest_notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let mut rest = lock(&self.shared.rest);
                let RestState { log, taken, .. } = &mut *rest;
                if let Some(i) = (0..log.len()).find(|&i| !taken[i] && pred(&log[i])) {
                    taken[i] = true;
                    return Ok(log[i].clone());
                }
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                let rest = lock(&self.shared.rest);
                let seen: Vec<String> = rest
                    .log
                    .iter()
                    .zip(&rest.taken)
                    .map(|(r, t)| format!("  {r}{}", if *t { " (taken)" } else { "" }))
                    .collect();
                return Err(anyhow!(
                    "no matching REST request within {timeout:?}; recorded so far:\n{}",
                    seen.join("\n")
                ));
            }
        }
    }

    /// Serves `bytes` at `<base>/attachments/<name>` and returns the URL, for an attachment
    /// option (see [`fixtures::attachment_option`]).
    pub fn host_file(&self, name: &str, bytes: &[u8]) -> String {
        lock(&self.shared.files).insert(name.to_owned(), bytes.to_vec());
        format!("{}/attachments/{name}", self.base())
    }

    /// From now on, recorded requests keep their files' names and sizes but not their bytes:
    /// a benchmark sends thousands of pictures, and the log keeps every request.
    pub fn forget_uploads(&self) {
        self.shared.forget_uploads.store(true, Ordering::SeqCst);
    }

    /// Every REST request from now on, as it is recorded (with its receipt time).
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Recorded> {
        self.shared.feed.subscribe()
    }

    /// Every REST request recorded so far, in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.shared.rest).log.clone()
    }

    /// Requests the stand-in answered 404 because it has no such route (or object).
    pub fn unhandled(&self) -> Vec<Recorded> {
        lock(&self.shared.rest)
            .log
            .iter()
            .filter(|r| r.status == 404)
            .cloned()
            .collect()
    }

    /// The next REST request with this method whose path contains `path_contains` is answered
    /// with `status` and a Discord-style error body. Rules queue up and are used once each.
    pub fn fail_next(&self, method: &str, path_contains: &str, status: u16) {
        lock(&self.shared.rest).failures.push((
            method.to_ascii_uppercase(),
            path_contains.to_owned(),
            status,
        ));
    }

    /// Every later REST request with this method whose path contains `path_contains` is
    /// answered only after `delay`, as a slow or rate-limited Discord would (an attachment
    /// download, a busy channel). Rules stay until the stand-in is dropped.
    pub fn slow(&self, method: &str, path_contains: &str, delay: Duration) {
        lock(&self.shared.rest).delays.push((
            method.to_ascii_uppercase(),
            path_contains.to_owned(),
            delay,
        ));
    }

    /// A text channel of a guild, for `GET /channels/{id}` (the test guilds' own
    /// [`fixtures::guild_channel_id`] need not be added).
    pub fn add_channel(&self, guild_id: u64, channel_id: u64) {
        lock(&self.shared.rest)
            .channels
            .insert(channel_id, guild_id);
    }

    /// The current original response of the interaction with this token (after edits), if any.
    pub fn original(&self, token: &str) -> Option<Value> {
        lock(&self.shared.rest)
            .interactions
            .get(token)
            .and_then(|i| i.original.clone())
    }

    /// The commands last registered globally (`None`) or in a guild, as echoed back.
    pub fn commands(&self, guild: Option<u64>) -> Vec<Value> {
        lock(&self.shared.rest)
            .commands
            .get(&guild)
            .cloned()
            .unwrap_or_default()
    }

    /// Closes the live gateway connection with close code 4000 (resumable), as Discord does
    /// when it restarts a gateway node; the bot should reconnect and RESUME. Returns once the
    /// close frame is sent. Dispatches made meanwhile are queued for the next session.
    pub async fn drop_gateway(&self) {
        self.end_live(|ack| Out::Close(4000, Some(ack))).await;
    }

    /// Ends the live gateway connection without a close frame (a TCP drop).
    pub async fn drop_gateway_abruptly(&self) {
        self.end_live(|ack| Out::Drop(Some(ack))).await;
    }

    async fn end_live(&self, out: impl FnOnce(oneshot::Sender<()>) -> Out) {
        // Shard 0: the only one of an unsharded bot.
        let live = lock(&self.shared.gw)
            .shards
            .get_mut(&0)
            .and_then(|s| s.live.take());
        let Some(live) = live else {
            eprintln!("stand-in: drop_gateway with no live gateway session");
            return;
        };
        let (ack_tx, ack_rx) = oneshot::channel();
        if live.tx.send(out(ack_tx)).is_ok() {
            let _ = tokio::time::timeout(Duration::from_secs(5), ack_rx).await;
        }
    }

    /// IDENTIFYs received (including rejected ones).
    pub fn identify_count(&self) -> usize {
        lock(&self.shared.gw).identifies.len()
    }

    /// RESUMEs received (including rejected ones).
    pub fn resume_count(&self) -> usize {
        lock(&self.shared.gw).resumes
    }

    /// Heartbeats (op 1) received.
    pub fn heartbeat_count(&self) -> usize {
        lock(&self.shared.gw).heartbeats
    }

    /// The `d` of every IDENTIFY received (token, intents, shard, properties...).
    pub fn identifies(&self) -> Vec<Value> {
        lock(&self.shared.gw).identifies.clone()
    }

    /// How many shards `GET /gateway/bot` recommends (1 unless set).
    pub fn recommend_shards(&self, n: u32) {
        lock(&self.shared.gw).recommended_shards = n.max(1);
    }

    /// A guild the bot is in besides the two test guilds: announced (GUILD_CREATE) on the
    /// shard it belongs to when that shard identifies.
    pub fn add_guild(&self, guild_id: u64) {
        lock(&self.shared.gw).guilds.push(guild_id);
    }

    /// The shard a guild's events go to, by Discord's rule, for the shard count the bot
    /// identified with.
    pub fn shard_of_guild(&self, guild_id: u64) -> u32 {
        lock(&self.shared.gw).shard_of_guild(guild_id)
    }

    /// Shards with a live session now.
    pub fn live_shards(&self) -> Vec<u32> {
        let gw = lock(&self.shared.gw);
        let mut live: Vec<u32> = gw
            .shards
            .iter()
            .filter(|(_, s)| s.live.is_some())
            .map(|(&i, _)| i)
            .collect();
        live.sort_unstable();
        live
    }

    /// While true, REST answers 401 `{"message":"401: Unauthorized","code":0}` (except
    /// `GET /gateway`, which Discord serves without auth and whose failure would make serenity
    /// fall back to the real gateway) and IDENTIFY/RESUME get close code 4004.
    pub fn reject_token(&self, yes: bool) {
        self.shared.reject_token.store(yes, Ordering::SeqCst);
    }
}

impl Drop for Standin {
    fn drop(&mut self) {
        self.shared.shutdown.send_replace(true);
        self.server.abort();
    }
}

/// Turns an `anyhow` context onto a serde error, for the payload checks.
fn decode<T: serde::de::DeserializeOwned>(what: &str, v: &Value) -> anyhow::Result<T> {
    serde_json::from_value(v.clone()).with_context(|| format!("{what} does not decode"))
}
