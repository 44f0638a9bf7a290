"""Framing: what a story is about, paragraph by paragraph, and the words that show it.

A frame is the angle that makes some facts matter and others fade: the same
meeting can be a story about security, about fairness, or about who is to
blame. The kit offers two instruments:

* the five **generic news frames** of Semetko & Valkenburg (2000), which a
  student codes with yes/no questions (``generic_frames()``, the
  ``FrameCoder`` widget);
* the 15 **issue frames** of the Media Frames Corpus (Card et al. 2015),
  for which the kit finds cue words (``resources/frame_cues.csv``).

``frame_profile(article)`` scores both from cue words and keeps every cue
as a ``Finding`` (layer "framing", category = the frame, note = why the cue
signals it), so a score can always be traced back to the words behind it.
Cues are evidence for a human coder, not a verdict: the notebook asks
students to accept or reject them.

Agency (passives, necessity, nominalisations, the actor table) lives in
``medialit.agency`` and headlines in ``medialit.headlines``; both are
re-exported here, so ``from medialit.framing import find_passives`` works.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING, Any

import yaml

from .agency import AGENCY_CATEGORIES, ActorTable, actor_mentions, actor_table, find_passives
from .findings import Finding, make_finding, sort_findings
from .headlines import HeadlineNote, headline_check
from .resources import read_csv, read_text
from .spans import Span
from .taxonomy import CATEGORIES

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .article import Article

__all__ = [
    "AGENCY_CATEGORIES",
    "ActorTable",
    "Cue",
    "Evidence",
    "FrameProfile",
    "GENERIC_FRAMES",
    "GenericFrame",
    "HeadlineNote",
    "ISSUE_FRAMES",
    "VoiceSummary",
    "actor_mentions",
    "actor_table",
    "find_passives",
    "frame_cues",
    "frame_profile",
    "generic_frames",
    "headline_check",
    "plot_profiles",
    "voice_summary",
]

GENERIC_FRAMES: tuple[str, ...] = ("conflict", "human_interest", "economic", "morality", "responsibility")
ISSUE_FRAMES: tuple[str, ...] = (
    "economic_mfc",
    "capacity_resources",
    "morality_mfc",
    "fairness_equality",
    "legality",
    "policy",
    "crime_punishment",
    "security_defence",
    "health_safety",
    "quality_of_life",
    "cultural_identity",
    "public_opinion",
    "political",
    "external_regulation",
    "other",
)
GROUPS: dict[str, tuple[str, ...]] = {"generic": GENERIC_FRAMES, "issue": ISSUE_FRAMES}


def frame_label(frame: str) -> str:
    """The student-facing name of a frame ("Security and defence")."""
    cat = CATEGORIES["framing"].get(frame)
    return cat.label if cat else frame.replace("_", " ")


def _short_label(frame: str) -> str:
    """A chart axis's label: the start of ``frame_label``, so it is recognisably the same frame everywhere."""
    label = frame_label(frame)
    return {
        "Economic-consequences frame": "Economic",
        "Legality, constitutionality, jurisprudence": "Legality",
        "Policy prescription and evaluation": "Policy",
        "External regulation and reputation": "External regulation",
    }.get(label, label.replace(" frame", ""))


# ------------------------------------------------------------ generic frames
@dataclass(frozen=True)
class GenericFrame:
    """One of Semetko & Valkenburg's frames with its yes/no questions (kit wording)."""

    name: str
    label: str
    summary: str
    questions: tuple[tuple[str, str], ...]  # (id, text)


@lru_cache(maxsize=1)
def _generic_data() -> dict[str, Any]:
    data = yaml.safe_load(read_text("generic_frames.yml"))
    frames = data.get("frames") or {}
    if tuple(frames) != GENERIC_FRAMES:
        raise ValueError(f"generic_frames.yml must list the frames {GENERIC_FRAMES}, found {tuple(frames)}")
    return data


def generic_frames() -> dict[str, GenericFrame]:
    """The five generic frames with their questions, in the kit's words."""
    out = {}
    for name, f in _generic_data()["frames"].items():
        qs = tuple((str(q["id"]), str(q["text"])) for q in f["questions"])
        out[name] = GenericFrame(name, str(f["label"]), str(f["summary"]), qs)
    return out


