"""Traces of the web page a text was copied from: scraper residue and disclaimers.

A program that copies articles from web pages (an aggregator, a scraper)
carries the page's furniture along: run-together menu labels
("EuropeFranceMiddle East"), button labels ("Back to top button"), share
prompts, the site's name at the end of the headline. And a site that
machine-translates says so, sometimes, in a footer. Both tell a reader that
no person edited the text, so its exact wording deserves less trust.

The patterns live in ``scraper_residue.csv`` and ``disclaimers.csv``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .findings import make_finding
from .resources import parse_csv, read_text
from .translation_base import SPACES, TextIndex, Trace

__all__ = ["disclaimer_traces", "scraper_residue_traces"]

_LANG_CODES = {"french": "fr", "russian": "ru", "german": "de", "ukrainian": "uk", "polish": "pl"}
_MAX_RESIDUE_WORDS = 12
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=1)
def _residue() -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[re.Pattern[str], str]], re.Pattern[str]]:
    rows = parse_csv(read_text("scraper_residue.csv"), "scraper_residue.csv", ("kind", "pattern", "note"))
    lines, outlets, camel_ok = [], [], []
    for r in rows:
        if r["kind"] == "outlet":
            outlets.append((re.compile(rf"(?<!\w){r['pattern']}(?!\w)"), r["note"]))
        elif r["kind"] == "camelcase_ok":
            camel_ok.append(r["pattern"])
        else:
            lines.append((re.compile(rf"(?:{r['pattern']})[\s.:!]*$", re.IGNORECASE), r["note"]))
    ok = re.compile(rf"(?<!\w)(?:{'|'.join(camel_ok) or 'x^'}|(?:Mc|Mac|De|Di|La|Le|Du|Van|Von|O')[A-Z]\w*)(?!\w)")
    return lines, outlets, ok


@lru_cache(maxsize=1)
def _disclaimers() -> list[tuple[re.Pattern[str], str, str]]:
    rows = parse_csv(read_text("disclaimers.csv"), "disclaimers.csv", ("pattern", "language", "note"))
    return [(re.compile(r["pattern"], re.IGNORECASE), r["language"], r["note"]) for r in rows]


_LINE = re.compile(r"[^\n]+")


def scraper_residue_traces(article) -> list[Trace]:
    """Navigation crumbs, button labels, share prompts and a publisher's title suffix."""
    text = article.text
    line_rules, outlets, camel_ok = _residue()
    out: list[Trace] = []

    def add(s: int, e: int, note: str, evidence: str) -> None:
        out.append(Trace(make_finding(article, s, e, "translation", "scraper_residue", note), (), evidence))

    lines = list(_LINE.finditer(text))
    nonblank = [m for m in lines if m.group().strip()]
    for n, m in enumerate(nonblank):
        raw = m.group()
        s = m.start() + (len(raw) - len(raw.lstrip()))
        e = m.end() - (len(raw) - len(raw.rstrip()))
        line = text[s:e]
        words = line.split()
        if len(words) <= _MAX_RESIDUE_WORDS:
            hit = next((note for rx, note in line_rules if rx.match(line)), None)
            if hit:
                add(
                    s,
                    e,
                    f"“{line}” is {hit}, copied along with the article: a program, not an editor, made this text.",
                    "web page furniture",
                )
                continue
            if _is_crumbs(line, camel_ok):
                add(
                    s,
                    e,
                    "Website menu labels run together without spaces: the text was copied from a web page by a program.",
                    "navigation crumbs",
                )
                continue
        if n < 4:
            sm = re.search(r"[ \t\u00a0]([–—|]|-)[ \t\u00a0]+(\S.{0,70})$", line)
            if sm and any(rx.search(sm.group(2)) for rx, _ in outlets):
                ds = s + sm.start(1)
                add(
                    ds,
                    e,
                    "The headline still carries the site's name (the web page's title): it was copied from the page by a program.",
                    "site name left in the headline",
                )
    return out


def _is_crumbs(line: str, camel_ok: re.Pattern[str]) -> bool:
    """Menu labels: a short unpunctuated line with run-together words, or items split by | • ›."""
    if line.rstrip()[-1:] in '.!?:;,"”»' or re.search(r"[^\w\s&'’,-]|[_\d]", line):
        return False  # menu labels are words, spaces and '&'; dots, brackets and digits mean code or prose
    tokens = camel_ok.sub(" ", line).split()
    glued = [t for t in tokens if _CAMEL.search(t)]
    if len(glued) >= 2 and len(glued) >= 0.4 * len(tokens):
        return True
    items = re.split(r"\s*[|•›»]\s*", line)
    return len(items) >= 4 and all(0 < len(i.split()) <= 3 and i[:1].isupper() for i in items)


#: A notice speaks about the page itself; "automatic translation" in a story about software is not one.
SELF_REFERENCE = re.compile(
    r"(?<!\w)(?:this|these|our|we|us|the (?:site|website|page|portal|platform)|editors?)(?!\w)",
    re.IGNORECASE,
)

#: Every disclaimer pattern contains one of these (checked by the tests); only sentences with one are searched.
TRIGGERS = (
    "translat",
    "human editor",
    "human translator",
    "automatically",
    "feed",
    "originally",
    "first published",
    "first written",
)


def _trigger_windows(text: str, index: TextIndex) -> list[tuple[int, int]]:
    low = text.lower()
    if len(low) != len(text):  # "İ".lower() is two characters: keep offsets those of text
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    windows: list[tuple[int, int]] = []
    for trig in TRIGGERS:
        i = low.find(trig)
        while i != -1:
            s, e = index.sentence(i)
            windows.append((s, e))
            i = low.find(trig, max(e, i + 1))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(windows):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def disclaimer_traces(article, index: TextIndex) -> list[Trace]:
    """Sentences in which the site says it copies or machine-translates its news."""
    text = article.text
    spans: dict[tuple[int, int], tuple[list[str], list[str]]] = {}
    for lo, hi in _trigger_windows(text, index):
        if not SELF_REFERENCE.search(text, lo, hi):
            continue
        for rx, language, note in _disclaimers():
            for m in rx.finditer(text, lo, hi):
                s, e = index.sentence(m.start())
                while s < e and text[s] in SPACES + "\n":
                    s += 1
                if e - s > 500:
                    s, e = m.start(), m.end()
                notes, langs = spans.setdefault((s, e), ([], []))
                if note not in notes:
                    notes.append(note)
                if language == "lang" and m.groupdict().get("lang"):
                    code = _LANG_CODES.get(m.group("lang").lower())
                    if code and code not in langs:
                        langs.append(code)
    out = []
    for (s, e), (notes, langs) in sorted(spans.items()):
        what = "; ".join(notes)
        note = f"A notice about how the text was produced ({what}): every exact word may be the machine's, not the author's."
        out.append(
            Trace(make_finding(article, s, e, "translation", "disclaimer", note), tuple(langs), "the site's own notice")
        )
    return out
