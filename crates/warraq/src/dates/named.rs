//! Dates with a month name, of every regional system and of the Hijri calendar:
//! «11 ديسمبر/كانون الأول 2016», «أيار (مايو) 2015», «الأول من شباط», «أول يوليو
//! 2019», «شهر غشت 2021», «26 فبراير الماضي», «مارس من العام الماضي», «يوم الأحد 1
//! مايو 2016», «15 جمادى الآخرة 1440هـ». Any of the names may carry the clitics و ف
//! ب ل ك, and two may be written together as a dual form («مايو/أيار», «أيار
//! (مايو)»), which must agree.
//!
//! A month name alone is a date only where a date is expected: after «في»,
//! «خلال», «منذ», «حتى», «من» and the like, or after «شهر»; the names that are also
//! common words or first names ([`AMBIGUOUS_MONTHS`]) need a day, a year, «شهر», a
//! dual form or a relative word, and a Hijri month alone needs «شهر».

use super::lexicon::{
    alternation, month_of, months_alternation, ordinal_pattern, ordinal_value,
    relative_alternation, weekday_of, year_ref_pattern, year_shift, AMBIGUOUS_MONTHS, CLITICS,
    FIRST_DAY, WEEKDAYS,
};
use super::numeric::ERA;
use super::pattern::{Captures, Regex};
use super::resolve::DateSpec;
use super::select::{
    at_word_edges, ends_word, num, scan, toward_of, word_before, Candidate, Verdict,
};
use std::sync::LazyLock;

static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    let months = months_alternation();
    let wd = alternation(WEEKDAYS.iter().map(|p| p.0));
    let ord = ordinal_pattern();
    let first = alternation(FIRST_DAY.iter().copied());
    let rel = relative_alternation();
    let year_ref = year_ref_pattern();
    Regex::new(&format!(
        r"(?x)
        (?P<yawm>[وفك]?[بل]?يوم\s+)?
        (?:(?P<wd>{wd})\s*[,،]?\s*(?:الموافق\s+)?)?
        (?:(?P<dc>[وف])?(?P<d>[0-9]{{1,2}}|{ord}|{first})\s*(?P<min>من\s+)?)?
        (?P<shahr>[وف]?[بل]?شهر\s+)?
        (?P<clitic>{CLITICS})(?P<m1>{months})
        (?:\s*(?:/|\(|-)\s*(?P<m2>{months})(?P<close>\s*\))?)?
        (?:
            \s*[,،]?\s*(?:من\s+)?(?:(?:ال)?(?:عام|سنه)\s+)?(?P<y>[0-9]{{4}})(?:\s*(?P<era>{ERA}))?
          | \s+(?P<rel>{rel})
          | \s+من\s+(?P<yref>{year_ref})
        )?"
    ))
    .expect("static regex")
});

/// Words after which a month name alone is a date.
const MONTH_TRIGGERS: &[&str] = &[
    "في",
    "خلال",
    "منذ",
    "حتي",
    "من",
    "قبل",
    "بعد",
    "الي",
    "مطلع",
    "منتصف",
    "اواخر",
    "اوائل",
    "اواسط",
    "بدايه",
    "نهايه",
    "طيله",
    "طوال",
];

/// Dates with a month name in the folded `text`.
pub(crate) fn candidates(text: &str, out: &mut Vec<Candidate>) {
    scan(&NAMED, text, out, |caps| judge(text, caps));
}

fn judge(text: &str, caps: &Captures<'_>) -> Verdict {
    let Some(m1) = caps.name("m1") else {
        return Verdict::Retry;
    };
    let Some((month, hijri)) = month_of(m1.as_str()) else {
        return Verdict::Retry;
    };
    let m2 = caps.name("m2");
    if m2.is_some_and(|m2| month_of(m2.as_str()).map(|p| p.0) != Some(month)) {
        return Verdict::Retry;
    }
    let start = ["yawm", "wd", "d", "shahr", "clitic"]
        .iter()
        .filter_map(|g| caps.name(g))
        .find(|m| !m.as_str().is_empty())
        .map_or(m1.start(), |m| m.start());
    // An era marker is part of the extent («10 يوليو 2016 م»); the month says the calendar.
    let end = match caps.name("era") {
        Some(e) if ends_word(text, e.end()) => e.end(),
        _ => last_end(caps),
    };
    // A conjunction glued to the day («وأول يوليو») is before the extent.
    let edge = caps
        .name("dc")
        .filter(|c| c.end() == start)
        .map_or(start, |c| c.start());
    if !at_word_edges(text, edge, end) {
        return Verdict::Retry;
    }
    let day = match caps.name("d") {
        Some(d) => match day_value(d.as_str()) {
            Some(v) => Some(v),
            None => return Verdict::Skip,
        },
        None => None,
    };
    let year = caps.name("y").and_then(|y| y.as_str().parse::<i32>().ok());
    let spec = DateSpec {
        year,
        month: Some(month),
        day,
        weekday: caps.name("wd").and_then(|w| weekday_of(w.as_str())),
        hijri,
        toward: toward_of(caps.name("rel")),
        year_shift: caps.name("yref").and_then(|m| year_shift(m.as_str())),
        ..DateSpec::default()
    };
    if day.is_none() && year.is_none() && !month_alone_is_a_date(text, caps, start, &spec) {
        return Verdict::Retry;
    }
    Verdict::Take(Candidate::date(start, end, spec))
}

