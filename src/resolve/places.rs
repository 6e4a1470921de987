//! Resolving place names to OEWS areas: the nation, states (by name or postal code) and
//! metropolitan areas (by full name or any of their principal cities).

use super::index::{FuzzyIndex, Mode};
use super::{Candidate, Resolution, close_options, quantize};
use crate::data::{AreaIdx, AreaKind, Dataset};
use std::cmp::Reverse;

const MIN_SCORE: f32 = 0.6;
const AMBIGUITY_GAP: f32 = 0.015;

/// Everyday names for areas that their official names do not contain: cities' and states'
/// shorthands. Keyed by the start of the official area name, so that a rebuild that
/// renumbers areas cannot silently break them (a test checks each one finds its area).
pub const NICKNAMES: &[(&str, &str)] = &[
    ("la", "Los Angeles-"),
    ("nyc", "New York-Newark"),
    ("new york city", "New York-Newark"),
    ("the big apple", "New York-Newark"),
    ("manhattan", "New York-Newark"),
    ("brooklyn", "New York-Newark"),
    ("sf", "San Francisco-"),
    ("san fran", "San Francisco-"),
    ("bay area", "San Francisco-"),
    ("silicon valley", "San Jose-"),
    ("dc", "Washington-Arlington"),
    ("washington dc", "Washington-Arlington"),
    ("dmv", "Washington-Arlington"),
    ("philly", "Philadelphia-"),
    ("vegas", "Las Vegas-"),
    ("sin city", "Las Vegas-"),
    ("atl", "Atlanta-"),
    ("chi town", "Chicago-"),
    ("chitown", "Chicago-"),
    ("chicagoland", "Chicago-"),
    ("nola", "New Orleans-"),
    ("twin cities", "Minneapolis-"),
    ("dfw", "Dallas-"),
    ("h town", "Houston-"),
    ("htown", "Houston-"),
    ("kc", "Kansas City, MO"),
    ("slc", "Salt Lake City"),
    ("okc", "Oklahoma City"),
    ("stl", "St. Louis"),
    ("saint louis", "St. Louis"),
    ("pdx", "Portland-Vancouver"),
    ("beantown", "Boston-"),
    ("motor city", "Detroit-"),
    ("inland empire", "Riverside-"),
    ("abq", "Albuquerque"),
    ("indy", "Indianapolis-"),
    ("boise", "Boise City"),
    ("honolulu", "Urban Honolulu"),
    ("nashville", "Nashville-"),
    ("salt lake", "Salt Lake City"),
    ("cali", "California"),
    ("jersey", "New Jersey"),
    ("washington state", "Washington"),
    ("wa state", "Washington"),
    ("new york state", "New York"),
    ("ny state", "New York"),
];

/// A state's two-letter code weighs a little less than a name, so that a city's shorthand
/// wins where the two collide ("LA" is Los Angeles, "DC" the Washington metro area), by
/// more than the ambiguity gap.
const POSTAL_WEIGHT: f32 = 0.98;

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

/// The area a nickname's key names: the area of exactly that name ("Washington", the state),
/// else the first whose name starts with it ("Washington-Arlington…").
pub fn nickname_area(data: &Dataset, name: &str) -> Option<usize> {
    data.areas
        .iter()
        .position(|a| a.name == name)
        .or_else(|| data.areas.iter().position(|a| a.name.starts_with(name)))
}

pub struct PlaceResolver {
    index: FuzzyIndex,
    /// Every name a place goes by (states, cities, nicknames), lowercase, unnormalised, for
    /// telling a misspelling ("texs") from a word that only resembles part of a name.
    spellings: Vec<(String, AreaIdx)>,
}

/// Lowercase letters, digits and single spaces: how a place name is spelt, without the
/// singular-making of name tokens (which turns "texs" into "tex").
fn spelling(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
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
                AreaKind::State => entries.push((area.postal.clone(), i, POSTAL_WEIGHT)),
                AreaKind::Metro => {
                    // "Akron, OH" → "Akron"; "New York-Newark-Jersey City, NY-NJ" → each city.
                    let cities = area.name.split(", ").next().unwrap_or(&area.name);
                    entries.push((cities.to_string(), i, 0.99));
                    // "Louisville/Jefferson County" → "Louisville" too.
                    if cities.contains(['-', '/']) {
                        entries.extend(
                            cities
                                .split(['-', '/'])
                                .filter(|c| !c.is_empty())
                                .map(|c| (c.to_string(), i, 0.98)),
                        );
                    }
                }
            }
        }
        for (nick, name) in NICKNAMES {
            if let Some(i) = nickname_area(data, name) {
                entries.push((nick.to_string(), i as u32, 1.0));
            }
        }
        let mut spellings: Vec<(String, AreaIdx)> = entries
            .iter()
            .filter(|(_, i, _)| data.areas[*i as usize].kind != AreaKind::National)
            .map(|(name, i, _)| (spelling(name), *i as AreaIdx))
            .filter(|(name, _)| name.len() >= 4)
            .collect();
        spellings.sort();
        spellings.dedup();
        PlaceResolver {
            index: FuzzyIndex::build(entries),
            spellings,
        }
    }

    /// The name index itself, for finding place names inside longer text (questions).
    pub fn index(&self) -> &FuzzyIndex {
        &self.index
    }

    /// The one place whose name `typed` misspells: within one edit for names of up to five
    /// letters, two for longer ones, and closer than any other place's name. A scan of the
    /// few thousand place names, done only when nothing matched as typed.
    pub fn by_spelling(&self, typed: &str) -> Option<AreaIdx> {
        let t = spelling(typed);
        if t.len() < 4 {
            return None;
        }
        let max = if t.len() <= 5 { 1 } else { 2 };
        let mut best: Option<(usize, AreaIdx)> = None;
        let mut tied = false;
        for (name, area) in &self.spellings {
            if name.len().abs_diff(t.len()) > max {
                continue;
            }
            let d = strsim::damerau_levenshtein(&t, name);
            match best {
                _ if d > max => {}
                Some((b, a)) if d == b && a != *area => tied = true,
                Some((b, _)) if d >= b => {}
                _ => {
                    best = Some((d, *area));
                    tied = false;
                }
            }
        }
        best.filter(|_| !tied).map(|(_, a)| a)
    }

    /// Whether `typed` is `name` with a typo in some of its words, word for word: "texs" is
    /// Texas misspelt; "atlantis" covers only half of "Atlantic City".
    pub fn is_misspelling(&self, typed: &str, name: &str) -> bool {
        let typed = crate::text::tokens(typed);
        let name = crate::text::tokens(name);
        typed.len() == name.len()
            && typed.iter().zip(&name).all(|(t, n)| {
                t == n
                    || self
                        .index
                        .correct(t)
                        .is_some_and(|c| self.index.word(c) == n.as_str())
            })
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
