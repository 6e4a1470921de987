//! A scope's edits as a file, and back: JSON (an array of `{key, value}`) or CSV (`key,value`
//! with the value as JSON). Reading a file checks every line and names the first bad one; a
//! file with any problem applies nothing.

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
