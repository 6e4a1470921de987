//! Reading `data/` into a [`Dataset`], checking everything on the way.
//!
//! Every check reports into one list instead of stopping at the first problem, so that
//! `rolecall check-data` shows a maintainer everything wrong at once.

use super::curated::{CuratedFile, is_bls_code, is_onet_code, is_valid_slug};
use super::error::{DataError, DataIssue};
use super::model::*;
use super::sources::{line_of, toml_error};
use super::tsv::{Record, Table};
use super::{Dataset, TableAlias};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Pay outside these bounds is a typo, not a wage.
const MAX_HOURLY_CENTS: u32 = 200_000;
const MAX_ANNUAL: u32 = 5_000_000;

type Issues = Vec<DataIssue>;

fn ok<T>(r: Result<T, DataIssue>, issues: &mut Issues) -> Option<T> {
    r.map_err(|e| issues.push(e)).ok()
}

pub fn load(dir: &Path) -> Result<Dataset, DataError> {
    if !dir.is_dir() {
        return Err(DataError::whole_file(
            dir,
            "data directory not found (set ROLECALL_DATA or run from the repository root)",
        ));
    }
    let meta = super::sources::read(&dir.join("sources.toml"))?;
    let mut issues = Issues::new();

    let areas = read_areas(dir, &mut issues)?;
    let area_index: HashMap<&str, AreaIdx> = areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.as_str(), i as AreaIdx))
        .collect();
    let projections = read_projections(dir, &mut issues)?;
    let pay = read_pay(dir, &area_index, &mut issues)?;

    let mut careers = read_occupations(dir, &projections, &pay, &mut issues)?;
    let mut by_id: HashMap<String, CareerIdx> = HashMap::new();
    for (i, c) in careers.iter().enumerate() {
        by_id.insert(c.id.clone(), i);
    }
    read_aliases(dir, &by_id, &mut careers, &mut issues)?;
    read_tasks(dir, &by_id, &mut careers, &mut issues)?;
    read_related(dir, &by_id, &mut careers, &mut issues)?;
    let alias_table = read_curated(dir, &mut by_id, &mut careers, &mut issues)?;

    if issues.is_empty() {
        Ok(Dataset {
            meta,
            careers,
            by_id,
            projections,
            pay,
            areas,
            alias_table,
        })
    } else {
        issues.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        Err(DataError { issues })
    }
}

fn read_areas(dir: &Path, issues: &mut Issues) -> Result<Vec<Area>, DataError> {
    let table = Table::read(
        &dir.join("areas.tsv"),
        &["area_code", "kind", "postal", "name"],
    )?;
    let mut areas = Vec::new();
    let mut seen = HashSet::new();
    for rec in table.records() {
        let Some(rec) = ok(rec, issues) else { continue };
        let code = rec.get("area_code");
        if code.len() != 7 || !code.bytes().all(|b| b.is_ascii_digit()) {
            issues.push(rec.issue(
                "area_code",
                format!("expected a 7-digit BLS area code, found `{code}`"),
            ));
            continue;
        }
        if !seen.insert(code) {
            issues.push(rec.issue("area_code", format!("duplicate area `{code}`")));
            continue;
        }
        let kind = match rec.get("kind") {
            "national" => AreaKind::National,
            "state" => AreaKind::State,
            "metro" => AreaKind::Metro,
            other => {
                issues.push(rec.issue(
                    "kind",
                    format!("expected national, state or metro, found `{other}`"),
                ));
                continue;
            }
        };
        let postal = rec.get("postal");
        if (kind == AreaKind::State)
            != (postal.len() == 2 && postal.bytes().all(|b| b.is_ascii_uppercase()))
        {
            issues.push(rec.issue(
                "postal",
                "a state has a two-letter postal code; other areas have none",
            ));
        }
        let Some(name) = ok(rec.text("name"), issues) else {
            continue;
        };
        areas.push(Area {
            code: code.to_string(),
            kind,
            postal: postal.to_string(),
            name,
        });
    }
    // The nation first, so that it is area 0 and sorts first in every pay list.
    areas.sort_by_key(|a| (a.kind != AreaKind::National, a.code.clone()));
    if areas.first().map(|a| a.kind) != Some(AreaKind::National) {
        issues.push(DataIssue {
            file: table.path.clone(),
            line: 0,
            field: Some("kind".into()),
            message: "no national area".into(),
        });
    }
    if areas.len() > AreaIdx::MAX as usize {
        return Err(DataError::whole_file(&table.path, "too many areas"));
    }
    Ok(areas)
}

