//! The native side of `warraq.read_corpus`, `warraq.iter_corpus` and the
//! corpus-level pass of `warraq.dask`: file lists, the chunked reader, the batch
//! stream and the mergeable recurring-line counts, over `wq::corpus`. Documents
//! become DataFrame columns here, column by column.

use crate::document::removed_list;
use crate::errors::IntoPyResult;
use crate::run::{detached, detached_ok, pipeline};
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use std::collections::BTreeMap;
use std::path::PathBuf;
use wq::corpus::{
    Applied, ArchiveReport, ChunkLimits, CorpusOptions, CorpusStream, EmptyRecord, FlattenedPage,
    Format, OnError, Record, RecordColumns, RecurringCounts, RecurringKeys, RecurringLines,
};
use wq::parallel::Jobs;
use wq::Error;

/// Expands folders (recursively), files and glob patterns into a sorted list of
/// files. Documentation files found in folders or by globs (README, LICENSE,
/// SOURCE…, ``*.md``) are left out unless ``include_non_articles``.
///
/// >>> from warraq._warraq import list_corpus_files
/// >>> len(list_corpus_files(["examples/sample_corpus"]))
/// 6
#[pyfunction]
#[pyo3(signature = (sources, *, include_non_articles = false))]
pub fn list_corpus_files(
    py: Python<'_>,
    sources: Vec<String>,
    include_non_articles: bool,
) -> PyResult<Vec<String>> {
    let list = detached(py, || {
        wq::corpus::list_corpus_files(&sources, include_non_articles)
    })?;
    Ok(list.files.iter().map(|p| p.display().to_string()).collect())
}

/// ``(files, skipped)``: what :func:`list_corpus_files` and
/// :func:`skipped_corpus_files` give, from one walk of the folders.
///
/// >>> from warraq._warraq import corpus_files
/// >>> files, skipped = corpus_files(["examples/sample_corpus"])
/// >>> len(files), skipped
/// (6, [])
#[pyfunction]
#[pyo3(signature = (sources, *, include_non_articles = false))]
pub fn corpus_files(
    py: Python<'_>,
    sources: Vec<String>,
    include_non_articles: bool,
) -> PyResult<(Vec<String>, Vec<String>)> {
    let list = detached(py, || {
        wq::corpus::list_corpus_files(&sources, include_non_articles)
    })?;
    let strings = |paths: &[PathBuf]| paths.iter().map(|p| p.display().to_string()).collect();
    Ok((strings(&list.files), strings(&list.skipped)))
}

/// The documentation files (README, LICENSE, SOURCE…, ``*.md``) that
/// :func:`list_corpus_files` leaves out of ``sources``.
///
/// >>> from warraq._warraq import skipped_corpus_files
/// >>> skipped_corpus_files(["examples/sample_corpus"])
/// []
#[pyfunction]
pub fn skipped_corpus_files(py: Python<'_>, sources: Vec<String>) -> PyResult<Vec<String>> {
    let list = detached(py, || wq::corpus::list_corpus_files(&sources, false))?;
    Ok(list
        .skipped
        .iter()
        .map(|p| p.display().to_string())
        .collect())
}

fn error_dict<'py>(py: Python<'py>, err: &Error) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let (kind, path, line, offset): (&str, Option<String>, Option<usize>, Option<usize>) = match err
    {
        Error::Io { path, .. } => ("OSError", Some(path.display().to_string()), None, None),
        Error::Decode { path, offset, .. } => (
            "DecodeError",
            Some(path.display().to_string()),
            None,
            Some(*offset),
        ),
        Error::Parse { path, line, .. } => {
            ("ParseError", Some(path.display().to_string()), *line, None)
        }
        _ => ("WarraqError", None, None, None),
    };
    d.set_item("path", path)?;
    d.set_item("error", kind)?;
    d.set_item("message", err.to_string())?;
    d.set_item("line", line)?;
    d.set_item("offset", offset)?;
    Ok(d)
}

