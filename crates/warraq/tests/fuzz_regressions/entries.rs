//! The fuzz targets' bodies, shared by `fuzz/fuzz_targets/*.rs` (libFuzzer) and
//! `tests/fuzz_regressions.rs` (which replays the committed crashing inputs), so a
//! regression input is replayed through exactly the code that found it.
//!
//! Each entry takes the fuzzer's raw bytes, derives options from a leading byte
//! where the function has any, and panics (through `assert!`) when a property
//! users rely on breaks: spans on char boundaries, ordered and inside the text,
//! normalisation idempotent and bounded, nothing read from bytes panicking.

#![allow(dead_code)]

use std::path::Path;
use warraq::corpus::{read_bytes, read_bytes_all, CorpusOptions, Format, OnError};
use warraq::normalize::{NormalizeOptions, Normalizer};

/// The largest expansion of one code point by the normaliser (U+FDFD → 22 code points).
pub const MAX_EXPANSION: usize = 22;

/// A fuzz target's body: the fuzzer's bytes in, a panic when a property breaks.
pub type Entry = fn(&[u8]);

/// Every target, by the name of its folder under `tests/fuzz_regressions/` and of
/// its `fuzz/fuzz_targets/<name>.rs`.
pub const TARGETS: [(&str, Entry); 11] = [
    ("normalize", normalize),
    ("warc", warc),
    ("tokenize", tokenize),
    ("sentences", sentences),
    ("parse_document", parse_document),
    ("dates", dates),
    ("entities", entities),
    ("corpus_bytes", corpus_bytes),
    ("vectorizer_load", vectorizer_load),
    ("model_load", model_load),
    ("html_page", html_page),
];

/// The first byte (if any) and the rest as text, when it is UTF-8.
fn split_text(data: &[u8]) -> Option<(u8, &str)> {
    let (&first, rest) = data.split_first()?;
    std::str::from_utf8(rest).ok().map(|t| (first, t))
}

/// Normalising with 12 option bits from the first two bytes is idempotent and grows
/// the text by at most [`MAX_EXPANSION`] code points per code point.
pub fn normalize(data: &[u8]) {
    if data.len() < 2 {
        return;
    }
    let bits = u16::from_le_bytes([data[0], data[1]]);
    let Ok(text) = std::str::from_utf8(&data[2..]) else {
        return;
    };
    let mut options = NormalizeOptions::none();
    for (i, name) in NormalizeOptions::NAMES.iter().enumerate() {
        options
            .set(name, bits & (1 << i) != 0)
            .expect("known option");
    }
    let n = Normalizer::new(options);
    let once = n.normalize(text);
    assert_eq!(n.normalize(&once), once, "not idempotent");
    assert!(once.chars().count() <= MAX_EXPANSION * text.chars().count());
    assert_eq!(
        n.tokenize_joined(text),
        warraq::tokenize::tokenize(&once).join(" ")
    );
}

/// Token spans are ordered, non-empty, on char boundaries; char offsets agree.
pub fn tokenize(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let toks = warraq::tokenize::tokens(text);
    let mut prev = 0;
    let mut chars = warraq::offsets::CharOffsets::new(text);
    for t in &toks {
        assert!(
            prev <= t.start && t.start < t.end && t.end <= text.len(),
            "{t:?}"
        );
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        let (a, b) = chars.char_span(t.start, t.end);
        assert_eq!(b - a, t.as_str(text).chars().count());
        prev = t.end;
    }
    let mut joined = String::new();
    warraq::tokenize::join_tokens_into(text, &mut joined);
    assert_eq!(joined, warraq::tokenize::tokenize(text).join(" "));
}

/// Sentence spans are ordered, non-blank, on char boundaries.
pub fn sentences(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut prev = 0;
    for (a, b) in warraq::tokenize::sentence_spans(text) {
        assert!(prev <= a && a < b && b <= text.len());
        assert!(!text[a..b].trim().is_empty());
        prev = b;
    }
    assert_eq!(
        warraq::tokenize::sentences(text).len(),
        warraq::tokenize::sentence_spans(text).len()
    );
}

