"""What every exercise shares: saving on every change, restoring on re-run, one status line.

An exercise is an ``ipywidgets.VBox`` with a name (``exercise``) inside a
notebook (``notebook``). Its whole answer is a small JSON dict
(``answer_state``/``apply_answer_state``); after every change the dict is saved through
``medialit.answers`` (atomic, locked, merged with other kernels), and a
new exercise with the same name loads it back. That is all re-running a
notebook needs.

Live exercises are registered per notebook, so when the student types a
different name in ``student_name_box`` the exercises already on the page
move to that name's answers instead of writing under the old one.
"""

from __future__ import annotations

import html
import re
import warnings
import weakref
from typing import Any

import ipywidgets as w

from .. import answers as _answers
from ..answers import AnswerStore, SaveResult

__all__ = ["Exercise", "button", "live_exercises", "markup", "short", "esc"]

#: notebook -> exercise name -> the newest live exercise with that name
_LIVE: dict[str, dict[str, weakref.ref[Exercise]]] = {}


def button(description: str, **kwargs: Any) -> w.Button:
    """A button as wide as its label: the kit's only way to make one.

    ipywidgets gives every button the same fixed width, which cuts longer
    labels ("Check my ans…"); this makes the width fit the label unless a
    ``layout`` is given.
    """
    kwargs.setdefault("layout", w.Layout(width="auto"))
    return w.Button(description=description, **kwargs)


def esc(text: Any) -> str:
    """HTML-escape anything shown to the student (article text, notes, names)."""
    return html.escape(str(text), quote=True)


_INLINE = re.compile(r"&lt;(/?)(b|i|em|strong|code)&gt;|&lt;br\s*/?&gt;")


def markup(text: Any) -> str:
    """Escape a notebook author's prompt, keeping only plain inline tags (<b>, <i>, <em>, <strong>, <code>, <br>).

    Prompts are written by instructors, who reach for <b> to stress a word;
    everything else (attributes, links, scripts) stays escaped.
    """
    return _INLINE.sub(lambda m: f"<{m.group(1)}{m.group(2)}>" if m.group(2) else "<br>", esc(text))


def short(text: str, n: int = 80) -> str:
    """One line, at most ``n`` characters, for labels and lists."""
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def live_exercises(notebook: str) -> list[Exercise]:
    """The exercises of a notebook that are still alive in this kernel (newest per name)."""
    out = []
    for ref in _LIVE.get(notebook, {}).values():
        ex = ref()
        if ex is not None:
            out.append(ex)
    return out


