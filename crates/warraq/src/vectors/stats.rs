//! Document-frequency statistics: counted in parallel, accumulated over batches,
//! merged from parts.

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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "StatsRepr", into = "StatsRepr")]
pub struct DocumentFrequencies {
    n_docs: u64,
    terms: Vec<String>,
    df: Vec<u64>,
    tf: Vec<u64>,
    index: FxHashMap<String, u32>,
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

/// Term counts of a run of documents, with terms numbered locally.
pub(crate) struct Counts {
    pub terms: Vec<String>,
    pub df: Vec<u64>,
    pub tf: Vec<u64>,
    /// Row `d` of the chunk is `ids/counts[indptr[d]..indptr[d + 1]]`, ids sorted.
    pub indptr: Vec<usize>,
    pub ids: Vec<u32>,
    pub counts: Vec<u32>,
}

impl Counts {
    pub fn n_docs(&self) -> usize {
        self.indptr.len() - 1
    }
}

/// Counts the terms of `docs` (one chunk, on the calling thread).
pub(crate) fn count_chunk<D>(
    docs: &[D],
    terms_of: &(dyn Fn(&D, &mut Vec<String>) + Sync),
) -> Counts {
    let mut index: FxHashMap<String, u32> = FxHashMap::default();
    let mut c = Counts {
        terms: Vec::new(),
        df: Vec::new(),
        tf: Vec::new(),
        indptr: vec![0],
        ids: Vec::new(),
        counts: Vec::new(),
    };
    let mut buf: Vec<String> = Vec::new();
    let mut doc_ids: Vec<u32> = Vec::new();
    for doc in docs {
        buf.clear();
        doc_ids.clear();
        terms_of(doc, &mut buf);
        for term in buf.drain(..) {
            let id = match index.get(term.as_str()) {
                Some(&id) => id,
                None => {
                    let id = c.terms.len() as u32;
                    c.terms.push(term.clone());
                    c.df.push(0);
                    c.tf.push(0);
                    index.insert(term, id);
                    id
                }
            };
            doc_ids.push(id);
        }
        doc_ids.sort_unstable();
        let mut k = 0;
        while k < doc_ids.len() {
            let id = doc_ids[k];
            let run = doc_ids[k..].iter().take_while(|&&x| x == id).count();
            c.ids.push(id);
            c.counts.push(run as u32);
            c.df[id as usize] += 1;
            c.tf[id as usize] += run as u64;
            k += run;
        }
        c.indptr.push(c.ids.len());
    }
    c
}

/// Counts `docs` in parallel chunks (in input order).
pub(crate) fn count_docs<D: Sync>(
    docs: &[D],
    terms_of: &(dyn Fn(&D, &mut Vec<String>) + Sync),
) -> Vec<Counts> {
    let threads = crate::parallel::current_num_threads();
    let size = docs.len().div_ceil(threads * 4).clamp(1, 2048);
    let chunks: Vec<&[D]> = docs.chunks(size).collect();
    crate::parallel::map(&chunks, |chunk| count_chunk(chunk, terms_of))
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
        self.index.get(term).map(|&i| self.df[i as usize])
    }

    /// Occurrences of `term` in all documents.
    pub fn term_count(&self, term: &str) -> Option<u64> {
        self.index.get(term).map(|&i| self.tf[i as usize])
    }

    fn add_term(&mut self, term: String, df: u64, tf: u64) -> u32 {
        if let Some(&i) = self.index.get(term.as_str()) {
            self.df[i as usize] += df;
            self.tf[i as usize] += tf;
            return i;
        }
        let i = self.terms.len() as u32;
        self.index.insert(term.clone(), i);
        self.terms.push(term);
        self.df.push(df);
        self.tf.push(tf);
        i
    }

    /// Adds a chunk's counts; returns the chunk's local term id → global id map.
    pub(crate) fn add_counts(&mut self, counts: &mut Counts) -> Vec<u32> {
        self.n_docs += counts.n_docs() as u64;
        let terms = std::mem::take(&mut counts.terms);
        terms
            .into_iter()
            .zip(&counts.df)
            .zip(&counts.tf)
            .map(|((t, &d), &f)| self.add_term(t, d, f))
            .collect()
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
        for mut c in count_docs(texts, &|t: &S, buf: &mut Vec<String>| {
            analyzer.analyze_into(t.as_ref(), buf);
        }) {
            self.add_counts(&mut c);
        }
    }

    /// Adds a batch of documents given as their terms.
    ///
    /// ```
    /// let mut s = warraq::vectors::DocumentFrequencies::new();
    /// s.update_terms(&[vec!["a".to_string(), "a".to_string()], vec![]]);
    /// assert_eq!((s.n_docs(), s.df("a"), s.term_count("a")), (2, Some(1), Some(2)));
    /// ```
    pub fn update_terms<T: AsRef<str> + Sync>(&mut self, docs: &[Vec<T>]) {
        for mut c in count_docs(docs, &|d: &Vec<T>, buf: &mut Vec<String>| {
            buf.extend(d.iter().map(|t| t.as_ref().to_owned()));
        }) {
            self.add_counts(&mut c);
        }
    }
}
