//! [`TfidfVectorizer`] with scikit-learn's semantics: fitting and transforming
//! over the [counting engine](super::count).
//!
//! - `config.rs`: the parameters ([`TfidfConfig`], [`DocFreq`], [`Norm`]);
//! - `vocabulary.rs`: [`Vocabulary`], its selection from statistics, the idf;
//! - `weigh.rs`: counted chunks → rows of the matrix;
//! - `persist.rs`: versioned JSON ([`TfidfVectorizer::save`], [`TfidfVectorizer::load`]).

mod config;
mod persist;
mod vocabulary;
mod weigh;

pub use config::{DocFreq, Norm, TfidfConfig};
pub use vocabulary::Vocabulary;

use super::count::{
    count_docs, resolve_ids, terms_given, CountedBatch, Counts, IdMap, SharedCounting,
};
use super::{CsrMatrix, DocumentFrequencies};
use crate::analyze::{Analyzer, AnalyzerOptions};
use crate::{Error, Result};
use rustc_hash::FxHashMap;
use vocabulary::{idf, select, select_indices};
pub use vocabulary::{FeatureSelector, SelectFeatures};
use weigh::jobs_for;

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
    selector: FeatureSelector,
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
            selector: FeatureSelector::default(),
        })
    }

    /// Lets `selector` make `max_features`' choice among the candidate features
    /// (see [`FeatureSelector`]; by default, ties go to the earlier term).
    pub fn with_feature_selector(mut self, selector: FeatureSelector) -> Self {
        self.selector = selector;
        self
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

    /// The vocabulary given by [`with_vocabulary`](Self::with_vocabulary), if any.
    pub fn fixed_vocabulary(&self) -> Option<&Vocabulary> {
        self.fixed_vocabulary.as_ref()
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
            None => select(stats, &self.config, &self.selector)?,
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
        // The chunks' maps into the statistics, as maps into the vocabulary.
        let jobs = jobs_for(chunks, &lexicons, |&g| column_of[g as usize], idf);
        drop((column_of, lexicons));
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
        let (kept, df) = select_indices(&stats, &self.config, &self.selector)?;
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
    /// ignored). Not fitted yet: an [`Error::NotFitted`].
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
        let jobs = jobs_for(counts.into_iter().zip(maps), &lexicons, |&c| c, idf);
        drop(lexicons);
        Ok(self.weigh(jobs))
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
        self.keywords_filtered(x, k, false)
    }

    /// [`keywords`](Self::keywords), with number terms («32,5», «2016»;
    /// [`crate::analyze::is_number`]) among them only if `numbers` (they are left
    /// out by default: a number is seldom what a keyword list is read for).
    ///
    /// ```
    /// let mut v = warraq::vectors::TfidfVectorizer::default();
    /// let x = v.fit_transform(&["ارتفع 32,5 و 32,5", "النفط"]).unwrap();
    /// assert_eq!(v.keywords_filtered(&x, 1, true).unwrap()[0][0].0, "32,5");
    /// assert_eq!(v.keywords(&x, 1).unwrap()[0][0].0, "ارتفع");
    /// ```
    pub fn keywords_filtered(
        &self,
        x: &CsrMatrix,
        k: usize,
        numbers: bool,
    ) -> Result<Vec<Vec<(String, f64)>>> {
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
                .filter(|&p| {
                    numbers || !crate::analyze::is_number(&vocabulary.terms()[cols[p] as usize])
                })
                .take(k)
                .map(|p| (vocabulary.terms()[cols[p] as usize].clone(), vals[p]))
                .collect()
        }))
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

fn not_fitted() -> Error {
    Error::NotFitted {
        what: "TfidfVectorizer",
    }
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
