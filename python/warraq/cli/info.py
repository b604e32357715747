"""``warraq info``: what a corpus holds, and what is wrong with it, without keeping it.

The corpus is streamed (:func:`warraq.iter_corpus` with ``errors="skip"``, one batch
in memory) and summed up: files per format and per encoding, articles, words, the
date range, articles per source, the files skipped (with the line or byte offset of
the fault), the records with blank text and the documentation files left out.

Formats and encodings are named from the first 64 KiB of each file, by the order of
rules the reader follows (``docs/guide/corpus.md``): a byte-order mark, then UTF-16
recognised by its zero bytes, then UTF-8 when the bytes are valid UTF-8, else
Windows-1256; gzipped files are looked into. A WARC archive's pages each carry their
charset, so its encoding is shown as ``per page``.

>>> sniff_encoding("سلام".encode("cp1256")), sniff_encoding("سلام".encode("utf-8"))
('windows-1256', 'utf-8')
>>> sniff_encoding(b"\\xef\\xbb\\xbfabc"), sniff_encoding("سلام عليكم".encode("utf-16-le"))
('utf-8 (BOM)', 'utf-16le')
>>> sniff_format("a.txt", b"<DOC>"), sniff_format("a.jsonl.gz", b"{}"), sniff_format("x.warc.gz", b"")
('sgml', 'jsonl', 'warc')
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import json
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

import warraq._warraq as _native
from warraq.cli import _options as opt

HEAD_BYTES = 64 * 1024


def add_info(commands: Any) -> None:
    p = commands.add_parser(
        "info",
        help="what a corpus holds: files, formats, encodings, articles, dates, sources, errors",
        description=(
            "Read a corpus (streamed, bad files skipped) and print its files per format and encoding, "
            "articles, words, date range, articles per source, and every file that could not be read, "
            "with the line or byte offset of the fault. Exit code 1 when some file was bad."
        ),
    )
    opt.add_sources(p)
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    p.add_argument("--top", type=int, default=10, help="sources listed (default: 10)")
    opt.add_read_options(p, whole=False)
    p.set_defaults(run=run_info)


def sniff_encoding(head: bytes) -> str:
    """The encoding the reader would find for a file starting with ``head``."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8 (BOM)"), (codecs.BOM_UTF16_LE, "utf-16le (BOM)"), (codecs.BOM_UTF16_BE, "utf-16be (BOM)")):
        if head.startswith(bom):
            return name
    if b"\0" in head:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) + odd.count(6) >= 0.9 * len(odd) and 0 not in even:
            return "utf-16le"
        if even.count(0) + even.count(6) >= 0.9 * len(even) and 0 not in odd:
            return "utf-16be"
        return "binary"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # a cut character is fine
        return "utf-8"
    except UnicodeDecodeError:
        return "windows-1256"


def sniff_format(path: str, head: bytes) -> str:
    """The format the reader would choose for ``path`` (``--format auto``)."""
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    suffix = Path(name).suffix
    if suffix in (".warc", ".arc"):
        return "warc"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".json", ".jsonl", ".ndjson", ".csv", ".tsv"):
        return {".ndjson": "jsonl", ".tsv": "csv"}.get(suffix, suffix[1:])
    text = head.lstrip().lstrip(codecs.BOM_UTF8).lstrip().lower()
    if text.startswith(b"<doc"):
        return "sgml"
    if text.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "txt"


def _head(path: str) -> bytes:
    """The first bytes of a file, gunzipped when it is gzipped (a bad gzip: b"")."""
    with open(path, "rb") as f:
        head = f.read(HEAD_BYTES)
    if head[:2] == b"\x1f\x8b":
        try:
            with gzip.open(path, "rb") as g:
                return g.read(HEAD_BYTES)
        except (OSError, EOFError, zlib.error):
            return b""
    return head


def summary(args: argparse.Namespace) -> tuple[dict[str, Any], opt.Problems]:
    """The corpus summed up (see the module docs), and what was skipped."""
    options = opt.read_options(args)
    files, skipped = _native.corpus_files(
        [str(s) for s in args.sources], include_non_articles=options["include_non_articles"]
    )
    formats: Counter[str] = Counter()
    encodings: Counter[str] = Counter()
    for path in files:
        try:
            head = _head(path)
        except OSError:
            head = b""
        fmt = sniff_format(path, head) if args.format == "auto" else args.format
        formats[fmt] += 1
        if fmt == "warc":
            encodings["per page"] += 1
        elif args.encoding != "auto":
            encodings[args.encoding] += 1
        else:
            encodings[sniff_encoding(head)] += 1
    problems = opt.Problems()
    articles = words = 0
    sources: Counter[str] = Counter()
    first = last = None
    undated = 0
    archives: list[dict[str, Any]] = []
    for df in opt.corpus_frames(args, problems):
        articles += len(df)
        words += int(df["n_words"].sum())
        sources.update(s if isinstance(s, str) else "(none)" for s in df["source"].tolist())
        dates = df["published"].dropna()
        undated += len(df) - len(dates)
        if len(dates):
            lo, hi = dates.min(), dates.max()
            first = lo if first is None else min(first, lo)
            last = hi if last is None else max(last, hi)
        archives.extend(df.attrs.get("warraq_archives", []))
    info = {
        "files": len(files),
        "formats": _ranked(formats),
        "encodings": _ranked(encodings),
        "articles": articles,
        "words": words,
        "published_from": None if first is None else pd.Timestamp(first).isoformat(),
        "published_to": None if last is None else pd.Timestamp(last).isoformat(),
        "undated": undated,
        "sources": dict(sources.most_common(args.top)),
        "n_sources": len(sources),
        "errors": [{k: e.get(k) for k in ("path", "error", "line", "offset", "message")} for e in problems.errors],
        "empty_records": len(problems.empty_records),
        "skipped_files": list(skipped),
        "archives": archives,
    }
    return info, problems


def _ranked(counter: Counter[str]) -> dict[str, int]:
    """Most common first, ties by name (the same order on every run)."""
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counter.items()) or "-"


def run_info(args: argparse.Namespace) -> int:
    """Prints the summary; exit code 1 when some file could not be read."""
    args.errors = "skip"  # info is for finding them
    info, problems = summary(args)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=1))
    else:
        print(f"files      {info['files']} ({_counts(info['formats'])})")
        print(f"encodings  {_counts(info['encodings'])}")
        print(f"articles   {info['articles']}  ({info['words']} words)")
        span = f"{info['published_from']} .. {info['published_to']}" if info["published_from"] else "-"
        print(f"published  {span}  ({info['undated']} undated)")
        print(f"sources    {info['n_sources']}: {_counts(info['sources'])}")
        for a in info["archives"]:
            print(f"archive    {a.get('path')}: {', '.join(f'{k} {v}' for k, v in a.items() if k != 'path')}")
        if info["skipped_files"]:
            print(f"left out   {len(info['skipped_files'])} documentation file(s): {', '.join(info['skipped_files'])}")
        if info["empty_records"]:
            print(f"blank      {info['empty_records']} record(s) with blank text")
        print(f"errors     {len(info['errors'])}")
        for e in problems.errors:
            print(f"  {opt.error_line(e)}")
    return opt.SKIPPED if problems.errors else opt.OK
