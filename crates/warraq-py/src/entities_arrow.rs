//! Entities as Arrow, over `wq::entities::{extract_batch_arrow,
//! write_entities_parquet}`: texts come in as an Arrow array (read in place, no
//! Python `str` per text) and mentions leave as an Arrow table (the PyCapsule
//! interface, pyo3-arrow's `Table`), no Python object per value. Also the Parquet
//! writer of a corpus's entities.

use crate::corpus::PyCorpusReader;
use crate::corpus_arrow::write_detached;
use crate::entities::PyEntityRecognizer;
use crate::errors::IntoPyResult;
use crate::run::detached;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType,
};
use arrow_array::{Array, ArrayRef};
use arrow_schema::{DataType, TimeUnit};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::{PyArray, PyTable};
use std::path::PathBuf;
use wq::dates::Prefer;
use wq::entities::{Label, NaiveDate};

/// The texts of a string array (`utf8`, `large_utf8`, `utf8_view`; `null`: none).
fn texts_of(array: &ArrayRef) -> PyResult<Vec<Option<&str>>> {
    Ok(match array.data_type() {
        DataType::LargeUtf8 => array.as_string::<i64>().iter().collect(),
        DataType::Utf8 => array.as_string::<i32>().iter().collect(),
        DataType::Utf8View => array.as_string_view().iter().collect(),
        DataType::Null => vec![None; array.len()],
        other => {
            return Err(PyTypeError::new_err(format!(
                "texts: expected an Arrow string array, not {other}"
            )))
        }
    })
}

/// Days since 1970-01-01 as a date.
fn date_of_days(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_signed(chrono::TimeDelta::days(days.into()))
}

/// The dates of a `date32`, `timestamp` (its local date) or `null` array.
fn dates_of(array: &ArrayRef) -> PyResult<Vec<Option<NaiveDate>>> {
    let per_day = |unit: &TimeUnit| match unit {
        TimeUnit::Second => 86_400_i64,
        TimeUnit::Millisecond => 86_400_000,
        TimeUnit::Microsecond => 86_400_000_000,
        TimeUnit::Nanosecond => 86_400_000_000_000,
    };
    let from_ticks = |t: i64, unit: &TimeUnit| {
        i32::try_from(t.div_euclid(per_day(unit)))
            .ok()
            .and_then(date_of_days)
    };
    Ok(match array.data_type() {
        DataType::Date32 => array
            .as_primitive::<Date32Type>()
            .iter()
            .map(|d| d.and_then(date_of_days))
            .collect(),
        DataType::Timestamp(unit, _) => {
            let ticks: Vec<Option<i64>> = match unit {
                TimeUnit::Second => array.as_primitive::<TimestampSecondType>().iter().collect(),
                TimeUnit::Millisecond => array
                    .as_primitive::<TimestampMillisecondType>()
                    .iter()
                    .collect(),
                TimeUnit::Microsecond => array
                    .as_primitive::<TimestampMicrosecondType>()
                    .iter()
                    .collect(),
                TimeUnit::Nanosecond => array
                    .as_primitive::<TimestampNanosecondType>()
                    .iter()
                    .collect(),
            };
            ticks
                .into_iter()
                .map(|t| t.and_then(|t| from_ticks(t, unit)))
                .collect()
        }
        DataType::Null => vec![None; array.len()],
        other => {
            return Err(PyTypeError::new_err(format!(
                "published: expected an Arrow date32 or timestamp array, not {other}"
            )))
        }
    })
}

