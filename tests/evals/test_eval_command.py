"""`clusterbot eval` end to end on the real offline engine: follow-ups, exit codes, reports, feedback export."""

from __future__ import annotations

import json

import yaml

from clusterbot.bot.cli.main import main
from clusterbot.bot.core import Assistant
from clusterbot.evals.harness import evaluate
from clusterbot.evals.loader import load_set
from clusterbot.models import Question

FOLLOWUP_SET = """\
version: 1
name: mini
thresholds: {accuracy: 1.0}
cases:
  - id: lead
    intent: who_leads
    tags: [policy]
    q: 数字化改造谁牵头？
    clauses: ["3.2.1"]
    lead_units: [省工业和信息化厅]
  - id: conv
    intent: who_leads
    tags: [followup]
    turns:
      - {q: 数字化改造谁牵头？, clauses: ["3.2.1"]}
      - {q: 那场景创新呢？, clauses: ["3.2.2"], lead_units: [省发展改革委]}
  - id: alone
    intent: who_leads
    tags: [followup]
    q: 那场景创新呢？
    clauses: ["3.2.1"]
"""


def write_set(tmp_path, text: str = FOLLOWUP_SET):
    path = tmp_path / "mini.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_conversation_shares_one_thread_and_cases_do_not_leak(settings, tmp_path):
    report = evaluate(settings, [write_set(tmp_path)], mode="offline", retrieval=False)
    by_key = {r.key: r for r in report.results}
    assert by_key["lead"].passed
    assert by_key["conv#2"].passed, by_key["conv#2"].score.problems()
    assert "3.2.1" not in by_key["conv#2"].score.cited
    # the same follow-up outside the conversation has nothing to follow: its gold (3.2.1) is deliberately wrong
    assert not by_key["alone"].passed
    assert report.by_tag["followup"].n == 3 and not report.ok


def test_cli_exit_codes_reports_and_baseline(settings, tmp_path, capsys):
    path = write_set(tmp_path, FOLLOWUP_SET.replace("accuracy: 1.0", "accuracy: 0.5"))
    html, base = tmp_path / "out" / "r.html", tmp_path / "base.json"
    code = main(["eval", str(path), "--report", str(html), "--save-baseline", str(base), "--no-retrieval"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "mini：3/4" in out and html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    saved = json.loads(base.read_text(encoding="utf-8"))
    assert saved["sets"]["mini"]["failed"] == ["alone"]

    assert main(["eval", str(path), "--baseline", str(base), "--json", "--no-retrieval"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and data["failing"] == ["alone"] and data["regressions"] == []

    strict = write_set(tmp_path, FOLLOWUP_SET)
    assert main(["eval", str(strict), "--tags", "policy", "--no-retrieval"]) == 0
    assert main(["eval", str(strict), "--no-retrieval"]) == 1
    assert "未达门槛" in capsys.readouterr().out


def test_cli_bad_set_is_one_chinese_line(settings, tmp_path, capsys):
    path = write_set(tmp_path, FOLLOWUP_SET.replace("intent: who_leads\n    tags: [policy]", "intent: who_leads\n    tagz: [policy]"))
    assert main(["eval", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：问题集") and "第 7 行" in err and "Traceback" not in err


def test_export_feedback_turns_thumbs_down_into_loadable_drafts(settings, tmp_path, capsys):
    assistant = Assistant(settings)
    bad = assistant.answer(Question(text="数字化改造谁牵头？", channel="slack", user="U1", thread="t1"))
    good = assistant.answer(Question(text="三改联动是什么？", channel="slack", user="U1", thread="t2"))
    assistant.state.add_feedback(bad.exchange_id, "U2", "down")
    assistant.state.add_feedback(good.exchange_id, "U2", "up")
    out = tmp_path / "drafts.yaml"
    assert main(["eval", "export-feedback", "--since", "2000-01-01", "--out", str(out)]) == 0
    drafts = load_set(out)
    assert [c.q for c in drafts.data.cases] == ["数字化改造谁牵头?"]
    case = drafts.data.cases[0]
    assert case.tags == ["feedback", "draft"] and case.clauses == ["3.2.1"] and "U2" in case.note
    assert out.read_text(encoding="utf-8").startswith("# ")
    assert main(["eval", "export-feedback", "--since", "2999-01-01"]) == 0
    assert "没有" in capsys.readouterr().err
    assert main(["eval", "export-feedback", "--since", "昨天"]) == 2
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["name"] == "feedback-drafts"
