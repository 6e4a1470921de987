//! Edits as files: `/dataset export` writes this scope's edits as JSON or CSV, and
//! `/dataset import` reads such a file back, shows what it would change and asks to confirm.
//! An import is checked by the same rules as every other edit (`exchange::plan` →
//! `edits::check`), and parsed and planned on a blocking thread: a megabyte of items is
//! work, and it must not hold up anyone else's answer.

use super::confirm::ask_to_confirm;
use super::permit::{Level, permit_ctx};
use super::{author, refuse, store_error};
use crate::discord::embed::{Embed, colour, escape_markdown};
use crate::discord::errors::Error;
use crate::discord::reply::Reply;
use crate::discord::state::Context;
use poise::serenity_prelude as serenity;
use rolecall::exchange;
use rolecall::store::{Expected, Scope};
use serde_json::json;
use std::time::Duration;

#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Format {
    #[name = "JSON"]
    Json,
    #[name = "CSV"]
    Csv,
}

/// Download this server's changes as a file.
#[poise::command(slash_command)]
pub async fn export(
    ctx: Context<'_>,
    #[description = "File format (default JSON)"] format: Option<Format>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let scope = permit_ctx(ctx, Level::Edit).await?;
    let entries = ctx
        .data()
        .edits
        .run(move |s| s.entries(scope))
        .await
        .map_err(store_error)?;
    let (entries, left_out) = exchange::exportable(
        &ctx.data()
            .scoped(match scope {
                Scope::Guild(g) => Some(serenity::GuildId::new(g)),
                Scope::Global => None,
            })
            .view(),
        entries,
    );
    let (name, bytes) = match format.unwrap_or(Format::Json) {
        Format::Json => (
            "rolecall-edits.json",
            exchange::to_json(&entries).into_bytes(),
        ),
        Format::Csv => (
            "rolecall-edits.csv",
            exchange::to_csv(&entries).into_bytes(),
        ),
    };
    let mut said = format!(
        "{}.",
        rolecall::text::count(entries.len(), "current edit", "current edits")
    );
    if left_out > 0 {
        said += &format!(
            " Left out {} for roles that no longer exist.",
            rolecall::text::count(left_out, "edit", "edits")
        );
    }
    let e = Embed::new("Export", colour::INFO).description(said);
    let mut reply = Reply::card(e).ephemeral();
    reply
        .attachments
        .push(serenity::CreateAttachment::bytes(bytes, name));
    ctx.send(reply.into_poise()).await?;
    Ok(())
}

/// Largest file `/dataset import` reads.
const MAX_IMPORT_BYTES: u32 = 1 << 20;
/// How long fetching the file from Discord may take.
const DOWNLOAD_WAIT: Duration = Duration::from_secs(30);
/// Changes listed on the confirmation card (the rest are counted).
const SHOWN: usize = 15;

/// Apply a file of changes (as /dataset export writes). Shows what would change; asks to confirm.
#[poise::command(slash_command, rename = "import")]
pub async fn import(
    ctx: Context<'_>,
    #[description = "A JSON or CSV file from /dataset export"] file: serenity::Attachment,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let scope = permit_ctx(ctx, Level::Edit).await?;
    if file.size > MAX_IMPORT_BYTES {
        return Err(refuse(&format!(
            "That file is too large ({} bytes; at most {MAX_IMPORT_BYTES}). Nothing was changed.",
            file.size
        )));
    }
    let bytes = match tokio::time::timeout(DOWNLOAD_WAIT, file.download()).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "downloading an import failed");
            return Err(refuse(
                "I could not download that file from Discord. Nothing was changed; please try again.",
            ));
        }
        Err(_) => {
            return Err(refuse(
                "Downloading that file from Discord took too long. Nothing was changed; please try again.",
            ));
        }
    };
    // The size Discord announced is not a promise: the bytes are what counts.
    if bytes.len() > MAX_IMPORT_BYTES as usize {
        return Err(refuse(&format!(
            "That file is too large (at most {MAX_IMPORT_BYTES} bytes). Nothing was changed."
        )));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| refuse("That file is not UTF-8 text. Nothing was changed."))?;
    let data = ctx.data();
    let scoped = data.scoped(ctx.guild_id());
    let (author_id, author_name) = author(ctx.author());
    let planned = data
        .edits
        .run(move |s| {
            let view = scoped.view();
            let planned =
                match exchange::parse(&text).and_then(|items| exchange::plan(&view, items)) {
                    Ok(p) => p,
                    Err(e) => return Ok(Err(e)),
                };
            let current = s.entries(scope)?;
            Ok(Ok(exchange::preview(
                &view,
                scope,
                &current,
                &planned,
                author_id,
                &author_name,
            )))
        })
        .await
        .map_err(store_error)?;
    let (changes, lines) = planned.map_err(|e| {
        refuse(&format!(
            "{} is refused, nothing was changed: {e}.",
            file.filename
        ))
    })?;
    if changes.is_empty() {
        return Err(refuse("That file has no changes in it."));
    }
    let pending: Vec<serde_json::Value> = changes
        .iter()
        .map(|c| {
            let expected = match c.expected {
                Expected::Version(v) => v,
                Expected::Any => None,
            };
            json!({ "key": c.key, "after": c.after, "expected": expected })
        })
        .collect();
    let n = rolecall::text::count(changes.len(), "change", "changes");
    let summary = format!("Imported {n} from {}", file.filename);
    let shown: Vec<String> = lines.iter().take(SHOWN).map(|l| format!("• {l}")).collect();
    let more = if lines.len() > shown.len() {
        format!("\n…and {} more.", lines.len() - shown.len())
    } else {
        String::new()
    };
    let e = Embed::new(format!("Import: {n}"), colour::ASK).description(format!(
        "From {}:\n{}{more}",
        escape_markdown(&file.filename),
        escape_markdown(&shown.join("\n"))
    ));
    ask_to_confirm(
        ctx,
        scope,
        json!({ "changes": pending, "summary": summary }),
        e,
        "Apply all",
    )
    .await
}