def generic_source() -> str:
    """The reference the questions are adapted from."""
    return " ".join(str(_generic_data().get("source", "")).split())


def code_generic(answers: dict[str, bool | None]) -> dict[str, float]:
    """Frame scores from yes/no answers: the share of each frame's questions answered yes.

    Unanswered questions (missing or None) count as no, so a half-finished
    coding shows low scores rather than hiding frames.
    """
    out = {}
    for name, frame in generic_frames().items():
        yes = sum(1 for qid, _ in frame.questions if answers.get(qid) is True)
        out[name] = yes / len(frame.questions)
    return out


# ------------------------------------------------------------------ cues
@dataclass(frozen=True)
class Cue:
    """A cue word or phrase for a frame, as written in frame_cues.csv."""

    frame: str
    cue: str
    weight: float
    note: str
    source: str


@lru_cache(maxsize=1)
def frame_cues() -> tuple[Cue, ...]:
    """The cue lexicon, checked: every frame must be a framing category and every weight positive."""
    out = []
    for line, row in enumerate(read_csv("frame_cues.csv"), 1):
        frame = row["frame"]
        if frame not in GENERIC_FRAMES and frame not in ISSUE_FRAMES:
            raise ValueError(f"frame_cues.csv row {line}: unknown frame {frame!r}")
        try:
            weight = float(row["weight"])
        except ValueError:
            raise ValueError(f"frame_cues.csv row {line}: weight {row['weight']!r} is not a number") from None
        if weight <= 0 or not row["cue"].strip():
            raise ValueError(f"frame_cues.csv row {line}: a cue needs words and a positive weight")
        out.append(Cue(frame, row["cue"].strip().lower(), weight, row["note"], row["source"]))
    return tuple(out)


def _cue_regex(cue: str) -> str:
    parts = []
    for word in cue.split():
        if word.endswith("*"):
            stem = word[:-1]
            pieces = stem.split("*")
            parts.append(r"[\w'-]*".join(re.escape(p) for p in pieces) + r"[\w'-]*")
        else:
            pieces = word.split("*")
            parts.append(r"[\w'-]*".join(re.escape(p) for p in pieces) + r"(?:e?s)?")
    return r"\s+".join(parts)


@lru_cache(maxsize=1)
def _compiled() -> dict[str, tuple[re.Pattern[str], tuple[Cue, ...]]]:
    """One regex per frame: cues longest first, whole words, any case."""
    by_frame: dict[str, list[Cue]] = {}
    for c in frame_cues():
        by_frame.setdefault(c.frame, []).append(c)
    out = {}
    for frame, cues in by_frame.items():
        cues.sort(key=lambda c: (-len(c.cue), c.cue))
        alternatives = "|".join(f"(?P<c{i}>{_cue_regex(c.cue)})" for i, c in enumerate(cues))
        out[frame] = (re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE), tuple(cues))
    return out


_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "\u00a0": " "})


def _fold(text: str) -> str:
    """``text.translate(_FOLD)``, as one ``replace`` per character: ten times faster on a long text."""
    for old, new in _FOLD.items():
        text = text.replace(chr(old), new)
    return text


#: Where a cue can start (a word character with no word character or hyphen before it: the cues' lookbehind),
#: capturing the next few characters up to a space, which say which frames can have a cue there.
_KEY = 4
_CUE_START = re.compile(rf"(?<![\w-])(?=(\w\S{{0,{_KEY - 1}}}))")


