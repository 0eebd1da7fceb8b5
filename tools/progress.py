"""province_progress: the province indicators of 二、工作目标 (text and table) against their targets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, Field

from clusterbot.config import Settings
from clusterbot.tools.aggregate import provenance
from clusterbot.tools.models import Figure
from clusterbot.tools.registry import tool
from clusterbot.tools.snapshot import PROVINCE, Snapshot, Target, Value
from clusterbot.tools.store import snapshot

BASE_YEAR = 2023  # the year of the indicator table's actual values
Status = Literal["met", "on_track", "off_track", "rising", "not_rising", "no_data"]


def _values(snap: Snapshot, metric: str, year: int, manufacturing_only: bool = False) -> list[tuple[str, Value]]:
    out = []
    for cluster in snap.clusters.values():
        if manufacturing_only and not cluster.manufacturing:
            continue
        found = snap.value(cluster.name, metric, year)
        if found is not None:
            out.append((cluster.name, found))
    return out


def _sum(metric: str, mfg: bool = False, scale: float = 1.0):
    def compute(snap: Snapshot, year: int):
        rows = _values(snap, metric, year, mfg)
        return (sum(v.value for _, v in rows) * scale, [v for _, v in rows]) if rows else None
    return compute


def _count(low: float, high: float = float("inf"), metric: str = "revenue"):
    def compute(snap: Snapshot, year: int):
        rows = _values(snap, metric, year)
        return (float(sum(low <= v.value < high for _, v in rows)), [v for _, v in rows]) if rows else None
    return compute


def _rd_intensity(snap: Snapshot, year: int):
    rd = dict(_values(snap, "rd_intensity", year, True))
    revenue = {c: v for c, v in _values(snap, "revenue", year, True) if c in rd and v.value > 0}
    total = sum(v.value for v in revenue.values())
    if not total:
        return None
    return sum(rd[c].value * v.value for c, v in revenue.items()) / total, list(rd.values()) + list(revenue.values())


def _five_one(snap: Snapshot, year: int):
    rows = _values(snap, "five_one_count", year)
    if not rows:
        return None
    return 100.0 * sum(v.value for _, v in rows) / (5 * len(rows)), [v for _, v in rows]


def _trade_share(snap: Snapshot, year: int):
    rows = _values(snap, "exports", year)
    total = snap.province_totals.get(("province_trade_total", year))
    if not rows or total is None or total.value <= 0:
        return None
    return 100.0 * sum(v.value for _, v in rows) / total.value, [v for _, v in rows] + [total]


def _counties_with(snap: Snapshot, year: int):
    rows = _values(snap, "revenue", year)
    if not rows:
        return None
    counties = {snap.clusters[c].county for c, v in rows if v.value >= 100}
    return float(len(counties)), [v for _, v in rows]


def _mfg_clusters(snap: Snapshot, year: int):
    rows = _values(snap, "revenue", year, True)
    return (float(len(rows)), [v for _, v in rows]) if rows else None


# indicator code -> computation over cluster data; indicators without one have no data source yet
AGGREGATES: dict[str, Callable[[Snapshot, int], tuple[float, list[Value]] | None]] = {
    "revenue_total": _sum("revenue", scale=1e-4),  # 亿元 -> 万亿元
    "clusters_100": _count(100),
    "clusters_500": _count(500),
    "clusters_300_500": _count(300, 500),
    "clusters_1000": _count(1000),
    "mfg_high_tech": _sum("high_tech_enterprises", mfg=True),
    "mfg_rd_intensity": _rd_intensity,
    "mfg_specialized": _sum("specialized_enterprises", mfg=True),
    "five_one_coverage": _five_one,
    "trade_share": _trade_share,
    "key_enterprises_100yi": _sum("key_enterprises_100yi"),
    "leading_enterprises": _sum("leading_enterprises"),
    "partner_enterprises": _sum("partner_enterprises"),
    "counties_with_100": _counties_with,
    "mfg_clusters": _mfg_clusters,
}


class ProgressInput(BaseModel):
    year: int | None = Field(default=None, description="Year of the actual values; default the latest with data")
    target_year: int | None = Field(default=None, description="Only targets for this year (2025, 2027, 2030)")
    indicator: str | None = Field(default=None, description="Only this indicator code, e.g. mfg_high_tech")


class ProgressItem(BaseModel):
    indicator: str
    name: str
    unit: str
    clause_id: str = Field(description="2 for the text of 二, 2.table.N for row N of the indicator table")
    target_year: int
    target_value: float | None = Field(default=None, description="None for a qualitative target")
    target_text: str = Field(description="The target as worded (持续增长 for qualitative ones)")
    comparator: str | None = Field(default=None, description=">= at least, > over (突破), ~ about (左右)")
    actual: Figure | None = None
    previous: Figure | None = Field(default=None, description="The year before, for qualitative targets")
    baseline: Figure | None = Field(default=None, description="2023 value published in the indicator table")
    gap: float | None = Field(default=None, description="target_value - actual (positive = still missing)")
    expected: float | None = Field(default=None, description="Where a straight path from 2023 would be by `year`")
    status: Status


class ProgressOutput(BaseModel):
    year: int | None
    items: list[ProgressItem]
    demo: bool = False


def _figure(snap: Snapshot, code: str, year: int, computed) -> Figure | None:
    if computed is None:
        return None
    value, rows = computed
    source, vintage, demo = provenance(rows)
    return snap.make_figure(code, value, year, PROVINCE, "province", source, vintage, demo)


def _met(actual: float, target_value: float, comparator: str | None) -> bool:
    if comparator == ">":
        return actual > target_value
    if comparator == "~":  # 左右: within 10 % below counts as reached
        return actual >= 0.9 * target_value
    return actual >= target_value


def _judge(target: Target, year: int, actual: Figure | None, previous: Figure | None,
           baseline: Target | None) -> tuple[Status, float | None, float | None]:
    if actual is None:
        return "no_data", None, None
    if target.value is None:  # qualitative: direction only
        if previous is None:
            return "no_data", None, None
        return ("rising" if actual.value > previous.value else "not_rising"), None, None
    gap = round(target.value - actual.value, 4)
    if _met(actual.value, target.value, target.comparator):
        return "met", gap, None
    if year >= target.year:
        return "off_track", gap, None
    if baseline is None or baseline.value is None or year < baseline.year:
        return "off_track", gap, None
    start_year, start = baseline.year, baseline.value
    expected = start + (target.value - start) * (year - start_year) / (target.year - start_year)
    return ("on_track" if actual.value >= expected else "off_track"), gap, round(expected, 4)


@tool
def province_progress(inp: ProgressInput, settings: Settings) -> ProgressOutput:
    """Progress of the province targets of 二、工作目标 of the 2024 guidance: every row of the indicator table
    (clause 2.table.N) and every target stated in the text (clause 2), actual value vs target, gap and
    status: met, on_track (ahead of a straight path from 2023), off_track; qualitative targets
    (持续增长/持续提高) are judged only by direction (rising / not_rising), never given a number.
    Use for "2025年高新技术企业目标完成得怎么样？" or "百亿级集群目标进展".
    """
    snap = snapshot(settings)
    year = inp.year or snap.latest_year("revenue")
    if year is None:
        return ProgressOutput(year=None, items=[])
    baselines = {(t.indicator, t.clause_id): t for t in snap.targets if t.kind == "actual"}
    table_baselines = {t.indicator: t for t in snap.targets if t.kind == "actual"}
    computed: dict[tuple[str, int], Figure | None] = snap.cache.setdefault("province_aggregates", {})
    # unrounded aggregates: a gap in 万亿元 taken from the rounded figure would lose every 亿 (0.06万亿 vs 568.5亿)
    exact: dict[tuple[str, int], float | None] = snap.cache.setdefault("province_aggregates_exact", {})

    def actual_of(code: str, y: int) -> Figure | None:
        if (code, y) not in computed:
            fn = AGGREGATES.get(code)
            result = fn(snap, y) if fn else None
            exact[(code, y)] = result[0] if result else None
            computed[(code, y)] = _figure(snap, code, y, result)
        return computed[(code, y)]

    items = []
    for target in snap.targets:
        if target.kind != "target" or target.year < year and inp.target_year is None:
            continue
        if inp.target_year is not None and target.year != inp.target_year:
            continue
        if inp.indicator and target.indicator != inp.indicator:
            continue
        actual, previous = actual_of(target.indicator, year), actual_of(target.indicator, year - 1)
        base = baselines.get((target.indicator, target.clause_id)) or table_baselines.get(target.indicator)
        status, gap, expected = _judge(target, year, actual, previous, base)
        exact_actual = exact.get((target.indicator, year))
        if gap is not None and target.value is not None and exact_actual is not None:
            gap = round(target.value - exact_actual, 6)
        name, unit, _sort = snap.indicators[target.indicator]
        baseline = None
        if base is not None and base.value is not None:
            baseline = snap.make_figure(target.indicator, base.value, base.year, PROVINCE, "province", base.source,
                                        "", False)
        items.append(ProgressItem(
            indicator=target.indicator, name=name, unit=unit, clause_id=target.clause_id,
            target_year=target.year, target_value=target.value, target_text=target.text,
            comparator=target.comparator, actual=actual, previous=previous if target.value is None else None,
            baseline=baseline, gap=gap, expected=expected, status=status,
        ))
    items.sort(key=lambda i: (i.target_year, snap.indicators[i.indicator][2], i.clause_id != "2"))
    return ProgressOutput(year=year, items=items, demo=any(i.actual and i.actual.demo for i in items))
