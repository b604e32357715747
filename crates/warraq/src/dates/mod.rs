//! Dates in Arabic running text: numeric dates, month names of every regional
//! system, Hijri dates, weekdays, relative expressions and times of day.
//!
//! [`find_dates`] returns every date mention with its byte span in the input.
//! Matching runs on a folded copy of the text ([`FoldOptions::DATES`]: alef, yeh
//! and teh-marbuta variants, Persian letters, Arabic-Indic and Persian digits,
//! diacritics and tatweel) so that «آذار» and «اذار», «٢٠١٦» and «2016» match
//! alike; the spans are mapped back to the raw text through its [`Folded`]
//! alignment.
//!
//! [`Folded`]: crate::text::Folded
//!
//! Month names understood (any of them may carry the clitics و ب ل ف, and two may be
//! written together as a dual form «مايو/أيار» or «أيار (مايو)»):
//!
//! | system | names |
//! |---|---|
//! | Egypt / Gulf | يناير فبراير مارس أبريل مايو يونيو/يونيه يوليو/يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر |
//! | Levant / Iraq | كانون الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين الأول تشرين الثاني كانون الأول |
//! | Morocco | ماي يوليوز غشت شتنبر نونبر دجنبر (the others as in Egypt) |
//! | Algeria / Tunisia | جانفي فيفري أفريل جوان جويلية أوت (the others as in Egypt) |
//! | Hijri | محرم صفر ربيع الأول ربيع الآخر/الثاني جمادى الأولى جمادى الآخرة رجب شعبان رمضان شوال ذو القعدة ذو الحجة |
//!
//! Hijri dates are converted to Gregorian by [`hijri`]: exactly, with the Umm al-Qura
//! table, for 1343–1500 AH (the calendar Saudi and Gulf outlets print), and with the
//! tabular Islamic calendar outside that range; a day past the end of its month
//! («30 ذو الحجة» of a 29-day month) is not a date. The mention keeps
//! [`Calendar::Hijri`] so that a caller can tell.
//!
//! A month name alone («في مارس») is not a date and is not reported, unless it is
//! made relative («مارس الماضي») and a reference date resolves it. Ambiguous short
//! names (ماي، آب، صفر، رجب) only count with a day, a year or a dual form.
//!
//! ```
//! use warraq::dates::{find_dates, DateValue};
//! use chrono::NaiveDate;
//!
//! let text = "أعلن في 11 ديسمبر/كانون الأول 2016 أن القوات انسحبت";
//! let found = find_dates(text, None);
//! assert_eq!(found.len(), 1);
//! assert_eq!(&text[found[0].start..found[0].end], "11 ديسمبر/كانون الأول 2016");
//! assert_eq!(found[0].value.iso(), "2016-12-11");
//!
//! let reference = NaiveDate::from_ymd_opt(2017, 3, 2);
//! let found = find_dates("في 26 فبراير/شباط الماضي", reference);
//! assert_eq!(found[0].value, DateValue::Day(NaiveDate::from_ymd_opt(2017, 2, 26).unwrap()));
//! assert!(found[0].relative);
//! ```

use crate::text::{fold_aligned, FoldOptions};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

mod decades;
mod durations;
pub mod eval;
mod find;
pub mod hijri;
mod lexicon;
mod named;
mod numeric;
mod periods;
mod ranges;
mod relative;
mod resolve;
mod select;
mod sets;
mod times;
pub mod timex;
mod vague;
mod years;

pub use find::{find_timexes, TimexMention};
pub use resolve::{Prefer, Resolution};

/// The value of a date mention, as precise as the text allows.
///
/// ```
/// use warraq::dates::DateValue;
/// use chrono::NaiveDate;
/// assert_eq!(DateValue::Day(NaiveDate::from_ymd_opt(2016, 12, 11).unwrap()).iso(), "2016-12-11");
/// assert_eq!(DateValue::Month { year: 2015, month: 5 }.iso(), "2015-05");
/// assert_eq!(DateValue::Year(2014).iso(), "2014");
/// assert_eq!(DateValue::DayMonth { month: 12, day: 11 }.iso(), "--12-11");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateValue {
    /// A full calendar day (Gregorian, also for converted Hijri dates).
    Day(NaiveDate),
    /// A month of a year («مايو 2015»).
    Month {
        /// The year.
        year: i32,
        /// The month, 1-12.
        month: u32,
    },
    /// A year alone («عام 2014»).
    Year(i32),
    /// A day of a month with no year («11 ديسمبر»); for a Hijri mention the month
    /// and day are Hijri (it cannot be converted without a year).
    DayMonth {
        /// The month, 1-12.
        month: u32,
        /// The day of the month.
        day: u32,
    },
}

impl DateValue {
    /// ISO 8601 form: `2016-12-11`, `2015-05`, `2014`, or `--12-11` for a day-month.
    ///
    /// ```
    /// use warraq::dates::DateValue;
    /// assert_eq!(DateValue::DayMonth { month: 3, day: 5 }.iso(), "--03-05");
    /// ```
    pub fn iso(&self) -> String {
        match self {
            DateValue::Day(d) => d.format("%Y-%m-%d").to_string(),
            DateValue::Month { year, month } => format!("{year:04}-{month:02}"),
            DateValue::Year(y) => format!("{y:04}"),
            DateValue::DayMonth { month, day } => format!("--{month:02}-{day:02}"),
        }
    }

