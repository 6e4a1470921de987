//! The pay-range chart's geometry: which rows go on which axis, where every mark sits, and
//! the scene that draws them. One row per career and place: a whisker from the 10th to the
//! 90th percentile, a box from the 25th to the 75th, a median mark with its figure above it.
//!
//! Honesty rules, kept here and tested below:
//! - a missing percentile is left out: the whisker and box span only what was published;
//! - a capped figure ("≥ $239,200") runs open-ended to the axis edge, ends in an arrow and is
//!   labelled as at least its cap; its mark sits at the cap, the only value known;
//! - annual and hourly rows never share an axis: hourly rows get their own panel.

use super::font::Fonts;
use super::palette::{self, CARD, INK, MUTED};
use super::rows::{RangeChart, RangeRow, Unit};
use super::scale::{self, Scale};
use super::scene::{Anchor, Rgba, Scene, Shape, Text, Weight};
use crate::data::{Pay, PayValue};
use crate::format;

/// Logical width; the PNG is `SCALE` times this.
pub const WIDTH: f32 = 640.0;
/// More rows than this are not drawn (a compare has at most 8); the small print says so.
pub const MAX_ROWS: usize = 16;

const PAD: f32 = 20.0;
const ROW_H: f32 = 44.0;
/// A row's centre line, from its top: room above for the median's figure.
const ROW_CY: f32 = 26.0;
const BOX_HALF: f32 = 7.0;
const MARK_HALF: f32 = 10.0;
const ARROW: f32 = 9.0;
const LABEL_MAX: f32 = 170.0;
const AREA_MAX: f32 = 110.0;

const TITLE: Text = Text {
    size: 16.0,
    weight: Weight::Bold,
    color: INK,
};
const SUBTITLE: Text = Text {
    size: 12.0,
    weight: Weight::Regular,
    color: MUTED,
};
const HEADER: Text = Text {
    size: 12.0,
    weight: Weight::Bold,
    color: INK,
};
const LABEL: Text = Text {
    size: 13.0,
    weight: Weight::Bold,
    color: INK,
};
const FIGURE: Text = Text {
    size: 11.0,
    weight: Weight::Regular,
    color: INK,
};
const CAP: Text = Text {
    size: 11.0,
    weight: Weight::Bold,
    color: INK,
};
const TICK: Text = Text {
    size: 11.0,
    weight: Weight::Regular,
    color: MUTED,
};
const SMALL: Text = Text {
    size: 10.5,
    weight: Weight::Regular,
    color: MUTED,
};

/// A stretch of the axis; `open` when its top is a capped figure and it runs to the edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub x0: f32,
    pub x1: f32,
    pub open: bool,
}

/// Where one row's marks sit on a scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Marks {
    /// Each percentile's position (a capped one at its cap); `None` where not published.
    pub at: [Option<f32>; 5],
    /// From the lowest published percentile to the highest (or the edge, if capped).
    pub whisker: Option<Span>,
    /// The 25th–75th box; only the part between published percentiles.
    pub band: Option<Span>,
    pub median: Option<f32>,
    /// The cap a capped figure in this row is at least (the highest, if several).
    pub cap: Option<u32>,
}

impl Marks {
    pub fn open(&self) -> bool {
        self.cap.is_some()
    }
}

/// The marks of `row` on `scale`; an open-ended span ends at `scale.x1`.
pub fn marks(row: &RangeRow, scale: &Scale) -> Marks {
    let value = |p: Pay| match p.value() {
        PayValue::NotReleased => None,
        PayValue::Amount(v) | PayValue::AtLeast(v) => Some(row.unit.dollars(v)),
    };
    let at = row.stats.map(|p| value(p).map(|v| scale.x(v)));
    let cap = row.stats.iter().filter_map(|p| match p.value() {
        PayValue::AtLeast(v) => Some(v),
        _ => None,
    });
    let cap = cap.max();
    let present: Vec<f32> = at.iter().flatten().copied().collect();
    let edge = scale.x1;
    let whisker = if present.len() >= 2 || (cap.is_some() && !present.is_empty()) {
        let x0 = present.iter().copied().fold(f32::INFINITY, f32::min);
        let top = present.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        Some(Span {
            x0,
            x1: if cap.is_some() { edge } else { top },
            open: cap.is_some(),
        })
    } else {
        None
    };
    // The box spans the published part of 25th–median–75th; a capped end runs to the edge.
    let end = |i: usize| {
        at[i].map(|x| {
            if row.stats[i].is_capped() {
                (edge, true)
            } else {
                (x, false)
            }
        })
    };
    let band = match (at[1], end(3), at[2], end(2)) {
        (Some(lo), Some((hi, open)), _, _) => Some((lo, hi, open)),
        (Some(lo), None, Some(_), Some((hi, open))) => Some((lo, hi, open)),
        (None, Some((hi, open)), Some(lo), _) => Some((lo, hi, open)),
        _ => None,
    }
    .map(|(x0, x1, open)| Span {
        x0: x0.min(x1),
        x1: x0.max(x1),
        open,
    });
    Marks {
        at,
        whisker,
        band,
        median: at[2],
        cap,
    }
}

