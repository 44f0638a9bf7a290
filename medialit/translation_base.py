"""Shared pieces of the translation-artifact detectors.

Every detector returns ``Trace``s: a ``Finding`` plus the languages it points
to. The finding is what a student sees; the languages are what
``language_path`` needs to tell a text's route ("French false friend",
"Russian-derived spelling"). Keeping them side by side, instead of hiding the
language in the note, means the route is computed from evidence, not parsed
back out of prose.

``TextIndex`` gives sentence windows without Punkt: the detectors run on
every article a class opens and must stay linear and fast, and a rough
boundary (a full stop, question or exclamation mark followed by a space, or
a line break) is all a context window needs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .findings import Finding

__all__ = [
    "LANGUAGE_NAMES",
    "QUOTE_MARKS",
    "SPACES",
    "TextIndex",
    "Trace",
    "language_label",
]

#: Language codes used in the resources, and how a student reads them.
LANGUAGE_NAMES: dict[str, str] = {
    "fr": "French",
    "ru": "Russian",
    "uk": "Ukrainian",
    "de": "German",
    "pl": "Polish",
    "en": "English",
}

#: Spaces that may sit inside quote marks (French typography uses thin ones).
SPACES = " \t\u00a0\u202f\u2009"

#: Double quote marks and guillemets the kit looks at (single marks double as apostrophes).
QUOTE_MARKS = '“”„‟«»‹›"'


@dataclass(frozen=True, slots=True)
class Trace:
    """A finding with the evidence it gives about the text's route.

    ``languages`` are codes from ``LANGUAGE_NAMES`` ("fr", "ru") the trace
    points to; empty when it says "a machine did this" but not from what.
    ``evidence`` is a short plural-friendly label ("French false friend")
    that ``language_path`` counts and reports.
    """

    finding: Finding
    languages: tuple[str, ...] = ()
    evidence: str = ""


def language_label(codes: tuple[str, ...] | list[str]) -> str:
    """'French', 'French or Russian'."""
    names = [LANGUAGE_NAMES.get(c, c) for c in codes]
    if not names:
        return "another language"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*[ \t\u00a0]+|\n+")
_WORD = re.compile(r"\w[\w'’-]*")


class TextIndex:
    """Rough sentence windows over a text, in linear time.

    ``sentence(pos)`` is the ``(start, end)`` of the sentence holding
    ``pos``; ``window(pos)`` adds the sentence before it, because a false
    friend's context ("drafted" for "the project") is often one sentence
    back.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        for m in _BOUNDARY.finditer(text):
            if m.end() > starts[-1]:
                starts.append(m.end())
        self.starts = starts
        self._text_search: dict[str, bool] = {}

    def _index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def _end(self, i: int) -> int:
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        while end > self.starts[i] and self.text[end - 1] in SPACES + "\n":
            end -= 1
        return end

    def sentence(self, pos: int) -> tuple[int, int]:
        i = self._index(pos)
        return self.starts[i], self._end(i)

    def window(self, pos: int) -> tuple[int, int]:
        """This sentence and the one before it."""
        i = self._index(pos)
        return self.starts[max(0, i - 1)], self._end(i)

    def words_after(self, pos: int, n: int = 6) -> tuple[int, int]:
        """Span of at most ``n`` words after ``pos``, not past the sentence end."""
        _, end = self.sentence(pos)
        last = pos
        for count, m in enumerate(_WORD.finditer(self.text, pos, end), 1):
            last = m.end()
            if count >= n:
                break
        return pos, last

    def words_before(self, pos: int, n: int = 6) -> tuple[int, int]:
        """Span of at most ``n`` words before ``pos``, not before the sentence start."""
        start, _ = self.sentence(pos)
        starts = [m.start() for m in _WORD.finditer(self.text, start, pos)]
        return (starts[-n] if len(starts) >= n else (starts[0] if starts else pos)), pos

    def at_sentence_start(self, pos: int) -> bool:
        start, _ = self.sentence(pos)
        return not self.text[start:pos].strip(SPACES + QUOTE_MARKS + "‘'(")

    def text_has(self, rx: re.Pattern[str]) -> bool:
        """Whether ``rx`` occurs anywhere in the text (cached per pattern)."""
        hit = self._text_search.get(rx.pattern)
        if hit is None:
            hit = self._text_search[rx.pattern] = rx.search(self.text) is not None
        return hit


def token_before(text: str, pos: int, floor: int = 0) -> int:
    """Start of the token (word or single punctuation mark) just before ``pos``, skipping spaces."""
    j = pos - 1
    while j >= floor and text[j] in SPACES:
        j -= 1
    if j < floor:
        return pos
    if text[j].isalnum():
        while j - 1 >= floor and (text[j - 1].isalnum() or text[j - 1] in "'’-"):
            j -= 1
    return j


def token_after(text: str, pos: int, ceiling: int | None = None) -> int:
    """End of the token just after ``pos`` (skipping spaces)."""
    n = len(text) if ceiling is None else ceiling
    j = pos
    while j < n and text[j] in SPACES:
        j += 1
    if j >= n:
        return pos
    if text[j].isalnum():
        while j < n and (text[j].isalnum() or text[j] in "'’-"):
            j += 1
        return j
    return j + 1
