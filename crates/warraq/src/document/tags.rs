//! Tag blocks: the label that opens one («كلمات دلالية», «سمات») and the tags
//! after it, split on their delimiters, on wide gaps, or into the names and
//! phrases the words form.

use super::lexicons::{TAG, TAG_FIRST_WORDS};
use super::line::Line;
use super::rules::{ends_sentence, stop_word_ratio};
use crate::text::{fold, word_count};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_labels_and_tags() {
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
    }
}
