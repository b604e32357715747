//! Resolution: from what an expression says ([`Partial`]) to its TIMEX3 value, with
//! the reference (publication) date filling in what the text leaves out.
//!
//! The policy, for news (documented in the module docs of [`crate::dates`]):
//!
//! - a date written in full («12 يناير 2016», «1 رمضان 1437 هـ») is taken as written,
//!   whatever the reference and whatever weekday is written next to it;
//! - a day-month, a month alone and a day alone take the one nearest the reference
//!   on the side [`Resolution::prefer`] says (by default on or before it: news
//!   reports the past), unless a relative word points («الماضي» the last one before
//!   the reference, «المقبل» the next one after it, «الجاري» the reference's own),
//!   or a weekday written with a day-month agrees with one of the candidate years
//!   only (then the one nearest the reference that agrees);
//! - a weekday alone is the last such day on or before the reference (the next on
//!   or after it with [`Prefer::Future`]), «الماضي» the one before, «المقبل» the one
//!   after;
//! - offsets count from the reference in their unit: «أمس» the day before,
//!   «الأسبوع الماضي» the ISO week before, «قبل شهرين» the month two before;
//! - decades without a century («الثمانينات») are the latest that began before the
//!   reference year, and the twentieth century's without a reference.
//!
//! Without a reference, what is not written stays unknown (`XXXX-05-28`,
//! `XXXX-WXX-1`, `XXXX-XX`).

use super::hijri::{HijriCalendar, HijriDate};
use super::lexicon::{TimeUnit, Toward};
use super::timex::{
    Anchor, Clock, DatePoint, Detail, Reference, Season, Timex, TimexValue, WeekDay, Year,
};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Which side of the reference an underspecified date («28 مايو», «مارس», «في 15»,
/// «الاثنين») is taken on when no relative word says.
///
/// ```
/// use warraq::dates::{find_timexes, Prefer, Resolution};
/// use chrono::NaiveDate;
/// let reference = NaiveDate::from_ymd_opt(2016, 5, 3);
/// let past = find_timexes("في 28 مايو", &Resolution::new(reference));
/// assert_eq!(past[0].timex.value.to_string(), "2015-05-28");
/// let future = find_timexes("في 28 مايو", &Resolution::new(reference).prefer(Prefer::Future));
/// assert_eq!(future[0].timex.value.to_string(), "2016-05-28");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Prefer {
    /// On or before the reference: what news reports (the default).
    #[default]
    Past,
    /// On or after the reference: announcements, agendas, future-tense texts.
    Future,
    /// Whichever is nearer (the earlier one when both are as near).
    Nearest,
}

impl std::str::FromStr for Prefer {
    type Err = crate::Error;
    /// `past`, `future` or `nearest`.
    fn from_str(s: &str) -> crate::Result<Prefer> {
        match s {
            "past" => Ok(Prefer::Past),
            "future" => Ok(Prefer::Future),
            "nearest" => Ok(Prefer::Nearest),
            _ => Err(crate::Error::invalid_option(
                "prefer",
                format!("`{s}` is not past, future or nearest"),
            )),
        }
    }
}

/// How expressions are resolved: against which reference date, and on which side
/// of it when the text does not say.
///
/// ```
/// use warraq::dates::{Prefer, Resolution};
/// use chrono::NaiveDate;
/// let r = Resolution::new(NaiveDate::from_ymd_opt(2016, 5, 3)).prefer(Prefer::Nearest);
/// assert_eq!(r.prefer, Prefer::Nearest);
/// assert_eq!(Resolution::default().reference, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Resolution {
    /// The reference date, typically the article's publication date.
    pub reference: Option<NaiveDate>,
    /// The side of the reference an underspecified date is taken on.
    pub prefer: Prefer,
}

impl Resolution {
    /// Against `reference`, taking the past side (news).
    #[must_use]
    pub fn new(reference: Option<NaiveDate>) -> Resolution {
        Resolution {
            reference,
            prefer: Prefer::Past,
        }
    }

