//! Charts drawn from real answers, looked at pixel by pixel: each PNG is decoded and checked
//! where a reader would look. Expected figures come from data/ read directly (tests/common),
//! and positions from the axis the layout reports, so a mark drawn in the wrong place, a
//! capped bar that stops short, or a map whose colours disagree with the medians all fail.

mod common;
use common::*;
use rolecall::chart::{self, RangeChart, SCALE, StateMap, palette, range, scene::Rgba};
use rolecall::{Rolecall, answers};
use std::sync::OnceLock;

fn rc() -> &'static Rolecall {
    static RC: OnceLock<Rolecall> = OnceLock::new();
    RC.get_or_init(|| Rolecall::load(&data_dir()).expect("data loads"))
}

struct Image {
    w: u32,
    h: u32,
    rgba: Vec<u8>,
}

impl Image {
    fn decode(bytes: &[u8]) -> Image {
        let mut r = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .expect("a PNG");
        let mut rgba = vec![0; r.output_buffer_size().unwrap()];
        let info = r.next_frame(&mut rgba).expect("one frame");
        assert_eq!(
            (info.color_type, info.bit_depth),
            (png::ColorType::Rgba, png::BitDepth::Eight)
        );
        Image {
            w: info.width,
            h: info.height,
            rgba,
        }
    }

    /// The pixel at logical coordinates (x, y).
    fn at(&self, x: f32, y: f32) -> [u8; 4] {
        self.dev((x * SCALE) as u32, (y * SCALE) as u32)
    }

    fn dev(&self, x: u32, y: u32) -> [u8; 4] {
        assert!(x < self.w && y < self.h, "({x}, {y}) is outside the image");
        let i = ((y * self.w + x) * 4) as usize;
        self.rgba[i..i + 4].try_into().unwrap()
    }

    /// Runs of dark (ink) pixels along a device row between two logical x positions, as
    /// device-pixel centres.
    fn ink_runs(&self, y: f32, from: f32, to: f32) -> Vec<f32> {
        let yy = (y * SCALE).round() as u32;
        let (a, b) = ((from * SCALE) as u32, ((to * SCALE) as u32).min(self.w - 1));
        let mut runs = Vec::new();
        let mut start = None;
        for x in a..=b {
            let p = self.dev(x, yy);
            let dark = p[3] > 200 && p[0] < 90 && p[1] < 90 && p[2] < 90;
            match (dark, start) {
                (true, None) => start = Some(x),
                (false, Some(s)) => {
                    runs.push((s + x) as f32 / 2.0);
                    start = None;
                }
                _ => {}
            }
        }
        runs
    }
}

fn close(p: [u8; 4], c: Rgba) -> bool {
    p[3] > 250
        && (p[0] as i32 - c.0 as i32).abs() <= 3
        && (p[1] as i32 - c.1 as i32).abs() <= 3
        && (p[2] as i32 - c.2 as i32).abs() <= 3
}

fn money(raw: &str) -> f64 {
    raw.trim_start_matches(">=").parse().unwrap()
}

/// The median mark of a row, found in the pixels: one dark run just above the box, centred
/// within 2 device pixels of where the axis maps `value`.
fn assert_median_mark(img: &Image, row: &chart::RowGeom, scale: &chart::scale::Scale, value: f64) {
    let want = scale.x(value) * SCALE;
    // 8.5 px above the centre line: above the box, below the figure printed over the mark.
    let runs = img.ink_runs(row.y - 8.5, scale.x0 - 5.0, scale.x1 + 5.0);
    assert_eq!(
        runs.len(),
        1,
        "one median mark on row {}: {runs:?}",
        row.row
    );
    assert!(
        (runs[0] - want).abs() <= 2.0,
        "median of row {} drawn at x={} but the axis puts {value} at x={want}",
        row.row,
        runs[0]
    );
}

