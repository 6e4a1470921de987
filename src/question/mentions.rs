//! Finding the careers and places a question names: spans of its words matched against the
//! same name indexes the resolver uses (gazetteer-style entity linking).
//!
//! 1. Every span of up to [`MAX_SPAN`] words is looked up whole in the career and place name
//!    indexes: a few hash look-ups and binary searches per span, no posting list walked. A
//!    misspelt word is first replaced by the vocabulary word it most likely stands for.
//! 2. Spans are chosen so that none overlap: places in a clear place context first ("in …",
//!    "austin texas"), then careers, longest first, then any other place.
//! 3. The runs of words that nothing matched and that are not the question's own words are
//!    resolved as a whole by the fuzzy resolver, once per run: "pest control techs".

use super::lexicon::{self, Cue};
use super::words::Words;
use crate::View;
use crate::data::{AreaIdx, AreaKind};
use crate::resolve::Verdict;
use crate::resolve::index::FuzzyIndex;

/// No career or place name people type in a question is longer.
pub const MAX_SPAN: usize = 6;
/// At most this many unmatched runs are given to the fuzzy resolver.
const MAX_RUNS: usize = 4;

/// Fields people name instead of the job ("is nursing in demand"): the field, and the career
/// (an id, or a name that resolves, possibly ambiguously) it stands for. Only when no longer
/// name contains it and the next word does not make it part of something else ("nursing
/// home").
pub const FIELDS: &[(&str, &str)] = &[
    ("nursing", "29-1141.00"),
    ("farming", "11-9013.00"),
    ("mortuary science", "39-4031.00"),
    ("product management", "product-manager"),
    ("project management", "project manager"),
    ("warehouse", "warehouse worker"),
    ("retail", "41-2031.00"),
    ("forklift", "53-7051.00"),
    ("electrical", "47-2111.00"),
    ("accounting", "13-2011.00"),
    ("radiology", "29-2034.00"),
    ("welding", "51-4121.00"),
    ("plumbing", "47-2152.00"),
    ("carpentry", "47-2031.00"),
    ("data science", "15-2051.00"),
    ("data engineering", "data-engineer"),
    ("data analytics", "15-2051.00"),
    ("machine learning", "machine-learning-engineer"),
    ("software engineering", "15-1252.00"),
    ("software development", "15-1252.00"),
    ("programming", "15-1252.00"),
    ("coding", "15-1252.00"),
    ("web development", "15-1254.00"),
    ("web design", "15-1255.00"),
    ("cybersecurity", "15-1212.00"),
    ("cyber security", "15-1212.00"),
    ("infosec", "15-1212.00"),
    ("graphic design", "27-1024.00"),
    ("interior design", "27-1025.00"),
    ("occupational therapy", "29-1122.00"),
    ("physical therapy", "29-1123.00"),
    ("speech therapy", "29-1127.00"),
    ("speech pathology", "29-1127.00"),
    ("respiratory therapy", "29-1126.00"),
    ("dental hygiene", "29-1292.00"),
    ("pharmacy", "29-1051.00"),
    ("dentistry", "29-1021.00"),
    ("optometry", "29-1041.00"),
    ("law", "23-1011.00"),
    ("law enforcement", "33-3051.00"),
    ("trucking", "53-3032.00"),
    ("real estate", "41-9022.00"),
    ("journalism", "27-3023.00"),
    ("architecture", "17-1011.00"),
    ("cosmetology", "39-5012.00"),
    ("dietetics", "29-1031.00"),
    ("firefighting", "33-2011.00"),
    ("landscaping", "37-3011.00"),
    ("phlebotomy", "31-9097.00"),
    ("sonography", "29-2032.00"),
    ("actuarial science", "15-2011.00"),
    ("court reporting", "27-3092.00"),
    ("medical coding", "29-2072.00"),
    ("social work", "social worker"),
    ("nurse anesthesia", "29-1151.00"),
    ("teaching", "teacher"),
    ("engineering", "engineer"),
];

