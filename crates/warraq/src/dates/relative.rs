//! Expressions relative to the reference date: days («أمس», «اليوم», «غداً», «أول
//! أمس», «بعد غد», «أمس الاثنين», and the colloquial «امبارح», «بكرة», «بكرا»,
//! «النهارده»), periods («الأسبوع الماضي», «الشهر المقبل», «العام الجاري», «هذا
//! العام», «السنة اللي فاتت»), offsets («قبل ثلاثة أيام», «بعد أسبوعين», «منذ 3
//! أعوام»), weekdays («يوم الاثنين», «الجمعة المقبلة», «السبت الماضي»), days of the
//! month («5 من الشهر الجاري», «العاشر من الشهر الماضي») and a day alone («في
//! 15»).
//!
//! «منذ» and a length is the point that long ago after a past event («غادر منذ 3
//! أعوام», DATE) and the length up to now with a state that goes on («ينتظرون منذ
//! ثلاثة أشهر», «لا يزال … منذ عشرة أيام», DURATION): the clause's first word
//! being an imperfect verb, or «لا يزال», «ما زال», says which.

use super::durations::{amount_pattern, fixed, length, quantity, units_pattern, APPROX};
use super::lexicon::{
    alternation, ordinal_pattern, ordinal_value, relative_alternation, toward, unit_of, weekday_of,
    Number, TimeUnit, Toward, ARTICLE, CLITICS, FIRST_DAY, WEEKDAYS,
};
use super::pattern::{Captures, Regex};
use super::resolve::{DateSpec, Partial};
use super::select::{
    at_word_edges, num, scan, sentence_start, toward_of, word_after, word_before, Candidate,
    Verdict,
};
use super::timex::{Quantity, Reference, Timex, TimexType, TimexValue};
use std::sync::LazyLock;

/// Day words and their offset from the reference, in days.
const DAY_WORDS: &[(&str, i32)] = &[
    ("اول من امس", -2),
    ("اول امس", -2),
    ("قبل امس", -2),
    ("بعد غد", 2),
    ("بعد الغد", 2),
    ("يوم الغد", 1),
    ("امس", -1),
    ("الامس", -1),
    ("البارحه", -1),
    ("امبارح", -1),
    ("مبارح", -1),
    ("اليوم", 0),
    ("النهارده", 0),
    ("النهاردا", 0),
    ("غدا", 1),
    ("بكره", 1),
    ("بكرا", 1),
];

static DAYS: LazyLock<Regex> = LazyLock::new(|| {
    let words = alternation(DAY_WORDS.iter().map(|p| p.0));
    let wd = alternation(WEEKDAYS.iter().map(|p| p.0));
    Regex::new(&format!(
        r"(?P<cl>{CLITICS})(?P<w>{words})(?:\s+(?P<wd>{wd}))?"
    ))
    .expect("static regex")
});

static PERIODS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?P<art>{ARTICLE})(?P<u>اسبوع|شهر|عام|سنه|عقد)\s+(?P<rel>{})|(?P<cl>[وف]?)(?:هذا\s+ال(?P<u2>اسبوع|شهر|عام|عقد)|هذه\s+ال(?P<u3>سنه)))",
        relative_alternation()
    ))
    .expect("static regex")
});

static OFFSETS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::with_prefilter(&format!(
        r"(?P<cl>[وف]?)(?P<pre>قبل|بعد|منذ)\s+(?P<approx>{APPROX})?(?:{}|(?P<u1>{})|(?P<little>قليل))",
        amount_pattern(),
        units_pattern()
    ))
    .expect("static regex")
});

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    let wd = alternation(WEEKDAYS.iter().map(|p| p.0));
    Regex::new(&format!(
        r"(?P<yawm>[وفك]?[بل]?يوم\s+)?(?P<cl>[وف]?)(?P<wd>{wd})(?:\s+(?P<rel>{}))?",
        relative_alternation()
    ))
    .expect("static regex")
});

static DAY_OF_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let first = alternation(FIRST_DAY.iter().copied());
    Regex::new(&format!(
        r"(?P<d>[0-9]{{1,2}}|{}|{first})\s+من\s+(?:هذا\s+)?الشهر(?:\s+(?P<rel>{}))?",
        ordinal_pattern(),
        relative_alternation()
    ))
    .expect("static regex")
});

