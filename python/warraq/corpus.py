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

Columns (stable names and dtypes of the default ``backend="pandas"``, see
:data:`COLUMNS`; the Arrow schema is in ``docs/guide/arrow-and-parquet.md``):

==================== ================= ===================================================
column               dtype             content
==================== ================= ===================================================
id                   str               record id, ``<DOCNO>``, URL, or file stem
path                 str               the file the document came from
source               str (NaN)         outlet
title                str (NaN)         headline
subtitle             str (NaN)         second heading line
published            datetime64[ns]    publication date/time (local time), NaT if unknown
published_utc_offset Int32             minutes east of UTC ``published`` was written in
                                       (``180`` for ``+03:00``), <NA> when not given
fetched              datetime64[ns]    when a WARC archive's page was fetched (UTC), NaT
                                       for other files
author               str (NaN)         byline author
dateline             str (NaN)         dateline city
tags                 object (list)     the record's tags and those of the tag block
related              object (list)     «اقرأ أيضاً» headlines
body                 str               clean paragraphs joined by a blank line
n_words              int64             words in ``body``
url                  str (NaN)         URL when the record has one (a page's canonical URL)
summary              str (NaN)         summary or lead when the record has one
boilerplate          object (list)     removed lines, each ``{"line", "reason"}``
modified             datetime64[ns]    last modification (a page's ``dateModified``)
section              str (NaN)         the outlet's section (a page's metadata)
language             str (NaN)         primary language subtag (``"ar"``) of a page
site_name            str (NaN)         the site's name (``og:site_name``)
==================== ================= ===================================================

``str`` is pandas 3's default string dtype, stored in Arrow (built in Rust, handed
over without a Python object per string); a missing value reads as ``NaN``. The list
columns hold Python lists (of ``str``, or of ``{"line", "reason"}`` dicts); they
are Arrow lists with the other backends. ``backend="polars"`` returns a ``polars.DataFrame``
and ``backend="arrow"`` a ``pyarrow.Table`` of the same columns (see
``docs/guide/arrow-and-parquet.md``).

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
empty body (still listed). HTML pages nested deeper than 512 elements are read with
the deeper levels flattened (their tags dropped, their text kept) and listed in
``df.attrs["warraq_flattened_pages"]`` (dicts with ``path``, ``record`` — the WARC
record, else ``None`` —, ``id``, ``tags`` dropped, ``first_offset``).

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

A corpus streams to Parquet with :func:`write_parquet` (one row group per chunk of
files, bounded memory), and ``read_corpus("corpus.parquet")`` reads it back.

