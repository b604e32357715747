"""Ranked search over a corpus: a persistent BM25 index (tantivy, in Rust) that
analyzes Arabic as warraq does (normalisation, stopwords, clitic-aware light stem),
so that «تدمر» finds «بتدمر», «وتدمر», «تدمُر», with phrase and boolean queries,
filters on metadata and snippets highlighted in the raw text.

>>> import tempfile, os, pandas as pd, warraq
>>> df = pd.DataFrame({"id": ["a", "b"], "title": ["تدمر", "حلب"],
...                    "body": ["دخل الجيش بتدمُر أمس", "هدوء في حلب"]})
>>> index = warraq.SearchIndex.create(os.path.join(tempfile.mkdtemp(), "ix"), df, progress=False)
>>> hits = index.search("تدمر")
>>> hits[["id", "title", "snippet"]].values.tolist()
[['a', 'تدمر', 'دخل الجيش بتدمُر أمس']]
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

import warraq._progress as _progress
from warraq._progress import Progress
from warraq._warraq import SearchIndex as _NativeIndex
from warraq.exceptions import InvalidOptionError

__all__ = ["SearchIndex", "SearchResults"]

COLUMNS = ["id", "score", "title", "published", "snippet", "source", "highlights"]

#: Where-filter keys :meth:`SearchIndex.search` understands.
WHERE_KEYS = ("source", "published", "tags")


class SearchResults(pd.DataFrame):  # type: ignore[misc]
    """What :meth:`SearchIndex.search` returns: a DataFrame (``id, score, title,
    published, snippet``, then ``source`` and ``highlights``, the matched words as
    ``(start, end)`` ranges into the snippet) that displays in a notebook as a
    right-to-left list of hits with the matches marked.

    >>> r = SearchResults({"id": ["a"], "score": [1.0], "title": ["<t>"], "published": [pd.NaT],
    ...                    "snippet": ["دخل بتدمر"], "source": [None], "highlights": [[(4, 9)]]})
    >>> page = r._repr_html_()
    >>> "<mark>بتدمر</mark>" in page, "&lt;t&gt;" in page, 'dir="rtl"' in page
    (True, True, True)
    """

    @property
    def _constructor(self) -> type[SearchResults]:
        return SearchResults

    def _repr_html_(self) -> str:
        return results_html(self)


def marked(snippet: str, highlights: Iterable[tuple[int, int]]) -> str:
    """``snippet`` escaped, each highlighted range in ``<mark>``.

    >>> marked("a <b> c", [(2, 5)])
    'a <mark>&lt;b&gt;</mark> c'
    """
    out, at = [], 0
    for start, end in highlights:
        out.append(html.escape(snippet[at:start]))
        out.append(f"<mark>{html.escape(snippet[start:end])}</mark>")
        at = end
    out.append(html.escape(snippet[at:]))
    return "".join(out)


def results_html(frame: pd.DataFrame) -> str:
    """The hits of ``frame`` as HTML reading right to left (everything escaped)."""
    esc = html.escape
    style = (
        "<style>"
        "ol.warraq-hits{list-style:none;padding:0;font-size:1.05em;line-height:1.6}"
        "ol.warraq-hits li{margin:0 0 .8em 0}"
        "ol.warraq-hits .warraq-hit-title{font-weight:bold}"
        "ol.warraq-hits .warraq-hit-meta{color:#666;font-size:.85em}"
        "ol.warraq-hits mark{background:#ffe38a;color:inherit}"
        "</style>"
    )
    items = []
    for row in frame.itertuples(index=False):
        meta = [f"#{esc(str(row.id))}"]
        if isinstance(getattr(row, "score", None), float):
            meta.append(f"{row.score:.3f}")
        published = getattr(row, "published", None)
        if published is not None and not pd.isna(published):
            meta.append(esc(str(pd.Timestamp(published).date())))
        source = getattr(row, "source", None)
        if isinstance(source, str):
            meta.append(esc(source))
        highlights = getattr(row, "highlights", None) or []
        items.append(
            "<li>"
            f'<div class="warraq-hit-title">{esc(str(row.title or ""))}</div>'
            f'<div class="warraq-hit-meta"><bdi dir="ltr">{" · ".join(meta)}</bdi></div>'
            f'<div class="warraq-hit-snippet">{marked(str(row.snippet), highlights)}</div>'
            "</li>"
        )
    if not items:
        return f'{style}<p dir="rtl">لا نتائج (no hits)</p>'
    return f'{style}<ol class="warraq-hits" dir="rtl">{"".join(items)}</ol>'


def _seconds(value: Any) -> int | None:
    """A date as seconds since the epoch (a naive one taken as UTC), or None."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return None
    ts = pd.Timestamp(value)
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return int((ts - pd.Timestamp(0)) // pd.Timedelta(seconds=1))


def _str_or_none(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    return str(value)


def _tags(value: Any) -> list[str]:
    if value is None or isinstance(value, float):
        return []
    if isinstance(value, str):
        return [value]
    return [str(t) for t in value]


def _column(df: pd.DataFrame, name: str, n: int) -> list[Any]:
    return df[name].tolist() if name in df.columns else [None] * n


def _strings(values: Iterable[Any], what: str) -> list[str]:
    if isinstance(values, str):
        return [values]
    return [str(v) for v in values]


class SearchIndex:
    """A search index of a corpus DataFrame, kept on disk in a directory.

    Create it with :meth:`create` (indexes ``df`` if given), add documents with
    :meth:`add` (a document whose ``id`` is already there, or earlier in the same
    frame, is replaced: the last one wins), reopen it
    with :meth:`open` (no re-indexing), search it with :meth:`search`. The index
    reads the columns ``id``, ``title``, ``body``, ``source``, ``published`` and
    ``tags`` of a :func:`warraq.read_corpus` frame (missing ones are empty).

    Ranking is BM25 as Lucene has it, with ``k1`` and ``b`` chosen at creation,
    over title and body together plus ``title_boost`` times the BM25 of the title;
    queries are words (any of them, ranked), ``"phrases"`` (or «…»), ``AND``,
    ``OR``, ``NOT``/``-word``, ``+word`` and parentheses. Indexing runs in Rust on
    ``threads`` threads without the GIL, with a progress bar; only one writer at a
    time (another process adding to the same index is refused with
    :class:`warraq.SearchIndexError`), while searches go on.

    >>> import tempfile, os, pandas as pd, warraq
    >>> path = os.path.join(tempfile.mkdtemp(), "ix")
    >>> index = warraq.SearchIndex.create(path, k1=0.9, b=0.4)
    >>> index.add(pd.DataFrame({"id": ["x"], "body": ["ارتفعت أسعار النفط"]}), progress=False)
    1
    >>> len(warraq.SearchIndex.open(path)), warraq.SearchIndex.open(path).k1
    (1, 0.9)
    """

    def __init__(self, native: _NativeIndex) -> None:
        self._native = native

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        df: pd.DataFrame | None = None,
        *,
        k1: float = 1.2,
        b: float = 0.75,
        stem: str | None = "light",
        title_boost: float = 1.0,
        threads: int = 2,
        progress: Progress = True,
    ) -> SearchIndex:
        """A new index in ``path`` (a new or empty directory), with ``df`` added.

        ``stem``: ``"light"`` (warraq's light stemmer), ``"snowball"`` or ``None``.
        ``title_boost``: the weight of the title's own BM25, added to the BM25 of
        title and body together (0: one field, as a plain BM25 library has it).
        """
        index = cls(
            _NativeIndex.create(os.fspath(path), k1=k1, b=b, stem=stem or "none", title_boost=title_boost)
        )
        if df is not None:
            index.add(df, threads=threads, progress=progress)
        return index

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> SearchIndex:
        """The index in ``path``, as it was last committed."""
        return cls(_NativeIndex.open(os.fspath(path)))

    @property
    def path(self) -> str:
        """The index directory."""
        return os.fspath(self._native.path)

    @property
    def k1(self) -> float:
        """BM25's term-frequency saturation."""
        return round(self._native.options[0], 6)

    @property
    def b(self) -> float:
        """BM25's length normalisation."""
        return round(self._native.options[1], 6)

    @property
    def title_boost(self) -> float:
        """The weight of the title's own BM25 (0: title and body are one field)."""
        return round(self._native.options[3], 6)

    def __len__(self) -> int:
        return len(self._native)

    def __repr__(self) -> str:
        return f"<SearchIndex {self.path!r}: {len(self)} documents, k1={self.k1}, b={self.b}>"

    def reload(self) -> None:
        """See what another process committed since this one was opened."""
        self._native.reload()

    def add(self, df: pd.DataFrame, *, threads: int = 2, progress: Progress = True) -> int:
        """Index the rows of ``df`` and commit; the number of distinct ids added.

        An ``id`` works as an upsert, the last row wins: a document already in the
        index under that id is replaced, and so is an earlier row of ``df`` with the
        same id (it is not indexed at all). Nothing is searchable until the whole
        frame is committed; an error (or Ctrl-C) leaves the index as it was.

        >>> import tempfile, os, pandas as pd, warraq
        >>> ix = warraq.SearchIndex.create(os.path.join(tempfile.mkdtemp(), "ix"))
        >>> ix.add(pd.DataFrame({"id": ["a", "a"], "body": ["خبر أول", "خبر مصحح"]}), progress=False)
        1
        >>> len(ix), ix.search("خبر")["snippet"].tolist()
        (1, ['خبر مصحح'])
        """
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"SearchIndex.add takes a DataFrame, not {type(df).__name__}")
        n = len(df)
        ids = [str(i) for i in (df["id"].tolist() if "id" in df.columns else df.index.tolist())]
        titles = [_str_or_none(t) or "" for t in _column(df, "title", n)]
        bodies = [_str_or_none(t) or "" for t in _column(df, "body", n)]
        sources = [_str_or_none(s) for s in _column(df, "source", n)]
        published = [_seconds(p) for p in _column(df, "published", n)]
        tags = [_tags(t) for t in _column(df, "tags", n)]
        writer = self._native.writer(threads)
        size = max(_progress.default_chunk_size(n), 2048)
        try:
            with _progress.bar(n, "index", progress) as bar:
                for i in range(0, n, size):
                    s = slice(i, i + size)
                    writer.add(ids[s], titles[s], bodies[s], sources[s], published[s], tags[s])
                    bar.update(len(ids[s]))
        except BaseException:
            writer.rollback()
            raise
        return writer.commit()

    def search(self, query: str, k: int = 10, where: Mapping[str, Any] | None = None) -> SearchResults:
        """The ``k`` best documents for ``query``, best first.

        ``where`` filters on metadata: ``{"source": "spa"}`` (or a list: any of
        them), ``{"published": ("2015-01-01", "2015-06-30")}`` (inclusive; either end
        may be None), ``{"tags": ["اقتصاد"]}`` (all of them). A query that does not
        parse raises :class:`warraq.QueryError` naming the position.
        """
        if k < 0:
            raise InvalidOptionError(f"k must be >= 0, got {k}")
        where = dict(where or {})
        unknown = sorted(set(where) - set(WHERE_KEYS))
        if unknown:
            raise InvalidOptionError(f"where: unknown key(s) {unknown}; expected {list(WHERE_KEYS)}")
        published = where.get("published")
        if published is None:
            lo = hi = None
        elif isinstance(published, (tuple, list)) and len(published) == 2:
            lo, hi = _seconds(published[0]), _seconds(published[1])
        else:
            raise InvalidOptionError("where['published'] must be a (from, to) pair")
        ids, scores, titles, sources, dates, snippets, highlights = self._native.search(
            query,
            k,
            sources=_strings(where.get("source") or [], "source"),
            published_from=lo,
            published_to=hi,
            tags=_strings(where.get("tags") or [], "tags"),
        )
        missing = np.iinfo(np.int64).min  # NaT
        published_at = np.array([missing if d is None else d for d in dates], dtype=np.int64).view("datetime64[s]")
        hl = np.empty(len(highlights), dtype=object)
        hl[:] = highlights
        # plain arrays in COLUMNS order: no per-column Series or reindexing (a query
        # is a few hundred microseconds in Rust; the frame should not dwarf it)
        return SearchResults(
            {
                "id": np.array(ids, dtype=object),
                "score": np.array(scores, dtype=np.float64),
                "title": np.array(titles, dtype=object),
                "published": published_at.astype("datetime64[ns]"),
                "snippet": np.array(snippets, dtype=object),
                "source": np.array(sources, dtype=object),
                "highlights": hl,
            }
        )
