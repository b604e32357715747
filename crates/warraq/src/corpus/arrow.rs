//! Documents as Arrow record batches: the columnar form in which a corpus leaves
//! the core (to Python through the Arrow C stream interface, to Parquet files), so
//! that no string is copied into one object per value on the way.
//!
//! # The schema
//! [`corpus_schema`] is the table of `warraq.read_corpus`, column for column and in
//! the same order:
//!
//! | column | Arrow type | null when |
//! |---|---|---|
//! | `id`, `path`, `source`, `title`, `subtitle`, `author`, `dateline`, `body`, `url`, `summary`, `section`, `language`, `site_name` | `large_utf8` | the document has no such part (`path` and `body` never) |
//! | `published`, `modified` | `timestamp[ns]` (local time as written, no zone) | not known |
//! | `published_utc_offset` | `int32`, minutes east of UTC | not given |
//! | `fetched` | `timestamp[ns]` (UTC, a WARC record's date) | not from a WARC archive |
//! | `tags`, `related` | `large_list<utf8>` | never (empty lists; items never null) |
//! | `n_words` | `int64` | never |
//! | `boilerplate` | `large_list<struct<line: utf8, reason: utf8>>` | never |
//!
//! Text columns are `large_utf8` (64-bit offsets) because that is the storage of
//! pandas' Arrow-backed `str` dtype: a column then reaches pandas without a cast.
//! What a read reports besides its rows (skipped files' errors, documentation files
//! left out, records with blank text, WARC archives' counts) travels as JSON under
//! the schema metadata key [`REPORT_KEY`] ([`ReadReport::to_json`]).
//!
//! ```
//! use warraq::corpus::{corpus_schema, documents_batch, Record};
//! use warraq::document::parse_document;
//! let records = vec![Record {
//!     path: "a/1.txt".into(),
//!     document: parse_document("عنوان الخبر\n\nقال الوزير إن المشروع بدأ.", None),
//! }];
//! let batch = documents_batch(&records).unwrap();
//! assert_eq!(batch.num_rows(), 1);
//! assert_eq!(batch.schema().fields().len(), corpus_schema().fields().len());
//! assert_eq!(batch.schema().field(3).name(), "title");
//! ```

use super::{ArchiveReport, EmptyRecord, FlattenedPage, Record, RecurringPlan};
use crate::document::{Published, Removed};
use crate::{Error, Result};
use arrow_array::builder::{
    Int32Builder, Int64Builder, LargeStringBuilder, TimestampNanosecondBuilder,
};
use arrow_array::{ArrayRef, LargeListArray, RecordBatch, StringArray, StructArray};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

/// The schema metadata key of the JSON [`ReadReport`].
pub const REPORT_KEY: &str = "warraq";

/// The columns of [`corpus_schema`], in order, with what each holds.
const COLUMNS: [(&str, Kind); 21] = [
    ("id", Kind::Text),
    ("path", Kind::Text),
    ("source", Kind::Text),
    ("title", Kind::Text),
    ("subtitle", Kind::Text),
    ("published", Kind::Time),
    ("published_utc_offset", Kind::Offset),
    ("fetched", Kind::Time),
    ("author", Kind::Text),
    ("dateline", Kind::Text),
    ("tags", Kind::TextList),
    ("related", Kind::TextList),
    ("body", Kind::Text),
    ("n_words", Kind::Count),
    ("url", Kind::Text),
    ("summary", Kind::Text),
    ("boilerplate", Kind::Removed),
    ("modified", Kind::Time),
    ("section", Kind::Text),
    ("language", Kind::Text),
    ("site_name", Kind::Text),
];

#[derive(Clone, Copy)]
enum Kind {
    Text,
    Time,
    Offset,
    Count,
    TextList,
    Removed,
}

/// The struct of one removed line: `line` and `reason`.
fn removed_fields() -> Fields {
    Fields::from(vec![
        Field::new("line", DataType::Utf8, true),
        Field::new("reason", DataType::Utf8, true),
    ])
}

