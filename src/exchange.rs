//! A scope's edits as a file, and back: JSON (an array of `{key, value}`) or CSV (`key,value`
//! with the value as JSON). Reading a file checks every line and names the first bad one; a
//! file with any problem applies nothing.

use crate::View;
use crate::overlay::{
    AliasEdit, Field, FigureEdit, FigureValue, Key, Meta, Overlay, RoleEdit, TextEdit,
};
use crate::store::Entry;
use serde_json::{Value, json};

pub fn to_json(entries: &[Entry]) -> String {
    let items: Vec<Value> = entries
        .iter()
        .map(|e| json!({"key": e.key, "value": e.value, "by": e.by, "at": e.at}))
        .collect();
    serde_json::to_string_pretty(&items).expect("JSON values serialise") + "\n"
}

pub fn to_csv(entries: &[Entry]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["key", "value", "by", "at"])
        .expect("in memory");
    for e in entries {
        w.write_record([e.key.as_str(), &e.value.to_string(), &e.by, &e.at])
            .expect("in memory");
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
}

/// A problem in an imported file: its line (1-based) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct FileError {
    pub line: usize,
    pub reason: String,
}

/// The (key, value) pairs of a file, each with its line. The format is told by its first
/// character: `[` for JSON, anything else CSV.
pub fn parse(text: &str) -> Result<Vec<(usize, String, Value)>, FileError> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('[') {
        parse_json(text)
    } else {
        parse_csv(text)
    }
}

fn parse_json(text: &str) -> Result<Vec<(usize, String, Value)>, FileError> {
    let items: Vec<Value> = serde_json::from_str(text).map_err(|e| FileError {
        line: e.line(),
        reason: format!("not valid JSON: {e}"),
    })?;
    // serde_json does not keep lines per element; find each element's line by its key.
    let mut out = Vec::new();
    let mut search_from = 0;
    for (i, item) in items.iter().enumerate() {
        let key = item.get("key").and_then(Value::as_str);
        let line = key
            .and_then(|k| {
                text[search_from..]
                    .find(&format!("\"{k}\""))
                    .map(|p| search_from + p)
            })
            .map(|p| {
                search_from = p + 1;
                text[..p].matches('\n').count() + 1
            })
            .unwrap_or(0);
        let Some(key) = key else {
            return Err(FileError {
                line,
                reason: format!("item {} has no \"key\"", i + 1),
            });
        };
        let Some(value) = item.get("value") else {
            return Err(FileError {
                line,
                reason: format!("“{key}” has no \"value\""),
            });
        };
        out.push((line, key.to_string(), value.clone()));
    }
    Ok(out)
}

fn parse_csv(text: &str) -> Result<Vec<(usize, String, Value)>, FileError> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = r
        .headers()
        .map_err(|e| FileError {
            line: 1,
            reason: e.to_string(),
        })?
        .clone();
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(k), Some(v)) = (col("key"), col("value")) else {
        return Err(FileError {
            line: 1,
            reason: "the header must name the columns key and value".into(),
        });
    };
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| FileError {
            line: e.position().map_or(0, |p| p.line() as usize),
            reason: e.to_string(),
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let key = rec.get(k).unwrap_or("").trim().to_string();
        let raw = rec.get(v).unwrap_or("");
        if key.is_empty() {
            return Err(FileError {
                line,
                reason: "empty key".into(),
            });
        }
        let value = serde_json::from_str(raw).map_err(|e| FileError {
            line,
            reason: format!("the value of “{key}” is not valid JSON: {e}"),
        })?;
        out.push((line, key, value));
    }
    Ok(out)
}

/// One change an import would make.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub line: usize,
    pub key: String,
    /// `None` (a `null` value) removes the edit.
    pub after: Option<Value>,
}

