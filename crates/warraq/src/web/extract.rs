//! The main content of a page: a content-scoring extractor over the DOM.
//!
//! 1. **Blocks.** One walk over the tree (no recursion) cuts the visible text
//!    into blocks at block-level elements and `<br>`, each with its length, the
//!    share of it inside links, and the innermost block element that holds it (its
//!    *owner*). Invisible elements (scripts, styles, forms' controls) and the
//!    page's furniture are not walked into: `<nav>`, `<header>`, `<footer>`,
//!    `<aside>`, and elements whose class or id names a widget (comments, share
//!    buttons, related and most-read lists, menus, tickers, ads…) unless it also
//!    names content (`article`, `content`, `story`, `body`…).
//! 2. **Scores.** Every paragraph-like block (25 characters or more) scores, as
//!    in Readability, one point plus its commas and full stops (Arabic «،» and «.»
//!    alike, at most three) plus one per hundred characters (at most three), one
//!    more when Arabic function words («في», «من», «على», «أن»…) make up a twelfth
//!    of its words (running prose, not a list of headlines), all times one minus
//!    its link density. The score goes to the block's container and half of it to
//!    the container's parent. A container's total is multiplied by one minus the
//!    link density of all its text, and its class/id adds or takes 25; `<article>`
//!    adds 10 and `itemprop="articleBody"` 50.
//! 3. **Selection.** The best container, and those of its siblings that score at
//!    least a fifth of it, are the article (a page without any paragraph to score
//!    keeps every block that is not mostly links); their blocks are kept in page order
//!    unless links make up half of one (a list of links inside the article). The
//!    text-level cleaning of the document stage then runs on what is kept.

use super::dom::{class_and_id, is_block, is_invisible, push_collapsed};
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use rustc_hash::FxHashMap;
use scraper::node::Element;
use scraper::{Html, Node};

/// A run of text between block boundaries.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// The text, whitespace collapsed and trimmed.
    pub text: String,
    /// Characters of the text.
    pub chars: usize,
    /// Characters of it inside `<a>`.
    pub link_chars: usize,
    /// The innermost block element holding it.
    pub owner: NodeId,
    /// The owner is a heading (`h1`…`h6`).
    pub heading: bool,
}

impl Block {
    fn link_density(&self) -> f32 {
        self.link_chars as f32 / self.chars.max(1) as f32
    }
}

/// Class/id words of page furniture (matched as prefixes of the words of a class
/// or id, split on `-`, `_`, spaces and digits).
const NEGATIVE: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "footer",
    "nav",
    "menu",
    "sidebar",
    "breadcrumb",
    "widget",
    "advert",
    "banner",
    "newsletter",
    "subscribe",
    "popular",
    "mostread",
    "mostviewed",
    "trending",
    "cookie",
    "modal",
    "popup",
    "login",
    "ticker",
    "marquee",
    "recommend",
    "outbrain",
    "taboola",
    "promo",
    "sponsor",
    "follow",
    "rss",
    "masthead",
    "copyright",
];
/// Whole class/id words of page furniture (too short to match as prefixes).
const NEGATIVE_WORDS: &[&str] = &["ad", "ads", "tags", "tag", "more", "also", "links", "top"];
/// Class/id words of content.
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "text", "story", "detail", "news",
];

fn class_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
}

/// `+1` for a class/id that names content, `-1` for one that names furniture
/// (content wins when it names both), `0` otherwise.
fn class_weight(el: &Element) -> i32 {
    let names = class_and_id(el);
    if names.is_empty() {
        return 0;
    }
    let positive = class_words(&names).any(|w| POSITIVE.iter().any(|p| w.starts_with(p)));
    let negative = class_words(&names)
        .any(|w| NEGATIVE.iter().any(|n| w.starts_with(n)) || NEGATIVE_WORDS.contains(&w));
    match (positive, negative) {
        (true, _) => 1,
        (false, true) => -1,
        _ => 0,
    }
}

fn is_article_body(el: &Element) -> bool {
    el.attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
}