fn data_type(kind: Kind) -> DataType {
    // Items nullable (though never null), as pyarrow's `pa.large_list(pa.string())`.
    let item = |t: DataType| Arc::new(Field::new("item", t, true));
    match kind {
        Kind::Text => DataType::LargeUtf8,
        Kind::Time => DataType::Timestamp(TimeUnit::Nanosecond, None),
        Kind::Offset => DataType::Int32,
        Kind::Count => DataType::Int64,
        Kind::TextList => DataType::LargeList(item(DataType::Utf8)),
        Kind::Removed => DataType::LargeList(item(DataType::Struct(removed_fields()))),
    }
}

/// The schema of a corpus's documents (see the module docs of `corpus/arrow.rs`), without
/// metadata.
///
/// ```
/// let schema = warraq::corpus::corpus_schema();
/// assert_eq!(schema.field_with_name("n_words").unwrap().data_type(), &arrow_schema::DataType::Int64);
/// assert!(!schema.field_with_name("body").unwrap().is_nullable());
/// ```
pub fn corpus_schema() -> SchemaRef {
    static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
        let never_null = ["path", "body", "n_words", "tags", "related", "boilerplate"];
        Arc::new(Schema::new(
            COLUMNS
                .iter()
                .map(|(name, kind)| Field::new(*name, data_type(*kind), !never_null.contains(name)))
                .collect::<Vec<_>>(),
        ))
    });
    SCHEMA.clone()
}

/// [`corpus_schema`] with `report` as its metadata (under [`REPORT_KEY`]).
pub fn corpus_schema_with(report: &ReadReport) -> SchemaRef {
    let metadata = HashMap::from([(REPORT_KEY.to_string(), report.to_json())]);
    Arc::new(corpus_schema().as_ref().clone().with_metadata(metadata))
}

fn nanos(t: &chrono::NaiveDateTime) -> Option<i64> {
    t.and_utc().timestamp_nanos_opt()
}

fn published_nanos(p: Option<&Published>) -> Option<i64> {
    p.and_then(|p| nanos(&p.datetime()))
}

/// A `large_list<utf8>` of one list of strings per document.
fn text_lists<'a>(lists: impl Iterator<Item = &'a [String]> + Clone) -> ArrayRef {
    let values: StringArray = lists.clone().flatten().map(Some).collect();
    let offsets = OffsetBuffer::<i64>::from_lengths(lists.map(<[String]>::len));
    let field = Arc::new(Field::new("item", DataType::Utf8, true));
    Arc::new(LargeListArray::new(field, offsets, Arc::new(values), None))
}

/// A `large_list<struct<line, reason>>` of one list of removed lines per document.
fn removed_lists<'a>(lists: impl Iterator<Item = &'a [Removed]> + Clone) -> ArrayRef {
    let lengths: Vec<usize> = lists.clone().map(<[Removed]>::len).collect();
    let pairs = lists
        .flatten()
        .map(|r| (r.line.as_str(), r.reason.as_str()));
    removed_column(&lengths, pairs)
}

/// [`removed_lists`] from the number of lines of each document and the
/// `(line, reason)` pairs of all of them, in order.
fn removed_column<'a>(
    lengths: &[usize],
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
) -> ArrayRef {
    let (lines, reasons): (Vec<&str>, Vec<&str>) = pairs.unzip();
    let items = StructArray::new(
        removed_fields(),
        vec![
            Arc::new(StringArray::from(lines)) as ArrayRef,
            Arc::new(StringArray::from(reasons)),
        ],
        None,
    );
    let offsets = OffsetBuffer::<i64>::from_lengths(lengths.iter().copied());
    let field = Arc::new(Field::new("item", DataType::Struct(removed_fields()), true));
    Arc::new(LargeListArray::new(field, offsets, Arc::new(items), None))
}

/// One `large_utf8` column: `part` of every record.
fn text_column<'a>(
    records: &'a [Record],
    part: impl Fn(&'a Record) -> Option<&'a str>,
) -> ArrayRef {
    let bytes: usize = records.iter().map(|r| part(r).map_or(0, str::len)).sum();
    let mut b = LargeStringBuilder::with_capacity(records.len(), bytes);
    for r in records {
        b.append_option(part(r));
    }
    Arc::new(b.finish())
}

