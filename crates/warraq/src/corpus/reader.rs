//! Reading a corpus, as one state machine that every caller drives: Rust's
//! [`read_corpus`](super::read_corpus), the Python binding's chunked reader (which
//! turns each chunk into Python objects while the next is read) and `warraq.dask`.
//!
//! 1. [`plan_chunks`] cuts the file list into chunks ([`ChunkLimits`]: a few
//!    hundred files or 16 MiB, so that progress shows and memory stays bounded);
//! 2. [`read_chunk`] reads one chunk in parallel into a [`Chunk`]: its records, the
//!    small [`RecurringKeys`] the corpus-level pass needs of them, and the errors of
//!    skipped files; the caller keeps the keys and may hand the records on;
//! 3. [`finish`] turns the keys of the whole corpus into the [`RecurringPlan`]: the
//!    paragraphs to remove, document by document.
//!
//! [`CorpusStream`] reads in batches of documents instead, without the corpus-level
//! pass.

use super::decode::decode_text;
use super::formats::{read_text, read_warc, read_warc_bytes};
use super::{
    is_warc_name, ArchiveReport, Corpus, CorpusOptions, FileDocuments, FlattenedPage, Format,
    OnError, Record, RecurringCounts, RecurringKeys, RecurringPlan, WarcPages,
};
use crate::document::Document;
use crate::persist::MAX_INPUT_BYTES;
use crate::{Error, Result};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};

/// Reads one file into documents (see the [corpus docs](super)). A file over
/// [`MAX_INPUT_BYTES`] is refused from its size alone, with an [`Error::Parse`]
/// naming it.
///
/// ```
/// use warraq::corpus::{read_file, CorpusOptions};
/// let path = std::env::temp_dir().join("warraq_read_file_example.sgml");
/// std::fs::write(&path, "<DOC>\n<DOCNO>A-1</DOCNO>\n<TITLE>عنوان</TITLE>\n<TIME>2017-01-26T08:31:00+01:00</TIME>\n<TEXT>\n<P>نص الخبر.</P>\n</TEXT>\n</DOC>\n").unwrap();
/// let docs = read_file(&path, &CorpusOptions::default()).unwrap();
/// assert_eq!(docs[0].id.as_deref(), Some("A-1"));
/// assert_eq!(docs[0].published.unwrap().to_string(), "2017-01-26T08:31:00");
/// ```
pub fn read_file(path: &Path, options: &CorpusOptions) -> Result<Vec<Document>> {
    read_file_all(path, options).map(|read| read.documents)
}

