"""Translation artifacts: reading how a text travelled from the traces it carries.

A machine-translated text keeps marks of its source: false friends ("Luck
for peace" for *une chance pour la paix*), phrases copied word by word
("the four awarded" for *les quatre heures imparties*), the source's quote
typography (a space before ”), sentence-cased quotes, repeated
attributions, name spellings from another alphabet, and the furniture of the
web page it was copied from. Each trace tells a student something about the
route, and so about how far to trust the exact wording, above all inside
quote marks.

``find_translation_artifacts(article)`` returns the traces as findings on
the "translation" layer; ``language_path(article)`` turns them into an
explained guess at the route; ``reconstruction_feedback(guess, finding)``
checks a student's reconstruction of the intended wording, tolerantly.

Every detector is a rule or a lexicon (``medialit/resources``), never the
case study's sentences, so the module works on any machine-translated news.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nltk.metrics.distance import edit_distance

from .cache import memo
from .findings import Finding
from .translation_base import LANGUAGE_NAMES, TextIndex, Trace
from .translation_marks import (
    broken_sentence_traces,
    capitalization_traces,
    duplication_traces,
    quote_typography_traces,
    scan_marks,
)
from .translation_names import transliteration_traces
from .translation_page import disclaimer_traces, scraper_residue_traces
from .translation_rules import lexical_traces

if TYPE_CHECKING:
    from .article import Article

__all__ = [
    "DETECTORS",
    "LanguagePath",
    "PathStep",
    "Trace",
    "find_translation_artifacts",
    "language_path",
    "reconstruction_feedback",
    "trace_translation_artifacts",
]

#: Findings of these categories come from lexicons and carry a likely intended wording.
LEXICAL = ("false_friend", "calque", "spelling")
#: Categories whose spans are page furniture, not the article's own words.
PAGE = ("scraper_residue", "disclaimer")


def _lexical(article: Article, index: TextIndex, marks: list) -> list[Trace]:
    return lexical_traces(article, index)


#: category -> detector(article, index, marks) -> traces. Categories share detectors where one scan finds both.
DETECTORS: dict[str, Callable[[Article, TextIndex, list], list[Trace]]] = {
    "lexicon (false_friend, calque, spelling)": _lexical,
    "quote_typography": lambda a, i, m: quote_typography_traces(a, m),
    "capitalization (+ broken_sentence)": lambda a, i, m: capitalization_traces(a, i, m),
    "duplication": lambda a, i, m: duplication_traces(a, i),
    "broken_sentence": lambda a, i, m: broken_sentence_traces(a),
    "transliteration": lambda a, i, m: transliteration_traces(a),
    "scraper_residue": lambda a, i, m: scraper_residue_traces(a),
    "disclaimer": lambda a, i, m: disclaimer_traces(a, i),
}


def trace_translation_artifacts(article: Article) -> list[Trace]:
    """Every trace (finding + the languages it points to), overlaps resolved, in reading order.

    Computed once per article (``medialit.cache``): ``find_translation_artifacts``
    and ``language_path`` both read it. The detectors are part of the key, so
    adding one to ``DETECTORS`` is seen at once.
    """
    traces = memo(article, ("translation_traces", tuple(DETECTORS.items())), lambda: tuple(_trace(article)))
    return list(traces)


def _trace(article: Article) -> list[Trace]:
    index = TextIndex(article.text)
    marks = scan_marks(article)
    traces: list[Trace] = []
    for detect in DETECTORS.values():
        traces.extend(detect(article, index, marks))
    return _resolve(traces)


def find_translation_artifacts(article: Article) -> list[Finding]:
    """Traces of translation and automatic copying, as findings on the "translation" layer.

    Each finding's ``note`` says what the trace suggests about the text's
    route; ``alternatives`` holds the likely intended wording where there is
    one ("A chance for peace" for "Luck for peace").
    """
    return [t.finding for t in trace_translation_artifacts(article)]


class _SpanSet:
    """Spans sorted by start, for overlap and containment questions in logarithmic time.

    ``_resolve`` asks "does this finding overlap any of those?" for every
    finding; with a sorted list and the longest span's length, each question
    looks at a handful of neighbours, so 1 MB of text stays linear.
    """

    def __init__(self, traces: Iterable[Trace]) -> None:
        self.items = sorted(traces, key=lambda t: t.finding.start)
        self.starts = [t.finding.start for t in self.items]
        self.longest = max((t.finding.end - t.finding.start for t in self.items), default=0)

    def near(self, s: int, e: int) -> Iterable[Trace]:
        i = bisect_left(self.starts, s - self.longest)
        while i < len(self.items) and self.starts[i] < e:
            yield self.items[i]
            i += 1

    def overlapping(self, t: Trace) -> list[Trace]:
        s, e = t.finding.start, t.finding.end
        return [x for x in self.near(s, e) if x is not t and x.finding.start < e and s < x.finding.end]

    def containing(self, t: Trace) -> bool:
        s, e = t.finding.start, t.finding.end
        return any(x is not t and x.finding.start <= s and e <= x.finding.end for x in self.near(s, e))


def _resolve(traces: list[Trace]) -> list[Trace]:
    """One finding per place: drop what another, more telling finding already explains.

    * Anything inside page furniture or a disclaimer is not the article's text.
    * A lower-case sentence start explained by a lost quote mark, a repeated
      attribution or a broken sentence is not a separate trace.
    * A capital after a quote mark on a false friend ("“Remember") is folded
      into the false friend's note, so the student sees one mark there.
    * Overlapping lexicon matches keep the longer one.
    """

    def cat(t: Trace) -> str:
        return t.finding.category

    page = _SpanSet(t for t in traces if cat(t) in PAGE)
    kept = [t for t in traces if cat(t) in PAGE or not page.containing(t)]

    explaining = _SpanSet(t for t in kept if cat(t) in ("quote_typography", "duplication", "broken_sentence"))

    def explained(t: Trace) -> bool:
        if cat(t) == "capitalization" and t.evidence == "lower-case sentence start":
            return bool(explaining.overlapping(t))
        if cat(t) == "broken_sentence" and t.evidence == "sentence cut in the wrong place":
            return any(cat(x) != "broken_sentence" for x in explaining.overlapping(t))
        return False

    kept = [t for t in kept if not explained(t)]

    lexical = sorted(
        (t for t in kept if cat(t) in LEXICAL), key=lambda t: (t.finding.start - t.finding.end, t.finding.start)
    )
    chosen_starts: list[int] = []
    chosen: list[Trace] = []
    for t in lexical:
        s, e = t.finding.start, t.finding.end
        i = bisect_left(chosen_starts, s)
        if i < len(chosen) and chosen[i].finding.start < e:
            continue
        if i > 0 and chosen[i - 1].finding.end > s:
            continue
        chosen_starts.insert(i, s)
        chosen.insert(i, t)
    others = [t for t in kept if cat(t) not in LEXICAL]

    capitals = _SpanSet(o for o in others if cat(o) == "capitalization")
    folded: set[int] = set()
    final_lexical = []
    for t in chosen:
        caps = capitals.overlapping(t)
        if caps:
            f = t.finding
            t = Trace(
                f.with_(note=f.note + " Its capital letter after the quote mark is a second machine trace."),
                t.languages,
                t.evidence,
            )
            folded.update(id(c) for c in caps)
        final_lexical.append(t)
    others = [o for o in others if id(o) not in folded]

    seen: set[tuple[int, int, str]] = set()
    out = []
    for t in sorted(final_lexical + others, key=lambda t: (t.finding.start, -t.finding.end, cat(t))):
        k = (t.finding.start, t.finding.end, cat(t))
        if k not in seen:
            seen.add(k)
            out.append(t)
    return out


# ------------------------------------------------------------ language path
@dataclass(frozen=True)
class PathStep:
    """One stage of a text's route, with the reasons and findings behind it."""

    language: str | None
    stage: str
    reasons: tuple[str, ...]
    evidence: tuple[Finding, ...] = field(default=(), repr=False)

    def __str__(self) -> str:
        head = f"{self.language}: {self.stage}" if self.language else self.stage
        return f"{head} ({'; '.join(self.reasons)})" if self.reasons else head


