//! A cap on element nesting before the page reaches html5ever.
//!
//! html5ever's tree builder looks through the stack of open elements for most tags
//! it sees («is there a `<p>` in button scope?», «which formatting elements are
//! open?»), so its time grows with the square of the nesting depth: a page of
//! 50,000 nested `<div>`s took over three minutes. Real pages nest a few dozen
//! levels. Like Blink, which attaches elements deeper than 512 levels to their
//! ancestor at level 512, [`cap_nesting`] keeps the page as it is up to
//! [`MAX_DEPTH`] and drops the start and end tags of elements deeper than that:
//! their text stays, in order, inside the element at the cap.
//!
//! The scan is one pass over the bytes with a tokenizer's view of the markup
//! (comments, quoted attribute values, the raw text of `<script>`/`<style>`),
//! counting the elements that nest: void elements (`<br>`, `<img>` …) and those
//! whose end tag is optional and implied by the next sibling (`<p>`, `<li>`, `<td>`
//! …) are not counted, so a page of unclosed paragraphs is not taken for a deep one.

use std::borrow::Cow;
use std::collections::HashMap;

/// Elements nested deeper than this are flattened (Blink's limit).
pub const MAX_DEPTH: usize = 512;

/// What [`cap_nesting`] did to a page nested deeper than its cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flattened {
    /// Start tags dropped (elements deeper than the cap).
    pub tags: usize,
    /// Byte offset (in the decoded text) of the first start tag dropped.
    pub first_offset: usize,
    /// The same place as a code-point index (what reaches Python).
    pub first_char: usize,
}

/// Elements that never have content.
fn is_void(name: &[u8]) -> bool {
    const VOID: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"keygen",
        b"frame",
        b"basefont",
        b"bgsound",
    ];
    VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// Elements whose end tag the next sibling implies (and the document's own
/// `html`/`head`/`body`): they do not nest as written.
fn is_implicitly_closed(name: &[u8]) -> bool {
    const OPTIONAL: &[&[u8]] = &[
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"option",
        b"optgroup",
        b"tr",
        b"td",
        b"th",
        b"thead",
        b"tbody",
        b"tfoot",
        b"rb",
        b"rt",
        b"rp",
        b"rtc",
        b"colgroup",
        b"caption",
        b"html",
        b"head",
        b"body",
    ];
    OPTIONAL.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// Elements whose content is raw text up to their end tag (no markup inside).
fn is_raw_text(name: &[u8]) -> bool {
    const RAW: &[&[u8]] = &[
        b"script",
        b"style",
        b"textarea",
        b"title",
        b"xmp",
        b"iframe",
        b"noembed",
        b"noframes",
        b"plaintext",
    ];
    RAW.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// The end of the tag starting at `from` (just after its `>`), skipping quoted
/// attribute values; the end of the text when it is never closed.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut quote = None;
    while i < b.len() {
        match (quote, b[i]) {
            (None, b'>') => return i + 1,
            (None, q @ (b'"' | b'\'')) if b[i - 1].is_ascii_whitespace() || b[i - 1] == b'=' => {
                quote = Some(q);
            }
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// The tag name starting at `from` (ASCII letters, digits, `-`, `:`).
fn name_at(b: &[u8], from: usize) -> &[u8] {
    let len = b[from..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b':' | b'_'))
        .count();
    &b[from..from + len]
}

/// Finds `</name` (any case) at or after `from`; the text's end when absent.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(i) = memchr::memmem::find(&b[at..], b"</") {
        let start = at + i;
        let rest = &b[start + 2..];
        if rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name) {
            return start;
        }
        at = start + 2;
    }
    b.len()
}

