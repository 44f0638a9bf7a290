"""A generic phrase matcher for hand-written lexicons.

Several analyzers look for the same kind of thing: a listed word or phrase,
written the way real text writes it. "the US-led bloc" must match "US led
blocs" and "U.S.-led bloc"; "accuse" must match "accused"; "the West" must
not match "the west of the country"; and "regime" must not fire on "visa
regime". This module does that once, for any lexicon:

* **Tokens**: words split at spaces *and* hyphens, so hyphenated and spaced
  spellings are the same phrase; "U.S." is the word "US"; a possessive
  ("NATO's") matches its noun. A phrase never runs across punctuation.
* **Inflections**: each word of a term also matches its regular plural and
  -s/-ed/-ing forms (bloc/blocs, accuse/accused, slam/slammed). A term
  written with a leading ``=`` is matched exactly as written.
* **Case**: matching ignores case, except that a word written with a capital
  letter in the lexicon matches only that capitalisation or ALL CAPS, so
  "West" (the political bloc) is not "west" (a direction).
* **Context rules**: a term may be loaded only in some uses; a rule file
  says when not to match it ("regime" not after "visa"), in words an
  instructor can read and edit.
* **Longest match wins**: when matches overlap, the one covering more
  words is kept ("US-led military bloc", not "military bloc").

The lexicon is compiled once into a trie keyed on tokens, so matching is
linear in the length of the text. Nothing here knows about loaded terms;
``medialit.loaded`` and other analyzers build on it.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "ContextRule",
    "Entry",
    "LexiconError",
    "Match",
    "PhraseMatcher",
    "Token",
    "csv_rows",
    "inflections",
    "merge_entries",
    "read_entries",
    "read_rules",
    "term_words",
    "tokenize",
]

# An abbreviation with dots (U.S., U.K.) is one word; otherwise a word is a run
# of letters/digits with inner apostrophes (NATO's, won't). Hyphens split words.
_WORD_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")
# What may stand between two words of one phrase: spaces (at most one line
# break, so a phrase can wrap but not cross a blank line), or one hyphen.
_JOIN_RE = re.compile(r"[ \t\u00a0]*(?:\n[ \t\u00a0]*)?|[-‐‑]")
_POSSESSIVE_RE = re.compile(r"['’]s$", re.IGNORECASE)

#: Words that never take inflections and never count as modifiers.
FUNCTION_WORDS = frozenset(
    """a an the this that these those its his her their our your my of and or but nor to in on at by for with
    from as than then so such not no is are was were be been being has have had do does did will would shall
    should can could may might must it he she they we you i who whom whose which what when where why how
    all any some each every there here up out off over into onto upon about between against among amid during
    before after without within through across behind under below above toward towards despite like via per
    since until while whether if because although though""".split()
)
# Word endings that mark adjectives, adverbs or participles: no -ed/-ing forms.
_NO_VERB_ENDINGS = (
    "ous",
    "ful",
    "ive",
    "al",
    "ic",
    "able",
    "ible",
    "less",
    "ish",
    "ed",
    "ing",
    "ist",
    "ism",
    "ian",
    "est",
    "ary",
    "ory",
    "ent",
    "ant",
)
_VOWELS = set("aeiou")
MAX_VARIANTS = 256


class LexiconError(ValueError):
    """A lexicon or rule file that cannot be used; says which file, which line and how to fix it."""


class Token(NamedTuple):
    """One word of a text, with what matching needs.

    ``norm`` is case-folded with typographic apostrophes made plain and a
    possessive "'s" removed; ``shape`` keeps the original case (for
    capitalised lexicon words) without dots or possessive; ``joins`` says
    whether this word may continue a phrase from the word before it. (A
    named tuple rather than a dataclass: a megabyte of text has 180,000
    words, and tuples are several times cheaper to build.)
    """

    start: int
    end: int
    norm: str
    shape: str
    joins: bool


@lru_cache(maxsize=4)
def _tokenize_cached(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    append = out.append
    prev_end = -1
    join = _JOIN_RE.fullmatch
    for m in _WORD_RE.finditer(text):
        raw = m.group()
        start, end = m.span()
        shape = raw
        if raw[-1] == ".":
            shape = raw.replace(".", "")
        if "'" in shape or "’" in shape:
            shape = _POSSESSIVE_RE.sub("", shape.replace("’", "'")) or shape
        if prev_end < 0:
            joins = False
        elif start - prev_end == 1 and text[prev_end] == " ":
            joins = True  # the common case, without a regex
        else:
            joins = join(text, prev_end, start) is not None
        append(Token(start, end, shape.casefold(), shape, joins))
        prev_end = end
    return tuple(out)


def tokenize(text: str) -> tuple[Token, ...]:
    """The words of ``text`` (cached for the last few texts, so analyzers can share it)."""
    return _tokenize_cached(text)


def term_words(term: str) -> list[Token]:
    """The words of a lexicon term, tokenized exactly like a text."""
    return list(tokenize(term))


def inflections(word: str) -> set[str]:
    """Regular inflected forms of a lower-case word, the word included.

    Deliberately simple and over-generous: a form that is not an English
    word ("blocced") costs nothing, because it never occurs. Short words
    and function words are left alone, and words that look like adjectives,
    adverbs or participles get no -ed/-ing forms, which keeps "rat" from
    matching "rated".
    """
    out = {word}
    if len(word) < 3 or not word.isalpha() or word in FUNCTION_WORDS:
        return out
    # plural / third person
    if word.endswith(("s", "x", "z", "ch", "sh")):
        out.add(word + "es")
    elif word.endswith("y") and word[-2] not in _VOWELS:
        out.add(word[:-1] + "ies")
    else:
        out.add(word + "s")
    if word.endswith("sis"):
        out.add(word[:-2] + "es")
    if word.endswith("man"):
        out.add(word[:-3] + "men")
    if len(word) < 4 or word.endswith(_NO_VERB_ENDINGS) or (word.endswith("ly") and len(word) >= 7):
        return out  # adjectives, participles and -ly adverbs ("repeatedly"), but not "bully" or "supply"
    # past and -ing
    if word.endswith("e"):
        out.add(word + "d")
        if not word.endswith(("ee", "ye", "oe")):
            out.add(word[:-1] + "ing")
        else:
            out.add(word + "ing")
        if word.endswith("ie"):
            out.add(word[:-2] + "ying")
    elif word.endswith("y") and word[-2] not in _VOWELS:
        out.add(word[:-1] + "ied")
        out.add(word + "ing")
    else:
        out.add(word + "ed")
        out.add(word + "ing")
        if word[-1] not in _VOWELS | set("wxy") and word[-2] in _VOWELS and word[-3] not in _VOWELS:
            out.add(word + word[-1] + "ed")
            out.add(word + word[-1] + "ing")
    return out


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row: a term and what to say about it.

    ``key`` identifies the term for merging (case-folded words, except
    capitalised words, which keep their case). ``origin`` says where the
    row came from (file and line), for error messages and instructors.
    """

    term: str
    category: str
    why: str = ""
    alternatives: tuple[str, ...] = ()
    source: str = ""
    exact: bool = False
    origin: str = ""
    words: tuple[str, ...] = field(default=(), compare=False)
    shapes: tuple[str | None, ...] = field(default=(), compare=False)

    @staticmethod
    def make(
        term: str,
        category: str,
        why: str = "",
        alternatives: Iterable[str] = (),
        source: str = "",
        origin: str = "",
    ) -> Entry:
        """Build an entry from a term as an instructor writes it (``=term`` for exact matching)."""
        raw = term.strip()
        exact = raw.startswith("=")
        if exact:
            raw = raw[1:].strip()
        toks = term_words(raw)
        if not toks:
            raise LexiconError(f"{origin or 'lexicon'}: the term {term!r} has no words. Fix: write a word or phrase.")
        words = tuple(t.norm for t in toks)
        shapes = tuple(t.shape if t.shape != t.shape.lower() else None for t in toks)
        return Entry(raw, category, why, tuple(alternatives), source, exact, origin, words, shapes)

    @property
    def key(self) -> str:
        return " ".join(s if s is not None else w for w, s in zip(self.words, self.shapes, strict=True))

    def variants(self) -> list[tuple[str, ...]]:
        """Every token sequence this entry matches (inflections of each word)."""
        if self.exact:
            return [self.words]
        per_word = [sorted(inflections(w)) if s is None else [w] for w, s in zip(self.words, self.shapes, strict=True)]
        return list(itertools.islice(itertools.product(*per_word), MAX_VARIANTS))


