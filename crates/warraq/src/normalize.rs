//! Arabic text normalisation.
//!
//! A [`Normalizer`] applies a fixed set of [`NormalizeOptions`] in one pass over
//! the text. Each option is independent; the defaults suit search, keyword
//! extraction and TF-IDF, where two spellings of one word should count as one
//! (see each field for why it is on or off by default).
//!
//! | option | what it does | default |
//! |---|---|---|
//! | `unicode` | NFKC (folds presentation forms such as ﻻ and ligatures such as ﷲ) | on |
//! | `diacritics` | removes harakat, tanween, shadda, sukun, superscript alef, Quranic marks | on |
//! | `tatweel` | removes the kashida ـ | on |
//! | `alef` | أ إ آ ٱ → ا | on |
//! | `alef_maqsura` | ى → ي | on |
//! | `teh_marbuta` | ة → ه | on |
//! | `hamza` | ؤ ئ → ء | off |
//! | `digits` | Arabic-Indic and Persian digits → 0-9 | on |
//! | `punctuation` | ، ؛ ؟ ٪ ٫ ٬ ۔ → , ; ? % . , . | on |
//! | `persian` | ک ی → ك ي, ە ہ and ه + ZWJ → ه | on |
//! | `controls` | removes bidi marks, zero-width and other invisible format characters | on |
//! | `whitespace` | collapses runs of whitespace, trims the ends | on |
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

use crate::text::chars;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Which normalisations a [`Normalizer`] applies. Every field is a switch.
///
/// ```
/// use warraq::normalize::NormalizeOptions;
/// let o = NormalizeOptions::default();
/// assert!(o.diacritics && !o.hamza);
/// assert!(!NormalizeOptions::none().diacritics);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NormalizeOptions {
    /// NFKC compatibility normalisation. On: scraped text mixes presentation forms
    /// (ﻻ, ﷲ) with plain letters, and only NFKC makes them the same word.
    pub unicode: bool,
    /// Remove diacritics (harakat, tanween, shadda, sukun, superscript alef, Quranic
    /// marks). On: news text is rarely vocalised, and partly vocalised words must match
    /// their bare form.
    pub diacritics: bool,
    /// Remove tatweel (kashida, ـ). On: it is pure typography.
    pub tatweel: bool,
    /// Fold the alef variants أ إ آ ٱ to bare ا. On: writers drop hamza on alef
    /// inconsistently (احمد / أحمد).
    pub alef: bool,
    /// Fold alef maqsura ى to yeh ي. On: Egyptian and other typing swaps them freely.
    pub alef_maqsura: bool,
    /// Fold teh marbuta ة to heh ه. On, as in Larkey's light10 normalisation for
    /// retrieval: final ة/ه are confused in informal and scraped text.
    pub teh_marbuta: bool,
    /// Fold hamza on waw and yeh (ؤ ئ) to the bare hamza ء. Off: the seat of hamza is
    /// usually written correctly, and folding merges distinct words.
    pub hamza: bool,
    /// Map Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII 0-9. On: one number,
    /// one token, whatever the outlet's digits.
    pub digits: bool,
    /// Map Arabic punctuation (، ؛ ؟ ٪ ٫ ٬ ۔) to Latin counterparts. On: it makes
    /// numbers like ٣٫٥ and ٪11 the same as 3.5 and %11.
    pub punctuation: bool,
    /// Map Persian letter forms to Arabic ones (ک → ك, ی → ي, ە ہ and ه + ZWJ → ه). On:
    /// Persian keyboards are common among Arabic writers.
    pub persian: bool,
    /// Remove invisible format characters: bidi marks and embeddings, zero-width
    /// (non-)joiners and spaces, soft hyphens, BOMs and C0/C1 control characters other
    /// than tab and line breaks. On: they are invisible but split or join words.
    pub controls: bool,
    /// Collapse whitespace: a run without a line break becomes one space, a run with one
    /// line break becomes `\n`, a run with several becomes `\n\n` (a paragraph break);
    /// leading and trailing whitespace is removed. On.
    pub whitespace: bool,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        NormalizeOptions {
            unicode: true,
            diacritics: true,
            tatweel: true,
            alef: true,
            alef_maqsura: true,
            teh_marbuta: true,
            hamza: false,
            digits: true,
            punctuation: true,
            persian: true,
            controls: true,
            whitespace: true,
        }
    }
}

