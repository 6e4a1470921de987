//! Registering the commands with Discord: only when their definitions changed since the last
//! registration (a hash kept in the state directory), or when asked with `rolecall register` —
//! never on every start or reconnect, which Discord rate-limits and which makes clients
//! re-download commands.

use super::commands;
use super::errors::Error;
use super::state::Data;
use serenity::all::{Command, GuildId, Http};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

const HASH_FILE: &str = "commands.hash";

/// FNV-1a: a stable hash (std's may change between Rust versions; this must not).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What the registration depends on: the definitions, the application and the scope.
pub fn definitions_hash(
    commands: &[poise::Command<Data, Error>],
    app: u64,
    guild: Option<GuildId>,
) -> String {
    let defs = poise::builtins::create_application_commands(commands);
    let json = serde_json::to_string(&defs).expect("command definitions serialise");
    let scope = guild.map_or("global".to_string(), |g| format!("guild {g}"));
    format!("{:016x} app {app} {scope}", fnv1a(json.as_bytes()))
}

/// Where and whether this process registers the commands.
pub struct Registration {
    pub guild: Option<GuildId>,
    pub state_dir: PathBuf,
    /// Set once a mismatch has forced a registration: one per process is enough.
    forced: AtomicBool,
}

impl Registration {
    pub fn new(guild: Option<GuildId>, state_dir: PathBuf) -> Registration {
        Registration {
            guild,
            state_dir,
            forced: AtomicBool::new(false),
        }
    }
}

/// A client sent a command whose shape is not ours (`what` differed): Discord has other
/// definitions than this build, whatever the saved hash says. Logged, and registered again
/// in the background, once per process.
pub fn mismatch(ctx: &serenity::all::Context, data: &Data, command: &str, what: &str) {
    let reg = &data.registration;
    if reg.forced.swap(true, Ordering::SeqCst) {
        tracing::debug!(
            command,
            what,
            "command definitions mismatch (already re-registering)"
        );
        return;
    }
    tracing::warn!(
        command,
        what,
        "a client sent a command of another shape than this build's; registering the commands again"
    );
    let Some(app) = ctx.http.application_id() else {
        tracing::error!("cannot re-register: the application id is not known yet");
        return;
    };
    let (http, guild, dir) = (ctx.http.clone(), reg.guild, reg.state_dir.clone());
    tokio::spawn(async move {
        if let Err(e) = ensure(&http, app.get(), guild, &dir, true).await {
            tracing::error!(error = %e, "re-registering the commands failed");
        }
    });
}

/// Registers if the definitions changed (or `force`). Returns whether it registered.
pub async fn ensure(
    http: &Http,
    app: u64,
    guild: Option<GuildId>,
    state_dir: &Path,
    force: bool,
) -> Result<bool, serenity::Error> {
    let cmds = commands::all();
    let hash = definitions_hash(&cmds, app, guild);
    let file = state_dir.join(HASH_FILE);
    if !force && std::fs::read_to_string(&file).is_ok_and(|h| h.trim() == hash) {
        tracing::info!("command definitions unchanged; not re-registering");
        return Ok(false);
    }
    let defs = poise::builtins::create_application_commands(&cmds);
    match guild {
        Some(g) => {
            g.set_commands(http, defs).await?;
        }
        None => {
            Command::set_global_commands(http, defs).await?;
        }
    }
    tracing::info!(scope = %guild.map_or("global".to_string(), |g| format!("guild {g}")), "registered {} commands", cmds.len());
    // Losing the hash only costs one extra registration next time.
    if let Err(e) = std::fs::create_dir_all(state_dir).and_then(|_| std::fs::write(&file, &hash)) {
        tracing::warn!(file = %file.display(), error = %e, "could not save the command hash");
    }
    Ok(true)
}
