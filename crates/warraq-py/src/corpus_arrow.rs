//! A corpus as Arrow, over `wq::corpus::{documents_batch, write_parquet}`: the
//! reader's and the stream's documents leave Rust as Arrow record batches through
//! the Arrow PyCapsule interface (`__arrow_c_stream__`, by pyo3-arrow's `Table`),
//! with no Python object per value; the report of the read (skipped files' errors,
//! the rest of a DataFrame's `attrs`) travels as JSON in the schema metadata under
//! `b"warraq"`. Also the Parquet writer.

use crate::corpus::{PyCorpusReader, PyCorpusStream};
use crate::errors::IntoPyResult;
use crate::run::{detached, pipeline};
use arrow_array::RecordBatch;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::PyTable;
use std::path::PathBuf;
use wq::corpus::{ChunkLimits, ParquetSummary, ReadReport, RecurringKeys};
use wq::Error;

fn paths(list: Vec<String>) -> Vec<PathBuf> {
    list.into_iter().map(PathBuf::from).collect()
}

/// Batches and their report as a table that exports `__arrow_c_stream__`.
fn table(batches: Vec<RecordBatch>, report: &ReadReport) -> PyResult<PyTable> {
    PyTable::try_new(batches, wq::corpus::corpus_schema_with(report))
}

#[pymethods]
impl PyCorpusReader {
    /// Reads ``files`` (``skipped``: the documentation files left out of the
    /// sources, for the report) into an Arrow table with the columns of
    /// ``warraq.read_corpus`` (one record batch per chunk of files), the
    /// corpus-level pass included, and the report as JSON in the schema metadata
    /// under ``b"warraq"``. Chunks are read in parallel with the GIL released;
    /// ``on_files(n)`` is called after each chunk of ``n`` files; Ctrl-C stops the
    /// call between chunks. The reader's other state is not touched.
    ///
    /// >>> import json, pyarrow as pa
    /// >>> from warraq._warraq import CorpusReader, list_corpus_files
    /// >>> t = pa.table(CorpusReader().read_arrow(list_corpus_files(["examples/sample_corpus"])))
    /// >>> t.num_rows, t.schema.field("body").type, json.loads(t.schema.metadata[b"warraq"])["warraq_errors"]
    /// (6, DataType(large_string), [])
    #[pyo3(signature = (files, skipped = Vec::new(), *, on_files = None))]
    fn read_arrow(
        &self,
        py: Python<'_>,
        files: Vec<String>,
        skipped: Vec<String>,
        on_files: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyTable> {
        let options = &self.options;
        let limits = ChunkLimits::for_files(files.len());
        let mut chunks = wq::corpus::plan_chunks(paths(files), limits);
        let mut batches = Vec::new();
        let mut keys: Vec<RecurringKeys> = Vec::new();
        let mut report = ReadReport {
            skipped_files: paths(skipped),
            ..ReadReport::default()
        };
        pipeline(
            py,
            || Ok(chunks.next()),
            |chunk_paths| {
                let chunk = wq::corpus::read_chunk(&chunk_paths, options)?;
                // The documents become columns on the worker side and are dropped there.
                let batch = wq::corpus::documents_batch(&chunk.records)?;
                let chunk_report = ReadReport {
                    errors: chunk.errors,
                    skipped_files: Vec::new(),
                    empty: chunk.empty,
                    flattened: chunk.flattened,
                    archives: chunk.archives,
                };
                Ok::<_, Error>((batch, chunk.keys, chunk_report, chunk_paths.len()))
            },
            |done| {
                let (batch, chunk_keys, chunk_report, n_files) = done.py(py)?;
                if batch.num_rows() > 0 {
                    batches.push(batch);
                }
                keys.extend(chunk_keys);
                report.extend(chunk_report);
                if let Some(f) = on_files {
                    f.call1((n_files,))?;
                }
                Ok(())
            },
        )?;
        if options.recurring {
            detached(py, || {
                let plan = wq::corpus::finish(&keys, options);
                wq::corpus::apply_plan_to_batches(&mut batches, &plan)
            })?;
        }
        table(batches, &report)
    }

    /// Reads ``files`` and writes their documents to the Parquet file ``path``, one
    /// row group per chunk of files, in bounded memory (the core's
    /// ``write_parquet``: with the corpus-level pass, files are read twice).
    /// Returns ``{"rows", "files", "row_groups", "bytes", "report"}`` (``report``:
    /// the JSON also in the file's metadata under ``warraq``). ``on_files(n)`` is
    /// called after each chunk of ``n`` files read; Ctrl-C stops the write and
    /// leaves no file.
    ///
    /// >>> import os, tempfile
    /// >>> from warraq._warraq import CorpusReader, list_corpus_files
    /// >>> path = os.path.join(tempfile.mkdtemp(), "c.parquet")
    /// >>> CorpusReader().write_parquet(list_corpus_files(["examples/sample_corpus"]), path)["rows"]
    /// 6
    #[pyo3(signature = (files, path, skipped = Vec::new(), *, on_files = None))]
    fn write_parquet<'py>(
        &self,
        py: Python<'py>,
        files: Vec<String>,
        path: PathBuf,
        skipped: Vec<String>,
        on_files: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let options = &self.options;
        let (files, skipped) = (paths(files), paths(skipped));
        write_detached(py, on_files.as_ref(), |on_chunk| {
            wq::corpus::write_parquet(&files, &skipped, &path, options, on_chunk)
        })
    }
}

