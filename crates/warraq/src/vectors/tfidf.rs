//! `TfidfVectorizer` with scikit-learn's semantics.

use super::stats::{
    count_docs, resolve_ids, terms_given, CountedBatch, Counts, DocumentFrequencies, IdMap,
    SharedCounting,
};
use super::CsrMatrix;
use crate::analyze::{Analyzer, AnalyzerOptions};
use crate::{Error, Result};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A document-frequency bound: a number of documents, or a fraction of them
/// (scikit-learn's int vs float `min_df` / `max_df`).
///
/// ```
/// use warraq::vectors::DocFreq;
/// assert_eq!(DocFreq::Count(2).documents(10), 2.0);
/// assert_eq!(DocFreq::Fraction(0.5).documents(10), 5.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DocFreq {
    /// An absolute number of documents (at least 1).
    Count(u64),
    /// A proportion of the documents, in `[0, 1]`.
    Fraction(f64),
}

impl DocFreq {
    /// The bound in documents, for a corpus of `n_docs`.
    pub fn documents(self, n_docs: u64) -> f64 {
        match self {
            DocFreq::Count(c) => c as f64,
            DocFreq::Fraction(f) => f * n_docs as f64,
        }
    }

    fn validate(self, name: &str) -> Result<()> {
        match self {
            DocFreq::Count(0) => Err(Error::invalid_option(
                name,
                format!("{name} as an integer must be >= 1, got 0"),
            )),
            DocFreq::Fraction(f) if !(0.0..=1.0).contains(&f) => Err(Error::invalid_option(
                name,
                format!("{name} as a float must be in [0.0, 1.0], got {f}"),
            )),
            _ => Ok(()),
        }
    }
}

/// Row normalisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Norm {
    /// Divide by the sum of absolute values.
    L1,
    /// Divide by the Euclidean length.
    L2,
}

/// The vectorizer's parameters, with scikit-learn's meaning and defaults.
///
/// ```
/// use warraq::vectors::{DocFreq, Norm, TfidfConfig};
/// let c = TfidfConfig::default();
/// assert_eq!((c.min_df, c.max_df, c.norm), (DocFreq::Count(1), DocFreq::Fraction(1.0), Some(Norm::L2)));
/// assert!(c.use_idf && c.smooth_idf && !c.sublinear_tf && !c.binary);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TfidfConfig {
    /// Drop terms in fewer documents than this.
    pub min_df: DocFreq,
    /// Drop terms in more documents than this.
    pub max_df: DocFreq,
    /// Keep only this many terms, the most frequent over the corpus.
    pub max_features: Option<usize>,
    /// Count each term once per document.
    pub binary: bool,
    /// Row normalisation (`None`: none).
    pub norm: Option<Norm>,
    /// Weight by inverse document frequency.
    pub use_idf: bool,
    /// Add one to document frequencies, as if one document held every term.
    pub smooth_idf: bool,
    /// Replace tf by `1 + ln(tf)`.
    pub sublinear_tf: bool,
}

impl Default for TfidfConfig {
    fn default() -> Self {
        TfidfConfig {
            min_df: DocFreq::Count(1),
            max_df: DocFreq::Fraction(1.0),
            max_features: None,
            binary: false,
            norm: Some(Norm::L2),
            use_idf: true,
            smooth_idf: true,
            sublinear_tf: false,
        }
    }
}

impl TfidfConfig {
    /// Checks the document-frequency bounds and `max_features`.
    pub fn validate(&self) -> Result<()> {
        self.min_df.validate("min_df")?;
        self.max_df.validate("max_df")?;
        if self.max_features == Some(0) {
            return Err(Error::invalid_option(
                "max_features",
                "max_features must be >= 1 or None",
            ));
        }
        Ok(())
    }
}

/// Terms and their column numbers.
///
/// ```
/// use warraq::vectors::Vocabulary;
/// let v = Vocabulary::new(vec!["b".into(), "a".into()]).unwrap();
/// assert_eq!(v.get("a"), Some(1));
/// assert_eq!(v.terms(), ["b", "a"]);
/// assert!(Vocabulary::new(vec!["a".into(), "a".into()]).is_err());
/// ```
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct Vocabulary {
    terms: Vec<String>,
    /// Term → column, built on the first lookup: a fit that only returns its
    /// matrix never needs it (for a corpus, a hash map of 10⁵ terms built serially).
    index: std::sync::OnceLock<FxHashMap<String, u32>>,
}

impl PartialEq for Vocabulary {
    fn eq(&self, other: &Self) -> bool {
        self.terms == other.terms
    }
}

impl TryFrom<Vec<String>> for Vocabulary {
    type Error = Error;
    fn try_from(terms: Vec<String>) -> Result<Self> {
        Vocabulary::new(terms)
    }
}

impl From<Vocabulary> for Vec<String> {
    fn from(v: Vocabulary) -> Self {
        v.terms
    }
}

impl Vocabulary {
    /// A vocabulary whose column `i` is `terms[i]`; a repeated term is an error.
    pub fn new(terms: Vec<String>) -> Result<Self> {
        let mut index = FxHashMap::default();
        for (i, t) in terms.iter().enumerate() {
            if index.insert(t.clone(), i as u32).is_some() {
                return Err(Error::invalid_option(
                    "vocabulary",
                    format!("duplicate term {t:?} in vocabulary"),
                ));
            }
        }
        Ok(Vocabulary {
            terms,
            index: index.into(),
        })
    }

