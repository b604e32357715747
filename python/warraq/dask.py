"""The warraq pipeline on a Dask cluster, with the results of one machine.

``pip install warraq[dask]`` adds ``dask[dataframe]`` and ``distributed``; this
module imports without them and raises an :class:`ImportError` saying so when one
of its functions is called (``import warraq`` never imports Dask).

- :func:`read_corpus` → a ``dask.dataframe.DataFrame`` partitioned by files, with the
  columns and dtypes of :func:`warraq.read_corpus`. Corpus-level boilerplate is one
  small map → tree-reduce: each partition counts its short paragraphs per source
  (``RecurringCounts``), the counts are merged in a tree, the lines over the
  threshold (``RecurringLines``, a few KB) go back to every partition. The computed
  frame equals ``warraq.read_corpus`` row for row (same order, index ``0..n-1``).
- :func:`to_parquet` writes such a frame with Dask's Parquet writer, the list columns
  typed as Arrow lists (Dask cannot infer their type from its empty ``meta``).
- :func:`entities` → ``map_partitions`` of :func:`warraq.entities_frame`; each worker
  process loads the entity model once and keeps it (nothing big is pickled per task).
- :func:`fit_tfidf` counts document frequencies per partition
  (``TfidfVectorizer.count``), merges them in a tree and fits with ``fit_stats``;
  :func:`transform` returns one CSR block per partition. Vocabulary, ``idf_`` and the stacked matrix equal a
  single-machine ``fit``/``transform``.
- :func:`near_duplicates`: MinHash shingles and LSH band keys per partition, band
  keys shuffled so that each bucket meets in one partition, candidate pairs verified
  next to their shingle sets: the pairs of :func:`warraq.near_duplicates`.
- :func:`register` sizes warraq's thread pool in each worker to the worker's
  ``nthreads`` (a ``WorkerPlugin``), so that processes × threads do not
  oversubscribe the cores; the functions above call it for the current client.

>>> import warraq.dask
>>> ddf = warraq.dask.read_corpus("examples/sample_corpus", files_per_partition=4)
>>> ddf.npartitions, list(ddf.columns) == list(warraq.COLUMNS)
(2, True)
>>> ddf.compute()["title"].equals(warraq.read_corpus("examples/sample_corpus", progress=False)["title"])
True
"""

from __future__ import annotations

import functools
import os
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from warraq import _warraq
from warraq._arrow import to_pandas
from warraq._frames import Source, source_paths
from warraq.entities import entities_frame
from warraq.exceptions import InvalidOptionError

if TYPE_CHECKING:
    import pandas as pd
    import scipy.sparse as sp

    from warraq.vectors import TfidfVectorizer

__all__ = [
    "read_corpus",
    "to_parquet",
    "entities",
    "fit_tfidf",
    "transform",
    "near_duplicates",
    "register",
]

INSTALL_HINT = "warraq.dask needs dask[dataframe] and distributed: pip install warraq[dask]"


def _dask() -> Any:
    try:
        import dask
        import dask.dataframe  # noqa: F401
    except ImportError as e:  # pragma: no cover - exercised only without dask
        raise ImportError(INSTALL_HINT) from e
    _register_current()
    return dask


# -- threads per worker -------------------------------------------------------------

_REGISTERED: weakref.WeakSet[Any] = weakref.WeakSet()

try:  # distributed is optional: without it there are no workers to configure.
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - exercised only without distributed
    _WorkerPlugin = object  # type: ignore[misc,assignment]


class WarraqThreads(_WorkerPlugin):  # type: ignore[misc,valid-type,unused-ignore]
    """A Dask worker plugin: sizes warraq's (rayon's) thread pool in each worker
    process to the worker's ``nthreads`` and sets ``RAYON_NUM_THREADS`` to match, so
    that ``n_workers × nthreads`` threads share the machine's cores instead of every
    worker process starting one thread per core.

    Registered by :func:`register`. It takes effect when warraq has not run in the
    worker process yet (rayon sizes its pool once per process).
    """

    name = "warraq-threads"

    def setup(self, worker: Any) -> None:
        n = int(worker.state.nthreads)
        os.environ["RAYON_NUM_THREADS"] = str(n)
        _warraq.init_num_threads(n)


