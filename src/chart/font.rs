//! The bundled font (Inter, SIL OFL 1.1; see assets/fonts/) and text measuring. The font is
//! compiled in, so a chart looks the same on every machine and needs no system fonts; the
//! layouts measure with it so that labels are fitted before anything is drawn.

use super::scene::Weight;
use ab_glyph::{Font, FontRef, PxScale, ScaleFont};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-SemiBold.otf");

/// No text longer than this is measured or drawn: a label is a name, not a document.
pub const MAX_CHARS: usize = 200;

/// The two faces, parsed once per chart (parsing reads only table headers: microseconds).
pub struct Fonts {
    regular: Option<FontRef<'static>>,
    bold: Option<FontRef<'static>>,
}

impl Fonts {
    pub fn load() -> Fonts {
        Fonts {
            regular: FontRef::try_from_slice(REGULAR).ok(),
            bold: FontRef::try_from_slice(BOLD).ok(),
        }
    }

    /// The face for a weight; bold falls back to regular. `None` only if the bundled bytes
    /// were unreadable, which the tests rule out; layouts then estimate widths instead.
    pub fn face(&self, w: Weight) -> Option<&FontRef<'static>> {
        match w {
            Weight::Bold => self.bold.as_ref().or(self.regular.as_ref()),
            Weight::Regular => self.regular.as_ref(),
        }
    }

    /// Width of `text` set at `size` (em, logical px).
    pub fn width(&self, text: &str, size: f32, w: Weight) -> f32 {
        let Some(f) = self.face(w) else {
            return drawable(text).count() as f32 * size * 0.55;
        };
        let sf = f.as_scaled(px_scale(f, size));
        let mut x = 0.0;
        let mut prev = None;
        for c in drawable(text) {
            let id = f.glyph_id(c);
            if let Some(p) = prev {
                x += sf.kern(p, id);
            }
            x += sf.h_advance(id);
            prev = Some(id);
        }
        x
    }

    /// `text` cut to fit in `max`, ending with "…" when cut.
    pub fn fit(&self, text: &str, size: f32, w: Weight, max: f32) -> String {
        let text: String = drawable(text).collect();
        if self.width(&text, size, w) <= max {
            return text;
        }
        let chars: Vec<char> = text.chars().collect();
        // Longest prefix that fits with the ellipsis: a binary search over lengths.
        let (mut lo, mut hi) = (0, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let s: String = chars[..mid].iter().collect::<String>() + "…";
            if self.width(&s, size, w) <= max {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let mut s: String = chars[..lo].iter().collect::<String>();
        s = s.trim_end().to_string();
        s.push('…');
        s
    }

    /// `text` broken at spaces into at most `lines` lines of at most `max` wide; the last line
    /// is cut with "…" if the text does not fit.
    pub fn wrap(&self, text: &str, size: f32, w: Weight, max: f32, lines: usize) -> Vec<String> {
        let text: String = drawable(text).collect();
        let mut out: Vec<String> = Vec::new();
        let mut words = text.split_whitespace().peekable();
        while words.peek().is_some() && out.len() < lines.max(1) {
            let last = out.len() + 1 == lines.max(1);
            let mut line = String::new();
            while let Some(word) = words.peek() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if line.is_empty() || self.width(&candidate, size, w) <= max {
                    line = candidate;
                    words.next();
                } else {
                    break;
                }
            }
            if last && words.peek().is_some() {
                let rest: Vec<&str> = words.by_ref().collect();
                line = format!("{line} {}", rest.join(" "));
            }
            out.push(self.fit(&line, size, w, max));
        }
        out
    }
}

/// ab_glyph scales by the font's full height; charts speak in em sizes, like CSS.
pub fn px_scale(f: &FontRef<'_>, size: f32) -> PxScale {
    let em = f.units_per_em().unwrap_or(1000.0);
    PxScale::from(size * f.height_unscaled() / em)
}

/// The characters that are drawn: no control characters, at most `MAX_CHARS`.
pub fn drawable(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| !c.is_control()).take(MAX_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_faces_load_and_have_the_glyphs_charts_use() {
        let f = Fonts::load();
        for w in [Weight::Regular, Weight::Bold] {
            let face = f.face(w).expect("bundled font parses");
            for c in "≥$0123456789,.–—…·kMBhr×○▶ ABCxyz".chars() {
                assert_ne!(face.glyph_id(c).0, 0, "{c:?} missing in {w:?}");
            }
        }
    }

    #[test]
    fn fitting_and_wrapping_keep_within_the_width_and_say_when_cut() {
        let f = Fonts::load();
        let long = "Computer and Information Systems Managers";
        let w = f.width(long, 13.0, Weight::Bold);
        assert!(w > 200.0 && w < 320.0, "{w}");
        let cut = f.fit(long, 13.0, Weight::Bold, 120.0);
        assert!(
            cut.ends_with('…') && f.width(&cut, 13.0, Weight::Bold) <= 120.0,
            "{cut}"
        );
        assert_eq!(f.fit("Nurse", 13.0, Weight::Bold, 120.0), "Nurse");
        let lines = f.wrap(long, 13.0, Weight::Bold, 170.0, 2);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines
                .iter()
                .all(|l| f.width(l, 13.0, Weight::Bold) <= 170.0)
        );
        assert_eq!(lines[0], "Computer and Information");
        let three = f.wrap(long, 13.0, Weight::Bold, 90.0, 2);
        assert!(three[1].ends_with('…'), "{three:?}");
        assert!(f.wrap("", 13.0, Weight::Bold, 90.0, 2).is_empty());
        assert_eq!(f.fit("a\u{0}b\nc", 13.0, Weight::Regular, 500.0), "abc");
        // One word wider than the line is cut, not overflowing.
        let one = f.wrap(&"W".repeat(500), 13.0, Weight::Regular, 50.0, 2);
        assert!(one.len() == 1 && f.width(&one[0], 13.0, Weight::Regular) <= 50.0);
    }
}
