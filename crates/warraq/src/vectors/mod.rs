//! TF-IDF vectors with scikit-learn's semantics, cosine neighbours and near-duplicates.
//!
//! - [`TfidfVectorizer`]: fit / transform over warraq's Arabic [`crate::analyze`]
//!   analyzer (or pre-tokenised documents), output a [`CsrMatrix`] laid out like scipy's.
//! - [`DocumentFrequencies`]: statistics accumulated over batches and merged from parts.
//!
//! ```
//! use warraq::vectors::TfidfVectorizer;
//! let mut v = TfidfVectorizer::default();
//! let x = v.fit_transform(&["النفط والذهب", "الذهب"]).unwrap();
//! assert_eq!(x.shape, (2, 2));
//! ```

mod csr;
mod stats;
mod tfidf;

pub use csr::CsrMatrix;
pub use stats::{all_scalar_values, CountedBatch, DocumentFrequencies, SharedCounting};
pub use tfidf::{DocFreq, FitBatches, Norm, TfidfConfig, TfidfVectorizer, Vocabulary};

mod minhash;
mod similar;

pub use minhash::{
    jaccard, near_duplicates, shingle_overlap, MinHashIndex, MinHashOptions, MinHasher,
    NearDuplicate, ShingleOverlap,
};
pub use similar::{similar, Neighbours};
