"""Hypothesis strategies that build news-like text, hostile where it matters.

The analyzers read real web copy: quote marks of every typographic tradition
(often unbalanced after a machine translation or a scrape), names, pasted
HTML, invisible characters (zero-width spaces, right-to-left marks, stray
byte-order marks), emoji, CJK, control characters and lines tens of
thousands of characters long. These strategies mix all of that into text
that still *looks* like news, so the rules actually fire (quotes with
reporting verbs, lexicon terms, passives, false friends, frame cues) and a
crash is found in the code that does the work, not only in the tokenizer.

Vocabulary comes from the kit's own lexicons (``medialit/resources``), so a
new lexicon row is fuzzed the day it is added, and nothing here is keyed to
the case study's sentences.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

from medialit.resources import read_csv

__all__ = [
    "QUOTE_PAIRS",
    "article_texts",
    "hostile_chars",
    "long_line_texts",
    "news_texts",
    "paragraphs",
    "sentences",
]


# ------------------------------------------------------------ vocabulary
def _column(name: str, column: str, split: str | None = None) -> list[str]:
    out: list[str] = []
    for row in read_csv(name):
        value = row.get(column, "")
        parts = value.split(split) if split else [value]
        out.extend(p.strip() for p in parts if p.strip())
    return sorted(set(out))


def _plain(words: list[str]) -> list[str]:
    """Lexicon cells without regex syntax or wildcards, usable as literal text."""
    return [w.rstrip("*") for w in words if not re.search(r"[\\()\[\]|?+{}^$]", w)]


_COMMON = (
    "the a an of to in on and but or that this with for by from at as is was were are be been has had have "
    "it its they them he she his her we our you not no more most after before during over under against "
    "talks meeting week statement government officials people city country border troops security "
    "Wednesday Monday January 12 2022 year percent million report source agency minister president"
).split()

NAMES = sorted(
    set(_column("actors.csv", "aliases", "|"))
    | set(_column("naming.csv", "form"))
    | set(_column("transliterations.csv", "variant"))
    | {
        "Alexander Grushko",
        "Grushko",
        "Mr. Smith",
        "Dr. Ada Okafor",
        "Jean-Luc Picard",
        "O'Brien",
        "Smith's",
        "the diplomat",
        "a spokesperson",
        "Zelensky",
        "Le Monde",
    }
)
LOADED = _plain(_column("loaded_terms.csv", "term"))
VERBS = _column("reporting_verbs.csv", "forms", "|")
CUES = _plain(_column("frame_cues.csv", "cue"))
WRONG_WORDS = _plain(_column("false_friends.csv", "wrong_english") + _column("calques.csv", "wrong_english"))
EXAMPLES = sorted(
    {
        ex
        for name in ("false_friends.csv", "calques.csv", "spelling.csv")
        for col in ("example", "clean_example")
        for ex in _column(name, col)
    }
    | set(_column("disclaimers.csv", "example"))
)
PASSIVES = [
    "was attacked",
    "were killed",
    "was killed by soldiers",
    "has been shelled",
    "is being forced to",
    "were told by",
    "had been invaded",
    "got hit",
    "mistakes were made",
    "it is necessary to",
    "the decision was taken",
]
FURNITURE = ["Back to top button", "Share this:", "Read more", "Advertisement", "Home | World | Europe", "Menu"]

#: Opening and closing marks of every tradition, plus the wrong-way and mixed pairs machines produce.
QUOTE_PAIRS: list[tuple[str, str]] = [
    ('"', '"'),
    ("'", "'"),
    ("“", "”"),
    ("‘", "’"),
    ("«", "»"),
    ("« ", " »"),  # French spacing
    ("«\u00a0", "\u00a0»"),  # French with no-break spaces
    ("«\u202f", "\u202f»"),  # narrow no-break space
    ("»", "«"),  # Danish / German reversed
    ("„", "“"),  # German
    ("„", "”"),  # Polish
    ("‚", "‘"),
    ("‹", "›"),
    ("›", "‹"),
    ("「", "」"),
    ("『", "』"),
    ("”", "”"),  # Swedish
    ("“", "“"),  # wrong way
    ("”", "“"),
    ("‟", "”"),
    ("‛", "’"),
    ("＂", "＂"),
    ("″", "″"),
    ("``", "''"),  # LaTeX / PTB
    ("&quot;", "&quot;"),
    ("<q>", "</q>"),
]
QUOTE_MARKS = sorted({m.strip() for pair in QUOTE_PAIRS for m in pair if m.strip()})

HTML_BITS = [
    "<p>",
    "</p>",
    "<br>",
    "<br/>",
    "<b>",
    "</b>",
    "<i>x</i>",
    '<a href="javascript:alert(1)">link</a>',
    "<script>alert('x')</script>",
    "<style>p{color:red}</style>",
    "<!-- comment -->",
    "<!--",
    "-->",
    '<img src=x onerror="alert(1)">',
    "<div class='c'>",
    "</div>",
    "<h1>Title</h1>",
    "<li>",
    "&amp;",
    "&nbsp;",
    "&lt;",
    "&#8220;",
    "&#x201D;",
    "&bogus;",
    "<",
    ">",
    "</",
    "<!DOCTYPE html>",
]

#: Characters that are not what they seem: invisible, directional, line-breaking, case-changing.
HOSTILE = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # byte-order mark mid-text
    "\u00ad",  # soft hyphen
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",  # right-to-left override
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u061c",  # Arabic letter mark
    "\t",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x1f",  # str.splitlines() breaks lines at these; '\n'-based code does not
    "\x85",
    "\u2028",
    "\u2029",
    "\r",
    "\r\n",
    "\x01",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\u00a0",
    "\u2009",
    "\u3000",
    "\ufffd",
    "\U000e0041",  # tag character
    "\ud83d",  # lone surrogate: possible in a Python str built from JSON
    "İ",  # lower() makes it two characters
    "ß",  # upper() makes it two characters
    "ﬁ",  # ligature: casefold() makes it two characters
    "ŉ",
    "ǰ",
    "ΐ",
    "e\u0301",  # combining accent
    "a\u0308\u0304\u0301\u0327",  # stacked combining marks
    "Å",
    "K",  # Kelvin sign
    "ﬀ",
    "Σ",
    "ς",
]
EMOJI = ["😀", "👍🏽", "🇷🇺", "🇺🇦", "👨‍👩‍👧‍👦", "🏳️‍🌈", "❤️", "🔥", "1️⃣", "©", "™", "…", "—", "–", "•", "§", "№"]
CJK = [
    "中文",
    "北约",
    "俄罗斯外交部副部长",
    "他说",
    "「北约」",
    "。",
    "，",
    "！",
    "？",
    "ｈｅｌｌｏ",
    "한국어",
    "日本語のテキスト",
    "ｶﾀｶﾅ",
]
RTL = ["مرحبا", "الناتو", "قال", "שלום", "נאט״ו", "אמר"]
CYRILLIC = ["Москва", "Грушко", "НАТО", "заявил", "Киев", "Україна"]
PUNCT = list(".,;:!?…-–—()[]/*&%$#@'\"") + ["...", "?!", "!!!", " - ", " -- ", "''", '""']


# ------------------------------------------------------------ strategies
def hostile_chars() -> st.SearchStrategy[str]:
    """One piece of trouble: an invisible, directional, control or case-changing character, emoji or foreign script."""
    return st.sampled_from(HOSTILE + EMOJI + CJK + RTL + CYRILLIC)


_word = st.one_of(
    st.sampled_from(_COMMON),
    st.sampled_from(_COMMON).map(str.capitalize),
    st.sampled_from(_COMMON).map(str.upper),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèüñøçABCXYZ'-’0123456789", min_size=1, max_size=12),
)
_term = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(LOADED),
    st.sampled_from(VERBS),
    st.sampled_from(CUES),
    st.sampled_from(WRONG_WORDS),
    st.sampled_from(PASSIVES),
)


@st.composite
def _quoted(draw: st.DrawFn, depth: int = 0) -> str:
    """A quotation: words between marks, possibly nested, possibly broken (a mark lost or doubled)."""
    open_, close = draw(st.sampled_from(QUOTE_PAIRS))
    inner_parts = draw(st.lists(st.one_of(_word, _term), min_size=0, max_size=12))
    if depth < 2 and draw(st.booleans()):
        inner_parts.insert(draw(st.integers(0, len(inner_parts))), draw(_quoted(depth + 1)))
    inner = " ".join(inner_parts)
    if draw(st.booleans()):
        inner = inner[:1].upper() + inner[1:]
    if draw(st.integers(0, 3)) == 0:
        inner += draw(st.sampled_from([".", ",", "!", "?", "…", ""]))
    breakage = draw(st.integers(0, 7))
    if breakage == 0:
        return open_ + inner  # closing mark lost
    if breakage == 1:
        return inner + close  # opening mark lost
    if breakage == 2:
        return open_ + open_ + inner + close  # doubled
    if breakage == 3:
        other_open, other_close = draw(st.sampled_from(QUOTE_PAIRS))
        return open_ + inner + other_close  # mismatched pair
    if breakage == 4:
        return " " + open_ + " " + inner + " " + close + " "  # spaced marks
    return open_ + inner + close


def _attributed(quote: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A quote with a speaker and a reporting verb before or after it, as news writes them."""
    name = st.sampled_from(NAMES)
    verb = st.sampled_from(VERBS)
    return st.one_of(
        st.tuples(quote, name, verb).map(lambda t: f"{t[0]}, {t[1]} {t[2]}."),
        st.tuples(quote, verb, name).map(lambda t: f"{t[0]}, {t[1]} {t[2]}."),
        st.tuples(name, verb, quote).map(lambda t: f"{t[0]} {t[1]}: {t[2]}"),
        st.tuples(name, verb, quote).map(lambda t: f"{t[0]} {t[1]} that {t[2]}"),
        st.tuples(quote, name, verb, quote).map(lambda t: f"{t[0]}, {t[1]} {t[2]}. {t[3]}"),
        st.tuples(name, verb).map(lambda t: f"According to {t[0]}, the talks {t[1]} nothing."),
        st.tuples(name, verb).map(lambda t: f"{t[0]} {t[1]}. {t[0]} {t[1]}."),  # duplicated attribution
    )


