//! Lengths of time: a number and a unit («3 أيام», «ثلاث ساعات ونصف», «3.5 سنوات»,
//! «ثمانية عشر شهرا», «45 يوما»), duals («ساعتين», «أسبوعين», «عقدين»), a unit
//! with what makes it a length («أسبوعا كاملا», «ساعة ونصف», «عقدا من الزمن»),
//! fractions («نصف ساعة», «ربع ساعة»), and vague lengths («ساعات», «سنوات طويلة»,
//! «بضعة أيام», «الأشهر الأخيرة», «الأيام الثلاثة الماضية»: `PXM`, `P3D`).
//!
//! Words that qualify the length are in its extent («أكثر من ثلاثة عقود», «يومين على
//! الأقل», «12 ساعة متواصلة»); the preposition before it is not («لمدة», «خلال»).
//! An age is not a length: «يبلغ من العمر 23 عاما», «البالغ 67 عاما».

use super::lexicon::{alternation, cardinal_pattern, cardinal_value, unit_of, Number, TimeUnit};
use super::lexicon::{ARTICLE, CLITICS, UNITS};
use super::pattern::{Captures, Regex};
use super::resolve::Partial;
use super::select::{at_word_edges, scan, word_after, word_before, Candidate, Verdict};
use super::timex::{Duration, Quantity, Timex, TimexType, TimexValue, Unit};
use std::sync::LazyLock;

/// Words before a length that qualify it.
pub(crate) const APPROX: &str = r"(?:(?:نحو|حوالي|قرابه|زهاء|اكثر\s+من|اقل\s+من|ما\s+يقارب|ما\s+يزيد\s+(?:عن|علي)|ما\s+لا\s+يقل\s+عن)\s+)";

/// Words after a length that qualify it.
const TAIL: &str = r"(?:\s+(?:كامله|كاملا|كاملين|كاملتين|كامل|متواصله|متواصلا|متواصلين|متواصلتين|متتاليه|متتاليا|متتاليين|متتاليتين|اضافيه|اضافيا|اضافيين|اضافيتين|اخري|طويله|عديده|على\s+الاقل|علي\s+الاقل|واحدا|واحده|واحد))";

/// Every unit word, for regexes.
pub(crate) fn units_pattern() -> String {
    alternation(UNITS.iter().map(|p| p.0))
}

/// A number (digits, with a decimal part, or words) and a unit word: groups `n`
/// and `u`.
pub(crate) fn amount_pattern() -> String {
    format!(
        r"(?P<n>[0-9]+(?:[.,٫][0-9]+)?|{})\s*(?P<u>{})",
        cardinal_pattern(),
        units_pattern()
    )
}

static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<approx>{APPROX})?{}(?P<half>\s+و\s*(?:ال)?(?:نصف|ربع))?(?P<tail>{TAIL})?",
        amount_pattern()
    ))
    .expect("static regex")
});

static UNIT_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<approx>{APPROX})?(?P<cl>{CLITICS})(?P<u1>{})(?P<half>\s+و\s*(?:ال)?(?:نصف|ربع))?(?P<tail>{TAIL})?(?P<zaman>\s+من\s+الزمن)?",
        units_pattern()
    ))
    .expect("static regex")
});

static FRACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<approx>{APPROX})?(?P<cl>{CLITICS})(?P<f>نصف|ربع|ثلث)\s+(?P<u1>ساعه|يوم|شهر|سنه|عام|قرن)"
    ))
    .expect("static regex")
});

static VAGUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<art>{ARTICLE})(?:(?P<u1>ايام|اسابيع|اشهر|شهور|سنوات|سنين|اعوام|عقود|قرون|ساعات|دقائق)(?:\s+(?P<n>ال{}))?|\s*(?P<d>[0-9]+)\s+(?P<u2>{}))(?:\s+(?:القليله|العديده|الطويله))?\s+(?P<rel>الماضيه|الاخيره|المقبله|القادمه|الفائته|المنصرمه|الماضي|الاخير|المقبل|القادم)",
        cardinal_pattern(),
        units_pattern()
    ))
    .expect("static regex")
});

static SOME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::with_prefilter(r"(?P<cl>[وف]?[بل]?)(?:بضعه|بضع|عده)\s+(?P<u1>ايام|اسابيع|اشهر|شهور|سنوات|سنين|اعوام|عقود|ساعات|دقائق)")
        .expect("static regex")
});

