"""Every notebook runs for every bundled article, and for an article that has no key at all.

Parameters are injected papermill-style: the notebook's own ``parameters``
cell stays and an ``injected-parameters`` cell setting ``ARTICLE`` follows
it, so other parameters (01's ``CONTRAST``, 05's ``CASE_STUDY``) keep their
defaults. Each run is a fresh kernel (nbclient) with its own answers folder.
A run passes when no cell raises and nothing reaches stderr (a student would
see that as a red box).

The no-key article lives in a temporary data folder (``MEDIALIT_DATA``)
beside a copy of the case study, and nothing else: an instructor's own
course folder may hold just their article and the case study, and every
notebook must still run, saying what it skips.

The whole matrix (every notebook x every bundled article + the no-key
article) takes a few minutes, too long for ``make test``. So by default only
the quick set runs: every notebook against the case study's contrast
article and against the no-key article (nbval already runs each notebook
on the case study). ``make test-articles`` runs the whole matrix
(``MEDIALIT_ALL_ARTICLES=1``). Every test here carries the ``articles``
marker: ``pytest -m "not articles"`` leaves them out.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

import medialit as ml

pytestmark = pytest.mark.articles

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
CASE_STUDY = "rt-nato-russia-2022-01-12"
CONTRAST = "nato-press-conference-2022-01-12"
NO_KEY = "no-key-test-article"
CELL_TIMEOUT = 180
ANSI = re.compile(r"\x1b\[[0-9;]*m")
FULL = os.environ.get("MEDIALIT_ALL_ARTICLES", "").strip() not in {"", "0"}

LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NOTEBOOKS = LESSONS + sorted((REPO / "notebooks" / "instructors").glob("*.ipynb"))
BUNDLED = ml.available_articles(DATA)
ARTICLES = [*BUNDLED, NO_KEY]
QUICK = (CONTRAST, NO_KEY)

#: A constructed article for the no-key run: quotes, a scare quote, a passive,
#: loaded words, a heading. Written for this test (CC BY 4.0, medialit project).
NO_KEY_TEXT = """\
Harbour ferry to stop at night after budget vote

The town council voted on Monday to end the night ferry across the harbour from April, a decision that opponents called "short-sighted".

Cuts and costs

The service was reviewed last year and its costs were found to be rising. "We cannot keep a boat running for a handful of passengers," said Councillor Ruth Mbeki, who chairs the finance committee.

Night workers at the hospital say they will be forced to drive. "Nobody asked us," said Sam Ortiz, a nurse. The council insists that a bus will replace the ferry, but critics claimed the so-called "savings" would be eaten up by overtime.

A final decision on the bus route is expected next month.
"""


def _rel(path: Path) -> str:
    return path.relative_to(REPO / "notebooks").with_suffix("").as_posix()


def _combos(articles: list[str]) -> list[pytest.param]:
    return [pytest.param(nb, slug, id=f"{_rel(nb)}-{slug}") for nb in NOTEBOOKS for slug in articles]


COMBOS = _combos(ARTICLES if FULL else list(QUICK))


@pytest.fixture(scope="session")
def no_key_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course folder with only the no-key article (no key.yml, no meta.yml) and a copy of the case study."""
    root = tmp_path_factory.mktemp("data-no-key")
    folder = root / "articles" / NO_KEY
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(NO_KEY_TEXT, encoding="utf-8")
    shutil.copytree(DATA / "articles" / CASE_STUDY, root / "articles" / CASE_STUDY)
    return root


def run_notebook(path: Path, slug: str) -> tuple[list[str], float]:
    """Execute ``path`` with ``ARTICLE = slug`` in a fresh kernel; returns (problems, seconds)."""
    nb = nbformat.read(path, as_version=4)
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    injected = nbformat.v4.new_code_cell(f"ARTICLE = {slug!r}", metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(index + 1, injected)
    # Unix sockets rather than TCP ports: no port races with other kernels on the machine.
    sockets = tempfile.mkdtemp(prefix="ml-kernel-")
    try:
        km = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "k"))
        client = NotebookClient(
            nb, km=km, timeout=CELL_TIMEOUT, resources={"metadata": {"path": str(path.parent)}}, allow_errors=True
        )
        start = time.monotonic()
        client.execute()
        seconds = time.monotonic() - start
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
    problems = []
    for n, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            head = f"cell {n} ({cell.source.splitlines()[0][:60] if cell.source else ''!r})"
            if out.output_type == "error":
                tb = ANSI.sub("", "\n".join(out.get("traceback", [])))[-2000:]
                problems.append(f"{head} raised {out.ename}: {out.evalue}\n{tb}")
            elif out.output_type == "stream" and out.name == "stderr":
                problems.append(f"{head} wrote to stderr: {out.text[:500]}")
    return problems, seconds


