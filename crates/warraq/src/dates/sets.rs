//! Sets, times that recur: «كل يوم اثنين», «كل جمعة» (`XXXX-WXX-1`, `XXXX-WXX-5`),
//! «كل عام», «كل ساعة», «كل أربع سنوات» (`P1Y`, `PT1H`, `P4Y`), «كل صباح», «كل
//! مساء» (`TMO`, `TEV`), «كل صيف» (`XXXX-SU`), the adverbs «يوميا», «أسبوعيا»,
//! «شهريا», «سنويا», «فصليا», and how often in a period: «مرتين في العام» (`P1Y`,
//! freq `2X`). Every set has the quantifier `EVERY`.

use super::durations::{quantity, timex_unit};
use super::lexicon::{alternation, cardinal_pattern, unit_of, Number, BARE_WEEKDAYS, WEEKDAYS};
use super::pattern::{Captures, Regex};
use super::periods::season_of;
use super::resolve::Partial;
use super::select::{at_word_edges, scan, Candidate, Verdict};
use super::timex::{
    Clock, DatePoint, Detail, Duration, PartOfDay, Quantity, Timex, TimexType, TimexValue, WeekDay,
    Year,
};
use chrono::Weekday;
use std::sync::LazyLock;

/// Adverbs of frequency with the period they repeat on.
const ADVERBS: &[(&str, u64, super::timex::Unit)] = &[
    ("يوميا", 1, super::timex::Unit::Days),
    ("اسبوعيا", 1, super::timex::Unit::Weeks),
    ("شهريا", 1, super::timex::Unit::Months),
    ("سنويا", 1, super::timex::Unit::Years),
    ("فصليا", 3, super::timex::Unit::Months),
    ("ساعيا", 1, super::timex::Unit::Hours),
];

/// Parts of the day after «كل».
const PARTS: &[(&str, PartOfDay)] = &[
    ("صباح", PartOfDay::Morning),
    ("مساء", PartOfDay::Evening),
    ("ليله", PartOfDay::Night),
    ("ظهر", PartOfDay::Midday),
];

static EVERY: LazyLock<Regex> = LazyLock::new(|| {
    let weekdays = alternation(WEEKDAYS.iter().chain(BARE_WEEKDAYS).map(|w| w.0));
    let units = alternation(super::lexicon::UNITS.iter().map(|u| u.0));
    let parts = alternation(PARTS.iter().map(|p| p.0));
    let n = cardinal_pattern();
    Regex::with_prefilter(&format!(
        r"[وف]?كل\s+(?:(?:يوم\s+)?(?P<wd>{weekdays})|(?P<part>{parts})|(?P<season>صيف|شتاء|ربيع|خريف)|(?:(?P<n>[0-9]+|{n})\s+)?(?P<u>{units}))"
    ))
    .expect("set regex")
});

static ADVERB: LazyLock<Regex> = LazyLock::new(|| {
    let words = alternation(ADVERBS.iter().map(|a| a.0));
    Regex::new(&format!(r"[وف]?(?P<w>{words})")).expect("adverb regex")
});

static TIMES_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<k>مره|مرتين|مرتان|(?P<n>[0-9]+|ثلاث|اربع|خمس)\s+مرات)\s+(?:في|كل)\s+(?:ال)?(?P<u>يوم|اسبوع|شهر|عام|سنه)")
        .expect("times regex")
});

/// Sets of the folded `text`.
pub(crate) fn candidates(text: &str, out: &mut Vec<Candidate>) {
    scan(&EVERY, text, out, |caps| every(text, caps));
    scan(&ADVERB, text, out, |caps| adverb(text, caps));
    scan(&TIMES_IN, text, out, |caps| times_in(text, caps));
}

fn set(start: usize, end: usize, value: TimexValue, freq: Option<String>) -> Candidate {
    let timex = Timex {
        freq,
        ..Timex::new(TimexType::Set, value).with_quant("EVERY")
    };
    Candidate::new(start, end, Partial::Fixed(timex))
}

fn weekday_number(w: Weekday) -> u8 {
    u8::try_from(w.number_from_monday()).unwrap_or(1)
}

