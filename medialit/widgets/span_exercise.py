"""SpanExercise: mark the passages of one layer (loaded terms, quotes, ...) in an article.

Three ways to mark, all ending in the same list: select words with the
mouse, move the keyboard word cursor and press Enter (both in the
``SpanPicker``), or type the words in a box (the accessible fallback; when
the words occur several times the student chooses which). Marks are
snapped to whole words, listed with a Remove button each, and saved after
every change. "Check my answer" compares them with the key's findings for
the same layer and paragraphs; "Show the key" lists what is left, with the
key's reasons, and highlights the key in the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ..findings import Finding, make_finding
from ..render import highlight
from ..spans import Span
from ..taxonomy import CATEGORIES, KEY_SECTIONS, LAYER_LABELS
from .base import Exercise, button, esc, markup, short
from .feedback import Feedback, FeedbackPanel, join_words, plural, span_feedback
from .span_picker import SpanPicker, snap_to_words

if TYPE_CHECKING:
    from ..answers import AnswerStore
    from ..article import Article
    from ..keys import Key

__all__ = ["SpanExercise", "MARK_CATEGORY"]

#: Category of a student's mark: the exercise asks *where*, not which category.
MARK_CATEGORY = "marked"


class SpanExercise(Exercise):
    """Mark passages of one layer; feedback against the key (hint first, then the key).

    ``key`` is a ``Key``, a list of ``Finding``s, or None (no feedback, but
    the marks are still saved). ``paragraphs`` (0-based indexes) limits the
    exercise to part of the article; the key is limited to the same part.
    """

    kind = "span"

    def __init__(
        self,
        article: Article,
        key: Key | Sequence[Finding] | None,
        layer: str,
        *,
        exercise: str,
        notebook: str,
        paragraphs: Iterable[int] | None = None,
        instructions: str = "",
        store: AnswerStore | None = None,
    ) -> None:
        layer = KEY_SECTIONS.get(layer, layer)
        if layer not in CATEGORIES:
            raise ValueError(f"unknown layer {layer!r}; choose one of: {', '.join(CATEGORIES)}")
        self.article = article
        self.layer = layer
        # what the key's passages are, in the feedback's words: a framing exercise marks hidden doers
        self.layer_label = "hidden doers" if layer == "framing" else LAYER_LABELS.get(layer, layer).lower()
        self._marks: list[tuple[int, int]] = []
        self._pending: list[Span] = []

        self.picker = SpanPicker(article, paragraphs, on_select=self.add_span, on_remove=self._remove_span)
        self.scope: list[int] = self.picker.scope
        self._scope_all = paragraphs is None
        self.expected: list[Finding] | None = self._expected(key)

        if not instructions:
            instructions = (
                f"Mark every passage you think belongs to <b>{esc(LAYER_LABELS.get(layer, layer))}</b>: "
                "select words in the article, or type them in the box below."
            )
            self.instructions = w.HTML(f"<p>{instructions}</p>")
        else:
            self.instructions = w.HTML(f"<p>{markup(instructions)}</p>")
        self.instructions.add_class("ml-instructions")

        self.find_box = w.Text(
            description="Type the words",
            placeholder="type the words you want to mark, then press Enter or Add",
            style={"description_width": "initial"},
            layout=w.Layout(width="34em"),
            # The value is sent when the student presses Enter or leaves the box, and that
            # message, which carries the words, is what marks them (see _on_committed).
            continuous_update=False,
        )
        self.find_box.add_class("ml-find")
        self._clearing = False
        self.find_box.observe(self._on_committed, names="value")
        self.add_button = button("Add", icon="plus", tooltip="Find these words in the article and mark them")
        self.add_button.add_class("ml-add")
        self.add_button.on_click(lambda _b: self._on_add_button())

        self.occurrence = w.Dropdown(
            description="Which one?", options=[], style={"description_width": "initial"}, layout=w.Layout(width="40em")
        )
        self.occurrence.add_class("ml-occurrence")
        self.add_occurrence_button = button("Add this one", tooltip="Mark the occurrence chosen")
        self.add_occurrence_button.add_class("ml-add-occurrence")
        self.add_occurrence_button.on_click(lambda _b: self.add_occurrence(self.occurrence.value))
        self.add_all_button = button("Add all", tooltip="Mark every occurrence")
        self.add_all_button.add_class("ml-add-all")
        self.add_all_button.on_click(lambda _b: self.add_occurrence(None))
        self.chooser = w.HBox(
            [self.occurrence, self.add_occurrence_button, self.add_all_button], layout=w.Layout(display="none")
        )

        self.message = w.HTML()
        self.message.add_class("ml-find-message")
        self.marks_heading = w.HTML()
        self.marks_list = w.VBox()
        self.marks_list.add_class("ml-marks")
        self._rows: list[tuple[w.HBox, w.HTML, w.Button]] = []

        self.panel = FeedbackPanel(
            self._check_feedback,
            self._key_feedback,
            on_change=self._panel_changed,
            unavailable="" if self.expected is not None else "no key",
        )
        children = [
            self.instructions,
            self.picker,
            w.HBox([self.find_box, self.add_button]),
            self.chooser,
            self.message,
            self.marks_heading,
            self.marks_list,
            self.panel,
        ]
        super().__init__(children, exercise=exercise, notebook=notebook, store=store)
        self._refresh()

    # ------------------------------------------------------------ the key
    def _expected(self, key: Key | Sequence[Finding] | None) -> list[Finding] | None:
        if key is None:
            return None
        from ..keys import Key

        found = key.layer(self.layer) if isinstance(key, Key) else [f for f in key if f.layer == self.layer]
        if self._scope_all:
            return found
        paras = [self.article.paragraphs[i] for i in self.scope]
        return [f for f in found if any(f.start < p.end and p.start < f.end for p in paras)]

    # ------------------------------------------------------------ the answer
    @property
    def spans(self) -> list[tuple[int, int]]:
        """The student's marks as (start, end) offsets into ``article.text``."""
        return list(self._marks)

    @property
    def findings(self) -> list[Finding]:
        """The student's marks as ``Finding``s (layer of the exercise, category "marked")."""
        who = self.student
        return [
            make_finding(self.article, s, e, self.layer, MARK_CATEGORY, note=f"Marked by {who}.", source=who)
            for s, e in self._marks
        ]

    def add_span(self, start: int, end: int) -> str:
        """Mark ``article.text[start:end]`` (snapped to whole words); returns what the student is told."""
        snapped = snap_to_words(self.article, start, end)
        if snapped is None:
            return self._say("Nothing to mark there: choose at least one word.")
        s, e = snapped
        if not self._in_scope(s, e):
            return self._say("That passage is outside the paragraphs of this exercise.")
        text = short(self.article.text[s:e], 60)
        for a, b in self._marks:
            if (a, b) == (s, e):
                return self._say(f"“{text}” is already marked.")
            if a <= s and e <= b:
                inner = short(self.article.text[a:b], 60)
                return self._say(
                    f"“{text}” is already inside your mark “{inner}”. Remove that mark first if you want a shorter one."
                )
        touching = [(a, b) for a, b in self._marks if a < e and s < b]
        if touching:
            s, e = min([s] + [a for a, _ in touching]), max([e] + [b for _, b in touching])
            self._marks = [m for m in self._marks if m not in touching]
            msg = f"Joined with your earlier mark into “{short(self.article.text[s:e], 60)}”."
        else:
            msg = f"Marked “{text}”{self._where(s)}."
        self._marks = sorted([*self._marks, (s, e)])
        return self._after_change(msg)

    def remove(self, index: int) -> str:
        """Remove the ``index``-th mark (0-based, in reading order)."""
        if not 0 <= index < len(self._marks):
            return self._say("That mark no longer exists.")
        s, e = self._marks.pop(index)
        return self._after_change(f"Removed “{short(self.article.text[s:e], 60)}”.")

    def _remove_span(self, start: int, end: int) -> None:
        if (start, end) in self._marks:
            self.remove(self._marks.index((start, end)))

    def clear(self) -> None:
        """Remove every mark."""
        self._marks = []
        self._after_change("All marks removed.")

    # ------------------------------------------------------------ typed fallback
    def find(self, words: str) -> tuple[list[Span], str]:
        """Where typed words occur in this exercise's paragraphs, and how they were matched.

        Exact whole words first; then quote marks and dashes compared
        loosely (``article.find``); then ignoring capitals and extra spaces.
        """
        words = " ".join(str(words).split())
        if not words:
            return [], ""
        how = ""
        hits = self.article.find_all(words)
        if not hits:
            hits = _loose_hits(self.article, words)
            how = "quote marks and dashes compared loosely" if hits else ""
        if not hits:
            hits = _relaxed_hits(self.article, words)
            how = "ignoring capitals and spacing" if hits else ""
        return [h for h in hits if self._in_scope(h.start, h.end)], how if hits else ""

    def add_text(self, words: str, occurrence: int | None = None) -> str:
        """What "Add" does: find the typed words and mark them (or ask which occurrence)."""
        words = " ".join(str(words).split())
        self._hide_chooser()
        if not words:
            return self._say("Type the words you want to mark first.")
        hits, how = self.find(words)
        if not hits:
            elsewhere = self.article.find_all(words) or _relaxed_hits(self.article, words)
            if elsewhere:
                paras = sorted({self.article.paragraph_index(h.start) for h in elsewhere} - {None})
                where = join_words([str(p + 1) for p in paras])
                return self._say(f"“{short(words, 60)}” is in paragraph {where}, which is not part of this exercise.")
            hint = self.article.closest(words)
            extra = f" The closest passage is “{short(hint, 80)}”: copy the words exactly as they are." if hint else ""
            return self._say(f"“{short(words, 60)}” is not in the article.{extra}")
        if occurrence is not None:
            if not 1 <= occurrence <= len(hits):
                return self._say(f"“{short(words, 60)}” occurs {plural(len(hits), 'time')} here, not {occurrence}.")
            hits = [hits[occurrence - 1]]
        if len(hits) == 1:
            msg = self.add_span(hits[0].start, hits[0].end)
            if how:
                msg = self._say(f"{msg} (found {how})")
            self._clear_box()
            return msg
        self._pending = hits
        self.occurrence.options = [(self._occurrence_label(k, h), k) for k, h in enumerate(hits, 1)]
        self.occurrence.value = 1
        self.chooser.layout.display = "flex"
        return self._say(
            f"“{short(words, 60)}” occurs {plural(len(hits), 'time')} in this part of the article. "
            "Choose which one in the list, then press “Add this one” (or “Add all”)."
        )

    def add_occurrence(self, k: int | None) -> str:
        """Mark the k-th (1-based) occurrence offered by the chooser, or all of them with None."""
        hits = self._pending if k is None else self._pending[k - 1 : k]
        if not hits:
            return self._say("Type the words again: the list of occurrences is out of date.")
        messages = [self.add_span(h.start, h.end) for h in hits]
        self._hide_chooser()
        self._clear_box()
        return self._say(messages[0] if len(messages) == 1 else f"Marked {plural(len(hits), 'occurrence')}.")

    def _occurrence_label(self, k: int, h: Span) -> str:
        text = self.article.text
        left = " ".join(text[max(0, h.start - 40) : h.start].split()[-5:])
        right = " ".join(text[h.end : h.end + 40].split()[:5])
        n = self.article.paragraph_index(h.start)
        where = f" (paragraph {n + 1})" if n is not None else ""
        return f"{k}. …{left} [{h.text}] {right}…{where}"

    def _hide_chooser(self) -> None:
        self._pending = []
        self.chooser.layout.display = "none"

    def _clear_box(self) -> None:
        self._clearing = True
        try:
            self.find_box.value = ""
        finally:
            self._clearing = False

    def _on_committed(self, change: dict[str, Any]) -> None:
        """Enter (or leaving the box) sent new words: mark them.

        Why not ipywidgets' ``on_submit``: the browser sends Enter at once but
        holds a text box's new value back while an earlier message is
        unanswered, so on a slow server (Binder) Enter could mark the words as
        they were a keystroke or two earlier. The committed value carries the
        words themselves, so it cannot be out of date.
        """
        if self._clearing or not str(change["new"]).strip():
            return
        self.add_text(change["new"])

    def _on_add_button(self) -> None:
        # Pressing "Add" first takes the focus from the box, which commits the words: usually they
        # are marked by _on_committed already and the box is empty. Words left in the box (not found
        # last time, or Add pressed again) are tried again.
        if self.find_box.value.strip():
            self.add_text(self.find_box.value)
        elif not self.spans:
            self._say("Type the words you want to mark in the box, then press Enter or Add.")

    # ------------------------------------------------------------ feedback
    def check(self) -> Feedback:
        """What "Check my answer" does (also callable from code)."""
        return self.panel.check()

    def reveal(self) -> Feedback:
        """What "Show the key" does."""
        return self.panel.reveal()

    def _check_feedback(self) -> Feedback:
        return span_feedback(self.article, self.findings, self.expected, layer_label=self.layer_label)

    def _key_feedback(self) -> Feedback:
        key_html = ""
        if self.expected:
            key_html = highlight(
                self.article,
                self.expected,
                paragraphs=None if self._scope_all else self.scope,
                numbers=True,
                title="The key",
            ).html
        return span_feedback(
            self.article, self.findings, self.expected, layer_label=self.layer_label, reveal=True, key_html=key_html
        )

    def _panel_changed(self) -> None:
        self.changed()

    # ------------------------------------------------------------ state
    def answer_state(self) -> dict[str, Any]:
        text = self.article.text
        return {
            "kind": self.kind,
            "article": self.article.slug,
            "layer": self.layer,
            "paragraphs": None if self._scope_all else list(self.scope),
            "marks": [{"start": s, "end": e, "text": text[s:e]} for s, e in self._marks],
            "checks": self.panel.checks,
            "revealed": self.panel.revealed,
        }

    def apply_answer_state(self, data: dict[str, Any]) -> None:
        marks, lost = [], []
        for m in data.get("marks", []):
            span = self._relocate(int(m["start"]), int(m["end"]), str(m["text"]))
            if span is None:
                lost.append(m["text"])
            elif span not in marks:
                marks.append(span)
        self._marks = sorted(marks)
        self.panel.restore(int(data.get("checks", 0)), bool(data.get("revealed", False)))
        self._refresh()
        if lost:
            self._say(
                f"{plural(len(lost), 'saved mark')} could not be found in the article any more "
                f"(it may have been edited): {', '.join('“' + short(t, 40) + '”' for t in lost)}."
            )

    def merge(self, base: Any, ours: Any, theirs: Any) -> Any:
        """Marks merge as sets: keep ours, add what the other kernel added, drop what it removed."""

        def spans(state: Any) -> set[tuple[int, int, str]]:
            if not isinstance(state, dict):
                return set()
            return {(m["start"], m["end"], m["text"]) for m in state.get("marks", [])}

        b, o, t = spans(base), spans(ours), spans(theirs)
        merged = (o | (t - b)) - (b - t)
        out = dict(ours)
        out["marks"] = [{"start": s, "end": e, "text": x} for s, e, x in sorted(merged)]
        if isinstance(theirs, dict):
            out["checks"] = max(int(ours.get("checks", 0)), int(theirs.get("checks", 0)))
            out["revealed"] = bool(ours.get("revealed")) or bool(theirs.get("revealed"))
        return out

    def _relocate(self, start: int, end: int, text: str) -> tuple[int, int] | None:
        """A saved mark, checked against the article; found again by its words if the text moved."""
        if 0 <= start <= end <= len(self.article.text) and self.article.text[start:end] == text:
            return (start, end) if self._in_scope(start, end) else None
        hits = [h for h in self.article.find_all(text) if self._in_scope(h.start, h.end)]
        if not hits:
            return None
        best = min(hits, key=lambda h: abs(h.start - start))
        return best.start, best.end

    # ------------------------------------------------------------ display
    def _in_scope(self, start: int, end: int) -> bool:
        if self._scope_all:
            return True
        return any(
            self.article.paragraphs[i].start <= start and end <= self.article.paragraphs[i].end for i in self.scope
        )

    def _where(self, offset: int) -> str:
        n = self.article.paragraph_index(offset)
        return f" in paragraph {n + 1}" if n is not None else ""

    def _say(self, text: str) -> str:
        self.message.value = f"<p class='ml-find-note' role='status'>{esc(text)}</p>"
        self.picker.announce(text)
        return text

    def _after_change(self, message: str) -> str:
        self._refresh()
        self.panel.mark_stale()
        self.changed()
        return self._say(message)

    def _refresh(self) -> None:
        self.picker.show(self._marks)
        n = len(self._marks)
        self.marks_heading.value = f"<b>Your marks ({n})</b>" if n else "<b>Your marks</b> <small>(none yet)</small>"
        while len(self._rows) < n:
            i = len(self._rows)
            label = w.HTML()
            remove = button("Remove", icon="times")
            remove.add_class("ml-remove")
            remove.on_click(lambda _b, i=i: self.remove(i))
            self._rows.append((w.HBox([label, remove]), label, remove))
        for (_row, label, remove), (s, e) in zip(self._rows, self._marks, strict=False):
            text = short(self.article.text[s:e], 90)
            n_para = self.article.paragraph_index(s)
            where = f" <small>(paragraph {n_para + 1})</small>" if n_para is not None else ""
            label.value = f"<q>{esc(text)}</q>{where}"
            remove.tooltip = f"Remove “{short(text, 40)}” from your marks"
        self.marks_list.children = [row for row, _l, _b in self._rows[:n]]


def _loose_hits(article: Article, words: str) -> list[Span]:
    """Occurrences with quote marks and dashes compared loosely (what ``article.find`` falls back to)."""
    hits = []
    k = 1
    while True:
        try:
            hits.append(article.find(words, k))
        except LookupError:
            return hits
        k += 1
        if k > 500:
            return hits


def _relaxed_hits(article: Article, words: str) -> list[Span]:
    """Case-insensitive, any run of spaces between words, whole words only."""
    parts = words.split()
    if not parts:
        return []
    pattern = r"\s+".join(re.escape(p) for p in parts)
    text = article.text
    out = []
    for m in re.finditer(pattern, text, re.IGNORECASE):
        a, b = m.start(), m.end()
        if (text[a].isalnum() and a > 0 and text[a - 1].isalnum()) or (
            text[b - 1].isalnum() and b < len(text) and text[b].isalnum()
        ):
            continue
        out.append(Span(a, b, text[a:b]))
    return out