def register(client: Any = None) -> None:
    """Registers :class:`WarraqThreads` with ``client`` (default: the current
    ``distributed`` client, if any) so that every worker, present and future, runs
    warraq on ``nthreads`` threads. The functions of this module call it; it does
    something only once per client.

    >>> register()  # no distributed client here: nothing to do
    """
    if client is None:
        try:
            from distributed import default_client

            client = default_client()  # type: ignore[no-untyped-call,unused-ignore]
        except (ImportError, ValueError):
            return
    if client in _REGISTERED:
        return
    client.register_plugin(WarraqThreads())
    _REGISTERED.add(client)


def _register_current() -> None:
    try:
        register()
    except ImportError:  # pragma: no cover - distributed absent: local schedulers only
        pass


# -- trees of partial results -------------------------------------------------------


def _tree(items: Sequence[Any], combine: Callable[..., Any], split_every: int) -> Any:
    """Combines delayed values in a tree of fan-in ``split_every`` (one delayed)."""
    dask = _dask()
    if split_every < 2:
        raise InvalidOptionError(f"split_every must be >= 2, not {split_every!r}")
    level = list(items)
    while len(level) > 1:
        level = [
            dask.delayed(combine)(*level[i : i + split_every])
            for i in range(0, len(level), split_every)
        ]
    return level[0]


# -- read_corpus ------------------------------------------------------------------


def _read_part(files: list[str], options: dict[str, Any]) -> pd.DataFrame:
    import pyarrow as pa

    reader = _warraq.CorpusReader(**options)
    return to_pandas(pa.table(reader.read_arrow(files)))


def _sources(column: pd.Series) -> list[str | None]:
    """A text column's values, missing ones (``NaN`` in a ``str`` column) as ``None``."""
    return [v if isinstance(v, str) else None for v in column.tolist()]


#: A partition's part of the corpus-level pass: recurring-line counts, lengths,
#: skipped files' errors, the rest of its attrs (records with blank text, archives).
_Summary = tuple[Any, list[int], list[Any], dict[str, list[Any]]]

_REPORT_ATTRS = ("warraq_empty_records", "warraq_flattened_pages", "warraq_archives")


def _summarize(df: pd.DataFrame, recurring: bool, max_words: int) -> _Summary:
    """What the corpus-level pass needs of a partition: its recurring-line counts,
    its length, its skipped files and its records with blank text."""
    counts = None
    if recurring:
        counts = _warraq.RecurringCounts.count(_sources(df["source"]), df["path"].tolist(), df["body"].tolist(), max_words)
    return (
        counts,
        [len(df)],
        list(df.attrs.get("warraq_errors", [])),
        {name: list(df.attrs.get(name, [])) for name in _REPORT_ATTRS},
    )


def _merge_summaries(*parts: _Summary) -> _Summary:
    counts = None
    lengths: list[int] = []
    errs: list[Any] = []
    report: dict[str, list[Any]] = {name: [] for name in _REPORT_ATTRS}
    for c, n, e, r in parts:
        if c is not None:
            if counts is None:
                counts = _warraq.RecurringCounts()
            counts.merge(c)
        lengths.extend(n)
        errs.extend(e)
        for name in _REPORT_ATTRS:
            report[name].extend(r[name])
    return counts, lengths, errs, report


def _plan(summary: _Summary, min_docs: int, min_share: float) -> _Summary:
    counts, lengths, errs, report = summary
    lines = None if counts is None else counts.recurring_lines(min_docs, min_share)
    offsets = [0]
    for n in lengths[:-1]:
        offsets.append(offsets[-1] + n)
    return lines, offsets, errs, report


def _finish_part(df: pd.DataFrame, plan: _Summary, part: int, max_words: int) -> pd.DataFrame:
    import pandas as pd

    lines, offsets, errs, report = plan
    df = df.copy()
    if lines is not None and len(lines) and len(df):
        rows, bodies, removed, n_words = lines.remove(
            _sources(df["source"]), df["path"].tolist(), df["body"].tolist(), max_words
        )
        if rows:
            # Only the changed rows' values are replaced; `body` keeps its str dtype.
            body = df["body"].tolist()
            boilerplate = df["boilerplate"].to_numpy(dtype=object, copy=True)
            words = df["n_words"].to_numpy(copy=True)
            for r, b, gone, n in zip(rows, bodies, removed, n_words):
                body[r] = b
                boilerplate[r] = list(boilerplate[r]) + gone
                words[r] = n
            df["body"] = pd.Series(body, dtype=df["body"].dtype, index=df.index)
            df["boilerplate"] = pd.Series(boilerplate, dtype=object, index=df.index)
            df["n_words"] = words
    start = offsets[part]
    df.index = pd.RangeIndex(start, start + len(df))
    # Every partition carries the errors of the whole corpus (in file order), so
    # that the computed frame keeps them in attrs as warraq.read_corpus does; so
    # do the records with blank text and the archives' counts.
    df.attrs["warraq_errors"] = list(errs)
    for name in _REPORT_ATTRS:
        df.attrs[name] = list(report[name])
    return df


