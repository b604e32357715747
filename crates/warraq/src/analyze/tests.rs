//! Tests of the analyzer: stopwords, n-grams, the fused path against the general one, stemmers.
use super::*;

#[test]
fn drops_stopwords_with_clitics() {
    let a = Analyzer::new(AnalyzerOptions {
        stem: Stem::None,
        ..Default::default()
    });
    assert_eq!(
        a.analyze("والتي وفي فقد ذهب إلى المدرسة"),
        ["ذهب", "المدرسه"]
    );
}

#[test]
fn stopwords_follow_the_normaliser() {
    let a = Analyzer::new(AnalyzerOptions {
        normalize: None,
        stem: Stem::None,
        ..Default::default()
    });
    assert_eq!(a.analyze("إلى الى المدرسة"), ["المدرسة"]);
}

#[test]
fn word_ngrams_like_sklearn() {
    let a = Analyzer::new(AnalyzerOptions {
        kind: AnalyzerKind::Whitespace,
        ngram_range: (2, 3),
        ..Default::default()
    });
    assert_eq!(a.analyze("a b c"), ["a b", "b c", "a b c"]);
    assert!(a.analyze("a").is_empty());
}

#[test]
fn char_wb_short_words_once() {
    let mut out = Vec::new();
    char_wb_ngrams("ab", (2, 5), &mut out);
    // sklearn: ' a', 'ab', 'b ', ' ab', 'ab ', ' ab ' then breaks at n=5 (offset 0)
    assert_eq!(out, [" a", "ab", "b ", " ab", "ab ", " ab "]);
}

/// The terms of the general path alone (normalise the whole text, tokenise).
fn general_terms(a: &Analyzer, text: &str) -> Vec<String> {
    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    let Scratch {
        text: normalized,
        lower,
        tokens,
        ..
    } = &mut scratch;
    a.unigrams_general(text, normalized, tokens, lower, &mut |t| {
        out.push(t.to_owned())
    });
    out
}

fn analyzers() -> Vec<Analyzer> {
    let mut camel = AnalyzerOptions {
        normalize: Some(NormalizeOptions::camel_tools()),
        ..Default::default()
    };
    let mut out = vec![Analyzer::default(), Analyzer::new(camel.clone())];
    camel.normalize = Some(NormalizeOptions {
        diacritics: false,
        whitespace: false,
        ..NormalizeOptions::default()
    });
    camel.stem = Stem::Snowball;
    out.push(Analyzer::new(camel.clone()));
    camel.stem = Stem::None;
    out.push(Analyzer::new(camel.clone()));
    camel.normalize = Some(NormalizeOptions::none());
    camel.stopwords = Stopwords::None;
    out.push(Analyzer::new(camel));
    out
}

#[test]
fn fused_path_equals_general_path() {
    let texts = [
        "وقال الوزيرُ إنّ المدارسَ ستفتح في بيروت، «اليوم».",
        "ارتفع بنسبة ٪11 إلى 36,7 مليار درهم (2016م) #السعودية @واس www.spa.gov.sa",
        "ﻻ ﷲ ﷺ الـــرياض\u{00A0}– \u{200F}جدة\r\nو\u{0653}ا و\u{0654} ى\u{0654} ا\u{0651}\u{064E}",
        "CNN الـCNN newsالتلفزيونية ه\u{200D} ی ک ۔ ٫ ٬ ؛ ؟ ٣٫٥ ٢٠١٦ é É",
        "\u{064E}\u{0651}كتب  \n\n  ـ ،،، \t و\u{0651}\u{064E}ا",
    ];
    for a in analyzers() {
        for t in texts {
            assert_eq!(
                a.analyze(t),
                general_terms(&a, t),
                "{t:?} {:?}",
                a.options()
            );
        }
    }
}

proptest::proptest! {
    #[test]
    fn fused_path_equals_general_path_on_random_text(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "ا", "ب", "ة", "ى", "أ", "إ", "آ", "ؤ", "ئ", "ء", "ه", "و", "ي", "ل", "ک", "ی",
            "\u{064B}", "\u{064E}", "\u{0651}", "\u{0652}", "\u{0653}", "\u{0654}",
            "\u{0670}", "\u{0640}", "\u{06D6}", "\u{08F0}", "\u{200D}", "\u{200C}",
            "\u{200F}", "\u{00AD}", "\u{00A0}", "\u{FEFB}", "\u{FDF2}", "ﷺ", "٣", "٪",
            "،", "؟", "٫", "5", "%", "#", "@", "_", ".", ",", "«", "»", "a", "B", "é",
            " ", " ", " ", "\n", "\r", "\t", "-", "(", "في", "والتي", "المدرسة",
        ]), 0..40)
    ) {
        let text: String = pieces.concat();
        for a in analyzers() {
            proptest::prop_assert_eq!(a.analyze(&text), general_terms(&a, &text));
        }
    }
}

#[test]
fn snowball_and_numbers() {
    let a = Analyzer::new(AnalyzerOptions {
        stem: Stem::Snowball,
        ..Default::default()
    });
    let terms = a.analyze("الكتاب 2016 #السعودية");
    assert_eq!(terms[1], "2016");
    assert_eq!(terms.len(), 3);
}
