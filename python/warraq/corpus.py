"""Load a whole corpus of Arabic news into a pandas DataFrame.

:func:`read_corpus` reads folders (recursively), files, glob patterns or lists of
these; every file is decoded (UTF-8 with or without BOM, UTF-16 with BOM,
Windows-1256; detected, or forced with ``encoding=``), read in its format (scraped
``.txt``, ``.json`` arrays of records, ``.jsonl``, ``.csv``, TREC/Gigaword SGML
``<DOC>`` files, saved web pages ``.html``/``.htm``/``.xhtml``, gzipped or not,
``.warc``/``.warc.gz`` archives) and cleaned by :func:`warraq.parse_document`. A page's
main content and metadata are extracted first (charset from its ``<meta>`` or
detected; see ``docs/guide/web.md``), and so is the text of a record whose text field
holds HTML. Files are read in parallel in Rust with the GIL released; a progress bar
shows in notebooks.

Columns (stable names and dtypes, see :data:`COLUMNS`):

==================== ================= ===================================================
column               dtype             content
==================== ================= ===================================================
id                   object (str)      record id, ``<DOCNO>``, URL, or file stem
path                 object (str)      the file the document came from
source               object (str/None) outlet
title                object (str/None) headline
subtitle             object (str/None) second heading line
published            datetime64[ns]    publication date/time (local time), NaT if unknown
published_utc_offset Int32             minutes east of UTC ``published`` was written in
                                       (``180`` for ``+03:00``), <NA> when not given
fetched              datetime64[ns]    when a WARC archive's page was fetched (UTC), NaT
                                       for other files
author               object (str/None) byline author
dateline             object (str/None) dateline city
tags                 object (list)     the record's tags and those of the tag block
related              object (list)     «اقرأ أيضاً» headlines
body                 object (str)      clean paragraphs joined by a blank line
n_words              int64             words in ``body``
url                  object (str/None) URL when the record has one (a page's canonical URL)
summary              object (str/None) summary or lead when the record has one
boilerplate          object (list)     removed lines, each ``{"line", "reason"}``
modified             datetime64[ns]    last modification (a page's ``dateModified``)
section              object (str/None) the outlet's section (a page's metadata)
language             object (str/None) primary language subtag (``"ar"``) of a page
site_name            object (str/None) the site's name (``og:site_name``)
==================== ================= ===================================================

Files: folders are walked recursively (hidden files skipped) and globs expanded.
Files that document a corpus rather than hold its articles are left out when found
in a folder or by a glob: names starting with README, LICENSE, LICENCE, COPYING,
NOTICE, SOURCE, AUTHORS, CHANGELOG, CHANGES, CITATION, CONTRIBUTING or MANIFEST
followed by nothing, ``.`` or ``-`` (``README.upstream.md``, ``SOURCE.txt``,
``LICENSE``), and ``*.md``, ``*.markdown``, ``*.rst``. They are listed in
``df.attrs["warraq_skipped_files"]``; ``include_non_articles=True`` reads them as
articles, and a file named explicitly is always read.

Records (JSON, JSON lines, CSV) from scrapers name their fields as they like: each
part of an article is found by its aliases, ignoring case and ``_``/``-``
(``published_time``, ``datePublished``, ``pubDate``, ``publish_date``, ``date``,
``created_at``, ``timestamp`` for the date; ``keywords``, ``tags``, ``categories``
for the tags; ``description``, ``summary``, ``lead`` for the summary; see
``docs/guide/records-and-warc.md``), or named exactly with
``columns={"text": "full_text", "published": "time"}``. Dates are read from ISO
8601 (with or without an offset), RFC 2822, epoch seconds or milliseconds, and
Arabic date lines. Records whose text is blank (``null``, empty, whitespace) are
left out and listed in ``df.attrs["warraq_empty_records"]`` (dicts with ``path``,
``record``, ``line``, ``id``); ``keep_empty=True`` keeps them as rows with an
empty body (still listed).

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

For corpora larger than memory, :func:`iter_corpus` yields the same DataFrame in
batches of documents, holding one batch at a time. It cannot remove corpus-level
boilerplate: whether a line recurs across a source is known only once the whole
source has been counted, and a stream sees one batch. Everything else (decoding,
formats, per-document cleaning, errors) is the same as :func:`read_corpus`; lines
that only the corpus-level pass would remove stay in the bodies.

>>> df = read_corpus("examples/sample_corpus", progress=False)
>>> len(df), str(df["published"].dtype)
(6, 'datetime64[ns]')
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import warraq._warraq as _native
from warraq._frames import COLUMNS, Source, corpus_frame, source_paths
from warraq._progress import Progress, bar

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "iter_corpus", "read_corpus"]


def read_corpus(
    source: Source | Sequence[Source],
    *,
    format: str = "auto",
    encoding: str = "auto",
    errors: str = "raise",
    progress: Progress = True,
    n_jobs: int | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    recurring: bool = True,
    recurring_min_docs: int = 5,
    recurring_min_share: float = 0.02,
    recurring_max_words: int = 30,
    include_non_articles: bool = False,
    columns: Mapping[str, str] | None = None,
    keep_empty: bool = False,
    languages: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read, decode, parse and clean a corpus into one DataFrame (see the module docs).

    ``format`` is ``"auto"`` (by extension and content), ``"txt"``, ``"json"``,
    ``"jsonl"``, ``"csv"``, ``"sgml"`` or ``"warc"``; ``encoding`` is ``"auto"`` or a label such
    as ``"utf-8"``, ``"utf-16"``, ``"cp1256"``; ``errors`` is ``"raise"`` or
    ``"skip"``; ``n_jobs`` is the number of threads (``None`` or negative: all cores;
    ``0`` is an :class:`warraq.InvalidOptionError`, as in every warraq call). ``text_column``
    and ``id_column`` name the CSV columns / JSON keys of the text and the id;
    ``columns`` names the field of any part (``"text"``, ``"id"``, ``"title"``,
    ``"author"``, ``"source"``, ``"url"``, ``"published"``, ``"tags"``,
    ``"summary"``, ``"dateline"``), overriding its aliases and ``text_column`` /
    ``id_column``; a named field missing from every record of a file is a
    :class:`warraq.ParseError`. ``keep_empty`` keeps records with blank text as rows.
    ``languages=("ar",)`` reads only the pages of WARC archives in those languages
    (the others are counted in ``df.attrs["warraq_archives"]``).
    ``recurring*`` control the corpus-level boilerplate pass.
    ``include_non_articles`` reads README/LICENSE/SOURCE… files found in folders as
    articles (by default they are skipped and listed in
    ``df.attrs["warraq_skipped_files"]``).

    >>> df = read_corpus(["examples/sample_corpus"], progress=False)
    >>> df.loc[0, ["title", "source", "dateline"]].tolist()
    ['مشروع ضخم لتحلية المياه في العقبة يدخل مرحلة التشغيل التجريبي', 'صدى المدينة', 'عمّان']
    >>> df.loc[0, "published"]
    Timestamp('2022-09-14 10:15:00')
    """
    files, skipped = _native.corpus_files(source_paths(source), include_non_articles=include_non_articles)
    reader = _native.CorpusReader(
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
        columns=None if columns is None else dict(columns),
        keep_empty=keep_empty,
        languages=None if languages is None else list(languages),
    )
    with bar(len(files), "read_corpus", progress, unit="file") as b, _gc_paused():
        reader.read_files(files, on_files=b.update)
        data, errs, report = reader.finish()
        return corpus_frame(data, errs, skipped, report)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pauses the cyclic garbage collector while a corpus becomes Python objects.

    Every document adds lists and dicts (tags, related, boilerplate), and each few
    hundred new containers start a collection that walks the young objects, and
    now and then all of them, the growing columns included: a sixth of the time of
    loading a corpus of small files. None of these objects is part of a cycle, so
    nothing is left to collect; the collector runs again as usual afterwards.

    >>> import gc
    >>> with _gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def iter_corpus(
    source: Source | Sequence[Source],
    *,
    batch_size: int = 1000,
    format: str = "auto",
    encoding: str = "auto",
    errors: str = "raise",
    progress: Progress = True,
    n_jobs: int | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    include_non_articles: bool = False,
    columns: Mapping[str, str] | None = None,
    keep_empty: bool = False,
    languages: Sequence[str] | None = None,
) -> Iterator[pd.DataFrame]:
    """Stream a corpus as DataFrames of at most ``batch_size`` documents each.

    The DataFrames have the columns of :func:`read_corpus`; only the current batch
    (and the files read to fill it) is in memory. Files are read in parallel in
    Rust with the GIL released. ``df.attrs["warraq_errors"]`` lists the files
    skipped (``errors="skip"``) while filling that batch,
    ``df.attrs["warraq_empty_records"]`` the records with blank text read for it,
    ``df.attrs["warraq_archives"]`` the WARC archives read for it, and
    ``df.attrs["warraq_skipped_files"]`` the documentation files left out of the
    sources. Options are those of :func:`read_corpus`, except the corpus-level
    boilerplate pass, which needs the whole corpus and is not run: see the module
    docs.

    >>> sizes = [len(df) for df in iter_corpus("examples/sample_corpus", batch_size=4, progress=False)]
    >>> sizes
    [4, 2]
    >>> next(iter_corpus("examples/sample_corpus", progress=False))["title"].iloc[0][:20]
    'مشروع ضخم لتحلية الم'
    """
    files, skipped = _native.corpus_files(source_paths(source), include_non_articles=include_non_articles)
    stream = _native.CorpusStream(
        files,
        batch_size=batch_size,
        format=format,
        encoding=None if encoding == "auto" else encoding,
        errors=errors,
        text_column=text_column,
        id_column=id_column,
        n_jobs=n_jobs,
        columns=None if columns is None else dict(columns),
        keep_empty=keep_empty,
        languages=None if languages is None else list(languages),
    )
    with bar(len(files), "iter_corpus", progress, unit="file") as b:
        done = 0
        while True:
            # Paused per batch, not across the yield: the caller's code runs there.
            with _gc_paused():
                batch = stream.next_batch()
                if batch is None:
                    return
                data, errs, report = batch
                df = corpus_frame(data, errs, skipped, report)
            b.update(stream.files_read - done)
            done = stream.files_read
            yield df
