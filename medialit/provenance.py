"""Provenance: where did this text come from, and how did it get here?

The first question a careful reader asks. The clues are in the text itself:
website navigation copied along with the article, a publisher's name left in
the headline, a republisher's disclaimer, a stray "Back to top button". The
instructor lists them in the key's ``provenance:`` section; this module turns
them into a short exercise for ``00_start_here`` with feedback that explains
each clue.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from .answers import AnswerStore, student_for
from .widgets.base import button

if TYPE_CHECKING:
    from .article import Article
    from .keys import Key, ProvenanceClue

__all__ = ["ProvenanceCheck", "ProvenanceForm", "check_provenance", "distractors"]

MACHINE = "A machine (automatic translation)"
PERSON = "A person (a human translator or editor)"
NOT_TRANSLATED = "It was not translated"
UNSURE = "I can't tell yet"
WHO_OPTIONS = (UNSURE, MACHINE, PERSON, NOT_TRANSLATED)


@dataclass
class ProvenanceCheck:
    """The outcome of comparing a student's answer with the key's clues."""

    found: list[ProvenanceClue] = field(default_factory=list)
    missed: list[ProvenanceClue] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    publisher_ok: bool | None = None
    translator_ok: bool | None = None

    def html(self, publishers: list[str]) -> str:
        parts = []
        if self.found:
            parts.append("<p><b>Clues you spotted</b></p><ul>")
            parts += [
                f"<li><q>{html.escape(c.text)}</q> ({html.escape(c.clue)}): {html.escape(c.why)}</li>"
                for c in self.found
            ]
            parts.append("</ul>")
        if self.missed:
            parts.append("<p><b>Clues still to find</b> (look again before you read on):</p><ul>")
            parts += [
                f"<li><q>{html.escape(c.text)}</q> ({html.escape(c.clue)}): {html.escape(c.why)}</li>"
                for c in self.missed
            ]
            parts.append("</ul>")
        if self.wrong:
            parts.append("<p><b>Not clues about the text's path</b> (ordinary reporting):</p><ul>")
            parts += [f"<li><q>{html.escape(t)}</q></li>" for t in self.wrong]
            parts.append("</ul>")
        if self.publisher_ok is None and not publishers:
            parts.append("<p>Publisher: the key for this text names no publisher clue, so the kit cannot check it.</p>")
        if self.publisher_ok is True:
            parts.append(f"<p>✔ Publisher: yes, {html.escape(' / '.join(publishers))}.</p>")
        elif self.publisher_ok is False:
            parts.append(
                "<p>✘ Publisher: not quite. Look at the end of the headline line and at the line just before the footer.</p>"
            )
        if self.translator_ok is True:
            parts.append("<p>✔ Translation: yes, the site's own footer says it translates automatically.</p>")
        elif self.translator_ok is False:
            parts.append(
                "<p>✘ Translation: read the last paragraph (the footer) again: what does the site say it does?</p>"
            )
        parts.append(
            "<p><i>This check covers the clues in the key only. A good answer also says what each clue means "
            "for how far you can trust the exact words.</i></p>"
        )
        return "".join(parts)


def distractors(article: Article, clues: list[ProvenanceClue], n: int = 3) -> list[str]:
    """Ordinary sentences from the body, for the checklist: deterministic, and never a clue."""
    out = []
    for s in article.sentences:
        if any(c.start < s.end and s.start < c.end for c in clues):
            continue
        words = s.text.split()
        if 8 <= len(words) <= 30 and not any(q in s.text for q in '"“”«»„'):
            out.append(s.text)
    if not out:
        return []
    step = max(1, len(out) // n)
    return out[::step][:n]


def check_provenance(key: Key, chosen: list[str], publisher: str, translator: str) -> ProvenanceCheck:
    """Compare the student's checklist and answers with the key's provenance clues."""
    by_text = {c.text: c for c in key.provenance}
    result = ProvenanceCheck()
    for c in key.provenance:
        (result.found if c.text in chosen else result.missed).append(c)
    result.wrong = [t for t in chosen if t not in by_text]
    publishers = _publishers(key)
    if publisher.strip() and publishers:  # a key without a publisher clue cannot check this answer
        result.publisher_ok = any(_names(publisher, p) for p in publishers)
    if translator != UNSURE:
        expects_machine = any("machine" in c.clue or "translation" in c.clue for c in key.provenance)
        result.translator_ok = (translator == MACHINE) == expects_machine
    return result


def _names(guess: str, acronym: str) -> bool:
    """Does the student's answer name the publisher ``acronym``: as a whole word ("RT", "rt.com")
    or spelled out ("Russia Today")? A word that merely contains the letters ("art") does not."""
    words = re.findall(r"\w+", guess.casefold())
    target = acronym.casefold()
    return target in words or "".join(w[0] for w in words if w not in _SMALL_WORDS) == target


_SMALL_WORDS = frozenset("the of and a an".split())


def _publishers(key: Key) -> list[str]:
    names = []
    for c in key.provenance:
        if "publisher" in c.clue:
            names.extend(word for word in c.text.replace("–", " ").split() if word.isupper() and len(word) >= 2)
    return sorted(set(names))


class ProvenanceForm(w.VBox):
    """The provenance exercise: tick the clues, name the publisher, say who translated.

    Answers are saved on every change (``AnswerStore``) and come back when the
    notebook is re-run.
    """

    def __init__(
        self,
        article: Article,
        key: Key | None,
        *,
        notebook: str = "00_start_here",
        exercise: str = "provenance",
        student: str | None = None,
    ) -> None:
        self.article, self.key = article, key
        self.store = AnswerStore(student or student_for(notebook), notebook)
        self.exercise = exercise
        saved: dict[str, Any] = self.store.load(exercise, {}) or {}
        clues = list(key.provenance) if key is not None else []
        spans = [(c.start, c.text) for c in clues] + [(article.text.find(t), t) for t in distractors(article, clues)]
        options = [t for _, t in sorted(spans)]
        self.boxes = [
            w.Checkbox(
                value=t in saved.get("chosen", []),
                description=_label(article, start, t),
                indent=False,
                layout=w.Layout(width="auto"),
            )
            for start, t in sorted(spans)
        ]
        self._texts = options
        self._checked_html = ""
        self.publisher = w.Text(
            value=saved.get("publisher", ""),
            placeholder="e.g. the name of a newspaper or channel",
            description="First published by:",
            style={"description_width": "initial"},
            layout=w.Layout(width="32em"),
        )
        self.translator = w.Dropdown(
            options=WHO_OPTIONS,
            value=saved.get("translator", UNSURE),
            description="Translated by:",
            style={"description_width": "initial"},
        )
        self.check_button = button(
            "Check my answer",
            button_style="primary",
            icon="check",
            tooltip="Compare your answer with the clues in the key",
        )
        self.check_button.add_class("ml-check")
        self.feedback = w.HTML()
        self.status = w.HTML()
        for widget in (*self.boxes, self.publisher, self.translator):
            widget.observe(self._save, names="value")
        self.check_button.on_click(self.check)
        if key is None:
            self.check_button.disabled = True
            self.feedback.value = (
                "<p>This article has no key yet, so the kit cannot check your answer. Your answer is still saved.</p>"
            )
        super().__init__(
            [
                w.HTML("<b>Which of these passages tell you something about where the text came from?</b>"),
                *self.boxes,
                self.publisher,
                self.translator,
                self.check_button,
                self.status,
                self.feedback,
            ]
        )

    def answer(self) -> dict[str, Any]:
        return {
            "chosen": [t for t, b in zip(self._texts, self.boxes, strict=True) if b.value],
            "publisher": self.publisher.value,
            "translator": self.translator.value,
        }

    def _save(self, _change: Any = None) -> None:
        ok = self.store.save(self.exercise, self.answer())
        self.status.value = "<small>Saved.</small>" if ok else "<small>Not saved (see the warning above).</small>"
        if self._checked_html and self.feedback.value == self._checked_html:
            # Like every exercise's feedback panel: say so when the answer changed after a check
            # (also when a slow server delivered the last keystrokes after the button press).
            self.feedback.value = STALE_NOTE + self._checked_html

    def check(self, _button: Any = None) -> ProvenanceCheck | None:
        if self.key is None:
            return None
        a = self.answer()
        result = check_provenance(self.key, a["chosen"], a["publisher"], a["translator"])
        self._checked_html = result.html(_publishers(self.key))
        self.feedback.value = self._checked_html
        return result


STALE_NOTE = (
    "<p class='ml-fb-stale' style='background:#fff6e0;border-left:3px solid #b77b00;padding:.3em .6em'>"
    "You have changed your answer since this feedback: press “Check my answer” again.</p>"
)


def _label(article: Article, start: int, text: str) -> str:
    """Checkbox label: the passage, shortened; a very short one gets its paragraph number."""
    label = _short(text)
    if len(text.split()) < 3:
        n = article.paragraph_index(start)
        label = f"“{label}” (paragraph {n + 1} of {len(article.paragraphs)})" if n is not None else label
    return label


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
