"""warraq.SearchIndex: Arabic matching (clitics, spelling variants), query syntax,
filters, persistence, errors and concurrency, on small frames written here and the
sample corpus."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

import warraq

ROOT = Path(__file__).resolve().parent.parent


def frame() -> pd.DataFrame:
    rows = [
        ("clitic-b", "أخبار", "دخلت القوات بتدمر صباح اليوم"),
        ("clitic-w", "أخبار", "عاد الهدوء إلى حمص وتدمر"),
        ("clitic-l", "أخبار", "وصلت المساعدات لتدمر أخيرا"),
        ("diacritics", "تقرير", "استعاد الجيش مدينةَ تدمُر"),
        ("tatweel", "تقرير", "آثار تدمـــر القديمة"),
        ("alef", "رياضة", "فاز أحمد بالبطولة"),
        ("teh", "مدن", "زار الوفد المدينة الصناعية"),
        ("yeh", "صحة", "افتتح المستشفى الجديد"),
        ("phrase", "سياسة", "اجتمع مجلس الأمن لبحث الأزمة"),
        ("apart", "سياسة", "قال مجلس الوزراء إن الأمن مستتب"),
        ("oil", "اقتصاد", "ارتفعت أسعار النفط في الأسواق العالمية"),
        ("gold", "اقتصاد", "ارتفعت أسعار الذهب في السوق المحلية <script>"),
    ]
    df = pd.DataFrame(rows, columns=["id", "title", "body"])
    df["source"] = ["spa" if i % 2 == 0 else "okaz" for i in range(len(df))]
    df["published"] = pd.to_datetime([f"2015-{i + 1:02d}-01" for i in range(len(df))])
    df["tags"] = [["سوريا"] if i < 5 else ["عام"] for i in range(len(df))]
    return df


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> warraq.SearchIndex:
    return warraq.SearchIndex.create(tmp_path_factory.mktemp("search") / "ix", frame(), progress=False)


def ids(index: warraq.SearchIndex, query: str, **kw: object) -> list[str]:
    return sorted(index.search(query, k=100, **kw)["id"])  # type: ignore[arg-type]


def test_clitic_forms_are_found(index: warraq.SearchIndex) -> None:
    assert ids(index, "تدمر") == ["clitic-b", "clitic-l", "clitic-w", "diacritics", "tatweel"]
    # the query is the word it is: «بتدمر» does not find «تدمر»
    assert ids(index, "بتدمر") == ["clitic-b"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("احمد", ["alef"]),  # أ/ا
        ("أحمد", ["alef"]),
        ("مدينه", ["diacritics", "teh"]),  # ة/ه
        ("المستشفي", ["yeh"]),  # ى/ي
        ("تَدْمُر", ["clitic-b", "clitic-l", "clitic-w", "diacritics", "tatweel"]),  # diacritics
        ("تـــدمر", ["clitic-b", "clitic-l", "clitic-w", "diacritics", "tatweel"]),  # tatweel
    ],
)
def test_spelling_variants_are_found(index: warraq.SearchIndex, query: str, expected: list[str]) -> None:
    assert ids(index, query) == expected


def test_snippets_are_the_raw_text_with_the_matches_marked(index: warraq.SearchIndex) -> None:
    hits = index.search("تدمر", k=10).set_index("id")
    for ident, word in [("clitic-b", "بتدمر"), ("diacritics", "تدمُر"), ("tatweel", "تدمـــر")]:
        snippet, highlights = hits.loc[ident, "snippet"], hits.loc[ident, "highlights"]
        assert snippet in frame().set_index("id").loc[ident, "body"]
        assert [snippet[a:b] for a, b in highlights] == [word]


def test_phrases_and_boolean_queries(index: warraq.SearchIndex) -> None:
    assert ids(index, '"مجلس الأمن"') == ["phrase"]
    assert ids(index, "مجلس الأمن") == ["apart", "phrase"]
    assert ids(index, "أسعار AND النفط") == ["oil"]
    assert ids(index, "أسعار -النفط") == ["gold"]
    assert ids(index, "+أسعار -النفط") == ["gold"]
    assert ids(index, "(النفط OR الذهب) AND المحلية") == ["gold"]


def test_filters_on_metadata(index: warraq.SearchIndex) -> None:
    assert ids(index, "تدمر", where={"source": "spa"}) == ["clitic-b", "clitic-l", "tatweel"]
    assert ids(index, "تدمر", where={"source": ["spa", "okaz"]}) == ids(index, "تدمر")
    spring = {"published": ("2015-02-01", pd.Timestamp("2015-04-01"))}
    assert ids(index, "تدمر", where=spring) == ["clitic-l", "clitic-w", "diacritics"]
    assert ids(index, "تدمر", where={"published": (None, "2015-01-15")}) == ["clitic-b"]
    assert ids(index, "أسعار", where={"tags": ["عام"]}) == ["gold", "oil"]
    assert ids(index, "تدمر", where={"tags": "عام"}) == []
    with pytest.raises(warraq.InvalidOptionError, match="unknown key"):
        index.search("تدمر", where={"author": "x"})


def test_results_frame_and_display(index: warraq.SearchIndex) -> None:
    hits = index.search("أسعار", k=1)
    assert list(hits.columns[:5]) == ["id", "score", "title", "published", "snippet"]
    assert len(hits) == 1 and hits["score"].iloc[0] > 0
    assert str(hits["published"].dtype).startswith("datetime64")
    page = index.search("الذهب")._repr_html_()
    assert 'dir="rtl"' in page and "&lt;script&gt;" in page and "<script>" not in page
    assert "<mark>الذهب</mark>" in page
    assert "no hits" in index.search("سيارة")._repr_html_()


def test_bm25_parameters_are_kept_and_change_the_scores(tmp_path: Path) -> None:
    df = frame()
    a = warraq.SearchIndex.create(tmp_path / "a", df, progress=False)
    b = warraq.SearchIndex.create(tmp_path / "b", df, k1=0.5, b=0.0, progress=False)
    assert (warraq.SearchIndex.open(tmp_path / "b").k1, warraq.SearchIndex.open(tmp_path / "b").b) == (0.5, 0.0)
    assert a.search("تدمر")["score"].tolist() != b.search("تدمر")["score"].tolist()


def test_persistence_and_incremental_add(tmp_path: Path) -> None:
    path = tmp_path / "ix"
    first = warraq.SearchIndex.create(path, frame(), progress=False)
    before = first.search("تدمر")
    del first
    again = warraq.SearchIndex.open(path)
    pd.testing.assert_frame_equal(again.search("تدمر"), before)
    assert len(again) == 12
    extra = pd.DataFrame({"id": ["new", "oil"], "title": ["تدمر", "النفط"], "body": ["خبر جديد", "خبر مصحح"]})
    assert again.add(extra, progress=False) == 2
    assert len(again) == 13  # oil replaced
    assert "new" in ids(again, "تدمر")
    assert ids(again, "مصحح") == ["oil"]
    with pytest.raises(warraq.SearchIndexError, match="not empty"):
        warraq.SearchIndex.create(path)


def test_an_id_repeated_in_one_add_is_an_upsert_the_last_row_wins(tmp_path: Path) -> None:
    ix = warraq.SearchIndex.create(tmp_path / "ix")
    df = pd.DataFrame({"id": ["a", "b", "a"], "title": ["تدمر", "حلب", "تدمر"],
                       "body": ["النسخة الأولى", "خبر", "النسخة الثانية"]})
    assert ix.add(df, progress=False) == 2
    assert len(ix) == 2
    assert ids(ix, "الأولى") == [] and ids(ix, "الثانية") == ["a"]
    # the same rule when the index already holds the id, and across the chunks add
    # hands to the writer (rows 0 and 2999 of one frame)
    many = pd.DataFrame({"id": [f"d{i}" for i in range(3000)], "body": ["خبر"] * 3000})
    many.loc[2999, ["id", "body"]] = ["a", "النسخة الثالثة"]
    many.loc[0, ["id", "body"]] = ["a", "النسخة الرابعة"]
    assert ix.add(many, progress=False) == 2999
    assert len(ix) == 3000
    assert ids(ix, "الثالثة") == ["a"] and ids(ix, "الرابعة") == [] and ids(ix, "الثانية") == []


def test_title_boost_is_kept_and_one_field_is_plain_bm25(tmp_path: Path) -> None:
    df = frame()
    flat = warraq.SearchIndex.create(tmp_path / "flat", df, title_boost=0, progress=False)
    boosted = warraq.SearchIndex.create(tmp_path / "boosted", df, progress=False)
    assert (warraq.SearchIndex.open(tmp_path / "flat").title_boost, boosted.title_boost) == (0.0, 1.0)
    # «أسعار» is in the body of oil and gold only; «اقتصاد», their title, scores more
    # with the title's own field
    assert flat.search("اقتصاد")["score"].iloc[0] < boosted.search("اقتصاد")["score"].iloc[0]
    assert flat.search("أسعار")["score"].tolist() == boosted.search("أسعار")["score"].tolist()
    with pytest.raises(warraq.InvalidOptionError, match="title_boost"):
        warraq.SearchIndex.create(tmp_path / "bad", title_boost=-1)


def test_sample_corpus_is_searchable(tmp_path: Path) -> None:
    df = warraq.read_corpus(ROOT / "examples" / "sample_corpus", progress=False)
    index = warraq.SearchIndex.create(tmp_path / "ix", df, progress=False)
    hits = index.search("تحلية المياه", k=3)
    assert len(hits) >= 1
    body = df.set_index("id").loc[hits["id"].iloc[0], "body"]
    assert hits["snippet"].iloc[0] in body


@pytest.mark.parametrize(
    ("query", "position"),
    [("(تدمر", 0), ("تدمر )", 5), ('حمص "مجلس الأمن', 4), ("النفط AND", 6), ("النفط ()", 6)],
)
def test_query_error_names_the_position(index: warraq.SearchIndex, query: str, position: int) -> None:
    with pytest.raises(warraq.QueryError) as info:
        index.search(query)
    assert info.value.position == position
    assert f"at position {position}" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_damaged_or_foreign_directories_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        warraq.SearchIndex.open(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(warraq.SearchIndexError, match="not a warraq search index"):
        warraq.SearchIndex.open(tmp_path / "empty")
    path = tmp_path / "ix"
    warraq.SearchIndex.create(path, frame(), progress=False)
    meta = path / "warraq-search.json"
    good = json.loads(meta.read_text())
    meta.write_text(json.dumps({**good, "format": good["format"] + 1}))
    with pytest.raises(warraq.SearchIndexError, match="rebuild the index") as info:
        warraq.SearchIndex.open(path)
    assert info.value.path == str(path)
    meta.write_text(json.dumps(good))
    for f in path.iterdir():
        if f.suffix in (".idx", ".term"):
            f.write_bytes(b"\0\0")
    with pytest.raises(warraq.SearchIndexError, match="damaged"):
        warraq.SearchIndex.open(path)


def test_eight_threads_get_identical_results(index: warraq.SearchIndex) -> None:
    queries = ["تدمر", '"مجلس الأمن"', "أسعار -النفط", "مدينه OR احمد", "الذهب"]
    expected = [index.search(q).to_dict("list") for q in queries]

    def run(_: int) -> list[dict[str, list[object]]]:
        return [index.search(q).to_dict("list") for q in queries for _ in range(5)][::5]

    with ThreadPoolExecutor(8) as pool:
        for got in pool.map(run, range(8)):
            assert got == expected


def test_a_writer_in_another_process_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "ix"
    index = warraq.SearchIndex.create(path, frame(), progress=False)
    child = textwrap.dedent(
        f"""
        import sys, warraq
        index = warraq.SearchIndex.open({str(path)!r})
        writer = index._native.writer(1)
        print("LOCKED", flush=True)
        sys.stdin.readline()
        writer.rollback()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", child], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "LOCKED"
        with pytest.raises(warraq.SearchIndexError, match="another writer"):
            index.add(frame().head(1), progress=False)
        assert len(ids(index, "تدمر")) == 5  # searching goes on
    finally:
        proc.communicate("\n", timeout=60)
    assert proc.returncode == 0
    assert index.add(frame().head(1), progress=False) == 1
