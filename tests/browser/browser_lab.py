"""A JupyterLab server and a Chromium page that drives it, for the browser tests.

Widgets that work in Python can still fail in the browser ("Error displaying
widget", "Loading widget..." forever, a JavaScript error in a custom widget),
and only a real browser shows it. This module keeps the mechanics in one
place so the tests read like what a student does: open a notebook, Run All,
tick a box, press "Check my answer".

Everything is hermetic and offline: the server gets temporary settings,
workspace, config, runtime and answer folders and a copy of ``notebooks/``
and ``data/``, so a run never writes into the repository and never reads a
developer's own Jupyter configuration. Chromium is Debian's ``/usr/bin/chromium``
with background networking disabled; no browser is ever downloaded.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = Path(os.environ.get("MEDIALIT_CHROMIUM", "/usr/bin/chromium"))

#: Headless flags: no GPU, no sandbox (CI runs as root), and nothing that
#: talks to the network in the background (updates, sync, QUIC probes).
#: Playwright adds a fresh temporary ``--user-data-dir`` itself on every launch
#: (and refuses one in ``args``), so each run starts from an empty profile.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Seconds to wait for one notebook's Run All (nbval allows 300 s per cell;
#: a lesson here runs in well under a minute).
RUN_TIMEOUT = float(os.environ.get("MEDIALIT_BROWSER_TIMEOUT", "180"))
#: Milliseconds to wait for a widget to answer a click (generous: CI machines can be slow and busy).
WIDGET_MS = int(float(os.environ.get("MEDIALIT_BROWSER_WIDGET_TIMEOUT", "30")) * 1000)
VIEWPORT = {"width": 1280, "height": 900}
MAX_SHOT = 12_000  # tallest screenshot taken in one piece (Chromium's limit is about 16k)

#: One entry per browser test (times, clicks, screenshot), printed at the end of the run.
REPORT: list[dict[str, Any]] = []

WIDGET_ERRORS = ("Error displaying widget", "Error rendering", "Loading widget...")


def notebooks() -> list[Path]:
    """Every notebook the kit ships, found by glob so new lessons are covered as they land."""
    found = sorted((REPO / "notebooks").rglob("*.ipynb"))
    return [p for p in found if ".ipynb_checkpoints" not in p.parts]


def missing_requirements() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return (
            f"Chromium not found at {CHROMIUM}. Install it with `apt-get install -y chromium` "
            "(Debian/Ubuntu), or point MEDIALIT_CHROMIUM at a Chromium binary."
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python Playwright is not installed: run `pip install -e '.[test]'` (never `playwright install`)."
    try:
        import jupyterlab  # noqa: F401
    except ImportError:
        return "JupyterLab is not installed in this environment."
    return None


# --------------------------------------------------------------------------- server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the server's process (Linux): get SIGTERM if pytest itself is killed, so no server outlives it."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


@dataclass
class LabServer:
    """A running ``jupyter lab`` on 127.0.0.1 with a token, in its own process group."""

    base: Path
    root: Path
    answers: Path
    port: int = 0
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    marker: str = field(default_factory=lambda: uuid.uuid4().hex)
    proc: subprocess.Popen | None = None
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- set-up -------------------------------------------------------------
    @classmethod
    def start(cls, base: Path, timeout: float = 90) -> LabServer:
        """Copy the lessons and course data into ``base`` and start JupyterLab on them."""
        root = base / "root"
        ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
        shutil.copytree(REPO / "notebooks", root / "notebooks", ignore=ignore)
        shutil.copytree(REPO / "data", root / "data", ignore=ignore)
        server = cls(base=base, root=root, answers=base / "answers")
        server.answers.mkdir()
        settings = base / "lab-settings"
        # Windowing off: JupyterLab 4 otherwise may not attach off-screen cells,
        # and the checks (and screenshots) must see every output.
        _write_json(
            settings / "@jupyterlab/notebook-extension/tracker.jupyterlab-settings",
            {"windowingMode": "none", "scrollPastEnd": False},
        )
        # No news or update checks (no network, no pop-up over the notebook).
        _write_json(
            settings / "@jupyterlab/apputils-extension/notification.jupyterlab-settings",
            {"fetchNews": "false", "checkForUpdates": False},
        )
        last_error = ""
        for _attempt in range(3):  # a random free port can be taken in between: try again
            server.port = _free_port()
            try:
                server._launch(settings, timeout)
                return server
            except RuntimeError as e:
                last_error = str(e)
                server.stop()
        raise RuntimeError(f"JupyterLab did not start: {last_error}")

    def _launch(self, settings: Path, timeout: float) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
        # The root conftest sets MPLBACKEND=Agg for nbval; students get inline figures.
        env.pop("MPLBACKEND", None)
        env.update(
            JUPYTERLAB_SETTINGS_DIR=str(settings),
            JUPYTERLAB_WORKSPACES_DIR=str(self.base / "lab-workspaces"),
            JUPYTER_CONFIG_DIR=str(self.base / "jupyter-config"),
            JUPYTER_RUNTIME_DIR=str(self.base / "jupyter-runtime"),
            IPYTHONDIR=str(self.base / "ipython"),
            MEDIALIT_ANSWERS=str(self.answers),
            MEDIALIT_STUDENT="browser-test",
            MEDIALIT_BROWSER_RUN=self.marker,  # lets stop() find any process left behind
            PYTHONDONTWRITEBYTECODE="1",
        )
        cmd = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--ServerApp.terminals_enabled=False",
            "--LabApp.extension_manager=readonly",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")  # CI containers run as root
        self.log = self.base / f"jupyterlab-{self.port}.log"
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                cmd,
                cwd=self.root,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"exited with {self.proc.returncode}; log:\n{self.log_tail()}")
            with contextlib.suppress(OSError, ValueError):
                if "started" in self.api("GET", "/api/status"):
                    return
            time.sleep(0.3)
        raise RuntimeError(f"no answer from /api/status after {timeout:.0f} s; log:\n{self.log_tail()}")

    def log_tail(self, n: int = 40) -> str:
        if not self.log or not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])

    # -- REST ---------------------------------------------------------------
    def api(self, method: str, path: str, body: Any = None, timeout: float = 10) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Authorization", f"token {self.token}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace")[:1000]
            raise urllib.error.HTTPError(e.url, e.code, f"{e.reason}: {body}", e.headers, None) from None
        return json.loads(raw) if raw else None

    def lab_url(self, relpath: str, workspace: str) -> str:
        """A fresh workspace per page, so no tab from an earlier test is restored."""
        return f"{self.url}/lab/workspaces/{workspace}/tree/{relpath}?reset&token={self.token}"

    def kernels(self) -> list[dict[str, Any]]:
        return self.api("GET", "/api/kernels") or []

    def wait_kernels_idle(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(k.get("execution_state") in {"idle", "dead"} for k in self.kernels()):
                return
            time.sleep(0.2)
        raise AssertionError(f"a kernel is still busy after {timeout:.0f} s: {self.kernels()}")

    def shutdown_kernels(self) -> None:
        """Close every session and kernel: each test starts with a fresh one, and CPU stays free."""
        with contextlib.suppress(OSError, ValueError):
            for s in self.api("GET", "/api/sessions") or []:
                with contextlib.suppress(OSError, ValueError):
                    self.api("DELETE", f"/api/sessions/{s['id']}", timeout=30)
        with contextlib.suppress(OSError, ValueError):
            for k in self.kernels():
                with contextlib.suppress(OSError, ValueError):
                    self.api("DELETE", f"/api/kernels/{k['id']}", timeout=30)

    def restore(self, relpath: str) -> None:
        """Put the repository's version of a notebook back (an earlier test may have saved outputs into it).

        A notebook saved with widget outputs shows "Error displaying widget:
        model not found" when reopened with a new kernel, which would make one
        test's leftovers fail the next.
        """
        source = REPO / relpath
        if source.exists():
            shutil.copyfile(source, self.root / relpath)
            for cp in (self.root / relpath).parent.glob(".ipynb_checkpoints/*"):
                cp.unlink()

    def notebook_json(self, relpath: str) -> dict[str, Any]:
        """The notebook as saved on the server (read again if a save was still being written)."""
        for attempt in range(3):
            try:
                return self.api("GET", f"/api/contents/{relpath}?content=1&type=notebook")["content"]
            except urllib.error.HTTPError:
                if attempt == 2:
                    raise
                time.sleep(1)
        raise AssertionError("unreachable")

    # -- tear-down ----------------------------------------------------------
    def stop(self) -> list[int]:
        """Shut kernels and server down; kill the process group and any straggler.

        Kernels run in their own sessions (jupyter_client starts them that way),
        so killing the server's group alone could leave them behind: they are
        shut down through the API first, and anything still carrying this run's
        marker in its environment afterwards is killed. Returns the pids that
        had to be killed that way (normally none).
        """
        if self.proc is None:
            return []
        if self.proc.poll() is None:
            self.shutdown_kernels()
            with contextlib.suppress(OSError, ValueError, urllib.error.URLError):
                self.api("POST", "/api/shutdown", timeout=5)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                for sig in (signal.SIGTERM, signal.SIGKILL):
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(self.proc.pid, sig)
                    try:
                        self.proc.wait(timeout=10)
                        break
                    except subprocess.TimeoutExpired:
                        continue
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)  # children left in the group
        self.proc = None
        return kill_marked(self.marker)


def kill_marked(marker: str, grace: float = 5) -> list[int]:
    """Kill the processes whose environment carries ``MEDIALIT_BROWSER_RUN=<marker>``."""
    needle = f"MEDIALIT_BROWSER_RUN={marker}".encode()

    def marked() -> list[int]:
        pids = []
        for d in Path("/proc").glob("[0-9]*"):
            with contextlib.suppress(OSError):
                if needle in (d / "environ").read_bytes().split(b"\0") and int(d.name) != os.getpid():
                    pids.append(int(d.name))
        return pids

    if not Path("/proc").is_dir():
        return []
    deadline = time.monotonic() + grace  # kernels notice their parent is gone and exit by themselves
    left = marked()
    while left and time.monotonic() < deadline:
        time.sleep(0.25)
        left = marked()
    for pid in left:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    return left


@contextlib.contextmanager
def lab_server() -> Iterator[LabServer]:
    base = Path(tempfile.mkdtemp(prefix="medialit-browser-"))
    server = LabServer.start(base)
    try:
        yield server
    finally:
        stragglers = server.stop()
        shutil.rmtree(base, ignore_errors=True)
        if stragglers:
            raise RuntimeError(f"processes left behind by JupyterLab were killed: {stragglers}")


# --------------------------------------------------------------------------- page


@dataclass
class Watch:
    """Everything the page said that a student would not see: console, page errors, dialogs, requests."""

    base_url: str
    console: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.on("request", self._request)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        with contextlib.suppress(Exception):
            dialog.dismiss()

    def _request(self, request: Any) -> None:
        url = request.url
        self.requests.append(url)
        if not url.startswith((self.base_url, "data:", "blob:", "about:")) and not url.startswith(
            self.base_url.replace("http", "ws", 1)
        ):
            self.external.append(url)

    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"] + self.page_errors

    def mark(self) -> tuple[int, int, int, int]:
        return len(self.console), len(self.page_errors), len(self.dialogs), len(self.external)


# JavaScript run in the page. The visible notebook is the one not hidden by the dock panel.
_PANEL = "document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)')"

# An error output as IPython prints it: a traceback, "Cell In[3], line 4", "SyntaxError: ...".
# (Warnings also go to stderr, e.g. matplotlib's first "building the font cache"; they are not errors.)
_ERROR_RE = r"/Traceback \(most recent call last\)|^\s*Cell In\[\d+\]|^\s*[\w.]*(Error|Exception)\b/m"

_RUN_STATE_JS = """() => {
  const panel = __PANEL__;
  if (!panel) return 'no-notebook';
  const counts = [];
  for (const cell of panel.querySelectorAll('.jp-Notebook .jp-Cell.jp-CodeCell')) {
    const prompt = cell.querySelector('.jp-InputArea-prompt')?.textContent ?? '';
    if (prompt.includes('*')) return 'running';
    const src = cell.querySelector('.jp-InputArea-editor .cm-content')?.textContent ?? '';
    if (!src.trim()) continue;  // an empty code cell is never executed
    const m = prompt.match(/\\[(\\d+)\\]/);
    counts.push(m ? Number(m[1]) : null);
  }
  const failed = [...panel.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')]
    .some(e => __ERROR_RE__.test(e.innerText));
  if (failed) return 'error';
  // Run All in a fresh kernel numbers the cells 1, 2, ..., n.
  return counts.every((c, i) => c === i + 1) ? 'done' : 'waiting';
}""".replace("__PANEL__", _PANEL).replace("__ERROR_RE__", _ERROR_RE)

_PROBLEMS_JS = (
    """() => {
  const panel = __PANEL__;
  if (!panel) return [{cell: -1, kind: 'no-notebook', text: 'no notebook is open'}];
  const cells = [...panel.querySelectorAll('.jp-Notebook .jp-Cell')];
  const where = (el) => cells.indexOf(el.closest('.jp-Cell')) + 1;
  const out = [];
  for (const el of panel.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')) {
    const kind = __ERROR_RE__.test(el.innerText) ? 'error' : 'stderr';
    out.push({cell: where(el), kind: kind, text: el.innerText.slice(0, 2000)});
  }
  for (const el of panel.querySelectorAll('.jp-OutputArea-output')) {
    const text = el.innerText;
    for (const needle of __NEEDLES__) {
      if (text.includes(needle)) out.push({cell: where(el), kind: 'widget', text: text.slice(0, 500)});
    }
  }
  return out;
}""".replace("__PANEL__", _PANEL)
    .replace("__NEEDLES__", json.dumps(list(WIDGET_ERRORS)))
    .replace("__ERROR_RE__", _ERROR_RE)
)


@dataclass
class Problem:
    cell: int
    kind: str
    text: str

    def __str__(self) -> str:
        return f"cell {self.cell} [{self.kind}]: {self.text}"


class LabPage:
    """One Chromium page showing one notebook in JupyterLab."""

    def __init__(self, server: LabServer, page: Any, workspace: str) -> None:
        self.server, self.page, self.workspace = server, page, workspace
        self.watch = Watch(server.url)
        self.watch.attach(page)
        self.relpath = ""
        self.clicks: list[str] = []  # what the test did, in words, for the report

    # -- navigation -----------------------------------------------------------
    def open(self, relpath: str, timeout: float = 60) -> float:
        """Open a notebook in a fresh workspace; returns seconds until its cells are shown."""
        t0 = time.monotonic()
        self.relpath = relpath
        self.server.restore(relpath)
        self.page.goto(self.server.lab_url(relpath, self.workspace), timeout=timeout * 1000)
        self.page.wait_for_selector(
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell", timeout=timeout * 1000
        )
        self._accept_kernel_dialog()
        # Hide the file browser: the notebook gets the whole width (and the screenshots too).
        tab = self.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if tab.count():
            tab.first.click()
        return time.monotonic() - t0

    def _accept_kernel_dialog(self) -> None:
        """A notebook without kernel metadata asks which kernel to use: take the default."""
        with contextlib.suppress(Exception):
            self.page.wait_for_selector(".jp-Dialog", timeout=1500)
            self.page.click(".jp-Dialog .jp-mod-accept")

    def menu(self, menu: str, command: str) -> None:
        """Click a menu-bar menu, then the item bound to ``command`` (e.g. ``runmenu:run-all``)."""
        self.page.locator(".lm-MenuBar-item", has_text=re.compile(rf"^{re.escape(menu)}$")).click()
        self.page.locator(f".lm-Menu:not(.lm-mod-hidden) .lm-Menu-item[data-command='{command}']").click()

    # -- running ------------------------------------------------------------
    def run_all(self) -> float:
        """Edit → Clear Outputs of All Cells, then Run → Run All Cells; seconds until all ran."""
        self.menu("Edit", "editmenu:clear-all")
        t0 = time.monotonic()
        self.menu("Run", "runmenu:run-all")
        self.clicks.append("Run → Run All Cells")
        self.wait_until_run(t0)
        return time.monotonic() - t0

    def restart_and_run_all(self) -> float:
        """Kernel → Restart Kernel and Run All Cells… → confirm: what the notebooks tell students to do."""
        old = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output").first.element_handle()
        t0 = time.monotonic()
        self.menu("Kernel", "runmenu:restart-and-run-all")
        self.page.locator(".jp-Dialog .jp-mod-accept").click()
        self.clicks.append("Kernel → Restart Kernel and Run All Cells… → Restart")
        if old is not None:  # the old outputs are cleared before the new run starts
            self.page.wait_for_function("el => !el.isConnected", arg=old, timeout=RUN_TIMEOUT * 1000)
        self.wait_until_run(t0)
        return time.monotonic() - t0

    def wait_until_run(self, t0: float) -> None:
        deadline = t0 + RUN_TIMEOUT
        state, idle_since = "", None
        while time.monotonic() < deadline:
            state = self.page.evaluate(_RUN_STATE_JS)
            if state in {"done", "error"}:
                break
            # Nothing running yet cells left unrun for a while: Run All stopped (an error we could not read).
            idle_since = (idle_since or time.monotonic()) if state == "waiting" else None
            if idle_since and time.monotonic() - idle_since > 10:
                state = "stopped"
                break
            self.page.wait_for_timeout(250)
        else:
            raise AssertionError(f"{self.relpath}: Run All did not finish in {RUN_TIMEOUT:.0f} s (state: {state})")
        self.server.wait_kernels_idle()
        self.settle()

    def settle(self, timeout: float = 20) -> None:
        """Give widgets time to render: wait until no output says "Loading widget..." (or give up)."""
        with contextlib.suppress(Exception):
            self.page.wait_for_function(
                f"() => !({_PANEL}?.innerText ?? '').includes('Loading widget...')", timeout=timeout * 1000
            )
        self.page.wait_for_timeout(500)  # late console messages

    # -- checks ---------------------------------------------------------------
    def problems(self) -> list[Problem]:
        """Errors a student would see: tracebacks, widgets that failed or never loaded.

        Other text on stderr (warnings) is not an error: see ``stderr_notes``.
        """
        return [Problem(**p) for p in self.page.evaluate(_PROBLEMS_JS) if p["kind"] != "stderr"]

    def stderr_notes(self) -> list[Problem]:
        """Warnings and other non-error text on stderr (pink boxes a student would see)."""
        return [Problem(**p) for p in self.page.evaluate(_PROBLEMS_JS) if p["kind"] == "stderr"]

    def cut_off_labels(self) -> list[str]:
        """Buttons whose label does not fit (a student sees "Check my ans..."): reported, not failed."""
        return self.page.evaluate(
            f"""() => [...({_PANEL}?.querySelectorAll('.jp-OutputArea-output button') ?? [])]
                .filter(b => b.offsetParent !== null && b.scrollWidth > b.clientWidth + 1)
                .map(b => b.textContent.trim())"""
        )

    def save(self) -> None:
        """File → Save Notebook, and wait until the tab is no longer marked unsaved."""
        self.menu("File", "docmanager:save")
        self.page.wait_for_function(
            "() => !document.querySelector('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current.jp-mod-dirty')",
            timeout=30_000,
        )

    def saved_errors(self) -> list[str]:
        """Error outputs in the saved notebook (exact exception names and messages)."""
        nb = self.server.notebook_json(self.relpath)
        out = []
        for i, cell in enumerate(nb["cells"], 1):
            for o in cell.get("outputs", []):
                if o.get("output_type") == "error":
                    out.append(f"cell {i}: {o.get('ename')}: {o.get('evalue')}")
                elif (
                    o.get("output_type") == "stream" and o.get("name") == "stderr" and "Traceback" in o.get("text", "")
                ):
                    out.append(f"cell {i}: {o['text'][-1500:]}")
        return out

    # -- widgets ------------------------------------------------------------
    def output_of(self, text: str) -> Any:
        """The output area (locator) of the cell whose output contains ``text``."""
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").filter(
            has=self.page.locator(".jp-OutputArea-output", has_text=text)
        )

    def synced(self) -> None:
        """Wait until what was typed or chosen has reached the kernel, as a student's pace allows.

        ipywidgets holds back a widget's new value while an earlier message is
        unanswered, but sends a button press or Enter at once; a test that
        clicks "Check" straight after typing could be checked against the old
        value. Kernels idle, a moment for a held-back value to go out, idle again.
        """
        self.server.wait_kernels_idle()
        self.page.wait_for_timeout(150)
        self.server.wait_kernels_idle()

    def click(self, locator: Any, what: str) -> None:
        locator.scroll_into_view_if_needed()
        locator.click()
        self.clicks.append(what)

    # -- pictures -----------------------------------------------------------
    def screenshot(self, name: str) -> Path:
        """A picture of the whole notebook: the window is made as tall as the notebook first.

        Chromium cannot paint much taller than 16,000 pixels, so a longer
        notebook is photographed in parts: ``name.png``, ``name-2.png``, ...
        """
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        scroll = f"(y) => {{ const o = {_PANEL}?.querySelector('.jp-WindowedPanel-outer'); if (!o) return 0; o.scrollTop = y; return o.scrollHeight; }}"
        height = self.page.evaluate(scroll, 0)
        window = int(min(max(VIEWPORT["height"], height + 160), MAX_SHOT))
        self.page.set_viewport_size({"width": VIEWPORT["width"], "height": window})
        self.page.wait_for_timeout(400)
        height = self.page.evaluate(scroll, 0)
        visible = self.page.evaluate(f"() => {_PANEL}?.querySelector('.jp-WindowedPanel-outer')?.clientHeight ?? 0")
        first = SCREENSHOTS / f"{name}.png"
        for old in SCREENSHOTS.glob(f"{name}-[0-9]*.png"):
            old.unlink()
        part, top = 1, 0
        while True:
            self.page.evaluate(scroll, top)
            self.page.wait_for_timeout(150)
            path = first if part == 1 else SCREENSHOTS / f"{name}-{part}.png"
            self.page.screenshot(path=str(path), full_page=True)
            top += max(visible - 40, 200)  # a little overlap between the parts
            part += 1
            if not visible or top >= height - 40:
                break
        self.page.evaluate(scroll, 0)
        self.page.set_viewport_size(VIEWPORT)
        return first


def screenshot_name(relpath: str) -> str:
    """``notebooks/instructors/x.ipynb`` -> ``instructors__x``."""
    rel = Path(relpath).relative_to("notebooks") if relpath.startswith("notebooks/") else Path(relpath)
    return "__".join(rel.with_suffix("").parts)


def write_notebook(root: Path, relpath: str, cells: list[str], parameters: str | None = None) -> Path:
    """A notebook written by a test at ``root/relpath``: code cells, after a tagged parameters cell if given."""
    import nbformat

    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    if parameters is not None:
        nb.cells.insert(0, nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}))
    nbformat.write(nb, path)
    return path
