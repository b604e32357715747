"""Every example is executed: native docstrings, Python modules, the README and docs/.

The README and every ``docs/**/*.md`` page have their ``>>>`` examples run from the
repository root, and every relative link in them must reach an existing file or
heading.
"""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
import re
from pathlib import Path

import pytest

import warraq
import warraq._warraq

ROOT = Path(__file__).resolve().parent.parent
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _run(module: object) -> doctest.TestResults:
    return doctest.testmod(module, optionflags=FLAGS, verbose=False)  # type: ignore[arg-type]


def test_native_docstrings_run() -> None:
    result = _run(warraq._warraq)
    assert result.attempted >= 10, "the native module's examples were not found"
    assert result.failed == 0


@pytest.mark.parametrize(
    "name", sorted(m.name for m in pkgutil.iter_modules(warraq.__path__, "warraq.") if m.name != "warraq._warraq")
)
def test_python_module_docstrings_run(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    module = importlib.import_module(name)
    result = _run(module)
    assert result.failed == 0


def test_package_docstring_runs() -> None:
    assert _run(warraq).failed == 0


DOC_PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md"))
MARKDOWN_FILES = ["README.md", *DOC_PAGES]

FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
INLINE_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _run_markdown(relpath: str) -> tuple[doctest.DocTest, doctest.DocTestRunner]:
    text = (ROOT / relpath).read_text(encoding="utf-8")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {"warraq": warraq, "os": os}, relpath, str(ROOT / relpath), 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    return test, runner


def _prose(text: str) -> str:
    """The text outside fenced code blocks (links and headings there are not real)."""
    return FENCE.sub("", text)


def _links(text: str) -> list[tuple[str, str]]:
    """(label, target) of every inline and reference link outside code blocks."""
    prose = _prose(text)
    found = [(m.group(1), m.group(2)) for m in INLINE_LINK.finditer(prose)]
    found += [("", m.group(1)) for m in REFERENCE_LINK.finditer(prose)]
    return found


def _anchors(text: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens,
    a repeated anchor numbered -1, -2, …"""
    seen: dict[str, int] = {}
    anchors = set()
    for m in HEADING.finditer(_prose(text)):
        title = INLINE_LINK.sub(lambda link: link.group(1), m.group(1))
        slug = re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        anchors.add(slug if n == 0 else f"{slug}-{n}")
    return anchors


def _broken_links(source: Path, root: Path = ROOT) -> list[str]:
    """Relative links of `source` whose file or heading does not exist."""
    root = root.resolve()
    broken = []
    for label, target in _links(source.read_text(encoding="utf-8")):
        if SCHEME.match(target):
            continue  # http:, https:, mailto: are not checked (no network in tests)
        path_part, _, anchor = target.partition("#")
        resolved = (source.parent / path_part).resolve() if path_part else source
        try:
            from_root = resolved.relative_to(root).as_posix()
        except ValueError:
            broken.append(f"[{label}]({target}): outside the repository")
            continue
        if from_root.startswith("target/doc/"):
            continue  # the Rust API, written by `cargo doc` in `make docs` (whose strict build checks it)
        if not resolved.exists():
            broken.append(f"[{label}]({target}): no file {from_root}")
        elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved.read_text(encoding="utf-8")):
            broken.append(f"[{label}]({target}): no heading #{anchor} in {from_root}")
    return broken


def test_readme_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    test, runner = _run_markdown("README.md")
    assert test.examples, "README has no examples"
    assert runner.failures == 0


def test_docs_pages_are_found() -> None:
    assert "docs/guide/index.md" in DOC_PAGES
    assert "docs/performance.md" in DOC_PAGES
    assert len([p for p in DOC_PAGES if p.startswith("docs/guide/")]) >= 8


@pytest.mark.parametrize("relpath", DOC_PAGES)
def test_docs_examples_run(relpath: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, runner = _run_markdown(relpath)
    assert runner.failures == 0, f"{relpath}: {runner.failures} example(s) failed (see the output above)"


def test_guide_index_lists_every_page() -> None:
    index = (ROOT / "docs/guide/index.md").read_text(encoding="utf-8")
    linked = {target.split("#")[0] for _, target in _links(index)}
    pages = {p.name for p in (ROOT / "docs/guide").glob("*.md")} - {"index.md"}
    assert pages <= linked, f"pages missing from docs/guide/index.md: {sorted(pages - linked)}"


@pytest.mark.parametrize("relpath", MARKDOWN_FILES)
def test_relative_links_resolve(relpath: str) -> None:
    assert _broken_links(ROOT / relpath) == [], f"broken links in {relpath}"


def test_link_checker_reports_missing_files_and_headings(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# Other page\n\n## Usage: `f()`\n\n## Usage: `f()`\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "# A title\n\n[ok](#a-title) [bad](#nowhere) [gone](missing.md) [web](https://example.com/x)\n"
        "[there](other.md#usage-f) [again](other.md#usage-f-1) [not there](other.md#usage)\n"
        "```\n[in code](not-checked.md)\n```\n[up](../outside.md)\n",
        encoding="utf-8",
    )
    assert _broken_links(page, root=tmp_path) == [
        "[bad](#nowhere): no heading #nowhere in page.md",
        "[gone](missing.md): no file missing.md",
        "[not there](other.md#usage): no heading #usage in other.md",
        "[up](../outside.md): outside the repository",
    ]


def test_api_page_lists_every_export() -> None:
    """docs/api/python.md (the site's Python API, rendered by mkdocstrings) documents every
    name ``import warraq`` exports."""
    page = (ROOT / "docs/api/python.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^::: warraq\.(\w+)$", page, re.M))
    missing = sorted(set(warraq.__all__) - listed - {"__version__"})
    assert not missing, f"add to docs/api/python.md: {missing}"


def test_site_nav_lists_every_guide_page() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
    missing = [p for p in pages if f" {p}" not in nav]
    assert not missing, f"add to the nav of mkdocs.yml: {missing}"
