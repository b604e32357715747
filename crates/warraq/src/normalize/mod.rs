//! Arabic text normalisation.
//!
//! A [`Normalizer`] applies a fixed set of [`NormalizeOptions`] in one pass over
//! the text. Each option is independent; the defaults suit search, keyword
//! extraction and TF-IDF, where two spellings of one word should count as one
//! (see each field for why it is on or off by default).
//!
//! [`NormalizeOptions`] tables the options: what each does and its default. They
//! are listed once, in `options.rs`, from which the struct, its names and the
//! builder's setters are generated.
//!
//! The work is split in two: `mapper.rs` maps character by character (every
//! option but `unicode`), and `nfkc.rs` runs NFKC only on the segments of a text
//! that are not already in NFKC, feeding the mapper as it goes. `wide.rs` is the
//! path for texts given as code points with UTF-16 out (what CPython's strings
//! convert to and from fastest; [`Normalizer::to_utf16`]).
//!
//! # Guarantees
//! Normalising is idempotent (`n.normalize(&n.normalize(t)) == n.normalize(t)` for
//! every option set) and grows a text by at most 22 code points per code point:
//! U+FDFD (﷽) becomes «بسم الله الرحمن الرحيم», the largest expansion of any code point
//! (`tests/text_props.rs` checks both, and the bound over all of Unicode).
//!
//! # Differences from camel-tools
//! With `unicode`, `diacritics`, `alef`, `alef_maqsura` and `teh_marbuta` on and the
//! rest off, the output equals camel-tools' `normalize_unicode` → `dediac_ar` →
//! `normalize_alef_ar` → `normalize_alef_maksura_ar` → `normalize_teh_marbuta_ar`
//! on any text without Quranic annotation marks. Deliberate differences:
//! - `diacritics` also removes the Quranic annotation marks (U+0610–U+061A,
//!   U+06D6–U+06ED), the extended Arabic marks (U+08D3–U+08FF) and the marks
//!   U+0653–U+065F; camel's `dediac_ar` removes only U+064B–U+0652 and U+0670.
//! - `tatweel` is a separate option (camel's `dediac_ar` keeps ـ).
//! - `unicode` maps U+FDFC (﷼) and U+FDFD (﷽) as camel does, before NFKC, so that
//!   the rial sign becomes «ريال» with an Arabic yeh.
//!
//! `tests/test_parity_camel.py` checks this on all 31,030 SaudiNewsNet articles
//! (content and title): 31,022 are identical and the 8 excluded ones contain
//! U+0653 (maddah above), which only our `diacritics` removes.
//!
//! # Unicode versions
//! NFKC comes from the `unicode-normalization` crate (Unicode 18.0); Python's
//! `unicodedata`, which camel-tools uses, is older (14.0 in CPython 3.11, 15.x in
//! 3.12/3.13). The two can only disagree on code points that are unassigned in the
//! older database: 167 of them have compatibility decompositions in Unicode 15–18
//! (for example U+1E030–U+1E06D, modifier Cyrillic letters, and U+1CCD6–U+1CCF9,
//! outlined Latin letters and digits), which we decompose and CPython 3.11 leaves as
//! they are. No SaudiNewsNet article contains any of them.
//!
//! ```
//! use warraq::normalize::Normalizer;
//! let n = Normalizer::default();
//! assert_eq!(n.normalize("أَحْمَدُ  في   المدرسةِ ٢٠١٦"), "احمد في المدرسه 2016");
//! let keep_teh = Normalizer::builder().teh_marbuta(false).build();
//! assert_eq!(keep_teh.normalize("المدرسة"), "المدرسة");
//! ```

mod mapper;
mod nfkc;
mod options;
mod wide;

pub use options::{NormalizeOptions, NormalizerBuilder};
pub use wide::WideOutput;

use crate::text::chars;
use mapper::Mapper;
use nfkc::{nfkc_info, Qc, NFKC_LOW, NFKC_SAFE_LOW};
use serde::{Deserialize, Serialize};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// What to do with one code point of the Arabic block U+0600–U+06FF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Keep,
    Drop,
    Map(char),
}

/// A reusable, thread-safe normaliser. Cheap to clone.
///
/// ```
/// use warraq::normalize::Normalizer;
/// let n = Normalizer::builder().alef(false).build();
/// assert_eq!(n.normalize("أحمد"), "أحمد");
/// assert_eq!(n.normalize_batch(&["ﻻ", "كتابـــة"]), vec!["لا", "كتابه"]);
/// ```
#[derive(Debug, Clone)]
pub struct Normalizer {
    options: NormalizeOptions,
    /// Actions for U+0600..=U+06FF, derived from `options`.
    arabic: [Action; 256],
    /// ASCII bytes that every option leaves as they are (not whitespace or controls
    /// that an option changes, and not '\r').
    ascii_keep: [bool; 128],
    /// `arabic[i] == Action::Keep`.
    arabic_keep: [bool; 256],
    /// What the mapping fast path does with U+0600..=U+06FF.
    arabic_fast: [Fast; 256],
}

