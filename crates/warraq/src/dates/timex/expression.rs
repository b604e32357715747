//! One annotated expression ([`Timex`]): type, value, range ends, set attributes,
//! anchor and Hijri calendar; ranges' lengths; and the adapter from today's
//! [`DateMention`](crate::dates::DateMention).

use super::{
    Anchor, Clock, DatePoint, Detail, Duration, Quantity, TimexType, TimexValue, Unit, Year,
};
use crate::dates::hijri::{HijriCalendar, HijriDate};
use crate::dates::{Calendar, DateMention, DateValue};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// One temporal expression as TIMEX3 annotates it.
///
/// ```
/// use warraq::dates::timex::{Anchor, Timex, TimexType};
/// let set = Timex::new(TimexType::Set, "XXXX-WXX-1".parse().unwrap()).with_quant("EVERY");
/// assert!(set.is_valid());
/// assert_eq!(set.anchor, Anchor::Text);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// The type.
    pub kind: TimexType,
    /// The value.
    pub value: TimexValue,
    /// For a range: where it begins (TimeML's `beginPoint`, as a value).
    pub begin: Option<TimexValue>,
    /// For a range: where it ends (TimeML's `endPoint`, as a value).
    pub end: Option<TimexValue>,
    /// For a set: `EVERY` or `EACH` («كل»).
    pub quant: Option<String>,
    /// For a set: how often, `2X` (twice).
    pub freq: Option<String>,
    /// Whether the reference date supplied part of the value.
    pub anchor: Anchor,
    /// For a date written in the Hijri calendar: the conversion that produced the
    /// Gregorian value (a warraq extension; TIMEX3 values are Gregorian).
    pub calendar: Option<HijriCalendar>,
}

impl Timex {
    /// An expression of `kind` with `value`, read from the text alone.
    #[must_use]
    pub fn new(kind: TimexType, value: TimexValue) -> Timex {
        Timex {
            kind,
            value,
            begin: None,
            end: None,
            quant: None,
            freq: None,
            anchor: Anchor::Text,
            calendar: None,
        }
    }

    /// The same expression with a `quant` («كل» is `EVERY`).
    #[must_use]
    pub fn with_quant(mut self, quant: &str) -> Timex {
        self.quant = Some(quant.to_string());
        self
    }

    /// A range from `begin` to `end` (both included when they are days, months or
    /// years; clock times measure the time between): a DURATION whose value is its
    /// length, or `None` when the two ends are not of one precision that has a length
    /// (`2016-05` to `2016-06-03`).
    ///
    /// ```
    /// use warraq::dates::timex::Timex;
    /// let v = |s: &str| s.parse().unwrap();
    /// assert_eq!(Timex::range(v("2016-05-05"), v("2016-05-12")).unwrap().value.to_string(), "P8D");
    /// assert_eq!(Timex::range(v("T08:00"), v("T10:30")).unwrap().value.to_string(), "PT2H30M");
    /// assert_eq!(Timex::range(v("XXXX-05-05"), v("XXXX-05-12")).unwrap().value.to_string(), "P8D");
    /// assert!(Timex::range(v("2016-05"), v("2016-06-03")).is_none());
    /// ```
    #[must_use]
    pub fn range(begin: TimexValue, end: TimexValue) -> Option<Timex> {
        let length = range_length(&begin, &end)?;
        Some(Timex {
            begin: Some(begin),
            end: Some(end),
            ..Timex::new(TimexType::Duration, TimexValue::Duration(length))
        })
    }

