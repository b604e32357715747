//! Dates in Arabic running text: numeric dates, month names of every regional
//! system, Hijri dates, weekdays, relative expressions and times of day.
//!
//! [`find_timexes`] is the recogniser: every temporal expression (dates, times,
//! durations, sets, ranges, vague references) as TIMEX3, with its byte span in the
//! input, resolved against a reference date by a [`Resolution`]. [`find_dates`] is
//! its view for callers that want calendar dates only ([`DateMention`]: a day, a
//! month, a year or a day-month), and [`parse_date_line`] reads a publication date.
//! Matching runs on a folded copy of the text ([`FoldOptions::DATES`](crate::text::FoldOptions::DATES): alef, yeh
//! and teh-marbuta variants, Persian letters, Arabic-Indic and Persian digits,
//! diacritics and tatweel) so that «آذار» and «اذار», «٢٠١٦» and «2016» match
//! alike; the spans are mapped back to the raw text through its [`Folded`]
//! alignment.
//!
//! [`Folded`]: crate::text::Folded
//!
//! Month names understood (any of them may carry the clitics و ب ل ف, and two may be
//! written together as a dual form «مايو/أيار» or «أيار (مايو)»):
//!
//! | system | names |
//! |---|---|
//! | Egypt / Gulf | يناير فبراير مارس أبريل مايو يونيو/يونيه يوليو/يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر |
//! | Levant / Iraq | كانون الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين الأول تشرين الثاني كانون الأول |
//! | Morocco | ماي يوليوز غشت شتنبر نونبر دجنبر (the others as in Egypt) |
//! | Algeria / Tunisia | جانفي فيفري أفريل جوان جويلية أوت (the others as in Egypt) |
//! | Hijri | محرم صفر ربيع الأول ربيع الآخر/الثاني جمادى الأولى جمادى الآخرة رجب شعبان رمضان شوال ذو القعدة ذو الحجة |
//!
//! Hijri dates are converted to Gregorian by [`hijri`]: exactly, with the Umm al-Qura
//! table, for 1343–1500 AH (the calendar Saudi and Gulf outlets print), and with the
//! tabular Islamic calendar outside that range; a day past the end of its month
//! («30 ذو الحجة» of a 29-day month) is not a date. The mention keeps
//! [`Calendar::Hijri`] so that a caller can tell.
//!
//! A month name alone («في مارس») is not a date and is not reported, unless it is
//! made relative («مارس الماضي») and a reference date resolves it. Ambiguous short
//! names (ماي، آب، صفر، رجب) only count with a day, a year or a dual form.
//!
//! ```
//! use warraq::dates::{find_dates, DateValue};
//! use chrono::NaiveDate;
//!
//! let text = "أعلن في 11 ديسمبر/كانون الأول 2016 أن القوات انسحبت";
//! let found = find_dates(text, None);
//! assert_eq!(found.len(), 1);
//! assert_eq!(&text[found[0].start..found[0].end], "11 ديسمبر/كانون الأول 2016");
//! assert_eq!(found[0].value.iso(), "2016-12-11");
//!
//! let reference = NaiveDate::from_ymd_opt(2017, 3, 2);
//! let found = find_dates("في 26 فبراير/شباط الماضي", reference);
//! assert_eq!(found[0].value, DateValue::Day(NaiveDate::from_ymd_opt(2017, 2, 26).unwrap()));
//! assert!(found[0].relative);
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod decades;
mod durations;
pub mod eval;
mod find;
pub mod hijri;
mod lexicon;
mod named;
mod numeric;
mod pattern;
mod periods;
mod ranges;
mod relative;
mod resolve;
mod select;
mod sets;
mod times;
pub mod timex;
mod vague;
mod years;

pub use find::{find_timexes, TimexMention};
pub use resolve::{Prefer, Resolution};

