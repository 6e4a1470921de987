//! What a moderator may change, validated against the data as their audience sees it, turned
//! into the store's key and value. Transport-free: the bot and the CLI both come through here.

use crate::View;
use crate::data::{AreaIdx, CareerIdx, PayValue};
use crate::lookup::UserError;
use crate::overlay::{AliasEdit, Field, FigureEdit, FigureValue, Key, RoleEdit, TextEdit};
use crate::text;
use serde_json::{Value, json};

/// A requested edit, with careers and places already resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    SetFigure {
        career: CareerIdx,
        area: Option<AreaIdx>,
        field: Field,
        value: String,
        source: String,
    },
    AddAlias {
        career: CareerIdx,
        text: String,
    },
    RemoveAlias {
        career: CareerIdx,
        text: String,
    },
    Hide {
        career: CareerIdx,
    },
    Unhide {
        career: CareerIdx,
    },
    SetText {
        career: CareerIdx,
        title: String,
        description: String,
    },
    SetTasks {
        career: CareerIdx,
        tasks: Vec<String>,
    },
    AddRole {
        title: String,
        description: String,
        figures_from: Option<CareerIdx>,
    },
}

/// A validated edit: the store key, the new value (`None` = back to the shipped data), and a
/// one-line summary for confirmations, history and the modlog.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub key: String,
    pub after: Option<Value>,
    pub summary: String,
}

fn invalid(message: impl Into<String>) -> UserError {
    UserError::InvalidEdit {
        message: message.into(),
    }
}

fn bounded(what: &str, s: &str, max: usize) -> Result<String, UserError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(invalid(format!("The {what} must not be empty.")));
    }
    if s.chars().count() > max {
        return Err(invalid(format!(
            "The {what} is too long (at most {max} characters)."
        )));
    }
    Ok(s.to_string())
}

/// "$90,000", "90000", "45.50", "+5.2%": a number as people type one.
fn number(s: &str) -> Option<f64> {
    let cleaned: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, '$' | ',' | '%' | ' ' | '+'))
        .collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

const NATION: &str = "0000000";

/// The longest responsibility accepted (O*NET's longest task is about 400 characters).
pub const MAX_TASK: usize = 1000;

