//! `TermCounts`: the core's corpus statistics (`wq::stats`), counted once and
//! queried for frequency lists, keyness and collocations.

use crate::convert::Wrap;
use crate::errors::IntoPyResult;
use crate::ingest::all_texts;
use crate::run::{detached, detached_ok};
use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use wq::analyze::AnalyzerOptions;
use wq::concordance::{Concordancer, KwicOptions};
use wq::stats::{
    collocations, frequencies, keyness, CollocationOptions, Correction, CountOptions,
    KeynessOptions, Measure, TermCounts,
};

/// Each document's term counts, words and display forms (see
/// :func:`warraq.frequencies`, the API to use). ``analyzer`` is a dict of the
/// analyzer's keywords (as :func:`warraq.analyze` takes them).
///
/// >>> from warraq._warraq import TermCounts
/// >>> c = TermCounts(["المهرجان والمهرجان", "لمهرجان في 2016"])
/// >>> c.terms(), c.forms(), c.totals().tolist(), c.word_counts().tolist()
/// (['مهرج'], ['المهرجان'], [3], [2, 3])
#[pyclass(module = "warraq._warraq", name = "TermCounts", frozen)]
pub struct PyTermCounts {
    inner: TermCounts,
}

/// Columns of a frequency list: group, term id, count, documents, per 10k, DP.
type FrequencyColumns<'py> = (
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u64>>,
    Bound<'py, PyArray1<u64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
);

/// Columns of keyness: term id, statistic, p, log ratio, target and reference counts.
type KeynessColumns<'py> = (
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<u64>>,
    Bound<'py, PyArray1<u64>>,
);

/// Columns of collocations: term ids (row-major, `n` a row), count, expected, PMI,
/// G², t.
type CollocationColumns<'py> = (
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
);

#[pymethods]
impl PyTermCounts {
    #[new]
    #[pyo3(signature = (texts, analyzer = None, *, numbers = false, merge_clitics = true, sequences = false))]
    fn new(
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        analyzer: Option<Wrap<AnalyzerOptions>>,
        numbers: bool,
        merge_clitics: bool,
        sequences: bool,
    ) -> PyResult<Self> {
        let options = CountOptions {
            analyzer: analyzer.map(|w| w.0).unwrap_or_default(),
            numbers,
            merge_clitics,
            sequences,
        };
        options.analyzer.validate().py(py)?;
        let batch = all_texts(texts, "texts")?;
        let inner = detached(py, || TermCounts::count(&batch.strs(), &options))?;
        Ok(PyTermCounts { inner })
    }

    /// Counts terms found elsewhere (entities): each document as its list of terms;
    /// ``words`` each document's number of words (None: its number of terms).
    ///
    /// >>> TermCounts.from_terms([["دمشق", "دمشق"], []], [10, 3]).totals().tolist()
    /// [2]
    #[staticmethod]
    #[pyo3(signature = (docs, words = None))]
    fn from_terms(
        py: Python<'_>,
        docs: Vec<Vec<String>>,
        words: Option<Vec<u64>>,
    ) -> PyResult<Self> {
        if let Some(w) = &words {
            if w.len() != docs.len() {
                return Err(wq::Error::invalid_option(
                    "words",
                    format!("{} word counts for {} documents", w.len(), docs.len()),
                ))
                .py(py);
            }
        }
        let inner = detached_ok(py, || TermCounts::from_terms(&docs, words.as_deref()));
        Ok(PyTermCounts { inner })
    }

    fn __len__(&self) -> usize {
        self.inner.n_docs()
    }

    /// Terms by id (sorted).
    fn terms(&self) -> Vec<String> {
        self.inner.terms().to_vec()
    }

    /// The corpus display form of each term, by id.
    fn forms(&self) -> Vec<String> {
        (0..self.inner.len() as u32)
            .map(|t| self.inner.form(t).to_owned())
            .collect()
    }

    /// Terms merged into another term, and the id they count as.
    fn merged(&self) -> Vec<(String, u32)> {
        self.inner.merged().to_vec()
    }

    /// Every surface form of the term with id ``term`` and its count, most frequent first.
    fn surfaces(&self, term: u32) -> PyResult<Vec<(String, u64)>> {
        self.check_term(term)?;
        Ok(self.inner.forms().surfaces_of(term))
    }

    /// Occurrences of each term in the corpus, by id.
    fn totals<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<u64>> {
        self.inner.totals().to_vec().into_pyarray(py)
    }

    /// Each document's number of words.
    fn word_counts<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<u64>> {
        self.inner.word_counts().to_vec().into_pyarray(py)
    }

