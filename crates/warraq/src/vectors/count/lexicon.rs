//! Lexicons: the numbering of terms while documents are counted, and how the
//! term ids of counted chunks are mapped to statistics or to a vocabulary
//! ([`resolve_ids`]).

use super::pieces::PieceCache;
use super::table::TermIndex;
use super::{Counts, TermsOf};
use crate::analyze::Scratch;
use rustc_hash::FxHashMap;

/// How the term ids of a chunk of [`Counts`] are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbering {
    /// From 0, for this chunk alone: `Counts::terms` holds every term, by id.
    Own,
    /// In lexicon `lexicon` of the [`SharedCounting`](super::SharedCounting)
    /// `counting`: `Counts::terms` holds the terms this chunk added to it, whose
    /// ids start at `first_new`.
    Shared {
        counting: u64,
        lexicon: u32,
        first_new: u32,
    },
}

/// A numbering of terms and what counting needs per term: for a chunk alone, or
/// kept by a [`SharedCounting`](super::SharedCounting) from one chunk to the next.
#[derive(Default)]
pub(super) struct Lexicon {
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
    pub(super) pieces: Option<PieceCache>,
}

impl Lexicon {
    /// Terms numbered so far (the id the next new term gets).
    pub(super) fn len(&self) -> u32 {
        self.last_seen.len() as u32
    }
}

/// Counts the terms of a chunk's documents, one document after the other, in a
/// lexicon.
pub(super) struct ChunkCounter<'l> {
    lexicon: &'l mut Lexicon,
    pub(super) c: Counts,
    /// Where the current document's entries start in `c.ids`.
    doc_start: usize,
}

impl<'l> ChunkCounter<'l> {
    pub(super) fn new(lexicon: &'l mut Lexicon, numbering: Numbering) -> Self {
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
    pub(super) fn id(&mut self, term: &str) -> u32 {
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
    pub(super) fn count(&mut self, id: u32) {
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
    pub(super) fn end_doc(&mut self) {
        self.c.indptr.push(self.c.ids.len());
        self.doc_start = self.c.ids.len();
    }
}

/// Counts the terms of `docs` (one chunk, on the calling thread) in `lexicon`,
/// each document's terms given by `terms_of`.
pub(super) fn count_chunk_in<D>(
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
/// each lexicon of a [`SharedCounting`](super::SharedCounting), whose map (for all
/// of its chunks: they are numbered as one sequence) grows in `lexicons`.
///
/// Panics if a batch of a shared counting comes before one counted earlier (the
/// ordering rule of the [module doc](super)).
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
