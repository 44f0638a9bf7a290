"""Student editions: the lesson notebooks without the instructor's cells.

Instructors keep one set of notebooks. Cells tagged ``instructor`` (teaching
notes, timings) or ``solution`` (worked answers) are theirs; a student
edition is a copy of every lesson with those cells removed and all outputs
cleared, ready to publish (a separate branch or repository that Binder
points at). Nothing is edited by hand, so the two never drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import nbformat

__all__ = ["EditionReport", "INSTRUCTOR_TAGS", "strip_notebook", "student_edition"]

INSTRUCTOR_TAGS = frozenset({"instructor", "solution"})


@dataclass
class EditionReport:
    """What ``student_edition`` wrote and removed."""

    written: list[Path] = field(default_factory=list)
    removed_cells: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        lines = [f"wrote {len(self.written)} notebook(s)"]
        lines += [f"  {name}: removed {n} instructor/solution cell(s)" for name, n in self.removed_cells.items()]
        return "\n".join(lines)


def strip_notebook(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, int]:
    """A copy of ``nb`` without instructor/solution cells and without outputs; and how many cells went."""
    out = nbformat.from_dict(nb)
    kept, removed = [], 0
    for cell in out.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & INSTRUCTOR_TAGS:
            removed += 1
            continue
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        kept.append(cell)
    out.cells = kept
    return out, removed


def student_edition(out_dir: str | Path, source: str | Path | None = None) -> EditionReport:
    """Write student copies of the lesson notebooks in ``source`` (default: the repo's notebooks/) to ``out_dir``.

    The ``instructors/`` folder is left out entirely. ``out_dir`` must not be the source folder.
    """
    src = Path(source) if source else _default_source()
    out = Path(out_dir)
    if out.resolve() == src.resolve():
        raise ValueError("write the student edition to a new folder, not over the instructor's notebooks")
    report = EditionReport()
    for path in sorted(src.rglob("*.ipynb")):
        rel = path.relative_to(src)
        if rel.parts[0] == "instructors" or ".ipynb_checkpoints" in rel.parts:
            continue
        nb = nbformat.read(path, as_version=4)
        stripped, removed = strip_notebook(nb)
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(stripped, dest)
        report.written.append(dest)
        report.removed_cells[str(rel)] = removed
    return report


def _default_source() -> Path:
    from .article import data_dir

    return data_dir().resolve().parent / "notebooks"