def _meta() -> pd.DataFrame:
    import pyarrow as pa

    return to_pandas(pa.table(_warraq.CorpusReader().read_arrow([])))


def read_corpus(
    source: Source | Sequence[Source],
    *,
    files_per_partition: int = 256,
    format: str = "auto",
    encoding: str = "auto",
    errors: str = "raise",
    n_jobs: int | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    recurring: bool = True,
    recurring_min_docs: int = 5,
    recurring_min_share: float = 0.02,
    recurring_max_words: int = 30,
    split_every: int = 8,
    columns: Mapping[str, str] | None = None,
    keep_empty: bool = False,
    languages: Sequence[str] | None = None,
) -> Any:
    """:func:`warraq.read_corpus` as a lazy ``dask.dataframe.DataFrame``, one
    partition per ``files_per_partition`` files (in sorted order), with the same
    columns, dtypes, rows, order and index once computed.

    The files are listed here, on the client, and read by the workers: every path
    must be visible to every worker (shared storage). Corpus-level boilerplate is a
    map → tree-reduce (fan-in ``split_every``) of per-partition counts, then applied
    per partition. With ``errors="skip"`` the skipped files of the whole corpus are
    listed in ``attrs["warraq_errors"]`` of every partition and of the computed frame
    (and the records with blank text in ``attrs["warraq_empty_records"]``, the WARC
    archives' counts in ``attrs["warraq_archives"]``). Work is split by file: a WARC
    archive is read whole by one task (its pages parsed in parallel there);
    with ``errors="raise"`` the first bad file of the partition that fails first
    raises on compute.

    >>> ddf = read_corpus(["examples/sample_corpus"], files_per_partition=2)
    >>> ddf.npartitions, ddf.compute().index.tolist()
    (3, [0, 1, 2, 3, 4, 5])
    """
    dask = _dask()
    import dask.dataframe as dd

    if isinstance(files_per_partition, bool) or not isinstance(files_per_partition, int) or files_per_partition < 1:
        raise InvalidOptionError(f"files_per_partition must be a positive int, not {files_per_partition!r}")
    options: dict[str, Any] = {
        "format": format,
        "encoding": None if encoding == "auto" else encoding,
        "errors": errors,
        "text_column": text_column,
        "id_column": id_column,
        "columns": None if columns is None else dict(columns),
        "keep_empty": keep_empty,
        "languages": None if languages is None else list(languages),
        # The corpus-level pass runs across partitions below.
        "recurring": False,
        "n_jobs": n_jobs,
    }
    # Checks the options here, on the client, rather than in every task.
    _warraq.CorpusReader(**options)
    files = _warraq.list_corpus_files(source_paths(source))
    meta = _meta()
    if not files:
        with dask.config.set({"dataframe.convert-string": False}):
            return dd.from_pandas(meta, npartitions=1)  # type: ignore[no-untyped-call,unused-ignore]
    chunks = [files[i : i + files_per_partition] for i in range(0, len(files), files_per_partition)]
    parts = [dask.delayed(_read_part)(chunk, options) for chunk in chunks]
    summaries = [dask.delayed(_summarize)(p, recurring, recurring_max_words) for p in parts]
    plan = dask.delayed(_plan)(_tree(summaries, _merge_summaries, split_every), recurring_min_docs, recurring_min_share)
    finished = [dask.delayed(_finish_part)(p, plan, k, recurring_max_words) for k, p in enumerate(parts)]
    # The partitions' dtypes are those of warraq.read_corpus (Arrow-backed str and
    # list columns); Dask is told not to convert them again.
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_delayed(finished, meta=meta, verify_meta=False)