/// Words before a number of years that make it an age.
const AGE_WORDS: &[&str] = &[
    "العمر",
    "عمر",
    "عمره",
    "عمرها",
    "البالغ",
    "البالغه",
    "يبلغ",
    "تبلغ",
    "يناهز",
    "ناهز",
    "سن",
    "بعمر",
    "البالغين",
    "عمرهم",
];

/// Lengths of time of the folded `text`.
pub(crate) fn candidates(text: &str, out: &mut Vec<Candidate>) {
    scan(&AMOUNT, text, out, |caps| amount(text, caps));
    scan(&UNIT_ALONE, text, out, |caps| unit_alone(text, caps));
    scan(&FRACTION, text, out, |caps| fraction(text, caps));
    scan(&VAGUE, text, out, |caps| vague(text, caps));
    scan(&SOME, text, out, |caps| some(text, caps));
}

/// A decimal read from digits («3.5», «3,5», «٣٫٥») or words, without trailing
/// fraction zeros.
pub(crate) fn quantity(s: &str) -> Option<Quantity> {
    if let Some(n) = cardinal_value(s) {
        return Some(exact(u64::from(n), 0));
    }
    let s = s.replace([',', '٫'], ".");
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let digits = format!("{whole}{frac}");
    let mantissa: u64 = digits.parse().ok()?;
    Some(exact(mantissa, u8::try_from(frac.len()).ok()?))
}

fn exact(mantissa: u64, scale: u8) -> Quantity {
    Quantity::Exact { mantissa, scale }
}

/// TIMEX3's unit of a unit word.
pub(crate) fn timex_unit(unit: TimeUnit) -> Unit {
    match unit {
        TimeUnit::Second => Unit::Seconds,
        TimeUnit::Minute => Unit::Minutes,
        TimeUnit::Hour => Unit::Hours,
        TimeUnit::Day => Unit::Days,
        TimeUnit::Week => Unit::Weeks,
        TimeUnit::Month => Unit::Months,
        TimeUnit::Year => Unit::Years,
        TimeUnit::Decade => Unit::Decades,
        TimeUnit::Century => Unit::Centuries,
    }
}

/// `quantity` of `unit`, plus a half or a quarter («ونصف», «وربع»): in the next unit
/// down for hours and minutes (`PT1H30M`), as a decimal otherwise (`P1.5Y`).
pub(crate) fn length(quantity: Quantity, unit: TimeUnit, extra: Option<&str>) -> Duration {
    let unit = timex_unit(unit);
    let quarters = match extra {
        Some(e) if e.contains("نصف") => 2,
        Some(e) if e.contains("ربع") => 1,
        _ => 0,
    };
    match (quantity, quarters) {
        (q, 0) => Duration {
            amounts: vec![(q, unit)],
        },
        (q @ Quantity::Exact { scale: 0, .. }, _)
            if matches!(unit, Unit::Hours | Unit::Minutes) =>
        {
            let next = if unit == Unit::Hours {
                Unit::Minutes
            } else {
                Unit::Seconds
            };
            Duration {
                amounts: vec![(q, unit), (exact(15 * quarters, 0), next)],
            }
        }
        (Quantity::Exact { mantissa, scale: 0 }, _) => {
            let (m, s) = if quarters == 2 {
                (mantissa * 10 + 5, 1)
            } else {
                (mantissa * 100 + 25, 2)
            };
            Duration {
                amounts: vec![(exact(m, s), unit)],
            }
        }
        (q, _) => Duration {
            amounts: vec![(q, unit)],
        },
    }
}

/// A DURATION expression of `duration`.
pub(crate) fn fixed(duration: Duration) -> Partial {
    Partial::Fixed(Timex::new(
        TimexType::Duration,
        TimexValue::Duration(duration),
    ))
}

/// Whether the number before `start` is an age («من العمر 23 عاما»): an age word
/// among the three words before it, or a bracket right before it.
fn is_age(text: &str, start: usize, unit: TimeUnit) -> bool {
    if unit != TimeUnit::Year {
        return false;
    }
    if text[..start].trim_end().ends_with('(') {
        return true;
    }
    let mut at = start;
    for _ in 0..3 {
        let Some((s, w)) = word_before(text, at) else {
            return false;
        };
        if AGE_WORDS.contains(&w) {
            return true;
        }
        at = s;
    }
    false
}

