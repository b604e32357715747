//! NUMBER, PERCENT and MONEY by rules: digits (Arabic-Indic too, with `,` `.` `٫`
//! `ر` decimals and `,` `٬` thousands), number words (ستة، خمسة وعشرين، ألفين),
//! scale words (آلاف، مليون، مليار), percent signs and «في المئة», currencies.

use super::canonical::canonical_normalizer;
use super::fold::fold;
use super::{Entity, EntityValue, Label};
use crate::text::chars;
use regex::Regex;
use std::sync::OnceLock;

/// A piece of text the number grammar looks at.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    /// Digits, with their value.
    Digits(f64),
    /// A number word below a thousand (units, tens, hundreds).
    Small(f64),
    /// A scale word (ألف، مليون…), with its multiplier.
    Scale(f64),
    /// A currency word or sign.
    Currency,
    /// `%` or `٪`.
    PercentSign,
    /// «في» or «بال» opening «في المئة» / «بالمئة».
    Other,
}

/// Number words below a thousand (folded), with their values.
const SMALL: &[(&str, f64)] = &[
    ("واحد", 1.0),
    ("واحده", 1.0),
    ("اثنان", 2.0),
    ("اثنين", 2.0),
    ("اثنتان", 2.0),
    ("اثنتين", 2.0),
    ("ثلاث", 3.0),
    ("ثلاثه", 3.0),
    ("اربع", 4.0),
    ("اربعه", 4.0),
    ("خمس", 5.0),
    ("خمسه", 5.0),
    ("سته", 6.0),
    ("سبع", 7.0),
    ("سبعه", 7.0),
    ("ثماني", 8.0),
    ("ثمان", 8.0),
    ("ثمانيه", 8.0),
    ("تسع", 9.0),
    ("تسعه", 9.0),
    ("عشر", 10.0),
    ("عشره", 10.0),
    ("عشرون", 20.0),
    ("عشرين", 20.0),
    ("ثلاثون", 30.0),
    ("ثلاثين", 30.0),
    ("اربعون", 40.0),
    ("اربعين", 40.0),
    ("خمسون", 50.0),
    ("خمسين", 50.0),
    ("ستون", 60.0),
    ("ستين", 60.0),
    ("سبعون", 70.0),
    ("سبعين", 70.0),
    ("ثمانون", 80.0),
    ("ثمانين", 80.0),
    ("تسعون", 90.0),
    ("تسعين", 90.0),
    ("مئه", 100.0),
    ("مائه", 100.0),
    ("مئتين", 200.0),
    ("مئتان", 200.0),
    ("مائتين", 200.0),
    ("مائتان", 200.0),
    ("ثلاثمئه", 300.0),
    ("ثلاثمائه", 300.0),
    ("اربعمئه", 400.0),
    ("اربعمائه", 400.0),
    ("خمسمئه", 500.0),
    ("خمسمائه", 500.0),
    ("ستمئه", 600.0),
    ("ستمائه", 600.0),
    ("سبعمئه", 700.0),
    ("سبعمائه", 700.0),
    ("ثمانمئه", 800.0),
    ("ثمانمائه", 800.0),
    ("تسعمئه", 900.0),
    ("تسعمائه", 900.0),
];

/// Scale words (folded), with their multipliers.
const SCALES: &[(&str, f64)] = &[
    ("الف", 1e3),
    ("الاف", 1e3),
    ("الفا", 1e3),
    ("الفين", 2e3),
    ("الفان", 2e3),
    ("مليون", 1e6),
    ("ملايين", 1e6),
    ("مليونا", 1e6),
    ("مليونين", 2e6),
    ("مليار", 1e9),
    ("مليارات", 1e9),
    ("ملايير", 1e9),
    ("بلايين", 1e9),
    ("مليارا", 1e9),
    ("مليارين", 2e9),
    ("بليون", 1e9),
    ("تريليون", 1e12),
];

