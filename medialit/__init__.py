"""medialit: a Jupyter teaching kit for media literacy.

Four skills, one data shape. An ``Article`` holds a text with exact spans;
each analyzer takes an article and returns ``Finding``s (exact offsets, a
category and a reason a student can read); ``score`` compares any two lists
of findings; ``highlight`` shows them. See DESIGN.md for the whole picture::

    import medialit as ml
    art = ml.load_article("rt-nato-russia-2022-01-12")
    ml.highlight(art, ml.find_quotes(art))

Names are imported lazily, so ``import medialit`` stays fast and a notebook
only pays for the analyzers it uses.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "Article": "article",
    "ArticleWarning": "article",
    "load_article": "article",
    "available_articles": "article",
    "data_dir": "article",
    "Span": "spans",
    "Finding": "findings",
    "Quote": "findings",
    "make_finding": "findings",
    "sort_findings": "findings",
    "merge_findings": "findings",
    "Key": "keys",
    "KeyFileError": "keys",
    "load_key": "keys",
    "Score": "scoring",
    "score": "scoring",
    "highlight": "render",
    "CATEGORIES": "taxonomy",
    "LAYERS": "taxonomy",
    # analyzers (one module each)
    "find_quotes": "quotes",
    "voices": "quotes",
    "Voice": "quotes",
    "silent_actors": "quotes",
    "actors": "quotes",
    "ActorSummary": "quotes",
    "find_loaded_terms": "loaded",
    "naming": "loaded",
    "find_passives": "framing",
    "frame_profile": "framing",
    "FrameProfile": "framing",
    "actor_table": "framing",
    "headline_check": "framing",
    "find_translation_artifacts": "translation",
    "language_path": "translation",
    "LanguagePath": "translation",
    "reconstruction_feedback": "translation",
    "analyze": "analysis",
    "Analysis": "analysis",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'medialit' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