impl NormalizeOptions {
    /// Every option off: the identity.
    ///
    /// ```
    /// use warraq::normalize::{NormalizeOptions, Normalizer};
    /// let n = Normalizer::new(NormalizeOptions::none());
    /// assert_eq!(n.normalize("أَ  ب"), "أَ  ب");
    /// ```
    pub fn none() -> Self {
        NormalizeOptions {
            unicode: false,
            diacritics: false,
            tatweel: false,
            alef: false,
            alef_maqsura: false,
            teh_marbuta: false,
            hamza: false,
            digits: false,
            punctuation: false,
            persian: false,
            controls: false,
            whitespace: false,
        }
    }

    /// The options that reproduce camel-tools' `normalize_unicode`, `dediac_ar`,
    /// `normalize_alef_ar`, `normalize_alef_maksura_ar` and `normalize_teh_marbuta_ar`
    /// (see the module docs for the deliberate differences).
    ///
    /// ```
    /// use warraq::normalize::{NormalizeOptions, Normalizer};
    /// let n = Normalizer::new(NormalizeOptions::camel_tools());
    /// assert_eq!(n.normalize("إلى المدرسةِ ٢"), "الي المدرسه ٢");
    /// ```
    pub fn camel_tools() -> Self {
        NormalizeOptions {
            unicode: true,
            diacritics: true,
            alef: true,
            alef_maqsura: true,
            teh_marbuta: true,
            ..NormalizeOptions::none()
        }
    }

    /// The option names, in the order of the fields.
    pub const NAMES: [&'static str; 12] = [
        "unicode",
        "diacritics",
        "tatweel",
        "alef",
        "alef_maqsura",
        "teh_marbuta",
        "hamza",
        "digits",
        "punctuation",
        "persian",
        "controls",
        "whitespace",
    ];

