"""Agency: who does what to whom, and where the doer disappears.

Framing is not only *what* a story is about but *who acts*. English has
several ways to keep an actor out of sight, and students can learn to spot
each with a rule they can read:

* a **passive** with no doer ("the proposals were presented"), or with the
  doer pushed into a by-phrase at the end ("was accused by the West");
* a **necessity** construction that turns a choice into a compulsion
  ("Moscow will be forced to", "it is necessary to");
* a **nominalisation**, an action turned into a noun, so nobody is doing it
  ("the expansion of the military bloc").

The rules use word lists from ``resources/agency_words.yml`` and the
irregular verbs in ``resources/agency_irregular_verbs.csv``; no tagger and no
download. They are deliberately simple, so a student can check every flag
by hand, and deliberately cautious: an adjective that looks like a
participle ("is based in", "are concerned") is not a passive, and "has"
before a participle is a perfect tense, not a passive.

``actor_table`` counts, for the main collective actors of international news
(from ``resources/framing_actors.yml``), how often each is the subject of an
active verb, the doer in a passive's by-phrase, or the one acted upon.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from .cache import memo
from .findings import Finding, make_finding, sort_findings
from .resources import read_csv, read_text

if TYPE_CHECKING:
    from .article import Article

__all__ = [
    "ActorMention",
    "ActorRow",
    "ActorTable",
    "AGENCY_CATEGORIES",
    "Passive",
    "actor_mentions",
    "actor_table",
    "agency_rules",
    "find_passives",
    "passives",
]

#: The framing categories this module produces.
AGENCY_CATEGORIES = ("agentless", "agent_demoted", "necessity", "nominalisation")

_APOS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def _norm(token: str) -> str:
    """Lower case with plain apostrophes: the form every word list uses."""
    return token.translate(_APOS).lower()


# --------------------------------------------------------------- word lists
@dataclass(frozen=True)
class AgencyRules:
    """The word lists behind the rules, read once from the resources folder."""

    be: frozenset[str]
    contracting_pronouns: frozenset[str]
    get: frozenset[str]
    have: frozenset[str]
    modals: frozenset[str]
    adverbs: frozenset[str]
    ly_adjectives: frozenset[str]
    degree: frozenset[str]
    adjectival: frozenset[str]
    not_participles: frozenset[str]
    reduced_prepositions: frozenset[str]
    reporting_verbs: frozenset[str]
    by_not_agent: tuple[tuple[str, ...], ...]
    by_collocations: frozenset[str]
    necessity: tuple[tuple[tuple[tuple[str, bool], ...], str, str], ...]
    nominalisations: dict[str, str]
    participles: frozenset[str]
    past_forms: frozenset[str]
    bases: frozenset[str]
    past_of: dict[str, str]

    def is_adverb(self, w: str) -> bool:
        """A word allowed between an auxiliary and a participle."""
        return w in self.adverbs or (w.endswith("ly") and len(w) > 3 and w not in self.ly_adjectives)

    def is_participle(self, w: str) -> bool:
        """A past participle by form: an irregular one from the list, or a regular -ed word."""
        if not w.isalpha() or w in self.not_participles:
            return False
        if w in self.participles:
            return True
        return len(w) >= 4 and w.endswith("ed") and not w.endswith("eed")

    def is_passive_participle(self, w: str) -> bool:
        """A participle that, after BE, makes a passive (not an adjective like "based")."""
        if not self.is_participle(w) or w in self.adjectival:
            return False
        if w.startswith("un") and w not in _UN_VERBS and self.is_participle(w[2:]):
            return False  # "unresolved", "unprecedented": adjectives, nobody did them
        return True


#: Verbs that really start with un- (their participles are passives: "was unveiled").
_UN_VERBS = frozenset(
    """unveiled undermined undergone understood undertaken undone unleashed unlocked unloaded unfolded
    unravelled unraveled uncovered unearthed unmasked unblocked unsealed unsettled""".split()
)


@lru_cache(maxsize=1)
def agency_rules() -> AgencyRules:
    """Load and check the agency word lists (cached: they are read once)."""
    data = yaml.safe_load(read_text("agency_words.yml"))
    verbs = read_csv("agency_irregular_verbs.csv")
    participles: set[str] = set()
    past: set[str] = set()
    bases: set[str] = set()
    past_of: dict[str, str] = {}
    for row in verbs:
        first_past = row["past"].split("/")[0].strip().lower()
        for p in row["participle"].split("/"):
            past_of.setdefault(p.strip().lower(), first_past)
        bases.add(row["base"].lower())
        participles.update(p.strip().lower() for p in row["participle"].split("/"))
        past.update(p.strip().lower() for p in row["past"].split("/"))

    def words(name: str) -> frozenset[str]:
        return frozenset(_norm(str(w)) for w in data.get(name) or [])

    necessity = []
    for item in data.get("necessity") or []:
        pattern = []
        for part in str(item["pattern"]).split():
            optional = part.startswith("[") and part.endswith("]")
            pattern.append((part.strip("[]") if optional else part, optional))
        necessity.append((tuple(pattern), str(item["pattern"]), str(item["note"])))
    return AgencyRules(
        be=words("be_forms"),
        contracting_pronouns=words("contracting_pronouns"),
        get=words("get_forms"),
        have=words("have_forms"),
        modals=words("modals"),
        adverbs=words("adverbs"),
        ly_adjectives=words("ly_adjectives"),
        degree=words("degree_words"),
        adjectival=words("adjectival_participles"),
        not_participles=words("not_participles"),
        reduced_prepositions=words("reduced_prepositions"),
        reporting_verbs=words("reporting_verbs"),
        by_not_agent=tuple(tuple(_norm(str(p)).split()) for p in data.get("by_not_agent") or []),
        by_collocations=words("by_collocations"),
        necessity=tuple(necessity),
        nominalisations={_norm(str(k)): str(v) for k, v in (data.get("nominalisations") or {}).items()},
        participles=frozenset(participles - {"be"}),
        past_forms=frozenset(past),
        bases=frozenset(bases),
        past_of=past_of,
    )


# ---------------------------------------------------------------- tokens
class _Tok(NamedTuple):
    # A named tuple, not a dataclass: a megabyte of text has 170,000 tokens, and tuples are much cheaper to build.
    start: int
    end: int
    text: str
    low: str
    word: bool
    sent: int


def _tokens(article: Article) -> tuple[_Tok, ...]:
    """Tokens with their sentence number, so no rule reaches across a sentence.

    Built once per article (``medialit.cache``): the passives and the actor
    mentions both walk them.
    """
    return memo(article, "agency_tokens", lambda: tuple(_build_tokens(article)))


def _build_tokens(article: Article) -> list[_Tok]:
    out = []
    append = out.append
    sentences = article.sentences
    n_sent = len(sentences)
    k = 0  # tokens and sentences are both in reading order: walk them together instead of a bisect per token
    for t in article.tokens:
        start, text = t.start, t.text
        while k < n_sent and sentences[k].end <= start:
            k += 1
        si = k if k < n_sent and sentences[k].start <= start else -1
        word = text[0].isalnum() or any(c.isalnum() for c in text)
        low = text.translate(_APOS).lower() if ("’" in text or "‘" in text or "ʼ" in text) else text.lower()
        append(_Tok(start, t.end, text, low, word, si))
    return out


def _same_sentence(toks: Sequence[_Tok], i: int, j: int) -> bool:
    return 0 <= i < len(toks) and 0 <= j < len(toks) and toks[i].sent == toks[j].sent and toks[i].sent >= 0


# -------------------------------------------------------------- passives
@dataclass(frozen=True, slots=True)
class Passive:
    """One construction that hides or demotes a doer, with its parts.

    ``start``/``end`` cover the whole construction; ``verb`` is the
    participle or the necessity phrase; ``agent_start``/``agent_end`` the
    words after "by" when there is a by-phrase.
    """

    start: int
    end: int
    category: str
    verb: str
    note: str
    agent_start: int | None = None
    agent_end: int | None = None
    reduced: bool = False


_BY_STOP = frozenset(
    """to for in on at with that which who whom whose as because since after before during while when if from into
    over under against amid despite than but or nor so yet instead rather""".split()
)
_DETERMINERS = frozenset("the a an this that these those its their his her our my your some any other".split())


def _by_phrase(toks: Sequence[_Tok], k: int, rules: AgencyRules) -> int | None:
    """If toks[k] is "by" starting an agent, the index of the agent's last token."""
    if k >= len(toks) or toks[k].low != "by" or not _same_sentence(toks, k, k + 1):
        return None
    nxt = toks[k + 1]
    if not nxt.word or nxt.low[0].isdigit() or nxt.low.endswith("ing") and nxt.low not in {"beijing", "king"}:
        return None
    following = [t.low for t in toks[k + 1 : k + 4]]
    for phrase in rules.by_not_agent:
        if tuple(following[: len(phrase)]) == phrase:
            return None
    last = None
    words = 0
    j = k + 1
    while j < len(toks) and _same_sentence(toks, k, j) and words < 8 and j - k <= 16:
        t = toks[j]
        if not t.word:
            break
        w = t.low
        if w in rules.be or w in rules.have or w in rules.modals:
            break
        if w in _BY_STOP and last is not None:
            break
        if w == "of" and last is not None:
            nt = toks[j + 1] if j + 1 < len(toks) else None
            if nt is None or not nt.word or not nt.text[:1].isupper():
                break
        if w == "and" and last is not None:
            nt = toks[j + 1] if j + 1 < len(toks) else None
            if nt is None or not nt.word or not (nt.low in _DETERMINERS or nt.text[:1].isupper()):
                break
        last = j
        if not t.text[:1].isupper():
            words += 1  # capitalised words (names, titles) do not use up the limit
        j += 1
    if last is None or toks[last].low in {"and", "of", "the", "a", "an"}:
        while last is not None and last > k and toks[last].low in {"and", "of", "the", "a", "an"}:
            last -= 1
        if last is None or last <= k:
            return None
    return last


