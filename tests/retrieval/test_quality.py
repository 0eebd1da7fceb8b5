"""The retrieval question set is gated at its measured level, so no question can regress silently.

Measured (75 questions, k = 3): gold at rank 1 for 71, in the top 3 for 74, MRR 0.967. The four
questions below are the only ones whose gold is not at rank 1; any other question losing rank 1
fails, and a known one that improves only shrinks the list (update it and the counts then).
"""

from __future__ import annotations

from clusterbot.evals.retrieval.score import load_questions, run

TOP1_HITS = 71
TOP3_HITS = 74
MRR = 0.966  # 72.5 / 75 = 0.9667, rounded down by a hair so float sums cannot trip it
KNOWN_MISSES = {  # question → rank of its gold clause today (None: not in the top 3)
    "到2030年要达到什么目标": None,
    "绿色数据中心": 2,
    "培育多少家发挥群主功能的龙头企业": 2,
    "What is the five-in-one mechanism?": 2,
}


def test_question_set_is_large_and_covers_every_kind():
    questions = load_questions()
    assert len(questions.cases) >= 60
    assert {c.kind for c in questions.cases} == {"paraphrase", "keyword", "who_leads", "target", "english"}


def test_retrieval_quality_holds_its_measured_level(built_index):
    report = run(built_index, load_questions())
    misses = {m.q: m.rank for m in report.misses}
    detail = [(m.q, m.gold, m.got) for m in report.misses]
    new = {q: rank for q, rank in misses.items() if q not in KNOWN_MISSES}
    assert new == {}, detail
    known_rank = {q: KNOWN_MISSES[q] or 99 for q in misses}
    worse = {q: rank for q, rank in misses.items() if (rank or 99) > known_rank[q]}
    assert worse == {}, detail
    assert round(report.top1 * report.total) >= TOP1_HITS, detail
    assert round(report.top3 * report.total) >= TOP3_HITS, detail
    assert report.mrr >= MRR, detail
