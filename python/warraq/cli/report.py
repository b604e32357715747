"""``warraq report``: one self-contained HTML report of a corpus (see
:mod:`warraq.report`)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from warraq.cli import _options as opt


def add_report(commands: Any) -> None:
    p = commands.add_parser(
        "report",
        help="write a self-contained HTML report of a corpus",
        description=(
            "Read a corpus and write one self-contained HTML file (no scripts, no network): "
            "documents per source and per month, top people/places/organisations, entity "
            "co-occurrences, keywords per document, near-duplicate groups, and each article "
            "with its entities highlighted."
        ),
    )
    p.add_argument("corpus", nargs="+", help="folders, files or glob patterns (.txt, .json, .jsonl, .csv, SGML, .html, .warc)")
    p.add_argument("-o", "--output", type=Path, default=Path("report.html"), help="the HTML file to write (default: report.html)")
    p.add_argument("--title", help="page title (default: 'warraq report: CORPUS')")
    p.add_argument("--format", default="auto", help="auto, txt, json, jsonl, csv, sgml, html or warc (default: auto)")
    p.add_argument("--encoding", default="auto", help="auto, utf-8, utf-16, cp1256 … (default: auto)")
    p.add_argument("--errors", choices=["skip", "raise"], default="skip", help="bad files: list them in the report (skip, default) or stop (raise)")
    p.add_argument("--top", type=int, default=15, help="rows per entity table (default: 15)")
    p.add_argument("--keywords", type=int, default=8, help="keywords per document (default: 8)")
    p.add_argument("--threshold", type=float, default=0.2, help="near-duplicate Jaccard threshold (default: 0.2)")
    p.add_argument("--max-articles", type=int, default=500, help="articles listed with keywords and rendered in full (default: 500)")
    p.add_argument("--no-progress", action="store_true", help="no progress bars (they show only on a terminal anyway)")
    p.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    """Writes the report; the exit code (bad files are listed in the report itself)."""
    from warraq.report import write_report

    start = time.perf_counter()
    path = write_report(
        opt.source_arg(args.corpus),
        args.output,
        title=args.title,
        errors=args.errors,
        progress=not args.no_progress,
        top=args.top,
        keywords=args.keywords,
        threshold=args.threshold,
        max_articles=args.max_articles,
        format=args.format,
        encoding=args.encoding,
    )
    print(f"wrote {path.resolve()} ({path.stat().st_size / 1024:.0f} KiB) in {time.perf_counter() - start:.1f} s")
    return opt.OK
