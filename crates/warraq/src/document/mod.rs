//! One scraped article → a clean [`Document`] with its metadata.
//!
//! [`parse_document`] reads the text a scraper left (one block per line) and sorts
//! its lines into title, subtitle, date line, byline, body, related headlines, tags,
//! and boilerplate. The rules look at the *shape* of lines (length, final
//! punctuation, script, function-word density, repetition, position relative to
//! the body) and at small lexicons of widget phrases (`crates/warraq/data/lexicons/`);
//! every line that does not reach the body or a metadata field is listed in
//! [`Document::boilerplate`] with its [`Reason`], so nothing is dropped silently.
//!
//! The files: `parse.rs` holds the passes over the lines (a `Draft` document and
//! one method per pass); `line.rs` a line and the facts the rules ask of it,
//! computed once; `rules.rs` the line-shape rules; `attribution.rs` bylines and
//! datelines («لندن - الخليج أونلاين»); `tags.rs` tag blocks; `inline.rs` what is
//! cut from inside a paragraph; `lexicons.rs` the lexicon files; `reason.rs` the
//! [`Reason`] a line was removed for.
//!
//! ```
//! use warraq::document::parse_document;
//! let raw = "عنوان الخبر الرئيسي هنا\n\nFacebook\nTwitter\nالثلاثاء، 03-05-2016 الساعة 08:52\n\
//!            لندن - الخليج أونلاين\n\nقال مسؤول في الوزارة إن المشروع سيبدأ قريباً في العاصمة.\n\n\
//!            كلمات دلالية ...\n\nسوريا  ,   تركيا  ,";
//! let doc = parse_document(raw, None);
//! assert_eq!(doc.title.as_deref(), Some("عنوان الخبر الرئيسي هنا"));
//! assert_eq!(doc.published.unwrap().to_string(), "2016-05-03T08:52:00");
//! assert_eq!(doc.dateline.as_deref(), Some("لندن"));
//! assert_eq!(doc.source.as_deref(), Some("الخليج أونلاين"));
//! assert_eq!(doc.tags, ["سوريا", "تركيا"]);
//! assert_eq!(doc.paragraphs.len(), 1);
//! assert_eq!(doc.boilerplate.len(), 6);
//! ```

mod attribution;
mod inline;
mod lexicons;
mod line;
mod parse;
mod reason;
mod rules;
mod tags;

pub use reason::Reason;

use crate::text;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A publication date, with its time when the source gives one.
///
/// ```
/// use warraq::document::Published;
/// use chrono::NaiveDate;
/// let d = Published::Date(NaiveDate::from_ymd_opt(2016, 5, 3).unwrap());
/// assert_eq!(d.to_string(), "2016-05-03");
/// assert_eq!(d.date(), NaiveDate::from_ymd_opt(2016, 5, 3).unwrap());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Published {
    /// A date and time of day.
    DateTime(NaiveDateTime),
    /// A date only.
    Date(NaiveDate),
}

impl Published {
    /// The day, dropping any time.
    ///
    /// ```
    /// use warraq::document::Published;
    /// let p = Published::DateTime("2016-05-03T08:52:00".parse().unwrap());
    /// assert_eq!(p.date().to_string(), "2016-05-03");
    /// ```
    pub fn date(&self) -> NaiveDate {
        match self {
            Published::DateTime(dt) => dt.date(),
            Published::Date(d) => *d,
        }
    }

