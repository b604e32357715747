//! Temporal values as TimeML's TIMEX3 writes them, with the TIDES extensions TimeML
//! uses: dates at the precision written, times, durations, sets and the vague
//! references.
//!
//! | written | value | type |
//! |---|---|---|
//! | «26 مارس 2016» | `2016-03-26` | DATE |
//! | «مارس 2016» / «عام 2016» | `2016-03` / `2016` | DATE |
//! | «الثمانينات» / «القرن العشرين» | `198X` / `19XX` | DATE |
//! | «الأسبوع 12 من 2016» / «صيف 2016» | `2016-W12` / `2016-SU` | DATE |
//! | «26 مارس» (no year) | `XXXX-03-26` | DATE |
//! | «حاليا» / «في الماضي» / «مستقبلا» | `PRESENT_REF` / `PAST_REF` / `FUTURE_REF` | DATE |
//! | «26 مارس 2016 الساعة 7 مساء» | `2016-03-26T19:00` | TIME |
//! | «السابعة مساء» / «صباحا» | `T19:00` / `TMO` | TIME |
//! | «3 أيام» / «ساعتين» / «3.5 سنوات» / «أسبوعين» | `P3D` / `PT2H` / `P3.5Y` / `P2W` | DURATION |
//! | «كل يوم اثنين» / «يوميا» | `XXXX-WXX-1` / `P1D` | SET |
//!
//! [`TimexValue`] is the value: [`Display`](fmt::Display) writes it in TIMEX3 form,
//! [`FromStr`] reads the same strings back, and [`is_valid`] says whether a string is
//! a well-formed value (every field in range: `2016-02-30` is not). [`Timex`] is one
//! annotated expression: its [`TimexType`], its value, `begin`/`end` for a range
//! (TimeML's DURATION with its two end points, «من 5 إلى 12 ماي» = `P8D` from
//! `XXXX-05-05` to `XXXX-05-12`), `quant`/`freq` for a set, whether the value came
//! from the text or from the reference date ([`Anchor`]) and, for a Hijri date,
//! which conversion produced it.
//!
//! ```
//! use warraq::dates::timex::{is_valid, Timex, TimexType, TimexValue};
//! let v: TimexValue = "2016-03-26T19:00".parse().unwrap();
//! assert_eq!(v.default_type(), TimexType::Time);
//! assert_eq!(v.to_string(), "2016-03-26T19:00");
//! assert!(is_valid("P3.5Y") && is_valid("XXXX-WXX-1") && is_valid("198X"));
//! assert!(!is_valid("2016-02-30") && !is_valid("P3.5Y2M") && !is_valid("T25:00"));
//! let range = Timex::range("2011".parse().unwrap(), "2013".parse().unwrap()).unwrap();
//! assert_eq!((range.kind, range.value.to_string()), (TimexType::Duration, "P3Y".into()));
//! ```

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

mod expression;
mod syntax;

pub use expression::Timex;
pub use syntax::TimexParseError;

/// TIMEX3's `type` attribute.
///
/// ```
/// use warraq::dates::timex::TimexType;
/// assert_eq!("SET".parse::<TimexType>().unwrap(), TimexType::Set);
/// assert_eq!(TimexType::Duration.to_string(), "DURATION");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TimexType {
    /// A calendar date or period at any precision, or a vague reference.
    Date,
    /// A time of day, with or without its date.
    Time,
    /// A length of time, or a range with a beginning and an end.
    Duration,
    /// A recurring time («كل يوم اثنين», «يوميا»).
    Set,
}

impl TimexType {
    /// Every type, in TimeML's order.
    pub const ALL: [TimexType; 4] = [
        TimexType::Date,
        TimexType::Time,
        TimexType::Duration,
        TimexType::Set,
    ];

    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

impl fmt::Display for TimexType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for TimexType {
    type Err = TimexParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TimexType::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| TimexParseError::new(s, "not DATE, TIME, DURATION or SET"))
    }
}

