"""The "正在查询…" interim message goes out only when an answer is slower than the configured delay."""

from __future__ import annotations

import time

from tests.slack.harness import envelope, mention, section_texts, wait_until


def test_fast_answer_is_posted_directly_without_an_interim(start_slack, scripted_core):
    slack = start_slack(slack_interim_delay_s=1.0)
    slack.sender.event(envelope(mention("数字化改造谁牵头？", ts="1700000051.000100"), "Ev51"))
    [post] = slack.mock.wait_for("chat.postMessage")
    assert post["params"]["thread_ts"] == "1700000051.000100"
    assert "省工业和信息化厅" in section_texts(post["params"]["blocks"])[0]
    wait_until(lambda: slack.state.delivery_status("slack:msg:C0001:1700000051.000100") == "done")
    time.sleep(1.2)  # past the delay: the cancelled interim must never appear
    assert len(slack.mock.calls["chat.postMessage"]) == 1 and not slack.mock.calls.get("chat.update")


def test_slow_answer_gets_an_interim_that_the_answer_replaces(start_slack, scripted_core):
    slack = start_slack(slack_interim_delay_s=0.1)
    slack.sender.event(envelope(mention("这个慢问题谁牵头？", ts="1700000052.000100"), "Ev52"))
    [interim] = slack.mock.wait_for("chat.postMessage")
    assert not interim["params"].get("blocks")  # plain "正在查询…" text
    [update] = slack.mock.wait_for("chat.update")
    assert "省工业和信息化厅" in section_texts(update["params"]["blocks"])[0]
    assert len(slack.mock.calls["chat.postMessage"]) == 1