    /// Whether the value is valid and fits the type, a range has both ends and
    /// begins no later than it ends, and `quant`/`freq` are only on sets.
    ///
    /// ```
    /// use warraq::dates::timex::{Timex, TimexType};
    /// let v = |s: &str| s.parse().unwrap();
    /// assert!(Timex::new(TimexType::Date, v("2016")).is_valid());
    /// assert!(!Timex::new(TimexType::Date, v("P3D")).is_valid());
    /// let mut backwards = Timex::range(v("2011"), v("2013")).unwrap();
    /// std::mem::swap(&mut backwards.begin, &mut backwards.end);
    /// assert!(!backwards.is_valid());
    /// ```
    #[must_use]
    pub fn is_valid(&self) -> bool {
        let fits = match self.kind {
            TimexType::Set => !matches!(self.value, TimexValue::Ref(_)),
            kind => self.value.default_type() == kind,
        };
        let ends = match (&self.begin, &self.end) {
            (None, None) => true,
            (Some(b), Some(e)) => {
                self.kind == TimexType::Duration
                    && [b, e].iter().all(|v| {
                        v.is_valid() && !matches!(v, TimexValue::Duration(_) | TimexValue::Ref(_))
                    })
                    && match (b.bounds(), e.bounds()) {
                        (Some((b, _)), Some((e, _))) => b <= e,
                        _ => true,
                    }
            }
            _ => false,
        };
        let set_only = self.kind == TimexType::Set || (self.quant.is_none() && self.freq.is_none());
        let quant_ok = self
            .quant
            .as_deref()
            .is_none_or(|q| q == "EVERY" || q == "EACH");
        let freq_ok = self.freq.as_deref().is_none_or(|f| {
            f.len() > 1 && f.ends_with('X') && f[..f.len() - 1].bytes().all(|b| b.is_ascii_digit())
        });
        self.value.is_valid() && fits && ends && set_only && quant_ok && freq_ok
    }
}

/// The length of a range whose two ends have the same precision.
fn range_length(begin: &TimexValue, end: &TimexValue) -> Option<Duration> {
    use TimexValue as V;
    let count = |n: i64, unit| Some(Duration::of(u64::try_from(n).ok()?, unit));
    match (begin, end) {
        (V::Date(b), V::Date(e)) => match (b.year, b.detail, e.year, e.detail) {
            (Year::Known(by), Detail::None, Year::Known(ey), Detail::None) => {
                count(i64::from(ey - by) + 1, Unit::Years)
            }
            (Year::Decade(bd), Detail::None, Year::Decade(ed), Detail::None) => {
                count(i64::from(ed) - i64::from(bd) + 1, Unit::Decades)
            }
            (
                Year::Known(by),
                Detail::Month(Some(bm)),
                Year::Known(ey),
                Detail::Month(Some(em)),
            ) => {
                let months =
                    (i64::from(ey) * 12 + i64::from(em)) - (i64::from(by) * 12 + i64::from(bm));
                count(months + 1, Unit::Months)
            }
            (by, Detail::Day(Some(bm), Some(bd)), ey, Detail::Day(Some(em), Some(ed))) => {
                // A day-month without a year is counted within one (leap) year.
                let year = |y: Year| match y {
                    Year::Known(y) => Some(y),
                    Year::Unknown => Some(2000),
                    _ => None,
                };
                let (by, ey) = (year(by)?, year(ey)?);
                let b = NaiveDate::from_ymd_opt(by, u32::from(bm), u32::from(bd))?;
                let e = NaiveDate::from_ymd_opt(ey, u32::from(em), u32::from(ed))?;
                count((e - b).num_days() + 1, Unit::Days)
            }
            _ => None,
        },
        (V::Time(b), V::Time(e)) => {
            let minutes = (clock_minutes(e)? - clock_minutes(b)?).rem_euclid(24 * 60);
            Some(hours_minutes(minutes))
        }
        (V::DateTime(bp, b), V::DateTime(ep, e)) => {
            let (bd, _) = bp.bounds()?;
            let (ed, _) = ep.bounds()?;
            let minutes = (ed - bd).num_days() * 24 * 60 + clock_minutes(e)? - clock_minutes(b)?;
            (minutes >= 0).then(|| hours_minutes(minutes))
        }
        _ => None,
    }
}

fn clock_minutes(c: &Clock) -> Option<i64> {
    match *c {
        Clock::At { hour, minute, .. } => {
            Some(i64::from(hour) * 60 + i64::from(minute.unwrap_or(0)))
        }
        Clock::Part(_) => None,
    }
}

