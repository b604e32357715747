//! Byte offsets ↔ code-point offsets.
//!
//! Inside the core every span is a byte range into a `&str` (that is what slicing
//! needs). Python indexes strings by code point, so offsets that leave the core for
//! Python go through this module, and only through it.

/// Converts increasing byte offsets of one string to code-point offsets in a single
/// forward pass (amortised O(1) per query when queries are non-decreasing, as token,
/// sentence and entity spans are).
///
/// ```
/// use warraq::offsets::CharOffsets;
/// let text = "في 2016 كان";
/// let mut conv = CharOffsets::new(text);
/// assert_eq!(conv.char_offset(0), 0);
/// assert_eq!(conv.char_offset(5), 3); // "في " is 5 bytes, 3 code points
/// assert_eq!(conv.char_offset(text.len()), 11);
/// ```
#[derive(Debug, Clone)]
pub struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    /// A converter for `text`.
    pub fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte offset `byte` (which must be on a char boundary
    /// and at most `text.len()`). Queries may go backwards; that restarts the scan.
    ///
    /// # Panics
    /// If `byte` is not a char boundary of the text.
    pub fn char_offset(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += count_chars(&self.text[self.byte..byte]);
        self.byte = byte;
        self.chars
    }

    /// Converts a byte span to a code-point span.
    pub fn char_span(&mut self, start: usize, end: usize) -> (usize, usize) {
        let s = self.char_offset(start);
        (s, self.char_offset(end))
    }
}

/// Number of code points in `s` (fast: counts non-continuation bytes).
///
/// ```
/// assert_eq!(warraq::offsets::count_chars("سلام"), 4);
/// ```
pub fn count_chars(s: &str) -> usize {
    s.bytes().filter(|b| (*b as i8) >= -0x40).count()
}

/// The byte offset of code-point offset `index` in `text`, or `None` past the end.
///
/// ```
/// assert_eq!(warraq::offsets::byte_offset("سلام", 2), Some(4));
/// assert_eq!(warraq::offsets::byte_offset("سلام", 4), Some(8));
/// assert_eq!(warraq::offsets::byte_offset("سلام", 5), None);
/// ```
pub fn byte_offset(text: &str, index: usize) -> Option<usize> {
    if index == 0 {
        return Some(0);
    }
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .nth(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backwards_queries_restart() {
        let text = "أ ب ج";
        let mut conv = CharOffsets::new(text);
        assert_eq!(conv.char_offset(text.len()), 5);
        assert_eq!(conv.char_offset(3), 2);
    }

    #[test]
    fn ascii_is_identity() {
        let mut conv = CharOffsets::new("hello world");
        assert_eq!(conv.char_span(6, 11), (6, 11));
    }
}
