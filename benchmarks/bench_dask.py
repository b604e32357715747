"""The pipeline (read → entities → TF-IDF → near-duplicates) on the ANT corpus in
this process and on a Dask ``LocalCluster`` of 1 and 2 worker processes (1 thread
each): seconds per stage, the speed-up of 2 workers over 1, and the overhead of the
cluster against the in-process run.

Correctness first: every cluster run must give exactly the in-process documents,
entities, vocabulary, idf, matrix and near-duplicate pairs.

``BENCH_DASK_FILES=N`` limits the corpus to its first N files;
``BENCH_DASK_FILES_PER_PARTITION`` sets the partition size (default 500).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd
import scipy.sparse as sp

import warraq

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "antcorpus"
LIMIT = int(os.environ.get("BENCH_DASK_FILES", "0"))
PER_PARTITION = int(os.environ.get("BENCH_DASK_FILES_PER_PARTITION", "500"))


def files() -> list[str]:
    listed = warraq._warraq.list_corpus_files([str(CORPUS)])
    articles = [f for f in listed if Path(f).parent != CORPUS]
    return articles[:LIMIT] if LIMIT else articles


def in_process(paths: list[str]) -> tuple[dict[str, float], dict[str, Any]]:
    t: dict[str, float] = {}
    t0 = time.perf_counter()
    df = warraq.read_corpus(paths, progress=False)
    t["read"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    ents = warraq.entities_frame(df, progress=False)
    t["entities"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    v = warraq.TfidfVectorizer(progress=False)
    X = v.fit_transform(df["body"])
    t["tfidf"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    pairs = warraq.near_duplicates(df)
    t["near_duplicates"] = time.perf_counter() - t0
    return t, {"df": df, "ents": ents, "v": v, "X": X, "pairs": pairs}


def on_cluster(paths: list[str], n_workers: int) -> tuple[dict[str, float], dict[str, Any]]:
    import distributed

    import warraq.dask as wd

    t: dict[str, float] = {}
    t0 = time.perf_counter()
    cluster = distributed.LocalCluster(
        n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    )
    client = distributed.Client(cluster)
    wd.register(client)
    client.run(lambda: warraq._warraq.current_num_threads())  # workers up and warraq imported
    t["startup"] = time.perf_counter() - t0
    try:
        t0 = time.perf_counter()
        ddf = wd.read_corpus(paths, files_per_partition=PER_PARTITION).persist()
        distributed.wait(ddf)
        t["read"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        ents = wd.entities(ddf).compute()
        t["entities"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        v = wd.fit_tfidf(ddf, warraq.TfidfVectorizer(progress=False))
        X = sp.vstack(wd.transform(ddf, v), format="csr")
        t["tfidf"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        pairs = wd.near_duplicates(ddf)
        t["near_duplicates"] = time.perf_counter() - t0
        df = ddf.compute()
    finally:
        client.close()
        cluster.close()
    return t, {"df": df, "ents": ents, "v": v, "X": X, "pairs": pairs}


def check(got: dict[str, Any], want: dict[str, Any]) -> None:
    pd.testing.assert_frame_equal(got["df"].reset_index(drop=True), want["df"])
    pd.testing.assert_frame_equal(got["ents"].reset_index(drop=True), want["ents"])
    assert got["v"].vocabulary_ == want["v"].vocabulary_, "vocabulary differs"
    assert (got["v"].idf_ == want["v"].idf_).all(), "idf differs"
    assert got["X"].shape == want["X"].shape and (got["X"] != want["X"]).nnz == 0, "matrix differs"
    pd.testing.assert_frame_equal(got["pairs"], want["pairs"])


def in_process_one_thread() -> dict[str, float]:
    """The in-process run in a child with one rayon thread (the same CPU as one
    worker × 1 thread)."""
    env = {**os.environ, "RAYON_NUM_THREADS": "1"}
    out = subprocess.run(
        [sys.executable, __file__, "--child"], env=env, capture_output=True, text=True, check=True
    )
    timings: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return timings


def main() -> None:
    if "--child" in sys.argv:
        print(json.dumps(in_process(files())[0]))
        return
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent")
        return
    paths = files()
    size = sum(os.path.getsize(p) for p in paths) / 1e6
    print(f"ANT corpus: {len(paths)} files, {size:.1f} MB, {PER_PARTITION} files per partition, "
          f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    base, want = in_process(paths)
    print(f"{len(want['df'])} documents, {len(want['ents'])} entities, "
          f"{len(want['v'].vocabulary_)} terms, {len(want['pairs'])} near-duplicate pairs")
    runs = {"in-process (rayon, all cores)": base, "in-process, 1 thread": in_process_one_thread()}
    for n in (1, 2):
        t, got = on_cluster(paths, n)
        check(got, want)
        runs[f"LocalCluster, {n} worker{'s' if n > 1 else ''} × 1 thread"] = t
    print("outputs equal: documents, entities, vocabulary, idf, matrix, pairs\n")
    stages = ["read", "entities", "tfidf", "near_duplicates"]
    header = "| run | startup s | " + " | ".join(f"{s} s" for s in stages) + " | pipeline s | × in-process |"
    print(header)
    print("|---" * (len(stages) + 4) + "|")
    base_total = sum(base[s] for s in stages)
    for name, t in runs.items():
        total = sum(t[s] for s in stages)
        cells = " | ".join(f"{t[s]:.2f}" for s in stages)
        startup = f"{t['startup']:.2f}" if "startup" in t else "-"
        print(f"| {name} | {startup} | {cells} | {total:.2f} | {base_total / total:.2f} |")
    one = sum(runs["LocalCluster, 1 worker × 1 thread"][s] for s in stages)
    two = sum(runs["LocalCluster, 2 workers × 1 thread"][s] for s in stages)
    single = sum(runs["in-process, 1 thread"][s] for s in stages)
    print(f"\nspeed-up 2 workers / 1 worker: {one / two:.2f}×; overhead of 1 worker × 1 thread "
          f"against in-process on 1 thread: {one - single:+.2f} s ({one / single:.2f}×); "
          f"2 workers against in-process on all cores: {base_total / two:.2f}×")


if __name__ == "__main__":
    main()
