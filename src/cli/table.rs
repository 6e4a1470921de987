//! A plain-text table: a label column and one column per item, cells word-wrapped.

/// Widest a value column gets before its text wraps.
const MAX_COL: usize = 30;
/// … and when there is only one.
const MAX_SINGLE: usize = 72;
/// A header (a career or a place: "New York-Newark-Jersey City, NY-NJ") widens its column
/// up to this, so that it reads on one line (every metro area's name does); a longer one
/// wraps between words. Columns of place names may be as wide.
pub const MAX_HEADER: usize = 48;

pub fn render(header: &[String], rows: &[(String, Vec<String>)]) -> String {
    let max = if header.len() == 1 {
        MAX_SINGLE
    } else {
        MAX_COL
    };
    render_capped(header, rows, &vec![max; header.len()])
}

/// [`render`] with each column's widest before its cells wrap (a column of place names
/// can be [`MAX_HEADER`] wide, so that no name is broken).
pub fn render_capped(header: &[String], rows: &[(String, Vec<String>)], caps: &[usize]) -> String {
    let label_w = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let ncols = header.len();
    let col_w: Vec<usize> = (0..ncols)
        .map(|c| {
            let cells = std::iter::once(&header[c]).chain(rows.iter().map(|(_, r)| &r[c]));
            let widest = cells
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
                .min(caps.get(c).copied().unwrap_or(MAX_COL));
            let head = header[c].chars().count();
            let head_word = header[c]
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            widest.max(if head <= MAX_HEADER {
                head
            } else {
                head_word.min(MAX_HEADER)
            })
        })
        .collect();
    let mut out = String::new();
    let mut line = |label: &str, cells: &[String]| {
        let wrapped: Vec<Vec<String>> =
            cells.iter().zip(&col_w).map(|(c, &w)| wrap(c, w)).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for i in 0..height {
            let l = if i == 0 { label } else { "" };
            out.push_str(&pad(l, label_w));
            for (cell, &w) in wrapped.iter().zip(&col_w) {
                out.push_str("  ");
                out.push_str(&pad(cell.get(i).map(String::as_str).unwrap_or(""), w));
            }
            out.truncate(out.trim_end().len());
            out.push('\n');
        }
    };
    line("", header);
    for (label, cells) in rows {
        line(label, cells);
    }
    out
}

fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

/// Greedy word wrap. A word longer than the width is broken after a hyphen
/// ("Nashville-Davidson--" / "Murfreesboro--Franklin,"), and cut only where it has none.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = vec![String::new()];
    let words = s.split_whitespace().flat_map(|w| at_hyphens(w, width));
    for word in words {
        let cur = lines.last_mut().expect("never empty");
        let need = cur.chars().count() + usize::from(!cur.is_empty()) + word.chars().count();
        if need <= width || cur.is_empty() {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        } else {
            lines.push(word.to_string());
        }
    }
    lines
        .into_iter()
        .flat_map(|l| {
            let chars: Vec<char> = l.chars().collect();
            if chars.len() <= width {
                vec![l]
            } else {
                chars.chunks(width).map(|c| c.iter().collect()).collect()
            }
        })
        .collect()
}

/// A word as pieces of at most `width` characters, each ending at a hyphen where it can.
fn at_hyphens(word: &str, width: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = word;
    while rest.chars().count() > width {
        // The last hyphen within the width (byte index just after it).
        let cut = rest
            .char_indices()
            .take(width)
            .filter(|&(_, c)| c == '-')
            .map(|(i, _)| i + 1)
            .last()
            .filter(|&i| i < rest.len());
        match cut {
            Some(i) => {
                out.push(&rest[..i]);
                rest = &rest[i..];
            }
            None => break,
        }
    }
    out.push(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_long_cells_and_aligns_columns() {
        let t = render(
            &["A".into(), "B".into()],
            &[(
                "Pay".into(),
                vec![
                    "$1".into(),
                    "a very long cell that must wrap onto more lines".into(),
                ],
            )],
        );
        assert!(
            t.lines()
                .all(|l| l.chars().count() <= 3 + 2 + 2 + 2 + MAX_COL)
        );
        assert!(t.contains("a very long cell that must"));
    }

    #[test]
    fn place_names_in_headers_are_not_broken_inside_a_name() {
        let t = render(
            &[
                "New York-Newark-Jersey City, NY-NJ".into(),
                "United States".into(),
            ],
            &[("Median".into(), vec!["$1".into(), "$2".into()])],
        );
        assert!(
            t.lines()
                .next()
                .unwrap()
                .contains("New York-Newark-Jersey City, NY-NJ"),
            "{t}"
        );
        // Longer than a header may be: wrapped between words, never inside one.
        let long = "Nashville-Davidson--Murfreesboro--Franklin, TN metropolitan statistical area";
        let t = render(&[long.into()], &[("Median".into(), vec!["$1".into()])]);
        assert!(
            t.contains("Nashville-Davidson--Murfreesboro--Franklin,"),
            "{t}"
        );
    }

    #[test]
    fn a_long_hyphenated_cell_breaks_after_a_hyphen() {
        assert_eq!(
            wrap("Nashville-Davidson--Murfreesboro--Franklin, TN", 30),
            ["Nashville-Davidson--", "Murfreesboro--Franklin, TN"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }
}