static BARE_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)و?في\s+(?P<d>[0-9]{1,2})").expect("static regex"));

/// Words before a weekday that make it part of a name («صلاة الجمعة», «سوق الخميس»).
const WEEKDAY_NAMES: &[&str] = &["صلاه", "خطبه", "سوق", "ليله", "صلاة"];

/// Words before «اليوم» that make it "that day", not today.
const THAT_DAY: &[&str] = &["ذلك", "ذات", "نفس", "تلك", "هذا"];

/// Relative expressions of the folded `text`.
pub(crate) fn candidates(text: &str, out: &mut Vec<Candidate>) {
    scan(&DAYS, text, out, |caps| day_word(text, caps));
    scan(&PERIODS, text, out, |caps| period(text, caps));
    scan(&OFFSETS, text, out, |caps| offset(text, caps));
    scan(&WEEKDAY, text, out, |caps| weekday(text, caps));
    scan(&DAY_OF_MONTH, text, out, |caps| day_of_month(text, caps));
    bare_days(text, out);
}

fn day_word(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(whole), Some(w)) = (caps.get(0), caps.name("w")) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    let word = w.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(&(_, by)) = DAY_WORDS.iter().find(|p| p.0 == word) else {
        return Verdict::Retry;
    };
    if word == "اليوم" && caps.name("wd").is_none() {
        let that_day = word_before(text, whole.start()).is_some_and(|(_, b)| THAT_DAY.contains(&b));
        // «اليوم الوطني», «اليوم التالي»: a day named, not today.
        let named = word_after(text, whole.end()).is_some_and(|(_, a)| a.starts_with("ال"));
        if that_day || named {
            return Verdict::Skip;
        }
    }
    Verdict::Take(Candidate::new(
        whole.start(),
        whole.end(),
        Partial::Offset {
            unit: TimeUnit::Day,
            by,
        },
    ))
}

fn unit_word(word: &str) -> Option<TimeUnit> {
    match word {
        "اسبوع" => Some(TimeUnit::Week),
        "شهر" => Some(TimeUnit::Month),
        "عام" | "سنه" => Some(TimeUnit::Year),
        "عقد" => Some(TimeUnit::Decade),
        _ => None,
    }
}

fn period(text: &str, caps: &Captures<'_>) -> Verdict {
    let Some(whole) = caps.get(0) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    let unit = ["u", "u2", "u3"]
        .iter()
        .find_map(|g| caps.name(g))
        .and_then(|u| unit_word(u.as_str()));
    let by = match toward_of(caps.name("rel")) {
        Some(Toward::Past) => -1,
        Some(Toward::Future) => 1,
        Some(Toward::Current) => 0,
        None if caps.name("rel").is_none() => 0,
        None => return Verdict::Retry,
    };
    match unit {
        Some(unit) => Verdict::Take(Candidate::new(
            whole.start(),
            whole.end(),
            Partial::Offset { unit, by },
        )),
        None => Verdict::Retry,
    }
}

