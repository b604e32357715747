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

/// Texts per batch of [`next_text_batch`]: a batch of news articles is a few MB.
pub const TEXT_BATCH: usize = 8192;
/// Bytes at which a batch of TF-IDF documents ends early (long texts). Counting
/// works best on large batches: each batch's chunks have their own vocabularies,
/// merged one by one.
pub const COUNT_BATCH_BYTES: usize = 32 << 20;
/// Code points at which a batch of TF-IDF documents read as code points ends
/// early (32 MB of them).
pub const COUNT_BATCH_CODE_POINTS: usize = 8 << 20;
/// Code points at which the first such batch ends; each next batch may be twice as
/// large, up to [`COUNT_BATCH_CODE_POINTS`].
pub const FIRST_COUNT_BATCH_CODE_POINTS: usize = 1 << 19;
/// Bytes at which the first batch of TF-IDF documents ends; each next batch may be
/// twice as large, up to [`COUNT_BATCH_BYTES`]. Nothing is counted until the first
/// batch is read, so it is kept small.
pub const FIRST_COUNT_BATCH_BYTES: usize = 1 << 20;
/// Bytes at which a batch of [`map_texts`] ends: small batches keep the pipeline
/// full (the first batch's reading and the last one's conversion do not overlap
/// anything), and per-text work has no per-batch cost to spread.
pub const MAP_BATCH_BYTES: usize = 2 << 20;

/// The UTF-8 of a batch of Python `str`s, owned by Rust (one buffer), so that a
/// helper thread can work on it while this one goes on with the GIL.
///
/// Borrowing a str's UTF-8 (`PyString::to_str`) would make CPython keep a UTF-8 copy
/// on the str for as long as it lives: for a corpus, as much memory again as its
/// text. Each text is encoded into a temporary bytes object instead and copied out
/// (an encoder of our own, from the code points, was slower here).
#[derive(Default)]
pub struct TextBatch {
    /// Position of the batch's first text in the iterable.
    first: usize,
    utf8: String,
    ends: Vec<usize>,
}

impl TextBatch {
    /// Position of the batch's first text in the iterable it was read from.
    pub fn first(&self) -> usize {
        self.first
    }

    /// Texts in the batch.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The texts.
    pub fn strs(&self) -> Vec<&str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.utf8[start..end])
            .collect()
    }
}

/// Reads up to [`TEXT_BATCH`] texts (or about `max_bytes`) from `items` (an iterator over an iterable of
/// str; `seen` counts the items read before, for error messages). `None` at the end.
/// A non-`str` is a `TypeError` and a lone surrogate an `InvalidTextError`, both
/// naming `what[index]`.
pub fn next_text_batch(
    items: &Bound<'_, pyo3::types::PyIterator>,
    what: &str,
    seen: &mut usize,
    max_bytes: usize,
) -> PyResult<Option<TextBatch>> {
    let batch = read_texts(items, what, seen, TEXT_BATCH, max_bytes)?;
    Ok((batch.len() > 0).then_some(batch))
}

/// Every text of `texts` (an iterable of str) as one [`TextBatch`], for core calls
/// that need all texts at once: their UTF-8 is held for the call only.
pub fn all_texts(texts: &Bound<'_, PyAny>, what: &str) -> PyResult<TextBatch> {
    reject_single_str(texts, what, "str")?;
    read_texts(&texts.try_iter()?, what, &mut 0, usize::MAX, usize::MAX)
}

fn read_texts(
    items: &Bound<'_, pyo3::types::PyIterator>,
    what: &str,
    seen: &mut usize,
    max_texts: usize,
    max_bytes: usize,
) -> PyResult<TextBatch> {
    let mut batch = TextBatch {
        first: *seen,
        ..TextBatch::default()
    };
    while batch.len() < max_texts && batch.utf8.len() < max_bytes {
        let Some(item) = items.clone().next() else {
            break;
        };
        let item = item?;
        let encoded = match item.cast::<PyString>().map(|s| s.encode_utf8()) {
            Ok(Ok(bytes)) => bytes,
            // Not a str, or a lone surrogate: the usual error, naming the index.
            _ => {
                text(&item, &format!("{what}[{seen}]"))?;
                item.cast::<PyString>()?.encode_utf8()?
            }
        };
        let bytes = encoded.as_bytes();
        debug_assert!(std::str::from_utf8(bytes).is_ok());
        // SAFETY: `str.encode("utf-8")` with strict errors (what `encode_utf8` calls)
        // either raises (a lone surrogate, handled above) or returns valid UTF-8;
        // pyo3's own `PyString::to_str` relies on the same guarantee. Checking it
        // again cost 7% of a TF-IDF fit, in a serial pass over each batch.
        #[allow(unsafe_code)]
        batch
            .utf8
            .push_str(unsafe { std::str::from_utf8_unchecked(bytes) });
        batch.ends.push(batch.utf8.len());
        *seen += 1;
    }
    Ok(batch)
}

