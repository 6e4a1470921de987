//! Rolecall's core: the career dataset, matching what people type to careers, and the answers.
//!
//! Nothing here knows about Discord or the terminal; see ARCHITECTURE.md.

pub mod answers;
pub mod build;
pub mod chart;
pub mod data;
pub mod edits;
mod engine;
pub mod exchange;
pub mod format;
pub mod history;
pub mod lookup;
pub mod overlay;
pub mod question;
pub mod resolve;
pub mod store;
pub mod text;
mod view;

pub use engine::Rolecall;
pub use view::{AddedNames, View};

/// The data directory shipped with the repository, for tests, benches and the default.
pub fn default_data_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}
