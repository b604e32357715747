//! Saved web pages → documents: the charset, the DOM, the main content and the
//! metadata of one HTML page ([`parse_page`]).
//!
//! 1. `charset`: bytes → text (BOM, HTTP `Content-Type`, `<meta charset>`, valid
//!    UTF-8, else detected by `chardetng`); PDFs, images and binary data are
//!    refused with the reason and the byte offset ([`sniff_not_html`]);
//! 2. `dom`: text → tree (html5ever through `scraper`; why in its docs);
//! 3. `extract`: the main content by content scoring over the tree (text and link
//!    density, paragraph structure, Arabic punctuation and function words, known
//!    containers), without navigation, related-article lists, comments, share
//!    widgets and footers;
//! 4. `metadata`: JSON-LD, OpenGraph and `article:*`, Twitter cards, `<meta>`,
//!    `<time>`, the canonical link and `<html lang>`; `stamp` reads their dates
//!    (the local time as written, the UTC offset beside it), dates in the URL, and
//!    the visible date line through warraq's Arabic date parser; `title` strips
//!    the outlet's name from the headline;
//! 5. the paragraphs kept then go through the text-level cleaning of the document
//!    stage ([`parse_document_with`]: datelines, «اقرأ أيضاً», agency trailers).
//!
//! ```
//! use warraq::web::{parse_page, PageHints};
//! let page = r#"<html lang="ar"><head><title>المشروع يبدأ الشهر المقبل - صحيفة المثال</title>
//! <meta property="og:site_name" content="صحيفة المثال">
//! <meta property="article:published_time" content="2024-05-13T09:30:00+03:00">
//! <meta property="article:section" content="اقتصاد"></head><body>
//! <nav><a href="/">الرئيسية</a> <a href="/a">اقتصاد</a></nav>
//! <article><h1>المشروع يبدأ الشهر المقبل</h1>
//! <p>قال وزير النقل إن المشروع الجديد سيبدأ في العاصمة خلال الشهر المقبل، وإنه سيخدم آلاف المواطنين.</p>
//! <p>وأضاف أن الوزارة انتهت من الدراسات اللازمة، وأن التمويل متوفر من الموازنة العامة.</p></article>
//! <footer>جميع الحقوق محفوظة</footer></body></html>"#;
//! let page = parse_page(page.as_bytes(), &PageHints::default()).unwrap();
//! let doc = &page.document;
//! assert_eq!(doc.title.as_deref(), Some("المشروع يبدأ الشهر المقبل"));
//! assert_eq!(doc.published.unwrap().to_string(), "2024-05-13T09:30:00");
//! assert_eq!(doc.published_utc_offset, Some(180));
//! assert_eq!(doc.section.as_deref(), Some("اقتصاد"));
//! assert_eq!(doc.language.as_deref(), Some("ar"));
//! assert_eq!(doc.paragraphs.len(), 2);
//! assert!(doc.body.starts_with("قال وزير النقل"));
//! ```

mod charset;
mod depth;
mod dom;
mod extract;
mod metadata;
mod stamp;
mod title;

pub use charset::{charset_param, decode_page, sniff_not_html, CharsetSource};
pub use depth::{cap_nesting, Flattened, MAX_DEPTH};
pub(crate) use stamp::parse_text_date;

use crate::document::{parse_document_with, Document, Known, Published, Reason, Removed};
use crate::{Error, Result};
use std::borrow::Cow;
use std::path::Path;

/// How errors name a page that has no file ([`PageHints::path`] is `None`).
pub const NO_PATH: &str = "<page>";

/// What is known of a page besides its bytes (all optional).
///
/// ```
/// use warraq::web::PageHints;
/// let hints = PageHints { url: Some("https://example.com/2020/8/24/a"), ..PageHints::default() };
/// assert!(hints.content_type.is_none());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct PageHints<'a> {
    /// The URL the page was fetched from (a WARC record's `WARC-Target-URI`): the
    /// document's `url` when the page has no canonical link, and a source of dates.
    pub url: Option<&'a str>,
    /// The HTTP `Content-Type` header (its `charset=` comes before the page's own).
    pub content_type: Option<&'a str>,
    /// The file (or archive) the page is from, named in errors (else [`NO_PATH`]).
    pub path: Option<&'a Path>,
}

