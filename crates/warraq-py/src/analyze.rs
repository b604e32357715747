//! The analyzer (what a vectorizer sees of a text), the stemmers and the
//! stopwords: the core's `analyze` module.

use crate::convert::{analyzer_keywords, text, Wrap};
use crate::errors::IntoPyResult;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use wq::analyze::{Analyzer, AnalyzerOptions};

/// An analyzer, from `warraq.analyze`'s keywords (`analyzer`, `ngram_range`,
/// `normalize`, `lowercase`, `stopwords`, `stem`); those not given keep their
/// defaults (`DEFAULTS["analyzer"]`).
///
/// >>> from warraq._warraq import Analyzer
/// >>> Analyzer(stem=None).analyze("ذهب إلى المدرسة")
/// ['ذهب', 'المدرسه']
#[pyclass(module = "warraq._warraq", name = "Analyzer", frozen)]
pub struct PyAnalyzer {
    inner: Analyzer,
}

#[pymethods]
impl PyAnalyzer {
    #[new]
    #[pyo3(signature = (**options))]
    fn new(py: Python<'_>, options: Option<Wrap<AnalyzerOptions>>) -> PyResult<Self> {
        let options = options.map(|w| w.0).unwrap_or_default();
        options.validate().py(py)?;
        Ok(PyAnalyzer {
            inner: Analyzer::new(options),
        })
    }

    /// The terms of one text.
    fn analyze(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        let s = crate::convert::text(text, "text")?;
        Ok(crate::run::detach_if(py, s.len(), || self.inner.analyze(s)))
    }

    /// The terms of every text, in parallel.
    fn analyze_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        crate::ingest::map_texts(
            py,
            texts,
            "texts",
            |_, s| self.inner.analyze(s),
            |terms| Ok(PyList::new(py, terms)?.into_any()),
        )
    }

    /// The options, as the keywords that make this analyzer.
    ///
    /// >>> Analyzer(ngram_range=(1, 2)).options["ngram_range"]
    /// (1, 2)
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        analyzer_keywords(py, self.inner.options())
    }
}

/// The light Arabic stemmer: strips an article or conjunction proclitic and the
/// suffixes ها ان ات ون ين يه ية ه ة ي, keeping stems of three letters or more.
///
/// >>> from warraq import light_stem
/// >>> light_stem("والمدارس"), light_stem("المدرسة"), light_stem("لبنان")
/// ('مدارس', 'مدرس', 'لبن')
#[pyfunction]
pub fn light_stem(word: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(wq::analyze::light_stem(text(word, "word")?))
}

/// The Snowball Arabic stemmer.
///
/// >>> from warraq import snowball_stem
/// >>> snowball_stem("بالمدارس")
/// 'مدارس'
#[pyfunction]
pub fn snowball_stem(word: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(wq::analyze::snowball_stem(text(word, "word")?))
}

/// warraq's Arabic stopwords (sorted), with their و and ف forms.
///
/// >>> from warraq._warraq import arabic_stopwords
/// >>> "والتي" in arabic_stopwords()
/// True
#[pyfunction]
pub fn arabic_stopwords() -> Vec<String> {
    wq::analyze::stopwords()
}
