//! `Document` and `parse_document`: one cleaned article, and the Python values of
//! its fields (publication dates, removed lines with their reasons).

use crate::convert::text;
use crate::errors::to_pyerr;
use crate::run::detach_if;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString};
use std::path::PathBuf;
use wq::document::{Document, Published, Reason, Removed};
use wq::Error;

fn published_obj<'py>(py: Python<'py>, p: Option<Published>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match p {
        Some(Published::DateTime(dt)) => dt.into_pyobject(py)?.into_any(),
        Some(Published::Date(d)) => d.into_pyobject(py)?.into_any(),
        None => py.None().into_bound(py),
    })
}

/// The Python string of a reason: one interned object per reason for the whole
/// process, rather than one new string per removed line of a corpus.
fn reason_str<'py>(py: Python<'py>, reason: Reason) -> &'py Bound<'py, PyString> {
    static REASONS: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();
    REASONS.get_or_init(py, || {
        Reason::ALL
            .iter()
            .map(|r| PyString::intern(py, r.as_str()).unbind())
            .collect()
    })[reason as usize]
        .bind(py)
}

/// Removed lines as Python values: a list of ``{"line": ..., "reason": ...}``.
pub fn removed_list<'py>(py: Python<'py>, removed: &[Removed]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for r in removed {
        let d = PyDict::new(py);
        d.set_item(pyo3::intern!(py, "line"), &r.line)?;
        d.set_item(pyo3::intern!(py, "reason"), reason_str(py, r.reason))?;
        list.append(d)?;
    }
    Ok(list)
}

/// A cleaned article: metadata, body and every removed line with its reason.
///
/// ``published`` is a ``datetime.datetime`` when the source gives a time, a
/// ``datetime.date`` when it gives only a day, else ``None``. ``boilerplate`` lists
/// every removed line as ``{"line": ..., "reason": ...}``.
///
/// >>> from warraq import parse_document
/// >>> doc = parse_document("عنوان الخبر\n\nwhatsapp\n\nقال الوزير إن المشروع بدأ في العاصمة.")
/// >>> doc.title, doc.paragraphs, doc.boilerplate
/// ('عنوان الخبر', ['قال الوزير إن المشروع بدأ في العاصمة.'], [{'line': 'whatsapp', 'reason': 'share widget'}])
#[pyclass(module = "warraq._warraq", name = "Document", frozen, eq)]
#[derive(PartialEq, Eq, Clone)]
pub struct PyDocument {
    inner: Document,
}

impl From<Document> for PyDocument {
    fn from(inner: Document) -> Self {
        PyDocument { inner }
    }
}

