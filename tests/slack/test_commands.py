"""`/clusterbot` and the 👍/👎 buttons, signed and sent to the running app."""

from __future__ import annotations

import json

import pytest

from tests.slack.harness import block_action, command, envelope, mention, section_texts, wait_until
from tests.waiting import settled


def test_question_is_acked_at_once_and_answered_in_the_channel(start_slack, scripted_core):
    slack = start_slack()
    response, _ = slack.sender.form(command("数字化改造谁牵头？"))
    assert response.status_code == 200  # before the answer: tests/slack/test_acks_before_answers.py
    assert response.json()["text"] == "正在查询…"
    posted = slack.mock.wait_for("chat.postMessage")[0]["params"]
    assert posted["channel"] == "C0001" and "thread_ts" not in posted
    assert posted["blocks"][0]["elements"][0]["text"] == "<@U0001> 问：数字化改造谁牵头？"
    assert "*三（二）1* · 推动数字化改造 · 牵头单位：省工业和信息化厅" in section_texts(posted["blocks"])
    assert wait_until(lambda: slack.state.tail(1))[0]["thread"] == "C0001:slash-U0001"


@pytest.mark.parametrize("text", ["", "help", "帮助", "frobnicate"])
def test_help_and_unknown_subcommands_show_help(start_slack, text):
    slack = start_slack()
    response, _ = slack.sender.form(command(text))
    assert response.status_code == 200
    body = response.json()["text"]
    assert "/clusterbot brief" in body and "reindex" not in body  # admin lines only for admins
    settled(slack.state, "slack", slack.bot)
    assert slack.mock.count("chat.postMessage") == 0


def test_admin_subcommands_are_limited_to_admin_users(start_slack):
    slack = start_slack(admin_users=["UADMIN"])
    denied, _ = slack.sender.form(command("status", user="U0001"))
    assert denied.json()["text"] == "“status”仅限管理员使用。"
    denied, _ = slack.sender.form(command("reindex", user="U0001", trigger_id="t2"))
    assert denied.json()["text"] == "“reindex”仅限管理员使用。"
    allowed, _ = slack.sender.form(command("status", user="UADMIN", trigger_id="t3"))
    assert "clusterbot 运行状态" in allowed.json()["text"]
    admin_help, _ = slack.sender.form(command("help", user="UADMIN", trigger_id="t4"))
    assert "/clusterbot reindex" in admin_help.json()["text"]


def test_channel_allowlist_applies_to_the_command(start_slack, scripted_core):
    slack = start_slack(slack_allowed_channels=["C0001"])
    response, _ = slack.sender.form(command("数字化改造谁牵头？", channel="C0666"))
    assert response.json()["text"] == "本频道未启用 clusterbot，请联系管理员。"
    settled(slack.state, "slack", slack.bot)
    assert slack.mock.count("chat.postMessage") == 0 and slack.state.tail(1) == []


def test_command_in_a_conversation_without_the_bot_falls_back_to_response_url(start_slack, scripted_core, mock_slack):
    slack = start_slack()
    mock_slack.script("chat.postMessage", body={"ok": False, "error": "not_in_channel"})
    slack.sender.form(command("数字化改造谁牵头？", channel="G0001", response_url=mock_slack.root + "respond/1"))
    responded = mock_slack.wait_for("respond")[0]["params"]
    assert responded["response_type"] == "in_channel"
    assert "*三（二）1* · 推动数字化改造 · 牵头单位：省工业和信息化厅" in section_texts(responded["blocks"])


def test_feedback_click_is_stored_with_the_exchange(start_slack, scripted_core):
    slack = start_slack()
    slack.sender.event(envelope(mention("数字化改造谁牵头？", ts="1700000020.000100"), "Ev20"))
    update = slack.mock.wait_for("chat.update")[0]["params"]
    exchange = wait_until(lambda: [e for e in slack.state.tail(1) if e["message_ref"]])[0]
    response, _ = slack.sender.form(block_action("clusterbot_feedback_down", str(exchange["id"]), "C0001",
                                                 update["ts"], thread_ts="1700000020.000100"))
    assert response.status_code == 200
    stored = slack.state.feedback()
    assert [(f["id"], f["value"], f["rater"]) for f in stored] == [(exchange["id"], "down", "U0002")]
    thanks = slack.mock.wait_for("chat.postEphemeral")[0]["params"]
    assert thanks["user"] == "U0002" and thanks["text"].startswith("感谢反馈 👎")
    # A button value that does not belong to that message is refused.
    slack.sender.form(block_action("clusterbot_feedback_up", str(exchange["id"] + 99), "C0001", update["ts"]))
    refused = slack.mock.wait_for("chat.postEphemeral", 2)[1]["params"]
    assert refused["text"] == "找不到这条回答的记录，反馈未保存。"
    assert len(slack.state.feedback()) == 1


def test_feedback_is_counted_once_per_user_and_exchange(start_slack, scripted_core):
    slack = start_slack()
    slack.sender.event(envelope(mention("数字化改造谁牵头？", ts="1700000021.000100"), "Ev21"))
    update = slack.mock.wait_for("chat.update")[0]["params"]
    exchange = wait_until(lambda: [e for e in slack.state.tail(1) if e["message_ref"]])[0]
    clicks = [("clusterbot_feedback_up", "U0002")] * 3 + [("clusterbot_feedback_down", "U0002"),
                                                          ("clusterbot_feedback_up", "U0003")]
    for action_id, user in clicks:
        payload = json.loads(block_action(action_id, str(exchange["id"]), "C0001", update["ts"])["payload"])
        payload["user"]["id"] = user
        assert slack.sender.form({"payload": json.dumps(payload)})[0].status_code == 200
    slack.mock.wait_for("chat.postEphemeral", len(clicks))
    votes = sorted((f["rater"], f["value"]) for f in slack.state.feedback())
    assert votes == [("U0002", "down"), ("U0003", "up")]  # a changed mind counts, a repeated click does not


def test_brief_uploads_the_files_into_the_thread(start_slack):
    slack = start_slack()
    slack.sender.event(envelope(mention("简报 天长市", ts="1700000021.000100"), "Ev21"))
    assert slack.mock.wait_for("chat.postMessage")[0]["params"]["text"] == "正在生成“天长市”简报…"
    summary = slack.mock.wait_for("chat.update")[0]["params"]
    assert section_texts(summary["blocks"])[0].startswith("*天长市县域特色产业集群发展简报（2025年）*")
    complete = slack.mock.wait_for("files.completeUploadExternal")[0]["params"]
    assert complete["channel_id"] == "C0001" and complete["thread_ts"] == "1700000021.000100"
    assert [f["title"] for f in complete["files"]] == ["天长市县域特色产业集群发展简报（2025年）（md）",
                                                        "天长市县域特色产业集群发展简报（2025年）（docx）"]
    uploads = sorted(slack.mock.wait_for("upload", 2), key=lambda u: u["raw"][:2] == b"PK")
    assert "天长市" in uploads[0]["raw"].decode("utf-8")  # the Markdown file
    assert uploads[1]["raw"][:2] == b"PK" and b"word/document.xml" in uploads[1]["raw"]  # the Word file


def test_brief_for_an_unknown_place_reports_the_error(start_slack):
    slack = start_slack()
    slack.sender.form(command("brief 天常"))
    posted = slack.mock.wait_for("chat.postMessage")[0]["params"]
    assert section_texts(posted["blocks"])[0].startswith("“天常”的简报未能生成：")
    assert slack.mock.count("files.getUploadURLExternal") == 0
