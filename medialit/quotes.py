"""Quotes: who gets to speak in an article, in whose words, and with which verb.

``find_quotes(article)`` returns every quoted stretch as a ``Quote``: the
words without their marks, the speaker (canonical name), the reporting verb
and its class, and the *kind* of quotation:

* **direct**: a whole statement in marks, with at most an attribution
  around it ("“...”, said the diplomat.");
* **partial**: a fragment woven into the reporter's own sentence ("involved
  a “frank, direct” conversation");
* **scare**: one or two lower-case words in marks inside the reporter's
  syntax ("the policy of “containing” the country"), which hold the word at a
  distance; after "is", "called" or "as" the marks instead quote someone's
  verdict, so that is a partial quote;
* **unmarked**: a first-person paragraph with no marks at all ("Let me
  stress ...") standing next to someone's quotes.

The work is split into small modules a student can read one at a time:
``quotemarks`` pairs the marks, ``speakers`` knows who is who,
``attribution`` finds reporting verbs and their speakers; this module
decides the kind, picks the speaker for each quote and counts the voices.
Everything is a pure function of ``article.text`` and is computed once per
article (cached), so other analyzers can call ``find_quotes`` freely.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from threading import Lock
from typing import TYPE_CHECKING

from nltk.tokenize import RegexpTokenizer

from .attribution import (
    MASK,
    Cue,
    adjacent_after,
    adjacent_before,
    find_cues,
    trailing_attribution,
    verb_lexicon,
)
from .findings import Quote
from .quotemarks import DOUBLE_MARKS, Stretch, find_stretches
from .spans import Span
from .speakers import Actor, ActorIndex, build_index, speaker_pattern

if TYPE_CHECKING:
    from .article import Article

__all__ = [
    "KIND_EFFECT",
    "ActorSummary",
    "Voice",
    "actors",
    "cue_verb",
    "find_quotes",
    "silent_actors",
    "voices",
    "word_count",
]

#: Words, as the article's NLTK tokenizer cuts them (NATO's, US-led). ``voices`` counts quoted words with
#: NLTK's RegexpTokenizer; the rules below only look at a few words at a time, with the same pattern in ``re``.
_WORD_PATTERN = r"\w+(?:[-'’]\w+)*"
_WORD_TOKENIZER = RegexpTokenizer(_WORD_PATTERN)
_WORDS = re.compile(_WORD_PATTERN)

#: What each kind of quotation does to the reader (the first half of every note).
KIND_EFFECT = {
    "direct": "the reader hears the speaker's own words, but the reporter chose which ones and where they stop",
    "partial": "a fragment of the speaker's words is woven into the reporter's sentence, so the two voices blend",
    "scare": "the marks hold the word at a distance and invite the reader to doubt it without saying why",
    "unmarked": "first-person words printed without marks, so a reader may take them for the reporter's own",
}
#: What a repaired mark means, added to the note.
REPAIR_NOTES = {
    "missing_close": "the closing mark is missing, so the kit ends the quote before the attribution or at the paragraph end",
    "missing_open": "the opening mark is missing, so where the quote starts is a guess",
    "wrong_way": "a mark is the wrong way round (an opening mark used to close, or the reverse)",
    "continues": "the quote runs on into the next paragraph (the news convention: no closing mark)",
    "continued": "this paragraph carries on the quote from the previous one",
}

# Words before a quote that make short marked words someone's verdict (partial), not a scare quote.
_COPULAS = frozenset(
    "is was were are be been being am seems seem seemed remains remain remained looks looked becomes became as".split()
)
_NAMING = frozenset(
    "called call calls calling dubbed dub labelled labeled branded termed named described describes".split()
)
_SKIP_BEFORE_PREDICATE = frozenset(
    "a an the simply very utterly quite so just it them him her this that merely".split()
)
#: Nouns and verbs that introduce a title in marks ("the report “Moving Forward”") rather than speech.
_TITLE_CUES = frozenset(
    """report book novel film movie song album plan programme program campaign strategy initiative study paper article
    column play series show exhibition documentary podcast scheme project manifesto bill motion poem opera musical
    titled entitled headlined known nicknamed dubbed""".split()
)
_STOPWORDS = frozenset(
    """the a an of to in on for and or but is are was were be been it its that this with as at by from not no
    will would should can could may might has have had do does did there their they them he she his her we our
    us i me my you your so if than then""".split()
)
_FIRST_PERSON = re.compile(
    r"(?<![\w’'])(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Uu]s|[Oo]ur|[Oo]urs|[Oo]urselves)(?![\w’'])"
)
_IMPERATIVE = re.compile(r"^(?:Let (?:me|us)|Let's|Make no mistake|Believe me|Mark my words)\b")
#: How many quotes on each side a heading's quote is compared with (to find who says the same words).
_ECHO_WINDOW = 60
#: How far (in characters) around a quote its sentence is read, so one endless "sentence" stays cheap.
_WINDOW = 400
#: How many paragraphs under a heading count as its section.
_SECTION_LIMIT = 40
_SENTENCE_END = re.compile(r"[.!?]+[”\"’»)\]]*[^\S\n]+(?=[A-Z“\"‘«„(\[])")


# --------------------------------------------------------------- results
@dataclass(frozen=True, slots=True)
class Voice:
    """One speaker's share of an article.

    ``quotes`` are the speaker's quotes in reading order; ``words`` the
    number of quoted words; ``share`` their fraction of all quoted words in
    the article; ``kinds`` how many quotes of each kind; ``cues`` the
    reporting verbs used for them. A voice with no quotes (``count == 0``)
    is an actor the article talks about but never quotes.
    """

    speaker: str | None
    type: str
    quotes: tuple[Quote, ...] = ()
    words: int = 0
    share: float = 0.0
    kinds: dict[str, int] = field(default_factory=dict)
    cues: tuple[str, ...] = ()
    mentions: int = 0

    @property
    def count(self) -> int:
        """Number of quotes."""
        return len(self.quotes)

    @property
    def label(self) -> str:
        return self.speaker or "(no speaker named)"


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """An actor the article names: how often, where first, and whether it gets to speak.

    ``also_as`` lists other names counted with it: a capital standing for its
    government ("Kyiv" for Ukraine) is counted with its country.
    """

    name: str
    type: str
    mentions: int
    first: Span
    quoted: bool
    voiced_by: str | None = None
    also_as: tuple[str, ...] = ()


@dataclass
class _Analysis:
    text: str
    quotes: list[Quote]
    index: ActorIndex
    headings: frozenset[int]
    cues: list[Cue]


_CACHE: weakref.WeakKeyDictionary[Article, _Analysis] = weakref.WeakKeyDictionary()
_LOCK = Lock()


# ------------------------------------------------------------- public API
def find_quotes(article: Article | str) -> list[Quote]:
    """Every quotation in the article, in reading order (see the module docstring for the kinds).

    ``q.text`` is the quoted words without their marks and always equals
    ``article.text[q.start:q.end]``. The result is cached per article, so
    calling this from several analyzers costs one analysis.
    """
    return list(_analysis(_as_article(article)).quotes)


def voices(article: Article | str, include_silent: bool = False) -> list[Voice]:
    """Who speaks and how much: one ``Voice`` per speaker, most quoted words first.

    With ``include_silent=True`` the actors that are talked about but never
    quoted are appended as voices with no quotes (``count == 0``), so one
    chart can show who speaks and who is silent.
    """
    article = _as_article(article)
    an = _analysis(article)
    total = sum(word_count(q.text) for q in an.quotes) or 1
    groups: dict[str | None, list[Quote]] = {}
    for q in an.quotes:
        groups.setdefault(q.speaker, []).append(q)
    types = _speaker_types(an)
    mentions = Counter(m.actor.name for m in an.index.mentions)
    out = []
    for speaker, qs in groups.items():
        words = sum(word_count(q.text) for q in qs)
        kinds = Counter(q.kind for q in qs)
        cues = tuple(dict.fromkeys(q.cue for q in qs if q.cue))
        out.append(
            Voice(
                speaker,
                types.get(speaker, "unknown"),
                tuple(qs),
                words,
                words / total,
                dict(kinds),
                cues,
                mentions.get(speaker, 0) if speaker else 0,
            )
        )
    out.sort(key=lambda v: (-v.words, -v.count, v.label))
    if include_silent:
        out.extend(Voice(a.name, a.type, mentions=a.mentions) for a in silent_actors(article))
    return out


def actors(article: Article | str) -> list[ActorSummary]:
    """Every actor the article names outside headings and page furniture, most mentioned first.

    Actors are found by rules (capitalised names with titles, organisation
    words such as "Department", and the gazetteer in ``resources/actors.csv``).
    ``quoted`` is True for actors that speak, and for countries and capitals
    whose officials speak ("Russian Deputy Foreign Minister ..." voices
    Russia and Moscow); ``voiced_by`` names that official.
    """
    article = _as_article(article)
    an = _analysis(article)
    paragraphs = article.paragraphs
    # An ordered dict, not a set: when two officials voice the same country the
    # one quoted first wins, whatever PYTHONHASHSEED is.
    speakers = dict.fromkeys(q.speaker for q in an.quotes if q.speaker)
    voiced: dict[str, str] = {}
    for person in speakers:
        for title in an.index.titles(person):
            for country in _countries_of(title):
                voiced.setdefault(country, person)
    counts: Counter[str] = Counter()
    firsts: dict[str, Span] = {}
    kinds: dict[str, Actor] = {}
    in_body: set[str] = set()
    for m in an.index.mentions:
        name = m.actor.name
        counts[name] += 1
        kinds.setdefault(name, m.actor)
        if name not in firsts:
            firsts[name] = Span(m.start, m.end, an.text[m.start : m.end])
        pi = paragraphs.index_at(m.start)
        if pi is not None and pi not in an.headings:
            in_body.add(name)
    # A capital standing for its government ("the Kiev authorities") counts with its country.
    merged_into: dict[str, list[str]] = {}
    for name, actor in kinds.items():
        if actor.type == "government_seat" and actor.affiliation in in_body and name not in speakers:
            merged_into.setdefault(actor.affiliation, []).append(name)
            counts[actor.affiliation] += counts[name]
            in_body.discard(name)
    out = []
    for name in counts:
        if name not in in_body:
            continue
        actor = kinds[name]
        by = None
        if name in speakers:
            quoted = True
        else:
            by = voiced.get(name) or (voiced.get(actor.affiliation) if actor.affiliation else None)
            quoted = by is not None
        out.append(
            ActorSummary(name, actor.type, counts[name], firsts[name], quoted, by, tuple(merged_into.get(name, ())))
        )
    out.sort(key=lambda a: (-a.mentions, a.first.start))
    return out


def silent_actors(article: Article | str) -> list[ActorSummary]:
    """Actors the article talks about but never quotes (and whose officials do not speak either)."""
    return [a for a in actors(article) if not a.quoted and a.type != "unnamed"]


def cue_verb(form: str) -> tuple[str, str, str] | None:
    """A reporting verb's (dictionary form, class, what it implies), or None if it is not in the lexicon."""
    v = verb_lexicon().get(" ".join(form.lower().split()))
    return (v.term, v.category, v.why) if v else None