def to_parquet(ddf: Any, path: str | os.PathLike[str], **kwargs: Any) -> Any:
    """``ddf.to_parquet(path, **kwargs)`` for a frame of :func:`read_corpus`: the Arrow
    types of its list columns (``tags``, ``related``: ``large_list<string>``;
    ``boilerplate``: ``large_list<struct<line, reason>>``) are given to Dask, which
    otherwise fails to infer them from its ``meta`` (object columns hold no sample
    value there), with the Arrow types of every other column. ``write_index``
    defaults to ``False``; a ``schema`` dict in ``kwargs`` overrides columns' types. The files read back
    with ``warraq.read_corpus`` when they are one file, or with ``pandas``/``pyarrow``.

    >>> import os, tempfile, pandas as pd
    >>> out = os.path.join(tempfile.mkdtemp(), "corpus")
    >>> _ = to_parquet(read_corpus("examples/sample_corpus", files_per_partition=4), out)
    >>> pd.read_parquet(out)["tags"].map(list).iloc[1]
    ['الأردن', 'جرش', 'مهرجانات', 'ثقافة']
    """
    import pyarrow as pa

    _dask()
    # The whole schema: Dask infers one from its meta before it reads a dict of overrides.
    schema = pa.schema(_warraq.CorpusReader().read_arrow([])).remove_metadata()
    for name, type_ in (kwargs.pop("schema", None) or {}).items():
        schema = schema.set(schema.get_field_index(name), pa.field(name, type_))
    kwargs.setdefault("write_index", False)
    return ddf.to_parquet(path, schema=schema, **kwargs)


# -- entities ---------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _recognizer(model: str | None) -> Any:
    """The recognizer of ``model``, loaded once per worker process and kept."""
    return _warraq.EntityRecognizer(model)


def _entity_meta(id_dtype: Any) -> pd.DataFrame:
    """The empty frame of :func:`entities`: ``entities_frame`` of no texts with ids of
    ``id_dtype``, so that its dtypes are those of every partition's frame."""
    import pandas as pd

    empty = pd.DataFrame({"id": pd.Series([], dtype=id_dtype), "body": pd.Series([], dtype="str")})
    return entities_frame(empty, progress=False)


def _entities_part(
    df: pd.DataFrame,
    text_column: str,
    id_column: str,
    published_column: str | None,
    model: str | None,
    prefer: Literal["past", "future", "nearest"],
) -> pd.DataFrame:
    found = entities_frame(
        df, text_column, id_column, published_column, recognizer=_recognizer(model), prefer=prefer, progress=False
    )
    meta = _entity_meta(df[id_column].dtype)
    if len(found) == 0:
        return meta
    return found.astype(meta.dtypes.to_dict())


def entities(
    ddf: Any,
    text_column: str = "body",
    id_column: str = "id",
    published_column: str | None = "published",
    *,
    model: str | os.PathLike[str] | None = None,
    prefer: Literal["past", "future", "nearest"] = "past",
) -> Any:
    """:func:`warraq.entities_frame` of every partition (``map_partitions``): a dask
    DataFrame with one row per mention (``id, label, text, normalized, value, start,
    end, score, begin_value, end_value, anchor``). ``model`` is a model file every worker can read (default: the
    bundled model); each worker process loads it once and keeps it. ``prefer`` is the
    side of the publication date a date without its year resolves to, as in
    :func:`warraq.entities_frame`.

    >>> import warraq
    >>> ddf = read_corpus("examples/sample_corpus", files_per_partition=3)
    >>> ents = entities(ddf).compute()
    >>> ents.reset_index(drop=True).equals(warraq.entities_frame(ddf.compute(), progress=False))
    True
    """
    dask = _dask()
    for col in (text_column, id_column):
        if col not in ddf.columns:
            raise KeyError(f"entities: no column {col!r} in the DataFrame")
    path = None if model is None else os.fspath(model)
    meta = _entity_meta(ddf._meta[id_column].dtype)
    with dask.config.set({"dataframe.convert-string": False}):
        return ddf.map_partitions(
            _entities_part,
            text_column,
            id_column,
            published_column,
            path,
            prefer,
            meta=meta,
            align_dataframes=False,
        )


# -- TF-IDF -----------------------------------------------------------------------


