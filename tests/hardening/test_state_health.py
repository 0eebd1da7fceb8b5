"""A damaged state database, unreadable stores, pruning and one feedback vote per user.

Before, corrupt pages in `state.sqlite3` left `/healthz` at 200 while every event got a 500. Now the
file is checked at start (`PRAGMA quick_check`) and moved aside with a clear message, and `/healthz`
answers 503 naming any store (state, indicators, policy index) it cannot read.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import httpx

from clusterbot.bot.server import build_app
from clusterbot.config import load_settings
from clusterbot.migrations import numbered_sql
from clusterbot.state import MIGRATIONS_PACKAGE, StateStore
from tests.hardening.conftest import channel_env, serve_subprocess
from tests.slack.harness import SlackSender, envelope, mention, serve_asgi
from tests.slack.mock_slack import MockSlack

PAGE = 4096


def _filled_state(path: Path, keys: int = 2000) -> None:
    store = StateStore(path)
    for n in range(keys):
        store.claim(f"old:{n}", "slack", {"pad": "x" * 200})
    store.close()  # the last connection checkpoints the WAL into the main file


def _damage_pages(path: Path, first: int = 20, count: int = 3) -> None:
    with open(path, "r+b") as f:
        f.seek(PAGE * first)
        f.write(b"\xff" * PAGE * count)  # 0xff is no b-tree page type


def test_damaged_state_found_at_start_is_moved_aside_and_the_service_answers(ready_data_dir, monkeypatch, tmp_path):
    state_path = ready_data_dir / "state.sqlite3"
    _filled_state(state_path)
    _damage_pages(state_path)
    probe = sqlite3.connect(state_path)
    try:  # the damage is real: SQLite reports it or cannot even run the check
        damaged = probe.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError:
        damaged = True
    probe.close()
    assert damaged
    mock = MockSlack()
    try:
        channel_env(monkeypatch, mock.base_url, "http://127.0.0.1:9/")
        for var in ("WECOM_CORP_ID", "WECOM_AGENT_ID", "WECOM_SECRET", "WECOM_TOKEN", "WECOM_AES_KEY"):
            monkeypatch.delenv(var)
        log = tmp_path / "serve.log"
        with serve_subprocess(log) as (base, _proc):
            health = httpx.get(base + "/healthz", trust_env=False)
            assert health.status_code == 200 and health.json()["status"] == "ok"
            sender = SlackSender(base)
            response, _ = sender.event(envelope(mention("数字化改造谁牵头？", "1700000050.000100"), "EvDAMAGED"))
            sender.close()
            assert response.status_code == 200
            update = mock.wait_for("chat.update", 1, timeout=30)[0]
            assert "省工业和信息化厅" in json.dumps(update["params"], ensure_ascii=False)
    finally:
        mock.close()
    moved = sorted(ready_data_dir.glob("state.sqlite3.corrupt-*"))
    assert [p.name for p in moved if not p.name.endswith(("-wal", "-shm"))]
    text = log.read_text(encoding="utf-8")
    assert "状态数据库" in text and "已损坏" in text and moved[0].name in text and "Traceback" not in text
    fresh = StateStore(state_path)
    assert fresh.moved_to is None and fresh.delivery_status("old:1") is None
    assert fresh.delivery_status("slack:msg:C0001:1700000050.000100") == "done"
    fresh.close()


def test_healthz_is_503_naming_each_store_that_cannot_be_read(ready_data_dir, monkeypatch):
    mock = MockSlack()
    try:
        channel_env(monkeypatch, mock.base_url, "http://127.0.0.1:9/")
        app = build_app(load_settings(), ["slack"])
        store: StateStore = app.state.state_store
        with serve_asgi(app) as base:
            assert httpx.get(base + "/healthz", trust_env=False).status_code == 200
            for n in range(2000):
                store.claim(f"fill:{n}", "slack", {"pad": "x" * 200})
            store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            _damage_pages(store.path)
            store._health = (float("-inf"), None)  # skip the few seconds quick_check results are reused
            app.state.health.forget()  # and the seconds a probe's result is shared
            first = httpx.get(base + "/healthz", trust_env=False)
            assert first.status_code == 503
            assert first.json()["status"] == "unhealthy" and set(first.json()["problems"]) == {"state"}

            (ready_data_dir / "indicators.duckdb").write_bytes(b"not a database\n" * 100)
            (ready_data_dir / "policy_index" / "manifest.json").unlink()
            app.state.health.forget()
            response = httpx.get(base + "/healthz", trust_env=False)
            problems = response.json()["problems"]
            assert set(problems) == {"state", "indicators", "policy_index"}
            # Unauthenticated: the store's name only, never a path or the driver's error text.
            assert set(problems.values()) == {"unavailable"}
            assert str(ready_data_dir) not in response.text and "manifest" not in response.text
    finally:
        mock.close()


def test_migration_keeps_one_feedback_vote_per_user_and_exchange(tmp_path):
    """A database written before one vote per user was enforced keeps each user's latest vote."""
    path = tmp_path / "state.sqlite3"
    db = sqlite3.connect(path)
    version, name, sql = numbered_sql(MIGRATIONS_PACKAGE)[0]
    db.executescript(sql)
    db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at REAL)")
    db.execute("INSERT INTO schema_migrations VALUES (?, ?, 0)", (version, name))
    db.execute("INSERT INTO exchanges (created_at, channel, user_id, thread, question, answer, status, citations,"
               " facts, tool_calls, mode, latency_ms) VALUES (1, 'slack', 'U1', 't', 'q', 'a', 'answered', '[]', '[]',"
               " '[]', 'offline', 1)")
    db.executemany("INSERT INTO feedback (exchange_id, user_id, value, created_at) VALUES (1, ?, ?, ?)",
                   [("U2", "up", 1), ("U2", "up", 2), ("U2", "down", 3), ("U3", "up", 4)])
    db.execute("INSERT INTO deliveries VALUES ('k', 'wecom', 'pending', NULL, 1, 1)")
    db.commit()
    db.close()
    store = StateStore(path)
    assert sorted((f["rater"], f["value"]) for f in store.feedback()) == [("U2", "down"), ("U3", "up")]
    assert store.delivery_status("k") == "pending"
    store.mark_delivery("k", "sending")  # the new status is allowed
    assert store.delivery_status("k") == "sending"
    store.close()
