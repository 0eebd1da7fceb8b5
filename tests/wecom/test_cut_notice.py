"""A WeCom answer cut after its first part is followed by a notice, not left at "(1/2)"."""

from __future__ import annotations

from clusterbot.bot.core import Assistant
from clusterbot.bot.server import build_app
from clusterbot.config import load_settings
from clusterbot.messages import msg
from clusterbot.models import Answer
from tests.loopback import serve_asgi as serve
from tests.wecom.conftest import Sender


class LongAnswerAssistant(Assistant):
    def _dispatch(self, question, mode):
        return Answer(question=question.text, answer="很长的回答。" * 2000, status="answered")


def test_a_cut_answer_is_followed_by_a_notice(wecom_env, ready_data_dir, monkeypatch):
    mock = wecom_env
    monkeypatch.setattr("clusterbot.bot.core.Assistant", LongAnswerAssistant)
    with serve(build_app(load_settings(), ["wecom"])) as base:
        mock.script("message/send", [0, 40003])  # the first part goes out, the second is refused for good
        Sender(base).send("有哪些支持措施？")
        texts = mock.wait_for("message/send", 3)
    assert texts[0].json["msgtype"] == "markdown" and texts[0].json["markdown"]["content"].startswith("(1/")
    notice = texts[2].json
    assert notice["msgtype"] == "text" and notice["text"]["content"].startswith(msg("wecom.answer_cut", sent=1,
                                                                                    total=1)[:6])
