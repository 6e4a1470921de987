//! Gateway events that are not slash commands: questions in chat (a mention, or a DM) and
//! clicks on buttons and select menus.

use super::actions::Action;
use super::charts::{CHAT_BUDGET, INTERACTION_BUDGET};
use super::errors::{Error, expired_reply, failure_reply};
use super::state::Data;
use super::{cards, metrics, run};
use poise::serenity_prelude as serenity;
use serenity::{
    ComponentInteraction, ComponentInteractionDataKind, CreateInteractionResponse, FullEvent,
    Interaction, Message,
};

pub async fn handle(
    framework: poise::FrameworkContext<'_, Data, Error>,
    event: &FullEvent,
) -> Result<(), Error> {
    let ctx = framework.serenity_context;
    let data = framework.user_data;
    let started = std::time::Instant::now();
    match event {
        FullEvent::Message { new_message } => {
            if chat(ctx, data, new_message).await? {
                metrics::interaction("chat", "question", "ok", started);
            }
            Ok(())
        }
        FullEvent::InteractionCreate {
            interaction: Interaction::Component(c),
        } => {
            component(ctx, data, c).await?;
            metrics::interaction("component", "button", "ok", started);
            Ok(())
        }
        FullEvent::InteractionCreate {
            interaction: Interaction::Modal(m),
        } => {
            super::dataset::modal(ctx, data, m).await;
            metrics::interaction("modal", "edit form", "ok", started);
            Ok(())
        }
        FullEvent::Ready { data_about_bot } => {
            tracing::info!(shard = %ctx.shard_id, guilds = data_about_bot.guilds.len(), "gateway session ready");
            metrics::gateway_session(ctx.shard_id, "ready");
            Ok(())
        }
        FullEvent::Resume { .. } => {
            tracing::info!(shard = %ctx.shard_id, "gateway session resumed");
            metrics::gateway_session(ctx.shard_id, "resumed");
            Ok(())
        }
        _ => Ok(()),
    }
}

/// A question in chat: answered when the bot is mentioned or the message is a DM. Both carry
/// their content without the privileged Message Content intent. Whether it was answered.
async fn chat(ctx: &serenity::Context, data: &Data, msg: &Message) -> Result<bool, Error> {
    if msg.author.bot {
        return Ok(false);
    }
    let me = ctx.cache.current_user().id;
    let is_dm = msg.guild_id.is_none();
    let named =
        msg.content.contains(&format!("<@{me}>")) || msg.content.contains(&format!("<@!{me}>"));
    let what = format!("chat message {} in channel {}", msg.id, msg.channel_id);
    let scoped = data.scoped(msg.guild_id);
    let view = scoped.view();
    // A reply to one of the bot's answers follows up on it: the answer's buttons say what it
    // answered. (Its content arrives because replying pings the bot; with the ping off there
    // is no content and nothing to read.) A reply it cannot read gets no answer.
    let earlier = msg
        .referenced_message
        .as_deref()
        .filter(|m| m.author.id == me)
        .and_then(|m| cards::state_of(&custom_ids(m)));
    let reply = match earlier {
        Some(earlier) => match run::followup(&view, &earlier, &msg.content) {
            Some(r) => r.unwrap_or_else(|e| failure_reply(e, &what)),
            None => return Ok(false),
        },
        None if is_dm || named => {
            run::question(&view, &msg.content).unwrap_or_else(|e| failure_reply(e, &what))
        }
        None => return Ok(false),
    };
    let (reply, _sending) = data.charts.attach(reply, CHAT_BUDGET, &what).await;
    if let Err(e) = msg
        .channel_id
        .send_message(&ctx.http, reply.into_message(msg))
        .await
    {
        tracing::error!(context = %what, error = %e, "could not send the reply");
    }
    Ok(true)
}

/// The custom_ids of a message's buttons and menus, in order.
fn custom_ids(m: &Message) -> Vec<String> {
    m.components
        .iter()
        .flat_map(|row| &row.components)
        .filter_map(|c| match c {
            serenity::ActionRowComponent::Button(b) => match &b.data {
                serenity::ButtonKind::NonLink { custom_id, .. } => Some(custom_id.clone()),
                _ => None,
            },
            serenity::ActionRowComponent::SelectMenu(s) => s.custom_id.clone(),
            _ => None,
        })
        .collect()
}

