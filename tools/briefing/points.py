"""要点: the three to five findings a leader reads first, each with its number and its clause.

1. who is nearest the next tier and what growth it needs (gap_to_target rows);
2. who is falling (profile growth, gap_to_target's projection);
3. where the place stands against the 2025/2027/2030 targets (the target lines, counted);
4. which tasks are behind (the tasks whose rules fired);
5. (city, province) the counties still without a 百亿级 cluster (counties_below).
Every value is a tool output already in the content; this module only chooses and words them.
"""

from __future__ import annotations

from clusterbot.messages import msg
from clusterbot.tools.briefing import numbers
from clusterbot.tools.briefing.model import ClusterRow, Content, GapRow, Reason, display_name
from clusterbot.tools.briefing.targets import short_target

HORIZON = 2035  # projections past this year are said as 2035 年前难以达到
NEAREST_SHOWN = 3  # province: the clusters nearest to the next tier, named
TIER_CLAUSE = "brief.cite.text"  # the tiers and their counts are targets of 二


def _required_text(gap: GapRow) -> str:
    parts = []
    for required in gap.required:
        if required.target_year_passed or required.required_cagr is None:
            continue
        rate = numbers.rate(required.required_cagr)
        parts.append(msg("brief.point.required_zero" if rate == numbers.rate(0.0) else "brief.point.required",
                         year=required.target_year, rate=rate))
    return "，".join(parts)


def projection(gap: GapRow) -> str:
    """When the cluster reaches its tier at its recent pace, in words; past 2035 it is not a year."""
    if gap.projected_year is not None and gap.projected_year <= HORIZON:
        return msg("brief.point.projected", year=gap.projected_year)
    return msg("brief.point.beyond", horizon=HORIZON, tier=gap.threshold_label)


def _nearest(content: Content) -> Reason | None:
    if not content.gaps:
        return None
    ranked = sorted(content.gaps, key=lambda g: g.gap / g.threshold)
    if content.kind == "province":
        names = "、".join(msg("brief.point.named_gap", cluster=display_name(g.cluster), gap=numbers.amount(g.gap, "亿元"))
                         for g in ranked[:NEAREST_SHOWN])
        return Reason(key="brief.point.nearest_province", values={
            "tier": ranked[0].threshold_label, "names": names, "cite": msg(TIER_CLAUSE)})
    g = ranked[0]
    return Reason(key="brief.point.nearest", values={
        "cluster": display_name(g.cluster), "tier": g.threshold_label, "year": str(g.latest.year),
        "value": numbers.figure_amount(g.latest), "gap": numbers.amount(g.gap, "亿元"), "required": _required_text(g),
        "recent": numbers.change(g.recent_cagr), "projection": projection(g), "cite": msg(TIER_CLAUSE)})


def _falling(content: Content) -> Reason | None:
    falling = sorted((r for r in content.clusters if r.growth is not None and r.growth < 0), key=lambda r: r.growth or 0)
    if not falling:
        return None
    gaps = {g.cluster.name: g for g in content.gaps}
    if content.kind == "province":
        worst = falling[0]
        return Reason(key="brief.point.falling_province", values={
            "count": str(len(falling)), "total": str(len(content.clusters)), "cluster": display_name(worst.cluster),
            "change": numbers.change(worst.growth)})
    parts = [_falling_one(row, gaps.get(row.cluster.name)) for row in falling]
    return Reason(key="brief.point.falling", values={"items": "；".join(parts)})


def _falling_one(row: ClusterRow, gap: GapRow | None) -> str:
    text = msg("brief.point.falling_one", cluster=display_name(row.cluster), change=numbers.change(row.growth),
               recent=numbers.change(row.recent_cagr))
    return text + ("，" + projection(gap) if gap is not None else "")


def _targets(content: Content) -> Reason | None:
    if content.kind != "province":
        return _local_targets(content)
    lines = [t for t in content.targets if t.item.target_value is not None]
    if not lines:
        return None
    met = sum(1 for t in lines if t.item.status == "met")
    behind = sum(1 for t in lines if t.item.status == "off_track")
    years = "、".join(str(y) for y in sorted({t.item.target_year for t in lines}))
    worst = max((t for t in lines if t.item.status == "off_track"), key=_shortfall, default=None)
    values = {"years": years, "total": str(len(lines)), "met": str(met), "behind": str(behind),
              "place": "全省" if content.kind == "province" else content.name}
    if worst is None:
        return Reason(key="brief.point.targets_all", values=values)
    values.update({"name": worst.item.name, "target": short_target(worst.item),
                   "target_year": str(worst.item.target_year), "cite": worst.label})
    return Reason(key="brief.point.targets", values=values)


def _local_targets(content: Content) -> Reason | None:
    """A county's, city's or cluster's own standing, one clause per indicator (the lines carry it once)."""
    items = [msg(r.key, **r.values) for t in content.targets for r in t.local]
    if not items:
        return None
    place = display_name(content.entity) if content.kind == "cluster" and content.entity else content.name
    return Reason(key="brief.point.local", values={"place": place, "items": "；".join(items)})


def _shortfall(line) -> float:
    item = line.item
    if item.target_value in (None, 0) or item.gap is None:
        return 0.0
    return item.gap / item.target_value


def _tasks(content: Content) -> Reason | None:
    if not content.tasks:
        return None
    names = "、".join(msg("brief.point.task", title=t.title, cite=msg("brief.cite.clause", label=t.label))
                     for t in content.tasks)
    return Reason(key="brief.point.tasks", values={"count": str(len(content.tasks)), "names": names})


def _counties(content: Content) -> Reason | None:
    if content.kind != "province" or content.counties_total is None:  # a city's is in its own standing
        return None
    return Reason(key="brief.point.counties", values={
        "scope": "全省" if content.kind == "province" else "全市", "total": str(content.counties_total),
        "without": str(len(content.counties_without_100)), "cite": msg(TIER_CLAUSE)})


def key_points(content: Content) -> list[Reason]:
    """Three to five findings in the order above; the ones with nothing to say are left out."""
    found = [_nearest(content), _falling(content), _targets(content), _counties(content), _tasks(content)]
    return [p for p in found if p is not None][:5]
