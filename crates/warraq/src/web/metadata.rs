//! A page's metadata, most reliable source first: JSON-LD (schema.org
//! `NewsArticle`, `Article`, `BlogPosting`, … also inside `@graph`), OpenGraph and
//! `article:*` meta, Twitter cards, plain `<meta name=…>` (pubdate, author,
//! keywords, description), `<time datetime>`, the canonical link, `<html lang>`.
//! Dates in the URL and the visible date line are read by the caller (they need
//! the extracted text).
//!
//! The title is an exception to that order: OpenGraph's `og:title` comes before
//! the JSON-LD `headline`, which templates fill less carefully (LBC's carries
//! `&quot;` entities escaped twice, where the page and `og:title` have none).

use super::dom::text_of;
use super::stamp::{parse_stamp, Stamp};
use rustc_hash::FxHashMap;
use scraper::{Html, Selector};
use serde_json::Value;
use std::sync::LazyLock;

/// What the page's markup says about the article.
#[derive(Debug, Default, Clone)]
pub(crate) struct Meta {
    /// Title candidates, most reliable first (outlet names still in them).
    pub titles: Vec<String>,
    pub site_name: Option<String>,
    pub author: Option<String>,
    pub section: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    pub published: Option<Stamp>,
    pub modified: Option<Stamp>,
}

macro_rules! selector {
    ($name:ident, $css:expr) => {
        static $name: LazyLock<Selector> =
            LazyLock::new(|| Selector::parse($css).expect("a valid selector"));
    };
}
selector!(LD_JSON, r#"script[type="application/ld+json" i]"#);
// `<meta>`, and RDFa or microdata on other elements (`<span property="dc:date" content=…>`).
selector!(META, "[content]");
selector!(TITLE, "title");
selector!(H1, "h1");
selector!(CANONICAL, r#"link[rel="canonical" i][href]"#);
selector!(TIME, "time[datetime]");
selector!(HTML_LANG, "html[lang]");

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
    "Report",
    "LiveBlogPosting",
];

/// schema.org fields of the first article object in the page's JSON-LD.
#[derive(Debug, Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    keywords: Vec<String>,
    section: Option<String>,
    language: Option<String>,
    description: Option<String>,
}

fn is_article(v: &Value) -> bool {
    match v.get("@type") {
        Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
        Some(Value::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
        _ => false,
    }
}

/// The article objects in a JSON-LD value (a list, an object, `@graph`).
fn articles<'v>(v: &'v Value, out: &mut Vec<&'v Value>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| articles(i, out)),
        Value::Object(o) => {
            if is_article(v) {
                out.push(v);
            }
            if let Some(g) = o.get("@graph") {
                articles(g, out);
            }
        }
        _ => {}
    }
}

/// A name from a string, an object with `name`, or a list of either (joined).
fn name_of(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Object(o) => o.get("name").and_then(name_of)?,
        Value::Array(items) => items
            .iter()
            .filter_map(name_of)
            .collect::<Vec<_>>()
            .join("، "),
        _ => return None,
    };
    Some(s).filter(|s| !s.is_empty())
}

/// Keywords from a list or a comma-separated string.
fn split_keywords(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => split_list(s),
        Value::Array(items) => items.iter().flat_map(split_keywords).collect(),
        _ => Vec::new(),
    }
}

