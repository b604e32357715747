"""The main job on a folder of scraped articles: ``python -m warraq.demo FOLDER``.

One pass through the whole pipeline, as a researcher would run it in a notebook:
load and clean the folder into a DataFrame (:func:`warraq.read_corpus`), show what
was removed, count tokens and frequent words of the clean bodies, find the people,
places, organisations and dated events (:func:`warraq.entities_frame`) with a
timeline of the dates per month, then each article's TF-IDF keywords and the
near-duplicate pairs; with ``--web``, saved pages and WARC archives.

>>> from pathlib import Path
>>> df = warraq.read_corpus(Path("examples/sample_corpus"), progress=False)
>>> summarize(df).documents
6
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

import warraq


@dataclass
class Summary:
    """What the demo reports about the clean bodies of a corpus."""

    documents: int
    tokens: int
    words: Counter[str] = field(default_factory=Counter)


def summarize(df: pd.DataFrame) -> Summary:
    """Normalise and tokenise every clean body; count documents, tokens and words.

    >>> df = pd.DataFrame({"body": ["قال الوزير إن المشروع كبير.", "المشروع الجديد"]})
    >>> s = summarize(df)
    >>> (s.documents, s.tokens, s.words["المشروع"])
    (2, 8, 2)
    """
    bodies = [str(b) for b in df["body"]]
    tokenized = warraq.Normalizer().tokenize_batch(bodies)
    words: Counter[str] = Counter()
    for toks in tokenized:
        words.update(t for t in toks if len(t) > 3 and not t.isascii())
    return Summary(documents=len(bodies), tokens=sum(map(len, tokenized)), words=words)


def show_corpus(df: pd.DataFrame) -> None:
    """Print the DataFrame's head (title, date, source, author, body) and the boilerplate removed.

    >>> show_corpus(warraq.read_corpus(Path("examples/sample_corpus"), progress=False))  # doctest: +ELLIPSIS
    read_corpus: 6 documents...
    """
    print(f"read_corpus: {len(df)} documents, {int(df['n_words'].sum())} words in clean bodies")
    for row in df.itertuples():
        date = "-" if pd.isna(row.published) else str(row.published)
        first = " ".join(str(row.body).split()[:8])
        print(f"  {row.id}: {row.title}")
        print(f"      date={date}  source={row.source}  author={row.author}  dateline={row.dateline}")
        print(f"      body: {first} …")
    print("boilerplate removed (reason: line):")
    for row in df.itertuples():
        for item in row.boilerplate:
            line = item["line"] if len(item["line"]) <= 70 else item["line"][:70] + "…"
            print(f"  {row.id}  {item['reason']}: {line}")


def entities_summary(df: pd.DataFrame, top: int = 5) -> str:
    """The most frequent people, places and organisations, and a few dated events
    (a full-day DATE with the words after it).

    >>> df = warraq.read_corpus(Path("examples/sample_corpus"), progress=False)
    >>> out = entities_summary(df)
    >>> "places:" in out and "عمان" in out
    True
    """
    ents = warraq.entities_frame(df, progress=False)
    lines = []
    for label, title in [("PERSON", "people"), ("LOCATION", "places"), ("ORGANIZATION", "organisations")]:
        counts = Counter(ents.loc[ents["label"] == label, "normalized"])
        lines.append(f"{title}: " + "، ".join(f"{name} ({n})" for name, n in counts.most_common(top)))
    lines.append("dated events:")
    bodies = dict(zip(df["id"], df["body"]))
    dates = ents[(ents["label"] == "DATE") & ents["value"].map(lambda v: isinstance(v, str) and len(v) == 10)]
    for row in dates.drop_duplicates("value").head(top).itertuples():
        after = " ".join(str(bodies[row.id])[row.end : row.end + 200].split()[:8])
        lines.append(f"  {row.value}  {row.text} … {after}")
    return "\n".join(lines)


def timeline(df: pd.DataFrame, width: int = 30) -> str:
    """A timeline of the dated events: how many DATE (and dated TIME) values of the
    articles fall in each month, resolved against each article's publication date,
    oldest month first, with a bar per month. Values coarser than a month (a year, a
    decade) and vague ones (``PAST_REF``) are left out; a range counts at its start.

    >>> df = pd.DataFrame({"id": ["a"], "body": ["وقع في 3 مارس 2016 وتكرر في 5 مارس 2016 ثم في مايو 2016"], "published": ["2016-06-01"]})
    >>> print(timeline(df, width=4))
    timeline: dated values per month (3 of 3 temporal expressions)
      2016-03  ████ 2
      2016-04   0
      2016-05  ██ 1
    """
    ents = warraq.entities_frame(df, progress=False)
    temporal = ents[ents["label"].isin(["DATE", "TIME", "DURATION"])]
    # a range counts at its start; a value's month is its first seven characters when
    # they are a year and a month (2016-03, 2016-03-26, 2016-03-26T19:00)
    points = temporal["begin_value"].where(temporal["begin_value"].notna(), temporal["value"])
    months = [str(v)[:7] for v in points if isinstance(v, str) and str(v)[:4].isdigit() and str(v)[4:7].startswith("-") and str(v)[5:7].isdigit()]
    if not months:
        return "timeline: no dated events"
    counts = Counter(months)
    first, last = pd.Period(min(counts), "M"), pd.Period(max(counts), "M")
    span = pd.period_range(first, last, freq="M")
    most = max(counts.values())
    lines = [f"timeline: dated values per month ({len(months)} of {len(temporal)} temporal expressions)"]
    if len(span) > 36:  # a long corpus: only the months that have events
        span = [pd.Period(m, "M") for m in sorted(counts)]
    for month in span:
        n = counts.get(str(month), 0)
        bar = "█" * max(1 if n else 0, round(width * n / most))
        lines.append(f"  {month}  {bar} {n}")
    return "\n".join(lines)


def keywords_and_duplicates(df: pd.DataFrame, k: int = 5) -> str:
    """Each article's top TF-IDF keywords, then its near-duplicate pairs.

    >>> df = warraq.read_corpus(Path("examples/sample_corpus"), progress=False)
    >>> out = keywords_and_duplicates(df)
    >>> "001_sada_water ~ 005_sada_water_reprint" in out
    True
    """
    bodies = [str(b) for b in df["body"]]
    vectorizer = warraq.TfidfVectorizer(progress=False)
    X = vectorizer.fit_transform(bodies)
    lines = [f"top {k} keywords per article (TF-IDF, light-stemmed, stopwords dropped):"]
    for doc_id, kws in zip(df["id"], vectorizer.keywords(X, k=k)):
        lines.append(f"  {doc_id}: " + "، ".join(term for term, _ in kws))
    pairs = warraq.near_duplicates(df)
    lines.append("near-duplicate pairs (Jaccard of 2-word shingles, MinHash/LSH):")
    for row in pairs.itertuples():
        lines.append(f"  {row.id_i} ~ {row.id_j}: {row.score:.2f} ({row.shared} shared shingles)")
    if pairs.empty:
        lines.append("  none")
    return "\n".join(lines)


def on_dask(folder: Path, df: pd.DataFrame) -> str:
    """The same corpus through :mod:`warraq.dask` (Dask's local scheduler here; a
    cluster with ``Client("tcp://scheduler:8786")``), checked against ``df``.

    >>> df = warraq.read_corpus(Path("examples/sample_corpus"), progress=False)
    >>> print(on_dask(Path("examples/sample_corpus"), df))
    warraq.dask: 6 documents in 3 partitions, equal to read_corpus: True; near-duplicate pairs equal: True
    """
    try:
        import warraq.dask as wd

        ddf = wd.read_corpus(folder, files_per_partition=2)
        got = ddf.compute()
    except ImportError as e:
        return f"warraq.dask: skipped ({e})"
    same = got.reset_index(drop=True).equals(df)
    pairs = wd.near_duplicates(ddf).equals(warraq.near_duplicates(df))
    return (
        f"warraq.dask: {len(got)} documents in {ddf.npartitions} partitions, "
        f"equal to read_corpus: {same}; near-duplicate pairs equal: {pairs}"
    )


def web_summary(source: Path) -> str:
    """Saved pages and WARC archives: what each page gave (the main content's first
    words, the metadata) and what the archives held besides Arabic pages.

    >>> print(web_summary(Path("examples/web")))  # doctest: +ELLIPSIS
    web pages and archives in examples/web: 3 Arabic pages
    ...
      sample_archive.warc: 9 records, 5 responses, 2 pages; skipped: 1 not HTML, 1 in another language, 1 HTTP status
    """
    df = warraq.read_corpus(source, languages=("ar",), progress=False)
    lines = [f"web pages and archives in {source.as_posix()}: {len(df)} Arabic pages"]
    for row in df.itertuples():
        date = "-" if pd.isna(row.published) else str(row.published)
        fetched = "" if pd.isna(row.fetched) else f"  fetched={row.fetched}"
        lines.append(f"  {row.title}  [{row.site_name} · {row.section or '-'}]  published={date}{fetched}")
        lines.append(f"      {row.url}: {' '.join(str(row.body).split()[:10])} …")
    for a in df.attrs["warraq_archives"]:
        lines.append(
            f"  {Path(a['path']).name}: {a['records']} records, {a['responses']} responses, {a['pages']} pages;"
            f" skipped: {a['not_html']} not HTML, {a['other_language']} in another language,"
            f" {a['http_status']} HTTP status"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the whole pipeline on a folder and print what it found."""
    parser = argparse.ArgumentParser(prog="python -m warraq.demo", description=__doc__)
    parser.add_argument("folder", type=Path, help="folder of scraped articles (.txt, .json, …)")
    parser.add_argument("--web", type=Path, help="a folder of saved pages (.html) and WARC archives to read too")
    args = parser.parse_args(argv)
    if not args.folder.exists():
        print(f"{args.folder}: no such folder", file=sys.stderr)
        return 1
    print(f"warraq {warraq.__version__} on {args.folder}\n")
    df = warraq.read_corpus(args.folder)
    show_corpus(df)
    s = summarize(df)
    print(f"\ntokens in clean bodies: {s.tokens}")
    print("most frequent normalised words (longer than 3 letters):")
    print("  " + "، ".join(f"{w} ({n})" for w, n in s.words.most_common(12)))
    print()
    print(entities_summary(df))
    print()
    print(timeline(df))
    print()
    print(keywords_and_duplicates(df))
    print()
    print(on_dask(args.folder, df))
    if args.web is not None:
        print()
        print(web_summary(args.web))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
