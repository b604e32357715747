"""Word tokens against camel-tools' ``simple_word_tokenize`` on all of SaudiNewsNet.

Both tokenisers are run on every article's content; tokens are compared as spans of
the text. The agreement rate is the span-level F1 (a token counts when both give the
same span). Every region where they disagree is classified into one of the
deliberate differences documented in ``crates/warraq/src/tokenize/mod.rs`` and the
README; a region no category explains fails the test.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

import warraq

camel_word = pytest.importorskip(
    "camel_tools.tokenizers.word", reason="camel-tools is not installed (pip install --no-deps camel-tools regex six emoji)"
)

# Measured on the 31,030 articles: F1 0.9925 (warraq 9,839,768 tokens, camel 9,878,208).
MIN_F1 = 0.990

SEPARATORS = frozenset(".,٫٬%٪")
# Characters our tokeniser skips (camel keeps them inside words): control, format,
# private-use and unassigned code points, e.g. U+200F RLM, U+202A–U+202C embeddings,
# U+200B ZWSP, U+001A, U+F0FC.
SKIPPED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn"})

CATEGORIES = (
    "url kept whole",
    "e-mail kept whole",
    "hashtag/mention kept whole",
    "number with separator or percent",
    "control/format character skipped",
    "letters and digits split",
    "script change split",
    "combining mark stays with the previous token",
)


def camel_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for tok in camel_word.simple_word_tokenize(text):
        start = text.index(tok, pos)
        spans.append((start, start + len(tok)))
        pos = start + len(tok)
    return spans


def _script(c: str) -> str:
    if unicodedata.category(c)[0] == "N":
        return "digit"
    if "ARABIC" in unicodedata.name(c, "") or c == "\u0640":
        return "arabic"
    return "other"


def boundary_reason(text: str, p: int, ours_has_it: bool) -> str | None:
    """Why one tokeniser has a token boundary at ``p`` (between ``text[p-1]`` and
    ``text[p]``, no whitespace between them) and the other does not."""
    before, after = text[p - 1], text[p]
    cat_before, cat_after = unicodedata.category(before), unicodedata.category(after)
    if ours_has_it and cat_before[0] in "LMN" and cat_after[0] in "LMN":
        kinds = {_script(before), _script(after)}
        if "digit" in kinds and len(kinds) == 2:
            return "letters and digits split"
        if kinds == {"arabic", "other"}:
            return "script change split"
    if cat_after[0] == "M" and cat_before[0] in "PS" and not ours_has_it:
        return "combining mark stays with the previous token"
    if cat_before[0] == "M" and ours_has_it:
        mark_run_start = p - 1
        while mark_run_start > 0 and unicodedata.category(text[mark_run_start - 1])[0] == "M":
            mark_run_start -= 1
        if mark_run_start > 0 and unicodedata.category(text[mark_run_start - 1])[0] in "PS":
            return "combining mark stays with the previous token"
    return None


def classify(text: str, start: int, end: int, ours: list[warraq.Token], camel: list[tuple[int, int]]) -> str | None:
    kinds = {t.kind for t in ours}
    for kind, category in (("url", CATEGORIES[0]), ("email", CATEGORIES[1])):
        if kind in kinds:
            return category
    if kinds & {"hashtag", "mention"}:
        return CATEGORIES[2]
    if any(t.kind == "number" and not SEPARATORS.isdisjoint(t.text) for t in ours):
        return CATEGORIES[3]
    if any(unicodedata.category(c) in SKIPPED_CATEGORIES for c in text[start:end]):
        return CATEGORIES[4]
    # Otherwise both cover the same characters and differ only in where they cut:
    # every cut one has and the other lacks must have a documented reason.
    ours_cuts = {b for t in ours for b in (t.start, t.end)}
    camel_cuts = {b for s, e in camel for b in (s, e)}
    reasons = set()
    for p in ours_cuts ^ camel_cuts:
        if start < p < end:
            reason = boundary_reason(text, p, p in ours_cuts)
            if reason is None:
                return None
            reasons.add(reason)
    if not reasons:
        return None
    return min(reasons, key=CATEGORIES.index)


@pytest.mark.slow
def test_word_tokens_agree_with_camel_tools(saudinewsnet: list[dict[str, str]]) -> None:
    n_ours = n_camel = n_same = 0
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    unexplained: list[str] = []
    for article in saudinewsnet:
        text = article["content"]
        ours = warraq.tokens(text)
        camel = camel_spans(text)
        ours_spans = {(t.start, t.end) for t in ours}
        same = ours_spans.intersection(camel)
        n_ours, n_camel, n_same = n_ours + len(ours), n_camel + len(camel), n_same + len(same)
        # Disagreement regions: maximal runs of overlapping unmatched tokens of either side.
        loose = sorted([(t.start, t.end, t) for t in ours if (t.start, t.end) not in same]
                       + [(s, e, None) for s, e in camel if (s, e) not in same], key=lambda x: x[:2])
        regions: list[list[object]] = []
        for s, e, tok in loose:
            if regions and s < regions[-1][1]:  # type: ignore[operator]
                regions[-1][1] = max(e, regions[-1][1])  # type: ignore[call-overload]
                regions[-1][2].append((s, e, tok))  # type: ignore[attr-defined]
            else:
                regions.append([s, e, [(s, e, tok)]])
        for s, e, items in regions:
            ours_in = [tok for _, _, tok in items if tok is not None]  # type: ignore[attr-defined]
            camel_in = [(a, b) for a, b, tok in items if tok is None]  # type: ignore[attr-defined]
            category = classify(text, s, e, ours_in, camel_in)  # type: ignore[arg-type]
            if category is None:
                unexplained.append(
                    f"{article['url']}: {text[s:e]!r} ours {[t.text for t in ours_in]} "
                    f"camel {[text[a:b] for a, b in camel_in]}"
                )
            else:
                counts[category] += 1
                examples.setdefault(category, text[s:e])  # type: ignore[index]
    f1 = 2 * n_same / (n_ours + n_camel)
    print(f"\ntokens: warraq {n_ours:,}, camel-tools {n_camel:,}, same span {n_same:,}; span F1 {f1:.4f}")
    for category in CATEGORIES:
        print(f"  {counts[category]:>7,}  {category}  e.g. {examples.get(category, '')!r}")
    print(f"  {len(unexplained):>7,}  unexplained")
    assert unexplained[:20] == []
    assert f1 >= MIN_F1


def test_classifier_rejects_an_undocumented_difference() -> None:
    """The classifier is not a catch-all: a cut inside a plain word has no reason."""
    text = "كتاب"
    fake = [warraq.tokens("كت")[0]]
    assert classify(text, 0, 4, fake, [(0, 4)]) is None
    assert boundary_reason("ماي2016", 3, True) == "letters and digits split"
    assert boundary_reason("newsالتلفزيونية", 4, True) == "script change split"
