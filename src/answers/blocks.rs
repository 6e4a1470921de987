//! The pieces answers are made of: a career reference, pay, outlook, entry requirements,
//! sources and disclosures.

use crate::View;
use crate::data::{AreaIdx, AreaKind, CareerIdx, Pay, PayValue};
use crate::format;
use crate::overlay::{Field, FigureValue};
use serde::{Serialize, Serializer};

/// Which career an answer is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CareerRef {
    /// Career id: the O*NET-SOC code, or a curated role's id.
    pub id: String,
    /// O*NET-SOC code of the occupation the figures come from (the career's own for an
    /// occupation).
    pub soc: String,
    pub title: String,
    pub curated: bool,
    /// Title of the occupation whose figures a curated role uses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures_from: Option<String>,
    /// Title of the broader BLS group the figures describe, when they are not this
    /// occupation's alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures_group: Option<String>,
    /// The BLS code of that broader group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures_group_code: Option<String>,
    /// The title names a group of workers and takes a plural verb ("Registered Nurses
    /// pay"), as every O*NET and BLS title does; a role's own title usually names one
    /// ("Product Manager pays").
    #[serde(skip)]
    pub plural: bool,
}

impl CareerRef {
    pub fn new(v: &View, idx: CareerIdx) -> CareerRef {
        let c = v.career(idx);
        let occ = v.figures_occupation(idx);
        let data = &v.rc.data;
        CareerRef {
            id: c.id.clone(),
            // A role added with only its own figures has no occupation: its own id stands in.
            soc: occ.map_or_else(|| c.id.clone(), |o| data.career(o).id.clone()),
            title: c.title.clone(),
            curated: c.is_curated(),
            figures_from: if c.is_curated() {
                occ.map(|o| data.career(o).title.clone())
            } else {
                None
            },
            figures_group: occ
                .and_then(|o| data.figures_key(o))
                .filter(|k| k.broader)
                .map(|k| k.title.clone()),
            figures_group_code: occ
                .and_then(|o| data.figures_key(o))
                .filter(|k| k.broader)
                .map(|k| k.code.clone()),
            plural: !c.is_curated() || crate::text::reads_plural(&c.title),
        }
    }

    /// Whose figures the answer shows, by name, with the code that identifies them: the
    /// occupation's own ("Registered Nurses (29-1141.00)"), the occupation a curated role
    /// borrows them from ("Computer and Information Systems Managers (11-3021.00)"), or the
    /// broader BLS group they describe ("Computer occupations, all other (BLS 15-1299)").
    pub fn figures_for(&self) -> String {
        match (
            &self.figures_group,
            &self.figures_group_code,
            &self.figures_from,
        ) {
            (Some(group), Some(code), _) => format!("{group} (BLS {code})"),
            (Some(group), None, _) => group.clone(),
            (None, _, Some(from)) => format!("{from} ({})", self.soc),
            // A role added with figures of its own has no code.
            (None, _, None) if self.soc == self.id && self.curated => self.title.clone(),
            (None, _, None) => format!("{} ({})", self.title, self.soc),
        }
    }

    /// The verb that agrees with the title: `verb("pays", "pay")`.
    pub fn verb<'a>(&self, singular: &'a str, plural: &'a str) -> &'a str {
        if self.plural { plural } else { singular }
    }
}

/// A published wage: a number, `{"at_least": n}` for a capped one, `null` when not released.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Money {
    pub pay: Pay,
    pub hourly: bool,
}

impl Money {
    pub fn text(&self) -> String {
        if self.hourly {
            format::hourly(self.pay)
        } else {
            format::annual(self.pay)
        }
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let num = |v: u32| -> serde_json::Number {
            if self.hourly {
                serde_json::Number::from_f64(v as f64 / 100.0).expect("finite")
            } else {
                v.into()
            }
        };
        match self.pay.value() {
            PayValue::NotReleased => s.serialize_none(),
            PayValue::Amount(v) => num(v).serialize(s),
            PayValue::AtLeast(v) => {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("at_least", &num(v))?;
                m.end()
            }
        }
    }
}

/// Mean and percentiles in one unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wages {
    pub mean: Money,
    pub p10: Money,
    pub p25: Money,
    pub median: Money,
    pub p75: Money,
    pub p90: Money,
}

