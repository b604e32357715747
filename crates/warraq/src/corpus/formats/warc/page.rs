//! A page of an archive: its language, found cheaply before it is parsed, and its
//! document (through `crate::web`'s page reader; a tag-stripping reader for a payload
//! that has no markup).

use super::super::sgml::unescape;
use crate::document::{parse_document_with, Document, Known};
use crate::web::Flattened;
use chrono::NaiveDateTime;

/// The primary subtag of `<html lang="…">`, lowercased.
pub(super) fn declared_language(html: &str) -> Option<String> {
    let lower = prefix(html, 8192).to_ascii_lowercase();
    let tag_start = lower.find("<html")?;
    let tag = &lower[tag_start
        ..lower[tag_start..]
            .find('>')
            .map_or(lower.len(), |e| tag_start + e)];
    let at = tag.find("lang=")? + "lang=".len();
    let value: String = tag[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    (!value.is_empty()).then_some(value)
}

/// Languages written in the Arabic script that a page may declare.
pub(super) const ARABIC_SCRIPT_LANGUAGES: [&str; 8] =
    ["ar", "fa", "ur", "ps", "ku", "ckb", "sd", "ug"];

/// `text` cut to at most `max` bytes, at a character boundary.
pub(super) fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Letters in the Arabic script and in others, in the text outside tags, scripts
/// and styles of `html` (its first 64 KiB): the cheap look at a page's language.
pub(super) fn script_letters(html: &str) -> (usize, usize) {
    let sample = prefix(html, 64 * 1024);
    // ASCII lowercasing keeps every byte offset.
    let lower = sample.to_ascii_lowercase();
    let (mut arabic, mut other) = (0, 0);
    let mut i = 0;
    while i < sample.len() {
        let lt = lower[i..].find('<').map_or(sample.len(), |p| i + p);
        for c in sample[i..lt].chars().filter(|c| c.is_alphabetic()) {
            if crate::text::chars::is_arabic_script(c) {
                arabic += 1;
            } else {
                other += 1;
            }
        }
        if lt == sample.len() {
            break;
        }
        let tag = &lower[lt..];
        let close = if tag.starts_with("<script") {
            "</script"
        } else if tag.starts_with("<style") {
            "</style"
        } else {
            ">"
        };
        match tag.find(close) {
            Some(end) => i = lt + end + close.len(),
            None => break,
        }
    }
    (arabic, other)
}

/// The page's language for the filter: `ar` when most letters of its visible
/// text are Arabic-script (unless it declares another Arabic-script language,
/// `fa`, `ur`…), else what `<html lang>` or `Content-Language` declares.
pub(super) fn page_language(html: &str, content_language: Option<&str>) -> Option<String> {
    let declared = declared_language(html).or_else(|| {
        content_language.map(|l| {
            l.to_ascii_lowercase()
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect()
        })
    });
    let (arabic, other) = script_letters(html);
    let arabic_script = arabic >= 20 && arabic >= other;
    match declared {
        Some(d) if arabic_script && ARABIC_SCRIPT_LANGUAGES.contains(&d.as_str()) => Some(d),
        _ if arabic_script => Some("ar".into()),
        Some(d) if d != "ar" && !d.is_empty() => Some(d),
        _ => None,
    }
}

/// A page's text, one block a line, for a payload `crate::web` does not take for a
/// page (tags dropped, block elements and `<br>` end lines, scripts and styles
/// skipped, a few entities decoded) and the `<title>`.
pub(super) fn page_text(html: &str) -> (String, Option<String>) {
    const BLOCKS: [&str; 14] = [
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "article", "section", "header",
        "footer", "title",
    ];
    let lower = html.to_ascii_lowercase();
    let title = lower.find("<title").and_then(|t| {
        let open_end = t + lower[t..].find('>')? + 1;
        let close = open_end + lower[open_end..].find("</title")?;
        Some(unescape(html[open_end..close].trim()))
    });
    let mut out = String::with_capacity(html.len() / 4);
    let mut i = 0;
    while let Some(lt) = lower[i..].find('<').map(|p| p + i) {
        out.push_str(&unescape(&html[i..lt]));
        let name: String = lower[lt + 1..]
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let skip_to = match name.as_str() {
            "script" | "style" | "noscript" | "title" => {
                let close = format!("</{name}");
                lower[lt..].find(&close).map(|p| lt + p)
            }
            _ => Some(lt),
        };
        let Some(from) = skip_to else { break };
        let Some(gt) = lower[from..].find('>') else {
            break;
        };
        i = from + gt + 1;
        if BLOCKS.contains(&name.as_str()) {
            out.push('\n');
        }
    }
    if i < html.len() && !lower[i..].contains('<') {
        out.push_str(&unescape(&html[i..]));
    }
    let text = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    (text, title.filter(|t| !t.is_empty()))
}

/// One HTML page of the archive, ready to be parsed.
pub(super) struct Page {
    pub(super) html: String,
    pub(super) url: Option<String>,
    pub(super) fetched: Option<NaiveDateTime>,
    /// The record's number in the archive (from 0).
    pub(super) record: usize,
}

/// The page's document through the HTML page reader of [`crate::web`] (main
/// content, metadata), with the record's URL as its id and `url`, and `fetched` set. A
/// payload the reader does not take for HTML (no markup at all) is read as text.
/// Also what the nesting cap flattened of the page, if anything.
pub(super) fn page_document(page: &Page) -> (Document, Option<Flattened>) {
    let hints = crate::web::PageHints {
        url: page.url.as_deref(),
        ..Default::default()
    };
    if let Ok(read) = crate::web::parse_page_str(&page.html, &hints) {
        let mut doc = read.document;
        // The archive's `WARC-Target-URI` is the page's URL (and id), as the
        // archive recorded it, rather than the canonical link the page gives.
        doc.id = page.url.clone();
        doc.url = page.url.clone().or(doc.url);
        if doc.summary.is_none() {
            doc.summary = read.summary;
        }
        doc.fetched = page.fetched;
        return (doc, read.flattened);
    }
    let (text, title) = page_text(&page.html);
    let known = Known {
        id: page.url.clone(),
        url: page.url.clone(),
        title_field: title.is_some(),
        title,
        ..Known::default()
    };
    let mut doc = parse_document_with(&text, &known);
    doc.fetched = page.fetched;
    (doc, None)
}