/// Checks every item of an imported file against the data its audience sees: a known kind of
/// edit, a value of the right shape, a career that exists, figures in range. The first problem
/// refuses the whole file, naming its line.
pub fn plan(v: &View, items: Vec<(usize, String, Value)>) -> Result<Vec<Planned>, FileError> {
    let mut out: Vec<Planned> = Vec::with_capacity(items.len());
    let roles_in_file: Vec<String> = items
        .iter()
        .filter_map(|(_, k, _)| match Key::decode(k) {
            Some(Key::Role { id }) => Some(id),
            _ => None,
        })
        .collect();
    for (line, key, value) in items {
        let bad = |reason: String| FileError { line, reason };
        let Some(k) = Key::decode(&key) else {
            return Err(bad(format!("“{key}” is not an edit this bot knows")));
        };
        if out.iter().any(|p| p.key == key) {
            return Err(bad(format!("“{key}” appears twice")));
        }
        if value.is_null() {
            out.push(Planned {
                line,
                key,
                after: None,
            });
            continue;
        }
        let known = |id: &str| v.by_id(id).is_some() || roles_in_file.iter().any(|r| r == id);
        if !matches!(k, Key::Role { .. }) && !known(k.career()) {
            return Err(bad(format!("there is no role `{}`", k.career())));
        }
        let shape =
            |e: serde_json::Error| bad(format!("the value of “{key}” has the wrong shape: {e}"));
        match &k {
            Key::Figure { area, field, .. } => {
                let f: FigureEdit = serde_json::from_value(value.clone()).map_err(shape)?;
                if f.source.trim().is_empty() {
                    return Err(bad(format!("“{key}” needs a source")));
                }
                if !v.rc.data.areas.iter().any(|a| &a.code == area) {
                    return Err(bad(format!("there is no area `{area}`")));
                }
                let ok = match (&f.value, field) {
                    (FigureValue::Text(t), Field::Education) => {
                        !t.trim().is_empty() && t.chars().count() <= 100
                    }
                    (FigureValue::Number(n), Field::GrowthPct) => (-100.0..=1000.0).contains(n),
                    (FigureValue::Number(n), Field::OpeningsPerYear) => {
                        (0.0..=10_000_000.0).contains(n)
                    }
                    (FigureValue::Number(n), Field::HourlyMedian) => *n > 0.0 && *n <= 2000.0,
                    (FigureValue::Number(n), f) if f.is_pay() => *n >= 1.0 && *n <= 5_000_000.0,
                    _ => false,
                };
                if !ok {
                    return Err(bad(format!(
                        "the {} in “{key}” is out of range or of the wrong kind",
                        field.label()
                    )));
                }
                if !field.is_pay() && area != "0000000" {
                    return Err(bad(format!(
                        "the {} is a national figure; its area must be 0000000",
                        field.label()
                    )));
                }
                // The same order check as a moderator's edit (against what this audience sees).
                if let (Some(slot), FigureValue::Number(n), Some(idx)) =
                    (field.annual_slot(), &f.value, v.by_id(k.career()))
                {
                    let area_idx =
                        v.rc.data
                            .areas
                            .iter()
                            .position(|a| &a.code == area)
                            .map(|a| a as crate::data::AreaIdx);
                    crate::edits::check_order(v, idx, area_idx, slot, *n)
                        .map_err(|e| bad(e.to_string()))?;
                }
            }
            Key::Alias { norm, .. } => {
                let a: AliasEdit = serde_json::from_value(value.clone()).map_err(shape)?;
                if a.text.trim().is_empty() || a.text.chars().count() > 100 {
                    return Err(bad("a name must have 1 to 100 characters".into()));
                }
                if crate::text::normalize(&a.text) != *norm {
                    return Err(bad(format!(
                        "the key names “{norm}” but the value is “{}”",
                        a.text
                    )));
                }
            }
            Key::Hidden { .. } => {
                if value != json!(true) {
                    return Err(bad(format!(
                        "“{key}” must be true (or null to show it again)"
                    )));
                }
            }
            Key::Text { .. } => {
                let t: TextEdit = serde_json::from_value(value.clone()).map_err(shape)?;
                if t.title.trim().is_empty()
                    || t.title.chars().count() > 100
                    || t.description.chars().count() > 2000
                {
                    return Err(bad(
                        "a title of 1 to 100 characters and a description of at most 2,000".into(),
                    ));
                }
            }
            Key::Tasks { .. } => {
                let t: Vec<String> = serde_json::from_value(value.clone()).map_err(shape)?;
                if t.is_empty()
                    || t.len() > 40
                    || t.iter()
                        .any(|x| x.trim().is_empty() || x.chars().count() > crate::edits::MAX_TASK)
                {
                    return Err(bad(format!(
                        "between 1 and 40 responsibilities of at most {} characters",
                        crate::edits::MAX_TASK
                    )));
                }
            }
            Key::Role { id } => {
                let r: RoleEdit = serde_json::from_value(value.clone()).map_err(shape)?;
                if r.title.trim().is_empty()
                    || r.title.chars().count() > 100
                    || r.description.chars().count() > 2000
                {
                    return Err(bad("a role needs a title of 1 to 100 characters and a description of at most 2,000".into()));
                }
                if v.rc.data.by_id(id).is_some() {
                    return Err(bad(format!(
                        "`{id}` is a shipped career; it cannot be added"
                    )));
                }
                if r.figures_from.as_deref().is_some_and(|f| {
                    v.rc.data
                        .by_id(f)
                        .is_none_or(|i| v.rc.data.career(i).is_curated())
                }) {
                    return Err(bad(format!(
                        "the figures of `{id}` must come from an O*NET occupation"
                    )));
                }
            }
        }
        // Finally, the overlay must accept it as it will be read.
        let (_, problems) = Overlay::from_entries([(
            key.clone(),
            value.clone(),
            Meta {
                by: String::new(),
                at: String::new(),
            },
        )]);
        if let Some(p) = problems.first() {
            return Err(bad(p.clone()));
        }
        out.push(Planned {
            line,
            key,
            after: Some(value),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, value: Value) -> Entry {
        Entry {
            key: key.into(),
            value,
            version: 1,
            by: "ann".into(),
            at: "2026-11-29T10:00:00Z".into(),
        }
    }

    #[test]
    fn json_and_csv_round_trip() {
        let entries = vec![
            entry("hidden/15-1252.00", json!(true)),
            entry(
                "figure/29-1141.00/3900000/annual_median",
                json!({"value": 90000.0, "source": "a, \"b\""}),
            ),
        ];
        for text in [to_json(&entries), to_csv(&entries)] {
            let back = parse(&text).unwrap();
            assert_eq!(back.len(), 2, "{text}");
            assert_eq!(back[1].1, entries[1].key);
            assert_eq!(back[1].2, entries[1].value);
            assert!(back[1].0 > back[0].0, "lines are kept");
        }
    }

    #[test]
    fn a_bad_line_is_named() {
        let csv = "key,value\nhidden/15-1252.00,true\nhidden/29-1141.00,{not json\n";
        assert_eq!(parse(csv).unwrap_err().line, 3);
        let json = "[\n  {\"key\": \"hidden/15-1252.00\", \"value\": true},\n  {\"key\": \"x\"}\n]";
        let e = parse(json).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.reason.contains("no \"value\""));
        assert!(parse("key;value\n").is_err());
    }
}
