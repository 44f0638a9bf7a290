"""One renderer for every notebook: an article with its findings highlighted.

Article text is untrusted (an instructor may paste anything, including
``<script>``), so every piece of text and every note goes through
``html.escape`` before it reaches the page; nothing from the article is ever
put into a URL, a style or a script. Each highlight shows its note on mouse
hover *and* on keyboard focus (Tab), and screen readers get the note as a
description, so the feedback is not for mouse users only.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from .findings import Finding
from .taxonomy import CATEGORIES, LAYER_LABELS, colour

if TYPE_CHECKING:
    from .article import Article

__all__ = ["Highlighted", "highlight", "CSS"]

_counter = itertools.count(1)

CSS = """
.ml-article{font-family:Georgia,'Times New Roman',serif;font-size:15px;line-height:1.65;max-width:46em;color:#111;background:#fff;padding:.4em .8em}
.ml-article h3{font-family:system-ui,sans-serif;font-size:1.05em;margin:.2em 0 .6em}
.ml-article p{margin:0 0 .75em}
.ml-article p.ml-pno::before{content:attr(data-n);float:left;margin-left:-2.2em;width:1.8em;text-align:right;color:#888;font:11px system-ui,sans-serif;padding-top:.35em}
.ml-article mark{position:relative;color:inherit;border-radius:2px;padding:0 1px;cursor:help}
.ml-article mark.ml-multi{box-shadow:inset 0 -2px 0 #333}
.ml-article mark:focus{outline:2px solid #1a5fb4;outline-offset:1px}
.ml-article mark[data-note]:hover::after,.ml-article mark[data-note]:focus::after{content:attr(data-note);position:absolute;left:0;top:1.7em;z-index:20;width:max-content;max-width:28em;white-space:pre-line;background:#222;color:#fff;font:13px/1.4 system-ui,sans-serif;padding:.45em .6em;border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.3)}
.ml-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.ml-legend{font:13px system-ui,sans-serif;margin:.6em 0 0;padding:.5em 0 0;border-top:1px solid #ddd}
.ml-legend span.ml-key{display:inline-block;margin:0 .9em .3em 0}
.ml-legend i{display:inline-block;width:1em;height:1em;border-radius:2px;vertical-align:-2px;margin-right:.3em;border:1px solid rgba(0,0,0,.15)}
.ml-empty{font:13px system-ui,sans-serif;color:#555}
"""


@dataclass(frozen=True)
class Highlighted:
    """Rendered HTML; shows itself in a notebook, or ``save()`` it as a page."""

    html: str
    title: str = ""

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    def page(self) -> str:
        """A complete, self-contained HTML document (no external assets)."""
        return (
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{escape(self.title or 'medialit')}</title></head><body>{self.html}</body></html>"
        )

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(self.page(), encoding="utf-8")
        return path


def highlight(
    article: Article,
    findings: Iterable[Finding] = (),
    *,
    layers: Iterable[str] | None = None,
    title: str | None = None,
    legend: bool = True,
    paragraphs: Iterable[int] | None = None,
    numbers: bool = False,
) -> Highlighted:
    """Render ``article`` as HTML with each finding highlighted.

    One colour per category, a legend of the categories shown, and each
    highlight's note on hover and focus. Overlapping findings are all kept:
    the innermost one gives the colour, and the note lists every finding at
    that place. ``paragraphs`` limits the view to some paragraph indexes
    (for exercises on one part of the text); ``numbers`` shows paragraph
    numbers in the margin so feedback can refer to them.
    """
    wanted_layers = set(layers) if layers is not None else None
    items = [f for f in findings if wanted_layers is None or f.layer in wanted_layers]
    text = article.text
    for f in items:
        if text[f.start : f.end] != f.text:
            raise ValueError(f"finding {f.text!r} does not match the article at [{f.start}, {f.end})")
    uid = _uid(article, items)
    keep = set(paragraphs) if paragraphs is not None else None

    head = title if title is not None else article.title
    parts = [f"<style>{CSS}</style>", f"<div class='ml-article' id='{uid}'>"]
    if head:
        parts.append(f"<h3>{escape(head)}</h3>")

    items.sort(key=lambda f: (f.start, -f.end))
    note_ids: dict[int, str] = {}
    sr_notes: list[str] = []
    for pi, para in enumerate(article.paragraphs):
        if keep is not None and pi not in keep:
            continue
        cls = " class='ml-pno'" if numbers else ""
        parts.append(f"<p{cls} data-n='{pi + 1}'>")
        parts.append(_paragraph_html(para.start, para.end, text, items, uid, note_ids, sr_notes))
        parts.append("</p>")
    if not article.paragraphs:
        parts.append("<p class='ml-empty'>(no text)</p>")
    parts.extend(sr_notes)
    if legend:
        parts.append(_legend(items))
    parts.append("</div>")
    return Highlighted("".join(parts), head or "")


def _paragraph_html(
    start: int, end: int, text: str, items: list[Finding], uid: str, note_ids: dict[int, str], sr_notes: list[str]
) -> str:
    inside = [f for f in items if f.start < end and f.end > start and f.end > f.start]
    bounds = {start, end}
    for f in inside:
        bounds.add(max(start, f.start))
        bounds.add(min(end, f.end))
    cuts = sorted(bounds)
    out = []
    for a, b in itertools.pairwise(cuts):
        chunk = escape(text[a:b])
        cover = [f for f in inside if f.start <= a and f.end >= b]
        if not cover:
            out.append(chunk)
            continue
        cover.sort(key=lambda f: f.end - f.start)
        inner = cover[0]
        note = "\n".join(f"{f.label}: {f.note}" if f.note else f.label for f in cover)
        if any(f.alternatives for f in cover):
            alts = [a2 for f in cover for a2 in f.alternatives]
            note += "\nAlternatives: " + "; ".join(alts)
        key = hash(note)
        if key not in note_ids:
            note_ids[key] = f"{uid}-n{len(note_ids)}"
            sr_notes.append(f"<span class='ml-sr' id='{note_ids[key]}'>{escape(note)}</span>")
        starts_here = any(f.start == a or a == start for f in cover)
        attrs = [
            f"style='background:{colour(inner.layer, inner.category)}'",
            f"data-note='{escape(note, quote=True)}'",
            f"data-category='{escape(inner.category, quote=True)}'",
            f"aria-describedby='{note_ids[key]}'",
        ]
        if starts_here:
            attrs.append("tabindex='0'")
        cls = "ml-multi" if len(cover) > 1 else ""
        out.append(f"<mark class='{cls}' {' '.join(attrs)}>{chunk}</mark>")
    return "".join(out)


def _legend(items: list[Finding]) -> str:
    if not items:
        return "<div class='ml-legend ml-empty'>No highlights yet.</div>"
    present = sorted(
        {(f.layer, f.category) for f in items},
        key=lambda lc: (list(CATEGORIES).index(lc[0]) if lc[0] in CATEGORIES else 99, lc[1]),
    )
    counts: dict[tuple[str, str], int] = {}
    for f in items:
        counts[(f.layer, f.category)] = counts.get((f.layer, f.category), 0) + 1
    rows = []
    for layer, cat in present:
        info = CATEGORIES.get(layer, {}).get(cat)
        label = info.label if info else cat
        desc = info.description if info else ""
        rows.append(
            f"<span class='ml-key' title='{escape(desc, quote=True)}'><i style='background:{colour(layer, cat)}'></i>"
            f"{escape(label)} ({counts[(layer, cat)]})</span>"
        )
    layers_shown = sorted({lc[0] for lc in present})
    heading = " · ".join(escape(LAYER_LABELS.get(layer, layer)) for layer in layers_shown)
    return f"<div class='ml-legend' role='note'><b>{heading}:</b> " + "".join(rows) + "</div>"


def _uid(article: Article, items: list[Finding]) -> str:
    h = hashlib.blake2s(f"{len(article.text)}:{len(items)}:{next(_counter)}".encode(), digest_size=4).hexdigest()
    return f"ml-{h}"
