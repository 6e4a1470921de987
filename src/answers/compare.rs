//! Two to four careers side by side, with the differences spelled out.

use super::blocks::*;
use crate::View;
use crate::data::{AreaIdx, CareerIdx};
use crate::format;
use crate::lookup::UserError;
use serde::Serialize;

pub const MIN: usize = 2;
pub const MAX: usize = 4;

#[derive(Debug, Clone, Serialize)]
pub struct Compare {
    pub careers: Vec<CompareRow>,
    /// Set when pay was asked for a place: each row's `local_pay` is for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<AreaRef>,
    /// "Chief Technology Officer's median pay is 1.2× Product Manager's", …
    pub differences: Vec<String>,
    pub disclosures: Vec<Disclosure>,
    pub sources: Vec<Cite>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompareRow {
    pub career: CareerRef,
    pub entry: Option<Entry>,
    pub pay: Option<PayBlock>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_pay: Option<PayBlock>,
    pub outlook: Option<Outlook>,
    /// The most related careers (O*NET's ranking, or the editors' for a curated role).
    pub related: Vec<CareerRef>,
}

pub fn compare(
    v: &View,
    careers: &[CareerIdx],
    area: Option<AreaIdx>,
) -> Result<Compare, UserError> {
    let mut distinct: Vec<CareerIdx> = Vec::new();
    for &c in careers {
        if !distinct.contains(&c) {
            distinct.push(c);
        }
    }
    if !(MIN..=MAX).contains(&distinct.len()) {
        return Err(UserError::CompareCount {
            got: distinct.len(),
            min: MIN,
            max: MAX,
        });
    }
    let area = area.filter(|&a| a != v.rc.data.national_area());
    let mut disclosures = Vec::new();
    let rows: Vec<CompareRow> = distinct
        .iter()
        .map(|&idx| {
            let career = CareerRef::new(v, idx);
            disclosures.extend(career_disclosures(v, &career));
            let pay = national_pay(v, idx);
            let local_pay = area.map(|a| PayBlock::new(v, idx, a));
            if let Some(p) = &pay {
                disclosures.extend(pay_disclosures(&career.title, p));
            }
            if let Some(Some(p)) = &local_pay {
                disclosures.extend(pay_disclosures(&career.title, p));
            }
            if let Some(None) = &local_pay {
                disclosures.push(Disclosure {
                    kind: DisclosureKind::NoData,
                    text: format!(
                        "BLS publishes no pay for {} in {}.",
                        career.title,
                        v.rc.data.areas[area.unwrap_or(0) as usize].name
                    ),
                });
            }
            let (entry, outlook) = (entry(v, idx), projected(v, idx));
            disclosures.extend(figure_edit_disclosures(
                &career.title,
                entry.as_ref(),
                outlook.as_ref(),
            ));
            CompareRow {
                entry,
                pay,
                local_pay: local_pay.flatten(),
                outlook,
                related: v
                    .career(idx)
                    .related
                    .iter()
                    .filter(|r| !v.is_hidden(r.career))
                    .take(super::profile::TOP)
                    .map(|r| CareerRef::new(v, r.career))
                    .collect(),
                career,
            }
        })
        .collect();
    let place = area.map(|a| v.area(a).name.as_str());
    let differences = rows[1..]
        .iter()
        .flat_map(|other| differences(&rows[0], other, place))
        .collect();
    Ok(Compare {
        area: area.map(|a| AreaRef::new(v, a)),
        careers: rows,
        differences,
        disclosures: dedup(disclosures),
        sources: cite(v, &["bls-oews", "bls-ep", "onet"]),
    })
}

/// The annual median (or hourly if that is all there is) as a number to compare, and
/// whether it is only a lower bound.
fn median(row: &CompareRow, local: bool) -> Option<(f64, bool, bool)> {
    let block = if local {
        row.local_pay.as_ref()
    } else {
        row.pay.as_ref()
    }?;
    let m = block.headline_median()?;
    m.pay
        .lower_bound()
        .map(|v| (v as f64, m.pay.is_capped(), m.hourly))
}

/// What sets `b` apart from `a`, in sentences, pay in `place` when one was asked for. Each
/// verb agrees with its title ("Registered Nurses pay", "Product Manager pays").
fn differences(a: &CompareRow, b: &CompareRow, place: Option<&str>) -> Vec<String> {
    let (an, bn) = (&a.career.title, &b.career.title);
    let in_place = place.map_or(String::new(), |p| format!(" in {p}"));
    let mut out = Vec::new();
    let same_figures = a.career.soc == b.career.soc;
    if same_figures {
        out.push(format!(
            "{an} and {bn} share the same BLS figures ({}), so pay and growth are the same.",
            a.career.soc
        ));
    } else {
        match (median(a, place.is_some()), median(b, place.is_some())) {
            (Some((x, xc, xh)), Some((y, yc, yh))) if xh == yh && x > 0.0 && y > 0.0 => {
                let (hi, lo, hv, lv, hcap, lcap) = if x >= y {
                    (a, b, x, y, xc, yc)
                } else {
                    (b, a, y, x, yc, xc)
                };
                if lcap {
                    out.push(format!("Both medians{in_place} are at or above BLS's cap, so their pay cannot be told apart."));
                } else if (hv - lv).abs() < f64::EPSILON {
                    out.push(format!("{an} and {bn} have the same median pay{in_place}."));
                } else {
                    let at_least = if hcap { "at least " } else { "" };
                    out.push(format!(
                        "{} {} {at_least}{} as much as {} at the median{in_place}.",
                        hi.career.title,
                        hi.career.verb("pays", "pay"),
                        format::ratio(hv / lv),
                        lo.career.title
                    ));
                }
            }
            _ => {}
        }
        if let (Some(x), Some(y)) = (&a.outlook, &b.outlook) {
            let d = x.growth_pct - y.growth_pct;
            if d.abs() < 0.05 {
                out.push(format!(
                    "{an} and {bn} are projected to grow at the same rate ({}).",
                    format::percent_change(x.growth_pct)
                ));
            } else {
                let (fast, slow) = if d > 0.0 { (a, b) } else { (b, a) };
                out.push(format!(
                    "{} {} projected to grow {:.1} points faster than {} (2024–34).",
                    fast.career.title,
                    fast.career.verb("is", "are"),
                    d.abs(),
                    slow.career.title
                ));
            }
        }
    }
    if let (Some(x), Some(y)) = (&a.entry, &b.entry) {
        if x.education == y.education {
            out.push(format!("Both typically need {}.", as_object(&x.education)));
        } else {
            out.push(format!(
                "{an} typically {} {}; {bn}, {}.",
                a.career.verb("needs", "need"),
                as_object(&x.education),
                as_object(&y.education)
            ));
        }
    }
    out
}

/// A BLS education category as the object of "need": "a bachelor's degree", "an
/// associate's degree", "no formal educational credential", "some college, no degree".
fn as_object(education: &str) -> String {
    let e = education.to_lowercase();
    if e.starts_with("no ") || e.starts_with("some ") {
        e
    } else if e.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {e}")
    } else {
        format!("a {e}")
    }
}
