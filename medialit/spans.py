"""Character spans: the one coordinate system of the kit.

Everything the kit points at (a paragraph, a token, a quote, a student's
mark) is a half-open range ``[start, end)`` of ``article.text``. Keeping the
text beside the offsets makes every object self-checking:
``article.text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol


class HasSpan(Protocol):
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text."""

    start: int
    end: int
    text: str

    def __len__(self) -> int:
        return self.end - self.start


def overlap(a: HasSpan, b: HasSpan) -> int:
    """Number of characters two spans share (0 when they do not touch)."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def overlaps(a: HasSpan, b: HasSpan) -> bool:
    """True when the spans share at least one character."""
    return overlap(a, b) > 0


def contains(outer: HasSpan, inner: HasSpan) -> bool:
    """True when ``inner`` lies wholly inside ``outer``."""
    return outer.start <= inner.start and inner.end <= outer.end


def index_at(spans: Sequence[HasSpan], offset: int) -> int | None:
    """Index of the span (in a sorted, non-overlapping list) that holds ``offset``.

    Uses bisection, so analyzers can ask "which sentence is this in?" for
    every finding without a quadratic scan.
    """
    i = bisect_right(spans, offset, key=lambda s: s.start) - 1
    if i >= 0 and spans[i].start <= offset < spans[i].end:
        return i
    return None


class SpanList(list):
    """A sorted list of non-overlapping spans with fast offset lookup."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        super().__init__(spans)
        self._starts = [s.start for s in self]

    def at(self, offset: int) -> Span | None:
        """The span that holds ``offset``, or None if it falls between spans."""
        i = self.index_at(offset)
        return None if i is None else self[i]

    def index_at(self, offset: int) -> int | None:
        """Index of the span that holds ``offset``, or None."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self[i].start <= offset < self[i].end:
            return i
        return None

    def within(self, start: int, end: int) -> list[Span]:
        """Spans that overlap ``[start, end)``, in order."""
        i = max(0, bisect_right(self._starts, start) - 1)
        out = []
        while i < len(self) and self[i].start < end:
            if self[i].end > start:
                out.append(self[i])
            i += 1
        return out
