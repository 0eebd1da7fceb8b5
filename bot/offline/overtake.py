"""The year one place or cluster passes another when each grows at a rate (A哪年能超过B / catch up with B)."""

from __future__ import annotations

import math

from clusterbot.bot.offline.execute_base import Result, computed, num, subject, unit_of
from clusterbot.bot.offline.query import Part
from clusterbot.tools.growth import MAX_HORIZON_YEARS, cagr, yoy
from clusterbot.tools.snapshot import Snapshot


def overtake(snap: Snapshot, part: Part) -> Result:
    """Each side grows at the rate the asker states, at its own year-on-year rate of the latest year (part.pace_from
    is None), or at its own compound pace since part.pace_from; the first year the first side's figure is at or
    above the second's, or none within the horizon when it never catches up."""
    res = Result("overtake")
    metric = part.measure.metric
    name, unit = unit_of(snap, metric)
    latest = snap.latest_year(metric) or 0
    sides = []
    for e in part.scope.entities[:2]:
        s = subject(snap, e)
        fig = s.fact(metric, latest)
        if fig is None:
            res.missing.append(f"{s.name} {latest}年{name}")
            continue
        if part.rate is not None:
            rate = part.rate
        elif part.pace_from is not None:
            start = s.value(metric, part.pace_from)
            rate = cagr(start, num(fig), latest - part.pace_from) if start else None
            first = s.fact(metric, part.pace_from)
            if first is not None:
                res.facts.append(first)
        else:
            rate = yoy(s.value(metric, latest - 1), num(fig))
        if rate is None:
            res.missing.append(f"{s.name}的增速")
            continue
        res.facts += [fig, computed(f"{name}增速", rate * 100, "%", s.name, latest, fig.demo)]
        sides.append({"subject": s.name, "invented": s.invented, "figure": fig, "rate": rate * 100})
        res.vintage = fig.vintage
    if res.missing:
        return res
    a, b = sides
    year = _passing_year(num(a["figure"]), a["rate"] / 100, num(b["figure"]), b["rate"] / 100)
    demo = a["figure"].demo
    at = {}
    if year is not None and year > 0:
        at = {k: num(side["figure"]) * (1 + side["rate"] / 100) ** year for k, side in (("a", a), ("b", b))}
        res.facts += [computed("超过年份", latest + year, "年", a["subject"], None, demo, 0),
                      computed(f"按增速{latest + year}年{name}", at["a"], unit, a["subject"], latest + year, demo),
                      computed(f"按增速{latest + year}年{name}", at["b"], unit, b["subject"], latest + year, demo)]
    res.values.update(a=a, b=b, year=None if year is None else latest + year, ahead=year == 0, at=at,
                      latest=latest, metric_name=name, unit=unit, stated=part.rate is not None,
                      pace_from=part.pace_from)
    return res


def _passing_year(a: float, ra: float, b: float, rb: float) -> int | None:
    """Years from now until a·(1+ra)^n ≥ b·(1+rb)^n: 0 when already, None when never within the horizon."""
    if a >= b:
        return 0
    if a <= 0 or ra <= rb:
        return None
    n = math.ceil(math.log(b / a) / (math.log1p(ra) - math.log1p(rb)) - 1e-9)
    while n > 1 and a * (1 + ra) ** (n - 1) >= b * (1 + rb) ** (n - 1):
        n -= 1
    while a * (1 + ra) ** n < b * (1 + rb) ** n:
        n += 1
    return n if n <= MAX_HORIZON_YEARS else None
