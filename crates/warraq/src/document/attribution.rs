//! The attribution lines under a headline: «لندن - الخليج أونلاين» (dateline and
//! outlet), «هشام منوّر- الخليج أونلاين» (author and outlet), «كتب سيد الخلفاوى»
//! (a byline), and the « - Site.com» suffix of a page title.

use super::line::{is_mostly_arabic, Line};
use super::rules::{ends_sentence, is_known_city, is_outlet_name};
use crate::text;

/// A «X - Y» attribution line: `(left, right)`.
pub(crate) fn split_attribution(line: &Line) -> Option<(String, String)> {
    if !line.at_most_words(8) || ends_sentence(line.text) {
        return None;
    }
    let line = line.text;
    let idx = line
        .find([' ', '-', '–', '—'])
        .and(line.rfind(['-', '–', '—', '|']))?;
    let (left, right) = line.split_at(idx);
    let dash_len = right.chars().next().map_or(1, char::len_utf8);
    let left = left.trim();
    let right = right[dash_len..].trim();
    if left.is_empty()
        || right.is_empty()
        || !text::at_most_words(left, 4)
        || !text::at_most_words(right, 4)
    {
        return None;
    }
    Some((left.to_string(), right.to_string()))
}

/// What one side of an «X - Y» attribution line names, from the gazetteers and the
/// outlet lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// A known city or country only («جدة», «لندن»).
    City,
    /// A name that is both («الرياض»: the city and the newspaper).
    CityOrOutlet,
    /// A known outlet or agency only («واس», «المدينة», «متابعات»).
    Outlet,
    /// Starts with a given name («هشام منوّر»).
    Person,
    Unknown,
}

impl Side {
    pub(crate) fn of(name: &str) -> Side {
        use crate::entities::gazetteer::{GazClass, Gazetteer};
        let g = Gazetteer::get();
        let classes = g.classes_of(name);
        let city = is_known_city(name)
            || classes.iter().any(|c| {
                matches!(
                    c,
                    GazClass::City | GazClass::Country | GazClass::Governorate
                )
            });
        let outlet = is_outlet_name(name) || classes.contains(&GazClass::Outlet);
        match (city, outlet) {
            (true, true) => Side::CityOrOutlet,
            (true, false) => Side::City,
            (false, true) => Side::Outlet,
            _ if name
                .split_whitespace()
                .next()
                .is_some_and(|w| g.is_given_name(w)) =>
            {
                Side::Person
            }
            _ => Side::Unknown,
        }
    }

    /// How surely the side is the dateline's place.
    fn placeness(self) -> u8 {
        match self {
            Side::City => 2,
            Side::CityOrOutlet => 1,
            _ => 0,
        }
    }
}

/// The fields an attribution line gives.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Attribution {
    pub(crate) dateline: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) source: Option<String>,
}

/// Reads «X - Y» in either order: «لندن - الخليج أونلاين» and «المدينة - جدة»
/// (outlet - city), «واس - الرياض», «أحمد البشيري - الباحة» (author - city),
/// «هشام منوّر- الخليج أونلاين» (author - outlet). The side that is surely a place is
/// the dateline; the other is the outlet, or the author when it starts with a given
/// name. Without a known place, a one-word left side is the dateline, a longer one
/// the author, and the right side the outlet.
pub(crate) fn resolve_attribution(left: String, right: String) -> Attribution {
    let (l, r) = (Side::of(&left), Side::of(&right));
    let mut a = Attribution::default();
    let other = |a: &mut Attribution, name: String, side: Side, is_left: bool| match side {
        Side::Person => a.author = Some(name),
        Side::Outlet | Side::CityOrOutlet => a.source = Some(name),
        // Two places («الأشرفية - بيروت»): the first is the dateline, the second
        // names neither an outlet nor a person.
        Side::City => {}
        // «نايف عبدالله - الرياض»: bylines are names; a lone word is an outlet.
        Side::Unknown if is_left && !text::at_most_words(&name, 1) => a.author = Some(name),
        Side::Unknown => a.source = Some(name),
    };
    if l.placeness() > 0 && l.placeness() >= r.placeness() {
        a.dateline = Some(left);
        other(&mut a, right, r, false);
    } else if r.placeness() > 0 {
        a.dateline = Some(right);
        other(&mut a, left, l, true);
    } else {
        match l {
            Side::Person => a.author = Some(left),
            Side::Outlet => a.source = Some(left),
            _ if text::at_most_words(&left, 1) => a.dateline = Some(left),
            _ => a.author = Some(left),
        }
        match r {
            Side::Person if a.author.is_none() => a.author = Some(right),
            _ if a.source.is_none() => a.source = Some(right),
            _ => {}
        }
    }
    a
}

