"""Normalise + tokenise throughput: warraq against camel-tools, pyarabic, arabic-norm,
arabic-normalize and a bare UTF-8 copy, in one process on ~20 MB of SaudiNewsNet.

Run with ``make bench BENCH=text``. Outputs are first checked to agree where the
options match; then each tool runs over the same texts (best of ``REPEAT`` runs) and
the script prints MB/s (UTF-8 bytes of input per second) and ratios. warraq's
single-threaded batch figure comes from a subprocess with ``RAYON_NUM_THREADS=1``
(the thread pool is sized once per process); its per-text loop runs in this process
and is single-threaded by construction.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet"
TARGET_BYTES = int(float(os.environ.get("BENCH_TEXT_MB", "20")) * 1e6)
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))

import warraq  # noqa: E402

OPTION_NAMES = list(warraq.Normalizer().options)


def only(*names: str) -> warraq.Normalizer:
    return warraq.Normalizer(**{n: n in names for n in OPTION_NAMES})


def load_texts() -> list[str]:
    texts: list[str] = []
    size = 0
    for path in sorted(CORPUS.glob("*.json")):
        for article in json.loads(path.read_text(encoding="utf-8")):
            texts.append(article["content"])
            size += len(article["content"].encode("utf-8"))
            if size >= TARGET_BYTES:
                return texts
    return texts


def fresh(texts: list[str]) -> list[str]:
    """New str objects with the same text. CPython caches a str's UTF-8 form once
    something asks for it (encode, or a Rust extension borrowing it), which would
    make every later tool, and the bare copy, skip the encoding: each timed run gets
    strings that have never been encoded."""
    return [t.encode("utf-8").decode("utf-8") for t in texts]


def best_of(fn: Callable[[list[str]], Any], texts: list[str], repeat: int = REPEAT) -> float:
    best = float("inf")
    for _ in range(repeat):
        batch = fresh(texts)
        start = time.perf_counter()
        fn(batch)
        best = min(best, time.perf_counter() - start)
    return best


# Marks our `diacritics` removes beyond camel's dediac_ar (see tests/test_parity_camel.py).
CAMEL_EXTRA = frozenset(
    chr(c)
    for c in [*range(0x0610, 0x061B), *range(0x0653, 0x0660), *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E5),
              0x06E7, 0x06E8, *range(0x06EA, 0x06EE), *range(0x08D3, 0x08E2), *range(0x08E3, 0x0900)]
)


def check(name: str, texts: list[str], ours: Callable[[str], str], theirs: Callable[[str], str],
          differs: frozenset[str] = frozenset()) -> None:
    """Asserts equal output on every text free of the characters where the two
    deliberately differ; prints how many texts were compared."""
    compared = [t for t in texts if differs.isdisjoint(unicodedata.normalize("NFKC", t))]
    bad = [t for t in compared if ours(t) != theirs(t)]
    print(f"  agree: {name:<58} {len(compared) - len(bad):>6}/{len(compared)} texts identical"
          f" ({len(texts) - len(compared)} excluded)")
    if bad:
        raise SystemExit(f"{name}: outputs differ, e.g. {ours(bad[0])[:80]!r} vs {theirs(bad[0])[:80]!r}")


def single_thread_child() -> None:
    texts = load_texts()
    n = warraq.Normalizer()
    n.tokenize_batch(texts[:50], joined=True)
    print(json.dumps({"seconds": best_of(lambda b: n.tokenize_batch(b, joined=True), texts)}))


def main() -> None:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent (the shared data is not beside this checkout)")
        return
    texts = load_texts()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} SaudiNewsNet articles, {mb:.1f} MB of UTF-8; best of {REPEAT} runs; "
          f"{os.cpu_count()} CPUs, rayon threads {os.environ.get('RAYON_NUM_THREADS', 'all')}")

    tools: dict[str, Callable[[list[str]], Any]] = {}
    notes: dict[str, str] = {}

    def bare(batch: list[str]) -> None:
        for t in batch:
            bytearray(t.encode("utf-8"))

    tools["bare: encode to UTF-8 + copy"] = bare
    n = warraq.Normalizer()
    tools["warraq Normalizer().tokenize_batch(joined=True), all threads"] = lambda b: n.tokenize_batch(b, joined=True)
    tools["warraq Normalizer().tokenize(t) per text, 1 thread"] = lambda b: [n.tokenize(t) for t in b]
    tools["warraq normalize_batch only, all threads"] = lambda b: n.normalize_batch(b)
    notes["warraq"] = "all 12 options: NFKC, diacritics+Quranic marks, tatweel, alef, yeh, teh marbuta, digits, punctuation, Persian, controls, whitespace; URLs/e-mails/numbers kept whole"

    print("checking outputs where the options match:")
    try:
        from camel_tools.tokenizers.word import simple_word_tokenize
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import normalize_unicode

        camel_opts = only("unicode", "diacritics")
        check("warraq(unicode, diacritics) == camel dediac_ar(normalize_unicode)", texts,
              camel_opts.normalize, lambda t: dediac_ar(normalize_unicode(t)), CAMEL_EXTRA)
        tools["camel-tools normalize_unicode + dediac_ar + simple_word_tokenize"] = lambda b: [
            simple_word_tokenize(dediac_ar(normalize_unicode(t))) for t in b
        ]
    except ImportError:
        print("  camel-tools not installed: skipped")
    try:
        import pyarabic.araby as araby

        pyarabic_differs = frozenset(chr(c) for c in [*range(0x0653, 0x0660), 0x0670]) | CAMEL_EXTRA
        check("warraq(diacritics, tatweel) == pyarabic strip_tatweel(strip_tashkeel)", texts,
              only("diacritics", "tatweel").normalize, lambda t: araby.strip_tatweel(araby.strip_tashkeel(t)),
              pyarabic_differs)
        tools["pyarabic strip_tashkeel + strip_tatweel + normalize_hamza + tokenize"] = lambda b: [
            araby.tokenize(araby.normalize_hamza(araby.strip_tatweel(araby.strip_tashkeel(t)))) for t in b
        ]
    except ImportError:
        print("  pyarabic not installed: skipped")
    try:
        import arabic_norm

        check("warraq(diacritics, tatweel, alef, alef_maqsura) == arabic_norm.normalize", texts,
              only("diacritics", "tatweel", "alef", "alef_maqsura").normalize, arabic_norm.normalize,
              frozenset("\u0653\u0654\u0655") | CAMEL_EXTRA)
        tools["arabic-norm tokenize_batch_joined (normalise + tokenise), all threads"] = lambda b: (
            arabic_norm.tokenize_batch_joined(b)
        )
        tools["arabic-norm normalize + tokenize per text"] = lambda b: [
            arabic_norm.tokenize(arabic_norm.normalize(t)) for t in b
        ]
    except ImportError:
        print("  arabic-norm not installed: skipped")
    try:
        import arabic_normalize

        an = arabic_normalize.Normalizer()
        an_differs = frozenset(chr(c) for c in [*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F, 0x0670]) | CAMEL_EXTRA
        check("warraq(diacritics, tatweel, alef, controls) == arabic_normalize.Normalizer()", texts,
              only("diacritics", "tatweel", "alef", "controls").normalize, an.normalize, an_differs)
        tools["arabic-normalize Normalizer().normalize per text (normalise only)"] = lambda b: [
            an.normalize(t) for t in b
        ]
    except ImportError:
        print("  arabic-normalize not installed: skipped")

    results: dict[str, float] = {}
    for name, fn in tools.items():
        slow = "camel" in name or "pyarabic" in name
        if not slow:
            fn(texts[:50])  # warm-up (thread pool, tables)
        results[name] = mb / best_of(fn, texts, 1 if slow else REPEAT)
    child = subprocess.run(
        [sys.executable, __file__, "--single-thread-child"],
        env={**os.environ, "RAYON_NUM_THREADS": "1"}, capture_output=True, text=True, check=True,
    )
    results["warraq Normalizer().tokenize_batch(joined=True), RAYON_NUM_THREADS=1"] = (
        mb / json.loads(child.stdout)["seconds"]
    )

    bare_mbs = results["bare: encode to UTF-8 + copy"]
    camel_mbs = next((v for k, v in results.items() if k.startswith("camel")), None)
    print(f"\n{'tool':<78} {'MB/s':>8} {'× camel':>8} {'bare/x':>7}")
    for name, mbs in sorted(results.items(), key=lambda kv: -kv[1]):
        vs_camel = f"{mbs / camel_mbs:8.1f}" if camel_mbs else "       -"
        print(f"{name:<78} {mbs:8.1f} {vs_camel} {bare_mbs / mbs:7.1f}")
    print(f"\nwarraq does: {notes['warraq']}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--single-thread-child"]:
        single_thread_child()
    else:
        main()
