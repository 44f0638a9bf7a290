"""Answers survive: atomic saves, damaged files kept aside, read-only folders, concurrent writers, export."""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from medialit import answers
from medialit.answers import AnswerStore, AnswerWarning, Unmerged, export, merge_states


@pytest.fixture(autouse=True)
def isolated(answers_sandbox, tmp_path, monkeypatch):
    """Every test gets its own answers folder, login name and name registry."""
    monkeypatch.chdir(tmp_path)
    return answers_sandbox


def _payload(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# ------------------------------------------------------------ basics
def test_save_and_load_round_trip(isolated):
    store = AnswerStore("Ana B.", "03_loaded_terms")
    assert store.load("ex1", {"marks": []}) == {"marks": []}
    assert store.save("ex1", {"marks": [{"start": 1, "end": 4, "text": "abc"}], "note": "é ✓"})
    path = isolated / "Ana_B" / "03_loaded_terms" / "ex1.json"
    assert path.is_file()
    payload = _payload(path)
    assert payload["student"] == "Ana B." and payload["exercise"] == "ex1" and payload["revision"] == 1
    fresh = AnswerStore("Ana B.", "03_loaded_terms")
    assert fresh.load("ex1")["note"] == "é ✓"
    assert fresh.exercises() == ["ex1"]


def test_names_are_made_safe_for_the_file_system():
    assert answers.safe_name("../../etc/passwd") == "etc_passwd"
    assert answers.safe_name("  ") == "anonymous"
    assert answers.safe_name("Zoë O'Neil") == "Zo_O_Neil"


# ------------------------------------------------------------ a writer dies mid-save
@pytest.mark.parametrize("victim", ["fsync", "replace"])
def test_a_failed_write_leaves_the_previous_answer_intact(isolated, monkeypatch, victim):
    store = AnswerStore("ana", "nb")
    store.save("ex", {"v": 1})
    path = store.path("ex")

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m, pytest.warns(AnswerWarning, match="cannot be saved"):
        m.setattr(os, victim, boom)
        assert store.save("ex", {"v": 2}) is False
    assert _payload(path)["data"] == {"v": 1}
    assert not list(path.parent.glob("*.tmp")), "the temporary file is cleaned up"
    # the newer answer is not lost either: it stays in memory for this kernel
    assert store.load("ex") == {"v": 2}


def test_a_process_killed_mid_save_leaves_the_previous_answer_intact(isolated):
    """A real crash: the child process is SIGKILLed after writing the temporary file, before the rename."""
    AnswerStore("ana", "nb").save("ex", {"v": "old"})
    code = textwrap.dedent(
        """
        import os, signal
        from medialit.answers import AnswerStore
        real_replace = os.replace
        def die(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGKILL)
        os.replace = die
        store = AnswerStore("ana", "nb")
        store.load("ex")
        store.save("ex", {"v": "new" * 10000})
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], env=os.environ.copy(), capture_output=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    store = AnswerStore("ana", "nb")
    assert store.load("ex") == {"v": "old"}
    leftovers = list(store.folder.glob(".ex.json.*.tmp"))
    assert leftovers, "the killed writer left its temporary file behind"
    assert store.exercises() == ["ex"]
    # the next save works and later cleans stale temporaries
    for tmp in leftovers:
        os.utime(tmp, (0, 0))
    assert store.save("ex", {"v": "newer"})
    assert not list(store.folder.glob(".ex.json.*.tmp"))
    assert AnswerStore("ana", "nb").load("ex") == {"v": "newer"}


# ------------------------------------------------------------ damaged files
def test_a_damaged_file_is_kept_aside_with_a_warning(isolated):
    store = AnswerStore("ana", "nb")
    store.save("ex", {"v": 1})
    path = store.path("ex")
    path.write_text('{"data": {"v": 1', encoding="utf-8")  # cut off
    with pytest.warns(AnswerWarning, match=r"damaged.*ex\.json\.bak"):
        assert AnswerStore("ana", "nb").load("ex", "empty") == "empty"
    backup = path.with_suffix(".json.bak")
    assert backup.read_text(encoding="utf-8") == '{"data": {"v": 1'
    assert not path.exists()
    # a second damaged file does not overwrite the first backup
    path.write_text("not json", encoding="utf-8")
    with pytest.warns(AnswerWarning):
        AnswerStore("ana", "nb").load("ex")
    assert backup.exists() and path.with_suffix(".json.1.bak").exists()


def test_a_file_without_an_answer_is_treated_as_damaged(isolated):
    store = AnswerStore("ana", "nb")
    store.folder.mkdir(parents=True)
    store.path("ex").write_text("[1, 2, 3]", encoding="utf-8")
    with pytest.warns(AnswerWarning):
        assert store.load("ex") is None


# ------------------------------------------------------------ read-only folders
def test_read_only_folder_warns_once_and_keeps_answers_in_memory(isolated, monkeypatch):
    def denied(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(answers.tempfile, "mkstemp", denied)
    store = AnswerStore("ana", "nb")
    with pytest.warns(AnswerWarning, match="cannot be saved.*Permission denied.*MEDIALIT_ANSWERS"):
        result = store.update("ex", {"v": 1})
    assert result.on_disk is False and result.error == "Permission denied"
    assert store.load("ex") == {"v": 1}
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a second failure does not warn again
        assert store.save("ex", {"v": 2}) is False
    assert store.load("ex") == {"v": 2}
    assert store.exercises() == ["ex"]


def test_answers_folder_that_is_a_file_works_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_ANSWERS", str(blocker / "answers"))
    store = AnswerStore("ana", "nb")
    with pytest.warns(AnswerWarning, match="cannot be saved"):
        assert store.save("ex", {"v": 1}) is False
    assert store.load("ex") == {"v": 1}


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_really_read_only_folder(tmp_path, monkeypatch):
    root = tmp_path / "ro"
    (root / "ana" / "nb").mkdir(parents=True)
    for p in (root / "ana" / "nb", root / "ana", root):
        p.chmod(0o555)
    try:
        probe = root / "ana" / "nb" / "probe"
        try:
            probe.write_text("x")
            probe.unlink()
            pytest.skip("running as a user who can write read-only folders (root)")
        except PermissionError:
            pass
        monkeypatch.setenv("MEDIALIT_ANSWERS", str(root))
        store = AnswerStore("ana", "nb")
        with pytest.warns(AnswerWarning, match="cannot be saved"):
            assert store.save("ex", {"v": 1}) is False
        assert store.load("ex") == {"v": 1}
    finally:
        for p in (root, root / "ana", root / "ana" / "nb"):
            p.chmod(0o755)


def test_export_includes_answers_kept_in_memory(isolated, monkeypatch):
    AnswerStore("tester", "nb").save("on_disk", {"v": "disk"})
    store = AnswerStore("tester", "nb")
    with monkeypatch.context() as m, pytest.warns(AnswerWarning):
        m.setattr(answers.tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(PermissionError(13, "no")))
        store.save("in_memory", {"v": "memory"})
    out = export(fmt="csv")
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert {r["exercise"]: json.loads(r["answer"]) for r in rows} == {
        "on_disk": {"v": "disk"},
        "in_memory": {"v": "memory"},
    }
    with zipfile.ZipFile(export(fmt="zip")) as zf:
        assert sorted(zf.namelist()) == ["tester/nb/in_memory.json", "tester/nb/on_disk.json"]


# ------------------------------------------------------------ concurrent writers: no lost update
def test_two_notebooks_for_one_student_never_overwrite_each_other(isolated):
    a, b = AnswerStore("ana", "01_framing"), AnswerStore("ana", "02_quotes")
    for i in range(5):
        assert a.save(f"ex{i}", {"nb": 1, "i": i})
        assert b.save(f"ex{i}", {"nb": 2, "i": i})
    assert [AnswerStore("ana", "01_framing").load(f"ex{i}") for i in range(5)] == [{"nb": 1, "i": i} for i in range(5)]
    assert [AnswerStore("ana", "02_quotes").load(f"ex{i}") for i in range(5)] == [{"nb": 2, "i": i} for i in range(5)]


def test_two_kernels_on_the_same_exercise_merge_instead_of_losing_an_update(isolated):
    """A student duplicates a notebook: both copies save the same exercise."""
    k1, k2 = AnswerStore("ana", "nb"), AnswerStore("ana", "nb")
    start = {"word": "", "choice": None}
    assert k1.load("ex", start) == start and k2.load("ex", start) == start
    k1.save("ex", {"word": "bloc", "choice": None})
    result = k2.update("ex", {"word": "", "choice": 2})  # k2 never saw k1's change
    assert result.merged and result.conflict_copy is None
    assert AnswerStore("ana", "nb").load("ex") == {"word": "bloc", "choice": 2}
    # k1 goes on from what it knows; k2's change survives again
    k1.save("ex", {"word": "block", "choice": None})
    assert AnswerStore("ana", "nb").load("ex") == {"word": "block", "choice": 2}


def test_a_real_conflict_keeps_the_other_version_as_a_copy(isolated):
    k1, k2 = AnswerStore("ana", "nb"), AnswerStore("ana", "nb")
    k1.load("ex")
    k2.load("ex")
    k1.save("ex", {"text": "first tab"})
    with pytest.warns(AnswerWarning, match="another notebook or tab"):
        result = k2.update("ex", {"text": "second tab"})
    assert result.conflict_copy is not None
    assert _payload(result.conflict_copy)["data"] == {"text": "first tab"}
    assert AnswerStore("ana", "nb").load("ex") == {"text": "second tab"}
    assert AnswerStore("ana", "nb").exercises() == ["ex"], "conflict copies are not exercises"


def test_a_custom_merge_and_unmerged_results(isolated):
    def union(base, ours, theirs):
        return {"marks": sorted(set(ours["marks"]) | (set(theirs["marks"]) - set(base["marks"])))}

    k1, k2 = AnswerStore("ana", "nb"), AnswerStore("ana", "nb")
    k1.load("ex", {"marks": []})
    k2.load("ex", {"marks": []})
    k1.save("ex", {"marks": ["a"]}, merge=union)
    assert k2.update("ex", {"marks": ["b"]}, merge=union).data == {"marks": ["a", "b"]}
    with pytest.warns(AnswerWarning, match="kept as"):
        k1.save("ex", {"marks": ["a", "c"]}, merge=lambda b, o, t: Unmerged(o))
    copies = list(k1.folder.glob("ex.conflict-*.json"))
    assert len(copies) == 1 and _payload(copies[0])["data"] == {"marks": ["a", "b"]}


def test_a_merge_that_fails_keeps_both_versions(isolated):
    k1, k2 = AnswerStore("ana", "nb"), AnswerStore("ana", "nb")
    k1.load("ex")
    k2.load("ex")
    k1.save("ex", {"odd": "shape"})
    with pytest.warns(AnswerWarning, match="kept as"):
        result = k2.update("ex", {"marks": [1]}, merge=lambda b, o, t: o["marks"] + t["marks"])
    assert result.data == {"marks": [1]} and _payload(result.conflict_copy)["data"] == {"odd": "shape"}


def _add_marks(args: tuple[str, str, int, int]) -> None:
    root, name, first, count = args
    os.environ["MEDIALIT_ANSWERS"] = root
    from medialit.answers import AnswerStore

    def union(base, ours, theirs):
        b = set(map(tuple, (base or {}).get("marks", [])))
        o = set(map(tuple, ours.get("marks", [])))
        t = set(map(tuple, (theirs or {}).get("marks", [])))
        return {"marks": sorted((o | (t - b)) - (b - t))}

    store = AnswerStore(name, "nb")
    state = store.load("ex", {"marks": []})
    for i in range(first, first + count):
        state = {"marks": [*state["marks"], [i, i + 1]]}
        state = store.update("ex", state, merge=union).data


def test_concurrent_processes_writing_one_exercise_lose_nothing(isolated):
    """Four kernels add marks to the same exercise at the same time; every mark survives."""
    jobs = [(str(isolated), "ana", k * 100, 15) for k in range(4)]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        pool.map(_add_marks, jobs)
    data = AnswerStore("ana", "nb").load("ex")
    assert sorted(tuple(m) for m in data["marks"]) == sorted(
        (k * 100 + i, k * 100 + i + 1) for k in range(4) for i in range(15)
    )


# ------------------------------------------------------------ merging
def test_merge_states():
    assert merge_states({"a": 1}, {"a": 2}, {"a": 1}) == ({"a": 2}, True)
    assert merge_states({"a": 1}, {"a": 1}, {"a": 3}) == ({"a": 3}, True)
    assert merge_states({"a": 1, "b": 1}, {"a": 2, "b": 1}, {"a": 1, "b": 3}) == ({"a": 2, "b": 3}, True)
    assert merge_states({"a": 1}, {"a": 2}, {"a": 3}) == ({"a": 2}, False)
    # lists of records merge item by item; other lists are one value
    base = [{"x": None}, {"x": None}]
    assert merge_states(base, [{"x": 1}, {"x": None}], [{"x": None}, {"x": 2}]) == ([{"x": 1}, {"x": 2}], True)
    assert merge_states([1, 2], [2, 1], [1, 3]) == ([2, 1], False)
    # added and deleted keys
    assert merge_states({}, {"new": 1}, {"other": 2}) == ({"new": 1, "other": 2}, True)
    assert merge_states({"gone": 1, "k": 0}, {"gone": 1, "k": 0}, {"k": 0}) == ({"k": 0}, True)


# ------------------------------------------------------------ students and export
def test_student_names_are_remembered_per_notebook(isolated, monkeypatch):
    assert answers.student_for("nb1") == "tester"
    answers.set_student("nb1", "  Ana   B. ")
    assert answers.student_for("nb1") == "Ana B."
    assert answers.student_for("nb2") == "tester", "each notebook asks for its own name"
    monkeypatch.setattr(answers, "_STUDENTS", {})  # a kernel restart
    assert answers.student_for("nb1") == "Ana B."
    with pytest.raises(ValueError):
        answers.set_student("nb1", "   ")
    assert answers.store_for("nb1") is answers.store_for("nb1")
    assert answers.store_for("nb1").student == "Ana B."


def test_export_zip_and_csv(isolated):
    AnswerStore("tester", "01").save("a", {"v": 1})
    AnswerStore("tester", "02").save("b", {"v": "ü"})
    AnswerStore("someone else", "01").save("a", {"v": 9})
    z = export()
    assert z.name == "medialit-answers-tester.zip" and z.parent == answers.answers_dir()
    with zipfile.ZipFile(z) as zf:
        assert sorted(zf.namelist()) == ["tester/01/a.json", "tester/02/b.json"]
        assert json.loads(zf.read("tester/02/b.json"))["data"] == {"v": "ü"}
    rows = list(csv.DictReader(export(fmt="csv").read_text(encoding="utf-8").splitlines()))
    assert [(r["notebook"], r["exercise"], json.loads(r["answer"])) for r in rows] == [
        ("01", "a", {"v": 1}),
        ("02", "b", {"v": "ü"}),
    ]
    with pytest.raises(ValueError):
        export(fmt="pdf")


def test_export_includes_every_name_used_from_this_login(isolated):
    answers.set_student("nb", "Ana")
    AnswerStore("Ana", "nb").save("ex", {"v": 1})
    AnswerStore("tester", "other").save("ex", {"v": 2})
    with zipfile.ZipFile(export()) as zf:
        assert sorted(zf.namelist()) == ["Ana/nb/ex.json", "tester/other/ex.json"]


def test_export_falls_back_to_the_temporary_folder(isolated, monkeypatch, tmp_path):
    AnswerStore("tester", "nb").save("ex", {"v": 1})
    real_write = Path.write_bytes

    def no_cwd(self, data):
        if self.parent == answers.answers_dir():
            raise PermissionError(13, "Permission denied")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", no_cwd)
    with pytest.warns(AnswerWarning, match="exported to"):
        out = export()
    assert out.parent != answers.answers_dir() and zipfile.is_zipfile(out)
    out.unlink()