/// Runs a Parquet write with the GIL released, calling ``on_files(n)`` (then
/// checking for Ctrl-C) with the GIL after each chunk; an error raised there stops
/// the write and is raised as it was. The summary as
/// ``{"rows", "files", "row_groups", "bytes", "report"}``.
pub(crate) fn write_detached<'py, F>(
    py: Python<'py>,
    on_files: Option<&Py<PyAny>>,
    write: F,
) -> PyResult<Bound<'py, PyDict>>
where
    F: FnOnce(&mut dyn FnMut(usize) -> wq::Result<()>) -> wq::Result<ParquetSummary> + Send,
{
    // An error raised by `on_files` (or Ctrl-C), kept to raise as it was.
    let mut raised: Option<PyErr> = None;
    let written = py.detach(|| {
        let mut on_chunk = |n: usize| {
            Python::attach(|py| {
                let called = match on_files {
                    Some(f) => f.call1(py, (n,)).map(drop),
                    None => Ok(()),
                };
                called.and_then(|()| py.check_signals())
            })
            .map_err(|e| {
                raised = Some(e);
                Error::Interrupted
            })
        };
        write(&mut on_chunk)
    });
    if let Some(e) = raised {
        return Err(e);
    }
    let summary = written.py(py)?;
    let out = PyDict::new(py);
    out.set_item("rows", summary.rows)?;
    out.set_item("files", summary.files)?;
    out.set_item("row_groups", summary.row_groups)?;
    out.set_item("bytes", summary.bytes)?;
    out.set_item("report", summary.report.to_json())?;
    Ok(out)
}

#[pymethods]
impl PyCorpusStream {
    /// The next batch as an Arrow table of one record batch (the columns of
    /// ``warraq.read_corpus``; its report, since the batch before, as JSON in the
    /// schema metadata under ``b"warraq"``), or ``None`` at the end.
    ///
    /// >>> import pyarrow as pa
    /// >>> from warraq._warraq import CorpusStream, list_corpus_files
    /// >>> stream = CorpusStream(list_corpus_files(["examples/sample_corpus"]), batch_size=4)
    /// >>> [pa.table(t).num_rows for t in iter(stream.next_arrow, None)]
    /// [4, 2]
    fn next_arrow(&mut self, py: Python<'_>) -> PyResult<Option<PyTable>> {
        let stream = &mut self.inner;
        let Some(batch) = detached(py, || stream.next_batch())? else {
            return Ok(None);
        };
        let report = ReadReport {
            errors: batch.errors,
            skipped_files: Vec::new(),
            empty: batch.empty,
            flattened: batch.flattened,
            archives: batch.archives,
        };
        let records = batch.records;
        // The documents are dropped without the GIL, as soon as they are columns.
        let batch = detached(py, move || wq::corpus::documents_batch(&records))?;
        table(vec![batch], &report).map(Some)
    }
}