    /// The same with another [`Prefer`].
    #[must_use]
    pub fn prefer(self, prefer: Prefer) -> Resolution {
        Resolution { prefer, ..self }
    }
}

/// A century: its first two digits (19 for 19XX), or the reference's shifted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Era {
    Known(u8),
    Shift(i32),
}

/// The year of a period: written, or the reference's shifted («العام الماضي»).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearOf {
    Known(i32),
    Shift(i32),
}

/// A part of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    Season(Season),
    Quarter(u8),
    Half(u8),
    Week(u8),
}

/// A calendar date as written, with what is missing left `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct DateSpec {
    pub(crate) year: Option<i32>,
    pub(crate) month: Option<u32>,
    pub(crate) day: Option<u32>,
    pub(crate) weekday: Option<Weekday>,
    /// Year, month and day are Hijri.
    pub(crate) hijri: bool,
    /// «الماضي», «المقبل», «الجاري» after it.
    pub(crate) toward: Option<Toward>,
    /// «من الشهر الماضي»: the month is the reference's, shifted.
    pub(crate) month_shift: Option<i32>,
    /// «من العام الماضي»: the year is the reference's, shifted.
    pub(crate) year_shift: Option<i32>,
}

/// What an expression says, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Partial {
    /// A calendar date, a day-month, a month, a day or a weekday.
    Date(DateSpec),
    /// `by` units from the reference: «أمس» is one day back, «الشهر الجاري» none.
    Offset { unit: TimeUnit, by: i32 },
    /// A decade («الثمانينات»): its digit, and the century when written.
    Decade { decade: u8, century: Option<Era> },
    /// A century.
    Century(Era),
    /// A season, quarter, half or ISO week of a year.
    Period { period: Period, year: YearOf },
    /// «الربيع الماضي»: a season relative to the reference.
    Season { season: Season, toward: Toward },
    /// A time of day, with the date it belongs to when one is written.
    Timed {
        date: Option<Box<Partial>>,
        clock: Clock,
    },
    /// Nothing to resolve: durations, sets, vague references.
    Fixed(Timex),
    /// A range: its two ends (the begin completed from the end by the recogniser).
    Range {
        begin: Box<Partial>,
        end: Box<Partial>,
    },
}

/// A resolved point: its value, whether the reference supplied part of it, and the
/// Hijri conversion when there was one.
struct Point {
    value: TimexValue,
    anchor: Anchor,
    calendar: Option<HijriCalendar>,
}

impl Point {
    fn text(value: TimexValue) -> Point {
        Point {
            value,
            anchor: Anchor::Text,
            calendar: None,
        }
    }

    fn reference(value: TimexValue) -> Point {
        Point {
            value,
            anchor: Anchor::Reference,
            calendar: None,
        }
    }
}

/// The TIMEX3 expression `partial` resolves to, or `None` when it names no real date
/// (30 February, 30 Ramadan of a 29-day month).
pub(crate) fn resolve(partial: &Partial, r: &Resolution) -> Option<Timex> {
    match partial {
        Partial::Fixed(t) => Some(t.clone()),
        Partial::Range { begin, end } => resolve_range(begin, end, r),
        other => {
            let p = point(other, r)?;
            Some(Timex {
                anchor: p.anchor,
                calendar: p.calendar,
                ..Timex::new(p.value.default_type(), p.value)
            })
        }
    }
}

fn point(partial: &Partial, r: &Resolution) -> Option<Point> {
    match partial {
        Partial::Date(spec) if spec.hijri => hijri_date(spec, r),
        Partial::Date(spec) => date(spec, r),
        Partial::Offset { unit, by } => offset(*unit, *by, r),
        Partial::Decade { decade, century } => Some(decade_point(*decade, *century, r)),
        Partial::Century(era) => century_point(*era, r),
        Partial::Period { period, year } => period_point(*period, *year, r),
        Partial::Season { season, toward } => Some(relative_season(*season, *toward, r)),
        Partial::Timed { date, clock } => timed(date.as_deref(), *clock, r),
        Partial::Fixed(t) => Some(Point::text(t.value.clone())),
        Partial::Range { .. } => None,
    }
}

