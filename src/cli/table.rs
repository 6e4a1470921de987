//! A plain-text table: a label column and one column per item, cells word-wrapped.

/// Widest a value column gets before its text wraps.
const MAX_COL: usize = 30;
/// … and when there is only one.
const MAX_SINGLE: usize = 72;

pub fn render(header: &[String], rows: &[(String, Vec<String>)]) -> String {
    let label_w = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let ncols = header.len();
    let col_w: Vec<usize> = (0..ncols)
        .map(|c| {
            let cells = std::iter::once(&header[c]).chain(rows.iter().map(|(_, r)| &r[c]));
            cells
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
                .min(if ncols == 1 { MAX_SINGLE } else { MAX_COL })
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

/// Greedy word wrap; a word longer than the width is cut.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = vec![String::new()];
    for word in s.split_whitespace() {
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
}
