//! `Document`, `parse_document`, and the native side of `warraq.read_corpus`
//! (`list_corpus_files`, `CorpusReader`).

use crate::convert::text;
use crate::errors::{to_pyerr, IntoPyResult};
use crate::run::{detach_if, pipeline};
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString};
use std::collections::VecDeque;
use std::path::PathBuf;
use wq::corpus::{CorpusOptions, Format, OnError, Record, RecurringCounts, RecurringKeys};
use wq::document::{Document, Published, Reason};
use wq::Error;

fn published_obj<'py>(py: Python<'py>, p: Option<Published>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match p {
        Some(Published::DateTime(dt)) => dt.into_pyobject(py)?.into_any(),
        Some(Published::Date(d)) => d.into_pyobject(py)?.into_any(),
        None => py.None().into_bound(py),
    })
}

/// The Python string of a reason: one interned object per reason for the whole
/// process, rather than one new string per removed line of a corpus.
fn reason_str<'py>(py: Python<'py>, reason: Reason) -> &'py Bound<'py, PyString> {
    static REASONS: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();
    REASONS.get_or_init(py, || {
        Reason::ALL
            .iter()
            .map(|r| PyString::intern(py, r.as_str()).unbind())
            .collect()
    })[reason as usize]
        .bind(py)
}

fn boilerplate_list<'py>(py: Python<'py>, doc: &Document) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for r in &doc.boilerplate {
        let d = PyDict::new(py);
        d.set_item(pyo3::intern!(py, "line"), &r.line)?;
        d.set_item(pyo3::intern!(py, "reason"), reason_str(py, r.reason))?;
        list.append(d)?;
    }
    Ok(list)
}

/// A cleaned article: metadata, body and every removed line with its reason.
///
/// ``published`` is a ``datetime.datetime`` when the source gives a time, a
/// ``datetime.date`` when it gives only a day, else ``None``. ``boilerplate`` lists
/// every removed line as ``{"line": ..., "reason": ...}``.
///
/// >>> from warraq import parse_document
/// >>> doc = parse_document("عنوان الخبر\n\nwhatsapp\n\nقال الوزير إن المشروع بدأ في العاصمة.")
/// >>> doc.title, doc.paragraphs, doc.boilerplate
/// ('عنوان الخبر', ['قال الوزير إن المشروع بدأ في العاصمة.'], [{'line': 'whatsapp', 'reason': 'share widget'}])
#[pyclass(module = "warraq._warraq", name = "Document", frozen, eq)]
#[derive(PartialEq, Eq, Clone)]
pub struct PyDocument {
    inner: Document,
}

