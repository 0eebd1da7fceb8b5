"""The small state interface: conversations, delivery dedupe, audit log, feedback, rate limits.

One SQLite file in the data directory, written by the one server process (WAL, one lock).
A multi-worker deployment swaps this class for one backed by a shared server.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from clusterbot.errors import DataError
from clusterbot.migrations import numbered_sql
from clusterbot.models import Answer, Question

MIGRATIONS_PACKAGE = "clusterbot.state_migrations"


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
    def __init__(self, path: Path, clock=time.time) -> None:
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.RLock()
        self._pruned_at = float("-inf")
        self._ttl = 86400.0  # the longest dedupe ttl and rate window seen, for pruning
        self._window = 3600.0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA busy_timeout=30000")
            self._db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: safe on crash, fast commits
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            # Read-only, corrupt or missing-directory state: one line naming the file, not a traceback.
            raise DataError("state.unavailable", path=str(self.path), reason=str(exc)[:200]) from exc

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

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

    def _prune(self, db: sqlite3.Connection, now: float) -> None:
        """Drop expired dedupe keys and rate hits, at most once a minute (not on every request)."""
        if now - self._pruned_at < 60:
            return
        self._pruned_at = now
        db.execute("DELETE FROM deliveries WHERE created_at < ?", (now - self._ttl,))
        db.execute("DELETE FROM rate_hits WHERE at < ?", (now - self._window,))

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

    def pending_deliveries(self, channel: str) -> list[tuple[str, dict[str, Any]]]:
        """Work claimed but never finished (e.g. the process died mid-answer)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT key, payload FROM deliveries WHERE channel = ? AND status = 'pending' ORDER BY created_at",
                (channel,),
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
        with self._tx() as db:
            db.execute(
                "INSERT INTO feedback (exchange_id, user_id, value, created_at) VALUES (?, ?, ?, ?)",
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


def open_state(data_dir: Path) -> StateStore:
    return StateStore(Path(data_dir) / "state.sqlite3")