fn read_projections(
    dir: &Path,
    issues: &mut Issues,
) -> Result<HashMap<String, Projection>, DataError> {
    let table = Table::read(
        &dir.join("projections.tsv"),
        &[
            "code",
            "title",
            "employment_2024",
            "employment_2034",
            "change_pct",
            "openings",
            "median_wage_2024",
            "education",
            "experience",
            "training",
        ],
    )?;
    let mut out = HashMap::new();
    for rec in table.records() {
        let Some(rec) = ok(rec, issues) else { continue };
        let code = rec.get("code");
        if !is_bls_code(code) {
            issues.push(rec.issue(
                "code",
                format!("expected a BLS code like 15-1252, found `{code}`"),
            ));
            continue;
        }
        let mut number = |field: &str, min: f64, max: f64| -> Option<f64> {
            let v: f64 = ok(rec.number(field), issues)?;
            if !(min..=max).contains(&v) {
                issues.push(rec.issue(field, format!("{v} is out of range {min}..={max}")));
                return None;
            }
            Some(v)
        };
        let (Some(e24), Some(e34), Some(pct), Some(open)) = (
            number("employment_2024", 0.0, 1e6),
            number("employment_2034", 0.0, 1e6),
            number("change_pct", -100.0, 1000.0),
            number("openings", 0.0, 1e5),
        ) else {
            continue;
        };
        let Some(wage) = ok(pay_cell(&rec, "median_wage_2024", false), issues) else {
            continue;
        };
        let text = |f: &str| rec.optional_text(f).map(Option::unwrap_or_default);
        let (Some(education), Some(experience), Some(training)) = (
            ok(text("education"), issues),
            ok(text("experience"), issues),
            ok(text("training"), issues),
        ) else {
            continue;
        };
        if out
            .insert(
                code.to_string(),
                Projection {
                    employment_2024: e24,
                    employment_2034: e34,
                    change_pct: pct,
                    openings: open,
                    median_wage_2024: wage,
                    education,
                    experience,
                    training,
                },
            )
            .is_some()
        {
            issues.push(rec.issue("code", format!("duplicate code `{code}`")));
        }
    }
    Ok(out)
}

