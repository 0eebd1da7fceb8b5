"""profile: a cluster's, county's or city's latest figures, history and rank."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from clusterbot.config import Settings
from clusterbot.tools.aggregate import group_figure, member_clusters, ranking
from clusterbot.tools.entities import lookup
from clusterbot.tools.growth import yoy
from clusterbot.tools.models import EntityLookup, EntityRef, Figure
from clusterbot.tools.registry import tool
from clusterbot.tools.store import snapshot


class ProfileInput(BaseModel):
    entity: str = Field(description="Cluster, county or city name (any form resolve accepts)")
    year: int | None = Field(default=None, description="Year of the 'latest' figures; default the latest with data")


class Rank(BaseModel):
    scope: Literal["province", "city"]
    among: Literal["clusters", "counties", "cities"]
    metric: str
    year: int
    position: int = Field(description="1 = largest")
    total: int = Field(description="Number of entities ranked")


class ClusterBrief(BaseModel):
    model_config = ConfigDict(frozen=True)

    cluster: EntityRef
    revenue: Figure | None
    growth: float | None = Field(default=None, description="Revenue growth on the previous year (fraction)")
    tier: str | None = Field(default=None, description="Highest revenue tier reached: 百亿级, 300亿级 …")


class ProfileOutput(EntityLookup):
    year: int | None = None
    latest: list[Figure] = Field(default_factory=list, description="Each metric in `year`")
    history: list[Figure] = Field(default_factory=list, description="Each metric for every year up to `year`")
    ranks: list[Rank] = Field(default_factory=list, description="Revenue rank in the province and in its city")
    clusters: list[ClusterBrief] = Field(default_factory=list, description="Member clusters (county or city)")
    tier: str | None = None


def brief(snap, name: str, year: int) -> ClusterBrief:
    memo = snap.cache.setdefault("briefs", {})
    if (name, year) not in memo:
        memo[(name, year)] = _brief(snap, name, year)
    return memo[(name, year)]


def _brief(snap, name: str, year: int) -> ClusterBrief:
    revenue = snap.figure(name, "revenue", year)
    previous = snap.value(name, "revenue", year - 1)
    return ClusterBrief(cluster=snap.ref("cluster", name), revenue=revenue,
                        growth=yoy(previous.value if previous else None, revenue.value if revenue else None),
                        tier=snap.tier(revenue.value if revenue else None))


AMONG: dict[str, Literal["clusters", "counties", "cities"]] = {"cluster": "clusters", "county": "counties",
                                                             "city": "cities"}


@tool
def profile(inp: ProfileInput, settings: Settings) -> ProfileOutput:
    """Profile of one cluster, county (县/县级市) or prefecture city: the latest figures of every metric,
    their history, the revenue rank in the province and within its city, the revenue tier, and for a
    county or city its clusters. Use for "介绍一下天长市的集群", "潜山刷业的情况", "滁州有哪些集群".
    """
    snap = snapshot(settings)
    head = lookup(snap, inp.entity)
    entity = head.entity
    if head.status != "ok" or entity is None:
        return ProfileOutput(**head.model_dump())
    members = member_clusters(snap, entity)
    years = sorted({y for c in members for y in snap.series(c, "revenue")})
    years = [y for y in years if inp.year is None or y <= inp.year]
    if not years:
        return ProfileOutput(status="no_data", entity=entity)
    year = years[-1]
    latest, history = [], []
    for metric in snap.metrics:
        for y in years:
            fig = group_figure(snap, entity, members, metric, y)
            if fig is not None:
                history.append(fig)
                if y == year:
                    latest.append(fig)
    level = {"cluster": "cluster", "county": "county", "city": "city"}[entity.kind]
    among = AMONG[entity.kind]
    ranks = []
    scopes: list[tuple[Literal["province", "city"], str | None]] = [("province", None)]
    if entity.kind != "city":
        scopes.append(("city", entity.city))
    for scope, city in scopes:
        order = [name for name, _ in ranking(snap, level, "revenue", year, within_city=city)]
        if entity.name in order:
            ranks.append(Rank(scope=scope, among=among, metric="revenue", year=year,
                              position=order.index(entity.name) + 1, total=len(order)))
    clusters = [brief(snap, c, year) for c in members] if entity.kind != "cluster" else []
    clusters.sort(key=lambda b: -(b.revenue.value if b.revenue else -1))
    revenue = next((f for f in latest if f.metric == "revenue"), None)
    tier = snap.tier(revenue.value if revenue else None) if entity.kind == "cluster" else (
        clusters[0].tier if clusters else None)
    return ProfileOutput(status="ok", entity=entity, year=year, latest=latest, history=history, ranks=ranks,
                         clusters=clusters, tier=tier, demo=any(f.demo for f in history))
