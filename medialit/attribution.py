"""Attribution: the reporting verbs ("said", "warned", "according to") and who they belong to.

A reporting verb (a *cue*) ties words to a speaker. The speaker stands in
one of four places, and the rules look in each, in this order:

1. before the verb, as its subject: "Grushko said", "he added",
   "Jane Roe, a retired teacher, said";
2. after the verb, inverted, when the verb opens its clause: ", said the
   diplomat", ", explained Grushko";
3. after "by", when the verb is passive: "postulated by the US State
   Department", "accused by the West";
4. after "according to".

A verb with no speaker in any of those places ("stressing that ...",
"the meeting underlined") is still a cue: an ``-ing`` form inherits the
speaker of its sentence. The verbs and what each implies come from
``resources/reporting_verbs.csv``, so an instructor can add a verb without
touching the code.

All searches run on a *masked* copy of the text in which the words inside
quote marks are replaced by NUL characters: a verb inside a quotation is the
speaker's, not the reporter's, and must never be taken for an attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import read_csv
from .speakers import Actor, ActorIndex, speaker_pattern

__all__ = [
    "MASK",
    "Cue",
    "adjacent_after",
    "adjacent_before",
    "Verb",
    "cue_pattern",
    "find_cues",
    "trailing_attribution",
    "verb_lexicon",
    "verbs_table",
]

#: What the words inside quote marks are replaced by in the masked text.
MASK = "\x00"

_SP = r"[^\S\n]"  # a space that is not a line break
#: Adverbs and auxiliaries that may stand between a speaker and the verb ("he later said", "Grushko has repeatedly said").
_ADVERB = r"(?:[a-z]+ly|also|later|then|again|once again|further|previously|earlier|today|yesterday|has|have|had|never|always|still)"
#: Words before a verb that show it is not reporting speech here ("the report", "to say").
_NOT_REPORTING_BEFORE = frozenset(
    "the a an this that its his her their our my your to will would could should may might must can no any".split()
)
#: Words that may follow an inverted speaker ("said Jo Park of the cycling campaign", "said Smith after the vote").
_AFTER_INVERTED = "of|from|for|at|with|in|on|who|whose|after|before|during|when|while|as|to|outside|inside"
_SPEAKER_COMPLEMENT = re.compile(rf"{_SP}+(?:of|from|at|for|with|in){_SP}+[^,.;:!?“”\"\n{MASK}]{{1,60}}")
_CLAUSE_OPENERS = frozenset(",.;:!?”\"'‘’»—–" + MASK)


@dataclass(frozen=True, slots=True)
class Verb:
    """One reporting verb from the lexicon: its dictionary form, class and what it implies."""

    term: str
    category: str
    why: str


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting verb found in the reporter's text, with its speaker if one is named.

    ``how`` says where the speaker was found: "subject", "inverted",
    "agent" ("by X"), "according" ("according to X"), or "" when the verb
    has no speaker of its own. ``speaker_start``/``speaker_end`` locate the
    speaker phrase (also when it names nobody the kit knows, such as a "he"
    with no antecedent). ``coordinated`` marks a second verb joined by
    "and" ("called the plan “reckless” and said ..."): it opens a new clause.
    """

    start: int
    end: int
    verb: str
    term: str
    category: str
    speaker: Actor | None = None
    how: str = ""
    speaker_start: int = -1
    speaker_end: int = -1
    coordinated: bool = False

    @property
    def participle(self) -> bool:
        """An -ing form ("stressing that ..."): it shares the speaker of its sentence."""
        return self.verb.endswith("ing")


@lru_cache(maxsize=1)
def verb_lexicon() -> dict[str, Verb]:
    """Every inflected form (lower case) -> its Verb, from ``resources/reporting_verbs.csv``."""
    out: dict[str, Verb] = {}
    for row in read_csv("reporting_verbs.csv"):
        verb = Verb(row["term"], row["category"], row["why"])
        for form in row["forms"].split("|"):
            form = " ".join(form.split()).lower()
            if form:
                out[form] = verb
    return out


def verbs_table() -> list[dict[str, str]]:
    """The lexicon as rows (term, forms, category, why, source) for a notebook table."""
    return read_csv("reporting_verbs.csv")