    /// The full day, when the value is one.
    ///
    /// ```
    /// use warraq::dates::DateValue;
    /// assert_eq!(DateValue::Year(2014).day(), None);
    /// ```
    pub fn day(&self) -> Option<NaiveDate> {
        match self {
            DateValue::Day(d) => Some(*d),
            _ => None,
        }
    }
}

/// A time of day («الساعة 08:52»).
///
/// ```
/// use warraq::dates::TimeOfDay;
/// assert_eq!(TimeOfDay { hour: 8, minute: 52 }.iso(), "08:52");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimeOfDay {
    /// Hour, 0-23.
    pub hour: u32,
    /// Minute, 0-59.
    pub minute: u32,
}

impl TimeOfDay {
    /// `HH:MM`.
    ///
    /// ```
    /// use warraq::dates::TimeOfDay;
    /// assert_eq!(TimeOfDay { hour: 17, minute: 18 }.iso(), "17:18");
    /// ```
    pub fn iso(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

/// The calendar a mention was written in.
///
/// ```
/// use warraq::dates::{find_dates, Calendar};
/// assert_eq!(find_dates("1 رمضان 1437هـ", None)[0].calendar, Calendar::Hijri);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Calendar {
    /// Gregorian month names or numbers.
    Gregorian,
    /// Hijri month names or a year marked هـ (converted by [`hijri`]: Umm al-Qura
    /// for 1343–1500 AH, the tabular calendar outside).
    Hijri,
}

/// One date found in a text.
///
/// ```
/// use warraq::dates::find_dates;
/// let text = "الثلاثاء، 03-05-2016 الساعة 08:52";
/// let m = &find_dates(text, None)[0];
/// assert_eq!((m.start, m.end), (0, text.len()));
/// assert_eq!(m.value.iso(), "2016-05-03");
/// assert_eq!(m.time.unwrap().iso(), "08:52");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// Byte offset of the first byte of the mention in the input.
    pub start: usize,
    /// Byte offset just after the mention.
    pub end: usize,
    /// The date.
    pub value: DateValue,
    /// The time of day, when one is written next to the date.
    pub time: Option<TimeOfDay>,
    /// The calendar the text used.
    pub calendar: Calendar,
    /// True when the value was resolved against the reference date («أمس»، «الماضي»).
    pub relative: bool,
}

// ---------------------------------------------------------------------------
// Lexicons (folded forms).

const GREGORIAN_MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("جانفي", 1),
    ("كانون الثاني", 1),
    ("فبراير", 2),
    ("فيفري", 2),
    ("شباط", 2),
    ("مارس", 3),
    ("اذار", 3),
    ("ابريل", 4),
    ("افريل", 4),
    ("نيسان", 4),
    ("مايو", 5),
    ("ماي", 5),
    ("ايار", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("جوان", 6),
    ("حزيران", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("يوليوز", 7),
    ("جويليه", 7),
    ("تموز", 7),
    ("اغسطس", 8),
    ("غشت", 8),
    ("اوت", 8),
    ("اب", 8),
    ("سبتمبر", 9),
    ("شتنبر", 9),
    ("ايلول", 9),
    ("اكتوبر", 10),
    ("تشرين الاول", 10),
    ("نوفمبر", 11),
    ("نونبر", 11),
    ("تشرين الثاني", 11),
    ("ديسمبر", 12),
    ("دجنبر", 12),
    ("كانون الاول", 12),
];

const HIJRI_MONTHS: &[(&str, u32)] = &[
    ("محرم", 1),
    ("المحرم", 1),
    ("صفر", 2),
    ("ربيع الاول", 3),
    ("ربيع اول", 3),
    ("ربيع الاخر", 4),
    ("ربيع الثاني", 4),
    ("ربيع ثاني", 4),
    ("جمادي الاولي", 5),
    ("جمادي الاول", 5),
    ("جمادي الاخره", 6),
    ("جمادي الاخر", 6),
    ("جمادي الثانيه", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعده", 11),
    ("ذي القعده", 11),
    ("ذو الحجه", 12),
    ("ذي الحجه", 12),
];

/// Short names that are also common words; they need a day, a year or a dual form.
const AMBIGUOUS_MONTHS: &[&str] = &["ماي", "اب", "صفر", "رجب", "اوت"];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("الاحد", Weekday::Sun),
    ("الاثنين", Weekday::Mon),
    ("الثلاثاء", Weekday::Tue),
    ("الاربعاء", Weekday::Wed),
    ("الخميس", Weekday::Thu),
    ("الجمعه", Weekday::Fri),
    ("السبت", Weekday::Sat),
];

fn month_of(name: &str) -> Option<(u32, Calendar)> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    GREGORIAN_MONTHS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, m)| (*m, Calendar::Gregorian))
        .or_else(|| {
            HIJRI_MONTHS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, m)| (*m, Calendar::Hijri))
        })
}

fn weekday_of(name: &str) -> Option<Weekday> {
    WEEKDAYS.iter().find(|(n, _)| *n == name).map(|(_, w)| *w)
}

/// An alternation of the names, longest first, spaces matching any whitespace.
fn alternation<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut names: Vec<&str> = names.collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
        .iter()
        .map(|n| regex::escape(n).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

fn months_alternation() -> String {
    alternation(
        GREGORIAN_MONTHS
            .iter()
            .chain(HIJRI_MONTHS.iter())
            .map(|(n, _)| *n),
    )
}

fn weekdays_alternation() -> String {
    alternation(WEEKDAYS.iter().map(|(n, _)| *n))
}

const RELATIVE_WORDS: &str =
    r"الماضي|الماضيه|المنصرم|المنصرمه|الفائت|المقبل|المقبله|القادم|القادمه|الحالي|الجاري";

static NUMERIC_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?P<wd>{})\s*[,،]?\s*)?(?P<a>\d{{1,2}})\s*(?P<sep>[-/.])\s*(?P<b>\d{{1,2}})\s*[-/.]\s*(?P<y>\d{{4}})",
        weekdays_alternation()
    ))
    .expect("static regex")
});

