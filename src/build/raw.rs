//! Reading the raw files exactly as they sit in `shared/data-sources/` (see its SOURCES.md).

use crate::data::TaskKind;
use anyhow::{Context, bail};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

pub struct TaskRow {
    pub soc: String,
    pub id: u32,
    pub kind: TaskKind,
    pub incumbents: f64,
    pub text: String,
}

pub struct RelatedRow {
    pub soc: String,
    pub related: String,
    pub tier: String,
    pub rank: u32,
}

pub struct ProjectionRow {
    pub title: String,
    pub employment_2024: String,
    pub employment_2034: String,
    pub change_pct: String,
    pub openings: String,
    pub median_wage: String,
    pub education: String,
    pub experience: String,
    pub training: String,
}

pub struct OewsRow {
    pub area_type: String,
    pub area_code: String,
    pub state_code: String,
    pub area_name: String,
    pub occ_code: String,
    pub occ_title: String,
    employment: String,
    hourly: [String; 6],
    annual: [String; 6],
    footnotes: Vec<String>,
}

/// BLS's caps, from footnote 5 of the OEWS release.
const HOURLY_CAP: &str = ">=115.00";
const ANNUAL_CAP: &str = ">=239200";

impl OewsRow {
    pub fn employment_cell(&self) -> String {
        cell(&self.employment)
    }

    /// Hourly then annual cells. A missing value is either capped (footnote 5) or not
    /// released; a whole missing hourly or annual set in a footnote-4 row is "not published
    /// in this form", never a cap. Nothing is filled in or derived.
    pub fn wage_cells(&self) -> Vec<String> {
        let has = |code: &str| self.footnotes.iter().any(|f| f == code);
        let all_missing = |set: &[String; 6]| set.iter().all(|v| v == "-");
        let mut out = Vec::with_capacity(12);
        for (set, cap) in [(&self.hourly, HOURLY_CAP), (&self.annual, ANNUAL_CAP)] {
            let unpublished_form = has("4") && all_missing(set);
            for v in set.iter() {
                out.push(if v != "-" {
                    v.clone()
                } else if has("5") && !unpublished_form {
                    cap.to_string()
                } else {
                    String::new()
                });
            }
        }
        out
    }
}

fn cell(v: &str) -> String {
    if v == "-" {
        String::new()
    } else {
        v.to_string()
    }
}

pub struct RawSources {
    /// (soc, title, description)
    pub occupations: Vec<(String, String, String)>,
    /// (soc, alternate title, short title)
    pub alternate_titles: Vec<(String, String, String)>,
    /// (soc, reported title, shown in My Next Move: O*NET's pick of the titles people use)
    pub reported_titles: Vec<(String, String, bool)>,
    pub tasks: Vec<TaskRow>,
    pub related: Vec<RelatedRow>,
    /// (soc, job zone)
    pub job_zones: Vec<(String, String)>,
    /// six-digit O*NET code → combined BLS code
    pub aggregate: HashMap<String, String>,
    /// BLS code → detailed ("Line item") projection
    pub projections: HashMap<String, ProjectionRow>,
    pub oews: Vec<OewsRow>,
}

/// An O*NET tab-separated file as rows of fields, the header checked.
fn onet(dir: &Path, name: &str, header: &[&str]) -> anyhow::Result<Vec<Vec<String>>> {
    let path = dir.join("onet-29.3").join(name);
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    if head != header {
        bail!("{}: unexpected header {head:?}", path.display());
    }
    lines
        .enumerate()
        .map(|(i, line)| {
            let fields: Vec<String> = line.split('\t').map(|s| s.trim().to_string()).collect();
            if fields.len() != header.len() {
                bail!(
                    "{}:{}: expected {} fields",
                    path.display(),
                    i + 2,
                    header.len()
                );
            }
            Ok(fields)
        })
        .collect()
}

fn csv_rows(path: &Path, text: &str) -> anyhow::Result<(Vec<String>, Vec<Vec<String>>)> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .with_context(|| format!("{}: header", path.display()))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.with_context(|| format!("reading {}", path.display()))?;
        rows.push(rec.iter().map(|s| s.trim().to_string()).collect());
    }
    Ok((header, rows))
}

fn column(header: &[String], name: &str, path: &Path) -> anyhow::Result<usize> {
    header
        .iter()
        .position(|h| h == name)
        .with_context(|| format!("{}: no column `{name}`", path.display()))
}

