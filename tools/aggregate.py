"""Figures for groups of clusters (a county, a city, the province), with combined provenance."""

from __future__ import annotations

from clusterbot.tools.models import EntityRef, Figure
from clusterbot.tools.snapshot import Snapshot, Value

# metrics that do not add up across clusters: R&D intensity is revenue-weighted, the five-one
# count is turned into a coverage rate by province_progress
WEIGHTED = {"rd_intensity"}
NOT_ADDITIVE = {"five_one_count"}


def member_clusters(snap: Snapshot, entity: EntityRef) -> list[str]:
    if entity.kind == "cluster":
        return [entity.name]
    if entity.kind == "county":
        return sorted(snap.clusters_by_county.get(entity.name, []))
    return sorted(c.name for c in snap.clusters.values() if c.city == entity.name)


def provenance(values: list[Value]) -> tuple[str, str, bool]:
    """(source, vintage, demo) of a figure computed from several rows."""
    sources = sorted({v.source for v in values})
    vintages = sorted({v.vintage for v in values})
    return "、".join(sources), vintages[-1] if vintages else "", any(v.demo for v in values)


def group_value(snap: Snapshot, clusters: list[str], metric: str, year: int) -> tuple[float, list[Value]] | None:
    """Sum (or revenue-weighted mean) of a metric over clusters in a year; None without data."""
    rows = [(c, snap.value(c, metric, year)) for c in clusters]
    rows = [(c, v) for c, v in rows if v is not None]
    if not rows or metric in NOT_ADDITIVE:
        return None
    values = [v for _, v in rows]
    if metric in WEIGHTED:
        weights = [(snap.value(c, "revenue", year), v) for c, v in rows]
        weights = [(w, v) for w, v in weights if w is not None and w.value > 0]
        total = sum(w.value for w, _ in weights)
        if not total:
            return None
        return sum(w.value * v.value for w, v in weights) / total, values + [w for w, _ in weights]
    return sum(v.value for v in values), values


def group_figure(snap: Snapshot, entity: EntityRef, clusters: list[str], metric: str, year: int) -> Figure | None:
    """The entity's figure: a cluster's own value, or the group value of its clusters (memoised)."""
    if entity.kind == "cluster":
        return snap.figure(entity.name, metric, year)
    memo = snap.cache.setdefault("group_figures", {})
    key = (entity.kind, entity.name, tuple(clusters), metric, year)
    if key not in memo:
        found = group_value(snap, clusters, metric, year)
        if found is None:
            memo[key] = None
        else:
            value, rows = found
            source, vintage, demo = provenance(rows)
            memo[key] = snap.make_figure(metric, value, year, entity.name, entity.kind, source, vintage, demo)
    return memo[key]


def ranking(snap: Snapshot, level: str, metric: str, year: int, within_city: str | None = None) -> list[tuple[str, float]]:
    """(entity name, value) sorted descending, for clusters, counties or cities with data (memoised)."""
    memo = snap.cache.setdefault("rankings", {})
    key = (level, metric, year, within_city)
    if key not in memo:
        memo[key] = _ranking(snap, level, metric, year, within_city)
    return memo[key]


def _ranking(snap: Snapshot, level: str, metric: str, year: int, within_city: str | None) -> list[tuple[str, float]]:
    groups: dict[str, list[str]] = {}
    for cluster in snap.clusters.values():
        if within_city and cluster.city != within_city:
            continue
        key = {"cluster": cluster.name, "county": cluster.county, "city": cluster.city}[level]
        groups.setdefault(key, []).append(cluster.name)
    out = []
    for name, members in groups.items():
        found = group_value(snap, members, metric, year)
        if found is not None:
            out.append((name, found[0]))
    return sorted(out, key=lambda item: (-item[1], item[0]))