def _aux_start(toks: Sequence[_Tok], i: int, rules: AgencyRules) -> int:
    """Walk back from a BE form over auxiliaries ("will", "has", "not") to the verb group's start."""
    k = i
    while k - 1 >= 0 and _same_sentence(toks, k - 1, k):
        w = toks[k - 1].low
        if w in rules.have or w in rules.modals or w in rules.be or w in {"not", "n't"}:
            k -= 1
            continue
        if rules.is_adverb(w) and k - 2 >= 0 and _same_sentence(toks, k - 2, k):
            w2 = toks[k - 2].low
            if w2 in rules.have or w2 in rules.modals or w2 in rules.be:
                k -= 2
                continue
        break
    return k


def _is_be(toks: Sequence[_Tok], i: int, rules: AgencyRules) -> bool:
    w = toks[i].low
    if w in rules.be:
        return True
    if "'" not in w:
        return False  # the common case: no contraction ("he's", "they're")
    for suffix in ("'s", "'re"):
        if w.endswith(suffix) and w[: -len(suffix)] in rules.contracting_pronouns:
            return True
    return False


def _match_necessity(toks: Sequence[_Tok], i: int, rules: AgencyRules) -> tuple[int, int, str, str] | None:
    """A necessity pattern starting at token i: (first, last, pattern, note)."""
    for pattern, name, note in rules.necessity:
        j = i
        ok = True
        for word, optional in pattern:
            while j < len(toks) and toks[j].word and rules.is_adverb(toks[j].low) and word not in {"BE", "HAVE"}:
                if j == i:
                    break
                j += 1
            if j >= len(toks) or not _same_sentence(toks, i, j):
                ok = optional
                if not ok:
                    break
                continue
            w = toks[j].low
            if word == "BE":
                hit = _is_be(toks, j, rules)
            elif word == "HAVE":
                hit = w in rules.have
            else:
                hit = w == word.lower()
            if hit:
                j += 1
            elif not optional:
                ok = False
                break
        if ok and j > i:
            return i, j - 1, name, note
    return None