    /// A vocabulary of terms known to be distinct (a fit's selection from its
    /// statistics, whose terms are).
    fn of_distinct(terms: Vec<String>) -> Self {
        Vocabulary {
            terms,
            index: std::sync::OnceLock::new(),
        }
    }

    /// Column of `term`.
    pub fn get(&self, term: &str) -> Option<u32> {
        self.index
            .get_or_init(|| {
                let mut index = FxHashMap::default();
                index.reserve(self.terms.len());
                for (i, t) in self.terms.iter().enumerate() {
                    index.insert(t.clone(), i as u32);
                }
                index
            })
            .get(term)
            .copied()
    }

    /// Terms by column.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Fitted {
    vocabulary: Vocabulary,
    idf: Vec<f64>,
}

/// A TF-IDF vectorizer with scikit-learn's `TfidfVectorizer` semantics over warraq's
/// Arabic [`Analyzer`]: same vocabulary selection (`min_df`, `max_df`,
/// `max_features`), same order of features (sorted terms), same idf and weights.
///
/// Fitting counts documents in parallel; [`fit_transform`](Self::fit_transform)
/// analyzes each text once. Statistics can also be streamed or merged
/// ([`DocumentFrequencies`]) and fitted with [`fit_stats`](Self::fit_stats).
///
/// ```
/// use warraq::vectors::{TfidfConfig, TfidfVectorizer};
/// use warraq::analyze::AnalyzerOptions;
///
/// let texts = ["ارتفعت أسعار النفط", "انخفضت أسعار الذهب", "النفط والذهب"];
/// let mut v = TfidfVectorizer::new(TfidfConfig::default(), AnalyzerOptions::default()).unwrap();
/// let x = v.fit_transform(&texts).unwrap();
/// assert_eq!(v.vocabulary().unwrap().terms(), ["ارتفعت", "اسعار", "انخفضت", "ذهب", "نفط"]);
/// assert_eq!(x.shape, (3, 5));
/// let norm: f64 = x.row(0).1.iter().map(|v| v * v).sum();
/// assert!((norm - 1.0).abs() < 1e-12);
/// assert_eq!(v.transform(&["الذهب"]).unwrap().row(0).0, [3]);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TfidfVectorizer {
    config: TfidfConfig,
    analyzer: Analyzer,
    fixed_vocabulary: Option<Vocabulary>,
    stats: Option<DocumentFrequencies>,
    fitted: Option<Fitted>,
}

