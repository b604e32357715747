"""Entities as pandas rows, and training the entity model.

The native ``EntityRecognizer`` finds the entities; this module adds the
notebook-facing pieces: ``entities_frame`` (one row per mention, with a progress
bar) and ``train_ner`` (trains from CoNLL files and prints per-label scores).

>>> import pandas as pd
>>> from warraq import entities_frame
>>> df = pd.DataFrame({"id": [7], "body": ["نزح 6 آلاف شخص من حلب"], "published": ["2017-03-02"]})
>>> entities_frame(df, progress=False)[["id", "label", "text", "value"]].to_dict("records")
[{'id': 7, 'label': 'NUMBER', 'text': '6 آلاف', 'value': 6000.0}, {'id': 7, 'label': 'LOCATION', 'text': 'حلب', 'value': None}]
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Literal

import warraq._warraq as _native
from warraq._frames import Source, source_paths
from warraq._progress import Progress, bar, default_chunk_size
from warraq._warraq import EntityRecognizer, _train_ner
from warraq.corpus import ParquetSummary
from warraq.display import Entities

__all__ = ["entities_frame", "extract_entities", "train_ner", "write_entities_parquet"]

COLUMNS = [
    "id",
    "label",
    "text",
    "normalized",
    "value",
    "start",
    "end",
    "score",
    "begin_value",
    "end_value",
    "anchor",
]


def entities_frame(
    df: Any,
    text_column: str = "body",
    id_column: str = "id",
    published_column: str | None = "published",
    *,
    recognizer: EntityRecognizer | None = None,
    prefer: Literal["past", "future", "nearest"] = "past",
    progress: Progress = True,
    backend: str = "pandas",
) -> Any:
    """One row per entity mention of ``df[text_column]``.

    ``df`` is a pandas or polars DataFrame or a pyarrow Table. Its texts go to Rust
    as Arrow (read in place, no Python string per text) and the mentions come back as
    an Arrow table, in parallel with the GIL released. ``backend`` is the frame
    returned: ``"pandas"`` (default), ``"polars"`` or ``"arrow"`` (a ``pyarrow.Table``).

    Columns: ``id, label, text, normalized, value, start, end, score, begin_value,
    end_value, anchor`` (``start``/``end`` are code-point indices into the text, as
    Python's ``str`` indexes it; ``value`` is a TIMEX3 string for DATE, TIME,
    DURATION and SET and a float for NUMBER, PERCENT and MONEY; ``begin_value``/
    ``end_value`` are the ends of a range; ``anchor`` says whether the publication
    date supplied part of a temporal value: ``"reference"``, or ``"text"``; missing
    for other labels). With pandas, text columns are pandas 3's Arrow-backed ``str``
    and ``value`` an object column of strings and floats. With ``"polars"`` and
    ``"arrow"``, ``value`` is text (the number written out) and a last column,
    ``number`` (float), holds the values of NUMBER, PERCENT and MONEY: one Arrow
    column has one type. ``published_column`` (dates or ISO strings) resolves
    relative dates; it is ignored when absent from ``df``. ``prefer`` is the side of
    the publication date a date without its year or week («28 مايو», «الاثنين») is
    taken on: ``"past"`` (news), ``"future"`` (agendas, announcements) or
    ``"nearest"``. Missing texts count as empty.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": ["a", "b"], "body": ["زار دمشق", None]})
    >>> entities_frame(df, progress=False)[["id", "text", "label"]].values.tolist()
    [['a', 'دمشق', 'LOCATION']]
    >>> df = pd.DataFrame({"id": ["a"], "body": ["من 5 إلى 12 ماي"], "published": ["2016-05-20"]})
    >>> entities_frame(df, progress=False)[["value", "begin_value", "end_value", "anchor"]].values.tolist()
    [['P8D', '2016-05-05', '2016-05-12', 'reference']]
    >>> t = entities_frame(pd.DataFrame({"id": [7], "body": ["نزح 6 آلاف شخص"]}), backend="arrow", progress=False)
    >>> t.select(["id", "text", "value", "number"]).to_pylist()
    [{'id': 7, 'text': '6 آلاف', 'value': '6000', 'number': 6000.0}]
    """
    import pyarrow as pa

    from warraq import _entities_arrow as ea
    from warraq._arrow import check_backend

    check_backend(backend)
    names = ea.column_names(df)
    for col in (text_column, id_column):
        if col not in names:
            raise KeyError(f"entities_frame: no column {col!r} in the DataFrame")
    ner = recognizer if recognizer is not None else EntityRecognizer()
    texts = ea.text_array(df, text_column)
    dates = ea.published_array(df, published_column) if published_column in names and published_column else None
    n = len(texts)
    size = default_chunk_size(n)
    parts = []
    with bar(n, "entities", progress) as b:
        for start in range(0, n, size):
            stop = min(n, start + size)
            parts.append(ea.extract_table(ner, texts, dates, prefer, start, stop))
            b.update(stop - start)
    mentions = pa.concat_tables(parts) if parts else ea.empty_mentions(ner)
    return ea.to_entities_backend(mentions, df, id_column, backend)


def write_entities_parquet(
    source: Source | Sequence[Source],
    path: str | os.PathLike[str],
    *,
    labels: Sequence[str] | None = None,
    prefer: Literal["past", "future", "nearest"] = "past",
    model: str | os.PathLike[str] | None = None,
    progress: Progress = True,
    **read_options: Any,
) -> ParquetSummary:
    """Read a corpus as :func:`warraq.read_corpus` does and stream the entity mentions
    of its articles to the Parquet file ``path``.

    Files are read a chunk at a time (a few hundred files or 16 MiB), tagged in
    parallel in Rust with the GIL released, and each chunk's mentions become one row
    group, so memory stays bounded by a chunk. Columns: ``id`` (the article's id) and
    ``path`` (its file), then those of ``entities_frame(..., backend="arrow")``
    after ``id`` (``value`` as text, ``number`` for NUMBER, PERCENT, MONEY), offsets
    in code points into the ``body`` :func:`warraq.read_corpus` gives. ``labels``
    keeps only those labels (``"PERSON"``, ``"LOCATION"``…); ``model`` is a model
    file (default: the bundled model); ``prefer`` as in :func:`entities_frame`.
    ``read_options`` are those of :func:`warraq.write_parquet` (``errors``,
    ``format``, ``recurring``…). ``rows`` of the summary counts mentions; the read's
    report is in the file's metadata, as in a corpus file. Read the file with
    ``pd.read_parquet``, ``pl.read_parquet`` or ``pyarrow.parquet.read_table``.

    >>> import os, tempfile
    >>> import pandas as pd
    >>> out = os.path.join(tempfile.mkdtemp(), "entities.parquet")
    >>> summary = write_entities_parquet("examples/sample_corpus", out, labels=["LOCATION"], progress=False)
    >>> summary.files, summary.errors
    (6, [])
    >>> ents = pd.read_parquet(out)
    >>> len(ents) == summary.rows, set(ents["label"])
    (True, {'LOCATION'})
    """
    from warraq.corpus import _parquet_summary, _reader

    target = os.fspath(path)
    include = bool(read_options.pop("include_non_articles", False))
    files, skipped = _native.corpus_files(source_paths(source), include_non_articles=include)
    recurring = bool(read_options.get("recurring", True))
    reader = _reader(**_reader_arguments(read_options))
    ner = None if model is None else EntityRecognizer(os.fspath(model))
    wanted = sorted({str(label).upper() for label in labels}) if labels else []
    passes = 2 if recurring else 1
    with bar(passes * len(files), "entities", progress, unit="file") as b:
        out = reader.write_entities_parquet(
            files, target, skipped, recognizer=ner, prefer=prefer, labels=wanted, on_files=b.update
        )
    return _parquet_summary(target, out)


#: The read options of :func:`write_entities_parquet`, in ``corpus._reader``'s order, with their defaults.
_READ_OPTIONS = (
    ("format", "auto"),
    ("encoding", "auto"),
    ("errors", "raise"),
    ("n_jobs", None),
    ("text_column", None),
    ("id_column", None),
    ("recurring", True),
    ("recurring_min_docs", 5),
    ("recurring_min_share", 0.02),
    ("recurring_max_words", 30),
    ("columns", None),
    ("keep_empty", False),
    ("languages", None),
)


def _reader_arguments(options: dict[str, Any]) -> dict[str, Any]:
    known = dict(_READ_OPTIONS)
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise TypeError(f"write_entities_parquet() got unexpected keyword argument(s): {', '.join(unknown)}")
    return {name: options.get(name, default) for name, default in _READ_OPTIONS}


def train_ner(
    train_path: str | os.PathLike[str],
    *,
    dev_path: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    epochs: int = 12,
    dev_fraction: float = 0.1,
    folds: int = 0,
    unlabeled: Sequence[str | os.PathLike[str]] | None = None,
    refit_all: bool = False,
    seed: int = 20070218,
    verbose: bool = True,
) -> tuple[EntityRecognizer, dict[str, tuple[float, float, float, int]]]:
    """Trains the entity model from CoNLL files (``token tag`` lines, IOB2 over PERS,
    LOC, ORG, MISC) and prints entity-level precision/recall/F1 per label on the dev
    file, or, without one, on the dev block: the last ``dev_fraction`` of the training
    file, cut where an article starts, so that it holds whole articles the model never
    saw. Scores are given sentence by sentence and consistent over each article (as
    ``extract`` tags). ``folds`` > 1 first prints k-fold cross-validation over
    contiguous blocks (mean ± spread per label).

    ``unlabeled`` (corpus files or folders, read like ``read_corpus``) adds corpus
    profiles: a first model tags them, and the final one learns how each word was
    tagged across them (``make train-ner`` uses ANT and SaudiNewsNet). ``refit_all``
    returns (and writes to ``out``) a model retrained on all the training sentences,
    dev block included, with the confidence temperature fitted on the dev block.

    Returns the recognizer and the dev scores (label → (P, R, F1, gold count)).
    ``out`` writes the model file (load it with ``EntityRecognizer(out)``).

    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> path = os.path.join(d, "train.txt")
    >>> with open(path, "w", encoding="utf-8") as f:
    ...     _ = f.write("زار O\\nدمشق B-LOC\\n\\nقال O\\nأحمد B-PERS\\n")
    >>> ner, scores = train_ner(path, dev_path=path, epochs=3, verbose=False)
    >>> scores["overall"][2]
    1.0
    >>> ner.tag_words(["زار", "دمشق"])
    ['O', 'B-LOC']
    """
    ner, table, scores = _train_ner(
        os.fspath(train_path),
        dev_path=None if dev_path is None else os.fspath(dev_path),
        out=None if out is None else os.fspath(out),
        epochs=epochs,
        dev_fraction=dev_fraction,
        folds=folds,
        unlabeled=None if unlabeled is None else [os.fspath(p) for p in unlabeled],
        refit_all=refit_all,
        seed=seed,
    )
    if verbose:
        print(table, end="")
    return ner, dict(scores)


def extract_entities(
    text: str, *, published: Any = None, prefer: Literal["past", "future", "nearest"] = "past"
) -> Entities:
    """Entities of one text with the bundled model (see :class:`warraq.EntityRecognizer`),
    as an :class:`warraq.display.Entities` list: a plain list of :class:`warraq.Entity`
    that Jupyter shows highlighted in ``text``. ``published`` (a date or ISO string)
    resolves relative dates, on the side of it ``prefer`` says when the text does not
    (``"past"``, ``"future"`` or ``"nearest"``; see ``docs/guide/dates.md``).

    >>> from warraq import extract_entities
    >>> ents = extract_entities("نزح 6 آلاف شخص من حلب")
    >>> [(e.text, e.label, e.value) for e in ents]
    [('6 آلاف', 'NUMBER', 6000.0), ('حلب', 'LOCATION', None)]
    >>> ents.text
    'نزح 6 آلاف شخص من حلب'
    """
    return Entities(_native.extract_entities(text, published=published, prefer=prefer), text)
