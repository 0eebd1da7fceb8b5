"""Totals, counts and rankings over many clusters: the province's or a place's total and share, counts at a
level, several places added up, cities ranked."""



from clusterbot.bot.offline.execute_base import (
    Result,
    computed,
    num,
    scope_clusters,
    subject,
    unit_of,
    year_of,
)
from clusterbot.bot.offline.query import Part
from clusterbot.models import Fact
from clusterbot.tools.aggregate import group_value, provenance, ranking
from clusterbot.tools.snapshot import PROVINCE, Snapshot


def province_count(snap: Snapshot, part: Part) -> Result:
    """How many clusters of the province stand at or above a level (or in all) in a year."""
    res = Result("count")
    metric = part.measure.metric
    year = year_of(part, snap.latest_year(metric) or 0)
    level = part.level
    members = []
    scope = scope_clusters(snap, part)
    for c in scope:
        v = snap.value(c, metric, year)
        # a band between two levels holds its lower end, not its upper one (300亿 is of the 300亿 tier)
        if level is None or (v is not None and v.value >= level and (part.upper is None or v.value < part.upper
                                                                      or v.value == part.upper == level)):
            before = snap.value(c, metric, year - 1)
            if part.newly and level is not None and (before is None or before.value >= level):
                continue  # "新迈入": below the level the year before
            members.append(c)
    demo = any(v.demo for c in scope if (v := snap.value(c, metric, year)) is not None)
    members.sort(key=lambda c: -(v.value if (v := snap.value(c, metric, year)) is not None else 0))
    counties = sorted({snap.clusters[c].county for c in members})
    if part.members == "counties":
        res.facts.append(computed("县（市）个数", len(counties), "个", PROVINCE, year, demo, 0))
    res.facts.append(computed("集群个数", len(members), "个", PROVINCE, year, demo, 0))
    listed = []
    few = level is not None and 0 < len(members) <= 5 and part.members == "clusters"  # a handful: name them
    if (part.list_names and len(members) <= 30) or (part.scope.within and len(members) <= 10) or few:
        for c in members:
            fig = snap.figure(c, metric, year)
            if fig is not None:
                res.facts.append(fig.to_fact())
            listed.append({"cluster": c, "invented": snap.clusters[c].invented, "figure": fig})
    name, unit = unit_of(snap, metric)
    where = part.scope.within or PROVINCE
    if level is not None:
        res.facts.append(computed("所问水平", level, unit, where, None, demo, 2))
    res.facts.append(computed("集群总数", len(scope), "个", where, year, demo, 0))
    if part.upper is not None:
        res.facts.append(computed("所问上限", part.upper, unit_of(snap, metric)[1], part.scope.within or PROVINCE,
                                  None, demo, 2))
    res.values.update(count=len(members), level=level, upper=part.upper, year=year, total=len(scope), listed=listed,
                      counties=len(counties) if part.members == "counties" else None,
                      all_counties=len(snap.counties), within=part.scope.within, sector=part.scope.sector,
                      metric_name=name, unit=unit, newly=part.newly)
    res.vintage = snap.data_vintage.split(":")[-1] if ":" in snap.data_vintage else None
    return res


def _check(res: Result, part: Part, value: float, unit: str, entity: str, year: int, demo: bool) -> None:
    """A total checked against the amount the asker names (够1200家了没): reached or not, and by how much."""
    res.values.update(check=part.check, meets=None)
    if part.check is None:
        return
    res.values["meets"] = value >= part.check
    res.facts.append(computed("所问数额", part.check, unit, entity, None, demo))
    if value < part.check:
        res.facts.append(computed("差额", part.check - value, unit, entity, year, demo))


def place_total(snap: Snapshot, part: Part) -> Result:
    """A city's or county's total over its clusters, and its share of the province's total."""
    res = Result("place_total")
    metric = part.measure.metric
    year = year_of(part, snap.latest_year(metric) or 0)
    name, unit = unit_of(snap, metric)
    s = subject(snap, part.scope.entities[0])
    fig = s.fact(metric, year)
    whole = group_value(snap, list(snap.clusters), metric, year)
    if fig is None or whole is None or metric in ("rd_intensity",):
        res.missing.append(f"{s.name} {year}年{name}")
        return res
    share = num(fig) / whole[0] * 100 if whole[0] and part.share else None
    before = s.fact(metric, year - 1)
    change = None
    if before is not None and num(before) > 0:
        change = num(fig) - num(before)
        res.facts += [before, computed(f"{name}比上年变化", change, unit, s.name, year, fig.demo),
                      computed(f"{name}比上年增速", (num(fig) / num(before) - 1) * 100, "%", s.name, year, fig.demo)]
    res.facts += [fig, Fact(name=f"全省集群{name}合计", value=round(whole[0], 1), unit=unit, year=year, entity=PROVINCE,
                            source=fig.source, demo=fig.demo, vintage=fig.vintage)]
    if share is not None:
        res.facts.append(computed(f"占全省集群{name}比重", share, "%", s.name, year, fig.demo))
    _check(res, part, num(fig), unit, s.name, year, fig.demo)
    res.values.update(subject=s.name, fig=fig, whole=whole[0], share=share, year=year, metric_name=name, unit=unit,
                      clusters=len(s.clusters), change=change,
                      rate=None if before is None or not num(before) else (num(fig) / num(before) - 1) * 100)
    res.vintage = fig.vintage
    return res


