"""Feedback that explains: what matched, what is missing, what is extra, and why.

Every exercise answers "Check my answer" with a ``Feedback``: a summary, a
list of items (each with a status, the words concerned, where they are and
the key's reason) and, before the key is shown, a hint. The wording rules:

- say what the check covers, and never "all correct" when it covers only
  part of the task (a span check compares *where* you marked, not *why*);
- a passage the key does not list is "not in the key", not "wrong": the
  key is one careful reading, and a good reason can beat it;
- a hint first (how many are left, in which paragraphs), the key only when
  the student asks for it with a separate button.

``FeedbackPanel`` holds the two buttons ("Check my answer", "Show the key")
and shows the feedback; it is reused by every exercise type.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ..findings import Finding
from ..scoring import score, spans_match
from ..spans import overlap
from .base import button, esc, short

if TYPE_CHECKING:
    from ..article import Article

__all__ = ["Feedback", "FeedbackItem", "FeedbackPanel", "STATUS_LABELS", "span_feedback", "plural", "join_words"]

#: status -> (symbol, heading); the symbol is never the only signal (the heading says it in words).
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "matched": ("✓", "Matches the key"),
    "close": ("≈", "Close to the key"),
    "missed": ("○", "In the key, not marked yet"),
    "extra": ("+", "Not in the key"),
    "right": ("✓", "Matches the key"),
    "wrong": ("✗", "Not the key's answer"),
    "not_chosen": ("○", "The key also chooses"),
    "unanswered": ("…", "No answer yet"),
    "model": ("✎", "A model answer"),
    "note": ("i", "Note"),
}

FEEDBACK_CSS = """
.ml-feedback{font:14px/1.5 system-ui,sans-serif;max-width:46em;padding:.3em 0}
.ml-feedback h4{font-size:1em;margin:.7em 0 .2em}
.ml-feedback ul{margin:.2em 0 .4em 1.2em;padding:0}
.ml-feedback li{margin:.15em 0}
.ml-feedback .ml-fb-sym{display:inline-block;width:1.3em;font-weight:bold}
.ml-feedback .ml-fb-why{color:#333}
.ml-feedback .ml-fb-where{color:#555;font-size:.92em}
.ml-feedback .ml-fb-scope{color:#444;font-size:.92em;border-left:3px solid #bbb;padding-left:.5em}
.ml-feedback .ml-fb-hint{background:#f3f6fb;border-left:3px solid #1a5fb4;padding:.3em .6em}
.ml-feedback .ml-fb-stale{background:#fff6e0;border-left:3px solid #b77b00;padding:.3em .6em}
"""


@dataclass(frozen=True, slots=True)
class FeedbackItem:
    """One line of feedback: a status, the words concerned, where, and why."""

    status: str
    text: str
    why: str = ""
    where: str = ""
    detail: str = ""

    def line(self) -> str:
        """Plain-text version (for logs and tests)."""
        parts = [f"{STATUS_LABELS.get(self.status, ('', self.status))[1]}: {self.text}"]
        if self.where:
            parts.append(f"({self.where})")
        if self.detail:
            parts.append(f"- {self.detail}")
        if self.why:
            parts.append(f"- {self.why}")
        return " ".join(parts)


@dataclass(frozen=True)
class Feedback:
    """What "Check my answer" (or "Show the key") says.

    ``summary`` comes first; ``scope`` says what the check does and does not
    cover; ``hint`` points to what is left without giving it away;
    ``extra_html`` is HTML the kit rendered itself (already escaped), such
    as the highlighted key.
    """

    summary: str
    items: tuple[FeedbackItem, ...] = ()
    hint: str = ""
    scope: str = ""
    extra_html: str = ""
    stale: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    def of(self, status: str) -> list[FeedbackItem]:
        """The items with one status."""
        return [i for i in self.items if i.status == status]

    def text(self) -> str:
        """Everything as plain text."""
        lines = [self.summary]
        if self.scope:
            lines.append(self.scope)
        lines.extend(i.line() for i in self.items)
        if self.hint:
            lines.append(f"Hint: {self.hint}")
        return "\n".join(lines)

    def html(self) -> str:
        """Escaped HTML for the panel."""
        out = [f"<style>{FEEDBACK_CSS}</style><div class='ml-feedback' role='status' aria-live='polite'>"]
        if self.stale:
            out.append(f"<p class='ml-fb-stale'>{esc(self.stale)}</p>")
        out.append(f"<p class='ml-fb-summary'><b>{esc(self.summary)}</b></p>")
        if self.scope:
            out.append(f"<p class='ml-fb-scope'>{esc(self.scope)}</p>")
        order = list(STATUS_LABELS) + sorted({i.status for i in self.items} - set(STATUS_LABELS))
        for status in order:
            group = self.of(status)
            if not group:
                continue
            sym, heading = STATUS_LABELS.get(status, ("•", status))
            out.append(f"<h4 class='ml-fb-{esc(status)}'>{esc(heading)} ({len(group)})</h4><ul>")
            for item in group:
                li = [f"<li class='ml-fb-item ml-fb-{esc(status)}'><span class='ml-fb-sym' aria-hidden='true'>"]
                li.append(f"{esc(sym)}</span><q>{esc(item.text)}</q>")
                if item.where:
                    li.append(f" <span class='ml-fb-where'>({esc(item.where)})</span>")
                if item.detail:
                    li.append(f" — {esc(item.detail)}")
                if item.why:
                    li.append(f"<br><span class='ml-fb-why'>Why: {esc(item.why)}</span>")
                li.append("</li>")
                out.append("".join(li))
            out.append("</ul>")
        if self.hint:
            out.append(f"<p class='ml-fb-hint'><b>Hint:</b> {esc(self.hint)}</p>")
        if self.extra_html:
            out.append(self.extra_html)
        out.append("</div>")
        return "".join(out)

    def with_stale(self, note: str = "You have changed your answer since this feedback.") -> Feedback:
        """The same feedback, flagged as out of date (the answer changed after it)."""
        return Feedback(self.summary, self.items, self.hint, self.scope, self.extra_html, note, self.counts)


class FeedbackPanel(w.VBox):
    """The "Check my answer" and "Show the key" buttons with the feedback under them.

    ``check`` and ``reveal`` are functions that return a ``Feedback``. The
    "Show the key" button only becomes active after a first check, so the
    student always sees the hint before the answer. ``on_change`` is told
    after each press (the exercise saves how far the student got).
    """

    def __init__(
        self,
        check: Callable[[], Feedback],
        reveal: Callable[[], Feedback] | None = None,
        *,
        check_label: str = "Check my answer",
        reveal_label: str = "Show the key",
        check_tooltip: str = "Compare your answer with the key; you get a hint first",
        reveal_tooltip: str = "Show the key's answer with its reasons",
        on_change: Callable[[], Any] | None = None,
        unavailable: str = "",
    ) -> None:
        self._check_fn, self._reveal_fn, self._on_change = check, reveal, on_change
        self.checks = 0
        self.revealed = False
        self.feedback: Feedback | None = None
        self.unavailable = unavailable
        self.check_label = check_label
        self.check_button = button(check_label, button_style="primary", icon="check", tooltip=check_tooltip)
        self.check_button.add_class("ml-check")
        self.reveal_button = button(reveal_label, icon="key", tooltip=reveal_tooltip, disabled=True)
        self.reveal_button.add_class("ml-show-key")
        self.output = w.HTML()
        self.output.add_class("ml-feedback-output")
        self.check_button.on_click(lambda _b: self.check())
        self.reveal_button.on_click(lambda _b: self.reveal())
        buttons = [self.check_button] + ([self.reveal_button] if reveal is not None else [])
        if unavailable:
            self.reveal_button.disabled = True
            self.reveal_button.tooltip = "There is no key for this exercise"
        super().__init__([w.HBox(buttons), self.output])
        self.add_class("ml-feedback-panel")

    def check(self) -> Feedback:
        """What the "Check my answer" button does."""
        fb = self._check_fn()
        self.checks += 1
        if self._reveal_fn is not None and not self.unavailable:
            self.reveal_button.disabled = False
        self._show(fb)
        return fb

    def reveal(self) -> Feedback:
        """What the "Show the key" button does (also works before a check, from code)."""
        if self._reveal_fn is None:
            raise RuntimeError("this exercise has no key to show")
        fb = self._reveal_fn()
        if self.unavailable:  # no key: the polite explanation, nothing revealed
            self._show(fb)
            return fb
        self.revealed = True
        self.reveal_button.disabled = False
        self._show(fb)
        return fb

    def mark_stale(self) -> None:
        """The answer changed after the last check: say so above the old feedback."""
        if self.feedback is not None and not self.feedback.stale:
            self.feedback = self.feedback.with_stale(
                f"You have changed your answer since this feedback. Press “{self.check_label}” again to update it."
            )
            self.output.value = self.feedback.html()

    def restore(self, checks: int, revealed: bool) -> None:
        """Show the panel as it was when the notebook was last used."""
        self.checks = max(0, int(checks))
        if revealed and self._reveal_fn is not None and not self.unavailable:
            fb = self._reveal_fn()
            self.revealed = True
            self.reveal_button.disabled = False
            self.feedback = fb
            self.output.value = fb.html()
        elif self.checks:
            self.feedback = self._check_fn()
            self.output.value = self.feedback.html()
            if self._reveal_fn is not None and not self.unavailable:
                self.reveal_button.disabled = False

    def _show(self, fb: Feedback) -> None:
        self.feedback = fb
        self.output.value = fb.html()
        if self._on_change is not None:
            self._on_change()


# ------------------------------------------------------------ wording helpers
def plural(n: int, word: str, words: str | None = None) -> str:
    """ "1 passage", "3 passages"."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def join_words(parts: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def paragraph_of(article: Article, offset: int) -> int | None:
    """1-based paragraph number of an offset (the numbers the picker shows in the margin)."""
    i = article.paragraph_index(offset)
    return None if i is None else i + 1


def where(article: Article, f: Finding) -> str:
    n = paragraph_of(article, f.start)
    return f"paragraph {n}" if n else ""


# ------------------------------------------------------------ span feedback
def span_feedback(
    article: Article,
    marks: Sequence[Finding],
    expected: Sequence[Finding] | None,
    *,
    layer_label: str = "this layer",
    reveal: bool = False,
    key_html: str = "",
) -> Feedback:
    """Compare a student's marks with the key's findings for one layer and part of the text.

    Before the key is revealed, missed passages are only counted by
    paragraph (the hint); with ``reveal`` they are listed with the key's
    reasons. Matched passages always carry the key's ``why``.
    """
    scope = (
        "This check compares where you marked with where the key marks, not the reasons you had in mind; "
        "the key is one careful reading, so a passage outside it can still be worth discussing."
    )
    if expected is None:
        return Feedback(
            "There is no key for this article yet, so the kit cannot compare your marks with one.",
            hint="Your marks are saved. Compare them with a classmate's and talk about the passages you disagree on.",
            counts={"marked": len(marks)},
        )
    if not expected:
        return Feedback(
            f"The key has no passages for {layer_label} in this part of the article, so there is nothing to "
            "compare your marks with.",
            hint="Your marks are saved; your instructor can discuss them in class.",
            counts={"marked": len(marks), "expected": 0},
        )
    s = score(marks, list(expected))
    items: list[FeedbackItem] = []
    for m in s.matched:
        if m.exact:
            items.append(FeedbackItem("matched", m.found.text, m.why, where(article, m.found)))
        else:
            detail = f"the key marks “{short(m.expected.text, 90)}”; close enough to count"
            items.append(FeedbackItem("matched", m.found.text, m.why, where(article, m.found), detail))
    for f in s.extra:
        near = [e for e in expected if overlap(f, e) > 0 and not spans_match(f, e)]
        if near:
            e = max(near, key=lambda e: overlap(f, e))
            if len(f) > len(e):
                detail = f"it contains the key's “{short(e.text, 60)}” but takes in much more; mark the phrase itself"
            else:
                detail = f"it touches the key's “{short(e.text, 60)}” but covers too little of it to count"
            items.append(FeedbackItem("close", f.text, "", where(article, f), detail))
        else:
            items.append(
                FeedbackItem(
                    "extra",
                    f.text,
                    "",
                    where(article, f),
                    "the key does not mark this. That does not make it wrong: if you can say why, "
                    "note it down for the discussion",
                )
            )
    if reveal:
        for e in s.missed:
            items.append(FeedbackItem("missed", e.text, e.note, where(article, e)))
    n_exp, n_found = len(expected), len(s.matched)
    left = len(s.missed)
    if not marks:
        summary = f"You have not marked anything yet. The key lists {plural(n_exp, 'passage')} for {layer_label} here."
    elif left == 0 and not s.extra:
        summary = (
            f"Your marks line up with every passage the key lists for {layer_label} here ({n_found} of {n_exp}). "
            "Now compare your reasons with the key's."
        )
    elif left == 0:
        summary = (
            f"Your marks include every passage the key lists for {layer_label} here ({n_found} of {n_exp}), "
            f"plus {plural(len(s.extra), 'mark')} the key does not have."
        )
    else:
        summary = (
            f"{n_found} of the key's {plural(n_exp, 'passage')} for {layer_label} "
            f"{'is' if n_found == 1 else 'are'} among your marks."
        )
    hint = ""
    if left and not reveal:
        by_para: dict[int | None, int] = {}
        for e in s.missed:
            n = paragraph_of(article, e.start)
            by_para[n] = by_para.get(n, 0) + 1
        parts = [f"{c} in paragraph {n}" if n else f"{c} elsewhere" for n, c in sorted(by_para.items(), key=_para)]
        hint = (
            f"{plural(left, 'passage')} in the key {'is' if left == 1 else 'are'} still unmarked: "
            f"{join_words(parts)}. Read those paragraphs again; "
            "when you are ready, press “Show the key”."
        )
    if reveal:
        summary = "The key, with its reasons. " + summary
    return Feedback(
        summary,
        tuple(items),
        hint,
        scope,
        extra_html=key_html if reveal else "",
        counts={
            "marked": len(marks),
            "expected": n_exp,
            "matched": n_found,
            "missed": left,
            "extra": len(s.extra),
        },
    )


def _para(item: tuple[int | None, int]) -> int:
    return item[0] if item[0] is not None else 10**9
