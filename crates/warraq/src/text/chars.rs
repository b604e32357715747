//! What warraq knows about Arabic characters, written once.
//!
//! Every stage that treats an Arabic character specially reads it from here: the
//! normaliser's option tables ([`crate::normalize::Normalizer`]), the tokenizer's
//! character classes, the folds of [`super::fold`] and the entity tagger's word
//! shape. A stage chooses *which* of these it applies (its options); what the
//! characters are is defined only here.
//!
//! The classifying functions are `const`, so that tables built from them at
//! compile time (the line fold's) cost nothing at run time.
//!
//! ```
//! use warraq::text::chars;
//! assert!(chars::ALEF_VARIANTS.contains(&'أ'));
//! assert!(chars::is_haraka('\u{064E}')); // fatha
//! assert_eq!(chars::digit_value('٣'), Some(3));
//! assert!(chars::is_invisible(chars::RLM));
//! ```

use std::ops::RangeInclusive;

/// The Arabic block, U+0600–U+06FF: nearly every character of Arabic text.
///
/// ```
/// assert!(warraq::text::chars::ARABIC_BLOCK.contains(&'ب'));
/// ```
pub const ARABIC_BLOCK: RangeInclusive<char> = '\u{0600}'..='\u{06FF}';

// ---------------------------------------------------------------------------
// Letters.

/// Bare alef ا, what the alef variants fold to.
///
/// ```
/// assert_eq!(warraq::text::chars::ALEF, '\u{0627}');
/// ```
pub const ALEF: char = 'ا';

/// The alef variants أ إ آ ٱ (hamza above, hamza below, madda, wasla).
///
/// ```
/// assert_eq!(warraq::text::chars::ALEF_VARIANTS, ['أ', 'إ', 'آ', 'ٱ']);
/// ```
pub const ALEF_VARIANTS: [char; 4] = ['أ', 'إ', 'آ', 'ٱ'];

/// Alef maqsura ى, often typed for yeh and the other way round.
///
/// ```
/// assert_eq!(warraq::text::chars::ALEF_MAQSURA, '\u{0649}');
/// ```
pub const ALEF_MAQSURA: char = 'ى';

/// Yeh ي.
///
/// ```
/// assert_eq!(warraq::text::chars::YEH, '\u{064A}');
/// ```
pub const YEH: char = 'ي';

/// Teh marbuta ة, often typed as heh at the end of a word.
///
/// ```
/// assert_eq!(warraq::text::chars::TEH_MARBUTA, '\u{0629}');
/// ```
pub const TEH_MARBUTA: char = 'ة';

/// Heh ه.
///
/// ```
/// assert_eq!(warraq::text::chars::HEH, '\u{0647}');
/// ```
pub const HEH: char = 'ه';

/// Kaf ك.
///
/// ```
/// assert_eq!(warraq::text::chars::KAF, '\u{0643}');
/// ```
pub const KAF: char = 'ك';

/// The bare hamza ء.
///
/// ```
/// assert_eq!(warraq::text::chars::HAMZA, '\u{0621}');
/// ```
pub const HAMZA: char = 'ء';

/// Hamza on its seats: on waw ؤ and on yeh ئ.
///
/// ```
/// assert_eq!(warraq::text::chars::HAMZA_SEATS, ['ؤ', 'ئ']);
/// ```
pub const HAMZA_SEATS: [char; 2] = ['ؤ', 'ئ'];

/// Persian/Urdu keheh ک, written for kaf ك on Persian keyboards.
///
/// ```
/// assert_eq!(warraq::text::chars::PERSIAN_KAF, '\u{06A9}');
/// ```
pub const PERSIAN_KAF: char = 'ک';

/// Persian/Urdu yeh ی (no dots when final), written for yeh ي.
///
/// ```
/// assert_eq!(warraq::text::chars::PERSIAN_YEH, '\u{06CC}');
/// ```
pub const PERSIAN_YEH: char = 'ی';

/// Persian/Urdu forms of heh: ae ە and heh goal ہ.
///
/// ```
/// assert_eq!(warraq::text::chars::PERSIAN_HEHS, ['\u{06D5}', '\u{06C1}']);
/// ```
pub const PERSIAN_HEHS: [char; 2] = ['ە', 'ہ'];