/// Furniture: skipped with all it holds.
fn is_furniture(el: &Element) -> bool {
    match el.name() {
        "nav" | "header" | "footer" | "aside" => !is_article_body(el),
        "body" | "html" | "article" | "main" => false,
        _ => class_weight(el) < 0 && !is_article_body(el),
    }
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The blocks of the page's visible text, in page order (see the module docs).
pub(crate) fn blocks(html: &Html) -> Vec<Block> {
    struct Open {
        id: NodeId,
        block: bool,
        heading: bool,
    }
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut skipped = 0usize;
    let mut links = 0usize;
    let mut buf = String::new();
    let mut buf_links = 0usize;
    let root = html.tree.root();
    let flush = |buf: &mut String, buf_links: &mut usize, stack: &[Open], out: &mut Vec<Block>| {
        let text = buf.trim();
        if !text.is_empty() {
            if let Some(owner) = stack.iter().rev().find(|o| o.block) {
                let chars = text.chars().count();
                out.push(Block {
                    text: text.to_string(),
                    chars,
                    link_chars: (*buf_links).min(chars),
                    owner: owner.id,
                    heading: owner.heading,
                });
            }
        }
        buf.clear();
        *buf_links = 0;
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skipped > 0 || is_invisible(name) || is_furniture(el) {
                        skipped += 1;
                        continue;
                    }
                    let block = is_block(name);
                    if block {
                        flush(&mut buf, &mut buf_links, &stack, &mut out);
                    }
                    if name == "a" {
                        links += 1;
                    }
                    stack.push(Open {
                        id: node.id(),
                        block,
                        heading: is_heading(name),
                    });
                }
                Node::Text(t) if skipped == 0 => {
                    let before = buf.chars().count();
                    push_collapsed(&mut buf, t);
                    if links > 0 {
                        buf_links += buf.chars().count() - before;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skipped > 0 {
                        skipped -= 1;
                        continue;
                    }
                    if is_block(el.name()) {
                        flush(&mut buf, &mut buf_links, &stack, &mut out);
                    }
                    if el.name() == "a" {
                        links = links.saturating_sub(1);
                    }
                    stack.pop();
                }
            }
        }
    }
    flush(&mut buf, &mut buf_links, &stack, &mut out);
    out
}

/// Words that make up much of running Arabic prose and little of menus and
/// headline lists.
const FUNCTION_WORDS: &[&str] = &[
    "في",
    "من",
    "على",
    "إلى",
    "الى",
    "أن",
    "ان",
    "إن",
    "عن",
    "مع",
    "التي",
    "الذي",
    "الذين",
    "هذا",
    "هذه",
    "كان",
    "كانت",
    "بين",
    "بعد",
    "قبل",
    "حيث",
    "كما",
    "وقال",
    "قال",
    "وأضاف",
    "أو",
    "ما",
    "لا",
    "حول",
    "خلال",
    "منذ",
    "عند",
];

fn block_score(b: &Block) -> f32 {
    let punct = b
        .text
        .chars()
        .filter(|c| matches!(c, '،' | ',' | '.' | '؛' | '؟'))
        .count()
        .min(3);
    let words = b.text.split_whitespace().count().max(1);
    let function = b
        .text
        .split_whitespace()
        .filter(|w| FUNCTION_WORDS.contains(w))
        .count();
    let prose = if function * 12 >= words { 1.0 } else { 0.0 };
    let length = (b.chars as f32 / 100.0).min(3.0);
    (1.0 + punct as f32 + length + prose) * (1.0 - b.link_density())
}

/// Elements that hold their text directly (a `<div>` with `<br>`s) rather than
/// through paragraphs.
fn is_container(name: &str) -> bool {
    matches!(
        name,
        "div" | "section" | "article" | "main" | "td" | "body" | "form" | "center" | "blockquote"
    )
}

fn element(html: &Html, id: NodeId) -> Option<(&Element, Option<NodeId>)> {
    let node = html.tree.get(id)?;
    Some((node.value().as_element()?, node.parent().map(|p| p.id())))
}

/// The paragraphs of the page's main content, in page order (see the module docs).
#[cfg(test)]
pub(crate) fn main_content(html: &Html) -> Vec<String> {
    let blocks = blocks(html);
    select(html, &blocks)
        .into_iter()
        .map(|i| blocks[i].text.clone())
        .collect()
}

