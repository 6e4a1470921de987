//! Questions in plain language → what is asked, about which careers, where.
//!
//! "how much does a nurse make in Ohio", "cto vs product manager", "what does a data scientist
//! do", "jobs like actuary", "do I need a degree to be an electrician". Deliberately simple:
//! find the intent by its words, take a trailing "in <place>" if it names a place, and strip the
//! question's filler words from the edges of what remains to get the role. What it cannot place
//! gets an answer that lists what can be asked.

use crate::answers::{self, Answer};
use crate::lookup::{MAX_QUERY_CHARS, Subject, UserError};
use crate::{Rolecall, View};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "intent", rename_all = "kebab-case")]
pub enum Intent {
    Salary {
        role: String,
        place: Option<String>,
    },
    Compare {
        roles: Vec<String>,
        place: Option<String>,
    },
    Responsibilities {
        role: String,
    },
    Related {
        role: String,
    },
    /// "Do I need a degree…": answered with the profile, whose entry requirements lead.
    Education {
        role: String,
    },
    Career {
        role: String,
    },
    About,
    Help,
}

/// What can be asked, for the reply to a question that could not be understood.
pub const HELP: &str = "You can ask, for example:
• how much does a nurse make in Ohio?
• cto vs product manager
• what does a data scientist do?
• jobs like actuary
• do I need a degree to be an electrician?
• tell me about web developers
• where does your data come from?";

const GENERIC: &[&str] = &[
    "how",
    "much",
    "does",
    "do",
    "did",
    "a",
    "an",
    "the",
    "what",
    "whats",
    "is",
    "are",
    "i",
    "me",
    "tell",
    "about",
    "can",
    "could",
    "you",
    "please",
    "typical",
    "typically",
    "average",
    "median",
    "usually",
    "per",
    "year",
    "yearly",
    "annually",
    "annual",
    "hour",
    "hourly",
    "of",
    "for",
    "to",
    "as",
    "be",
    "get",
    "someone",
    "people",
    "who",
    "on",
    "work",
    "works",
    "working",
    "job",
    "jobs",
    "career",
    "careers",
    "role",
    "roles",
    "position",
    "hey",
    "hi",
    "rolecall",
    "and",
    "with",
    "in",
    "at",
    "s",
];
const SALARY: &[&str] = &[
    "make",
    "makes",
    "making",
    "earn",
    "earns",
    "earning",
    "earnings",
    "salary",
    "salaries",
    "pay",
    "pays",
    "paid",
    "wage",
    "wages",
    "income",
    "money",
    "compensation",
];
const EDUCATION: &[&str] = &[
    "need",
    "needs",
    "needed",
    "degree",
    "degrees",
    "education",
    "educational",
    "requirements",
    "requirement",
    "required",
    "require",
    "qualifications",
    "qualification",
    "become",
    "becoming",
    "study",
    "train",
    "training",
    "certification",
    "college",
    "diploma",
];
/// Education words that are also words of job titles ("education administrator", "train
/// conductor"): they mark the question but are not stripped from the role.
const EDUCATION_TITLE_WORDS: &[&str] = &[
    "education",
    "educational",
    "study",
    "train",
    "training",
    "college",
    "certification",
];
/// Pay words that are also words of job titles ("compensation analyst").
const SALARY_TITLE_WORDS: &[&str] = &["compensation", "income"];

const RELATED: &[&str] = &[
    "like",
    "similar",
    "related",
    "alternatives",
    "alternative",
    "instead",
    "besides",
];
const DUTIES: &[&str] = &[
    "duties",
    "duty",
    "responsibilities",
    "responsibility",
    "tasks",
    "task",
    "description",
    "involve",
    "involves",
    "entail",
    "entails",
];

/// Any word of the question's own vocabulary (not of a role), for the fallback that drops them
/// wherever they stand.
fn is_question_word(w: &str) -> bool {
    [
        GENERIC,
        SALARY,
        EDUCATION,
        RELATED,
        DUTIES,
        &["have", "has", "other"],
    ]
    .iter()
    .any(|set| set.contains(&w))
}

