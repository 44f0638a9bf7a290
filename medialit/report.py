"""``medialit report``: one printable, self-contained HTML page per article.

A class handout: the article highlighted layer by layer, who speaks, the
frame profile, the loaded-term table, the translation artifacts and the
text's probable journey. Everything is inside the one file (styles inline,
charts as embedded PNG data), so it can be e-mailed, printed or opened
offline. All article text goes through the same escaping renderer as the
notebooks, and the findings are exactly those the notebooks show, because
both come from ``analyze``.
"""

from __future__ import annotations

import base64
import datetime as _dt
import io
from html import escape
from pathlib import Path
from typing import Any

from .agency import AGENCY_CATEGORIES
from .analysis import Analysis, analyze
from .article import Article
from .render import highlight
from .taxonomy import LAYER_LABELS

__all__ = ["build_report", "write_report"]

PAGE_CSS = """
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#111;max-width:60em;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em} h2{margin-top:1.8em;border-bottom:2px solid #333;padding-bottom:.2em}
table.ml-t{border-collapse:collapse;width:100%;font-size:13px;margin:.5em 0}
table.ml-t th,table.ml-t td{border:1px solid #bbb;padding:4px 6px;vertical-align:top;text-align:left}
table.ml-t th{background:#f0f0f0}
.ml-meta{color:#444;font-size:14px} .ml-note{color:#555;font-size:13px}
img.ml-fig{max-width:100%;height:auto;border:1px solid #eee}
nav ol{columns:2;font-size:14px}
@media print{h2{page-break-before:always} h2:first-of-type{page-break-before:auto} nav{display:none}
 .ml-article mark[data-note]::after{display:none}}
"""


def build_report(article: Article | Analysis, *, title: str | None = None) -> str:
    """The report as one HTML document (a string)."""
    result = article if isinstance(article, Analysis) else analyze(article)
    art = result.article
    head = title or art.title or art.slug or "Article"
    sections: list[tuple[str, str, str]] = [
        ("about", "About this text", _about(art, result)),
        ("quotes", "Quotes and voices", _quotes(result)),
        ("framing", "Framing", _framing(result)),
        ("loaded", "Loaded terms", _loaded(result)),
        ("translation", "Translation artifacts", _translation(result)),
    ]
    key_html = _key_comparison(result)
    if key_html:
        sections.append(("key", "The kit compared with the answer key", key_html))
    nav = "".join(f"<li><a href='#{sid}'>{escape(name)}</a></li>" for sid, name, _ in sections)
    body = "".join(f"<h2 id='{sid}'>{escape(name)}</h2>{html}" for sid, name, html in sections)
    stamp = _dt.date.today().isoformat()
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(head)} · medialit report</title><style>{PAGE_CSS}</style></head><body>"
        f"<h1>{escape(head)}</h1>"
        f"<p class='ml-meta'>A medialit report, made {stamp}. Every highlight has a note: hover over it, "
        "or press Tab to move between highlights. Findings come from rules and word lists: "
        "treat them as questions to check, not verdicts.</p>"
        f"<nav><ol>{nav}</ol></nav>{body}</body></html>"
    )


def write_report(article: Article | Analysis, path: str | Path, *, title: str | None = None) -> Path:
    """Write ``build_report`` to ``path`` (UTF-8); returns the path."""
    path = Path(path)
    path.write_text(build_report(article, title=title), encoding="utf-8")
    return path


# ------------------------------------------------------------------ sections
def _about(art: Article, result: Analysis) -> str:
    meta = art.meta or {}
    rows = []
    source = meta.get("source")
    if isinstance(source, dict):
        for k, v in source.items():
            rows.append((k.replace("_", " "), v))
    elif source:
        rows.append(("source", source))
    for field in ("date", "language", "license"):
        if meta.get(field):
            rows.append((field, meta[field]))
    path = meta.get("language_path")
    if isinstance(path, list):
        steps = " → ".join(
            f"{s.get('language', '?')} ({s.get('stage', '')})" if isinstance(s, dict) else str(s) for s in path
        )
        rows.append(("language path (meta.yml)", steps))
    counts = result.counts()
    words = art.word_count
    summary = ", ".join(f"{n} {LAYER_LABELS.get(k, k).lower()}" for k, n in counts.items())
    rows.append(("size", f"{len(art.paragraphs)} paragraphs, {len(art.sentences)} sentences, {words} words"))
    rows.append(("findings", summary or "none"))
    table = _table(("", ""), [(escape(str(k)), escape(str(v))) for k, v in rows], header=False)
    notes = f"<p class='ml-note'>{escape(str(meta['notes']))}</p>" if meta.get("notes") else ""
    return table + notes


