"""Loaded terms: word choices that take a position before any argument is made.

NATO becomes "the US-led military bloc", a government "the Kiev authorities",
an adjective ("long-awaited", "rather vague") slips a verdict into the
narration. This module finds such words with a hand-written lexicon
(``resources/loaded_terms.csv``: every row says *why* the word is loaded and
offers neutral alternatives), shows how a text names each actor
(``naming``), puts every term in context (``concordance``) and measures
where the loaded words cluster (``density``).

Scare quotes belong here too, but the quotes module is the one that finds
quote marks; ``find_loaded_terms`` asks it rather than detecting them
twice, so the two notebooks always agree.

Matching (hyphens, inflections, case, context rules, longest match) is the
generic machinery of ``medialit.lexicon``. An article folder may add its own
rows in ``lexicon.csv`` (same columns), merged over the bundled lexicon.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .article import check_course_files
from .findings import Finding, make_finding, sort_findings
from .lexicon import (
    FUNCTION_WORDS,
    Entry,
    LexiconError,
    Match,
    PhraseMatcher,
    Token,
    csv_rows,
    inflections,
    merge_entries,
    read_entries,
    read_file,
    read_rules,
    tokenize,
)
from .resources import read_text
from .spans import Span
from .taxonomy import CATEGORIES

if TYPE_CHECKING:
    from .article import Article

__all__ = [
    "ConcordanceLine",
    "NameUse",
    "NamingTable",
    "ParagraphDensity",
    "RewriteCheck",
    "check_rewrite",
    "concordance",
    "density",
    "find_loaded_terms",
    "lexicon_entries",
    "lexicon_summary",
    "matcher_for",
    "naming",
    "naming_entities",
    "naming_table",
]

LAYER = "loaded"
LEXICON_FILE = "loaded_terms.csv"
CONTEXT_FILE = "loaded_contexts.csv"
NAMING_FILE = "naming.csv"
ARTICLE_LEXICON = "lexicon.csv"

SCARE_NOTE = "In quote marks to cast doubt; see the Quotes notebook."
QUOTED_NOTE = "Here it is the speaker's word, inside a quote."

# Degree words that form one loaded phrase with the judgement they modify:
# "rather vague" and "highly controversial" are read as one choice.
_SOFTENERS = frozenset({"rather", "somewhat", "fairly", "relatively", "slightly", "quite"})
_STRENGTHENERS = frozenset(
    """very extremely incredibly hugely enormously massively truly deeply perfectly utterly totally absolutely
    highly wholly entirely completely particularly especially increasingly so too most""".split()
)
_MODIFIED = frozenset({"evaluative", "dysphemism"})
_WS = re.compile(r"\s+")


# ------------------------------------------------------------------ lexicon
@lru_cache(maxsize=1)
def _bundled() -> tuple[tuple[Entry, ...], tuple[Any, ...]]:
    entries = read_entries(read_text(LEXICON_FILE), f"medialit/resources/{LEXICON_FILE}", CATEGORIES[LAYER])
    rules = read_rules(read_text(CONTEXT_FILE), f"medialit/resources/{CONTEXT_FILE}")
    return tuple(entries), tuple(rules)


@lru_cache(maxsize=1)
def _bundled_matcher() -> PhraseMatcher:
    entries, rules = _bundled()
    return PhraseMatcher(entries, rules)


@lru_cache(maxsize=32)
def _article_matcher(path: str, mtime_ns: int, size: int) -> PhraseMatcher:
    # mtime and size are part of the cache key, so an edited lexicon.csv is re-read
    entries, rules = _bundled()
    extra = read_entries(read_file(path), path, CATEGORIES[LAYER], allow_none=True)
    merged = merge_entries(entries, extra)
    keys = {e.key for e in merged}
    return PhraseMatcher(merged, [r for r in rules if r.term in keys])


def _article_lexicon_path(article: Article | None) -> Path | None:
    folder = getattr(article, "folder", None)
    if folder is None:
        return None
    p = Path(folder) / ARTICLE_LEXICON
    if not p.is_file():
        return None
    check_course_files(p.parent, p.name)
    return p


def matcher_for(article: Article | None = None) -> PhraseMatcher:
    """The compiled lexicon for an article: the bundled one, plus its folder's ``lexicon.csv`` if any."""
    p = _article_lexicon_path(article)
    if p is None:
        return _bundled_matcher()
    st = p.stat()
    return _article_matcher(str(p), st.st_mtime_ns, st.st_size)


