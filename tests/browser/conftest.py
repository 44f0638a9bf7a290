"""Fixtures for the real-browser tests: one JupyterLab server and one Chromium for all of them.

Without Chromium (``/usr/bin/chromium``) the tests are skipped, and the end
of the run says so in plain words. CI sets ``MEDIALIT_REQUIRE_BROWSER=1``,
which turns that skip into a failure, so the browser tests can never be
silently lost there.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from browser_lab import CHROMIUM, CHROMIUM_ARGS, REPORT, SCREENSHOTS, VIEWPORT, LabPage, LabServer, lab_server
from browser_lab import missing_requirements as _missing

MISSING = _missing()
REQUIRE = os.environ.get("MEDIALIT_REQUIRE_BROWSER", "").strip() not in {"", "0"}

HERE = os.path.dirname(os.path.abspath(__file__))
_STATE: dict[str, Any] = {"collected": 0}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _STATE["collected"] = sum(1 for item in items if str(item.path).startswith(HERE))


@pytest.fixture(scope="session", autouse=True)
def _browser_available() -> None:
    """Skip (or, with MEDIALIT_REQUIRE_BROWSER=1, fail) before anything is started."""
    if MISSING:
        if REQUIRE:
            pytest.fail(f"MEDIALIT_REQUIRE_BROWSER=1 but the browser tests cannot run: {MISSING}", pytrace=False)
        pytest.skip(f"browser tests skipped: {MISSING}")


class _Shared:
    """The server and the browser, started by the first browser test and stopped after the last.

    Not plain session fixtures: those would stay up while the rest of the
    suite (unit tests, nbval notebook runs) goes on, holding memory and an
    event loop; these close as soon as the next test is not a browser test.
    """

    def __init__(self) -> None:
        self.stack = contextlib.ExitStack()
        self.lab: LabServer | None = None
        self.browser: Any = None

    def get_lab(self) -> LabServer:
        if self.lab is None:
            self.lab = self.stack.enter_context(lab_server())
        return self.lab

    def get_browser(self) -> Any:
        if self.browser is None:
            from playwright.sync_api import sync_playwright

            p = self.stack.enter_context(sync_playwright())
            self.browser = p.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, timeout=60_000
            )
            self.stack.callback(self.browser.close)
        return self.browser

    def close(self) -> None:
        self.lab = self.browser = None
        self.stack.close()


_SHARED = _Shared()


@pytest.fixture
def lab() -> LabServer:
    """JupyterLab on 127.0.0.1:<random port> with a token, on a temporary copy of notebooks/ and data/."""
    return _SHARED.get_lab()


@pytest.fixture
def browser() -> Any:
    """Debian's Chromium, headless, through Playwright (never a downloaded browser)."""
    return _SHARED.get_browser()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    result = yield
    if nextitem is None or not str(nextitem.path).startswith(HERE):
        _SHARED.close()
    return result


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _SHARED.close()  # after an interrupted run (-x, Ctrl+C) too


@pytest.fixture
def open_lab(request: pytest.FixtureRequest, lab: LabServer, browser: Any) -> Iterator[Callable[[], LabPage]]:
    """A factory of fresh pages (own browser context and JupyterLab workspace).

    After the test every kernel is shut down; if the test failed, each page is
    photographed as ``FAILED-<test>-<n>.png`` so the failure can be seen.
    """
    contexts, pages = [], []

    def make() -> LabPage:
        context = browser.new_context(viewport=VIEWPORT)
        context.set_default_timeout(30_000)
        contexts.append(context)
        lp = LabPage(lab, context.new_page(), workspace=f"t-{uuid.uuid4().hex[:10]}")
        pages.append(lp)
        return lp

    yield make
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        name = request.node.name.replace("/", "_").replace("[", "-").rstrip("]")
        for i, lp in enumerate(pages, 1):
            try:
                lp.screenshot(f"FAILED-{name}-{i}")
            except Exception as e:  # a crashed page cannot be photographed; say so and go on
                print(f"could not save a screenshot of {lp.relpath}: {e}")
    for context in contexts:
        context.close()
    lab.shutdown_kernels()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    tr = terminalreporter
    if MISSING and _STATE["collected"] and not REQUIRE:
        tr.section("browser tests", sep="=", yellow=True, bold=True)
        tr.write_line(f"SKIPPED {_STATE['collected']} browser tests: {MISSING}", yellow=True, bold=True)
        tr.write_line("Set MEDIALIT_REQUIRE_BROWSER=1 to make this a failure (CI does).")
        return
    if not REPORT:
        return
    tr.section("browser tests: what ran and what was clicked", sep="=")
    for entry in REPORT:
        times = ", ".join(f"{k} {v:.1f} s" for k, v in entry.get("seconds", {}).items())
        tr.write_line(f"{entry['test']}: {times}")
        for click in entry.get("clicks", []):
            tr.write_line(f"    - {click}")
        for note in entry.get("notes", []):
            tr.write_line(f"    ! {note}", yellow=True)
        if entry.get("screenshot"):
            tr.write_line(f"    screenshot: {entry['screenshot']}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "report.json").write_text(json.dumps(REPORT, indent=1, ensure_ascii=False), encoding="utf-8")
