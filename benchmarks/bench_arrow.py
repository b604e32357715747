"""Corpora as Arrow: read_corpus's pandas and polars backends against the object-dtype
path they replace and a plain loader, and write_parquet, in bounded memory.

For SaudiNewsNet (18 JSON arrays) and ANT (10,161 SGML files), in the same run:

- ``plain``: json / open + regex (the loader of bench_corpus.py), then ``pd.DataFrame``;
- ``object``: the previous path, still in the extension: ``CorpusReader.read_files`` +
  ``finish`` (one Python object per value) and the object-dtype frame it was made into;
- ``pandas``: ``warraq.read_corpus`` (Arrow from Rust, pandas 3 ``str`` columns);
- ``polars``: ``warraq.read_corpus(..., backend="polars")``.

All four must agree on the number of documents and the titles (and the three warraq
paths on every body) before anything is timed. Printed: wall time (best of
``REPEAT``, default 3), CPU seconds / wall (2.0 = both cores busy), peak memory (a
fresh child's VmHWM minus that of a child that only imports) and the frame's own
memory (``memory_usage(deep=True)``, polars' ``estimated_size``), both against the
corpus bytes.

Then ``entities_frame`` of ANT through Arrow (pandas and arrow backends) against the
object path it replaces (``EntityRecognizer.extract_batch`` → one ``Entity`` object per
mention → a frame of Python tuples), after checking they hold the same mentions; then
``write_parquet`` of SaudiNewsNet (time, peak, file size), and a generated corpus
of ``WARRAQ_BENCH_ARTICLES`` articles (default 1,000,000; written as
bench_memory.py writes it, 1,000 per JSON-lines file) streamed to Parquet in a child
process, whose peak memory is reported (target: under 300 MB).

    python benchmarks/bench_arrow.py            # or: make bench BENCH=arrow
    BENCH_ARROW_SECTIONS=read,entities,parquet  # the sections to run (default: all three)
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
REPEAT = int(os.environ.get("REPEAT", "3"))
SHARED = ROOT.parent / "shared" / "corpora"
ARTICLES = int(os.environ.get("WARRAQ_BENCH_ARTICLES", "1000000"))
LOADERS = ("plain", "object", "pandas", "polars")


def corpus_files(corpus: str) -> list[Path]:
    if corpus == "saudinewsnet":
        return sorted((SHARED / "saudinewsnet").glob("*.json"))
    return sorted((SHARED / "antcorpus").glob("*/*.txt"))


def object_frame(files: list[Path]) -> Any:
    """The object-dtype path that read_corpus took before Arrow: the native reader's
    Python lists, made into a frame as warraq._frames.corpus_frame did."""
    import numpy as np
    import pandas as pd

    import warraq
    from warraq import _warraq

    reader = _warraq.CorpusReader()
    reader.read_files([str(f) for f in files])
    columns, errors, report = reader.finish()
    data: dict[str, Any] = {name: pd.Series(columns[name], dtype=object) for name in warraq.COLUMNS}
    data["published"] = np.asarray(columns["published"], dtype=np.int64).view("datetime64[ns]")
    data["n_words"] = np.asarray(columns["n_words"], dtype=np.int64)
    data["published_utc_offset"] = pd.array(columns["published_utc_offset"], dtype="Int32")
    data["modified"] = pd.to_datetime(pd.Series(columns["modified"], dtype=object), format="ISO8601").astype(
        "datetime64[ns]"
    )
    data["fetched"] = pd.to_datetime(pd.Series(columns["fetched"], dtype=object)).astype("datetime64[ns]")
    df = pd.DataFrame(data, columns=list(warraq.COLUMNS))
    df.attrs["warraq_errors"] = errors
    df.attrs.update(report)
    return df


def load(loader: str, corpus: str, files: list[Path]) -> Any:
    if loader == "plain":
        import pandas as pd
        from bench_corpus import python_ant, python_saudinewsnet

        rows = python_saudinewsnet(files) if corpus == "saudinewsnet" else python_ant(files)
        return pd.DataFrame(rows)
    if loader == "object":
        return object_frame(files)
    import warraq

    return warraq.read_corpus(files, progress=False, backend=loader)


def frame_bytes(frame: Any) -> int:
    if hasattr(frame, "estimated_size"):
        return int(frame.estimated_size())
    return int(frame.memory_usage(deep=True).sum())


def column(frame: Any, name: str) -> list[Any]:
    values = frame[name].to_list()
    # Missing titles: None in object columns and polars, NaN in pandas' str dtype.
    return [None if v is None or v != v else v for v in values]


def vm_hwm_kib() -> int:
    status = Path("/proc/self/status")
    if status.exists():
        return next(int(l.split()[1]) for l in status.read_text().splitlines() if l.startswith("VmHWM:"))
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(command: list[str]) -> None:
    """Runs one load (or write) in this fresh process and prints its peak memory."""
    import warraq  # imports pandas and pyarrow (imports are not part of the load)

    what = command[0]
    if what == "load":
        import polars  # noqa: F401

        loader, corpus = command[1], command[2]
        files = corpus_files(corpus)
        if loader != "none":
            load(loader, corpus, files)
    elif what == "parquet":
        import pyarrow  # noqa: F401  (the baseline: warraq and pyarrow imported)

        if len(command) > 1:
            source, out, recurring = command[1], command[2], command[3] == "1"
            warraq.write_parquet(source, out, progress=False, recurring=recurring)
    print(json.dumps({"maxrss_kib": vm_hwm_kib()}))


def child_peak_mib(command: list[str], baseline: bool = True) -> float:
    """Peak RSS (MiB) of a child running ``command``, less that of a child that only
    imports what it imports (``baseline``), else the whole child's."""
    def run(args: list[str]) -> float:
        out = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--child", *args],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return float(json.loads(out.strip().splitlines()[-1])["maxrss_kib"]) / 1024

    peak = run(command)
    if not baseline:
        return peak
    return peak - run(["load", "none", "antcorpus"] if command[0] == "load" else ["parquet"])


