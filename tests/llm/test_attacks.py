"""Answers that state the tool's numbers with another meaning are caught through the real core."""

from __future__ import annotations

import json

from clusterbot.bot.core import Assistant
from clusterbot.messages import msg
from clusterbot.models import Question
from tests.llm.scripted_server import ScriptedLLM, final, tool_calls

QUESTION = "天长市要多久能迈过百亿？"


def run(llm_settings, *answers: str, **other):
    script = [tool_calls(("gap_to_target", {"entity": "天长市"}))] + [final(a, ["2"]) for a in answers]
    with ScriptedLLM(script) as llm:
        answer = Assistant(llm_settings(llm, **other)).answer(Question(text=QUESTION), mode="llm")
    problems = [json.loads(m["content"].split("<problems>\n", 1)[1].split("\n</problems>")[0])
                for r in llm.requests[2:] for m in r["messages"][-1:] if "<problems>" in str(m.get("content"))]
    return answer, problems


def test_a_forecast_year_other_than_the_projected_one_is_refused(llm_settings, tianchang_gap):
    gap = tianchang_gap
    assert gap.projected_year is not None and gap.projected_year != gap.target_year
    wrong = f"按近三年增速，预计{gap.target_year}年迈过百亿，目前还差{gap.gap}亿元（示例数据）。"
    answer, problems = run(llm_settings, wrong, wrong)
    assert problems == [[{"kind": "number", "item": f"{gap.target_year}年"}]]
    assert answer.mode == "offline" and answer.answer.startswith(msg("llm.fallback_unverified"))

    right = wrong.replace(f"{gap.target_year}年", f"{gap.projected_year}年")
    answer, problems = run(llm_settings, right)
    assert answer.mode == "llm" and problems == []


def test_a_flipped_growth_sign_is_refused_and_the_corrected_answer_passes(llm_settings, tianchang_gap):
    rate = f"{abs(tianchang_gap.recent_cagr) * 100:.1f}%"
    stated, flipped = ("增长", "下降") if tianchang_gap.recent_cagr > 0 else ("下降", "增长")
    wrong = f"近三年营业收入年均{flipped}{rate}，还差{tianchang_gap.gap}亿元（示例数据）。"
    answer, problems = run(llm_settings, wrong, wrong.replace(flipped, stated))
    assert problems == [[{"kind": "number", "item": rate}]]
    assert answer.mode == "llm" and f"{stated}{rate}" in answer.answer


def test_exponents_and_foreign_currency_are_checked(llm_settings, tianchang_gap):
    exponent = f"{tianchang_gap.gap / 10:g}e1"  # the real gap written as an exponent passes ...
    wrong = f"还差{tianchang_gap.gap}e1亿元，约合US${tianchang_gap.gap / 10:g} billion。"  # ... ten times it does not
    answer, problems = run(llm_settings, wrong, f"还差{exponent}亿元（示例数据）。")
    assert {p["item"] for p in problems[0]} == {f"{tianchang_gap.gap}e1亿元", f"{tianchang_gap.gap / 10:g} billion"}
    assert answer.mode == "llm"


def test_an_answer_over_the_length_cap_is_refused(llm_settings, tianchang_gap):
    short = f"还差{tianchang_gap.gap}亿元（示例数据）。"
    answer, problems = run(llm_settings, short + "详见条款。" * 60, short, llm_max_answer_chars=200)
    assert problems == [[{"kind": "too_long", "item": "200"}]]
    assert answer.mode == "llm" and len(answer.answer) < 400
