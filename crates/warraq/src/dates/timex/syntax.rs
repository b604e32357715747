//! The TIMEX3 string form of a value: writing ([`fmt::Display`]) and reading
//! ([`FromStr`]) the same grammar.
//!
//! ```text
//! value    = "PRESENT_REF" | "PAST_REF" | "FUTURE_REF" | duration | "T" time | date ["T" time]
//! date     = YYYY | DDDX | DDXX | XXXX, then one of
//!            "" | "-" MM | "-" MM "-" DD | "-W" WW ["-" (D | "WE")]
//!            | "-SP" | "-SU" | "-FA" | "-WI" | "-Q" 1-4 | "-H" 1-2      (MM, DD, WW may be XX)
//! time     = HH [":" MM [":" SS]] | "MO" | "MI" | "AF" | "EV" | "NI" | "DT"
//! duration = "P" {amount ("CE"|"DE"|"Y"|"Q"|"M"|"W"|"D")} ["T" {amount ("H"|"M"|"S")}]
//! amount   = digits ["." digits] | "X"       (no leading zero, no trailing fraction zero)
//! ```
//! A decade or century takes nothing after it; a time follows only a day or a
//! weekday; the units of a duration are in that order, each once, and only the last
//! may have a fraction.

use super::{
    Clock, DatePoint, Detail, Duration, PartOfDay, Quantity, Reference, Season, TimexValue, Unit,
    WeekDay, Year,
};
use std::fmt;
use std::str::FromStr;

/// A string that is not a TIMEX3 value (or type, or anchor), and why.
///
/// ```
/// use warraq::dates::timex::TimexValue;
/// let err = "2016-13".parse::<TimexValue>().unwrap_err();
/// assert_eq!(err.to_string(), "`2016-13` is not a TIMEX3 value: a field is out of range");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a TIMEX3 value: {reason}")]
pub struct TimexParseError {
    /// The string read.
    pub input: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl TimexParseError {
    pub(super) fn new(input: &str, reason: &'static str) -> TimexParseError {
        TimexParseError {
            input: input.to_string(),
            reason,
        }
    }
}

const SEASONS: [(Season, &str); 4] = [
    (Season::Spring, "SP"),
    (Season::Summer, "SU"),
    (Season::Fall, "FA"),
    (Season::Winter, "WI"),
];

const PARTS_OF_DAY: [(PartOfDay, &str); 6] = [
    (PartOfDay::Morning, "MO"),
    (PartOfDay::Midday, "MI"),
    (PartOfDay::Afternoon, "AF"),
    (PartOfDay::Evening, "EV"),
    (PartOfDay::Night, "NI"),
    (PartOfDay::Daytime, "DT"),
];

const REFERENCES: [(Reference, &str); 3] = [
    (Reference::Present, "PRESENT_REF"),
    (Reference::Past, "PAST_REF"),
    (Reference::Future, "FUTURE_REF"),
];

fn two(f: &mut fmt::Formatter<'_>, field: Option<u8>) -> fmt::Result {
    match field {
        Some(n) => write!(f, "{n:02}"),
        None => f.write_str("XX"),
    }
}

impl fmt::Display for DatePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Year::Known(y) => write!(f, "{y:04}")?,
            Year::Decade(d) => write!(f, "{d:03}X")?,
            Year::Century(c) => write!(f, "{c:02}XX")?,
            Year::Unknown => f.write_str("XXXX")?,
        }
        match self.detail {
            Detail::None => Ok(()),
            Detail::Month(m) => {
                f.write_str("-")?;
                two(f, m)
            }
            Detail::Day(m, d) => {
                f.write_str("-")?;
                two(f, m)?;
                f.write_str("-")?;
                two(f, d)
            }
            Detail::Week(w, day) => {
                f.write_str("-W")?;
                two(f, w)?;
                match day {
                    None => Ok(()),
                    Some(WeekDay::Day(n)) => write!(f, "-{n}"),
                    Some(WeekDay::Weekend) => f.write_str("-WE"),
                }
            }
            Detail::Season(s) => {
                let code = SEASONS.iter().find(|(x, _)| *x == s).map_or("", |(_, c)| c);
                write!(f, "-{code}")
            }
            Detail::Quarter(q) => write!(f, "-Q{q}"),
            Detail::Half(h) => write!(f, "-H{h}"),
        }
    }
}

