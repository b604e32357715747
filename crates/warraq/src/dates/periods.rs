//! Parts of a year: seasons («صيف 2016», «شتاء العام الماضي», «الربيع الماضي»),
//! quarters («الربع الأول من 2016», «الربع الأخير من العام الماضي»), halves
//! («النصف الثاني من 2021») and ISO weeks («الأسبوع الثاني عشر من 2016»).
//!
//! «الربيع» alone is not a date («الربيع العربي»), nor «النصف الثاني» without its
//! year («النصف الثاني من المباراة»).

use super::lexicon::{
    ordinal_pattern, ordinal_value, relative_alternation, toward, year_ref_pattern, year_shift,
    ARTICLE, CLITICS,
};
use super::pattern::{Captures, Regex};
use super::resolve::{Partial, Period, YearOf};
use super::select::{at_word_edges, scan, Candidate, Verdict};
use super::timex::Season;
use std::sync::LazyLock;

/// Season names, folded.
pub(crate) const SEASONS: &[(&str, Season)] = &[
    ("ربيع", Season::Spring),
    ("صيف", Season::Summer),
    ("خريف", Season::Fall),
    ("شتاء", Season::Winter),
];

/// The season of a folded name.
pub(crate) fn season_of(name: &str) -> Option<Season> {
    SEASONS.iter().find(|p| p.0 == name).map(|p| p.1)
}

/// The year after a period: written («2016», «عام 2016») or relative («العام
/// الماضي», «هذا العام»).
fn year_part() -> String {
    format!(
        r"(?:(?:(?:ال)?(?:عام|سنه)\s+)?(?P<y>[0-9]{{4}})|(?P<yref>{}))",
        year_ref_pattern()
    )
}

static SEASON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?P<cl>{CLITICS})(?P<s1>ربيع|صيف|خريف|شتاء)\s+{}|(?P<art>{ARTICLE})(?P<s2>ربيع|صيف|خريف|شتاء)\s+(?P<rel>{}))",
        year_part(),
        relative_alternation()
    ))
    .expect("static regex")
});

static PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<art>{ARTICLE})(?P<kind>ربع|نصف|اسبوع)\s+(?P<which>الاخير|{})\s+(?:من\s+)?{}",
        ordinal_pattern(),
        year_part()
    ))
    .expect("static regex")
});

/// Seasons, quarters, halves and weeks of the folded `text`.
pub(crate) fn candidates(text: &str, out: &mut Vec<Candidate>) {
    scan(&SEASON, text, out, |caps| season(text, caps));
    scan(&PART, text, out, |caps| part(text, caps));
}

fn year_of(caps: &Captures<'_>) -> Option<YearOf> {
    if let Some(y) = caps.name("y") {
        return y.as_str().parse().ok().map(YearOf::Known);
    }
    caps.name("yref")
        .and_then(|m| year_shift(m.as_str()))
        .map(YearOf::Shift)
}

fn season(text: &str, caps: &Captures<'_>) -> Verdict {
    let Some(whole) = caps.get(0) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    let value = if let Some(name) = caps.name("s1") {
        match (season_of(name.as_str()), year_of(caps)) {
            (Some(season), Some(year)) => Partial::Period {
                period: Period::Season(season),
                year,
            },
            _ => return Verdict::Retry,
        }
    } else {
        let name = caps.name("s2").and_then(|m| season_of(m.as_str()));
        let toward = caps.name("rel").and_then(|m| toward(m.as_str()));
        match (name, toward) {
            (Some(season), Some(toward)) => Partial::Season { season, toward },
            _ => return Verdict::Retry,
        }
    };
    Verdict::Take(Candidate::new(whole.start(), whole.end(), value))
}

fn part(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(whole), Some(kind), Some(which)) =
        (caps.get(0), caps.name("kind"), caps.name("which"))
    else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    let last = which.as_str() == "الاخير";
    let n = if last {
        None
    } else {
        ordinal_value(which.as_str())
    };
    let period = match (kind.as_str(), n) {
        ("ربع", Some(q @ 1..=4)) => Period::Quarter(q as u8),
        ("ربع", None) if last => Period::Quarter(4),
        ("نصف", Some(h @ 1..=2)) => Period::Half(h as u8),
        ("نصف", None) if last => Period::Half(2),
        ("اسبوع", Some(w @ 1..=53)) => Period::Week(w as u8),
        _ => return Verdict::Retry,
    };
    let Some(year) = year_of(caps) else {
        return Verdict::Retry;
    };
    Verdict::Take(Candidate::new(
        whole.start(),
        whole.end(),
        Partial::Period { period, year },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, Partial)> {
        let mut out = Vec::new();
        candidates(text, &mut out);
        out.into_iter()
            .map(|c| (text[c.start..c.end].to_string(), c.value))
            .collect()
    }

    #[test]
    fn seasons_quarters_halves_weeks() {
        let v = values("في صيف 2016 والربيع الماضي");
        assert_eq!(v[0].0, "صيف 2016");
        assert_eq!(v[1].0, "والربيع الماضي");
        let v = values("في الربع الثالث من العام الجاري");
        assert_eq!(
            v[0].1,
            Partial::Period {
                period: Period::Quarter(3),
                year: YearOf::Shift(0)
            }
        );
        let v = values("الاسبوع الثاني عشر من 2016");
        assert_eq!(
            v[0].1,
            Partial::Period {
                period: Period::Week(12),
                year: YearOf::Known(2016)
            }
        );
        assert!(values("شارك في الربيع العربي").is_empty());
        assert!(values("النصف الثاني من المباراه").is_empty());
    }
}