/// Where a value came from: the text alone, or the text resolved against the
/// reference (publication) date.
///
/// ```
/// use warraq::dates::timex::Anchor;
/// assert_eq!("reference".parse::<Anchor>().unwrap(), Anchor::Reference);
/// assert_eq!(Anchor::Text.to_string(), "text");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Anchor {
    /// Everything in the value is written in the expression («12 يناير 2016»).
    Text,
    /// The reference date supplied part of the value («أمس», «2 أكتوبر» without a year).
    Reference,
}

impl Anchor {
    /// `text` or `reference`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Anchor::Text => "text",
            Anchor::Reference => "reference",
        }
    }
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Anchor {
    type Err = TimexParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(Anchor::Text),
            "reference" => Ok(Anchor::Reference),
            _ => Err(TimexParseError::new(s, "not `text` or `reference`")),
        }
    }
}

/// The year of a date: four digits, a decade (`198X`), a century (`19XX`) or
/// unknown (`XXXX`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Year {
    /// A year, 0-9999.
    Known(i32),
    /// The first three digits of a decade: 198 for the eighties, `198X`.
    Decade(u16),
    /// The first two digits of a century: 19 for 1900-1999, `19XX`.
    Century(u8),
    /// Not written and not resolved: `XXXX`.
    Unknown,
}

/// A season of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Season {
    /// `SP`, March to May.
    Spring,
    /// `SU`, June to August.
    Summer,
    /// `FA`, September to November.
    Fall,
    /// `WI`, December to February (of the next year).
    Winter,
}

/// The day of a week: an ISO weekday number (1 Monday to 7 Sunday) or the weekend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WeekDay {
    /// ISO weekday number, 1 (Monday) to 7 (Sunday).
    Day(u8),
    /// `WE`, the weekend.
    Weekend,
}

/// What a date says below its year. `None` in a field is `XX` (not known).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Detail {
    /// The year alone: `2016`.
    None,
    /// A month: `2016-03`.
    Month(Option<u8>),
    /// A day: `2016-03-26`, `XXXX-03-26`, `XXXX-XX-XX` (any day, in a set).
    Day(Option<u8>, Option<u8>),
    /// An ISO week and optionally its day: `2016-W12`, `XXXX-WXX-1`, `2016-W12-WE`.
    Week(Option<u8>, Option<WeekDay>),
    /// A season: `2016-SU`.
    Season(Season),
    /// A quarter, 1-4: `2016-Q1`.
    Quarter(u8),
    /// A half year, 1-2: `2016-H1`.
    Half(u8),
}

/// A calendar date at some precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DatePoint {
    /// The year.
    pub year: Year,
    /// Everything below the year.
    pub detail: Detail,
}

/// A part of the day, TIDES style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PartOfDay {
    /// `MO`, morning.
    Morning,
    /// `MI`, midday.
    Midday,
    /// `AF`, afternoon.
    Afternoon,
    /// `EV`, evening.
    Evening,
    /// `NI`, night.
    Night,
    /// `DT`, daytime.
    Daytime,
}

/// A time of day: a clock time (`19:00`, `19`) or a part of the day (`EV`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Clock {
    /// Hour 0-24 (24 only as `24:00`, midnight at the end of a day), and optionally
    /// minute and second.
    At {
        /// Hour, 0-24.
        hour: u8,
        /// Minute, 0-59.
        minute: Option<u8>,
        /// Second, 0-59 (only with a minute).
        second: Option<u8>,
    },
    /// A part of the day.
    Part(PartOfDay),
}

/// A number in a duration: a decimal (`3`, `3.5`) or unknown (`X`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Quantity {
    /// `mantissa / 10^scale`: 3.5 is `{ mantissa: 35, scale: 1 }`.
    Exact {
        /// The digits.
        mantissa: u64,
        /// How many of them are after the decimal point.
        scale: u8,
    },
    /// `X`: some number of.
    Unknown,
}

/// A unit of a duration, in the order TIMEX3 writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Unit {
    /// `CE`, centuries.
    Centuries,
    /// `DE`, decades.
    Decades,
    /// `Y`, years.
    Years,
    /// `Q`, quarters.
    Quarters,
    /// `M` before `T`, months.
    Months,
    /// `W`, weeks.
    Weeks,
    /// `D`, days.
    Days,
    /// `H`, hours.
    Hours,
    /// `M` after `T`, minutes.
    Minutes,
    /// `S`, seconds.
    Seconds,
}