/// Appends the code points of `s` to `out`.
fn append_code_points(s: &Bound<'_, PyString>, out: &mut Vec<u32>) -> PyResult<()> {
    // SAFETY: `s` is a live str (the borrow holds a reference); `PyUnicode_AsUCS4`
    // writes its `n` code points (no NUL: `copy_null` is 0) into the `n` places
    // reserved after `out`'s end, and only then does `out` count them. Both calls
    // set a Python error when they fail.
    #[allow(unsafe_code)]
    unsafe {
        let n = pyo3::ffi::PyUnicode_GetLength(s.as_ptr());
        let n = usize::try_from(n).map_err(|_| PyErr::fetch(s.py()))?;
        if n == 0 {
            return Ok(());
        }
        out.reserve(n);
        let end = out.as_mut_ptr().add(out.len());
        if pyo3::ffi::PyUnicode_AsUCS4(s.as_ptr(), end, n as pyo3::ffi::Py_ssize_t, 0).is_null() {
            return Err(PyErr::fetch(s.py()));
        }
        out.set_len(out.len() + n);
    }
    Ok(())
}

/// The code points of a batch of Python `str`s (one buffer), for the counting
/// that reads them as they are ([`wq::vectors::SharedCounting::count_chars`]):
/// copying them out is the only serial step, and nothing is encoded to UTF-8 but
/// the pieces of text the counting has not seen before.
#[derive(Default)]
pub struct CodePointBatch {
    code_points: Vec<u32>,
    ends: Vec<usize>,
}

impl CodePointBatch {
    /// The texts, as `char`s (their code points were checked as they were copied).
    pub fn texts(&self) -> Vec<&[char]> {
        let counted = &self.code_points[..self.ends.last().copied().unwrap_or(0)];
        // SAFETY: `next_code_point_batch` ends a text (pushes to `ends`) only after
        // `wq::vectors::all_scalar_values` found each of its code points to be a Unicode scalar
        // value, so every `u32` up to the last end is a valid `char`, which has the
        // size and alignment of `u32`. The view borrows `self`, so nothing writes
        // the buffer meanwhile.
        #[allow(unsafe_code)]
        let chars: &[char] =
            unsafe { std::slice::from_raw_parts(counted.as_ptr().cast::<char>(), counted.len()) };
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &chars[start..end])
            .collect()
    }
}

/// Reads up to [`TEXT_BATCH`] texts (or about `max_code_points`) from `items`, as
/// [`next_text_batch`] does (same errors), as code points, into the buffers of
/// `batch` (a spent batch, whose memory is reused). `None` at the end.
pub fn next_code_point_batch(
    items: &Bound<'_, pyo3::types::PyIterator>,
    what: &str,
    seen: &mut usize,
    max_code_points: usize,
    mut batch: CodePointBatch,
) -> PyResult<Option<CodePointBatch>> {
    batch.code_points.clear();
    batch.ends.clear();
    // Room for the largest batch at once, and for the text that ends it (which
    // may go past its end): a buffer that grows copies itself into fresh memory,
    // a page fault for every 4 KB (30% of a fit's faults were that copy).
    // Reserved memory that is never written costs nothing.
    batch.code_points.reserve(2 * COUNT_BATCH_CODE_POINTS);
    while batch.ends.len() < TEXT_BATCH && batch.code_points.len() < max_code_points {
        let Some(item) = items.clone().next() else {
            break;
        };
        let item = item?;
        let start = batch.code_points.len();
        let valid = match item.cast::<PyString>() {
            Ok(s) => {
                append_code_points(s, &mut batch.code_points)?;
                wq::vectors::all_scalar_values(&batch.code_points[start..])
            }
            Err(_) => false,
        };
        if !valid {
            // Not a str, or a lone surrogate: the usual error, naming the index.
            text(&item, &format!("{what}[{seen}]"))?;
            return Err(PyTypeError::new_err(format!(
                "{what}[{seen}] is not valid text"
            )));
        }
        batch.ends.push(batch.code_points.len());
        *seen += 1;
    }
    Ok((!batch.ends.is_empty()).then_some(batch))
}

/// `[to_py(work(i, t)) for i, t in enumerate(texts)]` for an iterable of str: `work`
/// runs on every text in parallel without the GIL, batch by batch in a [`pipeline`], so that the
/// Python objects of one batch are made (with the GIL, on this thread) while the
/// next batch is worked on. The texts are never all held, nor cached as UTF-8 on
/// their `str`s.
pub fn map_texts<'py, R: Send>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    what: &str,
    work: impl Fn(usize, &str) -> R + Sync,
    mut to_py: impl FnMut(R) -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, pyo3::types::PyList>> {
    reject_single_str(texts, what, "str")?;
    let items = texts.try_iter()?;
    let out = pyo3::types::PyList::empty(py);
    let mut seen = 0;
    crate::run::pipeline(
        py,
        || next_text_batch(&items, what, &mut seen, MAP_BATCH_BYTES),
        |batch| {
            let numbered: Vec<(usize, &str)> = (batch.first()..).zip(batch.strs()).collect();
            wq::parallel::map(&numbered, |&(i, s)| work(i, s))
        },
        |results| {
            for r in results {
                out.append(to_py(r)?)?;
            }
            Ok(())
        },
    )?;
    Ok(out)
}
