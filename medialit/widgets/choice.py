"""ChoiceExercise: a multiple-choice question where every option explains itself.

A wrong option is a chance to learn something, so each option carries an
explanation that the student sees when they choose it and check. With
``multiple=True`` several options can be right; the hint then says how many
right ones are still unchosen, and "Show the key" lists them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from .base import Exercise, markup
from .feedback import Feedback, FeedbackItem, FeedbackPanel, plural

if TYPE_CHECKING:
    from ..answers import AnswerStore

__all__ = ["ChoiceExercise"]


class ChoiceExercise(Exercise):
    """``options``: a list of ``(label, is_correct, explanation)``."""

    kind = "choice"

    def __init__(
        self,
        question: str,
        options: Sequence[tuple[str, bool, str]],
        *,
        exercise: str,
        notebook: str,
        multiple: bool = False,
        store: AnswerStore | None = None,
    ) -> None:
        opts = []
        for i, opt in enumerate(options):
            if len(opt) != 3:
                raise ValueError(f"option {i + 1} should be (label, is_correct, explanation), not {opt!r}")
            label, right, why = opt
            opts.append((str(label), bool(right), str(why)))
        if len(opts) < 2:
            raise ValueError("a multiple-choice question needs at least two options")
        if not any(r for _, r, _ in opts):
            raise ValueError("mark at least one option as correct (the second item of its tuple)")
        if not multiple and sum(r for _, r, _ in opts) > 1:
            raise ValueError("several options are marked correct: pass multiple=True")
        self.question = question
        self.options = opts
        self.multiple = multiple
        self.prompt = w.HTML(f"<p class='ml-question'><b>{markup(question)}</b></p>")
        if multiple:
            self.boxes = [
                w.Checkbox(value=False, description=label, indent=False, layout=w.Layout(width="auto"))
                for label, _, _ in opts
            ]
            for b in self.boxes:
                b.add_class("ml-option")
                b.observe(self._on_change, names="value")
            picker: list[w.Widget] = [
                w.HTML("<small>Choose all that apply.</small>"),
                *self.boxes,
            ]
            self.radio = None
        else:
            self.boxes = []
            self.radio = w.RadioButtons(
                options=[(label, i) for i, (label, _, _) in enumerate(opts)],
                index=None,
                description="Your answer",
                style={"description_width": "initial"},
                layout=w.Layout(width="auto"),
            )
            self.radio.add_class("ml-options")
            self.radio.observe(self._on_change, names="value")
            picker = [self.radio]
        self.panel = FeedbackPanel(self._check_feedback, self._key_feedback, on_change=self.changed)
        super().__init__([self.prompt, *picker, self.panel], exercise=exercise, notebook=notebook, store=store)

    # ------------------------------------------------------------ answer
    @property
    def chosen(self) -> list[int]:
        """Indexes of the chosen options."""
        if self.radio is not None:
            return [] if self.radio.value is None else [int(self.radio.value)]
        return [i for i, b in enumerate(self.boxes) if b.value]

    def choose(self, *indexes: int) -> None:
        """Choose options by index (what clicking does)."""
        for i in indexes:
            if not 0 <= i < len(self.options):
                raise IndexError(f"there is no option {i}")
        if self.radio is not None:
            if len(indexes) > 1:
                raise ValueError("this question takes one answer")
            self.radio.value = indexes[0] if indexes else None
        else:
            with self.quiet():
                for i, b in enumerate(self.boxes):
                    b.value = i in indexes
            self._on_change()

    def _on_change(self, _change: Any = None) -> None:
        if self._quiet:
            return
        self.panel.mark_stale()
        self.changed()

    # ------------------------------------------------------------ feedback
    def check(self) -> Feedback:
        return self.panel.check()

    def reveal(self) -> Feedback:
        return self.panel.reveal()

    def _check_feedback(self) -> Feedback:
        chosen = self.chosen
        right = [i for i, (_, r, _) in enumerate(self.options) if r]
        if not chosen:
            return Feedback(
                "Choose an answer first.", hint="Read the question again and pick the option you think fits."
            )
        items = tuple(
            FeedbackItem("right" if self.options[i][1] else "wrong", self.options[i][0], self.options[i][2])
            for i in chosen
        )
        good = [i for i in chosen if i in right]
        bad = [i for i in chosen if i not in right]
        left = [i for i in right if i not in chosen]
        if not self.multiple:
            if good:
                summary = "Your choice matches the key."
                hint = ""
            else:
                summary = "Your choice is not the key's answer. Read why, then try another."
                hint = "Press “Show the key” when you want to see the answer with every option explained."
        else:
            summary = f"{len(good)} of your {plural(len(chosen), 'choice')} {'matches' if len(good) == 1 else 'match'} the key"
            summary += f"; {len(bad)} {'does' if len(bad) == 1 else 'do'} not." if bad else "."
            if left:
                hint = f"{plural(len(left), 'more option')} also {'fits' if len(left) == 1 else 'fit'}: look again."
            elif not bad:
                summary = f"You chose every option the key chooses ({len(right)}), and no other."
                hint = ""
            else:
                hint = "You have all of the key's options; remove the ones that do not fit."
        return Feedback(summary, items, hint, counts={"chosen": len(chosen), "right": len(good), "wrong": len(bad)})

    def _key_feedback(self) -> Feedback:
        items = []
        chosen = set(self.chosen)
        for i, (label, right, why) in enumerate(self.options):
            if right:
                status = "right" if i in chosen else "not_chosen"
            else:
                status = "wrong" if i in chosen else "note"
            items.append(FeedbackItem(status, label, why, detail="you chose this" if i in chosen else ""))
        answer = [label for label, right, _ in self.options if right]
        summary = "The key's answer: " + "; ".join(f"“{a}”" for a in answer) + ". Every option is explained below."
        return Feedback(summary, tuple(items))

    # ------------------------------------------------------------ state
    def answer_state(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "question": self.question,
            "chosen": self.chosen,
            "chosen_labels": [self.options[i][0] for i in self.chosen],
            "checks": self.panel.checks,
            "revealed": self.panel.revealed,
        }

    def apply_answer_state(self, data: dict[str, Any]) -> None:
        labels = [label for label, _, _ in self.options]
        chosen = [int(i) for i in data.get("chosen", [])]
        saved_labels = data.get("chosen_labels")
        if isinstance(saved_labels, list) and [labels[i] for i in chosen if 0 <= i < len(labels)] != saved_labels:
            # the options were edited or reordered since: follow the labels, not the positions
            chosen = [labels.index(x) for x in saved_labels if x in labels]
        chosen = [i for i in chosen if 0 <= i < len(labels)]
        if self.radio is not None:
            self.radio.value = chosen[0] if chosen else None
        else:
            for i, b in enumerate(self.boxes):
                b.value = i in chosen
        self.panel.restore(int(data.get("checks", 0)), bool(data.get("revealed", False)))