def timed(fn: Any) -> tuple[float, float, Any]:
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    result = fn()
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return wall, cpu / wall, result


def read_figures() -> None:
    header = (
        f"{'corpus':<13}{'loader':<8}{'docs':>7}{'MB':>7}{'s':>7}{'CPU':>6}"
        f"{'peak MiB':>10}{'peak/size':>10}{'frame MiB':>10}{'frame/size':>11}"
    )
    for corpus in ("saudinewsnet", "antcorpus"):
        files = corpus_files(corpus)
        size = sum(f.stat().st_size for f in files)
        runs: dict[str, list[tuple[float, float, Any]]] = {name: [] for name in LOADERS}
        for _ in range(REPEAT):
            for loader in LOADERS:
                wall, cpu, frame = timed(lambda: load(loader, corpus, files))
                runs[loader].append((wall, cpu, (len(frame), frame_bytes(frame))))
                if len(runs[loader]) == 1:
                    checked = column(frame, "title")
                    if loader == "plain":
                        reference = checked
                    else:
                        assert checked == reference, f"{corpus}: {loader} titles differ from the plain loader's"
                    if loader == "object":
                        bodies = column(frame, "body")
                    elif loader != "plain":
                        assert column(frame, "body") == bodies, f"{corpus}: {loader} bodies differ"
                del frame
        n = runs["pandas"][0][2][0]
        print(f"\n{corpus}: the four loaders agree on {n} documents and their titles (warraq's on every body)")
        print(header)
        best = {name: min(r, key=lambda run: run[0]) for name, r in runs.items()}
        for loader in LOADERS:
            wall, cpu, (_, nbytes) = best[loader]
            peak = child_peak_mib(["load", loader, corpus])
            print(
                f"{corpus:<13}{loader:<8}{n:>7}{size / 1e6:>7.1f}{wall:>7.2f}{cpu:>6.2f}"
                f"{peak:>10.0f}{peak * 2**20 / size:>10.2f}{nbytes / 2**20:>10.0f}{nbytes / size:>11.2f}"
                f"  {load_average()}"
            )
        for loader in ("pandas", "polars"):
            print(
                f"{loader}: {best['object'][0] / best[loader][0]:.1f}x the object path, "
                f"{best['plain'][0] / best[loader][0]:.1f}x the plain loader (best of {REPEAT})"
            )


def load_average() -> str:
    """The 1-minute load average (other jobs on the machine), for each figure."""
    return f"load {os.getloadavg()[0]:.1f}"


def object_entities(df: Any) -> Any:
    """The entity frame as ``entities_frame`` built it before Arrow: ``extract_batch``
    (one ``Entity`` per mention), then rows of Python values."""
    import pandas as pd

    import warraq

    ner = warraq.EntityRecognizer()
    texts = [t if isinstance(t, str) else "" for t in df["body"].tolist()]
    dates = df["published"].tolist()
    found = ner.extract_batch(texts, published=dates)
    rows = [
        (i, e.label, e.text, e.normalized, e.value, e.start, e.end, e.score, e.begin_value, e.end_value, e.anchor)
        for i, ents in zip(df["id"].tolist(), found)
        for e in ents
    ]
    frame = pd.DataFrame(rows, columns=warraq.entities.COLUMNS)
    for at, col in ((4, "value"), (8, "begin_value"), (9, "end_value"), (10, "anchor")):
        frame[col] = pd.Series([r[at] for r in rows], dtype=object, index=frame.index)
    return frame


