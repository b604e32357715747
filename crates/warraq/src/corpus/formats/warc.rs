//! WARC archives (`.warc`, and `.warc.gz` with one gzip member per record, as
//! crawlers write them): HTTP `response` records with HTML payloads → documents.
//!
//! The archive is streamed, never held: [`Records`] reads one record at a time
//! from a `BufRead` (flate2's `MultiGzDecoder` for gzip, which reads member after
//! member), its header block bounded by [`MAX_HEADER_BYTES`] and its block read
//! with `Read::take(Content-Length)`; a block over [`MAX_RECORD_BYTES`] is skipped
//! unread. The HTTP head is parsed by `httparse`: non-2xx statuses, non-HTML
//! payloads and pages in other languages ([`CorpusOptions::languages`], decided
//! from a sample of the page before it is parsed) are skipped and counted in
//! [`ArchiveCounts`]. `WARC-Target-URI` becomes the document's `url` (and id),
//! `WARC-Date` its `fetched` time (UTC), never its `published` date.
//!
//! Bad input names the archive, the record (from 0) and its byte offset in the
//! (decompressed) stream: a truncated archive or gzip member, a `Content-Length`
//! that does not end the record, a header block that is not one. Under
//! [`OnError::Skip`](crate::corpus::OnError::Skip) a bad record is counted and the
//! reader moves on to the next `WARC/` line (a broken gzip stream ends the
//! archive there, with its error listed); under `Raise` the error stops the read.
//!
//! Pages are parsed in parallel, [`PAGES_PER_BATCH`] at a time.

use super::sgml::unescape;
use super::FileDocuments;
use crate::corpus::{CorpusOptions, OnError};
use crate::document::{parse_document_with, Document, Known};
use crate::{Error, Result};
use chrono::{DateTime, NaiveDateTime};
use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// A WARC header block longer than this is not one (a corrupt or non-WARC file).
pub const MAX_HEADER_BYTES: u64 = 64 * 1024;
/// Records whose block is longer than this are skipped without being read (and
/// counted in [`ArchiveCounts::too_large`]): no news page is that big.
pub const MAX_RECORD_BYTES: u64 = 32 * 1024 * 1024;
/// Pages gathered before they are parsed, in parallel.
pub const PAGES_PER_BATCH: usize = 256;

/// What was found in one archive, record by record.
///
/// ```
/// let c = warraq::corpus::ArchiveCounts::default();
/// assert_eq!(c.records, 0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArchiveCounts {
    /// Records read (every type: `warcinfo`, `request`, `response`, `metadata`…).
    pub records: usize,
    /// HTTP `response` records.
    pub responses: usize,
    /// Documents made (responses with an HTML payload, status 2xx, in the languages asked).
    pub pages: usize,
    /// Responses whose status is not 2xx (redirects, errors).
    pub http_status: usize,
    /// Responses whose payload is not HTML (images, PDF, JSON, scripts…) or is
    /// compressed in an encoding warraq does not read.
    pub not_html: usize,
    /// HTML pages in a language not asked for (see [`CorpusOptions::languages`]).
    pub other_language: usize,
    /// Records over [`MAX_RECORD_BYTES`], skipped unread.
    pub too_large: usize,
    /// Malformed records skipped under `errors="skip"` (their errors are listed too).
    pub bad_records: usize,
}

/// An archive by its name: `.warc`, `.warc.gz`.
///
/// ```
/// use warraq::corpus::is_warc_name;
/// assert!(is_warc_name("crawl/CC-MAIN-001.warc.gz"));
/// assert!(is_warc_name("a.WARC"));
/// assert!(!is_warc_name("a.json"));
/// ```
pub fn is_warc_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".warc") || lower.ends_with(".warc.gz")
}

/// One record's framing and the fields warraq uses.
#[derive(Debug, Default)]
struct RawRecord {
    /// From 0.
    number: usize,
    /// Where its version line starts in the (decompressed) stream.
    offset: u64,
    warc_type: String,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
    /// `None` when over [`MAX_RECORD_BYTES`] (skipped unread).
    block: Option<Vec<u8>>,
}

