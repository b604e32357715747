"""Behaviour check for refactors: record what warraq outputs, then compare a later build.

    python benchmarks/check_equal.py record build/equality      # on the build before the change
    python benchmarks/check_equal.py compare build/equality     # on the build after it

For every corpus present (our sample, and in ``../shared``: the seeds, the noisy
SaudiNewsNet pages, the HTML fixtures, ANT and SaudiNewsNet), it keeps:

- ``read_corpus`` (every column, the errors and skipped files in ``attrs``), read
  with ``errors="skip"`` so that a corpus with a bad file still compares;
- ``normalize`` and ``tokenize`` of every body;
- ``entities_frame`` over the bodies (every column);
- the TF-IDF matrix of the bodies (``data``, ``indices``, ``indptr``, vocabulary, idf);
- its keywords, and ``similar`` (k=5) on corpora of up to 12,000 documents;
- ``near_duplicates`` of the frame (pairs and scores);
- ``iter_corpus`` on corpora of up to 1,000 documents;
- ``render`` of the first documents of the corpus (HTML and labels).

``compare`` says, per corpus and output, ``same`` or where the first difference is,
and exits 1 if anything differs. Figures are compared exactly (floats bit for bit):
a refactor with no change in behaviour keeps every one.
``--only NAME`` limits the run to corpora whose name contains NAME.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import warraq

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPORA = {
    "sample": ROOT / "examples" / "sample_corpus",
    "seeds": SHARED / "seeds",
    "noisy": SHARED / "raw_pages" / "saudinewsnet_noisy",
    "html": SHARED / "raw_pages" / "html_fixtures",
    "ant": SHARED / "corpora" / "antcorpus",
    "saudinewsnet": SHARED / "corpora" / "saudinewsnet",
}
RENDERED = 20
SIMILAR_MAX_DOCS = 12_000
STREAMED_MAX_DOCS = 1_000


def relative_paths(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with paths inside this checkout made relative to it, so that a
    recording compares with a run from another checkout (a worktree, a clean clone)."""
    prefix = str(ROOT) + "/"
    df["path"] = [p.removeprefix(prefix) if isinstance(p, str) else p for p in df["path"].tolist()]
    return df


def outputs(path: Path) -> dict[str, Any]:
    """Every output this script keeps for one corpus."""
    df = relative_paths(warraq.read_corpus(str(path), errors="skip", progress=False))
    bodies = [b if isinstance(b, str) else "" for b in df["body"].tolist()]
    out: dict[str, Any] = {
        "read_corpus": df,
        "read_corpus.attrs": {k: df.attrs[k] for k in sorted(df.attrs)},
        "normalize": [warraq.normalize(b) for b in bodies],
        "tokenize": [warraq.tokenize(b) for b in bodies],
        "entities_frame": warraq.entities_frame(df, progress=False),
    }
    vec = warraq.TfidfVectorizer()
    X = vec.fit_transform(bodies)
    out["tfidf"] = {
        "data": np.asarray(X.data),
        "indices": np.asarray(X.indices),
        "indptr": np.asarray(X.indptr),
        "shape": X.shape,
        "vocabulary": sorted(vec.vocabulary_.items()),
        "idf": np.asarray(vec.idf_),
    }
    out["keywords"] = vec.keywords(X, k=5)
    if X.shape[0] <= SIMILAR_MAX_DOCS:
        out["similar"] = warraq.similar(X, k=5, progress=False)
    out["near_duplicates"] = warraq.near_duplicates(df, progress=False)
    if len(df) <= STREAMED_MAX_DOCS:
        streamed = warraq.iter_corpus(str(path), errors="skip", progress=False)
        out["iter_corpus"] = relative_paths(pd.concat(list(streamed), ignore_index=True))
    rendered = []
    for i in range(min(RENDERED, len(df))):
        r = df.ar.render(i)
        rendered.append((str(r), dict(r.labels)))
    out["render"] = rendered
    return out


def first_difference(a: Any, b: Any, where: str = "") -> str | None:
    """Where ``a`` and ``b`` first differ (None when they are equal, floats bit for bit)."""
    if type(a) is not type(b):
        return f"{where}: type {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, pd.DataFrame):
        if list(a.columns) != list(b.columns):
            return f"{where}: columns {list(a.columns)} vs {list(b.columns)}"
        if len(a) != len(b):
            return f"{where}: {len(a)} rows vs {len(b)}"
        for col in a.columns:
            if str(a[col].dtype) != str(b[col].dtype):
                return f"{where}[{col}]: dtype {a[col].dtype} vs {b[col].dtype}"
            d = first_difference(a[col].tolist(), b[col].tolist(), f"{where}[{col}]")
            if d:
                return d
        return None
    if isinstance(a, np.ndarray):
        if a.dtype != b.dtype or a.shape != b.shape:
            return f"{where}: array {a.dtype}{a.shape} vs {b.dtype}{b.shape}"
        if a.tobytes() != b.tobytes():
            i = int(np.argmax(a != b)) if a.size else 0
            return f"{where}[{i}]: {a.flat[i]!r} vs {b.flat[i]!r}"
        return None
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{where}: keys {list(a)} vs {list(b)}"
        for k in a:
            d = first_difference(a[k], b[k], f"{where}[{k!r}]")
            if d:
                return d
        return None
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return f"{where}: length {len(a)} vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
        return None
    if isinstance(a, float):
        same = (np.isnan(a) and np.isnan(b)) or np.float64(a).tobytes() == np.float64(b).tobytes()
        return None if same else f"{where}: {a!r} vs {b!r}"
    if a is pd.NaT or b is pd.NaT:
        return None if (a is pd.NaT) == (b is pd.NaT) else f"{where}: {a!r} vs {b!r}"
    return None if a == b else f"{where}: {a!r} vs {b!r}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["record", "compare"])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--only", default="")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    failed = False
    for name, path in CORPORA.items():
        if args.only not in name:
            continue
        if not path.exists():
            print(f"{name}: skipped ({path} is absent)")
            continue
        got = outputs(path)
        file = args.dir / f"{name}.pickle"
        if args.mode == "record":
            file.write_bytes(pickle.dumps(got, protocol=pickle.HIGHEST_PROTOCOL))
            print(f"{name}: recorded {len(got['read_corpus'])} documents, {len(got['entities_frame'])} entities")
            continue
        if not file.exists():
            print(f"{name}: nothing recorded in {file}")
            failed = True
            continue
        want = pickle.loads(file.read_bytes())
        for key in want:
            d = first_difference(want[key], got.get(key), key)
            print(f"{name} {key}: {'same' if d is None else 'DIFFERS ' + d}")
            failed |= d is not None
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
