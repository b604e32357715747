//! Property tests of TIMEX3 values: what Display writes, FromStr reads back to the
//! same value exactly when the value is valid, and every valid value's string passes
//! `is_valid`; ranges never end before they begin. On generated sentences, every
//! expression [`find_timexes`] returns is valid TIMEX3 with `begin <= end`, and no
//! reference date, policy or weekday moves a date written in full.

use chrono::NaiveDate;
use proptest::prelude::*;
use warraq::dates::timex::{
    is_valid, Clock, DatePoint, Detail, Duration, PartOfDay, Quantity, Reference, Season, Timex,
    TimexType, TimexValue, Unit, WeekDay, Year,
};

/// Mostly in range, sometimes just out of it (so that invalid values are generated too).
fn field(valid: std::ops::RangeInclusive<u8>) -> impl Strategy<Value = Option<u8>> {
    let (lo, hi) = (*valid.start(), *valid.end());
    prop_oneof![
        6 => (lo..=hi).prop_map(Some),
        1 => Just(None),
        1 => prop::sample::select(vec![0u8, hi.saturating_add(1), 99]).prop_map(Some),
    ]
}

fn year() -> impl Strategy<Value = Year> {
    prop_oneof![
        8 => (1800i32..=2100).prop_map(Year::Known),
        1 => prop::sample::select(vec![0i32, 9999, 10000, -5]).prop_map(Year::Known),
        1 => (150u16..=210).prop_map(Year::Decade),
        1 => (17u8..=21).prop_map(Year::Century),
        1 => Just(Year::Unknown),
    ]
}

fn detail() -> impl Strategy<Value = Detail> {
    let season = prop::sample::select(vec![
        Season::Spring,
        Season::Summer,
        Season::Fall,
        Season::Winter,
    ]);
    let weekday = prop_oneof![
        3 => (0u8..=8).prop_map(|d| Some(WeekDay::Day(d))),
        1 => Just(Some(WeekDay::Weekend)),
        1 => Just(None),
    ];
    prop_oneof![
        2 => Just(Detail::None),
        2 => field(1..=12).prop_map(Detail::Month),
        4 => (field(1..=12), field(1..=31)).prop_map(|(m, d)| Detail::Day(m, d)),
        2 => (field(1..=53), weekday).prop_map(|(w, d)| Detail::Week(w, d)),
        1 => season.prop_map(Detail::Season),
        1 => (0u8..=5).prop_map(Detail::Quarter),
        1 => (0u8..=3).prop_map(Detail::Half),
    ]
}

fn date_point() -> impl Strategy<Value = DatePoint> {
    (year(), detail()).prop_map(|(year, detail)| DatePoint { year, detail })
}

fn clock() -> impl Strategy<Value = Clock> {
    let part = prop::sample::select(vec![
        PartOfDay::Morning,
        PartOfDay::Midday,
        PartOfDay::Afternoon,
        PartOfDay::Evening,
        PartOfDay::Night,
        PartOfDay::Daytime,
    ]);
    prop_oneof![
        4 => (0u8..=25, field(0..=59), field(0..=59)).prop_map(|(hour, minute, second)| {
            Clock::At { hour, minute, second }
        }),
        1 => part.prop_map(Clock::Part),
    ]
}

fn duration() -> impl Strategy<Value = Duration> {
    let unit = prop::sample::select(vec![
        Unit::Centuries,
        Unit::Decades,
        Unit::Years,
        Unit::Quarters,
        Unit::Months,
        Unit::Weeks,
        Unit::Days,
        Unit::Hours,
        Unit::Minutes,
        Unit::Seconds,
    ]);
    let quantity = prop_oneof![
        6 => (0u64..200, 0u8..=2).prop_map(|(mantissa, scale)| Quantity::Exact { mantissa, scale }),
        1 => Just(Quantity::Unknown),
    ];
    prop::collection::vec((quantity, unit), 0..4).prop_map(|mut amounts| {
        // Mostly in canonical order; sometimes left as drawn (invalid).
        if amounts.len() % 2 == 1 {
            amounts.sort_by_key(|(_, u)| *u);
            amounts.dedup_by_key(|(_, u)| *u);
        }
        Duration { amounts }
    })
}

fn value() -> impl Strategy<Value = TimexValue> {
    let reference =
        prop::sample::select(vec![Reference::Present, Reference::Past, Reference::Future]);
    prop_oneof![
        5 => date_point().prop_map(TimexValue::Date),
        2 => (date_point(), clock()).prop_map(|(p, c)| TimexValue::DateTime(p, c)),
        1 => clock().prop_map(TimexValue::Time),
        3 => duration().prop_map(TimexValue::Duration),
        1 => reference.prop_map(TimexValue::Ref),
    ]
}

