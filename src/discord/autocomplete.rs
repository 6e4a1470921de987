//! Autocomplete for role and place options, served from the in-memory indexes: no I/O per
//! keystroke. Each choice's value is an exact id, so picking one resolves exactly.

use super::embed::fit;
use super::state::Context;
use poise::serenity_prelude::{AutocompleteChoice, CreateAutocompleteResponse};

/// Discord's limits on autocomplete.
const MAX_CHOICES: usize = 25;
const MAX_NAME: usize = 100;

pub async fn role(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let data = ctx.data();
    let scoped = data.scoped(ctx.guild_id());
    let view = scoped.view();
    let choices: Vec<AutocompleteChoice> = if partial.trim().is_empty() {
        // Ranked once per load; what this guild hides is left out here.
        data.popular()
            .iter()
            .copied()
            .filter(|&i| !view.is_hidden(i))
            .take(MAX_CHOICES)
            .map(|i| {
                AutocompleteChoice::new(
                    fit(&view.career_label(i, None), MAX_NAME),
                    view.career(i).id.clone(),
                )
            })
            .collect()
    } else {
        let partial: String = partial
            .chars()
            .take(rolecall::lookup::MAX_QUERY_CHARS)
            .collect();
        view.complete(&partial, MAX_CHOICES)
            .iter()
            .map(|c| {
                AutocompleteChoice::new(
                    fit(&view.career_choice(c).label, MAX_NAME),
                    view.career(c.target).id.clone(),
                )
            })
            .collect()
    };
    CreateAutocompleteResponse::new().set_choices(choices)
}

pub async fn place(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let rc = ctx.data().rc();
    let partial: String = partial
        .chars()
        .take(rolecall::lookup::MAX_QUERY_CHARS)
        .collect();
    let choices: Vec<AutocompleteChoice> = if partial.trim().is_empty() {
        // States first: what people most often ask about.
        rc.data
            .areas
            .iter()
            .filter(|a| a.kind == rolecall::data::AreaKind::State)
            .take(MAX_CHOICES)
            .map(|a| AutocompleteChoice::new(a.name.clone(), a.code.clone()))
            .collect()
    } else {
        rc.places
            .complete(&rc.data, &partial, MAX_CHOICES)
            .candidates
            .iter()
            .map(|c| {
                let a = &rc.data.areas[c.target as usize];
                AutocompleteChoice::new(fit(&a.name, MAX_NAME), a.code.clone())
            })
            .collect()
    };
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// What an empty role box suggests, best first: the curated roles, then the largest
/// occupations. Longer than one box's worth, so that hiding a few still fills it.
pub fn popular(rc: &rolecall::Rolecall) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..rc.data.careers.len()).collect();
    idx.sort_by(|&a, &b| {
        let (ca, cb) = (
            rc.data.career(a).is_curated(),
            rc.data.career(b).is_curated(),
        );
        cb.cmp(&ca)
            .then(rc.data.employment(b).total_cmp(&rc.data.employment(a)))
    });
    idx.truncate(4 * MAX_CHOICES);
    idx
}
