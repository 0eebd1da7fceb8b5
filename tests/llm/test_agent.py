"""LLM mode through the real core against a scripted OpenAI-compatible server on loopback."""

from __future__ import annotations

import json

from clusterbot.bot.core import Assistant
from clusterbot.messages import msg
from clusterbot.models import Question
from clusterbot.templates import read_prompt
from clusterbot.tools.registry import all_tools
from tests.llm.scripted_server import ScriptedLLM, final, text, tool_calls


def grounded_answer(gap) -> str:
    return (f"天长市最大集群{gap.latest.year}年营业收入{gap.latest.value}亿元，"
            f"距百亿级还差{gap.gap}亿元（示例数据）。")


def ask(settings, text_: str, **kwargs):
    return Assistant(settings).answer(Question(text=text_, **kwargs), mode="llm")


def test_grounded_answer_passes_with_citations_facts_and_recorded_tool_calls(llm_settings, tianchang_gap):
    script = [tool_calls(("gap_to_target", {"entity": "天长市"})), final(grounded_answer(tianchang_gap), ["2"])]
    with ScriptedLLM(script) as llm:
        settings = llm_settings(llm)
        answer = ask(settings, "天长市离百亿还有多远？")

    assert answer.mode == "llm" and answer.status == "answered"
    assert answer.answer.startswith(grounded_answer(tianchang_gap))
    assert "示例数据（非官方统计）" in answer.answer  # the data note follows the model's text
    assert [(c.clause_id, c.label, c.title) for c in answer.citations] == [("2", "二", "工作目标")]
    assert any(f.value == tianchang_gap.latest.value and f.demo for f in answer.facts)
    assert [(t.name, t.arguments) for t in answer.tool_calls] == [("gap_to_target", {"entity": "天长市"})]

    first, second = llm.requests
    assert first["model"] == "scripted-model"
    assert first["messages"][0] == {"role": "system", "content": read_prompt("llm/system.md")}
    offered = sorted(t["function"]["name"] for t in first["tools"])
    assert offered == sorted([*all_tools(), "final_answer"])
    (result,) = llm.tool_results(1)
    assert result["tool_call_id"] == "call_0_gap_to_target"
    assert result["content"].startswith('<tool_output name="gap_to_target">')
    sent = json.loads(result["content"].split("\n", 1)[1].rsplit("\n", 1)[0])
    assert sent["gap"] == tianchang_gap.gap and sent["latest"]["value"] == tianchang_gap.latest.value
    assert second["messages"][-2]["tool_calls"][0]["function"]["name"] == "gap_to_target"
    assert llm.headers[0]["authorization"].startswith("Bearer sk-test-")

    logged = Assistant(settings).state.tail(1)[0]
    assert logged["mode"] == "llm" and logged["tool_calls"][0]["name"] == "gap_to_target"


def test_bad_arguments_go_back_to_the_model_as_tool_errors(llm_settings, tianchang_gap):
    script = [
        tool_calls(("gap_to_target", {"entity": "天长市", "threshold": -5}),
                   ("gap_to_target", '{"entity": "天长')),
        tool_calls(("gap_to_target", {"entity": "天长市", "threshold": 100})),
        final(grounded_answer(tianchang_gap), ["2"]),
    ]
    with ScriptedLLM(script) as llm:
        answer = ask(llm_settings(llm), "天长市离百亿还有多远？")

    assert answer.mode == "llm"
    errors = llm.tool_results(1)
    assert len(errors) == 2 and all(e["content"].startswith("<tool_error") for e in errors)
    by_id = {e["tool_call_id"]: e["content"] for e in errors}
    assert "threshold" in by_id["call_0_gap_to_target"] and "JSON" in by_id["call_1_gap_to_target"]
    # Only the validated call ran, with the arguments its input model accepted.
    assert [(t.name, t.arguments) for t in answer.tool_calls] == [
        ("gap_to_target", {"entity": "天长市", "threshold": 100.0})]


def test_wrong_number_gets_one_repair_round_and_the_fix_passes(llm_settings, tianchang_gap):
    wrong = grounded_answer(tianchang_gap).replace(str(tianchang_gap.gap), "15.8")
    script = [tool_calls(("gap_to_target", {"entity": "天长市"})), final(wrong, ["2"]),
              final(grounded_answer(tianchang_gap), ["2"])]
    with ScriptedLLM(script) as llm:
        answer = ask(llm_settings(llm), "天长市离百亿还有多远？")

    assert answer.mode == "llm" and "15.8" not in answer.answer
    repair = llm.requests[2]["messages"][-1]
    assert repair["role"] == "tool" and repair["content"].startswith(read_prompt("llm/repair.md").strip())
    assert '{"kind": "number", "item": "15.8亿元"}' in repair["content"]


def test_wrong_number_twice_falls_back_to_the_offline_answer_with_a_note(llm_settings, tianchang_gap):
    wrong = grounded_answer(tianchang_gap).replace(str(tianchang_gap.latest.value), "194.2")
    script = [tool_calls(("gap_to_target", {"entity": "天长市"})), final(wrong, ["2"]), final(wrong, ["2"])]
    with ScriptedLLM(script) as llm:
        answer = ask(llm_settings(llm), "天长市离百亿还有多远？")

    assert len(llm.requests) == 3
    assert answer.mode == "offline" and answer.status == "answered"
    assert answer.answer.startswith(msg("llm.fallback_unverified"))
    assert "194.2" not in answer.answer and str(tianchang_gap.latest.value) in answer.answer
    assert answer.tool_calls[0].name == "gap_to_target"  # the model's call stays in the audit record


