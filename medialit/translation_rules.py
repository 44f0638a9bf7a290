"""Lexicon rules: false friends, calques and wrong-but-real spellings, matched in context.

A false friend is an ordinary English word ("luck", "remember", "project")
in a place where a translator's source word meant something else (*chance*
= opportunity, *rappeler* = recall, *projet* = draft). Flagging every
"remember" would bury a student in noise, so every rule in
``false_friends.csv``, ``calques.csv`` and ``spelling.csv`` states the
context in which the false reading is likely, in a small language an
instructor can read and edit (the ``context`` column):

``next:A|B``     the words right after the hit are A or B (they join the highlight)
``prev:A|B``     the words right before the hit are A or B (they join the highlight)
``after:A|B``    A or B occurs within the next six words of the sentence
``before:A|B``   A or B occurs within the six words before the hit
``near:A|B``     A or B occurs in this sentence or the one before
``not:RE``       the regular expression RE does not occur in this sentence or the one before
``re:RE``        RE matches a stretch of the sentence that contains the hit
``re+:RE``       the same, and the whole stretch becomes the highlight
``text:RE``      RE occurs somewhere in the text
``start``        the hit begins its sentence
``body``         the sentence is running text (ends with a full stop, 6+ words), not a headline

Conditions are joined with `` && `` and all must hold; an empty context
means the English is never right (``in the frames of``). ``A|B`` are
regular expressions, matched without regard to case, on whole words.

Every row carries an ``example`` the rule must flag and, for rules on
common words, a ``clean_example`` of normal English it must leave alone;
the tests check both, so a rule that drifts is caught.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .findings import make_finding
from .resources import ResourceError, read_text
from .translation_base import LANGUAGE_NAMES, SPACES, TextIndex, Trace, language_label

__all__ = [
    "COLUMNS",
    "LEXICONS",
    "Rule",
    "find_lexical",
    "load_rules",
    "rules",
]

#: Columns of every lexicon file, in order.
COLUMNS = ("language", "source_word", "wrong_english", "intended", "example", "clean_example", "note", "context")

#: category -> bundled file
LEXICONS: dict[str, str] = {
    "false_friend": "false_friends.csv",
    "calque": "calques.csv",
    "spelling": "spelling.csv",
}

_WORDS_WINDOW = 6
_QUOTES_OPT = r"[ \t\u00a0]*[\"“”«»„]?[ \t\u00a0]*"
_META = set("\\()[].?*+{}|^$")


Check = Callable[["_Ctx", int, int], "tuple[int, int] | None"]


@dataclass(frozen=True)
class Condition:
    """One clause of a rule's context, compiled."""

    kind: str
    arg: str
    check: Check = field(repr=False, compare=False)


@dataclass(frozen=True)
class Rule:
    """One lexicon row: an English rendering and when it betrays a source word."""

    category: str
    languages: tuple[str, ...]
    source_word: str
    wrong_english: str
    intended: tuple[str, ...]
    example: str
    clean_example: str
    note: str
    context: str
    file: str
    line: int
    pattern: re.Pattern[str] = field(repr=False, compare=False)
    conditions: tuple[Condition, ...] = field(repr=False, compare=False)
    prefixes: tuple[str, ...] = field(repr=False, compare=False)

    @property
    def where(self) -> str:
        return f"{self.file}, line {self.line}"

    def explain(self, hit: str) -> str:
        """The one-sentence note a student reads for a match of this rule."""
        hit = " ".join(hit.split())
        lang = language_label(self.languages)
        intended = " or ".join(f"“{i}”" for i in self.intended[:2])
        if self.category == "false_friend":
            return (
                f"{lang} “{self.source_word}” means {intended}, not “{hit.lower()}”: "
                f"a false friend, so this was probably translated from {lang}."
            )
        if self.category == "calque":
            return f"“{hit}” copies {lang} “{self.source_word}” word for word; in English: {intended}."
        return f"Probably {intended}: {self.note}"


