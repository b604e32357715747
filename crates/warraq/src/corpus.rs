//! A whole corpus: files of scraped articles or records → cleaned [`Document`]s.
//!
//! Sources are folders (walked recursively), files, glob patterns, or lists of
//! these ([`list_files`]). Each file is decoded ([`decode`]: UTF-8 with or without
//! BOM, UTF-16 with BOM, Windows-1256; detected or forced) and read in its format
//! ([`Format`]): one scraped article per `.txt`, a JSON array of records, JSON
//! lines, CSV, or TREC/Gigaword SGML with one or many `<DOC>` per file. Records
//! that carry fields (title, author, url, date) keep them; their text still goes
//! through [`parse_document_with`].
//!
//! Files are read in parallel with rayon ([`read_files`]). A bad file either stops
//! the run with an error naming the file and the line or byte offset
//! ([`OnError::Raise`]) or is skipped and reported in [`Corpus::errors`]
//! ([`OnError::Skip`]).
//!
//! # Corpus-level boilerplate, in linear time
//! Menus, footers and widgets that survive per-document cleaning recur verbatim in
//! many documents of the same source. [`remove_recurring`] finds them in two passes
//! over the parsed documents: the first counts, for each source, in how many
//! documents each (folded, hashed) paragraph occurs — one hash-map update per
//! paragraph; the second removes the paragraphs whose count reaches the threshold
//! and reports them with [`Reason::Recurring`]. Time and memory are linear in the
//! number of paragraphs; no document is compared with another. The two passes are
//! also public on their own ([`RecurringCounts`], mergeable, and [`RecurringLines`]),
//! so that a corpus spread over machines is counted part by part, the counts merged,
//! and the same lines removed everywhere, with the result of one machine.
//!
//! [`iter_corpus`] streams documents file by file without holding the corpus (and so
//! without the corpus-level pass).
//!
//! ```
//! use warraq::corpus::{read_corpus, CorpusOptions};
//! let dir = std::env::temp_dir().join("warraq_corpus_doc_example");
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "عنوان الخبر\n\nقال الوزير إن المشروع بدأ في العاصمة.").unwrap();
//! std::fs::write(dir.join("b.jsonl"), "{\"title\": \"خبر\", \"text\": \"نص الخبر هنا.\"}\n").unwrap();
//! let corpus = read_corpus(&[dir.display().to_string()], &CorpusOptions::default()).unwrap();
//! assert_eq!(corpus.records.len(), 2);
//! assert_eq!(corpus.records[0].document.title.as_deref(), Some("عنوان الخبر"));
//! assert_eq!(corpus.records[1].document.title.as_deref(), Some("خبر"));
//! ```

use crate::dates::{parse_date_line, DateValue};
use crate::document::{parse_document_with, Document, Known, Published, Reason};
use crate::text::{at_most_words, fold};
use crate::{Error, Result};
use chrono::{NaiveDate, NaiveDateTime};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1256};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
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
            _ => {
                return Err(Error::invalid_option(
                    "format",
                    format!("{s:?}: expected auto, txt, json, jsonl, csv or sgml"),
                ))
            }
        })
    }
}

/// What to do with a file that cannot be read.
///
/// ```
/// use warraq::corpus::OnError;
/// assert_eq!("skip".parse::<OnError>().unwrap(), OnError::Skip);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    /// Stop at the first bad file (in file order) with its error.
    Raise,
    /// Skip bad files and list their errors in [`Corpus::errors`].
    Skip,
}

impl FromStr for OnError {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "raise" => Ok(OnError::Raise),
            "skip" => Ok(OnError::Skip),
            _ => Err(Error::invalid_option(
                "errors",
                format!("{s:?}: expected \"raise\" or \"skip\""),
            )),
        }
    }
}

/// Options of [`read_corpus`].
///
/// ```
/// use warraq::corpus::{CorpusOptions, OnError};
/// let o = CorpusOptions { errors: OnError::Skip, ..CorpusOptions::default() };
/// assert_eq!(o.recurring_min_docs, 5);
/// ```
#[derive(Debug, Clone)]
pub struct CorpusOptions {
    /// File format (default: detected per file).
    pub format: Format,
    /// Encoding label understood by encoding_rs («utf-8», «utf-16», «windows-1256»,
    /// «cp1256»…), or `None` to detect.
    pub encoding: Option<String>,
    /// Raise or skip on bad files.
    pub errors: OnError,
    /// Column/key holding the article text in CSV and JSON records (default: the
    /// first of `text`, `content`, `body`, `article`).
    pub text_column: Option<String>,
    /// Column/key holding the record id (default: `id`, else the URL, else
    /// `file#n`).
    pub id_column: Option<String>,
    /// Remove paragraphs recurring across documents of the same source.
    pub recurring: bool,
    /// A paragraph is recurring when it occurs in at least this many documents of a source…
    pub recurring_min_docs: usize,
    /// …and in at least this share of them.
    pub recurring_min_share: f64,
    /// Paragraphs longer than this many words are never treated as recurring
    /// boilerplate (the same story printed twice is not a widget).
    pub recurring_max_words: usize,
    /// Number of threads (`None`: rayon's global pool).
    pub n_jobs: Option<usize>,
    /// Keep `Document::paragraphs`; `false` drops them after parsing (the body still
    /// holds the same text, split on blank lines), halving the memory a corpus takes.
    pub keep_paragraphs: bool,
    /// Read documentation files found in folders (README, LICENSE, SOURCE…; see
    /// [`is_non_article_name`]) as articles too.
    pub include_non_articles: bool,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions {
            format: Format::Auto,
            encoding: None,
            errors: OnError::Raise,
            text_column: None,
            id_column: None,
            recurring: true,
            recurring_min_docs: 5,
            recurring_min_share: 0.02,
            recurring_max_words: 30,
            n_jobs: None,
            keep_paragraphs: true,
            include_non_articles: false,
        }
    }
}

/// A document and the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The file the document was read from.
    pub path: String,
    /// The cleaned document.
    pub document: Document,
}

/// The result of [`read_corpus`]: documents in file order, and the errors of
/// skipped files.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Every document read.
    pub records: Vec<Record>,
    /// The error of each skipped file (empty under [`OnError::Raise`]).
    pub errors: Vec<Error>,
    /// Documentation files left out by [`list_corpus_files`] (README, LICENSE…).
    pub skipped_files: Vec<PathBuf>,
}

// ---------------------------------------------------------------------------
// Files.

/// Names of files that document a corpus rather than hold its articles: a file
/// found in a folder or by a glob is left out when its name, ignoring case, is one of
/// these or starts with one followed by `.` or `-` (`README.upstream.md`,
/// `SOURCE.txt`, `LICENSE-MIT`), or ends in `.md`, `.markdown` or `.rst`.
pub const NON_ARTICLE_NAMES: &[&str] = &[
    "README",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "NOTICE",
    "SOURCE",
    "AUTHORS",
    "CHANGELOG",
    "CHANGES",
    "CITATION",
    "CONTRIBUTING",
    "MANIFEST",
];

/// True when a file name is corpus documentation (see [`NON_ARTICLE_NAMES`]).
///
/// ```
/// use warraq::corpus::is_non_article_name;
/// assert!(is_non_article_name("README.upstream.md"));
/// assert!(is_non_article_name("SOURCE.txt"));
/// assert!(is_non_article_name("LICENSE"));
/// assert!(is_non_article_name("notes.md"));
/// assert!(!is_non_article_name("source_news_12.txt"));
/// assert!(!is_non_article_name("2015-07-21.json"));
/// assert!(!is_non_article_name("sources.txt"));
/// ```
pub fn is_non_article_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    if [".MD", ".MARKDOWN", ".RST"]
        .iter()
        .any(|ext| upper.ends_with(ext))
    {
        return true;
    }
    NON_ARTICLE_NAMES.iter().any(|n| {
        upper
            .strip_prefix(n)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '-']))
    })
}

/// The files of a corpus, and the documentation files left out of it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileList {
    /// Files to read, sorted and de-duplicated.
    pub files: Vec<PathBuf>,
    /// Files found in folders or by globs whose names mark them as corpus
    /// documentation ([`is_non_article_name`]), not read.
    pub skipped: Vec<PathBuf>,
}

