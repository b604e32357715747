//! Property tests over whole articles and entities: `parse_document` accounts for
//! every letter of its input (body, fields, tags, related or boilerplate); entity
//! spans slice the text, in order, without overlap; TF-IDF rows have unit norm or
//! are empty. The checks are the fuzz targets' (`fuzz_regressions/entries.rs`).

#[path = "fuzz_regressions/entries.rs"]
mod entries;

use proptest::prelude::*;

/// Lines that exercise every rule of the document parser: sentences, headlines,
/// date lines, bylines, share widgets, tag and «read more» blocks, e-mails, agency
/// trailers, menus, Latin, lists, glued paragraphs, and noise.
fn line() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "قال الوزير إن المشروع سيبدأ قريباً في العاصمة بعد موافقة الحكومة عليه.",
        "عنوان الخبر الرئيسي هنا",
        "الثلاثاء، 03-05-2016 الساعة 08:52",
        "نشر في الأول يوم 03 - 05 - 2016",
        "لندن - الخليج أونلاين",
        "هشام منوّر- الخليج أونلاين",
        "whatsapp",
        "Facebook",
        "كلمات دلالية ...",
        "سوريا  ,   تركيا  ,",
        "اقرأ أيضاً:",
        "أنقرة تنفي الاتفاق مع روسيا على تسليم قرى",
        "للتواصل: name@example.com",
        "الكاتب name@yahoo.comللتواصل مع الكاتب",
        " // انتهى //  17:18 ت م",
        "رابط الخبر بصحيفة الوئام: عنوان",
        "الرئيسية",
        "أخبار",
        "رياضة",
        "* بند أول من القائمة",
        "3. بند مرقم",
        "09:52",
        "الجملة الأولى انتهت هنا., الجملة الثانية بدأت., وثالثة.",
        "فقرة أولى طويلة      فقرة ثانية بعد فجوة واسعة.",
        "معارضون يسيطرون - CNNArabic.com",
        "Breaking news from the wire service today.",
        "\u{FEFF}\u{200F}سطر مع علامات\u{200E}",
        "ﷺ ﻻ ١٢٣ ٪",
    ])
    .prop_map(str::to_string);
    let random = prop::collection::vec(
        prop_oneof![
            4 => (0x0621u32..0x064B).prop_map(|c| char::from_u32(c).unwrap_or('ا')),
            2 => Just(' '),
            1 => prop::sample::select(vec!['.', '،', ':', '-', '|', '@', '؟', '«', '»', '\u{0651}', '\u{200F}', 'a', '7', '٣', '\0', '\t']),
            1 => any::<char>(),
        ],
        0..80,
    )
    .prop_map(|v| v.into_iter().collect::<String>());
    prop_oneof![3 => fixed, 2 => random]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            line(),
            prop::sample::select(vec!["\n", "\n\n", "\r\n", "\n \n"]),
        ),
        0..25,
    )
    .prop_map(|parts| parts.into_iter().map(|(l, sep)| l + sep).collect())
}

proptest! {
    // 300 cases keep `cargo test` (debug) to seconds; `make fuzz` searches far longer.
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn parse_document_loses_no_text(raw in article()) {
        entries::parse_document(raw.as_bytes());
    }

    #[test]
    fn entity_and_date_spans_slice_the_text(raw in article(), flag in any::<u8>()) {
        let mut data = vec![flag];
        data.extend(raw.as_bytes());
        entries::entities(&data);
        entries::dates(&data);
    }

    #[test]
    fn tfidf_rows_have_unit_norm_or_are_empty(docs in prop::collection::vec(article(), 1..12)) {
        let mut v = warraq::vectors::TfidfVectorizer::default();
        // A corpus without a single term is an error, as in scikit-learn.
        let Ok(x) = v.fit_transform(&docs) else { return Ok(()) };
        for i in 0..docs.len() {
            let (_, vals) = x.row(i);
            let norm: f64 = vals.iter().map(|v| v * v).sum::<f64>().sqrt();
            prop_assert!(vals.is_empty() || (norm - 1.0).abs() < 1e-9, "row {i}: norm {norm}");
        }
    }
}

#[test]
fn ten_megabyte_text_is_normalised_tokenised_and_parsed() {
    let unit = "قال الوزير إن المشروع 😀 بدأ في Paris يوم 3 مايو 2016.\u{0651}\u{200F}\n";
    let text = unit.repeat(10_000_000 / unit.len() + 1);
    assert!(text.len() >= 10_000_000);
    let mut data = vec![0xFF, 0x0F];
    data.extend(text.as_bytes());
    entries::normalize(&data);
    entries::tokenize(text.as_bytes());
    entries::parse_document(text.as_bytes());
}
