"""Concordance: keyword-in-context lines of a corpus, matched on the folded text
(alef variants, ة/ه, ى/ي, harakat and tatweel alike; clitics و ف ب ك ل and the
article allowed before a word), shown as written, and displayed right to left.

>>> import warraq
>>> lines = warraq.kwic(["دخل الجيش إلى تدمُر أمس", "وصلوا بتدمر ثم حمص"], "تدمر", window=2, progress=False)
>>> lines[["id", "left", "keyword", "right"]].values.tolist()
[[0, 'الجيش إلى', 'تدمُر', 'أمس'], [1, 'وصلوا', 'بتدمر', 'ثم حمص']]
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

import warraq._progress as _progress
from warraq._warraq import DEFAULTS as _DEFAULTS
from warraq._warraq import Concordancer

if TYPE_CHECKING:
    from warraq._progress import Progress

__all__ = ["Concordance", "kwic"]

_KWIC: dict[str, Any] = _DEFAULTS["kwic"]

COLUMNS = ["id", "start", "end", "left", "keyword", "right", "pattern"]

#: Lines shown in a notebook before the display says how many more there are.
DISPLAY_ROWS = 200


class Concordance(pd.DataFrame):  # type: ignore[misc]
    """The result of :func:`kwic`: a DataFrame (``id, start, end, left, keyword,
    right, pattern`` and the metadata columns asked for) that displays in a notebook as
    a concordance reading right to left: the preceding context on the right of the
    keyword, the following context on its left, keywords aligned in one column.

    >>> import warraq
    >>> c = warraq.kwic(["قال الوزير إن الحكومة"], "الوزير", progress=False)
    >>> type(c).__name__, len(c)
    ('Concordance', 1)
    >>> "dir=\\"rtl\\"" in c._repr_html_()
    True
    """

    @property
    def _constructor(self) -> type[Concordance]:
        return Concordance

    def _repr_html_(self) -> str:
        return concordance_html(self)


def concordance_html(frame: pd.DataFrame, max_rows: int = DISPLAY_ROWS) -> str:
    """The concordance lines of ``frame`` as an HTML table that reads right to left
    (escaped; the id links to the ``url`` column when there is one).

    >>> import pandas as pd
    >>> f = pd.DataFrame({"id": [1], "left": ["<b>"], "keyword": ["حلب"], "right": ["اليوم"]})
    >>> "&lt;b&gt;" in concordance_html(f)
    True
    """
    esc = html.escape
    style = (
        "<style>"
        "table.warraq-kwic{border-collapse:collapse;font-size:1.05em;line-height:1.6}"
        "table.warraq-kwic td,table.warraq-kwic th{padding:2px 6px;white-space:nowrap}"
        "table.warraq-kwic td.warraq-kwic-before{text-align:left}"
        "table.warraq-kwic td.warraq-kwic-keyword{text-align:center;font-weight:bold;color:#8b1a1a}"
        "table.warraq-kwic td.warraq-kwic-after{text-align:right}"
        "table.warraq-kwic td.warraq-kwic-id{color:#666;font-size:.85em;direction:ltr}"
        "</style>"
    )
    has_url = "url" in frame.columns
    rows = []
    for row in frame.head(max_rows).itertuples(index=False):
        ident = esc(str(row.id)) if "id" in frame.columns else ""
        url = getattr(row, "url", None) if has_url else None
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            ident = f'<a href="{esc(url, quote=True)}" target="_blank" rel="noopener">{ident}</a>'
        rows.append(
            "<tr>"
            f'<td class="warraq-kwic-id">{ident}</td>'
            f'<td class="warraq-kwic-before" dir="rtl">{esc(str(row.left))}</td>'
            f'<td class="warraq-kwic-keyword" dir="rtl">{esc(str(row.keyword))}</td>'
            f'<td class="warraq-kwic-after" dir="rtl">{esc(str(row.right))}</td>'
            "</tr>"
        )
    more = len(frame) - min(len(frame), max_rows)
    note = f'<p dir="ltr">{len(frame)} lines, the first {max_rows} shown</p>' if more > 0 else ""
    head = "<tr><th>id</th><th>before</th><th>keyword</th><th>after</th></tr>"
    return f'{style}<table class="warraq-kwic" dir="rtl"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>{note}'


def _inputs(data: Any, text_column: str, id_column: str) -> tuple[list[str], list[Any], pd.DataFrame | None]:
    """Texts, ids and the frame (if ``data`` is one)."""
    if isinstance(data, pd.DataFrame):
        if text_column not in data.columns:
            raise KeyError(f"kwic: no column {text_column!r} in the DataFrame")
        texts = data[text_column].tolist()
        ids = data[id_column].tolist() if id_column in data.columns else data.index.tolist()
        frame: pd.DataFrame | None = data
    elif isinstance(data, pd.Series):
        texts, ids, frame = data.tolist(), data.index.tolist(), None
    elif isinstance(data, str):
        raise TypeError("kwic: give a DataFrame, a Series or a list of texts, not one str (wrap it in a list)")
    else:
        texts = list(data)
        ids, frame = list(range(len(texts))), None
    return [_text(t, i) for i, t in enumerate(texts)], ids, frame


def _text(value: Any, at: int) -> str:
    """A text, or "" for a missing one (None, NaN); anything else is a TypeError."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    raise TypeError(f"kwic: texts[{at}] is {type(value).__name__}, not str")


