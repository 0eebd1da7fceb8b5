"""Leaf helpers for the generated data set's gold: tiers, numbers with tolerances, case dicts.

Both case builders (evals.data_cases, evals.data_more) use these; neither imports the other,
and evals.generate assembles their cases.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import zhconv

from clusterbot.yamlfiles import read_yaml

TEMPLATES_FILE = Path(__file__).resolve().parent / "question_templates.yaml"
DEFAULT_TARGET_YEAR = 2030
CLAUSE_TARGETS = "2"


@cache
def templates() -> dict:
    return read_yaml(TEMPLATES_FILE)


def num(value: float, unit: str = "亿元", label: str = "", tol: float | None = None) -> dict:
    out: dict = {"value": round(value, 4), "unit": unit}
    if tol is not None:
        out["tol"] = tol
    if label:
        out["label"] = label
    return out


def tier(threshold: int, lang: str = "zh") -> str:
    return templates()[f"tiers_{lang}"][threshold]


def gap_expect(data, entity, threshold: int, target_year: int = DEFAULT_TARGET_YEAR) -> dict:
    """Gold for "how far is X from a tier": gap, latest value, required growth — or 'already there'."""
    year = data.latest_year
    cluster = data.largest(entity, year) if hasattr(entity, "clusters") else entity
    latest = cluster.value("revenue", year)
    expect: dict = {"status": "answered", "clauses": [CLAUSE_TARGETS]}
    if latest >= threshold:
        expect["numbers"] = [num(latest, label="latest")]
        expect["require"] = ["已|already"]
        return expect
    numbers = [num(threshold - latest, label="gap"), num(latest, label="latest")]
    if target_year > year:
        rate = ((threshold / latest) ** (1 / (target_year - year)) - 1) * 100
        numbers.append(num(round(rate, 1), "%", label="required_growth", tol=0.11))
    expect["numbers"] = numbers
    return expect


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def case(case_id: str, intent: str, tags: list[str], q: str | None = None, **expect) -> dict:
    case: dict = {"id": case_id, "intent": intent, "tags": tags}
    if q is not None:
        case["q"] = q
    case.update(expect)
    return case


def traditional(text: str) -> str:
    return zhconv.convert(text, "zh-hant")
