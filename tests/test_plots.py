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