/// A record that could not be read: where, why, and whether the stream can go on.
#[derive(Debug)]
struct Bad {
    number: usize,
    offset: u64,
    message: String,
    /// The stream itself broke (I/O, gzip, end of file): nothing more can be read.
    fatal: bool,
}

/// WARC records streamed from `reader`.
struct Records<R> {
    reader: R,
    /// Bytes consumed so far.
    pos: u64,
    number: usize,
    /// After a bad record: skip to the next `WARC/` line.
    resync: bool,
    line: Vec<u8>,
}

impl<R: BufRead> Records<R> {
    fn new(reader: R) -> Self {
        Records {
            reader,
            pos: 0,
            number: 0,
            resync: false,
            line: Vec::new(),
        }
    }

    fn bad(&self, offset: u64, message: impl Into<String>, fatal: bool) -> Bad {
        Bad {
            number: self.number,
            offset,
            message: message.into(),
            fatal,
        }
    }

    fn io_bad(&self, e: &std::io::Error) -> Bad {
        let what = if e.kind() == std::io::ErrorKind::UnexpectedEof {
            "the archive is truncated".to_string()
        } else {
            format!("cannot read the archive: {e}")
        };
        self.bad(self.pos, what, true)
    }

    /// Reads one line (at most [`MAX_HEADER_BYTES`]) into `self.line`; its length.
    fn read_line(&mut self) -> std::result::Result<usize, Bad> {
        self.line.clear();
        let n = (&mut self.reader)
            .take(MAX_HEADER_BYTES)
            .read_until(b'\n', &mut self.line)
            .map_err(|e| self.io_bad(&e))?;
        self.pos += n as u64;
        Ok(n)
    }

    /// The next record, `None` at the end of the archive.
    fn next_record(&mut self) -> Option<std::result::Result<RawRecord, Bad>> {
        // The version line, after any blank lines (and, resyncing, any other line).
        let start = loop {
            match self.read_line() {
                Err(e) => return Some(Err(e)),
                Ok(0) => return None,
                Ok(n) => {
                    let line = &self.line;
                    if line.starts_with(b"WARC/") {
                        self.resync = false;
                        break self.pos - n as u64;
                    }
                    if !self.resync && !line.iter().all(u8::is_ascii_whitespace) {
                        let at = self.pos - n as u64;
                        self.resync = true;
                        return Some(Err(self.bad(
                            at,
                            "expected a WARC/1.x version line (not a WARC record, or the previous record's Content-Length is wrong)",
                            false,
                        )));
                    }
                }
            }
        };
        let record = self.read_record(start);
        self.number += 1;
        if matches!(&record, Err(b) if !b.fatal) {
            self.resync = true;
        }
        Some(record)
    }

    fn read_record(&mut self, start: u64) -> std::result::Result<RawRecord, Bad> {
        let mut record = RawRecord {
            number: self.number,
            offset: start,
            ..RawRecord::default()
        };
        let mut length: Option<u64> = None;
        loop {
            let n = self.read_line()?;
            if n == 0 {
                return Err(self.bad(start, "the archive ends inside a record's header", true));
            }
            if self.pos - start > MAX_HEADER_BYTES {
                return Err(self.bad(
                    start,
                    format!("the header block is over {MAX_HEADER_BYTES} bytes"),
                    false,
                ));
            }
            let line = String::from_utf8_lossy(&self.line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            let Some((name, value)) = line.split_once(':') else {
                // A folded continuation line, or noise: not a field warraq reads.
                continue;
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => record.warc_type = value,
                "warc-target-uri" => {
                    record.target_uri = Some(value.trim_matches(['<', '>']).to_string());
                }
                "warc-date" => record.date = Some(value),
                "content-type" => record.content_type = Some(value),
                "content-length" => match value.parse::<u64>() {
                    Ok(len) => length = Some(len),
                    Err(_) => {
                        return Err(self.bad(
                            start,
                            format!("Content-Length {value:?} is not a number"),
                            false,
                        ))
                    }
                },
                _ => {}
            }
        }
        let Some(length) = length else {
            return Err(self.bad(start, "the record has no Content-Length", false));
        };
        let body_start = self.pos;
        let read = if length > MAX_RECORD_BYTES {
            std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink())
        } else {
            let mut block = Vec::with_capacity(usize::try_from(length.min(1 << 20)).unwrap_or(0));
            let read = (&mut self.reader).take(length).read_to_end(&mut block);
            record.block = Some(block);
            read.map(|n| n as u64)
        }
        .map_err(|e| self.io_bad(&e))?;
        self.pos += read;
        if read < length {
            return Err(self.bad(
                start,
                format!(
                    "Content-Length says {length} bytes, the archive ends after {read} (truncated)"
                ),
                true,
            ));
        }
        // The block is followed by a blank line (CRLF CRLF): anything else means the
        // length is wrong.
        let mut ends = 0;
        while ends < 4 {
            let next = match self.reader.fill_buf() {
                Ok(buf) => buf.first().copied(),
                Err(e) => return Err(self.io_bad(&e)),
            };
            match next {
                Some(b'\r' | b'\n') => {
                    self.reader.consume(1);
                    self.pos += 1;
                    ends += 1;
                }
                None if ends > 0 => break,
                None => {
                    return Err(self.bad(
                        start,
                        "the archive ends right after the block (no blank line: truncated?)",
                        true,
                    ))
                }
                Some(_) => {
                    return Err(self.bad(
                        start,
                        format!(
                            "Content-Length {length} does not end the record: byte {} is not the blank line after the block",
                            body_start + length
                        ),
                        false,
                    ))
                }
            }
        }
        Ok(record)
    }
}