/// Two-letter state codes that are also everyday words: read as a state only after a city
/// ("portland me") or typed in capitals after "in".
const WORDY_POSTAL: &[&str] = &[
    "al", "ar", "co", "de", "hi", "id", "in", "la", "ma", "me", "mo", "ok", "oh", "or", "pa", "va",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// The words are a name exactly (in any order, or singular/plural).
    Exact,
    /// A name once a misspelt word is corrected.
    Corrected,
    /// The fuzzy resolver's best reading of a run of words.
    Fuzzy,
    /// Words in the place of a career that name none ("pro esports player"): asked about
    /// as typed, so the answer can say it knows no such career.
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub enum What {
    /// `lookup` is what to resolve: the words of the name, or a career id.
    Role { lookup: String, strength: Strength },
    /// `area` when one area is meant; `None` for the nation (which adds nothing to a question)
    /// or when the words could mean several (then `lookup` is asked back).
    Place {
        area: Option<AreaIdx>,
        lookup: String,
        national: bool,
        /// Typed differently from the name it was read as ("texs" → "Texas").
        corrected: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub what: What,
}

impl Mention {
    pub fn is_role(&self) -> bool {
        matches!(self.what, What::Role { .. })
    }
}

/// A career or place name found at `start..end`.
#[derive(Debug, Clone)]
struct Span {
    start: usize,
    end: usize,
    corrected: bool,
    /// Areas the span names (places only), all of them: "portland" names two.
    areas: Vec<AreaIdx>,
    /// A field noun's career text (careers only).
    field: Option<&'static str>,
    /// The person form its last word was read as (careers only).
    form: Option<u32>,
}

impl Span {
    fn len(&self) -> usize {
        self.end - self.start
    }
    fn overlaps(&self, taken: &[bool]) -> bool {
        taken[self.start..self.end].iter().any(|&t| t)
    }
}

/// How a word of a question is found in an index's vocabulary.
#[derive(Debug, Clone, Default)]
struct Vocab {
    /// The word itself, or (`corrected`) the word it most likely misspells.
    direct: Option<(u32, bool)>,
    /// The person a field is named after ("audiology" → "audiologist", "event planning" →
    /// "event planner"), for the last word of a name.
    forms: Vec<u32>,
}

/// The names of the people who work in a field, as a field's name suggests them: only those
/// the vocabulary has are kept.
fn person_forms(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |s: String| {
        if s.len() > 3 {
            out.push(s)
        }
    };
    if let Some(stem) = word.strip_suffix("ology") {
        push(format!("{stem}ologist"));
    } else if let Some(stem) = word.strip_suffix("istry") {
        push(format!("{stem}ist")); // dentistry, chemistry
    } else if let Some(stem) = word.strip_suffix('y') {
        push(format!("{stem}ist")); // podiatry, pharmacy, therapy
    } else if let Some(stem) = word.strip_suffix("ment") {
        push(format!("{stem}r")); // management → manager
        push(format!("{stem}er"));
    } else if let Some(stem) = word.strip_suffix("ism") {
        push(format!("{stem}ist")); // journalism
    } else if let Some(stem) = word.strip_suffix("ic") {
        // "economics", "physics" and "statistics" arrive singular: "economic"…
        push(format!("{word}ist"));
        push(format!("{word}ian"));
        push(format!("{stem}ist"));
    } else if let Some(stem) = word.strip_suffix("ing") {
        push(stem.to_string()); // engineering, coaching, modeling
        push(format!("{stem}ant")); // accounting, consulting
        push(format!("{stem}er")); // planning, welding
        push(format!("{stem}or")); // counseling
        push(format!("{stem}e")); // nursing
        push(format!("{stem}ist")); // cycling
        let b = stem.as_bytes();
        if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
            push(format!("{}er", &stem[..stem.len() - 1])); // "shipping" → "shipper" is stem+er too
        }
    }
    out
}

/// Per word: its id in an index's vocabulary, whether that needed a correction, and the
/// person forms of a field's name.
fn vocabulary(index: &FuzzyIndex, words: &Words, correct: bool) -> Vec<Vocab> {
    words
        .words
        .iter()
        .map(|w| {
            let known = lexicon::is_known(&w.norm);
            let forms = if known || !correct {
                Vec::new()
            } else {
                person_forms(&w.norm)
                    .iter()
                    .filter_map(|f| index.token(f))
                    .collect()
            };
            if let Some(t) = index.token(&w.norm) {
                // A number is a name's word only if some name has it ("911 dispatcher").
                return Vocab {
                    direct: Some((t, false)),
                    forms,
                };
            }
            if w.number || !correct {
                return Vocab::default();
            }
            // A misspelling keeps its first letter; the question's own words are not names.
            let direct = (w.norm.len() >= 5 && !known)
                .then(|| index.correct(&w.norm))
                .flatten()
                .filter(|&t| index.word(t).as_bytes().first() == w.norm.as_bytes().first())
                .map(|t| (t, true));
            Vocab { direct, forms }
        })
        .collect()
}

/// A span of words that is a whole name.
#[derive(Debug, Clone)]
struct Hit {
    start: usize,
    end: usize,
    corrected: bool,
    /// The last word was read as the person of a field ("civil engineering" → "civil
    /// engineer"): the word it was read as.
    form: Option<u32>,
    targets: Vec<u32>,
}

/// Spans of words that are a whole name in `index`.
///
/// A span made only of the question's own words ("pay", "help") is a name only if the editors
/// put it in the alias table (`edited`), as several words: "data entry".
fn name_spans(
    index: &FuzzyIndex,
    words: &Words,
    vocab: &[Vocab],
    edited: impl Fn(u32) -> bool,
) -> Vec<Hit> {
    let n = words.len();
    let mut out = Vec::new();
    for start in 0..n {
        for end in (start + 1..=n.min(start + MAX_SPAN)).rev() {
            if words.crosses_sentence(start, end)
                || words.words[start + 1..end].iter().any(|w| w.pause_before)
            {
                continue;
            }
            // A name never starts or ends with "the", "of", "in"…, and a span made only of the
            // question's own words ("pay", "help") is not a name here.
            // ("IT" in capitals is information technology.)
            let function = |i: usize| lexicon::is_function(words.norm(i)) && !words.words[i].upper;
            if function(start) || function(end - 1) {
                continue;
            }
            let all_known = (start..end).all(|i| lexicon::is_known(words.norm(i)));
            if all_known && end - start < 2 {
                continue;
            }
            let Some(mut ids) = vocab[start..end - 1]
                .iter()
                .map(|v| v.direct.map(|(t, _)| t))
                .collect::<Option<Vec<u32>>>()
            else {
                continue;
            };
            let last = &vocab[end - 1];
            let tries = last
                .direct
                .map(|(t, _)| (t, None))
                .into_iter()
                .chain(last.forms.iter().map(|&f| (f, Some(f))));
            for (t, form) in tries {
                ids.push(t);
                let hits = index.phrase(&ids);
                ids.pop();
                if hits.is_empty()
                    || (all_known && !hits.iter().any(|h| edited(index.name(h.name).target)))
                {
                    continue;
                }
                let corrected = vocab[start..end]
                    .iter()
                    .any(|v| form.is_none() && v.direct.is_some_and(|(_, c)| c));
                out.push(Hit {
                    start,
                    end,
                    corrected,
                    form,
                    targets: hits.iter().map(|h| index.name(h.name).target).collect(),
                });
                break;
            }
        }
    }
    out
}

/// Whether the word before `i` introduces a place ("in", "near", "from", "out of", "to").
pub fn after_place_word(words: &Words, i: usize) -> bool {
    let prev = |k: usize| (i >= k).then(|| words.norm(i - k));
    let skip_the = usize::from(prev(1) == Some("the"));
    let p = prev(1 + skip_the);
    p.is_some_and(|w| {
        lexicon::entry(w).is_some_and(|e| e.cue(Cue::PlacePrep) > 0.0)
            || w == "to"
            || (w == "of" && prev(2 + skip_the) == Some("out"))
    })
}

pub fn find(view: &View, words: &Words) -> Vec<Mention> {
    let rc = view.rc;
    let n = words.len();
    let mut taken = vec![false; n];
    let mut mentions: Vec<Mention> = Vec::new();

    // "rn" at the end of a clause, after a word that is not an article: "right now".
    let mut right_now = vec![false; n];
    for i in 0..n {
        let last = i + 1 == n
            || words.words[i + 1].sentence != words.words[i].sentence
            || words.words[i + 1].pause_before;
        if words.norm(i) == "rn"
            && last
            && i > 0
            && !words.words[i].upper
            && !lexicon::is_function(words.norm(i - 1))
            && lexicon::entry(words.norm(i - 1)).is_none_or(|e| e.cue(Cue::Versus) == 0.0)
        {
            right_now[i] = true;
            taken[i] = true;
        }
    }

    // "$22/hr", "40 hrs": hours, not human resources.
    for i in 1..n {
        if matches!(words.norm(i), "hr" | "hrs") && words.words[i - 1].number {
            right_now[i] = true;
            taken[i] = true;
        }
    }

    // Places.
    let pindex = rc.places.index();
    let pvocab = vocabulary(pindex, words, false);
    let mut places: Vec<Span> = name_spans(pindex, words, &pvocab, |_| false)
        .into_iter()
        .map(|h| {
            let mut areas: Vec<AreaIdx> = h.targets.into_iter().map(|t| t as AreaIdx).collect();
            areas.sort_unstable();
            areas.dedup();
            Span {
                start: h.start,
                end: h.end,
                corrected: h.corrected,
                areas,
                field: None,
                form: None,
            }
        })
        .filter(|s| !right_now[s.start])
        .collect();
    // Two-letter state codes stand for the state only where a place is expected.
    let ends: Vec<usize> = places.iter().map(|s| s.end).collect();
    places.retain(|s| {
        let w = &words.words[s.start];
        let postal_only = s.len() == 1
            && w.norm.len() == 2
            && s.areas.iter().all(|&a| {
                let area = &rc.data.areas[a as usize];
                area.kind == AreaKind::State && area.postal.eq_ignore_ascii_case(&w.norm)
            });
        if !postal_only {
            return true;
        }
        let after_city = ends.contains(&s.start);
        let wordy = WORDY_POSTAL.contains(&w.norm.as_str());
        after_city
            || (after_place_word(words, s.start) && (!wordy || w.upper))
            || (w.upper && !wordy)
    });
    // A national name adds nothing, and "us" is mostly a pronoun: only after "in".
    let nation = rc.data.national_area();
    places.retain(|s| !s.areas.contains(&nation) || after_place_word(words, s.start));
    // A place named by a word that also belongs to job titles ("mobile", "temple") only after
    // "in", "near"…
    // (A one-word place that is also a word of job titles, "boston" or "mobile", is taken only
    // after careers, where "mobile developer" has already claimed it.)
    let cindex = rc.careers.index();
    let job_word = |s: &Span| s.len() == 1 && cindex.token(words.norm(s.start)).is_some();

    // City then state: "austin texas", "portland, me", "houston tx".
    let mut combined: Vec<(usize, usize, AreaIdx)> = Vec::new();
    for city in &places {
        for state in places.iter().filter(|s| s.start == city.end) {
            let states: Vec<&str> = state
                .areas
                .iter()
                .map(|&a| &rc.data.areas[a as usize])
                .filter(|a| a.kind == AreaKind::State)
                .map(|a| a.postal.as_str())
                .collect();
            let metros: Vec<AreaIdx> = city
                .areas
                .iter()
                .copied()
                .filter(|&a| {
                    let area = &rc.data.areas[a as usize];
                    area.kind == AreaKind::Metro
                        && states.iter().any(|p| metro_in_state(&area.name, p))
                })
                .collect();
            if let [one] = metros.as_slice() {
                combined.push((city.start, state.end, *one));
            }
        }
    }
    combined.sort_by_key(|&(s, e, _)| (std::cmp::Reverse(e - s), s));
    for (start, end, area) in combined {
        if taken[start..end].iter().any(|&t| t) {
            continue;
        }
        taken[start..end].iter_mut().for_each(|t| *t = true);
        mentions.push(Mention {
            start,
            end,
            what: What::Place {
                area: Some(area),
                lookup: rc.data.areas[area as usize].code.clone(),
                national: false,
                corrected: false,
            },
        });
    }
    // Places in a clear place context, or of several words, before careers.
    places.sort_by_key(|s| (std::cmp::Reverse(s.len()), s.start));
    let clear = |s: &Span| after_place_word(words, s.start) || (s.len() > 1 && !job_word(s));
    take_places(view, words, &places, &mut taken, &mut mentions, clear);

    // Careers.
    let cvocab = vocabulary(cindex, words, true);
    let span = |h: Hit| Span {
        start: h.start,
        end: h.end,
        // A one-word field read as its person through "-ing" ("driving" → "driver") is as
        // unsure as a typo; "event planning" or "audiology" is not.
        corrected: h.corrected
            || (h.form.is_some()
                && h.end - h.start == 1
                && (words.norm(h.start).ends_with("ing") || words.norm(h.start).ends_with("ic"))),
        areas: Vec::new(),
        field: None,
        form: h.form,
    };
    let mut careers: Vec<Span> =
        name_spans(cindex, words, &cvocab, |t| rc.careers.is_table_entry(t))
            .into_iter()
            .map(span)
            .collect();
    if let Some(extra) = view.added_names() {
        let evocab = vocabulary(extra, words, false);
        careers.extend(
            name_spans(extra, words, &evocab, |_| true)
                .into_iter()
                .map(|h| Span {
                    form: None,
                    ..span(h)
                }),
        );
    }
    // A one-word O*NET short title typed in small letters ("my cat", "gm gm") is an ordinary
    // word, unless "a"/"an" comes before it or a question word after it ("a cna", "crna pay").
    careers.retain(|s| {
        let w = &words.words[s.start];
        let short = s.len() == 1 && !w.upper && rc.careers.is_short_title_only(&w.norm);
        !short
            || (s.start > 0 && matches!(words.norm(s.start - 1), "a" | "an"))
            || (s.end < n && lexicon::entry(words.norm(s.end)).is_some_and(|e| !e.cues.is_empty()))
    });
    careers.extend(field_spans(words));
    careers.retain(|s| !right_now[s.start..s.end].iter().any(|&r| r));
    // Longest first; a field this table names wins over a name that merely has its words.
    careers.sort_by_key(|s| {
        (
            std::cmp::Reverse(s.len()),
            s.corrected,
            s.field.is_none(),
            s.start,
        )
    });
    // A word that is both a place and a career's short name ends a question about another
    // career ("cop salary DC", "nurse pay PA"): the place. ("nurse or PA salary" compares.)
    let sentence_end = |i: usize| i == n || words.words[i].sentence != words.words[i - 1].sentence;
    let place_not_career: Vec<(usize, usize)> = careers
        .iter()
        .filter(|s| {
            s.len() == 1
                && s.start > 0
                && sentence_end(s.end)
                && places.iter().any(|p| p.start == s.start && p.end == s.end)
                && lexicon::entry(words.norm(s.start - 1)).is_some_and(|e| {
                    e.cue(Cue::Salary) + e.cue(Cue::Outlook) + e.cue(Cue::Education) > 0.0
                })
                && careers.iter().any(|o| o.end < s.start)
        })
        .map(|s| (s.start, s.end))
        .collect();
    careers.retain(|s| !place_not_career.contains(&(s.start, s.end)));
    // A word read as a career only through a typo is more likely an ordinary word
    // ("describe" is not "scribe") when the question names a career exactly elsewhere.
    let exact = careers.iter().any(|s| !s.corrected);
    if exact {
        careers.retain(|s| !s.corrected);
    }
    // Career names, longest first, none overlapping.
    let mut names: Vec<Mention> = Vec::new();
    let mut is_name = vec![false; n];
    for s in &careers {
        if s.overlaps(&taken) {
            continue;
        }
        taken[s.start..s.end].iter_mut().for_each(|t| *t = true);
        is_name[s.start..s.end].iter_mut().for_each(|t| *t = true);
        let (lookup, strength) = match s.field {
            Some(f) => (f.to_string(), Strength::Exact),
            None => (
                corrected_text(cindex, words, &cvocab, s.start, s.end, s.form),
                if s.corrected {
                    Strength::Corrected
                } else {
                    Strength::Exact
                },
            ),
        };
        names.push(Mention {
            start: s.start,
            end: s.end,
            what: What::Role { lookup, strength },
        });
    }
    // Any other place.
    take_places(view, words, &places, &mut taken, &mut mentions, |_| true);

    // Groups: a career's name with the words around it that nothing explains ("radiologic
    // technologist", "pro esports player"), or such words alone ("pest control techs"). A
    // group the resolver reads as a whole is one career; a one-word name among words nothing
    // explains is a career nobody knows by that name, not that word.
    // Only words before a name modify it ("twitch streamer"); words after it rarely do
    // ("plumber without a degree").
    let mut groupable_word = vec![false; n];
    for i in (0..n).rev() {
        let content = !taken[i] && is_content(words, i) && !is_modifier(cindex, words, i);
        let before_name = i + 1 < n
            && (is_name[i + 1] || groupable_word[i + 1])
            && words.words[i + 1].sentence == words.words[i].sentence
            && !words.words[i + 1].pause_before;
        groupable_word[i] = is_name[i] || (content && (before_name || !names_near(&is_name, i)));
    }
    let groupable = |i: usize| groupable_word[i];
    let mut resolved = 0;
    for (a, b) in groups(words, groupable) {
        let inside: Vec<&Mention> = names
            .iter()
            .filter(|m| m.start >= a && m.end <= b)
            .collect();
        if let [one] = inside.as_slice()
            && one.start == a
            && one.end == b
        {
            mentions.push((*one).clone());
            continue;
        }
        if resolved == MAX_RUNS {
            mentions.extend(inside.into_iter().cloned());
            continue;
        }
        resolved += 1;
        let text = words.text(a, b);
        if inside.is_empty() && after_place_word(words, a) && !mentions.iter().any(|m| !m.is_role())
        {
            let r = rc.places.resolve(&rc.data, &text);
            if let Some(c) = r.candidates.first()
                && let Verdict::Found(area) = r.verdict()
                && rc.places.is_misspelling(&text, &c.matched)
            {
                mentions.push(Mention {
                    start: a,
                    end: b,
                    what: What::Place {
                        area: Some(area),
                        lookup: words.typed(a, b),
                        national: area == nation,
                        corrected: true,
                    },
                });
                continue;
            }
        }
        let r = view.resolution(&text);
        // One word alone must be a name's word as typed (or its short form): a typo of one
        // word is as likely another word.
        let lowercase_acronym =
            rc.careers.is_short_title_only(words.norm(a)) && !words.words[a].upper;
        let stands = b - a > 1
            || (!lowercase_acronym
                && r.candidates
                    .first()
                    .is_some_and(|c| cindex.covers_as_typed(&text, &c.matched)));
        if stands && matches!(r.verdict(), Verdict::Found(_) | Verdict::Ambiguous(_)) {
            mentions.push(Mention {
                start: a,
                end: b,
                what: What::Role {
                    lookup: text,
                    strength: Strength::Fuzzy,
                },
            });
        } else if !inside.is_empty()
            && inside.iter().all(|m| m.end - m.start == 1)
            && ((a..b).any(|i| !is_name[i] && cindex.token(words.norm(i)).is_none())
                || inside.iter().any(|m| {
                    matches!(
                        m.what,
                        What::Role {
                            strength: Strength::Corrected,
                            ..
                        }
                    )
                }))
        {
            // A word no job title has ("twitch", "esports") before a one-word name: a career
            // nobody knows by that name. ("long haul trucker" is a trucker.)
            mentions.push(Mention {
                start: a,
                end: b,
                what: What::Role {
                    lookup: words.typed(a, b),
                    strength: Strength::Unknown,
                },
            });
        } else {
            mentions.extend(inside.into_iter().cloned());
        }
    }
    let mut taken_places = vec![false; n];
    for m in mentions.iter().filter(|m| !m.is_role()) {
        taken_places[m.start..m.end]
            .iter_mut()
            .for_each(|t| *t = true);
    }
    // A question word that is also a word of job titles, right before a career, may belong
    // to it: "education administrator duties", "training manager salary". Kept if the
    // longer name resolves and stands for what was typed.
    for m in mentions.iter_mut() {
        let What::Role { strength, .. } = &m.what else {
            continue;
        };
        if *strength == Strength::Unknown || m.start == 0 {
            continue;
        }
        let p = m.start - 1;
        let w = &words.words[p];
        if w.sentence != words.words[m.start].sentence
            || words.words[m.start].pause_before
            || !lexicon::is_known(&w.norm)
            || lexicon::is_function(&w.norm)
            || cindex.token(&w.norm).is_none()
            || mentions_before(&taken_places, p)
        {
            continue;
        }
        let text = words.text(p, m.end);
        let r = view.resolution(&text);
        let stands = r
            .candidates
            .first()
            .is_some_and(|c| cindex.covers(&text, &c.matched));
        if stands && matches!(r.verdict(), Verdict::Found(_) | Verdict::Ambiguous(_)) {
            m.start = p;
            m.what = What::Role {
                lookup: text,
                strength: Strength::Fuzzy,
            };
        }
    }
    mentions.sort_by_key(|m| m.start);
    mentions
}

/// A word that describes the person rather than names the career ("gigging musician",
/// "aspiring nurse", "retired teacher"): an "-ing" word no job title has, or one of a few
/// words for where someone is in a career.
fn is_modifier(cindex: &FuzzyIndex, words: &Words, i: usize) -> bool {
    let w = words.norm(i);
    let ing = w.len() > 5 && w.ends_with("ing") && cindex.token(w).is_none();
    ing || matches!(
        w,
        "aspiring" | "wannabe" | "former" | "retired" | "ex" | "broke" | "struggling" | "fellow"
    )
}

/// Whether word `i` belongs to a place already found.
fn mentions_before(places: &[bool], i: usize) -> bool {
    places[i]
}

/// Whether a career name ends right before word `i` (a word after a name is not grouped
/// with it).
fn names_near(is_name: &[bool], i: usize) -> bool {
    i > 0 && is_name[i - 1]
}

/// Whether word `i` is one nothing explains: not taken by a name, not the question's own.
pub fn is_unexplained(words: &Words, i: usize, taken: &[bool]) -> bool {
    !taken[i] && is_content(words, i)
}

/// A word that is not the question's own, nor a number: part of some name, or unexplained.
fn is_content(words: &Words, i: usize) -> bool {
    !words.words[i].number
        && !lexicon::is_known(words.norm(i))
        && lexicon::correct(words.norm(i)).is_none()
}

/// Maximal runs of words for which `member` holds, within one sentence and unbroken by a
/// comma, at most [`MAX_SPAN`] words each.
fn groups(words: &Words, member: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for i in 0..=words.len() {
        let inside = i < words.len() && member(i);
        let breaks = i < words.len()
            && start.is_some_and(|s| {
                words.words[i].sentence != words.words[s].sentence
                    || words.words[i].pause_before
                    || i - s >= MAX_SPAN
            });
        if let Some(s) = start
            && (!inside || breaks)
        {
            out.push((s, i));
            start = None;
        }
        if inside && start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// The runs of words nothing explains: not a name, not the question's own, not a number.
pub fn runs(words: &Words, taken: &[bool]) -> Vec<(usize, usize)> {
    groups(words, |i| !taken[i] && is_content(words, i))
}

fn take_places(
    view: &View,
    words: &Words,
    places: &[Span],
    taken: &mut [bool],
    mentions: &mut Vec<Mention>,
    allowed: impl Fn(&Span) -> bool,
) {
    let rc = view.rc;
    for s in places {
        if s.overlaps(taken) || !allowed(s) {
            continue;
        }
        taken[s.start..s.end].iter_mut().for_each(|t| *t = true);
        let text = words.typed(s.start, s.end);
        let national = s.areas.contains(&rc.data.national_area());
        let area = match rc.lookup_place(&text) {
            Ok(a) if !national => Some(a),
            _ => None,
        };
        mentions.push(Mention {
            start: s.start,
            end: s.end,
            what: What::Place {
                area,
                lookup: text,
                national,
                corrected: s.corrected,
            },
        });
    }
}

/// "Portland-Vancouver-Hillsboro, OR-WA" lies in OR and WA.
fn metro_in_state(name: &str, postal: &str) -> bool {
    name.rsplit_once(", ")
        .is_some_and(|(_, states)| states.split('-').any(|s| s.trim() == postal))
}

/// The words of a span with corrected words replaced by what they were read as, and the last
/// by the person of the field if it was read so.
fn corrected_text(
    index: &FuzzyIndex,
    words: &Words,
    vocab: &[Vocab],
    start: usize,
    end: usize,
    form: Option<u32>,
) -> String {
    (start..end)
        .map(|i| match (form, &vocab[i].direct) {
            (Some(f), _) if i + 1 == end => index.word(f).to_string(),
            (_, Some((t, true))) => index.word(*t).to_string(),
            _ => words.norm(i).to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Field nouns ("nursing") not followed by a word that makes them part of something else.
fn field_spans(words: &Words) -> Vec<Span> {
    let mut out = Vec::new();
    for (field, career) in FIELDS {
        let parts: Vec<String> = crate::text::tokens(field);
        let k = parts.len();
        for start in 0..words.len().saturating_sub(k - 1) {
            if (0..k).any(|j| words.norm(start + j) != parts[j]) {
                continue;
            }
            let end = start + k;
            let next_is_content = end < words.len()
                && !words.words[end].pause_before
                && words.words[end].sentence == words.words[start].sentence
                && !lexicon::is_known(words.norm(end))
                && !words.words[end].number;
            // "nursing school": a school, not the career. ("a psychology degree" is the field.)
            let schooling = end < words.len()
                && matches!(
                    words.norm(end),
                    "school" | "program" | "student" | "class" | "course"
                );
            if !next_is_content && !schooling {
                out.push(Span {
                    start,
                    end,
                    corrected: false,
                    areas: Vec::new(),
                    field: Some(career),
                    form: None,
                });
            }
        }
    }
    out
}
