//! A guild's settings (moderator role, modlog channel) and the owners' `/dataset reload`.

use super::permit::{Level, permit_ctx};
use super::{refuse, store_error};
use crate::discord::embed::{Embed, colour};
use crate::discord::errors::Error;
use crate::discord::reply::Reply;
use crate::discord::state::Context;
use poise::serenity_prelude as serenity;
use rolecall::store::{GuildSettings, Scope};

/// Who may edit here besides Manage Server, and where changes are posted.
#[poise::command(slash_command)]
pub async fn settings(
    ctx: Context<'_>,
    // Ids: the channel is checked below, and the role needs no more than its id.
    #[description = "Members with this role may edit the data here"] moderator_role: Option<
        serenity::RoleId,
    >,
    #[description = "Post every change in this channel"] modlog_channel: Option<
        serenity::ChannelId,
    >,
    #[description = "Forget the moderator role and modlog channel"] clear: Option<bool>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let scope = permit_ctx(ctx, Level::Settings).await?;
    let Scope::Guild(g) = scope else {
        return Err(refuse(
            "Settings belong to a server; use this command in one.",
        ));
    };
    if moderator_role.is_some_and(|r| r.get() == g) {
        return Err(refuse(
            "That is @everyone: everyone could then edit the data here. Choose a moderator role.",
        ));
    }
    // A channel id can name any channel the bot can see: only this server's will do.
    if let Some(c) = modlog_channel {
        let here = match c.to_channel(ctx.http()).await {
            Ok(serenity::Channel::Guild(gc)) => gc.guild_id.get() == g,
            Ok(_) => false,
            Err(e) => {
                tracing::warn!(channel = %c, error = %e, "could not look up the modlog channel");
                false
            }
        };
        if !here {
            return Err(refuse(
                "That channel is not one of this server's channels (or I cannot see it). Choose a channel here.",
            ));
        }
    }
    let edits = &ctx.data().edits;
    let mut s = if clear == Some(true) {
        GuildSettings::default()
    } else {
        edits.settings(g).await.map_err(store_error)?
    };
    if let Some(r) = moderator_role {
        s.moderator_role = Some(r.get());
    }
    if let Some(c) = modlog_channel {
        s.modlog_channel = Some(c.get());
    }
    edits
        .set_settings(g, s.clone())
        .await
        .map_err(store_error)?;
    let show =
        |v: Option<u64>, kind: &str| v.map_or("none".to_string(), |id| format!("<{kind}{id}>"));
    let e = Embed::new("Dataset settings", colour::INFO).description(format!(
        "Moderator role: {}\nModlog channel: {}\n(Members with Manage Server can always edit.)",
        show(s.moderator_role, "@&"),
        show(s.modlog_channel, "#")
    ));
    ctx.send(Reply::card(e).ephemeral().into_poise()).await?;
    Ok(())
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
    ctx.defer_ephemeral().await?;
    let dir = data.data_dir.clone();
    let loaded = tokio::task::spawn_blocking(move || rolecall::Rolecall::load(&dir))
        .await
        .map_err(|e| Error::Internal(e.into()))?;
    let reply = match loaded {
        Ok(rc) => {
            let text = format!(
                "Reloaded {}: {}, dataset {}.",
                data.data_dir.display(),
                rolecall::text::count(rc.data.careers.len(), "career", "careers"),
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
    ctx.send(reply.ephemeral().into_poise()).await?;
    Ok(())
}