# ----------------------------------------------------------- the analysis
def _as_article(article: Article | str) -> Article:
    """Analyzers take an Article; a plain string is made into one (a notebook convenience)."""
    if isinstance(article, str):
        from .article import Article

        return Article.from_text(article)
    return article


def _analysis(article: Article) -> _Analysis:
    with _LOCK:
        cached = _CACHE.get(article)
    if cached is not None and cached.text is article.text:
        return cached
    result = _analyse(article)
    with _LOCK:
        _CACHE[article] = result
    return result


def _analyse(article: Article) -> _Analysis:
    text = article.text
    paras = article.paragraphs
    headings = frozenset(i for i, p in enumerate(paras) if _is_heading(p.text))
    stretches = find_stretches(text, paras, tail=trailing_attribution)
    speech: list[Stretch] = []
    hidden: list[Stretch] = []
    for s in stretches:
        (hidden if _is_title(text, s) else speech).append(s)
    outer = [s for s in speech if s.depth == 0]
    masked = _mask(text, sorted(outer + [s for s in hidden if s.depth == 0], key=lambda s: s.start))
    index = build_index(
        text, [(s.outer_start, s.outer_end) for s in outer], [(s.outer_start, s.outer_end) for s in hidden]
    )
    reader = _Reader(text, masked, paras, headings, index, outer)
    quotes = reader.run(speech)
    return _Analysis(text, quotes, index, headings, reader.all_cues)