    /// The options as `(name, value)` pairs, in the order of [`Self::NAMES`].
    ///
    /// ```
    /// let pairs = warraq::normalize::NormalizeOptions::default().to_pairs();
    /// assert_eq!(pairs[6], ("hamza", false));
    /// ```
    pub fn to_pairs(&self) -> [(&'static str, bool); 12] {
        let v = [
            self.unicode,
            self.diacritics,
            self.tatweel,
            self.alef,
            self.alef_maqsura,
            self.teh_marbuta,
            self.hamza,
            self.digits,
            self.punctuation,
            self.persian,
            self.controls,
            self.whitespace,
        ];
        std::array::from_fn(|i| (Self::NAMES[i], v[i]))
    }

    /// Sets the option called `name`; unknown names are an [`crate::Error::InvalidOption`].
    ///
    /// ```
    /// let mut o = warraq::normalize::NormalizeOptions::default();
    /// o.set("hamza", true).unwrap();
    /// assert!(o.hamza);
    /// assert!(o.set("hamzaa", true).is_err());
    /// ```
    pub fn set(&mut self, name: &str, value: bool) -> crate::Result<()> {
        let field = match name {
            "unicode" => &mut self.unicode,
            "diacritics" => &mut self.diacritics,
            "tatweel" => &mut self.tatweel,
            "alef" => &mut self.alef,
            "alef_maqsura" => &mut self.alef_maqsura,
            "teh_marbuta" => &mut self.teh_marbuta,
            "hamza" => &mut self.hamza,
            "digits" => &mut self.digits,
            "punctuation" => &mut self.punctuation,
            "persian" => &mut self.persian,
            "controls" => &mut self.controls,
            "whitespace" => &mut self.whitespace,
            _ => {
                return Err(crate::Error::invalid_option(
                    name,
                    format!(
                        "unknown normalisation option; expected one of {}",
                        Self::NAMES.join(", ")
                    ),
                ))
            }
        };
        *field = value;
        Ok(())
    }
}

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

/// Builds a [`Normalizer`] option by option, starting from the defaults.
///
/// ```
/// let n = warraq::normalize::Normalizer::builder().digits(false).hamza(true).build();
/// assert_eq!(n.normalize("مسؤول ٣"), "مسءول ٣");
/// ```
#[derive(Debug, Clone, Default)]
pub struct NormalizerBuilder {
    options: NormalizeOptions,
}

macro_rules! builder_setters {
    ($($name:ident),*) => {
        impl NormalizerBuilder {
            $(
                #[doc = concat!("Sets the `", stringify!($name), "` option (see [`NormalizeOptions`]).")]
                pub fn $name(mut self, on: bool) -> Self {
                    self.options.$name = on;
                    self
                }
            )*
        }
    };
}
builder_setters!(
    unicode,
    diacritics,
    tatweel,
    alef,
    alef_maqsura,
    teh_marbuta,
    hamza,
    digits,
    punctuation,
    persian,
    controls,
    whitespace
);

impl NormalizerBuilder {
    /// The normaliser.
    pub fn build(self) -> Normalizer {
        Normalizer::new(self.options)
    }
}

use chars::ZWJ;

/// Whitespace as Python's `str.split()` sees it (so that `whitespace` agrees with it).
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{001C}'..='\u{001F}')
}

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

    /// NFKC of `text`, fed to `mapper` piece by piece: runs that are already in NFKC
    /// (checked exactly, with a table for ASCII, Latin-1 and Arabic) go through as
    /// they are; only the segments around a character that is not (a presentation
    /// form, a ligature, a mark out of canonical order, a composable pair) are
    /// normalised. A segment runs from the last "safe" character (combining class 0
    /// and NFKC_QC=Yes: nothing before it can reorder or compose across it) to the
    /// next one, so normalising segments separately equals normalising the whole.
    fn feed_nfkc(&self, text: &str, mapper: &mut Mapper<'_>, out: &mut String) {
        let bytes = text.as_bytes();
        let low = &*NFKC_LOW;
        let mut clean_from = 0; // start of the run not yet fed
        let mut last_safe = 0; // byte offset of the last safe character seen
        let mut last_ccc = 0u8;
        let mut i = 0;
        let safe2 = &*NFKC_SAFE_LOW;
        while i < bytes.len() {
            // Tight loop over safe characters (ASCII, and two-byte ones with class 0
            // and NFKC_QC=Yes: most Arabic letters, digits and punctuation).
            let run_start = i;
            let mut prev = i;
            while i < bytes.len() {
                let b = bytes[i];
                if b < 0x80 {
                    prev = i;
                    i += 1;
                } else if (0xC2..0xE0).contains(&b) && i + 1 < bytes.len() {
                    let cp = (usize::from(b & 0x1F) << 6) | usize::from(bytes[i + 1] & 0x3F);
                    if !safe2[cp] {
                        break;
                    }
                    prev = i;
                    i += 2;
                } else {
                    break;
                }
            }
            if i > run_start {
                last_safe = prev;
                last_ccc = 0;
            }
            if i >= bytes.len() {
                break;
            }
            let b = bytes[i];
            let (c, (ccc, qc)) = if (0xC2..0xE0).contains(&b) && i + 1 < bytes.len() {
                // Two-byte sequences (Latin-1 to Arabic) decode inline.
                let cp = (u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
                (char::from_u32(cp).unwrap_or('\0'), low[cp as usize])
            } else {
                let c = text[i..].chars().next().unwrap_or('\0');
                (c, nfkc_info(c))
            };
            let ordered = ccc == 0 || ccc >= last_ccc;
            if ordered && qc == Qc::Yes {
                if ccc == 0 {
                    last_safe = i;
                }
                last_ccc = ccc;
                i += c.len_utf8();
                continue;
            }
            // A segment that NFKC may change: [last_safe, next safe character).
            let mut end = i + c.len_utf8();
            for (j, d) in text[end..].char_indices() {
                if matches!(nfkc_info(d), (0, Qc::Yes)) {
                    break;
                }
                end = i + c.len_utf8() + j + d.len_utf8();
            }
            mapper.feed(&text[clean_from..last_safe], out);
            let segment = &text[last_safe..end];
            let fixed: String = if segment.contains(['\u{FDFC}', '\u{FDFD}']) {
                // camel-tools maps these two before NFKC: ﷼ to «ريال» with an Arabic
                // yeh (NFKC gives a Farsi yeh) and ﷽ (no decomposition) to the basmala.
                segment
                    .replace('\u{FDFC}', "ريال")
                    .replace('\u{FDFD}', "بسم الله الرحمن الرحيم")
                    .nfkc()
                    .collect()
            } else {
                segment.nfkc().collect()
            };
            mapper.feed(&fixed, out);
            clean_from = end;
            last_safe = end;
            last_ccc = 0;
            i = end;
        }
        mapper.feed(&text[clean_from..], out);
    }
}

