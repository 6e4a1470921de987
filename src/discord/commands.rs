//! The slash commands and the "Ask Rolecall" message command, as poise functions: each turns
//! its options into an [`Action`] (or a question) and sends the card. Descriptions here are
//! what users see in Discord.

use super::actions::Action;
use super::autocomplete::{place as place_ac, role as role_ac};
use super::errors::Error;
use super::reply::Reply;
use super::state::{Context, Data};
use super::{cards, charts, run};
use poise::serenity_prelude as serenity;

/// Sends a command's card, with its pictures when they are ready in time.
async fn send(ctx: Context<'_>, reply: Result<Reply, Error>) -> Result<(), Error> {
    let what = format!(
        "/{} (interaction {})",
        ctx.command().qualified_name,
        ctx.id()
    );
    let (reply, _sending) = ctx
        .data()
        .charts
        .attach(reply?, charts::INTERACTION_BUDGET, &what)
        .await;
    ctx.send(reply.into_poise()).await?;
    Ok(())
}

/// Carries out an action on the data as this guild (or DM) sees it.
fn act(ctx: Context<'_>, action: &Action) -> Result<Reply, Error> {
    run::run(&ctx.data().scoped(ctx.guild_id()).view(), action)
}

/// Compare two to four careers side by side: education, pay, growth.
#[poise::command(slash_command)]
pub async fn compare(
    ctx: Context<'_>,
    #[description = "A role, e.g. cto"]
    #[autocomplete = "role_ac"]
    first: String,
    #[description = "Another role, e.g. product manager"]
    #[autocomplete = "role_ac"]
    second: String,
    #[description = "A third role (optional)"]
    #[autocomplete = "role_ac"]
    third: Option<String>,
    #[description = "A fourth role (optional)"]
    #[autocomplete = "role_ac"]
    fourth: Option<String>,
    #[description = "Also show pay in a state or metro area"]
    #[autocomplete = "place_ac"]
    place: Option<String>,
) -> Result<(), Error> {
    let careers = [Some(first), Some(second), third, fourth]
        .into_iter()
        .flatten()
        .collect();
    send(
        ctx,
        act(
            ctx,
            &Action::Compare {
                careers,
                area: place,
            },
        ),
    )
    .await
}

/// A career's profile: what it is, education, pay, growth, responsibilities, related careers.
#[poise::command(slash_command)]
pub async fn career(
    ctx: Context<'_>,
    #[description = "A role, e.g. data scientist"]
    #[autocomplete = "role_ac"]
    role: String,
) -> Result<(), Error> {
    send(ctx, act(ctx, &Action::Career(role))).await
}

/// Pay by percentile, nationally and in a state or metro area.
#[poise::command(slash_command)]
pub async fn salary(
    ctx: Context<'_>,
    #[description = "A role, e.g. registered nurse"]
    #[autocomplete = "role_ac"]
    role: String,
    #[description = "A state or metro area, e.g. Ohio"]
    #[autocomplete = "place_ac"]
    place: Option<String>,
) -> Result<(), Error> {
    send(
        ctx,
        act(
            ctx,
            &Action::Salary {
                career: role,
                area: place,
            },
        ),
    )
    .await
}

/// Where a career is going: projected growth 2024–34, jobs and openings a year.
#[poise::command(slash_command)]
pub async fn outlook(
    ctx: Context<'_>,
    #[description = "A role, e.g. electrician"]
    #[autocomplete = "role_ac"]
    role: String,
    #[description = "Also show how many work in a state or metro area"]
    #[autocomplete = "place_ac"]
    place: Option<String>,
) -> Result<(), Error> {
    send(
        ctx,
        act(
            ctx,
            &Action::Outlook {
                career: role,
                area: place,
            },
        ),
    )
    .await
}

#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Order {
    #[name = "highest pay first"]
    Highest,
    #[name = "lowest pay first"]
    Lowest,
}