static NUMERIC_YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?P<wd>{})\s*[,،]?\s*)?(?P<y>\d{{4}})\s*[-/.]\s*(?P<m>\d{{1,2}})\s*[-/.]\s*(?P<d>\d{{1,2}})",
        weekdays_alternation()
    ))
    .expect("static regex")
});

static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    let months = months_alternation();
    Regex::new(&format!(
        r"(?:(?P<wd>{wd})\s*[,،]?\s*(?:الموافق\s+)?)?(?:(?P<d>\d{{1,2}})\s*(?:من\s+)?)?(?P<clitic>و?[بلف]?)(?P<m1>{months})(?:\s*(?:/|\(|-)\s*(?P<m2>{months})(?:\s*\))?)?(?:\s*[,،]?\s*(?:من\s+)?(?:ال)?(?:عام|سنه)?\s*(?P<y>\d{{4}})(?:\s*(?P<era>ه|م)(?P<after>$|[^\p{{L}}\p{{N}}]))?|\s+(?P<rel>{rel}))?",
        wd = weekdays_alternation(),
        rel = RELATIVE_WORDS,
    ))
    .expect("static regex")
});

static MARKED_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<kw>(?:و?[بلف]?)(?:ال)?(?:عام|سنه|العام))\s+(?P<y>\d{4})(?:\s*(?P<era>ه|م)(?P<after>$|[^\p{L}\p{N}]))?")
        .expect("static regex")
});

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<clitic>و?[بلف]?)(?:(?P<day>امس|البارحه|اليوم|غدا|اول\s+امس)(?:\s+(?P<wd1>{wd}))?|(?P<unit>الشهر|العام|السنه)\s+(?P<rel>{rel})|(?:يوم\s+)(?P<wd2>{wd})(?:\s+(?P<rel2>{rel}))?)",
        wd = weekdays_alternation(),
        rel = RELATIVE_WORDS,
    ))
    .expect("static regex")
});

static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s,،\-–|]*(?:في\s+)?(?:على\s+)?(?:الساعه\s*|س\s*)?(?P<h>\d{1,2})\s*:\s*(?P<mi>\d{2})(?:\s*(?P<ampm>ص|م|صباحا|مساء|مساء))?")
        .expect("static regex")
});

// ---------------------------------------------------------------------------
// Calendar arithmetic.

/// Gregorian date of a Hijri date: the Umm al-Qura calendar for 1343–1500 AH, the
/// civil tabular calendar outside (see [`hijri`]). `None` when the date does not
/// exist: a month outside 1-12, a year before 1 AH, or a day past the end of its
/// month in the calendar in force (30 Ramadan 1438 does not exist: that Ramadan had
/// 29 days). Before Umm al-Qura conversion came in, every year used the tabular
/// calendar, which is a day or two off the Umm al-Qura one for most dates of the era
/// and rolled a 30th day of a 29-day month over into the next month.
///
/// ```
/// use warraq::dates::hijri_to_gregorian;
/// use chrono::NaiveDate;
/// assert_eq!(hijri_to_gregorian(1437, 9, 1), NaiveDate::from_ymd_opt(2016, 6, 6));
/// assert_eq!(hijri_to_gregorian(1438, 9, 30), None);
/// assert_eq!(hijri_to_gregorian(1, 1, 1), NaiveDate::from_ymd_opt(622, 7, 19));
/// ```
pub fn hijri_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    hijri::HijriDate::new(year, month, day)
        .ok()
        .map(|h| h.to_gregorian())
}