pub fn prepare(v: &View, req: &Request) -> Result<Prepared, UserError> {
    Ok(match req {
        Request::SetFigure {
            career,
            area,
            field,
            value,
            source,
        } => {
            let source = bounded("source", source, 200)?;
            let area_code = match (field.is_pay(), area) {
                (true, Some(a)) => v.area(*a).code.clone(),
                (true, None) => NATION.to_string(),
                (false, Some(a)) if v.area(*a).code != NATION => {
                    return Err(invalid(format!(
                        "The {} is a national figure; leave the location empty.",
                        field.label()
                    )));
                }
                (false, _) => NATION.to_string(),
            };
            let new = match field {
                Field::Education => FigureValue::Text(bounded("education", value, 100)?),
                Field::GrowthPct => {
                    let n = number(value)
                        .filter(|n| (-100.0..=1000.0).contains(n))
                        .ok_or_else(|| {
                            invalid(format!(
                                "Growth must be a percentage between -100 and 1000, not “{value}”."
                            ))
                        })?;
                    FigureValue::Number(n)
                }
                Field::OpeningsPerYear => {
                    let n = number(value)
                        .filter(|n| (0.0..=10_000_000.0).contains(n))
                        .ok_or_else(|| {
                            invalid(format!(
                                "Openings must be a number of jobs a year, not “{value}”."
                            ))
                        })?;
                    FigureValue::Number(n.round())
                }
                Field::HourlyMedian => {
                    let n = number(value)
                        .filter(|n| *n > 0.0 && *n <= 2000.0)
                        .ok_or_else(|| {
                            invalid(format!(
                                "Hourly pay must be between $0.01 and $2,000.00, not “{value}”."
                            ))
                        })?;
                    FigureValue::Number((n * 100.0).round() / 100.0)
                }
                _ => {
                    let n = number(value)
                        .filter(|n| *n >= 1.0 && *n <= 5_000_000.0)
                        .ok_or_else(|| {
                            invalid(format!(
                                "Annual pay must be between $1 and $5,000,000, not “{value}”."
                            ))
                        })?;
                    FigureValue::Number(n.round())
                }
            };
            if let (Some(slot), FigureValue::Number(n)) = (field.annual_slot(), &new) {
                check_order(v, *career, *area, slot, *n)?;
            }
            let title = v.career(*career).title.clone();
            let place = if field.is_pay() {
                format!(
                    " in {}",
                    area.map_or("the United States", |a| v.area(a).name.as_str())
                )
            } else {
                String::new()
            };
            let shown = match &new {
                FigureValue::Text(t) => t.clone(),
                FigureValue::Number(n) if field.is_pay() && *field != Field::HourlyMedian => {
                    format!("${}", crate::format::thousands(*n as u64))
                }
                FigureValue::Number(n) if *field == Field::HourlyMedian => format!("${n:.2}/hr"),
                FigureValue::Number(n) if *field == Field::GrowthPct => {
                    crate::format::percent_change(*n)
                }
                FigureValue::Number(n) => crate::format::thousands(*n as u64),
            };
            Prepared {
                key: Key::Figure {
                    career: v.career(*career).id.clone(),
                    area: area_code,
                    field: *field,
                }
                .encode(),
                after: Some(json!(FigureEdit {
                    value: new,
                    source: source.clone()
                })),
                summary: format!(
                    "{} for {title}{place} set to {shown} (source: {source})",
                    capitalise(field.label())
                ),
            }
        }
        Request::AddAlias { career, text: t } => {
            let t = bounded("name", t, 100)?;
            let norm = text::normalize(&t);
            if norm.is_empty() {
                return Err(invalid("That name has no letters or digits."));
            }
            let c = v.career(*career);
            if text::normalize(&c.title) == norm
                || c.aliases.iter().any(|a| text::normalize(&a.text) == norm)
            {
                return Err(invalid(format!("“{t}” is already a name of {}.", c.title)));
            }
            Prepared {
                key: Key::Alias {
                    career: c.id.clone(),
                    norm: norm.replace('/', " "),
                }
                .encode(),
                after: Some(json!(AliasEdit {
                    text: t.clone(),
                    on: true
                })),
                summary: format!("Name “{t}” added to {}", c.title),
            }
        }
        Request::RemoveAlias { career, text: t } => {
            let c = v.career(*career);
            let norm = text::normalize(t);
            let Some(existing) = c.aliases.iter().find(|a| text::normalize(&a.text) == norm) else {
                return Err(invalid(format!(
                    "“{}” is not a name of {}.",
                    t.trim(),
                    c.title
                )));
            };
            Prepared {
                key: Key::Alias {
                    career: c.id.clone(),
                    norm,
                }
                .encode(),
                after: Some(json!(AliasEdit {
                    text: existing.text.clone(),
                    on: false
                })),
                summary: format!("Name “{}” removed from {}", existing.text, c.title),
            }
        }
        Request::Hide { career } => {
            let c = v.career(*career);
            Prepared {
                key: Key::Hidden {
                    career: c.id.clone(),
                }
                .encode(),
                after: Some(json!(true)),
                summary: format!("{} hidden", c.title),
            }
        }
        Request::Unhide { career } => {
            let c = v.career(*career);
            // An explicit "shown", so that it also overrides a hide in a lower layer (a guild
            // can show what the owners hid for everyone).
            Prepared {
                key: Key::Hidden {
                    career: c.id.clone(),
                }
                .encode(),
                after: Some(json!(false)),
                summary: format!("{} shown again", c.title),
            }
        }
        Request::SetText {
            career,
            title,
            description,
        } => {
            let c = v.career(*career);
            let edit = TextEdit {
                title: bounded("title", title, 100)?,
                description: bounded("description", description, 2000)?,
            };
            Prepared {
                key: Key::Text {
                    career: c.id.clone(),
                }
                .encode(),
                after: Some(json!(edit)),
                summary: format!("Title and description of {} edited", c.title),
            }
        }
        Request::SetTasks { career, tasks } => {
            let c = v.career(*career);
            let tasks: Vec<String> = tasks
                .iter()
                .map(|t| {
                    t.trim()
                        .trim_start_matches(['•', '-', '*'])
                        .trim()
                        .to_string()
                })
                .filter(|t| !t.is_empty())
                .collect();
            if tasks.is_empty() || tasks.len() > 40 {
                return Err(invalid(
                    "Give between 1 and 40 responsibilities, one per line.",
                ));
            }
            if let Some(long) = tasks.iter().find(|t| t.chars().count() > MAX_TASK) {
                return Err(invalid(format!(
                    "A responsibility is too long (at most {MAX_TASK} characters): “{}…”",
                    long.chars().take(40).collect::<String>()
                )));
            }
            Prepared {
                key: Key::Tasks {
                    career: c.id.clone(),
                }
                .encode(),
                after: Some(json!(tasks)),
                summary: format!(
                    "Responsibilities of {} edited ({} items)",
                    c.title,
                    tasks.len()
                ),
            }
        }
        Request::AddRole {
            title,
            description,
            figures_from,
        } => {
            let title = bounded("title", title, 100)?;
            let description = bounded("description", description, 2000)?;
            let id = slug(&title);
            if id.is_empty() || !crate::data::curated::is_valid_slug(&id) {
                return Err(invalid("The role's name needs some letters."));
            }
            if v.by_id(&id).is_some()
                || v.lookup_career(&title)
                    .is_ok_and(|i| text::normalize(&v.career(i).title) == text::normalize(&title))
            {
                return Err(invalid(format!(
                    "There is already a role called “{title}”."
                )));
            }
            let from = figures_from.map(|f| v.career(f).id.clone());
            if let Some(f) = figures_from
                && v.career(*f).is_curated()
            {
                return Err(invalid(
                    "A role's figures must come from an O*NET occupation, not another role.",
                ));
            }
            let summary = match figures_from {
                Some(f) => format!("Role “{title}” added (figures: {})", v.career(*f).title),
                None => format!("Role “{title}” added (its own figures)"),
            };
            Prepared {
                key: Key::Role { id }.encode(),
                after: Some(json!(RoleEdit {
                    title,
                    description,
                    figures_from: from
                })),
                summary,
            }
        }
    })
}

