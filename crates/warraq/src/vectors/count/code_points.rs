//! Texts given as code points (copied out of another runtime's strings): their
//! pieces, their pieces' keys, and counting them without turning the whole text
//! into UTF-8.

use super::keys::{CompactTerm, COMPACT};
use super::lexicon::{Lexicon, Numbering};
use super::pieces::count_by_piece;
use super::Counts;
use crate::analyze::{Analyzer, Scratch};
use crate::text::all_scalar_values;

/// A code point of a text given as code points: a `char`, or a `u32` checked
/// to be a Unicode scalar value before counting.
pub(super) trait CodePoint: Copy + Sync {
    fn value(self) -> u32;
    fn to_char(self) -> char;
}

impl CodePoint for u32 {
    #[inline]
    fn value(self) -> u32 {
        self
    }

    #[inline]
    fn to_char(self) -> char {
        char::from_u32(self).unwrap_or(char::REPLACEMENT_CHARACTER)
    }
}

impl CodePoint for char {
    #[inline]
    fn value(self) -> u32 {
        u32::from(self)
    }

    #[inline]
    fn to_char(self) -> char {
        self
    }
}

/// The [`CompactTerm`] of a piece given as code points (what
/// [`CompactTerm::new`] gives for its UTF-8), if it has one.
#[inline]
fn code_point_key<C: CodePoint>(piece: &[C]) -> Option<CompactTerm> {
    if piece.len() > COMPACT {
        return None;
    }
    let mut packed = 0u128;
    for (j, c) in piece.iter().enumerate() {
        let c = c.value();
        let code = match c {
            0..=0x7F => c,
            0x600..=0x67F => c - 0x580,
            _ => return None,
        };
        packed |= u128::from(code) << (8 * j);
    }
    Some(CompactTerm::from_packed(packed, piece.len()))
}

/// The pieces of a text given as code points: its runs of code points other than
/// ASCII space and line feed (what [`crate::analyze::Pieces`] finds in its UTF-8).
struct CodePointPieces<'t, C> {
    text: &'t [C],
    at: usize,
}

impl<'t, C: CodePoint> Iterator for CodePointPieces<'t, C> {
    type Item = &'t [C];

    #[inline]
    fn next(&mut self) -> Option<&'t [C]> {
        let text = self.text;
        let mut i = self.at;
        while i < text.len() && matches!(text[i].value(), 0x20 | 0x0A) {
            i += 1;
        }
        if i == text.len() {
            self.at = i;
            return None;
        }
        let start = i;
        while i < text.len() && !matches!(text[i].value(), 0x20 | 0x0A) {
            i += 1;
        }
        self.at = i;
        Some(&text[start..i])
    }
}

/// [`count_chunk_by_piece`](super::pieces::count_chunk_by_piece) for texts given
/// as code points (checked to be Unicode scalar values): a piece is turned into
/// UTF-8 only when its term is not cached.
pub(super) fn count_code_point_chunk_by_piece<C: CodePoint>(
    analyzer: &Analyzer,
    texts: &[&[C]],
    lexicon: &mut Lexicon,
    numbering: Numbering,
) -> Counts {
    let mut scratch = Scratch::default();
    let mut utf8 = String::new();
    count_by_piece(
        texts.iter(),
        |&text| CodePointPieces { text, at: 0 },
        code_point_key,
        |piece, f| {
            utf8.clear();
            // Checked before counting: every code point is a scalar value.
            utf8.extend(piece.iter().map(|c| c.to_char()));
            analyzer.piece_terms(&utf8, &mut scratch, f);
        },
        lexicon,
        numbering,
        // News text has a distinct term per 12 code points in a document; a
        // little more.
        texts.iter().map(|t| t.len()).sum::<usize>() / 9,
    )
}

/// The first text of `texts` holding a code point that is not a Unicode scalar
/// value (a surrogate, or above U+10FFFF), with its position and the code point.
pub(super) fn first_invalid_code_point(texts: &[&[u32]]) -> Option<(usize, usize, u32)> {
    // Read by all threads: on one, the other threads would wait for it.
    let invalid = |text: &&[u32]| !all_scalar_values(text);
    let t = if crate::parallel::parallelism() {
        use rayon::prelude::*;
        texts.par_iter().position_first(invalid)
    } else {
        texts.iter().position(invalid)
    }?;
    let (i, &c) = texts[t]
        .iter()
        .enumerate()
        .find(|&(_, &c)| char::from_u32(c).is_none())
        .expect("an invalid code point was seen");
    Some((t, i, c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::Pieces;

    #[test]
    fn a_piece_has_one_compact_key_from_its_utf8_or_its_code_points() {
        let pieces = [
            "",
            "a",
            "\0",
            "\0\0",
            "ا",
            "ة،",
            "الاقتصاد،",
            "12345678901",
            "123456789012",
            "المستشفيات",
            "المستشفيات.",
            "المستشفياتُ",
            "«الأمن»",
            "ی",
            "\u{67F}",
            "\u{680}",
            "\u{5FF}",
            "x\u{7F}",
            "é",
            "😀",
            "\u{600}\u{600}",
            "\u{640}",
            "\u{63F}",
        ];
        let mut seen = std::collections::HashMap::new();
        for p in pieces {
            let code_points: Vec<u32> = p.chars().map(u32::from).collect();
            let key = CompactTerm::new(p);
            assert_eq!(key, code_point_key(&code_points), "{p:?}");
            let compact = p.chars().count() <= COMPACT
                && p.chars()
                    .all(|c| c < '\u{80}' || ('\u{600}'..'\u{680}').contains(&c));
            assert_eq!(key.is_some(), compact, "{p:?}");
            if let Some(key) = key {
                assert_eq!(seen.insert(key.0, p), None, "{p:?} shares a key");
            }
        }
    }

    #[test]
    fn piece_ends_are_found_as_by_a_plain_search() {
        let texts = [
            "",
            " ",
            "abc",
            "abcdefgh ijk",
            "ا ب\nج",
            "0123456789abcdef\n",
            "\u{0660}\u{0661} x",
        ];
        for t in texts {
            let plain: Vec<&str> = t.split([' ', '\n']).filter(|p| !p.is_empty()).collect();
            assert_eq!(Pieces::new(t).collect::<Vec<_>>(), plain, "{t:?}");
            let code_points: Vec<u32> = t.chars().map(u32::from).collect();
            let pieces: Vec<String> = CodePointPieces {
                text: &code_points,
                at: 0,
            }
            .map(|p| p.iter().filter_map(|&c| char::from_u32(c)).collect())
            .collect();
            assert_eq!(pieces, plain, "{t:?}");
        }
    }
}