def passives(article: Article) -> list[Passive]:
    """Every passive, necessity construction and doer-less nominalisation, with its parts.

    ``find_passives`` turns these into findings; ``actor_table`` reads the
    by-phrases to count who is named as a doer.
    """
    return list(memo(article, "passives", lambda: tuple(_passives(article))))


def _necessity_starts(rules: AgencyRules) -> tuple[frozenset[str], bool, bool] | None:
    """The words a necessity pattern can start with: (literal words, BE, HAVE); None if a pattern's start is optional.

    ``passives`` tries the patterns only at tokens that can start one, instead of at every token.
    """
    words, be, have = set(), False, False
    for pattern, _name, _note in rules.necessity:
        if not pattern or pattern[0][1]:
            return None
        first = pattern[0][0]
        if first == "BE":
            be = True
        elif first == "HAVE":
            have = True
        else:
            words.add(first.lower())
    return frozenset(words), be, have


def _passives(article: Article) -> list[Passive]:
    rules = agency_rules()
    toks = _tokens(article)
    out: list[Passive] = []
    used: set[int] = set()

    # 1. Necessity first: "will be forced to" is a necessity, not just a passive.
    starts = _necessity_starts(rules)
    for i in range(len(toks)):
        if i in used or not toks[i].word:
            continue
        if starts is not None:
            low = toks[i].low
            if not (low in starts[0] or (starts[1] and _is_be(toks, i, rules)) or (starts[2] and low in rules.have)):
                continue  # no pattern starts with this word
        m = _match_necessity(toks, i, rules)
        if m is None:
            continue
        first, last, name, note = m
        start_i = _aux_start(toks, first, rules) if _is_be(toks, first, rules) else first
        # "it is necessary": keep "it" in the span when the pattern starts with it
        out.append(Passive(toks[start_i].start, toks[last].end, "necessity", name.replace("BE", "be"), note))
        used.update(range(start_i, last + 1))

    # 2. Finite passives: BE (or GET) + adverbs + participle (+ by-phrase).
    for i in range(len(toks)):
        if i in used or not toks[i].word:
            continue
        if not (_is_be(toks, i, rules) or toks[i].low in rules.get):
            continue
        j = i + 1
        while j < len(toks) and _same_sentence(toks, i, j) and toks[j].word and rules.is_adverb(toks[j].low):
            j += 1
        if j >= len(toks) or not _same_sentence(toks, i, j) or not toks[j].word:
            continue
        if _is_be(toks, j, rules) or toks[j].low in rules.degree:
            continue  # a later BE in the chain handles it; a degree word means an adjective
        w = toks[j].low
        if not rules.is_passive_participle(w):
            continue
        if j + 1 < len(toks) and toks[j + 1].low == "to" and w in {"used", "supposed"}:
            continue
        start_i = _aux_start(toks, i, rules)
        if any(k in used for k in range(start_i, j + 1)):
            continue
        k = j + 1
        while k < len(toks) and _same_sentence(toks, j, k) and toks[k].word and rules.is_adverb(toks[k].low):
            k += 1
        last = _by_phrase(toks, k, rules)
        participle = toks[j].text
        if last is not None:
            out.append(
                Passive(
                    toks[start_i].start,
                    toks[last].end,
                    "agent_demoted",
                    participle,
                    f"Passive with the doer moved to the end, after 'by': the one acted upon comes first "
                    f"and the doer ({_words(article, toks[k + 1].start, toks[last].end)}) comes last.",
                    toks[k + 1].start,
                    toks[last].end,
                )
            )
            used.update(range(start_i, last + 1))
        else:
            out.append(
                Passive(
                    toks[start_i].start,
                    toks[j].end,
                    "agentless",
                    participle,
                    f"Passive with no doer: the text says what was {w}, not who {_past(w)} it.",
                )
            )
            used.update(range(start_i, j + 1))

    # 3. Reduced passives: "the principle postulated by X", "The meeting, held in Brussels, ...".
    for j in range(len(toks)):
        if j in used or not toks[j].word:
            continue
        w = toks[j].low
        if not w.endswith("ed") and w not in rules.participles:
            continue  # not a participle (the test is_passive_participle starts with, done cheaply first)
        if not rules.is_passive_participle(w) or w in rules.by_collocations:
            continue
        # what comes before: adverbs, then the word that decides
        b = j - 1
        while b >= 0 and _same_sentence(toks, b, j) and toks[b].word and rules.is_adverb(toks[b].low):
            b -= 1
        prev = toks[b] if b >= 0 and _same_sentence(toks, b, j) else None
        if prev is not None and (
            prev.low in rules.have or prev.low in rules.modals or prev.low in rules.get or _is_be(toks, b, rules)
        ):
            continue  # a perfect tense ("has referred") or a verb group handled above
        k = j + 1
        while k < len(toks) and _same_sentence(toks, j, k) and toks[k].word and rules.is_adverb(toks[k].low):
            k += 1
        last = _by_phrase(toks, k, rules)
        if last is not None and (prev is None or prev.low not in _PRONOUNS):
            # (a subject pronoun before it, "they passed by", makes it an active verb)
            start_tok = b + 1
            out.append(
                Passive(
                    toks[start_tok].start,
                    toks[last].end,
                    "agent_demoted",
                    toks[j].text,
                    f"Shortened passive ('which was {w} by ...'): the doer "
                    f"({_words(article, toks[k + 1].start, toks[last].end)}) comes last, after 'by'.",
                    toks[k + 1].start,
                    toks[last].end,
                    reduced=True,
                )
            )
            used.update(range(start_tok, last + 1))
            continue
        if (
            prev is not None
            and prev.low == ","
            and b == j - 1
            and w not in rules.reporting_verbs
            and k < len(toks)
            and _same_sentence(toks, j, k)
            and toks[k].low in rules.reduced_prepositions
            and toks[k].low != "by"
            and b - 1 >= 0
            and toks[b - 1].word
            and _same_sentence(toks, b - 1, j)
        ):
            out.append(
                Passive(
                    toks[j].start,
                    toks[j].end,
                    "agentless",
                    toks[j].text,
                    f"Shortened passive after a comma ('which was {w} ...'): who {_past(w)} it is not said.",
                    reduced=True,
                )
            )
            used.add(j)

    # 4. Nominalisations whose doer is not in a doer slot.
    out.extend(_nominalisations(article, toks, rules, used))
    out.sort(key=lambda p: (p.start, -p.end))
    return out


