//! Times of day: clock times («الساعة 8:00», «17:30», «5:30 م», «الساعة 9 مساء»,
//! «8 صباحًا»), hours in words («السابعة مساء», «الثالثة والنصف», «الخامسة والربع»,
//! «الرابعة إلا ربعا», «السابعة وعشر دقائق مساء», «الساعة الحادية عشرة»), parts of
//! the day («صباحا», «ظهرا» noon, «منتصف الليل» 24:00, «الليلة» tonight), and the
//! joining of a time to the day next to it: «الثلاثاء 3 مايو 2016 الساعة 8:52
//! صباحا», «أمس الساعة الخامسة مساء», «مساء 13 نوفمبر 2015», «صباح اليوم» (one
//! TIME value).
//!
//! A 12-hour time takes «صباحا/فجرا» (before noon), «ظهرا» (noon, and the early
//! afternoon hours), «عصرا/بعد الظهر/مساء/م» (after noon) or «ليلا» (the evening
//! hours, and one to four at night); without one it is read as written (24-hour).
//! An hour in words with no clock word («الساعة»), part of the day or fraction is a
//! time only after «عند», «حتى» and the like, or after another time in its sentence
//! («يبدأ التاسعة صباحا وينتهي الحادية عشرة»), and never before «من» («في السابعة
//! من عمرها»).

use super::lexicon::TimeUnit;
use super::lexicon::{alternation, cardinal_pattern, cardinal_value, hour_value, HOURS};
use super::pattern::{Captures, Regex};
use super::resolve::Partial;
use super::select::{
    at_word_edges, num, scan, sentence_start, word_after, word_before, Candidate, Meridiem, Verdict,
};
use super::timex::{Clock, PartOfDay};
use std::sync::LazyLock;

/// Words that say the half of the day after an hour.
const MERIDIEM: &str = r"(?:صباحا|صباح|فجرا|الفجر|ظهرا|الظهر|عصرا|العصر|بعد\s+الظهر|بعد\s+الظهيره|مساءا|مساء|ليلا|الليل|ص|م)";

/// Words before a time that are part of its extent: «نحو الساعة الثانية».
const APPROX: &str = r"(?:(?:نحو|حوالي|قرابه|تمام)\s+)";

static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<cj>[وف])?(?P<approx>{APPROX})?(?P<sa>(?:ال)?ساعه\s*)?(?P<h>[0-9]{{1,2}})(?:\s*(?P<sep>[:.])\s*(?P<mi>[0-9]{{2}}))?(?:\s*(?P<mer>{MERIDIEM}))?"
    ))
    .expect("static regex")
});

static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let hours = alternation(HOURS.iter().map(|p| p.0));
    let card = cardinal_pattern();
    Regex::new(&format!(
        r"(?P<cj>[وف])?(?P<approx>{APPROX})?(?P<sa>(?:ال)?ساعه\s+)?(?P<hw>{hours})(?P<frac>\s+و\s*(?:ال)?(?:نصف|ربع|ثلث)|\s+الا\s+(?:ربعا|ربع|ثلثا|ثلث)|\s+(?P<sign>و|الا)\s*(?P<fm>[0-9]{{1,2}}|{card})\s+(?:دقائق|دقيقه))?(?:\s+(?P<mer>{MERIDIEM}))?"
    ))
    .expect("static regex")
});

/// Parts of the day written alone, with their value, and whether they only join a
/// day written before them («بكرا الصبح»).
const PARTS: &[(&str, Clock, bool)] = &[
    ("صباحا", Clock::Part(PartOfDay::Morning), false),
    ("فجرا", Clock::Part(PartOfDay::Morning), false),
    ("مساء", Clock::Part(PartOfDay::Evening), false),
    ("مساءا", Clock::Part(PartOfDay::Evening), false),
    ("ليلا", Clock::Part(PartOfDay::Night), false),
    ("عصرا", Clock::Part(PartOfDay::Afternoon), false),
    ("نهارا", Clock::Part(PartOfDay::Daytime), false),
    ("ظهرا", NOON, false),
    ("الظهر", NOON, false),
    ("الظهيره", NOON, false),
    ("منتصف الليل", MIDNIGHT, false),
    ("منتصف النهار", NOON, false),
    ("الصبح", Clock::Part(PartOfDay::Morning), true),
    ("بالليل", Clock::Part(PartOfDay::Night), true),
];