fn error_list<'py>(py: Python<'py>, errors: Vec<Error>) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for e in errors {
        list.append(error_dict(py, &e)?)?;
    }
    Ok(list)
}

/// What a read reports besides its rows and errors, as the DataFrame's ``attrs``:
/// ``warraq_empty_records`` (the records with blank text, dicts with ``path``,
/// ``record``, ``line``, ``id``) and ``warraq_archives`` (each WARC archive's
/// counts, dicts with ``path`` and the fields of the core's ``ArchiveCounts``),
/// ``warraq_flattened_pages`` (the pages whose deepest elements were flattened,
/// dicts with ``path``, ``record``, ``id``, ``tags``, ``first_offset``).
fn report<'py>(
    py: Python<'py>,
    empty: Vec<EmptyRecord>,
    flattened: Vec<FlattenedPage>,
    archives: Vec<ArchiveReport>,
) -> PyResult<Bound<'py, PyDict>> {
    let empty_list = PyList::empty(py);
    for e in empty {
        let d = PyDict::new(py);
        d.set_item("path", e.path.display().to_string())?;
        d.set_item("record", e.record)?;
        d.set_item("line", e.line)?;
        d.set_item("id", e.id)?;
        empty_list.append(d)?;
    }
    let flattened_list = PyList::empty(py);
    for f in flattened {
        let d = PyDict::new(py);
        d.set_item("path", f.path.display().to_string())?;
        d.set_item("record", f.record)?;
        d.set_item("id", f.id)?;
        d.set_item("tags", f.tags)?;
        d.set_item("first_offset", f.first_offset)?;
        flattened_list.append(d)?;
    }
    let archive_list = PyList::empty(py);
    for a in archives {
        let c = a.counts;
        let d = PyDict::new(py);
        d.set_item("path", a.path.display().to_string())?;
        for (name, n) in [
            ("records", c.records),
            ("responses", c.responses),
            ("pages", c.pages),
            ("http_status", c.http_status),
            ("not_html", c.not_html),
            ("other_language", c.other_language),
            ("too_large", c.too_large),
            ("bad_records", c.bad_records),
        ] {
            d.set_item(name, n)?;
        }
        archive_list.append(d)?;
    }
    let out = PyDict::new(py);
    out.set_item("warraq_empty_records", empty_list)?;
    out.set_item("warraq_flattened_pages", flattened_list)?;
    out.set_item("warraq_archives", archive_list)?;
    Ok(out)
}

/// What the Python API's ``columns={"text": "full_text", …}`` says, and the
/// blank-text switch: the record options shared by the reader and the stream.
struct RecordArgs {
    text_column: Option<String>,
    id_column: Option<String>,
    columns: Option<BTreeMap<String, String>>,
    keep_empty: bool,
    languages: Option<Vec<String>>,
}

impl RecordArgs {
    fn record_columns(&mut self, py: Python<'_>) -> PyResult<RecordColumns> {
        let mut columns = RecordColumns::default();
        for (part, field) in self.columns.take().unwrap_or_default() {
            columns.set(&part, field).py(py)?;
        }
        Ok(columns)
    }
}
/// The options shared by ``CorpusReader`` and ``CorpusStream``.
#[allow(clippy::too_many_arguments)]
fn corpus_options(
    py: Python<'_>,
    format: &str,
    encoding: Option<String>,
    errors: &str,
    mut record: RecordArgs,
    recurring: bool,
    recurring_min_docs: usize,
    recurring_min_share: f64,
    recurring_max_words: usize,
    n_jobs: Option<i64>,
) -> PyResult<CorpusOptions> {
    let columns = record.record_columns(py)?;
    let format: Format = format.parse().py(py)?;
    let errors: OnError = errors.parse().py(py)?;
    let encoding = encoding.filter(|e| !e.eq_ignore_ascii_case("auto"));
    Ok(CorpusOptions {
        format,
        encoding,
        errors,
        text_column: record.text_column,
        id_column: record.id_column,
        columns,
        keep_empty: record.keep_empty,
        languages: record.languages,
        recurring,
        recurring_min_docs,
        recurring_min_share,
        recurring_max_words,
        jobs: Jobs::new(n_jobs).py(py)?,
        // The DataFrame has no paragraphs column: keep only the body.
        keep_paragraphs: false,
        // The file list is made by `list_corpus_files`.
        include_non_articles: true,
    })
}

