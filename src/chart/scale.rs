//! The value axis, from a round number at or below the lowest figure to one above the
//! highest, and the money labels on it. Whiskers and boxes mark positions, not lengths from
//! zero, so the axis starts at zero only when the figures come near it; otherwise the range
//! would be squeezed into the right half of the chart.

use super::rows::Unit;

/// A linear map from an amount (dollars a year, or dollars an hour) to an x position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub x0: f32,
    pub x1: f32,
}

impl Scale {
    /// The x of `v`, clamped to the axis so that no input can draw outside it.
    pub fn x(&self, v: f64) -> f32 {
        let span = self.hi - self.lo;
        let t = if span > 0.0 && v.is_finite() {
            ((v - self.lo) / span).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.x0 + (t as f32) * (self.x1 - self.x0)
    }
}

/// The axis for figures from `min` to `max`: its ends and its ticks (3–7 round steps).
/// It starts at 0 unless every figure is above a quarter of the largest. `open` asks for
/// room past `max`, where open-ended (capped) figures run to the edge, so the edge is never
/// mistaken for a figure.
pub fn axis(min: f64, max: f64, open: bool, unit: Unit) -> Axis {
    let fallback = match unit {
        Unit::Annual => 100_000.0,
        Unit::Hourly => 50.0,
    };
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        fallback
    };
    let want = if open { max * 1.1 } else { max };
    // A single figure (min == max) has no spread to fit the axis to: it starts at zero.
    let from_zero = !(min.is_finite() && min > 0.25 * max && min < want);
    let step = nice_step(if from_zero { want } else { want - min } / 5.0);
    let lo = if from_zero {
        0.0
    } else {
        (min / step).floor() * step
    };
    let hi = ((want / step).ceil() * step).max(lo + step);
    let n = ((hi - lo) / step).round() as usize;
    let ticks = (0..=n).map(|i| lo + i as f64 * step).collect();
    Axis { lo, hi, ticks }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
}

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ not below `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * mag)
}

/// A tick label: `$0`, `$50k`, `$1.5M` a year; `$20/hr`, `$12.50/hr` an hour.
pub fn tick_label(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Annual => short_annual(v),
        Unit::Hourly if v == 0.0 => "$0".to_string(),
        Unit::Hourly => {
            if (v - v.round()).abs() < 0.005 {
                format!("${}/hr", v.round() as i64)
            } else {
                format!("${v:.2}/hr")
            }
        }
    }
}

/// `$98k`, `$1.2M`: an annual figure in a few characters (map tiles, axis ticks).
pub fn short_annual(v: f64) -> String {
    let trim = |x: f64| {
        let s = format!("{x:.1}");
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    };
    if v >= 999_950_000.0 {
        format!("${}B", trim(v / 1e9))
    } else if v >= 999_500.0 {
        format!("${}M", trim(v / 1e6))
    } else if v >= 1_000.0 {
        let k = v / 1e3;
        if (k - k.round()).abs() < 0.05 || k >= 100.0 {
            format!("${}k", k.round() as i64)
        } else {
            format!("${}k", trim(k))
        }
    } else {
        format!("${}", v.round() as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_ends_on_round_numbers_around_the_data() {
        let a = axis(40_000.0, 220_730.0, false, Unit::Annual);
        assert_eq!((a.lo, a.hi), (0.0, 250_000.0));
        assert_eq!(a.ticks, vec![0.0, 50e3, 100e3, 150e3, 200e3, 250e3]);
        let a = axis(20.35, 143.68, false, Unit::Hourly);
        assert_eq!(a.ticks, vec![0.0, 50.0, 100.0, 150.0]);
        // Figures all far from zero: the axis starts at a round number below the lowest.
        let a = axis(82_000.0, 298_000.0, false, Unit::Annual);
        assert_eq!((a.lo, a.hi), (50_000.0, 300_000.0));
        assert!(a.ticks.iter().all(|t| *t >= a.lo && *t <= a.hi));
        // Room past a capped figure: the edge is beyond it, not on it.
        let a = axis(0.0, 200_000.0, true, Unit::Annual);
        assert!(a.hi >= 220_000.0, "{}", a.hi);
        let a = axis(0.0, 200_000.0, false, Unit::Annual);
        assert_eq!(a.hi, 200_000.0);
    }

    #[test]
    fn absurd_or_empty_input_still_gives_a_usable_axis() {
        for max in [0.0, -5.0, f64::NAN, f64::INFINITY] {
            for min in [0.0, max, f64::NAN, 1e12] {
                let a = axis(min, max, false, Unit::Annual);
                assert!(a.hi > a.lo && a.ticks.len() >= 2, "{min} {max}");
            }
        }
        let a = axis(10.0, 2_000_000_000.0, true, Unit::Annual);
        assert!(a.hi >= 2.2e9 && (4..=8).contains(&a.ticks.len()), "{a:?}");
        let a = axis(0.01, 0.01, false, Unit::Hourly);
        assert!(a.hi >= 0.01 && a.lo <= 0.01 && a.ticks.len() >= 2, "{a:?}");
    }

    #[test]
    fn positions_are_linear_and_clamped() {
        let s = Scale {
            lo: 0.0,
            hi: 200.0,
            x0: 100.0,
            x1: 500.0,
        };
        assert_eq!(s.x(0.0), 100.0);
        assert_eq!(s.x(50.0), 200.0);
        assert_eq!(s.x(200.0), 500.0);
        assert_eq!(s.x(1e12), 500.0);
        assert_eq!(s.x(-1.0), 100.0);
        assert_eq!(s.x(f64::NAN), 100.0);
        let flat = Scale { hi: 0.0, ..s };
        assert_eq!(flat.x(10.0), 100.0);
    }

    #[test]
    fn labels_are_short_and_exact_where_it_matters() {
        assert_eq!(tick_label(0.0, Unit::Annual), "$0");
        assert_eq!(tick_label(50_000.0, Unit::Annual), "$50k");
        assert_eq!(tick_label(12_500.0, Unit::Annual), "$12.5k");
        assert_eq!(tick_label(1_500_000.0, Unit::Annual), "$1.5M");
        assert_eq!(tick_label(2e9, Unit::Annual), "$2B");
        assert_eq!(tick_label(0.0, Unit::Hourly), "$0");
        assert_eq!(tick_label(20.0, Unit::Hourly), "$20/hr");
        assert_eq!(tick_label(12.5, Unit::Hourly), "$12.50/hr");
        assert_eq!(short_annual(98_000.0), "$98k");
        assert_eq!(short_annual(98_400.0), "$98.4k");
        assert_eq!(short_annual(239_200.0), "$239k");
        assert_eq!(short_annual(999_999.0), "$1M");
    }
}
