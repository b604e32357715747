"""Temporal expressions: precision and recall per TIMEX3 type (DATE, TIME, DURATION,
SET; strict and overlapping spans) and value accuracy, through ``extract_entities``, on
the dev corpus (``cases.tsv``, which the recogniser was written against) and on the
held-out corpus (``cases_heldout.tsv``, never used to tune it); then the temporal
pass's share of ``EntityRecognizer.extract_batch``'s time on SaudiNewsNet articles
(the core's ``temporal_eval --speed``, one thread, best of three).

Correctness first: the Python figures must equal the core scorer's (the same cases
through ``find_timexes``), which ``tests/test_temporal.py`` checks on the dev corpus.

    python benchmarks/bench_temporal.py            # or: make bench BENCH=temporal
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from temporal_cases import DEV, HELD_OUT, read_cases, score  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet"
N_ARTICLES = os.environ.get("BENCH_TEMPORAL_ARTICLES", "1000")


def main() -> None:
    for name, path in (("dev (cases.tsv)", DEV), ("held-out (cases_heldout.tsv)", HELD_OUT)):
        cases = read_cases(path)
        print(f"\n{name}: {len(cases)} cases, P/R strict then ~ overlapping")
        print(score(cases).table())
    if not CORPUS.is_dir():
        print(f"\nspeed: skipped ({CORPUS} not found)")
        return
    print(f"\nspeed, first {N_ARTICLES} SaudiNewsNet articles, one thread:", flush=True)
    env = dict(os.environ, WARRAQ_PARALLELISM="false", RAYON_NUM_THREADS="1")
    cmd = ["cargo", "run", "-q", "--release", "-p", "warraq", "--example", "temporal_eval", "--"]
    subprocess.run([*cmd, "--speed", str(CORPUS), "--limit", N_ARTICLES], check=True, cwd=ROOT, env=env)


if __name__ == "__main__":
    main()
