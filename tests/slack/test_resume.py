"""Resuming after a crash reads Slack back: parts already posted (found by message metadata) are not posted again.

The state store holds a pending delivery as a killed process leaves it; the mock workspace holds what
that process had posted. `SlackBot.recover` (run at start) then asks Slack and posts only what is missing.
"""

from __future__ import annotations

import time

from clusterbot.bot.slack.inbound import Inbound
from clusterbot.bot.slack.posted import metadata
from tests.slack.harness import wait_until
from tests.waiting import settled


def _pending(slack, inbound: Inbound) -> None:
    assert slack.state.claim(inbound.key, "slack", inbound.payload())


def _already_posted(mock, channel: str, inbound: Inbound, part: int, parts: int, thread_ts: str | None) -> None:
    mock.messages[channel].append({"ts": f"1800000099.{part:06d}", "thread_ts": thread_ts, "text": "…",
                                   "blocks": None, "metadata": metadata(inbound.key, part, parts), "bot_id": "BBOT"})


def test_a_complete_answer_found_in_the_dm_history_is_not_posted_again(start_slack, scripted_core):
    slack = start_slack()
    inbound = Inbound(key="slack:msg:D0009:1700000100.000100", kind="dm", team="T0001", channel="D0009",
                      user="U0001", text="数字化改造谁牵头？", reply_thread_ts=None, conversation="D0009:main")
    _pending(slack, inbound)
    _already_posted(slack.mock, "D0009", inbound, 0, 1, None)
    assert slack.bot.recover() == 1
    history = slack.mock.wait_for("conversations.history")[0]["params"]
    assert history["channel"] == "D0009" and history["oldest"] == "1700000100.000100"
    wait_until(lambda: slack.state.delivery_status(inbound.key) == "done", timeout=20)
    settled(slack.state, "slack", slack.bot)
    assert slack.mock.count("chat.postMessage") == 0 and slack.mock.count("chat.update") == 0


def test_a_partly_posted_answer_gets_only_its_missing_parts(start_slack, scripted_core):
    slack = start_slack()
    inbound = Inbound(key="slack:msg:C0009:1700000200.000100", kind="mention", team="T0001", channel="C0009",
                      user="U0001", text="长答案", reply_thread_ts="1700000200.000100",
                      conversation="C0009:1700000200.000100")
    _pending(slack, inbound)
    _already_posted(slack.mock, "C0009", inbound, 0, 99, "1700000200.000100")
    assert slack.bot.recover() == 1
    wait_until(lambda: slack.state.delivery_status(inbound.key) == "done", timeout=20)
    posts = [c["params"] for c in slack.mock.calls["chat.postMessage"]]
    parts = [p["metadata"]["event_payload"]["part"] for p in posts]
    total = posts[0]["metadata"]["event_payload"]["parts"]
    assert total > 1 and parts == list(range(1, total))  # no interim, no second part 0
    assert all(p["thread_ts"] == "1700000200.000100" for p in posts)
    replies = slack.mock.calls["conversations.replies"][0]["params"]
    assert replies["ts"] == "1700000200.000100" and str(replies["include_all_metadata"]).lower() in ("1", "true")


def test_when_slack_cannot_be_read_back_the_answer_is_still_given(start_slack, scripted_core):
    """A missing history scope must not lose the answer: it is posted (at least once) and the failure logged."""
    slack = start_slack()
    slack.mock.script("conversations.replies", body={"ok": False, "error": "missing_scope"})
    inbound = Inbound(key="slack:msg:C0010:1700000300.000100", kind="mention", team="T0001", channel="C0010",
                      user="U0001", text="数字化改造谁牵头？", reply_thread_ts="1700000300.000100",
                      conversation="C0010:1700000300.000100")
    _pending(slack, inbound)
    assert slack.bot.recover() == 1
    wait_until(lambda: slack.state.delivery_status(inbound.key) == "done", timeout=20)
    answers = [c["params"] for c in slack.mock.calls["chat.postMessage"]]
    assert len(answers) == 1 and answers[0]["blocks"] and slack.mock.count("chat.update") == 0


def test_an_answer_past_the_first_page_of_a_long_thread_is_found(start_slack, scripted_core):
    """Killed after posting into a thread of 250 messages: the answer is on the second page of replies."""
    slack = start_slack()
    root = "1700000300.000100"
    inbound = Inbound(key=f"slack:msg:C0010:{root}", kind="mention", team="T0001", channel="C0010",
                      user="U0001", text="数字化改造谁牵头？", reply_thread_ts=root, conversation=f"C0010:{root}")
    _pending(slack, inbound)
    chatter = [{"ts": root, "thread_ts": None, "text": "…", "blocks": None, "metadata": None}]
    chatter += [{"ts": f"1700000300.{n:06d}", "thread_ts": root, "text": f"回复 {n}", "blocks": None, "metadata": None}
                for n in range(200, 449)]
    slack.mock.messages["C0010"].extend(chatter)
    _already_posted(slack.mock, "C0010", inbound, 0, 1, root)
    assert slack.bot.recover() == 1
    wait_until(lambda: slack.state.delivery_status(inbound.key) == "done", timeout=20)
    time.sleep(0.3)
    assert slack.mock.count("chat.postMessage") == 0 and slack.mock.count("chat.update") == 0
    pages = [c["params"] for c in slack.mock.calls["conversations.replies"]]
    assert len(pages) == 2 and pages[1]["cursor"] == "200"