fn known(year: i32) -> Year {
    Year::Known(year)
}

fn unknown(detail: Detail) -> TimexValue {
    TimexValue::Date(DatePoint {
        year: Year::Unknown,
        detail,
    })
}

fn u8_of(n: u32) -> Option<u8> {
    u8::try_from(n).ok()
}

/// A Gregorian date spec.
fn date(spec: &DateSpec, r: &Resolution) -> Option<Point> {
    let year = spec
        .year
        .or_else(|| Some(r.reference?.year() + spec.year_shift?));
    let from_reference = spec.year.is_none() && year.is_some();
    let anchored = |p: Point| {
        if from_reference {
            Point::reference(p.value)
        } else {
            p
        }
    };
    match (year, spec.month, spec.day) {
        (Some(y), Some(m), Some(d)) => Some(anchored(Point::text(TimexValue::day(
            NaiveDate::from_ymd_opt(y, m, d)?,
        )))),
        (Some(y), Some(m), None) => {
            (1..=12).contains(&m).then_some(())?;
            Some(anchored(Point::text(TimexValue::month(y, m))))
        }
        (Some(y), None, None) => Some(anchored(Point::text(TimexValue::year(y)))),
        (None, Some(m), Some(d)) => day_month(spec, m, d, r),
        (None, Some(m), None) => month_only(spec, m, r),
        (None, None, Some(d)) => day_only(spec, d, r),
        (None, None, None) => weekday_only(spec, r),
        (Some(_), None, Some(_)) => None,
    }
}

/// The candidate dates of a day-month around the reference, and the one the policy
/// takes.
fn day_month(spec: &DateSpec, m: u32, d: u32, r: &Resolution) -> Option<Point> {
    let Some(reference) = r.reference else {
        NaiveDate::from_ymd_opt(2000, m, d)?;
        return Some(Point::text(unknown(Detail::Day(u8_of(m), u8_of(d)))));
    };
    let candidates: Vec<NaiveDate> = (-1..=1)
        .filter_map(|k| NaiveDate::from_ymd_opt(reference.year() + k, m, d))
        .collect();
    let day = pick(&candidates, reference, spec.toward, spec.weekday, r.prefer)?;
    Some(Point::reference(TimexValue::day(day)))
}

/// The date the policy takes among `candidates` (in order).
fn pick(
    candidates: &[NaiveDate],
    reference: NaiveDate,
    toward: Option<Toward>,
    weekday: Option<Weekday>,
    prefer: Prefer,
) -> Option<NaiveDate> {
    let nearest = |it: &mut dyn Iterator<Item = &NaiveDate>| {
        it.min_by_key(|d| ((**d - reference).num_days().abs(), **d))
            .copied()
    };
    match toward {
        Some(Toward::Past) => candidates.iter().rev().find(|d| **d < reference).copied(),
        Some(Toward::Future) => candidates.iter().find(|d| **d > reference).copied(),
        Some(Toward::Current) => candidates
            .iter()
            .find(|d| d.year() == reference.year())
            .copied(),
        None => {
            if let Some(w) = weekday {
                if let Some(d) = nearest(&mut candidates.iter().filter(|d| d.weekday() == w)) {
                    return Some(d);
                }
            }
            match prefer {
                Prefer::Past => candidates.iter().rev().find(|d| **d <= reference).copied(),
                Prefer::Future => candidates.iter().find(|d| **d >= reference).copied(),
                Prefer::Nearest => nearest(&mut candidates.iter()),
            }
        }
    }
}