>>> df = read_corpus("examples/sample_corpus", progress=False)
>>> len(df), str(df["published"].dtype), str(df["body"].dtype)
(6, 'datetime64[ns]', 'str')
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import warraq._warraq as _native
from warraq._arrow import ATTRS, REPORT_KEY, check_backend, parse_report, report_of, to_backend, with_report
from warraq._frames import COLUMNS, Source, source_paths
from warraq._progress import Progress, bar

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["COLUMNS", "ParquetSummary", "iter_corpus", "read_corpus", "write_parquet"]


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
    backend: str = "pandas",
) -> Any:
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

    ``backend`` is ``"pandas"`` (a DataFrame, the report in ``df.attrs``),
    ``"polars"`` (a ``polars.DataFrame``; needs ``warraq[polars]``) or ``"arrow"``
    (a ``pyarrow.Table``, the report as JSON in ``table.schema.metadata[b"warraq"]``).
    Sources that are all ``.parquet`` files are read back as they were written by
    :func:`write_parquet` (the reading options do not apply to them).

    >>> df = read_corpus(["examples/sample_corpus"], progress=False)
    >>> df.loc[0, ["title", "source", "dateline"]].tolist()
    ['مشروع ضخم لتحلية المياه في العقبة يدخل مرحلة التشغيل التجريبي', 'صدى المدينة', 'عمّان']
    >>> df.loc[0, "published"]
    Timestamp('2022-09-14 10:15:00')
    """
    check_backend(backend)
    paths = source_paths(source)
    if paths and all(_is_parquet(p) for p in paths):
        return to_backend(_read_parquet_files(paths), backend)
    files, skipped = _native.corpus_files(paths, include_non_articles=include_non_articles)
    reader = _reader(
        format, encoding, errors, n_jobs, text_column, id_column, recurring, recurring_min_docs,
        recurring_min_share, recurring_max_words, columns, keep_empty, languages,
    )
    with bar(len(files), "read_corpus", progress, unit="file") as b:
        table = _arrow_table(reader.read_arrow(files, skipped, on_files=b.update))
    return to_backend(table, backend)


def _reader(
    format: str,
    encoding: str,
    errors: str,
    n_jobs: int | None,
    text_column: str | None,
    id_column: str | None,
    recurring: bool,
    recurring_min_docs: int,
    recurring_min_share: float,
    recurring_max_words: int,
    columns: Mapping[str, str] | None,
    keep_empty: bool,
    languages: Sequence[str] | None,
) -> Any:
    """The native reader of :func:`read_corpus`'s and :func:`write_parquet`'s options."""
    return _native.CorpusReader(
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


def _arrow_table(native: Any) -> pa.Table:
    """A native table (it exports ``__arrow_c_stream__``) as a ``pyarrow.Table``, without a copy."""
    import pyarrow as pa

    return pa.table(native)


def _is_parquet(path: str) -> bool:
    return path.lower().endswith(".parquet") and os.path.isfile(path)


def _read_parquet_files(paths: Sequence[str]) -> pa.Table:
    """The tables of Parquet files written by :func:`write_parquet`, one after the other,
    with their reports merged (in file order)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables = []
    report: dict[str, list[Any]] = {name: [] for name in ATTRS}
    for p in paths:
        file = pq.ParquetFile(p)
        # The report is in the file's key-value metadata (written when the file was
        # closed), not in the Arrow schema stored at its start.
        metadata = file.metadata.metadata or {}
        table = file.read()
        tables.append(table)
        if REPORT_KEY in metadata:
            table = with_report(table, parse_report(metadata[REPORT_KEY]))
        for name, values in report_of(table).items():
            report[name].extend(values)
    for path, t in zip(paths, tables):
        _check_corpus_columns(path, t)
    table = pa.concat_tables([t.select(list(COLUMNS)) for t in tables]) if len(tables) > 1 else tables[0]
    return with_report(table, report)


