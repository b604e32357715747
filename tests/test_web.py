"""HTML pages (crates/warraq/src/web, the binding's web.rs): our own page in
examples/web, bad input, HTML in records, and the five real pages of
../shared/raw_pages/html_fixtures against their gold (read in place)."""

from __future__ import annotations

import datetime
import gzip
import json
import shutil
from pathlib import Path

import pytest

import warraq
import web_gold

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "web" / "sample_page.html"
GOLD = web_gold.load()


def test_own_page_columns() -> None:
    df = warraq.read_corpus(SAMPLE, progress=False)
    row = df.iloc[0]
    assert row["id"] == "sample_page"
    assert row["title"] == "افتتاح مكتبة عامة جديدة في وسط المدينة"
    assert str(row["published"]) == "2024-03-05 10:30:00"
    assert row["published_utc_offset"] == 180
    assert str(row["modified"]) == "2024-03-05 12:00:00"
    assert row["url"] == "https://example.com/2024/3/5/library-opens"
    assert (row["section"], row["language"], row["site_name"]) == ("ثقافة", "ar", "صحيفة الوراق")
    assert row["author"] == "سلمى الكاتبة"
    assert row["tags"] == ["مكتبات", "ثقافة", "البلدية"]
    paragraphs = row["body"].split("\n\n")
    assert len(paragraphs) == 3 and paragraphs[0].startswith("افتتحت البلدية")
    # menus, share buttons, related and most-read lists, comments, footer: gone
    for noise in ["الرئيسية", "فيسبوك", "معرض للكتاب", "الأكثر قراءة", "تعليق من قارئ", "جميع الحقوق"]:
        assert noise not in row["body"]
    assert str(df["published_utc_offset"].dtype) == "Int32"
    assert str(df["modified"].dtype) == "datetime64[ns]"


def test_gzipped_and_windows_1256_pages(tmp_path: Path) -> None:
    html = SAMPLE.read_text(encoding="utf-8")
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
    # an older site: windows-1256 declared in http-equiv, no charset meta
    old = html.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">')
    (tmp_path / "b.htm").write_bytes(old.encode("cp1256"))
    # and one that declares nothing: detected
    (tmp_path / "c.xhtml").write_bytes(html.replace('<meta charset="utf-8">', "").encode("cp1256"))
    df = warraq.read_corpus(tmp_path, progress=False)
    assert list(df["id"]) == ["a", "b", "c"]
    assert df["title"].nunique() == 1 and df["body"].nunique() == 1
    assert df["title"].iloc[0] == "افتتاح مكتبة عامة جديدة في وسط المدينة"


def test_parse_html_takes_bytes_str_and_hints() -> None:
    page = SAMPLE.read_bytes()
    a, b = warraq.parse_html(page), warraq.parse_html(page.decode("utf-8"))
    assert a == b
    assert a.published == datetime.datetime(2024, 3, 5, 10, 30)
    bare = b"<html><body><div><p>\xc7\xe1\xce\xc8\xd1 \xe5\xe4\xc7 \xdd\xed \xc7\xe1\xd5\xdd\xcd\xc9 \xc7\xe1\xc3\xe6\xe1\xec.</p></div></body></html>"
    doc = warraq.parse_html(bare, url="https://x.com/2020/8/24/a", content_type="text/html; charset=windows-1256")
    assert doc.body == "الخبر هنا في الصفحة الأولى."
    assert doc.url == "https://x.com/2020/8/24/a"
    assert doc.published == datetime.date(2020, 8, 24)
    with pytest.raises(TypeError):
        warraq.parse_html(3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"%PDF-1.7\n1 0 obj", warraq.ParseError, "not an HTML page (at byte 0): a PDF document"),
        (b"\x89PNG\r\n\x1a\n", warraq.ParseError, "a PNG image"),
        (b"<p>abc\x00\x01\x02</p>", warraq.ParseError, "(at byte 6): binary data"),
        ("نص عادي بلا وسوم".encode(), warraq.ParseError, "no HTML markup"),
        (b"<meta charset=klingon><p>\xe1\xe1</p>", warraq.DecodeError, "unknown charset"),
        (b"", warraq.ParseError, "empty"),
    ],
)
def test_not_html(tmp_path: Path, content: bytes, error: type[Exception], message: str) -> None:
    bad = tmp_path / "bad.html"
    bad.write_bytes(content)
    with pytest.raises(error, match=None) as info:
        warraq.read_corpus(bad, progress=False)
    assert message in str(info.value) and "bad.html" in str(info.value)
    shutil.copy(SAMPLE, tmp_path / "good.html")
    df = warraq.read_corpus(tmp_path, errors="skip", progress=False)
    assert list(df["id"]) == ["good"]
    (err,) = df.attrs["warraq_errors"]
    assert err["path"].endswith("bad.html") and message in err["message"]


def test_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress(SAMPLE.read_bytes())
    (tmp_path / "t.html.gz").write_bytes(data[: len(data) // 2])
    with pytest.raises(warraq.DecodeError, match="cannot decode as gzip"):
        warraq.read_corpus(tmp_path, progress=False)


def test_html_in_a_record_text_field(tmp_path: Path) -> None:
    record = {
        "title": "عنوان",
        "text": "<div class='story'><p>قال الوزير إن المشروع بدأ في العاصمة هذا الأسبوع.</p>"
        "<p>وأضاف أن المرحلة الثانية ستبدأ في الصيف.</p></div><div class='share'><a href='#'>شارك</a></div>",
    }
    (tmp_path / "r.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    df = warraq.read_corpus(tmp_path, progress=False)
    assert df["body"].iloc[0] == "قال الوزير إن المشروع بدأ في العاصمة هذا الأسبوع.\n\nوأضاف أن المرحلة الثانية ستبدأ في الصيف."


# --- the five real pages -----------------------------------------------------


def _gold(name: str) -> web_gold.Gold:
    if not GOLD:
        pytest.skip(f"{web_gold.FIXTURES} is absent: the shared data is not beside this checkout")
    return next(g for g in GOLD if g.name == name)


NAMES = [g.name for g in GOLD] or ["absent"]


@pytest.mark.parametrize("name", NAMES)
def test_gold_title_date_body(name: str) -> None:
    g = _gold(name)
    doc = warraq.parse_html(g.html.read_bytes())
    if g.title is not None:
        assert web_gold.collapse(doc.title or "") == web_gold.collapse(g.title)
    if g.published is not None:
        assert doc.published is not None and doc.published.isoformat() == g.published
        assert doc.published_utc_offset == g.utc_offset
    kept = doc.paragraphs
    if g.with_:
        found, wrong = web_gold.snippets_ok(doc.body, g)
        assert (found, wrong) == (len(g.with_), 0)
    score = web_gold.body_score(kept, g, doc.title)
    if score is not None:
        assert score.precision >= 0.95 and score.recall >= 0.9, (score, kept)


@pytest.mark.parametrize("name", NAMES)
def test_gold_body_at_least_trafilatura(name: str) -> None:
    trafilatura = pytest.importorskip("trafilatura")
    g = _gold(name)
    html = g.html.read_bytes()
    doc = warraq.parse_html(html)
    ours = web_gold.body_score(doc.paragraphs, g, doc.title)
    if ours is None:
        pytest.skip(f"{name}: the gold has snippets, not a body")
    text = trafilatura.extract(html, include_comments=False) or ""
    theirs = web_gold.body_score(text.splitlines(), g, doc.title)
    assert theirs is not None
    assert ours.f1 >= theirs.f1 - 0.01, (ours, theirs)