const FORMAT: &str = "warraq.TfidfVectorizer";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Saved {
    format: String,
    version: u32,
    config: TfidfConfig,
    analyzer: AnalyzerOptions,
    fixed_vocabulary: Option<Vocabulary>,
    stats: Option<DocumentFrequencies>,
    vocabulary: Option<Vocabulary>,
    idf: Option<Vec<f64>>,
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

impl TfidfVectorizer {
    /// A vectorizer (not fitted). Invalid options are an [`Error::InvalidOption`].
    pub fn new(config: TfidfConfig, analyzer: AnalyzerOptions) -> Result<Self> {
        config.validate()?;
        analyzer.validate()?;
        Ok(TfidfVectorizer {
            config,
            analyzer: Analyzer::new(analyzer),
            fixed_vocabulary: None,
            stats: None,
            fitted: None,
        })
    }

    /// Uses `vocabulary` (in its order) instead of choosing one when fitting;
    /// `min_df`, `max_df` and `max_features` are then ignored, as in scikit-learn.
    ///
    /// ```
    /// use warraq::vectors::{TfidfVectorizer, Vocabulary};
    /// let mut v = TfidfVectorizer::default()
    ///     .with_vocabulary(Vocabulary::new(vec!["نفط".into(), "ذهب".into()]).unwrap())
    ///     .unwrap();
    /// v.fit(&["الذهب"]).unwrap();
    /// assert_eq!(v.idf().unwrap().len(), 2);
    /// ```
    pub fn with_vocabulary(mut self, vocabulary: Vocabulary) -> Result<Self> {
        if vocabulary.is_empty() {
            return Err(Error::invalid_option(
                "vocabulary",
                "empty vocabulary passed to fit",
            ));
        }
        self.fixed_vocabulary = Some(vocabulary);
        Ok(self)
    }

    /// The parameters.
    pub fn config(&self) -> &TfidfConfig {
        &self.config
    }

    /// The analyzer.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The fitted vocabulary (`None` before fitting).
    pub fn vocabulary(&self) -> Option<&Vocabulary> {
        self.fitted.as_ref().map(|f| &f.vocabulary)
    }

    /// The fitted idf of each column (`None` before fitting; all ones when
    /// `use_idf` is off).
    pub fn idf(&self) -> Option<&[f64]> {
        self.fitted.as_ref().map(|f| f.idf.as_slice())
    }

    /// The statistics accumulated by [`partial_fit`](Self::partial_fit).
    pub fn stats(&self) -> Option<&DocumentFrequencies> {
        self.stats.as_ref()
    }

    /// Learns the vocabulary and idf from `texts`.
    pub fn fit<S: AsRef<str> + Sync>(&mut self, texts: &[S]) -> Result<()> {
        let mut stats = DocumentFrequencies::new();
        stats.update(&self.analyzer, texts);
        self.fit_stats(&stats)
    }

    /// Learns the vocabulary and idf from documents given as their terms (what a
    /// Python callable analyzer returned).
    pub fn fit_terms<T: AsRef<str> + Sync>(&mut self, docs: &[Vec<T>]) -> Result<()> {
        let mut stats = DocumentFrequencies::new();
        stats.update_terms(docs);
        self.fit_stats(&stats)
    }

    /// Adds a batch of texts to the statistics accumulated so far and refits the
    /// vocabulary and idf on everything seen, so a corpus can be fitted batch by batch
    /// without holding it.
    ///
    /// ```
    /// let mut v = warraq::vectors::TfidfVectorizer::default();
    /// v.partial_fit(&["النفط"]).unwrap();
    /// v.partial_fit(&["الذهب"]).unwrap();
    /// assert_eq!(v.vocabulary().unwrap().terms(), ["ذهب", "نفط"]);
    /// assert_eq!(v.stats().unwrap().n_docs(), 2);
    /// ```
    pub fn partial_fit<S: AsRef<str> + Sync>(&mut self, texts: &[S]) -> Result<()> {
        let mut stats = self.stats.take().unwrap_or_default();
        stats.update(&self.analyzer, texts);
        let result = self.fit_stats(&stats);
        self.stats = Some(stats);
        result
    }

    /// Like [`partial_fit`](Self::partial_fit) for documents given as their terms.
    pub fn partial_fit_terms<T: AsRef<str> + Sync>(&mut self, docs: &[Vec<T>]) -> Result<()> {
        let mut stats = self.stats.take().unwrap_or_default();
        stats.update_terms(docs);
        let result = self.fit_stats(&stats);
        self.stats = Some(stats);
        result
    }

    /// Chooses the vocabulary and computes the idf from statistics (for instance
    /// merged from parts counted on several machines).
    ///
    /// ```
    /// use warraq::vectors::{DocumentFrequencies, TfidfVectorizer};
    /// let v = TfidfVectorizer::default();
    /// let mut part1 = DocumentFrequencies::new();
    /// part1.update(v.analyzer(), &["النفط"]);
    /// let mut part2 = DocumentFrequencies::new();
    /// part2.update(v.analyzer(), &["النفط والذهب"]);
    /// part1.merge(&part2);
    /// let mut merged = v.clone();
    /// merged.fit_stats(&part1).unwrap();
    /// let mut whole = v.clone();
    /// whole.fit(&["النفط", "النفط والذهب"]).unwrap();
    /// assert_eq!(merged, whole);
    /// ```
    pub fn fit_stats(&mut self, stats: &DocumentFrequencies) -> Result<()> {
        let (vocabulary, df) = match &self.fixed_vocabulary {
            Some(v) => {
                let df = v.terms().iter().map(|t| stats.df(t).unwrap_or(0)).collect();
                (v.clone(), df)
            }
            None => select(stats, &self.config)?,
        };
        let idf = idf(&self.config, stats.n_docs(), &df);
        self.fitted = Some(Fitted { vocabulary, idf });
        Ok(())
    }

    /// Learns the vocabulary and idf and returns the TF-IDF matrix of `texts`,
    /// analyzing each text once.
    pub fn fit_transform<S: AsRef<str> + Sync>(&mut self, texts: &[S]) -> Result<CsrMatrix> {
        let mut batches = self.begin_batches();
        batches.add(self, texts);
        self.finish_batches(batches)
    }

    /// [`fit_transform`](Self::fit_transform) for documents given as their terms.
    ///
    /// ```
    /// let mut v = warraq::vectors::TfidfVectorizer::default();
    /// let x = v.fit_transform_terms(&[vec!["b", "a"], vec!["a"]]).unwrap();
    /// assert_eq!(v.vocabulary().unwrap().terms(), ["a", "b"]);
    /// assert_eq!(x.indices, [0, 1, 0]);
    /// ```
    pub fn fit_transform_terms<T: AsRef<str> + Sync>(
        &mut self,
        docs: &[Vec<T>],
    ) -> Result<CsrMatrix> {
        let mut batches = self.begin_batches();
        batches.add_terms(docs);
        self.finish_batches(batches)
    }

    /// Starts a [`fit_transform`](Self::fit_transform) fed batch by batch, so that
    /// a caller can report progress (or read a stream) while each text is still
    /// analyzed only once.
    ///
    /// ```
    /// let mut v = warraq::vectors::TfidfVectorizer::default();
    /// let mut batches = v.begin_batches();
    /// batches.add(&v, &["النفط والذهب"]);
    /// batches.add(&v, &["الذهب"]);
    /// let x = v.finish_batches(batches).unwrap();
    /// let mut w = warraq::vectors::TfidfVectorizer::default();
    /// assert_eq!(x, w.fit_transform(&["النفط والذهب", "الذهب"]).unwrap());
    /// ```
    pub fn begin_batches(&self) -> FitBatches {
        FitBatches::default()
    }

    /// Fits on every batch added to `batches` and returns their matrix, rows in the
    /// order added.
    pub fn finish_batches(&mut self, batches: FitBatches) -> Result<CsrMatrix> {
        let FitBatches {
            mut stats, chunks, ..
        } = batches;
        let lexicons = stats.take_lexicons();
        let column_of = self.fit_stats_owned(stats)?;
        let idf = self.idf().unwrap_or(&[]);
        let columns = |map: &[u32]| -> Arc<Vec<TermColumn>> {
            Arc::new(
                map.iter()
                    .map(|&g| TermColumn::new(column_of[g as usize], idf))
                    .collect(),
            )
        };
        // The chunks' maps into the statistics, as maps into the vocabulary: each
        // lexicon's once, for all of its chunks.
        let lexicon_columns: FxHashMap<(u64, u32), Arc<Vec<TermColumn>>> = lexicons
            .iter()
            .map(|(key, map)| (*key, columns(map)))
            .collect();
        let jobs: Vec<Job> = chunks
            .into_iter()
            .map(|(c, map)| {
                let local = match map {
                    IdMap::Own(map) => columns(&map),
                    IdMap::Lexicon(key) => lexicon_columns[&key].clone(),
                };
                (c, local)
            })
            .collect();
        drop(column_of);
        Ok(self.weigh(jobs))
    }

    /// [`fit_stats`](Self::fit_stats) on statistics that are not needed afterwards
    /// (their terms move into the vocabulary); returns the column of each of their
    /// terms (`None`: not in the vocabulary).
    fn fit_stats_owned(&mut self, stats: DocumentFrequencies) -> Result<Vec<Option<i32>>> {
        if self.fixed_vocabulary.is_some() {
            self.fit_stats(&stats)?;
            let vocabulary = self.vocabulary().ok_or_else(not_fitted)?;
            return Ok(stats
                .terms()
                .iter()
                .map(|t| vocabulary.get(t).map(|c| c as i32))
                .collect());
        }
        let (kept, df) = select_indices(&stats, &self.config)?;
        let idf = idf(&self.config, stats.n_docs(), &df);
        let mut column_of = vec![None; stats.len()];
        for (col, &i) in kept.iter().enumerate() {
            column_of[i] = Some(col as i32);
        }
        let mut terms = stats.into_terms();
        let vocabulary = Vocabulary::of_distinct(
            kept.iter()
                .map(|&i| std::mem::take(&mut terms[i]))
                .collect(),
        );
        self.fitted = Some(Fitted { vocabulary, idf });
        Ok(column_of)
    }

    /// The TF-IDF matrix of `texts` with the fitted vocabulary (unknown terms are
    /// ignored). Not fitted yet: an [`Error::Model`].
    pub fn transform<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Result<CsrMatrix> {
        self.transform_batches(vec![
            SharedCounting::new().count_texts(&self.analyzer, texts)
        ])
    }

    /// [`transform`](Self::transform) for documents given as their terms.
    pub fn transform_terms<T: AsRef<str> + Sync>(&self, docs: &[Vec<T>]) -> Result<CsrMatrix> {
        let counts = count_docs(docs, &terms_given::<T>);
        self.transform_counts(counts)
    }

    /// The TF-IDF matrix of batches counted by [`CountedBatch`] with this
    /// vectorizer's analyzer, rows in batch order.
    ///
    /// ```
    /// use warraq::vectors::{CountedBatch, TfidfVectorizer};
    /// let mut v = TfidfVectorizer::default();
    /// v.fit(&["النفط والذهب", "الذهب"]).unwrap();
    /// let batches = vec![
    ///     CountedBatch::of_texts(v.analyzer(), &["النفط"]),
    ///     CountedBatch::of_texts(v.analyzer(), &["الذهب"]),
    /// ];
    /// assert_eq!(v.transform_batches(batches).unwrap(), v.transform(&["النفط", "الذهب"]).unwrap());
    /// ```
    pub fn transform_batches(&self, batches: Vec<CountedBatch>) -> Result<CsrMatrix> {
        self.transform_counts(batches.into_iter().flat_map(|b| b.chunks).collect())
    }

    fn transform_counts(&self, mut counts: Vec<Counts>) -> Result<CsrMatrix> {
        let vocabulary = self.vocabulary().ok_or_else(not_fitted)?;
        let column = |t: String| vocabulary.get(&t).map(|x| x as i32);
        let mut lexicons = FxHashMap::default();
        let maps = resolve_ids(&mut counts, &mut lexicons, column);
        let idf = self.idf().unwrap_or(&[]);
        let columns = |map: Vec<Option<i32>>| -> Arc<Vec<TermColumn>> {
            Arc::new(map.into_iter().map(|c| TermColumn::new(c, idf)).collect())
        };
        let lexicons: FxHashMap<_, _> =
            lexicons.into_iter().map(|(k, v)| (k, columns(v))).collect();
        let jobs: Vec<Job> = counts
            .into_iter()
            .zip(maps)
            .map(|(c, map)| {
                let local = match map {
                    IdMap::Own(map) => columns(map),
                    IdMap::Lexicon(key) => lexicons[&key].clone(),
                };
                (c, local)
            })
            .collect();
        Ok(self.weigh(jobs))
    }

    /// The TF-IDF matrix of chunks of counts whose local terms have the given
    /// columns, rows in chunk order. The matrix's arrays are allocated once, at their
    /// final size, and each chunk fills its own part of them (in parallel) and is
    /// freed as soon as it is done.
    fn weigh(&self, jobs: Vec<Job>) -> CsrMatrix {
        let n_cols = self.vocabulary().map_or(0, Vocabulary::len);
        let row_lens: Vec<Vec<u32>> = crate::parallel::map(&jobs, |(c, column)| {
            let row = |d: usize| &c.ids[c.indptr[d]..c.indptr[d + 1]];
            // A fit that keeps every term (the default) gives every id a column:
            // then a row keeps all its entries, and checking that once is cheaper
            // than looking up each entry's column.
            if column.len() <= c.ids.len() && column.iter().all(TermColumn::kept) {
                (0..c.n_docs()).map(|d| row(d).len() as u32).collect()
            } else {
                (0..c.n_docs())
                    .map(|d| {
                        row(d)
                            .iter()
                            .filter(|&&id| column[id as usize].kept())
                            .count() as u32
                    })
                    .collect()
            }
        });
        let n_rows: usize = row_lens.iter().map(Vec::len).sum();
        let mut indptr = Vec::with_capacity(n_rows + 1);
        indptr.push(0i64);
        let mut end = 0i64;
        for &len in row_lens.iter().flatten() {
            end += i64::from(len);
            indptr.push(end);
        }
        let nnz = end as usize;
        // Zeroed by all threads: the arrays are fresh memory (54 MB for
        // SaudiNewsNet, a fifth of a fit's page faults), faulted in while the
        // other threads waited when one thread zeroed them.
        let (mut data, mut indices): (Vec<f64>, Vec<i32>) =
            (zeros_in_parallel(nnz), zeros_in_parallel(nnz));
        let mut parts = Vec::with_capacity(jobs.len());
        let (mut data_rest, mut indices_rest) = (data.as_mut_slice(), indices.as_mut_slice());
        for (job, lens) in jobs.into_iter().zip(row_lens) {
            let size: usize = lens.iter().map(|&l| l as usize).sum();
            let (d, dr) = std::mem::take(&mut data_rest).split_at_mut(size);
            let (i, ir) = std::mem::take(&mut indices_rest).split_at_mut(size);
            (data_rest, indices_rest) = (dr, ir);
            parts.push((job, d, i));
        }
        let fill = |((c, column), data, indices): (Job, &mut [f64], &mut [i32])| {
            self.weigh_chunk(&c, column.as_slice(), data, indices);
        };
        if crate::parallel::parallelism() && parts.len() > 1 {
            use rayon::prelude::*;
            parts.into_par_iter().for_each(fill);
        } else {
            parts.into_iter().for_each(fill);
        }
        CsrMatrix {
            data,
            indices,
            indptr,
            shape: (n_rows, n_cols),
        }
    }

    /// Weighs one chunk's rows into `data` and `indices` (exactly their size).
    fn weigh_chunk(
        &self,
        c: &Counts,
        column: &[TermColumn],
        data: &mut [f64],
        indices: &mut [i32],
    ) {
        let cfg = &self.config;
        // A row's values, and (column << 32 | position) keys: sorting plain
        // integers is several times faster than sorting (column, value) pairs.
        let mut vals: Vec<f64> = Vec::new();
        let mut keys: Vec<u64> = Vec::new();
        let mut at = 0;
        for d in 0..c.n_docs() {
            vals.clear();
            keys.clear();
            for k in c.indptr[d]..c.indptr[d + 1] {
                let term = column[c.ids[k] as usize];
                if term.kept() {
                    let mut tf = if cfg.binary {
                        1.0
                    } else {
                        f64::from(c.counts[k])
                    };
                    if cfg.sublinear_tf {
                        tf = tf.ln() + 1.0;
                    }
                    if cfg.use_idf {
                        tf *= term.idf;
                    }
                    keys.push((term.column as u64) << 32 | vals.len() as u64);
                    vals.push(tf);
                }
            }
            keys.sort_unstable();
            // Summed in column order, as before, so that the norm is the same to the bit.
            let norm = match cfg.norm {
                Some(Norm::L2) => keys
                    .iter()
                    .map(|&k| vals[k as u32 as usize] * vals[k as u32 as usize])
                    .sum::<f64>()
                    .sqrt(),
                Some(Norm::L1) => keys
                    .iter()
                    .map(|&k| vals[k as u32 as usize].abs())
                    .sum::<f64>(),
                None => 1.0,
            };
            let norm = if norm == 0.0 { 1.0 } else { norm };
            for &k in &keys {
                indices[at] = (k >> 32) as i32;
                data[at] = vals[k as u32 as usize] / norm;
                at += 1;
            }
        }
    }

    /// The `k` highest-weighted terms of each row of `x` (a matrix this vectorizer
    /// produced), highest first; ties by column order.
    ///
    /// ```
    /// let mut v = warraq::vectors::TfidfVectorizer::default();
    /// let x = v.fit_transform(&["النفط النفط الذهب", "الذهب"]).unwrap();
    /// let kw = v.keywords(&x, 1).unwrap();
    /// assert_eq!(kw[0][0].0, "نفط");
    /// assert_eq!(kw[1][0].0, "ذهب");
    /// ```
    pub fn keywords(&self, x: &CsrMatrix, k: usize) -> Result<Vec<Vec<(String, f64)>>> {
        let vocabulary = self.vocabulary().ok_or_else(not_fitted)?;
        x.validate()?;
        if x.shape.1 != vocabulary.len() {
            return Err(Error::invalid_option(
                "X",
                format!(
                    "X has {} columns but the vocabulary has {} terms",
                    x.shape.1,
                    vocabulary.len()
                ),
            ));
        }
        let rows: Vec<usize> = (0..x.n_rows()).collect();
        Ok(crate::parallel::map(&rows, |&i| {
            let (cols, vals) = x.row(i);
            let mut order: Vec<usize> = (0..cols.len()).collect();
            order.sort_by(|&a, &b| vals[b].total_cmp(&vals[a]).then(cols[a].cmp(&cols[b])));
            order
                .into_iter()
                .take(k)
                .map(|p| (vocabulary.terms()[cols[p] as usize].clone(), vals[p]))
                .collect()
        }))
    }

    /// The vectorizer as versioned JSON (parameters, analyzer options, vocabulary,
    /// idf and any accumulated statistics).
    pub fn to_json(&self) -> Result<String> {
        let saved = Saved {
            format: FORMAT.into(),
            version: VERSION,
            config: self.config.clone(),
            analyzer: self.analyzer.options().clone(),
            fixed_vocabulary: self.fixed_vocabulary.clone(),
            stats: self.stats.clone(),
            vocabulary: self.vocabulary().cloned(),
            idf: self.idf().map(<[f64]>::to_vec),
        };
        serde_json::to_string(&saved).map_err(|e| Error::Model {
            path: PathBuf::new(),
            message: e.to_string(),
        })
    }

    /// Reads [`to_json`](Self::to_json)'s output; `path` names the source in errors.
    ///
    /// ```
    /// use warraq::vectors::TfidfVectorizer;
    /// let mut v = TfidfVectorizer::default();
    /// v.fit(&["النفط"]).unwrap();
    /// assert_eq!(TfidfVectorizer::from_json(&v.to_json().unwrap(), "").unwrap(), v);
    /// let err = TfidfVectorizer::from_json(r#"{"format": "warraq.TfidfVectorizer", "version": 99}"#, "m.json");
    /// assert!(err.unwrap_err().to_string().contains("m.json: version 99"));
    /// ```
    pub fn from_json(json: &str, path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let model_err = |message: String| Error::Model {
            path: path.to_owned(),
            message,
        };
        let header: Header = serde_json::from_str(json)
            .map_err(|e| model_err(format!("not a saved TfidfVectorizer: {e}")))?;
        if header.format.as_deref() != Some(FORMAT) {
            return Err(model_err(format!(
                "not a saved TfidfVectorizer (format {:?})",
                header.format
            )));
        }
        if header.version != Some(VERSION) {
            return Err(model_err(format!(
                "version {} is not supported (this warraq reads version {VERSION})",
                header.version.map_or("missing".into(), |v| v.to_string())
            )));
        }
        let saved: Saved = serde_json::from_str(json)
            .map_err(|e| model_err(format!("corrupt TfidfVectorizer: {e}")))?;
        let mut v = TfidfVectorizer::new(saved.config, saved.analyzer)
            .map_err(|e| model_err(e.to_string()))?;
        v.fixed_vocabulary = saved.fixed_vocabulary;
        v.stats = saved.stats;
        v.fitted = match (saved.vocabulary, saved.idf) {
            (Some(vocabulary), Some(idf)) if idf.len() == vocabulary.len() => {
                Some(Fitted { vocabulary, idf })
            }
            (None, None) => None,
            _ => {
                return Err(model_err(
                    "corrupt TfidfVectorizer: vocabulary and idf disagree".into(),
                ))
            }
        };
        Ok(v)
    }

    /// Saves the vectorizer to `path` as JSON, atomically (a temporary file renamed
    /// over `path`: readers see the old file or the new one, never half of one).
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let json = self.to_json()?;
        // Never a half-written file, even when the process dies mid-write.
        crate::files::write_atomically(path, json.as_bytes())
    }

    /// Loads a vectorizer saved by [`save`](Self::save). A corrupt file or one from
    /// another format version is an [`Error::Model`] naming the path.
    ///
    /// ```
    /// let path = std::env::temp_dir().join("warraq-doctest-tfidf.json");
    /// std::fs::write(&path, "{not json").unwrap();
    /// let err = warraq::vectors::TfidfVectorizer::load(&path).unwrap_err();
    /// assert!(matches!(err, warraq::Error::Model { .. }));
    /// assert!(err.to_string().contains("warraq-doctest-tfidf.json"));
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let bytes = crate::files::read_model_file(path)?;
        let json = std::str::from_utf8(&bytes).map_err(|e| Error::Model {
            path: path.to_owned(),
            message: format!(
                "not a saved TfidfVectorizer: not UTF-8 at byte {}",
                e.valid_up_to()
            ),
        })?;
        Self::from_json(json, path)
    }
}