def _check_corpus_columns(path: str, table: pa.Table) -> None:
    """Raises :class:`warraq.ParseError` when ``table`` lacks a column of :data:`COLUMNS`."""
    missing = [c for c in COLUMNS if c not in table.column_names]
    if missing:
        from warraq.exceptions import ParseError

        err = ParseError(
            f"{path}: not a corpus written by warraq.write_parquet (no column {missing[0]!r}); "
            "read other Parquet files with pyarrow, pandas or polars"
        )
        err.path = path
        raise err


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
    backend: str = "pandas",
) -> Iterator[Any]:
    """Stream a corpus as DataFrames of at most ``batch_size`` documents each.

    The DataFrames have the columns of :func:`read_corpus`; only the current batch
    (and the files read to fill it) is in memory. Files are read in parallel in
    Rust with the GIL released. ``df.attrs["warraq_errors"]`` lists the files
    skipped (``errors="skip"``) while filling that batch,
    ``df.attrs["warraq_empty_records"]`` the records with blank text read for it,
    ``df.attrs["warraq_flattened_pages"]`` the HTML pages read for it with their
    deepest elements flattened, ``df.attrs["warraq_archives"]`` the WARC archives read for it, and
    ``df.attrs["warraq_skipped_files"]`` the documentation files left out of the
    sources. Options are those of :func:`read_corpus`, except the corpus-level
    boilerplate pass, which needs the whole corpus and is not run: see the module
    docs. ``backend`` is that of :func:`read_corpus` (each batch a pandas or polars
    frame, or a ``pyarrow.Table``).

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
    check_backend(backend)
    with bar(len(files), "iter_corpus", progress, unit="file") as b:
        done = 0
        while True:
            native = stream.next_arrow()
            if native is None:
                return
            table = _arrow_table(native)
            report = report_of(table)
            report["warraq_skipped_files"] = list(skipped)
            b.update(stream.files_read - done)
            done = stream.files_read
            yield to_backend(with_report(table, report), backend)


@dataclass(frozen=True)
class ParquetSummary:
    """What :func:`write_parquet` wrote: ``rows`` (documents), ``files`` (files read,
    skipped ones included), ``row_groups``, ``bytes`` (of the Parquet file), ``path``,
    and the report of the read: ``errors`` (skipped files, as
    ``df.attrs["warraq_errors"]`` lists them), ``skipped_files``, ``empty_records``,
    ``archives``.
    """

    path: str
    rows: int
    files: int
    row_groups: int
    bytes: int
    errors: list[dict[str, Any]] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    empty_records: list[dict[str, Any]] = field(default_factory=list)
    archives: list[dict[str, Any]] = field(default_factory=list)


def write_parquet(
    source: Source | Sequence[Source],
    path: str | os.PathLike[str],
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
) -> ParquetSummary:
    """Read a corpus as :func:`read_corpus` does and stream it to the Parquet file ``path``.

    Files are read in chunks (a few hundred files or 16 MiB) in parallel in Rust
    with the GIL released; each chunk's documents become one row group (Snappy),
    so memory stays bounded by a chunk, whatever the corpus size. The columns and
    Arrow types are those of ``read_corpus(..., backend="arrow")``; the report
    (skipped files' errors, documentation files left out, records with blank text,
    WARC archives) is JSON in the file's metadata under ``warraq``, and
    ``read_corpus(path)`` gives back the same frame, ``attrs`` included.

    With ``recurring=True`` (the default, as in :func:`read_corpus`) the files are
    read twice: the corpus-level boilerplate pass counts short paragraphs over the
    whole corpus first (a few bytes per distinct paragraph), then removes the
    recurring ones as it writes. ``recurring=False`` reads once.

    The file is written under a temporary name beside ``path`` and renamed at the
    end: on an error (``errors="raise"``), or Ctrl-C, no partial file is left.
    Options are those of :func:`read_corpus`.

    >>> import os, tempfile
    >>> out = os.path.join(tempfile.mkdtemp(), "sample.parquet")
    >>> summary = write_parquet("examples/sample_corpus", out, progress=False)
    >>> summary.rows, summary.files, summary.errors
    (6, 6, [])
    >>> read_corpus(out)["title"].equals(read_corpus("examples/sample_corpus", progress=False)["title"])
    True
    """
    target = os.fspath(path)
    files, skipped = _native.corpus_files(source_paths(source), include_non_articles=include_non_articles)
    reader = _reader(
        format, encoding, errors, n_jobs, text_column, id_column, recurring, recurring_min_docs,
        recurring_min_share, recurring_max_words, columns, keep_empty, languages,
    )
    passes = 2 if recurring else 1
    with bar(passes * len(files), "write_parquet", progress, unit="file") as b:
        out = reader.write_parquet(files, target, skipped, on_files=b.update)
    return _parquet_summary(target, out)


def _parquet_summary(target: str, out: dict[str, Any]) -> ParquetSummary:
    """The :class:`ParquetSummary` of a Rust Parquet write (``out``: its counts and the
    read's report as JSON), for :func:`write_parquet` and ``write_entities_parquet``."""
    report = parse_report(out["report"])
    return ParquetSummary(
        path=target,
        rows=out["rows"],
        files=out["files"],
        row_groups=out["row_groups"],
        bytes=out["bytes"],
        errors=report["warraq_errors"],
        skipped_files=report["warraq_skipped_files"],
        empty_records=report["warraq_empty_records"],
        archives=report["warraq_archives"],
    )
