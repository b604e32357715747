//! `TfidfModel`: the matrix of new documents, and keywords of a matrix.

use super::{count_stream, csr_from_py, csr_to_py, Csr, PyTfidfModel, Stream};
use crate::errors::IntoPyResult;
use numpy::PyReadonlyArray1;
use pyo3::prelude::*;
use wq::parallel::Jobs;
use wq::vectors::SharedCounting;

#[pymethods]
impl PyTfidfModel {
    /// The CSR parts of the matrix of `docs` (read as `fit` reads them).
    #[pyo3(signature = (docs, *, terms = false, float32 = false, n_jobs = None, on_batch = None))]
    fn transform<'py>(
        &self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        terms: bool,
        float32: bool,
        n_jobs: Option<i64>,
        on_batch: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Csr<'py>> {
        if self.inner.vocabulary().is_none() {
            // Before reading the documents: the error a user expects first.
            self.inner.transform_batches(Vec::new()).py(py)?;
        }
        let jobs = Jobs::new(n_jobs).py(py)?;
        let counting = SharedCounting::new();
        let mut batches = Vec::new();
        count_stream(
            py,
            self.inner.analyzer(),
            Some(&counting),
            Stream::new(docs, terms, on_batch),
            &jobs,
            |b| {
                batches.push(b);
                Ok(())
            },
        )?;
        let inner = &self.inner;
        let m = py
            .detach(|| jobs.install(|| inner.transform_batches(batches)))
            .py(py)?;
        Ok(csr_to_py(py, m, float32))
    }

    /// Top-`k` terms of each row of a CSR matrix (numbers only if `numbers`).
    #[pyo3(signature = (data, indices, indptr, shape, k, numbers = false))]
    #[allow(clippy::too_many_arguments)]
    fn keywords(
        &self,
        py: Python<'_>,
        data: PyReadonlyArray1<'_, f64>,
        indices: PyReadonlyArray1<'_, i32>,
        indptr: PyReadonlyArray1<'_, i64>,
        shape: (usize, usize),
        k: usize,
        numbers: bool,
    ) -> PyResult<Vec<Vec<(String, f64)>>> {
        let x = csr_from_py(data, indices, indptr, shape)?;
        py.detach(|| self.inner.keywords_filtered(&x, k, numbers))
            .py(py)
    }
}
