//! What is cut from inside a paragraph: e-mail addresses, agency trailers, source
//! footers, and the glue («., », wide gaps) of paragraphs a scraper ran together.

use super::line::Line;
use super::rules::{inline_agency_trailer, source_footer_start, wide_gap_segments};
use super::{Reason, Removed};
use crate::{text, tokenize};
use std::borrow::Cow;

/// Splits paragraphs that a scraper glued together with «., ».
/// Also splits on wide gaps (three or more spaces), another scraper's glue.
pub(crate) fn split_glued(paragraph: &str) -> Vec<&str> {
    wide_gap_segments(paragraph)
        .into_iter()
        .flat_map(split_glued_commas)
        .collect()
}

fn split_glued_commas(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for idx in memchr::memmem::find_iter(paragraph.as_bytes(), ".,") {
        let after = &paragraph[idx + 2..];
        let next_is_arabic = after
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| text::chars::ARABIC_BLOCK.contains(&c));
        if idx >= start && after.starts_with(' ') && next_is_arabic {
            out.push(paragraph[start..=idx].trim());
            start = idx + 2;
        }
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Removes e-mail addresses, agency trailers and source footers from inside a
/// paragraph; returns the cleaned text (the paragraph itself when nothing was cut)
/// and reports what was cut. `passed_ui_test`: the paragraph is known not to be a
/// UI string, so that only a shortened text needs the test.
pub(crate) fn clean_inline<'a>(
    paragraph: &'a str,
    passed_ui_test: bool,
    removed: &mut Vec<Removed>,
    source: &mut Option<String>,
) -> Cow<'a, str> {
    let mut text = Cow::Borrowed(paragraph);
    if let Some(idx) = source_footer_start(&text) {
        let footer = text[idx..].trim().to_string();
        if source.is_none() {
            // «رابط الخبر بصحيفة الوئام: …» names the outlet.
            let name = footer
                .split_once(':')
                .map_or(footer.as_str(), |(n, _)| n)
                .split_whitespace()
                .skip(3)
                .collect::<Vec<_>>()
                .join(" ");
            if !name.is_empty() {
                *source = Some(name);
            }
        }
        removed.push(Removed {
            line: footer,
            reason: Reason::SourceFooter,
        });
        truncate(&mut text, idx);
    }
    if let Some(idx) = inline_agency_trailer(&text) {
        removed.push(Removed {
            line: text[idx..].trim().to_string(),
            reason: Reason::AgencyTrailer,
        });
        truncate(&mut text, idx);
    }
    if memchr::memchr(b'@', text.as_bytes()).is_some() {
        // E-mail addresses, also when glued to the next Arabic word («…@yahoo.comللتواصل»).
        let mut kept = String::with_capacity(text.len());
        let mut last = 0;
        for (start, end) in tokenize::email_spans(&text) {
            kept.push_str(&text[last..start]);
            removed.push(Removed {
                line: text[start..end].to_string(),
                reason: Reason::Email,
            });
            last = end;
        }
        kept.push_str(&text[last..]);
        text = Cow::Owned(
            kept.split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    // What is left may be a widget («للتواصل مع الكاتب ارسل رسالة SMS …»). Cleaning
    // only ever removes text: an unchanged paragraph keeps its length.
    let known_not_ui = passed_ui_test && text.len() == paragraph.len();
    if !text.is_empty() && !known_not_ui && Line::new(&text).is_ui_string() {
        removed.push(Removed {
            line: text.trim().to_string(),
            reason: Reason::UiString,
        });
        return Cow::Borrowed("");
    }
    match text {
        Cow::Borrowed(t) => Cow::Borrowed(t.trim()),
        Cow::Owned(t) => Cow::Owned(t.trim().to_string()),
    }
}

/// Cuts `text` at byte `idx` (a character boundary), without copying a borrowed text.
fn truncate(text: &mut Cow<'_, str>, idx: usize) {
    match text {
        Cow::Borrowed(t) => *t = &t[..idx],
        Cow::Owned(t) => t.truncate(idx),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_paragraphs_split() {
        let parts = split_glued("الجملة الأولى انتهت هنا., الجملة الثانية بدأت., وثالثة.");
        assert_eq!(
            parts,
            ["الجملة الأولى انتهت هنا.", "الجملة الثانية بدأت.", "وثالثة."]
        );
        assert_eq!(split_glued("رقم 3.,5 هنا"), ["رقم 3.,5 هنا"]);
    }
}
