"""Scraper records with their own field names (JSON, JSON lines, CSV): aliases,
``columns=``, dates with offsets, tags, summaries, and records with blank text."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import warraq

SCRAPE = [
    {
        "title": "وزير الطاقة يفتتح محطة جديدة",
        "author": "محمد علي",
        "published_time": "2020-08-24T14:05:00+03:00",
        "keywords": "طاقة, كهرباء، مشاريع",
        "description": "افتتح الوزير محطة للطاقة الشمسية.",
        "full_text": "افتتح وزير الطاقة اليوم محطة جديدة للطاقة الشمسية في جنوب البلاد.\nوقال إن المحطة ستزود آلاف المنازل بالكهرباء.",
        "time": "2021-01-02 10:00",
    },
    {
        "title": "كاريكاتير",
        "author": "رسام",
        "published_time": "2020-08-25T09:00:00Z",
        "keywords": [],
        "description": "",
        "full_text": "   ",
        "time": "2021-01-03 10:00",
    },
]


def write_json(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def test_scrape_with_its_own_names_is_read_by_default(tmp_path: Path) -> None:
    df = warraq.read_corpus(write_json(tmp_path / "scrape.json", SCRAPE), progress=False)
    assert len(df) == 1
    row = df.iloc[0]
    assert row["title"] == "وزير الطاقة يفتتح محطة جديدة"
    assert row["author"] == "محمد علي"
    # local time as written, and the offset it was written with
    assert row["published"] == pd.Timestamp("2020-08-24 14:05")
    assert row["published_utc_offset"] == 180
    utc = row["published"] - pd.Timedelta(minutes=int(row["published_utc_offset"]))
    assert utc == pd.Timestamp("2020-08-24 11:05")
    assert row["tags"] == ["طاقة", "كهرباء", "مشاريع"]
    assert row["summary"] == "افتتح الوزير محطة للطاقة الشمسية."
    assert row["body"].startswith("افتتح وزير الطاقة اليوم")
    # the blank record is listed, not a row
    assert df.attrs["warraq_empty_records"] == [
        {"path": str(tmp_path / "scrape.json"), "record": 1, "line": None, "id": "scrape#1"}
    ]


def test_columns_override_the_aliases(tmp_path: Path) -> None:
    path = write_json(tmp_path / "scrape.json", SCRAPE)
    df = warraq.read_corpus(path, columns={"published": "time"}, keep_empty=True, progress=False)
    assert len(df) == 2
    assert df["published"].tolist() == [pd.Timestamp("2021-01-02 10:00"), pd.Timestamp("2021-01-03 10:00")]
    assert df["published_utc_offset"].isna().all()
    assert df.loc[1, "body"] == "" and df.loc[1, "n_words"] == 0
    assert len(df.attrs["warraq_empty_records"]) == 1
    with pytest.raises(warraq.ParseError, match='no record has the field "tme"'):
        warraq.read_corpus(path, columns={"published": "tme"}, progress=False)
    with pytest.raises(warraq.InvalidOptionError, match="expected one of text, id, title"):
        warraq.read_corpus(path, columns={"body_text": "full_text"}, progress=False)


def test_no_text_field_lists_the_record_fields(tmp_path: Path) -> None:
    path = write_json(tmp_path / "odd.json", [{"headline": "عنوان", "lede": "نص"}])
    with pytest.raises(warraq.ParseError) as err:
        warraq.read_corpus(path, progress=False)
    assert "no text field (tried text, content" in str(err.value)
    assert "the record's fields: headline, lede" in str(err.value)
    df = warraq.read_corpus(path, columns={"text": "lede"}, progress=False)
    assert df.loc[0, ["title", "body"]].tolist() == ["عنوان", "نص"]


def test_csv_rss_dates_and_listed_tags(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(
        "link,pubDate,categories,lead,Content\n"
        'http://example.org/a,"Mon, 24 Aug 2020 14:05:00 +0300","[\'سياسة\', \'اقتصاد\']",'
        "ملخص قصير.,قال المتحدث إن الاجتماع انتهى باتفاق.\n"
        "http://example.org/b,1598267100,رياضة | كرة القدم,,فاز الفريق في المباراة النهائية.\n",
        encoding="utf-8",
    )
    df = warraq.read_corpus(path, progress=False)
    assert df["id"].tolist() == ["http://example.org/a", "http://example.org/b"]
    assert df["url"].tolist() == df["id"].tolist()
    assert df["published"].tolist() == [pd.Timestamp("2020-08-24 14:05"), pd.Timestamp("2020-08-24 11:05")]
    assert df["published_utc_offset"].tolist() == [180, 0]
    assert df["tags"].tolist() == [["سياسة", "اقتصاد"], ["رياضة", "كرة القدم"]]
    assert df["summary"].iloc[0] == "ملخص قصير." and pd.isna(df["summary"].iloc[1])


def test_jsonl_lists_authors_and_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        {"_id": 7, "headline": "عنوان الخبر", "authors": [{"name": "سارة أحمد"}, {"name": "علي حسن"}], "datePublished": "2019-03-01",
         "paragraphs": None, "text": ["الفقرة الأولى من الخبر.", "الفقرة الثانية من الخبر."]},
        {"_id": 8, "text": None},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    df = warraq.read_corpus(path, progress=False)
    assert df["id"].tolist() == ["7"]
    assert df.loc[0, "author"] == "سارة أحمد، علي حسن"
    assert df.loc[0, "body"] == "الفقرة الأولى من الخبر.\n\nالفقرة الثانية من الخبر."
    assert df.attrs["warraq_empty_records"] == [{"path": str(path), "record": 1, "line": 2, "id": "8"}]


def test_iter_corpus_and_dask_report_empty_records(tmp_path: Path) -> None:
    path = write_json(tmp_path / "scrape.json", SCRAPE)
    batches = list(warraq.iter_corpus(path, progress=False))
    assert [len(b) for b in batches] == [1]
    assert [e["id"] for e in batches[0].attrs["warraq_empty_records"]] == ["scrape#1"]
    pytest.importorskip("dask.dataframe")
    from warraq import dask as wdask

    ddf = wdask.read_corpus([path], columns={"published": "time"})
    computed = ddf.compute(scheduler="sync")
    assert computed["published"].tolist() == [pd.Timestamp("2021-01-02 10:00")]
    assert [e["id"] for e in computed.attrs["warraq_empty_records"]] == ["scrape#1"]
