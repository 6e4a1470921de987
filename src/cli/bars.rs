//! One-line range bars under a pay answer: the core's chart geometry on a width of cells,
//! drawn with box and block characters. This file only picks characters and pads columns.

use super::style::Style;
use rolecall::chart::{self, Cell, RangeChart, Unit};

/// Cells per bar: wide enough to tell quartiles apart, narrow enough for 80 columns.
const WIDTH: usize = 36;

fn glyph(c: Cell) -> char {
    match c {
        Cell::Blank => ' ',
        Cell::Whisker => '─',
        Cell::Box => '█',
        Cell::Median => '┃',
        Cell::Open => '▶',
    }
}

fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

/// The bars for a chart's rows, one axis (annual or hourly) at a time, with its ends.
pub fn section(c: &RangeChart, s: Style) -> String {
    let panels = chart::bars(c, WIDTH);
    if c.rows.is_empty() {
        return String::new();
    }
    let has_local = c.rows.iter().any(|r| r.local);
    let label_w = c
        .rows
        .iter()
        .map(|r| r.career.chars().count())
        .max()
        .unwrap_or(0)
        .min(32);
    let area_w = if has_local {
        c.rows
            .iter()
            .map(|r| r.area.chars().count())
            .max()
            .unwrap_or(0)
            .min(24)
    } else {
        0
    };
    let cut = |t: &str, w: usize| -> String {
        if t.chars().count() <= w {
            t.to_string()
        } else {
            t.chars().take(w.saturating_sub(1)).collect::<String>() + "…"
        }
    };
    let lead = label_w + 2 + if has_local { area_w + 2 } else { 0 };
    let mut out = String::from("\n");
    out.push_str(&s.bold("Pay range"));
    out.push_str(&s.dim("  ─ 10th–90th percentile  █ 25th–75th  ┃ median  ▶ capped: at least"));
    out.push('\n');
    for p in &panels {
        let unit = match p.unit {
            Unit::Annual => "a year",
            Unit::Hourly => "an hour, as published",
        };
        let ends = format!(
            "{}{}{}",
            p.from,
            " ".repeat(WIDTH.saturating_sub(p.from.chars().count() + p.to.chars().count())),
            p.to
        );
        out.push_str(&format!(
            "{}{}  {}\n",
            " ".repeat(lead),
            s.dim(&ends),
            s.dim(unit)
        ));
        let mut last_career: Option<&str> = None;
        for b in &p.bars {
            let row = &c.rows[b.row];
            let name = if last_career == Some(row.career.as_str()) {
                String::new()
            } else {
                cut(&row.career, label_w)
            };
            last_career = Some(&row.career);
            let mut line = pad(&name, label_w + 2);
            if has_local {
                line.push_str(&pad(&cut(&row.area, area_w), area_w + 2));
            }
            let bar: String = b.cells.iter().map(|c| glyph(*c)).collect();
            line.push_str(&bar);
            let median = chart::range::figure_text(row.stats[2], row.unit);
            if row.stats.iter().all(|p| p.lower_bound().is_none()) {
                line.push_str("  no published pay");
            } else if median == "—" {
                line.push_str("  no published median");
            } else {
                line.push_str(&format!("  median {median}"));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}
