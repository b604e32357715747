"""TF-IDF vectors for Arabic text with scikit-learn's semantics, keywords, cosine
neighbours and near-duplicates.

:class:`TfidfVectorizer` is a scikit-learn estimator (``clone``, ``Pipeline``,
pickle/joblib) whose counting and weighting run in Rust on all cores. Given the same
tokens, its matrix, vocabulary order and ``idf_`` equal scikit-learn's
``TfidfVectorizer`` (tested to 1e-12 in float64).

>>> import warraq
>>> v = warraq.TfidfVectorizer()
>>> X = v.fit_transform(["ارتفعت أسعار النفط", "انخفضت أسعار الذهب", "النفط والذهب"])
>>> X.shape, list(v.get_feature_names_out())
((3, 5), ['ارتفعت', 'اسعار', 'انخفضت', 'ذهب', 'نفط'])
>>> [(t, round(w, 3)) for t, w in v.keywords(X, k=2)[2]]
[('ذهب', 0.707), ('نفط', 0.707)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import islice
from typing import Any, Union

import numpy as np
import pandas as pd
import scipy.sparse as sp

import warraq._progress as _progress
from warraq._warraq import DEFAULTS as _DEFAULTS
from warraq._warraq import (
    Analyzer as _Analyzer,
)
from warraq._warraq import (
    DocumentFrequencies,
    MinHashIndex,
    Normalizer,
    TfidfModel,
    arabic_stopwords,
    cosine_neighbours,
    minhash_near_duplicates,
    shingle_overlap,
)
from warraq.exceptions import InvalidOptionError

try:  # scikit-learn is optional: without it the estimator still works on its own.
    from sklearn.base import BaseEstimator, TransformerMixin
    from sklearn.exceptions import NotFittedError
except ImportError:  # pragma: no cover - exercised only without scikit-learn
    import inspect

    class NotFittedError(ValueError, AttributeError):  # type: ignore[no-redef]
        """The estimator is used before ``fit``."""

    class BaseEstimator:  # type: ignore[no-redef]
        """Minimal ``get_params``/``set_params`` when scikit-learn is absent."""

        def get_params(self, deep: bool = True) -> dict[str, Any]:
            names = [p for p in inspect.signature(type(self).__init__).parameters if p != "self"]
            return {n: getattr(self, n) for n in names}

        def set_params(self, **params: Any) -> Any:
            for k, v in params.items():
                setattr(self, k, v)
            return self

    class TransformerMixin:  # type: ignore[no-redef]
        """``fit_transform`` as ``fit`` then ``transform``."""


__all__ = [
    "TfidfVectorizer",
    "DocumentFrequencies",
    "analyze",
    "stopwords",
    "similar",
    "near_duplicates",
    "explain_near_duplicate",
]

AnalyzerArg = Union[str, Callable[[str], Sequence[str]]]
NormalizeArg = Union[bool, Mapping[str, bool], Normalizer]
StopwordsArg = Union[str, Iterable[str], None]

#: Documents per native call when fitting in batches (streaming or with a bar).
BATCH = 4096
#: Rows of X per native call of :func:`similar` when a bar is shown (each call
#: rebuilds the inverted index of Y, so chunks stay large).
SIMILAR_CHUNK = 2048


def stopwords() -> frozenset[str]:
    """warraq's curated Arabic stopwords: function words, pronouns, demonstratives,
    relative pronouns and verbs of saying, each with its و and ف forms.

    Extend it with ``|`` and pass the result as ``stopwords=``.

    >>> from warraq import stopwords
    >>> {"في", "وفي", "فقد", "والتي", "قال"} <= stopwords()
    True
    >>> mine = stopwords() | {"السعودية"}
    >>> len(mine) == len(stopwords()) + 1
    True
    """
    return frozenset(arabic_stopwords())


#: The core's defaults, as keywords (defined once, in Rust).
_ANALYZER: dict[str, Any] = _DEFAULTS["analyzer"]
_TFIDF: dict[str, Any] = _DEFAULTS["tfidf"]
_MINHASH: dict[str, Any] = _DEFAULTS["minhash"]


def _analyzer_options(
    analyzer: str,
    ngram_range: tuple[int, int],
    normalize: NormalizeArg,
    lowercase: bool,
    stopwords: StopwordsArg,
    stem: str | None,
) -> dict[str, Any]:
    """The native analyzer's keywords (checked there, by the core)."""
    return {
        "analyzer": analyzer,
        "ngram_range": ngram_range,
        "normalize": normalize,
        "lowercase": lowercase,
        "stopwords": stopwords,
        "stem": stem,
    }


