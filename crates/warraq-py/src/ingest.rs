//! Reading texts out of Python iterables into Rust, batch by batch, so that a
//! helper thread can work on one batch while this one reads the next with the GIL
//! ([`crate::run::pipeline`]), and the texts are never all held.

use crate::convert::{reject_single_str, text};
use crate::ffi::{push_code_points, EncodedUtf8};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyList, PyString};
use wq::text::ScalarBuf;
use wq::vectors::BatchSize;

/// Texts per batch of [`map_texts`].
const MAP_BATCH_TEXTS: usize = 8192;
/// Bytes at which a batch of [`map_texts`] ends: small batches keep the pipeline
/// full (the first batch's reading and the last one's conversion do not overlap
/// anything), and per-text work has no per-batch cost to spread.
const MAP_BATCH_BYTES: usize = 2 << 20;

/// The UTF-8 of a batch of Python `str`s, owned by Rust (one buffer), so that a
/// helper thread can work on it while this one goes on with the GIL.
///
/// Borrowing a str's UTF-8 (`PyString::to_str`) would make CPython keep a UTF-8 copy
/// on the str for as long as it lives: for a corpus, as much memory again as its
/// text. Each text is encoded into a temporary bytes object instead and copied out
/// (an encoder of our own, from the code points, was slower).
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

/// Reads up to `size.max_docs` texts (or about `size.max_units` bytes) from `items`
/// (an iterator over an iterable of str; `seen` counts the items read before, for
/// error messages). `None` at the end. A non-`str` is a `TypeError` and a lone
/// surrogate an `InvalidTextError`, both naming `what[index]`.
pub fn next_text_batch(
    items: &Bound<'_, PyIterator>,
    what: &str,
    seen: &mut usize,
    size: BatchSize,
) -> PyResult<Option<TextBatch>> {
    let batch = read_texts(items, what, seen, size.max_docs, size.max_units)?;
    Ok((batch.len() > 0).then_some(batch))
}

/// Every text of `texts` (an iterable of str) as one [`TextBatch`], for core calls
/// that need all texts at once: their UTF-8 is held for the call only.
pub fn all_texts(texts: &Bound<'_, PyAny>, what: &str) -> PyResult<TextBatch> {
    reject_single_str(texts, what, "str")?;
    read_texts(&texts.try_iter()?, what, &mut 0, usize::MAX, usize::MAX)
}

fn read_texts(
    items: &Bound<'_, PyIterator>,
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
        let encoded = match item.cast::<PyString>().map(EncodedUtf8::of) {
            Ok(Ok(encoded)) => encoded,
            // Not a str, or a lone surrogate: the usual error, naming the index.
            _ => {
                text(&item, &format!("{what}[{seen}]"))?;
                EncodedUtf8::of(item.cast::<PyString>()?)?
            }
        };
        batch.utf8.push_str(encoded.as_str());
        batch.ends.push(batch.utf8.len());
        *seen += 1;
    }
    Ok(batch)
}

/// Reads up to `size.max_docs` texts (or about `size.max_units` code points) from
/// `items`, as [`next_text_batch`] does (same errors), as code points, into `buf`
/// (an empty buffer, whose memory is reused). `None` at the end.
pub fn next_code_point_batch(
    items: &Bound<'_, PyIterator>,
    what: &str,
    seen: &mut usize,
    size: BatchSize,
    mut buf: ScalarBuf,
) -> PyResult<Option<ScalarBuf>> {
    while buf.len() < size.max_docs && buf.code_points() < size.max_units {
        let Some(item) = items.clone().next() else {
            break;
        };
        let item = item?;
        let valid = match item.cast::<PyString>() {
            Ok(s) => push_code_points(s, &mut buf)?.is_ok(),
            Err(_) => false,
        };
        if !valid {
            // Not a str, or a lone surrogate: the usual error, naming the index.
            text(&item, &format!("{what}[{seen}]"))?;
            return Err(PyTypeError::new_err(format!(
                "{what}[{seen}] is not valid text"
            )));
        }
        *seen += 1;
    }
    Ok((!buf.is_empty()).then_some(buf))
}

/// Reads up to `size.max_docs` documents given as iterables of terms (`seen` counts
/// the documents read before, for error messages). `None` at the end.
pub fn next_terms_batch(
    docs: &Bound<'_, PyIterator>,
    seen: &mut usize,
    size: BatchSize,
) -> PyResult<Option<Vec<Vec<String>>>> {
    let mut batch = Vec::new();
    while batch.len() < size.max_docs {
        let Some(doc) = docs.clone().next() else {
            break;
        };
        let doc = doc?;
        let i = *seen;
        if doc.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(format!(
                "the analyzer must return a list of str for each document, got a str for document {i}"
            )));
        }
        let mut terms = Vec::new();
        for t in doc.try_iter()? {
            terms.push(text(&t?, &format!("term of document {i}"))?.to_owned());
        }
        batch.push(terms);
        *seen += 1;
    }
    Ok((!batch.is_empty()).then_some(batch))
}

/// `[to_py(work(i, t)) for i, t in enumerate(texts)]` for an iterable of str: `work`
/// runs on every text in parallel without the GIL, batch by batch in a
/// [`pipeline`](crate::run::pipeline), so that the Python objects of one batch are
/// made (with the GIL, on this thread) while the next batch is worked on. The texts
/// are never all held, nor cached as UTF-8 on their `str`s.
pub fn map_texts<'py, R: Send>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    what: &str,
    work: impl Fn(usize, &str) -> R + Sync,
    mut to_py: impl FnMut(R) -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    reject_single_str(texts, what, "str")?;
    let items = texts.try_iter()?;
    let out = PyList::empty(py);
    let mut seen = 0;
    let size = BatchSize {
        max_docs: MAP_BATCH_TEXTS,
        max_units: MAP_BATCH_BYTES,
    };
    crate::run::pipeline(
        py,
        || next_text_batch(&items, what, &mut seen, size),
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
