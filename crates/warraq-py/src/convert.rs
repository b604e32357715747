//! Extracting text arguments with clear errors.

use crate::errors::to_pyerr;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// Borrows a Python `str` as UTF-8. A non-`str` is a `TypeError`; a string with a lone
/// surrogate (which has no UTF-8 form) is an `InvalidTextError` (a `ValueError`) that
/// names the code-point index of the surrogate.
pub fn text<'a>(obj: &'a Bound<'_, PyAny>, what: &str) -> PyResult<&'a str> {
    let s = obj.cast::<PyString>().map_err(|_| {
        let ty = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "?".into());
        PyTypeError::new_err(format!("{what} must be str, not {ty}"))
    })?;
    match s.to_str() {
        Ok(t) => Ok(t),
        Err(_) => Err(surrogate_error(s, what)),
    }
}

fn surrogate_error(s: &Bound<'_, PyString>, what: &str) -> PyErr {
    let py = s.py();
    let found = (|| -> PyResult<Option<(usize, u32)>> {
        let units = s.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
        let bytes: &[u8] = units.extract()?;
        Ok(bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .enumerate()
            .find(|&(_, cp)| (0xD800..=0xDFFF).contains(&cp)))
    })();
    match found {
        Ok(Some((index, cp))) => to_pyerr(
            py,
            wq::Error::InvalidText {
                index,
                message: format!("{what} contains a lone surrogate U+{cp:04X}, which is not valid Unicode text; decode the source with errors='replace' or remove it"),
            },
        ),
        Ok(None) => to_pyerr(py, wq::Error::InvalidText { index: 0, message: format!("{what} is not valid Unicode text") }),
        Err(e) => e,
    }
}

/// A single `str` where an iterable of `items` is expected is a mistake (iterating
/// it would yield its characters): a `TypeError` naming the argument.
pub fn reject_single_str(obj: &Bound<'_, PyAny>, what: &str, items: &str) -> PyResult<()> {
    if obj.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an iterable of {items}, not a single str (wrap it in a list)"
        )));
    }
    Ok(())
}

/// Extracts every item of an iterable of `str` (a list, tuple, pandas Series, …).
pub fn texts<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Vec<Bound<'py, PyString>>> {
    reject_single_str(obj, what, "str")?;
    let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
    for (i, item) in obj.try_iter()?.enumerate() {
        let item = item?;
        text(&item, &format!("{what}[{i}]"))?;
        out.push(item.cast_into::<PyString>()?);
    }
    Ok(out)
}

/// Borrows the UTF-8 of strings already checked by [`texts`].
pub fn as_strs<'a>(items: &'a [Bound<'_, PyString>]) -> PyResult<Vec<&'a str>> {
    items.iter().map(|s| s.to_str()).collect()
}
