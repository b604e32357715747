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


def show_corpus(folder: Path) -> None:
    """Load the folder with :func:`warraq.read_corpus`; print its head and what was removed.

    >>> show_corpus(Path("examples/sample_corpus"))  # doctest: +ELLIPSIS
    read_corpus: 6 documents...
    """
    df = warraq.read_corpus(folder, progress=False)
    print(f"read_corpus: {len(df)} documents, {int(df['n_words'].sum())} words in clean bodies")
    for row in df.itertuples():
        date = "-" if row.published is None or str(row.published) == "NaT" else str(row.published)
        first = " ".join(str(row.body).split()[:8])
        print(f"  {row.id}: {row.title}")
        print(f"      date={date}  source={row.source}  author={row.author}  dateline={row.dateline}")
        print(f"      body: {first} …")
    print("boilerplate removed (reason: line):")
    for row in df.itertuples():
        for item in row.boilerplate:
            line = item["line"] if len(item["line"]) <= 70 else item["line"][:70] + "…"
            print(f"  {row.id}  {item['reason']}: {line}")


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
    show_corpus(args.folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
