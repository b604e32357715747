//! `Entity`, `EntityRecognizer`, `extract_entities` and `train_ner`.

use crate::errors::IntoPyResult;
use crate::run::{detach_if, detached};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use std::path::PathBuf;
use std::sync::Arc;
use wq::dates::{Prefer, Resolution};
use wq::entities::{
    cross_validate, read_conll, refit, split_dev_block, train, unlabeled_texts, Entity,
    EntityRecognizer, EntityValue, ModelSource, NaiveDate, TrainOptions,
};

/// One entity mention: ``text`` as written, ``label`` (``"PERSON"``, ``"LOCATION"``,
/// ``"ORGANIZATION"``, ``"MISC"``, ``"DATE"``, ``"TIME"``, ``"DURATION"``, ``"SET"``,
/// ``"NUMBER"``, ``"PERCENT"``, ``"MONEY"``), ``start``/``end`` (string indices:
/// ``text[e.start:e.end] == e.text``), ``normalized`` (canonical form), ``value``
/// (TIMEX3 string for DATE/TIME/DURATION/SET, float for NUMBER/PERCENT/MONEY, else
/// None), ``score`` (confidence in [0, 1]) and, for temporal expressions,
/// ``begin_value``/``end_value`` (the ends of a range), ``anchor`` (``"text"``, or
/// ``"reference"`` when the publication date supplied part of the value) and
/// ``calendar`` (``"islamic-umalqura"`` or ``"islamic-civil"`` for Hijri dates).
///
/// >>> from warraq import extract_entities
/// >>> e = extract_entities("وصلت القوات إلى بالحسكة")[-1]
/// >>> (e.text, e.label, e.normalized)
/// ('بالحسكة', 'LOCATION', 'الحسكة')
/// >>> r = extract_entities("بين 2011 و2013")[0]
/// >>> (r.label, r.value, r.begin_value, r.end_value, r.anchor)
/// ('DURATION', 'P3Y', '2011', '2013', 'text')
#[pyclass(module = "warraq._warraq", name = "Entity", frozen, eq)]
#[derive(PartialEq, Clone)]
pub struct PyEntity {
    /// The mention as written.
    #[pyo3(get)]
    text: String,
    /// The label.
    #[pyo3(get)]
    label: &'static str,
    /// Index of the first character.
    #[pyo3(get)]
    start: usize,
    /// Index one past the last character.
    #[pyo3(get)]
    end: usize,
    /// The canonical form.
    #[pyo3(get)]
    normalized: String,
    value: Option<EntityValue>,
    /// Confidence in [0, 1].
    #[pyo3(get)]
    score: f32,
    /// Where a range begins (a TIMEX3 value), else None.
    #[pyo3(get)]
    begin_value: Option<String>,
    /// Where a range ends (a TIMEX3 value), else None.
    #[pyo3(get)]
    end_value: Option<String>,
    /// ``"text"`` or ``"reference"`` for a temporal expression, else None.
    #[pyo3(get)]
    anchor: Option<&'static str>,
    /// The Hijri calendar a date was converted from, else None.
    #[pyo3(get)]
    calendar: Option<String>,
}

impl From<Entity> for PyEntity {
    fn from(e: Entity) -> Self {
        let timex = e.timex();
        let begin_value = timex
            .and_then(|t| t.begin.as_ref())
            .map(ToString::to_string);
        let end_value = timex.and_then(|t| t.end.as_ref()).map(ToString::to_string);
        let anchor = timex.map(|t| t.anchor.as_str());
        let calendar = timex.and_then(|t| t.calendar).map(|c| c.to_string());
        PyEntity {
            begin_value,
            end_value,
            anchor,
            calendar,
            text: e.text,
            label: e.label.as_str(),
            start: e.start,
            end: e.end,
            normalized: e.normalized,
            value: e.value,
            score: e.score,
        }
    }
}

#[pymethods]
impl PyEntity {
    /// The value: a TIMEX3 string (DATE, TIME, DURATION, SET), a float (NUMBER, PERCENT, MONEY) or None.
    #[getter]
    fn value(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(match &self.value {
            None => py.None(),
            Some(EntityValue::Number(x)) => x.into_pyobject(py)?.into_any().unbind(),
            Some(EntityValue::Iso(s)) => s.into_pyobject(py)?.into_any().unbind(),
            Some(EntityValue::Timex(t)) => {
                t.value.to_string().into_pyobject(py)?.into_any().unbind()
            }
        })
    }

