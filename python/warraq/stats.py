"""Corpus statistics: frequency lists with dispersion, keyness between parts of a
corpus, collocations, and the readable word behind every analyzer term.

Each function counts the corpus once in Rust (in parallel, without the GIL): the
words of each text are normalised, stopwords and numbers dropped, light-stemmed,
and counted per document, remembering how each occurrence was spelled, so that
results show the word the corpus writes most often for a stem («مهرجان» for
«مهرج») beside the stem itself. A stem that is another stem behind a preposition
the stemmer leaves on («لمهرج», from «لمهرجان») is merged into it. The counts of
the last corpora counted are kept: asking again about the same texts (another
target, another node word) does not count them again (``warraq._count_cache``).

>>> import pandas as pd, warraq
>>> df = pd.DataFrame({"source": ["a", "a", "b"],
...                    "body": ["افتتح المهرجان", "المهرجان والمهرجان", "ارتفعت أسعار النفط"]})
>>> warraq.frequencies(df).head(1)[["word", "stem", "count"]].values.tolist()
[['المهرجان', 'مهرج', 3]]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import numpy as np
import pandas as pd

from warraq import _count_cache
from warraq._warraq import TermCounts
from warraq.exceptions import InvalidOptionError

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = ["collocations", "display_forms", "frequencies", "keyness"]

Unit = Literal["stem", "word", "entity"]
Data: TypeAlias = "pd.DataFrame | pd.Series[Any] | Iterable[str]"


def _texts(data: Data, text_column: str) -> list[str]:
    if isinstance(data, pd.DataFrame):
        series = data[text_column]
    elif isinstance(data, pd.Series):
        series = data
    else:
        series = pd.Series(list(data), dtype=object)
    return [t if isinstance(t, str) else "" for t in series.tolist()]


def _counts(
    data: Data,
    unit: Unit,
    text_column: str,
    numbers: bool,
    stopwords: Any,
    sequences: bool = False,
) -> tuple[TermCounts, list[str]]:
    texts = _texts(data, text_column)
    if unit == "entity":
        return _entity_counts(data, texts, text_column), texts
    if unit not in ("stem", "word"):
        raise InvalidOptionError(f'unit must be "stem", "word" or "entity", not {unit!r}')
    analyzer = {"stem": "light" if unit == "stem" else None, "stopwords": stopwords}
    return _count_cache.term_counts(texts, analyzer, numbers=numbers, sequences=sequences), texts


def _entity_counts(data: Data, texts: list[str], text_column: str) -> TermCounts:
    from warraq.entities import entities_frame

    frame = pd.DataFrame({"id": range(len(texts)), "body": texts})
    found = entities_frame(frame, text_column="body", published_column=None, progress=False)
    found = found[found["label"].isin(["PERSON", "LOCATION", "ORGANIZATION"])]
    docs: list[list[str]] = [[] for _ in texts]
    for doc, text in zip(found["id"].tolist(), found["text"].tolist()):
        docs[int(doc)].append(str(text))
    words = TermCounts(texts, {"stopwords": None, "stem": None}, numbers=True).word_counts()
    return TermCounts.from_terms(docs, [int(w) for w in words])


def _term_column(unit: Unit) -> str:
    return "stem" if unit == "stem" else "term"


def frequencies(
    data: Data,
    by: str | None = None,
    unit: Unit = "stem",
    *,
    text_column: str = "body",
    numbers: bool = False,
    stopwords: Any = "arabic",
    min_count: int = 1,
) -> pd.DataFrame:
    """The frequency list of the corpus, or of each group of documents (``by``: a
    column of the frame, such as ``"source"``).

    ``unit`` is ``"stem"`` (light stems, shown as their commonest word), ``"word"``
    (normalised words, unstemmed) or ``"entity"`` (names of people, places and
    organisations found by :func:`warraq.entities_frame`). Columns: ``by`` (when
    given), ``word`` (the display form), ``stem`` (``term`` for other units),
    ``count``, ``docs`` (documents holding it), ``per_10k`` (occurrences per 10,000
    words of the group: every Arabic, Latin and number token counts as a word,
    stopwords included) and ``dp``, Gries' *deviation of proportions* over the
    group's documents::

        DP = ½ Σᵢ |vᵢ − sᵢ|

    where ``sᵢ`` is document i's share of the group's words and ``vᵢ`` its share of
    the term's occurrences: 0 when the term is spread as the words are, near 1 when
    it sits in one document. Rows are by group, then decreasing count.

    >>> import pandas as pd, warraq
    >>> df = pd.DataFrame({"source": ["a", "a", "b"],
    ...                    "body": ["النفط النفط", "النفط والذهب", "الذهب 32,5"]})
    >>> warraq.frequencies(df)[["word", "count", "docs", "per_10k"]].round(1).values.tolist()
    [['النفط', 3, 2, 5000.0], ['الذهب', 2, 2, 3333.3]]
    >>> f = warraq.frequencies(df, by="source")
    >>> f[["source", "word", "count", "dp"]].round(3).values.tolist()
    [['a', 'النفط', 3, 0.167], ['a', 'الذهب', 1, 0.5], ['b', 'الذهب', 1, 0.0]]
    """
    counts, _ = _counts(data, unit, text_column, numbers, stopwords)
    if by is not None:
        if not isinstance(data, pd.DataFrame):
            raise InvalidOptionError("by= needs a DataFrame")
        codes, groups = pd.factorize(data[by], use_na_sentinel=False)
        group, term, count, docs, per_10k, dp = counts.frequencies(
            [int(c) for c in codes], max(len(groups), 1)
        )
    else:
        group, term, count, docs, per_10k, dp = counts.frequencies()
    terms = np.asarray(counts.terms(), dtype=object)
    forms = np.asarray(counts.forms(), dtype=object)
    out = pd.DataFrame(
        {
            "word": forms[term],
            _term_column(unit): terms[term],
            "count": count.astype(np.int64),
            "docs": docs.astype(np.int64),
            "per_10k": per_10k,
            "dp": dp,
        }
    )
    if by is not None:
        out.insert(0, by, np.asarray(groups, dtype=object)[group])
    return out[out["count"] >= min_count].reset_index(drop=True)


def _mask(data: Data, value: Any, name: str) -> np.ndarray:
    if isinstance(value, str):
        if not isinstance(data, pd.DataFrame):
            raise InvalidOptionError(f"{name} as a query needs a DataFrame")
        value = data.eval(value)
    mask = np.asarray(value)
    if mask.dtype != bool:
        raise InvalidOptionError(f"{name} must be a boolean mask or a query on the frame's columns")
    return mask


def keyness(
    data: Data,
    target: ArrayLike | str,
    reference: ArrayLike | str | None = None,
    measure: Literal["g2", "chi2", "log_ratio", "pmi"] = "g2",
    *,
    correction: Literal["default", "none", "yates", "williams"] = "default",
    unit: Unit = "stem",
    text_column: str = "body",
    numbers: bool = False,
    stopwords: Any = "arabic",
) -> pd.DataFrame:
    """Which terms mark the ``target`` documents against the ``reference`` ones.

    ``target`` is a boolean mask over the documents or a query on the frame's
    columns (``"source == 'okaz'"``, ``"published.dt.year == 2016"``);
    ``reference`` likewise, or None for every other document. For a term with
    ``a`` occurrences in the target and ``b`` in the reference, ``c = A − a`` and
    ``d = B − b`` (``A``, ``B``: terms counted in each part), ``N = A + B``,
    ``E = (a + b)(a + c) / N``, the measures are quanteda's ``textstat_keyness``:

    - ``"chi2"``: ``N (|ad − bc| − N δ)² / ((a+b)(c+d)(a+c)(b+d))``; with the
      default (``"yates"``) correction ``δ = 0.5`` where ``|ad − bc| ≥ N/2`` and an
      expected cell is below 5, as quanteda applies it (``"none"``: δ = 0;
      ``"williams"``: divided by Williams' q);
    - ``"g2"``: ``2 Σ O ln(O / E)`` over the four cells (default: no correction;
      ``"yates"`` moves each cell by δ toward independence, ``"williams"`` divides
      by q);
    - ``"pmi"``: ``ln(a / E)``;
    - ``"log_ratio"``: Hardie's ``log2((a / A) / (b / B))``, a zero count taken as 0.5;

    each signed positive when ``a > E``. ``p`` is ``P(χ²₁ ≥ |statistic|)`` as quanteda
    reports it (for ``"log_ratio"``: of the uncorrected G²). Differences from
    quanteda: logarithms are exact (quanteda adds 10⁻⁹ inside them), so PMI of a
    term absent from the target is −inf; quanteda's code applies Yates to G² by
    default; Williams' correction divides χ² by q (quanteda's code multiplies).

    Columns: ``word``, ``stem`` (``term`` for other units), the statistic (named
    as ``measure``), ``p``, ``log_ratio`` (the effect size), ``n_target``,
    ``n_reference``; by decreasing statistic.

    >>> import pandas as pd, warraq
    >>> df = pd.DataFrame({"source": ["a", "a", "b", "b"],
    ...                    "body": ["النفط والنفط", "أسعار النفط", "الذهب", "أسعار الذهب"]})
    >>> k = warraq.keyness(df, "source == 'a'")
    >>> k[["word", "n_target", "n_reference"]].values.tolist()
    [['النفط', 3, 0], ['أسعار', 1, 1], ['الذهب', 0, 2]]
    >>> k["g2"].round(3).tolist(), k["p"].round(3).tolist()
    ([5.062, -0.058, -4.557], [0.024, 0.81, 0.033])
    >>> warraq.keyness(df, "source == 'a'", measure="chi2")["chi2"].round(3).tolist()
    [1.47, -0.058, -1.181]
    """
    counts, _ = _counts(data, unit, text_column, numbers, stopwords)
    t = _mask(data, target, "target")
    r = None if reference is None else _mask(data, reference, "reference")
    term, stat, p, log_ratio, a, b = counts.keyness(
        t.tolist(), None if r is None else r.tolist(), measure, correction
    )
    terms = np.asarray(counts.terms(), dtype=object)
    forms = np.asarray(counts.forms(), dtype=object)
    columns: dict[str, Any] = {"word": forms[term], _term_column(unit): terms[term], measure: stat, "p": p}
    if measure != "log_ratio":
        columns["log_ratio"] = log_ratio
    columns["n_target"] = a.astype(np.int64)
    columns["n_reference"] = b.astype(np.int64)
    return pd.DataFrame(columns)


def collocations(
    data: Data,
    around: str | None = None,
    *,
    window: int = 5,
    size: int = 2,
    min_count: int = 2,
    unit: Literal["stem", "word"] = "stem",
    text_column: str = "body",
    numbers: bool = False,
    stopwords: Any = "arabic",
    sort: Literal["g2", "pmi", "t", "count"] = "g2",
) -> pd.DataFrame:
    """Collocations: contiguous n-grams of ``size`` terms (``around`` None), or the
    terms within ``window`` words of a node word or phrase (``around="تنظيم الدولة"``,
    matched as :func:`warraq.kwic` matches: on the folded text, behind the clitics
    و ف ب ك ل and the article).

    For each candidate, ``count`` is the observed co-occurrence ``O`` and
    ``expected`` its value ``E`` under independence: for n-grams ``E = R C / N``
    (``R`` the count of its first ``size − 1`` terms at the start of an n-gram, ``C``
    of its last term at the end of one, ``N`` all n-grams; a stopword or number
    breaks an n-gram); around a node ``E = W C / N`` (``W`` terms counted in all
    windows, ``C`` the term's corpus count, ``N`` all terms; a stopword or number
    takes a place in the window without being counted; the node's own words are
    left out). ``pmi = log2(O / E)``, ``t = (O − E) / √O`` and ``g2`` is the signed
    log-likelihood G² of the 2×2 table. Rows with ``count < min_count`` are dropped.

    Columns: ``word`` (display forms, joined), ``stem`` (terms, joined; ``term``
    for ``unit="word"``), ``count``, ``expected``, ``pmi``, ``g2``, ``t``; sorted by
    ``sort``, decreasing.

    >>> import warraq
    >>> texts = ["هاجم تنظيم الدولة المدينة", "انسحب تنظيم الدولة من المدينة", "زار الوزير المدينة"]
    >>> warraq.collocations(texts)[["word", "stem", "count"]].values.tolist()
    [['تنظيم الدولة', 'تنظيم دول', 2]]
    >>> c = warraq.collocations(texts, around="تنظيم الدولة")
    >>> c[["word", "count"]].values.tolist(), c["expected"].round(3).tolist()
    ([['المدينة', 2]], [1.091])
    """
    if sort not in ("g2", "pmi", "t", "count"):
        raise InvalidOptionError(f'sort must be "g2", "pmi", "t" or "count", not {sort!r}')
    if unit not in ("stem", "word"):
        raise InvalidOptionError(f'collocations count "stem" or "word" units, not {unit!r}')
    counts, texts = _counts(data, unit, text_column, numbers, stopwords, sequences=around is None)
    ids, count, expected, pmi, g2, t = counts.collocations(
        texts, around, window=window, size=size, min_count=min_count
    )
    n = 1 if around is not None else size
    ids = ids.reshape(-1, n)
    terms = np.asarray(counts.terms(), dtype=object)
    forms = np.asarray(counts.forms(), dtype=object)
    out = pd.DataFrame(
        {
            "word": [" ".join(row) for row in forms[ids].tolist()],
            _term_column(unit): [" ".join(row) for row in terms[ids].tolist()],
            "count": count.astype(np.int64),
            "expected": expected,
            "pmi": pmi,
            "g2": g2,
            "t": t,
        }
    )
    if sort != "g2":
        out = out.sort_values(sort, ascending=False, kind="stable")
    out = out.reset_index(drop=True)
    # what warraq.collocation_network draws the pairs from
    out.attrs["around"] = around
    return out


def display_forms(
    data: Data,
    unit: Literal["stem", "word"] = "stem",
    *,
    text_column: str = "body",
    numbers: bool = False,
    stopwords: Any = "arabic",
) -> pd.DataFrame:
    """Every term of the corpus with the word shown for it (its commonest surface
    form), its count and how many spellings it has, by decreasing count; terms
    merged into another one (clitic variants) count as it.

    >>> import warraq
    >>> warraq.display_forms(["بدأ المهرجان", "المهرجان ولمهرجان", "مهرجان"]).values.tolist()
    [['مهرج', 'المهرجان', 4, 3], ['بدا', 'بدأ', 1, 1]]
    """
    counts, _ = _counts(data, unit, text_column, numbers, stopwords)
    totals = counts.totals().astype(np.int64)
    out = pd.DataFrame(
        {
            _term_column(unit): counts.terms(),
            "word": counts.forms(),
            "count": totals,
            "spellings": [len(counts.surfaces(i)) for i in range(len(totals))],
        }
    )
    return out.sort_values(["count", _term_column(unit)], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )
