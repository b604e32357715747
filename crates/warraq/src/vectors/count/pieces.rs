//! Counting piece by piece: the [`PieceCache`] of recent pieces of text and their
//! term, and [`count_by_piece`], the loop that asks it before analysing a piece.
//!
//! The word analyzer never looks across ASCII spaces and line breaks, so the terms
//! of a piece of text between two of them depend on the piece alone: a piece seen
//! recently need not be normalised, tokenised, checked against the stopwords and
//! stemmed again.

use super::keys::CompactTerm;
use super::lexicon::{ChunkCounter, Lexicon, Numbering};
use super::table::InlineKey;
use super::Counts;
use crate::analyze::{Analyzer, Pieces, Scratch};

/// A piece's term as [`PieceCache`] keeps it: `NO_TERM`, or a term id.
const NO_TERM: u32 = u32::MAX - 1;

/// log2 of the sets of a [`PieceCache`]: 16,384 sets of 64 bytes (1 MB, about
/// half a core's own cache) hold 65,536 pieces, which make about five sixths of
/// a news text (other sizes: `PERFORMANCE.md`).
const PIECE_CACHE_SET_BITS: u32 = 14;

/// Four pieces whose hashes pick the same set, and their terms, most recently
/// used first, in one cache line. A vacant way holds the empty key (no piece is
/// empty) and `u32::MAX`.
#[repr(C, align(64))]
#[derive(Clone, Copy)]
struct PieceSet {
    keys: [CompactTerm; 4],
    terms: [u32; 4],
}

impl PieceSet {
    /// Puts `key` and `term` in way 0, the ways before `way` one further down
    /// (the piece in `way` is dropped: `key`'s own old place, or the least
    /// recently used).
    #[inline]
    fn put_first(&mut self, way: usize, key: CompactTerm, term: u32) {
        for w in (1..=way).rev() {
            self.keys[w] = self.keys[w - 1];
            self.terms[w] = self.terms[w - 1];
        }
        self.keys[0] = key;
        self.terms[0] = term;
    }
}

/// Recently seen pieces of text and their term (see [`count_by_piece`]): a
/// four-way set-associative cache small enough to stay in the core's own cache,
/// so that the frequent pieces (a few thousand words, with their attached
/// punctuation, make most of any news text) are found at once, and a rare one
/// costs a probe that misses and nothing more. A table of every piece would be
/// several times larger than the vocabulary, and each lookup in it a trip to
/// memory.
///
/// A piece is cached by its [`CompactTerm`], the same for its UTF-8 and its code
/// points; the 1–2% of pieces that have none (too long, or with characters
/// outside ASCII and U+0600..U+067F) are analysed each time.
pub(super) struct PieceCache {
    sets: Vec<PieceSet>,
    shift: u32,
}

impl PieceCache {
    fn new() -> Self {
        let vacant = PieceSet {
            keys: [CompactTerm::EMPTY; 4],
            terms: [u32::MAX; 4],
        };
        PieceCache {
            sets: vec![vacant; 1 << PIECE_CACHE_SET_BITS],
            shift: 64 - PIECE_CACHE_SET_BITS,
        }
    }

    /// The set `key` belongs to.
    #[inline]
    fn set_of(&self, key: &CompactTerm) -> usize {
        (key.hash() >> self.shift) as usize
    }

    /// The term cached for `key`, which becomes the most recently used of its set.
    #[inline]
    fn get(&mut self, key: &CompactTerm) -> Option<u32> {
        let at = self.set_of(key);
        let set = &mut self.sets[at];
        let way = (0..4).find(|&w| set.keys[w] == *key && set.terms[w] != u32::MAX)?;
        let term = set.terms[way];
        set.put_first(way, *key, term);
        Some(term)
    }

    /// Starts fetching the set of `key` into the core's cache.
    #[inline]
    fn prefetch(&self, key: &CompactTerm) {
        let set: *const PieceSet = &self.sets[self.set_of(key)];
        #[cfg(target_arch = "x86_64")]
        #[expect(unsafe_code, reason = "a prefetch hint, which has no safe form")]
        // SAFETY: a prefetch is a hint: it reads nothing the program sees, and
        // `set` points into `self.sets` anyway.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(set.cast());
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = set;
    }

    /// Caches `term` for `key` (not cached), evicting the least recently used
    /// piece of its set.
    #[inline]
    fn insert(&mut self, key: CompactTerm, term: u32) {
        let at = self.set_of(&key);
        self.sets[at].put_first(3, key, term);
    }
}

