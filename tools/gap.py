"""gap_to_target: how far a cluster or a county is from a revenue tier, and at what pace it gets there."""

from __future__ import annotations

from pydantic import BaseModel, Field

from clusterbot.config import Settings
from clusterbot.tools.entities import lookup
from clusterbot.tools.growth import crossing_year, recent_cagr, required_cagr
from clusterbot.tools.models import EntityLookup, EntityRef, Figure
from clusterbot.tools.policy_targets import DEFAULT_TARGET_YEAR, TARGET_CLAUSE
from clusterbot.tools.registry import tool
from clusterbot.tools.snapshot import Snapshot
from clusterbot.tools.store import snapshot


class GapInput(BaseModel):
    entity: str = Field(description="Cluster or county (县/县级市) name; a county is judged by its largest cluster")
    threshold: float = Field(default=100, gt=0, description="Revenue tier in 亿元: 100 (百亿级), 300, 500, 1000 (千亿级)")
    target_year: int = Field(default=DEFAULT_TARGET_YEAR, description="Year the tier should be reached: 2025, 2027 or 2030")
    metric: str = Field(default="revenue", description="Metric code; the tiers are defined on revenue")
    as_of_year: int | None = Field(default=None, description="Work from this data year instead of the latest "
                                   "(e.g. a briefing on an earlier year); later years are ignored")


class ClusterGap(BaseModel):
    cluster: EntityRef
    latest: Figure | None = None
    latest_year: int | None = None
    gap: float | None = Field(default=None, description="threshold - latest value, 0 when met (亿元)")
    already_met: bool = False
    required_cagr: float | None = Field(default=None, description="Yearly growth needed by target_year (fraction)")
    recent_cagr: float | None = Field(default=None, description="Compound growth of the last (up to) 3 years")
    recent_cagr_from_year: int | None = None
    projected_year: int | None = Field(default=None, description="Year it crosses at the recent pace; None = never")
    target_year_passed: bool = Field(default=False, description="target_year is not after latest_year")


class GapOutput(EntityLookup):
    metric: str = "revenue"
    unit: str = ""
    threshold: float = 100
    threshold_label: str = ""
    target_year: int = DEFAULT_TARGET_YEAR
    clause_id: str = TARGET_CLAUSE
    basis: EntityRef | None = Field(default=None, description="The cluster the answer is about (a county's largest)")
    latest: Figure | None = None
    latest_year: int | None = None
    gap: float | None = None
    already_met: bool = False
    required_cagr: float | None = None
    recent_cagr: float | None = None
    recent_cagr_from_year: int | None = None
    projected_year: int | None = None
    target_year_passed: bool = False
    clusters: list[ClusterGap] = Field(default_factory=list, description="Every cluster of the county, largest first")


def cluster_gap(snap: Snapshot, name: str, metric: str, threshold: float, target_year: int,
                as_of_year: int | None = None) -> ClusterGap:
    series = {y: v.value for y, v in snap.series(name, metric).items() if as_of_year is None or y <= as_of_year}
    ref = snap.ref("cluster", name)
    if not series:
        return ClusterGap(cluster=ref)
    year = max(series)
    value = series[year]
    met = value >= threshold
    rate, base = recent_cagr(series, year)
    years_left = target_year - year
    return ClusterGap(
        cluster=ref, latest=snap.figure(name, metric, year), latest_year=year,
        gap=round(max(0.0, threshold - value), 4), already_met=met,
        required_cagr=required_cagr(value, threshold, years_left), recent_cagr=rate, recent_cagr_from_year=base,
        projected_year=crossing_year(value, year, threshold, rate), target_year_passed=years_left <= 0,
    )


@tool
def gap_to_target(inp: GapInput, settings: Settings) -> GapOutput:
    """Distance of a cluster or a county from a revenue tier (百亿级 = 100 亿元 by default) by a target year.

    Gives the latest value and year, the gap, the yearly growth required to reach the tier by
    target_year, the growth of the last 3 years, the year it would cross at that pace, and whether it
    is already met. A county follows 二、工作目标 (每个县（市）至少1个百亿级集群 by 2030): it is judged by its
    largest cluster, and all its clusters are listed. Use for "天长市离百亿目标还有多远？".
    """
    snap = snapshot(settings)
    head = lookup(snap, inp.entity, kinds=["cluster", "county"])
    out = GapOutput(**head.model_dump(), metric=inp.metric, threshold=inp.threshold, target_year=inp.target_year,
                    threshold_label=snap.thresholds.get(float(inp.threshold), f"{inp.threshold:g}亿元"),
                    unit=snap.metrics[inp.metric].unit if inp.metric in snap.metrics else "")
    entity = head.entity
    if head.status != "ok" or entity is None:
        return out
    names = [entity.name] if entity.kind == "cluster" else snap.clusters_by_county.get(entity.name, [])
    gaps = [cluster_gap(snap, n, inp.metric, inp.threshold, inp.target_year, inp.as_of_year) for n in names]
    gaps.sort(key=lambda g: -(g.latest.value if g.latest else float("-inf")))
    with_data = [g for g in gaps if g.latest is not None]
    if not with_data:
        return out.model_copy(update={"status": "no_data", "clusters": gaps if entity.kind == "county" else []})
    best = with_data[0]
    fields = best.model_dump(exclude={"cluster"})
    fields["latest"] = best.latest
    return out.model_copy(update={
        **fields, "basis": best.cluster, "clusters": gaps if entity.kind == "county" else [],
        "demo": any(g.latest.demo for g in with_data if g.latest is not None),
    })
