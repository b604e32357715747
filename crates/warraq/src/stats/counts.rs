//! The counting pass every statistic starts from: each document's terms, counted,
//! with the surface form each occurrence had.
//!
//! Data flow: texts in chunks (rayon) → pieces between ASCII spaces and line
//! breaks, each distinct piece tokenised once per chunk
//! ([`crate::tokenize::tokens_into`]) → each distinct word analyzed once per chunk
//! (a cache from the raw word to its terms and surface) → per document, the sorted
//! (term, surface) pairs, run-length counted → chunks merged into sorted term ids →
//! display forms and the clitic merge ([`super::forms`]).

use super::forms::{self, DisplayForms};
use crate::analyze::{is_number, Analyzer, AnalyzerKind, AnalyzerOptions, Pieces, Scratch};
use crate::tokenize::{tokens_into, Token, TokenKind};
use crate::{Error, Result};
use rustc_hash::FxHashMap;

/// A word position whose word is no term (a stopword, a number) in
/// [`TermCounts::sequence`].
pub const NONE: u32 = u32::MAX;

/// How a corpus is counted.
///
/// ```
/// use warraq::stats::CountOptions;
/// let o = CountOptions::default();
/// assert!(!o.numbers && o.merge_clitics && !o.sequences);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountOptions {
    /// The analyzer each word goes through (its `ngram_range` is ignored: words are
    /// counted one by one; the kind must be `word` or `whitespace`).
    pub analyzer: AnalyzerOptions,
    /// Count numbers («32,5», «٢٠١٦») as terms. Off by default: a number is rarely
    /// what a frequency list or a keyword list is asked for.
    pub numbers: bool,
    /// Merge a term that is another term behind a preposition the light stemmer
    /// leaves on (ب ك ل: «لمهرج» into «مهرج»), when the other term is at least as
    /// frequent (see [`super::DisplayForms`]).
    pub merge_clitics: bool,
    /// Keep each document's sequence of terms (what contiguous collocations and
    /// windows need; 4 bytes a word).
    pub sequences: bool,
}

impl Default for CountOptions {
    fn default() -> Self {
        CountOptions {
            analyzer: AnalyzerOptions::default(),
            numbers: false,
            merge_clitics: true,
            sequences: false,
        }
    }
}

/// Each document's term counts, the number of words of each document, and the
/// display form of every term.
///
/// Term ids number the terms in sorted (code-point) order. A document's *words*
/// are its Arabic, Latin and number tokens (stopwords and numbers included): the
/// denominator of relative frequencies.
///
/// ```
/// use warraq::stats::{CountOptions, TermCounts};
/// let c = TermCounts::count(&["المهرجان والمهرجان", "لمهرجان في 2016"], &CountOptions::default()).unwrap();
/// let id = c.id("مهرج").unwrap();
/// assert_eq!(c.total(id), 3); // «لمهرجان» is merged into «مهرج»
/// assert_eq!(c.id("لمهرج"), Some(id));
/// assert_eq!(c.form(id), "المهرجان");
/// assert_eq!(c.doc_form(1, id), "لمهرجان");
/// assert_eq!(c.words(1), 3);
/// assert_eq!(c.doc_terms(1), [(id, 1)]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct TermCounts {
    pub(super) terms: Vec<String>,
    pub(super) docs: Vec<Vec<(u32, u32)>>,
    pub(super) words: Vec<u64>,
    pub(super) totals: Vec<u64>,
    pub(super) forms: DisplayForms,
    /// Terms merged into another one, sorted, with the id they count as.
    pub(super) merged: Vec<(String, u32)>,
    pub(super) sequences: Option<Vec<Vec<u32>>>,
    /// What the texts were counted with (None: [`TermCounts::from_terms`]).
    pub(super) options: Option<CountOptions>,
}

/// One document as a chunk counts it: (term, count, the surface it has most often
/// in the document), by local term id.
type DocRow = Vec<(u32, u32, u32)>;

