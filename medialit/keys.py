"""Answer keys: an instructor's reading of an article, checked against its text.

Instructors cannot count character offsets, so a key names each span by its
exact words (plus ``occurrence: N`` when the words appear more than once).
``load_key`` turns those entries into ``Finding``s with exact offsets, so the
same ``score()`` can compare a key with the kit, with a student, or with
another key. Every mistake in a key is reported with the file, the line and
a fix, all at once, so an instructor can correct the file in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .article import Article, check_course_files
from .findings import Finding, Quote
from .taxonomy import CATEGORIES, KEY_SECTIONS
from .yamlio import YamlFileError, line_of, load_yaml_mapping

__all__ = ["Key", "KeyFileError", "KeyProblem", "ProvenanceClue", "load_key", "check_key"]

#: Sections that hold span entries, with the fields each entry may have.
ENTRY_FIELDS: dict[str, set[str]] = {
    "quotes": {"text", "speaker", "kind", "cue", "why", "occurrence", "draft"},
    "framing": {"text", "category", "why", "alternatives", "occurrence", "draft"},
    "loaded_terms": {"text", "category", "why", "alternatives", "occurrence", "draft"},
    "translation_artifacts": {"text", "category", "why", "alternatives", "occurrence", "draft"},
    "provenance": {"text", "clue", "why", "occurrence", "draft"},
}
REQUIRED: dict[str, set[str]] = {
    "quotes": {"text", "speaker", "kind"},
    "framing": {"text", "category", "why"},
    "loaded_terms": {"text", "category", "why"},
    "translation_artifacts": {"text", "category", "why"},
    "provenance": {"text", "clue", "why"},
}
FRAME_GROUPS = {
    "generic": ("conflict", "human_interest", "economic", "morality", "responsibility"),
    "issue": tuple(
        c
        for c in CATEGORIES["framing"]
        if c
        not in {
            "agentless",
            "agent_demoted",
            "necessity",
            "nominalisation",
            "conflict",
            "human_interest",
            "economic",
            "morality",
            "responsibility",
        }
    ),
}
TOP_LEVEL = set(ENTRY_FIELDS) | {"frames", "notes", "article"}


@dataclass(frozen=True, slots=True)
class KeyProblem:
    """One mistake in a key file."""

    path: str
    line: int | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else self.path
        return f"{where}: {self.message} Fix: {self.fix}"


class KeyFileError(YamlFileError):
    """A key file with mistakes; ``problems`` lists every one found."""

    def __init__(self, problems: list[KeyProblem]) -> None:
        first = problems[0]
        self.problems = problems
        super().__init__(first.path, first.line, first.message, first.fix)
        if len(problems) > 1:
            self.args = ("\n".join(str(p) for p in problems),)


@dataclass(frozen=True, slots=True)
class ProvenanceClue:
    """A passage that tells a reader where the text came from."""

    start: int
    end: int
    text: str
    clue: str
    why: str


@dataclass
class Key:
    """A validated key: findings per layer, frame coding, provenance clues."""

    article: Article
    path: Path | None
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    frames: dict[str, list[str]] = field(default_factory=dict)
    provenance: list[ProvenanceClue] = field(default_factory=list)
    drafts: list[tuple[int | None, Finding]] = field(default_factory=list)
    notes: str = ""

    def layer(self, layer: str) -> list[Finding]:
        """The key's findings for one layer ("quotes", "framing", "loaded", "translation")."""
        if layer in KEY_SECTIONS:
            layer = KEY_SECTIONS[layer]
        if layer not in CATEGORIES:
            raise KeyError(f"unknown layer {layer!r}; choose one of: {', '.join(CATEGORIES)}")
        return list(self.findings.get(layer, []))

    def quotes(self) -> list[Quote]:
        return [f for f in self.findings.get("quotes", []) if isinstance(f, Quote)]

    def __len__(self) -> int:
        return sum(len(v) for v in self.findings.values())

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}: {len(v)}" for k, v in self.findings.items() if v)
        return f"<Key for {self.article.slug or 'article'} ({counts or 'empty'})>"