_PRONOUNS = frozenset("i you he she it we they who".split())
_POSSESSIVE_PRONOUNS = frozenset("his her its their our my your whose".split())


def _words(article: Article, start: int, end: int) -> str:
    return " ".join(article.text[start:end].split())


def _past(participle: str) -> str:
    """The simple past for a note: "who held it", "who showed it" (regular verbs keep their -ed form)."""
    return agency_rules().past_of.get(participle, participle)


def _nominalisations(article: Article, toks: Sequence[_Tok], rules: AgencyRules, used: set[int]) -> list[Passive]:
    actors = _actor_data()
    nationality = {a.lower() for actor in actors["actors"] for a in actor.get("adjectives") or []}
    out = []
    for i, t in enumerate(toks):
        if i in used or not t.word:
            continue
        verb = rules.nominalisations.get(t.low)
        if verb is None:
            continue
        prev = toks[i - 1] if i > 0 and _same_sentence(toks, i - 1, i) else None
        if prev is not None and (
            _is_be(toks, i - 1, rules)
            or prev.low in rules.modals
            or prev.low in rules.have
            or prev.low in {"to", "not"}
            or prev.low in _PRONOUNS
        ):
            continue  # used as a verb ("were shelling", "to blockade")
        # a doer slot: possessive or nationality word within two words before, or "by" after
        named = False
        for b in (i - 1, i - 2):
            if b < 0 or not _same_sentence(toks, b, i):
                break
            w = toks[b].low
            if w.endswith("'s") or w.endswith("s'") or w in _POSSESSIVE_PRONOUNS or w in nationality:
                named = True
                break
            if not toks[b].word or w in _DETERMINERS:
                break
        if named or _by_phrase(toks, i + 1, rules) is not None:
            continue
        start_i = i
        if prev is not None and prev.word:
            if prev.low not in _DETERMINERS and i - 1 not in used and prev.text.isalpha() and _is_name(toks, i - 1):
                start_i = i - 1  # "NATO enlargement": the name is part of what students read
        end_i = i
        if i + 1 < len(toks) and toks[i + 1].low == "of" and _same_sentence(toks, i, i + 1):
            j = i + 2
            last = None
            while j < len(toks) and _same_sentence(toks, i, j) and j - i <= 6:
                w = toks[j].low
                if not toks[j].word or (w in _BY_STOP and last is not None) or w in rules.be or w in rules.have:
                    break
                if last is not None and (w in rules.modals or w in rules.past_forms or rules.is_participle(w)):
                    break  # "the build-up of troops continued": stop before the verb
                if w in {"and", "of"} and last is not None:
                    break
                last = j
                j += 1
            if last is not None:
                end_i = last
        out.append(
            Passive(
                toks[start_i].start,
                toks[end_i].end,
                "nominalisation",
                t.text,
                f"An action turned into a noun: '{t.text}' (from '{verb}') says that something happens, "
                "not who makes it happen.",
            )
        )
        used.update(range(start_i, end_i + 1))
    return out


