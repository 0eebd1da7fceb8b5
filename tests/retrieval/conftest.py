"""Fixtures for the corpus tests: one built index shared read-only, fresh ones for tests that change it."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterbot.config import Settings

FIXTURES = Path(__file__).with_name("fixtures")


@pytest.fixture(scope="session")
def built_index(tmp_path_factory) -> Settings:
    """The shipped policy indexed once per worker. Tests must not ingest into it."""
    from clusterbot.retrieval.index import ensure_index

    settings = Settings(data_dir=tmp_path_factory.mktemp("policy-index") / "data")
    ensure_index(settings)
    return settings


@pytest.fixture
def fresh_index(isolated_env) -> Settings:
    """An index of its own (built from the shipped policy) that a test may change."""
    from clusterbot.retrieval.index import ensure_index

    settings = Settings(data_dir=isolated_env)
    ensure_index(settings)
    return settings


@pytest.fixture
def articles_file() -> Path:
    return FIXTURES / "county-cluster-fund-measures.txt"
