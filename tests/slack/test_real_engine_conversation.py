"""Conversations in Slack threads over the real offline engine and data (README "What it does").

The transport tests answer with a scripted stand-in (tests/slack/conftest.py); these check what the
stand-in cannot: that a follow-up in the thread is answered about the new place with the new place's
figures, that a thread is one conversation and another thread is not, and that 重新开始 forgets.
"""

from __future__ import annotations

from tests.slack.harness import context_texts, envelope, mention, message, section_texts

PARENT = "1700000050.000100"


def answer_text(update: dict) -> str:
    """Everything a reader sees in one answer message: sections and context lines."""
    blocks = update["params"]["blocks"]
    return "\n".join(section_texts(blocks) + context_texts(blocks))


def test_thread_follow_up_is_answered_about_the_new_place(ready_data_dir, start_slack):
    slack = start_slack()
    slack.sender.event(envelope(mention("天长市离百亿目标还有多远？", ts=PARENT), "EvC1"))
    first = answer_text(slack.mock.wait_for("chat.update", timeout=30)[0])
    assert "天长市" in first and "5.8 亿元" in first and "宁国" not in first
    assert "*二* · 工作目标" in first  # the cited clause, by its label

    slack.sender.event(envelope(mention("那宁国呢？", ts="1700000050.000900", thread_ts=PARENT), "EvC2"))
    follow_up = answer_text(slack.mock.wait_for("chat.update", 2, timeout=30)[1])
    assert "宁国市" in follow_up and "401.2 亿元" in follow_up  # 宁国's largest cluster, 2025
    assert "天长" not in follow_up
    interims = slack.mock.wait_for("chat.postMessage", 2)
    assert [c["params"]["thread_ts"] for c in interims] == [PARENT, PARENT]
    exchanges = slack.state.tail(2)
    assert [e["status"] for e in exchanges] == ["answered", "answered"]
    assert {e["thread"] for e in exchanges} == {f"C0001:{PARENT}"}


def test_a_follow_up_in_another_thread_has_nothing_to_continue(ready_data_dir, start_slack):
    slack = start_slack()
    slack.sender.event(envelope(mention("天长市离百亿目标还有多远？", ts=PARENT), "EvC3"))
    slack.mock.wait_for("chat.update", timeout=30)
    slack.sender.event(envelope(mention("那宁国呢？", ts="1700000051.000100"), "EvC4"))  # a new top-level mention
    other = answer_text(slack.mock.wait_for("chat.update", 2, timeout=30)[1])
    assert "401.2" not in other and "天长" not in other.split("例如")[0]
    assert slack.state.tail(1)[0]["status"] == "no_data"


def test_restart_word_forgets_the_conversation_of_the_dm(ready_data_dir, start_slack):
    slack = start_slack()
    slack.sender.event(envelope(message("天长市离百亿目标还有多远？", ts="1700000052.000100"), "EvC5"))
    slack.mock.wait_for("chat.update", timeout=30)
    slack.sender.event(envelope(message("那宁国呢？", ts="1700000052.000200"), "EvC6"))
    assert "401.2 亿元" in answer_text(slack.mock.wait_for("chat.update", 2, timeout=30)[1])
    slack.sender.event(envelope(message("重新开始", ts="1700000052.000300"), "EvC7"))
    slack.sender.event(envelope(message("那宁国呢？", ts="1700000052.000400"), "EvC8"))
    assert slack.mock.wait_for("chat.update", 4, timeout=30)
    statuses = [e["status"] for e in slack.state.tail(10) if e["question"].startswith("那宁国呢")]
    assert statuses == ["answered", "no_data"]