/// An Arabic letter as the document rules count them (is a line mostly Arabic?):
/// U+0621–U+064A (hamza to yeh), U+0671–U+06D3 (alef wasla and the letters of
/// Persian, Urdu and other languages, up to yeh barree with hamza) and
/// U+0750–U+077F (the Arabic Supplement). Not the marks or digits, nor the letters
/// after U+06D3 (ە, ۺ…); tatweel, inside [`BASIC_LETTERS`], counts.
///
/// ```
/// use warraq::text::chars::is_arabic_letter;
/// assert!(is_arabic_letter('ب') && is_arabic_letter('ک'));
/// assert!(!is_arabic_letter('ە'));
/// assert!(!is_arabic_letter('\u{064E}') && !is_arabic_letter('٣'));
/// ```
pub const fn is_arabic_letter(c: char) -> bool {
    in_ranges(c, &[BASIC_LETTERS]) || matches!(c, '\u{0671}'..='\u{06D3}' | '\u{0750}'..='\u{077F}')
}

/// The letters of Arabic proper, hamza ء to yeh ي (U+0621–U+064A; tatweel U+0640
/// is among them).
///
/// ```
/// use warraq::text::chars::{BASIC_LETTERS, HAMZA, YEH};
/// assert_eq!(BASIC_LETTERS, HAMZA..=YEH);
/// assert!(!BASIC_LETTERS.contains(&'ک'));
/// ```
pub const BASIC_LETTERS: RangeInclusive<char> = HAMZA..=YEH;