@dataclass(frozen=True)
class LanguagePath:
    """An explainable guess at how a text travelled, earliest stage first.

    ``source`` is the language the English was most probably made from
    (None when nothing points to one); ``confidence`` is "strong",
    "moderate", "weak" or "none"; ``summary`` is one readable sentence.
    """

    steps: tuple[PathStep, ...]
    summary: str
    evidence: tuple[Finding, ...]
    source: str | None = None
    confidence: str = "none"

    def explain(self) -> str:
        """The summary, then one line per step."""
        lines = [self.summary]
        lines += [f"{i}. {step}" for i, step in enumerate(self.steps, 1)]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain()

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li><b>{html.escape(s.language or 'Copying')}</b>: {html.escape(s.stage)}"
            + (f"<br><small>{html.escape('; '.join(s.reasons))}</small>" if s.reasons else "")
            + "</li>"
            for s in self.steps
        )
        return (
            f"<div class='ml-path'><p>{html.escape(self.summary)}</p>"
            + (f"<ol>{items}</ol>" if items else "")
            + f"<p><small>Confidence: {html.escape(self.confidence)}</small></p></div>"
        )


#: evidence label -> (one, many): how a count of each kind of trace reads
_PHRASES: dict[str, tuple[str, str]] = {
    "false friend": ("1 false friend", "{n} false friends"),
    "word-for-word calque": ("1 word-for-word calque", "{n} word-for-word calques"),
    "wrong-word spelling": ("1 wrong-word spelling", "{n} wrong-word spellings"),
    "French quote spacing": ("French quote spacing in 1 place", "French quote spacing in {n} places"),
    "quote mark facing the wrong way": ("1 quote mark facing the wrong way", "{n} quote marks facing the wrong way"),
    "quote mark lost": ("1 lost quote mark", "{n} lost quote marks"),
    "capital after an opening quote mark": (
        "1 capital after an opening quote mark",
        "{n} capitals after opening quote marks",
    ),
    "lower-case sentence start": ("1 lower-case sentence start", "{n} lower-case sentence starts"),
    "sentence cut in the wrong place": ("1 sentence cut in the wrong place", "{n} sentences cut in the wrong place"),
    "sentences glued together": ("1 pair of sentences glued together", "{n} pairs of sentences glued together"),
    "sentence cut off": ("1 sentence cut off", "{n} sentences cut off"),
    "repeated attribution": ("1 repeated attribution", "{n} repeated attributions"),
    "word doubled around a quote mark": ("1 word doubled around a quote mark", "{n} words doubled around quote marks"),
    "word doubled": ("1 doubled word", "{n} doubled words"),
    "sentence repeated": ("1 repeated sentence", "{n} repeated sentences"),
    "mixed quote styles": ("mixed quote styles", "mixed quote styles in {n} places"),
    "guillemets « » carried over": ("quote marks « » kept from the source", "quote marks « » kept in {n} places"),
    "low-high marks „ “ carried over": ("quote marks „ “ kept from the source", "quote marks „ “ kept in {n} places"),
    "name spelled two ways": ("1 inconsistent name spelling", "{n} inconsistent name spellings"),
    "mixed spellings of a name": ("1 inconsistent name spelling", "{n} inconsistent name spellings"),
    "navigation crumbs": ("a line of run-together menu labels", "{n} lines of run-together menu labels"),
    "site name left in the headline": ("the site's name left in the headline", "the site's name left in {n} lines"),
    "web page furniture": ("1 piece of web-page furniture", "{n} pieces of web-page furniture"),
    "the site's own notice": ("the site's own notice", "{n} notices by the site"),
}


