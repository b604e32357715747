"""Every long call shows a tqdm bar when asked (progress="always"), and none by
default in a non-interactive run (stderr is a pipe here) or with progress=False;
the results do not depend on it. Chunk sizes are made tiny so that the six sample
articles take several chunks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r'''
import sys
import warraq, warraq._progress, warraq.vectors
from warraq.report import corpus_report

warraq._progress.default_chunk_size = lambda n: 2
warraq.vectors.BATCH = 2
warraq.vectors.SIMILAR_CHUNK = 2
mode = sys.argv[1]
kw = {} if mode == "default" else {"progress": {"always": "always", "false": False}[mode]}

df = warraq.read_corpus("examples/sample_corpus", **kw)
ents = warraq.entities_frame(df, **kw)
v = warraq.TfidfVectorizer(**kw)
X = v.fit_transform(df["body"].tolist())
v.fit(df["body"].tolist())
Y = v.transform(df["body"].tolist())
sims = warraq.similar(X, k=2, **kw)
dups = warraq.near_duplicates(df, **kw)
norm = df["body"].ar.normalize(**kw)
toks = df["body"].ar.tokens(**kw)
kws = df["body"].ar.keywords(3, **kw)
page = corpus_report(df, **kw)
print(len(df), len(ents), X.nnz, (X != Y).nnz, sims.round(12).values.tolist(), dups.values.tolist(),
      norm.tolist() == warraq.Normalizer().normalize_batch(df["body"].tolist()), kws.tolist(), page.count("<mark"))
'''

BARS = ["read_corpus", "entities", "fit_transform", "fit:", "transform", "similar", "near_duplicates",
        "ar.normalize", "ar.tokens", "report"]


def run(mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def runs() -> dict[str, subprocess.CompletedProcess[str]]:
    out = {mode: run(mode) for mode in ("always", "default", "false")}
    for mode, done in out.items():
        assert done.returncode == 0, f"{mode}: {done.stderr[-2000:]}"
    return out


def test_always_shows_a_bar_for_every_long_call(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    err = runs["always"].stderr
    missing = [name for name in BARS if name not in err]
    assert not missing, f"no bar for {missing}:\n{err[-3000:]}"
    assert "6/6" in err  # tqdm's counter reached the end


def test_silent_by_default_when_nobody_watches_and_with_false(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    assert runs["default"].stderr == ""
    assert runs["false"].stderr == ""


def test_results_do_not_depend_on_progress(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    assert runs["always"].stdout == runs["default"].stdout == runs["false"].stdout
    assert runs["default"].stdout.startswith("6 ")


def test_chunked_similar_equals_one_call() -> None:
    import numpy as np
    import scipy.sparse as sp

    import warraq
    import warraq.vectors as wv

    rng = np.random.default_rng(0)
    X = sp.random(40, 30, density=0.2, random_state=1, format="csr")
    X.data = np.round(rng.random(X.nnz), 1)  # coarse values: many tied scores
    X = sp.vstack([X, X[:5]], format="csr")  # exact duplicates: ties with the row itself
    for Y in (None, X[:17]):
        whole = warraq.similar(X, Y, k=4, progress=False)
        old = wv.SIMILAR_CHUNK
        try:
            wv.SIMILAR_CHUNK = 7
            chunked = warraq.similar(X, Y, k=4, progress="always")
        finally:
            wv.SIMILAR_CHUNK = old
        assert whole.values.tolist() == chunked.values.tolist()


def test_minhash_in_batches_equals_one_call(sample_texts: list[str]) -> None:
    import warraq
    import warraq.vectors as wv

    texts = sample_texts * 3  # reprints of reprints
    whole = warraq.near_duplicates(texts, progress=False)
    old = wv.BATCH
    try:
        wv.BATCH = 4
        batched = warraq.near_duplicates(texts, progress="always")
    finally:
        wv.BATCH = old
    assert len(whole) > len(sample_texts)
    assert whole.values.tolist() == batched.values.tolist()