/// Expands sources (folders walked recursively, files, glob patterns) into a sorted,
/// de-duplicated list of files. Hidden files (`.name`) inside folders are skipped;
/// so are documentation files (README, LICENSE, SOURCE…, see
/// [`is_non_article_name`]) found in folders or by globs, unless
/// `include_non_articles`. A file named explicitly is always read.
///
/// ```
/// use warraq::corpus::list_corpus_files;
/// let dir = std::env::temp_dir().join("warraq_list_corpus_files_example");
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("a.txt"), "x").unwrap();
/// std::fs::write(dir.join("README.md"), "x").unwrap();
/// let list = list_corpus_files(&[dir.display().to_string()], false).unwrap();
/// assert!(list.files.iter().all(|f| !f.ends_with("README.md")));
/// assert!(list.skipped[0].ends_with("README.md"));
/// let all = list_corpus_files(&[dir.display().to_string()], true).unwrap();
/// assert!(all.files.iter().any(|f| f.ends_with("README.md")) && all.skipped.is_empty());
/// ```
pub fn list_corpus_files(sources: &[String], include_non_articles: bool) -> Result<FileList> {
    let mut list = FileList::default();
    let found = |list: &mut FileList, p: PathBuf| {
        let documentation = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_non_article_name);
        if documentation && !include_non_articles {
            list.skipped.push(p);
        } else {
            list.files.push(p);
        }
    };
    for source in sources {
        let path = Path::new(source);
        // One stat per source (a corpus may be given as a list of 10⁴ files).
        let kind = std::fs::metadata(path).map(|m| m.file_type());
        if kind.as_ref().is_ok_and(std::fs::FileType::is_dir) {
            // Unsorted: the list is sorted once at the end (walkdir's sort by name
            // re-derives each name from its path per comparison: 8% of reading a
            // corpus of 10⁴ files).
            for entry in walkdir::WalkDir::new(path) {
                let entry = entry.map_err(|e| {
                    let p = e
                        .path()
                        .map_or_else(|| path.to_path_buf(), Path::to_path_buf);
                    Error::io(
                        p,
                        e.into_io_error()
                            .unwrap_or_else(|| std::io::Error::other("walk error")),
                    )
                })?;
                let hidden = entry
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with('.'));
                // A symlink counts as the file it points to; a broken one is kept so
                // that reading it reports the missing target instead of dropping it.
                let file_like = entry.file_type().is_file()
                    || (entry.path_is_symlink() && !entry.path().is_dir());
                if file_like && !hidden {
                    found(&mut list, entry.into_path());
                }
            }
        } else if kind.as_ref().is_ok_and(std::fs::FileType::is_file) {
            list.files.push(path.to_path_buf());
        } else if source.contains(['*', '?', '[']) {
            let paths = glob::glob(source)
                .map_err(|e| Error::invalid_option("source", format!("{source:?}: {e}")))?;
            for p in paths {
                let p = p.map_err(|e| {
                    Error::io(e.path().to_path_buf(), std::io::Error::other(e.to_string()))
                })?;
                if p.is_file() {
                    found(&mut list, p);
                }
            }
        } else {
            return Err(Error::io(
                path,
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
    }
    sort_dedup_paths(&mut list.files);
    // A file named explicitly and also found in a folder is read, not skipped.
    sort_dedup_paths(&mut list.skipped);
    let read: std::collections::HashSet<&PathBuf> = list.files.iter().collect();
    list.skipped.retain(|p| !read.contains(p));
    Ok(list)
}

/// Sorts paths as `Path`'s `Ord` does (component by component) and drops repeats.
///
/// Comparing two `Path`s splits both into components again; on a corpus of 10⁴
/// files that was most of the listing. Each path is split once here, into a key that
/// compares as bytes in the same order: each component as a tag, in the order of
/// `Component`'s variants, then its bytes, then a 0 byte (which no file name holds).
fn sort_dedup_paths(paths: &mut Vec<PathBuf>) {
    use std::path::Component;
    // A list given in order (a corpus's files listed by the caller) is checked in
    // one pass and left as it is: no keys to make and hold.
    if paths.windows(2).all(|w| w[0] < w[1]) {
        return;
    }
    let key = |p: &Path| {
        let mut key = Vec::with_capacity(p.as_os_str().len() + 8);
        for c in p.components() {
            let (tag, bytes): (u8, &[u8]) = match c {
                Component::Prefix(x) => (1, x.as_os_str().as_encoded_bytes()),
                Component::RootDir => (2, &[]),
                Component::CurDir => (3, &[]),
                Component::ParentDir => (4, &[]),
                Component::Normal(x) => (5, x.as_encoded_bytes()),
            };
            key.push(tag);
            key.extend_from_slice(bytes);
            key.push(0);
        }
        key
    };
    let mut keyed: Vec<(Vec<u8>, PathBuf)> = std::mem::take(paths)
        .into_iter()
        .map(|p| (key(&p), p))
        .collect();
    // Stable, like `Vec::sort`: of paths naming the same file ("a//b", "a/b") the
    // first given is kept.
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    *paths = keyed.into_iter().map(|(_, p)| p).collect();
}

/// [`list_corpus_files`] without the documentation files: the files to read.
///
/// ```
/// let dir = std::env::temp_dir().join("warraq_list_files_example");
/// std::fs::create_dir_all(dir.join("sub")).unwrap();
/// std::fs::write(dir.join("sub/a.txt"), "x").unwrap();
/// std::fs::write(dir.join("LICENSE"), "x").unwrap();
/// let files = warraq::corpus::list_files(&[dir.display().to_string()]).unwrap();
/// assert!(files.iter().any(|f| f.ends_with("sub/a.txt")));
/// assert!(!files.iter().any(|f| f.ends_with("LICENSE")));
/// assert!(warraq::corpus::list_files(&["/no/such/dir".into()]).is_err());
/// ```
pub fn list_files(sources: &[String]) -> Result<Vec<PathBuf>> {
    Ok(list_corpus_files(sources, false)?.files)
}

// ---------------------------------------------------------------------------
// Decoding.

fn decode_error(path: &Path, encoding: &str, offset: usize, message: impl Into<String>) -> Error {
    Error::Decode {
        path: path.to_path_buf(),
        encoding: encoding.to_string(),
        offset,
        message: message.into(),
    }
}

/// `bytes` as text when they are valid UTF-8, borrowed. encoding_rs validates
/// Arabic text an order of magnitude faster than `std::str::from_utf8`, whose fast
/// path is for ASCII.
fn utf8(bytes: &[u8]) -> Option<Cow<'_, str>> {
    UTF_8.decode_without_bom_handling_and_without_replacement(bytes)
}

/// Decodes strictly: the first malformed sequence is an error with its byte offset.
/// UTF-8 is borrowed, not copied.
fn decode_strict<'a>(
    path: &Path,
    bytes: &'a [u8],
    encoding: &'static Encoding,
    bom_len: usize,
) -> Result<Cow<'a, str>> {
    let body = &bytes[bom_len..];
    if encoding == UTF_8 {
        return utf8(body).ok_or_else(|| {
            // Only for the error: where the valid text ends, as std reports it.
            let valid_up_to = std::str::from_utf8(body).map_or_else(|e| e.valid_up_to(), str::len);
            decode_error(
                path,
                "utf-8",
                bom_len + valid_up_to,
                "invalid UTF-8 byte sequence",
            )
        });
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len() * 3 + 16);
    let mut out = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(Cow::Owned(out)),
        encoding_rs::DecoderResult::Malformed(bad, after) => Err(decode_error(
            path,
            encoding.name(),
            bom_len + read - usize::from(bad) - usize::from(after),
            format!("invalid {} byte sequence", encoding.name()),
        )),
        encoding_rs::DecoderResult::OutputFull => Err(decode_error(
            path,
            encoding.name(),
            bom_len + read,
            "output buffer full",
        )),
    }
}

/// UTF-16 without BOM shows as a NUL in every other byte of ASCII-range text.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    // Either reading needs a NUL byte: most files have none, and are done here.
    if sample.len() < 4 || memchr::memchr(0, sample).is_none() {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even_nul, mut odd_nul, mut even_06, mut odd_06) = (0usize, 0usize, 0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        let (even, odd) = (pair[0], pair[1]);
        even_nul += usize::from(even == 0);
        odd_nul += usize::from(odd == 0);
        // Arabic UTF-16 has 0x06 as its high byte, not NUL; count those as well.
        even_06 += usize::from(even == 0x06 || even == 0);
        odd_06 += usize::from(odd == 0x06 || odd == 0);
    }
    if odd_06 * 10 >= pairs * 9 && odd_nul > 0 && even_nul == 0 {
        Some(UTF_16LE)
    } else if even_06 * 10 >= pairs * 9 && even_nul > 0 && odd_nul == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Decodes a file's bytes.
