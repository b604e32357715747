//! Hijri ↔ Gregorian conversion (`warraq::dates::hijri`): the Umm al-Qura table for
//! 1343–1500 AH, the tabular calendar outside it.

use crate::errors::IntoPyResult;
use chrono::NaiveDate;
use pyo3::prelude::*;
use wq::dates::hijri::{self, HijriCalendar, HijriDate, InvalidHijriDate};

fn invalid(err: InvalidHijriDate) -> wq::Error {
    let name = match err {
        InvalidHijriDate::Year(_) => "year",
        InvalidHijriDate::Month(_) => "month",
        InvalidHijriDate::Day { .. } => "day",
    };
    wq::Error::invalid_option(name, err.to_string())
}

/// The Gregorian ``datetime.date`` of a Hijri date: exact (Umm al-Qura, the calendar
/// Saudi and Gulf outlets print) for 1343–1500 AH, the tabular Islamic calendar
/// outside. A day that does not exist (30 Ramadan 1438: that month had 29 days)
/// raises ``InvalidOptionError``.
///
/// >>> from warraq import hijri_to_gregorian
/// >>> hijri_to_gregorian(1437, 9, 1)
/// datetime.date(2016, 6, 6)
/// >>> hijri_to_gregorian(1438, 9, 30)
/// Traceback (most recent call last):
/// ...
/// warraq.exceptions.InvalidOptionError: invalid option `day`: day 30 of Hijri month 1438-09, which has 29 days (islamic-umalqura)
#[pyfunction]
pub fn hijri_to_gregorian(py: Python<'_>, year: i32, month: u32, day: u32) -> PyResult<NaiveDate> {
    HijriDate::new(year, month, day)
        .map(|h| h.to_gregorian())
        .map_err(invalid)
        .py(py)
}

/// The Hijri ``(year, month, day)`` of a ``datetime.date`` (Umm al-Qura for
/// 1924-08-01 to 2077-11-16, the tabular calendar outside); ``InvalidOptionError``
/// before 1 Muharram 1 AH (622-07-19).
///
/// >>> import datetime
/// >>> from warraq import gregorian_to_hijri
/// >>> gregorian_to_hijri(datetime.date(2023, 7, 19))
/// (1445, 1, 1)
#[pyfunction]
pub fn gregorian_to_hijri(py: Python<'_>, date: NaiveDate) -> PyResult<(i32, u32, u32)> {
    HijriDate::from_gregorian(date)
        .map(|h| (h.year(), h.month(), h.day()))
        .ok_or_else(|| wq::Error::invalid_option("date", format!("{date} is before 1 AH")))
        .py(py)
}

/// Days in a Hijri month (29 or 30; a few months of the early printed Umm al-Qura
/// calendar had 28 or 31).
///
/// >>> from warraq import hijri_month_length
/// >>> hijri_month_length(1437, 9), hijri_month_length(1438, 9)
/// (30, 29)
#[pyfunction]
pub fn hijri_month_length(py: Python<'_>, year: i32, month: u32) -> PyResult<u32> {
    HijriDate::new(year, month, 1)
        .map_err(invalid)
        .py(py)
        .and_then(|_| {
            hijri::month_length(year, month)
                .ok_or_else(|| wq::Error::invalid_option("year", format!("{year} is out of range")))
                .py(py)
        })
}

/// The calendar a Hijri year is converted with: ``"islamic-umalqura"`` (1343–1500
/// AH) or ``"islamic-civil"`` (the tabular calendar), as CLDR names them.
///
/// >>> from warraq import hijri_calendar
/// >>> hijri_calendar(1437), hijri_calendar(1319)
/// ('islamic-umalqura', 'islamic-civil')
#[pyfunction]
pub fn hijri_calendar(year: i32) -> &'static str {
    HijriCalendar::of_year(year).cldr()
}
