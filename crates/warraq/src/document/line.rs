//! One line of an article, with the facts the rules ask of it worked out once:
//! its words, its folded form and label, its script, whether it holds a UI
//! phrase, its date.

use super::lexicons::UI_MATCHER;
use crate::dates::{parse_date_line, DateMention};
use crate::text::{at_most_words, chars, fold, word_count};
use std::cell::OnceCell;
use std::sync::LazyLock;

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

    /// A short line holding a UI phrase.
    pub(crate) fn is_ui_string(&self) -> bool {
        *self.ui_string.get_or_init(|| self.holds_ui_phrase())
    }

    fn holds_ui_phrase(&self) -> bool {
        if !self.at_most_words(16) {
            return false;
        }
        let f = self.folded();
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

    /// The line's date ([`parse_date_line`]).
    pub(crate) fn date(&self) -> Option<&DateMention> {
        self.date
            .get_or_init(|| parse_date_line(self.text))
            .as_ref()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_share_of_letters() {
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
    }
}
