"""``warraq convert`` (a corpus to Parquet, JSON lines or CSV) and ``warraq entities``
(its entity mentions to the same formats).

Both stream: the corpus is read in batches (:func:`warraq.iter_corpus`) and each batch
is written before the next is read, so memory holds one batch, unless
``--recurring`` asks for the corpus-level boilerplate pass, which needs the whole
corpus (:func:`warraq.read_corpus`). Parquet output is written in Rust, by
:func:`warraq.write_parquet` (``convert``) and :func:`warraq.write_entities_parquet`
(``entities``: ``id, path``, then the mention's columns, ``value`` as text and
``number`` beside it).
"""

from __future__ import annotations

import argparse
import inspect
import time
from pathlib import Path
from typing import Any

import warraq
from warraq.cli import _options as opt
from warraq.cli._tables import CsvWriter, JsonLinesWriter

#: Entity labels (``--labels``), as :func:`warraq.entities_frame` names them.
ENTITY_LABELS = ("PERSON", "LOCATION", "ORGANIZATION", "MISC", "DATE", "TIME", "DURATION", "SET", "NUMBER", "MONEY", "PERCENT")


def add_convert(commands: Any) -> None:
    p = commands.add_parser(
        "convert",
        help="write a corpus as Parquet, JSON lines or CSV",
        description=(
            "Read a corpus (as warraq.read_corpus) and write its articles, one row per article, to "
            "OUT.parquet, OUT.jsonl or OUT.csv (chosen by the suffix). JSON lines and CSV are written "
            "batch by batch; dates are ISO 8601, lists are JSON (in CSV, JSON text in the cell)."
        ),
    )
    opt.add_sources(p)
    p.add_argument("-o", "--output", type=Path, required=True, help="OUT.parquet, OUT.jsonl or OUT.csv")
    opt.add_read_options(p)
    p.set_defaults(run=run_convert)


def add_entities(commands: Any) -> None:
    p = commands.add_parser(
        "entities",
        help="write the entity mentions of a corpus as Parquet, JSON lines or CSV",
        description=(
            "Read a corpus and write one row per entity mention (warraq.entities_frame: id, label, text, "
            "normalized, value, start, end, score, begin_value, end_value, anchor). In Parquet and CSV, "
            "value is text (a TIMEX3 value or a number); Parquet adds path (the article's file) and number "
            "(the value of NUMBER, PERCENT, MONEY), and is written in Rust, one row group per chunk of files."
        ),
    )
    opt.add_sources(p)
    p.add_argument("-o", "--output", type=Path, required=True, help="OUT.parquet, OUT.jsonl or OUT.csv")
    p.add_argument(
        "--labels",
        nargs="+",
        metavar="LABEL",
        help=f"keep only these labels ({', '.join(ENTITY_LABELS)}; also comma-separated)",
    )
    p.add_argument("--prefer", choices=["past", "future", "nearest"], default="past", help="dates without a year (default: past)")
    opt.add_read_options(p)
    p.set_defaults(run=run_entities)


def _writer(kind: str, path: Path) -> Any:
    """The writer of JSON lines or CSV (Parquet is written in Rust)."""
    if kind == ".jsonl":
        return JsonLinesWriter(path.open("w", encoding="utf-8", newline="\n"))
    return CsvWriter(path.open("w", encoding="utf-8", newline=""))


def _write_parquet_corpus(args: argparse.Namespace) -> int:
    """``convert`` to Parquet through :func:`warraq.write_parquet` (Rust, streaming)."""
    write_parquet = warraq.write_parquet
    options = opt.read_options(args)
    accepted = inspect.signature(write_parquet).parameters
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in accepted.values())
    extra: dict[str, Any] = {"progress": opt.progress(args)}
    if args.recurring:
        extra["recurring"] = True
    options.update(extra)
    unknown = [k for k in options if not takes_any and k not in accepted]
    for name in unknown:
        if name in extra and name != "recurring":
            del options[name]  # progress: a nicety, not an option the output depends on
        elif options[name] not in (None, False, "auto"):
            raise opt.UsageError(f"write_parquet does not take {name!r} in this warraq")
        else:
            del options[name]
    start = time.perf_counter()
    result = write_parquet(opt.source_arg(args.sources), str(args.output), **options)
    problems = opt.Problems(errors=list(getattr(result, "errors", []) or []))
    rows = getattr(result, "rows", None)
    print(f"wrote {rows} articles to {args.output} in {time.perf_counter() - start:.1f} s")
    return problems.report("convert")


def run_convert(args: argparse.Namespace) -> int:
    """Writes the corpus of ``args.sources`` to ``args.output``; the exit code."""
    kind = opt.output_path(args.output, "convert")
    if kind == ".parquet":
        return _write_parquet_corpus(args)
    start = time.perf_counter()
    problems = opt.Problems()
    writer = _writer(kind, args.output)
    rows = 0
    try:
        for df in opt.corpus_frames(args, problems):
            rows += writer.write(df)
    finally:
        writer.close()
    print(f"wrote {rows} articles to {args.output} in {time.perf_counter() - start:.1f} s")
    return problems.report("convert")


def _labels(values: list[str] | None) -> set[str] | None:
    if not values:
        return None
    labels = {v.strip().upper() for value in values for v in value.split(",") if v.strip()}
    unknown = sorted(labels - set(ENTITY_LABELS))
    if unknown:
        raise opt.UsageError(f"--labels: unknown label(s) {', '.join(unknown)}; expected {', '.join(ENTITY_LABELS)}")
    return labels


def _write_parquet_entities(args: argparse.Namespace, labels: set[str] | None) -> int:
    """``entities`` to Parquet through :func:`warraq.write_entities_parquet` (Rust, streaming)."""
    start = time.perf_counter()
    result = warraq.write_entities_parquet(
        opt.source_arg(args.sources),
        str(args.output),
        labels=sorted(labels) if labels else None,
        prefer=args.prefer,
        progress=opt.progress(args),
        recurring=bool(args.recurring),
        **opt.read_options(args),
    )
    problems = opt.Problems(errors=list(result.errors))
    print(f"wrote {result.rows} entity mentions of {result.files} files to {args.output} in {time.perf_counter() - start:.1f} s")
    return problems.report("entities")


def run_entities(args: argparse.Namespace) -> int:
    """Writes the entity mentions of the corpus to ``args.output``; the exit code."""
    kind = opt.output_path(args.output, "entities")
    labels = _labels(args.labels)
    if kind == ".parquet":
        return _write_parquet_entities(args, labels)
    start = time.perf_counter()
    problems = opt.Problems()
    writer = _writer(kind, args.output)
    rows = articles = 0
    try:
        for df in opt.corpus_frames(args, problems):
            articles += len(df)
            ents = warraq.entities_frame(df, prefer=args.prefer, progress=opt.progress(args))
            if labels is not None:
                ents = ents[ents["label"].isin(labels)]
            if kind == ".csv":
                ents = ents.assign(value=[None if v is None else str(v) for v in ents["value"].tolist()])
            rows += writer.write(ents)
    finally:
        writer.close()
    print(f"wrote {rows} entity mentions of {articles} articles to {args.output} in {time.perf_counter() - start:.1f} s")
    return problems.report("entities")
