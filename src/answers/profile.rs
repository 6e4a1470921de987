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
    let mut also_called: Vec<String> = Vec::new();
    for a in &c.aliases {
        if also_called.len() == 6 {
            break;
        }
        if !also_called.iter().any(|x| x.eq_ignore_ascii_case(&a.text))
            && !a.text.eq_ignore_ascii_case(&c.title)
        {
            also_called.push(a.text.clone());
        }
    }
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
