//! Character-level evidence for names the annotated data never showed: the case
//! pattern of Latin-script tokens and of their neighbours (CNN, IBM, Apple), the
//! nisba shape of family names and adjectives (ال…ي), kunya and ism chains
//! (أبو، بن، عبد), long affixes and the vowel density of transliterated foreign
//! names («جوتشولك», «دوجاريك»); and wider, conjoined context words.

use super::features::{Fnv, TokenView};
use super::fold::fold;
use std::sync::OnceLock;

/// The case pattern of a token: 0 not Latin, 1 lower, 2 Capitalised, 3 ALL CAPS,
/// 4 mixed (iPhone, McDonald).
fn latin_case(word: &str) -> u8 {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return 0;
    };
    if !first.is_ascii_alphabetic() && !matches!(first, 'À'..='ɏ') {
        return 0;
    }
    let rest: Vec<char> = letters.collect();
    let upper_rest = rest.iter().filter(|c| c.is_uppercase()).count();
    match (first.is_uppercase(), upper_rest) {
        (true, n) if n == rest.len() && !rest.is_empty() => 3,
        (true, 0) => 2,
        (false, 0) => 1,
        _ => 4,
    }
}

/// Folded particles that open or link the parts of an Arabic name.
const NAME_LINKS: [&str; 9] = ["ابو", "ابي", "ام", "بن", "ابن", "بنت", "عبد", "ال", "ولد"];

fn link_code(folded: &str) -> u8 {
    NAME_LINKS
        .iter()
        .position(|p| *p == folded)
        .map_or(0, |i| u8::try_from(i + 1).unwrap_or(0))
}

/// A token glued to a name particle («أبوالهول», «عبدالله», «بنعلي»).
fn glued_link(folded: &str) -> u8 {
    for (code, p) in [(1u8, "ابو"), (2, "عبد"), (3, "بن"), (4, "ابن")] {
        if let Some(rest) = folded.strip_prefix(p) {
            if rest.chars().count() >= 3 {
                return code;
            }
        }
    }
    0
}

/// 1 for the masculine nisba shape «الـ…ي» (also family names: «البرازي»), 2 for
/// the feminine «الـ…يه» (folded teh marbuta), 0 otherwise.
fn nisba(folded: &str) -> u8 {
    let Some(rest) = folded.strip_prefix("ال") else {
        return 0;
    };
    if rest.chars().count() < 3 {
        return 0;
    }
    if rest.ends_with("يه") {
        2
    } else if rest.ends_with('ي') {
        1
    } else {
        0
    }
}

/// Share of long vowels (ا و ي) in an Arabic stem, in fifths: transliterated
/// foreign names spell their vowels out.
fn vowel_density(stem: &str) -> u8 {
    let (mut n, mut v) = (0u32, 0u32);
    for c in stem.chars() {
        n += 1;
        v += u32::from(matches!(c, 'ا' | 'و' | 'ي'));
    }
    if n < 4 {
        return 0;
    }
    u8::try_from(1 + (5 * v / n).min(4)).unwrap_or(0)
}

/// Endings of transliterated foreign surnames («ـوفيتش», «ـشتاين», «ـوبولوس»),
/// written for warraq in `data/foreign_surname_endings.txt`, folded, longest
/// first.
fn surname_endings() -> &'static [String] {
    static E: OnceLock<Vec<String>> = OnceLock::new();
    E.get_or_init(|| {
        let mut e: Vec<String> = include_str!("../../data/foreign_surname_endings.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| fold(l.trim_start_matches('\u{640}')))
            .collect();
        e.sort_by_key(|x| std::cmp::Reverse(x.chars().count()));
        e
    })
}

/// Index + 1 of the longest foreign-surname ending of `folded` (0 for none). The
/// word must be at least four letters and two longer than the ending, so that
/// short Arabic words ending the same way are not matched.
fn surname_ending(folded: &str) -> u8 {
    let n = folded.chars().count();
    if n < 4 {
        return 0;
    }
    surname_endings()
        .iter()
        .position(|e| e.chars().count() + 2 <= n && folded.ends_with(e.as_str()))
        .map_or(0, |i| u8::try_from(i + 1).unwrap_or(u8::MAX))
}