/// The start of a length including the qualifier before it, or «من» opening a
/// quoted colloquial phrase («من يومين ما وصلنا شي»).
fn start_of(text: &str, caps: &Captures<'_>, first: usize) -> usize {
    if let Some(a) = caps.name("approx") {
        return a.start();
    }
    match word_before(text, first) {
        Some((s, "من")) if text[..s].trim_end().ends_with(['«', '"', ':']) => s,
        _ => first,
    }
}

fn amount(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(n), Some(u)) = (caps.name("n"), caps.name("u")) else {
        return Verdict::Retry;
    };
    let Some((unit, _)) = unit_of(u.as_str()) else {
        return Verdict::Retry;
    };
    let start = start_of(text, caps, n.start());
    let end = [caps.name("tail"), caps.name("half"), Some(u)]
        .into_iter()
        .flatten()
        .map(|m| m.end())
        .max()
        .unwrap_or(u.end());
    if !at_word_edges(text, start, end) {
        return Verdict::Retry;
    }
    if is_age(text, n.start(), unit) {
        return Verdict::Skip;
    }
    let Some(q) = quantity(n.as_str()) else {
        return Verdict::Skip;
    };
    let half = caps.name("half").map(|m| m.as_str());
    Verdict::Take(Candidate::new(start, end, fixed(length(q, unit, half))))
}

fn unit_alone(text: &str, caps: &Captures<'_>) -> Verdict {
    let Some(u) = caps.name("u1") else {
        return Verdict::Retry;
    };
    let Some((unit, number)) = unit_of(u.as_str()) else {
        return Verdict::Retry;
    };
    let word_start = caps.name("cl").map_or(u.start(), |c| c.start());
    let start = start_of(text, caps, word_start);
    let (half, tail) = (caps.name("half"), caps.name("tail"));
    let end = [tail, half, Some(u)]
        .into_iter()
        .flatten()
        .map(|m| m.end())
        .max()
        .unwrap_or(u.end());
    if !at_word_edges(text, start, end) {
        return Verdict::Retry;
    }
    let word = u.as_str();
    let qualified = half.is_some() || tail.is_some() || caps.name("zaman").is_some();
    let quantity = match number {
        Number::Two => exact(2, 0),
        Number::One if qualified || matches!(word, "اسبوعا" | "شهرا") => exact(1, 0),
        Number::Plural if plural_is_a_length(text, caps, word, end) => Quantity::Unknown,
        _ => return Verdict::Retry,
    };
    // «يوما ما» is "some day", not a length.
    if word == "يوما" && word_after(text, end).is_some_and(|(_, w)| w == "ما") {
        return Verdict::Retry;
    }
    let half = half.map(|m| m.as_str());
    Verdict::Take(Candidate::new(
        start,
        end,
        fixed(length(quantity, unit, half)),
    ))
}

/// A plural unit alone is a vague length when it is accusative («أياما»,
/// «أشهرا»), carries «ل» («لساعات»), is qualified («سنوات طويلة») or ends its
/// clause («انتظروا ساعات.»): not «ساعات العمل», «أيام قرطاج».
fn plural_is_a_length(text: &str, caps: &Captures<'_>, word: &str, end: usize) -> bool {
    let accusative = word.ends_with('ا');
    let with_lam = caps.name("cl").is_some_and(|c| c.as_str().ends_with('ل'));
    let qualified = caps.name("tail").is_some();
    let clause_end = text[end..]
        .trim_start()
        .chars()
        .next()
        .is_none_or(|c| ".،,؛:!؟?»\"".contains(c));
    let counted = matches!(
        word,
        "ساعات" | "سنوات" | "اشهر" | "شهور" | "اعوام" | "اسابيع" | "دقائق" | "ايام"
    );
    accusative || (counted && (with_lam || qualified || clause_end))
}

