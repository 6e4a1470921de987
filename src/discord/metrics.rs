//! `/healthz` and `/metrics`, served on `METRICS_ADDR` when it is set (off by default).
//!
//! The figures are recorded through the `metrics` facade wherever they happen (commands,
//! clicks, chat, the gateway, the store, the edits listener) and rendered in the Prometheus
//! text format by `metrics-exporter-prometheus`. With no address set no recorder is
//! installed, and recording costs next to nothing.
//!
//! Names:
//! - `rolecall_interactions_total{kind, command, outcome}`: `outcome` is `ok`, `user_error`
//!   (answered with what to fix), `store_error` or `internal_error`;
//! - `rolecall_interaction_seconds{kind}`: from receiving to answering;
//! - `rolecall_gateway_sessions_total{shard, kind}`: `ready` (a new session) or `resumed`;
//!   every one after a shard's first `ready` is a reconnect;
//! - `rolecall_store_seconds`, `rolecall_store_errors_total`;
//! - `rolecall_cache_invalidations_total{kind}`: notices from other processes (`changed`,
//!   `settings`, `reconnected`);
//! - `rolecall_charts_total{picture, outcome}`: pictures for cards, `cached`, `drawn`,
//!   `failed`, `late` (left out after the budget) or `busy` (left out: too many on their
//!   way to Discord); `rolecall_chart_seconds{picture}`:
//!   the time to draw one.

use super::errors::Error;
use axum::extract::State;
use axum::http::StatusCode;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use poise::serenity_prelude as serenity;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Latency buckets, in seconds: Discord's 3-second deadline sits among them.
const BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 3.0, 5.0, 10.0,
];

/// What `/healthz` reports: ready once the data is loaded (before this exists), the store
/// answers, and every shard this process runs is connected.
#[derive(Default)]
pub struct Health {
    /// The last store probe: `Err(why)` while the store does not answer.
    store: Mutex<Option<Result<(), String>>>,
    shards: OnceLock<Arc<serenity::ShardManager>>,
}

impl Health {
    pub fn store_probed(&self, result: Result<(), String>) {
        *self.store.lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
    }

    pub fn watch_shards(&self, manager: Arc<serenity::ShardManager>) {
        let _ = self.shards.set(manager);
    }

    /// `Ok` when ready, or the first reason it is not.
    async fn check(&self) -> Result<(), String> {
        match self.store.lock().unwrap_or_else(|e| e.into_inner()).clone() {
            None => return Err("store: not checked yet".into()),
            Some(Err(why)) => return Err(format!("store: {why}")),
            Some(Ok(())) => {}
        }
        let Some(manager) = self.shards.get() else {
            return Err("shards: not started".into());
        };
        let runners = manager.runners.lock().await;
        if runners.is_empty() {
            return Err("shards: none connected yet".into());
        }
        let mut down: Vec<String> = runners
            .iter()
            .filter(|(_, r)| !matches!(r.stage, serenity::ConnectionStage::Connected))
            .map(|(id, r)| format!("shard {id}: {}", r.stage))
            .collect();
        down.sort();
        match down.first() {
            Some(first) => Err(first.clone()),
            None => Ok(()),
        }
    }
}

/// Installs the Prometheus recorder (once per process).
pub fn install() -> Result<PrometheusHandle, String> {
    PrometheusBuilder::new()
        .set_buckets(BUCKETS)
        .map_err(|e| e.to_string())?
        .install_recorder()
        .map_err(|e| format!("installing the metrics recorder: {e}"))
}

/// Serves `/healthz` and `/metrics` until the process ends.
pub async fn serve(
    addr: SocketAddr,
    handle: PrometheusHandle,
    health: Arc<Health>,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(addr = %listener.local_addr()?, "serving /healthz and /metrics");
    let app = axum::Router::new()
        .route(
            "/metrics",
            axum::routing::get(
                |State((h, _)): State<(PrometheusHandle, Arc<Health>)>| async move { h.render() },
            ),
        )
        .route(
            "/healthz",
            axum::routing::get(
                |State((_, health)): State<(PrometheusHandle, Arc<Health>)>| async move {
                    match health.check().await {
                        Ok(()) => (StatusCode::OK, "ok\n".to_string()),
                        Err(why) => (StatusCode::SERVICE_UNAVAILABLE, format!("{why}\n")),
                    }
                },
            ),
        )
        .with_state((handle, health));
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!(error = %e, "the metrics server stopped");
        }
    });
    Ok(())
}

/// Checks every two seconds that the store answers, for `/healthz`: a load balancer or
/// process manager sees an outage within a few seconds.
pub fn probe_store(edits: super::state::Edits, health: Arc<Health>) {
    const EVERY: Duration = Duration::from_secs(2);
    tokio::spawn(async move {
        loop {
            let result = tokio::time::timeout(EVERY, edits.run(|s| s.scopes().map(|_| ())))
                .await
                .unwrap_or_else(|_| {
                    Err(rolecall::store::StoreError::Backend(
                        "no answer within 2 s".into(),
                    ))
                })
                .map_err(|e| e.to_string());
            health.store_probed(result);
            tokio::time::sleep(EVERY).await;
        }
    });
}

/// How an interaction that failed ended, for the counter.
pub fn outcome(error: &Error) -> &'static str {
    match error {
        Error::User { .. } => "user_error",
        Error::Store(_) => "store_error",
        Error::Internal(_) => "internal_error",
    }
}

/// Counts an interaction (or chat answer) and its latency.
pub fn interaction(kind: &'static str, command: &str, outcome: &'static str, started: Instant) {
    metrics::counter!(
        "rolecall_interactions_total",
        "kind" => kind,
        "command" => command.to_string(),
        "outcome" => outcome
    )
    .increment(1);
    metrics::histogram!("rolecall_interaction_seconds", "kind" => kind)
        .record(started.elapsed().as_secs_f64());
}

/// Marks a slash command's start (poise's `pre_command`).
pub async fn command_started(ctx: super::state::Context<'_>) {
    ctx.set_invocation_data(Instant::now()).await
}

/// Counts a slash command when it ends, well or not.
pub async fn command_finished(ctx: super::state::Context<'_>, outcome: &'static str) {
    let started = ctx
        .invocation_data::<Instant>()
        .await
        .map_or_else(Instant::now, |s| *s);
    interaction("command", &ctx.command().qualified_name, outcome, started);
}

pub fn gateway_session(shard: serenity::ShardId, kind: &'static str) {
    metrics::counter!(
        "rolecall_gateway_sessions_total",
        "shard" => shard.0.to_string(),
        "kind" => kind
    )
    .increment(1);
}

pub fn store_call(started: Instant, ok: bool) {
    metrics::histogram!("rolecall_store_seconds").record(started.elapsed().as_secs_f64());
    if !ok {
        metrics::counter!("rolecall_store_errors_total").increment(1);
    }
}

pub fn cache_invalidation(kind: &'static str) {
    metrics::counter!("rolecall_cache_invalidations_total", "kind" => kind).increment(1);
}

/// A picture for a card that was served from the cache, or left out.
pub fn chart(picture: &'static str, outcome: &'static str) {
    metrics::counter!("rolecall_charts_total", "picture" => picture, "outcome" => outcome)
        .increment(1);
}

/// A picture drawn (on a blocking thread), and how long it took.
pub fn chart_drawn(picture: &'static str, started: Instant) {
    chart(picture, "drawn");
    metrics::histogram!("rolecall_chart_seconds", "picture" => picture)
        .record(started.elapsed().as_secs_f64());
}
