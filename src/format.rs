//! Numbers and money as people read them, shared by every front end so the terminal and
//! Discord never disagree about a figure.

use crate::data::{Pay, PayValue};

/// `$213,990`, `$239,200 or more`, `—` (not released).
pub fn annual(p: Pay) -> String {
    match p.value() {
        PayValue::NotReleased => "—".to_string(),
        PayValue::Amount(v) => format!("${}", thousands(v as u64)),
        PayValue::AtLeast(v) => format!("${} or more", thousands(v as u64)),
    }
}

/// `$102.88/hr`, `$115.00/hr or more`, `—`.
pub fn hourly(p: Pay) -> String {
    match p.value() {
        PayValue::NotReleased => "—".to_string(),
        PayValue::Amount(c) => format!("${}.{:02}/hr", thousands((c / 100) as u64), c % 100),
        PayValue::AtLeast(c) => {
            format!("${}.{:02}/hr or more", thousands((c / 100) as u64), c % 100)
        }
    }
}

/// `1,234,567`
pub fn thousands(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `+4.3%`, `-2.0%`
pub fn percent_change(p: f64) -> String {
    format!("{}{:.1}%", if p > 0.0 { "+" } else { "" }, p)
}

/// Employment given in thousands, as a count people read: `309,400`.
pub fn jobs_from_thousands(k: f64) -> String {
    thousands((k * 1000.0).round().max(0.0) as u64)
}

/// `1.4×`: one decimal, or two below 1.1 where one would hide a real difference.
pub fn ratio(r: f64) -> String {
    if (r - 1.0).abs() < 0.1 {
        format!("{r:.2}×")
    } else {
        format!("{r:.1}×")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_as_published() {
        assert_eq!(annual(Pay::amount(213_990)), "$213,990");
        assert_eq!(annual(Pay::at_least(239_200)), "$239,200 or more");
        assert_eq!(annual(Pay::NOT_RELEASED), "—");
        assert_eq!(hourly(Pay::amount(10_288)), "$102.88/hr");
        assert_eq!(hourly(Pay::amount(905)), "$9.05/hr");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
        assert_eq!(percent_change(4.3), "+4.3%");
        assert_eq!(percent_change(-2.0), "-2.0%");
        assert_eq!(jobs_from_thousands(309.4), "309,400");
    }
}
