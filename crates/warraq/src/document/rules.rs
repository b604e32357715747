//! Line-shape rules that tell boilerplate from article text.
//!
//! Every rule here looks at one line (its words, punctuation, script, function
//! words, gaps) or matches a short curated lexicon of widget phrases (the files of
//! `crates/warraq/data/lexicons/`); none is keyed to a particular outlet.

use super::lexicons::{BYLINE_CITY, BYLINE_OUTLET, FOOTER, FUNCTION_WORDS, READ_MORE, SHARE};
use super::line::Line;
use crate::text::{
    at_most_words, chars, fold, has_multibyte_space, multibyte_space, next_possible_space,
};
use std::sync::LazyLock;

/// A body-shaped line of `words` words (counted once per line): long, or a sentence.
pub(crate) fn is_paragraph_of(line: &str, words: usize) -> bool {
    words > 19 || (words > 3 && ends_sentence(line))
}

/// [`is_paragraph_of`] a line.
pub(crate) fn is_paragraph(line: &Line) -> bool {
    is_paragraph_of(line.text, line.words())
}

/// A line of a list («* item», «- item», «3. item», «12) item») or a bare number:
/// content even where it has no Arabic or no full stop.
pub(crate) fn is_list_item(line: &str) -> bool {
    let mut chars = line.trim_start().chars();
    match chars.next() {
        Some('*' | '•' | '-' | '–' | '·' | '▪' | '●') => true,
        // A bare time («09:52») is a timestamp widget, not a list item.
        Some(c) if c.is_ascii_digit() || chars::ARABIC_INDIC_DIGITS.contains(&c) => {
            !is_bare_time(line)
        }
        _ => false,
    }
}

/// «09:52», «9:05 ص»: a time alone on its line.
pub(crate) fn is_bare_time(line: &str) -> bool {
    let t = line.trim();
    let digits_colon = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .count();
    digits_colon >= 4 && t.contains(':') && at_most_words(t, 2) && t.len() <= 12
}

/// True when every word of the line belongs to the share-widget vocabulary.
pub(crate) fn is_share_widget(line: &Line) -> bool {
    if !line.at_most_words(6) {
        return false;
    }
    let l = line.label();
    if l.is_empty() || !at_most_words(l, 5) {
        return false;
    }
    l.split(|c: char| c.is_whitespace() || c == '|' || c == '/' || c == ',')
        .filter(|w| !w.is_empty())
        .all(|w| SHARE.contains(w))
}

/// A «read more» label («اقرأ أيضاً:»): the related headlines follow.
pub(crate) fn is_read_more_label(line: &Line) -> bool {
    line.at_most_words(6) && READ_MORE.contains(line.label())
}

/// A widget line that ends pages («مكة المكرمة» of a prayer-times widget).
pub(crate) fn is_footer_line(line: &Line) -> bool {
    line.at_most_words(4) && FOOTER.contains(line.label())
}

/// A place of the byline list: the names the entities gazetteers lack (the byline
/// rules ask the gazetteers too).
pub(crate) fn is_known_city(name: &str) -> bool {
    BYLINE_CITY.contains(&fold(name))
}

/// An outlet or agency of the byline list: the names the entities gazetteer lacks
/// (the byline rules ask the gazetteer too).
pub(crate) fn is_outlet_name(name: &str) -> bool {
    BYLINE_OUTLET.contains(&fold(name))
}

/// Share of words that are function words.
pub(crate) fn stop_word_ratio(line: &Line) -> f64 {
    let folded = line.folded();
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let stops = words
        .iter()
        .filter(|w| FUNCTION_WORDS.contains(**w))
        .count();
    stops as f64 / words.len() as f64
}

/// True when the line ends like a sentence.
pub(crate) fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| c.is_whitespace() || "\"'»”)*".contains(c));
    // «…» and «...» end teasers and headline links more often than sentences.
    !t.ends_with("..") && t.ends_with(['.', '!', '?', '؟', ':', '؛'])
}

/// A ticker: three or more headline segments separated by wide gaps on one line.
pub(crate) fn is_ticker(line: &Line) -> bool {
    // Without a wide gap, a line is one segment.
    if line.text.len() < 60 || !has_wide_space(line.text) {
        return false;
    }
    let segments = wide_gap_segments(line.text);
    if segments.len() < 3 || line.at_most_words(11) {
        return false;
    }
    // Headlines: short, and mostly without a final full stop. Paragraphs glued with
    // wide gaps end in full stops and are split instead (see `wide_gap_segments`).
    let sentences = segments.iter().filter(|s| ends_sentence(s)).count();
    let long = segments.iter().filter(|s| !at_most_words(s, 20)).count();
    // Tag lists («سوريا  ,   تركيا  ,») have one- or two-word segments.
    let headline_sized = !line.at_most_words(3 * segments.len() - 1);
    headline_sized && sentences * 3 <= segments.len() && long * 5 <= segments.len()
}

/// True when `line` has two consecutive ASCII spaces or a non-ASCII whitespace
/// character: the only lines that can hold a wide gap.
fn has_wide_space(line: &str) -> bool {
    static TWO_SPACES: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("  "));
    let b = line.as_bytes();
    TWO_SPACES.find(b).is_some() || has_multibyte_space(b)
}

