//! Records with named fields (JSON objects, CSV rows) whose names nobody chose
//! for warraq: which field holds the text, the title, the date… Each part of an
//! article has a list of aliases, matched ignoring case and `_`/`-`/space
//! (`published_time`, `datePublished` and `PublishedTime` are one name), tried in
//! order; [`RecordColumns`] names a field exactly and overrides them.

use super::published::parse_dated;
use crate::document::{parse_document_with, Document, Known};
use crate::{Error, Result};
use std::borrow::Cow;

/// The record field holding each part of an article, by its exact name; a part
/// left `None` is found by its aliases (see [`RecordColumns::aliases`]).
///
/// ```
/// use warraq::corpus::RecordColumns;
/// let mut columns = RecordColumns::default();
/// columns.set("text", "full_text").unwrap();
/// columns.set("published", "time").unwrap();
/// assert_eq!(columns.text.as_deref(), Some("full_text"));
/// assert!(columns.set("body_text", "x").unwrap_err().to_string().contains("expected one of text, id"));
/// assert!(RecordColumns::aliases("published").unwrap().contains(&"published_time"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordColumns {
    /// The article text (required in every record).
    pub text: Option<String>,
    /// The record id (required in every record when named).
    pub id: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The author (a list is joined with «، »).
    pub author: Option<String>,
    /// The outlet.
    pub source: Option<String>,
    /// The URL.
    pub url: Option<String>,
    /// The publication date.
    pub published: Option<String>,
    /// Tags: a list, or a string delimited by `,` `،` `;` `؛` `|` or newlines.
    pub tags: Option<String>,
    /// A summary or lead.
    pub summary: Option<String>,
    /// The dateline city.
    pub dateline: Option<String>,
}

/// The parts of an article a record field can hold, in [`RecordColumns`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Text,
    Id,
    Title,
    Author,
    Source,
    Url,
    Published,
    Tags,
    Summary,
    Dateline,
}

/// Each part's name and aliases, most specific first, as written in the docs
/// (matching ignores case and `_`, `-`, `.`, spaces).
const ROLES: [(Role, &str, &[&str]); 10] = [
    (
        Role::Text,
        "text",
        &[
            "text",
            "content",
            "body",
            "article",
            "story",
            "full_text",
            "article_body",
            "maintext",
        ],
    ),
    (Role::Id, "id", &["id", "doc_id", "article_id", "guid"]),
    (Role::Title, "title", &["title", "headline"]),
    (
        Role::Author,
        "author",
        &["author", "authors", "byline", "creator", "writer"],
    ),
    (Role::Source, "source", &["source", "site_name", "outlet"]),
    (
        Role::Url,
        "url",
        &["url", "link", "canonical_url", "permalink"],
    ),
    (
        Role::Published,
        "published",
        &[
            "published",
            "published_at",
            "published_time",
            "date_published",
            "date_publish",
            "publish_date",
            "publication_date",
            "pub_date",
            "date",
            "datetime",
            "created_at",
            "timestamp",
        ],
    ),
    (Role::Tags, "tags", &["tags", "keywords", "categories"]),
    (
        Role::Summary,
        "summary",
        &["summary", "description", "lead", "abstract", "excerpt"],
    ),
    (Role::Dateline, "dateline", &["dateline"]),
];

impl RecordColumns {
    fn slot(&mut self, role: Role) -> &mut Option<String> {
        match role {
            Role::Text => &mut self.text,
            Role::Id => &mut self.id,
            Role::Title => &mut self.title,
            Role::Author => &mut self.author,
            Role::Source => &mut self.source,
            Role::Url => &mut self.url,
            Role::Published => &mut self.published,
            Role::Tags => &mut self.tags,
            Role::Summary => &mut self.summary,
            Role::Dateline => &mut self.dateline,
        }
    }

