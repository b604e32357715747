//! Analyzer, TF-IDF model, document frequencies, neighbours and near-duplicates.
//!
//! The scikit-learn estimator is `warraq.vectors.TfidfVectorizer` (Python); the
//! classes here are its engine. Options arrive as JSON (built by the Python layer
//! from keyword arguments) and are checked by the core's serde types.

use crate::convert::{
    next_code_point_batch, next_text_batch, text, CodePointBatch, TextBatch, COUNT_BATCH_BYTES,
    COUNT_BATCH_CODE_POINTS, FIRST_COUNT_BATCH_BYTES, FIRST_COUNT_BATCH_CODE_POINTS, TEXT_BATCH,
};
use crate::errors::{to_pyerr, IntoPyResult};
use crate::run::pipeline;
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList, PyString};
use wq::analyze::{Analyzer, AnalyzerOptions};
use wq::parallel::Jobs;
use wq::vectors::{
    CountedBatch, CsrMatrix, DocumentFrequencies, MinHashOptions, SharedCounting, TfidfConfig,
    TfidfVectorizer, Vocabulary,
};

/// The CSR parts handed to Python: `(data, indices, indptr, (n_rows, n_cols))`.
type Csr<'py> = (
    Bound<'py, PyAny>,
    Bound<'py, PyArray1<i32>>,
    Bound<'py, PyAny>,
    (usize, usize),
);

fn options_error(py: Python<'_>, name: &str, e: &serde_json::Error) -> PyErr {
    to_pyerr(py, wq::Error::invalid_option(name, e.to_string()))
}

fn parse_analyzer(py: Python<'_>, json: &str) -> PyResult<AnalyzerOptions> {
    let options: AnalyzerOptions =
        serde_json::from_str(json).map_err(|e| options_error(py, "analyzer", &e))?;
    options.validate().py(py)?;
    Ok(options)
}

/// Runs `f` on `n_jobs` threads (`None` or a negative number: the global pool)
/// with the GIL released.
fn with_jobs<T: Send>(
    py: Python<'_>,
    n_jobs: Option<i64>,
    f: impl FnOnce() -> T + Send,
) -> PyResult<T> {
    let jobs = Jobs::new(n_jobs).py(py)?;
    Ok(py.detach(|| jobs.install(f)))
}