impl Wages {
    fn new(set: &[Pay; 6], hourly: bool) -> Option<Wages> {
        if set.iter().all(|p| p.value() == PayValue::NotReleased) {
            return None;
        }
        let m = |i: usize| Money {
            pay: set[i],
            hourly,
        };
        Some(Wages {
            mean: m(0),
            p10: m(1),
            p25: m(2),
            median: m(3),
            p75: m(4),
            p90: m(5),
        })
    }

    pub fn any_capped(&self) -> bool {
        [
            self.mean,
            self.p10,
            self.p25,
            self.median,
            self.p75,
            self.p90,
        ]
        .iter()
        .any(|m| m.pay.is_capped())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaRef {
    pub code: String,
    pub name: String,
    pub kind: AreaKind,
}

impl AreaRef {
    pub fn new(v: &View, area: AreaIdx) -> AreaRef {
        let a = v.area(area);
        AreaRef {
            code: a.code.clone(),
            name: a.name.clone(),
            kind: a.kind,
        }
    }
}

/// OEWS pay for one career in one area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayBlock {
    pub area: AreaRef,
    /// Jobs in this area (not released for some small areas).
    pub employment: Option<u32>,
    /// Absent when BLS publishes only hourly wages for this occupation.
    pub annual: Option<Wages>,
    /// Absent when BLS publishes only annual salaries (e.g. teachers).
    pub hourly: Option<Wages>,
    pub source: &'static str,
    /// Figures here that moderators or owners changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub edited: Vec<EditNote>,
}

/// A figure someone changed: what it is now is in the block; this keeps what it was and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EditNote {
    pub field: &'static str,
    /// The published figure it replaces (`—` when there was none).
    pub original: String,
    /// Where the new figure comes from, as the editor gave it.
    pub source: String,
    pub by: String,
    /// The date of the edit (YYYY-MM-DD).
    pub on: String,
}

impl PayBlock {
    /// Pay for a career in an area: the published row with any edited figures applied, or the
    /// edited figures alone for a role that has no published ones.
    pub fn new(v: &View, idx: CareerIdx, area: AreaIdx) -> Option<PayBlock> {
        let code = &v.area(area).code;
        let row = v
            .figures_occupation(idx)
            .and_then(|o| v.rc.data.pay_in(o, area));
        if row.is_none() && !v.has_pay_edits(idx, code) {
            return None;
        }
        let (mut hourly, mut annual, employment) = match row {
            Some(r) => (r.hourly, r.annual, r.employment),
            None => ([Pay::NOT_RELEASED; 6], [Pay::NOT_RELEASED; 6], None),
        };
        let mut edited = Vec::new();
        for field in Field::ALL.into_iter().filter(|f| f.is_pay()) {
            let Some((edit, meta)) = v.figure(idx, code, field) else {
                continue;
            };
            let FigureValue::Number(n) = edit.value else {
                continue;
            };
            let (set, slot, is_hourly) = match field.annual_slot() {
                Some(slot) => (&mut annual, slot, false),
                None => (&mut hourly, 3, true),
            };
            let original = Money {
                pay: set[slot],
                hourly: is_hourly,
            }
            .text();
            let amount = if is_hourly { n * 100.0 } else { n };
            set[slot] = Pay::amount(amount.round().clamp(0.0, 2_000_000_000.0) as u32);
            edited.push(EditNote {
                field: field.label(),
                original,
                source: edit.source.clone(),
                by: meta.by.clone(),
                on: meta.at.chars().take(10).collect(),
            });
        }
        Some(PayBlock {
            area: AreaRef::new(v, area),
            employment,
            annual: Wages::new(&annual, false),
            hourly: Wages::new(&hourly, true),
            source: "bls-oews",
            edited,
        })
    }

    /// The median people should read first: annual where published, else hourly.
    pub fn headline_median(&self) -> Option<Money> {
        self.annual
            .as_ref()
            .or(self.hourly.as_ref())
            .map(|w| w.median)
    }

    /// "$62,280 – $134,630" from the 25th to the 75th percentile: where the middle half earns.
    pub fn middle_half(&self) -> Option<String> {
        let w = self.annual.as_ref().or(self.hourly.as_ref())?;
        if w.p25.pay.value() == PayValue::NotReleased || w.p75.pay.value() == PayValue::NotReleased
        {
            return None;
        }
        Some(format!("{} – {}", w.p25.text(), w.p75.text()))
    }
}

