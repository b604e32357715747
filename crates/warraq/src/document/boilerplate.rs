//! Line-shape rules and small lexicons that tell boilerplate from article text.
//!
//! Every rule here looks at one line (its words, punctuation, script, function
//! words) or matches a short curated lexicon of widget phrases (the files of
//! `crates/warraq/data/lexicons/`); none is keyed to a particular outlet. [`Reason`]
//! names the rule that removed a line.

use super::lexicons::{
    BYLINE_CITY, BYLINE_OUTLET, FOOTER, FUNCTION_WORDS, READ_MORE, SHARE, TAG, TAG_FIRST_WORDS,
    UI_MATCHER,
};
use crate::dates::{parse_date_line, DateMention};
use crate::text::{
    at_most_words, chars, fold, has_multibyte_space, multibyte_space, next_possible_space,
    word_count,
};
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
use std::sync::LazyLock;

/// Why a line was removed from an article.
///
/// ```
/// use warraq::document::Reason;
/// assert_eq!(Reason::ShareWidget.as_str(), "share widget");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Share buttons and social-network names («Linkedin», «شارك الموضوع»).
    ShareWidget,
    /// The title or subtitle written again.
    RepeatedHeading,
    /// A ticker of other headlines run together on one line.
    Ticker,
    /// A user-interface string («شكرا على الإبلاغ!», «انقر هنا…»).
    UiString,
    /// The line that gave the publication date.
    DateLine,
    /// A dateline/byline/source line («لندن - الخليج أونلاين»).
    SourceAttribution,
    /// The «اقرأ أيضاً» heading and the related headlines under it.
    ReadMore,
    /// The «كلمات دلالية» / «سمات» heading and its tags.
    TagBlock,
    /// A widget or footer line after the article («مكة المكرمة», a prayer-times widget).
    FooterWidget,
    /// A run of short menu entries.
    Navigation,
    /// A run of headlines linking to other articles («الأكثر قراءة» lists).
    HeadlineList,
    /// A line with no Arabic text (menus in Latin script, separators).
    NonArabic,
    /// An agency trailer («// انتهى //  17:18 ت م»).
    AgencyTrailer,
    /// A «رابط الخبر بصحيفة …» footer naming the outlet.
    SourceFooter,
    /// An e-mail address or a line holding only one.
    Email,
    /// A line found in many documents of the same source (corpus-level).
    Recurring,
    /// A body line repeated verbatim in the same document (kept once).
    DuplicateLine,
}

impl Reason {
    /// Every reason, in declaration order (`Reason::ALL[r as usize] == r`).
    ///
    /// ```
    /// use warraq::document::Reason;
    /// assert!(Reason::ALL.iter().enumerate().all(|(i, &r)| r as usize == i));
    /// ```
    pub const ALL: [Reason; 17] = [
        Reason::ShareWidget,
        Reason::RepeatedHeading,
        Reason::Ticker,
        Reason::UiString,
        Reason::DateLine,
        Reason::SourceAttribution,
        Reason::ReadMore,
        Reason::TagBlock,
        Reason::FooterWidget,
        Reason::Navigation,
        Reason::HeadlineList,
        Reason::NonArabic,
        Reason::AgencyTrailer,
        Reason::SourceFooter,
        Reason::Email,
        Reason::Recurring,
        Reason::DuplicateLine,
    ];

    /// A short human-readable label, the form reported to Python.
    ///
    /// ```
    /// use warraq::document::Reason;
    /// assert_eq!(Reason::TagBlock.as_str(), "tag block");
    /// ```
    pub fn as_str(&self) -> &'static str {
        match self {
            Reason::ShareWidget => "share widget",
            Reason::RepeatedHeading => "repeated heading",
            Reason::Ticker => "ticker",
            Reason::UiString => "ui string",
            Reason::DateLine => "date line",
            Reason::SourceAttribution => "source attribution",
            Reason::ReadMore => "read more block",
            Reason::TagBlock => "tag block",
            Reason::FooterWidget => "footer widget",
            Reason::Navigation => "navigation",
            Reason::HeadlineList => "headline list",
            Reason::NonArabic => "non-arabic line",
            Reason::AgencyTrailer => "agency trailer",
            Reason::SourceFooter => "source footer",
            Reason::Email => "e-mail",
            Reason::Recurring => "recurring line",
            Reason::DuplicateLine => "duplicate line",
        }
    }
}

