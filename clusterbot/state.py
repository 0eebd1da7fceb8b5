"""The small state interface: conversations, delivery dedupe with leases, audit log, feedback, rate limits.

`open_state(settings)` picks the backend: SQLite in the data directory (the embedded default, one server
process) or PostgreSQL shared by several workers (`CLUSTERBOT_STATE_URL`). `StateStore(path)` still
opens the SQLite store.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from clusterbot.errors import ConfigError
from clusterbot.migrations import numbered_sql
from clusterbot.state_base import (
    DEFAULT_LEASE_S,
    DEFAULT_RETENTION_S,
    HEALTH_CHECK_EVERY_S,
    MIGRATIONS_PACKAGE,
    TABLES,
    StateStore,
    Turn,
    default_worker_id,
    dumps_json,
)
from clusterbot.state_sqlite import SQLiteStateStore

if TYPE_CHECKING:
    from clusterbot.config import Settings

__all__ = ["DEFAULT_LEASE_S", "DEFAULT_RETENTION_S", "HEALTH_CHECK_EVERY_S", "MIGRATIONS_PACKAGE", "TABLES",
           "SQLiteStateStore", "StateStore", "Turn", "default_worker_id", "dumps_json", "open_state", "peek_state", "state_for"]

StateStore.embedded = SQLiteStateStore


def open_state(where: Settings | Path | str, retention_s: float | None = None) -> StateStore:
    """The configured store: PostgreSQL when `state_url` is set, else `state.sqlite3` in the data directory.

    A data directory alone (tests, tools) always means SQLite. Opened from settings, the store prunes the audit
    log with their `exchange_retention_days` (0 keeps everything) unless a retention is given: every entry point
    (serve over HTTP, Socket Mode, push, the CLI) opens it this way, so none prunes with a default of its own.
    """
    if isinstance(where, (Path, str)):
        return SQLiteStateStore(Path(where) / "state.sqlite3",
                                retention_s=DEFAULT_RETENTION_S if retention_s is None else retention_s)
    settings = where
    if retention_s is None:
        retention_s = max(0.0, settings.exchange_retention_days) * 86400.0
    if settings.state_url:
        from clusterbot.state_postgres import is_postgres_url, shared_store

        if not is_postgres_url(settings.state_url):
            raise ConfigError("state.bad_url")

        # A connection per answering thread (its conversation turn) and room for the acks beside them.
        return shared_store(settings.state_url, worker_id=default_worker_id(settings.data_dir),
                            lease_s=settings.state_lease_s, retention_s=retention_s,
                            max_size=max(12, settings.worker_threads + 8))
    return SQLiteStateStore(Path(settings.data_dir) / "state.sqlite3", retention_s=retention_s,
                            lease_s=settings.state_lease_s)


def peek_state(settings: Settings) -> tuple[str, int, int, float | None]:
    """(where, schema version, latest version, the server's clock or None) without creating or migrating."""
    import sqlite3

    if settings.state_url:
        from clusterbot.state_postgres import PostgresStateStore, peek

        version, server_time = peek(settings.state_url)
        return PostgresStateStore.describe_url(settings.state_url), version, \
            numbered_sql(PostgresStateStore.migrations_package)[-1][0], server_time
    path = Path(settings.data_dir) / "state.sqlite3"
    latest = numbered_sql(MIGRATIONS_PACKAGE)[-1][0]
    if not path.is_file():
        return str(path), 0, latest, None
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        try:
            (version,) = db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                raise
            version = 0
    finally:
        db.close()
    return str(path), int(version), latest, None


def state_for(settings: Settings) -> StateStore:
    """The state store of `settings`, pruned with their `exchange_retention_days` (see open_state)."""
    return open_state(settings)