def _phrase(label: str, n: int) -> str:
    one, many = _PHRASES.get(label, (f"1 {label}", f"{{n}} × {label}"))
    return one if n == 1 else many.format(n=n)


def language_path(article: Article) -> LanguagePath:
    """Guess the text's route from its traces, and say why.

    Languages are scored from lexical and typographic evidence (false
    friends, calques, quote spacing and marks): the highest is the language
    the English was made from; a trace that fits two languages counts half
    for each. Name spellings from a language that is not the source suggest
    an earlier layer (Russian statements reported in French). Traces that
    say "a program did this" (sentence-cased quotes, repeated attributions,
    lost marks, the site's own notice, page furniture) become the machine
    translation and copying steps. With no traces the answer says so: no
    evidence is not proof of an English original.
    """
    traces = trace_translation_artifacts(article)
    evidence = tuple(t.finding for t in traces)
    if not traces:
        return LanguagePath(
            (),
            "No evidence of translation: the kit found none of the traces it looks for (false friends, word-by-word "
            "phrases, foreign quote marks, name spellings, copying residue). That does not prove the text was written "
            "in English; nothing in it gives a translation away.",
            (),
        )

    score: Counter[str] = Counter()
    exclusive: Counter[str] = Counter()
    per_lang: dict[str, list[Trace]] = {}
    names: dict[str, list[Trace]] = {}
    for t in traces:
        langs = [c for c in t.languages if c in LANGUAGE_NAMES and c != "en"]
        if not langs:
            continue
        if t.finding.category == "transliteration":
            for c in langs:
                names.setdefault(c, []).append(t)
            continue
        for c in langs:
            score[c] += 1.0 / len(langs)
            per_lang.setdefault(c, []).append(t)
            if len(langs) == 1:
                exclusive[c] += 1
    source = max(score, key=lambda c: (exclusive[c], score[c], c == "fr")) if score else None
    if source is None and names:
        source = max(names, key=lambda c: len(names[c]))

    steps: list[PathStep] = []
    summary: list[str] = []
    confidence = "none"
    if source:
        name = LANGUAGE_NAMES[source]
        reasons = _source_reasons(per_lang.get(source, []), source)
        own_names = names.get(source, [])
        if own_names:
            reasons.append(_names_reason(own_names, source))
        variants = [t for t in traces if t.evidence == "name spelled two ways"]
        if variants:
            spelled = ", ".join(sorted({t.finding.text for t in variants}))
            reasons.append(f"{_phrase('name spelled two ways', len(variants))} ({spelled})")
        kinds = len({t.evidence for t in per_lang.get(source, [])}) + (1 if own_names else 0)
        strength = score.get(source, 0) + 0.5 * len(own_names)
        confidence = "strong" if strength >= 4 and kinds >= 2 else "moderate" if strength >= 2 else "weak"
        steps.append(
            PathStep(
                name,
                "the language the English was translated from",
                tuple(reasons),
                tuple(t.finding for t in per_lang.get(source, []) + own_names),
            )
        )
        rivals = [LANGUAGE_NAMES[c] for c in exclusive if c != source and exclusive[c] >= 1]
        also = f" (a few traces point to {' and '.join(rivals)})" if rivals else ""
        summary.append(f"source probably {name}{also}: {', '.join(reasons)}")
    else:
        summary.append("no trace points to a source language")

    earlier = []
    for c, ts in sorted(names.items(), key=lambda kv: -len(kv[1])):
        if c == source:
            continue
        reason = _names_reason(ts, c)
        earlier.append(
            PathStep(
                LANGUAGE_NAMES[c],
                f"an earlier layer: names spelled the {LANGUAGE_NAMES[c]} way",
                (reason,),
                tuple(t.finding for t in ts),
            )
        )
        summary.append(f"earlier {LANGUAGE_NAMES[c]} layer: {reason}")
    steps = earlier + steps

    machine = [t for t in traces if not t.languages and t.finding.category not in (*PAGE, "transliteration")]
    machine += [
        t
        for t in traces
        if t.languages and t.finding.category in ("quote_typography",) and source and source not in t.languages
    ]
    notices = [t for t in traces if t.finding.category == "disclaimer"]
    if machine or notices:
        reasons = [_phrase(label, n) for label, n in Counter(t.evidence for t in machine).most_common()]
        if notices:
            reasons.insert(0, "the site's own notice says so")
        steps.append(
            PathStep(
                "English",
                "machine translation and automatic processing",
                tuple(reasons),
                tuple(t.finding for t in notices + machine),
            )
        )
        summary.append(
            "then machine translation into English"
            + (", as the site's own notice says" if notices else f" ({', '.join(reasons[:3])})")
        )
    residue = [t for t in traces if t.finding.category == "scraper_residue"]
    if residue:
        reasons = [_phrase(label, n) for label, n in Counter(t.evidence for t in residue).most_common()]
        steps.append(
            PathStep(None, "copied from a web page by a program", tuple(reasons), tuple(t.finding for t in residue))
        )
        summary.append(f"copied from a web page by a program ({', '.join(reasons)})")

    text = "; ".join(summary)
    text = text[0].upper() + text[1:] + "."
    if source and confidence == "weak":
        text += " This rests on little evidence: treat it as a hypothesis."
    return LanguagePath(tuple(steps), text, evidence, LANGUAGE_NAMES[source] if source else None, confidence)


