"""warraq.normalize / warraq.Normalizer (mirrors crates/warraq-py/src/normalize.rs)."""

from __future__ import annotations

import ast
import pickle
import threading
from pathlib import Path

import pytest

import warraq

OPTIONS = [
    "unicode", "diacritics", "tatweel", "alef", "alef_maqsura", "teh_marbuta",
    "hamza", "digits", "punctuation", "persian", "controls", "whitespace",
]


@pytest.mark.parametrize(
    ("option", "raw", "on", "off"),
    [
        ("unicode", "ﻻ", "لا", "ﻻ"),
        ("diacritics", "كَتَبَ", "كتب", "كَتَبَ"),
        ("diacritics", "ٱللَّهِ\u06d6", "ٱلله", "ٱللَّهِ\u06d6"),
        ("tatweel", "كتـــاب", "كتاب", "كتـــاب"),
        ("alef", "أإآٱ", "اااا", "أإآٱ"),
        ("alef_maqsura", "على", "علي", "على"),
        ("teh_marbuta", "مدرسة", "مدرسه", "مدرسة"),
        ("hamza", "مسؤول قائد", "مسءول قاءد", "مسؤول قائد"),
        ("digits", "٢٠١٦ ۱۲", "2016 12", "٢٠١٦ ۱۲"),
        ("punctuation", "، ؛ ؟ ٪ ٫ ٬", ", ; ? % . ,", "، ؛ ؟ ٪ ٫ ٬"),
        ("persian", "کتاب ی", "كتاب ي", "کتاب ی"),
        ("controls", "a\u200fb\u200bc\u202bd\u202c", "abcd", "a\u200fb\u200bc\u202bd\u202c"),
        ("whitespace", " a \t b\n\n\nc ", "a b\n\nc", " a \t b\n\n\nc "),
    ],
)
def test_each_option_alone(option: str, raw: str, on: str, off: str) -> None:
    none = {name: False for name in OPTIONS}
    assert warraq.normalize(raw, **{**none, option: True}) == on
    assert warraq.normalize(raw, **none) == off


def test_defaults_are_documented_ones() -> None:
    opts = warraq.Normalizer().options
    assert opts == {name: name != "hamza" for name in OPTIONS}


def test_none_keeps_the_default_and_wrong_options_say_which() -> None:
    assert warraq.Normalizer(hamza=None, alef=None) == warraq.Normalizer()
    assert warraq.normalize("مدرسة", teh_marbuta=None) == "مدرسه"
    with pytest.raises(TypeError, match="unexpected keyword argument 'bogus'; the options are unicode, "):
        warraq.normalize("x", bogus=True)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="argument 'hamza' must be True, False or None, not 1"):
        warraq.Normalizer(hamza=1)  # type: ignore[arg-type]


def test_stubs_list_the_core_options() -> None:
    # The runtime signatures are (**options) and (text, **options); the stub types
    # the options with one TypedDict, in the core's order (one list in
    # crates/warraq/src/normalize/options.rs).
    stub = ast.parse((Path(warraq.__file__).parent / "_warraq.pyi").read_text(encoding="utf-8"))
    typed = next(n for n in stub.body if isinstance(n, ast.ClassDef) and n.name == "_NormalizeOptions")
    fields = [f.target.id for f in typed.body if isinstance(f, ast.AnnAssign) and isinstance(f.target, ast.Name)]
    assert fields == list(warraq.Normalizer().options)
    unpacked = [
        f.name
        for f in ast.walk(stub)
        if isinstance(f, ast.FunctionDef)
        and f.args.kwarg is not None
        and ast.unparse(f.args.kwarg.annotation or ast.Constant(None)) == "Unpack[_NormalizeOptions]"
    ]
    assert sorted(unpacked) == ["__new__", "normalize"]


def test_normalizer_pickles_and_compares() -> None:
    n = warraq.Normalizer(hamza=True, whitespace=False)
    back = pickle.loads(pickle.dumps(n))
    assert back == n
    assert back.options == n.options
    assert back != warraq.Normalizer()
    assert repr(n) == "Normalizer(hamza=True, whitespace=False)"


def test_batch_equals_single(sample_texts: list[str]) -> None:
    n = warraq.Normalizer()
    assert n.normalize_batch(sample_texts) == [n.normalize(t) for t in sample_texts]
    assert n.normalize_batch(iter(sample_texts[:2])) == [n.normalize(t) for t in sample_texts[:2]]


def test_idempotent_on_sample(sample_texts: list[str]) -> None:
    n = warraq.Normalizer()
    for t in sample_texts:
        once = n.normalize(t)
        assert n.normalize(once) == once


def test_type_errors() -> None:
    with pytest.raises(TypeError, match="text must be str, not int"):
        warraq.normalize(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"texts\[1\] must be str, not NoneType"):
        warraq.Normalizer().normalize_batch(["أ", None])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not a single str"):
        warraq.Normalizer().normalize_batch("أبجد")
    with pytest.raises(TypeError):
        warraq.Normalizer(bogus=True)  # type: ignore[call-arg]


def test_lone_surrogate_names_its_index() -> None:
    with pytest.raises(warraq.InvalidTextError, match="index 3") as info:
        warraq.normalize("abc\udc80def")
    assert info.value.index == 3
    assert isinstance(info.value, ValueError)
    with pytest.raises(ValueError, match=r"texts\[1\] contains a lone surrogate U\+D800"):
        warraq.Normalizer().normalize_batch(["ok", "x\ud800"])


def test_threads_share_one_normalizer(sample_texts: list[str]) -> None:
    n = warraq.Normalizer()
    expected = [n.normalize(t) for t in sample_texts]
    results: list[list[str]] = []

    def work() -> None:
        results.append(n.normalize_batch(sample_texts * 4)[: len(sample_texts)])

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 8


def test_large_text_releases_gil_and_matches() -> None:
    text = "أَهْلاً ﻻ ٣٫٥ " * 50_000
    assert warraq.normalize(text) == ("اهلا لا 3.5 " * 50_000).strip()


def test_normalizer_tokenize_is_tokenize_of_normalize(sample_texts: list[str]) -> None:
    for opts in ({}, {"whitespace": False, "controls": False}, {"unicode": False, "digits": False}):
        n = warraq.Normalizer(**opts)
        expected = [warraq.tokenize(n.normalize(t)) for t in sample_texts]
        assert [n.tokenize(t) for t in sample_texts] == expected
        assert n.tokenize_batch(sample_texts) == expected
        assert n.tokenize_batch(sample_texts, joined=True) == [" ".join(e) for e in expected]
    assert warraq.Normalizer().tokenize("") == []
    assert warraq.Normalizer().tokenize_batch(["", " \u200f "], joined=True) == ["", ""]
    with pytest.raises(TypeError, match="texts must be an iterable of str"):
        warraq.Normalizer().tokenize_batch("نص")
