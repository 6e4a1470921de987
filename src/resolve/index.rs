//! A fuzzy phrase index: from a query to the names that best match it, fast.
//!
//! Names (titles, aliases, place names) are normalised into tokens. A query is matched token
//! by token: exactly, within a small edit distance (Damerau–Levenshtein via strsim, over the
//! few vocabulary words that share trigrams with it), or, for the word being typed in
//! autocomplete, as a prefix. Names are scored from an inverted index by how much of the query
//! they cover and how much of them the query covers, each word weighted by its rarity (idf).
//! Nothing scans every name: the work is bounded by the posting lists of the query's words.

use crate::text;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasher;

pub type NameId = u32;
type TokenId = u32;

/// One name in the index: a title or an alias of some target. Its text and words live in
/// shared arenas (the index holds ~60,000 names; one allocation each would double its size).
#[derive(Debug, Clone)]
pub struct Name {
    /// What the name belongs to; the index does not interpret it.
    pub target: u32,
    /// Preference among equally good matches (title 1.0, an alias a little less).
    pub weight: f32,
    text: (u32, u32),
    tokens: (u32, u32),
    /// Σ idf over the name's tokens.
    mass: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub name: NameId,
    pub score: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The query is complete.
    Resolve,
    /// The last word may be unfinished ("prod" → "product").
    Prefix,
}

pub struct FuzzyIndex {
    names: Vec<Name>,
    text_arena: String,
    token_arena: Vec<TokenId>,
    /// (hash of the name's word sequence, name), sorted: exact phrase look-up
    exact: Vec<(u64, NameId)>,
    /// (hash of the name's sorted words, name), sorted: word order ("manager product")
    bag: Vec<(u64, NameId)>,
    vocab: Vocab,
    idf: Vec<f32>,
    /// The names containing each word, in name order: those of word `t` are
    /// `posting_names[posting_start[t]..posting_start[t + 1]]` (one list, not one per word).
    posting_start: Vec<u32>,
    posting_names: Vec<NameId>,
    /// token ids sorted by text, for prefix ranges
    sorted_vocab: Vec<TokenId>,
    /// bigram → token ids containing it, for typo candidates
    bigrams: FxHashMap<[u8; 2], Vec<TokenId>>,
    /// The rarest word's idf: the weight of a query word found nowhere.
    max_idf: f32,
    /// Short forms people type for words of names ("rep" → "representative").
    synonyms: HashMap<String, Vec<TokenId>>,
}

/// The index's words, each stored once: their text in one arena, found by text through a
/// table of ids hashed by that text.
#[derive(Default)]
struct Vocab {
    text: String,
    /// Where each word ends in `text`; it starts where the previous one ends.
    ends: Vec<u32>,
    ids: hashbrown::HashTable<TokenId>,
}

impl Vocab {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn word(&self, t: TokenId) -> &str {
        let t = t as usize;
        let start = if t == 0 { 0 } else { self.ends[t - 1] as usize };
        &self.text[start..self.ends[t] as usize]
    }

    fn get(&self, word: &str) -> Option<TokenId> {
        self.ids
            .find(FxBuildHasher.hash_one(word), |&t| self.word(t) == word)
            .copied()
    }

    fn get_or_insert(&mut self, word: &str) -> TokenId {
        if let Some(t) = self.get(word) {
            return t;
        }
        let t = self.ends.len() as TokenId;
        self.text.push_str(word);
        self.ends.push(self.text.len() as u32);
        let Vocab { text, ends, ids } = self;
        let word_of = |t: TokenId| {
            let t = t as usize;
            let start = if t == 0 { 0 } else { ends[t - 1] as usize };
            &text[start..ends[t] as usize]
        };
        ids.insert_unique(FxBuildHasher.hash_one(word), t, |&u| {
            FxBuildHasher.hash_one(word_of(u))
        });
        t
    }
}

/// Scores: an exact phrase is worth 1.0 × the name's weight, a reordered one a little less,
/// anything assembled word by word less again, so that a fuzzy match never outranks a name
/// typed exactly.
const EXACT: f32 = 1.0;
const REORDERED: f32 = 0.97;
const FUZZY_CEILING: f32 = 0.93;
/// A score above every word-by-word match: the query is a whole name (exact or reordered).
pub const WHOLE: f32 = FUZZY_CEILING + 0.005;
/// Credit for a word matched as a prefix of a longer word, or with typos.
const PREFIX_SIM: f32 = 0.9;
const TYPO_COST: f32 = 0.12;
/// Credit for a word matched through a short form ("tech" for "technician").
const SYNONYM_SIM: f32 = 0.95;