/// Parts of the day written before a day («صباح اليوم», «مساء 13 نوفمبر»).
pub(crate) const PARTS_BEFORE: &[(&str, Clock)] = &[
    ("صباح", Clock::Part(PartOfDay::Morning)),
    ("فجر", Clock::Part(PartOfDay::Morning)),
    ("ضحي", Clock::Part(PartOfDay::Morning)),
    ("ظهر", NOON),
    ("عصر", Clock::Part(PartOfDay::Afternoon)),
    ("مساء", Clock::Part(PartOfDay::Evening)),
    ("ليله", Clock::Part(PartOfDay::Night)),
    ("منتصف ليل", MIDNIGHT),
    ("منتصف ليله", MIDNIGHT),
];

const NOON: Clock = Clock::At {
    hour: 12,
    minute: Some(0),
    second: None,
};

const MIDNIGHT: Clock = Clock::At {
    hour: 24,
    minute: Some(0),
    second: None,
};

static PART_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<cl>[وف]?)(?P<p>{})",
        alternation(PARTS.iter().map(|p| p.0))
    ))
    .expect("static regex")
});

static TONIGHT: LazyLock<Regex> =
    LazyLock::new(|| Regex::with_prefilter(r"(?P<cl>[وف]?)الليله").expect("static regex"));

/// Words before an hour in words that make it a time («عند الخامسة»).
const HOUR_TRIGGERS: &[&str] = &[
    "عند",
    "حتي",
    "منذ",
    "قبل",
    "بعد",
    "الي",
    "تمام",
    "نحو",
    "حوالي",
];

/// Times of day of the folded `text`.
pub(crate) fn candidates(text: &str, out: &mut Vec<Candidate>) {
    let mut found = Vec::new();
    scan(&CLOCK, text, &mut found, |caps| clock_time(text, caps));
    let mut weak = Vec::new();
    scan(&WORDS, text, &mut found, |caps| {
        hour_words(text, caps, &mut weak)
    });
    // An hour in words without a cue is a time when another time precedes it in its sentence.
    for w in weak {
        let from = sentence_start(text, w.start);
        if found.iter().any(|f| f.start >= from && f.end <= w.start) {
            found.push(w);
        }
    }
    scan(&PART_ALONE, text, &mut found, |caps| part_alone(text, caps));
    scan(&TONIGHT, text, &mut found, |caps| tonight(text, caps));
    out.extend(found);
}

/// The 24-hour hour of `hour` said with `meridiem`, and whether the half of the
/// day is known.
fn hour24(hour: u32, meridiem: Option<&str>) -> Option<(u32, Meridiem)> {
    let m = meridiem.map(|m| m.split_whitespace().collect::<Vec<_>>().join(" "));
    let h = match m.as_deref() {
        None => {
            return (hour <= 23).then_some((
                hour,
                if hour > 12 {
                    Meridiem::Written
                } else {
                    Meridiem::Open
                },
            ))
        }
        Some(_) if hour > 12 => hour,
        Some("صباحا" | "صباح" | "فجرا" | "الفجر" | "ص") => hour % 12,
        Some("ظهرا" | "الظهر") => match hour {
            1..=5 => hour + 12,
            _ => hour,
        },
        Some("ليلا" | "الليل") => match hour {
            1..=4 => hour,
            12 => 0,
            _ => hour + 12,
        },
        Some(_) => match hour {
            12 => 12,
            _ => hour + 12,
        },
    };
    (h <= 23).then_some((h, Meridiem::Written))
}

fn at(hour: u32, minute: u32) -> Option<Clock> {
    Some(Clock::At {
        hour: u8::try_from(hour).ok()?,
        minute: Some(u8::try_from(minute).ok().filter(|m| *m <= 59)?),
        second: None,
    })
}

fn timed(start: usize, end: usize, clock: Clock, meridiem: Meridiem) -> Candidate {
    Candidate {
        meridiem,
        ..Candidate::new(start, end, Partial::Timed { date: None, clock })
    }
}

