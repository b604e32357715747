use super::*;
use crate::analyze::Analyzer;
use crate::Error;
use chrono::NaiveDate;
use std::path::PathBuf;

/// A fresh directory under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("warraq-search-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn doc(id: &str, title: &str, body: &str) -> SearchDoc {
    SearchDoc {
        id: id.into(),
        title: title.into(),
        body: body.into(),
        ..Default::default()
    }
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap()
}

fn fixture() -> Vec<SearchDoc> {
    let mut docs = vec![
        doc("clitic-b", "أخبار", "دخلت القوات بتدمر صباح اليوم"),
        doc("clitic-w", "أخبار", "عاد الهدوء إلى حمص وتدمر"),
        doc("clitic-l", "أخبار", "وصلت المساعدات لتدمر أخيرا"),
        doc("diacritics", "تقرير", "استعاد الجيش مدينةَ تدمُر"),
        doc("tatweel", "تقرير", "آثار تدمـــر القديمة"),
        doc("alef", "رياضة", "فاز أحمد بالبطولة"),
        doc("teh", "مدن", "زار الوفد المدينة الصناعية"),
        doc("yeh", "صحة", "افتتح المستشفى الجديد"),
        doc("phrase", "سياسة", "اجتمع مجلس الأمن لبحث الأزمة"),
        doc("apart", "سياسة", "قال مجلس الوزراء إن الأمن مستتب"),
        doc("oil", "اقتصاد", "ارتفعت أسعار النفط في الأسواق العالمية"),
        doc("gold", "اقتصاد", "ارتفعت أسعار الذهب في السوق المحلية"),
    ];
    for (i, d) in docs.iter_mut().enumerate() {
        d.source = Some(if i % 2 == 0 { "spa" } else { "okaz" }.into());
        d.published = Some(day(2015, 1 + i as u32, 1));
        d.tags = if i < 5 {
            vec!["سوريا".into()]
        } else {
            vec!["عام".into()]
        };
    }
    docs
}

fn index_of(name: &str, docs: &[SearchDoc]) -> (TempDir, SearchIndex) {
    let dir = TempDir::new(name);
    let index = SearchIndex::create(&dir.0, SearchOptions::default()).unwrap();
    index.add(docs).unwrap();
    (dir, index)
}

