"""Batch calls leave the caller's strings as they were: no UTF-8 copy cached on them.

CPython keeps the UTF-8 form of a non-ASCII ``str`` on the object once C code asks for
it, for as long as the string lives, and ``sys.getsizeof`` counts it. For a corpus
held in a DataFrame that would be as much memory again as its text, so warraq's batch
calls read texts through temporary bytes instead."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

import warraq

CALLS: dict[str, Callable[[list[str]], Any]] = {
    "normalize_batch": lambda t: warraq.Normalizer().normalize_batch(t),
    "Normalizer.tokenize_batch": lambda t: warraq.Normalizer().tokenize_batch(t, joined=True),
    "tokenize_batch": lambda t: warraq.tokenize_batch(t),
    "EntityRecognizer.extract_batch": lambda t: warraq.EntityRecognizer().extract_batch(t),
    "TfidfVectorizer.fit_transform": lambda t: warraq.TfidfVectorizer(progress=False).fit_transform(t),
    "TfidfVectorizer.fit+transform": lambda t: warraq.TfidfVectorizer(progress=False).fit(t).transform(t),
    "TfidfVectorizer.count": lambda t: warraq.TfidfVectorizer(progress=False).count(t),
    "near_duplicates": lambda t: warraq.near_duplicates(t, progress=False),
    "Series.ar.tokens": lambda t: pd.Series(t, dtype=object).ar.tokens(progress=False),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_batch_calls_cache_no_utf8_on_the_strings(name: str) -> None:
    texts = [f"قال الوزير في بيروت إن المشروع رقم {i} بدأ اليوم. " * 20 for i in range(50)]
    before = [sys.getsizeof(t) for t in texts]
    # The probe works: asking for the UTF-8 of a copy does grow it.
    probe = (texts[0] + " ")[:-1]
    size = sys.getsizeof(probe)
    # C code asking for a str's UTF-8 (what a `&str` borrow does) caches it on the object.
    as_utf8 = ctypes.pythonapi.PyUnicode_AsUTF8AndSize
    as_utf8.argtypes = [ctypes.py_object, ctypes.c_void_p]
    as_utf8.restype = ctypes.c_void_p
    as_utf8(probe, None)
    assert sys.getsizeof(probe) > size
    CALLS[name](texts)
    assert [sys.getsizeof(t) for t in texts] == before