/// The meridiem of a match when it is a word at a word edge («م» and «ص» only after
/// a clock time with minutes).
fn meridiem<'t>(
    text: &str,
    caps: &Captures<'t>,
    with_minutes: bool,
) -> Option<super::pattern::Match<'t>> {
    caps.name("mer").filter(|m| {
        at_word_edges(text, m.start(), m.end())
            && (with_minutes || !matches!(m.as_str(), "م" | "ص"))
    })
}

/// The start of a time with the conjunction glued to its first word («والسابعة
/// مساء», «و8 صباحا»: an extent is whole words).
fn with_conjunction(caps: &Captures<'_>, start: usize) -> usize {
    caps.name("cj")
        .filter(|c| c.end() == start)
        .map_or(start, |c| c.start())
}

fn clock_time(text: &str, caps: &Captures<'_>) -> Verdict {
    let Some(h) = caps.name("h") else {
        return Verdict::Retry;
    };
    let sa = caps.name("sa");
    let minutes = caps.name("mi");
    // «8.30» is a time only after «الساعة»; «20.16%» is not one.
    if caps.name("sep").is_some_and(|s| s.as_str() == ".") && sa.is_none() {
        return Verdict::Skip;
    }
    let mer = meridiem(text, caps, minutes.is_some());
    if sa.is_none() && minutes.is_none() && mer.is_none() {
        return Verdict::Skip;
    }
    let start = caps
        .name("approx")
        .filter(|_| sa.is_some() || minutes.is_some())
        .or(sa)
        .map_or(h.start(), |m| m.start());
    let start = with_conjunction(caps, start);
    let end = mer.or(minutes).map_or(h.end(), |m| m.end());
    if !at_word_edges(text, start, end) || text[end..].starts_with(['%', '٪']) {
        return Verdict::Retry;
    }
    let minute = minutes.and_then(|m| num(m.as_str())).unwrap_or(0);
    let Some((hour, known)) = num(h.as_str()).and_then(|h| hour24(h, mer.map(|m| m.as_str())))
    else {
        return Verdict::Skip;
    };
    match at(hour, minute) {
        Some(clock) => Verdict::Take(timed(start, end, clock, known)),
        None => Verdict::Skip,
    }
}

/// Minutes past (or, negative, to) the hour of a fraction («والنصف», «إلا ربعا»,
/// «وعشر دقائق»).
fn fraction_minutes(frac: &str, caps: &Captures<'_>) -> Option<i32> {
    if let Some(fm) = caps.name("fm") {
        let n = num(fm.as_str()).or_else(|| cardinal_value(fm.as_str()))?;
        let n = i32::try_from(n).ok().filter(|n| *n < 60)?;
        return Some(if caps.name("sign").is_some_and(|s| s.as_str() == "الا") {
            -n
        } else {
            n
        });
    }
    let minutes = if frac.contains("نصف") {
        30
    } else if frac.contains("ربع") {
        15
    } else {
        20
    };
    Some(if frac.contains("الا") {
        -minutes
    } else {
        minutes
    })
}

fn hour_words(text: &str, caps: &Captures<'_>, weak: &mut Vec<Candidate>) -> Verdict {
    let Some(hw) = caps.name("hw") else {
        return Verdict::Retry;
    };
    let sa = caps.name("sa");
    let frac = caps.name("frac");
    let mer = meridiem(text, caps, false);
    let start = caps.name("approx").or(sa).map_or(hw.start(), |m| m.start());
    let start = with_conjunction(caps, start);
    let end = mer.or(frac).map_or(hw.end(), |m| m.end());
    if !at_word_edges(text, start, end) {
        return Verdict::Retry;
    }
    let Some(hour) = hour_value(hw.as_str()) else {
        return Verdict::Retry;
    };
    let shift = match frac {
        Some(f) => match fraction_minutes(f.as_str(), caps) {
            Some(m) => m,
            None => return Verdict::Retry,
        },
        None => 0,
    };
    let Some((hour, known)) = hour24(hour, mer.map(|m| m.as_str())) else {
        return Verdict::Skip;
    };
    let total = (i32::try_from(hour).unwrap_or(0) * 60 + shift).rem_euclid(24 * 60);
    let Some(clock) = u32::try_from(total).ok().and_then(|t| at(t / 60, t % 60)) else {
        return Verdict::Skip;
    };
    let candidate = timed(start, end, clock, known);
    let followed_by_min = word_after(text, end).is_some_and(|(_, w)| w == "من");
    if sa.is_some() || (mer.is_some() && !followed_by_min) || (frac.is_some() && !followed_by_min) {
        return Verdict::Take(candidate);
    }
    let triggered = word_before(text, start)
        .is_some_and(|(_, w)| HOUR_TRIGGERS.contains(&w.strip_prefix('و').unwrap_or(w)));
    if triggered && !followed_by_min {
        return Verdict::Take(candidate);
    }
    if !followed_by_min {
        weak.push(candidate);
    }
    Verdict::Skip
}