fn time_column(values: impl Iterator<Item = Option<i64>>, n: usize) -> ArrayRef {
    let mut b = TimestampNanosecondBuilder::with_capacity(n);
    values.for_each(|v| b.append_option(v));
    Arc::new(b.finish())
}

/// The documents of `records` as one [`RecordBatch`] of [`corpus_schema`], in
/// order. Errors only when a column would exceed Arrow's limits (more than
/// 2^63 bytes); the error names the first record's file.
pub fn documents_batch(records: &[Record]) -> Result<RecordBatch> {
    let n = records.len();
    let columns: Vec<ArrayRef> = COLUMNS
        .iter()
        .map(|(name, kind)| match (name, kind) {
            (_, Kind::Text) => text_column(records, text_part(name)),
            (&"published", _) => time_column(
                records
                    .iter()
                    .map(|r| published_nanos(r.document.published.as_ref())),
                n,
            ),
            (&"modified", _) => time_column(
                records
                    .iter()
                    .map(|r| published_nanos(r.document.modified.as_ref())),
                n,
            ),
            (&"fetched", _) => time_column(
                records
                    .iter()
                    .map(|r| r.document.fetched.as_ref().and_then(nanos)),
                n,
            ),
            (_, Kind::Offset) => {
                let mut b = Int32Builder::with_capacity(n);
                records
                    .iter()
                    .for_each(|r| b.append_option(r.document.published_utc_offset));
                Arc::new(b.finish())
            }
            (_, Kind::Count) => {
                let mut b = Int64Builder::with_capacity(n);
                records.iter().for_each(|r| {
                    b.append_value(i64::try_from(r.document.n_words()).unwrap_or(i64::MAX));
                });
                Arc::new(b.finish())
            }
            (&"tags", _) => text_lists(records.iter().map(|r| r.document.tags.as_slice())),
            (_, Kind::TextList) => {
                text_lists(records.iter().map(|r| r.document.related.as_slice()))
            }
            (_, _) => removed_lists(records.iter().map(|r| r.document.boilerplate.as_slice())),
        })
        .collect();
    RecordBatch::try_new(corpus_schema(), columns).map_err(|e| arrow_error(records, &e))
}

fn arrow_error(records: &[Record], e: &arrow_schema::ArrowError) -> Error {
    let path = records
        .first()
        .map_or_else(PathBuf::new, |r| PathBuf::from(&r.path));
    Error::io(path, std::io::Error::other(format!("arrow: {e}")))
}

/// The accessor of a text column's value.
fn text_part(name: &str) -> fn(&Record) -> Option<&str> {
    match name {
        "id" => |r| r.document.id.as_deref(),
        "path" => |r| Some(r.path.as_str()),
        "source" => |r| r.document.source.as_deref(),
        "title" => |r| r.document.title.as_deref(),
        "subtitle" => |r| r.document.subtitle.as_deref(),
        "author" => |r| r.document.author.as_deref(),
        "dateline" => |r| r.document.dateline.as_deref(),
        "body" => |r| Some(r.document.body.as_str()),
        "url" => |r| r.document.url.as_deref(),
        "summary" => |r| r.document.summary.as_deref(),
        "section" => |r| r.document.section.as_deref(),
        "language" => |r| r.document.language.as_deref(),
        _ => |r| r.document.site_name.as_deref(),
    }
}