/// Where a career pays most (or least): states and metro areas by median pay.
#[poise::command(slash_command, rename = "top-places")]
pub async fn top_places(
    ctx: Context<'_>,
    #[description = "A role, e.g. registered nurse"]
    #[autocomplete = "role_ac"]
    role: String,
    #[description = "Highest pay first (default) or lowest"] order: Option<Order>,
) -> Result<(), Error> {
    let lowest = matches!(order, Some(Order::Lowest));
    send(
        ctx,
        act(
            ctx,
            &Action::TopPlaces {
                career: role,
                lowest,
            },
        ),
    )
    .await
}

/// What it takes to start: typical entry education, experience and training.
#[poise::command(slash_command)]
pub async fn education(
    ctx: Context<'_>,
    #[description = "A role, e.g. plumber"]
    #[autocomplete = "role_ac"]
    role: String,
) -> Result<(), Error> {
    send(
        ctx,
        act(
            ctx,
            &Action::Education {
                career: role,
                area: None,
            },
        ),
    )
    .await
}

/// Ask a question in your own words, e.g. "how much do plumbers make in Denver?"
#[poise::command(slash_command, rename = "ask")]
pub async fn ask_slash(
    ctx: Context<'_>,
    #[description = "Your question"]
    #[max_length = 1000]
    question: String,
) -> Result<(), Error> {
    send(
        ctx,
        run::question(&ctx.data().scoped(ctx.guild_id()).view(), &question),
    )
    .await
}

/// What Rolecall can answer, with example questions and the commands.
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    send(ctx, Ok(cards::help())).await
}

/// What the job involves, core tasks first.
#[poise::command(slash_command)]
pub async fn responsibilities(
    ctx: Context<'_>,
    #[description = "A role, e.g. product manager"]
    #[autocomplete = "role_ac"]
    role: String,
) -> Result<(), Error> {
    send(ctx, act(ctx, &Action::Responsibilities(role))).await
}

/// Careers related to a role, most related first.
#[poise::command(slash_command)]
pub async fn related(
    ctx: Context<'_>,
    #[description = "A role, e.g. actuary"]
    #[autocomplete = "role_ac"]
    role: String,
) -> Result<(), Error> {
    send(ctx, act(ctx, &Action::Related(role))).await
}

/// Search careers by name, or browse them all.
#[poise::command(slash_command)]
pub async fn careers(
    ctx: Context<'_>,
    #[description = "Words in the career's name (leave empty to browse A–Z)"]
    #[max_length = 80]
    query: Option<String>,
) -> Result<(), Error> {
    let query = query.unwrap_or_default();
    send(ctx, act(ctx, &Action::Page { query, page: 1 })).await
}

/// Where the data comes from, how current it is, and the credits.
#[poise::command(slash_command)]
pub async fn about(ctx: Context<'_>) -> Result<(), Error> {
    send(
        ctx,
        Ok(cards::about(&rolecall::answers::about(
            &ctx.data().scoped(ctx.guild_id()).view(),
        ))),
    )
    .await
}

/// Answers the question in the selected message.
#[poise::command(context_menu_command = "Ask Rolecall")]
pub async fn ask(ctx: Context<'_>, message: serenity::Message) -> Result<(), Error> {
    send(
        ctx,
        run::question(&ctx.data().scoped(ctx.guild_id()).view(), &message.content),
    )
    .await
}

/// Every command, usable wherever the app is: installed in a guild or by a user, in guilds,
/// DMs with the bot and private channels, unless a command narrows it itself (`/dataset`).
pub fn all() -> Vec<poise::Command<Data, Error>> {
    let mut commands = vec![
        compare(),
        career(),
        salary(),
        outlook(),
        top_places(),
        education(),
        responsibilities(),
        related(),
        careers(),
        ask_slash(),
        help(),
        about(),
        ask(),
        super::dataset::dataset(),
    ];
    for c in &mut commands {
        c.install_context.get_or_insert_with(|| {
            vec![
                serenity::InstallationContext::Guild,
                serenity::InstallationContext::User,
            ]
        });
        c.interaction_context.get_or_insert_with(|| {
            vec![
                serenity::InteractionContext::Guild,
                serenity::InteractionContext::BotDm,
                serenity::InteractionContext::PrivateChannel,
            ]
        });
    }
    commands
}
