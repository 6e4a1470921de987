//! Paints a `Scene` into a PNG at `SCALE` device pixels per logical pixel. Thin on purpose:
//! every position and colour was decided by a layout; this only turns shapes into pixels
//! (tiny-skia, anti-aliased) and glyph outlines into coverage (ab_glyph's rasteriser).

use super::font::{Fonts, drawable, px_scale};
use super::scene::{Anchor, Rgba, Scene, Shape, Weight};
use ab_glyph::{Font, ScaleFont};
use std::collections::HashMap;
use tiny_skia::{
    Color, FillRule, GradientStop, LineCap, LinearGradient, Paint, Path, PathBuilder, Pixmap,
    Point, Rect, SpreadMode, Stroke, Transform,
};

/// Device pixels per logical pixel: 2×, so charts are sharp on phones and high-density
/// screens, and Discord shows them at half size elsewhere.
pub const SCALE: f32 = 2.0;
/// No side longer than this is drawn (layouts stay far below it).
const MAX_SIDE: f32 = 4096.0;

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("a chart of {0} × {1} logical pixels is too large to draw")]
    Size(f32, f32),
    #[error("PNG encoding failed: {0}")]
    Encode(String),
}

/// Device rows painted at a time. A whole map is about 6 MiB of pixels; painted in bands
/// and streamed into the encoder, a render needs about 650 KiB, so drawing charts barely
/// raises the bot's resident memory (the allocator keeps what the largest buffer needed).
const BAND: u32 = 128;

/// Where a band sits: the chart's full size in device pixels and the band's first row.
#[derive(Clone, Copy)]
struct Band {
    width: usize,
    height: usize,
    top: usize,
    rows: usize,
}

/// The scene as PNG bytes (RGBA, transparent outside the card's rounded corners).
pub fn png(scene: &Scene) -> Result<Vec<u8>, RenderError> {
    let (w, h) = (scene.width * SCALE, scene.height * SCALE);
    let fits = |v: f32| v.is_finite() && (1.0..=MAX_SIDE).contains(&v);
    if !(fits(w) && fits(h)) {
        return Err(RenderError::Size(scene.width, scene.height));
    }
    let (w, h) = (w.ceil() as u32, h.ceil() as u32);
    let mut pm = Pixmap::new(w, BAND.min(h)).ok_or(RenderError::Size(scene.width, scene.height))?;
    let fonts = Fonts::load();
    let mut glyphs = HashMap::new();
    let mut out = Vec::with_capacity((w * h / 4) as usize);
    let err = |e: png::EncodingError| RenderError::Encode(e.to_string());
    let mut e = png::Encoder::new(&mut out, w, h);
    e.set_color(png::ColorType::Rgba);
    e.set_depth(png::BitDepth::Eight);
    // The fastest setting (the "Up" filter and fdeflate's single pass): charts are flat
    // colour, which it packs well, and the adaptive filter of slower settings alone would
    // cost milliseconds per chart.
    e.set_compression(png::Compression::Fastest);
    // 144 dpi: tells viewers that honour it that these are 2× pixels.
    e.set_pixel_dims(Some(png::PixelDimensions {
        xppu: 5669,
        yppu: 5669,
        unit: png::Unit::Meter,
    }));
    let mut writer = e.write_header().map_err(err)?;
    let mut stream = writer.stream_writer().map_err(err)?;
    let mut top = 0;
    while top < h {
        let rows = BAND.min(h - top);
        let band = Band {
            width: w as usize,
            height: h as usize,
            top: top as usize,
            rows: rows as usize,
        };
        pm.fill(Color::TRANSPARENT);
        let t = Transform::from_row(SCALE, 0.0, 0.0, SCALE, 0.0, -(top as f32));
        // Only what reaches into this band is drawn (with a pixel to spare for
        // anti-aliasing and stroke width).
        let (lo, hi) = (top as f32 / SCALE - 2.0, (top + rows) as f32 / SCALE + 2.0);
        for shape in &scene.shapes {
            if vertical_extent(shape).is_none_or(|(a, b)| b >= lo && a <= hi) {
                draw(&mut pm, &fonts, &mut glyphs, shape, t, band);
            }
        }
        let bytes = &mut pm.data_mut()[..band.width * band.rows * 4];
        unpremultiply(bytes);
        std::io::Write::write_all(&mut stream, bytes)
            .map_err(|e| RenderError::Encode(e.to_string()))?;
        top += rows;
    }
    stream.finish().map_err(err)?;
    writer.finish().map_err(err)?;
    Ok(out)
}

