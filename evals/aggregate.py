"""Scored turns → figures per set, tag and intent; threshold checks. The RunReport every output renders."""

from __future__ import annotations

import statistics
from collections import defaultdict

from pydantic import BaseModel, Field

from clusterbot.evals.loader import LoadedSet
from clusterbot.evals.runner import TurnResult, normalise_tag
from clusterbot.evals.schema import Thresholds

# Figures that higher is better, in report order.
SCORES = ("accuracy", "status", "citation_precision", "citation_recall", "units", "numbers", "terms",
          "no_invented", "retrieval_recall", "retrieval_mrr")


class Figures(BaseModel):
    n: int = 0
    passed: int = 0
    accuracy: float | None = None  # None in a retrieval-only run: nothing was answered
    answered_wrong: int = 0  # status "answered" but the turn failed: an answer to a different question
    status: float | None = None
    citation_precision: float | None = None
    citation_recall: float | None = None
    units: float | None = None
    numbers: float | None = None
    terms: float | None = None
    no_invented: float | None = None
    retrieval_n: int = 0  # turns with gold clauses, searched
    retrieval_recall: float | None = None
    retrieval_mrr: float | None = None
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None


class ThresholdMiss(BaseModel):
    set_name: str
    scope: str  # "overall" or "tag:NAME"
    metric: str
    required: float
    actual: float | None


class SetReport(BaseModel):
    name: str
    path: str
    figures: Figures
    by_tag: dict[str, Figures]
    by_intent: dict[str, Figures]
    misses: list[ThresholdMiss] = Field(default_factory=list)


class Regression(BaseModel):
    set_name: str
    what: str  # a metric name or a turn key
    baseline: float | str | None
    current: float | str | None


class FailedCase(BaseModel):
    """A case with at least one failing turn, with every turn of its conversation for context."""

    set_name: str
    case_id: str
    turns: list[TurnResult]
    known: bool = False  # failed in the baseline too

    @property
    def failing(self) -> list[TurnResult]:
        return [t for t in self.turns if not t.passed]


class RunReport(BaseModel):
    mode: str
    parser: str = "rules"  # who read the questions into typed queries ("" in a retrieval-only run)
    started_at: str
    duration_s: float
    tags: list[str] = Field(default_factory=list)
    overall: Figures
    by_tag: dict[str, Figures]
    by_intent: dict[str, Figures]
    sets: list[SetReport]
    results: list[TurnResult]
    baseline_file: str | None = None
    regressions: list[Regression] = Field(default_factory=list)
    improvements: list[Regression] = Field(default_factory=list)
    known_failures: list[str] = Field(default_factory=list)  # "set:key" of failing turns the baseline lists as failed
    by_parser: dict[str, Figures] = Field(default_factory=dict)  # with the model parser: turns it read, and the rest
    fallbacks: dict[str, int] = Field(default_factory=dict)  # why the rule parser read a turn instead, counted

    @property
    def misses(self) -> list[ThresholdMiss]:
        return [m for s in self.sets for m in s.misses]

    @property
    def failing(self) -> list[TurnResult]:
        return [r for r in self.results if not r.passed]

    @property
    def failed_cases(self) -> list[FailedCase]:
        """Failing cases, new failures before known ones, each with its whole conversation."""
        by_case: dict[tuple[str, str], list[TurnResult]] = defaultdict(list)
        for result in self.results:
            by_case[(result.set_name, result.case_id)].append(result)
        known = set(self.known_failures)
        cases = []
        for (set_name, case_id), turns in by_case.items():
            failing = [t for t in turns if not t.passed]
            if failing:
                is_known = bool(known) and all(f"{t.set_name}:{t.key}" in known for t in failing)
                cases.append(FailedCase(set_name=set_name, case_id=case_id, turns=turns, known=is_known))
        return sorted(cases, key=lambda c: c.known)

    @property
    def answered_wrong(self) -> list[TurnResult]:
        return [r for r in self.results if r.status == "answered" and not r.passed]

    @property
    def retrieval_only(self) -> bool:
        return self.mode == "retrieval"

    @property
    def ok(self) -> bool:
        return not self.misses and not self.regressions


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present) / len(present), 4) if present else None


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1], 2)


