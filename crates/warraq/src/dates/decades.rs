//! Decades and centuries: «الثمانينات», «الستينيات والسبعينيات», «تسعينيات القرن
//! الماضي», «الثمانينيات من القرن العشرين», «عقد التسعينيات», «القرن التاسع عشر»,
//! «القرن الحادي والعشرين», «القرن الماضي», «القرن 19».
//!
//! A decade without its century is resolved against the reference (the latest such
//! decade that began before the reference year); «العقد الماضي» is a relative
//! period ([`super::relative`]).

use super::lexicon::{ordinal_pattern, ordinal_value, ARTICLE};
use super::pattern::{Captures, Regex};
use super::resolve::{Era, Partial};
use super::select::{at_word_edges, num, scan, Candidate, Verdict};
use std::sync::LazyLock;

/// The tens of the decades, folded, with the decade's digit.
const DECADES: &[(&str, u8)] = &[
    ("عشرين", 2),
    ("ثلاثين", 3),
    ("اربعين", 4),
    ("خمسين", 5),
    ("ستين", 6),
    ("سبعين", 7),
    ("ثمانين", 8),
    ("تسعين", 9),
];

fn century_pattern() -> String {
    let ord = ordinal_pattern();
    format!(
        r"(?P<q>{ARTICLE}قرن)\s+(?:(?P<ord>{ord})|(?P<rel>الماضي|المنصرم|الحالي|الجاري|المقبل|القادم)|ال\s*(?P<n1>[0-9]{{1,2}})|(?P<n2>[0-9]{{1,2}}))"
    )
}

static DECADE: LazyLock<Regex> = LazyLock::new(|| {
    let tens = DECADES.iter().map(|p| p.0).collect::<Vec<_>>().join("|");
    Regex::new(&format!(
        r"(?P<aqd>{ARTICLE}?عقد\s+)?(?P<art>{ARTICLE})?(?P<tens>{tens})(?:يات|ات)(?:\s+(?:من\s+)?{})?",
        century_pattern()
    ))
    .expect("static regex")
});

static CENTURY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&century_pattern()).expect("static regex"));

/// Decades and centuries of the folded `text`.
pub(crate) fn candidates(text: &str, out: &mut Vec<Candidate>) {
    scan(&DECADE, text, out, |caps| decade(text, caps));
    scan(&CENTURY, text, out, |caps| century(text, caps));
}

/// The century a match names: an ordinal (the twentieth is 19XX), a number, or
/// relative to the reference.
fn era_of(caps: &Captures<'_>) -> Option<Era> {
    if let Some(rel) = caps.name("rel") {
        let shift = match rel.as_str() {
            "الماضي" | "المنصرم" => -1,
            "المقبل" | "القادم" => 1,
            _ => 0,
        };
        return Some(Era::Shift(shift));
    }
    let n = caps
        .name("ord")
        .and_then(|m| ordinal_value(m.as_str()))
        .or_else(|| {
            caps.name("n1")
                .or(caps.name("n2"))
                .and_then(|m| num(m.as_str()))
        })?;
    let first_digits = u8::try_from(n.checked_sub(1)?).ok()?;
    (1..=21).contains(&n).then_some(Era::Known(first_digits))
}

fn decade(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(whole), Some(tens)) = (caps.get(0), caps.name("tens")) else {
        return Verdict::Retry;
    };
    let Some(digit) = DECADES.iter().find(|p| p.0 == tens.as_str()).map(|p| p.1) else {
        return Verdict::Retry;
    };
    let century = if caps.name("q").is_some() {
        match era_of(caps) {
            Some(era) => Some(era),
            None => return Verdict::Retry,
        }
    } else {
        None
    };
    // «تسعينيات» without the article needs its century («تسعينيات القرن الماضي»).
    let definite = caps.name("art").is_some() || caps.name("aqd").is_some();
    if !at_word_edges(text, whole.start(), whole.end()) || (!definite && century.is_none()) {
        return Verdict::Retry;
    }
    Verdict::Take(Candidate::new(
        whole.start(),
        whole.end(),
        Partial::Decade {
            decade: digit,
            century,
        },
    ))
}

fn century(text: &str, caps: &Captures<'_>) -> Verdict {
    let Some(whole) = caps.get(0) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    match era_of(caps) {
        Some(era) => Verdict::Take(Candidate::new(
            whole.start(),
            whole.end(),
            Partial::Century(era),
        )),
        None => Verdict::Retry,
    }
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
    fn decades_with_and_without_centuries() {
        let v = values("ازدهرت في الستينيات والسبعينات");
        assert_eq!(v[0].0, "الستينيات");
        assert_eq!(v[1].0, "والسبعينات");
        assert_eq!(
            v[1].1,
            Partial::Decade {
                decade: 7,
                century: None
            }
        );
        let v = values("في تسعينيات القرن الماضي");
        assert_eq!(v[0].0, "تسعينيات القرن الماضي");
        assert_eq!(
            v[0].1,
            Partial::Decade {
                decade: 9,
                century: Some(Era::Shift(-1))
            }
        );
        let v = values("الثمانينيات من القرن العشرين");
        assert_eq!(v[0].0, "الثمانينيات من القرن العشرين");
        assert!(values("تسعينيات").is_empty());
    }

    #[test]
    fn centuries() {
        let v = values("في القرن التاسع عشر وفي القرن الحادي والعشرين");
        assert_eq!(v[0].1, Partial::Century(Era::Known(18)));
        assert_eq!(v[1].0, "القرن الحادي والعشرين");
        assert_eq!(v[1].1, Partial::Century(Era::Known(20)));
        assert_eq!(values("القرن 19")[0].1, Partial::Century(Era::Known(18)));
    }
}
