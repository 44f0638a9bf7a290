"""The capstone: a student's own article through all four analyses, side by side with the case study.

Notebook 05 lets a student paste an article (or upload a text file), runs
``analyze`` on it, shows every layer, compares it with the case study and
ends with a short written verdict. The logic lives here rather than in
notebook cells so it can be tested, and so every cell of the notebook is one
line a student can read.

Two parts:

- **pure helpers** that take text or an ``Analysis`` and return plain data
  or escaped HTML: ``read_text``/``read_upload`` (never raise on bad input:
  they return a ``Reading`` whose messages say kindly what went wrong),
  ``summarise``, ``compare_rows``, ``contrasts`` and the ``*_html`` views;
- **``OwnArticleWorkbench``**, the widget: a paste box, a file upload and an
  "Analyse" button. It is an ``Exercise``, so the pasted text is saved in
  the answers store after every change and comes back after a restart. Its
  views (``bench.view("voices")`` and so on) are live: analysing a new text
  updates every section of the notebook without re-running a cell.

Everything from the article, a file name or a title is escaped before it is
shown (``widgets.base.esc`` or ``medialit.render``). Charts are drawn with
matplotlib's object API (no pyplot), so a view never leaks a figure into the
notebook, and embedded as PNG images.
"""

from __future__ import annotations

import base64
import io
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from .analysis import Analysis, analyze
from .article import Article, ArticleWarning, decode_bytes, load_article
from .framing import frame_label
from .render import highlight
from .scoring import Score, score
from .widgets.base import Exercise, button, esc, short

if TYPE_CHECKING:
    from .answers import AnswerStore
    from .keys import Key

__all__ = [
    "CASE_STUDY",
    "LAYER_NAMES",
    "VERDICT_QUESTIONS",
    "KeyCheck",
    "Message",
    "OwnArticleWorkbench",
    "Reading",
    "Summary",
    "UploadedFile",
    "compare_html",
    "compare_rows",
    "contrasts",
    "figure_html",
    "frames_html",
    "kit_vs_key",
    "layer_counts",
    "loaded_html",
    "loaded_rows",
    "read_html",
    "read_text",
    "read_upload",
    "summarise",
    "translation_html",
    "translation_rows",
    "trust_html",
    "uploaded_files",
    "voice_rows",
    "voices_html",
]

#: The article every other text is compared with.
CASE_STUDY = "rt-nato-russia-2022-01-12"
NOTEBOOK = "05_your_own_article"

#: What the upload button offers. Other files are still read if they are text.
ACCEPTED_FILES = ".txt,.md,.markdown,.text,.html,.htm"

#: Longer texts are analysed but not saved in the answers folder (one JSON file per exercise).
MAX_SAVED_CHARS = 1_000_000

#: Below this many words the counts say little; the student is told so.
SHORT_TEXT_WORDS = 80

#: The four layers as the capstone shows them. "framing" here is *who acts*
#: (passives, necessity, hidden actors); frame cue words have their own view.
LAYER_NAMES: dict[str, str] = {
    "quotes": "Quotes",
    "framing": "Hidden doers",
    "loaded": "Loaded terms",
    "translation": "Translation traces",
}

_BINARY_SUFFIXES = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".pages", ".epub", ".png", ".jpg", ".jpeg", ".zip"}

_BOX = "font:14px/1.5 system-ui,sans-serif;max-width:52em"
_TABLE = "border-collapse:collapse;font:13px/1.4 system-ui,sans-serif;margin:.3em 0"
_CELL = "border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top"


# ================================================================ reading text
@dataclass(frozen=True, slots=True)
class Message:
    """Something the student should know about their text: ``level`` is info, warning or error."""

    level: str
    text: str

    def html(self) -> str:
        sym, colour = {"error": ("⚠", "#b00020"), "warning": ("⚠", "#8a5a00"), "info": ("ℹ", "#1a5fb4")}.get(
            self.level, ("ℹ", "#1a5fb4")
        )
        return f"<p style='margin:.2em 0;color:{colour}'>{sym} {esc(self.text)}</p>"


@dataclass(frozen=True, slots=True)
class Reading:
    """The outcome of reading a pasted text or a file: an article, or messages saying why not."""

    article: Article | None
    messages: tuple[Message, ...] = ()

    @property
    def ok(self) -> bool:
        return self.article is not None

    def html(self) -> str:
        return "".join(m.html() for m in self.messages)


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """One uploaded file: its name and its bytes."""

    name: str
    data: bytes


def uploaded_files(value: Any) -> list[UploadedFile]:
    """The files in a ``FileUpload.value``, whatever the ipywidgets version.

    ipywidgets 8 gives a tuple of dicts with ``name`` and ``content`` (a
    ``memoryview``); ipywidgets 7 gave a dict ``{name: {"metadata": ...,
    "content": bytes}}``. Entries without content are skipped.
    """
    if not value:
        return []
    if isinstance(value, Mapping):  # ipywidgets 7
        entries = [{"name": name, **(v if isinstance(v, Mapping) else {})} for name, v in value.items()]
    else:
        entries = [e for e in value if isinstance(e, Mapping)]
    out = []
    for e in entries:
        content = e.get("content")
        if content is None:
            continue
        if isinstance(content, memoryview):
            data = content.tobytes()
        elif isinstance(content, (bytes, bytearray)):
            data = bytes(content)
        else:
            continue
        name = str(e.get("name") or (e.get("metadata") or {}).get("name") or "uploaded file")
        out.append(UploadedFile(name, data))
    return out


