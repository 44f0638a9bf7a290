"""The span picker's JavaScript in a real Chromium, wired to the real Python widget through a stand-in model.

No Jupyter server: the page loads ``span_picker.js`` as an ES module and
gives it a small model object (get/set/on/off/send, as anywidget does).
Messages the page sends are handed to the Python ``SpanPicker``; the marks
Python computes are pushed back into the page. So this checks the part a
unit test cannot: DOM ranges to offsets, the first mouse selection, the
keyboard cursor, and that article text is never parsed as HTML. The full
notebook-in-JupyterLab tests live in tests/browser/.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import medialit as ml
from medialit import answers
from medialit import widgets as mw
from medialit.widgets import base as wbase

CHROMIUM = Path(os.environ.get("MEDIALIT_CHROMIUM", "/usr/bin/chromium"))
playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}")

JS = (Path(mw.__file__).parent / "span_picker.js").read_text(encoding="utf-8")
CSS = (Path(mw.__file__).parent / "span_picker.css").read_text(encoding="utf-8")

HARNESS = """
<!doctype html><html><head><meta charset="utf-8"><style>%CSS%</style></head>
<body><button id="before">before</button><div id="root"></div></body>
<script type="module">
  const state = %STATE%;
  const handlers = {};
  window.sent = [];
  const model = {
    get: (k) => state[k],
    set: (k, v) => { state[k] = v; },
    save_changes: () => {},
    on: (ev, cb) => { (handlers[ev] = handlers[ev] || []).push(cb); },
    off: (ev, cb) => { handlers[ev] = (handlers[ev] || []).filter((f) => f !== cb); },
    send: (msg) => { window.sent.push(msg); },
  };
  window.pushState = (changes) => {
    for (const [k, v] of Object.entries(changes)) {
      state[k] = v;
      for (const cb of handlers["change:" + k] || []) cb();
    }
  };
  const url = URL.createObjectURL(new Blob([%JS%], { type: "text/javascript" }));
  const mod = await import(url);
  mod.default.render({ model, el: document.getElementById("root") });
  window.ready = true;
</script></html>
"""

SELECTION_BOX_JS = (Path(__file__).parent / "browser" / "selection_box.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_ANSWERS", str(tmp_path / "answers"))
    monkeypatch.setenv("MEDIALIT_STUDENT", "tester")
    monkeypatch.setattr(answers, "_STUDENTS", {})
    monkeypatch.setattr(answers, "_STORE_CACHE", {})
    monkeypatch.setattr(wbase, "_LIVE", {})


class Session:
    """A page showing one exercise's picker, kept in sync with the Python widget."""

    def __init__(self, browser, exercise: mw.SpanExercise) -> None:
        self.ex = exercise
        picker = exercise.picker
        state = {k: getattr(picker, k) for k in ("paragraphs", "marks", "notice", "label", "title", "help")}
        html = HARNESS.replace("%CSS%", CSS).replace("%STATE%", json.dumps(state)).replace("%JS%", json.dumps(JS))
        self.page = browser.new_page(viewport={"width": 1000, "height": 900})
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.set_content(html)
        self.page.wait_for_function("window.ready === true")

    def sync(self) -> list[dict]:
        """Deliver the page's messages to Python, then Python's marks and notice to the page."""
        sent = self.page.evaluate("() => window.sent.splice(0)")
        for msg in sent:
            self.ex.picker._handle_message(None, msg, [])
        self.page.evaluate(
            "(s) => window.pushState(s)", {"marks": self.ex.picker.marks, "notice": self.ex.picker.notice}
        )
        return sent

    def drag_over(self, index: int, start: int, end: int) -> None:
        box = self.page.locator(f"p[data-index='{index}']").evaluate(SELECTION_BOX_JS, [start, end])
        m = self.page.mouse
        m.move(box["x1"], box["y1"])
        m.down()
        m.move(box["x2"], box["y2"], steps=6)
        m.up()

    def marked(self) -> list[str]:
        return self.page.locator("mark.ml-pick").all_inner_texts()


