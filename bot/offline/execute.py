"""The executor: one function per operation of a Part, over the in-memory indicator snapshot.

Each returns a `Result`: the values its template shows, the facts behind every number (with entity,
measure, year and role), the assumptions it made and what it could not find. A new operation is one
function registered in OPERATIONS, one template pair under prompts/templates/answer/ops/ and its tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from clusterbot.bot.offline.query import EntityName, Part
from clusterbot.models import Fact
from clusterbot.tools.aggregate import group_value, member_clusters, provenance, ranking
from clusterbot.tools.growth import cagr, crossing_year, yoy
from clusterbot.tools.snapshot import PROVINCE, Snapshot


@dataclass
class Result:
    op: str
    values: dict[str, Any] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # what the data does not hold, named for the asker
    vintage: str | None = None
    named: list[tuple[str, str]] = field(default_factory=list)  # what the answer lists, in order (for 它/第二个)

    @property
    def answered(self) -> bool:
        return not self.missing


class Subject:
    """A place, a cluster or a group of clusters, with its figures by year."""

    def __init__(self, snap: Snapshot, kind: str, name: str, clusters: list[str]) -> None:
        self.snap, self.kind, self.name, self.clusters = snap, kind, name, clusters
        info = snap.clusters.get(name)
        self.invented = bool(info and info.invented)

    def value(self, metric: str, year: int) -> float | None:
        found = group_value(self.snap, self.clusters, metric, year)
        return None if found is None else found[0]

    def fact(self, metric: str, year: int, role: str = "") -> Fact | None:
        found = group_value(self.snap, self.clusters, metric, year)
        if found is None:
            return None
        value, rows = found
        source, vintage, demo = provenance(rows)
        info = self.snap.metrics.get(metric)
        name = info.name if info else metric
        return Fact(name=f"{name}{role}", value=round(value, max(info.decimals if info else 1, 1)),
                    unit=info.unit if info else "", year=year, entity=self.name, source=source, demo=demo,
                    vintage=vintage or None)

    def series(self, metric: str) -> dict[int, float]:
        years = sorted({y for c in self.clusters for y in self.snap.series(c, metric)})
        out = {}
        for year in years:
            v = self.value(metric, year)
            if v is not None:
                out[year] = v
        return out


def num(fact: Fact) -> float:
    """A fact's value as a number (facts built here always hold numbers)."""
    return float(fact.value)


def subject(snap: Snapshot, e: EntityName) -> Subject:
    ref = snap.ref(e.kind, e.name)
    return Subject(snap, e.kind, e.name, member_clusters(snap, ref))


def _subject_of(snap: Snapshot, part: Part) -> Subject:
    """The part's one subject: its first entity, or all the province's clusters together."""
    if part.scope.kind == "province":
        return Subject(snap, "province", PROVINCE, sorted(snap.clusters))
    return subject(snap, part.scope.entities[0])


def _computed(name: str, value: float, unit: str, entity: str, year: int | None, demo: bool, digits: int = 1) -> Fact:
    return Fact(name=name, value=round(value, digits), unit=unit, year=year, entity=entity, source="computed",
                demo=demo)


def _unit(snap: Snapshot, metric: str) -> tuple[str, str]:
    info = snap.metrics.get(metric)
    return (info.name, info.unit) if info else (metric, "")


