//! The tab-separated format of the generated tables in `data/`.
//!
//! One record per line, a header line naming the columns, no quoting. Text may contain a tab,
//! a newline or a backslash only escaped (`\t`, `\n`, `\\`), so that a line is always a record
//! and a line number is always meaningful in an error and in a diff.

use super::error::{DataError, DataIssue};
use std::io::Read;
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

/// A table being read: the file it came from and its (checked) header. Its records are read
/// by [`Table::each`], a block of lines at a time, so that a table is never held whole: the
/// pay table is 20 MB of text, and reading it into one buffer costs more than parsing it.
pub struct Table {
    pub path: PathBuf,
    columns: &'static [&'static str],
    source: Box<dyn Read + Send>,
    /// Read but not yet parsed: what followed the header in the first block.
    pending: Vec<u8>,
}

/// A column of a [`Table`], found by name once (see [`Table::col`]) rather than for every
/// record: the pay table alone has 2.7 million fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Col {
    index: usize,
    name: &'static str,
}

impl Col {
    pub fn name(self) -> &'static str {
        self.name
    }
}

/// How much of a table is read at a time: small enough to stay in cache, large enough that
/// reading costs little more than the copy. A longer line is read whole all the same. The
/// buffer (up to two blocks) stays under glibc's 128 KiB mmap threshold: freeing a larger
/// one would raise that threshold for the rest of the process, and the bot then keeps more
/// freed memory (about 5 MiB at 2,000 interactions/s).
const BLOCK: usize = 60 * 1024;

