//! The index on disk: create, open, add documents, search.

use super::analyzer::{for_each_term, TermBuffers, WarraqTokenizer, TOKENIZER};
use super::compile::Compiler;
use super::filter::{date, naive, SearchFilter};
use super::packed::{push_term, PackedTokenizer, PACKED};
use super::query::parse_query;
use super::schema::{self, Fields, Meta, SearchOptions};
use super::snippet::{Snippet, Snippets};
use crate::analyze::Analyzer;
use crate::{Error, Result};
use chrono::NaiveDateTime;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::directory::error::LockError;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Value;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

/// One document to index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchDoc {
    /// Its id: adding a document under an id already in the index (or queued
    /// before it by the same writer) replaces it.
    pub id: String,
    /// The title (searched and shown).
    pub title: String,
    /// The body (searched; snippets are cut from it).
    pub body: String,
    /// The source, for filters.
    pub source: Option<String>,
    /// The publication date, for filters (stored to the second).
    pub published: Option<NaiveDateTime>,
    /// Tags, for filters.
    pub tags: Vec<String>,
}

/// One result of [`SearchIndex::search`].
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// The document's id.
    pub id: String,
    /// Its BM25 score.
    pub score: f32,
    /// Its title.
    pub title: String,
    /// Its source.
    pub source: Option<String>,
    /// Its publication date.
    pub published: Option<NaiveDateTime>,
    /// The passage of its body with the matches.
    pub snippet: Snippet,
}

/// A persistent BM25 index of a corpus, on tantivy, with warraq's analyzer.
///
/// ```
/// use warraq::search::{SearchDoc, SearchFilter, SearchIndex, SearchOptions};
/// let dir = std::env::temp_dir().join(format!("warraq-doc-search-{}", std::process::id()));
/// # let _ = std::fs::remove_dir_all(&dir);
/// let index = SearchIndex::create(&dir, SearchOptions::default()).unwrap();
/// index.add(&[
///     SearchDoc { id: "a".into(), title: "تدمر".into(), body: "دخل الجيش بتدمُر أمس".into(), ..Default::default() },
///     SearchDoc { id: "b".into(), title: "حلب".into(), body: "هدوء في حلب".into(), ..Default::default() },
/// ]).unwrap();
/// let reopened = SearchIndex::open(&dir).unwrap();
/// let hits = reopened.search("تدمر", 10, &SearchFilter::default()).unwrap();
/// assert_eq!(hits.len(), 1);
/// assert_eq!(hits[0].id, "a");
/// assert_eq!(hits[0].snippet.highlighted_with("[", "]"), "دخل الجيش [بتدمُر] أمس");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub struct SearchIndex {
    path: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    options: SearchOptions,
    analyzer: Arc<Analyzer>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("path", &self.path)
            .field("docs", &self.num_docs())
            .finish()
    }
}

/// Memory tantivy's writer may buffer before it writes a segment.
const WRITER_MEMORY: usize = 200_000_000;