/// Currency words (folded) and signs.
const CURRENCIES: &[&str] = &[
    "دولار",
    "دولارا",
    "دولارات",
    "درهم",
    "دراهم",
    "درهما",
    "ريال",
    "ريالا",
    "ريالات",
    "يورو",
    "جنيه",
    "جنيها",
    "جنيهات",
    "دينار",
    "دينارا",
    "دنانير",
    "ليره",
    "ليرات",
    "فرنك",
    "روبل",
    "يوان",
    "ين",
    "روبيه",
    "استرليني",
    "$",
    "€",
    "£",
];

/// What a folded word is to the number grammar: a number word, a scale word or a
/// currency.
fn word_value(w: &str) -> Option<Piece> {
    if let Some((_, v)) = SMALL.iter().find(|(k, _)| *k == w) {
        return Some(Piece::Small(*v));
    }
    if let Some((_, v)) = SCALES.iter().find(|(k, _)| *k == w) {
        return Some(Piece::Scale(*v));
    }
    if CURRENCIES.contains(&w) {
        return Some(Piece::Currency);
    }
    None
}

fn digit_value(s: &str) -> Option<f64> {
    let ascii: String = s
        .chars()
        .map(|c| chars::ascii_digit(c).unwrap_or(c))
        .collect();
    let seps: Vec<(usize, char)> = ascii
        .char_indices()
        .filter(|(_, c)| !c.is_ascii_digit())
        .collect();
    let digits_only = |x: &str| x.chars().filter(char::is_ascii_digit).collect::<String>();
    match seps.as_slice() {
        [] => ascii.parse().ok(),
        // "6,000" and "1,250,000" (groups of three after `,`/`٬`) are thousands;
        // Arabic news writes decimals with `,` otherwise ("36,7 مليار").
        all if all.iter().all(|(_, c)| *c == ',' || *c == '٬')
            && ascii.split([',', '٬']).skip(1).all(|g| g.len() == 3)
            && (all.len() > 1 || all[0].1 == '٬' || !ascii.starts_with('0')) =>
        {
            digits_only(&ascii).parse().ok()
        }
        [(i, c)] => {
            let (int, frac) = (&ascii[..*i], &ascii[*i + c.len_utf8()..]);
            format!("{int}.{frac}").parse().ok()
        }
        _ => None,
    }
}

fn piece_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        #[allow(clippy::unwrap_used)]
        Regex::new(r"[0-9٠-٩]+(?:[.,٫٬ر][0-9٠-٩]+)*|[\u0621-\u064A\u0671-\u06D3\u064B-\u065F\u0640]+|[%٪$€£]|\S")
            .unwrap()
    })
}

/// Whether only spaces separate two pieces.
fn adjacent(text: &str, end: usize, start: usize) -> bool {
    text[end..start].chars().all(char::is_whitespace)
}

/// One piece of the text and what the number grammar sees in it.
struct Token {
    start: usize,
    end: usize,
    piece: Piece,
    /// The piece folded ([`fold`]).
    folded: String,
}

/// The pieces of `text`: digit groups, Arabic words, percent and currency signs,
/// and any other non-space character.
fn tokens(text: &str) -> Vec<Token> {
    piece_regex()
        .find_iter(text)
        .map(|m| {
            let s = m.as_str();
            let folded = fold(s);
            let piece = if s.starts_with(|c: char| {
                c.is_ascii_digit() || chars::ARABIC_INDIC_DIGITS.contains(&c)
            }) {
                digit_value(s).map_or(Piece::Other, Piece::Digits)
            } else if s == "%" || s == "٪" {
                Piece::PercentSign
            } else {
                word_value(&folded)
                    .or_else(|| folded.strip_prefix('و').and_then(word_value))
                    .unwrap_or(Piece::Other)
            };
            Token {
                start: m.start(),
                end: m.end(),
                piece,
                folded,
            }
        })
        .collect()
}