class _Ctx:
    """What conditions look at: the text, its sentence index, cached per call."""

    def __init__(self, text: str, index: TextIndex) -> None:
        self.text = text
        self.index = index


# ------------------------------------------------------------ conditions
def _words_rx(arg: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_spaces(arg)})(?!\w)", re.IGNORECASE)


def _cond_next(arg: str) -> Check:
    rx = re.compile(rf"{_QUOTES_OPT}(?:{_spaces(arg)})(?![\w-])", re.IGNORECASE)

    def check(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
        _, end = ctx.index.sentence(s)
        m = rx.match(ctx.text, e, max(end, e))
        return (s, m.end()) if m else None

    return check


def _cond_prev(arg: str) -> Check:
    rx = re.compile(rf"(?<![\w-])(?:{_spaces(arg)}){_QUOTES_OPT}\Z", re.IGNORECASE)

    def check(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
        start, _ = ctx.index.sentence(s)
        lo = max(start, s - 120)
        m = rx.search(ctx.text[lo:s])
        return (lo + m.start(), e) if m else None

    return check


def _cond_after(arg: str) -> Check:
    rx = _words_rx(arg)

    def check(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
        lo, hi = ctx.index.words_after(e, _WORDS_WINDOW)
        return (s, e) if rx.search(ctx.text, lo, hi) else None

    return check


def _cond_before(arg: str) -> Check:
    rx = _words_rx(arg)

    def check(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
        lo, hi = ctx.index.words_before(s, _WORDS_WINDOW)
        return (s, e) if rx.search(ctx.text, lo, hi) else None

    return check


def _cond_near(arg: str) -> Check:
    rx = _words_rx(arg)

    def check(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
        lo, hi = ctx.index.window(s)
        return (s, e) if rx.search(ctx.text, lo, hi) else None

    return check


def _cond_not(arg: str) -> Check:
    rx = re.compile(_spaces(arg), re.IGNORECASE)

    def check(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
        lo, hi = ctx.index.window(s)
        return None if rx.search(ctx.text, lo, hi) else (s, e)

    return check


def _cond_re(arg: str, extend: bool) -> Check:
    rx = re.compile(_spaces(arg), re.IGNORECASE)

    def check(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
        lo, hi = ctx.index.sentence(s)
        sentence = ctx.text[lo:hi]
        for m in rx.finditer(sentence):
            if lo + m.start() <= s and lo + m.end() >= e:
                return (lo + m.start(), lo + m.end()) if extend else (s, e)
            if lo + m.start() > s:
                break
        return None

    return check


def _cond_text(arg: str) -> Check:
    rx = re.compile(_spaces(arg), re.IGNORECASE)

    def check(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
        return (s, e) if ctx.index.text_has(rx) else None

    return check


def _cond_start(_: str) -> Check:
    def check(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
        return (s, e) if ctx.index.at_sentence_start(s) else None

    return check


def _cond_body(_: str) -> Check:
    def check(ctx: _Ctx, s: int, e: int) -> tuple[int, int] | None:
        lo, hi = ctx.index.sentence(s)
        sentence = ctx.text[lo:hi].rstrip(SPACES + "”\"»’'")
        if sentence[-1:] in ".!?…" and len(sentence.split()) >= 6:
            return (s, e)
        return None

    return check


_KINDS: dict[str, Callable[[str], Check]] = {
    "next": _cond_next,
    "prev": _cond_prev,
    "after": _cond_after,
    "before": _cond_before,
    "near": _cond_near,
    "not": _cond_not,
    "re": lambda a: _cond_re(a, False),
    "re+": lambda a: _cond_re(a, True),
    "text": _cond_text,
    "start": _cond_start,
    "body": _cond_body,
}
_BARE = {"start", "body"}


def _spaces(pattern: str) -> str:
    """Let a space in a rule match any run of spaces (copied text has odd ones), outside [...] classes."""
    out, depth, escaped = [], 0, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
            out.append(ch)
            continue
        if ch == "[":
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
        out.append(r"(?:[ \t\u00a0]+)" if ch == " " and not depth else ch)
    return "".join(out)


def _split_top(pattern: str) -> list[str]:
    """Top-level alternatives of a pattern ("a|b(c|d)" -> ["a", "b(c|d)"])."""
    parts, depth, cur, escaped, in_class = [], 0, [], False, False
    for ch in pattern:
        if escaped:
            cur.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif not in_class and ch == "(":
            depth += 1
        elif not in_class and ch == ")":
            depth -= 1
        elif not in_class and ch == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    return parts


def literal_prefix(pattern: str) -> str:
    """The fixed letters a pattern starts with, lower-cased (what the word index looks up)."""
    run = []
    for i, ch in enumerate(pattern):
        if ch in _META:
            if ch in "?*{" and run:
                run.pop()
            break
        run.append(ch)
        if i + 1 < len(pattern) and pattern[i + 1] in "?*{":
            run.pop()
            break
    return "".join(run).lower()


def _parse_conditions(context: str, where: str) -> tuple[Condition, ...]:
    out = []
    for part in (p.strip() for p in context.split("&&")):
        if not part:
            continue
        kind, sep, arg = part.partition(":")
        kind = kind.strip()
        if not sep:
            if kind not in _BARE:
                raise ResourceError(
                    f"{where}: context clause {part!r} has no ':'. Fix: write e.g. 'next:peace|talks', or 'start'."
                )
            arg = ""
        if kind not in _KINDS:
            raise ResourceError(f"{where}: unknown context kind {kind!r}. Fix: use one of {', '.join(_KINDS)}.")
        if sep and not arg.strip():
            raise ResourceError(f"{where}: context clause {part!r} is empty after ':'.")
        try:
            check = _KINDS[kind](arg.strip())
        except re.error as e:
            raise ResourceError(f"{where}: the {kind}: pattern {arg!r} is not a valid regular expression ({e}).") from e
        out.append(Condition(kind, arg.strip(), check))
    return tuple(out)


def parse_rules(text: str, category: str, name: str) -> list[Rule]:
    """Parse one lexicon file's text into rules; errors name the file and line."""
    lines = text.splitlines()
    body = 0
    while body < len(lines) and (lines[body].startswith("#") or not lines[body].strip()):
        body += 1
    reader = csv.reader(io.StringIO("\n".join(lines[body:])))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return []
    if tuple(header) != COLUMNS:
        raise ResourceError(
            f"{name}, line {body + 1}: the header should be {','.join(COLUMNS)}, not {','.join(header)}."
        )
    out = []
    for row in reader:
        line = body + reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()) or row[0].startswith("#"):
            continue
        where = f"{name}, line {line}"
        if len(row) != len(COLUMNS):
            raise ResourceError(
                f"{where}: expected {len(COLUMNS)} columns but found {len(row)}. "
                "Fix: put text that contains commas inside double quotes."
            )
        rec = dict(zip(COLUMNS, (c.strip() for c in row), strict=True))
        languages = tuple(rec["language"].split())
        unknown = [c for c in languages if c not in LANGUAGE_NAMES]
        if not languages or unknown:
            raise ResourceError(
                f"{where}: language should be codes such as 'fr', 'ru' or 'fr ru', not {rec['language']!r}."
            )
        we = rec["wrong_english"]
        if not we:
            raise ResourceError(f"{where}: wrong_english is empty.")
        try:
            pattern = re.compile(rf"(?<!\w)(?:{_spaces(we)})(?!\w)", re.IGNORECASE)
        except re.error as e:
            raise ResourceError(f"{where}: wrong_english {we!r} is not a valid pattern ({e}).") from e
        prefixes = tuple(literal_prefix(alt) for alt in _split_top(we))
        short = [p for p in prefixes if len(p) < 3]
        if short:
            raise ResourceError(
                f"{where}: every alternative of wrong_english must start with at least three plain letters "
                f"(the index looks words up by them); {we!r} does not. Fix: move the variable part into the context."
            )
        intended = tuple(i.strip() for i in rec["intended"].split(";") if i.strip())
        if not intended:
            raise ResourceError(f"{where}: intended is empty; say what the source word means.")
        out.append(
            Rule(
                category=category,
                languages=languages,
                source_word=rec["source_word"],
                wrong_english=we,
                intended=intended,
                example=rec["example"],
                clean_example=rec["clean_example"],
                note=rec["note"],
                context=rec["context"],
                file=name,
                line=line,
                pattern=pattern,
                conditions=_parse_conditions(rec["context"], where),
                prefixes=tuple(p[:3] for p in prefixes),
            )
        )
    return out


@lru_cache(maxsize=8)
def load_rules(category: str) -> tuple[Rule, ...]:
    """The bundled rules of one category ("false_friend", "calque", "spelling")."""
    name = LEXICONS[category]
    return tuple(parse_rules(read_text(name), category, name))


def rules(categories: Iterable[str] = tuple(LEXICONS)) -> list[Rule]:
    """All bundled rules of the given categories, in file order."""
    return [r for c in categories for r in load_rules(c)]


@lru_cache(maxsize=8)
def _index(rule_set: tuple[Rule, ...]) -> dict[str, tuple[Rule, ...]]:
    """Rules by the first three letters of their English (lower case, spaces as spaces)."""
    idx: dict[str, list[Rule]] = {}
    for r in rule_set:
        for p in dict.fromkeys(r.prefixes):
            idx.setdefault(p, []).append(r)
    return {k: tuple(v) for k, v in idx.items()}


_WORD_START = re.compile(r"(?<!\w)\w")
_WS = str.maketrans({c: " " for c in SPACES})


@lru_cache(maxsize=1)
def _bundled_index() -> dict[str, tuple[Rule, ...]]:
    """The index of every bundled rule, built once (``_index`` would hash all 270 rules on each call to find it)."""
    return _index(tuple(rules()))


def find_lexical(
    text: str, index: TextIndex, rule_set: tuple[Rule, ...] | None = None
) -> list[tuple[Rule, int, int, int, int]]:
    """Every (rule, start, end, hit_start, hit_end) in the text; one pass over word starts."""
    idx = _bundled_index() if rule_set is None else _index(rule_set)
    ctx = _Ctx(text, index)
    out = []
    for w in _WORD_START.finditer(text):
        p = w.start()
        key = text[p : p + 3].lower()
        if not key.isalpha():
            key = key.translate(_WS)  # (only spaces change)
        cands = idx.get(key)
        if not cands:
            continue
        for rule in cands:
            m = rule.pattern.match(text, p)
            if not m:
                continue
            span: tuple[int, int] | None = (m.start(), m.end())
            for cond in rule.conditions:
                span = cond.check(ctx, *span)
                if span is None:
                    break
            if span is not None:
                out.append((rule, span[0], span[1], m.start(), m.end()))
    return out


def lexical_traces(article, index: TextIndex, rule_set: tuple[Rule, ...] | None = None) -> list[Trace]:
    """Findings for every lexicon match, with the languages each points to."""
    out = []
    for rule, s, e, hs, he in find_lexical(article.text, index, rule_set):
        hit = article.text[hs:he]
        finding = make_finding(article, s, e, "translation", rule.category, rule.explain(hit), rule.intended)
        langs = tuple(c for c in rule.languages if c != "en")
        label = {"false_friend": "false friend", "calque": "word-for-word calque", "spelling": "wrong-word spelling"}
        out.append(Trace(finding, langs, label[rule.category]))
    return out


def rule_matches(article) -> list[tuple[str, Rule]]:
    """(highlighted text, rule) for every lexicon match, so a reader can see which rule fired and why."""
    text = article.text
    return [(text[s:e], rule) for rule, s, e, _, _ in find_lexical(text, TextIndex(text))]