#[pymethods]
impl PyDocument {
    /// The identifier given to ``parse_document`` (or the record's id).
    #[getter]
    fn id(&self) -> Option<&str> {
        self.inner.id.as_deref()
    }
    /// The headline.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.inner.title.as_deref()
    }
    /// A second heading line (never a repeat of the title).
    #[getter]
    fn subtitle(&self) -> Option<&str> {
        self.inner.subtitle.as_deref()
    }
    /// Publication ``datetime`` or ``date``, or ``None``.
    #[getter]
    fn published<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        published_obj(py, self.inner.published)
    }
    /// The raw text the publication date was read from.
    #[getter]
    fn published_text(&self) -> Option<&str> {
        self.inner.published_text.as_deref()
    }
    /// The outlet.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.inner.source.as_deref()
    }
    /// The author of a byline.
    #[getter]
    fn author(&self) -> Option<&str> {
        self.inner.author.as_deref()
    }
    /// The dateline city.
    #[getter]
    fn dateline(&self) -> Option<&str> {
        self.inner.dateline.as_deref()
    }
    /// Keywords of the tag block.
    #[getter]
    fn tags(&self) -> Vec<String> {
        self.inner.tags.clone()
    }
    /// Headlines under «اقرأ أيضاً».
    #[getter]
    fn related(&self) -> Vec<String> {
        self.inner.related.clone()
    }
    /// The URL, when the record has one.
    #[getter]
    fn url(&self) -> Option<&str> {
        self.inner.url.as_deref()
    }
    /// Clean paragraphs joined by a blank line.
    #[getter]
    fn body(&self) -> &str {
        &self.inner.body
    }
    /// Clean paragraphs (subheadings included).
    #[getter]
    fn paragraphs(&self) -> Vec<String> {
        self.inner.paragraphs.clone()
    }
    /// Removed lines, each ``{"line": str, "reason": str}``.
    #[getter]
    fn boilerplate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        boilerplate_list(py, &self.inner)
    }
    /// Number of words in the body.
    #[getter]
    fn n_words(&self) -> usize {
        self.inner.n_words()
    }

    /// All fields as a dict (``published`` as ``date``/``datetime``).
    ///
    /// >>> from warraq import parse_document
    /// >>> parse_document("عنوان\n\nنص الخبر هنا.", id="a").to_dict()["id"]
    /// 'a'
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let doc = &self.inner;
        d.set_item("id", &doc.id)?;
        d.set_item("title", &doc.title)?;
        d.set_item("subtitle", &doc.subtitle)?;
        d.set_item("published", published_obj(py, doc.published)?)?;
        d.set_item("published_text", &doc.published_text)?;
        d.set_item("source", &doc.source)?;
        d.set_item("author", &doc.author)?;
        d.set_item("dateline", &doc.dateline)?;
        d.set_item("tags", &doc.tags)?;
        d.set_item("related", &doc.related)?;
        d.set_item("url", &doc.url)?;
        d.set_item("body", &doc.body)?;
        d.set_item("paragraphs", &doc.paragraphs)?;
        d.set_item("boilerplate", boilerplate_list(py, doc)?)?;
        Ok(d)
    }

    /// The document as JSON (``published`` as an ISO 8601 string).
    ///
    /// >>> from warraq import Document, parse_document
    /// >>> doc = parse_document("عنوان\n\nنص الخبر هنا.")
    /// >>> Document.from_json(doc.to_json()) == doc
    /// True
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// A document from :meth:`to_json` output.
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        serde_json::from_str::<Document>(json)
            .map(|inner| PyDocument { inner })
            .map_err(|e| {
                to_pyerr(
                    py,
                    Error::Parse {
                        path: PathBuf::new(),
                        line: Some(e.line()),
                        column: Some(e.column()),
                        message: format!("not a Document JSON: {e}"),
                    },
                )
            })
    }

    /// The document as HTML: right to left, its metadata in a header, its entities
    /// highlighted. ``spans`` are ``(start, end, label)`` string indices into
    /// ``body``; without them the entities are found with the bundled model. Jupyter
    /// shows a ``Document`` this way; ``warraq.render(doc)`` returns it as an object.
    ///
    /// >>> from warraq import parse_document
    /// >>> doc = parse_document("زيارة\n\nزار الوزير دمشق <script>.")
    /// >>> html = doc.to_html()
    /// >>> 'data-label="LOCATION"' in html, "&lt;script&gt;" in html
    /// (True, True)
    /// >>> doc.to_html([(0, 3, "PERSON")]).count("<mark")
    /// 1
    #[pyo3(signature = (spans = None))]
    fn to_html(
        &self,
        py: Python<'_>,
        spans: Option<Vec<(usize, usize, String)>>,
    ) -> PyResult<String> {
        crate::render::document(py, &self.inner, spans).map(|(html, _)| html)
    }

    /// :meth:`to_html` and the labels highlighted (``(label, marks)`` pairs): what
    /// ``warraq.render(doc)`` shows.
    ///
    /// >>> from warraq import parse_document
    /// >>> parse_document("زيارة\n\nزار الوزير دمشق.")._render()[1]
    /// [('LOCATION', 1)]
    #[pyo3(signature = (spans = None))]
    fn _render(
        &self,
        py: Python<'_>,
        spans: Option<Vec<(usize, usize, String)>>,
    ) -> PyResult<crate::render::PyRendered> {
        crate::render::document(py, &self.inner, spans)
    }

    /// Rich display in Jupyter (see :meth:`to_html`).
    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        self.to_html(py, None)
    }

    fn __repr__(&self) -> String {
        let title: String = self
            .inner
            .title
            .as_deref()
            .unwrap_or("")
            .chars()
            .take(40)
            .collect();
        format!(
            "Document(id={:?}, title={:?}, published={}, paragraphs={}, removed={})",
            self.inner.id.as_deref().unwrap_or(""),
            title,
            self.inner
                .published
                .map_or_else(|| "None".to_string(), |p| p.to_string()),
            self.inner.paragraphs.len(),
            self.inner.boilerplate.len()
        )
    }
}

