//! Document-frequency statistics: counted in parallel, accumulated over batches,
//! merged from parts.

use crate::analyze::{Analyzer, Pieces, Scratch};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// How many documents hold each term, and how often it occurs in all: what fitting a
/// vectorizer needs to choose its vocabulary and idf.
///
/// Statistics can be accumulated batch by batch ([`update`](Self::update)) without
/// holding the texts, and merged from parts counted elsewhere ([`merge`](Self::merge)),
/// then handed to [`TfidfVectorizer::fit_stats`](super::TfidfVectorizer::fit_stats).
///
/// ```
/// use warraq::analyze::{Analyzer, AnalyzerKind, AnalyzerOptions};
/// use warraq::vectors::DocumentFrequencies;
///
/// let ws = Analyzer::new(AnalyzerOptions { kind: AnalyzerKind::Whitespace, ..Default::default() });
/// let mut a = DocumentFrequencies::new();
/// a.update(&ws, &["x y", "y y"]);
/// let mut b = DocumentFrequencies::new();
/// b.update(&ws, &["z y"]);
/// a.merge(&b);
/// assert_eq!(a.n_docs(), 3);
/// assert_eq!(a.df("y"), Some(3));
/// assert_eq!(a.term_count("y"), Some(4));
/// assert_eq!(a.df("w"), None);
/// ```
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(from = "StatsRepr", into = "StatsRepr")]
pub struct DocumentFrequencies {
    n_docs: u64,
    terms: Vec<String>,
    df: Vec<u64>,
    tf: Vec<u64>,
    /// Term → position in `terms`: positions only, compared with `terms` (a
    /// vocabulary of 10⁵-10⁶ terms costs 5 bytes a term, not another copy of it).
    index: hashbrown::HashTable<u32>,
    /// For each lexicon of a [`SharedCounting`] whose batches were added: the
    /// position in `terms` of each of its terms.
    lexicons: FxHashMap<(u64, u32), Vec<u32>>,
}

impl PartialEq for DocumentFrequencies {
    fn eq(&self, other: &Self) -> bool {
        // `index` follows from `terms`.
        (self.n_docs, &self.terms, &self.df, &self.tf)
            == (other.n_docs, &other.terms, &other.df, &other.tf)
    }
}

impl std::fmt::Debug for DocumentFrequencies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentFrequencies")
            .field("n_docs", &self.n_docs)
            .field("terms", &self.terms)
            .field("df", &self.df)
            .field("tf", &self.tf)
            .finish()
    }
}

#[derive(Serialize, Deserialize)]
struct StatsRepr {
    n_docs: u64,
    terms: Vec<String>,
    df: Vec<u64>,
    tf: Vec<u64>,
}

impl From<StatsRepr> for DocumentFrequencies {
    fn from(r: StatsRepr) -> Self {
        let mut s = DocumentFrequencies {
            n_docs: r.n_docs,
            ..Default::default()
        };
        for ((t, d), f) in r.terms.into_iter().zip(r.df).zip(r.tf) {
            s.add_term(t, d, f);
        }
        s
    }
}

impl From<DocumentFrequencies> for StatsRepr {
    fn from(s: DocumentFrequencies) -> Self {
        StatsRepr {
            n_docs: s.n_docs,
            terms: s.terms,
            df: s.df,
            tf: s.tf,
        }
    }
}

/// How the term ids of a chunk of [`Counts`] are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbering {
    /// From 0, for this chunk alone: `Counts::terms` holds every term, by id.
    Own,
    /// In lexicon `lexicon` of the [`SharedCounting`] `counting`: `Counts::terms`
    /// holds the terms this chunk added to it, whose ids start at `first_new`.
    Shared {
        counting: u64,
        lexicon: u32,
        first_new: u32,
    },
}

/// Term counts of a run of documents.
pub(crate) struct Counts {
    pub numbering: Numbering,
    /// The terms numbered by this chunk (see [`Numbering`]).
    pub terms: Vec<String>,
    /// Row `d` of the chunk is `ids/counts[indptr[d]..indptr[d + 1]]`, each id
    /// once, in the order the terms first occur in the document.
    pub indptr: Vec<usize>,
    pub ids: Vec<u32>,
    pub counts: Vec<u32>,
}

impl Counts {
    pub fn n_docs(&self) -> usize {
        self.indptr.len() - 1
    }
}

/// Calls its last argument on each term of a document, reusing the scratch buffers.
pub(crate) type TermsOf<'a, D> = dyn Fn(&D, &mut Scratch, &mut dyn FnMut(&str)) + Sync + 'a;

/// Terms up to this many bytes are kept inside the hash table's buckets.
const INLINE: usize = 31;

/// A short term stored inline: its bytes zero-padded, then its length (byte 31),
/// as four little-endian words, hashed and compared word by word.
///
/// Looking a term up in a table of `String`s reads each candidate's heap buffer (a
/// cache miss per term on a vocabulary of 10⁵ terms); inline keys are compared
/// where the probe already is.
#[derive(Clone, Copy, PartialEq, Eq)]
struct InlineTerm([u64; 4]);

