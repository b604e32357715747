//! A corpus streamed to a Parquet file: files are read chunk by chunk (see
//! [`plan_chunks`](super::plan_chunks)), each chunk's documents become one
//! [`RecordBatch`](arrow_array::RecordBatch) of [`corpus_schema`] and one row
//! group, and only that chunk is in memory at once.
//!
//! The corpus-level boilerplate pass needs every document of a source before it
//! can remove anything, so with `options.recurring` the files are read twice: the
//! first pass only counts short paragraphs ([`RecurringCounts`], a few bytes per
//! distinct paragraph), the second removes the recurring ones chunk by chunk as it
//! writes. The file then holds exactly the documents of
//! [`read_corpus`](super::read_corpus). With `recurring: false` there is one pass.
//!
//! The [`ReadReport`] (skipped files' errors and the rest of a DataFrame's
//! `attrs`) is written as JSON in the file's key-value metadata under
//! [`REPORT_KEY`](super::REPORT_KEY) when the file is closed. The file is written
//! beside `path` under a temporary name and renamed over it at the end, so a
//! reader never sees half a file.
//!
//! ```
//! use warraq::corpus::{write_parquet, CorpusOptions};
//! let dir = std::env::temp_dir().join("warraq_write_parquet_example");
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.jsonl"), "{\"title\": \"خبر\", \"text\": \"نص الخبر هنا.\"}\n").unwrap();
//! let out = dir.join("corpus.parquet");
//! let files = vec![dir.join("a.jsonl")];
//! let summary = write_parquet(&files, &[], &out, &CorpusOptions::default(), &mut |_| Ok(())).unwrap();
//! assert_eq!((summary.rows, summary.files, summary.row_groups), (1, 1, 1));
//! assert!(summary.report.errors.is_empty());
//! ```

use super::arrow::{corpus_schema, documents_batch, ReadReport, REPORT_KEY};
use super::{plan_chunks, read_chunk, ChunkLimits, CorpusOptions, RecurringCounts, RecurringPlan};
use crate::{Error, Result};
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::schema::types::ColumnPath;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// What [`write_parquet`] wrote.
#[derive(Debug, Default)]
pub struct ParquetSummary {
    /// Documents written (rows).
    pub rows: usize,
    /// Files read (skipped ones included).
    pub files: usize,
    /// Row groups written: one per chunk of files that held documents.
    pub row_groups: usize,
    /// Bytes of the Parquet file.
    pub bytes: u64,
    /// Skipped files' errors, documentation files left out, records with blank
    /// text, WARC archives' counts (also in the file's metadata).
    pub report: ReadReport,
}

/// Columns whose values are long or nearly all distinct: stored plainly, without
/// the dictionary page Parquet tries first (it would only be given up).
const NO_DICTIONARY: [&str; 8] = [
    "id",
    "title",
    "subtitle",
    "body",
    "url",
    "summary",
    "related.list.item",
    "boilerplate.list.item.line",
];

/// A Parquet file of corpus documents being written, one row group per
/// [`write`](Self::write) (see the module docs of `corpus/parquet.rs`).
///
/// ```
/// use warraq::corpus::{CorpusParquetWriter, ReadReport, Record};
/// use warraq::document::parse_document;
/// let path = std::env::temp_dir().join("warraq_parquet_writer_example.parquet");
/// let mut writer = CorpusParquetWriter::create(&path).unwrap();
/// let record = Record { path: "a.txt".into(), document: parse_document("عنوان\n\nنص الخبر.", None) };
/// writer.write(&[record.clone()]).unwrap();
/// writer.write(&[record]).unwrap();
/// let summary = writer.finish(ReadReport::default()).unwrap();
/// assert_eq!((summary.rows, summary.row_groups), (2, 2));
/// assert!(summary.bytes > 0);
/// ```
pub struct CorpusParquetWriter {
    writer: ArrowWriter<BufWriter<File>>,
    path: PathBuf,
    tmp: PathBuf,
    rows: usize,
    row_groups: usize,
}

impl std::fmt::Debug for CorpusParquetWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusParquetWriter")
            .field("path", &self.path)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

fn parquet_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::io(path, std::io::Error::other(format!("parquet: {e}")))
}

impl CorpusParquetWriter {
    /// Starts writing `path` (Snappy-compressed), under a temporary name beside it.
    pub fn create(path: &Path) -> Result<Self> {
        Self::create_with(path, corpus_schema(), &NO_DICTIONARY)
    }

