//! Two kinds of failure, kept apart as robbb does: a user error (unknown or ambiguous name, a
//! question it cannot answer) is shown to that user, ephemerally where Discord allows, with
//! choices to click; an internal error is logged with its context and the user only hears
//! that something went wrong — never the internal text.

use super::actions::Action;
use super::embed::{Embed, colour, escape_markdown, fit};
use super::reply::Reply;
use rolecall::lookup::UserError;
use serenity::all::{ButtonStyle, CreateActionRow, CreateButton};

/// Turns a chosen id (career id or area code) into the action that answers with it.
pub type Pick = Box<dyn Fn(&str) -> Action + Send + Sync>;

pub enum Error {
    User {
        error: UserError,
        pick: Option<Pick>,
    },
    /// The edits store failed (locked, read-only, full, unreachable): logged, and the user is
    /// told that nothing was changed.
    Store(rolecall::store::StoreError),
    Internal(anyhow::Error),
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::User { error, .. } => write!(f, "user error: {error}"),
            Error::Store(e) => write!(f, "store error: {e}"),
            Error::Internal(e) => write!(f, "internal error: {e:#}"),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

impl std::error::Error for Error {}

impl From<UserError> for Error {
    fn from(error: UserError) -> Error {
        Error::User { error, pick: None }
    }
}

impl From<serenity::Error> for Error {
    fn from(e: serenity::Error) -> Error {
        Error::Internal(e.into())
    }
}

impl Error {
    pub fn user(error: UserError, pick: impl Fn(&str) -> Action + Send + Sync + 'static) -> Error {
        Error::User {
            error,
            pick: Some(Box::new(pick)),
        }
    }
}

/// What the user sees for a user error: the message, and a button per choice offered.
pub fn user_error_reply(error: &UserError, pick: Option<&Pick>) -> Reply {
    let (title, colour) = match error {
        UserError::Ambiguous { .. } => ("Which one did you mean?", colour::ASK),
        UserError::Unknown { .. } => ("Not found", colour::ERROR),
        UserError::NotUnderstood { .. } => ("I didn't get that", colour::ASK),
        UserError::Hidden { .. } => ("Hidden in this server", colour::INFO),
        _ => ("Can't do that", colour::ERROR),
    };
    // The message quotes what the user typed: escaped so it shows as typed.
    let embed = Embed::new(title, colour).description(escape_markdown(&error.to_string()));
    let choices = match error {
        UserError::Ambiguous { options, .. } => options.as_slice(),
        UserError::Unknown { suggestions, .. } | UserError::Hidden { suggestions, .. } => {
            suggestions.as_slice()
        }
        _ => &[],
    };
    let buttons: Vec<CreateButton> = match pick {
        Some(pick) => choices
            .iter()
            .filter_map(|c| {
                pick(&c.id).encode_as_choice().map(|id| {
                    CreateButton::new(id)
                        .label(fit(&c.label, 80))
                        .style(ButtonStyle::Primary)
                })
            })
            .take(5)
            .collect(),
        None => Vec::new(),
    };
    let rows = if buttons.is_empty() {
        Vec::new()
    } else {
        vec![CreateActionRow::Buttons(buttons)]
    };
    Reply::card(embed).with_rows(rows).ephemeral()
}

/// The reply for any failure: the user error as such; a store failure or an internal error
/// logged with `what` (never shown) and answered in general words.
pub fn failure_reply(error: Error, what: &str) -> Reply {
    match error {
        Error::User { error, pick } => user_error_reply(&error, pick.as_ref()),
        Error::Store(e) => {
            tracing::error!(context = what, error = %e, "the edits store failed");
            store_error_reply()
        }
        Error::Internal(e) => {
            tracing::error!(context = what, error = %format!("{e:#}"), "internal error");
            internal_error_reply()
        }
    }
}

pub fn store_error_reply() -> Reply {
    Reply::card(
        Embed::new("Edits database unavailable", colour::ERROR).description(
            "Could not save or read the edits just now, so nothing was changed. Please try again in a moment.",
        ),
    )
    .ephemeral()
}

pub fn internal_error_reply() -> Reply {
    Reply::card(
        Embed::new("Something went wrong", colour::ERROR)
            .description("Something went wrong on our side and it has been logged. Please try again in a moment."),
    )
    .ephemeral()
}

pub fn expired_reply() -> Reply {
    Reply::card(
        Embed::new("This button has expired", colour::INFO)
            .description("The data behind it has changed. Please run the command again."),
    )
    .ephemeral()
}
