"""Raw-socket clients against /slack/events: header checks before the body, a body deadline, a cap on bodies
read at once, and clients that hang up mid-body costing at most one short log line."""

from __future__ import annotations

import logging
import socket
import time

import pytest

import clusterbot.bot.http_body as http_body
from clusterbot.bot.server import build_app
from clusterbot.config import load_settings
from tests.hardening.conftest import channel_env
from tests.slack.harness import serve_asgi, wait_until
from tests.slack.mock_slack import MockSlack


@pytest.fixture
def slack_base(ready_data_dir, monkeypatch):
    mock = MockSlack()
    channel_env(monkeypatch, mock.base_url, "http://127.0.0.1:9/")
    http_body._slots.clear()  # a fresh semaphore for this server's loop, with the patched cap
    try:
        with serve_asgi(build_app(load_settings(), ["slack"])) as base:
            yield base
    finally:
        mock.close()


def open_request(base: str, length: int, timestamp: float | None = None, body: bytes = b"") -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    stamp = int(time.time() if timestamp is None else timestamp)
    head = (f"POST /slack/events HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"X-Slack-Request-Timestamp: {stamp}\r\nX-Slack-Signature: v0={'0' * 64}\r\n"
            f"Content-Length: {length}\r\n\r\n").encode()
    sock.sendall(head + body)
    return sock


def status_of(sock: socket.socket) -> int:
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(1024)
        if not chunk:
            break
        data += chunk
    sock.close()
    return int(data.split(b" ", 2)[1])


def test_a_stale_request_is_refused_before_its_body_is_read(slack_base):
    # 1 MB announced, nothing sent: the answer comes from the headers alone.
    sock = open_request(slack_base, 1_000_000, timestamp=time.time() - 3600)
    assert status_of(sock) == 401


def test_an_oversized_body_is_refused_from_its_declared_length(slack_base):
    assert status_of(open_request(slack_base, 50 * 1024 * 1024)) == 413


def test_a_trickled_body_is_cut_off_at_the_deadline(slack_base, monkeypatch):
    monkeypatch.setattr(http_body, "BODY_TIMEOUT_S", 0.5)
    sock = open_request(slack_base, 1000, body=b"{")
    assert status_of(sock) == 408


def test_bodies_read_at_once_are_capped(slack_base, monkeypatch):
    monkeypatch.setattr(http_body, "MAX_CONCURRENT_BODIES", 2)
    http_body._slots.clear()
    held = [open_request(slack_base, 1000, body=b"{") for _ in range(2)]
    wait_until(lambda: any(s.locked() for s in http_body._slots.values()))
    try:
        assert status_of(open_request(slack_base, 1000, body=b"{")) == 503
    finally:
        for sock in held:
            sock.close()


def test_clients_hanging_up_mid_body_cost_at_most_one_line(slack_base, caplog):
    caplog.set_level(logging.INFO)
    notes = http_body._disconnects
    notes._last, notes._skipped = float("-inf"), 0
    for _ in range(100):
        sock = open_request(slack_base, 3000, body=b'{"type": "event_callback", ')
        sock.close()
    wait_until(lambda: notes._skipped == 99, timeout=30)
    lines = [r for r in caplog.records if r.name.startswith(("uvicorn", "clusterbot"))]
    assert len([r for r in lines if "hung up" in r.getMessage()]) == 1
    assert not [r for r in lines if r.exc_info or "Traceback" in r.getMessage() or "Exception" in r.getMessage()]
