"""Exercise widgets for the notebooks.

Every exercise is an ``ipywidgets.VBox``: leave it last in a cell (or
``display`` it). Its answer is saved after every change in
``answers/<student>/<notebook>/<exercise>.json`` and comes back when the
notebook is run again::

    from medialit import widgets as mw
    mw.student_name_box(notebook="03_loaded_terms")
    mw.SpanExercise(article, key, "loaded", exercise="loaded_p1", notebook="03_loaded_terms")

Feedback follows one pattern everywhere: "Check my answer" explains what
matches the key, what does not and why, with a hint about what is left;
"Show the key" is a separate, later step.
"""

from __future__ import annotations

from .base import Exercise, live_exercises
from .choice import ChoiceExercise
from .feedback import Feedback, FeedbackItem, FeedbackPanel, span_feedback
from .labels import CANNOT_TELL, LabelExercise
from .ordering import OrderingExercise
from .span_exercise import SpanExercise
from .span_picker import SpanPicker, snap_to_words
from .student import ExportBox, StudentNameBox, export_box, student_name_box
from .written import WrittenExercise

__all__ = [
    "CANNOT_TELL",
    "ChoiceExercise",
    "Exercise",
    "ExportBox",
    "Feedback",
    "FeedbackItem",
    "FeedbackPanel",
    "LabelExercise",
    "OrderingExercise",
    "SpanExercise",
    "SpanPicker",
    "StudentNameBox",
    "WrittenExercise",
    "export_box",
    "live_exercises",
    "snap_to_words",
    "span_feedback",
    "student_name_box",
]