impl Table {
    /// Opens a table and checks its header.
    pub fn read(path: &Path, expected: &'static [&'static str]) -> Result<Table, DataError> {
        let file = std::fs::File::open(path)
            .map_err(|e| DataError::whole_file(path, format!("cannot read: {e}")))?;
        Table::start(path, Box::new(file), expected)
    }

    /// A table from text already in memory (tests).
    pub fn parse(
        path: &Path,
        text: String,
        expected: &'static [&'static str],
    ) -> Result<Table, DataError> {
        Table::start(path, Box::new(std::io::Cursor::new(text)), expected)
    }

    fn start(
        path: &Path,
        mut source: Box<dyn Read + Send>,
        expected: &'static [&'static str],
    ) -> Result<Table, DataError> {
        assert!(
            expected.len() <= MAX_COLUMNS,
            "programming error: more than {MAX_COLUMNS} columns"
        );
        let cannot_read =
            |e: std::io::Error| DataError::whole_file(path, format!("cannot read: {e}"));
        // Read until the header's line is complete.
        let mut pending = Vec::new();
        let header_end = loop {
            if let Some(i) = pending.iter().position(|&b| b == b'\n') {
                break i;
            }
            if fill(&mut source, &mut pending).map_err(cannot_read)? == 0 {
                break pending.len();
            }
        };
        let header = String::from_utf8_lossy(&pending[..header_end]);
        let header = header.strip_suffix('\r').unwrap_or(&header);
        if !header.split('\t').eq(expected.iter().copied()) {
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
        pending.drain(..(header_end + 1).min(pending.len()));
        Ok(Table {
            path: path.to_path_buf(),
            columns: expected,
            source,
            pending,
        })
    }

    /// The column called `name`. The header was checked against the expected names, so a
    /// name not among them is a programming error.
    pub fn col(&self, name: &'static str) -> Col {
        let index = self
            .columns
            .iter()
            .position(|c| *c == name)
            .unwrap_or_else(|| panic!("programming error: no column `{name}`"));
        Col { index, name }
    }

    /// Several columns at once: `let [code, area] = table.cols(["code", "area_code"]);`
    pub fn cols<const N: usize>(&self, names: [&'static str; N]) -> [Col; N] {
        names.map(|n| self.col(n))
    }

    /// Calls `f` with each record after the header, with its 1-based line number. A line
    /// with the wrong number of fields, or that is not UTF-8, is an `Err` given to `f`, so
    /// that the caller can report it and go on: one run of `check-data` shows every problem,
    /// not the first. Lines are split as `str::lines` splits them (at `\n`, without a
    /// trailing `\r`). Fails only if the file cannot be read.
    pub fn each(
        &mut self,
        mut f: impl FnMut(Result<Record<'_>, DataIssue>),
    ) -> Result<(), DataError> {
        self.each_line(|line| f(line.record()))
    }

    /// [`Table::each`] a line at a time, for a caller with a faster way to read the common
    /// case: [`Line::record`] is the record as `each` gives it.
    pub fn each_line(&mut self, mut f: impl FnMut(Line<'_>)) -> Result<(), DataError> {
        let Table {
            path,
            columns,
            source,
            pending,
        } = self;
        let mut number = 1;
        let mut buf = std::mem::take(pending);
        buf.reserve(BLOCK);
        let mut eof = false;
        loop {
            // Every complete line read so far (all of it at the end of the file).
            let complete = if eof {
                buf.len()
            } else {
                memchr::memrchr(b'\n', &buf).map_or(0, |i| i + 1)
            };
            for bytes in Lines::new(&buf[..complete]) {
                number += 1;
                f(Line {
                    path,
                    number,
                    width: columns.len(),
                    bytes,
                });
            }
            if eof {
                return Ok(());
            }
            buf.drain(..complete);
            eof = fill(source, &mut buf)
                .map_err(|e| DataError::whole_file(path, format!("cannot read: {e}")))?
                == 0;
        }
    }
}

/// One line of a table, as read: see [`Table::each_line`].
pub struct Line<'t> {
    path: &'t Path,
    /// 1-based.
    pub number: usize,
    width: usize,
    /// Without its line end.
    pub bytes: &'t [u8],
}

impl<'t> Line<'t> {
    /// The line as a record: an issue if it is not UTF-8 or has the wrong number of fields.
    pub fn record(&self) -> Result<Record<'t>, DataIssue> {
        match std::str::from_utf8(self.bytes) {
            Ok(text) => Record::split(self.path, self.number, self.width, text),
            Err(_) => Err(DataIssue {
                file: self.path.to_path_buf(),
                line: self.number,
                field: None,
                message: "not valid UTF-8".into(),
            }),
        }
    }
}

/// Reads up to a block more onto the end of `buf`; 0 at the end of the source.
fn fill(source: &mut dyn Read, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let len = buf.len();
    buf.resize(len + BLOCK, 0);
    let read = loop {
        match source.read(&mut buf[len..]) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => break other,
        }
    };
    buf.truncate(len + *read.as_ref().unwrap_or(&0));
    read
}

/// The lines of a block of complete lines, as `str::lines` splits them, on bytes.
struct Lines<'b> {
    rest: &'b [u8],
}

impl<'b> Lines<'b> {
    fn new(block: &'b [u8]) -> Self {
        Lines { rest: block }
    }
}

impl<'b> Iterator for Lines<'b> {
    type Item = &'b [u8];

    fn next(&mut self) -> Option<&'b [u8]> {
        if self.rest.is_empty() {
            return None;
        }
        let (line, rest) = match memchr::memchr(b'\n', self.rest) {
            Some(i) => (&self.rest[..i], &self.rest[i + 1..]),
            None => (self.rest, &[][..]),
        };
        self.rest = rest;
        Some(line.strip_suffix(b"\r").unwrap_or(line))
    }
}

/// No table has more columns than this.
const MAX_COLUMNS: usize = 16;

/// One line of a table.
pub struct Record<'t> {
    pub path: &'t Path,
    pub line: usize,
    fields: [&'t str; MAX_COLUMNS],
}

