//! Years: after a year word («عام 2014», «للعام 2009», «سنة 2011م», «عامي 2012»,
//! «موسم 2018», «عام ( 1993 )»), in parentheses («(1932)»), with an era marker
//! («1430 هـ», «1980م»: a Hijri year alone is the Gregorian year it begins in), and
//! bare years of news texts, 1800-2100, where a date is expected: after «في»,
//! «منذ», «حتى», «بحلول» and the like, or after the name of an event («انتخابات
//! 2005», «حرب 1973»); a year joined to one of these by «و» is one too («عامي 2012
//! و2014»). A count is not a year: «صوت 2013 نائبا», «نحو 2016 شخصا».

use super::numeric::{is_hijri_era, ERA};
use super::pattern::{Captures, Regex};
use super::resolve::DateSpec;
use super::select::{at_word_edges, ends_word, scan, word_after, word_before, Candidate, Verdict};
use std::sync::LazyLock;

static MARKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<kw>[وف]?(?:لل|[بلك]?ال|[بلك])?(?:عام|سنه|موسم)ي?)\s*(?P<open>\(\s*)?(?P<y>[0-9]{{4}})(?P<close>\s*\))?(?:\s*(?P<era>{ERA}))?"
    ))
    .expect("static regex")
});

static BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::with_prefilter(&format!(
        r"(?P<open>\(\s*)?(?P<y>[0-9]{{4}})(?P<close>\s*\))?(?:\s*(?P<era>{ERA}))?"
    ))
    .expect("static regex")
});

static AND_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?P<y>و\s*[0-9]{4})").expect("static regex"));

/// Bare years of news texts.
const NEWS_YEARS: std::ops::RangeInclusive<i32> = 1800..=2100;

/// Words after which a bare year is a date (with «و» before them too).
const YEAR_TRIGGERS: &[&str] = &[
    "في",
    "منذ",
    "حتي",
    "بحلول",
    "قبل",
    "بعد",
    "الي",
    "خلال",
    "مطلع",
    "منتصف",
    "اواخر",
    "اوائل",
    "اواسط",
    "بدايه",
    "نهايه",
    "انتخابات",
    "الانتخابات",
    "بطوله",
    "حرب",
    "مونديال",
    "اولمبياد",
    "كاس",
    "دستور",
    "ثوره",
    "ميزانيه",
    "موازنه",
    "نكسه",
    "نكبه",
    "احداث",
    "انتفاضه",
    "زلزال",
    "مهرجان",
    "دوره",
    "قمه",
    "معرض",
    "تعداد",
    "احصاء",
    "رؤيه",
    "خطه",
];

/// Words after a number that make it a count («نحو 2016 شخصا»), besides the
/// accusative singular of a counted noun (ending in alef).
const COUNTED: &[&str] = &["مخالفه", "نسمه", "حاله", "اصابه", "مره", "شخص"];

/// Years of the folded `text`.
pub(crate) fn candidates(text: &str, out: &mut Vec<Candidate>) {
    let mut found = Vec::new();
    scan(&MARKED, text, &mut found, |caps| marked(text, caps));
    scan(&BARE, text, &mut found, |caps| bare(text, caps));
    let mut and_years = Vec::new();
    for c in &found {
        if let Some(caps) = AND_YEAR.captures(&text[c.end..]) {
            let Some(y) = caps.name("y") else { continue };
            let (start, end) = (c.end + y.start(), c.end + y.end());
            let digits = y.as_str().trim_start_matches(['و', ' ']);
            let year = digits.trim().parse::<i32>().ok();
            if let Some(year) = year.filter(|y| NEWS_YEARS.contains(y)) {
                if at_word_edges(text, start, end) {
                    and_years.push(year_candidate(start, end, year, false));
                }
            }
        }
    }
    out.extend(found);
    out.extend(and_years);
}

fn year_candidate(start: usize, end: usize, year: i32, hijri: bool) -> Candidate {
    Candidate::date(
        start,
        end,
        DateSpec {
            year: Some(year),
            hijri,
            ..DateSpec::default()
        },
    )
}