/// The counts of one chunk of texts, in local ids.
#[derive(Default)]
struct Chunk<'a> {
    terms: Vec<String>,
    term_ids: FxHashMap<String, u32>,
    surfaces: Vec<&'a str>,
    /// Raw word → (surface id, where its term ids start in `ids`, how many).
    cache: FxHashMap<&'a str, (u32, u32, u32)>,
    ids: Vec<u32>,
    /// Piece of text between ASCII spaces and line breaks → (where its (term or
    /// [`NONE`], surface) items start in `items`, how many, its words): a piece is
    /// tokenised once per chunk, not at every occurrence.
    pieces: FxHashMap<&'a str, (u32, u32, u32)>,
    items: Vec<(u32, u32)>,
    tokens: Vec<Token>,
    docs: Vec<DocRow>,
    words: Vec<u64>,
    /// Per surface: its (term, surface) occurrences (a surface's terms are fixed,
    /// so this is all the pair counts need), and where its term ids are in `ids`.
    surface_counts: Vec<u64>,
    surface_terms: Vec<(u32, u32)>,
    sequences: Vec<Vec<u32>>,
}

impl<'a> Chunk<'a> {
    fn lookup(
        &mut self,
        word: &'a str,
        analyzer: &Analyzer,
        scratch: &mut Scratch,
        numbers: bool,
    ) -> (u32, u32, u32) {
        if let Some(&hit) = self.cache.get(word) {
            return hit;
        }
        let surface = self.surfaces.len() as u32;
        self.surfaces.push(word);
        let start = self.ids.len() as u32;
        let Chunk {
            terms,
            term_ids,
            ids,
            ..
        } = self;
        analyzer.for_each_term(word, scratch, &mut |t| {
            if !numbers && is_number(t) {
                return;
            }
            let id = match term_ids.get(t) {
                Some(&id) => id,
                None => {
                    let id = terms.len() as u32;
                    terms.push(t.to_owned());
                    term_ids.insert(t.to_owned(), id);
                    id
                }
            };
            ids.push(id);
        });
        let hit = (surface, start, self.ids.len() as u32 - start);
        self.cache.insert(word, hit);
        self.surface_counts.push(0);
        self.surface_terms.push((hit.1, hit.2));
        hit
    }

    /// The items of one piece of text (see [`Chunk::pieces`]). Tokens never cross
    /// an ASCII space or a line break, so the piece's tokens are the text's there.
    fn piece(
        &mut self,
        piece: &'a str,
        analyzer: &Analyzer,
        scratch: &mut Scratch,
        numbers: bool,
    ) -> (u32, u32, u32) {
        if let Some(&hit) = self.pieces.get(piece) {
            return hit;
        }
        let mut tokens = std::mem::take(&mut self.tokens);
        tokens.clear();
        tokens_into(piece, &mut tokens);
        let start = self.items.len() as u32;
        let mut words = 0u32;
        for t in &tokens {
            match t.kind {
                TokenKind::Arabic | TokenKind::Latin | TokenKind::Number => words += 1,
                TokenKind::Hashtag | TokenKind::Mention => {}
                _ => continue,
            }
            if t.kind == TokenKind::Number && !numbers {
                self.items.push((NONE, 0));
                continue;
            }
            let (surface, at, len) = self.lookup(t.as_str(piece), analyzer, scratch, numbers);
            if len == 0 {
                self.items.push((NONE, 0));
            }
            for k in at..at + len {
                let id = self.ids[k as usize];
                self.items.push((id, surface));
            }
        }
        self.tokens = tokens;
        let hit = (start, self.items.len() as u32 - start, words);
        self.pieces.insert(piece, hit);
        hit
    }

