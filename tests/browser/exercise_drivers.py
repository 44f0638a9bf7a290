"""Per-notebook drivers: do one exercise the way a student would, in the browser.

``DRIVERS`` maps a notebook's name (file name without ``.ipynb``) to a small
function that, on a notebook that has just been Run All, marks or ticks an
answer, presses "Check my answer", checks that the feedback names what was
matched and what was missed, then does Kernel → Restart Kernel and Run All
and checks that the saved answer came back. A new lesson gets its own entry
here; until it has one, the generic run-all test still covers it.

Drivers read the right answers from the article's key at test time (the
article named in the notebook's ``parameters`` cell), never from
hard-coded case-study sentences.
"""

from __future__ import annotations

import ast
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from browser_lab import WIDGET_MS, LabPage

import medialit as ml

Driver = Callable[[LabPage, Path], None]


def notebook_article(path: Path) -> str:
    """The ``ARTICLE`` set in the notebook's ``parameters`` cell."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            for node in ast.parse("".join(cell["source"])).body:
                if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "ARTICLE" for t in node.targets):
                    return ast.literal_eval(node.value)
    raise LookupError(f"{path.name} has no parameters cell setting ARTICLE")


def saved_answer(lp: LabPage, notebook: str, exercise: str) -> Any:
    """The answer file the kernel wrote, under the server's MEDIALIT_ANSWERS (any student name)."""
    found = sorted(lp.server.answers.glob(f"*/{notebook}/{exercise}.json"))
    assert found, f"no saved answer for {notebook}/{exercise} in {lp.server.answers}"
    return json.loads(found[-1].read_text(encoding="utf-8"))["data"]


# --------------------------------------------------------------------------- 00


def _checkbox(lp: LabPage, form: Any, article: ml.Article, text: str, start: int | None = None) -> Any:
    """The checkbox labelled exactly as the form labels ``text`` (shortened, maybe with a paragraph number)."""
    from medialit import provenance as pv

    label = pv._label(article, article.text.find(text) if start is None else start, text)
    return form.locator(".widget-checkbox").filter(has=lp.page.get_by_text(label, exact=True)).locator("input")


def provenance_form(lp: LabPage) -> Any:
    """The ProvenanceForm: the innermost box with its question, its checkboxes and its button."""
    boxes = lp.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .widget-vbox")
    return (
        boxes.filter(has_text="Which of these passages")
        .filter(has=lp.page.locator(".widget-checkbox"))
        .filter(has=lp.page.locator("button", has_text="Check my answer"))
        .last  # ancestors come first in document order; the last match is the form itself
    )


def drive_start_here(lp: LabPage, path: Path) -> None:
    """00: tick one real clue and one ordinary sentence, name the publisher, say "a machine", check."""
    from medialit import provenance as pv

    call = next((c for c in exercise_calls(path) if c.kind == "ProvenanceForm"), None)
    notebook = (call.notebook if call else None) or path.stem
    exercise = (call.exercise if call else None) or "provenance"
    article = ml.load_article(notebook_article(path))
    key = ml.load_key(article)
    clues = list(key.provenance)
    assert len(clues) >= 2, "the driver needs a key with at least two provenance clues"
    ordinary = pv.distractors(article, clues)
    assert ordinary, "the form should offer ordinary sentences as well as clues"
    chosen, missed, extra = clues[-1], clues[:-1], ordinary[0]
    publisher = pv._publishers(key)[0]

    form = provenance_form(lp)
    form.scroll_into_view_if_needed()

    lp.click(_checkbox(lp, form, article, chosen.text, chosen.start), f"ticked the clue “{chosen.text[:50]}”")
    lp.click(_checkbox(lp, form, article, extra), f"ticked the ordinary sentence “{extra[:50]}…”")
    name_box = form.locator(".widget-text", has_text="First published by").locator("input")
    name_box.fill(publisher)
    lp.clicks.append(f"typed “{publisher}” in “First published by:”")
    form.locator(".widget-dropdown select").select_option(label=pv.MACHINE)
    lp.clicks.append(f"chose “{pv.MACHINE}” in “Translated by:”")
    lp.synced()
    lp.click(form.locator("button", has_text="Check my answer"), "pressed “Check my answer”")

    feedback = form.locator(".widget-html", has_text="Clues you spotted")
    feedback.wait_for(timeout=WIDGET_MS)
    text = feedback.inner_text()
    spotted, _, rest = text.partition("Clues still to find")
    still, _, not_clues = rest.partition("Not clues")
    assert _squash(chosen.text)[:40] in _squash(spotted), text
    for clue in missed:
        assert _squash(clue.text)[:40] in _squash(still), f"missed clue {clue.text!r} not listed:\n{text}"
    assert _squash(extra)[:40] in _squash(not_clues), f"the ordinary sentence is not called out:\n{text}"
    assert "✔ Publisher" in text and "✔ Translation" in text, text

    answer = saved_answer(lp, notebook, exercise)
    assert set(answer["chosen"]) == {chosen.text, extra}, answer
    assert answer["publisher"] == publisher and answer["translator"] == pv.MACHINE

    lp.screenshot(f"{_shot(path)}-exercise")
    lp.restart_and_run_all()
    form = provenance_form(lp)
    assert _checkbox(lp, form, article, chosen.text, chosen.start).is_checked(), (
        "the ticked clue did not come back after a re-run"
    )
    assert _checkbox(lp, form, article, extra).is_checked(), "the ticked sentence did not come back after a re-run"
    assert not _checkbox(lp, form, article, missed[0].text, missed[0].start).is_checked()
    assert form.locator(".widget-text", has_text="First published by").locator("input").input_value() == publisher
    chosen_label = form.locator(".widget-dropdown select").evaluate("s => s.options[s.selectedIndex].text")
    assert chosen_label.replace("\xa0", " ") == pv.MACHINE, chosen_label  # ipywidgets shows spaces as nbsp


