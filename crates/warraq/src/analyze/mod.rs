//! The analyzer: what a vectorizer sees of a text.
//!
//! The word analyzer normalises ([`crate::normalize`]), tokenises
//! ([`crate::tokenize`], words, numbers, URLs, hashtags; no punctuation or symbols),
//! lowercases non-Arabic words, drops stopwords ([`stopwords()`]), stems Arabic words
//! ([`light_stem`] or Snowball) and forms word n-grams joined by a space, exactly as
//! scikit-learn does. `char_wb` forms scikit-learn's character n-grams inside word
//! boundaries on the normalised text, and `whitespace` splits pre-tokenised text on
//! whitespace and does nothing else but n-grams.
//!
//! ```
//! use warraq::analyze::{Analyzer, AnalyzerOptions};
//!
//! let analyzer = Analyzer::new(AnalyzerOptions::default());
//! assert_eq!(
//!     analyzer.analyze("وقال الوزيرُ إنّ المدارسَ ستفتح في بيروت"),
//!     ["وزير", "مدارس", "ستفتح", "بيروت"]
//! );
//! ```

mod stem;
mod stopwords;

pub use stem::{light_stem, snowball_stem, Stem};
pub use stopwords::{stopwords, Stopwords};

use crate::normalize::{NormalizeOptions, Normalizer};
use crate::tokenize::{tokens_into, Token, TokenKind};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

/// Which analyzer turns a text into terms.
///
/// ```
/// use warraq::analyze::AnalyzerKind;
/// assert_eq!("char_wb".parse::<AnalyzerKind>().unwrap(), AnalyzerKind::CharWb);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnalyzerKind {
    /// Words: normalise, tokenise, drop stopwords, stem, word n-grams.
    #[default]
    Word,
    /// Character n-grams inside word boundaries, padded with a space (scikit-learn's
    /// `char_wb`), on the normalised, lowercased text.
    CharWb,
    /// Split on whitespace, nothing else; word n-grams.
    Whitespace,
}

impl std::str::FromStr for AnalyzerKind {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "word" => Ok(AnalyzerKind::Word),
            "char_wb" => Ok(AnalyzerKind::CharWb),
            "whitespace" => Ok(AnalyzerKind::Whitespace),
            _ => Err(crate::Error::invalid_option(
                "analyzer",
                format!("unknown analyzer {s:?}; expected \"word\", \"char_wb\", \"whitespace\" or a callable"),
            )),
        }
    }
}

/// How to analyze: the analyzer kind, normalisation, stopwords, stemmer and n-gram range.
///
/// ```
/// use warraq::analyze::{AnalyzerOptions, Stem};
/// let options = AnalyzerOptions { stem: Stem::None, ngram_range: (1, 2), ..Default::default() };
/// assert!(options.validate().is_ok());
/// assert!(AnalyzerOptions { ngram_range: (2, 1), ..options }.validate().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalyzerOptions {
    /// The analyzer.
    pub kind: AnalyzerKind,
    /// Normalisation applied first (`None`: none). Ignored by `whitespace`.
    pub normalize: Option<NormalizeOptions>,
    /// Lowercase non-Arabic text (scikit-learn's `lowercase`). Ignored by `whitespace`.
    pub lowercase: bool,
    /// Stopwords dropped by the word analyzer, compared after normalisation.
    pub stopwords: Stopwords,
    /// Stemmer applied by the word analyzer to Arabic words.
    pub stem: Stem,
    /// Smallest and largest n, inclusive (words, or characters for `char_wb`).
    pub ngram_range: (usize, usize),
}

impl Default for AnalyzerOptions {
    fn default() -> Self {
        AnalyzerOptions {
            kind: AnalyzerKind::Word,
            normalize: Some(NormalizeOptions::default()),
            lowercase: true,
            stopwords: Stopwords::Arabic,
            stem: Stem::Light,
            ngram_range: (1, 1),
        }
    }
}