fn ids(index: &SearchIndex, query: &str, filter: &SearchFilter) -> Vec<String> {
    let mut ids: Vec<String> = index
        .search(query, 100, filter)
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

fn all(index: &SearchIndex, query: &str) -> Vec<String> {
    ids(index, query, &SearchFilter::default())
}

#[test]
fn clitic_forms_and_spelling_variants_are_found() {
    let (_dir, index) = index_of("clitics", &fixture());
    assert_eq!(
        all(&index, "تدمر"),
        ["clitic-b", "clitic-l", "clitic-w", "diacritics", "tatweel"]
    );
    assert_eq!(all(&index, "تدمُـر"), all(&index, "تدمر"));
    assert_eq!(all(&index, "احمد"), ["alef"]);
    assert_eq!(all(&index, "أحمد"), ["alef"]);
    assert_eq!(all(&index, "مدينه"), ["diacritics", "teh"]);
    assert_eq!(all(&index, "المستشفي"), ["yeh"]);
    assert!(all(&index, "سيارة").is_empty());
    // queries are not expanded: «بتدمر» is that word
    assert_eq!(all(&index, "بتدمر"), ["clitic-b"]);
}

#[test]
fn snippets_highlight_the_raw_spelling() {
    let (_dir, index) = index_of("snippets", &fixture());
    let hits = index.search("تدمر", 10, &SearchFilter::default()).unwrap();
    let by_id = |id: &str| hits.iter().find(|h| h.id == id).unwrap().snippet.clone();
    assert_eq!(
        by_id("clitic-b").highlighted_with("[", "]"),
        "دخلت القوات [بتدمر] صباح اليوم"
    );
    assert_eq!(
        by_id("tatweel").highlighted_with("[", "]"),
        "آثار [تدمـــر] القديمة"
    );
    let s = by_id("diacritics");
    let chars: Vec<char> = s.text.chars().collect();
    let h = &s.highlights[0];
    assert_eq!(chars[h.clone()].iter().collect::<String>(), "تدمُر");
}

#[test]
fn phrases_and_boolean_operators() {
    let (_dir, index) = index_of("boolean", &fixture());
    assert_eq!(all(&index, "\"مجلس الأمن\""), ["phrase"]);
    assert_eq!(all(&index, "«مجلس الأمن»"), ["phrase"]);
    assert_eq!(all(&index, "مجلس الأمن"), ["apart", "phrase"]);
    assert_eq!(all(&index, "أسعار AND النفط"), ["oil"]);
    assert_eq!(all(&index, "+أسعار -النفط"), ["gold"]);
    assert_eq!(all(&index, "أسعار NOT النفط"), ["gold"]);
    assert_eq!(all(&index, "النفط OR الذهب"), ["gold", "oil"]);
    assert_eq!(all(&index, "(النفط OR الذهب) AND المحلية"), ["gold"]);
    assert_eq!(all(&index, "-تدمر").len(), 7);
    // a stopword alone leaves nothing to look for
    assert!(all(&index, "في").is_empty());
}

#[test]
fn filters_on_source_dates_and_tags() {
    let (_dir, index) = index_of("filters", &fixture());
    let spa = SearchFilter {
        sources: vec!["spa".into()],
        ..Default::default()
    };
    assert_eq!(
        ids(&index, "تدمر", &spa),
        ["clitic-b", "clitic-l", "tatweel"]
    );
    let spring = SearchFilter {
        published_from: Some(day(2015, 2, 1)),
        published_to: Some(day(2015, 4, 1)),
        ..Default::default()
    };
    assert_eq!(
        ids(&index, "تدمر", &spring),
        ["clitic-l", "clitic-w", "diacritics"]
    );
    let tagged = SearchFilter {
        tags: vec!["عام".into()],
        ..Default::default()
    };
    assert_eq!(ids(&index, "أسعار", &tagged), ["gold", "oil"]);
    assert!(ids(&index, "تدمر", &tagged).is_empty());
    let hit = &index.search("أحمد", 1, &SearchFilter::default()).unwrap()[0];
    assert_eq!(hit.published, Some(day(2015, 6, 1)));
    assert_eq!(hit.source.as_deref(), Some("okaz"));
}

#[test]
fn scores_are_lucene_bm25_with_the_index_k1_and_b() {
    let docs = [
        doc("a", "", "نفط نفط ذهب"),
        doc("b", "", "ذهب"),
        doc("c", "", "قمح قمح قمح قمح"),
    ];
    for (k1, b) in [(1.2f32, 0.75f32), (0.5, 0.0), (2.0, 1.0)] {
        let dir = TempDir::new(&format!("bm25-{k1}-{b}"));
        let index = SearchIndex::create(
            &dir.0,
            SearchOptions {
                k1,
                b,
                ..Default::default()
            },
        )
        .unwrap();
        index.add(&docs).unwrap();
        let hits = index.search("نفط", 10, &SearchFilter::default()).unwrap();
        // N = 3, df = 1, tf = 2, len = 3, avg_len = 8/3
        let (k1, b) = (f64::from(k1), f64::from(b));
        let expected = bm25_idf(1, 3) * 2.0 / (2.0 + k1 * (1.0 - b + b * 3.0 / (8.0 / 3.0)));
        assert_eq!(hits.len(), 1);
        assert!(
            (f64::from(hits[0].score) - expected).abs() < 1e-6,
            "{} vs {expected}",
            hits[0].score
        );
    }
}

#[test]
fn reopened_index_searches_without_reindexing_and_adds_incrementally() {
    let dir = TempDir::new("persist");
    let before = {
        let index = SearchIndex::create(
            &dir.0,
            SearchOptions {
                k1: 0.9,
                ..Default::default()
            },
        )
        .unwrap();
        index.add(&fixture()).unwrap();
        index.search("تدمر", 10, &SearchFilter::default()).unwrap()
    };
    let index = SearchIndex::open(&dir.0).unwrap();
    assert_eq!(index.options().k1, 0.9);
    assert_eq!(
        index.search("تدمر", 10, &SearchFilter::default()).unwrap(),
        before
    );
    assert_eq!(index.num_docs(), 12);
    index
        .add(&[
            doc("new", "تدمر", "خبر جديد"),
            doc("oil", "النفط", "خبر مصحح"),
        ])
        .unwrap();
    assert_eq!(index.num_docs(), 13, "oil is replaced, not added twice");
    assert!(all(&index, "تدمر").contains(&"new".to_owned()));
    assert_eq!(all(&index, "مصحح"), ["oil"]);
    assert!(!all(&index, "العالمية").contains(&"oil".to_owned()));
    // creating over an existing index is refused
    let err = SearchIndex::create(&dir.0, SearchOptions::default()).unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
}

#[test]
fn an_id_given_twice_is_an_upsert_the_last_one_wins() {
    let dir = TempDir::new("upsert");
    let index = SearchIndex::create(&dir.0, SearchOptions::default()).unwrap();
    // in one call, on an empty index
    let n = index
        .add(&[
            doc("a", "تدمر", "النسخة الأولى"),
            doc("b", "حلب", "خبر"),
            doc("a", "تدمر", "النسخة الثانية"),
        ])
        .unwrap();
    assert_eq!((n, index.num_docs()), (2, 2));
    assert_eq!(all(&index, "تدمر"), ["a"]);
    assert!(all(&index, "الأولى").is_empty());
    assert_eq!(all(&index, "الثانية"), ["a"]);
    // across two calls of one writer, then over what the index holds
    let mut w = index.writer(1).unwrap();
    w.add(&[doc("c", "", "النسخة الأولى")]).unwrap();
    w.add(&[doc("c", "", "النسخة الثالثة"), doc("b", "", "مصحح")])
        .unwrap();
    assert_eq!(w.commit().unwrap(), 2);
    assert_eq!(index.num_docs(), 3);
    assert!(all(&index, "الأولى").is_empty());
    assert_eq!(all(&index, "الثالثة"), ["c"]);
    assert_eq!(all(&index, "مصحح"), ["b"]);
    assert!(all(&index, "حلب").is_empty());
}

#[test]
fn query_errors_name_the_position() {
    let (_dir, index) = index_of("errors", &fixture()[..2]);
    for (query, position, what) in [
        ("(تدمر", 0, "unclosed parenthesis"),
        ("تدمر )", 5, "unmatched closing parenthesis"),
        ("حمص \"مجلس الأمن", 4, "unclosed quotation mark"),
        ("النفط AND", 6, "AND with nothing after it"),
        ("OR النفط", 0, "AND/OR with nothing before it"),
        ("النفط ()", 6, "empty parentheses"),
        ("\"\"", 0, "empty phrase"),
    ] {
        match index.search(query, 10, &SearchFilter::default()) {
            Err(Error::Query {
                position: p,
                message,
            }) => {
                assert_eq!((p, message.as_str()), (position, what), "{query}")
            }
            other => panic!("{query}: {other:?}"),
        }
    }
}

#[test]
fn damaged_or_foreign_directories_are_clear_errors() {
    let dir = TempDir::new("damaged");
    let missing = SearchIndex::open(dir.0.join("nothing")).unwrap_err();
    assert!(matches!(missing, Error::Io { .. }), "{missing}");
    std::fs::create_dir_all(&dir.0).unwrap();
    let foreign = SearchIndex::open(&dir.0).unwrap_err();
    assert!(
        foreign.to_string().contains("not a warraq search index"),
        "{foreign}"
    );
    {
        let index = SearchIndex::create(dir.0.join("i"), SearchOptions::default()).unwrap();
        index.add(&fixture()).unwrap();
    }
    let meta = dir.0.join("i").join("warraq-search.json");
    let good = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(
        &meta,
        good.replace(&format!("\"format\": {FORMAT}"), "\"format\": 99"),
    )
    .unwrap();
    let version = SearchIndex::open(dir.0.join("i")).unwrap_err().to_string();
    assert!(
        version.contains("index format 99") && version.contains("rebuild"),
        "{version}"
    );
    std::fs::write(&meta, "{not json").unwrap();
    let garbled = SearchIndex::open(dir.0.join("i")).unwrap_err().to_string();
    assert!(garbled.contains("damaged index"), "{garbled}");
    std::fs::write(&meta, &good).unwrap();
    assert!(SearchIndex::open(dir.0.join("i")).is_ok());
    // tantivy's files: its meta.json garbled, then a segment file truncated
    let tantivy_meta = dir.0.join("i").join("meta.json");
    let saved = std::fs::read(&tantivy_meta).unwrap();
    std::fs::write(&tantivy_meta, b"{\"segments\": [").unwrap();
    let err = SearchIndex::open(dir.0.join("i")).unwrap_err();
    assert!(matches!(err, Error::Index { .. }), "{err}");
    std::fs::write(&tantivy_meta, saved).unwrap();
    for entry in std::fs::read_dir(dir.0.join("i")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "idx" || e == "term") {
            std::fs::write(&path, b"xx").unwrap();
        }
    }
    let err = SearchIndex::open(dir.0.join("i")).unwrap_err();
    assert!(matches!(err, Error::Index { .. }), "{err}");
    assert!(err.to_string().contains("damaged"), "{err}");
}

