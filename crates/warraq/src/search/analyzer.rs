//! warraq's analyzer ([`crate::analyze`]) as tantivy's tokenizer.
//!
//! The raw text is cut into tokens ([`crate::tokenize::tokens_into`]); each word
//! token goes through the analyzer (normalisation, stopwords, clitic-aware light
//! stem), and every term it gives keeps the token's byte span in the **raw** text,
//! so that tantivy's snippets highlight the original spelling. Positions count word
//! tokens, stopwords included: a phrase query over a stopword keeps its gap.
//!
//! The light stem strips the article and the conjunctions و ف, not the
//! prepositions ب ك ل (they begin many words: «بريطانيا», «كتاب», «لبنان»). So a
//! term beginning with one of them is indexed twice at its position: as it is, and
//! without the letter when at least three are left («بتدمر» as «بتدمر» and
//! «تدمر»). Queries are not expanded: «تدمر» finds «بتدمر», «بتدمر» finds only
//! itself. Document lengths count both.

use crate::analyze::{Analyzer, Scratch};
use crate::tokenize::{tokens_into, Token as WordToken};
use std::sync::Arc;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name the tokenizer is registered under in the index.
pub(crate) const TOKENIZER: &str = "warraq";

/// One term of a text: what is indexed, the raw byte span it came from, and the
/// position of its word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedTerm {
    /// The term (normalised, stemmed).
    pub text: String,
    /// Byte offset of the word in the raw text.
    pub start: usize,
    /// Byte offset one past the word in the raw text.
    pub end: usize,
    /// The word's position among the text's words (stopwords count).
    pub position: usize,
}

/// Buffers reused from one text to the next.
#[derive(Debug, Default)]
pub(crate) struct TermBuffers {
    scratch: Scratch,
    tokens: Vec<WordToken>,
    expanded: Vec<String>,
}

/// `term` without a leading ب ك ل when at least three letters are left.
fn behind_preposition(term: &str) -> Option<&str> {
    let rest = term
        .strip_prefix('ب')
        .or_else(|| term.strip_prefix('ك'))
        .or_else(|| term.strip_prefix('ل'))?;
    (rest.chars().nth(2).is_some() && rest.chars().all(crate::text::chars::is_arabic_letter))
        .then_some(rest)
}

/// Calls `f(term, start, end, position)` for every term of `text`, spans in raw
/// bytes; with `expand`, terms behind ب ك ل come too (documents, not queries).
pub(crate) fn for_each_term(
    analyzer: &Analyzer,
    text: &str,
    expand: bool,
    buffers: &mut TermBuffers,
    f: &mut dyn FnMut(&str, usize, usize, usize),
) {
    buffers.tokens.clear();
    tokens_into(text, &mut buffers.tokens);
    let words = buffers.tokens.iter().filter(|t| t.kind.is_word());
    for (position, t) in words.enumerate() {
        let (start, end) = (t.start, t.end);
        let word = &text[start..end];
        buffers.expanded.clear();
        analyzer.for_each_term(word, &mut buffers.scratch, &mut |term| {
            f(term, start, end, position);
            if let Some(rest) = behind_preposition(term).filter(|_| expand) {
                buffers.expanded.push(rest.to_owned());
            }
        });
        for rest in std::mem::take(&mut buffers.expanded) {
            analyzer.for_each_term(&rest, &mut buffers.scratch, &mut |term| {
                f(term, start, end, position)
            });
        }
    }
}

/// The terms of `text` as the index sees a document's (`expand`: with the terms
/// behind ب ك ل) or a query's words.
///
/// ```
/// use warraq::analyze::Analyzer;
/// use warraq::search::analyze_terms;
/// let terms = analyze_terms(&Analyzer::default(), "وقال الوزيرُ إنّ بتدمُر", true);
/// let texts: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
/// assert_eq!(texts, ["وزير", "بتدمر", "تدمر"]);
/// // the span is the raw word, harakat and clitic included; both terms of
/// // «بتدمُر» stand at its position
/// let raw = "وقال الوزيرُ إنّ بتدمُر";
/// assert_eq!(&raw[terms[2].start..terms[2].end], "بتدمُر");
/// assert_eq!((terms[1].position, terms[2].position), (3, 3));
/// assert_eq!(analyze_terms(&Analyzer::default(), "بتدمُر", false).len(), 1);
/// ```
pub fn analyze_terms(analyzer: &Analyzer, text: &str, expand: bool) -> Vec<AnalyzedTerm> {
    let mut out = Vec::new();
    for_each_term(
        analyzer,
        text,
        expand,
        &mut TermBuffers::default(),
        &mut |term, start, end, position| {
            out.push(AnalyzedTerm {
                text: term.to_owned(),
                start,
                end,
                position,
            })
        },
    );
    out
}

/// warraq's analyzer as a [`tantivy::tokenizer::Tokenizer`].
///
/// ```
/// use tantivy::tokenizer::{TokenStream, Tokenizer};
/// use warraq::search::WarraqTokenizer;
/// let mut tokenizer = WarraqTokenizer::new(Default::default());
/// let raw = "وصلوا إلى وتدمـر";
/// let mut stream = tokenizer.token_stream(raw);
/// let token = stream.next().unwrap();
/// assert_eq!(token.text, "صلوا");
/// let token = stream.next().unwrap();
/// assert_eq!(token.text, "تدمر");
/// assert_eq!(&raw[token.offset_from..token.offset_to], "وتدمـر");
/// assert!(stream.next().is_none());
/// ```
pub struct WarraqTokenizer {
    analyzer: Arc<Analyzer>,
    buffers: TermBuffers,
    tokens: Vec<Token>,
}

impl Clone for WarraqTokenizer {
    fn clone(&self) -> Self {
        WarraqTokenizer::from_shared(self.analyzer.clone())
    }
}

impl WarraqTokenizer {
    /// A tokenizer running the analyzer configured by `options`.
    pub fn new(options: crate::analyze::AnalyzerOptions) -> Self {
        WarraqTokenizer::from_shared(Arc::new(Analyzer::new(options)))
    }

    /// A tokenizer running a shared analyzer.
    pub fn from_shared(analyzer: Arc<Analyzer>) -> Self {
        WarraqTokenizer {
            analyzer,
            buffers: TermBuffers::default(),
            tokens: Vec::new(),
        }
    }
}

/// The terms of one text, handed out one by one.
pub struct WarraqTokenStream<'a> {
    tokens: &'a mut [Token],
    /// One past the current token (0 before the first `advance`).
    at: usize,
}

impl Tokenizer for WarraqTokenizer {
    type TokenStream<'a> = WarraqTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WarraqTokenStream<'a> {
        let WarraqTokenizer {
            analyzer,
            buffers,
            tokens,
        } = self;
        let mut n = 0;
        for_each_term(
            analyzer,
            text,
            true,
            buffers,
            &mut |term, start, end, position| {
                if n == tokens.len() {
                    tokens.push(Token::default());
                }
                let t = &mut tokens[n];
                t.text.clear();
                t.text.push_str(term);
                t.offset_from = start;
                t.offset_to = end;
                t.position = position;
                t.position_length = 1;
                n += 1;
            },
        );
        WarraqTokenStream {
            tokens: &mut tokens[..n],
            at: 0,
        }
    }
}

impl TokenStream for WarraqTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.at < self.tokens.len() {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.at.max(1) - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.at.max(1) - 1]
    }
}
