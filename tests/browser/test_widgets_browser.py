"""The exercise widgets on their own, in a real browser, before any lesson uses them.

The lessons' exercises are driven in test_notebooks_browser.py; this runs a
``SpanExercise`` on the case study in a notebook written by the test, so the
span picker (an anywidget with its own JavaScript) is exercised by mouse and
keyboard on its own, and the typed box under a busy kernel.
"""

from __future__ import annotations

import time

from browser_lab import REPORT, LabPage, write_notebook
from exercise_drivers import drive_span

ARTICLE = "rt-nato-russia-2022-01-12"


def test_span_exercise_by_mouse_and_typing(open_lab, lab) -> None:
    path = write_notebook(
        lab.root,
        "widgets/span_exercise_widget.ipynb",
        [
            "import medialit as ml\nfrom medialit import widgets as mw\n"
            "article = ml.load_article(ARTICLE)\nkey = ml.load_key(article)",
            "mw.SpanExercise(article, key, 'loaded', exercise='loaded_widget', notebook='span_exercise_widget',\n"
            "                paragraphs=[3, 4, 5])",
        ],
        parameters=f"ARTICLE = {ARTICLE!r}",
    )
    lp: LabPage = open_lab()
    t0 = time.monotonic()
    lp.open("widgets/span_exercise_widget.ipynb")
    lp.run_all()
    drive_span(lp, path, "loaded")
    problems = [str(p) for p in lp.problems()] + [f"browser console: {e}" for e in lp.watch.console_errors()]
    assert not problems, "\n".join(problems)
    REPORT.append(
        {
            "test": "widget · SpanExercise (temporary notebook)",
            "seconds": {"total": time.monotonic() - t0},
            "clicks": lp.clicks,
            "screenshot": "tests/browser/screenshots/span_exercise_widget-exercise.png",
        }
    )


def test_typed_words_survive_a_busy_kernel(open_lab, lab) -> None:
    """Type fast and press Enter while the kernel is busy (as on a crowded Binder): the whole phrase is marked.

    ipywidgets sends Enter at once but holds a text box's value back while
    an earlier message is unanswered; a box that acted on Enter would mark
    the words as they were at the first keystroke. The typed box acts on the
    committed value instead, which carries the words.
    """
    write_notebook(
        lab.root,
        "widgets/busy_kernel.ipynb",
        [
            "import medialit as ml\nfrom medialit import widgets as mw\n"
            f"article = ml.load_article({ARTICLE!r})\n"
            "ex = mw.SpanExercise(article, None, 'loaded', exercise='busy', notebook='busy_kernel')\nex",
            "import time\ntime.sleep(4)",
        ],
    )
    lp: LabPage = open_lab()
    t0 = time.monotonic()
    lp.open("widgets/busy_kernel.ipynb")
    lp.run_all()
    lp.synced()
    # Make the kernel busy: run the sleeping cell again (Shift+Enter in it).
    sleeper = lp.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell").nth(1).locator(".cm-content")
    sleeper.click()
    lp.page.keyboard.press("Shift+Enter")
    lp.clicks.append("ran time.sleep(4) so the kernel is busy")
    widget = lp.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output").first
    box = widget.locator(".ml-find input")
    box.click()
    box.press_sequentially("Luck for peace", delay=15)
    box.press("Enter")
    lp.clicks.append("typed “Luck for peace” quickly and pressed Enter at once")
    marks = widget.locator(".widget-html", has_text="Your marks (1)")
    marks.wait_for(timeout=30_000)
    listed = widget.locator(".ml-marks").inner_text()
    assert "Luck for peace" in listed, listed
    assert "not in the article" not in widget.inner_text()
    problems = [str(p) for p in lp.problems()] + [f"browser console: {e}" for e in lp.watch.console_errors()]
    assert not problems, "\n".join(problems)
    REPORT.append(
        {"test": "widget · typed box, busy kernel", "seconds": {"total": time.monotonic() - t0}, "clicks": lp.clicks}
    )
