"""The ``warraq`` command (also ``python -m warraq``): one sub-command per module.

======== ==========================================================================
command  what it does
======== ==========================================================================
convert  a corpus → Parquet, JSON lines or CSV (one row per article)
entities the entity mentions of a corpus → Parquet, JSON lines or CSV
kwic     keyword-in-context lines, aligned on the terminal, or → CSV / HTML
index    a corpus → a search index directory (:class:`warraq.SearchIndex`)
search   the best hits of a query in an index
info     files, formats, encodings, articles, words, dates, sources, errors
report   a self-contained HTML report of a corpus
======== ==========================================================================

Exit codes: 0 done; 1 done, but some input files were bad and skipped (each is
named on stderr with its line or byte offset; ``--errors skip`` is the default);
2 a usage error, an input that cannot be read, or a bad file with ``--errors
raise``; 130 interrupted. See ``docs/guide/command-line.md``.

>>> main(["report", "examples/no-such-folder", "-o", "/tmp/x.html"])
2
>>> main(["convert", "examples/sample_corpus", "-o", "/tmp/x.txt"])
2
"""

from __future__ import annotations

import argparse
import sys

import warraq
from warraq.cli import _options as opt
from warraq.cli.convert import add_convert, add_entities
from warraq.cli.info import add_info
from warraq.cli.kwic import add_kwic
from warraq.cli.report import add_report
from warraq.cli.search import add_index, add_search

__all__ = ["main", "parser"]


def parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    p = argparse.ArgumentParser(
        prog="warraq",
        description="Arabic news corpora: clean articles, entities, concordance, search — command-line tools.",
        epilog="Exit codes: 0 ok, 1 some inputs skipped (named on stderr), 2 usage or input error. "
        "In Python: import warraq; warraq.read_corpus(...). Guide: docs/guide/command-line.md.",
    )
    p.add_argument("--version", action="version", version=f"warraq {warraq.__version__}")
    commands = p.add_subparsers(dest="command", metavar="COMMAND")
    for add in (add_convert, add_entities, add_kwic, add_index, add_search, add_info, add_report):
        add(commands)
    return p


def main(argv: list[str] | None = None) -> int:
    """Runs the command line; returns the exit status (see the module docs)."""
    p = parser()
    try:
        args = p.parse_args(argv)
    except SystemExit as e:  # --help, --version (0) or a usage error (2)
        return e.code if isinstance(e.code, int) else opt.USAGE
    if getattr(args, "run", None) is None:
        p.print_help(sys.stderr)
        return opt.USAGE
    try:
        return int(args.run(args))
    except opt.UsageError as e:
        opt.warn(args.command, str(e))
    except (OSError, warraq.WarraqError, ValueError) as e:  # ValueError: a bad date in --where
        opt.warn(args.command, str(e))
    except KeyboardInterrupt:
        opt.warn(args.command, "interrupted")
        return opt.INTERRUPTED
    return opt.USAGE
