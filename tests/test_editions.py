"""Student editions drop instructor and solution cells and every output."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from medialit.cli import main
from medialit.editions import student_edition

REPO = Path(__file__).resolve().parents[1]


def make_nb(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    student = nbformat.v4.new_code_cell("print('hi')", outputs=[nbformat.v4.new_output("stream", text="hi\n")])
    student.execution_count = 3
    teacher = nbformat.v4.new_markdown_cell("### For instructors\nTiming: 20 minutes.")
    teacher.metadata["tags"] = ["instructor"]
    answer = nbformat.v4.new_code_cell("answer = 42")
    answer.metadata["tags"] = ["solution", "other"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Lesson"), student, teacher, answer]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def test_instructor_and_solution_cells_are_removed(tmp_path, capsys):
    src = tmp_path / "notebooks"
    make_nb(src / "01_lesson.ipynb")
    make_nb(src / "instructors" / "guide.ipynb")
    out = tmp_path / "student"
    assert main(["student-edition", str(out), "--source", str(src)]) == 0
    assert "removed 2" in capsys.readouterr().out
    nb = nbformat.read(out / "01_lesson.ipynb", as_version=4)
    assert [c.cell_type for c in nb.cells] == ["markdown", "code"]
    assert nb.cells[1].outputs == [] and nb.cells[1].execution_count is None
    assert not (out / "instructors").exists(), "the instructors' folder stays with the instructors"
    original = nbformat.read(src / "01_lesson.ipynb", as_version=4)
    assert len(original.cells) == 4, "the source notebooks are not touched"


def test_refuses_to_overwrite_the_source(tmp_path):
    src = tmp_path / "notebooks"
    make_nb(src / "a.ipynb")
    with pytest.raises(ValueError, match="new folder"):
        student_edition(src, src)


def test_the_kits_own_notebooks_lose_their_instructor_notes(tmp_path):
    report = student_edition(tmp_path / "out", REPO / "notebooks")
    assert report.written
    for path in report.written:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            assert not ({"instructor", "solution"} & set(cell.metadata.get("tags", [])))
