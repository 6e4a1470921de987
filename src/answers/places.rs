//! Where a career pays most (or least): states and metro areas ranked by their median pay,
//! with employment, beside the national median. Capped medians rank as at least the cap and
//! say so; areas with no published median are left out and counted.

use super::blocks::*;
use crate::View;
use crate::data::{AreaKind, CareerIdx, PayValue};
use crate::format;
use serde::Serialize;

/// How many places of each kind a front end shows first.
pub const SHOWN: usize = 5;

#[derive(Debug, Clone, Serialize)]
pub struct TopPlaces {
    pub career: CareerRef,
    /// Ranked from the lowest median up, instead of the highest down.
    pub lowest: bool,
    /// Medians are hourly: BLS publishes only hourly wages for this occupation.
    pub hourly: bool,
    pub national: Option<Money>,
    /// Every state (with DC and the territories) that has a published median, ranked.
    pub states: Vec<PlaceRank>,
    /// The best (or worst) metropolitan areas, ranked; nonmetropolitan areas are left out.
    pub metros: Vec<PlaceRank>,
    /// States with no published median.
    pub unpublished_states: Vec<AreaRef>,
    pub summary: Vec<String>,
    pub disclosures: Vec<Disclosure>,
    pub sources: Vec<Cite>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlaceRank {
    pub rank: usize,
    pub area: AreaRef,
    pub median: Money,
    pub employment: Option<u32>,
    /// A moderator changed this median.
    pub edited: bool,
}

/// How many metro areas the answer carries.
const METROS: usize = 10;

pub fn top_places(v: &View, idx: CareerIdx, lowest: bool) -> TopPlaces {
    let career = CareerRef::new(v, idx);
    let national = national_pay(v, idx);
    let hourly = national
        .as_ref()
        .is_some_and(|p| p.annual.is_none() && p.hourly.is_some());
    let median_of = |p: &PayBlock| -> Option<Money> {
        let w = if hourly { &p.hourly } else { &p.annual };
        w.as_ref()
            .map(|w| w.median)
            .filter(|m| m.pay.value() != PayValue::NotReleased)
    };
    let mut states = Vec::new();
    let mut metros = Vec::new();
    let mut unpublished_states = Vec::new();
    for (a, area) in v.rc.data.areas.iter().enumerate() {
        let a = a as crate::data::AreaIdx;
        if area.kind == AreaKind::National
            || (area.kind == AreaKind::Metro && area.name.contains("nonmetropolitan"))
        {
            continue;
        }
        let block = PayBlock::new(v, idx, a);
        let Some((median, block)) = block.and_then(|b| median_of(&b).map(|m| (m, b))) else {
            if area.kind == AreaKind::State {
                unpublished_states.push(AreaRef::new(v, a));
            }
            continue;
        };
        let rank = PlaceRank {
            rank: 0,
            area: block.area.clone(),
            median,
            employment: block.employment,
            edited: block.edited.iter().any(|e| e.field.contains("median")),
        };
        match area.kind {
            AreaKind::State => states.push(rank),
            _ => metros.push(rank),
        }
    }
    let order = |x: &PlaceRank, y: &PlaceRank| {
        let (a, b) = (
            x.median.pay.lower_bound().unwrap_or(0),
            y.median.pay.lower_bound().unwrap_or(0),
        );
        let by_pay = if lowest { a.cmp(&b) } else { b.cmp(&a) };
        // Equal medians (capped ones above all): the larger workforce first, then by name.
        by_pay
            .then(y.employment.cmp(&x.employment))
            .then(x.area.name.cmp(&y.area.name))
    };
    states.sort_by(order);
    metros.sort_by(order);
    metros.truncate(METROS);
    for (i, r) in states.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    for (i, r) in metros.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    let title = &career.title;
    let mut disclosures = career_disclosures(v, &career);
    let capped = states
        .iter()
        .chain(&metros)
        .filter(|r| r.median.pay.is_capped())
        .count();
    if capped > 0 {
        disclosures.push(Disclosure {
            kind: DisclosureKind::Capped,
            text: format!(
                "{} of these medians are at BLS's publication cap ({}); they rank as at least the cap, and their order among themselves says nothing about which pays more.",
                format::thousands(capped as u64),
                if hourly { "$115.00 an hour" } else { "$239,200 a year" }
            ),
        });
    }
    if hourly {
        disclosures.push(Disclosure {
            kind: DisclosureKind::OneUnitOnly,
            text: format!(
                "BLS publishes only hourly wages for {title}, so places are ranked by median hourly pay."
            ),
        });
    }
    if !unpublished_states.is_empty() {
        disclosures.push(Disclosure {
            kind: DisclosureKind::NoData,
            text: format!(
                "BLS publishes no median for {title} in {} of the {} states and territories; they are left out.",
                format::thousands(unpublished_states.len() as u64),
                format::thousands((states.len() + unpublished_states.len()) as u64)
            ),
        });
    }
    let mut summary = Vec::new();
    let word = if lowest { "lowest" } else { "highest" };
    if let Some(top) = states.first() {
        summary.push(format!(
            "The {word}-paying state for {title} is {} (median {}).",
            top.area.name,
            top.median.text()
        ));
    }
    if let Some(top) = metros.first() {
        summary.push(format!(
            "The {word}-paying metro area is {} (median {}).",
            top.area.name,
            top.median.text()
        ));
    }
    let national_median = national.as_ref().and_then(&median_of);
    if let Some(m) = national_median {
        summary.push(format!("The national median is {}.", m.text()));
    }
    if states.is_empty() && metros.is_empty() {
        disclosures.push(Disclosure {
            kind: DisclosureKind::NoData,
            text: format!("BLS publishes no median pay by place for {title}."),
        });
    }
    TopPlaces {
        national: national_median,
        career,
        lowest,
        hourly,
        states,
        metros,
        unpublished_states,
        summary,
        disclosures: dedup(disclosures),
        sources: cite(v, &["bls-oews"]),
    }
}