    fn __repr__(&self) -> String {
        let value = match &self.value {
            None => "None".to_string(),
            Some(EntityValue::Number(x)) => format!("{x:?}"),
            Some(EntityValue::Iso(s)) => format!("'{s}'"),
            Some(EntityValue::Timex(t)) => format!("'{}'", t.value),
        };
        format!(
            "Entity(text='{}', label='{}', start={}, end={}, normalized='{}', value={value}, score={:.3})",
            self.text, self.label, self.start, self.end, self.normalized, self.score
        )
    }
}

/// Reads a publication date: None, a `datetime.date`/`datetime`/`pandas.Timestamp`
/// (anything with year, month, day) or an ISO string (its first ten characters).
fn published_date(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<NaiveDate>> {
    let Some(obj) = obj else { return Ok(None) };
    if obj.is_none() {
        return Ok(None);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_str()?;
        let head = s.get(..10).unwrap_or(s);
        return NaiveDate::parse_from_str(head, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                PyValueError::new_err(format!("published: not a YYYY-MM-DD date: {s:?}"))
            });
    }
    // NaT and NaN (missing dates in a DataFrame) count as unknown
    if let Ok(x) = obj.extract::<f64>() {
        if x.is_nan() {
            return Ok(None);
        }
    }
    let year = obj.getattr("year");
    let (Ok(year), Ok(month), Ok(day)) = (year, obj.getattr("month"), obj.getattr("day")) else {
        let ty = obj.get_type().name()?.to_string();
        return Err(PyTypeError::new_err(format!(
            "published must be a date, datetime, ISO string or None, not {ty}"
        )));
    };
    let (Ok(y), Ok(m), Ok(d)) = (
        year.extract::<i32>(),
        month.extract::<u32>(),
        day.extract::<u32>(),
    ) else {
        return Ok(None); // NaT has float fields
    };
    NaiveDate::from_ymd_opt(y, m, d)
        .map(Some)
        .ok_or_else(|| PyValueError::new_err(format!("published: invalid date {y}-{m}-{d}")))
}

/// The core's `Resolution` from ``published`` and ``prefer`` (``"past"``,
/// ``"future"`` or ``"nearest"``; another string is an ``InvalidOptionError``).
fn resolution(
    py: Python<'_>,
    published: Option<&Bound<'_, PyAny>>,
    prefer: &str,
) -> PyResult<Resolution> {
    let prefer: Prefer = prefer.parse().py(py)?;
    Ok(Resolution::new(published_date(published)?).prefer(prefer))
}

fn char_entities(text: &str, mut ents: Vec<Entity>) -> Vec<PyEntity> {
    Entity::to_char_offsets(text, &mut ents);
    ents.into_iter().map(PyEntity::from).collect()
}

/// Finds entities: people, places and organisations with a statistical model (the
/// bundled one by default, or a model file), dates, times, numbers, percentages and
/// money by rules. Picklable (as its model path, or its bytes); thread-safe.
///
/// >>> from warraq import EntityRecognizer
/// >>> ner = EntityRecognizer()
/// >>> [(e.text, e.label) for e in ner.extract("زار وزير الخارجية دمشق")]
/// [('دمشق', 'LOCATION')]
/// >>> [len(x) for x in ner.extract_batch(["زار دمشق", ""])]
/// [1, 0]
#[pyclass(module = "warraq._warraq", name = "EntityRecognizer", frozen)]
pub struct PyEntityRecognizer {
    pub(crate) inner: EntityRecognizer,
}

