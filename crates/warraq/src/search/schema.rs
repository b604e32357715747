//! The index's fields, its options, and the metadata file that says a directory is
//! a warraq index of this format.

use crate::analyze::AnalyzerOptions;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};

/// The file beside tantivy's own that names the format and the options.
pub(crate) const META_FILE: &str = "warraq-search.json";

/// The index format this version writes and reads; another one is refused
/// (format 2 added the title's own field, `title_text`, and reads the analyzed
/// fields with the packed tokenizer).
pub const FORMAT: u32 = 2;

/// How an index analyzes and ranks, fixed when it is created and kept with it.
///
/// ```
/// use warraq::search::SearchOptions;
/// let o = SearchOptions { k1: 0.9, b: 0.4, ..Default::default() };
/// assert!(o.validate().is_ok());
/// assert!(SearchOptions { b: 1.5, ..o.clone() }.validate().is_err());
/// assert!(SearchOptions { title_boost: -1.0, ..o }.validate().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchOptions {
    /// BM25's term-frequency saturation (`k1 >= 0`).
    pub k1: f32,
    /// BM25's length normalisation (`0 <= b <= 1`).
    pub b: f32,
    /// Weight of the title's own BM25 (a field of the title's terms alone, with
    /// the title's length) added to the BM25 of title and body together
    /// (`>= 0`; 0: title and body are one field). A title word says more about
    /// a document than a body word: on SaudiNewsNet's known-item search it is
    /// worth about three points of MRR@10 (docs/performance.md).
    pub title_boost: f32,
    /// The analyzer run on documents and queries (the word analyzer).
    pub analyzer: AnalyzerOptions,
    /// Longest snippet, in bytes of the raw text.
    pub snippet_bytes: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            k1: 1.2,
            b: 0.75,
            title_boost: 1.0,
            analyzer: AnalyzerOptions::default(),
            snippet_bytes: 300,
        }
    }
}

impl SearchOptions {
    /// Checks `k1`, `b` and the analyzer (the word analyzer, unigrams).
    pub fn validate(&self) -> Result<()> {
        if !(self.k1.is_finite() && self.k1 >= 0.0) {
            return Err(Error::invalid_option(
                "k1",
                format!("must be >= 0, got {}", self.k1),
            ));
        }
        if !(0.0..=1.0).contains(&self.b) {
            return Err(Error::invalid_option(
                "b",
                format!("must be in [0, 1], got {}", self.b),
            ));
        }
        if !(self.title_boost.is_finite() && self.title_boost >= 0.0) {
            return Err(Error::invalid_option(
                "title_boost",
                format!("must be >= 0, got {}", self.title_boost),
            ));
        }
        if self.analyzer.kind != crate::analyze::AnalyzerKind::Word
            || self.analyzer.ngram_range != (1, 1)
        {
            return Err(Error::invalid_option(
                "analyzer",
                "a search index takes the word analyzer with ngram_range (1, 1)",
            ));
        }
        self.analyzer.validate()
    }
}

/// What [`META_FILE`] holds.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Meta {
    pub format: u32,
    pub warraq: String,
    pub options: SearchOptions,
}

impl Meta {
    pub(crate) fn new(options: &SearchOptions) -> Meta {
        Meta {
            format: FORMAT,
            warraq: env!("CARGO_PKG_VERSION").to_owned(),
            options: options.clone(),
        }
    }

    pub(crate) fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(META_FILE);
        let json = serde_json::to_vec_pretty(self).map_err(|e| Error::Index {
            path: dir.to_owned(),
            message: e.to_string(),
        })?;
        std::fs::write(&path, json).map_err(|e| Error::io(path, e))
    }

    /// Reads and checks the metadata of the index in `dir`.
    pub(crate) fn read(dir: &Path) -> Result<Meta> {
        let path = dir.join(META_FILE);
        let bad = |message: String| Error::Index {
            path: dir.to_owned(),
            message,
        };
        if !dir.is_dir() {
            return Err(Error::io(
                dir,
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(bad(format!("not a warraq search index (no {META_FILE})")))
            }
            Err(e) => return Err(Error::io(path, e)),
        };
        let value: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| bad(format!("damaged index: {META_FILE} is not JSON ({e})")))?;
        match value.get("format").and_then(|f| f.as_u64()) {
            Some(f) if f == u64::from(FORMAT) => {}
            Some(f) => {
                let by = value.get("warraq").and_then(|v| v.as_str()).unwrap_or("?");
                return Err(bad(format!(
                    "index format {f} (written by warraq {by}); this warraq {} reads format {FORMAT}: rebuild the index",
                    env!("CARGO_PKG_VERSION")
                )));
            }
            None => return Err(bad(format!("damaged index: {META_FILE} has no format"))),
        }
        let meta: Meta = serde_json::from_value(value)
            .map_err(|e| bad(format!("damaged index: {META_FILE}: {e}")))?;
        meta.options
            .validate()
            .map_err(|e| bad(format!("damaged index: {e}")))?;
        Ok(meta)
    }
}

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// The document's id (exact; a document added again under its id replaces it).
    pub id: Field,
    /// The title, stored.
    pub title: Field,
    /// The body, stored (snippets are cut from it).
    pub body: Field,
    /// Title and body analyzed: what queries match and BM25 ranks.
    pub text: Field,
    /// The title alone analyzed (frequencies, no positions): its own BM25, weighted
    /// by [`SearchOptions::title_boost`].
    pub title_text: Field,
    /// The source (exact, for filters).
    pub source: Field,
    /// The publication date (for range filters).
    pub published: Field,
    /// Tags (exact, several per document).
    pub tags: Field,
    /// The number of terms of `text` (BM25's document length, exact).
    pub len: Field,
    /// The number of terms of `title_text`.
    pub title_len: Field,
}

const NAMES: [&str; 10] = [
    "id",
    "title",
    "body",
    "text",
    "title_text",
    "source",
    "published",
    "tags",
    "len",
    "title_len",
];

/// The fast field holding the length of a BM25-ranked field.
pub(crate) fn length_field(ranked: &str) -> &'static str {
    if ranked == "title_text" {
        "title_len"
    } else {
        "len"
    }
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analyzed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(super::packed::PACKED)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", STORED),
        body: b.add_text_field("body", STORED),
        text: b.add_text_field("text", analyzed),
        title_text: b.add_text_field(
            "title_text",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(super::packed::PACKED)
                    .set_index_option(IndexRecordOption::WithFreqs),
            ),
        ),
        source: b.add_text_field("source", STRING | STORED),
        published: b.add_date_field("published", INDEXED | STORED | FAST),
        tags: b.add_text_field("tags", STRING | STORED),
        len: b.add_u64_field("len", NumericOptions::default() | FAST),
        title_len: b.add_u64_field("title_len", NumericOptions::default() | FAST),
    };
    (b.build(), fields)
}

/// The fields of an opened index's schema, or what is missing.
pub(crate) fn fields_of(schema: &Schema) -> std::result::Result<Fields, String> {
    let get = |name: &str| {
        schema
            .get_field(name)
            .map_err(|_| format!("damaged index: the schema has no field {name:?}"))
    };
    let [id, title, body, text, title_text, source, published, tags, len, title_len] = NAMES;
    Ok(Fields {
        id: get(id)?,
        title: get(title)?,
        body: get(body)?,
        text: get(text)?,
        title_text: get(title_text)?,
        source: get(source)?,
        published: get(published)?,
        tags: get(tags)?,
        len: get(len)?,
        title_len: get(title_len)?,
    })
}
