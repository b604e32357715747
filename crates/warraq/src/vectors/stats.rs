//! Document-frequency statistics: counted in parallel, accumulated over batches,
//! merged from parts.

use crate::analyze::{Analyzer, Scratch};
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
    /// Row `d` of the chunk is `ids/counts[indptr[d]..indptr[d + 1]]`, each id
    /// once, in the order the terms first occur in the document.
    pub indptr: Vec<usize>,
    pub ids: Vec<u32>,
    pub counts: Vec<u32>,
}

impl Counts {
    pub fn n_docs(&self) -> usize {
        self.indptr.len() - 1
    }
}

/// Calls its last argument on each term of a document, reusing the scratch buffers.
pub(crate) type TermsOf<'a, D> = dyn Fn(&D, &mut Scratch, &mut dyn FnMut(&str)) + Sync + 'a;

/// Terms up to this many bytes are kept inside the hash table's buckets.
const INLINE: usize = 31;

/// A short term stored inline: its bytes zero-padded, then its length, as four
/// words (hashed and compared word by word).
///
/// Looking a term up in a table of `String`s reads each candidate's heap buffer (a
/// cache miss per term on a vocabulary of 10⁵ terms); inline keys are compared
/// where the probe already is.
#[derive(Clone, Copy, PartialEq, Eq)]
struct InlineTerm([u64; 4]);

impl std::hash::Hash for InlineTerm {
    #[inline]
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Most terms are shorter than 16 bytes: fold the words first, so that the
        // hasher mixes one word instead of four.
        let [a, b, c, d] = self.0;
        state.write_u64(a ^ b.rotate_left(17) ^ c.rotate_left(31) ^ d.rotate_left(47));
    }
}

impl InlineTerm {
    #[inline]
    fn new(term: &str) -> Option<Self> {
        let bytes = term.as_bytes();
        if bytes.len() > INLINE {
            return None;
        }
        let mut key = [0u8; INLINE + 1];
        key[..bytes.len()].copy_from_slice(bytes);
        key[INLINE] = bytes.len() as u8;
        let word = |i: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&key[8 * i..8 * i + 8]);
            u64::from_le_bytes(w)
        };
        Some(InlineTerm([word(0), word(1), word(2), word(3)]))
    }
}

/// A chunk-local term's id, and where the current document counts it.
#[derive(Clone, Copy)]
struct Slot {
    id: u32,
    /// The document (1-based within the chunk) that last held the term…
    doc: u32,
    /// …and the position of its count in `Counts::counts`.
    at: u32,
}

/// Term → chunk-local slot: short terms inline, long ones in an ordinary map.
#[derive(Default)]
struct TermIndex {
    short: FxHashMap<InlineTerm, Slot>,
    long: FxHashMap<String, Slot>,
}

impl TermIndex {
    #[inline]
    fn get_or_insert(&mut self, term: &str, new_id: impl FnOnce() -> u32) -> &mut Slot {
        match InlineTerm::new(term) {
            Some(key) => self.short.entry(key).or_insert_with(|| Slot {
                id: new_id(),
                doc: 0,
                at: 0,
            }),
            None => {
                if !self.long.contains_key(term) {
                    let slot = Slot {
                        id: new_id(),
                        doc: 0,
                        at: 0,
                    };
                    self.long.insert(term.to_owned(), slot);
                }
                self.long.get_mut(term).expect("inserted above")
            }
        }
    }
}

/// Counts the terms of `docs` (one chunk, on the calling thread).
pub(crate) fn count_chunk<D>(docs: &[D], terms_of: &TermsOf<'_, D>) -> Counts {
    let mut index = TermIndex::default();
    let mut c = Counts {
        terms: Vec::new(),
        df: Vec::new(),
        tf: Vec::new(),
        indptr: vec![0],
        ids: Vec::new(),
        counts: Vec::new(),
    };
    let mut scratch = Scratch::default();
    for (d, doc) in docs.iter().enumerate() {
        let doc_no = d as u32 + 1;
        let row_start = c.ids.len();
        let Counts {
            terms, ids, counts, ..
        } = &mut c;
        terms_of(doc, &mut scratch, &mut |term: &str| {
            let slot = index.get_or_insert(term, || {
                terms.push(term.to_owned());
                terms.len() as u32 - 1
            });
            if slot.doc == doc_no {
                counts[slot.at as usize] += 1;
            } else {
                slot.doc = doc_no;
                slot.at = ids.len() as u32;
                ids.push(slot.id);
                counts.push(1);
            }
        });
        c.df.resize(c.terms.len(), 0);
        c.tf.resize(c.terms.len(), 0);
        for k in row_start..c.ids.len() {
            let id = c.ids[k] as usize;
            c.df[id] += 1;
            c.tf[id] += u64::from(c.counts[k]);
        }
        c.indptr.push(c.ids.len());
    }
    c
}

/// Counts `docs` in parallel chunks (in input order).
pub(crate) fn count_docs<D: Sync>(docs: &[D], terms_of: &TermsOf<'_, D>) -> Vec<Counts> {
    let threads = crate::parallel::current_num_threads();
    // Few large chunks: each chunk has its own vocabulary, and merging them is
    // sequential, so more chunks than needed to balance the threads cost time.
    let size = docs.len().div_ceil(threads * 2).clamp(1, 8192);
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

    /// The terms, giving the statistics up (what a fit that no longer needs them
    /// keeps).
    pub(crate) fn into_terms(self) -> Vec<String> {
        self.terms
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
        for mut c in count_docs(
            texts,
            &|t: &S, scratch: &mut Scratch, f: &mut dyn FnMut(&str)| {
                analyzer.for_each_term(t.as_ref(), scratch, f);
            },
        ) {
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
        for mut c in count_docs(docs, &terms_given::<T>) {
            self.add_counts(&mut c);
        }
    }
}

/// The terms of a pre-tokenised document.
#[allow(clippy::ptr_arg)] // matches `TermsOf<Vec<T>>`
pub(crate) fn terms_given<T: AsRef<str>>(doc: &Vec<T>, _: &mut Scratch, f: &mut dyn FnMut(&str)) {
    doc.iter().for_each(|t| f(t.as_ref()));
}