def read_text(text: str, title: str | None = None, *, meta: Mapping[str, Any] | None = None) -> Reading:
    """Make an article from pasted text; problems become kind messages, never exceptions.

    Empty text, binary junk or a text beyond ``MAX_CHARS`` give an error
    message; pasted HTML is turned into plain text with a warning (from
    ``Article.from_text``); a very short text gets a note that counts mean
    little on a few sentences.
    """
    if not isinstance(text, str):
        return Reading(None, (Message("error", "There is no text to read: paste the article's words in the box."),))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            article = Article.from_text(text, title=(title or "").strip() or None, meta=dict(meta or {}))
        except (ValueError, TypeError) as e:
            return Reading(None, (Message("error", _sentence(str(e))),))
    messages = [Message("warning", str(c.message)) for c in caught if issubclass(c.category, ArticleWarning)]
    if not any("a" <= c <= "z" for c in article.text[:100_000].lower()):
        messages.append(
            Message(
                "warning",
                "This text has no English letters at all. The kit's word lists are for English news; if you expected "
                "English, the file may be damaged or saved in an unusual way: copy and paste the words instead.",
            )
        )
    n = article.word_count
    if n < SHORT_TEXT_WORDS:
        messages.append(
            Message(
                "info",
                f"This text has only {n} word{'s' if n != 1 else ''}. The kit works on it, but counts and shares "
                "mean little on a few sentences: a whole article works best.",
            )
        )
    return Reading(article, tuple(messages))


def read_upload(name: str, data: bytes, title: str | None = None) -> Reading:
    """Make an article from an uploaded file's bytes (.txt, .md, .html; UTF-8, UTF-16 or Windows-1252)."""
    suffix = Path(name).suffix.lower()
    shown = Path(name).name or "the file"
    if suffix in _BINARY_SUFFIXES:
        return Reading(
            None,
            (
                Message(
                    "error",
                    f"“{shown}” is a {suffix[1:].upper()} file, which the kit cannot read. Open it, select the "
                    "article's words, copy them and paste them in the box (or save them as a .txt file and upload that).",
                ),
            ),
        )
    try:
        text, encoding = decode_bytes(bytes(data), name=f"“{shown}”")
    except ValueError as e:
        return Reading(None, (Message("error", _sentence(str(e))),))
    if title is None and suffix in {".md", ".markdown"}:
        for line in text.splitlines():
            if line.startswith("# "):
                title = line[2:].strip()
                break
    reading = read_text(text, title, meta={"file": shown, "encoding": encoding})
    if not reading.ok:
        return reading
    note = f"Read “{shown}” ({len(text):,} characters, {encoding})."
    if encoding not in {"utf-8", "utf-8-sig"}:
        note += " If some letters look wrong, save the file as UTF-8 and upload it again."
    return Reading(reading.article, (Message("info", note), *reading.messages))


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return "The text could not be read."
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


# ================================================================ summaries
def layer_counts(analysis: Analysis) -> dict[str, int]:
    """Findings per layer, as the capstone counts them (framing = hidden doers, not frame cue words)."""
    return {layer: len(_layer_findings(analysis, layer)) for layer in LAYER_NAMES}


def _layer_findings(analysis: Analysis, layer: str) -> list[Any]:
    return {
        "quotes": analysis.quotes,
        "framing": analysis.passives,
        "loaded": analysis.loaded,
        "translation": analysis.translation,
    }[layer]


@dataclass(frozen=True)
class Summary:
    """The numbers a side-by-side comparison needs, from one ``Analysis``."""

    title: str
    words: int
    counts: dict[str, int]
    voices: tuple[tuple[str, int, float], ...]  # (speaker, quotes, share of quoted words)
    silent: tuple[str, ...]
    loaded_kinds: tuple[tuple[str, int], ...]  # (kind label, count), most frequent first
    generic: tuple[tuple[str, float], ...]  # (frame label, share), highest first
    issue: tuple[tuple[str, float], ...]
    path_source: str | None
    path_confidence: str
    path_route: str

    def per_100(self, layer: str) -> float:
        """Findings of a layer per 100 words (texts of different lengths become comparable)."""
        return 100.0 * self.counts.get(layer, 0) / self.words if self.words else 0.0


def summarise(analysis: Analysis, title: str | None = None) -> Summary:
    """Boil an analysis down to what the comparison table shows."""
    from .quotes import silent_actors

    art = analysis.article
    kinds = Counter(f.label for f in analysis.loaded)
    path = analysis.language_path
    steps = tuple(getattr(path, "steps", ()) or ())
    route = " → ".join(s.language or "copied by a program" for s in steps)
    profile = analysis.frames
    return Summary(
        title=title or display_title(art),
        words=art.word_count,
        counts=layer_counts(analysis),
        voices=tuple((v.label, v.count, v.share) for v in analysis.voices if v.count),
        silent=tuple(a.name for a in silent_actors(art)),
        loaded_kinds=tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        generic=tuple((frame_label(f), s) for f, s in profile.top("generic", 2)) if profile else (),
        issue=tuple((frame_label(f), s) for f, s in profile.top("issue", 3)) if profile else (),
        path_source=getattr(path, "source", None),
        path_confidence=getattr(path, "confidence", "none") or "none",
        path_route=route,
    )


def display_title(article: Article) -> str:
    """The article's title, or its first line, shortened."""
    if article.title:
        return short(article.title, 90)
    first = article.paragraphs[0].text if article.paragraphs else article.text
    return short(first, 90)