impl Unit {
    /// Whether the unit is written after `T`.
    #[must_use]
    pub const fn is_time(self) -> bool {
        matches!(self, Unit::Hours | Unit::Minutes | Unit::Seconds)
    }

    const fn code(self) -> &'static str {
        match self {
            Unit::Centuries => "CE",
            Unit::Decades => "DE",
            Unit::Years => "Y",
            Unit::Quarters => "Q",
            Unit::Months | Unit::Minutes => "M",
            Unit::Weeks => "W",
            Unit::Days => "D",
            Unit::Hours => "H",
            Unit::Seconds => "S",
        }
    }
}

/// A length of time: amounts of units, largest first (`P1Y2M`, `PT2H30M`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Duration {
    /// The amounts, in strictly increasing [`Unit`] order; only the last may have a
    /// fraction.
    pub amounts: Vec<(Quantity, Unit)>,
}

impl Duration {
    /// A whole number of one unit.
    ///
    /// ```
    /// use warraq::dates::timex::{Duration, Unit};
    /// assert_eq!(Duration::of(2, Unit::Hours).to_string(), "PT2H");
    /// ```
    #[must_use]
    pub fn of(amount: u64, unit: Unit) -> Duration {
        Duration {
            amounts: vec![(
                Quantity::Exact {
                    mantissa: amount,
                    scale: 0,
                },
                unit,
            )],
        }
    }
}

/// The vague references of TIMEX3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reference {
    /// `PRESENT_REF`: now, these days («حاليا», «الآن»).
    Present,
    /// `PAST_REF`: some time before («في الماضي», «سابقا»).
    Past,
    /// `FUTURE_REF`: some time after («مستقبلا»).
    Future,
}

/// A TIMEX3 `value`.
///
/// ```
/// use warraq::dates::timex::TimexValue;
/// use chrono::NaiveDate;
/// let day = TimexValue::day(NaiveDate::from_ymd_opt(2016, 1, 12).unwrap());
/// assert_eq!(day.to_string(), "2016-01-12");
/// assert_eq!(TimexValue::month(2016, 3).to_string(), "2016-03");
/// assert_eq!("XXXX-WXX-1".parse::<TimexValue>().unwrap().to_string(), "XXXX-WXX-1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimexValue {
    /// A date at some precision.
    Date(DatePoint),
    /// A date with a time of day: `2016-03-26T19:00`.
    DateTime(DatePoint, Clock),
    /// A time of day alone: `T19:00`.
    Time(Clock),
    /// A length of time: `P3D`.
    Duration(Duration),
    /// A vague reference: `PRESENT_REF`.
    Ref(Reference),
}

impl TimexValue {
    /// A full day.
    #[must_use]
    pub fn day(date: NaiveDate) -> TimexValue {
        TimexValue::Date(day_point(date))
    }

    /// A month of a year.
    #[must_use]
    pub fn month(year: i32, month: u32) -> TimexValue {
        TimexValue::Date(DatePoint {
            year: Year::Known(year),
            detail: Detail::Month(u8::try_from(month).ok()),
        })
    }

    /// A year.
    #[must_use]
    pub fn year(year: i32) -> TimexValue {
        TimexValue::Date(DatePoint {
            year: Year::Known(year),
            detail: Detail::None,
        })
    }

    /// A day with a clock time (hours and minutes).
    ///
    /// ```
    /// use warraq::dates::timex::TimexValue;
    /// use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2016, 5, 3).unwrap();
    /// assert_eq!(TimexValue::date_time(d, 8, 52).to_string(), "2016-05-03T08:52");
    /// ```
    #[must_use]
    pub fn date_time(date: NaiveDate, hour: u32, minute: u32) -> TimexValue {
        TimexValue::DateTime(
            day_point(date),
            Clock::At {
                hour: u8::try_from(hour).unwrap_or(u8::MAX),
                minute: Some(u8::try_from(minute).unwrap_or(u8::MAX)),
                second: None,
            },
        )
    }

