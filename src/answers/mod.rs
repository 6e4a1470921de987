//! The answers, as plain data: what a front end shows, already decided, with the source of
//! every figure and every disclosure a reader needs. Front ends only lay them out.
//!
//! Every answer serialises to JSON (the CLI's `--json`), where each career carries `soc` (its
//! O*NET-SOC code, or for a curated role the occupation its figures come from) and `title`.

mod about;
mod blocks;
mod compare;
mod education;
mod lists;
mod outlook;
mod places;
mod profile;
mod salary;

pub use about::{About, about};
pub use blocks::*;
pub use compare::{Compare, CompareRow, compare};
pub use education::{Education, education, job_zone_name};
pub use lists::{
    Related, RelatedItem, Responsibilities, Search, SearchItem, related, responsibilities, search,
};
pub use outlook::{OutlookAnswer, outlook};
pub use places::{PlaceRank, SHOWN, TopPlaces, top_places};
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
    Outlook(OutlookAnswer),
    TopPlaces(TopPlaces),
    Education(Education),
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

impl Answer {
    /// Adds a note a reader needs (how the question was read), first, to any answer that
    /// carries notes.
    pub fn disclose(&mut self, d: Disclosure) {
        let list = match self {
            Answer::Compare(x) => &mut x.disclosures,
            Answer::Career(x) => &mut x.disclosures,
            Answer::Salary(x) => &mut x.disclosures,
            Answer::Outlook(x) => &mut x.disclosures,
            Answer::TopPlaces(x) => &mut x.disclosures,
            Answer::Education(x) => &mut x.disclosures,
            Answer::Responsibilities(x) => &mut x.disclosures,
            Answer::Related(_) | Answer::Search(_) | Answer::About(_) | Answer::Help(_) => return,
        };
        list.insert(0, d);
    }
}
