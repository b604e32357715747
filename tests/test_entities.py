"""Entities: the bundled model on the seeds and the sample corpus, canonical forms,
dates resolved against the publication date, numbers, errors, pickling, training."""

from __future__ import annotations

import datetime
import os
import pickle
from pathlib import Path

import pandas as pd
import pytest

import warraq
from warraq import Entity, EntityRecognizer, InvalidOptionError, ModelError, ParseError, entities_frame, extract_entities, train_ner

from conftest import SAMPLE, shared_path

PUBLISHED = datetime.date(2017, 3, 2)


def by_label(ents: list[Entity], label: str) -> set[str]:
    return {e.normalized for e in ents if e.label == label}


def seed(name_prefix: str) -> str:
    seeds = shared_path("seeds")
    (path,) = sorted(seeds.glob(f"{name_prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


# --- the seeds (expected entities written by us after reading the articles) ---


def test_seed_palmyra_deal_places_people_and_dates() -> None:
    ents = extract_entities(seed("001"), published=PUBLISHED)
    assert {"تدمر", "حمص", "الرقة", "دير الزور", "ريف حمص"} <= by_label(ents, "LOCATION")
    assert "طلال البرازي" in by_label(ents, "PERSON")  # the governor of Homs
    assert {"داعش", "تنظيم الدولة"} <= by_label(ents, "ORGANIZATION")
    dates = {e.text: e.value for e in ents if e.label == "DATE"}
    assert dates["11 ديسمبر/كانون الأول 2016"] == "2016-12-11"
    # TIMEX3 spans keep their modifier («أواخر»: the end of the month)
    assert dates["أواخر مايو/أيار 2015"] == "2015-05"
    assert dates["26 فبراير/شباط الماضي"] == "2017-02-26"
    # the date line and its time are one TIME value (TIMEX3)
    assert {e.value for e in ents if e.label == "TIME"} >= {"2017-03-02T15:59"}


def test_seed_hasaka_clitics_are_canonicalised() -> None:
    ents = extract_entities(seed("002"), published=PUBLISHED)
    locs = {(e.text, e.normalized) for e in ents if e.label == "LOCATION"}
    assert ("بالحسكة", "الحسكة") in locs
    assert ("وحلب", "حلب") in locs
    assert ("ودرعا", "درعا") in locs
    orgs = by_label(ents, "ORGANIZATION")
    assert {"جيش الاسلام", "داعش", "حزب الاتحاد الديمقراطي"} <= orgs
    assert ("وداعش", "داعش") in {(e.text, e.normalized) for e in ents}


def test_seed_morocco_economy_money_and_percent() -> None:
    ents = extract_entities(seed("003"))
    money = [e for e in ents if e.label == "MONEY"]
    assert money[0].text == "36,7 مليار درهم"
    assert money[0].value == pytest.approx(36.7e9)
    assert [(e.text, e.value) for e in ents if e.label == "PERCENT"][0] == ("٪11", 11.0)
    assert {"المغرب", "طنجة", "الدار البيضاء"} <= by_label(ents, "LOCATION")


def test_offsets_index_the_python_string_on_seeds_and_samples(seed_texts: list[str], sample_texts: list[str]) -> None:
    texts = seed_texts + sample_texts
    batch = EntityRecognizer().extract_batch(texts)
    assert sum(len(b) for b in batch) > 100
    for text, ents in zip(texts, batch):
        starts = [e.start for e in ents]
        assert starts == sorted(starts)
        for e in ents:
            assert text[e.start : e.end] == e.text
            assert 0.0 <= e.score <= 1.0


# --- the sample corpus ---


def test_sample_corpus_entities(sample_texts: list[str]) -> None:
    ents = {p.name: extract_entities(p.read_text(encoding="utf-8")) for p in sorted(SAMPLE.glob("*.txt"))}
    water = ents["001_sada_water.txt"]
    assert {"العقبة", "عمان", "الاردن"} <= by_label(water, "LOCATION")
    assert "محمد النجار" in by_label(water, "PERSON")
    assert "البنك الدولي" in by_label(water, "ORGANIZATION")
    assert ("٢٫٥ مليار دولار", 2.5e9) in {(e.text, e.value) for e in water if e.label == "MONEY"}
    assert ("15%", 15.0) in {(e.text, e.value) for e in water if e.label == "PERCENT"}
    # the date line and its time are one TIME value (TIMEX3)
    assert {e.value for e in water if e.label == "TIME"} >= {"2022-09-14T10:15"}
    ticker = ents["003_ticker_aggregator.txt"]
    assert ("بالدار البيضاء", "الدار البيضاء") in {(e.text, e.normalized) for e in ticker}
    assert ("10 ملايير درهم", 1e10) in {(e.text, e.value) for e in ticker if e.label == "MONEY"}
    assert ("32,5 في المئة", 32.5) in {(e.text, e.value) for e in ticker if e.label == "PERCENT"}
    assert {"2023-05-03"} <= {e.value for e in ticker if e.label == "DATE"}
    glued = ents["004_glued_paragraphs.txt"]
    assert "ليلى بن عمر" in by_label(glued, "PERSON")
    assert "الاتحاد الاوروبي" in by_label(glued, "ORGANIZATION")
    assert ("850 مليون يورو", 850e6) in {(e.text, e.value) for e in glued if e.label == "MONEY"}
    gulf = ents["006_gulf_economy.txt"]
    assert "خالد العمري" in by_label(gulf, "PERSON")
    assert "المملكة العربية السعودية" in by_label(gulf, "LOCATION")
    assert ("٣٫١٪", 3.1) in {(e.text, e.value) for e in gulf if e.label == "PERCENT"}


# --- tricky cases ---


@pytest.mark.parametrize(
    ("text", "label", "mention", "normalized"),
    [
        ("انسحبت القوات من بالحسكة", "LOCATION", "بالحسكة", "الحسكة"),
        pytest.param(
            "قصف الطيران مواقع لتنظيم الدولة في الرقة", "ORGANIZATION", "لتنظيم الدولة", "تنظيم الدولة",
            marks=pytest.mark.xfail(reason="missed by the model retrained for issue 16 (listed, but tagged O)", strict=True),
        ),
        ("وقال أبو محمد الجولاني إن المعارك مستمرة", "PERSON", "أبو محمد الجولاني", "ابو محمد الجولاني"),
        ("وقال العقيد أحمد حسن إن القوات وصلت", "PERSON", "أحمد حسن", "احمد حسن"),
        ("وصل الوفد إلى دمشق وحلب", "LOCATION", "وحلب", "حلب"),
        pytest.param(
            "هاجمت فصائل الجيش السوري الحر مواقع داعش", "ORGANIZATION", "الجيش السوري الحر", "الجيش السوري الحر",
            marks=pytest.mark.xfail(reason="missed by the model retrained for issue 16 (listed, but tagged O)", strict=True),
        ),
    ],
)
def test_clitics_and_compound_names(text: str, label: str, mention: str, normalized: str) -> None:
    found = {(e.label, e.text, e.normalized) for e in extract_entities(text)}
    assert (label, mention, normalized) in found


def test_foreign_compound_name_de_mistura() -> None:
    ents = extract_entities("وقال المبعوث الأممي إلى سوريا، ستافان دي مستورا، إن المفاوضات ستستأنف")
    assert "ستافان دي مستورا" in {e.text for e in ents if e.label == "PERSON"}


@pytest.mark.parametrize(
    ("text", "label", "mention", "value"),
    [
        ("قتل ستة أشخاص", "NUMBER", "ستة", 6.0),
        ("نزح 6 آلاف شخص", "NUMBER", "6 آلاف", 6000.0),
        ("بلغت الصادرات 36,7 مليار درهم", "MONEY", "36,7 مليار درهم", 36.7e9),
        ("ارتفع التضخم بنسبة ٪11", "PERCENT", "٪11", 11.0),
        ("نما الاقتصاد 4 في المئة", "PERCENT", "4 في المئة", 4.0),
        ("قتل خمسة وعشرون جنديا", "NUMBER", "خمسة وعشرون", 25.0),
        ("كلف المشروع 1,250,000 ريال", "MONEY", "1,250,000 ريال", 1_250_000.0),
    ],
)
def test_numbers(text: str, label: str, mention: str, value: float) -> None:
    found = [e for e in extract_entities(text) if e.label == label]
    assert [(e.text, e.value) for e in found] == [(mention, pytest.approx(value))]


def test_relative_dates_need_the_publication_date() -> None:
    text = "وبثت القناة أمس الاثنين تقريرا عن وثيقة من 26 فبراير/شباط الماضي"
    with_date = extract_entities(text, published="2017-03-02")
    assert [(e.text, e.value) for e in with_date if e.label == "DATE"] == [
        ("أمس الاثنين", "2017-03-01"),
        ("26 فبراير/شباط الماضي", "2017-02-26"),
    ]
    assert extract_entities(text, published=datetime.datetime(2017, 3, 2, 10)) == with_date
    assert extract_entities(text, published=pd.Timestamp("2017-03-02")) == with_date
    without = extract_entities(text)
    assert "2017-02-26" not in {e.value for e in without}


# --- API, errors, pickling ---


def test_entity_repr_and_equality() -> None:
    (e,) = extract_entities("زار دمشق")
    assert e == extract_entities("زار دمشق")[0]
    assert repr(e).startswith("Entity(text='دمشق', label='LOCATION', start=4, end=8")


def test_bad_arguments() -> None:
    with pytest.raises(TypeError, match="text must be str"):
        extract_entities(5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        extract_entities("زار دمشق", published="yesterday")
    with pytest.raises(TypeError, match="published must be"):
        extract_entities("زار دمشق", published=3.5j)
    with pytest.raises(ValueError, match="2 dates for 1 texts"):
        EntityRecognizer().extract_batch(["زار دمشق"], published=[None, None])
    with pytest.raises(TypeError, match="iterable of dates"):
        EntityRecognizer().extract_batch(["زار دمشق"], published="2017-03-02")


def test_model_files(tmp_path: Path) -> None:
    path = tmp_path / "ner.bin"
    EntityRecognizer().save(path)
    loaded = EntityRecognizer(path)
    assert loaded.model_path == str(path)
    assert loaded.extract("زار دمشق") == EntityRecognizer().extract("زار دمشق")
    assert EntityRecognizer(path.read_bytes()).tag_words(["زار", "دمشق"]) == ["O", "B-LOC"]
    bad = tmp_path / "truncated.bin"
    bad.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(ModelError) as info:
        EntityRecognizer(bad)
    assert info.value.path == str(bad)
    with pytest.raises(FileNotFoundError):
        EntityRecognizer(tmp_path / "missing.bin")


def test_recognizers_pickle_as_their_source(tmp_path: Path) -> None:
    bundled = pickle.loads(pickle.dumps(EntityRecognizer()))
    assert repr(bundled) == "EntityRecognizer()"
    path = tmp_path / "m.bin"
    EntityRecognizer().save(path)
    from_path = pickle.loads(pickle.dumps(EntityRecognizer(str(path))))
    assert from_path.model_path == str(path)
    data = pickle.dumps(EntityRecognizer(path.read_bytes()))
    assert len(data) > 100_000  # carries the model itself
    assert pickle.loads(data).extract("زار دمشق")[0].text == "دمشق"


def test_entities_frame(sample_texts: list[str]) -> None:
    df = pd.DataFrame({"id": range(len(sample_texts)), "body": sample_texts, "published": ["2023-05-04"] * len(sample_texts)})
    frame = entities_frame(df, progress=False)
    assert list(frame.columns) == [
        "id",
        "label",
        "text",
        "normalized",
        "value",
        "start",
        "end",
        "score",
        "begin_value",
        "end_value",
        "anchor",
    ]
    assert set(frame["id"]) == set(range(len(sample_texts)))
    for row in frame.itertuples():
        assert sample_texts[row.id][row.start : row.end] == row.text
    assert frame["value"].dtype == object
    with pytest.raises(KeyError, match="no column 'text'"):
        entities_frame(df, text_column="text")


# --- training ---


def write_conll(path: Path, sentences: list[list[tuple[str, str]]]) -> None:
    path.write_text("\n\n".join("\n".join(f"{w} {t}" for w, t in s) for s in sentences), encoding="utf-8")


def test_train_ner_prints_scores_and_writes_a_loadable_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    train = tmp_path / "train.txt"
    sentences = [
        [("زار", "O"), ("الوزير", "O"), ("سامي", "B-PERS"), ("النجار", "I-PERS"), ("دمشق", "B-LOC")],
        [("قالت", "O"), ("منظمة", "B-ORG"), ("الصحة", "I-ORG"), ("في", "O"), ("جنيف", "B-LOC")],
    ] * 10
    write_conll(train, sentences)
    out = tmp_path / "model.bin"
    ner, scores = train_ner(train, out=out, epochs=3, dev_fraction=0.2)
    printed = capsys.readouterr().out
    assert "overall" in printed and "PERS" in printed
    assert scores["overall"][2] == 1.0
    assert EntityRecognizer(out).tag_words(["زار", "سامي", "النجار"]) == ner.tag_words(["زار", "سامي", "النجار"])


def test_train_ner_reports_bad_lines(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("زار O\n\nقال O\nدمشق\n", encoding="utf-8")
    with pytest.raises(ParseError) as info:
        train_ner(bad, verbose=False)
    assert (info.value.line, info.value.path) == (4, str(bad))
    bad.write_text("زار O\nدمشق X-LOC\n", encoding="utf-8")
    with pytest.raises(ParseError, match="line 2 column 6: invalid tag `X-LOC`"):
        train_ner(bad, verbose=False)
    bad.write_text("زار O\nدمشق B-PLACE\n", encoding="utf-8")
    with pytest.raises(InvalidOptionError, match="tag `B-PLACE`"):
        train_ner(bad, verbose=False)


@pytest.mark.skipif(
    not os.environ.get("WARRAQ_SLOW_TESTS"),
    reason="retrains the bundled model from ../shared (about 3 minutes): set WARRAQ_SLOW_TESTS=1, or run `make check-ner-model`",
)
def test_bundled_model_is_what_make_train_ner_produces(tmp_path: Path) -> None:
    # Training is deterministic, and the features depend on the gazetteers, the word
    # clusters and the normaliser: if any changes, the bundled model must be retrained.
    corpus = shared_path("ner", "anercorp", "ANERCorp_CamelLab_train.txt")
    unlabeled = [shared_path("corpora", "antcorpus"), shared_path("corpora", "saudinewsnet")]
    ner, scores = train_ner(corpus, out=tmp_path / "m.bin", unlabeled=unlabeled, refit_all=True, verbose=False)
    assert ner.to_bytes() == EntityRecognizer().to_bytes(), "run `make train-ner` and commit the model"
    assert scores["overall"][2] > 0.7  # dev block: the last 10 % of the file, whole articles


def test_dev_block_holds_whole_articles_and_folds_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    train = tmp_path / "train.txt"
    article = [
        [("بغداد", "B-LOC"), ("(", "O"), ("اف", "O"), ("ب", "O"), (")", "O"), ("قال", "O"), ("سامي", "B-PERS"), ("النجار", "I-PERS")],
        [("وزار", "O"), ("النجار", "B-PERS"), ("دمشق", "B-LOC")],
        [("وقالت", "O"), ("منظمة", "B-ORG"), ("الصحة", "I-ORG"), ("في", "O"), ("جنيف", "B-LOC")],
    ]
    write_conll(train, article * 10)
    ner, scores = train_ner(train, epochs=3, folds=3, dev_fraction=0.2)
    printed = capsys.readouterr().out
    assert "3-fold cross-validation over contiguous blocks" in printed
    assert "sentence by sentence" in printed and "consistent over each article" in printed
    # the dev block starts at a dateline: whole articles, 2 of the 10
    assert "dev (6 sentences)" in printed
    assert scores["overall"][2] == 1.0


def test_tag_document_keeps_a_name_over_the_article() -> None:
    ner = EntityRecognizer()
    doc = [
        "أعلن رجل الأعمال الغاني كوفي أتا مينسا عن استثمار جديد في أكرا .".split(),
        "وقال مينسا إن المشروع سيوفر ألف وظيفة .".split(),
        "وتنتشر مصانع مينسا في غرب البلاد .".split(),
        "ولم يرد مكتب مينسا على الأسئلة .".split(),
    ]
    alone = [ner.tag_words(s) for s in doc]
    together = ner.tag_document(doc)
    assert [len(t) for t in together] == [len(s) for s in doc]
    assert together[0][4:7] == ["B-PERS", "I-PERS", "I-PERS"]
    assert together[1][1] == "B-PERS"
    # sentence by sentence the surname reads as something else; in the article it is the person
    assert (alone[2][2], alone[3][3]) != ("B-PERS", "B-PERS")
    assert (together[2][2], together[3][3]) == ("B-PERS", "B-PERS")
    ents = extract_entities(" ".join(" ".join(s) for s in doc))
    assert [e.text for e in ents if e.label == "PERSON"] == ["كوفي أتا مينسا", "مينسا", "مينسا", "مينسا"]


@pytest.mark.xfail(
    reason="the full name's surname vote (half its confidence) loses to two one-word ORG readings "
    "(«مصانع مينسا», «مكتب مينسا»); consistency.rs would need full names to outweigh them (issue 16)",
    strict=True,
)
def test_a_surname_after_the_full_name_only() -> None:
    doc = [
        "أعلن رجل الأعمال الغاني كوفي أتا مينسا عن استثمار جديد في أكرا .".split(),
        "وتنتشر مصانع مينسا في غرب البلاد .".split(),
        "ولم يرد مكتب مينسا على الأسئلة .".split(),
    ]
    together = EntityRecognizer().tag_document(doc)
    assert (together[1][2], together[2][3]) == ("B-PERS", "B-PERS")


@pytest.mark.parametrize(
    ("text", "label", "mention"),
    [
        ("وتعادل اتحاد بن قردان مع الترجي الرياضي في ملعب المدينة", "ORGANIZATION", "اتحاد بن قردان"),
        ("وذكرت شبكة CNN أن المحادثات ستستأنف في جنيف", "ORGANIZATION", "CNN"),
        ("وأعلنت شركة Apple عن هاتف جديد في مؤتمر عقدته في كاليفورنيا", "ORGANIZATION", "Apple"),
        ("ووقعت IBM اتفاقا مع جامعة الملك سعود لتطوير الحوسبة", "ORGANIZATION", "IBM"),
        # a Latin-script name in no list: the organisation head before it decides
        ("وأعلنت شركة Zentrova عن منصة جديدة للدفع الإلكتروني", "ORGANIZATION", "Zentrova"),
        ("والتقى الوزير نظيره الروسي سيرغي لافروف في موسكو", "PERSON", "سيرغي لافروف"),
    ],
)
def test_unseen_names_latin_organisations_and_maghreb_clubs(text: str, label: str, mention: str) -> None:
    assert (label, mention) in {(e.label, e.text) for e in extract_entities(text)}


# Transliterated foreign names that neither the annotated data (ANERcorp's train part)
# nor the given-name lists hold, word for word: only the shape, cluster, profile and
# context features can find them.
UNSEEN_NAMES = [
    ("والتقت رئيسة وزراء نيوزيلندا جاسيندا أرديرن بعائلات الضحايا", "جاسيندا أرديرن"),
    ("وقال رئيس الوزراء اليوناني ألكسيس تسيبراس إن بلاده لن تغادر منطقة اليورو", "ألكسيس تسيبراس"),
    ("واستقبل الرئيس الغاني كواسي أكوفو وفدا من رجال الأعمال", "كواسي أكوفو"),
]


@pytest.mark.parametrize(("text", "mention"), UNSEEN_NAMES)
def test_unseen_foreign_names_are_people(text: str, mention: str) -> None:
    assert ("PERSON", mention) in {(e.label, e.text) for e in extract_entities(text)}


def test_unseen_names_are_unseen() -> None:
    train = shared_path("ner", "anercorp", "ANERCorp_CamelLab_train.txt").read_text(encoding="utf-8")
    words = {line.split(" ", 1)[0] for line in train.splitlines()}
    gazetteers = Path(__file__).resolve().parent.parent / "crates" / "warraq" / "data" / "gazetteers"
    listed = {w for f in gazetteers.glob("*.txt") for line in f.read_text(encoding="utf-8").splitlines() for w in line.split()}
    for _, mention in UNSEEN_NAMES:
        for w in mention.split():
            assert w not in words and w not in listed, w


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("وصل وزير الداخلية صباح اليوم إلى بن قردان قادما من مدنين", "بن قردان"),
        ("واحتج عشرات الشبان أمام مقر الولاية في سيدي بوزيد للمطالبة بالتشغيل", "سيدي بوزيد"),
    ],
)
def test_maghreb_towns_are_places(text: str, mention: str) -> None:
    assert ("LOCATION", mention) in {(e.label, e.text) for e in extract_entities(text)}


def test_public_names() -> None:
    for name in ["Entity", "EntityRecognizer", "extract_entities", "entities_frame", "train_ner"]:
        assert name in warraq.__all__
