"""Looking at Arabic text in Jupyter: documents and entities as right-to-left HTML.

:func:`render` turns a text, a :class:`warraq.Document` or a row of a
:func:`warraq.read_corpus` DataFrame into a :class:`Rendered` object, which Jupyter
shows as HTML: right to left in an Arabic font, the metadata in a header, each
entity highlighted in its label's colour with the label beside it. The HTML itself is
built in Rust (``warraq::render``): every character of the text is escaped (an
article containing ``<script>`` shows the tag as text), spans are widened to whole
words so that letters keep their joined forms, and labels are bidi-isolated so that
punctuation stays on the right side.

A ``Document`` displays itself the same way (its ``_repr_html_``), and so does the
list :func:`warraq.extract_entities` returns (an :class:`Entities`, which remembers
its text).

>>> import warraq
>>> r = warraq.render("زار الوزير دمشق <script>alert('x')</script>")
>>> r
<Rendered: 1 entity, LOCATION 1>
>>> 'dir="rtl"' in r.html, "&lt;script&gt;" in r.html, "<script>" in r.html
(True, True, False)
"""

from __future__ import annotations

import html as _html
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

import warraq._warraq as _native
from warraq._warraq import Document, Entity, EntityRecognizer
from warraq.exceptions import InvalidOptionError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Rendered", "Entities", "render", "spans_of"]

#: Metadata keys taken from a DataFrame row or a mapping, in display order.
METADATA_KEYS = ("title", "subtitle", "source", "published", "author", "dateline", "id", "url")

Span = tuple[int, int, str]
EntitiesArg = Union[Iterable[Any], "pd.DataFrame", None, bool]


class Rendered:
    """HTML for Jupyter: ``_repr_html_``, ``.html`` and ``str()`` give the fragment,
    :meth:`page` a standalone page, :meth:`save` writes it. ``labels`` counts the
    highlighted spans by label.

    >>> r = render("زار دمشق", entities=[(4, 8, "LOCATION")])
    >>> str(r) == r.html == r._repr_html_(), r.labels
    (True, {'LOCATION': 1})
    """

    __slots__ = ("html", "labels")

    def __init__(self, html: str, labels: Mapping[str, int] | Iterable[tuple[str, int]] | None = None) -> None:
        self.html = html
        self.labels: dict[str, int] = dict(labels or {})

    def _repr_html_(self) -> str:
        return self.html

    def __html__(self) -> str:  # markupsafe/Jinja: insert without escaping again
        return self.html

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:
        n = sum(self.labels.values())
        counts = ", ".join(f"{label} {c}" for label, c in sorted(self.labels.items(), key=lambda kv: -kv[1]))
        return f"<Rendered: {n} {'entity' if n == 1 else 'entities'}{', ' + counts if counts else ''}>"

    def page(self, title: str = "warraq") -> str:
        """A complete HTML page (UTF-8, no scripts, no external resources).

        >>> render("نص").page("عنوان").startswith("<!DOCTYPE html>")
        True
        """
        return (
            '<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_html.escape(title)}</title></head>"
            f'<body style="margin:2em auto;max-width:62em;padding:0 1em">{self.html}</body></html>\n'
        )

    def save(self, path: str | os.PathLike[str], title: str = "warraq") -> None:
        """Writes :meth:`page` to ``path``.

        >>> import os, tempfile
        >>> path = os.path.join(tempfile.mkdtemp(), "doc.html")
        >>> render("نص").save(path)
        >>> with open(path, encoding="utf-8") as f:
        ...     f.read().count('dir="rtl"')
        2
        """
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.page(title))


class Entities(list[Entity]):
    """The entities of one text: a plain ``list`` of :class:`warraq.Entity` that
    remembers its ``text``, so Jupyter shows it highlighted in that text.

    >>> ents = Entities(EntityRecognizer().extract("زار دمشق"), "زار دمشق")
    >>> [e.text for e in ents], "data-label=\\"LOCATION\\"" in ents._repr_html_()
    (['دمشق'], True)
    """

    def __init__(self, entities: Iterable[Entity] = (), text: str = "") -> None:
        super().__init__(entities)
        self.text = text

    def render(self) -> Rendered:
        """The text with these entities highlighted (see :func:`render`)."""
        return render(self.text, entities=self)

    def _repr_html_(self) -> str:
        return self.render().html


def spans_of(entities: Any) -> list[Span]:
    """``(start, end, label)`` spans from entities in any of the forms warraq gives:
    :class:`warraq.Entity` objects (or anything with ``start``, ``end``, ``label``),
    dicts, ``(start, end, label)`` tuples, or a DataFrame with those columns (such as
    :func:`warraq.entities_frame` rows of one document).

    >>> import pandas as pd
    >>> spans_of(pd.DataFrame({"start": [4], "end": [8], "label": ["LOCATION"]}))
    [(4, 8, 'LOCATION')]
    >>> spans_of([{"start": 0, "end": 3, "label": "X"}, (4, 8, "Y")])
    [(0, 3, 'X'), (4, 8, 'Y')]
    """
    columns = getattr(entities, "columns", None)
    if columns is not None:
        missing = {"start", "end", "label"} - set(columns)
        if missing:
            raise KeyError(f"entities: the DataFrame has no column(s) {sorted(missing)} (start, end, label needed)")
        return [(int(s), int(e), str(lab)) for s, e, lab in zip(entities["start"], entities["end"], entities["label"])]
    out: list[Span] = []
    for i, item in enumerate(entities):
        if isinstance(item, Mapping):
            out.append((int(item["start"]), int(item["end"]), str(item["label"])))
        elif isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 3:
            out.append((int(item[0]), int(item[1]), str(item[2])))
        elif all(hasattr(item, a) for a in ("start", "end", "label")):
            out.append((int(item.start), int(item.end), str(item.label)))
        else:
            raise TypeError(
                f"entities[{i}] must be an Entity, a dict or a (start, end, label) tuple, not {type(item).__name__}"
            )
    for i, (start, end, label) in enumerate(out):
        if start < 0 or end < 0:
            raise InvalidOptionError(f"invalid option `entities`: span {i} ({start}..{end}, {label}) has a negative offset")
    return out


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict)) else False
    except (ImportError, TypeError, ValueError):
        return False


