"""The main job on a folder of articles: ``python -m warraq.demo FOLDER``.

Prints how many documents and tokens the folder holds and its most frequent
normalised words.

>>> from pathlib import Path
>>> summary = summarize(sorted(Path("examples/sample_corpus").glob("*.txt")))
>>> summary.documents
6
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import warraq


@dataclass
class Summary:
    """What the demo reports about a corpus."""

    documents: int
    tokens: int
    words: Counter[str] = field(default_factory=Counter)


def summarize(paths: list[Path]) -> Summary:
    """Normalise and tokenise every file; count documents, tokens and words.

    >>> s = summarize([Path("examples/sample_corpus/004_glued_paragraphs.txt")])
    >>> (s.documents, s.tokens > 100)
    (1, True)
    """
    texts = [p.read_text(encoding="utf-8") for p in paths]
    normalized = warraq.Normalizer().normalize_batch(texts)
    kinds = [[t.kind for t in warraq.tokens(text)] for text in normalized]
    words: Counter[str] = Counter()
    for text in normalized:
        words.update(t.text for t in warraq.tokens(text) if t.kind == "arabic" and len(t.text) > 3)
    return Summary(documents=len(texts), tokens=sum(map(len, kinds)), words=words)


def entities_summary(paths: list[Path], top: int = 5) -> str:
    """The most frequent people, places and organisations of the files, and a few
    dated events (a full-day DATE with the words around it).

    >>> out = entities_summary(sorted(Path("examples/sample_corpus").glob("*.txt")))
    >>> "places:" in out and "عمان" in out
    True
    """
    texts = [p.read_text(encoding="utf-8") for p in paths]
    batch = warraq.EntityRecognizer().extract_batch(texts)
    lines = []
    for label, title in [("PERSON", "people"), ("LOCATION", "places"), ("ORGANIZATION", "organisations")]:
        counts = Counter(e.normalized for ents in batch for e in ents if e.label == label)
        lines.append(f"{title}: " + "، ".join(f"{name} ({n})" for name, n in counts.most_common(top)))
    lines.append("dated events:")
    seen = set()
    for text, ents in zip(texts, batch):
        for e in ents:
            if e.label != "DATE" or not isinstance(e.value, str) or len(e.value) != 10 or e.value in seen:
                continue
            seen.add(e.value)
            after = " ".join(text[e.end : e.end + 200].split()[:8])
            lines.append(f"  {e.value}  {e.text} … {after}")
            if len(seen) >= top:
                return "\n".join(lines)
    return "\n".join(lines)


def keywords_and_duplicates(paths: list[Path], k: int = 5) -> str:
    """Each article's top TF-IDF keywords, then its near-duplicate pairs.

    >>> out = keywords_and_duplicates(sorted(Path("examples/sample_corpus").glob("*.txt")))
    >>> "001_sada_water ~ 005_sada_water_reprint" in out
    True
    """
    texts = [p.read_text(encoding="utf-8") for p in paths]
    vectorizer = warraq.TfidfVectorizer(progress=False)
    X = vectorizer.fit_transform(texts)
    lines = [f"top {k} keywords per article (TF-IDF, light-stemmed, stopwords dropped):"]
    for path, kws in zip(paths, vectorizer.keywords(X, k=k)):
        lines.append(f"  {path.stem}: " + "، ".join(term for term, _ in kws))
    pairs = warraq.near_duplicates(texts)
    lines.append("near-duplicate pairs (Jaccard of 2-word shingles, MinHash/LSH):")
    for row in pairs.itertuples():
        lines.append(f"  {paths[row.i].stem} ~ {paths[row.j].stem}: {row.score:.2f} ({row.shared} shared shingles)")
    if pairs.empty:
        lines.append("  none")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the demo on a folder and print its summary."""
    parser = argparse.ArgumentParser(prog="python -m warraq.demo", description=__doc__)
    parser.add_argument("folder", type=Path, help="folder of .txt articles")
    args = parser.parse_args(argv)
    paths = sorted(args.folder.rglob("*.txt"))
    if not paths:
        print(f"no .txt files under {args.folder}", file=sys.stderr)
        return 1
    s = summarize(paths)
    print(f"warraq {warraq.__version__} on {args.folder}")
    print(f"documents: {s.documents}")
    print(f"tokens:    {s.tokens}")
    print("most frequent normalised words (longer than 3 letters):")
    for word, n in s.words.most_common(15):
        print(f"  {n:>4}  {word}")
    print(entities_summary(paths))
    print(keywords_and_duplicates(paths))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