fn hours_minutes(minutes: i64) -> Duration {
    let exact = |n: i64| Quantity::Exact {
        mantissa: u64::try_from(n).unwrap_or(0),
        scale: 0,
    };
    let mut amounts = Vec::new();
    if minutes >= 60 || minutes == 0 {
        amounts.push((exact(minutes / 60), Unit::Hours));
    }
    if minutes % 60 != 0 {
        amounts.push((exact(minutes % 60), Unit::Minutes));
    }
    Duration { amounts }
}

impl From<&DateMention> for Timex {
    /// Today's date finder in TIMEX3 terms: a day with a time is a TIME
    /// (`2016-05-03T08:52`), a day-month without a year is `XXXX-MM-DD` (`XXXX-XX-XX`
    /// for a Hijri one, whose Gregorian month is unknown without its year), a year
    /// outside 0-9999 is `XXXX`; «أمس» and the like are anchored on the reference.
    ///
    /// ```
    /// use warraq::dates::{find_dates, timex::{Anchor, Timex}};
    /// use chrono::NaiveDate;
    /// let found = find_dates("الثلاثاء، 03-05-2016 الساعة 08:52", None);
    /// let t = Timex::from(&found[0]);
    /// assert_eq!((t.kind.as_str(), t.value.to_string()), ("TIME", "2016-05-03T08:52".into()));
    /// let found = find_dates("أمس", NaiveDate::from_ymd_opt(2016, 5, 3));
    /// assert_eq!(Timex::from(&found[0]).anchor, Anchor::Reference);
    /// ```
    fn from(m: &DateMention) -> Timex {
        let value = match (m.value, m.time) {
            (DateValue::Day(d), Some(t)) => TimexValue::date_time(d, t.hour, t.minute),
            (DateValue::DayMonth { .. }, _) if m.calendar == Calendar::Hijri => {
                TimexValue::Date(DatePoint {
                    year: Year::Unknown,
                    detail: Detail::Day(None, None),
                })
            }
            (value, _) => TimexValue::from(&value),
        };
        let calendar = (m.calendar == Calendar::Hijri)
            .then(|| value.bounds())
            .flatten()
            .and_then(|(first, _)| HijriDate::from_gregorian(first))
            .map(|h| h.calendar());
        Timex {
            anchor: if m.relative {
                Anchor::Reference
            } else {
                Anchor::Text
            },
            calendar,
            ..Timex::new(value.default_type(), value)
        }
    }
}

impl From<&DateValue> for TimexValue {
    /// `2016-12-11`, `2015-05`, `2014`, and `XXXX-12-11` for a day-month. A
    /// [`DateValue::DayMonth`] cannot tell a Hijri day-month from a Gregorian one:
    /// [`Timex::from`] a mention can.
    ///
    /// ```
    /// use warraq::dates::{timex::TimexValue, DateValue};
    /// let v = TimexValue::from(&DateValue::DayMonth { month: 12, day: 11 });
    /// assert_eq!(v.to_string(), "XXXX-12-11");
    /// ```
    fn from(value: &DateValue) -> TimexValue {
        let known = |y: i32| {
            if (0..=9999).contains(&y) {
                Year::Known(y)
            } else {
                Year::Unknown
            }
        };
        let detail = |year: Year, detail: Detail| {
            TimexValue::Date(DatePoint {
                detail: if year == Year::Unknown {
                    Detail::None
                } else {
                    detail
                },
                year,
            })
        };
        match *value {
            DateValue::Day(d) if (0..=9999).contains(&d.year()) => TimexValue::day(d),
            DateValue::Day(_) => detail(Year::Unknown, Detail::None),
            DateValue::Month { year, month } => {
                detail(known(year), Detail::Month(u8::try_from(month).ok()))
            }
            DateValue::Year(y) => detail(known(y), Detail::None),
            DateValue::DayMonth { month, day } => TimexValue::Date(DatePoint {
                year: Year::Unknown,
                detail: Detail::Day(u8::try_from(month).ok(), u8::try_from(day).ok()),
            }),
        }
    }
}
