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

/// scikit-learn's vocabulary selection (`CountVectorizer._limit_features` on sorted
/// features): the terms within `[min_df, max_df]`, then at most `max_features` of
/// them by total count (ties: earlier term first), in sorted order. Returns the
/// positions of the vocabulary's terms in `stats` and their document frequencies.
pub(super) fn select_indices(
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

/// [`select_indices`] as a vocabulary (the terms copied out of `stats`).
pub(super) fn select(
    stats: &DocumentFrequencies,
    cfg: &TfidfConfig,
) -> Result<(Vocabulary, Vec<u64>)> {
    let (kept, df) = select_indices(stats, cfg)?;
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
