//! Decoded text → documents, in the layout of the file ([`Format`]): one scraped
//! article per `.txt`, JSON arrays and JSON lines ([`json`]), CSV/TSV tables
//! ([`csv`]), TREC/Gigaword SGML ([`sgml`]). Records that carry fields keep them
//! (id, title, author, source, url, publication date, tags, summary), found by
//! their aliases or named in [`RecordColumns`] (`record`); their text still goes
//! through [`parse_document_with`]. Dates in fields are read by `published`.

mod csv;
mod json;
mod published;
mod record;
mod sgml;
mod warc;

pub use record::RecordColumns;
pub use warc::{
    is_warc_name, ArchiveCounts, WarcPages, MAX_HEADER_BYTES, MAX_RECORD_BYTES, PAGES_PER_BATCH,
};
pub(crate) use warc::{read_warc, read_warc_bytes};

use super::CorpusOptions;
use crate::document::{parse_document_with, Document, Known};
use crate::{Error, Result};
use record::RecordDocument;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The layout of a corpus file.
///
/// ```
/// use warraq::corpus::Format;
/// assert_eq!("jsonl".parse::<Format>().unwrap(), Format::Jsonl);
/// assert!("xml".parse::<Format>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// By extension and content: `.json`, `.jsonl`/`.ndjson`, `.csv`/`.tsv`, SGML when the
    /// text starts with `<DOC`, else one scraped article.
    Auto,
    /// One scraped article per file.
    Txt,
    /// A JSON array of records (or one record).
    Json,
    /// One JSON record per line.
    Jsonl,
    /// A CSV table with a header row.
    Csv,
    /// TREC / LDC Gigaword SGML: `<DOC>` elements.
    Sgml,
    /// One HTML page per file (see [`crate::web`]); by extension, `.html`, `.htm`
    /// and `.xhtml`, gzipped or not.
    Html,
    /// A WARC archive (`.warc`, `.warc.gz`): its HTML responses (streamed, see
    /// [`ArchiveCounts`]).
    Warc,
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "auto" => Format::Auto,
            "txt" | "text" => Format::Txt,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            "csv" => Format::Csv,
            "sgml" | "trec" | "gigaword" => Format::Sgml,
            "html" | "htm" => Format::Html,
            "warc" => Format::Warc,
            _ => {
                return Err(Error::invalid_option(
                    "format",
                    format!("{s:?}: expected auto, txt, json, jsonl, csv, sgml, html or warc"),
                ))
            }
        })
    }
}

fn detect_format(path: &Path, text: &str) -> Format {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let head = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    match ext.as_str() {
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::Jsonl,
        "csv" | "tsv" => Format::Csv,
        // Compare bytes: byte 4 may fall inside a character («12 و…» panicked here).
        _ if head
            .as_bytes()
            .get(..4)
            .is_some_and(|h| h.eq_ignore_ascii_case(b"<doc")) =>
        {
            Format::Sgml
        }
        _ if is_page_text(head) => Format::Html,
        _ => Format::Txt,
    }
}

/// Text that starts as an HTML page does (a `.txt` or extensionless saved page).
fn is_page_text(head: &str) -> bool {
    let b = head.as_bytes();
    [&b"<!doctype html"[..], b"<html"]
        .iter()
        .any(|p| b.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
}

fn file_id(path: &Path) -> String {
    path.file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

fn parse_error(
    path: &Path,
    line: Option<usize>,
    column: Option<usize>,
    message: impl Into<String>,
) -> Error {
    Error::Parse {
        path: path.to_path_buf(),
        line,
        column,
        message: message.into(),
    }
}

/// A record whose text is blank (JSON `null`, empty, or whitespace only): listed
/// in [`FileDocuments::empty`], and left out of the documents unless
/// [`CorpusOptions::keep_empty`].
///
/// ```
/// use std::path::Path;
/// use warraq::corpus::{read_bytes_all, CorpusOptions};
/// let bytes = "{\"title\": \"كاريكاتير\", \"content\": \" \"}\n{\"content\": \"نص الخبر.\"}\n".as_bytes();
/// let read = read_bytes_all(Path::new("a.jsonl"), bytes, &CorpusOptions::default()).unwrap();
/// assert_eq!(read.documents.len(), 1);
/// assert_eq!((read.empty[0].record, read.empty[0].line), (0, Some(1)));
/// assert_eq!(read.empty[0].id, "a#0");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmptyRecord {
    /// The file.
    pub path: PathBuf,
    /// The record's number in the file, from 0 (for JSON lines, the line's index).
    pub record: usize,
    /// Its line, when the format has lines (JSON lines, CSV).
    pub line: Option<usize>,
    /// The id the record's document has (or would have).
    pub id: String,
}

/// An HTML page read with its deepest elements flattened: it nested elements
/// deeper than [`MAX_DEPTH`](crate::web::MAX_DEPTH), and the start and end tags
/// below that level were dropped before parsing (their text is kept, see
/// [`cap_nesting`](crate::web::cap_nesting)). Listed in
/// [`FileDocuments::flattened`], so that a page the reader changed is not a
/// silent one.
///
/// ```
/// use std::path::Path;
/// use warraq::corpus::{read_bytes_all, CorpusOptions};
/// let page = format!("<title>عنوان</title>{}<p>قال الوزير إن المشروع بدأ.</p>", "<div>".repeat(600));
/// let read = read_bytes_all(Path::new("deep.html"), page.as_bytes(), &CorpusOptions::default()).unwrap();
/// assert_eq!(read.documents.len(), 1);
/// let flat = &read.flattened[0];
/// assert_eq!((flat.id.as_str(), flat.record, flat.tags), ("deep", None, 600 - warraq::web::MAX_DEPTH));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlattenedPage {
    /// The file (the page, or the WARC archive holding it).
    pub path: PathBuf,
    /// The page's record number in a WARC/ARC archive (from 0, as in its errors);
    /// `None` for a page file.
    pub record: Option<usize>,
    /// The id of the page's document.
    pub id: String,
    /// The start tags dropped (elements deeper than the cap).
    pub tags: usize,
    /// Where the first start tag dropped is in the decoded page, as a code-point
    /// index.
    pub first_offset: usize,
}