/// Term counts of the batches of a [`TfidfVectorizer::begin_batches`] fit: the
/// document frequencies of all batches so far, and each chunk's counts with the
/// id of each of its local terms in those statistics. Each batch is merged in as it
/// is pushed, so a caller that counts the next batch meanwhile (the Python binding)
/// leaves little for [`finish_batches`](TfidfVectorizer::finish_batches).
#[derive(Default)]
pub struct FitBatches {
    stats: DocumentFrequencies,
    /// Each chunk, with where its map into `stats` is.
    chunks: Vec<(Counts, IdMap<u32>)>,
    /// What [`add`](Self::add) counts with.
    counting: SharedCounting,
}

impl FitBatches {
    /// Analyzes and counts a batch of texts (in parallel) with `vectorizer`'s analyzer.
    pub fn add<S: AsRef<str> + Sync>(&mut self, vectorizer: &TfidfVectorizer, texts: &[S]) {
        self.push(self.counting.count_texts(vectorizer.analyzer(), texts));
    }

    /// Counts a batch of documents given as their terms.
    pub fn add_terms<T: AsRef<str> + Sync>(&mut self, docs: &[Vec<T>]) {
        self.push(CountedBatch::of_terms(docs));
    }

    /// Adds a batch counted apart (with the vectorizer's analyzer, for texts).
    ///
    /// ```
    /// use warraq::vectors::{CountedBatch, TfidfVectorizer};
    /// let mut v = TfidfVectorizer::default();
    /// let mut batches = v.begin_batches();
    /// batches.push(CountedBatch::of_texts(v.analyzer(), &["النفط والذهب"]));
    /// assert_eq!(batches.n_docs(), 1);
    /// assert_eq!(v.finish_batches(batches).unwrap().shape, (1, 2));
    /// ```
    pub fn push(&mut self, mut batch: CountedBatch) {
        let maps = self.stats.add_chunks(&mut batch.chunks);
        self.chunks.extend(batch.chunks.into_iter().zip(maps));
    }