/// Which axis each row goes on. A row with no figures joins its career's other rows, else
/// the first axis, so it is listed without making an axis of its own.
pub fn panels(rows: &[RangeRow]) -> Vec<(Unit, Vec<usize>)> {
    let has = |r: &RangeRow| r.stats.iter().any(|p| p.lower_bound().is_some());
    let first = rows
        .iter()
        .filter(|r| has(r))
        .map(|r| r.unit)
        .min()
        .unwrap_or(Unit::Annual);
    let unit_of = |r: &RangeRow| {
        if has(r) {
            return r.unit;
        }
        rows.iter()
            .find(|o| o.career == r.career && has(o))
            .map_or(first, |o| o.unit)
    };
    let mut out: Vec<(Unit, Vec<usize>)> = Vec::new();
    for unit in [Unit::Annual, Unit::Hourly] {
        let idx: Vec<usize> = (0..rows.len())
            .filter(|&i| unit_of(&rows[i]) == unit)
            .collect();
        if !idx.is_empty() {
            out.push((unit, idx));
        }
    }
    out
}

/// One axis and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub unit: Unit,
    pub scale: Scale,
    pub ticks: Vec<f64>,
    pub rows: Vec<RowGeom>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowGeom {
    /// Index into `RangeChart::rows`.
    pub row: usize,
    /// The centre line of its whisker, box and median mark.
    pub y: f32,
    pub marks: Marks,
    pub color: Rgba,
}

/// The chart, laid out: the geometry tests check and the scene the rasteriser paints.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeLayout {
    pub panels: Vec<Panel>,
    pub scene: Scene,
}

/// The axis for some rows: around their figures, with room past the largest if any is
/// capped.
pub fn axis_for(rows: &[&RangeRow], unit: Unit) -> scale::Axis {
    let values = || {
        rows.iter()
            .flat_map(|r| r.stats.iter().filter_map(|p| p.lower_bound()))
            .map(|v| unit.dollars(v))
    };
    let max = values().fold(0.0, f64::max);
    let min = values().fold(f64::INFINITY, f64::min);
    let open = rows.iter().any(|r| r.any_capped());
    scale::axis(min, max, open, unit)
}

/// "≥ $239,200" for a capped figure, "$175,140" or "$29.05" otherwise.
pub fn figure_text(p: Pay, unit: Unit) -> String {
    let money = |v: u32| match unit {
        Unit::Annual => format::annual(Pay::amount(v)),
        Unit::Hourly => format::hourly(Pay::amount(v)),
    };
    match p.value() {
        PayValue::NotReleased => "—".to_string(),
        PayValue::Amount(v) => money(v),
        PayValue::AtLeast(v) => format!("≥ {}", money(v)),
    }
}

