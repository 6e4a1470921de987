//! data/: it validates, a rebuild from the raw sources reproduces it exactly, and a broken
//! file is refused with its file, line and field — by `check-data` and by every command.

mod common;
use common::*;
use std::path::Path;

fn break_line(dir: &Path, file: &str, line: usize, edit: impl Fn(&str) -> String) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[line - 1] = edit(&lines[line - 1]);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
}

fn set_field(line: &str, index: usize, value: &str) -> String {
    let mut f: Vec<&str> = line.split('\t').collect();
    f[index] = value;
    f.join("\t")
}

#[test]
fn shipped_data_is_valid() {
    let run = rolecall(&["check-data"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("ok (1,011 careers"), "{}", run.stdout);
}

#[test]
fn a_rebuild_from_the_raw_sources_reproduces_data_exactly() {
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data-sources");
    if !sources.is_dir() {
        eprintln!("skipped: {} is not present", sources.display());
        return;
    }
    let built = rolecall::build::build(&sources).expect("build");
    assert_eq!(built.files.len(), rolecall::build::GENERATED.len());
    for (name, text) in &built.files {
        let shipped = std::fs::read_to_string(data_dir().join(name)).unwrap();
        assert!(
            shipped == *text,
            "data/{name} differs from a fresh build: run `cargo run --release --bin build-data`"
        );
    }
}

#[test]
fn unordered_percentiles_name_file_line_and_field() {
    let dir = copy_of_data();
    // annual_p25 (column 12) above the median.
    break_line(dir.path(), "pay.tsv", 2, |l| set_field(l, 11, "9999999"));
    let run = rolecall_in(dir.path(), &["check-data"]);
    assert_eq!(run.code, 3);
    assert!(
        run.stderr.contains("pay.tsv:2: field `annual_p25`"),
        "{}",
        run.stderr
    );
    // Every command refuses to start on it, with the same message, and no panic.
    let compare = rolecall_in(dir.path(), &["compare", "cto", "product-manager"]);
    assert_eq!(compare.code, 3);
    assert!(
        compare.stderr.contains("pay.tsv:2: field `annual_p25`"),
        "{}",
        compare.stderr
    );
    assert!(!compare.stderr.contains("panicked"));
}

#[test]
fn a_percentile_out_of_order_is_reported() {
    let dir = copy_of_data();
    // Swap median (col 13) below p25 (col 12) with plausible numbers.
    break_line(dir.path(), "pay.tsv", 2, |l| {
        set_field(&set_field(l, 11, "90000"), 12, "80000")
    });
    let run = rolecall_in(dir.path(), &["check-data"]);
    assert_eq!(run.code, 3);
    assert!(
        run.stderr
            .contains("pay.tsv:2: field `annual_median`: percentiles out of order"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_numbers_duplicates_and_dangling_references_are_all_reported() {
    let dir = copy_of_data();
    break_line(dir.path(), "projections.tsv", 3, |l| {
        set_field(l, 4, "lots")
    });
    break_line(dir.path(), "related.tsv", 2, |l| {
        set_field(l, 1, "99-9999.00")
    });
    break_line(dir.path(), "occupations.tsv", 3, |l| {
        let first = std::fs::read_to_string(data_dir().join("occupations.tsv")).unwrap();
        let soc = first
            .lines()
            .nth(1)
            .unwrap()
            .split('\t')
            .next()
            .unwrap()
            .to_string();
        set_field(l, 0, &soc)
    });
    break_line(dir.path(), "occupations.tsv", 4, |l| set_field(l, 2, "9"));
    let run = rolecall_in(dir.path(), &["check-data"]);
    assert_eq!(run.code, 3);
    let err = &run.stderr;
    assert!(
        err.contains("projections.tsv:3: field `change_pct`: expected a number, found `lots`"),
        "{err}"
    );
    assert!(
        err.contains("related.tsv:2: field `related_soc`: no occupation `99-9999.00`"),
        "{err}"
    );
    assert!(
        err.contains("occupations.tsv:3: field `soc`: duplicate occupation"),
        "{err}"
    );
    assert!(
        err.contains("occupations.tsv:4: field `job_zone`: 9 is not a Job Zone"),
        "{err}"
    );
}

#[test]
fn a_duplicate_pay_row_and_a_figures_code_without_rows_are_reported_with_their_line() {
    let dir = copy_of_data();
    let second = std::fs::read_to_string(data_dir().join("pay.tsv"))
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    let code = second.split('\t').next().unwrap().to_string();
    break_line(dir.path(), "pay.tsv", 3, |_| second.clone());
    // The pay table is read on a thread of its own; this check waits for it.
    break_line(dir.path(), "occupations.tsv", 2, |l| {
        set_field(l, 3, "99-9999")
    });
    let run = rolecall_in(dir.path(), &["check-data"]);
    assert_eq!(run.code, 3);
    assert!(
        run.stderr.contains(&format!(
            "pay.tsv:3: field `area_code`: more than one row for {code} in the same area"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "occupations.tsv:2: field `figures_code`: `99-9999` has no row in projections.tsv or pay.tsv"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_wrong_field_count_and_a_bad_header_are_reported() {
    let dir = copy_of_data();
    break_line(dir.path(), "tasks.tsv", 5, |l| l.replace('\t', " "));
    let run = rolecall_in(dir.path(), &["check-data"]);
    assert!(
        run.stderr
            .contains("tasks.tsv:5: expected 4 tab-separated fields, found 1"),
        "{}",
        run.stderr
    );

    let dir = copy_of_data();
    break_line(dir.path(), "areas.tsv", 1, |l| l.replace("postal", "zip"));
    let run = rolecall_in(dir.path(), &["check-data"]);
    assert!(
        run.stderr.contains("areas.tsv:1: header must be"),
        "{}",
        run.stderr
    );
}

#[test]
fn curated_roles_are_validated_with_their_line() {
    let dir = copy_of_data();
    let path = dir.path().join("curated.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text.replacen(
        "figures_from = \"11-2021.00\"",
        "figures_from = \"11-2099.99\"",
        1,
    );
    let line = broken
        .lines()
        .position(|l| l.contains("11-2099.99"))
        .unwrap()
        + 1;
    std::fs::write(&path, broken).unwrap();
    let run = rolecall_in(dir.path(), &["check-data"]);
    assert_eq!(run.code, 3);
    assert!(
        run.stderr.contains(&format!(
            "curated.toml:{line}: field `figures_from`: `11-2099.99` is neither"
        )),
        "{}",
        run.stderr
    );

    // A related career that points nowhere, and a duplicate id.
    let dir = copy_of_data();
    let path = dir.path().join("curated.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text
        .replacen("\"information-architect\"", "\"no-such-role\"", 1)
        .replacen("id = \"product-owner\"", "id = \"product-manager\"", 1);
    std::fs::write(&path, &broken).unwrap();
    let run = rolecall_in(dir.path(), &["check-data"]);
    assert!(
        run.stderr.contains("`no-such-role` is neither"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("field `id`: duplicate id `product-manager`"),
        "{}",
        run.stderr
    );

    // Broken TOML syntax: the parser's line.
    std::fs::write(&path, "[[role]]\nid = \"x\"\ntitle = \n").unwrap();
    let run = rolecall_in(dir.path(), &["check-data"]);
    assert_eq!(run.code, 3);
    assert!(run.stderr.contains("curated.toml:3"), "{}", run.stderr);
}

#[test]
fn a_missing_data_directory_is_one_clear_line() {
    let run = rolecall_in(
        Path::new("/nonexistent/rolecall-data"),
        &["career", "nurse"],
    );
    assert_eq!(run.code, 3);
    assert!(
        run.stderr.contains("data directory not found"),
        "{}",
        run.stderr
    );
}