/// NFKC quick-check value of one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Qc {
    Yes,
    Maybe,
    No,
}

/// Combining class and NFKC quick-check value of U+0000..U+07FF (ASCII, Latin-1,
/// Arabic), computed once from the `unicode-normalization` tables.
static NFKC_LOW: LazyLock<[(u8, Qc); 0x800]> = LazyLock::new(|| {
    std::array::from_fn(|cp| nfkc_info_slow(char::from_u32(cp as u32).unwrap_or('\0')))
});

/// Whether each of U+0000..U+07FF is safe: class 0 and NFKC_QC=Yes.
static NFKC_SAFE_LOW: LazyLock<[bool; 0x800]> =
    LazyLock::new(|| std::array::from_fn(|cp| NFKC_LOW[cp] == (0, Qc::Yes)));

fn nfkc_info_slow(c: char) -> (u8, Qc) {
    let qc = match is_nfkc_quick(std::iter::once(c)) {
        IsNormalized::Yes => Qc::Yes,
        IsNormalized::Maybe => Qc::Maybe,
        IsNormalized::No => Qc::No,
    };
    // U+FDFD has no decomposition but camel-tools (and we) map it: treat as "No".
    let qc = if c == '\u{FDFD}' { Qc::No } else { qc };
    (
        unicode_normalization::char::canonical_combining_class(c),
        qc,
    )
}

#[inline]
fn nfkc_info(c: char) -> (u8, Qc) {
    match NFKC_LOW.get(c as usize) {
        Some(&info) => info,
        None => nfkc_info_slow(c),
    }
}

/// The character-by-character part of normalisation (every option but `unicode`),
/// fed text piece by piece with its state carried across pieces.
struct Mapper<'n> {
    normalizer: &'n Normalizer,
    /// Pending whitespace: 0 = none, 1 = a space, 2 = one line break, 3 = paragraph.
    pending: u8,
    at_start: bool,
    /// The previous input character was '\r' (so a '\n' after it is the same break).
    after_cr: bool,
    /// The last character written was a heh (a ZWJ after it is dropped with `persian`).
    after_heh: bool,
    /// A character was dropped or mapped and the characters written since, up to the
    /// next safe one, include a mark or a composable character: NFKC may now change
    /// the output.
    recheck: bool,
    /// Watching the output for `recheck` since a drop or map.
    watching: bool,
    /// Check that the input is in NFKC (the NFKC quick check, run along the way).
    check_input: bool,
    /// The input failed that check; `feed` stopped early.
    input_dirty: bool,
    /// Combining class of the previous input character (for the check).
    last_ccc_in: u8,
}

impl<'n> Mapper<'n> {
    fn new(normalizer: &'n Normalizer) -> Self {
        Mapper {
            normalizer,
            pending: 0,
            at_start: true,
            after_cr: false,
            after_heh: false,
            recheck: false,
            watching: false,
            check_input: false,
            input_dirty: false,
            last_ccc_in: 0,
        }
    }

    #[inline]
    fn changed(&mut self) {
        self.watching = self.normalizer.options.unicode;
    }

