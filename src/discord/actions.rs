//! What a button or select menu does, carried whole in its custom_id (at most 100 characters),
//! so that components keep working after a restart: nothing about them lives in memory.
//!
//! Format: `rc1|<verb>|<args>`, the verb prefixed with `!` for a "did you mean" choice (which
//! replaces the message it is on, rather than opening a new one). The `rc1` version prefix
//! lets a future format tell old components apart and answer "expired" instead of misreading
//! them.

use rolecall::question::Intent;

/// Discord's limit on a custom_id.
pub const MAX_CUSTOM_ID: usize = 100;
const PREFIX: &str = "rc1";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A career's profile card.
    Career(String),
    Responsibilities(String),
    Related(String),
    Salary {
        career: String,
        area: Option<String>,
    },
    Compare {
        careers: Vec<String>,
        area: Option<String>,
    },
    /// Growth, openings and jobs (and jobs in a place).
    Outlook {
        career: String,
        area: Option<String>,
    },
    /// Where a career pays most (or least).
    TopPlaces {
        career: String,
        lowest: bool,
    },
    /// What it takes to start.
    Education {
        career: String,
        area: Option<String>,
    },
    /// A page of `/careers` (search, or browse when the query is empty).
    Page {
        query: String,
        page: usize,
    },
    /// Open the career picked in a select menu (its value is the career id).
    OpenSelected,
    /// Apply a pending edit (its id in the store) / drop it.
    Confirm(String),
    Cancel(String),
    /// A page of `/dataset history`, for one career or all.
    History {
        career: Option<String>,
        page: usize,
    },
    /// A modal's submission: a career's title and description, or its responsibilities, as
    /// edited from the version the modal was pre-filled with (`None`: the published text).
    EditText {
        career: String,
        version: Option<i64>,
    },
    EditTasks {
        career: String,
        version: Option<i64>,
    },
}

impl Action {
    /// The question an action asks, for the actions that show an answer about careers.
    pub fn intent(&self) -> Option<Intent> {
        Some(match self.clone() {
            Action::Career(role) => Intent::Career { role },
            Action::Responsibilities(role) => Intent::Responsibilities { role },
            Action::Related(role) => Intent::Related { role },
            Action::Salary { career, area } => Intent::Salary {
                role: career,
                place: area,
            },
            Action::Compare { careers, area } => Intent::Compare {
                roles: careers,
                place: area,
            },
            Action::Outlook { career, area } => Intent::Outlook {
                role: career,
                place: area,
            },
            Action::TopPlaces { career, lowest } => Intent::TopPlaces {
                role: career,
                lowest,
            },
            Action::Education { career, area } => Intent::Education {
                role: career,
                place: area,
            },
            _ => return None,
        })
    }

    /// The action that asks a question again (a button, or a "did you mean" choice).
    pub fn from_intent(intent: &Intent) -> Option<Action> {
        Some(match intent.clone() {
            Intent::Career { role } => Action::Career(role),
            Intent::Responsibilities { role } => Action::Responsibilities(role),
            Intent::Related { role } => Action::Related(role),
            Intent::Salary { role, place } => Action::Salary {
                career: role,
                area: place,
            },
            Intent::Compare { roles, place } => Action::Compare {
                careers: roles,
                area: place,
            },
            Intent::Outlook { role, place } => Action::Outlook {
                career: role,
                area: place,
            },
            Intent::TopPlaces { role, lowest } => Action::TopPlaces {
                career: role,
                lowest,
            },
            Intent::Education { role, place } => Action::Education {
                career: role,
                area: place,
            },
            Intent::About | Intent::Help => return None,
        })
    }

    /// Moderator actions: the clicker's permission is checked again, whoever made the button.
    pub fn is_moderation(&self) -> bool {
        matches!(
            self,
            Action::Confirm(_)
                | Action::Cancel(_)
                | Action::History { .. }
                | Action::EditText { .. }
                | Action::EditTasks { .. }
        )
    }
}

impl Action {
    /// The custom_id, or `None` if it would not fit (a very long query or career ids).
    pub fn encode(&self) -> Option<String> {
        self.encode_with("")
    }

