"""Amounts a clause names one by one or checks a total against: several years or levels become several parts."""

from __future__ import annotations

import re
from typing import Any

from clusterbot.bot.offline.lexicon import hit
from clusterbot.bot.offline.query import Part, Time

_CHECKED = re.compile(r"(?:够|达到|到|过|突破|超过|上|破)\s*了?\s*(?:(?P<v>\d+(?:\.\d+)?)\s*(?P<u>万亿|亿元?|家|个|项|%)"
                      r"|(?P<bare>万亿|千亿))")


def checked_amount(text: str) -> float | None:
    """An amount a yes/no question asks a total to have reached ("加起来够1200家了没"), in the metric's unit."""
    m = _CHECKED.search(text) if hit("YES_NO", text) else None
    if m is None:
        return None
    if m.group("bare"):  # 破万亿, 过千亿: one of that unit
        return 10000.0 if m.group("bare") == "万亿" else 1000.0
    return float(m.group("v")) * (10000 if m.group("u") == "万亿" else 1)


def each(part: Part, slots: Any) -> list[Part]:
    """One part for each of several years or levels the clause names one by one (2022年和2025年, 300亿以上和
    500亿以上…各有几个); the part itself otherwise."""
    if part.op == "value" and len(set(slots.years)) >= 2:
        return [part.model_copy(update={"time": Time(kind="year", year=y)}) for y in sorted(set(slots.years))]
    levels = sorted({a for a in slots.amounts_yi if a > 0})
    if part.op == "count" and part.level is not None and part.upper is None and len(levels) >= 2 \
            and not slots.tier_range:
        return [part.model_copy(update={"level": lv, "scope": part.scope.model_copy(update={"tier": lv})})
                for lv in levels]
    return [part]