    fn feed(&mut self, text: &str, out: &mut String) {
        let n = self.normalizer;
        let bytes = text.as_bytes();
        let mut run = 0; // start of the run of unchanged characters not yet written
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: ASCII and Arabic-block characters that are kept, dropped or
            // mapped to one character, with no whitespace pending (state kept in locals;
            // unchanged runs are copied in one piece).
            if self.pending == 0 {
                let start = i;
                let mut emitted = false;
                let mut last_heh = self.after_heh;
                let mut watching = self.watching;
                while i < bytes.len() {
                    let b = bytes[i];
                    if b < 0x80 {
                        let single_space = b == b' '
                            && n.options.whitespace
                            && (emitted || !self.at_start)
                            && n.starts_kept(bytes, i + 1);
                        if n.ascii_keep[b as usize] || single_space {
                            self.last_ccc_in = 0;
                            emitted = true;
                            last_heh = false;
                            watching = false;
                            i += 1;
                            continue;
                        }
                    } else if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
                        let offset =
                            (usize::from(b - 0xD8) << 6) | usize::from(bytes[i + 1] & 0x3F);
                        match n.arabic_fast[offset] {
                            Fast::Keep => {
                                self.last_ccc_in = 0;
                                emitted = true;
                                last_heh = offset == 0x47;
                                watching = false;
                                i += 2;
                                continue;
                            }
                            Fast::Drop => {
                                if self.check_input {
                                    let (ccc, qc) = NFKC_LOW[0x600 + offset];
                                    if !self.input_ok(ccc, qc) {
                                        return;
                                    }
                                }
                                out.push_str(&text[run..i]);
                                i += 2;
                                run = i;
                                watching = n.options.unicode;
                                continue;
                            }
                            Fast::Map(m) => {
                                self.last_ccc_in = 0;
                                out.push_str(&text[run..i]);
                                out.push(m);
                                i += 2;
                                run = i;
                                emitted = true;
                                last_heh = m == 'ه';
                                watching = n.options.unicode;
                                continue;
                            }
                            Fast::Slow => {}
                        }
                    }
                    break;
                }
                if emitted {
                    self.at_start = false;
                }
                if i > start {
                    self.after_cr = false;
                }
                self.after_heh = last_heh && n.options.persian;
                self.watching = watching;
                if i >= bytes.len() {
                    break;
                }
            }
            out.push_str(&text[run..i]);
            let c = text[i..].chars().next().unwrap_or('\0');
            self.push_char(c, out);
            if self.input_dirty {
                return;
            }
            i += c.len_utf8();
            run = i;
        }
        out.push_str(&text[run..]);
    }

    /// The NFKC quick check for one input character; false when it fails.
    #[inline]
    fn input_ok(&mut self, ccc: u8, qc: Qc) -> bool {
        let ok = qc == Qc::Yes && (ccc == 0 || ccc >= self.last_ccc_in);
        self.last_ccc_in = ccc;
        if !ok {
            self.input_dirty = true;
        }
        ok
    }

    fn push_char(&mut self, c: char, out: &mut String) {
        let n = self.normalizer;
        let o = &n.options;
        if self.check_input {
            let (ccc, qc) = if c.is_ascii() {
                (0, Qc::Yes)
            } else {
                nfkc_info(c)
            };
            if !self.input_ok(ccc, qc) {
                return;
            }
        }
        let mut mapped_here = false;
        let after_cr = std::mem::replace(&mut self.after_cr, c == '\r');
        let mapped = match c {
            '\u{0600}'..='\u{06FF}' => match n.arabic[(c as usize) - 0x600] {
                Action::Keep => c,
                Action::Drop => {
                    self.changed();
                    return;
                }
                Action::Map(m) => {
                    mapped_here = true;
                    m
                }
            },
            ZWJ if o.persian && self.after_heh && self.pending == 0 => {
                self.changed();
                return;
            }
            _ if o.diacritics && chars::is_extended_mark(c) => {
                self.changed();
                return;
            }
            _ if o.controls && chars::is_invisible(c) => {
                self.changed();
                return;
            }
            _ if o.whitespace && is_space(c) => {
                let level = if is_line_break(c) {
                    if c == '\n' && after_cr {
                        // \r\n counts as one line break.
                        return;
                    }
                    if self.pending >= 2 {
                        3
                    } else {
                        2
                    }
                } else {
                    1
                };
                self.pending = self.pending.max(level);
                return;
            }
            _ => c,
        };
        if self.pending > 0 {
            if !self.at_start {
                out.push_str(match self.pending {
                    1 => " ",
                    2 => "\n",
                    _ => "\n\n",
                });
            }
            self.pending = 0;
            self.watching = false;
        }
        self.at_start = false;
        self.after_heh = mapped == 'ه' && o.persian;
        if mapped_here {
            // The next character may compose with the new one (ي + ٔ → ئ).
            self.changed();
        } else if self.watching && mapped > '\x7f' {
            match nfkc_info(mapped) {
                (0, Qc::Yes) => self.watching = false,
                _ => self.recheck = true,
            }
        } else {
            self.watching = false;
        }
        out.push(mapped);
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
    fn unknown_option_is_an_error() {
        let mut o = NormalizeOptions::default();
        let err = o.set("nope", true).unwrap_err();
        assert!(err.to_string().contains("nope"));
    }

    #[test]
    fn serde_round_trip() {
        let n = Normalizer::builder().hamza(true).build();
        let json = serde_json::to_string(&n).unwrap();
        let back: Normalizer = serde_json::from_str(&json).unwrap();
        assert_eq!(n, back);
    }
}
