//! Scoring a temporal-expression recogniser against an annotated corpus.
//!
//! The corpus format (a TSV file: id, reference date, sentence, expected expressions
//! with their TIMEX3 type, value, anchor and, for ranges, begin and end) is
//! documented at the top of `tests/data/temporal/cases.tsv`, which [`read_cases`]
//! reads. [`score`] matches predicted spans to expected ones, strictly (same span)
//! and by overlap, per TIMEX3 type and over all types, and counts how many expected
//! values were found exactly; [`find_timexes_predictions`] runs the recogniser
//! on a case.
//!
//! ```
//! use warraq::dates::eval::{find_timexes_predictions, parse_cases, score};
//! let tsv = "id\treference\tsentence\tspans\n\
//!            a-1\t2016-05-03\tوصل أمس إلى المدينة\tأمس|DATE|2016-05-02|reference\n\
//!            a-2\t\tبلغ العدد 40 شخصا\t\n";
//! let cases = parse_cases(tsv, "inline".as_ref()).unwrap();
//! let scores = score(&cases, find_timexes_predictions);
//! assert_eq!(scores.overall.strict.recall(), 1.0);
//! assert_eq!(scores.values_with_reference.exact, 1);
//! ```

use super::timex::{Anchor, Timex, TimexType, TimexValue};
use crate::entities::Prf;
use crate::{Error, Result};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// One expected expression of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// Byte offset of the expression in the sentence.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// Type, value, range ends and anchor.
    pub timex: Timex,
}

/// One sentence of the corpus with what a recogniser should find in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// `group-NNN`: the group names the form the case tests.
    pub id: String,
    /// 1-based line in the corpus file.
    pub line: usize,
    /// The reference (publication) date the values assume.
    pub reference: Option<NaiveDate>,
    /// The text.
    pub sentence: String,
    /// The expressions, in the order listed.
    pub expected: Vec<Expected>,
}

impl Case {
    /// The form group: the id up to its last `-` (`rel` for `rel-014`).
    #[must_use]
    pub fn group(&self) -> &str {
        self.id.rsplit_once('-').map_or(&self.id, |(g, _)| g)
    }
}

/// One expression a recogniser found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predicted {
    /// Byte offset in the sentence.
    pub start: usize,
    /// Byte offset just after the expression.
    pub end: usize,
    /// What it found.
    pub timex: Timex,
}

/// Reads a corpus file ([`parse_cases`]).
pub fn read_cases(path: impl AsRef<Path>) -> Result<Vec<Case>> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_cases(&text, path)
}

/// Parses a corpus: `#` comment lines, a header row, then `id<TAB>reference<TAB>
/// sentence<TAB>spans` rows. A malformed row, an unknown type or anchor, an
/// invalid TIMEX3 value, a span text not in the sentence or a repeated id is an
/// [`Error::Parse`] naming the line (`path` only names the source in errors).
///
/// ```
/// use warraq::dates::eval::parse_cases;
/// let err = parse_cases("id\treference\tsentence\tspans\nx-1\t\tفي 2016\t2016|DATE|2016-13|text\n", "c.tsv".as_ref());
/// assert!(err.unwrap_err().to_string().contains("line 2"));
/// ```
pub fn parse_cases(text: &str, path: &Path) -> Result<Vec<Case>> {
    let mut cases: Vec<Case> = Vec::new();
    let mut seen_header = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !seen_header {
            seen_header = true;
            if line != "id\treference\tsentence\tspans" {
                return Err(parse_error(
                    path,
                    i + 1,
                    "expected the header `id reference sentence spans`",
                ));
            }
            continue;
        }
        let case = parse_row(line, i + 1).map_err(|m| parse_error(path, i + 1, &m))?;
        if cases.iter().any(|c| c.id == case.id) {
            return Err(parse_error(
                path,
                i + 1,
                &format!("repeated id `{}`", case.id),
            ));
        }
        cases.push(case);
    }
    Ok(cases)
}

fn parse_error(path: &Path, line: usize, message: &str) -> Error {
    Error::Parse {
        path: path.to_path_buf(),
        line: Some(line),
        column: None,
        message: message.to_string(),
    }
}

