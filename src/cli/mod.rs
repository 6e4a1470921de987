//! The terminal front end: parses arguments, asks the core, prints the answer. Nothing here
//! decides anything about careers.

mod bars;
mod dataset;
mod render;
mod style;
mod table;

use clap::{Parser, Subcommand};
use rolecall::answers::{self, Answer};
use rolecall::chart;
use rolecall::data::Dataset;
use rolecall::lookup::UserError;
use rolecall::{Rolecall, View};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use style::Style;

/// Career questions answered with real data (O*NET 29.3, BLS OEWS May 2025, BLS Employment
/// Projections 2024–34).
#[derive(Parser)]
#[command(name = "rolecall", version, about, long_about = None)]
pub struct Cli {
    /// Data directory (default: $ROLECALL_DATA, else ./data).
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compare two to four careers side by side: `rolecall compare cto product-manager`.
    Compare {
        /// Roles (quote names with spaces: "product manager").
        #[arg(required = true, num_args = 1..)]
        roles: Vec<String>,
        /// Also show pay in this state or metro area.
        #[arg(long = "in", value_name = "PLACE")]
        place: Option<String>,
        /// Also write the pay-range chart as a PNG to this file.
        #[arg(long, value_name = "FILE.png")]
        chart: Option<PathBuf>,
    },
    /// A career's profile: description, education, pay, growth, responsibilities, related.
    Career {
        #[arg(required = true, num_args = 1..)]
        role: Vec<String>,
    },
    /// Pay percentiles, nationally and optionally in a state or metro area.
    Salary {
        #[arg(required = true, num_args = 1..)]
        role: Vec<String>,
        #[arg(long = "in", value_name = "PLACE")]
        place: Option<String>,
        /// Also write the pay-range chart as a PNG to this file.
        #[arg(long, value_name = "FILE.png")]
        chart: Option<PathBuf>,
        /// Also write a map of the median pay in every state as a PNG to this file (the
        /// state given with --in is outlined).
        #[arg(long, value_name = "FILE.png")]
        map: Option<PathBuf>,
    },
    /// Where a career is going: growth 2024–34, jobs, openings a year, against all occupations.
    Outlook {
        #[arg(required = true, num_args = 1..)]
        role: Vec<String>,
        /// Also show how many work in this state or metro area (projections are national).
        #[arg(long = "in", value_name = "PLACE")]
        place: Option<String>,
    },
    /// Where a career pays most: states and metro areas ranked by median pay.
    TopPlaces {
        #[arg(required = true, num_args = 1..)]
        role: Vec<String>,
        /// Also write a map of the median pay in every state as a PNG to this file.
        #[arg(long, value_name = "FILE.png")]
        map: Option<PathBuf>,
        /// Rank from the lowest median instead.
        #[arg(long)]
        lowest: bool,
    },
    /// What it takes to start: typical entry education, experience and training.
    Education {
        #[arg(required = true, num_args = 1..)]
        role: Vec<String>,
        #[arg(long = "in", value_name = "PLACE")]
        place: Option<String>,
    },
    /// What the job involves: core tasks first.
    Responsibilities {
        #[arg(required = true, num_args = 1..)]
        role: Vec<String>,
    },
    /// Careers related to this one, most related first.
    Related {
        #[arg(required = true, num_args = 1..)]
        role: Vec<String>,
    },
    /// Search careers by name, or browse them all A–Z when no text is given.
    Search {
        query: Vec<String>,
        #[arg(long, default_value_t = 1)]
        page: usize,
    },
    /// Ask in plain language: `rolecall ask "how much does a nurse make in Ohio?"`.
    Ask {
        #[arg(required = true, num_args = 1..)]
        question: Vec<String>,
        /// Show how the question was read (the careers and places found in it) instead.
        #[arg(long)]
        explain: bool,
    },
    /// Show how a name resolves: ranked candidates with scores.
    Resolve {
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
    },
    /// Validate the data directory; errors name the file, line and field.
    CheckData,
    /// Sources, release dates, dataset version and credits.
    About,
    /// Run the Discord bot (settings from the environment and .env; see .env.example).
    Serve,
    /// Register the bot's slash commands with Discord now (normally done at start, only when
    /// they changed).
    Register,
    /// The edits store (ROLECALL_DB) for owners: history, export, import, undo.
    #[command(subcommand)]
    Dataset(dataset::DatasetCommand),
}

