"""Property tests (hypothesis) for normalisation and tokenisation on arbitrary Unicode:
combining-mark storms, bidi controls, NUL, Arabic mixed with Latin and emoji."""

from __future__ import annotations

import string

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import warraq

OPTION_NAMES = list(warraq.Normalizer().options)

# The largest expansion of one code point: U+FDFD (﷽) becomes the 22 code points of
# «بسم الله الرحمن الرحيم» (camel-tools' mapping, which `unicode` follows); the largest
# pure NFKC expansion is U+FDFA (ﷺ), 18 code points. Nothing else lengthens text.
MAX_EXPANSION = 22

ARABIC = "".join(chr(c) for c in range(0x0600, 0x0700)) + "ﻻﷲﷺ﷽﷼"
MARKS = "".join(chr(c) for c in [*range(0x064B, 0x0660), 0x0670, 0x0301, 0x0308, 0x20E3, 0xFE0F, 0x06D6, 0x08F0])
CONTROLS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\x00\x1a\x85\xad"
SPACES = " \t\n\r\x0b\x0c\xa0\u2028\u2029\u3000\x1c"
EMOJI = "😀👍🏽🇸🇦❤️👨‍👩‍👧#@%٪٫٬.,:;!?؟،؛«»()"
ALPHABET = ARABIC + MARKS + CONTROLS + SPACES + EMOJI + string.ascii_letters + string.digits + "٠١٢٣٤٥٦٧٨٩۰۱۲"

mixed_text = st.one_of(
    st.text(alphabet=st.sampled_from(ALPHABET), max_size=60),
    st.text(max_size=40),  # any code point (no surrogates)
    st.lists(st.sampled_from(MARKS + CONTROLS), max_size=30).map("".join),  # mark storms
)
options = st.fixed_dictionaries({name: st.booleans() for name in OPTION_NAMES})


@settings(max_examples=400, deadline=None)
@given(text=mixed_text, opts=options)
@example(text="ا\u0640\u0653", opts={name: name in {"unicode", "tatweel"} for name in OPTION_NAMES})
@example(text="e\u200b\u0301", opts={name: name in {"unicode", "controls"} for name in OPTION_NAMES})
@example(text="ه\u200d\u200d", opts={name: name == "persian" for name in OPTION_NAMES})
@example(text="﷽" * 3, opts={name: True for name in OPTION_NAMES})
def test_normalize_is_idempotent_and_bounded(text: str, opts: dict[str, bool]) -> None:
    n = warraq.Normalizer(**opts)
    once = n.normalize(text)
    assert n.normalize(once) == once
    assert len(once) <= MAX_EXPANSION * len(text)
    assert n.normalize_batch([text]) == [once]


def test_max_expansion_is_the_true_maximum() -> None:
    n = warraq.Normalizer()
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    lengths = [len(s) for s in n.normalize_batch(chars)]
    longest = max(range(len(chars)), key=lengths.__getitem__)
    assert (chars[longest], lengths[longest]) == ("\ufdfd", MAX_EXPANSION)
    unicode_only = warraq.Normalizer(**{name: name == "unicode" for name in OPTION_NAMES})
    assert len(unicode_only.normalize("\ufdfa")) == 18


@settings(max_examples=400, deadline=None)
@given(text=mixed_text)
@example(text="  ﻻ\u0301  x\u0301y 😀👍🏽 ١٢ \u0301\u0301")
@example(text="\u200d\u200c\u0301")
def test_token_and_sentence_spans_slice_the_string(text: str) -> None:
    toks = warraq.tokens(text)
    prev_end = 0
    for t in toks:
        assert text[t.start : t.end] == t.text
        assert prev_end <= t.start < t.end
        assert t.text.strip() != "", repr(t)
        prev_end = t.end
    assert warraq.tokenize(text) == [t.text for t in toks]
    spans = warraq.sentence_spans(text)
    prev_end = 0
    for (a, b), sentence in zip(spans, warraq.sentences(text), strict=True):
        assert text[a:b] == sentence
        assert prev_end <= a < b
        assert sentence.strip() != ""
        prev_end = b
    # Every token lies inside exactly one sentence.
    assert all(any(a <= t.start and t.end <= b for a, b in spans) for t in toks)


@settings(max_examples=100, deadline=None)
@given(prefix=st.text(alphabet=st.sampled_from(ALPHABET), max_size=10), surrogate=st.integers(0xD800, 0xDFFF))
def test_lone_surrogates_are_invalid_text_with_their_index(prefix: str, surrogate: int) -> None:
    text = prefix + chr(surrogate) + "ب"
    for call in (warraq.normalize, warraq.tokenize, warraq.tokens, warraq.sentences):
        with pytest.raises(warraq.InvalidTextError) as info:
            call(text)
        assert info.value.index == len(prefix)


# -- entities, documents, TF-IDF, huge and invalid strings -----------------------------