def _count(s: Summary, layer: str) -> str:
    n = s.counts.get(layer, 0)
    return f"{n} ({s.per_100(layer):.1f} per 100 words)"


def _pct_list(items: Sequence[tuple[str, float]]) -> str:
    return ", ".join(f"{label} {share:.0%}" for label, share in items) or "no cue words found"


def compare_rows(a: Summary, b: Summary) -> list[tuple[str, str, str]]:
    """Rows (aspect, first article, second article) for the side-by-side table."""

    def voices(s: Summary) -> str:
        if not s.voices:
            return "nobody is quoted"
        top = ", ".join(f"{name} {share:.0%}" for name, _n, share in s.voices[:3])
        more = f" and {len(s.voices) - 3} more" if len(s.voices) > 3 else ""
        return f"{len(s.voices)}: {top}{more}"

    def silent(s: Summary) -> str:
        return ", ".join(s.silent[:4]) + (" …" if len(s.silent) > 4 else "") if s.silent else "nobody"

    def kinds(s: Summary) -> str:
        return ", ".join(f"{label} ×{n}" for label, n in s.loaded_kinds[:3]) or "none"

    def path(s: Summary) -> str:
        if not s.path_source:
            return "no trace of translation found"
        return f"probably from {s.path_source} ({s.path_confidence} evidence): {s.path_route}"

    return [
        ("Title", a.title, b.title),
        ("Length", f"{a.words:,} words", f"{b.words:,} words"),
        ("Quotes", _count(a, "quotes"), _count(b, "quotes")),
        ("Voices quoted (share of quoted words)", voices(a), voices(b)),
        ("Talked about, never quoted", silent(a), silent(b)),
        ("Hidden doers (passives, “forced to”, …)", _count(a, "framing"), _count(b, "framing")),
        ("Loaded terms", _count(a, "loaded"), _count(b, "loaded")),
        ("Most common kinds of loaded terms", kinds(a), kinds(b)),
        ("Top generic frames (cue words)", _pct_list(a.generic), _pct_list(b.generic)),
        ("Top issue frames (cue words)", _pct_list(a.issue), _pct_list(b.issue)),
        ("Translation traces", _count(a, "translation"), _count(b, "translation")),
        ("Language path (the kit's guess)", path(a), path(b)),
    ]


def _more_or_less(x: float, y: float, what: str) -> str:
    """How x compares with y, in words ("more quotes per 100 words than"); small differences are "about as many"."""
    if abs(x - y) < 0.3 or (max(x, y) > 0 and abs(x - y) / max(x, y) < 0.25):
        return f"about as many {what} per 100 words as"
    return f"{'more' if x > y else 'fewer'} {what} per 100 words than"


def contrasts(a: Summary, b: Summary, names: tuple[str, str] = ("your article", "the case study")) -> list[str]:
    """A few plain sentences on the biggest differences between two summaries (for reading, not scoring)."""
    first, second = names
    out = []
    for layer in ("quotes", "loaded", "framing", "translation"):
        x, y = a.per_100(layer), b.per_100(layer)
        label = LAYER_NAMES[layer].lower()
        if not x and not y:
            out.append(f"Neither text has any {label} that the kit can find.")
            continue
        out.append(f"{_capital(first)} has {_more_or_less(x, y, label)} {second} ({x:.1f} against {y:.1f}).")
    for name, s in ((first, a), (second, b)):
        if s.voices and s.voices[0][2] >= 0.75:
            out.append(f"In {name}, one voice ({s.voices[0][0]}) supplies {s.voices[0][2]:.0%} of the quoted words.")
        elif not s.voices:
            out.append(f"{_capital(name)} quotes nobody: every claim is in the writer's own voice.")
    if a.issue and b.issue:
        if a.issue[0][0] == b.issue[0][0]:
            out.append(f"Both are mostly about {a.issue[0][0].lower()} (by their cue words).")
        else:
            out.append(
                f"By its cue words, {first} is mostly about {a.issue[0][0].lower()}; "
                f"{second} about {b.issue[0][0].lower()}."
            )
    if a.path_source != b.path_source:

        def where(s: Summary) -> str:
            return f"probably came from {s.path_source}" if s.path_source else "shows no trace of translation"

        out.append(f"The kit thinks {first} {where(a)}, and {second} {where(b)}.")
    return out


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# ================================================================ tables
def voice_rows(analysis: Analysis) -> list[tuple[str, str, str, str, str, str]]:
    """(speaker, quotes, words quoted, share, kinds, reporting verbs) for each quoted voice."""
    rows = []
    for v in analysis.voices:
        if not v.count:
            continue
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(v.kinds.items()))
        verbs = ", ".join(v.cues) or "—"
        rows.append((v.label, str(v.count), str(v.words), f"{v.share:.0%}", kinds, verbs))
    return rows


