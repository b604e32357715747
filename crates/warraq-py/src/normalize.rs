//! `Normalizer` and `normalize`.

use crate::errors::{to_pyerr, IntoPyResult};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyMapping, PyTuple};
use wq::normalize::{NormalizeOptions, Normalizer, WideOutput};

/// A reusable Arabic text normaliser. Thread-safe and picklable.
///
/// Every option is a keyword (see `warraq.normalize` for what each does and why
/// it is on or off by default); an option left out, or None, keeps its default.
///
/// >>> from warraq import Normalizer
/// >>> n = Normalizer(teh_marbuta=False)
/// >>> n.normalize("إلى المدرسةِ")
/// 'الي المدرسة'
/// >>> n.normalize_batch(["ﻻ", "٣٫٥٪"])
/// ['لا', '3.5%']
#[pyclass(module = "warraq._warraq", name = "Normalizer", frozen, eq)]
#[derive(PartialEq)]
pub struct PyNormalizer {
    pub inner: Normalizer,
}

/// How a wrong option is reported.
#[derive(Debug, Clone, Copy)]
enum Given<'a> {
    /// As keyword arguments of the function named: a `TypeError`, as Python
    /// reports a wrong keyword argument.
    Keywords(&'a str),
    /// As a dict of options given for `normalize=`: an `InvalidOptionError`.
    Dict,
}

/// `NormalizeOptions` from `(name, value)` items: each name one of the core's
/// options (`NormalizeOptions::NAMES`), each value True, False or None; options not
/// given, or None, keep the core's defaults (`NormalizeOptions::default()`).
fn read_options<'py>(
    py: Python<'py>,
    items: impl IntoIterator<Item = PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)>>,
    given: Given<'_>,
) -> PyResult<NormalizeOptions> {
    let mut options = NormalizeOptions::default();
    for item in items {
        let (key, value) = item?;
        let name = crate::convert::text(&key, "a Normalizer option's name")?;
        let unknown = !NormalizeOptions::NAMES.contains(&name);
        let flag = if unknown {
            None
        } else {
            value.extract::<Option<bool>>().ok()
        };
        let Some(flag) = flag else {
            return Err(bad_option(py, name, &value, unknown, given));
        };
        if let Some(on) = flag {
            options.set(name, on).py(py)?;
        }
    }
    Ok(options)
}

/// The error for option `name`: unknown, or given `value`, which is not a bool.
fn bad_option(
    py: Python<'_>,
    name: &str,
    value: &Bound<'_, PyAny>,
    unknown: bool,
    given: Given<'_>,
) -> PyErr {
    let not = || {
        value
            .repr()
            .map_or_else(|_| "?".to_string(), |r| r.to_string())
    };
    match given {
        Given::Keywords(function) if unknown => PyTypeError::new_err(format!(
            "{function}() got an unexpected keyword argument '{name}'; the options are {}",
            NormalizeOptions::NAMES.join(", ")
        )),
        Given::Keywords(function) => PyTypeError::new_err(format!(
            "{function}() argument '{name}' must be True, False or None, not {}",
            not()
        )),
        Given::Dict if unknown => to_pyerr(
            py,
            wq::Error::invalid_option(
                name,
                format!(
                    "unknown normalisation option; expected one of {}",
                    NormalizeOptions::NAMES.join(", ")
                ),
            ),
        ),
        Given::Dict => to_pyerr(
            py,
            wq::Error::invalid_option(
                name,
                format!(
                    "Normalizer option {name:?} must be True, False or None, not {}",
                    not()
                ),
            ),
        ),
    }
}

/// The options given as keywords (`**options`) to `function`.
fn from_keywords(
    py: Python<'_>,
    options: Option<&Bound<'_, PyDict>>,
    function: &str,
) -> PyResult<NormalizeOptions> {
    match options {
        Some(dict) => read_options(py, dict.iter().map(Ok), Given::Keywords(function)),
        None => Ok(NormalizeOptions::default()),
    }
}

/// What `normalize=` of the analyzer and the vectorizers takes, converted once:
/// False or None (no normalisation: `None` here), True (the defaults), a
/// `Normalizer`, or a dict of `Normalizer` options laid over the defaults (as in
/// `warraq.analyze(text, normalize={"teh_marbuta": False})`).
pub struct NormalizeArg(pub Option<NormalizeOptions>);

