"""The HTML in a real browser: one rendered article and the corpus report are opened
in headless Chromium (Debian's ``chromium``; installed with apt-get when missing,
skipped with the reason printed when that fails). A copy of each page gets a small
script that writes what the browser computed into ``<pre id="result">``; the test
reads it back from ``--dump-dom``: the direction of every rendered document, each
entity mark (text, label, badge, size on screen, badge position), and where the
final punctuation of a paragraph landed. Screenshots of the original pages are kept
in ``build/test-artifacts/`` (gitignored) for a person to look at."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import warraq
from warraq.report import corpus_report

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "build" / "test-artifacts"

PROBE = """
<pre id="result"></pre>
<script>
(function () {
  const rect = (r) => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height});
  const docs = [...document.querySelectorAll(".warraq-doc")].map((d) => getComputedStyle(d).direction);
  const marks = [...document.querySelectorAll("mark.warraq-ent")].map((m) => {
    const badge = m.querySelector(".warraq-label");
    const badgeText = badge ? badge.textContent : "";
    const range = document.createRange();
    range.setStart(m.firstChild, 0);
    range.setEnd(m.firstChild, m.firstChild.textContent.length);
    return {
      text: m.textContent.slice(0, m.textContent.length - badgeText.length),
      label: m.dataset.label, badge: badgeText,
      box: rect(m.getBoundingClientRect()),
      textBox: rect(range.getBoundingClientRect()),
      // the text's last line fragment (a long mark can wrap)
      textEnd: rect([...range.getClientRects()].pop() || range.getBoundingClientRect()),
      badgeBox: badge ? rect(badge.getBoundingClientRect()) : null,
      badgeDirection: badge ? getComputedStyle(badge).direction : null,
      isolation: getComputedStyle(m).unicodeBidi,
    };
  });
  // The last character of the first paragraph and the letter before it: in a
  // right-to-left paragraph the final full stop sits to the LEFT of the word it ends.
  let ending = null;
  const p = document.querySelector(".warraq-body p");
  if (p && p.lastChild && p.lastChild.nodeType === 3) {
    const t = p.lastChild, n = t.textContent.length;
    const at = (i) => { const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1); return rect(r.getBoundingClientRect()); };
    if (n >= 2) ending = {last: t.textContent[n - 1], lastBox: at(n - 1), beforeBox: at(n - 2)};
  }
  const svgs = [...document.querySelectorAll("svg")].map((s) => rect(s.getBoundingClientRect()));
  document.getElementById("result").textContent = JSON.stringify({
    body: getComputedStyle(document.body).direction, docs, marks, ending, svgs,
    scripts: document.scripts.length,
  });
})();
</script>
"""


def _has_arabic_font() -> bool:
    fc = shutil.which("fc-list")
    if fc is None:
        return False
    out = subprocess.run([fc, ":lang=ar", "family"], capture_output=True, text=True, timeout=30, check=False)
    return bool(out.stdout.strip())


def _apt_install(*packages: str) -> str | None:
    """Installs Debian packages; returns None, or why it could not."""
    if shutil.which("apt-get") is None:
        return "apt-get is not available"
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        return "not root, cannot apt-get install"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    cmd = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, env=env, check=False)
        if done.returncode != 0:  # stale package lists: refresh once and retry
            subprocess.run(["apt-get", "update", "-q"], capture_output=True, timeout=300, env=env, check=False)
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, env=env, check=False)
    except subprocess.TimeoutExpired:
        return f"{' '.join(cmd)} timed out"
    if done.returncode != 0:
        return f"{' '.join(cmd)} failed: {done.stderr.strip()[-300:]}"
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    """The chromium binary, installed (once) with an Arabic font when missing."""
    path = shutil.which("chromium")
    if path is None:
        why = _apt_install("chromium", "fonts-noto-core")
        path = shutil.which("chromium")
        if path is None:
            print(f"\nskipping browser tests: chromium is not installed ({why})")
            pytest.skip(f"chromium is not installed and could not be: {why}")
    elif not _has_arabic_font():
        why = _apt_install("fonts-noto-core")
        if why:
            print(f"\nno Arabic font could be installed ({why}); screenshots may show boxes")
    return path


def _chromium(binary: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )


def _probe(binary: str, page: Path) -> dict:
    """What the browser computed for ``page`` (a copy with the probe script)."""
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text, "pages warraq writes carry no scripts"
    copy = page.with_name(page.stem + ".probe.html")
    copy.write_text(text.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    done = _chromium(binary, "--dump-dom", copy.as_uri())
    found = re.search(r'<pre id="result">(.*?)</pre>', done.stdout, re.S)
    assert found and found.group(1), f"no result in the dumped DOM: {done.stderr[-500:]}"
    return json.loads(html.unescape(found.group(1)))


def _screenshot(binary: str, page: Path, name: str) -> Path:
    shot = ARTIFACTS / name
    _chromium(binary, f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri())
    assert shot.exists() and shot.stat().st_size > 10_000, f"no screenshot at {shot}"
    return shot


def _check_marks(marks: list[dict], expected: list[tuple[str, str]]) -> None:
    assert [(m["text"], m["label"]) for m in marks] == expected
    for m in marks:
        assert m["badge"] == m["label"]
        assert m["box"]["width"] > 0 and m["box"]["height"] > 0, m
        assert m["textBox"]["width"] > 0, m
        assert m["isolation"] == "isolate" and m["badgeDirection"] == "ltr"
    # the badge follows the entity, so in right-to-left text it is on its left (when
    # both are on one line: a badge may wrap to the next line at the margin)
    same_line = [m for m in marks if abs(m["badgeBox"]["bottom"] - m["textEnd"]["bottom"]) < m["textEnd"]["height"] / 2]
    assert len(same_line) >= 0.8 * len(marks)
    for m in same_line:
        assert m["badgeBox"]["right"] <= m["textEnd"]["left"] + 1, m


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return warraq.read_corpus(ROOT / "examples" / "sample_corpus", progress=False)


def test_article_in_chromium(chromium: str, corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    row = corpus.iloc[0]
    rendered = warraq.render(row)
    page = ARTIFACTS / "article.html"
    rendered.save(page, title=str(row["title"]))
    result = _probe(chromium, page)
    assert result["scripts"] == 1  # only the probe's
    assert result["docs"] == ["rtl"]
    ents = warraq.extract_entities(row["body"], published=row["published"])
    assert len(ents) > 5
    _check_marks(result["marks"], [(e.text, e.label) for e in ents])
    ending = result["ending"]
    assert ending is not None and ending["last"] == "."
    assert ending["lastBox"]["right"] <= ending["beforeBox"]["left"] + 1, ending
    print(f"\nscreenshot: {_screenshot(chromium, page, 'article.png')}")


def test_report_in_chromium(chromium: str, corpus) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = ARTIFACTS / "report.html"
    page.write_text(corpus_report(corpus, progress=False), encoding="utf-8")
    result = _probe(chromium, page)
    assert result["docs"] == ["rtl"] * len(corpus)
    ents = warraq.entities_frame(corpus, progress=False)
    _check_marks(result["marks"], list(zip(ents["text"], ents["label"])))
    assert len(result["svgs"]) == 2 and all(s["width"] > 100 and s["height"] > 100 for s in result["svgs"])
    print(f"\nscreenshot: {_screenshot(chromium, page, 'report.png')}")


KWIC_PROBE = """
<pre id="result"></pre>
<script>
(function () {
  const rect = (r) => ({left: r.left, right: r.right, width: r.width});
  const textBox = (cell) => {
    if (!cell.firstChild) return null;
    const r = document.createRange();
    r.selectNodeContents(cell);
    return rect(r.getBoundingClientRect());
  };
  const rows = [...document.querySelectorAll("table.warraq-kwic tbody tr")].map((tr) => {
    const cell = (c) => tr.querySelector("td.warraq-kwic-" + c);
    return {
      before: textBox(cell("before")), keyword: textBox(cell("keyword")), after: textBox(cell("after")),
      beforeCell: rect(cell("before").getBoundingClientRect()),
      afterCell: rect(cell("after").getBoundingClientRect()),
      direction: getComputedStyle(tr).direction,
    };
  });
  document.getElementById("result").textContent = JSON.stringify({rows, scripts: document.scripts.length});
})();
</script>
"""


def test_concordance_reads_right_to_left_in_chromium(chromium: str, corpus) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    lines = warraq.kwic(corpus, ["قال", "في"], window=5, progress=False).head(30)
    assert len(lines) >= 10
    page = ARTIFACTS / "kwic.html"
    page.write_text(f'<html><head><meta charset="utf-8"></head><body>{lines._repr_html_()}</body></html>', encoding="utf-8")
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text
    copy = page.with_name("kwic.probe.html")
    copy.write_text(text.replace("</body>", KWIC_PROBE + "</body>"), encoding="utf-8")
    done = _chromium(chromium, "--dump-dom", copy.as_uri())
    found = re.search(r'<pre id="result">(.*?)</pre>', done.stdout, re.S)
    assert found and found.group(1), f"no result in the dumped DOM: {done.stderr[-500:]}"
    rows = json.loads(html.unescape(found.group(1)))["rows"]
    assert len(rows) == len(lines)
    keyword_centres = set()
    for row in rows:
        assert row["direction"] == "rtl"
        kw = row["keyword"]
        keyword_centres.add(round((kw["left"] + kw["right"]) / 2))
        # what came before the keyword is on its right, what follows on its left
        if row["before"]:
            assert row["before"]["left"] >= kw["right"] - 1, row
            # and hugs the keyword: its text starts at the cell's edge next to it
            assert abs(row["before"]["left"] - row["beforeCell"]["left"]) < 12, row
        if row["after"]:
            assert row["after"]["right"] <= kw["left"] + 1, row
            assert abs(row["after"]["right"] - row["afterCell"]["right"]) < 12, row
    # one keyword column: every keyword is centred on the same line
    assert max(keyword_centres) - min(keyword_centres) <= 2
    print(f"\nscreenshot: {_screenshot(chromium, page, 'kwic.png')}")


HITS_PROBE = """
<pre id="result"></pre>
<script>
(function () {
  const rect = (r) => ({left: r.left, right: r.right, width: r.width, height: r.height});
  const list = document.querySelector("ol.warraq-hits");
  const hits = [...document.querySelectorAll("ol.warraq-hits > li")].map((li) => {
    const title = li.querySelector(".warraq-hit-title");
    const snippet = li.querySelector(".warraq-hit-snippet");
    const r = document.createRange();
    r.selectNodeContents(title);
    return {
      title: title.textContent, titleBox: rect(r.getBoundingClientRect()), liBox: rect(li.getBoundingClientRect()),
      direction: getComputedStyle(snippet).direction,
      metaDirection: getComputedStyle(li.querySelector(".warraq-hit-meta bdi")).direction,
      marks: [...snippet.querySelectorAll("mark")].map((m) => ({text: m.textContent, box: rect(m.getBoundingClientRect())})),
    };
  });
  document.getElementById("result").textContent = JSON.stringify({
    direction: list ? getComputedStyle(list).direction : null, hits, scripts: document.scripts.length,
  });
})();
</script>
"""


def test_search_results_read_right_to_left_in_chromium(chromium: str, corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    index = warraq.SearchIndex.create(tmp_path / "ix", corpus, progress=False)
    hits = index.search("تحلية المياه", k=5)
    assert len(hits) >= 2
    page = ARTIFACTS / "search.html"
    page.write_text(f'<html><head><meta charset="utf-8"></head><body>{hits._repr_html_()}</body></html>', encoding="utf-8")
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text
    copy = page.with_name("search.probe.html")
    copy.write_text(text.replace("</body>", HITS_PROBE + "</body>"), encoding="utf-8")
    done = _chromium(chromium, "--dump-dom", copy.as_uri())
    found = re.search(r'<pre id="result">(.*?)</pre>', done.stdout, re.S)
    assert found and found.group(1), f"no result in the dumped DOM: {done.stderr[-500:]}"
    result = json.loads(html.unescape(found.group(1)))
    assert result["direction"] == "rtl" and result["scripts"] == 1
    assert [h["title"] for h in result["hits"]] == hits["title"].tolist()
    for hit, row in zip(result["hits"], hits.itertuples()):
        assert hit["direction"] == "rtl" and hit["metaDirection"] == "ltr"
        # the title starts at the right edge of its hit (right to left)
        assert abs(hit["titleBox"]["right"] - hit["liBox"]["right"]) < 12, hit
        # every highlighted word is drawn, and is the raw text of the snippet's range
        assert [m["text"] for m in hit["marks"]] == [row.snippet[a:b] for a, b in row.highlights]
        assert hit["marks"] and all(m["box"]["width"] > 0 and m["box"]["height"] > 0 for m in hit["marks"])
    print(f"\nscreenshot: {_screenshot(chromium, page, 'search.png')}")