/// BLS Employment Projections 2024–34.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlook {
    /// Percent change in employment 2024–34.
    pub growth_pct: f64,
    /// Jobs in 2024 and 2034 (absent for a role that has only edited figures).
    pub employment_2024: Option<u64>,
    pub employment_2034: Option<u64>,
    /// Openings a year, on average, from growth and replacement.
    pub openings_per_year: Option<u64>,
    pub source: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub edited: Vec<EditNote>,
}

/// What it takes to enter, per BLS Employment Projections.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub education: String,
    pub experience: String,
    pub training: String,
    /// O*NET Job Zone 1–5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_zone: Option<u8>,
    pub source: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub edited: Vec<EditNote>,
}

const NATION: &str = "0000000";

fn note(
    v: &View,
    idx: CareerIdx,
    field: Field,
    original: String,
) -> Option<(FigureValue, EditNote)> {
    let (edit, meta) = v.figure(idx, NATION, field)?;
    Some((
        edit.value.clone(),
        EditNote {
            field: field.label(),
            original,
            source: edit.source.clone(),
            by: meta.by.clone(),
            on: meta.at.chars().take(10).collect(),
        },
    ))
}

pub fn projected(v: &View, idx: CareerIdx) -> Option<Outlook> {
    let p = v
        .figures_occupation(idx)
        .and_then(|o| v.rc.data.projection(o));
    let mut out = match p {
        Some(p) => Outlook {
            growth_pct: p.change_pct,
            employment_2024: Some((p.employment_2024 * 1000.0).round() as u64),
            employment_2034: Some((p.employment_2034 * 1000.0).round() as u64),
            openings_per_year: Some((p.openings * 1000.0).round() as u64),
            source: "bls-ep",
            edited: Vec::new(),
        },
        // A role with only edited figures: what was edited, nothing else invented.
        None if v.figure(idx, NATION, Field::GrowthPct).is_some() => Outlook {
            growth_pct: 0.0,
            employment_2024: None,
            employment_2034: None,
            openings_per_year: None,
            source: "bls-ep",
            edited: Vec::new(),
        },
        None => return None,
    };
    let shown = p.is_some();
    if let Some((FigureValue::Number(n), e)) = note(
        v,
        idx,
        Field::GrowthPct,
        if shown {
            format::percent_change(out.growth_pct)
        } else {
            "—".into()
        },
    ) {
        out.growth_pct = n;
        out.edited.push(e);
    }
    if let Some((FigureValue::Number(n), e)) = note(
        v,
        idx,
        Field::OpeningsPerYear,
        out.openings_per_year.map_or("—".into(), format::thousands),
    ) {
        out.openings_per_year = Some(n.max(0.0).round() as u64);
        out.edited.push(e);
    }
    Some(out)
}

pub fn entry(v: &View, idx: CareerIdx) -> Option<Entry> {
    let p = v
        .figures_occupation(idx)
        .and_then(|o| v.rc.data.projection(o));
    let edit = note(
        v,
        idx,
        Field::Education,
        p.map_or("—".into(), |p| p.education.clone()),
    );
    if p.is_none() && edit.is_none() {
        return None;
    }
    let or_dash = |s: &str| {
        if s.is_empty() {
            "—".to_string()
        } else {
            s.to_string()
        }
    };
    let mut e = Entry {
        education: p.map_or("—".into(), |p| or_dash(&p.education)),
        experience: p.map_or("—".into(), |p| or_dash(&p.experience)),
        training: p.map_or("—".into(), |p| or_dash(&p.training)),
        job_zone: v.career(idx).job_zone,
        source: "bls-ep",
        edited: Vec::new(),
    };
    if let Some((FigureValue::Text(t), note)) = edit {
        e.education = t;
        e.edited.push(note);
    }
    Some(e)
}

pub fn national_pay(v: &View, idx: CareerIdx) -> Option<PayBlock> {
    PayBlock::new(v, idx, v.rc.data.national_area())
}

/// A source as answers cite it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cite {
    pub id: String,
    pub name: String,
    pub period: String,
    pub released: String,
    pub citation: String,
}

/// The citations for a set of source ids, in a fixed order.
pub fn cite(v: &View, ids: &[&str]) -> Vec<Cite> {
    crate::data::REQUIRED_SOURCES
        .iter()
        .filter(|id| ids.contains(id))
        .map(|id| {
            let s = v.rc.data.source(id);
            Cite {
                id: s.id.clone(),
                name: s.name.clone(),
                period: s.period.clone(),
                released: s.released.clone(),
                citation: s.citation.clone(),
            }
        })
        .collect()
}

