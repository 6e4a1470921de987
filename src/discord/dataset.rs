//! `/dataset`: moderators edit the data their guild sees; owners edit what everyone sees.
//! Every command, button and modal checks the permission again on the bot's side: Discord's
//! `default_member_permissions` is only a hint that a server admin can change, and a button's
//! custom_id can be replayed by anyone.

use super::Data;
use super::actions::Action;
use super::commands::Context;
use super::embed::{Embed, colour, escape_markdown};
use super::errors::Error;
use super::reply::{Reply, no_pings};
use poise::serenity_prelude as serenity;
use rolecall::edits::{self, Request};
use rolecall::lookup::UserError;
use rolecall::overlay::Field;
use rolecall::store::{self, Expected, GuildSettings, NewChange, Pending, Scope, StoreError};
use serde_json::json;
use serenity::{ButtonStyle, CreateActionRow, CreateButton, GuildId, Member, UserId};

fn refuse(message: &str) -> Error {
    UserError::InvalidEdit {
        message: message.to_string(),
    }
    .into()
}

fn store_error(e: StoreError) -> Error {
    match e {
        StoreError::Backend(_) => Error::Internal(e.into()),
        other => refuse(&other.to_string()),
    }
}

/// Who may edit here: in a guild, members with Manage Server (or Administrator), members with
/// the guild's moderator role, and the owners; in DMs (the data everyone sees), the owners
/// only. `settings` needs Manage Server: the moderator role cannot grant itself more.
pub fn permit(
    data: &Data,
    guild: Option<GuildId>,
    user: UserId,
    member: Option<&Member>,
    settings: bool,
) -> Result<Scope, Error> {
    let owner = data.owners.contains(&user.get());
    let Some(g) = guild else {
        return if owner {
            Ok(Scope::Global)
        } else {
            Err(refuse(
                "Only the bot's owners can change the data everyone sees. Use /dataset in a server to change what that server sees.",
            ))
        };
    };
    if owner {
        return Ok(Scope::Guild(g.get()));
    }
    let manage = member
        .and_then(|m| m.permissions)
        .is_some_and(|p| p.manage_guild() || p.administrator());
    if manage {
        return Ok(Scope::Guild(g.get()));
    }
    if !settings {
        let role = data
            .edits
            .store
            .settings(g.get())
            .map_err(store_error)?
            .moderator_role;
        if let (Some(role), Some(m)) = (role, member)
            && m.roles.iter().any(|r| r.get() == role)
        {
            return Ok(Scope::Guild(g.get()));
        }
    }
    Err(refuse(if settings {
        "You need the Manage Server permission to change these settings."
    } else {
        "You need the Manage Server permission, or this server's moderator role, to change the data here."
    }))
}

fn permit_ctx(ctx: Context<'_>, settings: bool) -> Result<Scope, Error> {
    let member = match ctx {
        poise::Context::Application(a) => a.interaction.member.as_deref(),
        poise::Context::Prefix(_) => None,
    };
    permit(
        ctx.data(),
        ctx.guild_id(),
        ctx.author().id,
        member,
        settings,
    )
}

fn author(user: &serenity::User) -> (u64, String) {
    (
        user.id.get(),
        user.global_name
            .clone()
            .unwrap_or_else(|| user.name.clone()),
    )
}

/// Applies edits now, refreshes the scope's overlay, posts to the modlog; the confirmation.
async fn apply(
    ctx: &serenity::Context,
    data: &Data,
    scope: Scope,
    changes: Vec<NewChange>,
    summary: &str,
) -> Result<Reply, Error> {
    let done = data.edits.store.apply(&changes).map_err(store_error)?;
    data.edits.refresh(scope);
    let ids: Vec<String> = done.iter().map(|c| format!("#{}", c.id)).collect();
    let who = changes
        .first()
        .map_or(String::new(), |c| c.author_name.clone());
    modlog(
        ctx,
        data,
        scope,
        &format!("{} — by {who} ({})", summary, ids.join(", ")),
    )
    .await;
    Ok(
        Reply::card(Embed::new("Done", colour::PAY).description(format!(
            "{} ({})",
            escape_markdown(summary),
            ids.join(", ")
        )))
        .ephemeral(),
    )
}

