//! Property tests: normalisation is idempotent and bounded; token and sentence spans
//! slice the input on char boundaries, in order, without overlap, never blank; an
//! aligned fold maps folded spans to raw spans that fold back to them, monotonically.

use proptest::prelude::*;
use warraq::normalize::{NormalizeOptions, Normalizer};
use warraq::text::{fold, fold_aligned, fold_text, FoldOptions, Folded, Whitespace};
use warraq::tokenize::{sentence_spans, tokens};

/// Code points that stress the rules: Arabic letters and marks, Quranic marks,
/// presentation forms and ligatures, bidi and zero-width controls, NUL, odd spaces,
/// emoji with modifiers and joiners, Latin, digits and separators.
fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => (0x0600u32..0x0700).prop_map(|c| char::from_u32(c).unwrap_or('ا')),
        2 => prop::sample::select(vec![
            '\u{064B}', '\u{0651}', '\u{0653}', '\u{0654}', '\u{0670}', '\u{06D6}', '\u{08F0}',
            '\u{0301}', '\u{0308}', '\u{20E3}', '\u{FE0F}', '\u{0640}',
        ]),
        1 => prop::sample::select(vec!['ﻻ', 'ﷲ', 'ﷺ', '﷽', '﷼', 'ﻷ', 'ﭐ', 'ﺏ']),
        2 => prop::sample::select(vec![
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}',
            '\u{2066}', '\u{2069}', '\u{FEFF}', '\u{0000}', '\u{001A}', '\u{0085}', '\u{00AD}',
        ]),
        2 => prop::sample::select(vec![
            ' ', '\t', '\n', '\r', '\u{000B}', '\u{000C}', '\u{00A0}', '\u{2028}', '\u{2029}',
            '\u{3000}', '\u{001C}',
        ]),
        1 => prop::sample::select(vec!['😀', '👍', '\u{1F3FD}', '🇸', '🇦', '❤', '#', '@', '%', '٪']),
        2 => prop::sample::select(vec!['a', 'Z', 'é', 'ж', '1', '٣', '۴', '.', ',', '٫', '٬', ':', '/', '«', '»', '؟']),
        1 => any::<char>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(interesting_char(), 0..60).prop_map(|v| v.into_iter().collect())
}

fn options() -> impl Strategy<Value = NormalizeOptions> {
    prop::array::uniform12(any::<bool>()).prop_map(|v| {
        let mut o = NormalizeOptions::none();
        for (name, on) in NormalizeOptions::NAMES.iter().zip(v) {
            o.set(name, on).expect("known option");
        }
        o
    })
}

fn fold_options() -> impl Strategy<Value = FoldOptions> {
    let whitespace = prop::sample::select(vec![
        Whitespace::Keep,
        Whitespace::NoBreakSpace,
        Whitespace::Collapse,
    ]);
    let any_options =
        (prop::array::uniform11(any::<bool>()), whitespace).prop_map(|(v, whitespace)| {
            FoldOptions {
                alef: v[0],
                alef_maqsura: v[1],
                teh_marbuta: v[2],
                diacritics: v[3],
                tatweel: v[4],
                zero_width: v[5],
                bom: v[6],
                arabic_letter_mark: v[7],
                persian: v[8],
                digits: v[9],
                lowercase: v[10],
                whitespace,
            }
        });
    prop_oneof![
        1 => Just(FoldOptions::LINE),
        1 => Just(FoldOptions::DATES),
        2 => any_options,
    ]
}

/// The folded byte offsets where what one raw character became starts or ends.
fn unit_boundaries(f: &Folded<'_>) -> Vec<usize> {
    let a = f.alignments();
    (0..=a.len())
        .filter(|&i| i == 0 || i == a.len() || a[i - 1] != a[i])
        .collect()
}

