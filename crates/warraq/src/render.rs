//! HTML for looking at Arabic text: a document or a text with its entity spans
//! highlighted, right to left, escaped.
//!
//! This is pure string building (no I/O, no scripts): the fragments are what
//! Jupyter shows for a `Document` and for `warraq.render(...)`, and what the corpus
//! report embeds for every article. The output
//!
//! - is wrapped in `<div dir="rtl" lang="ar">` with an Arabic-capable font stack, so
//!   paragraphs run right to left and neutral punctuation (`.`, `،`, `:`, quotes)
//!   lands on the correct side;
//! - escapes every character of the input that HTML gives a meaning to (an article
//!   containing `<script>` shows the tag as text);
//! - highlights each span with a `<mark>` coloured by its label, followed by the label
//!   in a small badge. Spans that start or end inside a word are widened to the whole
//!   word, because a tag boundary inside a word can break the joining of Arabic
//!   letters. Marks are right-to-left isolates and badges left-to-right isolates
//!   (`unicode-bidi: isolate`), so a Latin label or a number never reorders the
//!   Arabic text around it and the badge always sits at the entity's end (its left);
//! - styles with inline `style` attributes only, so it survives notebook viewers
//!   that drop `<style>` blocks and can be pasted into any page.
//!
//!
//! Rendering takes data and returns data: the entities to highlight are given (this
//! module never runs the model), and [`Rendered`] gives the HTML with the labels
//! it highlighted.
//!
//! ```
//! use warraq::render::{render, Header, Highlight};
//! let text = "زار الوزير دمشق.";
//! let rendered = render(
//!     &Header { title: Some("خبر".into()), ..Header::default() },
//!     text,
//!     &[Highlight::new(20, 28, "LOCATION")], // byte offsets of «دمشق»
//! )
//! .unwrap();
//! assert_eq!(rendered.labels, [("LOCATION".to_string(), 1)]);
//! let html = rendered.html;
//! assert!(html.starts_with("<div class=\"warraq-doc\" dir=\"rtl\" lang=\"ar\""));
//! assert!(html.contains("data-label=\"LOCATION\""));
//! assert!(html.contains(">دمشق<span class=\"warraq-label\""));
//! ```

use crate::document::{Document, Published};
use crate::entities::Entity;
use crate::error::{Error, Result};
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// Fonts that cover Arabic on every common system, best first (Noto on Linux,
/// Geeza Pro on macOS, Segoe UI/Tahoma on Windows).
pub const ARABIC_FONTS: &str = "'Noto Naskh Arabic', 'Noto Sans Arabic', 'Amiri', \
'Scheherazade New', 'Geeza Pro', 'Segoe UI', Tahoma, 'DejaVu Sans', sans-serif";

/// A span of the text to highlight: byte offsets (`text[start..end]`) and a label.
///
/// ```
/// use warraq::render::Highlight;
/// let h = Highlight::new(0, 8, "PERSON");
/// assert_eq!((h.start, h.end, h.label.as_str()), (0, 8, "PERSON"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// The label shown in the badge and used to choose the colour.
    pub label: String,
}

impl Highlight {
    /// A highlight of bytes `start..end` labelled `label`.
    pub fn new(start: usize, end: usize, label: impl Into<String>) -> Self {
        Highlight {
            start,
            end,
            label: label.into(),
        }
    }

    /// Highlights from spans in code-point offsets (Python string indices), as
    /// `(start, end, label)`. A span past the end of the text or with
    /// `start > end` is an [`Error::InvalidOption`] naming it.
    ///
    /// ```
    /// use warraq::render::Highlight;
    /// let hs = Highlight::from_char_spans("زار دمشق", &[(4, 8, "LOCATION".to_string())]).unwrap();
    /// assert_eq!((hs[0].start, hs[0].end), (7, 15));
    /// assert!(Highlight::from_char_spans("زار", &[(0, 9, "X".to_string())]).is_err());
    /// ```
    pub fn from_char_spans(text: &str, spans: &[(usize, usize, String)]) -> Result<Vec<Self>> {
        // byte offset of every code point, plus the end: one pass, then O(1) lookups
        let starts: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        let n_chars = starts.len() - 1;
        spans
            .iter()
            .enumerate()
            .map(|(i, (start, end, label))| {
                if start > end || *end > n_chars {
                    return Err(Error::InvalidOption {
                        name: "entities".into(),
                        message: format!(
                            "span {i} ({start}..{end}, {label}) does not fit a text of {n_chars} characters"
                        ),
                    });
                }
                Ok(Highlight::new(starts[*start], starts[*end], label.clone()))
            })
            .collect()
    }
}

