//! # warraq
//!
//! A toolkit for corpora of Arabic news text, organised by pipeline stage over a
//! shared text layer:
//!
//! 0. [`text`]: what every stage shares: the one table of Arabic character
//!    knowledge ([`text::chars`]), folding presets and a folded text that maps
//!    back to the raw one ([`text::fold_aligned`], [`text::Folded`]), word counts.
//! 1. [`normalize`]: Unicode, diacritics, alef/yeh/teh-marbuta folding, digits,
//!    punctuation, invisible controls, whitespace.
//! 2. [`tokenize`]: words, numbers, URLs, hashtags… with byte spans, and sentences.
//! 3. [`dates`]: dates in running text (numeric, every regional month-name system,
//!    Hijri, relative expressions, times) with byte spans.
//! 4. [`document`]: one scraped article → title, date, byline, tags, clean body,
//!    and every removed line with its reason.
//! 5. [`corpus`]: folders/globs of `.txt`, JSON, JSONL, CSV and SGML files in any of
//!    UTF-8, UTF-16 and Windows-1256 → documents, in parallel, with corpus-level
//!    boilerplate removal.
//! 6. [`entities`]: people, places, organisations, dates, times, numbers and money,
//!    with canonical forms and values.
//! 7. [`analyze`] and [`vectors`]: stopwords, stemming, n-grams; TF-IDF with
//!    scikit-learn's semantics, cosine neighbours and near-duplicates.
//! 8. [`render`]: escaped, right-to-left HTML of a document or text with its
//!    entities highlighted (what notebooks and the corpus report show).
//!
//! Spans are byte offsets inside the core; [`offsets`] converts them to code-point
//! offsets (what Python's `str` indexes by). Every fallible function returns
//! [`Result`] with the [`enum@Error`] enum, whose variants say where the problem is.
//!
//! Batch functions run in parallel on rayon's global pool: set `RAYON_NUM_THREADS` to
//! bound it, or `WARRAQ_PARALLELISM=false` to stay on the calling thread (see
//! [`parallel`]).
//!
//! ```
//! use warraq::normalize::Normalizer;
//! use warraq::tokenize::{tokens, TokenKind};
//!
//! let raw = "أعلنت الوزارةُ ارتفاع الصادرات بنسبة ٣٫٥٪ خلال عام ٢٠١٦.";
//! let text = Normalizer::default().normalize(raw);
//! assert_eq!(text, "اعلنت الوزاره ارتفاع الصادرات بنسبه 3.5% خلال عام 2016.");
//! let words: Vec<&str> = tokens(&text)
//!     .iter()
//!     .filter(|t| t.kind != TokenKind::Punct)
//!     .map(|t| t.as_str(&text))
//!     .collect();
//! assert_eq!(words.len(), 9);
//! assert!(words.contains(&"3.5%"));
//! ```
#![warn(missing_docs)]
#![doc(test(attr(deny(warnings))))]

pub mod analyze;
mod codec;
pub mod concordance;
pub mod corpus;
pub mod dates;
pub mod document;
pub mod entities;
pub mod error;
pub mod normalize;
pub mod offsets;
pub mod parallel;
pub mod persist;
pub mod render;
pub mod stats;
pub mod text;
pub mod tokenize;
pub mod vectors;

pub use error::{Error, Result};
