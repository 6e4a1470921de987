//! Who may edit here: in a guild, members with Manage Server (or Administrator), members with
//! the guild's moderator role, and the owners; in DMs (the data everyone sees), the owners
//! only. Settings need Manage Server: the moderator role cannot grant itself more.

use super::{refuse, store_error};
use crate::discord::errors::Error;
use crate::discord::state::{Context, Data};
use poise::serenity_prelude::{GuildId, Member, UserId};
use rolecall::store::Scope;

/// What is being done: settings need more than edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Edit,
    Settings,
}

/// The scope `user` may change, or why not. Reads the guild's settings from memory (the
/// first time, from the store, briefly).
pub async fn permit(
    data: &Data,
    guild: Option<GuildId>,
    user: UserId,
    member: Option<&Member>,
    level: Level,
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
    if level == Level::Edit && member.is_some() {
        let role = data
            .edits
            .settings(g.get())
            .await
            .map_err(store_error)?
            .moderator_role;
        if let (Some(role), Some(m)) = (role, member)
            && m.roles.iter().any(|r| r.get() == role)
        {
            return Ok(Scope::Guild(g.get()));
        }
    }
    Err(refuse(match level {
        Level::Settings => "You need the Manage Server permission to change these settings.",
        Level::Edit => {
            "You need the Manage Server permission, or this server's moderator role, to change the data here."
        }
    }))
}

/// [`permit`] for a slash command.
pub async fn permit_ctx(ctx: Context<'_>, level: Level) -> Result<Scope, Error> {
    let member = match ctx {
        poise::Context::Application(a) => a.interaction.member.as_deref(),
        poise::Context::Prefix(_) => None,
    };
    permit(ctx.data(), ctx.guild_id(), ctx.author().id, member, level).await
}
