"""The grounding check of LLM answers: each quantity must mean what the evidence says; citations from this turn.

Pure functions over text and plain values, so the rules can be tested without a model.

Every quantity of the answer (read by `quantities.extract_quantities`: digits, Chinese numerals, English
number words, magnitudes, units, signs) is checked against the evidence *with its role*:

- a year matches only a year (2027年 is never grounded by a value of 2027), and a year stated as a
  forecast (预计 / projected …) only a forecast year of a tool (`projected_year`);
- a rate matches only a rate, with its sign: 增长5.1% is not grounded by a growth of -5.1 %;
- a value or count matches a value or count in the same dimension, compared in plain units (9420万元 =
  0.942亿元; 2万人 = 20 000 people); money is not a count, US$ is never grounded by a yuan figure; values
  compare by size, since 超出 / 还差 carry the direction in words;
- a bare number (no unit) matches a number as the tools wrote it.

Rounding to the written precision is allowed, never more than 5 %. Not checked: clause numbering
(3.2.1, 2.table.3, 三（二）1, 第四条), dates, list markers, and small integers without a magnitude
(0–10: ranks, list counts, "近3年").
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from clusterbot.bot.llm.quantities import COUNT, RATE, VALUE, YEAR, Quantity, extract_quantities

SMALL_INT_LIMIT = 10
PLAIN = "plain"  # a tool number whose unit is not known: matched as written

_COUNT_KEYS = ("position", "total", "rows", "limit", "inserted", "updated", "unchanged", "superseded")
_RATE_KEYS = ("cagr", "growth", "rate", "share", "ratio")
# Units the tools write, as (role, scale to plain units, currency).
_UNITS = {
    "元": (VALUE, 1.0, "cny"), "万元": (VALUE, 1e4, "cny"), "亿元": (VALUE, 1e8, "cny"),
    "万亿元": (VALUE, 1e12, "cny"), "%": (RATE, 0.01, ""), "‰": (RATE, 0.001, ""),
}
_COUNT_UNITS = "个家项名人位户件条座所批次"


@dataclass(frozen=True)
class Datum:
    """One number the answer may use: its role, its value in plain units (`base`), the number as the tool
    wrote it (`raw`), and for money the currency; a forecast year is `projected`."""

    role: str
    base: float
    raw: float
    currency: str = ""
    projected: bool = False


@dataclass
class Problem:
    """One reason an answer failed the check; `kind` is number, citation_unknown, citation_not_retrieved,
    no_citation or too_long."""

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


def is_exempt(quantity: Quantity) -> bool:
    """Small integers without a magnitude are ranks, counts of listed items or spans of years, not figures."""
    return (quantity.role in (VALUE, COUNT) and quantity.scale == 1 and not quantity.currency
            and quantity.number.is_integer() and abs(quantity.number) <= SMALL_INT_LIMIT)


def _close(value: float, target: float, tolerance: float) -> bool:
    return abs(value - target) <= tolerance


def _key_role(key: str, unit: str | None) -> tuple[str, float, str, bool]:
    """(role, scale, currency, projected) of a numeric field of a tool output, from its name and unit."""
    if key == "year" or key.endswith("_year"):
        return YEAR, 1.0, "", key.startswith("projected")
    if any(part in key for part in _RATE_KEYS):
        return RATE, 1.0, "", False  # the tools return ratios as fractions
    if key.endswith("count") or key in _COUNT_KEYS:
        return COUNT, 1.0, "", False
    if unit:
        if unit in _UNITS:
            role, scale, currency = _UNITS[unit]
            return role, scale, currency, False
        if unit[-1] in _COUNT_UNITS:
            return COUNT, 1e4 if unit.startswith("万") else 1.0, "", False
    return PLAIN, 1.0, "", False


class Evidence:
    """The numbers an answer may use, with their roles: this turn's tool outputs and cited clauses."""

    def __init__(self) -> None:
        self._data: set[Datum] = set()
        self._ordered: list[Datum] | None = None

    def add(self, datum: Datum) -> None:
        if math.isfinite(datum.base) and math.isfinite(datum.raw):
            self._data.add(datum)
            self._ordered = None

    def add_value(self, value: float, key: str = "", unit: str | None = None) -> None:
        if isinstance(value, bool) or not math.isfinite(value):
            return
        role, scale, currency, projected = _key_role(key, unit)
        if role == YEAR and not float(value).is_integer():
            role = PLAIN
        self.add(Datum(role, float(value) * scale, float(value), currency, projected))

    def merge(self, other: Evidence) -> None:
        self._data |= other._data
        self._ordered = None

    def add_text(self, text: str) -> None:
        for quantity in extract_quantities(text, numbering=True):
            self.add(Datum(quantity.role, quantity.base, quantity.number, quantity.currency, quantity.projected))

    def add_tree(self, data: object, skip_strings: frozenset[str] | set[str] = frozenset(), key: str = "",
                 unit: str | None = None) -> None:
        """Walk a JSON-like tree (a tool output's model_dump): numbers with the role their field names and
        units give them, quantities inside strings, list sizes. Strings in `skip_strings` (the caller's own
        arguments echoed back) are not evidence."""
        if isinstance(data, dict):
            here = data.get("unit")
            unit = here if isinstance(here, str) and here else unit  # a nested figure carries its own unit
            for name, value in data.items():
                self.add_tree(value, skip_strings, str(name), unit)
        elif isinstance(data, (list, tuple)):
            self.add_value(len(data), "count")
            for value in data:
                self.add_tree(value, skip_strings, key, unit)
        elif isinstance(data, str):
            if data not in skip_strings and len(data) > 1:
                self.add_text(data)
        elif isinstance(data, (int, float)) and not isinstance(data, bool):
            self.add_value(data, key, unit)

    def match(self, quantity: Quantity) -> Datum | None:
        """The evidence a quantity stands for, read with its role and sign, or None."""
        if self._ordered is None:
            # Known roles before unknown ones, so a fact is reported with its unit when it has one.
            self._ordered = sorted(self._data, key=lambda d: (d.role == PLAIN, d.role, d.raw, d.base))
        for datum in self._ordered:
            if _matches(quantity, datum):
                return datum
        return None

    def __len__(self) -> int:
        return len(self._data)


