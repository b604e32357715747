//! `SearchIndex` and `SearchWriter`: the core's search index (see
//! `warraq.SearchIndex`, the API to use), its arguments and results converted.

use crate::errors::IntoPyResult;
use crate::ingest::all_texts;
use crate::run::{detached, detached_ok};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::Mutex;
use wq::analyze::{AnalyzerOptions, Stem};
use wq::search::{SearchDoc, SearchFilter, SearchIndex, SearchOptions, SearchWriter};

/// A search index on disk (see :class:`warraq.SearchIndex`, the API to use).
///
/// >>> import tempfile, os
/// >>> from warraq._warraq import SearchIndex
/// >>> path = os.path.join(tempfile.mkdtemp(), "index")
/// >>> index = SearchIndex.create(path)
/// >>> w = index.writer(1)
/// >>> w.add(["a"], ["تدمر"], ["دخلوا بتدمر أمس"], [None], [None], [[]])
/// >>> w.commit()
/// 1
/// >>> index.search("تدمر", 10)[0]
/// ['a']
#[pyclass(module = "warraq._warraq", name = "SearchIndex", frozen)]
pub struct PySearchIndex {
    inner: SearchIndex,
}

/// Adds documents to a :class:`SearchIndex`; holds its lock until committed.
#[pyclass(module = "warraq._warraq", name = "SearchWriter", frozen)]
pub struct PySearchWriter {
    inner: Mutex<Option<SearchWriter>>,
}

/// The hits as columns: id, score, title, source, published (seconds since the
/// epoch, UTC), snippet, highlights (code-point ranges into the snippet).
type Hits = (
    Vec<String>,
    Vec<f32>,
    Vec<String>,
    Vec<Option<String>>,
    Vec<Option<i64>>,
    Vec<String>,
    Vec<Vec<(usize, usize)>>,
);

fn date(seconds: Option<i64>) -> PyResult<Option<chrono::NaiveDateTime>> {
    seconds
        .map(|s| {
            chrono::DateTime::from_timestamp(s, 0)
                .map(|d| d.naive_utc())
                .ok_or_else(|| PyValueError::new_err(format!("date out of range: {s} s")))
        })
        .transpose()
}

#[pymethods]
impl PySearchIndex {
    /// Creates an empty index in ``path`` (a new or empty directory).
    #[staticmethod]
    #[pyo3(signature = (path, *, k1=None, b=None, stem=None, title_boost=None))]
    fn create(
        py: Python<'_>,
        path: PathBuf,
        k1: Option<f32>,
        b: Option<f32>,
        stem: Option<&str>,
        title_boost: Option<f32>,
    ) -> PyResult<Self> {
        let d = SearchOptions::default();
        let stem = match stem {
            Some(s) => s.parse::<Stem>().py(py)?,
            None => d.analyzer.stem,
        };
        let options = SearchOptions {
            k1: k1.unwrap_or(d.k1),
            b: b.unwrap_or(d.b),
            title_boost: title_boost.unwrap_or(d.title_boost),
            analyzer: AnalyzerOptions {
                stem,
                ..d.analyzer.clone()
            },
            ..d
        };
        let inner = detached(py, || SearchIndex::create(&path, options))?;
        Ok(PySearchIndex { inner })
    }

    /// Opens the index in ``path``.
    #[staticmethod]
    fn open(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let inner = detached(py, || SearchIndex::open(&path))?;
        Ok(PySearchIndex { inner })
    }

    /// The index directory.
    #[getter]
    fn path(&self) -> String {
        self.inner.path().display().to_string()
    }

    /// BM25's ``k1`` and ``b``, the stemmer and the title's weight, as the index
    /// was created with.
    #[getter]
    fn options(&self) -> (f32, f32, &'static str, f32) {
        let o = self.inner.options();
        (o.k1, o.b, o.analyzer.stem.as_str(), o.title_boost)
    }

    /// The number of documents.
    fn __len__(&self) -> usize {
        self.inner.num_docs() as usize
    }

    /// Sees what other writers committed since the index was opened.
    fn reload(&self, py: Python<'_>) -> PyResult<()> {
        detached(py, || self.inner.reload())
    }

