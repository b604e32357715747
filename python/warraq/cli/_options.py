"""What the commands share: the options that read a corpus (those of
:func:`warraq.read_corpus`), the exit codes, error lines on stderr, and the corpus
read as frames (streamed, or whole for the corpus-level boilerplate pass).

Exit codes: :data:`OK` (0), :data:`SKIPPED` (1: the command finished, but some input
files or records were bad and left out, with ``--errors skip``, the default), and
:data:`USAGE` (2: a wrong option, a missing file, or a bad file with ``--errors
raise``). Interrupted with Ctrl-C: :data:`INTERRUPTED` (130, as shells do).

>>> error_line({"path": "a.json", "line": 3, "offset": None, "message": "bad JSON"})
'a.json:3: bad JSON'
>>> error_line({"path": "b.txt", "line": None, "offset": 17, "message": "invalid UTF-8"})
'b.txt: byte 17: invalid UTF-8'
>>> parse_columns(["text=full_text", "published=time"])
{'text': 'full_text', 'published': 'time'}
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import warraq

if TYPE_CHECKING:
    import pandas as pd

OK = 0
SKIPPED = 1
USAGE = 2
INTERRUPTED = 130

#: Suffixes the table-writing commands know, and what they write.
TABLE_SUFFIXES = (".parquet", ".jsonl", ".csv")


class UsageError(Exception):
    """A wrong option or an input that cannot be read: printed, exit code 2."""


def add_sources(parser: argparse.ArgumentParser) -> None:
    """The positional SRC… argument of every command that reads a corpus."""
    parser.add_argument(
        "sources",
        nargs="+",
        metavar="SRC",
        help="folders, files or glob patterns (.txt, .json, .jsonl, .csv, SGML, .html, .warc[.gz])",
    )


def add_read_options(parser: argparse.ArgumentParser, *, whole: bool = True) -> None:
    """The options of :func:`warraq.read_corpus`, and ``--no-progress``."""
    group = parser.add_argument_group("reading the corpus (as warraq.read_corpus)")
    group.add_argument("--format", default="auto", help="auto, txt, json, jsonl, csv, sgml, html or warc (default: auto)")
    group.add_argument("--encoding", default="auto", help="auto, utf-8, utf-16, cp1256 … (default: auto)")
    group.add_argument(
        "--errors",
        choices=["skip", "raise"],
        default="skip",
        help="a bad file: skip it, report it on stderr and exit 1 (skip, default), or stop with exit 2 (raise)",
    )
    group.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="threads (default: all cores)")
    group.add_argument("--text-column", help="the CSV column / JSON key of the text")
    group.add_argument("--id-column", help="the CSV column / JSON key of the id")
    group.add_argument(
        "--columns",
        nargs="+",
        default=[],
        metavar="PART=FIELD",
        help="name the field of a part: text=full_text published=time … (see read_corpus's columns=)",
    )
    group.add_argument("--languages", nargs="+", metavar="LANG", help="WARC archives: only pages in these languages (ar …)")
    group.add_argument("--keep-empty", action="store_true", help="keep records with blank text as rows")
    group.add_argument("--include-non-articles", action="store_true", help="read README/LICENSE/… files found in folders")
    if whole:
        group.add_argument(
            "--recurring",
            action="store_true",
            help="run the corpus-level boilerplate pass (holds the whole corpus in memory; "
            "without it the corpus is streamed in batches)",
        )
    parser.add_argument("--no-progress", action="store_true", help="no progress bars (they show only on a terminal anyway)")


def parse_columns(pairs: list[str]) -> dict[str, str]:
    """``["text=full_text", …]`` → ``{"text": "full_text", …}``; a pair without ``=``
    is a :class:`UsageError`."""
    out: dict[str, str] = {}
    for pair in pairs:
        part, sep, name = pair.partition("=")
        if not sep or not part or not name:
            raise UsageError(f"--columns: expected PART=FIELD (text=full_text), got {pair!r}")
        out[part.strip()] = name.strip()
    return out


def read_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`warraq.read_corpus` the options give."""
    options: dict[str, Any] = {
        "format": args.format,
        "encoding": args.encoding,
        "errors": args.errors,
        "n_jobs": args.jobs,
        "text_column": args.text_column,
        "id_column": args.id_column,
        "include_non_articles": args.include_non_articles,
        "keep_empty": args.keep_empty,
    }
    columns = parse_columns(args.columns)
    if columns:
        options["columns"] = columns
    if args.languages:
        options["languages"] = list(args.languages)
    return options


def progress(args: argparse.Namespace) -> bool:
    """``progress=`` for the API calls: bars on a terminal unless ``--no-progress``."""
    return not args.no_progress


def source_arg(sources: list[str]) -> str | list[str]:
    """One source as itself, several as a list (as read_corpus takes them)."""
    return sources[0] if len(sources) == 1 else list(sources)


def error_line(error: Mapping[str, Any]) -> str:
    """A skipped file's error as one line: ``path:line: message`` or
    ``path: byte N: message``."""
    path = error.get("path") or "?"
    line, offset = error.get("line"), error.get("offset")
    if line is not None:
        return f"{path}:{line}: {error.get('message')}"
    if offset is not None:
        return f"{path}: byte {offset}: {error.get('message')}"
    return f"{path}: {error.get('message')}"


def warn(command: str, message: str) -> None:
    """One line on stderr, prefixed with the command."""
    print(f"warraq {command}: {message}", file=sys.stderr)


@dataclass
class Problems:
    """What was left out while reading: bad files (``df.attrs["warraq_errors"]``) and
    records with blank text, gathered over the batches."""

    errors: list[dict[str, Any]] = field(default_factory=list)
    empty_records: list[dict[str, Any]] = field(default_factory=list)

    def add(self, df: pd.DataFrame) -> None:
        self.errors.extend(df.attrs.get("warraq_errors", []))
        self.empty_records.extend(df.attrs.get("warraq_empty_records", []))

    def report(self, command: str) -> int:
        """Prints each bad file on stderr; the exit code (:data:`SKIPPED` if any)."""
        for error in self.errors:
            warn(command, f"skipped {error_line(error)}")
        if self.empty_records:
            warn(command, f"{len(self.empty_records)} record(s) with blank text left out")
        return SKIPPED if self.errors else OK


def corpus_frames(args: argparse.Namespace, problems: Problems, *, batch_size: int = 2000) -> Iterator[pd.DataFrame]:
    """The corpus of ``args.sources`` as DataFrames: the whole corpus at once with
    ``--recurring`` (read_corpus, with its boilerplate pass), else streamed in batches
    (iter_corpus, one batch in memory). Each frame's skipped files go to ``problems``."""
    options = read_options(args)
    source = source_arg(args.sources)
    if getattr(args, "recurring", False):
        frames: Iterator[pd.DataFrame] = iter([warraq.read_corpus(source, progress=progress(args), **options)])
    else:
        frames = warraq.iter_corpus(source, batch_size=batch_size, progress=progress(args), **options)
    for df in frames:
        problems.add(df)
        yield df


def output_path(path: Path, command: str, suffixes: tuple[str, ...] = TABLE_SUFFIXES) -> str:
    """The output's kind from its suffix (``.parquet``, ``.jsonl``, ``.csv`` …); an
    unknown one is a :class:`UsageError`."""
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        raise UsageError(f"-o {path}: the file must end in {', '.join(suffixes)}")
    if path.parent and not path.parent.exists():
        raise UsageError(f"-o {path}: no folder {path.parent}")
    return suffix