#[test]
fn a_compare_in_texas_draws_each_median_where_the_axis_puts_it() {
    let v = rc().view();
    let c = answers::compare(
        &v,
        &[
            v.lookup_career("cto").unwrap(),
            v.lookup_career("product-manager").unwrap(),
        ],
        Some(rc().lookup_place("texas").unwrap()),
    )
    .unwrap();
    let input = RangeChart::from_compare(&c);
    let layout = range::layout(&input);
    let img = Image::decode(&chart::range_png(&input).unwrap());
    assert_eq!(img.w, (range::WIDTH * SCALE) as u32);
    assert_eq!(img.h, (layout.scene.height * SCALE).ceil() as u32);
    assert!((500..800).contains(&img.h), "four rows: {}", img.h);

    // Rows: CTO in Texas, CTO nationally, PM in Texas, PM nationally.
    let expected = [
        ("11-3021", "4800000", palette::LOCAL),
        ("11-3021", "0000000", palette::NATIONAL),
        ("11-2021", "4800000", palette::LOCAL),
        ("11-2021", "0000000", palette::NATIONAL),
    ];
    assert_eq!(layout.panels.len(), 1);
    let p = &layout.panels[0];
    assert_eq!(p.rows.len(), 4);
    for (row, (code, area, color)) in p.rows.iter().zip(expected) {
        let data = table_row("pay.tsv", &[code, area]);
        assert_median_mark(&img, row, &p.scale, money(&data["annual_median"]));
        // The box is the row's colour between the 25th percentile and the median…
        let p25 = p.scale.x(money(&data["annual_p25"]));
        assert!(
            close(img.at(p25 + 3.0, row.y + 4.0), color),
            "row {}",
            row.row
        );
        // …and the whisker stops at the 10th and 90th: beyond them is the card (or a
        // grid line), never the row's colour.
        let p10 = p.scale.x(money(&data["annual_p10"]));
        let p90 = p.scale.x(money(&data["annual_p90"]));
        assert!(close(img.at(p10 + 2.0, row.y), color));
        assert!(close(img.at(p90 - 2.0, row.y), color));
        for beyond in [p10 - 3.0, p90 + 3.0] {
            let px = img.at(beyond, row.y);
            assert!(
                close(px, palette::CARD) || close(px, palette::GRID),
                "row {} at x={beyond}: {px:?}",
                row.row
            );
        }
    }
    // Nothing of a row runs to the right edge: none of these figures is capped.
    for row in &p.rows {
        assert!(!close(img.at(p.scale.x1 + 3.0, row.y - 4.0), row.color));
    }
}

#[test]
fn a_capped_figure_runs_to_the_edge_and_ends_open() {
    let v = rc().view();
    // Orthopedic surgeons in Minnesota: the 90th percentile is published as ">=239200".
    let data = table_row("pay.tsv", &["29-1242", "2700000"]);
    assert_eq!(
        data["annual_p90"], ">=239200",
        "the data this test relies on"
    );
    let s = answers::salary(
        &v,
        v.lookup_career("29-1242.00").unwrap(),
        Some(rc().lookup_place("minnesota").unwrap()),
    );
    let input = RangeChart::from_salary(&s);
    let layout = range::layout(&input);
    let img = Image::decode(&chart::range_png(&input).unwrap());
    assert_eq!(img.w, 1280);
    let p = &layout.panels[0];
    let (local, national) = (&p.rows[0], &p.rows[1]);
    let edge = p.scale.x1;
    // The local row's whisker is unbroken up to the edge of the plot…
    for dx in [40.0, 20.0, 6.0, 1.0] {
        assert!(
            close(img.at(edge - dx, local.y), palette::LOCAL),
            "gap {dx} px before the edge"
        );
    }
    // …and ends in an arrow, taller than the whisker, pointing past it.
    assert!(close(img.at(edge + 2.0, local.y - 4.0), palette::LOCAL));
    assert!(close(img.at(edge + 2.0, local.y + 4.0), palette::LOCAL));
    assert!(close(img.at(edge + 7.0, local.y), palette::LOCAL));
    // The "≥ $239,200" beside the arrow is ink on the card.
    let label = img.ink_runs(local.y - 1.0, edge + 12.0, edge + 90.0);
    assert!(label.len() >= 4, "label glyphs beside the arrow: {label:?}");
    assert!(layout.scene.texts().any(|t| t == "≥ $239,200"));
    // The national row is not capped: no arrow, nothing past its 90th percentile.
    assert!(close(img.at(edge + 2.0, national.y), palette::CARD));
    let us = table_row("pay.tsv", &["29-1242", "0000000"]);
    assert!(close(
        img.at(p.scale.x(money(&us["annual_p90"])) + 3.0, national.y),
        palette::CARD
    ));
    assert_median_mark(&img, local, &p.scale, money(&data["annual_median"]));
    assert_median_mark(&img, national, &p.scale, money(&us["annual_median"]));
}

