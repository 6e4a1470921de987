//! The state map: the 50 states and DC as equal squares in the newsroom tile-grid layout
//! (NPR's 11 × 8 grid), each coloured by its median pay on a viridis scale, lighter for less
//! and darker for more. A state without a published figure is grey and says "—"; a capped
//! median is coloured at its cap and labelled "≥"; the state asked about is outlined.

use super::font::Fonts;
use super::palette::{self, INK, MUTED};
use super::range::{card, figure_text};
use super::rows::{Unit, source_line, stable_hash};
use super::scale::short_annual;
use super::scene::{Anchor, Rgba, Scene, Shape, Text, Weight};
use crate::View;
use crate::answers::{PayBlock, cite, national_pay};
use crate::data::{AreaIdx, AreaKind, CareerIdx, Pay, PayValue};

/// Each state's square: postal code, name, column, row.
pub const GRID: [(&str, &str, u8, u8); 51] = [
    ("AK", "Alaska", 0, 0),
    ("ME", "Maine", 10, 0),
    ("VT", "Vermont", 9, 1),
    ("NH", "New Hampshire", 10, 1),
    ("WA", "Washington", 0, 2),
    ("ID", "Idaho", 1, 2),
    ("MT", "Montana", 2, 2),
    ("ND", "North Dakota", 3, 2),
    ("MN", "Minnesota", 4, 2),
    ("IL", "Illinois", 5, 2),
    ("WI", "Wisconsin", 6, 2),
    ("MI", "Michigan", 7, 2),
    ("NY", "New York", 8, 2),
    ("RI", "Rhode Island", 9, 2),
    ("MA", "Massachusetts", 10, 2),
    ("OR", "Oregon", 0, 3),
    ("NV", "Nevada", 1, 3),
    ("WY", "Wyoming", 2, 3),
    ("SD", "South Dakota", 3, 3),
    ("IA", "Iowa", 4, 3),
    ("IN", "Indiana", 5, 3),
    ("OH", "Ohio", 6, 3),
    ("PA", "Pennsylvania", 7, 3),
    ("NJ", "New Jersey", 8, 3),
    ("CT", "Connecticut", 9, 3),
    ("CA", "California", 0, 4),
    ("UT", "Utah", 1, 4),
    ("CO", "Colorado", 2, 4),
    ("NE", "Nebraska", 3, 4),
    ("MO", "Missouri", 4, 4),
    ("KY", "Kentucky", 5, 4),
    ("WV", "West Virginia", 6, 4),
    ("VA", "Virginia", 7, 4),
    ("MD", "Maryland", 8, 4),
    ("DE", "Delaware", 9, 4),
    ("AZ", "Arizona", 1, 5),
    ("NM", "New Mexico", 2, 5),
    ("KS", "Kansas", 3, 5),
    ("AR", "Arkansas", 4, 5),
    ("TN", "Tennessee", 5, 5),
    ("NC", "North Carolina", 6, 5),
    ("SC", "South Carolina", 7, 5),
    ("DC", "District of Columbia", 8, 5),
    ("OK", "Oklahoma", 3, 6),
    ("LA", "Louisiana", 4, 6),
    ("MS", "Mississippi", 5, 6),
    ("AL", "Alabama", 6, 6),
    ("GA", "Georgia", 7, 6),
    ("HI", "Hawaii", 0, 7),
    ("TX", "Texas", 3, 7),
    ("FL", "Florida", 8, 7),
];

pub const WIDTH: f32 = 640.0;
const PAD: f32 = 20.0;
const GAP: f32 = 4.0;
const COLS: f32 = 11.0;
const ROWS: f32 = 8.0;

/// A state map's whole input; rendering is a pure function of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StateMap {
    pub career: String,
    /// Annual where the career's national figures are annual, else hourly; never mixed.
    pub unit: Unit,
    /// (postal code, median) per state; states not listed have no published figure.
    pub medians: Vec<(String, Pay)>,
    /// The postal code of the state to outline.
    pub highlight: Option<String>,
    pub source: String,
}

