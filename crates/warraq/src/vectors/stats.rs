//! Document-frequency statistics: accumulated over batches counted by
//! [`super::count`], merged from parts.

use super::count::{resolve_ids, CountedBatch, Counts, IdMap, SharedCounting};
use crate::analyze::Analyzer;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// How many documents hold each term, and how often it occurs in all: what fitting a
/// vectorizer needs to choose its vocabulary and idf.
///
/// Statistics can be accumulated batch by batch ([`update`](Self::update)) without
/// holding the texts, and merged from parts counted elsewhere ([`merge`](Self::merge)),
/// then handed to [`TfidfVectorizer::fit_stats`](super::TfidfVectorizer::fit_stats).
///
/// ```
/// use warraq::analyze::{Analyzer, AnalyzerKind, AnalyzerOptions};
/// use warraq::vectors::DocumentFrequencies;
///
/// let ws = Analyzer::new(AnalyzerOptions { kind: AnalyzerKind::Whitespace, ..Default::default() });
/// let mut a = DocumentFrequencies::new();
/// a.update(&ws, &["x y", "y y"]);
/// let mut b = DocumentFrequencies::new();
/// b.update(&ws, &["z y"]);
/// a.merge(&b);
/// assert_eq!(a.n_docs(), 3);
/// assert_eq!(a.df("y"), Some(3));
/// assert_eq!(a.term_count("y"), Some(4));
/// assert_eq!(a.df("w"), None);
/// ```
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(from = "StatsRepr", into = "StatsRepr")]
pub struct DocumentFrequencies {
    n_docs: u64,
    terms: Vec<String>,
    df: Vec<u64>,
    tf: Vec<u64>,
    /// Term → position in `terms`: positions only, compared with `terms` (a
    /// vocabulary of 10⁵-10⁶ terms costs 5 bytes a term, not another copy of it).
    index: hashbrown::HashTable<u32>,
    /// For each lexicon of a [`SharedCounting`] whose batches were added: the
    /// position in `terms` of each of its terms.
    lexicons: FxHashMap<(u64, u32), Vec<u32>>,
}

impl PartialEq for DocumentFrequencies {
    fn eq(&self, other: &Self) -> bool {
        // `index` follows from `terms`.
        (self.n_docs, &self.terms, &self.df, &self.tf)
            == (other.n_docs, &other.terms, &other.df, &other.tf)
    }
}

impl std::fmt::Debug for DocumentFrequencies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentFrequencies")
            .field("n_docs", &self.n_docs)
            .field("terms", &self.terms)
            .field("df", &self.df)
            .field("tf", &self.tf)
            .finish()
    }
}

#[derive(Serialize, Deserialize)]
struct StatsRepr {
    n_docs: u64,
    terms: Vec<String>,
    df: Vec<u64>,
    tf: Vec<u64>,
}

impl From<StatsRepr> for DocumentFrequencies {
    fn from(r: StatsRepr) -> Self {
        let mut s = DocumentFrequencies {
            n_docs: r.n_docs,
            ..Default::default()
        };
        for ((t, d), f) in r.terms.into_iter().zip(r.df).zip(r.tf) {
            s.add_term(t, d, f);
        }
        s
    }
}

impl From<DocumentFrequencies> for StatsRepr {
    fn from(s: DocumentFrequencies) -> Self {
        StatsRepr {
            n_docs: s.n_docs,
            terms: s.terms,
            df: s.df,
            tf: s.tf,
        }
    }
}

fn hash_term(term: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(term)
}

impl DocumentFrequencies {
    /// Empty statistics.
    pub fn new() -> Self {
        Self::default()
    }

    /// Documents counted.
    pub fn n_docs(&self) -> u64 {
        self.n_docs
    }

    /// Distinct terms seen.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether no term was seen.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The terms, in the order first seen.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Document frequency of each term of [`terms`](Self::terms).
    pub fn document_frequencies(&self) -> &[u64] {
        &self.df
    }

    /// Total occurrences of each term of [`terms`](Self::terms).
    pub fn term_counts(&self) -> &[u64] {
        &self.tf
    }

    /// Number of documents holding `term`.
    pub fn df(&self, term: &str) -> Option<u64> {
        self.position(term).map(|i| self.df[i as usize])
    }

    /// Occurrences of `term` in all documents.
    pub fn term_count(&self, term: &str) -> Option<u64> {
        self.position(term).map(|i| self.tf[i as usize])
    }

