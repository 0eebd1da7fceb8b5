"""Answers through the running app: a long answer split for WeCom, and a real cited answer."""

from __future__ import annotations

import re

from clusterbot.bot.core import Assistant
from clusterbot.bot.server import build_app
from clusterbot.bot.wecom.render import render_answer
from clusterbot.config import load_settings
from clusterbot.models import Answer, Citation, Fact
from clusterbot.state import open_state
from tests.loopback import serve_asgi as serve
from tests.wecom.conftest import Sender

NUMBER = re.compile(r"^\((\d+)/(\d+)\)\n")


class LongAnswerAssistant(Assistant):
    """The real core (checks, conversation, audit log) with a scripted engine giving a long answer."""

    def _dispatch(self, question, mode):
        paragraph = "".join(f"第{i}条措施：支持县域特色产业集群开展数字化改造😀，培育专精特新企业。" for i in range(40))
        citation = Citation(doc_id="guidance-2024", doc_title="指导意见", clause_id="3.2.1", label="三（二）1",
                            title="推动数字化改造", lead_units=["省工业和信息化厅"])
        fact = Fact(name="营业收入", value=87.3, unit="亿元", year=2024, entity="天长市", source="demo", demo=True)
        return Answer(question=question.text, answer="\n\n".join([paragraph] * 3), status="answered",
                      citations=[citation], facts=[fact])


def test_long_answer_is_split_under_2048_bytes_without_broken_characters(wecom_env, monkeypatch):
    mock = wecom_env
    monkeypatch.setattr("clusterbot.bot.core.Assistant", LongAnswerAssistant)  # build_app makes the one shared assistant
    settings = load_settings()
    with serve(build_app(settings, ["wecom"])) as base:
        Sender(base).send("有哪些支持措施？")
        mock.wait_for("message/send", 6)
    parts = [c.json["markdown"]["content"] for c in mock.calls_to("message/send")]
    assert len(parts) > 3
    bodies = []
    for i, part in enumerate(parts, start=1):
        assert len(part.encode("utf-8")) <= 2048
        match = NUMBER.match(part)
        assert match and (int(match.group(1)), int(match.group(2))) == (i, len(parts))
        bodies.append(part[match.end():])
    assert "\ufffd" not in "".join(bodies)
    exchange = open_state(settings.data_dir).tail(1)[0]
    expected = render_answer(Answer(question="q", answer=exchange["answer"], status="answered",
                                    citations=exchange["citations"], facts=exchange["facts"]))
    squeeze = re.compile(r"\s+")
    assert squeeze.sub("", "".join(bodies)) == squeeze.sub("", expected)
    assert "- 三（二）1 · 推动数字化改造 · 牵头单位：省工业和信息化厅" in parts[-1]
    assert "示例数据" in parts[-1]