fn fraction(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(whole), Some(f), Some(u)) = (caps.get(0), caps.name("f"), caps.name("u1")) else {
        return Verdict::Retry;
    };
    let start = caps.name("approx").map_or(whole.start(), |a| a.start());
    if !at_word_edges(text, start, whole.end()) {
        return Verdict::Retry;
    }
    let Some((unit, _)) = unit_of(u.as_str()) else {
        return Verdict::Retry;
    };
    let parts = match f.as_str() {
        "نصف" => 2,
        "ربع" => 4,
        _ => 3,
    };
    let duration = match unit {
        TimeUnit::Hour => Duration {
            amounts: vec![(exact(60 / parts, 0), Unit::Minutes)],
        },
        TimeUnit::Day => Duration {
            amounts: vec![(exact(24 / parts, 0), Unit::Hours)],
        },
        TimeUnit::Century => Duration {
            amounts: vec![(exact(100 / parts, 0), Unit::Years)],
        },
        TimeUnit::Year if parts != 3 => Duration {
            amounts: vec![(exact(12 / parts, 0), Unit::Months)],
        },
        _ if parts == 2 => Duration {
            amounts: vec![(exact(5, 1), timex_unit(unit))],
        },
        _ => return Verdict::Retry,
    };
    Verdict::Take(Candidate::new(start, whole.end(), fixed(duration)))
}

fn vague(text: &str, caps: &Captures<'_>) -> Verdict {
    let Some(whole) = caps.get(0) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    let Some((unit, _)) = caps
        .name("u1")
        .or(caps.name("u2"))
        .and_then(|u| unit_of(u.as_str()))
    else {
        return Verdict::Retry;
    };
    let quantity = match (caps.name("n"), caps.name("d")) {
        (Some(n), _) => match n.as_str().strip_prefix("ال").and_then(quantity) {
            Some(q) => q,
            None => return Verdict::Retry,
        },
        (None, Some(d)) => match quantity(d.as_str()) {
            Some(q) => q,
            None => return Verdict::Retry,
        },
        (None, None) => Quantity::Unknown,
    };
    Verdict::Take(Candidate::new(
        whole.start(),
        whole.end(),
        fixed(length(quantity, unit, None)),
    ))
}

fn some(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(whole), Some(u)) = (caps.get(0), caps.name("u1")) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    match unit_of(u.as_str()) {
        Some((unit, _)) => Verdict::Take(Candidate::new(
            whole.start(),
            whole.end(),
            fixed(length(Quantity::Unknown, unit, None)),
        )),
        None => Verdict::Retry,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        candidates(text, &mut out);
        let mut out = super::super::select::select(out);
        out.sort_by_key(|c| c.start);
        out.iter()
            .map(|c| {
                let Partial::Fixed(t) = &c.value else {
                    panic!()
                };
                (text[c.start..c.end].to_string(), t.value.to_string())
            })
            .collect()
    }

    #[test]
    fn numbers_and_units() {
        assert_eq!(values("استمرت 3 ايام"), [("3 ايام".into(), "P3D".into())]);
        assert_eq!(
            values("يمتد 3.5 سنوات"),
            [("3.5 سنوات".into(), "P3.5Y".into())]
        );
        assert_eq!(values("ثلاث ساعات ونصف")[0].1, "PT3H30M");
        assert_eq!(values("ثمانيه عشر شهرا")[0].1, "P18M");
        assert_eq!(
            values("اكثر من ثلاثه عقود")[0],
            ("اكثر من ثلاثه عقود".into(), "P3DE".into())
        );
        assert_eq!(values("يومين علي الاقل")[0].0, "يومين علي الاقل");
        assert!(values("يبلغ من العمر 23 عاما").is_empty());
        assert!(values("توفي الرجل البالغ 67 عاما").is_empty());
    }

    #[test]
    fn duals_singulars_fractions_and_vague_lengths() {
        assert_eq!(values("انتظروا ساعتين")[0].1, "PT2H");
        assert_eq!(values("ساعه ونصف")[0].1, "PT1H30M");
        assert_eq!(values("سنه ونصف")[0].1, "P1.5Y");
        assert_eq!(values("اسبوعا كاملا")[0].1, "P1W");
        assert_eq!(values("عاش عقدا من الزمن")[0].0, "عقدا");
        assert_eq!(values("نصف ساعه")[0].1, "PT30M");
        assert_eq!(values("امام المخابز ساعات.")[0].1, "PTXH");
        assert!(values("ساعات العمل").is_empty());
        assert!(values("ايام قرطاج").is_empty());
        assert_eq!(values("خلال الاشهر الاخيره")[0].1, "PXM");
        assert_eq!(values("الايام الثلاثه الماضيه")[0].1, "P3D");
        assert_eq!(values("خلال ال24 ساعه الماضيه")[0].1, "PT24H");
        assert_eq!(values("بضعه ايام")[0].1, "PXD");
    }
}
