//! Where a career is going: BLS Employment Projections 2024–34 (growth in percent and in
//! jobs, employment in both years, openings a year), set against the projection for all
//! occupations in the same table, and, when a place is asked about, how many work there now.

use super::blocks::*;
use crate::View;
use crate::data::{AreaIdx, CareerIdx};
use crate::format;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct OutlookAnswer {
    pub career: CareerRef,
    /// Absent when BLS projects nothing for the occupation.
    pub outlook: Option<Outlook>,
    /// Change in jobs 2024–34 (employment 2034 minus 2024), when both are published.
    pub change_jobs: Option<i64>,
    /// Growth projected for all occupations together (BLS's "Total, all occupations").
    pub all_occupations_pct: Option<f64>,
    /// The place asked about and the jobs OEWS counts there (projections are national).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<AreaRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local: Option<PayBlock>,
    /// The figures in sentences, as the front ends show them.
    pub summary: Vec<String>,
    pub disclosures: Vec<Disclosure>,
    pub sources: Vec<Cite>,
}

/// Growth within this many points of the all-occupations figure reads as "about the same".
const SAME: f64 = 0.5;

pub fn outlook(v: &View, idx: CareerIdx, area: Option<AreaIdx>) -> OutlookAnswer {
    let career = CareerRef::new(v, idx);
    let o = projected(v, idx);
    let all = v.rc.data.all_occupations().map(|p| p.change_pct);
    let area = area.filter(|&a| a != v.rc.data.national_area());
    let local = area.and_then(|a| PayBlock::new(v, idx, a));
    let change_jobs = o
        .as_ref()
        .and_then(|o| Some(o.employment_2034? as i64 - o.employment_2024? as i64));
    let title = &career.title;
    let mut summary = Vec::new();
    let mut disclosures = career_disclosures(v, &career);
    match &o {
        Some(o) => {
            let jobs = match (o.employment_2024, o.employment_2034, change_jobs) {
                (Some(a), Some(b), Some(d)) => format!(
                    ", from {} to {} jobs ({}{} jobs)",
                    format::thousands(a),
                    format::thousands(b),
                    if d >= 0 { "+" } else { "−" },
                    format::thousands(d.unsigned_abs())
                ),
                _ => String::new(),
            };
            summary.push(format!(
                "Employment of {title} is projected to change by {} from 2024 to 2034{jobs}.",
                format::percent_change(o.growth_pct)
            ));
            if let Some(all) = all {
                let d = o.growth_pct - all;
                let how = if d.abs() < SAME {
                    "about the same as"
                } else if d > 0.0 {
                    "faster than"
                } else {
                    "slower than"
                };
                summary.push(format!(
                    "That is {how} the {} projected for all occupations.",
                    format::percent_change(all)
                ));
            }
            if let Some(open) = o.openings_per_year {
                summary.push(format!(
                    "About {} openings a year are projected, on average, from growth and from workers who leave the occupation.",
                    format::thousands(open)
                ));
            }
            disclosures.extend(figure_edit_disclosures(title, None, Some(o)));
        }
        None => disclosures.push(Disclosure {
            kind: DisclosureKind::NoData,
            text: format!("BLS Employment Projections publish no projection for {title}."),
        }),
    }
    if let Some(a) = area {
        let name = &v.area(a).name;
        match local.as_ref().and_then(|p| p.employment) {
            Some(jobs) => summary.push(format!(
                "Projections are national. In {name}, BLS counted {} jobs as {title} in May 2025.",
                format::thousands(jobs as u64)
            )),
            None => summary.push(format!(
                "Projections are national; BLS publishes no job count for {title} in {name}."
            )),
        }
    }
    OutlookAnswer {
        career,
        outlook: o,
        change_jobs,
        all_occupations_pct: all,
        area: area.map(|a| AreaRef::new(v, a)),
        local,
        summary,
        disclosures: dedup(disclosures),
        sources: cite(
            v,
            if area.is_some() {
                &["bls-ep", "bls-oews"]
            } else {
                &["bls-ep"]
            },
        ),
    }
}
