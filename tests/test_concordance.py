"""Concordance (``warraq.kwic``): clitic and variant forms found, offsets that slice
the raw text, metadata, sorting, sampling, display, bad input; and a check over the
seeds that every line is the raw text at its offsets."""

from __future__ import annotations

import pandas as pd
import pytest

import warraq
from warraq._warraq import Concordancer
from warraq.concordance import Concordance, concordance_html


def test_clitics_and_variants_are_found_as_written() -> None:
    texts = [
        "بتدمر وتدمر لتدمر تدمر مدمر",
        "أعلنت الوزارة ثم اعلنت الوزاره ثم أَعْلَنَتْ الوزارـــة",
        "إلى الى إلي",
    ]
    c = warraq.kwic(texts, ["تدمر", "اعلنت الوزارة", "الى"], progress=False)
    assert c["keyword"].tolist() == [
        "بتدمر", "وتدمر", "لتدمر", "تدمر",
        "أعلنت الوزارة", "اعلنت الوزاره", "أَعْلَنَتْ الوزارـــة",
        "إلى", "الى", "إلي",
    ]
    assert c["pattern"].tolist() == [0] * 4 + [1] * 3 + [2] * 3
    for row in c.itertuples():
        assert texts[row.id][row.start : row.end] == row.keyword


def test_no_clitics_exact_and_stem() -> None:
    assert warraq.kwic(["بتدمر تدمر"], "تدمر", clitics=False, progress=False)["keyword"].tolist() == ["تدمر"]
    assert warraq.kwic(["أعلنت اعلنت"], "أعلنت", match="exact", progress=False)["keyword"].tolist() == ["أعلنت"]
    found = warraq.kwic(["سياسة والسياسات المسافة"], "السياسات", match="stem", progress=False)["keyword"].tolist()
    assert "والسياسات" in found and "المسافة" not in found


def test_glob_regex_phrase_and_case() -> None:
    texts = ["التدمري وتدمرية مجلس الأمن والامن CNN cnn", "عام ٢٠١٥ وعام 2016"]
    assert warraq.kwic(texts, "تدمر*", progress=False)["keyword"].tolist() == ["التدمري", "وتدمرية"]
    assert warraq.kwic(texts, "مجلس الامن", progress=False)["keyword"].tolist() == ["مجلس الأمن"]
    assert warraq.kwic(texts, r"عام \d+", valuetype="regex", progress=False)["keyword"].tolist() == ["عام ٢٠١٥", "عام 2016"]
    assert len(warraq.kwic(texts, "cnn", progress=False)) == 2
    assert warraq.kwic(texts, "cnn", case_insensitive=False, progress=False)["keyword"].tolist() == ["cnn"]


def test_windows() -> None:
    text = ["واحد اثنان، ثلاثة\n\nأربعة تدمر خمسة ستة سبعة"]
    row = warraq.kwic(text, "تدمر", window=2, progress=False).iloc[0]
    assert (row.left, row.right) == ("ثلاثة أربعة", "خمسة ستة")
    row = warraq.kwic(text, "تدمر", window=3, unit="char", progress=False).iloc[0]
    assert (row.left, row.right) == ("عة", "خم")


def test_frame_ids_metadata_sort_and_sample() -> None:
    df = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "source": ["z", "x", "y"],
            "published": pd.to_datetime(["2016-03-01", "2015-01-01", "2017-06-30"]),
            "url": ["https://example.org/a", None, "javascript:alert(1)"],
            "body": ["قال ثم حلب هنا", "ذهب إلى حلب أمس", "بحلب وحلب"],
        }
    )
    c = warraq.kwic(df, "حلب", meta=["source"], progress=False)
    assert isinstance(c, Concordance)
    assert list(c.columns) == ["id", "start", "end", "left", "keyword", "right", "pattern", "source"]
    assert c["id"].tolist() == ["a", "b", "c", "c"]
    assert c["source"].tolist() == ["z", "x", "y", "y"]
    by_date = warraq.kwic(df, "حلب", sort="published", progress=False)
    assert by_date["id"].tolist() == ["b", "a", "c", "c"]
    assert str(by_date["published"].dtype).startswith("datetime64")
    by_source = df.ar.kwic("حلب", sort="source", progress=False)
    assert by_source["id"].tolist() == ["b", "c", "c", "a"]
    # left context read outward from the keyword (empty first, then «إلى», «بحلب», «ثم»)
    by_left = warraq.kwic(df, "حلب", sort="left", progress=False)
    assert by_left["left"].tolist() == ["", "ذهب إلى", "بحلب", "قال ثم"]
    everything = warraq.kwic(df, "حلب", meta=True, progress=False)
    assert {"source", "published", "url"} <= set(everything.columns) and "body" not in everything.columns
    one = warraq.kwic(df, "حلب", sample=2, seed=3, progress=False)
    again = warraq.kwic(df, "حلب", sample=2, seed=3, progress=False)
    assert len(one) == 2
    pd.testing.assert_frame_equal(one, again)
    html = warraq.kwic(df, "حلب", meta=["url"], progress=False)._repr_html_()
    assert 'href="https://example.org/a"' in html and "javascript:" not in html