    fn position(&self, term: &str) -> Option<u32> {
        self.index
            .find(hash_term(term), |&i| self.terms[i as usize] == term)
            .copied()
    }

    fn add_term(&mut self, term: String, df: u64, tf: u64) -> u32 {
        let hash = hash_term(&term);
        let terms = &self.terms;
        if let Some(&i) = self.index.find(hash, |&i| terms[i as usize] == term) {
            self.df[i as usize] += df;
            self.tf[i as usize] += tf;
            return i;
        }
        let i = self.terms.len() as u32;
        self.terms.push(term);
        self.df.push(df);
        self.tf.push(tf);
        let terms = &self.terms;
        self.index
            .insert_unique(hash, i, |&j| hash_term(&terms[j as usize]));
        i
    }

    /// The terms, giving the statistics up (what a fit that no longer needs them
    /// keeps).
    pub(crate) fn into_terms(self) -> Vec<String> {
        self.terms
    }

    /// Adds chunks of counts; returns where the term id → position map of each
    /// is (a lexicon's: see [`take_lexicons`](Self::take_lexicons)).
    pub(crate) fn add_chunks(&mut self, chunks: &mut [Counts]) -> Vec<IdMap<u32>> {
        let mut lexicons = std::mem::take(&mut self.lexicons);
        let maps = resolve_ids(chunks, &mut lexicons, |t| self.add_term(t, 0, 0));
        self.lexicons = lexicons;
        for (c, map) in chunks.iter().zip(&maps) {
            let map = map.get(&self.lexicons);
            self.n_docs += c.n_docs() as u64;
            for (&id, &n) in c.ids.iter().zip(&c.counts) {
                let at = map[id as usize] as usize;
                self.df[at] += 1;
                self.tf[at] += u64::from(n);
            }
        }
        maps
    }

    /// The term id → position maps of the lexicons whose batches were added,
    /// taken out of the statistics (a fit that has them needs them no more).
    pub(crate) fn take_lexicons(&mut self) -> FxHashMap<(u64, u32), Vec<u32>> {
        std::mem::take(&mut self.lexicons)
    }

    /// Adds statistics counted elsewhere (another batch, process or machine).
    pub fn merge(&mut self, other: &DocumentFrequencies) {
        self.n_docs += other.n_docs;
        for ((t, &d), &f) in other.terms.iter().zip(&other.df).zip(&other.tf) {
            self.add_term(t.clone(), d, f);
        }
    }

    /// Counts a batch of texts with `analyzer` (in parallel) and adds them.
    pub fn update<S: AsRef<str> + Sync>(&mut self, analyzer: &Analyzer, texts: &[S]) {
        let counting = SharedCounting::new();
        self.add_batch(counting.count_texts(analyzer, texts));
        // Nothing more is counted with it.
        self.lexicons.retain(|&(id, _), _| id != counting.id());
    }

    /// Adds a batch counted by [`CountedBatch`].
    pub fn add_batch(&mut self, mut batch: CountedBatch) {
        self.add_chunks(&mut batch.chunks);
    }

    /// Adds a batch of documents given as their terms.
    ///
    /// ```
    /// let mut s = warraq::vectors::DocumentFrequencies::new();
    /// s.update_terms(&[vec!["a".to_string(), "a".to_string()], vec![]]);
    /// assert_eq!((s.n_docs(), s.df("a"), s.term_count("a")), (2, Some(1), Some(2)));
    /// ```
    pub fn update_terms<T: AsRef<str> + Sync>(&mut self, docs: &[Vec<T>]) {
        self.add_batch(CountedBatch::of_terms(docs));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{AnalyzerKind, AnalyzerOptions};

    #[test]
    fn statistics_round_trip_through_json_and_merge_by_term() {
        let ws = Analyzer::new(AnalyzerOptions {
            kind: AnalyzerKind::Whitespace,
            ..Default::default()
        });
        let mut a = DocumentFrequencies::new();
        a.update(&ws, &["x y", "y y"]);
        let json = serde_json::to_string(&a).unwrap();
        let back: DocumentFrequencies = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
        assert_eq!(back.df("y"), Some(2));
        let mut b = DocumentFrequencies::new();
        b.update(&ws, &["y z"]);
        b.merge(&back);
        assert_eq!(b.terms(), ["y", "z", "x"]);
        assert_eq!(b.term_counts(), [4, 1, 1]);
        assert!(b.lexicons.is_empty(), "update keeps no lexicon map");
    }
}
