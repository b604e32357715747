//! One scraped article → a clean [`Document`] with its metadata.
//!
//! [`parse_document`] reads the text a scraper left (one block per line) and sorts
//! its lines into title, subtitle, date line, byline, body, related headlines, tags,
//! and boilerplate. The rules look at the *shape* of lines (length, final
//! punctuation, script, function-word density, repetition, position relative to
//! the body) and at small lexicons of widget phrases ([`boilerplate`]); every line
//! that does not reach the body or a metadata field is listed in
//! [`Document::boilerplate`] with its [`Reason`], so nothing is dropped silently.
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

pub mod boilerplate;
mod lexicons;

pub use boilerplate::Reason;

use crate::dates::DateValue;
use crate::{text, tokenize};
use boilerplate as bp;
use boilerplate::Line;
use chrono::{NaiveDate, NaiveDateTime};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
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
    /// The URL, when the record carries one.
    pub url: Option<String>,
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
    /// Dateline from the record.
    pub dateline: Option<String>,
    /// The record has a title field, even if empty: never take the title from the
    /// text's first line.
    pub title_field: bool,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// Before the first body paragraph.
    Header,
    Body,
    /// Under «اقرأ أيضاً»: headlines until the text resumes.
    Related {
        taken: usize,
    },
    /// Under a tag label.
    Tags,
}

/// A body-shaped line of `words` words (counted once per line): long, or a sentence.
fn is_paragraph_of(line: &str, words: usize) -> bool {
    words > 19 || (words > 3 && bp::ends_sentence(line))
}

/// [`is_paragraph_of`] a line.
fn is_paragraph(line: &Line) -> bool {
    is_paragraph_of(line.text, line.words())
}

/// The block `(first, Some(last))` of lines that maximises paragraph words minus a
/// penalty per non-paragraph line (Kadane's maximum-sum segment; linear), or
/// `(len, None)` when no line is paragraph-shaped.
fn body_block(lines: &[Line], headlines: &[bool]) -> (usize, Option<usize>) {
    const SHORT_LINE_PENALTY: i64 = 6;
    // A short sentence (a headline ending in «؟» in a list of links) is worth little:
    // it joins the block only between real paragraphs.
    const SHORT_PARAGRAPH_DISCOUNT: i64 = 8;
    let score = |l: &Line| -> i64 {
        if is_paragraph(l) && !bp::is_ui_string(l) && l.is_mostly_arabic() {
            i64::try_from(l.words().min(80)).unwrap_or(80) - SHORT_PARAGRAPH_DISCOUNT
        } else {
            -SHORT_LINE_PENALTY
        }
    };
    let (mut best, mut best_range) = (0i64, None);
    let (mut sum, mut start) = (0i64, 0usize);
    for (i, l) in lines.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += if headlines[i] {
            -SHORT_LINE_PENALTY
        } else {
            score(l)
        };
        if sum > best {
            best = sum;
            best_range = Some((start, i));
        }
    }
    match best_range {
        Some((first, last)) => (first, Some(last)),
        None => (lines.len(), None),
    }
}

/// A line of a list («* item», «- item», «3. item», «12) item») or a bare number:
/// content even where it has no Arabic or no full stop.
fn is_list_item(line: &str) -> bool {
    let mut chars = line.trim_start().chars();
    match chars.next() {
        Some('*' | '•' | '-' | '–' | '·' | '▪' | '●') => true,
        // A bare time («09:52») is a timestamp widget, not a list item.
        Some(c) if c.is_ascii_digit() || text::chars::ARABIC_INDIC_DIGITS.contains(&c) => {
            !is_bare_time(line)
        }
        _ => false,
    }
}

/// «09:52», «9:05 ص»: a time alone on its line.
fn is_bare_time(line: &str) -> bool {
    let t = line.trim();
    let digits_colon = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .count();
    digits_colon >= 4 && t.contains(':') && text::at_most_words(t, 2) && t.len() <= 12
}

/// A «X - Y» attribution line: `(left, right)`.
fn split_attribution(line: &Line) -> Option<(String, String)> {
    if !line.at_most_words(8) || bp::ends_sentence(line.text) {
        return None;
    }
    let line = line.text;
    let idx = line
        .find([' ', '-', '–', '—'])
        .and(line.rfind(['-', '–', '—', '|']))?;
    let (left, right) = line.split_at(idx);
    let dash_len = right.chars().next().map_or(1, char::len_utf8);
    let left = left.trim();
    let right = right[dash_len..].trim();
    if left.is_empty()
        || right.is_empty()
        || !text::at_most_words(left, 4)
        || !text::at_most_words(right, 4)
    {
        return None;
    }
    Some((left.to_string(), right.to_string()))
}

