//! Reading `data/` into a [`Dataset`], checking everything on the way.
//!
//! Every check reports into one list instead of stopping at the first problem, so that
//! `rolecall check-data` shows a maintainer everything wrong at once.

use super::curated::{CuratedFile, is_bls_code, is_onet_code, is_valid_slug};
use super::error::{DataError, DataIssue};
use super::model::*;
use super::sources::{line_of, toml_error};
use super::tsv::{Col, Record, Table};
use super::{Dataset, TableAlias};
use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Pay outside these bounds is a typo, not a wage.
const MAX_HOURLY_CENTS: u32 = 200_000;
const MAX_ANNUAL: u32 = 5_000_000;

type Issues = Vec<DataIssue>;

/// The value of a column that holds one of a few words, or an issue naming them all
/// ("expected a, b or c, found `x`"; an empty word is "nothing").
fn one_of<T: Copy>(
    rec: &Record,
    col: Col,
    choices: &[(&str, T)],
    issues: &mut Issues,
) -> Option<T> {
    let found = rec.get(col);
    if let Some(&(_, v)) = choices.iter().find(|(word, _)| *word == found) {
        return Some(v);
    }
    let words: Vec<&str> = choices
        .iter()
        .map(|&(w, _)| if w.is_empty() { "nothing" } else { w })
        .collect();
    let expected = match words.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    issues.push(rec.issue_at(col, format!("expected {expected}, found `{found}`")));
    None
}

fn ok<T>(r: Result<T, DataIssue>, issues: &mut Issues) -> Option<T> {
    r.map_err(|e| issues.push(e)).ok()
}

pub fn load(dir: &Path) -> Result<Dataset, DataError> {
    load_with(dir, |_| ()).map(|(data, ())| data)
}

/// Loads `dir`, reading the pay table (most of the work: 223,000 lines) on a thread of its
/// own, and meanwhile calls `also` with everything else, which is how [`crate::Rolecall`]
/// builds its name indexes at the same time. `also` sees the dataset without pay rows
/// (`pay_rows` is empty), so it must not depend on them; it is called only if everything it
/// sees is valid.
pub fn load_with<T>(
    dir: &Path,
    also: impl FnOnce(&Dataset) -> T,
) -> Result<(Dataset, T), DataError> {
    if !dir.is_dir() {
        return Err(DataError::whole_file(
            dir,
            "data directory not found (set ROLECALL_DATA or run from the repository root)",
        ));
    }
    let meta = super::sources::read(&dir.join("sources.toml"))?;
    let mut issues = Issues::new();
    let areas = read_areas(dir, &mut issues)?;
    let area_index: HashMap<String, AreaIdx> = areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.clone(), i as AreaIdx))
        .collect();
    // Borrows only, so it can be handed to a thread and still be called here.
    let pay_table = || {
        let mut issues = Issues::new();
        read_pay(dir, &area_index, &mut issues).map(|pay| (pay, issues))
    };
    std::thread::scope(|scope| {
        // Where no thread can be had, the pay table is read last, on this one.
        let pay = std::thread::Builder::new()
            .name("rolecall-pay".into())
            .spawn_scoped(scope, pay_table)
            .ok();

        let projections = read_projections(dir, &mut issues)?;
        let (mut careers, pay_only) = read_occupations(dir, &projections, &mut issues)?;
        let mut by_id: FxHashMap<String, CareerIdx> = FxHashMap::default();
        for (i, c) in careers.iter().enumerate() {
            by_id.insert(c.id.clone(), i);
        }
        read_aliases(dir, &by_id, &mut careers, &mut issues)?;
        read_tasks(dir, &by_id, &mut careers, &mut issues)?;
        read_related(dir, &by_id, &mut careers, &mut issues)?;
        let alias_table = read_curated(dir, &mut by_id, &mut careers, &mut issues)?;
        let mut data = Dataset {
            meta,
            careers,
            by_id,
            projections,
            pay: PayTable::default(),
            areas,
            alias_table,
        };
        let extra = issues.is_empty().then(|| also(&data));

        let (pay, pay_issues) = match pay {
            Some(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?,
            None => pay_table()?,
        };
        issues.extend(pay_issues);
        // Every occupation's figures code must have a row in one of the two tables.
        for (line, code) in pay_only {
            if !pay.by_code.contains_key(&code) {
                issues.push(DataIssue {
                    file: dir.join("occupations.tsv"),
                    line,
                    field: Some("figures_code".into()),
                    message: format!("`{code}` has no row in projections.tsv or pay.tsv"),
                });
            }
        }
        data.pay = pay;
        match extra {
            Some(extra) if issues.is_empty() => Ok((data, extra)),
            _ => {
                issues.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
                Err(DataError { issues })
            }
        }
    })
}

