"""Headlines and section headings compared with the body.

Most readers see the headline and the headings and little else, so that is
where framing does most of its work. Two moves are common and easy to miss:

* a **quote promoted to a heading**: one speaker's claim becomes the title
  of a section ("The only threat to Ukraine is Ukraine itself");
* a heading that **asserts what the body attributes**: the body says
  "X said" or puts words in quote marks, the heading states them as fact.

``headline_check(article)`` finds the headline and headings with simple
layout rules (short lines without a full stop, followed by body text),
matches each with the body sentence that shares the most content words, and
returns one ``HeadlineNote`` per heading saying what a reader should check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from .spans import Span

if TYPE_CHECKING:
    from .article import Article

__all__ = ["HeadlineNote", "find_headings", "headline_check", "notes_html"]

#: What each kind of note means, for legends and tests.
KINDS = {
    "perspective_named": "The headline says whose view the story gives.",
    "quote_promoted": "A speaker's words made into a heading.",
    "attribution_dropped": "Words the body puts in quote marks, printed in the heading without them.",
    "asserts_attributed": "The heading states as fact what the body gives as someone's view.",
    "attributed": "The heading itself says whose view it is.",
    "unsupported": "The heading's words are not in the body.",
    "matches_body": "The heading summarises the body's own narration.",
}

_OPEN = "“‘«„\"'"
_CLOSE = "”’»“\"'"
_QUOTE_CHARS = set(_OPEN + _CLOSE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STOP = frozenset(
    """a an the of to in on at for from by with and or but not no is are was were be been it its this that these
    those as about over after before into than then there their they them he she his her we our you your i my me
    will would can could should may might must has have had do does did so if any all some one only also just very
    more most less own other such what which who whom whose how why when where again once here now well""".split()
)
#: Words that make a heading attribute its claim ("X insists", "according to", "Moscow's perspective").
ATTRIBUTION_WORDS = frozenset(
    """says say said insists insisted warns warned claims claimed argues argued tells told according perspective
    view views awaits expects wants demands calls urges rejects denies accuses hopes fears believes thinks
    stresses explains notes adds admits reveals vows pledges""".split()
)
#: Reporting verbs that mark a body sentence as someone's words.
REPORTING = frozenset(
    """said says added adds explained noted stressed warned insisted revealed reiterated claimed argued told stated
    according admitted conceded recalled remarked suggested emphasised emphasized underlined declared""".split()
)


@dataclass(frozen=True)
class HeadlineNote:
    """What to check about one heading.

    ``role`` is "headline", "standfirst" or "heading"; ``kind`` one of
    ``KINDS``; ``evidence`` the body sentence the heading was compared with
    (None when nothing in the body matches).
    """

    role: str
    kind: str
    start: int
    end: int
    text: str
    note: str
    evidence: Span | None = None
    paragraph: int | None = None


def _content(text: str) -> list[str]:
    return [
        w.lower().replace("’", "'").strip("'") for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2
    ]


def _stem(w: str) -> str:
    for suffix in ("'s", "ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def _is_heading_like(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 20:
        return False
    end = text.rstrip(_CLOSE + " ")
    return not end.endswith((".", "!", "?", ":", ";", ","))


def _is_body(text: str) -> bool:
    return len(text.split()) >= 12 and text.rstrip(_CLOSE + " ")[-1:] in ".!?"


def find_headings(article: Article) -> list[tuple[str, int]]:
    """(role, paragraph index) for the headline, the standfirst and the section headings.

    The headline is the paragraph holding ``article.title`` if it is in the
    text, otherwise the first heading-like paragraph. Lines before it
    (navigation menus) are skipped, and so are short lines after the last
    body paragraph (bylines, "Back to top").
    """
    paras = article.paragraphs
    body_idx = [i for i, p in enumerate(paras) if _is_body(p.text)]
    if not body_idx:
        return []
    last_body = body_idx[-1]
    head = None
    title = (article.title or "").strip()
    if title:
        for i, p in enumerate(paras):
            if title in p.text and i < body_idx[0] + 1:
                head = i
                break
    if head is None:
        for i, p in enumerate(paras[: body_idx[0]]):
            if _is_heading_like(p.text):
                head = i
                break
    out: list[tuple[str, int]] = []
    start = 0
    if head is not None:
        out.append(("headline", head))
        start = head + 1
    for i in range(start, last_body):
        if _is_heading_like(paras[i].text):
            role = "standfirst" if head is not None and i == head + 1 and i < body_idx[0] else "heading"
            out.append((role, i))
    return out


def _quoted_stretches(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"[“\"«„]\s*([^“”\"«»„]{2,200}?)\s*[”\"»“]", text)]


def _attributed(article: Article, sentence: Span, para_text: str) -> bool:
    words = {w.lower() for w in _WORD.findall(sentence.text)}
    return bool(words & REPORTING) or any(c in para_text for c in '“”«»"')


def headline_check(article: Article) -> list[HeadlineNote]:
    """One note per heading: how it relates to the body (see ``KINDS``).

    The notes are prompts for a reader, not verdicts: they point at the body
    sentence that shares the most content words with the heading, so a
    student can compare the two.
    """
    paras = article.paragraphs
    headings = find_headings(article)
    heading_idx = {i for _, i in headings}
    body_sentences = [s for s in article.sentences if article.paragraph_index(s.start) not in heading_idx]
    body_sentences = [s for s in body_sentences if len(s.text.split()) >= 3]
    sent_words = [{_stem(w) for w in _content(s.text)} for s in body_sentences]
    body_text_low = " ".join(s.text for s in body_sentences).lower().replace("’", "'")
    body_quotes = []
    for s in body_sentences:
        for q in _quoted_stretches(s.text):
            body_quotes.append((q.strip().lower().replace("’", "'"), s))
    from .agency import actor_mentions

    mentions = actor_mentions(article) if headings else []
    out = []
    for role, i in headings:
        p = paras[i]
        text = p.text
        if role == "headline":
            text = re.split(r"\s+[–—|-]\s+", text)[0]  # drop " – RT Russia & ..." site tails
        stripped = text.strip().strip(_OPEN + _CLOSE).strip()
        words = [_stem(w) for w in _content(stripped)]
        low_words = {w.lower() for w in _WORD.findall(text)}
        best, best_overlap = None, 0
        for s, sw in zip(body_sentences, sent_words, strict=True):
            ov = len(set(words) & sw)
            if ov > best_overlap:
                best, best_overlap = s, ov
        para_of = article.paragraph_index(best.start) if best is not None else None
        where = f" (paragraph {para_of + 1})" if para_of is not None else ""
        span_start = p.start
        span_end = p.start + len(text)

        def note(
            kind: str,
            message: str,
            evidence: Span | None = best,
            where_: int | None = para_of,
            role: str = role,
            span: tuple[int, int] = (span_start, span_end),
        ) -> HeadlineNote:
            return HeadlineNote(
                role, kind, span[0], span[1], article.text[span[0] : span[1]], message, evidence, where_
            )

        wholly_quoted = text.strip()[:1] in _OPEN and text.strip()[-1:] in _CLOSE
        if role == "headline" and low_words & {"perspective", "view", "views", "according"}:
            out.append(
                note(
                    "perspective_named",
                    "The headline names whose view the story gives, so a reader knows it is one side's account.",
                    None,
                    None,
                )
            )
            continue
        if wholly_quoted:
            exact = stripped.lower().replace("’", "'") in body_text_low
            out.append(
                note(
                    "quote_promoted",
                    "This heading is a quotation: one speaker's claim becomes the title of a section. "
                    + (
                        f"The same words are in the body{where}, as the speaker's own."
                        if exact
                        else f"Compare it with the closest words in the body{where}."
                    ),
                )
            )
            continue
        dropped = [q for q, s in body_quotes if len(q.split()) >= 2 and q in stripped.lower().replace("’", "'")]
        marked_here = any(c in text for c in '“”«»"')
        if dropped and not marked_here:
            qs = next(s for q, s in body_quotes if q == dropped[0])
            qp = article.paragraph_index(qs.start)
            out.append(
                note(
                    "attribution_dropped",
                    f"The body puts “{dropped[0]}” in quote marks as someone's words (paragraph {qp + 1 if qp is not None else '?'}); "
                    "the heading prints them without the marks, as if they were the reporter's own statement.",
                    qs,
                    qp,
                )
            )
            continue
        actor = next(
            (
                m
                for m in mentions
                if span_start <= m.start < span_start + 25 and m.end <= span_end and m.role == "subject"
            ),
            None,
        )
        if actor is not None and not low_words & ATTRIBUTION_WORDS and not marked_here:
            out.append(
                note(
                    "attributed",
                    f"The heading makes {actor.actor} the one acting ('{actor.text} {actor.verb}'), so it reports "
                    "a position, not a fact: check that the body supports the verb.",
                )
            )
            continue
        if low_words & ATTRIBUTION_WORDS or marked_here:
            out.append(
                note(
                    "attributed",
                    "The heading itself says whose claim this is (a reporting verb or quote marks): "
                    "check whether the verb is neutral or loaded.",
                )
            )
            continue
        if not words or best is None or best_overlap == 0 or best_overlap < max(1, len(set(words)) // 3):
            missing = [w for w in _content(stripped) if _stem(w) not in {x for sw in sent_words for x in sw}]
            out.append(
                note(
                    "unsupported",
                    "Most of this heading's words are not in the body"
                    + (f" ({', '.join(missing[:4])})" if missing else "")
                    + ": ask what the heading adds that the text does not say.",
                    best if best_overlap else None,
                    para_of if best_overlap else None,
                )
            )
            continue
        if best_overlap >= 2 and _attributed(article, best, paras[para_of].text if para_of is not None else ""):
            out.append(
                note(
                    "asserts_attributed",
                    f"The body gives these words as someone's view{where}, with quote marks or 'said'; "
                    "the heading states them without saying whose view it is.",
                )
            )
            continue
        out.append(note("matches_body", f"The heading summarises the body's own narration{where}."))
    return out


def notes_html(article: Article, notes: list[HeadlineNote]) -> str:
    """Headline notes as an escaped HTML table: heading, what to check, the body sentence."""
    rows = []
    for n in notes:
        ev = escape(n.evidence.text) if n.evidence is not None else "<i>—</i>"
        rows.append(
            f"<tr><td><small>{escape(n.role)}</small><br><b>{escape(n.text)}</b></td>"
            f"<td>{escape(n.note)}</td><td><small>{ev}</small></td></tr>"
        )
    if not rows:
        rows.append("<tr><td colspan='3'><i>No headline or headings found in this text.</i></td></tr>")
    return (
        "<table style='border-collapse:collapse;font:13px system-ui,sans-serif' border='1' cellpadding='4'>"
        "<tr><th>Heading</th><th>What to check</th><th>Closest body sentence</th></tr>" + "".join(rows) + "</table>"
    )