/// What one side of an «X - Y» attribution line names, from the gazetteers and the
/// outlet lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// A known city or country only («جدة», «لندن»).
    City,
    /// A name that is both («الرياض»: the city and the newspaper).
    CityOrOutlet,
    /// A known outlet or agency only («واس», «المدينة», «متابعات»).
    Outlet,
    /// Starts with a given name («هشام منوّر»).
    Person,
    Unknown,
}

impl Side {
    fn of(name: &str) -> Side {
        use crate::entities::gazetteer::{GazClass, Gazetteer};
        let g = Gazetteer::get();
        let classes = g.classes_of(name);
        let city = bp::is_known_city(name)
            || classes.iter().any(|c| {
                matches!(
                    c,
                    GazClass::City | GazClass::Country | GazClass::Governorate
                )
            });
        let outlet = bp::is_outlet_name(name) || classes.contains(&GazClass::Outlet);
        match (city, outlet) {
            (true, true) => Side::CityOrOutlet,
            (true, false) => Side::City,
            (false, true) => Side::Outlet,
            _ if name
                .split_whitespace()
                .next()
                .is_some_and(|w| g.is_given_name(w)) =>
            {
                Side::Person
            }
            _ => Side::Unknown,
        }
    }

    /// How surely the side is the dateline's place.
    fn placeness(self) -> u8 {
        match self {
            Side::City => 2,
            Side::CityOrOutlet => 1,
            _ => 0,
        }
    }
}

/// The fields an attribution line gives.
#[derive(Debug, Default, PartialEq, Eq)]
struct Attribution {
    dateline: Option<String>,
    author: Option<String>,
    source: Option<String>,
}

/// Reads «X - Y» in either order: «لندن - الخليج أونلاين» and «المدينة - جدة»
/// (outlet - city), «واس - الرياض», «أحمد البشيري - الباحة» (author - city),
/// «هشام منوّر- الخليج أونلاين» (author - outlet). The side that is surely a place is
/// the dateline; the other is the outlet, or the author when it starts with a given
/// name. Without a known place, a one-word left side is the dateline, a longer one
/// the author, and the right side the outlet.
fn resolve_attribution(left: String, right: String) -> Attribution {
    let (l, r) = (Side::of(&left), Side::of(&right));
    let mut a = Attribution::default();
    let other = |a: &mut Attribution, name: String, side: Side, is_left: bool| match side {
        Side::Person => a.author = Some(name),
        Side::Outlet | Side::CityOrOutlet => a.source = Some(name),
        // Two places («الأشرفية - بيروت»): the first is the dateline, the second
        // names neither an outlet nor a person.
        Side::City => {}
        // «نايف عبدالله - الرياض»: bylines are names; a lone word is an outlet.
        Side::Unknown if is_left && !text::at_most_words(&name, 1) => a.author = Some(name),
        Side::Unknown => a.source = Some(name),
    };
    if l.placeness() > 0 && l.placeness() >= r.placeness() {
        a.dateline = Some(left);
        other(&mut a, right, r, false);
    } else if r.placeness() > 0 {
        a.dateline = Some(right);
        other(&mut a, left, l, true);
    } else {
        match l {
            Side::Person => a.author = Some(left),
            Side::Outlet => a.source = Some(left),
            _ if text::at_most_words(&left, 1) => a.dateline = Some(left),
            _ => a.author = Some(left),
        }
        match r {
            Side::Person if a.author.is_none() => a.author = Some(right),
            _ if a.source.is_none() => a.source = Some(right),
            _ => {}
        }
    }
    a
}

/// «كتب سيد الخلفاوى», «بقلم: هشام منوّر»: the author of a byline line.
fn byline_author(line: &str, n_words: usize) -> Option<String> {
    if !(2..=5).contains(&n_words) || bp::ends_sentence(line) {
        return None;
    }
    let (first, rest) = line.split_once(char::is_whitespace)?;
    let rest = rest.trim_start_matches([':', ' ']).trim();
    matches!(
        text::fold(first).trim_end_matches(':'),
        "كتب" | "كتبت" | "بقلم" | "اعداد"
    )
    .then(|| rest.to_string())
    .filter(|r| !r.is_empty() && bp::is_mostly_arabic(r))
}

