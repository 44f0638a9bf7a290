"""Students' answers, saved so they survive a kernel restart or a lost Binder session.

Each exercise is one small JSON file, ``answers/<student>/<notebook>/<exercise>.json``.
Writing is atomic (temporary file, fsync, ``os.replace``): a crash mid-save
leaves the previous answer intact. A file that cannot be read is moved aside
as ``.bak`` with a warning, never silently replaced. When the folder cannot
be written (a read-only path on a shared server) the exercise keeps working
in memory and says so once.

No lost updates. Different exercises and notebooks never share a file. The
same exercise *can* be written by two kernels at once (a student duplicates
a notebook, or opens it in two tabs), so every save takes a lock on that one
file, checks whether somebody else wrote it since this store last read it,
and if so merges the two versions (three-way, against the version both
started from). When they cannot be merged, ours is saved and theirs is kept
beside it as ``<exercise>.conflict-<n>.json``, with a warning: nothing a
student typed is ever dropped.

Which student? ``student_for(notebook)`` is the name given in that
notebook's name box (``set_student``), remembered on disk so a re-run
notebook finds the same answers, else the login name (``default_student``).
"""

from __future__ import annotations

import contextlib
import csv
import getpass
import io
import json
import os
import re
import tempfile
import time
import warnings
import weakref
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:  # POSIX advisory locks; on Windows saves are still atomic, just not locked
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "AnswerStore",
    "AnswerWarning",
    "SaveResult",
    "Unmerged",
    "answers_dir",
    "atomic_write",
    "default_student",
    "export",
    "merge_states",
    "safe_name",
    "set_student",
    "store_for",
    "student_for",
]

FORMAT_VERSION = 1

#: How long a save waits for another kernel's save of the same file.
LOCK_TIMEOUT = 10.0

#: A merge function: (base, ours, theirs) -> merged. ``base`` is the version
#: both writers started from (None when unknown).
Merge = Callable[[Any, Any, Any], Any]


class AnswerWarning(UserWarning):
    """Something about saving answers needs the student's attention."""


