//! Concordance (keyword in context): every place a word, phrase, glob or regex
//! occurs in a text, with the words around it, as the raw text spells them.
//!
//! Matching runs on the aligned fold of the text layer ([`crate::text::fold_aligned`]
//! with [`FoldOptions::SEARCH`]), so «أ/إ/آ/ا», «ة/ه», «ى/ي», harakat and tatweel
//! do not matter, and, with `clitics`, a word matches behind the proclitics و ف ب
//! ك ل and the article (a search for «تدمر» finds «بتدمر», «وتدمر», «لتدمر»).
//! Every match is mapped back through the fold's alignment: `start`/`end` are
//! code-point offsets into the raw text and `left`, `keyword`, `right` are its
//! original spelling.
//!
//! Data flow, per text: fold (one pass, with alignment) → tokenise the folded text
//! → the word tokens' raw spans → match each pattern at each word (a cheap suffix
//! check first, then the clitic forms) → context windows cut from the raw text.
//!
//! ```
//! use warraq::concordance::{Concordancer, KwicOptions};
//! let c = Concordancer::new(&["تدمر"], KwicOptions { window: 2, ..KwicOptions::default() }).unwrap();
//! let text = "استعاد الجيش مدينةَ تدمُر أمس، ثم دخلت القوات إلى وتدمر القديمة";
//! let lines = c.lines(text);
//! assert_eq!(lines.len(), 2);
//! assert_eq!(lines[0].keyword, "تدمُر");
//! assert_eq!(lines[0].left, "الجيش مدينةَ");
//! assert_eq!(lines[0].right, "أمس، ثم");
//! assert_eq!(lines[1].keyword, "وتدمر");
//! let cps: Vec<char> = text.chars().collect();
//! let at: String = cps[lines[0].start..lines[0].end].iter().collect();
//! assert_eq!(at, "تدمُر");
//! ```

mod context;
mod index;
mod pattern;

use crate::offsets::CharOffsets;
use crate::text::{fold_aligned, fold_text, FoldOptions, Folded};
use crate::tokenize::{tokens, TokenKind};
use crate::{Error, Result};
use index::PatternIndex;
use pattern::Pattern;
use std::ops::Range;

/// What a pattern is compared with.
///
/// ```
/// use warraq::concordance::Matching;
/// assert_eq!(Matching::from_name("stem").unwrap(), Matching::Stem);
/// assert_eq!(Matching::Stem.as_str(), "stem");
/// let err = Matching::from_name("fuzzy").unwrap_err().to_string();
/// assert!(err.contains(r#"must be one of "folded" "exact" "stem" not "fuzzy""#), "{err}");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Matching {
    /// The folded text: alef variants, ة/ه, ى/ي, harakat, tatweel, Persian letters,
    /// digits (and case, with `case_insensitive`) do not matter.
    #[default]
    Folded,
    /// The text as written (case aside, with `case_insensitive`).
    Exact,
    /// The light stem of each folded word ([`crate::analyze::light_stem`]):
    /// «السياسات» and «سياسة» match alike. Globs and regexes match the folded words.
    Stem,
}

/// How a pattern is read (the names quanteda's `valuetype` uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ValueType {
    /// Words separated by spaces; in each, `*` stands for any characters and `?`
    /// for one («تدمر*», «*ية»). A pattern without wildcards is a plain word or phrase.
    #[default]
    Glob,
    /// Words separated by spaces, taken literally (`*` is a star).
    Fixed,
    /// A regular expression (Rust `regex` syntax) over the folded text; its Arabic
    /// letters are folded as the text is, so «أ» in a pattern matches «ا».
    Regex,
}

/// What the context window counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ContextUnit {
    /// Words (punctuation between them comes along).
    #[default]
    Word,
    /// Characters (code points).
    Char,
}

