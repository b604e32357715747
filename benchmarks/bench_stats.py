"""Corpus statistics speed on SaudiNewsNet: ``warraq.keyness`` of one outlet against
the rest of the corpus (target: <= 2 s on 2 cores) and ``warraq.collocations``
around one word (target: <= 1 s), each from the raw texts (the counting pass
included). The peer is scikit-learn's ``CountVectorizer`` with warraq's own
analyzer and G² in numpy: its statistics are checked equal to warraq's first (on
counts without the clitic merge, which scikit-learn has no counterpart for).

    python benchmarks/run.py stats
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import warraq
from warraq._warraq import TermCounts

ROOT = Path(__file__).resolve().parent.parent
SAUDI = ROOT.parent / "shared" / "corpora" / "saudinewsnet"


def g2(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    c, d = a.sum() - a, b.sum() - b
    n = a + b + c + d
    cells = [a, b, c, d]
    expected = [(a + b) * (a + c) / n, (a + b) * (b + d) / n, (a + c) * (c + d) / n, (b + d) * (c + d) / n]
    with np.errstate(divide="ignore", invalid="ignore"):
        g = 2 * sum(np.where(o > 0, o * np.log(o / e), 0.0) for o, e in zip(cells, expected))
    return np.asarray(g * np.where(a > expected[0], 1.0, -1.0))


def peer_keyness(texts: list[str], target: np.ndarray) -> pd.Series:
    from sklearn.feature_extraction.text import CountVectorizer

    cv = CountVectorizer(analyzer=warraq.analyze)
    X = cv.fit_transform(texts).tocsr()
    a = np.asarray(X[target].sum(axis=0)).ravel().astype(float)
    b = np.asarray(X[~target].sum(axis=0)).ravel().astype(float)
    return pd.Series(g2(a, b), index=cv.get_feature_names_out())


def best_of(n: int, f: object) -> float:
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        f()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    if not SAUDI.exists():
        print(f"skipped: {SAUDI} is absent")
        return 0
    rows: list[dict[str, str]] = []
    for path in sorted(SAUDI.glob("*.json")):
        rows.extend(json.loads(path.read_text(encoding="utf-8")))
    df = pd.DataFrame({"body": [r.get("content") or "" for r in rows], "source": [r["source"] for r in rows]})
    texts = df["body"].tolist()
    mb = sum(len(t.encode()) for t in texts) / 1e6
    outlet = df["source"].value_counts().index[0]
    target = (df["source"] == outlet).to_numpy()
    print(f"SaudiNewsNet: {len(texts)} articles, {mb:.1f} MB, target {outlet!r} ({target.sum()} articles); "
          f"warraq threads: {warraq._warraq.current_num_threads()}")

    # parity: the same statistic as scikit-learn's counts + numpy, without the merge
    t0 = time.perf_counter()
    theirs = peer_keyness(texts, target)
    peer = time.perf_counter() - t0
    counts = TermCounts(texts, numbers=True, merge_clitics=False)
    term, stat, *_ = counts.keyness(target.tolist(), None, "g2", "none")
    ours = pd.Series(stat, index=np.asarray(counts.terms(), dtype=object)[term])
    common = ours.index.intersection(theirs.index)
    close = np.isclose(ours[common], theirs[common], rtol=0, atol=1e-9)
    top = set(ours.index[:100]) == set(theirs.sort_values(ascending=False).index[:100])
    print(f"parity: {len(ours)} terms (warraq) and {len(theirs)} (scikit-learn), {len(common)} shared, "
          f"{close.mean():.1%} with the same G2 to 1e-9; same top 100: {top}")
    if close.mean() < 0.98:
        print("parity check failed")
        return 1

    keyness = best_of(3, lambda: warraq.keyness(df, target))
    print(f"keyness({outlet!r} vs the rest): warraq {keyness:.2f} s (best of 3, target <= 2 s), "
          f"scikit-learn CountVectorizer + numpy {peer:.2f} s: {peer / keyness:.1f}x")
    word = "الرياض"
    found = warraq.collocations(df, around=word)
    colloc = best_of(3, lambda: warraq.collocations(df, around=word))
    print(f"collocations(around={word!r}, window=5): warraq {colloc:.2f} s (best of 3, target <= 1 s); "
          f"{len(found)} collocates, first {found['word'].head(5).tolist()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
