"""WARC archives: a generated archive of up to ~1 GB streams in bounded memory
(`make bench BENCH=warc`).

Writes a `.warc.gz` (one gzip member per record, as crawlers write them) of Arabic
news pages of our own words, with English pages, images and redirects among them, into
a temporary folder; then, in a fresh child interpreter, streams it with
`warraq.iter_corpus(..., languages=("ar",), batch_size=1000)` (each DataFrame dropped
before the next) and reports the child's peak RSS (VmHWM) above a child that only
imports, and the throughput in MB/s of decompressed archive. For reference, warcio's
`ArchiveIterator` (pure Python framing and gunzip, no HTML parsing) reads the same
archive in another child; the number of Arabic HTML pages each finds must agree with
the number written before any figure is printed.

WARRAQ_BENCH_WARC_MB=256,1024 sets the decompressed sizes (MB) of the archives.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "قال الوزير إن المشروع بدأ في العاصمة عمان بعد موافقة الحكومة على خطة النفط والذهب "
    "وأكد الرئيس أن الرياض ودمشق وبيروت والقاهرة ستشارك في المؤتمر الاقتصادي يوم الثلاثاء "
    "وارتفعت أسعار القمح والسكر بنسبة ١٢٪ خلال الربع الأول من العام الجاري وفق بيانات رسمية"
).split()
ENGLISH = "The minister said the project started in the capital after the government approved the plan".split()


def record(kind: str, uri: str, http: bytes, number: int) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:bench-{number}>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-0{1 + number % 9}T10:00:00Z\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    )
    return gzip.compress(head.encode() + http + b"\r\n\r\n", compresslevel=1)


def page(rng: random.Random, i: int, words: list[str], lang: str) -> bytes:
    paragraphs = "".join(
        "<p>" + " ".join(rng.choice(words) for _ in range(rng.randint(30, 80))) + ".</p>\n" for _ in range(rng.randint(6, 14))
    )
    nav = "".join(f'<li><a href="/s/{k}">{rng.choice(words)}</a></li>' for k in range(30))
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{" ".join(words[i % 20:i % 20 + 6])} {i}</title>'
        f'<script>var config = {{"page": {i}, "ads": ["<p>ad</p>"]}};</script><style>p {{ margin: 0 }}</style></head>'
        f"<body><nav><ul>{nav}</ul></nav><article><h1>{i}</h1>\n{paragraphs}</article>"
        f"<footer>{' '.join(words[:12])}</footer></body></html>"
    )
    body = html.encode("utf-8")
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body


def write_archive(path: Path, megabytes: int) -> tuple[int, int]:
    """Writes about `megabytes` MB (decompressed); returns (Arabic pages, decompressed bytes)."""
    rng = random.Random(megabytes)
    target = megabytes * 1_000_000
    written = arabic = i = 0
    with path.open("wb") as f:
        while written < target:
            if i % 10 == 9:
                http = page(rng, i, ENGLISH, "en")
            elif i % 20 == 4:
                http = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG" + bytes(rng.randrange(256) for _ in range(2048))
            elif i % 20 == 14:
                http = b"HTTP/1.1 301 Moved Permanently\r\nLocation: /x\r\n\r\n"
            else:
                http = page(rng, i, WORDS, "ar")
                arabic += 1
            blob = record("response", f"http://bench.example/{i}", http, i)
            f.write(blob)
            written += len(http) + 200
            i += 1
    return arabic, written


def child_stream(path: str) -> None:
    import warraq

    start = time.perf_counter()
    rows = 0
    for df in warraq.iter_corpus(path, languages=("ar",), batch_size=1000, progress=False):
        rows += len(df)
        del df
    print(json.dumps({"rows": rows, "seconds": time.perf_counter() - start, "hwm_kib": hwm_kib()}))


def child_warcio(path: str) -> None:
    from warcio.archiveiterator import ArchiveIterator

    start = time.perf_counter()
    rows = 0
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f):
            if rec.rec_type != "response" or rec.http_headers is None:
                continue
            if rec.http_headers.get_statuscode() != "200":
                continue
            if not (rec.http_headers.get_header("Content-Type") or "").startswith("text/html"):
                continue
            body = rec.content_stream().read()
            if b'lang="ar"' in body[:200]:
                rows += 1
    print(json.dumps({"rows": rows, "seconds": time.perf_counter() - start, "hwm_kib": hwm_kib()}))


def child_none(path: str) -> None:
    import warraq  # noqa: F401

    print(json.dumps({"rows": 0, "seconds": 0.0, "hwm_kib": hwm_kib()}))


def hwm_kib() -> int:
    status = Path("/proc/self/status").read_text().splitlines()
    return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


def run_child(which: str, path: Path) -> dict[str, float]:
    # The warraq this process imported (an installed one, or PYTHONPATH's), else the checkout's.
    env = dict(os.environ, PYTHONPATH=os.environ.get("PYTHONPATH") or str(ROOT / "python"))
    out = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--child", which, str(path)],
        capture_output=True, text=True, env=env, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    sizes = [int(s) for s in os.environ.get("WARRAQ_BENCH_WARC_MB", "256,1024").split(",")]
    try:
        import warcio  # noqa: F401

        have_warcio = True
    except ImportError:
        have_warcio = False
    tmp = Path(tempfile.mkdtemp(prefix="warraq_bench_warc_"))
    try:
        base = run_child("none", tmp)["hwm_kib"] / 1024
        print(f"baseline (import only): {base:.0f} MiB")
        print("| decompressed MB | file MB | Arabic pages | warraq s | warraq MB/s | warraq peak MiB above import | warcio s (framing only) |")
        print("|---|---|---|---|---|---|---|")
        for mb in sizes:
            path = tmp / f"bench-{mb}.warc.gz"
            t0 = time.perf_counter()
            arabic, raw = write_archive(path, mb)
            print(f"(wrote {path.name}: {path.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - t0:.0f} s)", flush=True)
            got = run_child("stream", path)
            if got["rows"] != arabic:
                print(f"MISMATCH: warraq read {got['rows']} Arabic pages, {arabic} written")
                return 1
            ref = "-"
            if have_warcio:
                w = run_child("warcio", path)
                if w["rows"] != arabic:
                    print(f"MISMATCH: warcio found {w['rows']} Arabic pages, {arabic} written")
                    return 1
                ref = f"{w['seconds']:.1f}"
            peak = got["hwm_kib"] / 1024 - base
            print(
                f"| {raw / 1e6:.0f} | {path.stat().st_size / 1e6:.0f} | {arabic:,} | {got['seconds']:.1f} | "
                f"{raw / 1e6 / got['seconds']:.1f} | {peak:.0f} | {ref} |",
                flush=True,
            )
            path.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        {"stream": child_stream, "warcio": child_warcio, "none": child_none}[sys.argv[2]](sys.argv[3])
        raise SystemExit(0)
    sys.exit(main())