def lexicon_entries(article: Article | None = None) -> list[Entry]:
    """Every lexicon row that applies to ``article`` (bundled rows, then the article's own)."""
    return list(matcher_for(article).entries)


def lexicon_summary(article: Article | None = None) -> dict[str, int]:
    """Number of lexicon rows per category, in taxonomy order (scare quotes come from the quotes module)."""
    counts = Counter(e.category for e in lexicon_entries(article))
    return {c: counts.get(c, 0) for c in CATEGORIES[LAYER]}


# ------------------------------------------------------------------ findings
def find_loaded_terms(article: Article, *, scare_quotes: bool = True) -> list[Finding]:
    """Loaded words in ``article``: category, why (as ``note``) and neutral alternatives.

    Lexicon terms are matched with ``medialit.lexicon`` (longest match
    wins). A degree word before a judgement ("rather vague") is kept with
    it as one phrase. With ``scare_quotes`` (the default), each quote the
    quotes module classes as *scare* becomes a ``scare_quote`` finding over
    the same words, and a lexicon term inside a direct quote says so in its
    note. If the quotes module is not installed, scare quotes are skipped
    with a warning.
    """
    tokens = tokenize(article.text)
    matches = matcher_for(article).find(tokens)
    findings = _findings_from_matches(article, tokens, matches)
    if scare_quotes:
        quotes = _quotes(article)
        if quotes is not None:
            findings = _with_quotes(article, findings, quotes)
    return sort_findings(findings)


def _findings_from_matches(article: Article, tokens: Sequence[Token], matches: list[Match]) -> list[Finding]:
    out: list[Finding] = []
    for m in matches:
        start, entry = m.start, m.entry
        note = entry.why
        if entry.category in _MODIFIED and m.first > 0 and tokens[m.first].joins:
            prev = tokens[m.first - 1]
            if prev.norm in _SOFTENERS or prev.norm in _STRENGTHENERS:
                start = prev.start
                verb = "softens" if prev.norm in _SOFTENERS else "strengthens"
                note = f"{entry.why} '{article.text[prev.start : prev.end]}' {verb} the judgement without removing it."
                if out and out[-1].start == prev.start:
                    out.pop()  # the degree word was itself a lexicon match: it is now part of the phrase
        out.append(make_finding(article, start, m.end, LAYER, entry.category, note, entry.alternatives))
    return out


_warned_no_quotes = False


def _quotes(article: Article) -> list[Any] | None:
    global _warned_no_quotes
    try:
        from .quotes import find_quotes
    except ImportError:
        if not _warned_no_quotes:
            warnings.warn(
                "medialit.quotes is not installed, so scare quotes are not among the loaded terms.",
                UserWarning,
                stacklevel=3,
            )
            _warned_no_quotes = True
        return None
    return list(find_quotes(article))


def _with_quotes(article: Article, findings: list[Finding], quotes: list[Any]) -> list[Finding]:
    """Add scare quotes; fold lexicon terms inside a scare quote into it; mark terms inside speech."""
    quotes = sorted((q for q in quotes if q.end > q.start), key=lambda q: (q.start, q.end))
    starts = [q.start for q in quotes]
    scare_notes: dict[int, list[str]] = {}
    out = []
    for f in findings:
        i = bisect_right(starts, f.start) - 1
        near = [quotes[j] for j in (i, i + 1) if 0 <= j < len(quotes)]
        scare = next((q for q in near if q.kind == "scare" and q.start < f.end and f.start < q.end), None)
        if scare is not None:
            scare_notes.setdefault(id(scare), []).append(f.note)
            continue
        inside = next((q for q in near if q.start <= f.start and f.end <= q.end), None)
        if inside is not None:
            f = f.with_(note=f"{f.note} {QUOTED_NOTE}")
        out.append(f)
    for q in quotes:
        if q.kind != "scare":
            continue
        note = SCARE_NOTE
        extra = scare_notes.get(id(q))
        if extra:
            note = f"{SCARE_NOTE} The word itself is loaded too: {extra[0]}"
        words = article.text[q.start : q.end]
        alternatives = (
            f"{words} (without the marks)",
            f"what {q.speaker} calls “{words}”" if q.speaker else f"{words} (and say who uses the word)",
        )
        out.append(make_finding(article, q.start, q.end, LAYER, "scare_quote", note, alternatives))
    return out


