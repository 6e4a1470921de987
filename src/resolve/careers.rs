//! Resolving role names: titles, O*NET alternate, short and reported titles, curated roles
//! and the alias table, over one [`FuzzyIndex`].

use super::index::{FuzzyIndex, Mode};
use super::{ASK_BACK, Candidate, Resolution, close_options, quantize};
use crate::data::curated::is_onet_code;
use crate::data::{AliasKind, CareerIdx, CareerKind, Dataset};
use crate::text;
use std::cmp::Reverse;

/// Below this a best guess is not offered as an answer, only as a suggestion.
pub const MIN_SCORE: f32 = 0.6;
/// Two different careers within this of each other are too close to call.
const AMBIGUITY_GAP: f32 = 0.015;
/// How many matching names are considered before grouping them by career.
const NAME_POOL: usize = 400;
/// At most this much (more than the ambiguity gap) is added for a query whose words appear in the career's own title: when
/// one alternate title sits under several occupations ("Sonographer"), the occupation named
/// for it is what people mean.
const TITLE_BONUS: f32 = 0.03;
/// A close runner-up does not make a result ambiguous if the leader is this many times as
/// common a job (or is the base occupation and the runner-up a specialisation of some other).
const DOMINANCE: f64 = 4.0;

/// Short forms of words in job titles, as people type them.
const SHORT_FORMS: &[(&str, &[&str])] = &[
    ("rep", &["representative"]),
    ("tech", &["technician", "technologist"]),
    ("admin", &["administrator", "administrative"]),
    ("mgr", &["manager"]),
    ("asst", &["assistant"]),
    ("dev", &["developer"]),
    ("eng", &["engineer"]),
    ("engr", &["engineer"]),
    ("spec", &["specialist"]),
    ("coord", &["coordinator"]),
    ("supv", &["supervisor"]),
    ("exec", &["executive"]),
    ("dir", &["director"]),
    ("sr", &["senior"]),
    ("jr", &["junior"]),
    ("prof", &["professor"]),
    ("med", &["medical"]),
    ("pharm", &["pharmacy", "pharmaceutical"]),
    ("lab", &["laboratory"]),
    ("sw", &["software"]),
    ("info", &["information"]),
    ("mech", &["mechanic", "mechanical"]),
    ("elec", &["electrical", "electrician"]),
    ("maint", &["maintenance"]),
    ("acct", &["accountant", "accounting"]),
    ("govt", &["government"]),
    ("mktg", &["marketing"]),
    ("mfg", &["manufacturing"]),
    ("cust", &["customer"]),
    ("svc", &["service"]),
    ("psych", &["psychiatric", "psychology", "psychologist"]),
    ("ref", &["referee"]),
    ("telecom", &["telecommunications", "telecommunication"]),
    ("bio", &["biology", "biological", "biologist"]),
    ("chem", &["chemical", "chemistry", "chemist"]),
];

/// How much an exact hit on each kind of name is worth. Titles and the editors' own names
/// (curated roles, the alias table) outrank O*NET's alternate titles, which outrank the
/// titles workers reported.
fn weight(kind: AliasKind) -> f32 {
    match kind {
        AliasKind::Curated => 1.0,
        AliasKind::Alternate | AliasKind::Short => 0.98,
        AliasKind::Reported => 0.97,
    }
}

pub struct CareerResolver {
    index: FuzzyIndex,
    /// Index targets at or above this are entries of the alias table.
    n_careers: u32,
    table: Vec<Vec<CareerIdx>>,
    /// Employment (thousands) and base-occupation flag per career, for tie-breaks.
    prior: Vec<(bool, bool, f64)>,
    /// Normalised words of each career's title.
    title_words: Vec<Vec<String>>,
    /// One-word names that are only O*NET short titles, mostly acronyms ("CAT", "GM", "DO"):
    /// in running text, usually an ordinary word.
    acronyms: std::collections::HashSet<String>,
}