/// An HTTP response's HTML payload, and the header fields that tell how to read it.
struct HttpPage<'b> {
    payload: Cow<'b, [u8]>,
    content_type: Option<String>,
    content_language: Option<String>,
}

/// Why a response is not read as a page.
enum NotPage {
    Status,
    NotHtml,
    /// Malformed HTTP: a bad record.
    Bad(String),
}

fn header_value(headers: &[httparse::Header<'_>], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))
        .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
}

/// A block of `Transfer-Encoding: chunked` data, de-chunked (`None` if malformed).
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = memchr::memchr(b'\n', data)?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        data = &data[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
}

/// A payload decompressed per `Content-Encoding` (gzip, deflate), at most
/// [`MAX_RECORD_BYTES`]; `None` for an encoding warraq does not read or bad data.
fn decompress(payload: &[u8], encoding: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let limit = MAX_RECORD_BYTES;
    let read = match encoding {
        "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(payload)
            .take(limit)
            .read_to_end(&mut out),
        "deflate" => flate2::read::ZlibDecoder::new(payload)
            .take(limit)
            .read_to_end(&mut out),
        _ => return None,
    };
    read.ok().map(|_| out)
}

fn looks_like_html(payload: &[u8]) -> bool {
    let head = &payload[..payload.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<head")
}

/// The HTML page of a `response` record's block.
fn http_page(block: &[u8]) -> std::result::Result<HttpPage<'_>, NotPage> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let head_len = match response.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err(NotPage::Bad("the HTTP head is incomplete".into()))
        }
        Err(e) => return Err(NotPage::Bad(format!("malformed HTTP head: {e}"))),
    };
    if !matches!(response.code, Some(200..=299)) {
        return Err(NotPage::Status);
    }
    let headers = response.headers;
    let content_type = header_value(headers, "content-type");
    let mut payload: Cow<'_, [u8]> = Cow::Borrowed(&block[head_len..]);
    if header_value(headers, "transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
    {
        // Crawlers store what the server sent; some de-chunk it already.
        if let Some(plain) = dechunk(&payload) {
            payload = Cow::Owned(plain);
        }
    }
    if let Some(encoding) = header_value(headers, "content-encoding") {
        let encoding = encoding.to_ascii_lowercase();
        if !matches!(encoding.as_str(), "" | "identity") {
            payload = Cow::Owned(decompress(&payload, &encoding).ok_or(NotPage::NotHtml)?);
        }
    }
    let html_type = content_type.as_deref().map(|t| {
        let t = t.to_ascii_lowercase();
        t.starts_with("text/html") || t.starts_with("application/xhtml")
    });
    match html_type {
        Some(true) => {}
        // No type, or a generic one: the payload decides.
        None => {
            if !looks_like_html(&payload) {
                return Err(NotPage::NotHtml);
            }
        }
        Some(false)
            if content_type
                .as_deref()
                .is_some_and(|t| t.to_ascii_lowercase().starts_with("text/plain"))
                && looks_like_html(&payload) => {}
        Some(false) => return Err(NotPage::NotHtml),
    }
    Ok(HttpPage {
        payload,
        content_type,
        content_language: header_value(headers, "content-language"),
    })
}

