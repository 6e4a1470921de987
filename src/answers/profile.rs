//! One career: what it is, what it takes, what it pays, where it is going, what the work is.

use super::blocks::*;
use crate::View;
use crate::data::CareerIdx;
use serde::Serialize;

/// How many responsibilities and related careers a profile shows; the dedicated answers show
/// all of them.
pub const TOP: usize = 5;

#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    pub career: CareerRef,
    pub description: String,
    pub entry: Option<Entry>,
    pub pay: Option<PayBlock>,
    pub outlook: Option<Outlook>,
    pub responsibilities: Vec<String>,
    pub related: Vec<CareerRef>,
    /// Other names for this career (a sample).
    pub also_called: Vec<String>,
    pub disclosures: Vec<Disclosure>,
    pub sources: Vec<Cite>,
}

/// How many other names a profile gives.
pub const ALSO_CALLED: usize = 6;

/// The names people most use for a career, besides its title: the editors' own first, then
/// those O*NET's My Next Move shows, those workers reported, O*NET's short titles, and only
/// then its other alternate titles (in the data's order within each). A name is shown without
/// the parenthesis that spells it out or abbreviates it ("Emergency Department RN"), and a
/// name already given in either form, or that is the title, is not given again.
pub fn also_called(c: &crate::data::Career) -> Vec<String> {
    use crate::data::{AliasKind, Usage};
    use crate::text::normalize;
    let rank = |a: &crate::data::Alias| match (a.kind, a.usage) {
        (AliasKind::Curated, _) => 0,
        (_, Usage::Featured) => 1,
        (_, Usage::Reported) => 2,
        (AliasKind::Short, _) => 3,
        _ => 4,
    };
    let mut ordered: Vec<&crate::data::Alias> = c.aliases.iter().collect();
    ordered.sort_by_key(|a| rank(a));
    let mut seen = vec![normalize(&c.title)];
    let mut out = Vec::new();
    for a in ordered {
        if out.len() == ALSO_CALLED {
            break;
        }
        let (name, spelled) = match a
            .text
            .trim()
            .strip_suffix(')')
            .and_then(|t| t.split_once(" ("))
        {
            Some((name, inner)) if !name.trim().is_empty() => (name.trim(), Some(inner.trim())),
            _ => (a.text.trim(), None),
        };
        let keys: Vec<String> = std::iter::once(name)
            .chain(spelled)
            .map(normalize)
            .filter(|k| !k.is_empty())
            .collect();
        if keys.is_empty() || keys.iter().any(|k| seen.contains(k)) {
            continue;
        }
        seen.extend(keys);
        out.push(name.to_string());
    }
    out
}

pub fn profile(v: &View, idx: CareerIdx) -> Profile {
    let c = v.career(idx);
    let career = CareerRef::new(v, idx);
    let pay = national_pay(v, idx);
    let mut disclosures = career_disclosures(v, &career);
    if let Some(p) = &pay {
        disclosures.extend(pay_disclosures(&career.title, p));
    }
    let (entry, outlook) = (entry(v, idx), projected(v, idx));
    disclosures.extend(figure_edit_disclosures(
        &career.title,
        entry.as_ref(),
        outlook.as_ref(),
    ));
    let also_called = also_called(&c);
    Profile {
        description: c.description.clone(),
        entry,
        pay,
        outlook,
        responsibilities: c.tasks.iter().take(TOP).map(|t| t.text.clone()).collect(),
        related: c
            .related
            .iter()
            .filter(|r| !v.is_hidden(r.career))
            .take(TOP)
            .map(|r| CareerRef::new(v, r.career))
            .collect(),
        also_called,
        disclosures: dedup(disclosures),
        sources: cite(
            v,
            &[
                "onet",
                "bls-ep",
                "bls-oews",
                if c.is_curated() { "rolecall" } else { "onet" },
            ],
        ),
        career,
    }
}
