//! Responsibilities, related careers, and search/browse.

use super::blocks::*;
use crate::View;
use crate::data::{CareerIdx, RelatedTier, TaskKind};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Responsibilities {
    pub career: CareerRef,
    /// Core tasks first, then supplemental, then those O*NET has not rated.
    pub tasks: Vec<TaskItem>,
    pub disclosures: Vec<Disclosure>,
    pub sources: Vec<Cite>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskItem {
    pub text: String,
    pub kind: TaskKind,
}

pub fn responsibilities(v: &View, idx: CareerIdx) -> Responsibilities {
    let c = v.career(idx);
    let career = CareerRef::new(v, idx);
    Responsibilities {
        tasks: c
            .tasks
            .iter()
            .map(|t| TaskItem {
                text: t.text.clone(),
                kind: t.kind,
            })
            .collect(),
        disclosures: career_disclosures(v, &career)
            .into_iter()
            .filter(|d| d.kind == DisclosureKind::CuratedRole)
            .collect(),
        sources: cite(v, &[if c.is_curated() { "rolecall" } else { "onet" }]),
        career,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub career: CareerRef,
    pub related: Vec<RelatedItem>,
    pub sources: Vec<Cite>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelatedItem {
    pub career: CareerRef,
    pub tier: RelatedTier,
    /// Median annual pay, to help choose between them.
    pub median_pay: Option<Money>,
}

pub fn related(v: &View, idx: CareerIdx) -> Related {
    let c = v.career(idx);
    Related {
        career: CareerRef::new(v, idx),
        related: c
            .related
            .iter()
            .filter(|r| !v.is_hidden(r.career))
            .map(|r| RelatedItem {
                career: CareerRef::new(v, r.career),
                tier: r.tier,
                median_pay: national_pay(v, r.career).and_then(|p| p.headline_median()),
            })
            .collect(),
        sources: cite(
            v,
            &[if c.is_curated() { "rolecall" } else { "onet" }, "bls-oews"],
        ),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Search {
    /// Empty when browsing.
    pub query: String,
    pub page: usize,
    pub pages: usize,
    pub total: usize,
    pub results: Vec<SearchItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchItem {
    pub career: CareerRef,
    /// How well the query matched (absent when browsing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    /// The name that matched, when it is not the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<String>,
}

pub const PAGE_SIZE: usize = 10;
/// Search results beyond this many are noise.
const SEARCH_LIMIT: usize = 50;

/// Search results in the order a reader expects, as the resolver breaks its ties: first the
/// careers the query names by their own title or a name the editors gave them (every word
/// typed begins a word of it: "prod" → Product Manager, Producers and Directors), then those
/// whose matching name is theirs alone, then those that only share an alternate title with
/// other results (five occupations list "Production Operator"). Within each, near-equal
/// scores (0.02 apart) go to curated roles first, then to the more common occupation.
fn ranked(
    v: &View,
    query: &str,
    found: Vec<crate::resolve::Candidate<CareerIdx>>,
) -> Vec<crate::resolve::Candidate<CareerIdx>> {
    use crate::text::{normalize, tokens};
    let words = tokens(query);
    let editors: std::collections::HashSet<String> =
        v.rc.data
            .alias_table
            .iter()
            .map(|a| normalize(&a.text))
            .collect();
    let mut shared: std::collections::HashMap<String, usize> = Default::default();
    for c in &found {
        *shared.entry(normalize(&c.matched)).or_default() += 1;
    }
    let mut keyed: Vec<_> = found
        .into_iter()
        .map(|c| {
            let career = v.career(c.target);
            let matched = normalize(&c.matched);
            let title_words = tokens(&career.title);
            let names_it = !words.is_empty()
                && words
                    .iter()
                    .all(|w| title_words.iter().any(|t| t.starts_with(w.as_str())));
            let own = matched == normalize(&career.title)
                || editors.contains(&matched)
                || career.aliases.iter().any(|a| {
                    a.kind == crate::data::AliasKind::Curated && normalize(&a.text) == matched
                });
            let tier = if names_it || own {
                2
            } else if shared.get(&matched).copied().unwrap_or(0) <= 1 {
                1
            } else {
                0
            };
            let employment = v
                .figures_occupation(c.target)
                .map_or(0.0, |o| v.rc.data.employment(o));
            let key = (
                std::cmp::Reverse(tier),
                std::cmp::Reverse((c.score * 50.0).round() as i32),
                std::cmp::Reverse(career.is_curated()),
                std::cmp::Reverse((employment * 10.0) as i64),
                c.target,
            );
            (key, c)
        })
        .collect();
    keyed.sort_by_key(|(k, _)| *k);
    keyed.into_iter().map(|(_, c)| c).collect()
}

/// Careers matching `query` (best first), or every career A–Z when the query is empty. Pages
/// are 1-based; a page past the end is clamped to the last one.
pub fn search(v: &View, query: &str, page: usize) -> Search {
    let query = query.trim();
    // (career, score, matched name), best first; cards are built for one page only.
    let found: Vec<(CareerIdx, Option<f32>, Option<String>)> = if query.is_empty() {
        let mut all: Vec<(String, CareerIdx)> = (0..v.len())
            .filter(|&i| !v.is_hidden(i))
            .map(|i| (v.career(i).title.to_lowercase(), i))
            .collect();
        all.sort();
        all.into_iter().map(|(_, i)| (i, None, None)).collect()
    } else {
        let query: String = query.chars().take(crate::lookup::MAX_QUERY_CHARS).collect();
        let found: Vec<_> = v
            .complete(&query, SEARCH_LIMIT)
            .into_iter()
            .filter(|c| c.score >= 0.3)
            .collect();
        ranked(v, &query, found)
            .into_iter()
            .map(|c| {
                let title = v.career(c.target).title.clone();
                let matched = (!c.matched.eq_ignore_ascii_case(&title)).then_some(c.matched);
                (c.target, Some((c.score * 1000.0).round() / 1000.0), matched)
            })
            .collect()
    };
    let total = found.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    Search {
        query: query.to_string(),
        page,
        pages,
        total,
        results: found
            .into_iter()
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .map(|(i, score, matched)| SearchItem {
                career: CareerRef::new(v, i),
                score,
                matched,
            })
            .collect(),
    }
}
