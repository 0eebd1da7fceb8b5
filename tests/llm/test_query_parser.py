"""parser = llm: the model writes the typed query, the offline executor answers it, and nothing else changes.

A scripted OpenAI-compatible server on a loopback port plays the model. A query that passes the checks is
executed and rendered with the executor's figures; every refused query, an endpoint that is slow or open in
the breaker, and text that is not JSON give the rule parser's answer, with the reason in the answer's `parser`.
"""

from __future__ import annotations

import copy
import json
import re
import uuid

import pytest

from clusterbot.bot.core import Assistant
from clusterbot.bot.offline.execute import execute
from clusterbot.bot.offline.query import Part
from clusterbot.models import Question
from tests.llm.scripted_server import ScriptedLLM, http_error, sleep, text

CAGR_Q = "天长市近三年营收年均增长多少？"
CAGR = {"lang": "zh", "parts": [{
    "span": "天长市近三年营收年均增长多少", "op": "cagr",
    "scope": {"kind": "entities", "entities": [{"kind": "county", "name": "天长市"}]},
    "measure": {"metric": "revenue"}, "time": {"kind": "window", "start": 2022, "end": 2025}}]}
SERIES_Q = "天长市这几年营收怎么样？"
SERIES = {"lang": "zh", "parts": [{
    "span": "天长市这几年营收怎么样", "op": "series",
    "scope": {"kind": "entities", "entities": [{"kind": "county", "name": "天长市"}]},
    "time": {"kind": "series", "start": 2022, "end": 2025}}]}


def reply(query: dict) -> dict:
    return text(json.dumps(query, ensure_ascii=False))


def ask(settings, question: str, thread: str | None = None):
    return Assistant(settings).answer(Question(text=question, thread=thread or uuid.uuid4().hex), log=False)


def rules_answer(settings, question: str) -> str:
    return ask(settings.model_copy(update={"parser": "rules"}), question).answer


def numbers(answer_text: str) -> list[float]:
    body = "\n".join(line for line in answer_text.splitlines() if not line.startswith(("数据：", "Data:")))
    return [float(n) for n in re.findall(r"(?<![\d.])\d+(?:\.\d+)?", body)]


def backed(value: float, answer, question: str) -> bool:
    """A number the executor computed (a fact, or a fact's year) or one the asker wrote."""
    figures = [float(f.value) for f in answer.facts if isinstance(f.value, (int, float))]
    years = [f.year for f in answer.facts if f.year is not None]
    return any(abs(value - f) < 0.051 for f in figures) or value in years or value in numbers(question)


def test_the_models_query_is_executed_with_the_executors_numbers(llm_settings):
    from clusterbot.tools.store import snapshot

    with ScriptedLLM([reply(SERIES)]) as llm:
        settings = llm_settings(llm, parser="llm")
        answer = ask(settings, SERIES_Q)
    assert answer.status == "answered" and answer.mode == "offline"
    assert answer.parser is not None and (answer.parser.used, answer.parser.fallback) == ("llm", None)
    # the model's window (2022–2025), not the rule parser's whole series: the query decided what was computed
    assert "2022 年" in answer.answer and "2019" not in answer.answer
    assert "2019 年" in rules_answer(settings, SERIES_Q)
    expected = execute(snapshot(settings), Part.model_validate(SERIES["parts"][0]))
    assert expected is not None
    assert [(f.name, f.value, f.year) for f in answer.facts] == [(f.name, f.value, f.year) for f in expected.facts]
    assert all(backed(n, answer, SERIES_Q) for n in numbers(answer.answer))
    body = llm.requests[0]
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["name"] == "Query"
    context = body["messages"][-1]["content"]
    assert "<question>" in context and '"name": "天长市"' in context
    assert "潜山市" not in context  # only the names the question mentions travel


def refused(**change) -> dict:
    query = copy.deepcopy(CAGR)
    part = query["parts"][0]
    for path, value in change.items():
        *parents, leaf = path.split("__")
        node = query if parents and parents[0] == "query" else part
        for key in parents[1:] if parents and parents[0] == "query" else parents:
            node = node[key]
        node[leaf] = value
    return query


@pytest.mark.parametrize(("step", "reason"), [
    (reply(refused(scope__entities=[{"kind": "county", "name": "火星县"}])), "unknown_entity"),
    (reply(refused(op="drop_tables")), "unknown_op"),
    (reply(refused(query__assumptions=["按年均增长12.5%计"])), "number_in_text"),
    (reply(refused(span="天长市营收999亿元")), "span_not_in_question"),
    (reply(refused(measure__word="年均增长7.7%")), "number_in_text"),
    (reply(refused(op="project", rate=0.3, level=300)), "number_not_in_question"),
    (reply(refused(time={"kind": "window", "start": 2022, "end": 2031})), "year_out_of_range"),
    (reply(refused(measure__metric="profit")), "unknown_metric"),
    (reply({"lang": "zh", "parts": []}), "no_parts"),
    (text('{"lang": "zh", "parts": [{"op": "cagr",'), "non_json"),
    (text("天长市近三年年均增长 9.9%"), "non_json"),
], ids=["unknown-place", "invalid-op", "number-in-assumption", "span-not-asked", "number-in-word",
        "rate-not-asked", "year-outside-data", "unknown-metric", "no-parts", "malformed-json", "prose"])
def test_a_refused_reply_gives_the_rule_parsers_answer_with_the_reason(llm_settings, step, reason):
    with ScriptedLLM([step]) as llm:
        settings = llm_settings(llm, parser="llm")
        answer = ask(settings, CAGR_Q)
    assert answer.parser is not None and answer.parser.used == "rules" and answer.parser.fallback == reason
    assert answer.answer == rules_answer(settings, CAGR_Q)
    for bad in ("999", "12.5", "7.7", "9.9", "2031"):
        assert bad not in answer.answer