/// A run of number pieces (digits, number words, scale words), each separated from
/// the one before by spaces only, and its value.
struct Run {
    value: f64,
    /// The first token after the run.
    next: usize,
    /// Byte offset after the run.
    end: usize,
    /// No digits in the run.
    words_only: bool,
    /// The number of tokens in the run.
    count: usize,
}

/// The run starting at token `i`: «خمسة وعشرين» (25), «6 آلاف» (6000), «36,7 مليار».
/// A bare scale word at the start («ألف») counts as its value; digits after a
/// value, or number words after digits, start another number.
fn read_run(text: &str, tokens: &[Token], i: usize) -> Run {
    let (mut total, mut current) = (0.0f64, 0.0f64);
    let mut j = i;
    let mut end = tokens[i].end;
    let mut words_only = true;
    let mut count = 0;
    while j < tokens.len() && (j == i || adjacent(text, tokens[j - 1].end, tokens[j].start)) {
        match tokens[j].piece {
            Piece::Digits(v) => {
                if count > 0 && current != 0.0 {
                    break;
                }
                current += v;
                words_only = false;
            }
            Piece::Small(v) => {
                if !words_only && count > 0 {
                    break;
                }
                current += v;
            }
            Piece::Scale(v) => {
                current = if current == 0.0 { v } else { current * v };
                total += current;
                current = 0.0;
            }
            _ => break,
        }
        end = tokens[j].end;
        count += 1;
        j += 1;
    }
    Run {
        value: total + current,
        next: j,
        end,
        words_only,
        count,
    }
}

/// A unit right after a number that ends at byte `end`, at token `j`: «%», «في
/// المئة», «بالمئة» (PERCENT) or a currency (MONEY). The label, the byte offset
/// after the unit and the token after it.
fn unit_after(text: &str, tokens: &[Token], j: usize, end: usize) -> Option<(Label, usize, usize)> {
    let unit = tokens.get(j).filter(|t| adjacent(text, end, t.start))?;
    let f = unit.folded.as_str();
    if unit.piece == Piece::PercentSign {
        Some((Label::Percent, unit.end, j + 1))
    } else if (f == "في" || f == "بال")
        && j + 1 < tokens.len()
        && matches!(
            tokens[j + 1].folded.as_str(),
            "المئه" | "المائه" | "مئه" | "مائه"
        )
        && adjacent(text, unit.end, tokens[j + 1].start)
    {
        Some((Label::Percent, tokens[j + 1].end, j + 2))
    } else if f == "بالمئه" || f == "بالمائه" {
        Some((Label::Percent, unit.end, j + 1))
    } else if unit.piece == Piece::Currency {
        Some((Label::Money, unit.end, j + 1))
    } else {
        None
    }
}

/// «$50»: the start of a currency sign just before the number at token `i` (whose
/// span starts at byte `start`), unless the mention before took it (tokens before
/// `free`).
fn currency_before(
    text: &str,
    tokens: &[Token],
    i: usize,
    free: usize,
    start: usize,
) -> Option<usize> {
    let sign = tokens.get(i.checked_sub(1)?).filter(|_| i > free)?;
    let is_sign = sign.piece == Piece::Currency
        && adjacent(text, sign.end, start)
        && sign.end - sign.start <= 3
        && !sign.folded.chars().any(char::is_alphabetic);
    is_sign.then_some(sign.start)
}

