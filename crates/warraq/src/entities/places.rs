//! Towns whose names read as people («بن قردان», «سيدي بوزيد»): the tagger learns
//! from ANERcorp that «بن» and «سيدي» open a person's name, and the annotated data
//! has too few Maghreb towns to unlearn it. A span the tagger labels as a person
//! or an organisation that is exactly a place of the gazetteers (a name of two
//! words or more, from a list of places, not an ambiguous one) becomes a place.
//! A longer span keeps its label: «اتحاد بن قردان» is a club.

use super::features::light_stem;
use super::fold::fold;
use super::gazetteer::{GazClass, Gazetteer};
use super::perceptron::Tagged;

/// Tags B-LOC and I-LOC (see `perceptron::TAGS`).
const B_LOC: usize = 3;
const I_LOC: usize = 4;

/// Whether `words` name a place of the lists, the first word's proclitics
/// allowed («وسيدي بوزيد», «ببن قردان»).
fn is_listed_place(words: &[&str]) -> bool {
    let g = Gazetteer::get();
    let place = |name: &str| {
        let classes = g.classes_of(name);
        classes
            .iter()
            .any(|c| matches!(c, GazClass::City | GazClass::Governorate))
            && !classes.contains(&GazClass::Ambiguous)
    };
    let rest = words[1..].join(" ");
    let first = fold(words[0]);
    let (_, stem) = light_stem(&first);
    place(&format!("{first} {rest}")) || place(&format!("{stem} {rest}"))
}

/// Relabels the listed multi-word places of a tagged sentence in place: a run
/// of tagged tokens that opens an entity and ends one («سيدي» B-LOC «بوزيد» B-LOC,
/// «بن» B-PERS «قردان» I-PERS) and is exactly a place of the lists.
pub(crate) fn tag_listed_places(words: &[&str], tagged: &mut Tagged) {
    let tags = &mut tagged.tags;
    let n = tags.len();
    // B- tags are odd, I- tags even and non-zero (see `perceptron::TAGS`).
    let continues = |t: usize| t != 0 && t.is_multiple_of(2);
    let mut i = 0;
    while i < n {
        let len = (2..=4.min(n - i)).rev().find(|&len| {
            let span = &tags[i..i + len];
            tags[i] % 2 == 1
                && span.iter().all(|t| *t != 0)
                && !(span[0] == B_LOC && span[1..].iter().all(|t| *t == I_LOC))
                && !(i + len < n && continues(tags[i + len]))
                && is_listed_place(&words[i..i + len])
        });
        if let Some(len) = len {
            tags[i] = B_LOC;
            for t in &mut tags[i + 1..i + len] {
                *t = I_LOC;
            }
            i += len;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(words: &[&str], tags: &[usize]) -> Vec<usize> {
        let mut t = Tagged {
            tags: tags.to_vec(),
            confidence: vec![0.9; tags.len()],
        };
        tag_listed_places(words, &mut t);
        t.tags
    }

    #[test]
    fn towns_read_as_people_become_places() {
        assert_eq!(run(&["إلى", "بن", "قردان"], &[0, 1, 2]), [0, 3, 4]);
        assert_eq!(run(&["في", "سيدي", "بوزيد"], &[0, 5, 6]), [0, 3, 4]);
        assert_eq!(run(&["وسيدي", "بوزيد"], &[1, 2]), [3, 4]);
        assert_eq!(
            run(&["في", "سيدي", "بوزيد", "أمس"], &[0, 3, 3, 0]),
            [0, 3, 4, 0]
        );
        // untagged words stay untagged
        assert_eq!(run(&["في", "سيدي", "بوزيد"], &[0, 0, 0]), [0, 0, 0]);
        // a club keeps its label, and so does a person
        assert_eq!(
            run(&["تعادل", "اتحاد", "بن", "قردان"], &[0, 5, 6, 6]),
            [0, 5, 6, 6]
        );
        assert_eq!(
            run(&["قال", "زين", "العابدين", "بن", "علي"], &[0, 1, 2, 2, 2]),
            [0, 1, 2, 2, 2]
        );
    }
}
