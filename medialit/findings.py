"""Findings: the one shape every analyzer, key and student answer shares.

A finding says *where* (exact character offsets), *what* (layer and category)
and *why* (a sentence a student can read). Because the kit's analyzers, the
instructor's key and a student's marks are all lists of findings, one scoring
function compares any two of them, and one renderer shows any of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .spans import overlap, overlaps
from .taxonomy import CATEGORIES

if TYPE_CHECKING:
    from .article import Article

__all__ = [
    "Finding",
    "Quote",
    "by_layer",
    "check_spans",
    "make_finding",
    "merge_findings",
    "overlap",
    "overlapping",
    "overlaps",
    "sort_findings",
]

QUOTE_KINDS = tuple(CATEGORIES["quotes"])


@dataclass(frozen=True, slots=True)
class Finding:
    """Something worth a student's attention at ``article.text[start:end]``.

    ``note`` explains *why* it was flagged, in one sentence; ``alternatives``
    holds neutral rewrites or the likely intended wording, if any.
    ``source`` records who made the finding ("kit", "key" or a student's
    name) so mixed lists stay readable.
    """

    start: int
    end: int
    text: str
    layer: str
    category: str
    note: str = ""
    alternatives: tuple[str, ...] = ()
    source: str = "kit"

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"bad span [{self.start}, {self.end}) for {self.text!r}")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"finding text {self.text!r} has {len(self.text)} characters "
                f"but the span [{self.start}, {self.end}) has {self.end - self.start}"
            )
        if self.layer not in CATEGORIES:
            raise ValueError(f"unknown layer {self.layer!r}; choose one of: {', '.join(CATEGORIES)}")
        if not isinstance(self.alternatives, tuple):
            object.__setattr__(self, "alternatives", tuple(self.alternatives))

    def __len__(self) -> int:
        return self.end - self.start

    @property
    def label(self) -> str:
        """The category's human label ("False friend"), or the raw name."""
        cat = CATEGORIES.get(self.layer, {}).get(self.category)
        return cat.label if cat else self.category.replace("_", " ")

    def with_(self, **changes: Any) -> Finding:
        """A copy with some fields changed (dataclasses.replace, shorter)."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; ``from_dict`` reverses it."""
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "layer": self.layer,
            "category": self.category,
            "note": self.note,
            "alternatives": list(self.alternatives),
            "source": self.source,
        }
        for extra in getattr(self, "__dataclass_fields__", {}):
            if extra not in out:
                out[extra] = getattr(self, extra)
        return out

    @staticmethod
    def from_dict(data: dict[str, Any]) -> Finding:
        """Rebuild a Finding (or a Quote, when the dict has quote fields)."""
        data = dict(data)
        data["alternatives"] = tuple(data.get("alternatives") or ())
        if data.get("layer") == "quotes" and ("speaker" in data or "kind" in data):
            return Quote(**data)
        return Finding(**{k: v for k, v in data.items() if k in Finding.__dataclass_fields__})


@dataclass(frozen=True, slots=True)
class Quote(Finding):
    """A quoted stretch: ``text`` is the words without their quote marks.

    ``speaker`` is the canonical name (the fullest form the article uses) or
    None when no careful reader could tell; ``cue`` is the reporting verb as
    written ("warned"); ``cue_category`` its class from the reporting-verb
    lexicon ("warning"); ``kind`` repeats ``category`` (direct, partial,
    scare or unmarked) because that is the word students use.
    """

    layer: str = "quotes"
    category: str = "direct"
    speaker: str | None = None
    cue: str | None = None
    cue_category: str | None = None
    kind: str = field(default="")

    def __post_init__(self) -> None:
        Finding.__post_init__(self)
        if not self.kind:
            object.__setattr__(self, "kind", self.category)
        elif self.category != self.kind:
            object.__setattr__(self, "category", self.kind)
        if self.kind not in QUOTE_KINDS:
            raise ValueError(f"unknown quote kind {self.kind!r}; choose one of: {', '.join(QUOTE_KINDS)}")


def make_finding(
    article: Article,
    start: int,
    end: int,
    layer: str,
    category: str,
    note: str = "",
    alternatives: Iterable[str] = (),
    source: str = "kit",
) -> Finding:
    """Build a Finding whose text is taken from the article, so it is always exact."""
    if not (0 <= start <= end <= len(article.text)):
        raise ValueError(f"span [{start}, {end}) is outside the article ({len(article.text)} characters)")
    return Finding(start, end, article.text[start:end], layer, category, note, tuple(alternatives), source)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Reading order: by start, longer first, then by layer and category."""
    return sorted(findings, key=lambda f: (f.start, -f.end, f.layer, f.category, f.text))


def merge_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Drop exact repeats (same span, layer and category), keep reading order.

    When two analyzers flag the same span for the same reason, a student
    should see it once; the first note wins.
    """
    seen: set[tuple[int, int, str, str]] = set()
    out = []
    for f in sort_findings(findings):
        key = (f.start, f.end, f.layer, f.category)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def check_spans(text: str, findings: Sequence[Finding]) -> None:
    """Raise AssertionError if any finding's text does not match its offsets."""
    for f in findings:
        if text[f.start : f.end] != f.text:
            raise AssertionError(f"finding {f!r} does not match text[{f.start}:{f.end}] = {text[f.start : f.end]!r}")


def by_layer(findings: Iterable[Finding], layer: str) -> list[Finding]:
    """Only the findings of one layer."""
    return [f for f in findings if f.layer == layer]


def overlapping(findings: Iterable[Finding], start: int, end: int) -> list[Finding]:
    """Findings that share at least one character with ``[start, end)``."""
    return [f for f in findings if f.start < end and start < f.end]