/// The folded line without the decoration that widgets carry around their label
/// («شارك الموضوع ...», «اقرأ أيضاً:»).
pub(crate) fn label(line: &str) -> String {
    label_of_folded(&fold(line)).to_string()
}

/// [`label`] of a line already folded.
fn label_of_folded(folded: &str) -> &str {
    folded.trim_matches(|c: char| c.is_whitespace() || ".:…-–—|»«>›•*".contains(c))
}

/// One line of an article and what the rules ask of it. Several rules test the
/// same line and most of their cost is scanning it, so each fact is worked out at
/// most once, when a rule first asks for it.
pub(crate) struct Line<'a> {
    /// The line as written.
    pub(crate) text: &'a str,
    words: OnceCell<usize>,
    folded: OnceCell<String>,
    mostly_arabic: OnceCell<bool>,
    ui_string: OnceCell<bool>,
    date: OnceCell<Option<DateMention>>,
}

impl<'a> Line<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Line {
            text,
            words: OnceCell::new(),
            folded: OnceCell::new(),
            mostly_arabic: OnceCell::new(),
            ui_string: OnceCell::new(),
            date: OnceCell::new(),
        }
    }

    /// [`word_count`] of the line.
    pub(crate) fn words(&self) -> usize {
        *self.words.get_or_init(|| word_count(self.text))
    }

    /// [`at_most_words`] of the line: from the count when it is known, else
    /// counting no further than needed.
    pub(crate) fn at_most_words(&self, n: usize) -> bool {
        match self.words.get() {
            Some(&words) => words <= n,
            None => at_most_words(self.text, n),
        }
    }

    /// [`fold`] of the line.
    pub(crate) fn folded(&self) -> &str {
        self.folded.get_or_init(|| fold(self.text))
    }

    /// [`label`] of the line.
    pub(crate) fn label(&self) -> &str {
        label_of_folded(self.folded())
    }

    /// [`is_mostly_arabic`] of the line.
    pub(crate) fn is_mostly_arabic(&self) -> bool {
        *self
            .mostly_arabic
            .get_or_init(|| is_mostly_arabic(self.text))
    }

    /// The line's date ([`parse_date_line`]).
    pub(crate) fn date(&self) -> Option<&DateMention> {
        self.date
            .get_or_init(|| parse_date_line(self.text))
            .as_ref()
    }
}

/// True when every word of the line belongs to the share-widget vocabulary.
pub(crate) fn is_share_widget(line: &Line) -> bool {
    if !line.at_most_words(6) {
        return false;
    }
    let l = line.label();
    if l.is_empty() || !at_most_words(l, 5) {
        return false;
    }
    l.split(|c: char| c.is_whitespace() || c == '|' || c == '/' || c == ',')
        .filter(|w| !w.is_empty())
        .all(|w| SHARE.contains(w))
}

/// A short line holding a UI phrase.
pub(crate) fn is_ui_string(line: &Line) -> bool {
    *line.ui_string.get_or_init(|| holds_ui_phrase(line))
}