/// The logical rows a shape covers; `None` for the card, which covers everything. Text
/// is left to `draw_text`, which knows its em.
fn vertical_extent(shape: &Shape) -> Option<(f32, f32)> {
    let span = |ys: &mut dyn Iterator<Item = f32>| {
        ys.fold(None, |acc: Option<(f32, f32)>, y| {
            Some(acc.map_or((y, y), |(a, b)| (a.min(y), b.max(y))))
        })
    };
    match shape {
        Shape::Card { .. } | Shape::Text { .. } => None,
        Shape::Rect { y, h, .. } | Shape::Gradient { y, h, .. } => Some((*y, y + h)),
        Shape::Frame { y, h, width, .. } => Some((y - width, y + h + width)),
        Shape::Line { y0, y1, width, .. } => Some((y0.min(*y1) - width, y0.max(*y1) + width)),
        Shape::Lines {
            segments, width, ..
        } => span(&mut segments.iter().flat_map(|[a, b]| [a.1, b.1]))
            .map(|(a, b)| (a - width, b + width)),
        Shape::Polygon { points, .. } => span(&mut points.iter().map(|p| p.1)),
        Shape::Circle { cy, r, width, .. } => Some((cy - r - width, cy + r + width)),
    }
}

fn paint_of(c: Rgba) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(c.0, c.1, c.2, c.3);
    p.anti_alias = true;
    p
}

fn color(c: Rgba) -> Color {
    Color::from_rgba8(c.0, c.1, c.2, c.3)
}

fn draw(
    pm: &mut Pixmap,
    fonts: &Fonts,
    glyphs: &mut HashMap<GlyphKey, Option<Coverage>>,
    shape: &Shape,
    t: Transform,
    band: Band,
) {
    match shape {
        Shape::Card { radius, fill } => card(pm, *radius * SCALE, *fill, band),
        Shape::Rect {
            x,
            y,
            w,
            h,
            radius,
            fill,
        } => {
            if let Some(path) = rounded(*x, *y, *w, *h, *radius) {
                pm.fill_path(&path, &paint_of(*fill), FillRule::Winding, t, None);
            }
        }
        Shape::Frame {
            x,
            y,
            w,
            h,
            radius,
            stroke,
            width,
        } => {
            if let Some(path) = rounded(*x, *y, *w, *h, *radius) {
                let st = Stroke {
                    width: *width,
                    ..Stroke::default()
                };
                pm.stroke_path(&path, &paint_of(*stroke), &st, t, None);
            }
        }
        Shape::Line {
            x0,
            y0,
            x1,
            y1,
            width,
            color,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x0, *y0);
            pb.line_to(*x1, *y1);
            if let Some(path) = pb.finish() {
                let st = Stroke {
                    width: *width,
                    line_cap: LineCap::Butt,
                    ..Stroke::default()
                };
                pm.stroke_path(&path, &paint_of(*color), &st, t, None);
            }
        }
        Shape::Lines {
            segments,
            width,
            color,
        } => {
            let mut pb = PathBuilder::new();
            for [(x0, y0), (x1, y1)] in segments {
                pb.move_to(*x0, *y0);
                pb.line_to(*x1, *y1);
            }
            if let Some(path) = pb.finish() {
                let st = Stroke {
                    width: *width,
                    line_cap: LineCap::Butt,
                    ..Stroke::default()
                };
                // Many short 45° strokes: aliased, they look the same at 2× and cost a
                // fraction of anti-aliased ones.
                let mut p = paint_of(*color);
                p.anti_alias = false;
                pm.stroke_path(&path, &p, &st, t, None);
            }
        }
        Shape::Polygon { points, fill } => {
            let mut pb = PathBuilder::new();
            for (i, (x, y)) in points.iter().enumerate() {
                if i == 0 {
                    pb.move_to(*x, *y);
                } else {
                    pb.line_to(*x, *y);
                }
            }
            pb.close();
            if let Some(path) = pb.finish() {
                pm.fill_path(&path, &paint_of(*fill), FillRule::Winding, t, None);
            }
        }
        Shape::Circle {
            cx,
            cy,
            r,
            fill,
            stroke,
            width,
        } => {
            if let Some(path) = PathBuilder::from_circle(*cx, *cy, *r) {
                pm.fill_path(&path, &paint_of(*fill), FillRule::Winding, t, None);
                let st = Stroke {
                    width: *width,
                    ..Stroke::default()
                };
                pm.stroke_path(&path, &paint_of(*stroke), &st, t, None);
            }
        }
        Shape::Gradient { x, y, w, h, stops } => {
            let n = stops.len().max(2) - 1;
            let grad: Vec<GradientStop> = stops
                .iter()
                .enumerate()
                .map(|(i, c)| GradientStop::new(i as f32 / n as f32, color(*c)))
                .collect();
            let shader = LinearGradient::new(
                Point::from_xy(*x, *y),
                Point::from_xy(x + w, *y),
                grad,
                SpreadMode::Pad,
                Transform::identity(),
            );
            if let (Some(shader), Some(path)) = (shader, rounded(*x, *y, *w, *h, 0.0)) {
                let p = Paint {
                    shader,
                    anti_alias: true,
                    ..Paint::default()
                };
                pm.fill_path(&path, &p, FillRule::Winding, t, None);
            }
        }
        Shape::Text {
            x,
            y,
            text,
            size,
            weight,
            anchor,
            color,
        } => draw_text(
            pm,
            fonts,
            glyphs,
            band,
            (*x, *y),
            text,
            *size,
            *weight,
            *anchor,
            *color,
        ),
    }
}

