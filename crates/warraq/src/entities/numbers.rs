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

fn word_value(w: &str) -> Option<Piece> {
    let small: &[(&str, f64)] = &[
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
    let scale: &[(&str, f64)] = &[
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
    if let Some((_, v)) = small.iter().find(|(k, _)| *k == w) {
        return Some(Piece::Small(*v));
    }
    if let Some((_, v)) = scale.iter().find(|(k, _)| *k == w) {
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

/// Finds NUMBER, PERCENT and MONEY mentions in `text` (byte offsets).
pub(crate) fn find_numbers(text: &str) -> Vec<Entity> {
    let pieces: Vec<(usize, usize, Piece, String)> = piece_regex()
        .find_iter(text)
        .map(|m| {
            let s = m.as_str();
            let f = fold(s);
            let piece = if s.starts_with(|c: char| {
                c.is_ascii_digit() || chars::ARABIC_INDIC_DIGITS.contains(&c)
            }) {
                digit_value(s).map_or(Piece::Other, Piece::Digits)
            } else if s == "%" || s == "٪" {
                Piece::PercentSign
            } else {
                word_value(&f)
                    .or_else(|| f.strip_prefix('و').and_then(word_value))
                    .unwrap_or(Piece::Other)
            };
            (m.start(), m.end(), piece, f)
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    // The first piece not taken by the previous mention: a currency sign it ended
    // with («7$») cannot also open the next one («$0»).
    let mut free = 0;
    while i < pieces.len() {
        let (start, _, first, _) = &pieces[i];
        let mut percent_before = false;
        let mut span_start = *start;
        // "٪11": the sign written before the digits
        if matches!(first, Piece::PercentSign)
            && i + 1 < pieces.len()
            && matches!(pieces[i + 1].2, Piece::Digits(_))
            && adjacent(text, pieces[i].1, pieces[i + 1].0)
        {
            percent_before = true;
            i += 1;
        } else if !matches!(first, Piece::Digits(_) | Piece::Small(_) | Piece::Scale(_)) {
            i += 1;
            continue;
        }
        if !percent_before {
            span_start = pieces[i].0;
        }
        // A bare scale word at the start ("ألف") counts as its value.
        let mut total = 0.0f64;
        let mut current = 0.0f64;
        let mut j = i;
        let mut end = pieces[i].1;
        let mut words_only = true;
        let mut count = 0;
        while j < pieces.len() && (j == i || adjacent(text, pieces[j - 1].1, pieces[j].0)) {
            match pieces[j].2 {
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
            end = pieces[j].1;
            count += 1;
            j += 1;
        }
        let value = total + current;
        let mut label = Label::Number;
        if percent_before {
            label = Label::Percent;
        } else if j < pieces.len() && adjacent(text, end, pieces[j].0) {
            let f = pieces[j].3.as_str();
            if pieces[j].2 == Piece::PercentSign {
                label = Label::Percent;
                end = pieces[j].1;
                j += 1;
            } else if (f == "في" || f == "بال")
                && j + 1 < pieces.len()
                && matches!(
                    pieces[j + 1].3.as_str(),
                    "المئه" | "المائه" | "مئه" | "مائه"
                )
                && adjacent(text, pieces[j].1, pieces[j + 1].0)
            {
                label = Label::Percent;
                end = pieces[j + 1].1;
                j += 2;
            } else if f == "بالمئه" || f == "بالمائه" {
                label = Label::Percent;
                end = pieces[j].1;
                j += 1;
            } else if pieces[j].2 == Piece::Currency {
                label = Label::Money;
                end = pieces[j].1;
                j += 1;
            }
        }
        // "$50": the sign before the digits
        if label == Label::Number
            && i > free
            && pieces[i - 1].2 == Piece::Currency
            && adjacent(text, pieces[i - 1].1, span_start)
            && pieces[i - 1].1 - pieces[i - 1].0 <= 3
            && !pieces[i - 1].3.chars().any(char::is_alphabetic)
        {
            label = Label::Money;
            span_start = pieces[i - 1].0;
        }
        // A lone «عشر»/«خمس»… is too ambiguous without digits or a unit after it.
        let lone_word = count == 1
            && words_only
            && label == Label::Number
            && matches!(pieces[i].2, Piece::Small(_))
            && !pieces[i].3.ends_with('ه');
        if !lone_word {
            let s = &text[span_start..end];
            out.push(Entity {
                text: s.to_string(),
                label,
                start: span_start,
                end,
                normalized: canonical_normalizer().normalize(s),
                value: Some(EntityValue::Number(value)),
                score: 1.0,
            });
        }
        i = j.max(i + 1);
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