/// `as_str` and `from_name` for the option enums: the names the Python API takes.
macro_rules! option_names {
    ($t:ident, $what:literal, $($variant:ident => $name:literal),+ $(,)?) => {
        impl $t {
            /// The option's name (what `from_name` reads).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($t::$variant => $name),+
                }
            }

            /// The option named `name`; an unknown name is an `InvalidOption` error
            /// that lists the names.
            pub fn from_name(name: &str) -> Result<Self> {
                match name {
                    $($name => Ok($t::$variant),)+
                    _ => Err(Error::invalid_option(
                        $what,
                        format!(concat!("must be one of ", $("\"", $name, "\" "),+, "not {:?}"), name),
                    )),
                }
            }
        }
    };
}

option_names!(Matching, "match", Folded => "folded", Exact => "exact", Stem => "stem");
option_names!(ValueType, "valuetype", Glob => "glob", Fixed => "fixed", Regex => "regex");
option_names!(ContextUnit, "unit", Word => "word", Char => "char");

/// How [`Concordancer`] matches and what it cuts around a match.
///
/// ```
/// use warraq::concordance::{ContextUnit, KwicOptions, Matching};
/// let o = KwicOptions { window: 20, unit: ContextUnit::Char, matching: Matching::Exact, ..KwicOptions::default() };
/// assert!(o.clitics);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KwicOptions {
    /// Words (or characters) of context on each side.
    pub window: usize,
    /// What `window` counts.
    pub unit: ContextUnit,
    /// What a pattern is compared with.
    pub matching: Matching,
    /// How a pattern is read.
    pub valuetype: ValueType,
    /// A pattern's first word also matches behind the proclitics و ف ب ك ل and
    /// the article ال (Arabic words only).
    pub clitics: bool,
    /// Upper and lower case match alike.
    pub case_insensitive: bool,
}

impl Default for KwicOptions {
    fn default() -> Self {
        KwicOptions {
            window: 8,
            unit: ContextUnit::Word,
            matching: Matching::Folded,
            valuetype: ValueType::Glob,
            clitics: true,
            case_insensitive: true,
        }
    }
}

impl KwicOptions {
    /// The fold the text and the patterns are matched in.
    fn fold(&self) -> FoldOptions {
        let base = match self.matching {
            Matching::Exact => FoldOptions::NONE,
            Matching::Folded | Matching::Stem => FoldOptions::SEARCH,
        };
        FoldOptions {
            lowercase: self.case_insensitive,
            ..base
        }
    }
}

/// One match and its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicLine {
    /// Where the match starts in the raw text (code points).
    pub start: usize,
    /// Where it ends (code points, exclusive).
    pub end: usize,
    /// The context before the match, as written (whitespace runs as one space).
    pub left: String,
    /// The match, as written.
    pub keyword: String,
    /// The context after the match, as written (whitespace runs as one space).
    pub right: String,
    /// Which pattern matched (its index in the list given).
    pub pattern: usize,
}

/// A set of compiled patterns, ready to find their concordance lines in texts.
///
/// ```
/// use warraq::concordance::{Concordancer, KwicOptions};
/// let c = Concordancer::new(&["مجلس الأمن", "الأمم المتحدة"], KwicOptions::default()).unwrap();
/// let lines = c.lines("دعا مجلس الامن والأمم المتحدة إلى وقف القتال");
/// let found: Vec<(&str, usize)> = lines.iter().map(|l| (l.keyword.as_str(), l.pattern)).collect();
/// assert_eq!(found, [("مجلس الامن", 0), ("والأمم المتحدة", 1)]);
/// assert!(Concordancer::new(&["("], warraq::concordance::KwicOptions {
///     valuetype: warraq::concordance::ValueType::Regex, ..KwicOptions::default() }).is_err());
/// ```
#[derive(Debug, Clone)]
pub struct Concordancer {
    patterns: Vec<Pattern>,
    index: PatternIndex,
    options: KwicOptions,
    fold: FoldOptions,
    /// Every pattern can be ruled out from the folded text alone.
    prefilter: bool,
}

/// Where a pattern matched, in words (see [`Concordancer::matches`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Which pattern matched (its index in the list given).
    pub pattern: usize,
    /// The words it covers: indices into the text's words (tokens that are not
    /// punctuation or symbols), end exclusive.
    pub words: Range<usize>,
}

