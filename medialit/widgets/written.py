"""WrittenExercise: a short written answer, with a model answer shown after submitting.

Nothing here marks the answer automatically: a computer cannot fairly judge
a student's reasoning about a text. The model answer appears only after the
student commits to their own (so they write first and compare second), with
a prompt to compare the two. The draft is saved on every keystroke that
reaches the kernel, so nothing typed is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from .base import Exercise, markup
from .feedback import Feedback, FeedbackItem, FeedbackPanel

if TYPE_CHECKING:
    from ..answers import AnswerStore

__all__ = ["WrittenExercise"]

MIN_WORDS = 3


class WrittenExercise(Exercise):
    """A prompt, a text area, "Submit my answer", then the model answer."""

    kind = "written"

    def __init__(
        self,
        prompt: str,
        model_answer: str,
        *,
        exercise: str,
        notebook: str,
        placeholder: str = "Write a few sentences in your own words.",
        store: AnswerStore | None = None,
    ) -> None:
        if not str(model_answer).strip():
            raise ValueError("give a model answer: students see it after they submit their own")
        self.prompt_text = prompt
        self.model_answer = str(model_answer).strip()
        self.submitted_text = ""
        self.prompt = w.HTML(f"<p class='ml-question'><b>{markup(prompt)}</b></p>")
        self.text = w.Textarea(
            description="Your answer",
            placeholder=placeholder,
            style={"description_width": "initial"},
            layout=w.Layout(width="46em", height="8em"),
        )
        self.text.add_class("ml-written")
        self.text.observe(self._on_change, names="value")
        self.panel = FeedbackPanel(
            self._submit_feedback,
            None,
            check_label="Submit my answer",
            check_tooltip="Save your answer as submitted and see a model answer to compare with",
            on_change=self.changed,
        )
        self.panel.check_button.add_class("ml-submit")
        super().__init__([self.prompt, self.text, self.panel], exercise=exercise, notebook=notebook, store=store)

    @property
    def submitted(self) -> bool:
        return bool(self.submitted_text)

    def write(self, text: str) -> None:
        """Type an answer (what the text area does)."""
        self.text.value = text

    def submit(self) -> Feedback:
        """What "Submit my answer" does."""
        return self.panel.check()

    def _on_change(self, _change: Any = None) -> None:
        if self._quiet:
            return
        if self.submitted and self.text.value.strip() != self.submitted_text:
            self.panel.mark_stale()
        self.changed()

    def _submit_feedback(self) -> Feedback:
        text = self.text.value.strip()
        if len(text.split()) < MIN_WORDS:
            self.panel.checks -= 1  # not a real submission
            return Feedback(
                "Write your own answer first (a sentence or two); the model answer appears after you submit.",
            )
        self.submitted_text = text
        return self._model_feedback()

    def _model_feedback(self) -> Feedback:
        return Feedback(
            "Your answer is saved as submitted. Here is one model answer to compare with yours.",
            (FeedbackItem("model", self.model_answer),),
            hint=(
                "Compare: what does the model answer notice that you did not, and what did you notice that it "
                "does not? You may change your answer and submit again."
            ),
            scope="Written answers are not marked by the computer: your reasoning is what counts.",
        )

    def answer_state(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "prompt": self.prompt_text,
            "text": self.text.value,
            "submitted_text": self.submitted_text,
            "submissions": self.panel.checks,
        }

    def apply_answer_state(self, data: dict[str, Any]) -> None:
        self.text.value = str(data.get("text", ""))
        self.submitted_text = str(data.get("submitted_text", ""))
        self.panel.checks = int(data.get("submissions", 0))
        if self.submitted_text:
            fb = self._model_feedback()
            if self.text.value.strip() != self.submitted_text:
                fb = fb.with_stale(
                    "You have changed your answer since you submitted it. Submit it again to save the new version."
                )
            self.panel.feedback = fb
            self.panel.output.value = fb.html()
