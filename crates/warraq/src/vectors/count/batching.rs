//! How a stream of documents is cut into batches for counting: the form they are
//! read in, the size of each batch, and the buffers reused from one batch to the
//! next. A caller reading documents from elsewhere (the Python binding) asks a
//! [`BatchPlan`] for the next batch's size, reads that much, and counts what it
//! read with [`Documents::count`].

use super::{CountedBatch, SharedCounting};
use crate::analyze::Analyzer;
use crate::text::ScalarBuf;

/// Documents in a batch, at most: a batch of news articles is then a few MB.
const MAX_BATCH_DOCS: usize = 8192;
/// Bytes at which a batch of texts read as UTF-8 ends early (long texts).
/// Counting works best on large batches: each batch's chunks have their own
/// vocabularies, merged one by one.
const MAX_BATCH_BYTES: usize = 32 << 20;
/// Bytes at which the first batch of texts read as UTF-8 ends; each next batch may
/// be twice as large, up to [`MAX_BATCH_BYTES`]. Nothing is counted until the
/// first batch is read, so it is kept small.
const FIRST_BATCH_BYTES: usize = 1 << 20;
/// Code points at which a batch of texts read as code points ends early (32 MB
/// of them).
const MAX_BATCH_CODE_POINTS: usize = 8 << 20;
/// Code points at which the first such batch ends; each next batch may be twice as
/// large, up to [`MAX_BATCH_CODE_POINTS`].
const FIRST_BATCH_CODE_POINTS: usize = 1 << 19;
/// Batches after which the sizes stop doubling (they reach their maximum before).
const RAMP_STEPS: u32 = 8;

/// The form in which a stream's documents are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchInput {
    /// Each document given as its terms (what a callable analyzer returned).
    Terms,
    /// Texts as UTF-8, each batch counted on its own (into statistics that outlive
    /// the call, which should not keep a shared counting's lexicon maps).
    Utf8,
    /// Texts as code points in a [`ScalarBuf`], all batches counted with one
    /// [`SharedCounting`] into one fit or matrix: nothing is turned into UTF-8 but
    /// the pieces of text the counting has not seen before.
    CodePoints,
}

impl BatchInput {
    /// How to read a stream of documents given as their terms (`terms`) or as
    /// texts, counted with a shared counting (`shared`) or batch by batch.
    ///
    /// ```
    /// use warraq::vectors::BatchInput;
    /// assert_eq!(BatchInput::of_stream(true, true), BatchInput::Terms);
    /// assert_eq!(BatchInput::of_stream(false, true), BatchInput::CodePoints);
    /// assert_eq!(BatchInput::of_stream(false, false), BatchInput::Utf8);
    /// ```
    pub fn of_stream(terms: bool, shared: bool) -> Self {
        match (terms, shared) {
            (true, _) => BatchInput::Terms,
            (false, true) => BatchInput::CodePoints,
            (false, false) => BatchInput::Utf8,
        }
    }
}

/// How much the next batch holds: at most `max_docs` documents, and it ends with
/// the document that takes it to `max_units` (bytes of UTF-8, or code points) or
/// beyond.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchSize {
    /// Documents, at most.
    pub max_docs: usize,
    /// Bytes or code points after which no document is added.
    pub max_units: usize,
}

/// The batches of one counted stream: small ones first, so that counting starts
/// early, then twice as large each time up to a maximum; and the code-point
/// buffers of batches already counted, filled again by the next ones (fresh
/// memory costs a page fault per 4 KB written).
///
/// ```
/// use warraq::analyze::Analyzer;
/// use warraq::vectors::{BatchInput, BatchPlan, DocumentFrequencies, Documents, SharedCounting};
///
/// let texts = ["النفط والذهب", "الذهب"];
/// let mut plan = BatchPlan::new(BatchInput::CodePoints);
/// let (analyzer, counting) = (Analyzer::default(), SharedCounting::new());
/// let mut stats = DocumentFrequencies::new();
/// let mut next = texts.iter();
/// loop {
///     let size = plan.next_size();
///     let mut buf = plan.buffer();
///     while buf.len() < size.max_docs && buf.code_points() < size.max_units {
///         let Some(text) = next.next() else { break };
///         let code_points: Vec<u32> = text.chars().map(u32::from).collect();
///         buf.push_checked(&code_points).unwrap();
///     }
///     if buf.is_empty() {
///         break;
///     }
///     stats.add_batch(Documents::CodePoints(&buf).count(&analyzer, Some(&counting)));
///     plan.recycle(buf);
/// }
/// assert_eq!((stats.n_docs(), stats.df("ذهب")), (2, Some(2)));
/// ```
#[derive(Debug)]
pub struct BatchPlan {
    input: BatchInput,
    /// Batches sized so far.
    batches: u32,
    /// Buffers of counted batches, to fill again.
    spare: Vec<ScalarBuf>,
}

impl BatchPlan {
    /// A plan for a stream read as `input`.
    pub fn new(input: BatchInput) -> Self {
        BatchPlan {
            input,
            batches: 0,
            spare: Vec::new(),
        }
    }

    /// The form the stream is read in.
    pub fn input(&self) -> BatchInput {
        self.input
    }

