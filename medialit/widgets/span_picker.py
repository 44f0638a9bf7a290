"""The span picker: an article a student can mark by selecting words.

The browser side (``span_picker.js``, an anywidget ES module, no build step)
draws each paragraph as ``<p data-index data-start>`` using ``textContent``
only, so article text can never become markup. When the student selects
words with the mouse, or moves a word cursor with the keyboard and presses
Enter, it sends the selection as (paragraph, offset) pairs measured from a
DOM ``Range``.

Everything else happens here, in Python, where it can be tested without a
browser: JavaScript counts UTF-16 code units while ``article.text`` counts
code points, so offsets are converted per paragraph; selections are trimmed
and snapped to whole words; a selection across paragraphs becomes one mark
per paragraph (only the paragraphs on screen, so nothing hidden is marked).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anywidget
import traitlets as t

if TYPE_CHECKING:
    from ..article import Article
    from ..spans import Span

__all__ = ["SpanPicker", "Utf16Map", "snap_to_words", "utf16_to_index", "index_to_utf16"]

_HERE = Path(__file__).resolve().parent

HELP = (
    "Select words with the mouse to mark them. Keyboard: press Tab to reach the article, "
    "then the arrow keys move between words (up and down: paragraphs), Shift with an arrow "
    "extends the selection, Enter marks it, Delete removes the mark under the cursor."
)


def index_to_utf16(text: str, index: int) -> int:
    """Code-point index -> UTF-16 offset (what JavaScript's string offsets count)."""
    return Utf16Map(text).to_utf16(index)


def utf16_to_index(text: str, offset: int) -> int:
    """UTF-16 offset from the browser -> code-point index into ``text`` (clamped to the text).

    An offset that falls inside a surrogate pair (half a character) moves to
    the start of that character.
    """
    return Utf16Map(text).to_index(offset)


class Utf16Map:
    """Converts between code-point indexes and UTF-16 offsets for one paragraph.

    Text without characters beyond U+FFFF (nearly all news text) needs no
    table: the two counts agree. Otherwise a prefix table makes each
    conversion a lookup or a bisection.
    """

    def __init__(self, text: str) -> None:
        self.n = len(text)
        self.units: list[int] | None = None
        if not all(ord(c) <= 0xFFFF for c in text):
            units, total = [0], 0
            for c in text:
                total += 2 if ord(c) > 0xFFFF else 1
                units.append(total)
            self.units = units

    def to_utf16(self, index: int) -> int:
        index = max(0, min(index, self.n))
        return index if self.units is None else self.units[index]

    def to_index(self, offset: int) -> int:
        if offset <= 0:
            return 0
        if self.units is None:
            return min(offset, self.n)
        return max(0, bisect_right(self.units, offset) - 1)


def snap_to_words(article: Article, start: int, end: int) -> tuple[int, int] | None:
    """Trim a raw selection to its words: drop outer spaces, complete half-selected words.

    Returns None when nothing with a letter or digit is left (a stray click,
    a selected space or a lone comma).
    """
    text = article.text
    start, end = sorted((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    tokens = article.tokens
    first = tokens.at(start)
    if first is not None and first.start < start:
        start = first.start
    last = tokens.at(end - 1)
    if last is not None and last.end > end:
        end = last.end
    if not any(c.isalnum() for c in text[start:end]):
        return None
    return start, end


class SpanPicker(anywidget.AnyWidget):
    """The marking surface of a ``SpanExercise`` (usable on its own).

    ``on_select(start, end)`` is called with word-snapped offsets into
    ``article.text`` for each paragraph a selection covers;
    ``on_remove(start, end)`` when the student presses Delete on a mark.
    ``show(spans)`` draws the current marks.
    """

    _esm = _HERE / "span_picker.js"
    _css = _HERE / "span_picker.css"

    paragraphs = t.List(t.Dict()).tag(sync=True)
    marks = t.List(t.List()).tag(sync=True)
    notice = t.Dict().tag(sync=True)
    label = t.Unicode("Article").tag(sync=True)
    title = t.Unicode("").tag(sync=True)
    help = t.Unicode(HELP).tag(sync=True)

    def __init__(
        self,
        article: Article,
        paragraphs: Iterable[int] | None = None,
        *,
        on_select: Callable[[int, int], Any] | None = None,
        on_remove: Callable[[int, int], Any] | None = None,
        label: str = "Article: select words to mark them",
        show_title: bool = True,
    ) -> None:
        self.article = article
        n = len(article.paragraphs)
        wanted = range(n) if paragraphs is None else sorted(set(paragraphs))
        bad = [i for i in wanted if not 0 <= i < n]
        if bad:
            raise ValueError(f"paragraph index {bad[0]} does not exist: this article has {n} (0 to {n - 1})")
        self.scope: list[int] = list(wanted)
        self._paras: dict[int, Span] = {i: article.paragraphs[i] for i in self.scope}
        self._maps: dict[int, Utf16Map] = {i: Utf16Map(p.text) for i, p in self._paras.items()}
        self._marks_abs: list[tuple[int, int]] = []
        self.on_select = on_select
        self.on_remove = on_remove
        self._notices = 0
        super().__init__(
            paragraphs=[self._paragraph_payload(i) for i in self.scope],
            label=label,
            title=(article.title or "") if show_title else "",
        )
        self.add_class("ml-picker-widget")
        self.on_msg(self._handle_message)

    def _paragraph_payload(self, i: int) -> dict[str, Any]:
        p, m = self._paras[i], self._maps[i]
        words = [
            [m.to_utf16(s.start - p.start), m.to_utf16(s.end - p.start)]
            for s in self.article.tokens.within(p.start, p.end)
            if any(c.isalnum() for c in s.text)
        ]
        return {"index": i, "n": i + 1, "start": p.start, "text": p.text, "words": words}

    # ------------------------------------------------------------ from the browser
    def _handle_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        try:
            if content.get("type") == "select":
                self.select(
                    int(content["start_para"]), int(content["start"]), int(content["end_para"]), int(content["end"])
                )
            elif content.get("type") == "remove_at":
                self.remove_at(int(content["para"]), int(content["offset"]))
        except (KeyError, TypeError, ValueError):
            self.announce("That selection could not be read; please try again, or type the words in the box.")

    def offset(self, para: int, utf16: int) -> int:
        """Absolute offset into ``article.text`` of a browser position (paragraph index, UTF-16 offset)."""
        if para not in self._paras:
            raise ValueError(f"paragraph {para} is not shown in this picker")
        return self._paras[para].start + self._maps[para].to_index(utf16)

    def select(self, start_para: int, start: int, end_para: int, end: int) -> list[tuple[int, int]]:
        """Handle a selection from the browser; returns the word-snapped spans passed to ``on_select``."""
        if (end_para, end) < (start_para, start):
            start_para, start, end_para, end = end_para, end, start_para, start
        shown = [i for i in self.scope if start_para <= i <= end_para]
        spans = []
        for i in shown:
            p = self._paras[i]
            a = self.offset(i, start) if i == start_para else p.start
            b = self.offset(i, end) if i == end_para else p.end
            snapped = snap_to_words(self.article, a, b)
            if snapped is not None:
                spans.append(snapped)
        if not spans:
            self.announce("Nothing to mark there: select at least one word.")
        for s, e in spans:
            if self.on_select is not None:
                self.on_select(s, e)
        return spans

    def remove_at(self, para: int, utf16: int) -> None:
        """Handle Delete on the keyboard cursor: remove the mark under it, if any."""
        pos = self.offset(para, utf16)
        for s, e in self._marks_abs:
            if s <= pos < e:
                if self.on_remove is not None:
                    self.on_remove(s, e)
                return
        self.announce("There is no mark under the cursor.")

    # ------------------------------------------------------------ to the browser
    def show(self, spans: Iterable[tuple[int, int]]) -> None:
        """Draw these marks (absolute offsets), clipped to the paragraphs on screen."""
        spans = [(int(s), int(e)) for s, e in spans]
        out = []
        for k, (s, e) in enumerate(spans):
            for i in self.scope:
                p, m = self._paras[i], self._maps[i]
                a, b = max(s, p.start), min(e, p.end)
                if a < b:
                    out.append([i, m.to_utf16(a - p.start), m.to_utf16(b - p.start), k])
        self._marks_abs = spans
        self.marks = out

    def announce(self, text: str) -> None:
        """Say something in the picker's live region (screen readers read it out)."""
        self._notices += 1
        self.notice = {"text": text, "n": self._notices}
