"""The WeCom app callback end to end: uvicorn serving build_app on loopback, the mock WeCom API."""

from __future__ import annotations

import base64
import logging
import time

import httpx
import pytest

from clusterbot.bot.server import build_app
from clusterbot.bot.wecom.crypto import pad, signature
from clusterbot.config import load_settings
from clusterbot.errors import ConfigError
from clusterbot.messages import msg
from clusterbot.state import open_state
from clusterbot.templates import render
from tests.loopback import serve_asgi as serve
from tests.wecom import vectors as v
from tests.wecom.conftest import AES_KEY, AGENT_ID, CORP_ID, SECRET, TOKEN, Sender


def _app(**overrides):
    return build_app(load_settings(**overrides), ["wecom"])


def test_url_verification_returns_bare_plaintext(wecom_env):
    with serve(_app()) as base:
        sender = Sender(base)


        ts, nonce = str(int(time.time())), "98765"
        echostr = sender.crypto.encrypt(b"4725619870553847132")
        query = {"msg_signature": signature(TOKEN, ts, nonce, echostr), "timestamp": ts, "nonce": nonce,
                 "echostr": echostr}
        reply = sender.http.get(sender.url, params=query)
        assert reply.status_code == 200
        assert reply.content == b"4725619870553847132"
        query["msg_signature"] = "0" * 40
        bad = sender.http.get(sender.url, params=query)
        assert bad.status_code == 403 and bad.content == b""


def test_official_vector_a_url_check_over_http(monkeypatch, mock_wecom):
    for name, value in {"WECOM_CORP_ID": v.A_RECEIVE_ID, "WECOM_AGENT_ID": "218", "WECOM_SECRET": "s",
                        "WECOM_TOKEN": v.A_TOKEN, "WECOM_AES_KEY": v.A_AES_KEY,
                        "CLUSTERBOT_WECOM_API_URL": mock_wecom.base_url}.items():
        monkeypatch.setenv(name, value)
    # The vector dates from 2014: widen the freshness window for this request only.
    with serve(_app(wecom_timestamp_window_s=20 * 365 * 86400)) as base:
        # Raw "+" in the query (no percent-encoding), as some gateways forward it.
        query = "&".join(f"{k}={val}" for k, val in v.A_VERIFY.items())
        reply = httpx.get(f"{base}/wecom/callback?{query}", trust_env=False, timeout=10)
        assert reply.status_code == 200
        assert reply.text == v.A_VERIFY_REPLY


def test_message_gets_exactly_one_send_after_an_empty_200(wecom_env):
    mock = wecom_env
    with serve(_app()) as base:
        reply = Sender(base).send("重新开始")
        assert reply.status_code == 200 and reply.content == b""
        sends = mock.wait_for("message/send", 1)
    assert len(mock.calls_to("message/send")) == 1
    payload = sends[0].json
    assert payload["touser"] == "zhangsan" and payload["agentid"] == int(AGENT_ID)
    assert payload[payload["msgtype"]]["content"] == render("reset_done")
    assert len(mock.calls_to("gettoken")) == 1


def test_duplicate_deliveries_get_one_answer(wecom_env):
    mock = wecom_env
    with serve(_app()) as base:
        sender = Sender(base)
        query, body = sender.envelope(sender.inner_xml("重新开始", msg_id="4561255354251345929"))
        statuses = [sender.post(query, body).status_code for _ in range(4)]  # WeCom retries up to 3 times
        # A retry re-encrypted with a new prefix carries the same MsgId.
        statuses.append(sender.send("重新开始", msg_id="4561255354251345929").status_code)
        # Events have no MsgId: sender + CreateTime identify them.
        for _ in range(2):
            statuses.append(sender.send("", msg_type="event", event="enter_agent", create_time=1700000000).status_code)
        mock.wait_for("message/send", 2)
        statuses.append(sender.post(query, body).status_code)  # a replay after the answer went out
    assert statuses == [200] * 8
    assert len(mock.calls_to("message/send")) == 2


def test_token_expiry_refreshes_once_and_succeeds(wecom_env):
    mock = wecom_env
    with serve(_app()) as base:
        sender = Sender(base)
        sender.send("重新开始")
        mock.wait_for("message/send", 1)
        mock.expire_tokens()  # WeCom revoked the token before its 7200 s were up
        sender.send("重新开始")
        sends = mock.wait_for("message/send", 3)
    tokens = [c.query["access_token"] for c in sends]
    assert tokens == ["token-1", "token-1", "token-2"]
    assert len(mock.calls_to("gettoken")) == 2
    assert len(sends) == 3  # one rejected by 42001, then two delivered


@pytest.mark.parametrize(("msg_type", "event", "answered"), [
    ("image", "", True), ("voice", "", True), ("event", "enter_agent", True), ("event", "LOCATION", False),
])
def test_non_text_messages_get_the_help_text(wecom_env, msg_type, event, answered):
    mock = wecom_env
    with serve(_app()) as base:
        assert Sender(base).send("", msg_type=msg_type, event=event).status_code == 200
    sends = mock.calls_to("message/send")
    if answered:
        assert [c.json["text"]["content"] for c in sends] == [msg("wecom.help")]
    else:
        assert sends == []


