"""Corpus statistics (warraq.stats): every statistic checked against an independent
computation here (a plain-Python count over warraq's tokens and analyzer, then a
few lines of numpy), on the sample corpus and a SaudiNewsNet subset."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2 as chi2_dist

import warraq
from warraq._warraq import TermCounts

WORD_KINDS = {"arabic", "latin", "number"}
COUNTED_KINDS = {"arabic", "latin", "hashtag", "mention"}
TOL = 1e-9


# -- an independent count -------------------------------------------------------


def _term(word: str, stem: str | None) -> list[str]:
    terms = warraq.analyze(word, stem=stem)
    return [t for t in terms if not _is_number(t)]


def _is_number(t: str) -> bool:
    return any(c.isnumeric() for c in t) and all(c.isnumeric() or c in ",.٫٬%٪/-+" for c in t)


def _sequences(
    texts: list[str], stem: str | None = "light", spellings: Counter[tuple[str, str]] | None = None
) -> tuple[list[list[str | None]], list[int]]:
    """Each text's terms by word position (None: no term), and its number of words;
    counts each (term, spelling) into ``spellings``."""
    cache: dict[str, list[str]] = {}
    seqs: list[list[str | None]] = []
    words: list[int] = []
    for text in texts:
        seq: list[str | None] = []
        n = 0
        for tok in warraq.tokens(text):
            if tok.kind in WORD_KINDS:
                n += 1
            if tok.kind == "number":
                seq.append(None)
                continue
            if tok.kind not in COUNTED_KINDS:
                continue
            w = text[tok.start : tok.end]
            if w not in cache:
                cache[w] = _term(w, stem)
            terms = cache[w]
            seq.extend(terms if terms else [None])
            if spellings is not None:
                spellings.update((t, w) for t in terms)
        seqs.append(seq)
        words.append(n)
    return seqs, words


def _merge_map(total: Counter[str], spellings: Counter[tuple[str, str]]) -> dict[str, str]:
    """The clitic merge, written again: a term behind ب/ل/ك merges into the rest
    (three letters or more) when that is a term at least as frequent and at most 5 %
    of the term's occurrences are spelled with the article (البطاقة is no ب + طاقة)."""
    article: Counter[str] = Counter()
    for (t, w), n in spellings.items():
        bare = w[1:] if w[:1] in ("و", "ف") and w[1:3] == "ال" else w
        if bare.startswith("ال"):
            article[t] += n
    out = {}
    for t, n in total.items():
        if t[:1] in ("ب", "ل", "ك") and len(t) - 1 >= 3 and total.get(t[1:], -1) >= n and article[t] / n <= 0.05:
            out[t] = t[1:]
    # a chain (لبX → بX → X) ends at its last term
    for t in list(out):
        while out[t] in out:
            out[t] = out[out[t]]
    return out


_COUNTED: dict[int, Any] = {}


def _python_counts(texts: list[str]) -> tuple[list[Counter[str]], np.ndarray, dict[str, str]]:
    """Each text's merged term counts, its number of words, the merge (cached per corpus)."""
    key = hash(tuple(texts))
    if key not in _COUNTED:
        _COUNTED[key] = _count_in_python(texts)
    result: tuple[list[Counter[str]], np.ndarray, dict[str, str]] = _COUNTED[key]
    return result


def _count_in_python(texts: list[str]) -> tuple[list[Counter[str]], np.ndarray, dict[str, str]]:
    spellings: Counter[tuple[str, str]] = Counter()
    seqs, words = _sequences(texts, spellings=spellings)
    docs = [Counter(t for t in s if t is not None) for s in seqs]
    total: Counter[str] = Counter()
    for d in docs:
        total.update(d)
    merge = _merge_map(total, spellings)
    merged = [Counter({merge.get(t, t): 0 for t in d}) for d in docs]
    for m, d in zip(merged, docs):
        for t, n in d.items():
            m[merge.get(t, t)] += n
    return merged, np.asarray(words, dtype=float), merge


def _matrix(docs: list[Counter[str]]) -> tuple[list[str], np.ndarray]:
    vocab = sorted({t for d in docs for t in d})
    index = {t: i for i, t in enumerate(vocab)}
    m = np.zeros((len(docs), len(vocab)))
    for i, d in enumerate(docs):
        for t, n in d.items():
            m[i, index[t]] = n
    return vocab, m


# -- corpora ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_frame(sample_texts: list[str]) -> pd.DataFrame:
    df = pd.DataFrame({"body": sample_texts, "source": [f"s{i % 3}" for i in range(len(sample_texts))]})
    df.attrs["node"] = "المياه"
    return df