/// Finds NUMBER, PERCENT and MONEY mentions in `text` (byte offsets).
pub(crate) fn find_numbers(text: &str) -> Vec<Entity> {
    let tokens = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    // The first token not taken by the previous mention: a currency sign it ended
    // with («7$») cannot also open the next one («$0»).
    let mut free = 0;
    while i < tokens.len() {
        let mut span_start = tokens[i].start;
        // "٪11": the sign written before the digits
        let percent_before = tokens[i].piece == Piece::PercentSign
            && tokens
                .get(i + 1)
                .is_some_and(|t| matches!(t.piece, Piece::Digits(_)))
            && adjacent(text, tokens[i].end, tokens[i + 1].start);
        if percent_before {
            i += 1;
        } else if !matches!(
            tokens[i].piece,
            Piece::Digits(_) | Piece::Small(_) | Piece::Scale(_)
        ) {
            i += 1;
            continue;
        }
        let run = read_run(text, &tokens, i);
        let (mut label, mut end, mut next) = (Label::Number, run.end, run.next);
        if percent_before {
            label = Label::Percent;
        } else if let Some(unit) = unit_after(text, &tokens, next, end) {
            (label, end, next) = unit;
        }
        if label == Label::Number {
            if let Some(start) = currency_before(text, &tokens, i, free, span_start) {
                label = Label::Money;
                span_start = start;
            }
        }
        // A lone «عشر»/«خمس»… is too ambiguous without digits or a unit after it.
        let lone_word = run.count == 1
            && run.words_only
            && label == Label::Number
            && matches!(tokens[i].piece, Piece::Small(_))
            && !tokens[i].folded.ends_with('ه');
        if !lone_word {
            let s = &text[span_start..end];
            out.push(Entity {
                text: s.to_string(),
                label,
                start: span_start,
                end,
                normalized: canonical_normalizer().normalize(s),
                value: Some(EntityValue::Number(run.value)),
                score: 1.0,
            });
        }
        i = next.max(i + 1);
        free = i;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Label, f64)> {
        find_numbers(text)
            .into_iter()
            .map(|e| {
                let v = match e.value {
                    Some(EntityValue::Number(v)) => v,
                    _ => f64::NAN,
                };
                (e.text, e.label, v)
            })
            .collect()
    }

    #[test]
    fn digits_words_scales_and_units() {
        assert_eq!(found("قتل ستة أشخاص"), [("ستة".into(), Label::Number, 6.0)]);
        assert_eq!(
            found("نزح 6 آلاف شخص"),
            [("6 آلاف".into(), Label::Number, 6000.0)]
        );
        let m = found("بلغت 36,7 مليار درهم");
        assert_eq!(m[0].0, "36,7 مليار درهم");
        assert_eq!(m[0].1, Label::Money);
        assert!((m[0].2 - 36.7e9).abs() < 1.0);
        assert_eq!(found("بنسبة ٪11"), [("٪11".into(), Label::Percent, 11.0)]);
        assert_eq!(
            found("ارتفع 3.5% هذا"),
            [("3.5%".into(), Label::Percent, 3.5)]
        );
        assert_eq!(
            found("نما 4 في المئة"),
            [("4 في المئة".into(), Label::Percent, 4.0)]
        );
        assert_eq!(
            found("خمسة وعشرين جنديا"),
            [("خمسة وعشرين".into(), Label::Number, 25.0)]
        );
        assert_eq!(
            found("نحو ١٢٥ ألف دولار"),
            [("١٢٥ ألف دولار".into(), Label::Money, 125_000.0)]
        );
        let m = found("بلغ 6ر1 مليون");
        assert_eq!((m[0].0.as_str(), m[0].1), ("6ر1 مليون", Label::Number));
        assert!((m[0].2 - 6.1e6).abs() < 1.0);
        assert_eq!(
            found("كلف 1,250,000 ريال"),
            [("1,250,000 ريال".into(), Label::Money, 1_250_000.0)]
        );
    }

    #[test]
    fn a_currency_sign_belongs_to_one_mention() {
        // Found by proptest: «7$0» gave «7$» and «$0», overlapping on the sign.
        let ents = find_numbers("7$0 و5 $ 3");
        let spans: Vec<(usize, usize)> = ents.iter().map(|e| (e.start, e.end)).collect();
        assert_eq!(spans, [(0, 2), (2, 3), (6, 9), (10, 11)]);
        assert_eq!(find_numbers("$5")[0].label, Label::Money);
    }

    #[test]
    fn ambiguous_words_alone_are_not_numbers() {
        assert!(found("عشر سنوات").is_empty());
        assert!(found("قال المسؤول").is_empty());
    }
}