/// Whether the clause before `at` states something that goes on: it opens with an
/// imperfect verb («ينتظر», «تعيش») or says «لا يزال», «ما زال».
fn goes_on(text: &str, at: usize) -> bool {
    let from = text[..at]
        .rfind(['.', '،', ',', '؛', ':', '!', '?', '؟', '\n', '«', '"'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &text[from..at];
    let still = [
        "لا يزال",
        "لا تزال",
        "ما زال",
        "ما زالت",
        "مازال",
        "مازالت",
        "لازال",
        "لازالت",
    ];
    if still.iter().any(|s| clause.contains(s)) {
        return true;
    }
    let first = clause.split_whitespace().next().unwrap_or("");
    let verb = first
        .strip_prefix('و')
        .or_else(|| first.strip_prefix('ف'))
        .unwrap_or(first);
    let chars = verb.chars().count();
    (verb.starts_with('ي') && chars >= 3)
        || (verb.starts_with('ت') && !verb.ends_with('ت') && chars >= 4)
}

fn vague_ref(reference: Reference) -> Partial {
    Partial::Fixed(Timex::new(TimexType::Date, TimexValue::Ref(reference)))
}

fn offset(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(whole), Some(pre)) = (caps.get(0), caps.name("pre")) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    let sign = if pre.as_str() == "بعد" { 1 } else { -1 };
    let since = pre.as_str() == "منذ";
    let (unit, amount) = if caps.name("little").is_some() {
        let r = if sign > 0 {
            Reference::Future
        } else {
            Reference::Past
        };
        return Verdict::Take(Candidate::new(whole.start(), whole.end(), vague_ref(r)));
    } else if let (Some(n), Some(u)) = (caps.name("n"), caps.name("u")) {
        match (unit_of(u.as_str()), quantity(n.as_str())) {
            (Some((unit, _)), Some(q)) => (unit, q),
            _ => return Verdict::Retry,
        }
    } else if let Some(u) = caps.name("u1") {
        // «منذ عام 2014», «قبل عام (2010)»: the unit word names the year that follows,
        // it is not «a year ago» (the year recogniser takes «عام 2014»).
        let after = text[whole.end()..].trim_start_matches([' ', '(']);
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            return Verdict::Retry;
        }
        match unit_of(u.as_str()) {
            Some((unit, Number::One)) => (
                unit,
                Quantity::Exact {
                    mantissa: 1,
                    scale: 0,
                },
            ),
            Some((unit, Number::Two)) => (
                unit,
                Quantity::Exact {
                    mantissa: 2,
                    scale: 0,
                },
            ),
            Some((unit, Number::Plural)) => (unit, Quantity::Unknown),
            None => return Verdict::Retry,
        }
    } else {
        return Verdict::Retry;
    };
    let value = if since && goes_on(text, whole.start()) {
        fixed(length(amount, unit, None))
    } else {
        match amount {
            Quantity::Exact { mantissa, scale: 0 } => match i32::try_from(mantissa) {
                Ok(n) => Partial::Offset { unit, by: sign * n },
                Err(_) => return Verdict::Skip,
            },
            Quantity::Unknown if since => fixed(length(amount, unit, None)),
            Quantity::Unknown => vague_ref(if sign > 0 {
                Reference::Future
            } else {
                Reference::Past
            }),
            Quantity::Exact { .. } => return Verdict::Retry,
        }
    };
    Verdict::Take(Candidate::new(whole.start(), whole.end(), value))
}

fn weekday(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(whole), Some(wd)) = (caps.get(0), caps.name("wd")) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    let start = caps.name("yawm").map_or(whole.start(), |y| y.start());
    if caps.name("yawm").is_none()
        && word_before(text, start).is_some_and(|(_, w)| WEEKDAY_NAMES.contains(&w))
    {
        return Verdict::Skip;
    }
    let rel = caps.name("rel");
    let toward = rel.and_then(|r| toward(r.as_str()));
    if rel.is_some() && toward.is_none() {
        return Verdict::Retry;
    }
    Verdict::Take(Candidate::date(
        start,
        whole.end(),
        DateSpec {
            weekday: weekday_of(wd.as_str()),
            toward,
            ..DateSpec::default()
        },
    ))
}

fn day_of_month(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(whole), Some(d)) = (caps.get(0), caps.name("d")) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    let day = num(d.as_str())
        .or_else(|| ordinal_value(d.as_str()))
        .or_else(|| FIRST_DAY.contains(&d.as_str()).then_some(1))
        .filter(|d| (1..=31).contains(d));
    let shift = match toward_of(caps.name("rel")) {
        Some(Toward::Past) => -1,
        Some(Toward::Future) => 1,
        _ => 0,
    };
    match day {
        Some(day) => Verdict::Take(Candidate::date(
            whole.start(),
            whole.end(),
            DateSpec {
                day: Some(day),
                month_shift: Some(shift),
                ..DateSpec::default()
            },
        )),
        None => Verdict::Skip,
    }
}

/// Words after «في 15» that leave the number a day of the month (not a count of
/// something).
const AFTER_BARE_DAY: &[&str] = &[
    "بعد",
    "قبل",
    "دون",
    "ثم",
    "حين",
    "عندما",
    "حيث",
    "اثر",
    "عقب",
    "الماضي",
    "الجاري",
];