/// The numeric columns of `records`: `published` (ns since the epoch, local time;
/// `i64::MIN` for NaT) and `n_words`. Computed in parallel, without the GIL (and,
/// in a [`pipeline`], on the worker side: the pool is busy there, and a parallel
/// call from the converting thread would wait for it).
fn numeric_columns(records: &[Record]) -> (Vec<i64>, Vec<i64>) {
    wq::parallel::map(records, |r| {
        let d = &r.document;
        let published = d.published.map_or(i64::MIN, |p| {
            p.datetime()
                .and_utc()
                .timestamp_nanos_opt()
                .unwrap_or(i64::MIN)
        });
        (published, i64::try_from(d.n_words()).unwrap_or(i64::MAX))
    })
    .into_iter()
    .unzip()
}

/// The object columns of `records` ([`LIST_COLUMNS`]), built column by column:
/// strings are created once each, and each document is freed as soon as its
/// strings exist.
fn columns<'py>(py: Python<'py>, records: Vec<Record>) -> PyResult<Bound<'py, PyDict>> {
    let n = records.len();
    let mut id = Vec::with_capacity(n);
    let mut path = Vec::with_capacity(n);
    let mut source = Vec::with_capacity(n);
    let mut title = Vec::with_capacity(n);
    let mut subtitle = Vec::with_capacity(n);
    let mut author = Vec::with_capacity(n);
    let mut dateline = Vec::with_capacity(n);
    let mut url = Vec::with_capacity(n);
    let mut summary = Vec::with_capacity(n);
    let mut published_text = Vec::with_capacity(n);
    let mut published_utc_offset = Vec::with_capacity(n);
    let mut modified = Vec::with_capacity(n);
    let mut section = Vec::with_capacity(n);
    let mut language = Vec::with_capacity(n);
    let mut site_name = Vec::with_capacity(n);
    let mut fetched = Vec::with_capacity(n);
    let mut body = Vec::with_capacity(n);
    let mut tags = Vec::with_capacity(n);
    let mut related = Vec::with_capacity(n);
    let mut boilerplate = Vec::with_capacity(n);
    // Records come from one file in runs: its path string is made once per run.
    let mut last_path: Option<(String, Bound<'py, PyString>)> = None;
    for r in records {
        let d = r.document;
        let p = match &last_path {
            Some((s, obj)) if *s == r.path => obj.clone(),
            _ => {
                let obj = PyString::new(py, &r.path);
                last_path = Some((r.path, obj.clone()));
                obj
            }
        };
        path.push(p);
        // Bodies become Python strings one by one, so the corpus is never held twice.
        body.push(PyString::new(py, &d.body));
        tags.push(PyList::new(py, &d.tags)?);
        related.push(PyList::new(py, &d.related)?);
        boilerplate.push(removed_list(py, &d.boilerplate)?);
        id.push(d.id);
        source.push(d.source);
        title.push(d.title);
        subtitle.push(d.subtitle);
        author.push(d.author);
        dateline.push(d.dateline);
        url.push(d.url);
        summary.push(d.summary);
        published_text.push(d.published_text);
        published_utc_offset.push(d.published_utc_offset);
        // ISO 8601 text; `_frames.corpus_frame` makes the datetime column.
        modified.push(d.modified.map(|m| m.to_string()));
        section.push(d.section);
        language.push(d.language);
        site_name.push(d.site_name);
        fetched.push(d.fetched);
    }
    let columns = PyDict::new(py);
    columns.set_item("id", id)?;
    columns.set_item("path", path)?;
    columns.set_item("source", source)?;
    columns.set_item("title", title)?;
    columns.set_item("subtitle", subtitle)?;
    columns.set_item("published_text", published_text)?;
    columns.set_item("published_utc_offset", published_utc_offset)?;
    columns.set_item("fetched", fetched)?;
    columns.set_item("summary", summary)?;
    columns.set_item("modified", modified)?;
    columns.set_item("section", section)?;
    columns.set_item("language", language)?;
    columns.set_item("site_name", site_name)?;
    columns.set_item("author", author)?;
    columns.set_item("dateline", dateline)?;
    columns.set_item("tags", tags)?;
    columns.set_item("related", related)?;
    columns.set_item("body", body)?;
    columns.set_item("url", url)?;
    columns.set_item("boilerplate", boilerplate)?;
    Ok(columns)
}

