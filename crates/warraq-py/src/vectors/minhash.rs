//! Near-duplicates (MinHash with LSH banding) and shingle overlap: the core's
//! `vectors::minhash`.

use super::with_jobs;
use crate::convert::text;
use crate::errors::{to_pyerr, IntoPyResult};
use crate::ingest::all_texts;
use numpy::{IntoPyArray, PyArray1, PyArrayMethods, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use wq::vectors::{MinHashOptions, MinHasher, NearDuplicate};

/// Near-duplicate pairs as numpy arrays `(i, j, score, shared)`.
type Pairs<'py> = (
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<u32>>,
);

fn pairs_to_py<'py>(py: Python<'py>, pairs: &[NearDuplicate]) -> Pairs<'py> {
    let i: Vec<u32> = pairs.iter().map(|p| p.i).collect();
    let j: Vec<u32> = pairs.iter().map(|p| p.j).collect();
    let score: Vec<f64> = pairs.iter().map(|p| p.score).collect();
    let shared: Vec<u32> = pairs.iter().map(|p| p.shared).collect();
    (
        i.into_pyarray(py),
        j.into_pyarray(py),
        score.into_pyarray(py),
        shared.into_pyarray(py),
    )
}

/// MinHash/LSH near-duplicate pairs: numpy arrays `(i, j, score, shared)`.
#[pyfunction]
#[pyo3(signature = (texts, *, shingle_size, num_perm, bands, threshold, seed, n_jobs=None))]
#[allow(clippy::too_many_arguments)]
pub fn minhash_near_duplicates<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    shingle_size: usize,
    num_perm: usize,
    bands: usize,
    threshold: f64,
    seed: u64,
    n_jobs: Option<i64>,
) -> PyResult<Pairs<'py>> {
    let batch = all_texts(texts, "texts")?;
    let strs = batch.strs();
    let options = MinHashOptions {
        shingle_size,
        num_perm,
        bands,
        threshold,
        seed,
    };
    let pairs = with_jobs(py, n_jobs, || wq::vectors::near_duplicates(&strs, &options))?.py(py)?;
    Ok(pairs_to_py(py, &pairs))
}

/// Shingle overlap of two texts: a dict with `shared` (list of str), `n_a`, `n_b`
/// and `jaccard`.
///
/// >>> from warraq._warraq import shingle_overlap
/// >>> shingle_overlap("سقط المطر بغزارة", "سقط المطر أمس", 2)["shared"]
/// ['سقط المطر']
#[pyfunction]
#[pyo3(signature = (a, b, shingle_size=2))]
pub fn shingle_overlap<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
    shingle_size: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let o = wq::vectors::shingle_overlap(text(a, "a")?, text(b, "b")?, shingle_size);
    let d = PyDict::new(py);
    d.set_item("shared", PyList::new(py, o.shared)?)?;
    d.set_item("n_a", o.n_a)?;
    d.set_item("n_b", o.n_b)?;
    d.set_item("jaccard", o.jaccard)?;
    Ok(d)
}

/// MinHash near-duplicate detection fed in batches (the engine of
/// ``warraq.near_duplicates``, which adds the texts chunk by chunk behind a progress
/// bar). ``pairs()`` gives numpy arrays ``(i, j, score, shared)``.
///
/// >>> from warraq._warraq import MinHashIndex
/// >>> index = MinHashIndex(shingle_size=2, num_perm=128, bands=64, threshold=0.2, seed=1)
/// >>> index.add(["سقط المطر بغزارة أمس", "ارتفعت الأسعار"])
/// >>> index.add(["سقط المطر بغزارة أمس"])
/// >>> len(index), [a.tolist() for a in index.pairs()]
/// (3, [[0], [2], [1.0], [3]])
#[pyclass(module = "warraq._warraq", name = "MinHashIndex")]
pub struct PyMinHashIndex {
    inner: wq::vectors::MinHashIndex,
}

#[pymethods]
impl PyMinHashIndex {
    #[new]
    #[pyo3(signature = (*, shingle_size, num_perm, bands, threshold, seed))]
    fn new(
        py: Python<'_>,
        shingle_size: usize,
        num_perm: usize,
        bands: usize,
        threshold: f64,
        seed: u64,
    ) -> PyResult<Self> {
        let options = MinHashOptions {
            shingle_size,
            num_perm,
            bands,
            threshold,
            seed,
        };
        Ok(PyMinHashIndex {
            inner: wq::vectors::MinHashIndex::new(options).py(py)?,
        })
    }

    /// Adds texts (shingles and signatures computed in parallel, GIL released).
    #[pyo3(signature = (texts, n_jobs = None))]
    fn add(
        &mut self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        n_jobs: Option<i64>,
    ) -> PyResult<()> {
        let batch = all_texts(texts, "texts")?;
        let strs = batch.strs();
        let inner = &mut self.inner;
        with_jobs(py, n_jobs, || inner.add(&strs))
    }

    /// The near-duplicate pairs among the texts added: ``(i, j, score, shared)``.
    #[pyo3(signature = (n_jobs = None))]
    fn pairs<'py>(&self, py: Python<'py>, n_jobs: Option<i64>) -> PyResult<Pairs<'py>> {
        let inner = &self.inner;
        let pairs = with_jobs(py, n_jobs, || inner.pairs())?;
        Ok(pairs_to_py(py, &pairs))
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

/// MinHash steps one block of documents at a time (the core's `MinHasher`, for
/// `warraq.dask`): shingle sets and LSH band keys per document, and the exact
/// Jaccard of pairs of documents from two blocks. Options not given (None) keep
/// the core's defaults (`DEFAULTS["minhash"]`).
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
    #[pyo3(signature = (*, shingle_size = None, num_perm = None, bands = None, seed = None))]
    fn new(
        py: Python<'_>,
        shingle_size: Option<usize>,
        num_perm: Option<usize>,
        bands: Option<usize>,
        seed: Option<u64>,
    ) -> PyResult<Self> {
        let default = MinHashOptions::default();
        let options = MinHashOptions {
            shingle_size: shingle_size.unwrap_or(default.shingle_size),
            num_perm: num_perm.unwrap_or(default.num_perm),
            bands: bands.unwrap_or(default.bands),
            seed: seed.unwrap_or(default.seed),
            ..default
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
        let batch = all_texts(texts, "texts")?;
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