/// Counts the terms of `texts` (one chunk, on the calling thread) piece by piece
/// (`pieces_of` a text) in `lexicon`: for each piece, the cached term when the
/// lexicon's [`PieceCache`] holds it (by its key, `key_of`), else those `analyze`
/// hands to its argument, remembered when there is at most one (pieces of several
/// terms, words glued by punctuation, are rare and analysed each time). The set of
/// the next piece is fetched while one is counted: a cache that misses the core's
/// own cache half the time would otherwise stall on every piece.
#[inline(always)]
pub(super) fn count_by_piece<T, P: Copy, I: Iterator<Item = P>>(
    texts: impl Iterator<Item = T>,
    pieces_of: impl Fn(T) -> I,
    key_of: impl Fn(P) -> Option<CompactTerm>,
    mut analyze: impl FnMut(P, &mut dyn FnMut(&str)),
    lexicon: &mut Lexicon,
    numbering: Numbering,
    expected_entries: usize,
) -> Counts {
    let mut cache = lexicon.pieces.take().unwrap_or_else(PieceCache::new);
    let mut counter = ChunkCounter::new(lexicon, numbering);
    // Room for the chunk's counts at once: growing by doubling copies them into
    // fresh memory (page faults) at each step. Room never written costs nothing.
    counter.c.ids.reserve(expected_entries);
    counter.c.counts.reserve(expected_entries);
    for text in texts {
        let mut pieces = pieces_of(text);
        let mut next = pieces.next().map(|p| (p, key_of(p)));
        while let Some((piece, key)) = next {
            next = pieces.next().map(|p| (p, key_of(p)));
            if let Some((_, Some(key))) = &next {
                cache.prefetch(key);
            }
            if let Some(term) = key.as_ref().and_then(|key| cache.get(key)) {
                if term != NO_TERM {
                    counter.count(term);
                }
                continue;
            }
            let mut n = 0;
            let mut only = NO_TERM;
            analyze(piece, &mut |term| {
                let id = counter.id(term);
                counter.count(id);
                n += 1;
                only = id;
            });
            if let (Some(key), 0 | 1) = (key, n) {
                cache.insert(key, only);
            }
        }
        counter.end_doc();
    }
    let c = counter.c;
    lexicon.pieces = Some(cache);
    c
}

/// Counts the terms of texts (one chunk, on the calling thread) with an analyzer
/// that [analyzes them piece by piece](Analyzer::analyzes_pieces), taking the
/// term of a frequent piece from a [`PieceCache`] instead of normalising,
/// tokenising, checking and stemming it again. Gives exactly what
/// [`count_chunk`](super::count_chunk) gives with [`Analyzer::for_each_term`].
#[inline]
pub(super) fn count_chunk_by_piece<S: AsRef<str>>(
    analyzer: &Analyzer,
    texts: &[S],
    lexicon: &mut Lexicon,
    numbering: Numbering,
) -> Counts {
    let mut scratch = Scratch::default();
    count_by_piece(
        texts.iter(),
        |text| Pieces::new(text.as_ref()),
        CompactTerm::new,
        |piece, f| analyzer.piece_terms(piece, &mut scratch, f),
        lexicon,
        numbering,
        // News text has a distinct term per 21 bytes in a document; a little more.
        texts.iter().map(|t| t.as_ref().len()).sum::<usize>() / 16,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_piece_cache_keeps_the_four_most_recent_pieces_of_each_set() {
        // Far more keys than the cache holds, drawn with repeats, against a
        // model: per set, the keys most recently used first.
        let mut cache = PieceCache::new();
        let mut model: std::collections::HashMap<usize, Vec<CompactTerm>> = Default::default();
        let keys: Vec<CompactTerm> = (0..60_000)
            .map(|i| CompactTerm::new(&format!("ك{i}")).expect("compact"))
            .collect();
        let mut x = 12345u64;
        for step in 0..400_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // A few hot keys and a long tail, as in text.
            let i = if x.is_multiple_of(3) {
                x % 50
            } else {
                (x >> 8) % 60_000
            } as usize;
            let key = keys[i];
            let ways = model
                .entry((key.hash() >> cache.shift) as usize)
                .or_default();
            let held = ways.iter().position(|k| *k == key);
            let expected = held.map(|_| i as u32);
            assert_eq!(cache.get(&key), expected, "step {step}, key {i}");
            match held {
                Some(w) => {
                    ways.remove(w);
                }
                None => {
                    cache.insert(key, i as u32);
                    ways.truncate(3);
                }
            }
            ways.insert(0, key);
        }
    }
}