impl AnalyzerOptions {
    /// Checks the n-gram range (`1 <= min <= max`).
    pub fn validate(&self) -> crate::Result<()> {
        let (lo, hi) = self.ngram_range;
        if lo == 0 || lo > hi {
            return Err(crate::Error::invalid_option(
                "ngram_range",
                format!(
                    "ngram_range must be (min_n, max_n) with 1 <= min_n <= max_n, got ({lo}, {hi})"
                ),
            ));
        }
        Ok(())
    }
}

/// A configured analyzer. Cheap to share between threads.
///
/// ```
/// use warraq::analyze::{Analyzer, AnalyzerKind, AnalyzerOptions};
/// let chars = Analyzer::new(AnalyzerOptions {
///     kind: AnalyzerKind::CharWb,
///     ngram_range: (3, 3),
///     ..Default::default()
/// });
/// assert_eq!(chars.analyze("من هنا"), [" من", "من ", " هن", "هنا", "نا "]);
/// let ws = Analyzer::new(AnalyzerOptions {
///     kind: AnalyzerKind::Whitespace,
///     ngram_range: (1, 2),
///     ..Default::default()
/// });
/// assert_eq!(ws.analyze("a  b"), ["a", "b", "a b"]);
/// ```
#[derive(Debug, Clone)]
pub struct Analyzer {
    options: AnalyzerOptions,
    normalizer: Option<Normalizer>,
    stopwords: FxHashSet<String>,
}

impl PartialEq for Analyzer {
    fn eq(&self, other: &Self) -> bool {
        self.options == other.options
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new(AnalyzerOptions::default())
    }
}

impl Analyzer {
    /// Builds an analyzer. Stopwords are normalised with the same normaliser as the
    /// text, so they match whatever folding is configured.
    pub fn new(options: AnalyzerOptions) -> Self {
        let normalizer = options.normalize.map(Normalizer::new);
        let stopwords = options
            .stopwords
            .words()
            .iter()
            .map(|w| {
                let w = match &normalizer {
                    Some(n) => n.normalize(w),
                    None => w.clone(),
                };
                if options.lowercase {
                    w.to_lowercase()
                } else {
                    w
                }
            })
            .collect();
        Analyzer {
            options,
            normalizer,
            stopwords,
        }
    }

    /// The options.
    pub fn options(&self) -> &AnalyzerOptions {
        &self.options
    }

    /// The terms of `text`, in order.
    pub fn analyze(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.analyze_into(text, &mut out);
        out
    }

    /// Appends the terms of `text` to `out` (reusing its allocation).
    ///
    /// ```
    /// let analyzer = warraq::analyze::Analyzer::default();
    /// let mut terms = Vec::new();
    /// analyzer.analyze_into("السياسات", &mut terms);
    /// analyzer.analyze_into("Paris", &mut terms);
    /// assert_eq!(terms, ["سياس", "paris"]);
    /// ```
    pub fn analyze_into(&self, text: &str, out: &mut Vec<String>) {
        let start = out.len();
        match self.options.kind {
            AnalyzerKind::Whitespace => {
                out.extend(text.split_whitespace().map(str::to_owned));
                self.word_ngrams(out, start);
            }
            AnalyzerKind::Word => {
                let text = self.preprocess(text);
                let mut toks: Vec<Token> = Vec::new();
                tokens_into(&text, &mut toks);
                for t in toks.iter().filter(|t| t.kind.is_word()) {
                    let word = t.as_str(&text);
                    let lower;
                    let word = if t.kind != TokenKind::Arabic
                        && self.options.lowercase
                        && word.chars().any(char::is_uppercase)
                    {
                        lower = word.to_lowercase();
                        lower.as_str()
                    } else {
                        word
                    };
                    if self.stopwords.contains(word) {
                        continue;
                    }
                    out.push(if t.kind == TokenKind::Arabic {
                        match self.options.stem {
                            Stem::None => word.to_owned(),
                            Stem::Light => light_stem(word),
                            Stem::Snowball => stem::snowball().stem(word).into_owned(),
                        }
                    } else {
                        word.to_owned()
                    });
                }
                self.word_ngrams(out, start);
            }
            AnalyzerKind::CharWb => {
                let text = self.preprocess(text);
                char_wb_ngrams(&text, self.options.ngram_range, out);
            }
        }
    }

