//! Arabic-aware word and sentence splitting.
//!
//! [`tokens`] splits text into [`Token`]s with byte spans into the input (convert
//! with [`crate::offsets`] before handing them to Python) and a [`TokenKind`].
//!
//! # Against camel-tools
//! The rules follow camel-tools' `simple_word_tokenize` (split on whitespace as
//! Python's `str.split()` does; every Unicode punctuation or symbol character is a
//! token of its own, and so is every emoji sequence; the rest of a whitespace-free
//! run is one word) with these deliberate differences, each one a category of
//! `tests/test_tokenize_camel.py`, which finds no other on the 31,030 SaudiNewsNet
//! articles (span F1 0.9925 over 9.8 million tokens; regions per category in
//! brackets):
//! - URLs (`http://…`, `https://…`, `ftp://…`, `www.…`) stay whole, without trailing
//!   sentence punctuation and up to the first Arabic character (447).
//! - E-mail addresses stay whole (374).
//! - `#hashtags` and `@mentions` stay whole, underscores included (451).
//! - Numbers keep their decimal and thousands separators and percent signs:
//!   `36,7`, `11.6`, `٣٫٥`, `٪11`, `50%` are one token each (22,433).
//! - Control, format, private-use and unassigned characters (U+200F, U+202A–U+202E,
//!   U+200B, U+001A, U+F0FC, …) are skipped: they never start, end or join a token.
//!   camel keeps them inside words (1,998).
//! - Digits are split from letters (`و12` → `و`, `12`; `2016م` → `2016`, `م`), as
//!   camel's `split_digits=True` does, so a number is always its own token (13,708).
//! - A run of letters is split where the script changes between Arabic and another
//!   script (`newsالتلفزيونية` → `news`, `التلفزيونية`; `الـCNN` → `الـ`, `CNN`) (153).
//! - Combining marks never start a token: a mark after punctuation, a symbol or a
//!   number stays with it (camel makes `،ً` two tokens) (6).
//! - Zero-width (non-)joiners between two Arabic letters stay inside the word.
//!
//! Character classes come from Unicode 18.0 (the `unicode-properties` crate); camel
//! uses the Python interpreter's `unicodedata` (14.0 in CPython 3.11), so the two can
//! also differ on characters assigned after 14.0 (none occur in SaudiNewsNet).
//!
//! ```
//! use warraq::tokenize::{tokenize, TokenKind, tokens};
//! assert_eq!(tokenize("ارتفع بنسبة ٪11 إلى 36,7 مليار."),
//!            vec!["ارتفع", "بنسبة", "٪11", "إلى", "36,7", "مليار", "."]);
//! let t = tokens("زوروا www.example.com #السعودية");
//! assert_eq!(t[1].kind, TokenKind::Url);
//! assert_eq!(t[2].kind, TokenKind::Hashtag);
//! ```

mod addresses;

pub(crate) use addresses::{email_spans, looks_like_email};

use crate::text::chars::{self, ZWJ};
use addresses::{email_len, url_len};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// What a token is.
///
/// ```
/// use warraq::tokenize::TokenKind;
/// assert_eq!(TokenKind::Arabic.as_str(), "arabic");
/// assert_eq!("url".parse::<TokenKind>().unwrap(), TokenKind::Url);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A word in Arabic script (letters and marks).
    Arabic,
    /// A word in another script (Latin, but also Cyrillic, Greek, …).
    Latin,
    /// A number, with its separators and percent sign.
    Number,
    /// One punctuation character.
    Punct,
    /// A URL.
    Url,
    /// An e-mail address.
    Email,
    /// A `#hashtag`.
    Hashtag,
    /// An `@mention`.
    Mention,
    /// One symbol character (currency, maths, emoji, …).
    Symbol,
}

impl TokenKind {
    /// Every kind, in declaration order.
    pub const ALL: [TokenKind; 9] = [
        TokenKind::Arabic,
        TokenKind::Latin,
        TokenKind::Number,
        TokenKind::Punct,
        TokenKind::Url,
        TokenKind::Email,
        TokenKind::Hashtag,
        TokenKind::Mention,
        TokenKind::Symbol,
    ];

