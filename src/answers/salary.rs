//! Pay for one career: the nation always, and a place beside it when asked.

use super::blocks::*;
use crate::View;
use crate::data::{AreaIdx, CareerIdx};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Salary {
    pub career: CareerRef,
    /// National figures (absent for the few occupations OEWS does not publish).
    pub national: Option<PayBlock>,
    /// The place asked about, if any; `None` inside means BLS publishes nothing there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<AreaRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local: Option<PayBlock>,
    pub disclosures: Vec<Disclosure>,
    pub sources: Vec<Cite>,
}

pub fn salary(v: &View, idx: CareerIdx, area: Option<AreaIdx>) -> Salary {
    let career = CareerRef::new(v, idx);
    let area = area.filter(|&a| a != v.rc.data.national_area());
    let national = national_pay(v, idx);
    let local = area.and_then(|a| PayBlock::new(v, idx, a));
    let mut disclosures = career_disclosures(v, &career);
    for p in national.iter().chain(local.iter()) {
        disclosures.extend(pay_disclosures(&career.title, p));
    }
    if national.is_none() {
        disclosures.push(Disclosure {
            kind: DisclosureKind::NoData,
            text: format!("BLS's OEWS survey publishes no pay for {}.", career.title),
        });
    }
    if let (Some(a), None) = (area, &local) {
        disclosures.push(Disclosure {
            kind: DisclosureKind::NoData,
            text: format!(
                "BLS publishes no pay for {} in {} (too few jobs or not released); the national figures are shown.",
                career.title, v.rc.data.areas[a as usize].name
            ),
        });
    }
    Salary {
        career,
        national,
        area: area.map(|a| AreaRef::new(v, a)),
        local,
        disclosures: dedup(disclosures),
        sources: cite(v, &["bls-oews"]),
    }
}
