//! The `rolecall` binary: the terminal front end, and the Discord bot (`rolecall serve`).

mod cli;
mod discord;
mod settings;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // A missing .env is normal; settings can come from the environment.
    let _ = dotenvy::dotenv();
    cli::run(cli::Cli::parse())
}
