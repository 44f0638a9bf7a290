"""Charts for the loaded-terms notebook: where the loaded words cluster.

Kept apart from the analyzer so that ``medialit.loaded`` never imports
matplotlib (tests and the command line stay fast). Each function draws on
an ``Axes`` you pass, or makes a new figure, and returns the ``Axes`` so a
notebook can add a title or save it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .loaded import LAYER, density
from .taxonomy import CATEGORIES

if TYPE_CHECKING:
    from .article import Article
    from .findings import Finding

__all__ = ["plot_categories", "plot_density"]

# Scare quotes and naming share an orange in the taxonomy (the scare colour matches the
# quotes layer); hatching keeps them apart in a chart, also in black and white.
_HATCH = {"scare_quote": "///", "hedge": "..", "necessity": "\\\\"}


def _axes(ax: Any, figsize: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def plot_density(
    article: Article,
    findings: Iterable[Finding] | None = None,
    *,
    ax: Any = None,
    per_words: bool = True,
    min_words: int = 5,
    title: str | None = None,
) -> Any:
    """Stacked bars, one per paragraph: loaded terms per 100 words (or raw counts), coloured by category.

    Paragraphs shorter than ``min_words`` (headings, crumbs) are left out,
    because one loaded word in a three-word heading would tower over the
    chart; their numbers are kept on the x axis so gaps stay visible.
    """
    rows = [d for d in density(article, findings) if d.words >= min_words]
    ax = _axes(ax, (9, 3.6))
    cats = [c for c in CATEGORIES[LAYER] if any(dict(d.categories).get(c) for d in rows)]
    x = [d.index + 1 for d in rows]
    bottom = [0.0] * len(rows)
    for cat in cats:
        heights = []
        for d in rows:
            n = dict(d.categories).get(cat, 0)
            heights.append(100.0 * n / d.words if per_words and d.words else float(n))
        info = CATEGORIES[LAYER][cat]
        ax.bar(
            x,
            heights,
            bottom=bottom,
            color=info.colour,
            edgecolor="#555",
            linewidth=0.4,
            label=info.label,
            hatch=_HATCH.get(cat),
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_xlabel("paragraph")
    ax.set_ylabel("loaded terms per 100 words" if per_words else "loaded terms")
    ax.set_xticks(x)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlim(0.3, (max(x) if x else 1) + 0.7)
    ax.spines[["top", "right"]].set_visible(False)
    if cats:
        ax.legend(fontsize=8, frameon=False, ncols=2, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    else:
        ax.text(0.5, 0.5, "no loaded terms found", transform=ax.transAxes, ha="center", va="center", color="#666")
    ax.set_title(title if title is not None else (article.title or "Loaded terms per paragraph"), fontsize=10)
    return ax


def plot_categories(findings: Iterable[Finding], *, ax: Any = None, title: str = "Loaded terms by category") -> Any:
    """Horizontal bars: how many findings of each loaded-terms category."""
    counts = Counter(f.category for f in findings if f.layer == LAYER)
    cats = [c for c in CATEGORIES[LAYER] if counts.get(c)]
    ax = _axes(ax, (6, 0.45 * max(len(cats), 2) + 0.8))
    labels = [CATEGORIES[LAYER][c].label for c in cats]
    bars = ax.barh(
        labels, [counts[c] for c in cats], color=[CATEGORIES[LAYER][c].colour for c in cats], edgecolor="#555"
    )
    for bar, c in zip(bars, cats, strict=True):
        bar.set_hatch(_HATCH.get(c))
    ax.invert_yaxis()
    ax.set_xlabel("findings")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(title, fontsize=10)
    return ax
