//! Turning what a person typed into one career or place — or a user error that says why not
//! and offers choices. Every front end goes through here, so they all ask back the same way.

use crate::Rolecall;
use crate::data::{AreaIdx, CareerIdx};
use crate::resolve::{Candidate, Verdict};
use serde::Serialize;

/// Longer than any job title or place name; longer input is refused rather than matched.
pub const MAX_QUERY_CHARS: usize = 200;

/// Something the person asking can fix. Shown to them as is; never an internal failure.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "kebab-case")]
pub enum UserError {
    #[error("Please name a {what}.")]
    Empty { what: Subject },
    #[error("That {what} is too long ({chars} characters); please keep it under {max}.")]
    TooLong {
        what: Subject,
        chars: usize,
        max: usize,
    },
    #[error("I don't know a {what} called “{query}”.{}", suggest(.suggestions))]
    Unknown {
        what: Subject,
        query: String,
        suggestions: Vec<Choice>,
    },
    #[error("“{query}” could mean several {what}s. Which one?{}", list(.options))]
    Ambiguous {
        what: Subject,
        query: String,
        options: Vec<Choice>,
    },
    /// The name means a career this server's moderators hid: said, not replaced by another.
    #[error("“{query}” is {title}, which is hidden here.{}", suggest(.suggestions))]
    Hidden {
        query: String,
        title: String,
        suggestions: Vec<Choice>,
    },
    #[error("Compare needs {min} to {max} different roles; got {got}.")]
    CompareCount { got: usize, min: usize, max: usize },
    #[error("I can't answer that yet.\n{help}")]
    NotUnderstood { question: String, help: String },
    #[error("{message}")]
    InvalidEdit { message: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Subject {
    Role,
    Place,
    Question,
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Subject::Role => "role",
            Subject::Place => "place",
            Subject::Question => "question",
        })
    }
}

/// An area read from what someone typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceRead {
    pub area: AreaIdx,
    /// Read through a misspelling, which the answer should disclose.
    pub corrected: bool,
}

/// One option offered back to the person: enough to show it and to pick it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    /// Career id (O*NET-SOC code or curated id) or OEWS area code: feeding it back resolves
    /// exactly.
    pub id: String,
    pub label: String,
    pub score: f32,
}

fn suggest(s: &[Choice]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(
            " Did you mean: {}?",
            s.iter()
                .map(|c| c.label.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

fn list(s: &[Choice]) -> String {
    s.iter().map(|c| format!("\n• {}", c.label)).collect()
}

pub(crate) fn check_text(text: &str, what: Subject) -> Result<&str, UserError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(UserError::Empty { what });
    }
    let chars = t.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(UserError::TooLong {
            what,
            chars,
            max: MAX_QUERY_CHARS,
        });
    }
    Ok(t)
}

impl Rolecall {
    /// One career for `text` in the shipped data, or a user error offering choices. (Through a
    /// [`crate::View`] for data with edits.)
    pub fn lookup_career(&self, text: &str) -> Result<CareerIdx, UserError> {
        self.view().lookup_career(text)
    }

    /// A resolution as one career or a user error whose choices `choice` labels.
    pub(crate) fn verdict_to_result(
        &self,
        text: &str,
        r: &crate::resolve::Resolution<CareerIdx>,
        choice: impl Fn(&Candidate<CareerIdx>) -> Choice,
    ) -> Result<CareerIdx, UserError> {
        let text = text.trim();
        match r.verdict() {
            Verdict::Found(idx) => Ok(idx),
            Verdict::Ambiguous(c) => Err(UserError::Ambiguous {
                what: Subject::Role,
                query: text.to_string(),
                options: c.iter().map(&choice).collect(),
            }),
            Verdict::NotFound(c) => Err(UserError::Unknown {
                what: Subject::Role,
                query: text.to_string(),
                suggestions: c[..c.len().min(3)].iter().map(&choice).collect(),
            }),
        }
    }

    /// One area for `text`, or a user error offering choices.
    pub fn lookup_place(&self, text: &str) -> Result<AreaIdx, UserError> {
        self.read_place(text).map(|r| r.area)
    }

    /// One area for `text`, and whether it was read through a typo ("texs" → Texas), so the
    /// answer can say so. A name typed in full (an area's name, a state's code, a city, a
    /// nickname) is found; a misspelling of a whole name is corrected; anything weaker
    /// ("atlantis" is half of "Atlantic City") is asked back, never answered.
    pub fn read_place(&self, text: &str) -> Result<PlaceRead, UserError> {
        let text = check_text(text, Subject::Place)?;
        if let Some(i) = self.data.areas.iter().position(|a| a.code == text) {
            return Ok(PlaceRead {
                area: i as AreaIdx,
                corrected: false,
            });
        }
        let r = self.places.resolve(&self.data, text);
        let choices = |c: &[Candidate<AreaIdx>]| {
            c.iter()
                .map(|c| {
                    let a = &self.data.areas[c.target as usize];
                    Choice {
                        id: a.code.clone(),
                        label: a.name.clone(),
                        score: c.score,
                    }
                })
                .collect()
        };
        let unknown = |c: &[Candidate<AreaIdx>]| UserError::Unknown {
            what: Subject::Place,
            query: text.to_string(),
            suggestions: choices(&c[..c.len().min(3)]),
        };
        match r.verdict() {
            Verdict::Found(a) => {
                let top = &r.candidates[0];
                if crate::text::normalize(&top.matched) == crate::text::normalize(text)
                    || top.score >= crate::resolve::WHOLE_NAME
                {
                    Ok(PlaceRead {
                        area: a,
                        corrected: false,
                    })
                } else if self.places.is_misspelling(text, &top.matched)
                    || self.places.by_spelling(text) == Some(a)
                {
                    Ok(PlaceRead {
                        area: a,
                        corrected: true,
                    })
                } else {
                    Err(unknown(&r.candidates))
                }
            }
            Verdict::NotFound(_) if self.places.by_spelling(text).is_some() => Ok(PlaceRead {
                area: self.places.by_spelling(text).expect("just checked"),
                corrected: true,
            }),
            Verdict::Ambiguous(c) => Err(UserError::Ambiguous {
                what: Subject::Place,
                query: text.to_string(),
                options: choices(c),
            }),
            Verdict::NotFound(c) => Err(unknown(c)),
        }
    }

    /// A label that says what a candidate is and why it matched: "Product Manager (curated
    /// role; figures: Marketing Managers)", "CTO → Chief Executives".
    pub fn career_choice(&self, c: &Candidate<CareerIdx>) -> Choice {
        self.view().career_choice(c)
    }

    pub fn career_label(&self, idx: CareerIdx, matched: Option<&str>) -> String {
        self.view().career_label(idx, matched)
    }
}
