//! WARC archives (`.warc`, and `.warc.gz` with one gzip member per record, as
//! crawlers write them): HTTP `response` records with HTML payloads → documents.
//! The Internet Archive's older ARC files (`.arc`, `.arc.gz`) are read too: `arc`
//! frames their records into the same responses.
//!
//! The archive is streamed, never held: `framing` reads one record at a time
//! from a `BufRead` (flate2's `MultiGzDecoder` for gzip, which reads member after
//! member), its header block bounded by [`MAX_HEADER_BYTES`] and its block read
//! with `Read::take(Content-Length)`; a block over [`MAX_RECORD_BYTES`] is skipped
//! unread. The HTTP head is parsed by `httparse` (`http`): non-2xx statuses, non-HTML
//! payloads and pages in other languages ([`CorpusOptions::languages`], decided
//! from a sample of the page before it is parsed, `page`) are skipped and counted in
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
//! Pages are parsed in parallel, [`PAGES_PER_BATCH`] at a time, by `page` (through
//! `crate::web`'s page reader, the one `.html` files go through).
//!
//! Why not the `warc` crate: its reader grows a header buffer without bound on
//! input without line ends, ends silently at a header truncated by the end of the
//! file, gives no byte offsets, and brings nom, uuid 0.8, url and libflate; the
//! framing is a hundred lines here, with httparse (hyper's parser) for HTTP.

mod arc;
mod framing;
mod http;
mod page;

use super::{FileDocuments, FlattenedPage};
use crate::corpus::{CorpusOptions, OnError};
use crate::document::Document;
use crate::{Error, Result};
use chrono::{DateTime, NaiveDateTime};
use framing::{Bad, RawRecord, Records};
use http::{http_page, NotPage};
use page::{page_document, page_language, Page};
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

/// An archive by its name: `.warc`, `.warc.gz`, and the older ARC format's
/// `.arc`, `.arc.gz`.
///
/// ```
/// use warraq::corpus::is_warc_name;
/// assert!(is_warc_name("crawl/CC-MAIN-001.warc.gz"));
/// assert!(is_warc_name("a.WARC"));
/// assert!(is_warc_name("IA-001102.arc.gz"));
/// assert!(!is_warc_name("a.json"));
/// ```
pub fn is_warc_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".gz").unwrap_or(&lower);
    stem.ends_with(".warc") || stem.ends_with(".arc")
}

fn warc_date(text: &str) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|d| d.naive_utc())
}

/// The error of a bad record, naming the archive, the record and its offset.
fn record_error(path: &Path, bad: &Bad, arc: bool) -> Error {
    Error::Parse {
        path: path.to_path_buf(),
        line: None,
        column: None,
        message: format!(
            "{} record {} (byte {}): {}",
            if arc { "ARC" } else { "WARC" },
            bad.number,
            bad.offset,
            bad.message
        ),
    }
}