/// Accumulates a corpus chunk by chunk (so that Python can show progress): each
/// chunk of files is read in parallel with the GIL released and its documents are
/// turned into Python column values at once, keeping in Rust only the small keys
/// of the corpus-level boilerplate pass; ``finish`` runs that pass on the few
/// documents it changes and hands the columns over. Used by ``warraq.read_corpus``.
/// The steps are the core's (``wq::corpus::{plan_chunks, read_chunk, finish}``).
///
/// >>> from warraq._warraq import CorpusReader, list_corpus_files
/// >>> reader = CorpusReader()
/// >>> reader.add_files(list_corpus_files(["examples/sample_corpus"]))
/// 6
/// >>> columns, errors, report = reader.finish()
/// >>> len(columns["title"]), errors, report
/// (6, [], {'warraq_empty_records': [], 'warraq_flattened_pages': [], 'warraq_archives': []})
#[pyclass(module = "warraq._warraq", name = "CorpusReader")]
pub struct PyCorpusReader {
    pub(crate) options: CorpusOptions,
    /// Column name → list of values so far (``published`` and ``n_words`` apart).
    lists: Vec<(&'static str, Py<PyList>)>,
    published: Vec<i64>,
    n_words: Vec<i64>,
    keys: Vec<RecurringKeys>,
    errors: Vec<Error>,
    empty: Vec<EmptyRecord>,
    flattened: Vec<FlattenedPage>,
    archives: Vec<ArchiveReport>,
}

/// The object columns, in the order ``columns`` fills them.
const LIST_COLUMNS: [&str; 20] = [
    "id",
    "path",
    "source",
    "title",
    "subtitle",
    "published_text",
    "published_utc_offset",
    "fetched",
    "summary",
    "author",
    "dateline",
    "tags",
    "related",
    "body",
    "url",
    "boilerplate",
    "modified",
    "section",
    "language",
    "site_name",
];

#[pymethods]
impl PyCorpusReader {
    #[new]
    #[pyo3(signature = (*, format = "auto", encoding = None, errors = "raise", text_column = None,
        id_column = None, recurring = true, recurring_min_docs = 5, recurring_min_share = 0.02,
        recurring_max_words = 30, n_jobs = None, columns = None, keep_empty = false,
        languages = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        format: &str,
        encoding: Option<String>,
        errors: &str,
        text_column: Option<String>,
        id_column: Option<String>,
        recurring: bool,
        recurring_min_docs: usize,
        recurring_min_share: f64,
        recurring_max_words: usize,
        n_jobs: Option<i64>,
        columns: Option<BTreeMap<String, String>>,
        keep_empty: bool,
        languages: Option<Vec<String>>,
    ) -> PyResult<Self> {
        let record = RecordArgs {
            text_column,
            id_column,
            columns,
            keep_empty,
            languages,
        };
        Ok(PyCorpusReader {
            options: corpus_options(
                py,
                format,
                encoding,
                errors,
                record,
                recurring,
                recurring_min_docs,
                recurring_min_share,
                recurring_max_words,
                n_jobs,
            )?,
            lists: LIST_COLUMNS
                .iter()
                .map(|name| (*name, PyList::empty(py).unbind()))
                .collect(),
            published: Vec::new(),
            n_words: Vec::new(),
            keys: Vec::new(),
            errors: Vec::new(),
            empty: Vec::new(),
            flattened: Vec::new(),
            archives: Vec::new(),
        })
    }

