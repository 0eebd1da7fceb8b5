"""The embedded state store: one SQLite file in the data directory, written by the one server process.

WAL, one lock per process. A damaged file found at start is moved aside so the service can answer.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from clusterbot.errors import DataError
from clusterbot.messages import msg
from clusterbot.state_base import DEFAULT_LEASE_S, DEFAULT_RETENTION_S, HEALTH_CHECK_EVERY_S, StateStore

log = logging.getLogger("clusterbot.state")


class CorruptState(Exception):
    """quick_check found damage, or SQLite cannot read the file as a database."""


def _quick_check(db: sqlite3.Connection) -> str | None:
    """None when SQLite's quick_check passes, else its first complaint."""
    try:
        rows = db.execute("PRAGMA quick_check(5)").fetchall()
    except sqlite3.OperationalError:
        raise  # locked or unreadable: not damage, reported as such by the caller
    except sqlite3.DatabaseError as exc:
        return str(exc)[:200]
    first = rows[0][0] if rows else "no result"
    return None if first == "ok" else " ".join(" ".join(str(r[0]) for r in rows).split())[:200]


def move_aside(path: Path, clock=time.time) -> Path:
    """Rename a damaged database (and its WAL and shared-memory files) so a fresh one can start."""
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(clock()))
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():  # two damaged files within one second: keep both
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    for suffix in ("", "-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            side.rename(Path(str(target) + suffix))
    return target


class SQLiteStateStore(StateStore):
    backend = "sqlite"
    # (file, conversation key) -> lock, shared by every store on the file in this process
    _turn_locks: weakref.WeakValueDictionary[tuple[str, str], Any] = weakref.WeakValueDictionary()
    _turn_locks_guard = threading.Lock()

    def __init__(self, path: Path, clock=time.time, retention_s: float = DEFAULT_RETENTION_S,
                 worker_id: str = "local", lease_s: float = DEFAULT_LEASE_S) -> None:
        self._setup(clock, retention_s, worker_id, lease_s)
        self.path = Path(path)
        self._lock_db = threading.RLock()
        self.moved_to: Path | None = None  # where a damaged file found at start was moved
        self._health: tuple[float, str | None] = (float("-inf"), None)
        self._last_error: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._open()
            except CorruptState as exc:
                # A damaged file would fail every event while the process looks alive: start afresh
                # and keep the old file for inspection.
                self.moved_to = move_aside(self.path, clock)
                log.warning("%s", msg("state.moved_aside", path=str(self.path), moved_to=str(self.moved_to),
                                      reason=str(exc)))
                self._open()
        except (sqlite3.Error, OSError, CorruptState) as exc:
            # Read-only, unreadable or missing-directory state: one line naming the file, not a traceback.
            raise DataError("state.unavailable", path=str(self.path), reason=str(exc)[:200]) from exc

    def describe(self) -> str:
        return str(self.path)

    def _open(self) -> None:
        existed = self.path.exists() and self.path.stat().st_size > 0
        self._db = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False, isolation_level=None)
        try:
            self._db.row_factory = sqlite3.Row
            problem = _quick_check(self._db) if existed else None
            if problem:
                raise CorruptState(problem)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA busy_timeout=30000")
            self._db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: safe on crash, fast commits
            self._migrate()
            with self._tx() as db:  # rewriting the header proves the file is writable now, not at the first answer
                (user_version,) = db.execute("PRAGMA user_version").fetchone()
                db.execute(f"PRAGMA user_version = {int(user_version)}")
        except sqlite3.OperationalError:
            self._db.close()
            raise
        except (sqlite3.DatabaseError, CorruptState) as exc:
            self._db.close()
            raise CorruptState(str(exc)[:200]) from exc

    def health(self, every_s: float = HEALTH_CHECK_EVERY_S) -> str | None:
        """None when the file reads cleanly; else why not. quick_check runs at most every `every_s`."""
        now = time.monotonic()
        if self._last_error is not None:
            return self._last_error
        checked_at, problem = self._health
        if now - checked_at < every_s:
            return problem
        problem = self._check_on_disk()  # without the store lock: the ack path keeps claiming meanwhile
        self._health = (now, problem)
        return problem

    def _check_on_disk(self) -> str | None:
        """quick_check through a fresh read-only connection: the serving one may answer from its page cache."""
        if not self.path.exists():
            return f"{self.path.name} is missing"
        try:
            probe = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        except sqlite3.Error as exc:
            return str(exc)[:200]
        try:
            return _quick_check(probe)
        except sqlite3.Error as exc:
            return str(exc)[:200]
        finally:
            probe.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock_db:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.DatabaseError as exc:
                self._note_error(exc)
                raise
            try:
                yield self._db
            except BaseException as exc:
                self._note_error(exc)
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            try:
                self._db.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                self._note_error(exc)
                raise

    def _rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        with self._lock_db:
            return [dict(row) for row in self._db.execute(sql, params).fetchall()]

    def _run_script(self, db: sqlite3.Connection, sql: str) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                db.execute(statement)

    @contextmanager
    def _conversation_lock(self, key: str) -> Iterator[None]:
        # One process writes this file: a lock per conversation key in memory serialises its turns.
        name = (str(self.path.resolve()), key)
        with self._turn_locks_guard:
            lock = self._turn_locks.get(name)
            if lock is None:
                lock = threading.Lock()
                self._turn_locks[name] = lock
        with lock:
            yield

    def _note_error(self, exc: BaseException) -> None:
        """Damage seen while serving makes /healthz unhealthy at once (a lock timeout does not)."""
        if type(exc) is sqlite3.DatabaseError:  # SQLITE_CORRUPT/NOTADB; not locks, constraints or misuse
            self._last_error = str(exc)[:200]

    def close(self) -> None:
        with self._lock_db:
            self._db.close()