    /// Starts writing `path` with another `schema` (the entities' file), the
    /// columns `no_dictionary` (Parquet column paths) stored without a dictionary.
    ///
    /// ```
    /// use arrow_array::{ArrayRef, Int64Array, RecordBatch};
    /// use warraq::corpus::{CorpusParquetWriter, ReadReport};
    /// let batch = RecordBatch::try_from_iter([("n", std::sync::Arc::new(Int64Array::from(vec![1, 2])) as ArrayRef)]).unwrap();
    /// let path = std::env::temp_dir().join("warraq_parquet_writer_with_example.parquet");
    /// let mut writer = CorpusParquetWriter::create_with(&path, batch.schema(), &[]).unwrap();
    /// writer.write_batch(&batch).unwrap();
    /// assert_eq!(writer.finish(ReadReport::default()).unwrap().rows, 2);
    /// ```
    pub fn create_with(path: &Path, schema: SchemaRef, no_dictionary: &[&str]) -> Result<Self> {
        let name = path
            .file_name()
            .ok_or_else(|| Error::io(path, std::io::Error::other("not a file name")))?;
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{}.tmp", std::process::id()));
        let tmp = path.with_file_name(tmp_name);
        let file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let mut props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            // Row groups are cut by `write`, one per chunk, not by a row count.
            .set_max_row_group_row_count(None)
            .set_created_by(format!("warraq {}", env!("CARGO_PKG_VERSION")));
        for column in no_dictionary {
            props = props.set_column_dictionary_enabled(ColumnPath::from(*column), false);
        }
        let writer = ArrowWriter::try_new(BufWriter::new(file), schema, Some(props.build()))
            .map_err(|e| parquet_error(path, e))?;
        Ok(CorpusParquetWriter {
            writer,
            path: path.to_path_buf(),
            tmp,
            rows: 0,
            row_groups: 0,
        })
    }

    /// Writes `records` as one row group (nothing for none).
    pub fn write(&mut self, records: &[super::Record]) -> Result<()> {
        if records.is_empty() {
            return Ok(());
        }
        self.write_batch(&documents_batch(records)?)
    }

    /// Writes `batch` (of the writer's schema) as one row group (nothing for no rows).
    pub fn write_batch(&mut self, batch: &RecordBatch) -> Result<()> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        self.writer
            .write(batch)
            .and_then(|()| self.writer.flush())
            .map_err(|e| parquet_error(&self.path, e))?;
        self.rows += batch.num_rows();
        self.row_groups += 1;
        Ok(())
    }

    /// Writes the footer with `report` in the key-value metadata, and renames the
    /// file into place.
    pub fn finish(mut self, report: ReadReport) -> Result<ParquetSummary> {
        self.writer
            .append_key_value_metadata(KeyValue::new(REPORT_KEY.to_string(), report.to_json()));
        let file = self
            .writer
            .into_inner()
            .map_err(|e| parquet_error(&self.path, e))?;
        let file = file
            .into_inner()
            .map_err(|e| Error::io(&self.tmp, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&self.tmp, e))?;
        let bytes = file.metadata().map_err(|e| Error::io(&self.tmp, e))?.len();
        drop(file);
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::io(&self.path, e))?;
        Ok(ParquetSummary {
            rows: self.rows,
            files: 0,
            row_groups: self.row_groups,
            bytes,
            report,
        })
    }

    /// The end of a write of `files` files: [`finish`](Self::finish) with the read's
    /// report when `written` is one, else [`abandon`](Self::abandon) and its error.
    pub(crate) fn conclude(
        self,
        written: Result<ReadReport>,
        files: usize,
    ) -> Result<ParquetSummary> {
        match written {
            Ok(report) => {
                let mut summary = self.finish(report)?;
                summary.files = files;
                Ok(summary)
            }
            Err(e) => {
                self.abandon();
                Err(e)
            }
        }
    }

    /// Gives up: removes the temporary file.
    pub fn abandon(self) {
        let tmp = self.tmp.clone();
        drop(self);
        // Nothing more to do when it is already gone.
        let _ = std::fs::remove_file(tmp);
    }
}

/// Reads `files` (a list made by [`list_corpus_files`](super::list_corpus_files);
/// `skipped` its documentation files, for the report) with `options` and writes
/// their documents to the Parquet file `path` in bounded memory (see the module
/// docs of `corpus/parquet.rs`). `on_files(n)` is called after each chunk of `n` files is read
/// (twice per file with the corpus-level pass); an error it returns (Ctrl-C) stops
/// the write. On any error no file is left at `path` (an earlier one stays).
pub fn write_parquet(
    files: &[PathBuf],
    skipped: &[PathBuf],
    path: &Path,
    options: &CorpusOptions,
    on_files: &mut dyn FnMut(usize) -> Result<()>,
) -> Result<ParquetSummary> {
    let mut writer = CorpusParquetWriter::create(path)?;
    let written = for_each_chunk(files, skipped, options, on_files, &mut |records| {
        writer.write(&records)
    });
    writer.conclude(written, files.len())
}

