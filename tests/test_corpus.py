"""warraq.read_corpus: formats, encodings, errors, the shared corpora, scale."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest

import warraq
from tests.conftest import ROOT, SAMPLE, shared_path

FIX = ROOT / "tests" / "fixtures" / "documents"


def test_columns_and_dtypes() -> None:
    df = warraq.read_corpus(SAMPLE, progress=False)
    assert list(df.columns) == list(warraq.COLUMNS)
    for name, dtype in warraq.COLUMNS.items():
        assert str(df[name].dtype) == dtype, name
    assert len(df) == 6
    row = df.set_index("id").loc["002_sada_festival"]
    assert row["author"] == "سارة الحمدان"
    assert row["tags"] == ["الأردن", "جرش", "مهرجانات", "ثقافة"]
    assert row["published"] == pd.Timestamp("2022-07-30 21:40")
    assert pd.isna(df.set_index("id").loc["004_glued_paragraphs", "published"])
    assert all(isinstance(b, list) for b in df["boilerplate"])
    assert df.attrs["warraq_errors"] == []
    assert (df["n_words"] == df["body"].str.split().str.len()).all()


def test_parquet_round_trip(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    df = warraq.read_corpus(SAMPLE, progress=False)
    df.to_parquet(tmp_path / "c.parquet")
    back = pd.read_parquet(tmp_path / "c.parquet")
    assert back["title"].tolist() == df["title"].tolist()
    assert back["published"].equals(df["published"])


def test_sources_glob_list_and_formats() -> None:
    df = warraq.read_corpus([str(SAMPLE / "00[12]*.txt"), FIX / "records.jsonl", FIX / "gigaword.sgml"], progress=False)
    assert len(df) == 2 + 1 + 2
    rec = df.set_index("id").loc["r1"]
    assert (rec["title"], rec["author"], rec["url"]) == ("عنوان", "كاتب", "http://example.org/1")
    assert rec["published"] == pd.Timestamp("2016-05-03 08:52")
    assert rec["body"] == "نص الخبر الأول."
    assert any(b["reason"] == "source footer" for b in rec["boilerplate"])
    giga = df.set_index("id").loc["XIN_ARB_20100101.0001"]
    assert giga["title"] == "عنوان الخبر الأول" and giga["dateline"] == "القاهرة أول يناير"
    assert giga["body"] == "الفقرة الأولى من الخبر.\n\nالفقرة الثانية & الأخيرة."
    csv = warraq.read_corpus(FIX / "records.csv", text_column="article", id_column="doc_id", progress=False)
    assert csv["id"].tolist() == ["1", "2"]
    assert csv["body"].tolist() == ["قال الوزير، في بيان، إن المشروع بدأ.", "نص الخبر الثاني هنا."]


@pytest.mark.parametrize("name", ["cp1256.txt", "utf16.txt", "utf8_bom.txt"])
def test_encodings_detected(name: str) -> None:
    df = warraq.read_corpus(FIX / name, progress=False)
    assert df.loc[0, "title"] == "عنوان تجريبي"
    assert df.loc[0, "body"].startswith("قال المتحدث باسم الوزارة")


def test_encodings_forced() -> None:
    df = warraq.read_corpus(FIX / "cp1256.txt", encoding="cp1256", progress=False)
    assert df.loc[0, "title"] == "عنوان تجريبي"
    df = warraq.read_corpus(FIX / "utf16.txt", encoding="utf-16", progress=False)
    assert df.loc[0, "title"] == "عنوان تجريبي"
    with pytest.raises(warraq.DecodeError) as e:
        warraq.read_corpus(FIX / "cp1256.txt", encoding="utf-8", progress=False)
    assert e.value.path.endswith("cp1256.txt") and e.value.offset == 0 and e.value.encoding == "utf-8"
    with pytest.raises(warraq.InvalidOptionError):
        warraq.read_corpus(FIX / "cp1256.txt", encoding="no-such-encoding", progress=False)


BAD = {
    # 0xFF 0xFE were inserted at byte 30, inside a two-byte letter that starts at 29.
    "invalid_utf8.txt": (warraq.DecodeError, "utf-8", None, 29),
    "empty.txt": (warraq.ParseError, "empty file", None, None),
    "binary.bin": (warraq.DecodeError, "binary file", None, 0),
    "truncated.json": (warraq.ParseError, "malformed JSON", 2, None),
    "malformed.jsonl": (warraq.ParseError, "malformed JSON line", 2, None),
    "unclosed.sgml": (warraq.ParseError, "unclosed <DOC>", 8, None),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_raises_with_location(name: str) -> None:
    cls, text, line, offset = BAD[name]
    encoding = "utf-8" if name == "invalid_utf8.txt" else "auto"
    with pytest.raises(cls) as e:
        warraq.read_corpus(FIX / name, encoding=encoding, progress=False)
    assert text in str(e.value)
    assert e.value.path.endswith(name)
    if line is not None:
        assert e.value.line == line
    if offset is not None:
        assert e.value.offset == offset


def test_skip_counts_and_lists_errors() -> None:
    df = warraq.read_corpus(FIX, errors="skip", progress=False)
    errors = df.attrs["warraq_errors"]
    names = sorted(Path(e["path"]).name for e in errors)
    # Auto-detection reads invalid UTF-8 as Windows-1256, so that file is not an error.
    assert names == ["binary.bin", "empty.txt", "malformed.jsonl", "truncated.json", "unclosed.sgml"]
    assert all(e["message"] and e["error"] in {"ParseError", "DecodeError"} for e in errors)
    assert {e["line"] for e in errors if e["path"].endswith("unclosed.sgml")} == {8}
    # The good files are all there: 3 encodings + invalid_utf8 + csv (2) + jsonl + sgml (2).
    assert len(df) == 3 + 1 + 2 + 1 + 2
    with pytest.raises(warraq.InvalidOptionError):
        warraq.read_corpus(FIX, errors="ignore", progress=False)
    with pytest.raises(FileNotFoundError):
        warraq.read_corpus(FIX / "missing", progress=False)


def test_corpus_level_boilerplate(tmp_path: Path) -> None:
    for i in range(8):
        (tmp_path / f"{i}.txt").write_text(
            f"عنوان الخبر رقم {i}\n\nقال المتحدث في اليوم رقم {i} إن الاجتماع انتهى باتفاق.\n\n"
            "تابعوا آخر أخبار المدينة على موقعنا يوميا.\n\n"
            f"وأضاف المتحدث أن الجولة المقبلة تبدأ بعد {i + 2} أيام.\n",
            encoding="utf-8",
        )
    df = warraq.read_corpus(tmp_path, progress=False)
    assert all("تابعوا" not in b for b in df["body"])
    assert all(any(r["reason"] == "recurring line" for r in b) for b in df["boilerplate"])
    kept = warraq.read_corpus(tmp_path, recurring=False, progress=False)
    assert all("تابعوا" in b for b in kept["body"])
    fewer = warraq.read_corpus(tmp_path, recurring_min_docs=9, progress=False)
    assert all("تابعوا" in b for b in fewer["body"])


def test_n_jobs_follows_the_one_rule() -> None:
    """``n_jobs`` reads as everywhere in warraq: a thread count, None or negative for
    all cores, 0 an error; the frame does not depend on it."""
    want = warraq.read_corpus(SAMPLE, progress=False)
    for n_jobs in (1, 3, -1):
        got = warraq.read_corpus(SAMPLE, progress=False, n_jobs=n_jobs)
        assert got.equals(want), n_jobs
    streamed = pd.concat(list(warraq.iter_corpus(SAMPLE, progress=False, n_jobs=2)), ignore_index=True)
    assert streamed["body"].tolist() == warraq.read_corpus(SAMPLE, progress=False, recurring=False)["body"].tolist()
    with pytest.raises(warraq.InvalidOptionError, match="n_jobs"):
        warraq.read_corpus(SAMPLE, progress=False, n_jobs=0)
    with pytest.raises(warraq.InvalidOptionError, match="n_jobs"):
        next(warraq.iter_corpus(SAMPLE, progress=False, n_jobs=0))


def test_antcorpus_title_and_time_match_gold() -> None:
    root = shared_path("corpora", "antcorpus")
    # The whole folder: its LICENSE, README and SOURCE files are not articles.
    df = warraq.read_corpus(root, progress=False)
    assert len(df) == 10161
    assert df.attrs["warraq_errors"] == []
    assert sorted(Path(p).name for p in df.attrs["warraq_skipped_files"]) == ["LICENSE", "README.upstream.md", "SOURCE.txt"]
    by_id = df.set_index("id")
    mismatched = []
    for path in sorted(root.glob("*/*.txt")):
        raw = path.read_text(encoding="utf-8")
        docno = re.search(r"<DOCNO>(.*?)</DOCNO>", raw, re.S).group(1).strip()  # type: ignore[union-attr]
        title = html.unescape(re.search(r"<TITLE>(.*?)</TITLE>", raw, re.S).group(1).strip())  # type: ignore[union-attr]
        time = re.search(r"<TIME>(.*?)</TIME>", raw, re.S).group(1).strip()  # type: ignore[union-attr]
        row = by_id.loc[docno]
        # A few files give «DD/MM/YYYY» (the file names confirm day first).
        if "/" in time:
            want_time = pd.to_datetime(time, format="%d/%m/%Y")
        else:
            want_time = pd.Timestamp(time).tz_localize(None) if time else pd.NaT
        if (row["title"] if isinstance(row["title"], str) else "") != title or not (row["published"] == want_time or (pd.isna(want_time) and pd.isna(row["published"]))):
            mismatched.append((docno, row["title"], title, row["published"], time))
    assert mismatched == []
    # <SRC> is kept (one file leaves it empty).
    assert (df["source"] == "Jawhara FM").sum() == 10160
    assert df["url"].str.startswith("http").all()


RESIDUE = [
    re.compile(r"رابط الخبر بصحيفة"),
    re.compile(r"//\s*انتهى\s*//"),
    re.compile(r"^\s*\d{1,2}:\d{2}\s*ت\s*م\s*$", re.M),
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
    re.compile(r"^\s*سمات\s+\S", re.M),
]


def test_saudinewsnet_rows_fields_and_residue() -> None:
    root = shared_path("corpora", "saudinewsnet")
    files = sorted(root.glob("*.json"))
    df = warraq.read_corpus(files, progress=False)
    every = [r for f in files for r in json.loads(f.read_text(encoding="utf-8"))]
    # 354 records (cartoons, galleries) have a blank content: listed, not rows.
    records = [r for r in every if r["content"].strip()]
    blank = [r for r in every if not r["content"].strip()]
    assert (len(every), len(df), len(blank)) == (31030, 30676, 354)
    empty = df.attrs["warraq_empty_records"]
    assert [e["id"] for e in empty] == [r["url"] for r in blank]
    assert {Path(e["path"]).name for e in empty} <= {f.name for f in files}
    assert df["url"].tolist() == [r["url"] for r in records]
    # A missing title is NaN in the str column (pandas 3's missing string).
    assert df["title"].fillna("").tolist() == [r["title"].strip() for r in records]
    assert df["source"].tolist() == [r["source"] for r in records]
    # Record authors are kept; where a record has none, one may come from a byline.
    authors = [(a, r["author"].strip()) for a, r in zip(df["author"], records)]
    assert all(a == want for a, want in authors if want)
    raw_hits = {p.pattern: sum(bool(p.search(r["content"])) for r in records) for p in RESIDUE}
    left = {p.pattern: int(df["body"].str.contains(p).sum()) for p in RESIDUE}
    print("SaudiNewsNet residue in raw content:", raw_hits)
    print("SaudiNewsNet residue left in bodies:", left)
    for p in RESIDUE:
        assert raw_hits[p.pattern] > 0
        assert left[p.pattern] == 0, p.pattern
    # Cleaning removes residue, not articles: bodies keep almost all their words.
    raw_words = sum(len(r["content"].split()) for r in records)
    assert df["n_words"].sum() >= 0.95 * raw_words


def test_saudinewsnet_noisy_bodies() -> None:
    root = shared_path("raw_pages", "saudinewsnet_noisy")
    df = warraq.read_corpus(sorted(root.glob("[0-9]*.json")), progress=False)
    assert len(df) == 107
    for p in RESIDUE:
        assert not df["body"].str.contains(p).any(), p.pattern


def test_large_single_file(tmp_path: Path) -> None:
    """A 200 MB JSON-lines file: read in one piece, every record kept."""
    record = json.dumps({"title": "عنوان", "text": "قال المتحدث إن الاجتماع انتهى باتفاق شامل بين الأطراف. " * 20}, ensure_ascii=False)
    line = (record + "\n").encode("utf-8")
    n = 200 * 1024 * 1024 // len(line) + 1
    path = tmp_path / "big.jsonl"
    with path.open("wb") as f:
        chunk = line * 1000
        for _ in range(n // 1000):
            f.write(chunk)
        f.write(line * (n % 1000))
    assert path.stat().st_size >= 200 * 1024 * 1024
    df = warraq.read_corpus(path, progress=False, recurring=False)
    assert len(df) == n
    assert df["title"].eq("عنوان").all()


def test_folder_of_100k_tiny_files(tmp_path: Path) -> None:
    for d in range(100):
        sub = tmp_path / f"d{d:02}"
        sub.mkdir()
        for i in range(1000):
            (sub / f"{i}.txt").write_text(f"عنوان {d} {i}\n\nنص الخبر رقم {i}.", encoding="utf-8")
    df = warraq.read_corpus(tmp_path, progress=False)
    assert len(df) == 100_000
    assert df.attrs["warraq_errors"] == []
    assert df["title"].str.startswith("عنوان").all()


def test_non_article_files_skipped_and_listed(tmp_path: Path) -> None:
    article = "عنوان الخبر\n\nقال المتحدث إن الاجتماع انتهى باتفاق بين الأطراف.\n"
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(article, encoding="utf-8")
    for name in ("README.md", "LICENSE", "SOURCE.txt", "sub/README.upstream.md", "notes.rst"):
        (tmp_path / name).write_text("About this corpus: licence and provenance.\n", encoding="utf-8")
    df = warraq.read_corpus(tmp_path, progress=False)
    assert sorted(Path(p).name for p in df["path"]) == ["a.txt", "b.txt"]
    skipped = sorted(Path(p).relative_to(tmp_path).as_posix() for p in df.attrs["warraq_skipped_files"])
    assert skipped == ["LICENSE", "README.md", "SOURCE.txt", "notes.rst", "sub/README.upstream.md"]
    assert len(warraq.read_corpus(str(tmp_path / "*"), progress=False)) == 1
    everything = warraq.read_corpus(tmp_path, include_non_articles=True, progress=False)
    assert len(everything) == 7 and everything.attrs["warraq_skipped_files"] == []
    # A file named explicitly is always read.
    assert len(warraq.read_corpus([tmp_path / "README.md"], progress=False)) == 1


def test_iter_corpus_batches_equal_read_corpus(tmp_path: Path) -> None:
    sources = [SAMPLE, FIX / "records.jsonl", FIX / "gigaword.sgml"]
    whole = warraq.read_corpus(sources, recurring=False, progress=False)
    batches = list(warraq.iter_corpus(sources, batch_size=3, progress=False))
    assert [len(b) for b in batches] == [3, 3, 3]
    joined = pd.concat(batches, ignore_index=True)
    pd.testing.assert_frame_equal(joined, whole)
    for b in batches:
        assert list(b.columns) == list(warraq.COLUMNS)
        assert {name: str(b[name].dtype) for name in b.columns} == warraq.COLUMNS


def test_iter_corpus_streams_and_reports_errors(tmp_path: Path) -> None:
    for i in range(40):
        (tmp_path / f"{i:03}.txt").write_text(f"عنوان {i}\n\nنص الخبر رقم {i} هنا.", encoding="utf-8")
    (tmp_path / "050.txt").write_bytes(b"")
    stream = warraq.iter_corpus(tmp_path, batch_size=5, errors="skip", progress=False)
    first = next(stream)
    assert first["title"].tolist() == [f"عنوان {i}" for i in range(5)]
    rest = list(stream)
    assert sum(len(b) for b in rest) == 35
    errors = [e for b in [first, *rest] for e in b.attrs["warraq_errors"]]
    assert [Path(e["path"]).name for e in errors] == ["050.txt"]
    with pytest.raises(warraq.ParseError):
        list(warraq.iter_corpus(tmp_path, progress=False))
    with pytest.raises(warraq.InvalidOptionError):
        next(warraq.iter_corpus(tmp_path, batch_size=0, progress=False))