impl CareerResolver {
    pub fn new(data: &Dataset) -> CareerResolver {
        let n_careers = data.careers.len() as u32;
        // Every title and alias, then the alias table: handed to the index one at a time,
        // never collected (60,000 of them).
        let entries = data
            .careers
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                std::iter::once((c.title.as_str(), i as u32, 1.0)).chain(
                    c.aliases
                        .iter()
                        .map(move |a| (a.text.as_str(), i as u32, weight(a.kind))),
                )
            })
            .chain(
                data.alias_table
                    .iter()
                    .enumerate()
                    .map(|(t, a)| (a.text.as_str(), n_careers + t as u32, 1.0)),
            );
        let mut acronyms: std::collections::HashSet<String> = data
            .careers
            .iter()
            .flat_map(|c| &c.aliases)
            .filter(|a| a.kind == AliasKind::Short)
            .map(|a| text::normalize(&a.text))
            .filter(|n| !n.is_empty() && !n.contains(' '))
            .collect();
        let mut table = Vec::new();
        for a in &data.alias_table {
            table.push(a.careers.clone());
        }
        // A word that is also a title, an alternate or reported title, a curated name or an
        // alias-table entry is a name in its own right. (Only one-word texts can be one.)
        let one_word = |t: &str| !t.contains(|c: char| c.is_whitespace());
        let names = data.careers.iter().flat_map(|c| {
            std::iter::once(c.title.as_str()).chain(
                c.aliases
                    .iter()
                    .filter(|a| a.kind != AliasKind::Short)
                    .map(|a| a.text.as_str()),
            )
        });
        for t in names
            .chain(data.alias_table.iter().map(|a| a.text.as_str()))
            .filter(|t| one_word(t))
        {
            acronyms.remove(&text::normalize(t));
        }
        let prior = (0..data.careers.len())
            .map(|i| {
                let c = data.career(i);
                (c.is_curated(), c.is_base_occupation(), data.employment(i))
            })
            .collect();
        let title_words = data
            .careers
            .iter()
            .map(|c| text::tokens(&c.title))
            .collect();
        CareerResolver {
            index: FuzzyIndex::build(entries).with_synonyms(SHORT_FORMS),
            n_careers,
            table,
            prior,
            title_words,
            acronyms,
        }
    }

    /// Whether a one-word name is only an O*NET short title (see `acronyms`).
    pub fn is_short_title_only(&self, word: &str) -> bool {
        self.acronyms.contains(word)
    }

    /// The name index itself, for finding names inside longer text (questions).
    pub fn index(&self) -> &FuzzyIndex {
        &self.index
    }

    /// The careers a name of the index stands for: its own career, or the careers of an
    /// alias-table entry (several for a known collision).
    pub fn careers_of(&self, target: u32) -> Vec<CareerIdx> {
        if target >= self.n_careers {
            self.table[(target - self.n_careers) as usize].clone()
        } else {
            vec![target as CareerIdx]
        }
    }

    /// Whether a name of the index is an entry of the alias table (the editors' own names).
    pub fn is_table_entry(&self, target: u32) -> bool {
        target >= self.n_careers
    }

    /// How many names (titles and aliases) the index holds.
    pub fn names(&self) -> usize {
        self.index.len()
    }

    /// Ranked careers for a complete query.
    pub fn resolve(&self, data: &Dataset, query: &str) -> Resolution<CareerIdx> {
        self.run(data, query, Mode::Resolve, 10)
    }

    /// Ranked careers for text still being typed (the last word may be unfinished).
    pub fn complete(&self, data: &Dataset, query: &str, limit: usize) -> Resolution<CareerIdx> {
        self.run(data, query, Mode::Prefix, limit)
    }

    fn run(&self, data: &Dataset, query: &str, mode: Mode, limit: usize) -> Resolution<CareerIdx> {
        let trimmed = query.trim();
        // An exact O*NET-SOC code or curated id is unambiguous whatever it looks like.
        if let Some(idx) = data
            .by_id(trimmed)
            .filter(|_| is_onet_code(trimmed) || trimmed.contains('-'))
        {
            return Resolution {
                query: query.to_string(),
                candidates: vec![Candidate {
                    target: idx,
                    score: 1.0,
                    matched: data.career(idx).id.clone(),
                }],
                best: Some(idx),
                ambiguous: false,
                options: 1,
            };
        }
        let hits = self.index.search(trimmed, mode, NAME_POOL);
        // Best name per career. A collision entry lists its careers in the editors' order,
        // a hair apart, and makes the result ambiguous if it is the winning evidence.
        let mut best: Vec<Candidate<CareerIdx>> = Vec::new();
        let mut seen = vec![false; data.careers.len()];
        // Careers whose best evidence is a collision entry: they keep the editors' order and
        // make the result ambiguous if one of them wins.
        let mut via_collision = vec![false; data.careers.len()];
        for hit in &hits {
            let name = self.index.name(hit.name);
            let own = name.target as usize;
            let targets: &[CareerIdx] = if name.target >= self.n_careers {
                &self.table[(name.target - self.n_careers) as usize]
            } else {
                std::slice::from_ref(&own)
            };
            for (k, &career) in targets.iter().enumerate() {
                if !seen[career] {
                    seen[career] = true;
                    via_collision[career] = targets.len() > 1;
                    best.push(Candidate {
                        target: career,
                        score: hit.score - 0.002 * k as f32,
                        matched: self.index.text(hit.name).to_string(),
                    });
                }
            }
        }
        let words = text::tokens(trimmed);
        for c in &mut best {
            c.score += if via_collision[c.target] {
                // The editors' list stays on top, in their order.
                TITLE_BONUS
            } else {
                let title = &self.title_words[c.target];
                let shared = words.iter().filter(|w| title.contains(w)).count();
                if shared == 0 {
                    0.0
                } else {
                    TITLE_BONUS * (0.5 + 0.5 * shared as f32 / words.len() as f32)
                }
            };
        }
        best.sort_by_key(|c| {
            let (curated, base, employment) = self.prior[c.target];
            (
                Reverse(quantize(c.score)),
                Reverse(curated),
                Reverse(base),
                Reverse((employment * 10.0) as i64),
                c.target,
            )
        });
        best.truncate(limit);

        // A complete name must stand for the name it matched, not share a word with it:
        // "pro esports player" is not "Player". (Text still being typed may be a prefix.)
        let top = best
            .first()
            .filter(|c| c.score >= MIN_SCORE)
            .filter(|c| mode == Mode::Prefix || self.index.covers(trimmed, &c.matched))
            .map(|c| c.target);
        let ambiguous = match top {
            None => false,
            Some(t) => {
                via_collision[t]
                    || best.iter().skip(1).any(|c| {
                        c.score >= best[0].score - AMBIGUITY_GAP
                            && !same_figures(data, t, c.target)
                            && !self.dominates(t, c.target)
                    })
            }
        };
        let options = match top {
            Some(t) if via_collision[t] => best
                .iter()
                .take_while(|c| via_collision[c.target])
                .count()
                .min(ASK_BACK),
            _ => close_options(&best),
        };
        Resolution {
            query: query.to_string(),
            candidates: best,
            best: top,
            ambiguous,
            options,
        }
    }
}

impl CareerResolver {
    /// Whether people who type a name shared by `a` and `b` mean `a` often enough that asking
    /// back would be a nuisance: `a` is a base occupation and `b` a specialisation, or `a`
    /// employs several times as many people.
    fn dominates(&self, a: CareerIdx, b: CareerIdx) -> bool {
        let (a_curated, a_base, a_emp) = self.prior[a];
        let (_, b_base, b_emp) = self.prior[b];
        !a_curated && ((a_base && !b_base) || a_emp >= DOMINANCE * b_emp.max(0.1))
    }
}

/// A curated role and the occupation whose figures it uses are one answer, not two: "product
/// manager" is not ambiguous between the role and Marketing Managers.
fn same_figures(data: &Dataset, a: CareerIdx, b: CareerIdx) -> bool {
    let curated_over = |x: CareerIdx, y: CareerIdx| matches!(data.career(x).kind, CareerKind::Curated { figures_from } if figures_from == y);
    curated_over(a, b) || curated_over(b, a)
}
