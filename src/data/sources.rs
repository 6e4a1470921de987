//! `data/sources.toml`: the dataset version, the sources and the credits.

use super::error::{DataError, DataIssue};
use super::model::Source;
use serde::Deserialize;
use std::path::Path;

/// The sources every answer may cite; `check-data` insists on each.
pub const REQUIRED_SOURCES: [&str; 4] = ["onet", "bls-ep", "bls-oews", "rolecall"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    pub dataset_version: String,
    pub onet_credit: String,
    pub bls_note: String,
    #[serde(rename = "source")]
    pub sources: Vec<Source>,
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            id: String,
            name: String,
            publisher: String,
            released: String,
            period: String,
            citation: String,
            url: String,
        }
        let r = Raw::deserialize(d)?;
        Ok(Source {
            id: r.id,
            name: r.name,
            publisher: r.publisher,
            released: r.released,
            period: r.period,
            citation: r.citation,
            url: r.url,
        })
    }
}

/// 1-based line of a byte offset, for TOML errors.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

pub(crate) fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> DataIssue {
    DataIssue {
        file: path.to_path_buf(),
        line: e.span().map(|s| line_of(text, s.start)).unwrap_or(0),
        field: None,
        message: e.message().trim().to_string(),
    }
}

pub fn read(path: &Path) -> Result<SourcesFile, DataError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| DataError::whole_file(path, format!("cannot read: {e}")))?;
    let file: SourcesFile =
        toml::from_str(&text).map_err(|e| DataError::single(toml_error(path, &text, &e)))?;
    let mut issues = Vec::new();
    let issue = |field: &str, message: String| DataIssue {
        file: path.to_path_buf(),
        line: 0,
        field: Some(field.to_string()),
        message,
    };
    for id in REQUIRED_SOURCES {
        if !file.sources.iter().any(|s| s.id == id) {
            issues.push(issue("source", format!("no [[source]] with id = \"{id}\"")));
        }
    }
    for (i, s) in file.sources.iter().enumerate() {
        if file.sources[..i].iter().any(|o| o.id == s.id) {
            issues.push(issue(
                "source.id",
                format!("duplicate source id `{}`", s.id),
            ));
        }
        if s.name.trim().is_empty() || s.released.trim().is_empty() || s.citation.trim().is_empty()
        {
            issues.push(issue(
                "source",
                format!("source `{}` needs a name, released and citation", s.id),
            ));
        }
    }
    if file.dataset_version.trim().is_empty() {
        issues.push(issue("dataset_version", "must not be empty".into()));
    }
    if issues.is_empty() {
        Ok(file)
    } else {
        Err(DataError { issues })
    }
}
