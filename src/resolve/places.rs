//! Resolving place names to OEWS areas: the nation, states (by name or postal code) and
//! metropolitan areas (by full name or any of their principal cities).

use super::index::{FuzzyIndex, Mode};
use super::{Candidate, Resolution, close_options, quantize};
use crate::data::{AreaIdx, AreaKind, Dataset};
use std::cmp::Reverse;

const MIN_SCORE: f32 = 0.6;
const AMBIGUITY_GAP: f32 = 0.015;

/// Everyday names for areas that their official names do not contain. Keyed by the start of
/// the official area name, so that a rebuild that renumbers areas cannot silently break them.
const NICKNAMES: &[(&str, &str)] = &[
    ("nyc", "New York-Newark"),
    ("new york city", "New York-Newark"),
    ("sf", "San Francisco-"),
    ("bay area", "San Francisco-"),
    ("philly", "Philadelphia-"),
    ("vegas", "Las Vegas-"),
    ("twin cities", "Minneapolis-"),
];

const NATIONAL: &[&str] = &[
    "national",
    "nationwide",
    "nationally",
    "united states",
    "us",
    "usa",
    "america",
    "the us",
    "country",
];

pub struct PlaceResolver {
    index: FuzzyIndex,
}

impl PlaceResolver {
    pub fn new(data: &Dataset) -> PlaceResolver {
        let mut entries: Vec<(String, u32, f32)> = Vec::new();
        for (i, area) in data.areas.iter().enumerate() {
            let i = i as u32;
            entries.push((area.name.clone(), i, 1.0));
            match area.kind {
                AreaKind::National => {
                    entries.extend(NATIONAL.iter().map(|n| (n.to_string(), i, 1.0)));
                }
                AreaKind::State => entries.push((area.postal.clone(), i, 1.0)),
                AreaKind::Metro => {
                    // "Akron, OH" → "Akron"; "New York-Newark-Jersey City, NY-NJ" → each city.
                    let cities = area.name.split(", ").next().unwrap_or(&area.name);
                    entries.push((cities.to_string(), i, 0.99));
                    if cities.contains('-') {
                        entries.extend(cities.split('-').map(|c| (c.to_string(), i, 0.98)));
                    }
                }
            }
        }
        for (nick, prefix) in NICKNAMES {
            if let Some(i) = data.areas.iter().position(|a| a.name.starts_with(prefix)) {
                entries.push((nick.to_string(), i as u32, 1.0));
            }
        }
        PlaceResolver {
            index: FuzzyIndex::build(entries),
        }
    }

    pub fn resolve(&self, data: &Dataset, query: &str) -> Resolution<AreaIdx> {
        self.run(data, query, Mode::Resolve, 10)
    }

    pub fn complete(&self, data: &Dataset, query: &str, limit: usize) -> Resolution<AreaIdx> {
        self.run(data, query, Mode::Prefix, limit)
    }

    fn run(&self, data: &Dataset, query: &str, mode: Mode, limit: usize) -> Resolution<AreaIdx> {
        let mut best: Vec<Candidate<AreaIdx>> = Vec::new();
        let mut seen = vec![false; data.areas.len()];
        for hit in self.index.search(query, mode, 200) {
            let name = self.index.name(hit.name);
            let area = name.target as usize;
            if !seen[area] {
                seen[area] = true;
                best.push(Candidate {
                    target: area as AreaIdx,
                    score: hit.score,
                    matched: self.index.text(hit.name).to_string(),
                });
            }
        }
        // Ties: the nation, then states, then metros (a state name is what people mean more
        // often than a city of the same name).
        best.sort_by_key(|c| {
            let kind = data.areas[c.target as usize].kind;
            (Reverse(quantize(c.score)), kind as u8, c.target)
        });
        best.truncate(limit);
        let best_area = best
            .first()
            .filter(|c| c.score >= MIN_SCORE)
            .map(|c| c.target);
        let ambiguous =
            best_area.is_some() && best.len() > 1 && best[1].score >= best[0].score - AMBIGUITY_GAP;
        Resolution {
            query: query.to_string(),
            options: close_options(&best),
            candidates: best,
            best: best_area,
            ambiguous,
        }
    }
}
