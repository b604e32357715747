"""A corpus report as one self-contained HTML file: ``warraq report CORPUS -o report.html``.

:func:`corpus_report` reads nothing itself: it takes a :func:`warraq.read_corpus`
DataFrame and returns an HTML page with

- an overview: documents, words, sources, date range, skipped files, and documents
  per source and per month as small inline SVG bar charts;
- the most mentioned people, places and organisations (mentions and documents);
- the entity co-occurrence table: pairs of people/places/organisations named in the
  same documents, by number of documents;
- each document's TF-IDF keywords (the first ``max_articles``);
- near-duplicate groups (documents linked by MinHash near-duplicate pairs);
- every article (up to ``max_articles``) rendered with its entities highlighted.

The page has no scripts and loads nothing: CSS is inline, charts are inline SVG, so
it opens offline and can be mailed as it is. :func:`write_report` reads a corpus and
writes the file; the ``warraq report`` command (``python -m warraq report``) calls it.

>>> import warraq
>>> from warraq.report import corpus_report
>>> df = warraq.read_corpus("examples/sample_corpus", progress=False)
>>> page = corpus_report(df, title="sample", progress=False)
>>> page.startswith("<!DOCTYPE html>"), "<script" in page, page.count("<svg")
(True, False, 2)
"""

from __future__ import annotations

import datetime as _dt
import html
import itertools
import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

import warraq._progress as _progress
from warraq._warraq import __version__, label_colour
from warraq.corpus import read_corpus
from warraq.display import render
from warraq.concordance import concordance_html, kwic
from warraq.entities import entities_frame
from warraq.vectors import TfidfVectorizer, near_duplicates

__all__ = ["corpus_report", "write_report", "bar_chart_svg", "duplicate_groups", "cooccurrences"]

#: The labels of the "top entities" and co-occurrence sections, with their headings.
NAMED = {"PERSON": "People", "LOCATION": "Places", "ORGANIZATION": "Organisations"}

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans Arabic',sans-serif;
 margin:0 auto;max-width:70em;padding:1em 1.5em 4em;color:#222;line-height:1.5}
