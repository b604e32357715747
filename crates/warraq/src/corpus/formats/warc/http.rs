//! The HTTP response inside a WARC `response` record (`httparse`): its status,
//! its payload de-chunked and decompressed, and whether it is HTML (its charset is
//! found by `crate::web::decode_page`, as for a page file).

use super::MAX_RECORD_BYTES;
use std::borrow::Cow;
use std::io::Read;

/// An HTTP response's HTML payload, and the header fields that tell how to read it.
pub(super) struct HttpPage<'b> {
    pub(super) payload: Cow<'b, [u8]>,
    pub(super) content_type: Option<String>,
    pub(super) content_language: Option<String>,
}

/// Why a response is not read as a page.
pub(super) enum NotPage {
    Status,
    NotHtml,
    /// Malformed HTTP: a bad record.
    Bad(String),
}

pub(super) fn header_value(headers: &[httparse::Header<'_>], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))
        .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
}

/// A block of `Transfer-Encoding: chunked` data, de-chunked (`None` if malformed).
pub(super) fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
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
pub(super) fn decompress(payload: &[u8], encoding: &str) -> Option<Vec<u8>> {
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

pub(super) fn looks_like_html(payload: &[u8]) -> bool {
    let head = &payload[..payload.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<head")
}

/// The HTML page of a `response` record's block.
pub(super) fn http_page(block: &[u8]) -> std::result::Result<HttpPage<'_>, NotPage> {
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