    /// The size of the next batch.
    ///
    /// ```
    /// use warraq::vectors::{BatchInput, BatchPlan};
    /// let mut plan = BatchPlan::new(BatchInput::CodePoints);
    /// let sizes: Vec<usize> = (0..6).map(|_| plan.next_size().max_units).collect();
    /// assert_eq!(sizes, [1 << 19, 1 << 20, 1 << 21, 1 << 22, 1 << 23, 1 << 23]);
    /// assert_eq!(plan.next_size().max_docs, 8192);
    /// ```
    pub fn next_size(&mut self) -> BatchSize {
        let grown = self.batches.min(RAMP_STEPS);
        let max_units = match self.input {
            // Terms come from a Python callable, one document at a time: no ramp.
            BatchInput::Terms => return Self::batch(usize::MAX),
            BatchInput::Utf8 => (FIRST_BATCH_BYTES << grown).min(MAX_BATCH_BYTES),
            BatchInput::CodePoints => (FIRST_BATCH_CODE_POINTS << grown).min(MAX_BATCH_CODE_POINTS),
        };
        self.batches += 1;
        Self::batch(max_units)
    }

    fn batch(max_units: usize) -> BatchSize {
        BatchSize {
            max_docs: MAX_BATCH_DOCS,
            max_units,
        }
    }

    /// An empty buffer for the next batch read as code points: a spent one when
    /// there is one, with room for the largest batch and for the text that ends it
    /// (which may go past its end), so that it never grows.
    pub fn buffer(&mut self) -> ScalarBuf {
        let mut buf = self.spare.pop().unwrap_or_default();
        buf.clear();
        buf.reserve(2 * MAX_BATCH_CODE_POINTS);
        buf
    }

    /// Gives back the buffer of a batch that was counted.
    pub fn recycle(&mut self, buf: ScalarBuf) {
        self.spare.push(buf);
    }
}

/// One batch of documents as read, to count.
#[derive(Debug, Clone, Copy)]
pub enum Documents<'a> {
    /// Documents given as their terms.
    Terms(&'a [Vec<String>]),
    /// Texts as UTF-8.
    Utf8(&'a [&'a str]),
    /// Texts as code points.
    CodePoints(&'a ScalarBuf),
}

impl Documents<'_> {
    /// Counts the batch (in parallel) with `analyzer`, in `counting`'s lexicons
    /// for texts read as code points (given terms and UTF-8 texts are numbered
    /// batch by batch).
    pub fn count(&self, analyzer: &Analyzer, counting: Option<&SharedCounting>) -> CountedBatch {
        match *self {
            Documents::Terms(docs) => CountedBatch::of_terms(docs),
            Documents::Utf8(texts) => CountedBatch::of_texts(analyzer, texts),
            Documents::CodePoints(buf) => match counting {
                Some(counting) => counting.count_chars(analyzer, &buf.texts()),
                None => SharedCounting::new().count_chars(analyzer, &buf.texts()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_ramp_up_to_their_maximum_and_terms_have_none() {
        let mut utf8 = BatchPlan::new(BatchInput::Utf8);
        let sizes: Vec<usize> = (0..12).map(|_| utf8.next_size().max_units).collect();
        assert_eq!(
            sizes[..6],
            [1 << 20, 1 << 21, 1 << 22, 1 << 23, 1 << 24, 1 << 25]
        );
        assert!(sizes[6..].iter().all(|&s| s == MAX_BATCH_BYTES));
        let mut terms = BatchPlan::new(BatchInput::Terms);
        for _ in 0..3 {
            assert_eq!(
                terms.next_size(),
                BatchSize {
                    max_docs: MAX_BATCH_DOCS,
                    max_units: usize::MAX
                }
            );
        }
    }

    #[test]
    fn a_recycled_buffer_comes_back_empty_with_its_room() {
        let mut plan = BatchPlan::new(BatchInput::CodePoints);
        let mut buf = plan.buffer();
        buf.push_checked(&[0x41]).unwrap();
        plan.recycle(buf);
        let again = plan.buffer();
        assert!(again.is_empty());
        assert_eq!(again.code_points(), 0);
    }

    #[test]
    fn every_input_counts_the_same_documents() {
        let analyzer = Analyzer::default();
        let texts = ["ارتفعت أسعار النفط", "الذهب والنفط"];
        let terms: Vec<Vec<String>> = texts.iter().map(|t| analyzer.analyze(t)).collect();
        let mut buf = ScalarBuf::default();
        for t in texts {
            buf.push_checked(&t.chars().map(u32::from).collect::<Vec<_>>())
                .unwrap();
        }
        let counting = SharedCounting::new();
        let df = |batch: CountedBatch| {
            let mut s = crate::vectors::DocumentFrequencies::new();
            s.add_batch(batch);
            let mut t: Vec<(String, u64)> = s
                .terms()
                .iter()
                .map(|t| (t.clone(), s.df(t).unwrap()))
                .collect();
            t.sort();
            t
        };
        let expected = df(Documents::Utf8(&texts).count(&analyzer, None));
        assert_eq!(
            df(Documents::Terms(&terms).count(&analyzer, None)),
            expected
        );
        assert_eq!(
            df(Documents::CodePoints(&buf).count(&analyzer, Some(&counting))),
            expected
        );
        assert_eq!(
            df(Documents::CodePoints(&buf).count(&analyzer, None)),
            expected
        );
    }
}