impl InlineTerm {
    #[inline]
    fn new(term: &str) -> Option<Self> {
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

    #[inline]
    fn hash(&self) -> u64 {
        let [a, b, c, d] = self.0;
        let h = a.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ b.wrapping_mul(0xC2B2_AE3D_27D4_EB4F).rotate_left(23)
            ^ c.wrapping_mul(0x1656_67B1_9E37_79F9).rotate_left(41)
            ^ d;
        (h ^ (h >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9)
    }
}

fn hash_term(term: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(term)
}

/// A key of an [`InlineTable`]: a term's bytes packed into a few words.
trait InlineKey: Copy + Eq {
    /// The key vacant buckets hold (all words zero, which is also the empty
    /// term's key: a bucket's value, not its key, tells whether it is vacant).
    const EMPTY: Self;
    fn hash(&self) -> u64;
}

impl InlineKey for InlineTerm {
    const EMPTY: Self = InlineTerm([0; 4]);
    #[inline]
    fn hash(&self) -> u64 {
        InlineTerm::hash(self)
    }
}

/// Characters of a term kept in a [`CompactTerm`].
const COMPACT: usize = 11;

/// A term of at most 11 characters, each ASCII or in U+0600..U+067F (the Arabic
/// letters, marks, digits and punctuation: 99.9% of the terms counted in a news
/// corpus), one byte per character, then its length (byte 11): 12 bytes, so that
/// a table entry with its id is 16 and four share a cache line.
///
/// A lexicon of 10⁵ terms in 40-byte entries, half full, is 10 MB: far beyond a
/// core's own cache, each lookup a trip to memory. In 16-byte entries it is a
/// fifth of that.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct CompactTerm([u32; 3]);

impl CompactTerm {
    #[inline]
    fn new(term: &str) -> Option<Self> {
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
    fn from_packed(packed: u128, n: usize) -> Self {
        let packed = packed | (n as u128) << (8 * COMPACT);
        CompactTerm([packed as u32, (packed >> 32) as u32, (packed >> 64) as u32])
    }
}

impl InlineKey for CompactTerm {
    const EMPTY: Self = CompactTerm([0; 3]);
    #[inline]
    fn hash(&self) -> u64 {
        let [a, b, c] = self.0;
        let h = (u64::from(a) | u64::from(b) << 32).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ u64::from(c)
                .wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
                .rotate_left(29);
        (h ^ (h >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9)
    }
}

/// A value of an [`InlineTable`], with one value marking a vacant bucket.
trait Vacant: Copy {
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
struct InlineTable<K: InlineKey, V: Vacant> {
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
    fn get_or_insert(&mut self, key: K, new: impl FnOnce() -> V) -> V {
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
struct TermIndex {
    compact: InlineTable<CompactTerm, u32>,
    short: InlineTable<InlineTerm, u32>,
    long: FxHashMap<String, u32>,
}

impl TermIndex {
    #[inline]
    fn get_or_insert(&mut self, term: &str, new_id: impl FnOnce() -> u32) -> u32 {
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

/// A numbering of terms and what counting needs per term: for a chunk alone, or
/// kept by a [`SharedCounting`] from one chunk to the next.
#[derive(Default)]
struct Lexicon {
    index: TermIndex,
    /// For each term: the position of its count in `Counts::ids` (and `counts`)
    /// when it was last counted. It is the current document's count if it lies
    /// in that document's entries and holds the term: a document holds a term
    /// once, so a stale position (another document's, another chunk's) can only
    /// pass that check by pointing at the term's own entry. Four bytes a term,
    /// read for every piece: half the size of a (document, position) pair, which
    /// matters once the lexicon outgrows a core's cache.
    last_seen: Vec<u32>,
    /// Recently seen pieces of text and their term (texts analysed piece by piece).
    pieces: Option<PieceCache>,
}

/// Counts the terms of a chunk's documents, one document after the other, in a
/// lexicon.
struct ChunkCounter<'l> {
    lexicon: &'l mut Lexicon,
    c: Counts,
    /// Where the current document's entries start in `c.ids`.
    doc_start: usize,
}

impl<'l> ChunkCounter<'l> {
    fn new(lexicon: &'l mut Lexicon, numbering: Numbering) -> Self {
        ChunkCounter {
            lexicon,
            c: Counts {
                numbering,
                terms: Vec::new(),
                indptr: vec![0],
                ids: Vec::new(),
                counts: Vec::new(),
            },
            doc_start: 0,
        }
    }

    /// The id of `term`, numbered on first sight.
    #[inline]
    fn id(&mut self, term: &str) -> u32 {
        let Lexicon {
            index, last_seen, ..
        } = &mut *self.lexicon;
        let terms = &mut self.c.terms;
        index.get_or_insert(term, || {
            terms.push(term.to_owned());
            last_seen.push(u32::MAX);
            last_seen.len() as u32 - 1
        })
    }

    /// One more occurrence of term `id` in the current document.
    #[inline]
    fn count(&mut self, id: u32) {
        let seen = &mut self.lexicon.last_seen[id as usize];
        let at = *seen as usize;
        if at >= self.doc_start && self.c.ids.get(at) == Some(&id) {
            self.c.counts[at] += 1;
        } else {
            *seen = self.c.ids.len() as u32;
            self.c.ids.push(id);
            self.c.counts.push(1);
        }
    }

    /// Ends the current document.
    fn end_doc(&mut self) {
        self.c.indptr.push(self.c.ids.len());
        self.doc_start = self.c.ids.len();
    }
}

/// Counts the terms of `docs` (one chunk, on the calling thread), numbered for
/// the chunk alone.
pub(crate) fn count_chunk<D>(docs: &[D], terms_of: &TermsOf<'_, D>) -> Counts {
    count_chunk_in(docs, terms_of, &mut Lexicon::default(), Numbering::Own)
}

fn count_chunk_in<D>(
    docs: &[D],
    terms_of: &TermsOf<'_, D>,
    lexicon: &mut Lexicon,
    numbering: Numbering,
) -> Counts {
    let mut counter = ChunkCounter::new(lexicon, numbering);
    let mut scratch = Scratch::default();
    for doc in docs {
        terms_of(doc, &mut scratch, &mut |term: &str| {
            let id = counter.id(term);
            counter.count(id);
        });
        counter.end_doc();
    }
    counter.c
}

/// A piece's term as [`PieceCache`] keeps it: `NO_TERM`, or a term id.
const NO_TERM: u32 = u32::MAX - 1;

/// log2 of the sets of a [`PieceCache`]: 16,384 sets of 64 bytes (1 MB, about
/// half a core's own cache) hold 65,536 pieces, which make about five sixths of
/// a news text (with a fourth of the sets: 77%, and slower; with twice as many:
/// no faster).
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

/// Recently seen pieces of text and their term (see [`count_chunk_by_piece`]): a
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
struct PieceCache {
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

    /// The term cached for `key`, which becomes the most recently used of its set.
    #[inline]
    fn get(&mut self, key: &CompactTerm) -> Option<u32> {
        let set = &mut self.sets[(key.hash() >> self.shift) as usize];
        let way = (0..4).find(|&w| set.keys[w] == *key && set.terms[w] != u32::MAX)?;
        let term = set.terms[way];
        set.put_first(way, *key, term);
        Some(term)
    }

    /// Starts fetching the set of `key` into the core's cache.
    #[inline]
    fn prefetch(&self, key: &CompactTerm) {
        let set: *const PieceSet = &self.sets[(key.hash() >> self.shift) as usize];
        #[cfg(target_arch = "x86_64")]
        #[allow(unsafe_code)]
        // SAFETY: a prefetch is a hint: it reads nothing the program sees, and
        // `set` points into `self.sets` anyway.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(set.cast());
        }
    }

    /// Caches `term` for `key` (not cached), evicting the least recently used
    /// piece of its set.
    #[inline]
    fn insert(&mut self, key: CompactTerm, term: u32) {
        self.sets[(key.hash() >> self.shift) as usize].put_first(3, key, term);
    }
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

/// Counts the terms of `texts` (one chunk, on the calling thread) piece by piece
/// (`pieces_of` a text) in `lexicon`: for each piece, the cached term when the
/// lexicon's [`PieceCache`] holds it (by its key, `key_of`), else those `analyze`
/// hands to its argument, remembered when there is at most one (pieces of several
/// terms, words glued by punctuation, are rare and analysed each time). The set of
/// the next piece is fetched while one is counted: a cache that misses the core's
/// own cache half the time would otherwise stall on every piece.
#[inline(always)]
fn count_by_piece<T, P: Copy, I: Iterator<Item = P>>(
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
/// tokenising, checking and stemming it again. Gives exactly what [`count_chunk`]
/// gives with [`Analyzer::for_each_term`].
fn count_chunk_by_piece<S: AsRef<str>>(
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

/// A code point of a text given as code points: a `char`, or a `u32` checked
/// to be a Unicode scalar value before counting.
trait CodePoint: Copy + Sync {
    fn value(self) -> u32;
    fn to_char(self) -> char;
}

impl CodePoint for u32 {
    #[inline]
    fn value(self) -> u32 {
        self
    }

    #[inline]
    fn to_char(self) -> char {
        char::from_u32(self).unwrap_or(char::REPLACEMENT_CHARACTER)
    }
}

impl CodePoint for char {
    #[inline]
    fn value(self) -> u32 {
        u32::from(self)
    }

    #[inline]
    fn to_char(self) -> char {
        self
    }
}

/// The [`CompactTerm`] of a piece given as code points (what
/// [`CompactTerm::new`] gives for its UTF-8), if it has one.
#[inline]
fn code_point_key<C: CodePoint>(piece: &[C]) -> Option<CompactTerm> {
    if piece.len() > COMPACT {
        return None;
    }
    let mut packed = 0u128;
    for (j, c) in piece.iter().enumerate() {
        let c = c.value();
        let code = match c {
            0..=0x7F => c,
            0x600..=0x67F => c - 0x580,
            _ => return None,
        };
        packed |= u128::from(code) << (8 * j);
    }
    Some(CompactTerm::from_packed(packed, piece.len()))
}

/// The pieces of a text given as code points: its runs of code points other than
/// ASCII space and line feed (what [`Pieces`] finds in its UTF-8).
struct CodePointPieces<'t, C> {
    text: &'t [C],
    at: usize,
}

impl<'t, C: CodePoint> Iterator for CodePointPieces<'t, C> {
    type Item = &'t [C];

    #[inline]
    fn next(&mut self) -> Option<&'t [C]> {
        let text = self.text;
        let mut i = self.at;
        while i < text.len() && matches!(text[i].value(), 0x20 | 0x0A) {
            i += 1;
        }
        if i == text.len() {
            self.at = i;
            return None;
        }
        let start = i;
        while i < text.len() && !matches!(text[i].value(), 0x20 | 0x0A) {
            i += 1;
        }
        self.at = i;
        Some(&text[start..i])
    }
}

/// [`count_chunk_by_piece`] for texts given as code points (checked to be Unicode
/// scalar values): a piece is turned into UTF-8 only when its term is not cached.
fn count_code_point_chunk_by_piece<C: CodePoint>(
    analyzer: &Analyzer,
    texts: &[&[C]],
    lexicon: &mut Lexicon,
    numbering: Numbering,
) -> Counts {
    let mut scratch = Scratch::default();
    let mut utf8 = String::new();
    count_by_piece(
        texts.iter(),
        |&text| CodePointPieces { text, at: 0 },
        code_point_key,
        |piece, f| {
            utf8.clear();
            // Checked before counting: every code point is a scalar value.
            utf8.extend(piece.iter().map(|c| c.to_char()));
            analyzer.piece_terms(&utf8, &mut scratch, f);
        },
        lexicon,
        numbering,
        // News text has a distinct term per 12 code points in a document; a
        // little more.
        texts.iter().map(|t| t.len()).sum::<usize>() / 9,
    )
}

/// Whether every one of `code_points` is a Unicode scalar value (a valid `char`:
/// no surrogate, nothing above U+10FFFF). Branch-free: valid text (nearly always)
/// is read once, at the speed of memory.
///
/// ```
/// use warraq::vectors::all_scalar_values;
///
/// assert!(all_scalar_values(&[0x627, 0x20, 0x10_FFFF]));
/// assert!(!all_scalar_values(&[0x627, 0xDC00]));
/// assert!(!all_scalar_values(&[0x11_0000]));
/// ```
pub fn all_scalar_values(code_points: &[u32]) -> bool {
    !code_points
        .iter()
        .fold(false, |bad, &c| bad | ((c >> 11) == 0x1B) | (c > 0x10_FFFF))
}

/// The first text of `texts` holding a code point that is not a Unicode scalar
/// value (a surrogate, or above U+10FFFF), with its position and the code point.
fn first_invalid_code_point(texts: &[&[u32]]) -> Option<(usize, usize, u32)> {
    // Read by all threads (on one, the other threads waited for it: 5 ms a batch).
    let invalid = |text: &&[u32]| !all_scalar_values(text);
    let t = if crate::parallel::parallelism() {
        use rayon::prelude::*;
        texts.par_iter().position_first(invalid)
    } else {
        texts.iter().position(invalid)
    }?;
    let (i, &c) = texts[t]
        .iter()
        .enumerate()
        .find(|&(_, &c)| char::from_u32(c).is_none())
        .expect("an invalid code point was seen");
    Some((t, i, c))
}

/// Counts batch after batch in lexicons kept from one chunk to the next (one per
/// chunk counted at the same time, so about one per thread): a term is numbered,
/// stored and merged once per lexicon, not once per chunk, and the frequent pieces
/// of text stay cached. What a fit over many batches (or a transform) needs.
///
/// The batches counted with one `SharedCounting` must reach one
/// [`FitBatches`](super::FitBatches) (or one
/// [`TfidfVectorizer::transform_batches`](super::TfidfVectorizer::transform_batches)
/// call, or one [`DocumentFrequencies`]) in the order they were counted: each
/// batch names only the terms it added to a lexicon. They must all be counted with
/// one analyzer: a lexicon remembers the terms of the pieces of text it saw.
///
/// ```
/// use warraq::analyze::Analyzer;
/// use warraq::vectors::{DocumentFrequencies, SharedCounting};
///
/// let analyzer = Analyzer::default();
/// let counting = SharedCounting::new();
/// let mut stats = DocumentFrequencies::new();
/// stats.add_batch(counting.count_texts(&analyzer, &["النفط والذهب", "النفط"]));
/// stats.add_batch(counting.count_texts(&analyzer, &["الذهب"]));
/// assert_eq!((stats.n_docs(), stats.df("نفط"), stats.df("ذهب")), (3, Some(2), Some(2)));
/// ```
pub struct SharedCounting {
    id: u64,
    /// Lexicons not counting a chunk just now, with their numbers.
    idle: std::sync::Mutex<Vec<(u32, Lexicon)>>,
    made: std::sync::atomic::AtomicU32,
}

impl Default for SharedCounting {
    fn default() -> Self {
        Self::new()
    }
}

impl SharedCounting {
    /// A new counting, with no lexicon yet.
    pub fn new() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        SharedCounting {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            idle: std::sync::Mutex::new(Vec::new()),
            made: std::sync::atomic::AtomicU32::new(0),
        }
    }

    /// Analyzes and counts `texts` with `analyzer` (in parallel).
    pub fn count_texts<S: AsRef<str> + Sync>(
        &self,
        analyzer: &Analyzer,
        texts: &[S],
    ) -> CountedBatch {
        let chunks = crate::parallel::map(&chunks_of(texts), |chunk| {
            self.with_lexicon(|lexicon, numbering| {
                count_text_chunk(analyzer, chunk, lexicon, numbering)
            })
        });
        CountedBatch { chunks }
    }

    /// Analyzes and counts texts given as their code points (copied out of
    /// another runtime's strings, say), in parallel, turning into UTF-8 only the
    /// pieces of text whose terms are not cached. The result is what
    /// [`count_texts`](Self::count_texts) gives for the same texts. A code point
    /// that is not a Unicode scalar value (a lone surrogate) is an
    /// [`Error::InvalidText`](crate::Error::InvalidText) naming the text
    /// (`index`) and the position in it.
    ///
    /// ```
    /// use warraq::analyze::Analyzer;
    /// use warraq::vectors::{DocumentFrequencies, SharedCounting};
    ///
    /// let text: Vec<u32> = "النفط والذهب".chars().map(u32::from).collect();
    /// let counting = SharedCounting::new();
    /// let mut stats = DocumentFrequencies::new();
    /// stats.add_batch(counting.count_code_points(&Analyzer::default(), &[&text]).unwrap());
    /// assert_eq!(stats.df("ذهب"), Some(1));
    /// assert!(counting.count_code_points(&Analyzer::default(), &[&[0x627, 0xD800]]).is_err());
    /// ```
    pub fn count_code_points(
        &self,
        analyzer: &Analyzer,
        texts: &[&[u32]],
    ) -> crate::Result<CountedBatch> {
        if let Some((t, i, c)) = first_invalid_code_point(texts) {
            return Err(crate::Error::InvalidText {
                index: i,
                message: format!("text {t} holds U+{c:04X}, which is not a Unicode scalar value"),
            });
        }
        Ok(self.count_scalar_values(analyzer, texts))
    }

    /// [`count_code_points`](Self::count_code_points) for texts given as `char`s,
    /// which need no check (a caller that checked its code points as it copied
    /// them, while they were in a core's cache, spares the counting a pass over
    /// the whole batch).
    ///
    /// ```
    /// use warraq::analyze::Analyzer;
    /// use warraq::vectors::{DocumentFrequencies, SharedCounting};
    ///
    /// let text: Vec<char> = "النفط والذهب".chars().collect();
    /// let mut stats = DocumentFrequencies::new();
    /// stats.add_batch(SharedCounting::new().count_chars(&Analyzer::default(), &[&text]));
    /// assert_eq!(stats.df("ذهب"), Some(1));
    /// ```
    pub fn count_chars(&self, analyzer: &Analyzer, texts: &[&[char]]) -> CountedBatch {
        self.count_scalar_values(analyzer, texts)
    }

    fn count_scalar_values<C: CodePoint>(
        &self,
        analyzer: &Analyzer,
        texts: &[&[C]],
    ) -> CountedBatch {
        let by_piece = analyzer.analyzes_pieces();
        let terms_of = |t: &&[C], scratch: &mut Scratch, f: &mut dyn FnMut(&str)| {
            let text: String = t.iter().map(|c| c.to_char()).collect();
            analyzer.for_each_term(&text, scratch, f);
        };
        let chunks = crate::parallel::map(&chunks_of(texts), |chunk| {
            self.with_lexicon(|lexicon, numbering| {
                if by_piece {
                    count_code_point_chunk_by_piece(analyzer, chunk, lexicon, numbering)
                } else {
                    count_chunk_in(chunk, &terms_of, lexicon, numbering)
                }
            })
        });
        CountedBatch { chunks }
    }

    /// Runs `count` with an idle lexicon (a new one if none is idle).
    fn with_lexicon(&self, count: impl FnOnce(&mut Lexicon, Numbering) -> Counts) -> Counts {
        let taken = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let (number, mut lexicon) = taken.unwrap_or_else(|| {
            let number = self.made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            (number, Lexicon::default())
        });
        let numbering = Numbering::Shared {
            counting: self.id,
            lexicon: number,
            first_new: lexicon.last_seen.len() as u32,
        };
        let counts = count(&mut lexicon, numbering);
        self.idle
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((number, lexicon));
        counts
    }
}

/// Where the map from a chunk's term ids to the caller's numbering is: its own, or
/// its lexicon's (shared by all chunks numbered in that lexicon).
pub(crate) enum IdMap<T> {
    Own(Vec<T>),
    Lexicon((u64, u32)),
}

impl<T> IdMap<T> {
    /// The map, the lexicons' maps being `lexicons`.
    pub(crate) fn get<'a>(&'a self, lexicons: &'a FxHashMap<(u64, u32), Vec<T>>) -> &'a [T] {
        match self {
            IdMap::Own(map) => map,
            IdMap::Lexicon(key) => &lexicons[key],
        }
    }
}

/// Maps the term ids of chunks, in the order they were counted, to what the
/// caller numbers them by (ids in statistics, columns of a vocabulary): `resolve`
/// is called once per term of each chunk numbered on its own, and once per term of
/// each lexicon of a [`SharedCounting`], whose map (for all of its chunks: they are
/// numbered as one sequence) grows in `lexicons`.
pub(crate) fn resolve_ids<T>(
    chunks: &mut [Counts],
    lexicons: &mut FxHashMap<(u64, u32), Vec<T>>,
    mut resolve: impl FnMut(String) -> T,
) -> Vec<IdMap<T>> {
    // A batch's chunks may have used a lexicon in any order: add their terms
    // to it in the order they were numbered (chunks that added none, which start
    // where the next one does, first).
    let mut order: Vec<usize> = (0..chunks.len()).collect();
    order.sort_by_key(|&i| match chunks[i].numbering {
        Numbering::Own => (0, 0, 0, 0, i),
        Numbering::Shared {
            counting,
            lexicon,
            first_new,
        } => (1, counting, lexicon, first_new, chunks[i].terms.len()),
    });
    let mut maps: Vec<Option<IdMap<T>>> = (0..chunks.len()).map(|_| None).collect();
    for i in order {
        let c = &mut chunks[i];
        let terms = std::mem::take(&mut c.terms);
        match c.numbering {
            Numbering::Own => {
                maps[i] = Some(IdMap::Own(terms.into_iter().map(&mut resolve).collect()));
            }
            Numbering::Shared {
                counting,
                lexicon,
                first_new,
            } => {
                let known = lexicons.entry((counting, lexicon)).or_default();
                assert_eq!(
                    known.len(),
                    first_new as usize,
                    "batches of one SharedCounting must be added in the order they were counted"
                );
                known.extend(terms.into_iter().map(&mut resolve));
                maps[i] = Some(IdMap::Lexicon((counting, lexicon)));
            }
        }
    }
    maps.into_iter().flatten().collect()
}

/// The term counts of a batch of documents, made (in parallel) apart from the
/// statistics or fit they go into, so that the counting of one batch can overlap
/// whatever the caller does meanwhile (the Python binding converts the next batch).
/// Hand it to [`DocumentFrequencies::add_batch`],
/// [`FitBatches::push`](super::FitBatches::push) or
/// [`TfidfVectorizer::transform_batches`](super::TfidfVectorizer::transform_batches).
///
/// ```
/// use warraq::analyze::Analyzer;
/// use warraq::vectors::{CountedBatch, DocumentFrequencies};
///
/// let batch = CountedBatch::of_texts(&Analyzer::default(), &["النفط والذهب", "النفط"]);
/// assert_eq!(batch.n_docs(), 2);
/// let mut stats = DocumentFrequencies::new();
/// stats.add_batch(batch);
/// assert_eq!(stats.df("نفط"), Some(2));
/// ```
pub struct CountedBatch {
    pub(crate) chunks: Vec<Counts>,
}

impl CountedBatch {
    /// Analyzes and counts `texts` with `analyzer`.
    pub fn of_texts<S: AsRef<str> + Sync>(analyzer: &Analyzer, texts: &[S]) -> Self {
        CountedBatch {
            chunks: count_texts(analyzer, texts),
        }
    }

    /// Counts documents given as their terms.
    ///
    /// ```
    /// let batch = warraq::vectors::CountedBatch::of_terms(&[vec!["a", "b"], vec!["a"]]);
    /// assert_eq!(batch.n_docs(), 2);
    /// ```
    pub fn of_terms<T: AsRef<str> + Sync>(docs: &[Vec<T>]) -> Self {
        CountedBatch {
            chunks: count_docs(docs, &terms_given::<T>),
        }
    }

    /// Documents counted.
    pub fn n_docs(&self) -> usize {
        self.chunks.iter().map(Counts::n_docs).sum()
    }
}

/// Counts `docs` in parallel chunks (in input order).
pub(crate) fn count_docs<D: Sync>(docs: &[D], terms_of: &TermsOf<'_, D>) -> Vec<Counts> {
    crate::parallel::map(&chunks_of(docs), |chunk| count_chunk(chunk, terms_of))
}

/// Counts the terms `analyzer` finds in `texts`, in parallel chunks (in input
/// order), each numbered on its own.
pub(crate) fn count_texts<S: AsRef<str> + Sync>(analyzer: &Analyzer, texts: &[S]) -> Vec<Counts> {
    crate::parallel::map(&chunks_of(texts), |chunk| {
        count_text_chunk(analyzer, chunk, &mut Lexicon::default(), Numbering::Own)
    })
}

/// Counts one chunk of texts in `lexicon`: piece by piece when the analyzer allows.
fn count_text_chunk<S: AsRef<str>>(
    analyzer: &Analyzer,
    texts: &[S],
    lexicon: &mut Lexicon,
    numbering: Numbering,
) -> Counts {
    if analyzer.analyzes_pieces() {
        return count_chunk_by_piece(analyzer, texts, lexicon, numbering);
    }
    let terms_of = |t: &S, scratch: &mut Scratch, f: &mut dyn FnMut(&str)| {
        analyzer.for_each_term(t.as_ref(), scratch, f);
    };
    count_chunk_in(texts, &terms_of, lexicon, numbering)
}

/// `docs` cut into chunks to count in parallel. Few large chunks: a chunk numbered
/// on its own has its own vocabulary, merged sequentially, so more chunks than
/// needed to balance the threads cost time.
fn chunks_of<D>(docs: &[D]) -> Vec<&[D]> {
    let threads = crate::parallel::current_num_threads();
    let size = docs.len().div_ceil(threads * 2).clamp(1, 8192);
    docs.chunks(size).collect()
}

impl DocumentFrequencies {
    /// Empty statistics.
    pub fn new() -> Self {
        Self::default()
    }

    /// Documents counted.
    pub fn n_docs(&self) -> u64 {
        self.n_docs
    }

    /// Distinct terms seen.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether no term was seen.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The terms, in the order first seen.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Document frequency of each term of [`terms`](Self::terms).
    pub fn document_frequencies(&self) -> &[u64] {
        &self.df
    }

    /// Total occurrences of each term of [`terms`](Self::terms).
    pub fn term_counts(&self) -> &[u64] {
        &self.tf
    }

    /// Number of documents holding `term`.
    pub fn df(&self, term: &str) -> Option<u64> {
        self.position(term).map(|i| self.df[i as usize])
    }

    /// Occurrences of `term` in all documents.
    pub fn term_count(&self, term: &str) -> Option<u64> {
        self.position(term).map(|i| self.tf[i as usize])
    }

    fn position(&self, term: &str) -> Option<u32> {
        self.index
            .find(hash_term(term), |&i| self.terms[i as usize] == term)
            .copied()
    }

    fn add_term(&mut self, term: String, df: u64, tf: u64) -> u32 {
        let hash = hash_term(&term);
        let terms = &self.terms;
        if let Some(&i) = self.index.find(hash, |&i| terms[i as usize] == term) {
            self.df[i as usize] += df;
            self.tf[i as usize] += tf;
            return i;
        }
        let i = self.terms.len() as u32;
        self.terms.push(term);
        self.df.push(df);
        self.tf.push(tf);
        let terms = &self.terms;
        self.index
            .insert_unique(hash, i, |&j| hash_term(&terms[j as usize]));
        i
    }

    /// The terms, giving the statistics up (what a fit that no longer needs them
    /// keeps).
    pub(crate) fn into_terms(self) -> Vec<String> {
        self.terms
    }

    /// Adds chunks of counts; returns where the term id → position map of each
    /// is (a lexicon's: see [`take_lexicons`](Self::take_lexicons)).
    pub(crate) fn add_chunks(&mut self, chunks: &mut [Counts]) -> Vec<IdMap<u32>> {
        let mut lexicons = std::mem::take(&mut self.lexicons);
        let maps = resolve_ids(chunks, &mut lexicons, |t| self.add_term(t, 0, 0));
        self.lexicons = lexicons;
        for (c, map) in chunks.iter().zip(&maps) {
            let map = map.get(&self.lexicons);
            self.n_docs += c.n_docs() as u64;
            for (&id, &n) in c.ids.iter().zip(&c.counts) {
                let at = map[id as usize] as usize;
                self.df[at] += 1;
                self.tf[at] += u64::from(n);
            }
        }
        maps
    }

    /// The term id → position maps of the lexicons whose batches were added,
    /// taken out of the statistics (a fit that has them needs them no more).
    pub(crate) fn take_lexicons(&mut self) -> FxHashMap<(u64, u32), Vec<u32>> {
        std::mem::take(&mut self.lexicons)
    }

    /// Adds statistics counted elsewhere (another batch, process or machine).
    pub fn merge(&mut self, other: &DocumentFrequencies) {
        self.n_docs += other.n_docs;
        for ((t, &d), &f) in other.terms.iter().zip(&other.df).zip(&other.tf) {
            self.add_term(t.clone(), d, f);
        }
    }

    /// Counts a batch of texts with `analyzer` (in parallel) and adds them.
    pub fn update<S: AsRef<str> + Sync>(&mut self, analyzer: &Analyzer, texts: &[S]) {
        let counting = SharedCounting::new();
        self.add_batch(counting.count_texts(analyzer, texts));
        // Nothing more is counted with it.
        self.lexicons.retain(|&(id, _), _| id != counting.id);
    }

    /// Adds a batch counted by [`CountedBatch`].
    pub fn add_batch(&mut self, mut batch: CountedBatch) {
        self.add_chunks(&mut batch.chunks);
    }

    /// Adds a batch of documents given as their terms.
    ///
    /// ```
    /// let mut s = warraq::vectors::DocumentFrequencies::new();
    /// s.update_terms(&[vec!["a".to_string(), "a".to_string()], vec![]]);
    /// assert_eq!((s.n_docs(), s.df("a"), s.term_count("a")), (2, Some(1), Some(2)));
    /// ```
    pub fn update_terms<T: AsRef<str> + Sync>(&mut self, docs: &[Vec<T>]) {
        self.add_batch(CountedBatch::of_terms(docs));
    }
}

/// The terms of a pre-tokenised document.
#[allow(clippy::ptr_arg)] // matches `TermsOf<Vec<T>>`
pub(crate) fn terms_given<T: AsRef<str>>(doc: &Vec<T>, _: &mut Scratch, f: &mut dyn FnMut(&str)) {
    doc.iter().for_each(|t| f(t.as_ref()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// df and tf of every term, from statistics.
    fn table(s: &DocumentFrequencies) -> std::collections::BTreeMap<String, (u64, u64)> {
        s.terms()
            .iter()
            .zip(s.document_frequencies().iter().zip(s.term_counts()))
            .map(|(t, (&d, &f))| (t.clone(), (d, f)))
            .collect()
    }

    fn texts_from(words: &[&str], seed: usize, n: usize) -> Vec<String> {
        (0..n)
            .map(|d| {
                (0..(d * 7 + seed) % 23)
                    .map(|k| match k % 4 {
                        // Thousands of distinct terms: tables grow, lexicons fill.
                        3 => format!("سوق{}", (d * 13 + k + seed * 101) % 3000),
                        _ => words[(d * 31 + k * 17 + seed * 5) % words.len()].to_owned(),
                    })
                    .collect::<Vec<_>>()
                    .join(if d % 3 == 0 { "\n" } else { " " })
            })
            .collect()
    }

    const WORDS: &[&str] = &[
        "النفط",
        "والنفط",
        "النفط،",
        "(النفط)",
        "أسعار",
        "الأسواق",
        "في",
        "وقال",
        "إن",
        "الرياض-جدة",
        "2016",
        "٣٫٥",
        "CNN",
        "Paris,",
        "ﻻ",
        "الـــرياض",
        "ى\u{0654}",
        "كتب\u{064E}\u{0651}",
        "www.spa.gov.sa",
        "#السعودية",
        "",
        "  ",
        "\t",
        "مصطلحاتطويلةجداجداجداجداجدا",
        "é",
        "😀",
        "𝐀ب",
        "ب😀ب",
        "\u{FEFF}",
    ];

    #[test]
    fn shared_counting_equals_counting_each_batch_alone() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        for options in [
            crate::analyze::AnalyzerOptions::default(),
            crate::analyze::AnalyzerOptions {
                ngram_range: (1, 2),
                ..Default::default()
            },
            crate::analyze::AnalyzerOptions {
                normalize: None,
                ..Default::default()
            },
            crate::analyze::AnalyzerOptions {
                kind: crate::analyze::AnalyzerKind::Whitespace,
                ..Default::default()
            },
        ] {
            let analyzer = Analyzer::new(options);
            let batches: Vec<Vec<String>> = [40, 1, 0, 300, 7, 2000, 3]
                .iter()
                .enumerate()
                .map(|(seed, &n)| texts_from(WORDS, seed, n))
                .collect();
            let mut alone = DocumentFrequencies::new();
            let (mut shared, mut by_code_point, mut by_char) = (
                DocumentFrequencies::new(),
                DocumentFrequencies::new(),
                DocumentFrequencies::new(),
            );
            let (counting, code_point_counting, char_counting) = (
                SharedCounting::new(),
                SharedCounting::new(),
                SharedCounting::new(),
            );
            pool.install(|| {
                for batch in &batches {
                    alone.add_batch(CountedBatch::of_texts(&analyzer, batch));
                    shared.add_batch(counting.count_texts(&analyzer, batch));
                    let code_points: Vec<Vec<u32>> = batch
                        .iter()
                        .map(|t| t.chars().map(u32::from).collect())
                        .collect();
                    let slices: Vec<&[u32]> = code_points.iter().map(Vec::as_slice).collect();
                    by_code_point.add_batch(
                        code_point_counting
                            .count_code_points(&analyzer, &slices)
                            .unwrap(),
                    );
                    let chars: Vec<Vec<char>> = batch.iter().map(|t| t.chars().collect()).collect();
                    let slices: Vec<&[char]> = chars.iter().map(Vec::as_slice).collect();
                    by_char.add_batch(char_counting.count_chars(&analyzer, &slices));
                }
            });
            assert!(alone.len() > 1000, "{}", alone.len());
            assert_eq!(alone.n_docs(), shared.n_docs());
            assert_eq!(table(&alone), table(&shared), "{:?}", analyzer.options());
            assert_eq!(
                table(&alone),
                table(&by_code_point),
                "{:?}",
                analyzer.options()
            );
            assert_eq!(table(&alone), table(&by_char), "{:?}", analyzer.options());
        }
    }

    #[test]
    fn batches_of_one_counting_in_any_chunk_order_within_a_batch() {
        // A batch whose chunks add no new term to their lexicon start where the next
        // one does; they must be placed before it, whatever order they come in.
        let analyzer = Analyzer::default();
        let counting = SharedCounting::new();
        let first = counting.count_texts(&analyzer, &["النفط والذهب"]);
        let mut second = counting.count_texts(&analyzer, &["النفط", "الذهب"]);
        let mut third = counting.count_texts(&analyzer, &["جديد"]);
        second.chunks.append(&mut third.chunks);
        second.chunks.reverse();
        let mut stats = DocumentFrequencies::new();
        stats.add_batch(first);
        stats.add_batch(second);
        assert_eq!(
            (
                stats.n_docs(),
                stats.df("نفط"),
                stats.df("ذهب"),
                stats.df("جديد")
            ),
            (4, Some(2), Some(2), Some(1))
        );
    }

    #[test]
    fn a_lone_surrogate_given_as_a_code_point_is_an_error() {
        let counting = SharedCounting::new();
        let good: Vec<u32> = "نص".chars().map(u32::from).collect();
        let bad = [0x0646, 0x20, 0xDC00];
        match counting.count_code_points(&Analyzer::default(), &[&good, &bad]) {
            Err(crate::Error::InvalidText { index, message }) => {
                assert_eq!(index, 2);
                assert!(
                    message.contains("text 1") && message.contains("U+DC00"),
                    "{message}"
                );
            }
            other => panic!("{:?}", other.map(|b| b.n_docs())),
        }
    }

    #[test]
    fn a_piece_has_one_compact_key_from_its_utf8_or_its_code_points() {
        let pieces = [
            "",
            "a",
            "\0",
            "\0\0",
            "ا",
            "ة،",
            "الاقتصاد،",
            "12345678901",
            "123456789012",
            "المستشفيات",
            "المستشفيات.",
            "المستشفياتُ",
            "«الأمن»",
            "ی",
            "\u{67F}",
            "\u{680}",
            "\u{5FF}",
            "x\u{7F}",
            "é",
            "😀",
            "\u{600}\u{600}",
            "\u{640}",
            "\u{63F}",
        ];
        let mut seen = std::collections::HashMap::new();
        for p in pieces {
            let code_points: Vec<u32> = p.chars().map(u32::from).collect();
            let key = CompactTerm::new(p);
            assert_eq!(key, code_point_key(&code_points), "{p:?}");
            let compact = p.chars().count() <= COMPACT
                && p.chars()
                    .all(|c| c < '\u{80}' || ('\u{600}'..'\u{680}').contains(&c));
            assert_eq!(key.is_some(), compact, "{p:?}");
            if let Some(key) = key {
                assert_eq!(seen.insert(key.0, p), None, "{p:?} shares a key");
            }
        }
    }

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
            let i = if x % 3 == 0 {
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

    #[test]
    fn piece_ends_are_found_as_by_a_plain_search() {
        let texts = [
            "",
            " ",
            "abc",
            "abcdefgh ijk",
            "ا ب\nج",
            "0123456789abcdef\n",
            "\u{0660}\u{0661} x",
        ];
        for t in texts {
            let plain: Vec<&str> = t.split([' ', '\n']).filter(|p| !p.is_empty()).collect();
            assert_eq!(Pieces::new(t).collect::<Vec<_>>(), plain, "{t:?}");
            let code_points: Vec<u32> = t.chars().map(u32::from).collect();
            let pieces: Vec<String> = CodePointPieces {
                text: &code_points,
                at: 0,
            }
            .map(|p| p.iter().filter_map(|&c| char::from_u32(c)).collect())
            .collect();
            assert_eq!(pieces, plain, "{t:?}");
        }
    }

    #[test]
    fn counts_match_a_plain_map_through_growth() {
        // Thousands of distinct terms (the table grows several times), short and
        // long ones, an empty one, repeated within and across documents.
        let docs: Vec<Vec<String>> = (0..300)
            .map(|d| {
                (0..60)
                    .map(|k| match (d * 7 + k * 13) % 7 {
                        0 => format!("مصطلح{}", (d * k) % 4000),
                        1 => format!("{}-{}", "طويل".repeat(5), k % 50),
                        2 => String::new(),
                        // Short, but not compact: a character outside ASCII and
                        // U+0600..U+067F, or more than 11 characters.
                        3 => format!("«خبر{}»", (d + k) % 700),
                        4 => format!("الاقتصاديات{}", (d * 3 + k) % 900),
                        _ => format!("t{}", (d + k) % 3000),
                    })
                    .collect()
            })
            .collect();
        let c = count_chunk(&docs, &terms_given::<String>);
        let mut expected: std::collections::HashMap<&str, (u64, u64)> = Default::default();
        for doc in &docs {
            let mut seen = std::collections::HashSet::new();
            for t in doc {
                let e = expected.entry(t.as_str()).or_default();
                e.1 += 1;
                if seen.insert(t.as_str()) {
                    e.0 += 1;
                }
            }
        }
        assert_eq!(c.terms.len(), expected.len());
        let mut df_tf = vec![(0u64, 0u64); c.terms.len()];
        for (&id, &n) in c.ids.iter().zip(&c.counts) {
            df_tf[id as usize].0 += 1;
            df_tf[id as usize].1 += u64::from(n);
        }
        for (i, t) in c.terms.iter().enumerate() {
            assert_eq!(df_tf[i], expected[t.as_str()], "{t}");
        }
        for (d, doc) in docs.iter().enumerate() {
            let row = c.indptr[d]..c.indptr[d + 1];
            let total: u32 = c.counts[row.clone()].iter().sum();
            assert_eq!(total as usize, doc.len());
            let mut ids = c.ids[row].to_vec();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), c.indptr[d + 1] - c.indptr[d]);
        }
    }
}