/// A pay cell: empty (not released), an amount, or `>=amount` (capped by BLS). Hourly cells
/// are dollars with cents and stored in cents.
fn pay_cell(rec: &Record, field: &str, hourly: bool) -> Result<Pay, DataIssue> {
    let raw = rec.get(field);
    if raw.is_empty() {
        return Ok(Pay::NOT_RELEASED);
    }
    let (capped, num) = match raw.strip_prefix(">=") {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let bad = || {
        rec.issue(
            field,
            format!("expected an amount, `>=amount` or nothing, found `{raw}`"),
        )
    };
    let value = if hourly {
        let (whole, cents) = num.split_once('.').unwrap_or((num, "00"));
        if cents.len() != 2 {
            return Err(bad());
        }
        let w: u32 = whole.parse().map_err(|_| bad())?;
        let c: u32 = cents.parse().map_err(|_| bad())?;
        w.checked_mul(100)
            .and_then(|w| w.checked_add(c))
            .ok_or_else(bad)?
    } else {
        num.parse().map_err(|_| bad())?
    };
    let max = if hourly { MAX_HOURLY_CENTS } else { MAX_ANNUAL };
    if value == 0 || value > max {
        return Err(rec.issue(
            field,
            format!(
                "`{raw}` is out of range (0, {}]",
                if hourly { "2000.00" } else { "5000000" }
            ),
        ));
    }
    Ok(if capped {
        Pay::at_least(value)
    } else {
        Pay::amount(value)
    })
}

/// p10 ≤ p25 ≤ median ≤ p75 ≤ p90, where each is known. A capped value is only a lower bound,
/// so it can never be "too small"; an amount after a cap must be at least the cap.
fn check_order(rec: &Record, set: &[Pay; 6], prefix: &str, issues: &mut Issues) {
    let names = ["p10", "p25", "median", "p75", "p90"];
    let mut floor: Option<(u32, &str)> = None;
    for (pay, name) in set[1..].iter().zip(names) {
        match pay.value() {
            PayValue::NotReleased => {}
            PayValue::Amount(v) | PayValue::AtLeast(v) => {
                if let Some((f, fname)) = floor
                    && v < f
                    && !pay.is_capped()
                {
                    issues.push(rec.issue(
                        &format!("{prefix}_{name}"),
                        format!(
                            "percentiles out of order: {prefix}_{name} is below {prefix}_{fname}"
                        ),
                    ));
                    return;
                }
                if floor.is_none_or(|(f, _)| v >= f) {
                    floor = Some((v, name));
                }
            }
        }
    }
}

fn read_pay(
    dir: &Path,
    areas: &HashMap<&str, AreaIdx>,
    issues: &mut Issues,
) -> Result<HashMap<String, Vec<PayRow>>, DataError> {
    let table = Table::read(&dir.join("pay.tsv"), &crate::build::PAY_HEADER)?;
    let mut out: HashMap<String, Vec<PayRow>> = HashMap::new();
    for rec in table.records() {
        let Some(rec) = ok(rec, issues) else { continue };
        let code = rec.get("code");
        if !is_bls_code(code) {
            issues.push(rec.issue(
                "code",
                format!("expected a BLS code like 15-1252, found `{code}`"),
            ));
            continue;
        }
        let Some(&area) = areas.get(rec.get("area_code")) else {
            issues.push(rec.issue(
                "area_code",
                format!("no area `{}` in areas.tsv", rec.get("area_code")),
            ));
            continue;
        };
        let Some(employment) = ok(rec.optional_number::<u32>("employment"), issues) else {
            continue;
        };
        let mut hourly = [Pay::NOT_RELEASED; 6];
        let mut annual = [Pay::NOT_RELEASED; 6];
        let mut fine = true;
        for (i, stat) in PAY_STATS.iter().enumerate() {
            match pay_cell(&rec, &format!("hourly_{stat}"), true) {
                Ok(p) => hourly[i] = p,
                Err(e) => {
                    issues.push(e);
                    fine = false;
                }
            }
            match pay_cell(&rec, &format!("annual_{stat}"), false) {
                Ok(p) => annual[i] = p,
                Err(e) => {
                    issues.push(e);
                    fine = false;
                }
            }
        }
        if !fine {
            continue;
        }
        check_order(&rec, &hourly, "hourly", issues);
        check_order(&rec, &annual, "annual", issues);
        out.entry(code.to_string()).or_default().push(PayRow {
            area,
            employment,
            hourly,
            annual,
        });
    }
    for (code, rows) in out.iter_mut() {
        rows.sort_by_key(|r| r.area);
        if rows.windows(2).any(|w| w[0].area == w[1].area) {
            issues.push(DataIssue {
                file: table.path.clone(),
                line: 0,
                field: Some("area_code".into()),
                message: format!("more than one row for {code} in the same area"),
            });
        }
    }
    Ok(out)
}

fn read_occupations(
    dir: &Path,
    projections: &HashMap<String, Projection>,
    pay: &HashMap<String, Vec<PayRow>>,
    issues: &mut Issues,
) -> Result<Vec<Career>, DataError> {
    let table = Table::read(
        &dir.join("occupations.tsv"),
        &[
            "soc",
            "title",
            "job_zone",
            "figures_code",
            "figures_title",
            "description",
        ],
    )?;
    let mut careers = Vec::new();
    let mut seen = HashSet::new();
    for rec in table.records() {
        let Some(rec) = ok(rec, issues) else { continue };
        let soc = rec.get("soc");
        if !is_onet_code(soc) {
            issues.push(rec.issue(
                "soc",
                format!("expected an O*NET-SOC code like 15-1252.00, found `{soc}`"),
            ));
            continue;
        }
        if !seen.insert(soc) {
            issues.push(rec.issue("soc", format!("duplicate occupation `{soc}`")));
            continue;
        }
        let job_zone = match ok(rec.optional_number::<u8>("job_zone"), issues) {
            Some(Some(z)) if !(1..=5).contains(&z) => {
                issues.push(rec.issue("job_zone", format!("{z} is not a Job Zone (1–5)")));
                continue;
            }
            Some(z) => z,
            None => continue,
        };
        let code = rec.get("figures_code");
        if !is_bls_code(code) {
            issues.push(rec.issue(
                "figures_code",
                format!("expected a BLS code like 15-1252, found `{code}`"),
            ));
            continue;
        }
        if !projections.contains_key(code) && !pay.contains_key(code) {
            issues.push(rec.issue(
                "figures_code",
                format!("`{code}` has no row in projections.tsv or pay.tsv"),
            ));
        }
        let (Some(title), Some(description), Some(figures_title)) = (
            ok(rec.text("title"), issues),
            ok(rec.text("description"), issues),
            ok(rec.text("figures_title"), issues),
        ) else {
            continue;
        };
        careers.push(Career {
            id: soc.to_string(),
            title,
            description,
            kind: CareerKind::Occupation,
            job_zone,
            tasks: Vec::new(),
            related: Vec::new(),
            aliases: Vec::new(),
            figures: Some(FiguresKey {
                code: code.to_string(),
                title: figures_title,
                // A `.01`-style code shares its six-digit code with its base occupation and others, and a
                // combined BLS code covers several six-digit codes: either way, a broader group.
                broader: !soc.ends_with(".00") || code != &soc[..7],
            }),
        });
    }
    Ok(careers)
}

/// The career a `soc` field names, or an issue.
fn occupation(
    rec: &Record,
    field: &str,
    by_id: &HashMap<String, CareerIdx>,
    issues: &mut Issues,
) -> Option<CareerIdx> {
    let soc = rec.get(field);
    let found = by_id.get(soc).copied();
    if found.is_none() {
        issues.push(rec.issue(field, format!("no occupation `{soc}` in occupations.tsv")));
    }
    found
}

fn read_aliases(
    dir: &Path,
    by_id: &HashMap<String, CareerIdx>,
    careers: &mut [Career],
    issues: &mut Issues,
) -> Result<(), DataError> {
    let table = Table::read(
        &dir.join("aliases.tsv"),
        &["soc", "kind", "alias", "short", "reported"],
    )?;
    for rec in table.records() {
        let Some(rec) = ok(rec, issues) else { continue };
        let Some(idx) = occupation(&rec, "soc", by_id, issues) else {
            continue;
        };
        let kind = match rec.get("kind") {
            "alternate" => AliasKind::Alternate,
            "reported" => AliasKind::Reported,
            other => {
                issues.push(rec.issue(
                    "kind",
                    format!("expected alternate or reported, found `{other}`"),
                ));
                continue;
            }
        };
        let usage = match rec.get("reported") {
            "" => Usage::Listed,
            "reported" => Usage::Reported,
            "featured" => Usage::Featured,
            other => {
                issues.push(rec.issue(
                    "reported",
                    format!("expected reported, featured or nothing, found `{other}`"),
                ));
                continue;
            }
        };
        let (Some(text), Some(short)) = (
            ok(rec.text("alias"), issues),
            ok(rec.optional_text("short"), issues),
        ) else {
            continue;
        };
        let aliases = &mut careers[idx].aliases;
        aliases.push(Alias { text, kind, usage });
        if let Some(short) = short
            && !aliases.iter().any(|a| a.text.eq_ignore_ascii_case(&short))
        {
            aliases.push(Alias {
                text: short,
                kind: AliasKind::Short,
                usage,
            });
        }
    }
    Ok(())
}

fn read_tasks(
    dir: &Path,
    by_id: &HashMap<String, CareerIdx>,
    careers: &mut [Career],
    issues: &mut Issues,
) -> Result<(), DataError> {
    let table = Table::read(&dir.join("tasks.tsv"), &["soc", "task_id", "type", "task"])?;
    for rec in table.records() {
        let Some(rec) = ok(rec, issues) else { continue };
        let Some(idx) = occupation(&rec, "soc", by_id, issues) else {
            continue;
        };
        ok(rec.number::<u32>("task_id"), issues);
        let Some(kind) = TaskKind::parse(rec.get("type")) else {
            issues.push(rec.issue(
                "type",
                format!(
                    "expected core, supplemental or unrated, found `{}`",
                    rec.get("type")
                ),
            ));
            continue;
        };
        let Some(text) = ok(rec.text("task"), issues) else {
            continue;
        };
        careers[idx].tasks.push(Task { text, kind });
    }
    Ok(())
}

fn read_related(
    dir: &Path,
    by_id: &HashMap<String, CareerIdx>,
    careers: &mut [Career],
    issues: &mut Issues,
) -> Result<(), DataError> {
    let table = Table::read(
        &dir.join("related.tsv"),
        &["soc", "related_soc", "tier", "rank"],
    )?;
    for rec in table.records() {
        let Some(rec) = ok(rec, issues) else { continue };
        let (Some(idx), Some(other)) = (
            occupation(&rec, "soc", by_id, issues),
            occupation(&rec, "related_soc", by_id, issues),
        ) else {
            continue;
        };
        if idx == other {
            issues.push(rec.issue("related_soc", "an occupation cannot be related to itself"));
            continue;
        }
        let Some(tier) = RelatedTier::parse(rec.get("tier")) else {
            issues.push(rec.issue(
                "tier",
                format!(
                    "expected Primary-Short, Primary-Long or Supplemental, found `{}`",
                    rec.get("tier")
                ),
            ));
            continue;
        };
        ok(rec.number::<u32>("rank"), issues);
        careers[idx].related.push(Related {
            career: other,
            tier,
        });
    }
    Ok(())
}

fn read_curated(
    dir: &Path,
    by_id: &mut HashMap<String, CareerIdx>,
    careers: &mut Vec<Career>,
    issues: &mut Issues,
) -> Result<Vec<TableAlias>, DataError> {
    let path = dir.join("curated.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| DataError::whole_file(&path, format!("cannot read: {e}")))?;
    let file: CuratedFile =
        toml::from_str(&text).map_err(|e| DataError::single(toml_error(&path, &text, &e)))?;
    let at = |span: std::ops::Range<usize>, field: &str, message: String| DataIssue {
        file: path.clone(),
        line: line_of(&text, span.start),
        field: Some(field.to_string()),
        message,
    };

    // First pass: every role gets its index, so roles can relate to roles further down.
    let first_curated = careers.len();
    for role in &file.role {
        let id = role.id.get_ref();
        if !is_valid_slug(id) {
            issues.push(at(
                role.id.span(),
                "id",
                format!("`{id}` is not a lowercase-kebab-case id"),
            ));
        } else if by_id.contains_key(id) {
            issues.push(at(role.id.span(), "id", format!("duplicate id `{id}`")));
        }
        by_id.entry(id.clone()).or_insert(careers.len());
        careers.push(Career {
            id: id.clone(),
            title: role.title.get_ref().trim().to_string(),
            description: role.description.get_ref().trim().to_string(),
            kind: CareerKind::Curated { figures_from: 0 },
            job_zone: None,
            tasks: Vec::new(),
            related: Vec::new(),
            aliases: Vec::new(),
            figures: None,
        });
    }
    let lookup = |s: &Spanned, field: &str, issues: &mut Issues| -> Option<CareerIdx> {
        let found = by_id.get(s.get_ref().as_str()).copied();
        if found.is_none() {
            issues.push(at(
                s.span(),
                field,
                format!(
                    "`{}` is neither an O*NET-SOC code in occupations.tsv nor a curated role id",
                    s.get_ref()
                ),
            ));
        }
        found
    };
    for (i, role) in file.role.iter().enumerate() {
        let idx = first_curated + i;
        let mut career = careers[idx].clone();
        for (field, value) in [("title", &role.title), ("description", &role.description)] {
            if value.get_ref().trim().is_empty() {
                issues.push(at(value.span(), field, "must not be empty".into()));
            }
        }
        match lookup(&role.figures_from, "figures_from", issues) {
            Some(f) if careers[f].kind == CareerKind::Occupation => {
                career.kind = CareerKind::Curated { figures_from: f };
                career.job_zone = careers[f].job_zone;
            }
            Some(_) => issues.push(at(
                role.figures_from.span(),
                "figures_from",
                "must name an O*NET occupation, not another curated role".into(),
            )),
            None => {}
        }
        if role.responsibilities.is_empty() {
            issues.push(at(
                role.id.span(),
                "responsibilities",
                "a role needs at least one responsibility".into(),
            ));
        }
        for r in &role.responsibilities {
            if r.get_ref().trim().is_empty() {
                issues.push(at(r.span(), "responsibilities", "must not be empty".into()));
            }
            career.tasks.push(Task {
                text: r.get_ref().trim().to_string(),
                kind: TaskKind::Core,
            });
        }
        for r in &role.related {
            if let Some(other) = lookup(r, "related", issues) {
                if other == idx {
                    issues.push(at(
                        r.span(),
                        "related",
                        "a role cannot be related to itself".into(),
                    ));
                } else if career.related.iter().any(|x| x.career == other) {
                    issues.push(at(
                        r.span(),
                        "related",
                        format!("`{}` is listed twice", r.get_ref()),
                    ));
                } else {
                    career.related.push(Related {
                        career: other,
                        tier: RelatedTier::Curated,
                    });
                }
            }
        }
        for a in &role.aliases {
            let t = a.get_ref().trim();
            if t.is_empty() {
                issues.push(at(a.span(), "aliases", "must not be empty".into()));
            } else if t.eq_ignore_ascii_case(&career.title)
                || career
                    .aliases
                    .iter()
                    .any(|x| x.text.eq_ignore_ascii_case(t))
            {
                issues.push(at(a.span(), "aliases", format!("`{t}` is listed twice")));
            } else {
                career.aliases.push(Alias {
                    text: t.to_string(),
                    kind: AliasKind::Curated,
                    usage: Usage::Featured,
                });
            }
        }
        careers[idx] = career;
    }

    let mut table = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for a in &file.alias {
        let t = a.text.get_ref().trim();
        if t.is_empty() {
            issues.push(at(a.text.span(), "text", "must not be empty".into()));
            continue;
        }
        if !seen.insert(t.to_lowercase()) {
            issues.push(at(a.text.span(), "text", format!("`{t}` is listed twice")));
            continue;
        }
        if a.careers.is_empty() {
            issues.push(at(
                a.text.span(),
                "careers",
                "an alias needs at least one career".into(),
            ));
            continue;
        }
        let targets: Vec<CareerIdx> = a
            .careers
            .iter()
            .filter_map(|c| lookup(c, "careers", issues))
            .collect();
        if targets.len() == a.careers.len() {
            table.push(TableAlias {
                text: t.to_string(),
                careers: targets,
            });
        }
    }
    Ok(table)
}

type Spanned = toml::Spanned<String>;