/// The value of a date mention, as precise as the text allows.
///
/// ```
/// use warraq::dates::DateValue;
/// use chrono::NaiveDate;
/// assert_eq!(DateValue::Day(NaiveDate::from_ymd_opt(2016, 12, 11).unwrap()).iso(), "2016-12-11");
/// assert_eq!(DateValue::Month { year: 2015, month: 5 }.iso(), "2015-05");
/// assert_eq!(DateValue::Year(2014).iso(), "2014");
/// assert_eq!(DateValue::DayMonth { month: 12, day: 11 }.iso(), "--12-11");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateValue {
    /// A full calendar day (Gregorian, also for converted Hijri dates).
    Day(NaiveDate),
    /// A month of a year («مايو 2015»).
    Month {
        /// The year.
        year: i32,
        /// The month, 1-12.
        month: u32,
    },
    /// A year alone («عام 2014»).
    Year(i32),
    /// A day of a month with no year («11 ديسمبر»); for a Hijri mention the month
    /// and day are Hijri (it cannot be converted without a year).
    DayMonth {
        /// The month, 1-12.
        month: u32,
        /// The day of the month.
        day: u32,
    },
}

impl DateValue {
    /// ISO 8601 form: `2016-12-11`, `2015-05`, `2014`, or `--12-11` for a day-month.
    ///
    /// ```
    /// use warraq::dates::DateValue;
    /// assert_eq!(DateValue::DayMonth { month: 3, day: 5 }.iso(), "--03-05");
    /// ```
    pub fn iso(&self) -> String {
        match self {
            DateValue::Day(d) => d.format("%Y-%m-%d").to_string(),
            DateValue::Month { year, month } => format!("{year:04}-{month:02}"),
            DateValue::Year(y) => format!("{y:04}"),
            DateValue::DayMonth { month, day } => format!("--{month:02}-{day:02}"),
        }
    }

    /// The full day, when the value is one.
    ///
    /// ```
    /// use warraq::dates::DateValue;
    /// assert_eq!(DateValue::Year(2014).day(), None);
    /// ```
    pub fn day(&self) -> Option<NaiveDate> {
        match self {
            DateValue::Day(d) => Some(*d),
            _ => None,
        }
    }
}

/// A time of day («الساعة 08:52»).
///
/// ```
/// use warraq::dates::TimeOfDay;
/// assert_eq!(TimeOfDay { hour: 8, minute: 52 }.iso(), "08:52");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimeOfDay {
    /// Hour, 0-23.
    pub hour: u32,
    /// Minute, 0-59.
    pub minute: u32,
}

impl TimeOfDay {
    /// `HH:MM`.
    ///
    /// ```
    /// use warraq::dates::TimeOfDay;
    /// assert_eq!(TimeOfDay { hour: 17, minute: 18 }.iso(), "17:18");
    /// ```
    pub fn iso(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

/// The calendar a mention was written in.
///
/// ```
/// use warraq::dates::{find_dates, Calendar};
/// assert_eq!(find_dates("1 رمضان 1437هـ", None)[0].calendar, Calendar::Hijri);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Calendar {
    /// Gregorian month names or numbers.
    Gregorian,
    /// Hijri month names or a year marked هـ (converted by [`hijri`]: Umm al-Qura
    /// for 1343–1500 AH, the tabular calendar outside).
    Hijri,
}

/// One date found in a text.
///
/// ```
/// use warraq::dates::find_dates;
/// let text = "الثلاثاء، 03-05-2016 الساعة 08:52";
/// let m = &find_dates(text, None)[0];
/// assert_eq!((m.start, m.end), (0, text.len()));
/// assert_eq!(m.value.iso(), "2016-05-03");
/// assert_eq!(m.time.unwrap().iso(), "08:52");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// Byte offset of the first byte of the mention in the input.
    pub start: usize,
    /// Byte offset just after the mention.
    pub end: usize,
    /// The date.
    pub value: DateValue,
    /// The time of day, when one is written next to the date.
    pub time: Option<TimeOfDay>,
    /// The calendar the text used.
    pub calendar: Calendar,
    /// True when the value was resolved against the reference date («أمس»، «الماضي»).
    pub relative: bool,
}

// ---------------------------------------------------------------------------
// Calendar arithmetic.