/// Words around the two sides of a comparison phrased as a question.
const COMPARE_FILLER: &[&str] = &[
    "more", "less", "better", "which", "one", "who", "is", "a", "an", "the", "paid", "pays",
];
/// "what's it like being a firefighter".
const DESCRIBE_FILLER: &[&str] = &["it", "like", "being", "life", "day", "in"];
/// Common words that happen to be place abbreviations or names ("in me", "in or"): never a
/// place when ambiguous.
const STOPWORDS_PLACE: &[&str] = &["me", "or", "in", "ok", "hi", "oh", "it", "a", "the"];

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| {
        c.is_whitespace() || matches!(c, '?' | '!' | '.' | ',' | ';' | ':' | '"' | '“' | '”')
    })
    .filter(|w| !w.is_empty())
    .map(|w| w.trim_matches('\'').replace('’', "'"))
    .map(|w| w.strip_suffix("'s").map(str::to_string).unwrap_or(w))
    .filter(|w| !w.is_empty())
    .collect()
}

fn has_any(ws: &[String], set: &[&str]) -> bool {
    ws.iter().any(|w| set.contains(&w.as_str()))
}

/// Drops filler words from both ends, keeping the middle intact ("chief of police").
fn strip_edges(ws: &[String], fillers: &[&[&str]]) -> String {
    let is_filler = |w: &String| fillers.iter().any(|set| set.contains(&w.as_str()));
    let start = ws.iter().position(|w| !is_filler(w)).unwrap_or(ws.len());
    let end = ws
        .iter()
        .rposition(|w| !is_filler(w))
        .map_or(start, |e| e + 1);
    ws[start..end.max(start)].join(" ")
}