def _source_reasons(traces: list[Trace], code: str) -> list[str]:
    """'5 false friends from French (1 fits Russian too)', 'French quote spacing in 3 places'."""
    name = LANGUAGE_NAMES[code]
    groups: dict[str, list[Trace]] = {}
    for t in traces:
        groups.setdefault(t.evidence, []).append(t)
    out = []
    for label, ts in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        phrase = _phrase(label, len(ts))
        if ts[0].finding.category in LEXICAL:
            phrase += f" from {name}"
        shared = [t for t in ts if len(t.languages) > 1]
        if shared:
            others = sorted(
                {LANGUAGE_NAMES[c] for t in shared for c in t.languages if c != code and c in LANGUAGE_NAMES}
            )
            fit = "fits" if len(shared) == 1 else "fit"
            if len(shared) < len(ts):
                phrase += f" ({len(shared)} {fit} {' or '.join(others)} too)"
            else:
                phrase += f" ({'fits' if len(ts) == 1 else 'all fit'} {' or '.join(others)} too)"
        out.append(phrase)
    return out


def _names_reason(traces: list[Trace], code: str) -> str:
    spelled = ", ".join(sorted({t.finding.text for t in traces}))
    kind = {"fr": "French", "de": "German", "pl": "Polish"}.get(code, f"{LANGUAGE_NAMES[code]}-derived")
    return f"{len(traces)} {kind} spelling{'s' if len(traces) != 1 else ''} of names ({spelled})"