/// The end of the last group of the match that matched (the closing bracket of
/// «أيار (مايو)» belongs to it; trailing spaces do not).
fn last_end(caps: &Captures<'_>) -> usize {
    ["m1", "m2", "close", "y", "rel", "yref"]
        .iter()
        .filter_map(|g| caps.name(g))
        .map(|m| m.end())
        .max()
        .unwrap_or(0)
}

/// A day written as digits (1-31), an ordinal («الخامس», «الحادي والعشرين») or a
/// first-day word («الفاتح», «أول», «غرة»).
fn day_value(s: &str) -> Option<u32> {
    let value = num(s)
        .or_else(|| ordinal_value(s))
        .or_else(|| FIRST_DAY.contains(&s).then_some(1))?;
    (1..=31).contains(&value).then_some(value)
}

fn month_alone_is_a_date(text: &str, caps: &Captures<'_>, start: usize, spec: &DateSpec) -> bool {
    let shahr = caps.name("shahr").is_some();
    let dual = caps.name("m2").is_some();
    let relative = spec.toward.is_some() || spec.year_shift.is_some();
    let Some(m1) = caps.name("m1") else {
        return false;
    };
    if spec.hijri {
        return shahr;
    }
    if AMBIGUOUS_MONTHS.contains(&m1.as_str()) {
        return shahr || dual || relative;
    }
    let clitic = caps.name("clitic").is_some_and(|c| !c.as_str().is_empty());
    let triggered = word_before(text, start).is_some_and(|(_, w)| {
        let bare = w.strip_prefix('و').unwrap_or(w);
        MONTH_TRIGGERS.contains(&bare)
    });
    shahr || dual || relative || triggered || clitic
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, DateSpec)> {
        let folded = crate::text::fold_aligned(text, &crate::text::FoldOptions::DATES);
        let mut out = Vec::new();
        candidates(folded.text(), &mut out);
        out.into_iter()
            .map(|c| {
                let span = folded.raw_span(c.start..c.end).unwrap();
                let super::super::resolve::Partial::Date(spec) = c.value else {
                    panic!("{c:?}")
                };
                (text[span].to_string(), spec)
            })
            .collect()
    }

    #[test]
    fn an_era_marker_glued_to_the_year_is_in_the_extent() {
        let f = found("أعلن في 1 رمضان 1437هـ وفي 10 ذو الحجة 1436 هـ");
        assert_eq!(f[0].0, "1 رمضان 1437هـ");
        assert_eq!((f[0].1.year, f[0].1.hijri), (Some(1437), true));
        assert_eq!(f[1].0, "10 ذو الحجة 1436 هـ");
        assert_eq!(found("في 10 يوليو 2016م، قال")[0].0, "10 يوليو 2016م");
        // but not a word that merely begins with the letter
        assert_eq!(found("في 10 يوليو 2016 هنا")[0].0, "10 يوليو 2016");
    }

    #[test]
    fn month_names_with_days_years_and_dual_forms() {
        let f = found("في 11 ديسمبر/كانون الأول 2016 وأيار (مايو) 2015");
        assert_eq!(f[0].0, "11 ديسمبر/كانون الأول 2016");
        assert_eq!(
            (f[0].1.year, f[0].1.month, f[0].1.day),
            (Some(2016), Some(12), Some(11))
        );
        assert_eq!(f[1].0, "وأيار (مايو) 2015");
        assert!(found("مايو/آب").is_empty());
        let f = found("الأول من شباط وأول يوليو 2019");
        assert_eq!(f[0].0, "الأول من شباط");
        assert_eq!(f[0].1.day, Some(1));
        assert_eq!(f[1].0, "أول يوليو 2019");
    }

    #[test]
    fn a_month_alone_needs_a_trigger() {
        assert!(found("مارس اللاعب الرياضة").is_empty());
        assert_eq!(found("في مارس")[0].0, "مارس");
        assert!(found("تغني فرقة ماي فريند").is_empty());
        assert_eq!(found("شهر آب الماضي")[0].0, "شهر آب الماضي");
        assert!(found("قال رمضان إن").is_empty());
        assert_eq!(found("خلال شهر رمضان")[0].0, "شهر رمضان");
    }

    #[test]
    fn relative_years_and_bad_days() {
        let f = found("في مارس من العام الماضي");
        assert_eq!(f[0].0, "مارس من العام الماضي");
        assert_eq!(f[0].1.year_shift, Some(-1));
        assert!(found("40 مارس 2016").is_empty());
    }
}
