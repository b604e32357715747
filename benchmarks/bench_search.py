"""Ranked search, quality and speed: warraq.SearchIndex against bm25s (PyPI) on
SaudiNewsNet, in one run.

Quality (known-item search): every article's title is a query, and the article
itself must rank first: MRR@10 and recall@10 over all articles, for warraq (its
default: title and body as one field plus the title's own field, ``title_boost=1``),
for warraq with one field (``title_boost=0``: exactly what bm25s sees), for bm25s
with its default tokenizer, and for bm25s fed warraq's own terms. bm25s indexes
each article's title and body as one text.

Parity first: bm25s fed warraq's terms, with warraq's k1 and b and
``method="lucene"`` (idf = ln(1 + (N - df + 0.5) / (df + 0.5)), tf part
tf / (tf + k1 (1 - b + b len / avg_len)), no (k1 + 1) factor: the formula warraq's
scorer computes), must give warraq's top-10 scores to 1e-6 (relative; warraq's
scores are f32): the one-field index against one bm25s model of title+body terms,
the default index against that model plus ``title_boost`` times a second bm25s
model of the title terms alone (the same sum warraq computes).

Speed: building the index on 2 cores (warraq, tantivy writer on 2 threads)
against bm25s's tokenize + index on the same texts (target >= 5x), and queries
per second for 1-3-word queries, top 10, single thread (target >= bm25s).

    python benchmarks/run.py search            # all articles
    WARRAQ_BENCH_SEARCH_N=3000 python benchmarks/run.py search   # a quick look
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import warraq

ROOT = Path(__file__).resolve().parent.parent
SAUDI = ROOT.parent / "shared" / "corpora" / "saudinewsnet"
K1, B = 1.2, 0.75
# the query syntax's characters, blanked out of titles used as plain queries
SYNTAX = re.compile(r"[\"«»“”()+\-]|\b(?:AND|OR|NOT)\b")


def load() -> tuple[list[str], list[str]]:
    titles: list[str] = []
    bodies: list[str] = []
    for path in sorted(SAUDI.glob("*.json")):
        for a in json.loads(path.read_text(encoding="utf-8")):
            titles.append(a.get("title") or "")
            bodies.append(a.get("content") or "")
    n = int(os.environ.get("WARRAQ_BENCH_SEARCH_N", "0") or 0)
    if n:
        titles, bodies = titles[:n], bodies[:n]
    return titles, bodies


def known_item(results: list[list[int]]) -> tuple[float, float]:
    """MRR@10 and recall@10 when query i looks for document i."""
    rr, found = 0.0, 0
    for i, docs in enumerate(results):
        if i in docs[:10]:
            rr += 1.0 / (docs.index(i) + 1)
            found += 1
    n = max(1, len(results))
    return rr / n, found / n


def main() -> int:
    try:
        import bm25s
    except ImportError:
        print("skipped: bm25s is not installed (pip install -r requirements-dev.txt)")
        return 0
    if not SAUDI.exists():
        print(f"skipped: {SAUDI} is absent")
        return 0
    import pandas as pd

    titles, bodies = load()
    n = len(titles)
    texts = [f"{t}\n{b}" for t, b in zip(titles, bodies)]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"SaudiNewsNet: {n} articles, {mb:.1f} MB; warraq threads: {warraq._warraq.current_num_threads()}, bm25s {bm25s.__version__}")
    df = pd.DataFrame({"id": [str(i) for i in range(n)], "title": titles, "body": bodies})
    tmp = Path(tempfile.mkdtemp(prefix="warraq-bench-search-"))
    try:
        # --- indexing speed -------------------------------------------------------
        t0 = time.perf_counter()
        index = warraq.SearchIndex.create(tmp / "ix", df, k1=K1, b=B, threads=2, progress=False)
        t_warraq = time.perf_counter() - t0
        t0 = time.perf_counter()
        default_tokens = bm25s.tokenize(texts, show_progress=False)
        bm_default = bm25s.BM25(k1=K1, b=B, method="lucene")
        bm_default.index(default_tokens, show_progress=False)
        t_bm25s = time.perf_counter() - t0
        t0 = time.perf_counter()
        flat = warraq.SearchIndex.create(tmp / "flat", df, k1=K1, b=B, title_boost=0, threads=2, progress=False)
        t_flat = time.perf_counter() - t0
        print(
            f"index: warraq {t_warraq:.2f} s (2 threads; {t_flat:.2f} s with one field), bm25s tokenize+index "
            f"{t_bm25s:.2f} s: {t_bm25s / t_warraq:.1f}x ({t_bm25s / t_flat:.1f}x) (target >= 5x)"
        )

        # --- bm25s fed warraq's terms, and the parity check -------------------------
        title_terms, body_terms = index._native.terms(titles), index._native.terms(bodies)
        ours_tokens = [t + b for t, b in zip(title_terms, body_terms)]
        bm_ours = bm25s.BM25(k1=K1, b=B, method="lucene", dtype="float64")
        bm_ours.index(ours_tokens, show_progress=False)
        # the title's own field (a document without a title has length 0 in both)
        bm_title = bm25s.BM25(k1=K1, b=B, method="lucene", dtype="float64")
        bm_title.index(title_terms, show_progress=False)
        queries = [SYNTAX.sub(" ", t) for t in titles]
        query_terms = index._native.terms(queries, expand=False)
        vocab, title_vocab = bm_ours.vocab_dict, bm_title.vocab_dict
        rng = random.Random(0)
        sample = rng.sample(range(n), min(n, 2000))

        def title_scores(terms: list[str]) -> np.ndarray:
            known = [t for t in terms if t in title_vocab]
            return bm_title.get_scores(known) if known else np.zeros(n)

        for name, ix, boost in (("one field", flat, 0.0), ("title_boost=1", index, 1.0)):
            worst, checked = 0.0, 0
            for i in sample:
                terms = [t for t in query_terms[i] if t in vocab]
                if not terms:
                    continue
                ours = ix._native.search(queries[i], 10)[1]
                full = bm_ours.get_scores(terms) + (boost * title_scores(terms) if boost else 0.0)
                theirs = [s for s in np.sort(full)[::-1][: len(ours)] if s > 0]
                if len(theirs) != len(ours):
                    print(f"parity ({name}): query {i}: warraq {len(ours)} hits, bm25s {len(theirs)}")
                    return 1
                for a, b in zip(ours, theirs):
                    worst = max(worst, abs(a - b) / max(abs(b), 1e-9))
                checked += 1
            print(
                f"parity ({name}): {checked} title queries, top-10 scores of warraq vs bm25s fed warraq's terms: "
                f"max relative difference {worst:.2e} (limit 1e-6)"
            )
            if worst > 1e-6:
                print("parity check failed")
                return 1

        # --- quality: known-item search ------------------------------------------------
        t0 = time.perf_counter()
        warraq_hits = [[int(d) for d in index._native.search(q, 10, snippets=False)[0]] for q in queries]
        t_q_warraq = time.perf_counter() - t0
        flat_hits = [[int(d) for d in flat._native.search(q, 10, snippets=False)[0]] for q in queries]
        default_q = bm25s.tokenize(queries, show_progress=False)
        docs_default, _ = bm_default.retrieve(default_q, k=10, show_progress=False)
        ours_q = [[t for t in q if t in vocab] or [next(iter(vocab))] for q in query_terms]
        docs_ours, _ = bm_ours.retrieve(ours_q, k=10, show_progress=False)
        rows = [
            ("warraq (title_boost=1)", known_item(warraq_hits)),
            ("warraq, one field", known_item(flat_hits)),
            ("bm25s, default tokenizer", known_item([list(map(int, d)) for d in docs_default])),
            ("bm25s, warraq's terms", known_item([list(map(int, d)) for d in docs_ours])),
        ]
        print(f"known-item search, {n} titles as queries (BM25 lucene, k1={K1}, b={B}):")
        for name, (mrr, recall) in rows:
            print(f"  {name:28s} MRR@10 {mrr:.4f}  recall@10 {recall:.4f}")
        print(f"  ({n} title queries through warraq in {t_q_warraq:.1f} s)")

        # --- query speed: 1-3-word queries, top 10, single thread ----------------------
        words = [q.split() for q in queries if len(q.split()) >= 3]
        short = []
        for _ in range(2000):
            w = rng.choice(words)
            k = rng.randint(1, 3)
            at = rng.randrange(0, len(w) - k + 1)
            short.append(" ".join(w[at : at + k]))
        t0 = time.perf_counter()
        for q in short:
            index._native.search(q, 10, snippets=False)
        qps_native = len(short) / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        for q in short:
            index._native.search(q, 10)
        qps_snippets = len(short) / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        for q in short[:500]:
            index.search(q, 10)
        qps_frame = 500 / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        for q in short:
            bm_default.retrieve(bm25s.tokenize([q], show_progress=False), k=10, show_progress=False, n_threads=1)
        qps_bm25s = len(short) / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        bm_default.retrieve(bm25s.tokenize(short, show_progress=False), k=10, show_progress=False, n_threads=1)
        qps_bm25s_batch = len(short) / (time.perf_counter() - t0)
        print(
            f"queries, 1-3 words, top 10, 1 thread: warraq {qps_native:.0f}/s ranking alone, {qps_snippets:.0f}/s "
            f"with snippets, {qps_frame:.0f}/s as DataFrames; bm25s {qps_bm25s:.0f}/s one by one, "
            f"{qps_bm25s_batch:.0f}/s in one batch: {qps_native / qps_bm25s:.1f}x / "
            f"{qps_native / qps_bm25s_batch:.1f}x (target >= 1x)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
