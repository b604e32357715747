//! Dates and times as pages write them in their metadata: ISO 8601 / RFC 3339
//! with or without a UTC offset (`2024-05-13T06:00:00Z`, `2026-01-08 11:42:50+00:00`,
//! `…+0300`), a bare date, RFC 2822 (`Mon, 13 May 2024 06:00:00 +0300`), or Arabic
//! text read by warraq's date parser ([`parse_date_line`]). The local time is kept
//! as written and the offset beside it.

use crate::dates::{parse_date_line, DateValue};
use crate::document::Published;
use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// A date as a page gives it: the local time as written, and its UTC offset in
/// minutes east of UTC when the page states one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub local: Published,
    pub offset_minutes: Option<i32>,
    pub text: String,
}

fn offset_of<Tz: chrono::TimeZone>(dt: &DateTime<Tz>) -> i32
where
    Tz::Offset: chrono::Offset,
{
    use chrono::Offset;
    dt.offset().fix().local_minus_utc() / 60
}

/// Reads a metadata date (see the module docs); `None` when it is not one.
pub(crate) fn parse_stamp(text: &str) -> Option<Stamp> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let stamp = |local, offset_minutes| {
        Some(Stamp {
            local,
            offset_minutes,
            text: t.to_string(),
        })
    };
    let spaced = t.replacen(' ', "T", 1);
    if let Ok(dt) = DateTime::parse_from_rfc3339(&spaced) {
        return stamp(Published::DateTime(dt.naive_local()), Some(offset_of(&dt)));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(&spaced, f) {
            return stamp(Published::DateTime(dt.naive_local()), Some(offset_of(&dt)));
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(t) {
        return stamp(Published::DateTime(dt.naive_local()), Some(offset_of(&dt)));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(&spaced, f) {
            return stamp(Published::DateTime(dt), None);
        }
    }
    if let Some(d) = t
        .get(..10)
        .and_then(|h| NaiveDate::parse_from_str(h, "%Y-%m-%d").ok())
    {
        return stamp(Published::Date(d), None);
    }
    parse_text_date(t).and_then(|p| stamp(p, None))
}

/// A day (with its time when given) in Arabic text, through [`parse_date_line`]
/// (also what a record's date field falls back to, in `corpus::formats`).
pub(crate) fn parse_text_date(text: &str) -> Option<Published> {
    let m = parse_date_line(text)?;
    let DateValue::Day(day) = m.value else {
        return None;
    };
    Some(
        match m.time.and_then(|tm| day.and_hms_opt(tm.hour, tm.minute, 0)) {
            Some(dt) => Published::DateTime(dt),
            None => Published::Date(day),
        },
    )
}

/// A date in a URL path: `/2020/8/24/`, `/2020-08-24/`, or the year and the
/// month/day split by one section name (`/2013/middle_east/8/3/`).
pub(crate) fn url_date(url: &str) -> Option<NaiveDate> {
    let path = url.split(['?', '#']).next()?;
    let parts: Vec<&str> = path.split('/').collect();
    let num = |s: &str, max: u32| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
            .filter(|&n| n <= max)
    };
    for (i, p) in parts.iter().enumerate() {
        if p.len() == 10 {
            if let Ok(d) = NaiveDate::parse_from_str(p, "%Y-%m-%d") {
                return Some(d);
            }
        }
        let Some(year) = num(p, 2100).filter(|&y| (1990..=2100).contains(&y) && p.len() == 4)
        else {
            continue;
        };
        for skip in [0, 1] {
            let (Some(m), Some(d)) = (parts.get(i + 1 + skip), parts.get(i + 2 + skip)) else {
                continue;
            };
            if let (Some(m), Some(d)) = (num(m, 12), num(d, 31)) {
                if let Some(date) = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, m, d) {
                    return Some(date);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_kept_beside_the_local_time() {
        let s = parse_stamp("2026-01-08 11:42:50+00:00").unwrap();
        assert_eq!(s.local.to_string(), "2026-01-08T11:42:50");
        assert_eq!(s.offset_minutes, Some(0));
        let s = parse_stamp("2024-05-13T09:00:00+0300").unwrap();
        assert_eq!(
            (s.local.to_string(), s.offset_minutes),
            ("2024-05-13T09:00:00".into(), Some(180))
        );
        let s = parse_stamp("Mon, 13 May 2024 06:00:00 +0300").unwrap();
        assert_eq!(s.offset_minutes, Some(180));
        let s = parse_stamp("2024-05-13T06:00:00").unwrap();
        assert_eq!(s.offset_minutes, None);
        assert_eq!(
            parse_stamp("2024-05-13").unwrap().local.to_string(),
            "2024-05-13"
        );
        assert_eq!(
            parse_stamp("الإثنين، 13 مايو 2024 06:00 ص")
                .unwrap()
                .local
                .to_string(),
            "2024-05-13T06:00:00"
        );
        assert!(parse_stamp("غدا").is_none());
        assert_eq!(
            parse_text_date("الجمعة 8 فيفري 2019").unwrap().to_string(),
            "2019-02-08"
        );
    }

    #[test]
    fn dates_in_urls() {
        let d = |s: &str| url_date(s).map(|d| d.to_string());
        assert_eq!(
            d("https://www.youm7.com/story/2024/5/13/x/6573469").as_deref(),
            Some("2024-05-13")
        );
        assert_eq!(
            d("http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html").as_deref(),
            Some("2013-08-03")
        );
        assert_eq!(
            d("https://x.com/news/2020-08-24/a").as_deref(),
            Some("2020-08-24")
        );
        assert_eq!(d("https://www.lbcgroup.tv/news/lifestyle/898682/ar"), None);
        assert_eq!(d("https://x.com/2020/13/40/"), None);
    }
}