def analyze(
    text: str,
    *,
    analyzer: str = _ANALYZER["analyzer"],
    ngram_range: tuple[int, int] = _ANALYZER["ngram_range"],
    normalize: NormalizeArg = _ANALYZER["normalize"],
    lowercase: bool = _ANALYZER["lowercase"],
    stopwords: StopwordsArg = _ANALYZER["stopwords"],
    stem: str | None = _ANALYZER["stem"],
) -> list[str]:
    """The terms :class:`TfidfVectorizer` sees in ``text`` with the same options.

    The word analyzer normalises, tokenises (words, numbers, URLs, hashtags; no
    punctuation), lowercases Latin words, drops stopwords, stems Arabic words
    (``stem="light"``, ``"snowball"`` or None) and forms word n-grams.

    >>> from warraq import analyze
    >>> analyze("وقال الوزيرُ إنّ المدارسَ ستفتح في بيروت")
    ['وزير', 'مدارس', 'ستفتح', 'بيروت']
    >>> analyze("المدارس الحكومية", stem=None, ngram_range=(1, 2))
    ['المدارس', 'الحكوميه', 'المدارس الحكوميه']
    >>> analyze("من هنا", analyzer="char_wb", ngram_range=(3, 3))
    [' من', 'من ', ' هن', 'هنا', 'نا ']
    """
    options = _analyzer_options(analyzer, ngram_range, normalize, lowercase, stopwords, stem)
    return _Analyzer(**options).analyze(text)


def _check_documents(raw_documents: Any) -> None:
    if isinstance(raw_documents, str):
        raise ValueError("Iterable over raw text documents expected, string object received.")


def _length(items: Any) -> int | None:
    """The number of documents for a progress bar (None for a generator)."""
    try:
        return len(items)
    except TypeError:
        return None


def _csr(parts: tuple[Any, Any, Any, tuple[int, int]]) -> sp.csr_matrix:
    data, indices, indptr, shape = parts
    # scipy keeps arrays whose dtypes it accepts as they are: the data and
    # indices Rust handed over are used in place, without a copy.
    return sp.csr_matrix((data, indices, indptr), shape=shape)


def _csr_parts(X: Any) -> tuple[Any, Any, Any, tuple[int, int]]:
    X = sp.csr_matrix(X)
    if not X.has_sorted_indices:
        X = X.sorted_indices()
    X.sum_duplicates()
    return (
        np.ascontiguousarray(X.data, dtype=np.float64),
        np.ascontiguousarray(X.indices, dtype=np.int32),
        np.ascontiguousarray(X.indptr, dtype=np.int64),
        (int(X.shape[0]), int(X.shape[1])),
    )


def _sklearn_selection(dtype: np.dtype[Any]) -> Any:
    """``max_features``' choice as scikit-learn's ``_limit_features`` makes it: the
    weights (total counts, or document frequencies with ``binary``) of the candidate
    terms in sorted order, in the matrix's dtype, negated and argsorted by numpy's
    default sort, the first ``limit`` kept."""

    def select(weights: np.ndarray, limit: int) -> list[int]:
        kept = (-weights.astype(dtype)).argsort()[:limit]
        return [int(i) for i in kept]

    return select


