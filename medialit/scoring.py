"""Comparing two readings of a text: found findings against expected ones.

One function serves three uses: the kit's analyzers against an instructor's
key (is the kit any good?), a student against the key (feedback), and one
student against another (class discussion). It is symmetric, so "A against
B" and "B against A" swap precision and recall and nothing else.

The matching rule, stated once: a found span and an expected span *match*
when they are in the same layer and their overlap covers at least half of
the shorter span and at least a fifth of the longer one. The first condition
forgives a student who marks "military bloc" for the key's "US-led military
bloc"; the second stops a whole marked paragraph from matching a two-word
term. Pairs are matched one to one, best overlap first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .findings import Finding
from .spans import overlap

if TYPE_CHECKING:
    from .keys import Key

__all__ = ["Match", "Score", "score", "spans_match"]

MIN_SHORTER = 0.5
MIN_LONGER = 0.2


@dataclass(frozen=True, slots=True)
class Match:
    """A found finding paired with the expected one it matches."""

    found: Finding
    expected: Finding

    @property
    def same_category(self) -> bool:
        return self.found.category == self.expected.category

    @property
    def exact(self) -> bool:
        return (self.found.start, self.found.end) == (self.expected.start, self.expected.end)

    @property
    def why(self) -> str:
        """The expected side's reason (the key's, when scoring against a key)."""
        return self.expected.note


@dataclass
class Score:
    """Precision, recall and F1, with every item listed so feedback can explain it.

    ``missed`` are expected findings nobody found (each with its reason);
    ``extra`` are found findings the expected list does not have.
    """

    matched: list[Match] = field(default_factory=list)
    missed: list[Finding] = field(default_factory=list)
    extra: list[Finding] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = len(self.matched) + len(self.extra)
        if not found:
            return 1.0 if not self.missed else 0.0
        return len(self.matched) / found

    @property
    def recall(self) -> float:
        expected = len(self.matched) + len(self.missed)
        if not expected:
            return 1.0 if not self.extra else 0.0
        return len(self.matched) / expected

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def agreement(self, attribute: str = "category") -> float:
        """Share of matched pairs that agree on an attribute ("category", "speaker", "kind")."""
        if not self.matched:
            return 0.0
        same = sum(1 for m in self.matched if getattr(m.found, attribute, None) == getattr(m.expected, attribute, None))
        return same / len(self.matched)

    def summary(self) -> str:
        """One line for a test log or a benchmark table."""
        return (
            f"precision {self.precision:.2f}, recall {self.recall:.2f}, F1 {self.f1:.2f} "
            f"({len(self.matched)} matched, {len(self.missed)} missed, {len(self.extra)} extra)"
        )

    def __repr__(self) -> str:
        return f"<Score {self.summary()}>"


def spans_match(a: Finding, b: Finding) -> bool:
    """The kit's matching rule for two spans (see the module docstring)."""
    shared = overlap(a, b)
    if shared <= 0:
        return False
    shorter, longer = sorted((len(a), len(b)))
    return shared >= MIN_SHORTER * shorter and shared >= MIN_LONGER * longer


def score(found: Iterable[Finding], key: Key | Sequence[Finding], layer: str | None = None) -> Score:
    """Compare ``found`` with ``key`` (a ``Key`` or any list of findings).

    With ``layer`` given, only that layer of both sides is compared (key
    section names such as "loaded_terms" are accepted too). Without it,
    findings only match within the same layer.
    """
    from .keys import Key
    from .taxonomy import KEY_SECTIONS

    if layer in KEY_SECTIONS:
        layer = KEY_SECTIONS[layer]
    if isinstance(key, Key):
        expected = key.layer(layer) if layer else [f for fs in key.findings.values() for f in fs]
    else:
        expected = list(key)
    found = list(found)
    if layer:
        found = [f for f in found if f.layer == layer]
        expected = [f for f in expected if f.layer == layer]

    pairs = []
    # Candidate pairs via a sweep over sorted starts: linear-ish, not |found|*|expected|.
    exp_sorted = sorted(range(len(expected)), key=lambda j: expected[j].start)
    for i, f in enumerate(found):
        for j in exp_sorted:
            e = expected[j]
            if e.start >= f.end:
                break
            if e.layer == f.layer and spans_match(f, e):
                shared = overlap(f, e)
                union = max(f.end, e.end) - min(f.start, e.start)
                pairs.append(
                    (
                        -(shared / union),
                        min(f.start, e.start),
                        max(f.start, e.start),
                        min(f.end, e.end),
                        max(f.end, e.end),
                        i,
                        j,
                    )
                )
    pairs.sort()
    match_f: dict[int, int] = {}  # found index -> expected index
    match_e: dict[int, int] = {}
    for *_, i, j in pairs:  # best overlaps first: the pairing a reader would make
        if i not in match_f and j not in match_e:
            match_f[i], match_e[j] = j, i
    _augment(pairs, match_f, match_e)  # then as many pairs as possible, so no match is lost
    matched = [Match(found[i], expected[j]) for i, j in match_f.items()]
    matched.sort(key=lambda m: m.expected.start)
    return Score(
        matched=matched,
        missed=[e for j, e in enumerate(expected) if j not in match_e],
        extra=[f for i, f in enumerate(found) if i not in match_f],
    )


def _augment(pairs: list[tuple], match_f: dict[int, int], match_e: dict[int, int]) -> None:
    """Grow the greedy matching to a maximum one with augmenting paths (Kuhn's algorithm).

    Greedy best-first pairing can strand a span whose only partner was taken
    by a neighbour that had another option; an augmenting path re-pairs the
    neighbour. Iterative, so long chains of overlapping spans cannot exhaust
    the recursion limit.
    """
    adjacency: dict[int, list[int]] = {}
    for *_, i, j in pairs:
        adjacency.setdefault(i, []).append(j)
    for start in sorted(adjacency):
        if start in match_f:
            continue
        parent: dict[int, int] = {}  # expected index -> found index that reached it
        stack = [start]
        seen_e: set[int] = set()
        end = None
        while stack and end is None:
            i = stack.pop()
            for j in adjacency[i]:
                if j in seen_e:
                    continue
                seen_e.add(j)
                parent[j] = i
                if j not in match_e:
                    end = j
                    break
                stack.append(match_e[j])
        while end is not None:  # flip the path
            i = parent[end]
            previous = match_f.get(i)
            match_f[i], match_e[end] = end, i
            end = previous