def loaded_rows(analysis: Analysis) -> list[tuple[str, str, str, str, str]]:
    """(term, times, kind, why it is loaded, neutral alternatives), one row per term and kind, in reading order."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for f in analysis.loaded:
        groups.setdefault((" ".join(f.text.split()).casefold(), f.category), []).append(f)
    rows = []
    for items in groups.values():
        first = items[0]
        rows.append(
            (
                " ".join(first.text.split()),
                str(len(items)),
                first.label,
                first.note,
                " / ".join(first.alternatives) or "—",
            )
        )
    return rows


def translation_rows(analysis: Analysis) -> list[tuple[str, str, str, str, str]]:
    """(paragraph, words, kind, what it suggests, likely meant) for each translation trace."""
    art = analysis.article
    rows = []
    for f in analysis.translation:
        p = art.paragraph_index(f.start)
        rows.append(
            (
                str(p + 1) if p is not None else "—",
                short(f.text, 70),
                f.label,
                f.note,
                " / ".join(f.alternatives) or "—",
            )
        )
    return rows


def table_html(header: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "") -> str:
    """A small table with every cell escaped."""
    head = "".join(f"<th style='{_CELL};background:#f3f3f3'>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td style='{_CELL}'>{esc(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    cap = f"<caption style='text-align:left;font-weight:bold'>{esc(caption)}</caption>" if caption else ""
    return f"<table style='{_TABLE}'>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def figure_html(fig: Any, alt: str) -> str:
    """A matplotlib figure as an embedded PNG (no files, no pyplot state), with alternative text."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f"<img src='data:image/png;base64,{data}' alt='{esc(alt)}' style='max-width:100%'>"


def _figure(width: float, height: float) -> Any:
    """A figure outside pyplot: nothing is shown or kept unless it is embedded."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def _box(*parts: str) -> str:
    return f"<div style='{_BOX}'>" + "".join(parts) + "</div>"


def _p(text: str, italic: bool = False) -> str:
    inner = esc(text)
    return f"<p style='margin:.3em 0'>{'<i>' + inner + '</i>' if italic else inner}</p>"


# ================================================================ views (HTML)
READ_LAYERS: tuple[tuple[str, str], ...] = (
    ("all", "Everything"),
    ("quotes", "Quotes (by speaker)"),
    ("framing", "Hidden doers"),
    ("loaded", "Loaded terms"),
    ("translation", "Translation traces"),
)


def read_html(analysis: Analysis, layer: str = "all") -> str:
    """The article highlighted for one layer ("quotes", "framing", "loaded", "translation") or "all"."""
    from .quotes_view import highlight_speakers

    art = analysis.article
    title = display_title(art)
    if layer == "quotes" and analysis.quotes:
        return _margin(highlight_speakers(art, analysis.quotes, title=title).html)
    if layer == "all":
        found = [*analysis.quotes, *analysis.passives, *analysis.loaded, *analysis.translation]
    else:
        found = list(_layer_findings(analysis, layer))
    head = ""
    if not found:
        what = LAYER_NAMES.get(layer, "findings").lower() if layer != "all" else "findings"
        head = _p(f"The kit finds no {what} in this text.", italic=True)
    return head + _margin(highlight(art, found, numbers=True, title=title).html)


def _margin(page: str) -> str:
    """Room on the left for the paragraph numbers, which a widget would otherwise clip."""
    return f"<div style='padding-left:2.4em'>{page}</div>"


def voices_html(analysis: Analysis, chart: bool = True) -> str:
    """Who is quoted, how much and with which verbs; who is talked about but never quoted; a chart."""
    from .quotes import silent_actors

    rows = voice_rows(analysis)
    silent = silent_actors(analysis.article)
    parts = []
    if rows:
        parts.append(
            table_html(
                ("speaker", "quotes", "words quoted", "share", "kinds", "reporting verbs"), rows, "Who is quoted"
            )
        )
        unnamed = sum(1 for v in analysis.voices if v.count and not v.speaker)
        if unnamed:
            parts.append(_p("“(no speaker named)” collects quotes whose speaker the kit could not tell: can you?"))
    else:
        parts.append(
            _p(
                "The kit finds no quotes in this text: every claim is in the writer's own voice. Check for speech "
                "printed without quote marks (look for I, we, me).",
                italic=True,
            )
        )
    if silent:
        names = ", ".join(f"{a.name} ({a.mentions}×)" for a in silent[:8])
        parts.append(_p(f"Talked about, never quoted: {names}."))
    if chart and (rows or silent):
        from .quotes_view import plot_voices

        fig = _figure(8, 0.45 * max(3, len(rows) + min(6, len(silent))) + 1.2)
        plot_voices(analysis.article, ax=fig.subplots())
        parts.append(figure_html(fig, "Bar chart of quoted words per speaker, and the actors never quoted"))
    return _box(*parts)


def frames_html(analysis: Analysis, chart: bool = True) -> str:
    """The generic and issue frame shares with their cue words, the strongest evidence, and a chart."""
    profile = analysis.frames
    if profile is None:
        return _p("No frame profile for this text.", italic=True)
    parts = [
        "<div style='display:flex;gap:1.5em;flex-wrap:wrap'>",
        "<div><b>Generic frames</b>" + profile.table_html("generic") + "</div>",
        "<div><b>Issue frames</b>" + profile.table_html("issue") + "</div>",
        "</div>",
    ]
    top = profile.top("issue", 1)
    if top:
        frame, share = top[0]
        parts.append(
            f"<p style='margin:.6em 0 .2em'><b>Evidence for the top issue frame, {esc(frame_label(frame))} "
            f"({share:.0%}):</b> the sentences with most cue words (in bold). Do they convince you?</p>"
        )
        parts.append(profile.evidence_html(frame, 3))
    if chart and top:
        from .framing import plot_profiles

        fig = _figure(7, 3.2)
        plot_profiles([profile], group="issue", ax=fig.subplots(), labels=[display_title(analysis.article)[:40]])
        parts.append(figure_html(fig, "Bar chart of the issue frames' shares of cue words"))
    return _box(*parts)


def loaded_html(analysis: Analysis, chart: bool = True) -> str:
    """Every loaded term with its kind, reason and neutral alternatives; where they cluster."""
    rows = loaded_rows(analysis)
    if not rows:
        return _box(
            _p("The kit finds no loaded terms in this text. Read it again: its word list is not a reader.", True)
        )
    total = len(analysis.loaded)
    words = analysis.article.word_count or 1
    parts = [
        _p(f"{total} loaded term{'s' if total != 1 else ''}, {100 * total / words:.1f} per 100 words."),
        table_html(("words", "times", "kind", "why it is loaded", "a neutral version"), rows, "Loaded terms"),
    ]
    if chart:
        from .loaded_plots import plot_density

        fig = _figure(9, 3.4)
        plot_density(analysis.article, analysis.loaded, ax=fig.subplots())
        parts.append(figure_html(fig, "Bar chart of loaded terms per 100 words in each paragraph"))
    return _box(*parts)


def translation_html(analysis: Analysis) -> str:
    """Every translation trace with what it suggests, then the kit's guess at the language path."""
    rows = translation_rows(analysis)
    parts = []
    if rows:
        parts.append(table_html(("¶", "words", "kind", "what it suggests", "likely meant"), rows, "Translation traces"))
    else:
        parts.append(_p("The kit finds no translation traces in this text.", italic=True))
    path = analysis.language_path
    if path is not None:
        parts.append("<p style='margin:.6em 0 .2em'><b>The language path: the kit's guess, earliest first</b></p>")
        parts.append(path._repr_html_())
    return _box(*parts)


