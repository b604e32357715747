"""Load a whole corpus of Arabic news into a pandas DataFrame.

:func:`read_corpus` reads folders (recursively), files, glob patterns or lists of
these; every file is decoded (UTF-8 with or without BOM, UTF-16 with BOM,
Windows-1256; detected, or forced with ``encoding=``), read in its format (scraped
``.txt``, ``.json`` arrays of records, ``.jsonl``, ``.csv``, TREC/Gigaword SGML
``<DOC>`` files) and cleaned by :func:`warraq.parse_document`. Files are read in
parallel in Rust with the GIL released; a progress bar shows in notebooks.

Columns (stable names and dtypes, see :data:`COLUMNS`):

============== ================== ==================================================
column         dtype              content
============== ================== ==================================================
id             object (str)       record id, ``<DOCNO>``, URL, or file stem
path           object (str)       the file the document came from
source         object (str/None)  outlet
title          object (str/None)  headline
subtitle       object (str/None)  second heading line
published      datetime64[ns]     publication date/time (local time), NaT if unknown
author         object (str/None)  byline author
dateline       object (str/None)  dateline city
tags           object (list)      keywords of the tag block
related        object (list)      «اقرأ أيضاً» headlines
body           object (str)       clean paragraphs joined by a blank line
n_words        int64              words in ``body``
url            object (str/None)  URL when the record has one
boilerplate    object (list)      removed lines, each ``{"line", "reason"}``
============== ================== ==================================================

Errors: with ``errors="raise"`` the first bad file (in sorted path order) raises a
:class:`warraq.WarraqError` subclass naming the file and the line or byte offset
(:class:`warraq.DecodeError`, :class:`warraq.ParseError`) or an :class:`OSError`.
With ``errors="skip"`` bad files are skipped and listed in
``df.attrs["warraq_errors"]`` (dicts with ``path``, ``error``, ``message``,
``line``, ``offset``). A file over 1 GiB is refused from its size alone (a
:class:`warraq.ParseError`, nothing read); split it.

Corpus-level boilerplate (lines repeated across many documents of one source) is
found in two linear passes: paragraphs are folded and hashed, the number of
documents of each source holding each hash is counted in one pass, and a second pass
removes paragraphs at or above ``max(recurring_min_docs, recurring_min_share × docs
of the source)``, reporting them with reason ``"recurring line"``.

>>> df = read_corpus("examples/sample_corpus", progress=False)
>>> len(df), str(df["published"].dtype)
(6, 'datetime64[ns]')
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Union

from warraq import _progress, _warraq

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "read_corpus"]

Source = Union[str, "os.PathLike[str]"]

#: Column names of :func:`read_corpus`, in order, with their pandas dtypes.
COLUMNS: dict[str, str] = {
    "id": "object",
    "path": "object",
    "source": "object",
    "title": "object",
    "subtitle": "object",
    "published": "datetime64[ns]",
    "author": "object",
    "dateline": "object",
    "tags": "object",
    "related": "object",
    "body": "object",
    "n_words": "int64",
    "url": "object",
    "boilerplate": "object",
}


def _sources(source: Source | Sequence[Source]) -> list[str]:
    if isinstance(source, (str, os.PathLike)):
        return [os.fspath(source)]
    return [os.fspath(s) for s in source]


def read_corpus(
    source: Source | Sequence[Source],
    *,
    format: str = "auto",
    encoding: str = "auto",
    errors: str = "raise",
    progress: _progress.Progress = True,
    n_jobs: int | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    recurring: bool = True,
    recurring_min_docs: int = 5,
    recurring_min_share: float = 0.02,
    recurring_max_words: int = 30,
) -> pd.DataFrame:
    """Read, decode, parse and clean a corpus into one DataFrame (see the module docs).

    ``format`` is ``"auto"`` (by extension and content), ``"txt"``, ``"json"``,
    ``"jsonl"``, ``"csv"`` or ``"sgml"``; ``encoding`` is ``"auto"`` or a label such
    as ``"utf-8"``, ``"utf-16"``, ``"cp1256"``; ``errors`` is ``"raise"`` or
    ``"skip"``; ``n_jobs`` bounds the threads (default: all cores). ``text_column``
    and ``id_column`` name the CSV columns / JSON keys of the text and the id.
    ``recurring*`` control the corpus-level boilerplate pass.

    >>> df = read_corpus(["examples/sample_corpus"], progress=False)
    >>> df.loc[0, ["title", "source", "dateline"]].tolist()
    ['مشروع ضخم لتحلية المياه في العقبة يدخل مرحلة التشغيل التجريبي', 'صدى المدينة', 'عمّان']
    >>> df.loc[0, "published"]
    Timestamp('2022-09-14 10:15:00')
    """
    import numpy as np
    import pandas as pd

    files = _warraq.list_corpus_files(_sources(source))
    reader = _warraq.CorpusReader(
        format=format,
        encoding=None if encoding == "auto" else encoding,
        errors=errors,
        text_column=text_column,
        id_column=id_column,
        recurring=recurring,
        recurring_min_docs=recurring_min_docs,
        recurring_min_share=recurring_min_share,
        recurring_max_words=recurring_max_words,
        n_jobs=n_jobs,
    )
    size = _progress.default_chunk_size(len(files))
    with _progress.bar(len(files), "read_corpus", progress, unit="file") as b:
        for i in range(0, len(files), size):
            chunk = files[i : i + size]
            reader.add_files(chunk)
            b.update(len(chunk))
    columns, errs = reader.finish()
    # Explicit object dtype: the same on pandas 2 and 3 (where str columns would
    # otherwise become the new string dtype, turning None into NaN).
    data: dict[str, Any] = {name: pd.Series(columns[name], dtype=object) for name in COLUMNS}
    data["published"] = np.asarray(columns["published"], dtype=np.int64).view("datetime64[ns]")
    data["n_words"] = np.asarray(columns["n_words"], dtype=np.int64)
    df = pd.DataFrame(data, columns=list(COLUMNS))
    df.attrs["warraq_errors"] = errs
    return df