def _is_name(toks: Sequence[_Tok], i: int) -> bool:
    """A capitalised word that is a name, not just the first word of a sentence."""
    t = toks[i]
    if not t.text[:1].isupper():
        return False
    first_in_sentence = i == 0 or toks[i - 1].sent != t.sent
    return not first_in_sentence or t.text.isupper()


def find_passives(article: Article, categories: Iterable[str] = AGENCY_CATEGORIES) -> list[Finding]:
    """Passives, necessity constructions and nominalisations that hide or demote a doer.

    Each finding is in the "framing" layer with category "agentless",
    "agent_demoted", "necessity" or "nominalisation"; its note says which
    rule fired and who is missing. Pass ``categories`` to keep only some
    (``categories=("agentless", "agent_demoted")`` for passives alone).
    """
    wanted = set(categories)
    unknown = wanted - set(AGENCY_CATEGORIES)
    if unknown:
        raise ValueError(f"unknown agency categories {sorted(unknown)}; choose from {', '.join(AGENCY_CATEGORIES)}")
    out = [
        make_finding(article, p.start, p.end, "framing", p.category, p.note)
        for p in passives(article)
        if p.category in wanted
    ]
    return sort_findings(out)


# ------------------------------------------------------------------ actors
@lru_cache(maxsize=1)
def _actor_data() -> dict[str, Any]:
    return yaml.safe_load(read_text("framing_actors.yml"))


@dataclass(frozen=True)
class _Alias:
    actor: str
    words: tuple[str, ...]
    capital: bool


@lru_cache(maxsize=1)
def _aliases() -> tuple[tuple[_Alias, ...], dict[str, str], frozenset[str], frozenset[str], frozenset[str]]:
    data = _actor_data()
    from .article import _word_tokenizer

    tok = _word_tokenizer()
    aliases = []
    adjectives: dict[str, str] = {}
    for actor in data["actors"]:
        name = actor["name"]
        capital = actor.get("capital")
        for alias in actor.get("aliases") or []:
            words = tuple(w.translate(_APOS) for w in tok.tokenize(str(alias)))
            aliases.append(_Alias(name, words, str(alias) == capital))
        for adj in actor.get("adjectives") or []:
            adjectives[str(adj)] = name
    aliases.sort(key=lambda a: -len(a.words))
    return (
        tuple(aliases),
        adjectives,
        frozenset(_norm(w) for w in data.get("group_nouns") or []),
        frozenset(_norm(w) for w in data.get("place_prepositions") or []),
        frozenset(_norm(w) for w in data.get("name_compounds") or _NAME_COMPOUNDS),
    )