impl From<&Entity> for Highlight {
    /// An entity found in the text (byte offsets, as the core returns them).
    fn from(e: &Entity) -> Self {
        Highlight::new(e.start, e.end, e.label.as_str())
    }
}

/// The metadata shown above the text: a title, a subtitle, `name: value` fields on
/// one line, and tags.
///
/// ```
/// use warraq::document::parse_document;
/// use warraq::render::Header;
/// let doc = parse_document("عنوان الخبر\n\nلندن - الخليج أونلاين\n\nقال الوزير إن المشروع بدأ.", Some("a1"));
/// let h = Header::from_document(&doc);
/// assert_eq!(h.title.as_deref(), Some("عنوان الخبر"));
/// assert!(h.fields.contains(&("المصدر".to_string(), "الخليج أونلاين".to_string())));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// The headline.
    pub title: Option<String>,
    /// A second heading line.
    pub subtitle: Option<String>,
    /// `(name, value)` pairs, shown in order as «name: value».
    pub fields: Vec<(String, String)>,
    /// Keywords, shown as small chips.
    pub tags: Vec<String>,
}

/// The metadata keys [`Header::from_metadata`] knows, in display order, with the
/// name shown for each.
pub const FIELD_NAMES: [(&str, &str); 6] = [
    ("source", "المصدر"),
    ("published", "التاريخ"),
    ("author", "الكاتب"),
    ("dateline", "المكان"),
    ("id", "المعرّف"),
    ("url", "الرابط"),
];

impl Header {
    /// A header from `(key, value)` metadata: `title` and `subtitle` become the
    /// headings, the keys of [`FIELD_NAMES`] are shown in that order under their
    /// Arabic names, other keys after them under their own name. Blank values are
    /// left out.
    ///
    /// ```
    /// use warraq::render::Header;
    /// let h = Header::from_metadata(
    ///     &[("section", "اقتصاد".to_string()), ("source", "الحياة".to_string()),
    ///       ("title", "عنوان".to_string()), ("author", " ".to_string())],
    ///     vec![],
    /// );
    /// assert_eq!(h.title.as_deref(), Some("عنوان"));
    /// assert_eq!(h.fields, vec![("المصدر".to_string(), "الحياة".to_string()),
    ///                           ("section".to_string(), "اقتصاد".to_string())]);
    /// ```
    pub fn from_metadata<K: AsRef<str>>(items: &[(K, String)], tags: Vec<String>) -> Self {
        let mut header = Header {
            tags,
            ..Header::default()
        };
        let value = |key: &str| {
            items
                .iter()
                .find(|(k, v)| k.as_ref() == key && !v.trim().is_empty())
                .map(|(_, v)| v.clone())
        };
        header.title = value("title");
        header.subtitle = value("subtitle");
        for (key, name) in FIELD_NAMES {
            if let Some(v) = value(key) {
                header.fields.push((name.to_string(), v));
            }
        }
        for (key, v) in items {
            let key = key.as_ref();
            let known =
                key == "title" || key == "subtitle" || FIELD_NAMES.iter().any(|(k, _)| *k == key);
            if !known && !v.trim().is_empty() {
                header.fields.push((key.to_string(), v.clone()));
            }
        }
        header
    }