def compare_html(
    own: Analysis,
    other: Analysis | None,
    labels: tuple[str, str] = ("Your article", "Case study"),
    chart: bool = True,
    same_text: bool = False,
    missing: str = CASE_STUDY,
) -> str:
    """Both articles side by side: counts per layer, voices, frames, language path; then the differences.

    ``other`` None means the comparison article (``missing``) could not be loaded; the view says so.
    """
    if other is None:
        return _box(
            _p(
                f"The case study ({missing}) is not in this kit's data folder, so there is nothing to compare "
                "with. Ask your instructor to copy it back into data/articles/.",
                italic=True,
            )
        )
    a, b = summarise(own), summarise(other)
    parts = []
    if same_text:
        parts.append(
            _p(
                "You are looking at the case study itself, so both columns are the same. Paste your own article "
                "in the box under “Bring your article” and press “Analyse this text” to see a real comparison.",
                italic=True,
            )
        )
    parts.append(table_html(("", *labels), compare_rows(a, b)))
    sentences = contrasts(a, b, (labels[0].lower(), "the " + labels[1].lower()))
    parts.append("<p style='margin:.6em 0 .2em'><b>What stands out</b></p><ul style='margin:.2em 0'>")
    parts.extend(f"<li>{esc(s)}</li>" for s in sentences)
    parts.append("</ul>")
    if chart:
        from .framing import plot_profiles

        fig = _figure(11, 3.6)
        ax1, ax2 = fig.subplots(1, 2)
        layers = list(LAYER_NAMES)
        ys = range(len(layers))
        ax1.barh([y - 0.2 for y in ys], [a.per_100(la) for la in layers], height=0.4, label=labels[0])
        ax1.barh([y + 0.2 for y in ys], [b.per_100(la) for la in layers], height=0.4, label=labels[1])
        ax1.set_yticks(list(ys), [LAYER_NAMES[la] for la in layers])
        ax1.invert_yaxis()
        ax1.set_xlabel("findings per 100 words")
        ax1.legend(fontsize=8, loc="lower right")
        ax1.set_title("Findings per 100 words", fontsize=10)
        plot_profiles([own.frames, other.frames], group="issue", ax=ax2, labels=list(labels))
        ax2.set_title("Issue frames (share of cue words)", fontsize=10)
        parts.append(
            figure_html(fig, "Two bar charts comparing the articles: findings per 100 words, and issue frames")
        )
    return _box(*parts)


@dataclass(frozen=True, slots=True)
class KeyCheck:
    """How the kit's findings for one layer compare with an answer key (``score`` is None when not comparable)."""

    layer: str
    score: Score | None
    message: str


def kit_vs_key(analysis: Analysis, key: Key | None) -> list[KeyCheck]:
    """For each layer: how many of the key's entries the kit found, or why that cannot be said."""
    from .framing import key_agency

    out = []
    for layer, name in LAYER_NAMES.items():
        if key is None:
            out.append(KeyCheck(layer, None, f"{name}: no answer key, so nobody has checked the kit here."))
            continue
        expected = key_agency(key) if layer == "framing" else key.layer(layer)
        found = _layer_findings(analysis, layer)
        if not expected:
            out.append(
                KeyCheck(
                    layer,
                    None,
                    f"{name}: the key has no entries for this layer, so the kit's {len(found)} finding(s) "
                    "are unchecked.",
                )
            )
            continue
        s = score(found, expected, layer)
        out.append(
            KeyCheck(
                layer,
                s,
                f"{name}: the kit found {len(s.matched)} of the key's {len(expected)} entries and flagged "
                f"{len(s.extra)} passage(s) the key does not list.",
            )
        )
    return out


def trust_html(analysis: Analysis, key: Key | None, key_problem: str = "") -> str:
    """How far the kit's findings on this text have been checked against a human reading."""
    parts = []
    if key is None:
        parts.append(
            _p(
                key_problem
                or "This text has no answer key, so no person has checked the kit's findings on it. The kit is a "
                "set of rules and word lists, not a reader: treat every highlight as a question to ask the text, "
                "not a verdict. Find one finding you disagree with, and one thing the kit missed."
            )
        )
        return _box(*parts)
    parts.append(
        _p(
            "This text has an answer key written by a person, so you can see how the kit's rules did on it. "
            "Missed entries needed a human reader; extras are passages the key's authors chose not to count."
        )
    )
    parts.append("<ul style='margin:.2em 0'>")
    parts.extend(f"<li>{esc(c.message)}</li>" for c in kit_vs_key(analysis, key))
    parts.append("</ul>")
    return _box(*parts)