/// «في 15»: a day of the month alone, when nothing counted follows it: the end of
/// the clause, a word of [`AFTER_BARE_DAY`], «من دون», or «و» and a second such
/// day in the sentence («بدأت في 2 وانتهت في 20»).
fn bare_days(text: &str, out: &mut Vec<Candidate>) {
    let mut days = Vec::new();
    for caps in BARE_DAY.captures_iter(text) {
        let Some(d) = caps.name("d") else { continue };
        let Some(day) = num(d.as_str()).filter(|d| (1..=31).contains(d)) else {
            continue;
        };
        if !at_word_edges(text, d.start(), d.end())
            || text[d.end()..].starts_with(['.', ',', '/', ':', '%'])
                && text[d.end()..]
                    .chars()
                    .nth(1)
                    .is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        let next = word_after(text, d.end());
        let punct = text[d.end()..]
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| ".،,؛:!؟?)»\"".contains(c));
        let plain = punct
            || next.is_some_and(|(e, w)| {
                AFTER_BARE_DAY.contains(&w)
                    || (w == "من" && word_after(text, e).is_some_and(|(_, x)| x == "دون"))
            });
        let joined = !punct && next.is_some_and(|(_, w)| w.starts_with('و'));
        if plain || joined {
            days.push((d.start(), d.end(), day, plain));
        }
    }
    for &(start, end, day, plain) in &days {
        let from = sentence_start(text, start);
        let sibling = days
            .iter()
            .any(|&(s, _, _, p)| p && s != start && s >= from);
        if plain || sibling {
            out.push(Candidate::date(
                start,
                end,
                DateSpec {
                    day: Some(day),
                    ..DateSpec::default()
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, Partial)> {
        let mut out = Vec::new();
        candidates(text, &mut out);
        let out = super::super::select::select(out);
        out.into_iter()
            .map(|c| (text[c.start..c.end].to_string(), c.value))
            .collect()
    }

    fn offset(unit: TimeUnit, by: i32) -> Partial {
        Partial::Offset { unit, by }
    }

    #[test]
    fn days_periods_and_offsets() {
        assert_eq!(
            values("وبثت امس الاثنين")[0],
            ("امس الاثنين".into(), offset(TimeUnit::Day, -1))
        );
        assert_eq!(values("بالامس")[0].1, offset(TimeUnit::Day, -1));
        assert!(values("اعتبر ان اليوم الوطني مناسبه").is_empty());
        assert_eq!(values("فالاسبوع الماضي")[0].1, offset(TimeUnit::Week, -1));
        assert_eq!(values("السنه اللي فاتت")[0].1, offset(TimeUnit::Year, -1));
        assert_eq!(values("هذا العام")[0].1, offset(TimeUnit::Year, 0));
        assert_eq!(values("قبل ثلاثه ايام")[0].1, offset(TimeUnit::Day, -3));
        assert_eq!(values("بعد اسبوعين")[0].1, offset(TimeUnit::Week, 2));
        assert_eq!(values("قبل نحو عامين")[0].0, "قبل نحو عامين");
        assert_eq!(values("غادر قبل عام")[0].1, offset(TimeUnit::Year, -1));
        // a unit word before a year names it: «منذ عام 2014» is not «a year ago»
        assert!(values("منذ عام 2014").is_empty());
        assert!(values("قبل عام ( 2010 )").is_empty());
        assert_eq!(
            values("غادر البلاد منذ 3 اعوام")[0].1,
            offset(TimeUnit::Year, -3)
        );
        let v = values("ينتظر العمال رواتبهم منذ ثلاثه اشهر");
        assert!(matches!(v[0].1, Partial::Fixed(_)), "{v:?}");
    }

    #[test]
    fn weekdays_and_days_of_the_month() {
        let v = values("عقد يوم الخميس الماضي");
        assert_eq!(v[0].0, "يوم الخميس الماضي");
        assert!(values("بعد صلاه الجمعه").is_empty());
        let v = values("في العاشر من الشهر الماضي");
        assert_eq!(v[0].0, "العاشر من الشهر الماضي");
        let v = values("بدات التسجيلات في 2 وانتهت في 20.");
        assert_eq!(v.len(), 2);
        assert!(values("يقيم في 3 ولايات").is_empty());
        assert_eq!(values("وصلت في 15 من دون تاخير")[0].0, "15");
    }
}