    /// Reads files in parallel with the GIL released and converts their documents,
    /// as one chunk; returns the number of documents read so far. Raises the first
    /// bad file's error under ``errors="raise"``.
    fn add_files(&mut self, py: Python<'_>, paths: Vec<String>) -> PyResult<usize> {
        self.read_chunks(py, paths, ChunkLimits::WHOLE, None)
    }

    /// ``add_files`` for all ``files``, in chunks (of a size the core chooses for
    /// this many files), in a pipeline: while one chunk is read and cleaned (in
    /// parallel, GIL released), the documents of the chunk before become Python
    /// objects (which needs the GIL, and so runs on one core), so the Rust side
    /// never holds more than a few chunks. ``on_files(n)`` is called after each
    /// chunk of ``n`` files; Ctrl-C stops the call between chunks.
    #[pyo3(signature = (files, *, on_files = None))]
    fn read_files(
        &mut self,
        py: Python<'_>,
        files: Vec<String>,
        on_files: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<usize> {
        let limits = ChunkLimits::for_files(files.len());
        self.read_chunks(py, files, limits, on_files)
    }

    /// Removes corpus-level boilerplate and returns ``(columns, errors, report)``
    /// (``report``: the DataFrame's other ``attrs``, ``warraq_empty_records`` and
    /// ``warraq_archives``); the reader is empty afterwards.
    #[allow(clippy::type_complexity)]
    fn finish<'py>(
        &mut self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyList>, Bound<'py, PyDict>)> {
        let keys = std::mem::take(&mut self.keys);
        let options = &self.options;
        let plan = detached_ok(py, || wq::corpus::finish(&keys, options));
        let (body, boilerplate) = (self.list(py, "body")?, self.list(py, "boilerplate")?);
        for change in plan.changes() {
            let i = change.document;
            let applied = change.apply_to_body(body.get_item(i)?.extract::<String>()?);
            self.n_words[i] = i64::try_from(applied.n_words).unwrap_or(i64::MAX);
            body.set_item(i, applied.body.as_str())?;
            let removed = boilerplate.get_item(i)?;
            let removed = removed.cast::<PyList>()?;
            for r in &removed_list(py, &applied.removed)? {
                removed.append(r)?;
            }
        }
        let columns = PyDict::new(py);
        for (name, l) in std::mem::take(&mut self.lists) {
            columns.set_item(name, l.bind(py))?;
        }
        columns.set_item(
            "published",
            std::mem::take(&mut self.published).into_pyarray(py),
        )?;
        columns.set_item(
            "n_words",
            std::mem::take(&mut self.n_words).into_pyarray(py),
        )?;
        let errors = error_list(py, std::mem::take(&mut self.errors))?;
        let report = report(
            py,
            std::mem::take(&mut self.empty),
            std::mem::take(&mut self.flattened),
            std::mem::take(&mut self.archives),
        )?;
        Ok((columns, errors, report))
    }
}