def _texts(collection: Any, text_column: str | None) -> list[Any]:
    """One delayed sequence of texts per partition of a dask Series, DataFrame or Bag."""
    import dask.dataframe as dd

    if isinstance(collection, dd.DataFrame):
        column = text_column or ("body" if "body" in collection.columns else "text")
        if column not in collection.columns:
            raise InvalidOptionError(f"the DataFrame has no column {column!r} (set text_column=)")
        collection = collection[column]
    if not hasattr(collection, "to_delayed"):
        raise TypeError(f"expected a dask DataFrame, Series or Bag, not {type(collection).__name__}")
    parts: list[Any] = collection.to_delayed()
    return parts


def _as_list(part: Any) -> list[Any]:
    return part.tolist() if hasattr(part, "tolist") else list(part)


def _count_part(vectorizer: TfidfVectorizer, part: Any) -> Any:
    return vectorizer.count(_as_list(part))


def _merge_counts(*parts: Any) -> Any:
    total = _warraq.DocumentFrequencies()
    for p in parts:
        total.merge(p)
    return total


def _quiet(vectorizer: TfidfVectorizer) -> TfidfVectorizer:
    import copy

    v = copy.copy(vectorizer)
    v.progress = False
    return v


def fit_tfidf(
    texts: Any,
    vectorizer: TfidfVectorizer | None = None,
    *,
    text_column: str | None = None,
    split_every: int = 8,
) -> TfidfVectorizer:
    """Fits ``vectorizer`` (default: ``TfidfVectorizer()``) on a dask Series, Bag or
    DataFrame (its ``text_column``, default ``"body"``): document frequencies counted
    per partition, merged in a tree (fan-in ``split_every``), then ``fit_stats``.
    Returns the fitted vectorizer, whose vocabulary and ``idf_`` equal a
    single-machine ``fit`` on the same texts.

    >>> import warraq
    >>> ddf = read_corpus("examples/sample_corpus", files_per_partition=2)
    >>> v = fit_tfidf(ddf)
    >>> w = warraq.TfidfVectorizer().fit(warraq.read_corpus("examples/sample_corpus", progress=False)["body"])
    >>> v.vocabulary_ == w.vocabulary_, bool((v.idf_ == w.idf_).all())
    (True, True)
    """
    dask = _dask()
    from warraq.vectors import TfidfVectorizer

    if vectorizer is None:
        vectorizer = TfidfVectorizer()
    vectorizer._new_model()  # checks the parameters on the client
    shared = dask.delayed(_quiet(vectorizer), pure=True)
    counts = [dask.delayed(_count_part)(shared, p) for p in _texts(texts, text_column)]
    stats = _tree(counts, _merge_counts, split_every).compute()
    vectorizer.fit_stats(stats)
    vectorizer.stats_ = stats
    return vectorizer


def _transform_part(vectorizer: TfidfVectorizer, part: Any) -> sp.csr_matrix:
    return vectorizer.transform(_as_list(part))


def transform(
    texts: Any, vectorizer: TfidfVectorizer, *, text_column: str | None = None, compute: bool = True
) -> list[Any]:
    """The TF-IDF matrix of each partition: a list of ``scipy.sparse.csr_matrix``
    blocks in partition order (``scipy.sparse.vstack`` them for the whole matrix),
    or of ``Delayed`` blocks with ``compute=False``. The fitted vectorizer is sent
    to each worker once.

    >>> import scipy.sparse as sp
    >>> ddf = read_corpus("examples/sample_corpus", files_per_partition=4)
    >>> v = fit_tfidf(ddf)
    >>> blocks = transform(ddf, v)
    >>> [b.shape[0] for b in blocks], sp.vstack(blocks).shape == (6, len(v.vocabulary_))
    ([4, 2], True)
    """
    dask = _dask()
    vectorizer._check_fitted()
    shared = dask.delayed(_quiet(vectorizer), pure=True)
    blocks = [dask.delayed(_transform_part)(shared, p) for p in _texts(texts, text_column)]
    if not compute:
        return blocks
    return list(dask.compute(*blocks))


# -- near-duplicates --------------------------------------------------------------