/// Moves a matrix's arrays into numpy without copying `data` and `indices`.
/// `indptr` becomes int32 (a copy of `n_rows + 1` values) when the values fit,
/// so that scipy keeps the arrays as given instead of converting them.
fn csr_to_py(py: Python<'_>, mut m: CsrMatrix, float32: bool) -> Csr<'_> {
    let values = std::mem::take(&mut m.data);
    let data = if float32 {
        values
            .into_iter()
            .map(|v| v as f32)
            .collect::<Vec<f32>>()
            .into_pyarray(py)
            .into_any()
    } else {
        values.into_pyarray(py).into_any()
    };
    let indptr = if i32::try_from(m.indices.len()).is_ok() {
        m.indptr
            .iter()
            .map(|&p| p as i32)
            .collect::<Vec<i32>>()
            .into_pyarray(py)
            .into_any()
    } else {
        m.indptr.into_pyarray(py).into_any()
    };
    (data, m.indices.into_pyarray(py), indptr, m.shape)
}

fn csr_from_py(
    data: PyReadonlyArray1<'_, f64>,
    indices: PyReadonlyArray1<'_, i32>,
    indptr: PyReadonlyArray1<'_, i64>,
    shape: (usize, usize),
) -> PyResult<CsrMatrix> {
    Ok(CsrMatrix {
        data: data.as_slice()?.to_vec(),
        indices: indices.as_slice()?.to_vec(),
        indptr: indptr.as_slice()?.to_vec(),
        shape,
    })
}

/// One batch read from Python for [`count_stream`]: texts, or the terms of
/// documents that a Python analyzer (a callable) produced.
enum Input {
    Texts(TextBatch),
    CodePoints(CodePointBatch),
    Terms(Vec<Vec<String>>),
}

/// Reads up to [`TEXT_BATCH`] documents given as iterables of terms (`seen` counts
/// the documents read before, for error messages). `None` at the end.
fn next_terms_batch(
    docs: &Bound<'_, PyIterator>,
    seen: &mut usize,
) -> PyResult<Option<Vec<Vec<String>>>> {
    let mut batch = Vec::new();
    while batch.len() < TEXT_BATCH {
        let Some(doc) = docs.clone().next() else {
            break;
        };
        let doc = doc?;
        let i = *seen;
        if doc.is_instance_of::<PyString>() {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
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

/// Counts `docs` (an iterable of str, or with `terms` of term lists) with
/// `analyzer`, batch by batch, handing each [`CountedBatch`] to `sink` in order and
/// calling `on_batch(n_docs)` after each. Batches are read with the GIL while the
/// previous one is counted in `jobs` without it ([`pipeline`]), so the
/// documents are never all held (a generator is fine) and Ctrl-C stops the call
/// within a batch.
/// How [`count_stream`] counts: with which analyzer, and, for a call that counts
/// all its batches into one fit or matrix, the [`SharedCounting`] they share (texts
/// are then read as code points).
struct HowToCount<'a> {
    analyzer: &'a Analyzer,
    counting: Option<&'a SharedCounting>,
}

fn count_stream(
    py: Python<'_>,
    how: HowToCount<'_>,
    docs: &Bound<'_, PyAny>,
    terms: bool,
    jobs: &Jobs,
    on_batch: Option<&Bound<'_, PyAny>>,
    mut sink: impl FnMut(CountedBatch) -> PyResult<()>,
) -> PyResult<()> {
    let HowToCount { analyzer, counting } = how;
    let what = if terms { "docs" } else { "raw_documents" };
    crate::convert::reject_single_str(docs, what, if terms { "lists of str" } else { "str" })?;
    let items = docs.try_iter()?;
    let mut seen = 0;
    let mut batches = 0;
    // Code-point buffers of batches already counted, filled again by the next
    // ones: fresh memory costs a page fault per 4 KB written (a fifth of this
    // thread's time when every batch had new buffers).
    let spare: std::cell::RefCell<Vec<CodePointBatch>> = Default::default();
    pipeline(
        py,
        || {
            let grown = batches.min(8);
            Ok(if terms {
                next_terms_batch(&items, &mut seen)?.map(Input::Terms)
            } else if counting.is_some() {
                // Small batches first, so that the counting starts early.
                batches += 1;
                let max = (FIRST_COUNT_BATCH_CODE_POINTS << grown).min(COUNT_BATCH_CODE_POINTS);
                let reused = spare.borrow_mut().pop().unwrap_or_default();
                next_code_point_batch(&items, what, &mut seen, max, reused)?.map(Input::CodePoints)
            } else {
                batches += 1;
                let max_bytes = (FIRST_COUNT_BATCH_BYTES << grown).min(COUNT_BATCH_BYTES);
                next_text_batch(&items, what, &mut seen, max_bytes)?.map(Input::Texts)
            })
        },
        |input| {
            let counted = jobs.install(|| match (&input, counting) {
                (Input::CodePoints(batch), Some(counting)) => {
                    Ok(counting.count_chars(analyzer, &batch.texts()))
                }
                // (Not read so without a counting to share; counted on its own.)
                (Input::CodePoints(batch), None) => {
                    Ok(SharedCounting::new().count_chars(analyzer, &batch.texts()))
                }
                (Input::Texts(batch), _) => Ok(CountedBatch::of_texts(analyzer, &batch.strs())),
                (Input::Terms(docs), _) => Ok(CountedBatch::of_terms(docs)),
            });
            let spent = match input {
                Input::CodePoints(batch) => Some(batch),
                _ => None,
            };
            (counted, spent)
        },
        |(counted, spent)| {
            spare.borrow_mut().extend(spent);
            let counted = counted.py(py)?;
            let n = counted.n_docs();
            sink(counted)?;
            if let Some(f) = on_batch {
                f.call1((n,))?;
            }
            Ok(())
        },
    )
}

/// An analyzer built from JSON options (see `warraq.analyze`).
///
/// >>> from warraq._warraq import Analyzer
/// >>> Analyzer('{"stem": "none"}').analyze("ذهب إلى المدرسة")
/// ['ذهب', 'المدرسه']
#[pyclass(module = "warraq._warraq", name = "Analyzer", frozen)]
pub struct PyAnalyzer {
    inner: Analyzer,
}

#[pymethods]
impl PyAnalyzer {
    #[new]
    fn new(py: Python<'_>, options_json: &str) -> PyResult<Self> {
        Ok(PyAnalyzer {
            inner: Analyzer::new(parse_analyzer(py, options_json)?),
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
        crate::convert::map_texts(
            py,
            texts,
            "texts",
            |_, s| self.inner.analyze(s),
            |terms| Ok(PyList::new(py, terms)?.into_any()),
        )
    }

    /// The options as JSON.
    #[getter]
    fn options_json(&self) -> PyResult<String> {
        serde_json::to_string(self.inner.options())
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }
}

/// Document frequencies counted by `TfidfModel.count`, mergeable across batches,
/// processes and machines; picklable.
///
/// >>> from warraq._warraq import DocumentFrequencies
/// >>> s = DocumentFrequencies()
/// >>> (s.n_docs, len(s))
/// (0, 0)
#[pyclass(module = "warraq._warraq", name = "DocumentFrequencies")]
#[derive(Clone, Default)]
pub struct PyDocumentFrequencies {
    inner: DocumentFrequencies,
}

#[pymethods]
impl PyDocumentFrequencies {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    /// Documents counted.
    #[getter]
    fn n_docs(&self) -> u64 {
        self.inner.n_docs()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// Number of documents holding `term` (0 if never seen).
    fn df(&self, term: &str) -> u64 {
        self.inner.df(term).unwrap_or(0)
    }

    /// Adds the counts of `other` (in place); returns nothing.
    fn merge(&mut self, other: PyRef<'_, PyDocumentFrequencies>) {
        self.inner.merge(&other.inner);
    }

    /// The statistics as JSON.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// Reads `to_json`'s output.
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        let inner = serde_json::from_str(json).map_err(|e| {
            to_pyerr(
                py,
                wq::Error::Model {
                    path: Default::default(),
                    message: format!("corrupt DocumentFrequencies: {e}"),
                },
            )
        })?;
        Ok(PyDocumentFrequencies { inner })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let json = slf.borrow().to_json()?;
        Ok((slf.get_type().getattr("from_json")?, (json,)))
    }
}

/// The native TF-IDF model behind `warraq.TfidfVectorizer`.
///
/// >>> from warraq._warraq import TfidfModel
/// >>> m = TfidfModel("{}", "{}", None)
/// >>> data, indices, indptr, shape = m.fit_transform(["النفط والذهب", "الذهب"])
/// >>> m.vocabulary(), shape
/// (['ذهب', 'نفط'], (2, 2))
#[pyclass(module = "warraq._warraq", name = "TfidfModel")]
pub struct PyTfidfModel {
    inner: TfidfVectorizer,
}

#[pymethods]
impl PyTfidfModel {
    #[new]
    #[pyo3(signature = (config_json, analyzer_json, vocabulary))]
    fn new(
        py: Python<'_>,
        config_json: &str,
        analyzer_json: &str,
        vocabulary: Option<Vec<String>>,
    ) -> PyResult<Self> {
        let config: TfidfConfig =
            serde_json::from_str(config_json).map_err(|e| options_error(py, "config", &e))?;
        let mut inner = TfidfVectorizer::new(config, parse_analyzer(py, analyzer_json)?).py(py)?;
        if let Some(v) = vocabulary {
            inner = inner.with_vocabulary(Vocabulary::new(v).py(py)?).py(py)?;
        }
        Ok(PyTfidfModel { inner })
    }

    /// Fits on `docs` (texts, or with `terms` lists of terms), streamed in batches;
    /// `on_batch(n)` is called after each batch of `n` documents.
    #[pyo3(signature = (docs, *, terms = false, n_jobs = None, on_batch = None))]
    fn fit(
        &mut self,
        py: Python<'_>,
        docs: &Bound<'_, PyAny>,
        terms: bool,
        n_jobs: Option<i64>,
        on_batch: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let stats = self.count(py, docs, terms, n_jobs, on_batch)?;
        self.inner.fit_stats(&stats.inner).py(py)
    }

    /// Counts `docs` with this model's analyzer (no fitting), as `fit` reads them.
    #[pyo3(signature = (docs, *, terms = false, n_jobs = None, on_batch = None))]
    fn count(
        &self,
        py: Python<'_>,
        docs: &Bound<'_, PyAny>,
        terms: bool,
        n_jobs: Option<i64>,
        on_batch: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyDocumentFrequencies> {
        let mut inner = DocumentFrequencies::new();
        count_stream(
            py,
            HowToCount {
                analyzer: self.inner.analyzer(),
                counting: None,
            },
            docs,
            terms,
            &Jobs::new(n_jobs).py(py)?,
            on_batch,
            |b| {
                py.detach(|| inner.add_batch(b));
                Ok(())
            },
        )?;
        Ok(PyDocumentFrequencies { inner })
    }

    /// Fits the vocabulary and idf from statistics.
    fn fit_stats(
        &mut self,
        py: Python<'_>,
        stats: PyRef<'_, PyDocumentFrequencies>,
    ) -> PyResult<()> {
        self.inner.fit_stats(&stats.inner).py(py)
    }

    /// Fits and returns the CSR parts of the matrix (each document analyzed once).
    #[pyo3(signature = (docs, *, terms = false, float32 = false, n_jobs = None, on_batch = None))]
    fn fit_transform<'py>(
        &mut self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        terms: bool,
        float32: bool,
        n_jobs: Option<i64>,
        on_batch: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Csr<'py>> {
        let jobs = Jobs::new(n_jobs).py(py)?;
        let counting = SharedCounting::new();
        let mut batches = self.inner.begin_batches();
        count_stream(
            py,
            HowToCount {
                analyzer: self.inner.analyzer(),
                counting: Some(&counting),
            },
            docs,
            terms,
            &jobs,
            on_batch,
            |b| {
                // Merging a batch's vocabulary is serial: it runs here, while the
                // helper thread counts the next batch.
                py.detach(|| batches.push(b));
                Ok(())
            },
        )?;
        let inner = &mut self.inner;
        let m = py
            .detach(|| jobs.install(|| inner.finish_batches(batches)))
            .py(py)?;
        Ok(csr_to_py(py, m, float32))
    }

    /// The CSR parts of the matrix of `docs` (read as `fit` reads them).
    #[pyo3(signature = (docs, *, terms = false, float32 = false, n_jobs = None, on_batch = None))]
    fn transform<'py>(
        &self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        terms: bool,
        float32: bool,
        n_jobs: Option<i64>,
        on_batch: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Csr<'py>> {
        if !self.fitted() {
            // Before reading the documents: the error a user expects first.
            self.inner.transform_batches(Vec::new()).py(py)?;
        }
        let jobs = Jobs::new(n_jobs).py(py)?;
        let counting = SharedCounting::new();
        let mut batches = Vec::new();
        count_stream(
            py,
            HowToCount {
                analyzer: self.inner.analyzer(),
                counting: Some(&counting),
            },
            docs,
            terms,
            &jobs,
            on_batch,
            |b| {
                batches.push(b);
                Ok(())
            },
        )?;
        let inner = &self.inner;
        let m = py
            .detach(|| jobs.install(|| inner.transform_batches(batches)))
            .py(py)?;
        Ok(csr_to_py(py, m, float32))
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

    /// Top-`k` terms of each row of a CSR matrix.
    #[allow(clippy::type_complexity)]
    fn keywords(
        &self,
        py: Python<'_>,
        data: PyReadonlyArray1<'_, f64>,
        indices: PyReadonlyArray1<'_, i32>,
        indptr: PyReadonlyArray1<'_, i64>,
        shape: (usize, usize),
        k: usize,
    ) -> PyResult<Vec<Vec<(String, f64)>>> {
        let x = csr_from_py(data, indices, indptr, shape)?;
        py.detach(|| self.inner.keywords(&x, k)).py(py)
    }

    /// The model as versioned JSON.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        self.inner.to_json().py(py)
    }

    /// Reads `to_json`'s output; `path` names the source in errors.
    #[staticmethod]
    #[pyo3(signature = (json, path=""))]
    fn from_json(py: Python<'_>, json: &str, path: &str) -> PyResult<Self> {
        Ok(PyTfidfModel {
            inner: TfidfVectorizer::from_json(json, path).py(py)?,
        })
    }

    /// Saves the model as JSON.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        self.inner.save(path).py(py)
    }

    /// Loads a model saved by `save`.
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        Ok(PyTfidfModel {
            inner: TfidfVectorizer::load(path).py(py)?,
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let json = slf.borrow().to_json(slf.py())?;
        Ok((slf.get_type().getattr("from_json")?, (json,)))
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

/// Top-`k` cosine neighbours of CSR rows: returns numpy arrays `(i, j, score)`.
#[pyfunction]
#[pyo3(signature = (x, y, k, threshold, n_jobs=None))]
#[allow(clippy::type_complexity)]
pub fn cosine_neighbours<'py>(
    py: Python<'py>,
    x: (
        PyReadonlyArray1<'py, f64>,
        PyReadonlyArray1<'py, i32>,
        PyReadonlyArray1<'py, i64>,
        (usize, usize),
    ),
    y: Option<(
        PyReadonlyArray1<'py, f64>,
        PyReadonlyArray1<'py, i32>,
        PyReadonlyArray1<'py, i64>,
        (usize, usize),
    )>,
    k: usize,
    threshold: Option<f64>,
    n_jobs: Option<i64>,
) -> PyResult<(
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<f64>>,
)> {
    let x = csr_from_py(x.0, x.1, x.2, x.3)?;
    let y = y.map(|y| csr_from_py(y.0, y.1, y.2, y.3)).transpose()?;
    let n = with_jobs(py, n_jobs, || {
        wq::vectors::similar(&x, y.as_ref(), k, threshold)
    })?
    .py(py)?;
    Ok((
        n.i.into_pyarray(py),
        n.j.into_pyarray(py),
        n.score.into_pyarray(py),
    ))
}

/// MinHash/LSH near-duplicate pairs: numpy arrays `(i, j, score, shared)`.
#[pyfunction]
#[pyo3(signature = (texts, *, shingle_size, num_perm, bands, threshold, seed, n_jobs=None))]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
pub fn minhash_near_duplicates<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    shingle_size: usize,
    num_perm: usize,
    bands: usize,
    threshold: f64,
    seed: u64,
    n_jobs: Option<i64>,
) -> PyResult<(
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<u32>>,
)> {
    let batch = crate::convert::all_texts(texts, "texts")?;
    let strs = batch.strs();
    let options = MinHashOptions {
        shingle_size,
        num_perm,
        bands,
        threshold,
        seed,
    };
    let pairs = with_jobs(py, n_jobs, || wq::vectors::near_duplicates(&strs, &options))?.py(py)?;
    let i: Vec<u32> = pairs.iter().map(|p| p.i).collect();
    let j: Vec<u32> = pairs.iter().map(|p| p.j).collect();
    let score: Vec<f64> = pairs.iter().map(|p| p.score).collect();
    let shared: Vec<u32> = pairs.iter().map(|p| p.shared).collect();
    Ok((
        i.into_pyarray(py),
        j.into_pyarray(py),
        score.into_pyarray(py),
        shared.into_pyarray(py),
    ))
}

/// Shingle overlap of two texts: a dict with `shared` (list of str), `n_a`, `n_b`
/// and `jaccard`.
///
/// >>> from warraq._warraq import shingle_overlap
/// >>> shingle_overlap("سقط المطر بغزارة", "سقط المطر أمس", 2)["shared"]
/// ['سقط المطر']
#[pyfunction]
#[pyo3(signature = (a, b, shingle_size=2))]
pub fn shingle_overlap<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
    shingle_size: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let o = wq::vectors::shingle_overlap(text(a, "a")?, text(b, "b")?, shingle_size);
    let d = PyDict::new(py);
    d.set_item("shared", PyList::new(py, o.shared)?)?;
    d.set_item("n_a", o.n_a)?;
    d.set_item("n_b", o.n_b)?;
    d.set_item("jaccard", o.jaccard)?;
    Ok(d)
}

/// MinHash near-duplicate detection fed in batches (the engine of
/// ``warraq.near_duplicates``, which adds the texts chunk by chunk behind a progress
/// bar). ``pairs()`` gives numpy arrays ``(i, j, score, shared)``.
///
/// >>> from warraq._warraq import MinHashIndex
/// >>> index = MinHashIndex(shingle_size=2, num_perm=128, bands=64, threshold=0.2, seed=1)
/// >>> index.add(["سقط المطر بغزارة أمس", "ارتفعت الأسعار"])
/// >>> index.add(["سقط المطر بغزارة أمس"])
/// >>> len(index), [a.tolist() for a in index.pairs()]
/// (3, [[0], [2], [1.0], [3]])
#[pyclass(module = "warraq._warraq", name = "MinHashIndex")]
pub struct PyMinHashIndex {
    inner: wq::vectors::MinHashIndex,
}

#[pymethods]
impl PyMinHashIndex {
    #[new]
    #[pyo3(signature = (*, shingle_size, num_perm, bands, threshold, seed))]
    fn new(
        py: Python<'_>,
        shingle_size: usize,
        num_perm: usize,
        bands: usize,
        threshold: f64,
        seed: u64,
    ) -> PyResult<Self> {
        let options = MinHashOptions {
            shingle_size,
            num_perm,
            bands,
            threshold,
            seed,
        };
        Ok(PyMinHashIndex {
            inner: wq::vectors::MinHashIndex::new(options).py(py)?,
        })
    }

    /// Adds texts (shingles and signatures computed in parallel, GIL released).
    #[pyo3(signature = (texts, n_jobs = None))]
    fn add(
        &mut self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        n_jobs: Option<i64>,
    ) -> PyResult<()> {
        let batch = crate::convert::all_texts(texts, "texts")?;
        let strs = batch.strs();
        let inner = &mut self.inner;
        with_jobs(py, n_jobs, || inner.add(&strs))
    }

    /// The near-duplicate pairs among the texts added: ``(i, j, score, shared)``.
    #[pyo3(signature = (n_jobs = None))]
    #[allow(clippy::type_complexity)]
    fn pairs<'py>(
        &self,
        py: Python<'py>,
        n_jobs: Option<i64>,
    ) -> PyResult<(
        Bound<'py, PyArray1<u32>>,
        Bound<'py, PyArray1<u32>>,
        Bound<'py, PyArray1<f64>>,
        Bound<'py, PyArray1<u32>>,
    )> {
        let inner = &self.inner;
        let pairs = with_jobs(py, n_jobs, || inner.pairs())?;
        let i: Vec<u32> = pairs.iter().map(|p| p.i).collect();
        let j: Vec<u32> = pairs.iter().map(|p| p.j).collect();
        let score: Vec<f64> = pairs.iter().map(|p| p.score).collect();
        let shared: Vec<u32> = pairs.iter().map(|p| p.shared).collect();
        Ok((
            i.into_pyarray(py),
            j.into_pyarray(py),
            score.into_pyarray(py),
            shared.into_pyarray(py),
        ))
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}
