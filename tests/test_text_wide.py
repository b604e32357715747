"""Parity of the code-point/UTF-16 text path (``crates/warraq-py/src/wide.rs``) with
the behaviour it replaced: per text and batch agree, tokens equal ``warraq.tokenize``
(still the UTF-8 route) of the normalised text, and on SaudiNewsNet every output
hashes to what the UTF-8 implementation produced (recorded 2026-12-07 from 6fcfc5c)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import warraq

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "saudinewsnet"

# Arabic letters, marks and presentation forms, ASCII, Latin-1, spaces and line
# breaks, invisible controls, and characters outside the BMP (emoji, maths letters).
ALPHABET = st.one_of(
    st.characters(min_codepoint=0x600, max_codepoint=0x6FF),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFC),
    st.sampled_from(list(" \n\r\t\u00a0\u200c\u200d\u200f\u202b\ufdfc\ufdfd\u0640é😀👨\u200d👩🇸🇦𝐀")),
    st.characters(codec="utf-8"),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=60), max_size=6))
def test_batch_per_text_and_utf8_route_agree(texts: list[str]) -> None:
    n = warraq.Normalizer()
    normalized = [n.normalize(t) for t in texts]
    assert n.normalize_batch(texts) == normalized
    assert [warraq.normalize(t) for t in texts] == normalized
    tokens = [n.tokenize(t) for t in texts]
    assert tokens == [warraq.tokenize(t) for t in normalized]
    assert n.tokenize_batch(texts) == tokens
    assert n.tokenize_batch(texts, joined=True) == [" ".join(t) for t in tokens]


def test_empty_and_bad_input() -> None:
    n = warraq.Normalizer()
    assert n.tokenize("") == [] and n.tokenize("  \u200f ") == []
    assert n.normalize("") == "" and n.normalize_batch([]) == []
    assert n.tokenize_batch(["", "ـ"]) == [[], []]
    with pytest.raises(ValueError, match=r"texts\[1\] contains a lone surrogate U\+D800"):
        n.normalize_batch(["ا", "a\ud800"])
    with pytest.raises(ValueError, match="lone surrogate"):
        n.tokenize("a\udc00")
    with pytest.raises(TypeError, match=r"texts\[0\] must be str, not int"):
        n.tokenize_batch([3], joined=True)
    with pytest.raises(TypeError, match="text must be str"):
        n.normalize(b"x")  # type: ignore[arg-type]


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared SaudiNewsNet corpus is absent")
def test_saudinewsnet_outputs_unchanged() -> None:
    texts: list[str] = []
    for path in sorted(CORPUS.glob("*.json")):
        for article in json.loads(path.read_text(encoding="utf-8")):
            texts += [article["content"], article["title"]]
    n = warraq.Normalizer()

    def digest(out: object) -> str:
        return hashlib.sha256(json.dumps(out, ensure_ascii=False).encode()).hexdigest()

    sub = texts[::7]
    assert digest(n.normalize_batch(texts)) == "b2f9552e5fe3a8f1007dadc21be7060987968d705b93095b10a0969a8002559d"
    assert digest(n.tokenize_batch(texts, joined=True)) == (
        "c4b351e9338aedeed4844ccafe15781bbeec05ce6e3e027087a595468f7e1cf4"
    )
    assert digest(n.tokenize_batch(texts)) == "7568452166e1b2911acd8d48f0176c2e555c39af7d34261309e89d475ef5501f"
    assert digest([n.normalize(t) for t in sub]) == "7c73163b87db6f814493470710d7e8676045c41271191eba4a1374c59520b849"
    assert digest([n.tokenize(t) for t in sub]) == "68dcce5b1ddd39ae96979806d8a36840745b3602eee5f6fa6eaadee9846a2e2e"