///
/// With `encoding = None`: a BOM decides (UTF-8, UTF-16LE/BE); else UTF-16 without
/// BOM is recognised by its zero bytes; else valid UTF-8 is UTF-8; else the text is
/// read as Windows-1256 (the Arabic Windows code page, which decodes any byte). A
/// forced encoding is decoded strictly. Empty files and binary files (NUL bytes,
/// control characters) are errors.
///
/// ```
/// use std::path::Path;
/// let p = Path::new("x.txt");
/// assert_eq!(warraq::corpus::decode(p, "سلام".as_bytes(), None).unwrap(), "سلام");
/// // «سلام» in Windows-1256.
/// assert_eq!(warraq::corpus::decode(p, &[0xD3, 0xE1, 0xC7, 0xE3], None).unwrap(), "سلام");
/// let err = warraq::corpus::decode(p, &[0xD3, 0xE1], Some("utf-8")).unwrap_err();
/// assert!(err.to_string().contains("byte 0"));
/// ```
pub fn decode(path: &Path, bytes: &[u8], encoding: Option<&str>) -> Result<String> {
    decode_text(path, bytes, encoding).map(Cow::into_owned)
}

/// [`decode`], borrowing the bytes when they are UTF-8 already (the usual case).
fn decode_text<'a>(path: &Path, bytes: &'a [u8], encoding: Option<&str>) -> Result<Cow<'a, str>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Parse {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: "empty file".into(),
        });
    }
    let bom = Encoding::for_bom(bytes);
    let text = match encoding {
        Some(label) => {
            let forced = Encoding::for_label(label.trim().as_bytes())
                .or_else(|| match label.to_ascii_lowercase().as_str() {
                    "cp1256" | "1256" => Some(WINDOWS_1256),
                    _ => None,
                })
                .ok_or_else(|| {
                    Error::invalid_option("encoding", format!("unknown encoding {label:?}"))
                })?;
            // A matching BOM is skipped; «utf-16» means whichever BOM is present.
            let (enc, bom_len) = match bom {
                Some((b, len)) if b == forced || (forced == UTF_16LE && b == UTF_16BE) => (b, len),
                _ => (forced, 0),
            };
            decode_strict(path, bytes, enc, bom_len)?
        }
        None => match bom {
            Some((enc, len)) => decode_strict(path, bytes, enc, len)?,
            None => match sniff_utf16(bytes) {
                Some(enc) => decode_strict(path, bytes, enc, 0)?,
                None => {
                    if let Some(nul) = memchr::memchr(0, bytes) {
                        return Err(decode_error(path, "auto", nul, "binary file (NUL byte)"));
                    }
                    match utf8(bytes) {
                        Some(s) => s,
                        None => decode_strict(path, bytes, WINDOWS_1256, 0)?,
                    }
                }
            },
        },
    };
    check_not_binary(path, &text, encoding)?;
    Ok(text)
}

/// [`decode`] taking the bytes: valid UTF-8 (the usual case) becomes the `String`
/// without a copy, so a file is never held twice.
///
/// ```
/// use std::path::Path;
/// let p = Path::new("x.txt");
/// assert_eq!(warraq::corpus::decode_owned(p, "سلام".as_bytes().to_vec(), None).unwrap(), "سلام");
/// assert_eq!(warraq::corpus::decode_owned(p, vec![0xD3, 0xE1, 0xC7, 0xE3], None).unwrap(), "سلام");
/// ```
pub fn decode_owned(path: &Path, bytes: Vec<u8>, encoding: Option<&str>) -> Result<String> {
    let plain = encoding.is_none()
        && Encoding::for_bom(&bytes).is_none()
        && sniff_utf16(&bytes).is_none()
        && memchr::memchr(0, &bytes).is_none()
        && !bytes.iter().all(u8::is_ascii_whitespace);
    if !plain {
        return decode(path, &bytes, encoding);
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            check_not_binary(path, &text, encoding)?;
            Ok(text)
        }
        Err(e) => decode(path, e.as_bytes(), encoding),
    }
}

/// Whether a control character other than tab/newline/CR/form feed may be among
/// the first 4096 characters of `text`: false only when there is none. A test on
/// bytes that vectorises: control characters are ASCII ones and U+0080–U+009F
/// (C2 80 to C2 9F), and 4096 characters take at most 4 × 4096 bytes.
fn may_hold_controls(text: &str) -> bool {
    let prefix = &text.as_bytes()[..text.len().min(4 * 4096)];
    let ascii_control =
        |c: u8| (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0C)) || c == 0x7F;
    let first = prefix.first().is_some_and(|&c| ascii_control(c));
    first
        || prefix
            .iter()
            .zip(&prefix[1..])
            .fold(false, |found, (&prev, &c)| {
                found | ascii_control(c) | (prev == 0xC2 && c < 0xA0)
            })
}

/// Control characters other than tab/newline/CR/form feed mark a binary file.
fn check_not_binary(path: &Path, text: &str, encoding: Option<&str>) -> Result<()> {
    let (mut sampled, mut controls) = (0usize, 0usize);
    if may_hold_controls(text) {
        for c in text.chars().take(4096) {
            sampled += 1;
            controls += usize::from(c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'));
        }
    }
    if controls * 20 > sampled.max(1) || memchr::memchr(0, text.as_bytes()).is_some() {
        let offset = text
            .char_indices()
            .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
            .map_or(0, |(i, _)| i);
        return Err(decode_error(
            path,
            encoding.unwrap_or("auto"),
            offset,
            "binary file (control characters)",
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Formats.

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
        _ => Format::Txt,
    }
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

/// «17/05/2015» read as day/month/year when that is a valid date, as
/// [`parse_date_line`] reads it (a test checks every day of 1990–2035), without its
/// general search: half of ANT's `<TIME>` fields have this shape.
fn slashed_day_month_year(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() != 10 || b[2] != b'/' || b[5] != b'/' {
        return None;
    }
    let (day, month, year) = (digits(0..2)?, digits(3..5)?, digits(6..10)?);
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// A publication date from a metadata string: ISO 8601 (offset dropped, local
/// time kept), `YYYYMMDD`, or anything [`parse_date_line`] reads.
fn parse_published(text: &str) -> Option<Published> {
    let t = text.trim();
    if t.len() >= 19 {
        let head = t.get(..19)?.replace(' ', "T");
        if let Ok(dt) = NaiveDateTime::parse_from_str(&head, "%Y-%m-%dT%H:%M:%S") {
            return Some(Published::DateTime(dt));
        }
    }
    // «2017-01-22T185600»: a time without colons.
    if let Some(head) = t.get(..17) {
        if let Ok(dt) = NaiveDateTime::parse_from_str(head, "%Y-%m-%dT%H%M%S") {
            return Some(Published::DateTime(dt));
        }
    }
    if t.len() >= 16 {
        if let Some(head) = t.get(..16) {
            if let Ok(dt) = NaiveDateTime::parse_from_str(&head.replace(' ', "T"), "%Y-%m-%dT%H:%M")
            {
                return Some(Published::DateTime(dt));
            }
        }
    }
    if let Some(head) = t.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            return Some(Published::Date(d));
        }
    }
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y%m%d") {
            return Some(Published::Date(d));
        }
    }
    if let Some(d) = slashed_day_month_year(t) {
        return Some(Published::Date(d));
    }
    let m = parse_date_line(t)?;
    let DateValue::Day(day) = m.value else {
        return None;
    };
    Some(
        match m.time.and_then(|tm| day.and_hms_opt(tm.hour, tm.minute, 0)) {
            Some(dt) => Published::DateTime(dt),
            None => Published::Date(day),
        },
    )
}

const TEXT_KEYS: &[&str] = &["text", "content", "body", "article", "story"];

fn json_str(value: &serde_json::Value) -> Option<Cow<'_, str>> {
    match value {
        serde_json::Value::String(s) => Some(Cow::Borrowed(s)),
        serde_json::Value::Number(n) => Some(Cow::Owned(n.to_string())),
        _ => None,
    }
}

