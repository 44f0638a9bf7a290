"""All four analyses in one call, for reports, the capstone notebook and comparisons.

``analyze(article)`` runs every analyzer once and keeps the results together,
so a report or a side-by-side comparison never runs an analyzer twice and
every view shows the same findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .article import Article
from .findings import Finding, merge_findings
from .render import Highlighted, highlight

__all__ = ["Analysis", "analyze"]


@dataclass
class Analysis:
    """The results of every analyzer on one article."""

    article: Article
    quotes: list[Finding] = field(default_factory=list)
    voices: list[Any] = field(default_factory=list)
    loaded: list[Finding] = field(default_factory=list)
    passives: list[Finding] = field(default_factory=list)
    frames: Any = None
    translation: list[Finding] = field(default_factory=list)
    language_path: Any = None

    def findings(self, layer: str | None = None) -> list[Finding]:
        """Every finding (or one layer's), in reading order, without exact repeats."""
        frame_findings = list(getattr(self.frames, "findings", []) or [])
        everything = [*self.quotes, *self.loaded, *self.passives, *frame_findings, *self.translation]
        if layer:
            everything = [f for f in everything if f.layer == layer]
        return merge_findings(everything)

    def counts(self) -> dict[str, int]:
        """Number of findings per layer."""
        out: dict[str, int] = {}
        for f in self.findings():
            out[f.layer] = out.get(f.layer, 0) + 1
        return out

    def highlight(self, layer: str | None = None, **kwargs: Any) -> Highlighted:
        """The article with one layer's findings (or all) highlighted."""
        return highlight(self.article, self.findings(layer), **kwargs)

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}: {v}" for k, v in self.counts().items())
        return f"<Analysis of {self.article!r} ({counts or 'no findings'})>"


def analyze(article: Article) -> Analysis:
    """Run quotes, voices, loaded terms, passives, frames and translation artifacts."""
    from .framing import find_passives, frame_profile
    from .loaded import find_loaded_terms
    from .quotes import find_quotes, voices
    from .translation import find_translation_artifacts, language_path

    return Analysis(
        article=article,
        quotes=list(find_quotes(article)),
        voices=list(voices(article)),
        loaded=list(find_loaded_terms(article)),
        passives=list(find_passives(article)),
        frames=frame_profile(article),
        translation=list(find_translation_artifacts(article)),
        language_path=language_path(article),
    )
