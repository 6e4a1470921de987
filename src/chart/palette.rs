//! Colours. Charts are drawn on their own white card with a thin border, so they read the
//! same on Discord's dark and light themes: no colour has to work against both backgrounds.
//! Series colours are from the Okabe–Ito set and the map uses viridis, both chosen because
//! readers with the common colour-vision deficiencies can tell them apart; nothing is
//! told by colour alone (rows carry their area as text, tiles their value).

use super::scene::Rgba;

pub const CARD: Rgba = Rgba::rgb(255, 255, 255);
pub const BORDER: Rgba = Rgba::rgb(208, 215, 222);
/// Body text, median marks, outlines.
pub const INK: Rgba = Rgba::rgb(31, 35, 40);
/// Secondary text: subtitles, axis labels, small print (7:1 on the card).
pub const MUTED: Rgba = Rgba::rgb(87, 96, 106);
pub const GRID: Rgba = Rgba::rgb(230, 234, 239);
/// Okabe–Ito blue: national rows.
pub const NATIONAL: Rgba = Rgba::rgb(0, 114, 178);
/// Okabe–Ito vermillion: rows for the place asked about (3.9:1 on white, so its text reads).
pub const LOCAL: Rgba = Rgba::rgb(213, 94, 0);
/// A state with no published figure: a neutral grey no viridis colour comes close to.
pub const NO_DATA: Rgba = Rgba::rgb(204, 204, 204);

/// viridis at 11 evenly spaced points (as R's `viridis(11)` gives them).
const VIRIDIS: [(u8, u8, u8); 11] = [
    (0x44, 0x01, 0x54),
    (0x48, 0x25, 0x76),
    (0x41, 0x44, 0x87),
    (0x35, 0x60, 0x8d),
    (0x2a, 0x78, 0x8e),
    (0x21, 0x90, 0x8c),
    (0x22, 0xa8, 0x84),
    (0x43, 0xbf, 0x71),
    (0x7a, 0xd1, 0x51),
    (0xbb, 0xdf, 0x27),
    (0xfd, 0xe7, 0x25),
];

/// viridis at `t` in 0..=1 (dark purple to yellow; lightness rises all the way). Out-of-range
/// and NaN inputs are clamped, so any value gets a colour.
pub fn viridis(t: f32) -> Rgba {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let pos = t * (VIRIDIS.len() - 1) as f32;
    let i = (pos.floor() as usize).min(VIRIDIS.len() - 2);
    let f = pos - i as f32;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    let mix = |x: u8, y: u8| (x as f32 + (y as f32 - x as f32) * f).round() as u8;
    Rgba::rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Text that reads on a fill: ink on light fills, white on dark ones. The switch is where
/// both give the same contrast, so the worst tile (viridis's middle teal) still gets about
/// 4:1, which is why tile labels are bold.
pub fn text_on(fill: Rgba) -> Rgba {
    if fill.luminance() > 0.215 { INK } else { CARD }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viridis_gets_lighter_all_the_way_so_order_survives_without_hue() {
        let mut last = -1.0;
        for i in 0..=200 {
            let l = viridis(i as f32 / 200.0).luminance();
            assert!(l >= last - 1e-4, "not monotone at {i}: {l} < {last}");
            last = l;
        }
        assert_eq!(viridis(-3.0), viridis(0.0));
        assert_eq!(viridis(f32::NAN), viridis(0.0));
        assert_eq!(viridis(9.0), Rgba::rgb(0xfd, 0xe7, 0x25));
    }

    #[test]
    fn text_contrast_is_enough_on_the_card_and_on_every_tile() {
        let contrast = |a: Rgba, b: Rgba| {
            let (x, y) = (a.luminance() + 0.05, b.luminance() + 0.05);
            x.max(y) / x.min(y)
        };
        assert!(contrast(INK, CARD) > 12.0);
        assert!(contrast(MUTED, CARD) > 4.5);
        assert!(contrast(LOCAL, CARD) > 3.0);
        assert!(contrast(NATIONAL, CARD) > 4.5);
        for i in 0..=20 {
            let fill = viridis(i as f32 / 20.0);
            assert!(contrast(text_on(fill), fill) >= 3.9, "tile {i}");
        }
        assert!(contrast(text_on(NO_DATA), NO_DATA) >= 4.5);
    }
}