def key_path(article: Article) -> Path | None:
    """Where an article's key lives, if it came from an article folder."""
    return article.folder / "key.yml" if article.folder else None


def load_key(article_or_path: Article | str | Path, article: Article | None = None) -> Key:
    """Read and validate a key.

    ``load_key(article)`` reads ``key.yml`` in the article's folder;
    ``load_key(path, article)`` reads any key file against an article (with
    just a path, the article is the ``article.txt`` beside it). Raises
    ``FileNotFoundError`` when there is no key, and ``KeyFileError`` listing
    every problem (file, line, fix) when there are mistakes.
    """
    if isinstance(article_or_path, Article):
        article = article_or_path
        path = key_path(article)
        if path is None:
            raise FileNotFoundError("this article was not loaded from a folder, so it has no key.yml")
    else:
        path = Path(article_or_path)
        if path.is_dir():
            path = path / "key.yml"
        if article is None:
            article = Article.from_file(path.parent / "article.txt")
            article.folder = path.parent
            article.slug = path.parent.name
    if not path.is_file():
        raise FileNotFoundError(f"no key file at {path}")
    if isinstance(article_or_path, Article):
        check_course_files(path.parent, path.name)
    key, problems = _build(article, path)
    if problems:
        raise KeyFileError(problems)
    return key


def check_key(article: Article, path: str | Path) -> tuple[Key | None, list[KeyProblem]]:
    """Validate a key without raising: the key (if usable) and every problem found."""
    try:
        key, problems = _build(article, Path(path))
    except YamlFileError as e:
        return None, [KeyProblem(e.path, e.line, e.message, e.fix)]
    return key, problems


def _build(article: Article, path: Path) -> tuple[Key, list[KeyProblem]]:
    data = load_yaml_mapping(path)
    problems: list[KeyProblem] = []
    p = str(path)

    def problem(obj: Any, message: str, fix: str, line: int | None = None) -> None:
        problems.append(KeyProblem(p, line or line_of(obj), message, fix))

    key = Key(article=article, path=path)
    for section in data:
        if section not in TOP_LEVEL:
            problem(
                data,
                f"unknown section {section!r}.",
                f"use one of: {', '.join(sorted(TOP_LEVEL))}.",
                line=_line_of_key(path, section),
            )
    seen: dict[tuple[str, int, int, str], int | None] = {}
    for section in ENTRY_FIELDS:
        entries = data.get(section)
        if entries is None:
            continue
        if not isinstance(entries, list):
            problem(
                entries,
                f"section {section!r} should be a list of entries, each starting with '- text:'.",
                "put '- ' before each entry.",
                line=_line_of_key(path, section),
            )
            continue
        for entry in entries:
            built = _entry(article, section, entry, problem)
            if built is None:
                continue
            if isinstance(built, ProvenanceClue):
                key.provenance.append(built)
                continue
            ident = (built.layer, built.start, built.end, built.category)
            if ident in seen:
                problem(
                    entry,
                    f"duplicate entry: {built.text!r} ({built.category}) is already listed at line {seen[ident]}.",
                    "delete one of the two entries.",
                )
                continue
            seen[ident] = line_of(entry)
            if isinstance(entry, dict) and entry.get("draft"):
                key.drafts.append((line_of(entry), built))
            key.findings.setdefault(built.layer, []).append(built)
    frames = data.get("frames")
    if frames is not None:
        key.frames = _frames(frames, problem, path)
    notes = data.get("notes")
    if isinstance(notes, str):
        key.notes = notes
    for layer in key.findings:
        key.findings[layer].sort(key=lambda f: (f.start, -f.end))
    return key, problems