/// Applies the corpus-level pass to batches already made: the `plan` was made from
/// the keys of the documents of `batches`, in order. Only the `body`, `n_words` and
/// `boilerplate` columns of the batches holding a changed document are rebuilt (in
/// parallel); returns the number of documents changed.
///
/// ```
/// use warraq::corpus::{apply_plan_to_batches, documents_batch, finish, CorpusOptions, Record, RecurringKeys};
/// use warraq::document::parse_document;
/// let records: Vec<Record> = (0..6)
///     .map(|i| Record {
///         path: format!("site/{i}.txt"),
///         document: parse_document(&format!("عنوان {i}\n\nخبر رقم {i} عن الاقتصاد.\n\nهذا الخبر منشور في موقع المدينة اليومي."), None),
///     })
///     .collect();
/// let options = CorpusOptions::default();
/// let keys = RecurringKeys::of_all(&records, &options);
/// let mut batches = vec![documents_batch(&records[..4]).unwrap(), documents_batch(&records[4..]).unwrap()];
/// assert_eq!(apply_plan_to_batches(&mut batches, &finish(&keys, &options)).unwrap(), 6);
/// let body = batches[1].column_by_name("body").unwrap();
/// let body = body.as_any().downcast_ref::<arrow_array::LargeStringArray>().unwrap();
/// assert_eq!(body.value(1), "خبر رقم 5 عن الاقتصاد.");
/// ```
pub fn apply_plan_to_batches(batches: &mut [RecordBatch], plan: &RecurringPlan) -> Result<usize> {
    // The changes of each batch, by row within it.
    let mut per_batch: Vec<Vec<(usize, &super::Change)>> = vec![Vec::new(); batches.len()];
    let mut starts = Vec::with_capacity(batches.len());
    let mut start = 0;
    for b in batches.iter() {
        starts.push(start);
        start += b.num_rows();
    }
    for change in plan.changes() {
        let batch = starts
            .partition_point(|&s| s <= change.document)
            .saturating_sub(1);
        if let Some(list) = per_batch.get_mut(batch) {
            list.push((change.document - starts[batch], change));
        }
    }
    let changed: usize = per_batch.iter().map(Vec::len).sum();
    let work: Vec<(RecordBatch, Vec<(usize, &super::Change)>)> =
        batches.iter().cloned().zip(per_batch).collect();
    let rebuilt = crate::parallel::map(&work, |(batch, changes)| {
        if changes.is_empty() {
            Ok(batch.clone())
        } else {
            rebuild_changed(batch, changes)
        }
    });
    for (slot, new) in batches.iter_mut().zip(rebuilt) {
        *slot = new?;
    }
    Ok(changed)
}

/// `batch` with the changes (row within the batch, change) made to `body`,
/// `n_words` and `boilerplate`.
fn rebuild_changed(
    batch: &RecordBatch,
    changes: &[(usize, &super::Change)],
) -> Result<RecordBatch> {
    use arrow_array::cast::AsArray;
    use arrow_array::Array;
    let index = |name: &str| batch.schema().index_of(name).unwrap_or(usize::MAX);
    let (i_body, i_words, i_removed) = (index("body"), index("n_words"), index("boilerplate"));
    let wrong = |what: &str| {
        Error::io(
            PathBuf::new(),
            std::io::Error::other(format!("arrow: not a corpus batch ({what})")),
        )
    };
    let body = batch
        .columns()
        .get(i_body)
        .and_then(|c| c.as_string_opt::<i64>())
        .ok_or_else(|| wrong("body"))?;
    let words = batch
        .columns()
        .get(i_words)
        .and_then(|c| c.as_primitive_opt::<arrow_array::types::Int64Type>())
        .ok_or_else(|| wrong("n_words"))?;
    let removed = batch
        .columns()
        .get(i_removed)
        .and_then(|c| c.as_list_opt::<i64>())
        .ok_or_else(|| wrong("boilerplate"))?;
    let removed_items = removed
        .values()
        .as_struct_opt()
        .ok_or_else(|| wrong("boilerplate"))?;
    let item = |i: usize| {
        removed_items
            .columns()
            .get(i)
            .and_then(|c| c.as_string_opt::<i32>())
            .ok_or_else(|| wrong("boilerplate"))
    };
    let (lines, reasons) = (item(0)?, item(1)?);
    let mut new_body = LargeStringBuilder::with_capacity(body.len(), body.value_data().len());
    let mut new_words = Int64Builder::with_capacity(body.len());
    // The rows' removed lines, the old ones then those the change adds.
    let mut lengths = Vec::with_capacity(body.len());
    let mut added: Vec<Vec<Removed>> = Vec::with_capacity(changes.len());
    let mut next = changes.iter().peekable();
    let offsets = removed.value_offsets();
    let old_range = |row: usize| {
        usize::try_from(offsets[row]).unwrap_or(0)..usize::try_from(offsets[row + 1]).unwrap_or(0)
    };
    for row in 0..body.len() {
        match next.peek() {
            Some((r, change)) if *r == row => {
                let applied = change.apply_to_body(body.value(row).to_string());
                new_body.append_value(&applied.body);
                new_words.append_value(i64::try_from(applied.n_words).unwrap_or(i64::MAX));
                lengths.push(old_range(row).len() + applied.removed.len());
                added.push(applied.removed);
                next.next();
            }
            _ => {
                new_body.append_value(body.value(row));
                new_words.append_value(words.value(row));
                lengths.push(old_range(row).len());
            }
        }
    }
    let mut added_rows = changes.iter().map(|(row, _)| *row).zip(&added).peekable();
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for row in 0..body.len() {
        pairs.extend(old_range(row).map(|i| (lines.value(i), reasons.value(i))));
        if let Some((_, gone)) = added_rows.next_if(|(r, _)| *r == row) {
            pairs.extend(gone.iter().map(|g| (g.line.as_str(), g.reason.as_str())));
        }
    }
    let mut columns = batch.columns().to_vec();
    columns[i_body] = Arc::new(new_body.finish());
    columns[i_words] = Arc::new(new_words.finish());
    columns[i_removed] = removed_column(&lengths, pairs.into_iter());
    RecordBatch::try_new(batch.schema(), columns)
        .map_err(|e| Error::io(PathBuf::new(), std::io::Error::other(format!("arrow: {e}"))))
}

