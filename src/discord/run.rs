//! Carrying out an [`Action`]: the same path for a slash command and for the button or menu
//! that repeats or refines it, so both answer identically.

use super::actions::Action;
use super::cards;
use super::errors::Error;
use super::reply::Reply;
use rolecall::View;
use rolecall::answers;
use rolecall::data::AreaIdx;

fn place(
    v: &View,
    text: &Option<String>,
    retry: impl Fn(String) -> Action + Send + Sync + 'static,
) -> Result<Option<AreaIdx>, Error> {
    match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => {
            v.rc.lookup_place(t)
                .map(Some)
                .map_err(|e| Error::user(e, move |code| retry(code.to_string())))
        }
    }
}

/// The place as its area code when it resolves, else as typed (to be asked about later).
fn exact_place(v: &View, text: &Option<String>) -> Option<String> {
    let text = text.as_ref()?;
    Some(match v.rc.lookup_place(text) {
        Ok(a) => v.area(a).code.clone(),
        Err(_) => text.clone(),
    })
}

pub fn run(v: &View, action: &Action) -> Result<Reply, Error> {
    Ok(match action {
        Action::Career(role) => {
            let idx = v
                .lookup_career(role)
                .map_err(|e| Error::user(e, |id| Action::Career(id.into())))?;
            cards::profile(&answers::profile(v, idx))
        }
        Action::Responsibilities(role) => {
            let idx = v
                .lookup_career(role)
                .map_err(|e| Error::user(e, |id| Action::Responsibilities(id.into())))?;
            cards::responsibilities(&answers::responsibilities(v, idx))
        }
        Action::Related(role) => {
            let idx = v
                .lookup_career(role)
                .map_err(|e| Error::user(e, |id| Action::Related(id.into())))?;
            cards::related(&answers::related(v, idx))
        }
        Action::Salary { career, area } => {
            // A choice offered for the career keeps the place as an exact code if it has one.
            let area_text = exact_place(v, area);
            let idx = v.lookup_career(career).map_err(|e| {
                Error::user(e, move |id| Action::Salary {
                    career: id.into(),
                    area: area_text.clone(),
                })
            })?;
            let id = v.career(idx).id.clone();
            let a = place(v, area, move |code| Action::Salary {
                career: id.clone(),
                area: Some(code),
            })?;
            cards::salary(&answers::salary(v, idx, a))
        }
        Action::Compare { careers, area } => {
            let mut found = Vec::with_capacity(careers.len());
            for (i, role) in careers.iter().enumerate() {
                match v.lookup_career(role) {
                    Ok(idx) => found.push(idx),
                    Err(e) => {
                        // Retry with this slot chosen: earlier ones as resolved ids, later
                        // ones as typed.
                        let mut slots: Vec<String> =
                            found.iter().map(|&f| v.career(f).id.clone()).collect();
                        slots.extend(careers[i..].iter().cloned());
                        let area = area.clone();
                        return Err(Error::user(e, move |id| {
                            let mut s = slots.clone();
                            s[i] = id.to_string();
                            Action::Compare {
                                careers: s,
                                area: area.clone(),
                            }
                        }));
                    }
                }
            }
            let ids: Vec<String> = found.iter().map(|&f| v.career(f).id.clone()).collect();
            let a = place(v, area, move |code| Action::Compare {
                careers: ids.clone(),
                area: Some(code),
            })?;
            cards::compare(&answers::compare(v, &found, a)?)
        }
        Action::Page { query, page } => cards::search(&answers::search(v, query, *page)),
        // A select menu's choice arrives as its value; the caller turns it into Career.
        Action::OpenSelected
        | Action::Confirm(_)
        | Action::Cancel(_)
        | Action::History { .. }
        | Action::EditText { .. }
        | Action::EditTasks { .. } => {
            return Err(Error::Internal(anyhow::anyhow!(
                "select menu without a value"
            )));
        }
    })
}

/// Answers a question in plain language (a mention, a DM, or "Ask Rolecall" on a message),
/// offering choices that carry on the same question when a name is ambiguous.
pub fn question(v: &View, text: &str) -> Result<Reply, Error> {
    use rolecall::question::Intent;
    let text = &without_mentions(text);
    let intent = v.rc.parse_question(text)?;
    // The intents that name roles map onto actions, so that "did you mean" choices re-ask the
    // same question; the rest are answered by the core directly.
    let action = match &intent {
        Intent::Salary { role, place } => Some(Action::Salary {
            career: role.clone(),
            area: place.clone(),
        }),
        Intent::Compare { roles, place } => Some(Action::Compare {
            careers: roles.clone(),
            area: place.clone(),
        }),
        Intent::Responsibilities { role } => Some(Action::Responsibilities(role.clone())),
        Intent::Related { role } => Some(Action::Related(role.clone())),
        _ => None,
    };
    let asks_for_a_career = matches!(intent, Intent::Career { .. } | Intent::Education { .. });
    match action {
        Some(a) => run(v, &a),
        None => match v.answer_intent(intent, text) {
            Ok(answer) => Ok(cards::answer(&answer)),
            Err(e @ rolecall::lookup::UserError::Ambiguous { .. }) if asks_for_a_career => {
                Err(Error::user(e, |id| Action::Career(id.into())))
            }
            Err(e) => Err(e.into()),
        },
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
