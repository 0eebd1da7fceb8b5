"""The completeness check: an answer from the store must use what the question states, or it is declined."""

from __future__ import annotations

from clusterbot.bot.offline.completeness import unused
from clusterbot.bot.offline.reply import Reply
from clusterbot.models import Fact
from tests.engine.asking import ask

ROW = Fact(name="营业收入", value=150.2, unit="亿元", year=2024, entity="x", source="demo:indicators_demo.csv#12",
           demo=True)
NAMES = {"enterprises_above_scale": "规上企业数", "revenue": "营业收入"}


def _unused(assistant, question: str, text: str, facts: list[Fact] | None = None) -> list[str]:
    engine = assistant.engine
    reply = Reply("answered", text, facts=[ROW] if facts is None else facts)
    return unused(engine.understand(question, None), reply, NAMES)


def test_a_year_asked_and_not_in_the_answer_is_named(assistant):
    left = _unused(assistant, "潜山刷业2021年和2024年营收分别多少", "**潜山刷业** 2024 年营业收入 150.2 亿元。\n\n数据：示例数据，版本 2021-06。")
    assert left == ["2021年"]  # the data note's own year does not count as the year asked


def test_a_year_inside_the_span_the_answer_covers_is_used(assistant):
    text = "按 2025 年实际计，到 2028 年年均需增长 5%。"
    assert _unused(assistant, "全省集群营收2026、2027、2028三年每年要涨多少才能到1.2万亿", text + " 1.2万亿") == []


def test_a_stated_rate_and_level_must_be_used(assistant):
    left = _unused(assistant, "桐城集群如果每年增长7%，哪年能到400亿", "按近三年年均增速 9.1% 计，预计 2031 年达到 300 亿元。")
    assert "7%" in left and "400亿" in left


def test_a_second_place_left_out_is_named(assistant):
    left = _unused(assistant, "怀远和五河的集群营收谁高", "**怀远县** 2025 年集群营业收入 150.2 亿元。")
    assert left == ["五河"]


def test_an_indicator_asked_must_be_named(assistant):
    left = _unused(assistant, "界首规上企业有多少家", "**界首市** 2025 年营业收入 150.2 亿元。")
    assert left == ["规上企业数"]


def test_answers_not_built_from_the_store_are_not_checked(assistant):
    policy = Fact(name="目标", value=35, unit="个", source="policy:2")
    assert _unused(assistant, "2027年百亿集群要多少个", "原文：力争培育……", facts=[policy]) == []


def test_an_answer_that_uses_everything_stated_passes(assistant):
    text = "**潜山刷业** 2021 年营业收入 90.1 亿元，2024 年 150.2 亿元。"
    assert _unused(assistant, "潜山刷业2021年和2024年营收分别多少", text) == []


def test_a_question_about_another_provinces_places_is_not_answered_with_anhuis(assistant):
    answer = ask(assistant, "浙江义乌的小商品集群去年营收多少")
    assert answer.status == "out_of_scope" and not any(f.source.startswith("demo") for f in answer.facts)
