"""Articles: a text plus its exact paragraphs, sentences and tokens.

An ``Article`` is what every analyzer takes. Its ``text`` is exactly what the
student sees; every span the kit hands out (paragraph, sentence, token,
finding) is an offset range into that text, so highlights never drift.

Text is normalised once, on the way in (byte-order marks dropped, CRLF made
LF, pasted HTML stripped with a warning), and never again: offsets are
always offsets into ``article.text``.
"""

from __future__ import annotations

import difflib
import html
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .spans import Span, SpanList

__all__ = [
    "Article",
    "ArticleWarning",
    "MAX_CHARS",
    "available_articles",
    "check_course_files",
    "data_dir",
    "decode_bytes",
    "load_article",
]

#: Largest text the kit accepts: 50 million characters (about 8,000 pages).
#: Beyond this a notebook would stall; the error says how to split the text.
MAX_CHARS = 50_000_000

#: Abbreviations that end in a full stop without ending a sentence. Punkt
#: learns these from training data we do not download, so we list the ones
#: news text uses.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col sgt capt cmdr adm sen rep gov pres st jr sr
    inc ltd co corp vs etc jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n e.g i.e no nos approx dept est fig min max mt ft rev hon
    a.m p.m""".split()
)

SLUG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")

_TOKEN_RE = r"\w+(?:[-'’]\w+)*|[^\w\s]"
_BLOCK_RE = re.compile(r"[^\n]+(?:\n[^\S\n]*[^\s][^\n]*)*")  # lines separated by no blank line
_LINE_RE = re.compile(r"[^\n]+")
_HTML_TAG_RE = re.compile(
    r"<\s*/?\s*(html|head|body|p|div|span|br|a|b|i|em|strong|h[1-6]|ul|ol|li|table|tr|td|th|"
    r"script|style|img|article|section|header|footer|nav|blockquote|figure|figcaption|meta|link|title)\b[^>]*>",
    re.IGNORECASE,
)
_BLOCK_TAGS = re.compile(
    r"<\s*(/\s*(p|div|h[1-6]|li|tr|blockquote|article|section|header|footer|figure|figcaption|title)|br\s*/?)\s*>",
    re.IGNORECASE,
)
_DROP_ELEMENTS = re.compile(r"<\s*(script|style|head|noscript)\b.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_ANY_TAG = re.compile(r"<!--.*?-->|<[^<>]+>", re.DOTALL)


class ArticleWarning(UserWarning):
    """Something about the input was changed on the way in; the message says what."""


@dataclass(eq=False)
class Article:
    """A news text with exact spans.

    Build one with ``Article.from_text``, ``Article.from_file`` or
    ``load_article``. ``meta`` holds what is known about the text (title,
    source, date, language path, the encoding it was read in, what was
    cleaned up on the way in); ``folder`` is the article's folder under
    ``data/articles/`` when it came from there, where its key lives.
    """

    text: str
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    slug: str | None = None
    folder: Path | None = None

    # ------------------------------------------------------------------ build
    @classmethod
    def from_text(
        cls,
        text: str,
        title: str | None = None,
        meta: dict[str, Any] | None = None,
        *,
        slug: str | None = None,
        folder: Path | None = None,
    ) -> Article:
        """Make an article from any string.

        Raises ``ValueError`` (with a sentence saying what to do) for text
        that is not a string, is empty or only whitespace, or is larger than
        ``MAX_CHARS``. Pasted HTML is turned into plain text with an
        ``ArticleWarning``; Windows line endings become ``\\n``.
        """
        if isinstance(text, bytes):
            raise TypeError("Article.from_text takes a str; for bytes or files use Article.from_file")
        if not isinstance(text, str):
            raise TypeError(f"Article.from_text takes a str, not {type(text).__name__}")
        meta = dict(meta or {})
        cleaned: list[str] = list(meta.get("cleaned", []))
        if text.startswith("\ufeff"):
            text = text[1:]
            cleaned.append("removed a byte-order mark")
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            cleaned.append("converted Windows/old Mac line endings to \\n")
        if len(text) > MAX_CHARS:
            raise ValueError(
                f"this text has {len(text):,} characters; the kit reads at most {MAX_CHARS:,}. "
                "Split it into separate articles (one per story)."
            )
        if looks_like_html(text):
            text = html_to_text(text)
            cleaned.append("stripped HTML tags and decoded entities")
            warnings.warn(
                "The text looked like HTML, so tags were removed and entities such as &amp; decoded. "
                "Check the result: menus and captions from the web page may still be in it.",
                ArticleWarning,
                stacklevel=2,
            )
        if not text.strip():
            raise ValueError("the article text is empty (or only whitespace): paste or load the article's words first")
        if "\x00" in text:
            raise ValueError("the text contains NUL characters, so it is probably a binary file, not an article")
        if cleaned:
            meta["cleaned"] = cleaned
        if title is None:
            title = meta.get("title")
        return cls(text=text, title=title, meta=meta, slug=slug, folder=folder)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], title: str | None = None) -> Article:
        """Read a ``.txt`` or ``.md`` file, whatever its encoding.

        UTF-8 (with or without a byte-order mark), UTF-16 and Windows-1252
        are detected; the one used is recorded in ``meta["encoding"]``. A
        binary file (PDF, Word, image) raises ``ValueError`` saying so.
        """
        path = Path(path)
        if path.is_dir():
            raise IsADirectoryError(f"{path} is a folder; pass the article.txt inside it, or use load_article(slug)")
        data = path.read_bytes()
        text, encoding = decode_bytes(data, name=str(path))
        meta: dict[str, Any] = {"encoding": encoding, "file": path.name}
        if path.suffix.lower() in {".md", ".markdown"} and title is None:
            m = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
            if m:
                title = m.group(1).strip()
        return cls.from_text(text, title=title, meta=meta)

    # ------------------------------------------------------------- segments
    @cached_property
    def paragraphs(self) -> SpanList:
        """Paragraph spans, without surrounding whitespace.

        A blank line always separates paragraphs. Inside a block, each line
        is its own paragraph (web copy puts one paragraph on a line) unless
        the block looks hard-wrapped, as text pasted from a PDF or an email
        is: then its lines are joined.
        """
        text = self.text
        out = []
        for block in _BLOCK_RE.finditer(text):
            lines = [m for m in _LINE_RE.finditer(block.group()) if m.group().strip()]
            if _hard_wrapped([m.group() for m in lines]):
                out.append(_trimmed(text, block.start(), block.end()))
            else:
                out.extend(_trimmed(text, block.start() + m.start(), block.start() + m.end()) for m in lines)
        return SpanList(s for s in out if s is not None)

    @cached_property
    def sentences(self) -> SpanList:
        """Sentence spans (NLTK Punkt, no downloaded model), never crossing a paragraph."""
        tok = _sentence_tokenizer()
        out = []
        for p in self.paragraphs:
            for a, b in _punkt_chunks(p.text):
                for s, e in tok.span_tokenize(p.text[a:b]):
                    out.append(Span(p.start + a + s, p.start + a + e, p.text[a + s : a + e]))
        return SpanList(out)

    @cached_property
    def tokens(self) -> SpanList:
        """Word and punctuation tokens: words keep inner hyphens and apostrophes (NATO's, US-led)."""
        return SpanList(Span(m.start(), m.end(), m.group()) for m in _token_regex().finditer(self.text))

    @property
    def words(self) -> list[Span]:
        """Tokens that contain at least one letter or digit."""
        return [t for t in self.tokens if _is_word(t.text)]

    @cached_property
    def word_count(self) -> int:
        """``len(self.words)``, counted once and without building the list (profiles and summaries need only the count)."""
        return sum(1 for t in self.tokens if _is_word(t.text))

    # ------------------------------------------------------------ look-ups
    def span(self, start: int, end: int) -> Span:
        """The span ``[start, end)`` with its text."""
        if not (0 <= start <= end <= len(self.text)):
            raise ValueError(f"span [{start}, {end}) is outside the article ({len(self.text)} characters)")
        return Span(start, end, self.text[start:end])

    def find_all(self, needle: str) -> list[Span]:
        """Every occurrence of ``needle`` (exact, case-sensitive), in order.

        Whole words only: "bloc" does not match inside "block", because a
        reader who types a word means that word.
        """
        return _find_words(self.text, needle)

    def find(self, needle: str, occurrence: int = 1) -> Span:
        """The ``occurrence``-th (1-based) exact occurrence of ``needle``.

        Raises ``LookupError`` with the closest passage when the text is not
        there, and with the number of occurrences when there are fewer than
        asked for. Quote marks and dashes are compared loosely when the exact
        text is missing, so a key typed with straight quotes still finds
        curly ones.
        """
        if occurrence < 1:
            raise ValueError("occurrence counts from 1")
        hits = self.find_all(needle)
        if not hits:
            hits = self._find_loose(needle)
        if not hits:
            hint = self.closest(needle)
            raise LookupError(
                f"{needle!r} is not in the article" + (f"; the closest passage is {hint!r}" if hint else "")
            )
        if occurrence > len(hits):
            raise LookupError(f"{needle!r} occurs {len(hits)} time(s), so occurrence {occurrence} does not exist")
        return hits[occurrence - 1]

    def _find_loose(self, needle: str) -> list[Span]:
        folded = _fold_typography(needle)
        if not folded:
            return []
        return [self.span(s.start, s.end) for s in _find_words(_fold_typography(self.text), folded)]

    def closest(self, needle: str) -> str | None:
        """The passage of the article most like ``needle`` (for "did you mean" hints)."""
        n = len(needle)
        if not n:
            return None
        words = needle.split()
        first = words[0].lower() if words else ""
        candidates = set()
        low = self.text.lower()
        for t in self.tokens:
            if not first or low.startswith(first[:3], t.start):
                candidates.add(t.start)
        if not candidates:
            candidates = {t.start for t in self.tokens}
        best, best_ratio = None, 0.0
        text = self.text
        for start in sorted(candidates)[:5000]:
            end = min(start + n, len(text))
            # finish the last word, so a hint never ends mid-word ("Luck for pea")
            while end < len(text) and end - start < n + 30 and text[end - 1].isalnum() and text[end].isalnum():
                end += 1
            window = text[start:end]
            ratio = difflib.SequenceMatcher(None, needle.lower(), window.lower()).ratio()
            if ratio > best_ratio:
                best, best_ratio = window, ratio
        return best if best_ratio >= 0.5 else None

    def paragraph_index(self, offset: int) -> int | None:
        """Index of the paragraph that holds ``offset`` (None between paragraphs)."""
        return self.paragraphs.index_at(offset)

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence that holds ``offset``."""
        return self.sentences.at(offset)

    # ------------------------------------------------------------- display
    def __repr__(self) -> str:
        name = self.slug or (self.title or self.text[:40]).strip()
        return f"<Article {name!r}: {len(self.text):,} characters, {len(self.paragraphs)} paragraphs>"

    def _repr_html_(self) -> str:
        from .render import highlight

        return highlight(self, []).html


# ---------------------------------------------------------------- loading
def data_dir() -> Path:
    """Where the course content lives.

    In order: ``$MEDIALIT_DATA``; a ``data/articles`` folder in the working
    directory or any folder above it (so a notebook in ``notebooks/`` finds
    the repository's ``data/``); the ``data/`` beside the installed package
    (an editable install from a clone).
    """
    env = os.environ.get("MEDIALIT_DATA")
    if env:
        p = Path(env).expanduser()
        if not (p / "articles").is_dir() and p.name == "articles":
            p = p.parent
        return p
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "articles").is_dir():
            return folder / "data"
    return Path(__file__).resolve().parent.parent / "data"


def available_articles(root: Path | None = None) -> list[str]:
    """Slugs of the bundled articles (folders with an article.txt)."""
    base = (root or data_dir()) / "articles"
    if not base.is_dir():
        return []
    out = []
    for p in base.iterdir():
        if not (p / "article.txt").is_file():
            continue
        try:
            check_course_files(p, "article.txt")
        except PermissionError:
            continue  # load_article would refuse it; listing it would only invite that error
        out.append(p.name)
    return sorted(out)


def load_article(slug: str, root: Path | None = None) -> Article:
    """Load ``data/articles/<slug>/``: its text, and its ``meta.yml`` if present.

    A slug is a folder name, never a path: one with a separator or ``..`` is
    refused. An unknown slug lists the ones that exist. An article folder (or
    its article.txt or meta.yml) that is a symbolic link to a place outside
    the data folder is refused with ``PermissionError``: the kit reads and
    writes course content only inside the data folder, so a link cannot make
    a notebook show (or a key check reveal) files from elsewhere.
    """
    if not isinstance(slug, str) or not SLUG_RE.match(slug) or ".." in slug:
        raise ValueError(
            f"{slug!r} is not an article name: use the folder name under data/articles/ "
            "(letters, digits, '-', '_' or '.'), not a path. For a file anywhere, use Article.from_file(path)."
        )
    base = (root or data_dir()) / "articles"
    folder = base / slug
    if not (folder / "article.txt").is_file():
        known = available_articles(root)
        raise LookupError(
            f"no article called {slug!r} in {base}. "
            + (f"Available: {', '.join(known)}." if known else "That folder has no articles yet.")
        )
    check_course_files(folder, "article.txt", "meta.yml")
    meta: dict[str, Any] = {}
    meta_path = folder / "meta.yml"
    if meta_path.is_file():
        from .yamlio import load_yaml_mapping

        meta = load_yaml_mapping(meta_path)
    text, encoding = decode_bytes((folder / "article.txt").read_bytes(), name=str(folder / "article.txt"))
    meta.setdefault("encoding", encoding)
    return Article.from_text(text, title=meta.get("title"), meta=meta, slug=slug, folder=folder)


def check_course_files(folder: Path, *names: str) -> None:
    """Refuse (``PermissionError``) an article folder, or files in it, that link outside its data folder.

    Every reader of course content calls this before opening a file of an
    article folder (article.txt, meta.yml, key.yml, lexicon.csv), so one
    rule covers them all: the kit reads only inside the data folder, and a
    link cannot make a notebook show, or a key check quote, a file from
    elsewhere. The data folder is the one above ``articles/``; a folder
    elsewhere (``medialit check`` on any path) has no data folder to stay in.
    """
    folder = Path(folder)
    if folder.parent.name != "articles":
        return
    inside = folder.parent.parent.resolve()
    for path in (folder, *(folder / n for n in names)):
        if not (path.exists() or path.is_symlink()):
            continue
        target = path.resolve()
        if not target.is_relative_to(inside):
            raise PermissionError(
                f"{path} is a link to {target}, which is outside the data folder {inside}. "
                "The kit only reads articles inside the data folder: copy the article's folder into "
                f"{inside / 'articles'} instead of linking to it."
            )


def _is_word(token: str) -> bool:
    # the first character decides for almost every token, so test it before scanning the rest
    return token[:1].isalnum() or any(c.isalnum() for c in token)


# ----------------------------------------------------------- decoding
def decode_bytes(data: bytes, name: str = "the file") -> tuple[str, str]:
    """Decode bytes as UTF-8, UTF-16 or Windows-1252, in that order of trust.

    Returns ``(text, encoding)``. Raises ``ValueError`` for binary data:
    reading a PDF as text gives gibberish that no analysis can use.
    """
    if not data.strip():
        raise ValueError(f"{name} is empty: there is no article text in it")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    sample = data[:4096]
    if sample.count(b"\x00") > len(sample) // 4 and len(sample) >= 4:
        # UTF-16 without a byte-order mark: every other byte is zero for Latin text.
        even_zero = sample[0::2].count(0)
        odd_zero = sample[1::2].count(0)
        enc = "utf-16-le" if odd_zero > even_zero else "utf-16-be"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    if b"\x00" in sample or _looks_binary(sample):
        raise ValueError(
            f"{name} looks like a binary file (for example a PDF, Word document or image), not plain text. "
            "Open it, copy the article's words, and save them as a .txt file."
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_binary(sample: bytes) -> bool:
    if sample.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0")):
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 20)


# --------------------------------------------------------------- HTML
def looks_like_html(text: str) -> bool:
    """True when the text has several HTML tags (a pasted web page), not a stray '<b>bold</b>'."""
    head = text[:200_000]
    return len(_HTML_TAG_RE.findall(head)) >= 3 or bool(re.match(r"\s*<(!doctype|html)", head, re.IGNORECASE))


def html_to_text(text: str) -> str:
    """Plain text from HTML: drop scripts and styles, break at block tags, decode entities."""
    text = _DROP_ELEMENTS.sub("", text)
    text = _BLOCK_TAGS.sub("\n\n", text)
    text = _ANY_TAG.sub("", text)
    text = html.unescape(text)
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# ------------------------------------------------------------- helpers
def _find_words(text: str, needle: str) -> list[Span]:
    """Occurrences of ``needle`` that do not start or end inside a word."""
    if not needle:
        return []
    check_left = needle[0].isalnum()
    check_right = needle[-1].isalnum()
    out, i, n = [], text.find(needle), len(needle)
    while i != -1:
        j = i + n
        if not (check_left and i > 0 and text[i - 1].isalnum()) and not (
            check_right and j < len(text) and text[j].isalnum()
        ):
            out.append(Span(i, j, text[i:j]))
        i = text.find(needle, i + 1)
    return out


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of a block look like one wrapped paragraph: most break mid-sentence."""
    if len(lines) < 3:
        return False
    breaks = lines[:-1]
    mid = sum(1 for ln in breaks if ln.rstrip()[-1:].isalnum() or ln.rstrip()[-1:] in ",;-")
    return mid >= 0.6 * len(breaks)


_QUOTE_FOLD = str.maketrans({c: '"' for c in "“”„‟«»″"} | {c: "'" for c in "‘’‚‛‹›′"} | {c: "-" for c in "–—−‐‑"})


def _fold_typography(s: str) -> str:
    """Same length as ``s``, with quote marks, apostrophes and dashes made plain."""
    folded = s.translate(_QUOTE_FOLD).replace("\u00a0", " ")
    return folded if len(folded) == len(s) else s


#: Punkt reads a paragraph at most this long at once. NLTK 3.10 stops a regex scan after 5 s of CPU (its
#: ReDoS guard), and Punkt's scan of one paragraph lasts as long as the whole paragraph's processing: a
#: text pasted from a PDF (one hard-wrapped paragraph) of a few megabytes failed with TimeoutError.
PUNKT_CHUNK = 20_000
_CHUNK_CUT = re.compile(r"[.!?][\"'”’»)\]]*\s+|\n\s*")


def _punkt_chunks(text: str, size: int = PUNKT_CHUNK) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of at most ``size`` characters, cut after a sentence end or line break if any."""
    out, start, n = [], 0, len(text)
    while n - start > size:
        cut = None
        for m in _CHUNK_CUT.finditer(text, start + size // 2, start + size):
            cut = m.end()
        if cut is None:
            space = text.rfind(" ", start + size // 2, start + size)
            cut = space + 1 if space > start else start + size
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


_SENT_TOK: PunktSentenceTokenizer | None = None
_WORD_TOK: RegexpTokenizer | None = None


def _sentence_tokenizer() -> PunktSentenceTokenizer:
    global _SENT_TOK
    if _SENT_TOK is None:
        params = PunktParameters()
        params.abbrev_types = set(ABBREVIATIONS)
        _SENT_TOK = PunktSentenceTokenizer(params)
    return _SENT_TOK


def _word_tokenizer() -> RegexpTokenizer:
    global _WORD_TOK
    if _WORD_TOK is None:
        _WORD_TOK = RegexpTokenizer(_TOKEN_RE)
    return _WORD_TOK


@lru_cache(maxsize=1)
def _token_regex() -> Any:
    """The tokenizer's pattern, compiled as NLTK's ``RegexpTokenizer`` compiles it: same engine, same flags.

    Used directly for ``Article.tokens`` because NLTK 3.10 runs every match
    under a 5-second wall-clock limit (a guard against pathological
    patterns, which this one is not): a text of a few megabytes takes
    longer than that to tokenize and failed with ``TimeoutError``, and the
    guard made tokenizing three times slower. ``regex`` is NLTK's own engine
    (one of its requirements), so the tokens are exactly NLTK's.
    """
    import regex

    return regex.compile(_TOKEN_RE, regex.UNICODE | regex.MULTILINE | regex.DOTALL)


def normalise_for_matching(s: str) -> str:
    """Casefolded, NFKC, typography-folded text for tolerant comparisons."""
    return _fold_typography(unicodedata.normalize("NFKC", s)).casefold()
