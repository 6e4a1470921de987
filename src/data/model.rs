//! What the dataset is made of, in memory. Plain data: no I/O, no matching, no presentation.

use serde::Serialize;

/// Index of a career in [`super::Dataset::careers`]. Stable for the life of one loaded dataset.
pub type CareerIdx = usize;

/// A career people can ask about: an O*NET occupation, or a curated role that borrows the
/// figures of one.
#[derive(Debug, Clone)]
pub struct Career {
    /// O*NET-SOC code (`15-1252.00`) for an occupation, a kebab-case slug for a curated role.
    pub id: String,
    pub title: String,
    pub description: String,
    pub kind: CareerKind,
    /// O*NET Job Zone 1–5 (preparation needed); absent for a few occupations.
    pub job_zone: Option<u8>,
    /// Display order: core tasks first, then by how many incumbents reported them.
    pub tasks: Vec<Task>,
    /// Most related first.
    pub related: Vec<Related>,
    pub aliases: Vec<Alias>,
    /// The BLS code the figures come from, and its title. For most occupations it is the
    /// occupation's own six-digit SOC code; see [`FiguresKey::broader`].
    pub figures: Option<FiguresKey>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CareerKind {
    Occupation,
    /// A role that is not an occupation of its own; its figures are those of `figures_from`.
    Curated {
        figures_from: CareerIdx,
    },
    /// A role added by moderators or owners (never in `data/`; see `crate::View`): the figures
    /// of `figures_from`, or only its own edited figures.
    Added {
        figures_from: Option<CareerIdx>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiguresKey {
    pub code: String,
    pub title: String,
    /// True when the BLS code covers more than this occupation: a six-digit group for a
    /// `.01`-style O*NET code, or a combined BLS code.
    pub broader: bool,
}

impl Career {
    /// Curated in `data/curated.toml` or added by moderators: not an O*NET occupation.
    pub fn is_curated(&self) -> bool {
        matches!(
            self.kind,
            CareerKind::Curated { .. } | CareerKind::Added { .. }
        )
    }

    /// O*NET's `.00` codes are the base occupations; `.01`… are specialisations. People who
    /// type an ambiguous name more often mean the base one.
    pub fn is_base_occupation(&self) -> bool {
        self.kind == CareerKind::Occupation && self.id.ends_with(".00")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub text: String,
    pub kind: TaskKind,
}

/// O*NET rates each task as core or supplemental by how many incumbents do it; tasks of
/// recently revised occupations are not rated yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaskKind {
    Core,
    Supplemental,
    Unrated,
}

impl TaskKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::Core => "core",
            TaskKind::Supplemental => "supplemental",
            TaskKind::Unrated => "unrated",
        }
    }