def _matches(q: Quantity, d: Datum) -> bool:
    if q.role == YEAR:
        return d.role == YEAR and q.number == d.raw and (d.projected or not q.projected)
    if q.role == RATE:
        return d.role == RATE and _close(q.base, d.base, q.base_tolerance)  # signed: a decline is not growth
    if d.role in (YEAR, RATE):
        return False
    if q.currency == "usd" or d.currency == "usd":
        return q.currency == d.currency and _close(abs(q.base), abs(d.base), q.base_tolerance)
    if d.role == PLAIN or not q.magnitude:
        # The tool's unit is unknown, or the answer wrote none: compare numbers as written (94.2亿元 and
        # 94.2 in a field of 亿元), or in 亿 (9420万元 and 0.942).
        if _close(abs(q.number), abs(d.raw), q.tolerance):
            return q.role != COUNT or d.role != VALUE or not d.currency
        return q.magnitude and q.role == VALUE and _close(abs(q.base) / 1e8, abs(d.raw), q.base_tolerance / 1e8)
    if q.currency and d.role == COUNT or q.role == COUNT and d.currency:
        return False  # money is not a count
    return _close(abs(q.base), abs(d.base), q.base_tolerance)


def check_numbers(text: str, evidence: Evidence) -> Report:
    report = Report()
    for quantity in extract_quantities(text):
        if is_exempt(quantity):
            continue
        datum = evidence.match(quantity)
        if datum is None:
            report.problems.append(Problem("number", quantity.text))
        else:
            report.matched_values.append(datum.raw)
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