/// Writes to stdout, ignoring a closed pipe (`rolecall search | head` must not panic).
pub(crate) fn out(s: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
}

macro_rules! outln {
    ($($arg:tt)*) => { out(&format!("{}\n", format_args!($($arg)*))) };
}

/// Exit codes: 0 answered, 1 the question could not be answered as asked (unknown or
/// ambiguous name…), 2 bad arguments (clap's, and a chart file that cannot be written),
/// 3 the data directory is invalid.
const EXIT_USER: u8 = 1;
const EXIT_ARGS: u8 = 2;
const EXIT_DATA: u8 = 3;

fn data_dir(flag: Option<PathBuf>) -> PathBuf {
    if let Some(d) = flag {
        return d;
    }
    if let Some(d) = std::env::var_os("ROLECALL_DATA").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    let local = PathBuf::from("data");
    if local.is_dir() {
        local
    } else {
        rolecall::default_data_dir()
    }
}

pub fn run(cli: Cli) -> ExitCode {
    let style = Style::detect();
    let dir = data_dir(cli.data);
    match cli.command {
        Command::Serve => return crate::discord::serve(&dir),
        Command::Register => return crate::discord::register_now(),
        _ => {}
    }
    if let Command::CheckData = cli.command {
        return match Dataset::load(&dir) {
            Ok(d) => {
                outln!(
                    "{}: ok ({}, {}, dataset {})",
                    dir.display(),
                    rolecall::text::count(d.careers.len(), "career", "careers"),
                    rolecall::text::count(d.areas.len(), "place", "places"),
                    d.meta.dataset_version
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                // The maintainers' tool shows every problem, not the first few.
                eprintln!("invalid data ({} problems):", e.issues.len());
                for issue in &e.issues {
                    eprintln!("  {issue}");
                }
                ExitCode::from(EXIT_DATA)
            }
        };
    }
    // Never dropped: the process ends after one answer, and freeing ~100,000 allocations
    // first would only delay the exit by milliseconds.
    let rc = match Rolecall::load(&dir) {
        Ok(rc) => std::mem::ManuallyDrop::new(rc),
        Err(e) => {
            eprintln!(
                "{} {e}\n(run `rolecall check-data` after fixing it)",
                style.error("error:")
            );
            return ExitCode::from(EXIT_DATA);
        }
    };
    // The owners' global edits apply in the terminal too, when there is a store to read.
    let global = match rolecall::store::Location::parse(&crate::settings::db()) {
        db if db.exists() => db
            .open()
            .and_then(|s| rolecall::store::overlay(s.as_ref(), rolecall::store::Scope::Global))
            .map(|(o, _)| o)
            .unwrap_or_else(|e| {
                eprintln!("warning: edits not applied ({db}): {e}");
                Default::default()
            }),
        _ => Default::default(),
    };
    let view = View::new(&rc, &[&global]);
    let result = match cli.command {
        Command::Resolve { query } => return resolve(&view, &query.join(" "), cli.json),
        Command::Dataset(cmd) => return dataset::run(&rc, cmd),
        Command::Ask {
            question,
            explain: true,
        } => {
            out(&view.explain_question(&question.join(" ")));
            return ExitCode::SUCCESS;
        }
        other => answer(&view, other),
    };
    match result {
        Ok((a, pictures)) => {
            if cli.json {
                print_json(&a);
            } else {
                out(&render::answer(&a, style));
            }
            for (path, png) in pictures {
                if let Err(e) = png
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| std::fs::write(&path, bytes).map_err(|e| e.to_string()))
                {
                    eprintln!(
                        "{} cannot write {}: {e}",
                        style.error("error:"),
                        path.display()
                    );
                    return ExitCode::from(EXIT_ARGS);
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            if cli.json {
                print_json(&e);
            } else {
                eprint!("{}", render::user_error(&e, style));
            }
            ExitCode::from(EXIT_USER)
        }
    }
}

/// A picture asked for with `--chart` or `--map`: where to write it, and its PNG.
type Picture = (PathBuf, Result<Vec<u8>, chart::RenderError>);

fn answer(v: &View, command: Command) -> Result<(Answer, Vec<Picture>), UserError> {
    use rolecall::question::Intent;
    let (mut chart_file, mut map_file) = (None, None);
    let intent = match command {
        Command::Compare {
            roles,
            place,
            chart,
        } => {
            chart_file = chart;
            Intent::Compare { roles, place }
        }
        Command::Career { role } => Intent::Career {
            role: role.join(" "),
        },
        Command::Salary {
            role,
            place,
            chart,
            map,
        } => {
            (chart_file, map_file) = (chart, map);
            Intent::Salary {
                role: role.join(" "),
                place,
            }
        }
        Command::Outlook { role, place } => Intent::Outlook {
            role: role.join(" "),
            place,
        },
        Command::TopPlaces { role, lowest, map } => {
            map_file = map;
            Intent::TopPlaces {
                role: role.join(" "),
                lowest,
            }
        }
        Command::Education { role, place } => Intent::Education {
            role: role.join(" "),
            place,
        },
        Command::Responsibilities { role } => Intent::Responsibilities {
            role: role.join(" "),
        },
        Command::Related { role } => Intent::Related {
            role: role.join(" "),
        },
        Command::Search { query, page } => {
            return Ok((
                Answer::Search(answers::search(v, &query.join(" "), page)),
                Vec::new(),
            ));
        }
        Command::Ask { question, .. } => {
            return Ok((v.answer_question(&question.join(" "))?, Vec::new()));
        }
        Command::About => return Ok((Answer::About(answers::about(v)), Vec::new())),
        Command::Resolve { .. }
        | Command::CheckData
        | Command::Serve
        | Command::Register
        | Command::Dataset(_) => {
            unreachable!("handled before")
        }
    };
    let answer = v.answer_intent(intent)?;
    let mut pictures = Vec::new();
    match &answer {
        Answer::Compare(c) => {
            if let Some(f) = chart_file {
                pictures.push((f, chart::range_png(&chart::RangeChart::from_compare(c))));
            }
        }
        Answer::Salary(s) => {
            if let Some(f) = chart_file {
                pictures.push((f, chart::range_png(&chart::RangeChart::from_salary(s))));
            }
            if let (Some(f), Some(map)) = (map_file, chart::StateMap::for_salary(v, s)) {
                pictures.push((f, chart::map_png(&map)));
            }
        }
        Answer::TopPlaces(t) => {
            if let (Some(f), Some(idx)) = (map_file, v.by_id(&t.career.id)) {
                pictures.push((
                    f,
                    chart::map_png(&chart::StateMap::for_career(v, idx, None)),
                ));
            }
        }
        _ => {}
    }
    Ok((answer, pictures))
}

fn print_json<T: Serialize>(v: &T) {
    outln!(
        "{}",
        serde_json::to_string_pretty(v).expect("answers always serialise")
    );
}

#[derive(Serialize)]
struct ResolveJson {
    best: Option<answers::CareerRef>,
    ambiguous: bool,
    candidates: Vec<CandidateJson>,
}

#[derive(Serialize)]
struct CandidateJson {
    soc: String,
    id: String,
    title: String,
    score: f32,
    matched: String,
}

/// `rolecall resolve`: the resolver's ranking, for people tuning names and for scripts.
fn resolve(view: &View, query: &str, json: bool) -> ExitCode {
    let query: String = query
        .chars()
        .take(rolecall::lookup::MAX_QUERY_CHARS)
        .collect();
    let r = view.resolution(&query);
    let out = ResolveJson {
        best: r.best.map(|b| answers::CareerRef::new(view, b)),
        ambiguous: r.ambiguous,
        candidates: r
            .candidates
            .iter()
            .map(|c| {
                let career = answers::CareerRef::new(view, c.target);
                CandidateJson {
                    soc: career.soc,
                    id: career.id,
                    title: career.title,
                    score: (c.score * 1000.0).round() / 1000.0,
                    matched: c.matched.clone(),
                }
            })
            .collect(),
    };
    if json {
        print_json(&out);
    } else {
        let s = Style::detect();
        let verdict = match (&out.best, out.ambiguous) {
            (Some(b), false) => format!("→ {} ({})", b.title, b.id),
            (Some(b), true) => format!("ambiguous; most likely {} ({})", b.title, b.id),
            (None, _) => "no match".to_string(),
        };
        outln!("{} {}", s.heading(&format!("“{}”", query.trim())), verdict);
        for c in &out.candidates {
            outln!(
                "  {:.3}  {:<12} {}  {}",
                c.score,
                c.id,
                c.title,
                s.dim(&format!("(matched “{}”)", c.matched))
            );
        }
    }
    if out.best.is_some() && !out.ambiguous {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_USER)
    }
}