/// Splits a line on runs of three or more spaces (often no-break spaces).
pub(crate) fn wide_gap_segments(line: &str) -> Vec<&str> {
    // Fast path: no two consecutive spaces and no other whitespace than ASCII, no
    // wide gap. Bytes, not characters: this runs on every line.
    if !has_wide_space(line) {
        let t = line.trim();
        return if t.is_empty() { Vec::new() } else { vec![t] };
    }
    let mut out = Vec::new();
    let (mut seg_start, mut run, mut run_start) = (0usize, 0usize, 0usize);
    // On bytes: whitespace is ASCII (`char::is_whitespace` there: `is_ascii_whitespace`
    // and the vertical tab) or one of the multi-byte spaces; any other byte, also
    // inside a character, ends a run of whitespace.
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let space_len = match c {
            0..=0x7F => (c.is_ascii_whitespace() || c == 0x0B).then_some(1),
            // The first bytes of the multi-byte spaces.
            0xC2 | 0xE1..=0xE3 => multibyte_space(&b[i..]),
            _ => None,
        };
        if let Some(len) = space_len {
            if run == 0 {
                run_start = i;
            }
            run += 1;
            i += len;
        } else {
            if run >= 3 {
                let seg = line[seg_start..run_start].trim();
                if !seg.is_empty() {
                    out.push(seg);
                }
                seg_start = i;
            }
            run = 0;
            i = next_possible_space(b, i + 1);
        }
    }
    let seg = line[seg_start..].trim();
    if !seg.is_empty() {
        out.push(seg);
    }
    out
}

/// An agency trailer such as «// انتهى //  17:18 ت م» or a bare «17:18 ت م».
pub(crate) fn is_agency_trailer(line: &Line) -> bool {
    if line.text.len() > 80 {
        return false;
    }
    let f = line.folded().trim();
    if f.starts_with("//") && f.contains("انتهي") {
        return true;
    }
    // «20:37 ت م» left on its own line by the trailer.
    let rest = f
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == ':')
        .trim();
    f.len() > rest.len() && (rest == "ت م" || rest == "تم" || rest == "ت.م")
}

/// Byte index of an agency trailer starting inside a line, if any.
pub(crate) fn inline_agency_trailer(line: &str) -> Option<usize> {
    static SPACED: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("// انتهى"));
    static GLUED: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("//انتهى"));
    static SLASHES: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("//"));
    // Most lines have no «//» at all.
    SLASHES.find(line.as_bytes())?;
    SPACED
        .find(line.as_bytes())
        .or_else(|| GLUED.find(line.as_bytes()))
}

/// Byte index of a «رابط الخبر بصحيفة» footer inside a line.
pub(crate) fn source_footer_start(line: &str) -> Option<usize> {
    static FOOTER: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("رابط الخبر "));
    let at = FOOTER.find(line.as_bytes())?;
    let rest = &line[at + "رابط الخبر ".len()..];
    (rest.starts_with("بصحيفة") || rest.starts_with("في صحيفة"))
        .then_some(at)
        .or_else(|| source_footer_start(rest).map(|i| i + line.len() - rest.len()))
}

/// A line without a single Arabic letter.
pub(crate) fn has_no_arabic(line: &str) -> bool {
    !line.chars().any(|c| chars::BASIC_LETTERS.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_gaps_as_by_char() {
        // Runs of three or more `char::is_whitespace`, character by character, past the
        // same fast path.
        fn by_char(line: &str) -> Vec<&str> {
            if !has_wide_space(line) {
                let t = line.trim();
                return if t.is_empty() { Vec::new() } else { vec![t] };
            }
            let mut out = Vec::new();
            let (mut seg_start, mut run, mut run_start) = (0, 0, 0);
            for (i, c) in line.char_indices() {
                if c.is_whitespace() {
                    if run == 0 {
                        run_start = i;
                    }
                    run += 1;
                } else {
                    if run >= 3 {
                        out.push(line[seg_start..run_start].trim());
                        seg_start = i;
                    }
                    run = 0;
                }
            }
            out.push(line[seg_start..].trim());
            out.retain(|s| !s.is_empty());
            out
        }
        let spaces = [
            " ", "\t", "\u{b}", "\u{a0}", "\u{2003}", "\u{3000}", "\u{85}", "\u{200b}", "\u{1680}",
        ];
        for a in spaces {
            for b in spaces {
                for c in spaces {
                    let line = format!("خبر{a}اول{a}{b}هنا{a}{b}{c}ثان{c}{c}{c}{c}ثالث{a}{b}{c}");
                    assert_eq!(wide_gap_segments(&line), by_char(&line), "{line:?}");
                    let line = format!("{line}  x");
                    assert_eq!(wide_gap_segments(&line), by_char(&line), "{line:?}");
                }
            }
        }
    }

    #[test]
    fn lexicons_and_shapes() {
        assert!(is_share_widget(&Line::new("Google plus")));
        assert!(is_share_widget(&Line::new("شارك الموضوع ...")));
        assert!(!is_share_widget(&Line::new("شارك الوزير في المؤتمر")));
        assert!(Line::new("شكرا على الإبلاغ!").is_ui_string());
        assert!(is_read_more_label(&Line::new("اقرأ أيضاً:")));
        assert!(is_agency_trailer(&Line::new("// انتهى //  17:18 ت م")));
        assert!(is_agency_trailer(&Line::new(" 20:37 ت م ")));
        assert!(is_ticker(&Line::new(
            "خبر اول هنا    خبر ثان هنا طويل    خبر ثالث هنا ايضا    خبر رابع"
        )));
        assert!(ends_sentence("قال «نعم.»"));
        assert!(stop_word_ratio(&Line::new("قال الوزير إن المشروع في مرحلة التشغيل")) > 0.1);
    }
}
