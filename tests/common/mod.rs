//! Shared by the integration tests: running the real binary, and reading data/ independently
//! of the code under test so that asserted figures come from the files, not from the loader.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

/// Runs `rolecall` with `args` against `data` (the shipped data by default), with no edits
/// database unless `env` names one.
pub fn rolecall_in(data: &Path, args: &[&str]) -> Run {
    rolecall_env(data, args, &[])
}

pub fn rolecall_env(data: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .env("ROLECALL_DATA", data)
        .env("ROLECALL_DB", "/nonexistent/rolecall-tests/none.sqlite")
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("run rolecall");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn rolecall(args: &[&str]) -> Run {
    rolecall_in(&data_dir(), args)
}

/// One row of a data/ table as (column → value), found by its first columns.
pub fn table_row(file: &str, key: &[&str]) -> std::collections::HashMap<String, String> {
    let text = std::fs::read_to_string(data_dir().join(file)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let line = lines
        .find(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            key.iter().enumerate().all(|(i, k)| f[i] == *k)
        })
        .unwrap_or_else(|| panic!("no row {key:?} in {file}"));
    header
        .iter()
        .map(|h| h.to_string())
        .zip(line.split('\t').map(str::to_string))
        .collect()
}

/// "$175,140" from "175140".
pub fn dollars(raw: &str) -> String {
    let n: u64 = raw.parse().unwrap();
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("${out}")
}

/// A copy of data/ in a temporary directory, to break on purpose.
pub fn copy_of_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(data_dir()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}
