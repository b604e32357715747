"""Concordance speed: ``warraq.kwic`` for one word over the whole of SaudiNewsNet
(target: <= 1 s on 2 cores), checked first against a plain-Python concordance of
the same word (regex over a hand-folded copy of each text) for the same matches.

    python benchmarks/run.py concordance
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import warraq

ROOT = Path(__file__).resolve().parent.parent
SAUDI = ROOT.parent / "shared" / "corpora" / "saudinewsnet"

# The fold warraq matches in, written out for the check (one character for one).
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


LETTER = r"[\w\u0621-\u064a]"


def python_kwic(texts: list[str], word: str) -> list[tuple[int, int]]:
    """(text, start) of every standalone match of ال + ``word``, behind و ف and ب ك ل
    (ل + ال written لل)."""
    pattern = re.compile(rf"(?<!{LETTER})[وف]?(?:[بكل]?ال|لل){word}(?!{LETTER})")
    out = []
    for i, t in enumerate(texts):
        # a fold that drops characters shifts offsets: map them back through a table
        kept = [j for j, c in enumerate(t) if not MARKS.match(c)]
        folded = "".join(t[j] for j in kept).translate(FOLD)
        for m in pattern.finditer(folded):
            out.append((i, kept[m.start()]))
    return out


def main() -> int:
    if not SAUDI.exists():
        print(f"skipped: {SAUDI} is absent")
        return 0
    texts: list[str] = []
    for path in sorted(SAUDI.glob("*.json")):
        texts.extend(a.get("content") or "" for a in json.loads(path.read_text(encoding="utf-8")))
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"SaudiNewsNet: {len(texts)} articles, {mb:.1f} MB; warraq threads: {warraq._warraq.current_num_threads()}")
    word = "الرياض"
    got = warraq.kwic(texts, word, progress=False)
    ours = sorted(zip(got["id"], got["start"]))
    theirs = sorted(python_kwic(texts, "رياض"))
    agree = len(set(ours) & set(theirs))
    print(f"parity: warraq {len(ours)} lines, plain-Python regex {len(theirs)}, {agree} at the same place")
    if agree < 0.98 * max(len(ours), len(theirs)):
        print("parity check failed")
        return 1
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        warraq.kwic(texts, word, progress=False)
        best = min(best, time.perf_counter() - t0)
    t0 = time.perf_counter()
    python_kwic(texts, "رياض")
    plain = time.perf_counter() - t0
    print(f"kwic({word!r}) over the corpus: warraq {best:.2f} s (best of 3, target <= 1 s), plain Python {plain:.2f} s: {plain / best:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
