"""score(): symmetric, one-to-one, and explained (properties with hypothesis, plus worked examples)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medialit as ml
from medialit.findings import Finding, make_finding
from medialit.scoring import Score, score, spans_match

TEXT = "".join(chr(ord("a") + (i * 7) % 26) if i % 6 else " " for i in range(400))
LAYERS = ("loaded", "translation")


@st.composite
def findings(draw: st.DrawFn, max_size: int = 12) -> list[Finding]:
    out = []
    for _ in range(draw(st.integers(0, max_size))):
        start = draw(st.integers(0, len(TEXT) - 1))
        end = draw(st.integers(start + 1, min(len(TEXT), start + 60)))
        layer = draw(st.sampled_from(LAYERS))
        category = draw(st.sampled_from(["a", "b"]))
        out.append(Finding(start, end, TEXT[start:end], layer, category, note=f"why {start}"))
    return out


@settings(max_examples=150, deadline=None)
@given(findings(), findings())
def test_swapping_sides_swaps_precision_and_recall(a, b):
    ab, ba = score(a, b), score(b, a)
    assert ab.precision == pytest.approx(ba.recall)
    assert ab.recall == pytest.approx(ba.precision)
    assert ab.f1 == pytest.approx(ba.f1)
    assert len(ab.matched) == len(ba.matched)


@settings(max_examples=100, deadline=None)
@given(findings())
def test_a_list_scored_against_itself_is_perfect(a):
    s = score(a, a)
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    assert not s.missed and not s.extra
    assert all(m.exact for m in s.matched)


@settings(max_examples=100, deadline=None)
@given(findings(), findings())
def test_matching_is_one_to_one_and_accounts_for_everything(a, b):
    s = score(a, b)
    found_ids = [id(m.found) for m in s.matched]
    expected_ids = [id(m.expected) for m in s.matched]
    assert len(set(found_ids)) == len(found_ids)
    assert len(set(expected_ids)) == len(expected_ids)
    assert len(s.matched) + len(s.extra) == len(a)
    assert len(s.matched) + len(s.missed) == len(b)
    for m in s.matched:
        assert m.found.layer == m.expected.layer
        assert spans_match(m.found, m.expected)
        assert m.why == m.expected.note


@settings(max_examples=100, deadline=None)
@given(findings(), findings())
def test_the_matching_is_maximal(a, b):
    """No unmatched found finding could still be paired with an unmatched expected one."""
    s = score(a, b)
    for f in s.extra:
        for e in s.missed:
            assert not (f.layer == e.layer and spans_match(f, e))


@settings(max_examples=100, deadline=None)
@given(findings(max_size=8), st.integers(0, 100))
def test_disjoint_spans_score_zero(a, gap):
    """Findings that share no character with any expected one: nothing matches."""
    shifted = []
    for f in a:
        start = len(TEXT) + gap + f.start
        text = "x" * (f.end - f.start)
        shifted.append(Finding(start, start + len(text), text, f.layer, f.category))
    s = score(a, shifted)
    assert not s.matched
    if a:
        assert s.precision == 0.0 and s.recall == 0.0 and s.f1 == 0.0


@settings(max_examples=100, deadline=None)
@given(findings(), findings(), st.sampled_from(LAYERS))
def test_a_layer_only_compares_that_layer(a, b, layer):
    s = score(a, b, layer)
    assert all(m.found.layer == layer for m in s.matched)
    assert all(f.layer == layer for f in s.extra + s.missed)
    assert len(s.matched) + len(s.extra) == sum(1 for f in a if f.layer == layer)


@settings(max_examples=60, deadline=None)
@given(findings(), findings())
def test_scores_are_probabilities_and_deterministic(a, b):
    s1, s2 = score(a, b), score(a, b)
    assert 0.0 <= s1.precision <= 1.0 and 0.0 <= s1.recall <= 1.0 and 0.0 <= s1.f1 <= 1.0
    assert [(m.found, m.expected) for m in s1.matched] == [(m.found, m.expected) for m in s2.matched]


# ------------------------------------------------------------ worked examples
def _f(article: ml.Article, words: str, layer: str = "loaded", category: str = "naming", n: int = 1) -> Finding:
    span = article.find(words, n)
    return make_finding(article, span.start, span.end, layer, category, note=f"key: {words}")


def test_a_shorter_phrase_inside_the_key_phrase_counts(seed):
    key = [_f(seed, "US-led military bloc")]
    s = score([_f(seed, "military bloc")], key)
    assert len(s.matched) == 1 and not s.matched[0].exact
    assert s.matched[0].why == "key: US-led military bloc"


def test_a_whole_paragraph_does_not_match_a_two_word_term(seed):
    key = [_f(seed, "the West")]
    para = seed.paragraphs[seed.paragraph_index(key[0].start)]
    whole = make_finding(seed, para.start, para.end, "loaded", "naming")
    s = score([whole], key)
    assert not s.matched and s.extra == [whole] and s.missed == key


def test_one_found_span_matches_only_one_expected(seed):
    a, b = _f(seed, "US-led"), _f(seed, "military bloc")
    both = make_finding(seed, a.start, b.end, "loaded", "naming")
    s = score([both], [a, b])
    assert len(s.matched) == 1 and len(s.missed) == 1


def test_category_does_not_decide_a_match_but_agreement_reports_it(seed):
    key = [_f(seed, "the West", category="collective"), _f(seed, "US-led military bloc", category="naming")]
    found = [_f(seed, "the West", category="naming"), _f(seed, "US-led military bloc", category="naming")]
    s = score(found, key)
    assert len(s.matched) == 2
    assert s.agreement("category") == 0.5


def test_layers_never_match_each_other(seed):
    s = score([_f(seed, "Luck for peace", layer="translation", category="false_friend")], [_f(seed, "Luck for peace")])
    assert not s.matched


def test_key_objects_and_section_names_are_accepted(seed):
    key = ml.Key(article=seed, path=None, findings={"loaded": [_f(seed, "the West")]})
    for layer in ("loaded", "loaded_terms"):
        s = score([_f(seed, "the West")], key, layer)
        assert s.recall == 1.0 and s.precision == 1.0


def test_empty_sides():
    assert (score([], []).precision, score([], []).recall) == (1.0, 1.0)
    f = Finding(0, 3, TEXT[:3], "loaded", "naming")
    assert (score([f], []).precision, score([f], []).recall) == (0.0, 0.0)
    assert (score([], [f]).precision, score([], [f]).recall) == (0.0, 0.0)


def test_summary_is_readable():
    f = Finding(0, 3, TEXT[:3], "loaded", "naming")
    s = score([f], [f])
    assert isinstance(s, Score)
    assert s.summary() == "precision 1.00, recall 1.00, F1 1.00 (1 matched, 0 missed, 0 extra)"


def _brute_max_matching(found, expected):
    from itertools import permutations

    from medialit.scoring import spans_match

    best = 0
    small, large = (found, expected) if len(found) <= len(expected) else (expected, found)
    for perm in permutations(range(len(large)), len(small)):
        n = sum(1 for a, k in zip(small, perm, strict=True) if spans_match(a, large[k]))
        best = max(best, n)
    return best


_span = st.tuples(st.integers(0, 30), st.integers(1, 10)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_span, max_size=5), st.lists(_span, max_size=5))
def test_matching_is_maximum(a, b):
    """Greedy best-first pairing is completed with augmenting paths: never fewer pairs than possible."""
    mk = lambda s, e: Finding(s, e, "x" * (e - s), "loaded", "naming")  # noqa: E731
    found, expected = [mk(*s) for s in a], [mk(*s) for s in b]
    assert len(score(found, expected).matched) == _brute_max_matching(found, expected)
