"""The state interface both backends implement: its SQL (with `?` placeholders) and migration runner.

Backends: SQLite (clusterbot/state_sqlite.py) and PostgreSQL (clusterbot/state_postgres.py); which one a
deployment uses is chosen in clusterbot/state.py (`open_state`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, Self, cast

from clusterbot.migrations import numbered_sql
from clusterbot.models import Answer, Question

MIGRATIONS_PACKAGE = "clusterbot.state_migrations.sqlite"  # the embedded backend's migrations
DEFAULT_RETENTION_S = 365 * 86400.0   # exchanges (audit log), their feedback and idle conversations
DEFAULT_LEASE_S = 60.0                # a pending delivery's lease; renewed while its worker is alive
HEALTH_CHECK_EVERY_S = 10.0           # /healthz reruns its check at most this often
MAX_HOLD_S = 600.0                    # work held longer is presumed stuck: its lease is left to expire
TABLES = ("conversations", "deliveries", "exchanges", "feedback", "rate_hits")  # in copy order
log = logging.getLogger("clusterbot.state")


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Tx(Protocol):
    """One transaction: `?` placeholders, rows readable by column name."""

    def execute(self, sql: str, params: Any = ()) -> Cursor: ...


@dataclass
class Turn:
    """One conversation turn: `state` as loaded (None when new); set it to what should be saved."""

    key: str
    state: dict[str, Any] | None


def dumps_json(value: Any) -> str:
    """JSON kept readable (UTF-8), escaped only when it holds lone surrogates a database cannot store.

    A JSON body may carry "\\ud800" (Slack event text, for one); it must not fail the dedupe record.
    """
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value)
    return text


def default_worker_id(data_dir: Path | str) -> str:
    """Host and data directory: a restarted worker is the same worker and resumes its own work at once."""
    digest = hashlib.sha1(str(Path(data_dir).expanduser().resolve()).encode()).hexdigest()[:10]
    return f"{socket.gethostname()}:{digest}"


class StateStore:
    """The interface every channel uses; the backends supply connections, transactions and locks.

    Every write is one transaction, so a failure leaves nothing half-written.
    """

    backend = "base"
    shared = False  # True when other processes use the same store (leases are renewed and swept)
    migrations_package = MIGRATIONS_PACKAGE

    embedded: type[StateStore] | None = None  # set by clusterbot.state: what `StateStore(path)` opens

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        if cls is StateStore and StateStore.embedded is not None:  # `StateStore(path)`: SQLite, as it always was
            return cast(Self, object.__new__(StateStore.embedded))
        return object.__new__(cls)

    def _setup(self, clock, retention_s: float, worker_id: str, lease_s: float) -> None:
        self._clock = clock
        self._pruned_at = float("-inf")
        self._ttl = 86400.0  # the longest dedupe ttl and rate window seen, for pruning
        self._window = 3600.0
        self.retention_s = retention_s
        self.worker_id = worker_id
        self.lease_s = lease_s
        self._held: dict[str, float] = {}  # keys this process is working on -> since (monotonic)
        self._held_lock = threading.Lock()

    # backend hooks ---------------------------------------------------------------------
    def _tx(self) -> AbstractContextManager[Tx]:
        raise NotImplementedError

    def _rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _lock(self, db: Tx, name: str) -> None:
        """Serialise transactions on `name` (rate-limit buckets, migrations) until this one ends."""

    def _conversation_lock(self, key: str) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _run_script(self, db: Tx, sql: str) -> None:
        raise NotImplementedError

    def health(self, every_s: float = HEALTH_CHECK_EVERY_S) -> str | None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        """Where the store is, for people (never a password)."""
        raise NotImplementedError

    # migrations: one runner for both backends -------------------------------------------
    def _migrate(self) -> None:
        with self._tx() as db:
            self._lock(db, "schema_migrations")  # workers starting together migrate once
            db.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                       "(version INTEGER PRIMARY KEY, name TEXT, applied_at DOUBLE PRECISION)")
            done = {row["version"] for row in db.execute("SELECT version FROM schema_migrations").fetchall()}
            for version, name, sql in numbered_sql(self.migrations_package):
                if version in done:
                    continue
                self._run_script(db, sql)
                db.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, self._clock()))
                log.info("state: applied migration %s to %s", name, self.backend)

    def schema_version(self) -> int:
        rows = self._rows("SELECT MAX(version) AS v FROM schema_migrations")
        return int(rows[0]["v"] or 0) if rows else 0

    def latest_version(self) -> int:
        found = numbered_sql(self.migrations_package)
        return found[-1][0] if found else 0

    # conversations -------------------------------------------------------------------
    def load_conversation(self, key: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT state FROM conversations WHERE key = ?", (key,))
        return json.loads(rows[0]["state"]) if rows else None

    def save_conversation(self, key: str, state: dict[str, Any]) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO conversations (key, state, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                (key, dumps_json(state), self._clock()),
            )

    def reset_conversation(self, key: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM conversations WHERE key = ?", (key,))

    @contextmanager
    def conversation_turn(self, key: str) -> Iterator[Turn]:
        """Load, let the caller answer, save: turns of one conversation run one after another on every
        worker, so two concurrent turns never lose an update. Nothing is saved when the caller raises."""
        with self._conversation_lock(key):
            turn = Turn(key, self.load_conversation(key))
            yield turn
            if turn.state is not None:
                self.save_conversation(key, turn.state)

    # deliveries (dedupe, leases) -----------------------------------------------------
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
        Keys after a seen one are left alone. The claimer holds the lease of what it claimed.
        """
        now = self._clock()
        with self._tx() as db:
            self._prune(db, now)
            self._ttl = max(self._ttl, ttl_s)
            for key, payload, status in entries:
                cur = db.execute(
                    "INSERT INTO deliveries (key, channel, status, payload, created_at, updated_at, lease_owner,"
                    " lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                    "channel = excluded.channel, status = excluded.status, payload = excluded.payload, "
                    "created_at = excluded.created_at, updated_at = excluded.updated_at, "
                    "lease_owner = excluded.lease_owner, lease_until = excluded.lease_until "
                    "WHERE deliveries.created_at < ?",
                    (key, channel, status, dumps_json(payload) if payload else None, now, now, self.worker_id,
                     now + self.lease_s, now - ttl_s),
                )
                if cur.rowcount != 1:
                    return False
        for key, _payload, status in entries:
            if status in ("pending", "sending"):
                self._hold(key)
        return True

    def _hold(self, key: str) -> None:
        if self.shared:
            with self._held_lock:
                self._held[key] = time.monotonic()

    def _release(self, key: str) -> None:
        with self._held_lock:
            self._held.pop(key, None)

    def held_keys(self) -> list[str]:
        """Keys this process is working on (their leases are renewed); stuck ones are let go."""
        cutoff = time.monotonic() - MAX_HOLD_S
        with self._held_lock:
            for key in [k for k, since in self._held.items() if since < cutoff]:
                del self._held[key]
            return list(self._held)

    def renew_leases(self) -> int:
        """Extend the leases of work in progress here; run every lease_s/3 by shared backends."""
        keys = self.held_keys()
        if not keys:
            return 0
        marks = ", ".join("?" for _ in keys)
        with self._tx() as db:
            cur = db.execute(f"UPDATE deliveries SET lease_until = ? WHERE lease_owner = ? AND key IN ({marks})",  # noqa: S608
                             (self._clock() + self.lease_s, self.worker_id, *keys))
            return cur.rowcount

    def _prune(self, db: Tx, now: float, force: bool = False) -> None:
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
            db.execute("UPDATE deliveries SET status = ?, updated_at = ? WHERE key = ?", (status, self._clock(), key))
        if status in ("done", "failed"):
            self._release(key)

    def note_delivery(self, key: str, **values: Any) -> None:
        """Add values to a delivery's payload (e.g. the ts of the interim message a restart must reuse)."""
        with self._tx() as db:
            self._lock(db, f"delivery:{key}")
            row = db.execute("SELECT payload FROM deliveries WHERE key = ?", (key,)).fetchone()
            if row is None:
                return
            payload = json.loads(row["payload"]) if row["payload"] else {}
            payload.update(values)
            db.execute("UPDATE deliveries SET payload = ?, updated_at = ? WHERE key = ?",
                       (dumps_json(payload), self._clock(), key))

    def delivery_status(self, key: str) -> str | None:
        rows = self._rows("SELECT status FROM deliveries WHERE key = ?", (key,))
        return rows[0]["status"] if rows else None

    def pending_deliveries(self, channel: str, status: str = "pending") -> list[tuple[str, dict[str, Any]]]:
        """Work claimed but never finished that this worker may resume now, taken over in one statement.

        Its own (a previous run of this worker died mid-answer) and any whose lease expired (another worker
        died): exactly one worker gets each. Work in progress in this process is not returned again.
        """
        now = self._clock()
        busy = self.held_keys()
        skip = f" AND key NOT IN ({', '.join('?' for _ in busy)})" if busy else ""
        with self._tx() as db:
            rows = db.execute(
                "UPDATE deliveries SET lease_owner = ?, lease_until = ? WHERE channel = ? AND status = ? AND "  # noqa: S608
                f"(lease_owner = ? OR lease_owner IS NULL OR lease_until < ?){skip} RETURNING key, payload, created_at",
                (self.worker_id, now + self.lease_s, channel, status, self.worker_id, now, *busy),
            ).fetchall()
        rows = sorted(rows, key=lambda r: (r["created_at"], r["key"]))
        for row in rows:
            self._hold(row["key"])
        return [(r["key"], json.loads(r["payload"]) if r["payload"] else {}) for r in rows]

    def count_pending(self, channel: str) -> int:
        """Unfinished work of a channel on every worker (the status page); takes nothing over."""
        rows = self._rows("SELECT COUNT(*) AS n FROM deliveries WHERE channel = ? AND status = 'pending'", (channel,))
        return int(rows[0]["n"])

    # audit log -----------------------------------------------------------------------
    def log_exchange(self, question: Question, answer: Answer, data_vintage: str | None = None,
                     message_ref: str | None = None) -> int:
        with self._tx() as db:
            row = db.execute(
                "INSERT INTO exchanges (created_at, channel, user_id, thread, question, answer, status, intent,"
                " citations, facts, tool_calls, data_vintage, mode, latency_ms, message_ref)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    self._clock(), question.channel, question.user, question.thread, question.text,
                    answer.answer, answer.status, answer.intent,
                    dumps_json([c.model_dump() for c in answer.citations]),
                    dumps_json([f.model_dump() for f in answer.facts]),
                    dumps_json([t.model_dump() for t in answer.tool_calls]),
                    data_vintage, answer.mode, answer.latency_ms, message_ref,
                ),
            ).fetchone()
            return int(row["id"])

    def set_message_ref(self, exchange_id: int, message_ref: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE exchanges SET message_ref = ? WHERE id = ?", (message_ref, exchange_id))

    def exchange_by_ref(self, message_ref: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM exchanges WHERE message_ref = ?", (message_ref,))
        return rows[0] if rows else None

    def tail(self, n: int = 10) -> list[dict[str, Any]]:
        rows = self._rows("SELECT * FROM exchanges ORDER BY id DESC LIMIT ?", (max(0, n),))
        out = []
        for item in reversed(rows):
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
        return self._rows(sql + " ORDER BY f.id", params)

    # rate limits ---------------------------------------------------------------------
    def allow(self, bucket: str, limit: int, window_s: float = 60.0) -> bool:
        """Sliding-window limit shared by every worker: True and counted when under `limit` hits."""
        now = self._clock()
        with self._tx() as db:
            self._window = max(self._window, window_s)
            self._prune(db, now)
            self._lock(db, f"rate:{bucket}")
            row = db.execute("SELECT COUNT(*) AS n FROM rate_hits WHERE bucket = ? AND at >= ?",
                             (bucket, now - window_s)).fetchone()
            if row["n"] >= limit:
                return False
            db.execute("INSERT INTO rate_hits (bucket, at) VALUES (?, ?)", (bucket, now))
            return True