fn month_only(spec: &DateSpec, m: u32, r: &Resolution) -> Option<Point> {
    (1..=12).contains(&m).then_some(())?;
    let Some(reference) = r.reference else {
        return Some(Point::text(unknown(Detail::Month(u8_of(m)))));
    };
    // Months as their first days: the reference's month counts as on or before it.
    let first = |y: i32| NaiveDate::from_ymd_opt(y, m, 1);
    let candidates: Vec<NaiveDate> = (-1..=1)
        .filter_map(|k| first(reference.year() + k))
        .collect();
    let this_month = reference.with_day(1)?;
    let chosen = match spec.toward {
        Some(Toward::Past) => candidates.iter().rev().find(|d| **d < this_month),
        Some(Toward::Future) => candidates.iter().find(|d| **d > this_month),
        Some(Toward::Current) => candidates.iter().find(|d| d.year() == reference.year()),
        None => match r.prefer {
            Prefer::Past => candidates.iter().rev().find(|d| **d <= this_month),
            Prefer::Future => candidates.iter().find(|d| **d >= this_month),
            Prefer::Nearest => candidates
                .iter()
                .min_by_key(|d| ((**d - this_month).num_days().abs(), **d)),
        },
    }?;
    Some(Point::reference(TimexValue::month(chosen.year(), m)))
}

fn day_only(spec: &DateSpec, d: u32, r: &Resolution) -> Option<Point> {
    let Some(reference) = r.reference else {
        (1..=31).contains(&d).then_some(())?;
        return Some(Point::text(unknown(Detail::Day(None, u8_of(d)))));
    };
    let first = reference.with_day(1)?;
    let in_month = |k: i32| {
        let month = if k >= 0 {
            first.checked_add_months(Months::new(k.unsigned_abs()))
        } else {
            first.checked_sub_months(Months::new(k.unsigned_abs()))
        }?;
        month.with_day(d)
    };
    if let Some(shift) = spec.month_shift {
        return Some(Point::reference(TimexValue::day(in_month(shift)?)));
    }
    let candidates: Vec<NaiveDate> = (-12..=12).filter_map(in_month).collect();
    let day = pick(&candidates, reference, spec.toward, None, r.prefer)?;
    Some(Point::reference(TimexValue::day(day)))
}

fn weekday_only(spec: &DateSpec, r: &Resolution) -> Option<Point> {
    let w = spec.weekday?;
    let iso = u8_of(w.number_from_monday())?;
    let Some(reference) = r.reference else {
        return Some(Point::text(unknown(Detail::Week(
            None,
            Some(WeekDay::Day(iso)),
        ))));
    };
    let candidates: Vec<NaiveDate> = (-7..=7)
        .filter_map(|k: i64| {
            let d = if k < 0 {
                reference.checked_sub_days(Days::new(k.unsigned_abs()))
            } else {
                reference.checked_add_days(Days::new(k.unsigned_abs()))
            }?;
            (d.weekday() == w).then_some(d)
        })
        .collect();
    let toward = spec.toward.filter(|t| *t != Toward::Current);
    let day = pick(&candidates, reference, toward, None, r.prefer)?;
    Some(Point::reference(TimexValue::day(day)))
}

