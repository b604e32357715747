"""warraq.tokenize / tokens / sentences (mirrors crates/warraq-py/src/tokenize.rs)."""

from __future__ import annotations

import pytest

import warraq


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ارتفع بنسبة ٪11", [("ارتفع", "arabic"), ("بنسبة", "arabic"), ("٪11", "number")]),
        ("36,7 مليار و11.6 و٣٫٥", [("36,7", "number"), ("مليار", "arabic"), ("و", "arabic"),
                                   ("11.6", "number"), ("و", "arabic"), ("٣٫٥", "number")]),
        ("راسلونا info@example.org", [("راسلونا", "arabic"), ("info@example.org", "email")]),
        ("@alrai_alyoum #رؤية_2030", [("@alrai_alyoum", "mention"), ("#رؤية_2030", "hashtag")]),
        ("https://ar.example.com/x?id=3.", [("https://ar.example.com/x?id=3", "url"), (".", "punct")]),
        ("Sky news 😀 $", [("Sky", "latin"), ("news", "latin"), ("😀", "symbol"), ("$", "symbol")]),
        ("ماي2016", [("ماي", "arabic"), ("2016", "number")]),
    ],
)
def test_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.kind) for t in warraq.tokens(text)] == expected
    assert warraq.tokenize(text) == [w for w, _ in expected]


def test_offsets_are_python_indices(sample_texts: list[str]) -> None:
    for text in sample_texts:
        toks = warraq.tokens(text)
        assert toks, "sample articles are not empty"
        prev_end = 0
        for t in toks:
            assert text[t.start : t.end] == t.text
            assert t.start >= prev_end
            prev_end = t.end


def test_offsets_with_astral_and_combining() -> None:
    text = "😀 نصٌّ 𝒳 e\u0301 ﻻ"
    for t in warraq.tokens(text):
        assert text[t.start : t.end] == t.text


def test_batch_forms(sample_texts: list[str]) -> None:
    assert warraq.tokenize_batch(sample_texts) == [warraq.tokenize(t) for t in sample_texts]
    joined = warraq.tokenize_batch(sample_texts, joined=True)
    assert joined == [" ".join(warraq.tokenize(t)) for t in sample_texts]


def test_token_value_semantics() -> None:
    a, b = warraq.tokens("كلمة"), warraq.tokens("كلمة")
    assert a == b and hash(a[0]) == hash(b[0])
    assert repr(a[0]).startswith("Token(")


def test_sentences() -> None:
    text = "قال د. أحمد إن النمو بلغ 3.5%. هل تتوقع المزيد؟ نعم!\nسطر آخر بلا نقطة"
    assert warraq.sentences(text) == [
        "قال د. أحمد إن النمو بلغ 3.5%.",
        "هل تتوقع المزيد؟",
        "نعم!",
        "سطر آخر بلا نقطة",
    ]
    spans = warraq.sentence_spans(text)
    assert [text[a:b] for a, b in spans] == warraq.sentences(text)


def test_sentences_do_not_split_urls_or_emails() -> None:
    assert warraq.sentences("راجع www.example.com وراسل a.b@example.com للمزيد.") == [
        "راجع www.example.com وراسل a.b@example.com للمزيد."
    ]


def test_bad_input() -> None:
    with pytest.raises(TypeError):
        warraq.tokenize(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(warraq.InvalidTextError):
        warraq.tokens("\udfff")
    assert warraq.tokenize("") == []
    assert warraq.sentences("") == []
