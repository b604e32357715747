"""Rich display: warraq.render, Document._repr_html_, Entities (mirrors python/warraq/display.py
and crates/warraq-py/src/render.rs). The browser checks are in test_browser.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import warraq
from warraq.display import spans_of

ROOT = Path(__file__).resolve().parent.parent


class Marks(HTMLParser):
    """Collects every element's tag, and each mark's text and label badge."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.marks: list[dict[str, str]] = []
        self._in_mark = False
        self._in_label = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "mark":
            self._in_mark = True
            self.marks.append({"label": a.get("data-label") or "", "text": "", "badge": ""})
        elif tag == "span" and a.get("class") == "warraq-label":
            self._in_label = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False
        elif tag == "span" and self._in_label:
            self._in_label = False

    def handle_data(self, data: str) -> None:
        if self._in_label:
            self.marks[-1]["badge"] += data
        elif self._in_mark:
            self.marks[-1]["text"] += data


def parse(html: str) -> Marks:
    p = Marks()
    p.feed(html)
    p.close()
    return p


def test_script_in_an_article_is_text_not_markup() -> None:
    raw = "عنوان <script>alert('x')</script>\n\nقال الوزير <b>في</b> دمشق: <img src=x onerror=alert(1)> & «هنا»."
    doc = warraq.parse_document(raw)
    for html in (doc._repr_html_(), warraq.render(doc).html, warraq.render(doc.body).html, str(warraq.render(raw))):
        tags = set(parse(html).tags)
        assert tags <= {"div", "header", "p", "mark", "span", "bdi", "br"}, tags
        assert "&lt;script&gt;" in html or "&lt;img" in html
    # the text survives escaping unchanged: HTML-unescaping the visible text gives it back
    html = warraq.render("<script>alert('x')</script>", entities=False).html
    body = re.search(r'<div class="warraq-body"><p[^>]*>(.*)</p></div>', html)
    assert body is not None
    import html as h

    assert h.unescape(body.group(1)) == "<script>alert('x')</script>"


def test_document_repr_html_highlights_entities_in_rtl_with_header() -> None:
    path = ROOT / "examples" / "sample_corpus" / "001_sada_water.txt"
    doc = warraq.parse_document(path.read_text(encoding="utf-8"), id="001")
    html = doc._repr_html_()
    assert html.startswith('<div class="warraq-doc" dir="rtl" lang="ar"')
    assert "Noto Naskh Arabic" in html
    assert doc.title is not None and h_escape(doc.title) in html
    assert "المصدر: <bdi>صدى المدينة</bdi>" in html
    assert "التاريخ: <bdi>2022-09-14 10:15</bdi>" in html
    marks = parse(html).marks
    ents = warraq.extract_entities(doc.body, published=doc.published)
    # every entity is shown, as its whole word(s), with its label in the badge
    assert [m["label"] for m in marks] == [e.label for e in ents]
    for m, e in zip(marks, ents):
        assert m["badge"] == e.label
        assert e.text in m["text"]
    assert {"LOCATION", "PERSON", "ORGANIZATION"} <= {m["label"] for m in marks}
    # the plain repr stays one short line
    assert len(repr(doc)) < 200 and "\n" not in repr(doc)


def h_escape(s: str) -> str:
    import html

    return html.escape(s, quote=True).replace("&#x27;", "&#39;")


def test_render_accepts_entities_in_every_form() -> None:
    text = "زار الرئيس محمد علي القاهرة"
    ents = warraq.extract_entities(text)
    frame = warraq.entities_frame(pd.DataFrame({"id": [0], "body": [text]}), progress=False)
    expected = [(e.start, e.end, e.label) for e in ents]
    assert spans_of(ents) == expected
    assert spans_of(frame) == expected
    assert spans_of([{"start": s, "end": e, "label": lab} for s, e, lab in expected]) == expected
    reference = warraq.render(text).html
    for form in (ents, frame, expected):
        assert warraq.render(text, entities=form).html == reference
    assert warraq.render(text, entities=[]).labels == {}
    with pytest.raises(TypeError, match="entities\\[0\\]"):
        warraq.render(text, entities=[object()])
    with pytest.raises(KeyError, match="label"):
        warraq.render(text, entities=pd.DataFrame({"start": [0], "end": [3]}))


def test_out_of_range_spans_are_an_error_naming_the_span() -> None:
    with pytest.raises(warraq.InvalidOptionError, match="span 1 \\(2..99, X\\)"):
        warraq.render("زار دمشق", entities=[(0, 3, "A"), (2, 99, "X")])
    with pytest.raises(warraq.InvalidOptionError, match="span 0 \\(-1..3, X\\) has a negative offset"):
        warraq.render("زار دمشق", entities=[(-1, 3, "X")])
    doc = warraq.parse_document("عنوان\n\nنص قصير.")
    with pytest.raises(warraq.InvalidOptionError):
        doc.to_html([(5, 1, "X")])


def test_spans_inside_words_are_widened_to_the_word() -> None:
    # «حلب» inside «وحلب»: the mark wraps the whole word so that و keeps joining
    html = warraq.render("وصلت إلى وحلب", entities=[(10, 13, "LOCATION")]).html
    assert parse(html).marks == [{"label": "LOCATION", "text": "وحلب", "badge": "LOCATION"}]


def test_render_a_read_corpus_row_shows_its_metadata() -> None:
    df = warraq.read_corpus(ROOT / "examples" / "sample_corpus", progress=False)
    row = df.iloc[0]
    r = warraq.render(row)
    assert f"المعرّف: <bdi>{row['id']}</bdi>" in r.html
    assert "التاريخ: <bdi>2022-09-14 10:15</bdi>" in r.html
    assert sum(r.labels.values()) == len(parse(r.html).marks) > 3
    assert r.labels == df.ar.render(0).labels
    # the same entities as the Document route
    doc_html = warraq.render(warraq.parse_document((ROOT / row["path"]).read_text(encoding="utf-8"))).html
    assert [m["text"] for m in parse(doc_html).marks] == [m["text"] for m in parse(r.html).marks]


def test_extract_entities_returns_a_displayable_list() -> None:
    text = "نزح 6 آلاف شخص من حلب"
    ents = warraq.extract_entities(text)
    assert isinstance(ents, list) and isinstance(ents, warraq.Entities)
    assert ents == warraq.EntityRecognizer().extract(text)
    assert ents.text == text
    marks = parse(ents._repr_html_()).marks
    assert [(m["text"], m["label"]) for m in marks] == [("6 آلاف", "NUMBER"), ("حلب", "LOCATION")]


def test_rendered_repr_is_short_and_page_is_standalone(tmp_path: Path) -> None:
    df = warraq.read_corpus(ROOT / "examples" / "sample_corpus", progress=False)
    r = warraq.render(df.iloc[1])
    assert repr(r).startswith("<Rendered: ") and len(repr(r)) < 120
    path = tmp_path / "a.html"
    r.save(path, title="<t>")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "<title>&lt;t&gt;</title>" in page
    assert "<script" not in page and "http" not in page.replace(str(df.iloc[1]["url"] or ""), "")


def test_render_rejects_other_objects() -> None:
    with pytest.raises(TypeError, match="render\\(\\) takes"):
        warraq.render(42)  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="'body'"):
        warraq.render({"title": "x"})