def _squash(text: str) -> str:
    """Compare texts the way they look: quotes and runs of spaces do not matter."""
    return re.sub(r"\s+", " ", text.replace("“", "").replace("”", "")).strip()


# --------------------------------------------------------------------------- exercises in the source

#: Exercise classes a notebook may show, by the name it calls them with.
EXERCISE_CLASSES = {
    "SpanExercise",
    "ChoiceExercise",
    "WrittenExercise",
    "OrderingExercise",
    "LabelExercise",
    "ProvenanceForm",
    "FrameCoder",
}


@dataclass(frozen=True)
class ExerciseCall:
    """One ``SomeExercise(...)`` call in a notebook's code, with what can be read from it statically."""

    kind: str
    layer: str | None = None
    exercise: str | None = None
    notebook: str | None = None


def exercise_calls(path: Path) -> list[ExerciseCall]:
    """The exercise widgets a notebook creates, in the order its cells create them.

    Arguments are read when they are literals, or names bound to a literal
    anywhere in the notebook (``NOTEBOOK = "..."`` in a set-up cell).
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    trees = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        lines = [ln if not ln.lstrip().startswith(("%", "!")) else "" for ln in source.splitlines()]
        try:
            trees.append(ast.parse("\n".join(lines)))
        except SyntaxError:
            continue
    names: dict[str, Any] = {}
    for tree in trees:
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                value = _literal(node.value, {})
                if value is not None:
                    names[node.targets[0].id] = value
    calls: list[ExerciseCall] = []
    for tree in trees:
        found = []
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in EXERCISE_CLASSES:
                continue
            kw = {k.arg: k.value for k in node.keywords if k.arg}
            layer = kw.get("layer", node.args[2] if name == "SpanExercise" and len(node.args) > 2 else None)
            call = ExerciseCall(
                name, _literal(layer, names), _literal(kw.get("exercise"), names), _literal(kw.get("notebook"), names)
            )
            found.append(((node.lineno, node.col_offset), call))
        calls += [c for _pos, c in sorted(found, key=lambda x: x[0])]
    return calls


def _literal(node: ast.AST | None, names: dict[str, Any]) -> Any:
    if node is None:
        return None
    if isinstance(node, ast.Name):
        return names.get(node.id)
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


# --------------------------------------------------------------------------- SpanExercise

#: Where to drag the mouse to select [from, to) of a picker paragraph (shared with test_widgets_picker_browser.py).
SELECTION_BOX_JS = (Path(__file__).parent / "selection_box.js").read_text(encoding="utf-8")


def select_with_mouse(lp: LabPage, widget: Any, article: ml.Article, finding: Any) -> None:
    """Drag the mouse over ``finding`` in the picker, as a student selects words."""
    from medialit.widgets.span_picker import index_to_utf16

    n = article.paragraph_index(finding.start)
    para = article.paragraphs[n]
    u_from = index_to_utf16(para.text, finding.start - para.start)
    u_to = index_to_utf16(para.text, finding.end - para.start)
    p = widget.locator(f".ml-picker-article p[data-index='{n}']")
    box = p.evaluate(SELECTION_BOX_JS, [u_from, u_to])
    assert box, f"could not find “{finding.text}” in paragraph {n + 1} of the picker"
    assert _squash(box["text"]) == _squash(finding.text), box
    mouse = lp.page.mouse
    mouse.move(box["x1"], box["y1"])
    mouse.down()
    mouse.move(box["x2"], box["y2"], steps=8)
    mouse.up()
    lp.clicks.append(f"selected “{finding.text}” with the mouse (paragraph {n + 1})")


def type_phrase(lp: LabPage, widget: Any, article: ml.Article, finding: Any, scope: list[int]) -> None:
    """Type the words in the fallback box and press Enter; pick the right one if they occur several times."""
    box = widget.locator(".ml-find input")
    box.scroll_into_view_if_needed()
    box.fill(finding.text)
    lp.synced()
    box.press("Enter")
    lp.clicks.append(f"typed “{finding.text}” in “Type the words” and pressed Enter")
    hits = [h for h in article.find_all(finding.text) if article.paragraph_index(h.start) in scope]
    if len(hits) > 1:
        k = [h.start for h in hits].index(finding.start)
        chooser = widget.locator(".ml-occurrence select")
        chooser.wait_for(timeout=WIDGET_MS)
        chooser.select_option(index=k)
        lp.synced()
        lp.click(
            widget.locator("button", has_text="Add this one"), f"chose occurrence {k + 1} and pressed “Add this one”"
        )


def wait_marks(widget: Any, n: int) -> None:
    widget.locator(".widget-html", has_text=f"Your marks ({n})").wait_for(timeout=WIDGET_MS)


def has_marks(widget: Any, n: int, timeout: float = 15) -> bool:
    try:
        widget.locator(".widget-html", has_text=f"Your marks ({n})").wait_for(timeout=timeout * 1000)
    except Exception:
        return False
    return True


def marked_texts(widget: Any) -> set[str]:
    return {_squash(t) for t in widget.locator(".ml-marks q").all_inner_texts()}


def assert_marks(lp: LabPage, widget: Any, want: set[str], timeout: float = 20) -> None:
    """The marks list shows exactly ``want`` (waiting for the widget updates to arrive).

    The list shortens a long mark to its first words and "…", so a shown
    text ending in "…" matches a wanted text that starts with it.
    """
    want = {_squash(t) for t in want}

    def same(shown: set[str]) -> bool:
        full = {t for t in shown if not t.endswith("…")}
        cut = [t[:-1].rstrip() for t in shown if t.endswith("…")]
        rest = want - full
        return (
            len(shown) == len(want)
            and full <= want
            and sorted(rest) == sorted(w for w in rest if any(w.startswith(c) for c in cut))
        )

    deadline = time.monotonic() + timeout
    while not same(marked_texts(widget)) and time.monotonic() < deadline:
        lp.page.wait_for_timeout(200)
    assert same(marked_texts(widget)), f"marks shown: {marked_texts(widget)}; expected {want}"


def feedback_texts(widget: Any, status: str) -> set[str]:
    return {_squash(t) for t in widget.locator(f".ml-feedback li.ml-fb-{status} q").all_inner_texts()}


@dataclass(frozen=True)
class Passage:
    """A stretch of the article: what a key lists or what the driver marks."""

    start: int
    end: int
    text: str


def probe_key(lp: LabPage, widget: Any, article: ml.Article, scope: list[int]) -> list[Passage] | None:
    """The passages this exercise's key expects, read from its own "Show the key" (None: it has no key).

    A notebook may give the exercise part of the key (only the unmarked
    quotes, say), so the key file alone cannot say what the widget expects.
    """
    lp.click(widget.locator("button.ml-check"), "(probe) pressed “Check my answer” with nothing marked")
    widget.locator(".ml-feedback").first.wait_for(timeout=WIDGET_MS)
    reveal = widget.locator("button.ml-show-key")
    if not reveal.count() or reveal.is_disabled():
        return None
    lp.click(reveal, "(probe) pressed “Show the key” to learn what this exercise's key lists")
    widget.locator(".ml-feedback", has_text="The key, with its reasons").wait_for(timeout=WIDGET_MS)
    found = []
    for item in widget.locator(".ml-feedback li.ml-fb-missed").all():
        text = item.locator("q").inner_text()
        where = re.search(r"paragraph (\d+)", item.inner_text())
        hits = [h for h in article.find_all(text) if article.paragraph_index(h.start) in scope]
        if where:
            hits = [h for h in hits if article.paragraph_index(h.start) == int(where.group(1)) - 1] or hits
        hits = [h for h in hits if Passage(h.start, h.end, h.text) not in found]  # the same words twice: next one
        assert hits, f"the key lists “{text}”, which is not (or not that often) in the exercise's paragraphs"
        found.append(Passage(hits[0].start, hits[0].end, hits[0].text))
    return found


def other_phrase(article: ml.Article, scope: list[int], avoid: list[Passage]) -> Passage:
    """A word in the exercise's paragraphs that no key passage touches and that occurs once there."""
    texts = [article.paragraphs[i].text for i in scope]
    for i in scope:
        p = article.paragraphs[i]
        for t in article.tokens.within(p.start, p.end):
            if len(t.text) < 5 or not t.text.isalpha():
                continue
            if any(t.start < a.end and a.start < t.end for a in avoid):
                continue
            if sum(len(re.findall(rf"\b{re.escape(t.text)}\b", x)) for x in texts) == 1:
                return Passage(t.start, t.end, t.text)
    raise AssertionError("no word outside the key to mark as an extra")


