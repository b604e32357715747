//! `TfidfModel`: fitting, streamed in batches.

use super::stats::PyDocumentFrequencies;
use super::{count_stream, csr_to_py, Csr, PyTfidfModel, Stream};
use crate::errors::IntoPyResult;
use pyo3::prelude::*;
use wq::parallel::Jobs;
use wq::vectors::{DocumentFrequencies, SharedCounting};

#[pymethods]
impl PyTfidfModel {
    /// Fits on `docs` (texts, or with `terms` lists of terms), streamed in batches;
    /// `on_batch(n)` is called after each batch of `n` documents.
    #[pyo3(signature = (docs, *, terms = false, n_jobs = None, on_batch = None))]
    fn fit(
        &mut self,
        py: Python<'_>,
        docs: &Bound<'_, PyAny>,
        terms: bool,
        n_jobs: Option<i64>,
        on_batch: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let stats = self.count(py, docs, terms, n_jobs, on_batch)?;
        self.inner.fit_stats(&stats.inner).py(py)
    }

    /// Counts `docs` with this model's analyzer (no fitting), as `fit` reads them.
    #[pyo3(signature = (docs, *, terms = false, n_jobs = None, on_batch = None))]
    fn count(
        &self,
        py: Python<'_>,
        docs: &Bound<'_, PyAny>,
        terms: bool,
        n_jobs: Option<i64>,
        on_batch: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyDocumentFrequencies> {
        let mut inner = DocumentFrequencies::new();
        count_stream(
            py,
            self.inner.analyzer(),
            None,
            Stream::new(docs, terms, on_batch),
            &Jobs::new(n_jobs).py(py)?,
            |b| {
                py.detach(|| inner.add_batch(b));
                Ok(())
            },
        )?;
        Ok(PyDocumentFrequencies { inner })
    }

    /// Fits the vocabulary and idf from statistics.
    fn fit_stats(
        &mut self,
        py: Python<'_>,
        stats: PyRef<'_, PyDocumentFrequencies>,
    ) -> PyResult<()> {
        self.inner.fit_stats(&stats.inner).py(py)
    }

    /// Fits and returns the CSR parts of the matrix (each document analyzed once).
    #[pyo3(signature = (docs, *, terms = false, float32 = false, n_jobs = None, on_batch = None))]
    fn fit_transform<'py>(
        &mut self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        terms: bool,
        float32: bool,
        n_jobs: Option<i64>,
        on_batch: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Csr<'py>> {
        let jobs = Jobs::new(n_jobs).py(py)?;
        let counting = SharedCounting::new();
        let mut batches = self.inner.begin_batches();
        count_stream(
            py,
            self.inner.analyzer(),
            Some(&counting),
            Stream::new(docs, terms, on_batch),
            &jobs,
            |b| {
                // Merging a batch's vocabulary is serial: it runs here, while the
                // helper thread counts the next batch.
                py.detach(|| batches.push(b));
                Ok(())
            },
        )?;
        let inner = &mut self.inner;
        let m = py
            .detach(|| jobs.install(|| inner.finish_batches(batches)))
            .py(py)?;
        Ok(csr_to_py(py, m, float32))
    }
}
