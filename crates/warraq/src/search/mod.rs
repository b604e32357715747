//! Ranked search over a corpus: a persistent index on [tantivy] with warraq's
//! analyzer as its tokenizer, BM25 with `k1` and `b` of your choosing, phrase and
//! boolean queries, filters on metadata and snippets highlighted in the raw text.
//!
//! - [`WarraqTokenizer`] ([`analyzer`](self)) runs [`crate::analyze`] (normalise,
//!   stopwords, clitic-aware light stem) as tantivy's tokenizer, with offsets into
//!   the raw text: a search for «تدمر» finds «بتدمر», «وتدمر», «تدمُر».
//! - [`SearchOptions`] ([`schema`](self)) fix the analyzer and BM25's `k1`/`b`; they
//!   are kept with the index (`warraq-search.json`, with the format version).
//! - `bm25`: BM25 per term as its own tantivy `Weight` and `Scorer` (tantivy's
//!   constants cannot be set), with exact document lengths.
//! - [`parse_query`] ([`query`](self)) reads `word word`, `"phrase"`, `AND`, `OR`,
//!   `NOT`/`-`, `+`, parentheses; an error names its position ([`crate::Error::Query`]).
//! - [`SearchFilter`]: sources, a published range, tags.
//! - [`Snippet`]: the best passage of the raw body, matches as code-point ranges.
//!
//! [`SearchIndex::create`], [`SearchIndex::add`], [`SearchIndex::open`] and
//! [`SearchIndex::search`] are the API. A writer holds tantivy's lock file: a second
//! one, in this process or another, is refused ([`crate::Error::Index`]); searches
//! go on meanwhile and see what was committed after [`SearchIndex::reload`].

mod analyzer;
mod bm25;
mod compile;
mod filter;
mod index;
mod packed;
mod query;
mod schema;
mod snippet;
#[cfg(test)]
mod tests;

pub use analyzer::{analyze_terms, AnalyzedTerm, WarraqTokenStream, WarraqTokenizer};
pub use bm25::{bm25_idf, CorpusStats};
pub use filter::SearchFilter;
pub use index::{SearchDoc, SearchHit, SearchIndex, SearchWriter};
pub use query::{parse_query, QueryNode};
pub use schema::{SearchOptions, FORMAT};
pub use snippet::Snippet;