/// Parses one scraped article: title, subtitle, publication date, source, author,
/// dateline, tags, related headlines, clean body, and every removed line with its
/// reason.
///
/// >>> from warraq import parse_document
/// >>> doc = parse_document("عنوان\n\nالثلاثاء، 03-05-2016 الساعة 08:52\nلندن - الخليج أونلاين\n\nقال الوزير إن المشروع بدأ.")
/// >>> doc.published, doc.dateline, doc.source
/// (datetime.datetime(2016, 5, 3, 8, 52), 'لندن', 'الخليج أونلاين')
#[pyfunction]
#[pyo3(signature = (raw, *, id = None))]
pub fn parse_document(
    py: Python<'_>,
    raw: &Bound<'_, PyAny>,
    id: Option<String>,
) -> PyResult<PyDocument> {
    let raw = text(raw, "raw")?;
    let inner = detach_if(py, raw.len(), || {
        wq::document::parse_document(raw, id.as_deref())
    });
    Ok(PyDocument { inner })
}

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
    let list = wq::corpus::list_corpus_files(&sources, include_non_articles).py(py)?;
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
    let list = py
        .detach(|| wq::corpus::list_corpus_files(&sources, include_non_articles))
        .py(py)?;
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
    let list = wq::corpus::list_corpus_files(&sources, false).py(py)?;
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

/// The options shared by ``CorpusReader`` and ``CorpusStream``.
#[allow(clippy::too_many_arguments)]
fn corpus_options(
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
    n_jobs: Option<usize>,
) -> PyResult<CorpusOptions> {
    let format: Format = format.parse().py(py)?;
    let errors: OnError = errors.parse().py(py)?;
    let encoding = encoding.filter(|e| !e.eq_ignore_ascii_case("auto"));
    Ok(CorpusOptions {
        format,
        encoding,
        errors,
        text_column,
        id_column,
        recurring,
        recurring_min_docs,
        recurring_min_share,
        recurring_max_words,
        n_jobs,
        // The DataFrame has no paragraphs column: keep only the body.
        keep_paragraphs: false,
        // The file list is made by `list_corpus_files`.
        include_non_articles: true,
    })
}

