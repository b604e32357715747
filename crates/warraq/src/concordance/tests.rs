//! Tests of the concordance: variants, clitics, phrases, globs, regexes, stems,
//! context windows and offsets into the raw text.
use super::*;

fn keywords(patterns: &[&str], options: KwicOptions, text: &str) -> Vec<String> {
    Concordancer::new(patterns, options)
        .unwrap()
        .lines(text)
        .into_iter()
        .map(|l| l.keyword)
        .collect()
}

fn slice(text: &str, line: &KwicLine) -> String {
    text.chars()
        .skip(line.start)
        .take(line.end - line.start)
        .collect()
}

#[test]
fn clitic_forms_are_found_and_others_are_not() {
    let text = "بتدمر وتدمر لتدمر فتدمر تدمر تدمري مدمر";
    assert_eq!(
        keywords(&["تدمر"], KwicOptions::default(), text),
        ["بتدمر", "وتدمر", "لتدمر", "فتدمر", "تدمر"]
    );
    let no_clitics = KwicOptions {
        clitics: false,
        ..KwicOptions::default()
    };
    assert_eq!(keywords(&["تدمر"], no_clitics, text), ["تدمر"]);
}

#[test]
fn spelling_variants_match_and_the_original_is_shown() {
    let text = "أعلنت الوزارة، ثم اعلنت الوزاره، ثم أَعْلَنَتْ الوزارـــة، وإعلان";
    let lines = Concordancer::new(&["اعلنت الوزارة"], KwicOptions::default())
        .unwrap()
        .lines(text);
    let shown: Vec<&str> = lines.iter().map(|l| l.keyword.as_str()).collect();
    assert_eq!(
        shown,
        ["أعلنت الوزارة", "اعلنت الوزاره", "أَعْلَنَتْ الوزارـــة"]
    );
    for l in &lines {
        assert_eq!(slice(text, l), l.keyword);
    }
    // ى/ي and Persian yeh
    assert_eq!(
        keywords(&["الى"], KwicOptions::default(), "إلي إلى الی"),
        ["إلي", "إلى", "الی"]
    );
}

#[test]
fn exact_matching_keeps_spelling() {
    let exact = KwicOptions {
        matching: Matching::Exact,
        ..KwicOptions::default()
    };
    assert_eq!(
        keywords(&["أعلنت"], exact, "أعلنت اعلنت وأعلنت"),
        ["أعلنت", "وأعلنت"]
    );
}

#[test]
fn article_and_contracted_article() {
    let text = "في الحسكة وبالحسكة وللحسكة وحسكة";
    assert_eq!(
        keywords(&["الحسكة"], KwicOptions::default(), text),
        ["الحسكة", "وبالحسكة", "وللحسكة"]
    );
    assert_eq!(
        keywords(&["حسكة"], KwicOptions::default(), text),
        ["الحسكة", "وبالحسكة", "وللحسكة", "وحسكة"]
    );
}

#[test]
fn globs_phrases_and_fixed() {
    let text = "التدمري وتدمرية تدمر* مجلس الأمن والأمن";
    assert_eq!(
        keywords(&["تدمر*"], KwicOptions::default(), text),
        // behind the article and the conjunction too; «*» in the text is no part of a word
        ["التدمري", "وتدمرية", "تدمر"]
    );
    let fixed = KwicOptions {
        valuetype: ValueType::Fixed,
        ..KwicOptions::default()
    };
    assert!(keywords(&["تدمر*"], fixed, text).is_empty());
    assert_eq!(keywords(&["تدمر"], fixed, text), ["تدمر"]);
    assert_eq!(
        keywords(&["مجلس الامن"], KwicOptions::default(), text),
        ["مجلس الأمن"]
    );
    assert_eq!(
        keywords(&["*لتدمري"], KwicOptions::default(), text),
        ["التدمري"]
    );
}

#[test]
fn regex_over_folded_text() {
    let regex = KwicOptions {
        valuetype: ValueType::Regex,
        ..KwicOptions::default()
    };
    let text = "عام ٢٠١٥ وعام 2016، ثم أعوام";
    let lines = Concordancer::new(&[r"عام \d{4}"], regex)
        .unwrap()
        .lines(text);
    let shown: Vec<&str> = lines.iter().map(|l| l.keyword.as_str()).collect();
    assert_eq!(shown, ["عام ٢٠١٥", "عام 2016"]);
    assert_eq!(lines[0].right, "وعام 2016، ثم أعوام");
    let err = Concordancer::new(&["[أ"], regex).unwrap_err().to_string();
    assert!(err.contains("\"[أ\""), "{err}");
}