h1{font-size:1.6em;margin-bottom:0.2em} h2{font-size:1.25em;margin-top:2em;border-bottom:2px solid #ddd}
table{border-collapse:collapse;margin:0.5em 0;font-size:0.92em}
th,td{border:1px solid #ddd;padding:0.25em 0.6em;vertical-align:top;text-align:start}
th{background:#f4f4f4} td.n{text-align:right;font-variant-numeric:tabular-nums}
.ar{font-family:'Noto Naskh Arabic','Noto Sans Arabic','Amiri','Geeza Pro','Segoe UI',Tahoma,sans-serif}
.grid{display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start}
.muted{color:#666;font-size:0.9em} .chip{display:inline-block;padding:0 0.5em;border-radius:0.7em;font-size:0.8em}
article{border:1px solid #e4e4e4;border-radius:6px;padding:0.8em 1.2em;margin:1em 0}
nav a{margin-inline-end:1em}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _ar(value: Any) -> str:
    """A cell of (usually Arabic) text: direction from its content, Arabic fonts."""
    return f'<bdi class="ar" dir="auto">{_e(value)}</bdi>'


def bar_chart_svg(
    labels: Sequence[str],
    values: Sequence[int],
    *,
    title: str,
    horizontal: bool = False,
    width: int = 640,
) -> str:
    """A small bar chart as inline SVG (no scripts, no fonts to load): vertical bars
    with labels under them, or ``horizontal`` bars with labels on the right (for
    Arabic names). Labels are thinned out when there are too many to read.

    >>> svg = bar_chart_svg(["2022-01", "2022-02"], [3, 1], title="per month")
    >>> svg.startswith("<svg") and svg.count("<rect") == 2 and "per month" in svg
    True
    """
    n = len(values)
    top = max(values) if n else 0
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{_e(title)}" ']
    if horizontal:
        # room for the longest label (about 7 px a character at 13 px), within limits
        row, pad = 22, 8
        label_w = int(min(220, max(60, 12 + 7 * max((len(str(x)) for x in labels), default=0))))
        height = row * n + 2 * pad
        out.append(f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-size="13">')
        out.append(f"<title>{_e(title)}</title>")
        bar_w = width - label_w - 60
        for k, (label, value) in enumerate(zip(labels, values)):
            y = pad + k * row
            w = 0 if top == 0 else max(1.0, bar_w * value / top)
            # bars grow leftwards from the label column, as Arabic reads
            x = width - label_w - 8 - w
            out.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="#6a9fd8"><title>{_e(label)}: {value}</title></rect>'
            )
            out.append(f'<text x="{x - 4:.1f}" y="{y + row - 7}" text-anchor="end" fill="#333">{value}</text>')
            out.append(
                # anchored by its right edge; the bidi algorithm still orders the
                # Arabic inside (a direction="rtl" attribute would flip the anchor)
                f'<text x="{width - 2}" y="{y + row - 7}" text-anchor="end" '
                f"font-family=\"'Noto Naskh Arabic','Noto Sans Arabic',Tahoma,sans-serif\">{_e(label)}</text>"
            )
        out.append("</svg>")
        return "".join(out)
    height, base, pad = 180, 150, 30
    out.append(f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-size="11">')
    out.append(f"<title>{_e(title)}</title>")
    slot = (width - 2 * pad) / max(n, 1)
    every = max(1, int(60 // max(slot, 1)) + (1 if slot < 60 else 0))
    for k, (label, value) in enumerate(zip(labels, values)):
        h = 0 if top == 0 else max(1.0, (base - 20) * value / top)
        x = pad + k * slot
        out.append(
            f'<rect x="{x + slot * 0.1:.1f}" y="{base - h:.1f}" width="{slot * 0.8:.1f}" height="{h:.1f}" fill="#6a9fd8">'
            f"<title>{_e(label)}: {value}</title></rect>"
        )
        if slot >= 18:
            out.append(f'<text x="{x + slot / 2:.1f}" y="{base - h - 3:.1f}" text-anchor="middle" fill="#333">{value}</text>')
        if k % every == 0:
            out.append(f'<text x="{x + slot / 2:.1f}" y="{base + 16}" text-anchor="middle" fill="#333">{_e(label)}</text>')
    out.append(f'<line x1="{pad}" y1="{base}" x2="{width - pad}" y2="{base}" stroke="#999"/>')
    out.append("</svg>")
    return "".join(out)


def duplicate_groups(pairs: pd.DataFrame, n: int) -> list[list[int]]:
    """Connected components (of two or more rows) of near-duplicate ``pairs``
    (columns ``i``, ``j``), each sorted, largest group first.

    >>> duplicate_groups(pd.DataFrame({"i": [0, 1, 5], "j": [1, 2, 6]}), 7)
    [[0, 1, 2], [5, 6]]
    """
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in zip(pairs["i"].tolist(), pairs["j"].tolist()):
        ra, rb = find(int(a)), find(int(b))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for row in range(n):
        groups[find(row)].append(row)
    found = [g for g in groups.values() if len(g) > 1]
    return sorted(found, key=lambda g: (-len(g), g[0]))


def cooccurrences(ents: pd.DataFrame, labels: Sequence[str] = tuple(NAMED)) -> pd.DataFrame:
    """Pairs of entities (``label``, ``normalized``) named in the same documents
    (``id``), with the number of such documents, most frequent first.

    >>> ents = pd.DataFrame({"id": [1, 1, 2, 2], "label": ["PERSON", "LOCATION"] * 2,
    ...                      "normalized": ["احمد", "دمشق", "احمد", "دمشق"]})
    >>> cooccurrences(ents).values.tolist()
    [['LOCATION', 'دمشق', 'PERSON', 'احمد', 2]]
    """
    named = ents[ents["label"].isin(list(labels))]
    counts: Counter[tuple[tuple[str, str], tuple[str, str]]] = Counter()
    # one pass over plain lists: a pandas groupby per document costs seconds on
    # tens of thousands of documents
    per_doc: dict[Any, set[tuple[str, str]]] = defaultdict(set)
    for doc, label, name in zip(named["id"].tolist(), named["label"].tolist(), named["normalized"].tolist()):
        per_doc[doc].add((label, name))
    for distinct in per_doc.values():
        counts.update(itertools.combinations(sorted(distinct), 2))
    rows = [(a[0], a[1], b[0], b[1], c) for (a, b), c in counts.items()]
    frame = pd.DataFrame(rows, columns=["label_a", "entity_a", "label_b", "entity_b", "documents"])
    # most documents first; ties in a stable, readable order (by label, then name)
    return frame.sort_values(
        ["documents", "label_a", "entity_a", "label_b", "entity_b"],
        ascending=[False, True, True, True, True],
        kind="stable",
    ).reset_index(drop=True)


#: Entities per label, and lines per entity, in the report's concordance.
CONCORDANCE_ENTITIES = 2
CONCORDANCE_LINES = 3


def top_entity_concordance(
    ents: pd.DataFrame,
    bodies: Sequence[str],
    ids: Sequence[str],
    per_label: int = CONCORDANCE_ENTITIES,
    lines: int = CONCORDANCE_LINES,
) -> pd.DataFrame:
    """Concordance lines of the most mentioned people, places and organisations:
    each entity's commonest spelling looked up with :func:`warraq.kwic` (the first
    ``lines`` lines), ``id`` the document's id.

    >>> ents = pd.DataFrame({"id": [0, 1], "label": ["LOCATION"] * 2, "normalized": ["عمان"] * 2,
    ...                      "text": ["عمّان", "عمّان"]})
    >>> c = top_entity_concordance(ents, ["زار عمّان أمس", "في عمّان اليوم"], ["a", "b"])
    >>> c[["id", "keyword"]].values.tolist()
    [['a', 'عمّان'], ['b', 'عمّان']]
    """
    frames = []
    for label in NAMED:
        sub = ents[ents["label"] == label]
        if sub.empty:
            continue
        counts = sub.groupby("normalized").size().reset_index(name="n")
        counts = counts.sort_values(["n", "normalized"], ascending=[False, True], kind="stable").head(per_label)
        for name in counts["normalized"]:
            spelling = sub[sub["normalized"] == name]["text"].value_counts().index[0]
            found = kwic(list(bodies), str(spelling), window=6, valuetype="fixed", progress=False).head(lines)
            frames.append(found.assign(id=[ids[int(i)] for i in found["id"]]))
    if not frames:
        return pd.DataFrame(columns=["id", "left", "keyword", "right"])
    return pd.concat(frames, ignore_index=True)


def _table(header: Sequence[str], rows: list[list[str]], numeric: Sequence[int] = ()) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = []
    for r in rows:
        cells = "".join(f'<td class="n">{c}</td>' if k in numeric else f"<td>{c}</td>" for k, c in enumerate(r))
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _label_chip(label: str) -> str:
    colour = label_colour(label)  # the colour the articles' marks use
    return f'<span class="chip" style="background:{_e(colour)}">{_e(label)}</span>'


def _keyness_section(df: pd.DataFrame, bodies: list[str], top: int) -> str:
    """The words that mark each source against the others (G², warraq.keyness), for
    the sources with the most documents."""
    from warraq.stats import keyness

    if "source" not in df.columns or df["source"].nunique() < 2:
        return '<p class="muted">one source or none: nothing to compare</p>'
    frame = pd.DataFrame({"body": bodies, "source": df["source"].tolist()})
    rows = []
    for source in frame["source"].value_counts().index[:10]:
        target = (frame["source"] == source).to_numpy()
        k = keyness(frame, target)
        k = k[k["g2"] > 0].head(max(top // 2, 5))
        rows.append([_e(source), _ar("، ".join(k["word"].tolist()))])
    note = '<p class="muted">the words most characteristic of each source against all the others (G² keyness; shown as the corpus spells them)</p>'
    return note + _table(["source", "key words"], rows)


def corpus_report(
    df: pd.DataFrame,
    *,
    title: str = "warraq corpus report",
    top: int = 15,
    keywords: int = 8,
    threshold: float = 0.2,
    max_articles: int = 500,
    progress: _progress.Progress = True,
) -> str:
    """The report page of a :func:`warraq.read_corpus` DataFrame (see the module
    docs): ``top`` rows per entity table (twice that for co-occurrences),
    ``keywords`` terms per document, near-duplicates at Jaccard ``threshold``, and
    the first ``max_articles`` articles listed with their keywords and rendered in
    full (the other sections cover the whole corpus).

    >>> df = read_corpus("examples/sample_corpus", progress=False)
    >>> page = corpus_report(df, progress=False)
    >>> "001_sada_water" in page and "005_sada_water_reprint" in page and "People" in page
    True
    """
    df = df.reset_index(drop=True)
    n = len(df)
    bodies = ["" if not isinstance(b, str) else b for b in df.get("body", pd.Series([""] * n)).tolist()]
    ids = [str(x) for x in df["id"].tolist()] if "id" in df.columns else [str(k) for k in range(n)]
    # Missing titles are NaN in pandas 3's str columns, None in object ones.
    titles = [t if isinstance(t, str) else None for t in df["title"].tolist()] if "title" in df.columns else [None] * n
    frame = pd.DataFrame({"row": range(n), "body": bodies})
    if "published" in df.columns:
        frame["published"] = df["published"].tolist()
    # ids are row positions here (the id column may repeat); entities_frame calls it "id"
    ents = entities_frame(frame, id_column="row", progress=progress)
    vectorizer = TfidfVectorizer(progress=progress)
    X = vectorizer.fit_transform(bodies)
    kws = vectorizer.keywords(X, k=keywords, documents=bodies)
    pairs = near_duplicates(bodies, threshold=threshold, progress=progress)

    parts: list[str] = []
    add = parts.append
    add('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>")
    add(f"<h1>{_e(title)}</h1>")
    generated = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    add(f'<p class="muted">warraq {_e(__version__)} · generated {generated}</p>')
    add(
        '<nav><a href="#overview">Overview</a><a href="#entities">Entities</a>'
        '<a href="#cooccurrence">Co-occurrence</a><a href="#concordance">Concordance</a><a href="#keywords">Keywords</a><a href="#keyness">Keyness</a>'
        '<a href="#duplicates">Near-duplicates</a><a href="#articles">Articles</a></nav>'
    )

    # -- overview ---------------------------------------------------------------
    add('<h2 id="overview">Overview</h2>')
    words = int(df["n_words"].sum()) if "n_words" in df.columns else sum(len(b.split()) for b in bodies)
    facts = [["documents", f"{n:,}"], ["words in clean bodies", f"{words:,}"], ["entity mentions", f"{len(ents):,}"]]
    published = pd.to_datetime(df["published"], errors="coerce") if "published" in df.columns else pd.Series(pd.NaT, index=df.index)
    if published.notna().any():
        facts.append(["published", f"{published.min():%Y-%m-%d} – {published.max():%Y-%m-%d}"])
    facts.append(["without a date", f"{int(published.isna().sum()):,}"])
    errors = df.attrs.get("warraq_errors") or []
    facts.append(["files skipped", f"{len(errors):,}"])
    add(_table(["corpus", ""], [[_e(a), _e(b)] for a, b in facts], numeric=(1,)))
    if errors:
        add(_table(["file", "error", "message"], [[_e(x.get("path")), _e(x.get("error")), _e(x.get("message"))] for x in errors[:50]]))
    add('<div class="grid">')
    sources = df["source"].fillna("(unknown)") if "source" in df.columns else pd.Series(["(unknown)"] * n)
    per_source = sources.value_counts().head(20)
    add("<div><h3>Documents per source</h3>")
    add(bar_chart_svg([str(s) for s in per_source.index], per_source.tolist(), title="documents per source", horizontal=True, width=520))
    if sources.nunique() > 20:
        add(f'<p class="muted">the 20 largest of {sources.nunique()} sources</p>')
    add("</div>")
    months = published.dt.to_period("M").dropna().value_counts().sort_index()
    if len(months):
        full = pd.period_range(months.index.min(), months.index.max(), freq="M")
        months = months.reindex(full, fill_value=0)
    add("<div><h3>Documents per month</h3>")
    add(bar_chart_svg([str(m) for m in months.index], months.tolist(), title="documents per month", width=520))
    add("</div></div>")

    # -- entities ---------------------------------------------------------------
    add('<h2 id="entities">Most mentioned people, places and organisations</h2><div class="grid">')
    for label, heading in NAMED.items():
        sub = ents[ents["label"] == label]
        stats = (
            sub.groupby("normalized").agg(mentions=("id", "size"), documents=("id", "nunique"))
            .reset_index()
            .sort_values(["mentions", "documents", "normalized"], ascending=[False, False, True], kind="stable")
            .head(top)
        )
        rows = [[_ar(r.normalized), str(r.mentions), str(r.documents)] for r in stats.itertuples()]
        add(f"<div><h3>{_label_chip(label)} {_e(heading)}</h3>")
        add(_table(["name", "mentions", "documents"], rows, numeric=(1, 2)) if rows else '<p class="muted">none found</p>')
        add("</div>")
    add("</div>")

    add('<h2 id="cooccurrence">Entity co-occurrence</h2>')
    add('<p class="muted">people, places and organisations named in the same documents</p>')
    co = cooccurrences(ents).head(2 * top)
    rows = [
        [_label_chip(r.label_a) + " " + _ar(r.entity_a), _label_chip(r.label_b) + " " + _ar(r.entity_b), str(r.documents)]
        for r in co.itertuples()
    ]
    add(_table(["entity", "entity", "documents"], rows, numeric=(2,)) if rows else '<p class="muted">none</p>')

    # -- concordance of the top entities -----------------------------------------
    add('<h2 id="concordance">The top entities in context</h2>')
    add(f'<p class="muted">the {CONCORDANCE_ENTITIES} most mentioned of each kind, {CONCORDANCE_LINES} lines each (keyword in context, read right to left)</p>')
    lines = top_entity_concordance(ents, bodies, ids)
    add(concordance_html(lines) if len(lines) else '<p class="muted">none</p>')

    # -- keywords ---------------------------------------------------------------
    add('<h2 id="keywords">Keywords per document</h2>')
    add(f'<p class="muted">top {keywords} TF-IDF terms (light stems, shown as each article spells them; stopwords and numbers removed)</p>')
    shown = min(n, max_articles)
    rows = [
        [f'<a href="#doc-{k}">{_e(ids[k])}</a>', _ar(titles[k] or ""), _ar("، ".join(t for t, _ in kws[k]))]
        for k in range(shown)
    ]
    add(_table(["id", "title", "keywords"], rows))
    if n > shown:
        add(f'<p class="muted">the first {shown} of {n} documents (raise --max-articles for more)</p>')

    # -- keyness per source -------------------------------------------------------
    add('<h2 id="keyness">Keyness per source</h2>')
    add(_keyness_section(df, bodies, top))

    # -- near-duplicates --------------------------------------------------------
    add('<h2 id="duplicates">Near-duplicate groups</h2>')
    add(f'<p class="muted">documents linked by pairs with a Jaccard similarity of 2-word shingles ≥ {threshold:g} (MinHash/LSH)</p>')
    groups = duplicate_groups(pairs, n)
    if not groups:
        add('<p class="muted">none</p>')
    best: dict[int, float] = defaultdict(float)
    for a, b, s in zip(pairs["i"].tolist(), pairs["j"].tolist(), pairs["score"].tolist()):
        best[a] = max(best[a], s)
        best[b] = max(best[b], s)
    for g, members in enumerate(groups[:100], 1):
        rows = [[f'<a href="#doc-{k}">{_e(ids[k])}</a>', _ar(titles[k] or ""), f"{best[k]:.2f}"] for k in members]
        add(f"<h3>group {g} ({len(members)} documents)</h3>")
        add(_table(["id", "title", "best Jaccard"], rows, numeric=(2,)))
    if len(groups) > 100:
        add(f'<p class="muted">the 100 largest of {len(groups)} groups</p>')

    # -- articles ---------------------------------------------------------------
    add('<h2 id="articles">Articles</h2>')
    if n > max_articles:
        add(f'<p class="muted">the first {max_articles} of {n} articles</p>')
    by_row = {row: group for row, group in ents[ents["id"] < max_articles].groupby("id")}
    empty = ents.iloc[0:0]
    with _progress.bar(min(n, max_articles), "report", progress) as bar:
        for k in range(min(n, max_articles)):
            row = df.iloc[k]
            rendered = render(row, entities=by_row.get(k, empty))
            add(f'<article id="doc-{k}">{rendered.html}</article>')
            bar.update(1)
    add("</body></html>\n")
    return "".join(parts)


def write_report(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    title: str | None = None,
    errors: str = "skip",
    format: str = "auto",
    encoding: str = "auto",
    progress: _progress.Progress = True,
    **options: Any,
) -> Path:
    """Reads ``source`` with :func:`warraq.read_corpus` (bad files skipped and listed
    in the report, unless ``errors="raise"``; ``format`` and ``encoding`` as it takes
    them) and writes :func:`corpus_report` to
    ``out`` (parent folders are created). Returns the path written.

    >>> import os, tempfile
    >>> path = write_report("examples/sample_corpus", os.path.join(tempfile.mkdtemp(), "r", "report.html"), progress=False)
    >>> path.name, path.stat().st_size > 10_000
    ('report.html', True)
    """
    df = read_corpus(source, format=format, encoding=encoding, errors=errors, progress=progress)
    if title is None:
        name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else ", ".join(os.fspath(s) for s in source)
        title = f"warraq report: {name}"
    page = corpus_report(df, title=title, progress=progress, **options)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