#[test]
fn hourly_only_pay_is_drawn_on_its_own_hourly_axis() {
    let v = rc().view();
    // Musicians and singers: BLS publishes hourly wages only (footnote 4).
    let data = table_row("pay.tsv", &["27-2042", "0000000"]);
    assert_eq!(data["annual_median"], "", "the data this test relies on");
    let nurse = table_row("pay.tsv", &["29-1141", "0000000"]);
    let c = answers::compare(
        &v,
        &[
            v.lookup_career("27-2042.00").unwrap(),
            v.lookup_career("registered nurse").unwrap(),
        ],
        None,
    )
    .unwrap();
    let input = RangeChart::from_compare(&c);
    let layout = range::layout(&input);
    let img = Image::decode(&chart::range_png(&input).unwrap());
    assert_eq!(img.h, (layout.scene.height * SCALE).ceil() as u32);
    let units: Vec<_> = layout.panels.iter().map(|p| p.unit).collect();
    assert_eq!(units, vec![chart::Unit::Annual, chart::Unit::Hourly]);
    let (annual, hourly) = (&layout.panels[0], &layout.panels[1]);
    // Hourly figures on an axis of dollars an hour, nothing converted to a year.
    assert!(hourly.scale.hi < 500.0 && annual.scale.hi > 100_000.0);
    assert_median_mark(
        &img,
        &hourly.rows[0],
        &hourly.scale,
        money(&data["hourly_median"]),
    );
    assert_median_mark(
        &img,
        &annual.rows[0],
        &annual.scale,
        money(&nurse["annual_median"]),
    );
    assert!(layout.scene.texts().any(|t| t == "$47.80/hr"));
}

/// Postal code → state median (annual) for an occupation, read from data/ directly.
fn state_medians(code: &str) -> Vec<(String, Option<f64>)> {
    let areas = std::fs::read_to_string(data_dir().join("areas.tsv")).unwrap();
    let states: Vec<(String, String)> = areas
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f[1] == "state")
        .map(|f| (f[0].to_string(), f[2].to_string()))
        .collect();
    let pay = std::fs::read_to_string(data_dir().join("pay.tsv")).unwrap();
    let header: Vec<&str> = pay.lines().next().unwrap().split('\t').collect();
    let col = header.iter().position(|h| *h == "annual_median").unwrap();
    states
        .into_iter()
        .map(|(area, postal)| {
            let median = pay
                .lines()
                .map(|l| l.split('\t').collect::<Vec<_>>())
                .find(|f| f[0] == code && f[1] == area)
                .and_then(|f| (!f[col].is_empty()).then(|| money(f[col])));
            (postal, median)
        })
        .collect()
}

