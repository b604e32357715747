"""Dictionary counts: how often each document speaks of the categories of a
dictionary (violence, economy, religion, ...), as quanteda's ``dfm_lookup`` and LIWC
count them, matched on the folded, clitic-aware text as :func:`warraq.kwic` matches.

A dictionary is a :class:`warraq.Dictionary`: read from YAML (``category: [entries]``)
or a LIWC-style ``.dic`` file with :meth:`Dictionary.load`, or built with
:meth:`Dictionary.from_dict`. An entry is a word («مسجد»), a glob («اقتصاد*»,
«*ية») or a phrase («البنك المركزي»).

>>> import warraq
>>> d = warraq.Dictionary.from_dict({"economy": ["اقتصاد*", "البنك المركزي"], "violence": ["قتل*"]})
>>> counts = warraq.dictionary_counts(["قال البنك المركزي إن الاقتصاد نما", "قُتل اثنان"], d, progress=False)
>>> counts[["economy", "violence", "n_words"]].values.tolist()
[[2, 0, 6], [0, 1, 2]]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union

import numpy as np
import pandas as pd

import warraq._progress as _progress
from warraq._warraq import Dictionary

if TYPE_CHECKING:
    from warraq._progress import Progress

__all__ = ["EXAMPLE_DICTIONARY", "Dictionary", "DictionaryLike", "as_dictionary", "count_matrix", "dictionary_counts"]

#: A dictionary, a path to a ``.yml``/``.yaml``/``.dic`` file, or a mapping of categories to entries.
DictionaryLike = Union[Dictionary, str, "os.PathLike[str]", Mapping[str, Any]]

#: The example dictionary shipped with warraq's examples (news topics, our own word choices).
EXAMPLE_DICTIONARY = Path(__file__).resolve().parent / "data" / "news_topics.yml"


def as_dictionary(dictionary: DictionaryLike) -> Dictionary:
    """A :class:`Dictionary` from a dictionary, a file path or a mapping.

    >>> as_dictionary({"x": ["حلب"]}).categories
    ['x']
    """
    if isinstance(dictionary, Dictionary):
        return dictionary
    if isinstance(dictionary, Mapping):
        return Dictionary.from_dict(dictionary)
    if isinstance(dictionary, (str, os.PathLike)):
        return Dictionary.load(dictionary)
    raise TypeError(f"a dictionary is a warraq.Dictionary, a path or a dict, not {type(dictionary).__name__}")


def _texts(data: Any, text_column: str) -> tuple[list[str], pd.DataFrame | None]:
    from warraq.concordance import _inputs

    texts, _, frame = _inputs(data, text_column, "id")
    return texts, frame


def count_matrix(
    texts: list[str],
    dictionary: Dictionary,
    *,
    match: Literal["folded", "exact", "stem"] = "folded",
    clitics: bool = True,
    case_insensitive: bool = True,
    progress: Progress = True,
) -> tuple[np.ndarray, np.ndarray]:
    """The counts (texts × categories, int64) and the words of each text.

    >>> c, w = count_matrix(["في حلب وحمص"], Dictionary.from_dict({"a": ["حلب"], "b": ["حمص"]}), progress=False)
    >>> c.tolist(), w.tolist()
    ([[1, 1]], [3])
    """
    counter = dictionary.counter(matching=match, clitics=clitics, case_insensitive=case_insensitive)
    k = len(dictionary)
    counts: list[int] = []
    words: list[int] = []
    size = _progress.default_chunk_size(len(texts))
    with _progress.bar(len(texts), "dictionary", progress) as bar:
        for first in range(0, len(texts), size):
            chunk = texts[first : first + size]
            c, w = counter.count(chunk)
            counts.extend(c)
            words.extend(w)
            bar.update(len(chunk))
    return np.asarray(counts, dtype=np.int64).reshape(len(texts), k), np.asarray(words, dtype=np.int64)


def dictionary_counts(
    data: pd.DataFrame | pd.Series | Iterable[str],
    dictionary: DictionaryLike,
    *,
    per: int | None = 1000,
    match: Literal["folded", "exact", "stem"] = "folded",
    clitics: bool = True,
    case_insensitive: bool = True,
    text_column: str = "body",
    progress: Progress = True,
) -> pd.DataFrame:
    """Category counts per document, joined to the corpus.

    ``data`` is a corpus DataFrame (texts in ``text_column``), a Series or a list of
    texts. ``dictionary`` is a :class:`Dictionary`, a ``.yml``/``.yaml``/``.dic`` path
    or a mapping (see :meth:`Dictionary.from_dict`). The result has the corpus's
    columns (for a frame; without the text) and, per category, its count (a word
    counts once per category; a phrase covers its words), then ``n_words`` (tokens
    that are not punctuation; it replaces the corpus's column of that name) and, with ``per`` (default 1000), ``<category>_per_1k``
    (count per ``per`` words; 0 for an empty text). Matching: ``match``, ``clitics``
    and ``case_insensitive`` as in :func:`warraq.kwic`. Runs in parallel without the
    GIL, with a progress bar.

    >>> import pandas as pd, warraq
    >>> df = pd.DataFrame({"id": ["a", "b"], "source": ["x", "y"],
    ...                    "body": ["صلّى المصلون في المسجد", "ارتفعت أسعار النفط وانتعش الاقتصاد"]})
    >>> out = warraq.dictionary_counts(df, warraq.EXAMPLE_DICTIONARY, progress=False)
    >>> out[["id", "source", "religion", "economy", "n_words"]].values.tolist()
    [['a', 'x', 1, 0, 4], ['b', 'y', 0, 3, 5]]
    >>> float(out.loc[1, "economy_per_1k"])
    600.0
    """
    d = as_dictionary(dictionary)
    texts, frame = _texts(data, text_column)
    counts, words = count_matrix(
        texts, d, match=match, clitics=clitics, case_insensitive=case_insensitive, progress=progress
    )
    names = d.categories
    if frame is not None:
        # the corpus's own n_words gives way to the words counted here
        drop = [c for c in (text_column, "n_words") if c in frame.columns]
        out = frame.drop(columns=drop).reset_index(drop=True)
        clash = [n for n in names if n in out.columns]
        if clash:
            raise ValueError(f"dictionary_counts: category {clash[0]!r} is also a column of the corpus")
    else:
        out = pd.DataFrame(index=range(len(texts)))
    for j, name in enumerate(names):
        out[name] = counts[:, j]
    out["n_words"] = words
    if per:
        suffix = f"_per_{per // 1000}k" if per % 1000 == 0 else f"_per_{per}"
        with np.errstate(divide="ignore", invalid="ignore"):
            rates = np.where(words[:, None] > 0, counts * per / np.maximum(words[:, None], 1), 0.0)
        for j, name in enumerate(names):
            out[name + suffix] = rates[:, j]
    return out