fn last_weekday_on_or_before(reference: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back =
        (7 + reference.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    reference - Duration::days(i64::from(back))
}

fn add_months(year: i32, month: u32, delta: i32) -> (i32, u32) {
    let index = year * 12 + i32::try_from(month).unwrap_or(1) - 1 + delta;
    (
        index.div_euclid(12),
        u32::try_from(index.rem_euclid(12)).unwrap_or(0) + 1,
    )
}

fn is_forward(rel: &str) -> Option<bool> {
    if rel.starts_with("الماضي") || rel.starts_with("المنصرم") || rel == "الفائت"
    {
        Some(false)
    } else if rel.starts_with("المقبل") || rel.starts_with("القادم") {
        Some(true)
    } else {
        None // الحالي / الجاري: this one
    }
}

// ---------------------------------------------------------------------------
// Finding.

fn is_letter_or_digit(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when the folded text has no letter or digit right before `start` and right
/// after `end`: a mention never starts or ends inside a word.
fn at_word_edges(text: &str, start: usize, end: usize) -> bool {
    let before_ok = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_letter_or_digit(c));
    let after_ok = text[end..]
        .chars()
        .next()
        .is_none_or(|c| !is_letter_or_digit(c));
    before_ok && after_ok
}

fn num(s: &str) -> Option<u32> {
    s.parse().ok()
}

fn time_after(folded: &str, end: usize) -> Option<(TimeOfDay, usize)> {
    let caps = TIME_AFTER.captures(&folded[end..])?;
    let mut hour = num(caps.name("h")?.as_str())?;
    let minute = num(caps.name("mi")?.as_str())?;
    if let Some(ampm) = caps.name("ampm") {
        if ampm.as_str().starts_with('م') && hour < 12 {
            hour += 12;
        }
    }
    if hour > 23 || minute > 59 {
        return None;
    }
    let whole = caps.get(0)?;
    Some((TimeOfDay { hour, minute }, end + whole.end()))
}

struct Candidate {
    start: usize,
    end: usize,
    value: DateValue,
    calendar: Calendar,
    relative: bool,
    /// Whether a time may follow (dates with a day).
    timed: bool,
}

fn numeric_candidates(folded: &str, out: &mut Vec<Candidate>) {
    for caps in NUMERIC_DMY.captures_iter(folded) {
        let (Some(whole), Some(a), Some(b), Some(y)) =
            (caps.get(0), caps.name("a"), caps.name("b"), caps.name("y"))
        else {
            continue;
        };
        let start = caps.name("wd").map_or(a.start(), |w| w.start());
        if !at_word_edges(folded, start, whole.end()) {
            continue;
        }
        let (Some(a_n), Some(b_n), Some(year)) = (
            num(a.as_str()),
            num(b.as_str()),
            y.as_str().parse::<i32>().ok(),
        ) else {
            continue;
        };
        let weekday = caps.name("wd").and_then(|w| weekday_of(w.as_str()));
        let day_first = NaiveDate::from_ymd_opt(year, b_n, a_n);
        let month_first = NaiveDate::from_ymd_opt(year, a_n, b_n);
        // Arabic outlets write day-month-year; the month-first reading wins only when
        // the day-first one is impossible or contradicts the written weekday.
        let date = match (day_first, month_first, weekday) {
            (Some(d), Some(m), Some(w)) if d.weekday() != w && m.weekday() == w => Some(m),
            (Some(d), _, _) => Some(d),
            (None, m, _) => m,
        };
        if let Some(date) = date {
            out.push(Candidate {
                start,
                end: whole.end(),
                value: DateValue::Day(date),
                calendar: Calendar::Gregorian,
                relative: false,
                timed: true,
            });
        }
    }
    for caps in NUMERIC_YMD.captures_iter(folded) {
        let (Some(whole), Some(y), Some(m), Some(d)) =
            (caps.get(0), caps.name("y"), caps.name("m"), caps.name("d"))
        else {
            continue;
        };
        let start = caps.name("wd").map_or(y.start(), |w| w.start());
        if !at_word_edges(folded, start, whole.end()) {
            continue;
        }
        let date = y
            .as_str()
            .parse::<i32>()
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, num(m.as_str())?, num(d.as_str())?));
        if let Some(date) = date {
            out.push(Candidate {
                start,
                end: whole.end(),
                value: DateValue::Day(date),
                calendar: Calendar::Gregorian,
                relative: false,
                timed: true,
            });
        }
    }
}

fn resolve_day_month(
    reference: NaiveDate,
    month: u32,
    day: u32,
    forward: Option<bool>,
) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(reference.year(), month, day);
    match forward {
        Some(false) => match this_year {
            Some(d) if d < reference => Some(d),
            _ => NaiveDate::from_ymd_opt(reference.year() - 1, month, day),
        },
        Some(true) => match this_year {
            Some(d) if d > reference => Some(d),
            _ => NaiveDate::from_ymd_opt(reference.year() + 1, month, day),
        },
        None => this_year,
    }
}

fn resolve_month(reference: NaiveDate, month: u32, forward: Option<bool>) -> (i32, u32) {
    let year = match forward {
        Some(false) if month >= reference.month() => reference.year() - 1,
        Some(true) if month <= reference.month() => reference.year() + 1,
        _ => reference.year(),
    };
    (year, month)
}

fn named_candidates(folded: &str, reference: Option<NaiveDate>, out: &mut Vec<Candidate>) {
    for caps in NAMED.captures_iter(folded) {
        let Some(m1) = caps.name("m1") else { continue };
        let Some((month, mut calendar)) = month_of(m1.as_str()) else {
            continue;
        };
        let m2 = caps.name("m2");
        let day_match = caps.name("d");
        let year_match = caps.name("y");
        let rel_match = caps.name("rel");
        let start = caps
            .name("wd")
            .or(day_match)
            .or(caps.name("clitic").filter(|c| !c.as_str().is_empty()))
            .map_or(m1.start(), |g| g.start());
        let mut end = [
            m1.end(),
            m2.map_or(0, |m| m.end()),
            year_match.map_or(0, |m| m.end()),
            rel_match.map_or(0, |m| m.end()),
        ]
        .into_iter()
        .max()
        .unwrap_or(m1.end());
        // A closing bracket of «أيار (مايو)» belongs to the mention.
        if m2.is_some() && folded[end..].starts_with(')') && year_match.is_none() {
            end += 1;
        }
        if let Some(era) = caps.name("era") {
            end = era.end();
            if era.as_str() == "ه" {
                calendar = Calendar::Hijri;
            }
        }
        if !at_word_edges(folded, start, m1.end().max(end)) {
            continue;
        }
        // The dual form must agree on the month.
        if let Some(m2) = m2 {
            if month_of(m2.as_str()).map(|(m, _)| m) != Some(month) {
                continue;
            }
        }
        let ambiguous = AMBIGUOUS_MONTHS.contains(&m1.as_str());
        if ambiguous && day_match.is_none() && year_match.is_none() && m2.is_none() {
            continue;
        }
        let day = day_match
            .and_then(|d| num(d.as_str()))
            .filter(|d| (1..=31).contains(d));
        if day_match.is_some() && day.is_none() {
            continue;
        }
        let year = year_match.and_then(|y| y.as_str().parse::<i32>().ok());
        let (value, relative) = match (day, year, rel_match, reference) {
            (Some(d), Some(y), _, _) => {
                let date = if calendar == Calendar::Hijri {
                    hijri_to_gregorian(y, month, d)
                } else {
                    NaiveDate::from_ymd_opt(y, month, d)
                };
                match date {
                    Some(date) => (DateValue::Day(date), false),
                    None => continue,
                }
            }
            (None, Some(y), _, _) => {
                if calendar == Calendar::Hijri {
                    // A Hijri month straddles two Gregorian months: keep its first day's month.
                    match hijri_to_gregorian(y, month, 1) {
                        Some(d) => (
                            DateValue::Month {
                                year: d.year(),
                                month: d.month(),
                            },
                            false,
                        ),
                        None => continue,
                    }
                } else {
                    (DateValue::Month { year: y, month }, false)
                }
            }
            (Some(d), None, Some(rel), Some(reference)) if calendar == Calendar::Gregorian => {
                match resolve_day_month(reference, month, d, is_forward(rel.as_str())) {
                    Some(date) => (DateValue::Day(date), true),
                    None => continue,
                }
            }
            (Some(d), None, _, _) => {
                // Without a resolvable relative word, the relative word is not part of the mention.
                if rel_match.is_some() {
                    end = [m1.end(), m2.map_or(0, |m| m.end())]
                        .into_iter()
                        .max()
                        .unwrap_or(end);
                    if m2.is_some() && folded[end..].starts_with(')') {
                        end += 1;
                    }
                }
                (DateValue::DayMonth { month, day: d }, false)
            }
            (None, None, Some(rel), Some(reference)) if calendar == Calendar::Gregorian => {
                let (year, month) = resolve_month(reference, month, is_forward(rel.as_str()));
                (DateValue::Month { year, month }, true)
            }
            _ => continue,
        };
        out.push(Candidate {
            start,
            end,
            value,
            calendar,
            relative,
            timed: day.is_some(),
        });
    }
}

