//! Stemmers: a light Arabic stemmer written for warraq, and Snowball Arabic.

use serde::{Deserialize, Serialize};

/// Which stemmer the word analyzer applies to Arabic words.
///
/// ```
/// use warraq::analyze::Stem;
/// assert_eq!("light".parse::<Stem>().unwrap(), Stem::Light);
/// assert!("porter".parse::<Stem>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stem {
    /// No stemming.
    None,
    /// [`light_stem`]: strip proclitics and common suffixes.
    #[default]
    Light,
    /// The Snowball Arabic stemmer (crate `rust-stemmers`).
    Snowball,
}

impl std::str::FromStr for Stem {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "none" => Ok(Stem::None),
            "light" => Ok(Stem::Light),
            "snowball" => Ok(Stem::Snowball),
            _ => Err(crate::Error::invalid_option(
                "stem",
                format!("unknown stemmer {s:?}; expected \"light\", \"snowball\" or None"),
            )),
        }
    }
}

impl Stem {
    /// The stemmer's name, as [`FromStr`](std::str::FromStr) reads it.
    ///
    /// ```
    /// assert_eq!(warraq::analyze::Stem::Snowball.as_str(), "snowball");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Stem::None => "none",
            Stem::Light => "light",
            Stem::Snowball => "snowball",
        }
    }
}

/// Proclitics that include the definite article, longest first. The remainder must
/// keep at least [`MIN_AFTER_ARTICLE`] letters.
const ARTICLES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];
/// Conjunctions stripped on their own when the remainder keeps at least
/// [`MIN_AFTER_CONJUNCTION`] letters. The single prepositions ب ك ل are stripped only
/// together with the article (بال, كال, لل): on their own they begin too many
/// ordinary words and names (بريطانيا, كبير, لبنان).
const CONJUNCTIONS: [char; 2] = ['و', 'ف'];
/// Suffixes, tried in this order; each one found is stripped when the remainder keeps
/// at least [`MIN_STEM`] letters. Both the written (ة, ية) and the normalised (ه, يه)
/// forms of teh marbuta are listed, so the stemmer works with or without folding.
const SUFFIXES: [&str; 10] = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];

const MIN_AFTER_ARTICLE: usize = 2;
const MIN_AFTER_CONJUNCTION: usize = 3;
const MIN_STEM: usize = 3;

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The UTF-8 bytes of a two-letter affix.
const fn bytes4(s: &str) -> [u8; 4] {
    let b = s.as_bytes();
    [b[0], b[1], b[2], b[3]]
}

/// The UTF-8 bytes of a one-letter affix.
const fn bytes2(s: &str) -> [u8; 2] {
    let b = s.as_bytes();
    [b[0], b[1]]
}

/// [`ARTICLES`] as bytes: the first four start with one of these letters followed
/// by ال; the last two are لل and ال.
const ARTICLE_HEADS: [[u8; 2]; 4] = [
    bytes2(ARTICLES[0]),
    bytes2(ARTICLES[1]),
    bytes2(ARTICLES[2]),
    bytes2(ARTICLES[3]),
];
const LL: [u8; 4] = bytes4(ARTICLES[4]);
const AL: [u8; 4] = bytes4(ARTICLES[5]);
/// [`SUFFIXES`] as bytes, two-letter ones then one-letter ones (their order there).
const SUFFIXES2: [[u8; 4]; 7] = [
    bytes4(SUFFIXES[0]),
    bytes4(SUFFIXES[1]),
    bytes4(SUFFIXES[2]),
    bytes4(SUFFIXES[3]),
    bytes4(SUFFIXES[4]),
    bytes4(SUFFIXES[5]),
    bytes4(SUFFIXES[6]),
];
const SUFFIXES1: [[u8; 2]; 3] = [
    bytes2(SUFFIXES[7]),
    bytes2(SUFFIXES[8]),
    bytes2(SUFFIXES[9]),
];

/// Byte length of the article proclitic at the start of `b` ([`ARTICLES`]: at most
/// one of them can start a word), or 0.
#[inline]
fn article_len(b: &[u8]) -> usize {
    if b.len() >= 6 && b[2..6] == AL && ARTICLE_HEADS.iter().any(|h| b[..2] == *h) {
        6
    } else if b.len() >= 4 && (b[..4] == LL || b[..4] == AL) {
        4
    } else {
        0
    }
}

/// Strips the article proclitic if it leaves at least [`MIN_AFTER_ARTICLE`] of
/// the `n` letters of `word`; returns the rest and its letter count.
#[inline]
fn strip_article(word: &str, n: usize) -> Option<(&str, usize)> {
    match article_len(word.as_bytes()) {
        0 => None,
        len => {
            let rest_n = n.checked_sub(len / 2)?;
            (rest_n >= MIN_AFTER_ARTICLE).then(|| (&word[len..], rest_n))
        }
    }
}

/// A light Arabic stemmer in the family of Larkey's light10: strips one article
/// proclitic (وال بال كال فال لل ال), or a conjunction (و ف) possibly followed by an
/// article, then the suffixes ها ان ات ون ين يه ية ه ة ي, keeping stems of at least
/// three letters (two after an article). Works on normalised forms (ه for ة, ا for أ)
/// as well as on written ones; words that are not Arabic come back unchanged.
///
/// ```
/// use warraq::analyze::light_stem;
/// assert_eq!(light_stem("والمدارس"), "مدارس");
/// assert_eq!(light_stem("المدرسة"), "مدرس");
/// assert_eq!(light_stem("المدرسه"), "مدرس");
/// assert_eq!(light_stem("فالسياسات"), "سياس");
/// assert_eq!(light_stem("لبنان"), "لبن");
/// assert_eq!(light_stem("بريطانيا"), "بريطانيا");
/// assert_eq!(light_stem("من"), "من");
/// assert_eq!(light_stem("Paris"), "Paris");
/// ```
pub fn light_stem(word: &str) -> String {
    light_stem_slice(word).to_owned()
}

