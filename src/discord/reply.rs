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
    /// Files (exports).
    pub attachments: Vec<serenity::all::CreateAttachment>,
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

    pub fn to_poise(&self) -> poise::CreateReply {
        let reply = self
            .embeds
            .iter()
            .fold(poise::CreateReply::default(), |r, e| r.embed(e.build()));
        let reply = self
            .attachments
            .iter()
            .fold(reply, |r, a| r.attachment(a.clone()));
        reply
            .components(self.components.clone())
            .ephemeral(self.ephemeral)
            .allowed_mentions(no_pings())
    }

    pub fn to_interaction(&self) -> CreateInteractionResponseMessage {
        CreateInteractionResponseMessage::new()
            .embeds(self.embeds.iter().map(Embed::build).collect())
            .components(self.components.clone())
            .files(self.attachments.clone())
            .ephemeral(self.ephemeral)
            .allowed_mentions(no_pings())
    }

    /// The answer to a deferred interaction, replacing its "thinking…" message (or, after a
    /// deferred click, the card clicked). Whether it is ephemeral was decided when deferring.
    pub fn to_edit(&self) -> EditInteractionResponse {
        let edit = EditInteractionResponse::new()
            .embeds(self.embeds.iter().map(Embed::build).collect())
            .components(self.components.clone())
            .allowed_mentions(no_pings());
        self.attachments
            .iter()
            .fold(edit, |e, a| e.new_attachment(a.clone()))
    }

    /// A reply in chat, threaded under the message it answers.
    pub fn to_message(&self, answering: &Message) -> CreateMessage {
        CreateMessage::new()
            .embeds(self.embeds.iter().map(Embed::build).collect())
            .components(self.components.clone())
            .reference_message(answering)
            .allowed_mentions(no_pings())
    }
}