# ------------------------------------------------------------------ naming
@dataclass(frozen=True, slots=True)
class NameUse:
    """One way a text names an actor: the form, how often, where, and what the choice implies."""

    form: str
    count: int
    spans: tuple[Span, ...]
    note: str = ""
    kind: str = "alias"  # alias | description | reference

    @property
    def first(self) -> int:
        return self.spans[0].start if self.spans else -1


@dataclass(frozen=True, slots=True)
class _NamingRules:
    entity: str
    aliases: tuple[Entry, ...]
    heads: tuple[tuple[frozenset[str], frozenset[str], str], ...]  # (head forms, with-words, note)
    country: bool


_DETERMINERS = frozenset({"the", "this", "that", "its", "our", "their", "these", "those"})
_ANAPHORS = {
    ("the", "country"): False,
    ("the", "neighbouring", "country"): True,
    ("the", "neighboring", "country"): True,
}


@lru_cache(maxsize=1)
def _naming_rules() -> dict[str, _NamingRules]:
    name = f"medialit/resources/{NAMING_FILE}"
    aliases: dict[str, list[Entry]] = {}
    heads: dict[str, list[tuple[frozenset[str], frozenset[str], str]]] = {}
    countries: set[str] = set()
    order: list[str] = []
    for lineno, row in csv_rows(read_text(NAMING_FILE), name, ("entity", "kind", "form", "with", "note")):
        entity, kind = row["entity"], row["kind"]
        if entity not in order:
            order.append(entity)
        where = f"{name}, line {lineno}"
        if kind == "alias":
            aliases.setdefault(entity, []).append(Entry.make(row["form"], entity, row["note"], origin=where))
        elif kind == "head":
            forms = frozenset(inflections(row["form"].casefold()))
            with_words = frozenset(w.strip() for w in row["with"].split("|") if w.strip())
            heads.setdefault(entity, []).append((forms, with_words, row["note"]))
        elif kind == "country":
            countries.add(entity)
        else:
            raise LexiconError(f"{where}: unknown kind {kind!r}. Fix: use alias, head or country.")
    return {e: _NamingRules(e, tuple(aliases.get(e, ())), tuple(heads.get(e, ())), e in countries) for e in order}


def naming_entities() -> list[str]:
    """The actors the naming table knows (others are looked up by their exact name)."""
    return list(_naming_rules())


@lru_cache(maxsize=32)
def _alias_matcher(entity: str) -> PhraseMatcher:
    return PhraseMatcher(_naming_rules()[entity].aliases)


def _resolve_entity(entity: str) -> str | None:
    rules = _naming_rules()
    want = entity.strip().casefold()
    for e in rules:
        if e.casefold() == want:
            return e
    for e, r in rules.items():
        if any(a.term.casefold() == want for a in r.aliases):
            return e
    return None


def naming(article: Article, entity: str) -> list[NameUse]:
    """Every way ``article`` names ``entity``, with counts and exact spans, in order of first use.

    Three sources, all in ``resources/naming.csv``: fixed aliases ("NATO",
    "the alliance", "Moscow"); descriptions built on a head noun ("the
    US-led military bloc", "the Kiev authorities"); and, for countries,
    "the country" / "the neighbouring country", resolved to the nearest
    country named before (a reader should check those). An entity the table
    does not know is looked up by its exact name.
    """
    known = _resolve_entity(entity)
    tokens = tokenize(article.text)
    if known is None:
        matcher = PhraseMatcher([Entry.make(entity, "entity", "")])
        found = [(m.start, m.end, m.first, m.last, "alias", "") for m in matcher.find(tokens)]
    else:
        found = _mentions(article, tokens, known)
    return _group_uses(article, tokens, found, known)