_WORD_AT = re.compile(r"(?<![\w’'-])[A-Za-z]+(?![\w’'-])")


@lru_cache(maxsize=1)
def _forms_by_first_word() -> dict[str, list[tuple[str, re.Pattern[str] | None]]]:
    """first word of a form -> [(form, pattern for the words after it or None)], longest forms first."""
    out: dict[str, list[tuple[str, re.Pattern[str] | None]]] = {}
    for form in sorted(verb_lexicon(), key=len, reverse=True):
        first, *rest = form.split()
        rest_pat = re.compile("".join(rf"{_SP}+{re.escape(w)}" for w in rest) + r"(?![\w’'-])") if rest else None
        out.setdefault(first, []).append((form, rest_pat))
    return out


def _iter_cues(masked: str, start: int, end: int):
    """(start, end) of every reporting-verb form in ``masked[start:end]``: one dictionary look-up per word."""
    forms = _forms_by_first_word()
    for m in _WORD_AT.finditer(masked, start, end):
        word = m.group()
        if word not in forms:
            if word[0] == "A" and word == "According":
                word = "according"
            else:
                continue
        for _form, rest in forms[word]:
            if rest is None:
                yield m.start(), m.end()
                break
            tail = rest.match(masked, m.end(), end)
            if tail:
                yield m.start(), tail.end()
                break


@lru_cache(maxsize=1)
def cue_pattern() -> re.Pattern[str]:
    """One regular expression for every form of every reporting verb."""
    forms = sorted(verb_lexicon(), key=len, reverse=True)
    # Verbs are matched in lower case ("State" in "US State Department" is no verb);
    # only "According to" also opens sentences.
    alt = "|".join(
        ("[Aa]" + re.escape(f[1:]) if f.startswith("according") else re.escape(f)).replace(r"\ ", _SP + "+")
        for f in forms
    )
    return re.compile(rf"(?<![\w’'-])(?:{alt})(?![\w’'-])")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    sp = speaker_pattern()
    cue = cue_pattern().pattern
    return {
        # "... Jane Roe, a retired teacher, has also" | right before the verb
        "subject": re.compile(rf"(?P<sp>{sp})(?:{_SP}*,[^,{MASK}\n]{{1,80}}?,)?{_SP}+(?:{_ADVERB}{_SP}+){{0,2}}$"),
        # verb | " the diplomat," (inverted: followed by punctuation or the end)
        "inverted": re.compile(
            rf"{_SP}+(?P<sp>{sp})(?={_SP}*(?:[,.;:!?—–)\]{MASK}]|$)|{_SP}+(?:{_AFTER_INVERTED}){_SP})"
        ),
        # the subject at the start of a clause: "Councillor Grace Whitfield, who led the opposition, called ..."
        "clause_subject": re.compile(
            rf"\s*(?:[A-Z][a-z]+,{_SP}+)?(?P<sp>{sp})(?:{_SP}*,[^,{MASK}\n]{{1,80}}?,)?{_SP}+[a-z]"
        ),
        "agent": re.compile(rf"{_SP}+by{_SP}+(?P<sp>{sp})"),
        "according": re.compile(rf"{_SP}+(?P<sp>{sp})"),
        # a whole attribution at the end of a stretch: ". said the diplomat." / ", he said."
        "tail": re.compile(
            rf"(?<=[.,!?;:]){_SP}+(?:(?:{cue}){_SP}+(?:{sp})|(?:{sp})(?:{_SP}*,[^,\n]{{1,80}}?,)?{_SP}+"
            rf"(?:{_ADVERB}{_SP}+){{0,2}}(?:{cue})){_SP}*[.!]?{_SP}*$"
        ),
    }


def trailing_attribution(stretch: str) -> int | None:
    """Where a trailing attribution starts in ``stretch`` ("... unacceptable. said the diplomat." -> before "said").

    Used to end a quotation whose closing mark is missing. Looks only at the
    last 160 characters, so it costs the same for any paragraph length.
    """
    offset = max(0, len(stretch) - 160)
    m = _patterns()["tail"].search(stretch, offset)
    return m.start() if m else None


_SPEAKER_START = re.compile(r"(?<![\w’'-])(?:[A-Z]|(?:the|an?|this|that|one|another|he|she|they)(?![\w’'-]))")


