//! `/dataset`: moderators edit the data their guild sees; owners edit what everyone sees.
//! Every command, button and form checks the permission again on the bot's side
//! ([`permit`]): Discord's `default_member_permissions` is only a hint that a server admin can
//! change, and a button's custom_id can be replayed by anyone.
//!
//! Store work runs on blocking threads ([`Edits::run`](super::state::Edits::run)), after
//! the interaction is deferred: a locked or slow database delays the answer, never the
//! acknowledgement, and never another guild. Forms cannot be deferred (a modal must be the
//! first response), so opening one reads only memory.
//!
//! - [`change`]: commands that change one thing (figures, names, hiding, new roles);
//! - [`confirm`]: changes that wait for a Confirm button, and the moderation buttons;
//! - [`forms`]: the edit forms (title and description, responsibilities);
//! - [`files`]: export and import;
//! - [`log`]: history and undo;
//! - [`admin`]: settings and reload.

mod admin;
mod change;
mod confirm;
mod files;
mod forms;
mod log;
mod permit;

pub use confirm::component;
pub use forms::modal;

use super::embed::{Embed, colour, escape_markdown};
use super::errors::Error;
use super::reply::{Reply, no_pings};
use super::state::{Context, Data, Edits};
use poise::serenity_prelude as serenity;
use rolecall::lookup::UserError;
use rolecall::store::{Change, NewChange, Scope, StoreError};

/// Moderators edit the data this server sees (owners: the data everyone sees, from a DM).
#[poise::command(
    slash_command,
    subcommands(
        "change::figure",
        "change::alias",
        "forms::edit",
        "forms::responsibilities",
        "change::hide",
        "change::unhide",
        "log::history",
        "log::undo",
        "admin::settings",
        "files::export",
        "files::import",
        "change::add",
        "admin::reload"
    ),
    subcommand_required,
    default_member_permissions = "MANAGE_GUILD",
    install_context = "Guild|User",
    interaction_context = "Guild|BotDm"
)]
pub async fn dataset(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

fn refuse(message: &str) -> Error {
    UserError::InvalidEdit {
        message: message.to_string(),
    }
    .into()
}

/// A store failure as the user meets it: an unavailable store says nothing was changed (and
/// is logged); a refusal (nothing to undo, no such change) says why.
fn store_error(e: StoreError) -> Error {
    match e {
        StoreError::Backend(_) | StoreError::TooNew { .. } => Error::Store(e),
        StoreError::Conflict { .. } => refuse(
            "Not changed: someone else changed this meanwhile. Run the command again to see it.",
        ),
        other => refuse(&other.to_string()),
    }
}

fn author(user: &serenity::User) -> (u64, String) {
    (
        user.id.get(),
        user.global_name
            .clone()
            .unwrap_or_else(|| user.name.clone()),
    )
}

fn career(view: &rolecall::View, role: &str) -> Result<usize, Error> {
    view.lookup_career(role).map_err(Error::from)
}

fn guild_of(scope: Scope) -> Option<serenity::GuildId> {
    match scope {
        Scope::Guild(g) => Some(serenity::GuildId::new(g)),
        Scope::Global => None,
    }
}

/// What to tell someone whose change met another's: who changed it, when, what it is now
/// (in words), and what to do (`then`).
fn conflict(data: &Data, scope: Scope, e: StoreError, then: &str) -> Error {
    let StoreError::Conflict {
        key,
        current,
        by,
        at,
    } = e
    else {
        return store_error(e);
    };
    let by = if by.is_empty() {
        "someone".to_string()
    } else {
        by
    };
    let when = at.chars().take(10).collect::<String>();
    let text = match current {
        Some(value) => {
            let scoped = data.scoped(guild_of(scope));
            let change = rolecall::edits::describe(&scoped.view(), &key, None, Some(&value));
            // A figure reads "… → $90,000": say what it is now. A text or a list is too long.
            let now = change
                .split_once(" → ")
                .map(|(_, now)| format!(" It is now: {now}."))
                .unwrap_or_default();
            format!("Not changed: {by} changed this meanwhile ({when}).{now} {then}")
        }
        None => format!(
            "Not changed: {by} changed this back to the published data meanwhile ({when}). {then}"
        ),
    };
    refuse(&text)
}

/// Applies changes (all or none) on a blocking thread, brings this process's copy of the
/// scope up to date, and answers "Done". The modlog is posted on its own afterwards: a slow
/// or rate-limited channel never holds up the answer. A conflict is returned as is, for the
/// caller to explain.
async fn apply(
    http: &std::sync::Arc<serenity::Http>,
    data: &Data,
    scope: Scope,
    changes: Vec<NewChange>,
    summary: &str,
) -> Result<Result<Reply, StoreError>, Error> {
    let who = changes
        .first()
        .map_or(String::new(), |c| c.author_name.clone());
    let done: Vec<Change> = match data.edits.run(move |s| s.apply(&changes)).await {
        Ok(done) => done,
        Err(e @ StoreError::Conflict { .. }) => return Ok(Err(e)),
        Err(e) => return Err(store_error(e)),
    };
    refresh(&data.edits, scope).await;
    let ids: Vec<String> = done.iter().map(|c| format!("#{}", c.id)).collect();
    modlog(
        http,
        &data.edits,
        scope,
        format!("{summary} — by {who} ({})", ids.join(", ")),
    );
    Ok(Ok(Reply::card(
        Embed::new("Done", colour::PAY).description(format!(
            "{} ({})",
            escape_markdown(summary),
            ids.join(", ")
        )),
    )
    .ephemeral()))
}

/// After a change: the change is saved whatever happens here; a failed re-read is logged
/// and the next change or notice brings the copy up to date.
async fn refresh(edits: &Edits, scope: Scope) {
    if let Err(e) = edits.refresh(scope).await {
        tracing::error!(scope = %scope.key(), error = %e, "could not re-read the edits after a change");
    }
}

/// Posts a change to the guild's modlog channel, if it has one, in a task of its own. A
/// failure is logged, not fatal: the change itself is made.
fn modlog(http: &std::sync::Arc<serenity::Http>, edits: &Edits, scope: Scope, text: String) {
    let Scope::Guild(g) = scope else { return };
    let (http, edits) = (http.clone(), edits.clone());
    tokio::spawn(async move {
        let Ok(rolecall::store::GuildSettings {
            modlog_channel: Some(ch),
            ..
        }) = edits.settings(g).await
        else {
            return;
        };
        let message = serenity::CreateMessage::new()
            .embed(
                Embed::new("Dataset changed", colour::INFO)
                    .description(escape_markdown(&text))
                    .build(),
            )
            .allowed_mentions(no_pings());
        if let Err(e) = serenity::ChannelId::new(ch)
            .send_message(&http, message)
            .await
        {
            tracing::warn!(channel = ch, error = %e, "could not post to the modlog");
        }
    });
}