def test_series_ids_and_missing_texts() -> None:
    s = pd.Series(["في حلب", None, float("nan"), "حلب"], index=[10, 11, 12, 13])
    c = s.ar.kwic("حلب", progress=False)
    assert c["id"].tolist() == [10, 13]
    assert warraq.kwic([], "حلب", progress=False).empty


def test_display_reads_right_to_left_and_escapes() -> None:
    c = warraq.kwic(["<script>x</script> قال إن حلب <b>هادئة</b>"], "حلب", progress=False)
    html = c._repr_html_()
    assert 'dir="rtl"' in html and "</script>" not in html and "&lt;/script&gt;" in html
    # the preceding context's cell comes first: in a right-to-left table it is on the right
    assert html.index("warraq-kwic-before") < html.index("warraq-kwic-keyword") < html.index("warraq-kwic-after")
    many = pd.DataFrame({"id": range(300), "left": "ا", "keyword": "ب", "right": "ج"})
    assert "300 lines, the first 200 shown" in concordance_html(many)


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(warraq.InvalidOptionError, match="pattern"):
        warraq.kwic(["x"], "[أ", valuetype="regex", progress=False)
    with pytest.raises(warraq.InvalidOptionError, match="no word"):
        warraq.kwic(["x"], "  ", progress=False)
    with pytest.raises(warraq.InvalidOptionError, match="match"):
        warraq.kwic(["x"], "x", match="fuzzy", progress=False)
    with pytest.raises(warraq.InvalidOptionError, match="unit"):
        warraq.kwic(["x"], "x", unit="line", progress=False)
    with pytest.raises(TypeError, match="not one str"):
        warraq.kwic("نص", "x", progress=False)
    with pytest.raises(KeyError, match="body"):
        warraq.kwic(pd.DataFrame({"text": ["x"]}), "x", progress=False)
    with pytest.raises(KeyError, match="nope"):
        warraq.kwic(pd.DataFrame({"body": ["x"]}), "x", sort="nope", progress=False)
    with pytest.raises(ValueError, match="no pattern"):
        warraq.kwic(["x"], [], progress=False)
    with pytest.raises(TypeError, match=r"texts\[1\] is int"):
        warraq.kwic(["x", 1], "x", progress=False)


def test_seed_lines_slice_the_raw_text(seed_texts: list[str]) -> None:
    c = warraq.kwic(seed_texts, ["تدمر", "الحسكة", "قال*"], progress=False)
    assert len(c) > 5
    for row in c.itertuples():
        assert seed_texts[row.id][row.start : row.end] == row.keyword


def test_lines_across_batches_keep_their_text_and_report_progress() -> None:
    # More texts than one batch holds (4,096 texts or 1 MiB): the line of text i must
    # still name text i, and every text is reported to the progress callback once.
    texts = [("كلام " * (i % 7)) + f"في حلب {i}" if i % 3 == 0 else "لا شيء هنا" for i in range(9000)]
    texts[4501] = "طويل " * 300_000 + "حلب"  # a batch that ends on its bytes, not its count
    seen: list[int] = []
    docs, start, end, _, keyword, right, _ = Concordancer(["حلب"], window=1).lines(texts, on_batch=seen.append)
    want = [i for i in range(9000) if i % 3 == 0 or i == 4501]
    assert docs == want
    assert sum(seen) == len(texts) and len(seen) >= 3
    assert all(texts[d][s:e] == k for d, s, e, k in zip(docs, start, end, keyword))
    assert right[docs.index(4501)] == "" and right[0] == "0"
