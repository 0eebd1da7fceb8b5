"""Rate limits from Settings: per user on WeCom, per channel on Slack; over the limit a polite message, no answer."""

from __future__ import annotations

from clusterbot.bot.server import build_app
from clusterbot.config import load_settings
from clusterbot.messages import msg
from tests.hardening.conftest import channel_env
from tests.slack.harness import SlackSender, envelope, mention, serve_asgi, wait_until
from tests.slack.mock_slack import MockSlack
from tests.waiting import settled_store
from tests.wecom.conftest import CORP_ID, SECRET, Sender
from tests.wecom.mock_wecom import MockWeCom


def _contents(mock, user: str) -> list[str]:
    out = []
    for call in mock.calls_to("message/send"):
        payload = call.json
        if payload["touser"] == user:
            out.append(payload[payload["msgtype"]]["content"])
    return out


def test_wecom_per_user_limit_from_settings_answers_politely(ready_data_dir, monkeypatch):
    mock_slack = MockSlack()
    try:
        with MockWeCom(corp_id=CORP_ID, secret=SECRET) as mock_wecom:
            channel_env(monkeypatch, mock_slack.base_url, mock_wecom.base_url)
            app = build_app(load_settings(rate_limit_per_user_per_min=2), ["wecom"])
            with serve_asgi(app) as base:
                sender = Sender(base)
                for _ in range(3):
                    assert sender.send("重新开始", user="wangwu").status_code == 200
                    mock_wecom.wait_for("message/send", len(mock_wecom.calls_to("message/send")) + 1)
                assert sender.send("重新开始", user="zhaoliu").status_code == 200  # another user is not limited
                wait_until(lambda: _contents(mock_wecom, "zhaoliu"))
                sender.http.close()
    finally:
        mock_slack.close()
    polite = msg("wecom.rate_limited")
    assert _contents(mock_wecom, "wangwu").count(polite) == 1
    assert len(_contents(mock_wecom, "wangwu")) == 3
    assert polite not in _contents(mock_wecom, "zhaoliu")


def test_slack_per_channel_limit_from_settings_answers_politely(ready_data_dir, monkeypatch):
    mock_slack = MockSlack()
    try:
        with MockWeCom(corp_id=CORP_ID, secret=SECRET) as mock_wecom:
            channel_env(monkeypatch, mock_slack.base_url, mock_wecom.base_url)
            app = build_app(load_settings(rate_limit_per_channel_per_min=2, rate_limit_per_user_per_min=100), ["slack"])
            with serve_asgi(app) as base:
                slack = SlackSender(base)
                for n in range(3):  # three different people in one channel
                    response, _ = slack.event(envelope(mention("重新开始", f"1700000000.00000{n}", channel="CBUSY",
                                                               user=f"U{n}"), f"EvR{n}"))
                    assert response.status_code == 200
                wait_until(lambda: mock_slack.count("chat.update") >= 2)
                wait_until(lambda: msg("slack.rate_limited_channel") in [
                    c["params"].get("text", "") for c in mock_slack.calls["chat.postMessage"]])
                settled_store(ready_data_dir, "slack")  # a third answer would be posted by now
                slack.close()
    finally:
        mock_slack.close()
    texts = [c["params"].get("text", "") for c in mock_slack.calls["chat.postMessage"]]
    assert texts.count(msg("slack.rate_limited_channel")) == 1
    assert mock_slack.count("chat.update") == 2  # two answers, the third got the notice instead
