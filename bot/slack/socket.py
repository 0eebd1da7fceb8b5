"""Socket Mode: the same Bolt app over Slack's WebSocket; no public URL or signing secret."""

from __future__ import annotations

import threading

from slack_bolt.adapter.socket_mode import SocketModeHandler

from clusterbot.bot.core import Assistant
from clusterbot.bot.slack.app import build_bolt_app
from clusterbot.bot.slack.credentials import socket_credentials
from clusterbot.bot.slack.runtime import SlackBot
from clusterbot.bot.slack.webapi import make_client
from clusterbot.config import Settings


class SocketModeRunner:
    """Connects with the app-level token (`apps.connections.open` via the configured API base)."""

    def __init__(self, settings: Settings, assistant: Assistant | None = None) -> None:
        credentials = socket_credentials(settings)
        self.bot = SlackBot(settings, make_client(settings, credentials.bot_token), assistant)
        self.app = build_bolt_app(settings, credentials, self.bot, socket_mode=True)
        self.handler = SocketModeHandler(self.app, app_token=credentials.app_token)
        self._stop = threading.Event()

    def connect(self) -> None:
        """Resume unfinished work and open the WebSocket; returns once connected."""
        self.bot.state.prune()  # with the configured retention, as `serve` over HTTP does at start
        self.bot.recover()
        self.handler.connect()

    def wait(self) -> None:
        """Block until stop() (or Ctrl+C), then close."""
        try:
            while not self._stop.wait(1.0):
                pass
        finally:
            self.close()

    def stop(self) -> None:
        self._stop.set()

    def close(self) -> None:
        self.handler.close()
        self.bot.close()