fn read_areas(dir: &Path, issues: &mut Issues) -> Result<Vec<Area>, DataError> {
    let mut table = Table::read(
        &dir.join("areas.tsv"),
        &["area_code", "kind", "postal", "name"],
    )?;
    let [area_code, kind_col, postal_col, name_col] =
        table.cols(["area_code", "kind", "postal", "name"]);
    let mut areas = Vec::new();
    let mut seen = HashSet::new();
    table.each(|rec| {
        let Some(rec) = ok(rec, issues) else { return };
        let code = rec.get(area_code);
        if code.len() != 7 || !code.bytes().all(|b| b.is_ascii_digit()) {
            issues.push(rec.issue_at(
                area_code,
                format!("expected a 7-digit BLS area code, found `{code}`"),
            ));
            return;
        }
        if !seen.insert(code.to_string()) {
            issues.push(rec.issue_at(area_code, format!("duplicate area `{code}`")));
            return;
        }
        let Some(kind) = one_of(
            &rec,
            kind_col,
            &[
                ("national", AreaKind::National),
                ("state", AreaKind::State),
                ("metro", AreaKind::Metro),
            ],
            issues,
        ) else {
            return;
        };
        let postal = rec.get(postal_col);
        if (kind == AreaKind::State)
            != (postal.len() == 2 && postal.bytes().all(|b| b.is_ascii_uppercase()))
        {
            issues.push(rec.issue_at(
                postal_col,
                "a state has a two-letter postal code; other areas have none",
            ));
        }
        let Some(name) = ok(rec.text(name_col), issues) else {
            return;
        };
        areas.push(Area {
            code: code.to_string(),
            kind,
            postal: postal.to_string(),
            name,
        });
    })?;
    // The nation first, so that it is area 0 and sorts first in every pay list.
    areas.sort_by_key(|a| (a.kind != AreaKind::National, a.code.clone()));
    if areas.first().map(|a| a.kind) != Some(AreaKind::National) {
        issues.push(DataIssue {
            file: table.path.clone(),
            line: 0,
            field: Some("kind".into()),
            message: "no national area".into(),
        });
    }
    if areas.len() > AreaIdx::MAX as usize {
        return Err(DataError::whole_file(&table.path, "too many areas"));
    }
    Ok(areas)
}

fn read_projections(
    dir: &Path,
    issues: &mut Issues,
) -> Result<HashMap<String, Projection>, DataError> {
    let mut table = Table::read(
        &dir.join("projections.tsv"),
        &[
            "code",
            "title",
            "employment_2024",
            "employment_2034",
            "change_pct",
            "openings",
            "median_wage_2024",
            "education",
            "experience",
            "training",
        ],
    )?;
    let [
        code_col,
        e24_col,
        e34_col,
        pct_col,
        open_col,
        wage_col,
        edu_col,
        exp_col,
        train_col,
    ] = table.cols([
        "code",
        "employment_2024",
        "employment_2034",
        "change_pct",
        "openings",
        "median_wage_2024",
        "education",
        "experience",
        "training",
    ]);
    let mut out = HashMap::new();
    table.each(|rec| {
        let Some(rec) = ok(rec, issues) else { return };
        let code = rec.get(code_col);
        if !is_bls_code(code) {
            issues.push(rec.issue_at(
                code_col,
                format!("expected a BLS code like 15-1252, found `{code}`"),
            ));
            return;
        }
        let mut number = |field: Col, min: f64, max: f64| -> Option<f64> {
            let v: f64 = ok(rec.number(field), issues)?;
            if !(min..=max).contains(&v) {
                issues.push(rec.issue_at(field, format!("{v} is out of range {min}..={max}")));
                return None;
            }
            Some(v)
        };
        let (Some(e24), Some(e34), Some(pct), Some(open)) = (
            number(e24_col, 0.0, 1e6),
            number(e34_col, 0.0, 1e6),
            number(pct_col, -100.0, 1000.0),
            number(open_col, 0.0, 1e5),
        ) else {
            return;
        };
        let Some(wage) = ok(pay_cell(&rec, wage_col, false), issues) else {
            return;
        };
        let text = |f: Col| rec.optional_text(f).map(Option::unwrap_or_default);
        let (Some(education), Some(experience), Some(training)) = (
            ok(text(edu_col), issues),
            ok(text(exp_col), issues),
            ok(text(train_col), issues),
        ) else {
            return;
        };
        if out
            .insert(
                code.to_string(),
                Projection {
                    employment_2024: e24,
                    employment_2034: e34,
                    change_pct: pct,
                    openings: open,
                    median_wage_2024: wage,
                    education,
                    experience,
                    training,
                },
            )
            .is_some()
        {
            issues.push(rec.issue_at(code_col, format!("duplicate code `{code}`")));
        }
    })?;
    Ok(out)
}

