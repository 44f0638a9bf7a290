"""Whose answers are these? The name box at the top of a notebook, and the download box at the end.

The name is asked once per notebook. It defaults to the login name, is
remembered on disk (so a re-run notebook finds the same answers), and the
exercises already on the page move with it when it changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as w

from .. import answers as _answers
from .base import button, esc, live_exercises

__all__ = ["StudentNameBox", "student_name_box", "ExportBox", "export_box"]


class StudentNameBox(w.VBox):
    """A text box for the student's name; exercises created after it save under that name."""

    def __init__(self, notebook: str) -> None:
        self.notebook = notebook
        current = _answers.student_for(notebook)
        _answers.set_student(notebook, current, remember=False)
        self.text = w.Text(
            value=current,
            description="Your name",
            placeholder="your first name and the initial of your last name",
            continuous_update=False,
            style={"description_width": "initial"},
            layout=w.Layout(width="28em"),
        )
        self.text.add_class("ml-name")
        self.button = button("Use this name", tooltip="Save this notebook's answers under this name", icon="user")
        self.button.add_class("ml-name-save")
        self.message = w.HTML()
        self.message.add_class("ml-name-message")
        self.text.observe(lambda _c: self.use(self.text.value), names="value")
        self.button.on_click(lambda _b: self.use(self.text.value))
        super().__init__([w.HBox([self.text, self.button]), self.message])
        self.add_class("ml-student")
        self._show(current)

    @property
    def name(self) -> str:
        return _answers.student_for(self.notebook)

    def use(self, name: str) -> str:
        """Save this notebook's answers under ``name`` from now on (also what the button does)."""
        cleaned = " ".join(str(name).split())
        if not cleaned:
            self.message.value = (
                f"<small>⚠ Type your name first. Until then, answers are saved as <b>{esc(self.name)}</b>.</small>"
            )
            return self.name
        previous = self.name
        _answers.set_student(self.notebook, cleaned)
        if cleaned != previous:
            store = _answers.store_for(self.notebook, cleaned)
            for ex in live_exercises(self.notebook):
                ex.rebind(store)
        if self.text.value != cleaned:
            self.text.value = cleaned
        self._show(cleaned)
        return cleaned

    def _show(self, name: str) -> None:
        folder = f"answers/{_answers.safe_name(name)}/{_answers.safe_name(self.notebook)}/"
        note = ""
        if _answers.safe_name(name) != name:
            note = " (letters outside A–Z are replaced by _ in the folder name)"
        self.message.value = (
            f"<small>Answers in this notebook are saved as <b>{esc(name)}</b>, "
            f"in <code>{esc(folder)}</code>{esc(note)}. Not you? Type your name and press Enter.</small>"
        )


def student_name_box(notebook: str) -> StudentNameBox:
    """Ask the student's name once per notebook (default: the login name)."""
    return StudentNameBox(notebook)


class ExportBox(w.VBox):
    """A button that bundles this student's answers into one file to download."""

    def __init__(self, student: str | None = None, fmt: str = "zip") -> None:
        self.student, self.fmt = student, fmt
        self.button = button(
            "Bundle my answers", tooltip="Put all your saved answers into one file you can download", icon="download"
        )
        self.button.add_class("ml-export")
        self.message = w.HTML()
        self.button.on_click(self.export)
        super().__init__([self.button, self.message])

    def export(self, _button: Any = None) -> Path:
        path = _answers.export(student=self.student, fmt=self.fmt)
        try:
            shown = path.relative_to(Path.cwd())
        except ValueError:
            shown = path
        self.message.value = (
            f"<small>Your answers are in <a href='{esc(shown.as_posix())}' download>{esc(path.name)}</a>. "
            "In the file browser on the left, right-click it and choose <b>Download</b>.</small>"
        )
        return path


def export_box(student: str | None = None, fmt: str = "zip") -> ExportBox:
    """A "Bundle my answers" button for the end of a notebook."""
    return ExportBox(student, fmt)
