//! `parse_html`: one saved web page → a `Document`, over `wq::web::parse_page`.

use crate::document::PyDocument;
use crate::errors::IntoPyResult;
use crate::run::detach_if;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use wq::web::{parse_page, parse_page_str, PageHints};

/// Reads one HTML page (``bytes`` as saved, or ``str`` already decoded): its main
/// content through the document cleaning, and its metadata (JSON-LD, OpenGraph,
/// ``<meta>``, ``<time>``, the canonical URL, the visible date line). ``url`` is
/// where the page came from (its ``url`` when it has no canonical link, and a
/// source of dates); ``content_type`` is the HTTP ``Content-Type`` header, whose
/// ``charset=`` comes before the page's own. Raises :class:`warraq.ParseError` for
/// bytes that are not a page (a PDF, an image, binary data) and
/// :class:`warraq.DecodeError` for an unknown charset that is not UTF-8.
///
/// >>> from warraq import parse_html
/// >>> doc = parse_html(b'<html lang="ar"><title>\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86 - Site</title><meta property="og:site_name" content="Site"><p>\xd9\x86\xd8\xb5.</p></html>')
/// >>> doc.title, doc.site_name, doc.language, doc.body
/// ('عنوان', 'Site', 'ar', 'نص.')
#[pyfunction]
#[pyo3(signature = (page, *, url = None, content_type = None))]
pub fn parse_html(
    py: Python<'_>,
    page: &Bound<'_, PyAny>,
    url: Option<String>,
    content_type: Option<String>,
) -> PyResult<PyDocument> {
    let hints = PageHints {
        url: url.as_deref(),
        content_type: content_type.as_deref(),
        path: None,
    };
    let parsed = if let Ok(bytes) = page.cast::<PyBytes>() {
        let bytes = bytes.as_bytes();
        detach_if(py, bytes.len(), || parse_page(bytes, &hints))
    } else if let Ok(text) = page.cast::<PyString>() {
        let text = text.to_str()?;
        detach_if(py, text.len(), || parse_page_str(text, &hints))
    } else {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "page must be bytes or str",
        ));
    };
    Ok(PyDocument::from(parsed.py(py)?.document))
}
