"""The columns of a corpus's DataFrame, shared by :mod:`warraq.corpus` and
:mod:`warraq.dask` (so that a frame read on one machine and one computed by Dask
have the same columns and dtypes; both are made by :mod:`warraq._arrow`).

>>> sorted(source_paths(["b", "a"])), source_paths("x")
(['a', 'b'], ['x'])
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Union

__all__ = ["COLUMNS", "Source", "source_paths"]

Source = Union[str, "os.PathLike[str]"]

#: Column names of :func:`warraq.read_corpus`, in order, with their pandas dtypes
#: (``backend="pandas"`` on pandas 3: ``str`` is the Arrow-backed string dtype).
COLUMNS: dict[str, str] = {
    "id": "str",
    "path": "str",
    "source": "str",
    "title": "str",
    "subtitle": "str",
    "published": "datetime64[ns]",
    "published_utc_offset": "Int32",
    "fetched": "datetime64[ns]",
    "author": "str",
    "dateline": "str",
    "tags": "object",
    "related": "object",
    "body": "str",
    "n_words": "int64",
    "url": "str",
    "summary": "str",
    "boilerplate": "object",
    "modified": "datetime64[ns]",
    "section": "str",
    "language": "str",
    "site_name": "str",
}


def source_paths(source: Source | Sequence[Source]) -> list[str]:
    """One source or a sequence of them as a list of path strings."""
    if isinstance(source, (str, os.PathLike)):
        return [os.fspath(source)]
    return [os.fspath(s) for s in source]
