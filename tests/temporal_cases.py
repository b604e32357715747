"""The temporal test corpus (``crates/warraq/tests/data/temporal/*.tsv``) read and
scored from Python, through :func:`warraq.extract_entities`: the same cases, matching
and figures as the core's scorer (``warraq::dates::eval``), so that the binding's path
(code-point offsets, ``published``, the TIMEX3 fields of ``Entity``) is measured too.

Used by ``tests/test_temporal.py`` and ``benchmarks/bench_temporal.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import warraq

DATA = Path(__file__).resolve().parent.parent / "crates" / "warraq" / "tests" / "data" / "temporal"
DEV = DATA / "cases.tsv"
HELD_OUT = DATA / "cases_heldout.tsv"
TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    value: str
    anchor: str
    begin: str | None = None
    end_value: str | None = None


@dataclass(frozen=True)
class Case:
    id: str
    reference: str | None
    sentence: str
    expected: tuple[Span, ...]


def _span(raw: str, sentence: str) -> Span:
    parts = raw.split("|")
    text, kind, value, anchor = parts[:4]
    begin, end_value = (parts[4], parts[5]) if len(parts) == 6 else (None, None)
    occurrence = 1
    if "#" in text:
        text, n = text.rsplit("#", 1)
        occurrence = int(n)
    at = -len(text)
    for _ in range(occurrence):
        at = sentence.find(text, at + len(text))
        if at < 0:
            raise ValueError(f"{text!r} (occurrence {occurrence}) is not in {sentence!r}")
    return Span(at, at + len(text), kind, value, anchor, begin, end_value)


def read_cases(path: Path) -> list[Case]:
    cases = []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    for line in lines[1:]:  # the header row
        cols = line.split("\t")
        cols += [""] * (4 - len(cols))
        case_id, reference, sentence, spans = cols[:4]
        expected = tuple(_span(s, sentence) for s in spans.split(" || ") if s)
        cases.append(Case(case_id, reference or None, sentence, expected))
    return cases


def predict(case: Case) -> list[Span]:
    """The temporal entities :func:`warraq.extract_entities` finds in a case."""
    return [
        Span(e.start, e.end, e.label, str(e.value), str(e.anchor), e.begin_value, e.end_value)
        for e in warraq.extract_entities(case.sentence, published=case.reference)
        if e.label in TYPES
    ]


@dataclass
class Prf:
    correct: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0


@dataclass
class Scores:
    strict: dict[str, Prf] = field(default_factory=lambda: {t: Prf() for t in (*TYPES, "all")})
    overlap: dict[str, Prf] = field(default_factory=lambda: {t: Prf() for t in (*TYPES, "all")})
    # [expected, found, exact] of the values: every case, and the cases with a reference
    values_all: list[int] = field(default_factory=lambda: [0, 0, 0])
    values_with_reference: list[int] = field(default_factory=lambda: [0, 0, 0])

    def table(self) -> str:
        rows = [f"{'type':<9}{'gold':>6}{'pred':>6} | {'P':>6}{'R':>7} | {'P~':>6}{'R~':>7}"]
        for t in (*TYPES, "all"):
            s, o = self.strict[t], self.overlap[t]
            rows.append(
                f"{t:<9}{s.gold:>6}{s.predicted:>6} | {100 * s.precision:>6.1f}{100 * s.recall:>7.1f}"
                f" | {100 * o.precision:>6.1f}{100 * o.recall:>7.1f}"
            )
        for name, (n, found, exact) in (("with a reference", self.values_with_reference), ("all", self.values_all)):
            share = 100 * exact / n if n else 0.0
            rows.append(f"values, {name}: {n} expected, {found} found, {exact} exact ({share:.1f}%)")
        return "\n".join(rows)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _match(prf: Prf, expected: Iterable[Span], predicted: list[Span], same: Callable[[Span, Span], bool]) -> None:
    expected = list(expected)
    prf.gold += len(expected)
    prf.predicted += len(predicted)
    used = [False] * len(predicted)
    for e in expected:
        for i, p in enumerate(predicted):
            if not used[i] and same(e, p):
                used[i] = True
                prf.correct += 1
                break


def score(cases: Iterable[Case], predict: Callable[[Case], list[Span]] = predict) -> Scores:
    s = Scores()

    def exact(a: Span, b: Span) -> bool:
        return (a.start, a.end) == (b.start, b.end)

    for case in cases:
        found = predict(case)
        for t in (*TYPES, "all"):
            gold = [e for e in case.expected if t in ("all", e.kind)]
            pred = [p for p in found if t in ("all", p.kind)]
            _match(s.strict[t], gold, pred, exact)
            _match(s.overlap[t], gold, pred, _overlaps)
        for e in case.expected:
            hits = [p for p in found if _overlaps(e, p)]
            best = max(hits, key=lambda p: min(p.end, e.end) - max(p.start, e.start), default=None)
            same = best is not None and (best.value, best.begin, best.end_value) == (e.value, e.begin, e.end_value)
            for v in [s.values_all] + ([s.values_with_reference] if case.reference else []):
                v[0] += 1
                v[1] += best is not None
                v[2] += same
    return s