fn year_candidates(folded: &str, out: &mut Vec<Candidate>) {
    for caps in MARKED_YEAR.captures_iter(folded) {
        let (Some(kw), Some(y)) = (caps.name("kw"), caps.name("y")) else {
            continue;
        };
        let mut end = y.end();
        let mut calendar = Calendar::Gregorian;
        if let Some(era) = caps.name("era") {
            end = era.end();
            if era.as_str() == "ه" {
                calendar = Calendar::Hijri;
            }
        }
        if !at_word_edges(folded, kw.start(), end) {
            continue;
        }
        let Ok(year) = y.as_str().parse::<i32>() else {
            continue;
        };
        let value = if calendar == Calendar::Hijri {
            match hijri_to_gregorian(year, 1, 1) {
                Some(d) => DateValue::Year(d.year()),
                None => continue,
            }
        } else {
            DateValue::Year(year)
        };
        out.push(Candidate {
            start: y.start(),
            end,
            value,
            calendar,
            relative: false,
            timed: false,
        });
    }
}

fn relative_candidates(folded: &str, reference: NaiveDate, out: &mut Vec<Candidate>) {
    for caps in RELATIVE.captures_iter(folded) {
        let Some(whole) = caps.get(0) else { continue };
        if !at_word_edges(folded, whole.start(), whole.end()) {
            continue;
        }
        let value = if let Some(day) = caps.name("day") {
            let word = day.as_str();
            let offset = if word.starts_with("اول") {
                -2
            } else if word == "امس" || word == "البارحه" {
                -1
            } else if word == "غدا" {
                1
            } else {
                0
            };
            DateValue::Day(reference + Duration::days(offset))
        } else if let (Some(unit), Some(rel)) = (caps.name("unit"), caps.name("rel")) {
            let delta = match is_forward(rel.as_str()) {
                Some(true) => 1,
                Some(false) => -1,
                None => 0,
            };
            if unit.as_str() == "الشهر" {
                let (year, month) = add_months(reference.year(), reference.month(), delta);
                DateValue::Month { year, month }
            } else {
                DateValue::Year(reference.year() + delta)
            }
        } else if let Some(wd) = caps.name("wd2").and_then(|w| weekday_of(w.as_str())) {
            let last = last_weekday_on_or_before(reference, wd);
            match caps.name("rel2").map(|r| is_forward(r.as_str())) {
                Some(Some(true)) => DateValue::Day(last + Duration::days(7)),
                Some(Some(false)) if last == reference => DateValue::Day(last - Duration::days(7)),
                _ => DateValue::Day(last),
            }
        } else {
            continue;
        };
        out.push(Candidate {
            start: whole.start(),
            end: whole.end(),
            value,
            calendar: Calendar::Gregorian,
            relative: true,
            timed: matches!(value, DateValue::Day(_)),
        });
    }
}