/// A pay cell: empty (not released), an amount, or `>=amount` (capped by BLS). Hourly cells
/// are dollars with cents and stored in cents.
fn pay_cell(rec: &Record, col: Col, hourly: bool) -> Result<Pay, DataIssue> {
    let raw = rec.get(col);
    if raw.is_empty() {
        return Ok(Pay::NOT_RELEASED);
    }
    let (capped, num) = match raw.strip_prefix(">=") {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let max = if hourly { MAX_HOURLY_CENTS } else { MAX_ANNUAL };
    // The common case in one pass (2.7 million cells); anything else the careful way below,
    // which names what is wrong.
    if let Some(v) = plain_amount(num.as_bytes(), hourly)
        && v != 0
        && v <= max
    {
        return Ok(if capped {
            Pay::at_least(v)
        } else {
            Pay::amount(v)
        });
    }
    let bad = || {
        rec.issue_at(
            col,
            format!("expected an amount, `>=amount` or nothing, found `{raw}`"),
        )
    };
    let value = if hourly {
        // (A byte search: `split_once` sets up a general searcher, 1.3 million times.)
        let (whole, cents) = match num.bytes().position(|b| b == b'.') {
            Some(dot) => (&num[..dot], &num[dot + 1..]),
            None => (num, "00"),
        };
        if cents.len() != 2 {
            return Err(bad());
        }
        let w = digits(whole).ok_or_else(bad)?;
        let c = digits(cents).ok_or_else(bad)?;
        w.checked_mul(100)
            .and_then(|w| w.checked_add(c))
            .ok_or_else(bad)?
    } else {
        digits(num).ok_or_else(bad)?
    };
    if value == 0 || value > max {
        return Err(rec.issue_at(
            col,
            format!(
                "`{raw}` is out of range (0, {}]",
                if hourly { "2000.00" } else { "5000000" }
            ),
        ));
    }
    Ok(if capped {
        Pay::at_least(value)
    } else {
        Pay::amount(value)
    })
}

/// An amount written the way the generated table writes it: up to seven digits, and for an
/// hourly wage, optionally a point and two more (in cents). `None` for anything else.
fn plain_amount(b: &[u8], hourly: bool) -> Option<u32> {
    let whole = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if whole == 0 || whole > 7 {
        return None;
    }
    let number = |digits: &[u8]| {
        digits
            .iter()
            .fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'))
    };
    let v = number(&b[..whole]);
    match (&b[whole..], hourly) {
        ([], false) => Some(v),
        ([], true) => Some(v * 100),
        ([b'.', c1, c2], true) if c1.is_ascii_digit() && c2.is_ascii_digit() => {
            Some(v * 100 + number(&[*c1, *c2]))
        }
        _ => None,
    }
}

/// Decimal digits as a `u32`, as `str::parse` reads them (an optional leading `+`), by hand:
/// the pay table has 2.7 million of them. `None` for anything else, or a number too big.
fn digits(s: &str) -> Option<u32> {
    let s = s.strip_prefix('+').unwrap_or(s);
    if s.is_empty() {
        return None;
    }
    s.bytes().try_fold(0u32, |acc, b| {
        if b.is_ascii_digit() {
            acc.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        } else {
            None
        }
    })
}

/// p10 ≤ p25 ≤ median ≤ p75 ≤ p90, where each is known. A capped value is only a lower bound,
/// so it can never be "too small"; an amount after a cap must be at least the cap.
fn check_order(rec: &Record, set: &[Pay; 6], prefix: &str, issues: &mut Issues) {
    if let Some((name, below)) = out_of_order(set) {
        issues.push(rec.issue(
            &format!("{prefix}_{name}"),
            format!("percentiles out of order: {prefix}_{name} is below {prefix}_{below}"),
        ));
    }
}

/// The first percentile below an earlier one, and that one (see [`check_order`]).
fn out_of_order(set: &[Pay; 6]) -> Option<(&'static str, &'static str)> {
    let names = ["p10", "p25", "median", "p75", "p90"];
    let mut floor: Option<(u32, &str)> = None;
    for (pay, name) in set[1..].iter().zip(names) {
        match pay.value() {
            PayValue::NotReleased => {}
            PayValue::Amount(v) | PayValue::AtLeast(v) => {
                if let Some((f, fname)) = floor
                    && v < f
                    && !pay.is_capped()
                {
                    return Some((name, fname));
                }
                if floor.is_none_or(|(f, _)| v >= f) {
                    floor = Some((v, name));
                }
            }
        }
    }
    None
}

/// The pay table, grouped by BLS code: one list of rows sorted by code then area, and where
/// each code's rows are in it (one allocation, not one per code).
#[derive(Default)]
pub(super) struct PayTable {
    pub rows: Vec<PayRow>,
    pub by_code: HashMap<String, std::ops::Range<u32>>,
}

fn read_pay(
    dir: &Path,
    areas: &HashMap<String, AreaIdx>,
    issues: &mut Issues,
) -> Result<PayTable, DataError> {
    let mut table = Table::read(&dir.join("pay.tsv"), &crate::build::PAY_HEADER)?;
    let [code_col, area_col, employment_col] = table.cols(["code", "area_code", "employment"]);
    let hourly_cols = PAY_STATS.map(|s| table.col(pay_column("hourly", s)));
    let annual_cols = PAY_STATS.map(|s| table.col(pay_column("annual", s)));
    // Codes numbered by first appearance.
    let mut codes: Vec<String> = Vec::new();
    let mut numbers: HashMap<String, u32> = HashMap::new();
    let mut rows = PayRows::default();
    // The fast path reads the fields in the order of the header, which was checked.
    assert!(
        [code_col, area_col, employment_col]
            .iter()
            .chain(&hourly_cols)
            .chain(&annual_cols)
            .enumerate()
            .all(|(i, c)| crate::build::PAY_HEADER[i] == c.name()),
        "programming error: quick_pay_row reads the columns in another order"
    );
    let area_number: FxHashMap<u32, AreaIdx> = areas
        .iter()
        .filter_map(|(code, &i)| Some((area_code_number(code.as_bytes())?, i)))
        .collect();
    let mut last_code = String::new();
    let mut last_number = 0;
    let table_path = table.path.clone();
    table.each_line(|line| {
        if let Some((code, row)) = quick_pay_row(line.bytes, &area_number)
            && code == last_code
        {
            rows.push(last_number, line.number, row, &table_path, &codes, issues);
            return;
        }
        let rec = line.record();
        let Some(rec) = ok(rec, issues) else { return };
        let code = rec.get(code_col);
        if !is_bls_code(code) {
            issues.push(rec.issue_at(
                code_col,
                format!("expected a BLS code like 15-1252, found `{code}`"),
            ));
            return;
        }
        let Some(&area) = areas.get(rec.get(area_col)) else {
            issues.push(rec.issue_at(
                area_col,
                format!("no area `{}` in areas.tsv", rec.get(area_col)),
            ));
            return;
        };
        let Some(employment) = ok(rec.optional_number::<u32>(employment_col), issues) else {
            return;
        };
        let mut hourly = [Pay::NOT_RELEASED; 6];
        let mut annual = [Pay::NOT_RELEASED; 6];
        let mut fine = true;
        for i in 0..PAY_STATS.len() {
            match pay_cell(&rec, hourly_cols[i], true) {
                Ok(p) => hourly[i] = p,
                Err(e) => {
                    issues.push(e);
                    fine = false;
                }
            }
            match pay_cell(&rec, annual_cols[i], false) {
                Ok(p) => annual[i] = p,
                Err(e) => {
                    issues.push(e);
                    fine = false;
                }
            }
        }
        if !fine {
            return;
        }
        check_order(&rec, &hourly, "hourly", issues);
        check_order(&rec, &annual, "annual", issues);
        // The table is written grouped by code: the fast path above takes the rows after the
        // first of each code.
        let number = *numbers.entry(code.to_string()).or_insert_with(|| {
            codes.push(code.to_string());
            codes.len() as u32 - 1
        });
        last_code.clear();
        last_code.push_str(code);
        last_number = number;
        let row = PayRow {
            area,
            employment,
            hourly,
            annual,
        };
        rows.push(number, rec.line, row, &table_path, &codes, issues);
    })?;
    Ok(rows.finish(codes, &table_path, issues))
}

/// The pay rows as they are read, grouped by code: on the fly while they come the way the
/// build writes them (each code's rows together, in area order), which needs no sort and no
/// list of keys beside the 223,000 rows; by a sort otherwise.
#[derive(Default)]
struct PayRows {
    rows: Vec<PayRow>,
    /// Each code's number and first row, while the rows are in order.
    runs: Vec<(u32, usize)>,
    /// Each row's code number and line, once they are not (0: a line not kept).
    keys: Option<Vec<(u32, usize)>>,
}

impl PayRows {
    fn push(
        &mut self,
        code: u32,
        line: usize,
        row: PayRow,
        path: &Path,
        codes: &[String],
        issues: &mut Issues,
    ) {
        if self.keys.is_none() {
            let last = self.runs.last().map(|r| r.0);
            let previous = self.rows.last().map(|r| r.area);
            if last == Some(code) && previous == Some(row.area) {
                issues.push(duplicate_pay_row(path, line, &codes[code as usize]));
                return;
            }
            if last == Some(code) && previous < Some(row.area) {
                self.rows.push(row);
                return;
            }
            // Codes are numbered as they first appear: the next new one is the next run.
            if code as usize == self.runs.len() {
                self.runs.push((code, self.rows.len()));
                self.rows.push(row);
                return;
            }
            // Out of order: from here on, keep each row's key.
            let mut keys = Vec::with_capacity(self.rows.len() * 2);
            for (i, &(code, start)) in self.runs.iter().enumerate() {
                let end = self.runs.get(i + 1).map_or(self.rows.len(), |r| r.1);
                keys.extend((start..end).map(|_| (code, 0)));
            }
            self.keys = Some(keys);
        }
        if let Some(keys) = &mut self.keys {
            keys.push((code, line));
            self.rows.push(row);
        }
    }

    fn finish(self, mut codes: Vec<String>, path: &Path, issues: &mut Issues) -> PayTable {
        let PayRows {
            mut rows,
            mut runs,
            keys,
        } = self;
        if let Some(mut keys) = keys {
            let mut order: Vec<usize> = (0..rows.len()).collect();
            order.sort_by_key(|&i| (keys[i].0, rows[i].area));
            keys = order.iter().map(|&i| keys[i]).collect();
            rows = order.iter().map(|&i| rows[i].clone()).collect();
            runs.clear();
            for (i, &(code, line)) in keys.iter().enumerate() {
                if i > 0 && keys[i - 1].0 == code {
                    if rows[i - 1].area == rows[i].area {
                        issues.push(duplicate_pay_row(path, line, &codes[code as usize]));
                    }
                } else {
                    runs.push((code, i));
                }
            }
        }
        let mut by_code = HashMap::with_capacity(runs.len());
        for (i, &(code, start)) in runs.iter().enumerate() {
            let end = runs.get(i + 1).map_or(rows.len(), |r| r.1);
            by_code.insert(
                std::mem::take(&mut codes[code as usize]),
                start as u32..end as u32,
            );
        }
        rows.shrink_to_fit();
        PayTable { rows, by_code }
    }
}

fn duplicate_pay_row(path: &Path, line: usize, code: &str) -> DataIssue {
    DataIssue {
        file: path.to_path_buf(),
        line,
        field: Some("area_code".into()),
        message: format!("more than one row for {code} in the same area"),
    }
}

/// A line of the pay table written as the build writes it, read in one pass, with its code:
/// a valid code, a known area, and every cell an amount in range, in order. `None` for
/// anything else, which the careful path then reads and reports.
fn quick_pay_row<'l>(line: &'l [u8], areas: &FxHashMap<u32, AreaIdx>) -> Option<(&'l str, PayRow)> {
    let code = std::str::from_utf8(line.get(..7)?).ok()?;
    if !is_bls_code(code) || line.get(7) != Some(&b'\t') {
        return None;
    }
    let area = *areas.get(&area_code_number(line.get(8..15)?)?)?;
    if line.get(15) != Some(&b'\t') {
        return None;
    }
    // Each field in one pass over its bytes; `at` is where the next one starts.
    let mut at = 16;
    let employment = match line.get(at) {
        Some(b'\t') => {
            at += 1;
            None
        }
        _ => Some(quick_number(line, &mut at, false)?),
    };
    let mut cells = [Pay::NOT_RELEASED; 12];
    for (i, cell) in cells.iter_mut().enumerate() {
        let hourly = i < 6;
        let capped = line.get(at) == Some(&b'>');
        if capped {
            if line.get(at + 1) != Some(&b'=') {
                return None;
            }
            at += 2;
        } else if matches!(line.get(at), Some(b'\t') | None) {
            // Empty: not released. (Past the end of the line means too few fields.)
            if at > line.len() {
                return None;
            }
            at += 1;
            continue;
        }
        let v = quick_number(line, &mut at, hourly)?;
        if v == 0 || v > if hourly { MAX_HOURLY_CENTS } else { MAX_ANNUAL } {
            return None;
        }
        *cell = if capped {
            Pay::at_least(v)
        } else {
            Pay::amount(v)
        };
    }
    // The last field must have ended the line.
    if at != line.len() + 1 {
        return None;
    }
    let hourly: [Pay; 6] = cells[..6].try_into().ok()?;
    let annual: [Pay; 6] = cells[6..].try_into().ok()?;
    if out_of_order(&hourly).is_some() || out_of_order(&annual).is_some() {
        return None;
    }
    Some((
        code,
        PayRow {
            area,
            employment,
            hourly,
            annual,
        },
    ))
}