def drive_span(lp: LabPage, path: Path, prefer_layer: str | None = None) -> None:
    """Mark one passage with the mouse and one by typing, check, show the key, re-run, find them again.

    What the key expects is first read from the exercise itself (``probe_key``);
    the answer is then wiped and the notebook re-run, so the real attempt
    starts from a fresh exercise, as a student's would.
    """
    calls = exercise_calls(path)
    spans = [c for c in calls if c.kind == "SpanExercise"]
    if not spans:
        return drive_auto(lp, path, calls)
    index = next((i for i, c in enumerate(spans) if prefer_layer and c.layer == prefer_layer), 0)
    call = spans[index]
    answers_notebook = call.notebook or path.stem
    exercise = call.exercise or ""
    article = ml.load_article(notebook_article(path))

    def find_widget() -> Any:
        w = lp.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .ml-exercise.ml-span").nth(index)
        w.scroll_into_view_if_needed()
        return w

    widget = find_widget()
    scope = [
        int(i)
        for i in widget.locator(".ml-picker-article p[data-index]").evaluate_all("ps => ps.map(p => p.dataset.index)")
    ]
    expected = probe_key(lp, widget, article, scope)
    for f in lp.server.answers.glob(f"*/{answers_notebook}/{exercise}.json"):
        f.unlink()  # forget the probe: the attempt below starts from an empty exercise
    lp.restart_and_run_all()
    widget = find_widget()
    assert widget.locator(".widget-html", has_text="Your marks").first.inner_text().find("none yet") >= 0

    expected = expected or []
    single = [f for f in expected if article.paragraph_index(f.start) == article.paragraph_index(f.end - 1)]
    if len(single) >= 3 or (len(single) == 2 and len(expected) > 2):
        by_mouse, by_typing = single[0], single[1]
    elif single:
        by_mouse, by_typing = single[0], other_phrase(article, scope, expected)
    else:  # no key (or nothing markable in one paragraph): mark two ordinary words
        by_mouse = other_phrase(article, scope, [])
        by_typing = other_phrase(article, scope, [by_mouse])
    marked = [by_mouse, by_typing]
    matched = [f for f in marked if f in expected]
    extra = [f for f in marked if f not in expected]
    missed = [f for f in expected if f not in marked]

    select_with_mouse(lp, widget, article, by_mouse)
    if not has_marks(widget, 1):
        # Tell "the first drag is lost" apart from "dragging never marks".
        select_with_mouse(lp, widget, article, by_mouse)
        if has_marks(widget, 1):
            raise AssertionError(
                "span picker: the first mouse selection was lost and only a second, identical one marked "
                f"“{by_mouse.text}”: a student's first selection after the article gets focus is ignored."
            )
        raise AssertionError(f"span picker: selecting “{by_mouse.text}” with the mouse did not mark it")
    assert_marks(lp, widget, {by_mouse.text})
    type_phrase(lp, widget, article, by_typing, scope)
    wait_marks(widget, 2)
    assert_marks(lp, widget, {by_mouse.text, by_typing.text})

    lp.click(widget.locator("button.ml-check"), "pressed “Check my answer”")
    feedback = widget.locator(".ml-feedback").first
    feedback.wait_for(timeout=WIDGET_MS)
    text = feedback.inner_text()
    if expected:
        assert feedback_texts(widget, "matched") == {_squash(f.text) for f in matched}, text
        shown_extra = feedback_texts(widget, "extra") | feedback_texts(widget, "close")
        assert shown_extra == {_squash(f.text) for f in extra}, text
        if missed:
            hint = widget.locator(".ml-fb-hint").inner_text()
            assert f"{len(missed)} passage" in hint and "still unmarked" in hint, hint
        lp.click(widget.locator("button.ml-show-key"), "pressed “Show the key”")
        widget.locator(".ml-feedback", has_text="The key, with its reasons").wait_for(timeout=WIDGET_MS)
        if missed:
            assert feedback_texts(widget, "missed") == {_squash(f.text) for f in missed}, feedback.inner_text()
    else:
        assert "no key" in text, text
    answer = saved_answer(lp, answers_notebook, exercise)
    assert {m["text"] for m in answer["marks"]} == {by_mouse.text, by_typing.text}, answer
    if expected:
        assert answer["checks"] >= 1 and answer["revealed"] is True, answer

    lp.screenshot(f"{_shot(path)}-exercise")
    lp.restart_and_run_all()
    widget = find_widget()
    wait_marks(widget, 2)
    assert_marks(lp, widget, {by_mouse.text, by_typing.text})  # the marks came back after the re-run
    picked = {_squash(t) for t in widget.locator(".ml-picker-article mark.ml-pick").all_inner_texts()}
    assert {_squash(by_mouse.text), _squash(by_typing.text)} <= picked, picked
    if missed:
        assert feedback_texts(widget, "missed") == {_squash(f.text) for f in missed}, (
            "the revealed key did not come back"
        )
    return None


