"""Who is who in an article: people, organisations and collectives, and how the text refers to them.

A reader who meets "Grushko said" remembers that Grushko is "Russian Deputy
Foreign Minister Alexander Grushko"; "the diplomat" and "he" point back to
him too. This module does the same with rules a student can read:

* **names** are runs of capitalised words ("Alexander Grushko"); leading
  title words ("Russian Deputy Foreign Minister") are kept as the person's
  *titles*, and so are appositions ("Jane Roe, a retired teacher,");
* a run with an organisation word ("Department", "Council") is an
  **organisation**; one with a document or event word ("Accords", "Summit")
  is not an actor at all;
* a small **gazetteer** (``resources/actors.csv``) knows countries,
  alliances and collectives ("the West") and their adjectives ("Ukrainian");
* **canonical names**: a surname alone ("Grushko") becomes the fullest form
  the article uses ("Alexander Grushko");
* **references**: "he"/"she" point to the most recent named person;
  descriptions ("the diplomat", "the Russian deputy minister") to the most
  recent person whose titles fit (``resources/person_nouns.csv``); "they" to
  the most recent organisation or collective; "the company" to the most
  recent organisation whose name fits (``resources/group_nouns.csv``).

Everything is computed once per article in one pass over its capitalised
words, so it stays linear in the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .resources import read_csv

__all__ = [
    "Actor",
    "ActorIndex",
    "Mention",
    "build_index",
    "person_nouns",
    "speaker_pattern",
]

#: Words that, before a name, give a person's office rather than their name.
TITLE_WORDS = frozenset(
    """minister deputy foreign prime president vice secretary general spokesman spokeswoman spokesperson
    ambassador envoy mayor councillor councilor alderman governor senator representative chair chairman
    chairwoman chairperson director chief executive officer head leader commissioner chancellor king queen
    prince princess pope judge justice professor colonel captain admiral sergeant lieutenant commander sheriff
    inspector superintendent attorney state defence defense interior finance transport health education trade
    economy energy environment culture labour labor home affairs first assistant acting former interim senior
    junior press mp lawmaker congressman congresswoman ceo founder deputy-mayor""".split()
)
HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame lord lady prof rev".split())
#: A capitalised run containing one of these names an organisation.
ORG_WORDS = frozenset(
    """department ministry council committee commission party union agency office bank court parliament
    government police army navy forces association institute university college school company corporation
    corp inc ltd group foundation organisation organization alliance federation assembly senate congress board
    authority service services bureau administration cabinet duma trust society club network coalition front
    movement league fund centre center hospital church guard fc club""".split()
)
#: A capitalised run containing one of these names a document, event or place, not an actor.
NOT_ACTOR_WORDS = frozenset(
    """accords accord agreement agreements treaty act plan report declaration convention protocol charter
    strategy programme program bill law resolution doctrine initiative summit conference olympics war games
    day festival meeting talks street road avenue square lane bridge station airport stadium river sea ocean
    mountains island islands""".split()
)
#: Capitalised words that start sentences but are not names.
NOT_NAMES = frozenset(
    """the a an at in on of for to if as but and or so yet after before although though therefore however
    meanwhile today yesterday tomorrow this that these those it its he she they we i you his her their our my
    your there here when while where what who why how since because with without by from into during despite
    instead also then now still even only not no nobody nothing let first second last next some many most all
    any each every both such more less few several one two three four five six seven eight nine ten once
    according following earlier later asked speaking under over about against between among until unless
    whether either neither well yes oh thus hence moreover furthermore indeed perhaps mrs mr ms dr""".split()
)
MONTHS_DAYS = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
#: Prepositions after which a capital city is a place, not an actor ("talks in Moscow").
LOCATIVE = frozenset("in at to from near outside inside via through across around".split())

_CAP = r"[A-Z](?:[\w&-]|[’'.](?=\w))*(?:(?<=s)[’'](?=[^\S\n]+[A-Z]))?"
_CONNECT = r"(?:(?:of|for|de|van|von|der|den|da|di|du|bin|al|la|le|y)[^\S\n]+(?:the[^\S\n]+)?)?"
CAPITALISED_RUN = re.compile(rf"(?<![\w’'-]){_CAP}(?:[^\S\n]+{_CONNECT}{_CAP})*")
_POSSESSIVE = re.compile(r"[’']s$")
_CAMEL = re.compile(r"[a-z][A-Z]")
_CAMEL_OK = re.compile(r"^(?:Mc|Mac|De|Di|La|Le|Van|O[’'])")
_WORD = re.compile(r"[\w’'-]+")

PRONOUNS = {"he": "person", "she": "person", "they": "group"}


@dataclass(frozen=True, slots=True)
class Actor:
    """Someone the article talks about or quotes: a canonical name and a type.

    ``type`` is person, organisation, country, collective, government_seat or
    unnamed (a description such as "an official" that names nobody).
    ``affiliation`` is the country an actor belongs to, when known.
    """

    name: str
    type: str
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where the text names an actor."""

    start: int
    end: int
    actor: Actor
    in_quote: bool = False


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    by_alias: dict[str, Actor]
    demonyms: dict[str, Actor]
    #: first word of a name -> [(whole name, pattern for the words after the first, or None)], longest first
    by_first: dict[str, list[tuple[str, re.Pattern[str] | None]]]
    #: names that start with a small letter ("international community"), found with one small regex
    lower: re.Pattern[str] | None

    def finditer(self, text: str):
        """(start, end, name) of every gazetteer name in ``text``: a dictionary look-up per capitalised word."""
        for m in _CAPWORD.finditer(text):
            word = m.group()
            if word.endswith(".") and word not in self.by_first:
                word = word.rstrip(".")
            for name, rest in self.by_first.get(word, ()):
                if rest is None:
                    yield m.start(), m.start() + len(word), name
                    break
                tail = rest.match(text, m.start() + len(word))
                if tail:
                    yield m.start(), tail.end(), name
                    break
        if self.lower is not None:
            for m in self.lower.finditer(text):
                yield m.start(), m.end(), " ".join(m.group().split())