fn check_map(code: &str, career: &str, highlight: Option<&str>) {
    let v = rc().view();
    let input = StateMap::for_career(
        &v,
        v.lookup_career(career).unwrap(),
        highlight.map(|h| rc().lookup_place(h).unwrap()),
    );
    let layout = chart::map::layout(&input);
    let img = Image::decode(&chart::map_png(&input).unwrap());
    assert_eq!(img.w, (chart::map::WIDTH * SCALE) as u32);
    assert_eq!(img.h, (layout.scene.height * SCALE).ceil() as u32);
    let medians = state_medians(code);
    let mut seen = Vec::new();
    for t in &layout.tiles {
        // The top-left corner of a square shows its colour (no text, no stripes there).
        let px = img.at(t.x + 3.0, t.y + 3.0);
        let m = medians
            .iter()
            .find(|(p, _)| p == t.postal)
            .unwrap_or_else(|| panic!("{} is not a state in areas.tsv", t.postal))
            .1;
        match m {
            None => assert!(
                close(px, palette::NO_DATA),
                "{} has no figure: grey",
                t.postal
            ),
            Some(m) => {
                assert!(!close(px, palette::NO_DATA), "{} has a figure", t.postal);
                seen.push((m, Rgba(px[0], px[1], px[2], px[3]).luminance(), t.postal));
            }
        }
    }
    assert!(seen.len() >= 30, "{}", seen.len());
    // Colours follow the medians: the higher the median, the darker the square.
    seen.sort_by(|a, b| a.0.total_cmp(&b.0));
    for w in seen.windows(2) {
        let ((m0, l0, p0), (m1, l1, p1)) = (w[0], w[1]);
        assert!(l1 <= l0 + 0.005, "{p1} ({m1}) is lighter than {p0} ({m0})");
    }
    let (lowest, highest) = (seen[0], seen[seen.len() - 1]);
    assert!(lowest.1 > highest.1 + 0.3, "the scale spans light to dark");
    if let Some(h) = highlight {
        let t = layout
            .tiles
            .iter()
            .find(|t| t.highlighted)
            .expect("outlined");
        assert_eq!(
            rc().lookup_place(h)
                .map(|a| v.area(a).postal.clone())
                .unwrap(),
            t.postal
        );
        // A dark ring just outside the square, and none around the others.
        assert!(close(img.at(t.x - 3.5, t.y + t.size / 2.0), palette::INK));
        let other = layout.tiles.iter().find(|o| !o.highlighted).unwrap();
        assert!(close(
            img.at(other.x - 3.5, other.y + other.size / 2.0),
            palette::CARD
        ));
    }
}

#[test]
fn the_map_colours_nurses_pay_by_state_in_the_order_of_the_medians() {
    check_map("29-1141", "registered nurse", Some("ohio"));
}

#[test]
fn the_map_greys_states_without_a_figure_and_keeps_capped_medians_in_order() {
    // Anesthesiologists: many states capped at ">=239200", several not published at all.
    let medians = state_medians("29-1211");
    assert!(medians.iter().filter(|(_, m)| m.is_none()).count() >= 5);
    check_map("29-1211", "29-1211.00", None);
}

#[test]
fn rendering_is_a_pure_function_of_the_input() {
    let v = rc().view();
    let s = answers::salary(&v, v.lookup_career("registered nurse").unwrap(), None);
    let input = RangeChart::from_salary(&s);
    let again = RangeChart::from_salary(&answers::salary(
        &v,
        v.lookup_career("registered nurse").unwrap(),
        None,
    ));
    assert_eq!(input.cache_key(), again.cache_key());
    assert_eq!(
        chart::range_png(&input).unwrap(),
        chart::range_png(&again).unwrap()
    );
    let elsewhere = RangeChart::from_salary(&answers::salary(
        &v,
        v.lookup_career("registered nurse").unwrap(),
        Some(rc().lookup_place("ohio").unwrap()),
    ));
    assert_ne!(input.cache_key(), elsewhere.cache_key());
}