class _Reader:
    """Reads one article's quotes: kind and speaker for each stretch, then unmarked speech."""

    def __init__(self, text, masked, paras, headings, index, outer) -> None:
        self.text = text
        self.masked = masked
        self.paras = paras
        self.headings = headings
        self.index = index
        self.outer = outer
        self.by_para: dict[int, list[Stretch]] = {}
        for s in outer:
            self.by_para.setdefault(s.paragraph, []).append(s)
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self._sentence_starts: dict[int, list[int]] = {}
        self._cues: dict[int, list[Cue]] = {}
        self._cue_starts: dict[int, list[int]] = {}
        self.all_cues: list[Cue] = []
        # Where each stretch stands among its paragraph's stretches, for its neighbours (bisect-free and O(1)).
        self.position: dict[int, int] = {}
        for stretches in self.by_para.values():
            for k, o in enumerate(stretches):
                self.position[o.outer_start] = k

    # -- per-paragraph caches -----------------------------------------------
    def sentences(self, pi: int) -> list[tuple[int, int]]:
        if pi not in self._sentences:
            p = self.paras[pi]
            cuts = [p.start] + [m.end() for m in _SENTENCE_END.finditer(self.masked, p.start, p.end)] + [p.end]
            self._sentences[pi] = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
            self._sentence_starts[pi] = [a for a, _ in self._sentences[pi]]
        return self._sentences[pi]

    def cues(self, pi: int) -> list[Cue]:
        if pi not in self._cues:
            p = self.paras[pi]
            self._cues[pi] = find_cues(self.masked, p.start, p.end, self.index)
            self._cue_starts[pi] = [c.start for c in self._cues[pi]]
            self.all_cues.extend(self._cues[pi])
        return self._cues[pi]

    def cues_between(self, pi: int, a: int, b: int) -> list[Cue]:
        """The reporting verbs of paragraph ``pi`` that start in [a, b)."""
        cues = self.cues(pi)
        starts = self._cue_starts[pi]
        return cues[bisect_left(starts, a) : bisect_left(starts, b)]

    def sentence_index(self, pi: int, pos: int) -> int | None:
        sents = self.sentences(pi)
        i = bisect_left(self._sentence_starts[pi], pos + 1) - 1
        return i if i >= 0 and sents[i][0] <= pos < sents[i][1] else None

    def sentence_at(self, pi: int, pos: int) -> tuple[int, int]:
        i = self.sentence_index(pi, pos)
        if i is not None:
            return self.sentences(pi)[i]
        p = self.paras[pi]
        return p.start, p.end

    # -- the pass -------------------------------------------------------------
    def run(self, speech: list[Stretch]) -> list[Quote]:
        found: list[tuple[Stretch, str, Actor | None, Cue | None]] = []
        outer_result: dict[int, tuple[Actor | None, Cue | None]] = {}
        for s in speech:
            if s.depth == 0:
                kind, speaker, cue = self.read_outer(s)
                outer_result[s.outer_start] = (speaker, cue)
            else:
                kind, speaker, cue = self.read_nested(s, outer_result)
            found.append((s, kind, speaker, cue))
        found = self.share_across_paragraphs(found)
        quotes = [self.make_quote(s, kind, speaker, cue) for s, kind, speaker, cue in found]
        quotes.extend(self.unmarked(quotes))
        quotes = self.resolve_headings(quotes)
        quotes.sort(key=lambda q: (q.start, -q.end))
        return quotes

    def read_outer(self, s: Stretch) -> tuple[str, Actor | None, Cue | None]:
        pi = s.paragraph
        ss, _ = self.sentence_at(pi, s.outer_start)
        _, se = self.sentence_at(pi, max(s.outer_start, s.outer_end - 1))
        # A run-on "sentence" of thousands of characters is cut to a window, so the work per quote stays bounded.
        ss, se = max(ss, s.outer_start - _WINDOW), min(se, s.outer_end + _WINDOW)
        siblings = self.by_para.get(pi, [])
        k = self.position[s.outer_start]
        prev_end = max(ss, siblings[k - 1].outer_end) if k > 0 else ss
        next_start = min(se, siblings[k + 1].outer_start) if k + 1 < len(siblings) else se
        prev_end, next_start = min(prev_end, s.outer_start), max(next_start, s.outer_end)
        front = self.masked[prev_end : s.outer_start]
        back = self.masked[s.outer_end : next_start]
        cues = self.cues_between(pi, ss, se)
        # Attributions standing right against the quote ("Grushko said: “...", "“...”, said the diplomat").
        # Only the last verbs before the quote and the first after it can stand right against it.
        lead = [
            c
            for c in self.cues_between(pi, prev_end, s.outer_start)[-2:]
            if adjacent_before(c, self.masked, s.outer_start)
        ]
        trail = [
            c for c in self.cues_between(pi, s.outer_end, next_start)[:2] if adjacent_after(c, self.masked, s.outer_end)
        ]
        kind = self.kind(s, front, back, bool(lead), bool(trail))
        speaker, cue = self.choose(s, cues, front, lead, trail, prev_end, next_start)
        if speaker is None and kind != "scare" and pi not in self.headings:
            speaker, near = self.fallback(s)
            cue = cue or near
        return kind, speaker, cue

    def read_nested(self, s: Stretch, outer_result) -> tuple[str, Actor | None, Cue | None]:
        """A quotation inside a quotation: its speaker is named inside the outer one, or is the outer speaker."""
        host = None
        siblings = self.by_para.get(s.paragraph, [])
        k = bisect_left(siblings, s.outer_start, key=lambda o: o.outer_start) - 1
        if k >= 0 and siblings[k].outer_start < s.outer_start and s.outer_end <= siblings[k].outer_end:
            host = siblings[k]
        words = _WORDS.findall(self.text[s.start : s.end])
        short = len(words) <= 2 and self.text[s.start : s.end][:1].islower()
        inner_text = self.text[host.start : host.end] if host else ""
        front = inner_text[: max(0, s.outer_start - (host.start if host else 0))]
        kind = "scare" if short and not _predicate_before(front) else "partial"
        speaker, cue = None, None
        if host is not None:
            inner_masked = self.text  # the words before the inner quote, unmasked: the outer speaker's own words
            for c in find_cues(inner_masked, max(host.start, s.outer_start - _WINDOW), s.outer_start, self.index):
                if c.speaker is not None and c.end <= s.outer_start:
                    speaker, cue = c.speaker, c
            if speaker is None:
                speaker = outer_result.get(host.outer_start, (None, None))[0]
        return kind, speaker, cue

    # -- kinds -----------------------------------------------------------------
    def kind(self, s: Stretch, front: str, back: str, lead: bool, trail: bool) -> str:
        """direct, partial or scare, from what stands around the quote in its sentence."""
        if "continued" in s.flags:
            return "direct"
        para = self.paras[s.paragraph]
        # The quote is the whole paragraph (a heading in marks): at most a few punctuation marks around it.
        whole_para = (
            s.outer_start - para.start <= 3
            and para.end - s.outer_end <= 3
            and _only_punct(self.text[para.start : s.outer_start])
            and _only_punct(self.text[s.outer_end : para.end])
        )
        if whole_para:
            return "direct"
        front_ok = _only_punct(front) or front.rstrip().endswith(":") or lead
        # "'We have waited ten years': council backs plan": a quote, then a colon, is quoted whole.
        back_ok = _only_punct(back) or trail or back.lstrip().startswith(":")
        if front_ok and back_ok:
            return "direct"
        quoted = self.text[s.start : s.end]
        words = _WORDS.findall(quoted)
        if "so-called" in front[-12:].lower():
            return "scare"
        if len(words) <= 2 and quoted[:1].islower() and not _predicate_before(front):
            return "scare"
        return "partial"

    # -- speakers --------------------------------------------------------------
    def choose(
        self, s: Stretch, cues: list[Cue], front: str, lead: list[Cue], trail: list[Cue], prev_end: int, next_start: int
    ):
        """The speaker and cue for a quote from the cues of its own sentence (None, None if there are none)."""
        before = [c for c in cues if c.end <= s.outer_start]
        spoken = [c for c in cues if c.speaker is not None and not (s.outer_start <= c.start < s.outer_end)]
        chosen: Cue | None = None
        # 1. "postulated by X", "according to X": the words are X's, whatever the sentence's main verb.
        bound = [c for c in spoken if c.how in ("agent", "according") and prev_end <= c.start < next_start]
        if bound:
            chosen = min(bound, key=lambda c: self.distance(s, c))
        # 2. An attribution right against the quote: "“...”, said the diplomat" / "Grushko said: “...”".
        if chosen is None:
            near = [c for c in trail if c.speaker is not None]
            chosen = near[0] if near else None
        if chosen is None:
            near = [c for c in lead if c.speaker is not None]
            chosen = near[-1] if near else None
        # 3. The nearest reporting verb with a speaker anywhere in the sentence; a later
        #    "... and said" opens a new clause, so it yields to a verb before the quote.
        if any(c.end <= s.outer_start for c in spoken):
            spoken = [c for c in spoken if not (c.coordinated and c.start >= s.outer_end)]
        if chosen is None and spoken:
            chosen = min(spoken, key=lambda c: self.distance(s, c))
        if chosen is not None:
            cue = chosen
            if chosen.end <= s.outer_start:
                # "said the diplomat, stressing that ... “...”": the nearer -ing verb is the cue.
                between = [c for c in before if c.participle and c.start > chosen.end]
                if between:
                    cue = between[-1]
            return chosen.speaker, cue
        # 4. A colon introduction: "Hale put it simply: “...”".
        if front.rstrip().endswith(":"):
            actor = self.first_actor(front, s.outer_start - len(front))
            if actor is not None:
                return actor, None
        # 5. No speaker, but a verb right against the quote ("he added: ..." with nobody named): keep the verb.
        if trail:
            return None, trail[0]
        if lead:
            return None, lead[-1]
        participles = [c for c in before if c.participle]
        return None, (participles[-1] if participles else None)

    @staticmethod
    def distance(s: Stretch, c: Cue) -> int:
        return s.outer_start - c.end if c.end <= s.outer_start else c.start - s.outer_end

    def first_actor(self, clause: str, offset: int) -> Actor | None:
        for m in re.finditer(speaker_pattern(), clause):
            actor = self.index.resolve(m.group(), offset + m.start())
            if actor is not None:
                return actor
        return None

    def fallback(self, s: Stretch) -> tuple[Actor | None, Cue | None]:
        """No attribution in the quote's sentence: look at the sentence before, the one after, then earlier paragraphs.

        The verb is kept only when it stands right against the quote ("he said. “If ...").
        """
        pi = s.paragraph
        sents = self.sentences(pi)
        idx = self.sentence_index(pi, s.outer_start)
        if idx is None:
            return None, None
        if idx > 0:
            pa, pb = sents[idx - 1]
            pa = max(pa, pb - _WINDOW)
            prior = [c for c in self.cues_between(pi, pa, pb) if c.speaker is not None]
            if prior:
                c = prior[-1]
                adjacent = _only_punct(self.masked[max(c.end, c.speaker_end) : s.outer_start])
                return c.speaker, (c if adjacent else None)
            actor = self.subject_of(pa, pb)
            if actor is not None:
                return actor, None
        # A sentence with its own (speakerless) verb names its speaker there, not in the next sentence.
        own = self.cues_between(
            pi, max(sents[idx][0], s.outer_start - _WINDOW), min(sents[idx][1], s.outer_end + _WINDOW)
        )
        if idx + 1 < len(sents) and not any(not c.participle for c in own):
            na, nb = sents[idx + 1]
            later = [c for c in self.cues_between(pi, na, min(nb, na + _WINDOW)) if c.speaker is not None]
            if later:
                c = later[0]
                first = min(c.start, c.speaker_start) if c.speaker_start >= 0 else c.start
                return c.speaker, (c if _only_punct(self.masked[s.outer_end : first]) else None)
        for back in (1, 2):
            pj = pi - back
            if pj < 0:
                break
            last = next((c for c in reversed(self.cues(pj)) if c.speaker is not None), None)
            if last is not None:
                return last.speaker, None
            if pj not in self.headings and self.by_para.get(pj):
                break
        return None, None

    def subject_of(self, a: int, b: int) -> Actor | None:
        """The person a sentence is about, when it starts with one ("Nair was more cautious.")."""
        m = _subject_start().match(self.masked, a, min(b, a + 200))
        if m:
            actor = self.index.resolve(m.group(1), m.start(1))
            # Only someone the article has already named: a capitalised first word ("Cycling groups ...")
            # is not a person just because it starts a sentence.
            if actor is not None and (
                actor.type in ("organisation", "unnamed")
                or (actor.type == "person" and actor.name in self.index.persons)
            ):
                return actor
        return None

    def share_across_paragraphs(self, found):
        """A quote that runs over several paragraphs has one speaker: share it along the chain."""
        out = list(found)
        chain: list[int] = []
        for i, (s, *_rest) in enumerate(out):
            if "continued" in s.flags and chain:
                chain.append(i)
            else:
                self._fill_chain(out, chain)
                chain = [i]
            if "continues" not in s.flags:
                self._fill_chain(out, chain)
                chain = []
        self._fill_chain(out, chain)
        return out

    @staticmethod
    def _fill_chain(out, chain: list[int]) -> None:
        if len(chain) < 2:
            return
        known = [(out[i][2], out[i][3]) for i in chain if out[i][2] is not None]
        if not known:
            return
        speaker, cue = known[0]
        for i in chain:
            s, kind, sp, c = out[i]
            if sp is None:
                out[i] = (s, kind, speaker, c)

    # -- unmarked speech ---------------------------------------------------------
    def unmarked(self, quotes: list[Quote]) -> list[Quote]:
        """First-person paragraphs with no marks that stand next to someone's words."""
        by_para: dict[int, list[Quote]] = {}
        for q in quotes:
            pi = self.paras.index_at(q.start)
            if pi is not None:
                by_para.setdefault(pi, []).append(q)
        candidates, plain = [], 0
        for pi, p in enumerate(self.paras):
            if pi in self.headings or pi in by_para or not DOUBLE_MARKS.isdisjoint(p.text):
                continue
            plain += 1
            if len(_WORDS.findall(p.text)) >= 5 and (_FIRST_PERSON.search(p.text) or _IMPERATIVE.match(p.text)):
                candidates.append(pi)
        if len(candidates) > max(3, 0.3 * plain):
            return []  # a first-person article (a column, a blog): its "I" is the writer's
        out = []
        for pi in candidates:
            speaker = None
            if pi - 1 >= 0 and pi - 1 not in self.headings:
                people = [c.speaker for c in self.cues(pi - 1) if c.speaker is not None]
                persons = [a for a in people if a.type == "person"]
                if persons:
                    speaker = persons[-1]
                elif people:
                    speaker = people[-1]
                elif by_para.get(pi - 1):
                    speaker = _actor_of(by_para[pi - 1][-1])
            if speaker is None and pi + 1 < len(self.paras) and by_para.get(pi + 1):
                speaker = _actor_of(by_para[pi + 1][0])
            if speaker is None:
                continue  # first person with nobody quoted nearby: not attributable speech
            p = self.paras[pi]
            out.append(self.make_quote_span(p.start, p.end, "unmarked", speaker, None, frozenset()))
        return out

    # -- quotes in headlines and headings -----------------------------------------
    def resolve_headings(self, quotes: list[Quote]) -> list[Quote]:
        """A heading's quote with no verb: the speaker who says the same words, else the section's main voice."""
        quotes = sorted(quotes, key=lambda q: (q.start, -q.end))
        starts = [q.start for q in quotes]
        out = []
        for i, q in enumerate(quotes):
            pi = self.paras.index_at(q.start)
            if q.speaker is not None or pi not in self.headings:
                out.append(q)
                continue
            # Only nearby quotes are compared, so a long text with many headings stays linear.
            nearby = quotes[max(0, i - _ECHO_WINDOW) : i] + quotes[i + 1 : i + 1 + _ECHO_WINDOW]
            speaker = _echo(q, nearby)
            if speaker is None:
                speaker = self.section_voice(pi, quotes, starts)
            if speaker is not None:
                q = q.with_(speaker=speaker.name, note=_note(q.kind, speaker.name, q.cue, q.cue_category, q.text, ()))
            out.append(q)
        return out

    def section_voice(self, pi: int, quotes: list[Quote], starts: list[int]) -> Actor | None:
        """The most frequent speaker in the paragraphs under a heading (up to the next heading)."""
        votes: Counter[str] = Counter()
        types: dict[str, str] = {}
        pj = pi + 1
        while pj < len(self.paras) and pj not in self.headings and pj - pi <= _SECTION_LIMIT:
            p = self.paras[pj]
            for c in self.cues(pj):
                if c.speaker is not None:
                    votes[c.speaker.name] += 1
                    types[c.speaker.name] = c.speaker.type
            k = bisect_left(starts, p.start)
            while k < len(quotes) and quotes[k].start < p.end:
                if quotes[k].speaker:
                    votes[quotes[k].speaker] += 1
                    types.setdefault(quotes[k].speaker, "person")
                k += 1
            pj += 1
        if not votes:
            return None
        name = votes.most_common(1)[0][0]
        return Actor(name, types.get(name, "person"))

    # -- building the findings ------------------------------------------------------
    def make_quote(self, s: Stretch, kind: str, speaker: Actor | None, cue: Cue | None) -> Quote:
        pi = s.paragraph
        if pi in self.headings and kind == "scare" and speaker is not None:
            kind = "partial"  # a headline's marks report someone's words
        return self.make_quote_span(s.start, s.end, kind, speaker, cue, s.flags)

    def make_quote_span(self, start, end, kind, speaker, cue, flags) -> Quote:
        text = self.text[start:end]
        name = speaker.name if speaker else None
        verb = cue.verb if cue else None
        category = cue.category if cue else None
        return Quote(
            start,
            end,
            text,
            note=_note(kind, name, verb, category, text, flags),
            speaker=name,
            cue=" ".join(verb.split()).lower() if verb else None,
            cue_category=category,
            kind=kind,
        )


