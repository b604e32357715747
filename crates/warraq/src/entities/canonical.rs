//! Canonical forms of mentions (`Entity::normalized`): proclitics removed, the
//! article kept, light normalisation.

use super::fold::{chars_at_least, fold};
use super::gazetteer::Gazetteer;
use crate::normalize::{NormalizeOptions, Normalizer};
use std::sync::OnceLock;

/// Light normaliser for canonical forms: folds alef variants and removes
/// diacritics and tatweel, but keeps teh marbuta and alef maqsura as written.
pub(super) fn canonical_normalizer() -> &'static Normalizer {
    static N: OnceLock<Normalizer> = OnceLock::new();
    N.get_or_init(|| {
        Normalizer::new(NormalizeOptions {
            teh_marbuta: false,
            alef_maqsura: false,
            ..NormalizeOptions::default()
        })
    })
}

/// How to canonicalise the first word of a mention, given its folded form:
/// `(characters to drop, whether to prepend the article)`. Conjunction and
/// preposition go, the article stays («وحلب» → «حلب», «بالحسكه» → «الحسكه»,
/// «للحسكه» → «الحسكه»); a word the gazetteers know is kept whole («بغداد», «وليد»).
pub(super) fn canonical_split(folded: &str) -> (usize, bool) {
    let gaz = Gazetteer::get();
    let known = |w: &str| gaz.words.contains(w);
    if known(folded) {
        return (0, false);
    }
    let mut skip = 0;
    let mut w = folded;
    // Conjunction, then preposition; each only when what remains is a known word,
    // starts with the article, or is long enough to be a name on its own.
    if let Some(rest) = w.strip_prefix(['و', 'ف']) {
        if known(rest) || rest.starts_with("ال") || chars_at_least(rest, 4) {
            w = rest;
            skip += 1;
        }
    }
    if known(w) {
        return (skip, false);
    }
    if let Some(rest) = w.strip_prefix("لل") {
        if chars_at_least(rest, 2) {
            return (skip + 2, true);
        }
    }
    if let Some(rest) = w.strip_prefix(['ب', 'ك', 'ل']) {
        if known(rest) || (rest.starts_with("ال") && chars_at_least(rest, 4)) {
            skip += 1;
        }
    }
    (skip, false)
}

/// The canonical form of a mention's words (see [`super::Entity::normalized`]).
pub(crate) fn canonical(words: &[&str]) -> String {
    let light: Vec<String> = words
        .iter()
        .map(|w| canonical_normalizer().normalize(w))
        .collect();
    let mut out = String::new();
    for (i, w) in light.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i == 0 {
            // Folding teh marbuta and alef maqsura maps one character to one, so the
            // clitic decision taken on the folded form applies to the light form.
            let (skip, article) = canonical_split(&fold(w));
            if article {
                out.push_str("ال");
            }
            out.extend(w.chars().skip(skip));
        } else {
            out.push_str(w);
        }
    }
    out
}