def project(snap: Snapshot, part: Part) -> Result:
    """The year a stated yearly rate takes a subject to a level, or its value in a given year at that rate."""
    s = _subject_of(snap, part)
    metric, rate = part.measure.metric, part.rate or 0.0
    latest = max(s.series(metric), default=None)
    res = Result("project")
    if latest is None:
        res.missing.append(s.name)
        return res
    base = s.fact(metric, latest)
    assert base is not None
    res.facts.append(base)
    res.facts.append(_computed("假定年增速", rate * 100, "%", s.name, None, base.demo))
    name, unit = _unit(snap, metric)
    res.values.update(subject=s.name, invented=s.invented, base=base, rate=rate * 100, metric_name=name, unit=unit,
                      level=part.level, year=None, reached=None, value_at=None, by_year=False, meets=None)
    if part.level is not None and part.time.kind == "year" and part.time.year is not None:
        # "每年涨8%，2027年能到1.4万亿吗": the value that year against the level
        value = num(base) * (1 + rate) ** (part.time.year - latest)
        res.values.update(year=part.time.year, value_at=value, meets=value >= part.level, by_year=True)
        res.facts += [_computed(f"按假定增速{part.time.year}年{name}", value, unit, s.name, part.time.year, base.demo),
                      _computed("所问水平", part.level, unit, s.name, None, base.demo)]
        if value < part.level:
            res.facts.append(_computed("差额", part.level - value, unit, s.name, part.time.year, base.demo))
    elif part.level is not None:
        year = crossing_year(num(base), latest, part.level, rate) if rate > 0 or num(base) >= part.level else None
        res.values.update(year=year, reached=num(base) >= part.level)
        res.facts.append(_computed("所问水平", part.level, unit, s.name, None, base.demo))
        if year is not None:
            res.facts.append(_computed("按假定增速达到年份", year, "年", s.name, None, base.demo, 0))
    elif part.time.year is not None:
        years = part.time.year - latest
        value = num(base) * (1 + rate) ** years
        res.values.update(year=part.time.year, value_at=value)
        res.facts.append(_computed(f"按假定增速{part.time.year}年{name}", value, unit, s.name, part.time.year,
                                   base.demo))
    res.vintage = base.vintage
    return res


def window_growth(snap: Snapshot, part: Part) -> Result:
    """Average (compound) growth over a window, or the change of each of its years."""
    res = Result(part.op)
    metric = part.measure.metric
    name, unit = _unit(snap, metric)
    rows = []
    subjects = [subject(snap, e) for e in part.scope.entities] if part.scope.kind != "province" else \
        [_subject_of(snap, part)]
    for s in subjects:
        series = s.series(metric)
        start, end = part.time.start or 0, part.time.end or 0
        if start not in series or end not in series:
            have = sorted(series)
            res.missing.append(f"{s.name} {start}—{end}" if not have else f"{s.name} {start}（数据为 {have[0]}—{have[-1]} 年）"
                               if start not in series else f"{s.name} {end}")
            continue
        first, last = s.fact(metric, start), s.fact(metric, end)
        assert first is not None and last is not None
        rate = cagr(num(first), num(last), end - start)
        years = []
        for y in range(start + 1, end + 1):
            if y in series and y - 1 in series:
                change = yoy(series[y - 1], series[y])
                years.append({"year": y, "delta": series[y] - series[y - 1],
                              "rate": None if change is None else change * 100})
                res.facts.append(_computed(f"{y}年{name}增量", series[y] - series[y - 1], unit, s.name, y, first.demo))
                if change is not None:
                    res.facts.append(_computed(f"{y}年{name}增速", change * 100, "%", s.name, y, first.demo))
        res.facts += [first, last]
        if rate is not None:
            res.facts.append(_computed(f"{start}—{end}年{name}年均增速", rate * 100, "%", s.name, end, first.demo))
        mean_delta = (num(last) - num(first)) / (end - start)
        res.facts.append(_computed(f"{start}—{end}年{name}年均增量", mean_delta, unit, s.name, end, first.demo))
        rows.append({"subject": s.name, "invented": s.invented, "first": first, "last": last,
                     "rate": None if rate is None else rate * 100, "mean_delta": mean_delta, "years": years})
        res.vintage = last.vintage
    res.values.update(rows=rows, metric_name=name, unit=unit, start=part.time.start, end=part.time.end)
    return res