/// A record with named fields (JSON object or CSV row) → a document. `get` lends
/// a field's text (most records are read without copying their text).
fn record_document<'r>(
    get: &dyn Fn(&str) -> Option<Cow<'r, str>>,
    options: &CorpusOptions,
    default_id: String,
) -> std::result::Result<Document, String> {
    let text = match &options.text_column {
        Some(col) => get(col).ok_or_else(|| format!("no text column {col:?}"))?,
        None => TEXT_KEYS
            .iter()
            .find_map(|k| get(k))
            .ok_or_else(|| format!("no text field (tried {})", TEXT_KEYS.join(", ")))?,
    };
    // Metadata is kept as given, minus surrounding whitespace.
    let non_empty = |k: &str| {
        get(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let url = non_empty("url").or_else(|| non_empty("link"));
    let id = match &options.id_column {
        Some(col) => get(col)
            .ok_or_else(|| format!("no id column {col:?}"))?
            .into_owned(),
        None => non_empty("id")
            .or_else(|| url.clone())
            .unwrap_or(default_id),
    };
    let published_text = ["published", "date", "datetime", "published_at", "pubdate"]
        .iter()
        .find_map(|k| non_empty(k));
    let known = Known {
        id: Some(id),
        title: non_empty("title").or_else(|| non_empty("headline")),
        author: non_empty("author"),
        source: non_empty("source"),
        url,
        published: published_text.as_deref().and_then(parse_published),
        published_text,
        dateline: non_empty("dateline"),
        title_field: get("title").is_some() || get("headline").is_some(),
    };
    Ok(parse_document_with(&text, &known))
}

fn read_json(path: &Path, text: &str, options: &CorpusOptions) -> Result<Vec<Document>> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        parse_error(
            path,
            Some(e.line()),
            Some(e.column()),
            format!("malformed JSON: {e}"),
        )
    })?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        obj @ serde_json::Value::Object(_) => vec![obj],
        _ => {
            return Err(parse_error(
                path,
                Some(1),
                None,
                "expected a JSON array of records or one record",
            ))
        }
    };
    let stem = file_id(path);
    // Records are cleaned in parallel: one big file keeps every core busy.
    let indices: Vec<usize> = (0..items.len()).collect();
    crate::parallel::try_map(&indices, |&i| {
        let obj = items[i].as_object().ok_or_else(|| {
            parse_error(path, None, None, format!("record {i} is not a JSON object"))
        })?;
        record_document(
            &|k| obj.get(k).and_then(json_str),
            options,
            format!("{stem}#{i}"),
        )
        .map_err(|m| parse_error(path, None, None, format!("record {i}: {m}")))
    })
}

fn read_jsonl(path: &Path, text: &str, options: &CorpusOptions) -> Result<Vec<Document>> {
    let stem = file_id(path);
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(line).map_err(|e| {
            parse_error(
                path,
                Some(i + 1),
                Some(e.column()),
                format!("malformed JSON line: {e}"),
            )
        })?;
        let obj = value
            .as_object()
            .ok_or_else(|| parse_error(path, Some(i + 1), None, "line is not a JSON object"))?;
        let doc = record_document(
            &|k| obj.get(k).and_then(json_str),
            options,
            format!("{stem}#{i}"),
        )
        .map_err(|m| parse_error(path, Some(i + 1), None, m))?;
        out.push(doc);
    }
    Ok(out)
}

fn read_csv(path: &Path, text: &str, options: &CorpusOptions) -> Result<Vec<Document>> {
    let tsv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        .from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e.position().map(|p| usize::try_from(p.line()).unwrap_or(0));
        parse_error(path, line, None, format!("malformed CSV: {e}"))
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(str::to_string)
        .collect();
    let stem = file_id(path);
    let mut out = Vec::new();
    // Where the last record (or the header) starts: see the unclosed-quote check below.
    let mut last_start = (0u64, 1u64);
    for (i, row) in reader.records().enumerate() {
        let row = row.map_err(csv_error)?;
        if let Some(p) = row.position() {
            last_start = (p.byte(), p.line());
        }
        let line = row
            .position()
            .map(|p| usize::try_from(p.line()).unwrap_or(0));
        let get = |k: &str| {
            headers
                .iter()
                .position(|h| h == k)
                .and_then(|j| row.get(j))
                .map(Cow::Borrowed)
        };
        let doc = record_document(&get, options, format!("{stem}#{i}"))
            .map_err(|m| parse_error(path, line, None, m))?;
        out.push(doc);
    }
    // A quote that is never closed makes the csv reader take the rest of the file as
    // one field, silently swallowing every later record. Well-formed quoting has an
    // even number of `"` (open, close, doubled escapes), so an odd count in a last
    // record spanning several lines is that case.
    let tail = usize::try_from(last_start.0)
        .ok()
        .and_then(|b| text.get(b..))
        .unwrap_or_default();
    if tail.trim_end().contains('\n') && memchr::memchr_iter(b'"', tail.as_bytes()).count() % 2 == 1
    {
        return Err(parse_error(
            path,
            usize::try_from(last_start.1).ok(),
            None,
            "malformed CSV: a quoted field in this record is never closed (it runs to the end of the file)",
        ));
    }
    Ok(out)
}

/// 1-based line of byte `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &text.as_bytes()[..offset.min(text.len())]).count() + 1
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// The field tags of a `<DOC>` that [`read_sgml`] reads.
const SGML_FIELDS: [&str; 12] = [
    "DOCNO",
    "TIME",
    "DATE_TIME",
    "DATE",
    "HEADLINE",
    "TITLE",
    "AUTHOR",
    "SRC",
    "SOURCE",
    "URL",
    "DATELINE",
    "TEXT",
];

/// The length of the longest name in [`SGML_FIELDS`] (`DATE_TIME`).
const LONGEST_SGML_FIELD: usize = 9;

/// Where each of [`SGML_FIELDS`] first opens in a `<DOC>` (tag names matched
/// case-insensitively in `upper`, the uppercased text): found in one pass over the
/// document's `<`s, instead of one pass per field, most of which are absent.
struct SgmlFields<'a> {
    upper: &'a [u8],
    opening: [Option<usize>; SGML_FIELDS.len()],
}

impl<'a> SgmlFields<'a> {
    fn new(upper_doc: &'a str) -> Self {
        let upper = upper_doc.as_bytes();
        let mut opening = [None; SGML_FIELDS.len()];
        for lt in memchr::memchr_iter(b'<', upper) {
            // The name runs to the first `>` or white space (`<TIME>` is not
            // `<TIMEX>`); a name the text ends in is no tag.
            let rest = &upper[lt + 1..];
            let Some(len) = rest
                .iter()
                .take(LONGEST_SGML_FIELD + 1)
                .position(|b| matches!(b, b'>' | b' ' | b'\t' | b'\n' | b'\r'))
            else {
                continue;
            };
            if let Some(k) = SGML_FIELDS
                .iter()
                .position(|f| f.as_bytes() == &rest[..len])
            {
                opening[k].get_or_insert(lt);
            }
        }
        SgmlFields { upper, opening }
    }

    /// The byte span of the content of the first `<tag>` (one of [`SGML_FIELDS`]):
    /// from its `>` to its closing tag, or to the end of the document.
    fn span(&self, tag: &str) -> Option<(usize, usize)> {
        let upper = self.upper;
        let k = SGML_FIELDS.iter().position(|f| *f == tag)?;
        let after_name = self.opening[k]? + 1 + tag.len();
        let content_start = after_name + memchr::memchr(b'>', &upper[after_name..])? + 1;
        let closes_here = |lt: usize| {
            upper.get(lt + 1) == Some(&b'/')
                && upper.get(lt + 2..lt + 2 + tag.len()) == Some(tag.as_bytes())
                && upper.get(lt + 2 + tag.len()) == Some(&b'>')
        };
        let end = memchr::memchr_iter(b'<', &upper[content_start..])
            .map(|rel| content_start + rel)
            .find(|&lt| closes_here(lt))
            .unwrap_or(upper.len());
        // Both ends are at ASCII bytes; the uppercased text has the offsets of the text.
        Some((content_start, end))
    }
}

/// The value of `attr="…"` in an opening tag.
fn sgml_attr(open_tag: &str, attr: &str) -> Option<String> {
    let lower = open_tag.to_ascii_lowercase();
    let key = format!("{attr}=");
    let at = lower.find(&key)? + key.len();
    let rest = &open_tag[at..];
    let quote = rest.chars().next()?;
    if quote == '"' || quote == '\'' {
        rest[1..].find(quote).map(|e| rest[1..=e].to_string())
    } else {
        Some(rest.split([' ', '>']).next()?.to_string())
    }
}

/// Paragraphs of a `<TEXT>` element (`upper`: the same text uppercased): its `<P>`
/// elements, else its lines.
fn sgml_paragraphs(text: &str, upper: &str) -> String {
    if upper.contains("<P>") || upper.contains("<P ") {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(rel) = upper[from..].find("<P") {
            let start = from + rel;
            let Some(gt) = upper[start..].find('>') else {
                break;
            };
            let content_start = start + gt + 1;
            let end = upper[content_start..]
                .find("<P")
                .or_else(|| upper[content_start..].find("</P>"))
                .map_or(text.len(), |e| content_start + e);
            let p = text[content_start..end]
                .replace("</P>", "")
                .replace("</p>", "");
            let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
            if !p.is_empty() {
                out.push(unescape(&p));
            }
            from = end.max(content_start);
            if from >= text.len() {
                break;
            }
        }
        out.join("\n\n")
    } else {
        unescape(text.trim())
    }
}

