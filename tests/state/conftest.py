"""A real PostgreSQL server per test session (per xdist worker), a fresh database per test.

Skipped, with the reason, only when the server binaries are not installed (`.ci/run` installs them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from clusterbot.state import StateStore
from tests.hardening.conftest import stalling_slack, stalling_wecom  # noqa: F401 (fixtures for the worker tests)
from tests.postgres_server import PostgresServer, find_bindir

NO_SERVER = ("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: install Debian's postgresql "
             "package (apt-get install postgresql; .ci/run does this) to run the PostgreSQL state tests")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    bindir = find_bindir()
    if bindir is None:
        pytest.skip(NO_SERVER)
    server = PostgresServer(bindir)
    server.start()
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture
def pg_url(pg_server) -> str:
    """The URL of a new, empty database on the session's server."""
    return pg_server.create_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def make_store(backend, request, tmp_path) -> Iterator[Callable[..., StateStore]]:
    """make_store(**kwargs) -> a store of the test's backend; every call shares one database/file."""
    from clusterbot.state_postgres import PostgresStateStore
    from clusterbot.state_sqlite import SQLiteStateStore

    opened: list[StateStore] = []
    where: list[str | Path] = []
    if backend == "postgresql":
        where.append(request.getfixturevalue("pg_url"))
    else:
        where.append(tmp_path / "state.sqlite3")

    def make(**kwargs) -> StateStore:
        store: StateStore
        if backend == "postgresql":
            store = PostgresStateStore(str(where[0]), **kwargs)
        else:
            store = SQLiteStateStore(Path(where[0]), **kwargs)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