    /// The header of a parsed document: title, subtitle, source, publication date,
    /// author, dateline, id, URL and tags (whichever are known).
    pub fn from_document(doc: &Document) -> Self {
        let items: Vec<(&str, String)> = [
            ("title", doc.title.clone()),
            ("subtitle", doc.subtitle.clone()),
            ("source", doc.source.clone()),
            ("published", doc.published.map(format_published)),
            ("author", doc.author.clone()),
            ("dateline", doc.dateline.clone()),
            ("id", doc.id.clone()),
            ("url", doc.url.clone()),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
        Header::from_metadata(&items, doc.tags.clone())
    }

    fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.subtitle.is_none()
            && self.fields.is_empty()
            && self.tags.is_empty()
    }
}

/// A publication date as shown: `2016-05-03 08:52`, or `2016-05-03` without a time.
///
/// ```
/// use warraq::document::Published;
/// use warraq::render::format_published;
/// let p = Published::DateTime("2016-05-03T08:52:00".parse().unwrap());
/// assert_eq!(format_published(p), "2016-05-03 08:52");
/// ```
pub fn format_published(p: Published) -> String {
    match p {
        Published::DateTime(dt) => dt.format("%Y-%m-%d %H:%M").to_string(),
        Published::Date(d) => d.format("%Y-%m-%d").to_string(),
    }
}

/// Appends `s` to `out` with `& < > " '` escaped, so it is inert both as element
/// content and inside a quoted attribute.
///
/// ```
/// let mut out = String::new();
/// warraq::render::escape_into("<script>alert('x')</script> & «نص»", &mut out);
/// assert_eq!(out, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; «نص»");
/// ```
pub fn escape_into(s: &str, out: &mut String) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `s` with HTML's special characters escaped (see [`escape_into`]).
///
/// ```
/// assert_eq!(warraq::render::escape("a<b"), "a&lt;b");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(s, &mut out);
    out
}

/// Background colour of a label's marks: fixed for warraq's labels (and spaCy's
/// common short forms), and for any other label one of a palette chosen by a hash of
/// the label, so it is stable across calls and runs.
///
/// ```
/// use warraq::render::label_colour;
/// assert_eq!(label_colour("PERSON"), label_colour("PER"));
/// assert_ne!(label_colour("PERSON"), label_colour("LOCATION"));
/// assert_eq!(label_colour("MY_LABEL"), label_colour("MY_LABEL"));
/// ```
pub fn label_colour(label: &str) -> &'static str {
    match label {
        "PERSON" | "PER" | "PERS" => "#ffc9a8",
        "LOCATION" | "LOC" | "GPE" => "#b8e6b0",
        "ORGANIZATION" | "ORG" => "#a9cbff",
        "MISC" => "#e2d4ff",
        "DATE" => "#fff0a0",
        "TIME" => "#ffe0b8",
        "NUMBER" | "CARDINAL" => "#dcdcdc",
        "PERCENT" => "#c8f0ec",
        "MONEY" => "#d8f5a2",
        other => {
            const PALETTE: [&str; 8] = [
                "#f7c6e0", "#c6e2f7", "#f2e6b3", "#d5c6f7", "#c6f7d9", "#f7d6c6", "#e0e0b8",
                "#b8e0e0",
            ];
            // FNV-1a: stable across runs and platforms (unlike std's RandomState)
            let mut h: u32 = 0x811c_9dc5;
            for b in other.bytes() {
                h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
            }
            PALETTE[h as usize % PALETTE.len()]
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || c == '\u{200c}'
        || c == '\u{200d}'
        || c.general_category_group() == GeneralCategoryGroup::Mark
}

/// Widens `start..end` to whole words: a boundary between two word characters
/// (letters, digits, marks, joiners) moves outwards to the word's edge.
fn widen_to_words(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    while let (Some(before), Some(after)) = (
        text[..start].chars().next_back(),
        text[start..].chars().next(),
    ) {
        if !(is_word_char(before) && is_word_char(after)) {
            break;
        }
        start -= before.len_utf8();
    }
    while let (Some(before), Some(after)) =
        (text[..end].chars().next_back(), text[end..].chars().next())
    {
        if !(is_word_char(before) && is_word_char(after)) {
            break;
        }
        end += after.len_utf8();
    }
    (start, end)
}

/// Checks, widens, sorts and de-overlaps the highlights: where two overlap, the one
/// that starts first (then the longer) is kept.
fn prepare(text: &str, highlights: &[Highlight]) -> Result<Vec<(usize, usize, usize)>> {
    let mut spans = Vec::with_capacity(highlights.len());
    for (i, h) in highlights.iter().enumerate() {
        if h.start > h.end
            || h.end > text.len()
            || !text.is_char_boundary(h.start)
            || !text.is_char_boundary(h.end)
        {
            return Err(Error::InvalidOption {
                name: "highlights".into(),
                message: format!(
                    "highlight {i} ({}..{}, {}) is not a span of character boundaries of a {}-byte text",
                    h.start,
                    h.end,
                    h.label,
                    text.len()
                ),
            });
        }
        if h.start == h.end {
            continue;
        }
        let (s, e) = widen_to_words(text, h.start, h.end);
        spans.push((s, e, i));
    }
    spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut kept: Vec<(usize, usize, usize)> = Vec::with_capacity(spans.len());
    for span in spans {
        if kept.last().is_none_or(|last| span.0 >= last.1) {
            kept.push(span);
        }
    }
    Ok(kept)
}

/// Byte ranges of the paragraphs of `text`: runs separated by a blank line.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            // a newline, optional horizontal space, another newline: a paragraph break
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                out.push((start, i));
                while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r' | b'\n') {
                    j += 1;
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out.push((start, text.len()));
    out.retain(|&(s, e)| !text[s..e].trim().is_empty());
    out
}