fn read_sgml(path: &Path, text: &str) -> Result<Vec<Document>> {
    let upper = text.to_ascii_uppercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = memchr::memmem::find(&upper.as_bytes()[from..], b"<DOC") {
        let start = from + rel;
        let name_end = start + 4;
        if !upper[name_end..].starts_with(['>', ' ', '\t', '\n', '\r']) {
            // <DOCNO> and friends outside a <DOC>.
            from = name_end;
            continue;
        }
        // The tag ends at its own `>`: one found after another `<` belongs to a later
        // tag («<DOC id="x"\n</DOC>» panicked here, found by fuzzing).
        let gt = upper[start..]
            .find('>')
            .filter(|&gt| !upper[start + 1..start + gt].contains('<'));
        let Some(gt) = gt else {
            return Err(parse_error(
                path,
                Some(line_of(text, start)),
                None,
                "unterminated <DOC tag",
            ));
        };
        let open_tag = &text[start..=start + gt];
        let body_start = start + gt + 1;
        let Some(end_rel) = memchr::memmem::find(&upper.as_bytes()[body_start..], b"</DOC>") else {
            return Err(parse_error(
                path,
                Some(line_of(text, start)),
                None,
                "unclosed <DOC> (no </DOC>)",
            ));
        };
        let end = body_start + end_rel;
        let doc_text = &text[body_start..end];
        let doc_upper = &upper[body_start..end];
        let fields = SgmlFields::new(doc_upper);
        let field = |tag: &str| {
            fields
                .span(tag)
                .map(|(start, end)| unescape(doc_text[start..end].trim()))
                .filter(|s| !s.is_empty())
        };
        let id = field("DOCNO")
            .or_else(|| sgml_attr(open_tag, "id"))
            .unwrap_or_else(|| format!("{}#{}", file_id(path), out.len()));
        let published_text = field("TIME")
            .or_else(|| field("DATE_TIME"))
            .or_else(|| field("DATE"));
        let known = Known {
            id: Some(id),
            title: field("HEADLINE").or_else(|| field("TITLE")),
            author: field("AUTHOR"),
            source: field("SRC").or_else(|| field("SOURCE")),
            url: field("URL"),
            published: published_text.as_deref().and_then(parse_published),
            published_text,
            dateline: field("DATELINE"),
            title_field: true,
        };
        let body = fields
            .span("TEXT")
            .map(|(start, end)| sgml_paragraphs(&doc_text[start..end], &doc_upper[start..end]))
            .unwrap_or_default();
        out.push(parse_document_with(&body, &known));
        from = end + "</DOC>".len();
    }
    if out.is_empty() {
        return Err(parse_error(path, Some(1), None, "no <DOC> element"));
    }
    Ok(out)
}

/// The largest file [`read_file`] reads: 1 GiB. A file is held in memory with its
/// decoded text, so a larger one is refused up front (an [`Error::Parse`] naming the
/// file and its size) rather than exhausting memory; split it (JSON lines split at
/// any line) to read it.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Reads one file into documents (see the [module docs](self)).
///
/// ```
/// use warraq::corpus::{read_file, CorpusOptions};
/// let path = std::env::temp_dir().join("warraq_read_file_example.sgml");
/// std::fs::write(&path, "<DOC>\n<DOCNO>A-1</DOCNO>\n<TITLE>عنوان</TITLE>\n<TIME>2017-01-26T08:31:00+01:00</TIME>\n<TEXT>\n<P>نص الخبر.</P>\n</TEXT>\n</DOC>\n").unwrap();
/// let docs = read_file(&path, &CorpusOptions::default()).unwrap();
/// assert_eq!(docs[0].id.as_deref(), Some("A-1"));
/// assert_eq!(docs[0].published.unwrap().to_string(), "2017-01-26T08:31:00");
/// ```
pub fn read_file(path: &Path, options: &CorpusOptions) -> Result<Vec<Document>> {
    use std::io::Read;
    // The size from the open file: one lookup of the path, not two.
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if size > MAX_FILE_BYTES {
        return Err(parse_error(
            path,
            None,
            None,
            format!(
                "file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit for one file (split it)"
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    // Borrowed when the bytes are already UTF-8 (no second copy).
    let text = decode_text(path, &bytes, options.encoding.as_deref())?;
    read_text(path, &text, options)
}

/// Reads a file's bytes into documents exactly as [`read_file`] reads the file at
/// `path`, without touching the disk: `path` only names the file in errors, gives
/// record ids and (with [`Format::Auto`]) the format by its extension.
///
/// ```
/// use std::path::Path;
/// use warraq::corpus::{read_bytes, CorpusOptions};
/// let bytes = "{\"title\": \"خبر\", \"text\": \"نص الخبر هنا.\"}\n{bad".as_bytes();
/// let err = read_bytes(Path::new("a.jsonl"), bytes, &CorpusOptions::default()).unwrap_err();
/// assert!(err.to_string().starts_with("a.jsonl: line 2"));
/// let docs = read_bytes(Path::new("a.jsonl"), &bytes[..55], &CorpusOptions::default()).unwrap();
/// assert_eq!(docs[0].title.as_deref(), Some("خبر"));
/// ```
pub fn read_bytes(path: &Path, bytes: &[u8], options: &CorpusOptions) -> Result<Vec<Document>> {
    let text = decode_text(path, bytes, options.encoding.as_deref())?;
    read_text(path, &text, options)
}

/// Decoded text → documents, in the format of `options` or detected from `path`.
fn read_text(path: &Path, text: &str, options: &CorpusOptions) -> Result<Vec<Document>> {
    let format = match options.format {
        Format::Auto => detect_format(path, text),
        f => f,
    };
    match format {
        Format::Json => read_json(path, text, options),
        Format::Jsonl => read_jsonl(path, text, options),
        Format::Csv => read_csv(path, text, options),
        Format::Sgml => read_sgml(path, text),
        Format::Txt | Format::Auto => Ok(vec![parse_document_with(
            text,
            &Known {
                id: Some(file_id(path)),
                ..Known::default()
            },
        )]),
    }
}

/// [`read_file`], dropping the paragraphs unless `options.keep_paragraphs`.
fn read_file_kept(path: &Path, options: &CorpusOptions) -> Result<Vec<Document>> {
    let mut docs = read_file(path, options)?;
    if !options.keep_paragraphs {
        for d in &mut docs {
            d.paragraphs = Vec::new();
        }
    }
    Ok(docs)
}

fn with_pool<T: Send>(n_jobs: Option<usize>, f: impl FnOnce() -> T + Send) -> Result<T> {
    match n_jobs {
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build()
                .map_err(|e| Error::invalid_option("n_jobs", e.to_string()))?;
            Ok(pool.install(f))
        }
        None => Ok(f()),
    }
}

/// Reads files in parallel, in file order; bad files raise or are collected per
/// `options.errors`. No corpus-level pass (see [`remove_recurring`]).
///
/// ```
/// use warraq::corpus::{read_files, CorpusOptions, OnError};
/// let dir = std::env::temp_dir().join("warraq_read_files_example");
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("empty.txt"), "").unwrap();
/// let paths = vec![dir.join("empty.txt")];
/// assert!(read_files(&paths, &CorpusOptions::default()).is_err());
/// let skip = CorpusOptions { errors: OnError::Skip, ..CorpusOptions::default() };
/// let corpus = read_files(&paths, &skip).unwrap();
/// assert_eq!(corpus.errors.len(), 1);
/// ```
pub fn read_files(paths: &[PathBuf], options: &CorpusOptions) -> Result<Corpus> {
    let results: Vec<Result<Vec<Document>>> = with_pool(options.n_jobs, || {
        if crate::parallel::parallelism() && paths.len() > 1 {
            paths
                .par_iter()
                .map(|p| read_file_kept(p, options))
                .collect()
        } else {
            paths.iter().map(|p| read_file_kept(p, options)).collect()
        }
    })?;
    let mut corpus = Corpus::default();
    for (path, result) in paths.iter().zip(results) {
        match result {
            Ok(docs) => {
                let path = path.display().to_string();
                corpus
                    .records
                    .extend(docs.into_iter().map(|document| Record {
                        path: path.clone(),
                        document,
                    }));
            }
            Err(e) if options.errors == OnError::Skip => corpus.errors.push(e),
            Err(e) => return Err(e),
        }
    }
    Ok(corpus)
}

fn hash_of<T: Hash>(value: T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// The key of the source a document's recurring lines are counted within: its
/// outlet (folded) when it has one, else the folder of its file. Stable across
/// processes and machines running the same build, so that counts made on
/// different workers can be merged.
///
/// ```
/// use warraq::corpus::source_key;
/// assert_eq!(source_key(Some("الخليج"), "a/1.txt"), source_key(Some("الخليج"), "b/2.txt"));
/// assert_eq!(source_key(None, "a/1.txt"), source_key(None, "a/2.txt"));
/// assert_ne!(source_key(None, "a/1.txt"), source_key(None, "b/1.txt"));
/// ```
pub fn source_key(source: Option<&str>, path: &str) -> u64 {
    match source {
        Some(s) => hash_of(fold(s)),
        None => hash_of(Path::new(path).parent()),
    }
}

fn record_source_key(record: &Record) -> u64 {
    source_key(record.document.source.as_deref(), &record.path)
}

/// The hash a paragraph is counted under, or `None` when it is too long to be
/// boilerplate.
fn paragraph_key(paragraph: &str, options: &CorpusOptions) -> Option<u64> {
    at_most_words(paragraph, options.recurring_max_words).then(|| hash_of(fold(paragraph)))
}

/// The first pass of [`remove_recurring`]: for each source, how many documents it
/// has and in how many of them each short paragraph occurs.
///
/// Counts are additive, so a corpus split into parts (partitions on a cluster) is
/// counted part by part and the parts [`merge`](Self::merge)d, in any grouping: the
/// merged counts equal those of the whole. [`recurring`](Self::recurring) then
/// turns them into the (small) set of lines to remove everywhere. Counts travel
/// between processes as bytes ([`to_bytes`](Self::to_bytes)).
///
/// ```
/// use warraq::corpus::{CorpusOptions, Record, RecurringCounts};
/// use warraq::document::parse_document;
/// let records: Vec<Record> = (0..6)
///     .map(|i| Record {
///         path: format!("site/{i}.txt"),
///         document: parse_document(&format!("عنوان {i}\n\nخبر رقم {i} عن الاقتصاد.\n\nهذا الخبر منشور في موقع المدينة اليومي."), None),
///     })
///     .collect();
/// let options = CorpusOptions::default();
/// let mut counts = RecurringCounts::count(&records[..4], &options);
/// counts.merge(&RecurringCounts::count(&records[4..], &options));
/// assert_eq!(counts, RecurringCounts::count(&records, &options));
/// assert_eq!(counts.n_docs(), 6);
/// assert_eq!(RecurringCounts::from_bytes(&counts.to_bytes()).unwrap(), counts);
/// assert_eq!(counts.recurring(&options).len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecurringCounts {
    docs_per_source: HashMap<u64, u64>,
    counts: HashMap<(u64, u64), u32>,
}

const COUNTS_MAGIC: &[u8; 5] = b"WQRC1";
const LINES_MAGIC: &[u8; 5] = b"WQRL1";

fn bytes_error(what: &str, message: &str) -> Error {
    Error::Parse {
        path: PathBuf::new(),
        line: None,
        column: None,
        message: format!("not {what} bytes: {message}"),
    }
}

/// Reads little-endian integers from a byte slice, failing on truncation.
struct ByteReader<'a> {
    bytes: &'a [u8],
    what: &'static str,
}

impl ByteReader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N]> {
        if self.bytes.len() < N {
            return Err(bytes_error(self.what, "truncated"));
        }
        let (head, rest) = self.bytes.split_at(N);
        self.bytes = rest;
        let mut out = [0; N];
        out.copy_from_slice(head);
        Ok(out)
    }
    fn u64(&mut self) -> Result<u64> {
        self.take::<8>().map(u64::from_le_bytes)
    }
    fn u32(&mut self) -> Result<u32> {
        self.take::<4>().map(u32::from_le_bytes)
    }
    /// A length prefix, checked against the bytes left so that a corrupt length
    /// cannot trigger a huge allocation.
    fn len(&mut self, item_size: usize) -> Result<usize> {
        let n = usize::try_from(self.u64()?).map_err(|_| bytes_error(self.what, "bad length"))?;
        if n.checked_mul(item_size)
            .is_none_or(|b| b > self.bytes.len())
        {
            return Err(bytes_error(self.what, "truncated"));
        }
        Ok(n)
    }
    fn magic(&mut self, magic: &[u8; 5]) -> Result<()> {
        if self.take::<5>()? != *magic {
            return Err(bytes_error(self.what, "wrong header"));
        }
        Ok(())
    }
    fn end(&self) -> Result<()> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(bytes_error(self.what, "trailing bytes"))
        }
    }
}

