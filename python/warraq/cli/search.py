"""``warraq index`` (build a :class:`warraq.SearchIndex` directory from a corpus) and
``warraq search`` (query one).

``--where`` filters as :meth:`warraq.SearchIndex.search` does: ``source=spa`` (repeat
it for any of several), ``tags=اقتصاد`` (all of them), ``published=FROM..TO``
(inclusive ISO dates, either end may be left out).

>>> parse_where(["source=spa", "source=okaz", "published=2015-01-01..", "tags=اقتصاد"])
{'source': ['spa', 'okaz'], 'published': ('2015-01-01', None), 'tags': ['اقتصاد']}
>>> print(marked_snippet("دخل بتدمر أمس", [(4, 9)], bold=False))
دخل [بتدمر] أمس
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

import warraq
from warraq.cli import _options as opt
from warraq.cli._tables import CsvWriter, JsonLinesWriter
from warraq.search import WHERE_KEYS, results_html


def add_index(commands: Any) -> None:
    p = commands.add_parser(
        "index",
        help="build a search index (a directory) of a corpus",
        description=(
            "Read a corpus and index its articles (BM25, analysed as warraq analyses Arabic) in the "
            "directory INDEX, which must be new or empty unless --append is given."
        ),
    )
    opt.add_sources(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="INDEX", help="the index directory")
    p.add_argument("--append", action="store_true", help="add to an existing index (same ids are replaced)")
    p.add_argument("--k1", type=float, default=1.2, help="BM25 k1 (default: 1.2)")
    p.add_argument("--b", type=float, default=0.75, help="BM25 b (default: 0.75)")
    p.add_argument("--stem", choices=["light", "snowball", "none"], default="light", help="stemming (default: light)")
    opt.add_read_options(p)
    p.set_defaults(run=run_index)


def add_search(commands: Any) -> None:
    p = commands.add_parser(
        "search",
        help="search an index built by warraq index",
        description=(
            "The K best articles for QUERY (words, \"phrases\" or «…», AND, OR, NOT/-word, +word, "
            "parentheses), with snippets; matches in [brackets] (bold on a terminal)."
        ),
    )
    p.add_argument("index", type=Path, metavar="INDEX", help="the index directory")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("-k", type=int, default=10, help="number of hits (default: 10)")
    p.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="source=NAME, tags=TAG, published=FROM..TO (repeatable)",
    )
    p.add_argument("-o", "--output", type=Path, help="write the hits to FILE.csv, FILE.jsonl or FILE.html instead")
    p.set_defaults(run=run_search)


def parse_where(pairs: Iterable[str]) -> dict[str, Any]:
    """``--where`` options as the ``where=`` of :meth:`warraq.SearchIndex.search`."""
    where: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or key not in WHERE_KEYS:
            raise opt.UsageError(f"--where {pair!r}: expected KEY=VALUE with KEY one of {', '.join(WHERE_KEYS)}")
        if key == "published":
            lo, dots, hi = value.partition("..")
            if not dots:
                lo = hi = value  # one day (or one instant)
            where["published"] = (lo.strip() or None, hi.strip() or None)
        else:
            where.setdefault(key, []).append(value)
    return where


def marked_snippet(snippet: str, highlights: Iterable[tuple[int, int]], bold: bool) -> str:
    """The snippet with its matches in brackets, or in bold (ANSI) on a terminal."""
    on, off = ("\x1b[1m", "\x1b[0m") if bold else ("[", "]")
    out, at = [], 0
    for start, end in highlights:
        out.append(snippet[at:start] + on + snippet[start:end] + off)
        at = end
    out.append(snippet[at:])
    return "".join(out).replace("\n", " ")


def run_index(args: argparse.Namespace) -> int:
    """Indexes the corpus, batch by batch; the exit code."""
    path = args.output
    if args.append:
        if not path.is_dir():
            raise opt.UsageError(f"--append: no index at {path}")
        index = warraq.SearchIndex.open(path)
    else:
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise opt.UsageError(f"-o {path}: not a new or empty directory (use --append to add to an index)")
        index = warraq.SearchIndex.create(path, k1=args.k1, b=args.b, stem=None if args.stem == "none" else args.stem)
    start = time.perf_counter()
    problems = opt.Problems()
    threads = args.jobs if args.jobs and args.jobs > 0 else max(1, os.cpu_count() or 1)
    added = 0
    for df in opt.corpus_frames(args, problems):
        added += index.add(df, threads=threads, progress=opt.progress(args))
    print(f"indexed {added} articles in {path} ({len(index)} in all) in {time.perf_counter() - start:.1f} s")
    return problems.report("index")


def run_search(args: argparse.Namespace) -> int:
    """Prints (or writes) the hits; the exit code."""
    if not args.index.is_dir():
        raise opt.UsageError(f"no index at {args.index} (build one with warraq index SRC… -o {args.index})")
    kind = opt.output_path(args.output, "search", (".csv", ".jsonl", ".html")) if args.output else None
    hits = warraq.SearchIndex.open(args.index).search(args.query, k=args.k, where=parse_where(args.where))
    if kind == ".html":
        page = f'<!DOCTYPE html>\n<html lang="ar"><head><meta charset="utf-8"><title>warraq search</title></head><body>{results_html(hits)}</body></html>\n'
        args.output.write_text(page, encoding="utf-8")
    elif kind is not None:
        with args.output.open("w", encoding="utf-8", newline="") as out:
            writer = JsonLinesWriter(out) if kind == ".jsonl" else CsvWriter(out)
            writer.write(pd.DataFrame(hits))
    if kind is not None:
        print(f"wrote {len(hits)} hits to {args.output}")
        return opt.OK
    bold = sys.stdout.isatty()
    for rank, row in enumerate(hits.itertuples(index=False), 1):
        meta = [f"{row.score:.3f}", str(row.id)]
        if not pd.isna(row.published):
            meta.append(str(pd.Timestamp(row.published).date()))
        if isinstance(row.source, str):
            meta.append(row.source)
        print(f"{rank}. {row.title or ''}  ({' · '.join(meta)})")
        print(f"   {marked_snippet(row.snippet, row.highlights or [], bold)}")
    print(f"{len(hits)} hits", file=sys.stderr)
    return opt.OK