/// Escapes `s`, turning single line breaks into `<br>`.
fn push_text(s: &str, out: &mut String) {
    let mut lines = s.split('\n');
    if let Some(first) = lines.next() {
        escape_into(first.trim_end_matches('\r'), out);
    }
    for line in lines {
        out.push_str("<br>");
        escape_into(line.trim_end_matches('\r'), out);
    }
}

const MARK_STYLE: &str = "padding:0.1em 0.35em;margin:0 0.1em;border-radius:0.35em;\
line-height:1;unicode-bidi:isolate;box-decoration-break:clone;-webkit-box-decoration-break:clone";
// margin-right, not margin-inline-start: the badge is a left-to-right isolate that
// always sits to the left of the entity text, so the gap belongs on its right
const LABEL_STYLE: &str = "unicode-bidi:isolate;direction:ltr;font-family:system-ui,sans-serif;\
font-size:0.6em;font-weight:bold;letter-spacing:0.02em;margin-right:0.45em;\
vertical-align:middle;opacity:0.75";

fn push_mark(text: &str, label: &str, out: &mut String) {
    // dir="rtl", not "auto": a mark holding only digits ("450") would resolve to
    // left-to-right under "auto" and put its badge on the wrong side; Latin words
    // inside a right-to-left isolate still read left to right
    out.push_str("<mark class=\"warraq-ent\" dir=\"rtl\" data-label=\"");
    escape_into(label, out);
    out.push_str("\" style=\"background:");
    out.push_str(label_colour(label));
    out.push(';');
    out.push_str(MARK_STYLE);
    out.push_str("\">");
    push_text(text, out);
    out.push_str("<span class=\"warraq-label\" dir=\"ltr\" style=\"");
    out.push_str(LABEL_STYLE);
    out.push_str("\">");
    escape_into(label, out);
    out.push_str("</span></mark>");
}