def _mentions(article: Article, tokens: Sequence[Token], entity: str) -> list[tuple[int, int, int, int, str, str]]:
    rules = _naming_rules()[entity]
    cands: list[tuple[int, int, int, int, str, str]] = []
    for m in _alias_matcher(entity).candidates(tokens):
        cands.append((m.start, m.end, m.first, m.last, "alias", m.entry.why))
    for forms, with_words, note in rules.heads:
        for k, tok in enumerate(tokens):
            if tok.norm not in forms:
                continue
            span = _description(tokens, k, with_words)
            if span is not None:
                cands.append((tokens[span].start, tok.end, span, k, "description", note))
    if rules.country:
        cands.extend(_references(tokens, entity))
    # longest wins among overlapping mentions of this entity
    cands.sort(key=lambda c: (-(c[3] - c[2]), -(c[1] - c[0]), c[0]))
    taken = bytearray(len(tokens))
    chosen = []
    for c in cands:
        if any(taken[c[2] : c[3] + 1]):
            continue
        taken[c[2] : c[3] + 1] = b"\x01" * (c[3] - c[2] + 1)
        chosen.append(c)
    chosen.sort()
    return chosen


def _description(tokens: Sequence[Token], k: int, with_words: frozenset[str]) -> int | None:
    """First word of "(determiner) modifiers head" ending at word ``k``, or None if the rule does not apply."""
    i = k
    mods = 0
    while mods < 3 and i > 0 and tokens[i].joins:
        prev = tokens[i - 1]
        if prev.norm in _DETERMINERS or prev.norm in FUNCTION_WORDS or not prev.norm[:1].isalpha():
            break
        i -= 1
        mods += 1
    has_det = i > 0 and tokens[i].joins and tokens[i - 1].norm in _DETERMINERS
    if with_words:
        wanted = {w.casefold().replace(".", "") for w in with_words}
        hits = [j for j in range(i, k) if tokens[j].norm in wanted]
        if not hits:
            return None
        first = hits[0]  # "the Kiev authorities", "Ukrainian authorities": start at the naming word
        if first > 0 and tokens[first].joins and tokens[first - 1].norm in _DETERMINERS:
            return first - 1
        return first
    return i - 1 if has_det else None


def _references(tokens: Sequence[Token], entity: str) -> list[tuple[int, int, int, int, str, str]]:
    """'the country' / 'the neighbouring country' resolved to the nearest earlier country named."""
    rules = _naming_rules()
    countries = [e for e, r in rules.items() if r.country]
    mentions: list[tuple[int, str]] = []
    for c in countries:
        mentions.extend((m.first, c) for m in _alias_matcher(c).find(tokens))
    mentions.sort()
    firsts = [m[0] for m in mentions]
    out = []
    n = len(tokens)
    for k in range(n):
        if tokens[k].norm != "the":
            continue
        for words, other in _ANAPHORS.items():
            last = k + len(words) - 1
            if last >= n or any(
                tokens[k + j].norm != w or (j and not tokens[k + j].joins) for j, w in enumerate(words)
            ):
                continue
            i = bisect_right(firsts, k - 1) - 1
            if i < 0:
                continue
            target = mentions[i][1]
            if other:  # "the neighbouring country" is not the one just named
                j = i
                while j >= 0 and mentions[j][1] == target:
                    j -= 1
                if j < 0:
                    continue
                target = mentions[j][1]
            if target == entity:
                note = "A reference, resolved to the nearest country named before it: check that it means this one."
                out.append((tokens[k].start, tokens[last].end, k, last, "reference", note))
    return out


def _group_uses(
    article: Article, tokens: Sequence[Token], found: list[tuple[int, int, int, int, str, str]], entity: str | None
) -> list[NameUse]:
    groups: dict[str, list[tuple[int, int, int, int, str, str]]] = {}
    for c in found:
        key = " ".join(t.norm for t in tokens[c[2] : c[3] + 1])
        groups.setdefault(key, []).append(c)
    uses = []
    for items in groups.values():
        start, end, first, last, kind, note = items[0]
        form = " ".join(_display_word(t, j == 0) for j, t in enumerate(tokens[first : last + 1]))
        form = _rejoin_hyphens(article.text, tokens[first : last + 1], form)
        spans = tuple(Span(s, e, article.text[s:e]) for s, e, *_ in items)
        uses.append(NameUse(form, len(items), spans, note, kind))
    uses.sort(key=lambda u: u.first)
    return uses


