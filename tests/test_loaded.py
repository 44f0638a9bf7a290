"""Tests for medialit.loaded (loaded terms) and the generic matcher in medialit.lexicon."""

from __future__ import annotations

import sys
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medialit as ml
from medialit import loaded
from medialit.findings import check_spans
from medialit.lexicon import (
    ContextRule,
    Entry,
    LexiconError,
    PhraseMatcher,
    inflections,
    read_entries,
    read_rules,
    tokenize,
)
from medialit.resources import read_text
from medialit.taxonomy import CATEGORIES

STADIUM = "loaded-test-stadium-protest"


def article(text: str) -> ml.Article:
    return ml.Article.from_text(text)


def found(text: str, *, scare_quotes: bool = False) -> list[tuple[str, str]]:
    """(text, category) of every loaded term the kit finds in ``text``."""
    return [(f.text, f.category) for f in loaded.find_loaded_terms(article(text), scare_quotes=scare_quotes)]


def words(text: str) -> list[str]:
    return [t for t, _ in found(text)]


def matcher(*terms: str, rules: tuple[ContextRule, ...] = ()) -> PhraseMatcher:
    return PhraseMatcher([Entry.make(t, "naming", "why") for t in terms], rules)


def hits(m: PhraseMatcher, text: str) -> list[str]:
    return [text[x.start : x.end] for x in m.find(text)]


# ------------------------------------------------------------------ inflections
@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("bloc", "blocs"),
        ("accuse", "accused"),
        ("accuse", "accuses"),
        ("accuse", "accusing"),
        ("claim", "claimed"),
        ("slam", "slammed"),
        ("slam", "slamming"),
        ("atrocity", "atrocities"),
        ("bully", "bullied"),
        ("strongman", "strongmen"),
        ("crisis", "crises"),
        ("clash", "clashes"),
    ],
)
def test_inflections_cover_regular_forms(word: str, form: str) -> None:
    assert form in inflections(word)


def test_inflections_leave_short_and_adjective_words_alone() -> None:
    assert "rated" not in inflections("rat")  # -ed only for words of four letters or more
    assert inflections("the") == {"the"}
    assert not any(f.endswith("ed") for f in inflections("crucial"))
    assert not any(f.endswith("ing") for f in inflections("repeatedly"))


# ------------------------------------------------------------------ matching
def test_inflected_forms_match() -> None:
    m = matcher("bloc", "accuse")
    assert hits(m, "Two blocs. He accused them; she accuses him.") == ["blocs", "accused", "accuses"]


def test_case_is_ignored_for_lower_case_terms() -> None:
    assert hits(matcher("regime"), "Regime, REGIME and regime.") == ["Regime", "REGIME", "regime"]


def test_capitalised_words_must_keep_their_capital() -> None:
    m = matcher("the West")
    assert hits(m, "The West said no.") == ["The West"]
    assert hits(m, "THE WEST said no.") == ["THE WEST"]
    assert hits(m, "in the west of the country") == []


def test_hyphen_space_and_abbreviation_variants_are_one_term() -> None:
    m = matcher("US-led bloc")
    text = "the US-led bloc, the US led bloc, the U.S.-led bloc, the US‑led blocs and the US-Led bloc"
    assert hits(m, text) == ["US-led bloc", "US led bloc", "U.S.-led bloc", "US‑led blocs", "US-Led bloc"]


def test_phrases_do_not_cross_punctuation_or_blank_lines() -> None:
    m = matcher("military bloc")
    assert hits(m, "a military. Bloc") == []
    assert hits(m, "a military, bloc") == []
    assert hits(m, "a military\n\nbloc") == []
    assert hits(m, "a military\nbloc") == ["military\nbloc"]  # a hard-wrapped line may continue a phrase


def test_possessive_matches_its_noun() -> None:
    assert hits(matcher("the West"), "The West’s approach and the West's view") == ["The West’s", "the West's"]


def test_longest_match_wins() -> None:
    m = matcher("US-led", "military bloc", "US-led military bloc")
    assert hits(m, "the US-led military bloc met") == ["US-led military bloc"]
    m = matcher("US-led", "military bloc")
    assert hits(m, "the US-led military bloc met") == ["US-led", "military bloc"]
    m = matcher("a b", "b c d")
    assert hits(m, "a b c d") == ["b c d"]


def test_exact_terms_are_not_inflected() -> None:
    m = PhraseMatcher([Entry.make("=lies", "dysphemism", "why")])
    assert hits(m, "He lies. He lied. Lying lie lies") == ["lies", "lies"]


