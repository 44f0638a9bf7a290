"""The kit works offline, with no NLTK data: the guard in conftest.py holds, and analyze() runs under it.

A classroom may have no internet, and a kit that quietly downloads (an NLTK
model, a font, a web page) works on the developer's laptop and fails in
front of thirty students. conftest.py blocks every connection to a
non-loopback address and hides all NLTK data for the whole test session,
here and in every Python subprocess (notebook kernels included); these tests
prove the guard is really there, that it lets loopback through (kernels talk
to Jupyter over ZMQ on 127.0.0.1), and that the kit needs nothing it blocks.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import medialit as ml

TEST_NET = ("192.0.2.1", 80)  # RFC 5737 TEST-NET-1: never routed, so a real connect would hang until timeout


def _refused_quickly(action) -> BaseException:
    start = time.monotonic()
    with pytest.raises(OSError) as e:
        action()
    assert time.monotonic() - start < 0.5, "refused at once, without waiting for the network"
    return e.value


def test_non_loopback_connections_are_refused(offline):
    OfflineError = offline["OfflineError"]

    def tcp_connect():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(10)
            s.connect(TEST_NET)

    def tcp_connect_ex():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(10)
            s.connect_ex(TEST_NET)

    def udp_sendto():
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.sendto(b"x", TEST_NET)

    for action in (
        tcp_connect,
        tcp_connect_ex,
        udp_sendto,
        lambda: socket.create_connection(TEST_NET, timeout=10),
        lambda: socket.create_connection(("example.org", 443), timeout=10),  # refused before any DNS lookup
    ):
        err = _refused_quickly(action)
        assert isinstance(err, OfflineError) and "blocked" in str(err)


def test_http_libraries_are_refused_too():
    with pytest.raises(urllib.error.URLError) as e:
        urllib.request.urlopen("http://192.0.2.1/", timeout=10)
    assert "blocked" in str(e.value)


def test_ipv6_non_loopback_is_refused(offline):
    if not socket.has_ipv6:
        pytest.skip("no IPv6 in this Python")
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
        with pytest.raises(offline["OfflineError"]):
            s.connect(("2001:db8::1", 80, 0, 0))  # RFC 3849 documentation prefix


@pytest.mark.parametrize(
    ("address", "local"),
    [
        (("127.0.0.1", 80), True),
        (("127.8.9.10", 80), True),
        (("localhost", 80), True),
        (("::1", 80, 0, 0), True),
        (("::ffff:127.0.0.1", 80, 0, 0), True),
        ("/tmp/some.sock", True),
        (b"\x00abstract", True),
        (("192.0.2.1", 80), False),
        (("10.0.0.1", 80), False),
        (("0.0.0.0", 80), False),
        (("example.org", 80), False),
        (("2001:db8::1", 80, 0, 0), False),
        (("::ffff:192.0.2.1", 80, 0, 0), False),
    ],
)
def test_what_counts_as_local(offline, address, local):
    assert offline["_is_local"](address) is local


def test_loopback_stays_open():
    """Notebook kernels (ZMQ) and the browser tests (a local JupyterLab) need 127.0.0.1 and localhost."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(2)
        port = server.getsockname()[1]
        accepted = []
        t = threading.Thread(target=lambda: [accepted.append(server.accept()[0]) for _ in range(2)])
        t.start()
        with socket.create_connection(("localhost", port), timeout=5):
            pass
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as c:
            assert c.connect_ex(("127.0.0.1", port)) == 0
        t.join(5)
        for conn in accepted:
            conn.close()
    assert len(accepted) == 2
    a, b = socket.socketpair()  # AF_UNIX
    a.sendall(b"ok")
    assert b.recv(2) == b"ok"
    a.close()
    b.close()


def test_no_nltk_data_anywhere():
    import nltk

    folder = Path(os.environ["NLTK_DATA"])
    assert nltk.data.path == [str(folder)]
    assert folder.is_dir() and not any(folder.iterdir()), "the NLTK data folder is empty"
    for resource in ("tokenizers/punkt", "tokenizers/punkt_tab", "corpora/stopwords", "corpora/wordnet"):
        with pytest.raises(LookupError):
            nltk.data.find(resource)
    with pytest.raises(LookupError):
        nltk.sent_tokenize("Needs the punkt model. It is not here.")


def test_analyze_the_case_study_offline(seed):
    """Everything the kit does works under the guard (the whole suite runs under it; this says so directly)."""
    result = ml.analyze(seed)
    counts = result.counts()
    assert set(counts) == {"quotes", "framing", "loaded", "translation"} and all(counts.values())
    assert result.language_path.source is not None
    assert result.highlight().html


GUARD_PROBE = r"""
import json, os, socket, sys
out = {"guard": getattr(socket.socket, "_medialit_offline", False)}
try:
    socket.create_connection(("192.0.2.1", 80), timeout=10)
    out["connect"] = "connected"
except OSError as e:
    out["connect"] = type(e).__name__
import nltk
out["nltk_path"] = nltk.data.path
try:
    nltk.data.find("tokenizers/punkt")
    out["punkt"] = "found"
except LookupError:
    out["punkt"] = "LookupError"
print(json.dumps(out))
"""


def test_python_subprocesses_inherit_the_guard():
    """A Python started by the tests (as nbval starts notebook kernels) gets the same guard at start-up."""
    done = subprocess.run([sys.executable, "-c", GUARD_PROBE], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out == {
        "guard": True,
        "connect": "OfflineError",
        "nltk_path": [os.environ["NLTK_DATA"]],
        "punkt": "LookupError",
    }


def test_notebook_kernels_are_offline():
    """A real Jupyter kernel, started as nbval starts one: the guard is active and ZMQ on loopback still works."""
    from jupyter_client.manager import start_new_kernel

    outputs: list[dict] = []
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        reply = kc.execute_interactive(f"exec({GUARD_PROBE!r})", timeout=60, output_hook=outputs.append)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert reply["content"]["status"] == "ok"
    text = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")
    out = json.loads(text.strip().splitlines()[-1])
    assert out == {
        "guard": True,
        "connect": "OfflineError",
        "nltk_path": [os.environ["NLTK_DATA"]],
        "punkt": "LookupError",
    }