    /// The date and time, midnight when there is no time.
    ///
    /// ```
    /// use warraq::document::Published;
    /// let p = Published::Date("2016-05-03".parse().unwrap());
    /// assert_eq!(p.datetime().to_string(), "2016-05-03 00:00:00");
    /// ```
    pub fn datetime(&self) -> NaiveDateTime {
        match self {
            Published::DateTime(dt) => *dt,
            Published::Date(d) => d.and_hms_opt(0, 0, 0).unwrap_or_default(),
        }
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Published::DateTime(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S")),
            Published::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

/// A line removed from an article, and why.
///
/// ```
/// use warraq::document::{parse_document, Reason};
/// let doc = parse_document("عنوان\n\nwhatsapp\n\nقال الوزير إن المشروع بدأ في العاصمة اليوم.", None);
/// assert_eq!(doc.boilerplate[0].line, "whatsapp");
/// assert_eq!(doc.boilerplate[0].reason, Reason::ShareWidget);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// The removed text, trimmed.
    pub line: String,
    /// The rule that removed it.
    pub reason: Reason,
}

/// A cleaned article.
///
/// Serialises with serde (`published` as an ISO 8601 string).
///
/// ```
/// use warraq::document::{parse_document, Document};
/// let doc = parse_document("عنوان الخبر\n\nقال الوزير إن المشروع بدأ في العاصمة اليوم.", Some("a1"));
/// let json = serde_json::to_string(&doc).unwrap();
/// let back: Document = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, doc);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    /// An identifier given by the caller (file name, record id).
    pub id: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// A second heading line, when it is not a repeat of the title.
    pub subtitle: Option<String>,
    /// The publication date (with time when given).
    pub published: Option<Published>,
    /// The raw text the publication date was read from.
    pub published_text: Option<String>,
    /// The UTC offset `published` was written with, in minutes east of UTC
    /// (`180` for `+03:00`), when the source gives one; `published` stays the local
    /// time as written.
    pub published_utc_offset: Option<i32>,
    /// The outlet («الخليج أونلاين»).
    pub source: Option<String>,
    /// The author of a byline.
    pub author: Option<String>,
    /// The city of the dateline («لندن»).
    pub dateline: Option<String>,
    /// Keywords from a tag block.
    pub tags: Vec<String>,
    /// Headlines listed under «اقرأ أيضاً».
    pub related: Vec<String>,
    /// The URL, when the record carries one (a page's canonical link).
    pub url: Option<String>,
    /// A summary or lead, when the record carries one.
    pub summary: Option<String>,
    /// When the article was last modified (a page's `dateModified`), local time.
    pub modified: Option<Published>,
    /// The outlet's section («اقتصاد»), from a page's metadata.
    pub section: Option<String>,
    /// The language (primary subtag, «ar»), from a page's markup or its text.
    pub language: Option<String>,
    /// The site's name as the page gives it (`og:site_name`).
    pub site_name: Option<String>,
    /// When the page was fetched (a WARC record's `WARC-Date`, UTC): not a
    /// publication date.
    pub fetched: Option<NaiveDateTime>,
    /// The clean paragraphs joined by a blank line.
    pub body: String,
    /// The clean paragraphs, subheadings included.
    pub paragraphs: Vec<String>,
    /// Every removed line with its reason.
    pub boilerplate: Vec<Removed>,
}

impl Document {
    /// Number of whitespace-separated words in the body.
    ///
    /// ```
    /// use warraq::document::parse_document;
    /// let doc = parse_document("عنوان\n\nقال الوزير إن المشروع بدأ اليوم.", None);
    /// assert_eq!(doc.n_words(), 6);
    /// ```
    pub fn n_words(&self) -> usize {
        // `split_whitespace().count()`, counted on bytes.
        text::count_whitespace_separated(&self.body)
    }

    /// Removes the given paragraphs (by index) and reports them with `reason`; used
    /// by corpus-level boilerplate removal.
    ///
    /// ```
    /// use warraq::document::{parse_document, Reason};
    /// let mut doc = parse_document("عنوان\n\nالفقرة الأولى من الخبر هنا.\n\nسطر متكرر", None);
    /// doc.remove_paragraphs(&[1], Reason::Recurring);
    /// assert_eq!(doc.paragraphs.len(), 1);
    /// assert_eq!(doc.boilerplate.last().unwrap().line, "سطر متكرر");
    /// ```
    pub fn remove_paragraphs(&mut self, indices: &[usize], reason: Reason) {
        if indices.is_empty() {
            return;
        }
        // Documents read with `keep_paragraphs: false` carry only the body.
        let body_only = self.paragraphs.is_empty();
        let paragraphs: Vec<String> = if body_only {
            split_paragraphs(&self.body).map(str::to_string).collect()
        } else {
            std::mem::take(&mut self.paragraphs)
        };
        let mut kept = Vec::with_capacity(paragraphs.len());
        for (i, p) in paragraphs.into_iter().enumerate() {
            if indices.contains(&i) {
                self.boilerplate.push(Removed { line: p, reason });
            } else {
                kept.push(p);
            }
        }
        self.body = kept.join("\n\n");
        if !body_only {
            self.paragraphs = kept;
        }
    }

