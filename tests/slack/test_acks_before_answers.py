"""Acks never wait for answers: each request is acked while its answer is still held (the 慢 gate).

This replaces timing the ack: a loaded machine cannot fail it and a regression that answers before
acking cannot pass it, however fast the answer. Speed itself is measured by `make bench` (bench/load.py).
"""

from __future__ import annotations

from tests.slack.harness import command, envelope, mention

SLOW = "数字化改造谁牵头？慢"


def test_a_mention_is_acked_while_its_answer_is_held(start_slack, scripted_core, slow_answers):
    slack = start_slack()
    response, _ = slack.sender.event(envelope(mention(SLOW, ts="1700000070.000100"), "EvA1"))
    assert response.status_code == 200
    slack.mock.wait_for("chat.postMessage", timeout=30)  # the interim, posted while the answer waits
    assert slack.state.delivery_status("slack:msg:C0001:1700000070.000100") == "pending"
    assert slack.mock.count("chat.update") == 0
    slow_answers.set()
    slack.mock.wait_for("chat.update", timeout=30)


def test_a_retry_is_acked_while_the_first_delivery_is_still_being_answered(start_slack, scripted_core,
                                                                          slow_answers):
    slack = start_slack()
    event = mention(SLOW, ts="1700000071.000100")
    first, _ = slack.sender.event(envelope(event, "EvA2"))
    retry, _ = slack.sender.event(envelope(event, "EvA2"), headers={"X-Slack-Retry-Num": "1",
                                                                      "X-Slack-Retry-Reason": "http_timeout"})
    assert first.status_code == retry.status_code == 200
    assert slack.mock.count("chat.update") == 0  # both acks came back before any answer
    slow_answers.set()
    slack.mock.wait_for("chat.update", timeout=30)


def test_a_slash_command_is_acked_while_its_answer_is_held(start_slack, scripted_core, slow_answers):
    slack = start_slack()
    response, _ = slack.sender.form(command(SLOW))
    assert response.status_code == 200 and response.json()["text"] == "正在查询…"
    assert slack.mock.count("chat.postMessage") == 0 and slack.state.tail(1) == []  # nothing answered yet
    slow_answers.set()
    posted = slack.mock.wait_for("chat.postMessage", timeout=30)[0]["params"]
    assert posted["blocks"][0]["elements"][0]["text"] == f"<@U0001> 问：{SLOW}"