impl<'py> FromPyObject<'_, 'py> for NormalizeArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        if obj.is_none() {
            return Ok(NormalizeArg(None));
        }
        if let Ok(flag) = obj.cast::<PyBool>() {
            return Ok(NormalizeArg(flag.is_true().then(NormalizeOptions::default)));
        }
        if let Ok(normalizer) = obj.cast::<PyNormalizer>() {
            return Ok(NormalizeArg(Some(*normalizer.get().inner.options())));
        }
        if let Ok(mapping) = obj.cast::<PyMapping>() {
            let items = mapping.items()?;
            let pairs = items.iter().map(|item| item.extract());
            return read_options(py, pairs, Given::Dict).map(|o| NormalizeArg(Some(o)));
        }
        Err(to_pyerr(
            py,
            wq::Error::invalid_option(
                "normalize",
                format!(
                    "normalize must be True, False, a dict of Normalizer options or a Normalizer, not {}",
                    obj.repr().map_or_else(|_| "?".to_string(), |r| r.to_string())
                ),
            ),
        ))
    }
}

#[pymethods]
impl PyNormalizer {
    // Every option is a keyword: True, False, or None for the core's default.
    #[new]
    #[pyo3(signature = (**options))]
    fn new(py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        Ok(PyNormalizer {
            inner: Normalizer::new(from_keywords(py, options, "Normalizer")?),
        })
    }

    /// Normalises one text.
    ///
    /// >>> Normalizer().normalize("الْعَرَبِيَّةُ  ٢٠٢٦")
    /// 'العربيه 2026'
    fn normalize<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::wide::one(py, &self.inner, text, "text", WideOutput::Normalized, false)
    }

    /// Normalises every text of an iterable, in parallel with the GIL released.
    ///
    /// >>> Normalizer().normalize_batch(["أحمد", "مصطفى"])
    /// ['احمد', 'مصطفي']
    fn normalize_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        crate::wide::map_wide(
            py,
            &self.inner,
            texts,
            "texts",
            WideOutput::Normalized,
            false,
        )
    }

    /// Normalises one text and splits it into tokens (as `warraq.tokenize` does).
    ///
    /// >>> Normalizer().tokenize("أعلنت الوزارةُ: النمو ٣٫٥٪.")
    /// ['اعلنت', 'الوزاره', ':', 'النمو', '3.5%', '.']
    fn tokenize<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::wide::one(
            py,
            &self.inner,
            text,
            "text",
            WideOutput::TokensJoined,
            true,
        )
    }

    /// Normalises and tokenises every text, in parallel with the GIL released. With
    /// ``joined=True`` each text comes back as one string of space-separated tokens:
    /// the fastest form by far (one Python string per text instead of one per token),
    /// and what whitespace analyzers such as scikit-learn's take.
    ///
    /// >>> Normalizer().tokenize_batch(["إلى المدرسة.", "ﻻ"])
    /// [['الي', 'المدرسه', '.'], ['لا']]
    /// >>> Normalizer().tokenize_batch(["إلى المدرسة.", "ﻻ"], joined=True)
    /// ['الي المدرسه .', 'لا']
    #[pyo3(signature = (texts, *, joined=false))]
    fn tokenize_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        joined: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        crate::wide::map_wide(
            py,
            &self.inner,
            texts,
            "texts",
            WideOutput::TokensJoined,
            !joined,
        )
    }

    /// The options as a dict (what `Normalizer(**options)` takes).
    ///
    /// >>> Normalizer(hamza=True).options["hamza"]
    /// True
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in self.inner.options().to_pairs() {
            d.set_item(k, v)?;
        }
        Ok(d)
    }

    fn __getnewargs_ex__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyDict>)> {
        Ok((PyTuple::empty(py), self.options(py)?))
    }

    fn __repr__(&self) -> String {
        let default = NormalizeOptions::default().to_pairs();
        let changed: Vec<String> = self
            .inner
            .options()
            .to_pairs()
            .iter()
            .zip(default)
            .filter(|(a, b)| a.1 != b.1)
            .map(|((k, v), _)| format!("{k}={}", if *v { "True" } else { "False" }))
            .collect();
        format!("Normalizer({})", changed.join(", "))
    }
}

/// Normalises Arabic text: NFKC, diacritics, tatweel, alef/yeh/teh-marbuta folding,
/// digits, punctuation, Persian letters, invisible controls and whitespace, each a
/// keyword option (True, False, or None for the default; ``Normalizer().options``
/// gives the defaults).
///
/// >>> from warraq import normalize
/// >>> normalize("أَعْلَنَتِ الوزارةُ ارتفاعاً بنسبة ٣٫٥٪")
/// 'اعلنت الوزاره ارتفاعا بنسبه 3.5%'
/// >>> normalize("مدرسة", teh_marbuta=False)
/// 'مدرسة'
#[pyfunction]
#[pyo3(signature = (text, **options))]
pub fn normalize<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let n = Normalizer::new(from_keywords(py, options, "normalize")?);
    crate::wide::one(py, &n, text, "text", WideOutput::Normalized, false)
}