# ------------------------------------------------------------------ helpers
def _note(kind: str, speaker: str | None, cue: str | None, category: str | None, text: str, flags) -> str:
    who = f" from {speaker}" if speaker else " (speaker not named)"
    if kind == "scare":
        who = f" (in {speaker}'s words)" if speaker else ""
    verb = ""
    if cue:
        meaning = cue_verb(cue)
        if meaning and category and category != "neutral":
            why = meaning[2][0].lower() + meaning[2][1:].rstrip(".")
            verb = f'; the verb "{" ".join(cue.split())}" is {category} ({why})'
    repairs = "".join(
        f"; {REPAIR_NOTES[f]}"
        for f in ("missing_close", "missing_open", "wrong_way", "continues", "continued")
        if f in flags
    )
    label = {
        "direct": "Direct quote",
        "partial": "Partial quote",
        "scare": "Scare quote",
        "unmarked": "Unmarked speech",
    }[kind]
    return f"{label}{who}: {KIND_EFFECT[kind]}{verb}{repairs}."


def _actor_of(q: Quote) -> Actor | None:
    return Actor(q.speaker, "person") if q.speaker else None


def _echo(q: Quote, quotes: Sequence[Quote]) -> Actor | None:
    """The speaker of another quote that says (mostly) the same words."""
    mine = _content_words(q.text)
    if not mine:
        return None
    best, best_share = None, 0.0
    for other in quotes:
        if other is q or not other.speaker:
            continue
        share = len(mine & _content_words(other.text)) / len(mine)
        if share > best_share:
            best, best_share = other, share
    if best is not None and best_share >= 0.5:
        return Actor(best.speaker, "person")
    return None


