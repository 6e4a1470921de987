//! A scope's edits as a file, and back: JSON (an array of `{key, value}`) or CSV (`key,value`
//! with the value as JSON). Reading a file checks every line and names the first bad one; a
//! file with any problem applies nothing.

use crate::View;
use crate::overlay::{Key, Meta, Overlay};
use crate::store::Entry;
use serde_json::{Value, json};
use std::collections::HashSet;

/// The edits worth exporting from a scope, as its audience sees it: every edit of a career
/// that exists. An edit left behind when the role it was for was taken back (a role added,
/// given tasks, then undone) changes nothing anyone sees and would be refused on import
/// ("there is no role"), so it is left out; the count says how many were.
pub fn exportable(v: &View, entries: Vec<Entry>) -> (Vec<Entry>, usize) {
    let total = entries.len();
    let kept: Vec<Entry> = entries
        .into_iter()
        .filter(|e| match Key::decode(&e.key) {
            Some(Key::Role { .. }) => true,
            Some(k) => v.by_id(k.career()).is_some(),
            None => false,
        })
        .collect();
    let left_out = total - kept.len();
    (kept, left_out)
}

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

/// A problem in an imported file: its line (1-based; 0 when it is about the whole file, such
/// as too many items) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => f.write_str(&self.reason),
            n => write!(f, "line {n}: {}", self.reason),
        }
    }
}

impl std::error::Error for FileError {}

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
    too_many(items.len())?;
    // serde_json does not keep lines per element; find each element's line by its key, in
    // one pass: keys are searched for from where the last was found, and a line is the count
    // of line breaks before a position (a binary search in their positions).
    let breaks: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let line_at = |pos: usize| breaks.partition_point(|&b| b < pos) + 1;
    let mut out = Vec::with_capacity(items.len());
    let mut search_from = 0;
    for (i, item) in items.into_iter().enumerate() {
        let key = item.get("key").and_then(Value::as_str).map(str::to_string);
        let line = key
            .as_deref()
            .and_then(|k| {
                let quoted = serde_json::to_string(k).ok()?;
                text[search_from..].find(&quoted).map(|p| search_from + p)
            })
            .map(|p| {
                search_from = p + 1;
                line_at(p)
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
        out.push((line, key, value.clone()));
    }
    Ok(out)
}

/// The most items a file may hold: more than any real server's edits, few enough that
/// checking a file stays quick.
pub const MAX_ITEMS: usize = 5000;

fn too_many(n: usize) -> Result<(), FileError> {
    if n > MAX_ITEMS {
        return Err(FileError {
            line: 0,
            reason: format!(
                "the file has {} items; at most {} are read at once",
                crate::format::thousands(n as u64),
                crate::format::thousands(MAX_ITEMS as u64)
            ),
        });
    }
    Ok(())
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
        too_many(out.len())?;
    }
    Ok(out)
}

/// An imported file's changes as the store will apply them, each expecting what the scope
/// holds now (`current`: the scope's snapshot), and each in words for the preview.
pub fn preview(
    v: &View,
    scope: crate::store::Scope,
    current: &[Entry],
    planned: &[Planned],
    author_id: u64,
    author_name: &str,
) -> (Vec<crate::store::NewChange>, Vec<String>) {
    let now: std::collections::HashMap<&str, &Entry> =
        current.iter().map(|e| (e.key.as_str(), e)).collect();
    planned
        .iter()
        .map(|p| {
            let before = now.get(p.key.as_str());
            let text =
                crate::edits::describe(v, &p.key, before.map(|e| &e.value), p.after.as_ref());
            let change = crate::store::NewChange {
                scope,
                key: p.key.clone(),
                after: p.after.clone(),
                expected: crate::store::Expected::Version(before.map(|e| e.version)),
                author_id,
                author_name: author_name.to_string(),
            };
            (change, text)
        })
        .unzip()
}

/// One change an import would make.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub line: usize,
    pub key: String,
    /// `None` (a `null` value) removes the edit.
    pub after: Option<Value>,
}

/// Checks every item of an imported file against the data its audience sees, with the same
/// rules as a moderator's edit ([`crate::edits::check`]): a known kind of edit, a value of the
/// right shape and range, a career that exists. The first problem refuses the whole file,
/// naming its line. Linear in the file's length.
pub fn plan(v: &View, items: Vec<(usize, String, Value)>) -> Result<Vec<Planned>, FileError> {
    let mut out: Vec<Planned> = Vec::with_capacity(items.len());
    let roles_in_file: HashSet<String> = items
        .iter()
        .filter_map(|(_, k, _)| match Key::decode(k) {
            Some(Key::Role { id }) => Some(id),
            _ => None,
        })
        .collect();
    let mut seen: HashSet<String> = HashSet::with_capacity(items.len());
    let (mut names, mut roles) = v.added_in_last_layer();
    for (line, key, value) in items {
        let bad = |reason: String| FileError { line, reason };
        let Some(k) = Key::decode(&key) else {
            return Err(bad(format!("“{key}” is not an edit this bot knows")));
        };
        if !seen.insert(key.clone()) {
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
        let known = |id: &str| v.by_id(id).is_some() || roles_in_file.contains(id);
        if !matches!(k, Key::Role { .. }) && !known(k.career()) {
            return Err(bad(format!("there is no role `{}`", k.career())));
        }
        crate::edits::check(v, &k, &value).map_err(|e| bad(format!("“{key}”: {e}")))?;
        match &k {
            Key::Alias { .. } if value.get("on") == Some(&Value::Bool(true)) => names += 1,
            Key::Role { .. } => roles += 1,
            _ => {}
        }
        if names > crate::edits::MAX_ADDED_NAMES || roles > crate::edits::MAX_ADDED_ROLES {
            return Err(bad(format!(
                "this would add more than {} names or {} roles to this server",
                crate::edits::MAX_ADDED_NAMES,
                crate::edits::MAX_ADDED_ROLES
            )));
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

    #[test]
    fn a_file_with_too_many_items_is_refused_as_a_whole_without_a_line() {
        let items: Vec<String> = (0..=MAX_ITEMS)
            .map(|i| format!("{{\"key\": \"hidden/x{i}\", \"value\": true}}"))
            .collect();
        let e = parse(&format!("[{}]", items.join(",\n"))).unwrap_err();
        assert_eq!(e.line, 0);
        assert_eq!(
            e.to_string(),
            "the file has 5,001 items; at most 5,000 are read at once"
        );
        let bad = parse("[\n{\"key\": \"hidden/x\"}\n]").unwrap_err();
        assert_eq!(bad.to_string(), "line 2: “hidden/x” has no \"value\"");
    }

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
