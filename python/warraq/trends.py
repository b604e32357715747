"""Trends: how often terms, entities or dictionary categories occur over time
(``published``), per period and optionally per source, as a tidy DataFrame with the
gaps filled with zeros.

>>> import pandas as pd, warraq
>>> df = pd.DataFrame({"published": pd.to_datetime(["2016-01-05", "2016-03-02", "2016-03-20"]),
...                    "body": ["قصف في حلب", "هدوء في حلب وبحلب", "لا شيء"]})
>>> t = warraq.trends(df, terms=["حلب"], freq="M", progress=False)
>>> t[["period", "term", "count", "n_docs"]].astype({"period": str}).values.tolist()
[['2016-01-01', 'حلب', 1, 1], ['2016-02-01', 'حلب', 0, 0], ['2016-03-01', 'حلب', 2, 2]]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from warraq._warraq import Dictionary, normalize
from warraq.dictionaries import DictionaryLike, as_dictionary, count_matrix

if TYPE_CHECKING:
    from warraq._progress import Progress

__all__ = ["trends"]


def _entity_counts(df: pd.DataFrame, entities: Sequence[str], text_column: str, progress: Progress) -> np.ndarray:
    """Mentions of each entity per document (by its ``normalized`` form or text)."""
    from warraq.entities import entities_frame

    frame = df.reset_index(drop=True).assign(_row=range(len(df)))
    ents = entities_frame(frame, text_column=text_column, id_column="_row", progress=progress)
    out = np.zeros((len(df), len(entities)), dtype=np.int64)
    for j, name in enumerate(entities):
        wanted = {name, normalize(name)}
        hit = ents["normalized"].isin(wanted) | ents["text"].isin(wanted)
        rows = ents.loc[hit, "id"].to_numpy(dtype=np.int64)
        np.add.at(out[:, j], rows, 1)
    return out


def trends(
    df: pd.DataFrame,
    *,
    terms: Sequence[str] | None = None,
    entities: Sequence[str] | None = None,
    dictionary: DictionaryLike | None = None,
    freq: Literal["D", "W", "M", "Q", "Y"] = "M",
    by: str | None = None,
    normalize: bool = True,
    date_column: str = "published",
    text_column: str = "body",
    progress: Progress = True,
) -> pd.DataFrame:
    """Counts per period of ``terms`` (words, globs, phrases matched as
    :func:`warraq.kwic` matches them: folded, behind clitics), of ``entities``
    (mentions whose ``normalized`` form or text, in :func:`warraq.entities_frame`, is
    the name) or of the categories of a ``dictionary`` (as
    :func:`warraq.dictionary_counts` counts them). Give exactly one of the three.

    Rows: every period from the first to the last date (``freq``: day, week, month,
    quarter, year) × every value of ``by`` (a metadata column, e.g. ``"source"``) ×
    every term, zeros where nothing was published or found. Columns: ``period``
    (its first day), [``by``], ``term``, ``count``, ``n_docs`` (documents published
    then), ``n_words`` (their words) and, with ``normalize``, ``rate`` (count per
    1000 words; 0 when there are none). Documents without a date are left out; the
    counts of the others sum to their counts per document.

    >>> import pandas as pd, warraq
    >>> df = pd.DataFrame({"published": pd.to_datetime(["2016-01-05", "2016-01-06"]), "source": ["a", "b"],
    ...                    "body": ["انفجار في السوق", "قتل اثنان"]})
    >>> t = warraq.trends(df, dictionary={"violence": ["قتل*", "انفجار*"]}, by="source", progress=False)
    >>> t[["source", "term", "count", "rate"]].values.tolist()
    [['a', 'violence', 1, 333.3333333333333], ['b', 'violence', 1, 500.0]]
    """
    given = [x is not None for x in (terms, entities, dictionary)]
    if sum(given) != 1:
        raise ValueError("trends: give exactly one of terms=, entities= or dictionary=")
    if date_column not in df.columns:
        raise KeyError(f"trends: no column {date_column!r} in the DataFrame")
    if by is not None and by not in df.columns:
        raise KeyError(f"trends: no column {by!r} in the DataFrame")
    dates = pd.to_datetime(df[date_column]).reset_index(drop=True)
    texts = [t if isinstance(t, str) else "" for t in df[text_column].tolist()]
    d: Dictionary | None = None
    if terms is not None:
        names = list(terms)
        d = Dictionary.from_dict({t: [t] for t in names})
    elif dictionary is not None:
        d = as_dictionary(dictionary)
        names = d.categories
    if d is not None:
        counts, words = count_matrix(texts, d, progress=progress)
    else:
        names = list(entities or [])
        counts = _entity_counts(df, names, text_column, progress)
        words = count_matrix(texts, Dictionary.from_dict({"_": ["_"]}), progress=False)[1]
    dated = dates.notna().to_numpy()
    if not dated.any():
        raise ValueError(f"trends: no document has a date in {date_column!r}")
    when = dates[dated]
    if getattr(when.dt, "tz", None) is not None:
        when = when.dt.tz_localize(None)
    period = when.dt.to_period(freq)
    keys = ["period"] + ([by] if by else [])
    per_doc = pd.DataFrame({"period": period.to_numpy(), "n_docs": 1, "n_words": words[dated]})
    if by:
        per_doc[by] = df[by].reset_index(drop=True)[dated].to_numpy()
    for j, name in enumerate(names):
        per_doc[f"_c{j}"] = counts[dated, j]
    grouped = per_doc.groupby(keys, dropna=False).sum()
    periods = pd.period_range(period.min(), period.max(), freq=period.dt.freq)
    levels = [periods] + ([sorted(per_doc[by].dropna().unique().tolist()) + ([None] if per_doc[by].isna().any() else [])] if by else [])
    full = pd.MultiIndex.from_product(levels, names=keys) if by else pd.Index(periods, name="period")
    grouped = grouped.reindex(full, fill_value=0).reset_index()
    rows = []
    for j, name in enumerate(names):
        part = grouped[keys + ["n_docs", "n_words"]].copy()
        part.insert(len(keys), "term", name)
        part.insert(len(keys) + 1, "count", grouped[f"_c{j}"].astype("int64"))
        rows.append(part)
    out = pd.concat(rows, ignore_index=True)
    out = out.sort_values(keys + ["term"], kind="stable", key=lambda s: s.map(names.index) if s.name == "term" else s)
    out["period"] = out["period"].dt.start_time
    out[["n_docs", "n_words"]] = out[["n_docs", "n_words"]].astype("int64")
    if normalize:
        w = out["n_words"].to_numpy()
        out["rate"] = np.where(w > 0, out["count"].to_numpy() * 1000 / np.maximum(w, 1), 0.0)
    return out.reset_index(drop=True)