LINES = [
    "قال الوزير إن المشروع سيبدأ قريباً في العاصمة بعد موافقة الحكومة عليه.",
    "عنوان الخبر الرئيسي هنا",
    "الثلاثاء، 03-05-2016 الساعة 08:52",
    "لندن - الخليج أونلاين",
    "whatsapp",
    "كلمات دلالية ...",
    "سوريا  ,   تركيا  ,",
    "اقرأ أيضاً:",
    "أنقرة تنفي الاتفاق مع روسيا على تسليم قرى",
    "للتواصل: name@example.com",
    " // انتهى //  17:18 ت م",
    "رابط الخبر بصحيفة الوئام: عنوان",
    "الرئيسية",
    "* بند أول من القائمة",
    "الجملة الأولى انتهت هنا., الجملة الثانية بدأت., وثالثة.",
    "وقال أبو محمد الجولاني إن القوات وصلت إلى وحلب في 26 فبراير/شباط الماضي.",
]
article = st.lists(st.one_of(st.sampled_from(LINES), mixed_text), max_size=20).map("\n".join)


def _letters(s: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for c in s:
        if c.isalnum():
            counts[c] = counts.get(c, 0) + 1
    return counts


@settings(max_examples=200, deadline=None)
@given(raw=article)
@example(raw="عنوان\n\nwhatsapp\nFacebook\n\nقال الوزير إن المشروع بدأ في العاصمة.\n\nمكة المكرمة")
def test_parse_document_loses_no_text(raw: str) -> None:
    """Every letter and digit of the input is in a field, the body, the tags, the
    related headlines or a boilerplate line: nothing is dropped silently."""
    doc = warraq.parse_document(raw)
    kept = [doc.title, doc.subtitle, doc.source, doc.author, doc.dateline, doc.published_text, doc.body]
    kept += doc.tags + doc.related + [b["line"] for b in doc.boilerplate]
    have = _letters("\n".join(k for k in kept if k))
    lost = {c: n - have.get(c, 0) for c, n in _letters(raw).items() if n > have.get(c, 0)}
    assert not lost, (raw, doc.to_dict())
    assert doc.body == "\n\n".join(doc.paragraphs)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(article, mixed_text), published=st.sampled_from([None, "2016-05-03"]))
def test_entity_spans_slice_the_string_in_order(text: str, published: str | None) -> None:
    ents = warraq.extract_entities(text, published=published)
    prev_end = 0
    for e in ents:
        assert text[e.start : e.end] == e.text
        assert prev_end <= e.start < e.end
        assert 0.0 <= e.score <= 1.0
        prev_end = e.end
    assert warraq.EntityRecognizer().extract_batch([text, text], published=[published] * 2) == [ents, ents]


@settings(max_examples=60, deadline=None)
@given(docs=st.lists(st.one_of(article, mixed_text), min_size=1, max_size=10), sublinear=st.booleans())
def test_tfidf_rows_have_unit_norm_or_are_empty(docs: list[str], sublinear: bool) -> None:
    import numpy as np

    v = warraq.TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=sublinear, progress=False)
    try:
        X = v.fit_transform(docs)
    except ValueError as e:  # no term at all, as in scikit-learn
        assert "empty vocabulary" in str(e) or "no terms" in str(e), e
        return
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    nnz = np.diff(X.indptr)
    assert np.all((nnz == 0) | (np.abs(norms - 1.0) < 1e-9)), norms


def test_ten_megabyte_string() -> None:
    unit = "قال الوزير إن المشروع 😀 بدأ في Paris يوم 3 مايو 2016.\u0651\u200f ﷽\n"
    text = unit * (10_000_000 // len(unit.encode()) + 1)
    assert len(text.encode()) >= 10_000_000
    once = warraq.normalize(text)
    assert warraq.normalize(once) == once
    assert len(once) <= MAX_EXPANSION * len(text)
    toks = warraq.tokens(text)
    assert len(toks) > 1_000_000
    step = len(toks) // 1000
    assert all(text[t.start : t.end] == t.text for t in toks[::step])
    assert toks[-1].end <= len(text)
    ents = warraq.extract_entities(text[:1_000_000])
    assert ents and all(text[e.start : e.end] == e.text for e in ents)


@settings(max_examples=50, deadline=None)
@given(prefix=st.text(alphabet=st.sampled_from(ALPHABET), max_size=10), surrogate=st.integers(0xD800, 0xDFFF))
def test_lone_surrogates_everywhere_are_invalid_text(prefix: str, surrogate: int) -> None:
    text = prefix + chr(surrogate) + "ب"
    n = warraq.Normalizer()
    calls = [
        warraq.parse_document,
        warraq.extract_entities,
        warraq.sentence_spans,
        warraq.analyze,
        n.normalize,
        n.tokenize,
        lambda t: n.normalize_batch(["ok", t]),
        lambda t: warraq.tokenize_batch([t]),
        lambda t: warraq.EntityRecognizer().extract_batch([t]),
        lambda t: warraq.TfidfVectorizer(progress=False).fit_transform(["نص", t]),
    ]
    for call in calls:
        with pytest.raises(warraq.InvalidTextError):
            call(text)