    fn preprocess<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let text = match &self.normalizer {
            Some(n) => std::borrow::Cow::Owned(n.normalize(text)),
            None => std::borrow::Cow::Borrowed(text),
        };
        if self.options.lowercase && text.chars().any(char::is_uppercase) {
            std::borrow::Cow::Owned(text.to_lowercase())
        } else {
            text
        }
    }

    /// Replaces the unigrams in `out[start..]` by scikit-learn's word n-grams.
    fn word_ngrams(&self, out: &mut Vec<String>, start: usize) {
        let (lo, hi) = self.options.ngram_range;
        if hi <= 1 {
            return;
        }
        let words: Vec<String> = if lo == 1 {
            out[start..].to_vec()
        } else {
            out.drain(start..).collect()
        };
        for n in lo.max(2)..=hi.min(words.len()) {
            for window in words.windows(n) {
                out.push(window.join(" "));
            }
        }
    }
}

/// scikit-learn's `_char_wb_ngrams`: each whitespace-separated word padded with one
/// space on each side; a word shorter than n gives itself once.
fn char_wb_ngrams(text: &str, (lo, hi): (usize, usize), out: &mut Vec<String>) {
    let mut padded: Vec<char> = Vec::new();
    for word in text.split_whitespace() {
        padded.clear();
        padded.push(' ');
        padded.extend(word.chars());
        padded.push(' ');
        let len = padded.len();
        for n in lo..=hi {
            let mut offset = 0;
            out.push(padded[offset..(offset + n).min(len)].iter().collect());
            while offset + n < len {
                offset += 1;
                out.push(padded[offset..offset + n].iter().collect());
            }
            if offset == 0 {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_stopwords_with_clitics() {
        let a = Analyzer::new(AnalyzerOptions {
            stem: Stem::None,
            ..Default::default()
        });
        assert_eq!(
            a.analyze("والتي وفي فقد ذهب إلى المدرسة"),
            ["ذهب", "المدرسه"]
        );
    }

    #[test]
    fn stopwords_follow_the_normaliser() {
        let a = Analyzer::new(AnalyzerOptions {
            normalize: None,
            stem: Stem::None,
            ..Default::default()
        });
        assert_eq!(a.analyze("إلى الى المدرسة"), ["المدرسة"]);
    }

    #[test]
    fn word_ngrams_like_sklearn() {
        let a = Analyzer::new(AnalyzerOptions {
            kind: AnalyzerKind::Whitespace,
            ngram_range: (2, 3),
            ..Default::default()
        });
        assert_eq!(a.analyze("a b c"), ["a b", "b c", "a b c"]);
        assert!(a.analyze("a").is_empty());
    }

    #[test]
    fn char_wb_short_words_once() {
        let mut out = Vec::new();
        char_wb_ngrams("ab", (2, 5), &mut out);
        // sklearn: ' a', 'ab', 'b ', ' ab', 'ab ', ' ab ' then breaks at n=5 (offset 0)
        assert_eq!(out, [" a", "ab", "b ", " ab", "ab ", " ab "]);
    }

    #[test]
    fn snowball_and_numbers() {
        let a = Analyzer::new(AnalyzerOptions {
            stem: Stem::Snowball,
            ..Default::default()
        });
        let terms = a.analyze("الكتاب 2016 #السعودية");
        assert_eq!(terms[1], "2016");
        assert_eq!(terms.len(), 3);
    }
}