/// Letters and digits of `s`, counted.
fn letter_counts(s: &str, counts: &mut std::collections::HashMap<char, i64>, sign: i64) {
    for c in s.chars().filter(|c| c.is_alphanumeric()) {
        *counts.entry(c).or_default() += sign;
    }
}

/// Every letter and digit of the input is somewhere in the document: in a field, the
/// body, the tags, related headlines or a boilerplate line (nothing is lost silently).
pub fn check_document_accounts_for(raw: &str, doc: &warraq::document::Document) {
    let mut counts = std::collections::HashMap::new();
    letter_counts(raw, &mut counts, 1);
    let fields = [
        &doc.title,
        &doc.subtitle,
        &doc.source,
        &doc.author,
        &doc.dateline,
        &doc.published_text,
    ];
    for f in fields.into_iter().flatten() {
        letter_counts(f, &mut counts, -1);
    }
    letter_counts(&doc.body, &mut counts, -1);
    for s in doc.tags.iter().chain(&doc.related) {
        letter_counts(s, &mut counts, -1);
    }
    for r in &doc.boilerplate {
        letter_counts(&r.line, &mut counts, -1);
    }
    let lost: Vec<(char, i64)> = counts.into_iter().filter(|(_, n)| *n > 0).collect();
    assert!(
        lost.is_empty(),
        "letters lost from {raw:?}: {lost:?}\n{doc:#?}"
    );
}

/// Parsing never panics, never loses text, and the body is its paragraphs.
pub fn parse_document(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = warraq::document::parse_document(text, Some("fuzz"));
    assert_eq!(doc.body, doc.paragraphs.join("\n\n"));
    assert!(doc.paragraphs.iter().all(|p| !p.trim().is_empty()));
    check_document_accounts_for(text, &doc);
}

/// Date mentions lie inside the text on char boundaries, in order, without overlap.
pub fn dates(data: &[u8]) {
    let Some((first, text)) = split_text(data) else {
        return;
    };
    let reference = chrono::NaiveDate::from_ymd_opt(
        1990 + i32::from(first % 60),
        1 + u32::from(first % 12),
        1 + u32::from(first % 28),
    );
    let mut prev = 0;
    for m in warraq::dates::find_dates(text, reference) {
        assert!(
            prev <= m.start && m.start < m.end && m.end <= text.len(),
            "{m:?}"
        );
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        let _ = m.value.iso();
        prev = m.end;
    }
    if let Some(m) = warraq::dates::parse_date_line(text) {
        assert!(text.get(m.start..m.end).is_some());
    }
}

/// Entity spans slice the text (bytes, then code points), ordered, non-overlapping.
pub fn entities(data: &[u8]) {
    let Some((first, text)) = split_text(data) else {
        return;
    };
    let published = (first & 1 == 1)
        .then(|| chrono::NaiveDate::from_ymd_opt(2016, 5, 3))
        .flatten();
    let mut ents = warraq::entities::extract_entities(text, published);
    let mut prev = 0;
    for e in &ents {
        assert!(
            prev <= e.start && e.start < e.end && e.end <= text.len(),
            "{e:?}"
        );
        assert_eq!(text.get(e.start..e.end), Some(e.text.as_str()));
        assert!((0.0..=1.0).contains(&e.score), "{e:?}");
        prev = e.end;
    }
    warraq::entities::Entity::to_char_offsets(text, &mut ents);
    let chars: Vec<char> = text.chars().collect();
    for e in &ents {
        assert!(e.end <= chars.len());
        assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
    }
}

/// Reading a file's bytes in each format and each encoding path returns documents
/// or an error, never a panic. The first byte picks the file name (bits 0-2: its
/// extension decides an auto-detected format), the encoding (bits 3-5: detected or
/// forced) and whether the format is detected, forced to the extension's, or forced
/// to plain text (bits 6-7).
pub fn corpus_bytes(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let names = [
        ("x.txt", Format::Txt),
        ("x.json", Format::Json),
        ("x.jsonl", Format::Jsonl),
        ("x.csv", Format::Csv),
        ("x.tsv", Format::Csv),
        ("x.sgml", Format::Sgml),
    ];
    let encodings = [
        None,
        Some("utf-8"),
        Some("utf-16"),
        Some("utf-16be"),
        Some("windows-1256"),
    ];
    let (name, format) = names[usize::from(first & 7) % names.len()];
    let options = CorpusOptions {
        format: match first >> 6 {
            2 => format,
            3 => Format::Txt,
            _ => Format::Auto,
        },
        encoding: encodings[usize::from(first >> 3 & 7) % encodings.len()].map(str::to_string),
        ..CorpusOptions::default()
    };
    if let Ok(docs) = read_bytes(Path::new(name), bytes, &options) {
        for d in docs {
            assert_eq!(d.body, d.paragraphs.join("\n\n"));
        }
    }
}