def _outward(left: pd.Series) -> pd.Series:
    """The left contexts read from the keyword outward (their words reversed), to sort on."""
    return left.map(lambda t: " ".join(reversed(t.split())))


def kwic(
    data: pd.DataFrame | pd.Series | Iterable[str],
    pattern: str | Sequence[str],
    *,
    window: int = _KWIC["window"],
    unit: Literal["word", "char"] = _KWIC["unit"],
    match: Literal["folded", "exact", "stem"] = _KWIC["match"],
    valuetype: Literal["glob", "fixed", "regex"] = _KWIC["valuetype"],
    clitics: bool = _KWIC["clitics"],
    case_insensitive: bool = _KWIC["case_insensitive"],
    text_column: str = "body",
    id_column: str = "id",
    meta: Sequence[str] | bool = False,
    sort: str | Sequence[str] | None = None,
    sample: int | None = None,
    seed: int = 0,
    progress: Progress = True,
) -> Concordance:
    """Keyword-in-context lines: every match of ``pattern`` in the texts, with
    ``window`` words (``unit="word"``) or characters (``unit="char"``) on each side.

    ``data`` is a corpus DataFrame (``text_column``, ids from ``id_column`` or the
    index), a Series (ids from its index) or a list of texts (ids are positions).
    ``pattern`` is a word, a phrase («مجلس الأمن»), a glob («تدمر*», with
    ``valuetype="glob"``, the default), a literal (``"fixed"``), a regex over the
    folded text (``"regex"``), or a list of them (``pattern`` column: which one).
    ``match`` is ``"folded"`` (spelling variants alike), ``"exact"`` or ``"stem"``
    (light stems); ``clitics`` lets a pattern's first word match behind و ف ب ك ل
    and ال. ``start``/``end`` index the raw text (``text[start:end] == keyword``);
    ``left``, ``keyword``, ``right`` are as written (whitespace runs as one space).

    ``meta``: metadata columns of the frame to add (``True``: all but the text).
    ``sort``: ``"left"`` or ``"right"`` (by the context words read outward from the
    keyword), or any column(s) of the result (``"published"``, ``"source"``: added
    from the frame if needed); ties keep text order. ``sample``: that many lines,
    drawn reproducibly with ``seed``. The matching runs in parallel without the GIL.

    >>> import pandas as pd, warraq
    >>> df = pd.DataFrame({"id": ["a", "b"], "source": ["x", "y"],
    ...                    "body": ["عاد الهدوء إلى تدمر", "وفي التدمرية والحسكة هدوء"]})
    >>> c = warraq.kwic(df, ["تدمر*", "الحسكة"], meta=["source"], progress=False)
    >>> c[["id", "keyword", "pattern", "source"]].values.tolist()
    [['a', 'تدمر', 0, 'x'], ['b', 'التدمرية', 0, 'y'], ['b', 'والحسكة', 1, 'y']]
    >>> text = df["body"][1]
    >>> row = c.iloc[2]
    >>> text[row.start:row.end]
    'والحسكة'
    """
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    if not patterns:
        raise ValueError("kwic: no pattern given")
    concordancer = Concordancer(
        patterns,
        window=window,
        unit=unit,
        matching=match,
        valuetype=valuetype,
        clitics=clitics,
        case_insensitive=case_insensitive,
    )
    texts, ids, frame = _inputs(data, text_column, id_column)
    with _progress.bar(len(texts), "kwic", progress) as bar:
        docs, start, end, left, keyword, right, which = concordancer.lines(texts, on_batch=bar.update)
    columns: list[list[Any]] = [[], start, end, left, keyword, right, which]
    columns[0] = [ids[d] for d in docs]
    result = Concordance(dict(zip(COLUMNS, columns)), columns=COLUMNS)
    for col in ("start", "end", "pattern"):
        result[col] = result[col].astype("int64")
    wanted_sort = [sort] if isinstance(sort, str) else list(sort or [])
    if frame is not None:
        names: list[str] = []
        if meta is True:
            names = [c for c in frame.columns if c not in (text_column, id_column) and c not in COLUMNS]
        elif meta:
            names = list(meta)
        names += [s for s in wanted_sort if s not in COLUMNS and s not in names and s in frame.columns]
        for name in names:
            if name not in frame.columns:
                raise KeyError(f"kwic: no column {name!r} in the DataFrame")
            values = frame[name].tolist()
            result[name] = pd.Series([values[d] for d in docs], index=result.index, dtype=frame[name].dtype)
    if sample is not None and sample < len(result):
        result = result.sample(n=sample, random_state=seed).sort_index()
    if wanted_sort:
        missing = [s for s in wanted_sort if s not in result.columns]
        if missing:
            raise KeyError(f"kwic: cannot sort by {missing[0]!r}: no such column")
        result = result.sort_values(wanted_sort, kind="stable", key=lambda s: _outward(s) if s.name == "left" else s)
    return Concordance(result.reset_index(drop=True))
