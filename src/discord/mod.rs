//! The Discord front end: `rolecall serve` and `rolecall register`. It translates — options
//! into core lookups, core answers into cards — and decides nothing about careers.
//!
//! serenity (gateway, REST) with poise (slash commands, autocomplete, the message command,
//! error routing) on top. Everything the bot needs is loaded before it connects; an invalid
//! data directory or a missing token stops it with one clear line.

mod actions;
mod autocomplete;
mod cards;
mod charts;
mod commands;
mod config;
mod dataset;
mod embed;
mod errors;
mod events;
mod metrics;
mod register;
mod reply;
mod run;
mod state;
mod sync;

use config::Config;
use poise::serenity_prelude as serenity;
use rolecall::Rolecall;
use state::{Data, Edits};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

/// Exit codes, as for the CLI: 1 a setting or the token is wrong, 3 the data is invalid.
const EXIT_CONFIG: u8 = 1;
const EXIT_DATA: u8 = 3;

fn init_logging() {
    let mut filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("rolecall=info,serenity=warn,poise=warn")
    });
    // serenity's request spans (`#[instrument]` at INFO) format the whole request with
    // `Debug`, files included: every picture became a megabyte of "[137, 80, 78, …]" and
    // most of the bot's CPU with `RUST_LOG=info`. Those spans stay off whatever RUST_LOG says.
    if let Ok(d) = "serenity::http=warn".parse() {
        filter = filter.add_directive(d);
    }
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

fn load(data_dir: &Path) -> Result<Rolecall, ExitCode> {
    let started = Instant::now();
    match Rolecall::load(data_dir) {
        Ok(rc) => {
            tracing::info!(
                careers = rc.data.careers.len(),
                names = rc.careers.names(),
                ms = started.elapsed().as_millis() as u64,
                "dataset loaded"
            );
            Ok(rc)
        }
        Err(e) => {
            eprintln!("error: {e}\n(run `rolecall check-data` after fixing it)");
            Err(ExitCode::from(EXIT_DATA))
        }
    }
}

/// A token Discord refused, told apart from other failures so it gets its own clear line.
fn is_rejected_token(e: &serenity::Error) -> bool {
    match e {
        serenity::Error::Gateway(serenity::GatewayError::InvalidAuthentication) => true,
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(r)) => {
            r.status_code.as_u16() == 401
        }
        _ => false,
    }
}

fn fail(e: &serenity::Error) -> ExitCode {
    if is_rejected_token(e) {
        eprintln!("error: Discord rejected the token (check DISCORD_TOKEN)");
    } else {
        eprintln!("error: {e}");
    }
    ExitCode::from(EXIT_CONFIG)
}

/// The settings, or the one line that says what to fix.
fn config() -> Result<Config, ExitCode> {
    Config::from_env().map_err(|msg| {
        eprintln!("error: {msg}");
        ExitCode::from(EXIT_CONFIG)
    })
}

/// glibc's allocator settings for the bot, unless `GLIBC_TUNABLES` is already set (set it,
/// even empty, to choose otherwise): at most two arenas, and every allocation of 128 KiB or
/// more mapped on its own and returned to the system when freed. By default glibc gives
/// each busy thread an arena that keeps what it freed, and after freeing a large block it
/// raises its mapping threshold to that size, so later pictures (a few hundred KiB each,
/// drawn and sent from several threads) stay resident in freed heap. Measured with
/// `cargo bench --bench interactions`: 93 MiB after 240 new pictures by default, 61 MiB so
/// tuned; 54 rather than 57 MiB after start.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TUNABLES: &str = "glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=131072";

/// Starts the bot again in this process with [`TUNABLES`] (the tunables are read only when a
/// program starts). Returns only if that failed, with why.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() -> Option<std::io::Error> {
    use std::os::unix::process::CommandExt;
    if std::env::var_os("GLIBC_TUNABLES").is_some() {
        return None;
    }
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => return Some(e),
    };
    Some(
        std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env("GLIBC_TUNABLES", TUNABLES)
            .exec(),
    )
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() -> Option<std::io::Error> {
    None
}

