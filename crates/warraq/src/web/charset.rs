//! A page's bytes → text. The charset is taken, most reliable first, from a byte
//! order mark, the HTTP `Content-Type` header, the page's own `<meta charset>` or
//! `<meta http-equiv="Content-Type">` (looked for in its first 4 KiB, as browsers
//! prescan), else the bytes are UTF-8 when they are valid UTF-8, else the charset is
//! detected with `chardetng` (Firefox's detector; windows-1256 is common on older
//! Arabic sites). Decoding is `encoding_rs` (the WHATWG Encoding Standard).
//!
//! Bytes that are not a page at all (a PDF, an image, an archive, binary data) are
//! refused before any decoding, with the reason and the byte offset.

use crate::{Error, Result};
use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;
use std::path::Path;

/// How far the `<meta charset>` prescan looks (browsers look at 1024 bytes; some
/// Arabic sites put long scripts before the meta, so a little further).
const PRESCAN: usize = 4096;

/// Magic numbers of files that are not HTML, with what they are.
const NOT_HTML: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1F\x8B", "gzip-compressed data (name the file .gz)"),
    (b"\xD0\xCF\x11\xE0", "an old Office document"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7FELF", "an executable"),
];

fn not_html(path: &Path, offset: usize, reason: impl Into<String>) -> Error {
    Error::Parse {
        path: path.to_path_buf(),
        line: None,
        column: None,
        message: format!("not an HTML page (at byte {offset}): {}", reason.into()),
    }
}

/// Refuses bytes that are not a page: known magic numbers, and NUL bytes (which
/// no HTML in an 8-bit charset or UTF-8 contains; UTF-16 pages start with a BOM).
///
/// ```
/// use std::path::Path;
/// use warraq::web::sniff_not_html;
/// let err = sniff_not_html(Path::new("a.html"), b"%PDF-1.7 ...").unwrap_err();
/// assert_eq!(err.to_string(), "a.html: not an HTML page (at byte 0): a PDF document");
/// assert!(sniff_not_html(Path::new("a.html"), b"<p>x</p>").is_ok());
/// ```
pub fn sniff_not_html(path: &Path, bytes: &[u8]) -> Result<()> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let head = &bytes[start..];
    for (magic, what) in NOT_HTML {
        if head.starts_with(magic) {
            return Err(not_html(path, start, *what));
        }
    }
    if Encoding::for_bom(bytes).is_none() {
        let sample = &bytes[..bytes.len().min(PRESCAN * 4)];
        if let Some(at) = memchr::memchr(0, sample) {
            return Err(not_html(path, at, "binary data (a NUL byte)"));
        }
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(not_html(path, 0, "the file is empty"));
    }
    Ok(())
}

/// The `charset=` parameter of a `Content-Type` value.
///
/// ```
/// use warraq::web::charset_param;
/// assert_eq!(charset_param("text/html; charset=\"windows-1256\""), Some("windows-1256"));
/// assert_eq!(charset_param("text/html"), None);
/// ```
pub fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content_type[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == '"' || c == '\'' || c == ';' || c == ',' || c.is_whitespace())
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|s| !s.is_empty())
}

/// The charset a page declares in a `<meta>` of its first [`PRESCAN`] bytes, with
/// the byte offset of the label.
fn meta_charset(bytes: &[u8]) -> Option<(&str, usize)> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&head[from..], b"<meta").map(|i| i + from) {
        let end = memchr::memchr(b'>', &head[at..]).map_or(head.len(), |i| at + i);
        let tag = &head[at..end];
        let lower = tag.to_ascii_lowercase();
        if let Some(c) = memchr::memmem::find(&lower, b"charset") {
            let text = String::from_utf8_lossy(&tag[c..]);
            // `charset=x` (meta charset) and `content="text/html; charset=x"`.
            if let Some(label) = charset_param(&text) {
                let offset = at + c + text.find(label).unwrap_or(0);
                let label = std::str::from_utf8(&bytes[offset..offset + label.len()]).ok()?;
                return Some((label, offset));
            }
        }
        from = end.max(at + 1);
    }
    None
}

/// Where the charset of a page came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    /// A byte order mark.
    Bom,
    /// The HTTP `Content-Type` header.
    Http,
    /// A `<meta>` of the page.
    Meta,
    /// Valid UTF-8, nothing declared.
    Utf8,
    /// Detected by `chardetng`.
    Detected,
}

fn decode_with<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> (Cow<'a, str>, bool) {
    let (text, _, malformed) = encoding.decode(bytes);
    (text, malformed)
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, true)
}