def _bad_padding_envelope(sender: Sender, timestamp: str):
    inner = sender.inner_xml("重新开始").encode()
    plain = b"0123456789abcdef" + len(inner).to_bytes(4, "big") + inner + CORP_ID.encode()
    plain = pad(plain)[:-1] + b"\x21"  # last pad byte 33: outside 1..32
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    key = base64.b64decode(AES_KEY + "=")
    enc = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    encrypted = base64.b64encode(enc.update(plain) + enc.finalize()).decode()
    query = {"msg_signature": signature(TOKEN, timestamp, "1", encrypted), "timestamp": timestamp, "nonce": "1"}
    return query, f"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>".encode()


def _entity_inner_envelope(sender: Sender):
    inner = '<!DOCTYPE xml [<!ENTITY x "重新开始">]>' + sender.inner_xml("&x;")
    return sender.envelope(inner)


def test_bad_requests_are_rejected_without_answer_or_detail(wecom_env, caplog):
    caplog.set_level(logging.INFO)
    mock = wecom_env


    now = int(time.time())
    with serve(_app(wecom_timestamp_window_s=300)) as base:
        sender = Sender(base)
        stranger = Sender(base, receive_id="ww-another-corp")
        forger = Sender(base, token="not-the-token")
        good_query, good_body = sender.envelope(sender.inner_xml("重新开始"))
        cases = {
            "bad signature": forger.envelope(forger.inner_xml("重新开始")),
            "tampered ciphertext": (good_query, good_body.replace(b"<Encrypt><![CDATA[", b"<Encrypt><![CDATA[AAAA")),
            "wrong receive id": stranger.envelope(stranger.inner_xml("重新开始")),
            "bad padding": _bad_padding_envelope(sender, str(now)),
            "oversized": (good_query, b"<xml><Encrypt>" + b"A" * 200_000 + b"</Encrypt></xml>"),
            "malformed xml": (good_query, b"<xml><Encrypt>abc"),
            "entity in envelope": (good_query, b'<!DOCTYPE xml [<!ENTITY e "x">]><xml><Encrypt>&e;</Encrypt></xml>'),
            "entity in message": _entity_inner_envelope(sender),
            "stale timestamp": sender.envelope(sender.inner_xml("重新开始"), timestamp=str(now - 3600)),
            "future timestamp": sender.envelope(sender.inner_xml("重新开始"), timestamp=str(now + 3600)),
            "no timestamp": ({**good_query, "timestamp": ""}, good_body),
        }
        results = {name: sender.post(*case) for name, case in cases.items()}
    for name, reply in results.items():
        assert reply.status_code in (400, 403, 413), name
        assert reply.content == b"", name
    assert mock.calls_to("message/send") == [] and mock.calls_to("gettoken") == []
    for secret in (TOKEN, AES_KEY, SECRET, "重新开始"):
        assert secret not in caplog.text


def test_secrets_tokens_and_payloads_stay_out_of_logs(wecom_env, caplog):
    caplog.set_level(logging.INFO)
    mock = wecom_env
    with serve(_app()) as base:
        Sender(base).send("重新开始")
        mock.wait_for("message/send", 1)
    assert "wecom text accepted" in caplog.text
    for secret in (TOKEN, AES_KEY, SECRET, "token-1", "重新开始", render("reset_done")):
        assert secret not in caplog.text


@pytest.mark.parametrize(("var", "value"), [
    ("WECOM_AES_KEY", "too-short"), ("WECOM_AES_KEY", "a" * 42 + "="), ("WECOM_TOKEN", ""),
    ("WECOM_CORP_ID", ""), ("WECOM_AGENT_ID", "abc"), ("WECOM_SECRET", ""),
])
def test_configuration_is_checked_when_the_app_is_built(wecom_env, monkeypatch, var, value):
    monkeypatch.setenv(var, value)
    with pytest.raises(ConfigError) as err:
        _app()
    assert var in err.value.message
    if value:
        assert value not in err.value.message


def test_pending_delivery_from_a_dead_process_is_answered_on_start(wecom_env):


    mock = wecom_env
    settings = load_settings()
    state = open_state(settings.data_dir)
    payload = {"from_user": "lisi", "to_user": CORP_ID, "create_time": str(int(time.time())), "msg_type": "text",
               "content": "重新开始", "msg_id": "1", "event": "", "agent_id": AGENT_ID}
    assert state.claim("wecom:msg:1", "wecom", payload)
    old = {**payload, "msg_id": "2", "create_time": str(int(time.time()) - 86400)}
    assert state.claim("wecom:msg:2", "wecom", old)
    with serve(build_app(settings, ["wecom"])):
        mock.wait_for("message/send", 1)
    assert [c.json["touser"] for c in mock.calls_to("message/send")] == ["lisi"]
    assert state.delivery_status("wecom:msg:1") == "done"
    assert state.delivery_status("wecom:msg:2") == "failed"