/// `text` with the tags of elements nested deeper than `max_depth` removed, their
/// text kept in order (as Blink flattens at [`MAX_DEPTH`]: html5ever's time grows
/// with the square of the depth), borrowed when there are none; and what was
/// removed. Void elements and those whose end tag is implied (`<p>`, `<li>`, `<td>`
/// …) do not count as nesting; comments, quoted attributes and the raw text of
/// `<script>`/`<style>` are skipped as a tokenizer skips them.
///
/// ```
/// use warraq::web::cap_nesting;
/// let page = "<div><div><div>نص</div></div></div>";
/// let (capped, flattened) = cap_nesting(page, 2);
/// assert_eq!(capped, "<div><div>نص</div></div>");
/// assert_eq!(flattened.unwrap().first_offset, 10);
/// let (same, none) = cap_nesting("<p>أ<p>ب<br><div>ج</div>", 1);
/// assert!(matches!(same, std::borrow::Cow::Borrowed(_)) && none.is_none());
/// ```
pub fn cap_nesting(text: &str, max_depth: usize) -> (Cow<'_, str>, Option<Flattened>) {
    let b = text.as_bytes();
    let mut depth = 0usize;
    // Dropped start tags per element name, to drop as many of its end tags.
    let mut dropped: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut first_offset = None;
    let mut tags = 0usize;
    let mut at = 0usize;
    while let Some(i) = memchr::memchr(b'<', &b[at..]) {
        let start = at + i;
        let next = b.get(start + 1).copied().unwrap_or(0);
        if b[start..].starts_with(b"<!--") {
            at = memchr::memmem::find(&b[start + 4..], b"-->")
                .map_or(b.len(), |e| start + 4 + e + 3);
        } else if next == b'!' || next == b'?' {
            at = tag_end(b, start + 2);
        } else if next == b'/' && b.get(start + 2).is_some_and(u8::is_ascii_alphabetic) {
            let name = name_at(b, start + 2);
            let end = tag_end(b, start + 2 + name.len());
            if !is_void(name) && !is_implicitly_closed(name) {
                let lower = name.to_ascii_lowercase();
                match dropped.get_mut(&lower) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        cuts.push((start, end));
                    }
                    _ => depth = depth.saturating_sub(1),
                }
            }
            at = end;
        } else if next.is_ascii_alphabetic() {
            let name = name_at(b, start + 1);
            let end = tag_end(b, start + 1 + name.len());
            let self_closing = end >= 2 && b[end - 2] == b'/' && b[end - 1] == b'>';
            if is_raw_text(name) {
                at = find_end_tag(b, end, name);
                continue;
            }
            if !self_closing && !is_void(name) && !is_implicitly_closed(name) {
                if depth >= max_depth {
                    *dropped.entry(name.to_ascii_lowercase()).or_default() += 1;
                    first_offset.get_or_insert(start);
                    tags += 1;
                    cuts.push((start, end));
                } else {
                    depth += 1;
                }
            }
            at = end;
        } else {
            at = start + 1;
        }
    }
    let Some(first_offset) = first_offset else {
        return (Cow::Borrowed(text), None);
    };
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (s, e) in &cuts {
        out.push_str(&text[from..*s]);
        from = *e;
    }
    out.push_str(&text[from..]);
    let first_char = text[..first_offset].chars().count();
    (
        Cow::Owned(out),
        Some(Flattened {
            tags,
            first_offset,
            first_char,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_borrowed() {
        let page = "<html><body><div class=\"a>b\"><p>أ<p>ب<script>if (a<b) {'<div>'}</script>\
                    <!-- <div><div> --><ul><li>ج<li>د</ul></div></body></html>";
        let (out, flattened) = cap_nesting(page, 2);
        assert!(matches!(out, Cow::Borrowed(_)), "{out}");
        assert!(flattened.is_none());
    }

    #[test]
    fn deep_nesting_is_flattened_text_kept() {
        let page = "<div>".repeat(50_000) + "<span>نص</span>" + &"</div>".repeat(50_000);
        let (out, flattened) = cap_nesting(&page, MAX_DEPTH);
        let flattened = flattened.unwrap();
        assert_eq!(flattened.first_offset, MAX_DEPTH * "<div>".len());
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("نص"));
    }
}

/// The cost the cap removes, measured (not asserted):
/// `cargo test --release -p warraq web::depth::measure -- --ignored --nocapture`.
#[cfg(test)]
mod measure {
    use super::*;
    use std::time::Instant;

    #[test]
    #[ignore = "a measurement: prints html5ever's time by nesting depth, capped and not"]
    fn measure_nesting_cost() {
        for depth in [1_000, 5_000, 10_000, 20_000, 50_000] {
            let page = "<div>".repeat(depth) + "نص" + &"</div>".repeat(depth);
            let t = Instant::now();
            let (capped, _) = cap_nesting(&page, MAX_DEPTH);
            let capped_tree = scraper::Html::parse_document(&capped);
            let with_cap = t.elapsed();
            let uncapped = if depth <= 20_000 {
                let t = Instant::now();
                let tree = scraper::Html::parse_document(&page);
                let took = t.elapsed();
                drop(tree);
                format!("{:.2} s", took.as_secs_f64())
            } else {
                "not run".to_string()
            };
            drop(capped_tree);
            // stderr: the crate denies print_stdout (a library never writes to stdout)
            eprintln!(
                "depth {depth:>6}: capped {:.3} s, uncapped {uncapped}",
                with_cap.as_secs_f64()
            );
        }
    }
}