/// «كتب سيد الخلفاوى», «بقلم: هشام منوّر»: the author of a byline line.
pub(crate) fn byline_author(line: &str, n_words: usize) -> Option<String> {
    if !(2..=5).contains(&n_words) || ends_sentence(line) {
        return None;
    }
    let (first, rest) = line.split_once(char::is_whitespace)?;
    let rest = rest.trim_start_matches([':', ' ']).trim();
    matches!(
        text::fold(first).trim_end_matches(':'),
        "كتب" | "كتبت" | "بقلم" | "اعداد"
    )
    .then(|| rest.to_string())
    .filter(|r| !r.is_empty() && is_mostly_arabic(r))
}

/// Strips a « - Site.com» / « | Site» suffix from a page-title line.
pub(crate) fn strip_site_suffix(title: &str) -> &str {
    for sep in [" - ", " | ", " – ", " — "] {
        if let Some(idx) = title.rfind(sep) {
            let suffix = &title[idx + sep.len()..];
            if suffix.contains(".com")
                || suffix.contains(".net")
                || !is_mostly_arabic(suffix)
                || matches!(Side::of(suffix.trim()), Side::Outlet)
            {
                return title[..idx].trim();
            }
        }
    }
    title.trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribution_lines() {
        assert_eq!(
            split_attribution(&Line::new("هشام منوّر- الخليج أونلاين")),
            Some(("هشام منوّر".into(), "الخليج أونلاين".into()))
        );
        assert_eq!(
            split_attribution(&Line::new("لندن - الخليج أونلاين")),
            Some(("لندن".into(), "الخليج أونلاين".into()))
        );
        assert_eq!(
            split_attribution(&Line::new(
                "قال الوزير - في مؤتمر صحفي طويل جدا - إن المشروع بدأ."
            )),
            None
        );
    }

    #[test]
    fn attribution_either_order() {
        let read = |line: &str| {
            let (l, r) = split_attribution(&Line::new(line)).unwrap();
            let a = resolve_attribution(l, r);
            (a.dateline, a.author, a.source)
        };
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            read("لندن - الخليج أونلاين"),
            (s("لندن"), None, s("الخليج أونلاين"))
        );
        assert_eq!(read("المدينة - جدة"), (s("جدة"), None, s("المدينة")));
        assert_eq!(read("الرياض - واس"), (s("الرياض"), None, s("واس")));
        assert_eq!(read("واس – الرياض"), (s("الرياض"), None, s("واس")));
        assert_eq!(read("عين اليوم – جدة"), (s("جدة"), None, s("عين اليوم")));
        assert_eq!(
            read("أحمد البشيري – الباحة"),
            (s("الباحة"), s("أحمد البشيري"), None)
        );
        assert_eq!(
            read("مكة المكرمة – حامد القرشي"),
            (s("مكة المكرمة"), s("حامد القرشي"), None)
        );
        assert_eq!(
            read("هشام منوّر- الخليج أونلاين"),
            (None, s("هشام منوّر"), s("الخليج أونلاين"))
        );
        assert_eq!(read("اليوم- الدمام"), (s("الدمام"), None, s("اليوم")));
    }

    #[test]
    fn title_suffix() {
        assert_eq!(
            strip_site_suffix("معارضون يسيطرون - CNNArabic.com"),
            "معارضون يسيطرون"
        );
        assert_eq!(strip_site_suffix("بيروت - دمشق"), "بيروت - دمشق");
    }
}