/// BLS prints "—" for "not applicable"; the tables keep that as empty.
fn bls_text(v: &str) -> String {
    if v == "—" {
        String::new()
    } else {
        v.to_string()
    }
}

/// ">=$239,200" → ">=239200"; "—" → "".
fn bls_wage(v: &str) -> String {
    match v {
        "—" | "" => String::new(),
        v => v.replace(['$', ','], ""),
    }
}

impl RawSources {
    pub fn read(dir: &Path) -> anyhow::Result<RawSources> {
        let occupations = onet(
            dir,
            "Occupation Data.txt",
            &["O*NET-SOC Code", "Title", "Description"],
        )?
        .into_iter()
        .map(|f| (f[0].clone(), f[1].clone(), f[2].clone()))
        .collect();
        let alternate_titles = onet(
            dir,
            "Alternate Titles.txt",
            &[
                "O*NET-SOC Code",
                "Title",
                "Alternate Title",
                "Short Title",
                "Source(s)",
            ],
        )?
        .into_iter()
        .map(|f| (f[0].clone(), f[2].clone(), f[3].clone()))
        .collect();
        let reported_titles = onet(
            dir,
            "Sample of Reported Titles.txt",
            &[
                "O*NET-SOC Code",
                "Title",
                "Reported Job Title",
                "Shown in My Next Move",
            ],
        )?
        .into_iter()
        .map(|f| (f[0].clone(), f[2].clone(), f[3] == "Y"))
        .collect();
        let tasks = onet(
            dir,
            "Task Statements.txt",
            &[
                "O*NET-SOC Code",
                "Title",
                "Task ID",
                "Task",
                "Task Type",
                "Incumbents Responding",
                "Date",
                "Domain Source",
            ],
        )?
        .into_iter()
        .map(|f| {
            Ok(TaskRow {
                soc: f[0].clone(),
                id: f[2]
                    .parse()
                    .with_context(|| format!("task id `{}`", f[2]))?,
                // A task without a type is kept, after the core ones.
                kind: match f[4].as_str() {
                    "Core" => TaskKind::Core,
                    "Supplemental" => TaskKind::Supplemental,
                    _ => TaskKind::Unrated,
                },
                incumbents: f[5].parse().unwrap_or(0.0),
                text: f[3].clone(),
            })
        })
        .collect::<anyhow::Result<_>>()?;
        let related = onet(
            dir,
            "Related Occupations.txt",
            &[
                "O*NET-SOC Code",
                "Title",
                "Related O*NET-SOC Code",
                "Related Title",
                "Relatedness Tier",
                "Index",
            ],
        )?
        .into_iter()
        .map(|f| {
            Ok(RelatedRow {
                soc: f[0].clone(),
                related: f[2].clone(),
                tier: f[4].clone(),
                rank: f[5]
                    .parse()
                    .with_context(|| format!("related index `{}`", f[5]))?,
            })
        })
        .collect::<anyhow::Result<_>>()?;
        let job_zones = onet(
            dir,
            "Job Zones.txt",
            &[
                "O*NET-SOC Code",
                "Title",
                "Job Zone",
                "Date",
                "Domain Source",
            ],
        )?
        .into_iter()
        .map(|f| (f[0].clone(), f[2].clone()))
        .collect();

        let path = dir.join("onet_soc6_to_bls_aggregate.csv");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let (_, rows) = csv_rows(&path, &text)?;
        let aggregate = rows
            .into_iter()
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect();

        let path = dir.join("bls-ep-2024-34/ep_2024_34_table_1_2.csv");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let (header, rows) = csv_rows(&path, &text)?;
        let col = |name: &str| column(&header, name, &path);
        let (c_title, c_code, c_type) = (
            col("2024 National Employment Matrix title")?,
            col("2024 National Employment Matrix code")?,
            col("Occupation type")?,
        );
        let (c_e24, c_e34, c_pct, c_open, c_wage) = (
            col("Employment, 2024")?,
            col("Employment, 2034")?,
            col("Employment change, percent, 2024–34")?,
            col("Occupational openings, 2024–34 annual average")?,
            col("Median annual wage, dollars, 2024[1]")?,
        );
        let (c_edu, c_exp, c_train) = (
            col("Typical education needed for entry")?,
            col("Work experience in a related occupation")?,
            col("Typical on-the-job training needed to attain competency in the occupation")?,
        );
        let projections = rows
            .into_iter()
            // The detailed lines, and the all-occupations total that growth is compared with.
            .filter(|r| r[c_type] == "Line item" || r[c_code] == crate::data::ALL_OCCUPATIONS)
            .map(|r| {
                (
                    r[c_code].clone(),
                    ProjectionRow {
                        title: r[c_title].clone(),
                        employment_2024: r[c_e24].clone(),
                        employment_2034: r[c_e34].clone(),
                        change_pct: r[c_pct].clone(),
                        openings: r[c_open].clone(),
                        median_wage: bls_wage(&r[c_wage]),
                        education: bls_text(&r[c_edu]),
                        experience: bls_text(&r[c_exp]),
                        training: bls_text(&r[c_train]),
                    },
                )
            })
            .collect();

        let path = dir.join("bls-oews-may2025/oews_may2025_cross_industry_all_areas.csv.gz");
        let mut text = String::new();
        flate2::read::GzDecoder::new(
            std::fs::File::open(&path).with_context(|| format!("opening {}", path.display()))?,
        )
        .read_to_string(&mut text)
        .with_context(|| format!("decompressing {}", path.display()))?;
        let (header, rows) = csv_rows(&path, &text)?;
        let col = |name: &str| column(&header, name, &path);
        let stat_cols = |prefix: &str| -> anyhow::Result<[usize; 6]> {
            Ok([
                col(&format!("{prefix}_mean"))?,
                col(&format!("{prefix}_p10"))?,
                col(&format!("{prefix}_p25"))?,
                col(&format!("{prefix}_median"))?,
                col(&format!("{prefix}_p75"))?,
                col(&format!("{prefix}_p90"))?,
            ])
        };
        let (hourly, annual) = (stat_cols("hourly")?, stat_cols("annual")?);
        let (c_at, c_ac, c_sc, c_an, c_oc, c_ot, c_emp, c_fn) = (
            col("area_type")?,
            col("area_code")?,
            col("state_code")?,
            col("area_name")?,
            col("occ_code")?,
            col("occ_title")?,
            col("employment")?,
            col("footnotes")?,
        );
        let oews = rows
            .into_iter()
            .map(|r| OewsRow {
                area_type: r[c_at].clone(),
                area_code: r[c_ac].clone(),
                state_code: r[c_sc].clone(),
                area_name: r[c_an].clone(),
                occ_code: r[c_oc].clone(),
                occ_title: r[c_ot].clone(),
                employment: r[c_emp].clone(),
                hourly: hourly.map(|c| r[c].clone()),
                annual: annual.map(|c| r[c].clone()),
                footnotes: r[c_fn]
                    .split(';')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            })
            .collect();

        Ok(RawSources {
            occupations,
            alternate_titles,
            reported_titles,
            tasks,
            related,
            job_zones,
            aggregate,
            projections,
            oews,
        })
    }
}

