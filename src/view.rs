//! The dataset as one audience sees it: the shipped data with the owners' global edits and,
//! in a guild, that guild's edits on top. Everything that answers questions reads through a
//! `View`, so an edit shows in the scope it was made for and nowhere else.
//!
//! Careers keep their indices; roles added by edits get indices after the shipped careers.

use crate::Rolecall;
use crate::data::{AliasKind, Area, AreaIdx, Career, CareerIdx, CareerKind, Task, TaskKind};
use crate::overlay::{AliasEdit, Field, FigureEdit, Meta, Overlay, RoleEdit};
use crate::resolve::index::{FuzzyIndex, Mode};
use crate::resolve::{Candidate, Resolution};
use crate::text;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

pub struct View<'a> {
    pub rc: &'a Rolecall,
    /// Global edits first, then the guild's: later layers win.
    layers: Vec<&'a Overlay>,
    /// Roles added by the layers: (id, definition, layer).
    added: Vec<(&'a str, &'a RoleEdit)>,
    /// Names the layers add (aliases, added roles' titles) → career index.
    extra: Option<Arc<FuzzyIndex>>,
}

/// The index of the names a view's edits add, kept to build the next view of the same layers
/// without indexing them again (about 30 ms for 10,000 names): see [`View::with_names`].
#[derive(Clone, Default)]
pub struct AddedNames(Option<Arc<FuzzyIndex>>);

/// The weight of a name added by an edit; an exact match of one is moved to the top.
const EDIT_WEIGHT: f32 = 1.0;

impl Rolecall {
    /// The shipped data, without edits.
    pub fn view(&self) -> View<'_> {
        View::new(self, &[])
    }
}

