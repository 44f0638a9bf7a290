"""Hostile article text must be shown as text, never run, in a real browser.

An instructor may paste any article, and a web page may carry ``<script>``,
``<img onerror=...>`` or a ``javascript:`` link. The highlighter (and the
span picker) escapes everything, so in JupyterLab the payload
must appear as visible text while nothing executes: no dialog, no console
message from the payload, no request for the fake image, no element or
attribute that could run code.

A control test shows the same payload *unescaped* and checks that these
detectors do fire, so the security tests cannot pass just because the
browser never looked.
"""

from __future__ import annotations

import textwrap
import time

from browser_lab import REPO, REPORT, WIDGET_MS, LabPage, write_notebook

MARK = "MLXSS"
PAYLOADS = [
    f"<script>console.error('{MARK}-1'); alert('{MARK}-1')</script>",
    f"<img src=x onerror=\"console.error('{MARK}-2'); alert('{MARK}-2')\">",
    f"<a href=\"javascript:console.error('{MARK}-3'); alert('{MARK}-3')\">click {MARK}-3</a>",
    f"<svg onload=\"console.error('{MARK}-4')\"></svg>",
    f"' onmouseover='console.error(\"{MARK}-5\")' x='",
]
# The article: ordinary sentences with the payloads inside, one per paragraph.
TEXT = "\n\n".join(f"Paragraph {i}: the page said {p} and went on." for i, p in enumerate(PAYLOADS, 1))

SETUP = textwrap.dedent(
    f"""
    import medialit as ml
    from medialit.findings import make_finding

    PAYLOADS = {PAYLOADS!r}
    # Built directly: from_text would strip a text this full of tags, and the
    # point is that the renderer is safe for any text whatsoever.
    article = ml.Article(text={TEXT!r}, title=PAYLOADS[0] + " headline")
    assert all(p in article.text for p in PAYLOADS), "the payload must reach the renderer unchanged"
    findings = []
    for p in PAYLOADS:
        start = article.text.index(p)
        findings.append(
            make_finding(article, start, start + len(p), "loaded", "naming", note="note " + PAYLOADS[1],
                         alternatives=[PAYLOADS[0], PAYLOADS[4]])
        )
    """
)

DOM_CHECK_JS = """(root) => {
  const bad = [];
  for (const el of root.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'img', 'iframe', 'object', 'embed', 'svg', 'video', 'audio'].includes(tag)) bad.push('element <' + tag + '>');
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith('on')) bad.push('attribute ' + a.name + ' on <' + tag + '>');
      if (/^\\s*javascript:/i.test(a.value)) bad.push('javascript: URL in ' + a.name + ' on <' + tag + '>');
    }
  }
  return bad;
}"""


def fired(lp: LabPage) -> list[str]:
    """Signs that a payload ran: dialogs, console messages with the marker, a request for the fake image."""
    signs = [f"dialog: {d}" for d in lp.watch.dialogs]
    signs += [f"console {kind}: {text}" for kind, text in lp.watch.console if MARK in text]
    signs += [f"page error: {e}" for e in lp.watch.page_errors if MARK in e]
    signs += [f"request for the fake image: {u}" for u in lp.watch.requests if u.split("?")[0].endswith("/x")]
    return signs


def poke(lp: LabPage, output) -> None:
    """Do what a curious student does: hover and focus every highlight, click the 'link'."""
    marks = output.locator("mark")
    for i in range(marks.count()):
        mark = marks.nth(i)
        mark.scroll_into_view_if_needed()
        # A focused highlight's note covers the text below it, so the pointer
        # events go to the mark itself rather than through a real mouse move.
        for event in ("mouseover", "mouseenter", "mousemove", "click"):
            mark.dispatch_event(event)
        mark.focus()
        mark.blur()
    if marks.count():
        marks.first.hover(force=True)
    link = output.get_by_text(f"click {MARK}-3").first
    if link.count():
        link.click()
    lp.page.wait_for_timeout(500)


