//! `cosine_neighbours`: the core's `vectors::similar`.

use super::{csr_from_py, with_jobs};
use crate::errors::IntoPyResult;
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;

/// The CSR parts of a matrix from Python: `(data, indices, indptr, shape)`.
type CsrIn<'py> = (
    PyReadonlyArray1<'py, f64>,
    PyReadonlyArray1<'py, i32>,
    PyReadonlyArray1<'py, i64>,
    (usize, usize),
);

/// Top-`k` cosine neighbours of CSR rows: returns numpy arrays `(i, j, score)`.
#[pyfunction]
#[pyo3(signature = (x, y, k, threshold, n_jobs=None))]
#[allow(clippy::type_complexity)]
pub fn cosine_neighbours<'py>(
    py: Python<'py>,
    x: CsrIn<'py>,
    y: Option<CsrIn<'py>>,
    k: usize,
    threshold: Option<f64>,
    n_jobs: Option<i64>,
) -> PyResult<(
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<f64>>,
)> {
    let x = csr_from_py(x.0, x.1, x.2, x.3)?;
    let y = y.map(|y| csr_from_py(y.0, y.1, y.2, y.3)).transpose()?;
    let n = with_jobs(py, n_jobs, || {
        wq::vectors::similar(&x, y.as_ref(), k, threshold)
    })?
    .py(py)?;
    Ok((
        n.i.into_pyarray(py),
        n.j.into_pyarray(py),
        n.score.into_pyarray(py),
    ))
}
