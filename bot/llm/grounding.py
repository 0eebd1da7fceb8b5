"""The grounding check of LLM answers: numbers must come from the evidence, citations from this turn.

Pure functions over text and plain values, so the rules can be tested without a model.

A number in the answer is grounded when one of its readings equals a reading of an evidence
number within the precision the answer wrote it with (94 matches 94.2, 94.3 does not; never more than 5 % off). Readings
normalise magnitudes to 亿 (1.2万亿 → 12000, 9420万 → 0.942, 9.42 billion → 94.2) and percentages to
fractions (5.2% → 0.052, the form the tools return ratios in). Not checked: clause numbering
(3.2.1, 2.table.3, 三（二）1, 第四条), ordered-list markers, and small bare integers (0–10 without a
magnitude or percent sign: ranks, list counts, "近3年").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from clusterbot.bot.offline.normalize import normalize

SMALL_INT_LIMIT = 10
ROUNDING_SHARE = 0.05

_CN_ORDINALS = "一二三四五六七八九十"
# Clause references are numbering, not quantities.
_CLAUSE_REFS = (
    re.compile(r"\b\d+(?:\.\d+)*\.table(?:\.\d+)?\b"),
    re.compile(r"(?<![\d.])\d+(?:\.\d+){2,}(?![\d.])"),
    re.compile(rf"[{_CN_ORDINALS}]+\s*[（(]\s*[{_CN_ORDINALS}]+\s*[）)]\s*\d*"),
    re.compile(r"第\s*\d+\s*[条款项章节]"),
    re.compile(r"\b(?:clause|article|section)\s+\d+(?:\.\d+)*", re.IGNORECASE),
)
_LIST_MARKER = re.compile(r"(?m)^\s*(?:[-*]\s+)?\d{1,2}[.)、．]\s*(?!\d)")
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?![\d])"
    r"\s*(?P<unit>万亿|亿|万|%|％|‰|个百分点|百分点|percentage points?|percent|trillion|billion|million)?",
    re.IGNORECASE,
)
# Multipliers that bring a magnitude to 亿 (the unit of revenue in the tools) or a percent to a fraction.
_SCALE = {
    "万亿": (1e4,), "亿": (), "万": (1e-4,), "trillion": (1e4,), "billion": (10.0,), "million": (0.01,),
    "%": (0.01,), "％": (0.01,), "‰": (0.001,), "个百分点": (0.01,), "百分点": (0.01,),
    "percent": (0.01,), "percentage point": (0.01,), "percentage points": (0.01,),
}


@dataclass(frozen=True)
class Number:
    """A number as written (`text`) and the values it may stand for, each with its rounding tolerance."""

    text: str
    readings: tuple[tuple[float, float], ...]
    has_unit: bool

    @property
    def value(self) -> float:
        return self.readings[0][0]


@dataclass
class Problem:
    """One reason an answer failed the check; `kind` is number, citation_unknown, citation_not_retrieved
    or no_citation."""

    kind: str
    item: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "item": self.item}


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    matched_values: list[float] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _strip_numbering(text: str) -> str:
    for pattern in _CLAUSE_REFS:
        text = pattern.sub(" ", text)
    return _LIST_MARKER.sub(" ", text)


def extract_numbers(text: str, numbering: bool = False) -> list[Number]:
    """Every number in `text` with its readings. `numbering=True` keeps clause numbers (for evidence)."""
    text = normalize(text or "")
    if not numbering:
        text = _strip_numbering(text)
    found: list[Number] = []
    for match in _NUMBER.finditer(text):
        whole, frac = match.group("int").replace(",", ""), match.group("frac") or ""
        raw = float(f"{whole}.{frac}" if frac else whole)
        # Half a unit of the last written digit, but never more than 5 %: "1万亿" is not 0.79万亿.
        tolerance = min(0.5 * 10 ** (-len(frac)), ROUNDING_SHARE * raw) + 1e-9
        unit = (match.group("unit") or "").lower()
        scales = _SCALE.get(unit, ())
        readings = [(raw, tolerance)] + [(raw * s, tolerance * s) for s in scales]
        found.append(Number(match.group(0).strip(), tuple(readings), bool(unit)))
    return found


def is_exempt(number: Number) -> bool:
    """Small bare integers are ranks, counts of listed items or spans of years, not figures."""
    raw = number.readings[0][0]
    return not number.has_unit and raw.is_integer() and raw <= SMALL_INT_LIMIT


class Evidence:
    """The numbers an answer may use: every number from this turn's tool outputs and cited clauses."""

    def __init__(self) -> None:
        self._values: set[float] = set()

    def add_value(self, value: float) -> None:
        if isinstance(value, bool) or not math.isfinite(value):
            return
        self._values.add(abs(float(value)))

    def merge(self, other: Evidence) -> None:
        self._values |= other._values

    def add_text(self, text: str) -> None:
        for number in extract_numbers(text, numbering=True):
            for reading, _ in number.readings:
                self._values.add(reading)

    def add_tree(self, data: object, skip_strings: frozenset[str] | set[str] = frozenset()) -> None:
        """Walk a JSON-like tree (a tool output's model_dump): numbers, numbers inside strings, list sizes.
        Strings in `skip_strings` (the caller's own arguments echoed back) are not evidence."""
        if isinstance(data, dict):
            for value in data.values():
                self.add_tree(value, skip_strings)
        elif isinstance(data, (list, tuple)):
            self.add_value(len(data))
            for value in data:
                self.add_tree(value, skip_strings)
        elif isinstance(data, str):
            if data not in skip_strings and any(ch.isdigit() for ch in data):
                self.add_text(data)
        elif isinstance(data, (int, float)) and not isinstance(data, bool):
            self.add_value(data)

    def match(self, number: Number) -> float | None:
        """The evidence value a number stands for, or None."""
        for reading, tolerance in number.readings:
            for value in self._values:
                if abs(abs(reading) - value) <= tolerance:
                    return value
        return None

    def __len__(self) -> int:
        return len(self._values)


def check_numbers(text: str, evidence: Evidence) -> Report:
    report = Report()
    for number in extract_numbers(text):
        if is_exempt(number):
            continue
        value = evidence.match(number)
        if value is None:
            report.problems.append(Problem("number", number.text))
        else:
            report.matched_values.append(value)
    return report


ClauseKey = tuple[str, str]  # (doc_id, clause_id)


def check_citations(cited: Iterable[tuple[str, ClauseKey | None]], retrieved: set[ClauseKey],
                    require: bool) -> list[Problem]:
    """`cited`: (reference as the model wrote it, the clause it resolves to or None) pairs."""
    problems: list[Problem] = []
    cited = list(cited)
    if require and not cited:
        problems.append(Problem("no_citation", ""))
    for reference, key in cited:
        if key is None:
            problems.append(Problem("citation_unknown", reference))
        elif key not in retrieved:
            problems.append(Problem("citation_not_retrieved", reference))
    return problems