fn push_header(header: &Header, out: &mut String) {
    if header.is_empty() {
        return;
    }
    out.push_str(
        "<header class=\"warraq-header\" style=\"border-bottom:1px solid #ccc;margin-bottom:0.6em;padding-bottom:0.4em\">",
    );
    if let Some(title) = &header.title {
        out.push_str("<div class=\"warraq-title\" style=\"font-size:1.3em;font-weight:bold;line-height:1.5\">");
        escape_into(title, out);
        out.push_str("</div>");
    }
    if let Some(subtitle) = &header.subtitle {
        out.push_str(
            "<div class=\"warraq-subtitle\" style=\"font-size:1.05em;color:#444;line-height:1.5\">",
        );
        escape_into(subtitle, out);
        out.push_str("</div>");
    }
    if !header.fields.is_empty() {
        out.push_str(
            "<div class=\"warraq-meta\" style=\"font-size:0.85em;color:#555;line-height:1.8\">",
        );
        for (i, (name, value)) in header.fields.iter().enumerate() {
            if i > 0 {
                out.push_str(" · ");
            }
            out.push_str("<span class=\"warraq-field\">");
            escape_into(name, out);
            // <bdi>: a Latin id, a URL or a date keeps its own direction without
            // dragging the separators around it
            out.push_str(": <bdi>");
            escape_into(value, out);
            out.push_str("</bdi></span>");
        }
        out.push_str("</div>");
    }
    if !header.tags.is_empty() {
        out.push_str("<div class=\"warraq-tags\" style=\"font-size:0.8em;line-height:2\">");
        for tag in &header.tags {
            out.push_str(
                "<bdi class=\"warraq-tag\" style=\"background:#eee;border-radius:0.8em;padding:0.05em 0.6em;margin-inline-end:0.3em\">",
            );
            escape_into(tag, out);
            out.push_str("</bdi>");
        }
        out.push_str("</div>");
    }
    out.push_str("</header>");
}

/// The opening tag every fragment starts with: right to left, Arabic, with an
/// Arabic-capable font stack.
fn push_open(out: &mut String) {
    out.push_str("<div class=\"warraq-doc\" dir=\"rtl\" lang=\"ar\" style=\"direction:rtl;text-align:right;unicode-bidi:isolate;font-family:");
    out.push_str(ARABIC_FONTS);
    out.push_str(";font-size:1.05em;line-height:2.2;max-width:60em\">");
}

/// An HTML fragment and what it highlights.
///
/// ```
/// use warraq::render::{render, Header, Highlight};
/// // overlapping spans: the first (then the longer) is kept
/// let r = render(&Header::default(), "زار دمشق", &[Highlight::new(7, 15, "LOC"), Highlight::new(9, 15, "X")]).unwrap();
/// assert_eq!(r.labels, [("LOC".to_string(), 1)]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The fragment.
    pub html: String,
    /// How many marks each label got, in the order the labels first appear: the
    /// highlights left after overlaps were resolved, a span cut at a paragraph
    /// break counting once per paragraph.
    pub labels: Vec<(String, usize)>,
}

impl Rendered {
    fn count(&mut self, label: &str) {
        match self.labels.iter_mut().find(|(l, _)| l == label) {
            Some((_, n)) => *n += 1,
            None => self.labels.push((label.to_string(), 1)),
        }
    }
}

/// An HTML fragment showing `header` and `text` with `highlights` marked.
///
/// `text` is split into paragraphs at blank lines (single line breaks become
/// `<br>`); a highlight crossing a paragraph break is cut there. A highlight whose
/// offsets are not character boundaries of `text` is an [`Error::InvalidOption`].
///
/// ```
/// use warraq::render::{render, Header, Highlight};
/// let html = render(&Header::default(), "<b>نص</b>\n\nفقرة", &[]).unwrap().html;
/// assert!(html.contains("<p style=\"margin:0 0 0.8em 0\">&lt;b&gt;نص&lt;/b&gt;</p>"));
/// assert_eq!(html.matches("<p ").count(), 2);
/// // a span inside a word is widened to the word: «بدمشق», not «دمشق»
/// let html = render(&Header::default(), "زار بدمشق", &[Highlight::new(9, 17, "LOC")]).unwrap().html;
/// assert!(html.contains("\">بدمشق<span"));
/// ```
pub fn render(header: &Header, text: &str, highlights: &[Highlight]) -> Result<Rendered> {
    let spans = prepare(text, highlights)?;
    let mut rendered = Rendered::default();
    let mut out = String::with_capacity(text.len() * 2 + 512 + spans.len() * 400);
    push_open(&mut out);
    push_header(header, &mut out);
    out.push_str("<div class=\"warraq-body\">");
    let mut next = 0; // index into spans
    for (p_start, p_end) in paragraphs(text) {
        out.push_str("<p style=\"margin:0 0 0.8em 0\">");
        let mut pos = p_start;
        while next < spans.len() && spans[next].1 <= p_start {
            next += 1;
        }
        let mut k = next;
        while k < spans.len() && spans[k].0 < p_end {
            let (s, e, i) = spans[k];
            let (s, e) = (s.max(p_start), e.min(p_end));
            push_text(&text[pos..s], &mut out);
            push_mark(&text[s..e], &highlights[i].label, &mut out);
            rendered.count(&highlights[i].label);
            pos = e;
            k += 1;
        }
        push_text(&text[pos..p_end], &mut out);
        out.push_str("</p>");
    }
    out.push_str("</div></div>");
    rendered.html = out;
    Ok(rendered)
}