#[test]
fn an_edited_median_is_drawn_at_its_new_value_and_marked_as_edited() {
    let (o, problems) = rolecall::overlay::Overlay::from_entries([(
        "figure/29-1141.00/3900000/annual_median".to_string(),
        serde_json::json!({"value": 101000, "source": "state survey"}),
        rolecall::overlay::Meta {
            by: "mod".into(),
            at: "2026-11-29T10:00:00Z".into(),
        },
    )]);
    assert!(problems.is_empty(), "{problems:?}");
    let v = rolecall::View::new(rc(), &[&o]);
    let nurse = v.lookup_career("registered nurse").unwrap();
    let ohio = rc().lookup_place("ohio").unwrap();
    let input = RangeChart::from_salary(&answers::salary(&v, nurse, Some(ohio)));
    let published = RangeChart::from_salary(&answers::salary(&rc().view(), nurse, Some(ohio)));
    assert_ne!(
        input.cache_key(),
        published.cache_key(),
        "an edit is a new picture"
    );
    assert_eq!(input.rows[0].edited, [false, false, true, false, false]);
    let layout = range::layout(&input);
    let img = Image::decode(&chart::range_png(&input).unwrap());
    let p = &layout.panels[0];
    let (local, national) = (&p.rows[0], &p.rows[1]);
    assert_median_mark(&img, local, &p.scale, 101_000.0);
    // The ring under the edited median, and none under the published national one.
    let x = p.scale.x(101_000.0);
    assert_eq!(
        img.ink_runs(local.y + 13.0, x - 8.0, x + 8.0).len(),
        2,
        "a ring"
    );
    let us = p.scale.x(money(
        &table_row("pay.tsv", &["29-1141", "0000000"])["annual_median"],
    ));
    assert!(
        img.ink_runs(national.y + 13.0, us - 8.0, us + 8.0)
            .is_empty()
    );
    let texts: Vec<&str> = layout.scene.texts().collect();
    assert!(texts.contains(&"$101,000 (edited)"), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("○ marks a figure edited"))
    );
}

mod any_input {
    use super::*;
    use proptest::prelude::*;
    use rolecall::chart::{RangeRow, Unit};
    use rolecall::data::Pay;

    fn pay() -> impl Strategy<Value = Pay> {
        prop_oneof![
            Just(Pay::NOT_RELEASED),
            (0u32..2_000_000_000).prop_map(Pay::amount),
            (0u32..2_000_000_000).prop_map(Pay::at_least),
        ]
    }

    fn row() -> impl Strategy<Value = RangeRow> {
        (
            ".{0,80}",
            ".{0,40}",
            any::<bool>(),
            any::<bool>(),
            proptest::array::uniform5(pay()),
            proptest::array::uniform5(any::<bool>()),
        )
            .prop_map(|(career, area, local, hourly, stats, edited)| RangeRow {
                career,
                area,
                local,
                unit: if hourly { Unit::Hourly } else { Unit::Annual },
                stats,
                edited,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Whatever the rows (unordered, capped anywhere, absurd, empty, any text), the
        /// chart and the bars come out and the PNG has the layout's size.
        #[test]
        fn any_rows_give_a_chart(rows in proptest::collection::vec(row(), 0..12), title in ".{0,120}") {
            let input = RangeChart { title, place: "X".into(), rows, source: "S".into() };
            let layout = range::layout(&input);
            let img = Image::decode(&chart::range_png(&input).unwrap());
            prop_assert_eq!(img.w, 1280);
            prop_assert_eq!(img.h, (layout.scene.height * SCALE).ceil() as u32);
            for p in chart::bars(&input, 30) {
                prop_assert!(p.bars.iter().all(|b| b.cells.len() == 30));
            }
        }

        #[test]
        fn any_state_figures_give_a_map(
            medians in proptest::collection::vec(("[A-Z]{2}", pay()), 0..60),
            highlight in proptest::option::of("[A-Za-z]{0,3}"),
        ) {
            let input = StateMap {
                career: "C".into(),
                unit: Unit::Annual,
                medians,
                highlight,
                source: "S".into(),
            };
            let img = Image::decode(&chart::map_png(&input).unwrap());
            prop_assert_eq!(img.w, 1280);
        }
    }
}
