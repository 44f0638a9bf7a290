"""Fixtures shared by the unit tests: the bundled articles, loaded once."""

from __future__ import annotations

import pytest

import medialit as ml

SEED = "rt-nato-russia-2022-01-12"


@pytest.fixture(scope="session")
def seed() -> ml.Article:
    """The case-study article."""
    return ml.load_article(SEED)


@pytest.fixture(scope="session")
def seed_key(seed: ml.Article) -> ml.Key:
    """The case study's answer key."""
    return ml.load_key(seed)
