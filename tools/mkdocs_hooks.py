"""MkDocs hooks for warraq's documentation site (``mkdocs.yml``: ``hooks``).

The guide pages live in ``docs/`` but link to files outside it (the README, data
licences, the example notebook, benchmark notes), as they must to read right on a
forge. These hooks make the site hold the same pages without a second copy:

- the README becomes the home page (MkDocs takes ``README.md`` as the index), its
  ``docs/...`` links rewritten;
- every file outside ``docs/`` that a page links to is added at its path in the repository
  (Markdown as pages, others as downloads), found by following links from the README and
  ``docs/``;
- ``examples/quickstart.ipynb`` is executed from the repository root (as
  ``tests/test_notebook.py`` runs it) and added for mkdocs-jupyter to render with outputs;
- the Rust API built by ``cargo doc`` (``make docs``) is added at ``target/doc/``;
- doctest examples in docstrings (``>>>`` lines and their output, not fenced there) are shown
  as code, not read as Markdown (``[('حلب', 'LOCATION')]`` is not a link).

A link that reaches no file is left as written, so ``mkdocs build --strict`` fails on it.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
HOME = ROOT / "README.md"
NOTEBOOK = ROOT / "examples" / "quickstart.ipynb"
EXECUTED = ROOT / "build" / "docs-notebook" / "examples" / "quickstart.ipynb"
KERNEL = "warraq-venv"
# `make docs` runs `cargo doc` first; the Rust API page links here.
RUSTDOC = ROOT / "target" / "doc"
# [text](target#anchor): relative targets only (no scheme, no leading slash, not an anchor alone).
LINK = re.compile(r"(\]\()(?![a-z][a-z0-9+.-]*:|/|#)([^)\s#]+)(#[^)\s]*)?(\))")

# real path -> uri in the site, for every Markdown page and every added file
_site_uri: dict[Path, str] = {}


def _uri_for(real: Path) -> str:
    if real.is_relative_to(DOCS):
        return real.relative_to(DOCS).as_posix()
    return real.relative_to(ROOT).as_posix()


def _linked_files(markdown: Path) -> Iterator[Path]:
    for match in LINK.finditer(markdown.read_text(encoding="utf-8")):
        target = (markdown.parent / match.group(2)).resolve()
        if target.is_file() and target.is_relative_to(ROOT) and not target.is_relative_to(RUSTDOC):
            yield target


def _pages_and_links() -> set[Path]:
    """The README, every page of docs/, and every file they reach by links, transitively
    (the Rust API is added whole, not by its links)."""
    todo = [HOME, *sorted(DOCS.rglob("*.md"))]
    seen = set(todo)
    while todo:
        page = todo.pop()
        for target in _linked_files(page):
            if target not in seen:
                seen.add(target)
                if target.suffix == ".md":
                    todo.append(target)
    return seen


def _execute_notebook() -> Path:
    """Run the quickstart from the repository root in a kernel of this interpreter."""
    import nbformat
    from nbclient import NotebookClient

    subprocess.run(
        [sys.executable, "-m", "ipykernel", "install", "--sys-prefix", "--name", KERNEL, "--display-name", "warraq (.venv)"],
        check=True, capture_output=True, timeout=120,
    )
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # The kernel inherits the environment: no progress bars (a page is not a live notebook;
    # without ipywidgets tqdm would print a warning into the page).
    saved = os.environ.get("TQDM_DISABLE")
    os.environ["TQDM_DISABLE"] = "1"
    try:
        NotebookClient(nb, kernel_name=KERNEL, timeout=180, resources={"metadata": {"path": str(ROOT)}}).execute()
    finally:
        if saved is None:
            del os.environ["TQDM_DISABLE"]
        else:
            os.environ["TQDM_DISABLE"] = saved
    EXECUTED.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, EXECUTED)
    return EXECUTED.parents[1]


def _add(files: Files, config: Any, uri: str, src_dir: Path) -> None:
    """Add ``src_dir/uri`` as the site's ``uri`` (a real source directory: mkdocs-jupyter
    and the page reader need a file on disk)."""
    if files.get_file_from_path(uri) is None:
        files.append(File(uri, str(src_dir), config["site_dir"], config["use_directory_urls"]))


# Sphinx roles the docstrings use (:func:`warraq.kwic`): a link where the target is on the
# API page, else code.
ROLE = re.compile(r":(?:class|func|meth|attr|mod|exc|data|obj):`~?([^`]+)`")


def _role(match: re.Match[str]) -> str:
    import warraq

    target = match.group(1)
    name = target.removeprefix("warraq.")
    if target.startswith("warraq.") and (name in warraq.__all__ or name == "dask"):
        return f"[`{target}`][{target}]"
    return f"`{target}`"


class _DoctestBlocks(Preprocessor):
    """Fence every unfenced run of ``>>>`` lines and their output (up to a blank line), and
    turn Sphinx roles into Markdown."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fenced = in_example = False
        for line in lines:
            stripped = line.lstrip()
            if stripped.startswith(("```", "~~~")) and not in_example:
                fenced = not fenced
            elif not fenced and not in_example and stripped.startswith(">>>"):
                in_example = True
                out.append(line[: len(line) - len(stripped)] + "```pycon")
            elif in_example and not stripped:
                out.append(out[-1][: len(out[-1]) - len(out[-1].lstrip())] + "```")
                in_example = False
            elif not fenced and not in_example:
                line = ROLE.sub(_role, line)
            out.append(line)
        if in_example:
            out.append("```")
        return out


class DoctestBlocks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.preprocessors.register(_DoctestBlocks(md), "warraq_doctest_blocks", 40)


@event_priority(100)  # before mkdocstrings reads the Markdown extensions
def on_config(config: Any) -> Any:
    config.markdown_extensions.append(DoctestBlocks())
    return config


@event_priority(100)  # before mkdocs-jupyter turns .ipynb files into pages
def on_files(files: Files, config: Any) -> Files:
    _site_uri.clear()
    for real in _pages_and_links():
        uri = _uri_for(real)
        _site_uri[real] = uri
        if real == NOTEBOOK:
            _add(files, config, uri, _execute_notebook())
        elif not real.is_relative_to(DOCS):
            _add(files, config, uri, ROOT)
    if (RUSTDOC / "warraq" / "index.html").is_file():
        for real in sorted(p for p in RUSTDOC.rglob("*") if p.is_file()):
            _site_uri[real] = real.relative_to(ROOT).as_posix()
            _add(files, config, _site_uri[real], ROOT)
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Rewrite links written against the repository layout into links between site pages."""
    src = page.file.abs_src_path
    if src is None:
        return markdown
    real_page = Path(src).resolve()
    if real_page == EXECUTED:
        real_page = NOTEBOOK
    here = posixpath.dirname(page.file.src_uri)

    def rewrite(match: re.Match[str]) -> str:
        target = (real_page.parent / match.group(2)).resolve()
        uri = _site_uri.get(target)
        if uri is None:
            return match.group(0)
        return f"{match.group(1)}{posixpath.relpath(uri, here or '.')}{match.group(3) or ''}{match.group(4)}"

    return LINK.sub(rewrite, markdown)