impl PyCorpusReader {
    /// The column list `name` so far.
    fn list<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyList>> {
        self.lists
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, l)| l.bind(py).clone())
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(name.to_string()))
    }

    /// Reads `files` in the chunks of `limits` through a [`pipeline`]: the core's
    /// `read_chunk` (and the numeric columns) on the worker side, the Python
    /// values of each chunk's documents on this side.
    fn read_chunks(
        &mut self,
        py: Python<'_>,
        files: Vec<String>,
        limits: ChunkLimits,
        on_files: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<usize> {
        let PyCorpusReader {
            options,
            lists,
            published,
            n_words,
            keys,
            errors,
            empty,
            flattened,
            archives,
        } = self;
        let options = &*options;
        let mut chunks =
            wq::corpus::plan_chunks(files.into_iter().map(PathBuf::from).collect(), limits);
        pipeline(
            py,
            || Ok(chunks.next()),
            |paths| {
                let chunk = wq::corpus::read_chunk(&paths, options)?;
                let numbers = numeric_columns(&chunk.records);
                Ok::<_, Error>((chunk, numbers, paths.len()))
            },
            |done| {
                let (chunk, (chunk_published, chunk_n_words), n_files) = done.py(py)?;
                keys.extend(chunk.keys);
                errors.extend(chunk.errors);
                empty.extend(chunk.empty);
                flattened.extend(chunk.flattened);
                archives.extend(chunk.archives);
                published.extend(chunk_published);
                n_words.extend(chunk_n_words);
                let batch = columns(py, chunk.records)?;
                for (name, list) in lists.iter() {
                    let values = batch
                        .get_item(name)?
                        .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(*name))?;
                    let values = values.cast::<PyList>()?;
                    let list = list.bind(py);
                    // list[len:] = values: one C-level extend.
                    list.set_slice(list.len(), list.len(), values)?;
                }
                if let Some(f) = on_files {
                    f.call1((n_files,))?;
                }
                Ok(())
            },
        )?;
        Ok(n_words.len())
    }
}

/// Reads a list of files in batches of documents, holding one batch (and the last
/// files read) at a time; files are read in parallel with the GIL released. No
/// corpus-level boilerplate pass. Used by ``warraq.iter_corpus`` (the core's
/// ``CorpusStream``).
///
/// >>> from warraq._warraq import CorpusStream, list_corpus_files
/// >>> stream = CorpusStream(list_corpus_files(["examples/sample_corpus"]), batch_size=4)
/// >>> [len(columns["title"]) for columns, errors, report in iter(stream.next_batch, None)]
/// [4, 2]
/// >>> stream.files_read
/// 6
#[pyclass(module = "warraq._warraq", name = "CorpusStream")]
pub struct PyCorpusStream {
    pub(crate) inner: CorpusStream,
}

#[pymethods]
impl PyCorpusStream {
    #[new]
    #[pyo3(signature = (files, *, batch_size = 1000, format = "auto", encoding = None,
        errors = "raise", text_column = None, id_column = None, n_jobs = None, columns = None,
        keep_empty = false, languages = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        files: Vec<String>,
        batch_size: usize,
        format: &str,
        encoding: Option<String>,
        errors: &str,
        text_column: Option<String>,
        id_column: Option<String>,
        n_jobs: Option<i64>,
        columns: Option<BTreeMap<String, String>>,
        keep_empty: bool,
        languages: Option<Vec<String>>,
    ) -> PyResult<Self> {
        let defaults = CorpusOptions::default();
        let record = RecordArgs {
            text_column,
            id_column,
            columns,
            keep_empty,
            languages,
        };
        let options = corpus_options(
            py,
            format,
            encoding,
            errors,
            record,
            false,
            defaults.recurring_min_docs,
            defaults.recurring_min_share,
            defaults.recurring_max_words,
            n_jobs,
        )?;
        let files = files.into_iter().map(PathBuf::from).collect();
        Ok(PyCorpusStream {
            inner: CorpusStream::new(files, batch_size, options).py(py)?,
        })
    }

    /// Files read so far.
    #[getter]
    fn files_read(&self) -> usize {
        self.inner.files_read()
    }

    /// The next batch as ``(columns, errors, report)`` (``errors``: the files
    /// skipped since the previous batch; ``report``: the records with blank text
    /// and the WARC archives read since then, as ``CorpusReader.finish`` gives
    /// them), or ``None`` at the end.
    #[allow(clippy::type_complexity)]
    fn next_batch<'py>(
        &mut self,
        py: Python<'py>,
    ) -> PyResult<Option<(Bound<'py, PyDict>, Bound<'py, PyList>, Bound<'py, PyDict>)>> {
        let stream = &mut self.inner;
        let Some(batch) = detached(py, || stream.next_batch())? else {
            return Ok(None);
        };
        let records = batch.records;
        let (published, n_words) = detached_ok(py, || numeric_columns(&records));
        let columns = columns(py, records)?;
        columns.set_item("published", published.into_pyarray(py))?;
        columns.set_item("n_words", n_words.into_pyarray(py))?;
        let errors = error_list(py, batch.errors)?;
        let report = report(py, batch.empty, batch.flattened, batch.archives)?;
        Ok(Some((columns, errors, report)))
    }
}

