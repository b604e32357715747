//! A whole corpus: files of scraped articles or records → cleaned [`Document`]s.
//!
//! Sources are folders (walked recursively), files, glob patterns, or lists of
//! these ([`list_files`]). Each file is decoded ([`decode`]: UTF-8 with or without
//! BOM, UTF-16 with BOM, Windows-1256; detected or forced) and read in its format
//! ([`Format`]): one scraped article per `.txt`, a JSON array of records, JSON
//! lines, CSV, or TREC/Gigaword SGML with one or many `<DOC>` per file. Records
//! that carry fields (title, author, url, date) keep them; their text still goes
//! through [`parse_document_with`](crate::document::parse_document_with).
//!
//! Files are read in parallel with rayon ([`read_files`]). A bad file either stops
//! the run with an error naming the file and the line or byte offset
//! ([`OnError::Raise`]) or is skipped and reported in [`Corpus::errors`]
//! ([`OnError::Skip`]). Reading a corpus chunk by chunk (with progress, handing the
//! documents of each chunk on) is one state machine, [`plan_chunks`] →
//! [`read_chunk`] → [`finish`], that [`read_corpus`], the Python binding and
//! `warraq.dask` all drive.
//!
//! # Corpus-level boilerplate, in linear time
//! Menus, footers and widgets that survive per-document cleaning recur verbatim in
//! many documents of the same source. [`remove_recurring`] finds them in two passes
//! over the parsed documents: the first counts, for each source, in how many
//! documents each (folded, hashed) paragraph occurs — one hash-map update per
//! paragraph; the second removes the paragraphs whose count reaches the threshold
//! and reports them with [`Reason::Recurring`](crate::document::Reason::Recurring). Time and memory are linear in the
//! number of paragraphs; no document is compared with another. The two passes are
//! also public on their own ([`RecurringCounts`], mergeable, and [`RecurringLines`]),
//! so that a corpus spread over machines is counted part by part, the counts merged,
//! and the same lines removed everywhere, with the result of one machine.
//!
//! [`iter_corpus`] streams documents file by file without holding the corpus (and so
//! without the corpus-level pass); [`CorpusStream`] does it in parallel, in batches.
//!
//! # Layout
//! - `listing`: sources → the files of a corpus ([`list_corpus_files`]);
//! - `decode`: bytes → text ([`decode`]);
//! - `formats`: text → documents, one file per format (`json`, `csv`, `sgml`);
//! - `reader`: files → records, the chunked state machine and [`CorpusStream`];
//! - `recurring`: the corpus-level pass ([`RecurringCounts`], [`RecurringPlan`]);
//! - `arrow`: documents → Arrow record batches ([`documents_batch`], the schema
//!   [`corpus_schema`]) and the [`ReadReport`] that travels with them;
//! - `parquet`: a corpus streamed to a Parquet file ([`write_parquet`]).
//!
//! ```
//! use warraq::corpus::{read_corpus, CorpusOptions};
//! let dir = std::env::temp_dir().join("warraq_corpus_doc_example");
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "عنوان الخبر\n\nقال الوزير إن المشروع بدأ في العاصمة.").unwrap();
//! std::fs::write(dir.join("b.jsonl"), "{\"title\": \"خبر\", \"text\": \"نص الخبر هنا.\"}\n").unwrap();
//! let corpus = read_corpus(&[dir.display().to_string()], &CorpusOptions::default()).unwrap();
//! assert_eq!(corpus.records.len(), 2);
//! assert_eq!(corpus.records[0].document.title.as_deref(), Some("عنوان الخبر"));
//! assert_eq!(corpus.records[1].document.title.as_deref(), Some("خبر"));
//! ```

mod arrow;
mod decode;
mod formats;
mod listing;
mod parquet;
mod reader;
mod recurring;

pub use arrow::{
    apply_plan_to_batches, corpus_schema, corpus_schema_with, documents_batch, ReadReport,
    REPORT_KEY,
};
pub use parquet::{for_each_chunk, write_parquet, CorpusParquetWriter, ParquetSummary};

pub use decode::{decode, decode_owned};
pub use formats::{
    is_warc_name, ArchiveCounts, EmptyRecord, FileDocuments, FlattenedPage, Format, RecordColumns,
    WarcPages, MAX_HEADER_BYTES, MAX_RECORD_BYTES, PAGES_PER_BATCH,
};
pub use listing::{
    is_non_article_name, list_corpus_files, list_files, FileList, NON_ARTICLE_NAMES,
};
pub use reader::{
    finish, plan_chunks, read_bytes, read_bytes_all, read_chunk, read_file, read_file_all,
    read_files, remove_recurring, Batch, Chunk, ChunkLimits, Chunks, CorpusStream,
};
pub use recurring::{
    source_key, Applied, Change, RecurringCounts, RecurringKeys, RecurringLines, RecurringPlan,
};