def test_a_slow_endpoint_gives_the_rule_parsers_answer_without_waiting(llm_settings):
    with ScriptedLLM([sleep(30)]) as llm:
        settings = llm_settings(llm, timeout=0.5, parser="llm")
        answer = ask(settings, CAGR_Q)
        assert llm.slept == 0  # the reader gave up on its own deadline
    assert answer.parser is not None and (answer.parser.used, answer.parser.fallback) == ("rules", "timeout")
    assert answer.status == "answered" and answer.answer == rules_answer(settings, CAGR_Q)


def test_an_open_breaker_skips_the_model(llm_settings):
    with ScriptedLLM([sleep(30), reply(CAGR)]) as llm:
        settings = llm_settings(llm, timeout=0.3, parser="llm", llm_breaker_timeouts=1, llm_breaker_cooldown_s=60)
        first = ask(settings, CAGR_Q)
        second = ask(settings, CAGR_Q)
    assert first.parser is not None and first.parser.fallback == "timeout"
    assert second.parser is not None and second.parser.fallback == "breaker_open"
    assert len(llm.requests) == 1


def test_an_endpoint_without_json_schema_gets_plain_json_mode(llm_settings):
    with ScriptedLLM([http_error(400), reply(CAGR)]) as llm:
        answer = ask(llm_settings(llm, parser="llm"), CAGR_Q)
    assert answer.parser is not None and answer.parser.used == "llm"
    assert llm.requests[1]["response_format"] == {"type": "json_object"}
    assert '"Part"' in llm.requests[1]["messages"][0]["content"]  # the schema travels in the prompt instead


def test_a_follow_up_gets_the_previous_query_and_keeps_its_operation(llm_settings):
    fastest = {"lang": "zh", "parts": [{"span": "铜陵哪个集群增长最快", "op": "argmax",
                                        "scope": {"kind": "city", "within": "铜陵市"}, "measure": {"growth": True}}]}
    then = copy.deepcopy(fastest)
    then["parts"][0].update(span="那池州呢", scope={"kind": "city", "within": "池州市"})
    with ScriptedLLM([reply(fastest), reply(then)]) as llm:
        settings = llm_settings(llm, parser="llm")
        first = ask(settings, "铜陵哪个集群增长最快？", thread="t")
        second = ask(settings, "那池州呢？", thread="t")
    assert first.parser is not None and first.parser.used == "llm"
    assert second.parser is not None and second.parser.used == "llm", second.parser
    fenced = re.search(r"<context>\n(.*)\n</context>", llm.requests[1]["messages"][-1]["content"], re.S)
    assert fenced is not None
    context = json.loads(fenced.group(1))
    assert context["previous_query"]["parts"][0]["scope"]["within"] == "铜陵市"
    assert "池州" in second.answer and all(backed(n, second, "那池州呢？") for n in numbers(second.answer))


def test_policy_questions_never_reach_the_model(llm_settings):
    with ScriptedLLM([reply(CAGR)]) as llm:
        answer = ask(llm_settings(llm, parser="llm"), "数字化改造谁牵头？")
    assert answer.status == "answered" and "省工业和信息化厅" in answer.answer
    assert answer.parser is not None and answer.parser.fallback == "not_asked"
    assert llm.requests == []


def test_ask_parser_llm_without_an_endpoint_says_so_and_answers_with_rules(ready_data_dir, capsys):
    from clusterbot.bot.cli.main import main

    assert main(["ask", "--json", CAGR_Q]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert "parser" not in plain  # the default contract is unchanged
    assert main(["ask", "--parser", "llm", "--json", CAGR_Q]) == 0
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    assert "未配置大模型" in captured.err and "规则解析器" in captured.err and "OPENAI_BASE_URL" in captured.err
    assert payload["parser"] == {"requested": "llm", "used": "rules", "fallback": "not_configured", "detail": None}
    assert payload["answer"] == plain["answer"]


EVAL_SET = """\
version: 1
name: parsers
cases:
  - id: series
    intent: series
    tags: [data]
    q: 天长市这几年营收怎么样？
    require: ["2022 年"]
  - id: lead
    intent: who_leads
    tags: [policy]
    q: 数字化改造谁牵头？
    clauses: ["3.2.1"]
    lead_units: [省工业和信息化厅]
"""


def test_eval_scores_the_model_parser_apart_and_names_it(llm_settings, tmp_path):
    from clusterbot.evals import reports
    from clusterbot.evals.harness import evaluate

    path = tmp_path / "parsers.yaml"
    path.write_text(EVAL_SET, encoding="utf-8")
    with ScriptedLLM([reply(SERIES)], repeat_last=True) as llm:
        report = evaluate(llm_settings(llm), [path], parser="llm", retrieval=False)
    assert report.parser == "llm" and report.overall.passed == 2
    assert report.by_parser["llm"].n == 1 and report.by_parser["rules"].n == 1
    assert report.fallbacks == {"not_asked": 1}
    summary = reports.summary(report)
    assert "解析器：llm" in summary and "大模型解析 1 轮" in summary and "not_asked 1" in summary
    assert "解析器：llm" in reports.markdown(report)


def test_eval_with_the_model_parser_needs_an_endpoint(ready_data_dir, tmp_path, monkeypatch, capsys):
    from clusterbot.bot.cli.main import main

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "parsers.yaml"
    path.write_text(EVAL_SET, encoding="utf-8")
    assert main(["eval", "run", str(path), "--parser", "llm", "--no-retrieval"]) != 0
    assert "大模型解析器" in capsys.readouterr().err
