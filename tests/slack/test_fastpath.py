"""The ack fast path (bot/slack/fastpath.py) against the running app: signed requests in, Web API calls out."""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time

import pytest

from tests.slack.harness import SIGNING_SECRET, command, envelope, mention, message, sign, wait_until
from tests.waiting import settled

QUESTION = "数字化改造谁牵头？"


def _refusals(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "clusterbot.slack" and "rejected" in r.getMessage()]


def _answers(mock) -> list[dict]:
    """Answer posts (with blocks): without an interim, each answer is exactly one chat.postMessage."""
    return [c for c in mock.calls["chat.postMessage"] if c["params"].get("blocks")]


def test_the_setting_picks_the_endpoint_and_fast_is_the_default(slack_env):
    from clusterbot.bot.server import build_app
    from clusterbot.config import load_settings

    def endpoint(**overrides):
        app = build_app(load_settings(**overrides), ["slack"])
        route = next(r for r in app.routes if getattr(r, "path", "") == "/slack/events")
        return route.endpoint

    assert load_settings().slack_ack_path == "fast"
    assert endpoint().__module__.endswith("slack.fastpath")
    assert endpoint(slack_ack_path="bolt").__module__.endswith("slack.http")
    with pytest.raises(ValueError):
        load_settings(slack_ack_path="quick")


def test_bad_signature_is_401_with_one_log_line(start_slack, scripted_core, caplog):
    slack = start_slack()
    caplog.set_level(logging.INFO, logger="clusterbot.slack")
    body = json.dumps(envelope(mention(QUESTION, ts="1700000100.000100"), "EvF1"), ensure_ascii=False)
    forged = sign("0" * 32, str(int(time.time())), body)
    response, _ = slack.sender.post(body, "application/json", signature=forged)
    assert response.status_code == 401 and response.content == b""
    assert response.headers["X-Slack-No-Retry"] == "1"  # a forged request is not worth a retry
    refusals = _refusals(caplog)
    assert [r.getMessage() for r in refusals] == ["slack request rejected (bad-signature)"]
    assert forged not in caplog.text and QUESTION not in caplog.text  # neither the signature nor the body
    missing = slack.sender.http.post(slack.sender.url, content=body.encode(),
                                     headers={"Content-Type": "application/json"})
    assert missing.status_code == 401
    settled(slack.state, "slack", slack.bot)  # every accepted event answered
    assert slack.mock.count("chat.postMessage") == 0 and slack.mock.count("auth.test") == 0
    assert slack.state.delivery_status("slack:event:EvF1") is None


@pytest.mark.parametrize(("timestamp", "status", "reason"), [
    (-6 * 60, 401, "stale-timestamp"),  # offsets from now, taken when the test runs
    (6 * 60, 401, "stale-timestamp"),
    ("abc", 400, "bad-timestamp"),
    ("1.7e9", 400, "bad-timestamp"),
    ("-17", 400, "bad-timestamp"),
])
def test_stale_or_non_numeric_timestamp_is_refused_with_one_log_line(start_slack, scripted_core, caplog,
                                                                     timestamp, status, reason):
    slack = start_slack()
    caplog.set_level(logging.INFO, logger="clusterbot.slack")
    if isinstance(timestamp, int):
        timestamp = str(int(time.time()) + timestamp)
    body = json.dumps(envelope(mention(QUESTION, ts="1700000101.000100"), "EvF2"), ensure_ascii=False)
    response = slack.sender.http.post(slack.sender.url, content=body.encode(), headers={
        "Content-Type": "application/json", "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": sign(SIGNING_SECRET, timestamp, body)})  # correctly signed, bad timestamp
    assert response.status_code == status and response.headers["X-Slack-No-Retry"] == "1"
    assert [r.getMessage() for r in _refusals(caplog)] == [f"slack request rejected ({reason})"]
    settled(slack.state, "slack", slack.bot)  # every accepted event answered
    assert slack.mock.count("chat.postMessage") == 0
    assert slack.state.delivery_status("slack:event:EvF2") is None


def test_url_verification_challenge_is_still_answered(start_slack):
    slack = start_slack()
    response, _ = slack.sender.event({"token": "legacy", "challenge": "c-9f2", "type": "url_verification"})
    assert response.status_code == 200 and response.json() == {"challenge": "c-9f2"}


@pytest.mark.parametrize("event", ["app_mention", ["app_mention"], None, 7])
def test_signed_event_whose_event_is_not_an_object_is_400(start_slack, scripted_core, caplog, event):
    slack = start_slack()
    body = {**envelope(mention(QUESTION, ts="1700000102.000100"), "EvF3"), "event": event}
    with caplog.at_level(logging.INFO, logger="clusterbot.slack"):
        response, _ = slack.sender.event(body)
    assert response.status_code == 400
    assert [r.getMessage() for r in _refusals(caplog)] == ["slack request rejected (event-not-object)"]
    settled(slack.state, "slack", slack.bot)  # every accepted event answered
    assert slack.mock.count("chat.postMessage") == 0
    assert slack.state.delivery_status("slack:event:EvF3") is None