#[pymethods]
impl PyEntityRecognizer {
    /// ``model`` is None (the bundled model), a path to a model file, or its bytes.
    #[new]
    #[pyo3(signature = (model=None))]
    fn new(py: Python<'_>, model: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let inner = match model {
            None => EntityRecognizer::new(),
            Some(m) if m.is_none() => EntityRecognizer::new(),
            Some(m) => {
                if let Ok(b) = m.cast::<PyBytes>() {
                    EntityRecognizer::from_bytes(b.as_bytes()).py(py)?
                } else {
                    let path: PathBuf = m
                        .extract()
                        .map_err(|_| PyTypeError::new_err("model must be None, a path or bytes"))?;
                    EntityRecognizer::from_path(&path).py(py)?
                }
            }
        };
        Ok(PyEntityRecognizer { inner })
    }

    /// Entities of one text (``published``: the article's date, for relative dates;
    /// ``prefer``: ``"past"``, ``"future"`` or ``"nearest"``, the side of it a date
    /// without its year or week is taken on).
    ///
    /// >>> [e.label for e in EntityRecognizer().extract("بلغت 36,7 مليار درهم")]
    /// ['MONEY']
    /// >>> EntityRecognizer().extract("في 28 مايو", published="2016-05-03", prefer="future")[0].value
    /// '2016-05-28'
    #[pyo3(signature = (text, *, published=None, prefer="past"))]
    fn extract(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        published: Option<&Bound<'_, PyAny>>,
        prefer: &str,
    ) -> PyResult<Vec<PyEntity>> {
        let s = crate::convert::text(text, "text")?;
        let r = resolution(py, published, prefer)?;
        Ok(detach_if(py, s.len(), || {
            char_entities(s, self.inner.extract_with(s, &r))
        }))
    }

    /// Entities of many texts, in parallel with the GIL released. ``published`` is
    /// None or one date (or None) per text; ``prefer`` as in ``extract``.
    ///
    /// >>> out = EntityRecognizer().extract_batch(["زار دمشق"], published=["2017-03-02"])
    /// >>> out[0][0].text
    /// 'دمشق'
    #[pyo3(signature = (texts, *, published=None, prefer="past"))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        published: Option<&Bound<'py, PyAny>>,
        prefer: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        crate::convert::reject_single_str(texts, "texts", "str")?;
        let prefer: Prefer = prefer.parse().py(py)?;
        let dates: Vec<Option<NaiveDate>> = match published {
            Some(p) if !p.is_none() => {
                crate::convert::reject_single_str(p, "published", "dates (one per text)")?;
                p.try_iter()?
                    .map(|d| published_date(Some(&d?)))
                    .collect::<PyResult<_>>()?
            }
            _ => Vec::new(),
        };
        let dates_for = |n_texts: usize| -> PyResult<()> {
            if published.is_some_and(|p| !p.is_none()) && dates.len() != n_texts {
                return Err(PyValueError::new_err(format!(
                    "published has {} dates for {} texts",
                    dates.len(),
                    n_texts
                )));
            }
            Ok(())
        };
        // Checked before any work when the texts have a length, else at the end.
        if let Ok(n) = texts.len() {
            dates_for(n)?;
        }
        let mut n_texts = 0;
        let out = crate::ingest::map_texts(
            py,
            texts,
            "texts",
            |i, s| {
                let r = Resolution::new(dates.get(i).copied().flatten()).prefer(prefer);
                char_entities(s, self.inner.extract_with(s, &r))
            },
            |ents| {
                n_texts += 1;
                Ok(PyList::new(py, ents)?.into_any())
            },
        )?;
        dates_for(n_texts)?;
        Ok(out)
    }

    /// BIO tags (``"O"``, ``"B-PERS"``, ``"I-LOC"``…) of a sentence's words.
    ///
    /// >>> EntityRecognizer().tag_words(["زار", "دمشق"])
    /// ['O', 'B-LOC']
    fn tag_words(&self, words: Vec<String>) -> Vec<&'static str> {
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        self.inner.tag_words(&w)
    }

    /// BIO tags of a document's sentences (lists of words), each sentence tagged
    /// and the whole made consistent: a name tagged in one sentence keeps its label
    /// where it recurs, as in ``extract``.
    ///
    /// >>> EntityRecognizer().tag_document([["زار", "دمشق"], ["وغادر", "دمشق"]])
    /// [['O', 'B-LOC'], ['O', 'B-LOC']]
    fn tag_document(&self, py: Python<'_>, sentences: Vec<Vec<String>>) -> Vec<Vec<&'static str>> {
        let n: usize = sentences.iter().map(Vec::len).sum();
        detach_if(py, n * 8, || {
            let w: Vec<Vec<&str>> = sentences
                .iter()
                .map(|s| s.iter().map(String::as_str).collect())
                .collect();
            self.inner.tag_document(&w)
        })
    }

    /// The model file's bytes.
    ///
    /// >>> EntityRecognizer().to_bytes()[:9]
    /// b'WARRAQNER'
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.to_bytes())
    }

    /// Writes the model file.
    ///
    /// >>> import os, tempfile
    /// >>> path = os.path.join(tempfile.mkdtemp(), "ner.bin")
    /// >>> EntityRecognizer().save(path)
    /// >>> EntityRecognizer(path).model_path == path
    /// True
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        self.inner.save(path).py(py)
    }

    /// The model file's path, or None (bundled model or bytes).
    #[getter]
    fn model_path(&self) -> Option<String> {
        match self.inner.source() {
            ModelSource::Path(p) => Some(p.display().to_string()),
            _ => None,
        }
    }

    fn __getnewargs__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        // Pickled as what it was loaded from: nothing (bundled), the path, or the bytes.
        let arg: Py<PyAny> = match self.inner.source() {
            ModelSource::Bundled => py.None(),
            ModelSource::Path(p) => p
                .display()
                .to_string()
                .into_pyobject(py)?
                .into_any()
                .unbind(),
            _ => PyBytes::new(py, &self.inner.to_bytes()).into_any().unbind(),
        };
        PyTuple::new(py, [arg])
    }

    fn __repr__(&self) -> String {
        match self.inner.source() {
            ModelSource::Bundled => "EntityRecognizer()".into(),
            ModelSource::Path(p) => format!("EntityRecognizer('{}')", p.display()),
            _ => "EntityRecognizer(<bytes>)".into(),
        }
    }
}

