"""The instructor's command line: `medialit check` and `medialit list`."""

from __future__ import annotations

import shutil
from pathlib import Path

from medialit.cli import main

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO / "data" / "articles" / "rt-nato-russia-2022-01-12"


def test_check_passes_on_every_bundled_article(capsys):
    folders = sorted(p for p in (REPO / "data" / "articles").iterdir() if (p / "article.txt").exists())
    assert folders
    assert main(["check", *map(str, folders)]) == 0
    out = capsys.readouterr().out
    assert "error:" not in out and out.count("ok: ") == len(folders)


def test_check_reports_file_line_and_fix(tmp_path, capsys):
    folder = tmp_path / "broken"
    shutil.copytree(SEED_DIR, folder)
    (folder / "key.yml").write_text(
        "loaded_terms:\n  - text: Luck for piece\n    category: evaluative\n    why: x\n"
        "  - text: crucial\n    category: shiny\n    why: y\n"
        "  - text: rather vague\n    category: hedge\n    why: z\n    draft: true\n",
        encoding="utf-8",
    )
    (folder / "meta.yml").write_text("title: Something\n", encoding="utf-8")
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"{folder / 'key.yml'}, line 2: 'Luck for piece' is not in the article" in out
    assert "Fix: copy the exact words from the article: 'Luck for peace'" in out
    assert "line 5: unknown category 'shiny'" in out
    assert "line 8: draft entry 'rather vague'" in out
    assert "meta.yml: missing source, date, language_path, license" in out


def test_check_on_missing_folder_and_text(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope")]) == 1
    (tmp_path / "empty").mkdir()
    assert main(["check", str(tmp_path / "empty")]) == 1
    out = capsys.readouterr().out
    assert "no such folder" in out and "article.txt: missing" in out


def test_list(capsys):
    assert main(["list"]) == 0
    assert "rt-nato-russia-2022-01-12" in capsys.readouterr().out


def test_check_validates_an_article_lexicon(tmp_path, capsys):
    """An article's own lexicon.csv is checked too: a bad row is an error with file, line and fix."""
    folder = tmp_path / "withlex"
    shutil.copytree(SEED_DIR, folder)
    header = "term,category,why,alternatives,source\n"
    (folder / "lexicon.csv").write_text(
        header + "the block,naming,Machine translation's spelling of bloc.,the bloc,this article\n", encoding="utf-8"
    )
    assert main(["check", str(folder)]) == 0
    assert "lexicon.csv: ok" in capsys.readouterr().out
    (folder / "lexicon.csv").write_text(header + "the block,shiny,,the bloc,this article\n", encoding="utf-8")
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"error: {folder / 'lexicon.csv'}, line 2" in out and "Fix" in out
