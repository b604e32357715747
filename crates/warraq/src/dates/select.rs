//! Candidates and the choice among them: each recogniser proposes spans of the folded
//! text with what they say ([`Candidate`]); overlapping proposals are settled
//! longest-leftmost ([`select`]); the words that mark a part of a period («أواخر»,
//! «مطلع») are then taken into the extent ([`extend_parts`]).

use super::lexicon::{self, PART_WORDS};
use super::resolve::{DateSpec, Partial};
use super::timex::Clock;
use crate::dates::lexicon::TimeUnit;

/// What a clock time said about its half of the day, for ranges whose first time
/// takes the second's («من 8 حتى 10 مساء»).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Meridiem {
    /// Written («صباحا», «مساء», «م»), or a 24-hour time.
    Written,
    /// Not written: a 12-hour reading is possible.
    Open,
}

/// One proposed expression: a span of the folded text and what it says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    /// Byte offset in the folded text.
    pub(crate) start: usize,
    /// Byte offset just after it.
    pub(crate) end: usize,
    /// What it says.
    pub(crate) value: Partial,
    /// For a clock time: whether its half of the day is known.
    pub(crate) meridiem: Meridiem,
    /// Kept only when it joins another expression (a part of the day after a date,
    /// «الصبح»), not on its own.
    pub(crate) joins_only: bool,
    /// For a range: the expressions it was made of, reported instead when the range
    /// has no length (its ends of different precisions).
    pub(crate) parts: Vec<Candidate>,
}

impl Candidate {
    pub(crate) fn new(start: usize, end: usize, value: Partial) -> Candidate {
        Candidate {
            start,
            end,
            value,
            meridiem: Meridiem::Written,
            joins_only: false,
            parts: Vec::new(),
        }
    }

    /// A date spec candidate.
    pub(crate) fn date(start: usize, end: usize, spec: DateSpec) -> Candidate {
        Candidate::new(start, end, Partial::Date(spec))
    }

    /// Whether the expression names a day (so that a time of day may attach to it):
    /// a date with a day or a weekday, «أمس», «اليوم».
    pub(crate) fn is_day(&self) -> bool {
        match &self.value {
            Partial::Date(s) => s.day.is_some() || (s.weekday.is_some() && s.month.is_none()),
            Partial::Offset { unit, .. } => *unit == TimeUnit::Day,
            _ => false,
        }
    }

    /// The clock of a time of day written alone.
    pub(crate) fn clock(&self) -> Option<Clock> {
        match &self.value {
            Partial::Timed { date: None, clock } => Some(*clock),
            _ => None,
        }
    }
}

/// Whether `c` continues a word (a letter or a digit).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when `text` has no letter or digit right before `start` nor right after
/// `end`: an expression never starts or ends inside a word.
pub(crate) fn at_word_edges(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    before.is_none_or(|c| !is_word_char(c)) && after.is_none_or(|c| !is_word_char(c))
}

/// True when no letter or digit follows `at`: an era marker may be glued to the
/// digits before it («1437هـ», «2011م») but must not run on into a word.
pub(crate) fn ends_word(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// The value of ASCII digits (the folded text has no others).
pub(crate) fn num(s: &str) -> Option<u32> {
    s.parse().ok()
}

/// The word that ends right before `at` (skipping whitespace), with its start.
pub(crate) fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let head = text[..at].trim_end();
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map(|(i, _)| i)?;
    Some((start, &head[start..]))
}