    /// The kind's name as Python sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Arabic => "arabic",
            TokenKind::Latin => "latin",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Mention => "mention",
            TokenKind::Symbol => "symbol",
        }
    }

    /// Whether tokens of this kind are words (not punctuation or symbols).
    ///
    /// ```
    /// assert!(warraq::tokenize::TokenKind::Number.is_word());
    /// assert!(!warraq::tokenize::TokenKind::Punct.is_word());
    /// ```
    pub fn is_word(self) -> bool {
        !matches!(self, TokenKind::Punct | TokenKind::Symbol)
    }
}

impl std::str::FromStr for TokenKind {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        TokenKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                crate::Error::invalid_option("kind", format!("unknown token kind {s:?}"))
            })
    }
}

impl std::fmt::Display for TokenKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A token: a byte span of the input and its kind.
///
/// ```
/// let text = "قال 5";
/// let t = &warraq::tokenize::tokens(text)[1];
/// assert_eq!(t.as_str(text), "5");
/// assert_eq!((t.start, t.end), (7, 8));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What the token is.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in `text` (the string it was produced from).
    pub fn as_str<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Arabic,
    Letter,
    Mark,
    Digit,
    Punct,
    Symbol,
    Other,
}

/// [`classify_slow`] for U+0000..U+07FF (ASCII, Latin-1, Arabic), computed once.
static CLASS_LOW: LazyLock<[Class; 0x800]> = LazyLock::new(|| {
    std::array::from_fn(|cp| classify_slow(char::from_u32(cp as u32).unwrap_or('\0')))
});

#[inline]
fn classify(c: char) -> Class {
    match CLASS_LOW.get(c as usize) {
        Some(&class) => class,
        None => classify_slow(c),
    }
}

fn classify_slow(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => Class::Letter,
            '0'..='9' => Class::Digit,
            ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C' => Class::Space,
            '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' => Class::Symbol,
            c if c.is_ascii_punctuation() => Class::Punct,
            _ => Class::Other,
        };
    }
    if c.is_whitespace() {
        return Class::Space;
    }
    match c.general_category_group() {
        GeneralCategoryGroup::Letter if chars::is_arabic_script(c) => Class::Arabic,
        GeneralCategoryGroup::Letter => Class::Letter,
        GeneralCategoryGroup::Mark => Class::Mark,
        GeneralCategoryGroup::Number => {
            if c.general_category() == unicode_properties::GeneralCategory::DecimalNumber {
                Class::Digit
            } else {
                Class::Symbol
            }
        }
        GeneralCategoryGroup::Punctuation => Class::Punct,
        GeneralCategoryGroup::Symbol => Class::Symbol,
        GeneralCategoryGroup::Separator => Class::Space,
        GeneralCategoryGroup::Other => Class::Other,
    }
}

/// What a character (after normalisation) is to the tokenizer when it stands
/// between Arabic letters and separators only (see [`simple_role`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SimpleRole {
    /// An Arabic letter: part of an Arabic word.
    ArabicLetter,
    /// Ends any word and starts none: whitespace, punctuation or a symbol that is
    /// never part of a longer token among Arabic letters, an invisible character.
    Separator,
}

/// The role of `c` in a run of Arabic letters and separators, or `None` when the
/// tokenizer may treat it in a way that depends on its neighbours (Latin letters,
/// digits, marks, `#`, `@`, percent signs). The analyzer's fused path uses this to
/// split words without building tokens; a word holding any `None` character goes
/// through [`tokens_into`] instead.
pub(crate) fn simple_role(c: char) -> Option<SimpleRole> {
    match classify(c) {
        Class::Arabic => Some(SimpleRole::ArabicLetter),
        Class::Space | Class::Other => Some(SimpleRole::Separator),
        Class::Punct | Class::Symbol if !matches!(c, '#' | '@') && !is_percent(c) => {
            Some(SimpleRole::Separator)
        }
        _ => None,
    }
}

fn is_percent(c: char) -> bool {
    matches!(c, '%' | chars::ARABIC_PERCENT | '\u{FF05}' | '\u{FE6A}')
}

fn is_number_separator(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | chars::ARABIC_DECIMAL_SEPARATOR | chars::ARABIC_THOUSANDS_SEPARATOR
    )
}

fn is_joiner(c: char) -> bool {
    matches!(c, chars::ZWNJ | chars::ZWJ)
}

