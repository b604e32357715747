"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/ at run time.

Seeds come from examples/sample_corpus (ours) and, when present, ../shared (third-party
text read in place, never committed): the seed articles, a few noisy SaudiNewsNet
records and ANT SGML files. Each target's seeds carry the leading option bytes its
entry point reads (see crates/warraq/tests/fuzz_regressions/entries.rs).

    python3 fuzz/make_seeds.py [repo_root]
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from pathlib import Path

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
SHARED = ROOT / ".." / "shared"
OUT = ROOT / "fuzz" / "corpus"
MAX_SEED = 64 * 1024


def texts() -> list[str]:
    paths = sorted((ROOT / "examples" / "sample_corpus").glob("*.txt"))
    paths += sorted((SHARED / "seeds").glob("*.txt"))
    paths += sorted((SHARED / "raw_pages" / "saudinewsnet_noisy").glob("*.txt"))[:10]
    out = [p.read_text(encoding="utf-8")[:MAX_SEED] for p in paths]
    out += [
        "الثلاثاء، 03-05-2016 الساعة 08:52\nنشر في الأول يوم 03 - 05 - 2016",
        "26 فبراير/شباط الماضي، 15 رمضان 1437 هـ، أمس الاثنين، 3 آذار 2015، ١٢/٠٥/٢٠١٦",
        "ارتفع بنسبة ٪11 إلى 36,7 مليار درهم. زوروا www.example.com أو name@example.com #سوريا @user",
        "قال د. أحمد إن النمو بلغ 3.5%. وأضاف: «سنرى»!\u200f\u0651\u0651\u0651 ﷽ ﻻ 😀👍🏽",
    ]
    return out


def sgml_files() -> list[str]:
    ant = SHARED / "corpora" / "antcorpus"
    files = sorted(ant.glob("*/*.txt"))[:5] if ant.is_dir() else []
    out = [p.read_text(encoding="utf-8")[:MAX_SEED] for p in files]
    t = texts()[0]
    out.append(f'<DOC id="X_1">\n<HEADLINE>عنوان &amp; آخر</HEADLINE>\n<DATELINE>القاهرة</DATELINE>\n'
               f"<TIME>2017-01-26T08:31:00+01:00</TIME>\n<TEXT>\n<P>{t[:400]}</P>\n<P>فقرة.</P>\n</TEXT>\n</DOC>\n<DOC><DOCNO>B</DOCNO><TEXT>نص.</TEXT></DOC>")
    return out


def records() -> list[dict[str, str]]:
    noisy = SHARED / "raw_pages" / "saudinewsnet_noisy"
    out = []
    for p in sorted(noisy.glob("*.json"))[:5] if noisy.is_dir() else []:
        rec = json.loads(p.read_text(encoding="utf-8"))
        if isinstance(rec, dict):
            out.append({k: str(v)[:4000] for k, v in rec.items()})
    for i, t in enumerate(texts()[:4]):
        out.append({"id": str(i), "title": t.split("\n", 1)[0], "date": "2016-05-03", "author": "م", "text": t[:4000]})
    return out


def write(target: str, seeds: list[bytes]) -> None:
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    for s in seeds:
        (d / hashlib.sha1(s).hexdigest()).write_bytes(s)
    print(f"{target}: {len(seeds)} seeds in {d}")


def corpus_seeds() -> list[bytes]:
    # Leading byte (entries.rs corpus_bytes): bits 0-2 the file name (extension), bits
    # 3-5 the encoding (0 detect, 1 utf-8, 2 utf-16, 3 utf-16be, 4 windows-1256), bits
    # 6-7 the format (0 detect, 2 forced to the extension's, 3 plain text).
    name = {"txt": 0, "json": 1, "jsonl": 2, "csv": 3, "tsv": 4, "sgml": 5}
    recs = records()
    jsonl = "\n".join(json.dumps(r, ensure_ascii=False) for r in recs)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=sorted({k for r in recs for k in r}))
    w.writeheader()
    w.writerows(recs)
    docs: list[tuple[str, str]] = [("txt", t) for t in texts()[:8]]
    docs += [("json", json.dumps(recs, ensure_ascii=False)), ("jsonl", jsonl), ("csv", buf.getvalue())]
    docs += [("sgml", s) for s in sgml_files()]
    out = []
    for ext, text in docs:
        b = name[ext]
        cp = text.encode("cp1256", errors="ignore")
        out += [
            bytes([b]) + text.encode("utf-8"),  # detected UTF-8
            bytes([b | 1 << 3 | 2 << 6]) + text.encode("utf-8"),  # forced UTF-8 and format
            bytes([b]) + text.encode("utf-16"),  # UTF-16 with BOM, detected
            bytes([b | 2 << 3]) + text.encode("utf-16"),  # forced utf-16
            bytes([b | 3 << 3]) + text.encode("utf-16-be"),  # forced UTF-16BE, no BOM
            bytes([b]) + text.encode("utf-16-le"),  # UTF-16LE without BOM, sniffed
            bytes([b]) + cp,  # Windows-1256, detected
            bytes([b | 4 << 3]) + cp,  # Windows-1256, forced
        ]
    return out


