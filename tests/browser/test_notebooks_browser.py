"""Every notebook, run in JupyterLab in Chromium, must show no error a student would meet.

nbval proves the Python runs; this proves the page works: no traceback, no
"Error displaying widget", no widget stuck on "Loading widget...", nothing in
the browser console. Then one exercise per notebook is done as a student
would (tests/browser/exercise_drivers.py), and the answer must survive a
re-run. Notebooks are found by glob, so each new lesson is covered the moment
it lands. A full-page screenshot of each is saved in tests/browser/screenshots/
for people to look at.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from browser_lab import REPO, REPORT, LabPage, notebooks, screenshot_name
from exercise_drivers import DRIVERS, drive_auto, exercise_calls

NOTEBOOKS = notebooks()
IDS = [p.relative_to(REPO / "notebooks").as_posix() for p in NOTEBOOKS]


def rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def assert_clean(lp: LabPage, what: str) -> None:
    """No traceback or widget error on the page, none in the saved file, nothing in the console."""
    problems = [str(p) for p in lp.problems()]
    lp.save()
    problems += lp.saved_errors()
    problems += [f"browser console: {e}" for e in lp.watch.console_errors()]
    problems += [f"dialog opened: {d}" for d in lp.watch.dialogs]
    problems += [f"request outside the server (the kit must work offline): {u}" for u in lp.watch.external]
    for kind, text in lp.watch.console:  # shown by pytest when the test fails
        print(f"console {kind}: {text[:300]}")
    assert not problems, f"{what}:\n" + "\n".join(problems)


def test_there_are_notebooks_to_run():
    assert NOTEBOOKS, "no notebooks found in notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_in_the_browser(open_lab, path: Path) -> None:
    """Run All shows no error; then one exercise done as a student, checked, re-run and found again.

    One test (one page load) per notebook for both parts: loading JupyterLab
    is most of the cost, and the suite must stay quick on two cores.
    """
    lp: LabPage = open_lab()
    t0 = time.monotonic()
    opened = lp.open(rel(path))
    ran = lp.run_all()
    shot = lp.screenshot(screenshot_name(rel(path)))
    cut = sorted(set(lp.cut_off_labels()))
    warned = [f"shown on stderr (not an error): {p}" for p in lp.stderr_notes()]
    REPORT.append(
        {
            "test": f"run all · {rel(path)}",
            "seconds": {"open": opened, "run all": ran, "total": time.monotonic() - t0},
            "clicks": list(lp.clicks),
            "screenshot": shot.relative_to(REPO).as_posix(),
            "notes": [f"button label cut off on screen: “{t}”" for t in cut] + warned,
        }
    )
    assert_clean(lp, f"{rel(path)} after Run All")

    driver = DRIVERS.get(path.stem)
    if driver is None:
        if not exercise_calls(path):
            REPORT.append({"test": f"exercise · {rel(path)}", "clicks": ["no exercise widget in this notebook"]})
            return
        driver = drive_auto  # a new notebook: drive its first exercise until it gets its own driver
    lp.clicks.clear()
    t1 = time.monotonic()
    driver(lp, path)
    REPORT.append(
        {
            "test": f"exercise · {rel(path)}" + ("" if path.stem in DRIVERS else " (automatic driver)"),
            "seconds": {"exercise and re-run": time.monotonic() - t1},
            "clicks": lp.clicks,
            "screenshot": f"tests/browser/screenshots/{screenshot_name(rel(path))}-exercise.png",
        }
    )
    assert_clean(lp, f"{rel(path)} after the exercise and a re-run")
