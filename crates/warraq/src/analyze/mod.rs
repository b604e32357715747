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

use crate::normalize::{NormalizeOptions, Normalizer, SimpleStep};
use crate::tokenize::{simple_role, tokens_into, SimpleRole, Token, TokenKind};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

/// Whether a term is a number: digits of any script («32», «٢٠١٦») with their
/// separators and signs («32,5», «٣٫٥٪»).
///
/// ```
/// use warraq::analyze::is_number;
/// assert!(is_number("32,5") && is_number("٢٠١٦") && is_number("3.5%"));
/// assert!(!is_number("g20") && !is_number("نفط") && !is_number(","));
/// ```
pub fn is_number(term: &str) -> bool {
    term.chars().any(char::is_numeric)
        && term.chars().all(|c| {
            c.is_numeric() || matches!(c, ',' | '.' | '٫' | '٬' | '%' | '٪' | '/' | '-' | '+')
        })
}

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

impl AnalyzerKind {
    /// The analyzer's name, as [`FromStr`](std::str::FromStr) reads it.
    ///
    /// ```
    /// assert_eq!(warraq::analyze::AnalyzerKind::CharWb.as_str(), "char_wb");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            AnalyzerKind::Word => "word",
            AnalyzerKind::CharWb => "char_wb",
            AnalyzerKind::Whitespace => "whitespace",
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

/// Buffers reused by [`Analyzer::for_each_term`] from one text to the next.
#[derive(Debug, Default)]
pub struct Scratch {
    text: String,
    lower: String,
    tokens: Vec<Token>,
    terms: Vec<String>,
    /// The fused path's normalised word and where its tokens end in it.
    word: String,
    cuts: Vec<(usize, usize, bool)>,
}

/// What the fused path does with one character of U+0000..=U+07FF (see
/// [`Analyzer::unigrams_fused`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// An Arabic letter that normalisation keeps.
    Letter,
    /// A character that normalisation turns into the Arabic letter with this code
    /// point.
    Map(u16),
    /// A character that normalisation removes, with its combining class.
    Drop(u8),
    /// A character that ends a word and is no term itself (punctuation, …),
    /// before or after normalisation.
    Separator,
    /// Anything else: the word holding it takes the general path.
    Slow,
}

/// Steps indexed by code point, for every character of one or two UTF-8 bytes.
type Steps = [Step; 0x800];