# ================================================================ the verdict
#: Civic Online Reasoning's three questions (Stanford History Education Group, now the Digital Inquiry
#: Group): (exercise name, prompt, what a good answer contains). The model answers describe a good
#: answer rather than give one, because every student's article is different.
VERDICT_QUESTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "verdict_who",
        "1. Who is behind this article? Name everyone whose hands it passed through (writer, publisher, any "
        "site that copied or translated it), say how you know, and what each of them might want.",
        "A good answer names each hand the text passed through that you can find (the writer, the publisher, "
        "any site that republished, copied or translated it) and says how you know: a byline, a footer, menu "
        "words the kit flagged as scraper residue, a disclaimer, the language path, or what you found when you "
        "left the page and searched for the publisher (reading laterally). It says what kind of publisher it is "
        "(independent newsroom, state-funded broadcaster, company, campaign or advocacy group) and what it might "
        "want: to inform, to persuade, to sell, to speak for a government. It keeps what you know apart from what "
        'you guess ("probably translated, because ..."). For the case study: RT, a Russian state-funded '
        "broadcaster, then an aggregator site that machine-translated and copied it, as its own footer admits.",
    ),
    (
        "verdict_evidence",
        "2. What is the evidence? Take the article's main claim: what supports it? Use the kit's findings "
        "(voices, loaded terms, hidden doers, translation traces) as evidence for your answer.",
        "A good answer first states the article's main claim in one sentence, then checks what holds it up: "
        "how many named sources speak and from how many sides (the voices table), whether there are documents, "
        "figures or facts a reader could check, and how much rests on the writer's own voice. It points to "
        "loaded words that judge before they argue and to hidden doers that leave out who acted, with one or two "
        "examples quoted exactly. If the text was translated, it says what that does to the quotes: they are a "
        "translator's (or a machine's) wording, not the speaker's exact words. It ends in proportion: which "
        "parts are well supported and which rest on one voice or on word choice alone.",
    ),
    (
        "verdict_other_sources",
        "3. What do other sources say? Find two other reports of the same event (for example a news agency, an "
        "official statement or transcript, a source from the other side). What do they agree on, what does only "
        "this article say, and what does it leave out? End with your verdict in one sentence.",
        "A good answer names the other sources (who published them, when) and says why they were chosen: "
        "independent of this article and of each other, ideally including a primary source (a transcript, an "
        "official statement) and a source from another side. It lists the facts they all agree on, the claims "
        "only this article makes, and what this article leaves out, and it notices differences of framing: the "
        "same facts told as a different story. Without internet in class, the framing notebook's second account "
        "of the same meeting, or a text your teacher gives you, will do. The verdict says what the article can be "
        "trusted for (for example, that a meeting took place and one side's position) and what it cannot (for "
        "example, a fair picture of both sides, or the exact words of a translated quote).",
    ),
)


# ================================================================ the widget
_CASE_CACHE: dict[tuple[str, str], Analysis | None] = {}


def _case_key(slug: str) -> tuple[str, str]:
    from .article import data_dir

    return slug, str(data_dir())


def case_study_analysis(slug: str = CASE_STUDY) -> Analysis | None:
    """The case study's analysis (computed once per kernel), or None when it is not in the data folder."""
    key = _case_key(slug)
    if key not in _CASE_CACHE:
        try:
            _CASE_CACHE[key] = analyze(load_article(slug))
        except (LookupError, ValueError, OSError):
            _CASE_CACHE[key] = None
    return _CASE_CACHE[key]


def _key_for(article: Article) -> tuple[Key | None, str]:
    """The article's key if it came from a folder that has one; else None and why (empty when simply absent)."""
    from .keys import KeyFileError, load_key

    if article.folder is None:
        return None, ""
    try:
        return load_key(article), ""
    except FileNotFoundError:
        return None, ""
    except KeyFileError as e:
        return None, (
            f"This article's key.yml has mistakes, so the kit's findings cannot be checked against it ({e}). "
            f"Your instructor can fix it with: medialit check data/articles/{article.slug}"
        )


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


