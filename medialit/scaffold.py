"""``medialit new-article``: turn any text file into an article folder with a draft key.

Writing a key from nothing is the slowest part of adapting the kit. The
scaffold decodes and normalises the text, writes a ``meta.yml`` to fill in,
and pre-fills ``key.yml`` with the kit's own findings, each marked
``draft: true``: the instructor confirms, corrects or deletes them, and
``medialit check`` lists the drafts still waiting.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import yaml

from .article import SLUG_RE, Article, data_dir

__all__ = ["new_article", "draft_key"]

META_TEMPLATE = """\
# Fill in what a reader can establish about this text; `medialit check` needs
# title, source, date, language_path and license.
title: {title}
source:
  original_publisher:   # who published it first
  republished_by:       # where you found it, if not the original
  url:
date:                   # YYYY-MM-DD, the day it was published
language_path:          # the languages it passed through, first to last
  - language: {language}
    stage: as published
language: {language}
license:                # under what terms you may use it in class (e.g. "quoted in full for criticism and review")
notes: >-
  Added on {today} with `medialit new-article`.
"""


def new_article(
    slug: str,
    source: str | Path,
    *,
    title: str | None = None,
    root: Path | None = None,
    overwrite: bool = False,
    with_key: bool = True,
) -> Path:
    """Create ``data/articles/<slug>/`` from a text file; returns the folder."""
    if not SLUG_RE.match(slug) or ".." in slug:
        raise ValueError(f"{slug!r} is not a usable folder name: use letters, digits, '-', '_' or '.'")
    article = Article.from_file(source, title=title)
    folder = (root or data_dir()) / "articles" / slug
    if folder.exists() and any(folder.iterdir()) and not overwrite:
        raise FileExistsError(f"{folder} already exists; choose another name or pass --overwrite")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_text(article.text.rstrip("\n") + "\n", encoding="utf-8", newline="\n")
    guess_title = title or article.title or article.paragraphs[0].text[:120]
    (folder / "meta.yml").write_text(
        META_TEMPLATE.format(title=_yaml_scalar(guess_title), language="English", today=_dt.date.today().isoformat()),
        encoding="utf-8",
    )
    if with_key:
        saved = Article.from_file(folder / "article.txt")
        (folder / "key.yml").write_text(draft_key(saved), encoding="utf-8")
    return folder


def draft_key(article: Article) -> str:
    """A key.yml text with the kit's findings as draft entries."""
    from .analysis import analyze

    result = analyze(article)
    sections: dict[str, list[dict[str, Any]]] = {
        "quotes": [],
        "framing": [],
        "loaded_terms": [],
        "translation_artifacts": [],
    }
    for q in result.quotes:
        entry = _locate(article, q)
        if entry:
            entry |= {"speaker": getattr(q, "speaker", None), "kind": q.category}
            if getattr(q, "cue", None):
                entry["cue"] = q.cue
            sections["quotes"].append(entry | {"draft": True})
    for section, findings in (
        ("framing", result.passives),
        ("loaded_terms", result.loaded),
        ("translation_artifacts", result.translation),
    ):
        for f in findings:
            entry = _locate(article, f)
            if not entry:
                continue
            entry |= {"category": f.category, "why": f.note or f.label}
            if f.alternatives:
                entry["alternatives"] = list(f.alternatives)
            sections[section].append(entry | {"draft": True})
    header = (
        "# Draft key written by `medialit new-article` from the kit's own findings.\n"
        "# For each entry: confirm it (delete the `draft: true` line), correct it, or delete it.\n"
        "# Add what the kit missed. Then run: medialit check <this folder>\n\n"
    )
    body = yaml.safe_dump(sections, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return header + body


def _locate(article: Article, finding: Any) -> dict[str, Any] | None:
    """The key entry (text + occurrence) that points at this finding's span, if one can."""
    text = finding.text
    if not text.strip():
        return None
    hits = article.find_all(text)
    for n, span in enumerate(hits, 1):
        if span.start == finding.start:
            return {"text": text, "occurrence": n} if n > 1 else {"text": text}
    return None


def _yaml_scalar(value: str) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=1000).strip().removesuffix("...").strip()
