//! `Concordancer`: the core's concordance, its options converted once.

use crate::convert::reject_single_str;
use crate::errors::IntoPyResult;
use crate::ingest::next_text_batch;
use crate::run::pipeline;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use wq::concordance::{Concordancer, ContextUnit, KwicOptions, Matching, ValueType};
use wq::vectors::BatchSize;

/// Texts per batch of [`PyConcordancer::lines`].
const BATCH_TEXTS: usize = 4096;
/// Bytes at which a batch ends: small batches keep both cores matching while the
/// next batch is read (the reading was a fifth of a call's time, all on this thread).
const BATCH_BYTES: usize = 1 << 20;

/// Compiled concordance patterns (see :func:`warraq.kwic`, the API to use).
///
/// >>> from warraq._warraq import Concordancer
/// >>> c = Concordancer(["تدمر"], window=1)
/// >>> c.lines(["دخلوا بتدمر أمس"])
/// ([0], [6], [11], ['دخلوا'], ['بتدمر'], ['أمس'], [0])
#[pyclass(module = "warraq._warraq", name = "Concordancer", frozen)]
pub struct PyConcordancer {
    inner: Concordancer,
}

/// The columns of the lines: document, start, end, left, keyword, right, pattern.
type Columns = (
    Vec<usize>,
    Vec<usize>,
    Vec<usize>,
    Vec<String>,
    Vec<String>,
    Vec<String>,
    Vec<usize>,
);

#[pymethods]
impl PyConcordancer {
    #[new]
    #[pyo3(signature = (patterns, *, window=None, unit=None, matching=None, valuetype=None, clitics=None, case_insensitive=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        patterns: Vec<String>,
        window: Option<usize>,
        unit: Option<&str>,
        matching: Option<&str>,
        valuetype: Option<&str>,
        clitics: Option<bool>,
        case_insensitive: Option<bool>,
    ) -> PyResult<Self> {
        let d = KwicOptions::default();
        let options = KwicOptions {
            window: window.unwrap_or(d.window),
            unit: unit.map_or(Ok(d.unit), ContextUnit::from_name).py(py)?,
            matching: matching
                .map_or(Ok(d.matching), Matching::from_name)
                .py(py)?,
            valuetype: valuetype
                .map_or(Ok(d.valuetype), ValueType::from_name)
                .py(py)?,
            clitics: clitics.unwrap_or(d.clitics),
            case_insensitive: case_insensitive.unwrap_or(d.case_insensitive),
        };
        Ok(PyConcordancer {
            inner: Concordancer::new(&patterns, options).py(py)?,
        })
    }

    /// The concordance lines of `texts` (an iterable of str) as columns: the text's
    /// position, start and end (string indices), left, keyword, right, and which
    /// pattern matched. Runs in parallel without the GIL, batch by batch: the next
    /// batch's texts are read (with the GIL) while the current one is matched, so
    /// the reading is not a serial pass before the matching. ``on_batch(n)`` is
    /// called after each batch of ``n`` texts (a progress bar).
    #[pyo3(signature = (texts, *, on_batch = None))]
    fn lines(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        on_batch: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Columns> {
        reject_single_str(texts, "texts", "str")?;
        let items = texts.try_iter()?;
        let mut seen = 0;
        let size = BatchSize {
            max_docs: BATCH_TEXTS,
            max_units: BATCH_BYTES,
        };
        let mut out: Columns = Default::default();
        pipeline(
            py,
            || next_text_batch(&items, "texts", &mut seen, size),
            |batch| {
                let lines = self.inner.lines_batch(&batch.strs());
                (batch.first(), batch.len(), lines)
            },
            |(first, n, per_text)| {
                for (doc, lines) in (first..).zip(per_text) {
                    for l in lines {
                        out.0.push(doc);
                        out.1.push(l.start);
                        out.2.push(l.end);
                        out.3.push(l.left);
                        out.4.push(l.keyword);
                        out.5.push(l.right);
                        out.6.push(l.pattern);
                    }
                }
                if let Some(f) = on_batch {
                    f.call1((n,))?;
                }
                Ok(())
            },
        )?;
        Ok(out)
    }
}

/// The core's concordance defaults, as the keywords of :func:`warraq.kwic`.
pub fn kwic_keywords(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let o = KwicOptions::default();
    let d = PyDict::new(py);
    d.set_item("window", o.window)?;
    d.set_item("unit", o.unit.as_str())?;
    d.set_item("match", o.matching.as_str())?;
    d.set_item("valuetype", o.valuetype.as_str())?;
    d.set_item("clitics", o.clitics)?;
    d.set_item("case_insensitive", o.case_insensitive)?;
    Ok(d)
}
