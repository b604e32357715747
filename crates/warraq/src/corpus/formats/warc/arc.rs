//! The Internet Archive's ARC format (`.arc`, `.arc.gz`), WARC's predecessor, as
//! the older collections of the Wayback Machine and national libraries hold it.
//!
//! An ARC file starts with a version block whose URL is `filedesc://…`; every
//! record is one header line, `URL IP-address Archive-date Content-type
//! Archive-length` (version 1; version 2 adds fields before the length, which is
//! always last), then `Archive-length` bytes (the HTTP response, status line and
//! headers included), then a newline. `.arc.gz` compresses each record as its own
//! gzip member, as `.warc.gz` does. A record becomes the [`RawRecord`] a WARC
//! `response` would: its URL the target URI, its 14-digit date the WARC date.

use super::framing::RawRecord;

/// One ARC record header line.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct ArcHeader {
    pub(super) url: String,
    /// `YYYYMMDDhhmmss` as RFC 3339 UTC (`None` when it is not 14 digits).
    pub(super) date: Option<String>,
    pub(super) length: u64,
}

/// Whether `line` (the first line of a file) starts an ARC file.
pub(super) fn is_arc_start(line: &[u8]) -> bool {
    line.starts_with(b"filedesc://")
}

/// `19960923142103` → `1996-09-23T14:21:03Z` (longer dates are cut to seconds).
fn arc_date(text: &str) -> Option<String> {
    let d = text.get(..14)?;
    if !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(format!(
        "{}-{}-{}T{}:{}:{}Z",
        &d[..4],
        &d[4..6],
        &d[6..8],
        &d[8..10],
        &d[10..12],
        &d[12..14]
    ))
}

/// The header line of a record, or why it is not one.
pub(super) fn parse_header(line: &[u8]) -> Result<ArcHeader, String> {
    let text = String::from_utf8_lossy(line);
    let fields: Vec<&str> = text.split_ascii_whitespace().collect();
    if fields.len() < 5 {
        return Err(format!(
            "expected an ARC record header (URL IP date type length), got {} field(s)",
            fields.len()
        ));
    }
    let last = fields.last().copied().unwrap_or_default();
    let length = last
        .parse::<u64>()
        .map_err(|_| format!("ARC record length {last:?} is not a number"))?;
    Ok(ArcHeader {
        url: fields[0].to_string(),
        date: arc_date(fields[2]),
        length,
    })
}

/// The record an ARC header stands for: an HTTP(S) URL is a `response` whose block
/// is the HTTP message; the version block (`filedesc://`) and `dns:` or other
/// entries are records warraq reads no page from.
pub(super) fn raw_record(header: ArcHeader, number: usize, offset: u64) -> RawRecord {
    let lower = header.url.to_ascii_lowercase();
    let http = lower.starts_with("http://") || lower.starts_with("https://");
    RawRecord {
        number,
        offset,
        warc_type: if http { "response" } else { "resource" }.to_string(),
        content_type: http.then(|| "application/http; msgtype=response".to_string()),
        target_uri: Some(header.url),
        date: header.date,
        block: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines() {
        let h = parse_header(b"http://example.org/a 192.0.2.1 20080430204825 text/html 1234\n")
            .unwrap();
        assert_eq!(h.url, "http://example.org/a");
        assert_eq!(h.date.as_deref(), Some("2008-04-30T20:48:25Z"));
        assert_eq!(h.length, 1234);
        // version 2: more fields, the length last
        let v2 = b"http://e.org/ 192.0.2.1 20080430204825 text/html 200 - - 0 f.arc 99";
        assert_eq!(parse_header(v2).unwrap().length, 99);
        assert!(parse_header(b"http://e.org/ 1.2.3.4 2008 text/html abc")
            .unwrap_err()
            .contains("not a number"));
        assert!(parse_header(b"garbage\n").unwrap_err().contains("1 field"));
        let r = raw_record(
            parse_header(b"dns:e.org 1.2.3.4 20080430204825 text/dns 10").unwrap(),
            1,
            0,
        );
        assert_eq!(r.warc_type, "resource");
    }
}
