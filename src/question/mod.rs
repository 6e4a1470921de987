//! Questions in plain language → what is asked, about which careers, where.
//!
//! "how much do plumbers make in Denver?", "cto vs product manager", "are welders in demand",
//! "I'm a chef, what else could I do?". The question is not stripped of word lists; its
//! careers and places are found as spans of words in the same name indexes the resolver uses
//! ([`mentions`]), and what is asked is read from the cue words they leave over ([`read`]).
//! An interpretation that explains too little of the question invents nothing: the answer
//! says what can be asked.

mod lexicon;
mod mentions;
mod read;
mod words;

pub use mentions::FIELDS;

use crate::answers::{self, Answer, Disclosure, DisclosureKind};
use crate::lookup::{Subject, UserError};
use crate::{Rolecall, View};
use read::{Ask, Reading};
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
    /// "Do I need a degree…", "how long is school for…".
    Education {
        role: String,
        place: Option<String>,
    },
    Career {
        role: String,
    },
    /// "Are welders in demand", "job outlook for electricians".
    Outlook {
        role: String,
        place: Option<String>,
    },
    /// "Where do nurses earn the most" (or the least).
    TopPlaces {
        role: String,
        lowest: bool,
    },
    About,
    Help,
}

impl Intent {
    /// The career slots (typed text or ids), in order.
    fn roles_mut(&mut self) -> Vec<&mut String> {
        match self {
            Intent::Compare { roles, .. } => roles.iter_mut().collect(),
            Intent::Salary { role, .. }
            | Intent::Responsibilities { role }
            | Intent::Related { role }
            | Intent::Education { role, .. }
            | Intent::Career { role }
            | Intent::Outlook { role, .. }
            | Intent::TopPlaces { role, .. } => vec![role],
            Intent::About | Intent::Help => Vec::new(),
        }
    }

    fn place_mut(&mut self) -> Option<&mut Option<String>> {
        match self {
            Intent::Salary { place, .. }
            | Intent::Compare { place, .. }
            | Intent::Education { place, .. }
            | Intent::Outlook { place, .. } => Some(place),
            _ => None,
        }
    }

    /// The same question with one of the choices a user error offered put where the error
    /// arose: the career slot that was typed as the error's query, or the place. `None` when
    /// the error offered no choice there.
    pub fn with_choice(&self, error: &UserError, id: &str) -> Option<Intent> {
        let (what, query) = match error {
            UserError::Ambiguous { what, query, .. } | UserError::Unknown { what, query, .. } => {
                (*what, query.trim())
            }
            _ => return None,
        };
        let mut out = self.clone();
        match what {
            Subject::Place => *out.place_mut()? = Some(id.to_string()),
            Subject::Role => {
                let mut roles = out.roles_mut();
                let slot = roles.iter_mut().find(|r| r.trim() == query)?;
                **slot = id.to_string();
            }
            Subject::Question => return None,
        }
        Some(out)
    }
}

/// What can be asked, for the reply to a question that could not be understood.
pub const HELP: &str = "You can ask, for example:
• how much does a nurse make in Ohio?
• cto vs product manager
• what does a data scientist do?
• are electricians in demand?
• where do pharmacists earn the most?
• do I need a degree to be a plumber?
• jobs like actuary
• tell me about web developers
• where does your data come from?";

/// Longer questions are refused rather than read: a Discord message holds 2,000 characters.
pub const MAX_QUESTION_CHARS: usize = 2000;

/// The intent a reading asks for.
fn intent_of(reading: Reading, question: &str) -> Result<Intent, UserError> {
    Ok(match reading {
        Reading::About => Intent::About,
        Reading::Help => Intent::Help,
        Reading::NotUnderstood => return Err(not_understood(question)),
        Reading::Ask {
            ask, roles, place, ..
        } => {
            let role = roles.first().cloned().unwrap_or_default();
            match ask {
                Ask::Salary => Intent::Salary { role, place },
                Ask::Compare => Intent::Compare { roles, place },
                Ask::Responsibilities => Intent::Responsibilities { role },
                Ask::Related => Intent::Related { role },
                Ask::Education => Intent::Education { role, place },
                Ask::Career => Intent::Career { role },
                Ask::Outlook => Intent::Outlook { role, place },
                Ask::TopPlaces { lowest } => Intent::TopPlaces { role, lowest },
            }
        }
    })
}

/// An earlier question as the context of a follow-up.
fn context_of(intent: &Intent) -> Option<read::Context> {
    let mut roles = intent.clone();
    let place = roles.place_mut().and_then(|p| p.clone());
    let ask = match intent {
        Intent::Salary { .. } => Ask::Salary,
        Intent::Compare { .. } => Ask::Compare,
        Intent::Responsibilities { .. } => Ask::Responsibilities,
        Intent::Related { .. } => Ask::Related,
        Intent::Education { .. } => Ask::Education,
        Intent::Career { .. } => Ask::Career,
        Intent::Outlook { .. } => Ask::Outlook,
        Intent::TopPlaces { lowest, .. } => Ask::TopPlaces { lowest: *lowest },
        Intent::About | Intent::Help => return None,
    };
    Some(read::Context {
        ask,
        roles: roles.roles_mut().into_iter().map(|r| r.clone()).collect(),
        place,
    })
}

fn not_understood(question: &str) -> UserError {
    UserError::NotUnderstood {
        question: question.trim().chars().take(100).collect(),
        help: HELP.to_string(),
    }
}

impl Rolecall {
    /// Works out what a question asks, from the shipped data. A question it cannot place is a
    /// user error whose text lists what can be asked.
    pub fn parse_question(&self, question: &str) -> Result<Intent, UserError> {
        self.view().parse_question(question)
    }