/// Body-only records, as `warraq.read_corpus` frames hold them (no paragraphs).
fn records(
    sources: Vec<Option<String>>,
    paths: Vec<String>,
    bodies: Vec<String>,
) -> PyResult<Vec<Record>> {
    if sources.len() != paths.len() || paths.len() != bodies.len() {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "sources, paths and bodies must have the same length",
        ));
    }
    Ok(sources
        .into_iter()
        .zip(paths)
        .zip(bodies)
        .map(|((source, path), body)| Record::from_body(source, path, body))
        .collect())
}

/// What `__reduce__` returns: the class's `from_bytes` and its argument.
type Reduced<'py> = (Bound<'py, PyAny>, (Bound<'py, PyBytes>,));

/// Pickles an object of a class with a `from_bytes` static method as `bytes`.
fn reduce_to_bytes<'py, T: pyo3::PyClass>(
    slf: &Bound<'py, T>,
    bytes: Vec<u8>,
) -> PyResult<Reduced<'py>> {
    Ok((
        slf.as_any().get_type().getattr("from_bytes")?,
        (PyBytes::new(slf.py(), &bytes),),
    ))
}

/// For each source, the documents it has and in how many of them each short
/// paragraph occurs: the first pass of corpus-level boilerplate removal, counted
/// per partition and merged (the core's `RecurringCounts`). Pickles as bytes.
///
/// >>> from warraq._warraq import RecurringCounts
/// >>> bodies = [f"خبر رقم {i}.\n\nتابعونا على موقعنا." for i in range(6)]
/// >>> a = RecurringCounts.count([None] * 3, ["s/a"] * 3, bodies[:3])
/// >>> a.merge(RecurringCounts.count([None] * 3, ["s/b"] * 3, bodies[3:]))
/// >>> a.n_docs, len(a.recurring_lines())
/// (6, 1)
#[pyclass(module = "warraq._warraq", name = "RecurringCounts")]
#[derive(Clone, Default)]
pub struct PyRecurringCounts {
    inner: RecurringCounts,
}

#[pymethods]
impl PyRecurringCounts {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    /// Counts documents given by their `source`, `path` and `body` columns
    /// (paragraphs separated by blank lines), the GIL released.
    #[staticmethod]
    #[pyo3(signature = (sources, paths, bodies, recurring_max_words = 30))]
    fn count(
        py: Python<'_>,
        sources: Vec<Option<String>>,
        paths: Vec<String>,
        bodies: Vec<String>,
        recurring_max_words: usize,
    ) -> PyResult<Self> {
        let records = records(sources, paths, bodies)?;
        // Counting and removing read only this of the options.
        let options = CorpusOptions {
            recurring_max_words,
            ..CorpusOptions::default()
        };
        let inner = detached_ok(py, || RecurringCounts::count(&records, &options));
        Ok(PyRecurringCounts { inner })
    }