_NAME_COMPOUNDS = (
    "agreement agreements accord accords talks format process protocol protocols summit council meeting "
    "declaration treaty deal negotiations formula"
).split()
_TARGET_NOUNS = frozenset(
    """threat threats pressure sanctions attack attacks aggression invasion war demands ultimatum accusations
    accusation campaign provocations hostility occupation annexation""".split()
)
_TARGET_PREPS = frozenset({"to", "on", "against", "of"})
_COMMON_BASE_VERBS = frozenset(
    """say want expect insist agree believe hope fear demand need plan deny accuse warn reject consider see know think
    call urge continue remain seek support oppose ask tell push pressure supply send give take make stop press
    propose offer refuse threaten respect ignore accept discuss allow""".split()
)
_NOT_VERBS = frozenset(
    """news talks relations affairs politics economics sanctions forces troops arms means series species
    this its his hers ours yours theirs is was has does us as plus thus less unless across perhaps always
    sometimes afterwards towards besides headquarters whereas""".split()
)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One place where an actor is named, with its grammatical role there.

    ``role`` is "subject" (does something: "Moscow drafted"), "agent"
    (named after "by" in a passive), "acted_upon" (the subject of a passive,
    the object of a verb, or the target of a threat or pressure), or None.
    ``possessive`` marks "NATO's". ``verb`` is the verb of the role.
    """

    actor: str
    start: int
    end: int
    text: str
    role: str | None = None
    verb: str | None = None
    possessive: bool = False


@lru_cache(maxsize=1)
def _alias_index() -> tuple[dict[str, tuple[_Alias, ...]], tuple[_Alias, ...], tuple[_Alias, ...]]:
    """The aliases that can start at a token, by the token's text: (by text, for "the", for any token).

    ``_find_mentions`` tries only these (in the same longest-first order)
    instead of all seventy aliases at every token. The first word of an
    alias matches a token when they are equal; "the" in any case; and the
    only word of a one-word alias also with a possessive ending ("NATO's").
    """
    aliases = _aliases()[0]
    by_text: dict[str, list[int]] = {}
    the: list[int] = []
    anywhere: list[int] = []
    for k, a in enumerate(aliases):
        if not a.words:
            anywhere.append(k)
            continue
        first = a.words[0]
        if first.lower() == "the":
            the.append(k)
            continue
        keys = [first] + ([first + "'s", first + "'"] if len(a.words) == 1 else [])
        for key in keys:
            by_text.setdefault(key, []).append(k)

    def ordered(ks: list[int]) -> tuple[_Alias, ...]:
        return tuple(aliases[k] for k in sorted(set(ks + anywhere)))

    return {t: ordered(ks) for t, ks in by_text.items()}, ordered(the), ordered([])


def _find_mentions(article: Article, toks: Sequence[_Tok]) -> list[tuple[int, int, str, bool]]:
    """(first token, last token, actor, possessive) for every actor name in the text."""
    aliases, adjectives, group_nouns, place_preps, compounds = _aliases()
    by_text, the_aliases, any_aliases = _alias_index()
    texts = [t.text.translate(_APOS) for t in toks]
    out = []
    i = 0
    n = len(toks)
    while i < n:
        t = texts[i]
        hit = None
        candidates = the_aliases if t.lower() == "the" else by_text.get(t, any_aliases)
        for a in candidates:
            m = len(a.words)
            if i + m > n:
                continue
            ok = True
            possessive = False
            for k, w in enumerate(a.words):
                tt = texts[i + k]
                if k == 0 and w.lower() == "the":
                    ok = tt.lower() == "the"
                elif k == m - 1 and (tt == w + "'s" or tt == w + "'"):
                    possessive = True
                else:
                    ok = tt == w
                if not ok:
                    break
            if ok and not (m > 1 and not _same_sentence(toks, i, i + m - 1)):
                hit = (a, m, possessive)
                break
        if hit is None and t in adjectives and i + 1 < n and _norm(texts[i + 1]) in group_nouns:
            actor = adjectives[t]
            out.append((i, i + 1, actor, False))
            i += 2
            continue
        if hit is None:
            i += 1
            continue
        a, m, possessive = hit
        last = i + m - 1
        # a capital after "in", "at"... is a place, not an actor
        if a.capital and i > 0 and toks[i - 1].low in place_preps:
            i += m
            continue
        nxt = toks[last + 1] if last + 1 < n and _same_sentence(toks, last, last + 1) else None
        if not possessive and nxt is not None and nxt.word:
            if nxt.low in group_nouns:
                last += 1
            elif nxt.low in compounds or (nxt.text[:1].isupper() and nxt.low not in {"i"}):
                i = last + 2  # part of a longer name: "Minsk agreements", "NATO Secretary General"
                continue
        out.append((i, last, a.actor, possessive))
        i = last + 1
    return out


def _verb_group(toks: Sequence[_Tok], i: int, rules: AgencyRules) -> tuple[str, str, int] | None:
    """Parse a verb group starting at token i: (kind, verb text, last index).

    kind is "active", "passive" or "copula". Returns None when the words at i
    do not start a finite verb.
    """
    n = len(toks)

    def ok(j: int) -> bool:
        return j < n and _same_sentence(toks, i, j) and toks[j].word

    def skip_adv(j: int) -> int:
        while ok(j) and (rules.is_adverb(toks[j].low) or toks[j].low in {"not", "n't"}):
            j += 1
        return j

    def neg(a: int, b: int) -> list[str]:
        """The negation between two tokens, so "will not allow" keeps its "not"."""
        return [toks[x].text for x in range(a, b) if toks[x].low in {"not", "n't", "never"}]

    j = skip_adv(i)
    if not ok(j):
        return None
    w = toks[j].low
    words = [toks[j].text]
    if w in rules.modals or w in {"do", "does", "did"}:
        k = skip_adv(j + 1)
        if not ok(k):
            return None
        return _after_aux(toks, k, rules, [toks[j].text, *neg(j + 1, k)], ok, skip_adv)
    if w in rules.have:
        k = skip_adv(j + 1)
        if not ok(k):
            return None
        if toks[k].low == "been":
            return _after_be(toks, k, rules, [toks[j].text, *neg(j + 1, k), "been"], ok, skip_adv)
        if rules.is_participle(toks[k].low) or toks[k].low in rules.participles:
            return "active", " ".join([toks[j].text, *neg(j + 1, k), toks[k].text]), k
        return None
    if _is_be(toks, j, rules):
        return _after_be(toks, j, rules, words, ok, skip_adv)
    if _looks_finite(w, rules):
        return "active", toks[j].text, j
    return None


def _after_aux(toks, k, rules, words, ok, skip_adv):  # type: ignore[no-untyped-def]
    w = toks[k].low
    if w == "be":
        return _after_be(toks, k, rules, [*words, "be"], ok, skip_adv)
    if w == "have":
        m = skip_adv(k + 1)
        if ok(m) and toks[m].low == "been":
            return _after_be(toks, m, rules, [*words, "have been"], ok, skip_adv)
        if ok(m) and rules.is_participle(toks[m].low):
            return "active", " ".join([*words, "have", toks[m].text]), m
        return None
    if w.isalpha() and w not in _DETERMINERS:
        verb = [*words, toks[k].text]
        last = k
        m = k + 1
        if ok(m) and toks[m].low.endswith("ing"):
            verb.append(toks[m].text)
            last = m
        return "active", " ".join(verb), last
    return None


def _after_be(toks, j, rules, words, ok, skip_adv):  # type: ignore[no-untyped-def]
    k = skip_adv(j + 1)
    if not ok(k):
        return "copula", " ".join(words), j
    w = toks[k].low
    if w in {"being", "been"}:
        return _after_be(toks, k, rules, [*words, toks[k].text], ok, skip_adv)
    if w in rules.degree:
        return "copula", " ".join(words), j
    if rules.is_passive_participle(w):
        return "passive", toks[k].text, k
    if w.endswith("ing") and len(w) > 4:
        return "active", " ".join([*words, toks[k].text]), k
    return "copula", " ".join(words), j


def _looks_finite(w: str, rules: AgencyRules) -> bool:
    """A word that can be a finite verb right after its subject ("expects", "drafted", "sent")."""
    if not w.isalpha() or w in _NOT_VERBS or w in _DETERMINERS:
        return False
    if w in rules.past_forms or w in _COMMON_BASE_VERBS:
        return True
    if w.endswith("ed") and rules.is_participle(w) and w not in rules.adjectival:
        return True
    return len(w) >= 4 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous", "ics"))


def actor_mentions(article: Article) -> list[ActorMention]:
    """Every mention of a gazetteer actor, with its role (see ``ActorMention``)."""
    rules = agency_rules()
    toks = _tokens(article)
    found = _find_mentions(article, toks)
    agents = [p for p in passives(article) if p.category == "agent_demoted" and p.agent_start is not None]
    # by-phrases sorted by start, so each mention looks only at the few that can contain it
    in_order = sorted((p.agent_start, k) for k, p in enumerate(agents) if p.agent_end is not None)
    agent_starts = [a for a, _ in in_order]
    longest = max((agents[k].agent_end - a for a, k in in_order), default=0)
    roles: dict[int, tuple[str, str]] = {}
    by_first = {f[0]: idx for idx, f in enumerate(found)}

    def next_verb_index(idx: int) -> int:
        """Token index after a mention, skipping a coordinated mention and a relative clause."""
        _, last, _, _ = found[idx]
        j = last + 1
        if j < len(toks) and toks[j].low in {"and", "or"} and _same_sentence(toks, last, j):
            k = j + 1
            while k < len(toks) and k <= j + 2 and (toks[k].low in {"other", "its", "their"} or toks[k].low.isdigit()):
                k += 1  # "and other Western countries", "and the 30 Allies"
            if (
                k not in by_first
                and k < len(toks)
                and toks[k].low == "the"
                and k + 1 < len(toks)
                and toks[k + 1].low.isdigit()
            ):
                k += 2
            if k in by_first:
                return next_verb_index(by_first[k])
        return j

    for idx, (first, last, _actor, possessive) in enumerate(found):
        if possessive:
            continue
        start, end = toks[first].start, toks[last].end
        # agent in a by-phrase
        # the first by-phrase (in reading order of the passives) that contains the mention
        lo, hi = bisect_left(agent_starts, start - longest), bisect_right(agent_starts, start)
        containing = [k for _, k in in_order[lo:hi] if end <= agents[k].agent_end]
        if containing:
            roles[idx] = ("agent", agents[min(containing)].verb)
        if idx in roles:
            continue
        # subject: a verb follows (after a coordinated actor or a relative clause)
        j = next_verb_index(idx)
        rel_verb = None
        if (
            j + 1 < len(toks)
            and toks[j].low == ","
            and toks[j + 1].low in {"which", "who", "that"}
            and _same_sentence(toks, j, j + 1)
        ):
            g = _verb_group(toks, j + 2, rules)
            if g is not None and g[0] == "active":
                rel_verb = g[1]
            k = j + 2
            while k < len(toks) and _same_sentence(toks, j, k) and toks[k].low != ",":
                k += 1
            j = k + 1
        if _same_sentence(toks, last, j):
            g = _verb_group(toks, j, rules)
            if g is not None and not (first > 0 and toks[first - 1].low in _TARGET_PREPS | {"by", "from", "with"}):
                kind, verb, _ = g
                if kind == "active":
                    roles[idx] = ("subject", verb if rel_verb is None else f"{rel_verb}; {verb}")
                    continue
                if kind == "passive":
                    roles[idx] = ("acted_upon", verb)
                    continue
                if kind == "copula":
                    continue  # "the Allies were ready": the subject of a description
        if rel_verb is not None:
            roles[idx] = ("subject", rel_verb)
            continue
        # acted upon: object of a verb, or target of "threat to", "pressure on"
        p = first - 1
        if p >= 0 and toks[p].low == "the":
            p -= 1  # "pressure on the Kiev authorities"
        if p >= 0 and _same_sentence(toks, p, first):
            w = toks[p].low
            if w in _TARGET_PREPS and p - 1 >= 0 and toks[p - 1].low in _TARGET_NOUNS:
                roles[idx] = ("acted_upon", f"{toks[p - 1].text} {toks[p].text}")
                continue
            if _object_verb(toks, p, rules):
                roles[idx] = ("acted_upon", toks[p].text)
                continue
    out = []
    for idx, (first, last, actor, possessive) in enumerate(found):
        role, verb = roles.get(idx, (None, None))
        if possessive and role is None:
            # "threat to Ukraine's security": the possessor is still the target
            p = first - 1
            if p - 1 >= 0 and toks[p].low in _TARGET_PREPS and toks[p - 1].low in _TARGET_NOUNS:
                role, verb = "acted_upon", f"{toks[p - 1].text} {toks[p].text}"
        start, end = toks[first].start, toks[last].end
        out.append(ActorMention(actor, start, end, article.text[start:end], role, verb, possessive))
    return out


def _object_verb(toks: Sequence[_Tok], p: int, rules: AgencyRules) -> bool:
    """Is toks[p] a verb whose object follows ("discussed Ukraine", "pressure Kyiv")?"""
    w = toks[p].low
    if not toks[p].word or not w.isalpha() or w in _DETERMINERS or w in _NOT_VERBS or w in _BY_STOP:
        return False
    if w in rules.be or w in rules.have or w in rules.modals or w in {"of", "and", "by"}:
        return False
    if w in _CLAUSE_VERBS:
        return False  # "said the Allies were ready": the actor starts a reported clause
    if w.endswith("ing") and len(w) > 4:
        return True
    if w.endswith("ed") and rules.is_participle(w):
        return True
    if w in rules.past_forms:
        return True
    # base form after a modal, "to" or a subject pronoun (skipping adverbs)
    b = p - 1
    while b >= 0 and _same_sentence(toks, b, p) and rules.is_adverb(toks[b].low):
        b -= 1
    before = toks[b].low if b >= 0 and _same_sentence(toks, b, p) else ""
    if before in rules.modals or before in {"to", "not", "n't"} or before in _PRONOUNS:
        return True
    subject_before = before in _SUBJECTISH or (b >= 0 and toks[b].text[:1].isupper() and toks[b].word)
    return len(w) >= 4 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")) and subject_before


_SUBJECTISH = frozenset("which who that it he she".split())
#: Reporting verbs followed by a clause, not an object: after them an actor starts the reported clause.
_CLAUSE_VERBS = frozenset(
    """say says said add adds added note notes noted explain explains explained stress stresses stressed insist
    insists insisted claim claims claimed argue argues argued state states stated reveal reveals revealed admit
    admits admitted concede concedes conceded reiterate reiterates reiterated suggest suggests suggested believe
    believes believed think thinks thought hope hopes hoped fear fears feared announce announces announced
    declare declares declared confirm confirms confirmed""".split()
)


@dataclass(frozen=True)
class ActorRow:
    """One actor's line in the actor table."""

    actor: str
    mentions: int
    names: tuple[str, ...]
    subject: int
    agent: int
    acted_upon: int
    subject_verbs: tuple[str, ...] = ()
    agent_verbs: tuple[str, ...] = ()
    acted_upon_verbs: tuple[str, ...] = ()

    @property
    def active_share(self) -> float:
        """Share of role-bearing mentions where the actor does something (subject or agent)."""
        total = self.subject + self.agent + self.acted_upon
        return (self.subject + self.agent) / total if total else 0.0