# ------------------------------------------------------------ reconstruction
_ARTICLES = {"a", "an", "the"}
#: Words a reconstruction may change without changing its meaning much; content words must match.
_FUNCTION_WORDS = _ARTICLES | {
    "of",
    "for",
    "to",
    "in",
    "on",
    "at",
    "by",
    "from",
    "with",
    "out",
    "into",
    "as",
    "its",
    "their",
}
_PUNCT = re.compile(r"[^\w\s'’-]+")


def _norm_words(s: str) -> list[str]:
    """Casefolded words without punctuation or quote marks."""
    s = unicodedata.normalize("NFKC", s).casefold().replace("’", "'")
    s = _PUNCT.sub(" ", s)
    return [w.strip("'-") for w in s.split() if w.strip("'-")]


def _near(a: str, b: str) -> bool:
    """Same word, a typo away, or the same word with another ending (recall / recalled)."""
    if a == b:
        return True
    if min(len(a), len(b)) >= 4:
        if edit_distance(a, b) <= (1 if max(len(a), len(b)) < 8 else 2):
            return True
        short, long_ = sorted((a, b), key=len)
        if long_.startswith(short) and len(long_) - len(short) <= 3:
            return True
    return False


def _distance(guess: list[str], target: list[str]) -> int:
    """Word-level edit distance (NLTK), counting near-identical words as equal."""
    mapped = [next((t for t in target if _near(g, t)), g) for g in guess]
    return int(edit_distance(mapped, target))