impl SearchIndex {
    /// Creates an empty index in `path` (a new or empty directory).
    pub fn create(path: impl AsRef<Path>, options: SearchOptions) -> Result<SearchIndex> {
        let path = path.as_ref();
        options.validate()?;
        std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))?;
        let non_empty = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .next()
            .is_some();
        if non_empty {
            return Err(index_error(
                path,
                "the directory is not empty (open an index with SearchIndex::open)",
            ));
        }
        let (schema, fields) = schema::build();
        let index = Index::create_in_dir(path, schema).map_err(|e| tantivy_error(path, e))?;
        Meta::new(&options).write(path)?;
        SearchIndex::ready(path, index, fields, options)
    }

    /// Opens the index in `path`; a directory that is not an index, is damaged, or
    /// was written by another format version is a clear [`Error::Index`].
    pub fn open(path: impl AsRef<Path>) -> Result<SearchIndex> {
        let path = path.as_ref();
        let meta = Meta::read(path)?;
        let index = Index::open_in_dir(path).map_err(|e| tantivy_error(path, e))?;
        let fields = schema::fields_of(&index.schema()).map_err(|m| index_error(path, m))?;
        let opened = SearchIndex::ready(path, index, fields, meta.options)?;
        // Reading every segment's files now finds damage here, not in a search.
        let searcher = opened.reader.searcher();
        for segment in searcher.segment_readers() {
            let ranked = [(fields.text, "len"), (fields.title_text, "title_len")];
            for (field, len) in ranked {
                segment
                    .inverted_index(field)
                    .and_then(|_| {
                        segment
                            .fast_fields()
                            .column_first_or_default::<u64>(len)
                            .map(|_| ())
                    })
                    .map_err(|e| tantivy_error(path, e))?;
            }
        }
        Ok(opened)
    }

    fn ready(
        path: &Path,
        index: Index,
        fields: Fields,
        options: SearchOptions,
    ) -> Result<SearchIndex> {
        let analyzer = Arc::new(Analyzer::new(options.analyzer.clone()));
        index
            .tokenizers()
            .register(TOKENIZER, WarraqTokenizer::from_shared(analyzer.clone()));
        index
            .tokenizers()
            .register(PACKED, PackedTokenizer::default());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| tantivy_error(path, e))?;
        Ok(SearchIndex {
            path: path.to_owned(),
            index,
            reader,
            fields,
            options,
            analyzer,
        })
    }

    /// The directory of the index.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The options the index was created with.
    pub fn options(&self) -> &SearchOptions {
        &self.options
    }

    /// The number of documents searched.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Sees what other writers (another process) have committed since.
    pub fn reload(&self) -> Result<()> {
        self.reader
            .reload()
            .map_err(|e| tantivy_error(&self.path, e))
    }

    /// A writer, holding the index's lock until it is committed or dropped: a
    /// second writer, in this process or another, is refused with an
    /// [`Error::Index`] saying so. Searches go on meanwhile.
    pub fn writer(&self, threads: usize) -> Result<SearchWriter> {
        let threads = threads.clamp(1, 8);
        let writer = self
            .index
            .writer_with_num_threads(threads, WRITER_MEMORY.max(threads * 20_000_000))
            .map_err(|e| tantivy_error(&self.path, e))?;
        Ok(SearchWriter {
            writer,
            reader: self.reader.clone(),
            fields: self.fields,
            path: self.path.clone(),
            replace: self.num_docs() > 0,
            queued: HashSet::new(),
            analyzer: self.analyzer.clone(),
        })
    }

    /// Adds `docs` (replacing documents of the same ids) and commits, on two
    /// indexing threads.
    pub fn add(&self, docs: &[SearchDoc]) -> Result<usize> {
        let mut w = self.writer(2)?;
        w.add(docs)?;
        w.commit()
    }

    /// The terms the index makes of each text: a document's (`expand`: with the terms
    /// behind ب ك ل, and a document is its title's terms then its body's) or a
    /// query's words. In parallel.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("warraq-doc-terms-{}", std::process::id()));
    /// # let _ = std::fs::remove_dir_all(&dir);
    /// let index = warraq::search::SearchIndex::create(&dir, Default::default()).unwrap();
    /// assert_eq!(index.terms(&["بتدمر"], true), [["بتدمر", "تدمر"]]);
    /// assert_eq!(index.terms(&["بتدمر"], false), [["بتدمر"]]);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn terms<S: AsRef<str> + Sync>(&self, texts: &[S], expand: bool) -> Vec<Vec<String>> {
        texts
            .par_iter()
            .map_init(TermBuffers::default, |buffers, text| {
                let mut out = Vec::new();
                for_each_term(
                    &self.analyzer,
                    text.as_ref(),
                    expand,
                    buffers,
                    &mut |t, _, _, _| out.push(t.to_owned()),
                );
                out
            })
            .collect()
    }

    /// The `k` best documents for `query` (see [`super::parse_query`] for its
    /// syntax) among those `filter` lets through, best first; ties in document order.
    pub fn search(&self, query: &str, k: usize, filter: &SearchFilter) -> Result<Vec<SearchHit>> {
        self.search_with(query, k, filter, true)
    }

    /// [`Self::search`], cutting snippets only when `snippets` (otherwise each hit's
    /// snippet is empty: ranking alone, what a peer without snippets is timed on).
    pub fn search_with(
        &self,
        query: &str,
        k: usize,
        filter: &SearchFilter,
        snippets: bool,
    ) -> Result<Vec<SearchHit>> {
        let Some(node) = parse_query(query)? else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        let t = |e| tantivy_error(&self.path, e);
        let mut compiler = Compiler::new(
            &self.analyzer,
            &searcher,
            self.fields.text,
            (self.fields.title_text, self.options.title_boost),
            self.options.k1,
            self.options.b,
        )
        .map_err(t)?;
        let Some(main) = compiler.compile(&node, true).map_err(t)? else {
            return Ok(Vec::new());
        };
        let query: Box<dyn Query> = if filter.is_empty() {
            main
        } else {
            let mut clauses = vec![(Occur::Must, main)];
            clauses.extend(filter.clauses(&self.fields));
            Box::new(BooleanQuery::new(clauses))
        };
        let top = searcher
            .search(&*query, &TopDocs::with_limit(k.max(1)).order_by_score())
            .map_err(t)?;
        let snippets = if !snippets {
            None
        } else {
            Some(
                Snippets::new(
                    &searcher,
                    WarraqTokenizer::from_shared(self.analyzer.clone()),
                    self.fields.text,
                    &compiler.terms,
                    self.options.snippet_bytes,
                )
                .map_err(t)?,
            )
        };
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top.into_iter().take(k) {
            let doc: TantivyDocument = searcher.doc(address).map_err(t)?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str().map(str::to_owned))
            };
            hits.push(SearchHit {
                id: text(self.fields.id).unwrap_or_default(),
                score,
                title: text(self.fields.title).unwrap_or_default(),
                source: text(self.fields.source),
                published: doc
                    .get_first(self.fields.published)
                    .and_then(|v| v.as_datetime())
                    .and_then(naive),
                snippet: match &snippets {
                    Some(s) => s.of(&text(self.fields.body).unwrap_or_default()),
                    None => Snippet::default(),
                },
            });
        }
        Ok(hits)
    }
}