    fn get(&self, role: Role) -> Option<&str> {
        match role {
            Role::Text => self.text.as_deref(),
            Role::Id => self.id.as_deref(),
            Role::Title => self.title.as_deref(),
            Role::Author => self.author.as_deref(),
            Role::Source => self.source.as_deref(),
            Role::Url => self.url.as_deref(),
            Role::Published => self.published.as_deref(),
            Role::Tags => self.tags.as_deref(),
            Role::Summary => self.summary.as_deref(),
            Role::Dateline => self.dateline.as_deref(),
        }
    }

    /// Names the field of `part` (`"text"`, `"id"`, `"title"`, `"author"`,
    /// `"source"`, `"url"`, `"published"`, `"tags"`, `"summary"`, `"dateline"`);
    /// any other part is an [`Error::InvalidOption`] listing them.
    pub fn set(&mut self, part: &str, field: impl Into<String>) -> Result<()> {
        let Some((role, _, _)) = ROLES.iter().find(|(_, name, _)| *name == part) else {
            let names: Vec<&str> = ROLES.iter().map(|(_, name, _)| *name).collect();
            return Err(Error::invalid_option(
                "columns",
                format!("{part:?}: expected one of {}", names.join(", ")),
            ));
        };
        *self.slot(*role) = Some(field.into());
        Ok(())
    }

    /// The aliases tried for `part` when no field is named for it.
    pub fn aliases(part: &str) -> Option<&'static [&'static str]> {
        ROLES
            .iter()
            .find(|(_, name, _)| *name == part)
            .map(|(_, _, aliases)| *aliases)
    }

    /// The named fields other than text and id (which every record must have):
    /// a reader checks that each is in at least one record of a file.
    pub(super) fn optional_named(&self) -> impl Iterator<Item = &str> {
        ROLES
            .iter()
            .filter(|(role, _, _)| !matches!(role, Role::Text | Role::Id))
            .filter_map(|(role, _, _)| self.get(*role))
    }
}

/// `key` spelled as `alias` once case and `_`, `-`, `.`, spaces are ignored.
fn same_name(key: &str, alias: &str) -> bool {
    key.bytes()
        .filter(|b| !matches!(b, b'_' | b'-' | b' ' | b'.'))
        .map(|b| b.to_ascii_lowercase())
        .eq(alias.bytes().filter(|&b| b != b'_'))
}

/// A field's value as the record gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Value<'r> {
    /// JSON `null`, or an object without a `name`.
    Null,
    /// A string (or a number, as text).
    Text(Cow<'r, str>),
    /// A JSON array of strings (or of objects with a `name`).
    List(Vec<Cow<'r, str>>),
}

impl Value<'_> {
    fn is_blank(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Text(t) => t.trim().is_empty(),
            Value::List(items) => items.iter().all(|t| t.trim().is_empty()),
        }
    }

    /// The value as one string, list items joined by `sep`; `None` when blank.
    fn joined(&self, sep: &str) -> Option<String> {
        let s = match self {
            Value::Null => return None,
            Value::Text(t) => t.trim().to_string(),
            Value::List(items) => items
                .iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(sep),
        };
        (!s.is_empty()).then_some(s)
    }

    /// Tags: list items, or a string split on its delimiters (a Python list
    /// written as text, `['a', 'b']`, as pandas leaves them in CSV, included).
    fn tags(&self) -> Vec<String> {
        const DELIMITERS: [char; 6] = [',', '،', ';', '؛', '|', '\n'];
        let clean = |t: &str| {
            t.trim()
                .trim_matches(|c: char| c == '\'' || c == '"')
                .trim()
                .to_string()
        };
        let tags: Vec<String> = match self {
            Value::Null => Vec::new(),
            Value::List(items) => items.iter().map(|t| clean(t)).collect(),
            Value::Text(t) => {
                let t = t.trim();
                let t = t
                    .strip_prefix('[')
                    .and_then(|t| t.strip_suffix(']'))
                    .unwrap_or(t);
                t.split(DELIMITERS).map(clean).collect()
            }
        };
        tags.into_iter().filter(|t| !t.is_empty()).collect()
    }
}

/// The field chosen for each part of an article, from the field names of a
/// record (or of a CSV header): the named one, else the first alias present.
#[derive(Debug)]
pub(super) struct Resolved<'n> {
    fields: [Option<&'n str>; ROLES.len()],
}