/// Splits `text` into tokens with byte spans.
///
/// ```
/// let text = "قال د. أحمد: «ارتفعت الأسعار ٣٫٥٪»";
/// let words: Vec<&str> = warraq::tokenize::tokens(text).iter().map(|t| t.as_str(text)).collect();
/// assert_eq!(words, ["قال", "د", ".", "أحمد", ":", "«", "ارتفعت", "الأسعار", "٣٫٥٪", "»"]);
/// ```
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    tokens_into(text, &mut out);
    out
}

/// Like [`tokens`], appending to `out`.
///
/// ```
/// let mut buf = Vec::new();
/// warraq::tokenize::tokens_into("أ ب", &mut buf);
/// assert_eq!(buf.len(), 2);
/// ```
pub fn tokens_into(text: &str, out: &mut Vec<Token>) {
    for_each_token(text, |t| out.push(t));
}

/// Calls `emit` with every token of `text`, in order.
fn for_each_token(text: &str, mut emit: impl FnMut(Token)) {
    let mut i = 0;
    let bytes = text.as_bytes();
    let table = &*CLASS_LOW;
    while i < text.len() {
        // Fast paths for the two commonest cases: a space, and an Arabic word.
        let b = bytes[i];
        if b == b' ' || b == b'\n' {
            i += 1;
            continue;
        }
        if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
            let cp = (usize::from(b & 0x1F) << 6) | usize::from(bytes[i + 1] & 0x3F);
            if table[cp] == Class::Arabic {
                let len = arabic_len(&text[i..]);
                emit(Token {
                    start: i,
                    end: i + len,
                    kind: TokenKind::Arabic,
                });
                i += len;
                continue;
            }
        }
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let class = classify(c);
        let (len, kind) = match class {
            Class::Space | Class::Other => {
                i += c.len_utf8();
                continue;
            }
            Class::Letter if c.is_ascii() => {
                if let Some(n) = url_len(rest) {
                    (n, TokenKind::Url)
                } else if let Some(n) = email_len(rest) {
                    (n, TokenKind::Email)
                } else {
                    (run_len(rest, |cl, _| cl == Class::Letter), TokenKind::Latin)
                }
            }
            Class::Digit if bytes[i].is_ascii_digit() && email_len(rest).is_some() => {
                (email_len(rest).unwrap_or(0), TokenKind::Email)
            }
            Class::Letter => (run_len(rest, |cl, _| cl == Class::Letter), TokenKind::Latin),
            Class::Arabic => (arabic_len(rest), TokenKind::Arabic),
            Class::Digit => (number_len(rest, 0), TokenKind::Number),
            Class::Punct | Class::Symbol => punct_or_symbol(c, class, rest),
            Class::Mark => orphan_mark(c, rest),
        };
        emit(Token {
            start: i,
            end: i + len,
            kind,
        });
        i += len.max(1);
    }
}