/// Adds documents to a [`SearchIndex`]; nothing is searchable before
/// [`SearchWriter::commit`]. Dropping it uncommitted discards what it added.
pub struct SearchWriter {
    writer: IndexWriter,
    reader: IndexReader,
    fields: Fields,
    path: PathBuf,
    /// The index held documents when the writer opened: every id may replace one.
    replace: bool,
    /// The ids this writer has queued (one queued again replaces the earlier one).
    queued: HashSet<String>,
    analyzer: Arc<Analyzer>,
}

/// Documents analyzed together before they go to the writer.
const ADD_CHUNK: usize = 1024;

/// Positions between the title's last word and the body's first (a phrase never
/// runs from one into the other).
const POSITION_GAP: usize = 10;

impl SearchWriter {
    /// Queues `docs` for indexing: analyzed in parallel (rayon), then handed to
    /// the writer's threads.
    ///
    /// An id works as an upsert, the last document given under it wins: one
    /// already in the index is replaced, and so is one queued earlier by this
    /// writer, in this call (the earlier one is not even analyzed) or a previous one.
    pub fn add(&mut self, docs: &[SearchDoc]) -> Result<()> {
        let mut last: HashMap<&str, usize> = HashMap::with_capacity(docs.len());
        for (i, d) in docs.iter().enumerate() {
            last.insert(d.id.as_str(), i);
        }
        let kept: Vec<&SearchDoc> = if last.len() == docs.len() {
            docs.iter().collect()
        } else {
            let mut kept: Vec<usize> = last.into_values().collect();
            kept.sort_unstable();
            kept.into_iter().map(|i| &docs[i]).collect()
        };
        for chunk in kept.chunks(ADD_CHUNK) {
            let built: Vec<TantivyDocument> = chunk
                .par_iter()
                .map_init(TermBuffers::default, |buffers, d| self.document(d, buffers))
                .collect();
            for (d, doc) in chunk.iter().zip(built) {
                let again = !self.queued.insert(d.id.clone());
                if self.replace || again {
                    self.writer
                        .delete_term(Term::from_field_text(self.fields.id, &d.id));
                }
                self.writer
                    .add_document(doc)
                    .map_err(|e| tantivy_error(&self.path, e))?;
            }
        }
        Ok(())
    }