@pytest.mark.parametrize(("path", "slug"), COMBOS)
def test_notebook_runs_for_article(path: Path, slug: str, no_key_data: Path, tmp_path, monkeypatch, record_property):
    data = no_key_data if slug == NO_KEY else DATA
    monkeypatch.setenv("MEDIALIT_DATA", str(data))
    monkeypatch.setenv("MEDIALIT_ANSWERS", str(tmp_path / "answers"))
    monkeypatch.setenv("MEDIALIT_STUDENT", "matrix")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    problems, seconds = run_notebook(path, slug)
    record_property("seconds", round(seconds, 1))
    assert not problems, f"{_rel(path)} with ARTICLE = {slug!r}:\n" + "\n\n".join(problems)


def test_the_matrix_covers_every_lesson_and_article():
    names = [p.stem for p in LESSONS]
    assert names[:6] == [
        "00_start_here",
        "01_framing",
        "02_quotes",
        "03_loaded_terms",
        "04_translation_artifacts",
        "05_your_own_article",
    ]
    assert CASE_STUDY in BUNDLED and CONTRAST in BUNDLED and NO_KEY not in BUNDLED
    assert {(p, s) for p in NOTEBOOKS for s in QUICK} <= {(c.values[0], c.values[1]) for c in COMBOS}


def test_the_no_key_article_really_has_no_key(no_key_data: Path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_DATA", str(no_key_data))
    art = ml.load_article(NO_KEY)
    with pytest.raises(FileNotFoundError):
        ml.load_key(art)
    assert sorted(ml.available_articles()) == sorted([CASE_STUDY, NO_KEY])


@pytest.mark.skipif(FULL, reason="the full matrix is running")
def test_full_matrix_runs_with_make_test_articles():
    """Says, in the test report, that most combinations run only with ``make test-articles``."""
    rest = len(NOTEBOOKS) * len(ARTICLES) - len(COMBOS)
    pytest.skip(f"{rest} more notebook x article runs: use `make test-articles` (MEDIALIT_ALL_ARTICLES=1)")


#: The instructor's own article for the end-to-end test: a short report with
#: quotes, a passive, loaded words and a translation trace ("remember" for recall).
SCAFFOLD_TEXT = """\
Port strike ends after late-night deal

Dock workers in the port city returned to work on Friday after union leaders accepted a pay offer that had been rejected twice.

"This is a fair deal for every family on the docks," said union secretary Lena Horvat. "We never wanted a strike."

The port authority, which critics accuse of "stalling" the talks for weeks, said the agreement was signed shortly after midnight. The offer was improved after ministers intervened, according to officials.

Ms Horvat wanted to remember that the workers had been forced to strike by a so-called "modernisation plan" that would have cut night shifts.
"""


def test_scaffolded_article_end_to_end(tmp_path, monkeypatch, capsys):
    """An instructor's three steps, offline: scaffold a text file, confirm the key, check; then every notebook and the report."""
    from medialit.cli import main

    data = tmp_path / "data"
    shutil.copytree(DATA / "articles" / CASE_STUDY, data / "articles" / CASE_STUDY)
    monkeypatch.setenv("MEDIALIT_DATA", str(data))
    monkeypatch.setenv("MEDIALIT_ANSWERS", str(tmp_path / "answers"))
    monkeypatch.setenv("MEDIALIT_STUDENT", "instructor")
    src = tmp_path / "port-strike.txt"
    src.write_text(SCAFFOLD_TEXT, encoding="utf-8")
    assert main(["new-article", "port-strike", "--from", str(src), "--title", "Port strike ends"]) == 0
    folder = data / "articles" / "port-strike"
    assert main(["check", str(folder)]) == 1  # meta still to fill in, drafts listed
    out = capsys.readouterr().out
    assert "meta.yml: missing" in out and "draft entry" in out

    # Fill the meta; confirm every draft (an instructor would also correct some).
    import yaml

    meta = yaml.safe_load((folder / "meta.yml").read_text(encoding="utf-8"))
    meta.update(
        {
            "source": {"original_publisher": "Test Harbour News"},
            "date": "2025-03-07",
            "language_path": [{"language": "English", "stage": "as published"}],
            "license": "written for the test suite (CC BY 4.0)",
        }
    )
    (folder / "meta.yml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    key = yaml.safe_load((folder / "key.yml").read_text(encoding="utf-8"))
    assert key["quotes"] and key["loaded_terms"], "the draft key is pre-filled with the kit's findings"
    for section in key.values():
        for entry in section if isinstance(section, list) else []:
            entry.pop("draft", None)
    (folder / "key.yml").write_text(yaml.safe_dump(key, allow_unicode=True), encoding="utf-8")
    assert main(["check", str(folder)]) == 0, capsys.readouterr().out
    capsys.readouterr()

    for path in LESSONS:
        problems, _seconds = run_notebook(path, "port-strike")
        assert not problems, f"{_rel(path)} on the scaffolded article:\n" + "\n\n".join(problems)

    report = tmp_path / "port-strike.html"
    assert main(["report", "port-strike", "-o", str(report)]) == 0
    page = report.read_text(encoding="utf-8")
    assert "Port strike ends" in page and "Lena Horvat" in page and "compared with the answer key" in page