impl<'a> View<'a> {
    pub fn new(rc: &'a Rolecall, layers: &[&'a Overlay]) -> View<'a> {
        let mut view = View::bare(rc, layers);
        view.extra = view.index_names().map(Arc::new);
        view
    }

    /// A view of the same data and layers as the one `names` was taken from
    /// ([`View::added_names_index`]): the caller keeps them together, keyed by the layers'
    /// versions. Names from other layers would resolve to the wrong careers.
    pub fn with_names(rc: &'a Rolecall, layers: &[&'a Overlay], names: AddedNames) -> View<'a> {
        let mut view = View::bare(rc, layers);
        view.extra = names.0;
        view
    }

    /// The index of the names this view's edits add, to build the next view with.
    pub fn added_names_index(&self) -> AddedNames {
        AddedNames(self.extra.clone())
    }

    fn bare(rc: &'a Rolecall, layers: &[&'a Overlay]) -> View<'a> {
        let layers: Vec<&Overlay> = layers.iter().copied().filter(|o| !o.is_empty()).collect();
        let mut added: Vec<(&str, &RoleEdit)> = Vec::new();
        for o in &layers {
            for (id, r) in &o.roles {
                // A shipped id cannot be shadowed; a later layer's role replaces an earlier one.
                if rc.data.by_id(id).is_none() {
                    added.retain(|(x, _)| x != id);
                    added.push((id.as_str(), r));
                }
            }
        }
        View {
            rc,
            layers,
            added,
            extra: None,
        }
    }

    /// Indexes the names the layers add: added roles' titles and aliases.
    fn index_names(&self) -> Option<FuzzyIndex> {
        let base = self.rc.data.careers.len() as u32;
        let mut names: Vec<(String, u32, f32)> = Vec::new();
        for (i, (_, r)) in self.added.iter().enumerate() {
            names.push((r.title.clone(), base + i as u32, EDIT_WEIGHT));
        }
        // Each (career, name) once, as the last layer that mentions it leaves it.
        let mut state: HashMap<(String, String), &AliasEdit> = HashMap::new();
        for o in &self.layers {
            for (career, edits) in &o.aliases {
                for a in edits {
                    state.insert((career.clone(), text::normalize(&a.text)), a);
                }
            }
        }
        let mut added_names: Vec<_> = state.into_iter().filter(|(_, a)| a.on).collect();
        added_names.sort_by(|a, b| a.0.cmp(&b.0));
        for ((career, _), a) in added_names {
            if let Some(idx) = self.by_id(&career) {
                names.push((a.text.clone(), idx as u32, EDIT_WEIGHT));
            }
        }
        (!names.is_empty()).then(|| FuzzyIndex::build(names))
    }

    pub fn len(&self) -> usize {
        self.rc.data.careers.len() + self.added.len()
    }

    /// The names this view's edits add (aliases, added roles), if any.
    pub(crate) fn added_names(&self) -> Option<&FuzzyIndex> {
        self.extra.as_deref()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many names and roles the last layer (the scope being edited) adds.
    pub fn added_in_last_layer(&self) -> (usize, usize) {
        self.layers.last().map_or((0, 0), |o| {
            let names = o.aliases.values().flatten().filter(|a| a.on).count();
            (names, o.roles.len())
        })
    }

    pub fn has_edits(&self) -> bool {
        !self.layers.is_empty()
    }

    pub fn by_id(&self, id: &str) -> Option<CareerIdx> {
        self.rc.data.by_id(id).or_else(|| {
            self.added
                .iter()
                .position(|(x, _)| *x == id)
                .map(|i| self.rc.data.careers.len() + i)
        })
    }

    fn id_of(&self, idx: CareerIdx) -> &str {
        match idx.checked_sub(self.rc.data.careers.len()) {
            Some(i) => self.added[i].0,
            None => &self.rc.data.career(idx).id,
        }
    }

    /// The last layer's value for something, if any layer has one.
    fn latest<T>(&self, get: impl Fn(&'a Overlay) -> Option<T>) -> Option<T> {
        self.layers.iter().rev().find_map(|o| get(o))
    }

    /// Hidden by the last layer that says either way.
    pub fn is_hidden(&self, idx: CareerIdx) -> bool {
        let id = self.id_of(idx);
        self.layers
            .iter()
            .rev()
            .find_map(|o| o.hidden.get(id).copied())
            .unwrap_or(false)
    }

    /// A career with every edit applied.
    pub fn career(&self, idx: CareerIdx) -> Cow<'a, Career> {
        let base = self.rc.data.careers.len();
        if idx >= base {
            let (id, r) = self.added[idx - base];
            let figures_from = r
                .figures_from
                .as_deref()
                .and_then(|f| self.rc.data.by_id(f));
            let mut c = Career {
                id: id.to_string(),
                title: r.title.clone(),
                description: r.description.clone(),
                kind: CareerKind::Added { figures_from },
                job_zone: figures_from.and_then(|f| self.rc.data.career(f).job_zone),
                tasks: Vec::new(),
                related: figures_from
                    .map(|f| {
                        vec![crate::data::Related {
                            career: f,
                            tier: crate::data::RelatedTier::Curated,
                        }]
                    })
                    .unwrap_or_default(),
                aliases: Vec::new(),
                figures: None,
            };
            self.apply(&mut c);
            return Cow::Owned(c);
        }
        let c = self.rc.data.career(idx);
        if !self.touches(&c.id) {
            return Cow::Borrowed(c);
        }
        let mut c = c.clone();
        self.apply(&mut c);
        Cow::Owned(c)
    }

    fn touches(&self, id: &str) -> bool {
        self.layers.iter().any(|o| {
            o.text.contains_key(id) || o.tasks.contains_key(id) || o.aliases.contains_key(id)
        })
    }

    fn apply(&self, c: &mut Career) {
        if let Some(t) = self.latest(|o| o.text.get(&c.id)) {
            c.title = t.title.clone();
            c.description = t.description.clone();
        }
        if let Some(tasks) = self.latest(|o| o.tasks.get(&c.id)) {
            c.tasks = tasks
                .iter()
                .map(|t| Task {
                    text: t.clone(),
                    kind: TaskKind::Core,
                })
                .collect();
        }
        for o in &self.layers {
            for a in o.aliases.get(&c.id).into_iter().flatten() {
                let norm = text::normalize(&a.text);
                c.aliases.retain(|x| text::normalize(&x.text) != norm);
                if a.on {
                    c.aliases.push(crate::data::Alias {
                        text: a.text.clone(),
                        kind: AliasKind::Curated,
                        usage: crate::data::Usage::Featured,
                    });
                }
            }
        }
    }

    /// The shipped occupation whose figures a career uses, if any (an added role may have only
    /// its own).
    pub fn figures_occupation(&self, idx: CareerIdx) -> Option<CareerIdx> {
        match self.career(idx).kind {
            CareerKind::Added { figures_from } => figures_from,
            _ => Some(self.rc.data.figures_occupation(idx)),
        }
    }

    /// An edited figure for a career in an area (`0000000` for the nation).
    pub fn figure(
        &self,
        idx: CareerIdx,
        area: &str,
        field: Field,
    ) -> Option<&'a (FigureEdit, Meta)> {
        if self.layers.is_empty() {
            return None;
        }
        let id = self.id_of(idx).to_string();
        self.latest(move |o| o.figures.get(&(id.clone(), area.to_string(), field)))
    }

    /// Whether any pay figure was edited for this career in this area.
    pub fn has_pay_edits(&self, idx: CareerIdx, area: &str) -> bool {
        Field::ALL
            .iter()
            .filter(|f| f.is_pay())
            .any(|&f| self.figure(idx, area, f).is_some())
    }

    pub fn area(&self, area: AreaIdx) -> &'a Area {
        &self.rc.data.areas[area as usize]
    }

    /// Resolves a role name to one visible career, or a user error with choices.
    pub fn lookup_career(&self, text: &str) -> Result<CareerIdx, crate::lookup::UserError> {
        let text = crate::lookup::check_text(text, crate::lookup::Subject::Role)?;
        if let Some(idx) = self.by_id(text.trim()).filter(|&i| !self.is_hidden(i)) {
            return Ok(idx);
        }
        let (r, hidden) = self.resolve_noting_hidden(text, Mode::Resolve, 10);
        // The name means a career hidden here: say so rather than answer about another.
        if let Some(h) = hidden {
            return Err(crate::lookup::UserError::Hidden {
                query: text.trim().to_string(),
                title: self.career(h).title.clone(),
                suggestions: r
                    .candidates
                    .iter()
                    .filter(|c| c.score >= crate::resolve::MIN_SCORE)
                    .take(3)
                    .map(|c| self.career_choice(c))
                    .collect(),
            });
        }
        self.rc
            .verdict_to_result(text, &r, |c| self.career_choice(c))
    }

    /// The ranked resolution of a role name (what `rolecall resolve` shows).
    pub fn resolution(&self, text: &str) -> Resolution<CareerIdx> {
        self.resolve(text, Mode::Resolve, 10)
    }

    /// Candidates for text being typed (autocomplete), hidden careers left out.
    pub fn complete(&self, text: &str, limit: usize) -> Vec<Candidate<CareerIdx>> {
        self.resolve(text, Mode::Prefix, limit).candidates
    }

    fn resolve(&self, text: &str, mode: Mode, limit: usize) -> Resolution<CareerIdx> {
        self.resolve_noting_hidden(text, mode, limit).0
    }

    /// The resolution as this audience sees it, and the career the name means in the shipped
    /// data when that career is hidden here (and no edit here gives the name to another).
    fn resolve_noting_hidden(
        &self,
        text: &str,
        mode: Mode,
        limit: usize,
    ) -> (Resolution<CareerIdx>, Option<CareerIdx>) {
        let base = match mode {
            Mode::Resolve => self.rc.careers.resolve(&self.rc.data, text),
            Mode::Prefix => self.rc.careers.complete(&self.rc.data, text, limit),
        };
        if !self.has_edits() {
            return (base, None);
        }
        let hidden_best = base.best.filter(|&b| !base.ambiguous && self.is_hidden(b));
        let mut r = base;
        // Names removed by an edit no longer match; hidden careers are not offered.
        let removed = |idx: CareerIdx, matched: &str| {
            let id = self.id_of(idx);
            let norm = text::normalize(matched);
            self.layers.iter().any(|o| {
                o.aliases
                    .get(id)
                    .is_some_and(|v| v.iter().any(|a| !a.on && text::normalize(&a.text) == norm))
            })
        };
        r.candidates
            .retain(|c| !self.is_hidden(c.target) && !removed(c.target, &c.matched));
        let mut extra: Vec<Candidate<CareerIdx>> = Vec::new();
        if let Some(index) = &self.extra {
            for hit in index.search(text, mode, 50) {
                let target = index.name(hit.name).target as usize;
                if !self.is_hidden(target) && !extra.iter().any(|c| c.target == target) {
                    extra.push(Candidate {
                        target,
                        score: hit.score,
                        matched: index.text(hit.name).to_string(),
                    });
                }
            }
        }
        // An edit that names a career exactly is what this audience's editors meant: it leads.
        let exact_edit = extra
            .first()
            .filter(|c| c.score >= EDIT_WEIGHT - 1e-3)
            .map(|c| c.target);
        for mut c in extra {
            if Some(c.target) == exact_edit {
                c.score = c
                    .score
                    .max(r.candidates.first().map_or(0.0, |t| t.score) + 0.01);
            }
            match r.candidates.iter_mut().find(|x| x.target == c.target) {
                Some(x) if x.score >= c.score => {}
                Some(x) => *x = c,
                None => r.candidates.push(c),
            }
        }
        let exact_edit = exact_edit.is_some();
        r.candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
        r.candidates.truncate(limit.max(1));
        let still_best = r
            .best
            .is_some_and(|b| r.candidates.first().is_some_and(|c| c.target == b));
        if exact_edit || !still_best {
            // An edit names it exactly, or the shipped best is gone: the new top decides.
            r.best = r
                .candidates
                .first()
                .filter(|c| c.score >= crate::resolve::MIN_SCORE)
                .map(|c| c.target);
            r.ambiguous = false;
            r.options = r.candidates.len().min(crate::resolve::ASK_BACK);
        }
        (r, hidden_best.filter(|_| !exact_edit))
    }

    pub fn career_choice(&self, c: &Candidate<CareerIdx>) -> crate::lookup::Choice {
        crate::lookup::Choice {
            id: self.id_of(c.target).to_string(),
            label: self.career_label(c.target, Some(&c.matched)),
            score: c.score,
        }
    }

    /// "Product Manager (curated role; figures: Marketing Managers)", "CTO → Chief Executives".
    pub fn career_label(&self, idx: CareerIdx, matched: Option<&str>) -> String {
        let career = self.career(idx);
        let mut label = career.title.clone();
        match career.kind {
            CareerKind::Curated { figures_from } => {
                label.push_str(&format!(
                    " (curated role; figures: {})",
                    self.rc.data.career(figures_from).title
                ));
            }
            CareerKind::Added { figures_from } => {
                let from = figures_from.map_or(String::new(), |f| {
                    format!("; figures: {}", self.rc.data.career(f).title)
                });
                label.push_str(&format!(" (added role{from})"));
            }
            CareerKind::Occupation => {
                if let Some(m) =
                    matched.filter(|m| !m.eq_ignore_ascii_case(&career.title) && *m != career.id)
                {
                    label = format!("{m} → {}", career.title);
                }
            }
        }
        label
    }
}