    /// Documents added so far.
    pub fn n_docs(&self) -> usize {
        self.stats.n_docs() as usize
    }
}

/// A chunk of counts and the column of each of its term ids.
/// A chunk of counts and the [`TermColumn`] of each of its term ids.
type Job = (Counts, Arc<Vec<TermColumn>>);

/// Where a counted term goes in the matrix: its column (-1: not in the
/// vocabulary) and that column's idf, side by side, so that weighing an entry
/// reads one place (a term's column, then the column's idf, were two dependent
/// random reads into tables larger than a core's cache).
#[derive(Clone, Copy)]
struct TermColumn {
    column: i32,
    idf: f64,
}

impl TermColumn {
    fn new(column: Option<i32>, idf: &[f64]) -> Self {
        match column {
            Some(c) => TermColumn {
                column: c,
                idf: idf[c as usize],
            },
            None => TermColumn {
                column: -1,
                idf: 0.0,
            },
        }
    }

    fn kept(&self) -> bool {
        self.column >= 0
    }
}

fn not_fitted() -> Error {
    Error::Model {
        path: PathBuf::new(),
        message: "this TfidfVectorizer is not fitted yet; call fit first".into(),
    }
}

/// scikit-learn's vocabulary selection (`CountVectorizer._limit_features` on sorted
/// features): the terms within `[min_df, max_df]`, then at most `max_features` of
/// them by total count (ties: earlier term first), in sorted order. Returns the
/// positions of the vocabulary's terms in `stats` and their document frequencies.
fn select_indices(
    stats: &DocumentFrequencies,
    cfg: &TfidfConfig,
) -> Result<(Vec<usize>, Vec<u64>)> {
    if stats.is_empty() {
        return Err(Error::invalid_option(
            "vocabulary",
            "empty vocabulary; perhaps the documents only contain stop words",
        ));
    }
    let n = stats.n_docs();
    let (hi, lo) = (cfg.max_df.documents(n), cfg.min_df.documents(n));
    if hi < lo {
        return Err(Error::invalid_option(
            "max_df",
            "max_df corresponds to < documents than min_df",
        ));
    }
    let (terms, df, tf) = (
        stats.terms(),
        stats.document_frequencies(),
        stats.term_counts(),
    );
    // UTF-8 byte order is code-point order, which is Python's str order.
    let mut kept: Vec<usize> = (0..terms.len())
        .filter(|&i| (df[i] as f64) <= hi && (df[i] as f64) >= lo)
        .collect();
    sort_by_term(&mut kept, terms);
    if let Some(limit) = cfg.max_features {
        if kept.len() > limit {
            let weight = |i: usize| if cfg.binary { df[i] } else { tf[i] };
            let mut by_weight = kept.clone();
            by_weight.sort_by_key(|&i| std::cmp::Reverse(weight(i)));
            by_weight.truncate(limit);
            sort_by_term(&mut by_weight, terms);
            kept = by_weight;
        }
    }
    if kept.is_empty() {
        return Err(Error::invalid_option(
            "min_df",
            "After pruning, no terms remain. Try a lower min_df or a higher max_df.",
        ));
    }
    let kept_df = kept.iter().map(|&i| df[i]).collect();
    Ok((kept, kept_df))
}