#[test]
fn stems() {
    let stem = KwicOptions {
        matching: Matching::Stem,
        ..KwicOptions::default()
    };
    let found = keywords(&["السياسات"], stem, "سياسة والسياسات وسياسي المسافة");
    assert!(found.contains(&"والسياسات".to_string()), "{found:?}");
    assert!(!found.contains(&"المسافة".to_string()), "{found:?}");
}

#[test]
fn word_and_char_windows() {
    let text = "واحد اثنان، ثلاثة\n\nأربعة تدمر خمسة ستة  سبعة";
    let two = KwicOptions {
        window: 2,
        ..KwicOptions::default()
    };
    let l = &Concordancer::new(&["تدمر"], two).unwrap().lines(text)[0];
    assert_eq!(
        (l.left.as_str(), l.right.as_str()),
        ("ثلاثة أربعة", "خمسة ستة")
    );
    let wide = KwicOptions {
        window: 50,
        ..KwicOptions::default()
    };
    let l = &Concordancer::new(&["تدمر"], wide).unwrap().lines(text)[0];
    assert_eq!(l.left, "واحد اثنان، ثلاثة أربعة");
    assert_eq!(l.right, "خمسة ستة سبعة");
    let chars = KwicOptions {
        window: 4,
        unit: ContextUnit::Char,
        ..KwicOptions::default()
    };
    let l = &Concordancer::new(&["تدمر"], chars).unwrap().lines(text)[0];
    assert_eq!((l.left.as_str(), l.right.as_str()), ("بعة", "خمس"));
    let none = KwicOptions {
        window: 0,
        ..KwicOptions::default()
    };
    let l = &Concordancer::new(&["تدمر"], none).unwrap().lines(text)[0];
    assert_eq!((l.left.as_str(), l.right.as_str()), ("", ""));
}

#[test]
fn several_patterns_in_text_order_and_bad_patterns() {
    let c = Concordancer::new(&["حلب", "دمشق"], KwicOptions::default()).unwrap();
    let lines = c.lines("من دمشق إلى حلب ثم دمشق");
    let order: Vec<(usize, usize)> = lines.iter().map(|l| (l.start, l.pattern)).collect();
    assert_eq!(order, [(3, 1), (12, 0), (19, 1)]);
    assert!(Concordancer::new(&["  "], KwicOptions::default()).is_err());
    assert!(Concordancer::new(&["\u{064E}"], KwicOptions::default()).is_err());
}

#[test]
fn offsets_are_code_points_of_the_raw_text() {
    let text = "😀 «بِتَدْمُرَ» 😀 Palmyra CNN cnn";
    let lines = Concordancer::new(&["تدمر", "cnn"], KwicOptions::default())
        .unwrap()
        .lines(text);
    assert_eq!(lines.len(), 3);
    for l in &lines {
        assert_eq!(slice(text, l), l.keyword);
    }
    assert_eq!(lines[0].keyword, "بِتَدْمُرَ");
    let cased = KwicOptions {
        case_insensitive: false,
        ..KwicOptions::default()
    };
    assert_eq!(keywords(&["cnn"], cased, text), ["cnn"]);
}

#[test]
fn the_index_finds_what_every_pattern_finds_alone() {
    let patterns = [
        "تدمر",
        "اقتصاد*",
        "*ية",
        "البنك المركزي",
        "قتل* مدني*",
        "الحسكة",
        "س?ريا",
    ];
    let text = "قال البنك المركزي إن الاقتصاد وللاقتصاديين في سوريا وبتدمر والحسكة وللحسكة \
                قتلى مدنيين والتدمرية سيريا الاقتصادية";
    for clitics in [true, false] {
        let options = KwicOptions {
            clitics,
            ..KwicOptions::default()
        };
        let all = Concordancer::new(&patterns, options).unwrap();
        let mut together: Vec<(usize, usize, usize)> = all
            .lines(text)
            .iter()
            .map(|l| (l.start, l.end, l.pattern))
            .collect();
        let mut alone: Vec<(usize, usize, usize)> = Vec::new();
        for (at, p) in patterns.iter().enumerate() {
            let folded = fold_aligned(text, &options.fold());
            let words = words_of(&folded);
            let mut offsets = CharOffsets::new(text);
            all.patterns[at].find(&folded, &words, &options, &mut |raw, _| {
                let (s, e) = offsets.char_span(raw.start, raw.end);
                alone.push((s, e, at));
            });
            let _ = p;
        }
        together.sort_unstable();
        alone.sort_unstable();
        assert!(
            together.len() >= if clitics { 10 } else { 5 },
            "{together:?}"
        );
        assert_eq!(together, alone);
        let (matches, _) = all.matches(text);
        assert_eq!(matches.len(), together.len());
    }
}