impl fmt::Display for Clock {
    /// Without the leading `T`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Clock::At {
                hour,
                minute,
                second,
            } => {
                write!(f, "{hour:02}")?;
                if let Some(m) = minute {
                    write!(f, ":{m:02}")?;
                }
                if let Some(s) = second {
                    write!(f, ":{s:02}")?;
                }
                Ok(())
            }
            Clock::Part(p) => {
                let code = PARTS_OF_DAY
                    .iter()
                    .find(|(x, _)| *x == p)
                    .map_or("", |(_, c)| c);
                f.write_str(code)
            }
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Quantity::Exact { mantissa, scale: 0 } => write!(f, "{mantissa}"),
            Quantity::Exact { mantissa, scale } => {
                let digits = format!("{mantissa:0>width$}", width = usize::from(scale) + 1);
                let (whole, fraction) = digits.split_at(digits.len() - usize::from(scale));
                write!(f, "{whole}.{fraction}")
            }
            Quantity::Unknown => f.write_str("X"),
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P")?;
        let mut in_time = false;
        for (q, unit) in &self.amounts {
            if unit.is_time() && !in_time {
                f.write_str("T")?;
                in_time = true;
            }
            write!(f, "{q}{}", unit.code())?;
        }
        Ok(())
    }
}

impl fmt::Display for TimexValue {
    /// The TIMEX3 `value` string.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimexValue::Date(p) => write!(f, "{p}"),
            TimexValue::DateTime(p, c) => write!(f, "{p}T{c}"),
            TimexValue::Time(c) => write!(f, "T{c}"),
            TimexValue::Duration(d) => write!(f, "{d}"),
            TimexValue::Ref(r) => {
                let code = REFERENCES
                    .iter()
                    .find(|(x, _)| x == r)
                    .map_or("", |(_, c)| c);
                f.write_str(code)
            }
        }
    }
}

impl FromStr for TimexValue {
    type Err = TimexParseError;

    /// Reads a TIMEX3 value; anything [`TimexValue::is_valid`] rejects is an error.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |reason| TimexParseError::new(s, reason);
        let value = if let Some(&(r, _)) = REFERENCES.iter().find(|(_, c)| *c == s) {
            TimexValue::Ref(r)
        } else if let Some(rest) = s.strip_prefix('P') {
            TimexValue::Duration(duration(rest).ok_or_else(|| err("not a duration"))?)
        } else if let Some(rest) = s.strip_prefix('T') {
            TimexValue::Time(clock(rest).ok_or_else(|| err("not a time of day"))?)
        } else {
            match s.split_once('T') {
                Some((d, t)) => TimexValue::DateTime(
                    date(d).ok_or_else(|| err("not a date"))?,
                    clock(t).ok_or_else(|| err("not a time of day"))?,
                ),
                None => TimexValue::Date(date(s).ok_or_else(|| err("not a date"))?),
            }
        };
        if value.is_valid() {
            Ok(value)
        } else {
            Err(err("a field is out of range"))
        }
    }
}

/// Two digits, or `XX` for `None`.
fn two_digits(s: &str) -> Option<Option<u8>> {
    match s {
        "XX" => Some(None),
        _ if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) => Some(s.parse().ok()),
        _ => None,
    }
}

fn date(s: &str) -> Option<DatePoint> {
    let (y, rest) = (s.get(..4)?, s.get(4..)?);
    let b = y.as_bytes();
    let digits =
        |n: usize| b[..n].iter().all(u8::is_ascii_digit) && b[n..].iter().all(|&c| c == b'X');
    let year = if digits(4) {
        Year::Known(y.parse().ok()?)
    } else if digits(3) {
        Year::Decade(y[..3].parse().ok()?)
    } else if digits(2) {
        Year::Century(y[..2].parse().ok()?)
    } else if y == "XXXX" {
        Year::Unknown
    } else {
        return None;
    };
    let detail = if rest.is_empty() {
        Detail::None
    } else {
        detail(rest.strip_prefix('-')?)?
    };
    Some(DatePoint { year, detail })
}

