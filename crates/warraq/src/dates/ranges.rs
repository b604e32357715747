//! Ranges, one expression from «من»/«بين» to its end: «من 5 إلى 12 ماي», «بين 10
//! و20 يونيو 2021», «من 20 مارس إلى 4 أبريل 2020», «بين 2011 و2013», «بين عامي
//! 1998 و2004», «2011-2013», «من يناير إلى مارس 2018», «من الساعة 8 حتى 10
//! صباحا», «من التاسعة صباحا إلى الخامسة مساء».
//!
//! The begin takes from the end what it leaves out (the month and year of «من 5
//! إلى 12 ماي», the half of the day of «من 8 حتى 10 مساء»); a range is a DURATION
//! whose value is its length, with `begin` and `end` (see
//! [`Timex::range`](super::timex::Timex::range)).

use super::pattern::{Captures, Regex};
use super::resolve::{DateSpec, Partial};
use super::select::{at_word_edges, scan, word_before, Candidate, Meridiem, Verdict};
use super::timex::Clock;
use std::sync::LazyLock;

const YEAR: &str = r"(?:1[89][0-9]{2}|20[0-9]{2})";

/// Year ranges, which no other recogniser reads as years: «بين 2011 و2013»,
/// «2011-2013».
static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?P<pre>[وف]?(?:ما\s+)?(?:من|بين))\s+(?:(?:ال)?(?:عامي|سنتي|عامين|عام|سنه)\s+)?)?\(?(?P<a>{YEAR})\)?\s*(?P<sep>-|–|الي|حتي|و)\s*(?:(?:ال)?(?:عام|سنه)\s+)?\(?(?P<b>{YEAR})\)?"
    ))
    .expect("year range regex")
});

/// A day before a dated end: «من 5 إلى», «بين 10 و», «ما بين 1 و».
static DAY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<pre>[وف]?(?:ما\s+)?(?:من|بين))\s+(?:يوم\s+)?(?P<a>[0-9]{1,2})\s*(?P<sep>-|–|الي|حتي|و)?\s*$")
        .expect("day range regex")
});

/// Year ranges of the folded `text`.
pub(crate) fn candidates(text: &str, out: &mut Vec<Candidate>) {
    scan(&YEARS, text, out, |caps| years(text, caps));
}

fn separator_fits(pre: Option<&str>, sep: &str) -> bool {
    // «وبين», «ومن»: a conjunction glued to the opener is in the extent.
    match pre.map(|p| {
        p.rsplit(' ')
            .next()
            .unwrap_or(p)
            .trim_start_matches(['و', 'ف'])
    }) {
        None => matches!(sep, "-" | "–"),
        Some("بين") => sep == "و",
        Some(_) => sep != "و",
    }
}

fn years(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(whole), Some(a), Some(b), Some(sep)) = (
        caps.get(0),
        caps.name("a"),
        caps.name("b"),
        caps.name("sep"),
    ) else {
        return Verdict::Retry;
    };
    let pre = caps.name("pre").map(|p| p.as_str());
    if !at_word_edges(text, whole.start(), whole.end()) || !separator_fits(pre, sep.as_str()) {
        return Verdict::Retry;
    }
    let (Ok(a), Ok(b)) = (a.as_str().parse::<i32>(), b.as_str().parse::<i32>()) else {
        return Verdict::Retry;
    };
    if a >= b {
        return Verdict::Retry;
    }
    let year = |y| {
        Partial::Date(DateSpec {
            year: Some(y),
            ..DateSpec::default()
        })
    };
    Verdict::Take(range(
        whole.start(),
        whole.end(),
        year(a),
        year(b),
        Vec::new(),
    ))
}

fn range(
    start: usize,
    end: usize,
    begin: Partial,
    last: Partial,
    parts: Vec<Candidate>,
) -> Candidate {
    Candidate {
        parts,
        ..Candidate::new(
            start,
            end,
            Partial::Range {
                begin: Box::new(begin),
                end: Box::new(last),
            },
        )
    }
}

/// The start of «من»/«بين»/«ما بين» right before `at`.
fn opener_before(text: &str, at: usize) -> Option<(usize, &'static str)> {
    let (start, word) = word_before(text, at)?;
    if !text[start + word.len()..at].trim().is_empty() {
        return None;
    }
    let kind = match word.strip_prefix(['و', 'ف']).unwrap_or(word) {
        "من" => "من",
        "بين" => "بين",
        _ => return None,
    };
    match word_before(text, start) {
        Some((s, "ما")) if kind == "بين" => Some((s, kind)),
        _ => Some((start, kind)),
    }
}

