"""The small state interface: conversations, delivery dedupe, audit log, feedback, rate limits.

One SQLite file in the data directory, written by the one server process (WAL, one lock).
A multi-worker deployment swaps this class for one backed by a shared server.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from clusterbot.errors import DataError
from clusterbot.messages import msg
from clusterbot.migrations import numbered_sql
from clusterbot.models import Answer, Question

MIGRATIONS_PACKAGE = "clusterbot.state_migrations"
DEFAULT_RETENTION_S = 365 * 86400.0   # exchanges (audit log), their feedback and idle conversations
HEALTH_CHECK_EVERY_S = 10.0           # /healthz reruns quick_check at most this often
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


def _dumps(value: Any) -> str:
    """JSON kept readable (UTF-8), escaped only when it holds lone surrogates SQLite cannot store.

    A JSON body may carry "\\ud800" (Slack event text, for one); it must not fail the dedupe record.
    """
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value)
    return text


class StateStore:
    def __init__(self, path: Path, clock=time.time, retention_s: float = DEFAULT_RETENTION_S) -> None:
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.RLock()
        self._pruned_at = float("-inf")
        self._ttl = 86400.0  # the longest dedupe ttl and rate window seen, for pruning
        self._window = 3600.0
        self.retention_s = retention_s
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
        with self._lock:
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

    def _note_error(self, exc: BaseException) -> None:
        """Damage seen while serving makes /healthz unhealthy at once (a lock timeout does not)."""
        if type(exc) is sqlite3.DatabaseError:  # SQLITE_CORRUPT/NOTADB; not locks, constraints or misuse
            self._last_error = str(exc)[:200]

    def _migrate(self) -> None:
        with self._tx() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at REAL)"
            )
            done = {row[0] for row in db.execute("SELECT version FROM schema_migrations")}
            for version, name, sql in numbered_sql(MIGRATIONS_PACKAGE):
                if version in done:
                    continue
                for statement in sql.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, self._clock())
                )
            # Rewriting the header proves the file is writable now, not at the first answer.
            (user_version,) = db.execute("PRAGMA user_version").fetchone()
            db.execute(f"PRAGMA user_version = {int(user_version)}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # conversations -------------------------------------------------------------------
    def load_conversation(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT state FROM conversations WHERE key = ?", (key,)).fetchone()
        return json.loads(row["state"]) if row else None

    def save_conversation(self, key: str, state: dict[str, Any]) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO conversations (key, state, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                (key, _dumps(state), self._clock()),
            )

    def reset_conversation(self, key: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM conversations WHERE key = ?", (key,))

    # deliveries (dedupe) -------------------------------------------------------------
    def claim(self, key: str, channel: str, payload: dict[str, Any] | None = None, ttl_s: float = 86400,
              status: str = "pending") -> bool:
        """Record a delivery key before acknowledging it; False when it was seen within ttl_s."""
        return self.claim_all([(key, payload, status)], channel, ttl_s)

    def keep_keys_for(self, ttl_s: float) -> None:
        """Prune dedupe keys no sooner than `ttl_s`, from the first prune on (a channel whose replay window is
        longer than a day declares it before the store is pruned at start)."""
        self._ttl = max(self._ttl, ttl_s)

    def claim_all(self, entries: list[tuple[str, dict[str, Any] | None, str]], channel: str,
                  ttl_s: float = 86400) -> bool:
        """Claim (key, payload, status) entries in order, in one transaction; False at the first one seen.

        One statement per key on the acknowledgement path: insert, or take over a record older than ttl_s.
        Keys after a seen one are left alone.
        """
        now = self._clock()
        with self._tx() as db:
            self._prune(db, now)
            self._ttl = max(self._ttl, ttl_s)
            for key, payload, status in entries:
                cur = db.execute(
                    "INSERT INTO deliveries VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                    "channel = excluded.channel, status = excluded.status, payload = excluded.payload, "
                    "created_at = excluded.created_at, updated_at = excluded.updated_at "
                    "WHERE deliveries.created_at < ?",
                    (key, channel, status, _dumps(payload) if payload else None, now, now, now - ttl_s),
                )
                if cur.rowcount != 1:
                    return False
            return True

    def _prune(self, db: sqlite3.Connection, now: float, force: bool = False) -> None:
        """Drop expired dedupe keys and rate hits, and exchanges past the retention, at most once a minute."""
        if now - self._pruned_at < 60 and not force:
            return
        self._pruned_at = now
        db.execute("DELETE FROM deliveries WHERE created_at < ?", (now - self._ttl,))
        db.execute("DELETE FROM rate_hits WHERE at < ?", (now - self._window,))
        if self.retention_s > 0:
            cutoff = now - self.retention_s
            db.execute("DELETE FROM feedback WHERE exchange_id IN (SELECT id FROM exchanges WHERE created_at < ?)",
                       (cutoff,))
            db.execute("DELETE FROM exchanges WHERE created_at < ?", (cutoff,))
            db.execute("DELETE FROM conversations WHERE updated_at < ?", (cutoff,))

    def prune(self) -> None:
        """Prune now (at start); afterwards it happens on the request path at most once a minute."""
        with self._tx() as db:
            self._prune(db, self._clock(), force=True)

    def mark_delivery(self, key: str, status: str) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE deliveries SET status = ?, updated_at = ? WHERE key = ?", (status, self._clock(), key)
            )

    def note_delivery(self, key: str, **values: Any) -> None:
        """Add values to a delivery's payload (e.g. the ts of the interim message a restart must reuse)."""
        with self._tx() as db:
            row = db.execute("SELECT payload FROM deliveries WHERE key = ?", (key,)).fetchone()
            if row is None:
                return
            payload = json.loads(row["payload"]) if row["payload"] else {}
            payload.update(values)
            db.execute("UPDATE deliveries SET payload = ?, updated_at = ? WHERE key = ?",
                       (_dumps(payload), self._clock(), key))

    def delivery_status(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT status FROM deliveries WHERE key = ?", (key,)).fetchone()
        return row["status"] if row else None

    def pending_deliveries(self, channel: str, status: str = "pending") -> list[tuple[str, dict[str, Any]]]:
        """Work claimed but never finished (e.g. the process died mid-answer); 'sending': died mid-send."""
        with self._lock:
            rows = self._db.execute(
                "SELECT key, payload FROM deliveries WHERE channel = ? AND status = ? ORDER BY created_at",
                (channel, status),
            ).fetchall()
        return [(r["key"], json.loads(r["payload"]) if r["payload"] else {}) for r in rows]

    # audit log -----------------------------------------------------------------------
    def log_exchange(self, question: Question, answer: Answer, data_vintage: str | None = None,
                     message_ref: str | None = None) -> int:
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO exchanges (created_at, channel, user_id, thread, question, answer, status, intent,"
                " citations, facts, tool_calls, data_vintage, mode, latency_ms, message_ref)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    self._clock(), question.channel, question.user, question.thread, question.text,
                    answer.answer, answer.status, answer.intent,
                    _dumps([c.model_dump() for c in answer.citations]),
                    _dumps([f.model_dump() for f in answer.facts]),
                    _dumps([t.model_dump() for t in answer.tool_calls]),
                    data_vintage, answer.mode, answer.latency_ms, message_ref,
                ),
            )
            return int(cur.lastrowid or 0)

    def set_message_ref(self, exchange_id: int, message_ref: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE exchanges SET message_ref = ? WHERE id = ?", (message_ref, exchange_id))

    def exchange_by_ref(self, message_ref: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM exchanges WHERE message_ref = ?", (message_ref,)).fetchone()
        return dict(row) if row else None

    def tail(self, n: int = 10) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM exchanges ORDER BY id DESC LIMIT ?", (max(0, n),)).fetchall()
        out = []
        for row in reversed(rows):
            item = dict(row)
            for field in ("citations", "facts", "tool_calls"):
                item[field] = json.loads(item[field])
            out.append(item)
        return out

    def add_feedback(self, exchange_id: int, user: str, value: str) -> None:
        """One vote per user and exchange: a repeated click changes it, never adds another."""
        with self._tx() as db:
            db.execute(
                "INSERT INTO feedback (exchange_id, user_id, value, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (exchange_id, user_id) DO UPDATE SET value = excluded.value, "
                "created_at = excluded.created_at",
                (exchange_id, user, value, self._clock()),
            )

    def feedback(self, since: float = 0.0, value: str | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT f.value, f.user_id AS rater, f.created_at AS rated_at, e.* FROM feedback f "
            "JOIN exchanges e ON e.id = f.exchange_id WHERE f.created_at >= ?"
        )
        params: list[Any] = [since]
        if value:
            sql += " AND f.value = ?"
            params.append(value)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY f.id", params).fetchall()
        return [dict(r) for r in rows]

    # rate limits ---------------------------------------------------------------------
    def allow(self, bucket: str, limit: int, window_s: float = 60.0) -> bool:
        """Sliding-window limit: True and counted when under `limit` hits in the window."""
        now = self._clock()
        with self._tx() as db:
            self._window = max(self._window, window_s)
            self._prune(db, now)
            (count,) = db.execute(
                "SELECT COUNT(*) FROM rate_hits WHERE bucket = ? AND at >= ?", (bucket, now - window_s)
            ).fetchone()
            if count >= limit:
                return False
            db.execute("INSERT INTO rate_hits VALUES (?, ?)", (bucket, now))
            return True


def open_state(data_dir: Path, retention_s: float = DEFAULT_RETENTION_S) -> StateStore:
    return StateStore(Path(data_dir) / "state.sqlite3", retention_s=retention_s)


def state_for(settings) -> StateStore:
    """The state store of `settings`, pruned with its `exchange_retention_days` (0 keeps everything).

    Every entry point (serve over HTTP, Socket Mode, push, the CLI) opens the store through here, so none
    prunes the audit log with a default of its own."""
    return open_state(settings.data_dir, retention_s=max(0.0, settings.exchange_retention_days) * 86400.0)
