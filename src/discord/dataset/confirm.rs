//! Changes that wait for a Confirm button (a figure, an import), and the moderation buttons:
//! Confirm, Cancel, and history pages. A button's custom_id carries only an id; what it
//! confirms is kept in the store, so buttons survive a restart and expire with Discord's
//! interaction tokens (15 minutes).

use super::permit::{Level, permit};
use super::{apply, author, conflict, log::history_page, refuse, store_error};
use crate::discord::actions::Action;
use crate::discord::embed::{Embed, colour};
use crate::discord::errors::{Error, failure_reply};
use crate::discord::reply::Reply;
use crate::discord::state::{Context, Data};
use poise::serenity_prelude as serenity;
use rolecall::store::{self, Expected, NewChange, Pending, Scope};
use serenity::{ButtonStyle, CreateActionRow, CreateButton};

/// Keeps a change until the editor confirms it and asks. (The command has deferred.)
pub async fn ask_to_confirm(
    ctx: Context<'_>,
    scope: Scope,
    pending: serde_json::Value,
    embed: Embed,
    confirm: &str,
) -> Result<(), Error> {
    let id = ctx
        .data()
        .edits
        .run(move |s| s.put_pending(scope, &pending, store::now_secs()))
        .await
        .map_err(store_error)?;
    let buttons: Vec<CreateButton> = [
        (Action::Confirm(id.clone()), confirm, ButtonStyle::Success),
        (Action::Cancel(id), "Cancel", ButtonStyle::Secondary),
    ]
    .into_iter()
    .filter_map(|(action, label, style)| {
        action
            .encode()
            .map(|id| CreateButton::new(id).label(label).style(style))
    })
    .collect();
    ctx.send(
        Reply::card(embed)
            .with_rows(vec![CreateActionRow::Buttons(buttons)])
            .ephemeral()
            .into_poise(),
    )
    .await?;
    Ok(())
}

/// A Confirm, Cancel or history button. The permission is checked again first (from
/// memory) and a refusal answered at once; otherwise the click is acknowledged, the work
/// done, and the card replaced with the outcome.
pub async fn component(
    ctx: &serenity::Context,
    data: &Data,
    c: &serenity::ComponentInteraction,
    action: Action,
) {
    let what = format!(
        "moderation button {} (interaction {})",
        c.data.custom_id, c.id
    );
    let scope = match permit(data, c.guild_id, c.user.id, c.member.as_ref(), Level::Edit).await {
        Ok(s) => s,
        Err(e) => {
            let response = serenity::CreateInteractionResponse::Message(
                failure_reply(e, &what).into_interaction(),
            );
            if let Err(e) = c.create_response(&ctx.http, response).await {
                tracing::error!(context = %what, error = %e, "could not answer the interaction");
            }
            return;
        }
    };
    if let Err(e) = c
        .create_response(&ctx.http, serenity::CreateInteractionResponse::Acknowledge)
        .await
    {
        tracing::error!(context = %what, error = %e, "could not acknowledge the interaction");
        return;
    }
    let result = match action {
        Action::Confirm(id) => confirm(ctx, data, scope, id, &c.user).await,
        Action::Cancel(id) => data
            .edits
            .run(move |s| s.take_pending(scope, &id, store::now_secs()))
            .await
            .map_err(store_error)
            .map(|_| {
                Reply::card(
                    Embed::new("Cancelled", colour::INFO).description("Nothing was changed."),
                )
                .ephemeral()
            }),
        Action::History { career, page } => {
            history_page(data, c.guild_id, scope, career, page).await
        }
        _ => Err(Error::Internal(anyhow::anyhow!("not a moderation action"))),
    };
    let reply = result.unwrap_or_else(|e| failure_reply(e, &what));
    if let Err(e) = c.edit_response(&ctx.http, reply.into_edit()).await {
        tracing::error!(context = %what, error = %e, "could not show the outcome");
    }
}

async fn confirm(
    ctx: &serenity::Context,
    data: &Data,
    scope: Scope,
    id: String,
    user: &serenity::User,
) -> Result<Reply, Error> {
    let p = match data
        .edits
        .run(move |s| s.take_pending(scope, &id, store::now_secs()))
        .await
        .map_err(store_error)?
    {
        Pending::Ready(p) => p,
        Pending::Expired => {
            return Err(refuse(
                "This confirmation expired (they last 15 minutes). Nothing was changed; run the command again.",
            ));
        }
        Pending::Gone => {
            return Err(refuse(
                "This confirmation is no longer open: it was used or cancelled already. Nothing was changed.",
            ));
        }
    };
    let (author_id, author_name) = author(user);
    // Each change carries the version its preview showed: anything changed since is a
    // conflict, and a conflict anywhere applies none of them.
    let changes: Vec<NewChange> = p["changes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| NewChange {
            scope,
            key: c["key"].as_str().unwrap_or_default().to_string(),
            after: Some(c["after"].clone()).filter(|v| !v.is_null()),
            expected: Expected::Version(c["expected"].as_i64()),
            author_id,
            author_name: author_name.clone(),
        })
        .collect();
    let summary = p["summary"].as_str().unwrap_or_default().to_string();
    apply(&ctx.http, data, scope, changes, &summary)
        .await?
        .map_err(|e| conflict(data, scope, e, "Run the command again to replace it."))
}