fn day() -> impl Strategy<Value = NaiveDate> {
    (0i64..80_000)
        .prop_map(|n| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(n))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn display_parses_back_exactly_when_valid(v in value()) {
        let written = v.to_string();
        let read = written.parse::<TimexValue>();
        prop_assert_eq!(read.as_ref() == Ok(&v), v.is_valid(), "{:?} -> {} -> {:?}", v, written, read);
        if v.is_valid() {
            prop_assert!(is_valid(&written), "{}", written);
        }
        // Whatever parses is valid and writes itself back.
        if let Ok(r) = read {
            prop_assert!(r.is_valid());
            prop_assert_eq!(r.to_string(), written);
        }
    }

    #[test]
    fn ranges_of_days_begin_before_they_end(a in day(), b in day()) {
        let (begin, end) = (a.min(b), a.max(b));
        let range = Timex::range(TimexValue::day(begin), TimexValue::day(end)).unwrap();
        prop_assert!(range.is_valid());
        prop_assert_eq!(range.kind, TimexType::Duration);
        let days = (end - begin).num_days() + 1;
        prop_assert_eq!(range.value.to_string(), format!("P{days}D"));
        if a != b {
            let backwards = Timex::range(TimexValue::day(end), TimexValue::day(begin));
            prop_assert!(backwards.is_none_or(|r| !r.is_valid()));
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "[0-9XPTWQHSEDMYUNIAFCOVRL_:.-]{0,14}") {
        if let Ok(v) = s.parse::<TimexValue>() {
            prop_assert!(v.is_valid());
        }
    }
}

#[test]
fn known_values_round_trip() {
    for s in [
        "2016-03-26",
        "2016-03",
        "2016",
        "198X",
        "19XX",
        "2016-W12",
        "2016-W12-WE",
        "2016-SU",
        "2016-Q3",
        "2016-H1",
        "2016-03-26T19:00",
        "2016-03-26TEV",
        "T19:00",
        "T24:00",
        "TMO",
        "P3D",
        "PT2H",
        "PT30M",
        "P3.5Y",
        "P2W",
        "P2DE",
        "PXY",
        "P1Y2M10DT2H30M",
        "XXXX-WXX-1",
        "XXXX-WXX-1T08:00",
        "XXXX-XX-XXT08:00",
        "XXXX-05-28",
        "PRESENT_REF",
        "PAST_REF",
        "FUTURE_REF",
    ] {
        let v: TimexValue = s.parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v.to_string(), s);
        assert!(is_valid(s), "{s}");
    }
    for s in [
        "",
        "2016-02-30",
        "2015-02-29",
        "2016-W53",
        "2016-13",
        "2016-00",
        "T25:00",
        "T24:30",
        "P",
        "PT",
        "P3.5Y2M",
        "P1M1Y",
        "P03D",
        "P3.50D",
        "198X-05",
        "1X9X",
        "2016-Q5",
        "T8:00",
        "PRESENT",
        "2016-03-26T",
        "2016-W12-8",
    ] {
        assert!(!is_valid(s), "{s}");
    }
    assert!(is_valid("2016-02-29") && is_valid("XXXX-02-29") && is_valid("2015-W53"));
    assert!(is_valid("2020-W53"));
}

// ---------------------------------------------------------------------------
// The recogniser's output on generated sentences.

use warraq::dates::{find_timexes, Prefer, Resolution};

const MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("شباط", 2),
    ("آذار", 3),
    ("أبريل", 4),
    ("ماي", 5),
    ("حزيران", 6),
    ("يوليو", 7),
    ("غشت", 8),
    ("أيلول", 9),
    ("تشرين الأول", 10),
    ("نوفمبر", 11),
    ("كانون الأول", 12),
];

const WEEKDAYS: &[&str] = &[
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
];

