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
    text_rule(what, s, max).map_err(invalid)
}

/// A piece of text a moderator gives: trimmed, not empty, at most `max` characters, and no
/// control characters (a terminal escape in a title would reach an owner's shell through
/// `rolecall dataset history`). Line breaks are allowed only where `multiline`.
fn text_rule_with(what: &str, s: &str, max: usize, multiline: bool) -> Result<String, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err(format!("The {what} must not be empty."));
    }
    if s.chars().count() > max {
        return Err(format!(
            "The {what} is too long (at most {max} characters)."
        ));
    }
    if s.chars()
        .any(|c| c.is_control() && !(multiline && c == '\n'))
    {
        return Err(format!("The {what} contains control characters."));
    }
    Ok(s.to_string())
}

fn text_rule(what: &str, s: &str, max: usize) -> Result<String, String> {
    text_rule_with(what, s, max, false)
}

/// The most names and roles one scope may add: enough for any server, few enough that an
/// abusive one cannot make every interaction slow.
pub const MAX_ADDED_NAMES: usize = 2000;
pub const MAX_ADDED_ROLES: usize = 200;
/// The most responsibilities a career may list.
pub const MAX_TASKS: usize = 40;

/// Whether a value is what its key may hold: the one set of rules for a moderator's edit and
/// for a line of an imported file. `None` (back to the shipped data) always may.
pub fn check(v: &View, key: &Key, value: &Value) -> Result<(), String> {
    let shape = |e: serde_json::Error| format!("the value has the wrong shape: {e}");
    match key {
        Key::Figure {
            career,
            area,
            field,
        } => {
            let f: FigureEdit = serde_json::from_value(value.clone()).map_err(shape)?;
            text_rule("source", &f.source, 200)?;
            let Some(area_idx) = v.rc.data.areas.iter().position(|a| &a.code == area) else {
                return Err(format!("there is no area `{area}`"));
            };
            if !field.is_pay() && area != NATION {
                return Err(format!(
                    "the {} is a national figure; its area must be {NATION}",
                    field.label()
                ));
            }
            match (&f.value, field) {
                (FigureValue::Text(t), Field::Education) => {
                    text_rule("education", t, 100)?;
                }
                (FigureValue::Number(n), f) => {
                    figure_rule(*f, *n)?;
                }
                _ => return Err(format!("the {} must be a number", field.label())),
            }
            if let (Some(slot), FigureValue::Number(n), Some(idx)) =
                (field.annual_slot(), &f.value, v.by_id(career))
            {
                check_order(v, idx, Some(area_idx as AreaIdx), slot, *n)
                    .map_err(|e| e.to_string())?;
            }
        }
        Key::Alias { norm, .. } => {
            let a: AliasEdit = serde_json::from_value(value.clone()).map_err(shape)?;
            text_rule("name", &a.text, 100)?;
            if text::normalize(&a.text).replace('/', " ") != *norm {
                return Err(format!(
                    "the key names “{norm}” but the value is “{}”",
                    a.text
                ));
            }
        }
        Key::Hidden { .. } => {
            serde_json::from_value::<bool>(value.clone())
                .map_err(|_| "a career is hidden (true) or shown (false)".to_string())?;
        }
        Key::Text { .. } => {
            let t: TextEdit = serde_json::from_value(value.clone()).map_err(shape)?;
            text_rule("title", &t.title, 100)?;
            text_rule_with("description", &t.description, 2000, true)?;
        }
        Key::Tasks { .. } => {
            let t: Vec<String> = serde_json::from_value(value.clone()).map_err(shape)?;
            if t.is_empty() || t.len() > MAX_TASKS {
                return Err(format!("give between 1 and {MAX_TASKS} responsibilities"));
            }
            for task in &t {
                text_rule("responsibility", task, MAX_TASK)?;
            }
        }
        Key::Role { id } => {
            let r: RoleEdit = serde_json::from_value(value.clone()).map_err(shape)?;
            text_rule("title", &r.title, 100)?;
            text_rule_with("description", &r.description, 2000, true)?;
            if v.rc.data.by_id(id).is_some() {
                return Err(format!("`{id}` is a shipped career; it cannot be added"));
            }
            if r.figures_from.as_deref().is_some_and(|f| {
                v.rc.data
                    .by_id(f)
                    .is_none_or(|i| v.rc.data.career(i).is_curated())
            }) {
                return Err("a role's figures must come from an O*NET occupation".to_string());
            }
        }
    }
    Ok(())
}

