//! TF-IDF vectors with scikit-learn's semantics, cosine neighbours and near-duplicates.
//!
//! - [`TfidfVectorizer`]: fit / transform over warraq's Arabic [`crate::analyze`]
//!   analyzer (or pre-tokenised documents), output a [`CsrMatrix`] laid out like scipy's.
//! - [`DocumentFrequencies`]: statistics accumulated over batches and merged from parts.
//! - The counting engine both rest on, which turns documents into term counts in
//!   parallel: [`SharedCounting`], [`CountedBatch`] and the [`BatchPlan`] of a stream
//!   (its data flow is drawn in `count/mod.rs`).
//! - [`similar`] (cosine neighbours) and [`near_duplicates`] (MinHash with LSH).
//!
//! ```
//! use warraq::vectors::TfidfVectorizer;
//! let mut v = TfidfVectorizer::default();
//! let x = v.fit_transform(&["النفط والذهب", "الذهب"]).unwrap();
//! assert_eq!(x.shape, (2, 2));
//! ```

mod count;
mod csr;
mod minhash;
mod minhash_signature;
mod mix;
mod similar;
mod similar_self;
mod stats;
mod tfidf;

pub use count::{BatchInput, BatchPlan, BatchSize, CountedBatch, Documents, SharedCounting};
pub use csr::CsrMatrix;
pub use stats::DocumentFrequencies;
pub use tfidf::{
    DocFreq, FeatureSelector, FitBatches, Norm, SelectFeatures, TfidfConfig, TfidfVectorizer,
    Vocabulary,
};

pub use minhash::{
    jaccard, near_duplicates, shingle_overlap, MinHashIndex, MinHashOptions, MinHasher,
    NearDuplicate, ShingleOverlap,
};
pub use similar::{similar, Neighbours};
