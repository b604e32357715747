"""Entity extraction speed: tokens/s of ``EntityRecognizer.extract_batch`` on
SaudiNewsNet articles, on one thread (a child process with ``WARRAQ_PARALLELISM=false``
and ``RAYON_NUM_THREADS=1``) and on all threads; model load time (cold, in a fresh
process: the bundled model and its word clusters decoded; and from a file) and memory;
the size of the bundled data files and of the wheel (if ``make wheel`` has built one).

Correctness first: the parallel run must return exactly the single-thread entities.
There is no CPU reference NER for Arabic in this environment to compare against
(camel-tools' NER needs a BERT model and torch), so only absolute figures are given.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import warraq

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet"
N_ARTICLES = int(os.environ.get("BENCH_ENTITIES_ARTICLES", "3000"))


def articles() -> list[str]:
    out: list[str] = []
    for path in sorted(CORPUS.glob("*.json")):
        for rec in json.loads(path.read_text(encoding="utf-8")):
            if isinstance(rec.get("content"), str) and rec["content"].strip():
                out.append(rec["content"])
            if len(out) >= N_ARTICLES:
                return out
    return out


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def run_batch(texts: list[str]) -> tuple[float, list[list[tuple[str, str, int, int]]]]:
    ner = warraq.EntityRecognizer()
    ner.extract_batch(texts[:50])  # warm-up (bundled model decoded once)
    best = float("inf")
    out: list[list[warraq.Entity]] = []
    for _ in range(2):
        t0 = time.perf_counter()
        out = ner.extract_batch(texts)
        best = min(best, time.perf_counter() - t0)
    return best, [[(e.label, e.text, e.start, e.end) for e in ents] for ents in out]


def child() -> None:
    texts = articles()
    secs, ents = run_batch(texts)
    json.dump({"secs": secs, "ents": ents}, sys.stdout)


def child_load() -> None:
    # A fresh process: the first EntityRecognizer() decodes the bundled model and
    # the word clusters it was trained with (nothing is decoded at import).
    before = rss_kib()
    t0 = time.perf_counter()
    ner = warraq.EntityRecognizer()
    secs = time.perf_counter() - t0
    ner.extract("زار الوزير دمشق")
    json.dump({"secs": secs, "rss_kib": rss_kib() - before}, sys.stdout)


def cold_load() -> tuple[float, int]:
    best, rss = float("inf"), 0
    for _ in range(3):
        res = subprocess.run([sys.executable, __file__, "--child-load"], capture_output=True, text=True, check=True)
        out = json.loads(res.stdout)
        if out["secs"] < best:
            best, rss = out["secs"], out["rss_kib"]
    return best, rss


def sizes() -> None:
    data = ROOT / "crates" / "warraq" / "data"
    files = [data / "ner-model.bin", data / "ner-clusters.bin"]
    total = sum(f.stat().st_size for f in files)
    parts = ", ".join(f"{f.name} {f.stat().st_size / 1e6:.2f} MB" for f in files)
    print(f"bundled entity data: {parts}; together {total / 1e6:.2f} MB (target <= 30 MB)")
    wheels = sorted((ROOT / "dist").glob("warraq-*.whl"), key=lambda w: w.stat().st_mtime)
    if wheels:
        print(f"wheel: {wheels[-1].name}, {wheels[-1].stat().st_size / 1e6:.2f} MB (compressed)")
    else:
        print("wheel: none in dist/ (`make wheel` builds one)")


def main() -> None:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent")
        return
    texts = articles()
    n_tokens = sum(len(t) for t in warraq.tokenize_batch(texts))
    print(f"{len(texts)} SaudiNewsNet articles, {n_tokens:,} tokens (warraq.tokenize)")

    env = dict(os.environ, WARRAQ_PARALLELISM="false", RAYON_NUM_THREADS="1")
    res = subprocess.run([sys.executable, __file__, "--child"], env=env, capture_output=True, text=True, check=True)
    single = json.loads(res.stdout)
    secs_all, ents_all = run_batch(texts)
    assert [[tuple(e) for e in d] for d in single["ents"]] == ents_all, "sanity check: 1 thread != all threads"
    n_ents = sum(len(d) for d in ents_all)
    threads = os.cpu_count() or 1
    print(f"entities found: {n_ents:,} (identical on 1 thread and on all threads)")
    print(f"extract_batch, 1 thread : {single['secs']:.2f} s, {n_tokens / single['secs']:>10,.0f} tokens/s")
    print(f"extract_batch, {threads} threads: {secs_all:.2f} s, {n_tokens / secs_all:>10,.0f} tokens/s")

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "ner.bin"
        warraq.EntityRecognizer().save(path)
        before = rss_kib()
        t0 = time.perf_counter()
        loaded = warraq.EntityRecognizer(path)
        load = time.perf_counter() - t0
        after = rss_kib()
        assert loaded.extract(texts[0]) == warraq.EntityRecognizer().extract(texts[0])
        size = path.stat().st_size
    print(f"model file: {size / 1e6:.2f} MB; load from file: {load * 1000:.0f} ms; RSS +{(after - before) / 1024:.1f} MiB")
    cold, cold_rss = cold_load()
    print(f"cold load (fresh process, model + clusters): {cold * 1000:.0f} ms (best of 3; target <= 100 ms); RSS +{cold_rss / 1024:.1f} MiB")
    print(f"extract_batch per core: {n_tokens / single['secs']:,.0f} tokens/s (target >= 100,000)")
    sizes()


if __name__ == "__main__":
    if "--child-load" in sys.argv:
        child_load()
    elif "--child" in sys.argv:
        child()
    else:
        main()
