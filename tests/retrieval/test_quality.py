"""The retrieval question set must keep its gold clause at rank 1 for >= 85 % and in the top 3 for >= 95 %."""

from __future__ import annotations

from clusterbot.evals.retrieval.score import load_questions, run


def test_question_set_is_large_and_covers_every_kind():
    questions = load_questions()
    assert len(questions.cases) >= 60
    assert {c.kind for c in questions.cases} == {"paraphrase", "keyword", "who_leads", "target", "english"}


def test_retrieval_quality_thresholds(built_index):
    report = run(built_index, load_questions())
    misses = [(m.q, m.gold, m.got) for m in report.misses]
    assert report.top3 >= 0.95, misses
    assert report.top1 >= 0.85, misses