/// [`read_file`], with the records whose text is blank listed apart
/// ([`FileDocuments::empty`]).
///
/// ```
/// use warraq::corpus::{read_file_all, CorpusOptions};
/// let path = std::env::temp_dir().join("warraq_read_file_all_example.json");
/// std::fs::write(&path, r#"[{"text": "نص الخبر."}, {"text": null, "url": "http://x/2"}]"#).unwrap();
/// let read = read_file_all(&path, &CorpusOptions::default()).unwrap();
/// assert_eq!((read.documents.len(), read.empty[0].id.as_str()), (1, "http://x/2"));
/// let keep = CorpusOptions { keep_empty: true, ..CorpusOptions::default() };
/// assert_eq!(read_file_all(&path, &keep).unwrap().documents.len(), 2);
/// ```
pub fn read_file_all(path: &Path, options: &CorpusOptions) -> Result<FileDocuments> {
    use std::io::Read;
    // Archives are streamed, whatever their size.
    if is_archive(path, options) {
        return read_warc(path, options);
    }
    // The size from the open file: one lookup of the path, not two.
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if size > MAX_INPUT_BYTES {
        return Err(Error::Parse {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: format!(
                "file is {size} bytes, over the {MAX_INPUT_BYTES}-byte limit for one file (split it)"
            ),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    read_bytes_all(path, &bytes, options)
}

/// Reads a file's bytes into documents exactly as [`read_file`] reads the file at
/// `path`, without touching the disk: `path` only names the file in errors, gives
/// record ids and (with [`Format::Auto`](crate::corpus::Format::Auto)) the format by its extension.
///
/// ```
/// use std::path::Path;
/// use warraq::corpus::{read_bytes, CorpusOptions};
/// let bytes = "{\"title\": \"خبر\", \"text\": \"نص الخبر هنا.\"}\n{bad".as_bytes();
/// let err = read_bytes(Path::new("a.jsonl"), bytes, &CorpusOptions::default()).unwrap_err();
/// assert!(err.to_string().starts_with("a.jsonl: line 2"));
/// let docs = read_bytes(Path::new("a.jsonl"), &bytes[..55], &CorpusOptions::default()).unwrap();
/// assert_eq!(docs[0].title.as_deref(), Some("خبر"));
/// ```
pub fn read_bytes(path: &Path, bytes: &[u8], options: &CorpusOptions) -> Result<Vec<Document>> {
    read_bytes_all(path, bytes, options).map(|read| read.documents)
}

/// [`read_bytes`], with the records whose text is blank listed apart (see
/// [`EmptyRecord`](super::EmptyRecord)).
pub fn read_bytes_all(path: &Path, bytes: &[u8], options: &CorpusOptions) -> Result<FileDocuments> {
    if is_archive(path, options) {
        return read_warc_bytes(path, bytes, options);
    }
    // Pages find their own charset (HTTP header, <meta>, detection): see `web`.
    if is_page(path, options) {
        let (doc, flattened) = crate::web::read_page_file(path, bytes)?;
        let flattened = FlattenedPage::of(flattened, path, None, doc.id.as_deref());
        return Ok(FileDocuments {
            flattened: flattened.into_iter().collect(),
            ..FileDocuments::from(vec![doc])
        });
    }
    // Borrowed when the bytes are already UTF-8 (no second copy).
    let text = decode_text(path, bytes, options.encoding.as_deref())?;
    read_text(path, &text, options)
}

/// An HTML page by its name (`.html`, `.htm`, `.xhtml`, gzipped or not), or any
/// file when the format is [`Format::Html`](super::Format::Html).
fn is_page(path: &Path, options: &CorpusOptions) -> bool {
    use super::Format;
    match options.format {
        Format::Html => true,
        Format::Auto => path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(crate::web::is_html_name),
        _ => false,
    }
}

/// A WARC archive, by the format asked for or (auto) by its name.
fn is_archive(path: &Path, options: &CorpusOptions) -> bool {
    match options.format {
        Format::Warc => true,
        Format::Auto => path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_warc_name),
        _ => false,
    }
}

/// [`read_file_all`], dropping the paragraphs unless `options.keep_paragraphs`.
fn read_file_kept(path: &Path, options: &CorpusOptions) -> Result<FileDocuments> {
    let mut read = read_file_all(path, options)?;
    if !options.keep_paragraphs {
        for d in &mut read.documents {
            d.paragraphs = Vec::new();
        }
    }
    Ok(read)
}

/// Reads files in parallel (on `options.jobs`), in file order; bad files raise or
/// are collected per `options.errors`. No corpus-level pass (see [`read_chunk`]).
///
/// ```
/// use warraq::corpus::{read_files, CorpusOptions, OnError};
/// let dir = std::env::temp_dir().join("warraq_read_files_example");
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("empty.txt"), "").unwrap();
/// let paths = vec![dir.join("empty.txt")];
/// assert!(read_files(&paths, &CorpusOptions::default()).is_err());
/// let skip = CorpusOptions { errors: OnError::Skip, ..CorpusOptions::default() };
/// let corpus = read_files(&paths, &skip).unwrap();
/// assert_eq!(corpus.errors.len(), 1);
/// ```
pub fn read_files(paths: &[PathBuf], options: &CorpusOptions) -> Result<Corpus> {
    let results = options
        .jobs
        .install(|| crate::parallel::map(paths, |p| read_file_kept(p, options)));
    let mut corpus = Corpus::default();
    for (path, result) in paths.iter().zip(results) {
        match result {
            Ok(read) => {
                let path = path.display().to_string();
                corpus
                    .records
                    .extend(read.documents.into_iter().map(|document| Record {
                        path: path.clone(),
                        document,
                    }));
                corpus.empty.extend(read.empty);
                corpus.flattened.extend(read.flattened);
                corpus.errors.extend(read.errors);
                if let Some(counts) = read.archive {
                    corpus.archives.push(ArchiveReport {
                        path: path.into(),
                        counts,
                    });
                }
            }
            Err(e) if options.errors == OnError::Skip => corpus.errors.push(e),
            Err(e) => return Err(e),
        }
    }
    Ok(corpus)
}

/// How much of a corpus one [`read_chunk`] reads: at most `max_files` files, and
/// files until their sizes reach `max_bytes` (a chunk has at least one file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkLimits {
    /// Files per chunk.
    pub max_files: usize,
    /// Bytes of files per chunk (the last file may cross it).
    pub max_bytes: u64,
}

