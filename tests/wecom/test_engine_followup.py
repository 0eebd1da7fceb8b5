"""A WeCom app chat over the real offline engine: the follow-up is about the new place, 重新开始 forgets.

WeCom app chats have no threads; the README promises the conversation is per user.
"""

from __future__ import annotations

from clusterbot.bot.server import build_app
from clusterbot.config import load_settings
from tests.loopback import serve_asgi as serve
from tests.wecom.conftest import Sender


def sent_to(mock, user: str) -> list[str]:
    return [c.json["markdown"]["content"] if c.json["msgtype"] == "markdown" else c.json["text"]["content"]
            for c in mock.calls_to("message/send") if c.json["touser"] == user]


def test_follow_up_is_about_the_new_place_and_per_user(wecom_env, ready_data_dir):
    mock = wecom_env
    with serve(build_app(load_settings(data_dir=ready_data_dir), ["wecom"])) as base:
        sender = Sender(base)
        sender.send("天长市离百亿目标还有多远？")
        mock.wait_for("message/send", 1, timeout_s=30)
        sender.send("那宁国呢？")
        mock.wait_for("message/send", 2, timeout_s=30)
        sender.send("那宁国呢？", user="lisi")  # another user has no conversation to continue
        mock.wait_for("message/send", 3, timeout_s=30)
    first, follow_up = sent_to(mock, "zhangsan")
    assert "天长市" in first and "5.8 亿元" in first
    assert "宁国市" in follow_up and "401.2 亿元" in follow_up and "天长" not in follow_up
    (other,) = sent_to(mock, "lisi")
    assert "401.2" not in other


def test_restart_word_forgets_the_conversation(wecom_env, ready_data_dir):
    mock = wecom_env
    with serve(build_app(load_settings(data_dir=ready_data_dir), ["wecom"])) as base:
        sender = Sender(base)
        sender.send("天长市离百亿目标还有多远？")
        mock.wait_for("message/send", 1, timeout_s=30)
        sender.send("重新开始")
        mock.wait_for("message/send", 2, timeout_s=30)
        sender.send("那宁国呢？")
        mock.wait_for("message/send", 3, timeout_s=30)
    *_, after_reset = sent_to(mock, "zhangsan")
    assert "宁国市" not in after_reset.split("例如")[0] and "401.2" not in after_reset