/// A Hijri date spec: converted with the Umm al-Qura table (or the tabular
/// calendar outside it); a day-month is resolved in the Hijri calendar.
fn hijri_date(spec: &DateSpec, r: &Resolution) -> Option<Point> {
    let converted = |h: HijriDate, value: TimexValue, anchor: Anchor| Point {
        value,
        anchor,
        calendar: Some(h.calendar()),
    };
    match (spec.year, spec.month, spec.day) {
        (Some(y), Some(m), Some(d)) => {
            let h = HijriDate::new(y, m, d).ok()?;
            Some(converted(
                h,
                TimexValue::day(h.to_gregorian()),
                Anchor::Text,
            ))
        }
        (Some(y), Some(m), None) => {
            let h = HijriDate::new(y, m, 1).ok()?;
            let g = h.to_gregorian();
            Some(converted(
                h,
                TimexValue::month(g.year(), g.month()),
                Anchor::Text,
            ))
        }
        (Some(y), None, None) => {
            let h = HijriDate::new(y, 1, 1).ok()?;
            Some(converted(
                h,
                TimexValue::year(h.to_gregorian().year()),
                Anchor::Text,
            ))
        }
        (None, Some(m), day) => {
            let Some(reference) = r.reference else {
                return day.map(|_| Point::text(unknown(Detail::Day(None, None))));
            };
            let now = HijriDate::from_gregorian(reference)?;
            let dates: Vec<(HijriDate, NaiveDate)> = (-1..=1)
                .filter_map(|k| {
                    let h = HijriDate::new(now.year() + k, m, day.unwrap_or(1)).ok()?;
                    Some((h, h.to_gregorian()))
                })
                .collect();
            let days: Vec<NaiveDate> = dates.iter().map(|p| p.1).collect();
            let chosen = pick(&days, reference, spec.toward, spec.weekday, r.prefer)?;
            let (h, g) = *dates.iter().find(|p| p.1 == chosen)?;
            let value = match day {
                Some(_) => TimexValue::day(g),
                None => TimexValue::month(g.year(), g.month()),
            };
            Some(converted(h, value, Anchor::Reference))
        }
        _ => None,
    }
}

/// `by` units from the reference; without one, the value at that unit's precision
/// with every digit unknown.
fn offset(unit: TimeUnit, by: i32, r: &Resolution) -> Option<Point> {
    let Some(reference) = r.reference else {
        let detail = match unit {
            TimeUnit::Day => Detail::Day(None, None),
            TimeUnit::Week => Detail::Week(None, None),
            TimeUnit::Month => Detail::Month(None),
            _ => Detail::None,
        };
        return Some(Point::text(unknown(detail)));
    };
    let shift_days = |n: i64| {
        if n < 0 {
            reference.checked_sub_days(Days::new(n.unsigned_abs()))
        } else {
            reference.checked_add_days(Days::new(n.unsigned_abs()))
        }
    };
    let value = match unit {
        TimeUnit::Day => TimexValue::day(shift_days(i64::from(by))?),
        TimeUnit::Week => {
            let iso = shift_days(7 * i64::from(by))?.iso_week();
            TimexValue::Date(DatePoint {
                year: known(iso.year()),
                detail: Detail::Week(u8_of(iso.week()), None),
            })
        }
        TimeUnit::Month => {
            let index = reference.year() * 12 + i32::try_from(reference.month0()).ok()? + by;
            TimexValue::month(
                index.div_euclid(12),
                u32::try_from(index.rem_euclid(12)).ok()? + 1,
            )
        }
        TimeUnit::Year => TimexValue::year(reference.year() + by),
        TimeUnit::Decade => TimexValue::Date(DatePoint {
            year: Year::Decade(u16::try_from(reference.year() / 10 + by).ok()?),
            detail: Detail::None,
        }),
        TimeUnit::Century => TimexValue::Date(DatePoint {
            year: Year::Century(u8::try_from(reference.year() / 100 + by).ok()?),
            detail: Detail::None,
        }),
        TimeUnit::Hour | TimeUnit::Minute | TimeUnit::Second => {
            TimexValue::Ref(match by.signum() {
                -1 => Reference::Past,
                1 => Reference::Future,
                _ => Reference::Present,
            })
        }
    };
    Some(Point::reference(value))
}

