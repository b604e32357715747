"""The .ar pandas accessor (mirrors python/warraq/accessor.py): each method equals
the batch API it wraps, keeps the index, and keeps missing values missing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import warraq

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    return warraq.read_corpus(ROOT / "examples" / "sample_corpus", progress=False)


def test_registered_on_import() -> None:
    from warraq.accessor import DataFrameAccessor, SeriesAccessor

    assert pd.Series.ar is SeriesAccessor
    assert pd.DataFrame.ar is DataFrameAccessor


def test_normalize_and_tokens_equal_the_batch_api(df: pd.DataFrame) -> None:
    s = df.set_index("id")["body"]
    out = s.ar.normalize(progress=False)
    assert out.index.equals(s.index) and out.name == "body"
    assert out.tolist() == warraq.Normalizer().normalize_batch(s.tolist())
    assert s.ar.normalize(teh_marbuta=False).tolist() == warraq.Normalizer(teh_marbuta=False).normalize_batch(s.tolist())
    assert s.ar.tokens().tolist() == warraq.tokenize_batch(s.tolist())
    assert s.ar.tokens(normalize=True).tolist() == warraq.Normalizer().tokenize_batch(s.tolist())
    assert s.ar.tokens(digits=False).tolist() == warraq.Normalizer(digits=False).tokenize_batch(s.tolist())


def test_missing_values_stay_missing_and_other_types_are_named() -> None:
    s = pd.Series(["أعلنت", None, np.nan, "زار"], index=[10, 11, 12, 13])
    assert s.ar.normalize().tolist() == ["اعلنت", None, None, "زار"]
    assert s.ar.tokens().tolist() == [["أعلنت"], None, None, ["زار"]]
    assert s.ar.keywords(1, stopwords=None, stem=None).tolist() == [["اعلنت"], None, None, ["زار"]]
    with pytest.raises(TypeError, match="index 1 is int"):
        pd.Series(["a", 5]).ar.normalize()
    with pytest.raises(TypeError, match="no_such_option"):
        pd.Series(["a"]).ar.normalize(no_such_option=True)


def test_entities_frame_shape_and_ids(df: pd.DataFrame) -> None:
    s = df.set_index("id")["body"]
    ents = s.ar.entities(published=df["published"], progress=False)
    expected = warraq.entities_frame(df, progress=False)
    pd.testing.assert_frame_equal(ents.reset_index(drop=True), expected.reset_index(drop=True))
    assert list(ents.columns) == [
        "id",
        "label",
        "text",
        "normalized",
        "value",
        "start",
        "end",
        "score",
        "begin_value",
        "end_value",
        "anchor",
    ]
    assert set(ents["id"]) <= set(s.index)
    # the frame form, without an id column, uses the index labels
    frame_ents = df[["body"]].ar.entities(progress=False)
    assert set(frame_ents["id"]) <= set(df.index)
    assert frame_ents["text"].tolist() == warraq.entities_frame(df, published_column=None, progress=False)["text"].tolist()


def test_keywords_and_tfidf_equal_the_vectorizer(df: pd.DataFrame) -> None:
    vec, X = df.ar.tfidf(min_df=1, ngram_range=(1, 2))
    ref = warraq.TfidfVectorizer(min_df=1, ngram_range=(1, 2))
    Xr = ref.fit_transform(df["body"].tolist())
    assert (X != Xr).nnz == 0 and X.shape[0] == len(df)
    assert vec.vocabulary_ == ref.vocabulary_
    res = df.ar.tfidf()
    assert res.vectorizer is not None and res.matrix.shape[0] == len(df)
    kws = df["body"].ar.keywords(3)
    assert kws.index.equals(df.index)
    v = warraq.TfidfVectorizer()
    expected = [[t for t, _ in row] for row in v.keywords(v.fit_transform(df["body"].tolist()), k=3)]
    assert kws.tolist() == expected
    scored = df["body"].ar.keywords(3, scores=True)
    assert [[t for t, _ in row] for row in scored] == expected
    with pytest.raises(KeyError, match="no column 'text'"):
        df.ar.tfidf("text")


def test_near_duplicates_and_render(df: pd.DataFrame) -> None:
    pairs = df.ar.near_duplicates()
    pd.testing.assert_frame_equal(pairs, warraq.near_duplicates(df))
    assert df.ar.render(0).html == warraq.render(df.iloc[0]).html