/// Every career id an action names must still exist: a button made before the data changed
/// says it expired rather than answering about something else.
fn still_valid(view: &rolecall::View, action: &Action) -> bool {
    let known = |id: &String| view.by_id(id).is_some();
    match action {
        Action::Career(id) | Action::Responsibilities(id) | Action::Related(id) => known(id),
        Action::Salary { career, area }
        | Action::Outlook { career, area }
        | Action::Education { career, area } => {
            known(career)
                && area
                    .as_ref()
                    .is_none_or(|a| view.rc.data.areas.iter().any(|x| &x.code == a))
        }
        Action::TopPlaces { career, .. } => known(career),
        Action::Compare { careers, .. } => careers.iter().all(known),
        Action::Page { .. } | Action::OpenSelected => true,
        Action::Confirm(_) | Action::Cancel(_) | Action::History { .. } => true,
        Action::EditText { .. } | Action::EditTasks { .. } => true,
    }
}

async fn component(
    ctx: &serenity::Context,
    data: &Data,
    c: &ComponentInteraction,
) -> Result<(), Error> {
    let what = format!("component {} (interaction {})", c.data.custom_id, c.id);
    // Moderation buttons check permissions and defer on their own.
    if let Some((action, _)) = Action::decode(&c.data.custom_id)
        && action.is_moderation()
    {
        super::dataset::component(ctx, data, c, action).await;
        return Ok(());
    }
    let scoped = data.scoped(c.guild_id);
    let view = scoped.view();
    let decoded =
        Action::decode(&c.data.custom_id).map(|(action, choice)| match (action, &c.data.kind) {
            (Action::OpenSelected, ComponentInteractionDataKind::StringSelect { values }) => {
                (values.first().cloned().map(Action::Career), choice)
            }
            (Action::OpenSelected, _) => (None, choice),
            (action, _) => (Some(action), choice),
        });
    let (reply, replace) = match decoded {
        // A "did you mean" choice carries what was typed for the slots still to resolve, so
        // only buttons on cards must name known ids.
        Some((Some(action), choice)) if choice || still_valid(&view, &action) => {
            let reply = match run::run(&view, &action) {
                Ok(r) if choice => r,
                // Opening more from a card shows it to the one who clicked.
                Ok(r) => r.ephemeral(),
                Err(e) => failure_reply(e, &what),
            };
            (reply, choice)
        }
        _ => (expired_reply(), false),
    };
    let (reply, _sending) = data.charts.attach(reply, INTERACTION_BUDGET, &what).await;
    let message = reply.into_interaction();
    let response = if replace {
        CreateInteractionResponse::UpdateMessage(message)
    } else {
        CreateInteractionResponse::Message(message)
    };
    if let Err(e) = c.create_response(&ctx.http, response).await {
        tracing::error!(context = %what, error = %e, "could not answer the interaction");
    }
    Ok(())
}