/// The `charset=` of a Content-Type header or of a `<meta>` in the page's head.
fn charset(content_type: Option<&str>, payload: &[u8]) -> Option<String> {
    let from = |text: &str| {
        let lower = text.to_ascii_lowercase();
        let at = lower.find("charset=")? + "charset=".len();
        let value: String = lower[at..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        (!value.is_empty()).then_some(value)
    };
    content_type.and_then(from).or_else(|| {
        let head = String::from_utf8_lossy(&payload[..payload.len().min(4096)]).into_owned();
        from(&head)
    })
}

/// The page's text as `charset` says (`windows-1256` for `cp1256`), else UTF-8,
/// else Windows-1256 (as [`decode`](crate::corpus::decode) guesses).
fn decode_page<'a>(payload: &'a [u8], charset: Option<&str>) -> Cow<'a, str> {
    let encoding = charset.and_then(|c| {
        encoding_rs::Encoding::for_label(c.as_bytes())
            .or_else(|| matches!(c, "cp1256" | "1256").then_some(encoding_rs::WINDOWS_1256))
    });
    match encoding {
        Some(enc) => enc.decode_with_bom_removal(payload).0,
        None => match std::str::from_utf8(payload) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => encoding_rs::WINDOWS_1256.decode(payload).0,
        },
    }
}

/// The primary subtag of `<html lang="…">`, lowercased.
fn declared_language(html: &str) -> Option<String> {
    let lower = prefix(html, 8192).to_ascii_lowercase();
    let tag_start = lower.find("<html")?;
    let tag = &lower[tag_start
        ..lower[tag_start..]
            .find('>')
            .map_or(lower.len(), |e| tag_start + e)];
    let at = tag.find("lang=")? + "lang=".len();
    let value: String = tag[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    (!value.is_empty()).then_some(value)
}

/// Languages written in the Arabic script that a page may declare.
const ARABIC_SCRIPT_LANGUAGES: [&str; 8] = ["ar", "fa", "ur", "ps", "ku", "ckb", "sd", "ug"];

/// `text` cut to at most `max` bytes, at a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Letters in the Arabic script and in others, in the text outside tags, scripts
/// and styles of `html` (its first 64 KiB): the cheap look at a page's language.
fn script_letters(html: &str) -> (usize, usize) {
    let sample = prefix(html, 64 * 1024);
    // ASCII lowercasing keeps every byte offset.
    let lower = sample.to_ascii_lowercase();
    let (mut arabic, mut other) = (0, 0);
    let mut i = 0;
    while i < sample.len() {
        let lt = lower[i..].find('<').map_or(sample.len(), |p| i + p);
        for c in sample[i..lt].chars().filter(|c| c.is_alphabetic()) {
            if crate::text::chars::is_arabic_script(c) {
                arabic += 1;
            } else {
                other += 1;
            }
        }
        if lt == sample.len() {
            break;
        }
        let tag = &lower[lt..];
        let close = if tag.starts_with("<script") {
            "</script"
        } else if tag.starts_with("<style") {
            "</style"
        } else {
            ">"
        };
        match tag.find(close) {
            Some(end) => i = lt + end + close.len(),
            None => break,
        }
    }
    (arabic, other)
}

/// The page's language for the filter: `ar` when most letters of its visible
/// text are Arabic-script (unless it declares another Arabic-script language,
/// `fa`, `ur`…), else what `<html lang>` or `Content-Language` declares.
fn page_language(html: &str, content_language: Option<&str>) -> Option<String> {
    let declared = declared_language(html).or_else(|| {
        content_language.map(|l| {
            l.to_ascii_lowercase()
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect()
        })
    });
    let (arabic, other) = script_letters(html);
    let arabic_script = arabic >= 20 && arabic >= other;
    match declared {
        Some(d) if arabic_script && ARABIC_SCRIPT_LANGUAGES.contains(&d.as_str()) => Some(d),
        _ if arabic_script => Some("ar".into()),
        Some(d) if d != "ar" && !d.is_empty() => Some(d),
        _ => None,
    }
}

/// A page's text, one block a line: until the HTML page parser of `crate::web`
/// is merged, a small stand-in (tags dropped, block elements and `<br>` end lines,
/// scripts and styles skipped, a few entities decoded) and the `<title>`.
fn page_text(html: &str) -> (String, Option<String>) {
    const BLOCKS: [&str; 14] = [
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "article", "section", "header",
        "footer", "title",
    ];
    let lower = html.to_ascii_lowercase();
    let title = lower.find("<title").and_then(|t| {
        let open_end = t + lower[t..].find('>')? + 1;
        let close = open_end + lower[open_end..].find("</title")?;
        Some(unescape(html[open_end..close].trim()))
    });
    let mut out = String::with_capacity(html.len() / 4);
    let mut i = 0;
    while let Some(lt) = lower[i..].find('<').map(|p| p + i) {
        out.push_str(&unescape(&html[i..lt]));
        let name: String = lower[lt + 1..]
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let skip_to = match name.as_str() {
            "script" | "style" | "noscript" | "title" => {
                let close = format!("</{name}");
                lower[lt..].find(&close).map(|p| lt + p)
            }
            _ => Some(lt),
        };
        let Some(from) = skip_to else { break };
        let Some(gt) = lower[from..].find('>') else {
            break;
        };
        i = from + gt + 1;
        if BLOCKS.contains(&name.as_str()) {
            out.push('\n');
        }
    }
    if i < html.len() && !lower[i..].contains('<') {
        out.push_str(&unescape(&html[i..]));
    }
    let text = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    (text, title.filter(|t| !t.is_empty()))
}

/// One HTML page of the archive, ready to be parsed.
struct Page {
    html: String,
    url: Option<String>,
    fetched: Option<NaiveDateTime>,
}

fn page_document(page: &Page) -> Document {
    let (text, title) = page_text(&page.html);
    let known = Known {
        id: page.url.clone(),
        url: page.url.clone(),
        title_field: title.is_some(),
        title,
        ..Known::default()
    };
    let mut doc = parse_document_with(&text, &known);
    doc.fetched = page.fetched;
    doc
}

fn warc_date(text: &str) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|d| d.naive_utc())
}

