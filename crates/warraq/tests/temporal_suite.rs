//! The temporal-expression corpus (`tests/data/temporal/cases.tsv`): every case
//! reads, every expected value is a valid TIMEX3 value that fits its type, the corpus
//! covers every form it is meant to, Hijri dates that today's finder reads convert
//! exactly, and the recogniser's scores ([`find_timexes`]) are printed
//! (`-- --nocapture`) and kept from falling below what it reaches on this corpus
//! (which it was written against). The held-out corpus (`cases_heldout.tsv`, never
//! used to tune it) is scored too, against the targets only: >= 90 % of DATE
//! spans found at precision >= 95 %, >= 85 % of values exact with a reference date.

use warraq::dates::eval::{composition, find_timexes_predictions, read_cases, score, Case};
use warraq::dates::timex::{Anchor, Detail, Timex, TimexType, TimexValue, Year};
use warraq::dates::{find_timexes, Resolution};

fn corpus_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/temporal/cases.tsv")
}

fn corpus() -> Vec<Case> {
    read_cases(corpus_path()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_row_is_read_and_every_value_is_valid() {
    let cases = corpus();
    let text = std::fs::read_to_string(corpus_path()).unwrap();
    let rows = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .count();
    assert_eq!(
        cases.len() + 1,
        rows,
        "every row after the header is a case"
    );
    assert!(cases.len() >= 500, "{} cases", cases.len());
    for case in &cases {
        for e in &case.expected {
            let t = &e.timex;
            assert!(t.is_valid(), "{}: {t:?}", case.id);
            assert_eq!(
                t.value.to_string().parse::<TimexValue>().as_ref(),
                Ok(&t.value)
            );
            if case.reference.is_none() {
                assert_eq!(
                    t.anchor,
                    Anchor::Text,
                    "{}: no reference to anchor on",
                    case.id
                );
            }
            if let (Some(b), Some(end)) = (&t.begin, &t.end) {
                let range = Timex::range(b.clone(), end.clone());
                assert_eq!(
                    range.map(|r| r.value),
                    Some(t.value.clone()),
                    "{}: a range's value is its length",
                    case.id
                );
            }
        }
        if case.group() == "neg" {
            assert!(case.expected.is_empty(), "{}: a negative case", case.id);
        } else {
            assert!(
                !case.expected.is_empty(),
                "{}: no expected expression",
                case.id
            );
        }
    }
}

#[test]
fn the_corpus_covers_every_form() {
    let cases = corpus();
    let (groups, types) = composition(&cases);
    let minimum = [
        ("num", 30), // numeric dates
        ("eg", 25),  // Egypt / Gulf month names
        ("lev", 25), // Levant / Iraq
        ("ma", 15),  // Morocco
        ("dz", 15),  // Algeria / Tunisia
        ("hij", 30), // Hijri, side by side with Gregorian
        ("yr", 30),  // bare and parenthesised years
        ("dec", 20), // decades and centuries
        ("szn", 10), // seasons, quarters, halves, weeks
        ("wd", 15),  // weekdays, with and without dates
        ("day", 8),  // day only
        ("dm", 20),  // day-month
        ("mon", 10), // month only
        ("rel", 40), // relative
        ("vag", 15), // vague
        ("tm", 30),  // times
        ("dt", 12),  // date + time
        ("dur", 30), // durations
        ("set", 15), // sets
        ("rng", 20), // ranges
        ("col", 10), // colloquial, in quoted speech
        ("dig", 10), // Eastern Arabic and Persian digits
        ("clt", 10), // clitics
        ("neg", 50), // no temporal expression
    ];
    for (group, n) in minimum {
        let got = groups.get(group).map_or(0, |g| g.0);
        assert!(got >= n, "{group}: {got} cases, expected at least {n}");
    }
    let known: Vec<&str> = minimum.iter().map(|(g, _)| *g).collect();
    for g in groups.keys() {
        assert!(known.contains(&g.as_str()), "unknown group {g}");
    }
    for kind in TimexType::ALL {
        assert!(
            types.get(&kind).copied().unwrap_or(0) >= 20,
            "{kind}: {types:?}"
        );
    }
}

/// Every Hijri day the recogniser reads in the Hijri cases has the Umm al-Qura (or,
/// outside 1343-1500 AH, tabular) value the corpus expects; the tabular calendar
/// alone would be a day off on most of them.
#[test]
fn hijri_dates_convert_exactly() {
    let mut checked = 0;
    for case in corpus().iter().filter(|c| c.group() == "hij") {
        for m in find_timexes(&case.sentence, &Resolution::new(case.reference)) {
            let TimexValue::Date(p) = &m.timex.value else {
                continue;
            };
            if m.timex.calendar.is_none()
                || !matches!(
                    (p.year, p.detail),
                    (Year::Known(_), Detail::Day(Some(_), Some(_)))
                )
            {
                continue;
            }
            let expected = case
                .expected
                .iter()
                .find(|e| e.start < m.end && m.start < e.end)
                .unwrap_or_else(|| {
                    panic!("{}: a Hijri mention outside every expected span", case.id)
                });
            assert_eq!(m.timex.value, expected.timex.value, "{}", case.id);
            checked += 1;
        }
    }
    eprintln!("{checked} Hijri days read and checked");
    assert!(checked >= 25, "only {checked} Hijri days read");
}

#[test]
fn the_recogniser_scores() {
    let cases = corpus();
    let s = score(&cases, find_timexes_predictions);
    eprintln!("find_timexes on {} cases:\n{s}", cases.len());
    let expected: usize = cases.iter().map(|c| c.expected.len()).sum();
    assert_eq!(s.overall.strict.gold, expected);
    assert_eq!(
        s.per_type.values().map(|t| t.strict.gold).sum::<usize>(),
        expected
    );
    // What it reaches on this corpus, rounded down: a change that loses ground fails.
    let floors = [
        (TimexType::Date, 0.99, 0.99),
        (TimexType::Time, 0.98, 0.96),
        (TimexType::Duration, 0.99, 0.98),
        (TimexType::Set, 0.95, 0.95),
    ];
    for (kind, p, r) in floors {
        let t = s.per_type[&kind].strict;
        assert!(
            t.precision() >= p,
            "{kind} strict precision {:.3}",
            t.precision()
        );
        assert!(t.recall() >= r, "{kind} strict recall {:.3}", t.recall());
    }
    assert!(s.overall.overlap.precision() >= 0.99);
    assert!(s.overall.overlap.recall() >= 0.99);
    assert!(s.values_with_reference.accuracy() >= 0.99);
    assert!(s.values_all.accuracy() >= 0.99);
}

/// The held-out corpus: read and valid like the other, and scored against the
/// issue's targets (not against what the recogniser reached on it: it is measured,
/// never tuned on).
#[test]
fn the_held_out_corpus_meets_the_targets() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/temporal/cases_heldout.tsv");
    let cases = read_cases(path).unwrap_or_else(|e| panic!("{e}"));
    assert!(cases.len() >= 190, "{} cases", cases.len());
    for case in &cases {
        assert!(
            case.expected.iter().all(|e| e.timex.is_valid()),
            "{}",
            case.id
        );
    }
    let s = score(&cases, find_timexes_predictions);
    eprintln!("find_timexes on {} held-out cases:\n{s}", cases.len());
    let date = s.per_type[&TimexType::Date].overlap;
    assert!(date.recall() >= 0.90, "DATE recall {:.3}", date.recall());
    assert!(
        date.precision() >= 0.95,
        "DATE precision {:.3}",
        date.precision()
    );
    assert!(
        s.values_with_reference.accuracy() >= 0.85,
        "values with a reference {:.3}",
        s.values_with_reference.accuracy()
    );
}
