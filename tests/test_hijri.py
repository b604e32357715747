"""Hijri conversion against an independent implementation of the Umm al-Qura calendar.

``hijridate`` (PyPI) converts with the Umm al-Qura table for 1343-1500 AH; warraq must
agree with it on every day of that range, in both directions, on every month length,
and reject the same non-existent days.
"""

from __future__ import annotations

import datetime

import pytest
from hijridate import Gregorian, Hijri

import warraq


def _months() -> list[tuple[int, int]]:
    return [(y, m) for y in range(1343, 1501) for m in range(1, 13)]


def test_every_day_of_the_umm_al_qura_era_both_ways() -> None:
    checked = 0
    for year, month in _months():
        length = Hijri(year, month, 1).month_length()
        assert warraq.hijri_month_length(year, month) == length, (year, month)
        for day in range(1, length + 1):
            expected = Hijri(year, month, day).to_gregorian()
            got = warraq.hijri_to_gregorian(year, month, day)
            assert got == expected, (year, month, day, got, expected)
            assert warraq.gregorian_to_hijri(got) == (year, month, day), got
            checked += 1
    # 158 years of 354 or 355 days (and the early table's odd months).
    first, last = datetime.date(1924, 8, 1), datetime.date(2077, 11, 16)
    assert checked == (last - first).days + 1


def test_every_gregorian_day_of_the_era_converts_as_hijridate_does() -> None:
    day, last = datetime.date(1924, 8, 1), datetime.date(2077, 11, 16)
    while day <= last:
        expected = Gregorian(day.year, day.month, day.day).to_hijri().datetuple()
        assert warraq.gregorian_to_hijri(day) == expected, day
        day += datetime.timedelta(days=1)


def test_days_past_the_end_of_a_month_are_errors() -> None:
    short = [(y, m) for y, m in _months() if Hijri(y, m, 1).month_length() < 30]
    assert len(short) > 800
    for year, month in short:
        length = Hijri(year, month, 1).month_length()
        with pytest.raises(warraq.InvalidOptionError, match="Hijri month"):
            warraq.hijri_to_gregorian(year, month, length + 1)
    with pytest.raises(warraq.InvalidOptionError, match="month"):
        warraq.hijri_to_gregorian(1437, 13, 1)


def test_calendar_outside_the_table_is_tabular() -> None:
    assert warraq.hijri_calendar(1343) == warraq.hijri_calendar(1500) == "islamic-umalqura"
    assert warraq.hijri_calendar(1342) == warraq.hijri_calendar(1501) == "islamic-civil"
    assert warraq.hijri_to_gregorian(1, 1, 1) == datetime.date(622, 7, 19)
    assert warraq.gregorian_to_hijri(datetime.date(2077, 11, 17)) == (1501, 1, 1)
    with pytest.raises(warraq.InvalidOptionError):
        warraq.gregorian_to_hijri(datetime.date(622, 7, 18))


def test_hijri_dates_in_text_use_the_table() -> None:
    # 1 Ramadan 1437 and 10 Dhu al-Hijjah 1436 by the Umm al-Qura calendar; the tabular
    # calendar puts the second on 2015-09-24.
    found = warraq.extract_entities("أعلن في 1 رمضان 1437هـ وفي 10 ذو الحجة 1436 هـ")
    dates = [e.value for e in found if e.label == "DATE"]
    assert dates == ["2016-06-06", "2015-09-23"]


def test_read_corpus_published_reads_hijri_dates_with_the_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A date line in the article and a metadata field: both are read by the parser that
    # extract_entities uses, Hijri dates through the Umm al-Qura table (the tabular
    # calendar puts 10 Dhu al-Hijjah 1436 on 2015-09-24).
    article = "عنوان الخبر هنا\n\nالخميس 10 ذو الحجة 1436هـ\n\nقال المتحدث إن الاجتماع انتهى دون اتفاق على موعد جديد.\n"
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        '{"id": "b", "date": "1 رمضان 1437 هـ", "text": "قال المتحدث إن الاجتماع انتهى دون اتفاق."}\n',
        encoding="utf-8",
    )
    df = warraq.read_corpus([tmp_path / "a.txt", tmp_path / "b.jsonl"], progress=False)
    published = [p.date() if hasattr(p, "date") else p for p in df["published"]]
    assert [str(p)[:10] for p in published] == ["2015-09-23", "2016-06-06"]
