//! `DocumentFrequencies`: the core's `vectors::DocumentFrequencies`.

use crate::errors::to_pyerr;
use pyo3::prelude::*;
use wq::vectors::DocumentFrequencies;

/// Document frequencies counted by `TfidfModel.count`, mergeable across batches,
/// processes and machines; picklable.
///
/// >>> from warraq._warraq import DocumentFrequencies
/// >>> s = DocumentFrequencies()
/// >>> (s.n_docs, len(s))
/// (0, 0)
#[pyclass(module = "warraq._warraq", name = "DocumentFrequencies")]
#[derive(Clone, Default)]
pub struct PyDocumentFrequencies {
    pub(super) inner: DocumentFrequencies,
}

#[pymethods]
impl PyDocumentFrequencies {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    /// Documents counted.
    #[getter]
    fn n_docs(&self) -> u64 {
        self.inner.n_docs()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// Number of documents holding `term` (0 if never seen).
    fn df(&self, term: &str) -> u64 {
        self.inner.df(term).unwrap_or(0)
    }

    /// Adds the counts of `other` (in place); returns nothing.
    fn merge(&mut self, other: PyRef<'_, PyDocumentFrequencies>) {
        self.inner.merge(&other.inner);
    }

    /// The statistics as JSON.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// Reads `to_json`'s output.
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        let inner = serde_json::from_str(json).map_err(|e| {
            to_pyerr(
                py,
                wq::Error::Model {
                    path: Default::default(),
                    message: format!("corrupt DocumentFrequencies: {e}"),
                },
            )
        })?;
        Ok(PyDocumentFrequencies { inner })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let json = slf.borrow().to_json()?;
        Ok((slf.get_type().getattr("from_json")?, (json,)))
    }
}
