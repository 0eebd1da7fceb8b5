"""`clusterbot ask`, `ask --jsonl`, `chat` and `log tail` as a user runs them."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from clusterbot.bot.cli.main import main

CONTRACT_KEYS = {"question", "answer", "status", "citations", "facts", "mode", "latency_ms"}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_prints_answer_then_citations(ready_data_dir, capsys):
    code, out, _ = run(capsys, "ask", "数字化改造谁牵头？")
    assert code == 0
    answer, basis = out.split("依据：")
    assert "省工业和信息化厅" in answer
    assert "三（二）1 · 推动数字化改造 · 牵头单位：省工业和信息化厅" in basis


def test_ask_json_is_the_contract(ready_data_dir, capsys):
    code, out, _ = run(capsys, "ask", "天长市离百亿目标还有多远？", "--json")
    payload = json.loads(out)
    assert code == 0 and set(payload) == CONTRACT_KEYS
    assert payload["status"] == "answered" and payload["mode"] == "offline"
    assert payload["citations"][0]["clause_id"] == "2"
    assert payload["facts"] and all(f["demo"] for f in payload["facts"])


def test_ask_jsonl_lines_are_independent_unless_they_name_a_thread(ready_data_dir, capsys, monkeypatch):
    lines = [
        "宁国离三百亿级还有多远",
        "",
        "那天长呢？",  # a plain line is a conversation of its own: nothing to continue
        json.dumps({"question": "宁国离三百亿级还有多远", "thread": "t1"}, ensure_ascii=False),
        json.dumps({"question": "那天长呢？", "thread": "t1"}, ensure_ascii=False),
        "今天天气如何",
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, _ = run(capsys, "ask", "--jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["status"] for r in rows] == ["answered", "no_data", "answered", "answered", "out_of_scope"]
    assert "天长" not in rows[0]["answer"] and "宁国" not in rows[1]["answer"]
    assert "天长市" in rows[3]["answer"] and "300" in rows[3]["answer"]
    assert rows[3]["question"].startswith("那天长呢")


def test_ask_jsonl_answers_do_not_depend_on_line_order(ready_data_dir, capsys, monkeypatch):
    questions = ["那宁国呢？", "天长市离百亿目标还有多远？", "那宁国呢？"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(questions) + "\n"))
    code, out, _ = run(capsys, "ask", "--jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows[0]["answer"] == rows[2]["answer"] and rows[0]["status"] == rows[2]["status"]


def test_ask_without_question_is_a_usage_error(ready_data_dir, capsys):
    code, _, err = run(capsys, "ask")
    assert code == 2 and "clusterbot ask" in err


def test_errors_are_one_line_without_traceback(tmp_path, capsys):
    code, _, err = run(capsys, "--config", str(tmp_path / "missing.toml"), "ask", "你好")
    assert code == 2
    assert err.strip().count("\n") == 0 and "missing.toml" in err and "Traceback" not in err


def test_log_tail_shows_recent_exchanges(ready_data_dir, capsys):
    _, asked, _ = run(capsys, "ask", "数字化改造谁牵头？", "--json")
    code, out, _ = run(capsys, "log", "tail", "-n", "1", "--json")
    row = json.loads(out)
    assert code == 0 and row["channel"] == "cli" and row["citations"][0]["clause_id"] == "3.2.1"
    latency = json.loads(asked)["latency_ms"]
    assert row["tool_calls"] and latency > 0 and row["latency_ms"] == latency  # the answer's own time, logged


def test_log_tail_on_an_empty_log(isolated_env, capsys):
    code, out, _ = run(capsys, "log", "tail")
    assert code == 0 and "还没有记录" in out


@pytest.mark.parametrize("command", [[], ["ask"], ["chat"], ["log", "tail"]])
def test_help_is_in_chinese(command, capsys):
    assert main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert any("\u4e00" <= ch <= "\u9fff" for ch in out)


def test_chat_keeps_the_conversation(ready_data_dir):
    script = "天长市离百亿目标还有多远？\n那宁国呢？\n/json\n/reset\n/mode llm\n/quit\n"
    proc = subprocess.run(
        [sys.executable, "-m", "clusterbot.bot.cli.main", "chat"], input=script, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "天长市" in proc.stdout and "宁国市" in proc.stdout
    assert "已重新开始" in proc.stdout and "未配置大模型" in proc.stdout
