"""The temporal test corpus through the Python API: ``extract_entities`` on every case
of ``cases.tsv`` (with its reference date as ``published``) scores as the core's
scorer does (``crates/warraq/tests/temporal_suite.rs``), and ``Entity``'s TIMEX3
fields are what the cases expect. The floors are what the recogniser reaches on this
corpus, which it was written against; the held-out corpus is only measured
(``benchmarks/bench_temporal.py``) and checked against the issue's targets in Rust.
"""

from __future__ import annotations

import datetime

import pytest
from temporal_cases import DEV, TYPES, read_cases, score

import warraq
from warraq import extract_entities


@pytest.fixture(scope="module")
def dev_scores():  # type: ignore[no-untyped-def]
    cases = read_cases(DEV)
    assert len(cases) >= 500
    return score(cases)


def test_dev_corpus_scores_through_extract_entities(dev_scores) -> None:  # type: ignore[no-untyped-def]
    s = dev_scores
    print(s.table())
    assert s.overlap["all"].gold == sum(s.overlap[t].gold for t in TYPES)
    assert s.strict["DATE"].precision >= 0.99 and s.strict["DATE"].recall >= 0.99
    for t in ("TIME", "DURATION", "SET"):
        assert s.overlap[t].precision >= 0.95 and s.overlap[t].recall >= 0.95, t
    n, _, exact = s.values_with_reference
    assert exact / n >= 0.98
    n, _, exact = s.values_all
    assert exact / n >= 0.98


def test_every_temporal_value_is_valid_timex3() -> None:
    text = "وصل الوفد الاثنين 12 يناير 2016 الساعة 8:00 مساء وبقي 3 أيام، ويعود كل اثنين، بين 2011 و2013"
    for e in extract_entities(text, published="2016-11-07"):
        if e.label in TYPES:
            assert isinstance(e.value, str) and e.anchor in ("text", "reference")
            assert (e.begin_value is None) == (e.end_value is None)
        else:
            assert e.anchor is None and e.begin_value is None and e.calendar is None


def test_values_at_the_precision_written() -> None:
    ref = datetime.date(2016, 11, 7)
    cases = {
        "الاثنين 12 يناير 2016": ("DATE", "2016-01-12", "text"),
        "في مارس 2016": ("DATE", "2016-03", "text"),
        "في الثمانينات": ("DATE", "198X", "reference"),
        "3 أيام": ("DURATION", "P3D", "text"),
        "ساعتين": ("DURATION", "PT2H", "text"),
        "أمس": ("DATE", "2016-11-06", "reference"),
        "بكرا": ("DATE", "2016-11-08", "reference"),
        "الأسبوع الماضي": ("DATE", "2016-W44", "reference"),
        "منذ 3 أعوام": ("DATE", "2013", "reference"),
        "كل اثنين": ("SET", "XXXX-WXX-1", "text"),
        "مؤخرا": ("DATE", "PAST_REF", "text"),
    }
    for text, want in cases.items():
        got = [(e.label, e.value, e.anchor) for e in extract_entities(text, published=ref) if e.label in TYPES]
        assert got == [want], text


def test_prefer_is_the_side_of_the_reference() -> None:
    ref = "2016-05-03"
    assert extract_entities("في 28 مايو", published=ref)[0].value == "2015-05-28"
    assert extract_entities("في 28 مايو", published=ref, prefer="future")[0].value == "2016-05-28"
    assert extract_entities("في 28 مايو", published=ref, prefer="nearest")[0].value == "2016-05-28"
    # a date written in full never moves
    assert extract_entities("الاثنين 12 يناير 2016", published=ref, prefer="future")[0].value == "2016-01-12"
    with pytest.raises(warraq.InvalidOptionError):
        extract_entities("في 28 مايو", published=ref, prefer="later")


def test_hijri_values_carry_their_calendar() -> None:
    (e,) = [e for e in extract_entities("صدر القرار في 15 جمادى الآخرة 1440هـ") if e.label == "DATE"]
    assert (e.value, e.calendar) == ("2019-02-20", "islamic-umalqura")
