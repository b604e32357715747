//! The entity mentions of a corpus streamed to a Parquet file: the corpus is read
//! chunk by chunk ([`for_each_chunk`]), each chunk's documents are tagged in
//! parallel and their mentions become one row group; only one chunk's documents
//! and mentions are in memory at once.
//!
//! The file's columns are `id` (the document's id; null when it has none) and `path`
//! (its file), then [`mention_fields`](super::mention_fields) (see the module docs
//! of `entities/arrow.rs`); offsets are code-point indices into the document's
//! `body` as `read_corpus` gives it. The read's report (skipped files' errors…) is
//! JSON in the file's metadata under [`REPORT_KEY`](crate::corpus::REPORT_KEY), as
//! in a corpus file.
//!
//! ```
//! use warraq::corpus::CorpusOptions;
//! use warraq::dates::Prefer;
//! use warraq::entities::{write_entities_parquet, EntityRecognizer};
//! let dir = std::env::temp_dir().join("warraq_write_entities_parquet_example");
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "عنوان\n\nزار الوزير دمشق أمس.").unwrap();
//! let out = dir.join("entities.parquet");
//! let ner = EntityRecognizer::new();
//! let summary = write_entities_parquet(
//!     &[dir.join("a.txt")], &[], &out, &CorpusOptions::default(), &ner, Prefer::Past, &[], &mut |_| Ok(()),
//! ).unwrap();
//! assert_eq!((summary.rows, summary.files), (2, 1)); // «دمشق» and «أمس»
//! ```

use super::arrow::{entities_batch, extract_char_entities};
use super::{Entity, EntityRecognizer, Label};
use crate::corpus::{for_each_chunk, CorpusOptions, CorpusParquetWriter, ParquetSummary, Record};
use crate::dates::Prefer;
use crate::Result;
use arrow_array::builder::LargeStringBuilder;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Columns whose values are nearly all distinct: stored without a dictionary.
const NO_DICTIONARY: [&str; 1] = ["path"];

/// The schema of a Parquet file of entities.
///
/// ```
/// let schema = warraq::entities::entities_file_schema();
/// assert_eq!((schema.field(0).name().as_str(), schema.field(1).name().as_str()), ("id", "path"));
/// ```
#[must_use]
pub fn entities_file_schema() -> arrow_schema::SchemaRef {
    super::arrow::entities_schema(key_fields().to_vec())
}

fn key_fields() -> [Field; 2] {
    [
        Field::new("id", DataType::LargeUtf8, true),
        Field::new("path", DataType::LargeUtf8, false),
    ]
}

/// The mentions of `records` with `labels` (all when empty) as one batch of
/// [`entities_file_schema`].
fn chunk_batch(
    records: &[Record],
    ner: &EntityRecognizer,
    prefer: Prefer,
    labels: &[Label],
) -> Result<RecordBatch> {
    let texts: Vec<Option<&str>> = records
        .iter()
        .map(|r| Some(r.document.body.as_str()))
        .collect();
    let dates: Vec<_> = records
        .iter()
        .map(|r| r.document.published.as_ref().map(|p| p.datetime().date()))
        .collect();
    let found = extract_char_entities(ner, &texts, &dates, prefer);
    let mut ids = LargeStringBuilder::new();
    let mut paths = LargeStringBuilder::new();
    let mut entities: Vec<Entity> = Vec::new();
    for (record, ents) in records.iter().zip(found) {
        for e in ents {
            if labels.is_empty() || labels.contains(&e.label) {
                ids.append_option(record.document.id.as_deref());
                paths.append_value(&record.path);
                entities.push(e);
            }
        }
    }
    let [id, path] = key_fields();
    let keys: Vec<(Field, ArrayRef)> = vec![
        (id, Arc::new(ids.finish())),
        (path, Arc::new(paths.finish())),
    ];
    entities_batch(keys, &entities)
}

/// Reads `files` (listed by [`list_corpus_files`](crate::corpus::list_corpus_files);
/// `skipped` its documentation files, for the report) with `options`, finds the
/// entities of every document with `ner` (relative dates from the publication date,
/// on the side `prefer` says) and writes the mentions whose label is one of `labels`
/// (all when empty) to the Parquet file `path`, in bounded memory (see the module
/// docs of `entities/parquet.rs`). `rows` of the summary counts mentions.
/// `on_files(n)` is called after each chunk of `n` files; an error it returns
/// (Ctrl-C) stops the write. On any error no file is left at `path`.
#[allow(clippy::too_many_arguments)]
pub fn write_entities_parquet(
    files: &[PathBuf],
    skipped: &[PathBuf],
    path: &Path,
    options: &CorpusOptions,
    ner: &EntityRecognizer,
    prefer: Prefer,
    labels: &[Label],
    on_files: &mut dyn FnMut(usize) -> Result<()>,
) -> Result<ParquetSummary> {
    let mut writer =
        CorpusParquetWriter::create_with(path, entities_file_schema(), &NO_DICTIONARY)?;
    let written = for_each_chunk(files, skipped, options, on_files, &mut |records| {
        writer.write_batch(&chunk_batch(&records, ner, prefer, labels)?)
    });
    writer.conclude(written, files.len())
}
