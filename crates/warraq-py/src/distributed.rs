//! The pieces `warraq.dask` runs on workers: mergeable counts of recurring lines
//! (corpus-level boilerplate) and the size of the thread pool (its MinHash blocks
//! are `vectors::minhash`'s `MinHasher`).

use crate::errors::IntoPyResult;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use wq::corpus::{CorpusOptions, Record, RecurringCounts, RecurringLines};
use wq::document::Document;

fn recurring_options(max_words: usize, min_docs: usize, min_share: f64) -> CorpusOptions {
    CorpusOptions {
        recurring_max_words: max_words,
        recurring_min_docs: min_docs,
        recurring_min_share: min_share,
        ..CorpusOptions::default()
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
        .map(|((source, path), body)| Record {
            path,
            document: Document {
                source,
                body,
                ..Document::default()
            },
        })
        .collect())
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
        let options = recurring_options(recurring_max_words, 5, 0.0);
        let inner = py.detach(|| RecurringCounts::count(&records, &options));
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
        let options = recurring_options(30, recurring_min_docs, recurring_min_share);
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

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let data = slf.borrow().to_bytes(slf.py());
        Ok((slf.get_type().getattr("from_bytes")?, (data,)))
    }
}

/// The recurring (source, paragraph) pairs of a whole corpus, removed partition
/// by partition (the core's `RecurringLines`). Pickles as bytes.
///
/// >>> from warraq._warraq import RecurringCounts
/// >>> bodies = [f"خبر رقم {i}.\n\nتابعونا على موقعنا." for i in range(6)]
/// >>> lines = RecurringCounts.count([None] * 6, ["s/a"] * 6, bodies).recurring_lines()
/// >>> lines.remove([None], ["s/x"], [bodies[0]])
/// ([0], ['خبر رقم 0.'], [['تابعونا على موقعنا.']], [3])
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
    /// removed lines, n_words)`.
    #[pyo3(signature = (sources, paths, bodies, recurring_max_words = 30))]
    #[allow(clippy::type_complexity)]
    fn remove(
        &self,
        py: Python<'_>,
        sources: Vec<Option<String>>,
        paths: Vec<String>,
        bodies: Vec<String>,
        recurring_max_words: usize,
    ) -> PyResult<(Vec<usize>, Vec<String>, Vec<Vec<String>>, Vec<usize>)> {
        let mut records = records(sources, paths, bodies)?;
        let options = recurring_options(recurring_max_words, 5, 0.0);
        let lines = &self.inner;
        Ok(py.detach(|| {
            let mut out = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            for (row, record) in records.iter_mut().enumerate() {
                if lines.apply(record, &options) > 0 {
                    let doc = std::mem::take(&mut record.document);
                    out.3.push(doc.n_words());
                    out.0.push(row);
                    out.1.push(doc.body);
                    out.2
                        .push(doc.boilerplate.into_iter().map(|r| r.line).collect());
                }
            }
            out
        }))
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

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let data = slf.borrow().to_bytes(slf.py());
        Ok((slf.get_type().getattr("from_bytes")?, (data,)))
    }
}

/// Sizes the thread pool of batch functions to `n` threads when it has not been
/// used yet in this process; returns whether it took effect (the
/// `warraq.dask` worker plugin calls it with the worker's thread count).
#[pyfunction]
pub fn init_num_threads(n: usize) -> bool {
    wq::parallel::init_num_threads(n)
}

/// The number of threads batch functions use in this process.
///
/// >>> from warraq._warraq import current_num_threads
/// >>> current_num_threads() >= 1
/// True
#[pyfunction]
pub fn current_num_threads() -> usize {
    wq::parallel::current_num_threads()
}