impl ChunkLimits {
    /// One chunk for the whole list.
    pub const WHOLE: ChunkLimits = ChunkLimits {
        max_files: usize::MAX,
        max_bytes: u64::MAX,
    };

    /// Bytes of files per chunk: the documents of one chunk are handed on (become
    /// Python objects) while the next is read, so the reader holds a few chunks.
    pub const CHUNK_BYTES: u64 = 16 * 1024 * 1024;

    /// The limits for reading `n_files` files with progress: chunks big enough to
    /// keep every core busy (at least 256 files, or 1% of the corpus), small enough
    /// for a lively progress bar (at most 512 files per core), and
    /// [`CHUNK_BYTES`](Self::CHUNK_BYTES).
    ///
    /// ```
    /// use warraq::corpus::ChunkLimits;
    /// assert_eq!(ChunkLimits::for_files(10).max_files, 10);
    /// assert_eq!(ChunkLimits::for_files(10_000).max_files, 256);
    /// assert_eq!(ChunkLimits::for_files(0).max_files, 1);
    /// ```
    pub fn for_files(n_files: usize) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        ChunkLimits {
            max_files: n_files
                .min((n_files / 100).max(256))
                .min(64 * cores * 8)
                .max(1),
            max_bytes: Self::CHUNK_BYTES,
        }
    }
}

/// Cuts `paths` into chunks of at most `limits` (see [`Chunks`]).
///
/// ```
/// use std::path::PathBuf;
/// use warraq::corpus::{plan_chunks, ChunkLimits};
/// let paths: Vec<PathBuf> = (0..5).map(|i| format!("missing-{i}.txt").into()).collect();
/// let limits = ChunkLimits { max_files: 2, ..ChunkLimits::WHOLE };
/// let sizes: Vec<usize> = plan_chunks(paths, limits).map(|c| c.len()).collect();
/// assert_eq!(sizes, [2, 2, 1]);
/// ```
pub fn plan_chunks(paths: Vec<PathBuf>, limits: ChunkLimits) -> Chunks {
    Chunks {
        paths: paths.into_iter(),
        limits,
    }
}

/// The chunks of [`plan_chunks`], cut as they are asked for: a file's size is
/// looked up when its chunk is made (while the chunk before is read), and a file
/// that cannot be looked up counts as empty (reading it reports the error).
#[derive(Debug)]
pub struct Chunks {
    paths: std::vec::IntoIter<PathBuf>,
    limits: ChunkLimits,
}

impl Iterator for Chunks {
    type Item = Vec<PathBuf>;

