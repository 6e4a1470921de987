//! Edits over the shipped data: what moderators (for one guild) and owners (for everyone)
//! changed, as plain data. An [`Overlay`] is built from the store's current entries for one
//! scope and read through a [`crate::View`]; the shipped `data/` is never touched.
//!
//! Every edit is a key and a JSON value (`None` removes the edit and restores the shipped
//! data). Keys name exactly one thing, so that two edits of the same thing are recognisably the
//! same, which is what conflict detection and undo rely on.

use crate::data::curated::{is_onet_code, is_valid_slug};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A figure a moderator may set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    AnnualP10,
    AnnualP25,
    AnnualMedian,
    AnnualP75,
    AnnualP90,
    AnnualMean,
    HourlyMedian,
    GrowthPct,
    OpeningsPerYear,
    Education,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::AnnualP10,
        Field::AnnualP25,
        Field::AnnualMedian,
        Field::AnnualP75,
        Field::AnnualP90,
        Field::AnnualMean,
        Field::HourlyMedian,
        Field::GrowthPct,
        Field::OpeningsPerYear,
        Field::Education,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::AnnualP10 => "annual_p10",
            Field::AnnualP25 => "annual_p25",
            Field::AnnualMedian => "annual_median",
            Field::AnnualP75 => "annual_p75",
            Field::AnnualP90 => "annual_p90",
            Field::AnnualMean => "annual_mean",
            Field::HourlyMedian => "hourly_median",
            Field::GrowthPct => "growth_pct",
            Field::OpeningsPerYear => "openings_per_year",
            Field::Education => "education",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::AnnualP10 => "10th percentile pay",
            Field::AnnualP25 => "25th percentile pay",
            Field::AnnualMedian => "median pay",
            Field::AnnualP75 => "75th percentile pay",
            Field::AnnualP90 => "90th percentile pay",
            Field::AnnualMean => "mean pay",
            Field::HourlyMedian => "median hourly pay",
            Field::GrowthPct => "projected growth",
            Field::OpeningsPerYear => "openings a year",
            Field::Education => "typical entry education",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == s.trim())
    }

    /// Pay percentiles and means are per place; growth, openings and education are national.
    pub fn is_pay(self) -> bool {
        matches!(
            self,
            Field::AnnualP10
                | Field::AnnualP25
                | Field::AnnualMedian
                | Field::AnnualP75
                | Field::AnnualP90
                | Field::AnnualMean
                | Field::HourlyMedian
        )
    }

    /// Position in a pay row's annual set (mean, p10, p25, median, p75, p90).
    pub fn annual_slot(self) -> Option<usize> {
        Some(match self {
            Field::AnnualMean => 0,
            Field::AnnualP10 => 1,
            Field::AnnualP25 => 2,
            Field::AnnualMedian => 3,
            Field::AnnualP75 => 4,
            Field::AnnualP90 => 5,
            _ => return None,
        })
    }
}

/// The value of an edited figure: a number (dollars, cents for hourly, percent, openings) or
/// text (education).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FigureValue {
    Number(f64),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureEdit {
    pub value: FigureValue,
    /// Where the moderator's figure comes from, shown beside it.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AliasEdit {
    /// As typed, for display.
    pub text: String,
    /// true: an added name; false: a shipped name removed.
    pub on: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextEdit {
    pub title: String,
    pub description: String,
}

/// A role added by moderators or owners.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleEdit {
    pub title: String,
    pub description: String,
    /// The O*NET-SOC code whose figures it uses; `None` when it has only its own figures.
    pub figures_from: Option<String>,
}

/// What an edit key names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    Figure {
        career: String,
        area: String,
        field: Field,
    },
    Alias {
        career: String,
        norm: String,
    },
    Hidden {
        career: String,
    },
    Text {
        career: String,
    },
    Tasks {
        career: String,
    },
    Role {
        id: String,
    },
}

impl Key {
    pub fn encode(&self) -> String {
        match self {
            Key::Figure {
                career,
                area,
                field,
            } => format!("figure/{career}/{area}/{}", field.name()),
            Key::Alias { career, norm } => format!("alias/{career}/{norm}"),
            Key::Hidden { career } => format!("hidden/{career}"),
            Key::Text { career } => format!("text/{career}"),
            Key::Tasks { career } => format!("tasks/{career}"),
            Key::Role { id } => format!("role/{id}"),
        }
    }