class TfidfVectorizer(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Arabic TF-IDF with scikit-learn's ``TfidfVectorizer`` semantics.

    Parameters with scikit-learn's meaning: ``analyzer`` ("word": warraq's Arabic
    analyzer; "char_wb"; "whitespace": split pre-tokenised text on whitespace; or a
    callable returning a document's terms), ``ngram_range``, ``min_df``, ``max_df``
    (an int counts documents, a float is a proportion), ``max_features``,
    ``vocabulary``, ``binary``, ``norm`` ("l2", "l1" or None), ``use_idf``,
    ``smooth_idf``, ``sublinear_tf`` and ``dtype`` (``np.float64`` or ``np.float32``).
    Ours: ``normalize`` (True, False, a dict of :class:`warraq.Normalizer` options or a
    Normalizer), ``lowercase``, ``stopwords`` ("arabic", None or an iterable of words),
    ``stem`` ("light", "snowball" or None), ``n_jobs`` (threads; None: all cores) and
    ``progress`` (a bar for long fits; True shows it only where someone watches).

    When several terms tie for the last places under ``max_features``, the choice
    among them is scikit-learn's: numpy makes it, as ``(-counts).argsort()[:limit]``
    over the candidate terms in sorted order (numpy's default, unstable sort), so the
    vocabulary is scikit-learn's even then. (The Rust vectorizer used alone keeps the
    alphabetically earlier terms.)

    >>> from warraq import TfidfVectorizer
    >>> v = TfidfVectorizer(ngram_range=(1, 2), norm=None)
    >>> X = v.fit_transform(["أسعار النفط", "أسعار الذهب"])
    >>> list(v.get_feature_names_out())
    ['اسعار', 'اسعار ذهب', 'اسعار نفط', 'ذهب', 'نفط']
    >>> v.idf_.round(3).tolist()
    [1.0, 1.405, 1.405, 1.405, 1.405]
    >>> v.transform(["الذهب"]).toarray().round(3).tolist()
    [[0.0, 0.0, 0.0, 1.405, 0.0]]
    """

    def __init__(
        self,
        *,
        analyzer: AnalyzerArg = _ANALYZER["analyzer"],
        ngram_range: tuple[int, int] = _ANALYZER["ngram_range"],
        min_df: int | float = _TFIDF["min_df"],
        max_df: int | float = _TFIDF["max_df"],
        max_features: int | None = _TFIDF["max_features"],
        vocabulary: Mapping[str, int] | Iterable[str] | None = None,
        binary: bool = _TFIDF["binary"],
        norm: str | None = _TFIDF["norm"],
        use_idf: bool = _TFIDF["use_idf"],
        smooth_idf: bool = _TFIDF["smooth_idf"],
        sublinear_tf: bool = _TFIDF["sublinear_tf"],
        dtype: Any = np.float64,
        normalize: NormalizeArg = _ANALYZER["normalize"],
        lowercase: bool = _ANALYZER["lowercase"],
        stopwords: StopwordsArg = _ANALYZER["stopwords"],
        stem: str | None = _ANALYZER["stem"],
        n_jobs: int | None = None,
        progress: _progress.Progress = True,
    ) -> None:
        self.analyzer = analyzer
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.vocabulary = vocabulary
        self.binary = binary
        self.norm = norm
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf
        self.dtype = dtype
        self.normalize = normalize
        self.lowercase = lowercase
        self.stopwords = stopwords
        self.stem = stem
        self.n_jobs = n_jobs
        self.progress = progress

    # -- configuration -------------------------------------------------------------

    def _float32(self) -> bool:
        dt = np.dtype(self.dtype)
        if dt == np.float32:
            return True
        if dt == np.float64:
            return False
        raise InvalidOptionError(f"dtype must be np.float64 or np.float32, not {self.dtype!r}")

    def _fixed_vocabulary(self) -> list[str] | None:
        if self.vocabulary is None:
            return None
        if isinstance(self.vocabulary, Mapping):
            terms = sorted(self.vocabulary, key=lambda t: self.vocabulary[t])
            if sorted(self.vocabulary.values()) != list(range(len(terms))):
                raise ValueError("Vocabulary of size %d doesn't contain index %d." % (len(terms), len(terms) - 1))
            return [str(t) for t in terms]
        terms = [str(t) for t in self.vocabulary]
        if len(set(terms)) != len(terms):
            raise ValueError("Duplicate term in vocabulary")
        if not terms:
            raise ValueError("empty vocabulary passed to fit")
        return terms

    def _new_model(self) -> TfidfModel:
        config = {
            "min_df": self.min_df,
            "max_df": self.max_df,
            "max_features": self.max_features,
            "binary": self.binary,
            "norm": self.norm,
            "use_idf": self.use_idf,
            "smooth_idf": self.smooth_idf,
            "sublinear_tf": self.sublinear_tf,
        }
        self._float32()
        kind = "whitespace" if callable(self.analyzer) else self.analyzer
        analyzer = _analyzer_options(
            kind, self.ngram_range, self.normalize, self.lowercase, self.stopwords, self.stem
        )
        select = _sklearn_selection(np.dtype(self.dtype)) if self.max_features is not None else None
        return TfidfModel(config, analyzer, self._fixed_vocabulary(), select)

    def _native(self, raw_documents: Iterable[str]) -> tuple[Iterable[Any], bool]:
        """What the native model reads: the texts, or (a callable analyzer) each
        text's terms, produced lazily as the model asks for them."""
        fn = self.analyzer
        if callable(fn):
            return (fn(d) for d in raw_documents), True
        return raw_documents, False

    # -- fitting ---------------------------------------------------------------

    def _count(self, model: TfidfModel, raw_documents: Iterable[str], desc: str) -> DocumentFrequencies:
        docs, terms = self._native(raw_documents)
        with _progress.bar(_length(raw_documents), desc, self.progress) as bar:
            return model.count(docs, terms=terms, n_jobs=self.n_jobs, on_batch=bar.update)

    def _set_fitted(self, model: TfidfModel) -> None:
        self._model = model
        self._vocabulary: dict[str, int] | None = None
        self.fixed_vocabulary_ = self.vocabulary is not None

    @property
    def vocabulary_(self) -> dict[str, int]:
        """Term → column (scikit-learn's ``vocabulary_``), made from the fitted model
        on first access: a corpus has 10⁵ terms, and a ``fit_transform`` whose caller
        never asks for them would otherwise spend a twentieth of its time on the dict.

        >>> TfidfVectorizer().fit(["النفط والذهب"]).vocabulary_
        {'ذهب': 0, 'نفط': 1}
        """
        model = self._check_fitted()
        vocabulary = self.__dict__.get("_vocabulary")
        if vocabulary is None:
            terms = model.vocabulary()
            vocabulary = self._vocabulary = dict(zip(terms, range(len(terms))))
        return vocabulary

    def fit(self, raw_documents: Iterable[str], y: Any = None) -> TfidfVectorizer:
        """Learns the vocabulary and idf.

        ``raw_documents`` can be any iterable of str, including a generator: it is
        then read in batches and never held whole.

        >>> v = TfidfVectorizer().fit(t for t in ["النفط", "الذهب"])
        >>> v.vocabulary_
        {'ذهب': 0, 'نفط': 1}
        """
        _check_documents(raw_documents)
        model = self._new_model()
        model.fit_stats(self._count(model, raw_documents, "fit"))
        self._set_fitted(model)
        return self

    def partial_fit(self, raw_documents: Iterable[str], y: Any = None) -> TfidfVectorizer:
        """Adds a batch to the document frequencies seen so far and refits on all
        of them: the vocabulary and idf are those a single ``fit`` on every batch
        would give.

        >>> v = TfidfVectorizer()
        >>> _ = v.partial_fit(["النفط"]).partial_fit(["الذهب"])
        >>> v.vocabulary_, v.stats_.n_docs
        ({'ذهب': 0, 'نفط': 1}, 2)
        """
        _check_documents(raw_documents)
        model = getattr(self, "_model", None) or self._new_model()
        stats = getattr(self, "stats_", None) or DocumentFrequencies()
        stats.merge(self._count(model, raw_documents, "partial_fit"))
        model.fit_stats(stats)
        self.stats_ = stats
        self._set_fitted(model)
        return self

    def fit_stats(self, stats: DocumentFrequencies) -> TfidfVectorizer:
        """Fits from document frequencies counted elsewhere (see :meth:`count`) and
        merged: how a corpus split over processes or machines is fitted.

        >>> v = TfidfVectorizer()
        >>> parts = [v.count(["النفط"]), v.count(["النفط والذهب"])]
        >>> merged = DocumentFrequencies()
        >>> for p in parts:
        ...     merged.merge(p)
        >>> v.fit_stats(merged).idf_.round(3).tolist()
        [1.405, 1.0]
        """
        model = self._new_model()
        model.fit_stats(stats)
        self._set_fitted(model)
        return self

    def count(self, raw_documents: Iterable[str]) -> DocumentFrequencies:
        """Document frequencies of ``raw_documents`` under this vectorizer's analyzer,
        without fitting (merge them with ``DocumentFrequencies.merge``).

        >>> TfidfVectorizer().count(["النفط", "النفط"]).df("نفط")
        2
        """
        _check_documents(raw_documents)
        return self._count(self._new_model(), raw_documents, "count")

    def fit_transform(self, raw_documents: Iterable[str], y: Any = None) -> sp.csr_matrix:
        """Learns the vocabulary and idf, and returns the TF-IDF matrix (analyzing
        each text once). A generator is read in batches.

        >>> TfidfVectorizer().fit_transform(["النفط", "الذهب"]).toarray().tolist()
        [[0.0, 1.0], [1.0, 0.0]]
        """
        _check_documents(raw_documents)
        model = self._new_model()
        f32 = self._float32()
        docs, terms = self._native(raw_documents)
        with _progress.bar(_length(raw_documents), "fit_transform", self.progress) as bar:
            parts = model.fit_transform(docs, terms=terms, float32=f32, n_jobs=self.n_jobs, on_batch=bar.update)
        self._set_fitted(model)
        return _csr(parts)

    def _check_fitted(self) -> TfidfModel:
        model: TfidfModel | None = getattr(self, "_model", None)
        if model is None:
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet. Call 'fit' with "
                "appropriate arguments before using this estimator."
            )
        return model

    def transform(self, raw_documents: Iterable[str]) -> sp.csr_matrix:
        """The TF-IDF matrix of ``raw_documents`` (terms outside the vocabulary are
        ignored).

        >>> v = TfidfVectorizer().fit(["النفط", "الذهب"])
        >>> v.transform(["ذهب ذهب فضة"]).toarray().tolist()
        [[1.0, 0.0]]
        """
        _check_documents(raw_documents)
        model = self._check_fitted()
        f32 = self._float32()
        docs, terms = self._native(raw_documents)
        with _progress.bar(_length(raw_documents), "transform", self.progress) as bar:
            parts = model.transform(docs, terms=terms, float32=f32, n_jobs=self.n_jobs, on_batch=bar.update)
        return _csr(parts)

    # -- fitted attributes ----------------------------------------------------------

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Terms by column, as an object array (scikit-learn's convention).

        >>> TfidfVectorizer().fit(["النفط والذهب"]).get_feature_names_out().tolist()
        ['ذهب', 'نفط']
        """
        return np.asarray(self._check_fitted().vocabulary(), dtype=object)

    @property
    def idf_(self) -> np.ndarray:
        """The inverse document frequency of each column (only with ``use_idf``)."""
        model = self._check_fitted()
        if not self.use_idf:
            raise AttributeError("idf_ is defined only when use_idf=True")
        return model.idf().astype(self.dtype, copy=False)

    # -- keywords --------------------------------------------------------------

    def keywords(
        self, X: Any, k: int = 10, *, documents: Iterable[str] | None = None, numbers: bool = False
    ) -> list[list[tuple[str, float]]]:
        """The ``k`` highest-weighted terms of each row of ``X`` (a matrix from this
        vectorizer), highest first. Numbers («32,5», «٢٠١٦») are left out unless
        ``numbers``.

        With ``documents`` (the texts ``X`` was made from, in order), each term is
        shown as the word the document writes most often for it (an n-gram as its
        words), and terms that are one word behind a preposition the stemmer leaves
        on («لمهرج» beside «مهرج») are shown once: see :meth:`keywords_frame` for
        the words with their stems.

        >>> v = TfidfVectorizer()
        >>> X = v.fit_transform(["النفط النفط الذهب", "الذهب"])
        >>> [[t for t, _ in row] for row in v.keywords(X, k=2)]
        [['نفط', 'ذهب'], ['ذهب']]
        >>> [[t for t, _ in row] for row in v.keywords(X, k=2, documents=["النفط النفط الذهب", "الذهب"])]
        [['النفط', 'الذهب'], ['الذهب']]
        """
        return [[(word, score) for word, _, score in row] for row in self._keywords(X, k, documents, numbers)]

    def _keywords(
        self, X: Any, k: int, documents: Iterable[str] | None, numbers: bool
    ) -> list[list[tuple[str, str, float]]]:
        """(word, term, score) of each row's keywords."""
        model = self._check_fitted()
        if documents is None:
            rows = model.keywords(*_csr_parts(X), int(k), numbers)
            return [[(t, t, s) for t, s in row] for row in rows]
        from warraq._warraq import TermCounts

        texts = list(documents)
        if len(texts) != X.shape[0]:
            raise InvalidOptionError(f"{len(texts)} documents for a matrix of {X.shape[0]} rows")
        if callable(self.analyzer) or self.analyzer == "char_wb":
            raise InvalidOptionError("readable keywords need the word or whitespace analyzer")
        analyzer = _analyzer_options(
            self.analyzer, (1, 1), self.normalize, self.lowercase, self.stopwords, self.stem
        )
        counts = TermCounts(texts, analyzer, numbers=numbers)
        # Merged variants fall out of a row: ask for more, then cut to k.
        rows = model.keywords(*_csr_parts(X), 2 * int(k), numbers)
        words = counts.display([[t for t, _ in row] for row in rows])
        out: list[list[tuple[str, str, float]]] = []
        for row, shown in zip(rows, words):
            seen: set[Any] = set()
            kept: list[tuple[str, str, float]] = []
            for (term, score), word in zip(row, shown):
                key = counts.id(term) if " " not in term else term
                if key is not None and key in seen:
                    continue
                seen.add(key if key is not None else term)
                kept.append((word, term, score))
                if len(kept) == k:
                    break
            out.append(kept)
        return out

    def keywords_frame(
        self, X: Any, k: int = 10, *, documents: Iterable[str] | None = None, numbers: bool = False
    ) -> pd.DataFrame:
        """:meth:`keywords` as a DataFrame with columns ``doc``, ``rank``, ``word``
        (the term as the document writes it, with ``documents``; else the term),
        ``stem`` (the analyzer's term) and ``score``.

        >>> v = TfidfVectorizer()
        >>> texts = ["المهرجان والمهرجان", "الذهب"]
        >>> f = v.keywords_frame(v.fit_transform(texts), k=1, documents=texts)
        >>> f[["doc", "word", "stem"]].values.tolist()
        [[0, 'المهرجان', 'مهرج'], [1, 'الذهب', 'ذهب']]
        """
        rows = [
            (d, r, word, term, score)
            for d, kws in enumerate(self._keywords(X, k, documents, numbers))
            for r, (word, term, score) in enumerate(kws)
        ]
        return pd.DataFrame(rows, columns=["doc", "rank", "word", "stem", "score"])

    def save(self, path: str) -> None:
        """Saves the fitted vectorizer (parameters, analyzer options, vocabulary, idf)
        as versioned JSON. ``dtype``, ``n_jobs`` and ``progress`` are not saved, and a
        callable analyzer cannot be (pickle such a vectorizer instead).

        >>> import os, tempfile
        >>> v = TfidfVectorizer(stem="snowball", min_df=1).fit(["النفط"])
        >>> path = os.path.join(tempfile.mkdtemp(), "v.json")
        >>> v.save(path)
        >>> w = TfidfVectorizer.load(path)
        >>> w.vocabulary_, w.stem
        ({'نفط': 0}, 'snowball')
        """
        if callable(self.analyzer):
            raise InvalidOptionError("a vectorizer with a callable analyzer cannot be saved as JSON; pickle it")
        self._check_fitted().save(path)

    @classmethod
    def load(cls, path: str) -> TfidfVectorizer:
        """Loads a vectorizer saved by :meth:`save`; a corrupt file or one from another
        version raises :class:`warraq.ModelError` naming the path."""
        model = TfidfModel.load(path)
        v = cls(**model.params())
        v._set_fitted(model)
        return v


def similar(
    X: Any,
    Y: Any = None,
    *,
    k: int = 10,
    threshold: float | None = None,
    n_jobs: int | None = None,
    progress: _progress.Progress = True,
) -> pd.DataFrame:
    """The ``k`` most cosine-similar rows of ``Y`` for every row of ``X`` (of ``X``
    itself, excluding the row, when ``Y`` is None), as a DataFrame with columns
    ``i``, ``j``, ``score``, sorted by ``i`` then decreasing score.

    Sparse and parallel: dot products are accumulated through an inverted index, so
    memory stays linear in the matrices (no dense n × n). ``progress``: a bar for
    long matrices (True: where someone watches; False; "always").

    >>> import warraq
    >>> X = warraq.TfidfVectorizer().fit_transform(["النفط والذهب", "النفط", "القمح"])
    >>> warraq.similar(X, k=1).round(3).values.tolist()
    [[0.0, 1.0, 0.605], [1.0, 0.0, 0.605]]
    """
    k = int(k)
    X = sp.csr_matrix(X)
    n = X.shape[0]
    if Y is None or not _progress.enabled(progress) or n <= SIMILAR_CHUNK:
        # X against itself is one call even with a bar: the core computes each
        # pair once for both rows (half the work of rows against all of X), which
        # chunks of rows cannot do; the bar then fills when it is done.
        y = None if Y is None else _csr_parts(Y)
        with _progress.bar(n, "similar", progress if n > SIMILAR_CHUNK else False) as bar:
            i, j, score = cosine_neighbours(_csr_parts(X), y, k, threshold, n_jobs)
            bar.update(n)
        return pd.DataFrame({"i": i.astype(np.int64), "j": j.astype(np.int64), "score": score})
    # With a bar: the rows of X in chunks against all of Y.
    y_parts = _csr_parts(Y)
    frames = []
    with _progress.bar(n, "similar", progress) as bar:
        for start in range(0, n, SIMILAR_CHUNK):
            chunk = X[start : start + SIMILAR_CHUNK]
            i, j, score = cosine_neighbours(_csr_parts(chunk), y_parts, k, threshold, n_jobs)
            frames.append(pd.DataFrame({"i": i.astype(np.int64) + start, "j": j.astype(np.int64), "score": score}))
            bar.update(chunk.shape[0])
    return pd.concat(frames, ignore_index=True)


def near_duplicates(
    texts_or_df: Any,
    *,
    threshold: float | None = None,
    method: str = "minhash",
    text_column: str | None = None,
    id_column: str | None = None,
    shingle_size: int = _MINHASH["shingle_size"],
    num_perm: int = _MINHASH["num_perm"],
    bands: int = _MINHASH["bands"],
    seed: int = _MINHASH["seed"],
    n_jobs: int | None = None,
    progress: _progress.Progress = True,
) -> pd.DataFrame:
    """Pairs of near-duplicate texts (reprints, lightly reworded copies) as a
    DataFrame with columns ``i``, ``j`` (row positions, ``i < j``), ``score`` and,
    for a DataFrame input, ``id_i``, ``id_j``. A DataFrame's text is ``text_column``
    (default: ``"body"`` when it has one, as :func:`warraq.read_corpus` frames do,
    else ``"text"``) and its ids ``id_column`` (default: ``"id"`` when present, else
    the index).

    ``method="minhash"`` (default; for any size): word shingles of ``shingle_size``
    normalised words, MinHash signatures banded into LSH buckets, then the exact
    Jaccard similarity of each candidate pair's shingle sets as ``score`` (default
    ``threshold`` 0.2) and the number of ``shared`` shingles;
    :func:`explain_near_duplicate` lists them. ``method="cosine"`` (small corpora):
    exact cosine of TF-IDF vectors (default ``threshold`` 0.5). ``progress``: a bar
    for long corpora (True: where someone watches; False; "always").

    >>> import warraq
    >>> texts = ["أعلنت وزارة الصحة افتتاح مستشفى جديد في جدة",
    ...          "اعلنت وزارة الصحة، افتتاح مستشفى جديد في جدة.",
    ...          "ارتفعت أسعار النفط"]
    >>> warraq.near_duplicates(texts)[["i", "j", "score"]].values.tolist()
    [[0.0, 1.0, 1.0]]
    """
    ids = None
    if isinstance(texts_or_df, pd.DataFrame):
        df = texts_or_df
        if text_column is None:
            text_column = "body" if "body" in df.columns else "text"
        if text_column not in df.columns:
            raise InvalidOptionError(f"the DataFrame has no column {text_column!r} (set text_column=)")
        if id_column is None and "id" in df.columns:
            id_column = "id"
        texts = df[text_column].tolist()
        ids = df.index.to_numpy() if id_column is None else df[id_column].to_numpy()
    else:
        _check_documents(texts_or_df)
        texts = list(texts_or_df)
    if method == "minhash":
        cut = _MINHASH["threshold"] if threshold is None else float(threshold)
        if _progress.enabled(progress) and len(texts) > BATCH:
            # shingles and signatures batch by batch behind a bar, then the banding
            index = MinHashIndex(shingle_size=shingle_size, num_perm=num_perm, bands=bands, threshold=cut, seed=seed)
            with _progress.bar(len(texts), "near_duplicates", progress) as bar:
                for start in range(0, len(texts), BATCH):
                    batch = texts[start : start + BATCH]
                    index.add(batch, n_jobs)
                    bar.update(len(batch))
                i, j, score, shared = index.pairs(n_jobs)
        else:
            i, j, score, shared = minhash_near_duplicates(
                texts, shingle_size=shingle_size, num_perm=num_perm, bands=bands, threshold=cut, seed=seed, n_jobs=n_jobs
            )
        out = pd.DataFrame(
            {"i": i.astype(np.int64), "j": j.astype(np.int64), "score": score, "shared": shared.astype(np.int64)}
        )
    elif method == "cosine":
        X = TfidfVectorizer(n_jobs=n_jobs, progress=False).fit_transform(texts)
        pairs = similar(
            X, k=max(len(texts) - 1, 1), threshold=0.5 if threshold is None else threshold, n_jobs=n_jobs, progress=False
        )
        out = pairs[pairs["i"] < pairs["j"]].reset_index(drop=True)
    else:
        raise InvalidOptionError(f'method must be "minhash" or "cosine", not {method!r}')
    out = out.sort_values(["i", "j"], kind="stable").reset_index(drop=True)
    if ids is not None:
        out["id_i"] = ids[out["i"].to_numpy()]
        out["id_j"] = ids[out["j"].to_numpy()]
    return out


def explain_near_duplicate(a: str, b: str, *, shingle_size: int = 2) -> dict[str, Any]:
    """Why :func:`near_duplicates` pairs two texts: the shingles they share, how many
    each has, and the Jaccard similarity (the minhash ``score``).

    >>> from warraq import explain_near_duplicate
    >>> e = explain_near_duplicate("سقط المطر بغزارة أمس", "سقط المطر بغزارة اليوم")
    >>> e["shared"], e["n_a"], e["n_b"], e["jaccard"]
    (['سقط المطر', 'المطر بغزاره'], 3, 3, 0.5)
    """
    return dict(shingle_overlap(a, b, shingle_size))