@lru_cache(maxsize=4096)
def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in (x.lower() for x in _WORDS.findall(text)) if w not in _STOPWORDS)


@lru_cache(maxsize=1)
def _subject_start() -> re.Pattern[str]:
    return re.compile(rf"\s*({speaker_pattern()})")


def word_count(text: str) -> int:
    """Number of words, cut as the article's NLTK tokenizer cuts them (NATO's and US-led are one word each)."""
    return len(_WORD_TOKENIZER.tokenize(text))


def _only_punct(text: str) -> bool:
    return not any(c.isalnum() for c in text)


def _predicate_before(front: str) -> bool:
    """Do the words before a short quote make it someone's verdict ("was “reckless”", "called the plan “reckless”")?"""
    words = [w.lower() for w in _WORDS.findall(front[-80:])]
    if any(w in _NAMING for w in words[-4:]):
        return True
    while words and words[-1] in _SKIP_BEFORE_PREDICATE:
        words.pop()
    return bool(words) and words[-1] in _COPULAS


def _is_heading(text: str) -> bool:
    """A headline, a section heading or page furniture: short, with no sentence-ending punctuation."""
    stripped = text.rstrip().rstrip("".join(DOUBLE_MARKS) + "’'» ")
    if not stripped:
        return True
    words = _WORDS.findall(text)
    return len(words) <= 15 and stripped[-1] not in ".!?:;,"


