"""Properties of the growth arithmetic behind gap_to_target."""

from __future__ import annotations

import math

from hypothesis import example, given
from hypothesis import strategies as st

from clusterbot.tools.growth import MAX_HORIZON_YEARS, cagr, crossing_year, recent_cagr, required_cagr, yoy

positive = st.floats(min_value=0.01, max_value=1e5, allow_nan=False, allow_infinity=False)
any_value = st.one_of(st.just(0.0), st.floats(min_value=-1e4, max_value=-0.01), positive)
years = st.integers(min_value=1, max_value=40)
rate = st.floats(min_value=0.001, max_value=2.0, allow_nan=False)


@given(positive, positive, years)
def test_required_cagr_reaches_the_target_exactly(latest, target, n):
    r = required_cagr(latest, target, n)
    if latest >= target:
        assert r == 0.0
    else:
        assert r > 0 and math.isclose(latest * (1 + r) ** n, target, rel_tol=1e-9)


@given(positive, positive, positive, years)
def test_required_cagr_is_monotonic_in_target_and_latest(latest, t1, t2, n):
    low, high = sorted((t1, t2))
    assert required_cagr(latest, low, n) <= required_cagr(latest, high, n) + 1e-12
    assert required_cagr(low, latest, n) >= required_cagr(high, latest, n) - 1e-12


@given(positive, positive, years, years)
def test_more_years_need_less_growth(latest, target, n1, n2):
    a, b = sorted((n1, n2))
    assert required_cagr(latest, target, b) <= required_cagr(latest, target, a) + 1e-12


@given(st.floats(max_value=0, min_value=-1e4, allow_nan=False), positive, years)
def test_zero_or_negative_latest_has_no_rate(latest, target, n):
    assert required_cagr(latest, target, n) is None
    assert cagr(latest, target, n) is None
    assert crossing_year(latest, 2025, target, 0.1) is None


@given(positive, positive, st.integers(min_value=-30, max_value=0))
def test_target_year_not_after_latest_year(latest, target, n):
    r = required_cagr(latest, target, n)
    assert r == (0.0 if latest >= target else None)


@given(positive, positive, rate)
@example(latest=1.0, target=1e5, r=0.001)  # beyond the horizon: None
@example(latest=90.0, target=100.0, r=0.05)  # three years
def test_crossing_year_is_the_first_year_at_or_above(latest, target, r):
    year = crossing_year(latest, 2025, target, r)
    if latest >= target:
        assert year == 2025
        return
    if year is None:  # None is right only when the target lies beyond the horizon at this pace
        assert latest * (1 + r) ** MAX_HORIZON_YEARS < target * (1 + 1e-12)
        return
    steps = year - 2025
    assert 1 <= steps <= MAX_HORIZON_YEARS
    assert latest * (1 + r) ** steps >= target * (1 - 1e-12)
    assert latest * (1 + r) ** (steps - 1) < target


@given(positive, positive, rate, rate)
def test_faster_pace_never_crosses_later(latest, target, r1, r2):
    slow, fast = sorted((r1, r2))
    a, b = crossing_year(latest, 2025, target, slow), crossing_year(latest, 2025, target, fast)
    if a is not None:
        assert b is not None and b <= a


@given(positive, positive, st.floats(min_value=-0.99, max_value=0, allow_nan=False))
def test_no_growth_never_crosses(latest, target, r):
    expected = 2025 if latest >= target else None  # already there is the only way to "cross" without growth
    assert crossing_year(latest, 2025, target, r) == expected and crossing_year(latest, 2025, target, None) == expected


@given(st.dictionaries(st.integers(2015, 2025), positive, min_size=1, max_size=11))
def test_recent_cagr_with_missing_years(series):
    latest = max(series)
    r, base = recent_cagr(series, latest)
    earlier = [y for y in series if latest - 3 <= y < latest]
    if not earlier:
        assert (r, base) == (None, None)  # a single data year in the window
    else:
        assert base == min(earlier)
        assert math.isclose(series[base] * (1 + r) ** (latest - base), series[latest], rel_tol=1e-9)


@given(positive)
def test_single_data_year(value):
    assert recent_cagr({2025: value}, 2025) == (None, None)
    assert recent_cagr({2025: value}, 2024) == (None, None)


@given(any_value, any_value)
def test_yoy_needs_a_positive_base(a, b):
    r = yoy(a, b)
    assert (r is None) == (a <= 0) and (r is None or math.isclose(a * (1 + r), b, rel_tol=1e-9, abs_tol=1e-9))
