//! Carrying out an [`Action`]: the same path for a slash command and for the button or menu
//! that repeats or refines it, so both answer identically.

use super::actions::Action;
use super::cards;
use super::errors::Error;
use super::reply::Reply;
use rolecall::View;
use rolecall::answers;
use rolecall::question::Intent;

pub fn run(v: &View, action: &Action) -> Result<Reply, Error> {
    if let Some(intent) = action.intent() {
        return answer(v, intent);
    }
    match action {
        Action::Page { query, page } => Ok(cards::search(&answers::search(v, query, *page))),
        // A select menu's choice arrives as its value; the caller turns it into Career.
        _ => Err(Error::Internal(anyhow::anyhow!(
            "not an action that answers: {action:?}"
        ))),
    }
}

/// Answers a question; a name that could mean several, or none, is asked back with choices
/// that ask the same question again with the chosen career or place in its slot.
pub fn answer(v: &View, intent: Intent) -> Result<Reply, Error> {
    match v.answer_intent(intent.clone()) {
        Ok(a) => {
            let mut reply = cards::answer(&a);
            // Drawn and attached when the reply is sent (`Charts::attach`).
            reply.pictures = rolecall::chart::pictures(v, &a);
            Ok(match Action::from_intent(&v.pin(&intent)) {
                Some(own) => cards::with_state(reply, &own),
                None => reply,
            })
        }
        Err(e) => {
            // The other slots keep what they were read as.
            let pinned = v.pin(&intent);
            let offered = e.clone();
            Err(Error::user(e, move |id| {
                pinned
                    .with_choice(&offered, id)
                    .and_then(|i| Action::from_intent(&i))
                    .unwrap_or(Action::Career(id.into()))
            }))
        }
    }
}

/// Answers a question in plain language (a mention, a DM, or "Ask Rolecall" on a message),
/// offering choices that carry on the same question when a name is ambiguous.
pub fn question(v: &View, text: &str) -> Result<Reply, Error> {
    let text = &without_mentions(text);
    let intent = v.parse_question(text)?;
    match intent {
        Intent::About | Intent::Help => Ok(cards::answer(&v.answer_intent(intent)?)),
        _ => answer(v, intent),
    }
}

/// Reads a reply to one of the bot's answers in the context of that answer ("and in Texas?",
/// "what about nurses?"). `None` when the reply says nothing this can read: "thanks!" needs
/// no answer.
pub fn followup(v: &View, earlier: &Action, text: &str) -> Option<Result<Reply, Error>> {
    let context = earlier.intent()?;
    let text = without_mentions(text);
    match v.parse_followup(&context, &text) {
        Ok(intent @ (Intent::About | Intent::Help)) => Some(
            v.answer_intent(intent)
                .map(|a| cards::answer(&a))
                .map_err(Error::from),
        ),
        Ok(intent) => Some(answer(v, intent)),
        Err(rolecall::lookup::UserError::NotUnderstood { .. }) => None,
        Err(e) => Some(Err(e.into())),
    }
}

/// Removes Discord mention markup (`<@123>`, `<@!123>`, `<@&role>`, `<#channel>`): it names
/// people and places in Discord, never a career.
fn without_mentions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<@").into_iter().chain(rest.find("<#")).min() {
        out.push_str(&rest[..start]);
        out.push(' ');
        rest = rest[start..]
            .find('>')
            .map_or("", |end| &rest[start + end + 1..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn mention_markup_is_removed() {
        assert_eq!(
            super::without_mentions("<@123> how much does a <@!9>nurse make").trim(),
            "how much does a  nurse make"
        );
        assert_eq!(super::without_mentions("a < b <#5> c").trim(), "a < b   c");
        assert_eq!(super::without_mentions("<@unterminated"), " ");
    }
}
