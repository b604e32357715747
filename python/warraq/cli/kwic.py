"""``warraq kwic``: keyword-in-context lines of a corpus on the terminal, or to CSV or
HTML.

On a terminal each line is printed in logical (reading) order, the order the words
are written in: the id, the text before the keyword, the keyword, the text after
it, separated by `` | ``, with the text before padded on the left so that the
keywords stand in one column. A terminal that lays out Arabic right to left shows
each field's words as they read; the fields keep their order left to right, so the
text before always comes first. ``-o lines.html`` writes the right-to-left
concordance table of a notebook (:class:`warraq.Concordance`), ``-o lines.csv``
the columns of :func:`warraq.kwic`.

>>> print(aligned_lines([("a", "دخل الجيش", "تدمر", "أمس"), ("bb", "إلى", "حمص", "")]))
a  | دخل الجيش | تدمر | أمس
bb |       إلى | حمص  |
"""

from __future__ import annotations

import argparse
import html
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import warraq
from warraq.cli import _options as opt
from warraq.concordance import _KWIC, concordance_html


def add_kwic(commands: Any) -> None:
    p = commands.add_parser(
        "kwic",
        help="keyword-in-context lines of a corpus",
        description=(
            "Find PATTERN in the articles of a corpus (spelling variants, clitics and the article "
            "allowed, as warraq.kwic) and print each match with its context, keywords aligned; or write "
            "the lines to CSV or HTML with -o."
        ),
    )
    p.add_argument("args", nargs="+", metavar="SRC… PATTERN", help="the corpus, then the pattern (a word, a phrase, a glob)")
    p.add_argument("--window", "-w", type=int, default=_KWIC["window"], help=f"words of context on each side (default: {_KWIC['window']})")
    p.add_argument("--match", choices=["folded", "exact", "stem"], default="folded", help="how words match (default: folded)")
    p.add_argument("--valuetype", choices=["glob", "fixed", "regex"], default="glob", help="how the pattern reads (default: glob)")
    p.add_argument("--limit", "-n", type=int, default=None, metavar="N", help="at most N lines (after sorting)")
    p.add_argument("--sort", choices=["left", "right"], help="sort by the words before (left) or after (right) the keyword")
    p.add_argument("-o", "--output", type=Path, help="write the lines to FILE.csv or FILE.html instead")
    opt.add_read_options(p)
    p.set_defaults(run=run_kwic)


def width(text: str) -> int:
    """Terminal cells of ``text``: marks (harakat) and format characters take none,
    wide East Asian characters two.

    >>> width("تدمُر"), width("abc")
    (4, 3)
    """
    cells = 0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        cells += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return cells


def aligned_lines(rows: Sequence[tuple[str, str, str, str]]) -> str:
    """``(id, before, keyword, after)`` rows as lines whose fields line up."""
    if not rows:
        return ""
    w_id = max(width(r[0]) for r in rows)
    w_before = max(width(r[1]) for r in rows)
    w_keyword = max(width(r[2]) for r in rows)
    lines = []
    for ident, before, keyword, after in rows:
        line = (
            f"{ident}{' ' * (w_id - width(ident))} | "
            f"{' ' * (w_before - width(before))}{before} | "
            f"{keyword}{' ' * (w_keyword - width(keyword))} | {after}"
        )
        lines.append(line.rstrip())
    return "\n".join(lines)


def _page(table: str, title: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="ar"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>{table}</body></html>\n"
    )


def run_kwic(args: argparse.Namespace) -> int:
    """Prints (or writes) the concordance lines; the exit code."""
    if len(args.args) < 2:
        raise opt.UsageError("give the corpus, then the pattern: warraq kwic SRC… PATTERN")
    *args.sources, pattern = args.args
    if args.window < 0 or (args.limit is not None and args.limit < 0):
        raise opt.UsageError("--window and --limit must be >= 0")
    kind = opt.output_path(args.output, "kwic", (".csv", ".html")) if args.output else None
    problems = opt.Problems()
    frames = []
    for df in opt.corpus_frames(args, problems):
        lines = warraq.kwic(
            df,
            pattern,
            window=args.window,
            match=args.match,
            valuetype=args.valuetype,
            meta=[c for c in ("title", "source", "published", "url") if c in df.columns],
            progress=False,
        )
        frames.append(lines)
        if args.limit is not None and not args.sort and sum(len(f) for f in frames) >= args.limit:
            break  # enough lines, in text order
    import pandas as pd

    lines = pd.concat(frames, ignore_index=True) if frames else warraq.kwic([], pattern, progress=False)
    if args.sort:
        lines = lines.sort_values(
            args.sort,
            kind="stable",
            # the words before the keyword are read outward from it, as kwic(sort="left") does
            key=lambda s: s.map(lambda t: " ".join(reversed(t.split()))) if s.name == "left" else s,
        )
    if args.limit is not None:
        lines = lines.head(args.limit)
    lines = warraq.Concordance(lines.reset_index(drop=True))
    if kind == ".csv":
        lines.to_csv(args.output, index=False, encoding="utf-8")
        print(f"wrote {len(lines)} lines to {args.output}")
    elif kind == ".html":
        table = concordance_html(lines, max_rows=len(lines))
        args.output.write_text(_page(table, f"warraq kwic: {pattern}"), encoding="utf-8")
        print(f"wrote {len(lines)} lines to {args.output}")
    else:
        rows = [(str(r.id), r.left, r.keyword, r.right) for r in lines.itertuples(index=False)]
        if rows:
            print(aligned_lines(rows))
        print(f"{len(lines)} lines", file=sys.stderr)
    return problems.report("kwic")
