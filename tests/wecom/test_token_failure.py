"""A failed WeCom token fetch does not lose the question: gettoken is tried again with back-off, and when it
still fails the delivery stays pending and is resumed once WeCom gives a token again (one answer, one record).

Before, gettoken was not retried, the delivery was marked failed before anything was sent, never resumed,
and no notice reached the user (the notice needs a token too)."""

from __future__ import annotations

import clusterbot.bot.wecom.api as wecom_api
import clusterbot.bot.wecom.service as wecom_service
from clusterbot.bot.server import build_app
from clusterbot.config import load_settings
from clusterbot.state import open_state
from tests.loopback import serve_asgi as serve
from tests.wecom.conftest import Sender


def test_gettoken_is_retried_and_the_answer_goes_out(wecom_env, ready_data_dir, monkeypatch):
    mock = wecom_env
    monkeypatch.setattr(wecom_api, "TOKEN_RETRY_DELAYS_S", (0.0, 0.0))
    mock.script("gettoken", [-1, -1])  # busy twice, then a token
    settings = load_settings()
    with serve(build_app(settings, ["wecom"])) as base:
        Sender(base).send("数字化改造谁牵头？")
        sends = mock.wait_for("message/send", 1)
    assert sends and "省工业和信息化厅" in sends[0].json["markdown"]["content"]
    assert len(mock.calls_to("gettoken")) == 3


def test_a_token_outage_leaves_the_delivery_pending_and_it_is_resumed(wecom_env, ready_data_dir, monkeypatch):
    mock = wecom_env
    monkeypatch.setattr(wecom_api, "TOKEN_RETRY_DELAYS_S", (0.0,))
    monkeypatch.setattr(wecom_service, "RESUME_AFTER_S", (0.2, 0.2))
    mock.script("gettoken", [-1] * 4)  # the first try and its retry fail, the first resume too; the second works
    settings = load_settings()
    with serve(build_app(settings, ["wecom"])) as base:
        Sender(base).send("数字化改造谁牵头？")
        sends = mock.wait_for("message/send", 1)
    assert len(sends) == 1 and "省工业和信息化厅" in sends[0].json["markdown"]["content"]
    assert len(mock.calls_to("gettoken")) == 5
    state = open_state(settings.data_dir)
    assert len(state.tail(10)) == 1  # answered once, logged once
    assert list(state.pending_deliveries("wecom")) == []  # done, nothing left to resume