/// The error of a bad record, naming the archive, the record and its offset.
fn record_error(path: &Path, bad: &Bad) -> Error {
    Error::Parse {
        path: path.to_path_buf(),
        line: None,
        column: None,
        message: format!(
            "WARC record {} (byte {}): {}",
            bad.number, bad.offset, bad.message
        ),
    }
}

/// The pages of one WARC archive, read a batch at a time: what [`read_warc`]
/// collects and what a [`CorpusStream`](crate::corpus::CorpusStream) pulls from, so
/// that an archive of any size is read in bounded memory.
pub struct WarcPages<'a> {
    path: std::path::PathBuf,
    records: Records<Box<dyn BufRead + Send + Sync + 'a>>,
    options: CorpusOptions,
    counts: ArchiveCounts,
    errors: Vec<Error>,
    done: bool,
}

impl std::fmt::Debug for WarcPages<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarcPages")
            .field("path", &self.path)
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

impl WarcPages<'static> {
    /// Opens the archive at `path` (gzip or not, by its first bytes).
    ///
    /// ```
    /// use warraq::corpus::{CorpusOptions, WarcPages};
    /// let path = std::env::temp_dir().join("warraq_warc_pages_example.warc");
    /// let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><title>عنوان</title><p>قال الوزير إن المشروع بدأ.</p></html>";
    /// let record = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/1\r\nWARC-Date: 2020-08-24T11:05:00Z\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n", http.len());
    /// std::fs::write(&path, record).unwrap();
    /// let mut pages = WarcPages::open(&path, &CorpusOptions::default()).unwrap();
    /// let docs = pages.next_documents(10).unwrap().unwrap();
    /// assert_eq!(docs[0].url.as_deref(), Some("http://example.org/1"));
    /// assert!(pages.next_documents(10).unwrap().is_none());
    /// assert_eq!(pages.counts().pages, 1);
    /// ```
    pub fn open(path: &Path, options: &CorpusOptions) -> Result<Self> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        WarcPages::new(path, file, options)
    }
}

