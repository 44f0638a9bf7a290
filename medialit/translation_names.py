"""Transliteration traces: one name spelled two ways, and spellings that betray a route.

Names from the Cyrillic alphabet have no single Latin spelling. Each
language and each newsroom has its habits: English *Kyiv* follows
Ukrainian *Київ*, *Kiev* follows Russian *Киев*; French writes *Poutine*
and *Grouchko*, German *Selenskyj*. So a spelling is evidence of the hands a
text passed through, and two spellings of one name in one text show that
its parts came by different routes.

Two sources of evidence, both explained in each finding's note:

* ``transliterations.csv``: known spellings with their origin (Russian- or
  Ukrainian-derived, French, German).
* A folding rule for names the file does not list: *Dmitry* and *Dmitriy*,
  *Zelenskyy* and *Zelenskiy* fold to the same key, so a text that uses both
  has an inconsistency worth a look.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .findings import make_finding
from .resources import ResourceError, parse_csv, read_text
from .translation_base import LANGUAGE_NAMES, Trace

__all__ = ["Spelling", "fold_name", "spellings", "transliteration_traces"]

_ORIGIN_WORD = {
    "ru": "Russian-derived",
    "uk": "Ukrainian-derived",
    "fr": "French",
    "de": "German",
    "pl": "Polish",
    "en": "English",
}


@dataclass(frozen=True, slots=True)
class Spelling:
    """One known spelling of a name and where it comes from."""

    name: str
    variant: str
    origin: str
    flag_alone: bool
    note: str


@lru_cache(maxsize=1)
def spellings() -> dict[str, Spelling]:
    """variant (case-sensitive) -> Spelling, from transliterations.csv."""
    rows = parse_csv(
        read_text("transliterations.csv"), "transliterations.csv", ("name", "variant", "origin", "flag_alone")
    )
    out = {}
    for i, r in enumerate(rows, 1):
        if r["origin"] not in _ORIGIN_WORD or r["flag_alone"] not in ("yes", "no"):
            raise ResourceError(
                f"transliterations.csv, row {i}: origin must be one of {', '.join(_ORIGIN_WORD)} and flag_alone yes or no."
            )
        out[r["variant"]] = Spelling(r["name"], r["variant"], r["origin"], r["flag_alone"] == "yes", r.get("note", ""))
    return out


_NAME = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w]*(?:-[\w]+)*")


def fold_name(name: str) -> str:
    """A key under which transliterations of one name collide (Dmitriy ~ Dmitry, Zelenskyy ~ Zelenskiy)."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    if s.startswith("ye"):
        s = s[1:]
    for a, b in (("tch", "ch"), ("kh", "h"), ("ou", "u"), ("ck", "k"), ("w", "v"), ("j", "y"), ("gh", "g")):
        s = s.replace(a, b)
    s = re.sub(r"(iy|yy|ii|yi|iy)$", "y", s)
    s = s.replace("y", "i")
    s = re.sub(r"(.)\1+", r"\1", s)
    return s


#: Letter groups typical of names transliterated from Cyrillic (Dmitriy, Zelenskyy, Kharkov, Yanukovych);
#: two spellings of other names (Louis, Luis) are different people more often than variants.
_CYRILLIC_LOOK = re.compile(
    r"kh|zh|ts|iy|yy|yi|ya|yu|ye|yo|ov$|ev$|sk[iy]|nko$|vi?ch$|vych|chuk|yuk|y$|ii", re.IGNORECASE
)


def transliteration_traces(article) -> list[Trace]:
    """Known route-revealing spellings, and names spelled two ways in the same text."""
    text = article.text
    known = spellings()
    occurrences: dict[str, list[tuple[int, int]]] = {}
    lower_words = {w.lower() for w in re.findall(r"(?<![\w-])[a-z][\w]*", text)}
    for m in _NAME.finditer(text):
        for part in _parts(m):
            occurrences.setdefault(part[2], []).append((part[0], part[1]))
    out: list[Trace] = []
    flagged: set[str] = set()

    # 1. names from the list
    groups: dict[str, set[str]] = {}
    for word in occurrences:
        sp = known.get(word)
        if sp:
            groups.setdefault(sp.name, set()).add(word)
    has_uk = any(known[w].origin == "uk" for ws in groups.values() for w in ws)
    for name, variants in groups.items():
        mixed = len(variants) > 1
        for v in sorted(variants):
            sp = known[v]
            if not (mixed or sp.flag_alone):
                continue
            others = sorted(variants - {v})
            origin = _ORIGIN_WORD[sp.origin]
            if mixed:
                other_desc = ", ".join(f"“{o}” ({_ORIGIN_WORD[known[o].origin]})" for o in others)
                note = (
                    f"“{v}” ({origin}) and {other_desc} name the same place or person in one text: "
                    "its parts came through different hands or languages."
                )
            elif sp.origin == "ru" and has_uk:
                note = (
                    f"“{v}” is the Russian-derived spelling (usual English today: {name}), while this text "
                    "spells other names the Ukrainian way: a trace of a Russian-language source."
                )
            elif sp.origin == "ru":
                note = (
                    f"“{v}” is the Russian-derived spelling of {name}: a trace of a Russian-language source or outlet."
                )
            else:
                note = f"“{v}” is the {origin} spelling of {name}: the text passed through {LANGUAGE_NAMES.get(sp.origin, origin)}."
            alts = (name,) if v != name else ()
            langs = (sp.origin,) if sp.origin not in ("en", "uk") else ()
            evidence = f"{origin} spelling" if sp.origin not in ("en", "uk") else "mixed spellings of a name"
            for s, e in occurrences[v]:
                out.append(
                    Trace(make_finding(article, s, e, "translation", "transliteration", note, alts), langs, evidence)
                )
            flagged.add(v)

    # 2. names the list does not know: fold and compare
    folded: dict[str, set[str]] = {}
    for word in occurrences:
        if word in flagged or word in known or len(word) < 4 or word.isupper() or word.lower() in lower_words:
            continue
        folded.setdefault(fold_name(word), set()).add(word)
    for variants in folded.values():
        distinct = set(variants)
        if len({v.lower() for v in distinct}) < 2 or not any(_CYRILLIC_LOOK.search(v) for v in distinct):
            continue
        for v in sorted(distinct):
            others = ", ".join(f"“{o}”" for o in sorted(distinct - {v}))
            note = (
                f"“{v}” and {others} look like two transliterations of one name: the text mixes spellings, "
                "as happens when its parts were translated from a non-Latin alphabet separately."
            )
            for s, e in occurrences[v]:
                out.append(
                    Trace(
                        make_finding(article, s, e, "translation", "transliteration", note), (), "name spelled two ways"
                    )
                )
    return out


def _parts(m: re.Match[str]) -> list[tuple[int, int, str]]:
    """The capitalised parts of a (possibly hyphenated) name token, possessive stripped."""
    out = []
    pos = m.start()
    for piece in m.group().split("-"):
        if piece[:1].isupper():
            out.append((pos, pos + len(piece), piece))
        pos += len(piece) + 1
    return out
