//! Every message the bot sends is built here, so that every one of them pings nobody: a role
//! name or a question can contain @everyone, and a reply must not notify its author either.

use super::embed::Embed;
use serenity::all::{
    CreateActionRow, CreateAllowedMentions, CreateInteractionResponseMessage, CreateMessage,
    EditInteractionResponse, Message,
};

/// Cards and components, however they end up being sent.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    pub embeds: Vec<Embed>,
    pub components: Vec<CreateActionRow>,
    /// Only the person who asked sees it (interactions only; a chat reply is always public).
    pub ephemeral: bool,
    /// Files: exports, and the pictures drawn for the card (see [`super::charts`]).
    pub attachments: Vec<serenity::all::CreateAttachment>,
    /// Pictures still to be drawn and attached ([`super::charts::Charts::attach`]); nothing
    /// sends them as they are.
    pub pictures: Vec<rolecall::chart::Picture>,
}

/// Discord allows five rows of components per message.
pub const MAX_ROWS: usize = 5;

/// Nobody: no users, no roles, no @everyone, not the person replied to.
pub fn no_pings() -> CreateAllowedMentions {
    CreateAllowedMentions::new().replied_user(false)
}

impl Reply {
    pub fn card(embed: Embed) -> Reply {
        Reply {
            embeds: vec![embed],
            ..Reply::default()
        }
    }

    pub fn ephemeral(mut self) -> Reply {
        self.ephemeral = true;
        self
    }

    pub fn with_rows(mut self, rows: Vec<CreateActionRow>) -> Reply {
        self.components.extend(rows);
        self.components.truncate(MAX_ROWS);
        self
    }

    // The builders take the reply whole: its files (pictures of a few hundred kilobytes)
    // move into the request rather than being copied.
    pub fn into_poise(self) -> poise::CreateReply {
        let reply = self
            .embeds
            .iter()
            .fold(poise::CreateReply::default(), |r, e| r.embed(e.build()));
        let reply = self
            .attachments
            .into_iter()
            .fold(reply, |r, a| r.attachment(a));
        reply
            .components(self.components)
            .ephemeral(self.ephemeral)
            .allowed_mentions(no_pings())
    }

    /// A new message, or (as `UpdateMessage`) the clicked message replaced: its files are
    /// exactly these (serenity always sends the list, so an update drops the old ones).
    pub fn into_interaction(self) -> CreateInteractionResponseMessage {
        CreateInteractionResponseMessage::new()
            .embeds(self.embeds.iter().map(Embed::build).collect())
            .components(self.components)
            .files(self.attachments)
            .ephemeral(self.ephemeral)
            .allowed_mentions(no_pings())
    }

    /// The answer to a deferred interaction, replacing its "thinking…" message (or, after a
    /// deferred click, the card clicked). Whether it is ephemeral was decided when deferring.
    /// The message's files are replaced too: a picture of an earlier answer never stays.
    pub fn into_edit(self) -> EditInteractionResponse {
        let edit = EditInteractionResponse::new()
            .embeds(self.embeds.iter().map(Embed::build).collect())
            .components(self.components)
            .clear_attachments()
            .allowed_mentions(no_pings());
        self.attachments
            .into_iter()
            .fold(edit, |e, a| e.new_attachment(a))
    }

    /// A reply in chat, threaded under the message it answers.
    pub fn into_message(self, answering: &Message) -> CreateMessage {
        CreateMessage::new()
            .embeds(self.embeds.iter().map(Embed::build).collect())
            .components(self.components)
            .add_files(self.attachments)
            .reference_message(answering)
            .allowed_mentions(no_pings())
    }
}
