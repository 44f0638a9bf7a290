"""Finding and Quote: the shape that flows through everything."""

from __future__ import annotations

import pytest

from medialit.findings import Finding, Quote, make_finding, merge_findings, sort_findings
from medialit.spans import Span, SpanList, overlap


def test_finding_checks_its_own_span():
    with pytest.raises(ValueError, match="characters"):
        Finding(0, 5, "abc", "loaded", "naming")
    with pytest.raises(ValueError, match="unknown layer"):
        Finding(0, 3, "abc", "vibes", "naming")
    with pytest.raises(ValueError, match="bad span"):
        Finding(5, 2, "", "loaded", "naming")


def test_make_finding_takes_text_from_the_article(seed):
    span = seed.find("Luck for peace")
    f = make_finding(seed, span.start, span.end, "translation", "false_friend", "French chance.", ["A chance"])
    assert f.text == "Luck for peace" and f.alternatives == ("A chance",)
    assert f.label == "False friend"
    with pytest.raises(ValueError, match="outside"):
        make_finding(seed, 0, len(seed.text) + 1, "loaded", "naming")


def test_quote_kind_and_category_agree():
    q = Quote(0, 3, "abc", kind="scare", speaker=None)
    assert q.category == "scare" and q.layer == "quotes"
    q2 = Quote(0, 3, "abc", category="partial")
    assert q2.kind == "partial"
    with pytest.raises(ValueError, match="quote kind"):
        Quote(0, 3, "abc", kind="loud")


def test_round_trip_through_dict():
    q = Quote(4, 7, "abc", note="n", speaker="X", cue="said", kind="direct")
    assert Finding.from_dict(q.to_dict()) == q
    f = Finding(1, 2, "a", "loaded", "hedge", "n", ("b",))
    assert Finding.from_dict(f.to_dict()) == f


def test_sort_and_merge():
    a = Finding(5, 9, "abcd", "loaded", "naming", "first")
    b = Finding(5, 9, "abcd", "loaded", "naming", "second")
    c = Finding(0, 2, "xy", "loaded", "hedge")
    d = Finding(5, 12, "abcdefg", "loaded", "naming")
    assert sort_findings([a, c, d]) == [c, d, a]
    merged = merge_findings([b, a, c])
    assert len(merged) == 2 and merged[1].note in {"first", "second"}


def test_spanlist_lookup():
    spans = SpanList([Span(0, 3, "abc"), Span(5, 8, "def")])
    assert spans.at(1).text == "abc" and spans.at(4) is None and spans.at(7).text == "def"
    assert [s.text for s in spans.within(2, 6)] == ["abc", "def"]
    assert overlap(spans[0], Span(2, 6, "cxxd")) == 1
