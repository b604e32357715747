//! `Dictionary` and `DictionaryCounter`: the core's dictionaries
//! (`wq::stats::dictionary`), converted.

use crate::errors::IntoPyResult;
use crate::ingest::all_texts;
use crate::run::detached_ok;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use std::path::PathBuf;
use wq::concordance::{KwicOptions, Matching};
use wq::stats::dictionary::{Dictionary, DictionaryCounter};

/// Categories of words, globs and phrases (see :func:`warraq.dictionary_counts`).
///
/// >>> import warraq
/// >>> d = warraq.Dictionary.from_dict({"economy": ["اقتصاد*", "البنك المركزي"], "violence": "قتل*"})
/// >>> d.categories
/// ['economy', 'violence']
/// >>> d.entries()["violence"]
/// ['قتل*']
#[pyclass(module = "warraq._warraq", name = "Dictionary", frozen)]
pub struct PyDictionary {
    inner: Dictionary,
}

/// `(name, entries)` of a mapping: a value is one entry (str), a list of entries,
/// or a mapping of subcategories (named `parent.child`).
fn categories_of(
    mapping: &Bound<'_, PyDict>,
    prefix: &str,
    out: &mut Vec<(String, Vec<String>)>,
) -> PyResult<()> {
    for (key, value) in mapping.iter() {
        let name = format!("{prefix}{}", key.extract::<String>()?);
        if let Ok(sub) = value.cast::<PyDict>() {
            categories_of(sub, &format!("{name}."), out)?;
        } else if let Ok(s) = value.cast::<PyString>() {
            out.push((name, vec![s.to_string()]));
        } else {
            let entries: Vec<String> = value.extract().map_err(|_| {
                PyTypeError::new_err(format!(
                    "Dictionary.from_dict: category {name:?} is not a str, a list of str or a dict"
                ))
            })?;
            out.push((name, entries));
        }
    }
    Ok(())
}

#[pymethods]
impl PyDictionary {
    /// Reads a ``.yml``/``.yaml`` or LIWC-style ``.dic`` file (errors name the
    /// file and line).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        Ok(PyDictionary {
            inner: Dictionary::load(&path).py(py)?,
        })
    }

    /// A dictionary from a mapping of category names to entries.
    #[staticmethod]
    fn from_dict(py: Python<'_>, categories: &Bound<'_, PyDict>) -> PyResult<Self> {
        let mut out = Vec::new();
        categories_of(categories, "", &mut out)?;
        Ok(PyDictionary {
            inner: Dictionary::new(out).py(py)?,
        })
    }

    /// The category names, in order.
    #[getter]
    fn categories(&self) -> Vec<String> {
        self.inner.names().into_iter().map(str::to_string).collect()
    }

    /// The file it was read from, or None.
    #[getter]
    fn path(&self) -> Option<PathBuf> {
        self.inner.path().map(PathBuf::from)
    }

    /// The entries of each category.
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for c in self.inner.categories() {
            let entries: Vec<&str> = c.entries.iter().map(|e| e.pattern.as_str()).collect();
            d.set_item(&c.name, entries)?;
        }
        Ok(d)
    }

    /// The dictionary compiled for counting, with the matching options of
    /// :func:`warraq.kwic`.
    #[pyo3(signature = (*, matching="folded", clitics=true, case_insensitive=true))]
    fn counter(
        &self,
        py: Python<'_>,
        matching: &str,
        clitics: bool,
        case_insensitive: bool,
    ) -> PyResult<PyDictionaryCounter> {
        let options = KwicOptions {
            matching: Matching::from_name(matching).py(py)?,
            clitics,
            case_insensitive,
            ..KwicOptions::default()
        };
        Ok(PyDictionaryCounter {
            inner: DictionaryCounter::new(&self.inner, options).py(py)?,
            categories: self.inner.categories().len(),
        })
    }

    fn __len__(&self) -> usize {
        self.inner.categories().len()
    }

    fn __repr__(&self) -> String {
        let entries: usize = self
            .inner
            .categories()
            .iter()
            .map(|c| c.entries.len())
            .sum();
        format!(
            "Dictionary({} categories, {entries} entries{})",
            self.inner.categories().len(),
            self.inner
                .path()
                .map(|p| format!(", from {}", p.display()))
                .unwrap_or_default()
        )
    }
}

/// A compiled dictionary (see :meth:`Dictionary.counter`).
///
/// >>> import warraq
/// >>> c = warraq.Dictionary.from_dict({"x": ["حلب"]}).counter()
/// >>> c.count(["في حلب", "بحلب وحلب."])
/// ([1, 2], [2, 2])
#[pyclass(module = "warraq._warraq", name = "DictionaryCounter", frozen)]
pub struct PyDictionaryCounter {
    inner: DictionaryCounter,
    categories: usize,
}

#[pymethods]
impl PyDictionaryCounter {
    /// The counts of `texts` (an iterable of str): per text, one count per
    /// category (row after row, in one list), and the words of each text. Runs in
    /// parallel without the GIL.
    fn count(&self, py: Python<'_>, texts: &Bound<'_, PyAny>) -> PyResult<(Vec<u32>, Vec<usize>)> {
        let batch = all_texts(texts, "texts")?;
        let per_text = detached_ok(py, || self.inner.count_batch(&batch.strs()));
        let mut counts = Vec::with_capacity(per_text.len() * self.categories);
        let mut words = Vec::with_capacity(per_text.len());
        for c in per_text {
            counts.extend(c.counts);
            words.push(c.words);
        }
        Ok((counts, words))
    }
}