pub fn layout(chart: &RangeChart) -> RangeLayout {
    let fonts = Fonts::load();
    let rows = &chart.rows[..chart.rows.len().min(MAX_ROWS)];
    let mut s = Scene::new(WIDTH, 0.0);
    let inner = WIDTH - 2.0 * PAD;
    let mut y = PAD;

    for line in fonts.wrap(&chart.title, TITLE.size, TITLE.weight, inner, 2) {
        s.text(PAD, y + 15.0, TITLE, Anchor::Start, line);
        y += 21.0;
    }
    let key = format!(
        "{} · whisker: 10th–90th percentile · box: 25th–75th · line: median",
        chart.place
    );
    for line in fonts.wrap(&key, SUBTITLE.size, SUBTITLE.weight, inner, 2) {
        s.text(PAD, y + 13.0, SUBTITLE, Anchor::Start, line);
        y += 17.0;
    }
    y += 8.0;

    let label_w = rows
        .iter()
        .map(|r| fonts.width(&r.career, LABEL.size, LABEL.weight))
        .fold(60.0, f32::max)
        .min(LABEL_MAX);
    let has_local = rows.iter().any(|r| r.local);
    let area_w = if has_local {
        rows.iter()
            .map(|r| fonts.width(&r.area, 12.0, Weight::Bold))
            .fold(30.0, f32::max)
            .min(AREA_MAX)
    } else {
        0.0
    };
    let area_x = PAD + label_w + 14.0;
    let plot_x0 = if has_local {
        area_x + area_w + 12.0
    } else {
        area_x
    };

    let groups = panels(rows);
    let several = groups.len() > 1;
    let mut out_panels = Vec::new();
    if rows.is_empty() {
        s.text(
            PAD,
            y + 16.0,
            Text {
                size: 13.0,
                ..SUBTITLE
            },
            Anchor::Start,
            "No published pay to draw.",
        );
        y += 30.0;
    }
    for (unit, idx) in groups {
        let members: Vec<&RangeRow> = idx.iter().map(|&i| &rows[i]).collect();
        let scale::Axis { lo, hi, ticks } = axis_for(&members, unit);
        let cap_w = members
            .iter()
            .filter_map(|r| marks_cap(r))
            .map(|p| fonts.width(&figure_text(p, unit), CAP.size, CAP.weight))
            .fold(0.0, f32::max);
        let plot_x1 = WIDTH - PAD - 14.0 - if cap_w > 0.0 { cap_w + 16.0 } else { 0.0 };
        let scale = Scale {
            lo,
            hi,
            x0: plot_x0,
            x1: plot_x1.max(plot_x0 + 40.0),
        };
        let header = match unit {
            Unit::Annual => "Annual pay, per year",
            Unit::Hourly => "Hourly wages, per hour: as published, not converted to a year",
        };
        if several || unit == Unit::Hourly {
            s.text(PAD, y + 12.0, HEADER, Anchor::Start, header);
            y += 18.0;
        }
        let top = y;
        let bottom = top + members.len() as f32 * ROW_H;
        for &t in &ticks {
            let x = scale.x(t);
            s.line((x, top + 4.0), (x, bottom), 1.0, palette::GRID);
            s.text(
                x,
                bottom + 14.0,
                TICK,
                Anchor::Middle,
                scale::tick_label(t, unit),
            );
        }
        let mut geoms = Vec::new();
        for (k, (&ri, row)) in idx.iter().zip(&members).enumerate() {
            let row_top = top + k as f32 * ROW_H;
            let cy = row_top + ROW_CY;
            let new_group = k == 0 || members[k - 1].career != row.career;
            if new_group {
                if k > 0 {
                    s.line((PAD, row_top), (WIDTH - PAD, row_top), 1.0, palette::GRID);
                }
                let n = members[k..]
                    .iter()
                    .take_while(|r| r.career == row.career)
                    .count();
                let centre = cy + (n as f32 - 1.0) * ROW_H / 2.0;
                let lines = fonts.wrap(&row.career, LABEL.size, LABEL.weight, label_w, 2);
                let first = centre + 4.5 - (lines.len() as f32 - 1.0) * 8.0;
                for (j, line) in lines.into_iter().enumerate() {
                    s.text(PAD, first + j as f32 * 16.0, LABEL, Anchor::Start, line);
                }
            }
            let color = if row.local {
                palette::LOCAL
            } else {
                palette::NATIONAL
            };
            if has_local {
                let area = if row.local {
                    fonts.fit(&row.area, 12.0, Weight::Bold, area_w)
                } else {
                    "United States".to_string()
                };
                let style = Text {
                    size: 12.0,
                    weight: Weight::Bold,
                    color,
                };
                s.text(area_x, cy + 4.0, style, Anchor::Start, area);
            }
            let m = marks(row, &scale);
            draw_row(&mut s, &fonts, row, &m, &scale, cy, color);
            geoms.push(RowGeom {
                row: ri,
                y: cy,
                marks: m,
                color,
            });
        }
        y = bottom + 24.0;
        out_panels.push(Panel {
            unit,
            scale,
            ticks,
            rows: geoms,
        });
    }

    y += 2.0;
    let mut notes = vec![chart.source.clone()];
    if rows.iter().any(RangeRow::any_capped) {
        notes.push(
            "≥ marks a figure at BLS's publication cap: the real value is at least that, so its bar is drawn open-ended."
                .into(),
        );
    }
    if rows.iter().any(|r| r.edited.iter().any(|e| *e)) {
        notes.push(
            "○ marks a figure edited by a moderator; the published figure is given in the text answer."
                .into(),
        );
    }
    if chart.rows.len() > rows.len() {
        notes.push(format!(
            "{} more rows are not drawn.",
            chart.rows.len() - rows.len()
        ));
    }
    for note in notes {
        for line in fonts.wrap(&note, SMALL.size, SMALL.weight, inner, 3) {
            s.text(PAD, y + 11.0, SMALL, Anchor::Start, line);
            y += 14.0;
        }
    }
    let height = (y + PAD - 4.0).ceil();
    card(&mut s, height);
    RangeLayout {
        panels: out_panels,
        scene: s,
    }
}