@pytest.fixture(scope="module")
def saudi_frame(saudinewsnet: list[dict[str, str]]) -> pd.DataFrame:
    rows = random.Random(21).sample(saudinewsnet, 250)
    df = pd.DataFrame({"body": [r["content"] for r in rows], "source": [r["source"] for r in rows]})
    df.attrs["node"] = "السعودية"
    return df


@pytest.fixture(params=["sample", "saudi"])
def frame(request: Any) -> pd.DataFrame:
    name = "sample_frame" if request.param == "sample" else "saudi_frame"
    df: pd.DataFrame = request.getfixturevalue(name)
    return df


# -- counts and display forms ------------------------------------------------------


def test_counts_equal_a_plain_python_count(frame: pd.DataFrame) -> None:
    texts = frame["body"].tolist()
    docs, words, merge = _python_counts(texts)
    counts = TermCounts(texts)
    vocab, m = _matrix(docs)
    assert counts.terms() == vocab
    data, indices, indptr = counts.matrix()
    ours = np.zeros_like(m)
    for i in range(len(texts)):
        ours[i, indices[indptr[i] : indptr[i + 1]]] = data[indptr[i] : indptr[i + 1]]
    np.testing.assert_array_equal(ours, m)
    np.testing.assert_array_equal(counts.word_counts(), words)
    assert dict(counts.merged()) == {t: vocab.index(b) for t, b in merge.items()}


def test_display_forms_are_the_commonest_spelling() -> None:
    texts = ["افتتح المهرجان", "المهرجان و المهرجان", "لمهرجان جديد", "بلغ 32,5 و ٢٠١٦"]
    forms = warraq.display_forms(texts)
    row = forms[forms["stem"] == "مهرج"].iloc[0]
    assert (row["word"], row["count"]) == ("المهرجان", 4)
    # stand-alone particles are stopwords, numbers are not terms, «لمهرج» is «مهرج»
    assert not set(forms["stem"]) & {"و", "32,5", "٢٠١٦", "2016", "لمهرج"}
    with_numbers = TermCounts(texts, numbers=True).terms()
    assert "32,5" in with_numbers


def test_keywords_show_words_with_stems(sample_texts: list[str]) -> None:
    texts = [*sample_texts, "فاز المهرجان و لمهرجان بجائزة 32,5 و 32,5 و 32,5"]
    v = warraq.TfidfVectorizer(progress=False)
    X = v.fit_transform(texts)
    f = v.keywords_frame(X, k=8, documents=texts)
    last = f[f["doc"] == len(texts) - 1]
    assert "و" not in set(f["stem"]) and "32,5" not in set(last["stem"])
    # one row for «مهرج» and «لمهرج», shown as the word
    assert len(last[last["stem"].isin(["مهرج", "لمهرج"])]) == 1
    assert "المهرجان" in set(last["word"]) or "لمهرجان" in set(last["word"])
    # words are spellings of the text, stems stay available
    for _, r in f.iterrows():
        if " " not in r["stem"]:
            assert r["word"] in texts[r["doc"]]
    with_numbers = v.keywords_frame(X, k=8, numbers=True)
    assert "32,5" in set(with_numbers[with_numbers["doc"] == len(texts) - 1]["stem"])


# -- frequencies ----------------------------------------------------------------


def test_frequencies_equal_numpy(frame: pd.DataFrame) -> None:
    texts = frame["body"].tolist()
    docs, words, _ = _python_counts(texts)
    groups = frame["source"].to_numpy()
    got = warraq.frequencies(frame, by="source")
    for g in pd.unique(groups):
        rows = groups == g
        vocab, m = _matrix([d for d, r in zip(docs, rows) if r])
        w = words[rows]
        count = m.sum(axis=0)
        s = w / w.sum()
        v = m / count
        dp = 0.5 * np.abs(v - s[:, None]).sum(axis=0)
        expected = pd.DataFrame(
            {"stem": vocab, "count": count, "docs": (m > 0).sum(axis=0), "per_10k": count * 1e4 / w.sum(), "dp": dp}
        ).set_index("stem")
        ours = got[got["source"] == g].set_index("stem")
        assert sorted(ours.index) == vocab
        ours = ours.loc[vocab]
        np.testing.assert_array_equal(ours["count"], expected["count"])
        np.testing.assert_array_equal(ours["docs"], expected["docs"])
        np.testing.assert_allclose(ours["per_10k"], expected["per_10k"], rtol=0, atol=TOL)
        np.testing.assert_allclose(ours["dp"], expected["dp"], rtol=0, atol=TOL)
        assert (np.diff(got[got["source"] == g]["count"].to_numpy()) <= 0).all()


# -- keyness --------------------------------------------------------------------