/// Gregorian date of a Hijri date: the Umm al-Qura calendar for 1343–1500 AH, the
/// civil tabular calendar outside (see [`hijri`]). `None` when the date does not
/// exist: a month outside 1-12, a year before 1 AH, or a day past the end of its
/// month in the calendar in force (30 Ramadan 1438 does not exist: that Ramadan had
/// 29 days). Before Umm al-Qura conversion came in, every year used the tabular
/// calendar, which is a day or two off the Umm al-Qura one for most dates of the era
/// and rolled a 30th day of a 29-day month over into the next month.
///
/// ```
/// use warraq::dates::hijri_to_gregorian;
/// use chrono::NaiveDate;
/// assert_eq!(hijri_to_gregorian(1437, 9, 1), NaiveDate::from_ymd_opt(2016, 6, 6));
/// assert_eq!(hijri_to_gregorian(1438, 9, 30), None);
/// assert_eq!(hijri_to_gregorian(1, 1, 1), NaiveDate::from_ymd_opt(622, 7, 19));
/// ```
pub fn hijri_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    hijri::HijriDate::new(year, month, day)
        .ok()
        .map(|h| h.to_gregorian())
}

/// Every calendar date in `text`, in order, with byte spans into `text`: the
/// expressions [`find_timexes`] finds that are a day, a month, a year or a
/// day-month ([`DateMention::from_timex`]); durations, sets, weeks, seasons,
/// decades and vague references are left out.
///
/// `reference` (typically the article's publication date) resolves relative
/// expressions («أمس»، «الشهر الماضي»، «26 فبراير/شباط الماضي»), with the default
/// policy of [`Resolution`] (the nearest past for a bare day-month). Without one,
/// a relative day is not reported and a day-month is a [`DateValue::DayMonth`].
///
/// ```
/// use warraq::dates::find_dates;
/// use chrono::NaiveDate;
/// let text = "وبثت القناة أمس الاثنين تقريراً عن وثيقة من مارس/آذار الماضي";
/// let found = find_dates(text, NaiveDate::from_ymd_opt(2016, 5, 3));
/// let values: Vec<String> = found.iter().map(|m| m.value.iso()).collect();
/// assert_eq!(values, ["2016-05-02", "2016-03"]);
/// assert_eq!(&text[found[0].start..found[0].end], "أمس الاثنين");
/// ```
pub fn find_dates(text: &str, reference: Option<NaiveDate>) -> Vec<DateMention> {
    find_timexes(text, &Resolution::new(reference))
        .iter()
        .filter_map(DateMention::from_timex)
        .collect()
}

/// The publication date of a short "date line" such as «الثلاثاء، 03-05-2016 الساعة
/// 08:52» or «نشر في الأول يوم 03 - 05 - 2016»: the first mention that names a
/// full day, or else the first absolute mention of any precision.
///
/// The line is read by [`find_timexes`], the recogniser [`crate::entities`] uses, with
/// no reference date: a date line and a date in a body are read alike, Hijri dates
/// through the Umm al-Qura table («الخميس 1 رمضان 1437هـ» is 2016-06-06), and an
/// explicit date wins over the weekday written next to it.
///
/// Returns `None` when the line has no absolute date.
///
/// ```
/// use warraq::dates::{parse_date_line, Calendar};
/// let m = parse_date_line("نشر في الأول يوم 03 - 05 - 2016").unwrap();
/// assert_eq!(m.value.iso(), "2016-05-03");
/// let m = parse_date_line("الخميس 1 رمضان 1437هـ").unwrap();
/// assert_eq!((m.value.iso(), m.calendar), ("2016-06-06".to_string(), Calendar::Hijri));
/// assert!(parse_date_line("لا تاريخ هنا").is_none());
/// ```
pub fn parse_date_line(line: &str) -> Option<DateMention> {
    // Without a reference date every absolute date has a day or a year in digits
    // (`\d`, any decimal digit; folding only maps digits to digits): most lines have
    // none, and are answered without the folding and the regex scans.
    let has_digit = line.bytes().any(|b| b.is_ascii_digit())
        || line.chars().any(|c| !c.is_ascii() && c.is_numeric());
    if !has_digit {
        return None;
    }
    let found: Vec<DateMention> = find_timexes(line, &Resolution::default())
        .iter()
        .filter_map(DateMention::from_timex)
        .collect();
    found
        .iter()
        .find(|m| matches!(m.value, DateValue::Day(_)))
        .or_else(|| {
            found
                .iter()
                .find(|m| !matches!(m.value, DateValue::DayMonth { .. }))
        })
        .cloned()
}

