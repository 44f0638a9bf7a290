"""OrderingExercise: put items in order (the steps of a text's journey, claims by strength, ...).

Each item has "Up" and "Down" buttons, so the exercise works from the
keyboard and with a screen reader (drag and drop would not). The check
counts items in the key's place and, as a hint, names the first position
that differs; "Show the key" gives the key's order with the explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ..answers import Unmerged
from .base import Exercise, button, esc, markup, short
from .feedback import Feedback, FeedbackItem, FeedbackPanel, plural

if TYPE_CHECKING:
    from ..answers import AnswerStore

__all__ = ["OrderingExercise"]


class OrderingExercise(Exercise):
    """``items`` in the order they are first shown; ``correct_order`` as items or as indexes into ``items``.

    When ``items`` are already in the right order they are shown reversed,
    so the exercise never starts solved.
    """

    kind = "ordering"

    def __init__(
        self,
        prompt: str,
        items: Sequence[str],
        correct_order: Sequence[str] | Sequence[int],
        *,
        exercise: str,
        notebook: str,
        explanation: str = "",
        store: AnswerStore | None = None,
    ) -> None:
        self.items = [str(x) for x in items]
        if len(self.items) < 2:
            raise ValueError("an ordering exercise needs at least two items")
        if len(set(self.items)) != len(self.items):
            raise ValueError("items must all be different, so the order is unambiguous")
        self.correct = _as_indexes(self.items, correct_order)
        self.prompt_text = prompt
        self.explanation = explanation
        start = list(range(len(self.items)))
        if start == self.correct:
            start.reverse()
        self.order: list[int] = start
        self.prompt = w.HTML(f"<p class='ml-question'><b>{markup(prompt)}</b></p>")
        self.rows: list[tuple[w.HBox, w.HTML, w.Button, w.Button]] = []
        for pos in range(len(self.items)):
            label = w.HTML()
            up = button("Up", icon="arrow-up")
            down = button("Down", icon="arrow-down")
            up.add_class("ml-move-up")
            down.add_class("ml-move-down")
            up.on_click(lambda _b, pos=pos: self.move(pos, -1))
            down.on_click(lambda _b, pos=pos: self.move(pos, +1))
            row = w.HBox([up, down, label])
            row.add_class("ml-order-item")
            self.rows.append((row, label, up, down))
        self.list = w.VBox([r[0] for r in self.rows])
        self.list.add_class("ml-order")
        self.panel = FeedbackPanel(self._check_feedback, self._key_feedback, on_change=self.changed)
        super().__init__([self.prompt, self.list, self.panel], exercise=exercise, notebook=notebook, store=store)
        self._draw()

    @property
    def current(self) -> list[str]:
        """The items in the student's current order."""
        return [self.items[i] for i in self.order]

    def move(self, position: int, step: int) -> None:
        """Move the item at ``position`` (0-based) up (-1) or down (+1)."""
        target = position + step
        if not (0 <= position < len(self.order) and 0 <= target < len(self.order)):
            return
        self.order[position], self.order[target] = self.order[target], self.order[position]
        self._draw()
        self.panel.mark_stale()
        self.changed()

    def set_order(self, order: Sequence[str] | Sequence[int]) -> None:
        """Put the items in this order (items or indexes)."""
        self.order = _as_indexes(self.items, order)
        self._draw()
        self.panel.mark_stale()
        self.changed()

    def _draw(self) -> None:
        n = len(self.order)
        for pos, ((_row, label, up, down), i) in enumerate(zip(self.rows, self.order, strict=True)):
            label.value = f"<span class='ml-order-pos'>{pos + 1}.</span> {esc(self.items[i])}"
            up.disabled = pos == 0
            down.disabled = pos == n - 1
            up.tooltip = f"Move “{short(self.items[i], 40)}” up (now {pos + 1} of {n})"
            down.tooltip = f"Move “{short(self.items[i], 40)}” down (now {pos + 1} of {n})"

    # ------------------------------------------------------------ feedback
    def check(self) -> Feedback:
        return self.panel.check()

    def reveal(self) -> Feedback:
        return self.panel.reveal()

    def _check_feedback(self) -> Feedback:
        n = len(self.order)
        in_place = [pos for pos in range(n) if self.order[pos] == self.correct[pos]]
        rank = {item: r for r, item in enumerate(self.correct)}
        pairs = sum(1 for a in range(n) for b in range(a + 1, n) if rank[self.order[a]] < rank[self.order[b]])
        total_pairs = n * (n - 1) // 2
        if len(in_place) == n:
            return Feedback(
                "Your order is the same as the key's.",
                hint="Press “Show the key” to read why this is the order.",
                counts={"in_place": n, "n": n},
            )
        first_wrong = next(pos for pos in range(n) if self.order[pos] != self.correct[pos])
        items = tuple(
            FeedbackItem("right", self.items[self.order[pos]], where=f"position {pos + 1}") for pos in in_place
        )
        return Feedback(
            f"{len(in_place)} of {plural(n, 'item')} {'is' if len(in_place) == 1 else 'are'} where the key puts "
            f"{'it' if len(in_place) == 1 else 'them'}; {pairs} of {total_pairs} pairs are in the key's order.",
            items,
            hint=f"Look again from position {first_wrong + 1} on: “{short(self.items[self.order[first_wrong]], 60)}”.",
            counts={"in_place": len(in_place), "n": n, "pairs": pairs},
        )

    def _key_feedback(self) -> Feedback:
        items = tuple(
            FeedbackItem(
                "right" if self.order[pos] == i else "note",
                self.items[i],
                where=f"position {pos + 1}",
                detail="" if self.order[pos] == i else f"you have it at position {self.order.index(i) + 1}",
            )
            for pos, i in enumerate(self.correct)
        )
        return Feedback("The key's order:", items, hint="", scope=self.explanation)

    # ------------------------------------------------------------ state
    def answer_state(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "order": [self.items[i] for i in self.order],
            "checks": self.panel.checks,
            "revealed": self.panel.revealed,
        }

    def apply_answer_state(self, data: dict[str, Any]) -> None:
        saved = [x for x in data.get("order", []) if x in self.items]
        rest = [x for x in self.items if x not in saved]
        if len(set(saved)) == len(saved):
            self.order = [self.items.index(x) for x in saved + rest]
        self._draw()
        self.panel.restore(int(data.get("checks", 0)), bool(data.get("revealed", False)))

    def merge(self, base: Any, ours: Any, theirs: Any) -> Any:
        """Two orders cannot be combined item by item: take the one that changed; if both did, ours
        wins and theirs is kept as a conflict copy."""
        if not isinstance(theirs, dict):
            return ours
        out = dict(ours)
        out["checks"] = max(int(ours.get("checks", 0)), int(theirs.get("checks", 0)))
        out["revealed"] = bool(ours.get("revealed")) or bool(theirs.get("revealed"))
        base_order = base.get("order") if isinstance(base, dict) else None
        if ours.get("order") == base_order:
            out["order"] = theirs.get("order", ours.get("order"))
        elif theirs.get("order") not in (base_order, ours.get("order")):
            return Unmerged(out)
        return out


def _as_indexes(items: list[str], order: Sequence[str] | Sequence[int]) -> list[int]:
    order = list(order)
    if all(isinstance(x, int) and not isinstance(x, bool) for x in order):
        idx = [int(x) for x in order]
    else:
        missing = [x for x in order if x not in items]
        if missing:
            raise ValueError(f"{missing[0]!r} is not one of the items")
        idx = [items.index(str(x)) for x in order]
    if sorted(idx) != list(range(len(items))):
        raise ValueError("the order must name every item exactly once")
    return idx
