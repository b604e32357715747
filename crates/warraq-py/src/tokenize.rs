//! `tokenize`, `tokens`, `sentences`.

use crate::ingest::map_texts;
use crate::run::detach_if;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use wq::offsets::CharOffsets;
use wq::tokenize::TokenKind;

/// A token: its text, its span in the input (Python string indices, so
/// ``text[t.start:t.end] == t.text``) and its kind: ``"arabic"``, ``"latin"``,
/// ``"number"``, ``"punct"``, ``"url"``, ``"email"``, ``"hashtag"``, ``"mention"`` or
/// ``"symbol"``.
///
/// >>> from warraq import tokens
/// >>> t = tokens("بلغ 3.5%")[1]
/// >>> (t.text, t.start, t.end, t.kind)
/// ('3.5%', 4, 8, 'number')
#[pyclass(module = "warraq._warraq", name = "Token", frozen, eq, hash)]
#[derive(PartialEq, Eq, Hash, Clone)]
pub struct PyToken {
    /// The token's text.
    #[pyo3(get)]
    text: String,
    /// Index of the first character in the input string.
    #[pyo3(get)]
    start: usize,
    /// Index one past the last character in the input string.
    #[pyo3(get)]
    end: usize,
    kind: TokenKind,
}

#[pymethods]
impl PyToken {
    /// The token's kind, as a string.
    #[getter]
    fn kind(&self) -> &'static str {
        self.kind.as_str()
    }

    fn __repr__(&self) -> String {
        format!(
            "Token(text={:?}, start={}, end={}, kind={:?})",
            self.text,
            self.start,
            self.end,
            self.kind.as_str()
        )
    }
}

/// Splits text into word, number, punctuation and symbol tokens (URLs, e-mails,
/// hashtags and mentions whole; numbers with their separators and percent signs).
///
/// >>> from warraq import tokenize
/// >>> tokenize("ارتفع بنسبة ٪11 إلى 36,7 مليار درهم.")
/// ['ارتفع', 'بنسبة', '٪11', 'إلى', '36,7', 'مليار', 'درهم', '.']
#[pyfunction]
pub fn tokenize(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let s = crate::convert::text(text, "text")?;
    Ok(detach_if(py, s.len(), || {
        wq::tokenize::tokenize(s)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }))
}

/// Like `tokenize`, with each token's span (Python string indices) and kind.
///
/// >>> from warraq import tokens
/// >>> [(t.text, t.kind) for t in tokens("زوروا www.example.com #السعودية")]
/// [('زوروا', 'arabic'), ('www.example.com', 'url'), ('#السعودية', 'hashtag')]
#[pyfunction]
pub fn tokens(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<PyToken>> {
    let s = crate::convert::text(text, "text")?;
    Ok(detach_if(py, s.len(), || char_tokens(s)))
}

fn char_tokens(s: &str) -> Vec<PyToken> {
    let mut conv = CharOffsets::new(s);
    wq::tokenize::tokens(s)
        .into_iter()
        .map(|t| {
            let (start, end) = conv.char_span(t.start, t.end);
            PyToken {
                text: t.as_str(s).to_owned(),
                start,
                end,
                kind: t.kind,
            }
        })
        .collect()
}

/// Tokenises every text of an iterable, in parallel with the GIL released. With
/// ``joined=True`` each text's tokens come back as one space-separated string (much
/// faster to return, and what whitespace analyzers such as scikit-learn's expect).
///
/// >>> from warraq import tokenize_batch
/// >>> tokenize_batch(["أ ب.", "ج"])
/// [['أ', 'ب', '.'], ['ج']]
/// >>> tokenize_batch(["أ ب.", "ج"], joined=True)
/// ['أ ب .', 'ج']
#[pyfunction]
#[pyo3(signature = (texts, *, joined=false))]
pub fn tokenize_batch<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    joined: bool,
) -> PyResult<Bound<'py, PyList>> {
    map_texts(
        py,
        texts,
        "texts",
        // Tokens never hold a space: joined by one, they are one string per text.
        |_, s| wq::tokenize::tokenize(s).join(" "),
        |s| tokens_to_py(py, &s, joined),
    )
}

/// The Python form of space-joined tokens: the string itself (`joined`) or the list
/// of its tokens.
pub fn tokens_to_py<'py>(
    py: Python<'py>,
    tokens: &str,
    joined: bool,
) -> PyResult<Bound<'py, PyAny>> {
    if joined {
        return Ok(PyString::new(py, tokens).into_any());
    }
    Ok(PyList::new(py, tokens.split(' ').filter(|t| !t.is_empty()))?.into_any())
}

/// Splits text into sentences: at . ! ? ؟ ؛ ; … and line breaks, but not inside
/// numbers (3.5), URLs, or after one-letter abbreviations such as «د.».
///
/// >>> from warraq import sentences
/// >>> sentences("قال د. أحمد إن النمو بلغ 3.5%. وأضاف: «سنرى»!")
/// ['قال د. أحمد إن النمو بلغ 3.5%.', 'وأضاف: «سنرى»!']
#[pyfunction]
pub fn sentences(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let s = crate::convert::text(text, "text")?;
    Ok(detach_if(py, s.len(), || {
        wq::tokenize::sentences(s)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }))
}

/// The ``(start, end)`` spans of `sentences` (Python string indices).
///
/// >>> from warraq import sentence_spans
/// >>> text = "جملة. أخرى"
/// >>> [text[a:b] for a, b in sentence_spans(text)]
/// ['جملة.', 'أخرى']
#[pyfunction]
pub fn sentence_spans(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<(usize, usize)>> {
    let s = crate::convert::text(text, "text")?;
    Ok(detach_if(py, s.len(), || {
        let mut conv = CharOffsets::new(s);
        wq::tokenize::sentence_spans(s)
            .into_iter()
            .map(|(a, b)| conv.char_span(a, b))
            .collect()
    }))
}
