//! The text path from CPython's string storage to Python strings without UTF-8 on
//! the GIL thread: code points in (`PyUnicode_AsUCS4`, a widening copy), UTF-16 out
//! (`PyUnicode_DecodeUTF16`, a narrowing one); the core makes the UTF-8 it works on,
//! and the UTF-16 from its result, on its own threads ([`wq::normalize::WideOutput`]).
//!
//! Assumes what CPython gives: UTF-8 costs it per character in both directions (its
//! UTF-8 encoder and decoder were a quarter of the batch calls' time, all of it on
//! the thread every core waited for), UCS and UTF-16 conversions are near memcpy.
//! Tokens come back through `str.split(" ")` of the joined tokens (tokens never hold
//! a space), which cuts substrings out of CPython's storage without decoding.
//! Measured: `docs/performance.md`, the text section.

use crate::convert::{reject_single_str, text};
use crate::ffi::{push_code_points, str_from_utf16};
use crate::ingest::next_code_point_batch;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use std::cell::RefCell;
use wq::normalize::{Normalizer, WideOutput};
use wq::text::ScalarBuf;
use wq::vectors::BatchSize;

/// Texts per batch of [`map_wide`].
const BATCH_TEXTS: usize = 8192;
/// Code points at which a batch of [`map_wide`] ends (about 2 MB of Arabic UTF-8).
const BATCH_CODE_POINTS: usize = 1 << 20;

thread_local! {
    /// The code points of the one text a per-text call works on, reused.
    static ONE_TEXT: RefCell<ScalarBuf> = RefCell::new(ScalarBuf::default());
}

/// The Python form of a result: the string (`Normalized`, or tokens `joined`) or
/// the list of its space-separated tokens.
pub fn to_py<'py>(
    py: Python<'py>,
    units: &[u16],
    tokens_list: bool,
) -> PyResult<Bound<'py, PyAny>> {
    if !tokens_list {
        return Ok(str_from_utf16(py, units)?.into_any());
    }
    if units.is_empty() {
        return Ok(PyList::empty(py).into_any());
    }
    let joined = str_from_utf16(py, units)?;
    joined.call_method1(pyo3::intern!(py, "split"), (pyo3::intern!(py, " "),))
}

/// `n`'s `output` of one str `obj` (`what` names it in errors), as Python sees it
/// (see [`to_py`]). The GIL is released for long texts.
pub fn one<'py>(
    py: Python<'py>,
    n: &Normalizer,
    obj: &Bound<'py, PyAny>,
    what: &str,
    output: WideOutput,
    tokens_list: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let units = ONE_TEXT.with(|cell| -> PyResult<Vec<u16>> {
        let mut buf = cell.borrow_mut();
        buf.clear();
        let valid = match obj.cast::<PyString>() {
            Ok(s) => push_code_points(s, &mut buf)?.is_ok(),
            Err(_) => false,
        };
        if !valid {
            // Not a str, or a lone surrogate: the usual error.
            text(obj, what)?;
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "{what} is not valid text"
            )));
        }
        let texts = buf.texts();
        let chars = texts.first().copied().unwrap_or(&[]);
        Ok(crate::run::detach_if(py, chars.len() * 2, || {
            let mut out = Vec::new();
            n.to_utf16(chars, output, &mut out);
            out
        }))
    })?;
    to_py(py, &units, tokens_list)
}

/// `[n's output of t for t in texts]` for an iterable of str, batch by batch in a
/// [`pipeline`](crate::run::pipeline): the code points of one batch are read (with
/// the GIL) and the strings of the one before made while the core works on the
/// current one in parallel without the GIL.
pub fn map_wide<'py>(
    py: Python<'py>,
    n: &Normalizer,
    texts: &Bound<'py, PyAny>,
    what: &str,
    output: WideOutput,
    tokens_list: bool,
) -> PyResult<Bound<'py, PyList>> {
    reject_single_str(texts, what, "str")?;
    let items = texts.try_iter()?;
    let out = PyList::empty(py);
    let mut seen = 0;
    let size = BatchSize {
        max_docs: BATCH_TEXTS,
        max_units: BATCH_CODE_POINTS,
    };
    crate::run::pipeline(
        py,
        || {
            let mut buf = ScalarBuf::default();
            buf.reserve(BATCH_CODE_POINTS + BATCH_CODE_POINTS / 4);
            next_code_point_batch(&items, what, &mut seen, size, buf)
        },
        |batch| n.to_utf16_batch(&batch, output),
        |results| {
            for units in results {
                out.append(to_py(py, &units, tokens_list)?)?;
            }
            Ok(())
        },
    )?;
    Ok(out)
}
