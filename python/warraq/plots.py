"""Plots people would rather look at than read: keyness bars, trend lines, a
collocation network and a dispersion plot, drawn with plotly (the ``warraq[plots]``
extra: ``pip install 'warraq[plots]'``).

Plotly figures are drawn by the browser (a notebook, an HTML file, the docs), whose
text engine shapes Arabic letters and lays them out right to left; matplotlib alone
draws them disconnected and left to right. ``tests/test_plots.py`` renders a figure
in headless Chromium and checks that a label's letters are joined and run right to
left.

>>> import pandas as pd
>>> fig = keyness_plot(pd.DataFrame({"term": ["حلب", "دمشق"], "g2": [12.5, -3.0]}))
>>> [bar.name for bar in fig.data]
['target', 'reference']
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from warraq._progress import Progress

__all__ = ["collocation_network", "dispersion_plot", "keyness_plot", "trend_plot"]

#: Columns read as the term of a keyness or collocation table, in order of preference
#: (``word`` first: in warraq's tables it is the display form, ``stem``/``term`` the
#: analyzer's term).
TERM_COLUMNS = ("word", "term", "display", "feature", "collocate")
#: Columns read as its statistic, in order of preference (``log_ratio`` after the
#: measures: ``warraq.keyness`` gives it beside every measure as the effect size).
STATISTIC_COLUMNS = ("statistic", "g2", "chi2", "pmi", "log_ratio", "keyness", "t_score", "t", "score")

FONT = "Noto Sans Arabic, Noto Naskh Arabic, Arial, sans-serif"


def _go() -> Any:
    try:
        import plotly.graph_objects as go  # type: ignore[import-untyped]
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("warraq's plots need plotly: pip install 'warraq[plots]'") from e
    return go


def _pick(frame: pd.DataFrame, given: str | None, choices: Sequence[str], what: str) -> str:
    if given is not None:
        if given not in frame.columns:
            raise KeyError(f"no column {given!r} for the {what}")
        return given
    for c in choices:
        if c in frame.columns:
            return c
    raise KeyError(f"no {what} column: give one of {', '.join(choices)} (or name it with {what}=)")


def _layout(fig: Any, title: str | None) -> Any:
    fig.update_layout(title=title, font={"family": FONT, "size": 14}, template="plotly_white")
    return fig


def keyness_plot(
    frame: pd.DataFrame,
    *,
    n: int = 20,
    term: str | None = None,
    statistic: str | None = None,
    title: str | None = None,
) -> Any:
    """Horizontal bars of the ``n`` most key terms of a keyness table, and of the
    ``n`` most negative ones (key in the reference) when there are any.

    ``frame`` is what ``warraq.keyness`` returns, or any table with a term column
    (``word``, ``term``, ``display``, ``feature``: the first found, or ``term=``) and a
    signed statistic (``statistic``, ``g2``, ``chi2``, ``pmi``, ``log_ratio``,
    ``keyness``: the first found, or ``statistic=``; negative means key in the
    reference; infinite values, such as the PMI of a term the target lacks, are left
    out). Returns a plotly Figure.

    >>> import pandas as pd
    >>> fig = keyness_plot(pd.DataFrame({"word": ["النفط", "المرور", "الطقس"], "log_ratio": [2.0, 1.0, 0.5]}), n=2)
    >>> list(fig.data[0].y)
    ['المرور', 'النفط']
    """
    go = _go()
    t = _pick(frame, term, TERM_COLUMNS, "term")
    s = _pick(frame, statistic, STATISTIC_COLUMNS, "statistic")
    values = frame[[t, s]].dropna()
    # PMI of a term absent from the target is -inf: no bar can draw it
    values = values[np.isfinite(values[s].to_numpy(dtype=float))]
    top = values[values[s] > 0].nlargest(n, s).iloc[::-1]
    bottom = values[values[s] < 0].nsmallest(n, s)
    fig = go.Figure()
    fig.add_bar(x=top[s].tolist(), y=top[t].astype(str).tolist(), orientation="h", name="target", marker_color="#8b1a1a")
    if len(bottom):
        fig.add_bar(x=bottom[s].tolist(), y=bottom[t].astype(str).tolist(), orientation="h", name="reference", marker_color="#4a6f8a")
    fig.update_layout(xaxis_title=s, height=max(300, 24 * (len(top) + len(bottom)) + 120), barmode="overlay")
    return _layout(fig, title)


def trend_plot(trends: pd.DataFrame, *, value: str = "rate", title: str | None = None) -> Any:
    """Lines of a :func:`warraq.trends` table: one per term (and per value of its
    ``by`` column, dashed apart), ``value`` (``"rate"`` or ``"count"``) over ``period``.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"period": pd.to_datetime(["2016-01-01", "2016-02-01"]), "term": ["حلب", "حلب"],
    ...                   "count": [1, 3], "n_docs": [1, 2], "n_words": [10, 20], "rate": [100.0, 150.0]})
    >>> [line.name for line in trend_plot(t).data]
    ['حلب']
    """
    go = _go()
    if value not in trends.columns:
        raise KeyError(f"trend_plot: no column {value!r} (normalize=False trends have no rate)")
    known = {"period", "term", "count", "n_docs", "n_words", "rate"}
    by = [c for c in trends.columns if c not in known]
    fig = go.Figure()
    dashes = ["solid", "dash", "dot", "dashdot", "longdash"]
    groups = trends.groupby(["term", *by], sort=False, dropna=False) if by else trends.groupby("term", sort=False)
    for i, (key, part) in enumerate(groups):
        key = key if isinstance(key, tuple) else (key,)
        name = " · ".join(str(k) for k in key)
        dash = dashes[(i % len(dashes)) if by else 0]
        fig.add_scatter(x=part["period"], y=part[value], mode="lines+markers", name=name, line={"dash": dash})
    fig.update_layout(yaxis_title="per 1000 words" if value == "rate" else value, xaxis_title="period")
    return _layout(fig, title)


def collocation_network(
    frame: pd.DataFrame,
    *,
    n: int = 30,
    source: str | None = None,
    target: str | None = None,
    statistic: str | None = None,
    node: str | None = None,
    title: str | None = None,
) -> Any:
    """A network of the ``n`` strongest pairs of a collocation table: words as
    labelled points, pairs as lines (wider for a larger statistic). Words are placed
    on circles around the most connected one.

    ``frame`` is what :func:`warraq.collocations` returns: for n-grams, each pair is
    the n-gram's first words and its last word (split from ``word``); around a node,
    the node (``node=``, else the ``around`` that :func:`warraq.collocations` notes in
    ``frame.attrs``) and each collocate. Any other table names its pairs in the
    first of ``node``/``word1``/``w1``/``first`` and of
    ``collocate``/``word2``/``w2``/``second`` (or ``source=``, ``target=``). The
    statistic is found as in :func:`keyness_plot` (or ``statistic=``).

    >>> import pandas as pd
    >>> c = pd.DataFrame({"node": ["الدولة"] * 2, "collocate": ["تنظيم", "الإسلامية"], "pmi": [5.0, 4.0]})
    >>> fig = collocation_network(c)
    >>> sorted(fig.data[-1].text)
    ['الإسلامية', 'الدولة', 'تنظيم']
    >>> import warraq
    >>> texts = ["هاجم تنظيم الدولة المدينة", "انسحب تنظيم الدولة من المدينة", "زار الوزير المدينة"]
    >>> collocation_network(warraq.collocations(texts)).data[0].text
    'تنظيم – الدولة: 8.38'
    """
    go = _go()
    s = _pick(frame, statistic, STATISTIC_COLUMNS, "statistic")
    pairs = _pairs(frame, source, target, node)
    pairs["_s"] = frame[s].to_numpy()
    pairs = pairs.dropna().nlargest(n, "_s")
    a, b, s = "_a", "_b", "_s"
    degree = pd.concat([pairs[a], pairs[b]]).value_counts()
    words = degree.index.astype(str).tolist()
    pos: dict[str, tuple[float, float]] = {words[0]: (0.0, 0.0)} if words else {}
    rest = words[1:]
    for i, w in enumerate(rest):
        ring = 1 + i // 12
        on_ring = min(12, len(rest) - 12 * (ring - 1))
        angle = 2 * math.pi * (i % 12) / max(on_ring, 1) + ring * 0.4
        pos[w] = (ring * math.cos(angle), ring * math.sin(angle))
    fig = go.Figure()
    top = float(pairs[s].max()) if len(pairs) else 1.0
    for x, y, v in pairs.itertuples(index=False):
        (x0, y0), (x1, y1) = pos[str(x)], pos[str(y)]
        width = 1 + 5 * max(float(v), 0.0) / top if top > 0 else 1
        fig.add_scatter(x=[x0, x1], y=[y0, y1], mode="lines", line={"width": width, "color": "#bbb"},
                        hoverinfo="text", text=f"{x} – {y}: {v:.3g}", showlegend=False)
    fig.add_scatter(
        x=[pos[w][0] for w in words], y=[pos[w][1] for w in words], mode="markers+text", text=words,
        textposition="top center", marker={"size": [10 + 3 * int(degree[w]) for w in words], "color": "#8b1a1a"},
        showlegend=False, textfont={"size": 16},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    return _layout(fig, title)


def _pairs(frame: pd.DataFrame, source: str | None, target: str | None, node: str | None) -> pd.DataFrame:
    """The two words of each row of a collocation table, as columns ``_a`` and ``_b``."""
    named = [c for c in ("node", "word1", "w1", "first") if c in frame.columns]
    if source is not None or target is not None or named or "word" not in frame.columns:
        a = _pick(frame, source, ("node", "word1", "w1", "first"), "source")
        b = _pick(frame, target, ("collocate", "word2", "w2", "second"), "target")
        return pd.DataFrame({"_a": frame[a].to_numpy(), "_b": frame[b].to_numpy()})
    around = node if node is not None else frame.attrs.get("around")
    words = frame["word"].astype(str)
    if around is not None:
        return pd.DataFrame({"_a": [str(around)] * len(frame), "_b": words.to_numpy()})
    split = words.str.rsplit(" ", n=1)
    if not (split.str.len() == 2).all():
        raise KeyError("collocation_network: a one-word collocation table needs its node: give node=")
    return pd.DataFrame({"_a": split.str[0].to_numpy(), "_b": split.str[1].to_numpy()})


def dispersion_plot(
    data: pd.DataFrame,
    pattern: str | Sequence[str],
    *,
    text_column: str = "body",
    id_column: str = "id",
    label_column: str | None = "title",
    max_docs: int = 40,
    title: str | None = None,
    progress: Progress = False,
    **kwic_options: Any,
) -> Any:
    """Where ``pattern`` (one or more :func:`warraq.kwic` patterns) occurs along each
    document: one row per document that has it (the first ``max_docs``), one mark per
    match at its offset as a share of the text's length (0 = the start).

    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": ["a", "b"], "body": ["حلب أولا ثم لا شيء ثم حلب", "لا شيء"]})
    >>> fig = dispersion_plot(df, "حلب", label_column=None)
    >>> [round(x, 2) for x in fig.data[0].x]
    [0.0, 0.88]
    """
    from warraq.concordance import kwic

    go = _go()
    lines = kwic(data, pattern, text_column=text_column, id_column=id_column, window=0, progress=progress, **kwic_options)
    ids = data[id_column].tolist() if id_column in data.columns else data.index.tolist()
    lengths = dict(zip(ids, (len(t) if isinstance(t, str) else 0 for t in data[text_column])))
    labels = dict(zip(ids, data[label_column].tolist())) if label_column and label_column in data.columns else {}
    docs = list(dict.fromkeys(lines["id"].tolist()))[:max_docs]
    lines = lines[lines["id"].isin(docs)]
    names = [f"{d}" if not isinstance(labels.get(d), str) else f"{labels[d][:40]} ({d})" for d in docs]
    row = {d: names[i] for i, d in enumerate(docs)}
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    fig = go.Figure()
    for k, p in enumerate(patterns):
        part = lines[lines["pattern"] == k]
        x = [s / max(lengths[d], 1) for s, d in zip(part["start"], part["id"])]
        fig.add_scatter(x=x, y=[row[d] for d in part["id"]], mode="markers", name=p,
                        marker={"symbol": "line-ns-open", "size": 18, "line": {"width": 2}},
                        hovertext=part["keyword"].tolist())
    fig.update_layout(xaxis={"range": [0, 1], "title": "position in the document"},
                      yaxis={"categoryorder": "array", "categoryarray": names[::-1]},
                      height=max(250, 28 * len(docs) + 120))
    return _layout(fig, title)