impl RecurringCounts {
    /// Empty counts.
    ///
    /// ```
    /// assert!(warraq::corpus::RecurringCounts::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one document of source `source` (see [`source_key`]) with these
    /// paragraphs (each distinct short paragraph once).
    ///
    /// ```
    /// use warraq::corpus::{source_key, CorpusOptions, RecurringCounts};
    /// let mut c = RecurringCounts::new();
    /// c.add(source_key(None, "a/1.txt"), &["سطر", "سطر", "نص"], &CorpusOptions::default());
    /// assert_eq!((c.n_docs(), c.len()), (1, 2));
    /// ```
    pub fn add(&mut self, source: u64, paragraphs: &[&str], options: &CorpusOptions) {
        let mut seen: Vec<u64> = paragraphs
            .iter()
            .filter_map(|p| paragraph_key(p, options))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        self.add_hashes(source, &seen);
    }

    /// Counts one document from its [`RecurringKeys`] (computed once, possibly in
    /// parallel, and reusable by [`RecurringLines::indices`]).
    pub fn add_keys(&mut self, keys: &RecurringKeys) {
        let mut seen: Vec<u64> = keys.paragraphs.iter().flatten().copied().collect();
        seen.sort_unstable();
        seen.dedup();
        self.add_hashes(keys.source, &seen);
    }

    /// One document's distinct paragraph hashes (sorted, deduplicated).
    fn add_hashes(&mut self, source: u64, hashes: &[u64]) {
        *self.docs_per_source.entry(source).or_default() += 1;
        for &h in hashes {
            *self.counts.entry((source, h)).or_default() += 1;
        }
    }

    /// Counts the documents of `records` (their paragraphs, or their body split on
    /// blank lines when the paragraphs were dropped).
    pub fn count(records: &[Record], options: &CorpusOptions) -> Self {
        // Hashing the paragraphs is the costly part: done in parallel, counted in order.
        let keys = crate::parallel::map(records, |record| RecurringKeys::of(record, options));
        let mut counts = Self::new();
        keys.iter().for_each(|k| counts.add_keys(k));
        counts
    }

    /// Adds `other`'s counts to these.
    pub fn merge(&mut self, other: &RecurringCounts) {
        for (&source, &n) in &other.docs_per_source {
            *self.docs_per_source.entry(source).or_default() += n;
        }
        for (&key, &n) in &other.counts {
            let c = self.counts.entry(key).or_default();
            *c = c.saturating_add(n);
        }
    }

    /// Documents counted.
    pub fn n_docs(&self) -> u64 {
        self.docs_per_source.values().sum()
    }

    /// Distinct (source, paragraph) pairs counted.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.docs_per_source.is_empty()
    }

    /// The lines to remove: paragraphs found in at least `max(recurring_min_docs,
    /// ⌈recurring_min_share × documents of the source⌉, 2)` documents of their
    /// source. Empty when `options.recurring` is off.
    pub fn recurring(&self, options: &CorpusOptions) -> RecurringLines {
        let mut lines = HashSet::new();
        if options.recurring {
            for (&(source, h), &c) in &self.counts {
                let n = self.docs_per_source.get(&source).copied().unwrap_or(0);
                let share_threshold = (options.recurring_min_share * n as f64).ceil() as u64;
                let threshold = (options.recurring_min_docs as u64)
                    .max(share_threshold)
                    .max(2);
                if u64::from(c) >= threshold {
                    lines.insert((source, h));
                }
            }
        }
        RecurringLines { lines }
    }

    /// The counts as bytes (little-endian, versioned), to send to another process.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(21 + self.docs_per_source.len() * 16 + self.counts.len() * 20);
        out.extend_from_slice(COUNTS_MAGIC);
        out.extend_from_slice(&(self.docs_per_source.len() as u64).to_le_bytes());
        for (&s, &n) in &self.docs_per_source {
            out.extend_from_slice(&s.to_le_bytes());
            out.extend_from_slice(&n.to_le_bytes());
        }
        out.extend_from_slice(&(self.counts.len() as u64).to_le_bytes());
        for (&(s, h), &c) in &self.counts {
            out.extend_from_slice(&s.to_le_bytes());
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&c.to_le_bytes());
        }
        out
    }

    /// Counts from [`to_bytes`](Self::to_bytes) output; anything else is a
    /// [`Error::Parse`].
    ///
    /// ```
    /// assert!(warraq::corpus::RecurringCounts::from_bytes(b"junk").is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut r = ByteReader {
            bytes,
            what: "RecurringCounts",
        };
        r.magic(COUNTS_MAGIC)?;
        let n = r.len(16)?;
        let mut docs_per_source = HashMap::with_capacity(n);
        for _ in 0..n {
            let s = r.u64()?;
            docs_per_source.insert(s, r.u64()?);
        }
        let n = r.len(20)?;
        let mut counts = HashMap::with_capacity(n);
        for _ in 0..n {
            let s = r.u64()?;
            let h = r.u64()?;
            counts.insert((s, h), r.u32()?);
        }
        r.end()?;
        Ok(RecurringCounts {
            docs_per_source,
            counts,
        })
    }
}

