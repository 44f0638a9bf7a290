"""Students' answers, saved so they survive a kernel restart or a lost Binder session.

Each exercise is one small JSON file, ``answers/<student>/<notebook>/<exercise>.json``.
Writing is atomic (temporary file, fsync, ``os.replace``): a crash mid-save
leaves the previous answer intact, and two notebooks never overwrite each
other's exercises. A file that cannot be read is moved aside as ``.bak`` with
a warning, never silently replaced. When the folder cannot be written (a
read-only path on a shared server) the exercise keeps working in memory and
says so once.
"""

from __future__ import annotations

import csv
import getpass
import io
import json
import os
import re
import tempfile
import time
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["AnswerStore", "AnswerWarning", "answers_dir", "default_student", "export", "safe_name"]

FORMAT_VERSION = 1


class AnswerWarning(UserWarning):
    """Something about saving answers needs the student's attention."""


def answers_dir() -> Path:
    """Where answers are kept: ``$MEDIALIT_ANSWERS``, else ``answers/`` beside ``data/``."""
    env = os.environ.get("MEDIALIT_ANSWERS")
    if env:
        return Path(env).expanduser()
    from .article import data_dir

    return data_dir().resolve().parent / "answers"


def default_student() -> str:
    """The login name (``jovyan`` on Binder), or ``$MEDIALIT_STUDENT`` when set."""
    name = os.environ.get("MEDIALIT_STUDENT")
    if name:
        return name
    try:
        return getpass.getuser() or "student"
    except Exception:  # no login name in some containers
        return "student"


def safe_name(name: str) -> str:
    """A file-system-safe version of a student, notebook or exercise name."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", str(name).strip()).strip("._")
    return cleaned[:80] or "anonymous"


@dataclass
class AnswerStore:
    """Load and save one student's answers for one notebook."""

    student: str
    notebook: str
    root: Path | None = None
    _memory: dict[str, Any] = field(default_factory=dict, repr=False)
    _warned: bool = field(default=False, repr=False)

    @property
    def folder(self) -> Path:
        return (self.root or answers_dir()) / safe_name(self.student) / safe_name(self.notebook)

    def path(self, exercise: str) -> Path:
        return self.folder / f"{safe_name(exercise)}.json"

    def load(self, exercise: str, default: Any = None) -> Any:
        """The saved answer, or ``default``. A damaged file is kept aside as ``.bak``."""
        if exercise in self._memory:
            return self._memory[exercise]
        path = self.path(exercise)
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return default
        except OSError as e:
            self._warn(f"could not read {path} ({e.strerror or e}); starting this exercise empty.")
            return default
        try:
            payload = json.loads(raw)
            if not isinstance(payload, dict) or "data" not in payload:
                raise ValueError("not an answer file")
            return payload["data"]
        except ValueError:
            backup = _backup_path(path)
            try:
                os.replace(path, backup)
                where = f"It was kept as {backup.name}"
            except OSError:
                where = "It could not be moved aside, so it was left as it is"
            warnings.warn(
                f"Your saved answer in {path} could not be read (the file is damaged). {where}; "
                "this exercise starts empty. Ask your instructor if you need the old answer back.",
                AnswerWarning,
                stacklevel=2,
            )
            return default

    def save(self, exercise: str, data: Any) -> bool:
        """Save atomically; returns False (after one warning) if the folder is not writable."""
        payload = {
            "version": FORMAT_VERSION,
            "student": self.student,
            "notebook": self.notebook,
            "exercise": exercise,
            "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "data": data,
        }
        text = json.dumps(payload, ensure_ascii=False, indent=1, default=_jsonable)
        path = self.path(exercise)
        try:
            atomic_write(path, text)
        except OSError as e:
            self._memory[exercise] = json.loads(text)["data"]
            self._warn(
                f"answers cannot be saved in {path.parent} ({e.strerror or e}). The exercise still works, "
                "but your answers will be lost when the kernel restarts: set MEDIALIT_ANSWERS to a folder you can "
                "write, or copy your answers out before you leave."
            )
            return False
        self._memory.pop(exercise, None)
        return True

    def exercises(self) -> list[str]:
        """Names of the exercises with a saved answer."""
        found = {p.stem for p in self.folder.glob("*.json")} if self.folder.is_dir() else set()
        return sorted(found | set(self._memory))

    def _warn(self, message: str) -> None:
        if not self._warned:
            warnings.warn(message, AnswerWarning, stacklevel=3)
            self._warned = True


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` so that ``path`` holds either the old or the new content, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def export(path: str | Path | None = None, student: str | None = None, fmt: str = "zip") -> Path:
    """Bundle a student's answers into one file to download before a Binder session ends.

    ``fmt="zip"`` keeps every JSON file; ``fmt="csv"`` writes one row per
    exercise (notebook, exercise, saved_at, answer as JSON) for a spreadsheet.
    """
    student = student or default_student()
    folder = answers_dir() / safe_name(student)
    files = sorted(folder.rglob("*.json")) if folder.is_dir() else []
    if fmt not in {"zip", "csv"}:
        raise ValueError("fmt should be 'zip' or 'csv'")
    out = Path(path) if path else Path.cwd() / f"medialit-answers-{safe_name(student)}.{fmt}"
    if fmt == "zip":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in files:
                zf.write(f, f.relative_to(folder.parent))
        out.write_bytes(buf.getvalue())
    else:
        sio = io.StringIO()
        w = csv.writer(sio)
        w.writerow(["student", "notebook", "exercise", "saved_at", "answer"])
        for f in files:
            try:
                payload = json.loads(f.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            w.writerow(
                [
                    student,
                    f.parent.name,
                    f.stem,
                    payload.get("saved_at", ""),
                    json.dumps(payload.get("data"), ensure_ascii=False),
                ]
            )
        out.write_text(sio.getvalue(), encoding="utf-8")
    return out


def _backup_path(path: Path) -> Path:
    backup = path.with_suffix(path.suffix + ".bak")
    n = 1
    while backup.exists():
        backup = path.with_suffix(f"{path.suffix}.{n}.bak")
        n += 1
    return backup


def _jsonable(obj: Any) -> Any:
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"cannot save {type(obj).__name__} in an answer file")
