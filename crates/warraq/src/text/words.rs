//! Counting words: whitespace-separated runs, on bytes.
//!
//! These run on every line of a corpus (the boilerplate rules ask how many words a
//! line has, or whether it has at most a few) and on every body (the word count of
//! a document), so they work on bytes, block by block, and a capped count stops as
//! soon as the answer is known.
//!
//! ```
//! use warraq::text::{at_most_words, word_count};
//! assert_eq!(word_count("قال  الوزير\u{a0}إن"), 3);
//! assert!(at_most_words("اقرأ أيضاً", 2) && !at_most_words("اقرأ أيضاً", 1));
//! ```

/// `word_count(line) <= n`, stopping as soon as the answer is known.
///
/// ```
/// use warraq::text::at_most_words;
/// let long = "كلمة ".repeat(10_000);
/// assert!(!at_most_words(&long, 5)); // read no further than the sixth word
/// assert!(at_most_words("  ", 0));
/// ```
pub fn at_most_words(line: &str, n: usize) -> bool {
    count_words_upto::<false>(line, n.saturating_add(1)) <= n
}

/// The words of a line: runs of characters between whitespace (`char::is_whitespace`),
/// except that the ASCII vertical tab does not separate words (as in
/// `is_ascii_whitespace`; see [`count_whitespace_separated`]).
///
/// ```
/// use warraq::text::word_count;
/// assert_eq!(word_count(" «مرحبا» بكم "), 2);
/// assert_eq!(word_count("x\u{b}y"), 1);
/// ```
pub fn word_count(line: &str) -> usize {
    count_words_upto::<false>(line, usize::MAX)
}

/// `text.split_whitespace().count()`: [`word_count`] with the vertical tab as a
/// space too (the word count of a document body).
///
/// ```
/// use warraq::text::count_whitespace_separated;
/// let text = "x\u{b}y  قال\u{2003}الوزير";
/// assert_eq!(count_whitespace_separated(text), text.split_whitespace().count());
/// assert_eq!(count_whitespace_separated(text), 4);
/// ```
pub fn count_whitespace_separated(text: &str) -> usize {
    count_words_upto::<true>(text, usize::MAX)
}

/// Words in `line`, counting no further than `cap` (the result may exceed `cap`
/// by the words of one block). This runs on every line of a corpus, and capped
/// counts on long lines: it works on bytes, block by block, so that a cap stops
/// early, and a block whose only whitespace is ASCII goes through a loop the
/// compiler vectorises. Whitespace is exactly `char::is_whitespace`, minus the
/// ASCII vertical tab (as `is_ascii_whitespace`) unless `VERTICAL_TAB`.
fn count_words_upto<const VERTICAL_TAB: bool>(line: &str, cap: usize) -> usize {
    const BLOCK: usize = 256;
    let b = line.as_bytes();
    // Whether the byte before the block ends a space (the start counts as one).
    let (mut count, mut after_space, mut start) = (0, true, 0);
    while start < b.len() && count < cap {
        // Blocks end on character boundaries: no space character is cut in two.
        let mut end = (start + BLOCK).min(b.len());
        while !line.is_char_boundary(end) {
            end += 1;
        }
        let block = &b[start..end];
        if has_multibyte_space(block) {
            let mut i = 0;
            while i < block.len() {
                let c = block[i];
                let (space, len) = match c {
                    0..=0x7F => (ascii_space::<VERTICAL_TAB>(c) == 1, 1),
                    // The first bytes of the multi-byte spaces.
                    0xC2 | 0xE1..=0xE3 => match multibyte_space(&block[i..]) {
                        Some(len) => (true, len),
                        None => (false, 1),
                    },
                    // Any other byte of a character: inside a word.
                    _ => (false, 1),
                };
                if space {
                    after_space = true;
                    i += len;
                } else {
                    count += usize::from(after_space);
                    after_space = false;
                    i = next_possible_space(block, i + 1);
                }
            }
        } else {
            count += count_word_starts_ascii_spaces::<VERTICAL_TAB>(block, after_space);
            after_space = ascii_space::<VERTICAL_TAB>(block[block.len() - 1]) == 1;
        }
        start = end;
    }
    count
}