    pub fn parse(s: &str) -> Option<TaskKind> {
        [TaskKind::Core, TaskKind::Supplemental, TaskKind::Unrated]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelatedTier {
    PrimaryShort,
    PrimaryLong,
    Supplemental,
    /// Chosen by the editors of a curated role.
    Curated,
}

impl RelatedTier {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "Primary-Short" => RelatedTier::PrimaryShort,
            "Primary-Long" => RelatedTier::PrimaryLong,
            "Supplemental" => RelatedTier::Supplemental,
            "Curated" => RelatedTier::Curated,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RelatedTier::PrimaryShort => "Primary-Short",
            RelatedTier::PrimaryLong => "Primary-Long",
            RelatedTier::Supplemental => "Supplemental",
            RelatedTier::Curated => "Curated",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub career: CareerIdx,
    pub tier: RelatedTier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AliasKind {
    /// O*NET alternate title.
    Alternate,
    /// O*NET short form of an alternate title (`CTO`).
    Short,
    /// A title workers reported to O*NET.
    Reported,
    /// From `data/curated.toml`.
    Curated,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub text: String,
    pub kind: AliasKind,
    pub usage: Usage,
}

/// How much a name is used, as far as O*NET tells: a title it lists, one workers reported in
/// its surveys, or one of those that My Next Move shows (O*NET's pick of what people are
/// called). The editors' own names (curated, or added by moderators) count as featured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Usage {
    Listed,
    Reported,
    Featured,
}

/// A wage as BLS publishes it: an amount, a capped "at least" amount, or nothing.
///
/// Packed into four bytes because the pay table holds ~2.7 million of them: annual amounts in
/// dollars, hourly amounts in cents, the top bit marking a capped value, `u32::MAX` for "not
/// released".
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pay(u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayValue {
    NotReleased,
    Amount(u32),
    /// BLS caps the top of its published range ("$239,200 or more").
    AtLeast(u32),
}

const CAPPED: u32 = 1 << 31;
const NONE: u32 = u32::MAX;

impl Pay {
    pub const NOT_RELEASED: Pay = Pay(NONE);

    pub fn amount(v: u32) -> Pay {
        debug_assert!(v < CAPPED);
        Pay(v)
    }

    pub fn at_least(v: u32) -> Pay {
        Pay(v | CAPPED)
    }

    pub fn value(self) -> PayValue {
        match self.0 {
            NONE => PayValue::NotReleased,
            v if v & CAPPED != 0 => PayValue::AtLeast(v & !CAPPED),
            v => PayValue::Amount(v),
        }
    }

    /// The number to compute with: the amount, or the floor of a capped value.
    pub fn lower_bound(self) -> Option<u32> {
        match self.value() {
            PayValue::NotReleased => None,
            PayValue::Amount(v) | PayValue::AtLeast(v) => Some(v),
        }
    }

    pub fn is_capped(self) -> bool {
        matches!(self.value(), PayValue::AtLeast(_))
    }
}

impl std::fmt::Debug for Pay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.value().fmt(f)
    }
}

/// The statistics in a pay row, in table order.
pub const PAY_STATS: [&str; 6] = ["mean", "p10", "p25", "median", "p75", "p90"];

/// OEWS figures for one BLS code in one area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayRow {
    pub area: AreaIdx,
    pub employment: Option<u32>,
    /// Cents per hour: mean, p10, p25, median, p75, p90.
    pub hourly: [Pay; 6],
    /// Dollars per year: mean, p10, p25, median, p75, p90.
    pub annual: [Pay; 6],
}

impl PayRow {
    pub fn annual_median(&self) -> Pay {
        self.annual[3]
    }
    pub fn hourly_median(&self) -> Pay {
        self.hourly[3]
    }
    /// True when this row publishes hourly wages but no annual ones (some performing arts).
    pub fn hourly_only(&self) -> bool {
        self.annual
            .iter()
            .all(|p| p.value() == PayValue::NotReleased)
            && self
                .hourly
                .iter()
                .any(|p| p.value() != PayValue::NotReleased)
    }
}

pub type AreaIdx = u16;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AreaKind {
    National,
    State,
    Metro,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// BLS OEWS area code, e.g. `0000000` (nation), `0000039` (Ohio), `0010420` (Akron, OH).
    pub code: String,
    pub kind: AreaKind,
    /// Two-letter postal code for a state; empty for the nation and for metros.
    pub postal: String,
    pub name: String,
}

/// BLS Employment Projections 2024–34 for one BLS code.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// Thousands of jobs.
    pub employment_2024: f64,
    pub employment_2034: f64,
    pub change_pct: f64,
    /// Thousands of openings a year, on average over the decade.
    pub openings: f64,
    pub median_wage_2024: Pay,
    pub education: String,
    pub experience: String,
    pub training: String,
}

/// Where a figure comes from, named the way the answers cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub publisher: String,
    /// When the source was published ("May 2025", "2026-05-15").
    pub released: String,
    /// What period the figures describe ("May 2025", "2024–34").
    pub period: String,
    pub citation: String,
    pub url: String,
}
