//! `TfidfModel`: the class, its construction and its fitted state.

use crate::convert::{analyzer_keywords, tfidf_keywords, Wrap};
use crate::errors::IntoPyResult;
use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use wq::analyze::AnalyzerOptions;
use wq::vectors::{FeatureSelector, TfidfConfig, TfidfVectorizer, Vocabulary};

/// The native TF-IDF model behind `warraq.TfidfVectorizer`: `config` holds the
/// TF-IDF keywords (`min_df`, `max_df`, `max_features`, `binary`, `norm`,
/// `use_idf`, `smooth_idf`, `sublinear_tf`), `analyzer` the analyzer's (see
/// `Analyzer`); those not given keep their defaults (`DEFAULTS`).
///
/// >>> from warraq._warraq import TfidfModel
/// >>> m = TfidfModel({"norm": None}, {"ngram_range": (1, 1)})
/// >>> data, indices, indptr, shape = m.fit_transform(["النفط والذهب", "الذهب"])
/// >>> m.vocabulary(), shape
/// (['ذهب', 'نفط'], (2, 2))
#[pyclass(module = "warraq._warraq", name = "TfidfModel")]
pub struct PyTfidfModel {
    pub(super) inner: TfidfVectorizer,
}

#[pymethods]
impl PyTfidfModel {
    #[new]
    #[pyo3(signature = (config = None, analyzer = None, vocabulary = None, select_features = None))]
    fn new(
        py: Python<'_>,
        config: Option<Wrap<TfidfConfig>>,
        analyzer: Option<Wrap<AnalyzerOptions>>,
        vocabulary: Option<Vec<String>>,
        select_features: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        let config = config.map(|w| w.0).unwrap_or_default();
        let analyzer = analyzer.map(|w| w.0).unwrap_or_default();
        let mut inner = TfidfVectorizer::new(config, analyzer).py(py)?;
        if let Some(v) = vocabulary {
            inner = inner.with_vocabulary(Vocabulary::new(v).py(py)?).py(py)?;
        }
        if let Some(f) = select_features {
            inner = inner.with_feature_selector(python_selector(f));
        }
        Ok(PyTfidfModel { inner })
    }

    /// Whether the model is fitted.
    #[getter]
    fn fitted(&self) -> bool {
        self.inner.vocabulary().is_some()
    }

    /// Terms by column (empty before fitting).
    fn vocabulary(&self) -> Vec<String> {
        self.inner
            .vocabulary()
            .map(|v| v.terms().to_vec())
            .unwrap_or_default()
    }

    /// The idf of each column (empty before fitting).
    fn idf<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        self.inner.idf().unwrap_or(&[]).to_vec().into_pyarray(py)
    }

    /// The keywords `warraq.TfidfVectorizer` is made with to be this model: the
    /// TF-IDF parameters, the analyzer's (`normalize` as a dict of every option,
    /// or False) and the given `vocabulary` (None: chosen when fitting).
    ///
    /// >>> p = TfidfModel({"min_df": 2}, {"stem": "snowball"}).params()
    /// >>> p["min_df"], p["stem"], p["vocabulary"]
    /// (2, 'snowball', None)
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let params = tfidf_keywords(py, self.inner.config())?;
        params.update(analyzer_keywords(py, self.inner.analyzer().options())?.as_mapping())?;
        params.set_item(
            "vocabulary",
            self.inner.fixed_vocabulary().map(Vocabulary::terms),
        )?;
        Ok(params)
    }
}

/// `max_features`' choice made by a Python callable `f(weights, limit)` (the
/// weights as a numpy `uint64` array) returning the positions kept: how
/// `warraq.TfidfVectorizer` lets numpy make scikit-learn's choice among ties.
fn python_selector(f: Py<PyAny>) -> FeatureSelector {
    FeatureSelector::new(std::sync::Arc::new(move |weights: &[u64], limit: usize| {
        Python::attach(|py| {
            let chosen = f
                .call1(py, (weights.to_vec().into_pyarray(py), limit))
                .and_then(|out| out.extract::<Vec<usize>>(py));
            chosen.map_err(|e| {
                wq::Error::invalid_option(
                    "max_features",
                    format!("the feature selector failed: {e}"),
                )
            })
        })
    }))
}