/// Fills the band, then cuts the card's corners round where the band holds them: a plain
/// fill is several times faster than filling a rounded path this large, and only the
/// corners need coverage.
fn card(pm: &mut Pixmap, r: f32, fill: Rgba, band: Band) {
    pm.fill(color(fill));
    let (w, h) = (band.width, band.height);
    let r = if r.is_finite() {
        r.clamp(0.0, w.min(h) as f32 / 2.0)
    } else {
        0.0
    };
    let n = r.ceil() as usize;
    let data = pm.data_mut();
    for dy in 0..n {
        for dx in 0..n {
            // Distance from this pixel's centre to the corner circle's centre.
            let (fx, fy) = (r - (dx as f32 + 0.5), r - (dy as f32 + 0.5));
            let cov = (r - (fx * fx + fy * fy).sqrt() + 0.5).clamp(0.0, 1.0);
            if cov >= 1.0 {
                continue;
            }
            let a = (cov * fill.3 as f32).round() as u32;
            let px = |c: u8| ((c as u32 * a + 127) / 255) as u8;
            let value = [px(fill.0), px(fill.1), px(fill.2), a as u8];
            for (x, y) in [
                (dx, dy),
                (w - 1 - dx, dy),
                (dx, h - 1 - dy),
                (w - 1 - dx, h - 1 - dy),
            ] {
                if (band.top..band.top + band.rows).contains(&y) {
                    let i = ((y - band.top) * w + x) * 4;
                    data[i..i + 4].copy_from_slice(&value);
                }
            }
        }
    }
}

