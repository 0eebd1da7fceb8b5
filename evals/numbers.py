"""Numbers in answer text: extraction with units, unit normalisation (亿元 vs 万亿) and matching.

Money is compared in 亿元 (1 万亿 = 10000 亿元, 1 万元 = 0.0001 亿元); percentages in %; counts
(个, 家, 项, …) with each other or with bare numbers. A printed number matches a value when the
value, rounded to the printed precision, equals it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONEY_TO_YI = {"万亿元": 10000.0, "万亿": 10000.0, "亿元": 1.0, "亿": 1.0, "万元": 0.0001, "元": 1e-8}
COUNT_UNITS = ("个", "家", "项", "户", "条", "批", "名", "位")
PERCENT_UNITS = ("%", "％")
UNIT_PATTERN = "|".join(
    re.escape(u) for u in sorted([*MONEY_TO_YI, *COUNT_UNITS, *PERCENT_UNITS, "个百分点", "年", "倍"], key=len, reverse=True)
)
NUMBER = re.compile(
    rf"(?<![A-Za-z0-9_.])(?P<num>[-+]?\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?)\s*(?P<unit>{UNIT_PATTERN})?",
)
# Tokens made of digits that are not quantities: clause ids (3.2.1, 2.table.4), dates, labels (三（二）1).
NOT_QUANTITIES = (
    re.compile(r"\d+(?:\.\d+){2,}|\d+\.table(?:\.\d+)?"),
    re.compile(r"\d{4}-\d{1,2}(?:-\d{1,2})?"),
    re.compile(r"[一二三四五六七八九十][（(][一二三四五六七八九十]+[)）]\s*\d+"),
    re.compile(r"(?m)^\s*\d+[.、)]\s"),
    re.compile(r"\b\d+G\b"),
)
TIERS = {"百亿": "100亿", "千亿": "1000亿", "万亿": "1万亿"}
CN_TIER = re.compile(r"(?<![\d一二三四五六七八九两])(百亿|千亿|万亿)")
CN_SMALL = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_HUNDREDS = re.compile(r"([一二两三四五六七八九])(百|千)亿")


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    decimals: int
    text: str

    @property
    def kind(self) -> str:
        return unit_kind(self.unit)

    def in_unit(self, unit: str) -> float | None:
        """This quantity expressed in `unit`, or None when the dimensions differ."""
        if self.kind == "money" and unit_kind(unit) == "money":
            return self.value * MONEY_TO_YI[self.unit] / MONEY_TO_YI[unit]
        if self.kind == unit_kind(unit) or (self.unit == "" and unit_kind(unit) in ("count", "year")):
            return self.value
        return None


def unit_kind(unit: str) -> str:
    if unit in MONEY_TO_YI:
        return "money"
    if unit in PERCENT_UNITS:
        return "percent"
    if unit in COUNT_UNITS:
        return "count"
    if unit == "年":
        return "year"
    return unit or "none"


def canonical_unit(unit: str) -> str:
    """How a data or set unit is written, folded onto the units the matcher knows (亿元, %, 个)."""
    unit = (unit or "").strip()
    aliases = {"％": "%", "percent": "%", "亿元人民币": "亿元", "万亿元人民币": "万亿元"}
    return aliases.get(unit, unit)


def spell_out_tiers(text: str) -> str:
    """百亿 → 100亿, 三百亿 → 300亿, 千亿 → 1000亿 (how people write thresholds in questions)."""
    text = CN_HUNDREDS.sub(lambda m: f"{CN_SMALL[m.group(1)] * (100 if m.group(2) == '百' else 1000)}亿", text)
    return CN_TIER.sub(lambda m: TIERS[m.group(1)], text)


def _mask_non_quantities(text: str) -> str:
    for pattern in NOT_QUANTITIES:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def extract(text: str) -> list[Quantity]:
    """Every number printed in `text` with the unit that follows it (clause ids, dates, list markers skipped)."""
    found = []
    for match in NUMBER.finditer(_mask_non_quantities(text or "")):
        raw = match.group("num").replace(",", "")
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        unit = canonical_unit(match.group("unit") or "")
        found.append(Quantity(float(raw), unit, decimals, match.group(0).strip()))
    return found


def matches(printed: Quantity, value: float, unit: str, tolerance: float | None = None) -> bool:
    """Does `printed` show `value` (in `unit`)? Default tolerance: the rounding of the printed digits."""
    unit = canonical_unit(unit)
    shown = printed.in_unit(unit) if unit else printed.value
    if shown is None:
        return False
    if tolerance is None:
        scale = MONEY_TO_YI[printed.unit] / MONEY_TO_YI[unit] if printed.kind == "money" and unit_kind(unit) == "money" else 1.0
        tolerance = 0.5 * 10 ** (-printed.decimals) * scale
    return abs(shown - value) <= tolerance + 1e-9


def grounded(printed: Quantity, sources: list[Quantity]) -> bool:
    """Is `printed` one of the source quantities (facts, cited clause text, the question)?"""
    for source in sources:
        if source.kind == "money" and printed.kind == "money":
            in_yi = source.value * MONEY_TO_YI[source.unit]
            if matches(printed, in_yi, "亿元") or matches(printed, abs(in_yi), "亿元"):
                return True
            continue
        # a signed fact (-19 % growth) grounds its magnitude as printed beside a word of decline (下降 19%)
        candidates = [source.value, abs(source.value)]
        if printed.kind == "percent" and source.unit in ("", "%", "ratio"):
            candidates += [source.value * 100, abs(source.value) * 100]  # ratios are stored as fractions
        if any(abs(printed.value - c) <= 0.5 * 10 ** (-printed.decimals) + 1e-9 for c in candidates):
            if source.unit == "" or printed.unit == "" or source.kind == printed.kind:
                return True
    return False


def is_trivial(printed: Quantity) -> bool:
    """Small whole counts (前5, 3年, 共4项) carry no claim worth grounding."""
    return printed.kind in ("count", "none", "year") and printed.decimals == 0 and 0 <= printed.value <= 10