_CAPWORD = re.compile(r"(?<![\w’'.])[A-Z][\w.&]*")


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """The actors in ``resources/actors.csv``, indexed by the first word of each of their names."""
    by_alias: dict[str, Actor] = {}
    demonyms: dict[str, Actor] = {}
    for row in read_csv("actors.csv"):
        actor = Actor(row["name"], row["type"], row.get("affiliation") or None)
        for alias in [row["name"], *row["aliases"].split("|")]:
            alias = " ".join(alias.split())
            if alias:
                by_alias[alias.removeprefix("the ")] = actor
        for dem in (row.get("demonyms") or "").split("|"):
            if dem.strip():
                demonyms[dem.strip()] = actor
    by_first: dict[str, list[tuple[str, re.Pattern[str] | None]]] = {}
    lower = []
    for name in sorted(set(by_alias) | set(demonyms), key=len, reverse=True):
        first, *rest = name.split()
        if not first[:1].isupper():
            lower.append(name)
            continue
        pat = re.compile("".join(rf"\s+{re.escape(w)}" for w in rest) + r"(?![\w])") if rest else None
        by_first.setdefault(first, []).append((name, pat))
    lower_re = None
    if lower:
        alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in lower)
        lower_re = re.compile(rf"(?<![\w’'.])(?:{alt})(?![\w])")
    return _Gazetteer(by_alias, demonyms, by_first, lower_re)


@lru_cache(maxsize=1)
def group_nouns() -> dict[str, tuple[str, ...]]:
    """noun -> words of an organisation's name it can refer to (``resources/group_nouns.csv``)."""
    return {
        row["term"].strip().lower(): tuple(m.strip().lower() for m in row["matches"].split("|") if m.strip())
        for row in read_csv("group_nouns.csv")
    }


@lru_cache(maxsize=1)
def person_nouns() -> dict[str, tuple[str, ...]]:
    """noun -> title words a named person needs for the noun to refer to them (``resources/person_nouns.csv``)."""
    out = {}
    for row in read_csv("person_nouns.csv"):
        matches = tuple(m.strip() for m in row["matches"].split("|") if m.strip())
        out[row["term"].strip().lower()] = matches or (row["term"].strip().lower(),)
    return out


