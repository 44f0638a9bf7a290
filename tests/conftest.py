"""Fixtures and guards shared by the unit tests.

The offline guard (no network beyond loopback, no NLTK data) lives in the
repository's root ``conftest.py`` so that it also covers the notebook runs
(``pytest notebooks/``); see there. Its two promises:

* **Offline.** Any attempt to reach a non-loopback address raises
  ``OfflineError`` at once, before a packet is sent; loopback stays open
  (notebook kernels talk over ZMQ on 127.0.0.1, the browser tests to a local
  JupyterLab). Python subprocesses started by the tests, notebook kernels
  included, get the same guard through a ``sitecustomize`` module put on
  their ``PYTHONPATH``.
* **No NLTK data.** ``NLTK_DATA`` points at an empty folder and
  ``nltk.data.path`` holds nothing else, so a feature that needs downloaded
  data (punkt, wordnet, stopwords) fails loudly instead of passing on a
  developer's machine and breaking in a classroom.

Hypothesis profiles: ``short`` (the default, used by ``make test``: few,
reproducible examples) and ``long`` (``make fuzz``: at least 10,000
examples per property, random). Choose one with ``HYPOTHESIS_PROFILE=long``
or ``--hypothesis-profile=long``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import medialit as ml

SEED = "rt-nato-russia-2022-01-12"

# ------------------------------------------------------------- hypothesis
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("short", max_examples=40, deadline=None, derandomize=True, suppress_health_check=_SLOW_OK)
settings.register_profile(
    "long", max_examples=10_000, deadline=None, derandomize=False, print_blob=True, suppress_health_check=_SLOW_OK
)


def pytest_configure(config: pytest.Config) -> None:
    """Load the profile named by --hypothesis-profile, else $HYPOTHESIS_PROFILE, else "short"."""
    settings.load_profile(
        config.getoption("--hypothesis-profile", None) or os.environ.get("HYPOTHESIS_PROFILE", "short")
    )


# ---------------------------------------------------------------- answers
@pytest.fixture
def answers_sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh answers folder, login name and registries (names, stores, live exercises) for one test.

    Modules whose every test saves answers use it as their autouse ``isolated`` fixture.
    """
    from medialit import answers
    from medialit.widgets import base as wbase

    root = tmp_path / "answers"
    monkeypatch.setenv("MEDIALIT_ANSWERS", str(root))
    monkeypatch.setenv("MEDIALIT_STUDENT", "tester")
    monkeypatch.setattr(answers, "_STUDENTS", {})
    monkeypatch.setattr(answers, "_STORE_CACHE", {})
    monkeypatch.setattr(wbase, "_LIVE", {})
    return root


# --------------------------------------------------------------- articles
@pytest.fixture(scope="session")
def seed() -> ml.Article:
    """The case-study article."""
    return ml.load_article(SEED)


@pytest.fixture(scope="session")
def seed_key(seed: ml.Article) -> ml.Key:
    """The case study's answer key."""
    return ml.load_key(seed)
