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
const RELATED: &[&str] = &[
    "like",
    "similar",
    "related",
    "alternatives",
    "alternative",
    "other",
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
    "all",
    "day",
    "daily",
    "description",
    "involve",
    "involves",
    "entail",
    "entails",
];

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

/// Removes Discord mention markup (`<@123>`, `<@!123>`, `<@&role>`) and `@everyone`-style
/// words, which name people, not careers, and lowercases.
fn clean(question: &str) -> String {
    let mut out = String::with_capacity(question.len().min(4 * MAX_QUERY_CHARS));
    let mut rest = question;
    while let Some(start) = rest.find("<@") {
        out.push_str(&rest[..start]);
        match rest[start..].find('>') {
            Some(end) => rest = &rest[start + end + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let lowered: String = out
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

        // A trailing "in <place>" that really names a place.
        let mut place = None;
        if let Some(pos) = ws.iter().rposition(|w| w == "in") {
            let candidate = ws[pos + 1..].join(" ");
            if !candidate.is_empty() && self.lookup_place(&candidate).is_ok() {
                place = Some(candidate);
                ws.truncate(pos);
            }
        }

        // Comparison: "a vs b", "compare a and b", "difference between a and b".
        let sep = |w: &str| matches!(w, "vs" | "versus" | "v");
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
                .map(|p| strip_edges(p, &[GENERIC, SALARY]))
                .filter(|r| !r.is_empty())
                .collect();
            if roles.len() >= 2 {
                return Ok(Intent::Compare { roles, place });
            }
        }

        let role = |extra: &[&[&str]]| {
            let mut sets: Vec<&[&str]> = vec![GENERIC];
            sets.extend_from_slice(extra);
            strip_edges(&ws, &sets)
        };
        let intent = if has_any(&ws, SALARY) || joined.starts_with("how much") {
            Intent::Salary {
                role: role(&[SALARY]),
                place,
            }
        } else if has_any(&ws, RELATED) {
            Intent::Related {
                role: role(&[RELATED]),
            }
        } else if has_any(&ws, EDUCATION) {
            Intent::Education {
                role: role(&[EDUCATION]),
            }
        } else if has_any(&ws, DUTIES)
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
            Intent::Career { role: role(&[]) }
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
            Intent::Help => {
                return Err(UserError::NotUnderstood {
                    question: question.trim().chars().take(100).collect(),
                    help: HELP.to_string(),
                });
            }
        })
    }
}