use crate::document::Document;
use crate::parallel::Jobs;
use crate::{Error, Result};
use std::path::PathBuf;
use std::str::FromStr;

/// What to do with a file that cannot be read.
///
/// ```
/// use warraq::corpus::OnError;
/// assert_eq!("skip".parse::<OnError>().unwrap(), OnError::Skip);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    /// Stop at the first bad file (in file order) with its error.
    Raise,
    /// Skip bad files and list their errors in [`Corpus::errors`].
    Skip,
}

impl FromStr for OnError {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "raise" => Ok(OnError::Raise),
            "skip" => Ok(OnError::Skip),
            _ => Err(Error::invalid_option(
                "errors",
                format!("{s:?}: expected \"raise\" or \"skip\""),
            )),
        }
    }
}

/// Options of [`read_corpus`].
///
/// ```
/// use warraq::corpus::{CorpusOptions, OnError};
/// let o = CorpusOptions { errors: OnError::Skip, ..CorpusOptions::default() };
/// assert_eq!(o.recurring_min_docs, 5);
/// ```
#[derive(Debug, Clone)]
pub struct CorpusOptions {
    /// File format (default: detected per file).
    pub format: Format,
    /// Encoding label understood by encoding_rs («utf-8», «utf-16», «windows-1256»,
    /// «cp1256»…), or `None` to detect.
    pub encoding: Option<String>,
    /// Raise or skip on bad files.
    pub errors: OnError,
    /// Column/key holding the article text in CSV and JSON records (default: the
    /// first of its aliases, `text`, `content`, `body`, `article`…; see
    /// [`RecordColumns`]). The same as `columns.text`, which wins when both are set.
    pub text_column: Option<String>,
    /// Column/key holding the record id (default: `id`, else the URL, else
    /// `file#n`). The same as `columns.id`, which wins when both are set.
    pub id_column: Option<String>,
    /// The fields of CSV and JSON records holding each part of an article, by
    /// exact name; parts not named are found by their aliases.
    pub columns: RecordColumns,
    /// Keep records whose text is blank as documents with an empty body (they are
    /// listed in [`Corpus::empty`] either way).
    pub keep_empty: bool,
    /// Read only the pages of WARC archives in these languages (primary subtags,
    /// `["ar"]`), found cheaply before a page is parsed (see [`ArchiveCounts`]);
    /// `None` reads every page.
    pub languages: Option<Vec<String>>,
    /// Remove paragraphs recurring across documents of the same source.
    pub recurring: bool,
    /// A paragraph is recurring when it occurs in at least this many documents of a source…
    pub recurring_min_docs: usize,
    /// …and in at least this share of them.
    pub recurring_min_share: f64,
    /// Paragraphs longer than this many words are never treated as recurring
    /// boilerplate (the same story printed twice is not a widget).
    pub recurring_max_words: usize,
    /// The threads files are read on (default: rayon's global pool; see
    /// [`Jobs::new`] for the `n_jobs` rule).
    pub jobs: Jobs,
    /// Keep `Document::paragraphs`; `false` drops them after parsing (the body still
    /// holds the same text, split on blank lines), halving the memory a corpus takes.
    pub keep_paragraphs: bool,
    /// Read documentation files found in folders (README, LICENSE, SOURCE…; see
    /// [`is_non_article_name`]) as articles too.
    pub include_non_articles: bool,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions {
            format: Format::Auto,
            encoding: None,
            errors: OnError::Raise,
            text_column: None,
            id_column: None,
            columns: RecordColumns::default(),
            keep_empty: false,
            languages: None,
            recurring: true,
            recurring_min_docs: 5,
            recurring_min_share: 0.02,
            recurring_max_words: 30,
            jobs: Jobs::Global,
            keep_paragraphs: true,
            include_non_articles: false,
        }
    }
}

impl CorpusOptions {
    /// [`columns`](Self::columns) with `text_column` and `id_column` filled in
    /// where it names no field of its own.
    ///
    /// ```
    /// use warraq::corpus::CorpusOptions;
    /// let o = CorpusOptions { text_column: Some("full_text".into()), ..CorpusOptions::default() };
    /// assert_eq!(o.record_columns().text.as_deref(), Some("full_text"));
    /// ```
    pub fn record_columns(&self) -> std::borrow::Cow<'_, RecordColumns> {
        use std::borrow::Cow;
        let fill = |named: &Option<String>, shorthand: &Option<String>| {
            named.is_none() && shorthand.is_some()
        };
        if !fill(&self.columns.text, &self.text_column) && !fill(&self.columns.id, &self.id_column)
        {
            return Cow::Borrowed(&self.columns);
        }
        let mut columns = self.columns.clone();
        columns.text = columns.text.or_else(|| self.text_column.clone());
        columns.id = columns.id.or_else(|| self.id_column.clone());
        Cow::Owned(columns)
    }
}

/// A document and the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The file the document was read from.
    pub path: String,
    /// The cleaned document.
    pub document: Document,
}

