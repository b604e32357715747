"""warraq.read_corpus against a plain-Python loader (json/open + regex cleaning).

Loads SaudiNewsNet (18 JSON arrays) and the ANT corpus (10,161 SGML files) both ways
in the same run, checks that both agree on the number of documents and on the titles,
then prints wall time (best of ``REPEAT`` runs, default 3, the loaders alternating), MB/s, the speed ratio, CPU utilisation (CPU seconds / wall
seconds: 2.0 means both cores busy) and peak memory (each loader in a fresh child
process, ``ru_maxrss`` after the load minus before it) against the corpus size.

    python benchmarks/bench_corpus.py            # or: make bench BENCH=corpus
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("REPEAT", "3"))
SHARED = ROOT.parent / "shared" / "corpora"

# --- the plain-Python reference loader ----------------------------------------

FOOTER = re.compile(r"رابط الخبر بصحيفة.*$", re.S)
TRAILER = re.compile(r"//\s*انتهى\s*//.*$", re.S)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[A-Za-z.]+")
TAGS = re.compile(r"^\s*سمات\s.*$", re.M)
TAG = re.compile(r"<(DOCNO|TITLE|TIME|URL|TEXT)>(.*?)</\1>", re.S)


def clean(text: str) -> str:
    text = FOOTER.sub("", text)
    text = TRAILER.sub("", text)
    text = EMAIL.sub("", text)
    text = TAGS.sub("", text)
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(p for p in paragraphs if p)


def python_saudinewsnet(files: list[Path]) -> list[dict[str, object]]:
    rows = []
    for f in files:
        for r in json.loads(f.read_text(encoding="utf-8")):
            # Records with blank content are not rows of warraq.read_corpus either
            # (they are listed in df.attrs["warraq_empty_records"]).
            if r["content"].strip():
                rows.append({"title": r["title"].strip() or None, "url": r["url"], "body": clean(r["content"])})
    return rows


def python_ant(files: list[Path]) -> list[dict[str, object]]:
    rows = []
    for f in files:
        fields = dict(TAG.findall(f.read_text(encoding="utf-8")))
        rows.append(
            {
                "id": fields.get("DOCNO", "").strip(),
                "title": fields.get("TITLE", "").strip() or None,
                "time": fields.get("TIME", "").strip(),
                "body": clean(fields.get("TEXT", "")),
            }
        )
    return rows


def load(loader: str, corpus: str, files: list[Path]) -> tuple[int, list[object]]:
    if loader == "python":
        rows = python_saudinewsnet(files) if corpus == "saudinewsnet" else python_ant(files)
        return len(rows), [r["title"] for r in rows]
    import warraq

    df = warraq.read_corpus(files, progress=False)
    return len(df), df["title"].tolist()


def corpus_files(corpus: str) -> list[Path]:
    if corpus == "saudinewsnet":
        return sorted((SHARED / "saudinewsnet").glob("*.json"))
    return sorted((SHARED / "antcorpus").glob("*/*.txt"))


def child(loader: str, corpus: str) -> None:
    """Runs one load in this (fresh) process and prints its peak memory growth."""
    import pandas  # noqa: F401

    import warraq  # noqa: F401  (imports are not part of the load)

    files = corpus_files(corpus)  # listed in the baseline child too
    if loader != "none":
        load(loader, corpus, files)
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child started by a
    # parent that already loaded a corpus would report the parent's peak.
    status = Path("/proc/self/status")
    if status.exists():
        hwm = next(int(l.split()[1]) for l in status.read_text().splitlines() if l.startswith("VmHWM:"))
    else:
        hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"maxrss_kib": hwm}))


def peak_mib(loader: str, corpus: str) -> float:
    """Peak RSS of a child that loads the corpus, minus that of a child that only imports."""

    def run(which: str) -> float:
        out = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--child", which, corpus],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return float(json.loads(out.strip().splitlines()[-1])["maxrss_kib"]) / 1024

    return run(loader) - run("none")


def timed(loader: str, corpus: str, files: list[Path]) -> tuple[float, float, tuple[int, list[object]]]:
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    result = load(loader, corpus, files)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return wall, cpu / wall, result


def main() -> int:
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent")
        return 0
    import warraq

    warraq.read_corpus(ROOT / "examples" / "sample_corpus", progress=False)  # warm up
    print(f"{os.cpu_count()} CPUs")
    header = f"{'corpus':<13}{'loader':<8}{'docs':>7}{'MB':>8}{'s':>8}{'MB/s':>8}{'CPU':>6}{'peak MiB':>10}{'peak/size':>10}"
    for corpus in ("saudinewsnet", "antcorpus"):
        # The same file list for both loaders, made once: listing is neither's work.
        files = corpus_files(corpus)
        size_mb = sum(f.stat().st_size for f in files) / 1e6
        # Each loader runs REPEAT times, the two alternating, and keeps its fastest run
        # (the least disturbed on a shared machine); the median is printed beside it.
        runs: dict[str, list[tuple[float, float, tuple[int, list[object]]]]] = {"python": [], "warraq": []}
        for _ in range(REPEAT):
            for loader in ("python", "warraq"):
                runs[loader].append(timed(loader, corpus, files))
        results = {loader: min(r, key=lambda run: run[0]) for loader, r in runs.items()}
        medians = {loader: sorted(run[0] for run in r)[len(r) // 2] for loader, r in runs.items()}
        (n_py, titles_py), (n_wq, titles_wq) = results["python"][2], results["warraq"][2]
        assert n_py == n_wq, f"{corpus}: python {n_py} documents, warraq {n_wq}"
        assert titles_py == titles_wq, f"{corpus}: titles differ"
        print(f"\n{corpus}: both loaders agree on {n_wq} documents and their titles")
        print(header)
        for loader in ("python", "warraq"):
            wall, cpu, _ = results[loader]
            peak = peak_mib(loader, corpus)
            print(
                f"{corpus:<13}{loader:<8}{n_wq:>7}{size_mb:>8.1f}{wall:>8.2f}{size_mb / wall:>8.1f}"
                f"{cpu:>6.2f}{peak:>10.0f}{peak * 1.048576 / size_mb:>10.2f}"
            )
        print(
            f"speed ratio (python / warraq), best of {REPEAT}: {results['python'][0] / results['warraq'][0]:.1f}x"
            f" (medians {medians['python']:.2f} s / {medians['warraq']:.2f} s: {medians['python'] / medians['warraq']:.1f}x)"
        )
        # On a machine shared with other jobs the wall-time ratio swings with the
        # cores each loader happened to get; CPU seconds do not.
        cpu_s = {name: wall * busy for name, (wall, busy, _) in results.items()}
        print(
            f"CPU seconds: python {cpu_s['python']:.2f}, warraq {cpu_s['warraq']:.2f} "
            f"(ratio {cpu_s['python'] / cpu_s['warraq']:.1f}x)"
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        raise SystemExit(0)
    raise SystemExit(main())