/// What normalisation does to one character on its own (see
/// [`Normalizer::simple_step`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SimpleStep {
    /// Written unchanged.
    Keep,
    /// Removed; the canonical combining class of the removed character.
    Drop(u8),
    /// Replaced by this character.
    Map(char),
}

/// The mapping fast path's action for one Arabic-block character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fast {
    /// Written unchanged (and, with `unicode`, NFKC-safe: class 0, NFKC_QC=Yes).
    Keep,
    Drop,
    /// Mapped to a safe character.
    Map(char),
    /// Needs the general path (a kept mark, the heh/ZWJ rule, …).
    Slow,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new(NormalizeOptions::default())
    }
}

impl PartialEq for Normalizer {
    fn eq(&self, other: &Self) -> bool {
        self.options == other.options
    }
}

impl Serialize for Normalizer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.options.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Normalizer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        NormalizeOptions::deserialize(d).map(Normalizer::new)
    }
}

/// Whitespace as Python's `str.split()` sees it (so that `whitespace` agrees with it).
// `#[inline]`: the mapper (mapper.rs) calls these per character, and a module
// apart may be compiled in another codegen unit.
#[inline]
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{001C}'..='\u{001F}')
}

/// A line break as Python's `str.splitlines()` sees it.
#[inline]
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{000B}' | '\u{000C}' | '\u{001C}'
            ..='\u{001E}' | '\u{0085}' | '\u{2028}' | '\u{2029}'
    )
}

impl Normalizer {
    /// A normaliser with the given options.
    pub fn new(options: NormalizeOptions) -> Self {
        let mut arabic = [Action::Keep; 256];
        let o = &options;
        let mut set = |c: char, a: Action| arabic[(c as usize) - 0x600] = a;
        for c in chars::ARABIC_BLOCK {
            if o.diacritics && chars::is_diacritic(c) {
                set(c, Action::Drop);
            }
            if o.digits {
                if let Some(d) = chars::ascii_digit(c) {
                    set(c, Action::Map(d));
                }
            }
        }
        if o.tatweel {
            set(chars::TATWEEL, Action::Drop);
        }
        if o.alef {
            for c in chars::ALEF_VARIANTS {
                set(c, Action::Map(chars::ALEF));
            }
        }
        if o.alef_maqsura {
            set(chars::ALEF_MAQSURA, Action::Map(chars::YEH));
        }
        if o.teh_marbuta {
            set(chars::TEH_MARBUTA, Action::Map(chars::HEH));
        }
        if o.hamza {
            for c in chars::HAMZA_SEATS {
                set(c, Action::Map(chars::HAMZA));
            }
        }
        if o.punctuation {
            for (c, m) in chars::PUNCTUATION {
                set(c, Action::Map(m));
            }
        }
        if o.persian {
            set(chars::PERSIAN_KAF, Action::Map(chars::KAF));
            set(chars::PERSIAN_YEH, Action::Map(chars::YEH));
            for c in chars::PERSIAN_HEHS {
                set(c, Action::Map(chars::HEH));
            }
        }
        if o.controls {
            set(chars::ARABIC_LETTER_MARK, Action::Drop);
        }
        let ascii_keep = std::array::from_fn(|b| {
            let c = char::from(b as u8);
            c != '\r' && !(o.whitespace && is_space(c)) && !(o.controls && chars::is_invisible(c))
        });
        Normalizer {
            options,
            arabic,
            ascii_keep,
            arabic_keep: std::array::from_fn(|i| arabic[i] == Action::Keep),
            arabic_fast: std::array::from_fn(|i| {
                let c = char::from_u32(0x600 + i as u32).unwrap_or('\0');
                let safe = |c: char| !o.unicode || nfkc_info(c) == (0, Qc::Yes);
                match arabic[i] {
                    Action::Keep if safe(c) => Fast::Keep,
                    Action::Drop => Fast::Drop,
                    Action::Map(m) if safe(m) && safe(c) => Fast::Map(m),
                    _ => Fast::Slow,
                }
            }),
        }
    }