/// Something a reader must know to read the figures right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disclosure {
    pub kind: DisclosureKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DisclosureKind {
    /// A curated role uses the figures of an occupation.
    CuratedRole,
    /// The figures describe a broader BLS group.
    BroaderGroup,
    /// A wage is BLS's cap, not the actual value.
    Capped,
    /// BLS publishes only hourly (or only annual) wages for this occupation.
    OneUnitOnly,
    /// No figures for this career where asked.
    NoData,
    /// A figure was changed by a moderator or owner.
    Edited,
    /// What was typed was read as something else ("texs" as Texas).
    ReadAs,
}

/// One disclosure per edited figure: that it was edited, when, on what source, and what the
/// published figure is, so the original source stays visible.
pub fn edit_disclosures(title: &str, place: &str, edits: &[EditNote]) -> Vec<Disclosure> {
    edits
        .iter()
        .map(|e| Disclosure {
            kind: DisclosureKind::Edited,
            text: format!(
                "The {} for {title}{place} was edited by a moderator on {} (source: {}); the published figure is {}.",
                e.field,
                e.on,
                e.source,
                if e.original == "—" { "not available".to_string() } else { e.original.clone() }
            ),
        })
        .collect()
}

/// The curated-role and broader-group disclosures for a career.
pub fn career_disclosures(v: &View, career: &CareerRef) -> Vec<Disclosure> {
    let mut out = Vec::new();
    if let Some(from) = &career.figures_from {
        out.push(Disclosure {
            kind: DisclosureKind::CuratedRole,
            text: format!(
                "{} is not an occupation of its own in O*NET or BLS data; its figures are those of {} ({}).",
                career.title, from, career.soc
            ),
        });
    }
    if let Some(group) = &career.figures_group {
        let whose =
            v.rc.data
                .by_id(&career.soc)
                .map(|i| v.rc.data.career(i).title.clone())
                .unwrap_or_default();
        out.push(Disclosure {
            kind: DisclosureKind::BroaderGroup,
            text: format!(
                "Figures for {whose} are those BLS publishes for the broader group “{group}”."
            ),
        });
    }
    out
}

/// Edited growth, openings and education: said, with the published figure kept visible.
pub fn figure_edit_disclosures(
    title: &str,
    entry: Option<&Entry>,
    outlook: Option<&Outlook>,
) -> Vec<Disclosure> {
    let mut out = Vec::new();
    if let Some(e) = entry {
        out.extend(edit_disclosures(title, "", &e.edited));
    }
    if let Some(o) = outlook {
        out.extend(edit_disclosures(title, "", &o.edited));
    }
    out
}

/// Edited, capped and one-unit disclosures for a pay block.
pub fn pay_disclosures(title: &str, pay: &PayBlock) -> Vec<Disclosure> {
    let place = if pay.area.kind == AreaKind::National {
        " nationally".to_string()
    } else {
        format!(" in {}", pay.area.name)
    };
    let mut out = edit_disclosures(title, &place, &pay.edited);
    if pay.annual.as_ref().is_some_and(Wages::any_capped)
        || pay.hourly.as_ref().is_some_and(Wages::any_capped)
    {
        out.push(Disclosure {
            kind: DisclosureKind::Capped,
            text: format!(
                "Some {title} wages in {} are at BLS's publication cap ($239,200 a year or $115.00 an hour); the real value is at least that.",
                pay.area.name
            ),
        });
    }
    match (&pay.annual, &pay.hourly) {
        (None, Some(_)) => out.push(Disclosure {
            kind: DisclosureKind::OneUnitOnly,
            text: format!("BLS publishes only hourly wages for {title}: the work is often not year-round, full time."),
        }),
        (Some(_), None) => out.push(Disclosure {
            kind: DisclosureKind::OneUnitOnly,
            text: format!("BLS publishes only annual salaries for {title}."),
        }),
        _ => {}
    }
    out
}

/// Keeps the first of each equal disclosure, in order.
pub fn dedup(mut d: Vec<Disclosure>) -> Vec<Disclosure> {
    let mut seen = Vec::new();
    d.retain(|x| {
        if seen.contains(&x.text) {
            false
        } else {
            seen.push(x.text.clone());
            true
        }
    });
    d
}
