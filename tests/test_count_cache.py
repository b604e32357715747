"""The kept counts of warraq._count_cache: a repeated question about the same texts
reuses them, and its answer is the one a fresh count gives; changed texts or
options are counted again."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

import warraq
from warraq import _count_cache


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    _count_cache.clear()
    yield
    _count_cache.clear()


@pytest.fixture(scope="module")
def frame(sample_texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"body": sample_texts, "source": [f"s{i % 3}" for i in range(len(sample_texts))]})


def fresh(f, *args, **kwargs):  # type: ignore[no-untyped-def]
    _count_cache.clear()
    return f(*args, **kwargs)


def test_repeated_questions_reuse_one_count(frame: pd.DataFrame) -> None:
    first = warraq.keyness(frame, "source == 's0'")
    counts = _count_cache.term_counts(frame["body"].tolist(), {"stem": "light", "stopwords": "arabic"}, numbers=False)
    # another target, a node word, a frequency list: all from the kept count
    second = warraq.keyness(frame, "source == 's1'", measure="chi2")
    around = warraq.collocations(frame, around="المياه", min_count=1)
    freq = warraq.frequencies(frame, by="source")
    assert len(_count_cache._entries) == 1
    assert counts is _count_cache.term_counts(list(frame["body"]), {"stopwords": "arabic", "stem": "light"}, numbers=False)
    pd.testing.assert_frame_equal(first, fresh(warraq.keyness, frame, "source == 's0'"))
    pd.testing.assert_frame_equal(second, fresh(warraq.keyness, frame, "source == 's1'", measure="chi2"))
    pd.testing.assert_frame_equal(around, fresh(warraq.collocations, frame, around="المياه", min_count=1))
    pd.testing.assert_frame_equal(freq, fresh(warraq.frequencies, frame, by="source"))


def test_changed_texts_or_options_are_counted_again(frame: pd.DataFrame) -> None:
    before = warraq.frequencies(frame)
    changed = frame.copy()
    changed.loc[0, "body"] = changed.loc[0, "body"] + " المياه المياه المياه"
    after = warraq.frequencies(changed)
    water = lambda f: int(f.loc[f["word"] == "المياه", "count"].iloc[0])  # noqa: E731
    assert water(after) == water(before) + 3
    pd.testing.assert_frame_equal(after, fresh(warraq.frequencies, changed))
    # the same texts in another order are another corpus
    flipped = frame.iloc[::-1].reset_index(drop=True)
    pd.testing.assert_frame_equal(warraq.frequencies(flipped, by="source"), fresh(warraq.frequencies, flipped, by="source"))
    # options: numbers, unit and stopwords each make their own count
    with_numbers = warraq.frequencies(frame, numbers=True)
    assert len(with_numbers) > len(before)
    words = warraq.frequencies(frame, unit="word")
    pd.testing.assert_frame_equal(words, fresh(warraq.frequencies, frame, unit="word"))
    no_stopwords = warraq.frequencies(frame, stopwords=None)
    assert len(no_stopwords) > len(before)


def test_a_count_with_sequences_answers_the_rest(frame: pd.DataFrame) -> None:
    grams = warraq.collocations(frame)  # counted with word sequences
    assert len(_count_cache._entries) == 1
    k = warraq.keyness(frame, "source == 's2'")
    assert len(_count_cache._entries) == 1
    pd.testing.assert_frame_equal(k, fresh(warraq.keyness, frame, "source == 's2'"))
    pd.testing.assert_frame_equal(grams, fresh(warraq.collocations, frame))


def test_at_most_two_counts_are_kept(frame: pd.DataFrame) -> None:
    for n in (5, 6, 7):
        warraq.frequencies(frame.head(n))
    assert len(_count_cache._entries) == _count_cache.MAX_ENTRIES == 2