def check_output(lp: LabPage, output, what: str) -> None:
    output.wait_for(timeout=30_000)
    poke(lp, output)
    visible = output.inner_text()
    missing = [p for p in PAYLOADS if " ".join(p.split()) not in " ".join(visible.split())]
    dangerous = output.evaluate(DOM_CHECK_JS)
    signs = fired(lp)
    assert not signs, f"{what}: the payload ran:\n" + "\n".join(signs)
    assert not dangerous, f"{what}: active HTML reached the page:\n" + "\n".join(dangerous)
    assert not missing, f"{what}: these payloads are not visible as text:\n" + "\n".join(missing)


def open_clean(open_lab, lab, name: str, cells: list[str]) -> tuple[LabPage, float]:
    """Write a notebook of ``cells``, open it and Run All; no cell may fail. Returns the page and the start time."""
    relpath = f"security/{name}"
    write_notebook(lab.root, relpath, cells)
    lp: LabPage = open_lab()
    t0 = time.monotonic()
    lp.open(relpath)
    lp.run_all()
    problems = [str(p) for p in lp.problems()]
    assert not problems, "\n".join(problems)
    return lp, t0


def finish(lp: LabPage, t0: float, what: str, shot_name: str) -> None:
    """No console errors; a screenshot and a line in the browser-test report."""
    assert not lp.watch.console_errors(), lp.watch.console_errors()
    shot = lp.screenshot(shot_name)
    REPORT.append(
        {
            "test": f"security · {what}",
            "seconds": {"total": time.monotonic() - t0},
            "clicks": [*lp.clicks, "hovered and focused every highlight", f"clicked the text “click {MARK}-3”"],
            "screenshot": shot.relative_to(REPO).as_posix(),
        }
    )


def test_highlighter_shows_hostile_text_as_text(open_lab, lab) -> None:
    lp, t0 = open_clean(open_lab, lab, "xss_highlight.ipynb", [SETUP, "ml.highlight(article, findings)", "article"])
    outputs = lp.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output")
    assert outputs.count() == 2, f"expected two rendered articles, got {outputs.count()} outputs"
    for i in range(2):
        check_output(lp, outputs.nth(i), f"highlight output {i + 1}")
    finish(lp, t0, "highlighter", "security-highlight")


def test_span_picker_shows_hostile_text_as_text(open_lab, lab) -> None:
    cell = (
        "from medialit import widgets as mw\n"
        "ex = mw.SpanExercise(article, None, 'loaded', exercise='xss', notebook='security')\n"
        "ex"
    )
    lp, t0 = open_clean(open_lab, lab, "xss_span_picker.ipynb", [SETUP, cell])
    output = lp.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output").last
    # Mark three payloads through the typed fallback, so they also appear in the
    # marks list, the status line and the picker's highlights; then ask for feedback.
    box = output.locator(".ml-find input")
    for n, payload in enumerate(PAYLOADS[:3], 1):
        box.fill(payload)
        box.press("Enter")
        lp.clicks.append(f"typed “{payload[:40]}…” in “Type the words” and pressed Enter")
        # Wait for the mark before typing the next phrase, as a student waits to see it: the
        # kernel empties the box after marking, which would wipe words typed in the meantime.
        output.locator(".widget-html", has_text=f"Your marks ({n})").wait_for(timeout=WIDGET_MS)
    lp.click(output.locator("button.ml-check"), "pressed “Check my answer”")
    output.locator(".ml-feedback").wait_for(timeout=WIDGET_MS)
    assert output.locator(".ml-picker-article mark").count() >= 3
    check_output(lp, output, "span picker")
    finish(lp, t0, "span picker", "security-span-picker")


def test_control_unescaped_payload_is_detected(open_lab, lab) -> None:
    """The same payload as raw HTML *does* run in JupyterLab: proof that the checks above can fail."""
    cell = "from IPython.display import HTML\nHTML(" + repr(" ".join(PAYLOADS[:2])) + ")"
    relpath = "security/xss_control.ipynb"
    write_notebook(lab.root, relpath, [cell])
    lp: LabPage = open_lab()
    lp.open(relpath)
    lp.run_all()
    lp.page.wait_for_timeout(1000)
    assert fired(lp), "unescaped HTML did not run: the security checks would not notice if the renderer leaked"