    fn next(&mut self) -> Option<Vec<PathBuf>> {
        let mut chunk = Vec::new();
        let mut bytes = 0u64;
        while chunk.len() < self.limits.max_files.max(1) && bytes < self.limits.max_bytes {
            let Some(path) = self.paths.next() else { break };
            bytes = bytes.saturating_add(std::fs::metadata(&path).map_or(0, |m| m.len()));
            chunk.push(path);
        }
        (!chunk.is_empty()).then_some(chunk)
    }
}

/// One chunk read by [`read_chunk`].
#[derive(Debug, Default)]
pub struct Chunk {
    /// The documents, in file order.
    pub records: Vec<Record>,
    /// Their keys for the corpus-level pass (empty when `options.recurring` is off):
    /// a few bytes per paragraph, kept by the caller until [`finish`].
    pub keys: Vec<RecurringKeys>,
    /// The errors of the files skipped under [`OnError::Skip`].
    pub errors: Vec<Error>,
    /// The records with blank text (see [`EmptyRecord`](super::EmptyRecord)).
    pub empty: Vec<super::EmptyRecord>,
    /// The pages read with their deepest elements flattened.
    pub flattened: Vec<FlattenedPage>,
    /// What each WARC archive of the chunk held.
    pub archives: Vec<ArchiveReport>,
}

/// Reads a chunk of files in parallel (see [`read_files`]) and computes the keys
/// of its documents for the corpus-level pass, on `options.jobs`.
///
/// ```
/// use warraq::corpus::{finish, plan_chunks, read_chunk, ChunkLimits, CorpusOptions};
/// let dir = std::env::temp_dir().join("warraq_read_chunk_example");
/// std::fs::create_dir_all(&dir).unwrap();
/// let mut paths = Vec::new();
/// for i in 0..6 {
///     let path = dir.join(format!("{i}.txt"));
///     std::fs::write(&path, format!("عنوان {i}\n\nخبر رقم {i} عن الاقتصاد.\n\nهذا الخبر منشور في موقع المدينة اليومي.")).unwrap();
///     paths.push(path);
/// }
/// let options = CorpusOptions::default();
/// let (mut records, mut keys) = (Vec::new(), Vec::new());
/// for chunk in plan_chunks(paths, ChunkLimits { max_files: 4, ..ChunkLimits::WHOLE }) {
///     let chunk = read_chunk(&chunk, &options).unwrap();
///     records.extend(chunk.records);
///     keys.extend(chunk.keys);
/// }
/// let plan = finish(&keys, &options);
/// assert_eq!(plan.changes().len(), 6);
/// assert_eq!(plan.apply_to_records(&mut records), 6);
/// assert_eq!(records[0].document.body, "خبر رقم 0 عن الاقتصاد.");
/// ```
pub fn read_chunk(paths: &[PathBuf], options: &CorpusOptions) -> Result<Chunk> {
    options.jobs.install(|| {
        let corpus = read_files(paths, options)?;
        let keys = RecurringKeys::of_all(&corpus.records, options);
        Ok(Chunk {
            records: corpus.records,
            keys,
            errors: corpus.errors,
            empty: corpus.empty,
            flattened: corpus.flattened,
            archives: corpus.archives,
        })
    })
}

/// The corpus-level pass decided from the keys of every document of the corpus
/// (in corpus order): counted per source, the lines over the threshold, and the
/// documents they change.
pub fn finish(keys: &[RecurringKeys], options: &CorpusOptions) -> RecurringPlan {
    let mut counts = RecurringCounts::new();
    keys.iter().for_each(|k| counts.add_keys(k));
    RecurringPlan::new(&counts.recurring(options), keys)
}

