"""Concurrency: threads sharing warraq objects get what serial calls get; Ctrl-C stops
long calls promptly and leaves no half-written output; forked children (multiprocessing,
joblib) work after the parent used the thread pool."""

from __future__ import annotations

import _thread
import multiprocessing
import os
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import warraq

WORDS = (
    "قال الوزير إن المشروع بدأ في العاصمة عمان بعد موافقة الحكومة على خطة النفط والذهب "
    "وأكد الرئيس محمد بن سلمان أن الرياض ودمشق وبيروت ستشارك يوم 3 مايو 2016 بنسبة ٣٫٥٪ "
    "وارتفعت أسعار القمح 12 مليار درهم Paris www.example.com #سوريا 😀"
).split()


def synthetic_article(i: int, n_words: int = 120) -> str:
    """A deterministic article of our own words: a title line, then paragraphs."""
    rng = random.Random(i)
    title = " ".join(rng.choices(WORDS, k=6))
    paragraphs = [" ".join(rng.choices(WORDS, k=n_words // 4)) + "." for _ in range(4)]
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


# -- 8 threads, shared objects -------------------------------------------------------


def _plain(value: Any) -> Any:
    """A comparable form of a result (tokens, entities, frames, matrices)."""
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp

    if isinstance(value, pd.DataFrame):
        return value.astype(object).where(value.notna(), None).to_dict("list")
    if sp.issparse(value):
        return value.toarray().tolist()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, warraq.Token):
        return (value.text, value.start, value.end, value.kind)
    if isinstance(value, warraq.Entity):
        return (value.text, value.label, value.start, value.end, value.normalized, value.value, value.score)
    if isinstance(value, warraq.Document):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return value


@pytest.fixture(scope="module")
def calls() -> dict[str, Callable[[], Any]]:
    texts = [synthetic_article(i) for i in range(40)] + ["﷽ ﻻ \u200f\u0651 @user name@example.com 26 فبراير/شباط الماضي"]
    normalizer = warraq.Normalizer(teh_marbuta=False)
    recognizer = warraq.EntityRecognizer()
    vectorizer = warraq.TfidfVectorizer(ngram_range=(1, 2), progress=False).fit(texts)
    X = vectorizer.transform(texts)
    df = warraq.read_corpus("examples/sample_corpus", progress=False)
    return {
        "normalize": lambda: [warraq.normalize(t) for t in texts],
        "Normalizer.normalize_batch": lambda: normalizer.normalize_batch(texts),
        "Normalizer.tokenize_batch": lambda: normalizer.tokenize_batch(texts, joined=True),
        "Normalizer.tokenize": lambda: [normalizer.tokenize(t) for t in texts[:5]],
        "tokenize": lambda: [warraq.tokenize(t) for t in texts],
        "tokenize_batch": lambda: warraq.tokenize_batch(texts),
        "tokens": lambda: [warraq.tokens(t) for t in texts[:10]],
        "sentences": lambda: [warraq.sentences(t) for t in texts],
        "sentence_spans": lambda: [warraq.sentence_spans(t) for t in texts],
        "parse_document": lambda: [warraq.parse_document(t, id=str(i)) for i, t in enumerate(texts)],
        "extract_entities": lambda: [warraq.extract_entities(t, published="2016-05-03") for t in texts[:10]],
        "EntityRecognizer.extract_batch": lambda: recognizer.extract_batch(texts),
        "EntityRecognizer.extract": lambda: recognizer.extract(texts[0]),
        "analyze": lambda: [warraq.analyze(t) for t in texts[:10]],
        "light_stem": lambda: [warraq.light_stem(w) for w in WORDS],
        "snowball_stem": lambda: [warraq.snowball_stem(w) for w in WORDS],
        "stopwords": warraq.stopwords,
        "TfidfVectorizer.transform": lambda: vectorizer.transform(texts),
        "TfidfVectorizer.keywords": lambda: vectorizer.keywords(X, k=3),
        "TfidfVectorizer.fit_transform": lambda: warraq.TfidfVectorizer(progress=False).fit_transform(texts),
        "similar": lambda: warraq.similar(X, k=3),
        "near_duplicates": lambda: warraq.near_duplicates(texts),
        "explain_near_duplicate": lambda: warraq.explain_near_duplicate(texts[0], texts[0] + " خبر"),
        "read_corpus": lambda: warraq.read_corpus("examples/sample_corpus", progress=False),
        "entities_frame": lambda: warraq.entities_frame(df, progress=False),
    }


def test_eight_threads_on_shared_objects_match_serial_calls(calls: dict[str, Callable[[], Any]]) -> None:
    serial = {name: _plain(call()) for name, call in calls.items()}
    work = [name for name in calls for _ in range(4)]
    random.Random(0).shuffle(work)
    start = threading.Barrier(8)

    def run(names: list[str]) -> list[tuple[str, Any]]:
        start.wait()
        return [(name, _plain(calls[name]())) for name in names]

    with ThreadPoolExecutor(max_workers=8) as pool:
        chunks = [work[i::8] for i in range(8)]
        results = [r for rs in pool.map(run, chunks) for r in rs]
    assert len(results) == len(work)
    for name, result in results:
        assert result == serial[name], name


# -- Ctrl-C --------------------------------------------------------------------------


def _interrupt_during(call: Callable[[], Any], after: float) -> float:
    """Calls ``call`` over and over until a KeyboardInterrupt, sent from a timer thread
    ``after`` seconds in, stops it; returns the seconds from the interrupt to the stop."""
    fired: list[float] = []

    def fire() -> None:
        fired.append(time.monotonic())
        _thread.interrupt_main()

    timer = threading.Timer(after, fire)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                call()
        return time.monotonic() - fired[0]
    finally:
        timer.cancel()


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big_corpus")
    for i in range(4000):
        (folder / f"{i:05d}.txt").write_text(synthetic_article(i, n_words=400), encoding="utf-8")
    return folder


def test_ctrl_c_stops_read_corpus_promptly(big_corpus: Path) -> None:
    start = time.monotonic()
    df = warraq.read_corpus(big_corpus, progress=False)
    whole = time.monotonic() - start
    assert len(df) == 4000
    # Interrupted a quarter of the way in, it stops within one chunk of files.
    delay = _interrupt_during(lambda: warraq.read_corpus(big_corpus, progress=False), whole / 4)
    print(f"read_corpus: {whole:.2f} s whole, stopped {delay:.2f} s after Ctrl-C")
    assert delay < max(1.0, whole / 3)


def test_ctrl_c_stops_fit_promptly_and_save_is_atomic(tmp_path: Path) -> None:
    # 6 batches of 4096 texts: Ctrl-C must stop the fit within about one.
    texts = [synthetic_article(i, n_words=120) for i in range(24_000)]
    vectorizer = warraq.TfidfVectorizer(ngram_range=(1, 2), progress=False)
    start = time.monotonic()
    vectorizer.fit(texts)
    whole = time.monotonic() - start
    # Refitting a fitted vectorizer on the whole corpus, interrupted: it stops within a
    # batch and keeps what it had (the new model is set only when the fit completes).
    refit = warraq.TfidfVectorizer(ngram_range=(1, 2), progress=False).fit(["نص قديم عن السياحة"])
    before = dict(refit.vocabulary_)
    delay = _interrupt_during(lambda: refit.fit(texts), whole / 4)
    print(f"fit: {whole:.2f} s whole, stopped {delay:.2f} s after Ctrl-C")
    assert delay < max(1.0, whole / 3)
    assert refit.vocabulary_ == before
    assert refit.transform(texts[:3]).shape == (3, len(before))
    # Saving goes through a temporary file renamed into place: the target is never
    # half written, and no temporary is left behind.
    path = tmp_path / "vec.json"
    vectorizer.save(str(path))
    first = path.read_bytes()
    small = warraq.TfidfVectorizer(progress=False).fit(texts[:2])
    small.save(str(path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vec.json"]
    assert len(path.read_bytes()) < len(first)
    assert warraq.TfidfVectorizer.load(str(path)).vocabulary_ == small.vocabulary_


# -- fork ----------------------------------------------------------------------------


def _work_in_child(i: int) -> Any:
    texts = [synthetic_article(j) for j in range(200)]
    return (
        warraq.Normalizer().normalize_batch(texts)[i],
        [e.text for e in warraq.EntityRecognizer().extract_batch(texts)[i]],
        warraq.TfidfVectorizer(progress=False).fit_transform(texts).nnz,
        len(warraq.read_corpus("examples/sample_corpus", progress=False)),
    )


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork() on this platform")
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_forked_children_do_not_deadlock_after_the_parent_used_the_pool() -> None:
    expected = [_work_in_child(i) for i in range(4)]  # the parent's thread pool now exists
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        got = pool.map_async(_work_in_child, range(4)).get(timeout=120)
    assert got == expected


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork() on this platform")
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_joblib_workers_after_the_parent_used_the_pool() -> None:
    joblib = pytest.importorskip("joblib")
    expected = [_work_in_child(i) for i in range(2)]
    for backend in ("multiprocessing", "loky"):
        got = joblib.Parallel(n_jobs=2, backend=backend, timeout=120)(joblib.delayed(_work_in_child)(i) for i in range(2))
        assert got == expected, backend
