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

fn strip_article(word: &str) -> Option<&str> {
    ARTICLES.iter().find_map(|a| {
        word.strip_prefix(a)
            .filter(|rest| chars(rest) >= MIN_AFTER_ARTICLE)
    })
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
    let mut w = word;
    if let Some(rest) = strip_article(w) {
        w = rest;
    } else if let Some(first) = w.chars().next().filter(|c| CONJUNCTIONS.contains(c)) {
        let rest = &w[first.len_utf8()..];
        if chars(rest) >= MIN_AFTER_CONJUNCTION {
            w = strip_article(rest).unwrap_or(rest);
        }
    }
    for suffix in SUFFIXES {
        if let Some(rest) = w.strip_suffix(suffix) {
            if chars(rest) >= MIN_STEM {
                w = rest;
            }
        }
    }
    w.to_owned()
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
