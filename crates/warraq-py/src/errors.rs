//! Maps core errors to Python exceptions.
//!
//! The exception classes live in `warraq/exceptions.py` (so that, for instance,
//! `ParseError` can be both a `WarraqError` and a `ValueError`); each core error
//! variant maps to one class, and IO errors to the built-in `OSError` subclasses,
//! carrying the path, line and column as attributes.

use pyo3::exceptions::{PyKeyboardInterrupt, PyOSError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;
use wq::Error;

fn exception_class<'py>(py: Python<'py>, name: &'static str) -> PyResult<Bound<'py, PyType>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let module =
        MODULE.get_or_try_init(py, || py.import("warraq.exceptions").map(Bound::unbind))?;
    Ok(module.bind(py).getattr(name)?.cast_into::<PyType>()?)
}

fn build(
    py: Python<'_>,
    class: &'static str,
    message: String,
    attrs: &[(&str, Py<PyAny>)],
) -> PyErr {
    let made = (|| -> PyResult<PyErr> {
        let cls = exception_class(py, class)?;
        let exc = cls.call1((message.clone(),))?;
        for (k, v) in attrs {
            exc.setattr(*k, v)?;
        }
        Ok(PyErr::from_value(exc))
    })();
    made.unwrap_or_else(|e| e)
}

/// Converts a core error to the matching Python exception.
pub fn to_pyerr(py: Python<'_>, err: Error) -> PyErr {
    let message = err.to_string();
    match err {
        Error::Io { path, source } => {
            let errno = source.raw_os_error().unwrap_or(0);
            let filename = path.display().to_string();
            let strerror = source.to_string();
            // OSError(errno, strerror, filename) picks FileNotFoundError, PermissionError, …
            match source.kind() {
                std::io::ErrorKind::NotFound => {
                    PyErr::new::<pyo3::exceptions::PyFileNotFoundError, _>((
                        errno.max(2),
                        strerror,
                        filename,
                    ))
                }
                std::io::ErrorKind::PermissionDenied => {
                    PyErr::new::<pyo3::exceptions::PyPermissionError, _>((
                        errno.max(13),
                        strerror,
                        filename,
                    ))
                }
                _ if errno != 0 => PyErr::new::<PyOSError, _>((errno, strerror, filename)),
                _ => PyErr::new::<PyOSError, _>(message),
            }
        }
        Error::Decode {
            path,
            encoding,
            offset,
            ..
        } => build(
            py,
            "DecodeError",
            message,
            &[
                ("path", path_obj(py, &path)),
                (
                    "encoding",
                    encoding
                        .into_pyobject(py)
                        .map(|o| o.into_any().unbind())
                        .unwrap_or_else(|_| py.None()),
                ),
                ("offset", int_obj(py, Some(offset))),
            ],
        ),
        Error::Parse {
            path, line, column, ..
        } => build(
            py,
            "ParseError",
            message,
            &[
                ("path", path_obj(py, &path)),
                ("line", int_obj(py, line)),
                ("column", int_obj(py, column)),
            ],
        ),
        Error::InvalidOption { .. } => build(py, "InvalidOptionError", message, &[]),
        Error::InvalidText { index, .. } => build(
            py,
            "InvalidTextError",
            message,
            &[("index", int_obj(py, Some(index)))],
        ),
        Error::Model { path, .. } => {
            build(py, "ModelError", message, &[("path", path_obj(py, &path))])
        }
        Error::NotFitted { .. } => build(py, "NotFittedError", message, &[]),
        Error::Interrupted => PyKeyboardInterrupt::new_err(message),
        _ => build(py, "WarraqError", message, &[]),
    }
}

fn path_obj(py: Python<'_>, path: &std::path::Path) -> Py<PyAny> {
    if path.as_os_str().is_empty() {
        return py.None();
    }
    path.display()
        .to_string()
        .into_pyobject(py)
        .map(|o| o.into_any().unbind())
        .unwrap_or_else(|_| py.None())
}

fn int_obj(py: Python<'_>, v: Option<usize>) -> Py<PyAny> {
    match v {
        Some(v) => v
            .into_pyobject(py)
            .map(|o| o.into_any().unbind())
            .unwrap_or_else(|_| py.None()),
        None => py.None(),
    }
}

/// `result.map_err(|e| to_pyerr(py, e))`, shorter.
pub trait IntoPyResult<T> {
    /// Maps the core error to a Python exception.
    fn py(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for wq::Result<T> {
    fn py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_pyerr(py, e))
    }
}