def _match_at_end(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The leftmost match of an end-anchored ``pattern`` in ``text``.

    Same result as ``pattern.search(text)``, but only tries the places where
    a speaker phrase can start (a capital, "the", "he" ...), which is much
    faster than trying every character.
    """
    for m in _SPEAKER_START.finditer(text):
        hit = pattern.match(text, m.start())
        if hit:
            return hit
    return None


def find_cues(masked: str, start: int, end: int, index: ActorIndex) -> list[Cue]:
    """Every reporting verb in ``masked[start:end]`` with the speaker it names, if any."""
    pats = _patterns()
    lex = verb_lexicon()
    out: list[Cue] = []
    for cs, ce in _iter_cues(masked, start, end):
        written = masked[cs:ce]
        verb = lex.get(" ".join(written.split()).lower())
        if verb is None:
            continue
        window_start = max(start, cs - 140)
        before = masked[window_start:cs]
        prev_words = before.split()
        prev_word = prev_words[-1].lower() if prev_words else ""
        if prev_word in _NOT_REPORTING_BEFORE:
            continue  # "the report", "to say": a noun or an intention, not a report of speech
        # Each candidate: (how, phrase start, phrase end, phrase). The first that names an actor wins;
        # the first that merely *looks* like a speaker phrase is kept as the phrase ("he" with nobody named).
        candidates: list[tuple[str, int, int, str]] = []
        limit = min(end, ce + 120)
        if verb.term == "according to":
            mm = pats["according"].match(masked, ce, limit)
            if mm:
                candidates.append(("according", mm.start("sp"), mm.end("sp"), mm.group("sp")))
        else:
            mm = _match_at_end(pats["subject"], before)
            if mm:
                candidates.append(
                    ("subject", window_start + mm.start("sp"), window_start + mm.end("sp"), mm.group("sp"))
                )
            if prev_word == "and":
                # "Whitfield called the plan “...” and said ...": the subject of the first verb.
                clause = re.split(r"[.!?;][^\S\n]+", before)[-1]
                mm = pats["clause_subject"].match(clause)
                if mm:
                    at = window_start + len(before) - len(clause) + mm.start("sp")
                    candidates.append(("subject", at, at + len(mm.group("sp")), mm.group("sp")))
            mm = pats["agent"].match(masked, ce, limit)
            if mm:
                candidates.append(("agent", mm.start("sp"), mm.end("sp"), mm.group("sp")))
            stripped = before.rstrip()
            if not stripped or stripped[-1] in _CLAUSE_OPENERS:
                mm = pats["inverted"].match(masked, ce, limit)
                if mm:
                    candidates.append(("inverted", mm.start("sp"), mm.end("sp"), mm.group("sp")))
        speaker, how, ss, se = None, "", -1, -1
        for kind, a, b, phrase in candidates:
            actor = index.resolve(phrase, a)
            if actor is not None:
                speaker, how, ss, se = actor, kind, a, b
                break
        if speaker is None and candidates:
            ss, se = candidates[0][1], candidates[0][2]
        out.append(Cue(cs, ce, written, verb.term, verb.category, speaker, how, ss, se, prev_word == "and"))
    return out


def adjacent_before(cue: Cue, masked: str, quote_start: int) -> bool:
    """Does the attribution (verb and speaker phrase) stand right before the quote ("Grushko said: “...")?"""
    if cue.speaker_start < 0:
        return False
    last = max(cue.end, cue.speaker_end)
    if last > quote_start:
        return False
    # ", said Jo Park of the local cycling campaign, “...": the speaker's "of ..." belongs to the attribution.
    tail = _SPEAKER_COMPLEMENT.match(masked, last, quote_start)
    if tail:
        last = tail.end()
    return not any(c.isalnum() for c in masked[last:quote_start])


def adjacent_after(cue: Cue, masked: str, quote_end: int) -> bool:
    """Does the attribution stand right after the quote ("“...”, said the diplomat")?"""
    if cue.speaker_start < 0:
        return False
    first = min(cue.start, cue.speaker_start)
    return first >= quote_end and not any(c.isalnum() for c in masked[quote_end:first])