/// A few hundred documents from a small vocabulary, reproducibly.
fn generated(n: usize) -> Vec<SearchDoc> {
    let words = [
        "النفط",
        "بتدمر",
        "الوزير",
        "أسعار",
        "والحكومة",
        "مدينة",
        "المستشفى",
        "مجلس",
        "الأمن",
        "السعودية",
        "الرياض",
        "الاقتصاد",
        "للتعليم",
        "الطلاب",
        "المشروع",
        "الجديد",
    ];
    let mut state = 7u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    (0..n)
        .map(|i| {
            let body: Vec<&str> = (0..5 + next() % 40)
                .map(|_| words[next() % words.len()])
                .collect();
            doc(
                &format!("d{i}"),
                words[next() % words.len()],
                &body.join(" "),
            )
        })
        .collect()
}

#[test]
fn eight_threads_get_identical_results() {
    let (_dir, index) = index_of("threads", &generated(400));
    let queries = [
        "النفط",
        "تدمر الوزير",
        "\"مجلس الأمن\"",
        "السعودية -الرياض",
        "مدينة OR طلاب",
    ];
    let expected: Vec<Vec<SearchHit>> = queries
        .iter()
        .map(|q| index.search(q, 10, &SearchFilter::default()).unwrap())
        .collect();
    assert!(expected.iter().all(|h| !h.is_empty()));
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                for _ in 0..20 {
                    for (q, e) in queries.iter().zip(&expected) {
                        assert_eq!(&index.search(q, 10, &SearchFilter::default()).unwrap(), e);
                    }
                }
            });
        }
    });
}

