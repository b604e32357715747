//! The fitted vocabulary: [`Vocabulary`], and how it is chosen from statistics
//! (scikit-learn's `min_df`, `max_df`, `max_features`) with its idf.

use super::config::TfidfConfig;
use crate::vectors::DocumentFrequencies;
use crate::{Error, Result};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

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
    pub(super) fn of_distinct(terms: Vec<String>) -> Self {
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

/// The choice `max_features` makes among the candidate features: given their
/// weights (total counts, or document frequencies when `binary`) in sorted term
/// order and the limit, the positions of the features kept, in any order.
pub type SelectFeatures = dyn Fn(&[u64], usize) -> Result<Vec<usize>> + Send + Sync;

/// How `max_features` chooses: by default the heaviest features, ties going to
/// the earlier term (a stable sort by decreasing weight); or a given function,
/// such as the Python binding's, which lets numpy make scikit-learn's own choice
/// (`(-weights).argsort()[:limit]`, whose order among ties is numpy's unstable
/// sort's).
///
/// ```
/// use std::sync::Arc;
/// use warraq::vectors::{FeatureSelector, TfidfConfig, TfidfVectorizer};
/// use warraq::analyze::{AnalyzerKind, AnalyzerOptions};
/// let ws = AnalyzerOptions { kind: AnalyzerKind::Whitespace, ..Default::default() };
/// let config = TfidfConfig { max_features: Some(1), ..Default::default() };
/// let mut v = TfidfVectorizer::new(config.clone(), ws.clone()).unwrap();
/// v.fit(&["a b"]).unwrap();
/// assert_eq!(v.vocabulary().unwrap().terms(), ["a"]);
/// let last = FeatureSelector::new(Arc::new(|w: &[u64], limit| Ok((w.len() - limit..w.len()).collect())));
/// let mut v = TfidfVectorizer::new(config, ws).unwrap().with_feature_selector(last);
/// v.fit(&["a b"]).unwrap();
/// assert_eq!(v.vocabulary().unwrap().terms(), ["b"]);
/// ```
#[derive(Clone, Default)]
pub struct FeatureSelector(Option<std::sync::Arc<SelectFeatures>>);

impl FeatureSelector {
    /// A selector that calls `f`.
    pub fn new(f: std::sync::Arc<SelectFeatures>) -> Self {
        FeatureSelector(Some(f))
    }

    /// The positions of the `limit` features kept among those weighing `weights`.
    /// A function that returns a position out of range, a repeated one or more
    /// than `limit` is an `InvalidOption` error.
    pub fn select(&self, weights: &[u64], limit: usize) -> Result<Vec<usize>> {
        let Some(f) = &self.0 else {
            let mut order: Vec<usize> = (0..weights.len()).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(weights[i]));
            order.truncate(limit);
            return Ok(order);
        };
        let chosen = f(weights, limit)?;
        let mut seen = vec![false; weights.len()];
        for &i in &chosen {
            if i >= weights.len() || std::mem::replace(&mut seen[i], true) {
                return Err(Error::invalid_option(
                    "max_features",
                    format!("the feature selector chose position {i} twice or out of range ({} features)", weights.len()),
                ));
            }
        }
        if chosen.len() > limit {
            return Err(Error::invalid_option(
                "max_features",
                format!(
                    "the feature selector kept {} features, more than {limit}",
                    chosen.len()
                ),
            ));
        }
        Ok(chosen)
    }
}

impl std::fmt::Debug for FeatureSelector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "FeatureSelector(custom)"
        } else {
            "FeatureSelector(default)"
        })
    }
}

/// Selectors do not make vectorizers differ: what they choose is in the vocabulary.
impl PartialEq for FeatureSelector {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// scikit-learn's vocabulary selection (`CountVectorizer._limit_features` on sorted
/// features): the terms within `[min_df, max_df]`, then at most `max_features` of
/// them by total count as `selector` chooses, in sorted order. Returns the
/// positions of the vocabulary's terms in `stats` and their document frequencies.
pub(super) fn select_indices(
    stats: &DocumentFrequencies,
    cfg: &TfidfConfig,
    selector: &FeatureSelector,
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
            let weights: Vec<u64> = kept
                .iter()
                .map(|&i| if cfg.binary { df[i] } else { tf[i] })
                .collect();
            let mut by_weight: Vec<usize> = selector
                .select(&weights, limit)?
                .into_iter()
                .map(|p| kept[p])
                .collect();
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

/// [`select_indices`] as a vocabulary (the terms copied out of `stats`).
pub(super) fn select(
    stats: &DocumentFrequencies,
    cfg: &TfidfConfig,
    selector: &FeatureSelector,
) -> Result<(Vocabulary, Vec<u64>)> {
    let (kept, df) = select_indices(stats, cfg, selector)?;
    let terms = stats.terms();
    let vocabulary = Vocabulary::of_distinct(kept.into_iter().map(|i| terms[i].clone()).collect());
    Ok((vocabulary, df))
}

/// scikit-learn's idf: `ln((n + s) / (df + s)) + 1` with `s = 1` when smoothing.
pub(super) fn idf(cfg: &TfidfConfig, n_docs: u64, df: &[u64]) -> Vec<f64> {
    if !cfg.use_idf {
        return vec![1.0; df.len()];
    }
    let s = u64::from(cfg.smooth_idf);
    let n = (n_docs + s) as f64;
    df.iter()
        .map(|&d| (n / (d + s) as f64).ln() + 1.0)
        .collect()
}
