//! Publication dates in record fields: ISO 8601 (with or without a UTC offset),
//! RFC 2822 (`Tue, 25 Aug 2020 10:00:00 +0300`, as RSS writes), epoch seconds or
//! milliseconds, `YYYYMMDD`, `17/05/2015`, or anything the Arabic date-line parser
//! reads. The date is kept as written (local time), and the offset, where the text
//! gives one, separately: [`Dated::utc_offset`] in minutes east of UTC.

use crate::document::Published;
use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// A date read from a record field: the local date and time as written, and the
/// UTC offset it was written with, when the text gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dated {
    pub published: Published,
    /// Minutes east of UTC (`180` for `+03:00`); epoch timestamps are UTC (`0`).
    pub utc_offset: Option<i32>,
}

impl Dated {
    fn local(published: Published) -> Dated {
        Dated {
            published,
            utc_offset: None,
        }
    }
}

/// «17/05/2015» read as day/month/year when that is a valid date, as
/// [`parse_date_line`](crate::dates::parse_date_line) reads it (a test checks every day of 1990–2035), without its
/// general search: half of ANT's `<TIME>` fields have this shape.
fn slashed_day_month_year(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() != 10 || b[2] != b'/' || b[5] != b'/' {
        return None;
    }
    let (day, month, year) = (digits(0..2)?, digits(3..5)?, digits(6..10)?);
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// What follows an ISO 8601 time: optional fractional seconds, then `Z`,
/// `±HH:MM`, `±HHMM` or `±HH` (the offset in minutes), or nothing (`None`, local
/// time). Anything else is not an offset (`None`).
fn iso_offset(tail: &str) -> Option<i32> {
    let tail = tail.trim_start_matches(|c: char| c == '.' || c == ',' || c.is_ascii_digit());
    let tail = tail.trim();
    if tail.eq_ignore_ascii_case("z") || tail.eq_ignore_ascii_case("utc") {
        return Some(0);
    }
    let sign = match tail.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = tail[1..].chars().filter(|&c| c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

/// Epoch seconds (9–10 digits, optionally with a fraction) or milliseconds (12–13
/// digits), as UTC. Eight digits are `YYYYMMDD`, not a timestamp.
fn epoch(t: &str) -> Option<Dated> {
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let n: i64 = int.parse().ok()?;
    let dt = match int.len() {
        9 | 10 => DateTime::from_timestamp(n, 0)?,
        12 | 13 if frac.is_empty() => DateTime::from_timestamp_millis(n)?,
        _ => return None,
    };
    Some(Dated {
        published: Published::DateTime(dt.naive_utc()),
        utc_offset: Some(0),
    })
}

/// A publication date from a metadata string (see the [module docs](self)).
pub(crate) fn parse_dated(text: &str) -> Option<Dated> {
    let t = text.trim();
    // `get`, not `?`: a date in words («1 رمضان 1437 هـ») may have no character
    // boundary at byte 19, and is read by `parse_date_line` below.
    if let Some(head) = t.get(..19) {
        let head = head.replace(' ', "T");
        if let Ok(dt) = NaiveDateTime::parse_from_str(&head, "%Y-%m-%dT%H:%M:%S") {
            return Some(Dated {
                published: Published::DateTime(dt),
                utc_offset: iso_offset(&t[19..]),
            });
        }
    }
    // «2017-01-22T185600»: a time without colons.
    if let Some(head) = t.get(..17) {
        if let Ok(dt) = NaiveDateTime::parse_from_str(head, "%Y-%m-%dT%H%M%S") {
            return Some(Dated::local(Published::DateTime(dt)));
        }
    }
    if let Some(head) = t.get(..16) {
        if let Ok(dt) = NaiveDateTime::parse_from_str(&head.replace(' ', "T"), "%Y-%m-%dT%H:%M") {
            return Some(Dated {
                published: Published::DateTime(dt),
                utc_offset: iso_offset(&t[16..]),
            });
        }
    }
    if let Some(head) = t.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            return Some(Dated::local(Published::Date(d)));
        }
    }
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y%m%d") {
            return Some(Dated::local(Published::Date(d)));
        }
    }
    if let Some(d) = epoch(t) {
        return Some(d);
    }
    if let Some(d) = slashed_day_month_year(t) {
        return Some(Dated::local(Published::Date(d)));
    }
    // RFC 2822 starts with an ASCII weekday or day number: a cheap test before the parser.
    if t.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        if let Ok(dt) = DateTime::parse_from_rfc2822(t) {
            return Some(Dated {
                published: Published::DateTime(dt.naive_local()),
                utc_offset: Some(dt.offset().local_minus_utc() / 60),
            });
        }
    }
    crate::web::parse_text_date(t).map(Dated::local)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::{parse_date_line, DateValue};
    use chrono::Datelike;

    fn parse_published(t: &str) -> Option<Published> {
        parse_dated(t).map(|d| d.published)
    }

    fn both(t: &str) -> (String, Option<i32>) {
        let d = parse_dated(t).unwrap_or_else(|| panic!("{t}"));
        (d.published.to_string(), d.utc_offset)
    }

    #[test]
    fn published_metadata() {
        assert_eq!(
            parse_published("2017-01-26T08:31:00+01:00")
                .unwrap()
                .to_string(),
            "2017-01-26T08:31:00"
        );
        assert_eq!(
            parse_published("2015-07-21 10:02:03").unwrap().to_string(),
            "2015-07-21T10:02:03"
        );
        assert_eq!(
            parse_published("الثلاثاء، 03-05-2016").unwrap().to_string(),
            "2016-05-03"
        );
        assert!(parse_published("غير معروف").is_none());
        // dates in words, Hijri ones through the Umm al-Qura table, whatever byte 19 is
        assert_eq!(
            parse_published("1 رمضان 1437 هـ"),
            Some(Published::Date(
                NaiveDate::from_ymd_opt(2016, 6, 6).unwrap()
            ))
        );
        assert_eq!(
            parse_published("الخميس 10 ذو الحجة 1436هـ"),
            Some(Published::Date(
                NaiveDate::from_ymd_opt(2015, 9, 23).unwrap()
            ))
        );
    }

    #[test]
    fn offsets_are_kept_apart_from_the_local_time() {
        let at = |s: &str| s.to_string();
        assert_eq!(
            both("2020-08-24T14:05:00+03:00"),
            (at("2020-08-24T14:05:00"), Some(180))
        );
        assert_eq!(
            both("2020-08-24T14:05:00.123+0330"),
            (at("2020-08-24T14:05:00"), Some(210))
        );
        assert_eq!(
            both("2020-08-24 14:05:00Z"),
            (at("2020-08-24T14:05:00"), Some(0))
        );
        assert_eq!(
            both("2020-08-24T14:05-05"),
            (at("2020-08-24T14:05:00"), Some(-300))
        );
        assert_eq!(
            both("2020-08-24T14:05:00"),
            (at("2020-08-24T14:05:00"), None)
        );
        // RFC 2822, as RSS `pubDate` writes it
        assert_eq!(
            both("Mon, 24 Aug 2020 14:05:00 +0300"),
            (at("2020-08-24T14:05:00"), Some(180))
        );
        assert_eq!(
            both("Mon, 24 Aug 2020 11:05:00 GMT"),
            (at("2020-08-24T11:05:00"), Some(0))
        );
        // epoch seconds and milliseconds are UTC
        assert_eq!(both("1598267100"), (at("2020-08-24T11:05:00"), Some(0)));
        assert_eq!(both("1598267100000"), (at("2020-08-24T11:05:00"), Some(0)));
        assert_eq!(both("1598267100.5"), (at("2020-08-24T11:05:00"), Some(0)));
        // eight digits stay a calendar date
        assert_eq!(both("20200824"), (at("2020-08-24"), None));
        // not offsets
        assert_eq!(iso_offset(" مساء"), None);
        assert_eq!(iso_offset("+25:00"), None);
        assert_eq!(epoch("12345"), None);
    }

    #[test]
    fn slashed_dates_read_as_the_date_parser_reads_them() {
        let general = |t: &str| match parse_date_line(t).map(|m| m.value) {
            Some(DateValue::Day(d)) => Some(d),
            _ => None,
        };
        let mut day = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
        while day.year() <= 2035 {
            let t = day.format("%d/%m/%Y").to_string();
            assert_eq!(slashed_day_month_year(&t), Some(day), "{t}");
            assert_eq!(general(&t), Some(day), "{t}");
            day = day.succ_opt().unwrap();
        }
        // Not a day/month/year date: left to the general parser.
        for t in [
            "31/02/2016",
            "00/05/2016",
            "12/13/2016",
            "1/05/2016",
            "17-05-2015",
            "17/05/201x",
        ] {
            assert_eq!(slashed_day_month_year(t), None, "{t}");
        }
    }
}