/// What a read reports besides its rows, as the DataFrame's `attrs` hold it: the
/// skipped files' errors (`warraq_errors`), the documentation files left out
/// (`warraq_skipped_files`), the records with blank text (`warraq_empty_records`),
/// the HTML pages whose deepest elements were flattened (`warraq_flattened_pages`)
/// and the WARC archives' counts (`warraq_archives`).
///
/// ```
/// use warraq::corpus::ReadReport;
/// let report = ReadReport { skipped_files: vec!["corpus/README.md".into()], ..ReadReport::default() };
/// let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
/// assert_eq!(json["warraq_skipped_files"][0], "corpus/README.md");
/// assert_eq!(json["warraq_errors"], serde_json::json!([]));
/// ```
#[derive(Debug, Default)]
pub struct ReadReport {
    /// The errors of the files skipped under `errors="skip"`.
    pub errors: Vec<Error>,
    /// Documentation files left out of the sources.
    pub skipped_files: Vec<PathBuf>,
    /// Records with blank text.
    pub empty: Vec<EmptyRecord>,
    /// HTML pages read with their deepest elements flattened.
    pub flattened: Vec<FlattenedPage>,
    /// Each WARC archive's counts.
    pub archives: Vec<ArchiveReport>,
}

impl ReadReport {
    /// Adds `other`'s entries after this report's.
    pub fn extend(&mut self, other: ReadReport) {
        self.errors.extend(other.errors);
        self.skipped_files.extend(other.skipped_files);
        self.empty.extend(other.empty);
        self.flattened.extend(other.flattened);
        self.archives.extend(other.archives);
    }

