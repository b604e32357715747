"""Shared fixtures: the bundled sample corpus and the third-party data in ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_corpus"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip (with the reason printed) when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is absent: the shared data is not beside this checkout")
    return p


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    return sorted(SAMPLE.glob("*.txt"))


@pytest.fixture(scope="session")
def sample_texts(sample_paths: list[Path]) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sample_paths]


@pytest.fixture(scope="session")
def seed_texts() -> list[str]:
    seeds = shared_path("seeds")
    return [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]


@pytest.fixture(scope="session")
def saudinewsnet() -> list[dict[str, str]]:
    """Every SaudiNewsNet article (dicts with ``title`` and ``content``), read in place."""
    import json

    folder = shared_path("corpora", "saudinewsnet")
    articles: list[dict[str, str]] = []
    for path in sorted(folder.glob("*.json")):
        articles.extend(json.loads(path.read_text(encoding="utf-8")))
    if not articles:
        pytest.skip(f"{folder} holds no articles")
    return articles