/// Strips a « - Site.com» / « | Site» suffix from a page-title line.
fn strip_site_suffix(title: &str) -> &str {
    for sep in [" - ", " | ", " – ", " — "] {
        if let Some(idx) = title.rfind(sep) {
            let suffix = &title[idx + sep.len()..];
            if suffix.contains(".com")
                || suffix.contains(".net")
                || !bp::is_mostly_arabic(suffix)
                || matches!(Side::of(suffix.trim()), Side::Outlet)
            {
                return title[..idx].trim();
            }
        }
    }
    title.trim()
}

/// Splits paragraphs that a scraper glued together with «., ».
/// Also splits on wide gaps (three or more spaces), another scraper's glue.
fn split_glued(paragraph: &str) -> Vec<&str> {
    bp::wide_gap_segments(paragraph)
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
fn clean_inline<'a>(
    paragraph: &'a str,
    passed_ui_test: bool,
    removed: &mut Vec<Removed>,
    source: &mut Option<String>,
) -> Cow<'a, str> {
    let mut text = Cow::Borrowed(paragraph);
    if let Some(idx) = bp::source_footer_start(&text) {
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
    if let Some(idx) = bp::inline_agency_trailer(&text) {
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
    if !text.is_empty() && !known_not_ui && bp::is_ui_string(&Line::new(&text)) {
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
    let mut doc = Document {
        id: known.id.clone(),
        title: known.title.clone(),
        author: known.author.clone().filter(|a| !a.trim().is_empty()),
        source: known.source.clone().filter(|s| !s.trim().is_empty()),
        url: known.url.clone(),
        published: known.published,
        published_text: known.published_text.clone(),
        dateline: known.dateline.clone(),
        ..Document::default()
    };
    let title_known = doc.title.is_some() || known.title_field;
    let mut headings: FxHashSet<String> = FxHashSet::default();
    if let Some(t) = &doc.title {
        headings.insert(bp::label(t));
    }
    let mut removed: Vec<Removed> = Vec::new();
    let mut body_lines: Vec<&Line> = Vec::new();
    let mut zone = Zone::Header;
    let mut source_from_text: Option<String> = None;

    let remove = |removed: &mut Vec<Removed>, line: &str, reason: Reason| {
        removed.push(Removed {
            line: line.to_string(),
            reason,
        });
    };

    // The lines of `raw.lines()`: split at '\n' by memchr (the `\r` that `lines`
    // strips before a '\n' is trimmed here as whitespace).
    let mut line_start = 0;
    let lines: Vec<Line> = memchr::memchr_iter(b'\n', raw.as_bytes())
        .chain([raw.len()])
        .map(|end| {
            let line = &raw[line_start..end];
            line_start = end + 1;
            line
        })
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == text::chars::BOM))
        .filter(|l| !l.is_empty())
        .map(Line::new)
        .collect();

    // The body core is the block of lines with the best balance of paragraph text
    // over short-line noise (a maximum-sum segment, found in one pass). Outside it,
    // menus, Latin-only lines and headline lists are boilerplate; inside it, short
    // lines are subheadings, lists or verse and stay.
    // Each line's words are counted once (`Line::words`): most rules look at length.
    // Runs of three or more headline-shaped lines are lists of links to other
    // articles («most read», «related»), wherever they are.
    let headline_shaped = |l: &Line| {
        // Verse (hemistichs of four to eight words, in runs) is not a headline list.
        (7..=25).contains(&l.words())
            && !l.text.trim_end().ends_with(['.', ':', '؛'])
            // Clauses joined by «،» are prose; «*» separates hemistichs.
            && !l.text.contains(['،', '*'])
            && !is_list_item(l.text)
            && l.date().is_none()
    };
    let mut in_headlines = vec![false; lines.len()];
    let mut run_start = 0;
    for k in 0..=lines.len() {
        if k == lines.len() || !headline_shaped(&lines[k]) {
            let run_words: usize = lines[run_start..k].iter().map(Line::words).sum();
            if k - run_start >= 4
                && run_words >= 9 * (k - run_start)
                && lines[run_start..k]
                    .iter()
                    .map(|l| l.text)
                    .collect::<FxHashSet<_>>()
                    .len()
                    >= 4
            {
                in_headlines[run_start..k]
                    .iter_mut()
                    .for_each(|m| *m = true);
            }
            run_start = k + 1;
        }
    }
    let (first_par, last_par) = body_block(&lines, &in_headlines);
    let outside_core = |i: usize| i < first_par || last_par.is_none_or(|l| i > l);
    // Runs of three or more short, function-word-free lines (menus).
    // Date lines, bylines and share buttons have their own rules and are not menu items.
    let short = |l: &Line| {
        l.words() <= 4
            && !bp::ends_sentence(l.text)
            && bp::stop_word_ratio(l) == 0.0
            && split_attribution(l).is_none()
            && !bp::is_share_widget(l)
            && l.date().is_none()
    };
    let mut in_menu = vec![false; lines.len()];
    let mut run_start = 0;
    for k in 0..=lines.len() {
        if k == lines.len() || !short(&lines[k]) {
            if k - run_start >= 3 {
                in_menu[run_start..k].iter_mut().for_each(|m| *m = true);
            }
            run_start = k + 1;
        }
    }

    for (i, facts) in lines.iter().enumerate() {
        let line = facts.text;
        let n_words = facts.words();
        // Rules that hold wherever the line is.
        if bp::is_ticker(facts) {
            remove(&mut removed, line, Reason::Ticker);
            continue;
        }
        if bp::is_share_widget(facts) {
            remove(&mut removed, line, Reason::ShareWidget);
            continue;
        }
        if bp::source_footer_start(line) == Some(0) {
            clean_inline(line, false, &mut removed, &mut source_from_text);
            continue;
        }
        if bp::is_agency_trailer(facts) {
            remove(&mut removed, line, Reason::AgencyTrailer);
            continue;
        }
        if n_words <= 6 && line.split_whitespace().any(tokenize::looks_like_email) {
            remove(&mut removed, line, Reason::Email);
            continue;
        }
        if outside_core(i) && bp::has_no_arabic(line) && !is_list_item(line) {
            remove(&mut removed, line, Reason::NonArabic);
            continue;
        }
        if bp::is_read_more_label(facts) {
            remove(&mut removed, line, Reason::ReadMore);
            zone = Zone::Related { taken: 0 };
            continue;
        }
        if let Some(rest) = bp::tag_label_rest(facts) {
            remove(&mut removed, line, Reason::TagBlock);
            doc.tags.extend(bp::split_tags(&rest));
            zone = Zone::Tags;
            continue;
        }
        if bp::is_ui_string(facts) {
            remove(&mut removed, line, Reason::UiString);
            continue;
        }
        // A short line carrying a full date is the date line.
        if n_words <= 12 && !bp::ends_sentence(line) {
            if let Some(m) = facts.date() {
                if let DateValue::Day(day) = m.value {
                    if doc.published.is_none() {
                        doc.published = Some(
                            match m.time.and_then(|t| day.and_hms_opt(t.hour, t.minute, 0)) {
                                Some(dt) => Published::DateTime(dt),
                                None => Published::Date(day),
                            },
                        );
                        doc.published_text = Some(line[m.start..m.end].to_string());
                    }
                    // «نشر في الأول يوم …»: the outlet sits between «نشر في» and «يوم».
                    if let Some(rest) = facts.folded().strip_prefix("نشر في ") {
                        if let Some(end) = rest.find(" يوم") {
                            let words = text::word_count(&rest[..end]);
                            let name: Vec<&str> =
                                line.split_whitespace().skip(2).take(words).collect();
                            if !name.is_empty() {
                                source_from_text = Some(name.join(" "));
                            }
                        }
                    }
                    remove(&mut removed, line, Reason::DateLine);
                    continue;
                }
            }
        }
        // Headings are short: longer lines need no folding for this test.
        let label = if n_words <= 40 { facts.label() } else { "" };
        if !label.is_empty() && headings.contains(label) {
            remove(&mut removed, line, Reason::RepeatedHeading);
            continue;
        }
        // «لندن - الخليج أونلاين», «هشام منوّر- الخليج أونلاين», «الرياض - واس».
        if matches!(zone, Zone::Header) || i + 4 >= lines.len() || body_lines.is_empty() {
            if let Some((left, right)) = split_attribution(facts) {
                if doc.title.is_some() || title_known {
                    let a = resolve_attribution(left, right);
                    if let Some(d) = a.dateline {
                        doc.dateline.get_or_insert(d);
                    }
                    if let Some(au) = a.author {
                        doc.author.get_or_insert(au);
                    }
                    if let Some(s) = a.source {
                        source_from_text.get_or_insert(s);
                    }
                    remove(&mut removed, line, Reason::SourceAttribution);
                    continue;
                }
            }
        }
        // The first heading line of an article is its title, not a menu item.
        if in_menu[i] && outside_core(i) && (doc.title.is_some() || title_known) {
            remove(&mut removed, line, Reason::Navigation);
            continue;
        }
        if in_headlines[i]
            && (doc.title.is_some() || title_known)
            && !matches!(zone, Zone::Related { .. })
        {
            remove(&mut removed, line, Reason::HeadlineList);
            continue;
        }
        // After the article, lines that are not sentences are widgets and headline
        // lists (also under a «related» label, once its headlines end).
        if last_par.is_some_and(|l| i > l)
            && !matches!(zone, Zone::Tags)
            // Under a «related» label, headlines are related, and a short line
            // before a resumed paragraph is the article's subheading.
            && !(matches!(zone, Zone::Related { .. })
                && (n_words >= 5
                    || lines.get(i + 1).is_some_and(|next| {
                        next.text.trim_end().ends_with('.') && is_paragraph(next)
                    })))
            // A short question or exclamation after the article is a teaser headline.
            && (!bp::ends_sentence(line)
                || (n_words <= 15 && line.trim_end().ends_with(['?', '؟', '!'])))
            && !(is_list_item(line) && n_words > 1)
            // Pages end in headline lists; a record's text may end in verse.
            && n_words <= if title_known { 15 } else { 25 }
        {
            let reason = if n_words <= 3 {
                Reason::FooterWidget
            } else {
                Reason::Navigation
            };
            remove(&mut removed, line, reason);
            continue;
        }
        match zone {
            Zone::Header => {
                // A title needs text after it: a lone line is the body.
                if doc.title.is_none() && !title_known && i + 1 < lines.len() {
                    if !is_paragraph_of(line, n_words) || n_words <= 25 {
                        let title = strip_site_suffix(line).to_string();
                        headings.insert(bp::label(&title));
                        if title != line {
                            remove(&mut removed, line, Reason::RepeatedHeading);
                        }
                        doc.title = Some(title);
                        continue;
                    }
                } else if is_paragraph_of(line, n_words) || (doc.title.is_none() && !title_known) {
                    zone = Zone::Body;
                } else if let Some(author) = byline_author(line, n_words) {
                    doc.author.get_or_insert(author);
                    remove(&mut removed, line, Reason::SourceAttribution);
                    continue;
                } else if n_words <= 3
                    && !bp::ends_sentence(line)
                    && source_from_text.is_none()
                    && doc.source.is_none()
                    && matches!(Side::of(line), Side::Outlet | Side::CityOrOutlet)
                {
                    // A bare outlet name under the headline («الخليج أونلاين»).
                    source_from_text = Some(line.to_string());
                    remove(&mut removed, line, Reason::SourceAttribution);
                    continue;
                } else if doc.subtitle.is_none()
                    && !bp::ends_sentence(line)
                    && !title_known
                    && (4..=40).contains(&n_words)
                {
                    headings.insert(label.to_string());
                    doc.subtitle = Some(line.to_string());
                    continue;
                } else if i < first_par && n_words <= 8 && !bp::ends_sentence(line) && !title_known
                {
                    // Short lines between a page's headline and its article: section
                    // names, counters, menu leftovers. (A record's text starts with
                    // its article.)
                    remove(&mut removed, line, Reason::Navigation);
                    continue;
                } else {
                    zone = Zone::Body;
                }
                body_lines.push(facts);
            }
            Zone::Related { taken } => {
                let words = n_words;
                let headline = !bp::ends_sentence(line) && words <= 25;
                // The first line under the label is a headline; later ones only when
                // headline-long (a short line is a subheading of the article).
                if headline && (taken == 0 || words >= 5) {
                    doc.related.push(line.to_string());
                    remove(&mut removed, line, Reason::ReadMore);
                    zone = Zone::Related { taken: taken + 1 };
                } else {
                    zone = Zone::Body;
                    body_lines.push(facts);
                }
            }
            Zone::Tags => {
                if !bp::ends_sentence(line) && n_words <= 40 && bp::stop_word_ratio(facts) < 0.2 {
                    doc.tags.extend(bp::split_tags(line));
                    remove(&mut removed, line, Reason::TagBlock);
                } else {
                    zone = Zone::Body;
                    body_lines.push(facts);
                }
            }
            Zone::Body => body_lines.push(facts),
        }
    }

    // Widgets after the article: short non-sentences at the very end.
    while let Some(last) = body_lines.last() {
        if bp::is_footer_line(last) {
            remove(&mut removed, last.text, Reason::FooterWidget);
            body_lines.pop();
        } else {
            break;
        }
    }
    let kept_lines = body_lines;

    let mut seen: FxHashSet<String> = FxHashSet::default();
    for line in kept_lines {
        // Every line of the body has passed the UI-string rule above.
        let cleaned = clean_inline(line.text, true, &mut removed, &mut source_from_text);
        for p in split_glued(&cleaned) {
            if p.is_empty() {
                continue;
            }
            // A tag block glued to the last paragraph with a wide gap.
            if let Some(rest) = bp::tag_label_rest(&Line::new(p)) {
                doc.tags.extend(bp::split_tags(&rest));
                remove(&mut removed, p, Reason::TagBlock);
                continue;
            }
            // A paragraph repeated verbatim is reported once.
            if seen.contains(p) {
                remove(&mut removed, p, Reason::DuplicateLine);
                continue;
            }
            seen.insert(p.to_string());
            doc.paragraphs.push(p.to_string());
        }
    }
    if doc.source.is_none() {
        doc.source = source_from_text;
    }
    doc.body = doc.paragraphs.join("\n\n");
    doc.boilerplate = removed;
    doc
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
    fn glued_paragraphs_split() {
        let parts = split_glued("الجملة الأولى انتهت هنا., الجملة الثانية بدأت., وثالثة.");
        assert_eq!(
            parts,
            ["الجملة الأولى انتهت هنا.", "الجملة الثانية بدأت.", "وثالثة."]
        );
        assert_eq!(split_glued("رقم 3.,5 هنا"), ["رقم 3.,5 هنا"]);
    }

    #[test]
    fn attribution_lines() {
        assert_eq!(
            split_attribution(&Line::new("هشام منوّر- الخليج أونلاين")),
            Some(("هشام منوّر".into(), "الخليج أونلاين".into()))
        );
        assert_eq!(
            split_attribution(&Line::new("لندن - الخليج أونلاين")),
            Some(("لندن".into(), "الخليج أونلاين".into()))
        );
        assert_eq!(
            split_attribution(&Line::new(
                "قال الوزير - في مؤتمر صحفي طويل جدا - إن المشروع بدأ."
            )),
            None
        );
    }

    #[test]
    fn attribution_either_order() {
        let read = |line: &str| {
            let (l, r) = split_attribution(&Line::new(line)).unwrap();
            let a = resolve_attribution(l, r);
            (a.dateline, a.author, a.source)
        };
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            read("لندن - الخليج أونلاين"),
            (s("لندن"), None, s("الخليج أونلاين"))
        );
        assert_eq!(read("المدينة - جدة"), (s("جدة"), None, s("المدينة")));
        assert_eq!(read("الرياض - واس"), (s("الرياض"), None, s("واس")));
        assert_eq!(read("واس – الرياض"), (s("الرياض"), None, s("واس")));
        assert_eq!(read("عين اليوم – جدة"), (s("جدة"), None, s("عين اليوم")));
        assert_eq!(
            read("أحمد البشيري – الباحة"),
            (s("الباحة"), s("أحمد البشيري"), None)
        );
        assert_eq!(
            read("مكة المكرمة – حامد القرشي"),
            (s("مكة المكرمة"), s("حامد القرشي"), None)
        );
        assert_eq!(
            read("هشام منوّر- الخليج أونلاين"),
            (None, s("هشام منوّر"), s("الخليج أونلاين"))
        );
        assert_eq!(read("اليوم- الدمام"), (s("الدمام"), None, s("اليوم")));
    }

    #[test]
    fn title_suffix() {
        assert_eq!(
            strip_site_suffix("معارضون يسيطرون - CNNArabic.com"),
            "معارضون يسيطرون"
        );
        assert_eq!(strip_site_suffix("بيروت - دمشق"), "بيروت - دمشق");
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