fn every(text: &str, caps: &Captures<'_>) -> Verdict {
    let Some(whole) = caps.get(0) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    let date = |detail| {
        TimexValue::Date(DatePoint {
            year: Year::Unknown,
            detail,
        })
    };
    let value = if let Some(wd) = caps.name("wd") {
        let day = WEEKDAYS
            .iter()
            .chain(BARE_WEEKDAYS)
            .find(|w| w.0 == wd.as_str())
            .map(|w| weekday_number(w.1));
        match day {
            Some(d) => date(Detail::Week(None, Some(WeekDay::Day(d)))),
            None => return Verdict::Retry,
        }
    } else if let Some(p) = caps.name("part") {
        match PARTS.iter().find(|x| x.0 == p.as_str()) {
            Some(x) => TimexValue::Time(Clock::Part(x.1)),
            None => return Verdict::Retry,
        }
    } else if let Some(s) = caps.name("season").and_then(|s| season_of(s.as_str())) {
        date(Detail::Season(s))
    } else if let Some(u) = caps.name("u").and_then(|u| unit_of(u.as_str())) {
        let amount = match (caps.name("n"), u.1) {
            (Some(n), _) => match quantity(n.as_str()) {
                Some(q) => q,
                None => return Verdict::Retry,
            },
            (None, Number::One) => Quantity::Exact {
                mantissa: 1,
                scale: 0,
            },
            (None, Number::Two) => Quantity::Exact {
                mantissa: 2,
                scale: 0,
            },
            (None, Number::Plural) => return Verdict::Retry,
        };
        TimexValue::Duration(Duration {
            amounts: vec![(amount, timex_unit(u.0))],
        })
    } else {
        return Verdict::Retry;
    };
    Verdict::Take(set(whole.start(), whole.end(), value, None))
}

fn adverb(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(whole), Some(w)) = (caps.get(0), caps.name("w")) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    match ADVERBS.iter().find(|a| a.0 == w.as_str()) {
        Some(&(_, n, unit)) => {
            let value = TimexValue::Duration(Duration::of(n, unit));
            Verdict::Take(set(w.start(), w.end(), value, None))
        }
        None => Verdict::Retry,
    }
}

fn times_in(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(whole), Some(k), Some(u)) = (caps.get(0), caps.name("k"), caps.name("u")) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    let times = match (k.as_str(), caps.name("n")) {
        ("مره", _) => 1,
        ("مرتين" | "مرتان", _) => 2,
        (_, Some(n)) => match quantity(n.as_str()) {
            Some(Quantity::Exact { mantissa, scale: 0 }) => mantissa,
            _ => return Verdict::Retry,
        },
        _ => return Verdict::Retry,
    };
    let Some((unit, _)) = unit_of(u.as_str()) else {
        return Verdict::Retry;
    };
    let value = TimexValue::Duration(Duration::of(1, timex_unit(unit)));
    Verdict::Take(set(
        whole.start(),
        whole.end(),
        value,
        Some(format!("{times}X")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        candidates(text, &mut out);
        out.iter()
            .map(|c| {
                let v = match &c.value {
                    Partial::Fixed(t) => t.value.to_string(),
                    _ => String::new(),
                };
                (text[c.start..c.end].to_string(), v)
            })
            .collect()
    }

    #[test]
    fn sets() {
        assert_eq!(
            found("يجتمع كل يوم اثنين")[0],
            ("كل يوم اثنين".into(), "XXXX-WXX-1".into())
        );
        assert_eq!(found("كل جمعه في المسجد")[0].1, "XXXX-WXX-5");
        assert_eq!(found("كل اربع سنوات")[0].1, "P4Y");
        assert_eq!(found("كل ساعه من")[0].1, "PT1H");
        assert_eq!(found("كل صباح")[0].1, "TMO");
        assert_eq!(found("كل صيف")[0].1, "XXXX-SU");
        assert_eq!(found("تصدر يوميا عن")[0].1, "P1D");
        assert_eq!(found("مرتين في العام")[0].1, "P1Y");
        assert!(found("كل الايام").is_empty());
        assert!(found("كلهم").is_empty());
    }
}
