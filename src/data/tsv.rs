//! The tab-separated format of the generated tables in `data/`.
//!
//! One record per line, a header line naming the columns, no quoting. Text may contain a tab,
//! a newline or a backslash only escaped (`\t`, `\n`, `\\`), so that a line is always a record
//! and a line number is always meaningful in an error and in a diff.

use super::error::{DataError, DataIssue};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Escapes a text field for writing.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> Result<String, String> {
    if !text.contains('\\') {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            other => return Err(format!("unknown escape `\\{}`", other.unwrap_or(' '))),
        }
    }
    Ok(out)
}

/// Writes a table: header, then rows, each joined by tabs. Fields must already be escaped
/// where they hold free text.
pub fn write_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = header.join("\t");
    out.push('\n');
    for row in rows {
        debug_assert_eq!(row.len(), header.len());
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
    out
}

/// A parsed table: the file it came from, its header and its lines.
pub struct Table {
    pub path: PathBuf,
    text: String,
    columns: Vec<String>,
}

impl Table {
    pub fn read(path: &Path, expected: &[&str]) -> Result<Table, DataError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| DataError::whole_file(path, format!("cannot read: {e}")))?;
        Table::parse(path, text, expected)
    }

    pub fn parse(path: &Path, text: String, expected: &[&str]) -> Result<Table, DataError> {
        let header = text.lines().next().unwrap_or("");
        let columns: Vec<String> = header.split('\t').map(str::to_string).collect();
        if columns != expected {
            return Err(DataError::single(DataIssue {
                file: path.to_path_buf(),
                line: 1,
                field: None,
                message: format!(
                    "header must be `{}`, found `{}`",
                    expected.join("\\t"),
                    header.replace('\t', "\\t")
                ),
            }));
        }
        Ok(Table {
            path: path.to_path_buf(),
            text,
            columns,
        })
    }

    /// The records after the header, with their 1-based line numbers, one at a time (the pay
    /// table has 223,000 lines; holding them all at once would triple the loader's peak
    /// memory). A line with the wrong number of fields is an `Err`, so that the caller can
    /// report it and go on: one run of `check-data` shows every problem, not the first.
    pub fn records(&self) -> impl Iterator<Item = Result<Record<'_>, DataIssue>> {
        let width = self.columns.len();
        self.text.lines().enumerate().skip(1).map(move |(i, line)| {
            let line_no = i + 1;
            let mut fields = [""; MAX_COLUMNS];
            let mut n = 0;
            for f in line.split('\t') {
                if n < MAX_COLUMNS {
                    fields[n] = f;
                }
                n += 1;
            }
            if n != width {
                return Err(DataIssue {
                    file: self.path.clone(),
                    line: line_no,
                    field: None,
                    message: format!("expected {width} tab-separated fields, found {n}"),
                });
            }
            Ok(Record {
                path: &self.path,
                line: line_no,
                columns: &self.columns,
                fields,
            })
        })
    }
}

/// No table has more columns than this.
const MAX_COLUMNS: usize = 16;

/// One line of a table.
pub struct Record<'t> {
    pub path: &'t Path,
    pub line: usize,
    columns: &'t [String],
    fields: [&'t str; MAX_COLUMNS],
}

impl<'t> Record<'t> {
    pub fn issue(&self, field: &str, message: impl Into<String>) -> DataIssue {
        DataIssue {
            file: self.path.to_path_buf(),
            line: self.line,
            field: Some(field.to_string()),
            message: message.into(),
        }
    }

    fn raw(&self, field: &str) -> &'t str {
        let i = self
            .columns
            .iter()
            .position(|c| c == field)
            .unwrap_or_else(|| panic!("programming error: no column `{field}`"));
        self.fields[i]
    }

    /// Free text, unescaped; must not be empty.
    pub fn text(&self, field: &str) -> Result<String, DataIssue> {
        let raw = self.raw(field);
        if raw.trim().is_empty() {
            return Err(self.issue(field, "must not be empty"));
        }
        unescape(raw).map_err(|m| self.issue(field, m))
    }

    /// Free text that may be empty.
    pub fn optional_text(&self, field: &str) -> Result<Option<String>, DataIssue> {
        let raw = self.raw(field);
        if raw.is_empty() {
            return Ok(None);
        }
        unescape(raw).map(Some).map_err(|m| self.issue(field, m))
    }

    /// A number; empty is an error.
    pub fn number<T: FromStr>(&self, field: &str) -> Result<T, DataIssue> {
        let raw = self.raw(field);
        raw.parse()
            .map_err(|_| self.issue(field, format!("expected a number, found `{raw}`")))
    }

    /// A number or empty.
    pub fn optional_number<T: FromStr>(&self, field: &str) -> Result<Option<T>, DataIssue> {
        if self.raw(field).is_empty() {
            Ok(None)
        } else {
            self.number(field).map(Some)
        }
    }

    /// The raw field, for formats parsed by the caller (pay values, codes).
    pub fn get(&self, field: &str) -> &'t str {
        self.raw(field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_round_trips_tabs_newlines_and_backslashes() {
        let text = "a\tb\nc\\d";
        assert_eq!(unescape(&escape(text)).unwrap(), text);
        assert!(!escape(text).contains('\t'));
    }

    #[test]
    fn wrong_field_count_is_reported_with_its_line() {
        let path = Path::new("data/x.tsv");
        let table = Table::parse(path, "a\tb\n1\t2\n3\n".into(), &["a", "b"]).unwrap();
        let results: Vec<_> = table.records().collect();
        assert!(results[0].is_ok());
        assert_eq!(
            results[1].as_ref().err().unwrap().to_string(),
            "data/x.tsv:3: expected 2 tab-separated fields, found 1"
        );
    }

    #[test]
    fn bad_number_names_file_line_and_field() {
        let path = Path::new("data/x.tsv");
        let table = Table::parse(path, "a\tb\n1\tzz\n".into(), &["a", "b"]).unwrap();
        let rec = table.records().next().unwrap().unwrap();
        let err = rec.number::<u32>("b").unwrap_err();
        assert_eq!(
            err.to_string(),
            "data/x.tsv:2: field `b`: expected a number, found `zz`"
        );
    }
}