    fn count<S: AsRef<str>>(texts: &'a [S], analyzer: &Analyzer, options: &CountOptions) -> Self {
        let mut chunk = Chunk::default();
        let mut scratch = Scratch::default();
        let mut occurrences: Vec<(u32, u32)> = Vec::new();
        for text in texts {
            let text = text.as_ref();
            occurrences.clear();
            let mut sequence = Vec::new();
            let mut words = 0u64;
            for piece in Pieces::new(text) {
                let (start, len, n) = chunk.piece(piece, analyzer, &mut scratch, options.numbers);
                words += u64::from(n);
                for k in start..start + len {
                    let (id, surface) = chunk.items[k as usize];
                    if id != NONE {
                        occurrences.push((id, surface));
                    }
                    if options.sequences {
                        sequence.push(id);
                    }
                }
            }
            chunk.words.push(words);
            if options.sequences {
                chunk.sequences.push(sequence);
            }
            let row = chunk.runs(&mut occurrences);
            chunk.docs.push(row);
        }
        chunk
    }

    /// Counts sorted (term, surface) occurrences into a document row, adding them
    /// to the chunk's pair counts.
    fn runs(&mut self, occurrences: &mut [(u32, u32)]) -> DocRow {
        occurrences.sort_unstable();
        let mut row: DocRow = Vec::new();
        let mut i = 0;
        while i < occurrences.len() {
            let term = occurrences[i].0;
            let (mut total, mut best, mut best_n) = (0u32, 0u32, 0u32);
            while i < occurrences.len() && occurrences[i].0 == term {
                let surface = occurrences[i].1;
                let mut n = 0u32;
                while i < occurrences.len() && occurrences[i] == (term, surface) {
                    n += 1;
                    i += 1;
                }
                self.surface_counts[surface as usize] += u64::from(n);
                let better = n > best_n
                    || (n == best_n
                        && self.surfaces[surface as usize] < self.surfaces[best as usize]);
                if better {
                    (best, best_n) = (surface, n);
                }
                total += n;
            }
            row.push((term, total, best));
        }
        row
    }
}

