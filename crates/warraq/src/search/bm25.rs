//! BM25 with `k1` and `b` chosen per index.
//!
//! tantivy's own BM25 (`tantivy::query::Bm25Weight`) fixes `k1 = 1.2` and
//! `b = 0.75` as constants and reads document lengths from its one-byte
//! field norms (exact up to 40 terms, then rounded). So each query term is a
//! [`Bm25TermQuery`]: its own `Weight` and `Scorer` over tantivy's postings,
//! reading the exact length of each document from the `len` fast field (or
//! `title_len`, for the title's own field). It
//! composes with tantivy's boolean, phrase and range queries like any query.
//!
//! The formula is Lucene's (and bm25s's `method="lucene"`):
//!
//! ```text
//! idf(t)      = ln(1 + (N - df(t) + 0.5) / (df(t) + 0.5))
//! score(t, d) = idf(t) · tf / (tf + k1 · (1 - b + b · len(d) / avg_len))
//! ```
//!
//! `N` and `df` count every document in the segments (one replaced by adding its
//! id again counts until segments merge, as in Lucene); each term's score is
//! computed in `f64` and summed by tantivy in `f32`.

use std::sync::Arc;
use tantivy::columnar::ColumnValues;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, Term};

/// The statistics BM25 needs of the whole index, read once per search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CorpusStats {
    /// Documents in the index (`N`).
    pub docs: u64,
    /// Mean number of terms per document.
    pub avg_len: f64,
}

impl CorpusStats {
    /// The statistics of `field` over the segments of `searcher`.
    pub(crate) fn of(searcher: &Searcher, field: Field) -> tantivy::Result<CorpusStats> {
        let mut docs = 0u64;
        let mut tokens = 0u64;
        for segment in searcher.segment_readers() {
            docs += u64::from(segment.max_doc());
            tokens += segment.inverted_index(field)?.total_num_tokens();
        }
        let avg_len = if docs == 0 {
            1.0
        } else {
            tokens as f64 / docs as f64
        };
        Ok(CorpusStats {
            docs,
            avg_len: avg_len.max(f64::MIN_POSITIVE),
        })
    }
}

/// Lucene's idf: `ln(1 + (N - df + 0.5) / (df + 0.5))`.
///
/// ```
/// let idf = warraq::search::bm25_idf(1, 3);
/// assert!((idf - (1.0f64 + 2.5 / 1.5).ln()).abs() < 1e-12);
/// ```
pub fn bm25_idf(doc_freq: u64, docs: u64) -> f64 {
    let (n, df) = (docs as f64, doc_freq as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// One term, scored by BM25 with the index's `k1` and `b`.
#[derive(Debug, Clone)]
pub(crate) struct Bm25TermQuery {
    term: Term,
    len_field: &'static str,
    params: Params,
}

#[derive(Debug, Clone, Copy)]
struct Params {
    idf: f64,
    k1: f64,
    b: f64,
    avg_len: f64,
}

impl Bm25TermQuery {
    /// The query for `term`, its idf taken from `searcher`.
    pub(crate) fn new(
        searcher: &Searcher,
        term: Term,
        stats: CorpusStats,
        k1: f32,
        b: f32,
    ) -> tantivy::Result<Self> {
        let df = searcher.doc_freq(&term)?;
        let ranked = searcher.schema().get_field_name(term.field());
        Ok(Bm25TermQuery {
            len_field: super::schema::length_field(ranked),
            term,
            params: Params {
                idf: bm25_idf(df, stats.docs),
                k1: f64::from(k1),
                b: f64::from(b),
                avg_len: stats.avg_len,
            },
        })
    }
}

impl Query for Bm25TermQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let params = if enable_scoring.is_scoring_enabled() {
            self.params
        } else {
            Params {
                idf: 0.0,
                ..self.params
            }
        };
        Ok(Box::new(Bm25TermWeight {
            term: self.term.clone(),
            len_field: self.len_field,
            params,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.term, false);
    }
}

struct Bm25TermWeight {
    term: Term,
    len_field: &'static str,
    params: Params,
}

impl Bm25TermWeight {
    fn scorer_of(&self, reader: &SegmentReader) -> tantivy::Result<Option<Bm25Scorer>> {
        let postings = reader
            .inverted_index(self.term.field())?
            .read_postings(&self.term, IndexRecordOption::WithFreqs)?;
        let Some(postings) = postings else {
            return Ok(None);
        };
        let lengths = reader
            .fast_fields()
            .column_first_or_default::<u64>(self.len_field)?;
        Ok(Some(Bm25Scorer {
            postings,
            lengths,
            params: self.params,
        }))
    }
}

impl Weight for Bm25TermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.scorer_of(reader)? {
            Some(mut s) => {
                s.params.idf *= f64::from(boost);
                Box::new(s)
            }
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        let mut e = Explanation::new("BM25 (Lucene's; k1, b of the index)", scorer.score());
        e.add_const("idf", self.params.idf as Score);
        e.add_const("k1", self.params.k1 as Score);
        e.add_const("b", self.params.b as Score);
        e.add_const("avg_len", self.params.avg_len as Score);
        Ok(e)
    }
}

struct Bm25Scorer {
    postings: SegmentPostings,
    lengths: Arc<dyn ColumnValues<u64>>,
    params: Params,
}

impl DocSet for Bm25Scorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for Bm25Scorer {
    fn score(&mut self) -> Score {
        let Params {
            idf,
            k1,
            b,
            avg_len,
        } = self.params;
        let tf = f64::from(self.postings.term_freq());
        let len = self.lengths.get_val(self.postings.doc()) as f64;
        (idf * tf / (tf + k1 * (1.0 - b + b * len / avg_len))) as Score
    }
}