def drive_written(lp: LabPage, path: Path) -> None:
    """Write an answer in the first written exercise, submit it, see the model answer, re-run, find it again."""
    call = next((c for c in exercise_calls(path) if c.kind == "WrittenExercise"), None)
    notebook = (call.notebook if call else None) or path.stem

    def find_widget() -> Any:
        w = lp.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .ml-exercise.ml-written").first
        w.scroll_into_view_if_needed()
        return w

    widget = find_widget()
    answer = "The headline decides the frame before the facts: I would check who chose those words."
    box = widget.locator("textarea").first
    box.click()
    box.press_sequentially(answer, delay=5)
    lp.clicks.append(f"typed “{answer[:40]}…” in “Your answer”")
    lp.synced()
    lp.click(widget.locator("button.ml-check").first, "pressed “Submit my answer”")
    widget.locator(".ml-feedback li.ml-fb-model").first.wait_for(timeout=WIDGET_MS)
    saved = [json.loads(f.read_text(encoding="utf-8")) for f in lp.server.answers.glob(f"*/{notebook}/*.json")]
    assert any(answer in json.dumps(p.get("data"), ensure_ascii=False) for p in saved), saved

    lp.screenshot(f"{_shot(path)}-exercise")
    lp.restart_and_run_all()
    widget = find_widget()
    deadline = time.monotonic() + WIDGET_MS / 1000
    while widget.locator("textarea").first.input_value() != answer and time.monotonic() < deadline:
        lp.page.wait_for_timeout(200)
    assert widget.locator("textarea").first.input_value() == answer, "the written answer did not come back"
    assert widget.locator(".ml-feedback li.ml-fb-model").count(), "the model answer is not shown after the re-run"