_piece = st.one_of(
    _word,
    _word,
    _word,
    _term,
    _term,
    _quoted(),
    st.sampled_from(PUNCT),
    st.sampled_from(HTML_BITS),
    hostile_chars(),
    st.sampled_from(FURNITURE),
)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """One sentence-like string: words, names, terms, quotes, noise; usually ending in punctuation."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.sampled_from(EXAMPLES))
    if kind == 1:
        return draw(_attributed(_quoted()))
    parts = draw(st.lists(_piece, min_size=1, max_size=25))
    glue = draw(st.sampled_from([" ", " ", " ", "", "  ", "\u00a0"]))
    text = glue.join(parts)
    if draw(st.booleans()):
        text = text[:1].upper() + text[1:]
    return text + draw(st.sampled_from([".", ".", ".", "!", "?", ":", "", "...", '."', ".”", "?»", ". »"]))


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    """A paragraph: one to six sentences (sometimes a heading-like line or page furniture)."""
    kind = draw(st.integers(0, 11))
    if kind == 0:
        return draw(st.sampled_from(FURNITURE))
    if kind == 1:  # a heading: short, capitalised, no full stop
        words = draw(st.lists(st.one_of(_word, _term), min_size=1, max_size=8))
        return " ".join(w[:1].upper() + w[1:] for w in words)
    sents = draw(st.lists(sentences(), min_size=1, max_size=6))
    return draw(st.sampled_from([" ", " ", "  ", "", "\n"])).join(sents)


_SEPARATORS = ["\n\n", "\n\n", "\n", "\r\n\r\n", "\n \n", "\n\n\n\n", "\u2029", "\n\t\n", "\r"]


@st.composite
def news_texts(draw: st.DrawFn, max_paragraphs: int = 8) -> str:
    """An article-shaped text: an optional headline, paragraphs separated by line breaks of every kind."""
    paras = draw(st.lists(paragraphs(), min_size=1, max_size=max_paragraphs))
    sep = draw(st.sampled_from(_SEPARATORS))
    text = ""
    for i, p in enumerate(paras):
        if i:
            text += sep if draw(st.integers(0, 3)) else draw(st.sampled_from(_SEPARATORS))
        text += p
    lead = draw(st.sampled_from(["", "", "", "\ufeff", "  ", "\n\n", "<html><body>", "<!DOCTYPE html>\n"]))
    return lead + text


#: Longest text the fuzzer builds: long enough for quadratic code to show, short enough for 10,000 runs.
LONG_LINE_MAX = 30_000


@st.composite
def long_line_texts(draw: st.DrawFn) -> str:
    """Very long lines: a sentence or a single character repeated thousands of times, with no line break."""
    kind = draw(st.integers(0, 4))
    n = draw(st.integers(100, 3000))
    if kind == 0:
        text = " ".join([draw(sentences())] * n)
    elif kind == 1:  # one enormous word
        text = draw(st.sampled_from(["a", "Z", "é", "中", "-", "'", "İ"])) * (n * 10)
    elif kind == 2:  # a wall of quote marks
        text = "".join(draw(st.lists(st.sampled_from(QUOTE_MARKS), min_size=1, max_size=6))) * n
    elif kind == 3:  # a long line with an unclosed quote at the start
        open_, _ = draw(st.sampled_from(QUOTE_PAIRS))
        text = open_ + " ".join([draw(sentences())] * (n // 4 + 1))
    else:
        text = "said " * n + draw(sentences())
    return text[:LONG_LINE_MAX]


_raw_piece = st.one_of(
    st.characters(codec="utf-8", exclude_characters="\x00"),
    st.sampled_from(QUOTE_MARKS + HOSTILE + EMOJI + list(".,!? \n")),
)


def article_texts() -> st.SearchStrategy[str]:
    """Any text an Article accepts: mostly news-like, some raw Unicode soup, a few very long lines."""
    raw = st.lists(_raw_piece, min_size=1, max_size=200).map("".join)
    news = news_texts()
    # about 7 in 10 news-like, 2 raw, 1 very long line
    texts = st.one_of(news, news, news, news, news, news, news, raw, raw, long_line_texts())
    return texts.filter(lambda t: "\x00" not in t and t.strip() != "")