    /// The custom_id of a "did you mean" choice.
    pub fn encode_as_choice(&self) -> Option<String> {
        self.encode_with("!")
    }

    fn encode_with(&self, mark: &str) -> Option<String> {
        let area = |a: &Option<String>| a.clone().unwrap_or_default();
        let id = match self {
            Action::Career(c) => format!("{PREFIX}|{mark}c|{c}"),
            Action::Responsibilities(c) => format!("{PREFIX}|{mark}r|{c}"),
            Action::Related(c) => format!("{PREFIX}|{mark}l|{c}"),
            Action::Salary { career, area: a } => format!("{PREFIX}|{mark}s|{career}|{}", area(a)),
            Action::Compare { careers, area: a } => {
                format!("{PREFIX}|{mark}x|{}|{}", careers.join(","), area(a))
            }
            Action::Outlook { career, area: a } => format!("{PREFIX}|{mark}g|{career}|{}", area(a)),
            Action::TopPlaces { career, lowest } => format!(
                "{PREFIX}|{mark}w|{career}|{}",
                if *lowest { "low" } else { "high" }
            ),
            Action::Education { career, area: a } => {
                format!("{PREFIX}|{mark}e|{career}|{}", area(a))
            }
            Action::Page { query, page } => format!("{PREFIX}|{mark}p|{page}|{query}"),
            Action::OpenSelected => format!("{PREFIX}|{mark}o"),
            Action::Confirm(id) => format!("{PREFIX}|{mark}k|{id}"),
            Action::Cancel(id) => format!("{PREFIX}|{mark}n|{id}"),
            Action::EditText { career, version } => format!(
                "{PREFIX}|{mark}t|{career}|{}",
                version.map_or(String::new(), |v| v.to_string())
            ),
            Action::EditTasks { career, version } => format!(
                "{PREFIX}|{mark}a|{career}|{}",
                version.map_or(String::new(), |v| v.to_string())
            ),
            Action::History { career, page } => format!(
                "{PREFIX}|{mark}h|{page}|{}",
                career.clone().unwrap_or_default()
            ),
        };
        (id.chars().count() <= MAX_CUSTOM_ID).then_some(id)
    }