def drive_auto(lp: LabPage, path: Path, calls: list[ExerciseCall] | None = None) -> None:
    """For a notebook without its own driver: drive the first exercise of a kind there is a driver for."""
    calls = exercise_calls(path) if calls is None else calls
    kinds = [c.kind for c in calls]
    if "SpanExercise" in kinds:
        return drive_span(lp, path)
    if "ProvenanceForm" in kinds:
        return drive_start_here(lp, path)
    if "WrittenExercise" in kinds:
        return drive_written(lp, path)
    if not calls:
        import pytest

        pytest.skip(f"{path.name} has no exercise widget")
    widget = lp.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .ml-exercise").first
    widget.scroll_into_view_if_needed()
    button = widget.locator("button.ml-check").first
    lp.click(button, f"pressed “{button.inner_text().strip()}” on the first exercise ({kinds[0]})")
    widget.locator(".ml-feedback-output").first.wait_for(timeout=WIDGET_MS)
    lp.page.wait_for_timeout(1000)
    return None


def press_every_check(lp: LabPage) -> None:
    """Press "Check my answer" on every other exercise on the page: each must answer with feedback."""
    exercises = lp.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .ml-exercise:not(.ml-span)")
    for i in range(exercises.count()):
        ex = exercises.nth(i)
        kind = next(
            (c for c in (ex.get_attribute("class") or "").split() if c.startswith("ml-") and c != "ml-exercise"), "?"
        )
        button = ex.locator("button.ml-check").first
        if not button.count() or button.is_disabled():
            continue
        lp.click(
            button,
            f"pressed “{button.inner_text().strip()}” on the {kind.removeprefix('ml-')} exercise (no answer yet)",
        )
        output = ex.locator(".ml-feedback-output").first
        deadline = time.monotonic() + WIDGET_MS / 1000
        while not output.inner_text().strip() and time.monotonic() < deadline:
            lp.page.wait_for_timeout(200)
        assert output.inner_text().strip(), f"the {kind} exercise gave no feedback"


