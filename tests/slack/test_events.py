"""Mentions and DMs end to end: signed events in, Web API calls out, through the real app."""

from __future__ import annotations

import logging

from tests.slack.harness import (
    BOT_TOKEN,
    context_texts,
    envelope,
    mention,
    message,
    section_texts,
    wait_until,
)
from tests.waiting import settled


def _answer_call(mock, n: int = 1) -> dict:
    return mock.wait_for("chat.update", n)[n - 1]


def test_mention_is_acked_and_answered_in_its_thread_with_citations(start_slack, scripted_core):
    slack = start_slack()  # that the ack does not wait for the answer: tests/slack/test_acks_before_answers.py
    response, _ = slack.sender.event(envelope(mention("数字化改造谁牵头？", ts="1700000001.000100"), "Ev1"))
    assert response.status_code == 200
    interim = slack.mock.wait_for("chat.postMessage")[0]["params"]
    assert interim["thread_ts"] == "1700000001.000100" and interim["text"] == "正在查询…"
    update = _answer_call(slack.mock)["params"]
    assert update["ts"] == "1800000000.000001"  # the interim's ts: it is replaced, not followed
    blocks = update["blocks"]
    sections = section_texts(blocks)
    assert sections[0].startswith("*数字化改造*由省工业和信息化厅牵头") and "&lt;对话第1轮&gt; &amp; 更多" in sections[0]
    assert "*三（二）1* · 推动数字化改造 · 牵头单位：省工业和信息化厅" in sections
    contexts = context_texts(blocks)
    assert any(c.startswith("> 实施制造业数字化转型行动") for c in contexts)
    assert any("示例数据" in c and "《关于推进县域特色产业集群（基地）高质量发展的指导意见》" in c for c in contexts)
    buttons = [b for b in blocks if b["type"] == "actions"][0]["elements"]
    assert [b["action_id"] for b in buttons] == ["clusterbot_feedback_up", "clusterbot_feedback_down"]
    exchange = wait_until(lambda: [e for e in slack.state.tail(1) if e["message_ref"]])[0]
    assert buttons[0]["value"] == str(exchange["id"])
    assert exchange["thread"] == "C0001:1700000001.000100" and exchange["channel"] == "slack"
    assert exchange["message_ref"] == f"C0001:{update['ts']}"
    assert all(c["authorization"] == f"Bearer {BOT_TOKEN}" for c in slack.mock.all_calls() if c["method"] != "auth.test")


def test_follow_up_in_the_same_thread_keeps_the_conversation(start_slack, scripted_core):
    slack = start_slack()
    slack.sender.event(envelope(mention("数字化改造谁牵头？", ts="1700000002.000100"), "Ev2a"))
    _answer_call(slack.mock, 1)
    slack.sender.event(envelope(mention("那宁国呢？", ts="1700000002.000500", thread_ts="1700000002.000100"), "Ev2b"))
    second = _answer_call(slack.mock, 2)["params"]
    assert "对话第2轮" in section_texts(second["blocks"])[0].replace("&lt;", "<")
    interims = slack.mock.calls["chat.postMessage"]
    assert [p["params"]["thread_ts"] for p in interims] == ["1700000002.000100"] * 2
    assert {row["thread"] for row in slack.state.tail(2)} == {"C0001:1700000002.000100"}


def test_direct_messages_answer_in_the_dm_and_in_dm_threads(start_slack, scripted_core):
    slack = start_slack()
    slack.sender.event(envelope(message("数字化改造谁牵头？", ts="1700000003.000100"), "Ev3a"))
    first = slack.mock.wait_for("chat.postMessage", 1)[0]["params"]
    assert first["channel"] == "D0001" and "thread_ts" not in first
    _answer_call(slack.mock, 1)
    slack.sender.event(envelope(message("那宁国呢？", ts="1700000003.000900", thread_ts="1700000003.000100"), "Ev3b"))
    second = slack.mock.wait_for("chat.postMessage", 2)[1]["params"]
    assert second["thread_ts"] == "1700000003.000100"
    _answer_call(slack.mock, 2)