@dataclass(frozen=True, slots=True)
class Unmerged:
    """Returned by a merge function that had to drop the other side's change.

    The store then keeps the other version as a conflict copy, as
    ``merge_states`` does when it cannot merge cleanly.
    """

    data: Any


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


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What a save did.

    ``data`` is what is now stored (it differs from what was passed in when
    another kernel's changes were merged in, and the exercise should show
    it); ``on_disk`` is False when the answer lives in memory only;
    ``merged`` says another writer's changes were folded in;
    ``conflict_copy`` is where their version was kept when it could not be.
    """

    data: Any
    on_disk: bool
    path: Path
    merged: bool = False
    conflict_copy: Path | None = None
    error: str = ""


_STORES: weakref.WeakSet[AnswerStore] = weakref.WeakSet()


@dataclass(eq=False)
class AnswerStore:
    """Load and save one student's answers for one notebook."""

    student: str
    notebook: str
    root: Path | None = None
    #: exercise -> (answers root, data): answers that could not be written
    _memory: dict[str, tuple[str, Any]] = field(default_factory=dict, repr=False)
    _warned: set[str] = field(default_factory=set, repr=False)
    #: exercise -> (revision, data) as last read or written by this store
    _seen: dict[str, tuple[int, Any]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        _STORES.add(self)

    @property
    def folder(self) -> Path:
        return (self.root or answers_dir()) / safe_name(self.student) / safe_name(self.notebook)

    def path(self, exercise: str) -> Path:
        return self.folder / f"{safe_name(exercise)}.json"

    def load(self, exercise: str, default: Any = None) -> Any:
        """The saved answer, or ``default``. A damaged file is kept aside as ``.bak``."""
        kept = self._in_memory(exercise)
        if kept is not None:
            return kept[0]
        path = self.path(exercise)
        try:
            raw = path.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            self._seen[exercise] = (0, default)
            return default
        except OSError as e:
            self._warn("read", f"could not read {path} ({e.strerror or e}); starting this exercise empty.")
            return default
        try:
            payload = _parse(raw)
        except ValueError:
            _set_aside(path)
            self._seen[exercise] = (0, default)
            return default
        self._seen[exercise] = (_revision(payload), payload["data"])
        return payload["data"]

    def save(self, exercise: str, data: Any, merge: Merge | None = None) -> bool:
        """Save atomically; returns False (after one warning) if the folder is not writable."""
        return self.update(exercise, data, merge).on_disk

    def update(self, exercise: str, data: Any, merge: Merge | None = None) -> SaveResult:
        """Save ``data``, merging in what another kernel wrote since this store last looked.

        ``merge(base, ours, theirs)`` combines the versions; without it,
        ``merge_states`` does a three-way merge of dicts and lists and keeps
        theirs as a conflict copy when the same field changed on both sides.
        An exercise this store never loaded is simply overwritten (a script
        that saves without loading means to replace the answer).
        """
        data = _roundtrip(data)
        path = self.path(exercise)
        merged = False
        conflict: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with _file_lock(path):
                disk = _read_payload(path)
                seen = self._seen.get(exercise)
                revision = _revision(disk) if disk else 0
                if disk is not None and seen is not None and revision != seen[0]:
                    base, theirs = seen[1], disk["data"]
                    if merge is not None:
                        try:
                            result = merge(base, data, theirs)
                        except Exception:  # their file is in a shape the merge does not know
                            result = Unmerged(data)
                        clean = not isinstance(result, Unmerged)
                        new = _roundtrip(result.data if isinstance(result, Unmerged) else result)
                    else:
                        new, clean = merge_states(base, data, theirs)
                    merged = new != data
                    if not clean:
                        conflict = _conflict_path(path)
                        atomic_write(conflict, json.dumps(disk, ensure_ascii=False, indent=1))
                    data = new
                revision = max(revision, seen[0] if seen else 0) + 1
                atomic_write(path, self._payload(exercise, data, revision))
                _clean_stale_temporaries(path)
        except OSError as e:
            self._memory[exercise] = (self._root_key(), data)
            self._warn(
                "write",
                f"answers cannot be saved in {path.parent} ({e.strerror or e}). The exercise still works, "
                "but your answers will be lost when the kernel restarts: set MEDIALIT_ANSWERS to a folder you can "
                "write, or run medialit.answers.export() to download them before you leave.",
            )
            return SaveResult(data, False, path, error=str(e.strerror or e))
        self._memory.pop(exercise, None)
        self._seen[exercise] = (revision, data)
        if conflict is not None:
            warnings.warn(
                f"This exercise ({exercise}) was also changed in another notebook or tab at the same time. "
                f"Your version is saved; the other one is kept as {conflict.name} so nothing is lost.",
                AnswerWarning,
                stacklevel=2,
            )
        return SaveResult(data, True, path, merged=merged, conflict_copy=conflict)

    def exercises(self) -> list[str]:
        """Names of the exercises with a saved answer."""
        found = set()
        if self.folder.is_dir():
            found = {p.stem for p in self.folder.glob("*.json") if ".conflict-" not in p.name}
        return sorted(found | set(self.memory()))

    def memory(self) -> dict[str, Any]:
        """Answers kept only in memory (the folder could not be written), for this answers folder."""
        root = self._root_key()
        return {ex: data for ex, (r, data) in self._memory.items() if r == root}

    def _in_memory(self, exercise: str) -> tuple[Any] | None:
        kept = self._memory.get(exercise)
        return (kept[1],) if kept is not None and kept[0] == self._root_key() else None

    def _root_key(self) -> str:
        return str(self.root or answers_dir())

    def _payload(self, exercise: str, data: Any, revision: int) -> str:
        payload = {
            "version": FORMAT_VERSION,
            "student": self.student,
            "notebook": self.notebook,
            "exercise": exercise,
            "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "revision": revision,
            "data": data,
        }
        return json.dumps(payload, ensure_ascii=False, indent=1)

    def _warn(self, kind: str, message: str) -> None:
        """Warn once per kind of problem ("read", "write"): a student needs to hear it, not fifty times."""
        if kind not in self._warned:
            warnings.warn(message, AnswerWarning, stacklevel=3)
            self._warned.add(kind)


# ------------------------------------------------------------ merging
def merge_states(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """Three-way merge of two JSON answers that both started from ``base``.

    Returns ``(merged, clean)``. A side that did not change gives way to the
    side that did; dicts merge field by field, lists of records (dicts) of
    the same length item by item, other lists as single values; when both changed the same field differently, ours wins and
    ``clean`` is False (the caller keeps theirs as a conflict copy).
    """
    if ours == theirs or theirs == base:
        return ours, True
    if ours == base:
        return theirs, True
    if isinstance(ours, dict) and isinstance(theirs, dict):
        b = base if isinstance(base, dict) else {}
        out, clean = {}, True
        for k in list(ours) + [k for k in theirs if k not in ours]:
            if k not in theirs:
                # they deleted it (if it was there before) or we added it
                if k in b and ours[k] == b[k]:
                    continue
                out[k] = ours[k]
                clean &= k not in b
            elif k not in ours:
                if k in b and theirs[k] == b[k]:
                    continue
                out[k] = theirs[k]
                clean &= k not in b
            else:
                out[k], ok = merge_states(b.get(k), ours[k], theirs[k])
                clean &= ok
        return out, clean
    if isinstance(ours, list) and isinstance(theirs, list) and isinstance(base, list):
        # Lists of records (one dict per item, by position) merge item by item;
        # other lists (a choice, an order) are one value each.
        records = all(isinstance(x, dict) for x in (*base, *ours, *theirs))
        if records and len(ours) == len(theirs) == len(base):
            items = [merge_states(x, y, z) for x, y, z in zip(base, ours, theirs, strict=True)]
            return [m for m, _ in items], all(ok for _, ok in items)
    return ours, False


# ------------------------------------------------------------ writing
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


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (via a hidden ``.lock`` file) across kernels.

    A writer that dies releases its lock with it, so a crashed kernel never
    blocks the others. After ``LOCK_TIMEOUT`` seconds the save goes ahead
    anyway: a late but atomic save is better than a lost one.
    """
    lock = path.with_name(f".{path.name}.lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.01)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _clean_stale_temporaries(path: Path, older_than: float = 60.0) -> None:
    """Remove temporary files left by writers that died mid-save (they hold no answer)."""
    now = time.time()
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if now - tmp.stat().st_mtime > older_than:
                tmp.unlink()
        except OSError:
            pass


# ------------------------------------------------------------ reading
def _parse(raw: str) -> dict[str, Any]:
    payload = json.loads(raw)
    if not isinstance(payload, dict) or "data" not in payload:
        raise ValueError("not an answer file")
    return payload


def _read_payload(path: Path) -> dict[str, Any] | None:
    """The answer file's payload; None if missing. A damaged file is set aside first."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return None
    try:
        return _parse(raw)
    except ValueError:
        _set_aside(path)
        return None


def _revision(payload: dict[str, Any]) -> int:
    rev = payload.get("revision", 0)
    return rev if isinstance(rev, int) and not isinstance(rev, bool) else 0


def _set_aside(path: Path) -> None:
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
        stacklevel=3,
    )


def _backup_path(path: Path) -> Path:
    backup = path.with_suffix(path.suffix + ".bak")
    n = 1
    while backup.exists():
        backup = path.with_suffix(f"{path.suffix}.{n}.bak")
        n += 1
    return backup


def _conflict_path(path: Path) -> Path:
    n = 1
    while (candidate := path.with_name(f"{path.stem}.conflict-{n}.json")).exists():
        n += 1
    return candidate


def _roundtrip(data: Any) -> Any:
    """The data as it will read back from JSON (tuples become lists), so comparisons are fair."""
    return json.loads(json.dumps(data, ensure_ascii=False, default=_jsonable))


def _jsonable(obj: Any) -> Any:
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"cannot save {type(obj).__name__} in an answer file")