/// Posts a change to the guild's modlog channel, if it has one. A failure is logged, not
/// fatal: the change itself is already made.
async fn modlog(ctx: &serenity::Context, data: &Data, scope: Scope, text: &str) {
    let Scope::Guild(g) = scope else { return };
    let Ok(GuildSettings {
        modlog_channel: Some(ch),
        ..
    }) = data.edits.store.settings(g)
    else {
        return;
    };
    let message = serenity::CreateMessage::new()
        .embed(
            Embed::new("Dataset changed", colour::INFO)
                .description(escape_markdown(text))
                .build(),
        )
        .allowed_mentions(no_pings());
    if let Err(e) = serenity::ChannelId::new(ch)
        .send_message(&ctx.http, message)
        .await
    {
        tracing::warn!(channel = ch, error = %e, "could not post to the modlog");
    }
}

fn career(view: &rolecall::View, role: &str) -> Result<usize, Error> {
    view.lookup_career(role).map_err(Error::from)
}

/// Moderators edit the data this server sees (owners: the data everyone sees, from a DM).
#[poise::command(
    slash_command,
    subcommands(
        "figure",
        "alias",
        "edit",
        "responsibilities",
        "hide",
        "unhide",
        "history",
        "undo",
        "settings",
        "export",
        "import",
        "add",
        "reload"
    ),
    subcommand_required,
    default_member_permissions = "MANAGE_GUILD",
    install_context = "Guild|User",
    interaction_context = "Guild|BotDm"
)]
pub async fn dataset(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Figures: pay, growth, openings, education.
#[poise::command(slash_command, subcommands("figure_set"), subcommand_required)]
pub async fn figure(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum FieldChoice {
    #[name = "median pay (annual)"]
    AnnualMedian,
    #[name = "10th percentile pay"]
    AnnualP10,
    #[name = "25th percentile pay"]
    AnnualP25,
    #[name = "75th percentile pay"]
    AnnualP75,
    #[name = "90th percentile pay"]
    AnnualP90,
    #[name = "mean pay (annual)"]
    AnnualMean,
    #[name = "median pay (hourly)"]
    HourlyMedian,
    #[name = "projected growth (%)"]
    GrowthPct,
    #[name = "openings a year"]
    OpeningsPerYear,
    #[name = "typical entry education"]
    Education,
}

impl FieldChoice {
    fn field(self) -> Field {
        match self {
            FieldChoice::AnnualMedian => Field::AnnualMedian,
            FieldChoice::AnnualP10 => Field::AnnualP10,
            FieldChoice::AnnualP25 => Field::AnnualP25,
            FieldChoice::AnnualP75 => Field::AnnualP75,
            FieldChoice::AnnualP90 => Field::AnnualP90,
            FieldChoice::AnnualMean => Field::AnnualMean,
            FieldChoice::HourlyMedian => Field::HourlyMedian,
            FieldChoice::GrowthPct => Field::GrowthPct,
            FieldChoice::OpeningsPerYear => Field::OpeningsPerYear,
            FieldChoice::Education => Field::Education,
        }
    }
}

/// Set a figure (shown with your source, beside the published one). Asks to confirm.
#[poise::command(slash_command, rename = "set")]
pub async fn figure_set(
    ctx: Context<'_>,
    #[description = "The role"]
    #[autocomplete = "super::autocomplete::role"]
    role: String,
    #[description = "Which figure"] field: FieldChoice,
    #[description = "The new value, e.g. 90000 or 5.2"]
    #[max_length = 100]
    value: String,
    #[description = "Where the figure comes from"]
    #[max_length = 200]
    source: String,
    #[description = "For pay: the state or metro area (default: the whole country)"]
    #[autocomplete = "super::autocomplete::place"]
    location: Option<String>,
) -> Result<(), Error> {
    let scope = permit_ctx(ctx, false)?;
    let data = ctx.data();
    let scoped = data.scoped(ctx.guild_id());
    let view = scoped.view();
    let idx = career(&view, &role)?;
    let area = location
        .as_deref()
        .map(|l| view.rc.lookup_place(l))
        .transpose()?;
    let prepared = edits::prepare(
        &view,
        &Request::SetFigure {
            career: idx,
            area,
            field: field.field(),
            value,
            source,
        },
    )?;
    let current = data
        .edits
        .store
        .entry(scope, &prepared.key)
        .map_err(store_error)?;
    // What the audience sees now: this scope's edit, else the owners' for everyone, else the
    // published figure.
    let global = match (scope, &current) {
        (Scope::Guild(_), None) => data
            .edits
            .store
            .entry(Scope::Global, &prepared.key)
            .map_err(store_error)?,
        _ => None,
    };
    let shown = |e: &rolecall::store::Entry, whose: &str| {
        let value = edits::describe(&view, &prepared.key, None, Some(&e.value));
        format!(
            "Now: {} ({whose} by {} on {}).",
            value.rsplit(" → ").next().unwrap_or(""),
            e.by,
            e.at.chars().take(10).collect::<String>()
        )
    };
    let now = match (&current, &global) {
        (Some(e), _) => shown(e, "edited here"),
        (None, Some(g)) => shown(g, "edited for everyone"),
        (None, None) => "Now: the published figure.".to_string(),
    };
    let pending = json!({
        "changes": [{ "key": prepared.key, "after": prepared.after, "expected": current.map(|e| e.version) }],
        "summary": prepared.summary,
    });
    let embed = Embed::new("Confirm the change", colour::ASK)
        .description(escape_markdown(&format!("{}?\n{now}", prepared.summary)));
    ask_to_confirm(ctx, scope, pending, embed, "Confirm").await
}

/// Keeps a change in the store until the editor confirms it (so the buttons survive a
/// restart) and asks; the Confirm button carries only the pending id.
async fn ask_to_confirm(
    ctx: Context<'_>,
    scope: Scope,
    pending: serde_json::Value,
    embed: Embed,
    confirm: &str,
) -> Result<(), Error> {
    let id = ctx
        .data()
        .edits
        .store
        .put_pending(scope, &pending, store::now_secs())
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
            .to_poise(),
    )
    .await?;
    Ok(())
}

/// Names people use for a role.
#[poise::command(
    slash_command,
    subcommands("alias_add", "alias_remove"),
    subcommand_required
)]
pub async fn alias(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Add a name people use for a role.
#[poise::command(slash_command, rename = "add")]
pub async fn alias_add(
    ctx: Context<'_>,
    #[description = "The role"]
    #[autocomplete = "super::autocomplete::role"]
    role: String,
    #[description = "The name to add"]
    #[max_length = 100]
    name: String,
) -> Result<(), Error> {
    direct(ctx, |view| {
        Ok(Request::AddAlias {
            career: career(view, &role)?,
            text: name.clone(),
        })
    })
    .await
}

/// Remove a name of a role.
#[poise::command(slash_command, rename = "remove")]
pub async fn alias_remove(
    ctx: Context<'_>,
    #[description = "The role"]
    #[autocomplete = "super::autocomplete::role"]
    role: String,
    #[description = "The name to remove"]
    #[max_length = 100]
    name: String,
) -> Result<(), Error> {
    direct(ctx, |view| {
        Ok(Request::RemoveAlias {
            career: career(view, &role)?,
            text: name.clone(),
        })
    })
    .await
}

/// Hide a role from answers here.
#[poise::command(slash_command)]
pub async fn hide(
    ctx: Context<'_>,
    #[description = "The role"]
    #[autocomplete = "super::autocomplete::role"]
    role: String,
) -> Result<(), Error> {
    direct(ctx, |view| {
        Ok(Request::Hide {
            career: career(view, &role)?,
        })
    })
    .await
}

/// Show a hidden role again.
#[poise::command(slash_command)]
pub async fn unhide(
    ctx: Context<'_>,
    #[description = "The role (its id, e.g. 15-1252.00, or its name)"] role: String,
) -> Result<(), Error> {
    // A hidden role cannot be looked up through the view that hides it: use the shipped names.
    direct(ctx, |view| {
        Ok(Request::Unhide {
            career: view.rc.lookup_career(&role)?,
        })
    })
    .await
}

/// Add a role people ask about that is not an occupation of its own.
#[poise::command(slash_command)]
pub async fn add(
    ctx: Context<'_>,
    #[description = "Its name, e.g. Developer Advocate"]
    #[max_length = 100]
    name: String,
    #[description = "What the role does"]
    #[max_length = 1000]
    description: String,
    #[description = "The occupation whose figures it uses (leave empty to set its own with /dataset figure set)"]
    #[autocomplete = "super::autocomplete::role"]
    figures_from: Option<String>,
) -> Result<(), Error> {
    direct(ctx, |view| {
        let from = figures_from
            .as_deref()
            .map(|f| career(view, f))
            .transpose()?;
        Ok(Request::AddRole {
            title: name.clone(),
            description: description.clone(),
            figures_from: from,
        })
    })
    .await
}

/// Prepare and apply an edit at once (names, hiding, new roles: nothing to overwrite).
async fn direct(
    ctx: Context<'_>,
    request: impl FnOnce(&rolecall::View) -> Result<Request, Error>,
) -> Result<(), Error> {
    let scope = permit_ctx(ctx, false)?;
    let data = ctx.data();
    let (prepared, expected) = {
        let scoped = data.scoped(ctx.guild_id());
        let view = scoped.view();
        let prepared = edits::prepare(&view, &request(&view)?)?;
        // What the edit replaces is what this moderator's view showed.
        let expected = data
            .edits
            .store
            .entry(scope, &prepared.key)
            .map_err(store_error)?
            .map(|e| e.version);
        (prepared, expected)
    };
    let (author_id, author_name) = author(ctx.author());
    let change = NewChange {
        scope,
        key: prepared.key,
        after: prepared.after,
        expected: Expected::Version(expected),
        author_id,
        author_name,
    };
    ctx.send(
        apply(
            ctx.serenity_context(),
            data,
            scope,
            vec![change],
            &prepared.summary,
        )
        .await?
        .to_poise(),
    )
    .await?;
    Ok(())
}

/// Who changed what, and when.
#[poise::command(slash_command)]
pub async fn history(
    ctx: Context<'_>,
    #[description = "Only changes to this role"]
    #[autocomplete = "super::autocomplete::role"]
    role: Option<String>,
    #[description = "Page"]
    #[min = 1]
    page: Option<usize>,
) -> Result<(), Error> {
    let scope = permit_ctx(ctx, false)?;
    let data = ctx.data();
    let career = match role {
        Some(r) => Some(
            data.scoped(ctx.guild_id())
                .view()
                .lookup_career(&r)
                .map(|i| data.scoped(ctx.guild_id()).view().career(i).id.clone())?,
        ),
        None => None,
    };
    let reply = history_page(data, ctx.guild_id(), scope, career, page.unwrap_or(1))?;
    ctx.send(reply.to_poise()).await?;
    Ok(())
}

const PER_PAGE: usize = 10;

fn history_page(
    data: &Data,
    guild: Option<GuildId>,
    scope: Scope,
    career: Option<String>,
    page: usize,
) -> Result<Reply, Error> {
    // The page is clamped to what exists before it becomes an offset (a forged id may say 10^18).
    let (_, total) = data
        .edits
        .store
        .history(scope, career.as_deref(), 0, 0)
        .map_err(store_error)?;
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let (changes, _) = data
        .edits
        .store
        .history(scope, career.as_deref(), (page - 1) * PER_PAGE, PER_PAGE)
        .map_err(store_error)?;
    let scoped = data.scoped(guild);
    let view = scoped.view();
    let lines: Vec<String> = changes
        .iter()
        .map(|c| {
            let undone = match (c.undone_by, c.undo_of) {
                (Some(u), _) => format!(" *(undone by #{u})*"),
                (_, Some(o)) => format!(" *(undoes #{o})*"),
                _ => String::new(),
            };
            format!(
                "**#{}** · {} · {} · {}{undone}",
                c.id,
                c.at.chars().take(10).collect::<String>(),
                escape_markdown(&c.author_name),
                escape_markdown(&edits::describe(
                    &view,
                    &c.key,
                    c.before.as_ref(),
                    c.after.as_ref()
                ))
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
        .footer(format!("Page {page} of {pages} · {total} changes"));
    let mut buttons = Vec::new();
    if page > 1 {
        buttons.extend(
            Action::History {
                career: career.clone(),
                page: page - 1,
            }
            .encode()
            .map(|id| {
                CreateButton::new(id)
                    .label("◀ Newer")
                    .style(ButtonStyle::Secondary)
            }),
        );
    }
    if page < pages {
        buttons.extend(
            Action::History {
                career,
                page: page + 1,
            }
            .encode()
            .map(|id| {
                CreateButton::new(id)
                    .label("Older ▶")
                    .style(ButtonStyle::Secondary)
            }),
        );
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
    let scope = permit_ctx(ctx, false)?;
    let data = ctx.data();
    let (author_id, author_name) = author(ctx.author());
    let undone = data
        .edits
        .store
        .undo(scope, change, author_id, &author_name)
        .map_err(store_error)?;
    data.edits.refresh(scope);
    let summary = {
        let scoped = data.scoped(ctx.guild_id());
        let view = scoped.view();
        format!(
            "Undid #{}: {}",
            undone.undo_of.unwrap_or_default(),
            edits::describe(
                &view,
                &undone.key,
                undone.before.as_ref(),
                undone.after.as_ref()
            )
        )
    };
    modlog(
        ctx.serenity_context(),
        data,
        scope,
        &format!("{summary} — by {author_name} (#{})", undone.id),
    )
    .await;
    ctx.send(
        Reply::card(
            Embed::new("Done", colour::PAY)
                .description(escape_markdown(&format!("{summary} (#{})", undone.id))),
        )
        .ephemeral()
        .to_poise(),
    )
    .await?;
    Ok(())
}

/// Who may edit here besides Manage Server, and where changes are posted.
#[poise::command(slash_command)]
pub async fn settings(
    ctx: Context<'_>,
    // Ids, not Role/GuildChannel: those would cost a REST call to fetch what is not used.
    #[description = "Members with this role may edit the data here"] moderator_role: Option<
        serenity::RoleId,
    >,
    #[description = "Post every change in this channel"] modlog_channel: Option<
        serenity::ChannelId,
    >,
    #[description = "Forget the moderator role and modlog channel"] clear: Option<bool>,
) -> Result<(), Error> {
    let scope = permit_ctx(ctx, true)?;
    let Scope::Guild(g) = scope else {
        return Err(refuse(
            "Settings belong to a server; use this command in one.",
        ));
    };
    let store = &ctx.data().edits.store;
    let mut s = if clear == Some(true) {
        GuildSettings::default()
    } else {
        store.settings(g).map_err(store_error)?
    };
    if let Some(r) = moderator_role {
        s.moderator_role = Some(r.get());
    }
    if let Some(c) = modlog_channel {
        s.modlog_channel = Some(c.get());
    }
    store.set_settings(g, &s).map_err(store_error)?;
    let show =
        |v: Option<u64>, kind: &str| v.map_or("none".to_string(), |id| format!("<{kind}{id}>"));
    let e = Embed::new("Dataset settings", colour::INFO).description(format!(
        "Moderator role: {}\nModlog channel: {}\n(Members with Manage Server can always edit.)",
        show(s.moderator_role, "@&"),
        show(s.modlog_channel, "#")
    ));
    ctx.send(Reply::card(e).ephemeral().to_poise()).await?;
    Ok(())
}

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
    let scope = permit_ctx(ctx, false)?;
    let entries = ctx.data().edits.store.entries(scope).map_err(store_error)?;
    let (name, bytes) = match format.unwrap_or(Format::Json) {
        Format::Json => (
            "rolecall-edits.json",
            rolecall::exchange::to_json(&entries).into_bytes(),
        ),
        Format::Csv => (
            "rolecall-edits.csv",
            rolecall::exchange::to_csv(&entries).into_bytes(),
        ),
    };
    let e =
        Embed::new("Export", colour::INFO).description(format!("{} current edits.", entries.len()));
    let mut reply = Reply::card(e).ephemeral();
    reply
        .attachments
        .push(serenity::CreateAttachment::bytes(bytes, name));
    ctx.send(reply.to_poise()).await?;
    Ok(())
}

/// A confirm/cancel/history button: permission checked again, then done.
pub async fn component(
    ctx: &serenity::Context,
    data: &Data,
    c: &serenity::ComponentInteraction,
    action: Action,
) -> (Reply, bool) {
    let scope = match permit(data, c.guild_id, c.user.id, c.member.as_ref(), false) {
        Ok(s) => s,
        Err(Error::User { error, pick }) => {
            return (
                super::errors::user_error_reply(&error, pick.as_ref()),
                false,
            );
        }
        Err(Error::Internal(e)) => {
            tracing::error!(error = %format!("{e:#}"), "permission check failed");
            return (super::errors::internal_error_reply(), false);
        }
    };
    let result = match action {
        Action::Confirm(id) => confirm(ctx, data, scope, &id, &c.user).await,
        Action::Cancel(id) => data
            .edits
            .store
            .take_pending(scope, &id, store::now_secs())
            .map_err(store_error)
            .map(|_| {
                Reply::card(
                    Embed::new("Cancelled", colour::INFO).description("Nothing was changed."),
                )
                .ephemeral()
            }),
        Action::History { career, page } => history_page(data, c.guild_id, scope, career, page),
        _ => Err(Error::Internal(anyhow::anyhow!("not a moderation action"))),
    };
    match result {
        Ok(r) => (r, true),
        Err(Error::User { error, pick }) => {
            (super::errors::user_error_reply(&error, pick.as_ref()), true)
        }
        Err(Error::Internal(e)) => {
            tracing::error!(error = %format!("{e:#}"), interaction = %c.id, "moderation action failed");
            (super::errors::internal_error_reply(), false)
        }
    }
}

async fn confirm(
    ctx: &serenity::Context,
    data: &Data,
    scope: Scope,
    id: &str,
    user: &serenity::User,
) -> Result<Reply, Error> {
    let p = match data
        .edits
        .store
        .take_pending(scope, id, store::now_secs())
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
    // Each change carries the version its preview showed: anything changed since is a conflict,
    // and a conflict anywhere applies none of them.
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
    let seen: Vec<(String, Expected)> = changes
        .iter()
        .map(|c| (c.key.clone(), c.expected))
        .collect();
    match apply(ctx, data, scope, changes, &summary).await {
        Err(Error::User {
            error: UserError::InvalidEdit { message },
            ..
        }) if message.starts_with("someone else changed") => {
            // Say which changed, what it is now, in words, and by whom.
            let mut key = seen.first().map(|(k, _)| k.clone()).unwrap_or_default();
            for (k, expected) in &seen {
                let version = data
                    .edits
                    .store
                    .entry(scope, k)
                    .map_err(store_error)?
                    .map(|e| e.version);
                if Expected::Version(version) != *expected {
                    key = k.clone();
                    break;
                }
            }
            let now = data.edits.store.entry(scope, &key).map_err(store_error)?;
            let scoped = data.scoped(match scope {
                Scope::Guild(g) => Some(GuildId::new(g)),
                Scope::Global => None,
            });
            let view = scoped.view();
            let text = match now {
                Some(e) => format!(
                    "Not changed: {} changed it meanwhile ({}). It is now: {}. Run the command again to replace it.",
                    e.by,
                    e.at.chars().take(10).collect::<String>(),
                    edits::describe(&view, &key, None, Some(&e.value)).rsplit(" → ").next().unwrap_or_default()
                ),
                None => "Not changed: someone changed it back to the published figure meanwhile. Run the command again to replace it.".to_string(),
            };
            Err(refuse(&text))
        }
        other => other,
    }
}

/// Owners: re-read data/ after a hand edit (validated first; on an error the data stays).
///
/// On an error the running data stays and the message names the file and line.
#[poise::command(slash_command)]
pub async fn reload(ctx: Context<'_>) -> Result<(), Error> {
    let data = ctx.data();
    if !data.owners.contains(&ctx.author().id.get()) {
        return Err(refuse("Only the bot's owners can reload the data."));
    }
    let dir = data.data_dir.clone();
    let loaded = tokio::task::spawn_blocking(move || rolecall::Rolecall::load(&dir))
        .await
        .map_err(|e| Error::Internal(e.into()))?;
    let reply = match loaded {
        Ok(rc) => {
            let text = format!(
                "Reloaded {}: {} careers, dataset {}.",
                data.data_dir.display(),
                rc.data.careers.len(),
                rc.data.meta.dataset_version
            );
            data.replace_data(rc);
            tracing::info!(by = %ctx.author().id, "data reloaded");
            Reply::card(Embed::new("Reloaded", colour::PAY).description(text))
        }
        Err(e) => {
            tracing::warn!(error = %e, "reload refused");
            Reply::card(
                Embed::new("Not reloaded", colour::ERROR)
                    .description(format!("The running data stays.\n```\n{e}\n```")),
            )
        }
    };
    ctx.send(reply.ephemeral().to_poise()).await?;
    Ok(())
}

/// Largest file `/dataset import` reads.
const MAX_IMPORT_BYTES: u32 = 1 << 20;

/// Apply a file of changes (as /dataset export writes). Shows what would change; asks to confirm.
#[poise::command(slash_command, rename = "import")]
pub async fn import(
    ctx: Context<'_>,
    #[description = "A JSON or CSV file from /dataset export"] file: serenity::Attachment,
) -> Result<(), Error> {
    let scope = permit_ctx(ctx, false)?;
    if file.size > MAX_IMPORT_BYTES {
        return Err(refuse(&format!(
            "That file is too large ({} bytes; at most {MAX_IMPORT_BYTES}).",
            file.size
        )));
    }
    let bytes = file
        .download()
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("downloading the attachment: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| refuse("That file is not UTF-8 text. Nothing was changed."))?;
    let data = ctx.data();
    let refused = |e: rolecall::exchange::FileError| {
        refuse(&format!(
            "{} is refused, nothing was changed: {e}.",
            file.filename
        ))
    };
    let items = rolecall::exchange::parse(&text).map_err(refused)?;
    let (planned, lines) = {
        let scoped = data.scoped(ctx.guild_id());
        let view = scoped.view();
        let planned = rolecall::exchange::plan(&view, items).map_err(refused)?;
        let lines: Vec<String> = planned
            .iter()
            .map(|p| {
                let before = data
                    .edits
                    .store
                    .entry(scope, &p.key)
                    .ok()
                    .flatten()
                    .map(|e| e.value);
                format!(
                    "• {}",
                    edits::describe(&view, &p.key, before.as_ref(), p.after.as_ref())
                )
            })
            .collect();
        (planned, lines)
    };
    if planned.is_empty() {
        return Err(refuse("That file has no changes in it."));
    }
    let mut changes = Vec::new();
    for p in &planned {
        let expected = data
            .edits
            .store
            .entry(scope, &p.key)
            .map_err(store_error)?
            .map(|e| e.version);
        changes.push(json!({ "key": p.key, "after": p.after, "expected": expected }));
    }
    let summary = format!("Imported {} changes from {}", planned.len(), file.filename);
    let shown: Vec<String> = lines.iter().take(15).cloned().collect();
    let more = if lines.len() > shown.len() {
        format!("\n…and {} more.", lines.len() - shown.len())
    } else {
        String::new()
    };
    let e = Embed::new(
        format!("Import {}: {} changes", file.filename, planned.len()),
        colour::ASK,
    )
    .description(format!("{}{more}", escape_markdown(&shown.join("\n"))));
    ask_to_confirm(
        ctx,
        scope,
        json!({ "changes": changes, "summary": summary }),
        e,
        "Apply all",
    )
    .await
}

/// Opens a modal pre-filled with what this guild sees now; its custom_id carries the version
/// it was filled from, so a submission after someone else's edit is a conflict.
async fn open_modal(ctx: Context<'_>, role: &str, tasks: bool) -> Result<(), Error> {
    let scope = permit_ctx(ctx, false)?;
    let data = ctx.data();
    let (modal, career_title) = {
        let scoped = data.scoped(ctx.guild_id());
        let view = scoped.view();
        let idx = career(&view, role)?;
        let c = view.career(idx);
        let key = if tasks {
            rolecall::overlay::Key::Tasks {
                career: c.id.clone(),
            }
        } else {
            rolecall::overlay::Key::Text {
                career: c.id.clone(),
            }
        };
        let version = data
            .edits
            .store
            .entry(scope, &key.encode())
            .map_err(store_error)?
            .map(|e| e.version);
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
            if text.chars().count() > 4000 {
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
                4000,
            )]
        } else {
            vec![
                input(
                    serenity::InputTextStyle::Short,
                    "Title",
                    "title",
                    c.title.clone(),
                    100,
                ),
                input(
                    serenity::InputTextStyle::Paragraph,
                    "Description",
                    "description",
                    c.description.chars().take(2000).collect(),
                    2000,
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
        let title = super::embed::fit(
            &format!("{} {}", if tasks { "Tasks:" } else { "Edit" }, c.title),
            45,
        );
        (
            serenity::CreateModal::new(id, title).components(rows),
            c.title.clone(),
        )
    };
    let poise::Context::Application(actx) = ctx else {
        return Err(refuse("Use this as a slash command."));
    };
    tracing::debug!(career = %career_title, "opening the edit modal");
    actx.interaction
        .create_response(
            ctx.http(),
            serenity::CreateInteractionResponse::Modal(modal),
        )
        .await?;
    Ok(())
}

/// Edit a role's title and description (a form pre-filled with the current text).
#[poise::command(slash_command)]
pub async fn edit(
    ctx: Context<'_>,
    #[description = "The role"]
    #[autocomplete = "super::autocomplete::role"]
    role: String,
) -> Result<(), Error> {
    open_modal(ctx, &role, false).await
}

/// Edit a role's responsibilities (a form pre-filled with the current list).
#[poise::command(slash_command)]
pub async fn responsibilities(
    ctx: Context<'_>,
    #[description = "The role"]
    #[autocomplete = "super::autocomplete::role"]
    role: String,
) -> Result<(), Error> {
    open_modal(ctx, &role, true).await
}

/// A submitted edit form: permission checked again (a submission can be forged by hand), then
/// applied only over the version the form was filled from.
pub async fn modal(ctx: &serenity::Context, data: &Data, m: &serenity::ModalInteraction) {
    let reply = match modal_reply(ctx, data, m).await {
        Ok(r) => r,
        Err(Error::User { error, pick }) => super::errors::user_error_reply(&error, pick.as_ref()),
        Err(Error::Internal(e)) => {
            tracing::error!(error = %format!("{e:#}"), interaction = %m.id, "edit form failed");
            super::errors::internal_error_reply()
        }
    };
    let response = serenity::CreateInteractionResponse::Message(reply.to_interaction());
    if let Err(e) = m.create_response(&ctx.http, response).await {
        tracing::error!(interaction = %m.id, error = %e, "could not answer the form");
    }
}

async fn modal_reply(
    ctx: &serenity::Context,
    data: &Data,
    m: &serenity::ModalInteraction,
) -> Result<Reply, Error> {
    let Some((action, _)) = Action::decode(&m.data.custom_id) else {
        return Ok(super::errors::expired_reply());
    };
    let scope = permit(data, m.guild_id, m.user.id, m.member.as_ref(), false)?;
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
        let (request, version) = match &action {
            Action::EditText { career: c, version } => {
                let idx = view
                    .by_id(c)
                    .ok_or_else(|| refuse("That role no longer exists."))?;
                (
                    Request::SetText {
                        career: idx,
                        title: field("title"),
                        description: field("description"),
                    },
                    *version,
                )
            }
            Action::EditTasks { career: c, version } => {
                let idx = view
                    .by_id(c)
                    .ok_or_else(|| refuse("That role no longer exists."))?;
                (
                    Request::SetTasks {
                        career: idx,
                        tasks: field("tasks").lines().map(str::to_string).collect(),
                    },
                    *version,
                )
            }
            _ => return Ok(super::errors::expired_reply()),
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
    match apply(ctx, data, scope, vec![change], &prepared.summary).await {
        Err(Error::User {
            error: UserError::InvalidEdit { message },
            ..
        }) if message.starts_with("someone else changed") => {
            let by = data
                .edits
                .store
                .entry(scope, &prepared.key)
                .ok()
                .flatten()
                .map_or("someone".to_string(), |e| e.by);
            Err(refuse(&format!(
                "Not changed: {by} edited this meanwhile. Open the form again to start from their version."
            )))
        }
        other => other,
    }
}