fn part_alone(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(whole), Some(p)) = (caps.get(0), caps.name("p")) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    let name = p.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(&(_, clock, joins_only)) = PARTS.iter().find(|q| q.0 == name) else {
        return Verdict::Retry;
    };
    // «بعد الظهر» alone is the afternoon.
    let after_noon =
        name == "الظهر" && word_before(text, whole.start()).is_some_and(|(_, w)| w == "بعد");
    let clock = if after_noon {
        Clock::Part(PartOfDay::Afternoon)
    } else {
        clock
    };
    let start = if after_noon {
        word_before(text, whole.start()).map_or(whole.start(), |(s, _)| s)
    } else {
        whole.start()
    };
    Verdict::Take(Candidate {
        joins_only,
        ..timed(start, whole.end(), clock, Meridiem::Written)
    })
}

/// «الليلة»: tonight (the reference day's night), not «تلك الليلة».
fn tonight(text: &str, caps: &Captures<'_>) -> Verdict {
    let Some(whole) = caps.get(0) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    let anaphoric = word_before(text, whole.start())
        .is_some_and(|(_, w)| matches!(w, "تلك" | "ذات" | "نفس" | "تلكم"));
    // «الليلة الماضية» is last night; «الليلة الأولى» is not a date.
    let (end, by) = match word_after(text, whole.end()) {
        Some((end, "الماضيه")) => (end, -1),
        Some((_, w)) if w.starts_with("ال") => return Verdict::Skip,
        _ => (whole.end(), 0),
    };
    if anaphoric {
        return Verdict::Skip;
    }
    Verdict::Take(Candidate::new(
        whole.start(),
        end,
        Partial::Timed {
            date: Some(Box::new(Partial::Offset {
                unit: TimeUnit::Day,
                by,
            })),
            clock: Clock::Part(PartOfDay::Night),
        },
    ))
}

/// Separators allowed between a day and its time: spaces, commas, dashes, bars, and
/// «في», «على», «عند».
fn only_separators(between: &str) -> bool {
    let rest = between.trim_matches(|c: char| c.is_whitespace() || ",،-–|".contains(c));
    rest.is_empty() || matches!(rest.trim(), "في" | "على" | "علي" | "عند")
}

/// Joins each day to the time of day written right after it, and a part of the day
/// written right before it («مساء أمس»): one TIME expression. Parts of the day that
/// only join («الصبح») and were not joined are dropped.
pub(crate) fn attach(text: &str, chosen: &mut Vec<Candidate>) {
    let mut out: Vec<Candidate> = Vec::with_capacity(chosen.len());
    let mut items = std::mem::take(chosen).into_iter().peekable();
    while let Some(mut c) = items.next() {
        if c.is_day() {
            // «مساء» was found alone, right before the day: it is the day's evening.
            let part = out.last().filter(|p| {
                p.clock().is_some()
                    && text[p.end..c.start].trim().is_empty()
                    && part_word(&text[p.start..p.end]).is_some()
            });
            let before = match part {
                Some(p) => Some((p.start, part_word(&text[p.start..p.end]))),
                None => part_before(text, c.start, out.last().map_or(0, |p| p.end))
                    .map(|(start, clock)| (start, Some(clock))),
            };
            if let Some((start, Some(clock))) = before {
                if part.is_some() {
                    out.pop();
                }
                c = Candidate::new(start, c.end, timed_value(c.value, clock));
            } else if let Some(next) =
                items.next_if(|n| n.clock().is_some() && only_separators(&text[c.end..n.start]))
            {
                let clock = next.clock().unwrap_or(NOON);
                c = Candidate::new(c.start, next.end, timed_value(c.value, clock));
            }
        }
        if !c.joins_only {
            out.push(c);
        }
    }
    *chosen = out;
}