fn detail(s: &str) -> Option<Detail> {
    if let Some(&(season, _)) = SEASONS.iter().find(|(_, c)| *c == s) {
        return Some(Detail::Season(season));
    }
    let digit = |d: &str| (d.len() == 1).then(|| d.parse::<u8>().ok()).flatten();
    if let Some(q) = s.strip_prefix('Q') {
        return digit(q).map(Detail::Quarter);
    }
    if let Some(h) = s.strip_prefix('H') {
        return digit(h).map(Detail::Half);
    }
    if let Some(w) = s.strip_prefix('W') {
        let (week, day) = match w.split_once('-') {
            Some((week, "WE")) => (week, Some(WeekDay::Weekend)),
            Some((week, d)) => (week, Some(WeekDay::Day(digit(d)?))),
            None => (w, None),
        };
        return Some(Detail::Week(two_digits(week)?, day));
    }
    match s.split_once('-') {
        Some((m, d)) => Some(Detail::Day(two_digits(m)?, two_digits(d)?)),
        None => Some(Detail::Month(two_digits(s)?)),
    }
}

fn clock(s: &str) -> Option<Clock> {
    if let Some(&(part, _)) = PARTS_OF_DAY.iter().find(|(_, c)| *c == s) {
        return Some(Clock::Part(part));
    }
    let mut fields = s.split(':');
    let number = |f: Option<&str>| -> Option<Option<u8>> {
        match f {
            None => Some(None),
            Some(f) => Some(Some(two_digits(f)??)),
        }
    };
    let hour = number(fields.next())??;
    let minute = number(fields.next())?;
    let second = number(fields.next())?;
    if fields.next().is_some() {
        return None;
    }
    Some(Clock::At {
        hour,
        minute,
        second,
    })
}

fn duration(s: &str) -> Option<Duration> {
    const DATE_UNITS: [(&str, Unit); 7] = [
        ("CE", Unit::Centuries),
        ("DE", Unit::Decades),
        ("Y", Unit::Years),
        ("Q", Unit::Quarters),
        ("M", Unit::Months),
        ("W", Unit::Weeks),
        ("D", Unit::Days),
    ];
    const TIME_UNITS: [(&str, Unit); 3] = [
        ("H", Unit::Hours),
        ("M", Unit::Minutes),
        ("S", Unit::Seconds),
    ];
    let (date_part, time_part) = match s.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return None,
        None => (s, None),
    };
    let mut amounts = Vec::new();
    for (part, units) in [
        (date_part, &DATE_UNITS[..]),
        (time_part.unwrap_or(""), &TIME_UNITS[..]),
    ] {
        let mut rest = part;
        while !rest.is_empty() {
            let number_end = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'X'))
                .unwrap_or(rest.len());
            let quantity = quantity(&rest[..number_end])?;
            rest = &rest[number_end..];
            let &(code, unit) = units.iter().find(|(code, _)| rest.starts_with(code))?;
            rest = &rest[code.len()..];
            amounts.push((quantity, unit));
        }
    }
    Some(Duration { amounts })
}

fn quantity(s: &str) -> Option<Quantity> {
    if s == "X" {
        return Some(Quantity::Unknown);
    }
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    let canonical_whole = whole == "0" || (!whole.is_empty() && !whole.starts_with('0'));
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if !canonical_whole || !all_digits(whole) || !all_digits(fraction) || s.ends_with('.') {
        return None;
    }
    if whole.len() + fraction.len() > 15 {
        return None;
    }
    Some(Quantity::Exact {
        mantissa: format!("{whole}{fraction}").parse().ok()?,
        scale: u8::try_from(fraction.len()).ok()?,
    })
}
