//! Tests of dictionaries: reading YAML and .dic files, their errors, counting.
use super::*;

fn counter(categories: &[(&str, &[&str])]) -> DictionaryCounter {
    let d = Dictionary::new(
        categories
            .iter()
            .map(|(n, e)| (n.to_string(), e.iter().map(|s| s.to_string()).collect()))
            .collect(),
    )
    .unwrap();
    DictionaryCounter::new(&d, KwicOptions::default()).unwrap()
}

#[test]
fn a_word_counts_once_per_category_and_phrases_cover_their_words() {
    let c = counter(&[
        ("economy", &["اقتصاد*", "الاقتصاد", "البنك المركزي", "البنك"]),
        ("bank", &["بنك"]),
    ]);
    let got = c.count("قال البنك المركزي إن الاقتصاد وللبنك دور");
    // economy: «البنك المركزي» (its «البنك» is not counted again), «الاقتصاد» once, «وللبنك»
    assert_eq!(got.counts, [3, 2]);
    assert_eq!(got.words, 7);
}

#[test]
fn folding_and_clitics() {
    let c = counter(&[("religion", &["مسجد", "صلاة"])]);
    assert_eq!(c.count("في المسجدِ وبالمساجد وللصلاه صلاةٌ").counts, [3]);
    let d = Dictionary::new(vec![("r".into(), vec!["مسجد".into()])]).unwrap();
    let strict = DictionaryCounter::new(
        &d,
        KwicOptions {
            clitics: false,
            ..KwicOptions::default()
        },
    )
    .unwrap();
    assert_eq!(strict.count("في المسجد ومسجد مسجد").counts, [1]);
}

#[test]
fn dic_files_and_their_errors() {
    let ok = "%\n01\tviolence\n02\teconomy\n%\nقتل*\t1\nالبنك المركزي 2\nانفجار\t01 02\n";
    let d = Dictionary::from_dic(ok, "t.dic").unwrap();
    let entries: Vec<Vec<&str>> = d
        .categories()
        .iter()
        .map(|c| c.entries.iter().map(|e| e.pattern.as_str()).collect())
        .collect();
    assert_eq!(
        entries,
        [vec!["قتل*", "انفجار"], vec!["البنك المركزي", "انفجار"]]
    );
    assert_eq!(d.categories()[0].entries[1].line, Some(7));
    let err = |text: &str| Dictionary::from_dic(text, "b.dic").unwrap_err().to_string();
    assert_eq!(err(""), "b.dic: the file is empty");
    assert!(err("1\tx\n").starts_with("b.dic: line 1: a .dic file starts with"));
    assert!(err("%\n1\tx\nقتل\t1\n").starts_with("b.dic: line 3: category id \"قتل\""));
    assert_eq!(
        err("%\n1\tx\n"),
        "b.dic: line 2: the category header is not closed by a line `%`"
    );
    assert!(err("%\n1\tx\n%\nقتل\n").starts_with("b.dic: line 4: entry \"قتل\" has no category id"));
    assert_eq!(
        err("%\n1\tx\n1\ty\n%\n"),
        "b.dic: line 3: category id 1 is given twice"
    );
    assert!(err("%\n1\tx\n%\nقتل\t(1)\n").starts_with("b.dic: line 4: category id \"(1)\""));
}

#[test]
fn yaml_files_and_their_errors() {
    let d = Dictionary::from_yaml("# topics\nأمن: [شرطة]\nاقتصاد:\n  - سوق\n", "t.yml").unwrap();
    assert_eq!(d.names(), ["أمن", "اقتصاد"]);
    let err = |text: &str| {
        Dictionary::from_yaml(text, "b.yml")
            .unwrap_err()
            .to_string()
    };
    assert_eq!(err(""), "b.yml: the file is empty");
    assert!(
        err("a: [x\nb: y\n").starts_with("b.yml: line "),
        "{}",
        err("a: [x\nb: y\n")
    );
    assert!(
        err("a:\n  - [y]\n").starts_with("b.yml: line 2 "),
        "{}",
        err("a:\n  - [y]\n")
    );
    assert!(
        err("- a\n- b\n").starts_with("b.yml: line 1 "),
        "{}",
        err("- a\n- b\n")
    );
    assert!(err("a: [x]\na: [y]\n").contains("\"a\" is given twice"));
    assert!(err("a: ['  ']\n").contains("empty entry"));
}

#[test]
fn load_picks_the_format_by_extension() {
    let dir = std::env::temp_dir().join(format!("warraq-dict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let yml = dir.join("d.yaml");
    std::fs::write(&yml, "x: [حلب]\n").unwrap();
    assert_eq!(Dictionary::load(&yml).unwrap().path(), Some(yml.as_path()));
    let txt = dir.join("d.txt");
    std::fs::write(&txt, "x").unwrap();
    assert!(Dictionary::load(&txt)
        .unwrap_err()
        .to_string()
        .contains(".dic"));
    assert!(Dictionary::load(dir.join("none.dic")).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}
