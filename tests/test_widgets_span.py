"""SpanExercise and SpanPicker, tested without a browser: construct, act, check feedback and saved files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medialit as ml
from medialit import answers
from medialit import widgets as mw
from medialit.findings import make_finding
from medialit.widgets.span_picker import Utf16Map, index_to_utf16, snap_to_words, utf16_to_index

WIDGETS = Path(mw.__file__).parent


@pytest.fixture(autouse=True)
def isolated(answers_sandbox):
    return answers_sandbox


def _key(article: ml.Article, *phrases: str, layer: str = "loaded") -> list[ml.Finding]:
    out = []
    for p in phrases:
        s = article.find(p)
        out.append(make_finding(article, s.start, s.end, layer, "naming", note=f"The key's reason for {p}."))
    return out


def _saved(root: Path, exercise: str, notebook: str = "nb", student: str = "tester") -> dict:
    return json.loads((root / student / notebook / f"{exercise}.json").read_text(encoding="utf-8"))["data"]


def _para(article: ml.Article, phrase: str) -> int:
    return article.paragraph_index(article.find(phrase).start)


# ------------------------------------------------------------ offsets and snapping
def test_utf16_offsets_round_trip_with_characters_beyond_the_bmp():
    text = "a😀b “c” 𝔘d"
    m = Utf16Map(text)
    for i in range(len(text) + 1):
        assert m.to_index(m.to_utf16(i)) == i
    assert index_to_utf16(text, 2) == 3  # 'a' + the emoji's two code units
    assert utf16_to_index(text, 2) == 1, "half a surrogate pair moves to the character's start"
    assert utf16_to_index("plain", 99) == 5 and utf16_to_index("plain", -3) == 0


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab c😀𝔘é\n"), min_size=1, max_size=40), st.data())
def test_utf16_map_agrees_with_javascript_counting(text, data):
    i = data.draw(st.integers(0, len(text)))
    assert Utf16Map(text).to_utf16(i) == len(text[:i].encode("utf-16-le")) // 2


def test_snapping_completes_half_selected_words_and_trims_spaces(seed):
    s = seed.find("US-led military bloc")
    assert snap_to_words(seed, s.start + 3, s.end - 2) == (s.start, s.end)
    assert snap_to_words(seed, s.start - 1, s.end + 1)[0] in {s.start - 1, s.start}
    space = seed.text.index(" ")
    assert snap_to_words(seed, space, space + 1) is None
    comma = seed.text.index(",")
    assert snap_to_words(seed, comma, comma + 1) is None
    assert snap_to_words(seed, s.end, s.start) == snap_to_words(seed, s.start, s.end)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_any_selection_snaps_to_exact_word_boundaries(seed, data):
    a = data.draw(st.integers(0, len(seed.text)))
    b = data.draw(st.integers(0, len(seed.text)))
    snapped = snap_to_words(seed, a, b)
    if snapped is None:
        return
    s, e = snapped
    assert s < e and not seed.text[s].isspace() and not seed.text[e - 1].isspace()
    assert not (s > 0 and seed.text[s - 1].isalnum() and seed.text[s].isalnum())
    assert not (e < len(seed.text) and seed.text[e - 1].isalnum() and seed.text[e].isalnum())


def test_picker_sends_paragraphs_with_offsets_and_words(seed):
    picker = mw.SpanPicker(seed, [3, 5])
    assert [p["index"] for p in picker.paragraphs] == [3, 5]
    p = picker.paragraphs[0]
    para = seed.paragraphs[3]
    assert (p["start"], p["text"], p["n"]) == (para.start, para.text, 4)
    for s16, e16 in p["words"]:
        assert any(c.isalnum() for c in p["text"][s16:e16])
    with pytest.raises(ValueError, match="does not exist"):
        mw.SpanPicker(seed, [999])


def test_a_browser_selection_becomes_exact_marks(seed, isolated):
    ex = mw.SpanExercise(seed, None, "loaded", exercise="sel", notebook="nb")
    i = _para(seed, "US-led military bloc")
    para = seed.paragraphs[i]
    start = seed.find("US-led military bloc").start - para.start
    # the student drags from inside "US-led" to inside "bloc", as a DOM Range would report it
    ex.picker._handle_message(
        None, {"type": "select", "start_para": i, "start": start + 2, "end_para": i, "end": start + 18}, []
    )
    ((s, e),) = ex.spans
    assert seed.text[s:e] == "US-led military bloc"
    f = ex.findings[0]
    assert seed.text[f.start : f.end] == f.text and f.layer == "loaded" and f.source == "tester"
    assert _saved(isolated, "sel")["marks"] == [{"start": s, "end": e, "text": "US-led military bloc"}]
    assert ex.picker.marks == [[i, start, start + len("US-led military bloc"), 0]]


def test_a_selection_across_paragraphs_marks_each_paragraph_on_screen(seed):
    ex = mw.SpanExercise(seed, None, "loaded", exercise="x", notebook="nb", paragraphs=[3, 5])
    p3, p5 = seed.paragraphs[3], seed.paragraphs[5]
    assert p3.text.endswith("military bloc.")
    ex.picker.select(3, len(p3.text) - 5, 5, 9)
    assert [seed.text[s:e] for s, e in ex.spans] == ["bloc.", "After the"], "paragraph 4 is not on screen"
    assert ex.spans[0][1] <= p3.end and ex.spans[1][0] >= p5.start


def test_keyboard_delete_removes_the_mark_under_the_cursor(seed):
    ex = mw.SpanExercise(seed, None, "loaded", exercise="x", notebook="nb")
    s = seed.find("the West")
    ex.add_span(s.start, s.end)
    i = seed.paragraph_index(s.start)
    ex.picker._handle_message(None, {"type": "remove_at", "para": i, "offset": s.start - seed.paragraphs[i].start}, [])
    assert ex.spans == []
    ex.picker._handle_message(None, {"type": "remove_at", "para": i, "offset": 0}, [])
    assert "no mark under the cursor" in ex.picker.notice["text"]
    ex.picker._handle_message(None, {"type": "select", "start_para": "x"}, [])
    assert "could not be read" in ex.picker.notice["text"]


def test_overlapping_marks_join_and_duplicates_are_refused(seed):
    ex = mw.SpanExercise(seed, None, "loaded", exercise="x", notebook="nb")
    s = seed.find("US-led military bloc")
    assert "Marked" in ex.add_span(s.start, s.start + 6)
    assert "already marked" in ex.add_span(s.start, s.start + 6)
    assert "Joined" in ex.add_span(s.start + 3, s.end)
    assert ex.spans == [(s.start, s.end)]
    assert "already inside" in ex.add_span(s.start + 7, s.end)
    assert "Nothing to mark" in ex.add_span(s.start + 6, s.start + 7)


# ------------------------------------------------------------ typed fallback
def test_typing_words_marks_them(seed, isolated):
    """Enter (or leaving the box) commits the words, and the committed value marks them."""
    ex = mw.SpanExercise(seed, None, "loaded", exercise="typed", notebook="nb")
    assert ex.find_box.continuous_update is False
    ex.find_box.value = "Luck for peace"  # what the browser sends on Enter
    assert [seed.text[s:e] for s, e in ex.spans] == ["Luck for peace"]
    assert ex.find_box.value == "", "the box is emptied for the next phrase"
    assert "Marked “Luck for peace”" in ex.message.value
    # "Add" after Enter (the box is empty now) neither marks twice nor scolds
    ex.add_button.click()
    assert len(ex.spans) == 1 and "Marked “Luck for peace”" in ex.message.value


def test_add_button_retries_words_left_in_the_box(seed):
    ex = mw.SpanExercise(seed, None, "loaded", exercise="typed", notebook="nb")
    ex.add_button.click()
    assert "Type the words you want to mark" in ex.message.value
    ex.find_box.value = "Luck for piece"
    assert not ex.spans and "closest passage" in ex.message.value and ex.find_box.value == "Luck for piece"
    ex.add_button.click()  # pressed again: tried again, same hint
    assert not ex.spans and "closest passage" in ex.message.value


def test_a_stale_enter_cannot_mark_old_words(seed):
    """ipywidgets sends Enter before a held-back value: the submit event alone marks nothing."""
    ex = mw.SpanExercise(seed, None, "loaded", exercise="typed", notebook="nb")
    ex.find_box._handle_custom_msg({"event": "submit"}, [])
    assert ex.spans == []
    ex.find_box.value = "Luck for peace"
    assert len(ex.spans) == 1


def test_typed_words_not_found_get_a_hint(seed):
    ex = mw.SpanExercise(seed, None, "loaded", exercise="typed", notebook="nb")
    msg = ex.add_text("Luck for piece")
    assert "not in the article" in msg and "closest passage is “Luck for peace" in msg
    assert ex.spans == []
    assert "Type the words" in ex.add_text("   ")


def test_typed_words_ignore_capitals_and_spacing_when_needed(seed):
    ex = mw.SpanExercise(seed, None, "loaded", exercise="typed", notebook="nb")
    msg = ex.add_text("luck   FOR peace")
    assert "ignoring capitals" in msg
    assert [seed.text[s:e] for s, e in ex.spans] == ["Luck for peace"]


def test_typed_words_with_straight_quotes_find_curly_ones(seed):
    ex = mw.SpanExercise(seed, None, "loaded", exercise="typed", notebook="nb")
    msg = ex.add_text('"Main opponent"')
    assert "loosely" in msg and [seed.text[s:e] for s, e in ex.spans] == ["“Main opponent”"]


def test_several_occurrences_let_the_student_choose(seed, isolated):
    ex = mw.SpanExercise(seed, None, "loaded", exercise="typed", notebook="nb")
    hits = seed.find_all("the West")
    msg = ex.add_text("the West")
    assert f"occurs {len(hits)} times" in msg
    assert ex.chooser.layout.display == "flex"
    labels = [label for label, _ in ex.occurrence.options]
    assert len(labels) == len(hits) and all("[the West]" in x and "paragraph" in x for x in labels)
    ex.occurrence.value = 2
    ex.add_occurrence_button.click()
    assert ex.spans == [(hits[1].start, hits[1].end)]
    assert ex.chooser.layout.display == "none"
    ex.add_text("the West")
    ex.add_all_button.click()
    assert ex.spans == [(h.start, h.end) for h in hits]
    assert len(_saved(isolated, "typed")["marks"]) == len(hits)


def test_words_outside_the_exercise_paragraphs_are_explained(seed):
    inside = _para(seed, "US-led military bloc")
    ex = mw.SpanExercise(seed, None, "loaded", exercise="typed", notebook="nb", paragraphs=[inside])
    msg = ex.add_text("Luck for peace")
    assert "not part of this exercise" in msg and f"paragraph {_para(seed, 'Luck for peace') + 1}" in msg
    assert ex.spans == []


def test_marks_are_listed_and_removable(seed, isolated):
    ex = mw.SpanExercise(seed, None, "loaded", exercise="rm", notebook="nb")
    ex.add_text("Luck for peace")
    ex.add_text("US-led military bloc")
    rows = ex.marks_list.children
    assert len(rows) == 2 and "Your marks (2)" in ex.marks_heading.value
    label, button = rows[0].children
    assert "US-led military bloc" in label.value and "paragraph" in label.value
    assert button.description == "Remove" and "ml-remove" in button._dom_classes
    assert "US-led military bloc" in button.tooltip
    button.click()
    assert [seed.text[s:e] for s, e in ex.spans] == ["Luck for peace"]
    assert len(ex.marks_list.children) == 1
    assert [m["text"] for m in _saved(isolated, "rm")["marks"]] == ["Luck for peace"]


# ------------------------------------------------------------ feedback
def test_check_gives_a_hint_first_then_the_key(seed):
    key = _key(seed, "US-led military bloc", "the West", "Kiev authorities")
    ex = mw.SpanExercise(seed, key, "loaded", exercise="fb", notebook="nb")
    assert ex.panel.reveal_button.disabled, "the key is offered only after a first check"
    ex.add_text("military bloc", occurrence=1)  # close enough to the key's "US-led military bloc"
    ex.add_text("Luck for peace")  # not in the key
    fb = ex.check()
    assert not ex.panel.reveal_button.disabled
    assert fb.counts == {"marked": 2, "expected": 3, "matched": 1, "missed": 2, "extra": 1}
    (matched,) = fb.of("matched")
    assert matched.why == "The key's reason for US-led military bloc."
    assert "the key marks “US-led military bloc”" in matched.detail
    (extra,) = fb.of("extra")
    assert extra.text == "Luck for peace" and "does not make it wrong" in extra.detail
    assert not fb.of("missed"), "missed passages are not given away before the key is asked for"
    west = _para(seed, "the West") + 1
    kiev = _para(seed, "Kiev authorities") + 1
    assert f"2 passages in the key are still unmarked: 1 in paragraph {west} and 1 in paragraph {kiev}" in fb.hint
    assert "not the reasons" in fb.scope
    assert "correct" not in fb.text().lower()
    html = ex.panel.output.value
    assert "Matches the key" in html and "Hint:" in html

    key_fb = ex.panel.reveal_button.click() or ex.panel.feedback
    assert {i.text for i in key_fb.of("missed")} == {"the West", "Kiev authorities"}
    assert all(i.why.startswith("The key's reason") for i in key_fb.of("missed"))
    assert "ml-article" in key_fb.extra_html and "The key" in key_fb.extra_html


def test_finding_everything_is_described_honestly(seed):
    key = _key(seed, "US-led military bloc", "Luck for peace")
    ex = mw.SpanExercise(seed, key, "loaded", exercise="fb", notebook="nb")
    ex.add_text("US-led military bloc")
    ex.add_text("Luck for peace")
    fb = ex.check()
    assert "line up with every passage the key lists" in fb.summary and "(2 of 2)" in fb.summary
    assert "compare your reasons" in fb.summary.lower()
    assert not re.search(r"all correct|perfect|100 ?%", fb.text(), re.IGNORECASE)
    ex.add_text("the West", occurrence=1)
    fb = ex.check()
    assert "plus 1 mark the key does not have" in fb.summary


def test_a_mark_that_only_touches_a_key_passage_is_explained(seed):
    key = _key(seed, "US-led military bloc")
    ex = mw.SpanExercise(seed, key, "loaded", exercise="fb", notebook="nb")
    para = seed.paragraphs[_para(seed, "US-led military bloc")]
    ex.add_span(para.start, para.end)  # the whole paragraph
    (close,) = ex.check().of("close")
    assert "takes in much more" in close.detail


def test_feedback_goes_stale_when_the_answer_changes(seed):
    ex = mw.SpanExercise(seed, _key(seed, "the West"), "loaded", exercise="fb", notebook="nb")
    ex.check()
    ex.add_text("Luck for peace")
    assert ex.panel.feedback.stale and "changed your answer" in ex.panel.output.value


def test_without_a_key_marks_are_saved_and_feedback_says_why_not(seed, isolated):
    ex = mw.SpanExercise(seed, None, "loaded", exercise="nokey", notebook="nb")
    ex.add_text("Luck for peace")
    fb = ex.check()
    assert "no key for this article" in fb.summary and "saved" in fb.hint
    assert ex.panel.reveal_button.disabled
    assert "no key" in ex.reveal().summary and not ex.panel.revealed
    assert _saved(isolated, "nokey")["marks"][0]["text"] == "Luck for peace"


def test_a_key_with_nothing_for_the_layer(seed, seed_key):
    empty = ml.Key(article=seed, path=None, findings={})
    ex = mw.SpanExercise(seed, empty, "translation_artifacts", exercise="empty", notebook="nb")
    assert ex.layer == "translation"
    assert "has no passages for translation artifacts" in ex.check().summary
    # the real key works too, whatever it holds today
    mw.SpanExercise(seed, seed_key, "loaded", exercise="real", notebook="nb").check()


def test_the_key_is_limited_to_the_exercise_paragraphs(seed):
    key = _key(seed, "US-led military bloc", "Luck for peace")
    p = _para(seed, "US-led military bloc")
    ex = mw.SpanExercise(seed, key, "loaded", exercise="part", notebook="nb", paragraphs=[p])
    assert [f.text for f in ex.expected] == ["US-led military bloc"]
    ex.add_text("US-led military bloc")
    assert ex.check().counts["missed"] == 0


def test_unknown_layer_and_missing_names_are_refused(seed):
    with pytest.raises(ValueError, match="unknown layer"):
        mw.SpanExercise(seed, None, "rhetoric", exercise="x", notebook="nb")
    with pytest.raises(ValueError, match="needs a name"):
        mw.SpanExercise(seed, None, "loaded", exercise="", notebook="nb")


# ------------------------------------------------------------ saving and restoring
def test_rerunning_the_notebook_restores_marks_and_feedback(seed, isolated):
    key = _key(seed, "the West")
    ex = mw.SpanExercise(seed, key, "loaded", exercise="again", notebook="nb")
    ex.add_text("Luck for peace")
    ex.check()
    ex.reveal()
    again = mw.SpanExercise(seed, key, "loaded", exercise="again", notebook="nb")
    assert again.spans == ex.spans
    assert again.panel.checks == 1 and again.panel.revealed
    assert "The key" in again.panel.output.value
    assert "is back" in again.status.value
    saved = _saved(isolated, "again")
    assert saved["kind"] == "span" and saved["article"] == seed.slug and saved["layer"] == "loaded"


def test_saved_marks_that_no_longer_fit_the_text_are_found_again_or_reported(seed, isolated):
    store_dir = isolated / "tester" / "nb"
    store_dir.mkdir(parents=True)
    west = seed.find("the West")
    data = {
        "kind": "span",
        "marks": [
            {"start": west.start + 3, "end": west.end + 3, "text": "the West"},  # moved: found again
            {"start": 0, "end": 5, "text": "vanished words"},  # gone
        ],
        "checks": 0,
        "revealed": False,
    }
    (store_dir / "moved.json").write_text(json.dumps({"data": data}), encoding="utf-8")
    ex = mw.SpanExercise(seed, None, "loaded", exercise="moved", notebook="nb")
    assert ex.spans == [(west.start, west.end)]
    assert "could not be found" in ex.message.value and "vanished words" in ex.message.value


def test_a_damaged_answer_file_warns_and_the_exercise_starts_empty(seed, isolated):
    folder = isolated / "tester" / "nb"
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.warns(answers.AnswerWarning, match="damaged"):
        ex = mw.SpanExercise(seed, None, "loaded", exercise="broken", notebook="nb")
    assert ex.spans == [] and (folder / "broken.json.bak").exists()
    ex.add_text("Luck for peace")
    assert _saved(isolated, "broken")["marks"]


def test_read_only_answers_folder_the_exercise_still_works_in_memory(seed, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_ANSWERS", str(blocker / "answers"))
    ex = mw.SpanExercise(seed, _key(seed, "Luck for peace"), "loaded", exercise="ro", notebook="nb")
    with pytest.warns(answers.AnswerWarning, match="cannot be saved"):
        ex.add_text("Luck for peace")
    assert "Not saved to disk" in ex.status.value
    assert ex.check().counts["matched"] == 1
    again = mw.SpanExercise(seed, None, "loaded", exercise="ro", notebook="nb")
    assert again.spans == ex.spans, "within the kernel, the answer is still there"


def test_two_tabs_marking_the_same_exercise_keep_both_students_marks(seed, isolated):
    a = mw.SpanExercise(seed, None, "loaded", exercise="dup", notebook="nb", store=answers.AnswerStore("tester", "nb"))
    b = mw.SpanExercise(seed, None, "loaded", exercise="dup", notebook="nb", store=answers.AnswerStore("tester", "nb"))
    a.add_text("Luck for peace")
    b.add_text("US-led military bloc")
    assert sorted(m["text"] for m in _saved(isolated, "dup")["marks"]) == ["Luck for peace", "US-led military bloc"]
    assert len(b.spans) == 2, "the tab that saved second shows the merged marks"
    b.remove(0)  # a removal in one tab is not undone by the other
    a.add_text("the West", occurrence=1)
    assert sorted(m["text"] for m in _saved(isolated, "dup")["marks"]) == ["Luck for peace", "the West"]


# ------------------------------------------------------------ safe rendering and the browser side
def test_article_text_never_reaches_the_page_as_html():
    art = ml.Article.from_text("He wrote <img src=x onerror=alert(1)> & “quotes”.\n\nA second <x-evil> paragraph.")
    assert "<img" in art.text, "a single tag is kept as text, so it must be escaped everywhere"
    ex = mw.SpanExercise(art, None, "loaded", exercise="xss", notebook="nb")
    assert ex.picker.paragraphs[0]["text"].startswith("He wrote <img"), "sent as data, drawn with textContent"
    ex.add_text("<img src=x onerror=alert(1)>")
    label = ex.marks_list.children[0].children[0].value
    assert "<img" not in label and "&lt;img src=x onerror=alert(1)&gt;" in label
    assert "<img" not in ex.message.value and "<img" not in ex.status.value
    ex.add_text("<x-nothing>")  # not found: the message quotes the typed text, escaped
    assert "<x-nothing>" not in ex.message.value and "&lt;x-nothing&gt;" in ex.message.value
    ex.check()
    assert "<img" not in ex.panel.output.value
    js = (WIDGETS / "span_picker.js").read_text(encoding="utf-8")
    js = "\n".join(line.split("//")[0] for line in js.splitlines())  # code, not comments
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "outerHTML" not in js
    assert "textContent" in js and "createTextNode" in js


def test_controls_have_stable_names_for_browser_tests(seed):
    key = _key(seed, "the West")
    ex = mw.SpanExercise(seed, key, "loaded", exercise="names", notebook="nb")
    assert ex.panel.check_button.description == "Check my answer" and "ml-check" in ex.panel.check_button._dom_classes
    assert ex.panel.reveal_button.description == "Show the key" and "ml-show-key" in ex.panel.reveal_button._dom_classes
    assert ex.add_button.description == "Add" and "ml-add" in ex.add_button._dom_classes
    assert ex.find_box.description and "type the words you want to mark" in ex.find_box.placeholder
    assert "ml-find" in ex.find_box._dom_classes
    assert ex.occurrence.description == "Which one?"
    for widget in (ex.add_button, ex.add_occurrence_button, ex.add_all_button, ex.panel.check_button):
        assert widget.description and widget.tooltip
    assert "ml-exercise" in ex._dom_classes and "ml-span" in ex._dom_classes
    assert ex.picker.label and ex.picker.help


def test_the_picker_module_is_a_valid_esm_file_with_its_css():
    assert mw.SpanPicker._esm is not None
    esm = str(mw.SpanPicker._esm)
    assert "export default" in esm and "render" in esm
    assert "ml-pick" in str(mw.SpanPicker._css)


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_picker_javascript_helpers(tmp_path):
    """Run the pure functions of span_picker.js under node (the DOM parts are for the browser test)."""
    script = tmp_path / "t.mjs"
    script.write_text(
        f"""
