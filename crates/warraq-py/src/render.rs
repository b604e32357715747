//! `render_html`: the native side of `warraq.render` (the HTML is built by
//! `warraq::render`).

use crate::convert::text;
use crate::errors::IntoPyResult;
use crate::run::detach_if;
use pyo3::prelude::*;
use wq::render::{render_char_spans, Header};

/// HTML of ``text`` with ``spans`` (``(start, end, label)``, string indices)
/// highlighted, right to left, under a header built from ``metadata`` (``(key,
/// value)`` pairs: ``title``, ``subtitle``, ``source``, ``published``, ``author``,
/// ``dateline``, ``id``, ``url`` and any other key) and ``tags``. Use
/// ``warraq.render``, which accepts documents, DataFrame rows and entity lists.
///
/// >>> from warraq._warraq import render_html
/// >>> html = render_html("زار دمشق <script>", [(4, 8, "LOCATION")], metadata=[("title", "خبر")])
/// >>> 'data-label="LOCATION"' in html, "&lt;script&gt;" in html, "<script>" in html
/// (True, True, False)
#[pyfunction]
#[pyo3(signature = (text, spans, *, metadata = None, tags = None))]
pub fn render_html(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    spans: Vec<(usize, usize, String)>,
    metadata: Option<Vec<(String, String)>>,
    tags: Option<Vec<String>>,
) -> PyResult<String> {
    let body = self::text(text, "text")?;
    let header = Header::from_metadata(&metadata.unwrap_or_default(), tags.unwrap_or_default());
    detach_if(py, body.len(), || render_char_spans(&header, body, &spans)).py(py)
}

/// The background colour of a label's highlights (the same in every rendering:
/// fixed for warraq's labels, from a stable hash for others).
///
/// >>> from warraq._warraq import label_colour
/// >>> label_colour("PERSON") == label_colour("PER"), label_colour("LOCATION")
/// (True, '#b8e6b0')
#[pyfunction]
pub fn label_colour(label: &str) -> &'static str {
    wq::render::label_colour(label)
}