    /// Answers a question in plain language, from the shipped data.
    pub fn answer_question(&self, question: &str) -> Result<Answer, UserError> {
        self.view().answer_question(question)
    }

    /// See [`View::answer_intent`].
    pub fn answer_intent(&self, intent: Intent) -> Result<Answer, UserError> {
        self.view().answer_intent(intent)
    }
}

impl View<'_> {
    /// Works out what a question asks, with the names this audience's edits add.
    pub fn parse_question(&self, question: &str) -> Result<Intent, UserError> {
        let chars = question.chars().count();
        if chars > MAX_QUESTION_CHARS {
            return Err(UserError::TooLong {
                what: Subject::Question,
                chars,
                max: MAX_QUESTION_CHARS,
            });
        }
        let words = words::split(question);
        if words.len() == 0 {
            return Err(not_understood(question));
        }
        let mentions = mentions::find(self, &words);
        intent_of(read::read(&words, &mentions), question)
    }

    /// How a question was read, for maintainers (`rolecall ask --explain`): each word, the
    /// careers and places found in it, and the reading.
    pub fn explain_question(&self, question: &str) -> String {
        let words = words::split(question);
        let found = mentions::find(self, &words);
        let mut out = String::from("words:");
        for (i, w) in words.words.iter().enumerate() {
            out.push_str(&format!(" {i}:{}", w.norm));
        }
        out.push('\n');
        for m in &found {
            out.push_str(&format!(
                "{}..{} {:?} “{}”\n",
                m.start,
                m.end,
                m.what,
                words.text(m.start, m.end)
            ));
        }
        out.push_str(&format!("scores: {}\n", read::scores(&words, &found)));
        out.push_str(&format!("reading: {:?}\n", read::read(&words, &found)));
        out
    }

    /// The same intent with every career and place that resolves replaced by its id or area
    /// code, so that a choice offered for one slot keeps the others as they were read.
    pub fn pin(&self, intent: &Intent) -> Intent {
        let mut out = intent.clone();
        for r in out.roles_mut() {
            if let Ok(idx) = self.lookup_career(r) {
                *r = self.career(idx).id.clone();
            }
        }
        if let Some(p) = out.place_mut()
            && let Some(text) = p.as_deref()
            && let Ok(a) = self.rc.lookup_place(text)
        {
            *p = Some(self.area(a).code.clone());
        }
        out
    }

    /// Reads a reply to an earlier answer, in its context: `earlier` is the question that
    /// answer answered (front ends recover it from the answer, e.g. its buttons). Only what
    /// the reply changes is taken from it; a reply this cannot read is `NotUnderstood`.
    pub fn parse_followup(&self, earlier: &Intent, reply: &str) -> Result<Intent, UserError> {
        let Some(context) = context_of(earlier) else {
            return self.parse_question(reply);
        };
        let words = words::split(reply);
        if words.len() == 0 || reply.chars().count() > MAX_QUESTION_CHARS {
            return Err(not_understood(reply));
        }
        let mentions = mentions::find(self, &words);
        intent_of(read::read_followup(&words, &mentions, &context), reply)
    }

    /// Answers a question in plain language.
    pub fn answer_question(&self, question: &str) -> Result<Answer, UserError> {
        let intent = self.parse_question(question)?;
        self.answer_intent(intent)
    }

    /// Answers a parsed question, or a command that names what it asks (the CLI's and the
    /// bot's commands build an [`Intent`] and come through here too).
    pub fn answer_intent(&self, intent: Intent) -> Result<Answer, UserError> {
        let mut read_as: Option<Disclosure> = None;
        let mut place = |p: &Option<String>| -> Result<Option<crate::data::AreaIdx>, UserError> {
            let Some(p) = p.as_deref() else {
                return Ok(None);
            };
            let r = self.rc.read_place(p)?;
            if r.corrected {
                read_as = Some(Disclosure {
                    kind: DisclosureKind::ReadAs,
                    text: format!("“{}” was read as {}.", p.trim(), self.area(r.area).name),
                });
            }
            Ok(Some(r.area))
        };
        let mut answer = match intent {
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
            Intent::Education { role, place: p } => {
                let idx = self.lookup_career(&role)?;
                Answer::Education(answers::education(self, idx, place(&p)?))
            }
            Intent::Outlook { role, place: p } => {
                let idx = self.lookup_career(&role)?;
                Answer::Outlook(answers::outlook(self, idx, place(&p)?))
            }
            Intent::TopPlaces { role, lowest } => Answer::TopPlaces(answers::top_places(
                self,
                self.lookup_career(&role)?,
                lowest,
            )),
            Intent::Career { role } => {
                Answer::Career(answers::profile(self, self.lookup_career(&role)?))
            }
            Intent::About => Answer::About(answers::about(self)),
            Intent::Help => Answer::Help(answers::Help {
                text: HELP.to_string(),
            }),
        };
        if let Some(d) = read_as {
            answer.disclose(d);
        }
        Ok(answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rc() -> &'static Rolecall {
        static RC: std::sync::OnceLock<Rolecall> = std::sync::OnceLock::new();
        RC.get_or_init(|| Rolecall::load(&crate::default_data_dir()).expect("data/ loads"))
    }

    #[test]
    fn every_field_names_a_career() {
        for (field, career) in FIELDS {
            let r = rc().lookup_career(career);
            assert!(
                matches!(r, Ok(_) | Err(UserError::Ambiguous { .. })),
                "{field} → {career}: {r:?}"
            );
        }
    }
}
