//! Gateway v10 over a websocket at `/gateway` (JSON text frames, no compression).
//!
//! HELLO → IDENTIFY → READY (+ GUILD_CREATE per guild) or RESUME → replay + RESUMED; op 1 is
//! answered with op 11. Every dispatch carries `s` (serenity rejects op 0 without it).

use std::sync::Arc;

use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::{HEARTBEAT_INTERVAL_MS, Live, Out, Shared, fixtures, lock};

/// Close code for a bad token; serenity turns it into `GatewayError::InvalidAuthentication`.
const AUTHENTICATION_FAILED: u16 = 4004;
/// Close code for an undecodable payload.
const DECODE_ERROR: u16 = 4002;
/// Close code for a shard number out of range, or a count other than the other shards'.
const INVALID_SHARD: u16 = 4010;

pub(super) async fn upgrade(State(shared): State<Arc<Shared>>, ws: WebSocketUpgrade) -> Response {
    // `?v=10&encoding=json` is ignored: only v10 JSON is spoken.
    ws.on_upgrade(move |socket| run(socket, shared))
}

async fn run(mut socket: WebSocket, shared: Arc<Shared>) {
    let (tx, mut rx) = mpsc::unbounded_channel::<Out>();
    let conn = {
        let mut gw = lock(&shared.gw);
        gw.conn_counter += 1;
        gw.conn_counter
    };
    let mut shutdown = shared.shutdown.subscribe();
    let hello = json!({ "op": 10, "d": { "heartbeat_interval": HEARTBEAT_INTERVAL_MS } });
    if socket
        .send(Message::Text(hello.to_string().into()))
        .await
        .is_err()
    {
        return;
    }
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let text = match incoming {
                    Some(Ok(Message::Text(text))) => text,
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                    Some(Ok(_)) => continue, // pings are answered by the websocket layer
                };
                if let Err(code) = handle_frame(&shared, conn, &tx, text.as_str()) {
                    let frame = CloseFrame { code, reason: close_reason(code).into() };
                    let _ = socket.send(Message::Close(Some(frame))).await;
                    break;
                }
            }
            Some(out) = rx.recv() => match out {
                Out::Text(text) => {
                    if socket.send(Message::Text(text.into())).await.is_err() {
                        break;
                    }
                }
                Out::Close(code, ack) => {
                    let frame = CloseFrame { code, reason: close_reason(code).into() };
                    let _ = socket.send(Message::Close(Some(frame))).await;
                    if let Some(ack) = ack {
                        let _ = ack.send(());
                    }
                    break;
                }
                Out::Drop(ack) => {
                    drop(socket);
                    if let Some(ack) = ack {
                        let _ = ack.send(());
                    }
                    break;
                }
            },
            _ = shutdown.changed() => break,
        }
    }
    let mut gw = lock(&shared.gw);
    for s in gw.shards.values_mut() {
        if s.live.as_ref().is_some_and(|l| l.conn == conn) {
            s.live = None;
        }
    }
}

fn close_reason(code: u16) -> &'static str {
    match code {
        AUTHENTICATION_FAILED => "Authentication failed.",
        INVALID_SHARD => "Invalid shard.",
        DECODE_ERROR => "Error while decoding payload.",
        _ => "Reconnect.",
    }
}

/// Handles one client frame; `Err(code)` closes the connection with that code.
fn handle_frame(
    shared: &Shared,
    conn: u64,
    tx: &mpsc::UnboundedSender<Out>,
    text: &str,
) -> Result<(), u16> {
    let frame: Value = serde_json::from_str(text).map_err(|_| DECODE_ERROR)?;
    let d = &frame["d"];
    match frame["op"].as_u64() {
        // Heartbeat: ACK at once, or serenity's next heartbeat finds the last one unacknowledged
        // and reconnects.
        Some(1) => {
            lock(&shared.gw).heartbeats += 1;
            let _ = tx.send(Out::Text(json!({ "op": 11 }).to_string()));
        }
        Some(2) => identify(shared, conn, tx, d)?,
        Some(6) => resume(shared, conn, tx, d)?,
        // Presence updates, member chunk requests, voice: accepted and ignored.
        _ => {}
    }
    Ok(())
}

fn identify(
    shared: &Shared,
    conn: u64,
    tx: &mpsc::UnboundedSender<Out>,
    d: &Value,
) -> Result<(), u16> {
    let mut gw = lock(&shared.gw);
    gw.identifies.push(d.clone());
    if !shared.token_ok(d["token"].as_str().unwrap_or("")) {
        return Err(AUTHENTICATION_FAILED);
    }
    // `shard: [i, n]`; none means the one shard of an unsharded bot.
    let (i, n) = match d["shard"].as_array().map(|a| a.as_slice()) {
        Some([i, n]) => (
            i.as_u64().ok_or(INVALID_SHARD)? as u32,
            n.as_u64().ok_or(INVALID_SHARD)? as u32,
        ),
        None => (0, 1),
        Some(_) => return Err(INVALID_SHARD),
    };
    if n == 0 || i >= n || gw.shard_count.is_some_and(|c| c != n) {
        return Err(INVALID_SHARD);
    }
    gw.shard_count = Some(n);
    gw.session_counter += 1;
    let session_id = format!("standin-session-{}", gw.session_counter);
    let guilds: Vec<u64> = gw
        .guilds
        .iter()
        .copied()
        .filter(|&g| gw.shard_of_guild(g) == i)
        .collect();
    let s = gw.shards.entry(i).or_default();
    s.session_id = Some(session_id.clone());
    s.seq = 0;
    s.sent.clear();
    s.live = Some(Live {
        conn,
        tx: tx.clone(),
    });
    Shared::dispatch_to(
        &mut gw,
        i,
        "READY",
        fixtures::ready_for(&session_id, &shared.ws_url, &guilds, [i, n]),
    );
    // Discord follows READY with a GUILD_CREATE per (initially unavailable) guild; serenity's
    // cache is empty until then.
    for guild in guilds {
        Shared::dispatch_to(&mut gw, i, "GUILD_CREATE", fixtures::guild_create(guild));
    }
    Shared::flush_queue_locked(&mut gw, i);
    drop(gw);
    shared.session_established();
    Ok(())
}

fn resume(
    shared: &Shared,
    conn: u64,
    tx: &mpsc::UnboundedSender<Out>,
    d: &Value,
) -> Result<(), u16> {
    let mut gw = lock(&shared.gw);
    gw.resumes += 1;
    if !shared.token_ok(d["token"].as_str().unwrap_or("")) {
        return Err(AUTHENTICATION_FAILED);
    }
    let wanted = d["session_id"].as_str();
    let Some(shard) = gw
        .shards
        .iter()
        .find(|(_, s)| s.session_id.is_some() && s.session_id.as_deref() == wanted)
        .map(|(&i, _)| i)
    else {
        // Invalid session, not resumable: serenity re-identifies.
        let _ = tx.send(Out::Text(json!({ "op": 9, "d": false }).to_string()));
        return Ok(());
    };
    let s = gw.shards.get_mut(&shard).expect("found above");
    // Replay what the client missed (it reports the last `s` it saw), then RESUMED.
    let seen = d["seq"].as_u64().unwrap_or(0);
    for (_, frame) in s.sent.iter().filter(|(q, _)| *q > seen) {
        let _ = tx.send(Out::Text(frame.clone()));
    }
    s.live = Some(Live {
        conn,
        tx: tx.clone(),
    });
    Shared::dispatch_to(&mut gw, shard, "RESUMED", json!({}));
    Shared::flush_queue_locked(&mut gw, shard);
    drop(gw);
    shared.session_established();
    Ok(())
}