fn fused_steps(normalizer: &Normalizer) -> Box<Steps> {
    let role_step = |c: char, mapped: char| match simple_role(mapped) {
        Some(SimpleRole::ArabicLetter) if mapped == c => Step::Letter,
        Some(SimpleRole::ArabicLetter) if (mapped as u32) < 0x800 => Step::Map(mapped as u16),
        Some(SimpleRole::Separator) => Step::Separator,
        _ => Step::Slow,
    };
    let mut steps = Box::new([Step::Slow; 0x800]);
    for (cp, step) in steps.iter_mut().enumerate() {
        let Some(c) = char::from_u32(cp as u32) else {
            continue;
        };
        *step = match normalizer.simple_step(c) {
            None => Step::Slow,
            Some(SimpleStep::Keep) => role_step(c, c),
            Some(SimpleStep::Map(m)) => role_step(c, m),
            Some(SimpleStep::Drop(ccc)) => Step::Drop(ccc),
        };
    }
    steps
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
    /// A filter in front of `stopwords`: most words are not stopwords, and this
    /// says so without hashing the whole word.
    stop_filter: StopFilter,
    /// The fused path's table (the word analyzer with a normaliser).
    fused: Option<Box<Steps>>,
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
        let fused = match (&normalizer, options.kind) {
            (Some(n), AnalyzerKind::Word) => Some(fused_steps(n)),
            _ => None,
        };
        let stop_filter = StopFilter::new(&stopwords);
        Analyzer {
            options,
            normalizer,
            stopwords,
            stop_filter,
            fused,
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

    /// Appends the terms of `text` to `out`.
    ///
    /// ```
    /// let analyzer = warraq::analyze::Analyzer::default();
    /// let mut terms = Vec::new();
    /// analyzer.analyze_into("السياسات", &mut terms);
    /// analyzer.analyze_into("Paris", &mut terms);
    /// assert_eq!(terms, ["سياس", "paris"]);
    /// ```
    pub fn analyze_into(&self, text: &str, out: &mut Vec<String>) {
        let mut scratch = Scratch::default();
        self.for_each_term(text, &mut scratch, &mut |t| out.push(t.to_owned()));
    }

    /// Calls `f` on each term of `text`, in order, reusing `scratch` between calls:
    /// unigram terms are handed out as slices, without allocating (what counting
    /// a corpus needs).
    ///
    /// ```
    /// use warraq::analyze::{Analyzer, Scratch};
    /// let analyzer = Analyzer::default();
    /// let mut scratch = Scratch::default();
    /// let mut n = 0;
    /// analyzer.for_each_term("ارتفعت أسعار النفط في الأسواق", &mut scratch, &mut |_| n += 1);
    /// assert_eq!(n, 4);
    /// ```
    pub fn for_each_term(&self, text: &str, scratch: &mut Scratch, f: &mut dyn FnMut(&str)) {
        let (lo, hi) = self.options.ngram_range;
        match self.options.kind {
            AnalyzerKind::CharWb => {
                let text = self.preprocess(text);
                scratch.terms.clear();
                char_wb_ngrams(&text, self.options.ngram_range, &mut scratch.terms);
                scratch.terms.iter().for_each(|t| f(t));
            }
            _ if hi > 1 => {
                let mut words = std::mem::take(&mut scratch.terms);
                words.clear();
                self.unigrams(text, scratch, &mut |t| words.push(t.to_owned()));
                if lo == 1 {
                    words.iter().for_each(|w| f(w));
                }
                let mut joined = String::new();
                for n in lo.max(2)..=hi.min(words.len()) {
                    for window in words.windows(n) {
                        joined.clear();
                        for (k, w) in window.iter().enumerate() {
                            if k > 0 {
                                joined.push(' ');
                            }
                            joined.push_str(w);
                        }
                        f(&joined);
                    }
                }
                scratch.terms = words;
            }
            _ => self.unigrams(text, scratch, f),
        }
    }

    /// The single-word terms (word or whitespace analyzer).
    fn unigrams(&self, text: &str, scratch: &mut Scratch, f: &mut dyn FnMut(&str)) {
        if self.options.kind == AnalyzerKind::Whitespace {
            text.split_whitespace().for_each(f);
            return;
        }
        match &self.fused {
            Some(steps) => self.unigrams_fused(steps, text, scratch, f),
            None => {
                let Scratch {
                    text: normalized,
                    lower,
                    tokens,
                    ..
                } = scratch;
                self.unigrams_general(text, normalized, tokens, lower, f);
            }
        }
    }

    /// Normalises `text` as a whole, tokenises it and emits its words.
    fn unigrams_general(
        &self,
        text: &str,
        normalized: &mut String,
        tokens: &mut Vec<Token>,
        lower: &mut String,
        f: &mut dyn FnMut(&str),
    ) {
        let text: &str = match &self.normalizer {
            Some(n) => {
                normalized.clear();
                n.normalize_into(text, normalized);
                normalized
            }
            None => text,
        };
        tokens.clear();
        tokens_into(text, tokens);
        for t in tokens.iter().filter(|t| t.kind.is_word()) {
            self.emit_word(t.as_str(text), t.kind, lower, f);
        }
    }

    /// The word analyzer's terms in one pass over the raw text, for the common
    /// case, without normalising the text into a new string or building tokens.
    ///
    /// The text is cut at ASCII spaces and line breaks ([`Pieces`]). Normalisation
    /// and tokenisation never look across those (every normalisation but whitespace
    /// collapsing is character by character or within an NFKC segment, which a space
    /// ends; every token ends at a space), so each piece is analysed on its own
    /// ([`scan_piece`](Self::scan_piece)).
    fn unigrams_fused(
        &self,
        steps: &Steps,
        text: &str,
        scratch: &mut Scratch,
        f: &mut dyn FnMut(&str),
    ) {
        // Pieces that take the general path, from the first of a run of them up to
        // the next simple piece, go through it together (one call, not one each).
        let mut general_from: Option<usize> = None;
        let mut pieces = Pieces::new(text);
        while let Some(piece) = pieces.next() {
            let start = pieces.at - piece.len();
            if !self.scan_piece(steps, piece, &mut scratch.word, &mut scratch.cuts) {
                general_from.get_or_insert(start);
                continue;
            }
            if let Some(from) = general_from.take() {
                self.general_of(&text[from..start], scratch, f);
            }
            self.emit_cuts(piece, scratch, f);
        }
        if let Some(from) = general_from {
            self.general_of(&text[from..], scratch, f);
        }
    }

    /// [`unigrams_general`](Self::unigrams_general) with the scratch buffers.
    fn general_of(&self, text: &str, scratch: &mut Scratch, f: &mut dyn FnMut(&str)) {
        let Scratch {
            text: normalized,
            lower,
            tokens,
            ..
        } = scratch;
        self.unigrams_general(text, normalized, tokens, lower, f);
    }

    /// Whether [`piece_terms`](Self::piece_terms) gives every term of a text,
    /// piece by piece: single words of the word analyzer with a normaliser, or of
    /// the whitespace analyzer (ASCII spaces and line breaks are whitespace). The
    /// terms of a piece then depend on the piece alone, so a caller may remember
    /// them (counting a corpus analyses the frequent pieces once).
    pub(crate) fn analyzes_pieces(&self) -> bool {
        (self.fused.is_some() || self.options.kind == AnalyzerKind::Whitespace)
            && self.options.ngram_range == (1, 1)
    }

    /// The terms of one piece of a text (see [`Pieces`]), when
    /// [`analyzes_pieces`](Self::analyzes_pieces): those [`for_each_term`](Self::for_each_term) gives for it.
    pub(crate) fn piece_terms(&self, piece: &str, scratch: &mut Scratch, f: &mut dyn FnMut(&str)) {
        match &self.fused {
            Some(steps) if self.scan_piece(steps, piece, &mut scratch.word, &mut scratch.cuts) => {
                self.emit_cuts(piece, scratch, f);
            }
            Some(_) => self.general_of(piece, scratch, f),
            None => self.for_each_term(piece, scratch, f),
        }
    }

    /// Reads one piece (no ASCII space or line break in it) for the fused path. A
    /// piece made only of characters whose normalisation is simple (kept, dropped,
    /// mapped to one character: [`Normalizer::simple_step`]) and which are Arabic
    /// letters or plain separators ([`simple_role`]) is normalised letter by letter
    /// into `word` and cut into words at the separators (`cuts`, for
    /// [`emit_cuts`](Self::emit_cuts)). Any other piece (numbers, Latin words,
    /// presentation forms, …) is left to the general path: `false`.
    ///
    /// Some 100 lines on purpose: the per-character loop of the fused analyzer
    /// path keeps its state (`word`, `cuts`, the open run) in locals, which calls
    /// into smaller functions would pass back and forth at every character.
    #[inline(always)]
    fn scan_piece(
        &self,
        steps: &Steps,
        text: &str,
        word: &mut String,
        cuts: &mut Vec<(usize, usize, bool)>,
    ) -> bool {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        word.clear();
        cuts.clear();
        // The word being read: where it starts in the text, and, once
        // normalisation changed a letter of it, where it starts in `word` (its
        // letters are then copied there, unchanged runs in one piece from
        // `run`). An unchanged word is handed out as a slice of the text.
        let mut open = false;
        let mut tok_start = 0;
        let mut copied: Option<usize> = None;
        let mut run = 0;
        // Combining class of the last character read, for the NFKC input check
        // (removed marks must be in canonical order, as Normalizer checks).
        let mut last_ccc = 0u8;
        let mut simple = true;
        while i < n {
            let b = bytes[i];
            let (cp, len) = if b < 0x80 {
                (usize::from(b), 1)
            } else if (0xC2..0xE0).contains(&b) && i + 1 < n {
                (
                    (usize::from(b & 0x1F) << 6) | usize::from(bytes[i + 1] & 0x3F),
                    2,
                )
            } else {
                simple = false;
                break;
            };
            match steps[cp] {
                Step::Letter => {
                    if !open {
                        (open, tok_start, copied) = (true, i, None);
                    }
                    last_ccc = 0;
                    i += len;
                    // Most of the text: more two-byte letters that stay as they are.
                    while i + 1 < n && bytes[i] & 0xE0 == 0xC0 {
                        let cp =
                            (usize::from(bytes[i] & 0x1F) << 6) | usize::from(bytes[i + 1] & 0x3F);
                        if steps[cp] != Step::Letter {
                            break;
                        }
                        i += 2;
                    }
                    continue;
                }
                Step::Map(_) | Step::Drop(_) => {
                    if let Step::Drop(ccc) = steps[cp] {
                        if ccc != 0 && ccc < last_ccc {
                            simple = false;
                            break;
                        }
                        last_ccc = ccc;
                    } else {
                        last_ccc = 0;
                    }
                    match (open, copied) {
                        (true, Some(_)) => word.push_str(&text[run..i]),
                        (true, None) => {
                            copied = Some(word.len());
                            word.push_str(&text[tok_start..i]);
                        }
                        (false, _) => {
                            if matches!(steps[cp], Step::Map(_)) {
                                (open, copied) = (true, Some(word.len()));
                            }
                        }
                    }
                    if let Step::Map(m) = steps[cp] {
                        word.push(char::from_u32(u32::from(m)).unwrap_or('\u{FFFD}'));
                    }
                    run = i + len;
                }
                Step::Separator => {
                    if open {
                        cuts.push(close_word(text, word, tok_start, copied, run, i));
                        open = false;
                    }
                    last_ccc = 0;
                }
                Step::Slow => {
                    simple = false;
                    break;
                }
            }
            i += len;
        }
        if simple && open {
            cuts.push(close_word(text, word, tok_start, copied, run, n));
        }
        simple
    }

    /// Emits the words [`scan_piece`](Self::scan_piece) found in `piece`.
    #[inline(always)]
    fn emit_cuts(&self, piece: &str, scratch: &mut Scratch, f: &mut dyn FnMut(&str)) {
        let Scratch {
            lower, word, cuts, ..
        } = scratch;
        for &(a, b, in_word) in cuts.iter() {
            let term = if in_word { &word[a..b] } else { &piece[a..b] };
            if !term.is_empty() {
                self.emit_arabic(term, lower, f);
            }
        }
    }

    /// Drops a stopword, stems an Arabic word of two-byte letters, hands it to `f`.
    #[inline]
    fn emit_arabic(&self, word: &str, lower: &mut String, f: &mut dyn FnMut(&str)) {
        match self.options.stem {
            Stem::Light => {
                if !self.is_stopword(word) {
                    f(stem::light_stem_counted(word, word.len() / 2));
                }
            }
            _ => self.emit_word(word, TokenKind::Arabic, lower, f),
        }
    }

    #[inline]
    fn is_stopword(&self, word: &str) -> bool {
        self.stop_filter.may_hold(word) && self.stopwords.contains(word)
    }

    /// Lowercases, drops stopwords and stems one word token, then hands it to `f`.
    #[inline]
    fn emit_word(&self, word: &str, kind: TokenKind, lower: &mut String, f: &mut dyn FnMut(&str)) {
        let word = if kind != TokenKind::Arabic
            && self.options.lowercase
            && word.chars().any(char::is_uppercase)
        {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            lower.as_str()
        } else {
            word
        };
        if self.is_stopword(word) {
            return;
        }
        if kind != TokenKind::Arabic {
            f(word);
            return;
        }
        match self.options.stem {
            Stem::None => f(word),
            Stem::Light => f(stem::light_stem_slice(word)),
            Stem::Snowball => f(&stem::snowball().stem(word)),
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
}

/// A bit set over a 16-bit signature of a word (its length, first and last two
/// bytes): a word whose bit is clear is certainly not in the set it was built from.
#[derive(Debug, Clone)]
struct StopFilter(Box<[u64; 1024]>);

impl StopFilter {
    fn new(words: &FxHashSet<String>) -> Self {
        let mut bits = Box::new([0u64; 1024]);
        for w in words {
            let k = Self::signature(w);
            bits[k >> 6] |= 1 << (k & 63);
        }
        StopFilter(bits)
    }

    #[inline]
    fn signature(word: &str) -> usize {
        let b = word.as_bytes();
        let n = b.len();
        let (first, last) = match n {
            0 => (0, 0),
            1 => (u32::from(b[0]), 0),
            _ => (
                u32::from(b[0]) | u32::from(b[1]) << 8,
                u32::from(b[n - 2]) | u32::from(b[n - 1]) << 8,
            ),
        };
        let h = (first ^ last.rotate_left(7) ^ (n as u32).wrapping_mul(0x9E37_79B9))
            .wrapping_mul(0x85EB_CA6B);
        (h >> 16) as usize
    }

    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        let k = Self::signature(word);
        self.0[k >> 6] & (1 << (k & 63)) != 0
    }
}

/// The pieces of a text between ASCII spaces and line breaks, none empty:
/// the word analyzer never looks across those (see
/// [`Analyzer::unigrams_fused`]).
pub(crate) struct Pieces<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Pieces<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Pieces { text, at: 0 }
    }
}

