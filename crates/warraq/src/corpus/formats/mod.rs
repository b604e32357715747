//! Decoded text → documents, in the layout of the file ([`Format`]): one scraped
//! article per `.txt`, JSON arrays and JSON lines ([`json`]), CSV/TSV tables
//! ([`csv`]), TREC/Gigaword SGML ([`sgml`]). Records that carry fields keep them
//! (id, title, author, source, url, publication date); their text still goes
//! through [`parse_document_with`].

mod csv;
mod json;
mod sgml;

use super::CorpusOptions;
use crate::document::{parse_document_with, Document, Known, Published};
use crate::{Error, Result};
use chrono::{NaiveDate, NaiveDateTime};
use std::borrow::Cow;
use std::path::Path;
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
            _ => {
                return Err(Error::invalid_option(
                    "format",
                    format!("{s:?}: expected auto, txt, json, jsonl, csv, sgml or html"),
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

/// «17/05/2015» read as day/month/year when that is a valid date, as
/// [`parse_date_line`](crate::dates::parse_date_line) reads it (a test checks every day of 1990–2035), without its
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
/// time kept), `YYYYMMDD`, or anything [`parse_date_line`](crate::dates::parse_date_line) reads.
fn parse_published(text: &str) -> Option<Published> {
    let t = text.trim();
    // `get`, not `?`: a date in words («1 رمضان 1437 هـ») may have no character
    // boundary at byte 19, and is read by `parse_date_line` below.
    if let Some(head) = t.get(..19) {
        let head = head.replace(' ', "T");
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
    crate::web::parse_text_date(t)
}

const TEXT_KEYS: &[&str] = &["text", "content", "body", "article", "story"];

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
    // A scraper that kept the markup: its main content, one block a line.
    let text = crate::web::record_text(&text);
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

/// Decoded text → documents, in the format of `options` or detected from `path`.
pub(super) fn read_text(path: &Path, text: &str, options: &CorpusOptions) -> Result<Vec<Document>> {
    let format = match options.format {
        Format::Auto => detect_format(path, text),
        f => f,
    };
    match format {
        Format::Json => json::read_json(path, text, options),
        Format::Jsonl => json::read_jsonl(path, text, options),
        Format::Csv => csv::read_csv(path, text, options),
        Format::Sgml => sgml::read_sgml(path, text),
        Format::Html => {
            let hints = crate::web::PageHints {
                path: Some(path),
                ..Default::default()
            };
            let mut doc = crate::web::parse_page_str(text, &hints)?.document;
            doc.id = Some(file_id(path));
            Ok(vec![doc])
        }
        Format::Txt | Format::Auto => Ok(vec![parse_document_with(
            text,
            &Known {
                id: Some(file_id(path)),
                ..Known::default()
            },
        )]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::{parse_date_line, DateValue};
    use chrono::Datelike;

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
        // dates in words, Hijri ones through the Umm al-Qura table, whatever byte 19 is
        assert_eq!(
            parse_published("1 رمضان 1437 هـ"),
            Some(Published::Date(
                NaiveDate::from_ymd_opt(2016, 6, 6).unwrap()
            ))
        );
        assert_eq!(
            parse_published("الخميس 10 ذو الحجة 1436هـ"),
            Some(Published::Date(
                NaiveDate::from_ymd_opt(2015, 9, 23).unwrap()
            ))
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