def _keyness_numpy(a: np.ndarray, b: np.ndarray, measure: str, correction: str) -> np.ndarray:
    c, d = a.sum() - a, b.sum() - b
    n = a + b + c + d
    e = (a + b) * (a + c) / n
    sign = np.where(a > e, 1.0, -1.0)
    small = ((a + b) * (a + c) / n < 5) | ((a + b) * (b + d) / n < 5) | ((a + c) * (c + d) / n < 5) | ((c + d) * (b + d) / n < 5)
    yates = np.where((np.abs(a * d - b * c) >= n / 2) & small, 0.5, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(a * b * c * d == 0, 1.0, 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n))
        if measure == "chi2":
            delta = yates if correction in ("default", "yates") else 0.0
            stat = n * (np.abs(a * d - b * c) - n * delta) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
            return stat / (q if correction == "williams" else 1.0) * sign
        if measure == "g2":
            cells = [a, b, c, d]
            if correction == "yates":
                s = np.where(a * d - b * c > 0, 1.0, -1.0) * yates
                cells = [a - s, b + s, c + s, d - s]
            aa, bb, cc, dd = cells
            expected = [(aa + bb) * (aa + cc) / n, (aa + bb) * (bb + dd) / n, (aa + cc) * (cc + dd) / n, (bb + dd) * (cc + dd) / n]
            g = 2 * sum(np.where(o > 0, o * np.log(o / ex), 0.0) for o, ex in zip(cells, expected))
            return g / (q if correction == "williams" else 1.0) * sign
        if measure == "pmi":
            return np.log(a / e)
        az, bz = np.where(a == 0, 0.5, a), np.where(b == 0, 0.5, b)
        return np.log2((az / a.sum()) / (bz / b.sum()))


@pytest.mark.parametrize(
    "measure,correction",
    [("g2", "default"), ("g2", "yates"), ("g2", "williams"), ("chi2", "default"), ("chi2", "none"), ("chi2", "williams"), ("pmi", "default"), ("log_ratio", "default")],
)
def test_keyness_equals_numpy(frame: pd.DataFrame, measure: str, correction: str) -> None:
    texts = frame["body"].tolist()
    docs, _, _ = _python_counts(texts)
    vocab, m = _matrix(docs)
    target = (frame["source"] == frame["source"].iloc[0]).to_numpy()
    a, b = m[target].sum(axis=0), m[~target].sum(axis=0)
    expected = _keyness_numpy(a, b, measure, correction)
    got = warraq.keyness(frame, target, measure=measure, correction=correction).set_index("stem")  # type: ignore[arg-type]
    assert sorted(got.index) == vocab
    got = got.loc[vocab]
    np.testing.assert_array_equal(got["n_target"], a)
    np.testing.assert_array_equal(got["n_reference"], b)
    np.testing.assert_allclose(got[measure], expected, rtol=1e-12, atol=TOL)
    g2_plain = _keyness_numpy(a, b, "g2", "none")
    p_of = np.abs(g2_plain) if measure == "log_ratio" else np.abs(expected)
    np.testing.assert_allclose(got["p"], chi2_dist.sf(p_of, 1), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got["log_ratio"], _keyness_numpy(a, b, "log_ratio", "none"), rtol=0, atol=TOL)


def test_keyness_query_and_reference(sample_frame: pd.DataFrame) -> None:
    by_query = warraq.keyness(sample_frame, "source == 's0'", reference="source == 's1'")
    mask = warraq.keyness(sample_frame, sample_frame["source"] == "s0", reference=sample_frame["source"] == "s1")
    pd.testing.assert_frame_equal(by_query, mask)
    assert (np.diff(by_query["g2"].to_numpy()) <= 0).all()
    with pytest.raises(warraq.InvalidOptionError, match="overlaps"):
        warraq.keyness(sample_frame, "source == 's0'", reference="source != 's1'")
    with pytest.raises(warraq.InvalidOptionError, match="measure must be one of"):
        warraq.keyness(sample_frame, "source == 's0'", measure="exact")  # type: ignore[arg-type]


# -- collocations -----------------------------------------------------------------


def _scores(o: np.ndarray, r: np.ndarray, c: np.ndarray, n: float) -> dict[str, np.ndarray]:
    e = r * c / n
    cells = [o, c - o, r - o, n - r - c + o]
    exp = [r * c / n, (n - r) * c / n, r * (n - c) / n, (n - r) * (n - c) / n]
    g = 2 * sum(np.where(x > 0, x * np.log(np.where(x > 0, x, 1) / ex), 0.0) for x, ex in zip(cells, exp))
    return {"expected": e, "pmi": np.log2(o / e), "g2": g * np.where(o > e, 1.0, -1.0), "t": (o - e) / np.sqrt(o)}