    /// The report as one JSON object, keyed by the `attrs` names. An error is
    /// `{"path", "error", "message", "line", "offset"}` (`error` the exception's
    /// class name: `OSError`, `DecodeError`, `ParseError`, `WarraqError`).
    pub fn to_json(&self) -> String {
        use serde_json::{json, Value};
        let display = |p: &std::path::Path| p.display().to_string();
        let errors: Vec<Value> = self.errors.iter().map(error_json).collect();
        let empty: Vec<Value> = self
            .empty
            .iter()
            .map(|e| json!({"path": display(&e.path), "record": e.record, "line": e.line, "id": e.id}))
            .collect();
        let flattened: Vec<Value> = self
            .flattened
            .iter()
            .map(|f| {
                json!({"path": display(&f.path), "record": f.record, "id": f.id,
                       "tags": f.tags, "first_offset": f.first_offset})
            })
            .collect();
        let archives: Vec<Value> = self
            .archives
            .iter()
            .map(|a| {
                let c = &a.counts;
                json!({
                    "path": display(&a.path), "records": c.records, "responses": c.responses,
                    "pages": c.pages, "http_status": c.http_status, "not_html": c.not_html,
                    "other_language": c.other_language, "too_large": c.too_large,
                    "bad_records": c.bad_records,
                })
            })
            .collect();
        let skipped: Vec<String> = self.skipped_files.iter().map(|p| display(p)).collect();
        json!({
            "warraq_errors": errors,
            "warraq_skipped_files": skipped,
            "warraq_empty_records": empty,
            "warraq_flattened_pages": flattened,
            "warraq_archives": archives,
        })
        .to_string()
    }
}

/// One skipped file's error as `warraq_errors` lists it.
fn error_json(err: &Error) -> serde_json::Value {
    let (kind, path, line, offset) = match err {
        Error::Io { path, .. } => ("OSError", Some(path), None, None),
        Error::Decode { path, offset, .. } => ("DecodeError", Some(path), None, Some(*offset)),
        Error::Parse { path, line, .. } => ("ParseError", Some(path), *line, None),
        _ => ("WarraqError", None, None, None),
    };
    serde_json::json!({
        "path": path.map(|p| p.display().to_string()),
        "error": kind,
        "message": err.to_string(),
        "line": line,
        "offset": offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_document;
    use arrow_array::cast::AsArray;
    use arrow_array::Array;

    fn record(text: &str) -> Record {
        Record {
            path: "x/1.txt".into(),
            document: parse_document(text, None),
        }
    }

    #[test]
    fn every_column_has_the_schema_type_and_values() {
        let mut r = record("عنوان\n\nwhatsapp\n\nقال الوزير إن المشروع بدأ.");
        r.document.tags = vec!["اقتصاد".into(), "نفط".into()];
        r.document.published_utc_offset = Some(180);
        let batch = documents_batch(&[r, record("عنوان آخر\n\nنص.")]).unwrap();
        assert_eq!(batch.schema(), corpus_schema());
        let tags = batch.column_by_name("tags").unwrap().as_list::<i64>();
        assert_eq!(tags.value_length(0), 2);
        assert_eq!(tags.value_length(1), 0);
        let removed = batch
            .column_by_name("boilerplate")
            .unwrap()
            .as_list::<i64>();
        let first = removed.value(0);
        let items = first.as_struct();
        assert_eq!(items.column(0).as_string::<i32>().value(0), "whatsapp");
        assert_eq!(items.column(1).as_string::<i32>().value(0), "share widget");
        let offset = batch.column_by_name("published_utc_offset").unwrap();
        assert_eq!((offset.is_valid(0), offset.is_valid(1)), (true, false));
        let words = batch
            .column_by_name("n_words")
            .unwrap()
            .as_primitive::<arrow_array::types::Int64Type>();
        assert_eq!(words.value(0), 5);
        assert!(batch.column_by_name("subtitle").unwrap().is_null(0));
    }

    #[test]
    fn an_empty_batch_has_the_schema() {
        let batch = documents_batch(&[]).unwrap();
        assert_eq!((batch.num_rows(), batch.num_columns()), (0, 21));
    }

    #[test]
    fn report_json_names_the_error_kind_and_place() {
        let report = ReadReport {
            errors: vec![Error::Parse {
                path: "a.jsonl".into(),
                line: Some(2),
                column: None,
                message: "bad".into(),
            }],
            ..ReadReport::default()
        };
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(json["warraq_errors"][0]["error"], "ParseError");
        assert_eq!(json["warraq_errors"][0]["line"], 2);
        assert_eq!(json["warraq_errors"][0]["path"], "a.jsonl");
    }
}
