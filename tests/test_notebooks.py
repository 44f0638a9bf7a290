"""Notebook hygiene. (pytest runs every notebook top to bottom through nbval: see testpaths.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").rglob("*.ipynb"))
NOTEBOOKS = [p for p in NOTEBOOKS if ".ipynb_checkpoints" not in p.parts]


def test_there_are_notebooks():
    assert (REPO / "notebooks" / "00_start_here.ipynb") in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{path.name}: clear the outputs before committing"
            assert not cell.get("execution_count")


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.parent.name == "notebooks"], ids=lambda p: p.name)
def test_lessons_start_with_a_parameters_cell(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = nb["cells"][0]
    assert first["cell_type"] == "code" and "parameters" in first["metadata"].get("tags", [])
    assert "".join(first["source"]).startswith("ARTICLE = ")
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "For instructors" in text, "every lesson ends with clearly marked instructor notes"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_instructor_notes_are_tagged_for_the_student_edition(path):
    """`medialit.editions.student_edition` drops cells tagged instructor/solution; untagged notes would leak."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    notes = [c for c in nb["cells"] if c["cell_type"] == "markdown" and "For instructors" in "".join(c["source"])]
    for cell in notes:
        tags = cell["metadata"].get("tags", [])
        assert "instructor" in tags, f"{path.name}: tag this cell 'instructor': {''.join(cell['source'])[:80]!r}"
    if path.parent.name == "notebooks":
        assert notes, f"{path.name}: a lesson needs a '🧑‍🏫 For instructors' cell"


def test_student_edition_has_no_instructor_notes(tmp_path):
    from medialit.editions import student_edition

    report = student_edition(tmp_path / "student", REPO / "notebooks")
    lessons = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
    assert sorted(p.name for p in report.written) == lessons
    for path in report.written:
        text = path.read_text(encoding="utf-8")
        assert "For instructors" not in text, f"{path.name} still has instructor notes"
        assert report.removed_cells[path.name] >= 1