/// A token that starts with punctuation or a symbol: a hashtag or mention (`#`/`@`
/// before a word), a number after a percent sign, else the character itself with an
/// emoji's joiners and modifiers and any marks after it.
#[inline]
fn punct_or_symbol(c: char, class: Class, rest: &str) -> (usize, TokenKind) {
    let next = rest[c.len_utf8()..].chars().next();
    let next_class = next.map(classify);
    let hash_or_at = c == '#' || c == '@';
    if hash_or_at
        && (matches!(
            next_class,
            Some(Class::Letter | Class::Arabic | Class::Digit)
        ) || next == Some('_'))
    {
        let body = run_len(&rest[1..], |cl, ch| {
            matches!(
                cl,
                Class::Letter | Class::Arabic | Class::Digit | Class::Mark
            ) || ch == '_'
        });
        let kind = if c == '#' {
            TokenKind::Hashtag
        } else {
            TokenKind::Mention
        };
        (1 + body, kind)
    } else if is_percent(c) && next_class == Some(Class::Digit) {
        (number_len(rest, c.len_utf8()), TokenKind::Number)
    } else {
        let kind = if class == Class::Punct {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        let tail = if kind == TokenKind::Symbol {
            emoji_tail_len(c, &rest[c.len_utf8()..])
        } else {
            0
        };
        let after = c.len_utf8() + tail;
        (after + marks_len(&rest[after..]), kind)
    }
}

/// An orphan mark (after a space or at the start): a token of its own script.
#[inline]
fn orphan_mark(c: char, rest: &str) -> (usize, TokenKind) {
    if chars::is_arabic_script(c) {
        (arabic_len(rest), TokenKind::Arabic)
    } else {
        (
            run_len(rest, |cl, _| matches!(cl, Class::Letter | Class::Mark)),
            TokenKind::Latin,
        )
    }
}

/// Length of the leading run of characters accepted by `keep` (marks always continue a run).
fn run_len(s: &str, keep: impl Fn(Class, char) -> bool) -> usize {
    s.char_indices()
        .find(|&(_, c)| {
            let cl = classify(c);
            !(cl == Class::Mark || keep(cl, c))
        })
        .map_or(s.len(), |(i, _)| i)
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

/// Length of what continues the emoji `first` in `rest`, so that one emoji is one
/// token as camel-tools has it: skin-tone modifiers, variation selector 16, the
/// keycap mark, tag sequences (subdivision flags), the second regional indicator of
/// a flag, and zero-width-joiner sequences (👨‍👩‍👧).
fn emoji_tail_len(first: char, rest: &str) -> usize {
    let mut end = 0;
    let mut chars = rest.char_indices().peekable();
    if is_regional_indicator(first) {
        return match chars.next() {
            Some((_, c)) if is_regional_indicator(c) => c.len_utf8(),
            _ => 0,
        };
    }
    while let Some((i, c)) = chars.next() {
        match c {
            '\u{1F3FB}'..='\u{1F3FF}' | '\u{FE0F}' | '\u{20E3}' | '\u{E0020}'..='\u{E007F}' => {
                end = i + c.len_utf8();
            }
            ZWJ => match chars.peek() {
                Some(&(j, n)) if classify(n) == Class::Symbol => {
                    chars.next();
                    end = j + n.len_utf8();
                }
                _ => break,
            },
            _ => break,
        }
    }
    end
}

fn marks_len(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| classify(c) != Class::Mark)
        .map_or(s.len(), |(i, _)| i)
}

fn arabic_len(s: &str) -> usize {
    // Fast path: two-byte Arabic letters and marks, looked up directly.
    let bytes = s.as_bytes();
    let table = &*CLASS_LOW;
    let mut end = 0;
    while end + 1 < bytes.len() && (0xD8..=0xDB).contains(&bytes[end]) {
        let cp = (usize::from(bytes[end] & 0x1F) << 6) | usize::from(bytes[end + 1] & 0x3F);
        if !matches!(table[cp], Class::Arabic | Class::Mark) {
            break;
        }
        end += 2;
    }
    // An ASCII character (space, punctuation, digit, Latin) ends the word for sure.
    if end > 0 && bytes.get(end).is_none_or(|&b| b < 0x80) {
        return end;
    }
    end + arabic_len_slow(&s[end..], end > 0)
}

/// `after_letters`: the word already has letters before `s` (a joiner may follow).
fn arabic_len_slow(s: &str, after_letters: bool) -> usize {
    let mut end = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let cl = classify(c);
        if cl == Class::Arabic || cl == Class::Mark {
            end = i + c.len_utf8();
        } else if is_joiner(c) && (end > 0 || after_letters) {
            // Keep a ZWNJ/ZWJ only when an Arabic letter follows it.
            match chars.peek() {
                Some(&(_, n)) if classify(n) == Class::Arabic => {}
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

/// Length of the number at the start of `s`, whose first `skip` bytes are a percent sign.
fn number_len(s: &str, skip: usize) -> usize {
    let digits = |from: usize| -> usize {
        s[from..]
            .char_indices()
            .find(|&(_, c)| classify(c) != Class::Digit)
            .map_or(s.len() - from, |(i, _)| i)
    };
    let mut end = skip + digits(skip);
    loop {
        let mut it = s[end..].chars();
        match (it.next(), it.next()) {
            (Some(sep), Some(d)) if is_number_separator(sep) && classify(d) == Class::Digit => {
                let after = end + sep.len_utf8();
                end = after + digits(after);
            }
            (Some(p), _) if skip == 0 && is_percent(p) => {
                end += p.len_utf8();
                break;
            }
            _ => break,
        }
    }
    // Marks after a number stay with it (a sukun typed as a degree sign: «74ْ»).
    end + marks_len(&s[end..])
}

/// The tokens of `text` as string slices.
///
/// ```
/// assert_eq!(warraq::tokenize::tokenize("ماي2016 (PYD)"), ["ماي", "2016", "(", "PYD", ")"]);
/// ```
pub fn tokenize(text: &str) -> Vec<&str> {
    tokens(text).iter().map(|t| t.as_str(text)).collect()
}

/// Appends the tokens of `text` to `out`, separated by single spaces (no allocation
/// besides `out`'s own growth).
///
/// ```
/// let mut out = String::new();
/// warraq::tokenize::join_tokens_into("قال:  «نعم»", &mut out);
/// assert_eq!(out, "قال : « نعم »");
/// ```
pub fn join_tokens_into(text: &str, out: &mut String) {
    // Tokens separated by exactly one space are copied in one piece with the space.
    let mut run: Option<(usize, usize)> = None;
    for_each_token(text, |t| {
        run = Some(match run {
            Some((start, end)) if t.start == end + 1 && text.as_bytes()[end] == b' ' => {
                (start, t.end)
            }
            Some((start, end)) => {
                out.push_str(&text[start..end]);
                out.push(' ');
                (t.start, t.end)
            }
            None => (t.start, t.end),
        });
    });
    if let Some((start, end)) = run {
        out.push_str(&text[start..end]);
    }
}

/// Tokenises every text, in parallel (see [`crate::parallel`]).
///
/// ```
/// let out = warraq::tokenize::tokens_batch(&["أ ب", "ج"]);
/// assert_eq!(out.iter().map(Vec::len).collect::<Vec<_>>(), [2, 1]);
/// ```
pub fn tokens_batch<S: AsRef<str> + Sync>(texts: &[S]) -> Vec<Vec<Token>> {
    crate::parallel::map(texts, |t| tokens(t.as_ref()))
}

fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '؟' | '؛' | ';' | '…' | '۔' | '！' | '？'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '}' | '›' | '﴿'
    )
}

/// Words that end with a full stop without ending the sentence.
const ABBREVIATIONS: [&str; 16] = [
    "د", "أ", "م", "ج", "ص", "ق", "ت", "هـ", "Dr", "Mr", "Mrs", "Ms", "Prof", "St", "vs", "No",
];

/// Splits `text` into sentences; returns their byte spans (trimmed of whitespace).
///
/// A sentence ends at `.` `!` `?` `؟` `؛` `;` `…` (and any closing quotes or brackets
/// right after them) and at every line break. A full stop inside a number (`3.5`), a
/// URL or an e-mail address does not end a sentence, nor one right after a one-letter
/// abbreviation such as «د.» (doctor) or «م.» (engineer).
///
/// ```
/// let text = "قال د. أحمد إن النمو بلغ 3.5%. وأضاف: «سنرى»!\nسطر جديد";
/// let s: Vec<&str> = warraq::tokenize::sentence_spans(text).iter().map(|&(a, b)| &text[a..b]).collect();
/// assert_eq!(s, ["قال د. أحمد إن النمو بلغ 3.5%.", "وأضاف: «سنرى»!", "سطر جديد"]);
/// ```
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let toks = tokens(text);
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if let Some(s) = start {
            let prev_end = toks[i - 1].end;
            if text[prev_end..t.start].contains(['\n', '\r', '\u{2029}', '\u{2028}', '\u{0085}']) {
                spans.push((s, prev_end));
                start = None;
            }
        }
        let s = *start.get_or_insert(t.start);
        let c = text[t.start..].chars().next().unwrap_or(' ');
        if t.kind == TokenKind::Punct && is_terminator(c) && !is_abbreviation(text, &toks, i) {
            let mut j = i + 1;
            // Absorb "?!", "..." and closing quotes that hug the terminator.
            while j < toks.len()
                && toks[j].start == toks[j - 1].end
                && toks[j].kind == TokenKind::Punct
            {
                let cj = text[toks[j].start..].chars().next().unwrap_or(' ');
                if is_terminator(cj) || is_closer(cj) {
                    j += 1;
                } else {
                    break;
                }
            }
            spans.push((s, toks[j - 1].end));
            start = None;
            i = j;
            continue;
        }
        i += 1;
    }
    if let (Some(s), Some(last)) = (start, toks.last()) {
        spans.push((s, last.end));
    }
    spans
}