impl FuzzyIndex {
    /// Builds the index from (text, target, weight) triples. Names that normalise to nothing
    /// are skipped.
    pub fn build<S: AsRef<str>>(entries: impl IntoIterator<Item = (S, u32, f32)>) -> FuzzyIndex {
        let mut idx = FuzzyIndex {
            names: Vec::new(),
            text_arena: String::new(),
            token_arena: Vec::new(),
            exact: Vec::new(),
            bag: Vec::new(),
            vocab: Vocab::default(),
            idf: Vec::new(),
            posting_start: Vec::new(),
            posting_names: Vec::new(),
            sorted_vocab: Vec::new(),
            bigrams: FxHashMap::default(),
            max_idf: 1.0,
            synonyms: HashMap::new(),
        };
        let entries = entries.into_iter();
        let n = entries.size_hint().0;
        idx.names.reserve(n);
        idx.exact.reserve(n);
        idx.bag.reserve(n);
        idx.token_arena.reserve(3 * n);
        for (text, target, weight) in entries {
            let text = text.as_ref();
            let first_token = idx.token_arena.len() as u32;
            let vocab = &mut idx.vocab;
            let arena = &mut idx.token_arena;
            text::each_token(text, |t| arena.push(vocab.get_or_insert(t)));
            let n_tokens = idx.token_arena.len() as u32 - first_token;
            if n_tokens == 0 {
                continue;
            }
            let id = idx.names.len() as NameId;
            let tids = &idx.token_arena[first_token as usize..];
            idx.exact.push((sequence_hash(tids), id));
            idx.bag.push((bag_hash(tids), id));
            let start = idx.text_arena.len() as u32;
            idx.text_arena.push_str(text);
            idx.names.push(Name {
                target,
                weight,
                text: (start, text.len() as u32),
                tokens: (first_token, n_tokens),
                mass: 0.0,
            });
        }
        idx.exact.sort_unstable();
        idx.bag.sort_unstable();
        idx.names.shrink_to_fit();
        idx.exact.shrink_to_fit();
        idx.bag.shrink_to_fit();
        idx.text_arena.shrink_to_fit();
        idx.token_arena.shrink_to_fit();
        idx.vocab.text.shrink_to_fit();
        idx.vocab.ends.shrink_to_fit();

        // Postings: count the names containing each word, then fill, in name order.
        let n_words = idx.vocab.len();
        let mut count = vec![0u32; n_words + 1];
        for_each_distinct_token(&idx, |_, t| count[t as usize + 1] += 1);
        for t in 0..n_words {
            count[t + 1] += count[t];
        }
        let mut names = vec![0 as NameId; count[n_words] as usize];
        let mut fill = count.clone();
        for_each_distinct_token(&idx, |id, t| {
            names[fill[t as usize] as usize] = id;
            fill[t as usize] += 1;
        });
        idx.posting_start = count;
        idx.posting_names = names;

        let n = idx.names.len().max(1) as f32;
        idx.idf = (0..n_words as TokenId)
            .map(|t| (1.0 + n / idx.postings(t).len() as f32).ln())
            .collect();
        idx.max_idf = idx.idf.iter().copied().fold(1.0, f32::max);
        for name in &mut idx.names {
            let (start, len) = (name.tokens.0 as usize, name.tokens.1 as usize);
            name.mass = idx.token_arena[start..start + len]
                .iter()
                .map(|&t| idx.idf[t as usize])
                .sum();
        }
        idx.sorted_vocab = (0..n_words as TokenId).collect();
        idx.sorted_vocab
            .sort_unstable_by(|&a, &b| idx.vocab.word(a).cmp(idx.vocab.word(b)));
        for tid in 0..n_words as TokenId {
            let mut grams = bigrams(idx.vocab.word(tid));
            grams.sort_unstable();
            grams.dedup();
            for g in grams {
                idx.bigrams.entry(g).or_default().push(tid);
            }
        }
        idx.bigrams.values_mut().for_each(|v| v.shrink_to_fit());
        idx
    }

    /// Reads each short form as the words it stands for (those of them that names contain),
    /// a little below an exact word: "customer service rep" finds "Customer Service
    /// Representative".
    pub fn with_synonyms(mut self, pairs: &[(&str, &[&str])]) -> FuzzyIndex {
        for (short, long) in pairs {
            let ids: Vec<TokenId> = long
                .iter()
                .filter_map(|w| self.vocab.get(&text::normalize(w)))
                .collect();
            if !ids.is_empty() {
                self.synonyms.insert(text::normalize(short), ids);
            }
        }
        self
    }

