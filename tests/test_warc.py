"""WARC archives (``.warc``, ``.warc.gz``): HTML responses become rows with ``url`` and
``fetched``; other records are counted; bad archives name the record. The archives are
written here, at test time, by warcio (an independent writer) from pages we write."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import warraq
from tests.conftest import shared_path

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

ARABIC = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>افتتاح محطة جديدة للطاقة الشمسية</title><script>var menu = "<p>";</script></head>
<body><nav><a href="/">الرئيسية</a></nav><article><h1>افتتاح محطة جديدة للطاقة الشمسية</h1>
<p>افتتح وزير الطاقة اليوم محطة جديدة للطاقة الشمسية في جنوب البلاد، بحضور عدد من المسؤولين.</p>
<p>وقال الوزير إن المحطة ستزود آلاف المنازل بالكهرباء خلال العام المقبل.</p></article></body></html>"""

ENGLISH = """<!DOCTYPE html><html lang="en"><head><title>A new solar plant opens</title></head>
<body><p>The energy minister opened a new solar power plant in the south of the country today.</p>
<p>He said the plant would supply thousands of homes with electricity next year.</p></body></html>"""

CP1256 = """<html><head><title>خبر قديم</title></head><body>
<p>قال المتحدث باسم الوزارة إن الاجتماع انتهى باتفاق شامل بين الأطراف.</p></body></html>"""


def response(writer: Any, url: str, body: bytes, content_type: str, status: str = "200 OK", date: str = "2020-08-24T11:05:00Z") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": date}
    )
    write(writer, record)


def write(writer: Any, record: Any) -> None:
    writer.write_record(record)
    # warcio copies the payload into a temporary file it leaves open.
    record.raw_stream.close()