def _minhash_part(part: Any, text_column: str | None, id_column: str | None, options: dict[str, int]) -> dict[str, Any]:
    import pandas as pd

    if isinstance(part, pd.DataFrame):
        texts = part[text_column].tolist()
        ids = part.index.to_numpy() if id_column is None else part[id_column].to_numpy()
    else:
        texts = _as_list(part)
        ids = None
    indptr, hashes, keys = _warraq.MinHasher(**options).block(texts)
    return {"n": len(texts), "indptr": indptr, "hashes": hashes, "keys": keys, "ids": ids}


def _band_rows(block: dict[str, Any], part: int) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    keys = block["keys"]
    indptr = block["indptr"]
    rows = np.flatnonzero(np.diff(indptr) > 0)  # documents without shingles are never paired
    n_bands = keys.shape[1]
    doc = (np.int64(part) << np.int64(32)) | rows.astype(np.int64)
    return pd.DataFrame(
        {
            "band": np.tile(np.arange(n_bands, dtype=np.int64), len(rows)),
            "key": keys[rows].reshape(-1),
            "doc": np.repeat(doc, n_bands),
        }
    )


def _pairs_meta() -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    return pd.DataFrame({"a": np.zeros(0, dtype=np.int64), "b": np.zeros(0, dtype=np.int64)})


def _bucket_pairs(df: pd.DataFrame) -> pd.DataFrame:
    """Every pair of documents sharing a (band, key) bucket; the shuffle on ``key``
    brought each bucket into one partition. Vectorised: row ``r`` at position ``p``
    of a bucket of size ``s`` pairs with the ``s - p - 1`` rows after it."""
    import numpy as np
    import pandas as pd

    if len(df) < 2:
        return _pairs_meta()
    band, key, doc = (df[c].to_numpy() for c in ("band", "key", "doc"))
    order = np.lexsort((doc, key, band))
    band, key, doc = band[order], key[order], doc[order]
    n = len(doc)
    new_bucket = np.r_[True, (band[1:] != band[:-1]) | (key[1:] != key[:-1])]
    bucket_end = np.r_[np.flatnonzero(new_bucket)[1:], n]
    # The end of each row's bucket: the next bucket start at or after it.
    ends = bucket_end[np.cumsum(new_bucket) - 1]
    after = ends - np.arange(n) - 1  # rows after r in its bucket
    total = int(after.sum())
    if total == 0:
        return _pairs_meta()
    first = np.repeat(np.arange(n), after)
    starts = np.cumsum(after) - after
    second = np.arange(total) - np.repeat(starts, after) + first + 1
    return pd.DataFrame({"a": doc[first], "b": doc[second]}).drop_duplicates()


def _verify(block_a: dict[str, Any], block_b: dict[str, Any], rows_a: Any, rows_b: Any) -> tuple[Any, ...]:
    import numpy as np

    # Arrays received from other workers may sit unaligned in a network buffer.
    def ready(x: Any, dtype: Any) -> Any:
        return np.require(x, dtype=dtype, requirements=["C", "A"])

    score, shared = _warraq.MinHasher.compare(
        ready(block_a["indptr"], np.int64),
        ready(block_a["hashes"], np.uint64),
        ready(rows_a, np.int64),
        ready(block_b["indptr"], np.int64),
        ready(block_b["hashes"], np.uint64),
        ready(rows_b, np.int64),
    )
    ids_a = None if block_a["ids"] is None else block_a["ids"][rows_a]
    ids_b = None if block_b["ids"] is None else block_b["ids"][rows_b]
    return score, shared, ids_a, ids_b


#: Documents per partition of the band-key shuffle of :func:`near_duplicates`.
DOCS_PER_BUCKET_PARTITION = 50_000


def _length(block: dict[str, Any]) -> int:
    n: int = block["n"]
    return n