    pub fn decode(s: &str) -> Option<Key> {
        let parts: Vec<&str> = s.splitn(4, '/').collect();
        let career_ok = |c: &str| is_onet_code(c) || is_valid_slug(c);
        Some(match parts.as_slice() {
            ["figure", c, a, f] if career_ok(c) => Key::Figure {
                career: c.to_string(),
                area: a.to_string(),
                field: Field::parse(f)?,
            },
            ["alias", c, n] if career_ok(c) && !n.is_empty() => Key::Alias {
                career: c.to_string(),
                norm: n.to_string(),
            },
            ["hidden", c] if career_ok(c) => Key::Hidden {
                career: c.to_string(),
            },
            ["text", c] if career_ok(c) => Key::Text {
                career: c.to_string(),
            },
            ["tasks", c] if career_ok(c) => Key::Tasks {
                career: c.to_string(),
            },
            ["role", id] if is_valid_slug(id) => Key::Role { id: id.to_string() },
            _ => return None,
        })
    }

    /// The career the edit concerns (for history by role).
    pub fn career(&self) -> &str {
        match self {
            Key::Figure { career, .. }
            | Key::Alias { career, .. }
            | Key::Hidden { career }
            | Key::Text { career }
            | Key::Tasks { career } => career,
            Key::Role { id } => id,
        }
    }
}

/// Who made an edit and when, for "edited by a moderator on <date>".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub by: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// One scope's edits, ready to read.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    pub figures: HashMap<(String, String, Field), (FigureEdit, Meta)>,
    pub aliases: HashMap<String, Vec<AliasEdit>>,
    /// Career id → hidden (true) or explicitly shown (false, overriding a lower layer).
    pub hidden: HashMap<String, bool>,
    pub text: HashMap<String, TextEdit>,
    pub tasks: HashMap<String, Vec<String>>,
    /// Added roles, in the order they were added.
    pub roles: Vec<(String, RoleEdit)>,
    /// Each key's version (the id of the change that set it), when read from a store: what a
    /// form or preview expects to replace, known without asking the store again.
    pub versions: HashMap<String, i64>,
}

/// Every string in a value made printable (see [`crate::text::printable`]): edits stored before
/// control characters were refused must not reach a terminal either.
fn scrub(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => {
            if let std::borrow::Cow::Owned(p) = crate::text::printable(s) {
                *s = p;
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(scrub),
        serde_json::Value::Object(o) => o.values_mut().for_each(scrub),
        _ => {}
    }
}

impl Overlay {
    /// Builds an overlay from the store's current (key, value, meta) entries. An entry that does
    /// not parse is reported, not applied.
    pub fn from_entries(
        entries: impl IntoIterator<Item = (String, serde_json::Value, Meta)>,
    ) -> (Overlay, Vec<String>) {
        let mut o = Overlay::default();
        let mut bad = Vec::new();
        for (key, mut value, mut meta) in entries {
            scrub(&mut value);
            meta.by = crate::text::printable(&meta.by).into_owned();
            let ok = match Key::decode(&key) {
                Some(Key::Figure {
                    career,
                    area,
                    field,
                }) => serde_json::from_value(value).map(|f| {
                    o.figures.insert((career, area, field), (f, meta));
                }),
                Some(Key::Alias { career, .. }) => serde_json::from_value(value)
                    .map(|a| o.aliases.entry(career).or_default().push(a)),
                Some(Key::Hidden { career }) => serde_json::from_value::<bool>(value).map(|h| {
                    o.hidden.insert(career, h);
                }),
                Some(Key::Text { career }) => serde_json::from_value(value).map(|t| {
                    o.text.insert(career, t);
                }),
                Some(Key::Tasks { career }) => serde_json::from_value(value).map(|t| {
                    o.tasks.insert(career, t);
                }),
                Some(Key::Role { id }) => {
                    serde_json::from_value(value).map(|r| o.roles.push((id, r)))
                }
                None => {
                    bad.push(format!("unknown edit key `{key}`"));
                    continue;
                }
            };
            if let Err(e) = ok {
                bad.push(format!("edit `{key}`: {e}"));
            }
        }
        (o, bad)
    }

    pub fn is_empty(&self) -> bool {
        self.figures.is_empty()
            && self.aliases.is_empty()
            && self.hidden.is_empty()
            && self.text.is_empty()
            && self.tasks.is_empty()
            && self.roles.is_empty()
    }
}