@pytest.mark.parametrize(("change", "reason"), [
    ({"event_id": ["EvF3b"]}, "event_id-not-string"),
    ({"team": "T0001", "team_id": None}, "team-not-object"),
    ({"event": {**mention(QUESTION, ts="1700000102.000200"), "user": {"id": "U1"}}}, "event.user-not-string"),
    ({"event": {**message(QUESTION, ts="1700000102.000300"), "text": [QUESTION]}}, "event.text-not-string"),
    ({"event": {**message(QUESTION, ts="1700000102.000400"), "ts": 1700000102.0004}}, "event.ts-not-string"),
])
def test_signed_event_with_wrongly_typed_fields_is_400(start_slack, scripted_core, caplog, change, reason):
    slack = start_slack()
    body = {**envelope(mention(QUESTION, ts="1700000102.000100"), "EvF3b"), **change}
    with caplog.at_level(logging.INFO, logger="clusterbot.slack"):
        response, _ = slack.sender.event(body)
    assert response.status_code == 400 and response.headers["X-Slack-No-Retry"] == "1"
    assert [r.getMessage() for r in _refusals(caplog)] == [f"slack request rejected ({reason})"]
    settled(slack.state, "slack", slack.bot)  # every accepted event answered
    assert slack.mock.count("chat.postMessage") == 0 and slack.state.tail(1) == []


@pytest.mark.parametrize("raw", ["[1, 2]", "null", "{\"type\": \"event_callback\"", "[" * 100_000])
def test_signed_json_that_is_not_an_object_is_400(start_slack, raw):
    slack = start_slack()
    response, _ = slack.sender.post(raw, "application/json")
    assert response.status_code == 400


def test_retries_with_the_same_event_id_are_answered_once(start_slack, scripted_core):
    slack = start_slack(slack_interim_delay_s=5.0)
    event = mention(QUESTION, ts="1700000103.000100")
    statuses = [slack.sender.event(envelope(event, "EvF4"))[0].status_code]
    for attempt in (1, 2, 3):
        response, _ = slack.sender.event(envelope(event, "EvF4"), headers={
            "X-Slack-Retry-Num": str(attempt), "X-Slack-Retry-Reason": "http_timeout"})
        statuses.append(response.status_code)
    assert statuses == [200, 200, 200, 200]
    # The keys are on disk when the ack leaves: a crash now would still recognise the retries.
    assert slack.state.delivery_status("slack:event:EvF4") == "done"
    assert slack.state.delivery_status("slack:msg:C0001:1700000103.000100") in ("pending", "done")
    wait_until(lambda: _answers(slack.mock))
    wait_until(lambda: slack.state.delivery_status("slack:msg:C0001:1700000103.000100") == "done")
    settled(slack.state, "slack", slack.bot)  # every accepted event answered
    assert len(_answers(slack.mock)) == 1 and slack.mock.count("chat.update") == 0
    assert slack.mock.count("auth.test") == 1


def test_bot_and_own_messages_are_dropped_with_the_identity_fetched_once(start_slack, scripted_core):
    slack = start_slack()
    for n, event in enumerate([
        message(QUESTION, ts="1700000104.000100", user="UBOT"),  # this bot, as auth.test names it
        message(QUESTION, ts="1700000104.000200", bot_id="BOTHER"),
        {**message("", ts="1700000104.000300"), "subtype": "message_changed"},
        message("大家好", ts="1700000104.000400", channel="C0001", channel_type="channel"),
        {"type": "reaction_added", "user": "U0001", "reaction": "thumbsup", "event_ts": "1700000104.000500"},
    ]):
        response, _ = slack.sender.event(envelope(event, f"EvF5-{n}"))
        assert response.status_code == 200
    settled(slack.state, "slack", slack.bot)  # every accepted event answered
    assert slack.mock.count("chat.postMessage") == 0 and slack.state.tail(1) == []
    slack.mock.wait_for("auth.test")  # the identity is fetched on a thread of its own, never in the ack
    assert slack.mock.count("auth.test") == 1


