"""Trends sum to the counts per document; gaps are filled with zeros."""

from __future__ import annotations

import random

import pandas as pd
import pytest

import warraq


def test_trends_of_terms_sum_to_kwic_counts(sample_paths) -> None:  # type: ignore[no-untyped-def]
    df = warraq.read_corpus(sample_paths, progress=False)
    terms = ["المشروع", "اقتصاد*", "مياه"]
    t = warraq.trends(df, terms=terms, freq="M", by="source", progress=False)
    dated = df[df["published"].notna()]
    for term in terms:
        lines = warraq.kwic(dated, term, progress=False)
        assert t.loc[t["term"] == term, "count"].sum() == len(lines), term
    assert t["n_docs"].sum() == len(terms) * len(dated)
    # every month from the first to the last, for every source and term
    months = pd.period_range(dated["published"].min(), dated["published"].max(), freq="M")
    assert len(t) == len(months) * dated["source"].nunique() * len(terms)
    assert (t.loc[t["n_docs"] == 0, "count"] == 0).all()


def test_trends_of_a_dictionary_sum_to_dictionary_counts(saudinewsnet) -> None:  # type: ignore[no-untyped-def]
    rows = random.Random(6).sample(saudinewsnet, 400)
    df = pd.DataFrame({"published": pd.to_datetime([r["date_extracted"] for r in rows]),
                       "source": [r["source"] for r in rows], "body": [r["content"] for r in rows]})
    counts = warraq.dictionary_counts(df, warraq.EXAMPLE_DICTIONARY, progress=False)
    for freq in ("D", "W", "M"):
        t = warraq.trends(df, dictionary=warraq.EXAMPLE_DICTIONARY, freq=freq, by="source", progress=False)
        per = t.groupby("term", sort=False)["count"].sum()
        for category in warraq.Dictionary.load(warraq.EXAMPLE_DICTIONARY).categories:
            assert per[category] == counts[category].sum(), (freq, category)
        assert t.groupby("term")["n_words"].sum().eq(counts["n_words"].sum()).all()
        assert (t["rate"] >= 0).all()


def test_trends_of_entities_and_bad_calls() -> None:
    df = pd.DataFrame({"published": pd.to_datetime(["2016-01-05", "2016-01-07", None]),
                       "body": ["زار الرئيس دمشق ثم حلب", "عاد إلى دمشق", "دمشق"]})
    t = warraq.trends(df, entities=["دمشق"], freq="D", progress=False)
    assert t["count"].tolist() == [1, 0, 1] and t["n_docs"].tolist() == [1, 0, 1]
    with pytest.raises(ValueError, match="exactly one"):
        warraq.trends(df, terms=["x"], entities=["y"])
    with pytest.raises(KeyError, match="nope"):
        warraq.trends(df, terms=["x"], by="nope")
