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

/// The pay-range chart as PNG bytes (`SCALE` × its layout's size).
pub fn range_png(chart: &RangeChart) -> Result<Vec<u8>, RenderError> {
    raster::png(&range::layout(chart).scene)
}

/// The state map as PNG bytes.
pub fn map_png(map: &StateMap) -> Result<Vec<u8>, RenderError> {
    raster::png(&map::layout(map).scene)
}
