"""Hostile requests to the running app (uvicorn on loopback, both channels): 2xx/4xx, never 5xx, no answer.

Slack bodies are signed for real, WeCom bodies encrypted and signed for real, so the input reaches the
code behind the checks. Property tests are bounded (max_examples, no deadline) to keep the suite fast.
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterbot.bot.server import build_app
from clusterbot.bot.wecom.crypto import signature
from clusterbot.config import load_settings
from tests.hardening.conftest import channel_env
from tests.slack.harness import SIGNING_SECRET, envelope, mention, serve_asgi, sign, wait_until
from tests.waiting import settled_store
from tests.wecom.conftest import CORP_ID, TOKEN, Sender

BOUNDED = settings(max_examples=40, deadline=None)
HOSTILE_CHARS = st.characters(codec=None, exclude_categories=())  # includes controls and lone surrogates


@contextmanager
def running_app(monkeypatch, mock_slack, mock_wecom, **overrides):
    channel_env(monkeypatch, mock_slack.base_url, mock_wecom.base_url)
    app = build_app(load_settings(**overrides), ["slack", "wecom"])
    with serve_asgi(app) as base:
        with httpx.Client(base_url=base, timeout=10, trust_env=False) as client:
            yield base, client


@pytest.fixture
def app(ready_data_dir, monkeypatch, mock_slack, mock_wecom):
    with running_app(monkeypatch, mock_slack, mock_wecom, rate_limit_per_user_per_min=100000,
                     rate_limit_per_channel_per_min=100000) as (base, client):
        yield base, client, mock_slack, mock_wecom


@pytest.fixture
def mock_slack():
    from tests.slack.mock_slack import MockSlack

    mock = MockSlack()
    yield mock
    mock.close()


@pytest.fixture
def mock_wecom():
    from tests.wecom.conftest import SECRET
    from tests.wecom.mock_wecom import MockWeCom

    with MockWeCom(corp_id=CORP_ID, secret=SECRET) as mock:
        yield mock


def slack_post(client: httpx.Client, raw: bytes, content_type: str = "application/json") -> httpx.Response:
    ts = str(int(time.time()))
    return client.post("/slack/events", content=raw, headers={
        "Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sign(SIGNING_SECRET, ts, raw)})


def posts(mock_slack) -> int:
    return sum(mock_slack.count(m) for m in ("chat.postMessage", "chat.update", "chat.postEphemeral"))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(HOSTILE_CHARS, max_size=40),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25)
# Event-shaped bodies that are not questions for us: from bots, edits, reactions. Every one is drawn that way
# (a bot id, a subtype, or an event type we never answer), so nothing has to be filtered out afterwards.
EVENT_FIELDS = {"channel": st.sampled_from(["C0001", "G1", ""]), "ts": st.text("0123456789.", max_size=20),
                "text": st.text(HOSTILE_CHARS, max_size=200)}
ASKING_TYPE = st.sampled_from(["message", "app_mention"])
NOT_FOR_US = st.fixed_dictionaries({
    "type": st.sampled_from(["event_callback", "app_rate_limited", "block_actions", "xyz"]),
    "team_id": st.sampled_from(["T0001", "", "T\u0000"]),
    "event_id": st.text(HOSTILE_CHARS, max_size=20),
    "event": st.one_of(
        st.fixed_dictionaries({"type": ASKING_TYPE, "bot_id": st.just("B999"), **EVENT_FIELDS}),
        st.fixed_dictionaries({"type": ASKING_TYPE, "subtype": st.sampled_from(["message_changed", "bot_message"]),
                               **EVENT_FIELDS}),
        st.fixed_dictionaries({"type": st.sampled_from(["reaction_added", "message_changed"]), **EVENT_FIELDS}),
    ),
})


def test_signed_random_json_never_5xx_and_never_answers(app, ready_data_dir):
    _, client, mock_slack, _ = app
    before = posts(mock_slack)

    @BOUNDED
    @given(JSON_VALUES | NOT_FOR_US)
    def check(body):
        raw = json.dumps(body).encode()  # ASCII escapes: lone surrogates arrive as \ud800
        response = slack_post(client, raw)
        assert response.status_code < 500, (response.status_code, raw[:200])

    check()
    settled_store(ready_data_dir, "slack")  # anything wrongly accepted would be answered by now
    assert posts(mock_slack) == before


def test_hostile_question_text_is_answered_once_and_never_5xx(app, ready_data_dir):
    _, client, mock_slack, _ = app
    sent: list[str] = []

    @settings(max_examples=12, deadline=None)
    @given(st.one_of(
        st.text(HOSTILE_CHARS, min_size=1, max_size=300),
        st.sampled_from(["天长市离" + "9" * 5000 + "亿还有多远？", "\u0000\u202e数字化改造谁牵头\u200b？",
                         "第99999999999999999999999条", "1e999亿", "\ud800\udfff天长", "\udc00孤立代理项\ud800", "<script>alert(1)</script>"]),
    ))
    def check(text):
        n = len(sent)
        channel, ts = f"CH{n}", f"1700000000.{n:06d}"
        raw = json.dumps(envelope(mention(text, ts, channel=channel, user=f"U{n}"), f"EvH{n}")).encode()
        response = slack_post(client, raw)
        assert response.status_code == 200, (response.status_code, text[:80])
        sent.append(channel)

    check()
    wait_until(lambda: mock_slack.count("chat.update") >= len(sent), timeout=60)
    settled_store(ready_data_dir, "slack")  # a second answer would be posted by now
    per_channel = [c["params"].get("channel") for c in mock_slack.calls["chat.update"]]
    assert sorted(per_channel) == sorted(sent)  # each answered exactly once


@pytest.mark.parametrize("raw, content_type, allowed", [
    (b"\xff\xfe\xfa not utf-8", "application/json", {400}),
    (b"[" * 200_000 + b"]" * 200_000, "application/json", {400, 413}),           # deep nesting
    (b'{"n": ' + b"9" * 20_000 + b"}", "application/json", {200, 400}),         # huge number
    (b"payload=" + b"%7B" * 1000, "application/x-www-form-urlencoded", {200, 400}),
    (b"x" * (2 * 1024 * 1024), "application/json", {413}),                      # oversized
])
def test_malformed_slack_bodies_are_refused_without_5xx(app, raw, content_type, allowed):
    _, client, mock_slack, _ = app
    response = slack_post(client, raw, content_type)
    assert response.status_code in allowed
    assert posts(mock_slack) == 0


def test_unsigned_and_stale_slack_requests_are_refused(app):
    _, client, mock_slack, _ = app
    raw = json.dumps(envelope(mention("数字化改造谁牵头？", "1700000000.000001"), "EvU")).encode()
    assert client.post("/slack/events", content=raw, headers={"Content-Type": "application/json"}).status_code == 401
    old = str(int(time.time()) - 3600)
    stale = client.post("/slack/events", content=raw, headers={
        "Content-Type": "application/json", "X-Slack-Request-Timestamp": old,
        "X-Slack-Signature": sign(SIGNING_SECRET, old, raw)})
    assert stale.status_code == 401 and posts(mock_slack) == 0


def _wecom_query(encrypted: str) -> dict:
    ts, nonce = str(int(time.time())), "4242"
    return {"msg_signature": signature(TOKEN, ts, nonce, encrypted), "timestamp": ts, "nonce": nonce}


def test_random_wecom_bodies_never_5xx_and_never_answer(app):
    base, client, _, mock_wecom = app

    @BOUNDED
    @given(st.binary(max_size=2000) | st.text(HOSTILE_CHARS, max_size=500).map(
        lambda t: t.encode("utf-8", "surrogatepass")))
    def check(body):
        response = client.post("/wecom/callback", params=_wecom_query("abc"), content=body)
        assert response.status_code in (400, 403), response.status_code

    check()
    assert not mock_wecom.calls_to("message/send")


def test_correctly_signed_ciphertext_of_random_plaintext_is_refused(app):
    base, client, _, mock_wecom = app
    sender = Sender(base)

    @BOUNDED
    @given(st.binary(max_size=600))
    def check(inner):
        encrypted = sender.crypto.encrypt(inner)
        body = f"<xml><ToUserName>{CORP_ID}</ToUserName><Encrypt>{encrypted}</Encrypt></xml>".encode()
        response = client.post("/wecom/callback", params=_wecom_query(encrypted), content=body)
        assert response.status_code in (200, 400, 403), response.status_code

    check()
    sender.http.close()
    assert not mock_wecom.calls_to("message/send")


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa">'
                  + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8))
                  + ']><xml><Encrypt>&i;</Encrypt></xml>')
EXTERNAL = '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>'


@pytest.mark.parametrize("body, status", [
    (BILLION_LAUGHS.encode(), {400, 403}),
    (EXTERNAL.encode(), {400, 403}),
    (b"<xml>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</xml>", {400, 403, 413}),
    (b"<xml><Encrypt>" + b"A" * (70 * 1024) + b"</Encrypt></xml>", {413}),
    (b"<xml><Encrypt>\xff\xfe</Encrypt></xml>", {400, 403}),
])
def test_hostile_wecom_envelopes_are_refused(app, body, status):
    base, client, _, mock_wecom = app
    response = client.post("/wecom/callback", params=_wecom_query("x"), content=body)
    assert response.status_code in status
    assert not mock_wecom.calls_to("message/send")


def test_hostile_inner_xml_with_valid_crypto_is_refused_or_answered_politely(app, ready_data_dir):
    base, client, _, mock_wecom = app
    sender = Sender(base)
    entity_inner = BILLION_LAUGHS.replace("<Encrypt>&i;</Encrypt>", "<FromUserName>u</FromUserName>"
                                          "<MsgType>text</MsgType><Content>&i;</Content>")
    assert sender.post(*sender.envelope(entity_inner)).status_code in (400, 403)
    control = sender.inner_xml("数字化改造谁牵头\u0001\u0007？", user="ctrl")  # controls are not XML 1.0
    assert sender.post(*sender.envelope(control)).status_code in (400, 403)
    huge = sender.inner_xml("天长市" + "9" * 30_000 + "亿", user="huge")
    assert sender.post(*sender.envelope(huge)).status_code in (200, 413)
    sender.http.close()
    settled_store(ready_data_dir, "wecom")
    assert all(c.json["touser"] == "huge" for c in mock_wecom.calls_to("message/send"))