@lru_cache(maxsize=1)
def speaker_pattern() -> str:
    """Regular-expression text for a phrase that can name a speaker.

    A pronoun ("he"), a description ("the Russian deputy minister", "a
    spokesperson": a determiner, up to three words, and a person noun or
    title) or a name ("the US State Department", "Alexander Grushko").
    """
    heads = sorted(_heads(), key=len, reverse=True)
    head = "|".join(re.escape(h) for h in heads)
    name = rf"(?:[Tt]he[^\S\n]+)?{_CAP}(?:[^\S\n]+{_CONNECT}{_CAP})*"
    desc = (
        rf"(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Oo]ne|[Aa]nother)[^\S\n]+(?:[\w’'-]+[^\S\n]+){{0,3}}?"
        rf"(?:{head})s?(?![\w’'-])(?:[^\S\n]+(?:of|for|at|from)[^\S\n]+{name})?"
    )
    pron = r"(?:[Hh]e|[Ss]he|[Tt]hey)(?![\w’'-])"
    return rf"(?:{pron}|{desc}|{name})"


@dataclass
class _Person:
    name: str
    titles: set[str] = field(default_factory=set)


@dataclass
class ActorIndex:
    """Every actor mention in one article, with the look-ups attribution needs."""

    text: str
    mentions: list[Mention] = field(default_factory=list)
    persons: dict[str, _Person] = field(default_factory=dict)
    _person_at: list[tuple[int, str]] = field(default_factory=list)
    _group_at: list[tuple[int, Actor]] = field(default_factory=list)
    _surnames: dict[str, str] = field(default_factory=dict)
    _the_names: set[str] = field(default_factory=set)
    _fits: dict[tuple[str, ...], list[str]] = field(default_factory=dict)

    # ------------------------------------------------------------ look-ups
    def canonical_person(self, name: str) -> str:
        """The fullest form of a person's name the article uses ("Grushko" -> "Alexander Grushko")."""
        name = _POSSESSIVE.sub("", name.strip())
        parts = name.split()
        if not parts:
            return name
        full = self._surnames.get(parts[-1])
        if full and set(parts) <= set(full.split()):
            return full
        return name

    def titles(self, person: str) -> set[str]:
        p = self.persons.get(person)
        return set(p.titles) if p else set()

    def person_before(self, offset: int) -> str | None:
        """The most recently named person before ``offset`` (what "he" or "she" points to)."""
        i = bisect_left(self._person_at, (offset, "")) - 1
        return self._person_at[i][1] if i >= 0 else None

    def group_before(self, offset: int) -> Actor | None:
        """The most recent organisation or collective before ``offset`` (what "they" points to)."""
        i = bisect_left(self._group_at, offset, key=lambda t: t[0]) - 1
        return self._group_at[i][1] if i >= 0 else None

    def resolve(self, phrase: str, offset: int) -> Actor | None:
        """Which actor a speaker phrase refers to, read at ``offset``; None when it names no actor.

        "he" -> the most recent person; "the diplomat" -> the most recent
        person whose titles fit; "Grushko" -> "Alexander Grushko"; "the West"
        -> the collective; "the meeting" -> None (a meeting does not speak).
        """
        phrase = " ".join(phrase.split())
        low = phrase.lower()
        if low in ("he", "she"):
            person = self.person_before(offset)
            return Actor(person, "person") if person else None
        if low == "they":
            return self.group_before(offset)
        words = _WORD.findall(phrase)
        if not words:
            return None
        # "a spokesperson for the Ministry of Defence": a named person if the description fits one,
        # else the body the person speaks for.
        split = _COMPLEMENT.match(phrase)
        if split and split.group(1).split()[0].lower() in _DETERMINERS and split.group(1).split()[-1].islower():
            person = self._description(_WORD.findall(split.group(1)), offset)
            if person is not None and person.type == "person":
                return person
            body = self._name(split.group(2), offset)
            if body is not None:
                return body
            return person
        # A description is a determiner plus a common (lower-case) noun: "the diplomat", "an official".
        if words[-1][:1].islower() and (
            words[0].lower() in {"a", "an", "this", "that", "one", "another"}
            or (words[0].lower() == "the" and len(words) > 1)
        ):
            return self._description(words, offset)
        return self._name(phrase, offset)

    # ----------------------------------------------------------- resolution
    def _description(self, words: list[str], offset: int) -> Actor | None:
        head = words[-1].lower()
        groups = group_nouns()
        if head in groups or (head.endswith("s") and head[:-1] in groups and head not in _heads()):
            return self._group(words, groups.get(head) or groups[head[:-1]], offset)
        if head not in _heads() and head.endswith("s") and head[:-1] in _heads():
            head = head[:-1]
        if head not in _heads():
            return None
        det = words[0].lower()
        if det == "the" or det in ("this", "that"):
            # Only a definite description points back to someone already named;
            # "an official" introduces somebody new.
            person = self.compatible_person([*(w.lower() for w in words[1:-1]), head], offset)
            if person:
                return Actor(person, "person")
        return Actor(" ".join([det, *[w.lower() for w in words[1:]]]), "unnamed")

    def _group(self, words: list[str], matches: tuple[str, ...], offset: int) -> Actor:
        """ "the company" -> the most recent organisation whose name fits, else the phrase as written."""
        if words[0].lower() == "the":
            i = bisect_left(self._group_at, offset, key=lambda t: t[0]) - 1
            seen = 0
            while i >= 0 and seen < 200:
                actor = self._group_at[i][1]
                name = actor.name.lower()
                if any(m in name.split() or m == name or m == name.removeprefix("the ") for m in matches):
                    return actor
                i -= 1
                seen += 1
        return Actor(" ".join(w.lower() for w in words), "unnamed")

    def compatible_person(self, description: Iterable[str], offset: int) -> str | None:
        """The most recent person before ``offset`` (else the first after) whose titles fit the description."""
        words = tuple(w.lower() for w in description)
        fitting = self._fits.get(words)
        if fitting is None:
            fitting = [n for n, p in self.persons.items() if _fits(words, p.titles)]
            if not fitting:
                # Nobody's known titles fit: the text may never have given the person's office in a form the
                # kit can read ("Head of regional administration Dmitry Volkov"), so people with no known
                # titles are not ruled out.
                fitting = [n for n, p in self.persons.items() if not p.titles]
            self._fits[words] = fitting
        if not fitting:
            return None
        wanted = set(fitting)
        # Walk back through the people named before ``offset`` (a bounded number, so this stays cheap) ...
        i = bisect_left(self._person_at, (offset, "")) - 1
        for j in range(i, max(-1, i - _LOOKBACK), -1):
            if self._person_at[j][1] in wanted:
                return self._person_at[j][1]
        # ... then forward, for a description that comes before the name ("Deputy Foreign Minister insists ...").
        for j in range(i + 1, min(len(self._person_at), i + 1 + _LOOKBACK)):
            if self._person_at[j][1] in wanted:
                return self._person_at[j][1]
        return fitting[0]

    def _name(self, phrase: str, offset: int) -> Actor | None:
        bare = _POSSESSIVE.sub("", phrase)
        has_the = bare.lower().startswith("the ")
        if has_the:
            bare = bare[4:]
        g = gazetteer()
        if bare in g.by_alias:
            return g.by_alias[bare]
        tokens = bare.split()
        kind, titles, name = classify_run(tokens)
        if kind == "organisation":
            return Actor(self._org_name(name), "organisation")
        if kind == "person":
            return Actor(self.canonical_person(name), "person")
        if kind == "title":
            person = self.compatible_person([t.lower() for t in titles], offset)
            return Actor(person, "person") if person else Actor("the " + " ".join(titles).lower(), "unnamed")
        if kind == "single":
            if name in self._surnames or name in self.persons:
                return Actor(self.canonical_person(name), "person")
            if name.lower() in NOT_NAMES or name.lower() in MONTHS_DAYS:
                return None
            # An unknown single name in the speaker slot ("Nair said"): a person named once.
            return Actor(name, "person")
        return None

    def _org_name(self, name: str) -> str:
        return f"the {name}" if name in self._the_names else name