/// The indices of the blocks of the main content.
pub(crate) fn select(html: &Html, blocks: &[Block]) -> Vec<usize> {
    let mut score: FxHashMap<NodeId, f32> = FxHashMap::default();
    // What each block's own container scored, and the container of each block.
    let mut direct: FxHashMap<NodeId, f32> = FxHashMap::default();
    let mut container_of: Vec<Option<NodeId>> = vec![None; blocks.len()];
    // Characters and link characters under each element.
    let mut totals: FxHashMap<NodeId, (usize, usize)> = FxHashMap::default();
    for (i, b) in blocks.iter().enumerate() {
        let mut at = Some(b.owner);
        while let Some(id) = at {
            let t = totals.entry(id).or_default();
            t.0 += b.chars;
            t.1 += b.link_chars;
            at = html.tree.get(id).and_then(|n| n.parent()).map(|p| p.id());
        }
        if b.chars < 25 || b.heading {
            continue;
        }
        let s = block_score(b);
        let Some((owner, parent)) = element(html, b.owner) else {
            continue;
        };
        let (container, up) = if is_container(owner.name()) {
            (Some(b.owner), parent)
        } else {
            (
                parent,
                parent.and_then(|p| element(html, p)).and_then(|e| e.1),
            )
        };
        if let Some(c) = container {
            *score.entry(c).or_default() += s;
            *direct.entry(c).or_default() += s;
            container_of[i] = Some(c);
        }
        if let Some(u) = up {
            *score.entry(u).or_default() += s / 2.0;
        }
    }
    let finals: FxHashMap<NodeId, f32> = score
        .iter()
        .filter_map(|(&id, &s)| {
            let (el, _) = element(html, id)?;
            let (chars, link) = totals.get(&id).copied().unwrap_or((1, 0));
            let density = link as f32 / chars.max(1) as f32;
            let mut f = s * (1.0 - density) + 25.0 * class_weight(el) as f32;
            if el.name() == "article" {
                f += 10.0;
            }
            if is_article_body(el) {
                f += 50.0;
            }
            Some((id, f))
        })
        .collect();
    let Some((&top, &top_score)) = finals
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
    else {
        // No paragraph long enough to score (a short page or a fragment): every
        // block that is not mostly links.
        return (0..blocks.len())
            .filter(|&i| blocks[i].link_density() < 0.5)
            .collect();
    };
    let mut roots = vec![top];
    if let Some(parent) = html.tree.get(top).and_then(|n| n.parent()) {
        let bar = (top_score * 0.2).max(10.0);
        for sibling in parent.children() {
            if sibling.id() != top && finals.get(&sibling.id()).is_some_and(|&s| s >= bar) {
                roots.push(sibling.id());
            }
        }
    }
    let inside = |mut id: NodeId| loop {
        if roots.contains(&id) {
            return true;
        }
        match html.tree.get(id).and_then(|n| n.parent()) {
            Some(p) => id = p.id(),
            None => return false,
        }
    };
    let mut kept: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.link_density() < 0.5 && inside(b.owner))
        .map(|(i, _)| i)
        .collect();
    // After the article's text, a container whose paragraphs score under a quarter
    // of the best container's is a notice or a widget (a comment policy under the
    // story), when the best holds the article (three paragraphs or more).
    let mut count: FxHashMap<NodeId, usize> = FxHashMap::default();
    for &i in &kept {
        if let Some(c) = container_of[i] {
            *count.entry(c).or_default() += 1;
        }
    }
    let best = kept
        .iter()
        .filter_map(|&i| container_of[i])
        .max_by(|a, b| direct[a].total_cmp(&direct[b]));
    if let Some(best) = best.filter(|b| count[b] >= 3) {
        let last = kept
            .iter()
            .rposition(|&i| container_of[i] == Some(best))
            .unwrap_or(kept.len());
        let bar = direct[&best] * 0.25;
        let mut at = 0;
        kept.retain(|&i| {
            at += 1;
            at <= last + 1 || container_of[i].is_none_or(|c| direct[&c] >= bar)
        });
    }
    // Short lines before the first paragraph (reading times, labels, counters).
    let first = kept
        .iter()
        .position(|&i| blocks[i].chars >= 25 || blocks[i].heading)
        .unwrap_or(kept.len());
    kept.drain(..first);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::dom::parse;

    const PAGE: &str = r##"<html><body>
<nav><a href="/">الرئيسية</a> <a href="/s">سياسة</a></nav>
<div class="sidebar"><p>الأكثر قراءة: خبر آخر عن موضوع آخر لا علاقة له بالخبر هنا.</p></div>
<div class="story">
  <h1>عنوان الخبر</h1>
  <p>قال وزير النقل إن المشروع الجديد سيبدأ في العاصمة خلال الشهر المقبل، وإنه سيخدم آلاف المواطنين.</p>
  <p>وأضاف أن الوزارة انتهت من الدراسات اللازمة، وأن <a href="/t">التمويل</a> متوفر من الموازنة العامة.</p>
  <ul class="related"><li><a href="/1">خبر ذو صلة أول بعنوان طويل نوعا ما هنا</a></li></ul>
  <div class="share"><a href="#">فيسبوك</a> <a href="#">تويتر</a></div>
</div>
<footer><p>جميع الحقوق محفوظة للموقع الإخباري الذي لا وجود له في الحقيقة.</p></footer>
</body></html>"##;

    #[test]
    fn keeps_the_story_and_drops_the_furniture() {
        let html = parse(PAGE);
        let kept = main_content(&html);
        assert_eq!(kept.len(), 3, "{kept:?}");
        assert_eq!(kept[0], "عنوان الخبر");
        assert!(kept[1].starts_with("قال وزير النقل"));
        assert!(kept[2].contains("التمويل متوفر"));
    }

    #[test]
    fn link_share_is_counted() {
        let html = parse("<p>نص <a href=x>رابط</a></p>");
        let b = blocks(&html);
        assert_eq!(b.len(), 1);
        assert_eq!((b[0].chars, b[0].link_chars), (7, 4));
    }

    #[test]
    fn no_text_no_content() {
        assert!(main_content(&parse("<html><body><img src=x></body></html>")).is_empty());
        assert_eq!(
            main_content(&parse("<p>نص.</p><p><a href=x>رابط</a></p>")),
            ["نص."]
        );
    }
}
