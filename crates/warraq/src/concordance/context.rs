//! The context of a match: `window` words (or characters) on each side, cut from
//! the raw text so that it reads as written.

use super::{ContextUnit, KwicOptions, Word};
use std::ops::Range;

/// The left and right context of the match at raw bytes `raw`, covering the words
/// `words[covered]`.
pub(super) fn around(
    text: &str,
    words: &[Word],
    raw: Range<usize>,
    covered: Range<usize>,
    options: &KwicOptions,
) -> (String, String) {
    let (from, to) = match options.unit {
        ContextUnit::Word => {
            let first = covered.start.saturating_sub(options.window);
            let from = if options.window == 0 || covered.start == 0 {
                raw.start
            } else {
                words[first].raw.start.min(raw.start)
            };
            let last = (covered.end + options.window).min(words.len());
            let to = if options.window == 0 || last <= covered.end {
                raw.end
            } else {
                words[last - 1].raw.end.max(raw.end)
            };
            (from, to)
        }
        ContextUnit::Char => {
            let from = text[..raw.start]
                .char_indices()
                .rev()
                .nth(options.window.saturating_sub(1))
                .map_or(0, |(i, _)| i);
            let from = if options.window == 0 { raw.start } else { from };
            let to = text[raw.end..]
                .char_indices()
                .nth(options.window)
                .map_or(text.len(), |(i, _)| raw.end + i);
            (from, to)
        }
    };
    (
        one_line(&text[from..raw.start]),
        one_line(&text[raw.end..to]),
    )
}

/// `s` on one line: whitespace runs as one space, none at the ends.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for part in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}
