//! The answers, as plain data: what a front end shows, already decided, with the source of
//! every figure and every disclosure a reader needs. Front ends only lay them out.
//!
//! Every answer serialises to JSON (the CLI's `--json`), where each career carries `soc` (its
//! O*NET-SOC code, or for a curated role the occupation its figures come from) and `title`.

mod about;
mod blocks;
mod compare;
mod lists;
mod profile;
mod salary;

pub use about::{About, about};
pub use blocks::*;
pub use compare::{Compare, CompareRow, compare};
pub use lists::{
    Related, RelatedItem, Responsibilities, Search, SearchItem, related, responsibilities, search,
};
pub use profile::{Profile, profile};
pub use salary::{Salary, salary};

use serde::Serialize;

/// Any answer, for front ends that dispatch on what a question asked.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "answer", rename_all = "kebab-case")]
pub enum Answer {
    Compare(Compare),
    Career(Profile),
    Salary(Salary),
    Responsibilities(Responsibilities),
    Related(Related),
    Search(Search),
    About(About),
    /// What can be asked (the answer to "help").
    Help(Help),
}

#[derive(Debug, Clone, Serialize)]
pub struct Help {
    pub text: String,
}
