"""The shared state store: PostgreSQL through a psycopg 3 connection pool, for several workers.

Selected by `CLUSTERBOT_STATE_URL=postgresql://…` (or `state_url` in the config file). The SQL is the
base class's; here are the connections, row locks by advisory lock, lease renewal and the health probe.
A password belongs in PGPASSWORD or ~/.pgpass, not in the URL; `describe()` never shows one.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from clusterbot.errors import DataError
from clusterbot.state_base import DEFAULT_LEASE_S, DEFAULT_RETENTION_S, StateStore, dumps_json

log = logging.getLogger("clusterbot.state")
POOL_TIMEOUT_S = 3.0      # an ack waits at most this long for a connection, then fails (the channel retries)
CONNECT_TIMEOUT_S = 3
HEALTH_EVERY_S = 2.0      # /healthz probes the server at most this often
UNAVAILABLE = (psycopg.OperationalError, psycopg.InterfaceError, PoolTimeout)
_stores: dict[tuple[str, str], PostgresStateStore] = {}
_stores_lock = threading.Lock()


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and urlsplit(url or "").scheme in ("postgresql", "postgres")


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def _lock_id(name: str) -> int:
    """A stable signed 64-bit advisory-lock id for a name."""
    return int.from_bytes(hashlib.sha1(name.encode("utf-8")).digest()[:8], "big", signed=True)


def _clean(value: Any) -> Any:
    """PostgreSQL text holds neither NUL nor lone surrogates; SQLite does. Replace them, keep the rest."""
    if isinstance(value, str):
        if "\x00" in value:
            value = value.replace("\x00", "\ufffd")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            value = value.encode("utf-8", "replace").decode("utf-8")
    return value


class _PgTx:
    """A transaction's connection, speaking the base class's `?` placeholders."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Any = ()) -> psycopg.Cursor:
        return self.conn.execute(sql.replace("?", "%s"), [_clean(p) for p in params])  # type: ignore[arg-type]