def _fits(words: tuple[str, ...], titles: set[str]) -> bool:
    """Does a description ("russian", "deputy", "minister") fit a person with these titles?"""
    head, mods = words[-1], words[:-1]
    need = person_nouns().get(head, (head,))
    ok = bool(titles) if "*" in need else bool(titles & set(need)) or head in titles
    # "the Russian deputy minister": every title-like word must fit too.
    dem = gazetteer().demonyms
    return ok and all(m in titles for m in mods if m in TITLE_WORDS or m.capitalize() in dem)


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    return frozenset(person_nouns()) | TITLE_WORDS | frozenset(group_nouns())


_DETERMINERS = frozenset("the a an this that one another".split())
#: How many earlier (or later) name mentions a description or pronoun may reach back over.
_LOOKBACK = 300
_COMPLEMENT = re.compile(r"^(.+?)\s+(?:of|for|at|from)\s+((?:[Tt]he\s+)?[A-Z].*)$")


def classify_run(tokens: Sequence[str]) -> tuple[str, list[str], str]:
    """Read a run of capitalised words: ``(kind, titles, name)``.

    kind is "person" (a name, with any titles in front), "organisation",
    "title" (titles only: "Deputy Foreign Minister"), "single" (one unknown
    word: maybe a surname, maybe a place), or "none" (a document, an event,
    a date, web-page debris).
    """
    kind, titles, name = _classify(tuple(tokens))
    return kind, list(titles), name


