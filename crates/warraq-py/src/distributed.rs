//! The MinHash blocks `warraq.dask` runs on workers.

use crate::errors::{to_pyerr, IntoPyResult};
use numpy::{IntoPyArray, PyArray1, PyArrayMethods, PyReadonlyArray1};
use pyo3::prelude::*;
use wq::vectors::{MinHashOptions, MinHasher};

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