@lru_cache(maxsize=1)
def _cue_index() -> tuple[tuple[dict[str, list[str]], ...], tuple[str, ...], tuple[str, ...]]:
    """Which frames have a cue starting with these letters: (by key length, indexed frames, unindexed frames).

    Each frame's regex tries ~20 alternatives at every position, and at
    most words all of them fail. ``_frame_matches`` asks a frame only where
    the text begins with the fixed letters (before any ``*``, at most
    ``_KEY``) of one of its cues. Those letters are ASCII, matched without
    regard to case, so for ASCII text ``lower()`` is exactly the regex's
    case folding; anything else asks every frame (a non-ASCII letter may
    fold to an ASCII one, as the long s does to "s"). A frame with a cue
    that does not start with a fixed letter is left to its own regex.
    """
    by_len: tuple[dict[str, list[str]], ...] = tuple({} for _ in range(_KEY + 1))
    indexed: list[str] = []
    unindexed: list[str] = []
    for frame, (_rx, cues) in _compiled().items():
        keys = [c.cue.split()[0].split("*")[0][:_KEY] if c.cue.split() else "" for c in cues]
        if not all(k and k.isascii() and k[0].isalnum() and not any(ch.isspace() for ch in k) for k in keys):
            unindexed.append(frame)
            continue
        indexed.append(frame)
        for k in keys:
            target = by_len[len(k)].setdefault(k, [])
            if frame not in target:
                target.append(frame)
    return by_len, tuple(indexed), tuple(unindexed)


#: The only non-ASCII characters that an ASCII letter matches when case is ignored (İ ı ſ and the Kelvin sign K).
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


@lru_cache(maxsize=65_536)  # keys are at most _KEY characters, so a text meets a few thousand
def _frames_for(key: str) -> tuple[str, ...]:
    """The frames with a cue whose fixed letters begin ``key`` (a lower-case ASCII key), in frame order."""
    by_len, indexed, _ = _cue_index()
    found = {f for n in range(1, len(key) + 1) for f in by_len[n].get(key[:n], ())}
    return tuple(f for f in indexed if f in found)


def _frame_matches(text: str) -> dict[str, list[re.Match[str]]]:
    """Every frame's cue matches in ``text``: exactly ``rx.finditer(text)`` for each frame, found faster.

    ``finditer`` scans left to right and resumes after each match; a cue can
    only start where ``_CUE_START`` matches, so trying the frame's regex at
    those positions alone (and never inside its previous match) finds the
    same matches.
    """
    compiled = _compiled()
    _, indexed, unindexed = _cue_index()
    hits: dict[str, list[re.Match[str]]] = {f: [] for f in compiled}
    for frame in unindexed:
        hits[frame] = list(compiled[frame][0].finditer(text))
    last_end = dict.fromkeys(indexed, 0)
    for w in _CUE_START.finditer(text):
        key = w.group(1)
        frames: tuple[str, ...] | None = None
        if not key.isascii():
            # cut the key before its first non-ASCII character; if that one may fold to an ASCII letter, ask all
            cut = next(i for i, ch in enumerate(key) if ord(ch) > 127)
            if key[cut] in _FOLDS_TO_ASCII:
                frames = indexed
            key = key[:cut]
        if frames is None:
            frames = _frames_for(key.lower())
        if not frames:
            continue
        p = w.start()
        for frame in frames:
            if p < last_end[frame]:
                continue
            m = compiled[frame][0].match(text, p)
            if m:
                hits[frame].append(m)
                last_end[frame] = m.end()
    return hits


# --------------------------------------------------------------- profile
@dataclass(frozen=True)
class Evidence:
    """A sentence that carries cues for a frame, with the cues and their total weight."""

    sentence: Span
    paragraph: int | None
    cues: tuple[Finding, ...]
    weight: float


