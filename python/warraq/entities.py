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
from typing import TYPE_CHECKING, Any, Literal

import warraq._warraq as _native
from warraq._progress import Progress, chunked_map
from warraq._warraq import EntityRecognizer, _train_ner
from warraq.display import Entities

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["entities_frame", "extract_entities", "train_ner"]

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
    df: pd.DataFrame,
    text_column: str = "body",
    id_column: str = "id",
    published_column: str | None = "published",
    *,
    recognizer: EntityRecognizer | None = None,
    prefer: Literal["past", "future", "nearest"] = "past",
    progress: Progress = True,
) -> pd.DataFrame:
    """One row per entity mention of ``df[text_column]``.

    Columns: ``id, label, text, normalized, value, start, end, score, begin_value,
    end_value, anchor`` (``start``/``end`` index the text; ``value`` is a TIMEX3 string
    for DATE, TIME, DURATION and SET; ``begin_value``/``end_value`` are the ends of a
    range; ``anchor`` says whether the publication date supplied part of a temporal
    value: ``"reference"``, or ``"text"``; None for other labels). ``published_column``
    (dates or ISO strings) resolves relative dates; it is ignored when absent from
    ``df``. ``prefer`` is the side of the publication date a date without its year or
    week («28 مايو», «الاثنين») is taken on: ``"past"`` (news), ``"future"``
    (agendas, announcements) or ``"nearest"``. Missing texts count as empty.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": ["a", "b"], "body": ["زار دمشق", None]})
    >>> entities_frame(df, progress=False)[["id", "text", "label"]].values.tolist()
    [['a', 'دمشق', 'LOCATION']]
    >>> df = pd.DataFrame({"id": ["a"], "body": ["من 5 إلى 12 ماي"], "published": ["2016-05-20"]})
    >>> entities_frame(df, progress=False)[["value", "begin_value", "end_value", "anchor"]].values.tolist()
    [['P8D', '2016-05-05', '2016-05-12', 'reference']]
    """
    import pandas as pd

    for col in (text_column, id_column):
        if col not in df.columns:
            raise KeyError(f"entities_frame: no column {col!r} in the DataFrame")
    ner = recognizer if recognizer is not None else EntityRecognizer()
    texts = [t if isinstance(t, str) else "" for t in df[text_column].tolist()]
    ids = df[id_column].tolist()
    has_dates = published_column is not None and published_column in df.columns
    dates: list[Any] = df[published_column].tolist() if has_dates else [None] * len(texts)
    pairs = list(zip(texts, dates))

    def run(chunk: Any) -> list[Any]:
        return ner.extract_batch([t for t, _ in chunk], published=[d for _, d in chunk], prefer=prefer)

    found = chunked_map(run, pairs, progress=progress, desc="entities")
    rows = [
        (
            i,
            e.label,
            e.text,
            e.normalized,
            e.value,
            e.start,
            e.end,
            e.score,
            e.begin_value,
            e.end_value,
            e.anchor,
        )
        for i, ents in zip(ids, found)
        for e in ents
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    # values mix TIMEX3 strings (dates) and floats (numbers), and the temporal columns
    # are None for other labels: keep None, not NaN, and one dtype whatever the rows
    for at, col in ((4, "value"), (8, "begin_value"), (9, "end_value"), (10, "anchor")):
        frame[col] = pd.Series([r[at] for r in rows], dtype=object, index=frame.index)
    return frame


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