impl<'n> Resolved<'n> {
    /// `Err` names the text or id field that is missing and lists the record's fields.
    pub(super) fn new(
        names: &[&'n str],
        columns: &RecordColumns,
    ) -> std::result::Result<Self, String> {
        let mut fields = [None; ROLES.len()];
        for (slot, (role, part, aliases)) in fields.iter_mut().zip(ROLES) {
            *slot = match columns.get(role) {
                Some(named) => names.iter().copied().find(|n| *n == named),
                None => aliases
                    .iter()
                    .find_map(|a| names.iter().copied().find(|n| same_name(n, a))),
            };
            if slot.is_some() {
                continue;
            }
            let listed = || {
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            };
            match (columns.get(role), role) {
                (Some(named), Role::Text | Role::Id) => {
                    let listed = listed();
                    return Err(format!(
                        "no {part} field {named:?} (the record's fields: {listed})"
                    ));
                }
                (None, Role::Text) => {
                    return Err(format!(
                        "no text field (tried {}; the record's fields: {}); name it with columns={{\"text\": …}}",
                        aliases.join(", "),
                        listed()
                    ))
                }
                // Any other part may be missing (no id: the URL or the record number is the id).
                _ => {}
            }
        }
        Ok(Resolved { fields })
    }

    fn field(&self, role: Role) -> Option<&'n str> {
        self.fields[role as usize]
    }
}

/// A record read: its document, and whether its text was blank (JSON `null`,
/// empty or whitespace only).
pub(super) struct RecordDocument {
    pub document: Document,
    pub empty: bool,
}

/// A record → a document: the fields of `resolved`, their values from `get`
/// (most records are read without copying their text); `default_id` is the id
/// when the record has neither an id nor a URL.
pub(super) fn record_document<'r>(
    resolved: &Resolved<'_>,
    get: &dyn Fn(&str) -> Option<Value<'r>>,
    default_id: String,
) -> RecordDocument {
    let value = |role: Role| resolved.field(role).and_then(get);
    let string = |role: Role| value(role).and_then(|v| v.joined("، "));
    let text = value(Role::Text).unwrap_or(Value::Null);
    let empty = text.is_blank();
    let url = string(Role::Url);
    let id = string(Role::Id)
        .or_else(|| url.clone())
        .unwrap_or(default_id);
    let published_text = string(Role::Published);
    let dated = published_text.as_deref().and_then(parse_dated);
    let known = Known {
        id: Some(id),
        title: string(Role::Title),
        author: string(Role::Author),
        source: string(Role::Source),
        url,
        published: dated.map(|d| d.published),
        published_utc_offset: dated.and_then(|d| d.utc_offset),
        published_text,
        dateline: string(Role::Dateline),
        title_field: resolved.field(Role::Title).is_some(),
        tags: value(Role::Tags).map(|v| v.tags()).unwrap_or_default(),
        summary: string(Role::Summary),
    };
    let body: Cow<'_, str> = match &text {
        Value::Null => Cow::Borrowed(""),
        // A scraper that kept the markup: its main content, one block a line.
        Value::Text(t) => crate::web::record_text(t),
        // Paragraphs given as a list.
        Value::List(items) => Cow::Owned(items.join("\n\n")),
    };
    let mut document = parse_document_with(&body, &known);
    dedup_in_order(&mut document.tags);
    RecordDocument { document, empty }
}