/// Reads `files` chunk by chunk in bounded memory and hands each chunk's documents
/// to `each` (the documents of [`read_corpus`](super::read_corpus), in order: with
/// `options.recurring` the files are read twice, see the module docs of
/// `corpus/parquet.rs`). `on_files(n)` is called after each chunk of `n` files
/// read; an error from it or from `each` stops the reading. Returns the read's
/// report (`skipped` as its documentation files).
///
/// ```
/// use warraq::corpus::{for_each_chunk, CorpusOptions};
/// let dir = std::env::temp_dir().join("warraq_for_each_chunk_example");
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("a.txt"), "عنوان\n\nنص الخبر هنا.").unwrap();
/// let mut n = 0;
/// let report = for_each_chunk(&[dir.join("a.txt")], &[], &CorpusOptions::default(), &mut |_| Ok(()), &mut |records| {
///     n += records.len();
///     Ok(())
/// }).unwrap();
/// assert_eq!((n, report.errors.len()), (1, 0));
/// ```
pub fn for_each_chunk(
    files: &[PathBuf],
    skipped: &[PathBuf],
    options: &CorpusOptions,
    on_files: &mut dyn FnMut(usize) -> Result<()>,
    each: &mut dyn FnMut(Vec<super::Record>) -> Result<()>,
) -> Result<ReadReport> {
    let limits = ChunkLimits::for_files(files.len());
    let lines = if options.recurring {
        let mut counts = RecurringCounts::new();
        for chunk in plan_chunks(files.to_vec(), limits) {
            let read = read_chunk(&chunk, options)?;
            read.keys.iter().for_each(|k| counts.add_keys(k));
            on_files(chunk.len())?;
        }
        Some(counts.recurring(options))
    } else {
        None
    };
    let mut report = ReadReport {
        skipped_files: skipped.to_vec(),
        ..ReadReport::default()
    };
    for chunk in plan_chunks(files.to_vec(), limits) {
        let mut read = read_chunk(&chunk, options)?;
        if let Some(lines) = &lines {
            RecurringPlan::new(lines, &read.keys).apply_to_records(&mut read.records);
        }
        each(read.records)?;
        report.errors.extend(read.errors);
        report.empty.extend(read.empty);
        report.flattened.extend(read.flattened);
        report.archives.extend(read.archives);
        on_files(chunk.len())?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{read_corpus, OnError};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    fn corpus_dir(name: &str) -> PathBuf {
        let dir = super::super::tmp(name);
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..7 {
            std::fs::write(
                dir.join(format!("{i}.txt")),
                format!("عنوان {i}\n\nخبر رقم {i} عن الاقتصاد.\n\nهذا الخبر منشور في موقع المدينة اليومي."),
            )
            .unwrap();
        }
        std::fs::write(dir.join("bad.json"), "[{\"text\": ").unwrap();
        dir
    }

    fn read_back(path: &Path) -> (Vec<arrow_array::RecordBatch>, String) {
        let file = File::open(path).unwrap();
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        let meta = builder
            .metadata()
            .file_metadata()
            .key_value_metadata()
            .and_then(|kv| kv.iter().find(|k| k.key == REPORT_KEY).cloned())
            .and_then(|k| k.value)
            .unwrap();
        (builder.build().unwrap().map(Result::unwrap).collect(), meta)
    }

    #[test]
    fn the_file_holds_what_read_corpus_reads_with_the_errors_in_its_metadata() {
        let dir = corpus_dir("parquet_equal");
        let options = CorpusOptions {
            errors: OnError::Skip,
            keep_paragraphs: false,
            ..CorpusOptions::default()
        };
        let list = super::super::list_corpus_files(&[dir.display().to_string()], false).unwrap();
        let out = dir.join("out.parquet");
        let mut calls = 0;
        let summary = write_parquet(&list.files, &[], &out, &options, &mut |_| {
            calls += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!((summary.rows, summary.files, calls), (7, 8, 2));
        let (batches, meta) = read_back(&out);
        let whole = read_corpus(&[dir.display().to_string()], &options).unwrap();
        let expected = documents_batch(&whole.records).unwrap();
        assert_eq!(batches.len(), 1);
        assert_eq!(batches[0].columns(), expected.columns());
        let json: serde_json::Value = serde_json::from_str(&meta).unwrap();
        assert_eq!(json["warraq_errors"][0]["error"], "ParseError");
        // The recurring line was removed, as read_corpus removes it.
        assert!(expected.num_rows() == 7);
    }

    #[test]
    fn a_raised_error_leaves_no_file() {
        let dir = corpus_dir("parquet_raise");
        let list = super::super::list_corpus_files(&[dir.display().to_string()], false).unwrap();
        let out = dir.join("out.parquet");
        let options = CorpusOptions {
            recurring: false,
            ..CorpusOptions::default()
        };
        let err = write_parquet(&list.files, &[], &out, &options, &mut |_| Ok(())).unwrap_err();
        assert!(err.to_string().contains("bad.json"), "{err}");
        assert!(!out.exists());
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            8,
            "no temporary left"
        );
    }

    #[test]
    fn an_interrupt_from_the_callback_stops_the_write() {
        let dir = corpus_dir("parquet_interrupt");
        let files = vec![dir.join("0.txt")];
        let out = dir.join("out.parquet");
        let err = write_parquet(&files, &[], &out, &CorpusOptions::default(), &mut |_| {
            Err(Error::Interrupted)
        })
        .unwrap_err();
        assert!(matches!(err, Error::Interrupted));
        assert!(!out.exists());
    }
}