/// [`light_stem`] without allocating: the stem is always a slice of the word.
pub(crate) fn light_stem_slice(word: &str) -> &str {
    light_stem_counted(word, chars(word))
}

/// [`light_stem_slice`] of a word of `n` letters (what the analyzer knows already).
/// Every affix is made of two-byte letters, so stripping one takes its byte length
/// / 2 letters away.
#[inline]
pub(crate) fn light_stem_counted(word: &str, n: usize) -> &str {
    let (mut w, mut n) = (word, n);
    if let Some((rest, rest_n)) = strip_article(w, n) {
        (w, n) = (rest, rest_n);
    } else if let Some(first) = w.chars().next().filter(|c| CONJUNCTIONS.contains(c)) {
        let rest = &w[first.len_utf8()..];
        if n > MIN_AFTER_CONJUNCTION {
            (w, n) = strip_article(rest, n - 1).unwrap_or((rest, n - 1));
        }
    }
    for suffix in SUFFIXES2 {
        let b = w.as_bytes();
        if b.len() >= 4 && b[b.len() - 4..] == suffix && n - 2 >= MIN_STEM {
            (w, n) = (&w[..w.len() - 4], n - 2);
        }
    }
    for suffix in SUFFIXES1 {
        let b = w.as_bytes();
        if b.len() >= 2 && b[b.len() - 2..] == suffix && n > MIN_STEM {
            (w, n) = (&w[..w.len() - 2], n - 1);
        }
    }
    w
}

/// The Snowball Arabic stemmer. It expects written forms: it folds hamzas itself
/// but leaves a normalised teh marbuta (ه) in place.
///
/// ```
/// use warraq::analyze::snowball_stem;
/// assert_eq!(snowball_stem("المدرسة"), "مدرس");
/// assert_eq!(snowball_stem("بالمدارس"), "مدارس");
/// ```
pub fn snowball_stem(word: &str) -> String {
    snowball().stem(word).into_owned()
}

pub(crate) fn snowball() -> &'static rust_stemmers::Stemmer {
    static STEMMER: std::sync::OnceLock<rust_stemmers::Stemmer> = std::sync::OnceLock::new();
    STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Arabic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_clitics_and_suffixes() {
        assert_eq!(light_stem("وبالمدرسة"), "مدرس");
        assert_eq!(light_stem("للطلاب"), "طلاب");
        assert_eq!(light_stem("كالعادة"), "عاد");
        assert_eq!(light_stem("اللاعبون"), "لاعب");
        assert_eq!(light_stem("المسلمين"), "مسلم");
        assert_eq!(light_stem("وزارتها"), "زارت");
        assert_eq!(light_stem("الى"), "الى");
    }

    #[test]
    fn byte_tables_follow_the_lists() {
        for a in ARTICLES {
            assert_eq!(article_len(format!("{a}كتاب").as_bytes()), a.len(), "{a}");
        }
        assert_eq!(article_len("الكتاب".as_bytes()), 4);
        assert_eq!(article_len("كتاب".as_bytes()), 0);
        for (i, s) in SUFFIXES.iter().enumerate() {
            assert_eq!(s.len(), if i < 7 { 4 } else { 2 }, "{s}");
        }
    }

    #[test]
    fn counted_equals_reference() {
        // The stemmer as first written, with letters counted on every test.
        fn reference(word: &str) -> &str {
            let art = |w: &str| -> Option<usize> {
                ARTICLES.iter().find_map(|a| {
                    w.strip_prefix(a)
                        .filter(|rest| chars(rest) >= MIN_AFTER_ARTICLE)
                        .map(|rest| w.len() - rest.len())
                })
            };
            let mut w = word;
            if let Some(k) = art(w) {
                w = &w[k..];
            } else if let Some(first) = w.chars().next().filter(|c| CONJUNCTIONS.contains(c)) {
                let rest = &w[first.len_utf8()..];
                if chars(rest) >= MIN_AFTER_CONJUNCTION {
                    w = art(rest).map_or(rest, |k| &rest[k..]);
                }
            }
            for suffix in SUFFIXES {
                if let Some(rest) = w.strip_suffix(suffix) {
                    if chars(rest) >= MIN_STEM {
                        w = rest;
                    }
                }
            }
            w
        }
        let letters = [
            "و", "ف", "ب", "ك", "ل", "ا", "ه", "ة", "ي", "ن", "ت", "م", "a",
        ];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| letters.iter().map(move |l| format!("{w}{l}")))
                .collect();
            words.extend(longer);
            words.sort();
            words.dedup();
        }
        for w in &words {
            assert_eq!(light_stem_slice(w), reference(w), "{w}");
        }
    }

    #[test]
    fn keeps_short_words() {
        for w in ["في", "ال", "وال", "هو", "بيت", "اله"] {
            assert!(chars(&light_stem(w)) >= 2.min(chars(w)), "{w}");
        }
        assert_eq!(light_stem("بيت"), "بيت");
        assert_eq!(light_stem(""), "");
    }

    #[test]
    fn snowball_is_arabic() {
        assert_eq!(snowball_stem("بالمدارس"), "مدارس");
        assert_eq!(snowball_stem("يكتبون"), "يكتب");
    }
}
