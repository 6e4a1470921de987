//! From what a person types to careers and places: ranked candidates with scores, and an
//! explicit verdict (found, ambiguous, nothing).

mod careers;
pub mod index;
mod places;

pub use careers::{CareerResolver, MIN_SCORE};
pub use index::WHOLE as WHOLE_NAME;
pub use places::PlaceResolver;

/// A candidate with its score (0–1) and the name that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<T> {
    pub target: T,
    pub score: f32,
    pub matched: String,
}

/// The ranked result of resolving one query.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution<T> {
    pub query: String,
    /// Best first. Empty when nothing resembles the query.
    pub candidates: Vec<Candidate<T>>,
    /// The most likely meaning, if anything matches well enough; set even when ambiguous.
    pub best: Option<T>,
    /// The top candidates are too close to call, or the text is a known collision: ask back.
    pub ambiguous: bool,
    /// How many of the candidates to offer when asking back: the members of a collision, or
    /// those that came close to the top (at least 2, at most [`ASK_BACK`]).
    pub options: usize,
}

/// What a front end should do with a resolution.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict<'r, T> {
    Found(T),
    /// Ask back, offering these (best first).
    Ambiguous(&'r [Candidate<T>]),
    /// Nothing good enough; these are suggestions (may be empty).
    NotFound(&'r [Candidate<T>]),
}

/// How many alternatives an ambiguous answer offers.
pub const ASK_BACK: usize = 5;

impl<T: Copy> Resolution<T> {
    pub fn verdict(&self) -> Verdict<'_, T> {
        match (self.best, self.ambiguous) {
            (Some(_), true) => {
                Verdict::Ambiguous(&self.candidates[..self.options.min(self.candidates.len())])
            }
            (Some(b), false) => Verdict::Found(b),
            (None, _) => Verdict::NotFound(&self.candidates[..self.candidates.len().min(ASK_BACK)]),
        }
    }
}

/// Candidates scoring within this of the best are offered when asking back.
pub(crate) const OFFER_WITHIN: f32 = 0.1;

/// How many candidates to offer: those within [`OFFER_WITHIN`] of the best, 2 to [`ASK_BACK`].
pub(crate) fn close_options<T>(candidates: &[Candidate<T>]) -> usize {
    let Some(top) = candidates.first() else {
        return 0;
    };
    let close = candidates
        .iter()
        .take_while(|c| c.score >= top.score - OFFER_WITHIN)
        .count();
    close.clamp(2, ASK_BACK).min(candidates.len())
}

/// Scores are compared at this resolution, so that float noise never decides a tie that the
/// tie-break rules should.
pub(crate) fn quantize(score: f32) -> i32 {
    (score * 1000.0).round() as i32
}
