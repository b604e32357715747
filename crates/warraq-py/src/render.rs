//! The native side of `warraq.render` and `Document.to_html` (the HTML is built
//! by `warraq::render`, which is given the entities; the model runs here, before
//! rendering, when the caller gives none).

use crate::convert::text;
use crate::errors::IntoPyResult;
use crate::run::detach_if;
use pyo3::prelude::*;
use wq::document::Document;
use wq::entities::EntityRecognizer;
use wq::render::{document_html, render_char_spans, Header, Rendered};

/// A fragment as Python takes it: the HTML, and how many marks each label got in
/// the order the labels first appear (what `warraq.display.Rendered` holds).
pub type PyRendered = (String, Vec<(String, usize)>);

fn to_py(rendered: Rendered) -> PyRendered {
    (rendered.html, rendered.labels)
}

/// HTML of ``text`` with ``spans`` (``(start, end, label)``, string indices)
/// highlighted, right to left, under a header built from ``metadata`` (``(key,
/// value)`` pairs: ``title``, ``subtitle``, ``source``, ``published``, ``author``,
/// ``dateline``, ``id``, ``url`` and any other key) and ``tags``, with the labels
/// highlighted (``(label, marks)`` pairs, overlapping spans resolved). Use
/// ``warraq.render``, which accepts documents, DataFrame rows and entity lists.
///
/// >>> from warraq._warraq import render_text
/// >>> html, labels = render_text("زار دمشق <script>", [(4, 8, "LOCATION")], metadata=[("title", "خبر")])
/// >>> 'data-label="LOCATION"' in html, "&lt;script&gt;" in html, "<script>" in html, labels
/// (True, True, False, [('LOCATION', 1)])
#[pyfunction]
#[pyo3(signature = (text, spans, *, metadata = None, tags = None))]
pub fn render_text(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    spans: Vec<(usize, usize, String)>,
    metadata: Option<Vec<(String, String)>>,
    tags: Option<Vec<String>>,
) -> PyResult<PyRendered> {
    let body = self::text(text, "text")?;
    let header = Header::from_metadata(&metadata.unwrap_or_default(), tags.unwrap_or_default());
    detach_if(py, body.len(), || render_char_spans(&header, body, &spans))
        .py(py)
        .map(to_py)
}

/// A document under a header of its metadata, with `spans` (string indices into
/// its body) highlighted, or without them the entities the bundled model finds in
/// the body (relative dates resolved against the document's date).
pub fn document(
    py: Python<'_>,
    doc: &Document,
    spans: Option<Vec<(usize, usize, String)>>,
) -> PyResult<PyRendered> {
    detach_if(py, doc.body.len(), || match spans {
        None => {
            let entities =
                EntityRecognizer::new().extract(&doc.body, doc.published.map(|p| p.date()));
            document_html(doc, &entities)
        }
        Some(spans) => render_char_spans(&Header::from_document(doc), &doc.body, &spans),
    })
    .py(py)
    .map(to_py)
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
