"""`medialit new-article`: from a text file to a checked article folder with a draft key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import medialit as ml
from medialit.cli import main
from medialit.report import build_report
from medialit.scaffold import new_article

STORY = """Council approves stadium despite protests

The city council on Tuesday approved the so-called "regeneration" plan for the riverside stadium, a
decision critics slammed as a giveaway to developers.\r\n\r\n"This is a great day for the city," said Mayor Ana Ruiz. "We have listened to everyone."

Opponents, who had been forced to hold their rally outside the building, said the vote was rushed.
"""

META = {
    "title": "Council approves stadium despite protests",
    "source": {"original_publisher": "Test Gazette"},
    "date": "2024-05-02",
    "language_path": [{"language": "English", "stage": "as published"}],
    "license": "written for the test suite",
}


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    (tmp_path / "data" / "articles").mkdir(parents=True)
    return tmp_path / "data"


def test_scaffold_check_confirm_and_report(tmp_path, root, monkeypatch, capsys):
    src = tmp_path / "story.txt"
    src.write_bytes(STORY.encode("cp1252", errors="replace"))
    monkeypatch.setenv("MEDIALIT_DATA", str(root))
    assert main(["new-article", "stadium-vote", "--from", str(src)]) == 0
    folder = root / "articles" / "stadium-vote"
    out = capsys.readouterr().out
    assert "created" in out and "medialit check" in out
    text = (folder / "article.txt").read_text(encoding="utf-8")
    assert "\r" not in text and text.startswith("Council approves stadium")

    key = yaml.safe_load((folder / "key.yml").read_text(encoding="utf-8"))
    assert key["quotes"] and all(e["draft"] for e in key["quotes"])
    assert any(e["text"] == "so-called" for e in key["loaded_terms"])
    assert all(e.get("why") for e in key["loaded_terms"])

    # The draft is a valid key, but the meta is not filled in and the drafts are listed.
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "meta.yml: missing source, date, license" in out
    assert out.count("draft entry") == sum(len(v) for v in key.values() if v)

    # The instructor fills the meta and confirms the drafts.
    (folder / "meta.yml").write_text(yaml.safe_dump(META), encoding="utf-8")
    for section in key.values():
        for entry in section or []:
            entry.pop("draft", None)
    (folder / "key.yml").write_text(yaml.safe_dump(key, allow_unicode=True), encoding="utf-8")
    assert main(["check", str(folder)]) == 0
    assert "ok:" in capsys.readouterr().out

    article = ml.load_article("stadium-vote")
    loaded_key = ml.load_key(article)
    assert ml.score(ml.find_quotes(article), loaded_key, "quotes").f1 == 1.0
    page = build_report(article)
    assert "Council approves stadium despite protests" in page and "compared with the answer key" in page


def test_scaffold_refuses_bad_names_and_existing_folders(tmp_path, root):
    src = tmp_path / "a.txt"
    src.write_text("Some text here.", encoding="utf-8")
    with pytest.raises(ValueError, match="folder name"):
        new_article("../escape", src, root=root)
    new_article("one", src, root=root, with_key=False)
    assert not (root / "articles" / "one" / "key.yml").exists()
    with pytest.raises(FileExistsError, match="overwrite"):
        new_article("one", src, root=root)
    new_article("one", src, root=root, overwrite=True)


def test_scaffold_from_an_empty_file_says_so(tmp_path, root, capsys):
    src = tmp_path / "empty.txt"
    src.write_text("  \n", encoding="utf-8")
    assert main(["new-article", "x", "--from", str(src)]) == 1
    assert "empty" in capsys.readouterr().out