class Exercise(w.VBox):
    """Base class: subclasses build their controls, then call ``super().__init__``.

    Subclasses implement ``answer_state()`` (a JSON-able dict) and
    ``apply_answer_state(data)`` (show a saved answer without saving it again), and
    call ``self.changed()`` whenever the student changes something.
    """

    kind = "exercise"

    def __init__(
        self,
        children: list[w.Widget],
        *,
        exercise: str,
        notebook: str,
        store: AnswerStore | None = None,
        **kwargs: Any,
    ) -> None:
        if not isinstance(exercise, str) or not exercise.strip():
            raise ValueError("every exercise needs a name: exercise='...' (unique within the notebook)")
        if not isinstance(notebook, str) or not notebook.strip():
            raise ValueError("every exercise needs the notebook's name: notebook='03_loaded_terms'")
        self.exercise = exercise
        self.notebook = notebook
        self.store = store if store is not None else _answers.store_for(notebook)
        self.last_save: SaveResult | None = None
        self._quiet = 0  # >0 while showing a saved state: no saving back
        self.status = w.HTML()
        self.status.add_class("ml-status")
        super().__init__([*children, self.status], **kwargs)
        self.add_class("ml-exercise")
        self.add_class(f"ml-{self.kind}")
        self._initial = self.answer_state()
        self._restore()
        if store is None:
            _LIVE.setdefault(notebook, {})[exercise] = weakref.ref(self)

    # ------------------------------------------------------------ state
    def answer_state(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def apply_answer_state(self, data: dict[str, Any]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def merge(self, base: Any, ours: Any, theirs: Any) -> Any:
        """Combine our answer with one another kernel saved meanwhile (see ``answers.merge_states``)."""
        merged, _clean = _answers.merge_states(base, ours, theirs)
        return merged

    @property
    def student(self) -> str:
        return self.store.student

    # ------------------------------------------------------------ saving
    def changed(self) -> SaveResult | None:
        """Save the current answer; called by subclasses after every change."""
        if self._quiet:
            return None
        state = self.answer_state()
        result = self.store.update(self.exercise, state, merge=self._merge_or_none())
        self.last_save = result
        if result.data != state and isinstance(result.data, dict):
            with self.quiet():
                self.apply_answer_state(result.data)
        self._show_status(result)
        return result

    def _merge_or_none(self) -> Any:
        # Use the subclass's merge only if it overrides the default.
        return self.merge if type(self).merge is not Exercise.merge else None

    def _show_status(self, result: SaveResult) -> None:
        if result.on_disk:
            where = "/".join(result.path.parts[-3:])
            text = f"Saved for <b>{esc(self.student)}</b> (answers/{esc(where)})."
            if result.merged:
                text += " Changes made in another tab or notebook were added."
            if result.conflict_copy is not None:
                text += f" Another version was kept as {esc(result.conflict_copy.name)}."
            self.status.value = f"<small>✓ {text}</small>"
        else:
            self.status.value = (
                "<small>⚠ <b>Not saved to disk</b> (the answers folder cannot be written: "
                f"{esc(result.error)}). The exercise still works, but copy your answer somewhere "
                "before you close the notebook, or run <code>medialit.answers.export()</code>.</small>"
            )

    def quiet(self) -> _Quiet:
        """Context manager: widget changes inside it are not saved (used while restoring)."""
        return _Quiet(self)

    def _restore(self) -> None:
        data = self.store.load(self.exercise, None)
        if data is None:
            self.status.value = (
                f"<small>Your answer is saved for <b>{esc(self.student)}</b> after every change.</small>"
            )
            return
        if not isinstance(data, dict):
            self._restore_failed("it is not in the format this exercise uses")
            return
        try:
            with self.quiet():
                self.apply_answer_state(data)
        except (KeyError, TypeError, ValueError, IndexError) as e:
            self._restore_failed(str(e))
            return
        self.status.value = f"<small>↺ Your saved answer for <b>{esc(self.student)}</b> is back.</small>"

    def _restore_failed(self, why: str) -> None:
        warnings.warn(
            f"The saved answer for exercise {self.exercise!r} could not be shown ({why}); "
            "it stays in its file until you change this exercise.",
            _answers.AnswerWarning,
            stacklevel=3,
        )
        self.status.value = "<small>⚠ Your saved answer could not be shown; starting empty.</small>"

    def rebind(self, store: AnswerStore) -> None:
        """Move this exercise to another student's answers (the name box changed).

        If that student already has an answer here, it is shown; otherwise
        the work on screen is saved under the new name, so nothing typed
        before the name was given is lost.
        """
        if store is self.store:
            return
        saved = store.load(self.exercise, None)
        self.store = store
        if isinstance(saved, dict):
            with self.quiet():
                self.apply_answer_state(saved)
            self.status.value = f"<small>↺ Showing the answer saved for <b>{esc(self.student)}</b>.</small>"
        elif self.answer_state() != self.initial_state():
            self.changed()

    def initial_state(self) -> dict[str, Any]:
        """The state of a fresh, untouched exercise (to tell whether there is work to carry over)."""
        return self._initial


class _Quiet:
    def __init__(self, ex: Exercise) -> None:
        self.ex = ex

    def __enter__(self) -> None:
        self.ex._quiet += 1

    def __exit__(self, *exc: object) -> None:
        self.ex._quiet -= 1