impl<'a> WarcPages<'a> {
    /// The pages of the archive read from `reader` (`path` names it in errors).
    pub fn new<R: Read + Send + Sync + 'a>(
        path: &Path,
        reader: R,
        options: &CorpusOptions,
    ) -> Result<Self> {
        let mut buffered = BufReader::with_capacity(1 << 20, reader);
        let gzip = buffered
            .fill_buf()
            .map_err(|e| Error::io(path, e))?
            .starts_with(&[0x1f, 0x8b]);
        let stream: Box<dyn BufRead + Send + Sync + 'a> = if gzip {
            let decoder = flate2::bufread::MultiGzDecoder::new(buffered);
            Box::new(BufReader::with_capacity(1 << 20, decoder))
        } else {
            Box::new(buffered)
        };
        Ok(WarcPages {
            path: path.to_path_buf(),
            records: Records::new(stream),
            options: options.clone(),
            counts: ArchiveCounts::default(),
            errors: Vec::new(),
            done: false,
        })
    }

    /// What the records read so far held.
    pub fn counts(&self) -> ArchiveCounts {
        self.counts
    }

    /// The errors of the bad records skipped so far (under `errors="skip"`).
    pub fn take_errors(&mut self) -> Vec<Error> {
        std::mem::take(&mut self.errors)
    }

    /// A bad record: the error under `Raise`, else counted and listed.
    fn bad_record(&mut self, bad: &Bad) -> Result<()> {
        let error = record_error(&self.path, bad);
        if self.options.errors == OnError::Raise {
            return Err(error);
        }
        self.counts.bad_records += 1;
        self.errors.push(error);
        Ok(())
    }

    /// The next page of the archive, `None` at its end.
    fn next_page(&mut self) -> Result<Option<Page>> {
        while !self.done {
            let Some(next) = self.records.next_record() else {
                self.done = true;
                break;
            };
            self.counts.records += 1;
            let record = match next {
                Ok(r) => r,
                Err(bad) => {
                    self.done = bad.fatal;
                    self.bad_record(&bad)?;
                    continue;
                }
            };
            if let Some(page) = self.page_of(record)? {
                self.counts.pages += 1;
                return Ok(Some(page));
            }
        }
        Ok(None)
    }

    /// The page a record holds, or `None` (counted) when it holds none.
    fn page_of(&mut self, record: RawRecord) -> Result<Option<Page>> {
        let is_http_response = record.warc_type.eq_ignore_ascii_case("response")
            && record
                .content_type
                .as_deref()
                .is_none_or(|t| t.to_ascii_lowercase().starts_with("application/http"));
        if !is_http_response {
            return Ok(None);
        }
        self.counts.responses += 1;
        let Some(block) = record.block.as_deref() else {
            self.counts.too_large += 1;
            return Ok(None);
        };
        let page = match http_page(block) {
            Ok(p) => p,
            Err(NotPage::Status) => {
                self.counts.http_status += 1;
                return Ok(None);
            }
            Err(NotPage::NotHtml) => {
                self.counts.not_html += 1;
                return Ok(None);
            }
            Err(NotPage::Bad(message)) => {
                let bad = Bad {
                    number: record.number,
                    offset: record.offset,
                    message,
                    fatal: false,
                };
                self.bad_record(&bad)?;
                return Ok(None);
            }
        };
        let charset = charset(page.content_type.as_deref(), &page.payload);
        let html = decode_page(&page.payload, charset.as_deref()).into_owned();
        if let Some(languages) = &self.options.languages {
            let language = page_language(&html, page.content_language.as_deref());
            if !language.is_some_and(|l| languages.iter().any(|want| want.eq_ignore_ascii_case(&l)))
            {
                self.counts.other_language += 1;
                return Ok(None);
            }
        }
        Ok(Some(Page {
            html,
            url: record.target_uri,
            fetched: record.date.as_deref().and_then(warc_date),
        }))
    }

    /// The documents of the next `max` pages at most (at least one), parsed in
    /// parallel; `None` at the end of the archive. Under `errors="raise"` a bad
    /// record is the error; under `"skip"` it is counted and listed.
    pub fn next_documents(&mut self, max: usize) -> Result<Option<Vec<Document>>> {
        let mut pages = Vec::new();
        while pages.len() < max.max(1) {
            match self.next_page()? {
                Some(p) => pages.push(p),
                None => break,
            }
        }
        if pages.is_empty() {
            return Ok(None);
        }
        Ok(Some(crate::parallel::map(&pages, page_document)))
    }

    /// Every remaining document, with the counts and the skipped records' errors.
    fn read_all(mut self) -> Result<FileDocuments> {
        let mut out = FileDocuments::default();
        while let Some(docs) = self.next_documents(PAGES_PER_BATCH)? {
            out.documents.extend(docs);
        }
        out.archive = Some(self.counts);
        out.errors = self.errors;
        Ok(out)
    }
}