    /// A writer on ``threads`` indexing threads (refused while another one is open).
    fn writer(&self, py: Python<'_>, threads: usize) -> PyResult<PySearchWriter> {
        let w = detached(py, || self.inner.writer(threads))?;
        Ok(PySearchWriter {
            inner: Mutex::new(Some(w)),
        })
    }

    /// The terms the index makes of each text (``expand``: a document's, with the
    /// terms behind ب ك ل; otherwise a query's). In parallel without the GIL.
    #[pyo3(signature = (texts, *, expand=true))]
    fn terms(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        expand: bool,
    ) -> PyResult<Vec<Vec<String>>> {
        let batch = all_texts(texts, "texts")?;
        Ok(detached_ok(py, || self.inner.terms(&batch.strs(), expand)))
    }

    /// The ``k`` best hits of ``query`` as columns (see ``Hits``).
    #[pyo3(signature = (query, k, *, sources=Vec::new(), published_from=None, published_to=None, tags=Vec::new(), snippets=true))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        query: &str,
        k: usize,
        sources: Vec<String>,
        published_from: Option<i64>,
        published_to: Option<i64>,
        tags: Vec<String>,
        snippets: bool,
    ) -> PyResult<Hits> {
        let filter = SearchFilter {
            sources,
            published_from: date(published_from)?,
            published_to: date(published_to)?,
            tags,
        };
        let hits = detached(py, || self.inner.search_with(query, k, &filter, snippets))?;
        let mut out: Hits = Default::default();
        for h in hits {
            out.0.push(h.id);
            out.1.push(h.score);
            out.2.push(h.title);
            out.3.push(h.source);
            out.4.push(h.published.map(|d| d.and_utc().timestamp()));
            out.6.push(
                h.snippet
                    .highlights
                    .iter()
                    .map(|r| (r.start, r.end))
                    .collect(),
            );
            out.5.push(h.snippet.text);
        }
        Ok(out)
    }
}

#[pymethods]
impl PySearchWriter {
    /// Queues documents given as columns (published in seconds since the epoch).
    #[allow(clippy::too_many_arguments)]
    fn add(
        &self,
        py: Python<'_>,
        ids: Vec<String>,
        titles: Vec<String>,
        bodies: Vec<String>,
        sources: Vec<Option<String>>,
        published: Vec<Option<i64>>,
        tags: Vec<Vec<String>>,
    ) -> PyResult<()> {
        let n = ids.len();
        if [
            titles.len(),
            bodies.len(),
            sources.len(),
            published.len(),
            tags.len(),
        ]
        .iter()
        .any(|&l| l != n)
        {
            return Err(PyValueError::new_err(
                "SearchWriter.add: the columns differ in length",
            ));
        }
        let mut docs = Vec::with_capacity(n);
        let columns = ids
            .into_iter()
            .zip(titles)
            .zip(bodies)
            .zip(sources)
            .zip(published)
            .zip(tags);
        for (((((id, title), body), source), published), tags) in columns {
            docs.push(SearchDoc {
                id,
                title,
                body,
                source,
                published: date(published)?,
                tags,
            });
        }
        let mut guard = self
            .inner
            .lock()
            .map_err(|_| PyValueError::new_err("writer poisoned"))?;
        let writer = guard
            .as_mut()
            .ok_or_else(|| PyValueError::new_err("SearchWriter: already committed"))?;
        detached(py, || writer.add(&docs))
    }

    /// Commits what was added (searchable from now on) and releases the lock; the
    /// number of documents added.
    fn commit(&self, py: Python<'_>) -> PyResult<usize> {
        let writer = self
            .inner
            .lock()
            .map_err(|_| PyValueError::new_err("writer poisoned"))?
            .take()
            .ok_or_else(|| PyValueError::new_err("SearchWriter: already committed"))?;
        detached(py, || writer.commit())
    }

    /// Drops what was added and releases the lock.
    fn rollback(&self) -> PyResult<()> {
        self.inner
            .lock()
            .map_err(|_| PyValueError::new_err("writer poisoned"))?
            .take();
        Ok(())
    }
}