def _format_published(value: Any) -> str:
    """Dates as the Rust side shows them: ``2016-05-03 08:52``, or the day alone
    when the time is midnight (a date without a time in ``read_corpus``)."""
    if hasattr(value, "hour") and hasattr(value, "strftime"):
        if (value.hour, value.minute, getattr(value, "second", 0)) == (0, 0, 0):
            return str(value.strftime("%Y-%m-%d"))
        return str(value.strftime("%Y-%m-%d %H:%M"))
    if hasattr(value, "strftime"):
        return str(value.strftime("%Y-%m-%d"))
    return str(value)


def _row_parts(row: Any, text_column: str | None) -> tuple[str, list[tuple[str, str]], list[str], Any]:
    keys = list(row.keys())
    column = text_column or ("body" if "body" in keys else "text")
    if column not in keys:
        looked = repr(column) if text_column else "'body' or 'text'"
        raise KeyError(f"render: the row has no {looked} field (set text_column=)")
    text = row[column]
    text = "" if _missing(text) else str(text)
    metadata = []
    for key in METADATA_KEYS:
        if key in keys and not _missing(row[key]):
            value = row[key]
            metadata.append((key, _format_published(value) if key == "published" else str(value)))
    tags = row["tags"] if "tags" in keys and isinstance(row["tags"], (list, tuple)) else []
    published = row["published"] if "published" in keys and not _missing(row["published"]) else None
    return text, metadata, [str(t) for t in tags], published


def render(
    obj: str | Document | Mapping[str, Any] | pd.Series,
    entities: EntitiesArg = None,
    *,
    recognizer: EntityRecognizer | None = None,
    text_column: str | None = None,
    published: Any = None,
) -> Rendered:
    """HTML of a text, a :class:`warraq.Document` or a DataFrame row, with its
    entities highlighted; Jupyter displays the result.

    ``entities``: None (default) finds them with ``recognizer`` (default: the bundled
    model; relative dates resolved against ``published`` or the row's/document's
    date); False or ``[]`` shows none; otherwise any form :func:`spans_of` accepts,
    with ``start``/``end`` as string indices into the text (a document's or row's
    ``body``). A row (a ``pandas.Series`` such as ``df.iloc[0]``, or a dict) gives its
    ``text_column`` (default ``"body"``, else ``"text"``) and shows ``title``,
    ``subtitle``, ``source``, ``published``, ``author``, ``dateline``, ``id``, ``url`` and
    ``tags`` in the header.

    >>> import warraq
    >>> df = warraq.read_corpus("examples/sample_corpus", progress=False)
    >>> r = warraq.render(df.iloc[0])
    >>> r.labels["LOCATION"] > 0, "مشروع ضخم لتحلية المياه" in r.html
    (True, True)
    >>> warraq.render("زار دمشق", entities=False)
    <Rendered: 0 entities>
    >>> warraq.render("زار دمشق", entities=[(0, 3, "EVENT")]).labels
    {'EVENT': 1}
    >>> warraq.render("زار دمشق", entities=[(4, 8, "LOC"), (5, 8, "X")]).labels  # overlaps resolved
    {'LOC': 1}
    """
    ner = recognizer
    if isinstance(obj, Document):
        if entities is None and ner is None and published is None:
            return Rendered(*obj._render())  # entities found by the bundled model, in Rust
        if entities is None or entities is True:
            found: Any = (ner or EntityRecognizer()).extract(obj.body, published=published or obj.published)
            spans = spans_of(found)
        else:
            spans = [] if entities is False else spans_of(entities)
        return Rendered(*obj._render(spans))
    metadata: list[tuple[str, str]] = []
    tags: list[str] = []
    if isinstance(obj, str):
        text, date = obj, published
    elif isinstance(obj, Mapping) or (hasattr(obj, "keys") and hasattr(obj, "__getitem__")):
        text, metadata, tags, date = _row_parts(obj, text_column)
        date = published if published is not None else date
    else:
        raise TypeError(
            f"render() takes a str, a warraq.Document or a DataFrame row/dict, not {type(obj).__name__}"
        )
    if entities is None or entities is True:
        spans = spans_of((ner or EntityRecognizer()).extract(text, published=date))
    elif entities is False:
        spans = []
    else:
        spans = spans_of(entities)
    return Rendered(*_native.render_text(text, spans, metadata=metadata, tags=tags))

