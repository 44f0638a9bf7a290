"""Showing quotes: the article coloured by speaker, a chart of voices, a table of reporting verbs.

``medialit.highlight`` colours findings by *category*; a reader who asks
"who speaks here?" needs one colour per *speaker*, so this module has its
own small renderer. It follows the same rules as ``medialit.render``: every
piece of article text, every speaker name and every note goes through
``html.escape``; colours come from a fixed palette, never from the text; the
notes show on hover and on keyboard focus, and screen readers get them as
descriptions. It reuses the kit's stylesheet, so both views look alike.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from .findings import Quote
from .quotes import KIND_EFFECT, find_quotes, silent_actors, voices, word_count
from .render import CSS, Highlighted

if TYPE_CHECKING:
    from .article import Article

__all__ = ["Table", "highlight_speakers", "plot_voices", "speaker_colours", "verb_table"]

#: Colour-blind-safe pastels (Okabe-Ito, lightened); the grey is for quotes with no named speaker.
PALETTE = ("#9ecae1", "#fdd49e", "#a1d99b", "#f4a6c6", "#cbc9e2", "#fee391", "#c7eae5", "#e6ab9d", "#d9d9d9")
NO_SPEAKER = "#eeeeee"
KIND_COLOURS = {"direct": "#3182bd", "partial": "#9ecae1", "scare": "#fd8d3c", "unmarked": "#e6550d"}
_ids = itertools.count(1)


def speaker_colours(quotes: Iterable[Quote]) -> dict[str | None, str]:
    """One colour per speaker, the most quoted first; None (no speaker named) is grey."""
    words: Counter[str] = Counter()
    for q in quotes:
        if q.speaker:
            words[q.speaker] += word_count(q.text)
    out: dict[str | None, str] = {None: NO_SPEAKER}
    for i, (speaker, _) in enumerate(sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))):
        out[speaker] = PALETTE[i % len(PALETTE)]
    return out


def highlight_speakers(
    article: Article,
    quotes: Sequence[Quote] | None = None,
    *,
    numbers: bool = True,
    paragraphs: Iterable[int] | None = None,
    title: str | None = None,
) -> Highlighted:
    """The article with every quote coloured by its speaker; hover (or Tab to) a quote for its note."""
    quotes = sorted(find_quotes(article) if quotes is None else quotes, key=lambda q: (q.start, -q.end))
    text = article.text
    for q in quotes:
        if text[q.start : q.end] != q.text:
            raise ValueError(f"quote {q.text!r} does not match the article at [{q.start}, {q.end})")
    colours = speaker_colours(quotes)
    uid = f"mlq-{next(_ids)}"
    keep = set(paragraphs) if paragraphs is not None else None
    head = title if title is not None else article.title
    parts = [f"<style>{CSS}</style>", f"<div class='ml-article' id='{uid}'>"]
    if head:
        parts.append(f"<h3>{escape(head)}</h3>")
    notes: list[str] = []
    for pi, para in enumerate(article.paragraphs):
        if keep is not None and pi not in keep:
            continue
        cls = " class='ml-pno'" if numbers else ""
        parts.append(f"<p{cls} data-n='{pi + 1}'>")
        inside = [q for q in quotes if q.start < para.end and q.end > para.start]
        cuts = sorted(
            {para.start, para.end} | {max(para.start, q.start) for q in inside} | {min(para.end, q.end) for q in inside}
        )
        for a, b in itertools.pairwise(cuts):
            chunk = escape(text[a:b])
            cover = sorted((q for q in inside if q.start <= a and q.end >= b), key=lambda q: q.end - q.start)
            if not cover:
                parts.append(chunk)
                continue
            inner = cover[0]
            note = "\n".join(f"{q.speaker or 'No speaker named'} · {q.kind}: {q.note}" for q in cover)
            nid = f"{uid}-n{len(notes)}"
            notes.append(f"<span class='ml-sr' id='{nid}'>{escape(note)}</span>")
            focus = " tabindex='0'" if any(q.start == a for q in cover) else ""
            border = "box-shadow:inset 0 -2px 0 #333;" if inner.kind in ("scare", "unmarked") else ""
            parts.append(
                f"<mark style='background:{colours.get(inner.speaker, NO_SPEAKER)};{border}' "
                f"data-note='{escape(note, quote=True)}' data-kind='{escape(inner.kind, quote=True)}' "
                f"aria-describedby='{nid}'{focus}>{chunk}</mark>"
            )
        parts.append("</p>")
    parts.extend(notes)
    parts.append(_legend(quotes, colours))
    parts.append("</div>")
    return Highlighted("".join(parts), head or "")


def _legend(quotes: Sequence[Quote], colours: dict[str | None, str]) -> str:
    if not quotes:
        return "<div class='ml-legend ml-empty'>No quotes found.</div>"
    counts = Counter(q.speaker for q in quotes)
    rows = []
    for speaker, colour in colours.items():
        if speaker not in counts:
            continue
        name = speaker or "no speaker named"
        rows.append(
            f"<span class='ml-key'><i style='background:{colour}'></i>{escape(name)} ({counts[speaker]})</span>"
        )
    return (
        "<div class='ml-legend' role='note'><b>Speakers:</b> "
        + "".join(rows)
        + "<br><small>Underlined: scare quotes and unmarked speech. Hover over a quote to read the note.</small></div>"
    )


def plot_voices(article: Article, ax: Any = None, *, silent: int = 6):
    """A bar chart: quoted words per speaker, split by kind, and the actors that are talked about but never quoted.

    Returns the matplotlib Figure. ``silent`` is how many silent actors to show (most mentioned first).
    """
    import matplotlib.pyplot as plt

    vs = voices(article)
    quiet = silent_actors(article)[:silent]
    labels = [v.label for v in vs] + [f"{a.name} (never quoted)" for a in quiet]
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 0.45 * max(3, len(labels)) + 1.2))
    else:
        fig = ax.figure
    y = list(range(len(labels)))[::-1]
    lefts = [0.0] * len(labels)
    for kind, colour in KIND_COLOURS.items():
        widths = [sum(word_count(q.text) for q in v.quotes if q.kind == kind) for v in vs] + [0] * len(quiet)
        if any(widths):
            ax.barh(y, widths, left=lefts, color=colour, label=kind, edgecolor="white")
            lefts = [a + b for a, b in zip(lefts, widths, strict=True)]
    total = max(lefts, default=0) or 1
    for yi, v in zip(y, vs, strict=False):
        ax.text(
            v.words + total * 0.01, yi, f"{v.count} quote(s), {v.share:.0%} of quoted words", va="center", fontsize=8
        )
    for yi, a in zip(y[len(vs) :], quiet, strict=True):
        ax.text(total * 0.01, yi, f"mentioned {a.mentions} time(s), quoted 0", va="center", fontsize=8, color="#555")
    ax.set_yticks(y)
    ax.set_yticklabels(labels)
    ax.set_xlabel("quoted words")
    ax.set_xlim(0, total * 1.8)
    ax.set_title("Who speaks, how much, and who is only talked about")
    if vs:
        ax.legend(title="kind of quote", loc="lower right", fontsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


@dataclass(frozen=True)
class Table:
    """A small table that shows itself as escaped HTML in a notebook, and as text when printed."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""

    def _repr_html_(self) -> str:
        head = "".join(f"<th style='text-align:left'>{escape(h)}</th>" for h in self.header)
        body = "".join(
            "<tr>" + "".join(f"<td style='text-align:left'>{escape(c)}</td>" for c in row) + "</tr>"
            for row in self.rows
        )
        cap = f"<caption style='text-align:left'>{escape(self.caption)}</caption>" if self.caption else ""
        return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def __str__(self) -> str:
        widths = [max(len(r[i]) for r in (self.header, *self.rows)) for i in range(len(self.header))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in (self.header, *self.rows)]
        return "\n".join(([self.caption] if self.caption else []) + lines)


def verb_table(article: Article) -> Table:
    """The reporting verbs the article uses for its quotes: how often, their class, and what each implies."""
    from .quotes import cue_verb

    used: Counter[str] = Counter(q.cue for q in find_quotes(article) if q.cue)
    rows = []
    for verb, n in sorted(used.items(), key=lambda kv: (-kv[1], kv[0])):
        info = cue_verb(verb)
        if info is None:
            continue
        term, category, why = info
        rows.append((verb, str(n), category, why))
    return Table(
        ("verb", "times", "class", "what it suggests"),
        tuple(rows),
        "Reporting verbs used to introduce the quotes",
    )


def kinds_table() -> Table:
    """The four kinds of quotation and what each does to the reader."""
    return Table(
        ("kind", "what it does to the reader"),
        tuple((k, v[0].upper() + v[1:] + ".") for k, v in KIND_EFFECT.items()),
    )