    /// The type a value has when it is not a set: DATE for dates and references,
    /// TIME for anything with a time of day, DURATION for durations.
    #[must_use]
    pub fn default_type(&self) -> TimexType {
        match self {
            TimexValue::Date(_) | TimexValue::Ref(_) => TimexType::Date,
            TimexValue::DateTime(..) | TimexValue::Time(_) => TimexType::Time,
            TimexValue::Duration(_) => TimexType::Duration,
        }
    }

    /// Whether every field is in range and the value is well formed (what
    /// [`FromStr`] accepts): a real day of its month, a week the year has, a duration
    /// whose units are in order with a fraction only on the last.
    ///
    /// ```
    /// use warraq::dates::timex::TimexValue;
    /// assert!(TimexValue::month(2016, 12).is_valid());
    /// assert!(!TimexValue::month(2016, 13).is_valid());
    /// ```
    #[must_use]
    pub fn is_valid(&self) -> bool {
        match self {
            TimexValue::Date(p) => p.is_valid(),
            TimexValue::DateTime(p, c) => p.takes_time() && p.is_valid() && c.is_valid(),
            TimexValue::Time(c) => c.is_valid(),
            TimexValue::Duration(d) => d.is_valid(),
            TimexValue::Ref(_) => true,
        }
    }

    /// The first and last Gregorian day a dated value covers, when its year is
    /// known (a decade or century counts): `2016-03` is 2016-03-01 to 2016-03-31.
    ///
    /// ```
    /// use warraq::dates::timex::TimexValue;
    /// let (first, last) = "198X".parse::<TimexValue>().unwrap().bounds().unwrap();
    /// assert_eq!((first.to_string(), last.to_string()), ("1980-01-01".into(), "1989-12-31".into()));
    /// ```
    #[must_use]
    pub fn bounds(&self) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            TimexValue::Date(p) | TimexValue::DateTime(p, _) => p.bounds(),
            _ => None,
        }
    }
}

fn day_point(date: NaiveDate) -> DatePoint {
    DatePoint {
        year: Year::Known(date.year()),
        detail: Detail::Day(
            u8::try_from(date.month()).ok(),
            u8::try_from(date.day()).ok(),
        ),
    }
}

/// Whether `value` is a well-formed TIMEX3 value ([`TimexValue::is_valid`] of what it
/// parses to).
///
/// ```
/// use warraq::dates::timex::is_valid;
/// assert!(is_valid("2016-W12") && is_valid("2016-SU") && is_valid("PRESENT_REF"));
/// assert!(!is_valid("2016-W54") && !is_valid("P") && !is_valid("19X5"));
/// ```
#[must_use]
pub fn is_valid(value: &str) -> bool {
    value.parse::<TimexValue>().is_ok()
}

impl DatePoint {
    fn is_valid(&self) -> bool {
        let year = match self.year {
            Year::Known(y) if (0..=9999).contains(&y) => Some(y),
            Year::Known(_) => return false,
            Year::Decade(d) => return d <= 999 && self.detail == Detail::None,
            Year::Century(c) => return c <= 99 && self.detail == Detail::None,
            Year::Unknown => None,
        };
        match self.detail {
            Detail::None => true,
            Detail::Month(m) => m.is_none_or(|m| (1..=12).contains(&m)),
            Detail::Day(m, d) => day_is_valid(year, m, d),
            Detail::Week(w, day) => {
                let weeks = year.map_or(53, iso_weeks_in);
                w.is_none_or(|w| (1..=weeks).contains(&w))
                    && day.is_none_or(|d| matches!(d, WeekDay::Weekend | WeekDay::Day(1..=7)))
            }
            Detail::Season(_) => true,
            Detail::Quarter(q) => (1..=4).contains(&q),
            Detail::Half(h) => (1..=2).contains(&h),
        }
    }

    /// A time of day may follow a day (known or not) or a weekday of a week.
    fn takes_time(&self) -> bool {
        matches!(
            self.detail,
            Detail::Day(..) | Detail::Week(_, Some(WeekDay::Day(_)))
        )
    }

