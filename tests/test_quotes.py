"""Quote attribution (medialit.quotes and its helpers quotemarks, speakers, attribution).

The two keyed texts give the headline numbers; the small texts below pin down
one rule each (so a failure names the rule that broke); hypothesis throws
random quote marks at the analyzer.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medialit as ml
from medialit.attribution import trailing_attribution, verb_lexicon, verbs_table
from medialit.findings import Quote, check_spans
from medialit.quotemarks import QUOTE_MARKS, find_stretches
from medialit.resources import read_text
from medialit.taxonomy import CATEGORIES

TEST_TEXT = "quotes-test-council-vote"


def quotes_of(text: str) -> list[Quote]:
    art = ml.Article.from_text(text)
    qs = ml.find_quotes(art)
    check_spans(art.text, qs)
    return qs


def one(qs: list[Quote], text: str) -> Quote:
    hits = [q for q in qs if q.text == text]
    assert len(hits) == 1, f"expected one quote {text!r}, found {[q.text for q in qs]}"
    return hits[0]


# ----------------------------------------------------------- the keyed texts
@pytest.mark.parametrize(
    ("slug", "p_min", "r_min", "speaker_min", "kind_min"),
    [("rt-nato-russia-2022-01-12", 0.95, 0.95, 0.95, 0.85), (TEST_TEXT, 0.9, 0.9, 0.9, 0.85)],
)
def test_scores_against_the_key(slug, p_min, r_min, speaker_min, kind_min):
    art = ml.load_article(slug)
    key = ml.load_key(art)
    found = ml.find_quotes(art)
    check_spans(art.text, found)
    s = ml.score(found, key, "quotes")
    speaker, kind = s.agreement("speaker"), s.agreement("kind")
    print(f"\n{slug}: {s.summary()}; speaker accuracy {speaker:.2f}; kind accuracy {kind:.2f}")
    assert len(key.quotes()) >= 19 if slug.startswith("rt-") else len(key.quotes()) >= 15
    assert s.precision >= p_min, [f.text for f in s.extra]
    assert s.recall >= r_min, [f.text for f in s.missed]
    assert speaker >= speaker_min, [(m.found.text, m.found.speaker, m.expected.speaker) for m in s.matched]
    assert kind >= kind_min, [(m.found.text, m.found.kind, m.expected.kind) for m in s.matched]


def test_case_study_key_covers_every_kind(seed_key):
    kinds = {q.kind for q in seed_key.quotes()}
    assert kinds == {"direct", "partial", "scare", "unmarked"}
    speakers = {q.speaker for q in seed_key.quotes()}
    assert {"Alexander Grushko", "the West", "the US State Department"} <= speakers


def test_every_quote_is_well_formed(seed):
    qs = ml.find_quotes(seed)
    assert qs == sorted(qs, key=lambda q: (q.start, -q.end))
    for q in qs:
        assert q.layer == "quotes" and q.kind in CATEGORIES["quotes"] and q.category == q.kind
        assert q.text == q.text.strip() and q.text[:1] not in QUOTE_MARKS and q.text[-1:] not in '“”"»'
        assert "\n" not in q.text, "a quote never crosses a paragraph break"
        assert q.note.endswith(".") and q.note.count(". ") == 0, q.note
        if q.cue:
            assert q.cue_category == verb_lexicon()[q.cue].category


def test_the_result_is_cached_but_safe_to_change(seed):
    first = ml.find_quotes(seed)
    first.clear()
    again = ml.find_quotes(seed)
    assert again and again == ml.find_quotes(ml.Article.from_text(seed.text))


def test_find_quotes_accepts_a_plain_string():
    assert [q.text for q in ml.find_quotes('"We are ready," she said.')] == ["We are ready"]


# ----------------------------------------------------------- quote marks
def test_apostrophes_are_not_quotes():
    qs = quotes_of("NATO's plan and the dogs' home won't change, since the '90s, rock 'n' roll.")
    assert qs == []


def test_possessive_inside_single_quotes():
    qs = quotes_of("'The dogs' home will stay open,' said Jane Doe.")
    assert [q.text for q in qs] == ["The dogs' home will stay open"]
    assert qs[0].speaker == "Jane Doe"


@pytest.mark.parametrize(
    "text",
    [
        "“We refuse,” he said.",
        "«We refuse», he said.",
        "« We refuse », he said.",
        "„We refuse“, he said.",
        "»We refuse«, he said.",
        "‘We refuse,’ he said.",
        '"We refuse," he said.',
        "“We refuse, “ he said.",  # an opening mark used as a closing one
        "“We refuse ”, he said.",  # French spacing
    ],
)
def test_every_kind_of_mark_pairs(text):
    assert [q.text for q in quotes_of("Jane Doe spoke. " + text)] == ["We refuse"]


def test_wrong_way_mark_is_flagged():
    qs = quotes_of("Jane Doe spoke. “We refuse, “ he added.")
    assert "wrong way round" in qs[0].note and qs[0].speaker == "Jane Doe" and qs[0].cue == "added"


def test_missing_closing_mark_ends_before_the_attribution():
    text = "Jane Doe spoke.\n\n“We refuse. We will not sign it. said the minister.\n\nNext paragraph."
    art = ml.Article.from_text(text)
    (q,) = ml.find_quotes(art)
    assert q.text == "We refuse. We will not sign it." and q.kind == "direct"
    assert "closing mark is missing" in q.note
    assert trailing_attribution(" We will not sign it. said the minister.") == len(" We will not sign it.")


def test_missing_closing_mark_runs_to_the_paragraph_end():
    (q,) = quotes_of("“If the plan fails, we will leave.\n\nThe vote is on Friday.")
    assert q.text == "If the plan fails, we will leave."


def test_a_quote_over_several_paragraphs():
    text = (
        'Jane Doe, the mayor, said: "The first point.\n\n"The second point.\n\n"The last point," she added.\n\n'
        "Bob Roe disagreed."
    )
    art = ml.Article.from_text(text)
    stretches = find_stretches(art.text, art.paragraphs)
    assert [sorted(s.flags) for s in stretches] == [["continues"], ["continued", "continues"], ["continued"]]
    qs = ml.find_quotes(art)
    assert [q.text for q in qs] == ["The first point.", "The second point.", "The last point"]
    assert {q.speaker for q in qs} == {"Jane Doe"} and {q.kind for q in qs} == {"direct"}


def test_nested_quotes():
    qs = quotes_of(
        "\"When Minister Daniel Ashworth told us the grant was 'on its way', we believed him,\" Linda Okafor said."
    )
    outer = one(qs, "When Minister Daniel Ashworth told us the grant was 'on its way', we believed him")
    inner = one(qs, "on its way")
    assert (outer.speaker, outer.kind) == ("Linda Okafor", "direct")
    assert (inner.speaker, inner.kind, inner.cue) == ("Daniel Ashworth", "partial", "told")


def test_a_title_in_marks_is_not_speech():
    qs = quotes_of('The council published a report titled "Moving Riverside Forward" and the "Streets for All" plan.')
    assert qs == []
    assert [a.name for a in ml.silent_actors('The council met. The report "Moving Riverside Forward" came out.')] == []


def test_quotes_in_headlines_and_headings():
    text = (
        "'We have waited ten years': council backs plan\n\n"
        'Tomás Reyes, a councillor, spoke first. "We have waited ten years for this," Reyes said.\n\n'
        '"Buses bring shoppers"\n\n'
        'Later he was asked about parking. "Buses bring shoppers," he said.'
    )
    qs = quotes_of(text)
    assert one(qs, "We have waited ten years").speaker == "Tomás Reyes"
    heading = [q for q in qs if q.text == "Buses bring shoppers"][0]
    assert heading.kind == "direct" and heading.speaker == "Tomás Reyes"


# ----------------------------------------------------------- kinds
def test_partial_scare_and_verdict():
    qs = quotes_of(
        'Jane Roe, the leader, said the talks had been "frank and useful". '
        'She called the plan "reckless". '
        'The plan is a policy of "containing" rivals. '
        'The so-called "reform" will cost more.'
    )
    assert one(qs, "frank and useful").kind == "partial"
    assert one(qs, "reckless").kind == "partial", "after 'called', one word is someone's verdict"
    assert one(qs, "containing").kind == "scare"
    assert one(qs, "reform").kind == "scare"


def test_unmarked_first_person_paragraph():
    text = (
        'The minister, Jane Roe, spoke after the talks. "We are ready," Roe said.\n\n'
        "The minister repeated her position on the border.\n\n"
        "Let me say once again that our door is open. Nobody else decides this.\n\n"
        "Talks resume in May."
    )
    qs = quotes_of(text)
    q = one(qs, "Let me say once again that our door is open. Nobody else decides this.")
    assert (q.kind, q.speaker) == ("unmarked", "Jane Roe")
    assert "without marks" in q.note


def test_first_person_without_a_speaker_nearby_is_not_speech(seed):
    # The aggregator's disclaimer ("we transmit this news automatically") is first person, but nobody speaks it.
    assert not any("we transmit" in q.text for q in ml.find_quotes(seed))


def test_a_first_person_column_has_no_unmarked_speech():
    text = "\n\n".join(
        ["I went to the council meeting on Tuesday.", 'The mayor said: "We are ready."']
        + [f"I think we should ask question number {n} of our councillors." for n in range(6)]
    )
    assert [q.kind for q in quotes_of(text)] == ["direct"]


# ----------------------------------------------------------- speakers
@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ('"We are ready," said John Smith.', "John Smith", "said"),
        ('"We are ready," John Smith said.', "John Smith", "said"),
        ('"We are ready," John Smith, a spokesman for the firm, said.', "John Smith", "said"),
        ('John Smith, 45, said: "We are ready."', "John Smith", "said"),
        ('According to John Smith, the firm is "ready for anything".', "John Smith", "according to"),
        ('John Smith was blunt: "We are ready."', "John Smith", None),
        ('John Smith spoke. "We are ready," he said.', "John Smith", "said"),
        ('John Smith spoke. "We are ready."', "John Smith", "spoke"),
        ('John Smith was more cautious. "We are ready."', "John Smith", None),
        ('"We are ready." That is what John Smith said.', "John Smith", None),
        ('"We are ready," the spokesperson for the Ministry of Defence said.', "the Ministry of Defence", "said"),
        ('"We are ready," an official said.', "an official", "said"),
        (
            'The principle postulated by the US State Department of "no talks without us" stands.',
            "the US State Department",
            "postulated",
        ),
        ('Russia was accused by the West of seeking "to invade".', "the West", "accused"),
        ('Mary Roe called the plan "reckless" and said it was "a gamble".', "Mary Roe", "called"),
    ],
)
def test_speaker_patterns(text, speaker, cue):
    qs = quotes_of(text)
    assert qs, text
    assert (qs[0].speaker, qs[0].cue) == (speaker, cue)


def test_interrupted_quote_and_a_speaker_with_an_affiliation():
    qs = quotes_of(
        "Cycling groups welcomed the plan. “Projects like this pay for themselves,” said Jo Park of the local "
        "cycling campaign, “but only if the council keeps the budget under control.”"
    )
    assert [(q.speaker, q.kind) for q in qs] == [("Jo Park", "direct"), ("Jo Park", "direct")]


def test_a_body_before_an_office_is_part_of_the_title():
    text = (
        "NATO Secretary General Jens Stoltenberg spoke after the meeting with the Organization for Security and "
        "Co-operation in Europe. Stoltenberg warned of “a real risk for new armed conflict”."
    )
    (q,) = quotes_of(text)
    assert (q.speaker, q.cue, q.cue_category) == ("Jens Stoltenberg", "warned", "warning")
    names = {a.name: a for a in ml.actors(text)}
    assert names["NATO"].quoted and names["NATO"].voiced_by == "Jens Stoltenberg"
    assert "OSCE" in names and not any(n.startswith("the Organization") for n in names)


def test_a_name_in_marks_after_known_as_is_not_speech():
    assert quotes_of("The project, known as the “Green Loop”, will cost £4.2 million.") == []


def test_names_are_canonical_and_descriptions_resolve():
    text = (
        "Russian Deputy Foreign Minister Alexander Grushko met reporters.\n\n"
        '"We are ready," Grushko said.\n\n'
        '"We are patient," the diplomat added.\n\n'
        '"We are waiting," said the Russian deputy minister.\n\n'
        '"We are firm," he warned.'
    )
    qs = quotes_of(text)
    assert [q.speaker for q in qs] == ["Alexander Grushko"] * 4
    assert [q.cue_category for q in qs] == ["neutral", "neutral", "neutral", "warning"]


def test_description_prefers_the_person_whose_title_fits():
    text = (
        "Mayor Linda Okafor and Transport Minister Daniel Ashworth met on Monday.\n\n"
        '"The money is coming," the minister said.\n\n'
        '"We will see," the mayor said.'
    )
    assert [q.speaker for q in quotes_of(text)] == ["Daniel Ashworth", "Linda Okafor"]


def test_collective_speakers_are_kept():
    qs = quotes_of('The company described the layoffs as "a necessary step". Moscow said it was "not interested".')
    assert [q.speaker for q in qs] == ["the company", "Moscow"]


def test_case_study_speakers_and_cues(seed):
    qs = ml.find_quotes(seed)
    assert {q.speaker for q in qs} == {"Alexander Grushko", "the West", "the US State Department"}
    cues = {q.text: q.cue for q in qs}
    assert cues["Security against Russia without Russia"] == "stressing"
    assert cues["not to take decisions on Ukraine without Ukraine"] == "postulated"


# ----------------------------------------------------------- voices and silent actors
def test_voices_of_the_case_study(seed):
    vs = ml.voices(seed)
    assert vs[0].speaker == "Alexander Grushko" and vs[0].share > 0.9
    assert abs(sum(v.share for v in vs) - 1) < 1e-9
    assert sum(v.count for v in vs) == len(ml.find_quotes(seed))
    assert vs[0].kinds["unmarked"] == 1 and "insists" in vs[0].cues
    by_name = {v.speaker: v for v in vs}
    assert by_name["the West"].kinds == {"scare": 1} and by_name["the West"].words == 2


def test_silent_actors_of_the_case_study(seed):
    silent = {a.name for a in ml.silent_actors(seed)}
    assert {"NATO", "United States", "Ukraine"} <= silent
    assert not silent & {"Russia", "Moscow", "Alexander Grushko", "the West", "the US State Department"}
    russia = [a for a in ml.actors(seed) if a.name == "Russia"][0]
    assert russia.quoted and russia.voiced_by == "Alexander Grushko"
    assert not any("Soviet" in a.name or "Europe" in a.name for a in ml.actors(seed)), "headline furniture"
    with_silent = ml.voices(seed, include_silent=True)
    assert [v.speaker for v in with_silent if v.count == 0][:1] == [ml.silent_actors(seed)[0].name]


def test_silent_actors_of_the_test_text():
    art = ml.load_article(TEST_TEXT)
    assert [a.name for a in ml.silent_actors(art)] == ["Riverside Borough Council"]


# ----------------------------------------------------------- the lexicon
def test_reporting_verb_lexicon():
    head = read_text("reporting_verbs.csv").splitlines()[0]
    assert "textacy" in head and "Apache-2.0" in head
    lex = verb_lexicon()
    for form in ("say", "says", "said", "saying", "insisted", "admitted", "warned", "according to"):
        assert form in lex, form
    assert lex["insisted"].category == "assertive" and "resistance" in lex["insisted"].why
    assert lex["admitted"].category == "revealing" and "damaging" in lex["admitted"].why
    categories = {row["category"] for row in verbs_table()}
    assert {"neutral", "assertive", "warning", "revealing", "explaining"} <= categories
    assert all(row["why"].strip() for row in verbs_table())


# ----------------------------------------------------------- properties
_ALPHABET = string.ascii_letters[:10] + "  .,:\n" + "".join(sorted(QUOTE_MARKS)) + "ABH"
_PIECES = st.sampled_from(
    ["he said", "said Grushko", "the diplomat added", " Jane Roe ", "NATO's", "dogs'", ". ", ": ", "\n\n", "I ", "we "]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=_ALPHABET, min_size=1, max_size=12), _PIECES), max_size=30))
def test_random_quote_marks_never_break_spans(parts):
    text = "".join(parts)
    if not text.strip():
        return
    art = ml.Article.from_text(text)
    qs = ml.find_quotes(art)
    check_spans(art.text, qs)
    for q in qs:
        assert q.text and q.text == q.text.strip()
        assert art.paragraph_index(q.start) == art.paragraph_index(q.end - 1), "a quote stays in its paragraph"
        assert q.kind in CATEGORIES["quotes"]
    assert ml.find_quotes(ml.Article.from_text(text)) == qs, "deterministic"
    assert sum(v.count for v in ml.voices(art)) == len(qs)


# ----------------------------------------------------------- the notebook views
def test_speaker_view_escapes_everything(seed):
    from medialit import quotes_view as qv

    art = ml.Article.from_text('Bob spoke. "a < b && c > d," said Bob.')
    (q,) = ml.find_quotes(art)
    evil = q.with_(speaker="<script>alert(1)</script>", note="<img src=x onerror=alert(1)>")
    html = qv.highlight_speakers(art, [evil]).html
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "a &lt; b &amp;&amp; c &gt; d" in html
    seed_html = qv.highlight_speakers(seed).html
    assert seed_html.count("<mark") >= len(ml.find_quotes(seed)) and "Alexander Grushko" in seed_html


def test_verb_table_and_chart(seed):
    import matplotlib

    matplotlib.use("Agg")
    from medialit import quotes_view as qv

    table = qv.verb_table(seed)
    verbs = [row[0] for row in table.rows]
    assert {"said", "insists", "accused"} <= set(verbs)
    assert "resistance" in dict((r[0], r[3]) for r in table.rows)["insists"]
    assert "<td" in table._repr_html_() and "said" in str(table)
    fig = qv.plot_voices(seed)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == "Alexander Grushko" and "NATO (never quoted)" in labels
