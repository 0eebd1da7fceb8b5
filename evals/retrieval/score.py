"""Score clause retrieval on the question set: share of questions with a gold clause at rank 1 and in the top 3,
and the mean reciprocal rank of the first gold clause within the top 3 (0 when absent).

Run: python -m clusterbot.evals.retrieval.score [--json] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import BaseModel, Field

from clusterbot.config import Settings, load_settings
from clusterbot.retrieval.search import search
from clusterbot.yamlfiles import read_yaml

QUESTIONS = Path(__file__).with_name("questions.yaml")
Kind = str


class Case(BaseModel):
    q: str
    gold: list[str] = Field(min_length=1)
    kind: Kind


class QuestionSet(BaseModel):
    version: int
    doc_id: str
    cases: list[Case] = Field(min_length=1)


class Outcome(BaseModel):
    q: str
    kind: Kind
    gold: list[str]
    got: list[str]
    rank: int | None  # 1-based rank of the first gold clause, None if absent from the top k


class Report(BaseModel):
    total: int
    top1: float
    top3: float
    mrr: float
    by_kind: dict[str, dict[str, float]]
    misses: list[Outcome]


def load_questions(path: Path = QUESTIONS) -> QuestionSet:
    return QuestionSet.model_validate(read_yaml(path))


def run(settings: Settings, questions: QuestionSet, k: int = 3) -> Report:
    outcomes = []
    for case in questions.cases:
        got = [h.clause_id for h in search(settings, case.q, k=k, doc_id=questions.doc_id)]
        rank = next((i + 1 for i, clause_id in enumerate(got) if clause_id in case.gold), None)
        outcomes.append(Outcome(q=case.q, kind=case.kind, gold=case.gold, got=got, rank=rank))
    return _report(outcomes)


def _share(outcomes: list[Outcome], within: int) -> float:
    return sum(1 for o in outcomes if o.rank is not None and o.rank <= within) / len(outcomes)


def _mrr(outcomes: list[Outcome]) -> float:
    return sum(1 / o.rank for o in outcomes if o.rank is not None) / len(outcomes)


def _report(outcomes: list[Outcome]) -> Report:
    kinds = sorted({o.kind for o in outcomes})
    by_kind = {kind: {"n": float(len(group)), "top1": _share(group, 1), "top3": _share(group, 3)}
               for kind in kinds for group in [[o for o in outcomes if o.kind == kind]]}
    return Report(total=len(outcomes), top1=_share(outcomes, 1), top3=_share(outcomes, 3), mrr=_mrr(outcomes),
                  by_kind=by_kind,
                  misses=[o for o in outcomes if o.rank != 1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score policy clause retrieval on the question set.")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--show-misses", action="store_true", help="list questions whose gold is not at rank 1")
    args = parser.parse_args(argv)
    report = run(load_settings(), load_questions(args.questions))
    if args.json:
        print(json.dumps(report.model_dump(), ensure_ascii=False, indent=1))
        return 0
    print(f"questions: {report.total}  top-1: {report.top1:.1%}  top-3: {report.top3:.1%}  MRR: {report.mrr:.3f}")
    for kind, figures in report.by_kind.items():
        print(f"  {kind:<11} n={int(figures['n']):>3}  top-1 {figures['top1']:.0%}  top-3 {figures['top3']:.0%}")
    if args.show_misses:
        for miss in report.misses:
            print(f"  miss rank={miss.rank} gold={miss.gold} got={miss.got}  {miss.q}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
