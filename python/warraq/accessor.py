"""The ``.ar`` pandas accessor, registered by ``import warraq``.

Thin wrappers over warraq's batch functions (parallel in Rust, GIL released, with a
progress bar on long columns), so that a column of Arabic text is one method call
away from its clean form, tokens, entities, keywords and TF-IDF matrix:

=================================== ===============================================
``s.ar.normalize(**options)``        Series of normalised text (:class:`warraq.Normalizer` options)
``s.ar.tokens(normalize=False)``     Series of token lists
``s.ar.entities()``                  long DataFrame, one row per mention (id = index label)
``s.ar.keywords(k=10)``              Series of each text's top TF-IDF terms
``s.ar.kwic(pattern)``               :func:`warraq.kwic` of the column
``df.ar.tfidf(column="body")``       ``(vectorizer, matrix)``: the fitted
                                     :class:`warraq.TfidfVectorizer` and its CSR matrix
``df.ar.entities(column="body")``    :func:`warraq.entities_frame` of the frame
``df.ar.kwic(pattern)``              :func:`warraq.kwic` of the frame (``meta=``, ``sort=``)
``df.ar.near_duplicates()``          :func:`warraq.near_duplicates` of the frame
``df.ar.render(i)``                  row at position ``i`` as highlighted HTML
=================================== ===============================================

Missing values (None, NaN) stay missing in Series results and count as empty text
in frames and matrices. Every method takes ``progress=`` (True: a bar where someone
watches; False: never; "always").

>>> import pandas as pd
>>> import warraq
>>> s = pd.Series(["أعلنت الوزارةُ", None, "زار الرئيس دمشق"], index=["a", "b", "c"])
>>> s.ar.normalize().tolist()
['اعلنت الوزاره', None, 'زار الرئيس دمشق']
>>> s.ar.tokens().loc["c"]
['زار', 'الرئيس', 'دمشق']
>>> s.ar.entities()[["id", "label", "text"]].values.tolist()
[['c', 'LOCATION', 'دمشق']]
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

import pandas as pd
import scipy.sparse as sp

import warraq._progress as _progress
from warraq._warraq import EntityRecognizer, Normalizer, tokenize_batch
from warraq.concordance import Concordance, kwic
from warraq.display import Rendered, render
from warraq.entities import entities_frame
from warraq.vectors import TfidfVectorizer, near_duplicates

__all__ = ["SeriesAccessor", "DataFrameAccessor", "TfidfResult"]


class TfidfResult(NamedTuple):
    """What ``df.ar.tfidf()`` returns: the fitted vectorizer and the matrix (row
    ``i`` is the frame's row at position ``i``). Unpacks as ``vectorizer, X``."""

    vectorizer: TfidfVectorizer
    matrix: sp.csr_matrix


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT


def _texts(series: pd.Series, what: str) -> tuple[list[str], list[bool]]:
    """The texts of a Series (missing → "") and which were missing; anything else
    that is not a str is a TypeError naming its index label."""
    texts: list[str] = []
    missing: list[bool] = []
    for label, value in series.items():
        if isinstance(value, str):
            texts.append(value)
            missing.append(False)
        elif _is_missing(value):
            texts.append("")
            missing.append(True)
        else:
            raise TypeError(f"{what}: the value at index {label!r} is {type(value).__name__}, not str")
    return texts, missing


def _series(values: list[Any], missing: list[bool], like: pd.Series) -> pd.Series:
    out = [None if m else v for v, m in zip(values, missing)]
    return pd.Series(out, index=like.index, name=like.name, dtype=object)


class SeriesAccessor:
    """``Series.ar``: Arabic text methods on a column of str (see the module docs)."""

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def normalize(self, *, progress: _progress.Progress = True, **options: bool) -> pd.Series:
        """Each text normalised (``options`` as :class:`warraq.Normalizer` takes them).

        >>> import pandas as pd
        >>> pd.Series(["المدرسةِ", "٣٫٥٪"]).ar.normalize(teh_marbuta=False).tolist()
        ['المدرسة', '3.5%']
        """
        normalizer = Normalizer(**options)
        texts, missing = _texts(self._series, "ar.normalize")
        out = _progress.chunked_map(normalizer.normalize_batch, texts, progress=progress, desc="ar.normalize")
        return _series(out, missing, self._series)

    def tokens(
        self, *, normalize: bool = False, progress: _progress.Progress = True, **options: bool
    ) -> pd.Series:
        """Each text's tokens as a list; with ``normalize=True`` (or any
        :class:`warraq.Normalizer` option) the text is normalised first.

        >>> import pandas as pd
        >>> pd.Series(["إلى المدرسةِ."]).ar.tokens().tolist()
        [['إلى', 'المدرسةِ', '.']]
        >>> pd.Series(["إلى المدرسةِ."]).ar.tokens(normalize=True).tolist()
        [['الي', 'المدرسه', '.']]
        """
        texts, missing = _texts(self._series, "ar.tokens")
        if normalize or options:
            fn: Any = Normalizer(**options).tokenize_batch
        else:
            fn = tokenize_batch
        out = _progress.chunked_map(fn, texts, progress=progress, desc="ar.tokens")
        return _series(out, missing, self._series)

    def entities(
        self,
        *,
        published: Any = None,
        recognizer: EntityRecognizer | None = None,
        prefer: Literal["past", "future", "nearest"] = "past",
        progress: _progress.Progress = True,
    ) -> pd.DataFrame:
        """One row per entity mention, as :func:`warraq.entities_frame` returns them;
        ``id`` is the text's index label. ``published`` (a Series or sequence of dates
        aligned with the texts) resolves relative dates, on the side ``prefer`` says.

        >>> import pandas as pd
        >>> pd.Series({"x": "وصل الوفد إلى القاهرة"}).ar.entities()[["id", "text"]].values.tolist()
        [['x', 'القاهرة']]
        """
        texts, _ = _texts(self._series, "ar.entities")
        frame = pd.DataFrame({"id": list(self._series.index), "body": texts})
        if published is not None:
            frame["published"] = list(published)
        return entities_frame(frame, recognizer=recognizer, prefer=prefer, progress=progress)

    def kwic(self, pattern: str | list[str], **params: Any) -> Concordance:
        """:func:`warraq.kwic` of the column (ids from the index).

        >>> import pandas as pd, warraq
        >>> pd.Series(["وصلوا بتدمر أمس"]).ar.kwic("تدمر", progress=False)["keyword"].tolist()
        ['بتدمر']
        """
        return kwic(self._series, pattern, **params)

    def keywords(
        self, k: int = 10, *, scores: bool = False, progress: _progress.Progress = True, **params: Any
    ) -> pd.Series:
        """Each text's ``k`` highest-weighted TF-IDF terms (a vectorizer fitted on
        this column with ``params``), as lists of terms, or of ``(term, score)`` with
        ``scores=True``.

        >>> import pandas as pd
        >>> s = pd.Series(["ارتفعت أسعار النفط", "انخفضت أسعار الذهب", None])
        >>> s.ar.keywords(2).tolist()
        [['ارتفعت', 'نفط'], ['انخفضت', 'ذهب'], None]
        """
        texts, missing = _texts(self._series, "ar.keywords")
        vectorizer = TfidfVectorizer(progress=progress, **params)
        X = vectorizer.fit_transform(texts)
        found = vectorizer.keywords(X, k=k)
        values = [row if scores else [t for t, _ in row] for row in found]
        return _series(values, missing, self._series)


class DataFrameAccessor:
    """``DataFrame.ar``: corpus-level methods on a frame with a text column (by
    default ``"body"``, as :func:`warraq.read_corpus` gives)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    def _column(self, column: str) -> pd.Series:
        if column not in self._frame.columns:
            raise KeyError(f"ar: the DataFrame has no column {column!r} (set column=)")
        return self._frame[column]

    def tfidf(self, column: str = "body", *, progress: _progress.Progress = True, **params: Any) -> TfidfResult:
        """Fits a :class:`warraq.TfidfVectorizer` (``params`` as it takes them) on
        ``column`` and returns ``TfidfResult(vectorizer, matrix)``: the fitted
        vectorizer and the ``scipy.sparse.csr_matrix`` whose row ``i`` is the row at
        position ``i`` (missing texts are empty rows).

        >>> import pandas as pd
        >>> df = pd.DataFrame({"body": ["أسعار النفط", "أسعار الذهب"]})
        >>> vec, X = df.ar.tfidf(min_df=1)
        >>> X.shape, vec.get_feature_names_out().tolist()
        ((2, 3), ['اسعار', 'ذهب', 'نفط'])
        """
        texts, _ = _texts(self._column(column), f"ar.tfidf({column!r})")
        vectorizer = TfidfVectorizer(progress=progress, **params)
        return TfidfResult(vectorizer, vectorizer.fit_transform(texts))

    def entities(
        self,
        column: str = "body",
        id_column: str = "id",
        *,
        recognizer: EntityRecognizer | None = None,
        prefer: Literal["past", "future", "nearest"] = "past",
        progress: _progress.Progress = True,
    ) -> pd.DataFrame:
        """:func:`warraq.entities_frame` of the frame (``published`` resolves
        relative dates when the frame has it, on the side ``prefer`` says); without
        ``id_column`` the ids are the index labels.

        >>> import pandas as pd
        >>> pd.DataFrame({"body": ["زار دمشق"]}).ar.entities()[["id", "text"]].values.tolist()
        [[0, 'دمشق']]
        """
        self._column(column)
        frame = self._frame
        if id_column not in frame.columns:
            frame = frame.assign(**{id_column: list(frame.index)})
        return entities_frame(frame, column, id_column, recognizer=recognizer, prefer=prefer, progress=progress)

    def kwic(self, pattern: str | list[str], column: str = "body", **params: Any) -> Concordance:
        """:func:`warraq.kwic` of the frame's ``column`` (``meta=``, ``sort=`` by
        its columns).

        >>> import pandas as pd, warraq
        >>> df = pd.DataFrame({"id": [7], "source": ["x"], "body": ["وصلوا بتدمر أمس"]})
        >>> df.ar.kwic("تدمر", meta=["source"], progress=False)[["id", "keyword", "source"]].values.tolist()
        [[7, 'بتدمر', 'x']]
        """
        return kwic(self._frame, pattern, text_column=column, **params)

    def near_duplicates(self, column: str = "body", **params: Any) -> pd.DataFrame:
        """:func:`warraq.near_duplicates` of ``column`` (pairs ``i``, ``j`` by
        position, with ``id_i``, ``id_j``).

        >>> import warraq
        >>> df = warraq.read_corpus("examples/sample_corpus", progress=False)
        >>> df.ar.near_duplicates()[["id_i", "id_j"]].values.tolist()
        [['001_sada_water', '005_sada_water_reprint']]
        """
        self._column(column)
        return near_duplicates(self._frame, text_column=column, **params)

    def render(self, i: int, column: str = "body", **params: Any) -> Rendered:
        """The row at position ``i`` as highlighted HTML (see :func:`warraq.render`).

        >>> import warraq
        >>> df = warraq.read_corpus("examples/sample_corpus", progress=False)
        >>> df.ar.render(0).labels["LOCATION"] > 0
        True
        """
        return render(self._frame.iloc[i], text_column=column, **params)


def register() -> None:
    """Registers ``.ar`` on Series and DataFrames (``import warraq`` does it). An
    ``.ar`` that is already there (ours, or another library's) is left alone.

    >>> import pandas as pd
    >>> register()
    >>> pd.Series.ar is SeriesAccessor, pd.DataFrame.ar is DataFrameAccessor
    (True, True)
    """
    if getattr(pd.Series, "ar", None) is None:
        pd.api.extensions.register_series_accessor("ar")(SeriesAccessor)
    if getattr(pd.DataFrame, "ar", None) is None:
        pd.api.extensions.register_dataframe_accessor("ar")(DataFrameAccessor)


register()