/// Removes paragraphs that recur in many documents of the same source (two linear
/// passes; see the [corpus docs](super)): the keys of every record, [`finish`],
/// then the plan applied to the records. Returns the number of paragraphs removed.
///
/// ```
/// use warraq::corpus::{remove_recurring, CorpusOptions, Record};
/// use warraq::document::parse_document;
/// let mut records: Vec<Record> = (0..6)
///     .map(|i| Record {
///         path: format!("site/{i}.txt"),
///         document: parse_document(
///             &format!("عنوان {i}\n\nخبر رقم {i} عن الاقتصاد في المدينة.\n\nهذا الخبر منشور في موقع المدينة اليومي.\n\nوتبدأ الجولة {i} غداً."),
///             None,
///         ),
///     })
///     .collect();
/// let removed = remove_recurring(&mut records, &CorpusOptions::default());
/// assert_eq!(removed, 6);
/// assert_eq!(records[0].document.paragraphs.len(), 2);
/// assert_eq!(records[0].document.boilerplate.last().unwrap().line, "هذا الخبر منشور في موقع المدينة اليومي.");
/// ```
pub fn remove_recurring(records: &mut [Record], options: &CorpusOptions) -> usize {
    let keys = options
        .jobs
        .install(|| RecurringKeys::of_all(records, options));
    finish(&keys, options).apply_to_records(records)
}

/// Reads a list of files in batches of documents, holding one batch (and the last
/// files read) at a time; files are read in parallel, a few per thread at once. No
/// corpus-level pass (it needs the whole corpus). Errors of skipped files come
/// with the batch read after them.
///
/// ```
/// use warraq::corpus::{list_files, CorpusOptions, CorpusStream};
/// let dir = std::env::temp_dir().join("warraq_corpus_stream_example");
/// std::fs::create_dir_all(&dir).unwrap();
/// for i in 0..3 {
///     std::fs::write(dir.join(format!("{i}.txt")), format!("عنوان {i}\n\nنص الخبر {i}.")).unwrap();
/// }
/// let files = list_files(&[dir.display().to_string()]).unwrap();
/// let mut stream = CorpusStream::new(files, 2, CorpusOptions::default()).unwrap();
/// let mut sizes = Vec::new();
/// while let Some(batch) = stream.next_batch().unwrap() {
///     sizes.push(batch.records.len());
/// }
/// assert_eq!((sizes, stream.files_read()), (vec![2, 1], 3));
/// assert!(CorpusStream::new(Vec::new(), 0, CorpusOptions::default()).is_err());
/// ```
#[derive(Debug)]
pub struct CorpusStream {
    options: CorpusOptions,
    files: VecDeque<PathBuf>,
    files_read: usize,
    docs_read: usize,
    pub(super) pending: VecDeque<Record>,
    errors: Vec<Error>,
    empty: Vec<super::EmptyRecord>,
    flattened: Vec<FlattenedPage>,
    archives: Vec<ArchiveReport>,
    /// The archive being read, a batch of pages at a time.
    open: Option<(String, WarcPages<'static>)>,
    batch_size: usize,
}

/// One batch of a [`CorpusStream`].
#[derive(Debug, Default)]
pub struct Batch {
    /// At most `batch_size` documents, in file order.
    pub records: Vec<Record>,
    /// The errors of the files skipped since the batch before.
    pub errors: Vec<Error>,
    /// The records with blank text read since the batch before.
    pub empty: Vec<super::EmptyRecord>,
    /// The pages read with their deepest elements flattened since the batch before.
    pub flattened: Vec<FlattenedPage>,
    /// What each WARC archive read since the batch before held.
    pub archives: Vec<ArchiveReport>,
}

impl CorpusStream {
    /// A stream of `files` in batches of `batch_size` documents (at least 1).
    pub fn new(files: Vec<PathBuf>, batch_size: usize, options: CorpusOptions) -> Result<Self> {
        if batch_size == 0 {
            return Err(Error::invalid_option("batch_size", "must be at least 1"));
        }
        Ok(CorpusStream {
            options,
            files: files.into(),
            files_read: 0,
            docs_read: 0,
            pending: VecDeque::new(),
            errors: Vec::new(),
            empty: Vec::new(),
            flattened: Vec::new(),
            archives: Vec::new(),
            open: None,
            batch_size,
        })
    }

