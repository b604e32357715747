"""The .pyi stubs match the compiled module (mypy.stubtest), and py.typed ships."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import warraq

ROOT = Path(__file__).resolve().parent.parent


def test_stubtest() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "warraq._warraq",
         "--allowlist", str(ROOT / ".mypy-stubtest-allowlist")],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_py_typed_and_all() -> None:
    pkg = Path(warraq.__file__).parent
    assert (pkg / "py.typed").exists()
    assert (pkg / "_warraq.pyi").exists()
    for name in warraq.__all__:
        assert hasattr(warraq, name), name


def test_mypy_strict_on_package() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(ROOT / "pyproject.toml"), str(ROOT / "python" / "warraq")],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
