"""The ``warraq`` command (also ``python -m warraq``).

``warraq report CORPUS -o report.html`` reads a corpus (folders, files or glob
patterns, in any format :func:`warraq.read_corpus` reads) and writes one
self-contained HTML report: overview charts, top entities, co-occurrences, keywords,
near-duplicate groups and every article with its entities highlighted.

>>> main(["report", "examples/no-such-folder", "-o", "/tmp/x.html"])
2
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import warraq


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="warraq",
        description="Arabic news corpora: clean articles, entities, TF-IDF — command-line tools.",
        epilog="In Python: import warraq; warraq.read_corpus(...). See README.md.",
    )
    parser.add_argument("--version", action="version", version=f"warraq {warraq.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    report = commands.add_parser(
        "report",
        help="write a self-contained HTML report of a corpus",
        description=(
            "Read a corpus and write one self-contained HTML file (no scripts, no network): "
            "documents per source and per month, top people/places/organisations, entity "
            "co-occurrences, keywords per document, near-duplicate groups, and each article "
            "with its entities highlighted."
        ),
    )
    report.add_argument("corpus", nargs="+", help="folders, files or glob patterns (.txt, .json, .jsonl, .csv, SGML)")
    report.add_argument("-o", "--output", type=Path, default=Path("report.html"), help="the HTML file to write (default: report.html)")
    report.add_argument("--title", help="page title (default: 'warraq report: CORPUS')")
    report.add_argument("--format", default="auto", help="auto, txt, json, jsonl, csv or sgml (default: auto)")
    report.add_argument("--encoding", default="auto", help="auto, utf-8, utf-16, cp1256 … (default: auto)")
    report.add_argument("--errors", choices=["skip", "raise"], default="skip", help="bad files: list them in the report (skip, default) or stop (raise)")
    report.add_argument("--top", type=int, default=15, help="rows per entity table (default: 15)")
    report.add_argument("--keywords", type=int, default=8, help="keywords per document (default: 8)")
    report.add_argument("--threshold", type=float, default=0.2, help="near-duplicate Jaccard threshold (default: 0.2)")
    report.add_argument("--max-articles", type=int, default=500, help="articles listed with keywords and rendered in full (default: 500)")
    report.add_argument("--no-progress", action="store_true", help="no progress bars (they show only on a terminal anyway)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Runs the command line; returns the exit status (2 for a usage or input error)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command != "report":
        parser.print_help()
        return 2
    from warraq.report import write_report

    start = time.perf_counter()
    source = args.corpus[0] if len(args.corpus) == 1 else args.corpus
    try:
        path = write_report(
            source,
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
    except (OSError, warraq.WarraqError) as e:
        print(f"warraq report: {e}", file=sys.stderr)
        return 2
    print(f"wrote {path.resolve()} ({path.stat().st_size / 1024:.0f} KiB) in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