def drive_gallery(lp: LabPage, path: Path) -> None:
    """The instructors' gallery: the span exercise in full, then every other kind's check button."""
    drive_span(lp, path)
    press_every_check(lp)


def _shot(path: Path) -> str:
    from browser_lab import REPO, screenshot_name

    return screenshot_name(path.relative_to(REPO).as_posix()) if path.is_relative_to(REPO) else path.stem


def frame_coder(lp: LabPage) -> Any:
    coder = lp.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .ml-frame-coder").first
    coder.wait_for(timeout=WIDGET_MS)
    return coder


def drive_framing(lp: LabPage, path: Path) -> None:
    """Notebook 01: the agency span exercise, then the FrameCoder (answer three questions, compare, re-run)."""
    drive_span(lp, path, "framing")
    coder = frame_coder(lp)
    coder.scroll_into_view_if_needed()
    groups = coder.locator(".widget-toggle-buttons")
    assert groups.count() >= 10, "the FrameCoder should ask about a dozen yes/no questions"
    for i in range(3):  # the first three questions are the conflict frame's
        lp.click(groups.nth(i).locator("button", has_text="yes"), f"answered yes to frame question {i + 1}")
    chart = coder.locator(".ml-fc-chart")
    chart.locator(".ml-fc-row", has_text="Conflict").filter(has_text="75%").wait_for(timeout=WIDGET_MS)
    lp.synced()
    lp.click(coder.locator("button", has_text="Compare with the key"), "pressed “Compare with the key”")
    coder.locator(".ml-feedback", has_text="Conflict").wait_for(timeout=WIDGET_MS)
    assert "★" in chart.inner_text(), chart.inner_text()
    lp.click(coder.locator("button", has_text="Show the kit's evidence"), "pressed “Show the kit's evidence”")
    coder.locator(".ml-fc-kit").first.wait_for(timeout=WIDGET_MS)
    lp.restart_and_run_all()
    coder = frame_coder(lp)
    coder.locator(".ml-fc-row", has_text="Conflict").filter(has_text="75%").wait_for(timeout=WIDGET_MS)
    active = coder.locator(".widget-toggle-buttons button.mod-active", has_text="yes").count()
    assert active == 3, f"the three answers should come back after the re-run, found {active}"


DRIVERS: dict[str, Driver] = {
    "00_start_here": drive_start_here,
    "01_framing": drive_framing,
    "02_quotes": lambda lp, path: drive_span(lp, path, "quotes"),
    "03_loaded_terms": lambda lp, path: drive_span(lp, path, "loaded"),
    "04_translation_artifacts": lambda lp, path: drive_span(lp, path, "translation"),
    "05_your_own_article": drive_written,
    "exercise_gallery": drive_gallery,
}