/// State FIPS code → USPS abbreviation, for the states and territories OEWS publishes.
pub fn postal_code(fips: &str) -> Option<&'static str> {
    Some(match fips {
        "01" => "AL",
        "02" => "AK",
        "04" => "AZ",
        "05" => "AR",
        "06" => "CA",
        "08" => "CO",
        "09" => "CT",
        "10" => "DE",
        "11" => "DC",
        "12" => "FL",
        "13" => "GA",
        "15" => "HI",
        "16" => "ID",
        "17" => "IL",
        "18" => "IN",
        "19" => "IA",
        "20" => "KS",
        "21" => "KY",
        "22" => "LA",
        "23" => "ME",
        "24" => "MD",
        "25" => "MA",
        "26" => "MI",
        "27" => "MN",
        "28" => "MS",
        "29" => "MO",
        "30" => "MT",
        "31" => "NE",
        "32" => "NV",
        "33" => "NH",
        "34" => "NJ",
        "35" => "NM",
        "36" => "NY",
        "37" => "NC",
        "38" => "ND",
        "39" => "OH",
        "40" => "OK",
        "41" => "OR",
        "42" => "PA",
        "44" => "RI",
        "45" => "SC",
        "46" => "SD",
        "47" => "TN",
        "48" => "TX",
        "49" => "UT",
        "50" => "VT",
        "51" => "VA",
        "53" => "WA",
        "54" => "WV",
        "55" => "WI",
        "56" => "WY",
        "66" => "GU",
        "72" => "PR",
        "78" => "VI",
        _ => return None,
    })
}