impl DateMention {
    /// The date of a temporal expression, when it is a day, a month or a year of a
    /// known year, or a day of a known month (a day-month): `None` for durations,
    /// sets, weeks, seasons, decades and vague references.
    ///
    /// ```
    /// use warraq::dates::{find_timexes, DateMention, Resolution};
    /// let found = find_timexes("الثلاثاء، 03-05-2016 الساعة 08:52", &Resolution::default());
    /// let m = DateMention::from_timex(&found[0]).unwrap();
    /// assert_eq!((m.value.iso(), m.time.unwrap().iso()), ("2016-05-03".into(), "08:52".into()));
    /// assert!(DateMention::from_timex(&find_timexes("3 أيام", &Resolution::default())[0]).is_none());
    /// ```
    #[must_use]
    pub fn from_timex(m: &TimexMention) -> Option<DateMention> {
        use timex::{Clock, Detail, TimexValue, Year};
        let (point, clock) = match &m.timex.value {
            TimexValue::Date(p) => (p, None),
            TimexValue::DateTime(p, c) => (p, Some(c)),
            _ => return None,
        };
        let value = match (point.year, point.detail) {
            (Year::Known(y), Detail::Day(Some(month), Some(day))) => DateValue::Day(
                NaiveDate::from_ymd_opt(y, u32::from(month), u32::from(day))?,
            ),
            (Year::Known(year), Detail::Month(Some(month))) => DateValue::Month {
                year,
                month: u32::from(month),
            },
            (Year::Known(y), Detail::None) => DateValue::Year(y),
            (Year::Unknown, Detail::Day(Some(month), Some(day))) if m.timex.calendar.is_none() => {
                DateValue::DayMonth {
                    month: u32::from(month),
                    day: u32::from(day),
                }
            }
            _ => return None,
        };
        let time = match clock {
            Some(Clock::At { hour, minute, .. }) if *hour < 24 => Some(TimeOfDay {
                hour: u32::from(*hour),
                minute: u32::from(minute.unwrap_or(0)),
            }),
            _ => None,
        };
        Some(DateMention {
            start: m.start,
            end: m.end,
            value,
            time,
            calendar: if m.timex.calendar.is_some() {
                Calendar::Hijri
            } else {
                Calendar::Gregorian
            },
            relative: m.timex.anchor == timex::Anchor::Reference,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn one(text: &str, reference: Option<NaiveDate>) -> DateMention {
        let found = find_dates(text, reference);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn span<'a>(text: &'a str, m: &DateMention) -> &'a str {
        &text[m.start..m.end]
    }

    #[test]
    fn numeric_day_month_year_with_weekday_and_time() {
        let text = "الثلاثاء، 03-05-2016 الساعة 08:52\nلندن";
        let m = one(text, None);
        assert_eq!(m.value, DateValue::Day(d(2016, 5, 3)));
        assert_eq!(
            m.time,
            Some(TimeOfDay {
                hour: 8,
                minute: 52
            })
        );
        assert_eq!(span(text, &m), "الثلاثاء، 03-05-2016 الساعة 08:52");
        let m = one("الخميس، 02-03-2017 الساعة 15:59", None);
        assert_eq!(m.value.iso(), "2017-03-02");
    }

    #[test]
    fn weekday_decides_month_first_reading() {
        // 2016-03-05 is a Saturday, 2016-05-03 a Tuesday.
        assert_eq!(one("السبت 05/03/2016", None).value.iso(), "2016-03-05");
        assert_eq!(one("السبت 03/05/2016", None).value.iso(), "2016-03-05");
        assert_eq!(one("03/05/2016", None).value.iso(), "2016-05-03");
        assert_eq!(one("12/25/2016", None).value.iso(), "2016-12-25");
    }

    #[test]
    fn spaced_and_year_first_numeric() {
        let text = "نشر في الأول يوم 03 - 05 - 2016";
        let m = one(text, None);
        assert_eq!(m.value.iso(), "2016-05-03");
        assert_eq!(span(text, &m), "03 - 05 - 2016");
        assert_eq!(one("2016/05/03", None).value.iso(), "2016-05-03");
        assert_eq!(one("٢٠١٦-٠٥-٠٣ ١٧:١٨", None).time.unwrap().iso(), "17:18");
    }

    #[test]
    fn month_names_of_every_system() {
        let cases = [
            ("3 يناير 2016", "2016-01-03"),
            ("3 كانون الثاني 2016", "2016-01-03"),
            ("3 جانفي 2016", "2016-01-03"),
            ("3 فيفري 2016", "2016-02-03"),
            ("3 شباط 2016", "2016-02-03"),
            ("3 آذار 2016", "2016-03-03"),
            ("3 أبريل 2016", "2016-04-03"),
            ("3 ابريل 2016", "2016-04-03"),
            ("3 أفريل 2016", "2016-04-03"),
            ("3 نيسان 2016", "2016-04-03"),
            ("3 ماي 2016", "2016-05-03"),
            ("3 أيار 2016", "2016-05-03"),
            ("3 يونيه 2016", "2016-06-03"),
            ("3 جوان 2016", "2016-06-03"),
            ("3 حزيران 2016", "2016-06-03"),
            ("3 يوليوز 2016", "2016-07-03"),
            ("3 جويلية 2016", "2016-07-03"),
            ("3 تموز 2016", "2016-07-03"),
            ("3 غشت 2016", "2016-08-03"),
            ("3 أوت 2016", "2016-08-03"),
            ("3 آب 2016", "2016-08-03"),
            ("3 اغسطس 2016", "2016-08-03"),
            ("3 شتنبر 2016", "2016-09-03"),
            ("3 أيلول 2016", "2016-09-03"),
            ("3 تشرين الأول 2016", "2016-10-03"),
            ("3 نونبر 2016", "2016-11-03"),
            ("3 تشرين الثاني 2016", "2016-11-03"),
            ("3 دجنبر 2016", "2016-12-03"),
            ("3 كانون الأول 2016", "2016-12-03"),
        ];
        for (text, iso) in cases {
            let m = one(text, None);
            assert_eq!(m.value.iso(), iso, "{text}");
            assert_eq!(span(text, &m), text);
            assert_eq!(m.calendar, Calendar::Gregorian);
        }
    }

    #[test]
    fn glued_digits_clitics_and_indic_digits() {
        let text = "وقع الحادث في 3 ماي2016 بالرباط";
        let m = one(text, None);
        assert_eq!(m.value.iso(), "2016-05-03");
        assert_eq!(span(text, &m), "3 ماي2016");
        let text = "انطلقت بمارس 2015 وفي يناير 2016";
        let found = find_dates(text, None);
        assert_eq!(
            found.iter().map(|m| m.value.iso()).collect::<Vec<_>>(),
            ["2015-03", "2016-01"]
        );
        assert_eq!(span(text, &found[0]), "بمارس 2015");
        assert_eq!(one("١١ ديسمبر ٢٠١٦", None).value.iso(), "2016-12-11");
    }

    #[test]
    fn dual_forms() {
        let text = "أواخر مايو/أيار 2015، بعد انسحاب";
        let m = one(text, None);
        assert_eq!(
            m.value,
            DateValue::Month {
                year: 2015,
                month: 5
            }
        );
        // the modifier is part of the expression (TIMEX3 extents)
        assert_eq!(span(text, &m), "أواخر مايو/أيار 2015");
        let text = "في 11 ديسمبر/كانون الأول الماضي";
        let m = one(text, None);
        assert_eq!(m.value, DateValue::DayMonth { month: 12, day: 11 });
        assert_eq!(span(text, &m), "11 ديسمبر/كانون الأول الماضي");
        assert_eq!(one("أيار (مايو) 2015", None).value.iso(), "2015-05");
        // Disagreeing halves are not a dual form.
        assert!(find_dates("مايو/آب", None).is_empty());
    }

    #[test]
    fn hijri_dates() {
        let m = one("الموافق 1 رمضان 1437هـ", None);
        assert_eq!(m.calendar, Calendar::Hijri);
        let day = m.value.day().unwrap();
        assert!((day - d(2016, 6, 6)).num_days().abs() <= 1, "{day}");
        let m = one("10 ذو الحجة 1436 هـ", None);
        assert!((m.value.day().unwrap() - d(2015, 9, 24)).num_days().abs() <= 1);
        let m = one("15 جمادى الآخرة 1440", None);
        assert_eq!(m.calendar, Calendar::Hijri);
        assert!((m.value.day().unwrap() - d(2019, 2, 20)).num_days().abs() <= 1);
        assert_eq!(hijri_to_gregorian(1, 1, 1), Some(d(622, 7, 19)));
        assert_eq!(hijri_to_gregorian(1437, 13, 1), None);
        assert_eq!(one("ربيع الأول 1438", None).calendar, Calendar::Hijri);
    }

    #[test]
    fn years_and_day_months() {
        let text = "منذ عام 2014 وحتى سنة 2011م";
        let found = find_dates(text, None);
        assert_eq!(
            found.iter().map(|m| m.value.iso()).collect::<Vec<_>>(),
            ["2014", "2011"]
        );
        assert_eq!(span(text, &found[0]), "عام 2014");
        assert_eq!(span(text, &found[1]), "سنة 2011م");
        // A bare number is not a year.
        assert!(find_dates("بلغ العدد 2014 شخصا", None).is_empty());
        assert_eq!(one("في 28 مايو", None).value.iso(), "--05-28");
    }

    #[test]
    fn ambiguous_names_alone_are_not_dates() {
        assert!(find_dates("قال الأب إن رجب وصفر غادرا في مارس", None).is_empty());
        assert!(find_dates("ماي فريند", None).is_empty());
        assert!(find_dates("مارسيليا", None).is_empty());
    }

    #[test]
    fn relative_expressions() {
        let reference = Some(d(2016, 5, 3));
        let text = "وبثت القناة أمس الاثنين تقريراً";
        let m = one(text, reference);
        assert_eq!(m.value.iso(), "2016-05-02");
        assert!(m.relative);
        assert_eq!(one("اليوم", reference).value.iso(), "2016-05-03");
        assert_eq!(one("في مارس/آذار الماضي", reference).value.iso(), "2016-03");
        assert_eq!(one("في مايو الماضي", reference).value.iso(), "2015-05");
        assert_eq!(one("في يونيو المقبل", reference).value.iso(), "2016-06");
        assert_eq!(one("الشهر الماضي", reference).value.iso(), "2016-04");
        assert_eq!(one("العام الماضي", reference).value.iso(), "2015");
        assert_eq!(one("العام المقبل", reference).value.iso(), "2017");
        assert_eq!(
            one("يوم الخميس الماضي", reference).value.iso(),
            "2016-04-28"
        );
        let m = one("في 26 فبراير/شباط الماضي", Some(d(2017, 3, 2)));
        assert_eq!(m.value.iso(), "2017-02-26");
        assert_eq!(
            one("في 28 مايو/أيار الماضي", Some(d(2016, 5, 3)))
                .value
                .iso(),
            "2015-05-28"
        );
        assert_eq!(
            one("في 5 يناير المقبل", Some(d(2016, 5, 3))).value.iso(),
            "2017-01-05"
        );
        // Without a reference, relative words give nothing.
        assert!(find_dates("أمس الاثنين والشهر الماضي", None).is_empty());
    }

    #[test]
    fn spans_cover_raw_text_with_diacritics() {
        let text = "في ١١ دِيسَمْبَر ٢٠١٦ قال";
        let m = one(text, None);
        assert_eq!(span(text, &m), "١١ دِيسَمْبَر ٢٠١٦");
        let text = "الساعة 17:18 من يوم 2016-05-03 17:18";
        let m = one(text, None);
        assert_eq!(m.time.unwrap().iso(), "17:18");
        assert_eq!(span(text, &m), "2016-05-03 17:18");
    }

    #[test]
    fn date_line_helper() {
        let m = parse_date_line("الثلاثاء، 03-05-2016 الساعة 08:52").unwrap();
        assert_eq!(m.value.iso(), "2016-05-03");
        assert_eq!(m.time.unwrap().iso(), "08:52");
        assert_eq!(
            parse_date_line("نشر في الأول يوم 03 - 05 - 2016")
                .unwrap()
                .value
                .iso(),
            "2016-05-03"
        );
        assert_eq!(
            parse_date_line("11 ديسمبر/كانون الأول 2016")
                .unwrap()
                .value
                .iso(),
            "2016-12-11"
        );
        assert!(parse_date_line("في 28 مايو").is_none());
    }

    #[test]
    fn invalid_numbers_are_not_dates() {
        assert!(find_dates("31-02-2016", None).is_empty());
        assert!(find_dates("الرقم 123-45-6789", None).is_empty());
        assert!(find_dates("40 مارس 2016", None).is_empty());
    }
}