def _display_word(tok: Token, first: bool) -> str:
    if first and tok.norm in _DETERMINERS:
        return tok.norm
    return tok.shape


def _rejoin_hyphens(text: str, toks: Sequence[Token], form: str) -> str:
    """Show the form with hyphens where the text had them ("US-led", not "US led")."""
    parts = form.split(" ")
    if len(parts) != len(toks):
        return form
    out = parts[0]
    for prev, tok, word in zip(toks, toks[1:], parts[1:], strict=False):
        gap = text[prev.end : tok.start]
        out += ("-" if gap.strip() and gap.strip() in "-‐‑" else " ") + word
    return out


@dataclass(frozen=True)
class NamingTable:
    """How a text names several actors; shows itself as an escaped HTML table in a notebook."""

    rows: tuple[tuple[str, NameUse], ...]

    def __str__(self) -> str:
        lines = [f"{'actor':<14} {'form':<36} {'count':>5}  note"]
        for entity, u in self.rows:
            lines.append(f"{entity:<14} {u.form:<36} {u.count:>5}  {u.note}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = "<tr><th>Actor</th><th>How the text names it</th><th>Times</th><th>What the choice implies</th></tr>"
        body = "".join(
            f"<tr><td>{escape(e)}</td><td><b>{escape(u.form)}</b></td><td style='text-align:right'>{u.count}</td>"
            f"<td>{escape(u.note)}</td></tr>"
            for e, u in self.rows
        )
        return (
            "<table style='border-collapse:collapse;font:14px system-ui,sans-serif' cellpadding='4'>"
            f"<thead>{head}</thead><tbody>{body}</tbody></table>"
        )


def naming_table(article: Article, entities: Iterable[str] = ("NATO", "Russia", "Ukraine")) -> NamingTable:
    """``naming`` for several actors at once, as one table for a notebook."""
    return NamingTable(tuple((e, u) for e in entities for u in naming(article, e)))


# ------------------------------------------------------------------ concordance
@dataclass(frozen=True, slots=True)
class ConcordanceLine:
    """One occurrence of a term with its context; ``start``/``end`` are exact offsets of the term."""

    start: int
    end: int
    text: str
    left: str
    right: str

    def line(self, width: int = 40) -> str:
        """A fixed-width KWIC line: left context right-aligned, the term, right context."""
        left = _WS.sub(" ", self.left)[-width:]
        right = _WS.sub(" ", self.right)[:width]
        return f"{left:>{width}}[{_WS.sub(' ', self.text)}]{right}"

    def __str__(self) -> str:
        return self.line()


def concordance(article: Article, finding_or_term: Finding | Entry | str, width: int = 40) -> list[ConcordanceLine]:
    """Every occurrence of a term in ``article``, with ``width`` characters of context each side.

    The term is matched like a lexicon term (plurals, hyphens and
    possessives count), so "bloc" also finds "blocs" and "US led bloc"
    finds "US-led bloc". Occurrences are located with NLTK's
    ``ConcordanceIndex`` over the article's words, then checked in full.
    """
    from nltk.text import ConcordanceIndex

    if isinstance(finding_or_term, Finding):
        term = finding_or_term.text
    elif isinstance(finding_or_term, Entry):
        term = finding_or_term.term
    else:
        term = str(finding_or_term)
    if width < 0:
        raise ValueError("width must be 0 or more characters")
    try:
        entry = Entry.make(term, "term")
    except LexiconError:
        return []
    tokens = tokenize(article.text)
    if not tokens:
        return []
    index = ConcordanceIndex([t.norm for t in tokens])
    matcher = PhraseMatcher([entry])
    firsts = sorted({i for v in entry.variants() for i in index.offsets(v[0])})
    out = []
    text = article.text
    for i in firsts:
        m = matcher.match_at(tokens, i)
        if m is None:
            continue
        out.append(
            ConcordanceLine(
                m.start,
                m.end,
                text[m.start : m.end],
                text[max(0, m.start - width) : m.start],
                text[m.end : m.end + width],
            )
        )
    return out


# ------------------------------------------------------------------ density
@dataclass(frozen=True, slots=True)
class ParagraphDensity:
    """Loaded terms in one paragraph: how many, per 100 words, and by category."""

    index: int
    start: int
    end: int
    words: int
    count: int
    categories: tuple[tuple[str, int], ...] = field(default=())

    @property
    def per_100_words(self) -> float:
        return 100.0 * self.count / self.words if self.words else 0.0


def density(article: Article, findings: Iterable[Finding] | None = None) -> list[ParagraphDensity]:
    """Loaded terms per paragraph (a finding counts in the paragraph where it starts)."""
    if findings is None:
        findings = find_loaded_terms(article)
    paras = article.paragraphs
    tokens = tokenize(article.text)
    tok_starts = [t.start for t in tokens]
    per: list[Counter[str]] = [Counter() for _ in paras]
    for f in findings:
        if f.layer != LAYER:
            continue
        i = paras.index_at(f.start)
        if i is not None:
            per[i][f.category] += 1
    out = []
    order = list(CATEGORIES[LAYER])
    for i, p in enumerate(paras):
        words = bisect_right(tok_starts, p.end - 1) - bisect_right(tok_starts, p.start - 1)
        cats = tuple(sorted(per[i].items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))
        out.append(ParagraphDensity(i, p.start, p.end, words, sum(per[i].values()), cats))
    return out


# ------------------------------------------------------------------ rewriting
@dataclass(frozen=True)
class RewriteCheck:
    """What changed between a sentence and a student's rewrite of it."""

    rewrite: Article | None
    before: tuple[Finding, ...]
    after: tuple[Finding, ...]
    removed: tuple[Finding, ...]
    remaining: tuple[Finding, ...]
    added: tuple[Finding, ...]
    #: share of the original's content words (four letters or more) that the rewrite keeps
    kept_share: float = 1.0

    @property
    def clean(self) -> bool:
        """True when the rewrite has no loaded term left."""
        return self.rewrite is not None and not self.after

    def summary(self) -> str:
        if self.rewrite is None:
            return "Type your rewrite of the sentence, then click outside the box."
        if self.clean:
            # Honest about its reach: the kit checked its word list, not whether the facts survived.
            note = (
                " Your rewrite keeps few of the original's words: check it still reports the same facts."
                if self.kept_share < 0.2
                else " The kit checks only its word list: read your sentence again to be sure it keeps every fact."
            )
            return f"No loaded terms left: you removed {len(self.removed)} of {len(self.before)}.{note}"
        parts = [f"You removed {len(self.removed)} of {len(self.before)} loaded terms."]
        if self.remaining:
            parts.append("Still there: " + ", ".join(f"“{f.text}” ({f.label})" for f in self.remaining) + ".")
        if self.added:
            parts.append("New: " + ", ".join(f"“{f.text}” ({f.label})" for f in self.added) + ".")
        return " ".join(parts)


def _term_key(f: Finding) -> str:
    return " ".join(t.norm for t in tokenize(f.text)) or f.text.casefold()


def check_rewrite(original: str, rewrite: str) -> RewriteCheck:
    """Analyse a rewrite at once: which loaded terms of ``original`` it removed, kept or added."""
    from .article import Article

    before = tuple(find_loaded_terms(Article.from_text(original)))
    if not rewrite or not rewrite.strip():
        return RewriteCheck(None, before, (), (), (), ())
    try:
        art = Article.from_text(rewrite)
    except ValueError:  # e.g. pasted binary junk: treat as "nothing usable typed yet"
        return RewriteCheck(None, before, (), (), (), ())
    after = tuple(find_loaded_terms(art))
    before_keys = Counter(_term_key(f) for f in before)
    after_keys = Counter(_term_key(f) for f in after)
    remaining, added = [], []
    seen: Counter[str] = Counter()
    for f in after:
        k = _term_key(f)
        seen[k] += 1
        (remaining if seen[k] <= before_keys[k] else added).append(f)
    removed, gone = [], Counter()
    for f in before:
        k = _term_key(f)
        gone[k] += 1
        if gone[k] > after_keys[k]:
            removed.append(f)
    content = {w.casefold() for w in re.findall(r"[^\W\d_]{4,}", original)}
    kept = content & {w.casefold() for w in re.findall(r"[^\W\d_]{4,}", rewrite)}
    share = len(kept) / len(content) if content else 1.0
    return RewriteCheck(art, before, after, tuple(removed), tuple(remaining), tuple(added), share)