def figures(results: list[TurnResult]) -> Figures:
    if not results:
        return Figures()
    scored = [r for r in results if r.score is not None]
    retrieved = [r.retrieval for r in results if r.retrieval is not None]
    latencies = sorted(r.latency_ms for r in scored)
    passed = sum(1 for r in results if r.passed)
    answered = bool(scored) or any(r.crash for r in results)
    return Figures(
        n=len(results),
        passed=passed if answered else 0,
        accuracy=round(passed / len(results), 4) if answered else None,
        answered_wrong=sum(1 for r in scored if r.status == "answered" and not r.passed),
        status=_mean([1.0 if r.score.status_ok and not r.crash else 0.0 for r in scored]),
        citation_precision=_mean([r.score.citation_precision for r in scored]),
        citation_recall=_mean([r.score.citation_recall for r in scored]),
        units=_mean([r.score.units for r in scored]),
        numbers=_mean([r.score.numbers for r in scored]),
        terms=_mean([r.score.terms for r in scored]),
        no_invented=_mean([1.0 if r.score.no_invented else 0.0 for r in scored]),
        retrieval_n=len(retrieved),
        retrieval_recall=_mean([s.recall for s in retrieved]),
        retrieval_mrr=_mean([s.reciprocal_rank for s in retrieved]),
        latency_p50_ms=_percentile(latencies, 0.50),
        latency_p95_ms=_percentile(latencies, 0.95),
    )


def grouped(results: list[TurnResult], key) -> dict[str, Figures]:
    groups: dict[str, list[TurnResult]] = defaultdict(list)
    for result in results:
        for name in key(result):
            groups[name].append(result)
    return {name: figures(group) for name, group in sorted(groups.items())}


def check(set_name: str, scope: str, got: Figures, wanted: Thresholds, partial: bool = False) -> list[ThresholdMiss]:
    """Thresholds `got` misses.

    A partial (tag-filtered) run is held to the quality thresholds of what it measured: a figure no selected
    case measures is no miss, and the p95 latency of a handful of turns says more about the machine than
    about the engine, so the latency gate applies to whole sets only.
    """
    misses = []
    for metric, required in wanted.model_dump(exclude_none=True).items():
        actual = getattr(got, metric)
        if partial and (actual is None or metric == "latency_p95_ms"):
            continue
        if metric in ("latency_p95_ms", "answered_wrong"):  # upper bounds
            bad = actual is not None and actual > required
        else:
            bad = actual is None or actual < required - 1e-9
        if bad:
            misses.append(ThresholdMiss(set_name=set_name, scope=scope, metric=metric, required=required, actual=actual))
    return misses


def set_report(loaded: LoadedSet, results: list[TurnResult], mode: str, partial: bool = False) -> SetReport:
    mine = [r for r in results if r.set_name == loaded.name]
    report = SetReport(name=loaded.name, path=str(loaded.path), figures=figures(mine),
                       by_tag=grouped(mine, lambda r: r.tags), by_intent=grouped(mine, lambda r: [r.intent]))
    wanted = loaded.data.thresholds
    if mode == "retrieval":  # only the search figures exist in a retrieval-only run
        wanted = Thresholds(retrieval_recall=wanted.retrieval_recall, retrieval_mrr=wanted.retrieval_mrr)
    report.misses = check(loaded.name, "overall", report.figures, wanted, partial)
    for tag, tag_wanted in loaded.data.tag_thresholds.items():
        tag = normalise_tag(tag)
        if tag in report.by_tag:
            report.misses += check(loaded.name, f"tag:{tag}", report.by_tag[tag], tag_wanted, partial)
    return report


def build_report(sets: list[LoadedSet], results: list[TurnResult], mode: str, started_at: str,
                 duration_s: float, tags: list[str] | None = None, parser: str = "rules") -> RunReport:
    fallbacks: dict[str, int] = defaultdict(int)
    for result in results:
        if result.parser_used == "rules" and result.parser_fallback:
            fallbacks[result.parser_fallback] += 1
    return RunReport(
        mode=mode, parser=parser, started_at=started_at, duration_s=round(duration_s, 2),
        by_parser=grouped(results, lambda r: [r.parser_used] if r.parser_used else []),
        fallbacks=dict(sorted(fallbacks.items(), key=lambda kv: -kv[1])),
        tags=[normalise_tag(t) for t in tags or []],
        overall=figures(results), by_tag=grouped(results, lambda r: r.tags),
        by_intent=grouped(results, lambda r: [r.intent]),
        sets=[set_report(s, results, mode, partial=bool(tags)) for s in sets], results=results,
    )