def entity_figures() -> None:
    import warraq

    df = warraq.read_corpus(corpus_files("antcorpus"), progress=False)
    size = int(df["body"].str.len().sum())
    paths = {
        "object": lambda: object_entities(df),
        "pandas": lambda: warraq.entities_frame(df, progress=False),
        "arrow": lambda: warraq.entities_frame(df, progress=False, backend="arrow"),
    }
    best: dict[str, tuple[float, float, int]] = {}
    for _ in range(REPEAT):
        for name, fn in paths.items():
            wall, cpu, frame = timed(fn)
            if name not in best:
                got = frame.to_pandas() if name == "arrow" else frame
                key = list(zip(got["id"], got["label"], got["start"], got["end"], got["text"]))
                if name == "object":
                    reference = key
                else:
                    assert key == reference, f"entities: {name} mentions differ from the object path's"
            nbytes = int(frame.nbytes) if name == "arrow" else frame_bytes(frame)
            if name not in best or wall < best[name][0]:
                best[name] = (wall, cpu, nbytes)
            del frame
    print(f"\nentities_frame on ANT ({len(df)} articles, {size:,} characters): {len(reference):,} mentions, the same in all three; {load_average()}")
    for name, (wall, cpu, nbytes) in best.items():
        print(f"entities {name:<7}{wall:>7.2f} s  CPU {cpu:.2f}  frame {nbytes / 2**20:.1f} MiB")
    for name in ("pandas", "arrow"):
        print(f"entities {name}: {best['object'][0] / best[name][0]:.2f}x the object path (best of {REPEAT})")


def parquet_figures() -> None:
    import pyarrow.parquet as pq

    import warraq

    folder = SHARED / "saudinewsnet"
    size = sum(f.stat().st_size for f in corpus_files("saudinewsnet"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "saudinewsnet.parquet"
        for recurring in (True, False):
            wall, cpu, summary = timed(lambda: warraq.write_parquet(folder, out, progress=False, recurring=recurring))
            want = warraq.read_corpus(folder, progress=False, recurring=recurring)
            back = warraq.read_corpus(out)
            assert back["body"].equals(want["body"]) and back["title"].equals(want["title"]), "round trip differs"
            peak = child_peak_mib(["parquet", str(folder), str(Path(tmp) / "child.parquet"), "1" if recurring else "0"])
            print(
                f"write_parquet saudinewsnet recurring={recurring}: {summary.rows} rows, "
                f"{pq.ParquetFile(out).num_row_groups} row groups, {wall:.2f} s, CPU {cpu:.2f}, "
                f"peak {peak:.0f} MiB ({peak * 2**20 / size:.2f}x the corpus), file {summary.bytes / 1e6:.1f} MB "
                f"(corpus {size / 1e6:.1f} MB); read back equal; {load_average()}"
            )


def generated_figures() -> None:
    from bench_memory import write_corpus

    tmp = Path(tempfile.mkdtemp(prefix="warraq_bench_arrow_"))
    try:
        t0 = time.perf_counter()
        written = write_corpus(tmp, ARTICLES)
        print(f"\ngenerated {ARTICLES:,} articles ({written / 1e6:.0f} MB) in {time.perf_counter() - t0:.0f} s")
        out = tmp.parent / f"{tmp.name}.parquet"
        for recurring in (False, True):
            t0 = time.perf_counter()
            peak = child_peak_mib(["parquet", str(tmp), str(out), "1" if recurring else "0"], baseline=False)
            wall = time.perf_counter() - t0
            base = child_peak_mib(["parquet"], baseline=False)
            import pyarrow.parquet as pq

            meta = pq.ParquetFile(out).metadata
            assert meta.num_rows == ARTICLES, f"{meta.num_rows} rows written, {ARTICLES} expected"
            print(
                f"write_parquet generated recurring={recurring}: {meta.num_rows:,} rows, {meta.num_row_groups} row groups, "
                f"{wall:.0f} s, process peak {peak:.0f} MiB (whole child; {base:.0f} MiB of it the interpreter "
                f"with warraq, pandas and pyarrow imported), "
                f"file {out.stat().st_size / 1e6:.0f} MB; {load_average()}"
            )
            out.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent")
        return 0
    import warraq

    warraq.read_corpus(ROOT / "examples" / "sample_corpus", progress=False)  # warm up
    print(f"{os.cpu_count()} CPUs")
    sections = os.environ.get("BENCH_ARROW_SECTIONS", "read,entities,parquet").split(",")
    if "read" in sections:
        read_figures()
    if "entities" in sections:
        entity_figures()
    print()
    if "parquet" in sections:
        parquet_figures()
    if ARTICLES:
        generated_figures()
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        child(sys.argv[2:])
    else:
        sys.exit(main())