class OwnArticleWorkbench(Exercise):
    """Paste or upload an article, analyse it, and keep the text in the answers store.

    ``example`` (an ``Article``, usually the notebook's ``ARTICLE``) pre-fills
    the box, so the notebook shows a full analysis before the student has
    done anything. When the box holds the example's text unchanged, the
    example itself is analysed, so its title and its key are used.
    ``view(kind)`` returns a live view of the latest analysis (kinds: read,
    voices, frames, loaded, translation, compare, trust).
    """

    kind = "own_article"
    VIEWS = ("read", "voices", "frames", "loaded", "translation", "compare", "trust")

    def __init__(
        self,
        example: Article | None = None,
        *,
        notebook: str = NOTEBOOK,
        exercise: str = "own_article",
        case_study: str = CASE_STUDY,
        charts: bool = True,
        store: AnswerStore | None = None,
    ) -> None:
        self.example = example
        self.case_study = case_study
        self.charts = charts
        self.article: Article | None = None
        self.analysis: Analysis | None = None
        self.key: Key | None = None
        self.key_problem = ""
        self.origin = "example" if example is not None else "pasted"
        self._views: dict[str, _View] = {}
        self._analysed: tuple[str, str | None, str] | None = None  # the box as last analysed, and what it said
        self._ready = False
        self._restored = False

        self.intro = w.HTML(
            "<p style='margin:.2em 0'><b>Paste the article's text</b> in the box (headline first, then the body), "
            "<b>or upload</b> a plain-text file (.txt, .md or a saved .html page). Then press "
            "<b>Analyse this text</b>. PDF and Word files cannot be read: copy their words and paste them.</p>"
        )
        self.title_box = w.Text(
            description="Title (optional)",
            placeholder="the headline, if it is not the first line",
            continuous_update=False,
            style={"description_width": "initial"},
            layout=w.Layout(width="46em"),
        )
        self.title_box.add_class("ml-own-title")
        self.text = w.Textarea(
            value=example.text if example is not None else "",
            placeholder="Paste the article here.",
            continuous_update=False,
            layout=w.Layout(width="46em", height="14em"),
        )
        self.text.add_class("ml-own-text")
        self.upload = w.FileUpload(accept=ACCEPTED_FILES, multiple=False, description="Upload a file")
        self.upload.add_class("ml-own-upload")
        self.analyse_button = button(
            "Analyse this text",
            button_style="primary",
            icon="search",
            tooltip="Run all four analyses on the text in the box; every section below updates",
        )
        # ml-check: the browser tests' automatic driver presses an exercise's check button.
        self.analyse_button.add_class("ml-check")
        self.analyse_button.add_class("ml-analyse")
        self.example_button = button(
            "Back to the example",
            icon="undo",
            tooltip="Put the example article back in the box and analyse it",
            disabled=example is None,
        )
        self.example_button.add_class("ml-own-example")
        self.message = w.HTML()
        self.message.add_class("ml-feedback-output")
        self.message.add_class("ml-own-message")

        self.text.observe(self._on_edit, names="value")
        self.title_box.observe(self._on_edit, names="value")
        self.upload.observe(self._on_upload, names="value")
        self.analyse_button.on_click(lambda _b: self.analyse())
        self.example_button.on_click(lambda _b: self.use_example())
        super().__init__(
            [
                self.intro,
                self.title_box,
                self.text,
                w.HBox([self.analyse_button, self.upload, self.example_button]),
                self.message,
            ],
            exercise=exercise,
            notebook=notebook,
            store=store,
        )
        self.analyse()
        if self._restored and self.analysis is not None:
            self.message.value = (
                "<p style='margin:.2em 0'>↺ The text you saved last time is back and has been analysed. "
                "To start again from the example, press <b>Back to the example</b>.</p>" + self.message.value
            )
        self._ready = True

    def __repr__(self) -> str:  # the default would print the whole article
        name = display_title(self.analysis.article) if self.analysis else "no text analysed yet"
        return f"<OwnArticleWorkbench: {name}>"

    # ------------------------------------------------------------ input
    def paste(self, text: str, title: str = "") -> Analysis | None:
        """Put ``text`` in the box (what pasting does) and analyse it."""
        with self.quiet():
            self.title_box.value = title
        self.text.value = text
        return self.analyse()

    def use_example(self) -> Analysis | None:
        """Put the example back in the box and analyse it."""
        return self.paste(self.example.text) if self.example is not None else None

    def load_upload(self, value: Any) -> Analysis | None:
        """Read an upload (``FileUpload.value``), put its text in the box and analyse it."""
        files = uploaded_files(value)
        if not files:
            return None
        f = files[0]
        reading = read_upload(f.name, f.data, self.title_box.value.strip() or None)
        if not reading.ok or reading.article is None:
            return self._analyse(reading)  # explains why, and keeps the last analysis
        self.origin = f"file: {Path(f.name).name}"
        with self.quiet():  # one save below, with the origin set
            if reading.article.title and not self.title_box.value.strip():
                self.title_box.value = reading.article.title
            self.text.value = reading.article.text
        self.changed()
        return self._analyse(reading)

    def _on_upload(self, change: dict[str, Any]) -> None:
        if not change.get("new"):
            return
        self.load_upload(change["new"])
        try:
            self.upload.value = ()  # the text is in the box now; do not keep the bytes twice
        except Exception:  # pragma: no cover - an old ipywidgets that refuses to clear from Python
            pass

    def _on_edit(self, _change: Any = None) -> None:
        if self._quiet:
            return
        same = self.example is not None and _normalise(self.text.value) == _normalise(self.example.text)
        if not self.origin.startswith("file:") or same:
            self.origin = "example" if same else "pasted"
        self.changed()
        if self._ready:
            self.message.value = (
                "<p style='margin:.2em 0'>✎ The text has changed: press <b>Analyse this text</b> to update "
                "every section below.</p>"
            )

    # ------------------------------------------------------------ analysis
    def analyse(self) -> Analysis | None:
        """Read the box and run all four analyses; every live view updates. Returns None if the text is unusable."""
        text = self.text.value
        title = self.title_box.value.strip() or None
        if not text.strip() and self.analysis is None:  # nothing yet: an invitation, not an error
            self.message.value = Message(
                "info", "Paste an article in the box (or upload a file), then press “Analyse this text”."
            ).html()
            return None
        if self._analysed is not None and self._analysed[:2] == (_normalise(text), title):
            self.message.value = self._analysed[2]  # the same text again (a second press): nothing to redo
            return self.analysis
        if (
            self.example is not None
            and _normalise(text) == _normalise(self.example.text)
            and title in (None, self.example.title)
        ):
            reading = Reading(self.example, ())
        else:
            meta = {"origin": self.origin}
            reading = read_text(text, title, meta=meta)
        return self._analyse(reading)

    def _analyse(self, reading: Reading) -> Analysis | None:
        if not reading.ok or reading.article is None:
            self.message.value = reading.html() + self._kept_note()
            return None
        article = reading.article
        try:
            analysis = analyze(article)
        except Exception as e:  # the boundary a student sees: explain, never a traceback
            self.message.value = (
                Message(
                    "error",
                    f"The kit could not analyse this text ({type(e).__name__}: {e}). Please show this message "
                    "to your instructor.",
                ).html()
                + self._kept_note()
            )
            return None
        self.article, self.analysis = article, analysis
        if article is self.example and article.slug == self.case_study:
            # the example is the case study: the comparison view needs no second analysis of it
            folder = article.folder
            if (
                folder is not None
                and folder.resolve() == (Path(_case_key(article.slug)[1]) / "articles" / article.slug).resolve()
            ):
                _CASE_CACHE.setdefault(_case_key(article.slug), analysis)
        self.key, self.key_problem = _key_for(article)
        counts = layer_counts(analysis)
        found = ", ".join(f"{n} {LAYER_NAMES[layer].lower()}" for layer, n in counts.items())
        where = "the example article" if article is self.example else "your text"
        self.message.value = (
            f"<p style='margin:.2em 0'>✓ Analysed {where}: <b>{esc(display_title(article))}</b> "
            f"({article.word_count:,} words, {len(article.paragraphs)} paragraphs). The kit found {found}. "
            "Every section below now shows this text.</p>" + reading.html()
        )
        self._analysed = (_normalise(self.text.value), self.title_box.value.strip() or None, self.message.value)
        self.refresh()
        return analysis

    def _kept_note(self) -> str:
        if self.analysis is None:
            return ""
        return (
            "<p style='margin:.2em 0;color:#555'><small>The sections below still show the last text that could "
            f"be read: {esc(display_title(self.analysis.article))}.</small></p>"
        )

    # ------------------------------------------------------------ views
    def view(self, kind: str) -> _View:
        """A live view of the analysis: read, voices, frames, loaded, translation, compare or trust."""
        if kind not in self.VIEWS:
            raise ValueError(f"unknown view {kind!r}; choose one of: {', '.join(self.VIEWS)}")
        v = _View(self, kind)
        self._views[kind] = v  # a re-run cell replaces its view; the old one is off the page
        return v

    def refresh(self) -> None:
        """Re-draw every live view from the latest analysis."""
        for v in self._views.values():
            v.render()

    def render(self, kind: str, layer: str = "all") -> str:
        """The HTML of one view for the latest analysis."""
        a = self.analysis
        if a is None:
            return _p("Paste a text above and press “Analyse this text”.", italic=True)
        if kind == "read":
            return read_html(a, layer)
        if kind == "voices":
            return voices_html(a, chart=self.charts)
        if kind == "frames":
            return frames_html(a, chart=self.charts)
        if kind == "loaded":
            return loaded_html(a, chart=self.charts)
        if kind == "translation":
            return translation_html(a)
        if kind == "compare":
            case = case_study_analysis(self.case_study)
            same = case is not None and _normalise(case.article.text) == _normalise(a.article.text)
            return compare_html(a, case, chart=self.charts, same_text=same, missing=self.case_study)
        if kind == "trust":
            return trust_html(a, self.key, self.key_problem)
        raise ValueError(f"unknown view {kind!r}")

    # ------------------------------------------------------------ saved state
    def answer_state(self) -> dict[str, Any]:
        text = self.text.value
        state: dict[str, Any] = {"kind": self.kind, "title": self.title_box.value, "origin": self.origin}
        if len(text) > MAX_SAVED_CHARS:
            state.update(text="", too_long=len(text))
        else:
            state["text"] = text
        return state

    def apply_answer_state(self, data: dict[str, Any]) -> None:
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            return  # nothing usable saved: keep the example
        self.text.value = text
        self.title_box.value = str(data.get("title") or "")
        self.origin = str(data.get("origin") or "pasted")
        self._restored = self.example is None or _normalise(text) != _normalise(self.example.text)
        if self._ready:  # a new name in the name box: show that student's text
            self.analyse()


class _View(w.VBox):
    """One section of the notebook, redrawn whenever the workbench analyses a new text."""

    def __init__(self, bench: OwnArticleWorkbench, kind: str) -> None:
        self.bench, self.kind = bench, kind
        self.html = w.HTML()
        self.html.add_class(f"ml-own-{kind}")
        children: list[w.Widget] = [self.html]
        self.layer: w.ToggleButtons | None = None
        if kind == "read":
            self.layer = w.ToggleButtons(
                options=[(label, value) for value, label in READ_LAYERS],
                value="all",
                style={"button_width": "auto"},
                tooltips=["Every layer at once"] + [f"Only {label.lower()}" for _v, label in READ_LAYERS[1:]],
            )
            self.layer.add_class("ml-own-layer")
            self.layer.observe(lambda _c: self.render(), names="value")
            children.insert(0, self.layer)
        super().__init__(children)
        self.render()

    def __repr__(self) -> str:  # the default would print the whole HTML
        return f"<view {self.kind!r} of the workbench>"

    def render(self) -> None:
        layer = self.layer.value if self.layer is not None else "all"
        self.html.value = self.bench.render(self.kind, layer)
