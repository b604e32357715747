//! The counting engine behind TF-IDF and [`DocumentFrequencies`]: from documents
//! to the term counts of each of them, in parallel.
//!
//! # Data flow
//!
//! ```text
//!  text  (UTF-8 str, or code points: text::ScalarBuf, or given terms)
//!   │
//!   ▼
//!  pieces          runs of text between ASCII spaces and line feeds: the
//!   │              word analyzer never looks across them          pieces.rs, code_points.rs
//!   ▼
//!  piece cache ──► hit: the piece's term id, no analysis            pieces.rs (PieceCache)
//!   │ miss
//!   ▼
//!  analyzer        normalise, tokenise, drop stopwords, stem       crate::analyze
//!   │
//!   ▼
//!  lexicon         term → id (TermIndex of packed keys), and where  lexicon.rs, table.rs, keys.rs
//!   │              each term was last counted
//!   ▼
//!  Counts          per chunk of documents: CSR-like ids and counts  (this file)
//!   │              of each document, and the terms it numbered
//!   ▼
//!  resolve         chunk or lexicon ids → positions in statistics   lexicon.rs (resolve_ids)
//!   │              (DocumentFrequencies) or vocabulary columns
//!   ▼
//!  columns         each id's column and idf side by side            tfidf/weigh.rs (TermColumn)
//!   │
//!   ▼
//!  weigh           rows of the CSR matrix, written in place         tfidf/weigh.rs
//! ```
//!
//! A batch of documents is cut into chunks, counted in parallel
//! ([`crate::parallel::map`]), each chunk on one thread in one lexicon. A chunk
//! numbered on its own ([`CountedBatch::of_texts`]) has a lexicon of its own; a
//! [`SharedCounting`] keeps about one lexicon per thread for all the batches of a
//! call, so that a term is numbered, stored and merged once per lexicon, and the
//! piece caches stay warm. A stream of batches is read by the sizes a
//! [`BatchPlan`] gives.
//!
//! # The ordering rule
//!
//! The batches counted with one [`SharedCounting`] must reach the one place they
//! are added to (one [`FitBatches`](super::FitBatches), one
//! [`TfidfVectorizer::transform_batches`](super::TfidfVectorizer::transform_batches)
//! call, or one [`DocumentFrequencies`]) in the order they were counted: a chunk
//! names only the terms it added to its lexicon, whose ids follow those of the
//! chunks counted before in that lexicon. The chunks of one batch may come in any
//! order. The rule is checked when the ids are resolved (a batch out of order
//! panics), not by the types: counting the next batch while the previous one is
//! added, on another thread, is the point of counting apart, and a pipeline that
//! keeps its batches in order (as the Python binding's does) keeps the rule.
//! All the batches of one counting are counted with one analyzer: a lexicon's
//! cache remembers the terms of the pieces it saw.
//!
//! How the pieces were tuned, and what was tried and dropped: `PERFORMANCE.md`
//! beside this file.

mod batching;
mod code_points;
mod keys;
mod lexicon;
mod pieces;
mod table;

pub use batching::{BatchInput, BatchPlan, BatchSize, Documents};
pub(crate) use lexicon::{resolve_ids, IdMap};

use crate::analyze::{Analyzer, Scratch};
use lexicon::{count_chunk_in, Lexicon, Numbering};

#[cfg(doc)]
use super::DocumentFrequencies;

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

/// The terms of a pre-tokenised document.
#[allow(clippy::ptr_arg)] // matches `TermsOf<Vec<T>>`
pub(crate) fn terms_given<T: AsRef<str>>(doc: &Vec<T>, _: &mut Scratch, f: &mut dyn FnMut(&str)) {
    doc.iter().for_each(|t| f(t.as_ref()));
}

/// Counts the terms of `docs` (one chunk, on the calling thread), numbered for
/// the chunk alone.
pub(crate) fn count_chunk<D>(docs: &[D], terms_of: &TermsOf<'_, D>) -> Counts {
    count_chunk_in(docs, terms_of, &mut Lexicon::default(), Numbering::Own)
}

/// Counts `docs` in parallel chunks (in input order).
pub(crate) fn count_docs<D: Sync>(docs: &[D], terms_of: &TermsOf<'_, D>) -> Vec<Counts> {
    crate::parallel::map(&chunks_of(docs), |chunk| count_chunk(chunk, terms_of))
}

/// Counts the terms `analyzer` finds in `texts`, in parallel chunks (in input
/// order), each numbered on its own.
fn count_texts<S: AsRef<str> + Sync>(analyzer: &Analyzer, texts: &[S]) -> Vec<Counts> {
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
        return pieces::count_chunk_by_piece(analyzer, texts, lexicon, numbering);
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

/// Counts batch after batch in lexicons kept from one chunk to the next (one per
/// chunk counted at the same time, so about one per thread): a term is numbered,
/// stored and merged once per lexicon, not once per chunk, and the frequent pieces
/// of text stay cached. What a fit over many batches (or a transform) needs.
///
/// Its batches must be added in the order they were counted, all counted with one
/// analyzer: see the ordering rule in this module's documentation (`vectors/count/mod.rs`).
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

    /// The number that names this counting's lexicons in the statistics they are
    /// added to.
    pub(crate) fn id(&self) -> u64 {
        self.id
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
        if let Some((t, i, c)) = code_points::first_invalid_code_point(texts) {
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
    /// the whole batch: see [`ScalarBuf`](crate::text::ScalarBuf)).
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

    fn count_scalar_values<C: code_points::CodePoint>(
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
                    code_points::count_code_point_chunk_by_piece(
                        analyzer, chunk, lexicon, numbering,
                    )
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
            first_new: lexicon.len(),
        };
        let counts = count(&mut lexicon, numbering);
        self.idle
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((number, lexicon));
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::super::DocumentFrequencies;
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
            let (mut shared, mut by_code_point, mut by_char, mut by_scalar_buf) = (
                DocumentFrequencies::new(),
                DocumentFrequencies::new(),
                DocumentFrequencies::new(),
                DocumentFrequencies::new(),
            );
            let (counting, code_point_counting, char_counting, scalar_buf_counting) = (
                SharedCounting::new(),
                SharedCounting::new(),
                SharedCounting::new(),
                SharedCounting::new(),
            );
            let mut buf = crate::text::ScalarBuf::default();
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
                    buf.clear();
                    for text in &code_points {
                        buf.push_checked(text).unwrap();
                    }
                    by_scalar_buf
                        .add_batch(scalar_buf_counting.count_chars(&analyzer, &buf.texts()));
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
            assert_eq!(
                table(&alone),
                table(&by_scalar_buf),
                "{:?}",
                analyzer.options()
            );
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
    #[should_panic(expected = "in the order they were counted")]
    fn a_batch_of_one_counting_before_an_earlier_one_is_refused() {
        let analyzer = Analyzer::default();
        let counting = SharedCounting::new();
        let first = counting.count_texts(&analyzer, &["النفط"]);
        let second = counting.count_texts(&analyzer, &["الذهب"]);
        let mut stats = DocumentFrequencies::new();
        stats.add_batch(second);
        stats.add_batch(first);
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