fn parse_row(line: &str, number: usize) -> std::result::Result<Case, String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [id, reference, sentence, spans] = fields[..] else {
        return Err(format!(
            "expected 4 tab-separated fields, found {}",
            fields.len()
        ));
    };
    if id.is_empty() || sentence.is_empty() {
        return Err("empty id or sentence".into());
    }
    let reference = match reference {
        "" => None,
        r => Some(
            NaiveDate::parse_from_str(r, "%Y-%m-%d")
                .map_err(|e| format!("reference `{r}`: {e}"))?,
        ),
    };
    let expected = spans
        .split(" || ")
        .filter(|s| !s.trim().is_empty())
        .map(|s| parse_span(s, sentence))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(Case {
        id: id.to_string(),
        line: number,
        reference,
        sentence: sentence.to_string(),
        expected,
    })
}

/// `text|TYPE|VALUE|ANCHOR` or `text|DURATION|VALUE|ANCHOR|BEGIN|END`; `text#2` is
/// the second occurrence of `text`.
fn parse_span(span: &str, sentence: &str) -> std::result::Result<Expected, String> {
    let parts: Vec<&str> = span.split('|').collect();
    let (text, kind, value, anchor, ends) = match parts[..] {
        [t, k, v, a] => (t, k, v, a, None),
        [t, k, v, a, b, e] => (t, k, v, a, Some((b, e))),
        _ => {
            return Err(format!(
                "span `{span}`: expected 4 or 6 `|`-separated fields"
            ))
        }
    };
    let (text, occurrence) = match text.rsplit_once('#') {
        Some((t, n)) => (
            t,
            n.parse::<usize>()
                .map_err(|_| format!("span `{span}`: bad occurrence"))?,
        ),
        None => (text, 1),
    };
    let start = sentence
        .match_indices(text)
        .nth(occurrence.saturating_sub(1))
        .map(|(i, _)| i)
        .ok_or_else(|| {
            format!("span text `{text}` (occurrence {occurrence}) is not in the sentence")
        })?;
    let read = |v: &str| v.parse::<TimexValue>().map_err(|e| e.to_string());
    let mut timex = Timex::new(
        kind.parse::<TimexType>().map_err(|e| e.to_string())?,
        read(value)?,
    );
    timex.anchor = anchor.parse::<Anchor>().map_err(|e| e.to_string())?;
    if let Some((b, e)) = ends {
        timex.begin = Some(read(b)?);
        timex.end = Some(read(e)?);
    }
    if !timex.is_valid() {
        return Err(format!(
            "span `{span}`: the value does not fit the type, or a range ends before it begins"
        ));
    }
    Ok(Expected {
        start,
        end: start + text.len(),
        timex,
    })
}

/// The recogniser ([`find_timexes`](super::find_timexes)) on a case, resolved against
/// the case's reference date with the default (news) policy.
#[must_use]
pub fn find_timexes_predictions(case: &Case) -> Vec<Predicted> {
    super::find_timexes(&case.sentence, &super::Resolution::new(case.reference))
        .into_iter()
        .map(|m| Predicted {
            start: m.start,
            end: m.end,
            timex: m.timex,
        })
        .collect()
}

/// Span scores: exact spans and overlapping spans (each expected expression matched
/// at most once).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SpanScores {
    /// A prediction counts when its span is exactly the expected one.
    pub strict: Prf,
    /// A prediction counts when its span overlaps the expected one.
    pub overlap: Prf,
}

/// How many expected values were found exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ValueScores {
    /// Expected expressions.
    pub expected: usize,
    /// Of those, how many a prediction overlaps.
    pub found: usize,
    /// Of those, how many the overlapping prediction gives the same value (and range
    /// ends) as expected.
    pub exact: usize,
}

impl ValueScores {
    /// `exact / expected` (0 with nothing expected).
    #[must_use]
    pub fn accuracy(&self) -> f64 {
        Prf {
            correct: self.exact,
            predicted: 0,
            gold: self.expected,
        }
        .recall()
    }
}

/// Scores of a recogniser on a corpus.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scores {
    /// Per expected TIMEX3 type (a prediction of another type does not count).
    pub per_type: BTreeMap<TimexType, SpanScores>,
    /// Over all types, by span alone.
    pub overall: SpanScores,
    /// Values of the expressions of the cases that give a reference date.
    pub values_with_reference: ValueScores,
    /// Values of every expected expression.
    pub values_all: ValueScores,
}

