//! Normalising (and tokenising) texts given as code points, with UTF-16 out: the
//! path for a caller whose strings are not UTF-8, such as CPython's.
//!
//! **What it assumes.** The caller can copy a string's code points out cheaply and
//! build a string from UTF-16 cheaply, but pays dearly for UTF-8 either way. That is
//! CPython: a `str` holding Arabic is stored as UCS-2, so `PyUnicode_AsUCS4` is a
//! widening copy and `PyUnicode_DecodeUTF16` a narrowing one, while encoding to UTF-8
//! and decoding from it go character by character, on the one thread that holds the
//! GIL while every core waits for it.
//!
//! **What was measured** (`docs/performance.md`, the text section): on SaudiNewsNet
//! article text CPython encodes UTF-32 about 3× as fast as UTF-8 and decodes UTF-16
//! about 4× as fast as UTF-8; with the UTF-8 conversions on the GIL thread the batch
//! calls were bound by them, not by the normaliser. Here the UTF-8 a normaliser needs
//! is made from the code points, and the UTF-16 the caller needs from its output, on
//! the worker threads, in buffers that each thread reuses.
//!
//! The output is, by construction, the UTF-16 form of what [`Normalizer::normalize`]
//! and [`Normalizer::tokenize_joined`] return for the same text.

use super::Normalizer;
use crate::text::ScalarBuf;
use std::cell::RefCell;

/// What [`Normalizer::to_utf16`] makes of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WideOutput {
    /// [`Normalizer::normalize`].
    Normalized,
    /// [`Normalizer::tokenize_joined`]: the tokens, separated by single spaces.
    TokensJoined,
}

/// A thread's buffers, kept from one text to the next so that a batch allocates
/// only its outputs.
#[derive(Default)]
struct Scratch {
    utf8: String,
    normalized: String,
    joined: String,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Normalizer {
    /// Normalises (or normalises and tokenises) `text`, given as `char`s, and
    /// appends the result to `out` as UTF-16.
    ///
    /// ```
    /// use warraq::normalize::{Normalizer, WideOutput};
    /// let n = Normalizer::default();
    /// let text: Vec<char> = "أعلنت الوزارةُ: ٣٫٥٪".chars().collect();
    /// let mut out = Vec::new();
    /// n.to_utf16(&text, WideOutput::TokensJoined, &mut out);
    /// assert_eq!(String::from_utf16(&out).unwrap(), "اعلنت الوزاره : 3.5%");
    /// ```
    pub fn to_utf16(&self, text: &[char], output: WideOutput, out: &mut Vec<u16>) {
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => self.to_utf16_with(text, output, &mut scratch, out),
            // Only reachable if `to_utf16` were re-entered on this thread.
            Err(_) => self.to_utf16_with(text, output, &mut Scratch::default(), out),
        });
    }

    fn to_utf16_with(
        &self,
        text: &[char],
        output: WideOutput,
        scratch: &mut Scratch,
        out: &mut Vec<u16>,
    ) {
        let Scratch {
            utf8,
            normalized,
            joined,
        } = scratch;
        utf8.clear();
        utf8.extend(text);
        normalized.clear();
        self.normalize_into(utf8, normalized);
        let result = match output {
            WideOutput::Normalized => &*normalized,
            WideOutput::TokensJoined => {
                joined.clear();
                crate::tokenize::join_tokens_into(normalized, joined);
                &*joined
            }
        };
        push_utf16(result, out);
    }

    /// [`Self::to_utf16`] of every text of `texts`, in parallel (see
    /// [`crate::parallel`]), one UTF-16 buffer per text.
    ///
    /// ```
    /// use warraq::normalize::{Normalizer, WideOutput};
    /// use warraq::text::ScalarBuf;
    /// let mut texts = ScalarBuf::default();
    /// for t in ["إلى", "مدرسة"] {
    ///     texts.push_checked(&t.chars().map(u32::from).collect::<Vec<_>>()).unwrap();
    /// }
    /// let out = Normalizer::default().to_utf16_batch(&texts, WideOutput::Normalized);
    /// let out: Vec<String> = out.iter().map(|u| String::from_utf16(u).unwrap()).collect();
    /// assert_eq!(out, ["الي", "مدرسه"]);
    /// ```
    pub fn to_utf16_batch(&self, texts: &ScalarBuf, output: WideOutput) -> Vec<Vec<u16>> {
        crate::parallel::map(&texts.texts(), |text| {
            let mut out = Vec::new();
            self.to_utf16(text, output, &mut out);
            out
        })
    }
}

/// Appends `s` as UTF-16, with a fast path for runs of ASCII and of two-byte UTF-8
/// (Latin-1 to Arabic: one UTF-16 unit each), which are nearly all of Arabic news.
fn push_utf16(s: &str, out: &mut Vec<u16>) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            out.push(u16::from(b));
            i += 1;
        } else if b < 0xE0 {
            // A two-byte sequence (UTF-8 from a `&str` is valid, so `i + 1` exists).
            out.push((u16::from(b & 0x1F) << 6) | u16::from(bytes[i + 1] & 0x3F));
            i += 2;
        } else {
            let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
            let mut units = [0u16; 2];
            out.extend_from_slice(c.encode_utf16(&mut units));
            i += c.len_utf8();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_of_every_width() {
        let s = "a\u{00E9}\u{0627}\u{20AC}\u{1F600}z";
        let mut out = Vec::new();
        push_utf16(s, &mut out);
        assert_eq!(out, s.encode_utf16().collect::<Vec<_>>());
    }

    #[test]
    fn same_as_the_utf8_path() {
        let n = Normalizer::default();
        for text in [
            "",
            "  ",
            "إِنَّ ٣٫٥٪ من \u{202B}ﻷ\u{202C} ـ گ ک ی  ؟ 😀👨‍👩‍👧 www.example.com",
            "ا\u{0640}\u{0653} ﷽ ﷼\r\n\n\nx",
        ] {
            let chars: Vec<char> = text.chars().collect();
            let mut out = Vec::new();
            n.to_utf16(&chars, WideOutput::Normalized, &mut out);
            assert_eq!(String::from_utf16(&out).unwrap(), n.normalize(text));
            out.clear();
            n.to_utf16(&chars, WideOutput::TokensJoined, &mut out);
            assert_eq!(String::from_utf16(&out).unwrap(), n.tokenize_joined(text));
        }
    }
}
