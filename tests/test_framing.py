"""Tests for framing: frame cues and profiles, agency (passives, actors), headlines, the FrameCoder."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medialit as ml
from medialit.agency import AGENCY_CATEGORIES, actor_mentions, actor_table, agency_rules, find_passives
from medialit.article import Article
from medialit.cli import check_folder
from medialit.findings import check_spans
from medialit.framing import (
    GENERIC_FRAMES,
    ISSUE_FRAMES,
    code_generic,
    frame_cues,
    frame_profile,
    generic_frames,
    voice_summary,
)
from medialit.headlines import KINDS, find_headings, headline_check
from medialit.keys import FRAME_GROUPS
from medialit.taxonomy import CATEGORIES

CONTRAST = "nato-press-conference-2022-01-12"
PASSIVE_CATS = ("agentless", "agent_demoted")


@pytest.fixture(scope="module")
def contrast() -> ml.Article:
    return ml.load_article(CONTRAST)


@pytest.fixture(scope="module")
def contrast_key(contrast: ml.Article) -> ml.Key:
    return ml.load_key(contrast)


def _agency_key(key: ml.Key, cats: tuple[str, ...] = AGENCY_CATEGORIES) -> list[ml.Finding]:
    return [f for f in key.layer("framing") if f.category in cats]


# ------------------------------------------------------------------ resources
def test_generic_frames_are_semetko_valkenburg_instrument() -> None:
    frames = generic_frames()
    assert tuple(frames) == GENERIC_FRAMES == FRAME_GROUPS["generic"]
    counts = {name: len(f.questions) for name, f in frames.items()}
    assert counts == {"conflict": 4, "human_interest": 5, "economic": 3, "morality": 3, "responsibility": 5}
    ids = [qid for f in frames.values() for qid, _ in f.questions]
    assert len(ids) == len(set(ids)) == 20
    assert all("?" in text for f in frames.values() for _, text in f.questions)


def test_issue_frames_match_taxonomy_and_every_frame_but_other_has_cues() -> None:
    assert set(ISSUE_FRAMES) == set(FRAME_GROUPS["issue"])
    assert all(f in CATEGORIES["framing"] for f in (*GENERIC_FRAMES, *ISSUE_FRAMES))
    cued = {c.frame for c in frame_cues()}
    assert cued == (set(GENERIC_FRAMES) | set(ISSUE_FRAMES)) - {"other"}
    assert all(c.note and c.weight > 0 for c in frame_cues())


def test_code_generic_is_share_of_yes() -> None:
    s = code_generic({"conflict_1": True, "conflict_2": True, "conflict_3": False, "economic_1": None})
    assert s["conflict"] == 0.5
    assert s["economic"] == 0.0
    assert set(s) == set(GENERIC_FRAMES)


# ------------------------------------------------------------------ passives
def test_passives_case_study_meet_the_bar(seed: ml.Article, seed_key: ml.Key) -> None:
    found = find_passives(seed)
    check_spans(seed.text, found)
    passive_score = ml.score(
        [f for f in found if f.category in PASSIVE_CATS], _agency_key(seed_key, PASSIVE_CATS), "framing"
    )
    assert passive_score.recall >= 0.9, passive_score.summary()
    assert passive_score.precision >= 0.8, passive_score.summary()
    all_score = ml.score(found, _agency_key(seed_key), "framing")
    assert all_score.recall >= 0.9 and all_score.precision >= 0.8, all_score.summary()
    assert all_score.agreement("category") >= 0.9


def test_passives_contrast_article(contrast: ml.Article, contrast_key: ml.Key) -> None:
    found = find_passives(contrast)
    s = ml.score(found, _agency_key(contrast_key), "framing")
    assert s.recall >= 0.8 and s.precision >= 0.8, s.summary()


def test_the_issue_examples_are_found(seed: ml.Article) -> None:
    by_text = {f.text: f.category for f in find_passives(seed)}
    assert by_text["were presented"] == "agentless"
    assert by_text["has been repeatedly accused by the West"] == "agent_demoted"
    assert by_text["will be forced to"] == "necessity"
    assert any(t.startswith("expansion of the military bloc") for t in by_text)


@pytest.mark.parametrize(
    "text",
    [
        "The company is based in Geneva.",
        "Residents are interested in the plan and were very concerned about it.",
        "Russia has repeatedly referred to the treaty.",
        "Moscow has always denied the claim.",
        "Prices rose by 5% last year.",
        "The minister said by phone that talks would resume.",
        "They passed by the embassy, said the diplomat.",
        "He had stopped by the office.",
        "The proposals are perfectly understandable and interconnected.",
        "The issue remains unresolved and is unprecedented.",
        "She was tired and he got married.",
        "Russia's invasion of Ukraine began in February.",
        "The Russian build-up continued.",
        "The West has been rather vague in its response.",
        "NATO will ignore the interests of others.",
    ],
)
def test_no_false_alarms(text: str) -> None:
    found = find_passives(Article.from_text(text))
    assert found == [], [(f.category, f.text) for f in found]


@pytest.mark.parametrize(
    ("text", "category", "span"),
    [
        ("The bill was passed by parliament on Monday.", "agent_demoted", "was passed by parliament"),
        ("The village was shelled overnight.", "agentless", "was shelled"),
        ("Troops were being deployed near the border.", "agentless", "were being deployed"),
        ("The protesters were not arrested.", "agentless", "were not arrested"),
        ("The meeting, held in Geneva, ended early.", "agentless", "held"),
        ("It was a plan unveiled by the government.", "agent_demoted", "unveiled by the government"),
        ("Kyiv was left with no choice but to respond.", "necessity", "was left with no choice"),
        ("The Kremlin says it has no other choice but to act.", "necessity", "has no other choice but to"),
        ("It is essential to act now.", "necessity", "It is essential to"),
        ("The invasion of Ukraine shocked Europe.", "nominalisation", "invasion of Ukraine"),
        ("The build-up of troops continued.", "nominalisation", "build-up of troops"),
        ("It's expected that prices fall.", "agentless", "It's expected"),
    ],
)
def test_rules_fire(text: str, category: str, span: str) -> None:
    found = find_passives(Article.from_text(text))
    assert [(f.category, f.text) for f in found] == [(category, span)]


def test_find_passives_categories_filter(seed: ml.Article) -> None:
    only = find_passives(seed, categories=PASSIVE_CATS)
    assert only and all(f.category in PASSIVE_CATS for f in only)
    with pytest.raises(ValueError, match="unknown agency categories"):
        find_passives(seed, categories=("conflict",))


def test_every_note_is_a_sentence(seed: ml.Article, contrast: ml.Article) -> None:
    for art in (seed, contrast):
        for f in find_passives(art):
            assert f.note and f.note[0].isupper() and f.note.endswith("."), f
            assert f.layer == "framing" and f.category in AGENCY_CATEGORIES


def test_word_lists_load() -> None:
    rules = agency_rules()
    assert "held" in rules.participles and "been" in rules.participles
    assert "based" in rules.adjectival
    assert rules.is_passive_participle("accused") and not rules.is_passive_participle("concerned")
    assert not rules.is_participle("need") and not rules.is_participle("indeed")


# ------------------------------------------------------------------ actors
def test_actor_table_case_study(seed: ml.Article) -> None:
    table = actor_table(seed)
    names = [r.actor for r in table]
    for actor in ("NATO", "Russia", "the West", "Ukraine", "United States"):
        assert actor in names
    ukraine = table["Ukraine"]
    assert ukraine.subject == 0 and ukraine.acted_upon >= 5  # talked about, never acting
    assert {"Kyiv", "Kiev"} & set(ukraine.names)
    assert table["the West"].agent >= 2  # "accused by the West", "pressed by the West"
    assert "forced" in table["Russia"].acted_upon_verbs
    assert table["NATO"].subject >= 4
    assert "US-led" in " ".join(table["NATO"].names)
    html = table._repr_html_()
    assert "<table" in html and "Ukraine" in html


def test_actor_table_contrast(contrast: ml.Article) -> None:
    table = actor_table(contrast)
    assert table.rows[0].actor == "NATO"
    assert table["NATO"].subject > table["NATO"].acted_upon
    assert table["Ukraine"].subject >= 1  # "whether Ukraine becomes a member": Ukraine decides


def test_actor_mentions_spans_and_places() -> None:
    art = Article.from_text("Talks in Moscow ended. Washington warned Moscow. The Minsk agreements were signed.")
    ms = actor_mentions(art)
    assert [(m.actor, m.text, m.role) for m in ms] == [
        ("United States", "Washington", "subject"),
        ("Russia", "Moscow", "acted_upon"),
    ]
    for m in ms:
        assert art.text[m.start : m.end] == m.text


def test_negation_kept_in_verbs(seed: ml.Article) -> None:
    verbs = actor_table(seed)["Russia"].subject_verbs
    assert "will not allow" in verbs


# ------------------------------------------------------------------ profiles
def test_profile_case_study_ranks_security_and_politics(seed: ml.Article) -> None:
    p = frame_profile(seed)
    check_spans(seed.text, list(p.findings))
    for high in ("security_defence", "political"):
        for low in ("economic_mfc", "health_safety"):
            assert p.scores[high] > p.scores[low]
    top = [f for f, _ in p.top("issue", 3)]
    assert top[:2] == ["security_defence", "political"]
    assert abs(sum(p.group("issue").values()) - 1) < 1e-9
    assert abs(sum(p.group("generic").values()) - 1) < 1e-9
    assert [f for f, _ in p.top("generic", 2)] == ["conflict", "responsibility"]


def test_profile_evidence_is_teacher_readable(seed: ml.Article) -> None:
    p = frame_profile(seed)
    ev = p.evidence("security_defence", 3)
    assert len(ev) == 3
    for e in ev:
        assert e.sentence.text in seed.text
        assert all(c.category == "security_defence" for c in e.cues)
        assert all(e.sentence.start <= c.start < e.sentence.end for c in e.cues)
    assert any("threat" in e.sentence.text or "security" in e.sentence.text for e in ev)
    assert ev[0].weight >= ev[-1].weight
    fair = " ".join(e.sentence.text for e in p.evidence("fairness_equality"))
    assert "indivisibility of security" in fair
    for f in p.findings:
        assert f.layer == "framing" and f.note


def test_profiles_differ_between_the_two_accounts(seed: ml.Article, contrast: ml.Article) -> None:
    rt, nato = frame_profile(seed), frame_profile(contrast)
    # Russia's account argues from equal security; the alliance's from consequences and rights.
    assert rt.scores["fairness_equality"] > nato.scores["fairness_equality"]
    assert nato.scores["economic_mfc"] > rt.scores["economic_mfc"] == 0
    assert nato.scores["economic"] > rt.scores["economic"]
    assert rt.scores["responsibility"] > nato.scores["responsibility"]
    # both are mainly about security and politics
    for p in (rt, nato):
        assert [f for f, _ in p.top("issue", 2)] == ["security_defence", "political"]


def test_paragraph_matrix_and_plots(seed: ml.Article, contrast: ml.Article) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from medialit.framing import plot_profiles

    p = frame_profile(seed)
    frames, rows = p.matrix("issue")
    assert "security_defence" in frames and len(rows[0]) == len(seed.paragraphs)
    assert sum(map(sum, rows)) == pytest.approx(sum(p.weights[f] for f in ISSUE_FRAMES))
    ax = p.heatmap()
    assert len(ax.get_yticklabels()) == len(frames)
    ax2 = plot_profiles([p, frame_profile(contrast)], labels=["RT", "NATO"])
    assert ax2.get_legend() is not None
    plt.close("all")


def test_profile_restricted_to_paragraphs(seed: ml.Article) -> None:
    p = frame_profile(seed, paragraphs=[8])
    assert all(seed.paragraph_index(f.start) == 8 for f in p.findings)
    assert p.weights["fairness_equality"] > 0


def test_evidence_html_escapes() -> None:
    art = Article.from_text("The security threat <img src=x onerror=alert(1)> is real & near.")
    html = frame_profile(art).evidence_html("security_defence")
    assert "<img" not in html and "&lt;img" in html and "&amp; near" in html


# ------------------------------------------------------------------ headlines
def test_headline_check_case_study(seed: ml.Article) -> None:
    notes = headline_check(seed)
    kinds = {n.text: n.kind for n in notes}
    assert kinds["Key points from Moscow’s perspective on NATO-Russia negotiations"] == "perspective_named"
    assert kinds["Fundamental differences"] == "attribution_dropped"
    assert kinds["“The only threat to Ukraine is Ukraine itself”"] == "quote_promoted"
    assert kinds["Luck for peace"] == "unsupported"
    assert kinds["NATO enlargement remains a key issue"] == "asserts_attributed"
    assert all(n.kind in KINDS and n.note for n in notes)
    for n in notes:
        assert seed.text[n.start : n.end] == n.text
    # the navigation line, the byline and "Back to top button" are not headings
    heads = {seed.paragraphs[i].text for _, i in find_headings(seed)}
    assert not heads & {"RT", "Back to top button", "EuropeFranceMiddle EastNational NewsPoliticsUSA News"}


def test_headline_check_contrast(contrast: ml.Article) -> None:
    notes = headline_check(contrast)
    roles = [n.role for n in notes]
    assert roles[:2] == ["headline", "standfirst"] and roles.count("heading") == 3
    assert notes[0].kind == "attributed"  # "NATO offers ...": the actor is named


def test_headline_check_plain_text() -> None:
    assert headline_check(Article.from_text("just a few words")) == []


def test_voice_summary_degrades_or_reports(seed: ml.Article) -> None:
    v = voice_summary(seed)
    html = v.to_html()
    if v.available:
        assert any("Grushko" in s for s in v.quoted)
        assert "Ukraine" in v.described
    else:
        assert "not installed" in v.message and v.message in html


# ------------------------------------------------------------------ keys and meta
def test_contrast_folder_is_valid_and_labelled(contrast: ml.Article, contrast_key: ml.Key) -> None:
    errors, _notes = check_folder(contrast.folder)
    assert errors == []
    assert contrast.meta.get("constructed") is True
    assert "CONSTRUCTED TEACHING MATERIAL" in contrast.meta["label"]
    assert "medialit teaching kit" in contrast.text
    assert 500 <= len(contrast.words) <= 700
    assert contrast_key.frames["generic"] and contrast_key.frames["issue"]
    assert {q.kind for q in contrast_key.quotes()} <= set(CATEGORIES["quotes"])
    assert all(q.speaker == "Jens Stoltenberg" for q in contrast_key.quotes())
    assert contrast_key.layer("loaded")


def test_case_study_key_has_frames(seed_key: ml.Key) -> None:
    assert seed_key.frames["generic"] == ["conflict", "responsibility"]
    assert "security_defence" in seed_key.frames["issue"]
    assert len(_agency_key(seed_key)) >= 15


# ------------------------------------------------------------------ widget
def test_frame_coder_saves_restores_and_compares(tmp_path, monkeypatch, seed: ml.Article, seed_key: ml.Key) -> None:
    monkeypatch.setenv("MEDIALIT_ANSWERS", str(tmp_path))
    import matplotlib

    matplotlib.use("Agg")
    from medialit.widgets.frame_coder import FrameCoder

    fc = FrameCoder(seed, seed_key, notebook="01_framing", student="ada")
    assert all(v is None for v in fc.answers.values())
    fc.toggles["conflict_1"].value = True
    fc.set_answers({"conflict_2": True, "conflict_3": True, "morality_1": True, "morality_3": True})
    assert fc.scores()["conflict"] == 0.75
    assert fc.comparison() == {"matched": ["conflict"], "missed": ["responsibility"], "extra": ["morality"]}
    html = fc.comparison_html()
    assert "Responsibility" in html and "<b title=" in html  # missed frame shows the kit's evidence
    assert not fc.key_shown and not fc.kit_shown  # nothing steers the coding before the student asks
    fc.show_comparison()
    fc.show_evidence()
    assert fc.key_shown and fc.kit_shown and "Responsibility" in fc.feedback.value
    chart = fc.chart.value
    assert "Conflict" in chart and "75%" in chart  # the student's score is readable as text
    assert "★" in chart and "ml-fc-kit" in chart  # the key's frames and the kit's marks once asked for
    again = FrameCoder(seed, seed_key, notebook="01_framing", student="ada")
    assert again.answers == fc.answers
    assert (tmp_path / "ada" / "01_framing" / "generic_frames.json").is_file()
    assert "Conflict" in fc.evidence_html()


def test_frame_coder_without_key(tmp_path, monkeypatch, contrast: ml.Article) -> None:
    monkeypatch.setenv("MEDIALIT_ANSWERS", str(tmp_path))
    import matplotlib

    matplotlib.use("Agg")
    from medialit.widgets.frame_coder import FrameCoder

    fc = FrameCoder(contrast, None, notebook="01_framing", exercise="nato_frames", student="bo")
    fc.set_answers({"economic_3": True})
    assert "no answer key" in fc.comparison_html()
    with pytest.raises(KeyError):
        fc.set_answers({"nonsense": True})


# ------------------------------------------------------------------ properties
_WORDS = [
    "the",
    "was",
    "were",
    "been",
    "has",
    "by",
    "NATO",
    "Russia's",
    "Moscow",
    "Kyiv",
    "held",
    "accused",
    "forced",
    "to",
    "it",
    "is",
    "necessary",
    "expansion",
    "of",
    "security",
    "threat",
    "said",
    "in",
    "Brussels",
    "de-escalation",
    "the West",
    "not",
    "repeatedly",
    "based",
]
_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(["“", "”", '"', "«", "»", "'", "’", ",", ".", "\n\n", "\n", " – "]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=60))
def test_property_no_crash_exact_spans_deterministic(pieces: list[str]) -> None:
    text = " ".join(pieces)
    if not text.strip() or "\x00" in text:
        return
    try:
        art = Article.from_text(text)
    except ValueError:
        return
    found = find_passives(art)
    check_spans(art.text, found)
    assert found == find_passives(Article.from_text(text))
    prof = frame_profile(art)
    check_spans(art.text, list(prof.findings))
    assert prof.findings == frame_profile(Article.from_text(text)).findings
    for m in actor_mentions(art):
        assert art.text[m.start : m.end] == m.text
    for n in headline_check(art):
        assert art.text[n.start : n.end] == n.text
