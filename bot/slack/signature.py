"""Slack request checks done before Bolt sees a request: timestamp, v0 signature, body shape.

Small functions, importable by any intake path (the Bolt adapter, an ack fast path). Each returns a
short reason and an HTTP status instead of raising, so a hostile request costs one log line.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

WINDOW_S = 300                       # Slack's documented replay window
_TIMESTAMP = re.compile(r"[0-9]{1,12}")  # ASCII digits only: int() accepts "١٢", " 12", "1_0"
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


@dataclass(frozen=True)
class Rejection:
    status: int      # 400 malformed, 401 not from Slack
    reason: str      # short, fixed vocabulary: safe to log

    def log_line(self, route: str) -> str:
        return f"{route} rejected ({self.reason})"


def parse_timestamp(value: str | None) -> int | None:
    """The header as seconds, or None when it is not a plain, short number."""
    if value is None or not _TIMESTAMP.fullmatch(value):
        return None
    return int(value)


def expected_signature(secret: str, timestamp: str, raw: bytes) -> str:
    base = b"v0:" + timestamp.encode("ascii") + b":" + raw
    return "v0=" + hmac.new(secret.encode("utf-8"), base, hashlib.sha256).hexdigest()


def check_signature(secret: str, headers: Mapping[str, str], raw: bytes,
                    clock: Callable[[], float] = time.time) -> Rejection | None:
    """None when the request is signed by Slack within the window; `headers` keys are lower case."""
    problem = check_headers(headers, clock)
    if problem is not None:
        return problem
    if not hmac.compare_digest(expected_signature(secret, headers["x-slack-request-timestamp"], raw),
                               headers["x-slack-signature"]):
        return Rejection(401, "bad-signature")
    return None


def check_headers(headers: Mapping[str, str], clock: Callable[[], float] = time.time) -> Rejection | None:
    """What can be refused before the body is read: a missing, malformed or stale timestamp, a signature
    that is not of Slack's form."""
    stamp = headers.get("x-slack-request-timestamp")
    timestamp = parse_timestamp(stamp)
    if stamp is None or timestamp is None:
        return Rejection(400 if stamp else 401, "bad-timestamp" if stamp else "unsigned")
    if abs(clock() - timestamp) > WINDOW_S:
        return Rejection(401, "stale-timestamp")
    signature = headers.get("x-slack-signature") or ""
    if not _SIGNATURE.fullmatch(signature):
        return Rejection(401, "bad-signature")
    return None


# Fields our code reads as objects, lists or strings; any other type is a malformed request.
_OBJECTS = ("event", "container", "message", "view", "authorizations", "channel", "team", "user", "enterprise")
_STRINGS = ("type", "event_id", "team_id", "api_app_id", "response_url", "trigger_id", "channel_id", "user_id",
            "text", "command")
_EVENT_STRINGS = ("type", "subtype", "user", "text", "ts", "thread_ts", "event_ts", "channel", "channel_type",
                  "team", "bot_id")


def _is(value, kinds) -> bool:
    return value is None or isinstance(value, kinds)


def shape_problem(body: object) -> str | None:
    """None when the fields we read have the types Slack sends; else which one does not.

    A signed body is still data: `"event": "x"` must be a 400, not a 500 that Slack retries.
    """
    if not isinstance(body, dict):
        return "body-not-object"
    for name in _STRINGS:
        if not _is(body.get(name), str):
            return f"{name}-not-string"
    for name in _OBJECTS:
        if not _is(body.get(name), (dict, list) if name == "authorizations" else dict):
            return f"{name}-not-object"
    event = body.get("event")
    # Only the events we answer are read field by field (others, e.g. user_change, carry objects).
    if isinstance(event, dict) and event.get("type") in ("message", "app_mention"):
        for name in _EVENT_STRINGS:
            if not _is(event.get(name), str):
                return f"event.{name}-not-string"
    for name in ("container", "message"):
        part = body.get(name)
        if isinstance(part, dict) and not all(_is(v, str) for k, v in part.items()
                                              if k in ("channel_id", "message_ts", "thread_ts", "ts")):
            return f"{name}-field-not-string"
    actions = body.get("actions")
    if actions is not None and not (isinstance(actions, list) and all(isinstance(a, dict) for a in actions)):
        return "actions-not-list"
    if isinstance(actions, list) and not all(_is(a.get(k), str) for a in actions for k in ("action_id", "value")):
        return "action-field-not-string"
    return None
