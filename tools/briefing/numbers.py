"""How a briefing writes numbers. One place, so the tests can read them back the same way."""

from __future__ import annotations

import re

from clusterbot.messages import msg
from clusterbot.tools.models import Figure

# decimals by unit; counts (家, 个, 项) are whole numbers
UNIT_DECIMALS = {"亿元": 1, "万亿元": 2, "%": 2}
MISSING = "暂无数据"  # never a dash: "—个" reads as "一个" in 仿宋


def decimals(unit: str, value: float | None = None) -> int:
    if unit in UNIT_DECIMALS:
        return UNIT_DECIMALS[unit]
    return 0 if value is None or float(value).is_integer() else 2


def number(value: float | None, unit: str = "") -> str:
    """A value in its unit's precision, without the unit: 94.2, 0.94, 2337."""
    if value is None:
        return MISSING
    return f"{value:.{decimals(unit, value)}f}"


def figure(fig: Figure | None) -> str:
    return number(fig.value, fig.unit) if fig is not None else MISSING


def amount(value: float | None, unit: str) -> str:
    """A value with its unit and no space, so a line never breaks between them: 94.2亿元, 2.22%."""
    if value is None:
        return MISSING
    return f"{number(value, unit)}{unit}"


def figure_amount(fig: Figure | None) -> str:
    return amount(fig.value, fig.unit) if fig is not None else MISSING


def rate(fraction: float | None) -> str:
    """A growth rate given as a fraction, written as a percentage with one decimal: 0.0503 -> 5.0%."""
    if fraction is None:
        return MISSING
    return f"{fraction * 100:.1f}%"


def change(fraction: float | None) -> str:
    """A growth rate in words, as officials write it: 增长 5.0% / 下降 5.1% / 持平 (never 增速 -5.1%)."""
    if fraction is None:
        return MISSING
    shown = rate(abs(fraction))
    if shown == rate(0.0):
        return msg("brief.change.flat")
    return msg("brief.change.down" if fraction < 0 else "brief.change.up", rate=shown)


def month(vintage: str) -> str:
    """A data vintage as a date people read: 2025-06 -> 2025年6月; other labels unchanged."""
    found = re.fullmatch(r"(\d{4})-(\d{2})", vintage)
    return msg("brief.month", year=found[1], month=int(found[2])) if found else vintage


def parse_number(text: str) -> float | None:
    """The inverse of number()/rate() for the tests and the .docx read-back: '5.0%' -> 5.0, '暂无数据' -> None."""
    text = text.strip().rstrip("%")
    if text in ("", MISSING):
        return None
    return float(text)