    /// Reads a custom_id, and whether it is a "did you mean" choice; `None` for anything this
    /// version did not write (an old format, a forged or truncated id): the caller answers
    /// that the component expired.
    pub fn decode(id: &str) -> Option<(Action, bool)> {
        let mut parts = id.splitn(3, '|');
        if parts.next()? != PREFIX {
            return None;
        }
        let verb = parts.next()?;
        let (verb, choice) = match verb.strip_prefix('!') {
            Some(v) => (v, true),
            None => (verb, false),
        };
        let rest = parts.next().unwrap_or("");
        let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let valid_id = |s: &str| !s.is_empty() && s.len() <= 64 && !s.contains(['|', ',']);
        let action = match verb {
            "c" if valid_id(rest) => Action::Career(rest.to_string()),
            "r" if valid_id(rest) => Action::Responsibilities(rest.to_string()),
            "l" if valid_id(rest) => Action::Related(rest.to_string()),
            "s" => {
                let (career, area) = rest.split_once('|')?;
                if !valid_id(career) {
                    return None;
                }
                Action::Salary {
                    career: career.to_string(),
                    area: nonempty(area),
                }
            }
            "g" | "e" => {
                let (career, area) = rest.split_once('|')?;
                if !valid_id(career) || area.contains('|') {
                    return None;
                }
                let (career, area) = (career.to_string(), nonempty(area));
                if verb == "g" {
                    Action::Outlook { career, area }
                } else {
                    Action::Education { career, area }
                }
            }
            "w" => {
                let (career, order) = rest.split_once('|')?;
                if !valid_id(career) {
                    return None;
                }
                Action::TopPlaces {
                    career: career.to_string(),
                    lowest: match order {
                        "low" => true,
                        "high" => false,
                        _ => return None,
                    },
                }
            }
            "x" => {
                let (list, area) = rest.split_once('|')?;
                let careers: Vec<String> = list.split(',').map(str::to_string).collect();
                if careers.len() < 2 || careers.len() > 4 || !careers.iter().all(|c| valid_id(c)) {
                    return None;
                }
                Action::Compare {
                    careers,
                    area: nonempty(area),
                }
            }
            "p" => {
                let (page, query) = rest.split_once('|')?;
                Action::Page {
                    query: query.to_string(),
                    page: page.parse().ok()?,
                }
            }
            "o" if rest.is_empty() => Action::OpenSelected,
            "k" if valid_id(rest) => Action::Confirm(rest.to_string()),
            "n" if valid_id(rest) => Action::Cancel(rest.to_string()),
            "t" | "a" => {
                let (career, version) = rest.split_once('|')?;
                if !valid_id(career) {
                    return None;
                }
                let version = if version.is_empty() {
                    None
                } else {
                    Some(version.parse().ok()?)
                };
                let career = career.to_string();
                if verb == "t" {
                    Action::EditText { career, version }
                } else {
                    Action::EditTasks { career, version }
                }
            }
            "h" => {
                let (page, career) = rest.split_once('|')?;
                Action::History {
                    career: nonempty(career),
                    page: page.parse().ok().filter(|&p| p >= 1)?,
                }
            }
            _ => return None,
        };
        Some((action, choice))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips() {
        let all = [
            Action::Career("15-1252.00".into()),
            Action::Responsibilities("chief-technology-officer".into()),
            Action::Related("11-2021.00".into()),
            Action::Salary {
                career: "29-1141.00".into(),
                area: Some("3900000".into()),
            },
            Action::Salary {
                career: "29-1141.00".into(),
                area: None,
            },
            Action::Compare {
                careers: vec!["chief-technology-officer".into(), "product-manager".into()],
                area: None,
            },
            Action::Outlook {
                career: "47-2111.00".into(),
                area: Some("2300000".into()),
            },
            Action::Outlook {
                career: "47-2111.00".into(),
                area: None,
            },
            Action::TopPlaces {
                career: "29-1141.00".into(),
                lowest: true,
            },
            Action::TopPlaces {
                career: "29-1141.00".into(),
                lowest: false,
            },
            Action::Education {
                career: "47-2152.00".into(),
                area: None,
            },
            Action::Page {
                query: "nurse | with a bar".into(),
                page: 3,
            },
            Action::Page {
                query: String::new(),
                page: 1,
            },
            Action::OpenSelected,
            Action::Confirm("18c2a9f0e1".into()),
            Action::Cancel("18c2a9f0e1".into()),
            Action::History {
                career: Some("29-1141.00".into()),
                page: 2,
            },
            Action::History {
                career: None,
                page: 1,
            },
            Action::EditText {
                career: "29-1141.00".into(),
                version: Some(12),
            },
            Action::EditTasks {
                career: "chief-technology-officer".into(),
                version: None,
            },
        ];
        for a in all {
            let id = a.encode().unwrap();
            assert!(id.len() <= MAX_CUSTOM_ID);
            assert_eq!(Action::decode(&id), Some((a.clone(), false)), "{id}");
            let choice = a.encode_as_choice().unwrap();
            assert_eq!(Action::decode(&choice), Some((a, true)), "{choice}");
        }
    }

    #[test]
    fn foreign_and_damaged_ids_are_not_misread() {
        for id in [
            "",
            "rc0|c|15-1252.00",
            "rc1|c|",
            "rc1|zz|x",
            "rc1|x|one|",
            "rc1|s|a,b|",
            "rc1|p|x|q",
            "rc1|c|a|b",
            "rc1|w|29-1141.00|middle",
            "rc1|g|29-1141.00",
            "hello",
        ] {
            assert_eq!(Action::decode(id), None, "{id}");
        }
    }

    #[test]
    fn ids_that_would_not_fit_are_refused() {
        let long = Action::Page {
            query: "q".repeat(200),
            page: 1,
        };
        assert_eq!(long.encode(), None);
    }
}
