"""Grounding binds claims, not numbers: a tool number stated about another entity, measure or year is refused.

The evidence is what the real tools return for 天长市 and 凤阳县 (revenue 94.2 亿元 and gap 5.8 亿元 for 天长市'
largest cluster; its second cluster declines about 5 % a year). Each refused text states real tool numbers
with a meaning they do not have; each accepted text states the same numbers with their meaning.
"""

from __future__ import annotations

import pytest

from clusterbot.bot.core import Assistant
from clusterbot.bot.llm.claims import snapshot_lexicon
from clusterbot.bot.llm.grounding import check_numbers
from clusterbot.bot.llm.quantities import prepare
from clusterbot.bot.llm.toolbox import Toolbox
from clusterbot.messages import msg
from clusterbot.models import Question
from clusterbot.tools.registry import call
from clusterbot.tools.store import snapshot
from tests.llm.scripted_server import ScriptedLLM, final, tool_calls


@pytest.fixture
def turn(settings):
    """Evidence of a turn that called gap_to_target for 天长市 and 凤阳县, and a checker with the data's names."""
    toolbox = Toolbox(settings, "anhui")
    outputs = {}
    for county in ("天长市", "凤阳县"):
        arguments = {"entity": county}
        outputs[county] = call("gap_to_target", arguments, settings)
        toolbox.remember(outputs[county], arguments)
    lexicon = snapshot_lexicon(snapshot(settings))

    def problems(text: str, question: str = "") -> list[str]:
        topic = frozenset().union(*[n for _s, _e, n in lexicon.mentions(prepare(question))] or [frozenset()])
        return [p.item for p in check_numbers(text, toolbox.evidence, lexicon, topic).problems]

    return outputs, problems


def pct(fraction: float) -> str:
    return f"{abs(fraction) * 100:.1f}%"


def test_the_real_numbers_bind_to_what_they_measure(turn):
    outputs, problems = turn
    tc, fy = outputs["天长市"], outputs["凤阳县"]
    assert (tc.latest.value, tc.gap) == (94.2, 5.8)
    assert problems(f"天长市{tc.latest.year}年营业收入{tc.latest.value}亿元，距百亿级还差{tc.gap}亿元。") == []
    assert problems(f"天长市营收{tc.latest.value}亿元，距100亿元目标尚有{tc.gap}亿元缺口。") == []
    assert problems(f"凤阳县营业收入{fy.latest.value}亿元，天长市{tc.latest.value}亿元。") == []
    assert problems(f"天长市需年均增长{pct(tc.required_cagr)}，近三年年均增长{pct(tc.recent_cagr)}。") == []
    assert problems(f"营收和缺口分别为{tc.latest.value}亿元和{tc.gap}亿元。", "天长市离百亿还有多远") == []


def test_gap_and_revenue_swapped_are_refused(turn):
    outputs, problems = turn
    tc = outputs["天长市"]
    assert problems(f"天长市差 {tc.latest.value} 亿元，营业收入 {tc.gap} 亿元。") == [
        f"{tc.latest.value} 亿元", f"{tc.gap} 亿元"]


def test_required_and_recent_rates_swapped_are_refused(turn):
    outputs, problems = turn
    tc = outputs["天长市"]
    text = f"天长市需年均增长{pct(tc.recent_cagr)}，近三年年均增长{pct(tc.required_cagr)}。"
    assert problems(text) == [pct(tc.recent_cagr), pct(tc.required_cagr)]


def test_two_counties_figures_swapped_are_refused(turn):
    outputs, problems = turn
    tc, fy = outputs["天长市"], outputs["凤阳县"]
    text = f"天长市营业收入{fy.latest.value}亿元，凤阳县营业收入{tc.latest.value}亿元。"
    assert problems(text) == [f"{fy.latest.value}亿元", f"{tc.latest.value}亿元"]


def test_another_county_named_with_the_right_gap_is_refused(turn):
    outputs, problems = turn
    gap = outputs["天长市"].gap
    # 明光市 was never looked up: the data's names still bind the number to it.
    assert problems(f"明光市距百亿级还差{gap}亿元。") == [f"{gap}亿元"]
    assert problems(f"还差{gap}亿元。", question="明光市离百亿还有多远") == [f"{gap}亿元"]
    assert problems(f"还差{gap}亿元。", question="天长市离百亿还有多远") == []


def test_a_decline_of_another_cluster_does_not_ground_the_countys_decline(turn):
    outputs, problems = turn
    tc = outputs["天长市"]
    other = tc.clusters[1]
    assert other.recent_cagr is not None and other.recent_cagr < 0 < tc.recent_cagr
    decline = pct(other.recent_cagr)
    assert problems(f"天长市近三年年均下降{decline}。") == [decline]
    # Named as its own cluster, the decline is that cluster's and passes.
    assert problems(f"{other.cluster.name}近三年年均下降{decline}。") == []


def test_a_change_on_the_previous_year_needs_a_change_fact(turn):
    outputs, problems = turn
    gap = outputs["天长市"].gap
    assert problems(f"天长市营业收入比上年下降 {gap} 亿元。") == [f"{gap} 亿元"]
    assert problems(f"天长市营业收入减少了{gap}亿元。") == [f"{gap}亿元"]
    assert problems(f"天长市还需增加{gap}亿元才能迈过百亿。") == []  # the gap, said as what is still needed


def test_a_year_other_than_the_figures_is_refused(turn):
    outputs, problems = turn
    tc = outputs["天长市"]
    assert problems(f"天长市{tc.recent_cagr_from_year}年营业收入{tc.latest.value}亿元。") == [f"{tc.latest.value}亿元"]


def test_swapped_figures_fall_back_to_the_offline_answer_end_to_end(llm_settings, tianchang_gap):
    swapped = f"天长市差 {tianchang_gap.latest.value} 亿元，营业收入 {tianchang_gap.gap} 亿元（示例数据）。"
    script = [tool_calls(("gap_to_target", {"entity": "天长市"})), final(swapped, ["2"]), final(swapped, ["2"])]
    with ScriptedLLM(script) as llm:
        answer = Assistant(llm_settings(llm)).answer(Question(text="天长市离百亿还有多远？"), mode="llm")
    assert len(llm.requests) == 3
    assert answer.mode == "offline" and answer.answer.startswith(msg("llm.fallback_unverified"))