def series(snap: Snapshot, part: Part) -> Result:
    """Every year's value of a window (all the data's years when none is named), with each year's change."""
    res = Result("series")
    metric = part.measure.metric
    name, unit = _unit(snap, metric)
    rows = []
    for e in part.scope.entities:
        s = subject(snap, e)
        have = s.series(metric)
        years = [y for y in sorted(have) if (part.time.start is None or y >= part.time.start)
                 and (part.time.end is None or y <= part.time.end)]
        if not years:
            res.missing.append(f"{s.name} {name}")
            continue
        points = []
        for y in years:
            fig = s.fact(metric, y)
            assert fig is not None
            res.facts.append(fig)
            change = yoy(have.get(y - 1), have[y]) if y != years[0] else None
            if change is not None:  # signed: a fall is a negative rate, printed as 下降 N%
                res.facts.append(_computed(f"{y}年{name}增速", change * 100, "%", s.name, y, fig.demo))
            points.append({"year": y, "value": num(fig), "rate": None if change is None else change * 100})
            res.vintage = fig.vintage
        first, last = have[years[0]], have[years[-1]]
        trend = "up" if last > first else "down" if last < first else "flat"
        falling = all(have[b] < have[a] for a, b in zip(years, years[1:], strict=False)) and len(years) > 1
        rising = all(have[b] > have[a] for a, b in zip(years, years[1:], strict=False)) and len(years) > 1
        rows.append({"subject": s.name, "invented": s.invented, "points": points, "trend": trend,
                     "falling": falling, "rising": rising, "unit": unit})
    res.values.update(rows=rows, metric_name=name, unit=unit)
    return res


def change(snap: Snapshot, part: Part) -> Result:
    """The change of a figure between two years: the amount and the rate."""
    res = Result("change")
    metric = part.measure.metric
    name, unit = _unit(snap, metric)
    s = _subject_of(snap, part)
    start, end = part.time.start or 0, part.time.end or 0
    first, last = s.fact(metric, start), s.fact(metric, end)
    if first is None or last is None:
        res.missing.append(f"{s.name} {start if first is None else end}年{name}")
        return res
    delta = num(last) - num(first)
    rate = (num(last) / num(first) - 1) * 100 if num(first) > 0 else None
    res.facts += [first, last, _computed(f"{start}—{end}年{name}变化", delta, unit, s.name, end, last.demo)]
    if rate is not None:
        res.facts.append(_computed(f"{start}—{end}年{name}增速", rate, "%", s.name, end, last.demo))
    res.values.update(subject=s.name, invented=s.invented, first=first, last=last, delta=delta, rate=rate,
                      metric_name=name, unit=unit, start=start, end=end)
    res.vintage = last.vintage
    return res


def crossed_year(snap: Snapshot, part: Part) -> Result | None:
    """The first year a subject's figure stood at or above the level; None when it has not (a projection)."""
    s = subject(snap, part.scope.entities[0])
    metric, level = part.measure.metric, part.level or 0.0
    series = s.series(metric)
    above = [y for y in sorted(series) if series[y] >= level]
    if not above or series[max(series)] < level:
        return None
    first = above[0]
    res = Result("crossed_year")
    fact = s.fact(metric, first)
    assert fact is not None
    before = s.fact(metric, first - 1) if first - 1 in series else None
    res.facts += [fact, *([before] if before else []), _computed("达到年份", first, "年", s.name, first, fact.demo, 0),
                  _computed("所问水平", level, fact.unit, s.name, None, fact.demo, 0)]
    name, unit = _unit(snap, metric)
    res.values.update(subject=s.name, invented=s.invented, year=first, fact=fact, before=before, level=level,
                      first_data_year=min(series), metric_name=name, unit=unit)
    res.vintage = fact.vintage
    return res


def _scope_clusters(snap: Snapshot, part: Part) -> list[str]:
    scope = part.scope
    names = list(snap.clusters)
    if scope.kind == "city" and scope.within:
        names = [c for c in names if snap.clusters[c].city == scope.within]
    elif scope.kind == "county" and scope.within:
        names = [c for c in names if snap.clusters[c].county == scope.within]
    elif scope.kind == "filter" and scope.entities:
        names = [e.name for e in scope.entities if e.name in snap.clusters]
    if scope.sector:
        names = [c for c in names if snap.clusters[c].sector == scope.sector]
    return sorted(names)


def _year_of(part: Part, latest: int) -> int:
    return part.time.year if part.time.kind == "year" and part.time.year else latest