def write_archive(path: Path, *, gzipped: bool = True, extra: list[tuple[str, bytes]] = ()) -> Path:  # type: ignore[assignment]
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gzipped)
        write(writer, writer.create_warcinfo_record(path.name, {"software": "warraq tests"}))
        request = writer.create_warc_record(
            "http://example.org/ar/1", "request", payload=io.BytesIO(b"GET /ar/1 HTTP/1.1\r\nHost: example.org\r\n\r\n")
        )
        write(writer, request)
        response(writer, "http://example.org/ar/1", ARABIC.encode("utf-8"), "text/html; charset=utf-8")
        response(writer, "http://example.org/en/1", ENGLISH.encode("utf-8"), "text/html")
        response(writer, "http://example.org/old", CP1256.encode("cp1256"), "text/html; charset=windows-1256",
                 date="2009-01-02T03:04:05Z")
        response(writer, "http://example.org/moved", b"", "text/html", status="301 Moved Permanently")
        response(writer, "http://example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "image/png")
        response(writer, "http://example.org/report.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj", "application/pdf")
        for url, body in extra:
            response(writer, url, body, "text/html; charset=utf-8")
    return path


def test_pages_become_rows_with_url_and_fetched(tmp_path: Path) -> None:
    df = warraq.read_corpus(write_archive(tmp_path / "crawl.warc.gz"), progress=False)
    assert df["url"].tolist() == ["http://example.org/ar/1", "http://example.org/en/1", "http://example.org/old"]
    assert df["id"].tolist() == df["url"].tolist()
    ar = df.iloc[0]
    assert ar["title"] == "افتتاح محطة جديدة للطاقة الشمسية"
    assert "افتتح وزير الطاقة اليوم" in ar["body"]
    assert "var menu" not in ar["body"]
    # WARC-Date is when the page was fetched, not when it was published
    assert ar["fetched"] == pd.Timestamp("2020-08-24 11:05:00")
    assert pd.isna(ar["published"])
    assert str(df["fetched"].dtype) == "datetime64[ns]"
    # charset from the HTTP header
    assert df.iloc[2]["body"] == "قال المتحدث باسم الوزارة إن الاجتماع انتهى باتفاق شامل بين الأطراف."
    assert df.iloc[2]["fetched"] == pd.Timestamp("2009-01-02 03:04:05")
    [counts] = df.attrs["warraq_archives"]
    assert counts == {
        "path": str(tmp_path / "crawl.warc.gz"), "records": 8, "responses": 6, "pages": 3, "http_status": 1,
        "not_html": 2, "other_language": 0, "too_large": 0, "bad_records": 0,
    }


def test_plain_warc_and_languages(tmp_path: Path) -> None:
    path = write_archive(tmp_path / "crawl.warc", gzipped=False)
    assert len(warraq.read_corpus(path, progress=False)) == 3
    df = warraq.read_corpus(path, languages=("ar",), progress=False)
    assert df["url"].tolist() == ["http://example.org/ar/1", "http://example.org/old"]
    assert df.attrs["warraq_archives"][0]["other_language"] == 1
    en = warraq.read_corpus(path, languages=["en"], progress=False)
    assert en["url"].tolist() == ["http://example.org/en/1"]


def test_folder_mixing_archives_records_and_text(tmp_path: Path) -> None:
    write_archive(tmp_path / "a.warc.gz")
    (tmp_path / "b.jsonl").write_text('{"title": "خبر", "text": "نص الخبر هنا."}\n', encoding="utf-8")
    (tmp_path / "c.txt").write_text("عنوان\n\nقال الوزير إن المشروع بدأ.", encoding="utf-8")
    df = warraq.read_corpus(tmp_path, progress=False)
    assert [Path(p).name for p in df["path"]] == ["a.warc.gz"] * 3 + ["b.jsonl", "c.txt"]
    assert df["fetched"].notna().tolist() == [True] * 3 + [False] * 2
    batches = list(warraq.iter_corpus(tmp_path, batch_size=2, progress=False))
    assert sum(len(b) for b in batches) == 5
    assert sum(len(b.attrs["warraq_archives"]) for b in batches) == 1


def test_truncated_gzip_names_the_record(tmp_path: Path) -> None:
    path = write_archive(tmp_path / "crawl.warc.gz")
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(warraq.ParseError, match=r"cut\.warc\.gz: WARC record \d+ \(byte \d+\): .*truncated"):
        warraq.read_corpus(cut, progress=False)
    df = warraq.read_corpus(cut, errors="skip", progress=False)
    assert 1 <= len(df) <= 3
    [err] = df.attrs["warraq_errors"]
    assert err["error"] == "ParseError" and err["path"] == str(cut)
    assert df.attrs["warraq_archives"][0]["bad_records"] == 1


def test_lying_content_length_and_garbage(tmp_path: Path) -> None:
    path = write_archive(tmp_path / "crawl.warc", gzipped=False)
    data = path.read_bytes()
    # The English page's record claims 7 bytes fewer than it has.
    at = data.index(b"WARC-Target-URI: http://example.org/en/1")
    start = data.rindex(b"WARC/1", 0, at)
    length_at = data.index(b"Content-Length: ", start) + len(b"Content-Length: ")
    end = data.index(b"\r\n", length_at)
    n = int(data[length_at:end])
    liar = tmp_path / "liar.warc"
    liar.write_bytes(data[:length_at] + str(n - 7).encode() + data[end:])
    with pytest.raises(warraq.ParseError, match=r"WARC record 3 \(byte \d+\): Content-Length \d+ does not end the record"):
        warraq.read_corpus(liar, progress=False)
    df = warraq.read_corpus(liar, errors="skip", progress=False)
    assert df["url"].tolist() == ["http://example.org/ar/1", "http://example.org/old"]
    assert df.attrs["warraq_archives"][0]["bad_records"] == 1
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"\x00\x01binary junk\n" * 100)
    with pytest.raises(warraq.ParseError, match="WARC record 0 \\(byte 0\\): expected a WARC/1.x version line"):
        warraq.read_corpus(junk, progress=False)
    not_gzip = tmp_path / "bad.warc.gz"
    not_gzip.write_bytes(b"\x1f\x8b" + b"\xff" * 64)
    with pytest.raises(warraq.ParseError, match="bad.warc.gz: WARC record 0"):
        warraq.read_corpus(not_gzip, progress=False)


def test_gzip_per_record_as_crawlers_write_it(tmp_path: Path) -> None:
    """Each record its own gzip member: the reader reads member after member."""
    path = write_archive(tmp_path / "crawl.warc.gz")
    members = 0
    with gzip.open(path, "rb") as f:
        members = f.read().count(b"WARC/1.")
    assert members == 8
    assert path.read_bytes().count(b"\x1f\x8b\x08") >= 8


def test_dask_reads_archives_by_file(tmp_path: Path) -> None:
    pytest.importorskip("dask.dataframe")
    from warraq import dask as wdask

    write_archive(tmp_path / "a.warc.gz")
    write_archive(tmp_path / "b.warc.gz")
    ddf = wdask.read_corpus([tmp_path], files_per_partition=1, languages=("ar",))
    assert ddf.npartitions == 2
    df = ddf.compute(scheduler="sync")
    assert len(df) == 4
    assert [a["pages"] for a in df.attrs["warraq_archives"]] == [2, 2]
    single = warraq.read_corpus(tmp_path, languages=("ar",), progress=False)
    assert df["body"].tolist() == single["body"].tolist()