/// The separator between two ends, when it is one: «إلى», «حتى», «لغاية», a dash,
/// or «و» after «بين» (written alone or glued to the end).
fn joined(text: &str, first: &Candidate, next: &Candidate, opener: &str) -> bool {
    let between = text[first.end..next.start].trim();
    let glued = text[next.start..].starts_with('و');
    match opener {
        "بين" => between == "و" || (between.is_empty() && glued),
        _ => matches!(between, "الي" | "حتي" | "لغايه" | "-" | "–"),
    }
}

/// Joins two expressions of one kind written as a range into one expression, and a
/// day written before a dated end («من 5 إلى 12 ماي») to it.
pub(crate) fn join(text: &str, chosen: &mut Vec<Candidate>) {
    let mut out: Vec<Candidate> = Vec::with_capacity(chosen.len());
    for c in std::mem::take(chosen) {
        if let Some(prev) = out.last() {
            if let Some((start, opener)) = opener_before(text, prev.start) {
                if joined(text, prev, &c, opener) {
                    if let Some(begin) = completed(&prev.value, prev.meridiem, &c.value) {
                        let Some(prev) = out.pop() else { continue };
                        let end_value = c.value.clone();
                        out.push(range(start, c.end, begin, end_value, vec![prev, c]));
                        continue;
                    }
                }
            }
        }
        if let Some(r) = day_before(text, &c, out.last().map_or(0, |p| p.end)) {
            out.push(r);
            continue;
        }
        out.push(c);
    }
    *chosen = out;
}

/// «من 5 إلى 12 ماي»: the day before a dated end, as a range.
fn day_before(text: &str, c: &Candidate, floor: usize) -> Option<Candidate> {
    let Partial::Date(end) = &c.value else {
        return None;
    };
    end.day?;
    let caps = DAY_BEFORE.captures(&text[floor..c.start])?;
    let (whole, a) = (caps.get(0)?, caps.name("a")?);
    let start = floor + whole.start();
    let opener = caps.name("pre")?.as_str();
    let glued = text[c.start..].starts_with('و');
    let sep = caps.name("sep").map(|s| s.as_str());
    let fits = match sep {
        Some(s) => separator_fits(Some(opener), s),
        None => glued && opener.ends_with("بين"),
    };
    let day: u32 = a.as_str().parse().ok()?;
    if !fits || !at_word_edges(text, start, c.end) || !(1..=31).contains(&day) {
        return None;
    }
    let begin = Partial::Date(DateSpec {
        day: Some(day),
        weekday: None,
        ..*end
    });
    let begin = completed(&begin, Meridiem::Written, &c.value)?;
    Some(range(start, c.end, begin, c.value.clone(), Vec::new()))
}

/// The begin of a range completed from its end, or `None` when the two are not
/// of one kind.
fn completed(begin: &Partial, meridiem: Meridiem, end: &Partial) -> Option<Partial> {
    match (begin, end) {
        (Partial::Date(b), Partial::Date(e)) if b.hijri == e.hijri => {
            let month = b.month.or(e.month.filter(|_| b.day.is_some()));
            let later = match (month, e.month) {
                (Some(bm), Some(em)) => (bm, b.day.unwrap_or(1)) > (em, e.day.unwrap_or(31)),
                _ => false,
            };
            let year = b.year.or(e.year.map(|y| y - i32::from(later)));
            let fills = b.year.is_none() && b.month.is_some() || b.day.is_some() && month.is_some();
            let kept = DateSpec {
                year: if fills || b.year.is_some() {
                    year
                } else {
                    None
                },
                month,
                toward: b.toward.or(e.toward),
                ..*b
            };
            (kept.month.is_some() || kept.year.is_some()).then_some(Partial::Date(kept))
        }
        (
            Partial::Timed {
                date: None,
                clock:
                    Clock::At {
                        hour,
                        minute,
                        second,
                    },
            },
            Partial::Timed {
                date: None,
                clock: Clock::At { hour: eh, .. },
            },
        ) => {
            let shift = meridiem == Meridiem::Open && *eh >= 12 && *hour < 12 && hour + 12 <= *eh;
            let hour = if shift { hour + 12 } else { *hour };
            Some(Partial::Timed {
                date: None,
                clock: Clock::At {
                    hour,
                    minute: *minute,
                    second: *second,
                },
            })
        }
        (Partial::Decade { .. }, Partial::Decade { .. }) => Some(begin.clone()),
        _ => None,
    }
}