    fn bounds(&self) -> Option<(NaiveDate, NaiveDate)> {
        let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
        let year = match self.year {
            Year::Known(y) => y,
            Year::Decade(d) => {
                let first = i32::from(d) * 10;
                return Some((ymd(first, 1, 1)?, ymd(first + 9, 12, 31)?));
            }
            Year::Century(c) => {
                let first = i32::from(c) * 100;
                return Some((ymd(first, 1, 1)?, ymd(first + 99, 12, 31)?));
            }
            Year::Unknown => return None,
        };
        let months = |from: u32, to_year: i32, to: u32| {
            Some((ymd(year, from, 1)?, last_of_month(to_year, to)?))
        };
        match self.detail {
            Detail::None => months(1, year, 12),
            Detail::Month(Some(m)) => months(u32::from(m), year, u32::from(m)),
            Detail::Day(Some(m), Some(d)) => {
                let day = ymd(year, u32::from(m), u32::from(d))?;
                Some((day, day))
            }
            Detail::Week(Some(w), day) => {
                let at = |wd| NaiveDate::from_isoywd_opt(year, u32::from(w), wd);
                match day {
                    None => Some((at(Weekday::Mon)?, at(Weekday::Sun)?)),
                    Some(WeekDay::Weekend) => Some((at(Weekday::Sat)?, at(Weekday::Sun)?)),
                    Some(WeekDay::Day(n)) => {
                        let d = at(Weekday::Mon)? + chrono::Duration::days(i64::from(n) - 1);
                        Some((d, d))
                    }
                }
            }
            Detail::Season(Season::Spring) => months(3, year, 5),
            Detail::Season(Season::Summer) => months(6, year, 8),
            Detail::Season(Season::Fall) => months(9, year, 11),
            Detail::Season(Season::Winter) => months(12, year + 1, 2),
            Detail::Quarter(q) => months(u32::from(q) * 3 - 2, year, u32::from(q) * 3),
            Detail::Half(h) => months(u32::from(h) * 6 - 5, year, u32::from(h) * 6),
            Detail::Month(None) | Detail::Day(..) | Detail::Week(None, _) => None,
        }
    }
}

fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

fn day_is_valid(year: Option<i32>, month: Option<u8>, day: Option<u8>) -> bool {
    match (year, month, day) {
        (_, Some(m), _) if !(1..=12).contains(&m) => false,
        (_, _, None) => true,
        (Some(y), Some(m), Some(d)) => {
            NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d)).is_some()
        }
        // An unknown year may be a leap year.
        (None, Some(m), Some(d)) => {
            NaiveDate::from_ymd_opt(2000, u32::from(m), u32::from(d)).is_some()
        }
        (_, None, Some(d)) => (1..=31).contains(&d),
    }
}

/// ISO weeks in a year: 53 when it starts on a Thursday, or is a leap year starting
/// on a Wednesday; else 52.
fn iso_weeks_in(year: i32) -> u8 {
    NaiveDate::from_ymd_opt(year, 12, 28)
        .map_or(52, |d| u8::try_from(d.iso_week().week()).unwrap_or(52))
}

impl Clock {
    fn is_valid(&self) -> bool {
        match *self {
            Clock::At {
                hour,
                minute,
                second,
            } => {
                let in_range = hour <= 24
                    && minute.is_none_or(|m| m <= 59)
                    && second.is_none_or(|s| s <= 59)
                    && (second.is_none() || minute.is_some());
                let midnight_end =
                    hour < 24 || (minute.unwrap_or(0) == 0 && second.unwrap_or(0) == 0);
                in_range && midnight_end
            }
            Clock::Part(_) => true,
        }
    }
}

impl Duration {
    fn is_valid(&self) -> bool {
        let n = self.amounts.len();
        n > 0
            && self.amounts.windows(2).all(|w| w[0].1 < w[1].1)
            && self.amounts.iter().enumerate().all(|(i, (q, _))| match q {
                Quantity::Exact { mantissa, scale } => {
                    (*scale == 0 || i + 1 == n)
                        && *scale <= 9
                        && *mantissa < 10u64.pow(15)
                        && (*scale == 0 || mantissa % 10 != 0)
                }
                Quantity::Unknown => true,
            })
    }
}
