//! Gateway events that are not slash commands: questions in chat (a mention, or a DM) and
//! clicks on buttons and select menus.

use super::actions::Action;
use super::errors::{Error, expired_reply, internal_error_reply, user_error_reply};
use super::reply::Reply;
use super::{Data, cards, run};
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
    match event {
        FullEvent::Message { new_message } => chat(ctx, data, new_message).await,
        FullEvent::InteractionCreate {
            interaction: Interaction::Component(c),
        } => component(ctx, data, c).await,
        FullEvent::InteractionCreate {
            interaction: Interaction::Modal(m),
        } => {
            super::dataset::modal(ctx, data, m).await;
            Ok(())
        }
        FullEvent::Resume { .. } => {
            tracing::info!("gateway session resumed");
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The reply for a failed attempt: the user error as such, or — logged with `what` — a
/// generic apology.
fn failure_reply(error: Error, what: &str) -> Reply {
    match error {
        Error::User { error, pick } => user_error_reply(&error, pick.as_ref()),
        Error::Internal(e) => {
            tracing::error!(context = what, error = %format!("{e:#}"), "internal error");
            internal_error_reply()
        }
    }
}

/// A question in chat: answered when the bot is mentioned or the message is a DM. Both carry
/// their content without the privileged Message Content intent.
async fn chat(ctx: &serenity::Context, data: &Data, msg: &Message) -> Result<(), Error> {
    if msg.author.bot {
        return Ok(());
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
            None => return Ok(()),
        },
        None if is_dm || named => {
            run::question(&view, &msg.content).unwrap_or_else(|e| failure_reply(e, &what))
        }
        None => return Ok(()),
    };
    if let Err(e) = msg
        .channel_id
        .send_message(&ctx.http, reply.to_message(msg))
        .await
    {
        tracing::error!(context = %what, error = %e, "could not send the reply");
    }
    Ok(())
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
        Some((Some(action), _)) if action.is_moderation() => {
            super::dataset::component(ctx, data, c, action).await
        }
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
    let message = reply.to_interaction();
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

/// One place for every framework error: user errors to the user, the rest to the log.
pub async fn on_error(err: poise::FrameworkError<'_, Data, Error>) {
    match err {
        poise::FrameworkError::Command { error, ctx, .. } => {
            let what = format!(
                "/{} by user {} in {} (interaction {})",
                ctx.command().qualified_name,
                ctx.author().id,
                ctx.guild_id()
                    .map_or("a DM".to_string(), |g| format!("guild {g}")),
                ctx.id()
            );
            let reply = failure_reply(error, &what);
            if let Err(e) = ctx.send(reply.to_poise()).await {
                tracing::error!(context = %what, error = %e, "could not send the error reply");
            }
        }
        poise::FrameworkError::EventHandler { error, event, .. } => {
            tracing::error!(event = event.snake_case_name(), error = %error, "event handler failed");
        }
        poise::FrameworkError::Setup { error, .. } => {
            tracing::error!(error = %error, "setup failed");
        }
        other => {
            tracing::warn!(error = %other, "framework error");
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::error!(error = %e, "could not report a framework error");
            }
        }
    }
}
