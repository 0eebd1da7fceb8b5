"""Every entry point prunes the audit log with the configured `exchange_retention_days`, or not at all.

Before, only `serve` over HTTP applied it: `push` and Socket Mode pruned with the 365-day default, so one push
with retention 0 ("keep") or 3650 deleted old audit rows and their feedback. Each test writes four exchanges
(with feedback) dated 400 days ago, runs one entry point with retention 0 or 3650, and counts what is left.
"""

from __future__ import annotations

import time

import httpx
import pytest

from clusterbot.bot.cli.main import main
from clusterbot.bot.server import build_app
from clusterbot.bot.slack.socket import SocketModeRunner
from clusterbot.config import load_settings
from clusterbot.models import Answer, Question
from clusterbot.state import StateStore, state_for
from tests.hardening.conftest import channel_env
from tests.slack.harness import APP_TOKEN, serve_asgi
from tests.slack.mock_slack import MockSlack
from tests.slack.test_socket_mode import MockSocketEndpoint
from tests.wecom.mock_wecom import MockWeCom

OLD_DAYS = 400


def write_old_exchanges(data_dir) -> None:
    then = time.time() - OLD_DAYS * 86400
    store = StateStore(data_dir / "state.sqlite3", clock=lambda: then, retention_s=0)
    for n in range(4):
        question = Question(text=f"旧问题{n}", channel="slack", user="U1", thread=f"C1:{n}")
        exchange = store.log_exchange(question, Answer(question=question.text, answer="…", status="answered"))
        store.add_feedback(exchange, "U2", "up")
    store.close()


def counts(data_dir) -> tuple[int, int]:
    store = StateStore(data_dir / "state.sqlite3", retention_s=0)
    try:
        old = [row for row in store.tail(100) if row["question"].startswith("旧问题")]
        return len(old), len(store.feedback())
    finally:
        store.close()


@pytest.fixture(params=[0, 3650])
def retention(request, ready_data_dir, monkeypatch, tmp_path):
    config = tmp_path / "clusterbot.toml"
    config.write_text(f"exchange_retention_days = {request.param}\n", encoding="utf-8")
    monkeypatch.setenv("CLUSTERBOT_CONFIG", str(config))
    write_old_exchanges(ready_data_dir)
    assert counts(ready_data_dir) == (4, 4)
    return request.param


def test_state_for_takes_the_configured_retention(retention):
    store = state_for(load_settings())
    assert store.retention_s == retention * 86400
    store.prune()
    store.close()


def test_serve_over_http_keeps_them(retention, ready_data_dir, monkeypatch):
    mock = MockSlack()
    try:
        channel_env(monkeypatch, mock.base_url, "http://127.0.0.1:9/")
        with serve_asgi(build_app(load_settings(), ["slack", "wecom"])) as base:
            assert httpx.get(base + "/healthz", trust_env=False).status_code == 200
    finally:
        mock.close()
    assert counts(ready_data_dir) == (4, 4)


def test_socket_mode_keeps_them(retention, ready_data_dir, monkeypatch):
    mock, endpoint = MockSlack(), MockSocketEndpoint()
    try:
        channel_env(monkeypatch, mock.base_url, "http://127.0.0.1:9/")
        monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
        mock.socket_url = endpoint.url
        runner = SocketModeRunner(load_settings())
        runner.connect()  # prunes at start, like serve over HTTP
        endpoint.wait_for(lambda e: e.connections)
        runner.close()
    finally:
        endpoint.close()
        mock.close()
    assert counts(ready_data_dir) == (4, 4)


def test_push_keeps_them(retention, ready_data_dir, monkeypatch):
    with MockWeCom(corp_id="ww-test", secret="s") as mock:
        monkeypatch.setenv("WECOM_WEBHOOK_URL", mock.webhook_url)
        monkeypatch.setenv("CLUSTERBOT_WECOM_API_URL", mock.base_url)
        assert main(["push", "--wecom-webhook", "--answer", "数字化改造谁牵头？"]) == 0
        assert mock.calls_to("webhook/send")
    assert counts(ready_data_dir) == (4, 4)


def test_the_cli_keeps_them(retention, ready_data_dir):
    assert main(["ask", "数字化改造谁牵头？"]) == 0
    assert main(["log", "tail", "-n", "99999999999999999999"]) == 0  # a huge count is clamped, not an error
    assert counts(ready_data_dir) == (4, 4)


def test_a_short_retention_still_prunes(ready_data_dir, monkeypatch, tmp_path):
    config = tmp_path / "clusterbot.toml"
    config.write_text("exchange_retention_days = 30\n", encoding="utf-8")
    monkeypatch.setenv("CLUSTERBOT_CONFIG", str(config))
    write_old_exchanges(ready_data_dir)
    with MockWeCom(corp_id="ww-test", secret="s") as mock:
        monkeypatch.setenv("WECOM_WEBHOOK_URL", mock.webhook_url)
        monkeypatch.setenv("CLUSTERBOT_WECOM_API_URL", mock.base_url)
        assert main(["push", "--wecom-webhook", "--answer", "数字化改造谁牵头？"]) == 0
    assert counts(ready_data_dir) == (0, 0)