fn is_abbreviation(text: &str, toks: &[Token], i: usize) -> bool {
    if !text[toks[i].start..].starts_with('.') || i == 0 {
        return false;
    }
    let prev = toks[i - 1];
    if prev.end != toks[i].start || !prev.kind.is_word() {
        return false;
    }
    let word = prev.as_str(text);
    let standalone = i < 2 || toks[i - 2].end < prev.start;
    standalone && ABBREVIATIONS.contains(&word) && i + 1 < toks.len()
}

/// The sentences of `text` as string slices (see [`sentence_spans`]).
///
/// ```
/// assert_eq!(warraq::tokenize::sentences("جملة أولى. جملة ثانية؟"), ["جملة أولى.", "جملة ثانية؟"]);
/// ```
pub fn sentences(text: &str) -> Vec<&str> {
    sentence_spans(text)
        .into_iter()
        .map(|(a, b)| &text[a..b])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        tokens(text)
            .iter()
            .map(|t| (t.as_str(text), t.kind))
            .collect()
    }

    #[test]
    fn numbers_keep_separators() {
        for n in ["٣٫٥", "36,7", "٪11", "11.6", "50%", "1,000,000"] {
            assert_eq!(kinds(n), vec![(n, TokenKind::Number)], "{n}");
        }
        assert_eq!(tokenize("2025-2026"), ["2025", "-", "2026"]);
        assert_eq!(tokenize("نهاية 2016."), ["نهاية", "2016", "."]);
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(
            kinds("راجع https://example.com/a?b=1. ثم"),
            vec![
                ("راجع", TokenKind::Arabic),
                ("https://example.com/a?b=1", TokenKind::Url),
                (".", TokenKind::Punct),
                ("ثم", TokenKind::Arabic)
            ]
        );
        assert_eq!(
            kinds("info@alriyadh.com.sa،"),
            vec![
                ("info@alriyadh.com.sa", TokenKind::Email),
                ("،", TokenKind::Punct)
            ]
        );
        assert_eq!(kinds("@user_1")[0], ("@user_1", TokenKind::Mention));
    }

    #[test]
    fn urls_end_at_arabic_and_numbers_keep_marks() {
        assert_eq!(
            tokenize("http://x.com/watch?v=qt4nنجاح WWW.A.SAالبريد"),
            ["http://x.com/watch?v=qt4n", "نجاح", "WWW.A.SA", "البريد"]
        );
        assert_eq!(tokenize("74ْ م"), ["74ْ", "م"]);
    }

    #[test]
    fn emoji_sequences_are_one_token() {
        for e in [
            "👍🏽",
            "❤️",
            "🇸🇦",
            "👨\u{200D}👩\u{200D}👧",
            "🏴\u{E0067}\u{E0062}\u{E007F}",
        ] {
            assert_eq!(kinds(e), vec![(e, TokenKind::Symbol)], "{e:?}");
        }
        assert_eq!(tokenize("😀😀"), ["😀", "😀"]);
        assert_eq!(tokenize("🇸🇦🇪🇬"), ["🇸🇦", "🇪🇬"]);
    }

    #[test]
    fn script_change_splits() {
        assert_eq!(tokenize("newsالتلفزيونية"), ["news", "التلفزيونية"]);
    }

    #[test]
    fn zwnj_inside_word() {
        assert_eq!(tokenize("می\u{200C}خواهم"), ["می\u{200C}خواهم"]);
        assert_eq!(tokenize("ب\u{200C} ج"), ["ب", "ج"]);
    }

    #[test]
    fn spans_slice_the_text() {
        let text = "  ﻻ\u{0301}  x\u{0301}y 😀👍🏽 ١٢";
        for t in tokens(text) {
            assert!(!t.as_str(text).is_empty());
            assert!(!t.as_str(text).trim().is_empty());
        }
    }

    #[test]
    fn sentences_split_on_line_breaks_and_keep_decimals() {
        assert_eq!(sentences("أ 3.5 ب\nج"), ["أ 3.5 ب", "ج"]);
        assert_eq!(sentences("هل؟! نعم."), ["هل؟!", "نعم."]);
        assert!(sentences("   ").is_empty());
    }
}
