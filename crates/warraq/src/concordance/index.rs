//! An index of many word patterns by their first word, so that a text word is
//! looked up once instead of compared with every pattern (a dictionary has hundreds
//! of entries; a concordance a few).
//!
//! A pattern whose first word is a literal is found by the word (or one of its
//! clitic forms) in a hash map; one whose first word is a prefix glob («اقتصاد*»)
//! by the prefixes of the word and its forms, at the prefix lengths the patterns
//! have. Every other word pattern (stems, other globs) is compared at every word,
//! as [`Pattern::find`] does. The matches are those of [`Pattern::find`]: the
//! same first-word rule ([`WordPattern::matches`] with `clitics`), the same check
//! of the following words.

use super::pattern::{forms, Pattern, WordPattern, ARTICLE};
use super::Word;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// The word patterns of a list of [`Pattern`]s, by their first word.
#[derive(Debug, Clone, Default)]
pub(super) struct PatternIndex {
    /// First word literal → patterns.
    exact: FxHashMap<String, Vec<usize>>,
    /// First word `P*` (P without wildcards) → patterns, keyed by P.
    prefix: FxHashMap<String, Vec<usize>>,
    /// The byte lengths of the prefixes in `prefix`, ascending.
    prefix_lengths: Vec<usize>,
    /// Word patterns compared at every word.
    scan: Vec<usize>,
    /// Regex patterns (not indexed: they run over the whole folded text).
    pub(super) regex: Vec<usize>,
    /// The first four bytes of every key of `exact` and `prefix`, hashed into a
    /// bitset ([`lead`]): a word whose first four bytes are not in it starts no key,
    /// and is not looked up at every prefix length (most words of a text, for a
    /// dictionary; None when a key is shorter than four bytes).
    leads: Option<Vec<u64>>,
}

/// Bits in [`PatternIndex::leads`].
const LEAD_BITS: usize = 1 << 16;

/// The bit of the first four bytes of `s` in [`PatternIndex::leads`].
fn lead(s: &[u8]) -> usize {
    let v = u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
    (v.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

impl PatternIndex {
    /// Indexes `patterns` (their positions are the ids [`Self::find`] reports).
    pub(super) fn new(patterns: &[Pattern]) -> Self {
        let mut index = PatternIndex::default();
        for (id, p) in patterns.iter().enumerate() {
            match p {
                Pattern::Regex(_) => index.regex.push(id),
                Pattern::Words(words) => match &words[0] {
                    WordPattern::Literal { word, .. } => {
                        index.exact.entry(word.clone()).or_default().push(id);
                    }
                    WordPattern::Glob(_, Some(prefix)) => {
                        index.prefix.entry(prefix.clone()).or_default().push(id);
                        index.prefix_lengths.push(prefix.len());
                    }
                    _ => index.scan.push(id),
                },
            }
        }
        index.prefix_lengths.sort_unstable();
        index.prefix_lengths.dedup();
        let keys = || index.exact.keys().chain(index.prefix.keys());
        if keys().all(|k| k.len() >= 4) {
            let mut bits = vec![0u64; LEAD_BITS / 64];
            for k in keys() {
                let b = lead(k.as_bytes());
                bits[b / 64] |= 1 << (b % 64);
            }
            index.leads = Some(bits);
        }
        index
    }

    /// Calls `hit(pattern, words)` for every match of an indexed word pattern in
    /// the folded `text` (whose words are `words`), word by word.
    pub(super) fn find(
        &self,
        patterns: &[Pattern],
        text: &str,
        words: &[Word],
        clitics: bool,
        hit: &mut dyn FnMut(usize, Range<usize>),
    ) {
        let mut candidates: Vec<usize> = Vec::new();
        let mut scratch = String::new();
        for (i, word) in words.iter().enumerate() {
            let w = &text[word.folded.clone()];
            candidates.clear();
            self.look_up(w, &mut candidates);
            // Clitic forms strip و ف ب ك ل or ال: a word led by another letter has none.
            if clitics && w.starts_with(['و', 'ف', 'ب', 'ك', 'ل', 'ا']) {
                for f in forms(w) {
                    if f.article {
                        scratch.clear();
                        scratch.push_str(ARTICLE);
                        scratch.push_str(f.rest);
                        self.look_up(&scratch, &mut candidates);
                    } else {
                        self.look_up(f.rest, &mut candidates);
                    }
                }
            }
            for &id in &self.scan {
                if let Pattern::Words(p) = &patterns[id] {
                    if p[0].matches(w, clitics) {
                        candidates.push(id);
                    }
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            for &id in &candidates {
                let Pattern::Words(p) = &patterns[id] else {
                    continue;
                };
                let n = p.len();
                if i + n > words.len() {
                    continue;
                }
                let rest = (1..n).all(|k| p[k].matches(&text[words[i + k].folded.clone()], false));
                if rest {
                    hit(id, i..i + n);
                }
            }
        }
    }

    /// Pushes the patterns whose first word `s` (a text word or one of its forms)
    /// is, or starts with.
    fn look_up(&self, s: &str, out: &mut Vec<usize>) {
        if let Some(bits) = &self.leads {
            // every key is at least four bytes: a word that starts one has them
            if s.len() < 4 {
                return;
            }
            let b = lead(s.as_bytes());
            if bits[b / 64] & (1 << (b % 64)) == 0 {
                return;
            }
        }
        if let Some(ids) = self.exact.get(s) {
            out.extend_from_slice(ids);
        }
        for &n in &self.prefix_lengths {
            if n > s.len() {
                break;
            }
            if !s.is_char_boundary(n) {
                continue;
            }
            if let Some(ids) = self.prefix.get(&s[..n]) {
                out.extend_from_slice(ids);
            }
        }
    }
}
