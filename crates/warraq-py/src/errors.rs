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

/// The classes of `warraq/exceptions.py` that core errors become; a test checks
/// that each is defined there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Warraq,
    Parse,
    Decode,
    InvalidOption,
    InvalidText,
    Model,
    NotFitted,
    Query,
    Index,
}

impl Class {
    #[cfg(test)]
    const ALL: [Class; 9] = [
        Class::Warraq,
        Class::Parse,
        Class::Decode,
        Class::InvalidOption,
        Class::InvalidText,
        Class::Model,
        Class::NotFitted,
        Class::Query,
        Class::Index,
    ];

    /// The class's name in `warraq.exceptions`.
    fn name(self) -> &'static str {
        match self {
            Class::Warraq => "WarraqError",
            Class::Parse => "ParseError",
            Class::Decode => "DecodeError",
            Class::InvalidOption => "InvalidOptionError",
            Class::InvalidText => "InvalidTextError",
            Class::Model => "ModelError",
            Class::NotFitted => "NotFittedError",
            Class::Query => "QueryError",
            Class::Index => "SearchIndexError",
        }
    }
}

fn exception_class(py: Python<'_>, class: Class) -> PyResult<Bound<'_, PyType>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let module =
        MODULE.get_or_try_init(py, || py.import("warraq.exceptions").map(Bound::unbind))?;
    Ok(module
        .bind(py)
        .getattr(class.name())?
        .cast_into::<PyType>()?)
}

fn build(py: Python<'_>, class: Class, message: String, attrs: &[(&str, Py<PyAny>)]) -> PyErr {
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
///
/// One arm per core error variant, kept in one function so that the whole mapping
/// from core errors to Python classes and attributes reads as one table.
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
            Class::Decode,
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
            Class::Parse,
            message,
            &[
                ("path", path_obj(py, &path)),
                ("line", int_obj(py, line)),
                ("column", int_obj(py, column)),
            ],
        ),
        Error::InvalidOption { .. } => build(py, Class::InvalidOption, message, &[]),
        Error::InvalidText { index, .. } => build(
            py,
            Class::InvalidText,
            message,
            &[("index", int_obj(py, Some(index)))],
        ),
        Error::Model { path, .. } => {
            build(py, Class::Model, message, &[("path", path_obj(py, &path))])
        }
        Error::NotFitted { .. } => build(py, Class::NotFitted, message, &[]),
        Error::Query { position, .. } => build(
            py,
            Class::Query,
            message,
            &[("position", int_obj(py, Some(position)))],
        ),
        Error::Index { path, .. } => {
            build(py, Class::Index, message, &[("path", path_obj(py, &path))])
        }
        // Bytes from another process that do not decode: malformed input with no
        // file to name.
        Error::Corrupt { .. } => build(
            py,
            Class::Parse,
            message,
            &[
                ("path", py.None()),
                ("line", py.None()),
                ("column", py.None()),
            ],
        ),
        Error::Interrupted => PyKeyboardInterrupt::new_err(message),
        _ => build(py, Class::Warraq, message, &[]),
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

#[cfg(test)]
mod tests {
    use super::Class;

    #[test]
    fn every_class_is_defined_in_warraq_exceptions() {
        let module = include_str!("../../../python/warraq/exceptions.py");
        for class in Class::ALL {
            let name = class.name();
            assert!(
                module.contains(&format!("\nclass {name}(")),
                "warraq/exceptions.py defines no class {name}"
            );
            assert!(
                module.contains(&format!("\"{name}\",")),
                "warraq/exceptions.py does not export {name} in __all__"
            );
        }
    }
}