/// Sorts positions of `terms` by their term (in parallel: a corpus has 10⁵ terms and
/// the fit waits for this).
fn sort_by_term(positions: &mut [usize], terms: &[String]) {
    let by_term = |&a: &usize, &b: &usize| terms[a].cmp(&terms[b]);
    if crate::parallel::parallelism() {
        use rayon::prelude::*;
        positions.par_sort_unstable_by(by_term);
    } else {
        positions.sort_unstable_by(by_term);
    }
}

/// `n` zeros, written by all threads (each its own part).
fn zeros_in_parallel<T: Default + Clone + Send>(n: usize) -> Vec<T> {
    if crate::parallel::parallelism() {
        use rayon::prelude::*;
        rayon::iter::repeat_n(T::default(), n).collect()
    } else {
        vec![T::default(); n]
    }
}

/// [`select_indices`] as a vocabulary (the terms copied out of `stats`).
fn select(stats: &DocumentFrequencies, cfg: &TfidfConfig) -> Result<(Vocabulary, Vec<u64>)> {
    let (kept, df) = select_indices(stats, cfg)?;
    let terms = stats.terms();
    let vocabulary = Vocabulary::of_distinct(kept.into_iter().map(|i| terms[i].clone()).collect());
    Ok((vocabulary, df))
}

