//! `data/curated.toml`: roles people ask about that are not occupations of their own, and the
//! table of names that O*NET's titles do not cover (abbreviations, everyday words, collisions).
//!
//! Hand-maintained, so every value keeps its position in the file: an error points at the line.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuratedFile {
    #[serde(default)]
    pub role: Vec<RoleDef>,
    #[serde(default)]
    pub alias: Vec<AliasDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// The O*NET-SOC code whose BLS figures this role uses.
    pub figures_from: Spanned<String>,
    pub description: Spanned<String>,
    pub responsibilities: Vec<Spanned<String>>,
    /// Curated role ids or O*NET-SOC codes, most related first.
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasDef {
    pub text: Spanned<String>,
    /// One career, or several for a known collision (most likely first).
    pub careers: Vec<Spanned<String>>,
}

/// A curated id is a lowercase slug, so it can never be mistaken for an O*NET-SOC code.
pub fn is_valid_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// `15-1252.00`
pub fn is_onet_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            2 => *c == b'-',
            7 => *c == b'.',
            _ => c.is_ascii_digit(),
        })
}

/// `15-1252`
pub fn is_bls_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b.iter().enumerate().all(|(i, c)| {
            if i == 2 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}
