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
    assert "未通过的用例（1 个用例，1 轮）" in page and "wrong_citation: 3.2.1" in page and "按意图" in page
    assert page.index("未通过的用例") < page.index("<h2>总览</h2>")


def test_markdown_and_json_reports(tmp_path):
    report = run([result("a", True), result("b", False)], Thresholds(accuracy=0.9))
    text = reports.write(report, tmp_path / "r.md").read_text(encoding="utf-8")
    assert "| s | 2 | 1 | 50.0% | 1 |" in text and "### s · b · gap" in text and "未达到的门槛" in text
    assert text.index("## 未通过的用例") < text.index("## 总览")
    data = json.loads(reports.as_json(report))
    assert data["ok"] is False and data["failing"] == ["b"] and data["misses"][0]["metric"] == "accuracy"
    assert data["overall"]["answered_wrong"] == 1 and data["answered_wrong"] == ["b"]


def turn(case: str, index: int, passed: bool, status: str = "answered", tags=("gap",)) -> TurnResult:
    base = result(f"{case}#{index}", passed, tags=tags, answer=f"第 {index} 轮的回答")
    return base.model_copy(update={"case_id": case, "turn": index, "status": status, "q": f"{case} 第 {index} 问"})


def test_answered_but_wrong_counts_only_failed_turns_the_engine_answered():
    report = run([turn("c", 1, True), turn("c", 2, False), turn("d", 1, False, status="no_data")])
    assert report.overall.answered_wrong == 1 and report.overall.passed == 1
    assert [r.key for r in report.answered_wrong] == ["c#2"]
    summary = reports.summary(report)
    assert summary.startswith("评测：3 轮，通过 1（准确率 33.3%），答非所问 1 轮，")


def test_a_failed_conversation_is_reported_whole_with_new_failures_first(tmp_path):
    before = run([turn("old", 1, False), turn("conv", 1, True), turn("conv", 2, True)])
    path = tmp_path / "base.json"
    baseline.save(baseline.from_report(before), path)
    now = run([turn("old", 1, False), turn("conv", 1, True), turn("conv", 2, False)])
    baseline.compare(now, baseline.load(path), str(path))
    assert now.known_failures == ["s:old#1"]
    assert [(c.case_id, c.known) for c in now.failed_cases] == [("conv", False), ("old", True)]
    text = reports.markdown(now)
    conv = text[text.index("### 🆕 新 · s · conv"):text.index("### 已知 · s · old")]
    assert "（2 轮对话，1 轮未通过）" in conv
    assert "第 1 轮 ✓ conv 第 1 问 → answered：第 1 轮的回答" in conv and "**第 2 轮 ✗ conv 第 2 问**" in conv
    assert "新的未通过 1 个用例，已知 1 个" in text
    summary = reports.summary(now)
    assert "未通过（2 轮：新 1，已知 1）" in summary
    assert summary.index("[新] conv#2") < summary.index("[已知] old#1") < summary.index("结论：未通过。")
    page = reports.html(now)
    assert page.count('<section class="fail new">') == 1 and page.count('<section class="fail">') == 1
    data = json.loads(reports.as_json(now))
    assert data["new_failures"] == ["conv#2"] and data["known_failures"] == ["s:old#1"]


def test_tags_are_normalised_for_selection_figures_and_thresholds():
    from clusterbot.evals.runner import normalise_tag, select

    assert normalise_tag("Multi-Turn") == normalise_tag("multi_turn") == "multi_turn"
    data = QuestionSet(name="s", cases=[{"id": "a", "intent": "gap", "q": "x", "tags": ["multi-turn"]},
                                        {"id": "b", "intent": "gap", "q": "y", "tags": ["multi_turn"]},
                                        {"id": "c", "intent": "rank", "q": "z", "tags": ["english"]}])
    assert [c.id for c in select(data.cases, ["multi-turn"])] == ["a", "b"]
    assert [c.id for c in select(data.cases, ["Multi_Turn"])] == ["a", "b"]
    report = run([result("a", True, tags=("multi_turn",)), result("b", False, tags=("multi_turn",))],
                 None)
    assert report.by_tag["multi_turn"].n == 2 and "multi-turn" not in report.by_tag


