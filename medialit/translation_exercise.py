"""The reconstruction exercise of the translation notebook: what did the author mean?

For each flagged phrase ("Luck for peace") the student types the wording the
author probably meant ("A chance for peace"). Leaving the box
(``continuous_update=False``) checks the guess with
``translation.reconstruction_feedback``: tolerant of typos, word endings and
small words, strict on content words, and always explained with the key's
reason. Guesses are saved like every other exercise
(``medialit.widgets.Exercise``) and come back when the notebook is re-run.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from .findings import Finding
from .translation import reconstruction_feedback
from .widgets.base import Exercise, esc

if TYPE_CHECKING:
    from .answers import AnswerStore
    from .article import Article

__all__ = ["ReconstructionExercise"]


def _item_id(f: Finding) -> str:
    return f"{f.start}:{f.end}"


class ReconstructionExercise(Exercise):
    """One text box per flagged phrase; each guess is checked when the box loses focus."""

    kind = "reconstruction"

    def __init__(
        self,
        article: Article,
        items: Iterable[Finding],
        *,
        exercise: str,
        notebook: str,
        prompt: str = "What did the author probably mean? Type the wording you would expect in an English original.",
        store: AnswerStore | None = None,
    ) -> None:
        self.article = article
        self.items = [f for f in items if f.alternatives]
        self.boxes: dict[str, w.Text] = {}
        self.results: dict[str, w.HTML] = {}
        self.outcome: dict[str, bool | None] = {}
        rows: list[w.Widget] = [w.HTML(f"<p class='ml-question'><b>{esc(prompt)}</b></p>")]
        if not self.items:
            rows.append(w.HTML("<p>There are no phrases with a suggested wording to reconstruct here.</p>"))
        for n, f in enumerate(self.items, 1):
            key = _item_id(f)
            context = w.HTML(f"<p>{n}. {self._in_context(f)}</p>")
            box = w.Text(
                placeholder="the author probably meant…",
                continuous_update=False,
                layout=w.Layout(width="30em"),
            )
            box.add_class("ml-reconstruct")
            result = w.HTML()
            box.observe(lambda change, key=key: self._on_change(key), names="value")
            self.boxes[key] = box
            self.results[key] = result
            self.outcome[key] = None
            rows += [context, box, result]
        super().__init__(rows, exercise=exercise, notebook=notebook, store=store)

    def _in_context(self, f: Finding) -> str:
        """The sentence around the phrase, escaped, with the phrase in bold."""
        sentence = self.article.sentence_at(f.start)
        s, e = (
            (sentence.start, sentence.end)
            if sentence
            else (max(0, f.start - 60), min(len(self.article.text), f.end + 60))
        )
        s, e = min(s, f.start), max(e, f.end)
        text = self.article.text
        return (
            f"…{esc(text[s : f.start])}<b style='background:#fde0dd'>{esc(f.text)}</b>{esc(text[f.end : e])}…"
            f" <small>({esc(f.label)})</small>"
        )

    # ------------------------------------------------------------ use
    def write(self, index: int, guess: str) -> tuple[bool, str]:
        """Type a guess for item ``index`` (what leaving its box does); returns (ok, message)."""
        key = _item_id(self.items[index])
        self.boxes[key].value = guess
        return self.check(index)

    def check(self, index: int) -> tuple[bool, str]:
        f = self.items[index]
        return reconstruction_feedback(self.boxes[_item_id(f)].value, f)

    @property
    def score(self) -> tuple[int, int]:
        """(accepted guesses, items)."""
        return sum(1 for v in self.outcome.values() if v), len(self.items)

    def _on_change(self, key: str) -> None:
        self._show(key)
        if not self._quiet:
            self.changed()

    def _show(self, key: str) -> None:
        f = next(x for x in self.items if _item_id(x) == key)
        guess = self.boxes[key].value
        if not guess.strip():
            self.outcome[key] = None
            self.results[key].value = ""
            return
        ok, message = reconstruction_feedback(guess, f)
        self.outcome[key] = ok
        mark, colour = ("✔", "#1a7f37") if ok else ("✘", "#b35900")
        self.results[
            key
        ].value = f"<p style='margin:.2em 0 .8em'><b style='color:{colour}'>{mark}</b> {esc(message)}</p>"

    # ------------------------------------------------------------ state
    def answer_state(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "guesses": {k: b.value for k, b in self.boxes.items()},
            "items": {_item_id(f): f.text for f in self.items},
            "accepted": [k for k, v in self.outcome.items() if v],
        }

    def apply_answer_state(self, data: dict[str, Any]) -> None:
        guesses = data.get("guesses", {})
        if not isinstance(guesses, dict):
            raise TypeError("guesses should be a mapping")
        for key, box in self.boxes.items():
            box.value = str(guesses.get(key, ""))
            self._show(key)