    /// The document-term counts as CSR parts: ``(data, indices, indptr)``, the
    /// matrix being ``(len(self), len(self.terms()))``.
    #[allow(clippy::type_complexity)]
    fn matrix<'py>(
        &self,
        py: Python<'py>,
    ) -> (
        Bound<'py, PyArray1<u32>>,
        Bound<'py, PyArray1<u32>>,
        Bound<'py, PyArray1<u64>>,
    ) {
        let (mut data, mut indices, mut indptr) = (Vec::new(), Vec::new(), vec![0u64]);
        for d in 0..self.inner.n_docs() {
            for &(t, n) in self.inner.doc_terms(d) {
                indices.push(t);
                data.push(n);
            }
            indptr.push(indices.len() as u64);
        }
        (
            data.into_pyarray(py),
            indices.into_pyarray(py),
            indptr.into_pyarray(py),
        )
    }

    /// The readable form of each analyzer term (n-grams too) of each row:
    /// ``rows[i]`` in document ``i`` when ``per_document``, else in the corpus.
    ///
    /// >>> TermCounts(["أسعار النفط"]).display([["اسعار نفط", "ذهب"]])
    /// [['أسعار النفط', 'ذهب']]
    #[pyo3(signature = (rows, per_document = true))]
    fn display(
        &self,
        py: Python<'_>,
        rows: Vec<Vec<String>>,
        per_document: bool,
    ) -> PyResult<Vec<Vec<String>>> {
        if per_document && rows.len() > self.inner.n_docs() {
            return Err(wq::Error::invalid_option(
                "rows",
                format!("{} rows for {} documents", rows.len(), self.inner.n_docs()),
            ))
            .py(py);
        }
        Ok(rows
            .iter()
            .enumerate()
            .map(|(d, row)| {
                let doc = per_document.then_some(d);
                row.iter().map(|t| self.inner.display(t, doc)).collect()
            })
            .collect())
    }

    /// The id of ``term`` (or of the term it was merged into), or None.
    fn id(&self, term: &str) -> Option<u32> {
        self.inner.id(term)
    }

    /// The frequency list as columns (see :func:`warraq.frequencies`).
    #[pyo3(signature = (groups = None, n_groups = 1))]
    fn frequencies<'py>(
        &self,
        py: Python<'py>,
        groups: Option<Vec<u32>>,
        n_groups: usize,
    ) -> PyResult<FrequencyColumns<'py>> {
        let rows = detached(py, || frequencies(&self.inner, groups.as_deref(), n_groups))?;
        Ok((
            rows.iter()
                .map(|r| r.group)
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.term)
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.count)
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.docs)
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.per_10k)
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.dp)
                .collect::<Vec<_>>()
                .into_pyarray(py),
        ))
    }

    /// Keyness as columns (see :func:`warraq.keyness`).
    #[pyo3(signature = (target, reference = None, measure = "g2", correction = "default"))]
    fn keyness<'py>(
        &self,
        py: Python<'py>,
        target: Vec<bool>,
        reference: Option<Vec<bool>>,
        measure: &str,
        correction: &str,
    ) -> PyResult<KeynessColumns<'py>> {
        let options = KeynessOptions {
            measure: Measure::from_name(measure).py(py)?,
            correction: Correction::from_name(correction).py(py)?,
        };
        let rows = detached(py, || {
            keyness(&self.inner, &target, reference.as_deref(), &options)
        })?;
        Ok((
            rows.iter()
                .map(|r| r.term)
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.statistic)
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.p)
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.log_ratio)
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.target)
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.reference)
                .collect::<Vec<_>>()
                .into_pyarray(py),
        ))
    }

    /// Collocations as columns (see :func:`warraq.collocations`): ``texts`` are
    /// the texts counted, ``around`` a node word or phrase (matched folded, behind
    /// clitics).
    #[pyo3(signature = (texts, around = None, *, window = 5, size = 2, min_count = 2))]
    fn collocations<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'_, PyAny>,
        around: Option<&str>,
        window: usize,
        size: usize,
        min_count: u64,
    ) -> PyResult<CollocationColumns<'py>> {
        let node = match around {
            Some(a) => Some(Concordancer::new(&[a], KwicOptions::default()).py(py)?),
            None => None,
        };
        let options = CollocationOptions {
            window,
            size,
            min_count,
        };
        let batch = all_texts(texts, "texts")?;
        let rows = detached(py, || {
            collocations(&self.inner, &batch.strs(), node.as_ref(), &options)
        })?;
        Ok((
            rows.iter()
                .flat_map(|r| r.terms.iter().copied())
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.count)
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.expected)
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.pmi)
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.g2)
                .collect::<Vec<_>>()
                .into_pyarray(py),
            rows.iter()
                .map(|r| r.t)
                .collect::<Vec<_>>()
                .into_pyarray(py),
        ))
    }
}

impl PyTermCounts {
    fn check_term(&self, term: u32) -> PyResult<()> {
        if (term as usize) < self.inner.len() {
            Ok(())
        } else {
            Err(pyo3::exceptions::PyIndexError::new_err(format!(
                "term id {term} out of range ({} terms)",
                self.inner.len()
            )))
        }
    }
}
