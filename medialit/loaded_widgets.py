"""The rewrite exercise of the loaded-terms notebook: live feedback on the student's own words.

The student rewrites a sentence in neutral words. Each time they leave the
text box (``continuous_update=False``, so the kit does not re-analyse on
every keystroke) the rewrite is analysed by the same ``find_loaded_terms``
that marked the original, shown highlighted, and compared with the
original: which loaded terms are gone, which remain, which are new. The
rewrite is saved like every other exercise (``medialit.widgets.Exercise``),
so it comes back when the notebook is run again and follows the name box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from .loaded import RewriteCheck, check_rewrite, find_loaded_terms
from .render import highlight
from .widgets.base import Exercise, esc

if TYPE_CHECKING:
    from .answers import AnswerStore

__all__ = ["RewriteExercise"]


class RewriteExercise(Exercise):
    """Rewrite ``original`` neutrally; the kit re-analyses the rewrite when the box loses focus."""

    kind = "rewrite"

    def __init__(
        self,
        original: str,
        *,
        exercise: str,
        notebook: str,
        prompt: str = "Rewrite the sentence so that a reader on either side would accept it as fair.",
        store: AnswerStore | None = None,
    ) -> None:
        from .article import Article

        self.original = original
        self._original_article = Article.from_text(original)
        before = find_loaded_terms(self._original_article)
        self.prompt = w.HTML(f"<p class='ml-question'><b>{esc(prompt)}</b></p>")
        self.original_view = w.HTML(highlight(self._original_article, before, title="The sentence").html)
        self.text = w.Textarea(
            placeholder="Type your neutral version here, then click outside the box.",
            continuous_update=False,
            layout=w.Layout(width="46em", height="6em"),
        )
        self.text.add_class("ml-rewrite")
        self.feedback = w.HTML()
        self.rewrite_view = w.HTML()
        self.text.observe(self._on_change, names="value")
        super().__init__(
            [self.prompt, self.original_view, self.text, self.feedback, self.rewrite_view],
            exercise=exercise,
            notebook=notebook,
            store=store,
        )
        self._show(self.check())

    # ------------------------------------------------------------ use
    def write(self, text: str) -> RewriteCheck:
        """Type a rewrite (what leaving the text box does); returns the analysis shown."""
        self.text.value = text
        return self.check()

    def check(self) -> RewriteCheck:
        """The analysis of the current rewrite against the original sentence."""
        return check_rewrite(self.original, self.text.value)

    def _on_change(self, _change: Any = None) -> None:
        self._show(self.check())
        if not self._quiet:
            self.changed()

    def _show(self, result: RewriteCheck) -> None:
        tone = "#1a7f37" if result.clean else "#333"
        self.feedback.value = f"<p style='color:{tone}'>{esc(result.summary())}</p>"
        if result.rewrite is None:
            self.rewrite_view.value = ""
            return
        self.rewrite_view.value = highlight(result.rewrite, result.after, title="Your rewrite").html

    # ------------------------------------------------------------ state
    def answer_state(self) -> dict[str, Any]:
        result = self.check() if self.text.value.strip() else None
        return {
            "kind": self.kind,
            "original": self.original,
            "rewrite": self.text.value,
            "remaining": [f.text for f in result.after] if result else [],
        }

    def apply_answer_state(self, data: dict[str, Any]) -> None:
        self.text.value = str(data.get("rewrite", ""))
        self._show(self.check())