@dataclass(frozen=True, eq=False)
class FrameProfile:
    """Scores per frame and the cue findings behind them.

    ``weights[frame]`` is the summed weight of the frame's cues in the text;
    ``scores[frame]`` is that weight's share within its group (generic or
    issue), so the five generic scores add up to 1, as do the issue scores
    (when there is any evidence). ``paragraph_weights[i][frame]`` is the
    weight in paragraph i: the heatmap of how the story moves.
    """

    article: Article = field(repr=False)
    weights: dict[str, float]
    scores: dict[str, float]
    findings: tuple[Finding, ...] = field(repr=False)
    paragraph_weights: tuple[dict[str, float], ...] = field(repr=False)
    words: int = 0
    cue_weights: dict[tuple[int, int, str], float] = field(default_factory=dict, repr=False)

    def group(self, name: str = "issue") -> dict[str, float]:
        """Scores of one group, in the group's order."""
        return {f: self.scores[f] for f in _group(name)}

    def top(self, group: str = "issue", n: int = 3) -> list[tuple[str, float]]:
        """The n highest-scoring frames of a group, highest first (frames with no evidence left out)."""
        ranked = sorted(((f, s) for f, s in self.group(group).items() if s > 0), key=lambda fs: (-fs[1], fs[0]))
        return ranked[:n]

    def rank(self, frame: str, group: str | None = None) -> int:
        """1-based rank of a frame within its group (ties share the better rank)."""
        group = group or ("generic" if frame in GENERIC_FRAMES else "issue")
        mine = self.scores[frame]
        return 1 + sum(1 for f, s in self.group(group).items() if s > mine and f != frame)

    def cues_for(self, frame: str) -> list[Finding]:
        """The cue findings of one frame, in reading order."""
        return [f for f in self.findings if f.category == frame]

    def evidence(self, frame: str, n: int | None = None) -> list[Evidence]:
        """Sentences carrying the frame's cues, strongest first (ties in reading order)."""
        art = self.article
        by_sentence: dict[int, list[Finding]] = {}
        for f in self.cues_for(frame):
            si = art.sentences.index_at(f.start)
            if si is not None:
                by_sentence.setdefault(si, []).append(f)
        out = []
        for si, cues in by_sentence.items():
            s = art.sentences[si]
            weight = sum(self.cue_weights.get((c.start, c.end, c.category), 1.0) for c in cues)
            out.append(Evidence(s, art.paragraph_index(s.start), tuple(cues), weight))
        out.sort(key=lambda e: (-e.weight, e.sentence.start))
        return out[:n] if n is not None else out

    def evidence_html(self, frame: str, n: int = 3) -> str:
        """The top evidence sentences of a frame as escaped HTML with the cues bolded."""
        items = []
        for ev in self.evidence(frame, n):
            s = ev.sentence
            cuts: list[str] = []
            pos = s.start
            for c in sorted(ev.cues, key=lambda c: c.start):
                if c.start < pos:
                    continue
                cuts.append(escape(self.article.text[pos : c.start]))
                cuts.append(f"<b title='{escape(c.note, quote=True)}'>{escape(c.text)}</b>")
                pos = c.end
            cuts.append(escape(self.article.text[pos : s.end]))
            where = f"¶{ev.paragraph + 1}: " if ev.paragraph is not None else ""
            items.append(f"<li>{escape(where)}{''.join(cuts)}</li>")
        if not items:
            return "<p><i>No cue words for this frame in the text.</i></p>"
        return "<ul style='margin:.2em 0'>" + "".join(items) + "</ul>"

    def matrix(self, group: str = "issue", frames: Sequence[str] | None = None) -> tuple[list[str], list[list[float]]]:
        """(frames, rows): weight per paragraph for each frame, for the heatmap."""
        frames = list(frames) if frames is not None else [f for f in _group(group) if self.weights[f] > 0]
        rows = [[pw.get(f, 0.0) for pw in self.paragraph_weights] for f in frames]
        return frames, rows

    def table_html(self, group: str = "issue") -> str:
        """The group's scores as a small HTML table, with the top cue words."""
        rows = []
        for f, s in sorted(self.group(group).items(), key=lambda fs: -fs[1]):
            if s <= 0:
                continue
            words: dict[str, int] = {}
            for c in self.cues_for(f):
                key = c.text.lower()
                words[key] = words.get(key, 0) + 1
            top = ", ".join(
                f"{w} ×{k}" if k > 1 else w for w, k in sorted(words.items(), key=lambda x: (-x[1], x[0]))[:6]
            )
            rows.append(
                f"<tr><td>{escape(frame_label(f))}</td><td style='text-align:right'>{s:.0%}</td>"
                f"<td><small>{escape(top)}</small></td></tr>"
            )
        if not rows:
            rows.append("<tr><td colspan='3'><i>No cue words found.</i></td></tr>")
        return (
            "<table style='border-collapse:collapse;font:13px system-ui,sans-serif' border='1' cellpadding='4'>"
            "<tr><th>Frame</th><th>Share</th><th>Cue words found</th></tr>" + "".join(rows) + "</table>"
        )

    def heatmap(self, ax: Axes | None = None, group: str = "issue", frames: Sequence[str] | None = None) -> Axes:
        """Frames (rows) by paragraph (columns): where in the story each frame appears."""
        import matplotlib.pyplot as plt

        frames_, rows = self.matrix(group, frames)
        if ax is None:
            width = max(6.0, 0.28 * len(self.paragraph_weights) + 2.5)
            _, ax = plt.subplots(figsize=(width, 0.42 * max(1, len(frames_)) + 1.4))
        if not frames_:
            ax.text(0.5, 0.5, "No cue words found", ha="center", va="center")
            ax.set_axis_off()
            return ax
        ax.imshow(rows, aspect="auto", cmap="Reds", interpolation="nearest", vmin=0)
        ax.set_yticks(range(len(frames_)), [_short_label(f) for f in frames_])
        n = len(self.paragraph_weights)
        step = 1 if n <= 30 else max(1, n // 30)
        ax.set_xticks(range(0, n, step), [str(i + 1) for i in range(0, n, step)], fontsize=8)
        ax.set_xlabel("paragraph")
        ax.set_title(f"Where each frame appears: {self.article.title or 'article'}"[:90], fontsize=10)
        return ax

    def bar(self, ax: Axes | None = None, group: str = "issue") -> Axes:
        """A horizontal bar chart of one group's scores."""
        return plot_profiles([self], group=group, ax=ax)


def _group(name: str) -> tuple[str, ...]:
    try:
        return GROUPS[name]
    except KeyError:
        raise KeyError(f"unknown frame group {name!r}; choose 'generic' or 'issue'") from None


def frame_profile(article: Article, paragraphs: Iterable[int] | None = None) -> FrameProfile:
    """Score every generic and issue frame from cue words, keeping the evidence.

    Each cue occurrence becomes a Finding (layer "framing", category = the
    frame, note = why the cue signals it). Within one frame, overlapping cues
    count once (the longest wins); one word may still be evidence for two
    frames ("sanctions": economic and crime). ``paragraphs`` limits the
    profile to some paragraph indexes (for example the body without the
    headline).
    """
    text = _fold(article.text)
    if len(text) != len(article.text):  # pragma: no cover - translate keeps length by construction
        text = article.text
    keep = set(paragraphs) if paragraphs is not None else None
    paras = article.paragraphs
    weights = dict.fromkeys((*GENERIC_FRAMES, *ISSUE_FRAMES), 0.0)
    per_para: list[dict[str, float]] = [{} for _ in paras]
    findings: list[Finding] = []
    cue_weights: dict[tuple[int, int, str], float] = {}
    matches = _frame_matches(text)
    for frame, (_rx, cues) in _compiled().items():
        for m in matches[frame]:
            pi = paras.index_at(m.start())
            if pi is None or (keep is not None and pi not in keep):
                continue
            cue = cues[int(m.lastgroup[1:])] if m.lastgroup else None
            if cue is None:  # pragma: no cover - every alternative is a named group
                continue
            cue_weights[(m.start(), m.end(), frame)] = cue.weight
            findings.append(make_finding(article, m.start(), m.end(), "framing", frame, cue.note))
            weights[frame] += cue.weight
            per_para[pi][frame] = per_para[pi].get(frame, 0.0) + cue.weight
    scores = {}
    for group in GROUPS.values():
        total = sum(weights[f] for f in group)
        for f in group:
            scores[f] = weights[f] / total if total else 0.0
    return FrameProfile(
        article=article,
        weights=weights,
        scores=scores,
        findings=tuple(sort_findings(findings)),
        paragraph_weights=tuple(per_para),
        words=article.word_count,
        cue_weights=cue_weights,
    )


def plot_profiles(
    profiles: Sequence[FrameProfile],
    group: str = "issue",
    ax: Axes | None = None,
    labels: Sequence[str] | None = None,
    frames: Sequence[str] | None = None,
) -> Axes:
    """Grouped horizontal bars: the same frames for several articles, side by side."""
    import matplotlib.pyplot as plt

    if frames is None:
        frames = [f for f in _group(group) if any(p.scores[f] > 0 for p in profiles)]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.45 * max(1, len(frames)) * max(1, len(profiles)) ** 0.5 + 1.2))
    if not frames:
        ax.text(0.5, 0.5, "No cue words found", ha="center", va="center")
        ax.set_axis_off()
        return ax
    labels = (
        list(labels)
        if labels is not None
        else [(p.article.title or f"article {i + 1}")[:50] for i, p in enumerate(profiles)]
    )
    height = 0.8 / max(1, len(profiles))
    for k, p in enumerate(profiles):
        ys = [i + k * height for i in range(len(frames))]
        ax.barh(ys, [p.scores[f] for f in frames], height=height, label=labels[k])
    ax.set_yticks([i + height * (len(profiles) - 1) / 2 for i in range(len(frames))], [_short_label(f) for f in frames])
    ax.invert_yaxis()
    ax.set_xlabel("share of cue weight")
    ax.xaxis.set_major_formatter(lambda x, _pos: f"{x:.0%}")
    if len(profiles) > 1:
        ax.legend(fontsize=8, loc="lower right")
    return ax