fn timed_value(date: Partial, clock: Clock) -> Partial {
    Partial::Timed {
        date: Some(Box::new(date)),
        clock,
    }
}

/// The clock of a part-of-day word written before a day («مساء», «وصباح»,
/// «منتصف ليل»).
fn part_word(words: &str) -> Option<Clock> {
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let bare = words
        .strip_prefix('و')
        .or_else(|| words.strip_prefix('ف'))
        .unwrap_or(&words);
    PARTS_BEFORE
        .iter()
        .find(|(w, _)| *w == words || *w == bare)
        .map(|(_, clock)| *clock)
}

/// A part of the day written right before `at` (and after `floor`), with its start:
/// one word («صباح»), or «منتصف» and the word after it.
fn part_before(text: &str, at: usize, floor: usize) -> Option<(usize, Clock)> {
    let (start, word) = word_before(text, at).filter(|(s, _)| *s >= floor)?;
    if !text[start + word.len()..at].trim().is_empty() {
        return None;
    }
    if let Some((first, "منتصف")) = word_before(text, start).filter(|(s, _)| *s >= floor) {
        if let Some(clock) = part_word(&text[first..start + word.len()]) {
            return Some((first, clock));
        }
    }
    part_word(word).map(|clock| (start, clock))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn times(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        candidates(text, &mut out);
        let out = crate::dates::select::select(out);
        out.iter()
            .filter(|c| !c.joins_only)
            .map(|c| {
                let clock = c.clock().map_or("-".to_string(), |k| k.to_string());
                (text[c.start..c.end].to_string(), clock)
            })
            .collect()
    }

    #[test]
    fn a_conjunction_glued_to_a_time_is_in_its_extent() {
        assert_eq!(
            times("وصل والسابعه مساء"),
            [("والسابعه مساء".into(), "19:00".into())]
        );
        assert_eq!(times("و8 صباحا"), [("و8 صباحا".into(), "08:00".into())]);
        assert_eq!(
            times("والثالثه والنصف"),
            [("والثالثه والنصف".into(), "03:30".into())]
        );
    }

    #[test]
    fn clock_times() {
        assert_eq!(
            times("يبدا البث الساعه 8:00 بتوقيت"),
            [("الساعه 8:00".into(), "08:00".into())]
        );
        assert_eq!(
            times("انطلقت الساعه 5:30 م"),
            [("الساعه 5:30 م".into(), "17:30".into())]
        );
        assert_eq!(times("يصل 8 صباحا"), [("8 صباحا".into(), "08:00".into())]);
        assert_eq!(
            times("حوالي الساعه 14:20"),
            [("حوالي الساعه 14:20".into(), "14:20".into())]
        );
        assert!(times("بنسبه 20.16% خلال").is_empty());
        assert!(times("فاز 8 م").is_empty());
    }

    #[test]
    fn hours_in_words() {
        assert_eq!(times("السابعه مساء")[0].1, "19:00");
        assert_eq!(times("الثالثه والنصف")[0].1, "03:30");
        assert_eq!(times("الساعه الرابعه الا ربعا")[0].1, "03:45");
        assert_eq!(times("السابعه وعشر دقائق مساء")[0].1, "19:10");
        assert_eq!(times("الواحده ظهرا")[0].1, "13:00");
        assert_eq!(times("الثانيه فجرا")[0].1, "02:00");
        assert_eq!(times("العاشره ليلا")[0].1, "22:00");
        assert!(times("طفله في السابعه من عمرها").is_empty());
        assert!(times("احتل المرتبه السابعه في السباق").is_empty());
        let t = times("يبدا التاسعه صباحا وينتهي الحاديه عشره");
        assert_eq!(t[1], ("الحاديه عشره".into(), "11:00".into()));
    }

    #[test]
    fn parts_of_the_day() {
        assert_eq!(times("وقع فجرا")[0].1, "MO");
        assert_eq!(times("عند الظهر")[0].1, "12:00");
        assert_eq!(times("منتصف الليل")[0].1, "24:00");
        assert_eq!(times("بعد الظهر")[0], ("بعد الظهر".into(), "AF".into()));
    }
}
