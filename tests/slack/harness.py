"""Test plumbing: the real ASGI app under uvicorn on a free loopback port, v0 signing, payloads."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from urllib.parse import urlencode

import httpx

from tests.loopback import serve_asgi  # noqa: F401  (re-exported for the Slack tests)

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # the secret of Slack's documented example
BOT_TOKEN = "xoxb-1111-2222-testtokenvalue"
APP_TOKEN = "xapp-1-A111-2222-testappvalue"


def sign(secret: str, timestamp: str, body: str | bytes) -> str:
    raw = body.encode("utf-8") if isinstance(body, str) else body
    base = b"v0:" + timestamp.encode() + b":" + raw
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


class SlackSender:
    """Posts to /slack/events exactly as Slack does: raw body, v0 signature, timestamp header."""

    def __init__(self, base_url: str, secret: str = SIGNING_SECRET) -> None:
        self.url = base_url + "/slack/events"
        self.secret = secret
        self.http = httpx.Client(timeout=10, trust_env=False)

    def post(self, body: str, content_type: str, timestamp: int | None = None, signature: str | None = None,
             headers: dict | None = None) -> tuple[httpx.Response, float]:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature or sign(self.secret, ts, body),
            **(headers or {}),
        }
        started = time.perf_counter()
        response = self.http.post(self.url, content=body.encode("utf-8"), headers=all_headers)
        return response, time.perf_counter() - started

    def event(self, envelope: dict, **kwargs) -> tuple[httpx.Response, float]:
        return self.post(json.dumps(envelope, ensure_ascii=False), "application/json", **kwargs)

    def form(self, fields: dict, **kwargs) -> tuple[httpx.Response, float]:
        return self.post(urlencode(fields), "application/x-www-form-urlencoded", **kwargs)

    def close(self) -> None:
        self.http.close()


def envelope(event: dict, event_id: str, team: str = "T0001") -> dict:
    return {"token": "legacy", "team_id": team, "api_app_id": "A0001", "type": "event_callback",
            "event_id": event_id, "event_time": int(time.time()), "event": event,
            # As Slack sends it: the installation the event is delivered to, with the bot's user id.
            "authorizations": [{"enterprise_id": None, "team_id": team, "user_id": "UBOT", "is_bot": True,
                                "is_enterprise_install": False}]}


def mention(text: str, ts: str, channel: str = "C0001", user: str = "U0001", thread_ts: str | None = None,
            team: str = "T0001") -> dict:
    event = {"type": "app_mention", "user": user, "text": f"<@UBOT> {text}", "ts": ts, "channel": channel,
             "event_ts": ts, "team": team}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message(text: str, ts: str, channel: str = "D0001", user: str = "U0001", channel_type: str = "im",
            thread_ts: str | None = None, **extra) -> dict:
    event = {"type": "message", "user": user, "text": text, "ts": ts, "channel": channel,
             "channel_type": channel_type, "event_ts": ts, **extra}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def command(text: str, channel: str = "C0001", user: str = "U0001", team: str = "T0001",
            trigger_id: str = "111.222.abc", response_url: str = "http://127.0.0.1:9/respond") -> dict:
    return {"token": "legacy", "team_id": team, "team_domain": "anhui", "channel_id": channel,
            "channel_name": "industry", "user_id": user, "user_name": "official", "command": "/clusterbot",
            "text": text, "api_app_id": "A0001", "response_url": response_url, "trigger_id": trigger_id}


def block_action(action_id: str, value: str, channel: str, message_ts: str, user: str = "U0002",
                 team: str = "T0001", thread_ts: str | None = None) -> dict:
    payload = {
        "type": "block_actions", "team": {"id": team, "domain": "anhui"}, "user": {"id": user, "team_id": team},
        "api_app_id": "A0001", "token": "legacy", "trigger_id": "333.444.def",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel,
                      "is_ephemeral": False, **({"thread_ts": thread_ts} if thread_ts else {})},
        "channel": {"id": channel, "name": "industry"},
        "message": {"type": "message", "ts": message_ts, "bot_id": "BBOT", "text": "answer"},
        "response_url": "http://127.0.0.1:9/respond",
        "actions": [{"action_id": action_id, "block_id": f"clusterbot_feedback:{value}", "value": value,
                     "type": "button", "action_ts": str(time.time())}],
    }
    return {"payload": json.dumps(payload)}


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.02):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not met within the deadline")
        time.sleep(interval)


def section_texts(blocks: list[dict]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]


def context_texts(blocks: list[dict]) -> list[str]:
    return [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
