//! The vectorizer's parameters: [`TfidfConfig`], [`DocFreq`], [`Norm`].

use crate::{Error, Result};
use serde::{Deserialize, Serialize};

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
///
/// ```
/// use warraq::vectors::Norm;
/// assert_eq!("l2".parse::<Norm>().unwrap(), Norm::L2);
/// assert!("l3".parse::<Norm>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Norm {
    /// Divide by the sum of absolute values.
    L1,
    /// Divide by the Euclidean length.
    L2,
}

impl std::str::FromStr for Norm {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "l1" => Ok(Norm::L1),
            "l2" => Ok(Norm::L2),
            _ => Err(Error::invalid_option(
                "norm",
                format!("norm must be \"l1\", \"l2\" or None, not {s:?}"),
            )),
        }
    }
}

impl Norm {
    /// The norm's name, as [`FromStr`](std::str::FromStr) reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            Norm::L1 => "l1",
            Norm::L2 => "l2",
        }
    }
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