/// A word of the folded text: its folded and raw byte spans.
#[derive(Debug, Clone)]
struct Word {
    folded: Range<usize>,
    raw: Range<usize>,
}

impl Concordancer {
    /// Compiles `patterns`. An empty pattern, a pattern with no word in it or an
    /// invalid regex is an `InvalidOption` error naming the pattern.
    pub fn new<S: AsRef<str>>(patterns: &[S], options: KwicOptions) -> Result<Self> {
        let fold = options.fold();
        let patterns = patterns
            .iter()
            .map(|p| Pattern::compile(p.as_ref(), &options, &fold))
            .collect::<Result<Vec<_>>>()?;
        let prefilter = patterns.iter().all(Pattern::has_literal);
        let index = PatternIndex::new(&patterns);
        Ok(Concordancer {
            patterns,
            index,
            options,
            fold,
            prefilter,
        })
    }

    /// The options the patterns were compiled with.
    ///
    /// ```
    /// use warraq::concordance::{Concordancer, KwicOptions};
    /// let c = Concordancer::new(&["حلب"], KwicOptions::default()).unwrap();
    /// assert_eq!(c.options().window, 8);
    /// ```
    pub fn options(&self) -> &KwicOptions {
        &self.options
    }

    /// Every match of every pattern in `text`, in text order (ties: pattern order).
    pub fn lines(&self, text: &str) -> Vec<KwicLine> {
        let (words, found) = self.find(text);
        let mut offsets = CharOffsets::new(text);
        found
            .into_iter()
            .map(|(raw, word_span, pattern)| {
                let (start, end) = offsets.char_span(raw.start, raw.end);
                let (left, right) =
                    context::around(text, &words, raw.clone(), word_span, &self.options);
                KwicLine {
                    start,
                    end,
                    left,
                    keyword: text[raw].to_string(),
                    right,
                    pattern,
                }
            })
            .collect()
    }

    /// The raw byte spans of every match in `text`, in text order (ties: pattern
    /// order): what [`Self::lines`] finds, without the context (what counting
    /// the words around a node needs).
    ///
    /// ```
    /// use warraq::concordance::{Concordancer, KwicOptions};
    /// let c = Concordancer::new(&["تنظيم الدولة"], KwicOptions::default()).unwrap();
    /// let text = "قال إن تنظيم «الدولة» انسحب";
    /// let spans = c.spans(text);
    /// assert_eq!(spans.len(), 1);
    /// assert_eq!(&text[spans[0].clone()], "تنظيم «الدولة");
    /// ```
    pub fn spans(&self, text: &str) -> Vec<Range<usize>> {
        self.find(text)
            .1
            .into_iter()
            .map(|(raw, _, _)| raw)
            .collect()
    }

    /// The words of the folded text and every match: raw span, word span,
    /// pattern, in text order.
    #[allow(clippy::type_complexity)]
    fn find(&self, text: &str) -> (Vec<Word>, Vec<(Range<usize>, Range<usize>, usize)>) {
        // Most texts hold none of the patterns: a look at the fold without its
        // alignment (a third of the time of the aligned one on SaudiNewsNet) says so.
        if self.prefilter {
            let quick = fold_text(text, &self.fold);
            if !self.patterns.iter().any(|p| p.may_occur_in(&quick)) {
                return (Vec::new(), Vec::new());
            }
        }
        let folded = fold_aligned(text, &self.fold);
        let words = words_of(&folded);
        let mut found: Vec<(Range<usize>, Range<usize>, usize)> = Vec::new(); // raw span, word span, pattern
        self.index.find(
            &self.patterns,
            folded.text(),
            &words,
            self.options.clitics,
            &mut |at, word_span| {
                let raw = words[word_span.start].raw.start..words[word_span.end - 1].raw.end;
                found.push((raw, word_span, at));
            },
        );
        for &at in &self.index.regex {
            self.patterns[at].find(&folded, &words, &self.options, &mut |raw, word_span| {
                found.push((raw, word_span, at));
            });
        }
        found.sort_by_key(|(raw, _, at)| (raw.start, raw.end, *at));
        (words, found)
    }

