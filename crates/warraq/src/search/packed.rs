//! Analyzed terms handed to tantivy as one plain string, and the tokenizer that
//! reads them back (Lucene's "pre-analyzed field").
//!
//! Documents are analyzed in parallel (rayon) before they reach tantivy's writer,
//! because BM25 needs each document's exact length in a fast field when it is
//! added. tantivy's own way to take such tokens, `PreTokenizedString`, is kept
//! inside its document as JSON: every token was written and parsed again as
//! JSON, and every term was its own `String` (a profile of indexing SaudiNewsNet
//! found serde_json and the allocator in tantivy's threads beside the postings
//! themselves). A packed string is copied into the document once, and
//! [`PackedTokenizer`] hands its terms out of it without allocating.
//!
//! The format: for each term, its position in decimal, [`POSITION_END`], the term,
//! [`TERM_END`]. Terms never contain either control character (they are words of
//! normalised text); [`push_term`] drops them if one ever does.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name the tokenizer is registered under in the index.
pub(crate) const PACKED: &str = "warraq-packed";

/// Ends a term's position (U+001F, unit separator).
pub(crate) const POSITION_END: char = '\u{1f}';
/// Ends a term (U+001E, record separator).
pub(crate) const TERM_END: char = '\u{1e}';

/// Appends `term` at `position` to `packed`.
pub(crate) fn push_term(packed: &mut String, position: usize, term: &str) {
    use std::fmt::Write;
    let _ = write!(packed, "{position}");
    packed.push(POSITION_END);
    if term.contains([POSITION_END, TERM_END]) {
        packed.extend(
            term.chars()
                .filter(|c| *c != POSITION_END && *c != TERM_END),
        );
    } else {
        packed.push_str(term);
    }
    packed.push(TERM_END);
}

/// Reads the terms of a packed string (see the module doc).
#[derive(Clone, Default)]
pub(crate) struct PackedTokenizer {
    token: Token,
}

pub(crate) struct PackedStream<'a> {
    rest: &'a str,
    at: usize,
    token: &'a mut Token,
}

impl Tokenizer for PackedTokenizer {
    type TokenStream<'a> = PackedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PackedStream<'a> {
        self.token.reset();
        PackedStream {
            rest: text,
            at: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for PackedStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some(end) = self.rest.find(TERM_END) else {
                return false;
            };
            let record = &self.rest[..end];
            let from = self.at;
            self.rest = &self.rest[end + TERM_END.len_utf8()..];
            self.at += end + TERM_END.len_utf8();
            let Some((position, term)) = record.split_once(POSITION_END) else {
                continue;
            };
            let Ok(position) = position.parse::<usize>() else {
                continue;
            };
            let t = &mut *self.token;
            t.text.clear();
            t.text.push_str(term);
            t.position = position;
            t.position_length = 1;
            t.offset_from = from;
            t.offset_to = from + end;
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}