/// Reads the WARC archive at `path` (see the [module docs](self)).
pub(crate) fn read_warc(path: &Path, options: &CorpusOptions) -> Result<FileDocuments> {
    WarcPages::open(path, options)?.read_all()
}

/// Reads a WARC archive held in memory, as [`read_warc`] reads a file (`path`
/// names it in errors).
pub(crate) fn read_warc_bytes(
    path: &Path,
    bytes: &[u8],
    options: &CorpusOptions,
) -> Result<FileDocuments> {
    WarcPages::new(path, bytes, options)?.read_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(uri: &str, http: &str) -> Vec<u8> {
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-08-24T11:05:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        )
        .into_bytes()
    }

    const PAGE: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html lang=\"ar\"><head><title>عنوان الخبر</title><script>var x = '<p>';</script></head><body><p>قال الوزير إن المشروع بدأ في العاصمة اليوم.</p><p>وأضاف أن العمل سينتهي العام المقبل.</p></body></html>";

    fn read(bytes: &[u8], options: &CorpusOptions) -> Result<FileDocuments> {
        read_warc_bytes(Path::new("a.warc"), bytes, options)
    }

    #[test]
    fn pages_url_fetched_and_counts() {
        let mut bytes = response("http://example.org/1", PAGE);
        bytes.extend(response(
            "http://example.org/2",
            "HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n",
        ));
        bytes.extend(response(
            "http://example.org/a.png",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\u{1}PNG",
        ));
        let read = read(&bytes, &CorpusOptions::default()).unwrap();
        assert_eq!(read.documents.len(), 1);
        let d = &read.documents[0];
        assert_eq!(d.url.as_deref(), Some("http://example.org/1"));
        assert_eq!(d.title.as_deref(), Some("عنوان الخبر"));
        assert_eq!(d.fetched.unwrap().to_string(), "2020-08-24 11:05:00");
        assert!(d.published.is_none());
        assert!(d.body.starts_with("قال الوزير"), "{}", d.body);
        let c = read.archive.unwrap();
        assert_eq!((c.records, c.responses, c.pages), (3, 3, 1));
        assert_eq!((c.http_status, c.not_html), (1, 1));
    }

    #[test]
    fn gzip_members_and_languages() {
        use std::io::Write;
        let english = PAGE
            .replace("lang=\"ar\"", "lang=\"en\"")
            .replace(
                "قال الوزير إن المشروع بدأ في العاصمة اليوم.",
                "The minister said the project started in the capital today.",
            )
            .replace(
                "وأضاف أن العمل سينتهي العام المقبل.",
                "He added that the work would end next year, in the spring or in the summer.",
            )
            .replace("عنوان الخبر", "Title");
        let mut gz = Vec::new();
        for (uri, page) in [
            ("http://example.org/ar", PAGE),
            ("http://example.org/en", english.as_str()),
        ] {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&response(uri, page)).unwrap();
            gz.extend(e.finish().unwrap());
        }
        let all = read(&gz, &CorpusOptions::default()).unwrap();
        assert_eq!(all.documents.len(), 2);
        let o = CorpusOptions {
            languages: Some(vec!["ar".into()]),
            ..CorpusOptions::default()
        };
        let ar = read(&gz, &o).unwrap();
        assert_eq!(ar.documents.len(), 1);
        assert_eq!(ar.archive.unwrap().other_language, 1);
        // a truncated gzip stream: the error names the record; skip keeps the pages before
        let cut = &gz[..gz.len() - 20];
        let err = read(cut, &CorpusOptions::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("a.warc: WARC record 1 (byte "), "{err}");
        let skip = CorpusOptions {
            errors: OnError::Skip,
            ..CorpusOptions::default()
        };
        let partial = read(cut, &skip).unwrap();
        assert_eq!((partial.documents.len(), partial.errors.len()), (1, 1));
    }

    #[test]
    fn lying_lengths_are_errors_and_skipped_records() {
        let mut bytes = response("http://example.org/1", PAGE);
        let good = response("http://example.org/3", PAGE);
        let mut liar = response("http://example.org/2", PAGE);
        // Content-Length 10 bytes too short
        let text = String::from_utf8(liar.clone()).unwrap();
        let n = PAGE.len();
        liar = text
            .replace(
                &format!("Content-Length: {n}"),
                &format!("Content-Length: {}", n - 10),
            )
            .into_bytes();
        bytes.extend(&liar);
        bytes.extend(&good);
        let err = read(&bytes, &CorpusOptions::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("WARC record 1 (byte "), "{err}");
        assert!(err.contains("does not end the record"), "{err}");
        let skip = CorpusOptions {
            errors: OnError::Skip,
            ..CorpusOptions::default()
        };
        let read = read(&bytes, &skip).unwrap();
        let urls: Vec<_> = read
            .documents
            .iter()
            .map(|d| d.url.clone().unwrap())
            .collect();
        assert_eq!(urls, ["http://example.org/1", "http://example.org/3"]);
        assert_eq!(read.archive.unwrap().bad_records, 1);
        // not a WARC file at all
        let err = super::read_warc_bytes(
            Path::new("x.warc"),
            b"hello\nworld\n",
            &CorpusOptions::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("WARC record 0 (byte 0"), "{err}");
    }

    #[test]
    fn http_details() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").unwrap(),
            b"hello world"
        );
        assert!(dechunk(b"zz\r\n").is_none());
        assert_eq!(
            charset(Some("text/html; charset=Windows-1256"), b""),
            Some("windows-1256".into())
        );
        assert_eq!(
            charset(None, b"<meta charset=\"utf-8\">"),
            Some("utf-8".into())
        );
        let cp = encoding_rs::WINDOWS_1256.encode("نص عربي").0;
        assert_eq!(decode_page(&cp, Some("windows-1256")), "نص عربي");
        assert_eq!(
            page_language(
                "<html lang=\"fa\"><p>این یک متن فارسی است که برای آزمایش نوشته شده</p>",
                None
            ),
            Some("fa".into())
        );
        assert_eq!(
            page_language("<p>English only</p>", Some("en-US")),
            Some("en".into())
        );
        assert_eq!(page_language("<p>x</p>", None), None);
    }

    #[test]
    fn a_stream_holds_a_batch_of_an_archive_at_a_time() {
        use crate::corpus::CorpusStream;
        let path = crate::corpus::tmp("many.warc");
        let mut bytes = Vec::new();
        for i in 0..600 {
            bytes.extend(response(&format!("http://example.org/{i}"), PAGE));
        }
        std::fs::write(&path, bytes).unwrap();
        let json = crate::corpus::tmp("after.jsonl");
        std::fs::write(&json, "{\"text\": \"نص الخبر.\"}\n").unwrap();
        let mut stream =
            CorpusStream::new(vec![path.clone(), json], 100, CorpusOptions::default()).unwrap();
        let (mut sizes, mut archives) = (Vec::new(), Vec::new());
        while let Some(batch) = stream.next_batch().unwrap() {
            sizes.push(batch.records.len());
            // never more than a batch and one group of pages held
            assert!(stream.pending.len() <= 100 + PAGES_PER_BATCH);
            archives.extend(batch.archives);
        }
        assert_eq!(sizes, [100, 100, 100, 100, 100, 100, 1]);
        assert_eq!(archives.len(), 1);
        assert_eq!(archives[0].counts.pages, 600);
        assert_eq!(stream.files_read(), 2);
    }
}
