//! The log of changes as people read it: a page of lines, newest first, each change in words.
//! The bot's `/dataset history` and the terminal's `rolecall dataset history` show the same.

use crate::View;
use crate::edits;
use crate::store::{Scope, Store, StoreError};
use crate::text::printable;

/// Changes on one page.
pub const PER_PAGE: usize = 10;

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryPage {
    /// 1-based, clamped to what exists.
    pub page: usize,
    pub pages: usize,
    pub total: usize,
    pub lines: Vec<HistoryLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryLine {
    pub id: i64,
    /// YYYY-MM-DD
    pub date: String,
    pub by: String,
    /// The change in words ([`edits::describe`]).
    pub text: String,
    pub undone_by: Option<i64>,
    pub undo_of: Option<i64>,
}

/// A page of a scope's changes (only those about `career`, if given). Any page number is
/// accepted: it is clamped to the pages that exist before it becomes an offset, so a forged
/// or mistyped page (18446744073709551615) shows the last page instead of failing.
pub fn page(
    v: &View,
    store: &dyn Store,
    scope: Scope,
    career: Option<&str>,
    page: usize,
) -> Result<HistoryPage, StoreError> {
    let (_, total) = store.history(scope, career, 0, 0)?;
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let (changes, _) = store.history(scope, career, (page - 1) * PER_PAGE, PER_PAGE)?;
    Ok(HistoryPage {
        page,
        pages,
        total,
        lines: changes
            .into_iter()
            .map(|c| HistoryLine {
                date: c.at.chars().take(10).collect(),
                by: printable(&c.author_name).into_owned(),
                text: edits::describe(v, &c.key, c.before.as_ref(), c.after.as_ref()),
                id: c.id,
                undone_by: c.undone_by,
                undo_of: c.undo_of,
            })
            .collect(),
    })
}
