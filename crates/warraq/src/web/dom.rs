//! The page as a DOM tree, and the questions the extractor and the metadata
//! readers ask of its elements.
//!
//! The parser is [html5ever](https://github.com/servo/html5ever) (Servo's HTML5
//! parser) through the `scraper` crate, which builds an `ego-tree` arena and adds
//! CSS selectors. Chosen for robustness first: html5ever implements the WHATWG
//! tree-construction algorithm, so the misnested, unclosed and half-XHTML markup
//! of real news sites (ASP.NET forms around the whole page, `<p>` inside `<span>`,
//! stray `</div>`s) becomes the same tree a browser builds, and it never fails on
//! any input. `tl` is faster but is not a conforming parser (it keeps misnested
//! markup as written and has had no release since 2022); `lol_html` streams and
//! rewrites without building a tree, and a content-scoring extractor needs one.
//! The tree is walked without recursion ([`ego_tree::iter::Edge`]), so deeply
//! nested input cannot overflow the stack, and nesting deeper than
//! [`MAX_DEPTH`] is flattened before parsing ([`super::depth`]: html5ever's time
//! grows with the square of the depth).

use super::depth::{cap_nesting, Flattened, MAX_DEPTH};
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

/// Parses a whole page (never fails: html5ever recovers from any markup), its
/// nesting capped at [`MAX_DEPTH`].
pub(crate) fn parse(text: &str) -> Html {
    parse_capped(text).0
}

/// [`parse`], and what the cap flattened (`None` for every ordinary page).
pub(crate) fn parse_capped(text: &str) -> (Html, Option<Flattened>) {
    let (capped, flattened) = cap_nesting(text, MAX_DEPTH);
    (Html::parse_document(&capped), flattened)
}

/// Elements whose content is never text of the page.
pub(crate) fn is_invisible(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "select"
            | "option"
            | "textarea"
            | "button"
            | "input"
            | "head"
            | "meta"
            | "link"
    )
}

/// Elements that start a new block of text (everything else is inline).
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dd"
            | "dt"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "table"
            | "tbody"
            | "thead"
            | "tr"
            | "td"
            | "th"
            | "figure"
            | "figcaption"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "form"
            | "fieldset"
            | "center"
            | "address"
            | "hr"
            | "br"
            | "body"
            | "html"
    )
}

/// The element's `class` and `id` together, lowercased, for the pattern tests.
pub(crate) fn class_and_id(el: &Element) -> String {
    let mut s = String::new();
    if let Some(c) = el.attr("class") {
        s.push_str(c);
    }
    if let Some(i) = el.id() {
        s.push(' ');
        s.push_str(i);
    }
    s.make_ascii_lowercase();
    s
}

/// Appends `text` to `out` with runs of whitespace collapsed to one space
/// (and no space at the start of `out`).
pub(crate) fn push_collapsed(out: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        if (i > 0 || text.starts_with(char::is_whitespace))
            && !out.is_empty()
            && !out.ends_with(' ')
        {
            out.push(' ');
        }
        out.push_str(word);
    }
    if text.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// The visible text of an element, whitespace collapsed and trimmed.
pub(crate) fn text_of(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut hidden = 0usize;
    for edge in el.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(e) if is_invisible(e.name()) => hidden += 1,
                Node::Element(e) if hidden == 0 && is_block(e.name()) => {
                    push_collapsed(&mut out, " ");
                }
                Node::Text(t) if hidden == 0 => push_collapsed(&mut out, t),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if is_invisible(e.name()) {
                        hidden -= 1;
                    }
                }
            }
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapsed_text() {
        let html =
            parse("<div id=a> قال <b>الوزير</b>\n إن <script>x()</script><p>المشروع</p></div>");
        let sel = scraper::Selector::parse("#a").unwrap();
        let el = html.select(&sel).next().unwrap();
        assert_eq!(text_of(el), "قال الوزير إن المشروع");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // Deep enough for a recursive walk to need a large stack (capped at
        // MAX_DEPTH before html5ever, whose time is quadratic in the depth).
        let page = "<div>".repeat(3_000) + "نص";
        let (html, flattened) = parse_capped(&page);
        assert_eq!(text_of(html.root_element()), "نص");
        assert_eq!(flattened.unwrap().tags, 3_000 - MAX_DEPTH);
    }

    #[test]
    fn nesting_at_the_cap_is_kept() {
        // The tree keeps every level up to the cap, and the text of deeper ones.
        let page = "<div>".repeat(MAX_DEPTH) + "أ" + &"<span>".repeat(100) + "ب";
        let (html, flattened) = parse_capped(&page);
        assert_eq!(text_of(html.root_element()), "أب");
        let divs = scraper::Selector::parse("div").unwrap();
        assert_eq!(html.select(&divs).count(), MAX_DEPTH);
        let spans = scraper::Selector::parse("span").unwrap();
        assert_eq!(html.select(&spans).count(), 0);
        assert_eq!(flattened.unwrap().first_offset, MAX_DEPTH * 5 + "أ".len());
    }
}
