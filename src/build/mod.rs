//! Turns the raw O*NET and BLS files into the tables under `data/`.
//!
//! Run by maintainers (`cargo run --release --bin build-data`), never by users: the output is
//! committed. The output is a pure function of the input files, sorted and formatted the same
//! way every time, so a rebuild changes only what changed upstream (a test checks this).
//! `data/curated.toml` and `data/sources.toml` are hand-maintained and not touched here.

mod raw;

use crate::data::tsv::{escape, write_table};
use raw::{OewsRow, RawSources};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

/// The generated files, by file name, in the order they are written.
pub struct Built {
    pub files: Vec<(&'static str, String)>,
}

impl Built {
    pub fn write_to(&self, out: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(out)?;
        for (name, text) in &self.files {
            std::fs::write(out.join(name), text)?;
        }
        Ok(())
    }
}

/// The names of the files this step generates (the rest of `data/` is hand-maintained).
pub const GENERATED: [&str; 7] = [
    "occupations.tsv",
    "aliases.tsv",
    "tasks.tsv",
    "related.tsv",
    "projections.tsv",
    "areas.tsv",
    "pay.tsv",
];

pub fn build(sources: &Path) -> anyhow::Result<Built> {
    let raw = RawSources::read(sources)?;

    // The six-digit BLS code behind each O*NET code: its own, or the combined code BLS
    // publishes instead.
    let figures_code = |soc: &str| -> String {
        let six = &soc[..7];
        raw.aggregate
            .get(six)
            .cloned()
            .unwrap_or_else(|| six.to_string())
    };
    let national: HashMap<&str, &OewsRow> = raw
        .oews
        .iter()
        .filter(|r| r.area_type == "N")
        .map(|r| (r.occ_code.as_str(), r))
        .collect();

    // One career per O*NET occupation that has BLS figures of any kind.
    let kept: BTreeMap<&str, (&str, &str)> = raw
        .occupations
        .iter()
        .filter(|(soc, _, _)| {
            let code = figures_code(soc);
            raw.projections.contains_key(&code) || national.contains_key(code.as_str())
        })
        .map(|(soc, title, desc)| (soc.as_str(), (title.as_str(), desc.as_str())))
        .collect();
    let used_codes: BTreeSet<String> = kept.keys().map(|soc| figures_code(soc)).collect();

    let mut files = Vec::new();

    // occupations.tsv
    let job_zone: HashMap<&str, &str> = raw
        .job_zones
        .iter()
        .map(|(s, z)| (s.as_str(), z.as_str()))
        .collect();
    let rows: Vec<Vec<String>> = kept
        .iter()
        .map(|(soc, (title, desc))| {
            let code = figures_code(soc);
            let code_title = raw
                .projections
                .get(&code)
                .map(|p| p.title.clone())
                .or_else(|| national.get(code.as_str()).map(|r| r.occ_title.clone()))
                .unwrap_or_default();
            vec![
                soc.to_string(),
                escape(title),
                job_zone.get(soc).unwrap_or(&"").to_string(),
                code,
                escape(&code_title),
                escape(desc),
            ]
        })
        .collect();
    files.push((
        "occupations.tsv",
        write_table(
            &[
                "soc",
                "title",
                "job_zone",
                "figures_code",
                "figures_title",
                "description",
            ],
            &rows,
        ),
    ));

    // aliases.tsv: alternate titles (with their short forms) and reported titles, one row per
    // distinct text per occupation; an alternate title wins over the same reported title,
    // and keeps in `reported` that workers report it (`featured`: My Next Move shows it).
    let mut aliases: BTreeMap<(&str, String), (&str, String, String, &str)> = BTreeMap::new();
    for (soc, alt, short) in &raw.alternate_titles {
        if kept.contains_key(soc.as_str()) {
            aliases
                .entry((soc.as_str(), alt.to_lowercase()))
                .or_insert(("alternate", alt.clone(), short.clone(), ""));
        }
    }
    for (soc, reported, shown) in &raw.reported_titles {
        if kept.contains_key(soc.as_str()) {
            let usage = if *shown { "featured" } else { "reported" };
            aliases
                .entry((soc.as_str(), reported.to_lowercase()))
                .and_modify(|e| e.3 = usage)
                .or_insert(("reported", reported.clone(), String::new(), usage));
        }
    }
    let rows: Vec<Vec<String>> = aliases
        .iter()
        .map(|((soc, _), (kind, text, short, usage))| {
            vec![
                soc.to_string(),
                kind.to_string(),
                escape(text),
                escape(short),
                usage.to_string(),
            ]
        })
        .collect();
    files.push((
        "aliases.tsv",
        write_table(&["soc", "kind", "alias", "short", "reported"], &rows),
    ));

    // tasks.tsv, in display order: core, supplemental, unrated; then by share of incumbents, then
    // task id.
    let mut tasks: Vec<&raw::TaskRow> = raw
        .tasks
        .iter()
        .filter(|t| kept.contains_key(t.soc.as_str()))
        .collect();
    tasks.sort_by(|a, b| {
        (a.soc.as_str(), a.kind)
            .cmp(&(b.soc.as_str(), b.kind))
            .then(b.incumbents.total_cmp(&a.incumbents))
            .then(a.id.cmp(&b.id))
    });
    let rows: Vec<Vec<String>> = tasks
        .iter()
        .map(|t| {
            vec![
                t.soc.clone(),
                t.id.to_string(),
                t.kind.as_str().to_string(),
                escape(&t.text),
            ]
        })
        .collect();
    files.push((
        "tasks.tsv",
        write_table(&["soc", "task_id", "type", "task"], &rows),
    ));

    // related.tsv: O*NET's ranking, minus occupations that are not careers here.
    let mut related: Vec<&raw::RelatedRow> = raw
        .related
        .iter()
        .filter(|r| kept.contains_key(r.soc.as_str()) && kept.contains_key(r.related.as_str()))
        .collect();
    related.sort_by(|a, b| (a.soc.as_str(), a.rank).cmp(&(b.soc.as_str(), b.rank)));
    let rows: Vec<Vec<String>> = related
        .iter()
        .map(|r| {
            vec![
                r.soc.clone(),
                r.related.clone(),
                r.tier.clone(),
                r.rank.to_string(),
            ]
        })
        .collect();
    files.push((
        "related.tsv",
        write_table(&["soc", "related_soc", "tier", "rank"], &rows),
    ));

    // projections.tsv: the detailed lines the careers use, as BLS prints them.
    let rows: Vec<Vec<String>> = std::iter::once(&crate::data::ALL_OCCUPATIONS.to_string())
        .chain(used_codes.iter())
        .filter_map(|code| raw.projections.get(code).map(|p| (code, p)))
        .map(|(code, p)| {
            vec![
                code.clone(),
                escape(&p.title),
                p.employment_2024.clone(),
                p.employment_2034.clone(),
                p.change_pct.clone(),
                p.openings.clone(),
                p.median_wage.clone(),
                escape(&p.education),
                escape(&p.experience),
                escape(&p.training),
            ]
        })
        .collect();
    files.push((
        "projections.tsv",
        write_table(
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
            &rows,
        ),
    ));

    // areas.tsv
    let mut areas: BTreeMap<&str, (&str, &str, &str)> = BTreeMap::new();
    for r in &raw.oews {
        areas.entry(r.area_code.as_str()).or_insert((
            r.area_type.as_str(),
            r.state_code.as_str(),
            r.area_name.as_str(),
        ));
    }
    let mut rows = Vec::new();
    for (code, (kind, state, name)) in &areas {
        let kind = match *kind {
            "N" => "national",
            "S" => "state",
            "M" => "metro",
            other => anyhow::bail!("unknown OEWS area type `{other}` for area {code}"),
        };
        let postal = if kind == "state" {
            raw::postal_code(state)
                .ok_or_else(|| anyhow::anyhow!("no postal code for state FIPS {state}"))?
        } else {
            ""
        };
        rows.push(vec![
            code.to_string(),
            kind.to_string(),
            postal.to_string(),
            escape(name),
        ]);
    }
    files.push((
        "areas.tsv",
        write_table(&["area_code", "kind", "postal", "name"], &rows),
    ));

    // pay.tsv: every published area for every code a career uses.
    let mut pay: Vec<&OewsRow> = raw
        .oews
        .iter()
        .filter(|r| used_codes.contains(&r.occ_code))
        .collect();
    pay.sort_by(|a, b| (&a.occ_code, &a.area_code).cmp(&(&b.occ_code, &b.area_code)));
    let mut seen = HashSet::new();
    let mut rows = Vec::with_capacity(pay.len());
    for r in pay {
        if !seen.insert((&r.occ_code, &r.area_code)) {
            anyhow::bail!(
                "duplicate OEWS row for {} in area {}",
                r.occ_code,
                r.area_code
            );
        }
        let mut row = vec![r.occ_code.clone(), r.area_code.clone(), r.employment_cell()];
        row.extend(r.wage_cells());
        rows.push(row);
    }
    files.push(("pay.tsv", write_table(&PAY_HEADER, &rows)));

    debug_assert_eq!(
        files.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        GENERATED.to_vec()
    );
    Ok(Built { files })
}

pub const PAY_HEADER: [&str; 15] = [
    "code",
    "area_code",
    "employment",
    "hourly_mean",
    "hourly_p10",
    "hourly_p25",
    "hourly_median",
    "hourly_p75",
    "hourly_p90",
    "annual_mean",
    "annual_p10",
    "annual_p25",
    "annual_median",
    "annual_p75",
    "annual_p90",
];
