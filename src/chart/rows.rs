//! What a pay-range chart shows, as plain rows taken from an answer: one row per career and
//! place, with the five percentiles exactly as the answer carries them (missing, an amount,
//! or capped) and which of them a moderator edited. Nothing is converted or filled in.

use crate::answers::{Compare, PayBlock, Salary, Wages};
use crate::data::{AreaKind, Pay};
use crate::overlay::Field;
use std::hash::{Hash, Hasher};

/// The unit a row's figures are in. Annual amounts are dollars, hourly amounts are cents
/// (as `Pay` stores them); rows of different units are never drawn on one axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Annual,
    Hourly,
}

impl Unit {
    /// A stored amount in the axis's units: dollars a year, or dollars an hour.
    pub fn dollars(self, amount: u32) -> f64 {
        match self {
            Unit::Annual => amount as f64,
            Unit::Hourly => amount as f64 / 100.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RangeRow {
    pub career: String,
    /// "United States" or the state or metro area asked about.
    pub area: String,
    /// A row for the place asked about (drawn in its own colour beside the national one).
    pub local: bool,
    pub unit: Unit,
    /// 10th, 25th, 50th, 75th and 90th percentiles as published or edited.
    pub stats: [Pay; 5],
    /// Which of `stats` a moderator or owner edited.
    pub edited: [bool; 5],
}

impl RangeRow {
    /// A row with no figures: the career is shown, with "no published pay".
    pub fn empty(career: &str, area: &str, local: bool) -> RangeRow {
        RangeRow {
            career: career.to_string(),
            area: area.to_string(),
            local,
            unit: Unit::Annual,
            stats: [Pay::NOT_RELEASED; 5],
            edited: [false; 5],
        }
    }

    /// The row for one pay block: annual figures where BLS publishes them, else hourly ones.
    /// An hourly-only occupation stays hourly; nothing is derived from the other unit.
    pub fn from_block(career: &str, block: Option<&PayBlock>, area: &str, local: bool) -> RangeRow {
        let Some(b) = block else {
            return RangeRow::empty(career, area, local);
        };
        let (unit, wages): (Unit, Option<&Wages>) = match (&b.annual, &b.hourly) {
            (Some(a), _) => (Unit::Annual, Some(a)),
            (None, Some(h)) => (Unit::Hourly, Some(h)),
            (None, None) => (Unit::Annual, None),
        };
        let Some(w) = wages else {
            return RangeRow::empty(career, area, local);
        };
        let edited_field = |f: Field| b.edited.iter().any(|e| e.field == f.label());
        let edited = match unit {
            Unit::Annual => [
                Field::AnnualP10,
                Field::AnnualP25,
                Field::AnnualMedian,
                Field::AnnualP75,
                Field::AnnualP90,
            ]
            .map(edited_field),
            // Only the hourly median can be edited.
            Unit::Hourly => [
                false,
                false,
                edited_field(Field::HourlyMedian),
                false,
                false,
            ],
        };
        RangeRow {
            career: career.to_string(),
            area: area.to_string(),
            local,
            unit,
            stats: [w.p10.pay, w.p25.pay, w.median.pay, w.p75.pay, w.p90.pay],
            edited,
        }
    }

    pub fn any_capped(&self) -> bool {
        self.stats.iter().any(|p| p.is_capped())
    }
}

/// A pay-range chart's whole input. Rendering is a pure function of it, so `cache_key`
/// identifies the picture.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RangeChart {
    pub title: String,
    /// "United States", or "Texas and the United States".
    pub place: String,
    pub rows: Vec<RangeRow>,
    /// The small print: source and period.
    pub source: String,
}

const NATION: &str = "United States";

fn area_name(b: Option<&PayBlock>, asked: Option<&crate::answers::AreaRef>) -> String {
    match (b, asked) {
        (Some(b), _) if b.area.kind == AreaKind::National => NATION.to_string(),
        (Some(b), _) => b.area.name.clone(),
        (None, Some(a)) => a.name.clone(),
        (None, None) => NATION.to_string(),
    }
}

pub(super) fn source_line(sources: &[crate::answers::Cite]) -> String {
    sources
        .iter()
        .find(|c| c.id == "bls-oews")
        .map(|c| {
            if c.citation.contains(&c.period) {
                format!("Source: {}", c.citation)
            } else {
                format!("Source: {}, {}", c.citation, c.period)
            }
        })
        .unwrap_or_else(|| "Source: U.S. Bureau of Labor Statistics, OEWS".to_string())
}

fn place_line(area: Option<&crate::answers::AreaRef>) -> String {
    match area {
        Some(a) => format!("{} and the {NATION}", a.name),
        None => NATION.to_string(),
    }
}

impl RangeChart {
    /// One career: the place asked about (if any), then the nation.
    pub fn from_salary(s: &Salary) -> RangeChart {
        let title = &s.career.title;
        let mut rows = Vec::new();
        if let Some(a) = &s.area {
            rows.push(RangeRow::from_block(
                title,
                s.local.as_ref(),
                &area_name(s.local.as_ref(), Some(a)),
                true,
            ));
        }
        rows.push(RangeRow::from_block(
            title,
            s.national.as_ref(),
            NATION,
            false,
        ));
        RangeChart {
            title: format!("Pay: {title}"),
            place: place_line(s.area.as_ref()),
            rows,
            source: source_line(&s.sources),
        }
    }

    /// Each career, with its row for the place asked about beside its national row.
    pub fn from_compare(c: &Compare) -> RangeChart {
        let mut rows = Vec::new();
        for r in &c.careers {
            let title = &r.career.title;
            if let Some(a) = &c.area {
                rows.push(RangeRow::from_block(
                    title,
                    r.local_pay.as_ref(),
                    &area_name(r.local_pay.as_ref(), Some(a)),
                    true,
                ));
            }
            rows.push(RangeRow::from_block(title, r.pay.as_ref(), NATION, false));
        }
        let names: Vec<&str> = c.careers.iter().map(|r| r.career.title.as_str()).collect();
        RangeChart {
            title: format!("Pay: {}", names.join(" vs ")),
            place: place_line(c.area.as_ref()),
            rows,
            source: source_line(&c.sources),
        }
    }

    /// A stable key for this chart's picture: the same input gives the same key in every
    /// process and build on a platform (FNV-1a, not the randomly seeded std hasher), and
    /// `LAYOUT_VERSION` changes it when the drawing changes.
    pub fn cache_key(&self) -> u64 {
        stable_hash(self)
    }
}

/// Bumped whenever the same input would be drawn differently.
pub const LAYOUT_VERSION: u32 = 1;

pub(super) fn stable_hash<T: Hash>(v: &T) -> u64 {
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    LAYOUT_VERSION.hash(&mut h);
    v.hash(&mut h);
    h.finish()
}

/// FNV-1a, 64-bit.
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> RangeRow {
        RangeRow {
            career: "Nurse".into(),
            area: NATION.into(),
            local: false,
            unit: Unit::Annual,
            stats: [10, 20, 30, 40, 50].map(Pay::amount),
            edited: [false; 5],
        }
    }

    #[test]
    fn the_cache_key_is_stable_and_changes_with_anything_drawn() {
        let c = RangeChart {
            title: "Pay: Nurse".into(),
            place: NATION.into(),
            rows: vec![row()],
            source: "Source: x".into(),
        };
        assert_eq!(c.cache_key(), c.clone().cache_key());
        let mut edited = c.clone();
        edited.rows[0].edited[2] = true;
        let mut capped = c.clone();
        capped.rows[0].stats[4] = Pay::at_least(50);
        let mut hourly = c.clone();
        hourly.rows[0].unit = Unit::Hourly;
        let keys = [
            c.cache_key(),
            edited.cache_key(),
            capped.cache_key(),
            hourly.cache_key(),
        ];
        for i in 0..keys.len() {
            for j in i + 1..keys.len() {
                assert_ne!(keys[i], keys[j], "{i} vs {j}");
            }
        }
    }
}