    pub fn name(&self, id: NameId) -> &Name {
        &self.names[id as usize]
    }

    /// The name as it was given (not normalised).
    pub fn text(&self, id: NameId) -> &str {
        let (start, len) = self.names[id as usize].text;
        &self.text_arena[start as usize..(start + len) as usize]
    }

    fn tokens_of(&self, id: NameId) -> &[TokenId] {
        let (start, len) = self.names[id as usize].tokens;
        &self.token_arena[start as usize..(start + len) as usize]
    }

    /// Names whose words are exactly `tids` (in order, or as a bag when `bag`).
    fn whole_matches(&self, tids: &[TokenId], bag: bool) -> Vec<NameId> {
        let (table, key) = if bag {
            (&self.bag, bag_hash(tids))
        } else {
            (&self.exact, sequence_hash(tids))
        };
        let mut sorted = tids.to_vec();
        sorted.sort_unstable();
        let tids = tids.to_vec();
        let start = table.partition_point(|e| e.0 < key);
        table[start..]
            .iter()
            .take_while(move |e| e.0 == key)
            .map(|e| e.1)
            // A hash can collide: confirm the words.
            .filter(move |&id| {
                let words = self.tokens_of(id);
                if bag {
                    let mut w = words.to_vec();
                    w.sort_unstable();
                    w == sorted
                } else {
                    words == tids
                }
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The id of a normalised word, if some name contains it.
    pub fn token(&self, word: &str) -> Option<TokenId> {
        self.vocab.get(word)
    }

    /// The vocabulary word behind an id.
    pub fn word(&self, token: TokenId) -> &str {
        self.vocab.word(token)
    }

    /// How many names contain a word: how common it is in names.
    pub fn frequency(&self, token: TokenId) -> usize {
        self.postings(token).len()
    }

    /// The names containing a word, in name order.
    fn postings(&self, token: TokenId) -> &[NameId] {
        let t = token as usize;
        &self.posting_names[self.posting_start[t] as usize..self.posting_start[t + 1] as usize]
    }

    /// The one vocabulary word a misspelt word most likely stands for (the closest, then the
    /// most common), or `None` when nothing is close. Words under four letters are never
    /// corrected: too many real words are one letter apart.
    pub fn correct(&self, word: &str) -> Option<TokenId> {
        if word.len() < 4 || !word.is_ascii() {
            return None;
        }
        let matches = SCRATCH.with(|s| self.typo_matches(word, &mut s.borrow_mut().grams));
        matches
            .into_iter()
            .max_by(|a, b| {
                a.1.total_cmp(&b.1)
                    .then(self.frequency(a.0).cmp(&self.frequency(b.0)))
                    .then(b.0.cmp(&a.0))
            })
            .map(|(t, _)| t)
    }

    /// Whether a query stands for the name it matched, word by word: it covers at least two
    /// thirds of the name's words (exactly, misspelt, or as a short form such as "tech" for
    /// "technician"), and the name covers two thirds of the query's. "paying" is not "Paying
    /// Teller"; "weather" is not "Weather Clerk"; "twitch streamer" is not "Steamer".
    pub fn covers(&self, query: &str, name: &str) -> bool {
        self.covers_with(query, name, true)
    }

    /// [`FuzzyIndex::covers`] without typos: every word as typed, shortened or a short form.
    /// For one word on its own, where a typo is as likely another word ("actual", "actuary").
    pub fn covers_as_typed(&self, query: &str, name: &str) -> bool {
        self.covers_with(query, name, false)
    }

    fn covers_with(&self, query: &str, name: &str, typos: bool) -> bool {
        // "Travel RN (Travel Registered Nurse)" is two names: either may be covered.
        if let Some((outer, rest)) = name.split_once('(') {
            let inner = rest.trim_end().trim_end_matches(')');
            return self.covers_one(query, outer, typos) || self.covers_one(query, inner, typos);
        }
        self.covers_one(query, name, typos)
    }

    fn covers_one(&self, query: &str, name: &str, typos: bool) -> bool {
        let content = |s: &str| -> Vec<String> {
            text::tokens(s)
                .into_iter()
                .filter(|w| !STOPWORDS.contains(&w.as_str()))
                .collect()
        };
        let (query, name) = (content(query), content(name));
        let same = |t: &str, n: &str| {
            t == n
                || (t.len() >= 3 && n.starts_with(t))
                || self
                    .synonyms
                    .get(t)
                    .is_some_and(|l| l.iter().any(|&id| self.word(id) == n))
                || (typos
                    && t.len() >= 4
                    && t.is_ascii()
                    && t.as_bytes().first() == n.as_bytes().first()
                    && strsim::damerau_levenshtein(t, n) <= if t.len() <= 5 { 1 } else { 2 })
        };
        let name_covered = name
            .iter()
            .filter(|n| query.iter().any(|t| same(t, n)))
            .count();
        let query_covered = query
            .iter()
            .filter(|t| name.iter().any(|n| same(t, n)))
            .count();
        !name.is_empty()
            && name_covered * 3 >= name.len() * 2
            && query_covered * 3 >= query.len() * 2
    }

    /// Names made of exactly these words: in this order (scored 1.0 × the name's weight) or
    /// reordered (0.97 × weight). A few binary searches; no posting list is walked.
    pub fn phrase(&self, tokens: &[TokenId]) -> Vec<Hit> {
        let mut out: Vec<Hit> = self
            .whole_matches(tokens, false)
            .into_iter()
            .map(|name| Hit {
                name,
                score: EXACT * self.names[name as usize].weight,
            })
            .collect();
        for name in self.whole_matches(tokens, true) {
            if !out.iter().any(|h| h.name == name) {
                out.push(Hit {
                    name,
                    score: REORDERED * self.names[name as usize].weight,
                });
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Every name with a score, best first, at most `limit`. An empty result means nothing
    /// in the query resembles any name.
    pub fn search(&self, query: &str, mode: Mode, limit: usize) -> Vec<Hit> {
        let toks = text::tokens(query);
        if toks.is_empty() {
            return Vec::new();
        }
        // Whole-phrase matches: few, so a small map. Only possible if every word is known.
        let mut whole: HashMap<NameId, f32> = HashMap::new();
        let tids: Option<Vec<TokenId>> = toks.iter().map(|t| self.vocab.get(t)).collect();
        if let Some(tids) = tids {
            for id in self.whole_matches(&tids, false) {
                whole.insert(id, EXACT * self.names[id as usize].weight);
            }
            for id in self.whole_matches(&tids, true) {
                whole
                    .entry(id)
                    .or_insert(REORDERED * self.names[id as usize].weight);
            }
        }
        let mut out: Vec<Hit> = self
            .word_by_word(&toks, mode)
            .into_iter()
            .map(|(name, score)| Hit {
                name,
                score: whole.get(&name).map_or(score, |&w| w.max(score)),
            })
            .collect();
        let order = |a: &Hit, b: &Hit| b.score.total_cmp(&a.score).then(a.name.cmp(&b.name));
        if out.len() > limit {
            out.select_nth_unstable_by(limit, order);
            out.truncate(limit);
        }
        out.sort_by(order);
        out
    }

    /// The vocabulary words a query word may stand for, with how much credit each earns.
    fn word_matches(
        &self,
        word: &str,
        prefix: bool,
        counts: &mut GramCounts,
    ) -> Vec<(TokenId, f32)> {
        let mut out = Vec::new();
        if let Some(tid) = self.vocab.get(word) {
            out.push((tid, 1.0));
        }
        if let Some(long) = self.synonyms.get(word) {
            out.extend(long.iter().map(|&t| (t, SYNONYM_SIM)));
        }
        if prefix {
            out.extend(
                self.prefix_matches(word)
                    .into_iter()
                    .map(|t| (t, PREFIX_SIM)),
            );
        }
        if word.len() >= 4 && (out.is_empty() || prefix) {
            out.extend(self.typo_matches(word, counts));
        }
        // One entry per token, its best credit.
        out.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        out.dedup_by_key(|m| m.0);
        out
    }

    /// Longer words starting with `word`: the most common ones when there are many.
    fn prefix_matches(&self, word: &str) -> Vec<TokenId> {
        const MAX: usize = 48;
        let start = self
            .sorted_vocab
            .partition_point(|&t| self.vocab.word(t) < word);
        let end = start
            + self.sorted_vocab[start..].partition_point(|&t| self.vocab.word(t).starts_with(word));
        let mut range: Vec<TokenId> = self.sorted_vocab[start..end]
            .iter()
            .copied()
            .filter(|&t| self.vocab.word(t) != word)
            .collect();
        if range.len() > MAX {
            range.select_nth_unstable_by_key(MAX, |&t| std::cmp::Reverse(self.postings(t).len()));
            range.truncate(MAX);
        }
        range
    }

    /// Vocabulary words within a small edit distance: 1 for words up to 5 letters, 2 above.
    /// Candidates come from shared bigrams (most shared first, each edit spoils at most
    /// three), so only a handful are compared with strsim.
    fn typo_matches(&self, word: &str, counts: &mut GramCounts) -> Vec<(TokenId, f32)> {
        const VERIFY: usize = 40;
        let max_d = if word.chars().count() <= 5 { 1 } else { 2 };
        let grams = bigrams(word);
        counts.reset(self.vocab.len());
        for g in &grams {
            for &t in self.bigrams.get(g).into_iter().flatten() {
                counts.add(t);
            }
        }
        let need = grams.len().saturating_sub(3 * max_d).max(2) as u16;
        let wlen = word.len();
        let mut cands: Vec<(TokenId, u16)> = counts
            .touched
            .iter()
            .map(|&t| (t, counts.count[t as usize]))
            .filter(|&(t, c)| c >= need && self.vocab.word(t).len().abs_diff(wlen) <= max_d)
            .collect();
        if cands.len() > VERIFY {
            cands.select_nth_unstable_by(VERIFY, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            cands.truncate(VERIFY);
        }
        cands
            .into_iter()
            .filter_map(|(t, _)| {
                let d = strsim::damerau_levenshtein(word, self.vocab.word(t));
                (d >= 1 && d <= max_d).then_some((t, 1.0 - TYPO_COST * d as f32))
            })
            .collect()
    }

    /// Scores names from the inverted index: each query word credits the names containing a
    /// word it matches (once per name, its best match), weighted by idf.
    fn word_by_word(&self, toks: &[String], mode: Mode) -> Vec<(NameId, f32)> {
        if toks.iter().all(|t| STOPWORDS.contains(&t.as_str())) {
            return Vec::new();
        }
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            let s = &mut *s;
            s.reset(self.names.len());
            let mut query_mass = 0.0;
            let max_idf = self.max_idf;
            for (qi, word) in toks.iter().enumerate() {
                let last = qi + 1 == toks.len();
                let matches = self.word_matches(word, mode == Mode::Prefix && last, &mut s.grams);
                // A word found nowhere weighs like the rarest word: "asdf manager" is mostly
                // not about managers.
                let weight = matches
                    .iter()
                    .map(|&(t, _)| self.idf[t as usize])
                    .fold(None, |m: Option<f32>, x| Some(m.map_or(x, |m| m.max(x))))
                    .unwrap_or(max_idf);
                query_mass += weight;
                let stamp = qi as u32 + 1;
                // Best credit first, so a name keeps the best credit for this word.
                let mut matches = matches;
                matches.sort_by(|a, b| b.1.total_cmp(&a.1));
                for (tid, sim) in matches {
                    let idf = self.idf[tid as usize];
                    for &name in self.postings(tid) {
                        s.credit(name, stamp, weight * sim, idf * sim);
                    }
                }
            }
            s.touched
                .iter()
                .map(|&id| {
                    let name = &self.names[id as usize];
                    let (q, n) = s.acc[id as usize];
                    let q_cov = (q / query_mass).min(1.0);
                    let n_cov = (n / name.mass).min(1.0);
                    (
                        id,
                        FUZZY_CEILING * q_cov * (0.7 + 0.3 * n_cov) * name.weight,
                    )
                })
                .collect()
        })
    }
}

/// Per-thread accumulators sized to the index, reused across queries so a keystroke does not
/// allocate and zero a buffer the size of the index.
#[derive(Default)]
struct Scratch {
    /// (credit towards the query's words, credit towards the name's words)
    acc: Vec<(f32, f32)>,
    /// which query word last credited each name (1-based; 0 = none this query)
    stamp: Vec<u32>,
    touched: Vec<NameId>,
    grams: GramCounts,
}

/// Shared-bigram counts per vocabulary word, for one query word.
#[derive(Default)]
struct GramCounts {
    count: Vec<u16>,
    touched: Vec<TokenId>,
}

impl GramCounts {
    fn reset(&mut self, n: usize) {
        for &t in &self.touched {
            self.count[t as usize] = 0;
        }
        self.touched.clear();
        if self.count.len() < n {
            self.count.resize(n, 0);
        }
    }

    fn add(&mut self, t: TokenId) {
        let c = &mut self.count[t as usize];
        if *c == 0 {
            self.touched.push(t);
        }
        *c = c.saturating_add(1);
    }
}

impl Scratch {
    fn reset(&mut self, n: usize) {
        for &id in &self.touched {
            self.acc[id as usize] = (0.0, 0.0);
            self.stamp[id as usize] = 0;
        }
        self.touched.clear();
        if self.acc.len() < n {
            self.acc.resize(n, (0.0, 0.0));
            self.stamp.resize(n, 0);
        }
    }

    fn credit(&mut self, name: NameId, stamp: u32, q: f32, n: f32) {
        let i = name as usize;
        if self.stamp[i] == stamp {
            return;
        }
        if self.stamp[i] == 0 && self.acc[i] == (0.0, 0.0) {
            self.touched.push(name);
        }
        self.stamp[i] = stamp;
        self.acc[i].0 += q;
        self.acc[i].1 += n;
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Each name's words, each once per name (a name may repeat a word: "Nurse, Nurse Aide").
fn for_each_distinct_token(idx: &FuzzyIndex, mut f: impl FnMut(NameId, TokenId)) {
    for (id, name) in idx.names.iter().enumerate() {
        let (start, len) = (name.tokens.0 as usize, name.tokens.1 as usize);
        let tids = &idx.token_arena[start..start + len];
        for (i, &t) in tids.iter().enumerate() {
            if !tids[..i].contains(&t) {
                f(id as NameId, t);
            }
        }
    }
}

fn sequence_hash(tids: &[TokenId]) -> u64 {
    FxBuildHasher.hash_one(tids)
}

fn bag_hash(tids: &[TokenId]) -> u64 {
    let mut small = [0 as TokenId; 16];
    if let Some(sorted) = small.get_mut(..tids.len()) {
        sorted.copy_from_slice(tids);
        sorted.sort_unstable();
        return sequence_hash(sorted);
    }
    let mut sorted = tids.to_vec();
    sorted.sort_unstable();
    sequence_hash(&sorted)
}

/// Byte bigrams of a word padded with a boundary marker on each side. Bigrams rather than
/// trigrams because a transposition in a short word ("cheif") leaves too few trigrams intact.
fn bigrams(word: &str) -> Vec<[u8; 2]> {
    let mut padded = Vec::with_capacity(word.len() + 2);
    padded.push(b'$');
    padded.extend_from_slice(word.as_bytes());
    padded.push(b'$');
    padded.windows(2).map(|w| [w[0], w[1]]).collect()
}

/// Words that carry no meaning alone: a query made only of them matches nothing.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "for", "in", "of", "on", "or", "the", "to", "with",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn index(names: &[&str]) -> FuzzyIndex {
        FuzzyIndex::build(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.to_string(), i as u32, 1.0)),
        )
    }

    fn top(idx: &FuzzyIndex, q: &str, mode: Mode) -> Option<String> {
        idx.search(q, mode, 5)
            .first()
            .map(|h| idx.text(h.name).to_string())
    }

    #[test]
    fn exact_reordered_typo_and_prefix() {
        let idx = index(&[
            "Product Manager",
            "Project Manager",
            "Registered Nurse",
            "Software Developer",
        ]);
        assert_eq!(
            top(&idx, "product manager", Mode::Resolve).as_deref(),
            Some("Product Manager")
        );
        assert_eq!(
            top(&idx, "manager product", Mode::Resolve).as_deref(),
            Some("Product Manager")
        );
        assert_eq!(
            top(&idx, "prodcut manager", Mode::Resolve).as_deref(),
            Some("Product Manager")
        );
        assert_eq!(
            top(&idx, "registerd nurse", Mode::Resolve).as_deref(),
            Some("Registered Nurse")
        );
        assert_eq!(
            top(&idx, "softw", Mode::Prefix).as_deref(),
            Some("Software Developer")
        );
    }

    #[test]
    fn nonsense_matches_nothing() {
        let idx = index(&["Product Manager", "Registered Nurse"]);
        assert!(idx.search("asdfghjkl", Mode::Resolve, 5).is_empty());
        assert!(idx.search("", Mode::Prefix, 5).is_empty());
    }

    #[test]
    fn exact_beats_fuzzy() {
        let idx = index(&["Nurse", "Nurse Midwife"]);
        let hits = idx.search("nurse", Mode::Resolve, 5);
        assert_eq!(idx.text(hits[0].name), "Nurse");
        assert!(hits[0].score > hits[1].score);
    }
}