/// Reading any bytes as a WARC archive returns pages or an error naming a record,
/// never a panic; under `errors="skip"` it always returns (the bad records
/// listed), with one document per page counted. The first byte: bit 0 skip, bit 1
/// the `languages=["ar"]` filter, bit 2 the rest gzipped as one member first (so
/// the fuzzer reaches inside the framing of `.warc.gz` too).
pub fn warc(data: &[u8]) {
    use std::io::Write;
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let options = CorpusOptions {
        errors: if first & 1 == 1 {
            OnError::Skip
        } else {
            OnError::Raise
        },
        languages: (first & 2 == 2).then(|| vec!["ar".to_string()]),
        ..CorpusOptions::default()
    };
    let gzipped;
    let input = if first & 4 == 4 {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).expect("in memory");
        gzipped = e.finish().expect("in memory");
        &gzipped[..]
    } else {
        bytes
    };
    match read_bytes_all(Path::new("x.warc.gz"), input, &options) {
        Ok(read) => {
            let counts = read.archive.expect("an archive has counts");
            assert_eq!(counts.pages, read.documents.len());
            assert!(counts.pages + counts.bad_records <= counts.records);
            for d in read.documents {
                assert_eq!(d.body, d.paragraphs.join("\n\n"));
            }
        }
        Err(e) => {
            assert!(options.errors == OnError::Raise, "skip returned {e}");
            assert!(e.to_string().starts_with("x.warc.gz: WARC record "), "{e}");
        }
    }
}

/// Loading a saved vectorizer from any string returns a vectorizer that works, or
/// an error naming the file.
pub fn vectorizer_load(data: &[u8]) {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    match warraq::vectors::TfidfVectorizer::from_json(json, "fuzz.json") {
        Ok(v) => {
            if let Ok(x) = v.transform(&["ارتفعت أسعار النفط والذهب", "", "oil 3.5%"])
            {
                let _ = v.keywords(&x, 3);
            }
            let again = v.to_json().expect("a loaded vectorizer saves");
            warraq::vectors::TfidfVectorizer::from_json(&again, "again.json").expect("round trip");
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.json"), "{e}"),
    }
}

/// Loading an entity model from any bytes returns a model that tags, or an error.
pub fn model_load(data: &[u8]) {
    if let Ok(ner) = warraq::entities::EntityRecognizer::from_bytes(data) {
        let _ = ner.extract("قال الرئيس السوري بشار الأسد في دمشق يوم 3 مايو 2016", None);
    }
}

/// Reading bytes as a web page returns a page or an error, never a panic, and the
/// page's body is its paragraphs joined by blank lines. The first byte picks the
/// HTTP charset (bits 0-1: none, UTF-8, windows-1256, an unknown label) and
/// whether a URL is known (bit 2). The bytes, when UTF-8, are also read as a
/// record's text field that may hold HTML.
pub fn html_page(data: &[u8]) {
    use warraq::web::{parse_page, record_text, PageHints};
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let content_types = [
        None,
        Some("text/html; charset=utf-8"),
        Some("text/html; charset=windows-1256"),
        Some("text/html; charset=x-klingon"),
    ];
    let hints = PageHints {
        content_type: content_types[usize::from(first & 3)],
        url: (first & 4 != 0).then_some("https://example.com/2020/8/24/a"),
        path: None,
    };
    if let Ok(page) = parse_page(bytes, &hints) {
        let doc = page.document;
        assert_eq!(doc.body, doc.paragraphs.join("\n\n"));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = record_text(text);
    }
}
