"""The five HTML pages of ``../shared/raw_pages/html_fixtures`` with their gold
(read in place, never copied), and the body scores that ``tests/test_web.py`` and
``benchmarks/bench_web.py`` share.

Gold per page (see that folder's ``SOURCE.txt``): the body of newspaper4k (CNN),
fundus (LBC, also its title and date) and magic-html (Youm7, whose first line is
the title when it is 40 characters or longer); trafilatura's
``with``/``without`` snippets (Assabah, also its title). A gold line equal to the
title is left out of the gold body (the title is checked on its own).

Scores: a kept paragraph is *right* when its text, with every whitespace removed,
occurs in the gold body with every whitespace removed (so that gold that breaks
lines at links, as magic-html does, compares with paragraphs that do not);
precision is the share of the kept characters in right paragraphs, recall the
share of the gold characters in gold lines found in the kept text, F1 their
harmonic mean. Recall counts only gold lines with an Arabic letter: magic-html's gold
for both Youm7 pages keeps the controls of a video player («Play», «Mute», «00:13»,
«Share this video»), which no article has (precision still compares with every line).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

ARABIC = re.compile("[\u0600-\u06ff]")
FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "raw_pages" / "html_fixtures"


@dataclass
class Gold:
    name: str
    html: Path
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO local time as written
    utc_offset: int | None = None  # minutes east of UTC
    body: list[str] = field(default_factory=list)
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)


def squash(text: str) -> str:
    """Text with every whitespace removed."""
    return re.sub(r"\s+", "", text)


def collapse(text: str) -> str:
    """Runs of whitespace as one space, trimmed."""
    return " ".join(text.split())


def _one(path: Path) -> dict:  # type: ignore[type-arg]
    data = json.loads(path.read_text(encoding="utf-8"))
    return next(iter(data.values())) if len(data) == 1 else data


def load() -> list[Gold]:
    """Every page with its gold; empty when the fixtures are absent."""
    if not FIXTURES.is_dir():
        return []
    pages: list[Gold] = []
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        g = Gold(folder.name, folder / "page.html")
        gold = folder / "gold"
        if (gold / "newspaper4k_metadata.json").exists():
            meta = json.loads((gold / "newspaper4k_metadata.json").read_text(encoding="utf-8"))
            g.url, g.title = meta["url"], meta["title"]
            g.body = (gold / "newspaper4k_text.txt").read_text(encoding="utf-8").splitlines()
        elif (gold / "fundus_LBCGroup.json").exists():
            entry = _one(gold / "fundus_LBCGroup.json")
            g.title = entry["title"]
            stamp = entry["publishing_date"]  # "2026-01-08 11:42:50+00:00"
            g.published = stamp[:19].replace(" ", "T")
            sign = 1 if stamp[19] == "+" else -1
            g.utc_offset = sign * (int(stamp[20:22]) * 60 + int(stamp[23:25]))
            g.body = [p for s in entry["body"]["sections"] for p in s["paragraphs"]]
            g.url = _one(gold / "fundus_meta.info.json")["url"]
        elif (gold / "magic_html_base_entry.json").exists():
            entry = _one(gold / "magic_html_base_entry.json")
            g.url = entry["url"]
            g.body = entry["content"].splitlines()
            # magic-html's content starts with the headline when it has one (a
            # long first line; f1e9572d's starts in the first sentence instead).
            if len(g.body[0]) >= 40:
                g.title = g.body[0].strip()
        elif (gold / "trafilatura_evaldata_entry.json").exists():
            data = json.loads((gold / "trafilatura_evaldata_entry.json").read_text(encoding="utf-8"))
            g.url, entry = next(iter(data.items()))
            g.title = collapse(entry["title"])
            g.with_, g.without = entry["with"], entry["without"]
        g.body = [line.strip() for line in g.body if line.strip()]
        pages.append(g)
    return pages


@dataclass
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def body_score(kept: list[str], gold: Gold, title: str | None = None) -> Score | None:
    """Kept-paragraph precision and recall against the gold body (module docs);
    ``None`` for a page whose gold has no body."""
    gold_lines = [g for g in gold.body if title is None or squash(g) != squash(title)]
    if not gold_lines:
        return None
    gold_all = squash("".join(gold_lines))
    kept = [k for k in kept if squash(k)]
    kept_all = squash("".join(kept))
    kept_chars = sum(len(squash(k)) for k in kept)
    right = sum(len(squash(k)) for k in kept if squash(k) in gold_all)
    arabic = [g for g in gold_lines if ARABIC.search(g)]
    gold_chars = sum(len(squash(g)) for g in arabic)
    found = sum(len(squash(g)) for g in arabic if squash(g) in kept_all)
    return Score(right / kept_chars if kept_chars else 0.0, found / gold_chars)


def snippets_ok(text: str, gold: Gold) -> tuple[int, int]:
    """(``with`` snippets found, ``without`` snippets wrongly kept)."""
    flat = collapse(text)
    return sum(s in flat for s in gold.with_), sum(s in flat for s in gold.without)