/// A figure's range: what a real published figure could be.
fn figure_rule(field: Field, n: f64) -> Result<f64, String> {
    let ok = match field {
        Field::Education => false,
        Field::GrowthPct => (-100.0..=1000.0).contains(&n),
        Field::OpeningsPerYear => (0.0..=10_000_000.0).contains(&n),
        Field::HourlyMedian => n > 0.0 && n <= 2000.0,
        _ => (1.0..=5_000_000.0).contains(&n),
    };
    if ok && n.is_finite() {
        Ok(n)
    } else {
        Err(match field {
            Field::GrowthPct => {
                format!("Growth must be a percentage between -100 and 1000, not {n}.")
            }
            Field::OpeningsPerYear => format!("Openings must be a number of jobs a year, not {n}."),
            Field::HourlyMedian => {
                format!("Hourly pay must be between $0.01 and $2,000.00, not {n}.")
            }
            _ => format!("Annual pay must be between $1 and $5,000,000, not {n}."),
        })
    }
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

/// A requested edit made into the store's key and value, validated by the same rules as an
/// imported file ([`check`]), and within the scope's limits on added names and roles.
pub fn prepare(v: &View, req: &Request) -> Result<Prepared, UserError> {
    let p = build(v, req)?;
    let (names, roles) = v.added_in_last_layer();
    match req {
        Request::AddAlias { .. } if names >= MAX_ADDED_NAMES => {
            return Err(invalid(format!(
                "This server has added {MAX_ADDED_NAMES} names, the most it may; remove some first."
            )));
        }
        Request::AddRole { .. } if roles >= MAX_ADDED_ROLES => {
            return Err(invalid(format!(
                "This server has added {MAX_ADDED_ROLES} roles, the most it may."
            )));
        }
        _ => {}
    }
    if let (Some(key), Some(after)) = (Key::decode(&p.key), &p.after) {
        check(v, &key, after).map_err(|e| invalid(capitalise(&e)))?;
    }
    Ok(p)
}

fn build(v: &View, req: &Request) -> Result<Prepared, UserError> {
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
                _ => {
                    let n = number(value)
                        .ok_or_else(|| invalid(format!("“{}” is not a number.", value.trim())))
                        .and_then(|n| figure_rule(*field, n).map_err(invalid))?;
                    FigureValue::Number(match field {
                        Field::GrowthPct => n,
                        Field::HourlyMedian => (n * 100.0).round() / 100.0,
                        _ => n.round(),
                    })
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
            if tasks.is_empty() || tasks.len() > MAX_TASKS {
                return Err(invalid(format!(
                    "Give between 1 and {MAX_TASKS} responsibilities, one per line."
                )));
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
/// $90,000 (was the published figure)". Printable whatever the stored values hold.
pub fn describe(v: &View, key: &str, before: Option<&Value>, after: Option<&Value>) -> String {
    text::printable(&describe_raw(v, key, before, after)).into_owned()
}

fn describe_raw(v: &View, key: &str, before: Option<&Value>, after: Option<&Value>) -> String {
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
                // The nation's row is named "National" in the data; a sentence says where.
                let name = if area == NATION {
                    "the United States"
                } else {
                    v.rc.data
                        .areas
                        .iter()
                        .find(|a| a.code == area)
                        .map_or(area.as_str(), |a| a.name.as_str())
                };
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