def extreme(snap: Snapshot, part: Part) -> Result:
    """The largest (or fastest-growing, or smallest) clusters inside a city, a county or a sector."""
    res = Result(part.op)
    metric = part.measure.metric
    name, unit = _unit(snap, metric)
    latest = snap.latest_year(metric) or 0
    members = _scope_clusters(snap, part)
    rows = []
    if part.members == "counties":
        return _extreme_counties(snap, part, members, latest)
    if part.measure.growth:
        window = part.time.kind == "window" and part.time.start is not None and part.time.end is not None
        start = part.time.start if window else None
        end: int = (part.time.end or latest) if window else _year_of(part, latest)
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
        year = _year_of(part, latest)
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
            res.facts.append(_computed(f"{name}增速", value, "%", c, year, bool(fig and fig.demo)))
            base = snap.figure(c, metric, first_year) if first_year else None
            if base is not None:
                res.facts.append(base.to_fact())
        out.append({"cluster": c, "invented": info.invented, "county": info.county, "value": value,
                    "figure": fig, "from": first_year, "year": year})
    res.facts.append(_computed("参与比较的集群数", len(rows), "个", part.scope.within or PROVINCE, None,
                               any(f.demo for f in res.facts), 0))
    res.values.update(rows=out, within=part.scope.within or ("" if part.scope.kind == "filter" else PROVINCE),
                      growth=part.measure.growth, metric_name=name,
                      unit=unit, compared=len(rows), ascending=part.op == "argmin", sector=part.scope.sector)
    return res


def _extreme_counties(snap: Snapshot, part: Part, members: list[str], latest: int) -> Result:
    """The county (县/县级市) of a city with the largest (smallest) total of its clusters."""
    res = Result("argmax_county")
    metric = part.measure.metric
    name, unit = _unit(snap, metric)
    year = _year_of(part, latest)
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
    res.facts.append(_computed("参与比较的县（市）数", len(rows), "个", part.scope.within or PROVINCE, None,
                               chosen[0][1].demo, 0))
    res.named = [("county", c) for c, _ in chosen]
    res.values.update(rows=[{"county": c, "figure": f} for c, f in chosen], within=part.scope.within or PROVINCE,
                      compared=len(rows), ascending=part.op == "argmin", metric_name=name, unit=unit, year=year)
    return res


def province_count(snap: Snapshot, part: Part) -> Result:
    """How many clusters of the province stand at or above a level (or in all) in a year."""
    res = Result("count")
    metric = part.measure.metric
    year = _year_of(part, snap.latest_year(metric) or 0)
    level = part.level
    members = []
    scope = _scope_clusters(snap, part)
    for c in scope:
        v = snap.value(c, metric, year)
        if level is None or (v is not None and v.value >= level):
            before = snap.value(c, metric, year - 1)
            if part.newly and level is not None and (before is None or before.value >= level):
                continue  # "新迈入": below the level the year before
            members.append(c)
    demo = any(v.demo for c in scope if (v := snap.value(c, metric, year)) is not None)
    members.sort(key=lambda c: -(v.value if (v := snap.value(c, metric, year)) is not None else 0))
    counties = sorted({snap.clusters[c].county for c in members})
    if part.members == "counties":
        res.facts.append(_computed("县（市）个数", len(counties), "个", PROVINCE, year, demo, 0))
    res.facts.append(_computed("集群个数", len(members), "个", PROVINCE, year, demo, 0))
    listed = []
    if (part.list_names and len(members) <= 30) or (part.scope.within and len(members) <= 10):
        for c in members:
            fig = snap.figure(c, metric, year)
            if fig is not None:
                res.facts.append(fig.to_fact())
            listed.append({"cluster": c, "invented": snap.clusters[c].invented, "figure": fig})
    name, unit = _unit(snap, metric)
    where = part.scope.within or PROVINCE
    if level is not None:
        res.facts.append(_computed("所问水平", level, unit, where, None, demo, 2))
    res.facts.append(_computed("集群总数", len(scope), "个", where, year, demo, 0))
    res.values.update(count=len(members), level=level, year=year, total=len(scope), listed=listed,
                      counties=len(counties) if part.members == "counties" else None,
                      all_counties=len(snap.counties), within=part.scope.within, sector=part.scope.sector,
                      metric_name=name, unit=unit, newly=part.newly)
    res.vintage = snap.data_vintage.split(":")[-1] if ":" in snap.data_vintage else None
    return res


