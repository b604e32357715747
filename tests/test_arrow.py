"""Corpora as Arrow (crates/warraq-py/src/corpus_arrow.rs, python/warraq/_arrow.py):
the three backends' schemas and dtypes, Parquet out and back in, attrs kept,
errors skipped or raised, Dask partitions written to Parquet."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import warraq
from conftest import SAMPLE

ARROW_TYPES = {
    "id": pa.large_string(),
    "path": pa.large_string(),
    "published": pa.timestamp("ns"),
    "published_utc_offset": pa.int32(),
    "fetched": pa.timestamp("ns"),
    "tags": pa.large_list(pa.string()),
    "related": pa.large_list(pa.string()),
    "body": pa.large_string(),
    "n_words": pa.int64(),
    "boilerplate": pa.large_list(pa.struct([("line", pa.string()), ("reason", pa.string())])),
    "modified": pa.timestamp("ns"),
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Eight articles with a footer recurring in six (removed by the corpus-level
    pass), a record with blank text, and a file that cannot be parsed."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(8):
        footer = "\n\nهذا الخبر منشور في موقع المدينة اليومي." if i % 4 else ""
        (folder / f"{i}.txt").write_text(f"عنوان {i}\n\nخبر رقم {i} عن الاقتصاد في المدينة.{footer}", encoding="utf-8")
    records = [
        {"id": "r1", "title": "خبر", "text": "نص الخبر هنا.", "tags": ["اقتصاد", "نفط"], "date": "2016-05-03T10:00:00+03:00"},
        {"id": "r2", "text": None},
    ]
    (folder / "records.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    (folder / "zz_bad.json").write_text('[{"text": ', encoding="utf-8")
    (folder / "README.md").write_text("about this corpus", encoding="utf-8")
    return folder


def test_pandas_backend_dtypes_are_arrow_backed() -> None:
    df = warraq.read_corpus(SAMPLE, progress=False)
    assert {name: str(df[name].dtype) for name in df.columns} == warraq.COLUMNS
    # Text columns hold Arrow strings, not one Python object per value.
    assert df["body"].array._pa_array.type == pa.large_string()
    # Lists stay Python lists: pandas' own Parquet round trip of the frame works.
    assert isinstance(df.loc[0, "tags"], list)
    row = df.set_index("id").loc["002_sada_festival"]
    assert row["tags"] == ["الأردن", "جرش", "مهرجانات", "ثقافة"]
    assert all(isinstance(b, list) for b in df["boilerplate"])
    # The frame costs about what its text does (no per-string objects).
    text = sum(len(s.encode()) for s in df["body"])
    assert df["body"].memory_usage(deep=True, index=False) < 1.5 * text + 8 * len(df) + 64


def test_arrow_and_polars_backends_have_the_same_columns_and_values() -> None:
    pl = pytest.importorskip("polars")
    df = warraq.read_corpus(SAMPLE, progress=False)
    table = warraq.read_corpus(SAMPLE, progress=False, backend="arrow")
    assert isinstance(table, pa.Table)
    assert table.column_names == list(warraq.COLUMNS)
    for name, t in ARROW_TYPES.items():
        assert table.schema.field(name).type == t, name
    report = json.loads(table.schema.metadata[b"warraq"])
    assert set(report) == {
        "warraq_errors",
        "warraq_skipped_files",
        "warraq_empty_records",
        "warraq_archives",
        "warraq_flattened_pages",
    }
    frame = warraq.read_corpus(SAMPLE, progress=False, backend="polars")
    assert isinstance(frame, pl.DataFrame)
    assert frame.columns == list(warraq.COLUMNS)
    assert frame.schema["tags"] == pl.List(pl.String)
    assert frame.schema["published"] == pl.Datetime("ns")
    assert frame["title"].to_list() == df["title"].tolist()
    assert frame["tags"].to_list() == df["tags"].tolist()
    assert table.column("body").to_pylist() == df["body"].tolist()
    with pytest.raises(warraq.InvalidOptionError, match="backend"):
        warraq.read_corpus(SAMPLE, progress=False, backend="numpy")


def test_values_match_the_documents() -> None:
    df = warraq.read_corpus(SAMPLE, progress=False)
    for path, row in zip(df["path"], df.itertuples()):
        doc = warraq.parse_document(Path(path).read_text(encoding="utf-8"), id=Path(path).stem)
        assert row.body == doc.body
        assert row.title == doc.title
        assert list(row.boilerplate) == doc.boilerplate
        assert row.n_words == len(doc.body.split())


def test_missing_values_and_timestamps(corpus: Path) -> None:
    df = warraq.read_corpus(corpus, errors="skip", progress=False)
    r1 = df.set_index("id").loc["r1"]
    assert r1["published"] == pd.Timestamp("2016-05-03 10:00:00")
    assert r1["published_utc_offset"] == 180
    assert r1["tags"] == ["اقتصاد", "نفط"]
    one = df.set_index("id").loc["1"]
    assert pd.isna(one["subtitle"]) and pd.isna(one["published_utc_offset"]) and pd.isna(one["fetched"])
    assert one["tags"] == []


def test_attrs_errors_skip_and_raise(corpus: Path) -> None:
    with pytest.raises(warraq.ParseError, match="zz_bad.json"):
        warraq.read_corpus(corpus, progress=False)
    df = warraq.read_corpus(corpus, errors="skip", progress=False)
    assert [e["error"] for e in df.attrs["warraq_errors"]] == ["ParseError"]
    assert df.attrs["warraq_errors"][0]["path"].endswith("zz_bad.json")
    assert df.attrs["warraq_errors"][0]["line"] == 1
    assert [Path(p).name for p in df.attrs["warraq_skipped_files"]] == ["README.md"]
    assert [e["id"] for e in df.attrs["warraq_empty_records"]] == ["r2"]
    assert df.attrs["warraq_archives"] == []
    recurring = [any(b["reason"] == "recurring line" for b in bp) for bp in df["boilerplate"]]
    assert sum(recurring) == 6
    assert not df["body"].str.contains("منشور في موقع").any()


def test_parquet_round_trip_equals_the_direct_read(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.parquet"
    summary = warraq.write_parquet(corpus, out, errors="skip", progress=False)
    want = warraq.read_corpus(corpus, errors="skip", progress=False)
    assert (summary.rows, summary.files, summary.path) == (len(want), 10, str(out))
    assert summary.errors == want.attrs["warraq_errors"]
    assert summary.row_groups == pq.ParquetFile(out).num_row_groups >= 1
    assert summary.bytes == out.stat().st_size
    got = warraq.read_corpus(out)
    pd.testing.assert_frame_equal(got, want)
    assert got.attrs == want.attrs
    # The file is a plain Parquet file: pyarrow and pandas read it as they are.
    assert pq.read_table(out).column_names == list(warraq.COLUMNS)
    assert pd.read_parquet(out)["body"].tolist() == want["body"].tolist()
    table = warraq.read_corpus(out, backend="arrow")
    assert json.loads(table.schema.metadata[b"warraq"])["warraq_errors"] == want.attrs["warraq_errors"]
    # Two files read back as one corpus, reports joined in order.
    twice = warraq.read_corpus([out, out])
    assert len(twice) == 2 * len(want) and len(twice.attrs["warraq_errors"]) == 2


def test_parquet_without_recurring_is_one_pass_and_equals_read_corpus(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "flat.parquet"
    summary = warraq.write_parquet(corpus, out, errors="skip", recurring=False, progress=False)
    want = warraq.read_corpus(corpus, errors="skip", recurring=False, progress=False)
    pd.testing.assert_frame_equal(warraq.read_corpus(out), want)
    assert summary.rows == len(want)
    assert want["body"].str.contains("منشور في موقع").sum() == 6


def test_parquet_raise_leaves_no_file(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.parquet"
    with pytest.raises(warraq.ParseError, match="zz_bad.json"):
        warraq.write_parquet(corpus, out, progress=False)
    assert not out.exists()
    assert list(tmp_path.glob(".x.parquet*")) == []
    with pytest.raises(FileNotFoundError):
        warraq.write_parquet(corpus, tmp_path / "missing" / "x.parquet", errors="skip", progress=False)


def test_read_corpus_of_a_parquet_that_is_not_a_corpus(tmp_path: Path) -> None:
    out = tmp_path / "other.parquet"
    pq.write_table(pa.table({"text": ["نص"]}), out)
    with pytest.raises(warraq.ParseError, match="write_parquet"):
        warraq.read_corpus(out)


def test_iter_corpus_batches_carry_their_report(corpus: Path) -> None:
    batches = list(warraq.iter_corpus(corpus, batch_size=4, errors="skip", progress=False))
    assert [len(b) for b in batches] == [4, 4, 1]
    assert all({n: str(b[n].dtype) for n in b.columns} == warraq.COLUMNS for b in batches)
    assert sum(len(b.attrs["warraq_errors"]) for b in batches) == 1
    assert all([Path(p).name for p in b.attrs["warraq_skipped_files"]] == ["README.md"] for b in batches)
    tables = list(warraq.iter_corpus(corpus, batch_size=4, errors="skip", progress=False, backend="arrow"))
    assert pa.concat_tables(tables).num_rows == 9
    whole = warraq.read_corpus(corpus, errors="skip", recurring=False, progress=False)
    pd.testing.assert_series_equal(
        pd.concat([b["body"] for b in batches], ignore_index=True), whole["body"], check_names=False
    )


def test_accessor_and_vectorizer_take_the_arrow_columns() -> None:
    df = warraq.read_corpus(SAMPLE, progress=False)
    normalized = df["title"].ar.normalize()
    assert normalized.tolist() == [warraq.normalize(t) for t in df["title"]]
    X = warraq.TfidfVectorizer().fit_transform(df["body"])
    assert X.shape[0] == len(df)
    ents = warraq.entities_frame(df, progress=False)
    assert len(ents) > 0


def test_dask_partitions_are_arrow_backed_and_write_parquet(tmp_path: Path) -> None:
    wd = pytest.importorskip("warraq.dask")
    pytest.importorskip("dask.dataframe")
    want = warraq.read_corpus(SAMPLE, progress=False)
    ddf = wd.read_corpus(SAMPLE, files_per_partition=2)
    assert ddf._meta.dtypes.equals(want.dtypes)
    out = tmp_path / "dask_parquet"
    wd.to_parquet(ddf, out)
    back = pd.read_parquet(out)
    assert back["body"].tolist() == want["body"].tolist()
    assert [list(t) for t in back["tags"]] == want["tags"].tolist()
    assert [list(b) for b in back["boilerplate"]] == want["boilerplate"].tolist()
    assert np.array_equal(back["n_words"].to_numpy(), want["n_words"].to_numpy())