impl StateMap {
    /// The career's median in every state, as the view shows it (edits included).
    pub fn for_career(v: &View, idx: CareerIdx, highlight: Option<AreaIdx>) -> StateMap {
        let career = v.career(idx).title.clone();
        let states: Vec<(String, PayBlock)> =
            v.rc.data
                .areas
                .iter()
                .enumerate()
                .filter(|(_, a)| a.kind == AreaKind::State)
                .filter_map(|(i, a)| {
                    let area = AreaIdx::try_from(i).ok()?;
                    PayBlock::new(v, idx, area).map(|b| (a.postal.clone(), b))
                })
                .collect();
        let national = national_pay(v, idx);
        let unit = match national
            .as_ref()
            .map(|n| (n.annual.is_some(), n.hourly.is_some()))
        {
            Some((true, _)) => Unit::Annual,
            Some((false, true)) => Unit::Hourly,
            _ if states.iter().any(|(_, b)| b.annual.is_some()) => Unit::Annual,
            _ if states.iter().any(|(_, b)| b.hourly.is_some()) => Unit::Hourly,
            _ => Unit::Annual,
        };
        let medians = states
            .into_iter()
            .filter_map(|(postal, b)| {
                let w = match unit {
                    Unit::Annual => b.annual,
                    Unit::Hourly => b.hourly,
                }?;
                Some((postal, w.median.pay))
            })
            .collect();
        let highlight = highlight
            .map(|a| v.area(a))
            .filter(|a| a.kind == AreaKind::State)
            .map(|a| a.postal.clone());
        StateMap {
            career,
            unit,
            medians,
            highlight,
            source: source_line(&cite(v, &["bls-oews"])),
        }
    }

    /// The map for a pay answer: the career's state medians, the state asked about (if it
    /// is one) outlined. `None` if the answer's career is no longer in the view.
    pub fn for_salary(v: &View, s: &crate::answers::Salary) -> Option<StateMap> {
        let idx = v.by_id(&s.career.id)?;
        let area = s
            .area
            .as_ref()
            .and_then(|a| v.rc.data.areas.iter().position(|x| x.code == a.code))
            .and_then(|i| AreaIdx::try_from(i).ok());
        Some(StateMap::for_career(v, idx, area))
    }

    /// A stable key for this map's picture (see `RangeChart::cache_key`).
    pub fn cache_key(&self) -> u64 {
        stable_hash(self)
    }

    /// The published median for a grid state, if any (first entry wins; case-insensitive).
    pub fn median(&self, postal: &str) -> Pay {
        self.medians
            .iter()
            .find(|(p, _)| p.eq_ignore_ascii_case(postal))
            .map_or(Pay::NOT_RELEASED, |(_, m)| *m)
    }
}

/// One square.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub postal: &'static str,
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub fill: Rgba,
    pub median: Pay,
    pub highlighted: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapLayout {
    pub tiles: Vec<Tile>,
    /// The lowest and highest median coloured (in dollars), if any state has one.
    pub range: Option<(f64, f64)>,
    pub scene: Scene,
}

/// The colour of a median between the lowest and the highest: light for low, dark for high.
pub fn fill(v: f64, (lo, hi): (f64, f64)) -> Rgba {
    let t = if hi > lo {
        ((v - lo) / (hi - lo)) as f32
    } else {
        0.5
    };
    palette::viridis(1.0 - t)
}

