//! Terms packed into a few machine words, the keys of the counting's tables:
//! [`CompactTerm`] (Arabic and ASCII terms, 12 bytes) and [`InlineTerm`] (any
//! short term, 32 bytes). A term's bytes alone decide which key it has.

use super::table::InlineKey;
use crate::vectors::mix::{mix64_step, GOLDEN_GAMMA, XXH_PRIME_2, XXH_PRIME_5};

/// Terms up to this many bytes are kept inside the hash table's buckets.
const INLINE: usize = 31;

/// A short term stored inline: its bytes zero-padded, then its length (byte 31),
/// as four little-endian words, hashed and compared word by word.
///
/// Looking a term up in a table of `String`s reads each candidate's heap buffer (a
/// cache miss per term on a vocabulary of 10⁵ terms); inline keys are compared
/// where the probe already is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct InlineTerm([u64; 4]);

impl InlineTerm {
    #[inline]
    pub(super) fn new(term: &str) -> Option<Self> {
        let b = term.as_bytes();
        let n = b.len();
        if n > INLINE {
            return None;
        }
        let mut words = [0u64; 4];
        let full = n / 8;
        for (w, chunk) in words.iter_mut().zip(b.chunks_exact(8)) {
            *w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        }
        // The last `n % 8` bytes, read with as few loads as possible: a load may
        // overlap bytes already read (they land in the same place, or are shifted
        // out).
        let r = n % 8;
        if r > 0 {
            words[full] = if n >= 8 {
                u64::from_le_bytes(b[n - 8..].try_into().expect("8 bytes")) >> (8 * (8 - r))
            } else if r >= 4 {
                let lo = u32::from_le_bytes(b[..4].try_into().expect("4 bytes"));
                let hi = u32::from_le_bytes(b[r - 4..r].try_into().expect("4 bytes"));
                u64::from(lo) | u64::from(hi) << (8 * (r - 4))
            } else {
                u64::from(b[0])
                    | u64::from(b[r / 2]) << (8 * (r / 2))
                    | u64::from(b[r - 1]) << (8 * (r - 1))
            };
        }
        words[3] |= (n as u64) << 56;
        Some(InlineTerm(words))
    }
}

impl InlineKey for InlineTerm {
    const EMPTY: Self = InlineTerm([0; 4]);

    #[inline]
    fn hash(&self) -> u64 {
        let [a, b, c, d] = self.0;
        mix64_step(
            a.wrapping_mul(GOLDEN_GAMMA)
                ^ b.wrapping_mul(XXH_PRIME_2).rotate_left(23)
                ^ c.wrapping_mul(XXH_PRIME_5).rotate_left(41)
                ^ d,
        )
    }
}

/// Characters of a term kept in a [`CompactTerm`].
pub(super) const COMPACT: usize = 11;

/// A term of at most 11 characters, each ASCII or in U+0600..U+067F (the Arabic
/// letters, marks, digits and punctuation: 99.9% of the terms counted in a news
/// corpus), one byte per character, then its length (byte 11): 12 bytes, so that
/// a table entry with its id is 16 and four share a cache line.
///
/// A lexicon of 10⁵ terms in 40-byte entries, half full, is 10 MB: far beyond a
/// core's own cache, each lookup a trip to memory. In 16-byte entries it is a
/// fifth of that.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct CompactTerm(pub(super) [u32; 3]);

impl CompactTerm {
    #[inline]
    pub(super) fn new(term: &str) -> Option<Self> {
        let b = term.as_bytes();
        if b.len() > 2 * COMPACT {
            return None;
        }
        // Gathered in a register: bytes stored one by one and read back as words
        // would stall the load on each of its stores.
        let mut packed = 0u128;
        let (mut i, mut n) = (0, 0);
        while i < b.len() {
            if n == COMPACT {
                return None;
            }
            let lead = b[i];
            let code = if lead < 0x80 {
                i += 1;
                lead
            } else if matches!(lead, 0xD8 | 0xD9) {
                // U+0600..U+067F: D8 80..BF, D9 80..BF. `term` is UTF-8, so the
                // continuation byte is there and in 80..BF.
                let code = 0x80 + ((lead - 0xD8) << 6) + (b[i + 1] & 0x3F);
                i += 2;
                code
            } else {
                return None;
            };
            packed |= u128::from(code) << (8 * n);
            n += 1;
        }
        Some(CompactTerm::from_packed(packed, n))
    }

    /// The key of `n` character codes packed from the lowest byte up.
    #[inline]
    pub(super) fn from_packed(packed: u128, n: usize) -> Self {
        let packed = packed | (n as u128) << (8 * COMPACT);
        CompactTerm([packed as u32, (packed >> 32) as u32, (packed >> 64) as u32])
    }
}

impl InlineKey for CompactTerm {
    const EMPTY: Self = CompactTerm([0; 3]);

    #[inline]
    fn hash(&self) -> u64 {
        let [a, b, c] = self.0;
        mix64_step(
            (u64::from(a) | u64::from(b) << 32).wrapping_mul(GOLDEN_GAMMA)
                ^ u64::from(c).wrapping_mul(XXH_PRIME_2).rotate_left(29),
        )
    }
}