import {{ segments, moveCursor }} from {json.dumps((WIDGETS / "span_picker.js").as_uri())};
const out = {{
  plain: segments(10, [], null),
  marked: segments(10, [[2, 5, 0], [4, 8, 1]], [0, 3]),
  right: moveCursor({{anchor: 0, focus: 0}}, "ArrowRight", false, 3),
  extend: moveCursor({{anchor: 0, focus: 1}}, "ArrowRight", true, 3),
  clamp: moveCursor({{anchor: 2, focus: 2}}, "ArrowRight", false, 3),
  end: moveCursor({{anchor: 0, focus: 0}}, "End", false, 3),
}};
console.log(JSON.stringify(out));
""",
        encoding="utf-8",
    )
    proc = subprocess.run([NODE, str(script)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["plain"] == [{"from": 0, "to": 10, "marks": [], "cursor": False}]
    assert [(s["from"], s["to"], s["marks"], s["cursor"]) for s in out["marked"]] == [
        (0, 2, [], True),
        (2, 3, [0], True),
        (3, 4, [0], False),
        (4, 5, [0, 1], False),
        (5, 8, [1], False),
        (8, 10, [], False),
    ]
    assert out["right"] == {"anchor": 1, "focus": 1}
    assert out["extend"] == {"anchor": 0, "focus": 2}
    assert out["clamp"] == {"anchor": 2, "focus": 2}
    assert out["end"] == {"anchor": 2, "focus": 2}


def test_instructions_keep_plain_inline_tags_only(seed):
    ex = mw.SpanExercise(
        seed, None, "loaded", exercise="i", notebook="nb", instructions="Mark what comes after <b>by</b> <img src=x>."
    )
    assert "<b>by</b>" in ex.instructions.value and "<img" not in ex.instructions.value
