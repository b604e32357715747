//! Corpus statistics for comparative questions: frequency lists with dispersion,
//! keyness between two parts of a corpus, collocations, and the readable word each
//! analyzer term stands for.
//!
//! Every statistic starts from one counting pass ([`TermCounts::count`]): each
//! document's words are analyzed ([`crate::analyze`]: normalised, stopwords and,
//! unless asked, numbers dropped, light-stemmed), counted per document, and each
//! occurrence's surface form is remembered, so that a stem such as «مهرج» is shown
//! as the word the corpus writes most often for it, «مهرجان» ([`DisplayForms`]).
//! Terms that differ only by a preposition the stemmer leaves on («لمهرج» beside
//! «مهرج») are merged into one. The counts are reusable: anything that needs a
//! per-document term count (dictionaries, trends) can start from them
//! ([`TermCounts::from_terms`] counts terms found elsewhere, such as entities).
//!
//! - `counts.rs`: the counting pass and [`TermCounts`];
//! - `forms.rs`: [`DisplayForms`] and the clitic merge;
//! - `frequencies.rs`: [`frequencies`] (counts, document frequency, per 10k words,
//!   Gries' DP);
//! - `keyness.rs`: [`keyness`] (quanteda's `textstat_keyness` measures);
//! - `collocations.rs`: [`collocations`] (contiguous n-grams or a window around a
//!   node word or phrase: PMI, log-likelihood, t-score);
//! - `dictionary.rs`: [`dictionary`] (categories of words and phrases, from YAML or
//!   LIWC `.dic` files, counted per document as quanteda's `dfm_lookup` and LIWC do).
//!
//! ```
//! use warraq::stats::{keyness, CountOptions, KeynessOptions, TermCounts};
//!
//! let texts = ["ارتفعت أسعار النفط", "أسعار النفط والنفط", "فاز الفريق بالمهرجان"];
//! let counts = TermCounts::count(&texts, &CountOptions::default()).unwrap();
//! assert_eq!(counts.form(counts.id("نفط").unwrap()), "النفط");
//! let rows = keyness(&counts, &[true, true, false], None, &KeynessOptions::default()).unwrap();
//! assert_eq!(counts.term(rows[0].term), "نفط");
//! ```

mod collocations;
mod counts;
pub mod dictionary;
mod forms;
mod frequencies;
mod keyness;

pub use collocations::{collocations, Collocation, CollocationOptions};
pub use counts::{CountOptions, TermCounts, NONE};
pub use forms::DisplayForms;
pub use frequencies::{frequencies, Frequency};
pub use keyness::{chi2_sf1, keyness, Correction, KeynessOptions, KeynessRow, Measure};