impl<'t> Record<'t> {
    /// Splits a line into its fields; a wrong number of them is an issue.
    fn split(
        path: &'t Path,
        line: usize,
        width: usize,
        text: &'t str,
    ) -> Result<Record<'t>, DataIssue> {
        let mut fields = [""; MAX_COLUMNS];
        let mut n = 0;
        let mut start = 0;
        // By hand: `split('\t')` sets up a searcher per line and is several times slower on
        // fields this short (the pay table's are mostly numbers).
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b == b'\t' {
                if n < MAX_COLUMNS {
                    // A tab is ASCII, so this is a character boundary.
                    fields[n] = &text[start..i];
                }
                n += 1;
                start = i + 1;
            }
        }
        if n < MAX_COLUMNS {
            fields[n] = &text[start..];
        }
        n += 1;
        if n != width {
            return Err(DataIssue {
                file: path.to_path_buf(),
                line,
                field: None,
                message: format!("expected {width} tab-separated fields, found {n}"),
            });
        }
        Ok(Record { path, line, fields })
    }

    /// A problem with a field of this record, by the field's name.
    pub fn issue(&self, field: &str, message: impl Into<String>) -> DataIssue {
        DataIssue {
            file: self.path.to_path_buf(),
            line: self.line,
            field: Some(field.to_string()),
            message: message.into(),
        }
    }

    /// A problem with a column of this record.
    pub fn issue_at(&self, col: Col, message: impl Into<String>) -> DataIssue {
        self.issue(col.name, message)
    }

    /// The raw field, for formats parsed by the caller (pay values, codes).
    pub fn get(&self, col: Col) -> &'t str {
        self.fields[col.index]
    }

    /// Free text, unescaped; must not be empty.
    pub fn text(&self, col: Col) -> Result<String, DataIssue> {
        let raw = self.get(col);
        if raw.trim().is_empty() {
            return Err(self.issue_at(col, "must not be empty"));
        }
        unescape(raw).map_err(|m| self.issue_at(col, m))
    }

    /// Free text that may be empty.
    pub fn optional_text(&self, col: Col) -> Result<Option<String>, DataIssue> {
        let raw = self.get(col);
        if raw.is_empty() {
            return Ok(None);
        }
        unescape(raw).map(Some).map_err(|m| self.issue_at(col, m))
    }

    /// A number; empty is an error.
    pub fn number<T: FromStr>(&self, col: Col) -> Result<T, DataIssue> {
        let raw = self.get(col);
        raw.parse()
            .map_err(|_| self.issue_at(col, format!("expected a number, found `{raw}`")))
    }

    /// A number or empty.
    pub fn optional_number<T: FromStr>(&self, col: Col) -> Result<Option<T>, DataIssue> {
        if self.get(col).is_empty() {
            Ok(None)
        } else {
            self.number(col).map(Some)
        }
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

    /// Every record as (line, fields), or the issue as text.
    fn all(mut table: Table) -> Vec<Result<(usize, Vec<String>), String>> {
        let width = table.columns.len();
        let cols: Vec<Col> = (0..width).map(|index| Col { index, name: "" }).collect();
        let mut out = Vec::new();
        table
            .each(|rec| {
                out.push(
                    rec.map(|r| (r.line, cols.iter().map(|&c| r.get(c).to_string()).collect()))
                        .map_err(|e| e.to_string()),
                )
            })
            .unwrap();
        out
    }

    /// A source that hands out a few bytes per read, so that lines straddle every boundary.
    struct Trickle(std::io::Cursor<Vec<u8>>, usize);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.1);
            self.0.read(&mut buf[..n])
        }
    }

    #[test]
    fn records_are_read_as_lines_and_tabs_split_them_wherever_reads_end() {
        // What `str::lines` and `split('\t')` make of a text.
        fn expected(text: &str) -> Vec<Result<(usize, Vec<String>), String>> {
            text.lines()
                .enumerate()
                .skip(1)
                .map(|(i, l)| {
                    let f: Vec<String> = l.split('\t').map(str::to_string).collect();
                    if f.len() == 2 {
                        Ok((i + 1, f))
                    } else {
                        Err(format!(
                            "data/x.tsv:{}: expected 2 tab-separated fields, found {}",
                            i + 1,
                            f.len()
                        ))
                    }
                })
                .collect()
        }
        let text_of = |lines: usize, long: usize| {
            let mut text = String::from("a\tb\n1\t2\r\n\n\t\n3\t\n");
            for i in 0..lines {
                text.push_str(&format!("{i}\t{}\n", i % 7));
            }
            text.push_str(&format!("{}\tend\nlast\tline", "x".repeat(long)));
            text
        };
        let path = Path::new("data/x.tsv");
        let check = |text: &str, steps: &[usize]| {
            let want = expected(text);
            assert_eq!(
                all(Table::parse(path, text.to_string(), &["a", "b"]).unwrap()),
                want
            );
            for &step in steps {
                let source = Trickle(std::io::Cursor::new(text.as_bytes().to_vec()), step);
                let table = Table::start(path, Box::new(source), &["a", "b"]).unwrap();
                assert_eq!(all(table), want, "{step} bytes a read");
            }
        };
        // Many blocks, and a line three blocks long, read in pieces that end anywhere.
        let big = text_of(20_000, 3 * BLOCK);
        let want = expected(&big);
        assert_eq!(want.len(), 20_006);
        assert_eq!(
            want[1],
            Err("data/x.tsv:3: expected 2 tab-separated fields, found 1".into())
        );
        check(&big, &[997, 4096, BLOCK + 1]);
        // Reads of a byte or a few (every read costs a block's bookkeeping, so on a
        // smaller text): every boundary falls inside a field, a tab, a CR LF.
        check(&text_of(300, 40), &[1, 7]);
    }

    #[test]
    fn a_line_that_is_not_utf8_is_reported_and_the_rest_is_read() {
        let path = Path::new("data/x.tsv");
        let bytes = b"a\tb\n1\t2\n\xff\t3\n4\t\xc3\xa9\n".to_vec();
        let source = Trickle(std::io::Cursor::new(bytes), 3);
        let table = Table::start(path, Box::new(source), &["a", "b"]).unwrap();
        assert_eq!(
            all(table),
            vec![
                Ok((2, vec!["1".into(), "2".into()])),
                Err("data/x.tsv:3: not valid UTF-8".into()),
                Ok((4, vec!["4".into(), "é".into()])),
            ]
        );
    }

    #[test]
    fn a_header_is_checked_whole() {
        let path = Path::new("data/x.tsv");
        for text in ["a\tc\n1\t2\n", "a\n", "", "a\tb\tc\n"] {
            let err = Table::parse(path, text.into(), &["a", "b"]).err().unwrap();
            assert!(
                err.to_string()
                    .contains("data/x.tsv:1: header must be `a\\tb`"),
                "{err}"
            );
        }
        // A header alone, with or without its newline, is a table with no records.
        for text in ["a\tb\n", "a\tb", "a\tb\r\n"] {
            assert_eq!(
                all(Table::parse(path, text.into(), &["a", "b"]).unwrap()),
                vec![]
            );
        }
    }

    #[test]
    fn wrong_field_count_is_reported_with_its_line() {
        let path = Path::new("data/x.tsv");
        let table = Table::parse(path, "a\tb\n1\t2\n3\n".into(), &["a", "b"]).unwrap();
        let results = all(table);
        assert!(results[0].is_ok());
        assert_eq!(
            results[1].as_ref().err().unwrap(),
            "data/x.tsv:3: expected 2 tab-separated fields, found 1"
        );
    }

    #[test]
    fn bad_number_names_file_line_and_field() {
        let path = Path::new("data/x.tsv");
        let mut table = Table::parse(path, "a\tb\n1\tzz\n".into(), &["a", "b"]).unwrap();
        let b = table.col("b");
        let mut err = None;
        table
            .each(|rec| err = Some(rec.unwrap().number::<u32>(b).unwrap_err()))
            .unwrap();
        assert_eq!(
            err.unwrap().to_string(),
            "data/x.tsv:2: field `b`: expected a number, found `zz`"
        );
    }
}
