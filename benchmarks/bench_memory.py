"""Memory: streaming a generated corpus of up to 1,000,000 articles keeps resident
memory bounded (`make bench BENCH=memory`).

Writes synthetic Arabic articles of our own words (JSON lines, 1,000 per file) into a
temporary folder, then streams them through `warraq::corpus::iter_corpus` (the Rust
example `stream_corpus`, one file held at a time) and reports the child's peak RSS
(`ru_maxrss` from wait4) against the corpus size. For contrast, the smaller sizes are
also read whole with `read_corpus` (the Rust example `read_corpus`), whose peak grows
with the corpus, and streamed from Python with `warraq.iter_corpus` (DataFrames of 1,000
documents, each dropped before the next) in a child interpreter. The documents streamed
are checked against the number written first.

WARRAQ_BENCH_ARTICLES=10000,100000,1000000 sets the sizes.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PER_FILE = 1000
WORDS = (
    "قال الوزير إن المشروع بدأ في العاصمة عمان بعد موافقة الحكومة على خطة النفط والذهب "
    "وأكد الرئيس أن الرياض ودمشق وبيروت والقاهرة ستشارك في المؤتمر الاقتصادي يوم الثلاثاء "
    "وارتفعت أسعار القمح والسكر بنسبة ١٢٪ خلال الربع الأول من العام الجاري وفق بيانات رسمية"
).split()


def write_corpus(folder: Path, n_articles: int, start: int = 0) -> int:
    """Appends articles start..n_articles as JSONL files; returns bytes written."""
    rng = random.Random(start)
    written = 0
    for f in range(start // PER_FILE, (n_articles + PER_FILE - 1) // PER_FILE):
        lines = []
        for i in range(f * PER_FILE, min(n_articles, (f + 1) * PER_FILE)):
            title = " ".join(rng.choices(WORDS, k=6))
            body = "\n\n".join(" ".join(rng.choices(WORDS, k=18)) + "." for _ in range(3))
            lines.append(json.dumps({"id": f"a{i}", "title": title, "date": "2016-05-03", "text": body}, ensure_ascii=False))
        data = ("\n".join(lines) + "\n").encode("utf-8")
        (folder / f"part-{f:05d}.jsonl").write_bytes(data)
        written += len(data)
    return written


def build(example: str) -> Path:
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "warraq", "--example", example], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "examples" / example


# The Python streaming form, run in its own process so that its peak RSS is its own.
PY_STREAM = (
    "import sys, warraq\n"
    "n = 0\n"
    "for df in warraq.iter_corpus(sys.argv[1], batch_size=1000, progress=False):\n"
    "    n += len(df)\n"
    "print(n)\n"
)


def run(binary: Path | list[str], folder: Path) -> tuple[dict[str, float], float, float]:
    """Runs the binary (or command); returns its JSON line (or {}), peak RSS in MiB, wall seconds."""
    start = time.perf_counter()
    command = [str(binary)] if isinstance(binary, Path) else binary
    proc = subprocess.Popen([*command, str(folder)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0, out
    first = out.splitlines()[0] if out else "{}"
    stats = json.loads(first) if first.startswith("{") else {"docs": float(first.split()[0])}
    return stats, usage.ru_maxrss / 1024, time.perf_counter() - start


def main() -> None:
    sizes = [int(s) for s in os.environ.get("WARRAQ_BENCH_ARTICLES", "10000,100000,1000000").split(",")]
    stream, whole = build("stream_corpus"), build("read_corpus")
    folder = Path(tempfile.mkdtemp(prefix="warraq_bench_memory_"))
    try:
        print("| articles | corpus MB | streamed docs | s | peak RSS MiB (stream) | peak RSS MiB (read whole) "
              "| Python iter_corpus: s | peak RSS MiB |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        total, have = 0, 0
        for n in sorted(sizes):
            total += write_corpus(folder, n, start=have)
            have = n
            stats, rss, secs = run(stream, folder)
            assert stats["docs"] == n and stats.get("errors", 0) == 0, stats
            whole_rss = f"{run(whole, folder)[1]:.0f}" if n <= 100_000 else "not run"
            py_stats, py_rss, py_secs = run([sys.executable, "-c", PY_STREAM], folder)
            assert py_stats["docs"] == n, py_stats
            print(
                f"| {n:,} | {total / 1e6:.0f} | {int(stats['docs']):,} | {secs:.1f} | {rss:.0f} | {whole_rss} "
                f"| {py_secs:.1f} | {py_rss:.0f} |",
                flush=True,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