    /// Files read so far.
    pub fn files_read(&self) -> usize {
        self.files_read
    }

    /// Reads from the open archive, or opens the next file when it is one: its
    /// pages come [`PAGES_PER_BATCH`](super::PAGES_PER_BATCH) at a time, so that an
    /// archive of any size streams in bounded memory. `false` when the next file is
    /// not an archive.
    fn pull_archive(&mut self) -> Result<bool> {
        if self.open.is_none() {
            let Some(path) = self.files.front() else {
                return Ok(false);
            };
            if !is_archive(path, &self.options) {
                return Ok(false);
            }
            let path = self.files.pop_front().unwrap_or_default();
            match WarcPages::open(&path, &self.options) {
                Ok(pages) => self.open = Some((path.display().to_string(), pages)),
                Err(e) if self.options.errors == OnError::Skip => {
                    self.files_read += 1;
                    self.errors.push(e);
                }
                Err(e) => return Err(e),
            }
            return Ok(true);
        }
        let Some((path, pages)) = &mut self.open else {
            return Ok(false);
        };
        let read = pages.next_documents(super::PAGES_PER_BATCH);
        self.errors.extend(pages.take_errors());
        self.flattened.extend(pages.take_flattened());
        match read? {
            Some(docs) => {
                let keep = self.options.keep_paragraphs;
                self.pending.extend(docs.into_iter().map(|mut document| {
                    if !keep {
                        document.paragraphs = Vec::new();
                    }
                    Record {
                        path: path.clone(),
                        document,
                    }
                }));
            }
            None => {
                self.archives.push(ArchiveReport {
                    path: PathBuf::from(path.as_str()),
                    counts: pages.counts(),
                });
                self.open = None;
                self.files_read += 1;
            }
        }
        Ok(true)
    }

    /// The next batch, or `None` at the end. Under [`OnError::Raise`] a bad file's
    /// error is returned instead.
    pub fn next_batch(&mut self) -> Result<Option<Batch>> {
        let threads = crate::parallel::current_num_threads().max(1);
        while self.pending.len() < self.batch_size
            && (self.open.is_some() || !self.files.is_empty())
        {
            if self.pull_archive()? {
                continue;
            }
            // Enough files to fill the batch (from the documents per file so far),
            // and at least one per thread; archives are read apart (above).
            let needed = self.batch_size - self.pending.len();
            let per_file = if self.files_read == 0 {
                1
            } else {
                self.docs_read.div_ceil(self.files_read).max(1)
            };
            let take = needed
                .div_ceil(per_file)
                .clamp(threads, 8 * threads)
                .min(self.files.len());
            let take = self
                .files
                .iter()
                .take(take)
                .position(|p| is_archive(p, &self.options))
                .unwrap_or(take);
            let chunk: Vec<PathBuf> = self.files.drain(..take).collect();
            let corpus = read_files(&chunk, &self.options)?;
            self.files_read += chunk.len();
            self.docs_read += corpus.records.len();
            self.pending.extend(corpus.records);
            self.errors.extend(corpus.errors);
            self.empty.extend(corpus.empty);
            self.flattened.extend(corpus.flattened);
            self.archives.extend(corpus.archives);
        }
        if self.pending.is_empty()
            && self.errors.is_empty()
            && self.empty.is_empty()
            && self.flattened.is_empty()
            && self.archives.is_empty()
        {
            return Ok(None);
        }
        let n = self.batch_size.min(self.pending.len());
        Ok(Some(Batch {
            records: self.pending.drain(..n).collect(),
            errors: std::mem::take(&mut self.errors),
            empty: std::mem::take(&mut self.empty),
            flattened: std::mem::take(&mut self.flattened),
            archives: std::mem::take(&mut self.archives),
        }))
    }
}