def combined(snap: Snapshot, part: Part) -> Result:
    """Several named places or clusters added up in one year (ratios such as R&D intensity are not added)."""
    res = Result("combined")
    metric = part.measure.metric
    name, unit = unit_of(snap, metric)
    year = year_of(part, snap.latest_year(metric) or 0)
    info = snap.metrics.get(metric)
    if info is not None and info.unit == "%":
        res.missing.append(f"{name}（比率不能相加）")
        return res
    rows = []
    for e in part.scope.entities:
        s = subject(snap, e)
        fig = s.fact(metric, year)
        if fig is None:
            res.missing.append(f"{s.name} {year}年{name}")
            return res
        rows.append({"subject": s.name, "invented": s.invented, "figure": fig})
        res.facts.append(fig)
    total = sum(num(r["figure"]) for r in rows)
    res.facts.append(computed(f"{name}合计", total, unit, "、".join(r["subject"] for r in rows), year,
                               any(r["figure"].demo for r in rows)))
    res.values.update(rows=rows, total=total, year=year, metric_name=name, unit=unit)
    res.vintage = rows[0]["figure"].vintage if rows else None
    res.named = [(e.kind, e.name) for e in part.scope.entities]
    return res


def province_total(snap: Snapshot, part: Part) -> Result:
    """The province's actual total of a metric over its clusters in a year, and its change on the year before."""
    if part.scope.kind == "entities" and part.scope.entities:
        return place_total(snap, part)
    res = Result("aggregate")
    metric = part.measure.metric
    year = year_of(part, snap.latest_year(metric) or 0)
    clusters = scope_clusters(snap, part) if part.scope.sector else list(snap.clusters)
    name, unit = unit_of(snap, metric)
    found = group_value(snap, clusters, metric, year)
    if found is None:
        res.missing.append(f"{year}年{name}")
        return res
    value, rows = found
    source, vintage, demo = provenance(rows)
    label = f"全省{part.scope.sector}类集群" if part.scope.sector else "全省集群"
    res.facts.append(Fact(name=f"{label}{name}合计", value=round(value, 1), unit=unit, year=year, entity=PROVINCE,
                          source=source, demo=demo, vintage=vintage or None))
    before = group_value(snap, clusters, metric, year - 1)
    change = delta = None
    if before is not None and before[0] > 0:
        change = (value / before[0] - 1) * 100
        delta = value - before[0]
        res.facts.append(computed(f"{label}{name}比上年变化", delta, unit, PROVINCE, year, demo))
        res.facts.append(Fact(name=f"{label}{name}合计", value=round(before[0], 1), unit=unit, year=year - 1,
                              entity=PROVINCE, source=source, demo=demo, vintage=vintage or None))
        res.facts.append(computed(f"{label}{name}增速", change, "%", PROVINCE, year, demo))
    res.facts.append(computed("集群个数", len(rows), "个", PROVINCE, year, demo, 0))
    sector_share = None
    if part.scope.sector and part.share:  # a sector's part of all the clusters' total
        whole = group_value(snap, list(snap.clusters), metric, year)
        if whole is not None and whole[0]:
            sector_share = value / whole[0] * 100
            res.facts.append(Fact(name=f"全省集群{name}合计", value=round(whole[0], 1), unit=unit, year=year,
                                  entity=PROVINCE, source=source, demo=demo, vintage=vintage or None))
            res.facts.append(computed(f"{part.scope.sector}类占全省集群{name}比重", sector_share, "%", PROVINCE, year,
                                      demo))
    res.values.update(sector=part.scope.sector, sector_share=sector_share)
    trade = snap.province_totals.get(("province_trade_total", year)) if metric == "exports" else None
    share = value / trade.value * 100 if trade and trade.value else None
    if trade is not None and share is not None:
        res.facts.append(Fact(name="全省货物进出口总额", value=trade.value, unit=trade.unit, year=year, entity=PROVINCE,
                              source=trade.source, demo=trade.demo))
        res.facts.append(computed("集群进出口占全省比重", share, "%", PROVINCE, year, demo))
    _check(res, part, value, unit, PROVINCE, year, demo)
    res.values.update(value=value, year=year, metric_name=name, unit=unit, count=len(rows), change=change,
                      delta=None if metric == "rd_intensity" else delta,
                      weighted=metric == "rd_intensity", share=share, trade=trade.value if trade else None)
    res.vintage = vintage or None
    return res


def city_rank(snap: Snapshot, part: Part) -> Result:
    """Cities ranked by the total of their clusters."""
    res = Result("city_rank")
    metric = part.measure.metric
    year = year_of(part, snap.latest_year(metric) or 0)
    name, unit = unit_of(snap, metric)
    rows = ranking(snap, "city", metric, year)
    if part.measure.growth:  # ranked by the growth of the city's total on the year before
        before = dict(ranking(snap, "city", metric, year - 1))
        rows = sorted(((c, (v / before[c] - 1) * 100) for c, v in rows if before.get(c)), key=lambda r: (-r[1], r[0]))
    if part.ascending:
        rows = list(reversed(rows))
    shown = rows[: part.n] if part.n else rows
    demo = any(f.demo for f in [snap.figure(c, metric, year) for c in snap.clusters] if f is not None)
    for i, (city, value) in enumerate(shown, 1):
        if part.measure.growth:
            res.facts.append(computed(f"集群{name}合计增速", value, "%", city, year, demo))
        else:
            res.facts.append(Fact(name=f"集群{name}合计", value=round(value, 1), unit=unit, year=year, entity=city,
                                  source="demo" if demo else "computed", demo=demo))
        res.facts.append(computed("名次", i, "名", city, year, demo, 0))
    res.facts.append(computed("地级市个数", len(rows), "个", PROVINCE, year, demo, 0))
    res.values.update(rows=[{"city": c, "value": v} for c, v in shown], year=year, metric_name=name, unit=unit,
                      total=len(rows), ascending=part.ascending, growth=part.measure.growth)
    return res
