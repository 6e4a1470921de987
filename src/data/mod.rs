//! The career dataset: loaded once from `data/`, validated, then read-only.

pub mod curated;
pub mod error;
mod load;
pub mod model;
mod sources;
pub mod tsv;

pub use error::{DataError, DataIssue};
pub use model::*;
pub use sources::{REQUIRED_SOURCES, SourcesFile};

use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::path::Path;

/// The BLS code of the all-occupations total in the projections table: the figure every
/// occupation's growth is compared with.
pub const ALL_OCCUPATIONS: &str = "00-0000";

/// Every career, its figures and the places figures are published for.
pub struct Dataset {
    pub meta: SourcesFile,
    /// Occupations in O*NET-SOC order, then curated roles in file order.
    pub careers: Vec<Career>,
    by_id: FxHashMap<String, CareerIdx>,
    /// Keyed by BLS code.
    projections: HashMap<String, Projection>,
    /// Keyed by BLS code; each code's rows sorted by area index, so the nation (index 0)
    /// comes first.
    pay: load::PayTable,
    pub areas: Vec<Area>,
    /// Names people type that point at careers in a way the O*NET titles do not (`rn`,
    /// `developer`). More than one career means a known collision.
    pub alias_table: Vec<TableAlias>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableAlias {
    pub text: String,
    pub careers: Vec<CareerIdx>,
}

impl Dataset {
    /// Reads and validates a data directory. Any problem, in any file, is an error that names
    /// the file, line and field; nothing is half-loaded.
    pub fn load(dir: &Path) -> Result<Dataset, DataError> {
        load::load(dir)
    }

    /// [`Dataset::load`], calling `also` with the dataset while its pay table is still being
    /// read on another thread: `also` sees every career, projection, area and alias, but no
    /// pay rows, so it must not depend on them. It is called only if all it sees is valid.
    /// This is how [`crate::Rolecall::load`] builds the name indexes in the meantime.
    pub fn load_with<T>(
        dir: &Path,
        also: impl FnOnce(&Dataset) -> T,
    ) -> Result<(Dataset, T), DataError> {
        load::load_with(dir, also)
    }

    pub fn career(&self, idx: CareerIdx) -> &Career {
        &self.careers[idx]
    }

    pub fn by_id(&self, id: &str) -> Option<CareerIdx> {
        self.by_id.get(id).copied()
    }

    /// The occupation whose figures a career uses: itself, or a curated role's `figures_from`.
    pub fn figures_occupation(&self, idx: CareerIdx) -> CareerIdx {
        match self.careers[idx].kind {
            CareerKind::Occupation => idx,
            CareerKind::Curated { figures_from }
            | CareerKind::Added {
                figures_from: Some(figures_from),
            } => figures_from,
            // Added roles live only in a View, never in the dataset.
            CareerKind::Added { figures_from: None } => idx,
        }
    }

    pub fn figures_key(&self, idx: CareerIdx) -> Option<&FiguresKey> {
        self.careers[self.figures_occupation(idx)].figures.as_ref()
    }

    pub fn projection(&self, idx: CareerIdx) -> Option<&Projection> {
        self.figures_key(idx)
            .and_then(|k| self.projections.get(&k.code))
    }

    /// The projection for all occupations together (BLS's "Total, all occupations").
    pub fn all_occupations(&self) -> Option<&Projection> {
        self.projections.get(ALL_OCCUPATIONS)
    }

    /// All published pay rows for a career, the nation first.
    pub fn pay_rows(&self, idx: CareerIdx) -> &[PayRow] {
        self.figures_key(idx)
            .and_then(|k| self.pay.by_code.get(&k.code))
            .map(|r| &self.pay.rows[r.start as usize..r.end as usize])
            .unwrap_or(&[])
    }

    pub fn pay_in(&self, idx: CareerIdx, area: AreaIdx) -> Option<&PayRow> {
        let rows = self.pay_rows(idx);
        rows.binary_search_by_key(&area, |r| r.area)
            .ok()
            .map(|i| &rows[i])
    }

    pub fn national_area(&self) -> AreaIdx {
        0
    }

    /// Employment in 2024 (thousands), used to break ties towards what people more likely mean.
    pub fn employment(&self, idx: CareerIdx) -> f64 {
        self.projection(idx)
            .map(|p| p.employment_2024)
            .unwrap_or(0.0)
    }

    pub fn source(&self, id: &str) -> &Source {
        self.meta
            .sources
            .iter()
            .find(|s| s.id == id)
            .expect("sources.toml is validated to hold every source the answers cite")
    }
}
