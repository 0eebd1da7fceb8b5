"""`clusterbot state migrate` and `clusterbot state copy --to postgresql://…` on a real server."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from clusterbot.bot.cli.main import cli, main
from clusterbot.models import Answer, Question
from clusterbot.state import open_state
from clusterbot.state_postgres import PostgresStateStore


def _invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_migrate_brings_both_backends_to_the_latest_version(isolated_env, monkeypatch, pg_url):
    result = _invoke("state", "migrate")
    assert result.exit_code == 0 and "sqlite" in result.output and "架构版本 3" in result.output
    monkeypatch.setenv("CLUSTERBOT_STATE_URL", pg_url)
    result = _invoke("state", "migrate")
    assert result.exit_code == 0 and "postgresql" in result.output and "架构版本 3" in result.output
    store = PostgresStateStore(pg_url)
    try:
        rows = store._rows("SELECT version, name FROM schema_migrations ORDER BY version")
        assert [r["version"] for r in rows] == [1, 2, 3]  # each applied once, however often migrate ran
    finally:
        store.close()


def test_copy_moves_a_sqlite_deployment_with_its_audit_log_and_the_workers_carry_on(isolated_env, pg_url):
    source = open_state(isolated_env)
    ids = []
    for n in range(3):
        question = Question(text=f"问题{n}", channel="slack", user=f"U{n}", thread=f"C1:{n}")
        ids.append(source.log_exchange(question, Answer(question=question.text, answer=f"回答{n}", status="answered")))
    source.add_feedback(ids[1], "U9", "down")
    source.save_conversation("slack:C1:0", {"turns": 2})
    source.claim("slack:msg:C1:0", "slack", {"text": "问题0"})
    source.close()

    result = _invoke("state", "copy", "--to", pg_url)
    assert result.exit_code == 0, result.output
    assert "exchanges 3 行" in result.output and "feedback 1 行" in result.output

    target = PostgresStateStore(pg_url, worker_id="after-copy")
    try:
        assert [r["question"] for r in target.tail(10)] == ["问题0", "问题1", "问题2"]
        assert [r["id"] for r in target.tail(10)] == ids
        assert [(f["id"], f["value"]) for f in target.feedback()] == [(ids[1], "down")]
        assert target.load_conversation("slack:C1:0") == {"turns": 2}
        assert not target.claim("slack:msg:C1:0", "slack")  # a redelivery after the move is still recognised
        question = Question(text="新问题", channel="slack", user="U1", thread="C1:9")
        assert target.log_exchange(question, Answer(question="新问题", answer="…", status="answered")) > ids[-1]
    finally:
        target.close()
    # A second copy into the now non-empty database is refused, and changes nothing.
    assert main(["state", "copy", "--to", pg_url]) == 3
    assert sqlite3.connect(isolated_env / "state.sqlite3").execute("SELECT COUNT(*) FROM exchanges").fetchone()[0] == 3


def test_a_state_url_that_is_not_postgresql_is_refused_with_the_way_to_write_it(monkeypatch, capsys):
    monkeypatch.setenv("CLUSTERBOT_STATE_URL", "mysql://db/clusterbot")
    assert main(["state", "migrate"]) == 2
    assert "postgresql://" in capsys.readouterr().err