/// A character of the Arabic script blocks: Arabic, Arabic Supplement, Arabic
/// Extended-B and -A, and the presentation forms A and B (without the BOM).
///
/// ```
/// use warraq::text::chars::is_arabic_script;
/// assert!(is_arabic_script('ب') && is_arabic_script('ﻻ'));
/// assert!(!is_arabic_script('a') && !is_arabic_script('\u{FEFF}'));
/// ```
pub const fn is_arabic_script(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{0870}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

// ---------------------------------------------------------------------------
// Marks.

/// Tatweel (kashida) ـ, pure typography.
///
/// ```
/// assert_eq!(warraq::text::chars::TATWEEL, '\u{0640}');
/// ```
pub const TATWEEL: char = 'ـ';

/// The harakat block U+064B–U+065F: tanween, fatha, damma, kasra, shadda, sukun,
/// maddah, hamza above and below, and the rarer vowel marks up to U+065F.
///
/// ```
/// assert!(warraq::text::chars::HARAKAT.contains(&'\u{0651}')); // shadda
/// ```
pub const HARAKAT: RangeInclusive<char> = '\u{064B}'..='\u{065F}';

/// Superscript (dagger) alef U+0670.
///
/// ```
/// assert_eq!(warraq::text::chars::SUPERSCRIPT_ALEF, '\u{0670}');
/// ```
pub const SUPERSCRIPT_ALEF: char = '\u{0670}';

/// The Quranic annotation marks: U+0610–U+061A, U+06D6–U+06DC, U+06DF–U+06E4,
/// U+06E7–U+06E8 and U+06EA–U+06ED.
///
/// ```
/// use warraq::text::chars::QURANIC_MARKS;
/// assert!(QURANIC_MARKS.iter().any(|r| r.contains(&'\u{06D6}')));
/// ```
pub const QURANIC_MARKS: [RangeInclusive<char>; 5] = [
    '\u{0610}'..='\u{061A}',
    '\u{06D6}'..='\u{06DC}',
    '\u{06DF}'..='\u{06E4}',
    '\u{06E7}'..='\u{06E8}',
    '\u{06EA}'..='\u{06ED}',
];

/// The marks of the Arabic Extended-A block: U+08D3–U+08E1 and U+08E3–U+08FF
/// (U+08E2 is a format character, not a mark).
///
/// ```
/// assert_eq!(warraq::text::chars::EXTENDED_MARKS[0], '\u{08D3}'..='\u{08E1}');
/// ```
pub const EXTENDED_MARKS: [RangeInclusive<char>; 2] =
    ['\u{08D3}'..='\u{08E1}', '\u{08E3}'..='\u{08FF}'];

/// `c` is in one of `ranges`.
const fn in_ranges(c: char, ranges: &[RangeInclusive<char>]) -> bool {
    let mut i = 0;
    while i < ranges.len() {
        if *ranges[i].start() <= c && c <= *ranges[i].end() {
            return true;
        }
        i += 1;
    }
    false
}

/// One of [`HARAKAT`] or [`SUPERSCRIPT_ALEF`]: the marks of ordinary vocalised
/// text, which every fold removes.
///
/// ```
/// use warraq::text::chars::is_haraka;
/// assert!(is_haraka('\u{064B}') && is_haraka('\u{0670}'));
/// assert!(!is_haraka('\u{06D6}') && !is_haraka('ب'));
/// ```
pub const fn is_haraka(c: char) -> bool {
    in_ranges(c, &[HARAKAT]) || c == SUPERSCRIPT_ALEF
}

/// One of the [`QURANIC_MARKS`].
///
/// ```
/// assert!(warraq::text::chars::is_quranic_mark('\u{0610}'));
/// assert!(!warraq::text::chars::is_quranic_mark('\u{06DD}')); // end of ayah: a format character
/// ```
pub const fn is_quranic_mark(c: char) -> bool {
    in_ranges(c, &QURANIC_MARKS)
}

/// One of the [`EXTENDED_MARKS`].
///
/// ```
/// assert!(warraq::text::chars::is_extended_mark('\u{08F0}'));
/// assert!(!warraq::text::chars::is_extended_mark('\u{08E2}'));
/// ```
pub const fn is_extended_mark(c: char) -> bool {
    in_ranges(c, &EXTENDED_MARKS)
}

/// A diacritic of any kind: [`is_haraka`], [`is_quranic_mark`] or
/// [`is_extended_mark`] (what the normaliser's `diacritics` option removes).
///
/// ```
/// use warraq::text::chars::is_diacritic;
/// assert!(is_diacritic('\u{0652}') && is_diacritic('\u{06E1}') && is_diacritic('\u{08F0}'));
/// assert!(!is_diacritic('ـ'));
/// ```
pub const fn is_diacritic(c: char) -> bool {
    is_haraka(c) || is_quranic_mark(c) || is_extended_mark(c)
}

// ---------------------------------------------------------------------------
// Digits.

/// Arabic-Indic digits ٠-٩ (U+0660–U+0669), the digits of most Arabic outlets.
///
/// ```
/// assert!(warraq::text::chars::ARABIC_INDIC_DIGITS.contains(&'٧'));
/// ```
pub const ARABIC_INDIC_DIGITS: RangeInclusive<char> = '٠'..='٩';

/// Persian (Extended Arabic-Indic) digits ۰-۹ (U+06F0–U+06F9).
///
/// ```
/// assert!(warraq::text::chars::PERSIAN_DIGITS.contains(&'۴'));
/// ```
pub const PERSIAN_DIGITS: RangeInclusive<char> = '۰'..='۹';

/// The value of an ASCII, Arabic-Indic or Persian digit.
///
/// ```
/// use warraq::text::chars::digit_value;
/// assert_eq!(digit_value('7'), Some(7));
/// assert_eq!(digit_value('٣'), Some(3));
/// assert_eq!(digit_value('۴'), Some(4));
/// assert_eq!(digit_value('x'), None);
/// ```
pub const fn digit_value(c: char) -> Option<u32> {
    let base = match c {
        '0'..='9' => '0',
        '٠'..='٩' => '٠',
        '۰'..='۹' => '۰',
        _ => return None,
    };
    Some(c as u32 - base as u32)
}

/// The ASCII digit of the same value as an Arabic-Indic, Persian or ASCII digit.
///
/// ```
/// use warraq::text::chars::ascii_digit;
/// assert_eq!(ascii_digit('٢'), Some('2'));
/// assert_eq!(ascii_digit('۹'), Some('9'));
/// assert_eq!(ascii_digit('ب'), None);
/// ```
pub const fn ascii_digit(c: char) -> Option<char> {
    match digit_value(c) {
        // A digit value is below 10, so this is an ASCII digit.
        Some(d) => Some((b'0' + d as u8) as char),
        None => None,
    }
}

// ---------------------------------------------------------------------------
// Punctuation.

/// The Arabic percent sign ٪ (U+066A).
///
/// ```
/// assert_eq!(warraq::text::chars::ARABIC_PERCENT, '\u{066A}');
/// ```
pub const ARABIC_PERCENT: char = '٪';

/// The Arabic decimal separator ٫ (U+066B).
///
/// ```
/// assert_eq!(warraq::text::chars::ARABIC_DECIMAL_SEPARATOR, '\u{066B}');
/// ```
pub const ARABIC_DECIMAL_SEPARATOR: char = '٫';

/// The Arabic thousands separator ٬ (U+066C).
///
/// ```
/// assert_eq!(warraq::text::chars::ARABIC_THOUSANDS_SEPARATOR, '\u{066C}');
/// ```
pub const ARABIC_THOUSANDS_SEPARATOR: char = '٬';

/// Arabic punctuation and its Latin counterpart: comma ، semicolon ؛ question
/// mark ؟ percent ٪ decimal ٫ and thousands ٬ separators, Urdu full stop ۔.
///
/// ```
/// let p = warraq::text::chars::PUNCTUATION;
/// assert!(p.contains(&('؟', '?')) && p.contains(&('٫', '.')));
/// ```
pub const PUNCTUATION: [(char, char); 7] = [
    ('،', ','),
    ('؛', ';'),
    ('؟', '?'),
    (ARABIC_PERCENT, '%'),
    (ARABIC_DECIMAL_SEPARATOR, '.'),
    (ARABIC_THOUSANDS_SEPARATOR, ','),
    ('۔', '.'),
];

// ---------------------------------------------------------------------------
// Invisible characters.

/// Zero-width space U+200B.
///
/// ```
/// assert_eq!(warraq::text::chars::ZWSP, '\u{200B}');
/// ```
pub const ZWSP: char = '\u{200B}';

/// Zero-width non-joiner U+200C: keeps two letters from joining (Persian می‌خواهم).
///
/// ```
/// assert_eq!(warraq::text::chars::ZWNJ, '\u{200C}');
/// ```
pub const ZWNJ: char = '\u{200C}';

/// Zero-width joiner U+200D.
///
/// ```
/// assert_eq!(warraq::text::chars::ZWJ, '\u{200D}');
/// ```
pub const ZWJ: char = '\u{200D}';

/// Left-to-right mark U+200E.
///
/// ```
/// assert_eq!(warraq::text::chars::LRM, '\u{200E}');
/// ```
pub const LRM: char = '\u{200E}';

/// Right-to-left mark U+200F, common in scraped Arabic text.
///
/// ```
/// assert_eq!(warraq::text::chars::RLM, '\u{200F}');
/// ```
pub const RLM: char = '\u{200F}';

/// The zero-width characters and directional marks U+200B–U+200F ([`ZWSP`],
/// [`ZWNJ`], [`ZWJ`], [`LRM`], [`RLM`]).
///
/// ```
/// use warraq::text::chars::{ZERO_WIDTH, RLM, ZWSP};
/// assert_eq!(ZERO_WIDTH, ZWSP..=RLM);
/// ```
pub const ZERO_WIDTH: RangeInclusive<char> = ZWSP..=RLM;

/// The Arabic letter mark U+061C, a bidi control.
///
/// ```
/// assert_eq!(warraq::text::chars::ARABIC_LETTER_MARK, '\u{061C}');
/// ```
pub const ARABIC_LETTER_MARK: char = '\u{061C}';

/// The byte-order mark (zero-width no-break space) U+FEFF.
///
/// ```
/// assert_eq!(warraq::text::chars::BOM, '\u{FEFF}');
/// ```
pub const BOM: char = '\u{FEFF}';

/// An invisible format or control character: the bidi marks, embeddings and
/// isolates ([`ARABIC_LETTER_MARK`], [`LRM`], [`RLM`], U+202A–U+202E,
/// U+2066–U+2069), the [`ZERO_WIDTH`] characters, the word joiner and invisible
/// operators, the soft hyphen, the Mongolian vowel separator, the [`BOM`], the
/// interlinear annotation marks and the C0/C1 control characters other than tab
/// and line breaks (what the normaliser's `controls` option removes).
///
/// ```
/// use warraq::text::chars::is_invisible;
/// assert!(is_invisible('\u{200F}') && is_invisible('\u{00AD}') && is_invisible('\u{0000}'));
/// assert!(!is_invisible('\t') && !is_invisible('\n') && !is_invisible(' '));
/// ```
pub const fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{0000}'..='\u{0008}' | '\u{000B}' | '\u{000E}'..='\u{001F}' | '\u{007F}'..='\u{0084}'
        | '\u{0086}'..='\u{009F}' | '\u{00AD}' | ARABIC_LETTER_MARK | '\u{180E}'
        | ZWSP..=RLM | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | BOM | '\u{FFF9}'..='\u{FFFB}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_values_agree_with_unicode() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let unicode = ['0', '٠', '۰']
                .iter()
                .find_map(|&zero| (c as u32).checked_sub(zero as u32).filter(|&d| d < 10));
            assert_eq!(digit_value(c), unicode, "{c:?}");
            assert_eq!(ascii_digit(c).map(|d| d.to_digit(10)), unicode.map(Some));
            if digit_value(c).is_some() {
                assert!(c.is_numeric());
            }
        }
    }

    #[test]
    fn classes_are_what_unicode_says() {
        use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if is_diacritic(c) {
                assert_eq!(
                    c.general_category_group(),
                    GeneralCategoryGroup::Mark,
                    "{c:?}"
                );
            }
            if is_arabic_letter(c) {
                assert!(c.is_alphabetic() && is_arabic_script(c), "{c:?}");
            }
            if is_invisible(c) {
                assert!(!c.is_alphanumeric() && c != '\t' && c != '\n' && c != '\r');
            }
        }
        for c in ALEF_VARIANTS
            .into_iter()
            .chain(HAMZA_SEATS)
            .chain(PERSIAN_HEHS)
            .chain([ALEF, ALEF_MAQSURA, YEH, TEH_MARBUTA, HEH, KAF, HAMZA])
            .chain([PERSIAN_KAF, PERSIAN_YEH])
        {
            assert!(is_arabic_script(c) && c.is_alphabetic(), "{c:?}");
        }
    }
}