# ----------------------------------------------------------------- voices
@dataclass(frozen=True)
class VoiceSummary:
    """Who is quoted and who is only talked about.

    ``quoted`` maps each speaker to the number of words quoted; ``described``
    lists gazetteer actors named in the text who are never quoted;
    ``available`` is False when the quotes analyzer is not installed yet,
    and ``message`` says so.
    """

    quoted: dict[str, int]
    described: tuple[str, ...]
    available: bool = True
    message: str = ""

    def to_html(self) -> str:
        if not self.available:
            return f"<p><i>{escape(self.message)}</i></p>"
        total = sum(self.quoted.values()) or 1
        q = "".join(
            f"<li><b>{escape(s)}</b>: {n} quoted words ({n / total:.0%})</li>"
            for s, n in sorted(self.quoted.items(), key=lambda x: -x[1])
        )
        d = ", ".join(escape(a) for a in self.described) or "nobody"
        return (
            "<div style='font:13px system-ui,sans-serif'><b>Quoted:</b>"
            f"<ul style='margin:.2em 0'>{q or '<li>nobody</li>'}</ul><b>Only described, never quoted:</b> {d}</div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()


def voice_summary(article: Article) -> VoiceSummary:
    """Quoted speakers (from ``medialit.quotes.voices``) against the actors the text only describes.

    The quotes analyzer is a separate module; when it is missing this
    returns a summary with ``available=False`` and a message instead of
    failing, so the framing notebook still runs.
    """
    try:
        from . import quotes
    except ImportError:
        return VoiceSummary({}, (), False, "The quotes analyzer (medialit.quotes) is not installed yet.")
    try:
        try:
            voices = quotes.voices(article, include_silent=True)
        except TypeError:  # an older voices() without silent actors
            voices = quotes.voices(article)
    except NotImplementedError:  # pragma: no cover - a partial quotes module
        return VoiceSummary({}, (), False, "The quotes analyzer cannot list voices yet.")
    quoted: dict[str, int] = {}
    silent: list[str] = []
    for v in voices:
        name = str(getattr(v, "speaker", None) or "(speaker not named)")
        qs = tuple(getattr(v, "quotes", ()) or ())
        words = getattr(v, "words", None)
        if not isinstance(words, int):
            words = sum(len(q.text.split()) for q in qs)
        if qs:
            quoted[name] = quoted.get(name, 0) + int(words)
        elif name not in silent:
            silent.append(name)
    if not silent:
        speakers = " ".join(quoted).lower()
        silent = [
            r.actor
            for r in actor_table(article)
            if r.actor.lower() not in speakers and not any(n.lower() in speakers for n in r.names)
        ]
    described = tuple(silent)
    return VoiceSummary(quoted, described)


def key_agency(key: Any) -> list[Finding]:
    """The key's framing entries that are about agency (not frame cues)."""
    return [f for f in key.layer("framing") if f.category in AGENCY_CATEGORIES]
