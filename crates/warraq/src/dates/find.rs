//! The finder: every recogniser run over the folded text, the choice among their
//! proposals, the joining of times to days and of range ends, and the resolution
//! of each expression against the reference date ([`find_timexes`]).

use super::resolve::{resolve, Resolution};
use super::select::{extend_parts, select, Candidate};
use super::timex::Timex;
use super::{
    decades, durations, named, numeric, periods, ranges, relative, sets, times, vague, years,
};
use crate::text::{fold_aligned, FoldOptions};

/// One temporal expression found in a text: its byte span and its TIMEX3 annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimexMention {
    /// Byte offset of the expression in the text.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// Type, value, range ends, anchor and calendar.
    pub timex: Timex,
}

/// Every temporal expression of `text` (dates, times, durations, sets, ranges),
/// resolved with `resolution`: TimeML TIMEX3 values at the precision written, the
/// reference date filling in what the text leaves out.
///
/// ```
/// use warraq::dates::{find_timexes, Resolution};
/// use warraq::dates::timex::Anchor;
/// use chrono::NaiveDate;
/// let r = Resolution::new(NaiveDate::from_ymd_opt(2016, 11, 7));
/// let text = "وصل الاثنين 12 يناير 2016 وغادر بعد 3 أيام";
/// let found = find_timexes(text, &r);
/// assert_eq!(found[0].timex.value.to_string(), "2016-01-12");
/// assert_eq!(found[0].timex.anchor, Anchor::Text);
/// assert_eq!(found[1].timex.value.to_string(), "2016-11-10");
/// let range = &find_timexes("بين 2011 و2013", &r)[0];
/// assert_eq!(range.timex.value.to_string(), "P3Y");
/// assert_eq!(range.timex.begin.as_ref().map(ToString::to_string).as_deref(), Some("2011"));
/// ```
#[must_use]
pub fn find_timexes(text: &str, resolution: &Resolution) -> Vec<TimexMention> {
    if !text.chars().any(char::is_alphanumeric) {
        return Vec::new();
    }
    let folded = fold_aligned(text, &FoldOptions::DATES);
    let f = folded.text();
    let mut chosen = select(candidates(f));
    extend_parts(f, &mut chosen);
    times::attach(f, &mut chosen);
    ranges::join(f, &mut chosen);
    let mut out = Vec::with_capacity(chosen.len());
    for c in chosen {
        for (start, end, timex) in resolved(&c, resolution) {
            if let Some(raw) = folded.raw_span(start..end) {
                out.push(TimexMention {
                    start: raw.start,
                    end: raw.end,
                    timex,
                });
            }
        }
    }
    out
}

/// What every recogniser proposes, the more specific first (of two proposals of one
/// span, the first is kept).
fn candidates(f: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    ranges::candidates(f, &mut out);
    numeric::candidates(f, &mut out);
    named::candidates(f, &mut out);
    years::candidates(f, &mut out);
    decades::candidates(f, &mut out);
    periods::candidates(f, &mut out);
    sets::candidates(f, &mut out);
    relative::candidates(f, &mut out);
    durations::candidates(f, &mut out);
    times::candidates(f, &mut out);
    vague::candidates(f, &mut out);
    out
}

/// A candidate's resolution; a range that has no length is reported as its parts.
/// A value that is not valid TIMEX3 (an offset that lands before year 0: «منذ 2014
/// عام» with a reference in 1990) is not reported.
fn resolved(c: &Candidate, r: &Resolution) -> Vec<(usize, usize, Timex)> {
    if let Some(t) = resolve(&c.value, r) {
        return if t.is_valid() {
            vec![(c.start, c.end, t)]
        } else {
            Vec::new()
        };
    }
    c.parts.iter().flat_map(|p| resolved(p, r)).collect()
}