fn suffix4(s: &str) -> Option<&str> {
    let n = s.chars().count();
    (n > 5).then(|| &s[s.char_indices().nth(n - 4).map_or(0, |(i, _)| i)..])
}

fn prefix4(s: &str) -> Option<&str> {
    if s.chars().count() <= 5 {
        return None;
    }
    s.char_indices().nth(4).map(|(i, _)| &s[..i])
}

/// Pushes the shape and wide-context features of token `i`.
pub(crate) fn shape_features(v: &[TokenView], i: usize, push: &mut impl FnMut(Fnv)) {
    let n = v.len();
    let at = |j: isize| -> Option<&TokenView> {
        usize::try_from(j).ok().filter(|j| *j < n).map(|j| &v[j])
    };
    let word = |j: isize| at(j).map_or(if j < 0 { "<s>" } else { "</s>" }, |t| t.folded.as_str());
    let stem = |j: isize| at(j).map_or(if j < 0 { "<s>" } else { "</s>" }, TokenView::stem);
    let case = |j: isize| at(j).map_or(5, |t| latin_case(&t.folded));
    #[allow(clippy::cast_possible_wrap)]
    let ii = i as isize;
    let t = &v[i];
    let c0 = case(ii);
    push(Fnv::new(70).byte(c0));
    push(Fnv::new(71).byte(case(ii - 1)).byte(c0).byte(case(ii + 1)));
    if c0 != 0 {
        // a Latin token inside Arabic text: its Arabic neighbours say what it is
        push(Fnv::new(72).byte(c0).add(stem(ii - 1)));
    }
    push(Fnv::new(73).byte(nisba(&t.folded)));
    let prev_link = at(ii - 1).map_or(0, |p| link_code(&p.folded));
    let next_link = at(ii + 1).map_or(0, |p| link_code(&p.folded));
    push(
        Fnv::new(74)
            .byte(prev_link)
            .byte(link_code(&t.folded))
            .byte(next_link),
    );
    push(Fnv::new(75).byte(glued_link(&t.folded)));
    push(
        Fnv::new(76)
            .byte(vowel_density(t.stem()))
            .byte(nisba(&t.folded)),
    );
    let ending = surname_ending(t.stem());
    if ending != 0 {
        push(Fnv::new(79).byte(ending));
        push(Fnv::new(79).byte(0xff).byte(vowel_density(t.stem())));
    }
    if let Some(s) = suffix4(&t.folded) {
        push(Fnv::new(77).add(s));
    }
    if let Some(p) = prefix4(t.stem()) {
        push(Fnv::new(78).add(p));
    }
    push(Fnv::new(80).add(word(ii - 2)).add(word(ii - 1)));
    push(Fnv::new(81).add(word(ii + 1)).add(word(ii + 2)));
    push(Fnv::new(82).add(stem(ii - 3)));
    push(Fnv::new(83).add(stem(ii + 3)));
    push(Fnv::new(84).add(stem(ii - 1)).add(stem(ii + 1)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_of_names() {
        assert_eq!(
            ["CNN", "Apple", "iPhone", "news", "دمشق"].map(latin_case),
            [3, 2, 4, 1, 0]
        );
        assert_eq!(nisba("البرازي"), 1);
        assert_eq!(nisba("الفلسطينيه"), 2);
        assert_eq!(nisba("الي"), 0);
        assert_eq!(glued_link("ابوالهول"), 1);
        assert_eq!(glued_link("عبدالله"), 2);
        assert_eq!(glued_link("عبد"), 0);
        assert!(vowel_density("دوجاريك") > vowel_density("محمد"));
        assert_ne!(surname_ending("ميلوسيفيتش"), 0);
        assert_ne!(surname_ending("بابادوبولوس"), 0);
        assert_eq!(surname_ending("محمد"), 0);
        // «تس» needs a word of four letters or more
        assert_eq!(surname_ending("قدس"), 0);
    }
}
