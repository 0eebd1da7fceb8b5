"""rank / filter tools: top or bottom N, counties without a 百亿 cluster, threshold crossings, growth."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from clusterbot.config import Settings
from clusterbot.tools.aggregate import group_figure, group_value, member_clusters
from clusterbot.tools.entities import lookup
from clusterbot.tools.growth import yoy
from clusterbot.tools.models import EntityLookup, EntityRef, Figure
from clusterbot.tools.profile import ClusterBrief, brief
from clusterbot.tools.registry import tool
from clusterbot.tools.snapshot import Snapshot
from clusterbot.tools.store import snapshot

Order = Literal["desc", "asc"]


class RankInput(BaseModel):
    metric: str = Field(default="revenue", description="Metric code: revenue, high_tech_enterprises, rd_intensity …")
    year: int | None = Field(default=None, description="Default: the latest year with data")
    n: int = Field(default=10, ge=1, le=100)
    order: Order = Field(default="desc", description="desc = largest first (top N), asc = smallest first")
    city: str | None = Field(default=None, description="Only this prefecture city, e.g. 滁州")
    sector: str | None = Field(default=None, description="Only this sector: 材料, 电子电气, 机械, 农副食品加工, 轻工·旅游及其他")
    level: Literal["cluster", "county", "city"] = Field(default="cluster",
                                                        description="Rank clusters, or counties / cities by their totals")


class RankItem(BaseModel):
    position: int
    entity: EntityRef
    figure: Figure


class RankOutput(BaseModel):
    status: Literal["ok", "no_data", "unknown_metric", "unknown_city"] = "ok"
    metric: str
    year: int | None = None
    total: int = Field(default=0, description="Entities ranked before cutting to n")
    items: list[RankItem] = Field(default_factory=list)
    city: EntityRef | None = None
    demo: bool = False


def _city(snap: Snapshot, text: str | None) -> tuple[EntityRef | None, bool]:
    if not text:
        return None, True
    head = lookup(snap, text, kinds=["city"])
    return head.entity, head.status == "ok"


def _clusters(snap: Snapshot, city: EntityRef | None, sector: str | None) -> list[str]:
    return [c.name for c in snap.clusters.values()
            if (city is None or c.city == city.name) and (not sector or c.sector == sector)]


@tool
def rank(inp: RankInput, settings: Settings) -> RankOutput:
    """Top or bottom N clusters (or counties) by a metric in a year, optionally within a city or a sector.
    Use for "营收前十的集群", "滁州各县集群营收排名", "研发投入强度最低的5个集群".
    """
    snap = snapshot(settings)
    if inp.metric not in snap.metrics:
        return RankOutput(status="unknown_metric", metric=inp.metric)
    city, ok = _city(snap, inp.city)
    if not ok:
        return RankOutput(status="unknown_city", metric=inp.metric)
    year = inp.year or snap.latest_year(inp.metric)
    if year is None:
        return RankOutput(status="no_data", metric=inp.metric)
    names = _clusters(snap, city, inp.sector)
    groups: dict[str, list[str]] = {}
    for name in names:
        cluster = snap.clusters[name]
        key = {"cluster": name, "county": cluster.county, "city": cluster.city}[inp.level]
        groups.setdefault(key, []).append(name)
    raw = []
    for key, members in groups.items():
        if inp.level == "cluster":
            found = snap.value(key, inp.metric, year)
            value = found.value if found else None
        else:
            total = group_value(snap, members, inp.metric, year)
            value = total[0] if total else None
        if value is not None:
            raw.append((key, value))
    sign = -1 if inp.order == "desc" else 1
    raw.sort(key=lambda item: (sign * item[1], item[0]))
    figures: list[tuple[EntityRef, Figure]] = []
    for key, _value in raw[: inp.n]:
        ref = snap.ref(inp.level, key)
        fig = snap.figure(key, inp.metric, year) if inp.level == "cluster" else group_figure(
            snap, ref, groups[key], inp.metric, year)
        if fig is not None:  # every ranked key has a value that year, so it has a figure
            figures.append((ref, fig))
    items = [RankItem(position=i + 1, entity=e, figure=f) for i, (e, f) in enumerate(figures)]
    return RankOutput(status="ok" if items else "no_data", metric=inp.metric, year=year, total=len(raw),
                      items=items, city=city, demo=any(i.figure.demo for i in items))


class CountiesBelowInput(BaseModel):
    threshold: float = Field(default=100, gt=0, description="Revenue tier in 亿元 (100 = 百亿级)")
    year: int | None = Field(default=None, description="Default: the latest year with data")
    city: str | None = Field(default=None, description="Only counties of this prefecture city")


class CountyBest(BaseModel):
    county: EntityRef
    cluster_count: int
    best: ClusterBrief | None = Field(default=None, description="Its largest cluster; None when it has none")


class CountiesBelowOutput(BaseModel):
    status: Literal["ok", "no_data", "unknown_city"] = "ok"
    threshold: float
    year: int | None = None
    clause_id: str = "2"
    total_counties: int = 0
    items: list[CountyBest] = Field(default_factory=list, description="Counties below the tier, closest first")
    demo: bool = False


@tool
def counties_below(inp: CountiesBelowInput, settings: Settings) -> CountiesBelowOutput:
    """Counties (县/县级市) without any cluster at or above a revenue tier (default 百亿级) in a year, closest
    first, with each county's largest cluster; counties with no cluster at all are listed last.
    The 2030 target of 二 is at least one 百亿级 cluster in every county. Use for "哪些县还没有百亿级集群？".
    """
    snap = snapshot(settings)
    city, ok = _city(snap, inp.city)
    if not ok:
        return CountiesBelowOutput(status="unknown_city", threshold=inp.threshold)
    year = inp.year or snap.latest_year("revenue")
    if year is None:
        return CountiesBelowOutput(status="no_data", threshold=inp.threshold)
    counties = [c for c in snap.counties.values() if city is None or c.city == city.name]
    items = []
    for county in counties:
        members = snap.clusters_by_county.get(county.name, [])
        valued = [(v.value, m) for m in members if (v := snap.value(m, "revenue", year)) is not None]
        top = max(valued) if valued else None
        if top and top[0] >= inp.threshold:
            continue
        best = brief(snap, top[1], year) if top else None
        items.append(CountyBest(county=snap.ref("county", county.name), cluster_count=len(members), best=best))
    items.sort(key=lambda i: (i.best is None or i.best.revenue is None,
                              -(i.best.revenue.value if i.best and i.best.revenue else 0), i.county.name))
    return CountiesBelowOutput(threshold=inp.threshold, year=year, total_counties=len(counties), items=items,
                               demo=any(i.best and i.best.revenue and i.best.revenue.demo for i in items))


class CrossingInput(BaseModel):
    threshold: float = Field(default=100, gt=0, description="Revenue tier in 亿元")
    year: int | None = Field(default=None, description="Year of the crossing; default the latest year")
    direction: Literal["up", "down", "both"] = Field(default="up", description="up = newly reached the tier")


class Crossing(BaseModel):
    cluster: EntityRef
    direction: Literal["up", "down"]
    previous: Figure
    current: Figure


class CrossingOutput(BaseModel):
    threshold: float
    year: int | None
    items: list[Crossing] = Field(default_factory=list)
    demo: bool = False


@tool
def crossings(inp: CrossingInput, settings: Settings) -> CrossingOutput:
    """Clusters whose revenue crossed a tier (default 百亿级) in a year compared with the year before:
    up = below last year, at or above this year; down = the reverse. Use for "今年新晋百亿级集群有哪些？".
    """
    snap = snapshot(settings)
    year = inp.year or snap.latest_year("revenue")
    if year is None:
        return CrossingOutput(threshold=inp.threshold, year=None)
    items = []
    for name in sorted(snap.clusters):
        now_v, before_v = snap.value(name, "revenue", year), snap.value(name, "revenue", year - 1)
        if now_v is None or before_v is None:
            continue
        if not (before_v.value < inp.threshold <= now_v.value or now_v.value < inp.threshold <= before_v.value):
            continue
        now, before = snap.figure(name, "revenue", year), snap.figure(name, "revenue", year - 1)
        if now is None or before is None:
            continue
        up = before.value < inp.threshold <= now.value
        down = now.value < inp.threshold <= before.value
        if (up and inp.direction in ("up", "both")) or (down and inp.direction in ("down", "both")):
            items.append(Crossing(cluster=snap.ref("cluster", name), direction="up" if up else "down",
                                  previous=before, current=now))
    items.sort(key=lambda c: -c.current.value)
    return CrossingOutput(threshold=inp.threshold, year=year, items=items, demo=any(c.current.demo for c in items))


class GrowthInput(BaseModel):
    metric: str = Field(default="revenue")
    year: int | None = Field(default=None, description="Growth from year-1 to year; default the latest year")
    n: int = Field(default=10, ge=1, le=100)
    order: Order = Field(default="desc", description="desc = fastest growth first, asc = slowest / declining first")
    city: str | None = None
    sector: str | None = None
    entity: str | None = Field(default=None, description="One cluster, county or city: its growth for every year")


class GrowthItem(BaseModel):
    entity: EntityRef
    previous: Figure
    current: Figure
    growth: float = Field(description="current / previous - 1 (fraction)")


class GrowthOutput(EntityLookup):
    metric: str = "revenue"
    year: int | None = None
    items: list[GrowthItem] = Field(default_factory=list)


@tool
def growth(inp: GrowthInput, settings: Settings) -> GrowthOutput:
    """Year-on-year growth of a metric: a ranking of clusters (fastest or slowest first, optionally in a city or
    sector), or, with `entity`, that cluster's, county's or city's growth in every year.
    Use for "增长最快的集群", "哪些集群营收下降了", "天长市历年增速".
    """
    snap = snapshot(settings)
    if inp.entity:
        head = lookup(snap, inp.entity)
        entity = head.entity
        if head.status != "ok" or entity is None:
            return GrowthOutput(**head.model_dump(), metric=inp.metric)
        members = member_clusters(snap, entity)
        figs = {y: group_figure(snap, entity, members, inp.metric, y) for y in snap.years(inp.metric)}
        items = []
        for y, fig in sorted(figs.items()):
            prev = figs.get(y - 1)
            rate = yoy(prev.value if prev else None, fig.value if fig else None)
            if rate is not None and prev is not None and fig is not None:
                items.append(GrowthItem(entity=entity, previous=prev, current=fig, growth=rate))
        return GrowthOutput(status="ok" if items else "no_data", entity=entity, metric=inp.metric,
                            year=items[-1].current.year if items else None, items=items,
                            demo=any(i.current.demo for i in items))
    city, ok = _city(snap, inp.city)
    year = inp.year or snap.latest_year(inp.metric)
    if not ok or year is None:
        return GrowthOutput(status="not_found" if not ok else "no_data", metric=inp.metric)
    raw = []
    for name in _clusters(snap, city, inp.sector):
        now, before = snap.value(name, inp.metric, year), snap.value(name, inp.metric, year - 1)
        rate = yoy(before.value if before else None, now.value if now else None)
        if rate is not None:
            raw.append((-rate if inp.order == "desc" else rate, name, rate))
    raw.sort()
    items = []
    for _, name, rate in raw[: inp.n]:
        previous, current = snap.figure(name, inp.metric, year - 1), snap.figure(name, inp.metric, year)
        if previous is not None and current is not None:  # both exist: the rate was computed from them
            items.append(GrowthItem(entity=snap.ref("cluster", name), previous=previous, current=current,
                                    growth=rate))
    return GrowthOutput(status="ok" if items else "no_data", metric=inp.metric, year=year, items=items,
                        demo=any(i.current.demo for i in items))
