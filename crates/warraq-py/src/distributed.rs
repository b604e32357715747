//! The pieces `warraq.dask` runs on workers: mergeable counts of recurring lines
//! (corpus-level boilerplate), MinHash blocks, and the size of the thread pool.

use crate::errors::{to_pyerr, IntoPyResult};
use numpy::{IntoPyArray, PyArray1, PyArrayMethods, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use wq::corpus::{CorpusOptions, Record, RecurringCounts, RecurringLines};
use wq::document::Document;
use wq::vectors::{MinHashOptions, MinHasher};

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

/// MinHash steps one block of documents at a time (the core's `MinHasher`):
/// shingle sets and LSH band keys per document, and the exact Jaccard of pairs of
/// documents from two blocks.
///
/// >>> import numpy as np
/// >>> from warraq._warraq import MinHasher
/// >>> h = MinHasher()
/// >>> indptr, hashes, keys = h.block(["سقط المطر بغزارة", "سقط المطر بغزارة.", ""])
/// >>> indptr.tolist(), keys.shape
/// ([0, 2, 4, 4], (3, 64))
/// >>> MinHasher.compare(indptr, hashes, np.array([0]), indptr, hashes, np.array([1]))[0].tolist()
/// [1.0]
#[pyclass(module = "warraq._warraq", name = "MinHasher", frozen)]
pub struct PyMinHasher {
    inner: MinHasher,
}

#[pymethods]
impl PyMinHasher {
    #[new]
    #[pyo3(signature = (*, shingle_size = 2, num_perm = 128, bands = 64, seed = 0x5741_5252_4151))]
    fn new(
        py: Python<'_>,
        shingle_size: usize,
        num_perm: usize,
        bands: usize,
        seed: u64,
    ) -> PyResult<Self> {
        let options = MinHashOptions {
            shingle_size,
            num_perm,
            bands,
            seed,
            ..MinHashOptions::default()
        };
        Ok(PyMinHasher {
            inner: MinHasher::new(&options).py(py)?,
        })
    }

    /// Shingle sets of `texts` end to end, `(indptr, hashes, band_keys)`: document
    /// `d`'s sorted hashes are `hashes[indptr[d]:indptr[d + 1]]`, its LSH keys the
    /// row `band_keys[d]` (`bands` columns). In parallel, the GIL released.
    #[allow(clippy::type_complexity)]
    fn block<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
    ) -> PyResult<(
        Bound<'py, PyArray1<i64>>,
        Bound<'py, PyArray1<u64>>,
        Bound<'py, PyAny>,
    )> {
        let batch = crate::convert::all_texts(texts, "texts")?;
        let strs = batch.strs();
        let hasher = &self.inner;
        let bands = hasher.options().bands;
        let (indptr, hashes, keys) = py.detach(|| {
            let sets = wq::parallel::map(&strs, |t| hasher.shingles(t));
            let keys = wq::parallel::map(&sets, |s| hasher.band_keys(&hasher.signature(s)));
            let mut indptr = Vec::with_capacity(sets.len() + 1);
            indptr.push(0i64);
            let mut hashes = Vec::with_capacity(sets.iter().map(Vec::len).sum());
            for s in &sets {
                hashes.extend_from_slice(s);
                indptr.push(hashes.len() as i64);
            }
            (indptr, hashes, keys.concat())
        });
        let n = indptr.len() - 1;
        let keys = keys.into_pyarray(py).reshape([n, bands])?.into_any();
        Ok((indptr.into_pyarray(py), hashes.into_pyarray(py), keys))
    }

    /// Exact Jaccard similarity and shared shingles of document `rows_a[k]` of
    /// block a and `rows_b[k]` of block b, for every `k`.
    #[staticmethod]
    #[allow(clippy::type_complexity)]
    fn compare<'py>(
        py: Python<'py>,
        indptr_a: PyReadonlyArray1<'py, i64>,
        hashes_a: PyReadonlyArray1<'py, u64>,
        rows_a: PyReadonlyArray1<'py, i64>,
        indptr_b: PyReadonlyArray1<'py, i64>,
        hashes_b: PyReadonlyArray1<'py, u64>,
        rows_b: PyReadonlyArray1<'py, i64>,
    ) -> PyResult<(Bound<'py, PyArray1<f64>>, Bound<'py, PyArray1<u32>>)> {
        let (ia, ha, ra) = (
            indptr_a.as_slice()?,
            hashes_a.as_slice()?,
            rows_a.as_slice()?,
        );
        let (ib, hb, rb) = (
            indptr_b.as_slice()?,
            hashes_b.as_slice()?,
            rows_b.as_slice()?,
        );
        if ra.len() != rb.len() {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "rows_a and rows_b must have the same length",
            ));
        }
        let set = |indptr: &[i64], hashes: &[u64], row: i64| -> PyResult<std::ops::Range<usize>> {
            let r = usize::try_from(row).ok().filter(|r| r + 1 < indptr.len());
            let range = r.and_then(|r| {
                let (s, e) = (
                    usize::try_from(indptr[r]).ok()?,
                    usize::try_from(indptr[r + 1]).ok()?,
                );
                (s <= e && e <= hashes.len()).then_some(s..e)
            });
            range.ok_or_else(|| {
                to_pyerr(
                    py,
                    wq::Error::invalid_option("rows", format!("row {row} is not in the block")),
                )
            })
        };
        let mut ranges = Vec::with_capacity(ra.len());
        for (&a, &b) in ra.iter().zip(rb) {
            ranges.push((set(ia, ha, a)?, set(ib, hb, b)?));
        }
        let (score, shared): (Vec<f64>, Vec<u32>) = py.detach(|| {
            ranges
                .into_iter()
                .map(|(a, b)| wq::vectors::jaccard(&ha[a], &hb[b]))
                .unzip()
        });
        Ok((score.into_pyarray(py), shared.into_pyarray(py)))
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