def test_context_rules_in_the_matcher() -> None:
    rule = ContextRule("regime", "not_after", frozenset({"visa"}), 2)
    m = matcher("regime", rules=(rule,))
    assert hits(m, "the visa regime and the Assad regime") == ["regime"]
    near = ContextRule("block", "only_near", frozenset({"nato"}), 5)
    m = matcher("block", rules=(near,))
    assert hits(m, "a block of flats in the old town. NATO, the block") == ["block"]
    with_rule = ContextRule("Kyiv", "only_with", frozenset({"kiev"}), 1)
    m = matcher("Kyiv", rules=(with_rule,))
    assert hits(m, "Kyiv said.") == []
    assert hits(m, "Kyiv said. Kiev said.") == ["Kyiv"]


def test_rule_for_an_unknown_term_is_an_error() -> None:
    with pytest.raises(LexiconError, match="names a term the lexicon does not have"):
        matcher("regime", rules=(ContextRule("bloc", "not_after", frozenset({"trade"})),))


def test_lexicon_errors_name_the_file_and_line() -> None:
    good = "# comment\nterm,category,why,alternatives,source\nfoo,naming,why,bar,me\n"
    assert [e.term for e in read_entries(good, "x.csv", CATEGORIES["loaded"])] == ["foo"]
    with pytest.raises(LexiconError, match=r"x\.csv, line 3: unknown category 'nonsense'"):
        read_entries(good.replace("naming", "nonsense"), "x.csv", CATEGORIES["loaded"])
    with pytest.raises(LexiconError, match=r"line 3: expected 5 columns"):
        read_entries(good.replace("foo,", "foo,extra,"), "x.csv", CATEGORIES["loaded"])
    with pytest.raises(LexiconError, match="header lacks"):
        read_entries("term,category\nfoo,naming\n", "x.csv", CATEGORIES["loaded"])
    with pytest.raises(LexiconError, match="unknown rule"):
        read_rules("term,rule,words,window,why\nfoo,sometimes,bar,1,why\n", "r.csv")


# ------------------------------------------------------------------ the bundled lexicon
def test_bundled_lexicon_is_large_readable_and_licensed() -> None:
    head = read_text(loaded.LEXICON_FILE).splitlines()[0]
    assert head.startswith("#") and "source:" in head and "licence" in head.lower()
    entries = loaded.lexicon_entries()
    assert len(entries) >= 400
    keys = [e.key for e in entries]
    assert len(keys) == len(set(keys)), "a term is listed twice"
    summary = loaded.lexicon_summary()
    assert list(summary) == list(CATEGORIES["loaded"])
    for cat in ("naming", "evaluative", "booster", "hedge", "euphemism", "dysphemism", "necessity", "collective"):
        assert summary[cat] >= 15, cat
    assert summary["place_name"] >= 30
    for e in entries:
        assert e.category in CATEGORIES["loaded"]
        assert len(e.why.split()) >= 5 and e.why.endswith((".", "?")), e.term
        assert e.alternatives, f"{e.term} has no alternatives"
        assert e.source, e.term


def test_context_and_naming_files_are_licensed() -> None:
    for name in (loaded.CONTEXT_FILE, loaded.NAMING_FILE):
        first = read_text(name).splitlines()[0]
        assert first.startswith("#") and "source:" in first and "licence" in first.lower()
    assert {"NATO", "Russia", "Ukraine"} <= set(loaded.naming_entities())


