"""The ``medialit`` command for instructors.

``medialit list`` shows the bundled articles; ``medialit check PATH``
validates an article folder (text, meta, key) and prints every problem with
its file, line and fix, exiting non-zero when there is one;
``medialit agreement answers/`` reports how far a class agreed on each
marking exercise (Krippendorff's alpha, Cohen's kappa per pair) and can
save the shaded-article figure for each.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main", "check_folder"]

META_FIELDS = ("title", "source", "date", "language_path", "license")


def check_folder(folder: Path) -> tuple[list[str], list[str]]:
    """Validate an article folder; returns (errors, warnings) as printable lines."""
    from .article import Article
    from .keys import check_key
    from .yamlio import YamlFileError, load_yaml_mapping

    errors: list[str] = []
    notes: list[str] = []
    folder = Path(folder)
    if folder.is_file():
        folder = folder.parent
    text_path = folder / "article.txt"
    if not folder.is_dir():
        return [f"{folder}: no such folder. Fix: give the path of an article folder, e.g. data/articles/<slug>."], []
    if not text_path.is_file():
        return [f"{text_path}: missing. Fix: put the article's plain text in article.txt."], []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            article = Article.from_file(text_path)
        for w in caught:
            notes.append(f"{text_path}: {w.message}")
        article.folder, article.slug = folder, folder.name
        if article.meta.get("encoding") not in {"utf-8", None}:
            notes.append(
                f"{text_path}: read as {article.meta['encoding']}. Fix: save the file as UTF-8 so every tool agrees."
            )
    except (ValueError, OSError) as e:
        return [f"{text_path}: {e}"], []

    meta_path = folder / "meta.yml"
    if not meta_path.is_file():
        errors.append(f"{meta_path}: missing. Fix: copy meta.yml from a bundled article and fill it in.")
    else:
        try:
            meta = load_yaml_mapping(meta_path)
            missing = [f for f in META_FIELDS if not meta.get(f)]
            if missing:
                errors.append(
                    f"{meta_path}: missing {', '.join(missing)}. Fix: add a line for each, e.g. 'title: ...'."
                )
        except YamlFileError as e:
            errors.append(str(e))

    key_path = folder / "key.yml"
    if not key_path.is_file():
        notes.append(f"{key_path}: no key yet; notebooks will show the kit's findings but cannot give feedback.")
    else:
        key, problems = check_key(article, key_path)
        errors.extend(str(p) for p in problems)
        if key is not None:
            for line, f in key.drafts:
                notes.append(
                    f"{key_path}, line {line}: draft entry {f.text!r} ({f.category}). "
                    "Fix: confirm it and delete 'draft: true', correct it, or delete the entry."
                )
    return errors, notes


def _cmd_check(args: argparse.Namespace) -> int:
    status = 0
    for path in args.paths:
        errors, notes = check_folder(Path(path))
        for line in errors:
            print(f"error: {line}")
        for line in notes:
            print(f"note: {line}")
        if errors:
            status = 1
        else:
            print(f"ok: {path}" + (f" ({len(notes)} note(s))" if notes else ""))
    return status


def _cmd_list(args: argparse.Namespace) -> int:
    from .article import available_articles, data_dir

    slugs = available_articles()
    if not slugs:
        print(f"no articles found under {data_dir() / 'articles'}")
        return 1
    for slug in slugs:
        print(slug)
    return 0


def _cmd_agreement(args: argparse.Namespace) -> int:
    from .agreement import class_agreement

    try:
        results, problems = class_agreement(args.answers, notebook=args.notebook, exercise=args.exercise)
    except FileNotFoundError as e:
        print(f"error: {e}")
        return 1
    for line in problems:
        print(f"note: {line}")
    if not results:
        print(
            f"no marking exercises found under {args.answers}"
            + (" with that notebook/exercise" if args.notebook or args.exercise else "")
            + ". Answers are in <answers>/<student>/<notebook>/<exercise>.json."
        )
        return 1
    figures = Path(args.figures) if args.figures else None
    if figures is not None:
        figures.mkdir(parents=True, exist_ok=True)
    for result in results:
        print(result.summary())
        if figures is not None and len(result.students) >= 1:
            out = figures / f"{result.notebook}--{result.exercise}.png"
            result.figure().savefig(out, dpi=args.dpi, bbox_inches="tight")
            print(f"  figure: {out}")
        print()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medialit", description="Tools for instructors using the medialit kit.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate article folders: text, meta.yml and key.yml")
    p.add_argument("paths", nargs="+", help="article folders, e.g. data/articles/rt-nato-russia-2022-01-12")
    p.set_defaults(func=_cmd_check)
    p = sub.add_parser("list", help="list the bundled articles")
    p.set_defaults(func=_cmd_list)
    p = sub.add_parser(
        "agreement",
        help="how far a class agreed on each marking exercise (alpha, kappa, a shaded figure)",
        description="Read every student's answers under ANSWERS and report word-level agreement for each "
        "marking exercise: Krippendorff's alpha for the class, Cohen's kappa for each pair of students.",
    )
    p.add_argument("answers", help="the answers folder, e.g. answers/")
    p.add_argument("--notebook", help="only this notebook (its folder name, e.g. 03_loaded_terms)")
    p.add_argument("--exercise", help="only this exercise")
    p.add_argument("--figures", metavar="DIR", help="save one PNG per exercise in DIR (words shaded by marks)")
    p.add_argument("--dpi", type=int, default=130, help="resolution of the figures (default 130)")
    p.set_defaults(func=_cmd_agreement)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