/// Decodes a page: the charset from the BOM, `content_type` (an HTTP header
/// value), the page's `<meta>`, valid UTF-8, or detection, in that order (see the
/// docs of `web/charset.rs`). A declared label that names no charset is an
/// [`Error::Decode`] at the label's offset unless the bytes are valid UTF-8; a page
/// declared UTF-8 whose bytes are not is decoded in the detected charset instead.
///
/// ```
/// use std::path::Path;
/// use warraq::web::{decode_page, CharsetSource};
/// let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("<p>قال الوزير</p>");
/// let (text, enc, how) = decode_page(Path::new("p.html"), &bytes, None).unwrap();
/// assert_eq!((text.as_ref(), enc.name(), how), ("<p>قال الوزير</p>", "windows-1256", CharsetSource::Detected));
/// let (_, enc, how) = decode_page(Path::new("p.html"), &bytes, Some("text/html; charset=cp1256")).unwrap();
/// assert_eq!((enc.name(), how), ("windows-1256", CharsetSource::Http));
/// let err = decode_page(Path::new("p.html"), b"<meta charset=klingon>\xE1", None).unwrap_err();
/// assert!(err.to_string().contains("byte 14"), "{err}");
/// ```
pub fn decode_page<'a>(
    path: &Path,
    bytes: &'a [u8],
    content_type: Option<&str>,
) -> Result<(Cow<'a, str>, &'static Encoding, CharsetSource)> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = decode_with(&bytes[bom..], encoding);
        return Ok((text, encoding, CharsetSource::Bom));
    }
    let declared = content_type
        .and_then(charset_param)
        .map(|l| (l, None, CharsetSource::Http))
        .or_else(|| meta_charset(bytes).map(|(l, at)| (l, Some(at), CharsetSource::Meta)));
    let utf8 = UTF_8.decode_without_bom_handling_and_without_replacement(bytes);
    if let Some((label, at, how)) = declared {
        match Encoding::for_label(label.trim().as_bytes()) {
            // The declaration is right, or UTF-8 is what the bytes are.
            Some(e) if e == UTF_8 || e.output_encoding() == UTF_8 => {
                if let Some(text) = utf8 {
                    return Ok((text, UTF_8, how));
                }
            }
            Some(e) => {
                let (text, _) = decode_with(bytes, e);
                return Ok((text, e, how));
            }
            None if utf8.is_some() => {}
            None => {
                return Err(Error::Decode {
                    path: path.to_path_buf(),
                    encoding: label.to_string(),
                    offset: at.unwrap_or(0),
                    message: format!(
                    "unknown charset {label:?} declared (in the {}) and the bytes are not UTF-8",
                    if how == CharsetSource::Http {
                        "HTTP Content-Type"
                    } else {
                        "page's <meta>"
                    }
                ),
                })
            }
        }
    }
    if let Some(text) = utf8 {
        return Ok((text, UTF_8, CharsetSource::Utf8));
    }
    let encoding = detect(bytes);
    let (text, _) = decode_with(bytes, encoding);
    Ok((text, encoding, CharsetSource::Detected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_prescan() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">";
        let (label, at) = meta_charset(page).unwrap();
        assert_eq!(label, "windows-1256");
        assert_eq!(&page[at..at + 12], b"windows-1256");
        assert_eq!(meta_charset(b"<meta charset='utf-8'>").unwrap().0, "utf-8");
        assert!(meta_charset(b"<meta name=x content=y>").is_none());
    }

    #[test]
    fn declared_utf8_that_is_not() {
        let (mut bytes, _, _) = encoding_rs::WINDOWS_1256.encode("قال الوزير إن المشروع بدأ");
        let mut page = b"<meta charset=\"utf-8\"><p>".to_vec();
        page.extend_from_slice(bytes.to_mut());
        let (text, enc, how) = decode_page(Path::new("x"), &page, None).unwrap();
        assert_eq!(enc.name(), "windows-1256");
        assert_eq!(how, CharsetSource::Detected);
        assert!(text.ends_with("قال الوزير إن المشروع بدأ"));
    }

    #[test]
    fn binary_is_refused() {
        let err = sniff_not_html(Path::new("x.htm"), b"<p>a\0b").unwrap_err();
        assert!(err.to_string().contains("at byte 4"), "{err}");
        assert!(sniff_not_html(Path::new("x.htm"), b"  \n").is_err());
        assert!(sniff_not_html(Path::new("x.htm"), b"\xFF\xFE<\0p\0>\0").is_ok());
    }
}
