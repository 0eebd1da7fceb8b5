"""The regression gate, thresholds and the rendered reports, on handcrafted results (no engine)."""

from __future__ import annotations

import json

from clusterbot.evals import baseline, reports
from clusterbot.evals.aggregate import build_report
from clusterbot.evals.loader import LoadedSet
from clusterbot.evals.runner import TurnResult
from clusterbot.evals.schema import QuestionSet, Thresholds, Turn
from clusterbot.evals.scoring import TurnScore


def result(key: str, passed: bool, tags=("gap",), intent="gap", answer="天长市还差 5.8 亿元") -> TurnResult:
    score = TurnScore(status_ok=True, citation_precision=1.0 if passed else 0.5, citation_recall=1.0,
                      wrong_citations=[] if passed else ["3.2.1"])
    return TurnResult(set_name="s", case_id=key, key=key, turn=1, q=f"问题 {key} <b>", intent=intent, tags=list(tags),
                      expected=Turn(q="q", clauses=["2"]), status="answered", answer=answer, latency_ms=12.0,
                      score=score)


def loaded(thresholds: Thresholds | None = None) -> LoadedSet:
    data = QuestionSet(name="s", thresholds=thresholds or Thresholds(),
                       cases=[{"id": "a", "intent": "gap", "q": "x"}])
    return LoadedSet(path="s.yaml", data=data, case_lines={"a": 1})


def run(results, thresholds=None):
    return build_report([loaded(thresholds)], results, "offline", "2025-01-01T00:00:00", 1.0)


def test_figures_per_tag_and_intent():
    report = run([result("a", True), result("b", False, tags=("rank",), intent="rank")])
    assert report.overall.accuracy == 0.5 and report.overall.citation_precision == 0.75
    assert report.by_intent["gap"].accuracy == 1.0 and report.by_intent["rank"].accuracy == 0.0
    assert report.by_tag["rank"].n == 1 and report.ok


def test_a_missed_threshold_fails_the_run():
    report = run([result("a", True), result("b", False)], Thresholds(accuracy=0.9, latency_p95_ms=100))
    assert not report.ok
    assert [(m.metric, m.actual) for m in report.misses] == [("accuracy", 0.5)]


def test_the_regression_gate_fails_when_a_passing_case_fails(tmp_path):
    before = run([result("a", True), result("b", True)])
    path = tmp_path / "baseline.json"
    baseline.save(baseline.from_report(before), path)
    same = baseline.compare(run([result("a", True), result("b", True)]), baseline.load(path), str(path))
    assert same.ok and same.regressions == []
    worse = baseline.compare(run([result("a", True), result("b", False)]), baseline.load(path), str(path))
    assert not worse.ok
    whats = {r.what for r in worse.regressions}
    assert "b" in whats and "accuracy" in whats and "citation_precision" in whats


def test_improvements_are_not_regressions(tmp_path):
    path = tmp_path / "baseline.json"
    baseline.save(baseline.from_report(run([result("a", True), result("b", False)])), path)
    better = baseline.compare(run([result("a", True), result("b", True)]), baseline.load(path), str(path))
    assert better.ok and {r.what for r in better.improvements} >= {"b", "accuracy"}


def test_html_report_is_self_contained_and_escaped(tmp_path):
    report = run([result("a", True), result("b", False, answer="<script>alert(1)</script> 还差 5.8 亿元")])
    path = reports.write(report, tmp_path / "out" / "report.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "<link" not in page and "src=" not in page
    assert "未通过的用例（1）" in page and "wrong_citation: 3.2.1" in page and "按意图" in page


def test_markdown_and_json_reports(tmp_path):
    report = run([result("a", True), result("b", False)], Thresholds(accuracy=0.9))
    text = reports.write(report, tmp_path / "r.md").read_text(encoding="utf-8")
    assert "| s | 2 | 1 | 50.0%" in text and "### s · b · gap" in text and "未达到的门槛" in text
    data = json.loads(reports.as_json(report))
    assert data["ok"] is False and data["failing"] == ["b"] and data["misses"][0]["metric"] == "accuracy"
