//! A file's bytes → text: UTF-8 (with or without BOM), UTF-16 (with BOM, or
//! recognised by its zero bytes), Windows-1256; detected or forced. Empty and
//! binary files are errors naming the byte offset.

use crate::{Error, Result};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1256};
use std::borrow::Cow;
use std::path::Path;

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
pub(super) fn decode_text<'a>(
    path: &Path,
    bytes: &'a [u8],
    encoding: Option<&str>,
) -> Result<Cow<'a, str>> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