/// An amount at `line[*at..]` up to the next tab or the end of the line, as [`plain_amount`]
/// reads it; `*at` moves past the tab (or one past the end).
#[inline]
fn quick_number(line: &[u8], at: &mut usize, hourly: bool) -> Option<u32> {
    let start = *at;
    let mut i = start;
    let mut v: u32 = 0;
    while let Some(&c) = line.get(i) {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            break;
        }
        v = v.wrapping_mul(10).wrapping_add(u32::from(d));
        i += 1;
    }
    if i == start || i - start > 7 {
        return None;
    }
    if hourly {
        v *= 100;
        if line.get(i) == Some(&b'.') {
            let cents = line.get(i + 1..i + 3)?;
            let (c1, c2) = (cents[0].wrapping_sub(b'0'), cents[1].wrapping_sub(b'0'));
            if c1 > 9 || c2 > 9 {
                return None;
            }
            v += u32::from(c1 * 10 + c2);
            i += 3;
        }
    }
    match line.get(i) {
        Some(b'\t') | None => {
            *at = i + 1;
            Some(v)
        }
        Some(_) => None,
    }
}

/// A seven-digit area code as a number.
fn area_code_number(code: &[u8]) -> Option<u32> {
    (code.len() == 7)
        .then(|| plain_amount(code, false))
        .flatten()
}

