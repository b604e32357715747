//! Vague references to the present, the past and the future: «حاليا», «الآن»,
//! «في الوقت الراهن», «هذه الأيام», «هلق», «الحين» (`PRESENT_REF`); «مؤخرا»,
//! «سابقا», «في الماضي», «في الآونة الأخيرة» (`PAST_REF`); «مستقبلا», «في
//! المستقبل القريب», «قريبا» (`FUTURE_REF`). They are DATE expressions whose value
//! no reference date can make precise.
//!
//! «الماضي» and «المستقبل» alone are nouns as often as references («الماضي
//! الاستعماري»): they count only after «في» and with nothing that qualifies them
//! after.

use super::lexicon::alternation;
use super::pattern::{Captures, Regex};
use super::resolve::Partial;
use super::select::{at_word_edges, scan, word_after, word_before, Candidate, Verdict};
use super::timex::{Reference, Timex, TimexType, TimexValue};
use std::sync::LazyLock;

/// Every vague word or phrase (folded) with what it refers to; `true` when it is a
/// reference only after «في».
const VAGUE: &[(&str, Reference, bool)] = &[
    ("حاليا", Reference::Present, false),
    ("الان", Reference::Present, false),
    ("الوقت الراهن", Reference::Present, false),
    ("الوقت الحالي", Reference::Present, false),
    ("الوقت الحاضر", Reference::Present, false),
    ("هذه الايام", Reference::Present, false),
    ("هلق", Reference::Present, false),
    ("هلا", Reference::Present, false),
    ("الحين", Reference::Present, false),
    ("دلوقتي", Reference::Present, false),
    ("مؤخرا", Reference::Past, false),
    ("موخرا", Reference::Past, false),
    ("سابقا", Reference::Past, false),
    ("الاونه الاخيره", Reference::Past, false),
    ("الماضي", Reference::Past, true),
    ("مستقبلا", Reference::Future, false),
    ("المستقبل القريب", Reference::Future, false),
    ("المستقبل المنظور", Reference::Future, false),
    ("المستقبل", Reference::Future, true),
    ("قريبا", Reference::Future, false),
];

static VAGUE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let words = alternation(VAGUE.iter().map(|v| v.0));
    Regex::new(&format!(r"(?:[وف]?(?:ب|ل)?)(?P<w>{words})")).expect("vague regex")
});

/// Vague references of the folded `text`.
pub(crate) fn candidates(text: &str, out: &mut Vec<Candidate>) {
    scan(&VAGUE_RE, text, out, |caps| judge(text, caps));
}

fn judge(text: &str, caps: &Captures<'_>) -> Verdict {
    let (Some(whole), Some(w)) = (caps.get(0), caps.name("w")) else {
        return Verdict::Retry;
    };
    if !at_word_edges(text, whole.start(), whole.end()) {
        return Verdict::Retry;
    }
    let word = w.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(&(_, reference, after_fi)) = VAGUE.iter().find(|v| v.0 == word) else {
        return Verdict::Retry;
    };
    // The extent is the word itself: a clitic preposition before it is a signal.
    let start = w.start();
    if after_fi {
        let after_in = start == whole.start()
            && word_before(text, start).is_some_and(|(_, b)| b == "في" || b == "وفي");
        let qualified = word_after(text, w.end()).is_some_and(|(_, a)| a.starts_with("ال"));
        if !after_in || qualified {
            return Verdict::Skip;
        }
    }
    let value = Partial::Fixed(Timex::new(TimexType::Date, TimexValue::Ref(reference)));
    Verdict::Take(Candidate::new(start, w.end(), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        candidates(text, &mut out);
        out.iter()
            .map(|c| {
                let v = match &c.value {
                    Partial::Fixed(t) => t.value.to_string(),
                    _ => String::new(),
                };
                (text[c.start..c.end].to_string(), v)
            })
            .collect()
    }

    #[test]
    fn present_past_future() {
        assert_eq!(
            found("يعمل حاليا بنصف طاقته"),
            [("حاليا".into(), "PRESENT_REF".into())]
        );
        assert_eq!(
            found("كانت في الماضي مركزا"),
            [("الماضي".into(), "PAST_REF".into())]
        );
        assert_eq!(found("في المستقبل القريب")[0].1, "FUTURE_REF");
        assert_eq!(found("هلق الطريق مسكره")[0].1, "PRESENT_REF");
        assert!(found("الماضي الاستعماري للبلاد").is_empty());
        assert!(found("في الماضي الاستعماري").is_empty());
        assert!(found("الحينات").is_empty());
    }
}
