"""Test-session settings shared by the unit tests and the notebook runs (nbval).

Notebook kernels inherit this process's environment, so setting the answers
folder here keeps test runs from writing into the repository's answers/.
The offline guard is here too (not in tests/conftest.py) so that
``pytest notebooks/`` on its own runs every kernel with the network blocked
and no NLTK data, exactly like ``make test``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
if "MEDIALIT_ANSWERS" not in os.environ:
    os.environ["MEDIALIT_ANSWERS"] = tempfile.mkdtemp(prefix="medialit-test-answers-")
os.environ.setdefault("MEDIALIT_STUDENT", "test-student")


# ---------------------------------------------------------------- offline
#: The guard, as source: run here, and written as ``sitecustomize.py`` for
#: Python subprocesses (notebook kernels), so both run exactly the same code.
GUARD_SOURCE = r'''
"""medialit test guard: no network beyond loopback, no NLTK data (installed by tests/conftest.py)."""
import ipaddress as _ipaddress
import os as _os
import socket as _socket
import sys as _sys


class OfflineError(OSError):
    """Raised instead of opening a connection to the outside world during the tests."""


def _is_local(address):
    if not isinstance(address, tuple) or not address:
        return True  # AF_UNIX paths and other local families
    host = address[0]
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return True
    host = host.split("%", 1)[0].strip("[]")
    if host.lower() in ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"):
        return True
    try:
        ip = _ipaddress.ip_address(host)
    except ValueError:
        return False  # a host name: resolving it would already be network traffic
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or (mapped is not None and mapped.is_loopback)


def _refuse(address):
    raise OfflineError(
        f"network access to {address!r} is blocked during the medialit tests: the kit must work offline"
    )


def _install_network_guard():
    sock = _socket.socket
    if getattr(sock, "_medialit_offline", False):
        return
    real_connect, real_connect_ex, real_sendto = sock.connect, sock.connect_ex, sock.sendto
    real_create_connection = _socket.create_connection

    def connect(self, address):
        if self.family in (_socket.AF_INET, _socket.AF_INET6) and not _is_local(address):
            _refuse(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family in (_socket.AF_INET, _socket.AF_INET6) and not _is_local(address):
            _refuse(address)
        return real_connect_ex(self, address)

    def sendto(self, data, *args):
        address = args[-1] if args else None
        if self.family in (_socket.AF_INET, _socket.AF_INET6) and not _is_local(address):
            _refuse(address)
        return real_sendto(self, data, *args)

    def create_connection(address, *args, **kwargs):
        if not _is_local(address):
            _refuse(address)
        return real_create_connection(address, *args, **kwargs)

    sock.connect, sock.connect_ex, sock.sendto = connect, connect_ex, sendto
    _socket.create_connection = create_connection
    sock._medialit_offline = True
    _socket.OfflineError = OfflineError


def _empty_nltk_path(module):
    folder = _os.environ.get("NLTK_DATA", "")
    module.path[:] = [p for p in folder.split(_os.pathsep) if p]


class _NltkDataFinder:
    """Trims nltk.data.path to $NLTK_DATA right after nltk.data is imported (it adds ~/nltk_data and others)."""

    def find_spec(self, name, path=None, target=None):
        if name != "nltk.data":
            return None
        _sys.meta_path.remove(self)
        try:
            import importlib.util

            spec = importlib.util.find_spec(name)
        finally:
            _sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        real_exec = spec.loader.exec_module

        def exec_module(module):
            real_exec(module)
            _empty_nltk_path(module)

        spec.loader.exec_module = exec_module
        return spec


def _install_nltk_guard():
    if "nltk.data" in _sys.modules:
        _empty_nltk_path(_sys.modules["nltk.data"])
    elif not any(isinstance(f, _NltkDataFinder) for f in _sys.meta_path):
        _sys.meta_path.insert(0, _NltkDataFinder())


if _os.environ.get("MEDIALIT_OFFLINE_GUARD"):
    _install_network_guard()
    _install_nltk_guard()
'''

_GUARD: dict[str, object] = {}
GUARD_DIR = Path(tempfile.mkdtemp(prefix="medialit-offline-"))
EMPTY_NLTK_DATA = GUARD_DIR / "nltk_data"


def _install_offline_guard() -> None:
    """Block the network and NLTK data here and in every Python subprocess the tests start."""
    EMPTY_NLTK_DATA.mkdir(exist_ok=True)
    site = GUARD_DIR / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(GUARD_SOURCE, encoding="utf-8")
    os.environ["MEDIALIT_OFFLINE_GUARD"] = "1"
    os.environ["NLTK_DATA"] = str(EMPTY_NLTK_DATA)
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(site) + (os.pathsep + old if old else "")
    exec(compile(GUARD_SOURCE, str(site / "sitecustomize.py"), "exec"), _GUARD)


_install_offline_guard()


@pytest.fixture(scope="session", autouse=True)
def offline() -> dict[str, object]:
    """The guard's namespace (``OfflineError``, ``_is_local``); it is active for the whole session."""
    import nltk.data

    assert nltk.data.path == [str(EMPTY_NLTK_DATA)], nltk.data.path
    return _GUARD


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(GUARD_DIR, ignore_errors=True)
