"""The plots in a real browser: a keyness figure (plotly) is rendered in headless
Chromium (the helpers of tests/test_browser.py) and its Arabic labels are measured:
their letters join (the label is narrower than the same letters kept apart with
ZWNJ, as unshaped text would draw them) and run right to left (the first letter is
right of the last). A screenshot is kept in build/test-artifacts/."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import warraq
from test_browser import ARTIFACTS, _chromium, chromium  # noqa: F401  (the fixture)

pytest.importorskip("plotly", reason="warraq's plots need plotly (the [plots] extra)")

LABELS = ["الاقتصاد", "مجلس الأمن", "المستشفى"]

PROBE = """
<pre id="result"></pre>
<script>
window.addEventListener("load", function () { setTimeout(function () {
  const labels = %s;
  const svg = document.querySelector("svg.main-svg");
  const out = labels.map(function (label) {
    const t = [...document.querySelectorAll("svg text")].find((e) => e.textContent === label);
    if (!t) return {label: label, found: false};
    // the same letters kept apart (ZWNJ between them), in the same font and size
    const apart = t.cloneNode(false);
    apart.textContent = [...label].join("\\u200c");
    t.parentNode.appendChild(apart);
    const n = t.getNumberOfChars();
    return {label: label, found: true, width: t.getComputedTextLength(),
            apartWidth: apart.getComputedTextLength(),
            firstX: t.getExtentOfChar(0).x, lastX: t.getExtentOfChar(n - 1).x};
  });
  document.getElementById("result").textContent = JSON.stringify(out);
}, 500); });
</script>
"""


def test_arabic_labels_are_shaped_and_right_to_left(chromium: str) -> None:  # noqa: F811
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame({"term": LABELS, "g2": [30.0, 20.0, -10.0]})
    fig = warraq.keyness_plot(frame, title="keyness")
    page = ARTIFACTS / "keyness_plot.html"
    fig.write_html(page, include_plotlyjs=True, full_html=True)
    shot = ARTIFACTS / "keyness_plot.png"
    _chromium(chromium, f"--screenshot={shot}", "--window-size=900,500", "--virtual-time-budget=5000", page.as_uri())
    assert shot.exists() and shot.stat().st_size > 5_000
    probe = page.with_name("keyness_plot.probe.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE % json.dumps(LABELS) + "</body>"),
                     encoding="utf-8")
    done = _chromium(chromium, "--dump-dom", "--virtual-time-budget=5000", probe.as_uri())
    found = re.search(r'<pre id="result">(.*?)</pre>', done.stdout, re.S)
    assert found and found.group(1), f"no result in the dumped DOM: {done.stderr[-500:]}"
    result = json.loads(html.unescape(found.group(1)))
    print(result)
    for r in result:
        assert r["found"], r
        # joined letters: clearly narrower than the letters drawn apart
        assert r["width"] < 0.95 * r["apartWidth"], r
        # right to left: the first letter is drawn to the right of the last
        assert r["firstX"] > r["lastX"], r
    print(f"\nscreenshot: {shot}")


def test_the_other_plots_build(sample_paths) -> None:  # type: ignore[no-untyped-def]
    df = warraq.read_corpus(sample_paths, progress=False)
    t = warraq.trends(df, dictionary=warraq.EXAMPLE_DICTIONARY, freq="Y", progress=False)
    assert len(warraq.trend_plot(t).data) == len(warraq.Dictionary.load(warraq.EXAMPLE_DICTIONARY))
    d = warraq.dispersion_plot(df, ["المشروع", "مياه"])
    lines = warraq.kwic(df, ["المشروع", "مياه"], progress=False)
    assert sum(len(s.x) for s in d.data) == len(lines)
    assert all(0 <= x <= 1 for s in d.data for x in s.x)
    pairs = pd.DataFrame({"w1": ["تنظيم", "تنظيم", "مجلس"], "w2": ["الدولة", "القاعدة", "الأمن"], "g2": [9.0, 4.0, 7.0]})
    net = warraq.collocation_network(pairs)
    assert sorted(net.data[-1].text) == sorted({"تنظيم", "الدولة", "القاعدة", "مجلس", "الأمن"})
    with pytest.raises(KeyError, match="statistic"):
        warraq.keyness_plot(pd.DataFrame({"term": ["x"], "n": [1]}))


# -- each plot fed with the real output of the function it draws --------------------


@pytest.fixture(scope="module")
def corpus(sample_paths) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    return warraq.read_corpus(sample_paths, progress=False)


@pytest.mark.parametrize("measure", ["g2", "chi2", "pmi", "log_ratio"])
@pytest.mark.parametrize("unit", ["stem", "word"])
def test_keyness_plot_draws_the_keyness_table(corpus: pd.DataFrame, measure: str, unit: str) -> None:
    source = corpus["source"].value_counts().index[0]
    k = warraq.keyness(corpus, f"source == {source!r}", measure=measure, unit=unit)  # type: ignore[arg-type]
    fig = warraq.keyness_plot(k, n=5)
    finite = k[np.isfinite(k[measure])]
    top = finite[finite[measure] > 0].nlargest(5, measure).iloc[::-1]
    bottom = finite[finite[measure] < 0].nsmallest(5, measure)
    assert len(top) and len(bottom)
    target, reference = fig.data
    # the words as the corpus spells them (not the stems), and the measure asked for
    # (not the log ratio beside it)
    assert list(target.y) == top["word"].tolist() and list(target.x) == top[measure].tolist()
    assert list(reference.y) == bottom["word"].tolist() and list(reference.x) == bottom[measure].tolist()
    assert fig.layout.xaxis.title.text == measure


def test_collocation_network_draws_ngram_collocations(corpus: pd.DataFrame) -> None:
    c = warraq.collocations(corpus, min_count=2)
    fig = warraq.collocation_network(c, n=8)
    top = c.nlargest(8, "g2")
    pairs = [w.rsplit(" ", 1) for w in top["word"]]
    edges, points = fig.data[:-1], fig.data[-1]
    assert [e.text for e in edges] == [f"{a} – {b}: {v:.3g}" for (a, b), v in zip(pairs, top["g2"])]
    assert sorted(points.text) == sorted({w for p in pairs for w in p})
    # each edge joins the points of its two words
    at = dict(zip(points.text, zip(points.x, points.y)))
    for e, (a, b) in zip(edges, pairs):
        assert (e.x[0], e.y[0]) == at[a] and (e.x[1], e.y[1]) == at[b]


def test_collocation_network_draws_the_collocates_of_a_node(corpus: pd.DataFrame) -> None:
    c = warraq.collocations(corpus, around="المياه", window=5, min_count=1)
    assert len(c) > 3
    fig = warraq.collocation_network(c, n=6, statistic="pmi")
    top = c.nlargest(6, "pmi")
    points = fig.data[-1]
    assert sorted(points.text) == sorted({"المياه", *top["word"]})
    assert points.text[0] == "المياه"  # the node is the most connected word: in the middle
    assert (points.x[0], points.y[0]) == (0.0, 0.0)
    assert [e.text.split(":")[0] for e in fig.data[:-1]] == [f"المياه – {w}" for w in top["word"]]
    # a frame that lost its attrs names the node itself
    bare = c.copy()
    bare.attrs.clear()
    with pytest.raises(KeyError, match="node="):
        warraq.collocation_network(bare)
    assert sorted(warraq.collocation_network(bare, node="المياه", n=6, statistic="pmi").data[-1].text) == sorted(
        points.text
    )


def test_trend_plot_draws_each_term_and_source(corpus: pd.DataFrame) -> None:
    t = warraq.trends(corpus, terms=["المياه", "المشروع"], freq="M", by="source", progress=False)
    fig = warraq.trend_plot(t)
    names = [line.name for line in fig.data]
    groups = t.groupby(["term", "source"], sort=False, dropna=False)
    expected = [f"{term} · {source}" for (term, source), _ in groups]
    assert names == expected and len(names) == groups.ngroups >= 4
    for line, (_, part) in zip(fig.data, groups):
        assert list(line.y) == part["rate"].tolist()
        assert list(pd.to_datetime(line.x)) == part["period"].tolist()
    counts = warraq.trend_plot(t, value="count")
    assert sum(sum(line.y) for line in counts.data) == t["count"].sum() > 0


def test_dispersion_plot_marks_each_match_where_it_is(corpus: pd.DataFrame) -> None:
    patterns = ["المشروع", "مياه"]
    fig = warraq.dispersion_plot(corpus, patterns, label_column=None)
    lines = warraq.kwic(corpus, patterns, window=0, progress=False)
    lengths = dict(zip(corpus["id"], corpus["body"].str.len()))
    assert [marks.name for marks in fig.data] == patterns
    for k, marks in enumerate(fig.data):
        part = lines[lines["pattern"] == k]
        assert len(part) > 0
        assert list(marks.x) == pytest.approx([s / lengths[d] for s, d in zip(part["start"], part["id"])])
        assert list(marks.y) == [str(d) for d in part["id"]]
        assert list(marks.hovertext) == part["keyword"].tolist()
