"""Quote marks: which characters open a quotation, which close it, and which are apostrophes.

A careful reader pairs quote marks by *where they stand*, not by their
shape: a mark with a space before it and a word after it opens; a mark
glued to the end of a word, followed by a space or punctuation, closes.
Machine translation and copy-paste break the shapes (an opening ``“`` used
as a closing mark, a French ``”`` after a space, a closing mark left out),
but the positions usually still tell. This module applies that reading, one
paragraph at a time, in a single left-to-right pass (linear time):

* double marks ``" “ ” „ ‟ « »`` form one family, single marks
  ``' ‘ ’ ‚ ‛ ‹ ›`` another; a quotation inside a quotation uses the
  other family, so the two are tracked separately (nested quotes);
* a single mark between two letters (``NATO's``, ``won't``) or before a
  digit (``'90s``) is an apostrophe; ``dogs'`` is a possessive unless a
  single quotation is open and nothing else closes it;
* a mark that stands like a closing mark closes the open quotation, whatever
  its shape ("a mark used the wrong way round");
* a quotation still open at the end of a paragraph either continues (the
  news convention: the next paragraph starts with an opening mark) or lost
  its closing mark; then it ends before a trailing attribution ("... said the
  diplomat.") when there is one, else at the paragraph end;
* an opening mark while a quotation is open means the first one lost its
  closing mark (unless the mark stands like a closing one).

The result is a list of ``Stretch`` objects: where the marks are, where the
words inside them are, and flags that say what had to be repaired. Deciding
*who* speaks and *what kind* of quote it is happens elsewhere
(``medialit.attribution`` and ``medialit.quotes``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .spans import Span

__all__ = [
    "DOUBLE_MARKS",
    "QUOTE_MARKS",
    "SINGLE_MARKS",
    "Stretch",
    "find_stretches",
    "is_quote_mark",
]

#: Marks whose shape says "opening" in English typography (or German „).
OPENING_SHAPES = frozenset("“„‟«‘‚‛‹")
#: Marks whose shape says "closing".
CLOSING_SHAPES = frozenset("”»’›")
#: Straight marks: the shape says nothing, only the position does.
EITHER_SHAPES = frozenset("\"'＂")

DOUBLE_MARKS = frozenset('"“”„‟«»＂')
SINGLE_MARKS = frozenset("'‘’‚‛‹›")
QUOTE_MARKS = DOUBLE_MARKS | SINGLE_MARKS

_MARK_RE = re.compile("[" + re.escape("".join(sorted(QUOTE_MARKS))) + "]")

#: Characters after which a mark can open a quotation ("(“...", "– “...").
_OPEN_AFTER = frozenset("([{<—–-/:") | QUOTE_MARKS
#: Characters before which a mark can close a quotation ("...”,", "...”.").
_CLOSE_BEFORE = frozenset(".,;:!?)]}>—–-/…") | QUOTE_MARKS
#: Letters that end a plural possessive (dogs', Jones', Marx').
_POSSESSIVE_END = frozenset("sSzZxX")

#: A function that, given the text of a paragraph after an opening mark,
#: returns the offset (within that text) where a trailing attribution such
#: as "said the diplomat." begins, or None. Supplied by the attribution rules.
TailFinder = Callable[[str], "int | None"]


def is_quote_mark(ch: str) -> bool:
    """True for any character the kit treats as a quote mark or apostrophe."""
    return ch in QUOTE_MARKS


@dataclass(frozen=True, slots=True)
class Stretch:
    """One quoted stretch found by pairing marks.

    ``open_at``/``close_at`` are the offsets of the marks (None when the mark
    is missing); ``start``/``end`` the words between them, trimmed of spaces
    and of a trailing comma. ``family`` is "double" or "single"; ``depth`` is
    0 for a quotation and 1 for a quotation inside another. ``flags`` records
    repairs: ``missing_close``, ``missing_open``, ``wrong_way`` (a mark whose
    shape says the opposite of its job), ``continues`` (runs on into the next
    paragraph), ``continued`` (carries on from the previous paragraph),
    ``french_spacing`` (a space between a mark and the words).
    """

    start: int
    end: int
    open_at: int | None
    close_at: int | None
    family: str
    paragraph: int
    depth: int = 0
    flags: frozenset[str] = frozenset()

    @property
    def outer_start(self) -> int:
        """Offset of the opening mark, or of the words when the mark is missing."""
        return self.open_at if self.open_at is not None else self.start

    @property
    def outer_end(self) -> int:
        """Offset just past the closing mark, or past the words when it is missing."""
        return self.close_at + 1 if self.close_at is not None else self.end


def _is_space(ch: str | None) -> bool:
    return ch is None or ch.isspace()


def _opens_here(prev: str | None, nxt: str | None) -> bool:
    """Stands like an opening mark: space (or bracket, dash) before, a word after."""
    if _is_space(nxt) or nxt in ",.;:!?":
        return False
    return _is_space(prev) or prev in _OPEN_AFTER


def _closes_here(prev: str | None, nxt: str | None) -> bool:
    """Stands like a closing mark: glued to a word before, space or punctuation after."""
    if _is_space(prev):
        return False
    return _is_space(nxt) or nxt in _CLOSE_BEFORE


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past spaces, and past a trailing comma (", he said")."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _has_word(text: str, start: int, end: int) -> bool:
    return any(c.isalnum() for c in text[start:end])


class _Paragraph:
    """Pairing state for one paragraph (one pass, left to right)."""

    def __init__(self, text: str, para: Span, index: int, tail: TailFinder | None) -> None:
        self.text = text
        self.para = para
        self.index = index
        self.tail = tail
        self.out: list[Stretch] = []
        self.open_double: tuple[int, frozenset[str]] | None = None
        self.open_single: tuple[int, frozenset[str]] | None = None
        self.possessive_candidate: int | None = None  # last "s'" seen while a single quote was open
        self.free_from = para.start  # where a quote with a missing opening mark may start

    # -- emitting ----------------------------------------------------------
    def emit(self, open_at: int | None, close_at: int | None, family: str, flags: set[str], end: int | None = None):
        text = self.text
        start = open_at + 1 if open_at is not None else self.free_from
        stop = close_at if close_at is not None else (end if end is not None else self.para.end)
        s, e = _trim(text, start, stop)
        if e <= s or not _has_word(text, s, e):
            return
        if family == "single" and e - s <= 2:
            return  # rock 'n' roll: elisions, not a quotation
        if open_at is not None and open_at + 1 < len(text) and text[open_at + 1] == " ":
            flags.add("french_spacing")
        if close_at is not None and close_at > 0 and text[close_at - 1] == " ":
            flags.add("french_spacing")
        self.out.append(Stretch(s, e, open_at, close_at, family, self.index, 0, frozenset(flags)))
        self.free_from = (close_at + 1) if close_at is not None else e

    def close_missing(self, open_at: int, flags: frozenset[str], family: str, limit: int) -> None:
        """A quotation whose closing mark is missing: end it before a trailing attribution, or at ``limit``."""
        end = limit
        if self.tail is not None:
            cut = self.tail(self.text[open_at + 1 : limit])
            if cut is not None:
                end = open_at + 1 + cut
        self.emit(open_at, None, family, set(flags) | {"missing_close"}, end=end)

    # -- the pass ------------------------------------------------------------
    def feed(self, i: int) -> None:
        text = self.text
        ch = text[i]
        prev = text[i - 1] if i > self.para.start else None
        nxt = text[i + 1] if i + 1 < self.para.end else None
        if ch in SINGLE_MARKS:
            self._single(i, ch, prev, nxt)
        else:
            self._double(i, ch, prev, nxt)

    def _double(self, i: int, ch: str, prev: str | None, nxt: str | None) -> None:
        opens, closes = _opens_here(prev, nxt), _closes_here(prev, nxt)
        if self.open_double is None:
            if opens or (not closes and ch not in CLOSING_SHAPES):
                flags = {"wrong_way"} if ch in CLOSING_SHAPES and opens else set()
                self.open_double = (i, frozenset(flags))
            else:
                # A closing mark with nothing open: the opening mark is missing.
                self.emit(None, i, "double", {"missing_open"})
                self._drop_single_inside(i)
            return
        start, flags = self.open_double
        if opens and not closes:
            # A mark that stands like an opening one: the open quotation lost its closing mark.
            self._drop_single_inside(i)
            self.close_missing(start, flags, "double", i)
            self.open_double = (i, frozenset())
            return
        close_flags = set(flags)
        if ch in OPENING_SHAPES:
            close_flags.add("wrong_way")
        self._close_single_inside(i)
        self.emit(start, i, "double", close_flags)
        self.open_double = None

    def _single(self, i: int, ch: str, prev: str | None, nxt: str | None) -> None:
        # Apostrophes first: NATO's, won't, '90s.
        if prev is not None and prev.isalnum() and nxt is not None and nxt.isalpha():
            return
        if _is_space(prev) and nxt is not None and nxt.isdigit():
            return
        opens, closes = _opens_here(prev, nxt), _closes_here(prev, nxt)
        if self.open_single is None:
            if opens and ch not in CLOSING_SHAPES:
                self.open_single = (i, frozenset())
                self.possessive_candidate = None
            # A lone closing single mark is an apostrophe (dogs', goin').
            return
        start, flags = self.open_single
        if closes or (not opens and ch in CLOSING_SHAPES | EITHER_SHAPES):
            if prev in _POSSESSIVE_END and nxt is not None and nxt == " ":
                after = self.text[i + 2] if i + 2 < self.para.end else None
                if after is not None and after.islower():
                    # "the dogs' bowls": probably a possessive; remember it in case nothing else closes.
                    self.possessive_candidate = i
                    return
            self.emit(start, i, "single", set(flags))
            self.open_single = None
            self.possessive_candidate = None
        elif opens and ch in OPENING_SHAPES:
            # A second opening single mark while one is open: the first was an apostrophe ('em, 'tis).
            self.open_single = (i, frozenset())
            self.possessive_candidate = None

    def _resolve_single(self, limit: int) -> None:
        """An open single quotation at ``limit``: use a remembered possessive mark, or call it an apostrophe."""
        if self.open_single is not None and self.possessive_candidate is not None:
            if self.possessive_candidate < limit:
                self.emit(self.open_single[0], self.possessive_candidate, "single", set(self.open_single[1]))
        self.open_single = None
        self.possessive_candidate = None

    def _close_single_inside(self, i: int) -> None:
        """A double quotation closes: a single one opened inside it cannot outlive it."""
        if self.open_single is not None and self.open_double is not None and self.open_single[0] > self.open_double[0]:
            self._resolve_single(i)

    def _drop_single_inside(self, i: int) -> None:
        if self.open_single is not None and (self.open_double is None or self.open_single[0] > self.open_double[0]):
            self._resolve_single(i)

    def finish(self, next_starts_with_opening: bool) -> None:
        self._resolve_single(self.para.end)
        if self.open_double is not None:
            start, flags = self.open_double
            if next_starts_with_opening:
                self.emit(start, None, "double", set(flags) | {"continues"}, end=self.para.end)
            else:
                self.close_missing(start, flags, "double", self.para.end)
            self.open_double = None
        self.out.sort(key=lambda s: (s.outer_start, -s.outer_end))
        # A stretch inside another one is a quotation inside a quotation (depth 1).
        host_end = -1
        for i, s in enumerate(self.out):
            if s.outer_start < host_end:
                self.out[i] = replace(s, depth=1)
            else:
                host_end = s.outer_end


def _starts_with_opening(text: str, para: Span) -> bool:
    i = para.start
    if i >= para.end or text[i] not in DOUBLE_MARKS:
        return False
    nxt = text[i + 1] if i + 1 < para.end else None
    return _opens_here(None, nxt) or (text[i] in OPENING_SHAPES and nxt == " ")


def find_stretches(text: str, paragraphs: Sequence[Span], tail: TailFinder | None = None) -> list[Stretch]:
    """Every quoted stretch in ``text``, paragraph by paragraph, in reading order.

    ``tail`` finds a trailing attribution, so that a quotation that lost its
    closing mark ends before "said the diplomat." rather than after it.
    """
    out: list[Stretch] = []
    n = len(paragraphs)
    for pi, para in enumerate(paragraphs):
        state = _Paragraph(text, para, pi, tail)
        for m in _MARK_RE.finditer(text, para.start, para.end):
            state.feed(m.start())
        nxt_opens = pi + 1 < n and _starts_with_opening(text, paragraphs[pi + 1])
        state.finish(nxt_opens)
        if out and out[-1].paragraph == pi - 1 and "continues" in out[-1].flags and state.out:
            first = state.out[0]
            if first.open_at == para.start:
                state.out[0] = replace(first, flags=first.flags | {"continued"})
        out.extend(state.out)
    return out
