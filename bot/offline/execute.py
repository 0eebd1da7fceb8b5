"""The executor: one function per operation of a Part, over the in-memory indicator snapshot.

Each returns a `Result`: the values its template shows, the facts behind every number (with entity,
measure, year and role), the assumptions it made and what it could not find. A new operation is one
function registered in OPERATIONS, one template pair under prompts/templates/answer/ops/ and its tests.
"""

from __future__ import annotations

from collections.abc import Callable

from clusterbot.bot.offline.execute_base import (
    Result,
    computed,
    largest_cluster,
    num,
    subject,
    subject_of,
    unit_of,
    year_of,
)
from clusterbot.bot.offline.extremes import extreme
from clusterbot.bot.offline.overtake import overtake
from clusterbot.bot.offline.query import Part
from clusterbot.bot.offline.totals import city_rank, combined, province_count, province_total
from clusterbot.tools.growth import cagr, crossing_year, yoy
from clusterbot.tools.policy_targets import TIERS
from clusterbot.tools.snapshot import Snapshot


def project(snap: Snapshot, part: Part) -> Result:
    """The year a stated yearly rate takes a subject to a level, or its value in a given year at that rate."""
    s = subject_of(snap, part)
    metric, rate = part.measure.metric, part.rate or 0.0
    latest = max(s.series(metric), default=None)
    if latest is not None and part.level in TIERS and metric == "revenue":  # a place reaches a tier by one cluster
        s = largest_cluster(s, metric, latest)
    res = Result("project")
    if latest is None:
        res.missing.append(s.name)
        return res
    base = s.fact(metric, latest)
    assert base is not None
    res.facts.append(base)
    if part.rate is None and part.pace_from is not None:  # the subject's own compound pace since that year
        start = s.series(metric).get(part.pace_from)
        if not start or latest <= part.pace_from:
            res.missing.append(f"{s.name} {part.pace_from}年")
            return res
        rate = cagr(start, num(base), latest - part.pace_from) or 0.0
        first = s.fact(metric, part.pace_from)
        if first is not None:
            res.facts.append(first)
    res.facts.append(computed("假定年增速", rate * 100, "%", s.name, None, base.demo))
    res.values["pace_from"] = part.pace_from if part.rate is None else None
    name, unit = unit_of(snap, metric)
    res.values.update(subject=s.name, invented=s.invented, base=base, rate=rate * 100, metric_name=name, unit=unit,
                      level=part.level, year=None, reached=None, value_at=None, by_year=False, meets=None)
    if part.level is not None and part.time.kind == "year" and part.time.year is not None:
        # "每年涨8%，2027年能到1.4万亿吗": the value that year against the level
        value = num(base) * (1 + rate) ** (part.time.year - latest)
        res.values.update(year=part.time.year, value_at=value, meets=value >= part.level, by_year=True)
        res.facts += [computed(f"按假定增速{part.time.year}年{name}", value, unit, s.name, part.time.year, base.demo),
                      computed("所问水平", part.level, unit, s.name, None, base.demo)]
        if value < part.level:
            res.facts.append(computed("差额", part.level - value, unit, s.name, part.time.year, base.demo))
    elif part.level is not None:
        year = crossing_year(num(base), latest, part.level, rate) if rate > 0 or num(base) >= part.level else None
        res.values.update(year=year, reached=num(base) >= part.level)
        res.facts.append(computed("所问水平", part.level, unit, s.name, None, base.demo))
        if year is not None:
            res.facts.append(computed("按假定增速达到年份", year, "年", s.name, None, base.demo, 0))
    elif part.time.year is not None:
        years = part.time.year - latest
        value = num(base) * (1 + rate) ** years
        res.values.update(year=part.time.year, value_at=value)
        res.facts.append(computed(f"按假定增速{part.time.year}年{name}", value, unit, s.name, part.time.year,
                                   base.demo))
    res.vintage = base.vintage
    return res


def window_growth(snap: Snapshot, part: Part) -> Result:
    """Average (compound) growth over a window, or the change of each of its years."""
    res = Result(part.op)
    metric = part.measure.metric
    name, unit = unit_of(snap, metric)
    rows = []
    subjects = [subject(snap, e) for e in part.scope.entities] if part.scope.kind != "province" else \
        [subject_of(snap, part)]
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
                years.append({"year": y, "delta": series[y] - series[y - 1], "value": series[y],
                              "rate": None if change is None else change * 100})
                fig = s.fact(metric, y)  # each year's own figure beside its change
                if fig is not None and y != end:
                    res.facts.append(fig)
                res.facts.append(computed(f"{y}年{name}增量", series[y] - series[y - 1], unit, s.name, y, first.demo))
                if change is not None:
                    res.facts.append(computed(f"{y}年{name}增速", change * 100, "%", s.name, y, first.demo))
        res.facts += [first, last]
        if rate is not None:
            res.facts.append(computed(f"{start}—{end}年{name}年均增速", rate * 100, "%", s.name, end, first.demo))
        mean_delta = (num(last) - num(first)) / (end - start)
        res.facts.append(computed(f"{start}—{end}年{name}年均增量", mean_delta, unit, s.name, end, first.demo))
        rows.append({"subject": s.name, "invented": s.invented, "first": first, "last": last,
                     "rate": None if rate is None else rate * 100, "mean_delta": mean_delta, "years": years})
        res.vintage = last.vintage
    res.values.update(rows=rows, metric_name=name, unit=unit, start=part.time.start, end=part.time.end)
    return res