/// The second pass of [`remove_recurring`]: the (source, paragraph) pairs found
/// recurring by [`RecurringCounts::recurring`], removed from any document.
///
/// ```
/// use warraq::corpus::{CorpusOptions, Record, RecurringCounts, RecurringLines};
/// use warraq::document::parse_document;
/// let mut records: Vec<Record> = (0..5)
///     .map(|i| Record {
///         path: format!("site/{i}.txt"),
///         document: parse_document(&format!("عنوان {i}\n\nخبر رقم {i} عن الاقتصاد.\n\nهذا الخبر منشور في موقع المدينة اليومي."), None),
///     })
///     .collect();
/// let options = CorpusOptions::default();
/// let lines = RecurringCounts::count(&records, &options).recurring(&options);
/// assert_eq!(RecurringLines::from_bytes(&lines.to_bytes()).unwrap(), lines);
/// assert_eq!(lines.apply(&mut records[0], &options), 1);
/// assert_eq!(records[0].document.boilerplate.last().unwrap().line, "هذا الخبر منشور في موقع المدينة اليومي.");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecurringLines {
    lines: HashSet<(u64, u64)>,
}

impl RecurringLines {
    /// Number of recurring (source, paragraph) pairs.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there is nothing to remove.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Indices of the paragraphs of the document with these [`RecurringKeys`] that
    /// are recurring.
    pub fn indices(&self, keys: &RecurringKeys) -> Vec<usize> {
        if self.lines.is_empty() {
            return Vec::new();
        }
        keys.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, h)| h.is_some_and(|h| self.lines.contains(&(keys.source, h))))
            .map(|(i, _)| i)
            .collect()
    }

    /// Removes the recurring paragraphs of a record and reports them with
    /// [`Reason::Recurring`]; returns how many were removed.
    pub fn apply(&self, record: &mut Record, options: &CorpusOptions) -> usize {
        if self.lines.is_empty() {
            return 0;
        }
        let drop = self.indices(&RecurringKeys::of(record, options));
        record.document.remove_paragraphs(&drop, Reason::Recurring);
        drop.len()
    }

    /// The lines as bytes (little-endian, versioned), to send to another process.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(13 + self.lines.len() * 16);
        out.extend_from_slice(LINES_MAGIC);
        out.extend_from_slice(&(self.lines.len() as u64).to_le_bytes());
        // Sorted, so that equal sets give equal bytes.
        let mut lines: Vec<&(u64, u64)> = self.lines.iter().collect();
        lines.sort_unstable();
        for &&(s, h) in &lines {
            out.extend_from_slice(&s.to_le_bytes());
            out.extend_from_slice(&h.to_le_bytes());
        }
        out
    }

    /// Lines from [`to_bytes`](Self::to_bytes) output; anything else is a
    /// [`Error::Parse`].
    ///
    /// ```
    /// assert!(warraq::corpus::RecurringLines::from_bytes(b"WQRL1\xff").is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut r = ByteReader {
            bytes,
            what: "RecurringLines",
        };
        r.magic(LINES_MAGIC)?;
        let n = r.len(16)?;
        let mut lines = HashSet::with_capacity(n);
        for _ in 0..n {
            let s = r.u64()?;
            lines.insert((s, r.u64()?));
        }
        r.end()?;
        Ok(RecurringLines { lines })
    }
}

/// Removes paragraphs that recur in many documents of the same source (two linear
/// passes; see the [module docs](self)): [`RecurringCounts::count`], then
/// [`RecurringLines::apply`] to every record. Returns the number of paragraphs
/// removed.
///
/// ```
/// use warraq::corpus::{remove_recurring, CorpusOptions, Record};
/// use warraq::document::parse_document;
/// let mut records: Vec<Record> = (0..6)
///     .map(|i| Record {
///         path: format!("site/{i}.txt"),
///         document: parse_document(
///             &format!("عنوان {i}\n\nخبر رقم {i} عن الاقتصاد في المدينة.\n\nهذا الخبر منشور في موقع المدينة اليومي.\n\nوتبدأ الجولة {i} غداً."),
///             None,
///         ),
///     })
///     .collect();
/// let removed = remove_recurring(&mut records, &CorpusOptions::default());
/// assert_eq!(removed, 6);
/// assert_eq!(records[0].document.paragraphs.len(), 2);
/// assert_eq!(records[0].document.boilerplate.last().unwrap().line, "هذا الخبر منشور في موقع المدينة اليومي.");
/// ```
pub fn remove_recurring(records: &mut [Record], options: &CorpusOptions) -> usize {
    if !options.recurring {
        return 0;
    }
    // Pass 1: each document's keys (in parallel, kept for pass 2), then the counts.
    let keys: Vec<RecurringKeys> =
        crate::parallel::map(records, |record| RecurringKeys::of(record, options));
    let mut counts = RecurringCounts::new();
    keys.iter().for_each(|k| counts.add_keys(k));
    let lines = counts.recurring(options);
    // Pass 2: remove the paragraphs that recur.
    let mut removed = 0;
    for (record, k) in records.iter_mut().zip(&keys) {
        let drop = lines.indices(k);
        removed += drop.len();
        record.document.remove_paragraphs(&drop, Reason::Recurring);
    }
    removed
}

/// What the corpus-level pass needs of one document: its source and the hashes
/// of its folded paragraphs (`None` for paragraphs too long to be boilerplate).
/// Small (a few bytes per paragraph), so a caller may keep the keys of a whole
/// corpus while handing the documents on.
///
/// ```
/// use warraq::corpus::{CorpusOptions, Record, RecurringCounts, RecurringKeys};
/// use warraq::document::parse_document;
/// let options = CorpusOptions { recurring_min_docs: 2, ..CorpusOptions::default() };
/// let records: Vec<Record> = (0..3)
///     .map(|i| Record {
///         path: format!("site/{i}.txt"),
///         document: parse_document(&format!("عنوان\n\nخبر رقم {i} عن الاقتصاد.\n\nتابعونا يوميا على الموقع."), None),
///     })
///     .collect();
/// let keys: Vec<RecurringKeys> = records.iter().map(|r| RecurringKeys::of(r, &options)).collect();
/// let mut counts = RecurringCounts::new();
/// keys.iter().for_each(|k| counts.add_keys(k));
/// assert_eq!(counts.recurring(&options).indices(&keys[0]), [1]);
/// assert_eq!(counts, RecurringCounts::count(&records, &options));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecurringKeys {
    source: u64,
    paragraphs: Vec<Option<u64>>,
}

impl RecurringKeys {
    /// The keys of one document.
    pub fn of(record: &Record, options: &CorpusOptions) -> RecurringKeys {
        let paragraphs = record
            .document
            .paragraph_views()
            .into_iter()
            .map(|p| paragraph_key(p, options))
            .collect();
        RecurringKeys {
            source: record_source_key(record),
            paragraphs,
        }
    }
}

/// Lists, reads, cleans and de-boilerplates a corpus (see the [module docs](self)).
pub fn read_corpus(sources: &[String], options: &CorpusOptions) -> Result<Corpus> {
    let list = list_corpus_files(sources, options.include_non_articles)?;
    let mut corpus = read_files(&list.files, options)?;
    corpus.skipped_files = list.skipped;
    remove_recurring(&mut corpus.records, options);
    Ok(corpus)
}

