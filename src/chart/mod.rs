//! Charts of pay, drawn in-process: the pay-range chart (one row per career and place) and
//! the state tile map. No system fonts or libraries: the font is compiled in.
//!
//! Layout and drawing are apart. `range::layout` and `map::layout` compute the geometry as
//! plain data (axes, row positions, marks, tile colours, and a `Scene` of shapes and text),
//! which the tests check directly; `raster` only paints a scene into a PNG. Rendering is a
//! pure function of its input, so a front end may cache the bytes under the input's
//! `cache_key()`.

pub mod bars;
mod font;
pub mod map;
pub mod palette;
pub mod range;
mod raster;
pub mod rows;
pub mod scale;
pub mod scene;

pub use bars::{Bar, BarPanel, Cell, bars};
pub use map::{MapLayout, StateMap, Tile};
pub use range::{Marks, Panel, RangeLayout, RowGeom, Span};
pub use raster::{RenderError, SCALE};
pub use rows::{RangeChart, RangeRow, Unit};
pub use scene::{Rgba, Scene};

use crate::View;
use crate::answers::Answer;
use crate::data::AreaKind;

/// The pay-range chart as PNG bytes (`SCALE` × its layout's size).
pub fn range_png(chart: &RangeChart) -> Result<Vec<u8>, RenderError> {
    raster::png(&range::layout(chart).scene)
}

/// The state map as PNG bytes.
pub fn map_png(map: &StateMap) -> Result<Vec<u8>, RenderError> {
    raster::png(&map::layout(map).scene)
}

/// A picture an answer is shown with, as its input: rendering is a pure function of it, so
/// two equal pictures are the same PNG, wherever and whenever they are drawn.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Picture {
    Range(RangeChart),
    Map(StateMap),
}

impl Picture {
    pub fn png(&self) -> Result<Vec<u8>, RenderError> {
        match self {
            Picture::Range(c) => range_png(c),
            Picture::Map(m) => map_png(m),
        }
    }

    /// A stable key for the picture (see [`RangeChart::cache_key`]).
    pub fn cache_key(&self) -> u64 {
        rows::stable_hash(self)
    }

    /// What it is, in a word a file name can carry: `pay-range` or `state-map`.
    pub fn kind(&self) -> &'static str {
        match self {
            Picture::Range(_) => "pay-range",
            Picture::Map(_) => "state-map",
        }
    }
}

/// The pictures that go with an answer, in the order to show them: the pay-range chart with
/// pay and comparisons; the state map with pay in a state and with where a career pays most
/// (when some state has a published median). Other answers have none.
pub fn pictures(v: &View, answer: &Answer) -> Vec<Picture> {
    let mut out = Vec::new();
    match answer {
        Answer::Compare(c) => out.push(Picture::Range(RangeChart::from_compare(c))),
        Answer::Salary(s) => {
            out.push(Picture::Range(RangeChart::from_salary(s)));
            let in_a_state = s.area.as_ref().is_some_and(|a| a.kind == AreaKind::State);
            if in_a_state && let Some(m) = StateMap::for_salary(v, s) {
                out.push(Picture::Map(m));
            }
        }
        Answer::TopPlaces(t) => {
            if let Some(m) = v
                .by_id(&t.career.id)
                .map(|idx| StateMap::for_career(v, idx, None))
            {
                out.push(Picture::Map(m));
            }
        }
        _ => {}
    }
    out.retain(|p| match p {
        Picture::Map(m) => !m.medians.is_empty(),
        Picture::Range(_) => true,
    });
    out
}