@dataclass(frozen=True, slots=True)
class ContextRule:
    """When a term is (not) matched, judged from the words around it.

    ``kind`` is one of: ``not_after`` / ``only_after`` (one of ``words`` is
    among the ``window`` words before the term), ``not_before`` /
    ``only_before`` (among the words after), ``not_near`` / ``only_near``
    (within ``window`` words either side), ``not_with`` / ``only_with``
    (anywhere in the same text; ``window`` is ignored). A word ending in
    ``*`` matches any word it starts ("sanction*"). ``why`` says why, for
    instructors.
    """

    term: str
    kind: str
    words: frozenset[str]
    window: int = 1
    why: str = ""
    origin: str = ""
    prefixes: tuple[str, ...] = ()

    KINDS = ("not_after", "only_after", "not_before", "only_before", "not_near", "only_near", "not_with", "only_with")

    def _hit(self, norms: Iterable[str]) -> bool:
        return any(n in self.words or (self.prefixes and n.startswith(self.prefixes)) for n in norms)

    def allows(self, tokens: Sequence[Token], first: int, last: int, vocab: frozenset[str] | None = None) -> bool:
        """True when the rule lets the match ``tokens[first..last]`` stand.

        ``vocab`` (every word of the text) is only needed by the ``*_with``
        kinds; a matcher computes it once per text.
        """
        w = self.window
        if self.kind.endswith("with"):
            if vocab is None:
                vocab = frozenset(t.norm for t in tokens)
            hit = bool(self.words & vocab) or (bool(self.prefixes) and any(n.startswith(self.prefixes) for n in vocab))
            return hit if self.kind.startswith("only") else not hit
        if self.kind.endswith("after"):
            around = [t.norm for t in tokens[max(0, first - w) : first]]
        elif self.kind.endswith("before"):
            around = [t.norm for t in tokens[last + 1 : last + 1 + w]]
        else:
            around = [t.norm for t in tokens[max(0, first - w) : first]]
            around += [t.norm for t in tokens[last + 1 : last + 1 + w]]
        hit = self._hit(around)
        return hit if self.kind.startswith("only") else not hit


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon entry found in a text: characters ``[start, end)``, words ``first..last``."""

    start: int
    end: int
    entry: Entry
    first: int
    last: int
    inflected: bool = False

    @property
    def n_words(self) -> int:
        return self.last - self.first + 1


class PhraseMatcher:
    """A compiled lexicon: find its terms in any text, longest match first.

    Build it once (``PhraseMatcher(entries, rules)``) and call ``find`` as
    often as needed; compiling is the slow part (a few milliseconds for a
    few hundred terms), matching is one dictionary walk per word.
    """

    def __init__(self, entries: Iterable[Entry], rules: Iterable[ContextRule] = ()) -> None:
        self.entries: list[Entry] = list(entries)
        self.rules: dict[str, list[ContextRule]] = {}
        keys = {e.key for e in self.entries}
        for r in rules:
            if r.term not in keys:
                raise LexiconError(
                    f"{r.origin or 'rules'}: the rule for {r.term!r} names a term the lexicon does not have. "
                    "Fix: write the term exactly as in the lexicon, or delete the rule."
                )
            self.rules.setdefault(r.term, []).append(r)
        self._trie: dict = {}
        for entry in self.entries:
            for variant in entry.variants():
                node = self._trie
                for word in variant:
                    node = node.setdefault(word, {})
                node.setdefault("", []).append((entry, variant != entry.words))
        for node_list in _terminals(self._trie):
            node_list.sort(key=lambda pair: pair[1])  # uninflected entries first

    def __len__(self) -> int:
        return len(self.entries)

    def candidates(self, tokens: Sequence[Token]) -> list[Match]:
        """Every match that passes case and context checks, overlapping ones included."""
        out: list[Match] = []
        trie = self._trie
        n = len(tokens)
        ctx: dict[str, frozenset[str]] = {}
        for i in range(n):
            node = trie.get(tokens[i].norm)
            j = i
            while node is not None:
                ends = node.get("")
                if ends:
                    m = self._accept(tokens, i, j, ends, ctx)
                    if m is not None:
                        out.append(m)
                j += 1
                if j >= n or not tokens[j].joins:
                    break
                node = node.get(tokens[j].norm)
        return out

    def match_at(self, tokens: Sequence[Token], i: int) -> Match | None:
        """The longest match that starts at word ``i``, if any."""
        best = None
        node = self._trie.get(tokens[i].norm) if 0 <= i < len(tokens) else None
        j = i
        ctx: dict[str, frozenset[str]] = {}
        while node is not None:
            ends = node.get("")
            if ends:
                m = self._accept(tokens, i, j, ends, ctx)
                if m is not None:
                    best = m
            j += 1
            if j >= len(tokens) or not tokens[j].joins:
                break
            node = node.get(tokens[j].norm)
        return best

    def _accept(
        self, tokens: Sequence[Token], i: int, j: int, ends: list[tuple[Entry, bool]], ctx: dict[str, frozenset[str]]
    ) -> Match | None:
        for entry, inflected in ends:
            if not _case_ok(entry, tokens, i):
                continue
            rules = self.rules.get(entry.key)
            if rules:
                if "vocab" not in ctx and any(r.kind.endswith("with") for r in rules):
                    ctx["vocab"] = frozenset(t.norm for t in tokens)
                if not all(r.allows(tokens, i, j, ctx.get("vocab")) for r in rules):
                    continue
            return Match(tokens[i].start, tokens[j].end, entry, i, j, inflected)
        return None

    def find(self, text_or_tokens: str | Sequence[Token]) -> list[Match]:
        """Non-overlapping matches in reading order; where matches overlap, the longest wins."""
        tokens = tokenize(text_or_tokens) if isinstance(text_or_tokens, str) else text_or_tokens
        cands = self.candidates(tokens)
        cands.sort(key=lambda m: (-m.n_words, -(m.end - m.start), m.start))
        taken = bytearray(len(tokens))
        chosen = []
        for m in cands:
            if any(taken[m.first : m.last + 1]):
                continue
            taken[m.first : m.last + 1] = b"\x01" * m.n_words
            chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        return chosen


def _terminals(node: dict) -> Iterable[list]:
    stack = [node]
    while stack:
        cur = stack.pop()
        for k, v in cur.items():
            if k == "":
                yield v
            else:
                stack.append(v)


def _case_ok(entry: Entry, tokens: Sequence[Token], i: int) -> bool:
    for k, shape in enumerate(entry.shapes):
        if shape is not None:
            got = tokens[i + k].shape
            if got != shape and got != shape.upper():
                return False
    return True


# ------------------------------------------------------------------ files
def csv_rows(text: str, name: str, required: Sequence[str]) -> Iterable[tuple[int, dict[str, str]]]:
    """CSV rows with their line numbers; ``#`` lines and blank lines are skipped."""
    lines = text.splitlines()
    header: list[str] | None = None
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        row = next(csv.reader(io.StringIO(line)))
        if header is None:
            header = [h.strip() for h in row]
            missing = [c for c in required if c not in header]
            if missing:
                raise LexiconError(
                    f"{name}, line {lineno}: the header lacks {', '.join(missing)}. "
                    f"Fix: the first line that is not a comment should be: {','.join(required)}"
                )
            continue
        if len(row) != len(header):
            raise LexiconError(
                f"{name}, line {lineno}: expected {len(header)} columns ({', '.join(header)}) but found {len(row)}. "
                "Fix: put text that contains commas inside double quotes."
            )
        yield lineno, {h: v.strip() for h, v in zip(header, row, strict=True)}