impl<'t> Iterator for Pieces<'t> {
    type Item = &'t str;

    #[inline]
    fn next(&mut self) -> Option<&'t str> {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() && matches!(bytes[self.at], b' ' | b'\n') {
            self.at += 1;
        }
        if self.at == bytes.len() {
            return None;
        }
        let start = self.at;
        self.at = piece_end(bytes, start + 1);
        // Both ends are next to ASCII bytes (or the text's ends): char boundaries.
        self.text.get(start..self.at)
    }
}

/// The position of the first ASCII space or line break in `bytes` from `from`, or
/// the end. Pieces are short (a word and its punctuation): eight bytes are tested at
/// once in a register, which costs less than a call to a vectorised search.
#[inline]
fn piece_end(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut i = from;
    while i + 8 <= bytes.len() {
        let w = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        // A zero byte of `w ^ b' '` or `w ^ b'\n'` (the usual "has a zero byte"
        // test, exact for the lowest such byte, which is the one used).
        let (a, b) = (w ^ (ONES * u64::from(b' ')), w ^ (ONES * u64::from(b'\n')));
        let found = (a.wrapping_sub(ONES) & !a | b.wrapping_sub(ONES) & !b) & HIGHS;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes[i..]
        .iter()
        .position(|b| matches!(b, b' ' | b'\n'))
        .unwrap_or(bytes.len() - i)
}

/// Ends the fused path's current word: `(start, end, in the buffer)`, where the
/// word is `word[start..end]` when it was copied there, else `text[start..end]`.
#[inline]
fn close_word(
    text: &str,
    word: &mut String,
    tok_start: usize,
    copied: Option<usize>,
    run: usize,
    end: usize,
) -> (usize, usize, bool) {
    match copied {
        Some(from) => {
            word.push_str(&text[run..end]);
            (from, word.len(), true)
        }
        None => (tok_start, end, false),
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
mod tests;