/// A delimited list («أ، ب, ج») as its trimmed, non-empty items.
pub(crate) fn split_list(s: &str) -> Vec<String> {
    s.split([',', '،', ';', '|'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn linked_data(html: &Html) -> LinkedData {
    let mut found = LinkedData::default();
    for script in html.select(&LD_JSON) {
        let raw: String = script.text().collect();
        // CMSs wrap JSON-LD in comments or CDATA; invalid JSON-LD is skipped.
        let raw = raw
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim()
            .trim_start_matches("//<![CDATA[")
            .trim_end_matches("//]]>");
        let Ok(value) = serde_json::from_str::<Value>(raw) else {
            continue;
        };
        let mut list = Vec::new();
        articles(&value, &mut list);
        let Some(a) = list.first() else { continue };
        let s = |k: &str| a.get(k).and_then(name_of);
        found = LinkedData {
            headline: s("headline").or_else(|| s("name")),
            published: s("datePublished").or_else(|| s("dateCreated")),
            modified: s("dateModified"),
            author: a.get("author").and_then(name_of),
            publisher: a.get("publisher").and_then(name_of),
            keywords: a.get("keywords").map(split_keywords).unwrap_or_default(),
            section: a.get("articleSection").and_then(name_of),
            language: s("inLanguage"),
            description: s("description"),
        };
        break;
    }
    found
}

/// `<meta>` values by lowercased `property`/`name`/`itemprop`, first one kept;
/// `article:tag` values all kept.
fn meta_map(html: &Html) -> (FxHashMap<String, String>, Vec<String>) {
    let mut map = FxHashMap::default();
    let mut tags = Vec::new();
    for m in html.select(&META) {
        let el = m.value();
        let Some(content) = el.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        for key in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(k) = el.attr(key) {
                let k = k.trim().to_ascii_lowercase();
                if k == "article:tag" {
                    tags.push(content.to_string());
                }
                map.entry(k).or_insert_with(|| content.to_string());
            }
        }
    }
    (map, tags)
}

/// The primary language subtag, lowercased («ar-EG», «ar_Ar» → «ar»).
pub(crate) fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() >= 2 && primary.len() <= 3 && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        .then_some(primary)
}

/// Reads the page's metadata (see the module docs).
pub(crate) fn read(html: &Html) -> Meta {
    let ld = linked_data(html);
    let (meta, article_tags) = meta_map(html);
    let m = |keys: &[&str]| keys.iter().find_map(|k| meta.get(*k).cloned());
    let mut titles = Vec::new();
    let mut push = |t: Option<String>| {
        if let Some(t) = t.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")) {
            if !t.is_empty() && !titles.contains(&t) {
                titles.push(t);
            }
        }
    };
    push(m(&["og:title"]));
    push(ld.headline.clone());
    push(m(&["twitter:title", "title", "headline"]));
    push(html.select(&H1).map(text_of).find(|t| !t.is_empty()));
    push(html.select(&TITLE).map(text_of).next());
    let date = |ld: &Option<String>, keys: &[&str]| {
        ld.as_deref().and_then(parse_stamp).or_else(|| {
            keys.iter()
                .find_map(|k| meta.get(*k).and_then(|v| parse_stamp(v)))
        })
    };
    let published = date(
        &ld.published,
        &[
            "article:published_time",
            "og:published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "publish_date",
            "date",
            "dc.date",
            "dc.date.issued",
            "sailthru.date",
            "parsely-pub-date",
        ],
    )
    .or_else(|| {
        html.select(&TIME)
            .find_map(|t| t.value().attr("datetime").and_then(parse_stamp))
    });
    let modified = date(
        &ld.modified,
        &[
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "last-modified",
        ],
    );
    let mut tags = ld.keywords;
    if tags.is_empty() {
        tags = article_tags;
    }
    if tags.is_empty() {
        tags = m(&["news_keywords", "keywords"])
            .map(|k| split_list(&k))
            .unwrap_or_default();
    }
    let language = html
        .select(&HTML_LANG)
        .find_map(|h| h.value().attr("lang").and_then(primary_language))
        .or_else(|| ld.language.as_deref().and_then(primary_language))
        .or_else(|| {
            m(&["og:locale", "content-language", "language"]).and_then(|l| primary_language(&l))
        });
    Meta {
        titles,
        site_name: m(&["og:site_name", "application-name"]).or(ld.publisher),
        author: ld
            .author
            .or_else(|| {
                m(&[
                    "author",
                    "article:author",
                    "dc.creator",
                    "byl",
                    "sailthru.author",
                ])
            })
            .filter(|a| !a.starts_with("http")),
        section: ld
            .section
            .or_else(|| m(&["article:section", "section", "category"])),
        summary: ld
            .description
            .or_else(|| m(&["og:description", "description", "twitter:description"])),
        tags,
        language,
        url: html
            .select(&CANONICAL)
            .find_map(|l| l.value().attr("href").map(str::trim).map(str::to_string))
            .filter(|u| !u.is_empty())
            .or_else(|| m(&["og:url"])),
        published,
        modified,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::dom::parse;

    #[test]
    fn json_ld_before_meta() {
        let page = r#"<html lang="ar-EG"><head>
<meta property="og:title" content="عنوان - الموقع">
<meta property="og:site_name" content="الموقع">
<meta property="article:published_time" content="2020-01-01T00:00:00Z">
<meta name="keywords" content="أ، ب">
<script type="application/ld+json">{"@graph": [{"@type": "WebSite"}, {"@type": "NewsArticle",
 "headline": "عنوان", "datePublished": "2020-08-24T10:00:00+03:00", "author": [{"name": "فلان"}],
 "keywords": ["سياسة", "اقتصاد"], "articleSection": "محليات"}]}</script>
<link rel="canonical" href="https://x.com/2020/8/24/a"></head><body></body></html>"#;
        let m = read(&parse(page));
        assert_eq!(m.titles[0], "عنوان - الموقع");
        assert_eq!(m.titles[1], "عنوان");
        let p = m.published.unwrap();
        assert_eq!(
            (p.local.to_string(), p.offset_minutes),
            ("2020-08-24T10:00:00".into(), Some(180))
        );
        assert_eq!(m.author.as_deref(), Some("فلان"));
        assert_eq!(m.tags, ["سياسة", "اقتصاد"]);
        assert_eq!(m.section.as_deref(), Some("محليات"));
        assert_eq!(m.language.as_deref(), Some("ar"));
        assert_eq!(m.url.as_deref(), Some("https://x.com/2020/8/24/a"));
        assert_eq!(m.site_name.as_deref(), Some("الموقع"));
    }

    #[test]
    fn broken_json_ld_is_skipped() {
        let page = r#"<script type="application/ld+json">{"@type": "NewsArticle", </script>
<meta name="keywords" content="أ، ب"><meta name="pubdate" content="2019-02-08">"#;
        let m = read(&parse(page));
        assert_eq!(m.tags, ["أ", "ب"]);
        assert_eq!(m.published.unwrap().local.to_string(), "2019-02-08");
    }
}
