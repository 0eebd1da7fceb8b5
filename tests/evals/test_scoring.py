"""Scoring functions on handcrafted answers: numbers, citations, units, terms, invented numbers."""

from __future__ import annotations

import pytest

from clusterbot.evals import numbers
from clusterbot.evals.schema import ExpectedNumber, Turn
from clusterbot.evals.scoring import score_citations, score_turn
from clusterbot.models import Answer, Citation, Fact

CLAUSES = {"2": "到 2025 年，力争培育营业收入百亿级集群 35 个，集群营业收入总规模突破 1 万亿元。",
           "3.2.1": "积极争创一批5G全连接工厂。"}


def clause_text(clause_id: str) -> str:
    return CLAUSES.get(clause_id, "")


def cite(clause_id: str, lead=(), support=()) -> Citation:
    return Citation(doc_id="d", doc_title="指导意见", clause_id=clause_id, label=clause_id, lead_units=list(lead),
                    support_units=list(support))


def gap_answer(text: str, facts=None, citations=None) -> Answer:
    facts = facts if facts is not None else [
        Fact(name="营业收入", value=94.2, unit="亿元", year=2025, entity="天长市"),
        Fact(name="差距", value=5.8, unit="亿元", year=2025, entity="天长市")]
    return Answer(question="天长市离百亿还有多远？", answer=text, status="answered",
                  citations=citations if citations is not None else [cite("2")], facts=facts)


GAP_TURN = Turn(q="天长市离百亿还有多远？", clauses=["2"],
                numbers=[ExpectedNumber(value=5.8, unit="亿元"), ExpectedNumber(value=94.2, unit="亿元")])


def test_a_correct_gap_answer_passes():
    score = score_turn(gap_answer("天长市距百亿级（100 亿元）还差 **5.8 亿元**：2025 年营业收入 94.2 亿元。"),
                       GAP_TURN, clause_text)
    assert score.passed, score.problems()
    assert score.numbers == 1.0 and score.citation_precision == 1.0 and score.citation_recall == 1.0


def test_a_wrong_number_fails_numbers_and_is_reported_as_invented():
    score = score_turn(gap_answer("天长市还差 6.8 亿元：2025 年营业收入 94.2 亿元。"), GAP_TURN, clause_text)
    assert not score.passed
    assert score.numbers == 0.5
    assert score.missing_numbers == ["5.8亿元"]
    assert score.invented == ["6.8 亿元"]


def test_a_unit_mismatch_is_not_a_match():
    score = score_turn(gap_answer("天长市还差 5.8 万元：2025 年营业收入 94.2 亿元。"), GAP_TURN, clause_text)
    assert score.missing_numbers == ["5.8亿元"]
    assert not score.passed


def test_units_are_normalised_between_yi_and_wanyi():
    printed = numbers.extract("总规模 1.4 万亿元，实际 7916.1亿元")
    assert printed[0].in_unit("亿元") == pytest.approx(14000)
    assert numbers.matches(printed[0], 14000, "亿元")
    assert numbers.matches(printed[1], 0.79161, "万亿", tolerance=0.00001)
    assert not numbers.matches(printed[0], 1.4, "%")


def test_a_missing_citation_costs_recall_and_precision():
    score = score_turn(gap_answer("天长市还差 5.8 亿元，2025 年营业收入 94.2 亿元。", citations=[]), GAP_TURN, clause_text)
    assert score.citation_recall == 0.0
    assert score.citation_precision == 0.0
    assert score.missing_clauses == ["2"]
    assert not score.passed


def test_an_extra_wrong_citation_costs_precision_only():
    answer = gap_answer("天长市还差 5.8 亿元，2025 年营业收入 94.2 亿元。", citations=[cite("2"), cite("3.2.1")])
    score = score_turn(answer, GAP_TURN, clause_text)
    assert score.citation_recall == 1.0
    assert score.citation_precision == 0.5
    assert score.wrong_citations == ["3.2.1"]
    assert not score.passed


def test_a_cited_descendant_counts_for_its_gold_ancestor():
    precision, recall, wrong, missing = score_citations(["2.table.2", "3.2.1"], ["2"], ["3.2"])
    assert (precision, recall, wrong, missing) == (1.0, 1.0, [], [])
    precision, recall, _, missing = score_citations(["2"], ["2.table.2"], [])
    assert recall == 0.0 and missing == ["2.table.2"] and precision == 0.0


def test_lead_and_support_units_must_be_named_and_cited_in_their_role():
    turn = Turn(q="数字化改造谁牵头？", clauses=["3.2.1"], lead_units=["省工业和信息化厅"], support_units=["省发展改革委"])
    good = Answer(question=turn.q, status="answered", answer="由**省工业和信息化厅**牵头，配合单位：省发展改革委。",
                  citations=[cite("3.2.1", ["省工业和信息化厅"], ["省发展改革委"])])
    assert score_turn(good, turn, clause_text).units == 1.0
    swapped = good.model_copy(update={"citations": [cite("3.2.1", ["省发展改革委"], ["省工业和信息化厅"])]})
    score = score_turn(swapped, turn, clause_text)
    assert score.units == 0.0
    assert score.missing_units == ["牵头:省工业和信息化厅", "配合:省发展改革委"]


def test_numbers_from_facts_clauses_and_the_question_are_grounded():
    answer = gap_answer("2025 年百亿级集群目标 35 个，总规模 1 万亿元；天长市 94.2 亿元，距 100 亿元还差 5.8 亿元。")
    assert score_turn(answer, GAP_TURN, clause_text).invented == []
    bare = gap_answer("天长市 94.2 亿元，需年均增长 1.2%。", facts=[Fact(name="营业收入", value=94.2, unit="亿元")])
    assert score_turn(bare, GAP_TURN, clause_text).invented == ["1.2%"]
    ratio = gap_answer("需年均增长 1.2%。", facts=[Fact(name="所需增速", value=0.0119, unit="")])
    assert score_turn(ratio, GAP_TURN, clause_text).invented == []


def test_clause_ids_labels_and_list_markers_are_not_quantities():
    printed = numbers.extract("见三（二）1 与 3.2.1、2.table.4，版本 2025-06。\n1. 第一项")
    assert printed == []


def test_terms_required_with_alternatives_and_forbidden():
    turn = Turn(q="x", require=["已|already", "天长市"], forbid=["999亿"])
    answer = Answer(question="x", status="answered", answer="天长市 already reached it; 不是 999 亿")
    score = score_turn(answer, turn, clause_text)
    assert score.missing_terms == [] and score.forbidden_found == ["999亿"] and score.terms == pytest.approx(2 / 3)


def test_status_mismatch_fails_the_turn():
    turn = Turn(q="明天天气", status="out_of_scope")
    answer = Answer(question="明天天气", status="answered", answer="合肥市情况如下")
    assert not score_turn(answer, turn, clause_text).passed
    assert score_turn(answer.model_copy(update={"status": "out_of_scope"}), turn, clause_text).passed


def test_default_tolerance_follows_the_printed_precision():
    assert ExpectedNumber(value=87.3).tolerance() == pytest.approx(0.05)
    assert ExpectedNumber(value=35).tolerance() == 0
    assert ExpectedNumber(value=100, rel=0.01).tolerance() == pytest.approx(1.0)
