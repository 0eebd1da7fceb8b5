"""The Slack channel over the real offline engine and data: citations and 示例数据 reach Slack."""

from __future__ import annotations

from tests.slack.harness import command, context_texts, envelope, mention, section_texts, wait_until


def test_policy_question_gets_cited_blocks_and_follow_up_keeps_the_thread(ready_data_dir, start_slack):
    slack = start_slack()
    slack.sender.event(envelope(mention("数字化改造谁牵头？", ts="1700000040.000100"), "EvR1"))
    blocks = slack.mock.wait_for("chat.update", timeout=30)[0]["params"]["blocks"]
    sections = section_texts(blocks)
    assert "省工业和信息化厅" in sections[0]
    citation = [s for s in sections if s.startswith("*三（二）1*")]
    assert citation and "牵头单位：省工业和信息化厅" in citation[0]
    assert any(c.startswith("> ") for c in context_texts(blocks))  # the clause quote
    assert [b for b in blocks if b["type"] == "actions"]
    slack.sender.event(envelope(mention("那宁国呢？", ts="1700000040.000900", thread_ts="1700000040.000100"),
                                "EvR2"))
    slack.mock.wait_for("chat.update", 2, timeout=30)
    rows = wait_until(lambda: len(slack.state.tail(2)) == 2 and slack.state.tail(2))
    assert {r["thread"] for r in rows} == {"C0001:1700000040.000100"}
    assert rows[-1]["question"].startswith("那宁国呢") and rows[-1]["status"] != "error"


def test_indicator_answer_is_flagged_as_demo_data(ready_data_dir, start_slack):
    slack = start_slack()
    slack.sender.form(command("天长市有哪些特色产业集群？"))
    posted = slack.mock.wait_for("chat.postMessage", timeout=30)[0]["params"]
    assert "天长市" in section_texts(posted["blocks"])[0]
    assert any("⚠️ 含示例数据，非官方统计" in c for c in context_texts(posted["blocks"]))


def test_briefing_is_uploaded_into_the_thread(ready_data_dir, start_slack):
    slack = start_slack()
    slack.sender.event(envelope(mention("简报 天长市", ts="1700000041.000100"), "EvR3"))
    summary = slack.mock.wait_for("chat.update", timeout=60)[0]["params"]
    assert "天长市" in section_texts(summary["blocks"])[0]
    complete = slack.mock.wait_for("files.completeUploadExternal", timeout=60)[0]["params"]
    assert complete["channel_id"] == "C0001" and complete["thread_ts"] == "1700000041.000100"
    assert len(complete["files"]) == 2
    uploads = slack.mock.wait_for("upload", 2)
    assert any(u["raw"].startswith(b"PK") for u in uploads)  # the .docx
    assert any("天长市".encode() in u["raw"] for u in uploads)  # the Markdown


def test_unknown_briefing_target_lists_candidates(ready_data_dir, start_slack):
    slack = start_slack()
    slack.sender.form(command("brief 天常县"))
    posted = slack.mock.wait_for("chat.postMessage", timeout=60)[0]["params"]
    assert section_texts(posted["blocks"])[0].startswith("“天常县”的简报未能生成：")
    assert slack.mock.count("files.getUploadURLExternal") == 0