/// The end of a year with its closing bracket and era marker, and whether the
/// marker is Hijri.
fn end_of(text: &str, caps: &Captures<'_>) -> Option<(usize, Option<bool>)> {
    let y = caps.name("y")?;
    let closed = caps.name("close").filter(|_| caps.name("open").is_some());
    let end = closed.map_or(y.end(), |c| c.end());
    Some(match caps.name("era") {
        // The marker may be glued to the digits («2011م») but not run on into a word.
        Some(e) if ends_word(text, e.end()) => (e.end(), Some(is_hijri_era(e.as_str()))),
        _ => (end, None),
    })
}

fn marked(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(kw), Some(y)) = (caps.name("kw"), caps.name("y")) else {
        return Verdict::Retry;
    };
    // «عام (» without its «)» is not a bracketed year: the year alone then.
    if caps.name("open").is_some() && caps.name("close").is_none() {
        return Verdict::Retry;
    }
    let Some((end, era)) = end_of(text, caps) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, kw.start(), end) {
        return Verdict::Retry;
    }
    let Ok(year) = y.as_str().parse::<i32>() else {
        return Verdict::Skip;
    };
    let hijri = era == Some(true);
    if !hijri && !(1000..=2200).contains(&year) {
        return Verdict::Skip;
    }
    Verdict::Take(year_candidate(kw.start(), end, year, hijri))
}

fn bare(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(whole), Some(y)) = (caps.get(0), caps.name("y")) else {
        return Verdict::Retry;
    };
    let Some((end, era)) = end_of(text, caps) else {
        return Verdict::Retry;
    };
    let bracketed = caps.name("open").is_some() && caps.name("close").is_some();
    let start = if bracketed { whole.start() } else { y.start() };
    if !at_word_edges(text, start, end) {
        return Verdict::Retry;
    }
    let Ok(year) = y.as_str().parse::<i32>() else {
        return Verdict::Skip;
    };
    let taken = match era {
        Some(_) => true,
        None => NEWS_YEARS.contains(&year) && (bracketed || expected_here(text, start, end)),
    };
    if taken {
        Verdict::Take(year_candidate(start, end, year, era == Some(true)))
    } else {
        Verdict::Skip
    }
}

/// Whether a bare year between `start` and `end` follows a word that introduces a
/// date and is not followed by a counted noun.
fn expected_here(text: &str, start: usize, end: usize) -> bool {
    let introduced = word_before(text, start).is_some_and(|(at, w)| {
        let bare = w.strip_prefix('و').unwrap_or(w);
        text[at + w.len()..start].trim().is_empty()
            && (YEAR_TRIGGERS.contains(&bare) || YEAR_TRIGGERS.contains(&w))
    });
    let counted = word_after(text, end).is_some_and(|(_, w)| {
        (w.ends_with('ا') && !matches!(w, "تقريبا" | "ايضا")) || COUNTED.contains(&w)
    });
    introduced && !counted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, i32)> {
        let mut out = Vec::new();
        candidates(text, &mut out);
        let out = super::super::select::select(out);
        out.iter()
            .map(|c| {
                let super::super::resolve::Partial::Date(s) = c.value else {
                    panic!()
                };
                (text[c.start..c.end].to_string(), s.year.unwrap_or(0))
            })
            .collect()
    }

    #[test]
    fn marked_bare_and_joined_years() {
        assert_eq!(
            spans("منذ عام 2014 وحتي سنه 2011م"),
            [("عام 2014".into(), 2014), ("سنه 2011م".into(), 2011)]
        );
        assert_eq!(spans("للعام 2009")[0].0, "للعام 2009");
        assert_eq!(spans("تاسس عام ( 1993 ) في")[0].0, "عام ( 1993 )");
        assert_eq!(spans("ولد الشاعر (1932) في")[0].0, "(1932)");
        assert_eq!(
            spans("عامي 2012 و2014"),
            [("عامي 2012".into(), 2012), ("و2014".into(), 2014)]
        );
        assert_eq!(spans("بعد حرب 1973")[0].0, "1973");
        assert_eq!(spans("طبع في 1430 ه طبعته")[0].0, "1430 ه");
    }

    #[test]
    fn counts_are_not_years() {
        assert!(spans("بلغ العدد 2014 شخصا").is_empty());
        assert!(spans("وصل عدد المشتركين الي 1990 مشتركا").is_empty());
        assert!(spans("تنص الماده 2011 من القانون").is_empty());
        assert!(spans("الطريق رقم 1948").is_empty());
    }
}