/// "Developer Advocate" → "developer-advocate".
pub fn slug(title: &str) -> String {
    let s: String = text::tokens(title)
        .join("-")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let s = s.trim_matches('-').to_string();
    match s.chars().next() {
        Some(c) if c.is_ascii_digit() => format!("role-{s}"),
        _ => s
            .chars()
            .take(48)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// The percentiles stay in order with the new value among the (possibly edited) others.
pub(crate) fn check_order(
    v: &View,
    career: CareerIdx,
    area: Option<AreaIdx>,
    slot: usize,
    n: f64,
) -> Result<(), UserError> {
    if slot == 0 {
        return Ok(()); // the mean has no order
    }
    let area_idx = area.unwrap_or(v.rc.data.national_area());
    let Some(block) = crate::answers::PayBlock::new(v, career, area_idx) else {
        return Ok(());
    };
    let Some(w) = block.annual else { return Ok(()) };
    let mut values: Vec<Option<f64>> = [w.p10, w.p25, w.median, w.p75, w.p90]
        .iter()
        .map(|m| match m.pay.value() {
            PayValue::Amount(x) => Some(x as f64),
            _ => None,
        })
        .collect();
    values[slot - 1] = Some(n);
    let names = [
        "10th percentile",
        "25th percentile",
        "median",
        "75th percentile",
        "90th percentile",
    ];
    let known: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, x)| x.map(|x| (i, x)))
        .collect();
    for w in known.windows(2) {
        if w[0].1 > w[1].1 {
            return Err(invalid(format!(
                "Percentiles must stay in order: the {} (${}) would be above the {} (${}).",
                names[w[0].0],
                crate::format::thousands(w[0].1 as u64),
                names[w[1].0],
                crate::format::thousands(w[1].1 as u64)
            )));
        }
    }
    Ok(())
}