def value(snap: Snapshot, part: Part) -> Result:
    """Each named subject's value of the metric in the part's year (the latest when none is named)."""
    res = Result("value")
    metric = part.measure.metric
    name, unit = unit_of(snap, metric)
    rows = []
    for e in part.scope.entities:
        s = subject(snap, e)
        year = year_of(part, snap.latest_year(metric) or 0)
        fig = s.fact(metric, year)
        if fig is None:
            res.missing.append(f"{s.name} {year}年{name}")
            continue
        res.facts.append(fig)
        res.vintage = fig.vintage
        rows.append({"subject": s.name, "invented": s.invented, "year": year, "value": num(fig)})
    res.values.update(rows=rows, metric_name=name, unit=unit)
    return res


def series(snap: Snapshot, part: Part) -> Result:
    """Every year's value of a window (all the data's years when none is named), with each year's change."""
    res = Result("series")
    metric = part.measure.metric
    name, unit = unit_of(snap, metric)
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
                res.facts.append(computed(f"{y}年{name}增速", change * 100, "%", s.name, y, fig.demo))
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
    name, unit = unit_of(snap, metric)
    s = subject_of(snap, part)
    start, end = part.time.start or 0, part.time.end or 0
    first, last = s.fact(metric, start), s.fact(metric, end)
    if first is None or last is None:
        res.missing.append(f"{s.name} {start if first is None else end}年{name}")
        return res
    delta = num(last) - num(first)
    rate = (num(last) / num(first) - 1) * 100 if num(first) > 0 else None
    res.facts += [first, last, computed(f"{start}—{end}年{name}变化", delta, unit, s.name, end, last.demo)]
    if rate is not None:
        res.facts.append(computed(f"{start}—{end}年{name}增速", rate, "%", s.name, end, last.demo))
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
    res.facts += [fact, *([before] if before else []), computed("达到年份", first, "年", s.name, first, fact.demo, 0),
                  computed("所问水平", level, fact.unit, s.name, None, fact.demo, 0)]
    name, unit = unit_of(snap, metric)
    res.values.update(subject=s.name, invented=s.invented, year=first, fact=fact, before=before, level=level,
                      first_data_year=min(series), metric_name=name, unit=unit)
    res.vintage = fact.vintage
    return res






def compare(snap: Snapshot, part: Part) -> Result:
    """Two places or clusters side by side on the measure asked (size, or growth)."""
    res = Result("compare")
    metric = part.measure.metric
    name, unit = unit_of(snap, metric)
    latest = snap.latest_year(metric) or 0
    year = year_of(part, latest)
    rows = []
    for e in part.scope.entities:
        s = subject(snap, e)
        if part.largest:  # a county stands for its largest cluster
            s = largest_cluster(s, metric, year)
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
                res.facts.append(computed(f"{name}增速", rate, "%", s.name, year, fig.demo))
        rows.append({"subject": s.name, "invented": s.invented, "figure": fig, "rate": rate})
        res.vintage = fig.vintage
    if len(rows) == 2:
        key = "rate" if part.measure.growth else None
        a, b = (rows[0][key], rows[1][key]) if key else (rows[0]["figure"].value, rows[1]["figure"].value)
        if a is not None and b is not None:
            diff = a - b
            if part.ratio and b:
                res.values["ratio"] = a / b
                res.facts.append(computed("倍数", a / b, "倍", rows[0]["subject"], year, rows[0]["figure"].demo, 2))
            # a difference of two rates is in percentage points; the grounding reads it as a rate (%)
            res.facts.append(computed("增速差距" if key else "差值", abs(diff), "%" if key else unit,
                                       rows[0]["subject"], year, rows[0]["figure"].demo))
            res.values["diff"] = diff
    res.values.setdefault("diff", None)
    res.values.setdefault("ratio", None)
    res.values.update(rows=rows, metric_name=name, unit=unit, year=year, growth=part.measure.growth,
                      window=part.time.start if part.time.kind == "window" else None)
    return res


OPERATIONS: dict[str, Callable[[Snapshot, Part], Result | None]] = {
    "value": value,
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
    "overtake": overtake,
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