@lru_cache(maxsize=4096)
def _classify(tokens: tuple[str, ...]) -> tuple[str, tuple[str, ...], str]:
    kind, titles, name = _classify_run(tokens)
    return kind, tuple(titles), name


def _classify_run(tokens: Sequence[str]) -> tuple[str, list[str], str]:
    # The rules; classify_run caches them, because the same names come back again and again.
    toks = [_POSSESSIVE.sub("", t) for t in tokens]
    while toks and (toks[0].lower() in NOT_NAMES or toks[0].lower() in MONTHS_DAYS):
        toks = toks[1:]
    if not toks:
        return "none", [], ""
    if any(_CAMEL.search(t) and not _CAMEL_OK.match(t) and not t.isupper() for t in toks):
        return "none", [], ""  # "EuropeFranceMiddle": menu labels run together
    lows = [t.lower().rstrip("’'") for t in toks]
    # The last word decides ("Mill Road Traders' Group" is a group, "Council Meeting" a meeting) ...
    if lows[-1] in ORG_WORDS:
        return "organisation", [], " ".join(toks)
    if lows[-1] in NOT_ACTOR_WORDS:
        return "none", [], ""
    # ... then any word ("Department for Transport" is a department, "Minsk Accords Day" is not an actor).
    if any(w in ORG_WORDS for w in lows):
        return "organisation", [], " ".join(toks)
    if any(w in NOT_ACTOR_WORDS for w in lows):
        return "none", [], ""
    dem = gazetteer().demonyms
    titles: list[str] = []
    i = 0
    g = gazetteer()
    while i < len(toks) and (
        lows[i] in TITLE_WORDS
        or lows[i] in HONORIFICS
        or toks[i] in dem
        # "NATO Secretary General Jens Stoltenberg": the body's name, then the office
        or (toks[i] in g.by_alias and i + 1 < len(toks) and lows[i + 1] in TITLE_WORDS)
    ):
        titles.append(toks[i])
        i += 1
    rest = [t for t in toks[i:] if t.lower() not in MONTHS_DAYS]
    if not rest:
        return ("title", titles, "") if any(t.lower() in TITLE_WORDS for t in titles) else ("none", [], "")
    if len(rest) == 1 and not titles:
        if rest[0] in g.by_alias or rest[0] in dem:
            return "none", [], ""
        return "single", [], rest[0]
    if " ".join(rest) in g.by_alias or any(t in g.by_alias or t in dem for t in rest):
        return "none", [], ""  # "NATO Russia" and the like: not a person's name
    if any(t in ("of", "for", "the") for t in rest):
        return "none", [], ""  # "Streets for Everyone": a title, not a person
    return "person", titles, " ".join(rest)


#: "the minister, Jane Roe, ...": a description just before the name, set off by commas.
_APPOSITION_BEFORE = re.compile(
    r"(?<![\w’'-])(?:[Tt]he|[Aa]n?)[^\S\n]+((?:[a-z][\w’'-]*[^\S\n]+){0,3}[a-z][\w’'-]*),[^\S\n]*$"
)
_APPOSITION = re.compile(r"^,[^\S\n]+(?:a|an|the)[^\S\n]+([^,.;:“”\"()\n]{1,60}?),")


