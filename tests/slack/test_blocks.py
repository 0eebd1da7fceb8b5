"""Block Kit rendering and splitting: Slack's limits, whole characters, nothing lost."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from clusterbot.bot.slack.blocks import MAX_BLOCKS, SECTION_LIMIT, render_answer
from clusterbot.bot.slack.mrkdwn import from_slack_text, to_mrkdwn
from clusterbot.bot.slack.splitting import split_text, truncate, utf16_len
from clusterbot.models import Answer, Citation, Fact

PIECES = ["集群", "数字化改造。", "\n", "\n\n", " ", "👩🏽‍🔧", "🇨🇳", "e\u0301", "1️⃣", "&amp;", "a", "，", "😀"]


def _graphemes_intact(chunks: list[str]) -> bool:
    for left, right in zip(chunks, chunks[1:], strict=False):
        if right and (unicodedata.combining(right[0]) or right[0] in "\u200d\ufe0f\u20e3"
                      or 0x1F3FB <= ord(right[0]) <= 0x1F3FF or left.endswith("\u200d")):
            return False
        if left.endswith("&am") or right.startswith("p;"):
            return False
    return True


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=400), st.integers(min_value=8, max_value=120))
def test_split_is_lossless_within_the_limit_and_never_mid_character(pieces, limit):
    text = "".join(pieces)
    chunks = split_text(text, limit)
    assert "".join(chunks) == text
    assert all(0 < utf16_len(c) <= limit for c in chunks)
    assert _graphemes_intact(chunks)


def test_split_prefers_paragraphs_then_sentences():
    text = "第一段。" * 10 + "\n\n" + "第二段，很长。" * 10
    chunks = split_text(text, 60)
    assert chunks[0].endswith("\n\n")


def test_truncate_marks_the_cut_and_keeps_characters_whole():
    assert truncate("数字化" * 10, 7) == "数字化数字化…"
    assert truncate("👩🏽‍🔧👩🏽‍🔧", 8) == "👩🏽‍🔧…"
    assert truncate("👩🏽‍🔧👩🏽‍🔧", 6) == "…"
    assert truncate("短", 7) == "短"


def _citation(n: int) -> Citation:
    return Citation(doc_id="d", doc_title="指导意见", clause_id=f"3.{n}", label=f"三（{n}）", title=f"措施{n}",
                    lead_units=["省工业和信息化厅"], quote="原文" * 400)


def test_many_citations_spread_over_messages_within_limits():
    answer = Answer(question="q", answer="答" * 7000, status="answered",
                    citations=[_citation(n) for n in range(40)], exchange_id=7)
    messages = render_answer(answer)
    assert len(messages) > 1
    for message in messages:
        assert len(message.blocks) <= MAX_BLOCKS
        for block in message.blocks:
            if block["type"] == "section":
                assert utf16_len(block["text"]["text"]) <= SECTION_LIMIT
            if block["type"] == "context":
                assert all(utf16_len(e["text"]) <= SECTION_LIMIT for e in block["elements"])
    labels = [b["text"]["text"] for m in messages for b in m.blocks
              if b["type"] == "section" and b["text"]["text"].startswith("*三（")]
    assert len(labels) == 40
    assert messages[-1].blocks[-1]["type"] == "actions"
    assert messages[1].text == f"（续 2/{len(messages)}）"


def test_provenance_names_sources_and_flags_demo_data():
    real = Answer(question="q", answer="a", status="answered", citations=[_citation(1)],
                  facts=[Fact(name="营业收入", value=1, source="省统计局", demo=False)], data_vintage="2024年报")
    line = render_answer(real)[0].blocks[-1]["elements"][0]["text"]
    assert "数据来源：省统计局" in line and "数据截至：2024年报" in line and "示例数据" not in line
    assert "actions" not in [b["type"] for b in render_answer(real)[0].blocks]  # no exchange id, no buttons
    demo = real.model_copy(update={"facts": [Fact(name="营业收入", value=1, source="demo", demo=True)]})
    assert "⚠️ 含示例数据，非官方统计" in render_answer(demo)[0].blocks[-1]["elements"][0]["text"]


def test_markdown_becomes_mrkdwn():
    out = to_mrkdwn("## 结论\n**数字化改造** 见 [原文](https://example.org/a)\n- a < b\n\n| 县 | 值 |\n|---|---|\n| 天长 | 1 |")
    assert out.splitlines()[:3] == ["*结论*", "*数字化改造* 见 <https://example.org/a|原文>", "• a &lt; b"]
    assert "```\n县  值\n天长  1\n```" in out


def test_user_text_is_unwrapped():
    assert from_slack_text("<@UBOT> 天长 &amp; 宁国 <https://a.org|链接> <@U9>", "UBOT") == "天长 & 宁国 链接"