def reconstruction_feedback(guess: str, finding: Finding) -> tuple[bool, str]:
    """Is ``guess`` what the author probably meant at ``finding``? Returns (ok, message).

    The guess is compared with each of the finding's ``alternatives`` after
    normalising (case, punctuation, quote marks), by NLTK's edit distance
    on words, where a word a typo away or with another ending counts as the
    same word. Every content word must match; small words ("a", "the",
    "of", "for") may differ a little, more in longer phrases. A guess that
    contains the whole intended wording plus a little context is accepted
    too. The message always explains, using the finding's note.
    """
    why = finding.note or "No reason was recorded for this one."
    alternatives = [a for a in finding.alternatives if _norm_words(a)]
    words = _norm_words(guess or "")
    if not words:
        return False, "Type what you think the author meant first."
    if not alternatives:
        return False, f"The key gives no single intended wording here, so this cannot be checked automatically. {why}"
    if words == _norm_words(finding.text):
        return False, f"That is the machine's wording, copied as it stands. What did the author mean? {why}"
    best = (10**6, 10**6, 0)  # (content distance, full distance, content words of the target)
    for alt in alternatives:
        target = _norm_words(alt)
        t_content = [t for t in target if t not in _FUNCTION_WORDS]
        if _contains(words, target) and len(words) <= len(target) + 4:
            best = min(best, (0, 0, len(t_content)))
            continue
        dc = _distance([w for w in words if w not in _FUNCTION_WORDS], t_content)
        da = min(
            _distance(words, target),
            _distance([w for w in words if w not in _ARTICLES], [t for t in target if t not in _ARTICLES]),
        )
        slack = 0 if len(target) <= 2 else 1 if len(target) <= 5 else 2
        best = min(best, (dc, max(0, da - slack), len(t_content)))
    dc, extra, n_content = best
    shown = " / ".join(f"“{a}”" for a in alternatives)
    if dc == 0 and extra == 0:
        return True, f"Yes: the key has {shown}. {why}"
    if n_content >= 2 and dc <= 1:
        return False, f"Close, but not quite: the key has {shown}. {why}"
    return False, f"Not quite: the key has {shown}. {why}"


def _contains(words: list[str], target: list[str]) -> bool:
    n = len(target)
    return any(
        all(_near(w, t) for w, t in zip(words[i : i + n], target, strict=True)) for i in range(len(words) - n + 1)
    )


def reconstruction_items(findings: Iterable[Finding], limit: int | None = None) -> list[Finding]:
    """The findings a student can reconstruct (those with an intended wording), in reading order.

    False friends, calques and spellings come first, taken in turn so a
    short exercise mixes the kinds; tentative ones (a note starting
    "Probably") come last within their kind. ``limit`` caps the number.
    """
    usable = [f for f in findings if f.alternatives and f.category in (*LEXICAL, "duplication", "broken_sentence")]
    order = (*LEXICAL, "duplication", "broken_sentence")
    queues = {
        c: sorted(
            (f for f in usable if f.category == c), key=lambda f: (f.note.lower().startswith("probably"), f.start)
        )
        for c in order
    }
    picked: list[Finding] = []
    while any(queues.values()) and (limit is None or len(picked) < limit):
        for c in order:
            if queues[c] and (limit is None or len(picked) < limit):
                picked.append(queues[c].pop(0))
            if c == LEXICAL[-1] and any(queues[x] for x in LEXICAL):
                break  # keep taking lexical items before the others
    return sorted(picked, key=lambda f: f.start)