impl TermCounts {
    /// Counts `texts` (in parallel, see [`crate::parallel`]).
    ///
    /// A `char_wb` analyzer is an `InvalidOption` error: statistics count words.
    pub fn count<S: AsRef<str> + Sync>(texts: &[S], options: &CountOptions) -> Result<Self> {
        if options.analyzer.kind == AnalyzerKind::CharWb {
            return Err(Error::invalid_option(
                "analyzer",
                "corpus statistics count words: use the \"word\" or \"whitespace\" analyzer",
            ));
        }
        let analyzer = Analyzer::new(AnalyzerOptions {
            ngram_range: (1, 1),
            ..options.analyzer.clone()
        });
        let size = chunk_size(texts.len());
        let chunks: Vec<Chunk<'_>> = if crate::parallel::parallelism() && texts.len() > size {
            use rayon::prelude::*;
            texts
                .par_chunks(size)
                .map(|c| Chunk::count(c, &analyzer, options))
                .collect()
        } else {
            texts
                .chunks(size.max(1))
                .map(|c| Chunk::count(c, &analyzer, options))
                .collect()
        };
        let mut counts = Self::merge_chunks(chunks, options.sequences);
        if options.merge_clitics {
            forms::merge_clitics(&mut counts);
        }
        counts.options = Some(options.clone());
        Ok(counts)
    }

    /// Counts terms found elsewhere (entities, dictionary categories): each document
    /// is its list of terms, each term its own display form; `words` gives each
    /// document's number of words (None: the number of its terms).
    ///
    /// ```
    /// use warraq::stats::TermCounts;
    /// let c = TermCounts::from_terms(&[vec!["دمشق", "حلب", "دمشق"], vec![]], Some(&[10, 4]));
    /// assert_eq!(c.total(c.id("دمشق").unwrap()), 2);
    /// assert_eq!(c.words(0), 10);
    /// ```
    pub fn from_terms<S: AsRef<str>>(docs: &[Vec<S>], words: Option<&[u64]>) -> Self {
        let mut chunk = Chunk::default();
        let mut occurrences: Vec<(u32, u32)> = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            occurrences.clear();
            for t in doc {
                let t = t.as_ref();
                let id = match chunk.term_ids.get(t) {
                    Some(&id) => id,
                    None => {
                        let id = chunk.terms.len() as u32;
                        chunk.terms.push(t.to_owned());
                        chunk.term_ids.insert(t.to_owned(), id);
                        chunk.surfaces.push(t);
                        chunk.surface_terms.push((chunk.ids.len() as u32, 1));
                        chunk.ids.push(id);
                        chunk.surface_counts.push(0);
                        id
                    }
                };
                occurrences.push((id, id));
            }
            chunk.words.push(words.map_or(doc.len() as u64, |w| w[d]));
            let row = chunk.runs(&mut occurrences);
            chunk.docs.push(row);
        }
        Self::merge_chunks(vec![chunk], false)
    }

    /// Chunks in local ids → sorted global term ids, display forms.
    fn merge_chunks(chunks: Vec<Chunk<'_>>, keep_sequences: bool) -> Self {
        let mut global: FxHashMap<&str, u32> = FxHashMap::default();
        let mut terms: Vec<&str> = Vec::new();
        for c in &chunks {
            for t in &c.terms {
                global.entry(t.as_str()).or_insert_with(|| {
                    terms.push(t.as_str());
                    terms.len() as u32 - 1
                });
            }
        }
        let mut order: Vec<u32> = (0..terms.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| terms[a as usize].cmp(terms[b as usize]));
        let mut rank = vec![0u32; terms.len()];
        for (r, &g) in order.iter().enumerate() {
            rank[g as usize] = r as u32;
        }
        let sorted: Vec<String> = order
            .iter()
            .map(|&g| terms[g as usize].to_owned())
            .collect();
        let n_terms = sorted.len();

        let mut surface_ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut surfaces: Vec<String> = Vec::new();
        let mut pairs: FxHashMap<(u32, u32), u64> = FxHashMap::default();
        let mut totals = vec![0u64; n_terms];
        let (mut docs, mut words, mut doc_surfaces) = (Vec::new(), Vec::new(), Vec::new());
        let mut sequences = keep_sequences.then(Vec::new);
        for c in &chunks {
            let term_map: Vec<u32> = c
                .terms
                .iter()
                .map(|t| rank[global[t.as_str()] as usize])
                .collect();
            let surface_map: Vec<u32> = c
                .surfaces
                .iter()
                .map(|s| {
                    *surface_ids.entry(s).or_insert_with(|| {
                        surfaces.push((*s).to_owned());
                        surfaces.len() as u32 - 1
                    })
                })
                .collect();
            for (s, (&n, &(start, len))) in
                c.surface_counts.iter().zip(&c.surface_terms).enumerate()
            {
                if n == 0 || len == 0 {
                    continue;
                }
                // every occurrence of the surface gave one pair for each of its terms
                let each = n / u64::from(len);
                for &t in &c.ids[start as usize..(start + len) as usize] {
                    *pairs
                        .entry((term_map[t as usize], surface_map[s]))
                        .or_default() += each;
                }
            }
            for row in &c.docs {
                let mut counts: Vec<(u32, u32)> = Vec::with_capacity(row.len());
                let mut best: Vec<(u32, u32)> = Vec::with_capacity(row.len());
                for &(t, n, s) in row {
                    let t = term_map[t as usize];
                    totals[t as usize] += u64::from(n);
                    counts.push((t, n));
                    best.push((t, surface_map[s as usize]));
                }
                counts.sort_unstable();
                best.sort_unstable();
                docs.push(counts);
                doc_surfaces.push(best);
            }
            words.extend_from_slice(&c.words);
            if let Some(seqs) = sequences.as_mut() {
                for s in &c.sequences {
                    seqs.push(
                        s.iter()
                            .map(|&t| {
                                if t == NONE {
                                    NONE
                                } else {
                                    term_map[t as usize]
                                }
                            })
                            .collect(),
                    );
                }
            }
        }
        let forms = DisplayForms::new(surfaces, n_terms, &pairs, doc_surfaces);
        TermCounts {
            terms: sorted,
            docs,
            words,
            totals,
            forms,
            merged: Vec::new(),
            sequences,
            options: None,
        }
    }

    /// Documents counted.
    pub fn n_docs(&self) -> usize {
        self.docs.len()
    }

    /// Distinct terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether no term was counted.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Terms by id (sorted).
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The term with this id.
    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }

    /// The id of `term`, or of the term it was merged into.
    pub fn id(&self, term: &str) -> Option<u32> {
        if let Ok(i) = self.terms.binary_search_by(|t| t.as_str().cmp(term)) {
            return Some(i as u32);
        }
        self.merged
            .binary_search_by(|(t, _)| t.as_str().cmp(term))
            .ok()
            .map(|i| self.merged[i].1)
    }

    /// The terms merged into others, each with the id it counts as.
    pub fn merged(&self) -> &[(String, u32)] {
        &self.merged
    }

    /// Occurrences of each term in the corpus, by id.
    pub fn totals(&self) -> &[u64] {
        &self.totals
    }

    /// Occurrences of one term in the corpus.
    pub fn total(&self, id: u32) -> u64 {
        self.totals[id as usize]
    }

    /// Document `doc`'s (term id, count) pairs, by term id.
    pub fn doc_terms(&self, doc: usize) -> &[(u32, u32)] {
        &self.docs[doc]
    }

    /// The number of words of document `doc`.
    pub fn words(&self, doc: usize) -> u64 {
        self.words[doc]
    }

    /// Every document's number of words.
    pub fn word_counts(&self) -> &[u64] {
        &self.words
    }

    /// The display forms.
    pub fn forms(&self) -> &DisplayForms {
        &self.forms
    }

    /// The word the corpus writes most often for the term `id`.
    pub fn form(&self, id: u32) -> &str {
        self.forms.form(id)
    }

    /// The word document `doc` writes most often for the term `id` (the corpus's
    /// when the document does not hold it).
    pub fn doc_form(&self, doc: usize, id: u32) -> &str {
        self.forms.doc_form(doc, id)
    }

    /// The readable form of any analyzer term, n-grams included (each word's form,
    /// joined by a space; a word not counted stays as it is), in document `doc`
    /// or the corpus.
    ///
    /// ```
    /// use warraq::stats::{CountOptions, TermCounts};
    /// let c = TermCounts::count(&["أسعار النفط"], &CountOptions::default()).unwrap();
    /// assert_eq!(c.display("اسعار نفط", None), "أسعار النفط");
    /// assert_eq!(c.display("ذهب", Some(0)), "ذهب");
    /// ```
    pub fn display(&self, term: &str, doc: Option<usize>) -> String {
        let one = |w: &str| match self.id(w) {
            Some(id) => match doc {
                Some(d) => self.doc_form(d, id).to_owned(),
                None => self.form(id).to_owned(),
            },
            None => w.to_owned(),
        };
        if !term.contains(' ') {
            return one(term);
        }
        term.split(' ').map(one).collect::<Vec<_>>().join(" ")
    }

    /// What the texts were counted with (None for [`TermCounts::from_terms`]).
    pub fn options(&self) -> Option<&CountOptions> {
        self.options.as_ref()
    }

    /// Document `doc`'s terms by word position ([`NONE`] for a word that is no
    /// term), when counted with [`CountOptions::sequences`].
    pub fn sequence(&self, doc: usize) -> Option<&[u32]> {
        self.sequences.as_ref().map(|s| s[doc].as_slice())
    }
}

/// Texts per parallel chunk: enough chunks to balance the threads, each large
/// enough for its word cache to pay.
fn chunk_size(n: usize) -> usize {
    let threads = rayon::current_num_threads().max(1);
    (n / (threads * 2)).clamp(64, 16384)
}
