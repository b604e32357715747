//! The form the entity model sees a word in: a full normalisation (NFKC included),
//! not one of the light [`crate::text::fold`]s.

use crate::normalize::Normalizer;
use std::sync::OnceLock;

/// Folds a word the way the model sees it: diacritics, tatweel, alef variants,
/// alef maqsura and teh marbuta folded (the default [`Normalizer`]).
pub(crate) fn fold(word: &str) -> String {
    static N: OnceLock<Normalizer> = OnceLock::new();
    N.get_or_init(Normalizer::default).normalize(word)
}

/// `s` has at least `n` characters (`n > 0`).
pub(super) fn chars_at_least(s: &str, n: usize) -> bool {
    s.chars().nth(n - 1).is_some()
}
