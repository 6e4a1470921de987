//! `rolecall dataset …`: the owners' command line on the same store as the bot — history,
//! export, import and undo — for the data everyone sees (default) or one guild's (`--guild`).

use clap::{Subcommand, ValueEnum};
use rolecall::overlay::Overlay;
use rolecall::store::{Location, Scope, Store};
use rolecall::{Rolecall, edits, exchange};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum DatasetCommand {
    /// Who changed what, newest first.
    History {
        #[arg(long)]
        guild: Option<u64>,
        /// Only changes to this role (id or name).
        #[arg(long)]
        role: Option<String>,
        #[arg(long, default_value_t = 1)]
        page: usize,
    },
    /// Print the current edits (to save or to import elsewhere).
    Export {
        #[arg(long)]
        guild: Option<u64>,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Check a file of edits and show what it would change; apply it with --yes.
    Import {
        file: PathBuf,
        #[arg(long)]
        guild: Option<u64>,
        /// Apply the changes (all of them, in one transaction).
        #[arg(long)]
        yes: bool,
    },
    /// Undo a change (the latest, or this number from `history`).
    Undo {
        change: Option<i64>,
        #[arg(long)]
        guild: Option<u64>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
    Csv,
}

/// What an audience sees, as the bot layers it.
fn layers(store: &dyn Store, s: Scope) -> Vec<Overlay> {
    let (overlays, problems) = rolecall::store::layers(store, s);
    for p in problems {
        eprintln!("warning: {}", rolecall::text::printable(&p));
    }
    overlays
}

fn scope(guild: Option<u64>) -> Scope {
    guild.map_or(Scope::Global, Scope::Guild)
}

/// Who the command line writes as, in the change log.
fn author() -> (u64, String) {
    let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    (0, format!("cli:{user}"))
}

pub fn run(rc: &Rolecall, command: DatasetCommand) -> ExitCode {
    let db = Location::parse(&crate::settings::db());
    // Reading must not create a database where there is none.
    let reads = matches!(
        command,
        DatasetCommand::History { .. } | DatasetCommand::Export { .. }
    );
    if reads && !db.exists() {
        eprintln!("no edits yet: there is no database at {db} (ROLECALL_DB)");
        return ExitCode::SUCCESS;
    }
    // `db` shows a URL without its password.
    let store = match db.open() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: the edits database ({db}): {e}");
            return ExitCode::from(1);
        }
    };
    let store = store.as_ref();
    let fail = |msg: String| {
        eprintln!("error: {msg}");
        ExitCode::from(1)
    };
    match command {
        DatasetCommand::History { guild, role, page } => {
            let s = scope(guild);
            let layers = layers(store, s);
            let refs: Vec<&Overlay> = layers.iter().collect();
            let view = rolecall::View::new(rc, &refs);
            let career = match role.as_deref().map(|r| view.lookup_career(r)).transpose() {
                Ok(c) => c.map(|i| view.career(i).id.clone()),
                Err(e) => return fail(e.to_string()),
            };
            match rolecall::history::page(&view, store, s, career.as_deref(), page) {
                Ok(h) => {
                    super::out(&format!(
                        "{} in {} (page {} of {}):\n",
                        rolecall::text::count(h.total, "change", "changes"),
                        s.key(),
                        rolecall::format::thousands(h.page as u64),
                        rolecall::format::thousands(h.pages as u64)
                    ));
                    for c in h.lines {
                        let mark = match (c.undone_by, c.undo_of) {
                            (Some(u), _) => format!(" (undone by #{u})"),
                            (_, Some(o)) => format!(" (undoes #{o})"),
                            _ => String::new(),
                        };
                        super::out(&format!(
                            "#{:<5} {}  {:<20} {}{mark}\n",
                            c.id, c.date, c.by, c.text
                        ));
                    }
                    if h.page < h.pages {
                        let mut command: Vec<String> =
                            ["rolecall", "dataset", "history"].map(String::from).into();
                        if let Some(g) = guild {
                            command.extend(["--guild".into(), g.to_string()]);
                        }
                        if let Some(r) = &role {
                            command.extend(["--role".into(), r.clone()]);
                        }
                        command.extend(["--page".into(), (h.page + 1).to_string()]);
                        super::out(&format!(
                            "\nNext page: {}\n",
                            super::render::shell_words(&command)
                        ));
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e.to_string()),
            }
        }
        DatasetCommand::Export { guild, format } => match store.entries(scope(guild)) {
            Ok(entries) => {
                let layers = layers(store, scope(guild));
                let refs: Vec<&Overlay> = layers.iter().collect();
                let (entries, left_out) =
                    exchange::exportable(&rolecall::View::new(rc, &refs), entries);
                if left_out > 0 {
                    eprintln!(
                        "left out {} for roles that no longer exist",
                        rolecall::text::count(left_out, "edit", "edits")
                    );
                }
                super::out(&match format {
                    Format::Json => exchange::to_json(&entries),
                    Format::Csv => exchange::to_csv(&entries),
                });
                ExitCode::SUCCESS
            }
            Err(e) => fail(e.to_string()),
        },
        DatasetCommand::Import { file, guild, yes } => {
            let s = scope(guild);
            let text = match std::fs::read_to_string(&file) {
                Ok(t) => t,
                Err(e) => return fail(format!("{}: {e}", file.display())),
            };
            let layers = layers(store, s);
            let refs: Vec<&Overlay> = layers.iter().collect();
            let view = rolecall::View::new(rc, &refs);
            let planned =
                match exchange::parse(&text).and_then(|items| exchange::plan(&view, items)) {
                    Ok(p) => p,
                    Err(e) => {
                        let at = match e.line {
                            0 => String::new(),
                            n => format!("{n}:"),
                        };
                        return fail(format!(
                            "{}:{at} {}; nothing was changed",
                            file.display(),
                            e.reason
                        ));
                    }
                };
            let (author_id, author_name) = author();
            let current = match store.entries(s) {
                Ok(c) => c,
                Err(e) => return fail(e.to_string()),
            };
            let (changes, lines) =
                exchange::preview(&view, s, &current, &planned, author_id, &author_name);
            for line in lines {
                super::out(&format!("  {line}\n"));
            }
            if !yes {
                super::out(&format!(
                    "{} would be made to {}; run again with --yes to apply them.\n",
                    rolecall::text::count(changes.len(), "change", "changes"),
                    s.key()
                ));
                return ExitCode::SUCCESS;
            }
            match store.apply(&changes) {
                Ok(done) => {
                    super::out(&format!(
                        "applied {} to {}\n",
                        rolecall::text::count(done.len(), "change", "changes"),
                        s.key()
                    ));
                    ExitCode::SUCCESS
                }
                Err(e) => fail(format!("{e}; nothing was changed")),
            }
        }
        DatasetCommand::Undo { change, guild } => {
            let s = scope(guild);
            let (author_id, author_name) = author();
            match store.undo(s, change, author_id, &author_name) {
                Ok(c) => {
                    let view = rc.view();
                    super::out(&format!(
                        "undid #{} (change #{}): {}\n",
                        c.undo_of.unwrap_or_default(),
                        c.id,
                        edits::describe(&view, &c.key, c.before.as_ref(), c.after.as_ref())
                    ));
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e.to_string()),
            }
        }
    }
}