/// Drops repeated tags (the record's and the text's tag block may list the same).
fn dedup_in_order(tags: &mut Vec<String>) {
    let mut seen = rustc_hash::FxHashSet::default();
    tags.retain(|t| seen.insert(t.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value<'_> {
        Value::Text(Cow::Borrowed(s))
    }

    #[test]
    fn aliases_ignore_case_and_separators() {
        assert!(same_name("published_time", "published_time"));
        assert!(same_name("PublishedTime", "published_time"));
        assert!(same_name("datePublished", "date_published"));
        assert!(same_name("pubDate", "pub_date"));
        assert!(same_name("_id", "id"));
        assert!(!same_name("dates", "date"));
        let names = [
            "title",
            "author",
            "published_time",
            "keywords",
            "description",
            "full_text",
        ];
        let r = Resolved::new(&names, &RecordColumns::default()).unwrap();
        assert_eq!(r.field(Role::Text), Some("full_text"));
        assert_eq!(r.field(Role::Published), Some("published_time"));
        assert_eq!(r.field(Role::Tags), Some("keywords"));
        assert_eq!(r.field(Role::Summary), Some("description"));
        // the more specific alias wins, wherever the fields are
        let r = Resolved::new(
            &["date", "text", "datePublished"],
            &RecordColumns::default(),
        )
        .unwrap();
        assert_eq!(r.field(Role::Published), Some("datePublished"));
    }

    #[test]
    fn named_fields_override_and_missing_ones_are_listed() {
        let mut columns = RecordColumns::default();
        columns.set("text", "body_html").unwrap();
        columns.set("published", "time").unwrap();
        let r = Resolved::new(&["text", "body_html", "date", "time"], &columns).unwrap();
        assert_eq!(r.field(Role::Text), Some("body_html"));
        assert_eq!(r.field(Role::Published), Some("time"));
        let err = Resolved::new(&["text", "date"], &columns).unwrap_err();
        assert_eq!(
            err,
            "no text field \"body_html\" (the record's fields: text, date)"
        );
        let err = Resolved::new(&["headline", "lede"], &RecordColumns::default()).unwrap_err();
        assert!(
            err.starts_with("no text field (tried text, content"),
            "{err}"
        );
        assert!(err.contains("the record's fields: headline, lede"), "{err}");
        assert_eq!(columns.optional_named().collect::<Vec<_>>(), ["time"]);
    }

    #[test]
    fn tags_from_lists_and_delimited_strings() {
        assert_eq!(
            text("سوريا، تركيا ,  روسيا").tags(),
            ["سوريا", "تركيا", "روسيا"]
        );
        assert_eq!(text("['سوريا', 'تركيا']").tags(), ["سوريا", "تركيا"]);
        assert_eq!(text("اقتصاد").tags(), ["اقتصاد"]);
        assert_eq!(
            Value::List(vec!["أ".into(), " ".into(), "ب".into()]).tags(),
            ["أ", "ب"]
        );
        assert!(Value::Null.tags().is_empty());
    }

    #[test]
    fn a_record_with_scraper_names() {
        let record: Vec<(&str, Value)> = vec![
            ("title", text("عنوان الخبر")),
            (
                "author",
                Value::List(vec!["محمد علي".into(), "سارة أحمد".into()]),
            ),
            ("published_time", text("2020-08-24T14:05:00+03:00")),
            ("keywords", text("اقتصاد, طاقة")),
            ("description", text("ملخص الخبر.")),
            ("full_text", text("قال الوزير إن المشروع بدأ في العاصمة.")),
        ];
        let names: Vec<&str> = record.iter().map(|(k, _)| *k).collect();
        let resolved = Resolved::new(&names, &RecordColumns::default()).unwrap();
        let get = |k: &str| record.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
        let out = record_document(&resolved, &get, "f#0".into());
        let d = out.document;
        assert!(!out.empty);
        assert_eq!(d.id.as_deref(), Some("f#0"));
        assert_eq!(d.published.unwrap().to_string(), "2020-08-24T14:05:00");
        assert_eq!(d.published_utc_offset, Some(180));
        assert_eq!(d.tags, ["اقتصاد", "طاقة"]);
        assert_eq!(d.author.as_deref(), Some("محمد علي، سارة أحمد"));
        assert_eq!(d.summary.as_deref(), Some("ملخص الخبر."));
        assert_eq!(d.body, "قال الوزير إن المشروع بدأ في العاصمة.");
        let blank = [("text", text(" \n "))];
        let resolved = Resolved::new(&["text"], &RecordColumns::default()).unwrap();
        let get = |k: &str| blank.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
        assert!(record_document(&resolved, &get, "f#1".into()).empty);
    }
}