def near_duplicates(
    data: Any,
    *,
    threshold: float | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    shingle_size: int = _warraq.DEFAULTS["minhash"]["shingle_size"],
    num_perm: int = _warraq.DEFAULTS["minhash"]["num_perm"],
    bands: int = _warraq.DEFAULTS["minhash"]["bands"],
    seed: int = _warraq.DEFAULTS["minhash"]["seed"],
    npartitions: int | None = None,
) -> pd.DataFrame:
    """:func:`warraq.near_duplicates` (MinHash) of a dask DataFrame, Series or Bag
    of texts, as a pandas DataFrame with the same rows: ``i``, ``j`` (row positions
    in the whole collection, ``i < j``), ``score`` (exact Jaccard), ``shared`` and,
    for a DataFrame, ``id_i``, ``id_j``.

    Per partition: shingle sets and LSH band keys (kept on the workers); the band
    keys are shuffled into ``npartitions`` partitions (default: one per 50,000
    documents) so that each bucket meets in one place; candidate pairs are deduplicated and
    each is verified by a task holding both shingle sets.

    >>> import warraq
    >>> ddf = read_corpus("examples/sample_corpus", files_per_partition=2)
    >>> near_duplicates(ddf).equals(warraq.near_duplicates(ddf.compute()))
    True
    """
    dask = _dask()
    import dask.dataframe as dd
    import numpy as np
    import pandas as pd

    options = {"shingle_size": shingle_size, "num_perm": num_perm, "bands": bands, "seed": seed}
    _warraq.MinHasher(**options)  # checks the options on the client
    limit = _warraq.DEFAULTS["minhash"]["threshold"] if threshold is None else float(threshold)
    if not 0.0 <= limit <= 1.0:
        raise InvalidOptionError(f"threshold must be in [0, 1], not {threshold!r}")
    is_frame = isinstance(data, dd.DataFrame)
    if is_frame:
        if text_column is None:
            text_column = "body" if "body" in data.columns else "text"
        if text_column not in data.columns:
            raise InvalidOptionError(f"the DataFrame has no column {text_column!r} (set text_column=)")
        if id_column is None and "id" in data.columns:
            id_column = "id"
    elif not hasattr(data, "to_delayed"):
        raise TypeError(f"expected a dask DataFrame, Series or Bag, not {type(data).__name__}")
    parts = data.to_delayed()
    blocks = dask.persist(*[dask.delayed(_minhash_part)(p, text_column, id_column, options) for p in parts])
    band_rows = dd.from_delayed(
        [dask.delayed(_band_rows)(b, k) for k, b in enumerate(blocks)],
        meta=pd.DataFrame(
            {"band": np.zeros(0, np.int64), "key": np.zeros(0, np.uint64), "doc": np.zeros(0, np.int64)}
        ),
        verify_meta=False,
    )
    lengths = dask.compute(*[dask.delayed(_length)(b) for b in blocks])
    if npartitions is None:
        # About 50,000 documents (64 band rows of 24 bytes each, ~77 MB) per bucket partition.
        npartitions = max(1, -(-sum(lengths) // DOCS_PER_BUCKET_PARTITION))
    buckets = band_rows.shuffle("key", npartitions=npartitions)
    candidates = buckets.map_partitions(_bucket_pairs, meta=_pairs_meta()).drop_duplicates()
    (pairs,) = dask.compute(candidates)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    a = pairs["a"].to_numpy(dtype=np.int64)
    b = pairs["b"].to_numpy(dtype=np.int64)
    part_a, row_a = a >> 32, a & 0xFFFFFFFF
    part_b, row_b = b >> 32, b & 0xFFFFFFFF
    groups = pd.DataFrame({"pa": part_a, "pb": part_b}).groupby(["pa", "pb"], sort=True).indices
    order = list(groups.items())
    checks = [
        dask.delayed(_verify)(blocks[pa], blocks[pb], row_a[idx], row_b[idx]) for (pa, pb), idx in order
    ]
    results = dask.compute(*checks)
    positions = [idx for _, idx in order]
    take = np.concatenate(positions) if positions else np.zeros(0, dtype=np.int64)
    i = (offsets[part_a] + row_a)[take]
    j = (offsets[part_b] + row_b)[take]
    score = np.concatenate([r[0] for r in results]) if results else np.zeros(0)
    shared = np.concatenate([r[1] for r in results]) if results else np.zeros(0, dtype=np.uint32)
    keep = score >= limit
    out = pd.DataFrame(
        {"i": i[keep].astype(np.int64), "j": j[keep].astype(np.int64), "score": score[keep], "shared": shared[keep].astype(np.int64)}
    )
    if is_frame:
        ids_i = np.concatenate([r[2] for r in results]) if results else data._meta[id_column].to_numpy() if id_column else np.zeros(0, np.int64)
        ids_j = np.concatenate([r[3] for r in results]) if results else ids_i
        out["id_i"] = ids_i[keep]
        out["id_j"] = ids_j[keep]
    return out.sort_values(["i", "j"], kind="stable").reset_index(drop=True)
