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

/// A short term stored inline: its bytes zero-padded, then its length (byte 31),
/// as four little-endian words, hashed and compared word by word.
///
/// Looking a term up in a table of `String`s reads each candidate's heap buffer (a
/// cache miss per term on a vocabulary of 10⁵ terms); inline keys are compared
/// where the probe already is.
#[derive(Clone, Copy, PartialEq, Eq)]
struct InlineTerm([u64; 4]);

impl InlineTerm {
    #[inline]
    fn new(term: &str) -> Option<Self> {
        let b = term.as_bytes();
        if b.len() > INLINE {
            return None;
        }
        let mut words = [0u64; 4];
        let mut k = 0;
        while k + 8 <= b.len() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[k..k + 8]);
            words[k / 8] = u64::from_le_bytes(w);
            k += 8;
        }
        let mut tail = 0u64;
        for (j, &x) in b[k..].iter().enumerate() {
            tail |= u64::from(x) << (8 * j);
        }
        words[k / 8] |= tail;
        words[3] |= (b.len() as u64) << 56;
        Some(InlineTerm(words))
    }

    #[inline]
    fn hash(&self) -> u64 {
        let [a, b, c, d] = self.0;
        let h = a.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ b.wrapping_mul(0xC2B2_AE3D_27D4_EB4F).rotate_left(23)
            ^ c.wrapping_mul(0x1656_67B1_9E37_79F9).rotate_left(41)
            ^ d;
        (h ^ (h >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9)
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

const EMPTY: u32 = u32::MAX;

/// An open-addressing table (linear probing, at most half full) from short terms
/// to slots: one probe usually finds the term in the cache line the hash points to.
struct ShortTable {
    entries: Vec<(InlineTerm, Slot)>,
    /// `64 - log2(entries.len())`: the hash's top bits pick the bucket.
    shift: u32,
    len: usize,
}

impl Default for ShortTable {
    fn default() -> Self {
        ShortTable::with_bits(10)
    }
}

impl ShortTable {
    fn with_bits(bits: u32) -> Self {
        let empty = (
            InlineTerm([0; 4]),
            Slot {
                id: EMPTY,
                doc: 0,
                at: 0,
            },
        );
        ShortTable {
            entries: vec![empty; 1 << bits],
            shift: 64 - bits,
            len: 0,
        }
    }

    #[inline]
    fn get_or_insert(&mut self, key: InlineTerm, new_id: impl FnOnce() -> u32) -> &mut Slot {
        if 2 * (self.len + 1) > self.entries.len() {
            self.grow();
        }
        let mask = self.entries.len() - 1;
        let mut i = (key.hash() >> self.shift) as usize;
        loop {
            let (k, slot) = &self.entries[i];
            if slot.id == EMPTY {
                self.len += 1;
                self.entries[i] = (
                    key,
                    Slot {
                        id: new_id(),
                        doc: 0,
                        at: 0,
                    },
                );
                return &mut self.entries[i].1;
            }
            if *k == key {
                return &mut self.entries[i].1;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let bits = 64 - self.shift + 1;
        let old = std::mem::replace(self, ShortTable::with_bits(bits));
        let mask = self.entries.len() - 1;
        for (key, slot) in old.entries.into_iter().filter(|(_, s)| s.id != EMPTY) {
            let mut i = (key.hash() >> self.shift) as usize;
            while self.entries[i].1.id != EMPTY {
                i = (i + 1) & mask;
            }
            self.entries[i] = (key, slot);
        }
        self.len = old.len;
    }
}

/// Term → chunk-local slot: short terms inline, long ones in an ordinary map.
#[derive(Default)]
struct TermIndex {
    short: ShortTable,
    long: FxHashMap<String, Slot>,
}

impl TermIndex {
    #[inline]
    fn get_or_insert(&mut self, term: &str, new_id: impl FnOnce() -> u32) -> &mut Slot {
        match InlineTerm::new(term) {
            Some(key) => self.short.get_or_insert(key, new_id),
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

/// The term counts of a batch of documents, made (in parallel) apart from the
/// statistics or fit they go into, so that the counting of one batch can overlap
/// whatever the caller does meanwhile (the Python binding converts the next batch).
/// Hand it to [`DocumentFrequencies::add_batch`],
/// [`FitBatches::push`](super::FitBatches::push) or
/// [`TfidfVectorizer::transform_batches`](super::TfidfVectorizer::transform_batches).
///
/// ```
/// use warraq::analyze::Analyzer;
/// use warraq::vectors::{CountedBatch, DocumentFrequencies};
///
/// let batch = CountedBatch::of_texts(&Analyzer::default(), &["النفط والذهب", "النفط"]);
/// assert_eq!(batch.n_docs(), 2);
/// let mut stats = DocumentFrequencies::new();
/// stats.add_batch(batch);
/// assert_eq!(stats.df("نفط"), Some(2));
/// ```
pub struct CountedBatch {
    pub(crate) chunks: Vec<Counts>,
}

impl CountedBatch {
    /// Analyzes and counts `texts` with `analyzer`.
    pub fn of_texts<S: AsRef<str> + Sync>(analyzer: &Analyzer, texts: &[S]) -> Self {
        CountedBatch {
            chunks: count_docs(
                texts,
                &|t: &S, scratch: &mut Scratch, f: &mut dyn FnMut(&str)| {
                    analyzer.for_each_term(t.as_ref(), scratch, f);
                },
            ),
        }
    }

    /// Counts documents given as their terms.
    ///
    /// ```
    /// let batch = warraq::vectors::CountedBatch::of_terms(&[vec!["a", "b"], vec!["a"]]);
    /// assert_eq!(batch.n_docs(), 2);
    /// ```
    pub fn of_terms<T: AsRef<str> + Sync>(docs: &[Vec<T>]) -> Self {
        CountedBatch {
            chunks: count_docs(docs, &terms_given::<T>),
        }
    }

    /// Documents counted.
    pub fn n_docs(&self) -> usize {
        self.chunks.iter().map(Counts::n_docs).sum()
    }
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
        self.add_batch(CountedBatch::of_texts(analyzer, texts));
    }

    /// Adds a batch counted by [`CountedBatch`].
    pub fn add_batch(&mut self, batch: CountedBatch) {
        for mut c in batch.chunks {
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
        self.add_batch(CountedBatch::of_terms(docs));
    }
}

/// The terms of a pre-tokenised document.
#[allow(clippy::ptr_arg)] // matches `TermsOf<Vec<T>>`
pub(crate) fn terms_given<T: AsRef<str>>(doc: &Vec<T>, _: &mut Scratch, f: &mut dyn FnMut(&str)) {
    doc.iter().for_each(|t| f(t.as_ref()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_a_plain_map_through_growth() {
        // Thousands of distinct terms (the table grows several times), short and
        // long ones, an empty one, repeated within and across documents.
        let docs: Vec<Vec<String>> = (0..300)
            .map(|d| {
                (0..60)
                    .map(|k| match (d * 7 + k * 13) % 5 {
                        0 => format!("مصطلح{}", (d * k) % 4000),
                        1 => format!("{}-{}", "طويل".repeat(5), k % 50),
                        2 => String::new(),
                        _ => format!("t{}", (d + k) % 3000),
                    })
                    .collect()
            })
            .collect();
        let c = count_chunk(&docs, &terms_given::<String>);
        let mut expected: std::collections::HashMap<&str, (u64, u64)> = Default::default();
        for doc in &docs {
            let mut seen = std::collections::HashSet::new();
            for t in doc {
                let e = expected.entry(t.as_str()).or_default();
                e.1 += 1;
                if seen.insert(t.as_str()) {
                    e.0 += 1;
                }
            }
        }
        assert_eq!(c.terms.len(), expected.len());
        for (i, t) in c.terms.iter().enumerate() {
            assert_eq!((c.df[i], c.tf[i]), expected[t.as_str()], "{t}");
        }
        for (d, doc) in docs.iter().enumerate() {
            let row = c.indptr[d]..c.indptr[d + 1];
            let total: u32 = c.counts[row.clone()].iter().sum();
            assert_eq!(total as usize, doc.len());
            let mut ids = c.ids[row].to_vec();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), c.indptr[d + 1] - c.indptr[d]);
        }
    }
}