# ------------------------------------------------------------------ find_loaded_terms
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The regime fell.", ["regime"]),
        ("The visa regime changed.", []),
        ("A new sanctions regime and a strict training regime.", []),
        ("The so-called experts.", ["so-called"]),
        ("The so called experts.", ["so called"]),
        ("He claimed that it was false.", ["claimed"]),
        ("The club claimed the league title.", []),
        ("The virus claimed the lives of many.", []),
        ("Insurance claims rose.", []),
        ("The answer was rather vague.", ["rather vague"]),
        ("Russia rather than the West.", ["the West"]),
        ("She slammed the decision.", ["slammed"]),
        ("She slammed the door.", []),
        ("In the west of the country.", []),
        ("The long awaited meeting.", ["long awaited"]),
        ("Moscow will be forced to act.", ["forced to"]),
        ("NATO expansion worries Moscow.", ["expansion"]),
        ("The expansion of the railway.", []),
        ("A trade bloc was formed.", []),
        ("He was admitted to Kiev hospital.", ["Kiev"]),
        ("The historic centre is a local landmark.", []),
        ("A historic deal and a landmark ruling.", ["historic", "landmark"]),
        ("Rebels blasted the town with rockets.", ["Rebels"]),
        ("The minister blasted the decision.", ["blasted"]),
        ("Kyiv said so.", []),
        ("Kyiv said so; Kiev disagreed.", ["Kyiv", "Kiev"]),
        ("It lies in the north. He lies about it.", ["lies"]),
        ("The NATO Allies met.", ["Allies"]),
        ("The Allies landed in Normandy.", []),
    ],
)
def test_matching_edge_cases(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_findings_carry_category_reason_and_alternatives() -> None:
    fs = loaded.find_loaded_terms(article("The US-led military bloc met in Lugansk."), scare_quotes=False)
    assert [(f.text, f.category) for f in fs] == [("US-led military bloc", "naming"), ("Lugansk", "place_name")]
    for f in fs:
        assert f.layer == "loaded" and f.note and f.alternatives
    assert "Luhansk" in fs[1].alternatives


def test_degree_word_joins_the_judgement() -> None:
    [f] = loaded.find_loaded_terms(article("It was deeply controversial."), scare_quotes=False)
    assert f.text == "deeply controversial" and f.category == "evaluative"
    assert "strengthens" in f.note


def test_case_study_findings_have_exact_spans(seed: ml.Article) -> None:
    fs = loaded.find_loaded_terms(seed)
    check_spans(seed.text, fs)
    assert all(f.layer == "loaded" and f.category in CATEGORIES["loaded"] and f.note for f in fs)


def test_case_study_meets_the_targets(seed: ml.Article, seed_key: ml.Key) -> None:
    s = ml.score(loaded.find_loaded_terms(seed), seed_key, "loaded")
    assert len(seed_key.layer("loaded")) >= 30
    assert s.recall >= 0.85, s.summary()
    assert s.precision >= 0.75, s.summary()


def test_second_text_meets_the_targets() -> None:
    art = ml.load_article(STADIUM)
    assert art.meta.get("constructed") is True
    assert "CONSTRUCTED" in art.meta.get("label", "")
    s = ml.score(loaded.find_loaded_terms(art), ml.load_key(art), "loaded")
    assert s.recall >= 0.7, s.summary()
    assert s.precision >= 0.7, s.summary()
    flagged = {f.text for f in loaded.find_loaded_terms(art)}
    assert "regime" not in flagged  # "parking regime"
    assert art.find("claimed", 2).start not in {f.start for f in loaded.find_loaded_terms(art)}  # the league title


def test_scare_quotes_come_from_the_quotes_module(seed: ml.Article) -> None:
    quotes = pytest.importorskip("medialit.quotes")
    scare = [q for q in quotes.find_quotes(seed) if q.kind == "scare"]
    assert scare, "the case study has scare quotes"
    fs = {(f.start, f.end): f for f in loaded.find_loaded_terms(seed) if f.category == "scare_quote"}
    for q in scare:
        f = fs[(q.start, q.end)]
        assert f.text == q.text and f.note.startswith(loaded.SCARE_NOTE)


def test_terms_inside_a_quote_say_so(seed: ml.Article) -> None:
    pytest.importorskip("medialit.quotes")
    [f] = [f for f in loaded.find_loaded_terms(seed) if f.text == "Kiev authorities"]
    assert loaded.QUOTED_NOTE in f.note


def test_without_the_quotes_module_scare_quotes_are_skipped_with_a_warning(
    seed: ml.Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "medialit.quotes", None)  # makes "from .quotes import" fail
    monkeypatch.setattr(loaded, "_warned_no_quotes", False)
    with pytest.warns(UserWarning, match="scare quotes"):
        fs = loaded.find_loaded_terms(seed)
    assert fs and not any(f.category == "scare_quote" for f in fs)


def test_article_lexicon_is_merged_over_the_bundled_one(tmp_path) -> None:
    folder = tmp_path / "my-article"
    folder.mkdir()
    (folder / "article.txt").write_text("A crucial vote on the gizmo plan.\n", encoding="utf-8")
    (folder / "lexicon.csv").write_text(
        "# source: test\nterm,category,why,alternatives,source\n"
        'gizmo,dysphemism,"A mocking word for the device.",device,test\n'
        'crucial,none,"Not loaded in this article.",,test\n',
        encoding="utf-8",
    )
    art = ml.Article.from_file(folder / "article.txt")
    art.folder = folder
    assert [(f.text, f.category) for f in loaded.find_loaded_terms(art, scare_quotes=False)] == [
        ("gizmo", "dysphemism")
    ]
    # an edited file is read again
    (folder / "lexicon.csv").write_text(
        'term,category,why,alternatives,source\ngizmo plan,evaluative,"A new reason.",plan,test\n',
        encoding="utf-8",
    )
    import os

    os.utime(folder / "lexicon.csv", ns=(1, 1))
    assert [f.text for f in loaded.find_loaded_terms(art, scare_quotes=False)] == ["crucial", "gizmo plan"]


def test_bad_article_lexicon_is_reported(tmp_path) -> None:
    (tmp_path / "article.txt").write_text("Text.\n", encoding="utf-8")
    (tmp_path / "lexicon.csv").write_text("term,category,why,alternatives,source\nx,loaded,why,,me\n")
    art = ml.Article.from_file(tmp_path / "article.txt")
    art.folder = tmp_path
    with pytest.raises(LexiconError, match="lexicon.csv, line 2: unknown category 'loaded'"):
        loaded.find_loaded_terms(art)


# ------------------------------------------------------------------ naming
def _forms(uses: list[loaded.NameUse]) -> dict[str, int]:
    return {u.form: u.count for u in uses}


def test_naming_nato_in_the_case_study(seed: ml.Article) -> None:
    uses = loaded.naming(seed, "NATO")
    forms = _forms(uses)
    assert forms["the US-led military bloc"] == 1
    assert forms["the US-led bloc"] == 3
    assert forms["the military bloc"] == 1
    assert forms["the block"] == 1
    assert forms["NATO"] == len([t for t in tokenize(seed.text) if t.shape == "NATO"])
    for u in uses:
        assert u.count == len(u.spans) and u.note
        for s in u.spans:
            assert seed.text[s.start : s.end] == s.text


def test_naming_russia_and_ukraine(seed: ml.Article) -> None:
    ukraine = _forms(loaded.naming(seed, "ukraine"))
    assert ukraine["the Kiev authorities"] == 1 and ukraine["Kyiv"] == 1 and ukraine["Kiev"] == 1
    assert "Ukrainian authorities" in ukraine and "the neighboring country" in ukraine
    russia = _forms(loaded.naming(seed, "Russia"))
    assert russia["Moscow"] >= 10 and russia["Russia"] >= 10
    assert "the neighboring country" not in russia


def test_naming_rules_on_other_text() -> None:
    art = article(
        "The alliance met. Aid for alliance members grew. This Western alliance and the NATO alliance agreed."
    )
    forms = _forms(loaded.naming(art, "NATO"))
    assert forms == {"the alliance": 1, "This Western alliance": 1, "the NATO alliance": 1} or forms == {
        "the alliance": 1,
        "this Western alliance": 1,
        "the NATO alliance": 1,
    }
    assert _forms(loaded.naming(article("Grushko spoke; Grushko left."), "Grushko")) == {"Grushko": 2}


def test_naming_table_escapes_html() -> None:
    art = article("The <b>bloc</b> and NATO.")
    html = loaded.naming_table(art, ["NATO"])._repr_html_()
    assert "<b>bloc" not in html.replace("<b>NATO</b>", "")
    assert "NATO" in str(loaded.naming_table(art, ["NATO"]))


# ------------------------------------------------------------------ concordance and density
def test_concordance_has_exact_offsets_and_variants(seed: ml.Article) -> None:
    lines = loaded.concordance(seed, "bloc", width=25)
    assert len(lines) == 5
    for ln in lines:
        assert seed.text[ln.start : ln.end] == ln.text
        assert len(ln.left) <= 25 and len(ln.right) <= 25
        assert f"[{ln.text}]" in ln.line(25)
    west = loaded.concordance(seed, "the West")
    assert "The West’s" in [ln.text for ln in west]
    [f] = [f for f in loaded.find_loaded_terms(seed) if f.text == "Lugansk"]
    assert [ln.start for ln in loaded.concordance(seed, f)] == [f.start]
    assert loaded.concordance(seed, "zzzz") == []
    assert loaded.concordance(seed, "!!!") == []


def test_density_counts_every_finding(seed: ml.Article) -> None:
    fs = loaded.find_loaded_terms(seed)
    rows = loaded.density(seed, fs)
    assert len(rows) == len(seed.paragraphs)
    assert sum(r.count for r in rows) == len(fs)
    assert all(r.words > 0 for r in rows)
    busiest = max(rows, key=lambda r: r.per_100_words)
    assert busiest.count == sum(n for _, n in busiest.categories)


def test_plots_draw() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from medialit.loaded_plots import plot_categories, plot_density

    art = ml.load_article(STADIUM)
    ax = plot_density(art)
    assert len(ax.patches) > 0
    ax2 = plot_categories(loaded.find_loaded_terms(art))
    assert len(ax2.patches) > 0
    empty = plot_density(article("Nothing loaded in this plain sentence at all."))
    assert any("no loaded terms" in t.get_text() for t in empty.texts)
    plt.close("all")


# ------------------------------------------------------------------ rewriting
def test_check_rewrite_reports_removed_remaining_and_added() -> None:
    original = "The US-led bloc was rather vague, the West said."
    r = loaded.check_rewrite(original, "NATO did not reply in writing, the West said.")
    assert [f.text for f in r.removed] == ["US-led bloc", "rather vague"]
    assert [f.text for f in r.remaining] == ["the West"]
    assert not r.added and not r.clean
    assert "Still there" in r.summary()
    r = loaded.check_rewrite(original, "NATO gave a clearly hysterical answer.")
    assert {f.text for f in r.added} == {"clearly", "hysterical"}
    clean = loaded.check_rewrite(original, "NATO has not replied in writing, Western governments said.")
    assert clean.clean and "No loaded terms left" in clean.summary()
    assert loaded.check_rewrite(original, "   ").rewrite is None


def test_rewrite_exercise_gives_live_feedback_and_saves(tmp_path) -> None:
    from medialit.answers import AnswerStore
    from medialit.loaded_widgets import RewriteExercise

    store = AnswerStore("s1", "nb", root=tmp_path)
    ex = RewriteExercise("The US-led bloc met.", exercise="rw", notebook="nb", store=store)
    assert ex.text.continuous_update is False
    assert "Type your rewrite" in ex.feedback.value
    result = ex.write("NATO met, the so-called experts said.")
    assert [f.text for f in result.after] == ["so-called"]
    assert "Still there" not in ex.feedback.value and "New" in ex.feedback.value
    assert "so-called" in ex.rewrite_view.value
    ex.write("NATO met.")
    assert "No loaded terms left" in ex.feedback.value
    assert store.load("rw")["rewrite"] == "NATO met."
    again = RewriteExercise("The US-led bloc met.", exercise="rw", notebook="nb", store=store)
    assert again.text.value == "NATO met." and "No loaded terms left" in again.feedback.value


def test_rewrite_exercise_escapes_the_students_text(tmp_path) -> None:
    from medialit.answers import AnswerStore
    from medialit.loaded_widgets import RewriteExercise

    ex = RewriteExercise("The regime fell.", exercise="rw", notebook="nb", store=AnswerStore("s", "nb", root=tmp_path))
    ex.write("<script>alert(1)</script> the regime")
    assert "<script>" not in ex.rewrite_view.value and "&lt;script&gt;" in ex.rewrite_view.value


# ------------------------------------------------------------------ properties
_LEXICON_WORDS = [
    "regime",
    "US-led",
    "bloc",
    "so-called",
    "the West",
    "Kiev",
    "rather",
    "vague",
    "claimed",
    "forced to",
    "visa",
    "NATO",
    "U.S.",
    "thugs",
    "the",
    "alliance",
]
_pieces = st.one_of(
    st.sampled_from(_LEXICON_WORDS),
    st.sampled_from(['"', "“", "”", "«", "»", "'", "‘", "’", "-", "—", " ", "\n", "\n\n", ".", ",", ":"]),
    st.text(alphabet="abcXYZé -'’\n", max_size=8),
)
_texts = st.lists(_pieces, min_size=1, max_size=60).map(" ".join).filter(lambda t: t.strip() != "")


@settings(max_examples=100, deadline=None)
@given(_texts)
def test_property_no_crash_exact_spans_deterministic(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        art = article(text)
        first = loaded.find_loaded_terms(art)
        second = loaded.find_loaded_terms(article(text))
    check_spans(art.text, first)
    assert first == second
    lexical = [f for f in first if f.category != "scare_quote"]
    for a, b in zip(lexical, lexical[1:], strict=False):
        assert a.end <= b.start, "lexicon findings never overlap"
    for f in first:
        assert f.category in CATEGORIES["loaded"] and f.note
    for ln in loaded.concordance(art, "bloc"):
        assert art.text[ln.start : ln.end] == ln.text


def test_a_clean_rewrite_is_praised_only_for_what_was_checked():
    """The kit checks its word list, not the facts: it says so, and warns when the facts seem gone."""
    original = "Russia has been repeatedly accused by the West of seeking to “invade” the neighbouring country."
    good = loaded.check_rewrite(
        original, "Western governments have said several times that Russia plans to enter the neighbouring country."
    )
    junk = loaded.check_rewrite(original, "asdf")
    assert good.clean and junk.clean
    assert "checks only its word list" in good.summary() and "few of the original's words" not in good.summary()
    assert "keeps few of the original's words" in junk.summary()
