//! Numeric dates: day-month-year («03/05/2016», «03 - 05 - 2016», «1.10.2012»),
//! year-month-day («2016/05/03»), Hijri numeric dates («1445/1/1 هـ», or any year
//! of 1300-1500), with a weekday before them, and day/month after «في» («في 14/4»).
//!
//! Arabic outlets write day-month-year: the month-first reading wins only when the
//! day-first one is impossible (13/05 is read as 13 May either way, 05/13 as 13 May)
//! or a weekday written before the date contradicts it.

use super::lexicon::{alternation, weekday_of, WEEKDAYS};
use super::pattern::{Captures, Regex};
use super::resolve::DateSpec;
use super::select::{at_word_edges, ends_word, num, word_before, Candidate};
use chrono::{Datelike, NaiveDate};
use std::sync::LazyLock;

/// Era markers after a year: Hijri («هـ», «هجري», «للهجرة») or Gregorian («م»).
pub(crate) const ERA: &str = r"(?:هجريه|هجري|للهجره|ه|ميلاديه|ميلادي|للميلاد|م)";

/// Whether an era marker is a Hijri one.
pub(crate) fn is_hijri_era(era: &str) -> bool {
    era.starts_with('ه') || era == "للهجره"
}

/// Hijri years, when a date has no era marker: no Gregorian year of a news text is
/// in this range.
const HIJRI_YEARS: std::ops::RangeInclusive<i32> = 1300..=1500;

static DMY: LazyLock<Regex> = LazyLock::new(|| {
    let wd = alternation(WEEKDAYS.iter().map(|p| p.0));
    Regex::new(&format!(
        r"(?:(?P<wd>{wd})\s*[,،]?\s*)?(?P<a>[0-9]{{1,2}})\s*(?P<s1>[-/.])\s*(?P<b>[0-9]{{1,2}})\s*(?P<s2>[-/.])\s*(?P<y>[0-9]{{4}})(?:\s*(?P<era>{ERA}))?"
    ))
    .expect("static regex")
});

static YMD: LazyLock<Regex> = LazyLock::new(|| {
    let wd = alternation(WEEKDAYS.iter().map(|p| p.0));
    Regex::new(&format!(
        r"(?:(?P<wd>{wd})\s*[,،]?\s*)?(?P<y>[0-9]{{4}})\s*(?P<s1>[-/.])\s*(?P<m>[0-9]{{1,2}})\s*(?P<s2>[-/.])\s*(?P<d>[0-9]{{1,2}})(?:\s*(?P<era>{ERA}))?"
    ))
    .expect("static regex")
});

static DAY_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})").expect("static regex"));

/// Numeric dates of the folded `text`.
pub(crate) fn candidates(text: &str, out: &mut Vec<Candidate>) {
    for caps in DMY.captures_iter(text) {
        if let Some(c) = dmy(text, &caps) {
            out.push(c);
        }
    }
    for caps in YMD.captures_iter(text) {
        if let Some(c) = ymd(text, &caps) {
            out.push(c);
        }
    }
    day_months(text, out);
}

/// The end of the match, with its era marker when one ends a word, and
/// whether that marker is Hijri.
fn end_and_era(text: &str, caps: &Captures<'_>, year_end: usize) -> (usize, Option<bool>) {
    match caps.name("era") {
        Some(era) if ends_word(text, era.end()) => (era.end(), Some(is_hijri_era(era.as_str()))),
        _ => (year_end, None),
    }
}

fn same_separators(caps: &Captures<'_>) -> bool {
    caps.name("s1").map(|m| m.as_str()) == caps.name("s2").map(|m| m.as_str())
}

fn dmy(text: &str, caps: &Captures<'_>) -> Option<Candidate> {
    let (a, b, y) = (caps.name("a")?, caps.name("b")?, caps.name("y")?);
    let start = caps.name("wd").map_or(a.start(), |w| w.start());
    let (end, era) = end_and_era(text, caps, y.end());
    if !same_separators(caps) || !at_word_edges(text, start, end) {
        return None;
    }
    let (a, b, year) = (
        num(a.as_str())?,
        num(b.as_str())?,
        y.as_str().parse::<i32>().ok()?,
    );
    let weekday = caps.name("wd").and_then(|w| weekday_of(w.as_str()));
    let hijri = era.unwrap_or(HIJRI_YEARS.contains(&year));
    if hijri {
        return Some(Candidate::date(start, end, hijri_spec(year, b, a, weekday)));
    }
    let day_first = NaiveDate::from_ymd_opt(year, b, a);
    let month_first = NaiveDate::from_ymd_opt(year, a, b);
    let date = match (day_first, month_first, weekday) {
        (Some(d), Some(m), Some(w)) if d.weekday() != w && m.weekday() == w => m,
        (Some(d), _, _) => d,
        (None, m, _) => m?,
    };
    Some(Candidate::date(start, end, day_spec(date, weekday)))
}

fn ymd(text: &str, caps: &Captures<'_>) -> Option<Candidate> {
    let (y, m, d) = (caps.name("y")?, caps.name("m")?, caps.name("d")?);
    let start = caps.name("wd").map_or(y.start(), |w| w.start());
    let (end, era) = end_and_era(text, caps, d.end());
    if !same_separators(caps) || !at_word_edges(text, start, end) {
        return None;
    }
    let (year, month, day) = (
        y.as_str().parse::<i32>().ok()?,
        num(m.as_str())?,
        num(d.as_str())?,
    );
    let weekday = caps.name("wd").and_then(|w| weekday_of(w.as_str()));
    if era.unwrap_or(HIJRI_YEARS.contains(&year)) {
        return Some(Candidate::date(
            start,
            end,
            hijri_spec(year, month, day, weekday),
        ));
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    Some(Candidate::date(start, end, day_spec(date, weekday)))
}

fn day_spec(date: NaiveDate, weekday: Option<chrono::Weekday>) -> DateSpec {
    DateSpec {
        year: Some(date.year()),
        month: Some(date.month()),
        day: Some(date.day()),
        weekday,
        ..DateSpec::default()
    }
}

fn hijri_spec(year: i32, month: u32, day: u32, weekday: Option<chrono::Weekday>) -> DateSpec {
    DateSpec {
        year: Some(year),
        month: Some(month),
        day: Some(day),
        weekday,
        hijri: true,
        ..DateSpec::default()
    }
}

/// «في 14/4», «يوم 3/11»: a day and a month after a word that introduces a date,
/// not followed by more digits (a fraction, a score or a longer number).
fn day_months(text: &str, out: &mut Vec<Candidate>) {
    for caps in DAY_MONTH.captures_iter(text) {
        let (Some(whole), Some(d), Some(m)) = (caps.get(0), caps.name("d"), caps.name("m")) else {
            continue;
        };
        let introduced = word_before(text, whole.start()).is_some_and(|(_, w)| {
            matches!(
                w,
                "في" | "وفي" | "يوم" | "ويوم" | "بتاريخ" | "وبتاريخ" | "تاريخ"
            )
        });
        let followed = text[whole.end()..].starts_with(['/', '-', '.', ',']);
        if !introduced || followed || !at_word_edges(text, whole.start(), whole.end()) {
            continue;
        }
        let (Some(day), Some(month)) = (num(d.as_str()), num(m.as_str())) else {
            continue;
        };
        if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
            continue;
        }
        out.push(Candidate::date(
            whole.start(),
            whole.end(),
            DateSpec {
                month: Some(month),
                day: Some(day),
                ..DateSpec::default()
            },
        ));
    }
}
