"""The committed baseline and the regression gate.

A baseline keeps, per set, the figures of a run and the keys of the turns that passed. A later
run regresses when a figure falls by more than the tolerance, or when a turn that passed fails.
The baseline changes only when someone saves one on purpose (--save-baseline).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from clusterbot.errors import InputError
from clusterbot.evals.aggregate import SCORES, Figures, Regression, RunReport

DEFAULT_TOLERANCE = 0.005


class SetBaseline(BaseModel):
    figures: Figures
    passed: list[str] = Field(default_factory=list)
    failed: list[str] = Field(default_factory=list)


class Baseline(BaseModel):
    version: int = 1
    mode: str = "offline"
    tolerance: float = DEFAULT_TOLERANCE
    sets: dict[str, SetBaseline] = Field(default_factory=dict)


def from_report(report: RunReport, tolerance: float = DEFAULT_TOLERANCE) -> Baseline:
    sets = {}
    for set_report in report.sets:
        mine = [r for r in report.results if r.set_name == set_report.name]
        sets[set_report.name] = SetBaseline(figures=set_report.figures,
                                            passed=sorted(r.key for r in mine if r.passed),
                                            failed=sorted(r.key for r in mine if not r.passed))
    return Baseline(mode=report.mode, tolerance=tolerance, sets=sets)


def save(baseline: Baseline, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(baseline.model_dump(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def load(path: Path) -> Baseline:
    if not path.is_file():
        raise InputError("eval.baseline_missing", file=str(path))
    try:
        return Baseline.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        raise InputError("eval.baseline_invalid", file=str(path), reason=str(exc.errors()[0]["msg"])) from exc


def compare(report: RunReport, baseline: Baseline, baseline_file: str) -> RunReport:
    """Fill report.regressions / improvements against `baseline`. Figures are compared only on full runs."""
    report.baseline_file = baseline_file
    report.regressions, report.improvements, report.known_failures = [], [], []
    for set_report in report.sets:
        base = baseline.sets.get(set_report.name)
        if base is None:
            continue
        if not report.tags:
            for metric in SCORES:
                old, new = getattr(base.figures, metric), getattr(set_report.figures, metric)
                if old is None or new is None:
                    continue
                entry = Regression(set_name=set_report.name, what=metric, baseline=old, current=new)
                if new < old - baseline.tolerance:
                    report.regressions.append(entry)
                elif new > old + baseline.tolerance:
                    report.improvements.append(entry)
        passed_before, failed_before = set(base.passed), set(base.failed)
        for result in report.results:
            if result.set_name != set_report.name:
                continue
            if result.key in failed_before and not result.passed:
                report.known_failures.append(f"{result.set_name}:{result.key}")
            if result.key in passed_before and not result.passed:
                report.regressions.append(Regression(set_name=result.set_name, what=result.key,
                                                     baseline="pass", current="fail"))
            elif result.key in failed_before and result.passed:
                report.improvements.append(Regression(set_name=result.set_name, what=result.key,
                                                      baseline="fail", current="pass"))
    return report