#[pymethods]
impl PyEntityRecognizer {
    /// Entities of the texts of an Arrow string array (``__arrow_c_array__``: a
    /// ``pyarrow.Array``, a polars Series' ``to_arrow()``; nulls are no text), in
    /// parallel with the GIL released, as an Arrow table: ``row`` (``first_row`` +
    /// the index of the text), then ``label, text, normalized, value, start, end,
    /// score, begin_value, end_value, anchor, number`` (``value`` as text;
    /// ``number`` the float of NUMBER, PERCENT, MONEY). ``published``: an Arrow
    /// ``date32`` or ``timestamp`` array, one per text, or None.
    ///
    /// >>> import pyarrow as pa
    /// >>> from warraq import EntityRecognizer
    /// >>> t = pa.table(EntityRecognizer().extract_arrow(pa.array(["زار دمشق", None, "نزح 6 آلاف شخص"])))
    /// >>> t.select(["row", "text", "start", "value", "number"]).to_pylist()[1]
    /// {'row': 2, 'text': '6 آلاف', 'start': 4, 'value': '6000', 'number': 6000.0}
    #[pyo3(signature = (texts, published = None, *, prefer = "past", first_row = 0))]
    fn extract_arrow(
        &self,
        py: Python<'_>,
        texts: PyArray,
        published: Option<PyArray>,
        prefer: &str,
        first_row: usize,
    ) -> PyResult<PyTable> {
        let prefer: Prefer = prefer.parse().py(py)?;
        let texts = texts.array().clone();
        let strings = texts_of(&texts)?;
        let dates = match &published {
            Some(p) => dates_of(p.array())?,
            None => Vec::new(),
        };
        if published.is_some() && dates.len() != strings.len() {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "published has {} dates for {} texts",
                dates.len(),
                strings.len()
            )));
        }
        let ner = &self.inner;
        let batch = detached(py, || {
            wq::entities::extract_batch_arrow(ner, &strings, &dates, prefer, first_row)
        })?;
        let schema = batch.schema();
        PyTable::try_new(vec![batch], schema)
    }
}

#[pymethods]
impl PyCorpusReader {
    /// Reads ``files`` and writes the entity mentions of their documents to the
    /// Parquet file ``path`` (columns ``id, path``, then those of
    /// ``EntityRecognizer.extract_arrow`` after ``row``), one row group per chunk of
    /// files, in bounded memory. ``recognizer``: None for the bundled model;
    /// ``labels``: keep only these (``"PERSON"``…; all when empty). Returns
    /// ``{"rows" (mentions), "files", "row_groups", "bytes", "report"}``;
    /// ``on_files(n)`` is called after each chunk; Ctrl-C stops the write and
    /// leaves no file.
    ///
    /// >>> import os, tempfile
    /// >>> from warraq._warraq import CorpusReader, list_corpus_files
    /// >>> path = os.path.join(tempfile.mkdtemp(), "e.parquet")
    /// >>> CorpusReader().write_entities_parquet(list_corpus_files(["examples/sample_corpus"]), path, labels=["LOCATION"])["rows"] > 0
    /// True
    #[pyo3(signature = (files, path, skipped = Vec::new(), *, recognizer = None, prefer = "past", labels = Vec::new(), on_files = None))]
    #[allow(clippy::too_many_arguments)]
    fn write_entities_parquet<'py>(
        &self,
        py: Python<'py>,
        files: Vec<String>,
        path: PathBuf,
        skipped: Vec<String>,
        recognizer: Option<PyRef<'py, PyEntityRecognizer>>,
        prefer: &str,
        labels: Vec<String>,
        on_files: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let prefer: Prefer = prefer.parse().py(py)?;
        let labels: Vec<Label> = labels
            .iter()
            .map(|l| l.parse::<Label>())
            .collect::<wq::Result<_>>()
            .py(py)?;
        let bundled;
        let ner = match &recognizer {
            Some(r) => &r.inner,
            None => {
                bundled = wq::entities::EntityRecognizer::new();
                &bundled
            }
        };
        let options = &self.options;
        let files: Vec<PathBuf> = files.into_iter().map(PathBuf::from).collect();
        let skipped: Vec<PathBuf> = skipped.into_iter().map(PathBuf::from).collect();
        write_detached(py, on_files.as_ref(), |on_chunk| {
            wq::entities::write_entities_parquet(
                &files, &skipped, &path, options, ner, prefer, &labels, on_chunk,
            )
        })
    }
}
