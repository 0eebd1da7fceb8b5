"""The Slack fast path acks without waiting on the Web API, and a signed `app_rate_limited` gets a 200.

Before, with auth.test hanging at start, every event waited on it (and on Bolt, which called it again): acks
came after 30–90 s with 500s. Now auth.test runs on a thread of its own; the ack uses the bot user id that
Slack puts in each event's `authorizations`.
"""

from __future__ import annotations

import json

import httpx

from clusterbot.bot.server import build_app
from clusterbot.config import load_settings
from tests.hardening.conftest import channel_env
from tests.slack.harness import SlackSender, envelope, mention, message, serve_asgi, wait_until


def test_events_are_acked_while_auth_test_hangs(stalling_slack, monkeypatch, ready_data_dir):
    stalling_slack.stall = {"auth.test"}
    channel_env(monkeypatch, stalling_slack.base_url, "http://127.0.0.1:9/")
    app = build_app(load_settings(), ["slack"])
    with serve_asgi(app) as base:
        sender = SlackSender(base)
        try:
            for n in range(5):
                # A client timeout far below the stall: an ack that waited on auth.test would raise here.
                response, _ = sender.event(envelope(mention("数字化改造谁牵头？", f"17000002{n:02d}.000100"), f"EvH{n}"))
                assert response.status_code == 200
            own, _ = sender.event(envelope(message("数字化改造谁牵头？", "1700000299.000100", user="UBOT"), "EvOwn"))
            assert own.status_code == 200
            assert stalling_slack.count("auth.test") == 1  # one fetch in flight, not one per event
            bot = next(r.endpoint.bot for r in app.routes if getattr(r, "path", "") == "/slack/events")
            wait_until(lambda: all(bot.state.delivery_status(f"slack:msg:C0001:17000002{n:02d}.000100")
                                   is not None for n in range(5)))
            assert bot.state.delivery_status("slack:msg:D0001:1700000299.000100") is None  # its own message
        finally:
            stalling_slack.release.set()
            sender.close()


def test_a_signed_app_rate_limited_gets_200_and_a_forged_one_401(stalling_slack, monkeypatch, ready_data_dir):
    channel_env(monkeypatch, stalling_slack.base_url, "http://127.0.0.1:9/")
    body = {"token": "legacy", "type": "app_rate_limited", "team_id": "T0001", "minute_rate_limited": 1518467820,
            "api_app_id": "A0001"}
    with serve_asgi(build_app(load_settings(), ["slack"])) as base:
        sender = SlackSender(base)
        try:
            response, _ = sender.event(body)
            assert response.status_code == 200
            forged = httpx.post(base + "/slack/events", content=json.dumps(body), trust_env=False,
                                headers={"Content-Type": "application/json", "X-Slack-Signature": "v0=" + "0" * 64,
                                         "X-Slack-Request-Timestamp": "1"})
            assert forged.status_code in (401, 403)
        finally:
            sender.close()