def test_fake_and_unretrieved_citations_are_rejected(llm_settings, tianchang_gap):
    script = [tool_calls(("gap_to_target", {"entity": "天长市"})),
              final(grounded_answer(tianchang_gap), ["9.9.9", "3.2.1"]),
              final(grounded_answer(tianchang_gap), ["9.9.9"])]
    with ScriptedLLM(script) as llm:
        answer = ask(llm_settings(llm), "天长市离百亿还有多远？")

    problems = llm.requests[2]["messages"][-1]["content"]
    assert '{"kind": "citation_unknown", "item": "9.9.9"}' in problems
    assert '{"kind": "citation_not_retrieved", "item": "3.2.1"}' in problems
    assert answer.mode == "offline" and answer.answer.startswith(msg("llm.fallback_unverified"))
    assert all(c.clause_id != "9.9.9" for c in answer.citations)


def test_an_answer_without_citations_is_repaired(llm_settings, tianchang_gap):
    script = [tool_calls(("gap_to_target", {"entity": "天长市"})), final(grounded_answer(tianchang_gap), []),
              final(grounded_answer(tianchang_gap), ["2"])]
    with ScriptedLLM(script) as llm:
        answer = ask(llm_settings(llm), "天长市离百亿还有多远？")

    assert '"no_citation"' in llm.requests[2]["messages"][-1]["content"]
    assert answer.mode == "llm" and [c.clause_id for c in answer.citations] == ["2"]


def test_plain_text_final_answer_with_json_block_is_accepted(llm_settings, tianchang_gap):
    block = json.dumps({"answer": grounded_answer(tianchang_gap), "clause_ids": ["二"]}, ensure_ascii=False)
    script = [tool_calls(("gap_to_target", {"entity": "天长市"})), text(f"好的。\n```json\n{block}\n```")]
    with ScriptedLLM(script) as llm:
        answer = ask(llm_settings(llm), "天长市离百亿还有多远？")

    assert answer.mode == "llm" and [c.clause_id for c in answer.citations] == ["2"]  # label 二 resolved


def test_no_data_answer_may_repeat_the_questions_year(llm_settings):
    script = [final("政策没有为2026年设定目标，目标年份见政策原文。", [], status="no_data")]
    with ScriptedLLM(script) as llm:
        answer = ask(llm_settings(llm), "2026年的集群营收目标是多少？")

    assert answer.mode == "llm" and answer.status == "no_data" and answer.citations == [] and answer.facts == []


def test_follow_up_sends_the_earlier_exchange(llm_settings, tianchang_gap):
    first = [tool_calls(("gap_to_target", {"entity": "天长市"})), final(grounded_answer(tianchang_gap), ["2"])]
    second = [final("请说明要比较的县。", [], status="no_data")]
    with ScriptedLLM(first + second) as llm:
        settings = llm_settings(llm)
        ask(settings, "天长市离百亿还有多远？", thread="t1")
        ask(settings, "那宁国呢？", thread="t1")

    messages = llm.requests[2]["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert "天长市离百亿还有多远" in messages[1]["content"]
    assert messages[2]["content"] == grounded_answer(tianchang_gap)
    assert messages[3]["content"] == "<question>\n那宁国呢?\n</question>"


def test_an_invalid_final_answer_is_sent_back_as_a_tool_error(llm_settings, tianchang_gap):
    script = [tool_calls(("gap_to_target", {"entity": "天长市"})),
              tool_calls(("final_answer", {"clause_ids": ["2"], "status": "maybe"})),
              final(grounded_answer(tianchang_gap), ["2"])]
    with ScriptedLLM(script) as llm:
        answer = ask(llm_settings(llm), "天长市离百亿还有多远？")

    (error,) = llm.tool_results(2)[-1:]
    assert error["content"].startswith('<tool_error name="final_answer">')
    assert "answer" in error["content"] and "status" in error["content"]
    assert answer.mode == "llm"


def test_policy_tools_let_the_model_cite_a_task_clause(llm_settings):
    script = [
        tool_calls(("search_policy", {"query": "数字化改造谁牵头", "k": 3})),
        tool_calls(("get_clause", {"clause_id": "3.2.1"})),
        final("推动数字化改造由省工业和信息化厅牵头，配合单位为省发展改革委、省农业农村厅，各市、县人民政府。", ["3.2.1"]),
    ]
    with ScriptedLLM(script) as llm:
        answer = ask(llm_settings(llm), "数字化改造谁牵头？")

    assert answer.mode == "llm" and answer.status == "answered"
    [citation] = answer.citations
    assert (citation.clause_id, citation.lead_units) == ("3.2.1", ["省工业和信息化厅"])
    assert [t.name for t in answer.tool_calls] == ["search_policy", "get_clause"]
    (found,) = llm.tool_results(1)
    assert found["content"].startswith('<tool_output name="search_policy">') and "3.2.1" in found["content"]