/// The pages of one WARC archive, read a batch at a time: what `read_warc`
/// collects and what a [`CorpusStream`](crate::corpus::CorpusStream) pulls from, so
/// that an archive of any size is read in bounded memory.
pub struct WarcPages<'a> {
    path: std::path::PathBuf,
    records: Records<Box<dyn BufRead + Send + Sync + 'a>>,
    options: CorpusOptions,
    counts: ArchiveCounts,
    errors: Vec<Error>,
    flattened: Vec<FlattenedPage>,
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
            flattened: Vec::new(),
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

    /// The pages read so far with their deepest elements flattened (see
    /// [`FlattenedPage`]).
    pub fn take_flattened(&mut self) -> Vec<FlattenedPage> {
        std::mem::take(&mut self.flattened)
    }

    /// A bad record: the error under `Raise`, else counted and listed.
    fn bad_record(&mut self, bad: &Bad) -> Result<()> {
        let error = record_error(&self.path, bad, self.records.is_arc());
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
        // The charset as a page file finds it (BOM, HTTP header, <meta>, detection).
        let html = match crate::web::decode_page(
            &self.path,
            &page.payload,
            page.content_type.as_deref(),
        ) {
            Ok((text, _, _)) => text.into_owned(),
            Err(e) => {
                let bad = Bad {
                    number: record.number,
                    offset: record.offset,
                    message: e.to_string(),
                    fatal: false,
                };
                self.bad_record(&bad)?;
                return Ok(None);
            }
        };
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
            record: record.number,
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
        let read = crate::parallel::map(&pages, page_document);
        let mut docs = Vec::with_capacity(read.len());
        for (page, (doc, flattened)) in pages.iter().zip(read) {
            self.flattened.extend(FlattenedPage::of(
                flattened,
                &self.path,
                Some(page.record),
                doc.id.as_deref(),
            ));
            docs.push(doc);
        }
        Ok(Some(docs))
    }

    /// Every remaining document, with the counts and the skipped records' errors.
    fn read_all(mut self) -> Result<FileDocuments> {
        let mut out = FileDocuments::default();
        while let Some(docs) = self.next_documents(PAGES_PER_BATCH)? {
            out.documents.extend(docs);
        }
        out.archive = Some(self.counts);
        out.errors = self.errors;
        out.flattened = self.flattened;
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
    use super::http::dechunk;
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

    /// An ARC v1 file of `records` (URL, HTTP message), gzipped per record or not.
    fn arc_file(records: &[(&str, &str)], gzip: bool) -> Vec<u8> {
        let desc = "1 0 warraq test\nURL IP-address Archive-date Content-type Archive-length\n";
        let mut parts = vec![format!(
            "filedesc://test.arc 0.0.0.0 20080430204825 text/plain {}\n{desc}\n",
            desc.len()
        )];
        for (url, http) in records {
            parts.push(format!(
                "{url} 192.0.2.1 20080430204826 text/html {}\n{http}\n",
                http.len()
            ));
        }
        if !gzip {
            return parts.concat().into_bytes();
        }
        let mut out = Vec::new();
        for part in parts {
            use std::io::Write;
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(part.as_bytes()).unwrap();
            out.extend(gz.finish().unwrap());
        }
        out
    }

    #[test]
    fn arc_files_plain_and_gzipped() {
        let records = [
            ("http://example.org/1", PAGE),
            ("dns:example.org", "192.0.2.1"),
            ("http://example.org/2", PAGE),
        ];
        for gzip in [false, true] {
            let bytes = arc_file(&records, gzip);
            let read =
                read_warc_bytes(Path::new("a.arc.gz"), &bytes, &CorpusOptions::default()).unwrap();
            let urls: Vec<_> = read
                .documents
                .iter()
                .map(|d| d.url.clone().unwrap())
                .collect();
            assert_eq!(urls, ["http://example.org/1", "http://example.org/2"]);
            assert_eq!(read.documents[0].title.as_deref(), Some("عنوان الخبر"));
            assert_eq!(
                read.documents[0].fetched.unwrap().to_string(),
                "2008-04-30 20:48:26"
            );
            let counts = read.archive.unwrap();
            assert_eq!((counts.records, counts.responses, counts.pages), (4, 2, 2));
        }
        // a length that lies: named as an ARC record, and the next record still read
        let bytes = arc_file(&records, false);
        let text = String::from_utf8(bytes).unwrap();
        let lying = text.replacen(
            &format!("text/html {}", PAGE.len()),
            &format!("text/html {}", PAGE.len() - 5),
            1,
        );
        let err = read_warc_bytes(
            Path::new("a.arc"),
            lying.as_bytes(),
            &CorpusOptions::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("a.arc: ARC record 1 (byte "), "{err}");
        let skip = CorpusOptions {
            errors: OnError::Skip,
            ..CorpusOptions::default()
        };
        let read = read_warc_bytes(Path::new("a.arc"), lying.as_bytes(), &skip).unwrap();
        assert_eq!(read.documents.len(), 1);
        assert_eq!(read.archive.unwrap().bad_records, 1);
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
        // the Rust stream reads the archive a batch of pages at a time too
        let sources = [path.display().to_string()];
        let n = crate::corpus::iter_corpus(&sources, CorpusOptions::default())
            .unwrap()
            .filter(Result::is_ok)
            .count();
        assert_eq!(n, 600);
    }
}
