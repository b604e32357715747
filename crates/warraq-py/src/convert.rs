//! Conversions at the boundary: text arguments with clear errors, and options as
//! typed core values ([`Wrap`], after polars' `Wrap`), read from keywords or a
//! dict and checked once, by the core.

use crate::errors::{to_pyerr, IntoPyResult};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};
use wq::analyze::{AnalyzerKind, AnalyzerOptions, Stem, Stopwords};
use wq::normalize::NormalizeOptions;
use wq::vectors::{DocFreq, MinHashOptions, Norm, TfidfConfig};

/// Borrows a Python `str` as UTF-8. A non-`str` is a `TypeError`; a string with a lone
/// surrogate (which has no UTF-8 form) is an `InvalidTextError` (a `ValueError`) that
/// names the code-point index of the surrogate.
pub fn text<'a>(obj: &'a Bound<'_, PyAny>, what: &str) -> PyResult<&'a str> {
    let s = obj.cast::<PyString>().map_err(|_| {
        let ty = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "?".into());
        PyTypeError::new_err(format!("{what} must be str, not {ty}"))
    })?;
    match s.to_str() {
        Ok(t) => Ok(t),
        Err(_) => Err(surrogate_error(s, what)),
    }
}

fn surrogate_error(s: &Bound<'_, PyString>, what: &str) -> PyErr {
    let py = s.py();
    let found = (|| -> PyResult<Option<(usize, u32)>> {
        let units = s.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
        let bytes: &[u8] = units.extract()?;
        Ok(bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .enumerate()
            .find(|&(_, cp)| (0xD800..=0xDFFF).contains(&cp)))
    })();
    match found {
        Ok(Some((index, cp))) => to_pyerr(
            py,
            wq::Error::InvalidText {
                index,
                message: format!("{what} contains a lone surrogate U+{cp:04X}, which is not valid Unicode text; decode the source with errors='replace' or remove it"),
            },
        ),
        Ok(None) => to_pyerr(py, wq::Error::InvalidText { index: 0, message: format!("{what} is not valid Unicode text") }),
        Err(e) => e,
    }
}

/// A single `str` where an iterable of `items` is expected is a mistake (iterating
/// it would yield its characters): a `TypeError` naming the argument.
pub fn reject_single_str(obj: &Bound<'_, PyAny>, what: &str, items: &str) -> PyResult<()> {
    if obj.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an iterable of {items}, not a single str (wrap it in a list)"
        )));
    }
    Ok(())
}

/// A core value converted from Python (`FromPyObject`) or to it
/// (`IntoPyObject`) here, once.
pub struct Wrap<T>(pub T);

/// An `InvalidOptionError` for option `name`.
fn invalid(py: Python<'_>, name: &str, message: String) -> PyErr {
    to_pyerr(py, wq::Error::invalid_option(name, message))
}

fn repr(obj: &Bound<'_, PyAny>) -> String {
    obj.repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// Calls `set(key, value)` for each item of `options` (a dict of keywords), after
/// checking that every key is one of `names`.
fn each_option<'py>(
    options: &Bound<'py, PyAny>,
    what: &str,
    names: &[&str],
    mut set: impl FnMut(&str, &Bound<'py, PyAny>) -> PyResult<()>,
) -> PyResult<()> {
    let py = options.py();
    let dict = options.cast::<PyDict>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what} options must be a dict, not {}",
            repr(options)
        ))
    })?;
    for (key, value) in dict.iter() {
        let key = text(&key, &format!("a {what} option's name"))?;
        if !names.contains(&key) {
            return Err(invalid(
                py,
                key,
                format!(
                    "unknown {what} option {key:?}; expected one of {}",
                    names.join(", ")
                ),
            ));
        }
        set(key, &value)?;
    }
    Ok(())
}

/// The names of the analyzer's options, as `warraq.analyze` spells them.
const ANALYZER_OPTIONS: [&str; 6] = [
    "analyzer",
    "ngram_range",
    "normalize",
    "lowercase",
    "stopwords",
    "stem",
];

