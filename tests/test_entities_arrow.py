"""Entities as Arrow (crates/warraq/src/entities/{arrow,parquet}.rs,
crates/warraq-py/src/entities_arrow.rs, python/warraq/_entities_arrow.py): the three
backends agree with the entity API mention for mention, offsets index the original
text in code points, inputs of every kind, and the streamed Parquet file of a
corpus's entities."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import warraq
from conftest import SAMPLE

TEXTS = [
    "زار وزير الخارجية دمشق والتقى الرئيس بشار الأسد 🙂 في قصر الشعب",
    None,
    "بلغت الصادرات 36,7 مليار درهم بزيادة ٪11 من 5 إلى 12 ماي",
    "",
    "نزح 6 آلاف شخص من حلب يوم الاثنين",
]
DATES = ["2016-05-20", None, "2016-05-20", None, "2017-03-02"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"id": [10, 11, 12, 13, 14], "body": TEXTS, "published": DATES})


def _expected() -> list[tuple[int, str, str, int, int, object]]:
    """The mentions as the one-text API finds them, with their id."""
    ner = warraq.EntityRecognizer()
    out = []
    for i, (text, date) in enumerate(zip(TEXTS, DATES)):
        for e in ner.extract(text or "", published=date):
            out.append((10 + i, e.label, e.text, e.start, e.end, e.value))
    return out


def test_pandas_backend_matches_the_entity_api() -> None:
    ents = warraq.entities_frame(_frame(), progress=False)
    assert list(ents.columns) == warraq.entities.COLUMNS
    got = list(zip(ents["id"], ents["label"], ents["text"], ents["start"], ents["end"], ents["value"]))
    expected = _expected()
    assert len(expected) >= 6
    assert got == expected
    assert str(ents["text"].dtype) == "str" and str(ents["label"].dtype) == "str"
    assert ents["value"].dtype == object and ents["id"].dtype == "int64"
    # offsets are code points into the original text (the emoji counts as one)
    for row in ents.itertuples():
        assert TEXTS[row.id - 10][row.start : row.end] == row.text


@pytest.mark.parametrize("backend", ["arrow", "polars"])
def test_arrow_and_polars_backends_hold_the_same_mentions(backend: str) -> None:
    if backend == "polars":
        pytest.importorskip("polars")
    out = warraq.entities_frame(_frame(), backend=backend, progress=False)
    table = out if backend == "arrow" else out.to_arrow()
    assert table.column_names == [*warraq.entities.COLUMNS, "number"]
    assert table.schema.field("text").type in (pa.large_string(), pa.string_view())
    assert table.schema.field("number").type == pa.float64()
    rows = table.to_pylist()
    expected = _expected()
    assert [(r["id"], r["label"], r["text"], r["start"], r["end"]) for r in rows] == [e[:5] for e in expected]
    for r, e in zip(rows, expected):
        value = e[5]
        if isinstance(value, float):
            assert r["number"] == pytest.approx(value) and float(r["value"]) == pytest.approx(value)
        else:
            assert r["value"] == value and r["number"] is None


def test_inputs_polars_arrow_and_object_columns_give_one_result() -> None:
    expected = warraq.entities_frame(_frame(), progress=False)
    table = pa.table({"id": pa.array([10, 11, 12, 13, 14]), "body": TEXTS, "published": DATES})
    assert warraq.entities_frame(table, progress=False).equals(expected)
    objects = _frame().astype({"body": object})
    objects.loc[1, "body"] = 42  # not a string: no text, as before
    assert warraq.entities_frame(objects, progress=False).equals(expected)
    dated = _frame().assign(published=pd.to_datetime(DATES))
    assert warraq.entities_frame(dated, progress=False).equals(expected)
    days = _frame().assign(published=[None if d is None else dt.date.fromisoformat(d) for d in DATES])
    assert warraq.entities_frame(days, progress=False).equals(expected)
    pl = pytest.importorskip("polars")
    assert warraq.entities_frame(pl.from_arrow(table), progress=False).equals(expected)


def test_chunks_count_rows_across_the_whole_input() -> None:
    texts = [f"زار الوزير دمشق رقم {i}" for i in range(700)]
    df = pd.DataFrame({"id": [f"d{i}" for i in range(700)], "body": texts})
    ents = warraq.entities_frame(df, progress=False, published_column=None)
    assert (ents["text"] == "دمشق").sum() == 700
    assert ents.loc[ents["text"] == "دمشق", "id"].tolist() == df["id"].tolist()


def test_bad_dates_and_backends_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        warraq.entities_frame(_frame().assign(published=["أمس"] * 5), progress=False)
    with pytest.raises(warraq.InvalidOptionError, match="backend"):
        warraq.entities_frame(_frame(), backend="spark", progress=False)
    with pytest.raises(KeyError, match="text"):
        warraq.entities_frame(_frame(), text_column="text", progress=False)
    with pytest.raises(TypeError, match="string array"):
        warraq.EntityRecognizer().extract_arrow(pa.array([1, 2]))
    with pytest.raises(ValueError, match="2 dates for 1 texts"):
        warraq.EntityRecognizer().extract_arrow(pa.array(["نص"]), pa.array([None, None], pa.date32()))


def test_no_texts_give_an_empty_frame_of_the_columns() -> None:
    empty = pd.DataFrame({"id": pd.Series([], dtype="int64"), "body": pd.Series([], dtype="str")})
    ents = warraq.entities_frame(empty, progress=False)
    assert len(ents) == 0 and list(ents.columns) == warraq.entities.COLUMNS
    assert warraq.entities_frame(empty, backend="arrow", progress=False).num_rows == 0


def test_write_entities_parquet_is_entities_frame_of_the_corpus(tmp_path: Path) -> None:
    out = tmp_path / "e.parquet"
    summary = warraq.write_entities_parquet(SAMPLE, out, progress=False)
    df = warraq.read_corpus(SAMPLE, progress=False)
    expected = warraq.entities_frame(df, backend="arrow", progress=False)
    back = pq.read_table(out)
    assert summary.rows == back.num_rows == expected.num_rows > 0
    assert back.column_names == ["id", "path", *expected.column_names[1:]]
    assert back.drop_columns(["id", "path"]).equals(expected.drop_columns(["id"]))
    assert back.column("id").to_pylist() == expected.column("id").to_pylist()
    by_id = dict(zip(df["id"], df["path"]))
    assert {by_id[i] for i in back.column("id").to_pylist()} == set(back.column("path").to_pylist())
    # offsets index the body read_corpus gives
    bodies = dict(zip(df["id"], df["body"]))
    for r in back.select(["id", "text", "start", "end"]).to_pylist():
        assert bodies[r["id"]][r["start"] : r["end"]] == r["text"]
    places = warraq.write_entities_parquet(SAMPLE, tmp_path / "p.parquet", labels=["location"], progress=False)
    assert 0 < places.rows < summary.rows
    assert set(pq.read_table(tmp_path / "p.parquet").column("label").to_pylist()) == {"LOCATION"}


def test_write_entities_parquet_skips_or_raises_and_leaves_no_file(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("عنوان\n\nزار الوزير دمشق.", encoding="utf-8")
    (folder / "bad.json").write_text('[{"text": ', encoding="utf-8")
    out = tmp_path / "e.parquet"
    with pytest.raises(warraq.ParseError, match="bad.json"):
        warraq.write_entities_parquet(folder, out, progress=False)
    assert not out.exists()
    summary = warraq.write_entities_parquet(folder, out, errors="skip", progress=False)
    assert [e["path"] for e in summary.errors] == [str(folder / "bad.json")]
    assert summary.rows == 1
    with pytest.raises(warraq.InvalidOptionError, match="label"):
        warraq.write_entities_parquet(folder, out, labels=["PLACE"], errors="skip", progress=False)
    with pytest.raises(TypeError, match="unexpected keyword"):
        warraq.write_entities_parquet(folder, out, backend="arrow", progress=False)
