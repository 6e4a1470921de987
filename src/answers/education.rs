//! What it takes to start: BLS's typical entry education, work experience and on-the-job
//! training, with O*NET's Job Zone (how much preparation the work needs).

use super::blocks::*;
use crate::View;
use crate::data::{AreaIdx, CareerIdx};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Education {
    pub career: CareerRef,
    pub entry: Option<Entry>,
    /// O*NET's name for the career's Job Zone ("Considerable preparation needed").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preparation: Option<String>,
    /// The place asked about, when there was one: entry requirements are national figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<AreaRef>,
    pub summary: Vec<String>,
    pub disclosures: Vec<Disclosure>,
    pub sources: Vec<Cite>,
}

/// O*NET's Job Zone names (Job Zone Reference.txt).
pub fn job_zone_name(zone: u8) -> Option<&'static str> {
    Some(match zone {
        1 => "Little or no preparation needed",
        2 => "Some preparation needed",
        3 => "Medium preparation needed",
        4 => "Considerable preparation needed",
        5 => "Extensive preparation needed",
        _ => return None,
    })
}

/// Whether a degree is typically needed, in words, for BLS's education categories.
fn degree_sentence(education: &str) -> Option<&'static str> {
    Some(match education {
        "No formal educational credential" => "No formal education is typically required.",
        "High school diploma or equivalent" => {
            "A college degree is not typically needed: a high school diploma or equivalent is."
        }
        "Postsecondary nondegree award" => {
            "A college degree is not typically needed: a certificate or other award from a postsecondary program is."
        }
        "Some college, no degree" => "Some college is typical, but not a degree.",
        "Associate's degree" => "An associate's degree is typical.",
        "Bachelor's degree" => "A bachelor's degree is typical.",
        "Master's degree" => "A master's degree is typical.",
        "Doctoral or professional degree" => "A doctoral or professional degree is typical.",
        _ => return None,
    })
}

pub fn education(v: &View, idx: CareerIdx, area: Option<AreaIdx>) -> Education {
    let career = CareerRef::new(v, idx);
    let entry = entry(v, idx);
    let title = &career.title;
    let mut summary = Vec::new();
    let mut disclosures = career_disclosures(v, &career);
    match &entry {
        Some(e) => {
            summary.push(format!(
                "Typical entry education for {title}: {}.",
                e.education.to_lowercase()
            ));
            if let Some(s) = degree_sentence(&e.education) {
                summary.push(s.to_string());
            }
            if e.experience != "—" {
                summary.push(format!(
                    "Work experience in a related occupation: {}.",
                    e.experience.to_lowercase()
                ));
            }
            if e.training != "—" {
                summary.push(format!(
                    "Typical on-the-job training: {}.",
                    e.training.to_lowercase()
                ));
            }
            disclosures.extend(figure_edit_disclosures(title, Some(e), None));
        }
        None => disclosures.push(Disclosure {
            kind: DisclosureKind::NoData,
            text: format!("BLS Employment Projections publish no entry requirements for {title}."),
        }),
    }
    let area = area.filter(|&a| a != v.rc.data.national_area());
    if let Some(a) = area {
        summary.push(format!(
            "These are national figures; licences and other requirements can differ in {}.",
            v.area(a).name
        ));
    }
    let preparation = entry
        .as_ref()
        .and_then(|e| e.job_zone)
        .and_then(job_zone_name)
        .map(str::to_string);
    Education {
        career,
        entry,
        preparation,
        area: area.map(|a| AreaRef::new(v, a)),
        summary,
        disclosures: dedup(disclosures),
        sources: cite(v, &["bls-ep", "onet"]),
    }
}
