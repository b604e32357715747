//! `TfidfModel`: versioned JSON, files, and pickling through JSON.

use super::PyTfidfModel;
use crate::errors::IntoPyResult;
use pyo3::prelude::*;
use wq::vectors::TfidfVectorizer;

#[pymethods]
impl PyTfidfModel {
    /// The model as versioned JSON.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        self.inner.to_json().py(py)
    }

    /// Reads `to_json`'s output; `path` names the source in errors.
    #[staticmethod]
    #[pyo3(signature = (json, path=""))]
    fn from_json(py: Python<'_>, json: &str, path: &str) -> PyResult<Self> {
        Ok(PyTfidfModel {
            inner: TfidfVectorizer::from_json(json, path).py(py)?,
        })
    }

    /// Saves the model as JSON.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        self.inner.save(path).py(py)
    }

    /// Loads a model saved by `save`.
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        Ok(PyTfidfModel {
            inner: TfidfVectorizer::load(path).py(py)?,
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let json = slf.borrow().to_json(slf.py())?;
        Ok((slf.get_type().getattr("from_json")?, (json,)))
    }
}