fn holds_ui_phrase(line: &Line) -> bool {
    if !line.at_most_words(16) {
        return false;
    }
    let f = line.folded();
    // Whole words only: «عاجل» must not match inside «العاجلة».
    UI_MATCHER.find_iter(f).any(|m| {
        let before = f[..m.start()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = f[m.end()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

pub(crate) fn is_read_more_label(line: &Line) -> bool {
    line.at_most_words(6) && READ_MORE.contains(line.label())
}

/// If the line opens a tag block, the tags written on the same line after the label.
pub(crate) fn tag_label_rest(line: &Line) -> Option<String> {
    let trimmed = line.text.trim();
    // Cheap test first: the first word must start a tag label (folding only that
    // word: most lines are not short, and need no folded form otherwise).
    let first = fold(trimmed.split_whitespace().next()?);
    if !TAG_FIRST_WORDS.contains(first.trim_end_matches([':', '.', '…'])) {
        return None;
    }
    // Folding ignores the surrounding whitespace: the folded line is that of `trimmed`.
    let folded = line.folded();
    for tag_label in TAG.iter() {
        if let Some(rest) = folded.strip_prefix(tag_label) {
            if rest.is_empty() || rest.starts_with([' ', ':', '.', '…', '،', ',']) {
                // Map the folded prefix length back onto the raw line: both have
                // the same number of words in the label.
                let label_words = word_count(tag_label);
                // Keep the remainder's spacing: wide gaps separate its tags.
                let raw_rest = after_words(trimmed, label_words);
                // A label alone, or followed by tags (not a sentence).
                let rest_clean =
                    raw_rest.trim_matches(|c: char| c.is_whitespace() || ".:…".contains(c));
                if rest_clean.is_empty()
                    || (!ends_sentence(rest_clean) && stop_word_ratio(&Line::new(rest_clean)) < 0.2)
                {
                    return Some(rest_clean.to_string());
                }
            }
        }
    }
    None
}

/// The text after the first `n` words, spacing kept.
fn after_words(line: &str, n: usize) -> &str {
    let mut rest = line.trim_start();
    for _ in 0..n {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        rest = rest[end..].trim_start();
    }
    rest
}

/// Splits a tag line: on its delimiters (commas, «،», «|», «؛», «#», «•») when it
/// has any, else on wide gaps (two or more spaces), else into words grouped into
/// the multi-word names and phrases they form (see [`group_tag_words`]).
pub(crate) fn split_tags(line: &str) -> Vec<String> {
    const DELIMITERS: [char; 6] = [',', '،', '|', '؛', '#', '•'];
    let trimmed = line.trim().trim_matches(|c: char| ".:…".contains(c));
    let parts: Vec<String> = if trimmed.contains(DELIMITERS) {
        trimmed.split(DELIMITERS).map(str::to_string).collect()
    } else if trimmed.contains("  ") || trimmed.contains('\u{a0}') {
        split_on_gaps(trimmed, 2)
    } else {
        let words: Vec<&str> = trimmed.split_whitespace().collect();
        group_tag_words(&words)
    };
    parts
        .into_iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Splits on runs of at least `min_run` whitespace characters.
fn split_on_gaps(line: &str, min_run: usize) -> Vec<String> {
    let mut out = Vec::new();
    let (mut current, mut run) = (String::new(), 0usize);
    for c in line.chars() {
        if c.is_whitespace() {
            run += 1;
            continue;
        }
        if run >= min_run && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        } else if run > 0 && !current.is_empty() {
            current.push(' ');
        }
        run = 0;
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A definite word («السوبر»): the article and at least two letters.
fn is_definite(word: &str) -> bool {
    fold(word)
        .strip_prefix("ال")
        .is_some_and(|r| r.chars().count() >= 2)
}

/// Groups the words of a tag line written without delimiters («سمات الأمير محمد بن
/// نايف السعودية ولي العهد») into tags: a multi-word entry of the gazetteers
/// («المدينة المنورة»); a person's name (an optional title, a given name or an
/// «عبد…» name, then particles with the word after them, further given names, and a
/// definite family name: «علي بن عمير آل جرمان الشهراني»); an annexation of an
/// indefinite word and a definite one («ولي العهد», «كأس السوبر»); else one word.
pub(crate) fn group_tag_words(words: &[&str]) -> Vec<String> {
    use crate::entities::gazetteer::{GazClass, Gazetteer};
    let g = Gazetteer::get();
    // A place, outlet or organisation (given names are handled below).
    let known = |w: &[&str]| {
        g.classes_of(&w.join(" "))
            .iter()
            .any(|c| *c != GazClass::GivenName)
    };
    let given =
        |w: &str| g.is_given_name(w) || (fold(w).starts_with("عبد") && w.chars().count() > 4);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // The longest multi-word gazetteer entry.
        if let Some(len) = (2..=4.min(words.len() - i))
            .rev()
            .find(|&len| known(&words[i..i + len]))
        {
            out.push(words[i..i + len].join(" "));
            i += len;
            continue;
        }
        let name_start = if g.is_title(words[i]) && words.get(i + 1).is_some_and(|w| given(w)) {
            Some(i + 1)
        } else if given(words[i]) && !known(&words[i..=i]) {
            Some(i)
        } else {
            None
        };
        if let Some(start) = name_start {
            let mut j = start + 1;
            while j < words.len() {
                let w = words[j];
                if g.is_name_particle(w) && j + 1 < words.len() {
                    j += 2;
                } else if given(w) && !known(&words[j..=j]) {
                    j += 1;
                } else {
                    // A family name ends the name; a place or outlet is a tag of its own.
                    if is_definite(w) && !known(&words[j..=j]) {
                        j += 1;
                    }
                    break;
                }
            }
            out.push(words[i..j].join(" "));
            i = j;
            continue;
        }
        if !is_definite(words[i])
            && !known(&words[i..=i])
            && words
                .get(i + 1)
                .is_some_and(|w| is_definite(w) && !known(&[w]))
        {
            out.push(words[i..i + 2].join(" "));
            i += 2;
            continue;
        }
        out.push(words[i].to_string());
        i += 1;
    }
    out
}

pub(crate) fn is_footer_line(line: &Line) -> bool {
    line.at_most_words(4) && FOOTER.contains(line.label())
}

/// A place of the byline list: the names the entities gazetteers lack (the byline
/// rules ask the gazetteers too).
pub(crate) fn is_known_city(name: &str) -> bool {
    BYLINE_CITY.contains(&fold(name))
}

/// An outlet or agency of the byline list: the names the entities gazetteer lacks
/// (the byline rules ask the gazetteer too).
pub(crate) fn is_outlet_name(name: &str) -> bool {
    BYLINE_OUTLET.contains(&fold(name))
}

/// At least half of the letters are Arabic (no letters: false).
pub(crate) fn is_mostly_arabic(line: &str) -> bool {
    // Read block by block, stopping once the rest of the line cannot change the
    // answer: `rest` bytes hold at most `rest` letters, and at most `rest / 2`
    // Arabic ones (two bytes each). A paragraph in Arabic is decided about
    // two thirds of the way through.
    const BLOCK: usize = 128;
    let (mut arabic, mut letters) = (0usize, 0usize);
    let mut start = 0;
    while start < line.len() {
        let mut end = (start + BLOCK).min(line.len());
        while !line.is_char_boundary(end) {
            end += 1;
        }
        let (a, l) = arabic_and_letters(&line[start..end]);
        (arabic, letters) = (arabic + a, letters + l);
        let rest = line.len() - end;
        if arabic > 0 && 2 * arabic >= letters + rest {
            return true;
        }
        if 2 * arabic + rest / 2 < letters {
            return false;
        }
        start = end;
    }
    letters > 0 && 2 * arabic >= letters
}

/// Arabic letters and letters (`char::is_alphabetic`) in `line`. Arabic letters
/// are [`chars::is_arabic_letter`].
fn arabic_and_letters(line: &str) -> (usize, usize) {
    // Every Arabic letter, and most other characters of Arabic text («» ، the
    // digits and the harakat), are two-byte characters (U+0080–U+07FF): they are
    // decoded here from their two bytes and classed by one table lookup, made from
    // `char::is_alphabetic`, instead of the general decoding and property lookup.
    // Bit 0 of a class: a letter; bit 1: an Arabic letter.
    static TWO_BYTE_CLASS: LazyLock<[u8; 0x800]> = LazyLock::new(|| {
        std::array::from_fn(|u| {
            let u = u as u32;
            if char::from_u32(u).is_some_and(chars::is_arabic_letter) {
                0b11
            } else {
                u8::from(u >= 0x80 && char::from_u32(u).is_some_and(char::is_alphabetic))
            }
        })
    });
    let table: &[u8; 0x800] = &TWO_BYTE_CLASS;
    let (mut arabic, mut letters) = (0usize, 0usize);
    let mut bytes = line.as_bytes().iter();
    while let Some(&c) = bytes.next() {
        if c < 0x80 {
            letters += usize::from(c.is_ascii_alphabetic());
        } else if c < 0xE0 {
            // 110xxxxx 10yyyyyy: the text is valid UTF-8, so the second byte exists.
            let next = bytes.next().copied().unwrap_or(0);
            let class = table[(usize::from(c & 0x1F) << 6) | usize::from(next & 0x3F)];
            letters += usize::from(class & 1);
            arabic += usize::from(class >> 1);
        } else {
            // Three or four bytes: rare in Arabic text, decoded the general way.
            let len = if c < 0xF0 { 3 } else { 4 };
            let rest = bytes.as_slice();
            let mut u = u32::from(c & (0xFF >> (len + 1)));
            for &b in &rest[..len - 1] {
                u = (u << 6) | u32::from(b & 0x3F);
            }
            letters += usize::from(char::from_u32(u).is_some_and(char::is_alphabetic));
            bytes = rest[len - 1..].iter();
        }
    }
    (arabic, letters)
}

/// Share of words that are function words.
pub(crate) fn stop_word_ratio(line: &Line) -> f64 {
    let folded = line.folded();
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let stops = words
        .iter()
        .filter(|w| FUNCTION_WORDS.contains(**w))
        .count();
    stops as f64 / words.len() as f64
}

/// True when the line ends like a sentence.
pub(crate) fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| c.is_whitespace() || "\"'»”)*".contains(c));
    // «…» and «...» end teasers and headline links more often than sentences.
    !t.ends_with("..") && t.ends_with(['.', '!', '?', '؟', ':', '؛'])
}

/// A ticker: three or more headline segments separated by wide gaps on one line.
pub(crate) fn is_ticker(line: &Line) -> bool {
    // Without a wide gap, a line is one segment.
    if line.text.len() < 60 || !has_wide_space(line.text) {
        return false;
    }
    let segments = wide_gap_segments(line.text);
    if segments.len() < 3 || line.at_most_words(11) {
        return false;
    }
    // Headlines: short, and mostly without a final full stop. Paragraphs glued with
    // wide gaps end in full stops and are split instead (see `wide_gap_segments`).
    let sentences = segments.iter().filter(|s| ends_sentence(s)).count();
    let long = segments.iter().filter(|s| !at_most_words(s, 20)).count();
    // Tag lists («سوريا  ,   تركيا  ,») have one- or two-word segments.
    let headline_sized = !line.at_most_words(3 * segments.len() - 1);
    headline_sized && sentences * 3 <= segments.len() && long * 5 <= segments.len()
}

/// True when `line` has two consecutive ASCII spaces or a non-ASCII whitespace
/// character: the only lines that can hold a wide gap.
fn has_wide_space(line: &str) -> bool {
    static TWO_SPACES: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("  "));
    let b = line.as_bytes();
    TWO_SPACES.find(b).is_some() || has_multibyte_space(b)
}

/// Splits a line on runs of three or more spaces (often no-break spaces).
pub(crate) fn wide_gap_segments(line: &str) -> Vec<&str> {
    // Fast path: no two consecutive spaces and no other whitespace than ASCII, no
    // wide gap. Bytes, not characters: this runs on every line.
    if !has_wide_space(line) {
        let t = line.trim();
        return if t.is_empty() { Vec::new() } else { vec![t] };
    }
    let mut out = Vec::new();
    let (mut seg_start, mut run, mut run_start) = (0usize, 0usize, 0usize);
    // On bytes: whitespace is ASCII (`char::is_whitespace` there: `is_ascii_whitespace`
    // and the vertical tab) or one of the multi-byte spaces; any other byte, also
    // inside a character, ends a run of whitespace.
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let space_len = match c {
            0..=0x7F => (c.is_ascii_whitespace() || c == 0x0B).then_some(1),
            // The first bytes of the multi-byte spaces.
            0xC2 | 0xE1..=0xE3 => multibyte_space(&b[i..]),
            _ => None,
        };
        if let Some(len) = space_len {
            if run == 0 {
                run_start = i;
            }
            run += 1;
            i += len;
        } else {
            if run >= 3 {
                let seg = line[seg_start..run_start].trim();
                if !seg.is_empty() {
                    out.push(seg);
                }
                seg_start = i;
            }
            run = 0;
            i = next_possible_space(b, i + 1);
        }
    }
    let seg = line[seg_start..].trim();
    if !seg.is_empty() {
        out.push(seg);
    }
    out
}

/// An agency trailer such as «// انتهى //  17:18 ت م» or a bare «17:18 ت م».
pub(crate) fn is_agency_trailer(line: &Line) -> bool {
    if line.text.len() > 80 {
        return false;
    }
    let f = line.folded().trim();
    if f.starts_with("//") && f.contains("انتهي") {
        return true;
    }
    // «20:37 ت م» left on its own line by the trailer.
    let rest = f
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == ':')
        .trim();
    f.len() > rest.len() && (rest == "ت م" || rest == "تم" || rest == "ت.م")
}

/// Byte index of an agency trailer starting inside a line, if any.
pub(crate) fn inline_agency_trailer(line: &str) -> Option<usize> {
    static SPACED: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("// انتهى"));
    static GLUED: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("//انتهى"));
    static SLASHES: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("//"));
    // Most lines have no «//» at all.
    SLASHES.find(line.as_bytes())?;
    SPACED
        .find(line.as_bytes())
        .or_else(|| GLUED.find(line.as_bytes()))
}