/// `rolecall serve`
pub fn serve(data_dir: &Path) -> ExitCode {
    let started = Instant::now();
    let untuned = tune_allocator();
    init_logging();
    if let Some(e) = untuned {
        tracing::warn!(error = %e, "could not restart with the allocator settings; memory may grow with pictures");
    }
    let config = match config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let rc = match load(data_dir) {
        Ok(rc) => Arc::new(rc),
        Err(code) => return code,
    };
    // The store is created and migrated before connecting: a bot that cannot keep edits
    // should say so at once, not at the first moderator's command.
    // Every scope's edits are read now, so that no answer ever waits on the store.
    let edits = match config.db.open().and_then(Edits::preload) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: the edits database ({}): {e}", config.db);
            return ExitCode::from(EXIT_CONFIG);
        }
    };
    tracing::info!(db = %config.db, "edits read");
    let data = Data::new(
        rc,
        edits,
        config.owners.clone(),
        data_dir.to_path_buf(),
        register::Registration::new(config.guild_id, config.state_dir.clone()),
    );
    match runtime().block_on(run(config, data, started)) {
        Ok(()) => {
            tracing::info!("shut down cleanly");
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

async fn run(config: Config, data: Data, started: Instant) -> Result<(), serenity::Error> {
    let guild = config.guild_id;
    let state_dir = config.state_dir.clone();
    // Other processes' edits, with PostgreSQL.
    if let rolecall::store::Location::Postgres(url) = &config.db
        && let Err(e) = sync::follow(url, data.edits.clone()).await
    {
        tracing::error!(error = %e, "cannot listen for other processes' edits");
    }
    let health = Arc::new(metrics::Health::default());
    if let Some(addr) = config.metrics_addr {
        let served = match metrics::install() {
            Ok(handle) => metrics::serve(addr, handle, health.clone())
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        if let Err(e) = served {
            tracing::error!(addr = %addr, error = %e, "cannot serve /healthz and /metrics");
        }
        metrics::probe_store(data.edits.clone(), health.clone());
    }
    // Shard 0's process registers the commands: exactly one does, and it is the one that
    // receives DMs.
    let registers = config.shards.has_first();
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: commands::all(),
            on_error: |err| Box::pin(events::on_error(err)),
            pre_command: |ctx| Box::pin(metrics::command_started(ctx)),
            post_command: |ctx| Box::pin(metrics::command_finished(ctx, "ok")),
            event_handler: |framework, event| Box::pin(events::handle(framework, event)),
            allowed_mentions: Some(reply::no_pings()),
            // Owners matter only for moderator commands; asking Discord for them at every
            // start would be a wasted call.
            initialize_owners: false,
            ..Default::default()
        })
        .setup(move |ctx, ready, _framework| {
            Box::pin(async move {
                tracing::info!(user = %ready.user.name, ms = started.elapsed().as_millis() as u64, "connected; READY received");
                // A failed registration must not stop the bot: poise would then wait
                // forever for its data. Log it; `rolecall register` can retry.
                if !registers {
                    tracing::info!("not registering commands: the process that runs shard 0 does");
                } else if let Err(e) = register::ensure(&ctx.http, ready.application.id.get(), guild, &state_dir, false).await {
                    tracing::error!(error = %e, "registering commands failed; run `rolecall register` to retry");
                }
                tracing::info!("ready to answer");
                Ok(data)
            })
        })
        .build();
    // Mentions and DMs carry their content without the privileged Message Content intent.
    let intents = serenity::GatewayIntents::GUILDS
        | serenity::GatewayIntents::GUILD_MESSAGES
        | serenity::GatewayIntents::DIRECT_MESSAGES;
    let mut client = serenity::ClientBuilder::new_with_http(config.http(), intents)
        .framework(framework)
        .await?;
    let shards = client.shard_manager.clone();
    health.watch_shards(shards.clone());
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("signal received; shutting down");
        shards.shutdown_all().await;
    });
    match config.shards {
        config::Shards::Recommended => client.start_autosharded().await,
        // serenity's range is first..last, both included.
        config::Shards::Range { first, last, count } => {
            tracing::info!(
                first,
                last,
                count,
                "running shards {first}-{last} of {count}"
            );
            client.start_shard_range(first..last, count).await
        }
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

/// `rolecall register`: registers the commands now, whatever the hash says.
pub fn register_now() -> ExitCode {
    init_logging();
    let config = match config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    runtime().block_on(async move {
        let http = config.http();
        let app = match http.get_current_application_info().await {
            Ok(app) => app,
            Err(e) => return fail(&e),
        };
        http.set_application_id(app.id);
        match register::ensure(
            &http,
            app.id.get(),
            config.guild_id,
            &config.state_dir,
            true,
        )
        .await
        {
            Ok(_) => {
                println!(
                    "registered {} commands{}",
                    commands::all().len(),
                    config
                        .guild_id
                        .map_or(" globally".into(), |g| format!(" in guild {g}"))
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        }
    })
}