/// Every date mention in `text`, in order, with byte spans into `text`.
///
/// `reference` (typically the article's publication date) resolves relative
/// expressions: «أمس»، «اليوم»، «غداً»، «أمس الاثنين»، «يوم الاثنين»، «الشهر الماضي»،
/// «العام المقبل»، «مارس/آذار الماضي» (the last March before the reference) and
/// «26 فبراير/شباط الماضي». Without a reference they are not reported (a day-month
/// with «الماضي» is reported as a [`DateValue::DayMonth`]).
///
/// Numeric dates are read day-month-year (03-05-2016 is 3 May), as Arabic outlets
/// write them, unless that reading is impossible or a weekday written before the
/// date contradicts it. A time written after a day («الساعة 08:52»، «17:18») is
/// attached to it.
///
/// ```
/// use warraq::dates::find_dates;
/// use chrono::NaiveDate;
/// let text = "وبثت القناة أمس الاثنين تقريراً عن وثيقة من مارس/آذار الماضي";
/// let found = find_dates(text, NaiveDate::from_ymd_opt(2016, 5, 3));
/// let values: Vec<String> = found.iter().map(|m| m.value.iso()).collect();
/// assert_eq!(values, ["2016-05-02", "2016-03"]);
/// assert_eq!(&text[found[0].start..found[0].end], "أمس الاثنين");
/// ```
pub fn find_dates(text: &str, reference: Option<NaiveDate>) -> Vec<DateMention> {
    let folded = fold_aligned(text, &FoldOptions::DATES);
    let f = folded.text();
    let mut candidates = Vec::new();
    numeric_candidates(f, &mut candidates);
    named_candidates(f, reference, &mut candidates);
    year_candidates(f, &mut candidates);
    if let Some(reference) = reference {
        relative_candidates(f, reference, &mut candidates);
    }
    // Longest leftmost wins; overlapping shorter candidates are dropped.
    candidates.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let mut mentions: Vec<DateMention> = Vec::new();
    let mut covered = 0;
    for c in candidates {
        if c.start < covered || c.start >= c.end {
            continue;
        }
        let mut end = c.end;
        let mut time = None;
        if c.timed {
            if let Some((t, time_end)) = time_after(f, end) {
                time = Some(t);
                end = time_end;
            }
        }
        covered = end;
        // A candidate is a non-empty span of the folded text on character boundaries.
        let Some(Range { start, end }) = folded.raw_span(c.start..end) else {
            continue;
        };
        mentions.push(DateMention {
            start,
            end,
            value: c.value,
            time,
            calendar: c.calendar,
            relative: c.relative,
        });
    }
    mentions
}

/// The publication date of a short "date line" such as «الثلاثاء، 03-05-2016 الساعة
/// 08:52» or «نشر في الأول يوم 03 - 05 - 2016»: the first mention that names a
/// full day, or else the first absolute mention of any precision.
///
/// The line is read by [`find_timexes`], the recogniser [`crate::entities`] uses, with
/// no reference date: a date line and a date in a body are read alike, Hijri dates
/// through the Umm al-Qura table («الخميس 1 رمضان 1437هـ» is 2016-06-06), and an
/// explicit date wins over the weekday written next to it.
///
/// Returns `None` when the line has no absolute date.
///
/// ```
/// use warraq::dates::{parse_date_line, Calendar};
/// let m = parse_date_line("نشر في الأول يوم 03 - 05 - 2016").unwrap();
/// assert_eq!(m.value.iso(), "2016-05-03");
/// let m = parse_date_line("الخميس 1 رمضان 1437هـ").unwrap();
/// assert_eq!((m.value.iso(), m.calendar), ("2016-06-06".to_string(), Calendar::Hijri));
/// assert!(parse_date_line("لا تاريخ هنا").is_none());
/// ```
pub fn parse_date_line(line: &str) -> Option<DateMention> {
    // Without a reference date every absolute date has a day or a year in digits
    // (`\d`, any decimal digit; folding only maps digits to digits): most lines have
    // none, and are answered without the folding and the regex scans.
    let has_digit = line.bytes().any(|b| b.is_ascii_digit())
        || line.chars().any(|c| !c.is_ascii() && c.is_numeric());
    if !has_digit {
        return None;
    }
    let found: Vec<DateMention> = find_timexes(line, &Resolution::default())
        .iter()
        .filter_map(DateMention::from_timex)
        .collect();
    found
        .iter()
        .find(|m| matches!(m.value, DateValue::Day(_)))
        .or_else(|| {
            found
                .iter()
                .find(|m| !matches!(m.value, DateValue::DayMonth { .. }))
        })
        .cloned()
}

