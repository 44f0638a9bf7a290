"""The speed-ups must not change a single finding: the per-article memo, and the fast paths that replace a scan."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

import medialit as ml
from medialit import cache
from medialit.agency import passives
from medialit.article import Article, _word_tokenizer
from medialit.framing import _compiled, _fold, _frame_matches, frame_cues
from medialit.translation import find_translation_artifacts, language_path, trace_translation_artifacts
from medialit.translation_base import TextIndex
from medialit.translation_rules import _WORD_START, _WS, _Ctx, _index, find_lexical, rules

CUE_WORDS = sorted({c.cue.replace("*", "") for c in frame_cues()})
# letters that fold to ASCII under re.IGNORECASE (long s, Kelvin sign, dotted and dotless i), quote marks, hyphens
ODD = ["ſ", "K", "İ", "ı", "é", "’", "-", "'", " ", "\n", "“", "”", "_", "ǅ"]
texts = st.lists(
    st.one_of(
        st.sampled_from(CUE_WORDS).map(str.upper),
        st.sampled_from(CUE_WORDS),
        st.sampled_from(CUE_WORDS).map(lambda w: w.replace("s", "ſ").replace("k", "K")),
        st.sampled_from(ODD),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzSK -'", max_size=8),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=100, deadline=None)
@given(texts)
def test_frame_matches_are_exactly_each_frames_regex(text):
    fast = _frame_matches(text)
    for frame, (rx, _cues) in _compiled().items():
        assert [m.span() for m in fast[frame]] == [m.span() for m in rx.finditer(text)]
        assert [m.lastgroup for m in fast[frame]] == [m.lastgroup for m in rx.finditer(text)]


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="ab_1 ,.-'’é\u0301\u00bd\u0663\n«»—xİ", min_size=1, max_size=60))
def test_article_tokens_are_nltks_tokens(text):
    if not text.strip():
        return
    art = Article.from_text(text)
    expected = [(s, e) for s, e in _word_tokenizer().span_tokenize(art.text)]
    assert [(t.start, t.end) for t in art.tokens] == expected
    assert all(art.text[t.start : t.end] == t.text for t in art.tokens)


def test_fold_is_translate():
    from medialit.framing import _FOLD

    s = "NATO’s ‘so‑called’ ʼ\u00a0bloc‐led"
    assert _fold(s) == s.translate(_FOLD)


def _lexical_by_every_rule(text: str) -> list:
    """The lexicon search written plainly: every candidate rule at every word start."""
    rule_set = tuple(rules())
    idx, ctx, out = _index(rule_set), _Ctx(text, TextIndex(text)), []
    for w in _WORD_START.finditer(text):
        p = w.start()
        for rule in idx.get(text[p : p + 3].lower().translate(_WS), ()):
            m = rule.pattern.match(text, p)
            if not m:
                continue
            span = (m.start(), m.end())
            for cond in rule.conditions:
                span = cond.check(ctx, *span)
                if span is None:
                    break
            if span is not None:
                out.append((rule, span[0], span[1], m.start(), m.end()))
    return out


def test_lexicon_search_finds_what_every_rule_finds():
    text = "\n".join(r.example + "\u00a0" + (r.clean_example or "") for r in rules())
    assert find_lexical(text, TextIndex(text)) == _lexical_by_every_rule(text)


def test_translation_traces_are_computed_once_per_article(seed):
    art = Article.from_text(seed.text)
    first = trace_translation_artifacts(art)
    first.clear()  # a caller's list is a copy: clearing it leaves the stored result alone
    again = trace_translation_artifacts(art)
    assert again and again == trace_translation_artifacts(Article.from_text(seed.text))
    assert [f.text for f in find_translation_artifacts(art)] == [t.finding.text for t in again]
    assert language_path(art).evidence == tuple(t.finding for t in again)


def test_passives_are_stored_per_article_as_a_copy(seed):
    art = Article.from_text(seed.text)
    found = passives(art)
    assert found
    found.append("junk")
    assert "junk" not in passives(art)
    assert [p.category for p in passives(Article.from_text("The plan was rejected by the council."))] == [
        "agent_demoted"
    ]


def test_memo_computes_once_and_clear_forgets():
    art = Article.from_text("Some text.")
    calls = []

    def compute():
        calls.append(1)
        return (1, 2)

    assert cache.memo(art, "k", compute) == (1, 2)
    assert cache.memo(art, "k", compute) == (1, 2)
    assert len(calls) == 1
    cache.clear(art)
    cache.memo(art, "k", compute)
    assert len(calls) == 2
    art.text = "Another text."  # a result belongs to the text it was computed from
    cache.memo(art, "k", compute)
    assert len(calls) == 3


def test_analyze_same_findings_on_a_fresh_article(seed):
    a = ml.analyze(Article.from_text(seed.text))
    b = ml.analyze(Article.from_text(seed.text))
    assert a.findings() == b.findings()
    assert re.sub(r"0x[0-9a-f]+", "", repr(a.language_path)) == re.sub(r"0x[0-9a-f]+", "", repr(b.language_path))