/// A parsed document with its entities (found in `doc.body`, byte offsets as the
/// core returns them) highlighted, under a header of its metadata.
///
/// ```
/// use warraq::document::parse_document;
/// use warraq::entities::extract_entities;
/// use warraq::render::document_html;
/// let doc = parse_document("زيارة\n\nزار الوزير دمشق أمس.", None);
/// let ents = extract_entities(&doc.body, None);
/// let r = document_html(&doc, &ents).unwrap();
/// assert!(r.html.contains("data-label=\"LOCATION\""));
/// assert!(r.html.contains("warraq-title"));
/// // «أمس» is a DATE even without a publication date (its value is then XXXX-XX-XX)
/// assert_eq!(r.labels, [("LOCATION".to_string(), 1), ("DATE".to_string(), 1)]);
/// ```
pub fn document_html(doc: &Document, entities: &[Entity]) -> Result<Rendered> {
    let highlights: Vec<Highlight> = entities.iter().map(Highlight::from).collect();
    render(&Header::from_document(doc), &doc.body, &highlights)
}

/// [`render`] with spans in code-point offsets (Python string indices), as
/// `(start, end, label)`: what the Python binding calls. A span that does not fit
/// the text is an [`Error::InvalidOption`] naming it.
///
/// ```
/// use warraq::render::{render_char_spans, Header};
/// let r = render_char_spans(&Header::default(), "زار دمشق", &[(4, 8, "LOCATION".into())]).unwrap();
/// assert!(r.html.contains(">دمشق<span"));
/// assert!(render_char_spans(&Header::default(), "زار", &[(2, 9, "X".into())]).is_err());
/// ```
pub fn render_char_spans(
    header: &Header,
    text: &str,
    spans: &[(usize, usize, String)],
) -> Result<Rendered> {
    render(header, text, &Highlight::from_char_spans(text, spans)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, word: &str) -> (usize, usize) {
        let s = text.find(word).unwrap();
        (s, s + word.len())
    }

    #[test]
    fn escapes_everything_it_prints() {
        let text = "قال <script>alert(1)</script> & \"هنا\"";
        let (s, e) = at(text, "<script>");
        let header = Header {
            title: Some("<img src=x onerror=alert(1)>".into()),
            fields: vec![("<x>".into(), "'y'".into())],
            tags: vec!["<t>".into()],
            ..Header::default()
        };
        let html = render(&header, text, &[Highlight::new(s, e, "<L\">")])
            .unwrap()
            .html;
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("<t>"));
        assert!(html.contains("&lt;script&gt;<span class=\"warraq-label\""));
        assert!(html.contains("alert(1)&lt;/script&gt; &amp; &quot;هنا&quot;"));
        assert!(html.contains("data-label=\"&lt;L&quot;&gt;\""));
    }

    #[test]
    fn overlapping_spans_keep_the_first_and_longer() {
        let text = "زار الرئيس محمد علي القاهرة";
        let (a, b) = at(text, "محمد علي");
        let (c, d) = at(text, "علي القاهرة");
        let (e, f) = at(text, "القاهرة");
        let hs = [
            Highlight::new(c, d, "X"),
            Highlight::new(a, b, "PERSON"),
            Highlight::new(e, f, "LOCATION"),
        ];
        let rendered = render(&Header::default(), text, &hs).unwrap();
        assert_eq!(
            rendered.labels,
            [("PERSON".to_string(), 1), ("LOCATION".to_string(), 1)]
        );
        let html = rendered.html;
        assert_eq!(html.matches("<mark").count(), 2);
        assert!(html.contains(">محمد علي<span"));
        assert!(html.contains(">القاهرة<span"));
    }

    #[test]
    fn spans_are_cut_at_paragraph_breaks_and_empty_ones_dropped() {
        let text = "سطر أول\nسطر ثان\n\n\nفقرة ثانية";
        let rendered = render(
            &Header::default(),
            text,
            &[
                Highlight::new(0, text.len(), "MISC"),
                Highlight::new(2, 2, "X"),
            ],
        )
        .unwrap();
        // One mark per paragraph the span crosses; the empty span shows nothing.
        assert_eq!(rendered.labels, [("MISC".to_string(), 2)]);
        let html = rendered.html;
        assert_eq!(html.matches("<p ").count(), 2);
        assert_eq!(html.matches("<mark").count(), 2);
        assert!(html.contains("سطر أول<br>سطر ثان<span"));
    }

    #[test]
    fn bad_spans_are_errors_not_panics() {
        let text = "دمشق";
        for h in [
            Highlight::new(0, 99, "X"),
            Highlight::new(1, 4, "X"),
            Highlight::new(4, 2, "X"),
        ] {
            let err = render(&Header::default(), text, &[h]).unwrap_err();
            assert!(matches!(err, Error::InvalidOption { .. }), "{err}");
        }
    }

    #[test]
    fn widening_stops_at_punctuation_and_space() {
        let text = "«دمشق»، وحلب";
        let (s, e) = at(text, "دمشق");
        assert_eq!(widen_to_words(text, s, e), (s, e));
        let (s, e) = at(text, "حلب");
        assert_eq!(&text[widen_to_words(text, s, e).0..e], "وحلب");
    }

    /// The visible text of a fragment: badges dropped, tags stripped, entities
    /// decoded.
    fn visible(html: &str) -> String {
        let badges = regex::Regex::new(r#"<span class="warraq-label"[^>]*>[^<]*</span>"#).unwrap();
        let tags = regex::Regex::new(r"<[^>]*>").unwrap();
        let text = tags
            .replace_all(&badges.replace_all(html, ""), "")
            .into_owned();
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    proptest::proptest! {
        // Whatever the text and spans, the fragment shows exactly the text (up to
        // whitespace, which paragraphs and <br> re-express): nothing is lost, nothing
        // is read as markup.
        #[test]
        fn shows_exactly_the_text(
            text in "[<>&\"' a-zابتدلمنوية،.\n\u{064e}\u{0651}]{0,60}",
            raw_spans in proptest::collection::vec((0usize..70, 0usize..70, "[A-Z<&\"]{1,5}"), 0..6),
        ) {
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let spans: Vec<Highlight> = raw_spans
                .into_iter()
                .map(|(a, b, label)| {
                    let (a, b) = (boundaries[a % boundaries.len()], boundaries[b % boundaries.len()]);
                    Highlight::new(a.min(b), a.max(b), label)
                })
                .collect();
            let rendered = render(&Header::default(), &text, &spans).unwrap();
            let marks: usize = rendered.labels.iter().map(|(_, n)| n).sum();
            let html = rendered.html;
            proptest::prop_assert_eq!(html.matches("<mark").count(), marks);
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            proptest::prop_assert_eq!(strip(&visible(&html)), strip(&text));
            proptest::prop_assert_eq!(html.matches("<mark").count(), html.matches("</mark>").count());
        }
    }

    #[test]
    fn empty_header_prints_nothing() {
        let html = render(&Header::default(), "", &[]).unwrap().html;
        assert!(!html.contains("<header"));
        assert!(html.ends_with("<div class=\"warraq-body\"></div></div>"));
    }
}
