"""LabelExercise: label each passage (who is speaking? which kind of quote?) with dropdowns.

Each item is a ``Finding`` (usually a quote), shown in its sentence, with one
dropdown per field. Feedback is per item: first only whether each label
agrees with the key (so the student looks again), then, with "Show the
key", the key's labels and its reason for each item.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from .base import Exercise, esc, short
from .feedback import Feedback, FeedbackItem, FeedbackPanel, join_words, plural

if TYPE_CHECKING:
    from ..answers import AnswerStore
    from ..article import Article
    from ..findings import Finding

__all__ = ["LabelExercise", "CANNOT_TELL"]

#: The option that stands for a key value of None ("nobody can tell who said it").
CANNOT_TELL = "(cannot tell)"


def _field_label(field: str) -> str:
    return field.replace("_", " ").capitalize()


class LabelExercise(Exercise):
    """``fields`` maps a field name to its options, e.g. ``{"speaker": [...], "kind": [...]}``.

    ``expected`` is a list (one dict per item) with the right value per field
    and a ``"why"``. Without it, items that come from the key (``source ==
    "key"``, e.g. ``key.quotes()``) supply their own values (``item.speaker``,
    ``item.kind``) and their note as the reason; otherwise there is no
    feedback, but the labels are still saved.
    """

    kind = "labels"

    def __init__(
        self,
        article: Article,
        items: Sequence[Finding],
        fields: Mapping[str, Sequence[str]],
        *,
        exercise: str,
        notebook: str,
        expected: Sequence[Mapping[str, Any]] | None = None,
        store: AnswerStore | None = None,
    ) -> None:
        self.article = article
        self.items = list(items)
        if not self.items:
            raise ValueError("a labelling exercise needs at least one item")
        if not fields:
            raise ValueError("give at least one field, e.g. {'speaker': ['Grushko', 'the reporter']}")
        self.fields: dict[str, list[str]] = {name: [str(o) for o in opts] for name, opts in fields.items()}
        self.expected = self._expected(expected)

        self.dropdowns: list[dict[str, w.Dropdown]] = []
        self.item_feedback: list[w.HTML] = []
        rows = []
        for n, item in enumerate(self.items, 1):
            drops = {}
            for name, options in self.fields.items():
                d = w.Dropdown(
                    options=options,
                    value=None,
                    description=_field_label(name),
                    style={"description_width": "initial"},
                    layout=w.Layout(width="auto"),
                )
                d.add_class(f"ml-label-{name}")
                d.observe(self._on_change, names="value")
                drops[name] = d
            self.dropdowns.append(drops)
            fb = w.HTML()
            fb.add_class("ml-item-feedback")
            self.item_feedback.append(fb)
            head = w.HTML(self._item_html(n, item))
            box = w.VBox([head, w.HBox(list(drops.values())), fb])
            box.add_class("ml-label-item")
            rows.append(box)
        self.panel = FeedbackPanel(
            self._check_feedback,
            self._key_feedback,
            on_change=self.changed,
            unavailable="" if self.expected is not None else "no key",
        )
        intro = w.HTML(
            f"<p>For each passage, choose the {esc(join_words([_field_label(f).lower() for f in self.fields]))}.</p>"
        )
        super().__init__([intro, *rows, self.panel], exercise=exercise, notebook=notebook, store=store)

    def _expected(self, expected: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]] | None:
        if expected is None:
            if not all(getattr(i, "source", "") == "key" for i in self.items):
                return None
            expected = [
                {**{f: getattr(i, f, None) for f in self.fields}, "why": getattr(i, "note", "")} for i in self.items
            ]
        expected = [dict(e) for e in expected]
        if len(expected) != len(self.items):
            raise ValueError(f"expected has {len(expected)} entries for {len(self.items)} items: give one per item")
        for n, e in enumerate(expected, 1):
            for f, options in self.fields.items():
                if f not in e:
                    raise ValueError(f"expected entry {n} has no value for {f!r}")
                if e[f] is None:
                    e[f] = CANNOT_TELL
                    if CANNOT_TELL not in options:
                        options.append(CANNOT_TELL)
                if str(e[f]) not in options:
                    raise ValueError(f"expected entry {n}: {e[f]!r} is not one of the {f} options {options}")
                e[f] = str(e[f])
            e.setdefault("why", "")
        return expected

    def _item_html(self, n: int, item: Finding) -> str:
        sentence = self.article.sentence_at(item.start)
        para = self.article.paragraph_index(item.start)
        where = f" <small>(paragraph {para + 1})</small>" if para is not None else ""
        if sentence is not None and sentence.start <= item.start and item.end <= sentence.end and len(sentence) < 600:
            text = self.article.text
            context = (
                esc(text[sentence.start : item.start])
                + f"<mark>{esc(item.text)}</mark>"
                + esc(text[item.end : sentence.end])
            )
        else:
            context = f"<mark>{esc(short(item.text, 300))}</mark>"
        return f"<p class='ml-label-head'><b>{n}.</b> {context}{where}</p>"

    # ------------------------------------------------------------ answer
    @property
    def labels(self) -> list[dict[str, str | None]]:
        """The student's label for each item and field (None where not chosen yet)."""
        return [{f: d.value for f, d in drops.items()} for drops in self.dropdowns]

    def set_label(self, item: int, field: str, value: str | None) -> None:
        """Choose a label (what the dropdown does); ``item`` is 0-based."""
        if field not in self.fields:
            raise KeyError(f"no field {field!r}; fields: {', '.join(self.fields)}")
        self.dropdowns[item][field].value = value

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

    def _comparison(self) -> list[tuple[list[str], list[str], list[str]]]:
        """Per item: (fields that agree, fields that differ, fields not answered)."""
        assert self.expected is not None
        out = []
        for chosen, exp in zip(self.labels, self.expected, strict=True):
            agree = [f for f in self.fields if chosen[f] is not None and chosen[f] == exp[f]]
            differ = [f for f in self.fields if chosen[f] is not None and chosen[f] != exp[f]]
            empty = [f for f in self.fields if chosen[f] is None]
            out.append((agree, differ, empty))
        return out

    def _check_feedback(self) -> Feedback:
        if self.expected is None:
            for fb in self.item_feedback:
                fb.value = ""
            return Feedback(
                "There is no key for these passages, so the kit cannot compare your labels with one.",
                hint="Your labels are saved; compare them with a classmate's.",
            )
        items = []
        total = len(self.items) * len(self.fields)
        agree_n = 0
        for n, (item, (agree, differ, empty), exp) in enumerate(
            zip(self.items, self._comparison(), self.expected, strict=True), 1
        ):
            agree_n += len(agree)
            label = f"{n}. {short(item.text, 70)}"
            if empty and not agree and not differ:
                status, detail, why = "unanswered", "not labelled yet", ""
            elif differ:
                status = "wrong"
                detail = f"look again at the {join_words([_field_label(f).lower() for f in differ])}"
                why = ""
            elif empty:
                status, detail, why = "unanswered", f"still to choose: {join_words(empty)}", ""
            else:
                status, detail, why = "right", "your labels agree with the key", exp.get("why", "")
            items.append(FeedbackItem(status, label, why, detail=detail))
            self.item_feedback[n - 1].value = _item_note(status, detail, why)
        summary = f"{agree_n} of {plural(total, 'label')} agree with the key."
        if agree_n == total:
            summary = f"All {total} of your labels agree with the key; read its reasons below."
        differ_items = [str(n) for n, (_a, d, _e) in enumerate(self._comparison(), 1) if d]
        hint = ""
        if differ_items:
            hint = (
                f"Look again at passage {join_words(differ_items)}: read the sentence around it and ask who is "
                "speaking and how the words are presented. Then press “Show the key”."
            )
        return Feedback(summary, tuple(items), hint, counts={"agree": agree_n, "total": total})

    def _key_feedback(self) -> Feedback:
        assert self.expected is not None
        items = []
        for n, (item, chosen, exp) in enumerate(zip(self.items, self.labels, self.expected, strict=True), 1):
            key_vals = "; ".join(f"{_field_label(f).lower()}: {exp[f]}" for f in self.fields)
            diffs = [
                f"{_field_label(f).lower()}: "
                + ("you did not choose yet" if chosen[f] is None else f"you chose {chosen[f]}")
                for f in self.fields
                if chosen[f] != exp[f]
            ]
            status = "right" if not diffs else "wrong"
            if any(chosen[f] is None for f in self.fields) and not any(
                chosen[f] not in (None, exp[f]) for f in self.fields
            ):
                status = "unanswered"
            detail = f"the key: {key_vals}" + (f" ({'; '.join(diffs)})" if diffs else "")
            items.append(FeedbackItem(status, f"{n}. {short(item.text, 70)}", exp.get("why", ""), detail=detail))
            self.item_feedback[n - 1].value = _item_note(status, detail, exp.get("why", ""))
        return Feedback("The key's labels, with its reasons.", tuple(items))

    # ------------------------------------------------------------ state
    def answer_state(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "items": [i.text for i in self.items],
            "labels": self.labels,
            "checks": self.panel.checks,
            "revealed": self.panel.revealed,
        }

    def apply_answer_state(self, data: dict[str, Any]) -> None:
        texts = [i.text for i in self.items]
        saved_texts = data.get("items") or texts
        labels = data.get("labels", [])
        for saved_text, chosen in zip(saved_texts, labels, strict=False):
            if saved_text not in texts or not isinstance(chosen, dict):
                continue
            k = texts.index(saved_text)
            for f, d in self.dropdowns[k].items():
                value = chosen.get(f)
                d.value = value if value in self.fields[f] else None
        self.panel.restore(int(data.get("checks", 0)), bool(data.get("revealed", False)))


def _item_note(status: str, detail: str, why: str) -> str:
    sym = {"right": "✓", "wrong": "✗", "unanswered": "…"}.get(status, "•")
    out = f"<small class='ml-fb-{esc(status)}'><span aria-hidden='true'>{sym}</span> {esc(detail)}"
    if why:
        out += f"<br>Why: {esc(why)}"
    return out + "</small>"
