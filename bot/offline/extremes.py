"""The largest (or fastest-growing, or smallest) clusters inside a city, a county, a sector or a named group, and
the county of a city with the largest total."""

from __future__ import annotations

from clusterbot.bot.offline.execute_base import (
    Result,
    Subject,
    computed,
    scope_clusters,
    unit_of,
    year_of,
)
from clusterbot.bot.offline.query import Part
from clusterbot.tools.growth import cagr, yoy
from clusterbot.tools.snapshot import PROVINCE, Snapshot


def extreme(snap: Snapshot, part: Part) -> Result:
    """The largest (or fastest-growing, or smallest) clusters inside a city, a county or a sector."""
    res = Result(part.op)
    metric = part.measure.metric
    name, unit = unit_of(snap, metric)
    latest = snap.latest_year(metric) or 0
    members = scope_clusters(snap, part)
    rows = []
    if part.members == "counties":
        return _extreme_counties(snap, part, members, latest)
    if part.measure.growth:
        window = part.time.kind == "window" and part.time.start is not None and part.time.end is not None
        start = part.time.start if window else None
        end: int = (part.time.end or latest) if window else year_of(part, latest)
        for c in members:
            series = {y: v.value for y, v in snap.series(c, metric).items()}
            if start is None:
                rate = yoy(series.get(end - 1), series.get(end))
                if start is None and rate is None:
                    continue
                first_year = end - 1
            else:
                rate = cagr(series.get(start, 0), series.get(end, 0), end - start) if start in series and end in series \
                    else None
                first_year = start
            if rate is not None:
                rows.append((c, rate * 100, first_year, end))
        res.assumptions.append("window" if start is not None else "yoy")
    else:
        year = year_of(part, latest)
        for c in members:
            v = snap.value(c, metric, year)
            if v is not None:
                rows.append((c, v.value, None, year))
    rows.sort(key=lambda r: (r[1], r[0]) if part.op == "argmin" else (-r[1], r[0]))
    n = part.n or 1
    chosen = rows[:n]
    if not chosen:
        res.missing.append(part.scope.within or PROVINCE)
        return res
    out = []
    for c, value, first_year, year in chosen:
        info = snap.clusters[c]
        fig = snap.figure(c, metric, year)
        if fig is not None:
            res.facts.append(fig.to_fact())
            res.vintage = fig.vintage
        if part.measure.growth:
            res.facts.append(computed(f"{name}增速", value, "%", c, year, bool(fig and fig.demo)))
            base = snap.figure(c, metric, first_year) if first_year else None
            if base is not None:
                res.facts.append(base.to_fact())
        out.append({"cluster": c, "invented": info.invented, "county": info.county, "value": value,
                    "figure": fig, "from": first_year, "year": year})
    others = []
    if part.n is None and len(rows) <= 3:  # two or three compared: the others' figures too (哪个高些)
        for c, value, _first, year in rows[1:]:
            fig = snap.figure(c, metric, year)
            if fig is not None:
                res.facts.append(fig.to_fact())
            if part.measure.growth:
                res.facts.append(computed(f"{name}增速", value, "%", c, year, bool(fig and fig.demo)))
            others.append({"cluster": c, "invented": snap.clusters[c].invented, "value": value})
    res.facts.append(computed("参与比较的集群数", len(rows), "个", part.scope.within or PROVINCE, None,
                               any(f.demo for f in res.facts), 0))
    res.named = [("cluster", r["cluster"]) for r in [*out, *others]]  # "第二个" may point at one shown beside the top
    res.values.update(rows=out, others=others, within=part.scope.within or ("" if part.scope.kind == "filter" else PROVINCE),
                      growth=part.measure.growth, metric_name=name,
                      unit=unit, compared=len(rows), ascending=part.op == "argmin", sector=part.scope.sector)
    return res


def _extreme_counties(snap: Snapshot, part: Part, members: list[str], latest: int) -> Result:
    """The county (县/县级市) of a city with the largest (smallest) total of its clusters."""
    res = Result("argmax_county")
    metric = part.measure.metric
    name, unit = unit_of(snap, metric)
    year = year_of(part, latest)
    counties = sorted({snap.clusters[c].county for c in members})
    rows = []
    for county in counties:
        s = Subject(snap, "county", county, sorted(snap.clusters_by_county.get(county, [])))
        fig = s.fact(metric, year)
        if fig is not None:
            rows.append((county, fig))
    rows.sort(key=lambda r: (r[1].value, r[0]) if part.op == "argmin" else (-r[1].value, r[0]))
    chosen = rows[: part.n or 1]
    if not chosen:
        res.missing.append(part.scope.within or PROVINCE)
        return res
    for _county, fig in chosen:
        res.facts.append(fig)
        res.vintage = fig.vintage
    res.facts.append(computed("参与比较的县（市）数", len(rows), "个", part.scope.within or PROVINCE, None,
                               chosen[0][1].demo, 0))
    res.named = [("county", c) for c, _ in chosen]
    res.values.update(rows=[{"county": c, "figure": f} for c, f in chosen], within=part.scope.within or PROVINCE,
                      compared=len(rows), ascending=part.op == "argmin", metric_name=name, unit=unit, year=year)
    return res
