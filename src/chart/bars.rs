//! The pay-range chart in character cells, for a terminal: the same rows, axes and marks as
//! the picture, on a width of N cells. A front end only picks a character for each cell.

use super::range::{axis_for, marks, panels};
use super::rows::{RangeChart, Unit};
use super::scale::{Scale, tick_label};

/// What one cell shows, from least to most important (a cell shows the most important
/// thing that falls in it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cell {
    Blank,
    /// 10th–90th percentile.
    Whisker,
    /// 25th–75th percentile.
    Box,
    Median,
    /// The open end of a capped figure: at least this, and beyond.
    Open,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Index into `RangeChart::rows`.
    pub row: usize,
    pub cells: Vec<Cell>,
}

/// Rows that share an axis, and the axis's ends as labels ("$0", "$250k").
#[derive(Debug, Clone, PartialEq)]
pub struct BarPanel {
    pub unit: Unit,
    pub from: String,
    pub to: String,
    pub bars: Vec<Bar>,
}

/// Every row as `width` cells; rows of one unit share one scale. The last cell is kept for
/// the open-ended mark, so a capped row visibly runs past every figure.
pub fn bars(chart: &RangeChart, width: usize) -> Vec<BarPanel> {
    let width = width.clamp(4, 400);
    panels(&chart.rows)
        .into_iter()
        .map(|(unit, idx)| {
            let members: Vec<_> = idx.iter().map(|&i| &chart.rows[i]).collect();
            let axis = axis_for(&members, unit);
            // Cell i covers [i, i + 1) of the scale; the axis's top falls in the last cell,
            // which only an open end may take, so figures stop one cell short of it.
            let scale = Scale {
                lo: axis.lo,
                hi: axis.hi,
                x0: 0.0,
                x1: (width - 1) as f32,
            };
            let bars = idx
                .iter()
                .map(|&i| {
                    let m = marks(&chart.rows[i], &scale);
                    let mut cells = vec![Cell::Blank; width];
                    let mut paint = |x0: f32, x1: f32, c: Cell| {
                        let (a, b) = (cell(x0, width), cell(x1, width));
                        for slot in &mut cells[a.min(b)..=a.max(b)] {
                            *slot = (*slot).max(c);
                        }
                    };
                    if let Some(w) = m.whisker {
                        paint(w.x0, w.x1, Cell::Whisker);
                    }
                    if let Some(b) = m.band {
                        paint(b.x0, b.x1, Cell::Box);
                    }
                    if let Some(x) = m.median {
                        paint(x, x, Cell::Median);
                    }
                    if m.open() {
                        cells[width - 1] = Cell::Open;
                    }
                    Bar { row: i, cells }
                })
                .collect();
            BarPanel {
                unit,
                from: tick_label(axis.lo, unit),
                to: tick_label(axis.hi, unit),
                bars,
            }
        })
        .collect()
}

fn cell(x: f32, width: usize) -> usize {
    if x.is_finite() && x > 0.0 {
        (x.floor() as usize).min(width - 2)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::rows::RangeRow;
    use crate::data::Pay;

    fn row(career: &str, unit: Unit, stats: [Pay; 5]) -> RangeRow {
        RangeRow {
            career: career.into(),
            area: "United States".into(),
            local: false,
            unit,
            stats,
            edited: [false; 5],
        }
    }

    fn text(b: &Bar) -> String {
        b.cells
            .iter()
            .map(|c| match c {
                Cell::Blank => ' ',
                Cell::Whisker => '-',
                Cell::Box => '#',
                Cell::Median => '|',
                Cell::Open => '>',
            })
            .collect()
    }

    #[test]
    fn bars_share_a_scale_and_put_each_mark_in_its_cell() {
        let c = RangeChart {
            title: String::new(),
            place: String::new(),
            rows: vec![
                row(
                    "Low",
                    Unit::Annual,
                    [20_000, 40_000, 60_000, 80_000, 100_000].map(Pay::amount),
                ),
                row(
                    "High",
                    Unit::Annual,
                    [60_000, 100_000, 150_000, 180_000, 200_000].map(Pay::amount),
                ),
            ],
            source: String::new(),
        };
        let p = bars(&c, 21);
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].from.as_str(), p[0].to.as_str()), ("$0", "$200k"));
        // 20 cells for $0–$200k: $10k a cell; the last cell is kept for open ends.
        assert_eq!(text(&p[0].bars[0]), "  --##|##--          ");
        assert_eq!(text(&p[0].bars[1]), "      ----#####|###- ");
    }

    #[test]
    fn a_capped_row_ends_open_and_hourly_rows_have_their_own_scale() {
        let cap = Pay::at_least(239_200);
        let c = RangeChart {
            title: String::new(),
            place: String::new(),
            rows: vec![
                row(
                    "Surgeons",
                    Unit::Annual,
                    [79_080, 242_590, 537_830, 809_530]
                        .map(Pay::amount)
                        .into_iter()
                        .chain([cap])
                        .collect::<Vec<_>>()
                        .try_into()
                        .unwrap(),
                ),
                row(
                    "Musicians",
                    Unit::Hourly,
                    [2035, 2757, 4780, 7533, 13256].map(Pay::amount),
                ),
                row("Nobody", Unit::Annual, [Pay::NOT_RELEASED; 5]),
            ],
            source: String::new(),
        };
        let p = bars(&c, 30);
        assert_eq!(p.len(), 2);
        let surgeons = text(&p[0].bars[0]);
        assert!(surgeons.ends_with("->"), "{surgeons}");
        assert_eq!(text(&p[0].bars[1]).trim(), "", "no figures, no bar");
        assert_eq!(p[1].unit, Unit::Hourly);
        assert_eq!(p[1].to, "$150/hr");
        assert!(!text(&p[1].bars[0]).contains('>'));
        // Absurd widths are clamped, not a panic.
        assert_eq!(bars(&c, 0)[0].bars[0].cells.len(), 4);
        assert_eq!(bars(&c, usize::MAX)[0].bars[0].cells.len(), 400);
    }
}