/// The word that starts right after `at` (skipping whitespace), with its end.
pub(crate) fn word_after(text: &str, at: usize) -> Option<(usize, &str)> {
    let tail = &text[at..];
    let skipped = tail.len() - tail.trim_start().len();
    let from = at + skipped;
    let len: usize = text[from..]
        .chars()
        .take_while(|c| is_word_char(*c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| (from + len, &text[from..from + len]))
}

/// The start of the sentence `at` is in: just after the last `.`, `!`, `?`, `؟`,
/// `؛` or line break before it.
pub(crate) fn sentence_start(text: &str, at: usize) -> usize {
    text[..at]
        .rfind(['.', '!', '?', '؟', '؛', '\n'])
        .map_or(0, |i| i + 1)
}

/// The candidates that are kept: sorted by start, longest first, each one kept
/// when it does not overlap one kept before it.
pub(crate) fn select(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.retain(|c| c.start < c.end);
    candidates.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let mut kept: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for c in candidates {
        if kept.last().is_some_and(|k| c.start < k.end) {
            continue;
        }
        kept.push(c);
    }
    kept
}

/// Whether the expression is a period a part word may qualify: a year, a month, a
/// decade, a century, a relative month or year.
fn takes_part_word(value: &Partial) -> bool {
    match value {
        Partial::Date(s) => s.day.is_none() && (s.month.is_some() || s.year.is_some()),
        Partial::Offset { unit, .. } => !matches!(unit, TimeUnit::Day | TimeUnit::Hour),
        Partial::Decade { .. } | Partial::Century(_) | Partial::Period { .. } => true,
        _ => false,
    }
}

/// Takes a part word right before a period into its extent: «أواخر يناير 2014»,
/// «مطلع عام 2015», «نهاية الشهر الجاري» (TimeML keeps them, as its `mod`).
pub(crate) fn extend_parts(text: &str, chosen: &mut [Candidate]) {
    let mut floor = 0;
    for c in chosen.iter_mut() {
        if takes_part_word(&c.value) {
            if let Some((start, word)) = word_before(text, c.start) {
                let bare = word.strip_prefix('و').unwrap_or(word);
                let only_space = text[start + word.len()..c.start].trim().is_empty();
                let is_part = PART_WORDS.contains(&bare) || PART_WORDS.contains(&word);
                if is_part && only_space && start >= floor {
                    c.start = start;
                }
            }
        }
        floor = c.end;
    }
}

/// What a recogniser makes of one regex match.
pub(crate) enum Verdict {
    /// An expression.
    Take(Candidate),
    /// Not an expression here (it starts or ends inside a word, say): the regex is
    /// tried again from the next character, where a shorter match may be one.
    Retry,
    /// Not an expression, and nothing inside the match is one either.
    Skip,
}

/// Runs `re` over `text` from left to right, asking `judge` about each match:
/// taken matches are pushed and the scan goes on after them.
pub(crate) fn scan<'t>(
    re: &super::pattern::Regex,
    text: &'t str,
    out: &mut Vec<Candidate>,
    mut judge: impl FnMut(&super::pattern::Captures<'t>) -> Verdict,
) {
    let mut at = 0;
    while at < text.len() {
        let Some(caps) = re.captures_at(text, at) else {
            break;
        };
        let Some(whole) = caps.get(0) else { break };
        let next_char = |i: usize| i + text[i..].chars().next().map_or(1, char::len_utf8);
        at = match judge(&caps) {
            Verdict::Take(c) => {
                out.push(c);
                whole.end().max(next_char(whole.start()))
            }
            Verdict::Retry => next_char(whole.start()),
            Verdict::Skip => whole.end().max(next_char(whole.start())),
        };
    }
}

/// `lexicon::toward` of an optional capture.
pub(crate) fn toward_of(m: Option<super::pattern::Match<'_>>) -> Option<lexicon::Toward> {
    m.and_then(|m| lexicon::toward(m.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(start: usize, end: usize) -> Candidate {
        Candidate::new(start, end, Partial::Date(DateSpec::default()))
    }

    #[test]
    fn longest_leftmost_wins() {
        let kept = select(vec![c(5, 8), c(0, 4), c(0, 6), c(7, 9), c(9, 12)]);
        let spans: Vec<(usize, usize)> = kept.iter().map(|k| (k.start, k.end)).collect();
        assert_eq!(spans, [(0, 6), (7, 9), (9, 12)]);
    }

    #[test]
    fn words_around() {
        let t = "قال في  2016، ثم";
        let at = t.find("2016").unwrap();
        assert_eq!(word_before(t, at).map(|w| w.1), Some("في"));
        assert_eq!(word_after(t, at + 4), None);
        assert_eq!(word_after(t, 0).map(|w| w.1), Some("قال"));
        assert!(at_word_edges(t, at, at + 4));
        assert!(!at_word_edges(t, at, at + 3));
        assert_eq!(sentence_start("أ. ب", 4), 3);
    }
}
