"""TF-IDF on SaudiNewsNet: scikit-learn's default TfidfVectorizer vs warraq's full
Arabic analyzer vs warraq's whitespace analyzer, in one process; then `similar`
(k=10) and `near_duplicates` on the whole corpus.

Parity is checked first: on the same tokens (warraq's analyzer output joined by
spaces, split on spaces by both), matrices, vocabularies and idf must agree to 1e-12.

Each fit_transform runs REPEAT times (default 3; the machine is shared, so the best
of several runs is the least disturbed one; the ratio of the median runs is shown
too) on fresh ``str`` objects, so that no run benefits from the UTF-8 copy CPython
caches on a string that was converted before.
warraq runs on all threads and, in the same process, on one thread (``n_jobs=1``).

Peak memory is the process's peak resident set during each run: the kernel's
high-water mark (VmHWM) is reset before each run by writing 5 to
/proc/self/clear_refs, so each figure covers that run only (with the corpus, which
every run holds, included); the table gives the highest of the runs.

Run: ``make bench BENCH=vectors`` (or ``python benchmarks/bench_vectors.py``).
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
from sklearn.feature_extraction.text import TfidfVectorizer as SkTfidf

import warraq

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet"


def rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def release_free_memory() -> None:
    """Return freed heap pages to the OS, so that the next run's peak starts from
    what is really live (glibc keeps freed memory mapped otherwise)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass


MEDIANS: dict[str, float] = {}


def measure(name: str, fn: Callable[[], Any], repeat: int = 1, fresh: Callable[[], None] | None = None) -> tuple[Any, float, float]:
    """Runs ``fn`` ``repeat`` times (calling ``fresh`` before each run); returns the
    last output, the best time and the highest peak RSS (the median time goes to
    ``MEDIANS[name]``)."""
    best, highest, out = float("inf"), 0.0, None
    times = []
    for _ in range(repeat):
        out = None
        if fresh is not None:
            fresh()
        release_free_memory()
        reset_peak()
        start = rss_mb("VmRSS")
        t0 = time.perf_counter()
        out = fn()
        seconds = time.perf_counter() - t0
        peak = rss_mb("VmHWM")
        print(f"  {name:<34} {seconds:8.2f} s   peak RSS {peak:7.0f} MB (started at {start:.0f} MB)", flush=True)
        best, highest = min(best, seconds), max(highest, peak)
        times.append(seconds)
    MEDIANS[name] = statistics.median(times)
    return out, best, highest


def same(a: sp.csr_matrix, b: sp.csr_matrix) -> None:
    a, b = sp.csr_matrix(a), sp.csr_matrix(b)
    a.sort_indices()
    b.sort_indices()
    assert a.shape == b.shape, (a.shape, b.shape)
    assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
    assert np.abs(a.data - b.data).max(initial=0) < 1e-12


def main() -> int:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent")
        return 0
    texts: list[str] = []
    for f in sorted(CORPUS.glob("*.json")):
        texts.extend(a["content"] for a in json.loads(f.read_text(encoding="utf-8")))
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    threads = os.environ.get("RAYON_NUM_THREADS") or str(os.cpu_count())
    print(f"SaudiNewsNet: {len(texts)} articles, {mb:.1f} MB of UTF-8 text; warraq threads: {threads}")
    print(f"  baseline RSS (corpus loaded)       {rss_mb('VmRSS'):7.0f} MB")

    # 1. parity on identical tokens
    joined = [" ".join(warraq.analyze(t)) for t in texts]
    ours = warraq.TfidfVectorizer(analyzer="whitespace", progress=False)
    theirs = SkTfidf(analyzer=str.split)
    same(ours.fit_transform(joined), theirs.fit_transform(joined))
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    assert np.abs(ours.idf_ - theirs.idf_).max() < 1e-12
    full = warraq.TfidfVectorizer(progress=False).fit(texts)
    assert full.vocabulary_ == ours.vocabulary_
    print(f"parity: ok (same tokens → same matrix, vocabulary of {len(ours.vocabulary_)} terms, idf_ to 1e-12)")
    del joined, ours, theirs, full

    # 2. fit_transform on the raw corpus
    repeat = int(os.environ.get("REPEAT", "3"))

    # A new estimator for every run, as for scikit-learn: a fitted one holds its
    # vocabulary, which would otherwise count in the next run's memory.
    fitted: dict[str, Any] = {}

    def fresh() -> None:
        # New str objects with the same text (and no cached UTF-8), in place; no
        # estimator left from the run before.
        texts[:] = [t.encode("utf-8").decode("utf-8") for t in texts]
        fitted.clear()

    print(f"fit_transform on the whole corpus (best of {repeat}):")
    sk_x, sk_s, sk_peak = measure(
        "scikit-learn TfidfVectorizer()", lambda: SkTfidf().fit_transform(texts), repeat, fresh
    )
    sk_terms = sk_x.shape[1]
    del sk_x

    def fit_transform(name: str, **params: Any) -> Any:
        fitted[name] = warraq.TfidfVectorizer(progress=False, **params)
        return fitted[name].fit_transform(texts)

    one_x, one_s, one_peak = measure(
        "warraq (Arabic), n_jobs=1", lambda: fit_transform("one", n_jobs=1), repeat, fresh
    )
    one_terms = one_x.shape[1]
    del one_x
    wq_x, wq_s, wq_peak = measure("warraq TfidfVectorizer() (Arabic)", lambda: fit_transform("all"), repeat, fresh)
    ws_x, ws_s, ws_peak = measure(
        "warraq analyzer='whitespace'",
        lambda: fit_transform("ws", analyzer="whitespace", stopwords=None, normalize=False),
        repeat,
        fresh,
    )
    ws_terms = ws_x.shape[1]
    del ws_x
    print()
    sk_median = MEDIANS["scikit-learn TfidfVectorizer()"]
    print(f"  {'':<40} {'seconds':>8} {'MB/s':>7} {'× sklearn':>9} {'median ×':>9} {'peak MB':>8} {'terms':>8}")
    for name, key, s, peak, terms in (
        ("scikit-learn (defaults)", "scikit-learn TfidfVectorizer()", sk_s, sk_peak, sk_terms),
        (f"warraq (full Arabic analyzer, {threads} thr.)", "warraq TfidfVectorizer() (Arabic)", wq_s, wq_peak, wq_x.shape[1]),
        ("warraq (full Arabic analyzer, 1 thr.)", "warraq (Arabic), n_jobs=1", one_s, one_peak, one_terms),
        ("warraq (whitespace analyzer)", "warraq analyzer='whitespace'", ws_s, ws_peak, ws_terms),
    ):
        median_ratio = sk_median / MEDIANS[key]
        print(f"  {name:<40} {s:8.2f} {mb / s:7.1f} {sk_s / s:9.1f} {median_ratio:9.1f} {peak:8.0f} {terms:8d}")
    print("  (seconds, MB/s and × sklearn: best runs; median ×: ratio of the median runs)")

    # 3. neighbours and near-duplicates
    print()
    nb, nb_s, nb_peak = measure("similar(X, k=10), whole corpus", lambda: warraq.similar(wq_x, k=10))
    print(f"    {len(nb)} pairs, mean top-1 score {nb.groupby('i')['score'].max().mean():.3f}")
    nd, nd_s, nd_peak = measure("near_duplicates(texts) (minhash)", lambda: warraq.near_duplicates(texts))
    print(f"    {len(nd)} pairs with Jaccard >= 0.2, {int((nd['score'] >= 0.8).sum())} with >= 0.8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
