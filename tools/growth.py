"""Growth arithmetic behind gap_to_target and the growth rankings. Pure functions, no data access.

Rates are fractions (0.05 = 5 %). A rate cannot be computed from a zero or negative starting
value or over a non-positive number of years; those cases return None instead of a number.
"""

from __future__ import annotations

import math

MAX_HORIZON_YEARS = 100


def cagr(start: float, end: float, years: float) -> float | None:
    """Compound annual growth from start to end over `years`; None when undefined."""
    if years <= 0 or start <= 0 or end <= 0:
        return None
    return (end / start) ** (1.0 / years) - 1.0


def required_cagr(latest: float, target: float, years: float) -> float | None:
    """Yearly growth needed to go from latest to target in `years`; 0 when already met.

    None when it cannot be computed: no years left, or a zero/negative latest value.
    """
    if latest >= target:
        return 0.0
    if years <= 0 or latest <= 0:
        return None
    return (target / latest) ** (1.0 / years) - 1.0


def recent_cagr(series: dict[int, float], latest_year: int, span: int = 3) -> tuple[float | None, int | None]:
    """CAGR over the last `span` years ending at latest_year, and the base year used.

    Uses latest_year - span when present, otherwise the earliest year inside the window
    (missing years shorten the window). None when there is no earlier year or a value <= 0.
    """
    if latest_year not in series:
        return None, None
    window = [y for y in series if latest_year - span <= y < latest_year]
    if not window:
        return None, None
    base = min(window)
    return cagr(series[base], series[latest_year], latest_year - base), base


def crossing_year(latest: float, latest_year: int, target: float, rate: float | None) -> int | None:
    """First year the value reaches target when it grows at `rate` from latest_year.

    latest_year itself when already met; None when the pace never gets there (no rate, zero or
    negative growth, a non-positive value) or only after MAX_HORIZON_YEARS.
    """
    if latest >= target:
        return latest_year
    if rate is None or rate <= 0 or latest <= 0:
        return None
    years = math.log(target / latest) / math.log1p(rate)
    steps = math.ceil(years - 1e-9)
    # guard against floating error at exact powers
    while steps > 1 and latest * (1 + rate) ** (steps - 1) >= target:
        steps -= 1
    while latest * (1 + rate) ** steps < target:
        steps += 1
    return latest_year + steps if steps <= MAX_HORIZON_YEARS else None


def yoy(previous: float | None, current: float | None) -> float | None:
    """Year-on-year growth; None without a positive previous value."""
    if previous is None or current is None or previous <= 0:
        return None
    return current / previous - 1.0