/// One page read: the cleaned [`Document`] (with `url`, `modified`, `section`,
/// `language`, `site_name` and `published_utc_offset` filled from the page) and
/// what only a page has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebPage {
    /// The article.
    pub document: Document,
    /// The page's own summary (JSON-LD `description`, `og:description`,
    /// `<meta name="description">`).
    pub summary: Option<String>,
    /// The charset the page was decoded from (`"UTF-8"`, `"windows-1256"`, …).
    pub encoding: &'static str,
    /// Set when the page nested elements deeper than [`MAX_DEPTH`]: how many tags
    /// were flattened, and where the first was (see [`cap_nesting`]).
    pub flattened: Option<Flattened>,
}

/// The file names read as HTML pages: `.html`, `.htm`, `.xhtml`, `.shtml`, and the
/// same gzipped (`.html.gz`).
///
/// ```
/// use warraq::web::is_html_name;
/// assert!(is_html_name("a/page.HTML"));
/// assert!(is_html_name("page.html.gz"));
/// assert!(!is_html_name("page.json"));
/// ```
pub fn is_html_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".gz").unwrap_or(&lower);
    [".html", ".htm", ".xhtml", ".shtml"]
        .iter()
        .any(|e| stem.ends_with(e))
}

/// True when `text` holds HTML markup (a start or end tag of a common element):
/// what makes a record's text field a page or a fragment to extract.
///
/// ```
/// use warraq::web::looks_like_html;
/// assert!(looks_like_html("<p>نص</p>"));
/// assert!(looks_like_html("نص<br/>نص"));
/// assert!(!looks_like_html("3 < 4 و 5 > 2"));
/// ```
pub fn looks_like_html(text: &str) -> bool {
    const TAGS: &[&[u8]] = &[
        b"html",
        b"body",
        b"p",
        b"div",
        b"br",
        b"span",
        b"a",
        b"article",
        b"head",
        b"meta",
        b"!doctype",
        b"h1",
        b"h2",
        b"h3",
        b"li",
        b"ul",
        b"table",
        b"section",
        b"strong",
        b"b",
        b"img",
        b"script",
    ];
    let b = text.as_bytes();
    memchr::memchr_iter(b'<', b).any(|at| {
        let rest = &b[at + 1..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        TAGS.iter().any(|t| {
            rest.len() > t.len()
                && rest[..t.len()].eq_ignore_ascii_case(t)
                && matches!(rest[t.len()], b'>' | b' ' | b'/' | b'\n' | b'\t' | b'\r')
        })
    })
}

fn not_html(path: &Path, message: &str) -> Error {
    Error::Parse {
        path: path.to_path_buf(),
        line: None,
        column: None,
        message: format!("not an HTML page (at byte 0): {message}"),
    }
}

/// The letters and digits of `text`, lowercased: a headline compared without its
/// quotes, punctuation and spacing.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Share of Arabic-script letters among the letters of `text`, on a sample.
fn arabic_share(text: &str) -> f32 {
    let (mut arabic, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()).take(4000) {
        letters += 1;
        if matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
        {
            arabic += 1;
        }
    }
    arabic as f32 / letters.max(1) as f32
}

/// The visible date line near the headline: the first short block after the
/// block that repeats the title (or before the first kept paragraph) that
/// warraq's date parser reads as a day.
fn visible_date(
    blocks: &[extract::Block],
    kept: &[usize],
    title: Option<&str>,
) -> Option<(Published, String)> {
    let anchor = title
        .and_then(|t| blocks.iter().position(|b| b.text == t))
        .or_else(|| kept.first().map(|&k| k.saturating_sub(6)))?;
    blocks[anchor..]
        .iter()
        .take(10)
        .filter(|b| b.chars <= 80)
        .find_map(|b| stamp::parse_text_date(&b.text).map(|p| (p, b.text.clone())))
}

/// Reads one HTML page (see the [module docs](self)). Bytes that are not a page
/// (a PDF, an image, binary data, text without markup) and undecodable bytes are
/// errors naming `hints.path` and the byte offset; nothing panics.
///
/// ```
/// use warraq::web::{parse_page, PageHints};
/// let err = parse_page(b"%PDF-1.4", &PageHints::default()).unwrap_err();
/// assert_eq!(err.to_string(), "<page>: not an HTML page (at byte 0): a PDF document");
/// ```
pub fn parse_page(bytes: &[u8], hints: &PageHints<'_>) -> Result<WebPage> {
    let path = hints.path.unwrap_or(Path::new(NO_PATH));
    sniff_not_html(path, bytes)?;
    let (text, encoding, _) = decode_page(path, bytes, hints.content_type)?;
    let mut page = parse_page_str(&text, hints)?;
    page.encoding = encoding.name();
    Ok(page)
}

/// [`parse_page`] on text already decoded (`encoding` is then `"UTF-8"`).
///
/// ```
/// use warraq::web::{parse_page_str, PageHints};
/// let page = parse_page_str("<title>عنوان</title><p>قال الوزير إن المشروع بدأ.</p>", &PageHints::default()).unwrap();
/// assert_eq!(page.document.title.as_deref(), Some("عنوان"));
/// ```
pub fn parse_page_str(text: &str, hints: &PageHints<'_>) -> Result<WebPage> {
    let path = hints.path.unwrap_or(Path::new(NO_PATH));
    if !looks_like_html(text) {
        return Err(not_html(path, "no HTML markup"));
    }
    let (html, flattened) = dom::parse_capped(text);
    let meta = metadata::read(&html);
    let blocks = extract::blocks(&html);
    let kept = extract::select(&html, &blocks);
    let mut sites: Vec<&str> = Vec::new();
    if let Some(s) = &meta.site_name {
        sites.push(s);
    }
    let title = title::choose(&meta.titles, &sites);
    let url = meta.url.clone().or_else(|| hints.url.map(str::to_string));
    let url_day = url
        .as_deref()
        .and_then(stamp::url_date)
        .or_else(|| hints.url.and_then(stamp::url_date));
    let (published, published_text, offset) = match &meta.published {
        Some(s) => (Some(s.local), Some(s.text.clone()), s.offset_minutes),
        None => {
            let line = visible_date(&blocks, &kept, title.as_deref());
            match (url_day, line) {
                // The line gives the URL's day with its time.
                (Some(d), Some((p, t))) if p.date() == d => (Some(p), Some(t), None),
                (Some(d), _) => (Some(Published::Date(d)), url.clone(), None),
                (None, Some((p, t))) => (Some(p), Some(t), None),
                (None, None) => (None, None, None),
            }
        }
    };
    // The headline written again (often with other quotes or punctuation).
    let title_letters = title.as_deref().map(letters);
    let (repeats, body): (Vec<&str>, Vec<&str>) = kept
        .iter()
        .map(|&i| blocks[i].text.as_str())
        .partition(|t| title_letters.as_deref() == Some(letters(t).as_str()));
    let known = Known {
        id: None,
        title: title.clone(),
        author: meta.author.clone(),
        source: meta.site_name.clone(),
        url: url.clone(),
        published,
        published_text,
        published_utc_offset: offset,
        dateline: None,
        title_field: true,
        ..Known::default()
    };
    let mut doc = parse_document_with(&body.join("\n"), &known);
    doc.boilerplate
        .extend(repeats.into_iter().map(|line| Removed {
            line: line.to_string(),
            reason: Reason::RepeatedHeading,
        }));
    if doc.tags.is_empty() {
        // Not the headline (some templates fill `keywords` with it).
        doc.tags = meta
            .tags
            .into_iter()
            .filter(|t| title_letters.as_deref() != Some(letters(t).as_str()))
            .collect();
    }
    doc.modified = meta.modified.as_ref().map(|s| s.local);
    doc.published_utc_offset = offset;
    doc.section = meta.section;
    doc.site_name = meta.site_name;
    doc.language = meta
        .language
        .or_else(|| (arabic_share(&doc.body) > 0.5).then(|| "ar".to_string()));
    Ok(WebPage {
        document: doc,
        summary: meta.summary,
        encoding: "UTF-8",
        flattened,
    })
}

/// The text of a record field that holds HTML (a page or a fragment): its main
/// content, one block a line, or `text` unchanged when it holds no markup.
///
/// ```
/// use warraq::web::record_text;
/// assert_eq!(record_text("<p>الفقرة الأولى.</p><p>الفقرة الثانية.</p>"), "الفقرة الأولى.\nالفقرة الثانية.");
/// assert_eq!(record_text("نص عادي"), "نص عادي");
/// ```
pub fn record_text(text: &str) -> Cow<'_, str> {
    if !looks_like_html(text) {
        return Cow::Borrowed(text);
    }
    let html = dom::parse(text);
    let blocks = extract::blocks(&html);
    let kept = extract::select(&html, &blocks);
    Cow::Owned(
        kept.iter()
            .map(|&i| blocks[i].text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// The id of a page file: its name without `.gz` and the HTML extension.
fn page_id(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let name = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".GZ"))
        .unwrap_or(&name);
    Path::new(name)
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

/// Reads an HTML file's bytes (gunzipped first when the name ends in `.gz`) as
/// one document named after the file, and what the nesting cap flattened of it;
/// errors name `path`.
pub(crate) fn read_page_file(path: &Path, bytes: &[u8]) -> Result<(Document, Option<Flattened>)> {
    let owned;
    let bytes = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        owned = gunzip(path, bytes)?;
        &owned[..]
    } else {
        bytes
    };
    let hints = PageHints {
        path: Some(path),
        ..PageHints::default()
    };
    let page = parse_page(bytes, &hints)?;
    let mut doc = page.document;
    doc.id = Some(page_id(path));
    Ok((doc, page.flattened))
}

/// Decompresses a gzip file, with the byte offset of a truncated or corrupt
/// stream in the error; at most [`crate::persist::MAX_INPUT_BYTES`] out.
fn gunzip(path: &Path, bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    let mut reader =
        flate2::read::MultiGzDecoder::new(bytes).take(crate::persist::MAX_INPUT_BYTES + 1);
    reader.read_to_end(&mut out).map_err(|e| Error::Decode {
        path: path.to_path_buf(),
        encoding: "gzip".into(),
        offset: out.len(),
        message: format!("{e} (after {} bytes of output)", out.len()),
    })?;
    if out.len() as u64 > crate::persist::MAX_INPUT_BYTES {
        return Err(Error::Parse {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: format!(
                "decompresses to over the {}-byte limit for one file",
                crate::persist::MAX_INPUT_BYTES
            ),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_pages_are_read_flattened() {
        // 50,000 nested <div>s took over three minutes in html5ever uncapped.
        let page = "<html><body><h1>عنوان الخبر</h1>".to_string()
            + &"<div>".repeat(50_000)
            + "<p>قال الوزير إن المشروع الجديد سيبدأ في العاصمة خلال الشهر المقبل، وإنه سيخدم المواطنين.</p>"
            + &"</div>".repeat(50_000);
        let read = parse_page_str(&page, &PageHints::default()).unwrap();
        assert!(
            read.document.body.starts_with("قال الوزير"),
            "{:?}",
            read.document.body
        );
        let flattened = read.flattened.unwrap();
        assert_eq!(flattened.tags, 50_000 - MAX_DEPTH);
        assert_eq!(
            flattened.first_offset,
            page.find("<div>").unwrap() + MAX_DEPTH * 5
        );
        let ordinary = parse_page_str("<p>قال الوزير إن المشروع بدأ.</p>", &PageHints::default());
        assert!(ordinary.unwrap().flattened.is_none());
    }

    #[test]
    fn text_without_markup_is_not_a_page() {
        let err = parse_page("نص عادي بلا وسوم".as_bytes(), &PageHints::default()).unwrap_err();
        assert!(err.to_string().contains("no HTML markup"), "{err}");
    }

    #[test]
    fn truncated_gzip_names_the_file() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all("<p>نص</p>".repeat(1000).as_bytes()).unwrap();
        let bytes = gz.finish().unwrap();
        let err = read_page_file(Path::new("p.html.gz"), &bytes[..bytes.len() / 2]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("p.html.gz: cannot decode as gzip"),
            "{err}"
        );
        let (doc, _) = read_page_file(Path::new("d/p.html.gz"), &bytes).unwrap();
        assert_eq!(doc.id.as_deref(), Some("p"));
    }

    #[test]
    fn url_dates_and_date_lines() {
        let page = "<html><body><h1>عنوان الخبر هنا</h1><div>الجمعة 8 فبراير 2019</div><div class=content>\
            <p>قال الوزير إن المشروع الجديد سيبدأ في العاصمة خلال الشهر المقبل، وإنه سيخدم المواطنين.</p></div></body></html>";
        let doc = parse_page(page.as_bytes(), &PageHints::default())
            .unwrap()
            .document;
        assert_eq!(doc.published.unwrap().to_string(), "2019-02-08");
        let hints = PageHints {
            url: Some("https://x.com/2020/8/24/a"),
            ..PageHints::default()
        };
        let doc = parse_page(page.as_bytes(), &hints).unwrap().document;
        assert_eq!(doc.published.unwrap().to_string(), "2020-08-24");
        assert_eq!(doc.url.as_deref(), Some("https://x.com/2020/8/24/a"));
        assert_eq!(doc.language.as_deref(), Some("ar"));
    }
}