fn decade_point(decade: u8, century: Option<Era>, r: &Resolution) -> Point {
    let value = |c: u8| {
        TimexValue::Date(DatePoint {
            year: Year::Decade(u16::from(c) * 10 + u16::from(decade)),
            detail: Detail::None,
        })
    };
    let reference_century = |shift: i32| {
        let year = r.reference?.year();
        u8::try_from(year / 100 + shift).ok()
    };
    match century {
        Some(Era::Known(c)) => Point::text(value(c)),
        Some(Era::Shift(s)) => match reference_century(s) {
            Some(c) => Point::reference(value(c)),
            None => Point::text(value(19)),
        },
        None => match r.reference.map(|d| d.year()) {
            Some(year) => {
                // The latest such decade that began before the reference year.
                let mut c = year / 100;
                if c * 100 + i32::from(decade) * 10 >= year {
                    c -= 1;
                }
                match u8::try_from(c) {
                    Ok(c) => Point::reference(value(c)),
                    Err(_) => Point::text(value(19)),
                }
            }
            None => Point::text(value(19)),
        },
    }
}

fn century_point(era: Era, r: &Resolution) -> Option<Point> {
    let value = |c: u8| {
        TimexValue::Date(DatePoint {
            year: Year::Century(c),
            detail: Detail::None,
        })
    };
    match era {
        Era::Known(c) => Some(Point::text(value(c))),
        Era::Shift(s) => {
            let year = r.reference?.year();
            Some(Point::reference(value(u8::try_from(year / 100 + s).ok()?)))
        }
    }
}

fn period_point(period: Period, year: YearOf, r: &Resolution) -> Option<Point> {
    let (year, anchor) = match year {
        YearOf::Known(y) => (known(y), Anchor::Text),
        YearOf::Shift(s) => match r.reference {
            Some(d) => (known(d.year() + s), Anchor::Reference),
            None => (Year::Unknown, Anchor::Text),
        },
    };
    let detail = match period {
        Period::Season(s) => Detail::Season(s),
        Period::Quarter(q) => Detail::Quarter(q),
        Period::Half(h) => Detail::Half(h),
        Period::Week(w) => Detail::Week(Some(w), None),
    };
    let value = TimexValue::Date(DatePoint { year, detail });
    value.is_valid().then_some(Point {
        value,
        anchor,
        calendar: None,
    })
}

/// «الربيع الماضي»: the latest such season that ended before the reference;
/// «المقبل» the first that starts after it; «هذا» the one of the reference's year.
fn relative_season(season: Season, toward: Toward, r: &Resolution) -> Point {
    let value = |year: Year| {
        TimexValue::Date(DatePoint {
            year,
            detail: Detail::Season(season),
        })
    };
    let Some(reference) = r.reference else {
        return Point::text(value(Year::Unknown));
    };
    let y = reference.year();
    let bounds = |year: i32| value(known(year)).bounds();
    let years = (y - 2)..=(y + 1);
    let chosen = match toward {
        Toward::Past => years
            .rev()
            .find(|&k| bounds(k).is_some_and(|(_, end)| end < reference)),
        Toward::Future => years
            .into_iter()
            .find(|&k| bounds(k).is_some_and(|(start, _)| start > reference)),
        Toward::Current => Some(y),
    };
    Point::reference(value(known(chosen.unwrap_or(y))))
}

/// A time of day, on the day its date resolves to when one is written (a date that
/// is not a day gives its own value: the time cannot attach to it).
fn timed(date: Option<&Partial>, clock: Clock, r: &Resolution) -> Option<Point> {
    let Some(date) = date else {
        return Some(Point::text(TimexValue::Time(clock)));
    };
    let p = point(date, r)?;
    let value = match p.value {
        TimexValue::Date(day)
            if matches!(
                day.detail,
                Detail::Day(..) | Detail::Week(_, Some(WeekDay::Day(_)))
            ) =>
        {
            TimexValue::DateTime(day, clock)
        }
        other => other,
    };
    Some(Point { value, ..p })
}

