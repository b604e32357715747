//! Snippets: the passage of the raw body with the most query terms, the words that
//! matched highlighted as written (tantivy's `SnippetGenerator` over warraq's
//! tokenizer, whose offsets point into the raw text).

use super::analyzer::WarraqTokenizer;
use crate::offsets::CharOffsets;
use std::collections::BTreeMap;
use std::ops::Range;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

/// A passage of a document's raw body and the matches in it.
///
/// ```
/// use warraq::search::Snippet;
/// let s = Snippet { text: "دخل الجيش بتدمر".into(), highlights: vec![10..15] };
/// assert_eq!(s.highlighted_with("[", "]"), "دخل الجيش [بتدمر]");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The passage, as the body spells it.
    pub text: String,
    /// The matched words: code-point ranges into `text`.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The passage with each match between `open` and `close` (no escaping).
    pub fn highlighted_with(&self, open: &str, close: &str) -> String {
        let chars: Vec<char> = self.text.chars().collect();
        let mut out = String::with_capacity(self.text.len() + 8 * self.highlights.len());
        let mut at = 0;
        for h in &self.highlights {
            out.extend(&chars[at..h.start]);
            out.push_str(open);
            out.extend(&chars[h.start..h.end]);
            out.push_str(close);
            at = h.end;
        }
        out.extend(&chars[at..]);
        out
    }
}

/// Cuts snippets for one search.
pub(crate) struct Snippets {
    generator: SnippetGenerator,
    max_bytes: usize,
}

impl Snippets {
    pub(crate) fn new(
        searcher: &Searcher,
        tokenizer: WarraqTokenizer,
        field: Field,
        terms: &[String],
        max_bytes: usize,
    ) -> tantivy::Result<Self> {
        let mut weights = BTreeMap::new();
        for t in terms {
            let df = searcher.doc_freq(&Term::from_field_text(field, t))?;
            if df > 0 {
                weights.insert(t.clone(), 1.0 / (1.0 + df as f32));
            }
        }
        let generator =
            SnippetGenerator::new(weights, TextAnalyzer::from(tokenizer), field, max_bytes);
        Ok(Snippets {
            generator,
            max_bytes,
        })
    }

    /// The snippet of `body`: the best passage, or its opening when no term is in it.
    pub(crate) fn of(&self, body: &str) -> Snippet {
        let s = self.generator.snippet(body);
        if s.highlighted().is_empty() {
            return Snippet {
                text: opening(body, self.max_bytes).to_owned(),
                highlights: Vec::new(),
            };
        }
        let range = widen(body, s.fragment_range(), self.max_bytes);
        let text = &body[range.clone()];
        let shift = s.fragment_range().start - range.start;
        let mut offsets = CharOffsets::new(text);
        let highlights = s
            .highlighted()
            .iter()
            .map(|r| {
                let (a, b) = offsets.char_span(r.start + shift, r.end + shift);
                a..b
            })
            .collect();
        Snippet {
            text: text.to_owned(),
            highlights,
        }
    }
}

/// `range` of `text` widened to whole words on both sides while it stays within
/// `max` bytes (tantivy's fragments end at the last indexed word, leaving out a
/// stopword or punctuation after it).
fn widen(text: &str, range: Range<usize>, max: usize) -> Range<usize> {
    let spare = max.saturating_sub(range.len());
    let mut end = (range.end + spare / 2).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < text.len() {
        end = text[range.end..end]
            .rfind(char::is_whitespace)
            .map_or(range.end, |p| range.end + p);
    }
    let mut start = range
        .start
        .saturating_sub(spare - (end - range.end).min(spare));
    while !text.is_char_boundary(start) {
        start += 1;
    }
    if start > 0 {
        start = text[start..range.start]
            .find(char::is_whitespace)
            .map_or(range.start, |p| {
                start + p + text[start + p..].chars().next().map_or(1, char::len_utf8)
            });
    }
    let start =
        start + (text[start..range.start].len() - text[start..range.start].trim_start().len());
    start..end.max(start)
}

/// The start of `text`, at most `max` bytes, cut at a space when there is one.
fn opening(text: &str, max: usize) -> &str {
    let text = text.trim_start();
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(char::is_whitespace) {
        Some(space) if space > max / 2 => &text[..space],
        _ => &text[..end],
    }
}