pub fn layout(map: &StateMap) -> MapLayout {
    let fonts = Fonts::load();
    let inner = WIDTH - 2.0 * PAD;
    let mut s = Scene::new(WIDTH, 0.0);
    let mut y = PAD;
    let title = match map.unit {
        Unit::Annual => format!("Median annual pay by state: {}", map.career),
        Unit::Hourly => format!("Median hourly wage by state: {}", map.career),
    };
    let title_style = Text {
        size: 16.0,
        weight: Weight::Bold,
        color: INK,
    };
    for line in fonts.wrap(&title, 16.0, Weight::Bold, inner, 2) {
        s.text(PAD, y + 15.0, title_style, Anchor::Start, line);
        y += 21.0;
    }
    let sub = Text {
        size: 12.0,
        weight: Weight::Regular,
        color: MUTED,
    };
    let what = match map.unit {
        Unit::Annual => "Each square is a state; darker squares pay more.",
        Unit::Hourly => {
            "Each square is a state; darker squares pay more. Hourly, as BLS publishes it."
        }
    };
    s.text(PAD, y + 13.0, sub, Anchor::Start, what);
    y += 26.0;

    let dollars = |p: Pay| p.lower_bound().map(|v| map.unit.dollars(v));
    let values: Vec<f64> = GRID
        .iter()
        .filter_map(|(p, _, _, _)| dollars(map.median(p)))
        .collect();
    let range = (!values.is_empty()).then(|| {
        (
            values.iter().copied().fold(f64::INFINITY, f64::min),
            values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        )
    });
    let size = ((inner - (COLS - 1.0) * GAP) / COLS).floor();
    let grid_w = COLS * size + (COLS - 1.0) * GAP;
    let x0 = PAD + ((inner - grid_w) / 2.0).floor();
    let y0 = y;
    let highlight = map.highlight.as_deref().unwrap_or("");
    let mut tiles = Vec::with_capacity(GRID.len());
    for &(postal, _, col, row) in &GRID {
        let (x, ty) = (
            x0 + col as f32 * (size + GAP),
            y0 + row as f32 * (size + GAP),
        );
        let median = map.median(postal);
        let tile_fill = match (dollars(median), range) {
            (Some(v), Some(r)) => fill(v, r),
            _ => palette::NO_DATA,
        };
        let highlighted = postal.eq_ignore_ascii_case(highlight);
        if highlighted {
            s.push(Shape::Frame {
                x: x - 3.5,
                y: ty - 3.5,
                w: size + 7.0,
                h: size + 7.0,
                radius: 6.0,
                stroke: INK,
                width: 2.5,
            });
        }
        s.push(Shape::Rect {
            x,
            y: ty,
            w: size,
            h: size,
            radius: 4.0,
            fill: tile_fill,
        });
        let ink = palette::text_on(tile_fill);
        if median.is_capped() {
            hatch(&mut s, x, ty, size, ink);
        }
        let (cx, cy) = (x + size / 2.0, ty + size / 2.0);
        let code = Text {
            size: 13.0,
            weight: Weight::Bold,
            color: ink,
        };
        s.text(cx, cy + 1.0, code, Anchor::Middle, postal);
        let value = Text {
            size: 10.0,
            weight: Weight::Bold,
            color: ink,
        };
        s.text(
            cx,
            cy + 15.0,
            value,
            Anchor::Middle,
            tile_value(median, map.unit),
        );
        tiles.push(Tile {
            postal,
            x,
            y: ty,
            size,
            fill: tile_fill,
            median,
            highlighted,
        });
    }
    y = y0 + ROWS * size + (ROWS - 1.0) * GAP + 18.0;
    y = legend(&mut s, &fonts, map, range, y);

    let small = Text {
        size: 10.5,
        weight: Weight::Regular,
        color: MUTED,
    };
    let mut notes = vec![map.source.clone()];
    if GRID.iter().any(|(p, _, _, _)| map.median(p).is_capped()) {
        notes.push("A capped median is coloured at the cap, the only value BLS publishes for it, so its square may understate the pay.".into());
    }
    for note in notes {
        for line in fonts.wrap(&note, small.size, small.weight, inner, 3) {
            s.text(PAD, y + 11.0, small, Anchor::Start, line);
            y += 14.0;
        }
    }
    card(&mut s, (y + PAD - 4.0).ceil());
    MapLayout {
        tiles,
        range,
        scene: s,
    }
}

/// Thin diagonal stripes over a capped square: its colour is only a floor, and the stripes
/// say so without relying on colour. They keep clear of the top-left corner, where the
/// square's own colour can always be read.
fn hatch(s: &mut Scene, x: f32, y: f32, size: f32, ink: Rgba) {
    let mut segments = Vec::new();
    let mut d = -size + 4.0;
    while d < size {
        // The line x − y = d, cut to the square.
        let (a, b) = (d.max(0.0), (-d).max(0.0));
        segments.push([(x + a, y + b), (x + size - b, y + size - a)]);
        d += 8.0;
    }
    s.push(Shape::Lines {
        segments,
        width: 1.5,
        color: Rgba(ink.0, ink.1, ink.2, 70),
    });
}