/// `hourly_median`, `annual_p90`…: the pay table's column for a statistic.
fn pay_column(unit: &str, stat: &str) -> &'static str {
    crate::build::PAY_HEADER
        .iter()
        .copied()
        .find(|c| c.strip_prefix(unit).and_then(|c| c.strip_prefix('_')) == Some(stat))
        .unwrap_or_else(|| panic!("programming error: no column {unit}_{stat}"))
}

/// A figures code with no projection, and the line of occupations.tsv that names it.
type PayOnly = (usize, String);

/// The occupations, and the figures codes that have no projection, with their lines: each
/// must have pay rows instead, which are checked once the pay table is read.
fn read_occupations(
    dir: &Path,
    projections: &HashMap<String, Projection>,
    issues: &mut Issues,
) -> Result<(Vec<Career>, Vec<PayOnly>), DataError> {
    let mut table = Table::read(
        &dir.join("occupations.tsv"),
        &[
            "soc",
            "title",
            "job_zone",
            "figures_code",
            "figures_title",
            "description",
        ],
    )?;
    let [soc_col, title_col, zone_col, code_col, ftitle_col, desc_col] = table.cols([
        "soc",
        "title",
        "job_zone",
        "figures_code",
        "figures_title",
        "description",
    ]);
    let mut careers = Vec::new();
    let mut seen = HashSet::new();
    let mut pay_only = Vec::new();
    table.each(|rec| {
        let Some(rec) = ok(rec, issues) else { return };
        let soc = rec.get(soc_col);
        if !is_onet_code(soc) {
            issues.push(rec.issue_at(
                soc_col,
                format!("expected an O*NET-SOC code like 15-1252.00, found `{soc}`"),
            ));
            return;
        }
        if !seen.insert(soc.to_string()) {
            issues.push(rec.issue_at(soc_col, format!("duplicate occupation `{soc}`")));
            return;
        }
        let job_zone = match ok(rec.optional_number::<u8>(zone_col), issues) {
            Some(Some(z)) if !(1..=5).contains(&z) => {
                issues.push(rec.issue_at(zone_col, format!("{z} is not a Job Zone (1–5)")));
                return;
            }
            Some(z) => z,
            None => return,
        };
        let code = rec.get(code_col);
        if !is_bls_code(code) {
            issues.push(rec.issue_at(
                code_col,
                format!("expected a BLS code like 15-1252, found `{code}`"),
            ));
            return;
        }
        if !projections.contains_key(code) {
            pay_only.push((rec.line, code.to_string()));
        }
        let (Some(title), Some(description), Some(figures_title)) = (
            ok(rec.text(title_col), issues),
            ok(rec.text(desc_col), issues),
            ok(rec.text(ftitle_col), issues),
        ) else {
            return;
        };
        careers.push(Career {
            id: soc.to_string(),
            title,
            description,
            kind: CareerKind::Occupation,
            job_zone,
            tasks: Vec::new(),
            related: Vec::new(),
            aliases: Vec::new(),
            figures: Some(FiguresKey {
                code: code.to_string(),
                title: figures_title,
                // A `.01`-style code shares its six-digit code with its base occupation and others, and a
                // combined BLS code covers several six-digit codes: either way, a broader group.
                broader: !soc.ends_with(".00") || code != &soc[..7],
            }),
        });
    })?;
    Ok((careers, pay_only))
}