/// U+FDFD becomes the 22 code points of «بسم الله الرحمن الرحيم»; nothing expands more.
const MAX_EXPANSION: usize = 22;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalize_is_idempotent_and_bounded(text in text(), options in options()) {
        let n = Normalizer::new(options);
        let once = n.normalize(&text);
        prop_assert_eq!(n.normalize(&once), once.clone());
        prop_assert!(once.chars().count() <= MAX_EXPANSION * text.chars().count());
    }

    #[test]
    fn unicode_option_is_exactly_nfkc(text in text()) {
        // The normaliser only NFKC-normalises the segments that need it; the result
        // must equal NFKC of the whole text (after camel's two ligature mappings).
        use unicode_normalization::UnicodeNormalization;
        let n = Normalizer::new(NormalizeOptions { unicode: true, ..NormalizeOptions::none() });
        let whole: String = text
            .replace('\u{FDFC}', "ريال")
            .replace('\u{FDFD}', "بسم الله الرحمن الرحيم")
            .nfkc()
            .collect();
        prop_assert_eq!(n.normalize(&text), whole);
    }

    #[test]
    fn spans_slice_the_text(text in text()) {
        let mut prev = 0;
        for t in tokens(&text) {
            prop_assert!(prev <= t.start && t.start < t.end && t.end <= text.len());
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            prop_assert!(!t.as_str(&text).trim().is_empty(), "blank token {:?}", t);
            prev = t.end;
        }
        let mut prev = 0;
        for (a, b) in sentence_spans(&text) {
            prop_assert!(prev <= a && a < b && b <= text.len());
            prop_assert!(!text[a..b].trim().is_empty());
            prev = b;
        }
    }

    #[test]
    fn joined_tokens_are_the_tokens_joined(text in text(), options in options()) {
        let mut joined = String::new();
        warraq::tokenize::join_tokens_into(&text, &mut joined);
        prop_assert_eq!(&joined, &warraq::tokenize::tokenize(&text).join(" "));
        let n = Normalizer::new(options);
        let normalized = n.normalize(&text);
        prop_assert_eq!(n.tokenize_joined(&text), warraq::tokenize::tokenize(&normalized).join(" "));
    }

    #[test]
    fn batch_equals_one_by_one(texts in prop::collection::vec(text(), 0..8)) {
        let n = Normalizer::default();
        let one: Vec<String> = texts.iter().map(|t| n.normalize(t)).collect();
        prop_assert_eq!(n.normalize_batch(&texts), one);
        let toks: Vec<_> = texts.iter().map(|t| tokens(t)).collect();
        prop_assert_eq!(warraq::tokenize::tokens_batch(&texts), toks);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn aligned_fold_tiles_the_raw_text_monotonically(text in text(), options in fold_options()) {
        let f = fold_aligned(&text, &options);
        let a = f.alignments();
        prop_assert_eq!(a.len(), f.len());
        for (i, &(start, end)) in a.iter().enumerate() {
            prop_assert!(start < end && end <= text.len());
            prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            if i > 0 {
                let (prev_start, prev_end) = a[i - 1];
                prop_assert!(prev_start <= start && prev_end <= end);
                // Different raw characters' ranges follow each other without gap or
                // overlap: what lies between two written characters was removed
                // with the first or collapsed into a space.
                prop_assert!((prev_start, prev_end) == (start, end) || prev_end == start);
            }
        }
        // Before the first and after the last folded byte, the raw text folds to nothing.
        if let (Some(&(first, _)), Some(&(_, last))) = (a.first(), a.last()) {
            prop_assert!(fold_aligned(&text[..first], &options).is_empty());
            prop_assert!(fold_aligned(&text[last..], &options).is_empty());
        } else {
            prop_assert!(f.is_empty());
        }
    }

    #[test]
    fn folded_spans_fold_back(text in text(), options in fold_options()) {
        let f = fold_aligned(&text, &options);
        let bounds = unit_boundaries(&f);
        for (k, &s) in bounds.iter().enumerate() {
            for &e in &bounds[k + 1..] {
                let folded = &f.text()[s..e];
                // A collapsed space stands for a run that folds to nothing on its own.
                if options.whitespace == Whitespace::Collapse
                    && (folded.starts_with(' ') || folded.ends_with(' '))
                {
                    continue;
                }
                let raw = f.raw_span(s..e).expect("a span on boundaries");
                let again = fold_aligned(&text[raw.clone()], &options);
                prop_assert_eq!(again.text(), folded);
                let chars = f.raw_char_span(s..e).expect("a span on boundaries");
                prop_assert_eq!(
                    chars,
                    text[..raw.start].chars().count()..text[..raw.end].chars().count()
                );
            }
        }
    }

    #[test]
    fn raw_text_round_trips_where_nothing_folds(text in text(), options in fold_options()) {
        // The words of `text` made of characters that the fold keeps as they are,
        // joined by single spaces.
        let kept = |c: char| {
            let one = c.to_string();
            !c.is_whitespace() && fold_aligned(&one, &options).text() == one
        };
        let words: Vec<String> = text
            .split(char::is_whitespace)
            .map(|w| w.chars().filter(|&c| kept(c)).collect::<String>())
            .filter(|w| !w.is_empty())
            .collect();
        let raw = words.join(" ");
        let f = fold_aligned(&raw, &options);
        prop_assert_eq!(f.text(), raw.as_str());
        for (start, c) in raw.char_indices() {
            for i in start..start + c.len_utf8() {
                prop_assert_eq!(f.alignments()[i], (start, start + c.len_utf8()));
            }
        }
    }

    #[test]
    fn fold_without_alignment_is_the_aligned_text(text in text(), options in fold_options()) {
        let aligned = fold_aligned(&text, &options);
        prop_assert_eq!(fold_text(&text, &options), aligned.text());
    }

    #[test]
    fn fast_fold_is_the_line_preset(text in text()) {
        let aligned = fold_aligned(&text, &FoldOptions::LINE);
        prop_assert_eq!(fold(&text), aligned.text());
    }
}

#[test]
fn max_expansion_is_reached_by_the_basmala_ligature() {
    let n = Normalizer::default();
    assert_eq!(n.normalize("\u{FDFD}").chars().count(), MAX_EXPANSION);
    let longest = (0..=0x10FFFFu32)
        .filter_map(char::from_u32)
        .map(|c| n.normalize(c.encode_utf8(&mut [0; 4])).chars().count())
        .max();
    assert_eq!(longest, Some(MAX_EXPANSION));
}
