//! Latin-script names in Arabic text. ANERcorp has few Latin tokens (about a
//! hundred), too few for the tagger to learn that «شركة Apple» or «شبكة CNN»
//! name organisations; this rule covers them. A run of Latin-script words that
//! starts with a capital, left untagged by the tagger, becomes an organisation
//! when an organisation head precedes it («شركة», «وكالة», «شبكة»…) or when it is
//! a single acronym of two to five capitals (CNN, IBM, BBC), or when the run
//! starts with a name of the Latin organisations list (`latin_orgs.txt`: Apple,
//! General Motors, Reuters).

use super::fold::fold;
use super::perceptron::Tagged;

/// Heads after which a Latin name is an organisation (folded forms).
const ORG_HEADS: &[&str] = &[
    "شركه",
    "شركات",
    "مجموعه",
    "وكاله",
    "شبكه",
    "صحيفه",
    "قناه",
    "موقع",
    "بنك",
    "مصرف",
    "مؤسسه",
    "جامعه",
    "منظمه",
    "مجله",
    "تطبيق",
    "منصه",
    "نادي",
    "فريق",
    "حزب",
];

/// Confidence given to a name found by this rule (a guess, not a marginal).
const RULE_CONFIDENCE: f32 = 0.5;

fn is_latin_word(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '&' | '.' | '-'))
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

fn acronym(w: &str) -> bool {
    (2..=5).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
}

/// Whether the token before a name is an organisation head (proclitics allowed:
/// «وشركة», «لوكالة»).
fn org_head(w: &str) -> bool {
    let f = fold(w);
    let (_, stem) = super::features::light_stem(&f);
    ORG_HEADS.contains(&f.as_str()) || ORG_HEADS.contains(&stem)
}

/// Tags untagged Latin organisation names of a sentence in place (ORG is tags 5
/// and 6).
pub(crate) fn tag_latin_names(words: &[&str], tagged: &mut Tagged) {
    let n = words.len();
    let mut i = 0;
    while i < n {
        if tagged.tags[i] != 0 || !is_latin_word(words[i]) || !capitalised(words[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < n
            && tagged.tags[end] == 0
            && is_latin_word(words[end])
            && capitalised(words[end])
        {
            end += 1;
        }
        let listed = super::gazetteer::Gazetteer::get().latin_org_prefix(&words[i..end]);
        if listed > 0 && !(i > 0 && org_head(words[i - 1])) {
            // a listed name inside a longer Latin run is a name of its own
            end = i + listed;
        }
        let after_head = i > 0 && org_head(words[i - 1]);
        if listed > 0 || after_head || (end == i + 1 && acronym(words[i])) {
            for (k, j) in (i..end).enumerate() {
                tagged.tags[j] = if k == 0 { 5 } else { 6 };
                tagged.confidence[j] = RULE_CONFIDENCE;
            }
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(words: &[&str]) -> Vec<usize> {
        let mut t = Tagged {
            tags: vec![0; words.len()],
            confidence: vec![1.0; words.len()],
        };
        tag_latin_names(words, &mut t);
        t.tags
    }

    #[test]
    fn latin_organisations() {
        assert_eq!(run(&["أعلنت", "شركة", "Apple", "عن"]), [0, 0, 5, 0]);
        assert_eq!(run(&["وذكرت", "CNN", "أن"]), [0, 5, 0]);
        assert_eq!(
            run(&["لدى", "شركة", "General", "Motors", "أمس"]),
            [0, 0, 5, 6, 0]
        );
        // a name of the list, without a head
        assert_eq!(run(&["وقالت", "Reuters", "إن"]), [0, 5, 0]);
        assert_eq!(run(&["باعت", "General", "Motors", "Europe"]), [0, 5, 6, 0]);
        // no head, not an acronym, not listed: left to the tagger
        assert_eq!(run(&["قال", "John", "Smith"]), [0, 0, 0]);
        assert_eq!(run(&["في", "news", "اليوم"]), [0, 0, 0]);
    }
}