def test_shared_html_fixtures_in_an_archive(tmp_path: Path) -> None:
    root = shared_path("raw_pages", "html_fixtures")
    pages = sorted(root.glob("*/page.html"))
    if not pages:
        pytest.skip("no html_fixtures pages")
    extra = [(f"http://fixtures.test/{p.parent.name}", p.read_bytes()) for p in pages]
    df = warraq.read_corpus(write_archive(tmp_path / "fixtures.warc.gz", extra=extra), progress=False)
    got = df[df["url"].str.startswith("http://fixtures.test/")]
    assert len(got) == len(pages)
    assert (got["n_words"] > 50).all()


def write_arc(path: Path, pages: list[tuple[str, bytes, str]]) -> Path:
    """An ARC v1 file (the Internet Archive's format before WARC), one gzip member per
    record as `.arc.gz` files are: the version block, then one record per page."""
    desc = b"1 0 warraq tests\nURL IP-address Archive-date Content-type Archive-length\n"
    members = [b"filedesc://%s 0.0.0.0 20080430204825 text/plain %d\n%s\n" % (path.name.encode(), len(desc), desc)]
    for url, body, content_type in pages:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() + b"\r\n\r\n" + body
        members.append(b"%s 192.0.2.1 20080501120000 text/html %d\n%s\n" % (url.encode(), len(http), http))
    path.write_bytes(b"".join(gzip.compress(m) for m in members))
    return path


def test_arc_gz_archives(tmp_path: Path) -> None:
    pages = [
        ("http://example.org/ar/1", ARABIC.encode("utf-8"), "text/html; charset=utf-8"),
        ("http://example.org/en/1", ENGLISH.encode("utf-8"), "text/html"),
        ("http://example.org/old", CP1256.encode("cp1256"), "text/html; charset=windows-1256"),
    ]
    arc = write_arc(tmp_path / "IA-0001.arc.gz", pages)
    # warcio reads ARC files too: an independent reading of the same framing
    from warcio.archiveiterator import ArchiveIterator

    with arc.open("rb") as f:
        uris = [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(f, arc2warc=True) if r.rec_type == "response"]
    assert uris == [u for u, _, _ in pages]
    df = warraq.read_corpus(tmp_path, progress=False)
    assert df["url"].tolist() == uris
    assert df.loc[0, "title"] == "افتتاح محطة جديدة للطاقة الشمسية"
    assert df.loc[2, "body"].startswith("قال المتحدث باسم الوزارة")  # windows-1256 from the HTTP header
    assert (df["fetched"] == pd.Timestamp("2008-05-01 12:00:00")).all()
    archive = df.attrs["warraq_archives"][0]
    assert (archive["records"], archive["responses"], archive["pages"]) == (4, 3, 3)
    assert warraq.read_corpus(arc, languages=("ar",), progress=False)["url"].tolist() == [uris[0], uris[2]]


def deep_page(levels: int) -> bytes:
    """A page nesting ``levels`` elements around its article."""
    start = ARABIC.index("<article>")
    return (ARABIC[:start] + "<div>" * levels + ARABIC[start:]).encode("utf-8")


def test_flattened_pages_are_listed(tmp_path: Path) -> None:
    # Pages nested deeper than 512 levels are read with the deeper tags dropped
    # (text kept) and listed, from a page file and from a WARC record alike.
    write_archive(tmp_path / "a.warc.gz", extra=[("http://example.org/deep", deep_page(600))])
    (tmp_path / "b.html").write_bytes(deep_page(1_000))
    (tmp_path / "c.html").write_bytes(deep_page(500))
    df = warraq.read_corpus(tmp_path, progress=False)
    assert len(df) == 6
    assert df.set_index("id").loc["b", "title"] == "افتتاح محطة جديدة للطاقة الشمسية"
    assert "افتتح وزير الطاقة اليوم" in df.set_index("id").loc["b", "body"]
    flat = df.attrs["warraq_flattened_pages"]
    # The divs over level 512, and the <article> and <h1> inside them (html, head,
    # body and p do not count as nesting: their end tags are implied).
    assert [(Path(f["path"]).name, f["record"], f["id"], f["tags"]) for f in flat] == [
        ("a.warc.gz", 8, "http://example.org/deep", 600 + 2 - 512),
        ("b.html", None, "b", 1_000 + 2 - 512),
    ]
    # The first div dropped, the 513th, as a code-point index into the page.
    assert [f["first_offset"] for f in flat] == [ARABIC.index("<article>") + 512 * len("<div>")] * 2
    arrow = warraq.read_corpus(tmp_path, progress=False, backend="arrow")
    assert json.loads(arrow.schema.metadata[b"warraq"])["warraq_flattened_pages"] == flat
    batches = list(warraq.iter_corpus(tmp_path, batch_size=2, progress=False))
    assert [f for b in batches for f in b.attrs["warraq_flattened_pages"]] == flat
