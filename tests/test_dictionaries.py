"""Dictionary counts against a plain-Python count over folded tokens (the sample
corpus and a SaudiNewsNet subset), and the errors of bad dictionary files."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pandas as pd
import pytest

import warraq

ROOT = Path(__file__).resolve().parent.parent

# Words and prefix globs (what the plain count below understands), already folded.
WORDS = {
    "violence": ["قتل*", "هجوم*", "انفجار*", "ارهاب*"],
    "economy": ["اقتصاد*", "نفط*", "اسعار", "استثمار*"],
    "religion": ["مسجد", "صلاه", "الحرم", "رمضان"],
    "state": ["وزير", "الوزير", "حكومه*", "امير"],
}

HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ک": "ك", "ی": "ي", "ی": "ي"}
    | {chr(0x660 + i): str(i) for i in range(10)}
    | {chr(0x6F0 + i): str(i) for i in range(10)}
)


def fold(word: str) -> str:
    """The search fold of one word, written again for the test: harakat and
    tatweel out, alef variants, ة/ه, ى/ي, Persian letters and digits folded, lower case."""
    return HARAKAT.sub("", word).translate(LETTERS).lower()


def forms(w: str) -> set[str]:
    """w and its forms behind the proclitics (و ف, then ب ك ل or لل, then ال), each
    leaving at least two letters: the documented clitic rule, written again."""
    out = {w}
    if not re.match("[\u0600-\u06ff]", w):
        return out
    bases = [w]
    for c in "وف":
        if w.startswith(c) and len(w) >= 3:
            bases.append(w[1:])
            out.add(w[1:])
            break
    articled = list(bases)
    for b in bases:
        if b.startswith("لل") and len(b) >= 4:
            out |= {"ال" + b[2:], b[2:]}
            continue
        for c in "بكل":
            if b.startswith(c) and len(b) >= 3:
                out.add(b[1:])
                articled.append(b[1:])
                break
    for b in articled:
        if b.startswith("ال") and len(b) >= 4:
            out.add(b[2:])
    return out


def plain_counts(text: str) -> tuple[list[int], int]:
    # a stand-alone tatweel run («ـــ») folds to nothing: not a word
    words = [f for t in warraq.tokens(text) if t.kind not in ("punct", "symbol") and (f := fold(t.text))]
    counts = []
    for entries in WORDS.values():
        n = 0
        for w in words:
            fs = forms(w)
            if any(f.startswith(e[:-1]) if e.endswith("*") else e in fs for e in entries for f in fs):
                n += 1
        counts.append(n)
    return counts, len(words)


def check_against_plain(texts: list[str]) -> int:
    got = warraq.dictionary_counts(texts, WORDS, progress=False)
    total = 0
    for i, text in enumerate(texts):
        expected, n_words = plain_counts(text)
        assert got.loc[i, list(WORDS)].tolist() == expected, (i, text[:200])
        assert got.loc[i, "n_words"] == n_words, i
        total += sum(expected)
    return total


def test_sample_corpus_counts_equal_a_plain_count(sample_texts: list[str]) -> None:
    assert check_against_plain(sample_texts) >= 20


def test_saudinewsnet_counts_equal_a_plain_count(saudinewsnet: list[dict[str, str]]) -> None:
    rows = random.Random(21).sample(saudinewsnet, 300)
    assert check_against_plain([r["content"] for r in rows]) > 500


def test_counts_join_the_corpus_with_rates() -> None:
    df = pd.DataFrame({"id": [7, 8, 9], "source": ["a", "b", "a"],
                       "body": ["قُتل ثلاثة في هجوم", "", "ارتفعت أسعار النفط"]})
    out = warraq.dictionary_counts(df, WORDS, progress=False)
    assert out["id"].tolist() == [7, 8, 9] and "body" not in out.columns
    assert out["violence"].tolist() == [2, 0, 0] and out["economy"].tolist() == [0, 0, 2]
    assert out["n_words"].tolist() == [4, 0, 3]
    assert out["violence_per_1k"].tolist() == [500.0, 0.0, 0.0]
    with pytest.raises(ValueError, match="also a column"):
        warraq.dictionary_counts(df, {"source": ["x"]}, progress=False)


def test_the_example_dictionary_loads_and_counts(sample_texts: list[str]) -> None:
    d = warraq.Dictionary.load(warraq.EXAMPLE_DICTIONARY)
    assert d.categories[:3] == ["violence", "economy", "religion"]
    out = warraq.dictionary_counts(sample_texts, d, progress=False)
    assert out["economy"].sum() > 0


def test_phrases_and_dic_files(tmp_path: Path) -> None:
    dic = tmp_path / "t.dic"
    dic.write_text("%\n1\tbank\n2\teconomy\n%\nالبنك المركزي\t1\t2\nاقتصاد*\t2\n", encoding="utf-8")
    out = warraq.dictionary_counts(["قال البنك المركزي وللبنك المركزي إن الاقتصاد نما"], dic, progress=False)
    assert out[["bank", "economy"]].values.tolist() == [[2, 3]]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("a.dic", "%\n1\tx\n%\nقتل\t2\n", r"a\.dic: line 4: category id 2 is not in the header"),
        ("b.dic", "1\tx\n", r"b\.dic: line 1: a \.dic file starts with a line `%`"),
        ("c.dic", "%\n1\tx\n%\nقتل\n", r"c\.dic: line 4: entry \"قتل\" has no category id"),
        ("d.yml", "violence:\n  - قتل\n  - [x]\n", r"d\.yml: line 3 column \d+: "),
        ("e.yml", "violence: [قتل\neconomy: x\n", r"e\.yml: line \d+ column \d+: "),
        ("f.yaml", "", r"f\.yaml: the file is empty"),
        ("g.txt", "x", r"g\.txt: a dictionary file ends in \.yml, \.yaml or \.dic"),
    ],
)
def test_bad_dictionary_files(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(warraq.ParseError, match=message):
        warraq.Dictionary.load(path)


def test_bad_dictionaries_in_code() -> None:
    with pytest.raises(warraq.InvalidOptionError, match="empty entry"):
        warraq.Dictionary.from_dict({"x": [" "]})
    with pytest.raises(TypeError, match="category \"x\""):
        warraq.Dictionary.from_dict({"x": 3})
    with pytest.raises(FileNotFoundError):
        warraq.Dictionary.load(ROOT / "no-such.dic")
