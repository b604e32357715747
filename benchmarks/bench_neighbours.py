"""Neighbours and near-duplicates on the whole SaudiNewsNet, against the fastest
peers, in one process on the same data (issue 23):

1. ``warraq.similar(X, k=10)`` (exact cosine top-10, X itself, the row excluded)
   vs sparse_dot_topn's ``sp_matmul_topn(X, X.T, top_n=11, n_threads=2)`` (the
   self-match dropped), X being warraq's TF-IDF matrix of the corpus (rows
   l2-normalised, so a dot product is the cosine). Checked first: every row has
   the same neighbours with the same scores to 1e-12; where scores tie (within
   1e-12) at the k-th place the two tools may keep different rows of the tie, so
   those rows are compared by score only (counted and printed).
2. ``warraq.near_duplicates(texts)`` end to end (raw texts → pairs, default
   options: 2-word shingles, 128 permutations, 64 bands, Jaccard >= 0.2) vs rensa
   (``RMinHash.from_token_sets`` + ``RMinHashLSH(threshold=0.2, num_perm=128,
   num_bands=64)``, ``insert_many`` + ``query_all``) fed the same shingles: warraq's
   own shingle sets (``MinHasher.block``), each shingle as its 8-byte id, made
   before the clock starts. rensa's candidates are then verified by the exact
   Jaccard of the shingle sets (not timed) and the pairs >= 0.2 compared: both are
   LSH, so a pair near the threshold can be a candidate for one and not the other;
   the pairs >= 0.5 (where a miss has probability < 1e-7 for both) must be equal,
   and the agreement below that is printed.

Each timed call runs REPEAT times (default 3) on a shared machine: the table shows
the best run of each tool and the ratio of the best runs, and the ratio of the
median runs. Peak memory is the process's VmHWM during the run (reset before
each), the corpus and X included.

Run: ``make bench BENCH=neighbours`` (or ``python benchmarks/bench_neighbours.py``).
``RAYON_NUM_THREADS`` and sparse_dot_topn's ``n_threads`` are both 2 unless
``THREADS`` says otherwise.
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

THREADS = int(os.environ.get("THREADS", "2"))
os.environ.setdefault("RAYON_NUM_THREADS", str(THREADS))

import warraq  # noqa: E402  (after RAYON_NUM_THREADS is set)
from warraq._warraq import MinHasher  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet"
K = 10


def rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(name: str, fn: Callable[[], Any], repeat: int) -> tuple[Any, list[float], float]:
    """Runs ``fn`` ``repeat`` times; returns the last output, the times and the
    highest peak RSS."""
    out, times, highest = None, [], 0.0
    for _ in range(repeat):
        out = None
        gc.collect()
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except OSError:
            pass
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:
            pass
        t0 = time.perf_counter()
        out = fn()
        seconds = time.perf_counter() - t0
        peak = rss_mb("VmHWM")
        print(f"  {name:<44} {seconds:8.2f} s   peak RSS {peak:7.0f} MB", flush=True)
        times.append(seconds)
        highest = max(highest, peak)
    return out, times, highest


def row_lists(i: np.ndarray, j: np.ndarray, s: np.ndarray, n: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per row, its neighbours sorted by decreasing score, then increasing j."""
    order = np.lexsort((j, -s, i))
    i, j, s = i[order], j[order], s[order]
    bounds = np.searchsorted(i, np.arange(n + 1))
    return [(j[a:b], s[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]


def check_neighbours(ours: Any, theirs: sp.csr_matrix, n: int) -> int:
    """Asserts the same neighbours and scores (to 1e-12) per row; returns the
    number of rows whose k-th place is a tie the tools broke differently."""
    c = theirs.tocoo()
    keep = c.row != c.col
    ti, tj, ts = c.row[keep].astype(np.int64), c.col[keep].astype(np.int64), c.data[keep]
    want = row_lists(ti, tj, ts, n)
    got = row_lists(ours["i"].to_numpy(), ours["j"].to_numpy(), ours["score"].to_numpy(), n)
    tied = 0
    for r in range(n):
        (gj, gs), (wj, ws) = got[r], want[r]
        wj, ws = wj[:K], ws[:K]  # sparse_dot_topn kept k + 1 (for the self-match)
        assert len(gj) == len(wj), (r, len(gj), len(wj))
        assert np.abs(gs - ws).max(initial=0) < 1e-12, (r, gs, ws)
        if not np.array_equal(gj, wj):
            # only rows whose differing neighbours share a score with the k-th one
            last = ws[-1]
            differ = np.setdiff1d(np.union1d(gj, wj), np.intersect1d(gj, wj))
            scores = dict(zip(gj, gs)) | dict(zip(wj, ws))
            assert all(abs(scores[d] - last) < 1e-12 for d in differ), (r, gj, wj)
            tied += 1
    return tied


def main() -> int:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent")
        return 0
    from sparse_dot_topn import sp_matmul_topn
    import rensa

    texts: list[str] = []
    for f in sorted(CORPUS.glob("*.json")):
        texts.extend(a["content"] for a in json.loads(f.read_text(encoding="utf-8")))
    limit = int(os.environ.get("DOCS", "0"))
    if limit:
        texts = texts[:limit]
    repeat = int(os.environ.get("REPEAT", "3"))
    n = len(texts)
    print(f"SaudiNewsNet: {n} articles; {THREADS} threads for each tool; best of {repeat}; load: {os.getloadavg()}")
    X = warraq.TfidfVectorizer(progress=False).fit_transform(texts)
    print(f"X: {X.shape}, {X.nnz} values")
    rows: list[tuple[str, float, float, float, float, float, float]] = []

    # 1. neighbours
    ours, ours_t, ours_m = measure(f"warraq.similar(X, k={K})", lambda: warraq.similar(X, k=K, progress=False), repeat)
    theirs, their_t, their_m = measure(
        f"sp_matmul_topn(X, X.T, top_n={K + 1}, n_threads={THREADS})",
        lambda: sp_matmul_topn(X, X.T, top_n=K + 1, n_threads=THREADS),
        repeat,
    )
    tied = check_neighbours(ours, theirs, n)
    print(f"  same neighbours and scores to 1e-12 in every row ({tied} rows broke a tie at place {K} differently)")
    rows.append(("similar vs sparse_dot_topn", min(ours_t), min(their_t), *medians(ours_t, their_t), ours_m, their_m))
    del ours, theirs

    # 2. near-duplicates
    indptr, hashes, _ = MinHasher().block(texts)
    ids = hashes.view(np.uint8).reshape(-1, 8)
    shingles = [[bytes(b) for b in ids[a:z]] for a, z in zip(indptr[:-1], indptr[1:])]

    def rensa_candidates() -> list[list[int]]:
        mhs = rensa.RMinHash.from_token_sets(shingles, 128, 0)
        lsh = rensa.RMinHashLSH(threshold=0.2, num_perm=128, num_bands=64)
        lsh.insert_many(mhs)
        return lsh.query_all(mhs)

    ours, ours_t, ours_m = measure("warraq.near_duplicates(texts)", lambda: warraq.near_duplicates(texts, progress=False), repeat)
    cands, their_t, their_m = measure("rensa RMinHash + RMinHashLSH (same shingles)", rensa_candidates, repeat)
    a = np.array([d for d, c in enumerate(cands) for e in c if e > d], dtype=np.int64)
    b = np.array([e for d, c in enumerate(cands) for e in c if e > d], dtype=np.int64)
    score, _ = MinHasher.compare(indptr, hashes, a, indptr, hashes, b)
    theirs_pairs = {(int(x), int(y)): s for x, y, s in zip(a, b, score) if s >= 0.2}
    ours_pairs = {(int(x), int(y)): s for x, y, s in zip(ours["i"], ours["j"], ours["score"])}
    for p, s in ours_pairs.items():
        if p in theirs_pairs:
            assert theirs_pairs[p] == s, (p, s, theirs_pairs[p])
    high = lambda d: {p for p, s in d.items() if s >= 0.5}  # noqa: E731
    assert high(ours_pairs) == high(theirs_pairs), (len(high(ours_pairs)), len(high(theirs_pairs)))
    both = len(ours_pairs.keys() & theirs_pairs.keys())
    print(
        f"  pairs >= 0.2: warraq {len(ours_pairs)}, rensa verified {len(theirs_pairs)}, in both {both}; "
        f"pairs >= 0.5 identical ({len(high(ours_pairs))}); shared scores equal"
    )
    rows.append(("near_duplicates vs rensa", min(ours_t), min(their_t), *medians(ours_t, their_t), ours_m, their_m))

    print()
    print(f"  {'path':<28} {'warraq s':>9} {'peer s':>8} {'ratio':>6} {'median':>7} {'warraq MB':>10} {'peer MB':>8}")
    for name, o, t, _, ratio_median, om, tm in rows:
        print(f"  {name:<28} {o:9.2f} {t:8.2f} {t / o:5.2f}x {ratio_median:6.2f}x {om:10.0f} {tm:8.0f}")
    print(f"  (ratio: peer's best / warraq's best; median: of the median runs; load after: {os.getloadavg()})")
    return 0


def medians(ours: list[float], theirs: list[float]) -> tuple[float, float]:
    return statistics.median(ours), statistics.median(theirs) / statistics.median(ours)


if __name__ == "__main__":
    sys.exit(main())