class PostgresStateStore(StateStore):
    backend = "postgresql"
    shared = True
    migrations_package = "clusterbot.state_migrations.postgresql"

    def __init__(self, url: str, clock=time.time, retention_s: float = DEFAULT_RETENTION_S,
                 worker_id: str = "local", lease_s: float = DEFAULT_LEASE_S, max_size: int = 12) -> None:
        self._setup(clock, retention_s, worker_id, lease_s)
        self.url = url
        self._health: tuple[float, str | None] = (float("-inf"), None)
        self._closed = threading.Event()
        self._pool = ConnectionPool(
            url, min_size=1, max_size=max_size, timeout=POOL_TIMEOUT_S, open=False,
            check=ConnectionPool.check_connection, name="clusterbot-state",
            kwargs={"autocommit": True, "row_factory": dict_row, "connect_timeout": CONNECT_TIMEOUT_S,
                    "application_name": "clusterbot"},
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S + 2)
            self._migrate()
        except (psycopg.Error, PoolTimeout) as exc:
            self._pool.close()
            raise DataError("state.unavailable", path=redact(url), reason=_reason(exc)) from exc
        self._renewer = threading.Thread(target=self._renew_loop, name="state-leases", daemon=True)
        self._renewer.start()

    def describe(self) -> str:
        return redact(self.url)

    @staticmethod
    def describe_url(url: str) -> str:
        return redact(url)

    @contextmanager
    def _tx(self) -> Iterator[_PgTx]:
        with self._pool.connection() as conn, conn.transaction():
            yield _PgTx(conn)

    def _rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        with self._pool.connection() as conn:
            return cast(list[dict[str, Any]], _PgTx(conn).execute(sql, params).fetchall())

    def _lock(self, db: Any, name: str) -> None:
        db.execute("SELECT pg_advisory_xact_lock(?)", (_lock_id(name),))

    def _run_script(self, db: Any, sql: str) -> None:
        db.conn.execute(sql)  # type: ignore[arg-type]  # no parameters: psycopg runs every statement

    @contextmanager
    def _conversation_lock(self, key: str) -> Iterator[None]:
        # A session advisory lock on its own connection, held for the turn: every worker waits its turn,
        # and a worker that dies drops its connection and with it the lock.
        lock = _lock_id(f"conversation:{key}")
        with self._pool.connection(timeout=60) as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (lock,))
            try:
                yield
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (lock,))

    def claim_all(self, entries: list[tuple[str, dict[str, Any] | None, str]], channel: str,
                  ttl_s: float = 86400) -> bool:
        """As the base class, in one round trip (the acknowledgement path): the function of migration 003."""
        now = self._clock()
        if now - self._pruned_at >= 60:
            with self._tx() as db:
                self._prune(db, now)
        self._ttl = max(self._ttl, ttl_s)
        keys = [_clean(key) for key, _payload, _status in entries]
        payloads = [_clean(dumps_json(payload)) if payload else None for _key, payload, _status in entries]
        statuses = [status for _key, _payload, status in entries]
        with self._pool.connection() as conn:
            row = conn.execute("SELECT clusterbot_claim(%s, %s, %s, %s, %s, %s, %s, %s) AS ok",
                               (keys, statuses, payloads, channel, now, now - ttl_s, self.worker_id,
                                now + self.lease_s)).fetchone()
        if not (row and row["ok"]):
            return False
        for key, _payload, status in entries:
            if status in ("pending", "sending"):
                self._hold(key)
        return True

    def _renew_loop(self) -> None:
        while not self._closed.wait(max(0.2, self.lease_s / 3)):
            try:
                self.renew_leases()
            except UNAVAILABLE as exc:  # the server is away: leases run out and others take over
                log.warning("state: leases not renewed: %s", _reason(exc))
            except psycopg.Error as exc:
                log.warning("state: leases not renewed: %s", _reason(exc))

    def health(self, every_s: float = HEALTH_EVERY_S) -> str | None:
        """None when the server answers a query within a few seconds; else why not (no addresses or paths)."""
        now = time.monotonic()
        checked_at, problem = self._health
        if now - checked_at < min(every_s, HEALTH_EVERY_S):
            return problem
        try:
            with self._pool.connection(timeout=POOL_TIMEOUT_S) as conn:
                conn.execute("SELECT 1")
            problem = None
        except (psycopg.Error, PoolTimeout) as exc:
            problem = f"PostgreSQL state database unreachable ({_reason(exc)})"
        self._health = (time.monotonic(), problem)
        return problem

    def close(self) -> None:
        self._closed.set()
        with _stores_lock:
            for key, store in list(_stores.items()):
                if store is self:
                    del _stores[key]
        self._pool.close()

    # copying a deployment (clusterbot state copy) -------------------------------------
    def reset_sequences(self) -> None:
        with self._tx() as db:
            for table in ("exchanges", "feedback"):
                db.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                           f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)")


def _reason(exc: BaseException) -> str:
    """The kind of failure without host names, ports or file paths."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    for known in ("Connection refused", "timeout expired", "does not exist", "password authentication failed",
                  "the database system is starting up", "the database system is shutting down",
                  "terminating connection", "server closed the connection", "couldn't get a connection"):
        if known.lower() in text.lower():
            return f"{type(exc).__name__}: {known}"
    return type(exc).__name__ + (": " + re.sub(r'"[^"]*"|/\S+', "…", text)[:120] if text else "")


def peek(url: str) -> tuple[int, float]:
    """(schema version, the server's clock) through one short connection; nothing is created."""
    with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, autocommit=True) as conn:
        (now,) = conn.execute("SELECT EXTRACT(EPOCH FROM clock_timestamp())::float8").fetchone() or (0.0,)
        try:
            (version,) = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone() or (0,)
        except psycopg.errors.UndefinedTable:
            version = 0
    return int(version), float(now)


def shared_store(url: str, worker_id: str, lease_s: float = DEFAULT_LEASE_S,
                 retention_s: float = DEFAULT_RETENTION_S, max_size: int = 12) -> PostgresStateStore:
    """One store (one pool) per URL and worker in a process, however many assistants open it."""
    with _stores_lock:
        store = _stores.get((url, worker_id))
        if store is None:
            store = PostgresStateStore(url, worker_id=worker_id, lease_s=lease_s, retention_s=retention_s,
                                       max_size=max_size)
            _stores[(url, worker_id)] = store
        return store