def html_seeds() -> list[bytes]:
    # Leading byte (entries.rs html_page): bits 0-1 the HTTP charset, bit 2 a URL.
    pages = [ROOT / "examples" / "web" / "sample_page.html"]
    pages += sorted((SHARED / "raw_pages" / "html_fixtures").glob("*/page.html"))
    out = []
    for i, p in enumerate(pages):
        page = p.read_bytes()[:MAX_SEED]
        out += [bytes([i & 7]) + page]
    sample = pages[0].read_text(encoding="utf-8")
    out.append(b"\x02" + sample.replace('<meta charset="utf-8">', "").encode("cp1256"))
    return out
def warc_seeds() -> list[bytes]:
    # Leading byte (entries.rs warc): bit 0 errors="skip", bit 1 languages=["ar"],
    # bit 2 the rest gzipped first.
    def record(kind: str, uri: str, block: bytes) -> bytes:
        head = (
            f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2020-08-24T11:05:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(block)}\r\n\r\n"
        )
        return head.encode() + block + b"\r\n\r\n"

    pages = [t for t in texts()[:4]]
    archive = b"".join(
        record(
            "response",
            f"http://example.org/{i}",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + f"<html lang=ar><title>{i}</title><body><p>{t}</p></body></html>".encode("utf-8"),
        )
        for i, t in enumerate(pages)
    )
    archive += record("response", "http://example.org/x.png", b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG")
    archive += record("response", "http://example.org/r", b"HTTP/1.1 301 Moved\r\nLocation: /\r\n\r\n")
    return [bytes([b]) + archive for b in range(8)] + [bytes([1]) + archive[: len(archive) // 2]]


def main() -> None:
    ts = [t.encode("utf-8") for t in texts()]
    write("normalize", [b"\xff\x0f" + t for t in ts] + [b"\x00\x00" + t for t in ts[:4]])
    write("tokenize", ts)
    write("sentences", ts)
    write("parse_document", ts)
    write("dates", [b"\x07" + t for t in ts])
    write("entities", [b"\x01" + t for t in ts])
    write("corpus_bytes", corpus_seeds())
    write("html_page", html_seeds())
    write("warc", warc_seeds())
    vec_seeds = [b'{"format": "warraq.TfidfVectorizer", "version": 1}']
    saved = ROOT / "fuzz" / "corpus" / "vectorizer.json"
    try:
        sys.path.insert(0, str(ROOT / "python"))
        import warraq  # noqa: PLC0415  (the built extension, when `make build-release` ran)

        v = warraq.TfidfVectorizer(ngram_range=(1, 2), progress=False)
        v.fit(texts()[:6])
        v.save(saved)
        vec_seeds.append(saved.read_bytes())
        v2 = warraq.TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), max_features=50, progress=False)
        v2.fit(texts()[:3])
        v2.save(saved)
        vec_seeds.append(saved.read_bytes())
        saved.unlink()
    except Exception as e:  # noqa: BLE001  (seeds are best effort)
        print(f"vectorizer_load: no saved vectorizer seed ({e})")
    write("vectorizer_load", vec_seeds)
    model = ROOT / "crates" / "warraq" / "data" / "ner-model.bin"
    write("model_load", [model.read_bytes()[:4096], model.read_bytes()] if model.is_file() else [b"WARRAQNER"])


if __name__ == "__main__":
    main()
