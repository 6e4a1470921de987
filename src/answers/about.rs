//! Where the data comes from, how current it is, and the credits its licences ask for.

use crate::View;
use crate::data::{CareerKind, Source};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct About {
    pub dataset_version: String,
    pub careers: usize,
    pub occupations: usize,
    pub curated_roles: usize,
    pub names: usize,
    pub areas: usize,
    pub sources: Vec<Source>,
    pub onet_credit: String,
    pub bls_note: String,
}

impl About {
    /// "Dataset 2026.12.2: 1,011 careers (…), 60,615 names, 830 places.", the one sentence
    /// both front ends show.
    pub fn summary(&self) -> String {
        use crate::text::count;
        format!(
            "Dataset {}: {} ({}, {}), {}, {}.",
            self.dataset_version,
            count(self.careers, "career", "careers"),
            count(self.occupations, "O*NET occupation", "O*NET occupations"),
            count(self.curated_roles, "curated role", "curated roles"),
            count(self.names, "name", "names"),
            count(self.areas, "place", "places")
        )
    }
}

pub fn about(v: &View) -> About {
    let curated =
        v.rc.data
            .careers
            .iter()
            .filter(|c| matches!(c.kind, CareerKind::Curated { .. }))
            .count();
    About {
        dataset_version: v.rc.data.meta.dataset_version.clone(),
        careers: v.rc.data.careers.len(),
        occupations: v.rc.data.careers.len() - curated,
        curated_roles: curated,
        names: v.rc.careers.names(),
        areas: v.rc.data.areas.len(),
        sources: v.rc.data.meta.sources.clone(),
        onet_credit: v.rc.data.meta.onet_credit.clone(),
        bls_note: v.rc.data.meta.bls_note.clone(),
    }
}
