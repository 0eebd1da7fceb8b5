"""Malformed timestamps and wrongly typed signed bodies: a 400/401 and one short log line, never a 500.

Before, a non-numeric `X-Slack-Request-Timestamp` or WeCom `timestamp` ended in a 500 with a traceback
(about 1–3 KB of log per request, so an outsider could fill the disk), and a signed event whose
`event` was a string gave a 500 that Slack retries. Requests go to the running app (uvicorn on
loopback, both channels), Slack bodies signed with v0 HMAC, WeCom bodies encrypted and signed.
"""

from __future__ import annotations

import json
import logging
import time

import pytest

from tests.hardening.test_hostile_http import app, mock_slack, mock_wecom, posts  # noqa: F401  (fixtures)
from tests.slack.harness import SIGNING_SECRET, block_action, envelope, mention, sign
from tests.waiting import settled_store
from tests.wecom.conftest import Sender

HOSTILE_TIMESTAMPS = ["abc", "1e9", "²", "١٧٠٠٠٠٠٠٠٠", "+1700000000", "1_700_000_000", "9" * 5000, "-1", "0x10",
                      "1700000000.5", "1 7"]


def _records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith(("clusterbot", "uvicorn", "slack"))]


def _one_short_line(caplog) -> None:
    records = _records(caplog)
    assert len(records) == 1, [r.getMessage()[:120] for r in records]
    record = records[0]
    assert record.exc_info is None and "Traceback" not in record.getMessage()
    assert len(record.getMessage()) < 120


def _raw_slack(client, raw: bytes, timestamp: str, signature: str | None = None, content_type="application/json"):
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": timestamp.encode("utf-8"),
               "X-Slack-Signature": signature or sign(SIGNING_SECRET, timestamp, raw)}
    return client.post("/slack/events", content=raw, headers=headers)


@pytest.mark.parametrize("timestamp", HOSTILE_TIMESTAMPS)
def test_non_numeric_slack_timestamp_is_refused_with_one_line(app, caplog, timestamp):  # noqa: F811
    _, client, mock_slack, _ = app  # noqa: F811
    body = json.dumps(envelope(mention("数字化改造谁牵头？", "1700000001.000100"), "EvTS")).encode()
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = _raw_slack(client, body, timestamp)
    assert response.status_code in (400, 401), response.status_code
    assert response.headers.get("X-Slack-No-Retry") == "1"
    _one_short_line(caplog)
    assert posts(mock_slack) == 0


def test_missing_timestamp_and_a_huge_badly_signed_body_log_one_short_line(app, caplog):  # noqa: F811
    _, client, _, _ = app
    huge = json.dumps({"type": "event_callback", "event": {"text": "x" * 500_000}}).encode()
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = client.post("/slack/events", content=huge, headers={"Content-Type": "application/json"})
    assert response.status_code == 401
    _one_short_line(caplog)
    caplog.clear()
    with caplog.at_level(logging.INFO):  # Bolt used to log the whole body of a request it refused
        response = _raw_slack(client, huge, str(int(time.time())), signature="v0=" + "0" * 64)
    assert response.status_code == 401
    _one_short_line(caplog)


WRONGLY_TYPED = [
    {"type": "event_callback", "event_id": "Ev1", "team_id": "T0001", "event": "a string"},
    {"type": "event_callback", "event_id": "Ev2", "team_id": "T0001", "event": ["app_mention"]},
    {"type": "event_callback", "event_id": "Ev3", "team_id": "T0001", "event": 42},
    {"type": "event_callback", "event_id": ["Ev4"], "team_id": "T0001",
     "event": {"type": "app_mention", "user": "U1", "text": "<@UBOT> 你好", "ts": "1.2", "channel": "C1"}},
    {"type": "event_callback", "event_id": "Ev5", "team_id": "T0001",
     "event": {"type": "app_mention", "user": {"id": "U1"}, "text": "<@UBOT> 你好", "ts": "1.2", "channel": "C1"}},
    {"type": "event_callback", "event_id": "Ev6", "team_id": "T0001",
     "event": {"type": "message", "user": "U1", "text": ["你好"], "ts": 1.2, "channel": "D1", "channel_type": "im"}},
    {"type": "event_callback", "event_id": "Ev7", "team": "T0001", "event": {"type": "app_mention"}},
]


@pytest.mark.parametrize("body", WRONGLY_TYPED, ids=[str(i) for i in range(len(WRONGLY_TYPED))])
def test_signed_events_with_wrongly_typed_fields_are_a_400(app, caplog, body, ready_data_dir):  # noqa: F811
    _, client, mock_slack, _ = app  # noqa: F811
    raw = json.dumps(body).encode()
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = _raw_slack(client, raw, str(int(time.time())))
    assert response.status_code == 400 and response.headers.get("X-Slack-No-Retry") == "1"
    _one_short_line(caplog)
    settled_store(ready_data_dir, "slack")
    assert posts(mock_slack) == 0


def test_signed_block_actions_with_wrongly_typed_fields_are_a_400(app, caplog):  # noqa: F811
    _, client, mock_slack, _ = app  # noqa: F811
    from urllib.parse import urlencode

    for mutate in (lambda p: p.update(user="U0002"), lambda p: p.update(team="T0001"),
                   lambda p: p.update(actions={"action_id": "clusterbot_feedback_up"}),
                   lambda p: p["actions"][0].update(value=7), lambda p: p.update(container="C0001"),
                   lambda p: p["container"].update(message_ts=1.5)):
        payload = json.loads(block_action("clusterbot_feedback_up", "1", "C0001", "1800000000.000001")["payload"])
        mutate(payload)
        raw = urlencode({"payload": json.dumps(payload)}).encode()
        caplog.clear()
        with caplog.at_level(logging.INFO):
            response = _raw_slack(client, raw, str(int(time.time())), content_type="application/x-www-form-urlencoded")
        assert response.status_code == 400, payload
        _one_short_line(caplog)
    assert posts(mock_slack) == 0


@pytest.mark.parametrize("timestamp", HOSTILE_TIMESTAMPS + [""])
def test_non_numeric_wecom_timestamp_is_refused_with_one_line(app, caplog, timestamp):  # noqa: F811
    base, _, _, mock_wecom = app  # noqa: F811
    sender = Sender(base)
    query, body = sender.envelope(sender.inner_xml("数字化改造谁牵头？"), timestamp=timestamp or None)
    query["timestamp"] = timestamp
    try:
        caplog.clear()
        with caplog.at_level(logging.INFO):
            post = sender.post(query, body)
            get = sender.http.get(sender.url, params={**query, "echostr": "abc"})
        assert post.status_code == 400 and get.status_code == 400
        records = _records(caplog)
        assert len(records) == 2 and all(r.exc_info is None and len(r.getMessage()) < 120 for r in records)
        assert not mock_wecom.calls_to("message/send")
    finally:
        sender.http.close()
