"""Class agreement: after a marking exercise, how far do the students' readings agree?

Each word of the article (in the exercise's paragraphs) gets one label per
student: marked (1) or not (0). On those labels NLTK's ``AnnotationTask``
gives Krippendorff's alpha for the whole class and Cohen's kappa for every
pair of students. Word level, not span level, because two students who
mark "military bloc" and "US-led military bloc" agree on two words out of
three, and the statistic should say so.

The figure is what an instructor projects after the exercise: the article
with each word shaded by how many students marked it, so the discussion
starts from the passages where the class splits.

Read the numbers with care: most words of any text are marked by nobody,
so raw agreement is always high; alpha and kappa correct for that, which
is why they can be low even when the class "mostly agrees".
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nltk.metrics.agreement import AnnotationTask

from .spans import Span

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .article import Article
    from .findings import Finding

__all__ = ["Agreement", "ClassMarks", "agreement", "class_agreement", "collect", "token_labels", "word_figure"]


@dataclass
class ClassMarks:
    """Every student's marks for one span exercise, read from the answers folder."""

    notebook: str
    exercise: str
    article_slug: str | None
    layer: str
    paragraphs: list[int] | None
    marks: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Agreement:
    """Agreement of one class on one exercise, word by word."""

    article: Article
    students: tuple[str, ...]
    tokens: tuple[Span, ...]
    labels: dict[str, tuple[int, ...]]
    alpha: float | None
    kappa: dict[tuple[str, str], float | None]
    notebook: str = ""
    exercise: str = ""
    layer: str = ""
    paragraphs: tuple[int, ...] | None = None
    notes: tuple[str, ...] = ()

    @property
    def counts(self) -> tuple[int, ...]:
        """For each word, how many students marked it."""
        if not self.labels:
            return tuple(0 for _ in self.tokens)
        return tuple(sum(col) for col in zip(*self.labels.values(), strict=True))

    @property
    def mean_kappa(self) -> float | None:
        values = [k for k in self.kappa.values() if k is not None]
        return sum(values) / len(values) if values else None

    def summary(self) -> str:
        """A few lines for the terminal or a notebook."""
        name = f"{self.notebook} / {self.exercise}" if self.exercise else "exercise"
        lines = [
            f"{name} ({self.article.slug or 'article'}, {self.layer or 'marks'}): "
            f"{len(self.students)} students, {len(self.tokens)} words"
        ]
        if len(self.students) < 2:
            lines.append("  agreement needs at least two students")
            return "\n".join(lines)
        if self.alpha is None:
            lines.append("  Krippendorff's alpha: undefined (every student gave every word the same label)")
        else:
            lines.append(f"  Krippendorff's alpha: {self.alpha:.3f}  ({_describe(self.alpha)})")
        pairs = [(k, v) for k, v in self.kappa.items() if v is not None]
        if pairs:
            lo = min(pairs, key=lambda kv: kv[1])
            hi = max(pairs, key=lambda kv: kv[1])
            lines.append(
                f"  Cohen's kappa, pair by pair: mean {self.mean_kappa:.3f}; "
                f"lowest {lo[0][0]}–{lo[0][1]} {lo[1]:.3f}; highest {hi[0][0]}–{hi[0][1]} {hi[1]:.3f}"
            )
        counts = self.counts
        n = len(self.students)
        split = sum(1 for c in counts if 0 < c < n)
        lines.append(
            f"  words marked by everyone: {sum(1 for c in counts if c == n)}; by some but not all: {split}; "
            f"by nobody: {sum(1 for c in counts if c == 0)}"
        )
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)

    def figure(self, width: int = 88, fontsize: float = 10.0) -> Figure:
        """The article with each word shaded by how many students marked it."""
        title = f"{self.exercise or 'Marks'}: {len(self.students)} students"
        if self.alpha is not None:
            title += f", Krippendorff's alpha {self.alpha:.2f}"
        return word_figure(
            self.article,
            self.tokens,
            self.counts,
            len(self.students),
            title=title,
            paragraphs=self.paragraphs,
            width=width,
            fontsize=fontsize,
        )

    def png(self, dpi: int = 110) -> bytes:
        """The figure as PNG bytes (for ``IPython.display.Image`` or a file)."""
        buf = io.BytesIO()
        self.figure().savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
        return buf.getvalue()

    def __repr__(self) -> str:
        return f"<Agreement {self.summary().splitlines()[0]}>"