    /// Whether the character at byte `j` of `bytes` is certainly written unchanged
    /// (an ASCII character other than a space, or an Arabic-block character, that the
    /// options leave as they are).
    #[inline]
    fn starts_kept(&self, bytes: &[u8], j: usize) -> bool {
        match bytes.get(j) {
            Some(&b) if b < 0x80 => b != b' ' && self.ascii_keep[b as usize],
            Some(&b) if (0xD8..=0xDB).contains(&b) => bytes.get(j + 1).is_some_and(|&c| {
                self.arabic_keep[(usize::from(b - 0xD8) << 6) | usize::from(c & 0x3F)]
            }),
            _ => false,
        }
    }

    /// What normalisation does to `c` (one of U+0000..=U+07FF) when `c` stands
    /// between characters that are kept as they are, if that is simple: kept,
    /// dropped (with `c`'s canonical combining class, which the NFKC input check
    /// compares with the previous character's) or mapped to one character that is
    /// itself NFKC-safe. `None` when it depends on more than `c`: whitespace, which
    /// is collapsed with its neighbours, NFKC-unsafe characters, the heh + ZWJ rule.
    /// The analyzer's fused path relies on this to normalise word by word.
    pub(crate) fn simple_step(&self, c: char) -> Option<SimpleStep> {
        let cp = c as usize;
        if c.is_ascii() {
            return (c != ' ' && self.ascii_keep[cp]).then_some(SimpleStep::Keep);
        }
        if (0x600..0x700).contains(&cp) {
            return match self.arabic_fast[cp - 0x600] {
                Fast::Keep => Some(SimpleStep::Keep),
                Fast::Map(m) => Some(SimpleStep::Map(m)),
                Fast::Drop if !self.options.unicode => Some(SimpleStep::Drop(0)),
                Fast::Drop => match NFKC_LOW[cp] {
                    (ccc, Qc::Yes) => Some(SimpleStep::Drop(ccc)),
                    _ => None,
                },
                Fast::Slow => None,
            };
        }
        let o = &self.options;
        let unchanged = cp < 0x800
            && (!o.unicode || NFKC_SAFE_LOW[cp])
            && !(o.controls && chars::is_invisible(c))
            && !(o.whitespace && is_space(c))
            && !(o.diacritics && chars::is_extended_mark(c));
        unchanged.then_some(SimpleStep::Keep)
    }

    /// A builder starting from the default options.
    pub fn builder() -> NormalizerBuilder {
        NormalizerBuilder::default()
    }

    /// The options this normaliser applies.
    pub fn options(&self) -> &NormalizeOptions {
        &self.options
    }

    /// Normalises `text`.
    ///
    /// ```
    /// let n = warraq::normalize::Normalizer::default();
    /// assert_eq!(n.normalize("\u{200F}الـــرياض\u{00A0}–  ﻻ"), "الرياض – لا");
    /// ```
    pub fn normalize(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        self.normalize_into(text, &mut out);
        out
    }

    /// Normalises `text`, appending to `out` (reuse `out` to avoid allocations).
    ///
    /// ```
    /// let n = warraq::normalize::Normalizer::default();
    /// let mut buf = String::new();
    /// n.normalize_into("أ", &mut buf);
    /// n.normalize_into("ى", &mut buf);
    /// assert_eq!(buf, "اي");
    /// ```
    pub fn normalize_into(&self, text: &str, out: &mut String) {
        let start = out.len();
        let mut mapper = Mapper::new(self);
        if self.options.unicode {
            // Optimistically map the text as it is while checking, exactly, that it is
            // already in NFKC (the usual case); if it is not, start again with the
            // segment-wise NFKC.
            mapper.check_input = true;
            mapper.feed(text, out);
            if mapper.input_dirty {
                out.truncate(start);
                mapper = Mapper::new(self);
                self.feed_nfkc(text, &mut mapper, out);
            }
        } else {
            mapper.feed(text, out);
        }
        if !(mapper.recheck && self.options.unicode) {
            return;
        }
        // Dropping or mapping a character can leave text that NFKC changes again: a
        // mark that now follows its base (ا + ـ + ٓ → ا + ٓ, which composes to آ),
        // or a letter that now composes with a mark (ى + ٔ → ي + ٔ → ئ). The mapper
        // flags when that may have happened; repeat until nothing changes, so that
        // normalising twice is the same as once. Each pass only drops or composes
        // characters, so this ends (two passes are the most seen).
        for _ in 0..8 {
            if is_nfkc_quick(out[start..].chars()) == IsNormalized::Yes {
                return;
            }
            let pass: String = out[start..].nfkc().collect();
            if pass == out[start..] {
                return;
            }
            out.truncate(start);
            let mut mapper = Mapper::new(self);
            mapper.feed(&pass, out);
            if !mapper.recheck {
                return;
            }
        }
    }