/// 1 for the bytes `is_ascii_whitespace` accepts (and the vertical tab if
/// `VERTICAL_TAB`), else 0; branch-free, so that the loop below vectorises.
#[inline(always)]
fn ascii_space<const VERTICAL_TAB: bool>(c: u8) -> u8 {
    u8::from(c == b' ') | (u8::from(c.wrapping_sub(9) < 5) & u8::from(VERTICAL_TAB || c != 0x0B))
}

/// Word starts (a non-space byte after a space, or first after `after_space`) in
/// a non-empty block whose only whitespace is ASCII.
fn count_word_starts_ascii_spaces<const VERTICAL_TAB: bool>(b: &[u8], after_space: bool) -> usize {
    let space = ascii_space::<VERTICAL_TAB>;
    let first = usize::from(after_space && space(b[0]) == 0);
    // Summed in bytes, so that the vectorised loop keeps 32 counts per register:
    // a chunk of 255 pairs has fewer than 256 word starts (each follows a space).
    let mut total = 0usize;
    let (prev, cur) = (&b[..b.len() - 1], &b[1..]);
    for (p, c) in prev.chunks(255).zip(cur.chunks(255)) {
        let n: u8 = p
            .iter()
            .zip(c)
            .fold(0u8, |n, (&p, &c)| n.wrapping_add(space(p) & (space(c) ^ 1)));
        total += usize::from(n);
    }
    first + total
}

/// The first index from `i` on of a byte that may start a whitespace character
/// (`b.len()` if none): the bytes between are inside words.
#[inline]
pub(crate) fn next_possible_space(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| c <= b' ' || c == 0xC2 || (0xE1..=0xE3).contains(&c))
        .map_or(b.len(), |at| i + at)
}

/// True when `b` holds a non-ASCII whitespace character.
pub(crate) fn has_multibyte_space(b: &[u8]) -> bool {
    memchr::memchr3_iter(0xC2, 0xE1, 0xE2, b)
        .chain(memchr::memchr_iter(0xE3, b))
        .any(|i| multibyte_space(&b[i..]).is_some())
}

/// The length of the non-ASCII whitespace character `b` starts with (U+0085,
/// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
#[inline]
pub(crate) fn multibyte_space(b: &[u8]) -> Option<usize> {
    match b {
        [0xC2, 0x85 | 0xA0, ..] => Some(2),
        [0xE1, 0x9A, 0x80, ..] | [0xE3, 0x80, 0x80, ..] | [0xE2, 0x81, 0x9F, ..] => Some(3),
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] => Some(3),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_split_whitespace() {
        for line in [
            "",
            " a  b ",
            "قال\u{a0}الوزير  إن",
            "x\ty\nz",
            "كلمة\u{2003}أخرى",
            " «مرحبا» بكم ",
        ] {
            let ascii_only = !has_multibyte_space(line.as_bytes());
            let long = line.repeat(40);
            for text in [line, long.as_str()] {
                let want = text.split_whitespace().count();
                assert_eq!(word_count(text), want, "{text:?}");
                if ascii_only && !text.is_empty() {
                    assert_eq!(
                        count_word_starts_ascii_spaces::<false>(text.as_bytes(), true),
                        want
                    );
                }
                assert_eq!(count_whitespace_separated(text), want);
                assert!(at_most_words(text, want) && (want == 0 || !at_most_words(text, want - 1)));
            }
        }
        // The vertical tab separates words for `split_whitespace`, not for the line rules.
        let vt = "x\u{b}y ".repeat(100);
        assert_eq!(
            count_whitespace_separated(&vt),
            vt.split_whitespace().count()
        );
        assert_eq!(word_count(&vt), 100);
    }
}