/// Lowercases and drops `@name`-style words, which name people, not careers. (A front end
/// removes its own markup, such as Discord's `<@123>`, before asking.)
fn clean(question: &str) -> String {
    let lowered: String = question
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    lowered
        .split_whitespace()
        .filter(|w| !w.starts_with('@'))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Rolecall {
    /// Works out what a question asks. A question it cannot place is a user error whose text
    /// lists what can be asked.
    pub fn parse_question(&self, question: &str) -> Result<Intent, UserError> {
        let text = clean(question);
        let not_understood = || UserError::NotUnderstood {
            question: question.trim().chars().take(100).collect(),
            help: HELP.to_string(),
        };
        if text.trim().is_empty() {
            return Err(not_understood());
        }
        if text.chars().count() > 2 * MAX_QUERY_CHARS {
            return Err(UserError::TooLong {
                what: Subject::Role,
                chars: text.chars().count(),
                max: 2 * MAX_QUERY_CHARS,
            });
        }
        let mut ws = words(&text);
        let joined = ws.join(" ");
        if ["help", "what can you do", "what can i ask", "commands"].contains(&joined.as_str()) {
            return Ok(Intent::Help);
        }
        if ["about", "sources", "credits"].contains(&joined.as_str())
            || joined.contains("data come from")
            || joined.contains("your sources")
            || joined.contains("about rolecall")
            || joined.contains("about you")
        {
            return Ok(Intent::About);
        }

        // "in <place>": the words after an "in" (the last first) that name a place, or a place
        // name that could mean several (asked back later); "the" and filler around it dropped.
        let mut place = None;
        // "… make in Ohio per year": time words after a place say nothing about the role.
        let per = ["per", "a", "year", "hour", "annually", "yearly", "hourly"];
        'search: for pos in ws
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, w)| *w == "in")
            .map(|(i, _)| i)
        {
            let start = pos + 1 + usize::from(ws.get(pos + 1).is_some_and(|w| w == "the"));
            for end in (start + 1..=ws.len().min(start + 6)).rev() {
                let candidate = ws[start..end].join(" ");
                let usable = match self.lookup_place(&candidate) {
                    Ok(_) => true,
                    Err(UserError::Ambiguous { .. }) => {
                        !STOPWORDS_PLACE.contains(&candidate.as_str())
                    }
                    Err(_) => false,
                };
                if usable {
                    place = Some(candidate);
                    let tail: Vec<String> = ws[end..]
                        .iter()
                        .filter(|w| !per.contains(&w.as_str()))
                        .cloned()
                        .collect();
                    ws.truncate(pos);
                    ws.extend(tail);
                    break 'search;
                }
            }
        }

        // Comparison: "a vs b", "compare a and b", "difference between a and b", "is a paid more
        // than b", "a or b, which pays more".
        let more_than = joined.contains("more than")
            || joined.contains("less than")
            || joined.contains("better than");
        let pay_question =
            has_any(&ws, SALARY) || joined.contains("which") || joined.starts_with("who ");
        let sep = |w: &str| {
            matches!(w, "vs" | "versus" | "v")
                || (more_than && w == "than")
                || (pay_question && w == "or")
        };
        let compare_word = ws.first().is_some_and(|w| w == "compare")
            || joined.contains("difference between")
            || joined.contains("compared to");
        if ws.iter().any(|w| sep(w)) || compare_word {
            let mut parts: Vec<Vec<String>> = vec![Vec::new()];
            for w in &ws {
                let splits =
                    sep(w) || (compare_word && matches!(w.as_str(), "and" | "with" | "to" | "or"));
                if splits {
                    parts.push(Vec::new());
                } else if w != "compare" && w != "difference" && w != "between" && w != "compared" {
                    parts.last_mut().expect("never empty").push(w.clone());
                }
            }
            let roles: Vec<String> = parts
                .iter()
                .map(|p| strip_edges(p, &[GENERIC, SALARY, COMPARE_FILLER]))
                .filter(|r| !r.is_empty())
                .collect();
            if roles.len() >= 2 {
                return Ok(Intent::Compare { roles, place });
            }
        }

        // The role: the question's filler stripped from its edges; if that names nothing but
        // the words left without any filler do ("other duties does a nurse have"), those.
        let role = |extra: &[&[&str]]| {
            let mut sets: Vec<&[&str]> = vec![GENERIC];
            sets.extend_from_slice(extra);
            let edges = strip_edges(&ws, &sets);
            if matches!(
                self.lookup_career(&edges),
                Ok(_) | Err(UserError::Ambiguous { .. })
            ) {
                return edges;
            }
            let inner: Vec<String> = ws
                .iter()
                .filter(|w| !is_question_word(w))
                .cloned()
                .collect();
            let inner = inner.join(" ");
            if !inner.is_empty() && inner != edges && self.lookup_career(&inner).is_ok() {
                inner
            } else {
                edges
            }
        };
        let salary_strip: Vec<&str> = SALARY
            .iter()
            .copied()
            .filter(|w| !SALARY_TITLE_WORDS.contains(w))
            .collect();
        let education_strip: Vec<&str> = EDUCATION
            .iter()
            .copied()
            .filter(|w| !EDUCATION_TITLE_WORDS.contains(w))
            .collect();
        let describes = joined.contains("it like") || joined.contains("a day in the life");
        let intent = if has_any(&ws, SALARY) || joined.starts_with("how much") {
            Intent::Salary {
                role: role(&[&salary_strip]),
                place,
            }
        } else if has_any(&ws, RELATED) && !describes {
            Intent::Related {
                role: role(&[RELATED, &["other"]]),
            }
        } else if has_any(&ws, &education_strip) || joined.contains("what education") {
            Intent::Education {
                role: role(&[&education_strip]),
            }
        } else if has_any(&ws, DUTIES)
            || joined.contains("all day")
            || joined.contains("day to day")
            || (joined.starts_with("what do") && ws.last().is_some_and(|w| w == "do"))
        {
            Intent::Responsibilities {
                role: role(&[DUTIES]),
            }
        } else if place.is_some() {
            Intent::Salary {
                role: role(&[]),
                place,
            }
        } else {
            Intent::Career {
                role: role(&[DESCRIBE_FILLER]),
            }
        };
        // "registered nurse salary california": a place at the end without "in".
        let intent = match intent {
            Intent::Salary { role, place: None } => {
                let words: Vec<&str> = role.split(' ').collect();
                let split = (1..words.len().min(4)).find_map(|k| {
                    let (r, p) = words.split_at(words.len() - k);
                    let r: Vec<&str> = r.iter().copied().filter(|w| !is_question_word(w)).collect();
                    let (r, p) = (r.join(" "), p.join(" "));
                    (self.lookup_place(&p).is_ok() && self.lookup_career(&r).is_ok())
                        .then_some((r, p))
                });
                match split {
                    Some((r, p)) => Intent::Salary {
                        role: r,
                        place: Some(p),
                    },
                    None => Intent::Salary { role, place: None },
                }
            }
            other => other,
        };
        let role_text = match &intent {
            Intent::Salary { role, .. }
            | Intent::Related { role }
            | Intent::Education { role }
            | Intent::Responsibilities { role }
            | Intent::Career { role } => role,
            _ => unreachable!("only role intents are built above"),
        };
        if role_text.is_empty() {
            return Err(not_understood());
        }
        Ok(intent)
    }

    /// Answers a question in plain language, from the shipped data.
    pub fn answer_question(&self, question: &str) -> Result<Answer, UserError> {
        self.view().answer_question(question)
    }

    /// See [`View::answer_intent`].
    pub fn answer_intent(&self, intent: Intent, question: &str) -> Result<Answer, UserError> {
        self.view().answer_intent(intent, question)
    }
}

