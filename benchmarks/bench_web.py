"""HTML pages: warraq.parse_html against trafilatura on the five real Arabic news
pages of ../shared/raw_pages/html_fixtures (read in place).

First the outputs, checked against the gold (tests/web_gold.py): title and date
where the gold has them, and kept-paragraph precision, recall and F1 of the body,
side by side for both tools. Then speed on one core: pages per second for each
tool on the same bytes (best of ``REPEAT`` rounds, default 7, each parsing every
page ``ROUNDS`` times, default 10; the tools alternate round by round), in wall and
in CPU seconds (the steadier figure on a shared machine), and the ratios; ``parse_html`` reads a page on the
calling thread, as trafilatura does.
Last, a folder of ``COPIES`` (default 40) copies of the pages, made in a temporary
folder: ``read_corpus`` on every core beside trafilatura reading the same files one
by one, pages/s and cores busy (CPU seconds / wall seconds) for each.

    python benchmarks/bench_web.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import web_gold  # noqa: E402

REPEAT = int(os.environ.get("REPEAT", "7"))
ROUNDS = int(os.environ.get("ROUNDS", "10"))


def main() -> int:
    try:
        import trafilatura
    except ImportError:
        print("trafilatura is not installed (pip install -r requirements-dev.txt): skipped")
        return 0
    import warraq

    pages = web_gold.load()
    if not pages:
        print(f"{web_gold.FIXTURES} is absent: skipped")
        return 0
    blobs = [g.html.read_bytes() for g in pages]
    print(f"{len(pages)} pages, {sum(map(len, blobs)) / 1e6:.2f} MB of HTML")
    print(f"{'page':28} {'tool':12} {'title':6} {'date':6} {'P':>6} {'R':>6} {'F1':>6}")
    f1s: dict[str, list[float]] = {"warraq": [], "trafilatura": []}
    failed = False
    for g, html in zip(pages, blobs):
        doc = warraq.parse_html(html)
        meta = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        t_text = (meta.text if meta is not None else "") or ""
        rows = {
            "warraq": (doc.title, doc.published.isoformat() if doc.published else None, doc.paragraphs),
            "trafilatura": (
                meta.title if meta is not None else None,
                meta.date if meta is not None else None,
                t_text.splitlines(),
            ),
        }
        for tool, (title, date, kept) in rows.items():
            title_ok = "-" if g.title is None else ("ok" if web_gold.collapse(title or "") == web_gold.collapse(g.title) else "WRONG")
            date_ok = "-" if g.published is None else ("ok" if (date or "").startswith(g.published[:10]) else "WRONG")
            score = web_gold.body_score(kept, g, doc.title)
            if score is None:
                found, wrong = web_gold.snippets_ok("\n".join(kept), g)
                cells = f"{'with':>6} {found}/{len(g.with_)} without {wrong}/{len(g.without)}"
            else:
                f1s[tool].append(score.f1)
                cells = f"{score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}"
            print(f"{g.name:28} {tool:12} {title_ok:6} {date_ok:6} {cells}")
            if tool == "warraq" and "WRONG" in (title_ok, date_ok):
                failed = True
    for tool, values in f1s.items():
        print(f"mean body F1 {tool}: {sum(values) / len(values):.3f} over {len(values)} pages with a gold body")

    def once(run: object) -> tuple[float, float]:
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(ROUNDS):
            for html in blobs:
                run(html)  # type: ignore[operator]
        return time.perf_counter() - w0, time.process_time() - c0

    tools = {
        "warraq": warraq.parse_html,
        "trafilatura": lambda h: trafilatura.extract(h, include_comments=False),
    }
    # The tools alternate round by round, so that a change in the machine's load
    # falls on both; wall and CPU seconds are each the best of the rounds.
    wall = {t: float("inf") for t in tools}
    cpu = {t: float("inf") for t in tools}
    for _ in range(REPEAT):
        for tool, run in tools.items():
            w, c = once(run)
            wall[tool], cpu[tool] = min(wall[tool], w), min(cpu[tool], c)
    n = ROUNDS * len(blobs)
    print(f"one core, best of {REPEAT} rounds of {n} pages (tools alternating):")
    for tool in tools:
        print(f"  {tool:12} {n / wall[tool]:8.1f} pages/s wall, {n / cpu[tool]:8.1f} pages per CPU second")
    print(
        f"  speed ratio (trafilatura / warraq): {wall['trafilatura'] / wall['warraq']:.1f}x wall, "
        f"{cpu['trafilatura'] / cpu['warraq']:.1f}x CPU"
    )
    folder_run(blobs)
    return 1 if failed else 0


def folder_run(blobs: list[bytes]) -> None:
    """A folder of pages: ``read_corpus`` on every core against trafilatura reading
    the same files one after the other (copies of the pages in a temporary folder,
    deleted afterwards). For each: pages/s (wall), cores busy (CPU seconds / wall
    seconds, of the whole process) and pages per CPU second, best wall of ``REPEAT``
    rounds, the tools alternating. Both must read a body from every page first."""
    import resource
    import tempfile

    import trafilatura

    import warraq

    copies = int(os.environ.get("COPIES", "40"))
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(copies):
            for j, html in enumerate(blobs):
                path = Path(tmp, f"p{i:03}_{j}.html")
                path.write_bytes(html)
                paths.append(path)
        n = len(paths)

        def warraq_folder() -> int:
            df = warraq.read_corpus(tmp, progress=False, recurring=False)
            return int((df["body"].str.len() > 0).sum())

        def trafilatura_folder() -> int:
            bodies = [trafilatura.extract(p.read_bytes(), include_comments=False) for p in paths]
            return sum(1 for b in bodies if b)

        tools = {"warraq": warraq_folder, "trafilatura": trafilatura_folder}
        best: dict[str, tuple[float, float]] = {t: (float("inf"), 0.0) for t in tools}
        for round_ in range(REPEAT):
            for tool, run in tools.items():
                r0 = resource.getrusage(resource.RUSAGE_SELF)
                t0 = time.perf_counter()
                bodies = run()
                wall = time.perf_counter() - t0
                r1 = resource.getrusage(resource.RUSAGE_SELF)
                if round_ == 0 and bodies != n:
                    raise SystemExit(f"{tool} read a body from {bodies} of the {n} pages of the folder")
                if wall < best[tool][0]:
                    best[tool] = (wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
        load = os.getloadavg()[0]
        print(
            f"a folder of {n} pages ({copies} copies of {len(blobs)}), best of {REPEAT} (tools alternating), "
            f"{os.cpu_count()} CPUs, load average {load:.1f} at the end:"
        )
        for tool, (wall, cpu) in best.items():
            how = "read_corpus on every core" if tool == "warraq" else "extract per file, one core"
            print(
                f"  {tool:12} {n / wall:8.1f} pages/s, {cpu / wall:5.2f} cores busy, "
                f"{n / cpu:8.1f} pages per CPU second ({how})"
            )
        print(f"  folder speed ratio (trafilatura / warraq): {best['trafilatura'][0] / best['warraq'][0]:.1f}x wall")


if __name__ == "__main__":
    sys.exit(main())
