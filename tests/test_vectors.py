"""warraq.vectors: analyzer, TfidfVectorizer parity with scikit-learn, estimator
protocol, keywords, similar, near-duplicates."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import warraq
from tests.conftest import shared_path
from warraq import TfidfVectorizer

sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
SkTfidf = sklearn_text.TfidfVectorizer


# -- analyzer --------------------------------------------------------------------


def test_analyze_drops_stopwords_with_clitics_and_stems() -> None:
    assert warraq.analyze("والتي وفي فقد ذهب إلى المدرسة", stem=None) == ["ذهب", "المدرسه"]
    assert warraq.analyze("ذهب إلى المدرسة") == ["ذهب", "مدرس"]
    assert warraq.analyze("ذهب إلى المدرسة", stopwords=None, stem=None) == ["ذهب", "الي", "المدرسه"]
    assert warraq.analyze("الطلاب في المدارس", stopwords=warraq.stopwords() | {"طلاب", "الطلاب"}) == ["مدارس"]
    assert warraq.analyze("The UN قال", stopwords=["the"]) == ["un", "قال"]  # replaced, not extended


def test_analyze_normalisation_is_configurable() -> None:
    assert warraq.analyze("المدرسة", stem=None, normalize={"teh_marbuta": False}) == ["المدرسة"]
    assert warraq.analyze("إلى المدرسةِ", stem=None, normalize=False) == ["المدرسةِ"]
    with pytest.raises(warraq.InvalidOptionError):
        warraq.analyze("x", normalize={"no_such_option": True})
    with pytest.raises(warraq.InvalidOptionError):
        warraq.analyze("x", analyzer="words")
    with pytest.raises(warraq.InvalidOptionError):
        warraq.analyze("x", stem="porter")
    with pytest.raises(warraq.InvalidOptionError):
        warraq.analyze("x", ngram_range=(2, 1))


def test_whitespace_and_char_wb_follow_sklearn() -> None:
    text = "ab  cde f"
    sk = SkTfidf(analyzer="char_wb", ngram_range=(1, 4), lowercase=False).build_analyzer()
    assert warraq.analyze(text, analyzer="char_wb", ngram_range=(1, 4), normalize=False) == sk(text)
    sk = SkTfidf(tokenizer=str.split, token_pattern=None, lowercase=False, ngram_range=(1, 3)).build_analyzer()
    assert sorted(warraq.analyze(text, analyzer="whitespace", ngram_range=(1, 3))) == sorted(sk(text))


def test_light_stem() -> None:
    assert warraq.light_stem("والمدارس") == "مدارس"
    assert warraq.light_stem("للطلاب") == "طلاب"
    assert warraq.light_stem("المعلمون") == "معلم"
    assert warraq.light_stem("من") == "من"
    assert warraq.snowball_stem("بالمدارس") == "مدارس"
    assert warraq.analyze("بالمدارس", stem="snowball") == ["مدارس"]


# -- parity with scikit-learn --------------------------------------------------------

PARAMS = st.fixed_dictionaries(
    {
        "min_df": st.sampled_from([1, 2, 3, 0.0, 0.2, 0.5, 1.0]),
        "max_df": st.sampled_from([1.0, 0.9, 0.5, 0.2, 1, 2, 4]),
        "max_features": st.sampled_from([None, 1, 2, 3, 5, 50]),
        "binary": st.booleans(),
        "norm": st.sampled_from(["l2", "l1", None]),
        "use_idf": st.booleans(),
        "smooth_idf": st.booleans(),
        "sublinear_tf": st.booleans(),
        "dtype": st.sampled_from([np.float64, np.float32]),
    }
)
WORDS = ["نفط", "ذهب", "قمح", "a", "b", "ب", "ت", "ثثث", "Ωx", "9"]
CORPUS = st.lists(st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join), min_size=1, max_size=12)


def _assert_same(ours: sp.csr_matrix, theirs: Any, dtype: Any) -> None:
    theirs = sp.csr_matrix(theirs)
    theirs.sort_indices()
    assert ours.shape == theirs.shape
    assert ours.dtype == theirs.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(ours.indptr, theirs.indptr)
    np.testing.assert_array_equal(ours.indices, theirs.indices)
    if np.dtype(dtype) == np.float64:
        np.testing.assert_allclose(ours.data, theirs.data, rtol=0, atol=1e-12)
    else:  # float32: scikit-learn computes in float32, we round the float64 result
        np.testing.assert_allclose(ours.data, theirs.data, rtol=2e-6, atol=1e-7)


def _check_parity(ours_v: TfidfVectorizer, sk_v: Any, fit_docs: list[Any], new_docs: list[Any], params: dict[str, Any]) -> None:
    try:
        expected = sk_v.fit_transform(fit_docs)
    except ValueError:
        with pytest.raises(ValueError):
            ours_v.fit_transform(fit_docs)
        return
    got = ours_v.fit_transform(fit_docs)
    assert list(ours_v.get_feature_names_out()) == list(sk_v.get_feature_names_out())
    assert ours_v.vocabulary_ == sk_v.vocabulary_
    if params["use_idf"]:
        assert ours_v.idf_.dtype == sk_v.idf_.dtype
        np.testing.assert_allclose(ours_v.idf_, sk_v.idf_, rtol=1e-6 if params["dtype"] == np.float32 else 1e-15)
    _assert_same(got, expected, params["dtype"])
    _assert_same(ours_v.transform(new_docs), sk_v.transform(new_docs), params["dtype"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=CORPUS, params=PARAMS, new=CORPUS)
def test_parity_callable_analyzer(corpus: list[str], params: dict[str, Any], new: list[str]) -> None:
    ours = TfidfVectorizer(analyzer=str.split, progress=False, **params)
    theirs = SkTfidf(analyzer=str.split, **params)
    _check_parity(ours, theirs, corpus, new, params)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=CORPUS, params=PARAMS, new=CORPUS, ngram=st.sampled_from([(1, 1), (1, 2), (2, 2), (1, 3)]))
def test_parity_whitespace_ngrams(corpus: list[str], params: dict[str, Any], new: list[str], ngram: tuple[int, int]) -> None:
    ours = TfidfVectorizer(analyzer="whitespace", ngram_range=ngram, progress=False, **params)
    theirs = SkTfidf(tokenizer=str.split, token_pattern=None, lowercase=False, ngram_range=ngram, **params)
    _check_parity(ours, theirs, corpus, new, params)


def test_parity_max_features_ties_are_numpys_choice() -> None:
    """Ties at the max_features cut are broken as scikit-learn breaks them (numpy's
    argsort); tests/test_stats.py checks 40 random corpora full of ties."""
    docs = ["c b a", "d", "e f g h i j k l m n o p q r s t u v"]
    ours = TfidfVectorizer(analyzer="whitespace", max_features=7, progress=False).fit(docs)
    theirs = SkTfidf(tokenizer=str.split, token_pattern=None, lowercase=False, max_features=7).fit(docs)
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())


def test_errors_like_sklearn() -> None:
    with pytest.raises(ValueError, match="empty vocabulary"):
        TfidfVectorizer().fit(["في من", ""])
    with pytest.raises(ValueError, match="max_df corresponds to < documents than min_df"):
        TfidfVectorizer(min_df=3, max_df=2).fit(["نفط"])
    with pytest.raises(ValueError, match="no terms remain"):
        TfidfVectorizer(min_df=2).fit(["نفط", "ذهب"])
    with pytest.raises(ValueError, match="string object received"):
        TfidfVectorizer().fit("نفط")
    with pytest.raises(warraq.InvalidOptionError):
        TfidfVectorizer(max_df=1.5).fit(["نفط"])
    with pytest.raises(warraq.InvalidOptionError):
        TfidfVectorizer(norm="l3").fit(["نفط"])
    with pytest.raises(warraq.InvalidOptionError):
        TfidfVectorizer(dtype=np.int64).fit(["نفط"])
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        TfidfVectorizer().transform(["نفط"])


def test_fixed_vocabulary_keeps_given_order() -> None:
    for vocab in (["نفط", "ذهب", "فضه"], {"نفط": 0, "ذهب": 1, "فضه": 2}):
        ours = TfidfVectorizer(vocabulary=vocab).fit_transform(["النفط النفط", "الذهب"])
        docs = [warraq.analyze(t) for t in ["النفط النفط", "الذهب"]]
        theirs = SkTfidf(analyzer=lambda d: d, vocabulary=vocab).fit_transform(docs)
        _assert_same(ours, theirs, np.float64)


def _saudinewsnet() -> list[str]:
    folder = shared_path("corpora", "saudinewsnet")
    texts = []
    for f in sorted(folder.glob("*.json")):
        texts.extend(a["content"] for a in json.loads(f.read_text(encoding="utf-8")))
    return texts


@pytest.mark.slow
def test_parity_on_saudinewsnet() -> None:
    texts = _saudinewsnet()
    assert len(texts) > 30_000
    analyzer = warraq._warraq.Analyzer()
    joined = [" ".join(t) for t in analyzer.analyze_batch(texts)]
    params = {"min_df": 2, "max_df": 0.5, "sublinear_tf": True}
    ours = TfidfVectorizer(analyzer="whitespace", progress=False, **params)
    theirs = SkTfidf(analyzer=str.split, **params)
    got, expected = ours.fit_transform(joined), theirs.fit_transform(joined)
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    np.testing.assert_allclose(ours.idf_, theirs.idf_, rtol=1e-15)
    _assert_same(got, expected, np.float64)
    # the full analyzer sees exactly those terms
    full = TfidfVectorizer(progress=False, **params).fit(texts)
    assert full.vocabulary_ == ours.vocabulary_


# -- estimator protocol ------------------------------------------------------------


def test_output_arrays_are_moved_not_copied() -> None:
    X = TfidfVectorizer().fit_transform(["النفط والذهب", "الذهب"])
    for arr in (X.data, X.indices):
        base = arr
        while getattr(base, "base", None) is not None:
            base = base.base
        assert type(base).__name__ == "PySliceContainer"


def test_clone_pickle_joblib_params(tmp_path: Path, sample_texts: list[str]) -> None:
    from sklearn.base import clone
    import joblib

    v = TfidfVectorizer(ngram_range=(1, 2), stem="snowball", stopwords=warraq.stopwords() | {"سعودي"}, min_df=1)
    c = clone(v)
    assert c.get_params() == v.get_params() and not hasattr(c, "vocabulary_")
    X = v.fit_transform(sample_texts)
    for w in (pickle.loads(pickle.dumps(v)), joblib.load(joblib.dump(v, tmp_path / "v.joblib")[0])):
        assert w.vocabulary_ == v.vocabulary_
        assert (w.transform(sample_texts) != X).nnz == 0
    v.set_params(max_features=5)
    assert v.get_params()["max_features"] == 5
    assert v.fit_transform(sample_texts).shape[1] == 5


def test_pipelines(sample_texts: list[str]) -> None:
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    labels = [1 if "مياه" in t or "المياه" in t else 0 for t in sample_texts]
    assert 0 < sum(labels) < len(labels)
    clf = make_pipeline(TfidfVectorizer(), LogisticRegression(C=100.0)).fit(sample_texts, labels)
    assert list(clf.predict(sample_texts)) == labels
    km = make_pipeline(TfidfVectorizer(), KMeans(n_clusters=2, n_init=3, random_state=0)).fit(sample_texts)
    assert len(set(km.predict(sample_texts))) == 2
    svd = make_pipeline(TfidfVectorizer(), TruncatedSVD(n_components=2, random_state=0)).fit_transform(sample_texts)
    assert svd.shape == (len(sample_texts), 2)


def test_streaming_partial_fit_and_merged_stats_equal_fit(sample_texts: list[str]) -> None:
    whole = TfidfVectorizer().fit(sample_texts)
    streamed = TfidfVectorizer().fit(t for t in sample_texts)
    parts = TfidfVectorizer()
    for i in range(0, len(sample_texts), 2):
        parts.partial_fit(sample_texts[i : i + 2])
    merged_stats = warraq.DocumentFrequencies()
    for i in range(0, len(sample_texts), 4):
        merged_stats.merge(pickle.loads(pickle.dumps(whole.count(sample_texts[i : i + 4]))))
    merged = TfidfVectorizer().fit_stats(merged_stats)
    for v in (streamed, parts, merged):
        assert v.vocabulary_ == whole.vocabulary_
        np.testing.assert_array_equal(v.idf_, whole.idf_)
    assert parts.stats_.n_docs == len(sample_texts)
    batched = TfidfVectorizer(progress="always")
    warraq.vectors.BATCH, old = 2, warraq.vectors.BATCH
    try:
        X = batched.fit_transform(sample_texts)
    finally:
        warraq.vectors.BATCH = old
    assert (X != whole.transform(sample_texts)).nnz == 0
    assert batched.vocabulary_ == whole.vocabulary_
    streamed_x = TfidfVectorizer().fit_transform(t for t in sample_texts)
    assert (streamed_x != whole.transform(sample_texts)).nnz == 0


def test_n_jobs_gives_the_same_matrix(sample_texts: list[str]) -> None:
    X = TfidfVectorizer().fit_transform(sample_texts)
    for n_jobs in (1, 3):
        assert (TfidfVectorizer(n_jobs=n_jobs).fit_transform(sample_texts) != X).nnz == 0
    with pytest.raises(warraq.InvalidOptionError):
        TfidfVectorizer(n_jobs=0).fit(sample_texts)


@given(st.text(alphabet="والفبكلهةياتنيمدرسع", max_size=12))
def test_light_stem_is_a_slice_of_the_word(word: str) -> None:
    stem = warraq.light_stem(word)
    assert stem in word
    assert len(stem) >= min(len(word), 2)


def test_save_load_and_corrupt_files(tmp_path: Path, sample_texts: list[str]) -> None:
    v = TfidfVectorizer(min_df=2, stopwords=["قال"], normalize={"hamza": True}, stem=None).fit(sample_texts)
    path = tmp_path / "v.json"
    v.save(str(path))
    w = TfidfVectorizer.load(str(path))
    assert w.vocabulary_ == v.vocabulary_ and w.min_df == 2 and w.stem is None
    assert (w.transform(sample_texts) != v.transform(sample_texts)).nnz == 0
    saved = json.loads(path.read_text(encoding="utf-8"))
    saved["version"] = 99
    path.write_text(json.dumps(saved), encoding="utf-8")
    with pytest.raises(warraq.ModelError, match="version 99") as e:
        TfidfVectorizer.load(str(path))
    assert str(path) in str(e.value)
    path.write_text('{"format": "warraq.TfidfVectorizer", "version": 1, "config": 3}', encoding="utf-8")
    with pytest.raises(warraq.ModelError, match="corrupt"):
        TfidfVectorizer.load(str(path))
    with pytest.raises(FileNotFoundError):
        TfidfVectorizer.load(str(tmp_path / "missing.json"))


# -- keywords, similar, near-duplicates ----------------------------------------------


def test_keywords(sample_texts: list[str]) -> None:
    v = TfidfVectorizer()
    X = v.fit_transform(sample_texts)
    kws = v.keywords(X, k=5, numbers=True)
    assert len(kws) == len(sample_texts)
    dense = X.toarray()
    names = v.get_feature_names_out()
    for row, kw in zip(dense, kws):
        assert [t for t, _ in kw] == [names[c] for c in sorted(np.flatnonzero(row), key=lambda c: (-row[c], c))[:5]]
    # numbers are left out unless asked
    for row, kw in zip(dense, v.keywords(X, k=5)):
        words = [c for c in sorted(np.flatnonzero(row), key=lambda c: (-row[c], c)) if not names[c].isdigit()]
        assert [t for t, _ in kw] == [names[c] for c in words[:5]]
    frame = v.keywords_frame(X, k=3)
    assert list(frame.columns) == ["doc", "rank", "word", "stem", "score"]
    assert len(frame) == 3 * len(sample_texts)


def test_similar_matches_dense_cosine(sample_texts: list[str]) -> None:
    from sklearn.metrics.pairwise import cosine_similarity

    X = TfidfVectorizer().fit_transform(sample_texts)
    dense = cosine_similarity(X)
    np.fill_diagonal(dense, -1)
    got = warraq.similar(X, k=2)
    assert list(got.columns) == ["i", "j", "score"]
    for i in range(len(sample_texts)):
        rows = got[got["i"] == i]
        best = np.argsort(-dense[i], kind="stable")[:2]
        assert rows["j"].tolist() == best.tolist()
        np.testing.assert_allclose(rows["score"], dense[i, best], atol=1e-12)
    cross = warraq.similar(X[:2], X, k=1)
    assert cross["j"].tolist() == [0, 1]  # Y given: a row's best match is itself
    assert warraq.similar(X, k=10, threshold=0.99).empty


def test_near_duplicates_on_seeds(seed_texts: list[str]) -> None:
    for method in ("minhash", "cosine"):
        pairs = warraq.near_duplicates(seed_texts, method=method)
        found = set(zip(pairs["i"], pairs["j"]))
        assert (0, 4) in found, method
        assert (1, 2) not in found, method
    pairs = warraq.near_duplicates(seed_texts)
    score = pairs.loc[(pairs["i"] == 0) & (pairs["j"] == 4), "score"].item()
    e = warraq.explain_near_duplicate(seed_texts[0], seed_texts[4])
    assert e["jaccard"] == pytest.approx(score)
    assert len(e["shared"]) == pairs.loc[(pairs["i"] == 0) & (pairs["j"] == 4), "shared"].item()


def test_near_duplicates_on_sample_dataframe(sample_paths: list[Path], sample_texts: list[str]) -> None:
    df = pd.DataFrame({"text": sample_texts}, index=[p.stem for p in sample_paths])
    pairs = warraq.near_duplicates(df)
    assert pairs[["id_i", "id_j"]].values.tolist() == [["001_sada_water", "005_sada_water_reprint"]]
    assert pairs["score"].item() > 0.2
    with pytest.raises(warraq.InvalidOptionError):
        warraq.near_duplicates(df, method="exact")
    with pytest.raises(warraq.InvalidOptionError):
        warraq.near_duplicates(df, bands=7)


def test_near_duplicates_on_read_corpus_frame() -> None:
    df = warraq.read_corpus("examples/sample_corpus", progress=False)
    pairs = warraq.near_duplicates(df)  # "body" and "id" columns picked up by default
    assert pairs[["id_i", "id_j"]].values.tolist() == [["001_sada_water", "005_sada_water_reprint"]]
    with pytest.raises(warraq.InvalidOptionError, match="no column 'nope'"):
        warraq.near_duplicates(df, text_column="nope")


# -- the native boundary: typed options, defaults from the core, old files -------

FIXTURES = Path(__file__).parent / "fixtures" / "vectors"
#: The parameters of the vectorizers in FIXTURES, saved and pickled by the build
#: before options crossed the boundary as typed values (commit c6f6c88).
BASE_PARAMS: dict[str, Any] = dict(
    ngram_range=(1, 2),
    min_df=2,
    max_df=0.9,
    max_features=50,
    norm="l1",
    sublinear_tf=True,
    stopwords=["قال", "في"],
    normalize={"hamza": True, "teh_marbuta": False},
    stem="snowball",
    binary=True,
)


def test_models_saved_and_pickled_by_an_earlier_build_still_load(
    sample_texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # That build broke max_features' ties for the earlier term; numpy's choice
    # (scikit-learn's, made since) may differ: fit as it did to compare.
    earlier_first = lambda dtype: lambda w, limit: [int(i) for i in np.argsort(-w.astype(np.int64), kind="stable")[:limit]]
    monkeypatch.setattr(warraq.vectors, "_sklearn_selection", earlier_first)
    fresh = TfidfVectorizer(progress=False, **BASE_PARAMS).fit(sample_texts)
    expected = fresh.transform(sample_texts)
    loaded = TfidfVectorizer.load(str(FIXTURES / "tfidf_base.json"))
    assert loaded.vocabulary_ == fresh.vocabulary_
    assert (loaded.transform(sample_texts) != expected).nnz == 0
    params = loaded.get_params()
    assert params["ngram_range"] == (1, 2) and params["min_df"] == 2 and params["max_df"] == 0.9
    assert params["stopwords"] == ["في", "قال"] and params["stem"] == "snowball" and params["norm"] == "l1"
    assert params["normalize"]["hamza"] and not params["normalize"]["teh_marbuta"]
    assert TfidfVectorizer(**params).fit(sample_texts).vocabulary_ == fresh.vocabulary_
    unpickled = pickle.loads((FIXTURES / "tfidf_base.pkl").read_bytes())
    assert unpickled.get_params() == TfidfVectorizer(progress=False, **BASE_PARAMS).get_params()
    assert unpickled.stats_.n_docs == len(sample_texts)
    assert unpickled.vocabulary_ == fresh.vocabulary_
    assert (unpickled.transform(sample_texts) != expected).nnz == 0


def test_defaults_come_from_the_core() -> None:
    import inspect

    defaults = warraq._warraq.DEFAULTS
    assert defaults["analyzer"] == {
        "analyzer": "word",
        "ngram_range": (1, 1),
        "normalize": True,
        "lowercase": True,
        "stopwords": "arabic",
        "stem": "light",
    }
    assert defaults["tfidf"] == {
        "min_df": 1,
        "max_df": 1.0,
        "max_features": None,
        "binary": False,
        "norm": "l2",
        "use_idf": True,
        "smooth_idf": True,
        "sublinear_tf": False,
    }
    assert isinstance(defaults["tfidf"]["min_df"], int) and isinstance(defaults["tfidf"]["max_df"], float)
    assert defaults["minhash"] == {"shingle_size": 2, "num_perm": 128, "bands": 64, "threshold": 0.2, "seed": 0x574152524151}
    signature = inspect.signature(TfidfVectorizer).parameters
    for name, value in {**defaults["analyzer"], **defaults["tfidf"]}.items():
        assert signature[name].default == value, name
    assert {n: p.default for n, p in inspect.signature(warraq.analyze).parameters.items() if n != "text"} == defaults[
        "analyzer"
    ]
    minhash = inspect.signature(warraq.near_duplicates).parameters
    for name in ("shingle_size", "num_perm", "bands", "seed"):
        assert minhash[name].default == defaults["minhash"][name], name
    native, given = warraq._warraq.Analyzer(), warraq._warraq.Analyzer(**defaults["analyzer"])
    assert native.options == given.options
    texts = ["سقط المطر بغزارة", "سقط المطر بغزارة."]
    explicit = warraq._warraq.MinHasher(**{k: v for k, v in defaults["minhash"].items() if k != "threshold"})
    assert [a.tolist() for a in warraq._warraq.MinHasher().block(texts)] == [a.tolist() for a in explicit.block(texts)]


def test_native_options_are_typed_values_checked_by_the_core() -> None:
    from warraq._warraq import Analyzer, TfidfModel

    assert Analyzer(stem=None, ngram_range=(1, 2)).analyze("المدارس الحكومية") == [
        "المدارس",
        "الحكوميه",
        "المدارس الحكوميه",
    ]
    assert Analyzer(normalize=warraq.Normalizer(teh_marbuta=False)).options["normalize"]["teh_marbuta"] is False
    for bad in (
        {"analyzer": "words"},
        {"analyzer": 3},
        {"stem": "porter"},
        {"stopwords": "english"},
        {"ngram_range": (2, 1)},
        {"ngram_range": (-1, 1)},
        {"ngram_range": (1, 2, 3)},
        {"normalize": 1},
        {"normalize": {"no_such_option": True}},
        {"unknown": True},
    ):
        with pytest.raises(warraq.InvalidOptionError):
            Analyzer(**bad)
        with pytest.raises(warraq.InvalidOptionError):
            TfidfModel(None, bad)
    for bad_config in (
        {"norm": "l3"},
        {"norm": 2},
        {"min_df": True},
        {"min_df": "2"},
        {"max_df": 1.5},
        {"min_df": -1},
        {"max_features": 0},
        {"max_features": -3},
        {"max_features": 2.0},
        {"max_features": True},
        {"idf": True},
    ):
        with pytest.raises(warraq.InvalidOptionError):
            TfidfModel(bad_config)
    with pytest.raises(TypeError):
        TfidfModel("{}")  # type: ignore[arg-type]
    model = TfidfModel({"min_df": np.int64(1), "max_df": np.float64(0.5), "binary": 1}, {"stopwords": ("ب", "أ")})
    params = model.params()
    assert (params["min_df"], params["max_df"], params["binary"], params["stopwords"]) == (1, 0.5, True, ["أ", "ب"])
    assert TfidfVectorizer(**params).get_params()["max_df"] == 0.5


def test_a_native_model_used_before_fitting_raises_not_fitted() -> None:
    from sklearn.exceptions import NotFittedError

    model = warraq._warraq.TfidfModel()
    for call in (lambda: model.transform(["نفط"]), lambda: model.keywords(*_empty_csr(), 1)):
        with pytest.raises(warraq.NotFittedError, match="not fitted yet") as e:
            call()
        assert isinstance(e.value, warraq.ModelError) and isinstance(e.value, NotFittedError)
        assert isinstance(e.value, ValueError) and isinstance(e.value, AttributeError)


def _empty_csr() -> tuple[Any, Any, Any, tuple[int, int]]:
    return np.zeros(0), np.zeros(0, dtype=np.int32), np.zeros(1, dtype=np.int64), (0, 0)
