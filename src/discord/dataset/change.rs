//! Commands that change one thing: a figure (asks to confirm, since it replaces a published
//! number), a name, hiding and unhiding, a new role (applied at once: nothing is overwritten).

use super::confirm::ask_to_confirm;
use super::permit::{Level, permit_ctx};
use super::{apply, author, career, conflict, store_error};
use crate::discord::embed::{Embed, colour, escape_markdown};
use crate::discord::errors::Error;
use crate::discord::state::Context;
use rolecall::edits::{self, Request};
use rolecall::overlay::Field;
use rolecall::store::{Entry, Expected, NewChange, Scope};
use serde_json::json;

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
    #[autocomplete = "crate::discord::autocomplete::role"]
    role: String,
    #[description = "Which figure"] field: FieldChoice,
    #[description = "The new value, e.g. 90000 or 5.2"]
    #[max_length = 100]
    value: String,
    #[description = "Where the figure comes from"]
    #[max_length = 200]
    source: String,
    #[description = "For pay: the state or metro area (default: the whole country)"]
    #[autocomplete = "crate::discord::autocomplete::place"]
    place: Option<String>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let scope = permit_ctx(ctx, Level::Edit).await?;
    let data = ctx.data();
    let prepared = {
        let scoped = data.scoped(ctx.guild_id());
        let view = scoped.view();
        let idx = career(&view, &role)?;
        let area = place
            .as_deref()
            .map(|l| view.rc.lookup_place(l))
            .transpose()?;
        edits::prepare(
            &view,
            &Request::SetFigure {
                career: idx,
                area,
                field: field.field(),
                value,
                source,
            },
        )?
    };
    // What the audience sees now: this scope's edit, else the owners' for everyone, else the
    // published figure.
    let key = prepared.key.clone();
    let (current, global) = data
        .edits
        .run(move |s| {
            let current = s.entry(scope, &key)?;
            let global = match (scope, &current) {
                (Scope::Guild(_), None) => s.entry(Scope::Global, &key)?,
                _ => None,
            };
            Ok((current, global))
        })
        .await
        .map_err(store_error)?;
    let now = {
        let scoped = data.scoped(ctx.guild_id());
        let view = scoped.view();
        let shown = |e: &Entry, whose: &str| {
            let value = edits::describe(&view, &prepared.key, None, Some(&e.value));
            format!(
                "Now: {} ({whose} by {} on {}).",
                value.rsplit(" → ").next().unwrap_or(""),
                e.by,
                e.at.chars().take(10).collect::<String>()
            )
        };
        match (&current, &global) {
            (Some(e), _) => shown(e, "edited here"),
            (None, Some(g)) => shown(g, "edited for everyone"),
            (None, None) => "Now: the published figure.".to_string(),
        }
    };
    let pending = json!({
        "changes": [{ "key": prepared.key, "after": prepared.after, "expected": current.map(|e| e.version) }],
        "summary": prepared.summary,
    });
    let embed = Embed::new("Confirm the change", colour::ASK)
        .description(escape_markdown(&format!("{}?\n{now}", prepared.summary)));
    ask_to_confirm(ctx, scope, pending, embed, "Confirm").await
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
    #[autocomplete = "crate::discord::autocomplete::role"]
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
    #[autocomplete = "crate::discord::autocomplete::role"]
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
    #[autocomplete = "crate::discord::autocomplete::role"]
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
    #[autocomplete = "crate::discord::autocomplete::role"]
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

/// Prepares and applies an edit at once, over the version this moderator's view showed.
async fn direct(
    ctx: Context<'_>,
    request: impl FnOnce(&rolecall::View) -> Result<Request, Error>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let scope = permit_ctx(ctx, Level::Edit).await?;
    let data = ctx.data();
    let (prepared, expected) = {
        let scoped = data.scoped(ctx.guild_id());
        let view = scoped.view();
        let prepared = edits::prepare(&view, &request(&view)?)?;
        let expected = scoped.own().versions.get(&prepared.key).copied();
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
    let reply = apply(
        &ctx.serenity_context().http,
        data,
        scope,
        vec![change],
        &prepared.summary,
    )
    .await?
    .map_err(|e| conflict(data, scope, e, "Run the command again to replace it."))?;
    ctx.send(reply.into_poise()).await?;
    Ok(())
}