def _u16(article: ml.Article, phrase: str) -> tuple[int, int, int]:
    s = article.find(phrase)
    i = article.paragraph_index(s.start)
    base = article.paragraphs[i]
    from medialit.widgets.span_picker import index_to_utf16

    return i, index_to_utf16(base.text, s.start - base.start), index_to_utf16(base.text, s.end - base.start)


def test_the_first_mouse_selection_marks_exact_words(browser, seed):
    ex = mw.SpanExercise(seed, None, "loaded", exercise="b1", notebook="nb", paragraphs=[3, 4, 5])
    s = Session(browser, ex)
    assert s.page.locator("p[data-index]").count() == 3
    assert s.page.locator("p[data-index='3']").get_attribute("data-start") == str(seed.paragraphs[3].start)
    i, a, b = _u16(seed, "US-led military bloc")
    s.drag_over(i, a + 2, b - 1)  # sloppy: from inside "US-led" to inside "bloc"
    sent = s.sync()
    assert len(sent) == 1 and sent[0]["type"] == "select", sent
    assert [seed.text[x:y] for x, y in ex.spans] == ["US-led military bloc"]
    assert s.marked() == ["US-led military bloc"]
    assert s.page.evaluate("() => window.getSelection().isCollapsed"), "the selection is cleared after marking"
    # a second selection elsewhere also works
    i, a, b = _u16(seed, "conflicting views")
    s.drag_over(i, a, b)
    s.sync()
    assert sorted(s.marked()) == ["US-led military bloc", "conflicting views"]
    assert not s.errors, s.errors


def test_a_page_wide_selection_marks_nothing(browser, seed):
    ex = mw.SpanExercise(seed, None, "loaded", exercise="b2", notebook="nb", paragraphs=[3])
    s = Session(browser, ex)
    s.page.click("#before")
    s.page.keyboard.press("Control+A")
    s.page.mouse.click(5, 5)
    assert s.sync() == [] and ex.spans == []


def test_the_keyboard_cursor_marks_and_removes(browser, seed):
    ex = mw.SpanExercise(seed, None, "loaded", exercise="b3", notebook="nb", paragraphs=[3, 4])
    s = Session(browser, ex)
    s.page.click("#before")
    s.page.keyboard.press("Tab")  # into the article
    assert s.page.evaluate("() => document.activeElement.className") == "ml-picker-article"
    assert s.page.locator(".ml-cursor").inner_text() == seed.paragraphs[3].text.split()[0]
    s.page.keyboard.press("ArrowRight")
    s.page.keyboard.press("Shift+ArrowRight")
    s.page.keyboard.press("Enter")
    s.sync()
    words = [w.text for w in seed.words if seed.paragraphs[3].start <= w.start < seed.paragraphs[3].end]
    assert [seed.text[x:y] for x, y in ex.spans] == [f"{words[1]} {words[2]}"]
    assert s.marked() == [f"{words[1]} {words[2]}"]
    s.page.keyboard.press("ArrowDown")  # next paragraph, first word
    s.page.keyboard.press("Enter")
    s.sync()
    assert len(ex.spans) == 2
    s.page.keyboard.press("Delete")  # the cursor is on the new mark
    s.sync()
    assert len(ex.spans) == 1
    live = s.page.locator(".ml-picker-live")
    live.wait_for(state="attached")
    assert live.get_attribute("aria-live") == "polite"
    assert s.page.locator(".ml-picker-article").get_attribute("aria-label")
    assert not s.errors, s.errors


def test_article_text_is_never_parsed_as_html_and_offsets_survive_emoji(browser):
    art = ml.Article.from_text('Emoji 😀 first, then <img src=x onerror="window.pwned=1"> the 𝔘nusual word.')
    assert "<img" in art.text
    ex = mw.SpanExercise(art, None, "loaded", exercise="b4", notebook="nb")
    s = Session(browser, ex)
    assert s.page.locator("#root img").count() == 0
    assert s.page.evaluate("() => window.pwned") is None
    i, a, b = _u16(art, "the")
    s.drag_over(i, a, b + 9)  # "the 𝔘nusu…": snaps to "the 𝔘nusual"
    s.sync()
    assert [art.text[x:y] for x, y in ex.spans] == ["the 𝔘nusual"]
    assert s.marked() == ["the 𝔘nusual"]