def place_total(snap: Snapshot, part: Part) -> Result:
    """A city's or county's total over its clusters, and its share of the province's total."""
    res = Result("place_total")
    metric = part.measure.metric
    year = _year_of(part, snap.latest_year(metric) or 0)
    name, unit = _unit(snap, metric)
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
        res.facts += [before, _computed(f"{name}比上年变化", change, unit, s.name, year, fig.demo),
                      _computed(f"{name}比上年增速", (num(fig) / num(before) - 1) * 100, "%", s.name, year, fig.demo)]
    res.facts += [fig, Fact(name=f"全省集群{name}合计", value=round(whole[0], 1), unit=unit, year=year, entity=PROVINCE,
                            source=fig.source, demo=fig.demo, vintage=fig.vintage)]
    if share is not None:
        res.facts.append(_computed(f"占全省集群{name}比重", share, "%", s.name, year, fig.demo))
    res.values.update(subject=s.name, fig=fig, whole=whole[0], share=share, year=year, metric_name=name, unit=unit,
                      clusters=len(s.clusters), change=change,
                      rate=None if before is None or not num(before) else (num(fig) / num(before) - 1) * 100)
    res.vintage = fig.vintage
    return res


def combined(snap: Snapshot, part: Part) -> Result:
    """Several named places or clusters added up in one year (ratios such as R&D intensity are not added)."""
    res = Result("combined")
    metric = part.measure.metric
    name, unit = _unit(snap, metric)
    year = _year_of(part, snap.latest_year(metric) or 0)
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
    res.facts.append(_computed(f"{name}合计", total, unit, "、".join(r["subject"] for r in rows), year,
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
    year = _year_of(part, snap.latest_year(metric) or 0)
    clusters = list(snap.clusters)
    name, unit = _unit(snap, metric)
    found = group_value(snap, clusters, metric, year)
    if found is None:
        res.missing.append(f"{year}年{name}")
        return res
    value, rows = found
    source, vintage, demo = provenance(rows)
    res.facts.append(Fact(name=f"全省集群{name}合计", value=round(value, 1), unit=unit, year=year, entity=PROVINCE,
                          source=source, demo=demo, vintage=vintage or None))
    before = group_value(snap, clusters, metric, year - 1)
    change = delta = None
    if before is not None and before[0] > 0:
        change = (value / before[0] - 1) * 100
        delta = value - before[0]
        res.facts.append(_computed(f"全省集群{name}比上年变化", delta, unit, PROVINCE, year, demo))
        res.facts.append(Fact(name=f"全省集群{name}合计", value=round(before[0], 1), unit=unit, year=year - 1,
                              entity=PROVINCE, source=source, demo=demo, vintage=vintage or None))
        res.facts.append(_computed(f"全省集群{name}增速", change, "%", PROVINCE, year, demo))
    res.facts.append(_computed("集群个数", len(rows), "个", PROVINCE, year, demo, 0))
    trade = snap.province_totals.get(("province_trade_total", year)) if metric == "exports" else None
    share = value / trade.value * 100 if trade and trade.value else None
    if trade is not None and share is not None:
        res.facts.append(Fact(name="全省货物进出口总额", value=trade.value, unit=trade.unit, year=year, entity=PROVINCE,
                              source=trade.source, demo=trade.demo))
        res.facts.append(_computed("集群进出口占全省比重", share, "%", PROVINCE, year, demo))
    res.values.update(value=value, year=year, metric_name=name, unit=unit, count=len(rows), change=change,
                      delta=None if metric == "rd_intensity" else delta,
                      weighted=metric == "rd_intensity", share=share, trade=trade.value if trade else None)
    res.vintage = vintage or None
    return res


def city_rank(snap: Snapshot, part: Part) -> Result:
    """Cities ranked by the total of their clusters."""
    res = Result("city_rank")
    metric = part.measure.metric
    year = _year_of(part, snap.latest_year(metric) or 0)
    name, unit = _unit(snap, metric)
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
            res.facts.append(_computed(f"集群{name}合计增速", value, "%", city, year, demo))
        else:
            res.facts.append(Fact(name=f"集群{name}合计", value=round(value, 1), unit=unit, year=year, entity=city,
                                  source="demo" if demo else "computed", demo=demo))
        res.facts.append(_computed("名次", i, "名", city, year, demo, 0))
    res.facts.append(_computed("地级市个数", len(rows), "个", PROVINCE, year, demo, 0))
    res.values.update(rows=[{"city": c, "value": v} for c, v in shown], year=year, metric_name=name, unit=unit,
                      total=len(rows), ascending=part.ascending, growth=part.measure.growth)
    return res


def compare(snap: Snapshot, part: Part) -> Result:
    """Two places or clusters side by side on the measure asked (size, or growth)."""
    res = Result("compare")
    metric = part.measure.metric
    name, unit = _unit(snap, metric)
    latest = snap.latest_year(metric) or 0
    year = _year_of(part, latest)
    rows = []
    for e in part.scope.entities:
        s = subject(snap, e)
        if part.largest and e.kind != "cluster" and s.clusters:  # a county stands for its largest cluster
            best = max(s.clusters, key=lambda c: v.value if (v := snap.value(c, metric, year)) is not None else -1)
            s = Subject(snap, "cluster", best, [best])
        fig = s.fact(metric, year)
        if fig is None:
            res.missing.append(f"{s.name} {year}年{name}")
            continue
        res.facts.append(fig)
        rate = None
        if part.measure.growth:
            if part.time.kind == "window" and part.time.start is not None:
                base_year = part.time.start
                base = s.value(metric, base_year)
                rate = cagr(base or 0, num(fig), year - base_year) if base else None
            else:
                base_year = year - 1
                rate = yoy(s.value(metric, base_year), num(fig))
            if rate is not None:
                rate *= 100
                res.facts.append(_computed(f"{name}增速", rate, "%", s.name, year, fig.demo))
        rows.append({"subject": s.name, "invented": s.invented, "figure": fig, "rate": rate})
        res.vintage = fig.vintage
    if len(rows) == 2:
        key = "rate" if part.measure.growth else None
        a, b = (rows[0][key], rows[1][key]) if key else (rows[0]["figure"].value, rows[1]["figure"].value)
        if a is not None and b is not None:
            diff = a - b
            # a difference of two rates is in percentage points; the grounding reads it as a rate (%)
            res.facts.append(_computed("增速差距" if key else "差值", abs(diff), "%" if key else unit,
                                       rows[0]["subject"], year, rows[0]["figure"].demo))
            res.values["diff"] = diff
    res.values.setdefault("diff", None)
    res.values.update(rows=rows, metric_name=name, unit=unit, year=year, growth=part.measure.growth,
                      window=part.time.start if part.time.kind == "window" else None)
    return res


OPERATIONS: dict[str, Callable[[Snapshot, Part], Result | None]] = {
    "project": project,
    "series": series,
    "change": change,
    "cagr": window_growth,
    "yearly_changes": window_growth,
    "crossed_year": crossed_year,
    "argmax": extreme,
    "argmin": extreme,
    "count": province_count,
    "aggregate": province_total,
    "city_rank": city_rank,
    "compare": compare,
    "combined": combined,
}


def execute(snap: Snapshot, part: Part) -> Result | None:
    """The result of one part, or None when this operation hands the part back to the kind path."""
    result = OPERATIONS[part.op](snap, part)
    if result is not None and not result.named:
        rows = result.values.get("rows") or result.values.get("listed") or []
        result.named = [("cluster", r["cluster"]) for r in rows if isinstance(r, dict) and "cluster" in r]
        if not result.named:
            result.named = [(e.kind, e.name) for e in part.scope.entities]
    return result