# ------------------------------------------------------------ students
_STUDENTS: dict[str, str] = {}
_STORE_CACHE: dict[tuple[str, str, str], AnswerStore] = {}


def _names_file(notebook: str) -> Path:
    """Where the name given in one notebook is remembered (one small file per notebook: no sharing)."""
    return answers_dir() / ".students" / safe_name(default_student()) / f"{safe_name(notebook)}.json"


def remembered_student(notebook: str) -> str | None:
    """The name last given in this notebook's name box, if it was saved."""
    try:
        payload = json.loads(_names_file(notebook).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    name = payload.get("student") if isinstance(payload, dict) else None
    return name if isinstance(name, str) and name.strip() else None


def student_for(notebook: str) -> str:
    """The student whose answers this notebook saves: the name box's name, else the login name."""
    if notebook in _STUDENTS:
        return _STUDENTS[notebook]
    return remembered_student(notebook) or default_student()


def set_student(notebook: str, name: str, *, remember: bool = True) -> str:
    """Use ``name`` for this notebook's answers from now on; returns the name used.

    With ``remember``, the name is written to ``answers/.students/`` so the
    notebook finds the same answers after a kernel restart. A folder that
    cannot be written only means the name is not remembered.
    """
    name = " ".join(str(name).split())
    if not name:
        raise ValueError("type a name first")
    _STUDENTS[notebook] = name
    if remember:
        try:
            atomic_write(_names_file(notebook), json.dumps({"student": name, "notebook": notebook}))
        except OSError:
            pass
    return name


def store_for(notebook: str, student: str | None = None) -> AnswerStore:
    """The one shared ``AnswerStore`` for a student and notebook in this kernel.

    Exercises of one notebook share it, so answers kept in memory (when the
    folder is read-only) are all in one place for ``export``.
    """
    student = student or student_for(notebook)
    key = (student, notebook, str(answers_dir()))
    store = _STORE_CACHE.get(key)
    if store is None:
        store = _STORE_CACHE[key] = AnswerStore(student, notebook)
    return store


def _names_of_this_login() -> list[str]:
    names = {default_student(), *_STUDENTS.values()}
    folder = answers_dir() / ".students" / safe_name(default_student())
    if folder.is_dir():
        for f in folder.glob("*.json"):
            try:
                name = json.loads(f.read_text(encoding="utf-8")).get("student")
            except (OSError, ValueError, AttributeError):
                continue
            if isinstance(name, str) and name.strip():
                names.add(name)
    return sorted(names)


# ------------------------------------------------------------ export
def export(path: str | Path | None = None, student: str | None = None, fmt: str = "zip") -> Path:
    """Bundle a student's answers into one file to download before a Binder session ends.

    ``fmt="zip"`` keeps every file (answers, damaged ``.bak`` files and
    conflict copies); ``fmt="csv"`` writes one row per exercise (student,
    notebook, exercise, saved_at, answer as JSON) for a spreadsheet.
    Without ``student``, every name used from this login is included.
    Answers that could only be kept in memory (read-only folder) are
    included too. When the working folder is read-only the file goes to the
    temporary folder instead; the returned path says where.
    """
    if fmt not in {"zip", "csv"}:
        raise ValueError("fmt should be 'zip' or 'csv'")
    names = [student] if student else _names_of_this_login()
    root = answers_dir()
    rows: list[tuple[str, str, str, str, Any]] = []  # student, notebook, exercise, saved_at, data
    files: list[tuple[Path, str]] = []  # file, name in the zip
    for name in names:
        folder = root / safe_name(name)
        if not folder.is_dir():
            continue
        for f in sorted(folder.rglob("*")):
            if not f.is_file() or f.name.startswith(".") or f.suffix in {".tmp", ".lock"}:
                continue
            files.append((f, str(f.relative_to(root))))
            if f.suffix == ".json" and ".conflict-" not in f.name:
                try:
                    payload = _parse(f.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
                rows.append((name, f.parent.name, f.stem, payload.get("saved_at", ""), payload.get("data")))
    memory: list[tuple[AnswerStore, str, Any]] = [
        (s, ex, data) for s in list(_STORES) if s.student in names for ex, data in s.memory().items()
    ]
    for s, ex, data in memory:
        rows = [r for r in rows if (r[0], r[1], r[2]) != (s.student, safe_name(s.notebook), safe_name(ex))]
        rows.append((s.student, safe_name(s.notebook), safe_name(ex), "(not saved to disk)", data))

    label = safe_name(student) if student else safe_name(names[0] if len(names) == 1 else "all")
    # Default: beside the answers themselves (answers/ at the top of the kit), which is
    # visible in JupyterLab's file browser and never inside the notebooks/ folder.
    out = Path(path) if path else root / f"medialit-answers-{label}.{fmt}"
    if fmt == "zip":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for f, arcname in files:
                zf.write(f, arcname)
            for s, ex, data in memory:
                arc = f"{safe_name(s.student)}/{safe_name(s.notebook)}/{safe_name(ex)}.json"
                zf.writestr(arc, s._payload(ex, data, s._seen.get(ex, (0, None))[0]))
        content: bytes = buf.getvalue()
    else:
        sio = io.StringIO()
        w = csv.writer(sio)
        w.writerow(["student", "notebook", "exercise", "saved_at", "answer"])
        for name, nb, ex, saved_at, data in sorted(rows, key=lambda r: r[:3]):
            w.writerow([name, nb, ex, saved_at, json.dumps(data, ensure_ascii=False)])
        content = sio.getvalue().encode("utf-8")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    except OSError:
        if path:
            raise
        out = Path(tempfile.gettempdir()) / out.name
        out.write_bytes(content)
        warnings.warn(
            f"This folder cannot be written, so your answers were exported to {out} instead.",
            AnswerWarning,
            stacklevel=2,
        )
    return out