def test_english_question_gets_english_notices(start_slack, scripted_core):
    slack = start_slack()
    slack.sender.event(envelope(mention("Who leads the digital transformation?", ts="1700000004.000100"), "Ev4"))
    assert slack.mock.wait_for("chat.postMessage")[0]["params"]["text"] == "Looking it up…"
    blocks = _answer_call(slack.mock)["params"]["blocks"]
    assert any("demo data (示例数据)" in c for c in context_texts(blocks))


def test_retries_and_duplicate_deliveries_answer_once(start_slack, scripted_core):
    slack = start_slack()
    event = mention("数字化改造谁牵头？", ts="1700000005.000100")
    first, _ = slack.sender.event(envelope(event, "Ev5"))
    retry, _ = slack.sender.event(envelope(event, "Ev5"),
                                           headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    # The same message also arrives as a channel message event with its own event id.
    as_message = message("<@UBOT> 数字化改造谁牵头？", ts="1700000005.000100", channel="C0001", channel_type="channel")
    duplicate, _ = slack.sender.event(envelope(as_message, "Ev5-message"))
    assert first.status_code == retry.status_code == duplicate.status_code == 200
    _answer_call(slack.mock, 1)
    settled(slack.state, "slack", slack.bot)  # a second answer would be posted by now
    assert slack.mock.count("chat.postMessage") == 1 and slack.mock.count("chat.update") == 1
    assert slack.state.delivery_status("slack:msg:C0001:1700000005.000100") == "done"


def test_mention_arriving_first_as_a_channel_message_is_still_answered_once(start_slack, scripted_core):
    slack = start_slack()
    as_message = message("<@UBOT> 数字化改造谁牵头？", ts="1700000006.000100", channel="C0001", channel_type="channel")
    slack.sender.event(envelope(as_message, "Ev6-message"))
    slack.sender.event(envelope(mention("数字化改造谁牵头？", ts="1700000006.000100"), "Ev6"))
    assert _answer_call(slack.mock)["params"]["channel"] == "C0001"
    settled(slack.state, "slack", slack.bot)
    assert slack.mock.count("chat.update") == 1


def test_bot_messages_edits_deletions_self_and_chatter_get_no_reply(start_slack, scripted_core):
    slack = start_slack()
    ignored = [
        message("数字化改造谁牵头？", ts="1700000007.000100", bot_id="BOTHER", subtype="bot_message"),
        message("数字化改造谁牵头？", ts="1700000007.000200", bot_id="BOTHER"),
        message("数字化改造谁牵头？", ts="1700000007.000300", user="UBOT"),
        message("数字化改造谁牵头？", ts="1700000007.000400", bot_id="BBOT", user="UBOT"),
        {**message("", ts="1700000007.000500"), "subtype": "message_changed",
         "message": {"text": "数字化改造谁牵头？", "user": "U0001"}},
        {**message("", ts="1700000007.000600"), "subtype": "message_deleted"},
        message("大家好", ts="1700000007.000700", channel="C0001", channel_type="channel"),
    ]
    for n, event in enumerate(ignored):
        response, _ = slack.sender.event(envelope(event, f"Ev7-{n}"))
        assert response.status_code == 200
    settled(slack.state, "slack", slack.bot)
    assert slack.mock.count("chat.postMessage") == 0 and slack.mock.count("chat.update") == 0
    assert slack.state.tail(1) == []


def test_allowlists_of_teams_and_channels(start_slack, scripted_core):
    slack = start_slack(slack_allowed_teams=["T0001"], slack_allowed_channels=["C0001"])
    slack.sender.event(envelope(mention("数字化改造谁牵头？", ts="1700000008.000100", team="T9999"), "Ev8a",
                                team="T9999"))
    slack.sender.event(envelope(mention("数字化改造谁牵头？", ts="1700000008.000200", channel="C0666"), "Ev8b"))
    settled(slack.state, "slack", slack.bot)
    assert slack.mock.count("chat.postMessage") == 0
    slack.sender.event(envelope(mention("数字化改造谁牵头？", ts="1700000008.000300"), "Ev8c"))
    slack.sender.event(envelope(message("数字化改造谁牵头？", ts="1700000008.000400"), "Ev8d"))  # a DM
    updates = slack.mock.wait_for("chat.update", 2)
    assert {u["params"]["channel"] for u in updates} == {"C0001", "D0001"}


def test_rate_limit_429_is_retried_after_retry_after(start_slack, scripted_core):
    slack = start_slack()
    slack.mock.script("chat.update", status=429, body={"ok": False, "error": "ratelimited"},
                      headers={"Retry-After": "1"})
    slack.sender.event(envelope(mention("数字化改造谁牵头？", ts="1700000009.000100"), "Ev9"))
    first, second = slack.mock.wait_for("chat.update", 2, timeout=15)
    assert second["at"] - first["at"] >= 1.0
    assert section_texts(second["params"]["blocks"])[0].startswith("*数字化改造*")
    wait_until(lambda: slack.state.delivery_status("slack:msg:C0001:1700000009.000100") == "done")


def test_other_api_errors_are_logged_without_tokens_and_the_user_is_told(start_slack, scripted_core, caplog):
    caplog.set_level(logging.DEBUG)
    slack = start_slack()
    slack.mock.script("chat.update", body={"ok": False, "error": "invalid_blocks"})
    slack.sender.event(envelope(mention("数字化改造谁牵头？", ts="1700000010.000100"), "Ev10"))
    told = slack.mock.wait_for("chat.postMessage", 2)[1]["params"]
    assert told["thread_ts"] == "1700000010.000100" and "invalid_blocks" in told["text"]
    assert told["text"].startswith("抱歉，回答未能完整发送到 Slack")
    wait_until(lambda: slack.state.delivery_status("slack:msg:C0001:1700000010.000100") == "failed")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "invalid_blocks" in logged and BOT_TOKEN not in logged and "xoxb-" not in logged


def test_engine_failure_replaces_the_interim_with_an_apology(start_slack, scripted_core):
    slack = start_slack()
    slack.sender.event(envelope(mention("这个问题会出错", ts="1700000011.000100"), "Ev11"))
    update = _answer_call(slack.mock)["params"]
    # The core turns the failure into an answer of status "error"; the thread gets the apology.
    assert section_texts(update["blocks"])[0].startswith("抱歉，处理这个问题时")


def test_a_user_facing_error_from_the_core_is_shown_as_is(start_slack, scripted_core):
    slack = start_slack()
    slack.sender.event(envelope(mention("缺数据的问题", ts="1700000011.000200"), "Ev11b"))
    update = _answer_call(slack.mock)["params"]
    assert section_texts(update["blocks"])[0] == "找不到配置文件 indicators.duckdb。"
    wait_until(lambda: slack.state.delivery_status("slack:msg:C0001:1700000011.000200") == "done")


def test_long_answers_are_split_within_limits(start_slack, scripted_core):
    slack = start_slack()
    slack.sender.event(envelope(mention("请给一个长答案", ts="1700000012.000100"), "Ev12"))
    first = _answer_call(slack.mock)["params"]
    rest = wait_until(lambda: [c["params"] for c in slack.mock.calls["chat.postMessage"][1:]
                               if any(b["type"] == "actions" for b in c["params"]["blocks"])] and
                      [c["params"] for c in slack.mock.calls["chat.postMessage"][1:]])
    messages = [first, *rest]
    assert len(messages) >= 2
    for m in messages:
        assert len(m["blocks"]) <= 50
        assert all(len(t.encode("utf-16-le")) // 2 <= 3000 for t in section_texts(m["blocks"]))
        assert all(m2.get("thread_ts") == "1700000012.000100" for m2 in rest)
    answer_text = "".join(t for m in messages for t in section_texts(m["blocks"])[:])
    assert answer_text.count("🏭👩🏽‍🔧") == 59  # every emoji sequence survived whole
    assert [any(b["type"] == "actions" for b in m["blocks"]) for m in messages][-1] is True
    assert sum(any(b["type"] == "actions" for b in m["blocks"]) for m in messages) == 1
    # Feedback belongs to the message that carries the buttons: the last one.
    exchange = wait_until(lambda: [e for e in slack.state.tail(1) if e["message_ref"]])[0]
    assert exchange["message_ref"] == f"C0001:1800000000.{len(messages):06d}"


def test_a_burst_is_acked_while_answers_wait_and_every_question_answered(start_slack, scripted_core, slow_answers):
    slack = start_slack(worker_threads=2)
    for n in range(8):
        response, _ = slack.sender.event(envelope(mention(f"慢问题{n}", ts=f"1700000013.{n:06d}"), f"Ev13-{n}"))
        assert response.status_code == 200
    # Every ack came back and every interim goes out while the two answer workers are still held.
    slack.mock.wait_for("chat.postMessage", 8, timeout=30)
    assert slack.mock.count("chat.update") == 0 and len(slack.state.pending_deliveries("slack")) == 8
    slow_answers.set()
    updates = slack.mock.wait_for("chat.update", 8, timeout=30)
    assert len({u["params"]["ts"] for u in updates}) == 8


def test_per_user_rate_limit_answers_politely(start_slack, scripted_core):
    slack = start_slack(rate_limit_per_user_per_min=2)
    for n in range(3):
        slack.sender.event(envelope(mention(f"数字化改造谁牵头？{n}", ts=f"1700000014.{n:06d}"), f"Ev14-{n}"))
    slack.mock.wait_for("chat.update", 2)
    posts = slack.mock.wait_for("chat.postMessage", 3)
    polite = [p["params"] for p in posts if p["params"]["text"].startswith("您提问有点频繁")]
    # the limiter counts answers as the worker threads reach it: whichever of the three comes third is refused
    asked = {f"1700000014.{n:06d}" for n in range(3)}
    assert len(polite) == 1 and polite[0]["thread_ts"] in asked
    settled(slack.state, "slack", slack.bot)
    assert slack.mock.count("chat.update") == 2


def test_interim_ts_is_kept_so_a_restart_replaces_it_instead_of_posting_another(start_slack, scripted_core):
    from clusterbot.bot.slack.inbound import Inbound

    slack = start_slack()
    slack.sender.event(envelope(mention("数字化改造谁牵头？", ts="1700000031.000100"), "Ev31"))
    updated = _answer_call(slack.mock)["params"]
    wait_until(lambda: slack.state.delivery_status("slack:msg:C0001:1700000031.000100") == "done")
    assert slack.state.pending_deliveries("slack") == []
    row = slack.state._db.execute("SELECT payload FROM deliveries WHERE key = ?",
                                  ("slack:msg:C0001:1700000031.000100",)).fetchone()
    assert f'"interim_ts": "{updated["ts"]}"' in row["payload"]  # the ts the answer replaced

    # A question claimed and given an interim message before a crash: recovery reuses that message.
    pending = Inbound(key="slack:msg:C0001:1700000032.000100", kind="mention", team="T0001", channel="C0001",
                      user="U0001", text="数字化改造谁牵头？", reply_thread_ts="1700000032.000100",
                      conversation="C0001:1700000032.000100")
    slack.state.claim(pending.key, "slack", pending.payload())
    slack.state.note_delivery(pending.key, interim_ts="1700000099.000100")
    posts_before = len(slack.mock.calls["chat.postMessage"])
    assert slack.bot.recover() == 1
    update = _answer_call(slack.mock, 2)["params"]
    assert update["ts"] == "1700000099.000100"
    wait_until(lambda: slack.state.delivery_status(pending.key) == "done")
    assert len(slack.mock.calls["chat.postMessage"]) == posts_before