    /// The tantivy document of `d`: title and body analyzed as one value of the
    /// `text` field (the body's positions after a gap), its length in `len`; the
    /// title's terms again in `title_text`, their number in `title_len`. Both are
    /// packed strings ([`super::packed`]).
    fn document(&self, d: &SearchDoc, buffers: &mut TermBuffers) -> TantivyDocument {
        let f = self.fields;
        let mut packed = String::with_capacity(2 * (d.title.len() + d.body.len()));
        let mut terms = 0usize;
        let (mut title_terms, mut title_bytes) = (0, 0);
        let mut base = 0;
        for (i, part) in [&d.title, &d.body].into_iter().enumerate() {
            let mut last = None;
            for_each_term(
                &self.analyzer,
                part,
                true,
                buffers,
                &mut |term, _, _, position| {
                    push_term(&mut packed, base + position, term);
                    terms += 1;
                    last = Some(base + position);
                },
            );
            if i == 0 {
                (title_terms, title_bytes) = (terms, packed.len());
            }
            base = last.map_or(base, |p| p + POSITION_GAP);
        }
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &d.id);
        doc.add_text(f.title, &d.title);
        doc.add_text(f.body, &d.body);
        doc.add_u64(f.len, terms as u64);
        doc.add_u64(f.title_len, title_terms as u64);
        if title_terms > 0 {
            doc.add_text(f.title_text, &packed[..title_bytes]);
        }
        doc.add_text(f.text, &packed);
        if let Some(s) = &d.source {
            doc.add_text(f.source, s);
        }
        if let Some(p) = d.published {
            doc.add_date(f.published, date(p));
        }
        for t in &d.tags {
            doc.add_text(f.tags, t);
        }
        doc
    }

    /// Writes what was added, makes it searchable, releases the lock; the number of
    /// distinct ids added (a document queued twice under one id counts once).
    pub fn commit(mut self) -> Result<usize> {
        let t = |e| tantivy_error(&self.path, e);
        self.writer.commit().map_err(t)?;
        self.writer.wait_merging_threads().map_err(t)?;
        self.reader.reload().map_err(t)?;
        Ok(self.queued.len())
    }
}

fn index_error(path: &Path, message: impl Into<String>) -> Error {
    Error::Index {
        path: path.to_owned(),
        message: message.into(),
    }
}

/// tantivy's error as warraq's, saying what it means for the user.
fn tantivy_error(path: &Path, e: TantivyError) -> Error {
    let message = match e {
        TantivyError::LockFailure(LockError::LockBusy, _) => {
            "another writer (in this or another process) is adding to this index; \
             try again when it has committed"
                .to_owned()
        }
        TantivyError::IoError(io) => {
            return Error::io(path, std::io::Error::new(io.kind(), io.to_string()))
        }
        TantivyError::DataCorruption(c) => format!("damaged index: {c:?}"),
        TantivyError::IncompatibleIndex(i) => format!("index written by another version: {i:?}"),
        TantivyError::OpenReadError(e) => format!("damaged index: {e}"),
        TantivyError::OpenDirectoryError(e) => format!("cannot open the index: {e}"),
        TantivyError::SchemaError(e) => format!("damaged index: {e}"),
        other => format!("damaged index: {other}"),
    };
    index_error(path, message)
}