def test_allowlisted_team_and_channel_only(start_slack, scripted_core):
    slack = start_slack(slack_allowed_teams=["T0001"], slack_allowed_channels=["C0001"])
    slack.sender.event(envelope(mention(QUESTION, ts="1700000105.000100", team="T9"), "EvF6a", team="T9"))
    slack.sender.event(envelope(mention(QUESTION, ts="1700000105.000200", channel="C0666"), "EvF6b"))
    slack.sender.event(envelope(mention(QUESTION, ts="1700000105.000300"), "EvF6c"))
    update = slack.mock.wait_for("chat.update")[0]["params"]
    settled(slack.state, "slack", slack.bot)  # every accepted event answered
    assert update["channel"] == "C0001" and slack.mock.count("chat.update") == 1
    assert slack.state.delivery_status("slack:msg:C0666:1700000105.000200") is None


def test_slash_commands_still_go_through_bolt(start_slack, scripted_core):
    slack = start_slack()
    response, _ = slack.sender.form(command(QUESTION))
    assert response.status_code == 200 and response.json()["text"] == "正在查询…"
    assert slack.mock.wait_for("chat.postMessage")[0]["params"]["channel"] == "C0001"
    forged, _ = slack.sender.form(command(QUESTION), signature="v0=" + "0" * 64)
    assert forged.status_code == 401


def test_auth_test_failure_defers_to_bolt_and_the_event_is_still_answered(start_slack, scripted_core):
    slack = start_slack(slack_interim_delay_s=5.0)
    slack.mock.script("auth.test", body={"ok": False, "error": "invalid_auth"})
    response, _ = slack.sender.event(envelope(mention(QUESTION, ts="1700000106.000100"), "EvF7"))
    assert response.status_code == 200
    wait_until(lambda: _answers(slack.mock))
    # The next event takes the fast path again: identity is fetched once it succeeds.
    slack.sender.event(envelope(mention(QUESTION, ts="1700000106.000200", channel="C0002"), "EvF8"))
    wait_until(lambda: len(_answers(slack.mock)) == 2)
    settled(slack.state, "slack", slack.bot)  # every accepted event answered
    assert sorted(c["params"]["channel"] for c in _answers(slack.mock)) == ["C0001", "C0002"]


def test_a_burst_of_events_is_answered_exactly_once_each(start_slack, scripted_core):
    slack = start_slack(slack_interim_delay_s=5.0)
    statuses: list[int] = []
    lock = threading.Lock()

    def send(n: int) -> None:
        response, _ = slack.sender.event(envelope(
            mention(QUESTION, ts=f"1700000107.{n:06d}", channel=f"C1{n:03d}", user=f"U1{n:03d}"), f"EvF9-{n}"))
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [200] * 24
    wait_until(lambda: len(_answers(slack.mock)) >= 24, timeout=30)
    settled(slack.state, "slack", slack.bot)  # every accepted event answered
    channels = [c["params"]["channel"] for c in _answers(slack.mock)]
    assert sorted(channels) == [f"C1{n:03d}" for n in range(24)]


def _answer_calls(mock, since: int) -> list[tuple[str, dict]]:
    """The Web API calls after `since`, without what differs between two runs (the mock's message ts)."""
    calls = []
    for call in mock.all_calls():
        if call["seq"] < since or call["method"] == "auth.test":
            continue
        params = {k: v for k, v in call["params"].items() if k != "ts"}
        calls.append((call["method"], params))
    return calls


def test_a_signed_event_is_answered_exactly_like_the_bolt_path(ready_data_dir, tmp_path, start_slack):
    """Real engine and data: the same signed mention through each path gives the same Web API calls."""
    bolt_dir = tmp_path / "bolt-data"
    shutil.copytree(ready_data_dir, bolt_dir)
    seen: dict[str, list] = {}
    for path, data_dir in (("bolt", bolt_dir), ("fast", ready_data_dir)):
        slack = start_slack(slack_ack_path=path, data_dir=data_dir, slack_interim_delay_s=5.0)
        since = len(slack.mock.all_calls())
        response, _ = slack.sender.event(envelope(mention(QUESTION, ts="1700000108.000100"), f"EvP-{path}"))
        assert response.status_code == 200 and response.text == ""
        wait_until(lambda state=slack.state: state.delivery_status("slack:msg:C0001:1700000108.000100") == "done",
                   timeout=30)
        settled(slack.state, "slack", slack.bot)  # every accepted event answered
        seen[path] = _answer_calls(slack.mock, since)
        exchange = slack.state.tail(1)[0]
        assert exchange["question"].startswith("数字化改造谁牵头") and exchange["message_ref"].startswith("C0001:")
    assert [method for method, _ in seen["fast"]] == ["chat.postMessage"]  # one post, no interim, no update
    assert seen["fast"] == seen["bolt"]
    posted = seen["fast"][0][1]
    assert posted["thread_ts"] == "1700000108.000100" and "省工业和信息化厅" in json.dumps(posted["blocks"],
                                                                                      ensure_ascii=False)