def _is_title(text: str, s: Stretch) -> bool:
    """A title in marks ("the report “Moving Riverside Forward”"), not anybody's speech.

    Either right after "titled" / "entitled", or in Title Case (every word of
    four letters or more capitalised) next to a word such as "report", "plan",
    "known as" or "called".
    """
    before = [w.lower().strip(",;:") for w in text[max(0, s.outer_start - 60) : s.outer_start].split()][-3:]
    if before and before[-1] in ("titled", "entitled", "headlined"):
        return True
    if not text[s.start : s.start + 1].isupper() or s.end - s.start > 200:
        return False  # titles start with a capital and are short
    words = [w for w in text[s.start : s.end].split() if w[:1].isalpha()]
    if not words or not all(w[0].isupper() for w in words if len(w) > 3):
        return False
    after = [w.lower().strip(",.;:") for w in text[s.outer_end : s.outer_end + 30].split()][:1]
    near_cue = any(w in _TITLE_CUES for w in before) or any(w in _TITLE_CUES for w in after)
    if before and before[-1] in ("called", "named", "dubbed"):
        near_cue = True
    return near_cue and (len(words) >= 2 or (bool(before) and before[-1] in _TITLE_CUES))


def _mask(text: str, stretches: Sequence[Stretch]) -> str:
    """``text`` with the words inside quote marks replaced by NULs (the final . ! or ? is kept, to end the sentence)."""
    parts = []
    pos = 0
    for s in stretches:
        a, b = s.start, s.end
        if a < pos:
            continue
        keep_end = b - 1 if b > a and text[b - 1] in ".!?" else b
        parts.append(text[pos:a])
        parts.append(MASK * (keep_end - a))
        pos = keep_end
    parts.append(text[pos:])
    out = "".join(parts)
    assert len(out) == len(text)
    return out


@lru_cache(maxsize=1)
def _affiliation_words() -> dict[str, str]:
    """Lower-case gazetteer names and adjectives -> actor ("russian" -> Russia, "nato" -> NATO)."""
    from .speakers import gazetteer

    g = gazetteer()
    out = {name.lower(): actor.name for name, actor in g.by_alias.items()}
    out.update({dem.lower(): actor.name for dem, actor in g.demonyms.items()})
    return out


def _countries_of(title: str) -> list[str]:
    """The body a title word ties a speaker to: "Russian Deputy Foreign Minister" -> Russia; "NATO Secretary General" -> NATO."""
    name = _affiliation_words().get(title.lower())
    return [name] if name else []


def _speaker_types(an: _Analysis) -> dict[str | None, str]:
    types: dict[str | None, str] = {None: "unknown"}
    for c in an.cues:
        if c.speaker is not None:
            types[c.speaker.name] = c.speaker.type
    for m in an.index.mentions:
        types.setdefault(m.actor.name, m.actor.type)
    for q in an.quotes:
        types.setdefault(q.speaker, "person")
    return types