def _describe(alpha: float) -> str:
    # Krippendorff's own guide: >= .800 reliable, .667-.800 tentative conclusions only.
    if alpha >= 0.8:
        return "high: the class reads these passages alike"
    if alpha >= 0.667:
        return "moderate: enough for tentative conclusions"
    if alpha > 0:
        return "low: the class reads this text in different ways, worth discussing"
    return "no better than chance"


# ------------------------------------------------------------ computing
def _scope_tokens(article: Article, paragraphs: Iterable[int] | None) -> list[Span]:
    words = [t for t in article.tokens if any(c.isalnum() for c in t.text)]
    if paragraphs is None:
        return words
    paras = [article.paragraphs[i] for i in sorted(set(paragraphs)) if 0 <= i < len(article.paragraphs)]
    out = []
    for p in paras:
        out.extend(t for t in article.tokens.within(p.start, p.end) if any(c.isalnum() for c in t.text))
    return out


def token_labels(tokens: Sequence[Span], spans: Iterable[tuple[int, int]]) -> list[int]:
    """1 for each token that shares at least one character with a span, else 0."""
    spans = sorted((int(s), int(e)) for s, e in spans if e > s)
    labels = [0] * len(tokens)
    j = 0
    for i, t in enumerate(tokens):
        while j < len(spans) and spans[j][1] <= t.start:
            j += 1
        k = j
        while k < len(spans) and spans[k][0] < t.end:
            if spans[k][1] > t.start:
                labels[i] = 1
                break
            k += 1
    return labels