#[pymethods]
impl PyDocument {
    /// The identifier given to ``parse_document`` (or the record's id).
    #[getter]
    fn id(&self) -> Option<&str> {
        self.inner.id.as_deref()
    }
    /// The headline.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.inner.title.as_deref()
    }
    /// A second heading line (never a repeat of the title).
    #[getter]
    fn subtitle(&self) -> Option<&str> {
        self.inner.subtitle.as_deref()
    }
    /// Publication ``datetime`` or ``date``, or ``None``.
    #[getter]
    fn published<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        published_obj(py, self.inner.published)
    }
    /// The raw text the publication date was read from.
    #[getter]
    fn published_text(&self) -> Option<&str> {
        self.inner.published_text.as_deref()
    }
    /// The outlet.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.inner.source.as_deref()
    }
    /// The author of a byline.
    #[getter]
    fn author(&self) -> Option<&str> {
        self.inner.author.as_deref()
    }
    /// The dateline city.
    #[getter]
    fn dateline(&self) -> Option<&str> {
        self.inner.dateline.as_deref()
    }
    /// Keywords of the tag block.
    #[getter]
    fn tags(&self) -> Vec<String> {
        self.inner.tags.clone()
    }
    /// Headlines under «اقرأ أيضاً».
    #[getter]
    fn related(&self) -> Vec<String> {
        self.inner.related.clone()
    }
    /// The URL, when the record has one.
    #[getter]
    fn url(&self) -> Option<&str> {
        self.inner.url.as_deref()
    }
    /// UTC offset of ``published`` in minutes east of UTC, when the source states one.
    #[getter]
    fn published_utc_offset(&self) -> Option<i32> {
        self.inner.published_utc_offset
    }
    /// Last modification ``datetime`` or ``date`` (a page's ``dateModified``), or ``None``.
    #[getter]
    fn modified<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        published_obj(py, self.inner.modified)
    }
    /// The outlet's section, from a page's metadata.
    #[getter]
    fn section(&self) -> Option<&str> {
        self.inner.section.as_deref()
    }
    /// The language (primary subtag, ``"ar"``), from a page's markup or text.
    #[getter]
    fn language(&self) -> Option<&str> {
        self.inner.language.as_deref()
    }
    /// The site's name as a page gives it (``og:site_name``).
    #[getter]
    fn site_name(&self) -> Option<&str> {
        self.inner.site_name.as_deref()
    }
    /// Clean paragraphs joined by a blank line.
    #[getter]
    fn body(&self) -> &str {
        &self.inner.body
    }
    /// Clean paragraphs (subheadings included).
    #[getter]
    fn paragraphs(&self) -> Vec<String> {
        self.inner.paragraphs.clone()
    }
    /// Removed lines, each ``{"line": str, "reason": str}``.
    #[getter]
    fn boilerplate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        removed_list(py, &self.inner.boilerplate)
    }
    /// Number of words in the body.
    #[getter]
    fn n_words(&self) -> usize {
        self.inner.n_words()
    }

    /// All fields as a dict (``published`` as ``date``/``datetime``).
    ///
    /// >>> from warraq import parse_document
    /// >>> parse_document("عنوان\n\nنص الخبر هنا.", id="a").to_dict()["id"]
    /// 'a'
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let doc = &self.inner;
        d.set_item("id", &doc.id)?;
        d.set_item("title", &doc.title)?;
        d.set_item("subtitle", &doc.subtitle)?;
        d.set_item("published", published_obj(py, doc.published)?)?;
        d.set_item("published_text", &doc.published_text)?;
        d.set_item("source", &doc.source)?;
        d.set_item("author", &doc.author)?;
        d.set_item("dateline", &doc.dateline)?;
        d.set_item("tags", &doc.tags)?;
        d.set_item("related", &doc.related)?;
        d.set_item("url", &doc.url)?;
        d.set_item("published_utc_offset", doc.published_utc_offset)?;
        d.set_item("modified", published_obj(py, doc.modified)?)?;
        d.set_item("section", &doc.section)?;
        d.set_item("language", &doc.language)?;
        d.set_item("site_name", &doc.site_name)?;
        d.set_item("body", &doc.body)?;
        d.set_item("paragraphs", &doc.paragraphs)?;
        d.set_item("boilerplate", removed_list(py, &doc.boilerplate)?)?;
        Ok(d)
    }

    /// The document as JSON (``published`` as an ISO 8601 string).
    ///
    /// >>> from warraq import Document, parse_document
    /// >>> doc = parse_document("عنوان\n\nنص الخبر هنا.")
    /// >>> Document.from_json(doc.to_json()) == doc
    /// True
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// A document from :meth:`to_json` output.
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        serde_json::from_str::<Document>(json)
            .map(|inner| PyDocument { inner })
            .map_err(|e| {
                to_pyerr(
                    py,
                    Error::Parse {
                        path: PathBuf::new(),
                        line: Some(e.line()),
                        column: Some(e.column()),
                        message: format!("not a Document JSON: {e}"),
                    },
                )
            })
    }

    /// The document as HTML: right to left, its metadata in a header, its entities
    /// highlighted. ``spans`` are ``(start, end, label)`` string indices into
    /// ``body``; without them the entities are found with the bundled model. Jupyter
    /// shows a ``Document`` this way; ``warraq.render(doc)`` returns it as an object.
    ///
    /// >>> from warraq import parse_document
    /// >>> doc = parse_document("زيارة\n\nزار الوزير دمشق <script>.")
    /// >>> html = doc.to_html()
    /// >>> 'data-label="LOCATION"' in html, "&lt;script&gt;" in html
    /// (True, True)
    /// >>> doc.to_html([(0, 3, "PERSON")]).count("<mark")
    /// 1
    #[pyo3(signature = (spans = None))]
    fn to_html(
        &self,
        py: Python<'_>,
        spans: Option<Vec<(usize, usize, String)>>,
    ) -> PyResult<String> {
        crate::render::document(py, &self.inner, spans).map(|(html, _)| html)
    }

    /// :meth:`to_html` and the labels highlighted (``(label, marks)`` pairs): what
    /// ``warraq.render(doc)`` shows.
    ///
    /// >>> from warraq import parse_document
    /// >>> parse_document("زيارة\n\nزار الوزير دمشق.")._render()[1]
    /// [('LOCATION', 1)]
    #[pyo3(signature = (spans = None))]
    fn _render(
        &self,
        py: Python<'_>,
        spans: Option<Vec<(usize, usize, String)>>,
    ) -> PyResult<crate::render::PyRendered> {
        crate::render::document(py, &self.inner, spans)
    }

    /// Rich display in Jupyter (see :meth:`to_html`).
    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        self.to_html(py, None)
    }

    fn __repr__(&self) -> String {
        let title: String = self
            .inner
            .title
            .as_deref()
            .unwrap_or("")
            .chars()
            .take(40)
            .collect();
        format!(
            "Document(id={:?}, title={:?}, published={}, paragraphs={}, removed={})",
            self.inner.id.as_deref().unwrap_or(""),
            title,
            self.inner
                .published
                .map_or_else(|| "None".to_string(), |p| p.to_string()),
            self.inner.paragraphs.len(),
            self.inner.boilerplate.len()
        )
    }
}

/// Parses one scraped article: title, subtitle, publication date, source, author,
/// dateline, tags, related headlines, clean body, and every removed line with its
/// reason.
///
/// >>> from warraq import parse_document
/// >>> doc = parse_document("عنوان\n\nالثلاثاء، 03-05-2016 الساعة 08:52\nلندن - الخليج أونلاين\n\nقال الوزير إن المشروع بدأ.")
/// >>> doc.published, doc.dateline, doc.source
/// (datetime.datetime(2016, 5, 3, 8, 52), 'لندن', 'الخليج أونلاين')
#[pyfunction]
#[pyo3(signature = (raw, *, id = None))]
pub fn parse_document(
    py: Python<'_>,
    raw: &Bound<'_, PyAny>,
    id: Option<String>,
) -> PyResult<PyDocument> {
    let raw = text(raw, "raw")?;
    let inner = detach_if(py, raw.len(), || {
        wq::document::parse_document(raw, id.as_deref())
    });
    Ok(PyDocument { inner })
}