/// A range: the end resolved first, the begin then taking the end's year when the
/// reference gave it one (so that «من 5 إلى 12 ماي» never begins after it ends).
fn resolve_range(begin: &Partial, end: &Partial, r: &Resolution) -> Option<Timex> {
    let e = point(end, r)?;
    let begin = match (begin, &e.value) {
        (Partial::Date(spec), TimexValue::Date(p))
            if spec.year.is_none() && !spec.hijri && e.anchor == Anchor::Reference =>
        {
            let Year::Known(end_year) = p.year else {
                return None;
            };
            let ends_later = |bm: u32, bd: u32| match p.detail {
                Detail::Day(Some(em), Some(ed)) => (bm, bd) > (u32::from(em), u32::from(ed)),
                Detail::Month(Some(em)) => bm > u32::from(em),
                _ => false,
            };
            let later = spec
                .month
                .is_some_and(|m| ends_later(m, spec.day.unwrap_or(1)));
            Partial::Date(DateSpec {
                year: Some(end_year - i32::from(later)),
                ..*spec
            })
        }
        (other, _) => other.clone(),
    };
    let b = point(&begin, r)?;
    let anchor = if e.anchor == Anchor::Reference || b.anchor == Anchor::Reference {
        Anchor::Reference
    } else {
        Anchor::Text
    };
    let calendar = e.calendar.or(b.calendar);
    let range = Timex::range(b.value, e.value)?;
    Some(Timex {
        anchor,
        calendar,
        ..range
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn value(p: &Partial, reference: Option<NaiveDate>, prefer: Prefer) -> String {
        let r = Resolution::new(reference).prefer(prefer);
        resolve(p, &r).map_or("-".into(), |t| t.value.to_string())
    }

    fn spec(month: Option<u32>, day: Option<u32>) -> Partial {
        Partial::Date(DateSpec {
            month,
            day,
            ..DateSpec::default()
        })
    }

    #[test]
    fn day_months_follow_the_policy() {
        let may28 = spec(Some(5), Some(28));
        let r = d(2016, 5, 3);
        assert_eq!(value(&may28, r, Prefer::Past), "2015-05-28");
        assert_eq!(value(&may28, r, Prefer::Future), "2016-05-28");
        assert_eq!(value(&may28, r, Prefer::Nearest), "2016-05-28");
        assert_eq!(value(&may28, None, Prefer::Past), "XXXX-05-28");
        let may3 = spec(Some(5), Some(3));
        assert_eq!(value(&may3, r, Prefer::Past), "2016-05-03");
        assert_eq!(value(&spec(Some(2), Some(30)), r, Prefer::Past), "-");
    }

    #[test]
    fn a_weekday_picks_the_year_it_agrees_with() {
        // Thursday 10 November 2016, after a reference of Monday 7 November.
        let p = Partial::Date(DateSpec {
            month: Some(11),
            day: Some(10),
            weekday: Some(Weekday::Thu),
            ..DateSpec::default()
        });
        assert_eq!(value(&p, d(2016, 11, 7), Prefer::Past), "2016-11-10");
    }

    #[test]
    fn explicit_dates_ignore_reference_and_weekday() {
        let p = Partial::Date(DateSpec {
            year: Some(2016),
            month: Some(1),
            day: Some(12),
            weekday: Some(Weekday::Mon),
            ..DateSpec::default()
        });
        for (r, prefer) in [
            (d(2016, 11, 7), Prefer::Past),
            (None, Prefer::Future),
            (d(1990, 1, 1), Prefer::Nearest),
        ] {
            assert_eq!(value(&p, r, prefer), "2016-01-12");
        }
    }

    #[test]
    fn months_days_and_weekdays_alone() {
        let r = d(2016, 11, 7);
        assert_eq!(value(&spec(Some(12), None), r, Prefer::Past), "2015-12");
        assert_eq!(value(&spec(Some(8), None), r, Prefer::Past), "2016-08");
        assert_eq!(value(&spec(Some(11), None), r, Prefer::Past), "2016-11");
        assert_eq!(value(&spec(None, Some(15)), r, Prefer::Past), "2016-10-15");
        assert_eq!(
            value(&spec(None, Some(15)), r, Prefer::Future),
            "2016-11-15"
        );
        assert_eq!(value(&spec(None, Some(31)), r, Prefer::Past), "2016-10-31");
        let monday = Partial::Date(DateSpec {
            weekday: Some(Weekday::Mon),
            ..DateSpec::default()
        });
        assert_eq!(value(&monday, r, Prefer::Past), "2016-11-07");
        assert_eq!(value(&monday, None, Prefer::Past), "XXXX-WXX-1");
        let last_monday = Partial::Date(DateSpec {
            weekday: Some(Weekday::Mon),
            toward: Some(Toward::Past),
            ..DateSpec::default()
        });
        assert_eq!(value(&last_monday, r, Prefer::Past), "2016-10-31");
    }

    #[test]
    fn offsets_decades_centuries_seasons() {
        let r = d(2016, 5, 3);
        let off = |unit, by| Partial::Offset { unit, by };
        assert_eq!(
            value(&off(TimeUnit::Day, -1), r, Prefer::Past),
            "2016-05-02"
        );
        assert_eq!(value(&off(TimeUnit::Week, -1), r, Prefer::Past), "2016-W17");
        assert_eq!(value(&off(TimeUnit::Month, -5), r, Prefer::Past), "2015-12");
        assert_eq!(value(&off(TimeUnit::Year, 1), r, Prefer::Past), "2017");
        assert_eq!(value(&off(TimeUnit::Decade, -1), r, Prefer::Past), "200X");
        assert_eq!(
            value(&off(TimeUnit::Month, -1), None, Prefer::Past),
            "XXXX-XX"
        );
        let dec = |decade| Partial::Decade {
            decade,
            century: None,
        };
        assert_eq!(value(&dec(8), r, Prefer::Past), "198X");
        assert_eq!(value(&dec(2), r, Prefer::Past), "192X");
        assert_eq!(value(&dec(2), d(2023, 7, 19), Prefer::Past), "202X");
        assert_eq!(value(&dec(1), r, Prefer::Past), "201X");
        let past_spring = Partial::Season {
            season: Season::Spring,
            toward: Toward::Past,
        };
        assert_eq!(value(&past_spring, r, Prefer::Past), "2015-SP");
        let past_winter = Partial::Season {
            season: Season::Winter,
            toward: Toward::Past,
        };
        assert_eq!(value(&past_winter, d(2017, 3, 2), Prefer::Past), "2016-WI");
    }

    #[test]
    fn hijri_day_months_resolve_in_the_hijri_calendar() {
        let p = Partial::Date(DateSpec {
            month: Some(10),
            day: Some(1),
            hijri: true,
            ..DateSpec::default()
        });
        assert_eq!(value(&p, d(2016, 7, 10), Prefer::Past), "2016-07-06");
        let t = resolve(&p, &Resolution::new(d(2016, 7, 10))).unwrap();
        assert_eq!(t.calendar, Some(HijriCalendar::UmmAlQura));
        assert_eq!(t.anchor, Anchor::Reference);
    }

    #[test]
    fn ranges_begin_in_the_year_they_end() {
        let range = |bm, bd, em, ed| Partial::Range {
            begin: Box::new(spec(Some(bm), Some(bd))),
            end: Box::new(spec(Some(em), Some(ed))),
        };
        let t = resolve(&range(5, 5, 5, 12), &Resolution::new(d(2016, 5, 8))).unwrap();
        assert_eq!(t.value.to_string(), "P8D");
        assert_eq!(t.begin.unwrap().to_string(), "2015-05-05");
        let t = resolve(&range(12, 24, 1, 2), &Resolution::new(d(2017, 3, 1))).unwrap();
        assert_eq!(t.begin.unwrap().to_string(), "2016-12-24");
        assert_eq!(t.end.unwrap().to_string(), "2017-01-02");
    }
}