def _check(got: pd.DataFrame, key: list[str], o: np.ndarray, scores: dict[str, np.ndarray]) -> None:
    got = got.set_index("stem").loc[key]
    np.testing.assert_array_equal(got["count"], o)
    for name, values in scores.items():
        np.testing.assert_allclose(got[name], values, rtol=1e-12, atol=TOL, err_msg=name)


def test_ngram_collocations_equal_numpy(frame: pd.DataFrame) -> None:
    texts = frame["body"].tolist()
    seqs, _ = _sequences(texts)
    _, _, merge = _python_counts(texts)
    seqs = [[merge.get(t, t) if t is not None else None for t in s] for s in seqs]
    grams = Counter(
        (s[i], s[i + 1]) for s in seqs for i in range(len(s) - 1) if s[i] is not None and s[i + 1] is not None
    )
    first, last = Counter(), Counter()
    for (x, y), n in grams.items():
        first[x] += n
        last[y] += n
    n_all = float(sum(grams.values()))
    kept = sorted(g for g, n in grams.items() if n >= 2)
    got = warraq.collocations(frame, min_count=2)
    assert len(got) == len(kept)
    o = np.array([grams[g] for g in kept], dtype=float)
    r = np.array([first[g[0]] for g in kept], dtype=float)
    c = np.array([last[g[1]] for g in kept], dtype=float)
    _check(got, [f"{x} {y}" for x, y in kept], o, _scores(o, r, c, n_all))
    assert (np.diff(got["g2"].to_numpy()) <= 0).all()


def test_collocations_around_a_node_equal_numpy(frame: pd.DataFrame) -> None:
    texts = frame["body"].tolist()
    node = frame.attrs["node"]
    lines = warraq.kwic(texts, node, window=0, progress=False)
    assert len(lines) > 0
    merged, _, merge = _python_counts(texts)
    total: Counter[str] = Counter()
    for d in merged:
        total.update(d)
    window = 4
    found: Counter[str] = Counter()
    in_windows = 0
    for doc, start, end in zip(lines["id"], lines["start"], lines["end"]):
        text = texts[doc]
        toks = [t for t in warraq.tokens(text) if t.kind in WORD_KINDS | COUNTED_KINDS]
        inside = [i for i, t in enumerate(toks) if t.end > start and t.start < end]
        nodes = set()
        for s2, e2 in zip(lines[lines["id"] == doc]["start"], lines[lines["id"] == doc]["end"]):
            nodes |= {i for i, t in enumerate(toks) if t.end > s2 and t.start < e2}
        lo, hi = inside[0], inside[-1]
        for i in [*range(max(lo - window, 0), lo), *range(hi + 1, min(hi + 1 + window, len(toks)))]:
            if i in nodes or toks[i].kind == "number":
                continue
            for t in _term(text[toks[i].start : toks[i].end], "light"):
                found[merge.get(t, t)] += 1
                in_windows += 1
    n_all = float(sum(total.values()))
    kept = sorted(t for t, n in found.items() if n >= 2)
    got = warraq.collocations(frame, around=node, window=window, min_count=2)
    assert sorted(got["stem"]) == kept
    o = np.array([found[t] for t in kept], dtype=float)
    c = np.array([total[t] for t in kept], dtype=float)
    _check(got, kept, o, _scores(o, np.full(len(kept), float(in_windows)), c, n_all))


def test_collocations_around_a_phrase_match_behind_clitics() -> None:
    texts = ["قال إن تنظيم الدولة هاجم المدينة", "ولتنظيم الدولة مقاتلون في المدينة", "المدينة هادئة"]
    got = warraq.collocations(texts, around="تنظيم الدولة", window=3)
    assert got[["word", "count"]].values.tolist() == [["المدينة", 2]]


# -- scikit-learn parity of max_features with ties -------------------------------


def test_max_features_ties_match_sklearn_in_40_random_trials() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer as SkTfidf

    rng = random.Random(8)
    words = [f"w{i:02d}" for i in range(60)]
    for trial in range(40):
        # few counts over many words: the limit cuts through long runs of ties
        docs = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(5, 40))]
        params = {
            "max_features": rng.randint(2, 30),
            "binary": rng.random() < 0.3,
            "dtype": rng.choice([np.float64, np.float32]),
        }
        ours = warraq.TfidfVectorizer(analyzer="whitespace", progress=False, **params).fit(docs)
        theirs = SkTfidf(tokenizer=str.split, token_pattern=None, lowercase=False, **params).fit(docs)
        assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out()), (trial, params)