/// "$98.4k", "≥$239k", "$18.82", "—": what a square says under its postal code (an hourly
/// map says "/hr" in its title and legend; a square has no room for it).
fn tile_value(p: Pay, unit: Unit) -> String {
    let short = |v: u32| match unit {
        Unit::Annual => short_annual(v as f64),
        Unit::Hourly => format!("${}.{:02}", v / 100, v % 100),
    };
    match p.value() {
        PayValue::NotReleased => "—".into(),
        PayValue::Amount(v) => short(v),
        PayValue::AtLeast(v) => format!("≥{}", short(v)),
    }
}

/// The colour scale with its ends, the grey "no published figure" key, and the outlined
/// state's figure. Returns the y below it.
fn legend(s: &mut Scene, fonts: &Fonts, map: &StateMap, range: Option<(f64, f64)>, y: f32) -> f32 {
    let head = Text {
        size: 11.0,
        weight: Weight::Bold,
        color: INK,
    };
    let label = Text {
        size: 11.0,
        weight: Weight::Regular,
        color: MUTED,
    };
    let bar_w = 220.0;
    let what = match map.unit {
        Unit::Annual => "Median annual pay",
        Unit::Hourly => "Median hourly wage",
    };
    s.text(PAD, y + 10.0, head, Anchor::Start, what);
    if let Some((lo, hi)) = range {
        let stops = (0..=10)
            .map(|i| fill(lo + (hi - lo) * i as f64 / 10.0, (lo, hi)))
            .collect();
        s.push(Shape::Gradient {
            x: PAD,
            y: y + 16.0,
            w: bar_w,
            h: 12.0,
            stops,
        });
        let end = |want: f64| {
            // The state figure at that end, as published (capped ones keep their "≥").
            GRID.iter()
                .map(|(p, _, _, _)| map.median(p))
                .find(|m| m.lower_bound().map(|v| map.unit.dollars(v)) == Some(want))
                .map_or_else(String::new, |m| figure_text(m, map.unit))
        };
        s.text(PAD, y + 42.0, label, Anchor::Start, end(lo));
        s.text(PAD + bar_w, y + 42.0, label, Anchor::End, end(hi));
    } else {
        s.text(
            PAD,
            y + 28.0,
            label,
            Anchor::Start,
            "No state has a published figure.",
        );
    }
    let missing = GRID
        .iter()
        .filter(|(p, _, _, _)| map.median(p).lower_bound().is_none())
        .count();
    let kx = PAD + bar_w + 36.0;
    s.push(Shape::Rect {
        x: kx,
        y: y + 16.0,
        w: 12.0,
        h: 12.0,
        radius: 2.0,
        fill: palette::NO_DATA,
    });
    let grey = match missing {
        0 => "Grey: no published figure (none here)".to_string(),
        1 => "Grey: no published figure (1 state)".to_string(),
        n => format!("Grey: no published figure ({n} states)"),
    };
    s.text(kx + 18.0, y + 26.5, label, Anchor::Start, grey);
    let mut ky = y + 34.5;
    let capped = GRID
        .iter()
        .map(|(p, _, _, _)| map.median(p))
        .find(|m| m.is_capped());
    if let (Some(cap), Some(r)) = (capped.and_then(|m| m.lower_bound()), range) {
        let swatch = fill(map.unit.dollars(cap), r);
        s.push(Shape::Rect {
            x: kx,
            y: ky,
            w: 12.0,
            h: 12.0,
            radius: 2.0,
            fill: swatch,
        });
        hatch(s, kx, ky, 12.0, palette::text_on(swatch));
        let text = fonts.fit(
            "Striped, ≥: at BLS's cap; the real median is at least that",
            label.size,
            label.weight,
            WIDTH - PAD - kx - 18.0,
        );
        s.text(kx + 18.0, ky + 10.0, label, Anchor::Start, text);
        ky += 18.0;
    }
    if let Some(t) = GRID.iter().find(|(p, _, _, _)| {
        map.highlight
            .as_deref()
            .is_some_and(|h| p.eq_ignore_ascii_case(h))
    }) {
        s.push(Shape::Frame {
            x: kx + 0.5,
            y: ky + 0.5,
            w: 11.0,
            h: 11.0,
            radius: 2.0,
            stroke: INK,
            width: 2.0,
        });
        let m = map.median(t.0);
        let text = format!(
            "Outlined: {}, {}",
            t.1,
            if m.lower_bound().is_some() {
                figure_text(m, map.unit)
            } else {
                "no published figure".into()
            }
        );
        let fitted = fonts.fit(&text, label.size, label.weight, WIDTH - PAD - kx - 18.0);
        s.text(kx + 18.0, ky + 10.0, label, Anchor::Start, fitted);
        ky += 18.0;
    }
    (y + 58.0).max(ky + 6.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(medians: &[(&str, Pay)], highlight: Option<&str>) -> StateMap {
        StateMap {
            career: "Nurses".into(),
            unit: Unit::Annual,
            medians: medians.iter().map(|(p, m)| (p.to_string(), *m)).collect(),
            highlight: highlight.map(str::to_string),
            source: "Source: test".into(),
        }
    }

    #[test]
    fn the_grid_has_every_state_and_dc_once_on_eleven_by_eight() {
        let mut codes: Vec<&str> = GRID.iter().map(|g| g.0).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 51);
        assert!(codes.contains(&"DC"));
        let mut cells: Vec<(u8, u8)> = GRID.iter().map(|g| (g.2, g.3)).collect();
        cells.sort();
        cells.dedup();
        assert_eq!(cells.len(), 51, "two states share a square");
        assert!(GRID.iter().all(|g| g.2 < 11 && g.3 < 8));
        // Neighbours stay neighbours where the layout keeps them: WA above OR above CA.
        let at = |p: &str| GRID.iter().find(|g| g.0 == p).map(|g| (g.2, g.3)).unwrap();
        assert_eq!((at("WA"), at("OR"), at("CA")), ((0, 2), (0, 3), (0, 4)));
        assert_eq!(at("ME"), (10, 0));
        assert_eq!(at("TX"), (3, 7));
    }

    #[test]
    fn colours_follow_the_medians_and_missing_states_are_grey() {
        let m = map(
            &[
                ("OH", Pay::amount(82_510)),
                ("CA", Pay::amount(140_270)),
                ("MS", Pay::amount(77_080)),
                ("TX", Pay::amount(96_000)),
                ("AK", Pay::at_least(239_200)),
                ("GU", Pay::amount(1)),
            ],
            Some("oh"),
        );
        let l = layout(&m);
        let tile = |p: &str| l.tiles.iter().find(|t| t.postal == p).unwrap();
        let order = ["MS", "OH", "TX", "CA", "AK"];
        for w in order.windows(2) {
            assert!(
                tile(w[0]).fill.luminance() > tile(w[1]).fill.luminance(),
                "{} should be lighter than {}",
                w[0],
                w[1]
            );
        }
        assert_eq!(
            l.range,
            Some((77_080.0, 239_200.0)),
            "Guam is not on the map"
        );
        assert_eq!(tile("NY").fill, palette::NO_DATA);
        assert!(tile("OH").highlighted && !tile("TX").highlighted);
        let texts: Vec<&str> = l.scene.texts().collect();
        assert!(
            texts.contains(&"Grey: no published figure (46 states)"),
            "{texts:?}"
        );
        assert!(texts.contains(&"Outlined: Ohio, $82,510"), "{texts:?}");
        assert!(texts.contains(&"≥$239k"), "{texts:?}");
        assert!(texts.contains(&"—"));
    }

    #[test]
    fn no_figures_at_all_still_draws_a_grey_map() {
        let l = layout(&map(&[], Some("ZZ")));
        assert_eq!(l.range, None);
        assert!(
            l.tiles
                .iter()
                .all(|t| t.fill == palette::NO_DATA && !t.highlighted)
        );
        assert!(
            l.scene
                .texts()
                .any(|t| t == "No state has a published figure.")
        );
        // Equal medians: one colour, no division by zero.
        let l = layout(&map(
            &[("OH", Pay::amount(5)), ("TX", Pay::amount(5))],
            None,
        ));
        let fills: Vec<Rgba> = l
            .tiles
            .iter()
            .filter(|t| t.fill != palette::NO_DATA)
            .map(|t| t.fill)
            .collect();
        assert_eq!(fills.len(), 2);
        assert_eq!(fills[0], fills[1]);
    }
}