    /// Adds `other`'s counts (in place); returns nothing.
    fn merge(&mut self, other: PyRef<'_, PyRecurringCounts>) {
        self.inner.merge(&other.inner);
    }

    /// Documents counted.
    #[getter]
    fn n_docs(&self) -> u64 {
        self.inner.n_docs()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// The (source, paragraph) pairs at or over the threshold
    /// `max(recurring_min_docs, ceil(recurring_min_share × documents of the source), 2)`.
    #[pyo3(signature = (recurring_min_docs = 5, recurring_min_share = 0.02))]
    fn recurring_lines(
        &self,
        recurring_min_docs: usize,
        recurring_min_share: f64,
    ) -> PyRecurringLines {
        let options = CorpusOptions {
            recurring_min_docs,
            recurring_min_share,
            ..CorpusOptions::default()
        };
        PyRecurringLines {
            inner: self.inner.recurring(&options),
        }
    }

    /// The counts as bytes.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.to_bytes())
    }

    /// Reads `to_bytes` output; anything else raises `ParseError`.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Self> {
        Ok(PyRecurringCounts {
            inner: RecurringCounts::from_bytes(data).py(py)?,
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py>> {
        reduce_to_bytes(slf, slf.borrow().inner.to_bytes())
    }
}

/// The recurring (source, paragraph) pairs of a whole corpus, removed partition
/// by partition (the core's `RecurringLines`). Pickles as bytes.
///
/// >>> from warraq._warraq import RecurringCounts
/// >>> bodies = [f"خبر رقم {i}.\n\nتابعونا على موقعنا." for i in range(6)]
/// >>> lines = RecurringCounts.count([None] * 6, ["s/a"] * 6, bodies).recurring_lines()
/// >>> lines.remove([None], ["s/x"], [bodies[0]])
/// ([0], ['خبر رقم 0.'], [[{'line': 'تابعونا على موقعنا.', 'reason': 'recurring line'}]], [3])
#[pyclass(module = "warraq._warraq", name = "RecurringLines")]
#[derive(Clone, Default)]
pub struct PyRecurringLines {
    inner: RecurringLines,
}

#[pymethods]
impl PyRecurringLines {
    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// Removes the recurring paragraphs of documents given by their `source`, `path`
    /// and `body` columns. Returns, for the changed rows only, `(rows, bodies,
    /// removed lines, n_words)`; the removed lines of a row are what its
    /// `boilerplate` gains (`{"line": ..., "reason": ...}`).
    #[pyo3(signature = (sources, paths, bodies, recurring_max_words = 30))]
    #[allow(clippy::type_complexity)]
    fn remove<'py>(
        &self,
        py: Python<'py>,
        sources: Vec<Option<String>>,
        paths: Vec<String>,
        bodies: Vec<String>,
        recurring_max_words: usize,
    ) -> PyResult<(Vec<usize>, Vec<String>, Vec<Bound<'py, PyList>>, Vec<usize>)> {
        let records = records(sources, paths, bodies)?;
        // Counting and removing read only this of the options.
        let options = CorpusOptions {
            recurring_max_words,
            ..CorpusOptions::default()
        };
        let lines = &self.inner;
        let changed: Vec<(usize, Applied)> = detached_ok(py, || {
            records
                .into_iter()
                .enumerate()
                .filter_map(|(row, record)| Some((row, lines.remove_from(record, &options)?)))
                .collect()
        });
        let mut out = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (row, applied) in changed {
            out.0.push(row);
            out.2.push(removed_list(py, &applied.removed)?);
            out.1.push(applied.body);
            out.3.push(applied.n_words);
        }
        Ok(out)
    }

    /// The lines as bytes.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.to_bytes())
    }

    /// Reads `to_bytes` output; anything else raises `ParseError`.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Self> {
        Ok(PyRecurringLines {
            inner: RecurringLines::from_bytes(data).py(py)?,
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py>> {
        reduce_to_bytes(slf, slf.borrow().inner.to_bytes())
    }
}