LEXICON_COLUMNS = ("term", "category", "why", "alternatives", "source")
RULE_COLUMNS = ("term", "rule", "words", "window", "why")


def read_entries(text: str, name: str, categories: Iterable[str], allow_none: bool = False) -> list[Entry]:
    """Parse lexicon CSV text (header ``term,category,why,alternatives,source``).

    ``alternatives`` are separated by ``|``. Unknown categories are an
    error naming the file, the line and the valid names; with
    ``allow_none``, category ``none`` is allowed (it switches a term off
    when an article lexicon is merged over the bundled one).
    """
    valid = set(categories)
    out = []
    for lineno, row in csv_rows(text, name, LEXICON_COLUMNS):
        cat = row["category"]
        if cat not in valid and not (allow_none and cat == "none"):
            extra = " or none (to switch a term off)" if allow_none else ""
            raise LexiconError(
                f"{name}, line {lineno}: unknown category {cat!r} for {row['term']!r}. "
                f"Fix: use one of {', '.join(sorted(valid))}{extra}."
            )
        alts = tuple(a.strip() for a in row["alternatives"].split("|") if a.strip())
        out.append(Entry.make(row["term"], cat, row["why"], alts, row["source"], origin=f"{name}, line {lineno}"))
    return out


def read_rules(text: str, name: str) -> list[ContextRule]:
    """Parse context rules (header ``term,rule,words,window,why``; words separated by ``|``)."""
    out = []
    for lineno, row in csv_rows(text, name, RULE_COLUMNS):
        kind = row["rule"]
        if kind not in ContextRule.KINDS:
            raise LexiconError(
                f"{name}, line {lineno}: unknown rule {kind!r}. Fix: use one of {', '.join(ContextRule.KINDS)}."
            )
        try:
            window = int(row["window"] or 1)
        except ValueError:
            raise LexiconError(f"{name}, line {lineno}: window {row['window']!r} is not a whole number.") from None
        words = [w.strip().casefold().replace("’", "'") for w in row["words"].split("|") if w.strip()]
        if not words:
            raise LexiconError(f"{name}, line {lineno}: the rule for {row['term']!r} lists no words.")
        exact = frozenset(w for w in words if not w.endswith("*"))
        prefixes = tuple(w[:-1] for w in words if w.endswith("*"))
        entry = Entry.make(row["term"], "rule")
        out.append(
            ContextRule(entry.key, kind, exact, window, row["why"], origin=f"{name}, line {lineno}", prefixes=prefixes)
        )
    return out


def merge_entries(base: Iterable[Entry], extra: Iterable[Entry]) -> list[Entry]:
    """``extra`` entries replace ``base`` entries with the same term; category ``none`` removes a term."""
    merged: dict[str, Entry] = {e.key: e for e in base}
    for e in extra:
        if e.category == "none":
            merged.pop(e.key, None)
        else:
            merged[e.key] = e
    return list(merged.values())


def read_file(path: str | Path) -> str:
    """Text of a lexicon file an instructor saved (UTF-8, with or without a byte-order mark).

    A file saved in another encoding (Excel on Windows saves CSV as cp1252)
    is a ``LexiconError`` naming the file and the line of the first bad byte.
    """
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise LexiconError(
            f"{path}, line {line}: is not UTF-8 text (byte {data[e.start]:#04x}). "
            "Fix: save the file as 'CSV UTF-8' (in Excel: Save As, then CSV UTF-8)."
        ) from None
