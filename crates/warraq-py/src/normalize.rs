//! `Normalizer` and `normalize`.

use crate::ingest::map_texts;
use crate::run::detach_if;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use wq::normalize::{NormalizeOptions, Normalizer};

/// A reusable Arabic text normaliser. Thread-safe and picklable.
///
/// Every option is a keyword (see `warraq.normalize` for what each does and why
/// it is on or off by default).
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

#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
fn options(
    unicode: bool,
    diacritics: bool,
    tatweel: bool,
    alef: bool,
    alef_maqsura: bool,
    teh_marbuta: bool,
    hamza: bool,
    digits: bool,
    punctuation: bool,
    persian: bool,
    controls: bool,
    whitespace: bool,
) -> NormalizeOptions {
    NormalizeOptions {
        unicode,
        diacritics,
        tatweel,
        alef,
        alef_maqsura,
        teh_marbuta,
        hamza,
        digits,
        punctuation,
        persian,
        controls,
        whitespace,
    }
}

#[pymethods]
impl PyNormalizer {
    #[new]
    #[pyo3(signature = (*, unicode=true, diacritics=true, tatweel=true, alef=true, alef_maqsura=true, teh_marbuta=true, hamza=false, digits=true, punctuation=true, persian=true, controls=true, whitespace=true))]
    #[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
    fn new(
        unicode: bool,
        diacritics: bool,
        tatweel: bool,
        alef: bool,
        alef_maqsura: bool,
        teh_marbuta: bool,
        hamza: bool,
        digits: bool,
        punctuation: bool,
        persian: bool,
        controls: bool,
        whitespace: bool,
    ) -> Self {
        PyNormalizer {
            inner: Normalizer::new(options(
                unicode,
                diacritics,
                tatweel,
                alef,
                alef_maqsura,
                teh_marbuta,
                hamza,
                digits,
                punctuation,
                persian,
                controls,
                whitespace,
            )),
        }
    }

    /// Normalises one text.
    ///
    /// >>> Normalizer().normalize("الْعَرَبِيَّةُ  ٢٠٢٦")
    /// 'العربيه 2026'
    fn normalize(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
        let s = crate::convert::text(text, "text")?;
        Ok(detach_if(py, s.len(), || self.inner.normalize(s)))
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
        map_texts(
            py,
            texts,
            "texts",
            |_, s| self.inner.normalize(s),
            |s| Ok(PyString::new(py, &s).into_any()),
        )
    }

    /// Normalises one text and splits it into tokens (as `warraq.tokenize` does).
    ///
    /// >>> Normalizer().tokenize("أعلنت الوزارةُ: النمو ٣٫٥٪.")
    /// ['اعلنت', 'الوزاره', ':', 'النمو', '3.5%', '.']
    fn tokenize(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        let s = crate::convert::text(text, "text")?;
        Ok(detach_if(py, s.len(), || {
            self.inner
                .tokenize_joined(s)
                .split(' ')
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect()
        }))
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
        map_texts(
            py,
            texts,
            "texts",
            |_, s| self.inner.tokenize_joined(s),
            |s| crate::tokenize::tokens_to_py(py, &s, joined),
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
/// keyword option with the default shown.
///
/// >>> from warraq import normalize
/// >>> normalize("أَعْلَنَتِ الوزارةُ ارتفاعاً بنسبة ٣٫٥٪")
/// 'اعلنت الوزاره ارتفاعا بنسبه 3.5%'
/// >>> normalize("مدرسة", teh_marbuta=False)
/// 'مدرسة'
#[pyfunction]
#[pyo3(signature = (text, *, unicode=true, diacritics=true, tatweel=true, alef=true, alef_maqsura=true, teh_marbuta=true, hamza=false, digits=true, punctuation=true, persian=true, controls=true, whitespace=true))]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
pub fn normalize(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    unicode: bool,
    diacritics: bool,
    tatweel: bool,
    alef: bool,
    alef_maqsura: bool,
    teh_marbuta: bool,
    hamza: bool,
    digits: bool,
    punctuation: bool,
    persian: bool,
    controls: bool,
    whitespace: bool,
) -> PyResult<String> {
    let s = crate::convert::text(text, "text")?;
    let n = Normalizer::new(options(
        unicode,
        diacritics,
        tatweel,
        alef,
        alef_maqsura,
        teh_marbuta,
        hamza,
        digits,
        punctuation,
        persian,
        controls,
        whitespace,
    ));
    Ok(detach_if(py, s.len(), || n.normalize(s)))
}