/// The highest capped figure of a row, for sizing the label beside its arrow.
fn marks_cap(r: &RangeRow) -> Option<Pay> {
    r.stats
        .iter()
        .filter(|p| p.is_capped())
        .max_by_key(|p| p.lower_bound())
        .copied()
}

fn draw_row(
    s: &mut Scene,
    fonts: &Fonts,
    row: &RangeRow,
    m: &Marks,
    scale: &Scale,
    cy: f32,
    color: Rgba,
) {
    if m.at.iter().all(Option::is_none) {
        let style = Text {
            size: 12.0,
            ..SUBTITLE
        };
        s.text(scale.x0, cy + 4.0, style, Anchor::Start, "No published pay");
        return;
    }
    if let Some(w) = m.whisker {
        s.line((w.x0, cy), (w.x1, cy), 2.0, color);
    }
    if let Some(b) = m.band {
        // What is known is solid; past a capped figure, where the value could be anywhere
        // up to the edge, the box is pale.
        let known = if b.open {
            m.at[3].or(m.at[2]).unwrap_or(b.x0).clamp(b.x0, b.x1)
        } else {
            b.x1
        };
        if known > b.x0 {
            s.rect(b.x0, cy - BOX_HALF, known - b.x0, 2.0 * BOX_HALF, color);
        }
        if b.open {
            let pale = Rgba(color.0, color.1, color.2, 90);
            s.rect(known, cy - BOX_HALF, b.x1 - known, 2.0 * BOX_HALF, pale);
        } else if known <= b.x0 {
            s.rect(b.x0, cy - BOX_HALF, 1.0, 2.0 * BOX_HALF, color);
        }
    }
    if let Some(cap) = marks_cap(row) {
        let e = scale.x1;
        s.push(Shape::Polygon {
            points: vec![(e, cy - BOX_HALF), (e + ARROW, cy), (e, cy + BOX_HALF)],
            fill: color,
        });
        s.text(
            e + ARROW + 6.0,
            cy + 4.0,
            CAP,
            Anchor::Start,
            figure_text(cap, row.unit),
        );
    }
    if let Some(x) = m.median {
        // A light halo keeps the dark mark visible on either row colour.
        s.rect(
            x - 2.5,
            cy - MARK_HALF - 1.0,
            5.0,
            2.0 * MARK_HALF + 2.0,
            CARD,
        );
        s.rect(x - 1.5, cy - MARK_HALF, 3.0, 2.0 * MARK_HALF, INK);
        let mut label = figure_text(row.stats[2], row.unit);
        if row.edited[2] {
            label.push_str(" (edited)");
        }
        let half = fonts.width(&label, FIGURE.size, FIGURE.weight) / 2.0;
        let lx = x.clamp(scale.x0 + half - 6.0, (WIDTH - PAD - half).max(scale.x0));
        s.text(lx, cy - 14.0, FIGURE, Anchor::Middle, label);
    }
    for (i, x) in m.at.iter().enumerate() {
        if let (Some(x), true) = (x, row.edited[i]) {
            s.push(Shape::Circle {
                cx: *x,
                cy: cy + BOX_HALF + 6.0,
                r: 3.5,
                fill: CARD,
                stroke: INK,
                width: 1.5,
            });
        }
    }
}