impl Record {
    /// A record with only what a row of `warraq.read_corpus`'s DataFrame holds of a
    /// document for the corpus-level pass: its source, its file and its body
    /// (paragraphs separated by blank lines).
    ///
    /// ```
    /// let r = warraq::corpus::Record::from_body(None, "a/1.txt".into(), "فقرة.\n\nأخرى.".into());
    /// assert_eq!(r.document.paragraph_views(), ["فقرة.", "أخرى."]);
    /// ```
    pub fn from_body(source: Option<String>, path: String, body: String) -> Record {
        Record {
            path,
            document: Document {
                source,
                body,
                ..Document::default()
            },
        }
    }
}

/// The result of [`read_corpus`]: documents in file order, and the errors of
/// skipped files.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Every document read.
    pub records: Vec<Record>,
    /// The error of each skipped file (empty under [`OnError::Raise`]).
    pub errors: Vec<Error>,
    /// Documentation files left out by [`list_corpus_files`] (README, LICENSE…).
    pub skipped_files: Vec<PathBuf>,
    /// Records whose text is blank, in file order (left out of `records` unless
    /// [`CorpusOptions::keep_empty`]).
    pub empty: Vec<EmptyRecord>,
    /// The HTML pages read with their deepest elements flattened, in file order.
    pub flattened: Vec<FlattenedPage>,
    /// What each WARC archive held, in file order.
    pub archives: Vec<ArchiveReport>,
}

/// One WARC archive's [`ArchiveCounts`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveReport {
    /// The archive.
    pub path: PathBuf,
    /// Its records, pages and skips.
    pub counts: ArchiveCounts,
}

/// Lists, reads, cleans and de-boilerplates a corpus (see the [module docs](self)):
/// the whole list as one chunk, then the corpus-level pass.
pub fn read_corpus(sources: &[String], options: &CorpusOptions) -> Result<Corpus> {
    let list = list_corpus_files(sources, options.include_non_articles)?;
    let Chunk {
        mut records,
        keys,
        errors,
        empty,
        flattened,
        archives,
    } = read_chunk(&list.files, options)?;
    finish(&keys, options).apply_to_records(&mut records);
    Ok(Corpus {
        records,
        errors,
        skipped_files: list.skipped,
        empty,
        flattened,
        archives,
    })
}

/// Streams the documents of a corpus file by file, holding one file at a time (no
/// corpus-level pass), and a WARC archive [`PAGES_PER_BATCH`] pages at a time.
/// Errors are yielded in place, whatever `options.errors` says (an archive's
/// skipped records included).
///
/// ```
/// use warraq::corpus::{iter_corpus, CorpusOptions};
/// let dir = std::env::temp_dir().join("warraq_iter_corpus_example");
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("a.txt"), "عنوان\n\nنص الخبر هنا.").unwrap();
/// let n = iter_corpus(&[dir.display().to_string()], CorpusOptions::default()).unwrap().filter(|r| r.is_ok()).count();
/// assert_eq!(n, 1);
/// ```
pub fn iter_corpus(
    sources: &[String],
    options: CorpusOptions,
) -> Result<impl Iterator<Item = Result<Record>>> {
    let files = list_corpus_files(sources, options.include_non_articles)?.files;
    Ok(files.into_iter().flat_map(move |path| {
        let display = path.display().to_string();
        let record = move |document| {
            Ok(Record {
                path: display.clone(),
                document,
            })
        };
        let items: Box<dyn Iterator<Item = Result<Record>>> =
            if is_warc_name(&path.to_string_lossy()) || options.format == Format::Warc {
                match WarcPages::open(&path, &options) {
                    Ok(mut pages) => {
                        let mut finished = false;
                        Box::new(
                            std::iter::from_fn(move || {
                                if finished {
                                    return None;
                                }
                                let read = pages.next_documents(PAGES_PER_BATCH);
                                let mut out: Vec<Result<Document>> =
                                    pages.take_errors().into_iter().map(Err).collect();
                                match read {
                                    Ok(Some(docs)) => out.extend(docs.into_iter().map(Ok)),
                                    Ok(None) => finished = true,
                                    Err(e) => {
                                        out.push(Err(e));
                                        finished = true;
                                    }
                                }
                                (!out.is_empty() || !finished).then_some(out)
                            })
                            .flatten()
                            .map(move |d| d.and_then(&record)),
                        )
                    }
                    Err(e) => Box::new(std::iter::once(Err(e))),
                }
            } else {
                match read_file(&path, &options) {
                    Ok(docs) => {
                        Box::new(docs.into_iter().map(record).collect::<Vec<_>>().into_iter())
                    }
                    Err(e) => Box::new(std::iter::once(Err(e))),
                }
            };
        items
    }))
}

/// A fresh path in this test run's scratch folder.
#[cfg(test)]
fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("warraq_corpus_tests_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}