/// The career a `soc` field names, or an issue.
fn occupation(
    rec: &Record,
    field: Col,
    by_id: &FxHashMap<String, CareerIdx>,
    issues: &mut Issues,
) -> Option<CareerIdx> {
    let soc = rec.get(field);
    let found = by_id.get(soc).copied();
    if found.is_none() {
        issues.push(rec.issue_at(field, format!("no occupation `{soc}` in occupations.tsv")));
    }
    found
}

fn read_aliases(
    dir: &Path,
    by_id: &FxHashMap<String, CareerIdx>,
    careers: &mut [Career],
    issues: &mut Issues,
) -> Result<(), DataError> {
    let mut table = Table::read(
        &dir.join("aliases.tsv"),
        &["soc", "kind", "alias", "short", "reported"],
    )?;
    let [soc_col, kind_col, alias_col, short_col, reported_col] =
        table.cols(["soc", "kind", "alias", "short", "reported"]);
    table.each(|rec| {
        let Some(rec) = ok(rec, issues) else { return };
        let Some(idx) = occupation(&rec, soc_col, by_id, issues) else {
            return;
        };
        let Some(kind) = one_of(
            &rec,
            kind_col,
            &[
                ("alternate", AliasKind::Alternate),
                ("reported", AliasKind::Reported),
            ],
            issues,
        ) else {
            return;
        };
        let Some(usage) = one_of(
            &rec,
            reported_col,
            &[
                ("reported", Usage::Reported),
                ("featured", Usage::Featured),
                ("", Usage::Listed),
            ],
            issues,
        ) else {
            return;
        };
        let (Some(text), Some(short)) = (
            ok(rec.text(alias_col), issues),
            ok(rec.optional_text(short_col), issues),
        ) else {
            return;
        };
        let aliases = &mut careers[idx].aliases;
        aliases.push(Alias { text, kind, usage });
        if let Some(short) = short
            && !aliases.iter().any(|a| a.text.eq_ignore_ascii_case(&short))
        {
            aliases.push(Alias {
                text: short,
                kind: AliasKind::Short,
                usage,
            });
        }
    })?;
    Ok(())
}

