//! The edit forms: a role's title and description, and its responsibilities. A form is
//! pre-filled with what this guild sees now, and its custom_id carries the version it was
//! filled from, so a submission after someone else's edit is a conflict, not an overwrite.
//!
//! Opening a form must be the interaction's first response (it cannot be deferred), so it
//! reads only memory: the permission from cached settings, the version from the cached
//! overlay. A submission is deferred, then saved.

use super::permit::{Level, permit, permit_ctx};
use super::{apply, author, career, conflict, refuse};
use crate::discord::actions::Action;
use crate::discord::embed::fit;
use crate::discord::errors::{Error, expired_reply, failure_reply};
use crate::discord::reply::Reply;
use crate::discord::state::{Context, Data};
use poise::serenity_prelude as serenity;
use rolecall::edits::{self, Request};
use rolecall::overlay::Key;
use rolecall::store::{Expected, NewChange};
use serenity::CreateActionRow;

/// Discord's limits on a form.
const MAX_TITLE: u16 = 100;
const MAX_PARAGRAPH: u16 = 4000;
const MAX_DESCRIPTION: u16 = 2000;
const MAX_FORM_TITLE: usize = 45;

/// Edit a role's title and description (a form pre-filled with the current text).
#[poise::command(slash_command)]
pub async fn edit(
    ctx: Context<'_>,
    #[description = "The role"]
    #[autocomplete = "crate::discord::autocomplete::role"]
    role: String,
) -> Result<(), Error> {
    open(ctx, &role, false).await
}

/// Edit a role's responsibilities (a form pre-filled with the current list).
#[poise::command(slash_command)]
pub async fn responsibilities(
    ctx: Context<'_>,
    #[description = "The role"]
    #[autocomplete = "crate::discord::autocomplete::role"]
    role: String,
) -> Result<(), Error> {
    open(ctx, &role, true).await
}

async fn open(ctx: Context<'_>, role: &str, tasks: bool) -> Result<(), Error> {
    permit_ctx(ctx, Level::Edit).await?;
    let modal = {
        let scoped = ctx.data().scoped(ctx.guild_id());
        let view = scoped.view();
        let c = view.career(career(&view, role)?);
        let key = if tasks {
            Key::Tasks {
                career: c.id.clone(),
            }
        } else {
            Key::Text {
                career: c.id.clone(),
            }
        };
        let version = scoped.own().versions.get(&key.encode()).copied();
        let input = |style, label: &str, id: &str, value: String, max: u16| {
            CreateActionRow::InputText(
                serenity::CreateInputText::new(style, label, id)
                    .value(value)
                    .max_length(max)
                    .required(true),
            )
        };
        let rows = if tasks {
            let text: String = c
                .tasks
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            // Never cut a list to fit the form: saving it would silently drop the rest.
            if text.chars().count() > MAX_PARAGRAPH as usize {
                return Err(refuse(&format!(
                    "{}'s responsibilities are longer than a Discord form holds ({} characters). Use /dataset export, edit the file, and /dataset import it.",
                    c.title,
                    text.chars().count()
                )));
            }
            vec![input(
                serenity::InputTextStyle::Paragraph,
                "One responsibility per line",
                "tasks",
                text,
                MAX_PARAGRAPH,
            )]
        } else {
            vec![
                input(
                    serenity::InputTextStyle::Short,
                    "Title",
                    "title",
                    c.title.clone(),
                    MAX_TITLE,
                ),
                input(
                    serenity::InputTextStyle::Paragraph,
                    "Description",
                    "description",
                    c.description
                        .chars()
                        .take(MAX_DESCRIPTION as usize)
                        .collect(),
                    MAX_DESCRIPTION,
                ),
            ]
        };
        let action = if tasks {
            Action::EditTasks {
                career: c.id.clone(),
                version,
            }
        } else {
            Action::EditText {
                career: c.id.clone(),
                version,
            }
        };
        let id = action
            .encode()
            .ok_or_else(|| refuse("That role's id is too long to edit here."))?;
        let title = fit(
            &format!("{} {}", if tasks { "Tasks:" } else { "Edit" }, c.title),
            MAX_FORM_TITLE,
        );
        serenity::CreateModal::new(id, title).components(rows)
    };
    let poise::Context::Application(actx) = ctx else {
        return Err(refuse("Use this as a slash command."));
    };
    actx.interaction
        .create_response(
            ctx.http(),
            serenity::CreateInteractionResponse::Modal(modal),
        )
        .await?;
    Ok(())
}

/// A submitted form: permission checked again (a submission can be forged by hand), then
/// deferred and applied only over the version the form was filled from.
pub async fn modal(ctx: &serenity::Context, data: &Data, m: &serenity::ModalInteraction) {
    let what = format!("edit form (interaction {})", m.id);
    let defer = serenity::CreateInteractionResponse::Defer(
        serenity::CreateInteractionResponseMessage::new().ephemeral(true),
    );
    if let Err(e) = m.create_response(&ctx.http, defer).await {
        tracing::error!(context = %what, error = %e, "could not acknowledge the form");
        return;
    }
    let reply = submit(ctx, data, m)
        .await
        .unwrap_or_else(|e| failure_reply(e, &what));
    if let Err(e) = m.edit_response(&ctx.http, reply.into_edit()).await {
        tracing::error!(context = %what, error = %e, "could not answer the form");
    }
}

async fn submit(
    ctx: &serenity::Context,
    data: &Data,
    m: &serenity::ModalInteraction,
) -> Result<Reply, Error> {
    let Some((action, _)) = Action::decode(&m.data.custom_id) else {
        return Ok(expired_reply());
    };
    let scope = permit(data, m.guild_id, m.user.id, m.member.as_ref(), Level::Edit).await?;
    let field = |id: &str| -> String {
        m.data
            .components
            .iter()
            .flat_map(|row| row.components.iter())
            .find_map(|c| match c {
                serenity::ActionRowComponent::InputText(t) if t.custom_id == id => t.value.clone(),
                _ => None,
            })
            .unwrap_or_default()
    };
    let (prepared, version) = {
        let scoped = data.scoped(m.guild_id);
        let view = scoped.view();
        let known = |c: &str| {
            view.by_id(c)
                .ok_or_else(|| refuse("That role no longer exists."))
        };
        let (request, version) = match &action {
            Action::EditText { career: c, version } => (
                Request::SetText {
                    career: known(c)?,
                    title: field("title"),
                    description: field("description"),
                },
                *version,
            ),
            Action::EditTasks { career: c, version } => (
                Request::SetTasks {
                    career: known(c)?,
                    tasks: field("tasks").lines().map(str::to_string).collect(),
                },
                *version,
            ),
            _ => return Ok(expired_reply()),
        };
        (edits::prepare(&view, &request)?, version)
    };
    let (author_id, author_name) = author(&m.user);
    let change = NewChange {
        scope,
        key: prepared.key.clone(),
        after: prepared.after,
        expected: Expected::Version(version),
        author_id,
        author_name,
    };
    apply(&ctx.http, data, scope, vec![change], &prepared.summary)
        .await?
        .map_err(|e| {
            conflict(
                data,
                scope,
                e,
                "Open the form again to start from their version.",
            )
        })
}
