//! The term → id tables of a lexicon: an open-addressing [`InlineTable`] for
//! packed keys, and [`TermIndex`], which keeps each term in the smallest table
//! that can hold it.

use super::keys::{CompactTerm, InlineTerm};
use rustc_hash::FxHashMap;

/// A key of an [`InlineTable`]: a term's bytes packed into a few words.
pub(super) trait InlineKey: Copy + Eq {
    /// The key vacant buckets hold (all words zero, which is also the empty
    /// term's key: a bucket's value, not its key, tells whether it is vacant).
    const EMPTY: Self;
    /// The key's hash, whose top bits pick its bucket.
    fn hash(&self) -> u64;
}

/// A value of an [`InlineTable`], with one value marking a vacant bucket.
pub(super) trait Vacant: Copy {
    const VACANT: Self;
    fn is_vacant(&self) -> bool;
}

impl Vacant for u32 {
    const VACANT: Self = u32::MAX;
    #[inline]
    fn is_vacant(&self) -> bool {
        *self == u32::MAX
    }
}

/// An open-addressing table (linear probing) from short strings, packed into
/// their keys, to values: one probe usually finds the key in the cache line the
/// hash points to.
pub(super) struct InlineTable<K: InlineKey, V: Vacant> {
    entries: Vec<(K, V)>,
    /// `64 - log2(entries.len())`: the hash's top bits pick the bucket.
    shift: u32,
    len: usize,
}

impl<K: InlineKey, V: Vacant> Default for InlineTable<K, V> {
    fn default() -> Self {
        InlineTable::with_bits(10)
    }
}

impl<K: InlineKey, V: Vacant> InlineTable<K, V> {
    fn with_bits(bits: u32) -> Self {
        InlineTable {
            entries: vec![(K::EMPTY, V::VACANT); 1 << bits],
            shift: 64 - bits,
            len: 0,
        }
    }

    /// The value of `key`, made by `new` (which must not give the vacant value)
    /// if `key` is not in the table yet.
    #[inline]
    pub(super) fn get_or_insert(&mut self, key: K, new: impl FnOnce() -> V) -> V {
        // At most 3/4 full: with a good hash, a key present is found within
        // 2.5 probes on average (in the same cache line, mostly), and a smaller
        // table stays nearer the core.
        if 4 * (self.len + 1) > 3 * self.entries.len() {
            self.grow();
        }
        let mask = self.entries.len() - 1;
        let mut i = (key.hash() >> self.shift) as usize;
        loop {
            let (k, v) = &self.entries[i];
            if v.is_vacant() {
                let v = new();
                self.len += 1;
                self.entries[i] = (key, v);
                return v;
            }
            if *k == key {
                return *v;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let bits = 64 - self.shift + 1;
        let old = std::mem::replace(self, InlineTable::with_bits(bits));
        let mask = self.entries.len() - 1;
        for (key, v) in old.entries.into_iter().filter(|(_, v)| !v.is_vacant()) {
            let mut i = (key.hash() >> self.shift) as usize;
            while !self.entries[i].1.is_vacant() {
                i = (i + 1) & mask;
            }
            self.entries[i] = (key, v);
        }
        self.len = old.len;
    }
}

/// Term → id: short terms of Arabic and ASCII characters in 16-byte entries,
/// other short ones in 40-byte entries, long ones in an ordinary map. A term's
/// bytes alone decide where it is kept.
#[derive(Default)]
pub(super) struct TermIndex {
    compact: InlineTable<CompactTerm, u32>,
    short: InlineTable<InlineTerm, u32>,
    long: FxHashMap<String, u32>,
}

impl TermIndex {
    /// The id of `term`, made by `new_id` if `term` is not in the index yet.
    #[inline]
    pub(super) fn get_or_insert(&mut self, term: &str, new_id: impl FnOnce() -> u32) -> u32 {
        if let Some(key) = CompactTerm::new(term) {
            return self.compact.get_or_insert(key, new_id);
        }
        match InlineTerm::new(term) {
            Some(key) => self.short.get_or_insert(key, new_id),
            None => match self.long.get(term) {
                Some(&id) => id,
                None => {
                    let id = new_id();
                    self.long.insert(term.to_owned(), id);
                    id
                }
            },
        }
    }
}