impl View<'_> {
    /// Answers a question in plain language.
    pub fn answer_question(&self, question: &str) -> Result<Answer, UserError> {
        let intent = self.rc.parse_question(question)?;
        self.answer_intent(intent, question)
    }

    /// Answers a parsed question (`question` is the original text, quoted back when it cannot
    /// be answered). Front ends that ask back call this to know what was being asked.
    pub fn answer_intent(&self, intent: Intent, question: &str) -> Result<Answer, UserError> {
        let place = |p: &Option<String>| p.as_deref().map(|p| self.rc.lookup_place(p)).transpose();
        Ok(match intent {
            Intent::Salary { role, place: p } => {
                let idx = self.lookup_career(&role)?;
                Answer::Salary(answers::salary(self, idx, place(&p)?))
            }
            Intent::Compare { roles, place: p } => {
                let idx = roles
                    .iter()
                    .map(|r| self.lookup_career(r))
                    .collect::<Result<Vec<_>, _>>()?;
                Answer::Compare(answers::compare(self, &idx, place(&p)?)?)
            }
            Intent::Responsibilities { role } => Answer::Responsibilities(
                answers::responsibilities(self, self.lookup_career(&role)?),
            ),
            Intent::Related { role } => {
                Answer::Related(answers::related(self, self.lookup_career(&role)?))
            }
            Intent::Education { role } | Intent::Career { role } => {
                match self.lookup_career(&role) {
                    Ok(idx) => Answer::Career(answers::profile(self, idx)),
                    // A phrase with no question word that names no role: say what can be asked
                    // rather than "unknown role".
                    Err(UserError::Unknown { .. }) => {
                        return Err(UserError::NotUnderstood {
                            question: question.trim().chars().take(100).collect(),
                            help: HELP.to_string(),
                        });
                    }
                    Err(e) => return Err(e),
                }
            }
            Intent::About => Answer::About(answers::about(self)),
            Intent::Help => Answer::Help(answers::Help {
                text: HELP.to_string(),
            }),
        })
    }
}
