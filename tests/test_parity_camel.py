"""Parity with camel-tools' normalisers on the whole SaudiNewsNet corpus.

With ``unicode``, ``diacritics``, ``alef``, ``alef_maqsura`` and ``teh_marbuta`` on and
every other option off, ``warraq.normalize`` must equal camel-tools'
``normalize_unicode`` → ``dediac_ar`` → ``normalize_alef_ar`` →
``normalize_alef_maksura_ar`` → ``normalize_teh_marbuta_ar`` exactly, on every
article (content and title) except those containing a mark that our ``diacritics``
deliberately removes and camel's ``dediac_ar`` keeps (``EXTRA_MARKS`` below).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest

import warraq

camel_normalize = pytest.importorskip(
    "camel_tools.utils.normalize", reason="camel-tools is not installed (pip install --no-deps camel-tools regex six emoji)"
)
camel_dediac = pytest.importorskip("camel_tools.utils.dediac")

CAMEL_OPTIONS = {name: name in {"unicode", "diacritics", "alef", "alef_maqsura", "teh_marbuta"} for name in warraq.Normalizer().options}

# What `diacritics` removes beyond camel's AR_DIAC_CHARSET (U+064B–U+0652, U+0670):
# maddah/hamza above/below and the other marks U+0653–U+065F, the Quranic annotation
# marks U+0610–U+061A and U+06D6–U+06ED (except the letters and signs U+06DD, U+06DE,
# U+06E5, U+06E6, U+06E9) and the extended Arabic marks U+08D3–U+08FF (except U+08E2).
EXTRA_MARKS = frozenset(
    chr(c)
    for c in [
        *range(0x0610, 0x061B),
        *range(0x0653, 0x0660),
        *range(0x06D6, 0x06DD),
        *range(0x06DF, 0x06E5),
        0x06E7,
        0x06E8,
        *range(0x06EA, 0x06EE),
        *range(0x08D3, 0x08E2),
        *range(0x08E3, 0x0900),
    ]
)


def camel_pipeline() -> Callable[[str], str]:
    n, d = camel_normalize, camel_dediac

    def run(s: str) -> str:
        s = d.dediac_ar(n.normalize_unicode(s))
        return n.normalize_teh_marbuta_ar(n.normalize_alef_maksura_ar(n.normalize_alef_ar(s)))

    return run


def test_extra_marks_are_exactly_what_diacritics_adds_over_camel() -> None:
    """EXTRA_MARKS is derived from behaviour, not just asserted: for every code point
    of the Arabic blocks, ours and camel's differ exactly on EXTRA_MARKS."""
    camel = camel_pipeline()
    ours = warraq.Normalizer(**CAMEL_OPTIONS)
    blocks = [*range(0x0600, 0x0700), *range(0x0750, 0x0780), *range(0x0870, 0x0900)]
    differ = {chr(c) for c in blocks if ours.normalize("ب" + chr(c)) != camel("ب" + chr(c))}
    assert differ == EXTRA_MARKS


def test_ligatures_camel_maps_before_nfkc() -> None:
    camel = camel_pipeline()
    ours = warraq.Normalizer(**CAMEL_OPTIONS)
    for text in ["﷼", "﷽", "قال ﷺ ﷽ ﷼ 5"]:
        assert ours.normalize(text) == camel(text)


def test_unicode_version_differences_are_only_new_code_points() -> None:
    """Rust's unicode-normalization (Unicode 18.0) and this Python's unicodedata can
    disagree only on code points that Python's (older) Unicode database leaves
    unassigned, plus U+FDFC and U+FDFD, which camel (and our `unicode`) map before NFKC."""
    ours = warraq.Normalizer(**{name: name == "unicode" for name in CAMEL_OPTIONS})
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    got = ours.normalize_batch(chars)
    differ = [c for c, g in zip(chars, got) if g != unicodedata.normalize("NFKC", c)]
    unexplained = [f"U+{ord(c):04X}" for c in differ if c not in "\ufdfc\ufdfd" and unicodedata.category(c) != "Cn"]
    print(
        f"\nPython unicodedata {unicodedata.unidata_version}: {len(differ)} code points normalise "
        "differently (U+FDFC and U+FDFD by design, the rest unassigned in this Unicode version)"
    )
    assert "\ufdfc" in differ and "\ufdfd" in differ
    assert unexplained == []


@pytest.mark.slow
def test_normalize_equals_camel_tools_on_saudinewsnet(saudinewsnet: list[dict[str, str]]) -> None:
    camel = camel_pipeline()
    ours = warraq.Normalizer(**CAMEL_OPTIONS)
    compared = excluded_marks = excluded_unassigned = 0
    mismatches: list[str] = []
    for article in saudinewsnet:
        texts = [article["content"], article["title"]]
        # Exclusion is decided on the NFKC form: that is what dediac_ar sees.
        nfkc = "".join(unicodedata.normalize("NFKC", t) for t in texts)
        if not EXTRA_MARKS.isdisjoint(nfkc):
            excluded_marks += 1
            # Even these differ only by the extra marks.
            for got, want in zip(ours.normalize_batch(texts), map(camel, texts)):
                assert got == "".join(c for c in want if c not in EXTRA_MARKS), article["url"]
            continue
        if any(unicodedata.category(c) == "Cn" for c in "".join(texts)):
            # Unassigned in Python's Unicode database: NFKC may differ (see above).
            excluded_unassigned += 1
            continue
        compared += 1
        for got, want in zip(ours.normalize_batch(texts), map(camel, texts)):
            if got != want:
                at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
                mismatches.append(f"{article['url']}: ours {got[at - 10 : at + 10]!r} camel {want[at - 10 : at + 10]!r}")
    print(
        f"\ncamel-tools parity: {compared} articles (content + title) compared, {excluded_marks} excluded "
        f"for marks beyond camel's dediac_ar, {excluded_unassigned} for code points unassigned in "
        f"Python's Unicode {unicodedata.unidata_version}; {len(mismatches)} mismatches"
    )
    assert compared > 30_000
    assert mismatches == []
