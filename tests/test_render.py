"""The highlighter: escaped, legend, notes on hover and focus, overlaps kept."""

from __future__ import annotations

import pytest

import medialit as ml
from medialit.article import Article
from medialit.findings import make_finding

PAYLOAD = "Hi <script>alert('x')</script> <img src=x onerror=alert(1)> <a href=\"javascript:alert(2)\">link</a> & bye"


def test_article_text_and_notes_are_escaped():
    art = Article(text=PAYLOAD)  # built directly: no HTML clean-up, the worst case
    start = PAYLOAD.index("<img")
    f = make_finding(
        art, start, start + 30, "loaded", "naming", "note with <b>tags</b> & \"quotes\" 'x'", ["<i>alt</i>"]
    )
    html = ml.highlight(art, [f]).html
    for raw in ("<script>alert", "<img src=x", "<a href", "<b>tags", "<i>alt"):
        assert raw not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:alert(2)" in html  # visible as text, never as a link
    assert 'href="javascript' not in html and "href='javascript" not in html


def test_highlight_has_one_colour_per_category_and_a_legend(seed):
    a = seed.find("US-led military bloc")
    b = seed.find("crucial")
    c = seed.find("Luck for peace")
    findings = [
        make_finding(seed, a.start, a.end, "loaded", "naming", "Names NATO as a US tool."),
        make_finding(seed, b.start, b.end, "loaded", "evaluative", "Judges the talks."),
        make_finding(seed, c.start, c.end, "translation", "false_friend", "French chance."),
    ]
    html = ml.highlight(seed, findings).html
    assert html.count("<mark") == 3
    assert "#fdae61" in html and "#fee08b" in html and "#fb9a99" in html
    assert "Naming and labels (1)" in html and "False friend (1)" in html
    assert "tabindex='0'" in html and "aria-describedby" in html
    assert "data-note='Naming and labels: Names NATO as a US tool.'" in html


def test_overlapping_findings_are_all_described(seed):
    span = seed.find("US-led military bloc")
    inner = seed.find("military bloc")
    outer = make_finding(seed, span.start, span.end, "loaded", "naming", "outer note")
    inner_f = make_finding(seed, inner.start, inner.end, "translation", "spelling", "inner note")
    html = ml.highlight(seed, [outer, inner_f]).html
    assert "outer note\nSpelling: inner note" in html or "inner note\nNaming and labels: outer note" in html
    assert "ml-multi" in html


def test_layers_and_paragraph_filters(seed):
    a = seed.find("crucial")
    f = make_finding(seed, a.start, a.end, "loaded", "evaluative", "x")
    assert "<mark" not in ml.highlight(seed, [f], layers=["quotes"]).html
    one = ml.highlight(seed, [f], paragraphs=[seed.paragraph_index(a.start)], numbers=True).html
    assert one.count("<p") == 1 and "ml-pno" in one


def test_a_finding_that_does_not_match_the_text_is_refused(seed):
    bad = ml.Finding(0, 4, "XXXX", "loaded", "naming")
    with pytest.raises(ValueError, match="does not match"):
        ml.highlight(seed, [bad])


def test_page_is_self_contained(tmp_path, seed):
    path = ml.highlight(seed, []).save(tmp_path / "a.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "http" not in page.split("<body>")[0]