/// scikit-learn's idf: `ln((n + s) / (df + s)) + 1` with `s = 1` when smoothing.
fn idf(cfg: &TfidfConfig, n_docs: u64, df: &[u64]) -> Vec<f64> {
    if !cfg.use_idf {
        return vec![1.0; df.len()];
    }
    let s = u64::from(cfg.smooth_idf);
    let n = (n_docs + s) as f64;
    df.iter()
        .map(|&d| (n / (d + s) as f64).ln() + 1.0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::AnalyzerKind;

    fn ws(config: TfidfConfig) -> TfidfVectorizer {
        TfidfVectorizer::new(
            config,
            AnalyzerOptions {
                kind: AnalyzerKind::Whitespace,
                ..Default::default()
            },
        )
        .unwrap()
    }

    #[test]
    fn min_max_df_and_features() {
        let texts = ["a b c", "a b", "a d d d"];
        let mut v = ws(TfidfConfig {
            max_df: DocFreq::Count(2),
            ..Default::default()
        });
        v.fit(&texts).unwrap();
        assert_eq!(v.vocabulary().unwrap().terms(), ["b", "c", "d"]);
        let mut v = ws(TfidfConfig {
            min_df: DocFreq::Fraction(0.5),
            ..Default::default()
        });
        v.fit(&texts).unwrap();
        assert_eq!(v.vocabulary().unwrap().terms(), ["a", "b"]);
        let mut v = ws(TfidfConfig {
            max_features: Some(2),
            ..Default::default()
        });
        v.fit(&texts).unwrap();
        assert_eq!(v.vocabulary().unwrap().terms(), ["a", "d"]);
        let mut v = ws(TfidfConfig {
            max_features: Some(2),
            binary: true,
            ..Default::default()
        });
        v.fit(&texts).unwrap();
        assert_eq!(v.vocabulary().unwrap().terms(), ["a", "b"]);
    }

    #[test]
    fn errors_like_sklearn() {
        let mut v = ws(TfidfConfig::default());
        assert!(v
            .fit(&["", " "])
            .unwrap_err()
            .to_string()
            .contains("empty vocabulary"));
        let mut v = ws(TfidfConfig {
            min_df: DocFreq::Count(3),
            max_df: DocFreq::Count(2),
            ..Default::default()
        });
        assert!(v.fit(&["a"]).is_err());
        let mut v = ws(TfidfConfig {
            min_df: DocFreq::Count(2),
            ..Default::default()
        });
        assert!(v
            .fit(&["a", "b"])
            .unwrap_err()
            .to_string()
            .contains("no terms remain"));
        assert!(TfidfConfig {
            max_df: DocFreq::Fraction(1.5),
            ..Default::default()
        }
        .validate()
        .is_err());
        assert!(TfidfVectorizer::default().transform(&["a"]).is_err());
    }

    #[test]
    fn weights_match_hand_computation() {
        let mut v = ws(TfidfConfig {
            norm: None,
            sublinear_tf: true,
            ..Default::default()
        });
        let x = v.fit_transform(&["a a b", "b", ""]).unwrap();
        let idf_a = (4.0f64 / 2.0).ln() + 1.0;
        let idf_b = (4.0f64 / 3.0).ln() + 1.0;
        assert_eq!(x.indptr, [0, 2, 3, 3]);
        assert!((x.data[0] - (2f64.ln() + 1.0) * idf_a).abs() < 1e-15);
        assert!((x.data[1] - idf_b).abs() < 1e-15);
        assert_eq!(x, v.transform(&["a a b", "b", ""]).unwrap());
    }

    #[test]
    fn streaming_equals_whole_fit() {
        let texts: Vec<String> = (0..500)
            .map(|i| format!("t{} t{} common", i % 7, i % 13))
            .collect();
        let mut whole = ws(TfidfConfig::default());
        whole.fit(&texts).unwrap();
        let mut parts = ws(TfidfConfig::default());
        for batch in texts.chunks(64) {
            parts.partial_fit(batch).unwrap();
        }
        assert_eq!(whole.vocabulary(), parts.vocabulary());
        assert_eq!(whole.idf(), parts.idf());
        let mut again = parts.clone();
        again.stats = None;
        assert_eq!(again, whole);
    }

    #[test]
    fn raw_counts_of_batches_are_each_documents_own() {
        // Few distinct terms, repeated within and across documents, chunks and
        // batches of one fit: a term's last count in an earlier document or chunk
        // must never be taken for the current document's.
        let docs: Vec<String> = (0..3000)
            .map(|d| {
                (0..(d % 9))
                    .map(|k| format!("w{}", (d * 7 + k * k) % 11))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let raw = TfidfConfig {
            norm: None,
            use_idf: false,
            ..Default::default()
        };
        let mut v = ws(raw);
        let mut batches = v.begin_batches();
        for batch in docs.chunks(37) {
            batches.add(&v, batch);
        }
        let x = v.finish_batches(batches).unwrap();
        let terms = v.vocabulary().unwrap().terms().to_vec();
        for (d, doc) in docs.iter().enumerate() {
            let mut expected = std::collections::BTreeMap::new();
            for w in doc.split(' ').filter(|w| !w.is_empty()) {
                *expected.entry(w.to_owned()).or_insert(0.0) += 1.0;
            }
            let row = x.indptr[d] as usize..x.indptr[d + 1] as usize;
            let got: std::collections::BTreeMap<String, f64> = x.indices[row.clone()]
                .iter()
                .zip(&x.data[row])
                .map(|(&c, &n)| (terms[c as usize].clone(), n))
                .collect();
            assert_eq!(got, expected, "document {d}: {doc}");
        }
    }

    #[test]
    fn save_load_roundtrip_and_corruption() {
        let dir = std::env::temp_dir().join(format!("warraq-tfidf-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("v.json");
        let mut v = TfidfVectorizer::default();
        v.fit(&["ارتفعت أسعار النفط", "الذهب"]).unwrap();
        v.save(&path).unwrap();
        assert_eq!(TfidfVectorizer::load(&path).unwrap(), v);
        let json = v.to_json().unwrap().replace("\"idf\":[", "\"idf\":[1.0,");
        std::fs::write(&path, json).unwrap();
        let err = TfidfVectorizer::load(&path).unwrap_err();
        assert!(matches!(err, Error::Model { .. }), "{err}");
        assert!(matches!(
            TfidfVectorizer::load(dir.join("missing.json")),
            Err(Error::Io { .. })
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