    /// Normalises every text, in parallel (see [`crate::parallel`]).
    ///
    /// ```
    /// let n = warraq::normalize::Normalizer::default();
    /// assert_eq!(n.normalize_batch(&["إلى", "مدرسة"]), vec!["الي", "مدرسه"]);
    /// ```
    pub fn normalize_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<String> {
        crate::parallel::map(texts, |t| self.normalize(t.as_ref()))
    }

    /// Normalises `text`, tokenises the result (see [`crate::tokenize`]) and returns
    /// the tokens joined by single spaces: the form whitespace analyzers (TF-IDF,
    /// `str.split`) take, and by far the cheapest to hand to Python.
    ///
    /// ```
    /// let n = warraq::normalize::Normalizer::default();
    /// assert_eq!(n.tokenize_joined("أعلنت الوزارةُ: النمو ٣٫٥٪."), "اعلنت الوزاره : النمو 3.5% .");
    /// ```
    pub fn tokenize_joined(&self, text: &str) -> String {
        let mut normalized = String::with_capacity(text.len());
        self.normalize_into(text, &mut normalized);
        let mut out = String::with_capacity(normalized.len() + normalized.len() / 8);
        crate::tokenize::join_tokens_into(&normalized, &mut out);
        out
    }

    /// [`Self::tokenize_joined`] of every text, in parallel (see [`crate::parallel`]).
    ///
    /// ```
    /// let n = warraq::normalize::Normalizer::default();
    /// assert_eq!(n.tokenize_joined_batch(&["إلى المدرسة.", "ﻻ"]), ["الي المدرسه .", "لا"]);
    /// ```
    pub fn tokenize_joined_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<String> {
        crate::parallel::map(texts, |t| self.tokenize_joined(t.as_ref()))
    }
}

/// Normalises `text` with the default options.
///
/// ```
/// assert_eq!(warraq::normalize::normalize("الْعَرَبِيَّةُ"), "العربيه");
/// ```
pub fn normalize(text: &str) -> String {
    Normalizer::default().normalize(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presentation_forms_fold() {
        assert_eq!(normalize("ﻻ ﷲ"), "لا الله");
    }

    #[test]
    fn rial_sign_like_camel() {
        let n = Normalizer::new(NormalizeOptions::camel_tools());
        assert_eq!(n.normalize("﷼"), "ريال");
    }

    #[test]
    fn basmala_ligature_like_camel() {
        let n = Normalizer::new(NormalizeOptions::camel_tools());
        assert_eq!(n.normalize("﷽"), "بسم الله الرحمن الرحيم");
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        let unicode_tatweel = Normalizer::new(NormalizeOptions {
            unicode: true,
            tatweel: true,
            ..NormalizeOptions::none()
        });
        // Dropping the tatweel lets alef and maddah compose.
        assert_eq!(unicode_tatweel.normalize("ا\u{0640}\u{0653}"), "\u{0622}");
        let persian = Normalizer::new(NormalizeOptions {
            persian: true,
            ..NormalizeOptions::none()
        });
        assert_eq!(persian.normalize("ه\u{200D}\u{200D}"), "ه");
        let maqsura = Normalizer::new(NormalizeOptions {
            unicode: true,
            alef_maqsura: true,
            ..NormalizeOptions::none()
        });
        // ى + hamza above → ي + hamza above, which composes to ئ.
        assert_eq!(maqsura.normalize("ى\u{0654}"), "\u{0626}");
    }

    #[test]
    fn whitespace_levels() {
        let n = Normalizer::default();
        assert_eq!(n.normalize("  a \t b\r\nc\n\n\n d  "), "a b\nc\n\nd");
    }

    #[test]
    fn persian_heh_zwj() {
        let n = Normalizer::builder().controls(false).build();
        assert_eq!(n.normalize("ه\u{200D}ا"), "ها");
    }

    #[test]
    fn idempotent_on_mixed_text() {
        let n = Normalizer::default();
        let once = n.normalize("إِنَّ ٣٫٥٪ من \u{202B}ﻷ\u{202C} ـ گ ک ی  ؟");
        assert_eq!(n.normalize(&once), once);
    }

    #[test]
    fn serde_round_trip() {
        let n = Normalizer::builder().hamza(true).build();
        let json = serde_json::to_string(&n).unwrap();
        let back: Normalizer = serde_json::from_str(&json).unwrap();
        assert_eq!(n, back);
    }
}
