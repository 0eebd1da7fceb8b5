"""The "正在查询…" interim message goes out only when an answer is slower than the configured delay."""

from __future__ import annotations

import pytest

from clusterbot.bot.slack import runtime
from clusterbot.bot.slack.interim import DelayedInterim
from tests.slack.harness import envelope, mention, section_texts
from tests.waiting import settled, wait_until


@pytest.fixture
def interims(monkeypatch) -> list[DelayedInterim]:
    """Every DelayedInterim the bot makes, so a test can wait for its timer to end instead of sleeping."""
    made: list[DelayedInterim] = []

    class Recorded(DelayedInterim):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(runtime, "DelayedInterim", Recorded)
    return made


def test_fast_answer_is_posted_directly_without_an_interim(start_slack, scripted_core, interims):
    slack = start_slack(slack_interim_delay_s=5.0)  # far above the scripted answer's time, even on a loaded machine
    slack.sender.event(envelope(mention("数字化改造谁牵头？", ts="1700000051.000100"), "Ev51"))
    [post] = slack.mock.wait_for("chat.postMessage")
    assert post["params"]["thread_ts"] == "1700000051.000100"
    assert "省工业和信息化厅" in section_texts(post["params"]["blocks"])[0]
    settled(slack.state, "slack", slack.bot)
    # The event that matters: the interim's timer has ended (cancelled, or fired and posted).
    assert len(interims) == 1
    wait_until(lambda: not interims[0]._timer.is_alive(), timeout=30, what="the interim timer ended")
    assert len(slack.mock.calls["chat.postMessage"]) == 1 and not slack.mock.calls.get("chat.update")


def test_slow_answer_gets_an_interim_that_the_answer_replaces(start_slack, scripted_core, slow_answers):
    slack = start_slack(slack_interim_delay_s=0.1)
    slack.sender.event(envelope(mention("这个慢问题谁牵头？", ts="1700000052.000100"), "Ev52"))
    [interim] = slack.mock.wait_for("chat.postMessage", timeout=30)  # the answer is held until the gate opens
    assert not interim["params"].get("blocks")  # plain "正在查询…" text
    slow_answers.set()
    [update] = slack.mock.wait_for("chat.update", timeout=30)
    assert "省工业和信息化厅" in section_texts(update["params"]["blocks"])[0]
    assert len(slack.mock.calls["chat.postMessage"]) == 1
