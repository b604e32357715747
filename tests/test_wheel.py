"""`make wheel` gives one abi3 wheel that works without the source tree: it is
installed into a fresh virtual environment and imported from outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
SOURCES = ["crates", "python", "Cargo.toml", "Cargo.lock", "pyproject.toml", "README.md"]


def _newest_source_mtime() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and p.suffix != ".so"]
        newest = max([newest, *(p.stat().st_mtime for p in files if "__pycache__" not in p.parts)])
    return newest


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="module")
def wheel() -> Path:
    """The abi3 wheel in dist/, rebuilt with `maturin build --release` unless it is
    newer than every source file."""
    wheels = sorted(DIST.glob("warraq-*-cp310-abi3-*.whl"), key=lambda p: p.stat().st_mtime)
    if wheels and wheels[-1].stat().st_mtime > _newest_source_mtime():
        return wheels[-1]
    maturin = shutil.which("maturin", path=str(Path(sys.executable).parent)) or shutil.which("maturin")
    if maturin is None:
        pytest.skip("maturin is not installed (pip install maturin)")
    for old in wheels:
        old.unlink()
    subprocess.run([maturin, "build", "--release", "--out", str(DIST)], cwd=ROOT, check=True, capture_output=True)
    built = sorted(DIST.glob("warraq-*-cp310-abi3-*.whl"))
    assert len(built) == 1, f"expected one abi3 wheel in dist/, found {built}"
    return built[0]


@pytest.mark.slow
def test_wheel_is_abi3_and_ships_types(wheel: Path) -> None:
    assert "-cp310-abi3-" in wheel.name
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"warraq/py.typed", "warraq/_warraq.pyi", "warraq/__init__.py"} <= names
    assert any(n.startswith("warraq/_warraq") and n.endswith((".so", ".pyd")) for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Requires-Python: >=3.10" in text
    assert "Requires-Dist: numpy" in text


@pytest.mark.slow
def test_wheel_installs_and_imports_in_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=_clean_env())
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True, env=_clean_env()
    )
    if install.returncode != 0 and "No matching distribution" in install.stderr:
        pytest.skip(f"the wheel's dependencies are not available offline: {install.stderr.strip()[-300:]}")
    assert install.returncode == 0, install.stderr
    script = (
        "import warraq, pathlib\n"
        "assert 'site-packages' in pathlib.Path(warraq.__file__).parts, warraq.__file__\n"
        "print(warraq.__version__)\n"
        "print(warraq.normalize('أَعْلَنَتِ الوزارةُ ٣٫٥٪'))\n"
        "print('|'.join(warraq.tokenize('زوروا www.example.com #السعودية')))\n"
        "print(warraq.Normalizer().normalize_batch(['ﻻ'])[0])\n"
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    run = subprocess.run(
        [str(python), "-c", script], cwd=outside, capture_output=True, text=True, env=_clean_env(), check=False
    )
    assert run.returncode == 0, run.stderr
    version, normalized, tokens, lam_alef = run.stdout.splitlines()
    assert version.count(".") == 2
    assert normalized == "اعلنت الوزاره 3.5%"
    assert tokens == "زوروا|www.example.com|#السعودية"
    assert lam_alef == "لا"
