//! What a chart is made of, as plain data: shapes and text at logical-pixel positions. The
//! layouts produce a `Scene`; `raster` only paints it, so everything a test may ask about
//! (where a mark is, what colour a tile is) is decided before any pixel exists.

/// A straight (not premultiplied) sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgba(pub u8, pub u8, pub u8, pub u8);

impl Rgba {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
        Rgba(r, g, b, 255)
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f32 {
        let lin = |c: u8| {
            let c = c as f32 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// Where a text's `x` is: its left end, its middle or its right end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// The background of the whole picture, with rounded corners (transparent outside them).
    Card {
        radius: f32,
        fill: Rgba,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        radius: f32,
        fill: Rgba,
    },
    /// The outline of a rectangle, its stroke centred on the edge.
    Frame {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        radius: f32,
        stroke: Rgba,
        width: f32,
    },
    Line {
        x0: f32,
        y0: f32,
        x1: f32,
        y1: f32,
        width: f32,
        color: Rgba,
    },
    /// Several separate straight segments of one width and colour, stroked at once.
    Lines {
        segments: Vec<[(f32, f32); 2]>,
        width: f32,
        color: Rgba,
    },
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Rgba,
    },
    Circle {
        cx: f32,
        cy: f32,
        r: f32,
        fill: Rgba,
        stroke: Rgba,
        width: f32,
    },
    /// A rectangle shaded left to right through evenly spaced colours (a legend's scale).
    Gradient {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        stops: Vec<Rgba>,
    },
    /// Text on a baseline at `y`; `size` is the em size in logical pixels.
    Text {
        x: f32,
        y: f32,
        text: String,
        size: f32,
        weight: Weight,
        anchor: Anchor,
        color: Rgba,
    },
}

/// A picture in logical pixels; the PNG has `SCALE` device pixels per logical pixel.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    pub shapes: Vec<Shape>,
}

impl Scene {
    pub fn new(width: f32, height: f32) -> Scene {
        Scene {
            width,
            height,
            shapes: Vec::new(),
        }
    }

    pub fn push(&mut self, s: Shape) {
        self.shapes.push(s);
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Rgba) {
        self.push(Shape::Rect {
            x,
            y,
            w,
            h,
            radius: 0.0,
            fill,
        });
    }

    pub fn line(&mut self, (x0, y0): (f32, f32), (x1, y1): (f32, f32), width: f32, color: Rgba) {
        self.push(Shape::Line {
            x0,
            y0,
            x1,
            y1,
            width,
            color,
        });
    }

    pub fn text(&mut self, x: f32, y: f32, t: Text, anchor: Anchor, text: impl Into<String>) {
        self.push(Shape::Text {
            x,
            y,
            text: text.into(),
            size: t.size,
            weight: t.weight,
            anchor,
            color: t.color,
        });
    }

    /// Every text in the scene, in drawing order (for tests and for a text-only fallback).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.shapes.iter().filter_map(|s| match s {
            Shape::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// A text style: size, weight, colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Text {
    pub size: f32,
    pub weight: Weight,
    pub color: Rgba,
}