/// Entities of one text with the bundled model (see ``EntityRecognizer``).
///
/// >>> from warraq import extract_entities
/// >>> [(e.text, e.label, e.value) for e in extract_entities("نزح 6 آلاف شخص من حلب")]
/// [('6 آلاف', 'NUMBER', 6000.0), ('حلب', 'LOCATION', None)]
#[pyfunction]
#[pyo3(signature = (text, *, published=None, prefer="past"))]
pub fn extract_entities(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    published: Option<&Bound<'_, PyAny>>,
    prefer: &str,
) -> PyResult<Vec<PyEntity>> {
    let s = crate::convert::text(text, "text")?;
    let r = resolution(py, published, prefer)?;
    let ner = EntityRecognizer::new();
    Ok(detach_if(py, s.len(), || {
        char_entities(s, ner.extract_with(s, &r))
    }))
}

/// Trains a model from CoNLL files (see ``warraq.train_ner``, which prints the
/// report): returns ``(recognizer, report_table, scores)`` where ``scores`` maps each
/// label and ``"overall"`` to ``(precision, recall, f1, gold_count)`` on the dev set,
/// tagged as ``extract`` tags (consistent over each article).
#[pyfunction]
#[pyo3(signature = (train_path, *, dev_path=None, out=None, epochs=12, dev_fraction=0.1, folds=0, unlabeled=None, refit_all=false, seed=20_070_218))]
#[allow(clippy::type_complexity, clippy::too_many_arguments)]
pub fn _train_ner<'py>(
    py: Python<'py>,
    train_path: PathBuf,
    dev_path: Option<PathBuf>,
    out: Option<PathBuf>,
    epochs: usize,
    dev_fraction: f64,
    folds: usize,
    unlabeled: Option<Vec<PathBuf>>,
    refit_all: bool,
    seed: u64,
) -> PyResult<(PyEntityRecognizer, String, Bound<'py, PyDict>)> {
    let (ner, report, table) = detached(py, || {
        let mut options = TrainOptions {
            epochs,
            dev_fraction,
            seed,
            ..TrainOptions::default()
        };
        if let Some(sources) = &unlabeled {
            let sources: Vec<String> = sources.iter().map(|p| p.display().to_string()).collect();
            options.unlabeled = Some(Arc::new(unlabeled_texts(&sources)?));
        }
        let all = read_conll(&train_path)?;
        let mut table = String::new();
        if folds > 1 {
            let cv = cross_validate(&all, folds, &options)?;
            table.push_str(&format!(
                "{folds}-fold cross-validation over contiguous blocks:\n{cv}"
            ));
        }
        let (train_set, dev) = match &dev_path {
            Some(p) => (all.clone(), read_conll(p)?),
            None => split_dev_block(&all, options.dev_fraction),
        };
        let (mut ner, report) = train(&train_set, &dev, &options)?;
        if refit_all {
            ner = refit(&all, &options, &report)?;
        }
        if let Some(out) = &out {
            ner.save(out)?;
        }
        Ok((ner, report, table))
    })?;
    let scores = PyDict::new(py);
    let mut table = format!(
        "{table}trained on {} sentences, {} feature rows\n",
        report.train_sentences, report.features
    );
    if let Some(dev) = &report.dev_by_sentence {
        table.push_str(&format!(
            "dev ({} sentences), sentence by sentence:\n{dev}",
            report.dev_sentences
        ));
    }
    if let Some(dev) = &report.dev {
        table.push_str(&format!("dev, consistent over each article:\n{dev}"));
        for (label, p) in dev
            .per_label
            .iter()
            .chain([(&"overall".to_string(), &dev.overall)])
        {
            scores.set_item(label, (p.precision(), p.recall(), p.f1(), p.gold))?;
        }
    }
    Ok((PyEntityRecognizer { inner: ner }, table, scores))
}