/// Runs `predict` on every case and scores it.
///
/// ```
/// use warraq::dates::eval::{parse_cases, score};
/// let tsv = "id\treference\tsentence\tspans\nx-1\t\tفي عام 2014 و2015\tعام 2014|DATE|2014|text\n";
/// let cases = parse_cases(tsv, "c.tsv".as_ref()).unwrap();
/// let s = score(&cases, |_| Vec::new());
/// assert_eq!((s.overall.strict.gold, s.overall.strict.predicted), (1, 0));
/// ```
pub fn score(cases: &[Case], predict: impl Fn(&Case) -> Vec<Predicted>) -> Scores {
    let mut s = Scores::default();
    for kind in TimexType::ALL {
        s.per_type.insert(kind, SpanScores::default());
    }
    for case in cases {
        let predicted = predict(case);
        add_spans(&mut s.overall, &case.expected, &predicted);
        for kind in TimexType::ALL {
            let scores = s.per_type.entry(kind).or_default();
            let expected: Vec<Expected> = case
                .expected
                .iter()
                .filter(|e| e.timex.kind == kind)
                .cloned()
                .collect();
            let found: Vec<Predicted> = predicted
                .iter()
                .filter(|p| p.timex.kind == kind)
                .cloned()
                .collect();
            add_spans(scores, &expected, &found);
        }
        for e in &case.expected {
            let best = predicted
                .iter()
                .filter(|p| overlaps(e, p))
                .max_by_key(|p| p.end.min(e.end) - p.start.max(e.start));
            let same = best.is_some_and(|p| {
                (&p.timex.value, &p.timex.begin, &p.timex.end)
                    == (&e.timex.value, &e.timex.begin, &e.timex.end)
            });
            let targets = if case.reference.is_some() {
                vec![&mut s.values_all, &mut s.values_with_reference]
            } else {
                vec![&mut s.values_all]
            };
            for v in targets {
                v.expected += 1;
                v.found += usize::from(best.is_some());
                v.exact += usize::from(same);
            }
        }
    }
    s
}

fn overlaps(e: &Expected, p: &Predicted) -> bool {
    e.start < p.end && p.start < e.end
}

/// One-to-one matching, expected expressions in order, each taking the first
/// unmatched prediction with the same span (strict) or an overlapping one.
fn add_spans(scores: &mut SpanScores, expected: &[Expected], predicted: &[Predicted]) {
    for (prf, strict) in [(&mut scores.strict, true), (&mut scores.overlap, false)] {
        prf.gold += expected.len();
        prf.predicted += predicted.len();
        let mut used = vec![false; predicted.len()];
        for e in expected {
            let hit = predicted.iter().enumerate().position(|(i, p)| {
                !used[i]
                    && if strict {
                        (p.start, p.end) == (e.start, e.end)
                    } else {
                        overlaps(e, p)
                    }
            });
            if let Some(i) = hit {
                used[i] = true;
                prf.correct += 1;
            }
        }
    }
}

impl fmt::Display for Scores {
    /// A table of precision, recall and F1 (percent) per type, strict and
    /// overlapping, then the value accuracies.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<9} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}",
            "type", "gold", "pred", "P", "R", "F1", "P~", "R~", "F1~"
        )?;
        let pct = |x: f64| 100.0 * x;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, s: &SpanScores| {
            writeln!(
                f,
                "{:<9} {:>5} {:>5} | {:>6.1} {:>6.1} {:>6.1} | {:>6.1} {:>6.1} {:>6.1}",
                name,
                s.strict.gold,
                s.strict.predicted,
                pct(s.strict.precision()),
                pct(s.strict.recall()),
                pct(s.strict.f1()),
                pct(s.overlap.precision()),
                pct(s.overlap.recall()),
                pct(s.overlap.f1())
            )
        };
        for (kind, s) in &self.per_type {
            row(f, kind.as_str(), s)?;
        }
        row(f, "all", &self.overall)?;
        for (name, v) in [
            (
                "values, cases with a reference date",
                &self.values_with_reference,
            ),
            ("values, all cases", &self.values_all),
        ] {
            writeln!(
                f,
                "{name}: {} expected, {} found, {} exact ({:.1}%)",
                v.expected,
                v.found,
                v.exact,
                pct(v.accuracy())
            )?;
        }
        Ok(())
    }
}

