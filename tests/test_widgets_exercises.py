"""Choice, written, ordering and label exercises, the name box and the feedback panel (no browser needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import medialit as ml
from medialit import answers
from medialit import widgets as mw
from medialit.findings import Quote, make_finding


@pytest.fixture(autouse=True)
def isolated(answers_sandbox, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return answers_sandbox


def _saved(root: Path, exercise: str, notebook: str = "nb", student: str = "tester") -> dict:
    return json.loads((root / student / notebook / f"{exercise}.json").read_text(encoding="utf-8"))["data"]


OPTIONS = [
    ("RT, a Russian state-funded broadcaster", True, "The headline keeps RT's section name."),
    ("The aggregator that republished it", False, "It republished and machine-translated the text."),
    ("NATO's press office", False, "NATO is the subject of the report, not its publisher."),
]


# ------------------------------------------------------------ choice
def test_single_choice_explains_the_chosen_option(isolated):
    ex = mw.ChoiceExercise("Who first published this report?", OPTIONS, exercise="who", notebook="nb")
    assert "Choose an answer first" in ex.check().summary
    ex.radio.value = 1
    fb = ex.check()
    assert "not the key's answer" in fb.summary
    (item,) = fb.items
    assert item.status == "wrong" and item.why == OPTIONS[1][2]
    assert _saved(isolated, "who")["chosen"] == [1]
    ex.choose(0)
    assert ex.panel.feedback.stale
    fb = ex.check()
    assert fb.summary == "Your choice matches the key." and fb.items[0].why == OPTIONS[0][2]
    key = ex.reveal()
    assert [i.status for i in key.items] == ["right", "note", "note"]
    assert all(i.why for i in key.items)
    again = mw.ChoiceExercise("Who first published this report?", OPTIONS, exercise="who", notebook="nb")
    assert again.chosen == [0] and again.panel.revealed


def test_multiple_choice_counts_and_hints(isolated):
    opts = [("a", True, "why a"), ("b", True, "why b"), ("c", False, "why not c")]
    ex = mw.ChoiceExercise("Which?", opts, exercise="many", notebook="nb", multiple=True)
    ex.boxes[0].value = True
    ex.boxes[2].value = True
    fb = ex.check()
    assert fb.summary == "1 of your 2 choices matches the key; 1 does not."
    assert "1 more option also fits" in fb.hint
    assert {i.status for i in fb.items} == {"right", "wrong"}
    ex.choose(0, 1)
    fb = ex.check()
    assert fb.summary == "You chose every option the key chooses (2), and no other."
    assert _saved(isolated, "many")["chosen"] == [0, 1]
    assert mw.ChoiceExercise("Which?", opts, exercise="many", notebook="nb", multiple=True).chosen == [0, 1]


def test_choice_follows_labels_when_options_are_reordered(isolated):
    ex = mw.ChoiceExercise("Q?", OPTIONS, exercise="re", notebook="nb")
    ex.choose(2)
    swapped = [OPTIONS[2], OPTIONS[0], OPTIONS[1]]
    assert mw.ChoiceExercise("Q?", swapped, exercise="re", notebook="nb").chosen == [0]


def test_choice_refuses_bad_options():
    with pytest.raises(ValueError, match="at least two"):
        mw.ChoiceExercise("Q?", [("a", True, "")], exercise="x", notebook="nb")
    with pytest.raises(ValueError, match="at least one option as correct"):
        mw.ChoiceExercise("Q?", [("a", False, ""), ("b", False, "")], exercise="x", notebook="nb")
    with pytest.raises(ValueError, match="multiple=True"):
        mw.ChoiceExercise("Q?", [("a", True, ""), ("b", True, "")], exercise="x", notebook="nb")
    with pytest.raises(ValueError, match="label, is_correct, explanation"):
        mw.ChoiceExercise("Q?", [("a", True), ("b", False)], exercise="x", notebook="nb")


# ------------------------------------------------------------ written
def test_written_answer_saves_every_change_and_reveals_the_model_answer_after_submitting(isolated):
    ex = mw.WrittenExercise(
        "Why does the footer matter?", "It says a machine translated the text.", exercise="w", notebook="nb"
    )
    assert ex.panel.check_button.description == "Submit my answer"
    assert "ml-submit" in ex.panel.check_button._dom_classes
    ex.text.value = "Too short"
    fb = ex.submit()
    assert "Write your own answer first" in fb.summary and not ex.submitted
    assert "machine translated" not in ex.panel.output.value, "no model answer before a real submission"
    assert _saved(isolated, "w")["text"] == "Too short", "saved on every change"
    ex.write("The footer admits the text was translated by a program, so exact words may not be the speaker's.")
    fb = ex.submit()
    assert ex.submitted and fb.of("model")[0].text == "It says a machine translated the text."
    assert "not marked by the computer" in fb.scope
    assert _saved(isolated, "w")["submitted_text"].startswith("The footer admits")
    ex.write(ex.text.value + " Also RT.")
    assert ex.panel.feedback.stale
    again = mw.WrittenExercise(
        "Why does the footer matter?", "It says a machine translated the text.", exercise="w", notebook="nb"
    )
    assert again.text.value.endswith("Also RT.") and again.submitted
    assert "machine translated" in again.panel.output.value and "Submit it again" in again.panel.output.value


def test_written_answer_escapes_everything(isolated):
    ex = mw.WrittenExercise("<b>Q</b>", "<script>x</script> model", exercise="w2", notebook="nb")
    ex.write("my <img src=x> answer has enough words")
    ex.submit()
    assert "<script>" not in ex.panel.output.value and "&lt;script&gt;" in ex.panel.output.value
    assert "<b>Q</b>" in ex.prompt.value, "authors may stress words with plain inline tags"
    tricky = mw.WrittenExercise(
        '<b onclick="x()">Q</b> <a href="javascript:x">a</a> <script>', "m", exercise="w4", notebook="nb"
    )
    assert "<b onclick" not in tricky.prompt.value and "<a " not in tricky.prompt.value
    assert "<script>" not in tricky.prompt.value
    with pytest.raises(ValueError):
        mw.WrittenExercise("Q", "  ", exercise="w3", notebook="nb")


# ------------------------------------------------------------ ordering
JOURNEY = [
    "Grushko speaks at a press conference",
    "RT reports his words in Russian",
    "RT France publishes a French version",
    "An aggregator machine-translates it into English",
]


def test_ordering_moves_checks_and_restores(isolated):
    ex = mw.OrderingExercise(
        "Put the journey in order.",
        JOURNEY,
        JOURNEY,
        exercise="o",
        notebook="nb",
        explanation="Each step can change the words.",
    )
    assert ex.current == list(reversed(JOURNEY)), "never starts solved"
    fb = ex.check()
    assert fb.counts["in_place"] == 0 and "position 1" in fb.hint
    assert "0 of 6 pairs" in fb.summary
    up = ex.rows[3][2]
    assert up.description == "Up" and "ml-move-up" in up._dom_classes and not up.disabled
    assert ex.rows[0][2].disabled and ex.rows[3][3].disabled, "no moving past the ends"
    up.click()  # Grushko moves from position 4 to 3
    assert ex.current[2] == JOURNEY[0]
    assert _saved(isolated, "o")["order"] == ex.current
    ex.set_order(JOURNEY)
    fb = ex.check()
    assert fb.summary == "Your order is the same as the key's."
    key = ex.reveal()
    assert [i.text for i in key.items] == JOURNEY and key.scope == "Each step can change the words."
    again = mw.OrderingExercise("Put the journey in order.", JOURNEY, JOURNEY, exercise="o", notebook="nb")
    assert again.current == JOURNEY and again.panel.revealed


def test_ordering_accepts_indexes_and_refuses_bad_orders():
    ex = mw.OrderingExercise("Q", ["b", "a", "c"], [1, 0, 2], exercise="o2", notebook="nb")
    assert ex.correct == [1, 0, 2] and ex.current == ["b", "a", "c"]
    with pytest.raises(ValueError, match="every item exactly once"):
        mw.OrderingExercise("Q", ["a", "b"], [0, 0], exercise="o3", notebook="nb")
    with pytest.raises(ValueError, match="not one of the items"):
        mw.OrderingExercise("Q", ["a", "b"], ["a", "z"], exercise="o3", notebook="nb")


def test_ordering_conflict_between_two_tabs_keeps_the_other_order(isolated):
    s1, s2 = answers.AnswerStore("tester", "nb"), answers.AnswerStore("tester", "nb")
    a = mw.OrderingExercise("Q", JOURNEY, JOURNEY, exercise="o", notebook="nb", store=s1)
    b = mw.OrderingExercise("Q", JOURNEY, JOURNEY, exercise="o", notebook="nb", store=s2)
    a.move(0, 1)
    with pytest.warns(answers.AnswerWarning, match="kept as"):
        b.move(3, -1)
    copies = list((isolated / "tester" / "nb").glob("o.conflict-*.json"))
    assert len(copies) == 1


# ------------------------------------------------------------ labels
def _quotes(article: ml.Article) -> list[Quote]:
    out = []
    for text, speaker, kind in [
        ("Frank, direct, deep and intense", "Alexander Grushko", "partial"),
        ("Main opponent", "Alexander Grushko", "scare"),
    ]:
        s = article.find(text)
        out.append(Quote(s.start, s.end, s.text, note=f"Because {kind}.", source="key", speaker=speaker, kind=kind))
    return out


FIELDS = {"speaker": ["Alexander Grushko", "the reporter"], "kind": ["direct", "partial", "scare", "unmarked"]}


def test_labels_per_item_feedback_from_key_quotes(seed, isolated):
    ex = mw.LabelExercise(seed, _quotes(seed), FIELDS, exercise="lab", notebook="nb")
    assert ex.expected[0] == {"speaker": "Alexander Grushko", "kind": "partial", "why": "Because partial."}
    assert "<mark>Frank, direct, deep and intense</mark>" in ex.children[1].children[0].value
    ex.set_label(0, "speaker", "Alexander Grushko")
    ex.set_label(0, "kind", "direct")
    ex.set_label(1, "speaker", "Alexander Grushko")
    ex.set_label(1, "kind", "scare")
    fb = ex.check()
    assert fb.summary == "3 of 4 labels agree with the key."
    wrong, right = fb.of("wrong"), fb.of("right")
    assert len(wrong) == 1 and "look again at the kind" in wrong[0].detail and not wrong[0].why
    assert len(right) == 1 and right[0].why == "Because scare."
    assert "look again at the kind" in ex.item_feedback[0].value
    assert "Because scare." in ex.item_feedback[1].value
    assert "passage 1" in fb.hint
    key = ex.reveal()
    assert "the key: speaker: Alexander Grushko; kind: partial" in key.items[0].detail
    assert "you chose direct" in key.items[0].detail
    assert all("None" not in item.detail for item in key.items), "an unanswered label is said in words"
    assert _saved(isolated, "lab")["labels"][0] == {"speaker": "Alexander Grushko", "kind": "direct"}
    again = mw.LabelExercise(seed, _quotes(seed), FIELDS, exercise="lab", notebook="nb")
    assert again.labels == ex.labels and again.panel.revealed


def test_labels_with_explicit_expected_and_none_for_cannot_tell(seed):
    items = [make_finding(seed, *(lambda s: (s.start, s.end))(seed.find("Main opponent")), "quotes", "scare")]
    ex = mw.LabelExercise(
        seed,
        items,
        {"speaker": ["NATO", "Grushko"]},
        exercise="lab2",
        notebook="nb",
        expected=[{"speaker": None, "why": "Nobody is named as saying it."}],
    )
    assert mw.CANNOT_TELL in ex.fields["speaker"]
    ex.set_label(0, "speaker", mw.CANNOT_TELL)
    assert ex.check().of("right")[0].why == "Nobody is named as saying it."
    with pytest.raises(ValueError, match="not one of the speaker options"):
        mw.LabelExercise(
            seed, items, {"speaker": ["NATO"]}, exercise="x", notebook="nb", expected=[{"speaker": "Putin"}]
        )
    with pytest.raises(ValueError, match="one per item"):
        mw.LabelExercise(seed, items, {"speaker": ["NATO"]}, exercise="x", notebook="nb", expected=[])


def test_labels_without_a_key_still_save(seed, isolated):
    items = [make_finding(seed, 0, 6, "quotes", "direct")]  # a kit finding, not the key's
    ex = mw.LabelExercise(seed, items, {"kind": ["direct", "scare"]}, exercise="lab3", notebook="nb")
    assert ex.expected is None and ex.panel.reveal_button.disabled
    ex.set_label(0, "kind", "scare")
    assert "no key" in ex.check().summary
    assert _saved(isolated, "lab3")["labels"] == [{"kind": "scare"}]


def test_unanswered_labels_are_named(seed):
    ex = mw.LabelExercise(seed, _quotes(seed), FIELDS, exercise="lab4", notebook="nb")
    ex.set_label(0, "speaker", "Alexander Grushko")
    fb = ex.check()
    assert "still to choose: kind" in fb.of("unanswered")[0].detail
    assert "not labelled yet" in fb.of("unanswered")[1].detail


# ------------------------------------------------------------ the name box
def test_name_box_sets_the_student_for_later_exercises(isolated):
    box = mw.student_name_box("nb")
    assert box.text.value == "tester" and "answers/tester/nb/" in box.message.value
    assert box.text.description == "Your name" and "ml-name-save" in box.button._dom_classes
    box.text.value = "Ana B."
    ex = mw.ChoiceExercise("Q?", OPTIONS, exercise="q", notebook="nb")
    assert ex.student == "Ana B."
    ex.choose(0)
    assert _saved(isolated, "q", student="Ana_B")["chosen"] == [0]
    # a restart: the name comes back, and so do the answers
    answers._STUDENTS.clear()
    answers._STORE_CACHE.clear()
    box2 = mw.student_name_box("nb")
    assert box2.text.value == "Ana B."
    assert mw.ChoiceExercise("Q?", OPTIONS, exercise="q", notebook="nb").chosen == [0]
    assert mw.student_name_box("other_nb").text.value == "tester", "each notebook asks once"


def test_changing_the_name_moves_the_work_on_screen(isolated):
    box = mw.student_name_box("nb")
    ex = mw.ChoiceExercise("Q?", OPTIONS, exercise="q", notebook="nb")
    ex.choose(2)  # saved as tester
    box.use("Ben")
    assert ex.student == "Ben"
    assert _saved(isolated, "q", student="Ben")["chosen"] == [2], "work done before the name was typed moves along"
    # switching to a name that already has an answer shows that answer
    box.use("tester")
    ex2 = mw.ChoiceExercise("Q?", OPTIONS, exercise="other", notebook="nb")
    assert ex2.student == "tester"
    assert "Type your name first" in (box.use("  ") and box.message.value)


# ------------------------------------------------------------ feedback panel and wording
def test_feedback_panel_on_its_own():
    calls = []
    panel = mw.FeedbackPanel(
        lambda: mw.Feedback("checked", hint="look at paragraph 2"),
        lambda: mw.Feedback("the key", (mw.FeedbackItem("missed", "a <b>word</b>", "because"),)),
        on_change=lambda: calls.append(1),
    )
    assert panel.reveal_button.disabled
    panel.check_button.click()
    assert panel.checks == 1 and not panel.reveal_button.disabled and "look at paragraph 2" in panel.output.value
    panel.reveal_button.click()
    assert (
        panel.revealed and "&lt;b&gt;word&lt;/b&gt;" in panel.output.value and "<b>word</b>" not in panel.output.value
    )
    assert calls == [1, 1]
    panel.mark_stale()
    assert "changed your answer" in panel.output.value


def test_no_feedback_ever_claims_all_correct(seed):
    """Wording check across every exercise type, whatever the answer."""
    texts = []
    choice = mw.ChoiceExercise("Q?", OPTIONS, exercise="a", notebook="nb")
    choice.choose(0)
    texts += [choice.check().text(), choice.reveal().text()]
    order = mw.OrderingExercise("Q", JOURNEY, JOURNEY, exercise="b", notebook="nb")
    order.set_order(JOURNEY)
    texts += [order.check().text(), order.reveal().text()]
    labels = mw.LabelExercise(seed, _quotes(seed), FIELDS, exercise="c", notebook="nb")
    for i, q in enumerate(_quotes(seed)):
        labels.set_label(i, "speaker", q.speaker)
        labels.set_label(i, "kind", q.kind)
    texts += [labels.check().text(), labels.reveal().text()]
    for text in texts:
        assert not re.search(r"\ball correct\b|\bperfect\b|\bwell done\b", text, re.IGNORECASE), text


def test_every_button_has_a_name_and_a_tooltip(seed):
    widgets = [
        mw.SpanExercise(seed, None, "loaded", exercise="s", notebook="nb"),
        mw.ChoiceExercise("Q?", OPTIONS, exercise="c", notebook="nb"),
        mw.WrittenExercise("Q?", "model", exercise="w", notebook="nb"),
        mw.OrderingExercise("Q", JOURNEY, JOURNEY, exercise="o", notebook="nb"),
        mw.LabelExercise(seed, _quotes(seed), FIELDS, exercise="l", notebook="nb"),
        mw.student_name_box("nb"),
        mw.export_box(),
    ]
    import ipywidgets as w

    def walk(x):
        yield x
        for child in getattr(x, "children", ()):
            yield from walk(child)

    for top in widgets:
        for widget in walk(top):
            if isinstance(widget, w.Button):
                assert widget.description.strip() and widget.tooltip, widget
            if isinstance(widget, w.Text | w.Textarea | w.Dropdown | w.RadioButtons):
                assert widget.description.strip(), widget
            if isinstance(widget, w.Checkbox):
                assert widget.description.strip(), widget


def test_export_box_bundles_the_answers(isolated):
    mw.ChoiceExercise("Q?", OPTIONS, exercise="c", notebook="nb").choose(0)
    box = mw.export_box()
    path = box.export()
    assert path.is_file() and path.suffix == ".zip"
    assert path.name in box.message.value and "Download" in box.message.value


def test_widgets_display_and_serialise_like_in_a_kernel(seed):
    """What Jupyter does with a widget: repr, the display bundle, and JSON state for every child."""
    import ipywidgets as w

    tops = [
        mw.SpanExercise(seed, None, "loaded", exercise="s", notebook="nb"),
        mw.ChoiceExercise("Q?", OPTIONS, exercise="c", notebook="nb", multiple=True),
        mw.WrittenExercise("Q?", "model", exercise="w", notebook="nb"),
        mw.OrderingExercise("Q", JOURNEY, JOURNEY, exercise="o", notebook="nb"),
        mw.LabelExercise(seed, _quotes(seed), FIELDS, exercise="l", notebook="nb"),
        mw.student_name_box("nb"),
        mw.export_box(),
    ]

    def walk(x):
        yield x
        for child in getattr(x, "children", ()):
            yield from walk(child)

    for top in tops:
        bundle = top._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        assert "application/vnd.jupyter.widget-view+json" in data
        for widget in walk(top):
            assert isinstance(widget, w.Widget)
            json.dumps(widget.get_state())
            repr(widget)
            if isinstance(widget, mw.SpanPicker):
                picker_bundle = widget._repr_mimebundle_()
                assert "application/vnd.jupyter.widget-view+json" in picker_bundle[0]


def test_every_button_is_made_by_the_one_helper():
    """widgets.base.button sizes a button to its label; a bare ipywidgets.Button would cut long labels again."""
    package = Path(ml.__file__).parent
    bare = [
        f"{p.relative_to(package)}:{n}"
        for p in package.rglob("*.py")
        if p.name != "base.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\b(w|widgets|ipywidgets)\.Button\(", line)
    ]
    assert not bare, f"use medialit.widgets.base.button instead of ipywidgets.Button at {bare}"
    assert mw.base.button("Check my answer").layout.width == "auto"
