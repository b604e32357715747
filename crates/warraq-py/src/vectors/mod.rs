//! TF-IDF, document frequencies, neighbours and near-duplicates: the core's
//! `vectors` module.
//!
//! The scikit-learn estimator is `warraq.vectors.TfidfVectorizer` (Python); the
//! classes here are its engine. `TfidfModel`'s methods are split by concern, as
//! polars splits its `DataFrame`: `model.rs` (the class, its construction and
//! fitted state), `fit.rs`, `transform.rs` and `serde.rs` (JSON, files, pickle).

mod fit;
mod minhash;
mod model;
mod serde;
mod similar;
mod stats;
mod transform;

pub use minhash::{minhash_near_duplicates, shingle_overlap, PyMinHashIndex, PyMinHasher};
pub use model::PyTfidfModel;
pub use similar::cosine_neighbours;
pub use stats::PyDocumentFrequencies;

use crate::errors::IntoPyResult;
use crate::ingest::{next_code_point_batch, next_terms_batch, next_text_batch, TextBatch};
use crate::run::pipeline;
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;
use wq::analyze::Analyzer;
use wq::parallel::Jobs;
use wq::text::ScalarBuf;
use wq::vectors::{BatchInput, BatchPlan, CountedBatch, CsrMatrix, Documents, SharedCounting};

/// The CSR parts handed to Python: `(data, indices, indptr, (n_rows, n_cols))`.
type Csr<'py> = (
    Bound<'py, PyAny>,
    Bound<'py, PyArray1<i32>>,
    Bound<'py, PyAny>,
    (usize, usize),
);

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

/// One batch read from Python, in the form its [`BatchPlan`] asked for.
enum Batch {
    Terms(Vec<Vec<String>>),
    Utf8(TextBatch),
    CodePoints(ScalarBuf),
}

/// What a streamed call reads: the documents (texts, or with `terms` lists of
/// terms), and what to call after each batch, with its number of documents.
struct Stream<'a, 'py> {
    docs: &'a Bound<'py, PyAny>,
    terms: bool,
    on_batch: Option<&'a Bound<'py, PyAny>>,
}

impl<'a, 'py> Stream<'a, 'py> {
    fn new(
        docs: &'a Bound<'py, PyAny>,
        terms: bool,
        on_batch: Option<&'a Bound<'py, PyAny>>,
    ) -> Self {
        Stream {
            docs,
            terms,
            on_batch,
        }
    }
}

/// Counts a [`Stream`] with `analyzer` batch by batch (sized by a [`BatchPlan`]),
/// in `counting`'s lexicons for a call that counts all its batches into one fit or
/// matrix (texts are then read as code points), handing each [`CountedBatch`] to
/// `sink` in order. Batches are read with the GIL while the previous one is
/// counted in `jobs` without it ([`pipeline`]), so the documents are never all held
/// (a generator is fine) and Ctrl-C stops the call within a batch. The pipeline
/// keeps the batches in the order they were counted, as a shared counting needs.
fn count_stream(
    py: Python<'_>,
    analyzer: &Analyzer,
    counting: Option<&SharedCounting>,
    stream: Stream<'_, '_>,
    jobs: &Jobs,
    mut sink: impl FnMut(CountedBatch) -> PyResult<()>,
) -> PyResult<()> {
    let Stream {
        docs,
        terms,
        on_batch,
    } = stream;
    let what = if terms { "docs" } else { "raw_documents" };
    crate::convert::reject_single_str(docs, what, if terms { "lists of str" } else { "str" })?;
    let items = docs.try_iter()?;
    let mut seen = 0;
    let plan = std::cell::RefCell::new(BatchPlan::new(BatchInput::of_stream(
        terms,
        counting.is_some(),
    )));
    pipeline(
        py,
        || {
            let mut plan = plan.borrow_mut();
            let size = plan.next_size();
            Ok(match plan.input() {
                BatchInput::Terms => next_terms_batch(&items, &mut seen, size)?.map(Batch::Terms),
                BatchInput::Utf8 => {
                    next_text_batch(&items, what, &mut seen, size)?.map(Batch::Utf8)
                }
                BatchInput::CodePoints => {
                    let buf = plan.buffer();
                    next_code_point_batch(&items, what, &mut seen, size, buf)?
                        .map(Batch::CodePoints)
                }
            })
        },
        |batch| {
            let counted = jobs.install(|| match &batch {
                Batch::Terms(docs) => Documents::Terms(docs).count(analyzer, counting),
                Batch::Utf8(texts) => Documents::Utf8(&texts.strs()).count(analyzer, counting),
                Batch::CodePoints(buf) => Documents::CodePoints(buf).count(analyzer, counting),
            });
            let spent = match batch {
                Batch::CodePoints(buf) => Some(buf),
                _ => None,
            };
            (counted, spent)
        },
        |(counted, spent)| {
            if let Some(buf) = spent {
                plan.borrow_mut().recycle(buf);
            }
            let n = counted.n_docs();
            sink(counted)?;
            if let Some(f) = on_batch {
                f.call1((n,))?;
            }
            Ok(())
        },
    )
}