/// Cases and expected expressions per form group, and expected expressions per
/// type: what a corpus covers.
///
/// ```
/// use warraq::dates::eval::{composition, parse_cases};
/// let tsv = "id\treference\tsentence\tspans\nyr-1\t\tعام 2014\tعام 2014|DATE|2014|text\nneg-1\t\tلا شيء\t\n";
/// let (groups, types) = composition(&parse_cases(tsv, "c.tsv".as_ref()).unwrap());
/// assert_eq!(groups["yr"], (1, 1));
/// assert_eq!(groups["neg"], (1, 0));
/// assert_eq!(types[&warraq::dates::timex::TimexType::Date], 1);
/// ```
#[must_use]
pub fn composition(
    cases: &[Case],
) -> (BTreeMap<String, (usize, usize)>, BTreeMap<TimexType, usize>) {
    let mut groups: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut types: BTreeMap<TimexType, usize> = BTreeMap::new();
    for c in cases {
        let g = groups.entry(c.group().to_string()).or_default();
        g.0 += 1;
        g.1 += c.expected.len();
        for e in &c.expected {
            *types.entry(e.timex.kind).or_default() += 1;
        }
    }
    (groups, types)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cases(rows: &str) -> Vec<Case> {
        parse_cases(
            &format!("# c\nid\treference\tsentence\tspans\n{rows}"),
            Path::new("t.tsv"),
        )
        .unwrap()
    }

    fn predicted(case: &Case, text: &str, kind: TimexType, value: &str) -> Predicted {
        let start = case.sentence.find(text).unwrap();
        Predicted {
            start,
            end: start + text.len(),
            timex: Timex::new(kind, value.parse().unwrap()),
        }
    }

    #[test]
    fn strict_overlap_and_values() {
        let cs = cases(
            "a-1\t2016-05-03\tفي عام 2014 وأمس\tعام 2014|DATE|2014|text || وأمس|DATE|2016-05-02|reference\n",
        );
        let c = &cs[0];
        assert_eq!(
            &c.sentence[c.expected[0].start..c.expected[0].end],
            "عام 2014"
        );
        let s = score(&cs, |c| {
            vec![
                predicted(c, "2014", TimexType::Date, "2014"),
                predicted(c, "وأمس", TimexType::Date, "2016-05-03"),
                predicted(c, "في", TimexType::Time, "T10:00"),
            ]
        });
        assert_eq!(
            s.overall.strict,
            Prf {
                correct: 1,
                predicted: 3,
                gold: 2
            }
        );
        assert_eq!(
            s.overall.overlap,
            Prf {
                correct: 2,
                predicted: 3,
                gold: 2
            }
        );
        assert_eq!(
            s.per_type[&TimexType::Time].strict,
            Prf {
                correct: 0,
                predicted: 1,
                gold: 0
            }
        );
        assert_eq!(
            s.values_with_reference,
            ValueScores {
                expected: 2,
                found: 2,
                exact: 1
            }
        );
        assert_eq!(s.values_all.expected, 2);
    }

    #[test]
    fn ranges_occurrences_and_errors() {
        let cs = cases("r-1\t\tمن 2011 إلى 2013 و2013\tمن 2011 إلى 2013|DURATION|P3Y|text|2011|2013 || 2013#2|DATE|2013|text\n");
        let e = &cs[0].expected;
        assert_eq!(e[0].timex.begin, Some("2011".parse().unwrap()));
        assert_eq!(&cs[0].sentence[e[1].start..e[1].end], "2013");
        assert!(e[1].start > e[0].end);
        let bad = |row: &str| {
            parse_cases(
                &format!("id\treference\tsentence\tspans\n{row}"),
                Path::new("t.tsv"),
            )
            .unwrap_err()
            .to_string()
        };
        assert!(bad("x-1\t\tفي 2016\t2017|DATE|2017|text\n").contains("not in the sentence"));
        assert!(bad("x-1\t\tفي 2016\t2016|DATE|P3D|text\n").contains("does not fit"));
        assert!(bad("x-1\t\tفي 2016\t2016|DAY|2016|text\n").contains("not DATE"));
        assert!(bad("x-1\t16-05\tفي 2016\t\n").contains("reference"));
        assert!(bad("x-1\tفي 2016\t\n").contains("4 tab-separated"));
        assert!(bad("x-1\t\ta\t\nx-1\t\tb\t\n").contains("repeated id"));
        let range = "x-1\t\tبين 2013 و2011\tبين 2013 و2011|DURATION|P3Y|text|2013|2011\n";
        assert!(bad(range).contains("ends before"));
    }
}