/// Every framework error gets an answer where there is someone to answer, ephemeral and
/// through [`Reply`](super::reply::Reply): Discord shows "The application did not respond"
/// for any interaction left without one. Errors with nobody to answer are logged.
pub async fn on_error(err: poise::FrameworkError<'_, Data, Error>) {
    use poise::FrameworkError as F;
    let (ctx, reply) = match err {
        F::Command { error, ctx, .. } => {
            metrics::command_finished(ctx, metrics::outcome(&error)).await;
            let what = format!(
                "/{} by user {} in {} (interaction {})",
                ctx.command().qualified_name,
                ctx.author().id,
                ctx.guild_id()
                    .map_or("a DM".to_string(), |g| format!("guild {g}")),
                ctx.id()
            );
            (ctx, failure_reply(error, &what))
        }
        // A client with an old copy of the commands sent options of another shape: say so,
        // and register the commands again (once per process), whatever the saved hash says.
        F::CommandStructureMismatch {
            description, ctx, ..
        } => {
            super::register::mismatch(
                ctx.serenity_context(),
                ctx.data(),
                &ctx.command().qualified_name,
                description,
            );
            (
                poise::Context::Application(ctx),
                notice(
                    "Please try again",
                    "Your Discord app has an older version of this command. Try again in a minute; if it keeps happening, restart Discord.",
                ),
            )
        }
        F::ArgumentParse {
            error, input, ctx, ..
        } => {
            tracing::info!(command = %ctx.command().qualified_name, input = ?input, error = %error, "an option could not be read");
            let shown = input
                .map(|i| {
                    format!(
                        " (“{}”)",
                        super::embed::escape_markdown(&super::embed::fit(&i, 80))
                    )
                })
                .unwrap_or_default();
            (
                ctx,
                notice(
                    "I couldn't read that",
                    &format!(
                        "One of the options{shown} is not what this command takes. Pick a suggestion from the list, or type it again."
                    ),
                ),
            )
        }
        F::CommandPanic { payload, ctx, .. } => {
            tracing::error!(command = %ctx.command().qualified_name, payload = ?payload, "a command panicked");
            (ctx, super::errors::internal_error_reply())
        }
        F::SubcommandRequired { ctx } => (
            ctx,
            notice("Choose one", "Pick one of this command's subcommands."),
        ),
        F::CooldownHit {
            remaining_cooldown,
            ctx,
            ..
        } => (
            ctx,
            notice(
                "Slow down",
                &format!("Try again in {} s.", remaining_cooldown.as_secs().max(1)),
            ),
        ),
        F::MissingBotPermissions {
            missing_permissions,
            ctx,
            ..
        } => (
            ctx,
            notice(
                "I can't do that here",
                &format!("I am missing these permissions here: {missing_permissions}."),
            ),
        ),
        F::MissingUserPermissions {
            missing_permissions,
            ctx,
            ..
        } => (
            ctx,
            notice(
                "You can't do that here",
                &missing_permissions.map_or(
                    "You lack the permissions this command needs.".to_string(),
                    |p| format!("You need these permissions: {p}."),
                ),
            ),
        ),
        F::NotAnOwner { ctx, .. } => (
            ctx,
            notice("Owners only", "Only the bot's owners can use this."),
        ),
        F::GuildOnly { ctx, .. } => (ctx, notice("Servers only", "Use this command in a server.")),
        F::DmOnly { ctx, .. } => (ctx, notice("DMs only", "Use this command in a DM with me.")),
        F::NsfwOnly { ctx, .. } => (
            ctx,
            notice(
                "Not here",
                "This command works only in age-restricted channels.",
            ),
        ),
        F::CommandCheckFailed { error, ctx, .. } => {
            if let Some(e) = error {
                tracing::warn!(error = %e, "a command check failed");
            }
            (ctx, notice("Not here", "You can't use this command here."))
        }
        F::PermissionFetchFailed { ctx, .. } => {
            tracing::warn!(command = %ctx.command().qualified_name, "could not fetch permissions");
            (ctx, super::errors::internal_error_reply())
        }
        // A command this process does not know: the client's list is older (or newer) than
        // ours. Answered directly, since poise has no context for it.
        F::UnknownInteraction {
            framework,
            interaction,
            ..
        } => {
            super::register::mismatch(
                framework.serenity_context,
                framework.user_data,
                &interaction.data.name,
                "unknown command",
            );
            let reply = notice(
                "Please try again",
                "Your Discord app has an older list of my commands. Try again in a minute; if it keeps happening, restart Discord.",
            );
            let response = serenity::CreateInteractionResponse::Message(reply.into_interaction());
            if let Err(e) = interaction
                .create_response(&framework.serenity_context.http, response)
                .await
            {
                tracing::error!(error = %e, "could not answer an unknown command");
            }
            return;
        }
        F::EventHandler { error, event, .. } => {
            tracing::error!(event = event.snake_case_name(), error = %error, "event handler failed");
            return;
        }
        F::Setup { error, .. } => {
            tracing::error!(error = %error, "setup failed");
            return;
        }
        other => {
            tracing::warn!(error = %other, "framework error");
            return;
        }
    };
    // Autocomplete has no message to answer with; its errors are only logged.
    if let poise::Context::Application(a) = ctx
        && matches!(
            a.interaction_type,
            poise::CommandInteractionType::Autocomplete
        )
    {
        tracing::warn!(command = %a.command().qualified_name, "an autocomplete request failed");
        return;
    }
    if let Err(e) = ctx.send(reply.ephemeral().into_poise()).await {
        tracing::error!(command = %ctx.command().qualified_name, error = %e, "could not send the error reply");
    }
}

/// A short ephemeral card for what the user can fix.
fn notice(title: &str, text: &str) -> super::reply::Reply {
    super::reply::Reply::card(
        super::embed::Embed::new(title, super::embed::colour::ASK).description(text),
    )
    .ephemeral()
}