fn rounded(x: f32, y: f32, w: f32, h: f32, r: f32) -> Option<Path> {
    if !(w > 0.0 && h > 0.0) {
        return None;
    }
    let r = r.min(w / 2.0).min(h / 2.0);
    if r.is_nan() || r <= 0.0 {
        return Some(PathBuilder::from_rect(Rect::from_xywh(x, y, w, h)?));
    }
    // A quarter circle as one cubic: the control points sit 0.5523 r along the tangents.
    let k = 0.552_284_8 * r;
    let mut pb = PathBuilder::new();
    pb.move_to(x + r, y);
    pb.line_to(x + w - r, y);
    pb.cubic_to(x + w - r + k, y, x + w, y + r - k, x + w, y + r);
    pb.line_to(x + w, y + h - r);
    pb.cubic_to(x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
    pb.line_to(x + r, y + h);
    pb.cubic_to(x + r - k, y + h, x, y + h - r + k, x, y + h - r);
    pb.line_to(x, y + r);
    pb.cubic_to(x, y + r - k, x + r - k, y, x + r, y);
    pb.close();
    pb.finish()
}

/// A glyph's coverage, rasterised once per chart for each subpixel offset it is drawn at:
/// charts repeat the same few characters (digits, "$", "k") many times.
struct Coverage {
    left: i32,
    top: i32,
    width: usize,
    alpha: Vec<u8>,
}

type GlyphKey = (u16, u32, bool, u8, u8);

/// Glyph positions are rounded to a quarter pixel, which the eye cannot tell from exact.
const SUBPIXEL: f32 = 4.0;

#[allow(clippy::too_many_arguments)]
fn draw_text(
    pm: &mut Pixmap,
    fonts: &Fonts,
    cache: &mut HashMap<GlyphKey, Option<Coverage>>,
    band: Band,
    (x, y): (f32, f32),
    text: &str,
    size: f32,
    weight: Weight,
    anchor: Anchor,
    c: Rgba,
) {
    let Some(face) = fonts.face(weight) else {
        return;
    };
    if !(x.is_finite() && y.is_finite() && size.is_finite() && size > 0.0) {
        return;
    }
    // Text wholly outside this band is not drawn here (glyphs reach about an em above the
    // baseline and a third of one below).
    let base = y * SCALE - band.top as f32;
    let em = size * SCALE;
    if base + em * 0.4 < 0.0 || base - em * 1.1 > band.rows as f32 {
        return;
    }
    let w = fonts.width(text, size, weight);
    let x = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - w / 2.0,
        Anchor::End => x - w,
    };
    let scale = px_scale(face, size * SCALE);
    let sf = face.as_scaled(scale);
    let (pw, ph) = (pm.width() as i32, pm.height() as i32);
    let data = pm.data_mut();
    let (by, fy) = (base.floor(), ((base - base.floor()) * SUBPIXEL).round());
    let mut pen = x * SCALE;
    let mut prev = None;
    for ch in drawable(text) {
        let id = face.glyph_id(ch);
        if let Some(p) = prev {
            pen += sf.kern(p, id);
        }
        let (px0, fx) = (pen.floor(), ((pen - pen.floor()) * SUBPIXEL).round());
        let key = (
            id.0,
            size.to_bits(),
            weight == Weight::Bold,
            fx as u8,
            fy as u8,
        );
        let cov = cache.entry(key).or_insert_with(|| {
            let at = ab_glyph::point(fx / SUBPIXEL, fy / SUBPIXEL);
            let og = face.outline_glyph(id.with_scale_and_position(scale, at))?;
            let b = og.px_bounds();
            let width = b.width().max(0.0) as usize;
            let mut alpha = vec![0u8; width * b.height().max(0.0) as usize];
            og.draw(|gx, gy, v| {
                if let Some(a) = alpha.get_mut(gy as usize * width + gx as usize) {
                    *a = (v.clamp(0.0, 1.0) * 255.0).round() as u8;
                }
            });
            Some(Coverage {
                left: b.min.x as i32,
                top: b.min.y as i32,
                width,
                alpha,
            })
        });
        if let Some(cov) = cov.as_ref().filter(|c| c.width > 0) {
            let (ox, oy) = (px0 as i32 + cov.left, by as i32 + cov.top);
            // Row by row, clipped once per row rather than per pixel.
            let x_from = (-ox).max(0) as usize;
            let x_to = ((pw - ox).max(0) as usize).min(cov.width);
            for (gy, line) in cov.alpha.chunks_exact(cov.width).enumerate() {
                let py = oy + gy as i32;
                if py < 0 || py >= ph || x_from >= x_to {
                    continue;
                }
                let row = py as usize * pw as usize;
                for (gx, a) in line.iter().enumerate().take(x_to).skip(x_from) {
                    if *a != 0 {
                        let at = (row + (ox + gx as i32) as usize) * 4;
                        blend(&mut data[at..at + 4], c, *a);
                    }
                }
            }
        }
        pen += sf.h_advance(id);
        prev = Some(id);
    }
}

/// Source-over of a straight colour at `coverage` (0–255) onto one premultiplied pixel.
fn blend(px: &mut [u8], c: Rgba, coverage: u8) {
    let sa = c.3 as u32 * coverage as u32 / 255;
    let keep = 255 - sa;
    for (d, s) in px.iter_mut().zip([c.0, c.1, c.2]) {
        *d = ((s as u32 * sa + *d as u32 * keep + 127) / 255) as u8;
    }
    px[3] = ((255 * sa + px[3] as u32 * keep + 127) / 255) as u8;
}

/// PNG wants straight alpha; tiny-skia keeps it premultiplied.
fn unpremultiply(bytes: &mut [u8]) {
    for p in bytes.chunks_exact_mut(4) {
        let a = p[3] as u32;
        if a != 0 && a != 255 {
            for c in &mut p[..3] {
                *c = ((*c as u32 * 255 + a / 2) / a).min(255) as u8;
            }
        }
    }
}