def _entry(article: Article, section: str, entry: Any, problem: Any) -> Finding | ProvenanceClue | None:
    if not isinstance(entry, dict):
        problem(
            entry,
            f"each entry in {section!r} should be a set of 'name: value' lines, not {entry!r}.",
            "write the entry as '- text: ...' followed by its other fields.",
        )
        return None
    unknown = set(entry) - ENTRY_FIELDS[section]
    if unknown:
        problem(
            entry,
            f"unknown field(s) {', '.join(sorted(map(str, unknown)))} in a {section!r} entry.",
            f"use only: {', '.join(sorted(ENTRY_FIELDS[section]))}.",
        )
        return None
    missing = REQUIRED[section] - set(entry)
    if missing:
        what = ", ".join(sorted(missing))
        fix = "add a 'why:' line: one sentence a student can read." if missing == {"why"} else f"add {what}."
        problem(entry, f"entry {entry.get('text', '?')!r} has no {what}.", fix)
        return None
    text = entry["text"]
    if not isinstance(text, str) or not text.strip():
        problem(entry, "'text' should be the exact words from the article.", "copy the words from the article.")
        return None
    why = entry.get("why", "")
    if why is not None and not isinstance(why, str):
        problem(entry, f"'why' of {text!r} should be a sentence of text.", "write the reason as plain text.")
        return None
    occurrence = entry.get("occurrence", 1)
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
        problem(entry, f"'occurrence' of {text!r} should be a whole number from 1.", "write e.g. 'occurrence: 2'.")
        return None
    try:
        span = article.find(text, occurrence)
    except LookupError as e:
        hint = article.closest(text)
        problem(entry, f"{e}.", f"copy the exact words from the article{f': {hint!r}' if hint else ''}.")
        return None
    if section == "provenance":
        return ProvenanceClue(span.start, span.end, span.text, str(entry["clue"]), why or "")
    alternatives = entry.get("alternatives") or []
    if isinstance(alternatives, str):
        alternatives = [alternatives]
    if not isinstance(alternatives, list) or not all(isinstance(a, str) for a in alternatives):
        problem(entry, f"'alternatives' of {text!r} should be a list of phrases.", "write [first, second].")
        return None
    if section == "quotes":
        kind = entry["kind"]
        if kind not in CATEGORIES["quotes"]:
            problem(entry, f"unknown quote kind {kind!r}.", f"use one of: {', '.join(CATEGORIES['quotes'])}.")
            return None
        speaker = entry["speaker"]
        if speaker is not None and not isinstance(speaker, str):
            problem(entry, f"'speaker' of {text!r} should be a name, or null when nobody can tell.", "write the name.")
            return None
        note = why or (
            f"{_kind_word(kind)} attributed to {speaker}."
            if speaker
            else f"{_kind_word(kind)}; the speaker is not named."
        )
        return Quote(
            span.start, span.end, span.text, note=note, source="key", speaker=speaker, cue=entry.get("cue"), kind=kind
        )
    layer = KEY_SECTIONS[section]
    cat = entry["category"]
    if cat not in CATEGORIES[layer]:
        problem(entry, f"unknown category {cat!r} for {section}.", f"use one of: {', '.join(CATEGORIES[layer])}.")
        return None
    if not why or not why.strip():
        problem(entry, f"entry {text!r} has an empty 'why'.", "write one sentence a student can read.")
        return None
    return Finding(span.start, span.end, span.text, layer, cat, why.strip(), tuple(alternatives), "key")


def _frames(frames: Any, problem: Any, path: Path) -> dict[str, list[str]]:
    if not isinstance(frames, dict):
        problem(
            frames,
            "'frames' should have 'generic:' and/or 'issue:' lists.",
            "see DESIGN section 4.",
            line=_line_of_key(path, "frames"),
        )
        return {}
    out: dict[str, list[str]] = {}
    for group, values in frames.items():
        if group not in FRAME_GROUPS:
            problem(frames, f"unknown frame group {group!r}.", "use 'generic' and 'issue'.")
            continue
        if not isinstance(values, list):
            problem(
                frames, f"frames.{group} should be a list such as [conflict, responsibility].", "put the names in [ ]."
            )
            continue
        good = []
        for v in values:
            if v not in FRAME_GROUPS[group]:
                problem(values, f"unknown {group} frame {v!r}.", f"use one of: {', '.join(FRAME_GROUPS[group])}.")
            else:
                good.append(v)
        out[group] = good
    return out


def _kind_word(kind: str) -> str:
    return CATEGORIES["quotes"][kind].label


def _line_of_key(path: Path, name: str) -> int | None:
    try:
        for i, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
            if line.startswith(f"{name}:"):
                return i
    except OSError:
        pass
    return None