def build_index(
    text: str, quoted: Sequence[tuple[int, int]] = (), title_spans: Sequence[tuple[int, int]] = ()
) -> ActorIndex:
    """Find every actor mention in ``text``.

    ``quoted`` lists the (sorted, non-overlapping) stretches inside quote
    marks: names there are still mentions (someone is talking about them),
    but "he" never points to a person named only inside a quotation.
    ``title_spans`` lists titles in marks ("the report “Moving Riverside
    Forward”"), whose capitals name nobody.
    """
    title_starts = [a for a, _ in title_spans]

    def in_title(pos: int) -> bool:
        i = bisect_left(title_starts, pos + 1) - 1
        return i >= 0 and title_spans[i][0] <= pos < title_spans[i][1]

    index = ActorIndex(text)
    starts = [s for s, _ in quoted]

    def in_quote(pos: int) -> bool:
        i = bisect_left(starts, pos + 1) - 1
        return i >= 0 and quoted[i][0] <= pos < quoted[i][1]

    g = gazetteer()
    singles: list[tuple[int, int, str]] = []
    person_mentions: list[tuple[int, str]] = []
    org_mentions: list[tuple[int, int, str]] = []
    for m in CAPITALISED_RUN.finditer(text):
        if title_spans and in_title(m.start()):
            continue
        tokens = m.group().split()
        kind, titles, name = classify_run(tokens)
        s, e = m.start(), m.end()
        if kind == "organisation" and (text[max(0, s - 4) : s].lower() == "the " or tokens[0] == "The"):
            index._the_names.add(name)
        if kind == "organisation":
            org_mentions.append((s, e, name))
        elif kind == "person":
            person = index.persons.setdefault(name, _Person(name))
            person.titles.update(t.lower() for t in titles)
            after = _APPOSITION.match(text, e, min(len(text), e + 80))
            if after:
                person.titles.update(w.lower() for w in _WORD.findall(after.group(1)))
            before = _APPOSITION_BEFORE.search(text, max(0, s - 50), s)
            if before and text[e : e + 1] == ",":
                person.titles.update(w.lower() for w in _WORD.findall(before.group(1)))
            person_mentions.append((s, name))
        elif kind == "single":
            singles.append((s, e, name))
    # A gazetteer name that starts where an organisation's run starts and reaches at least as far wins:
    # "Organization for Security and Co-operation in Europe" is one actor, not "Organization for Security".
    gazetteer_hits = sorted(g.finditer(text))
    gazetteer_end = {gs: ge for gs, ge, _ in gazetteer_hits}
    org_mentions = [(s, e, n) for s, e, n in org_mentions if gazetteer_end.get(s, -1) < e]
    org_spans = [(s, e) for s, e, _ in org_mentions]
    # Organisations: "the US State Department" if the text ever writes "the" before the name.
    for s, e, name in org_mentions:
        actor = Actor(index._org_name(name), "organisation")
        index.mentions.append(Mention(s, e, actor, in_quote(s)))
        if not in_quote(s):
            index._group_at.append((s, actor))
    # Surnames and first names point to the fullest name that contains them;
    # shorter forms ("Mayor Okafor") merge into it ("Linda Okafor").
    for full in sorted(index.persons, key=lambda n: -len(n.split())):
        for part in full.split():
            index._surnames.setdefault(part, full)
    merged: dict[str, str] = {}
    for name in list(index.persons):
        parts = name.split()
        full = index._surnames.get(parts[-1], name)
        if full != name and set(parts) <= set(full.split()):
            index.persons[full].titles.update(index.persons.pop(name).titles)
            merged[name] = full
    person_mentions = [(s, merged.get(n, n)) for s, n in person_mentions]
    for s, e, name in singles:
        if name in index._surnames:
            full = index._surnames[name]
            person_mentions.append((s, full))
            after = _APPOSITION.match(text, e, min(len(text), e + 80))
            if after:
                index.persons[full].titles.update(w.lower() for w in _WORD.findall(after.group(1)))
    for s, full in person_mentions:
        index.mentions.append(Mention(s, s + len(full), Actor(full, "person"), in_quote(s)))
    index._person_at = sorted((s, full) for s, full in person_mentions if not in_quote(s))
    # Gazetteer actors: countries, alliances, collectives, seats of government.
    oi = 0
    for s, e, word in gazetteer_hits:
        while oi < len(org_spans) and org_spans[oi][1] <= s:
            oi += 1
        if oi < len(org_spans) and org_spans[oi][0] <= s < org_spans[oi][1]:
            continue  # "US" inside "US State Department" belongs to the department
        actor = g.by_alias.get(word) or g.demonyms.get(word)
        if actor is None:
            continue
        if actor.type == "government_seat":
            before = text[max(0, s - 12) : s].split()
            if before and before[-1].lower() in LOCATIVE:
                continue
        index.mentions.append(Mention(s, e, actor, in_quote(s)))
        if not in_quote(s):
            index._group_at.append((s, actor))
    index.mentions.sort(key=lambda mm: (mm.start, mm.end))
    index._group_at.sort(key=lambda t: t[0])
    return index
