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
            missing = [f for f in META_FIELDS if _blank(meta.get(f))]
            if missing:
                errors.append(
                    f"{meta_path}: missing {', '.join(missing)}. Fix: add a line for each, e.g. 'title: ...'."
                )
        except YamlFileError as e:
            errors.append(str(e))

    lexicon_path = folder / "lexicon.csv"
    if lexicon_path.is_file():
        from .lexicon import LexiconError
        from .loaded import lexicon_entries

        try:
            extra = lexicon_entries(article)
        except LexiconError as e:
            errors.append(str(e))
        else:
            notes.append(f"{lexicon_path}: ok, {len(extra)} entries in the merged lexicon (bundled + this article).")

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


def _blank(value: object) -> bool:
    """Empty, or a template's mapping/list whose every value is still empty."""
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    if isinstance(value, list):
        return all(_blank(v) for v in value)
    return value is None or (isinstance(value, str) and not value.strip())


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


def _load(article: str):
    """An article from a slug (data/articles/<slug>), a folder, or a text file."""
    from .article import Article, load_article

    path = Path(article)
    if path.is_dir():
        art = Article.from_file(path / "article.txt")
        meta_path = path / "meta.yml"
        if meta_path.is_file():
            from .yamlio import load_yaml_mapping

            art.meta = {**load_yaml_mapping(meta_path), **art.meta}
            art.title = art.title or art.meta.get("title")
        art.folder, art.slug = path, path.name
        return art
    if path.is_file():
        return Article.from_file(path)
    return load_article(article)


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    try:
        article = _load(args.article)
    except (LookupError, ValueError, OSError) as e:
        print(f"error: {e}")
        return 1
    out = Path(args.output or f"{article.slug or Path(args.article).stem}-report.html")
    write_report(article, out, title=args.title)
    print(f"wrote {out} ({out.stat().st_size // 1024} KB): open it in a browser, or print it as a handout")
    return 0


def _cmd_new_article(args: argparse.Namespace) -> int:
    from .scaffold import new_article

    try:
        folder = new_article(
            args.slug, args.source, title=args.title, overwrite=args.overwrite, with_key=not args.no_key
        )
    except (ValueError, OSError) as e:
        print(f"error: {e}")
        return 1
    print(f"created {folder}")
    print(f"  1. fill in {folder / 'meta.yml'}")
    if not args.no_key:
        print(f"  2. confirm, correct or delete the draft entries in {folder / 'key.yml'}")
    print(f"  3. run: medialit check {folder}")
    print(f'  4. in a notebook, set ARTICLE = "{folder.name}"')
    return 0


def _cmd_student_edition(args: argparse.Namespace) -> int:
    from .editions import student_edition

    try:
        report = student_edition(args.out, args.source)
    except (ValueError, OSError) as e:
        print(f"error: {e}")
        return 1
    print(report)
    print(f"student notebooks are in {args.out}; publish that folder (see the README) instead of notebooks/")
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
    p = sub.add_parser("report", help="write a printable, self-contained HTML report of all four analyses")
    p.add_argument("article", help="an article name (data/articles/<name>), an article folder, or a text file")
    p.add_argument("-o", "--output", help="where to write the report (default: <name>-report.html)")
    p.add_argument("--title", help="a title for the report (default: the article's title)")
    p.set_defaults(func=_cmd_report)
    p = sub.add_parser("new-article", help="make data/articles/SLUG/ from a text file, with a draft key")
    p.add_argument("slug", help="the new folder's name, e.g. bbc-summit-2024-05-02")
    p.add_argument("--from", dest="source", required=True, metavar="FILE", help="the article as .txt or .md")
    p.add_argument("--title", help="the article's title (default: the first line)")
    p.add_argument("--overwrite", action="store_true", help="replace an existing folder's files")
    p.add_argument("--no-key", action="store_true", help="do not pre-fill key.yml with the kit's findings")
    p.set_defaults(func=_cmd_new_article)
    p = sub.add_parser("student-edition", help="copy the notebooks without instructor and solution cells")
    p.add_argument("out", help="a new folder for the student notebooks")
    p.add_argument("--source", help="the notebooks folder (default: the kit's notebooks/)")
    p.set_defaults(func=_cmd_student_edition)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
