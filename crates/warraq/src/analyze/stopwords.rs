//! The curated Arabic stopword list.

use serde::{Deserialize, Serialize};

/// The stopword lists: the commonest function words (which the document rules also
/// count) and the others.
const ARABIC: [&str; 2] = [
    include_str!("../../data/lexicons/function_words.txt"),
    include_str!("../../data/lexicons/stopwords_ar.txt"),
];

/// Conjunctions prefixed to every listed word (في → وفي, فقد): written out in news
/// copy without a space, and too frequent to be worth listing one by one.
const CONJUNCTIONS: [char; 2] = ['و', 'ف'];

/// warraq's Arabic stopwords: function words, pronouns, demonstratives, relative
/// pronouns and the verbs of saying that fill news copy, each with its و and ف forms.
/// Words are in ordinary spelling; the analyzer normalises them with its own
/// normaliser. Sorted, without duplicates.
///
/// ```
/// let words = warraq::analyze::stopwords();
/// for w in ["في", "وفي", "فقد", "والتي", "قال", "هذه"] {
///     assert!(words.iter().any(|s| s == w), "{w}");
/// }
/// assert!(!words.iter().any(|s| s == "وزارة"));
/// ```
pub fn stopwords() -> Vec<String> {
    let mut out = Vec::new();
    for line in ARABIC.iter().flat_map(|list| list.lines()) {
        let word = line.trim();
        if word.is_empty() || word.starts_with('#') {
            continue;
        }
        out.push(word.to_owned());
        for c in CONJUNCTIONS {
            if !word.starts_with(c) {
                out.push(format!("{c}{word}"));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Which stopwords the word analyzer drops.
///
/// ```
/// use warraq::analyze::Stopwords;
/// assert!(Stopwords::Arabic.words().len() > 300);
/// assert!(Stopwords::None.words().is_empty());
/// let mine = Stopwords::Custom(vec!["كلمة".into()]);
/// assert_eq!(mine.words(), ["كلمة"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stopwords {
    /// Keep every word.
    None,
    /// [`stopwords()`].
    #[default]
    Arabic,
    /// The given words (extend [`stopwords()`] to add to the list).
    Custom(Vec<String>),
}

/// A named list: `"arabic"` ([`Stopwords::Arabic`]); the other forms are not
/// names (no list, or the words themselves).
///
/// ```
/// use warraq::analyze::Stopwords;
/// assert_eq!("arabic".parse::<Stopwords>().unwrap(), Stopwords::Arabic);
/// assert!("english".parse::<Stopwords>().is_err());
/// ```
impl std::str::FromStr for Stopwords {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "arabic" => Ok(Stopwords::Arabic),
            _ => Err(crate::Error::invalid_option(
                "stopwords",
                format!("stopwords must be \"arabic\", None or an iterable of str, not {s:?}"),
            )),
        }
    }
}

impl Stopwords {
    /// The words, as given (not yet normalised).
    pub fn words(&self) -> Vec<String> {
        match self {
            Stopwords::None => Vec::new(),
            Stopwords::Arabic => stopwords(),
            Stopwords::Custom(words) => words.clone(),
        }
    }
}