/// The DataFrame columns of `records`, built column by column. Numbers are
/// computed in parallel with the GIL released; strings are created once each, and
/// each document is freed as soon as its strings exist.
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
    let mut published_text = Vec::with_capacity(n);
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
        boilerplate.push(boilerplate_list(py, &d)?);
        id.push(d.id);
        source.push(d.source);
        title.push(d.title);
        subtitle.push(d.subtitle);
        author.push(d.author);
        dateline.push(d.dateline);
        url.push(d.url);
        published_text.push(d.published_text);
    }
    let columns = PyDict::new(py);
    columns.set_item("id", id)?;
    columns.set_item("path", path)?;
    columns.set_item("source", source)?;
    columns.set_item("title", title)?;
    columns.set_item("subtitle", subtitle)?;
    columns.set_item("published_text", published_text)?;
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
///
/// >>> from warraq._warraq import CorpusReader, list_corpus_files
/// >>> reader = CorpusReader()
/// >>> reader.add_files(list_corpus_files(["examples/sample_corpus"]))
/// 6
/// >>> columns, errors = reader.finish()
/// >>> len(columns["title"]), errors
/// (6, [])
#[pyclass(module = "warraq._warraq", name = "CorpusReader")]
pub struct PyCorpusReader {
    options: CorpusOptions,
    /// Column name → list of values so far (``published`` and ``n_words`` apart).
    lists: Vec<(&'static str, Py<PyList>)>,
    published: Vec<i64>,
    n_words: Vec<i64>,
    keys: Vec<RecurringKeys>,
    errors: Vec<Error>,
}

/// The object columns, in the order ``columns`` fills them.
const LIST_COLUMNS: [&str; 13] = [
    "id",
    "path",
    "source",
    "title",
    "subtitle",
    "published_text",
    "author",
    "dateline",
    "tags",
    "related",
    "body",
    "url",
    "boilerplate",
];

#[pymethods]
impl PyCorpusReader {
    #[new]
    #[pyo3(signature = (*, format = "auto", encoding = None, errors = "raise", text_column = None,
        id_column = None, recurring = true, recurring_min_docs = 5, recurring_min_share = 0.02,
        recurring_max_words = 30, n_jobs = None))]
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
        n_jobs: Option<usize>,
    ) -> PyResult<Self> {
        Ok(PyCorpusReader {
            options: corpus_options(
                py,
                format,
                encoding,
                errors,
                text_column,
                id_column,
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
        })
    }

    /// Reads files in parallel with the GIL released and converts their documents;
    /// returns the number of documents read so far. Raises the first bad file's
    /// error under ``errors="raise"``.
    fn add_files(&mut self, py: Python<'_>, paths: Vec<String>) -> PyResult<usize> {
        let n = paths.len();
        self.read_files(py, paths, n.max(1), usize::MAX, None)
    }

    /// ``add_files`` for all ``files``, in chunks of at most ``chunk_files`` files
    /// and about ``chunk_bytes`` bytes, in a pipeline: while one chunk is read and
    /// cleaned (in parallel, GIL released), the documents of the chunk before become
    /// Python objects (which needs the GIL, and so runs on one core), so the Rust side
    /// never holds more than a few chunks. ``on_files(n)`` is called after each chunk
    /// of ``n`` files; Ctrl-C stops the call between chunks.
    #[pyo3(signature = (files, *, chunk_files, chunk_bytes, on_files = None))]
    fn read_files(
        &mut self,
        py: Python<'_>,
        files: Vec<String>,
        chunk_files: usize,
        chunk_bytes: usize,
        on_files: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<usize> {
        let PyCorpusReader {
            options,
            lists,
            published,
            n_words,
            keys,
            errors,
        } = self;
        let options = &*options;
        let mut files = files.into_iter().map(PathBuf::from);
        let mut next_chunk = || {
            let mut chunk = Vec::new();
            let mut bytes = 0u64;
            while chunk.len() < chunk_files.max(1) && bytes < chunk_bytes as u64 {
                let Some(path) = files.next() else { break };
                // A file that cannot be stat'ed is reported, with its path, when read.
                bytes += std::fs::metadata(&path).map_or(0, |m| m.len());
                chunk.push(path);
            }
            (!chunk.is_empty()).then_some(chunk)
        };
        pipeline(
            py,
            || Ok(next_chunk()),
            |paths| {
                let corpus = wq::corpus::read_files(&paths, options)?;
                let chunk_keys = if options.recurring {
                    wq::parallel::map(&corpus.records, |r| RecurringKeys::of(r, options))
                } else {
                    Vec::new()
                };
                let numbers = numeric_columns(&corpus.records);
                Ok::<_, Error>((corpus, chunk_keys, numbers, paths.len()))
            },
            |done| {
                let (corpus, chunk_keys, (chunk_published, chunk_n_words), n_files) =
                    done.py(py)?;
                keys.extend(chunk_keys);
                errors.extend(corpus.errors);
                published.extend(chunk_published);
                n_words.extend(chunk_n_words);
                let batch = columns(py, corpus.records)?;
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

    /// Removes corpus-level boilerplate and returns ``(columns, errors)``; the
    /// reader is empty afterwards.
    fn finish<'py>(
        &mut self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyList>)> {
        let keys = std::mem::take(&mut self.keys);
        let options = &self.options;
        // (document, paragraphs to drop): usually a small share of the corpus.
        let drops: Vec<(usize, Vec<usize>)> = py.detach(|| {
            let mut counts = RecurringCounts::new();
            keys.iter().for_each(|k| counts.add_keys(k));
            let lines = counts.recurring(options);
            keys.iter()
                .enumerate()
                .map(|(i, k)| (i, lines.indices(k)))
                .filter(|(_, d)| !d.is_empty())
                .collect()
        });
        let list = |name: &str| -> PyResult<Bound<'py, PyList>> {
            self.lists
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, l)| l.bind(py).clone())
                .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(name.to_string()))
        };
        let (body, boilerplate) = (list("body")?, list("boilerplate")?);
        for (i, drop) in drops {
            let mut doc = Document {
                body: body.get_item(i)?.extract::<String>()?,
                ..Document::default()
            };
            doc.remove_paragraphs(&drop, Reason::Recurring);
            self.n_words[i] = i64::try_from(doc.n_words()).unwrap_or(i64::MAX);
            body.set_item(i, doc.body.as_str())?;
            let removed = boilerplate.get_item(i)?;
            let removed = removed.cast::<PyList>()?;
            for r in &boilerplate_list(py, &doc)? {
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
        Ok((columns, errors))
    }
}

/// Reads a list of files in batches of documents, holding one batch (and the last
/// files read) at a time; files are read in parallel with the GIL released. No
/// corpus-level boilerplate pass. Used by ``warraq.iter_corpus``.
///
/// >>> from warraq._warraq import CorpusStream, list_corpus_files
/// >>> stream = CorpusStream(list_corpus_files(["examples/sample_corpus"]), batch_size=4)
/// >>> [len(columns["title"]) for columns, errors in iter(stream.next_batch, None)]
/// [4, 2]
/// >>> stream.files_read
/// 6
#[pyclass(module = "warraq._warraq", name = "CorpusStream")]
pub struct PyCorpusStream {
    options: CorpusOptions,
    files: VecDeque<PathBuf>,
    files_read: usize,
    docs_read: usize,
    pending: VecDeque<Record>,
    errors: Vec<Error>,
    batch_size: usize,
}

#[pymethods]
impl PyCorpusStream {
    #[new]
    #[pyo3(signature = (files, *, batch_size = 1000, format = "auto", encoding = None,
        errors = "raise", text_column = None, id_column = None, n_jobs = None))]
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
        n_jobs: Option<usize>,
    ) -> PyResult<Self> {
        if batch_size == 0 {
            return Err(to_pyerr(
                py,
                Error::invalid_option("batch_size", "must be at least 1"),
            ));
        }
        let defaults = CorpusOptions::default();
        Ok(PyCorpusStream {
            options: corpus_options(
                py,
                format,
                encoding,
                errors,
                text_column,
                id_column,
                false,
                defaults.recurring_min_docs,
                defaults.recurring_min_share,
                defaults.recurring_max_words,
                n_jobs,
            )?,
            files: files.into_iter().map(PathBuf::from).collect(),
            files_read: 0,
            docs_read: 0,
            pending: VecDeque::new(),
            errors: Vec::new(),
            batch_size,
        })
    }

    /// Files read so far.
    #[getter]
    fn files_read(&self) -> usize {
        self.files_read
    }

    /// The next batch as ``(columns, errors)`` (``errors``: the files skipped
    /// since the previous batch), or ``None`` at the end.
    fn next_batch<'py>(
        &mut self,
        py: Python<'py>,
    ) -> PyResult<Option<(Bound<'py, PyDict>, Bound<'py, PyList>)>> {
        let threads = wq::parallel::current_num_threads().max(1);
        while self.pending.len() < self.batch_size && !self.files.is_empty() {
            // Enough files to fill the batch (from the documents per file so far),
            // and at least one per thread.
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
            let chunk: Vec<PathBuf> = self.files.drain(..take).collect();
            let options = &self.options;
            let corpus = py
                .detach(|| wq::corpus::read_files(&chunk, options))
                .py(py)?;
            self.files_read += chunk.len();
            self.docs_read += corpus.records.len();
            self.pending.extend(corpus.records);
            self.errors.extend(corpus.errors);
        }
        if self.pending.is_empty() && self.errors.is_empty() {
            return Ok(None);
        }
        let n = self.batch_size.min(self.pending.len());
        let batch: Vec<Record> = self.pending.drain(..n).collect();
        let (published, n_words) = py.detach(|| numeric_columns(&batch));
        let columns = columns(py, batch)?;
        columns.set_item("published", published.into_pyarray(py))?;
        columns.set_item("n_words", n_words.into_pyarray(py))?;
        let errors = error_list(py, std::mem::take(&mut self.errors))?;
        Ok(Some((columns, errors)))
    }
}
