"""The DataFrame of a corpus, shared by :mod:`warraq.corpus` and :mod:`warraq.dask`
(so that a frame read on one machine and one computed by Dask have the same
columns and dtypes): the column table and the frame made from the native columns.

>>> sorted(source_paths(["b", "a"])), source_paths("x")
(['a', 'b'], ['x'])
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "Source", "corpus_frame", "source_paths"]

Source = Union[str, "os.PathLike[str]"]

#: Column names of :func:`warraq.read_corpus`, in order, with their pandas dtypes.
COLUMNS: dict[str, str] = {
    "id": "object",
    "path": "object",
    "source": "object",
    "title": "object",
    "subtitle": "object",
    "published": "datetime64[ns]",
    "published_utc_offset": "Int32",
    "fetched": "datetime64[ns]",
    "author": "object",
    "dateline": "object",
    "tags": "object",
    "related": "object",
    "body": "object",
    "n_words": "int64",
    "url": "object",
    "summary": "object",
    "boilerplate": "object",
    "modified": "datetime64[ns]",
    "section": "object",
    "language": "object",
    "site_name": "object",
}


def source_paths(source: Source | Sequence[Source]) -> list[str]:
    """One source or a sequence of them as a list of path strings."""
    if isinstance(source, (str, os.PathLike)):
        return [os.fspath(source)]
    return [os.fspath(s) for s in source]


def corpus_frame(
    columns: dict[str, Any],
    errors: list[dict[str, Any]],
    skipped: Sequence[str] = (),
    report: Mapping[str, list[dict[str, Any]]] | None = None,
) -> pd.DataFrame:
    """The DataFrame of the native column lists (dtypes of :data:`COLUMNS`), with the
    skipped files' errors, the documentation files left out and the native reader's
    ``report`` (the records with blank text, the WARC archives' counts) in ``attrs``.

    >>> df = corpus_frame({name: [] for name in COLUMNS}, [])
    >>> list(df.columns) == list(COLUMNS), str(df["published"].dtype), df.attrs["warraq_errors"]
    (True, 'datetime64[ns]', [])
    >>> df.attrs["warraq_empty_records"], df.attrs["warraq_archives"]
    ([], [])
    """
    import numpy as np
    import pandas as pd

    # Explicit object dtype: the same on pandas 2 and 3 (where str columns would
    # otherwise become the new string dtype, turning None into NaN).
    data: dict[str, Any] = {name: pd.Series(columns[name], dtype=object) for name in COLUMNS}
    data["published"] = np.asarray(columns["published"], dtype=np.int64).view("datetime64[ns]")
    data["n_words"] = np.asarray(columns["n_words"], dtype=np.int64)
    data["published_utc_offset"] = pd.array(columns["published_utc_offset"], dtype="Int32")
    # `modified` comes as ISO 8601 text or None.
    data["modified"] = pd.to_datetime(pd.Series(columns["modified"], dtype=object), format="ISO8601").astype(
        "datetime64[ns]"
    )
    # datetime.datetime or None (UTC) → datetime64[ns], NaT for None.
    data["fetched"] = pd.to_datetime(pd.Series(columns["fetched"], dtype=object)).astype("datetime64[ns]")
    df = pd.DataFrame(data, columns=list(COLUMNS))
    df.attrs["warraq_errors"] = errors
    df.attrs["warraq_skipped_files"] = list(skipped)
    report = report or {}
    df.attrs["warraq_empty_records"] = list(report.get("warraq_empty_records", []))
    df.attrs["warraq_archives"] = list(report.get("warraq_archives", []))
    return df
