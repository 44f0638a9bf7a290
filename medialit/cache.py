"""A small per-article memo, so each analysis runs once per article.

Analyzers build on each other: ``language_path`` reads the translation
traces, ``actor_table`` and ``headline_check`` read the passives, and a
notebook or ``analyze`` asks for all of them. Recomputing a result that
another call already has would make every view slower and could, after an
edit, make two views disagree. So a result is kept *on the article*: in a
``WeakKeyDictionary`` keyed by the ``Article`` object (articles compare by
identity), so it disappears with the article and never outlives it.

A stored result is reused only while ``article.text`` is the very string it
was computed from; if someone assigns a new text, everything is recomputed.
Callers must not mutate what ``memo`` returns: store tuples or frozen
dataclasses, and hand callers a copy (``list(...)``) when the public API
returns a list.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any, TypeVar

__all__ = ["clear", "memo"]

T = TypeVar("T")

_STORE: weakref.WeakKeyDictionary[Any, dict[Hashable, tuple[str, Any]]] = weakref.WeakKeyDictionary()
_LOCK = Lock()


def memo(article: Any, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per article and ``key`` (while the article's text is unchanged).

    ``key`` names the result ("passives", or a tuple with the options that
    change it). Objects that cannot be weakly referenced are not cached.
    """
    text = article.text
    with _LOCK:
        try:
            slot = _STORE.get(article)
        except TypeError:  # not weak-referenceable: compute every time
            slot = None
        hit = slot.get(key) if slot is not None else None
    if hit is not None and hit[0] is text:
        return hit[1]
    value = compute()
    with _LOCK:
        try:
            _STORE.setdefault(article, {})[key] = (text, value)
        except TypeError:
            pass
    return value


def clear(article: Any | None = None) -> None:
    """Forget the stored results of one article, or of every article (for benchmarks and tests)."""
    with _LOCK:
        if article is None:
            _STORE.clear()
        else:
            _STORE.pop(article, None)
