//! Maintainers' step: rebuild the generated tables in `data/` from the raw O*NET and BLS files.
//!
//! `cargo run --release --bin build-data -- [--sources ../shared/data-sources] [--out data]`

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut sources = PathBuf::from("../shared/data-sources");
    let mut out = PathBuf::from("data");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--sources" => sources = args.next().map(PathBuf::from).unwrap_or(sources),
            "--out" => out = args.next().map(PathBuf::from).unwrap_or(out),
            other => {
                anyhow::bail!("unknown argument `{other}` (expected --sources DIR, --out DIR)")
            }
        }
    }
    let built = rolecall::build::build(&sources)?;
    built.write_to(&out)?;
    for (name, text) in &built.files {
        println!(
            "{:>8} lines  {}",
            text.lines().count(),
            out.join(name).display()
        );
    }
    Ok(())
}
