"""Fixtures: the mock Slack Web API, Slack variables, and the real app served on loopback."""

from __future__ import annotations

import threading
from contextlib import ExitStack
from types import SimpleNamespace

import pytest

from clusterbot.bot.core import Assistant
from clusterbot.errors import DataError
from clusterbot.models import Answer, Citation, Fact
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, SlackSender, serve_asgi
from tests.slack.mock_slack import MockSlack

DIGITAL = Citation(
    doc_id="anhui-2024-clusters", doc_title="关于推进县域特色产业集群（基地）高质量发展的指导意见",
    clause_id="3.2.1", label="三（二）1", title="推动数字化改造", lead_units=["省工业和信息化厅"],
    support_units=["省发展改革委", "各市、县人民政府"], quote="实施制造业数字化转型行动，推动集群企业“智改数转网联”。",
)


# Questions with 慢 wait for this event instead of sleeping, so a test can look at what happens while an
# answer is still being computed (the ack, the interim) and then let it finish. Open unless a test closes it.
SLOW_ANSWERS = threading.Event()
SLOW_ANSWERS.set()
SLOW_ANSWER_LIMIT_S = 30.0  # a gate a test forgets to open never holds a worker longer than this


def scripted_dispatch(self: Assistant, question, mode):
    """A scripted stand-in for the answer engine: the Slack tests exercise the channel, not the engine.

    It covers transport only (signatures, acks, dedupe, queueing, rendering, splitting, retries, errors);
    its answer is the same canned citation whatever is asked. It does NOT cover what the answer says:
    whether the citation, the lead unit and the figures are right, whether a thread follow-up is about the
    new place, whether 重新开始 forgets, or what a briefing holds. Those run through the real offline
    engine in test_real_engine.py and test_real_engine_conversation.py.
    """
    text = question.text
    if "慢" in text:  # a slow answer: held until the test opens the gate (see `slow_answers`)
        SLOW_ANSWERS.wait(timeout=SLOW_ANSWER_LIMIT_S)
    if "出错" in text:
        raise RuntimeError("engine failure")
    if "缺数据" in text:
        raise DataError("config.file_missing", path="indicators.duckdb")
    conversation = self.state.load_conversation(question.conversation_key) or {"turns": 0}
    conversation["turns"] += 1
    self.state.save_conversation(question.conversation_key, conversation)
    if "长答案" in text:
        body = "\n\n".join(f"**第{n}段** " + "集群数字化改造由省工业和信息化厅牵头推进。" * 12 + "🏭👩🏽‍🔧"
                           for n in range(1, 60))
    else:
        body = f"**数字化改造**由省工业和信息化厅牵头（三（二）1）。<对话第{conversation['turns']}轮> & 更多"
    english = text.isascii()
    return Answer(question=text, answer=body, status="answered", citations=[DIGITAL],
                  facts=[Fact(name="营业收入", value=87.3, unit="亿元", year=2024, entity="天长市电线电缆产业集群",
                              source="demo", demo=True)],
                  intent="scripted", lang="en" if english else "zh")


@pytest.fixture
def mock_slack():
    server = MockSlack()
    yield server
    server.close()


@pytest.fixture
def slack_env(monkeypatch, mock_slack):
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
    monkeypatch.setenv("CLUSTERBOT_SLACK_API_URL", mock_slack.base_url)
    monkeypatch.setenv("CLUSTERBOT_SLACK_INTERIM_DELAY_S", "0")  # most tests follow the interim → update path


@pytest.fixture
def scripted_core(monkeypatch):
    monkeypatch.setattr(Assistant, "_dispatch", scripted_dispatch)


@pytest.fixture
def slow_answers():
    """The gate of the 慢 questions, closed: call .set() to let their answers finish (reopened afterwards)."""
    SLOW_ANSWERS.clear()
    yield SLOW_ANSWERS
    SLOW_ANSWERS.set()


@pytest.fixture
def start_slack(slack_env, mock_slack):
    """start(**setting overrides) -> the running app: url, sender, bot, state, mock."""
    from clusterbot.bot.server import build_app
    from clusterbot.config import load_settings

    stack = ExitStack()

    def start(**overrides):
        settings = load_settings(**overrides)
        app = build_app(settings, ["slack"])
        url = stack.enter_context(serve_asgi(app))
        sender = SlackSender(url)
        stack.callback(sender.close)
        bot = next(route.endpoint.bot for route in app.routes if getattr(route, "path", "") == "/slack/events")
        return SimpleNamespace(url=url, sender=sender, bot=bot, state=bot.state, settings=settings, mock=mock_slack)

    yield start
    stack.close()