fn read_tasks(
    dir: &Path,
    by_id: &FxHashMap<String, CareerIdx>,
    careers: &mut [Career],
    issues: &mut Issues,
) -> Result<(), DataError> {
    let mut table = Table::read(&dir.join("tasks.tsv"), &["soc", "task_id", "type", "task"])?;
    let [soc_col, id_col, type_col, task_col] = table.cols(["soc", "task_id", "type", "task"]);
    table.each(|rec| {
        let Some(rec) = ok(rec, issues) else { return };
        let Some(idx) = occupation(&rec, soc_col, by_id, issues) else {
            return;
        };
        ok(rec.number::<u32>(id_col), issues);
        let Some(kind) = TaskKind::parse(rec.get(type_col)) else {
            issues.push(rec.issue_at(
                type_col,
                format!(
                    "expected core, supplemental or unrated, found `{}`",
                    rec.get(type_col)
                ),
            ));
            return;
        };
        let Some(text) = ok(rec.text(task_col), issues) else {
            return;
        };
        careers[idx].tasks.push(Task { text, kind });
    })?;
    Ok(())
}

fn read_related(
    dir: &Path,
    by_id: &FxHashMap<String, CareerIdx>,
    careers: &mut [Career],
    issues: &mut Issues,
) -> Result<(), DataError> {
    let mut table = Table::read(
        &dir.join("related.tsv"),
        &["soc", "related_soc", "tier", "rank"],
    )?;
    let [soc_col, other_col, tier_col, rank_col] =
        table.cols(["soc", "related_soc", "tier", "rank"]);
    table.each(|rec| {
        let Some(rec) = ok(rec, issues) else { return };
        let (Some(idx), Some(other)) = (
            occupation(&rec, soc_col, by_id, issues),
            occupation(&rec, other_col, by_id, issues),
        ) else {
            return;
        };
        if idx == other {
            issues.push(rec.issue_at(other_col, "an occupation cannot be related to itself"));
            return;
        }
        let Some(tier) = RelatedTier::parse(rec.get(tier_col)) else {
            issues.push(rec.issue_at(
                tier_col,
                format!(
                    "expected Primary-Short, Primary-Long or Supplemental, found `{}`",
                    rec.get(tier_col)
                ),
            ));
            return;
        };
        ok(rec.number::<u32>(rank_col), issues);
        careers[idx].related.push(Related {
            career: other,
            tier,
        });
    })?;
    Ok(())
}