/// Streams the documents of a corpus file by file, holding one file at a time (no
/// corpus-level pass). Errors are yielded in place, whatever `options.errors` says.
///
/// ```
/// use warraq::corpus::{iter_corpus, CorpusOptions};
/// let dir = std::env::temp_dir().join("warraq_iter_corpus_example");
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("a.txt"), "عنوان\n\nنص الخبر هنا.").unwrap();
/// let n = iter_corpus(&[dir.display().to_string()], CorpusOptions::default()).unwrap().filter(|r| r.is_ok()).count();
/// assert_eq!(n, 1);
/// ```
pub fn iter_corpus(
    sources: &[String],
    options: CorpusOptions,
) -> Result<impl Iterator<Item = Result<Record>>> {
    let files = list_corpus_files(sources, options.include_non_articles)?.files;
    Ok(files.into_iter().flat_map(move |path| {
        let display = path.display().to_string();
        let items: Vec<Result<Record>> = match read_file(&path, &options) {
            Ok(docs) => docs
                .into_iter()
                .map(|document| {
                    Ok(Record {
                        path: display.clone(),
                        document,
                    })
                })
                .collect(),
            Err(e) => vec![Err(e)],
        };
        items
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn paths_sort_as_path_orders_them() {
        let names = [
            "a", "a/b", "a-b/c", "a/b/c", "ab", "a//b", "./a", "../a", "/a", "/a/b", "a/./b",
            "a/../b", "b", "a/b/", "é/x", "a.b", ".hidden", "a/b", "z/a", "/", "a b/c",
        ];
        let paths: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        let mut expected = paths.clone();
        expected.sort();
        expected.dedup();
        let mut sorted = paths;
        sort_dedup_paths(&mut sorted);
        // The same paths, spelled as given (`PathBuf`'s `==` ignores "a//b" vs "a/b").
        let spelled = |v: &[PathBuf]| {
            v.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(spelled(&sorted), spelled(&expected));
        let mut reversed: Vec<PathBuf> = names.iter().rev().map(PathBuf::from).collect();
        sort_dedup_paths(&mut reversed);
        assert_eq!(reversed, expected);
    }

    fn tmp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("warraq_corpus_tests_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    #[test]
    fn encodings() {
        let p = Path::new("x");
        let text = "قال الوزير";
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(p, &utf16, None).unwrap(), text);
        assert_eq!(decode(p, &utf16, Some("utf-16")).unwrap(), text);
        assert_eq!(decode(p, &utf16[2..], None).unwrap(), text);
        let (cp, _, _) = WINDOWS_1256.encode(text);
        assert_eq!(decode(p, &cp, None).unwrap(), text);
        assert_eq!(decode(p, &cp, Some("cp1256")).unwrap(), text);
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend(text.as_bytes());
        assert_eq!(decode(p, &bom8, None).unwrap(), text);
        let mut bad = text.as_bytes().to_vec();
        bad.insert(4, 0xFF);
        match decode(p, &bad, Some("utf-8")).unwrap_err() {
            Error::Decode { offset, .. } => assert_eq!(offset, 4),
            e => panic!("{e}"),
        }
        assert!(decode(p, b"\x00\x01\x02binary\x00", None)
            .unwrap_err()
            .to_string()
            .contains("binary"));
        assert!(decode(p, b"  \n", None)
            .unwrap_err()
            .to_string()
            .contains("empty"));
        assert!(decode(p, b"x", Some("klingon")).is_err());
    }

    #[test]
    fn sgml_many_docs_and_errors() {
        let p = tmp("many.sgml");
        std::fs::write(
            &p,
            "<DOC id=\"AFP_1\" type=\"story\">\n<HEADLINE>عنوان &amp; آخر</HEADLINE>\n<DATELINE>القاهرة</DATELINE>\n<TEXT>\n<P>\nالفقرة الأولى.\n</P>\n<P>الفقرة الثانية.</P>\n</TEXT>\n</DOC>\n<DOC>\n<DOCNO>B</DOCNO>\n<DATE>20100101</DATE><TEXT>نص.</TEXT></DOC>",
        )
        .unwrap();
        let docs = read_file(&p, &CorpusOptions::default()).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id.as_deref(), Some("AFP_1"));
        assert_eq!(docs[0].title.as_deref(), Some("عنوان & آخر"));
        assert_eq!(docs[0].dateline.as_deref(), Some("القاهرة"));
        assert_eq!(docs[0].paragraphs, ["الفقرة الأولى.", "الفقرة الثانية."]);
        assert_eq!(docs[1].published.unwrap().to_string(), "2010-01-01");
        let q = tmp("open.sgml");
        std::fs::write(&q, "<DOC>\n<DOCNO>A</DOCNO>\n</DOC>\n\n<DOC>\n<TEXT>x").unwrap();
        let err = read_file(&q, &CorpusOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 5") && err.contains("unclosed <DOC>"),
            "{err}"
        );
    }

    #[test]
    fn json_jsonl_csv() {
        let j = tmp("a.json");
        std::fs::write(&j, r#"[{"source":"s","url":"http://x/1","title":"ت","author":"م","content":"نص الخبر.\nرابط الخبر بصحيفة الوئام: ت"}]"#).unwrap();
        let docs = read_file(&j, &CorpusOptions::default()).unwrap();
        assert_eq!(docs[0].id.as_deref(), Some("http://x/1"));
        assert_eq!(docs[0].body, "نص الخبر.");
        assert_eq!(docs[0].author.as_deref(), Some("م"));
        let t = tmp("trunc.json");
        std::fs::write(&t, r#"[{"title": "a", "content": "b"}, {"title""#).unwrap();
        let err = read_file(&t, &CorpusOptions::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 1 column"), "{err}");
        let l = tmp("b.jsonl");
        std::fs::write(&l, "{\"text\": \"أ.\"}\n{bad\n").unwrap();
        let err = read_file(&l, &CorpusOptions::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2"), "{err}");
        let c = tmp("c.csv");
        std::fs::write(&c, "doc,txt\n7,\"نص، مع فاصلة.\"\n").unwrap();
        let o = CorpusOptions {
            text_column: Some("txt".into()),
            id_column: Some("doc".into()),
            ..CorpusOptions::default()
        };
        let docs = read_file(&c, &o).unwrap();
        assert_eq!(docs[0].id.as_deref(), Some("7"));
        assert_eq!(docs[0].body, "نص، مع فاصلة.");
        let err = read_file(&c, &CorpusOptions::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("no text field"), "{err}");
    }

    #[test]
    fn recurring_counts_merge_in_any_split() {
        let footer = "هذا الخبر منشور في موقع المدينة اليومي.";
        let records: Vec<Record> = (0..12)
            .map(|i| Record {
                path: format!("{}/{i}.txt", if i % 3 == 0 { "a" } else { "b" }),
                document: Document {
                    body: if i % 4 == 0 {
                        format!("خبر رقم {i}.")
                    } else {
                        format!("خبر رقم {i}.\n\n{footer}\n\nسطر {}", i % 2)
                    },
                    ..Document::default()
                },
            })
            .collect();
        let options = CorpusOptions::default();
        let whole = RecurringCounts::count(&records, &options);
        for split in 0..=records.len() {
            let mut merged = RecurringCounts::count(&records[split..], &options);
            merged.merge(&RecurringCounts::count(&records[..split], &options));
            assert_eq!(merged, whole, "split at {split}");
            let back = RecurringCounts::from_bytes(&merged.to_bytes()).unwrap();
            assert_eq!(back, whole);
        }
        let mut single = records.clone();
        let removed = remove_recurring(&mut single, &options);
        let lines = RecurringLines::from_bytes(&whole.recurring(&options).to_bytes()).unwrap();
        let mut parts = records;
        let removed_parts: usize = parts.iter_mut().map(|r| lines.apply(r, &options)).sum();
        assert_eq!((removed, &single), (removed_parts, &parts));
        assert!(removed > 0);
        for bad in [
            &b""[..],
            b"WQRC1",
            b"WQRC1\x01\0\0\0\0\0\0\0",
            b"WQRL2\0\0\0\0\0\0\0\0",
        ] {
            assert!(RecurringCounts::from_bytes(bad).is_err());
        }
    }

    #[test]
    fn published_metadata() {
        assert_eq!(
            parse_published("2017-01-26T08:31:00+01:00")
                .unwrap()
                .to_string(),
            "2017-01-26T08:31:00"
        );
        assert_eq!(
            parse_published("2015-07-21 10:02:03").unwrap().to_string(),
            "2015-07-21T10:02:03"
        );
        assert_eq!(
            parse_published("الثلاثاء، 03-05-2016").unwrap().to_string(),
            "2016-05-03"
        );
        assert!(parse_published("غير معروف").is_none());
    }

    #[test]
    fn longest_sgml_field_is_the_longest_name() {
        assert_eq!(
            SGML_FIELDS.iter().map(|f| f.len()).max(),
            Some(LONGEST_SGML_FIELD)
        );
    }

    #[test]
    fn slashed_dates_read_as_the_date_parser_reads_them() {
        let general = |t: &str| match parse_date_line(t).map(|m| m.value) {
            Some(DateValue::Day(d)) => Some(d),
            _ => None,
        };
        let mut day = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
        while day.year() <= 2035 {
            let t = day.format("%d/%m/%Y").to_string();
            assert_eq!(slashed_day_month_year(&t), Some(day), "{t}");
            assert_eq!(general(&t), Some(day), "{t}");
            day = day.succ_opt().unwrap();
        }
        // Not a day/month/year date: left to the general parser.
        for t in [
            "31/02/2016",
            "00/05/2016",
            "12/13/2016",
            "1/05/2016",
            "17-05-2015",
            "17/05/201x",
        ] {
            assert_eq!(slashed_day_month_year(t), None, "{t}");
        }
    }
}