    /// The paragraphs, or the body split on blank lines when the paragraphs were
    /// dropped to save memory (see `CorpusOptions::keep_paragraphs`).
    ///
    /// ```
    /// use warraq::document::parse_document;
    /// let mut doc = parse_document("عنوان\n\nفقرة أولى هنا.\n\nفقرة ثانية هنا.", None);
    /// doc.paragraphs.clear();
    /// assert_eq!(doc.paragraph_views(), ["فقرة أولى هنا.", "فقرة ثانية هنا."]);
    /// ```
    pub fn paragraph_views(&self) -> Vec<&str> {
        if self.paragraphs.is_empty() && !self.body.is_empty() {
            split_paragraphs(&self.body).collect()
        } else {
            self.paragraphs.iter().map(String::as_str).collect()
        }
    }
}

/// `body.split("\n\n")`, with memchr's searcher (`str::split` with a string
/// pattern runs the general two-way search).
fn split_paragraphs(body: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memmem::find_iter(body.as_bytes(), b"\n\n")
        .map(Some)
        .chain([None])
        .map(move |at| {
            let end = at.unwrap_or(body.len());
            let paragraph = &body[start..end];
            start = end + 2;
            paragraph
        })
}

/// Fields a record already carries (SaudiNewsNet JSON, SGML tags). Known fields are
/// kept; the text then only supplies the body and the fields still missing.
///
/// ```
/// use warraq::document::{parse_document_with, Known};
/// let known = Known { title: Some("العنوان".into()), ..Known::default() };
/// let doc = parse_document_with("العنوان\nقال الوزير إن المشروع بدأ اليوم.", &known);
/// assert_eq!(doc.title.as_deref(), Some("العنوان"));
/// assert_eq!(doc.paragraphs.len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// Record id.
    pub id: Option<String>,
    /// Headline from the record.
    pub title: Option<String>,
    /// Author from the record.
    pub author: Option<String>,
    /// Outlet from the record.
    pub source: Option<String>,
    /// URL from the record.
    pub url: Option<String>,
    /// Date from the record.
    pub published: Option<Published>,
    /// The raw date text from the record.
    pub published_text: Option<String>,
    /// The UTC offset of `published` in minutes east of UTC, when known.
    pub published_utc_offset: Option<i32>,
    /// Dateline from the record.
    pub dateline: Option<String>,
    /// The record has a title field, even if empty: never take the title from the
    /// text's first line.
    pub title_field: bool,
    /// Tags from the record (the text's tag block adds to them).
    pub tags: Vec<String>,
    /// Summary or lead from the record.
    pub summary: Option<String>,
}

/// Parses one scraped article (see the [module docs](self)).
///
/// ```
/// use warraq::document::parse_document;
/// let doc = parse_document("عنوان\n\nنشر في الأول يوم 03 - 05 - 2016\n\nقال الوزير إن المشروع بدأ.", Some("x"));
/// assert_eq!(doc.id.as_deref(), Some("x"));
/// assert_eq!(doc.source.as_deref(), Some("الأول"));
/// assert_eq!(doc.published.unwrap().to_string(), "2016-05-03");
/// ```
pub fn parse_document(raw: &str, id: Option<&str>) -> Document {
    let known = Known {
        id: id.map(str::to_string),
        ..Known::default()
    };
    parse_document_with(raw, &known)
}

/// Parses an article whose record already carries some fields (see [`Known`]).
///
/// ```
/// use warraq::document::{parse_document_with, Known, Reason};
/// let known = Known { title: Some("عنوان".into()), source: Some("was".into()), ..Known::default() };
/// let doc = parse_document_with("الرياض - واس\nقال الوزير إن المشروع بدأ اليوم.\n // انتهى //  17:18 ت م", &known);
/// assert_eq!(doc.dateline.as_deref(), Some("الرياض"));
/// assert_eq!(doc.source.as_deref(), Some("was"));
/// assert_eq!(doc.boilerplate.last().unwrap().reason, Reason::AgencyTrailer);
/// ```
pub fn parse_document_with(raw: &str, known: &Known) -> Document {
    parse::parse(raw, known)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_as_str_split() {
        for body in [
            "",
            "a",
            "\n\n",
            "\n",
            "a\n\nb",
            "a\n\n\nb",
            "a\n\n\n\nb\n\n",
            "\n\n\nفقرة",
        ] {
            let want: Vec<&str> = body.split("\n\n").collect();
            assert_eq!(split_paragraphs(body).collect::<Vec<_>>(), want, "{body:?}");
        }
    }

    #[test]
    fn related_then_subheading() {
        let raw = "عنوان\n\nفقرة أولى طويلة بما يكفي لتكون فقرة من الخبر هنا.\n\nاقرأ أيضاً:\n\nأنقرة تنفي الاتفاق مع روسيا على تسليم قرى\n\nوثائق المعارضة\n\nوقال الوفد إن الوثائق تتضمن شهادة.";
        let doc = parse_document(raw, None);
        assert_eq!(doc.related, ["أنقرة تنفي الاتفاق مع روسيا على تسليم قرى"]);
        assert_eq!(doc.paragraphs.len(), 3);
        assert_eq!(doc.paragraphs[1], "وثائق المعارضة");
    }

    #[test]
    fn every_removed_line_is_reported() {
        let raw =
            "عنوان\n\nwhatsapp\nFacebook\n\nقال الوزير إن المشروع بدأ في العاصمة.\n\nمكة المكرمة";
        let doc = parse_document(raw, None);
        let kept: usize = doc.paragraphs.len() + 1; // + title
        assert_eq!(kept + doc.boilerplate.len(), 5);
        assert_eq!(doc.boilerplate.last().unwrap().reason, Reason::FooterWidget);
    }
}
