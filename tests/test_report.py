"""The corpus report and the `warraq` command (mirrors python/warraq/report.py and
__main__.py). The report in a browser is checked in test_browser.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import warraq
from warraq.report import bar_chart_svg, cooccurrences, corpus_report, duplicate_groups

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_corpus"


@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    return warraq.read_corpus(SAMPLE, progress=False)


@pytest.fixture(scope="module")
def page(df: pd.DataFrame) -> str:
    return corpus_report(df, title="sample <corpus>", progress=False)


def test_self_contained(page: str) -> None:
    assert "<script" not in page.lower()
    # nothing is fetched: no src/href to another document, no @import or url() in CSS
    assert not re.search(r'\bsrc\s*=', page)
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert "@import" not in page and "url(" not in page
    assert "<title>sample &lt;corpus&gt;</title>" in page


def test_sections_hold_what_the_apis_compute(df: pd.DataFrame, page: str) -> None:
    for heading in ("Overview", "Documents per source", "Documents per month", "People", "Places",
                    "Organisations", "Entity co-occurrence", "Keywords per document", "Near-duplicate groups"):
        assert heading in page, heading
    assert page.count("<svg") == 2
    # every article, each with exactly the entities entities_frame finds
    ents = warraq.entities_frame(df, progress=False)
    assert page.count('<article id="doc-') == len(df)
    assert page.count('<mark class="warraq-ent"') == len(ents)
    # the most mentioned place is listed, with its mention count
    places = ents[ents["label"] == "LOCATION"]["normalized"].value_counts()
    assert f'<bdi class="ar" dir="auto">{places.index[0]}</bdi></td><td class="n">{places.iloc[0]}</td>' in page
    # keywords of every document, and the reprint pair as a group
    v = warraq.TfidfVectorizer(progress=False)
    bodies = df["body"].tolist()
    first = "، ".join(t for t, _ in v.keywords(v.fit_transform(bodies), k=8, documents=bodies)[0])
    assert first in page
    # readable words (each one as the article writes it), not stems
    assert all(w in bodies[0] for w in first.split("، "))
    # keyness per source: the first source's key words, as the corpus spells them
    assert "Keyness per source" in page
    source = df["source"].value_counts().index[0]
    key = warraq.keyness(df, (df["source"] == source).to_numpy())
    assert "، ".join(key[key["g2"] > 0].head(7)["word"]) in page
    group = page.split('id="duplicates"', 1)[1].split('id="articles"', 1)[0]
    assert "group 1 (2 documents)" in group and "001_sada_water" in group and "005_sada_water_reprint" in group


def test_articles_are_capped(df: pd.DataFrame) -> None:
    page = corpus_report(df, max_articles=2, progress=False)
    assert page.count('<article id="doc-') == 2 and "the first 2 of 6 articles" in page


def test_helpers() -> None:
    assert duplicate_groups(pd.DataFrame({"i": [3, 0], "j": [4, 3]}), 6) == [[0, 3, 4]]
    assert duplicate_groups(pd.DataFrame({"i": [], "j": []}), 3) == []
    ents = pd.DataFrame({
        "id": [1, 1, 1, 2, 2],
        "label": ["PERSON", "LOCATION", "DATE", "PERSON", "LOCATION"],
        "normalized": ["احمد", "دمشق", "امس", "احمد", "حلب"],
    })
    co = cooccurrences(ents)
    assert co.values.tolist() == [["LOCATION", "حلب", "PERSON", "احمد", 1], ["LOCATION", "دمشق", "PERSON", "احمد", 1]]
    svg = bar_chart_svg(["<a>", "ب"], [0, 0], title="t", horizontal=True)
    assert "&lt;a&gt;" in svg and svg.count("<rect") == 2
    assert bar_chart_svg([], [], title="empty").startswith("<svg")


def test_command_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "r.html"
    done = subprocess.run(
        [sys.executable, "-m", "warraq", "report", str(SAMPLE), "-o", str(out), "--title", "T", "--top", "3"],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no bar: stderr is not a terminal
    assert str(out.resolve()) in done.stdout
    assert "<title>T</title>" in out.read_text(encoding="utf-8")


def test_command_errors_and_help(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "warraq", "report", str(tmp_path / "missing"), "-o", str(tmp_path / "r.html")],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )
    assert done.returncode == 2 and "missing" in done.stderr and not (tmp_path / "r.html").exists()
    helped = subprocess.run([sys.executable, "-m", "warraq", "report", "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert helped.returncode == 0 and "-o OUTPUT" in helped.stdout and "self-contained" in helped.stdout


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "warraq"
    if not script.exists() and shutil.which("warraq") is None:
        pytest.skip("the warraq console script is not installed in this environment")
    done = subprocess.run([str(script if script.exists() else "warraq"), "--version"], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.strip() == f"warraq {warraq.__version__}"


def test_top_entities_are_shown_in_context(df: pd.DataFrame, page: str) -> None:
    """The concordance section: lines of the most mentioned entities, right to left,
    each keyword as the article spells it."""
    section = page[page.index('id="concordance"') : page.index('id="keywords"')]
    assert '<table class="warraq-kwic" dir="rtl">' in section
    ents = warraq.entities_frame(df, progress=False)
    top = ents[ents["label"] == "PERSON"]["text"].value_counts().index[0]
    assert f'<td class="warraq-kwic-keyword" dir="rtl">{top}</td>' in section
