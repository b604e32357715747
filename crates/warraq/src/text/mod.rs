//! The shared text layer, below every stage: what the characters of Arabic text
//! are, how to fold a text for matching while keeping its offsets, and how to
//! count its words. It imports nothing from the stages above it.
//!
//! - [`chars`]: the one table of Arabic character knowledge (harakat and Quranic
//!   marks, alef variants, ة and ى, Persian letters, digit values, invisible and
//!   bidi marks, tatweel), read by [`crate::normalize`], [`crate::tokenize`], the
//!   folds and the entity tagger.
//! - [`fold()`], [`fold_aligned`], [`FoldOptions`], [`Folded`]: folding presets as
//!   explicit options, and a folded text that maps every folded byte back to the
//!   raw bytes it came from (for matching on folded text and reporting spans of
//!   the raw one).
//! - [`word_count`], [`at_most_words`], [`count_whitespace_separated`]: word
//!   counts on bytes.
//! - [`ScalarBuf`]: texts as checked Unicode scalar values in one buffer (what a
//!   caller copying code points out of another runtime's strings fills).
//!
//! ```
//! use warraq::text::{fold_aligned, FoldOptions};
//! let raw = "أعلنت الوزارةُ عن «المشروع»";
//! let f = fold_aligned(raw, &FoldOptions::LINE);
//! let at = f.text().find("الوزاره").unwrap();
//! let span = f.raw_span(at..at + "الوزاره".len()).unwrap();
//! assert_eq!(&raw[span], "الوزارةُ");
//! ```

pub mod chars;
mod fold;
mod scalars;
mod words;

pub use fold::{fold, fold_aligned, fold_text, FoldOptions, Folded, Whitespace};
pub use scalars::{all_scalar_values, ScalarBuf};
pub use words::{at_most_words, count_whitespace_separated, word_count};
pub(crate) use words::{has_multibyte_space, multibyte_space, next_possible_space};