#[test]
fn a_second_writer_is_refused_clearly_and_searches_go_on() {
    let (dir, index) = index_of("lock", &fixture());
    let mut writer = index.writer(1).unwrap();
    writer.add(&[doc("later", "تدمر", "خبر")]).unwrap();
    let other = SearchIndex::open(&dir.0).unwrap();
    let err = other.add(&[doc("x", "y", "z")]).unwrap_err();
    assert!(matches!(err, Error::Index { .. }), "{err}");
    assert!(err.to_string().contains("another writer"), "{err}");
    assert_eq!(all(&other, "تدمر").len(), 5);
    writer.commit().unwrap();
    other.reload().unwrap();
    assert_eq!(all(&other, "تدمر").len(), 6);
    assert!(other.add(&[doc("x", "y", "z")]).is_ok());
}

/// The child half of the next test: holds the writer of the index named by
/// `WARRAQ_LOCK_CHILD` until its standard input closes.
#[test]
fn lock_child() {
    let Ok(path) = std::env::var("WARRAQ_LOCK_CHILD") else {
        return;
    };
    let index = SearchIndex::open(path).unwrap();
    let _writer = index.writer(1).unwrap();
    eprintln!("LOCKED");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

#[test]
fn a_writer_in_another_process_is_refused_clearly() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let (dir, index) = index_of("lock-process", &fixture());
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "search::tests::lock_child",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("WARRAQ_LOCK_CHILD", &dir.0)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    while !line.contains("LOCKED") {
        line.clear();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "the child ended before it locked"
        );
    }
    let err = index.add(&[doc("x", "y", "z")]).unwrap_err();
    assert!(err.to_string().contains("another writer"), "{err}");
    assert_eq!(all(&index, "تدمر").len(), 5, "searching goes on");
    let _ = child.stdin.take().unwrap().write_all(b"\n");
    assert!(child.wait().unwrap().success());
    assert!(
        index.add(&[doc("x", "y", "z")]).is_ok(),
        "the lock is released with the process"
    );
}

#[test]
fn the_tokenizer_offsets_slice_the_raw_text() {
    let raw = "قال الوزيرُ: «إنّ الأسعارَ في بيروت ارتفعت ٣٪»";
    for t in analyze_terms(&Analyzer::default(), raw, true) {
        let word = &raw[t.start..t.end];
        let again = analyze_terms(&Analyzer::default(), word, true);
        assert!(again.iter().any(|a| a.text == t.text), "{word}");
    }
}

#[test]
fn packed_terms_come_back_with_their_positions() {
    use super::packed::{push_term, PackedTokenizer};
    use tantivy::tokenizer::{TokenStream, Tokenizer};
    let mut packed = String::new();
    push_term(&mut packed, 0, "تدمر");
    push_term(&mut packed, 3, "a\u{1f}b\u{1e}c");
    push_term(&mut packed, 14, "2015");
    let mut tokenizer = PackedTokenizer::default();
    let mut stream = tokenizer.token_stream(&packed);
    let mut got = Vec::new();
    while stream.advance() {
        let t = stream.token();
        got.push((t.position, t.text.clone()));
    }
    let expected = [(0, "تدمر"), (3, "abc"), (14, "2015")];
    assert_eq!(got, expected.map(|(p, t)| (p, t.to_owned())));
}