def _as_spans(marks: Iterable[Finding | tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for m in marks:
        if isinstance(m, tuple | list):
            out.append((int(m[0]), int(m[1])))
        else:
            out.append((m.start, m.end))
    return out


def agreement(
    article: Article,
    marks: Mapping[str, Iterable[Finding | tuple[int, int]]],
    *,
    paragraphs: Iterable[int] | None = None,
    notebook: str = "",
    exercise: str = "",
    layer: str = "",
    notes: Sequence[str] = (),
) -> Agreement:
    """Word-level agreement of several students' marks (student -> findings or (start, end) spans)."""
    tokens = _scope_tokens(article, paragraphs)
    students = tuple(sorted(marks))
    labels = {s: tuple(token_labels(tokens, _as_spans(marks[s]))) for s in students}
    alpha: float | None = None
    kappa: dict[tuple[str, str], float | None] = {}
    values = {v for lab in labels.values() for v in lab}
    if len(students) >= 2 and tokens:
        if len(values) > 1:
            data = [(s, i, lab[i]) for s, lab in labels.items() for i in range(len(tokens))]
            alpha = float(AnnotationTask(data=data).alpha())
        for a, b in itertools.combinations(students, 2):
            kappa[(a, b)] = _kappa(labels[a], labels[b])
    return Agreement(
        article=article,
        students=students,
        tokens=tuple(tokens),
        labels=labels,
        alpha=alpha,
        kappa=kappa,
        notebook=notebook,
        exercise=exercise,
        layer=layer,
        paragraphs=tuple(sorted(set(paragraphs))) if paragraphs is not None else None,
        notes=tuple(notes),
    )


def _kappa(a: Sequence[int], b: Sequence[int]) -> float | None:
    """Cohen's kappa of two students (None when both gave every word the same single label)."""
    if len(set(a)) == 1 and set(a) == set(b):
        return None
    task = AnnotationTask(data=[("a", i, x) for i, x in enumerate(a)] + [("b", i, x) for i, x in enumerate(b)])
    return float(task.kappa_pairwise("a", "b"))


# ------------------------------------------------------------ reading a class
def collect(root: str | Path) -> list[ClassMarks]:
    """Every span exercise under an answers folder (``<student>/<notebook>/<exercise>.json``)."""
    root = Path(root)
    groups: dict[tuple[str, str], ClassMarks] = {}
    scopes: dict[tuple[str, str], Counter[str]] = {}
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a folder: give the answers folder, e.g. answers/")
    for student_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for nb_dir in sorted(p for p in student_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
            for f in sorted(nb_dir.glob("*.json")):
                if ".conflict-" in f.name:
                    continue
                try:
                    payload = json.loads(f.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
                data = payload.get("data") if isinstance(payload, dict) else None
                if not isinstance(data, dict) or data.get("kind") != "span":
                    continue
                key = (nb_dir.name, f.stem)
                group = groups.get(key)
                if group is None:
                    group = groups[key] = ClassMarks(
                        nb_dir.name, f.stem, data.get("article"), str(data.get("layer", "")), None
                    )
                    scopes[key] = Counter()
                scopes[key][json.dumps(data.get("paragraphs"))] += 1
                group.marks[student_dir.name] = [m for m in data.get("marks", []) if isinstance(m, dict)]
    for key, group in groups.items():
        group.paragraphs = json.loads(scopes[key].most_common(1)[0][0])
    return [groups[k] for k in sorted(groups)]


def class_agreement(
    root: str | Path, *, notebook: str | None = None, exercise: str | None = None
) -> tuple[list[Agreement], list[str]]:
    """Agreement for every span exercise under ``root``; returns (results, problems)."""
    from .article import load_article

    results, problems = [], []
    for group in collect(root):
        if notebook and group.notebook != notebook:
            continue
        if exercise and group.exercise != exercise:
            continue
        if not group.article_slug:
            problems.append(f"{group.notebook}/{group.exercise}: the answers do not say which article they mark")
            continue
        try:
            article = load_article(group.article_slug)
        except (LookupError, ValueError, OSError) as e:
            problems.append(f"{group.notebook}/{group.exercise}: {e}")
            continue
        marks: dict[str, list[tuple[int, int]]] = {}
        lost = 0
        for student, items in group.marks.items():
            spans = []
            for m in items:
                span = _locate(article, m)
                if span is None:
                    lost += 1
                else:
                    spans.append(span)
            marks[student] = spans
        notes = [f"{lost} saved mark(s) no longer match the article text and were left out"] if lost else []
        results.append(
            agreement(
                article,
                marks,
                paragraphs=group.paragraphs,
                notebook=group.notebook,
                exercise=group.exercise,
                layer=group.layer,
                notes=notes,
            )
        )
    return results, problems


def _locate(article: Article, m: Mapping[str, Any]) -> tuple[int, int] | None:
    try:
        s, e, text = int(m["start"]), int(m["end"]), str(m["text"])
    except (KeyError, TypeError, ValueError):
        return None
    if article.text[s:e] == text:
        return s, e
    hits = article.find_all(text)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h.start - s))
    return best.start, best.end


# ------------------------------------------------------------ the figure
#: Advance width of DejaVu Sans Mono, in ems: with a monospaced font the
#: layout needs no renderer, so the figure is fast and the same everywhere.
_MONO_ADVANCE = 0.602


def word_figure(
    article: Article,
    tokens: Sequence[Span],
    counts: Sequence[int],
    n_students: int,
    *,
    title: str = "",
    paragraphs: Iterable[int] | None = None,
    width: int = 88,
    fontsize: float = 10.0,
) -> Figure:
    """Draw the article with each word shaded by ``counts`` (out of ``n_students``)."""
    from matplotlib import colormaps
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    shown = range(len(article.paragraphs)) if paragraphs is None else [i for i in sorted(set(paragraphs))]
    count_at = {(t.start, t.end): c for t, c in zip(tokens, counts, strict=True)}
    lines: list[tuple[int | None, str, list[tuple[int, int, int]]]] = []  # (para no., text, [(col, len, count)])
    for pi in shown:
        p = article.paragraphs[pi]
        para_tokens = article.tokens.within(p.start, p.end)
        first = True
        for line_start, line_text in _wrap(article.text, p.start, p.end, width):
            boxes = []
            for t in para_tokens:
                if line_start <= t.start and t.end <= line_start + len(line_text):
                    c = count_at.get((t.start, t.end), 0)
                    if c:
                        boxes.append((t.start - line_start, t.end - t.start, c))
            lines.append((pi + 1 if first else None, line_text, boxes))
            first = False
        lines.append((None, "", []))
    if lines:
        lines.pop()

    n = max(1, n_students)
    base = colormaps["YlOrRd"]
    cmap = ListedColormap([base(0.12 + 0.63 * k / n) for k in range(1, n + 1)])
    norm = BoundaryNorm([k + 0.5 for k in range(0, n + 1)], cmap.N)

    char_in = fontsize * _MONO_ADVANCE / 72
    line_in = fontsize * 1.55 / 72
    text_w = width * char_in
    fig_w = text_w + 1.6
    fig_h = max(1.5, len(lines) * line_in + 1.1)
    fig = Figure(figsize=(fig_w, fig_h))
    ax = fig.add_axes((0.5 / fig_w, 0.35 / fig_h, text_w / fig_w, (fig_h - 0.95) / fig_h))
    ax.set_xlim(0, width)
    ax.set_ylim(len(lines), 0)
    ax.axis("off")
    for row, (number, text, boxes) in enumerate(lines):
        for col, length, c in boxes:
            ax.add_patch(Rectangle((col, row + 0.08), length, 0.9, color=cmap(norm(c)), linewidth=0))
        if number is not None:
            ax.text(-1.0, row + 0.78, str(number), ha="right", fontsize=fontsize * 0.8, color="#777777")
        # One text object per word at its own column: a whole line drawn as one
        # string drifts away from the boxes (hinting rounds each advance).
        for m in re.finditer(r"\S+", text):
            ax.text(m.start(), row + 0.78, m.group(), family="DejaVu Sans Mono", fontsize=fontsize, color="#111111")
    if title:
        fig.suptitle(title, x=0.5 / fig_w, ha="left", y=1 - 0.12 / fig_h, va="top", fontsize=fontsize * 1.1)
    sm_ax = fig.add_axes(((0.5 + text_w + 0.25) / fig_w, 0.35 / fig_h, 0.15 / fig_w, min(2.5, fig_h - 0.95) / fig_h))
    from matplotlib.cm import ScalarMappable

    bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), cax=sm_ax, ticks=range(1, n + 1))
    bar.set_label(f"students who marked the word (of {n_students})", fontsize=fontsize * 0.8)
    bar.ax.tick_params(labelsize=fontsize * 0.8)
    return fig


def _wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, str]]:
    """Greedy word wrap of ``text[start:end]``; returns (offset of line start, line text) pairs."""
    lines: list[tuple[int, str]] = []
    line_start: int | None = None
    line_end = start
    for m in re.finditer(r"\S+", text[start:end]):
        a, b = start + m.start(), start + m.end()
        if line_start is None:
            line_start, line_end = a, b
        elif b - line_start <= width:
            line_end = b
        else:
            lines.append((line_start, text[line_start:line_end]))
            line_start, line_end = a, b
        while line_end - line_start > width:  # a single very long "word" (a URL): cut it
            lines.append((line_start, text[line_start : line_start + width]))
            line_start += width
    if line_start is not None:
        lines.append((line_start, text[line_start:line_end]))
    return [(s, t.replace("\n", " ").replace("\t", " ")) for s, t in lines]