fn read_curated(
    dir: &Path,
    by_id: &mut FxHashMap<String, CareerIdx>,
    careers: &mut Vec<Career>,
    issues: &mut Issues,
) -> Result<Vec<TableAlias>, DataError> {
    let path = dir.join("curated.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| DataError::whole_file(&path, format!("cannot read: {e}")))?;
    let file: CuratedFile =
        toml::from_str(&text).map_err(|e| DataError::single(toml_error(&path, &text, &e)))?;
    let at = |span: std::ops::Range<usize>, field: &str, message: String| DataIssue {
        file: path.clone(),
        line: line_of(&text, span.start),
        field: Some(field.to_string()),
        message,
    };

    // First pass: every role gets its index, so roles can relate to roles further down.
    let first_curated = careers.len();
    for role in &file.role {
        let id = role.id.get_ref();
        if !is_valid_slug(id) {
            issues.push(at(
                role.id.span(),
                "id",
                format!("`{id}` is not a lowercase-kebab-case id"),
            ));
        } else if by_id.contains_key(id) {
            issues.push(at(role.id.span(), "id", format!("duplicate id `{id}`")));
        }
        by_id.entry(id.clone()).or_insert(careers.len());
        careers.push(Career {
            id: id.clone(),
            title: role.title.get_ref().trim().to_string(),
            description: role.description.get_ref().trim().to_string(),
            kind: CareerKind::Curated { figures_from: 0 },
            job_zone: None,
            tasks: Vec::new(),
            related: Vec::new(),
            aliases: Vec::new(),
            figures: None,
        });
    }
    let lookup = |s: &Spanned, field: &str, issues: &mut Issues| -> Option<CareerIdx> {
        let found = by_id.get(s.get_ref().as_str()).copied();
        if found.is_none() {
            issues.push(at(
                s.span(),
                field,
                format!(
                    "`{}` is neither an O*NET-SOC code in occupations.tsv nor a curated role id",
                    s.get_ref()
                ),
            ));
        }
        found
    };
    for (i, role) in file.role.iter().enumerate() {
        let idx = first_curated + i;
        let mut career = careers[idx].clone();
        for (field, value) in [("title", &role.title), ("description", &role.description)] {
            if value.get_ref().trim().is_empty() {
                issues.push(at(value.span(), field, "must not be empty".into()));
            }
        }
        match lookup(&role.figures_from, "figures_from", issues) {
            Some(f) if careers[f].kind == CareerKind::Occupation => {
                career.kind = CareerKind::Curated { figures_from: f };
                career.job_zone = careers[f].job_zone;
            }
            Some(_) => issues.push(at(
                role.figures_from.span(),
                "figures_from",
                "must name an O*NET occupation, not another curated role".into(),
            )),
            None => {}
        }
        if role.responsibilities.is_empty() {
            issues.push(at(
                role.id.span(),
                "responsibilities",
                "a role needs at least one responsibility".into(),
            ));
        }
        for r in &role.responsibilities {
            if r.get_ref().trim().is_empty() {
                issues.push(at(r.span(), "responsibilities", "must not be empty".into()));
            }
            career.tasks.push(Task {
                text: r.get_ref().trim().to_string(),
                kind: TaskKind::Core,
            });
        }
        for r in &role.related {
            if let Some(other) = lookup(r, "related", issues) {
                if other == idx {
                    issues.push(at(
                        r.span(),
                        "related",
                        "a role cannot be related to itself".into(),
                    ));
                } else if career.related.iter().any(|x| x.career == other) {
                    issues.push(at(
                        r.span(),
                        "related",
                        format!("`{}` is listed twice", r.get_ref()),
                    ));
                } else {
                    career.related.push(Related {
                        career: other,
                        tier: RelatedTier::Curated,
                    });
                }
            }
        }
        for a in &role.aliases {
            let t = a.get_ref().trim();
            if t.is_empty() {
                issues.push(at(a.span(), "aliases", "must not be empty".into()));
            } else if t.eq_ignore_ascii_case(&career.title)
                || career
                    .aliases
                    .iter()
                    .any(|x| x.text.eq_ignore_ascii_case(t))
            {
                issues.push(at(a.span(), "aliases", format!("`{t}` is listed twice")));
            } else {
                career.aliases.push(Alias {
                    text: t.to_string(),
                    kind: AliasKind::Curated,
                    usage: Usage::Featured,
                });
            }
        }
        careers[idx] = career;
    }

    let mut table = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for a in &file.alias {
        let t = a.text.get_ref().trim();
        if t.is_empty() {
            issues.push(at(a.text.span(), "text", "must not be empty".into()));
            continue;
        }
        if !seen.insert(t.to_lowercase()) {
            issues.push(at(a.text.span(), "text", format!("`{t}` is listed twice")));
            continue;
        }
        if a.careers.is_empty() {
            issues.push(at(
                a.text.span(),
                "careers",
                "an alias needs at least one career".into(),
            ));
            continue;
        }
        let targets: Vec<CareerIdx> = a
            .careers
            .iter()
            .filter_map(|c| lookup(c, "careers", issues))
            .collect();
        if targets.len() == a.careers.len() {
            table.push(TableAlias {
                text: t.to_string(),
                careers: targets,
            });
        }
    }
    Ok(table)
}

type Spanned = toml::Spanned<String>;

#[cfg(test)]
mod tests {
    use super::*;

    fn areas() -> FxHashMap<u32, AreaIdx> {
        [(0, 0), (10180, 7)].into_iter().collect()
    }

    fn quick(line: &str) -> Option<(String, PayRow)> {
        quick_pay_row(line.as_bytes(), &areas()).map(|(c, r)| (c.to_string(), r))
    }

    #[test]
    fn the_quick_pay_path_reads_rows_as_written() {
        let (code, row) =
            quick("11-1011\t0010180\t40\t99.14\t42.50\t58\t\t113.51\t>=115.00\t206200\t88400\t121980\t165770\t236100\t>=239200")
                .unwrap();
        assert_eq!(code, "11-1011");
        assert_eq!(row.area, 7);
        assert_eq!(row.employment, Some(40));
        assert_eq!(row.hourly[0], Pay::amount(9914));
        assert_eq!(row.hourly[2], Pay::amount(5800));
        assert_eq!(row.hourly[3], Pay::NOT_RELEASED);
        assert_eq!(row.hourly[5], Pay::at_least(11500));
        assert_eq!(row.annual[5], Pay::at_least(239200));
        // Empty employment and empty last cells.
        let (_, row) = quick("11-1011\t0000000\t\t\t\t\t\t\t\t1\t2\t3\t4\t5\t").unwrap();
        assert_eq!(row.employment, None);
        assert_eq!(row.hourly, [Pay::NOT_RELEASED; 6]);
        assert_eq!(row.annual[5], Pay::NOT_RELEASED);
    }

    #[test]
    fn the_quick_pay_path_leaves_anything_else_to_the_careful_one() {
        let good = "11-1011\t0000000\t40\t1.00\t1.00\t1.00\t1.00\t1.00\t1.00\t1\t1\t1\t1\t1\t1";
        assert!(quick(good).is_some());
        let fields: Vec<&str> = good.split('\t').collect();
        let with = |i: usize, v: &str| {
            let mut f = fields.clone();
            f[i] = v;
            f.join("\t")
        };
        for bad in [
            with(0, "11-101x"),
            with(1, "0000001"), // no such area
            with(1, "000000"),
            with(2, "+40"),
            with(2, "123456789"), // more digits than the quick path reads
            with(3, "1.0"),
            with(3, "1.000"),
            with(3, "1,00"),
            with(3, "0"),       // out of range
            with(3, "2000.01"), // out of range
            with(9, "5000001"),
            with(9, ">239200"),
            with(9, "1.5"),
            with(4, "2.00"), // p10 above p25
            format!("{good}\t"),
            format!("{good}\t1"),
            fields[..14].join("\t"),
        ] {
            assert_eq!(quick(&bad), None, "{bad}");
        }
    }
}