impl DateMention {
    /// The date of a temporal expression, when it is a day, a month or a year of a
    /// known year, or a day of a known month (a day-month): `None` for durations,
    /// sets, weeks, seasons, decades and vague references.
    ///
    /// ```
    /// use warraq::dates::{find_timexes, DateMention, Resolution};
    /// let found = find_timexes("الثلاثاء، 03-05-2016 الساعة 08:52", &Resolution::default());
    /// let m = DateMention::from_timex(&found[0]).unwrap();
    /// assert_eq!((m.value.iso(), m.time.unwrap().iso()), ("2016-05-03".into(), "08:52".into()));
    /// assert!(DateMention::from_timex(&find_timexes("3 أيام", &Resolution::default())[0]).is_none());
    /// ```
    #[must_use]
    pub fn from_timex(m: &TimexMention) -> Option<DateMention> {
        use timex::{Clock, Detail, TimexValue, Year};
        let (point, clock) = match &m.timex.value {
            TimexValue::Date(p) => (p, None),
            TimexValue::DateTime(p, c) => (p, Some(c)),
            _ => return None,
        };
        let value = match (point.year, point.detail) {
            (Year::Known(y), Detail::Day(Some(month), Some(day))) => DateValue::Day(
                NaiveDate::from_ymd_opt(y, u32::from(month), u32::from(day))?,
            ),
            (Year::Known(year), Detail::Month(Some(month))) => DateValue::Month {
                year,
                month: u32::from(month),
            },
            (Year::Known(y), Detail::None) => DateValue::Year(y),
            (Year::Unknown, Detail::Day(Some(month), Some(day))) if m.timex.calendar.is_none() => {
                DateValue::DayMonth {
                    month: u32::from(month),
                    day: u32::from(day),
                }
            }
            _ => return None,
        };
        let time = match clock {
            Some(Clock::At { hour, minute, .. }) if *hour < 24 => Some(TimeOfDay {
                hour: u32::from(*hour),
                minute: u32::from(minute.unwrap_or(0)),
            }),
            _ => None,
        };
        Some(DateMention {
            start: m.start,
            end: m.end,
            value,
            time,
            calendar: if m.timex.calendar.is_some() {
                Calendar::Hijri
            } else {
                Calendar::Gregorian
            },
            relative: m.timex.anchor == timex::Anchor::Reference,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn one(text: &str, reference: Option<NaiveDate>) -> DateMention {
        let found = find_dates(text, reference);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn span<'a>(text: &'a str, m: &DateMention) -> &'a str {
        &text[m.start..m.end]
    }

    #[test]
    fn numeric_day_month_year_with_weekday_and_time() {
        let text = "الثلاثاء، 03-05-2016 الساعة 08:52\nلندن";
        let m = one(text, None);
        assert_eq!(m.value, DateValue::Day(d(2016, 5, 3)));
        assert_eq!(
            m.time,
            Some(TimeOfDay {
                hour: 8,
                minute: 52
            })
        );
        assert_eq!(span(text, &m), "الثلاثاء، 03-05-2016 الساعة 08:52");
        let m = one("الخميس، 02-03-2017 الساعة 15:59", None);
        assert_eq!(m.value.iso(), "2017-03-02");
    }

    #[test]
    fn weekday_decides_month_first_reading() {
        // 2016-03-05 is a Saturday, 2016-05-03 a Tuesday.
        assert_eq!(one("السبت 05/03/2016", None).value.iso(), "2016-03-05");
        assert_eq!(one("السبت 03/05/2016", None).value.iso(), "2016-03-05");
        assert_eq!(one("03/05/2016", None).value.iso(), "2016-05-03");
        assert_eq!(one("12/25/2016", None).value.iso(), "2016-12-25");
    }

    #[test]
    fn spaced_and_year_first_numeric() {
        let text = "نشر في الأول يوم 03 - 05 - 2016";
        let m = one(text, None);
        assert_eq!(m.value.iso(), "2016-05-03");
        assert_eq!(span(text, &m), "03 - 05 - 2016");
        assert_eq!(one("2016/05/03", None).value.iso(), "2016-05-03");
        assert_eq!(one("٢٠١٦-٠٥-٠٣ ١٧:١٨", None).time.unwrap().iso(), "17:18");
    }

    #[test]
    fn month_names_of_every_system() {
        let cases = [
            ("3 يناير 2016", "2016-01-03"),
            ("3 كانون الثاني 2016", "2016-01-03"),
            ("3 جانفي 2016", "2016-01-03"),
            ("3 فيفري 2016", "2016-02-03"),
            ("3 شباط 2016", "2016-02-03"),
            ("3 آذار 2016", "2016-03-03"),
            ("3 أبريل 2016", "2016-04-03"),
            ("3 ابريل 2016", "2016-04-03"),
            ("3 أفريل 2016", "2016-04-03"),
            ("3 نيسان 2016", "2016-04-03"),
            ("3 ماي 2016", "2016-05-03"),
            ("3 أيار 2016", "2016-05-03"),
            ("3 يونيه 2016", "2016-06-03"),
            ("3 جوان 2016", "2016-06-03"),
            ("3 حزيران 2016", "2016-06-03"),
            ("3 يوليوز 2016", "2016-07-03"),
            ("3 جويلية 2016", "2016-07-03"),
            ("3 تموز 2016", "2016-07-03"),
            ("3 غشت 2016", "2016-08-03"),
            ("3 أوت 2016", "2016-08-03"),
            ("3 آب 2016", "2016-08-03"),
            ("3 اغسطس 2016", "2016-08-03"),
            ("3 شتنبر 2016", "2016-09-03"),
            ("3 أيلول 2016", "2016-09-03"),
            ("3 تشرين الأول 2016", "2016-10-03"),
            ("3 نونبر 2016", "2016-11-03"),
            ("3 تشرين الثاني 2016", "2016-11-03"),
            ("3 دجنبر 2016", "2016-12-03"),
            ("3 كانون الأول 2016", "2016-12-03"),
        ];
        for (text, iso) in cases {
            let m = one(text, None);
            assert_eq!(m.value.iso(), iso, "{text}");
            assert_eq!(span(text, &m), text);
            assert_eq!(m.calendar, Calendar::Gregorian);
        }
    }

    #[test]
    fn glued_digits_clitics_and_indic_digits() {
        let text = "وقع الحادث في 3 ماي2016 بالرباط";
        let m = one(text, None);
        assert_eq!(m.value.iso(), "2016-05-03");
        assert_eq!(span(text, &m), "3 ماي2016");
        let text = "انطلقت بمارس 2015 وفي يناير 2016";
        let found = find_dates(text, None);
        assert_eq!(
            found.iter().map(|m| m.value.iso()).collect::<Vec<_>>(),
            ["2015-03", "2016-01"]
        );
        assert_eq!(span(text, &found[0]), "بمارس 2015");
        assert_eq!(one("١١ ديسمبر ٢٠١٦", None).value.iso(), "2016-12-11");
    }

    #[test]
    fn dual_forms() {
        let text = "أواخر مايو/أيار 2015، بعد انسحاب";
        let m = one(text, None);
        assert_eq!(
            m.value,
            DateValue::Month {
                year: 2015,
                month: 5
            }
        );
        assert_eq!(span(text, &m), "مايو/أيار 2015");
        let text = "في 11 ديسمبر/كانون الأول الماضي";
        let m = one(text, None);
        assert_eq!(m.value, DateValue::DayMonth { month: 12, day: 11 });
        assert_eq!(span(text, &m), "11 ديسمبر/كانون الأول");
        assert_eq!(one("أيار (مايو) 2015", None).value.iso(), "2015-05");
        // Disagreeing halves are not a dual form.
        assert!(find_dates("مايو/آب", None).is_empty());
    }

    #[test]
    fn hijri_dates() {
        let m = one("الموافق 1 رمضان 1437هـ", None);
        assert_eq!(m.calendar, Calendar::Hijri);
        let day = m.value.day().unwrap();
        assert!((day - d(2016, 6, 6)).num_days().abs() <= 1, "{day}");
        let m = one("10 ذو الحجة 1436 هـ", None);
        assert!((m.value.day().unwrap() - d(2015, 9, 24)).num_days().abs() <= 1);
        let m = one("15 جمادى الآخرة 1440", None);
        assert_eq!(m.calendar, Calendar::Hijri);
        assert!((m.value.day().unwrap() - d(2019, 2, 20)).num_days().abs() <= 1);
        assert_eq!(hijri_to_gregorian(1, 1, 1), Some(d(622, 7, 19)));
        assert_eq!(hijri_to_gregorian(1437, 13, 1), None);
        assert_eq!(one("ربيع الأول 1438", None).calendar, Calendar::Hijri);
    }

    #[test]
    fn years_and_day_months() {
        let text = "منذ عام 2014 وحتى سنة 2011م";
        let found = find_dates(text, None);
        assert_eq!(
            found.iter().map(|m| m.value.iso()).collect::<Vec<_>>(),
            ["2014", "2011"]
        );
        assert_eq!(span(text, &found[0]), "2014");
        assert_eq!(span(text, &found[1]), "2011م");
        // A bare number is not a year.
        assert!(find_dates("بلغ العدد 2014 شخصا", None).is_empty());
        assert_eq!(one("في 28 مايو", None).value.iso(), "--05-28");
    }

    #[test]
    fn ambiguous_names_alone_are_not_dates() {
        assert!(find_dates("قال الأب إن رجب وصفر غادرا في مارس", None).is_empty());
        assert!(find_dates("ماي فريند", None).is_empty());
        assert!(find_dates("مارسيليا", None).is_empty());
    }

    #[test]
    fn relative_expressions() {
        let reference = Some(d(2016, 5, 3));
        let text = "وبثت القناة أمس الاثنين تقريراً";
        let m = one(text, reference);
        assert_eq!(m.value.iso(), "2016-05-02");
        assert!(m.relative);
        assert_eq!(one("اليوم", reference).value.iso(), "2016-05-03");
        assert_eq!(one("في مارس/آذار الماضي", reference).value.iso(), "2016-03");
        assert_eq!(one("في مايو الماضي", reference).value.iso(), "2015-05");
        assert_eq!(one("في يونيو المقبل", reference).value.iso(), "2016-06");
        assert_eq!(one("الشهر الماضي", reference).value.iso(), "2016-04");
        assert_eq!(one("العام الماضي", reference).value.iso(), "2015");
        assert_eq!(one("العام المقبل", reference).value.iso(), "2017");
        assert_eq!(
            one("يوم الخميس الماضي", reference).value.iso(),
            "2016-04-28"
        );
        let m = one("في 26 فبراير/شباط الماضي", Some(d(2017, 3, 2)));
        assert_eq!(m.value.iso(), "2017-02-26");
        assert_eq!(
            one("في 28 مايو/أيار الماضي", Some(d(2016, 5, 3)))
                .value
                .iso(),
            "2015-05-28"
        );
        assert_eq!(
            one("في 5 يناير المقبل", Some(d(2016, 5, 3))).value.iso(),
            "2017-01-05"
        );
        // Without a reference, relative words give nothing.
        assert!(find_dates("أمس الاثنين والشهر الماضي", None).is_empty());
    }

    #[test]
    fn spans_cover_raw_text_with_diacritics() {
        let text = "في ١١ دِيسَمْبَر ٢٠١٦ قال";
        let m = one(text, None);
        assert_eq!(span(text, &m), "١١ دِيسَمْبَر ٢٠١٦");
        let text = "الساعة 17:18 من يوم 2016-05-03 17:18";
        let m = one(text, None);
        assert_eq!(m.time.unwrap().iso(), "17:18");
        assert_eq!(span(text, &m), "2016-05-03 17:18");
    }

    #[test]
    fn date_line_helper() {
        let m = parse_date_line("الثلاثاء، 03-05-2016 الساعة 08:52").unwrap();
        assert_eq!(m.value.iso(), "2016-05-03");
        assert_eq!(m.time.unwrap().iso(), "08:52");
        assert_eq!(
            parse_date_line("نشر في الأول يوم 03 - 05 - 2016")
                .unwrap()
                .value
                .iso(),
            "2016-05-03"
        );
        assert_eq!(
            parse_date_line("11 ديسمبر/كانون الأول 2016")
                .unwrap()
                .value
                .iso(),
            "2016-12-11"
        );
        assert!(parse_date_line("في 28 مايو").is_none());
    }

    #[test]
    fn invalid_numbers_are_not_dates() {
        assert!(find_dates("31-02-2016", None).is_empty());
        assert!(find_dates("الرقم 123-45-6789", None).is_empty());
        assert!(find_dates("40 مارس 2016", None).is_empty());
    }
}
