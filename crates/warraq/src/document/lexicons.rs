//! The short lexicons of the boilerplate rules (`crates/warraq/data/lexicons/`),
//! loaded once and folded with [`fold`], so that an entry matches in any spelling.
//!
//! Lists that other stages have too are not written twice: the byline rules read
//! the entities gazetteer's places and outlets besides the few names listed here
//! (see `document::attribution::Side`), and the function words are the analyzer's commonest
//! stopwords (`function_words.txt`, shared with [`crate::analyze::stopwords`]).

use crate::text::fold;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// The entries of a lexicon file: one per line, without blank lines and `#`
/// comments.
fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The folded entries of lexicon files.
fn folded(lists: &[&'static str]) -> FxHashSet<String> {
    lists
        .iter()
        .flat_map(|list| entries(list))
        .map(fold)
        .collect()
}

/// Share and social widgets: a line made only of these words is a share widget.
pub(super) static SHARE: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| folded(&[include_str!("../../data/lexicons/share_words.txt")]));

/// Labels that open the «read more» block.
pub(super) static READ_MORE: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| folded(&[include_str!("../../data/lexicons/read_more_labels.txt")]));

/// Whole lines that are widgets when they stand alone after the article.
pub(super) static FOOTER: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| folded(&[include_str!("../../data/lexicons/footer_lines.txt")]));

/// Places of bylines and datelines that the gazetteers lack.
pub(super) static BYLINE_CITY: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| folded(&[include_str!("../../data/lexicons/byline_cities.txt")]));

/// Outlets and agency placeholders of bylines that the gazetteer lacks.
pub(super) static BYLINE_OUTLET: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| folded(&[include_str!("../../data/lexicons/byline_outlets.txt")]));

/// Frequent function words; running text has many, menus and headline lists few.
pub(super) static FUNCTION_WORDS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    folded(&[
        include_str!("../../data/lexicons/function_words.txt"),
        include_str!("../../data/lexicons/line_function_words.txt"),
    ])
});

/// Labels that open a tag block, in the file's order (the first that matches wins).
pub(super) static TAG: LazyLock<Vec<String>> = LazyLock::new(|| {
    entries(include_str!("../../data/lexicons/tag_labels.txt"))
        .map(fold)
        .collect()
});

/// The first words of the tag labels.
pub(super) static TAG_FIRST_WORDS: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| TAG.iter().filter_map(|t| t.split(' ').next()).collect());

/// User-interface phrases; a short line containing one is a UI string.
pub(super) static UI_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(entries(include_str!("../../data/lexicons/ui_phrases.txt")).map(fold))
        .expect("static lexicon")
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::gazetteer::{GazClass, Gazetteer};

    #[test]
    fn byline_lists_hold_only_what_the_gazetteers_lack() {
        let g = Gazetteer::get();
        for city in entries(include_str!("../../data/lexicons/byline_cities.txt")) {
            let classes = g.classes_of(city);
            assert!(
                !classes.iter().any(|c| matches!(
                    c,
                    GazClass::City | GazClass::Country | GazClass::Governorate
                )),
                "{city} is in the gazetteers"
            );
        }
        for outlet in entries(include_str!("../../data/lexicons/byline_outlets.txt")) {
            assert!(
                !g.classes_of(outlet).contains(&GazClass::Outlet),
                "{outlet} is in the gazetteer"
            );
        }
    }

    #[test]
    fn function_words_are_stopwords() {
        let stopwords: FxHashSet<String> = crate::analyze::stopwords()
            .iter()
            .map(|w| fold(w))
            .collect();
        for w in FUNCTION_WORDS.iter() {
            assert!(stopwords.contains(w), "{w}");
        }
        // The line rules count a few clitic forms that are not listed as words.
        for w in entries(include_str!("../../data/lexicons/line_function_words.txt")) {
            assert!(
                !entries(include_str!("../../data/lexicons/function_words.txt")).any(|f| f == w)
            );
        }
    }
}
