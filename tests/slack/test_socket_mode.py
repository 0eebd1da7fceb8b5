"""Socket Mode end to end: a local WebSocket stands in for Slack's, the same payloads as HTTP mode."""

from __future__ import annotations

import json
import threading
import time

import pytest
from websockets.sync.server import serve

from clusterbot.bot.slack.socket import SocketModeRunner
from clusterbot.config import load_settings
from tests.slack.harness import APP_TOKEN, BOT_TOKEN, envelope, mention, message, section_texts
from tests.waiting import settled


class MockSocketEndpoint:
    """Accepts the client's WebSocket, sends envelopes, records the acks it gets back."""

    def __init__(self) -> None:
        self.acks: list[dict] = []
        self.cond = threading.Condition()
        self.connections = []
        self.server = serve(self._session, "127.0.0.1", 0)
        self.thread = threading.Thread(target=self.server.serve_forever, name="mock-socket", daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/link"

    def _session(self, ws) -> None:
        with self.cond:
            self.connections.append(ws)
            self.cond.notify_all()
        ws.send(json.dumps({"type": "hello", "num_connections": 1}))
        for raw in ws:
            with self.cond:
                self.acks.append(json.loads(raw))
                self.cond.notify_all()

    def send(self, envelope_id: str, payload: dict, retry_attempt: int = 0) -> None:
        with self.cond:
            ws = self.connections[-1]
        ws.send(json.dumps({"envelope_id": envelope_id, "type": "events_api", "payload": payload,
                            "accepts_response_payload": False, "retry_attempt": retry_attempt,
                            "retry_reason": "timeout" if retry_attempt else ""}))

    def wait_for(self, predicate, timeout: float = 10.0):
        deadline = time.monotonic() + timeout
        with self.cond:
            while not predicate(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("socket endpoint: condition not met in time")
                self.cond.wait(left)

    def close(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture
def socket_runner(monkeypatch, mock_slack, scripted_core):
    endpoint = MockSocketEndpoint()
    mock_slack.socket_url = endpoint.url
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
    monkeypatch.setenv("CLUSTERBOT_SLACK_API_URL", mock_slack.base_url)
    monkeypatch.setenv("CLUSTERBOT_SLACK_INTERIM_DELAY_S", "0")  # interim → update, as over HTTP
    runner = SocketModeRunner(load_settings())
    runner.connect()
    endpoint.wait_for(lambda e: e.connections)
    yield runner, endpoint
    runner.close()
    endpoint.close()


def test_socket_mode_answers_a_mention_and_dedupes_a_retry(socket_runner, mock_slack):
    runner, endpoint = socket_runner
    opened = mock_slack.wait_for("apps.connections.open")[0]
    assert opened["authorization"] == f"Bearer {APP_TOKEN}"
    body = envelope(mention("数字化改造谁牵头？", ts="1700000030.000100"), "EvS1")
    endpoint.send("env-1", body)
    endpoint.wait_for(lambda e: any(a.get("envelope_id") == "env-1" for a in e.acks))
    update = mock_slack.wait_for("chat.update")[0]["params"]
    assert "*三（二）1* · 推动数字化改造 · 牵头单位：省工业和信息化厅" in section_texts(update["blocks"])
    assert mock_slack.calls["chat.postMessage"][0]["params"]["thread_ts"] == "1700000030.000100"
    assert mock_slack.calls["chat.postMessage"][0]["authorization"] == f"Bearer {BOT_TOKEN}"
    endpoint.send("env-2", body, retry_attempt=1)
    endpoint.wait_for(lambda e: any(a.get("envelope_id") == "env-2" for a in e.acks))
    settled(runner.bot.state, "slack", runner.bot)  # a second answer would be posted by now
    assert mock_slack.count("chat.update") == 1 and mock_slack.count("chat.postMessage") == 1


def test_socket_mode_ignores_bot_messages_and_answers_dms(socket_runner, mock_slack):
    runner, endpoint = socket_runner
    endpoint.send("env-3", envelope(message("数字化改造谁牵头？", ts="1700000031.000100", bot_id="BOTHER"), "EvS3"))
    endpoint.send("env-4", envelope(message("数字化改造谁牵头？", ts="1700000031.000200"), "EvS4"))
    endpoint.wait_for(lambda e: {"env-3", "env-4"} <= {a.get("envelope_id") for a in e.acks})
    update = mock_slack.wait_for("chat.update")[0]["params"]
    assert update["channel"] == "D0001"
    settled(runner.bot.state, "slack", runner.bot)
    assert mock_slack.count("chat.update") == 1
