"""Every example is executed: native docstrings, Python modules, and the README."""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
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


def test_readme_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {"warraq": warraq, "os": os}, "README.md", "README.md", 0)
    assert test.examples, "README has no examples"
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    assert runner.failures == 0
