"""Key files: exact-text entries resolved to spans; every mistake named with file, line and fix."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

import medialit as ml
from medialit.keys import KeyFileError, check_key
from medialit.yamlio import YamlFileError

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO / "data" / "articles" / "rt-nato-russia-2022-01-12"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    dest = tmp_path / "case"
    dest.mkdir()
    shutil.copy(SEED_DIR / "article.txt", dest / "article.txt")
    return dest


def write_key(folder: Path, body: str) -> Path:
    path = folder / "key.yml"
    path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return path


def test_seed_key_loads_and_spans_are_exact(seed, seed_key):
    assert seed_key.provenance, "the case study's key lists provenance clues"
    for clue in seed_key.provenance:
        assert seed.text[clue.start : clue.end] == clue.text
    for findings in seed_key.findings.values():
        ml.findings.check_spans(seed.text, findings)
        assert all(f.source == "key" and f.note for f in findings)


def test_a_good_key_resolves_occurrences(folder):
    write_key(
        folder,
        """
        loaded_terms:
          - text: US-led military bloc
            category: naming
            why: Names NATO as an instrument of the US.
            alternatives: [NATO, the alliance]
          - text: US-led bloc
            occurrence: 2
            category: naming
            why: Same label, again.
        quotes:
          - text: Frank, direct, deep and intense
            speaker: Alexander Grushko
            kind: partial
        frames:
          generic: [conflict, responsibility]
          issue: [security_defence, political]
        """,
    )
    key = ml.load_key(folder)
    loaded = key.layer("loaded_terms")
    assert [f.text for f in loaded] == ["US-led military bloc", "US-led bloc"]
    assert loaded[1].start == key.article.find_all("US-led bloc")[1].start
    assert loaded[0].alternatives == ("NATO", "the alliance")
    (quote,) = key.quotes()
    assert quote.speaker == "Alexander Grushko" and quote.kind == "partial"
    assert "Alexander Grushko" in quote.note
    assert key.frames == {"generic": ["conflict", "responsibility"], "issue": ["security_defence", "political"]}


@pytest.mark.parametrize(
    ("body", "line", "message", "fix"),
    [
        (
            "loaded_terms:\n  - text: US-led bloc\n    category: naming\n",
            2,
            "has no why",
            "add a 'why:' line",
        ),
        (
            "loaded_terms:\n  - text: US-led bloc\n    category: nasty\n    why: x\n",
            2,
            "unknown category 'nasty'",
            "naming",
        ),
        (
            "translation_artifacts:\n  - text: Luck for piece\n    category: false_friend\n    why: x\n",
            2,
            "'Luck for piece' is not in the article",
            "'Luck for peace'",
        ),
        (
            "quotes:\n  - text: NATO will ignore the interests of others.\n    speaker: Grushko\n    kind: shouted\n",
            2,
            "unknown quote kind 'shouted'",
            "direct, partial, scare, unmarked",
        ),
        (
            "loaded_terms:\n  - text: US-led bloc\n    occurrence: two\n    category: naming\n    why: x\n",
            2,
            "whole number",
            "occurrence: 2",
        ),
        (
            "loaded_terms:\n  - text: US-led bloc\n    occurrence: 9\n    category: naming\n    why: x\n",
            2,
            "occurs 3 time(s)",
            "copy the exact words",
        ),
        (
            "loaded_terms:\n  - text: crucial\n    category: evaluative\n    why: a\n"
            "  - text: crucial\n    category: evaluative\n    why: b\n",
            5,
            "duplicate entry",
            "delete one",
        ),
        ("loaded:\n  - text: crucial\n", 1, "unknown section 'loaded'", "loaded_terms"),
        (
            "loaded_terms:\n  - text: crucial\n    colour: red\n    category: evaluative\n    why: x\n",
            2,
            "unknown field",
            "use only",
        ),
        ("frames:\n  generic: [conflict, drama]\n", 2, "unknown generic frame 'drama'", "human_interest"),
    ],
)
def test_key_mistakes_name_file_line_and_fix(folder, body, line, message, fix):
    path = write_key(folder, body)
    with pytest.raises(KeyFileError) as info:
        ml.load_key(folder)
    problem = info.value.problems[0]
    assert problem.path == str(path)
    assert problem.line == line
    assert message in problem.message
    assert fix in problem.fix


def test_all_problems_are_reported_at_once(folder):
    write_key(
        folder,
        """
        loaded_terms:
          - text: nowhere to be found
            category: naming
            why: x
          - text: crucial
            category: nope
            why: x
        """,
    )
    article = ml.Article.from_file(folder / "article.txt")
    key, problems = check_key(article, folder / "key.yml")
    assert [p.line for p in problems] == [2, 5]
    assert key is not None


def test_yaml_tags_are_refused(folder):
    write_key(folder, "loaded_terms: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(YamlFileError, match="could run code") as info:
        ml.load_key(folder)
    assert info.value.line == 1


def test_syntax_errors_and_tabs_have_lines(folder):
    write_key(folder, "loaded_terms:\n  - text: a\n   category: b\n")
    with pytest.raises(YamlFileError) as info:
        ml.load_key(folder)
    assert info.value.line in (2, 3)
    (folder / "key.yml").write_text("loaded_terms:\n\t- text: a\n", encoding="utf-8")
    with pytest.raises(YamlFileError, match="tab") as info:
        ml.load_key(folder)
    assert info.value.line == 2


def test_missing_key_is_file_not_found(tmp_path):
    art = ml.Article.from_text("Text without a folder.")
    with pytest.raises(FileNotFoundError):
        ml.load_key(art)
