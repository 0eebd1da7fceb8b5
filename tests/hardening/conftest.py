"""Hardening fixtures: `clusterbot serve` as a real subprocess, mocks that can stall a call, both channels' env."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.loopback import START_BOUND_S, stop, wait_healthy
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET
from tests.slack.mock_slack import MockSlack
from tests.wecom.conftest import AES_KEY, AGENT_ID, CORP_ID, SECRET, TOKEN
from tests.wecom.mock_wecom import MockWeCom

REPO = Path(__file__).resolve().parents[2]
STALL_LIMIT_S = 30.0  # a stalled mock call never outlives this


class StallingSlack(MockSlack):
    """The mock Slack API; while `stall` names a method, calls to it are recorded, then held."""

    def __init__(self) -> None:
        self.stall: set[str] = set()
        self.release = threading.Event()
        super().__init__()

    def _canned(self, method: str, params: dict) -> dict:
        reply = super()._canned(method, params)  # the message is in the workspace; the caller waits for the reply
        if method in self.stall:
            self.release.wait(STALL_LIMIT_S)
        return reply

    def close(self) -> None:
        self.release.set()
        super().close()


class StallingWeCom(MockWeCom):
    """The mock WeCom API; while `stall` names a path, calls to it are recorded, then held; `on_call` hooks each."""

    def __init__(self, **kwargs) -> None:
        self.stall: set[str] = set()
        self.release = threading.Event()
        self.on_call = None  # called with each recorded call before it is answered (e.g. to kill the caller)
        super().__init__(**kwargs)

    def _respond(self, call):
        reply = super()._respond(call)
        if self.on_call is not None:
            self.on_call(call)
        if call.path in self.stall:
            self.release.wait(STALL_LIMIT_S)
        return reply

    def __exit__(self, *exc) -> None:
        self.release.set()
        super().__exit__(*exc)


@pytest.fixture
def stalling_slack():
    mock = StallingSlack()
    yield mock
    mock.close()


@pytest.fixture
def stalling_wecom():
    with StallingWeCom(corp_id=CORP_ID, secret=SECRET) as mock:
        yield mock


def channel_env(monkeypatch, slack_api: str, wecom_api: str) -> None:
    """Both channels configured against the given mock API bases (loopback)."""
    for name, value in {
        "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "CLUSTERBOT_SLACK_API_URL": slack_api,
        "WECOM_CORP_ID": CORP_ID, "WECOM_AGENT_ID": AGENT_ID, "WECOM_SECRET": SECRET, "WECOM_TOKEN": TOKEN,
        "WECOM_AES_KEY": AES_KEY, "CLUSTERBOT_WECOM_API_URL": wecom_api,
        "CLUSTERBOT_SLACK_INTERIM_DELAY_S": "0",  # the restart test stalls the interim post on purpose
    }.items():
        monkeypatch.setenv(name, value)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve_subprocess(log_path: Path, start_timeout_s: float = START_BOUND_S):
    """`clusterbot serve` (every configured channel) in a child process; yields (base URL, Popen)."""
    port = free_port()
    script = Path(sys.executable).with_name("clusterbot")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "clusterbot.bot.cli.main"]
    with open(log_path, "ab") as log:
        proc = subprocess.Popen([*command, "serve", "--host", "127.0.0.1", "--port", str(port)], cwd=REPO,
                                env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(proc, base + "/healthz", log_path, start_timeout_s)
            yield base, proc
        finally:
            stop(proc)