@dataclass
class ActorTable:
    """The actor table: one row per actor named, most-mentioned first.

    Shows itself as an HTML table in a notebook; ``rows`` are ``ActorRow``s,
    ``mentions`` every ``ActorMention`` behind them.
    """

    rows: list[ActorRow] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    title: str = ""

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, name: str) -> ActorRow:
        for r in self.rows:
            if r.actor == name:
                return r
        raise KeyError(f"no actor {name!r} in this table; actors: {', '.join(r.actor for r in self.rows)}")

    def __contains__(self, name: object) -> bool:
        return any(r.actor == name for r in self.rows)

    def to_html(self) -> str:
        head = (
            "<tr><th>Actor</th><th>Mentions</th><th>Names used</th><th>Acts (subject)</th>"
            "<th>Doer after 'by'</th><th>Acted upon</th></tr>"
        )
        body = []
        for r in self.rows:

            def cell(n: int, verbs: tuple[str, ...]) -> str:
                listed = ", ".join(verbs)
                return f"<td><b>{n}</b>" + (f"<br><small>{escape(listed)}</small>" if verbs else "") + "</td>"

            body.append(
                f"<tr><td><b>{escape(r.actor)}</b></td><td>{r.mentions}</td>"
                f"<td><small>{escape(', '.join(r.names))}</small></td>"
                + cell(r.subject, r.subject_verbs)
                + cell(r.agent, r.agent_verbs)
                + cell(r.acted_upon, r.acted_upon_verbs)
                + "</tr>"
            )
        if not body:
            body.append("<tr><td colspan='6'><i>No actor from the gazetteer is named in this text.</i></td></tr>")
        caption = f"<caption style='text-align:left'><b>{escape(self.title)}</b></caption>" if self.title else ""
        return (
            "<table style='border-collapse:collapse;font:13px system-ui,sans-serif' border='1' cellpadding='4'>"
            f"{caption}{head}{''.join(body)}</table>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()


def actor_table(article: Article, actors: Iterable[str] | None = None) -> ActorTable:
    """Who acts and who is acted upon, per actor, with the verbs.

    Counts come from ``actor_mentions``: rough, rule-based, and meant to be
    checked against the text (the table lists the verbs so you can). Only
    actors named at least once appear; ``actors`` limits the table to some.
    """
    mentions = actor_mentions(article)
    wanted = set(actors) if actors is not None else None
    order: dict[str, list[ActorMention]] = {}
    for m in mentions:
        if wanted is None or m.actor in wanted:
            order.setdefault(m.actor, []).append(m)
    rows = []
    for actor, ms in order.items():
        names: list[str] = []
        for m in ms:
            name = " ".join(m.text.split())
            if name not in names:
                names.append(name)

        def verbs(role: str, ms: list[ActorMention] = ms) -> tuple[str, ...]:
            return tuple(m.verb or "" for m in ms if m.role == role)

        rows.append(
            ActorRow(
                actor=actor,
                mentions=len(ms),
                names=tuple(names),
                subject=sum(1 for m in ms if m.role == "subject"),
                agent=sum(1 for m in ms if m.role == "agent"),
                acted_upon=sum(1 for m in ms if m.role == "acted_upon"),
                subject_verbs=verbs("subject"),
                agent_verbs=verbs("agent"),
                acted_upon_verbs=verbs("acted_upon"),
            )
        )
    rows.sort(key=lambda r: (-r.mentions, r.actor))
    return ActorTable(rows, [m for m in mentions if wanted is None or m.actor in wanted], article.title or "")