def _quotes(result: Analysis) -> str:
    from .quotes_view import plot_voices

    parts = []
    rows = []
    for v in result.voices:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(v.kinds.items()))
        cues = ", ".join(sorted(set(v.cues)))
        rows.append(
            (
                escape(v.label),
                str(v.count),
                str(v.words),
                f"{v.share:.0%}",
                escape(kinds),
                escape(cues),
            )
        )
    if rows:
        parts.append(_table(("Speaker", "Quotes", "Quoted words", "Share", "Kinds", "Reporting verbs"), rows))
    else:
        parts.append("<p>No quotes found.</p>")
    parts.append(_figure(lambda: plot_voices(result.article), "Who speaks, and who is only talked about"))
    parts.append(highlight(result.article, result.quotes, title="").html)
    return "".join(parts)


def _framing(result: Analysis) -> str:
    profile = result.frames
    parts = []
    if profile is not None:
        parts.append("<h3>Issue frames (Media Frames Corpus dimensions)</h3>")
        parts.append(profile.table_html("issue"))
        parts.append("<h3>Generic news frames</h3>")
        parts.append(profile.table_html("generic"))

        def heat():
            import matplotlib.pyplot as plt

            fig, ax = plt.subplots(figsize=(9, 3.8), layout="constrained")
            profile.heatmap(ax=ax)
            return fig

        parts.append(_figure(heat, "Where each frame appears, paragraph by paragraph"))
    agency = [f for f in result.passives if f.category in AGENCY_CATEGORIES]
    parts.append("<h3>Who acts? Passives, forced actions and hidden actors</h3>")
    parts.append(highlight(result.article, agency, title="").html)
    return "".join(parts)


def _loaded(result: Analysis) -> str:
    from .loaded_plots import plot_density

    rows = [(escape(f.text), escape(f.label), escape(f.note), escape("; ".join(f.alternatives))) for f in result.loaded]
    parts = [
        _table(("Words", "Category", "Why it is loaded", "Neutral alternatives"), rows)
        if rows
        else "<p>No loaded terms found.</p>"
    ]
    if rows:
        parts.append(_figure(lambda: plot_density(result.article, result.loaded).figure, "Loaded terms per paragraph"))
    parts.append(highlight(result.article, result.loaded, title="").html)
    return "".join(parts)


def _translation(result: Analysis) -> str:
    path = result.language_path
    parts = []
    if path is not None:
        parts.append(f"<p><b>{escape(path.summary)}</b></p>")
        steps = "".join(
            f"<li><b>{escape(s.language or 'Copying')}</b>: {escape(s.stage)}"
            + (f"<br><small>{escape('; '.join(s.reasons))}</small>" if s.reasons else "")
            + "</li>"
            for s in path.steps
        )
        if steps:
            parts.append(f"<ol>{steps}</ol>")
    rows = [
        (escape(f.text), escape(f.label), escape(f.note), escape("; ".join(f.alternatives))) for f in result.translation
    ]
    parts.append(
        _table(("Words", "Trace", "What it suggests", "Probably meant"), rows)
        if rows
        else "<p>No traces of machine translation found.</p>"
    )
    parts.append(highlight(result.article, result.translation, title="").html)
    return "".join(parts)


def _key_comparison(result: Analysis) -> str:
    from .keys import KeyFileError, load_key
    from .scoring import score

    try:
        key = load_key(result.article)
    except (FileNotFoundError, KeyFileError):
        return ""
    layers = (
        ("quotes", result.quotes),
        ("loaded", result.loaded),
        ("translation", result.translation),
        ("framing", [f for f in result.passives if f.category in AGENCY_CATEGORIES]),
    )
    rows = []
    for layer, found in layers:
        expected = [f for f in key.layer(layer) if layer != "framing" or f.category in AGENCY_CATEGORIES]
        if not expected:
            continue
        s = score(found, expected)
        rows.append(
            (
                escape(LAYER_LABELS[layer]),
                str(len(expected)),
                str(len(s.matched)),
                str(len(s.missed)),
                str(len(s.extra)),
                f"{s.precision:.2f}",
                f"{s.recall:.2f}",
            )
        )
    if not rows:
        return ""
    return (
        "<p class='ml-note'>How many of the key's items the kit's rules found (recall) and how many of the kit's "
        "findings the key lists (precision). For instructors: a low number is a reason to look at the text.</p>"
        + _table(("Layer", "In key", "Found", "Missed", "Extra", "Precision", "Recall"), rows)
    )


# ------------------------------------------------------------------ helpers
def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]], *, header: bool = True) -> str:
    """An HTML table from already-escaped cells."""
    head = "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers) + "</tr>" if header else ""
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table class='ml-t'>{head}{body}</table>"


def _figure(make: Any, caption: str) -> str:
    """Run a plotting function and embed its figure as PNG data (no external files)."""
    import matplotlib.pyplot as plt

    fig = make()
    fig = getattr(fig, "figure", fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (
        f"<figure><img class='ml-fig' alt='{escape(caption, quote=True)}' src='data:image/png;base64,{data}'>"
        f"<figcaption class='ml-note'>{escape(caption)}</figcaption></figure>"
    )
