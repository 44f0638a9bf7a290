"""Traces in punctuation and capitals: quote marks, capital letters, repeats, broken sentences.

Machine translation works sentence by sentence and often segment by
segment, and it carries the source language's typography along. That leaves
regular marks a reader can learn to see:

* French puts a space inside its quote marks (« comme ceci »); converted to
  English marks, the space stays: ``everyone ”``.
* A converter that guesses which way a mark faces gets some wrong: ``, “ he added``.
* A quote translated as a segment of its own comes back sentence-cased:
  ``a “Frank, direct, deep and intense” conversation``.
* Re-joined segments repeat words (``to “to invade”``) or attributions
  (``he added. he said.``), and a full stop can land inside a sentence
  (``the regions. separatists from Donetsk``).

These detectors look at the marks themselves, not at who is speaking, so
they work without the quotes analyzer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .article import ABBREVIATIONS
from .findings import make_finding
from .translation_base import SPACES, TextIndex, Trace, token_after, token_before

__all__ = [
    "MarkUse",
    "broken_sentence_traces",
    "capitalization_traces",
    "duplication_traces",
    "quote_typography_traces",
    "scan_marks",
]

OPENING_GLYPHS = "“„«‹‟"
CLOSING_GLYPHS = "”»›"
NEUTRAL_GLYPHS = '"'
ALL_MARKS = OPENING_GLYPHS + CLOSING_GLYPHS + NEUTRAL_GLYPHS
_FAMILY = {"“": "curly", "”": "curly", "‟": "curly", '"': "straight", "«": "guillemets", "»": "guillemets"}
_FAMILY |= {"‹": "guillemets", "›": "guillemets", "„": "low-9"}
_FAMILY_LABEL = {
    "curly": "curly English marks “ ”",
    "straight": 'straight marks " "',
    "guillemets": "guillemets « »",
    "low-9": "low-high marks „ “",
}
_BREAK_AFTER = set(SPACES) | set("\n,.;:!?)]…—–-") | set(ALL_MARKS)
_BREAK_BEFORE = set(SPACES) | set("\n([{—–-/") | set(ALL_MARKS)

#: Reporting verbs an attribution clause uses ("he added", "said the diplomat").
REPORTING = (
    "said|says|added|adds|explained|explains|noted|notes|stressed|stresses|insisted|insists|declared|declares|"
    "stated|states|continued|continues|concluded|concludes|warned|warns|told|tells|replied|replies|answered|"
    "recalled|recalls|specified|specifies|indicated|indicates|underlined|underlines|emphasi[sz]ed|emphasi[sz]es|"
    "argued|argues|claimed|claims|wrote|writes|asked|asks|announced|announces|reiterated|reiterates|revealed|"
    "pointed out|observed|remarked|commented|acknowledged|admitted|assured|affirmed|confirmed"
)
_REPORTING_SET = set(REPORTING.replace("[sz]", "z").split("|")) | set(REPORTING.replace("[sz]", "s").split("|"))
_PRONOUNS = {"he", "she", "they", "we", "it", "i", "you"}
_FUNCTION_STARTS = set(
    """the a an this that these those but and or so in on at for with however yet then there it its his her
    their our we as if when while after before since although though because also meanwhile moreover still
    to of by from what which who how why where not no one some many most all each every both such""".split()
)
_FUNCTION_ENDS = set(
    "the a an of to and or but in on with for that which by from as at its their his her our this these those".split()
)
_NAME_INTRODUCERS = (
    set(
        """titled entitled headlined named dubbed called nicknamed labelled labeled branded termed codenamed
    slogan motto hashtag as""".split()
    )
    | _REPORTING_SET
)
_NON_ABBREV_DOT = re.compile(r"^(?:[A-Za-z]|[A-Za-z](?:\.[A-Za-z])+|\d+)$")


# ------------------------------------------------------------ quote marks
@dataclass(frozen=True, slots=True)
class MarkUse:
    """One double quote mark and how it is used where it stands.

    ``role`` is "open" or "close" (what the mark does in the sentence);
    ``wrong_way`` means the glyph faces the other way (an opening “ used to
    close); ``space_inside`` means a space between the mark and the quoted
    words (French typography).
    """

    pos: int
    glyph: str
    role: str
    wrong_way: bool
    space_inside: bool
    paragraph: int


def _mark_role(text: str, i: int, pending: bool) -> tuple[str, bool]:
    """(role, space_inside) of the mark at ``i``, given whether a quote is open."""
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    word_after = nxt.isalnum() or nxt in "(['‘$£€"
    word_before = prev not in _BREAK_BEFORE
    if word_before and not word_after and nxt in _BREAK_AFTER:
        return "close", False
    if word_after and not word_before and prev in _BREAK_BEFORE:
        if prev in SPACES and pending and text[i] in CLOSING_GLYPHS + NEUTRAL_GLYPHS:
            return "close", False  # `end ”word`: a close glued to the next word; treat as close
        return "open", False
    if prev in SPACES and nxt in SPACES:  # detached: French spacing on one side or the other
        return ("close", True) if pending else ("open", True)
    if prev in SPACES and nxt in _BREAK_AFTER:  # `word ”,`
        return ("close", True) if pending or text[i] in CLOSING_GLYPHS else ("open", True)
    if word_before and word_after:  # glued on both sides: guess from the glyph
        return ("open", False) if text[i] in OPENING_GLYPHS else ("close", False)
    return ("close", False) if pending else ("open", False)


def scan_marks(article) -> list[MarkUse]:
    """Every double quote mark of the article, with its role, paragraph by paragraph."""
    text = article.text
    out = []
    for p_index, para in enumerate(article.paragraphs):
        pending = False
        in_code = False
        for i in range(para.start, para.end):
            ch = text[i]
            if ch not in ALL_MARKS:
                continue
            if ch == '"' and (in_code or _code_quote(text, i)):
                in_code = not in_code  # x="a": the partner of a code quote is code too
                continue
            role, spaced = _mark_role(text, i, pending)
            if ch in OPENING_GLYPHS:
                wrong = role == "close"
            elif ch in CLOSING_GLYPHS:
                wrong = role == "open"
            else:
                wrong = False
            out.append(MarkUse(i, ch, role, wrong, spaced, p_index))
            pending = role == "open"
    return out


_CODE_BEFORE = set("=`\\/|_$@")
_CODE_AFTER = set("`\\/;|_")


def _code_quote(text: str, i: int) -> bool:
    """A straight quote inside code or markup (``x="a"``, ``b"..."``, ``\"\"\"``), not a quote mark."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev in _CODE_BEFORE or nxt in _CODE_AFTER or prev == '"' or nxt == '"':
        return True
    if prev in "bfru" and (i < 2 or not text[i - 2].isalnum()) and nxt.isalnum():
        return True  # a Python string prefix: b"...", f"..."
    return prev.isalnum() and nxt.isalnum()


def _attribution_end(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a quote without its closing mark probably ended: ``unacceptable. said``."""
    rx = re.compile(
        rf"(?<=\w)([.!?,])[ \t]+((?:he|she|they|we|it)[ \t]+)?(?:{REPORTING})\b",
    )
    m = rx.search(text, start, end)
    if not m:
        return None
    return token_before(text, m.start(1), start), m.end()


def quote_typography_traces(article, marks: list[MarkUse] | None = None) -> list[Trace]:
    """Spaces inside marks, marks facing the wrong way, unclosed or unopened quotes, mixed styles."""
    text = article.text
    marks = scan_marks(article) if marks is None else marks
    paras = article.paragraphs
    out: list[Trace] = []

    def add(s: int, e: int, note: str, langs: tuple[str, ...], evidence: str, alts: tuple[str, ...] = ()) -> None:
        out.append(Trace(make_finding(article, s, e, "translation", "quote_typography", note, alts), langs, evidence))

    def span_close(m: MarkUse) -> tuple[int, int]:
        floor = paras[m.paragraph].start
        s = token_before(text, m.pos, floor)
        if s < m.pos and not text[s].isalnum():  # `failed,”`: take the word with its comma
            s = token_before(text, s, floor)
        return s, m.pos + 1

    def span_open(m: MarkUse) -> tuple[int, int]:
        return m.pos, token_after(text, m.pos + 1, paras[m.paragraph].end)

    by_para: dict[int, list[MarkUse]] = {}
    for m in marks:
        by_para.setdefault(m.paragraph, []).append(m)

    for m in marks:
        s, e = span_close(m) if m.role == "close" else span_open(m)
        if m.wrong_way:
            right = "”" if m.role == "close" else "“"
            where = "closes" if m.role == "close" else "opens"
            note = f"This {m.glyph} {where} a quote but faces the wrong way"
            if m.space_inside:
                note += " and has a space before it"
            note += ": quote marks were converted by a program, not set by an editor."
            fixed = (
                text[s : m.pos].rstrip(SPACES) + right
                if m.role == "close"
                else right + text[m.pos + 1 : e].lstrip(SPACES)
            )
            add(s, e, note, ("fr",) if m.space_inside else (), "quote mark facing the wrong way", (fixed,))
        elif m.space_inside and m.glyph not in "«»‹›":
            side = "before the closing" if m.role == "close" else "after the opening"
            fixed = (
                text[s : m.pos].rstrip(SPACES) + m.glyph
                if m.role == "close"
                else m.glyph + text[m.pos + 1 : e].lstrip(SPACES)
            )
            add(
                s,
                e,
                f"A space {side} mark is French typography (« comme ceci »): the English was made from a French text.",
                ("fr",),
                "French quote spacing",
                (fixed,),
            )

    # unclosed and unopened quotes, paragraph by paragraph
    for p_index, plist in by_para.items():
        para = paras[p_index]
        open_mark: MarkUse | None = None
        for m in plist:
            if m.role == "open":
                if open_mark is not None:
                    _unclosed(article, open_mark, m.pos, add)
                open_mark = m
            else:
                if open_mark is None and not _continues_from_previous(by_para, p_index):
                    s, e = span_close(m)
                    add(
                        s,
                        e,
                        "This closing mark has no opening mark before it: the quote's start was lost on the way.",
                        (),
                        "quote mark lost",
                    )
                open_mark = None
        if open_mark is not None:
            nxt = by_para.get(p_index + 1, [])
            next_para = paras[p_index + 1] if p_index + 1 < len(paras) else None
            continues = bool(nxt) and next_para is not None and nxt[0].pos == next_para.start and nxt[0].role == "open"
            if not continues:
                _unclosed(article, open_mark, para.end, add)

    out.extend(_style_traces(article, marks))
    out.extend(_unmarked_speech(article, marks))
    return out


_FIRST_PERSON = re.compile(r"(?:Let me|Let us|I|We|My|Our)(?!\w)")
_THIRD_PERSON_ATTR = re.compile(
    rf"(?:he|she|they|[A-Z]\w+)[ \t]+(?:{REPORTING})\b|(?:{REPORTING})[ \t]+(?:he|she|the [a-z]+|[A-Z]\w+)"
)


def _unmarked_speech(article, marks: list[MarkUse]) -> list[Trace]:
    """A paragraph of first-person speech without any marks, in a reported text that quotes elsewhere."""
    if len(marks) < 4 or not _THIRD_PERSON_ATTR.search(article.text):
        return []
    with_marks = {m.paragraph for m in marks}
    out = []
    for p_index, para in enumerate(article.paragraphs):
        if p_index in with_marks or len(para.text.split()) < 6 or para.text.rstrip()[-1:] not in ".!?":
            continue
        m = _FIRST_PERSON.match(para.text)
        if not m:
            continue
        neighbours = [q for q in (p_index - 1, p_index + 1) if 0 <= q < len(article.paragraphs)]
        if not any(q in with_marks or _THIRD_PERSON_ATTR.search(article.paragraphs[q].text) for q in neighbours):
            continue
        e = para.start
        for _ in range(3):
            e = token_after(article.text, e, para.end)
        note = (
            "First-person words (“" + m.group() + "”) in a reported article, with no quote marks: "
            "someone's speech lost its marks on the way, so where it starts and ends is a guess."
        )
        out.append(
            Trace(
                make_finding(article, para.start, e, "translation", "quote_typography", note),
                (),
                "quote mark lost",
            )
        )
    return out


def _continues_from_previous(by_para: dict[int, list[MarkUse]], p_index: int) -> bool:
    prev = by_para.get(p_index - 1)
    return bool(prev) and prev[-1].role == "open"


def _unclosed(article, m: MarkUse, limit: int, add) -> None:
    text = article.text
    found = _attribution_end(text, m.pos + 1, limit)
    if found:
        s, e = found
        add(
            s,
            e,
            "The quote seems to end here, before the attribution, but its closing mark is missing: "
            "the marks were lost in processing, so the quote's exact extent is a guess.",
            (),
            "quote mark lost",
            (re.sub(r"^([\w'’-]+)[.!?,][ \t]+", "\\1,” ", text[s:e]),),
        )
    else:
        e = token_after(text, m.pos + 1, limit)
        add(
            m.pos,
            e,
            "This quote is opened but never closed: the closing mark was lost, so nobody can tell where the quoted words end.",
            (),
            "quote mark lost",
        )


def _style_traces(article, marks: list[MarkUse]) -> list[Trace]:
    """Foreign quote styles («», „“) and mixed styles in one text."""
    text = article.text
    paras = article.paragraphs
    families: dict[str, list[MarkUse]] = {}
    has_low9 = any(x.glyph == "„" for x in marks)
    for m in marks:
        fam = _FAMILY[m.glyph]
        if fam == "curly" and m.glyph == "“" and has_low9:
            fam = "low-9"  # „…“ pairs: the “ closes a German/Russian-style quote
        families.setdefault(fam, []).append(m)
    out = []
    if not families:
        return out
    counts = {f: len(ms) for f, ms in families.items()}
    majority = max(counts, key=lambda f: (counts[f], f == "curly"))
    for fam, ms in families.items():
        first = ms[0]
        if first.role == "close":
            s, e = token_before(text, first.pos, paras[first.paragraph].start), first.pos + 1
        else:
            s, e = first.pos, token_after(text, first.pos + 1, paras[first.paragraph].end)
        if fam in ("guillemets", "low-9"):
            spaced = any(m.space_inside for m in ms)
            langs: tuple[str, ...]
            if fam == "guillemets":
                langs = ("fr",) if spaced else ("ru", "fr")
                who = "French (with spaces inside)" if spaced else "Russian (or French)"
            else:
                langs, who = ("de", "ru"), "German (or Russian, for quotes inside quotes)"
            note = (
                f"This text quotes with {_FAMILY_LABEL[fam]} ({len(ms)} marks), the marks of {who}: "
                "they were carried over from the source text."
            )
            out.append(
                Trace(
                    make_finding(article, s, e, "translation", "quote_typography", note, ("“ ”",)),
                    langs,
                    f"{_FAMILY_LABEL[fam]} carried over",
                )
            )
        elif fam != majority and counts[fam] < counts[majority]:
            note = (
                f"Most quotes here use {_FAMILY_LABEL[majority]}, but this one uses {_FAMILY_LABEL[fam]}: "
                "the text was put together from pieces processed differently."
            )
            out.append(
                Trace(make_finding(article, s, e, "translation", "quote_typography", note), (), "mixed quote styles")
            )
    return out


# ------------------------------------------------------------ capitals
_CAP_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*")
_ANY_WORD = re.compile(r"\w[\w'’-]*")


def _word_facts(text: str, index: TextIndex) -> tuple[set[str], set[str]]:
    """(words seen capitalised in mid-sentence, words seen in lower case)."""
    mid_caps: set[str] = set()
    lower: set[str] = set()
    first_words = set()
    for st in index.starts:
        fm = _ANY_WORD.search(text, st, st + 40)
        if fm:
            first_words.add(fm.start())
    for m in _ANY_WORD.finditer(text):
        w = m.group()
        if w[0].islower():
            lower.add(w)
        elif w[0].isupper() and m.start() not in first_words:
            prev = text[m.start() - 1] if m.start() else ""
            if prev not in ALL_MARKS:
                mid_caps.add(w)
    return mid_caps, lower


def capitalization_traces(article, index: TextIndex, marks: list[MarkUse] | None = None) -> list[Trace]:
    """Capitals after an opening mark in mid-sentence, and lower-case sentence starts."""
    text = article.text
    marks = scan_marks(article) if marks is None else marks
    paras = article.paragraphs
    mid_caps, lower = _word_facts(text, index)
    out: list[Trace] = []
    for m in marks:
        if m.role != "open":
            continue
        para = paras[m.paragraph]
        wm = _ANY_WORD.match(text, _skip_spaces(text, m.pos + 1, para.end))
        if not wm:
            continue
        word = wm.group()
        core = re.split(r"['’]", word)[0]
        if not core[:1].isupper() or core.isupper() or len(core) < 2 or core in ("I",):
            continue
        j = token_before(text, m.pos, para.start)
        if j >= m.pos:  # paragraph start
            continue
        before = text[j : m.pos].strip(SPACES)
        if not before or not before[-1].isalnum():  # after . : , — ( or another mark
            continue
        if before.lower() in _NAME_INTRODUCERS:
            continue
        if before.lower() in ("or", "and", "nor"):
            k = token_before(text, j, para.start)
            if k < j and text[k] in ALL_MARKS + ",":
                continue  # a list of quoted names: “Acknowledgements” or “Dedications”
        if core in mid_caps:  # a proper noun: capitalised elsewhere in mid-sentence
            continue
        following = _quoted_words(text, wm.end(), para.end)
        content = [w for w in following if w.lower() not in _TITLE_SMALL]
        if content:
            if all(w[0].isupper() for w in content):
                continue  # Title Case: a name or a title ("Streets for Everyone")
        elif core.lower() not in lower:
            continue  # one word we cannot tell from a name
        note = (
            f"A capital letter after an opening quote mark in mid-sentence (“{word}”): "
            "the quoted words were translated as a sentence of their own."
        )
        out.append(
            Trace(
                make_finding(
                    article, wm.start(), wm.end(), "translation", "capitalization", note, (word[0].lower() + word[1:],)
                ),
                (),
                "capital after an opening quote mark",
            )
        )
    out.extend(_lowercase_starts(article, index))
    return out


#: Short words a Title Case name keeps in lower case ("Streets for Everyone").
_TITLE_SMALL = set("a an the and but or nor for of on in to at by up as via per so yet de la le von van".split())


def _quoted_words(text: str, pos: int, end: int, limit: int = 8) -> list[str]:
    """The next words inside the same quote (up to a quote mark), at most ``limit``."""
    out = []
    for m in _ANY_WORD.finditer(text, pos, end):
        if any(c in ALL_MARKS for c in text[pos : m.start()]):
            break
        out.append(m.group())
        pos = m.end()
        if len(out) >= limit:
            break
    return out


def _skip_spaces(text: str, i: int, end: int, skip: str = "") -> int:
    while i < end and (text[i] in SPACES or text[i] in skip):
        i += 1
    return i


_LOWER_START = re.compile(r"(?<=[.!?])([\"'”’»)]*)[ \t\u00a0]+([a-z][\w'’-]*)")


def _lowercase_starts(article, index: TextIndex) -> list[Trace]:
    text = article.text
    out = []
    for m in _LOWER_START.finditer(text):
        dot = m.start() - 1
        if dot > 0 and text[dot - 1] in ".!?":  # ellipsis or "?!"
            continue
        tok_start = token_before(text, dot)
        tok = text[tok_start:dot]
        if tok.lower() in ABBREVIATIONS or _NON_ABBREV_DOT.match(tok) or "." in tok or tok.lower() in _EXTRA_ABBREV:
            continue
        word = m.group(2)
        if any(c.isupper() for c in word[1:]) or word.lower() in ("www", "http", "https"):
            continue
        s, e = m.start(2), m.end(2)
        low = word.lower()
        if low in _PRONOUNS or low in _REPORTING_SET:
            note = (
                f"“{word}” starts a sentence in lower case: a comma or closing quote mark before an "
                "attribution was probably turned into a full stop."
            )
            out.append(_cap(article, s, e, note, "capitalization", (word.capitalize(),)))
        elif low in _FUNCTION_STARTS:
            note = f"“{word}” starts a sentence in lower case: the capital was lost when the text was processed."
            out.append(_cap(article, s, e, note, "capitalization", (word.capitalize(),)))
        else:
            s2 = token_before(text, dot)
            note = (
                f"A full stop, then “{word}” in lower case: one sentence was cut in two, "
                "a sign that its words were reordered in translation."
            )
            alt = text[s2:dot] + " " + word
            out.append(_cap(article, s2, e, note, "broken_sentence", (alt,)))
    return out


_EXTRA_ABBREV = {"cf", "ca", "al", "fig", "vol", "pp", "op", "approx", "incl", "govt", "dept", "univ"}


def _cap(article, s: int, e: int, note: str, category: str, alts: tuple[str, ...]) -> Trace:
    ev = "lower-case sentence start" if category == "capitalization" else "sentence cut in the wrong place"
    return Trace(make_finding(article, s, e, "translation", category, note, alts), (), ev)


# ------------------------------------------------------------ duplication
_ATTR = (
    rf"(?:(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|[Ii]t|[Tt]he [a-z]+|[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)[ \t]+(?:{REPORTING})"
    rf"|(?:{REPORTING})[ \t]+(?:he|she|they|the [a-z]+|[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?))"
)
_DOUBLE_ATTR = re.compile(rf"(?<!\w)({_ATTR})[.,;][ \t]+({_ATTR})[.,;!]")
_DOUBLE_AROUND_MARK = re.compile(r"(?<!\w)(\w+)[ \t]*[“”\"«»„][ \t]*(\1)(?!\w)", re.IGNORECASE)
_DOUBLE_WORD = re.compile(r"(?<!\w)(\w+)[ \t]+(\1)(?!\w)", re.IGNORECASE)
_ALLOWED_DOUBLES = {
    "had",
    "that",
    "is",
    "bye",
    "so",
    "ha",
    "no",
    "yes",
    "chop",
    "knock",
    "tut",
    "pom",
    "bora",
    "wagga",
    "walla",
}


def duplication_traces(article, index: TextIndex) -> list[Trace]:
    """Repeated attributions, words doubled around a quote mark or in a row, repeated sentences."""
    text = article.text
    out = []

    def add(s: int, e: int, note: str, alts: tuple[str, ...], evidence: str) -> None:
        out.append(Trace(make_finding(article, s, e, "translation", "duplication", note, alts), (), evidence))

    for m in _double_attributions(text):
        add(
            m.start(),
            m.end(),
            f"Two attributions in a row (“{m.group(1)}”, “{m.group(2)}”): segments were joined by a program "
            "and one reporting clause was left over.",
            (m.group(1) + text[m.end(1)],),
            "repeated attribution",
        )
    for m in _DOUBLE_AROUND_MARK.finditer(text):
        a, b = m.group(1), m.group(2)
        if a.lower() != b.lower() or a.isdigit():
            continue
        add(
            m.start(),
            m.end(),
            f"“{a}” twice, once outside and once inside the quote mark: the quoted words were translated "
            "separately and the join repeated a word.",
            (),
            "word doubled around a quote mark",
        )
    for s, e, note, alt in _iter_doubles(text):
        add(s, e, note, (alt,), "word doubled")
    # the same sentence twice in a row
    starts = index.starts
    prev_norm = None
    for i, s in enumerate(starts):
        e = index._end(i)
        sent = text[s:e]
        norm = " ".join(sent.lower().split())
        if prev_norm and norm == prev_norm and len(norm.split()) >= 5:
            add(
                s,
                e,
                "The same sentence twice in a row: a copying or translation program repeated a segment.",
                (),
                "sentence repeated",
            )
        prev_norm = norm
    return out


_REPORTING_RX = re.compile(rf"(?<!\w)(?:{REPORTING})(?!\w)")


def _double_attributions(text: str) -> list[re.Match[str]]:
    """Matches of two attribution clauses in a row; the full pattern runs only near close pairs of verbs."""
    verbs = [m.start() for m in _REPORTING_RX.finditer(text)]
    out: list[re.Match[str]] = []
    done = -1
    for a, b in zip(verbs, verbs[1:], strict=False):
        if b - a > 60 or a < done:
            continue
        lo = max(0, a - 40)
        for m in _DOUBLE_ATTR.finditer(text, lo, min(len(text), b + 40)):
            if m.start() >= done:
                out.append(m)
                done = m.end()
    return out


def _iter_doubles(text: str) -> list[tuple[int, int, str, str]]:
    out = []
    for m in _DOUBLE_WORD.finditer(text):
        a, b = m.group(1), m.group(2)
        if a.isdigit() or a.lower() in _ALLOWED_DOUBLES or (len(a) < 2 and a.lower() != "a"):
            continue
        if a[0].isupper() and b[0].isupper():
            continue  # "Diaz Diaz", "Sirhan Sirhan": names can repeat
        out.append((m.start(), m.end(), f"“{a} {b}”: the same word twice in a row, a slip left by processing.", a))
    return out


# ------------------------------------------------------------ broken sentences
_RUN_TOGETHER = re.compile(
    r"(?<=[a-z]{2})([.!?]?)(The|He|She|It|They|We|In|On|At|This|That|But|And|An?|However|Meanwhile|According)(?=[\s,])"
)
_LAST_WORD = re.compile(r"(\w+)[\s]*\Z")


def broken_sentence_traces(article) -> list[Trace]:
    """Sentences run together without a space, and paragraphs cut off mid-sentence."""
    text = article.text
    out = []
    for m in _RUN_TOGETHER.finditer(text):
        # the glued token: from the start of the lower-case word to the end of the capitalised one
        s = m.start()
        while s > 0 and (text[s - 1].isalnum() or text[s - 1] in "'’-"):
            s -= 1
        token = text[s : m.end()]
        if "/" in token or "www" in token.lower() or "http" in token.lower():
            continue
        note = f"“{token}”: two sentences glued together without a space: the text was cut and joined by a program."
        alt = text[s : m.start()] + (m.group(1) or ".") + " " + m.group(2)
        out.append(
            Trace(
                make_finding(article, s, m.end(), "translation", "broken_sentence", note, (alt,)),
                (),
                "sentences glued together",
            )
        )
    paras = article.paragraphs
    for n, para in enumerate(paras):
        body = para.text.rstrip()
        if not body or not body[-1].isalnum() or len(body.split()) < 8:
            continue
        if n + 1 < len(paras) and not (paras[n + 1].text[:1].isupper() or paras[n + 1].text[:1] in ALL_MARKS):
            continue  # the sentence goes on in the next line: a line break, not a cut
        m = _LAST_WORD.search(body)
        if m and m.group(1).lower() in _FUNCTION_ENDS:
            s = para.start + m.start(1)
            note = f"The paragraph stops at “{m.group(1)}”: the sentence was cut off when the text was copied."
            out.append(
                Trace(
                    make_finding(article, s, s + len(m.group(1)), "translation", "broken_sentence", note),
                    (),
                    "sentence cut off",
                )
            )
    return out