/// `AnalyzerOptions` from a dict of `warraq.analyze`'s keywords; missing ones
/// keep the core's defaults. The values are checked by the analyzer (for
/// instance the n-gram range, by `AnalyzerOptions::validate`), not here.
impl<'py> FromPyObject<'_, 'py> for Wrap<AnalyzerOptions> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        let mut options = AnalyzerOptions::default();
        each_option(&obj, "analyzer", &ANALYZER_OPTIONS, |key, value| {
            match key {
                "analyzer" => options.kind = named::<AnalyzerKind>(value, key)?,
                "ngram_range" => options.ngram_range = ngram_range(value)?,
                "normalize" => {
                    options.normalize = value.extract::<crate::normalize::NormalizeArg>()?.0
                }
                "lowercase" => options.lowercase = value.is_truthy()?,
                "stopwords" => options.stopwords = stopwords(value)?,
                _ => {
                    options.stem = if value.is_none() {
                        Stem::None
                    } else {
                        named::<Stem>(value, key)?
                    }
                }
            }
            Ok(())
        })?;
        Ok(Wrap(options))
    }
}

/// A value read by the core's `FromStr` (whose error names the choices); a
/// non-`str` is an `InvalidOptionError` too.
fn named<T: std::str::FromStr<Err = wq::Error>>(
    value: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<T> {
    let py = value.py();
    match value.cast::<PyString>() {
        Ok(s) => s.to_str()?.parse::<T>().py(py),
        Err(_) => Err(invalid(
            py,
            name,
            format!("{name} must be a str, not {}", repr(value)),
        )),
    }
}

/// `(min_n, max_n)`: two values, each made an int as Python's `int()` does (a
/// value that is not iterable is a `TypeError`, as unpacking it is).
fn ngram_range(value: &Bound<'_, PyAny>) -> PyResult<(usize, usize)> {
    let py = value.py();
    let bad = || {
        invalid(
            py,
            "ngram_range",
            format!(
                "ngram_range must be (min_n, max_n) with 1 <= min_n <= max_n, got {}",
                repr(value)
            ),
        )
    };
    // Not iterable: the TypeError Python's unpacking raises.
    let items: Vec<Bound<'_, PyAny>> = value.try_iter()?.collect::<PyResult<_>>()?;
    let [lo, hi] = items.as_slice() else {
        return Err(bad());
    };
    let int = |v: &Bound<'_, PyAny>| -> PyResult<usize> {
        let n = py.get_type::<PyInt>().call1((v,))?;
        n.extract::<usize>().map_err(|_| bad())
    };
    Ok((int(lo)?, int(hi)?))
}

/// `stopwords=`: None (none), a list's name (`"arabic"`), or the words (any
/// iterable; each made a str, sorted).
fn stopwords(value: &Bound<'_, PyAny>) -> PyResult<Stopwords> {
    if value.is_none() {
        return Ok(Stopwords::None);
    }
    if value.is_instance_of::<PyString>() {
        return named::<Stopwords>(value, "stopwords");
    }
    let mut words = Vec::new();
    for word in value.try_iter()? {
        words.push(word?.str()?.to_str()?.to_owned());
    }
    words.sort_unstable();
    Ok(Stopwords::Custom(words))
}

/// The names of the TF-IDF parameters that `TfidfConfig` holds.
const TFIDF_OPTIONS: [&str; 8] = [
    "min_df",
    "max_df",
    "max_features",
    "binary",
    "norm",
    "use_idf",
    "smooth_idf",
    "sublinear_tf",
];

/// `TfidfConfig` from a dict of `TfidfVectorizer`'s keywords; missing ones keep
/// the core's defaults. The values are checked by `TfidfConfig::validate`.
impl<'py> FromPyObject<'_, 'py> for Wrap<TfidfConfig> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        let mut config = TfidfConfig::default();
        each_option(&obj, "TF-IDF", &TFIDF_OPTIONS, |key, value| {
            match key {
                "min_df" => config.min_df = doc_freq(value, key)?,
                "max_df" => config.max_df = doc_freq(value, key)?,
                "max_features" => config.max_features = max_features(value)?,
                "binary" => config.binary = value.is_truthy()?,
                "norm" => {
                    config.norm = if value.is_none() {
                        None
                    } else {
                        Some(named::<Norm>(value, key)?)
                    }
                }
                "use_idf" => config.use_idf = value.is_truthy()?,
                "smooth_idf" => config.smooth_idf = value.is_truthy()?,
                _ => config.sublinear_tf = value.is_truthy()?,
            }
            Ok(())
        })?;
        Ok(Wrap(config))
    }
}

/// `min_df` / `max_df`: an int counts documents, a float is a proportion (an int
/// that is no count, negative or huge, is read as the float it equals, which the
/// core then refuses).
fn doc_freq(value: &Bound<'_, PyAny>, name: &str) -> PyResult<DocFreq> {
    let not_a_number = || {
        invalid(
            value.py(),
            name,
            format!("{name} must be an int or a float, not {}", repr(value)),
        )
    };
    if value.is_instance_of::<PyBool>() {
        return Err(not_a_number());
    }
    if let Ok(count) = value.extract::<u64>() {
        return Ok(DocFreq::Count(count));
    }
    value
        .extract::<f64>()
        .map(DocFreq::Fraction)
        .map_err(|_| not_a_number())
}