/// The white card behind everything, under the shapes already in the scene.
pub(super) fn card(s: &mut Scene, height: f32) {
    s.height = height;
    let w = s.width;
    s.shapes.splice(
        0..0,
        [
            Shape::Card {
                radius: 12.0,
                fill: CARD,
            },
            Shape::Frame {
                x: 0.5,
                y: 0.5,
                w: w - 1.0,
                h: height - 1.0,
                radius: 12.0,
                stroke: palette::BORDER,
                width: 1.0,
            },
        ],
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::scene::Shape;

    const N: Pay = Pay::NOT_RELEASED;

    fn a(v: u32) -> Pay {
        Pay::amount(v)
    }

    fn row(career: &str, local: bool, unit: Unit, stats: [Pay; 5]) -> RangeRow {
        RangeRow {
            career: career.into(),
            area: if local { "Texas" } else { "United States" }.into(),
            local,
            unit,
            stats,
            edited: [false; 5],
        }
    }

    fn chart(rows: Vec<RangeRow>) -> RangeChart {
        RangeChart {
            title: "Pay".into(),
            place: "United States".into(),
            rows,
            source: "Source: test".into(),
        }
    }

    const S: Scale = Scale {
        lo: 0.0,
        hi: 200_000.0,
        x0: 100.0,
        x1: 500.0,
    };

    #[test]
    fn every_percentile_sits_where_the_axis_maps_it() {
        let r = row(
            "A",
            false,
            Unit::Annual,
            [20_000, 50_000, 100_000, 150_000, 180_000].map(a),
        );
        let m = marks(&r, &S);
        assert_eq!(m.at, [140.0, 200.0, 300.0, 400.0, 460.0].map(Some));
        assert_eq!(
            m.whisker,
            Some(Span {
                x0: 140.0,
                x1: 460.0,
                open: false
            })
        );
        assert_eq!(
            m.band,
            Some(Span {
                x0: 200.0,
                x1: 400.0,
                open: false
            })
        );
        assert_eq!(m.median, Some(300.0));
        assert!(!m.open());
    }

    #[test]
    fn a_missing_percentile_is_left_out_not_invented() {
        // No 10th or 90th: the whisker spans only the published quartiles.
        let m = marks(
            &row(
                "A",
                false,
                Unit::Annual,
                [N, a(50_000), a(100_000), a(150_000), N],
            ),
            &S,
        );
        assert_eq!(m.at[0], None);
        assert_eq!(m.at[4], None);
        assert_eq!(m.whisker.map(|w| (w.x0, w.x1)), Some((200.0, 400.0)));
        // No 25th: the box runs from the median to the 75th, no further left.
        let m = marks(
            &row(
                "A",
                false,
                Unit::Annual,
                [a(20_000), N, a(100_000), a(150_000), N],
            ),
            &S,
        );
        assert_eq!(m.band.map(|b| (b.x0, b.x1)), Some((300.0, 400.0)));
        // Only a median: a mark, and no whisker or box around it.
        let m = marks(&row("A", false, Unit::Annual, [N, N, a(100_000), N, N]), &S);
        assert_eq!((m.whisker, m.band, m.median), (None, None, Some(300.0)));
        let m = marks(&row("A", false, Unit::Annual, [N; 5]), &S);
        assert_eq!((m.whisker, m.band, m.median), (None, None, None));
    }

    #[test]
    fn a_capped_figure_runs_open_ended_to_the_edge() {
        let cap = Pay::at_least(239_200);
        let scale = Scale { hi: 300_000.0, ..S };
        // Capped 90th: the whisker reaches the edge; the box stays where it was published.
        let m = marks(
            &row(
                "A",
                false,
                Unit::Annual,
                [a(40_000), a(65_780), a(79_040), a(149_490), cap],
            ),
            &scale,
        );
        assert_eq!(m.whisker.map(|w| (w.x1, w.open)), Some((500.0, true)));
        assert_eq!(m.band.map(|b| b.open), Some(false));
        assert_eq!(m.cap, Some(239_200));
        // The cap sits at its floor (the only value known) while the row runs past it.
        assert!(m.at[4].unwrap() < 500.0);
        // Capped from the 25th up: the box is open too and the median mark sits at the cap.
        let m = marks(
            &row("A", false, Unit::Annual, [a(90_000), cap, cap, cap, cap]),
            &scale,
        );
        assert_eq!(m.band.map(|b| (b.x1, b.open)), Some((500.0, true)));
        assert_eq!(m.median, Some(scale.x(239_200.0)));
    }

    #[test]
    fn hourly_rows_get_their_own_axis_and_nothing_is_converted() {
        let c = chart(vec![
            row(
                "Musicians",
                false,
                Unit::Hourly,
                [2035, 2757, 4780, 7533, 13256].map(a),
            ),
            row(
                "Nurses",
                false,
                Unit::Annual,
                [66_030, 80_170, 97_550, 113_630, 138_060].map(a),
            ),
            row("Nobody", false, Unit::Annual, [N; 5]),
        ]);
        let l = layout(&c);
        assert_eq!(l.panels.len(), 2);
        let (annual, hourly) = (&l.panels[0], &l.panels[1]);
        assert_eq!((annual.unit, hourly.unit), (Unit::Annual, Unit::Hourly));
        assert_eq!(
            annual.rows.iter().map(|r| r.row).collect::<Vec<_>>(),
            vec![1, 2]
        );
        assert_eq!(hourly.rows[0].row, 0);
        // Dollars an hour on the hourly axis: $47.80 is not drawn as 4,780 or as a salary.
        assert!(hourly.scale.hi <= 200.0, "{:?}", hourly.scale);
        assert_eq!(hourly.rows[0].marks.median, Some(hourly.scale.x(47.80)));
        assert!(annual.scale.hi >= 138_060.0);
        let texts: Vec<&str> = l.scene.texts().collect();
        assert!(texts.contains(&"$47.80/hr"), "{texts:?}");
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("Hourly wages, per hour"))
        );
        assert!(texts.contains(&"No published pay"));
        // Hourly panel sits below the annual one.
        assert!(hourly.rows[0].y > annual.rows[1].y);
    }

    #[test]
    fn capped_and_edited_figures_are_labelled_as_such() {
        let cap = Pay::at_least(239_200);
        let mut local = row(
            "Surgeons",
            true,
            Unit::Annual,
            [a(79_080), a(242_590), cap, a(309_530), cap],
        );
        local.edited = [false, true, false, false, false];
        let mut national = row(
            "Surgeons",
            false,
            Unit::Annual,
            [84_170, 180_610, 358_550, 530_700, 659_290].map(a),
        );
        national.edited[2] = true;
        let l = layout(&chart(vec![local, national]));
        let texts: Vec<&str> = l.scene.texts().collect();
        assert!(
            texts.iter().filter(|t| **t == "≥ $239,200").count() >= 2,
            "median label and the open end: {texts:?}"
        );
        assert!(texts.contains(&"$358,550 (edited)"), "{texts:?}");
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("≥ marks a figure at BLS's"))
        );
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("○ marks a figure edited"))
        );
        let rings = l
            .scene
            .shapes
            .iter()
            .filter(|s| matches!(s, Shape::Circle { .. }))
            .count();
        assert_eq!(rings, 2);
        let p = &l.panels[0];
        assert_eq!(p.rows[0].color, palette::LOCAL);
        assert_eq!(p.rows[1].color, palette::NATIONAL);
        // An arrow at the edge of the capped row only.
        let arrows: Vec<f32> = l
            .scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Polygon { points, .. } => Some(points[1].1),
                _ => None,
            })
            .collect();
        assert_eq!(arrows, vec![p.rows[0].y]);
        // The edge is past every published figure.
        assert!(p.scale.hi > 530_700.0 * 1.05);
    }

    #[test]
    fn nothing_panics_on_empty_absurd_or_too_many_rows() {
        let empty = layout(&chart(vec![]));
        assert!(empty.panels.is_empty());
        assert!(
            empty
                .scene
                .texts()
                .any(|t| t == "No published pay to draw.")
        );
        assert!(empty.scene.height > 60.0);
        let huge = layout(&chart(vec![row(
            &"Very long career name ".repeat(40),
            true,
            Unit::Annual,
            [0, 0, 2_000_000_000, 1, 2_000_000_000].map(a),
        )]));
        assert_eq!(huge.panels.len(), 1);
        for s in &huge.scene.shapes {
            if let Shape::Text { x, .. } = s {
                assert!(x.is_finite() && *x >= 0.0 && *x <= WIDTH);
            }
        }
        let many = layout(&chart(
            (0..100)
                .map(|i| row(&format!("C{i}"), false, Unit::Annual, [a(i * 1000); 5]))
                .collect(),
        ));
        let drawn: usize = many.panels.iter().map(|p| p.rows.len()).sum();
        assert_eq!(drawn, MAX_ROWS);
        assert!(
            many.scene
                .texts()
                .any(|t| t == "84 more rows are not drawn.")
        );
    }
}