/// Byte index of a «رابط الخبر بصحيفة» footer inside a line.
pub(crate) fn source_footer_start(line: &str) -> Option<usize> {
    static FOOTER: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("رابط الخبر "));
    let at = FOOTER.find(line.as_bytes())?;
    let rest = &line[at + "رابط الخبر ".len()..];
    (rest.starts_with("بصحيفة") || rest.starts_with("في صحيفة"))
        .then_some(at)
        .or_else(|| source_footer_start(rest).map(|i| i + line.len() - rest.len()))
}

/// A line with fewer than `n` Arabic letters.
pub(crate) fn has_no_arabic(line: &str) -> bool {
    !line.chars().any(|c| chars::BASIC_LETTERS.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_gaps_as_by_char() {
        // Runs of three or more `char::is_whitespace`, character by character, past the
        // same fast path.
        fn by_char(line: &str) -> Vec<&str> {
            if !has_wide_space(line) {
                let t = line.trim();
                return if t.is_empty() { Vec::new() } else { vec![t] };
            }
            let mut out = Vec::new();
            let (mut seg_start, mut run, mut run_start) = (0, 0, 0);
            for (i, c) in line.char_indices() {
                if c.is_whitespace() {
                    if run == 0 {
                        run_start = i;
                    }
                    run += 1;
                } else {
                    if run >= 3 {
                        out.push(line[seg_start..run_start].trim());
                        seg_start = i;
                    }
                    run = 0;
                }
            }
            out.push(line[seg_start..].trim());
            out.retain(|s| !s.is_empty());
            out
        }
        let spaces = [
            " ", "\t", "\u{b}", "\u{a0}", "\u{2003}", "\u{3000}", "\u{85}", "\u{200b}", "\u{1680}",
        ];
        for a in spaces {
            for b in spaces {
                for c in spaces {
                    let line = format!("خبر{a}اول{a}{b}هنا{a}{b}{c}ثان{c}{c}{c}{c}ثالث{a}{b}{c}");
                    assert_eq!(wide_gap_segments(&line), by_char(&line), "{line:?}");
                    let line = format!("{line}  x");
                    assert_eq!(wide_gap_segments(&line), by_char(&line), "{line:?}");
                }
            }
        }
    }

    #[test]
    fn lexicons_and_shapes() {
        assert!(is_share_widget(&Line::new("Google plus")));
        assert!(is_share_widget(&Line::new("شارك الموضوع ...")));
        assert!(!is_share_widget(&Line::new("شارك الوزير في المؤتمر")));
        assert!(is_ui_string(&Line::new("شكرا على الإبلاغ!")));
        assert!(is_read_more_label(&Line::new("اقرأ أيضاً:")));
        assert_eq!(
            tag_label_rest(&Line::new("كلمات دلالية ...")),
            Some(String::new())
        );
        assert_eq!(
            tag_label_rest(&Line::new("سمات الجوازات وافدون")),
            Some("الجوازات وافدون".into())
        );
        assert_eq!(
            tag_label_rest(&Line::new("سمات هذا النظام في أنه يعمل على الطاقة.")),
            None
        );
        assert_eq!(
            split_tags("سوريا  ,   تركيا  ,   نظام الاسد  ,"),
            ["سوريا", "تركيا", "نظام الاسد"]
        );
        assert_eq!(
            split_tags("سوريا  تركيا  نظام الاسد"),
            ["سوريا", "تركيا", "نظام الاسد"]
        );
        assert_eq!(split_tags("#سوريا #تركيا"), ["سوريا", "تركيا"]);
        assert_eq!(
            split_tags("الأمير محمد بن نايف السعودية عبدالفتاح السيسي مصر ولي العهد"),
            [
                "الأمير محمد بن نايف",
                "السعودية",
                "عبدالفتاح السيسي",
                "مصر",
                "ولي العهد"
            ]
        );
        assert_eq!(
            split_tags("اليمن علي بن عمير آل جرمان الشهراني قذيفة نجران"),
            ["اليمن", "علي بن عمير آل جرمان الشهراني", "قذيفة", "نجران"]
        );
        assert_eq!(
            split_tags("المنتخب خالد القحطاني سلمان العتيبي كأس السوبر"),
            ["المنتخب", "خالد القحطاني", "سلمان العتيبي", "كأس السوبر"]
        );
        assert_eq!(
            split_tags("أنف رائحة منبه نقود"),
            ["أنف", "رائحة", "منبه", "نقود"]
        );
        assert_eq!(
            split_tags("المدينة المنورة الطقس أمطار"),
            ["المدينة المنورة", "الطقس", "أمطار"]
        );
        assert!(is_agency_trailer(&Line::new("// انتهى //  17:18 ت م")));
        assert!(is_agency_trailer(&Line::new(" 20:37 ت م ")));
        assert!(is_ticker(&Line::new(
            "خبر اول هنا    خبر ثان هنا طويل    خبر ثالث هنا ايضا    خبر رابع"
        )));
        assert!(ends_sentence("قال «نعم.»"));
        assert_eq!(arabic_and_letters("Linkedin"), (0, 8));
        assert_eq!(arabic_and_letters("«عربي» ١٢"), (4, 4));
        // The harakat are letters (`char::is_alphabetic`), not Arabic letters.
        assert_eq!(arabic_and_letters("عَرَبِي"), (4, 7));
        for (text, mostly) in [
            ("عربي", true),
            ("ab عر", true),
            ("abc عر", false),
            ("١٢", false),
        ] {
            assert_eq!(is_mostly_arabic(text), mostly, "{text}");
        }
        // Decided early on long lines, as on the whole count.
        let arabic = "قال الوزير إن المشروع بدأ ";
        for (n_arabic, n_other) in [(0, 1), (1, 0), (9, 9), (20, 45), (20, 46), (40, 3), (3, 40)] {
            for other in ["latin ", "ééé ", "عَ ", "١٢ "] {
                for text in [
                    format!("{}{}", arabic.repeat(n_arabic), other.repeat(n_other)),
                    format!("{}{}", other.repeat(n_other), arabic.repeat(n_arabic)),
                ] {
                    let (a, l) = arabic_and_letters(&text);
                    assert_eq!(is_mostly_arabic(&text), l > 0 && 2 * a >= l, "{text}");
                }
            }
        }
        // The table agrees with the general decoding for every character.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let u = c as u32;
            let arabic = (0x0621..=0x064A).contains(&u)
                || (0x0671..=0x06D3).contains(&u)
                || (0x0750..=0x077F).contains(&u);
            let want = (
                usize::from(arabic),
                usize::from(arabic || c.is_alphabetic()),
            );
            assert_eq!(
                arabic_and_letters(c.encode_utf8(&mut [0; 4])),
                want,
                "{c:?}"
            );
        }
        assert!(stop_word_ratio(&Line::new("قال الوزير إن المشروع في مرحلة التشغيل")) > 0.1);
    }
}