def test_a_retrieval_only_run_reports_search_figures_not_a_pass_rate():
    from clusterbot.evals.runner import RetrievalScore

    hit = result("a", True).model_copy(update={"score": None, "status": "", "answer": "",
                                               "retrieval": RetrievalScore(k=5, got=["2"], rank=1, recall=1.0)})
    miss = result("b", True).model_copy(update={"score": None, "status": "", "answer": "",
                                                "retrieval": RetrievalScore(k=5, got=["3.1"], rank=None, recall=0.0)})
    nothing = result("c", True).model_copy(update={"score": None, "status": "", "answer": "", "retrieval": None})
    report = build_report([loaded()], [hit, miss, nothing], "retrieval", "2025-01-01T00:00:00", 1.0)
    assert report.overall.accuracy is None and report.overall.retrieval_n == 2
    summary = reports.summary(report)
    assert "通过" not in summary.split("结论")[0] and "准确率" not in summary
    assert summary.startswith("检索评测：3 轮，其中 2 轮有金标准条款，检索召回@k 50.0%，MRR 0.5，未命中 1 轮")
    assert "100" not in reports.markdown(report).split("## 总览")[1].split("\n")[3].split("|")[4]


def test_history_appends_one_line_per_run_and_shows_the_trend(tmp_path):
    from clusterbot.evals import history

    path = tmp_path / "out" / "eval-history.jsonl"
    runs = [[result("a", False), result("b", False)], [result("a", True), result("b", False)],
            [result("a", True), result("b", True)]]
    for results in runs:
        current = history.append(run(results), path)
    other = build_report([loaded()], [result("a", True)], "offline", "2025-01-02T00:00:00", 1.0, tags=["gap"])
    history.append(other, path)
    path.write_text(path.read_text(encoding="utf-8") + "{torn", encoding="utf-8")
    recorded = history.read(path)
    assert len(recorded) == 4 and recorded[-1]["tags"] == ["gap"]
    trend = history.comparable(recorded, current)
    assert [t["accuracy"] for t in trend] == [0.0, 0.5, 1.0]
    summary = reports.summary(run(runs[-1][:]), trend)
    assert "趋势（最近 3 次同样的评测，准确率）：▁▅█ 0.0% → 100.0%" in summary
    assert "## 趋势（最近 3 次同样的评测）" in reports.markdown(run(runs[-1]), trend)


def test_a_tag_filtered_run_is_held_to_what_it_measured():
    slow = result("a", True).model_copy(update={"latency_ms": 500.0})
    wanted = Thresholds(accuracy=0.9, terms=0.95, latency_p95_ms=100)
    full = run([slow], wanted)
    assert {m.metric for m in full.misses} == {"terms", "latency_p95_ms"}
    filtered = build_report([loaded(wanted)], [slow], "offline", "2025-01-01T00:00:00", 1.0, tags=["gap"])
    assert filtered.misses == [] and filtered.ok
    failing = build_report([loaded(wanted)], [result("b", False)], "offline", "2025-01-01T00:00:00", 1.0, tags=["gap"])
    assert [m.metric for m in failing.misses] == ["accuracy"]


def test_an_answered_wrong_bound_fails_on_answers_to_another_question_but_not_on_declines():
    from clusterbot.evals.aggregate import Figures, check

    wanted = Thresholds(answered_wrong=0)
    declined_misses = Figures(n=10, passed=8, accuracy=0.8, answered_wrong=0)
    one_wrong = Figures(n=10, passed=9, accuracy=0.9, answered_wrong=1)
    assert check("s", "set", declined_misses, wanted) == []
    (miss,) = check("s", "set", one_wrong, wanted)
    assert miss.metric == "answered_wrong" and miss.actual == 1 and miss.required == 0