impl FlattenedPage {
    /// The entry for a page read with `flattened` set, `None` otherwise.
    pub(crate) fn of(
        flattened: Option<crate::web::Flattened>,
        path: &Path,
        record: Option<usize>,
        id: Option<&str>,
    ) -> Option<Self> {
        flattened.map(|f| FlattenedPage {
            path: path.to_path_buf(),
            record,
            id: id.unwrap_or_default().to_string(),
            tags: f.tags,
            first_offset: f.first_char,
        })
    }
}

/// The documents of one file, its records with blank text, and (for a WARC
/// archive) what its records held and the bad records skipped.
#[derive(Debug, Default)]
pub struct FileDocuments {
    /// The documents, in file order.
    pub documents: Vec<Document>,
    /// The records whose text is blank (kept in `documents` too only with
    /// [`CorpusOptions::keep_empty`]).
    pub empty: Vec<EmptyRecord>,
    /// The HTML pages read with their deepest elements flattened.
    pub flattened: Vec<FlattenedPage>,
    /// A WARC archive's counts of records, pages and skips.
    pub archive: Option<ArchiveCounts>,
    /// The errors of the bad records skipped under
    /// [`OnError::Skip`](crate::corpus::OnError::Skip) (the file's other records are read).
    pub errors: Vec<Error>,
}

impl FileDocuments {
    /// Adds a record's document, listing it when its text is blank.
    fn push_record(
        &mut self,
        read: RecordDocument,
        at: (&Path, usize, Option<usize>),
        options: &CorpusOptions,
    ) {
        let RecordDocument { document, empty } = read;
        if empty {
            let (path, record, line) = at;
            self.empty.push(EmptyRecord {
                path: path.to_path_buf(),
                record,
                line,
                id: document.id.clone().unwrap_or_default(),
            });
            if !options.keep_empty {
                return;
            }
        }
        self.documents.push(document);
    }
}

impl From<Vec<Document>> for FileDocuments {
    fn from(documents: Vec<Document>) -> Self {
        FileDocuments {
            documents,
            ..FileDocuments::default()
        }
    }
}

/// Decoded text → documents, in the format of `options` or detected from `path`.
pub(super) fn read_text(path: &Path, text: &str, options: &CorpusOptions) -> Result<FileDocuments> {
    let format = match options.format {
        Format::Auto => detect_format(path, text),
        f => f,
    };
    match format {
        Format::Json => json::read_json(path, text, options),
        Format::Jsonl => json::read_jsonl(path, text, options),
        Format::Csv => csv::read_csv(path, text, options),
        Format::Sgml => sgml::read_sgml(path, text).map(FileDocuments::from),
        Format::Html => {
            let hints = crate::web::PageHints {
                path: Some(path),
                ..Default::default()
            };
            let page = crate::web::parse_page_str(text, &hints)?;
            let mut doc = page.document;
            doc.id = Some(file_id(path));
            let flattened = FlattenedPage::of(page.flattened, path, None, doc.id.as_deref());
            Ok(FileDocuments {
                flattened: flattened.into_iter().collect(),
                ..FileDocuments::from(vec![doc])
            })
        }
        // Archives are streamed from the file (`reader`), not decoded as text.
        Format::Warc => read_warc_bytes(path, text.as_bytes(), options),
        Format::Txt | Format::Auto => Ok(FileDocuments::from(vec![parse_document_with(
            text,
            &Known {
                id: Some(file_id(path)),
                ..Known::default()
            },
        )])),
    }
}

/// An [`Error::Parse`] when a field named in `options.columns` (other than the
/// text and the id, which every record must have) is in no record of the file:
/// a misspelt name would otherwise leave its column empty without a word.
fn check_named_fields(
    path: &Path,
    options: &CorpusOptions,
    in_some_record: impl Fn(&str) -> bool,
    fields: impl FnOnce() -> Vec<String>,
) -> Result<()> {
    match options
        .columns
        .optional_named()
        .find(|name| !in_some_record(name))
    {
        Some(name) => Err(parse_error(
            path,
            None,
            None,
            format!(
                "no record has the field {name:?} named in columns (fields: {})",
                fields().join(", ")
            ),
        )),
        None => Ok(()),
    }
}