/// Words and expressions a news sentence is made of, temporal or not.
const PIECES: &[&str] = &[
    "قال",
    "الوزير",
    "في",
    "منذ",
    "خلال",
    "بين",
    "من",
    "إلى",
    "و",
    "حتى",
    "عام",
    "سنة",
    "2014",
    "1998",
    "(2011)",
    "1437هـ",
    "12",
    "3",
    "مارس",
    "أيار",
    "رمضان",
    "الماضي",
    "المقبل",
    "أمس",
    "اليوم",
    "غدا",
    "بكرة",
    "امبارح",
    "الأسبوع",
    "الشهر",
    "العام",
    "قبل",
    "ثلاثة",
    "أيام",
    "ساعتين",
    "الساعة",
    "8:30",
    "مساء",
    "صباحا",
    "السابعة",
    "والنصف",
    "ظهرا",
    "منتصف",
    "الليل",
    "كل",
    "يوم",
    "الاثنين",
    "الجمعة",
    "أسبوعيا",
    "الثمانينات",
    "القرن",
    "العشرين",
    "صيف",
    "الربع",
    "الأول",
    "مؤخرا",
    "حاليا",
    "12/05/2016",
    "2016-03-26",
    "٢٠١٥",
    "دولار",
    "%",
    "،",
    ".",
    "-",
    "/",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES.to_vec()), 0..14).prop_map(|w| w.join(" "))
}

fn reference() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        1 => Just(None),
        4 => (0i64..20_000).prop_map(|n| NaiveDate::from_ymd_opt(1990, 1, 1)
            .and_then(|d| d.checked_add_signed(chrono::Duration::days(n)))),
    ]
}

fn prefer() -> impl Strategy<Value = Prefer> {
    prop::sample::select(vec![Prefer::Past, Prefer::Future, Prefer::Nearest])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Whatever the sentence and the reference, every expression found is a valid
    /// TIMEX3 expression (its value fits its type, a range begins before it ends),
    /// its span is a non-empty slice of the text, and the spans do not overlap.
    #[test]
    fn an_offset_before_year_zero_is_not_reported(y in 1991i32..3000) {
        let r = Resolution::new(NaiveDate::from_ymd_opt(1990, 1, 1));
        for m in find_timexes(&format!("منذ {y} عام"), &r) {
            prop_assert!(m.timex.is_valid(), "{m:?}");
        }
    }

    #[test]
    fn found_expressions_are_valid_timex3(s in sentence(), r in reference(), p in prefer()) {
        let found = find_timexes(&s, &Resolution::new(r).prefer(p));
        let mut last_end = 0;
        for m in &found {
            prop_assert!(m.start < m.end && s.get(m.start..m.end).is_some(), "{s}: {m:?}");
            prop_assert!(m.start >= last_end, "{s}: overlapping {found:?}");
            last_end = m.end;
            prop_assert!(m.timex.is_valid(), "{s}: {:?}", m.timex);
            prop_assert!(is_valid(&m.timex.value.to_string()), "{s}: {}", m.timex.value);
            if let (Some(b), Some(e)) = (&m.timex.begin, &m.timex.end) {
                if let (Some((b, _)), Some((e, _))) = (b.bounds(), e.bounds()) {
                    prop_assert!(b <= e, "{s}: range {b} .. {e}");
                }
            }
            if r.is_none() {
                prop_assert_eq!(m.timex.anchor, warraq::dates::timex::Anchor::Text);
            }
        }
    }

    /// A date written in full is taken as written: no reference date, no policy and no
    /// weekday written next to it (right or wrong) moves it.
    #[test]
    fn resolution_never_moves_an_explicit_date(
        day in 1u32..=28,
        month in 0usize..12,
        year in 1950i32..=2040,
        weekday in prop::option::of(0usize..7),
        r in reference(),
        p in prefer(),
        numeric in any::<bool>(),
    ) {
        let (name, m) = MONTHS[month];
        let date = NaiveDate::from_ymd_opt(year, m, day).unwrap();
        // An ambiguous numeric date (both fields <= 12) next to a weekday is read the
        // way the weekday agrees with (a reading, not a resolution): left out here.
        let numeric = numeric && (day > 12 || weekday.is_none());
        let written = if numeric {
            format!("{day:02}/{m:02}/{year}")
        } else {
            format!("{day} {name} {year}")
        };
        let text = match weekday {
            Some(w) => format!("قال الوزير {} {written} إن الاتفاق نافذ", WEEKDAYS[w]),
            None => format!("قال الوزير في {written} إن الاتفاق نافذ"),
        };
        let found = find_timexes(&text, &Resolution::new(r).prefer(p));
        prop_assert_eq!(found.len(), 1, "{}: {:?}", text, found);
        prop_assert_eq!(&found[0].timex.value, &TimexValue::day(date), "{}", text);
        prop_assert_eq!(found[0].timex.anchor, warraq::dates::timex::Anchor::Text);
    }
}