/// A change in words, for history and the modlog: "Median pay for Registered Nurses in Ohio:
/// $90,000 (was the published figure)".
pub fn describe(v: &View, key: &str, before: Option<&Value>, after: Option<&Value>) -> String {
    use crate::overlay::Key as K;
    let title = |id: &str| {
        v.by_id(id)
            .map_or_else(|| id.to_string(), |i| v.career(i).title.clone())
    };
    let figure = |x: Option<&Value>, field: Field| -> String {
        match x.and_then(|x| serde_json::from_value::<FigureEdit>(x.clone()).ok()) {
            None => "the published figure".to_string(),
            Some(FigureEdit {
                value: FigureValue::Text(t),
                ..
            }) => t,
            Some(FigureEdit {
                value: FigureValue::Number(n),
                source,
            }) => {
                let shown = match field {
                    Field::GrowthPct => crate::format::percent_change(n),
                    Field::OpeningsPerYear => crate::format::thousands(n as u64),
                    Field::HourlyMedian => format!("${n:.2}/hr"),
                    _ => format!("${}", crate::format::thousands(n as u64)),
                };
                format!("{shown} (source: {source})")
            }
        }
    };
    match K::decode(key) {
        Some(K::Figure {
            career,
            area,
            field,
        }) => {
            let place = if field.is_pay() {
                let name =
                    v.rc.data
                        .areas
                        .iter()
                        .find(|a| a.code == area)
                        .map_or(area.as_str(), |a| a.name.as_str());
                format!(" in {name}")
            } else {
                String::new()
            };
            format!(
                "{} for {}{place}: {} → {}",
                capitalise(field.label()),
                title(&career),
                figure(before, field),
                figure(after, field)
            )
        }
        Some(K::Alias { career, .. }) => {
            let edit = after
                .or(before)
                .and_then(|x| serde_json::from_value::<AliasEdit>(x.clone()).ok());
            let name = edit.as_ref().map_or("?".to_string(), |a| a.text.clone());
            match (edit.map(|a| a.on), after.is_some()) {
                (Some(true), true) => format!("Name “{name}” added to {}", title(&career)),
                (Some(false), true) => format!("Name “{name}” removed from {}", title(&career)),
                _ => format!("Name “{name}” of {} back as published", title(&career)),
            }
        }
        Some(K::Hidden { career }) => {
            if after == Some(&Value::Bool(true)) {
                format!("{} hidden", title(&career))
            } else {
                format!("{} shown again", title(&career))
            }
        }
        Some(K::Text { career }) => format!(
            "Title and description of {} {}",
            title(&career),
            if after.is_some() {
                "edited"
            } else {
                "back as published"
            }
        ),
        Some(K::Tasks { career }) => format!(
            "Responsibilities of {} {}",
            title(&career),
            if after.is_some() {
                "edited"
            } else {
                "back as published"
            }
        ),
        Some(K::Role { id }) => {
            let name = after
                .or(before)
                .and_then(|x| x.get("title"))
                .and_then(Value::as_str)
                .unwrap_or(&id)
                .to_string();
            if after.is_some() {
                format!("Role “{name}” added")
            } else {
                format!("Role “{name}” removed")
            }
        }
        None => format!("Unrecognised edit `{key}`"),
    }
}