/// `max_features`: None, or an int.
fn max_features(value: &Bound<'_, PyAny>) -> PyResult<Option<usize>> {
    if value.is_none() {
        return Ok(None);
    }
    let number = (!value.is_instance_of::<PyBool>() && !value.is_instance_of::<PyFloat>())
        .then(|| value.extract::<i128>().ok())
        .flatten();
    match number.map(usize::try_from) {
        Some(Ok(n)) => Ok(Some(n)),
        _ => Err(invalid(
            value.py(),
            "max_features",
            format!(
                "max_features must be a positive int or None, not {}",
                repr(value)
            ),
        )),
    }
}

/// The analyzer's options as `warraq.analyze`'s keywords (what `TfidfVectorizer`
/// is rebuilt from): `normalize` as a dict of every option, or False.
pub fn analyzer_keywords<'py>(
    py: Python<'py>,
    options: &AnalyzerOptions,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("analyzer", options.kind.as_str())?;
    d.set_item("ngram_range", options.ngram_range)?;
    match &options.normalize {
        Some(n) => {
            let flags = PyDict::new(py);
            for (name, on) in n.to_pairs() {
                flags.set_item(name, on)?;
            }
            d.set_item("normalize", flags)?;
        }
        None => d.set_item("normalize", false)?,
    }
    d.set_item("lowercase", options.lowercase)?;
    match &options.stopwords {
        Stopwords::None => d.set_item("stopwords", py.None())?,
        Stopwords::Arabic => d.set_item("stopwords", "arabic")?,
        Stopwords::Custom(words) => d.set_item("stopwords", PyList::new(py, words)?)?,
    }
    match options.stem {
        Stem::None => d.set_item("stem", py.None())?,
        stem => d.set_item("stem", stem.as_str())?,
    }
    Ok(d)
}

/// The TF-IDF parameters as `TfidfVectorizer`'s keywords.
pub fn tfidf_keywords<'py>(py: Python<'py>, config: &TfidfConfig) -> PyResult<Bound<'py, PyDict>> {
    let doc_freq = |f: DocFreq| -> PyResult<Bound<'py, PyAny>> {
        Ok(match f {
            DocFreq::Count(c) => c.into_pyobject(py)?.into_any(),
            DocFreq::Fraction(f) => f.into_pyobject(py)?.into_any(),
        })
    };
    let d = PyDict::new(py);
    d.set_item("min_df", doc_freq(config.min_df)?)?;
    d.set_item("max_df", doc_freq(config.max_df)?)?;
    d.set_item("max_features", config.max_features)?;
    d.set_item("binary", config.binary)?;
    d.set_item("norm", config.norm.map(Norm::as_str))?;
    d.set_item("use_idf", config.use_idf)?;
    d.set_item("smooth_idf", config.smooth_idf)?;
    d.set_item("sublinear_tf", config.sublinear_tf)?;
    Ok(d)
}

/// The MinHash options as `warraq.near_duplicates`' keywords.
pub fn minhash_keywords<'py>(
    py: Python<'py>,
    options: &MinHashOptions,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("shingle_size", options.shingle_size)?;
    d.set_item("num_perm", options.num_perm)?;
    d.set_item("bands", options.bands)?;
    d.set_item("threshold", options.threshold)?;
    d.set_item("seed", options.seed)?;
    Ok(d)
}

/// `warraq._warraq.DEFAULTS`: the core's defaults as the Python API's keywords, so
/// that the Python wrappers' signatures take them from here instead of restating
/// them. `normalize` is True: the normaliser's defaults, which the default analyzer
/// uses.
pub fn defaults(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let analyzer = AnalyzerOptions::default();
    let keywords = analyzer_keywords(py, &analyzer)?;
    debug_assert_eq!(analyzer.normalize, Some(NormalizeOptions::default()));
    keywords.set_item("normalize", true)?;
    let d = PyDict::new(py);
    d.set_item("analyzer", keywords)?;
    d.set_item("tfidf", tfidf_keywords(py, &TfidfConfig::default())?)?;
    d.set_item("minhash", minhash_keywords(py, &MinHashOptions::default())?)?;
    d.set_item("kwic", crate::concordance::kwic_keywords(py)?)?;
    Ok(d)
}
