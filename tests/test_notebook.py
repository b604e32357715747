"""examples/quickstart.ipynb runs top to bottom in a real Jupyter kernel (nbclient +
ipykernel) of this environment's Python, from the repository root, and is committed
without outputs."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "examples" / "quickstart.ipynb"
KERNEL = "warraq-venv"


def test_committed_without_outputs() -> None:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "the notebook has no code cells"
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None, "clear the outputs before committing"


@pytest.fixture(scope="module")
def kernel_name() -> str:
    """A kernelspec whose interpreter is this one (installed into sys.prefix, i.e. the venv)."""
    pytest.importorskip("nbclient", reason="nbclient is not installed (requirements-dev.txt)")
    pytest.importorskip("ipykernel", reason="ipykernel is not installed (requirements-dev.txt)")
    subprocess.run(
        [sys.executable, "-m", "ipykernel", "install", "--sys-prefix", "--name", KERNEL, "--display-name", "warraq (.venv)"],
        check=True, capture_output=True, timeout=120,
    )
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve(), spec.argv
    return KERNEL


def test_quickstart_runs_in_a_kernel(kernel_name: str) -> None:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    started = time.perf_counter()
    NotebookClient(
        nb, kernel_name=kernel_name, timeout=180, resources={"metadata": {"path": str(ROOT)}}
    ).execute()  # raises CellExecutionError, with the cell and traceback, on any error
    print(f"\nquickstart.ipynb executed in {time.perf_counter() - started:.1f} s")

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "data" in o and "text/html" in o["data"]]
    rendered = [h for h in html if h.startswith('<div class="warraq-doc" dir="rtl" lang="ar"')]
    # render(row), the Document and the entity list all display as highlighted HTML
    assert len(rendered) == 3, [h[:80] for h in html]
    assert all("<mark" in h for h in rendered)
    text = "\n".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in outputs)
    assert "001_sada_water" in text and "005_sada_water_reprint" in text  # the near-duplicate pair
    assert "cluster" in text
    assert (ROOT / "build" / "quickstart-report.html").exists()
    # the trend plot (plotly), after the dictionary counts per source
    assert any("application/vnd.plotly.v1+json" in o.get("data", {}) or "plotly" in o.get("data", {}).get("text/html", "")
               for o in outputs)
    assert "violence" in text
