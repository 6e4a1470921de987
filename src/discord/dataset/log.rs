//! The log of changes: `/dataset history` (pages, newest first, the same lines as the
//! terminal's `rolecall dataset history`) and `/dataset undo`.

use super::permit::{Level, permit_ctx};
use super::{author, guild_of, modlog, refresh, store_error};
use crate::discord::actions::Action;
use crate::discord::embed::{Embed, colour, escape_markdown};
use crate::discord::errors::Error;
use crate::discord::reply::Reply;
use crate::discord::state::{Context, Data};
use poise::serenity_prelude as serenity;
use rolecall::store::Scope;
use serenity::{ButtonStyle, CreateActionRow, CreateButton, GuildId};

/// Who changed what, and when.
#[poise::command(slash_command)]
pub async fn history(
    ctx: Context<'_>,
    #[description = "Only changes to this role"]
    #[autocomplete = "crate::discord::autocomplete::role"]
    role: Option<String>,
    #[description = "Page"]
    #[min = 1]
    page: Option<usize>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let scope = permit_ctx(ctx, Level::Edit).await?;
    let data = ctx.data();
    let career = match role {
        Some(r) => {
            let scoped = data.scoped(ctx.guild_id());
            let view = scoped.view();
            let idx = view.lookup_career(&r)?;
            Some(view.career(idx).id.clone())
        }
        None => None,
    };
    let reply = history_page(data, ctx.guild_id(), scope, career, page.unwrap_or(1)).await?;
    ctx.send(reply.into_poise()).await?;
    Ok(())
}

/// A page of the history as a card, with Newer/Older buttons. Any page number is fine (a
/// forged button may say 10^18): the core clamps it.
pub async fn history_page(
    data: &Data,
    guild: Option<GuildId>,
    scope: Scope,
    career: Option<String>,
    page: usize,
) -> Result<Reply, Error> {
    let scoped = data.scoped(guild);
    let wanted = career.clone();
    let h = data
        .edits
        .run(move |s| rolecall::history::page(&scoped.view(), s, scope, wanted.as_deref(), page))
        .await
        .map_err(store_error)?;
    let lines: Vec<String> = h
        .lines
        .iter()
        .map(|l| {
            let undone = match (l.undone_by, l.undo_of) {
                (Some(u), _) => format!(" *(undone by #{u})*"),
                (_, Some(o)) => format!(" *(undoes #{o})*"),
                _ => String::new(),
            };
            format!(
                "**#{}** · {} · {} · {}{undone}",
                l.id,
                l.date,
                escape_markdown(&l.by),
                escape_markdown(&l.text)
            )
        })
        .collect();
    let body = if lines.is_empty() {
        "No changes yet.".to_string()
    } else {
        lines.join("\n")
    };
    let e = Embed::new("Dataset history", colour::INFO)
        .description(body)
        .footer(format!(
            "Page {} of {} · {}",
            h.page,
            h.pages,
            rolecall::text::count(h.total, "change", "changes")
        ));
    let button = |page: usize, label: &str| {
        Action::History {
            career: career.clone(),
            page,
        }
        .encode()
        .map(|id| {
            CreateButton::new(id)
                .label(label)
                .style(ButtonStyle::Secondary)
        })
    };
    let mut buttons = Vec::new();
    if h.page > 1 {
        buttons.extend(button(h.page - 1, "◀ Newer"));
    }
    if h.page < h.pages {
        buttons.extend(button(h.page + 1, "Older ▶"));
    }
    let rows = if buttons.is_empty() {
        vec![]
    } else {
        vec![CreateActionRow::Buttons(buttons)]
    };
    Ok(Reply::card(e).with_rows(rows).ephemeral())
}

/// Undo a change (the latest, or the one with this number).
#[poise::command(slash_command)]
pub async fn undo(
    ctx: Context<'_>,
    #[description = "The change's number (from /dataset history); default: the latest"]
    change: Option<i64>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let scope = permit_ctx(ctx, Level::Edit).await?;
    let data = ctx.data();
    let (author_id, author_name) = author(ctx.author());
    let name = author_name.clone();
    let undone = data
        .edits
        .run(move |s| s.undo(scope, change, author_id, &name))
        .await
        .map_err(store_error)?;
    refresh(&data.edits, scope).await;
    let summary = {
        let scoped = data.scoped(guild_of(scope));
        format!(
            "Undid #{}: {}",
            undone.undo_of.unwrap_or_default(),
            rolecall::edits::describe(
                &scoped.view(),
                &undone.key,
                undone.before.as_ref(),
                undone.after.as_ref()
            )
        )
    };
    ctx.send(
        Reply::card(
            Embed::new("Done", colour::PAY)
                .description(escape_markdown(&format!("{summary} (#{})", undone.id))),
        )
        .ephemeral()
        .into_poise(),
    )
    .await?;
    modlog(
        &ctx.serenity_context().http,
        &data.edits,
        scope,
        format!("{summary} — by {author_name} (#{})", undone.id),
    );
    Ok(())
}