    /// The matches of every pattern in `text` without their context, and the
    /// number of words of the text (its tokens that are not punctuation or
    /// symbols): what a count needs, faster than [`Self::lines`] (the fold keeps no
    /// alignment). Sorted by first word, longer first, then by pattern.
    ///
    /// ```
    /// use warraq::concordance::{Concordancer, KwicOptions};
    /// let c = Concordancer::new(&["اقتصاد*", "البنك المركزي"], KwicOptions::default()).unwrap();
    /// let (matches, words) = c.matches("قال البنك المركزي إن الاقتصاد وللاقتصاديين نما.");
    /// let found: Vec<(usize, std::ops::Range<usize>)> =
    ///     matches.iter().map(|m| (m.pattern, m.words.clone())).collect();
    /// assert_eq!(found, [(1, 1..3), (0, 4..5), (0, 5..6)]);
    /// assert_eq!(words, 7);
    /// ```
    pub fn matches(&self, text: &str) -> (Vec<Match>, usize) {
        let folded = fold_text(text, &self.fold);
        let words: Vec<Word> = tokens(&folded)
            .into_iter()
            .filter(|t| !matches!(t.kind, TokenKind::Punct | TokenKind::Symbol))
            .map(|t| Word {
                folded: t.start..t.end,
                raw: 0..0,
            })
            .collect();
        let mut found: Vec<Match> = Vec::new();
        if !self.prefilter || self.patterns.iter().any(|p| p.may_occur_in(&folded)) {
            self.index.find(
                &self.patterns,
                &folded,
                &words,
                self.options.clitics,
                &mut |pattern, words| found.push(Match { pattern, words }),
            );
        }
        if !self.index.regex.is_empty() {
            // A regex needs the alignment to find the words it spans.
            let aligned = fold_aligned(text, &self.fold);
            let words = words_of(&aligned);
            for &pattern in &self.index.regex {
                self.patterns[pattern].find(&aligned, &words, &self.options, &mut |_, words| {
                    found.push(Match { pattern, words });
                });
            }
        }
        found.sort_by_key(|m| (m.words.start, std::cmp::Reverse(m.words.end), m.pattern));
        (found, words.len())
    }

    /// [`Self::lines`] of every text, in parallel (see [`crate::parallel`]).
    ///
    /// ```
    /// use warraq::concordance::{Concordancer, KwicOptions};
    /// let c = Concordancer::new(&["حلب"], KwicOptions::default()).unwrap();
    /// let per_text = c.lines_batch(&["في حلب", "لا شيء", "بحلب وحلب"]);
    /// assert_eq!(per_text.iter().map(Vec::len).collect::<Vec<_>>(), [1, 0, 2]);
    /// ```
    pub fn lines_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Vec<KwicLine>> {
        crate::parallel::map(texts, |t| self.lines(t.as_ref()))
    }
}

/// The concordance lines of one pattern in one text: [`Concordancer::new`] then
/// [`Concordancer::lines`].
///
/// ```
/// use warraq::concordance::{kwic, KwicOptions};
/// let lines = kwic("وصلت القوات إلى الحسكة وبالحسكة", "حسكه", &KwicOptions::default()).unwrap();
/// assert_eq!(lines.iter().map(|l| l.keyword.as_str()).collect::<Vec<_>>(), ["الحسكة", "وبالحسكة"]);
/// ```
pub fn kwic(text: &str, pattern: &str, options: &KwicOptions) -> Result<Vec<KwicLine>> {
    Ok(Concordancer::new(&[pattern], *options)?.lines(text))
}

/// The word tokens of the folded text, with their raw spans.
fn words_of(folded: &Folded<'_>) -> Vec<Word> {
    tokens(folded.text())
        .into_iter()
        .filter(|t| !matches!(t.kind, TokenKind::Punct | TokenKind::Symbol))
        .filter_map(|t| {
            let raw = folded.raw_span(t.start..t.end)?;
            Some(Word {
                folded: t.start..t.end,
                raw,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
